/* SPDX-License-Identifier: Apache-2.0 */
/* One step: the wiring diagram of the data flow. Each stage reads the outputs of the stages
 * upstream of it (kn_X_in) and is stepped on its clock (src/core/stage.h):
 *
 *   protocol -> mechanics -> nerve, tissue (with the regions' outcome) -> neuromuscular
 *   --(last step's activation)--> circulation; systemic (pressures, core temperature) ->
 *   circulation -> neuromuscular (K+, temperature, next step) -> events -> recorder
 *
 * A stage that fails (a kn_errno, e.g. a quantity no longer finite) stops the run: kn_step returns
 * the error and kn_data_error_stage / kn_data_error_time say where and when. */
#include <math.h>
#include <stdio.h>

#include "sim/sim_internal.h"

/* The protocol's contacts as the mechanics stage reads them. */
static void contact_loads(const kn_model *m, kn_data *d) {
  for (int s = 0; s < m->nslot; s++) {
    const kn_contact *c = &d->contacts[s];
    d->loads[s] =
        (kn_contact_load){c->region, c->active, c->x,     c->y,          c->radius,   c->area,
                          c->p,      c->force,  c->shear, c->force_rate, c->t_contact};
  }
}

/* Surface loads per region, and stress at every nerve and muscle from every hand. */
static void mechanics_step(const kn_model *m, kn_data *d) {
  contact_loads(m, d);
  kn_mechanics_in in = {d->loads, m->nslot};
  kn_mechanics_out out = {d->region_p,    d->region_f,  d->region_shear,     d->region_deep_shear,
                          d->region_rate, NULL,         d->region_t_contact, d->region_transient,
                          d->nerve_p,     d->nerve_len, d->muscle_p};
  kn_mechanics_step(&m->mech, &in, &out, d->dt);
}

/* Pressures a session holds on a nerve segment (structure_pressure) act on the nerve directly,
 * beside any hand's: the higher wins, over the action's loaded length (0: the cuff-edge length). */
static void structure_pressures(const kn_model *m, kn_data *d) {
  for (int k = 0; k < m->nstructure; k++) {
    int ai = m->structure_actions[k], n = m->structure_nerve[k];
    if (!kn_action_active(m, ai, d->t, NULL, NULL)) continue;
    const kn_action *a = &m->session.actions[ai];
    if (a->pressure <= d->nerve_p[n]) continue;
    d->nerve_p[n] = a->pressure;
    d->nerve_len[n] = a->loaded_length > 0.0 ? a->loaded_length : m->nerve.edge_length;
  }
}

static void nerve_step(const kn_model *m, kn_data *d) {
  kn_nerve_stage_in in = {d->nerve_p, d->nerve_len, d->t};
  kn_nerve_stage_state st = {d->nerve_state};
  kn_nerve_stage_out out = {d->nerve_t_grade};
  kn_nerve_stage_step(&m->nerve_stage, &in, &st, &out, d->dt);
}

/* Muscles, soreness load and the regions' outcomes against the ISO limits, pain and bruise. */
static void tissue_step(const kn_model *m, kn_data *d) {
  kn_tissue_stage_in in = {d->region_p,          d->region_f,    d->region_shear,
                           d->region_deep_shear, d->region_rate, d->region_pain,
                           d->region_transient,  d->muscle_p};
  kn_tissue_stage_state st = {d->muscle_state};
  kn_tissue_stage_out out = {d->region_out, &d->soreness_load};
  kn_tissue_stage_step(&m->tissue_stage, &in, &st, &out, d->dt);
}

/* Records the first failure of a step: the error, the stage and the step's start time. */
static int fail(kn_data *d, kn_stage_id stage, int err, double t) {
  d->error = err;
  d->error_stage = stage;
  d->error_time = t;
  return err;
}

/* Cheap finiteness checks of each stage's key outputs: a handful of sums per step, no scans of the
 * big arrays (a NaN spreads into these sums within the step that made it). */
static double load_sum(const kn_model *m, const kn_data *d) {
  double sum = 0.0;
  for (int r = 0; r < m->nregion; r++)
    sum += d->region_p[r] + d->region_shear[r];
  for (int n = 0; n < m->nnerve; n++)
    sum += d->nerve_p[n];
  for (int k = 0; k < m->nmuscle; k++)
    sum += d->muscle_p[k];
  return sum;
}

