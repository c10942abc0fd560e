/* SPDX-License-Identifier: Apache-2.0 */
/* The recorder's wiring: this step's value of every column, gathered from the stages' outputs in
 * the order of the recorder's layout (src/recorder), in the unit each column is written in. */
#include "core/units.h"
#include "sim/sim_internal.h"

/* Current value of every column, in column order (the layout of src/recorder); the slow
 * columns (circulation and the whole body, from m->rec.col_slow on) only when `slow`. */
static void sample(const kn_model *m, const kn_data *d, double *v, int slow) {
  size_t c = 0;
  v[c++] = d->t;
  for (int s = 0; s < m->nslot; s++) {
    const kn_contact *k = &d->contacts[s];
    v[c++] = k->force;
    v[c++] = k->p / KN_KPA;
    v[c++] = k->force_rate;
  }
  for (int r = 0; r < m->nregion; r++)
    v[c++] = d->region_pain[r];
  for (int n = 0; n < m->nnerve; n++) {
    const kn_nerve_state *s = &d->nerve_state[n];
    v[c++] = d->nerve_p[n] / KN_MMHG;
    v[c++] = 100.0 * s->perfusion;
    v[c++] = 100.0 * s->conduction;
    v[c++] = s->injury_dose;
  }
  for (int k = 0; k < m->nmuscle; k++) {
    v[c++] = d->muscle_p[k] / KN_KPA;
    v[c++] = d->muscle_state[k].damage;
  }
  for (int k = 0; k < m->nm.nmuscle; k++) {
    v[c++] = d->nm_out.force[k];
    v[c++] = d->nm_out.emg[k];
    v[c++] = d->nm_out.firing_rate[k];
    v[c++] = d->nm_out.length[k];
  }
  if (!slow) return;
  for (int r = 0; r < m->nregion; r++) {
    const kn_circ_region *cr = &d->circ[r];
    v[c++] = cr->skin_flow;
    v[c++] = cr->muscle_flow;
    v[c++] = cr->skin_temp - KN_ZERO_CELSIUS;
    v[c++] = cr->muscle_temp - KN_ZERO_CELSIUS;
  }
  for (int k = 0; k < m->nm.nmuscle; k++) {
    v[c++] = d->circ_muscle[k].potassium;
    v[c++] = d->circ_muscle[k].lactate;
  }
  const kn_systemic *sy = &d->sys;
  v[c++] = sy->heart_rate / KN_BPM;
  v[c++] = sy->systolic / KN_MMHG;
  v[c++] = sy->diastolic / KN_MMHG;
  v[c++] = sy->cortisol;
  v[c++] = sy->core_temp - KN_ZERO_CELSIUS;
  v[c++] = sy->autonomic;
}

void kn_sim_record(const kn_model *m, kn_data *d) {
  /* a fresh row takes every column; else circulation and the whole body only when they updated */
  int slow = kn_recorder_fresh(&d->rec) || d->circ_elapsed == 0.0;
  sample(m, d, d->sample, slow);
  kn_recorder_in in = {d->t, d->sample, slow};
  kn_recorder_step(&m->rec, &in, &d->rec, &d->rec_out, d->dt);
}

void kn_sim_record_finish(const kn_model *m, kn_data *d) {
  kn_recorder_finish(&m->rec, &d->rec, &d->rec_out);
}
