/* One step: the wiring diagram of the data flow. Each stage reads the outputs of the stages
 * upstream of it (kn_X_in) and is stepped on its clock (src/core/stage.h):
 *
 *   protocol -> mechanics -> nerve, tissue -> neuromuscular --(last step's)--> circulation
 *   systemic (pressures, core temperature) -> circulation -> neuromuscular (K+, temperature, next
 *   step) -> region outcome -> events -> recorder
 *
 * A stage that fails (a kn_errno, e.g. a quantity no longer finite) stops the run: kn_step returns
 * the error and kn_data_error_stage / kn_data_error_time say where and when. */
#include <math.h>
#include <stdio.h>

#include "mechanics/contact_path.h"
#include "sim/sim_internal.h"

/* Surface loads per region, and stress at every nerve and muscle from every hand (linear
 * elasticity: the stresses of several hands add). */
static void mechanics_step(const kn_model *m, kn_data *d) {
  for (int r = 0; r < m->nregion; r++) {
    d->region_p[r] = d->region_f[r] = d->region_shear[r] = d->region_rate[r] = 0.0;
    d->region_deep_shear[r] = 0.0;
    d->region_transient[r] = 1;
  }
  for (int n = 0; n < m->nnerve; n++)
    d->nerve_p[n] = d->nerve_len[n] = 0.0;
  for (int k = 0; k < m->nmuscle; k++)
    d->muscle_p[k] = 0.0;

  for (int s = 0; s < m->nslot; s++) {
    const kn_contact *c = &d->contacts[s];
    if (c->region < 0) continue;
    int r = m->region_local[c->region];
    if (c->force_rate > d->region_rate[r]) d->region_rate[r] = c->force_rate;
    if (!c->active) continue;
    if (c->p > d->region_p[r]) d->region_p[r] = c->p;
    if (c->force > d->region_f[r]) d->region_f[r] = c->force;
    double shear = c->shear / c->area;
    if (shear > d->region_shear[r]) d->region_shear[r] = shear;
    /* shear at depth: on the contact's axis, where the closed form holds */
    double deep = kn_boussinesq_axis_shear(c->p, c->radius, m->mid_muscle[r], m->par.poisson_ratio);
    if (deep > d->region_deep_shear[r]) d->region_deep_shear[r] = deep;
    if (c->t_contact >= m->par.iso_transient_time) d->region_transient[r] = 0;

    /* the path to depth is shared with the safety monitor (src/mechanics/contact_path.c) */
    kn_disc_load load = {c->x, c->y, c->radius, c->p};
    double best = 0.0;
    for (int n = 0; n < m->nnerve; n++) {
      if (m->nerve_region[n] != r) continue;
      const kn_nerve *nv = kn_atlas_nerve((size_t)m->nerves[n]);
      double z = m->nerve_depth[n];
      double sz = kn_path_nerve_pressure(&m->stress, m->par.bone_backing_gain, nv, z, &load);
      d->nerve_p[n] += sz;
      if (sz > best) { /* the hand that loads it most sets the loaded length */
        best = sz;
        d->nerve_len[n] = kn_path_nerve_loaded_length(z, &load);
      }
    }
    for (int k = 0; k < m->nmuscle; k++) {
      if (m->muscle_region[k] != r) continue;
      const kn_muscle *mu = kn_atlas_muscle((size_t)m->muscles[k]);
      d->muscle_p[k] += kn_path_muscle_pressure(&m->stress, mu, m->muscle_depth[k], &load);
    }
  }
  for (int r = 0; r < m->nregion; r++)
    d->region_pain[r] = d->region_p[r] > 0.0
                            ? kn_pain_probability(d->region_p[r], m->ppt_mean[r], m->ppt_sd[r])
                            : 0.0;
}

static void nerve_step(const kn_model *m, kn_data *d) {
  double dt = d->dt;
  for (int n = 0; n < m->nnerve; n++) {
    kn_nerve_state *s = &d->nerve_state[n];
    kn_nerve_grade before = s->grade;
    kn_nerve_step(&m->nerve, s, d->nerve_p[n], d->nerve_len[n], dt);
    if (s->grade > before) d->nerve_out[n].t_grade = d->t; /* the step's start, as events */
  }
}

static void tissue_step(const kn_model *m, kn_data *d) {
  double dt = d->dt;
  for (int k = 0; k < m->nmuscle; k++)
    kn_muscle_step(&m->tissue, &d->muscle_state[k], d->muscle_p[k], dt);
  /* soreness load: time integral of (pressure / pain threshold)^2 per region worked, so deep work
   * counts much more than light strokes and every stroke counts a little */
  for (int r = 0; r < m->nregion; r++) {
    double x = d->region_p[r] / m->ppt_mean[r];
    d->soreness_load += x * x * dt;
    d->region_out[r].soreness_load += x * x * dt;
  }
}

