/* One step, in the order of the data flow: protocol -> mechanics -> nerve -> tissue (with the
 * regions' outcome accumulation) -> neuromuscular -> circulation -> events -> recorder. */
#include <math.h>

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
  kn_mechanics_out out = {d->region_p,    d->region_f,    d->region_shear,     d->region_deep_shear,
                          d->region_rate, d->region_pain, d->region_t_contact, d->region_transient,
                          d->nerve_p,     d->nerve_len,   d->muscle_p};
  kn_mechanics_step(&m->mech, &in, &out, d->dt);
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

/* Circulation and the whole body run on their own slower clock. */
static void circulation_step(const kn_model *m, kn_data *d) {
  d->circ_elapsed += d->dt;
  if (!d->quiet && d->step % (size_t)m->circ_every != 0) return;
  kn_systemic_step(m, d, d->circ_elapsed);
  kn_circ_step(m, d, d->circ_elapsed);
  d->circ_elapsed = 0.0;
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

int kn_step(const kn_model *m, kn_data *d) {
  if (finished(m, d)) return 0;
  choose_step(m, d);
  if (!d->quiet) kn_protocol_step(m, d);
  mechanics_step(m, d);
  nerve_step(m, d);
  tissue_step(m, d);
  if (!d->quiet) kn_nm_step(m, d);
  circulation_step(m, d);
  kn_events_step(m, d);
  d->step++;
  d->t = d->quiet ? d->t + d->dt : (double)d->step * m->session.dt;
  kn_sim_record(m, d);
  if (finished(m, d)) {
    kn_nm_finish(m, d);
    kn_systemic_finish(m, d);
    kn_events_close_all(m, d);
    kn_sim_record_finish(m, d);
    return 0;
  }
  return 1;
}

int kn_run(const kn_model *m, kn_data *d, void (*progress)(double fraction, void *ctx), void *ctx) {
  double every = m->duration / 100.0, next = every;
  while (kn_step(m, d))
    if (progress && d->t >= next) {
      progress(d->t / m->duration, ctx);
      next += every;
    }
  if (progress) progress(1.0, ctx);
  return KN_OK;
}
