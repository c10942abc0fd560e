/* One step, in the order of the data flow: protocol -> mechanics -> nerve -> tissue -> outcome
 * accumulation -> events -> recorder. */
#include <math.h>

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
  if (!d->quiet && d->t >= m->plan_end && kn_nm_quiet(&m->nm, &d->nm)) d->quiet = 1;
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
  if (!d->quiet) kn_sim_nm_step(m, d);
  circulation_step(m, d);
  region_outcome_step(m, d);
  kn_events_step(m, d);
  d->step++;
  d->t = d->quiet ? d->t + d->dt : (double)d->step * m->session.dt;
  kn_recorder_step(m, d);
  if (finished(m, d)) {
    kn_sim_nm_finish(m, d);
    kn_systemic_finish(m, d);
    kn_events_close_all(m, d);
    kn_recorder_flush(m, d);
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