/* Peaks and times per region against the ISO limits, pain and bruise references. */
static void region_outcome_step(const kn_model *m, kn_data *d) {
  double dt = d->dt;
  for (int r = 0; r < m->nregion; r++) {
    kn_region_outcome *o = &d->region_out[r];
    double factor =
        d->region_transient[r] && m->transient_ok[r] ? m->par.iso_transient_factor : 1.0;
    double pr = d->region_p[r] / (m->p_limit[r] * factor);
    double fr = d->region_f[r] / (m->f_limit[r] * factor);
    if (d->region_p[r] > o->p_peak) o->p_peak = d->region_p[r];
    if (d->region_f[r] > o->f_peak) o->f_peak = d->region_f[r];
    if (pr > o->p_ratio) o->p_ratio = pr;
    if (fr > o->f_ratio) o->f_ratio = fr;
    if (pr > 1.0 || fr > 1.0) o->t_over_limit += dt;
    if (d->region_p[r] > m->par.capillary_closing) o->t_occluded += dt;
    if (d->region_pain[r] > o->pain_peak) o->pain_peak = d->region_pain[r];
    if (d->region_pain[r] > m->par.pain_probability_event) o->t_pain += dt;
    if (d->region_shear[r] > o->shear_peak) o->shear_peak = d->region_shear[r];
    if (d->region_deep_shear[r] > o->deep_shear_peak) o->deep_shear_peak = d->region_deep_shear[r];
    double bruise = fmax(fr, d->region_shear[r] / m->tissue.shear_ref);
    if (bruise > o->bruise_index) o->bruise_index = bruise;
    o->bruise_dose += kn_bruise_dose_rate(bruise) * dt;
    if (d->region_rate[r] > o->force_rate_peak) o->force_rate_peak = d->region_rate[r];
  }
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

static double nm_sum(const kn_model *m, const kn_data *d) {
  double sum = 0.0;
  for (int i = 0; i < m->nm.nmuscle; i++)
    sum += d->nm[i].frac;
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
  for (int i = 0; i < m->nm.nmuscle; i++)
    d->nm_activation[i] = d->nm[i].frac;
  kn_circ_in in = {.t = d->t,
                   .contacts = d->contacts,
                   .ncontact = m->nslot,
                   .region_p = d->region_p,
                   .muscle_p = d->muscle_p,
                   .nm_activation = d->nm_activation,
                   .core_temp = d->sys_o.now->core_temp,
                   .systolic = d->sys_o.now->systolic,
                   .diastolic = d->sys_o.now->diastolic};
  int rc = kn_circ_step(&m->circ, &in, &d->circ_s, &d->circ_o, d->circ_elapsed);
  d->circ_elapsed = 0.0;
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
  if (!d->quiet && d->t >= m->plan_end && kn_nm_quiet(m, d)) d->quiet = 1;
  double left = m->duration - d->t;
  d->dt = d->quiet ? fmin(fmax(m->session.record_interval, KN_CIRC_PERIOD), left) : m->session.dt;
}

static int finished(const kn_model *m, const kn_data *d) {
  return d->t >= m->duration - 0.5 * m->session.dt;
}

/* The end of the run: the stages' finish, in the order of the data flow. */
static void finish_run(const kn_model *m, kn_data *d) {
  kn_nm_finish(m, d);
  kn_systemic_in sys_in = {.t = d->t, .soreness_load = d->soreness_load};
  kn_systemic_finish(&m->sys, &sys_in, &d->sys, &d->sys_o);
  kn_events_orthostatic(&d->events_o, d->t, &d->sys_o.outcome);
  kn_events_finish(&m->events, NULL, &d->events_s, &d->events_o);
  kn_recorder_flush(m, d);
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
  }
  mechanics_step(m, d);
  STAGE(KN_STAGE_MECHANICS, FINITE(load_sum(m, d)));
  nerve_step(m, d);
  STAGE(KN_STAGE_NERVE, FINITE(nerve_sum(m, d)));
  tissue_step(m, d);
  STAGE(KN_STAGE_TISSUE, FINITE(tissue_sum(m, d)));
  if (!d->quiet) {
    kn_nm_step(m, d);
    STAGE(KN_STAGE_NEUROMUSCULAR, FINITE(nm_sum(m, d)));
  }
  if (circ_clock_due(m, d)) {
    STAGE(KN_STAGE_SYSTEMIC, systemic_step(m, d));
    STAGE(KN_STAGE_CIRCULATION, circ_step(m, d));
  }
  region_outcome_step(m, d);
  STAGE(KN_STAGE_EVENTS, events_step(m, d));
  d->step++;
  d->t = d->quiet ? d->t + d->dt : (double)d->step * m->session.dt;
  kn_recorder_step(m, d);
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