static double nerve_sum(const kn_model *m, const kn_data *d) {
  double sum = 0.0;
  for (int n = 0; n < m->nnerve; n++)
    sum += d->nerve_state[n].ischaemia_peak + d->nerve_state[n].injury_dose;
  return sum;
}

static double tissue_sum(const kn_model *m, const kn_data *d) {
  double sum = d->soreness_load;
  for (int k = 0; k < m->nmuscle; k++)
    sum += d->muscle_state[k].damage;
  return sum;
}

/* 1 when the slower stages (KN_CLOCK_CIRC) are due this step; they then step over the time since
 * their last step. After the plan, every (longer) quiet step is one of theirs. */
static int circ_clock_due(const kn_model *m, kn_data *d) {
  d->circ_elapsed += d->dt;
  return d->quiet || d->step % (size_t)m->circ_every == 0;
}

/* The whole body: reads the hands, pain and the carotid sinus pressure; its reflex is an event. */
static int systemic_step(const kn_model *m, kn_data *d) {
  kn_systemic_in in = {.t = d->t,
                       .contacts = d->contacts,
                       .ncontact = m->nslot,
                       .region_pain = d->region_pain,
                       .carotid_p = m->carotid >= 0 ? d->nerve_p[m->carotid] : 0.0,
                       .soreness_load = d->soreness_load};
  int rc = kn_systemic_step(&m->sys, &in, &d->sys, &d->sys_o, d->circ_elapsed);
  if (rc) return rc;
  kn_events_carotid(&d->events_s, &d->events_o, d->t, d->sys_o.carotid_on, d->sys_o.carotid_rr,
                    m->carotid >= 0 ? m->nerves[m->carotid] : -1, kn_data_current_action(m, d));
  return KN_OK;
}

/* Local circulation: the hands and loads of this step, the whole body's pressures and core
 * temperature of this step, and the neuromuscular engine's activation of the last step (its K+
 * and temperature reach the engine at its next step). */
static int circ_step(const kn_model *m, kn_data *d) {
  kn_circ_in in = {.t = d->t,
                   .contacts = d->contacts,
                   .ncontact = m->nslot,
                   .region_p = d->region_p,
                   .muscle_p = d->muscle_p,
                   .nm_activation = d->nm_out.activation,
                   .core_temp = d->sys_o.now->core_temp,
                   .systolic = d->sys_o.now->systolic,
                   .diastolic = d->sys_o.now->diastolic};
  int rc = kn_circ_step(&m->circ, &in, &d->circ_s, &d->circ_o, d->circ_elapsed);
  for (int r = 0; r < m->nregion; r++) { /* ischaemic metabolites on the circulation's clock */
    d->pain_flow[r] = d->circ_o.region[r].muscle_mean;
    d->pain_work[r] = d->circ_o.region[r].activation;
  }
  kn_pain_in pain_in = {d->pain_flow, d->pain_work};
  kn_protocol_ischaemia_step(&m->protocol, &pain_in, &d->protocol_s, d->circ_elapsed);
  d->circ_elapsed = 0.0;
  d->nm_circ_fresh = 1;
  return rc;
}

/* Events: the conditions of this step's loads, nerves and muscles. */
static int events_step(const kn_model *m, kn_data *d) {
  kn_events_in in = {.t = d->t,
                     .contacts = d->contacts,
                     .ncontact = m->nslot,
                     .region_p = d->region_p,
                     .region_f = d->region_f,
                     .region_shear = d->region_shear,
                     .region_pain = d->region_pain,
                     .region_transient = d->region_transient,
                     .nerve_state = d->nerve_state,
                     .muscle_state = d->muscle_state};
  return kn_events_step(&m->events, &in, &d->events_s, &d->events_o, d->dt);
}

/* After the last action, once the muscles are still, nothing moves fast: the step grows to the
 * record interval and the neuromuscular engine rests (its outcome cannot change). */
static void choose_step(const kn_model *m, kn_data *d) {
  if (!d->quiet && d->t >= m->plan_end && kn_nm_quiet(&m->nm, &d->nm)) d->quiet = 1;
  double left = m->duration - d->t;
  d->dt = d->quiet ? fmin(fmax(m->session.record_interval, KN_CIRC_PERIOD), left) : m->session.dt;
}

static int finished(const kn_model *m, const kn_data *d) {
  return d->t >= m->duration - 0.5 * m->session.dt;
}

/* The end of the run: the stages' finish, in the order of the data flow. */
static void finish_run(const kn_model *m, kn_data *d) {
  kn_sim_nm_finish(m, d);
  kn_systemic_in sys_in = {.t = d->t, .soreness_load = d->soreness_load};
  kn_systemic_finish(&m->sys, &sys_in, &d->sys, &d->sys_o);
  kn_events_orthostatic(&d->events_o, d->t, &d->sys_o.outcome);
  kn_events_finish(&m->events, NULL, &d->events_s, &d->events_o);
  kn_sim_record_finish(m, d);
}

/* A stage's error (or a non-finite key output) ends the step and the run. */
#define STAGE(stage, call)                                                                         \
  do {                                                                                             \
    int rc_ = (call);                                                                              \
    if (rc_) return fail(d, stage, rc_, t0);                                                       \
  } while (0)
#define FINITE(value) (isfinite(value) ? KN_OK : KN_ENONFINITE)

int kn_step(const kn_model *m, kn_data *d) {
  if (d->error) return d->error;
  if (finished(m, d)) return 0;
  double t0 = d->t;
  choose_step(m, d);
  if (!d->quiet) {
    kn_protocol_in protocol_in = {.t = d->t};
    STAGE(KN_STAGE_PROTOCOL,
          kn_protocol_step(&m->protocol, &protocol_in, &d->protocol_s, &d->protocol_o, d->dt));
    kn_events_eased(&d->events_o, d->t, &d->protocol_o, m->nslot);
  } else {
    kn_protocol_lift(&m->protocol, &d->protocol_s); /* after the plan no hand or device presses */
  }
  kn_protocol_pain_step(&m->protocol, &d->protocol_s, &d->protocol_o, d->dt); /* fades when quiet */
  mechanics_step(m, d);
  structure_pressures(m, d);
  STAGE(KN_STAGE_MECHANICS, FINITE(load_sum(m, d)));
  nerve_step(m, d);
  STAGE(KN_STAGE_NERVE, FINITE(nerve_sum(m, d)));
  tissue_step(m, d);
  STAGE(KN_STAGE_TISSUE, FINITE(tissue_sum(m, d)));
  if (!d->quiet) STAGE(KN_STAGE_NEUROMUSCULAR, kn_sim_nm_step(m, d));
  if (circ_clock_due(m, d)) {
    STAGE(KN_STAGE_SYSTEMIC, systemic_step(m, d));
    STAGE(KN_STAGE_CIRCULATION, circ_step(m, d));
  }
  STAGE(KN_STAGE_EVENTS, events_step(m, d));
  d->step++;
  d->t = d->quiet ? d->t + d->dt : (double)d->step * m->session.dt;
  kn_sim_record(m, d);
  if (finished(m, d)) {
    finish_run(m, d);
    return 0;
  }
  return 1;
}

int kn_run(const kn_model *m, kn_data *d, void (*progress)(double fraction, void *ctx), void *ctx) {
  double every = m->duration / 100.0, next = every;
  int more;
  while ((more = kn_step(m, d)) > 0)
    if (progress && d->t >= next) {
      progress(d->t / m->duration, ctx);
      next += every;
    }
  if (more < 0) return more;
  if (progress) progress(1.0, ctx);
  return KN_OK;
}

static const char *const stage_names[] = {"none",   "protocol",      "mechanics",   "nerve",
                                          "tissue", "neuromuscular", "circulation", "systemic",
                                          "events", "recorder"};

const char *kn_stage_name(kn_stage_id s) {
  return (unsigned)s <= KN_STAGE_RECORDER ? stage_names[s] : "?";
}

int kn_data_error(const kn_data *d) {
  return d->error;
}

kn_stage_id kn_data_error_stage(const kn_data *d) {
  return d->error_stage;
}

double kn_data_error_time(const kn_data *d) {
  return d->error_time;
}

int kn_data_error_format(const kn_data *d, char *buf, size_t size) {
  if (!d->error) {
    if (size) buf[0] = '\0';
    return 0;
  }
  return snprintf(buf, size, "simulation failed at t = %.3f s in stage %s: %s", d->error_time,
                  kn_stage_name(d->error_stage), kn_strerror(d->error));
}
