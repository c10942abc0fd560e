/* The recorder: every column reduced (max, min or last) over one record interval, so that a
 * decimated series keeps the peaks that matter. Values are stored in the unit the column's name
 * says. Every row goes to the caller's sink as it is made (the full series, streamed); memory keeps
 * at most KN_SERIES_KEPT_ROWS rows, reduced the same way two into one whenever they fill up, so a
 * run of any length records in the memory kn_data_create allocated. */
#include <math.h>
#include <string.h>

#include "core/units.h"
#include "sim/sim_internal.h"

/* Current value of every column, in column order (see layout_columns in model.c); the slow
 * columns (circulation and the whole body, from m->col_slow on) only when `slow`. */
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

/* dst becomes the reduction of itself and the later row src, column by column. */
static void reduce_into(const kn_model *m, double *dst, const double *src) {
  for (size_t c = 0; c < m->ncol; c++) {
    if (m->col_mode[c] == KN_COL_LAST)
      dst[c] = src[c];
    else if (m->col_mode[c] == KN_COL_MAX)
      dst[c] = fmax(dst[c], src[c]);
    else
      dst[c] = fmin(dst[c], src[c]);
  }
}

/* The kept rows are full: every two neighbours become one, so the kept series covers the run at
 * twice the interval and keeps every peak. */
static void halve_kept(const kn_model *m, kn_data *d) {
  size_t ncol = m->ncol, kept = 0;
  for (size_t r = 0; r < d->nrow; r += 2, kept++) {
    double *dst = d->series + kept * ncol;
    memmove(dst, d->series + r * ncol, ncol * sizeof(double));
    if (r + 1 < d->nrow) reduce_into(m, dst, d->series + (r + 1) * ncol);
  }
  d->nrow = kept;
  d->series_stride *= 2;
}

static void keep_pending(const kn_model *m, kn_data *d) {
  memcpy(d->series + d->nrow * m->ncol, d->series_pending, m->ncol * sizeof(double));
  d->nrow++;
  d->series_merged = 0;
}

/* One recorded row: to the sink as it is, and reduced into the rows kept in memory. */
static void commit(const kn_model *m, kn_data *d) {
  if (d->sink) d->sink(d->sink_ctx, d->row, 1, m->ncol);
  /* full: halve before a new kept row begins, so every kept row reduces the same number */
  if (d->series_merged == 0 && d->nrow == d->series_capacity) halve_kept(m, d);
  if (d->series_merged == 0)
    memcpy(d->series_pending, d->row, m->ncol * sizeof(double));
  else
    reduce_into(m, d->series_pending, d->row);
  if (++d->series_merged == d->series_stride) keep_pending(m, d);
}

void kn_recorder_step(const kn_model *m, kn_data *d) {
  /* fresh interval: the first sample sets every column */
  int fresh = d->row[0] < 0.0;
  /* circulation and the whole body change only when they update (every KN_CIRC_PERIOD) */
  int slow = fresh || d->circ_elapsed == 0.0;
  size_t ncol = slow ? m->ncol : m->col_slow;
  double *row = d->row, *val = d->sample;
  sample(m, d, val, slow);
  for (size_t c = 0; c < ncol; c++) {
    if (fresh || m->col_mode[c] == KN_COL_LAST)
      row[c] = val[c];
    else if (m->col_mode[c] == KN_COL_MAX)
      row[c] = fmax(row[c], val[c]);
    else
      row[c] = fmin(row[c], val[c]);
  }
  if (d->t + 1e-9 >= d->next_record) {
    commit(m, d);
    d->next_record += m->session.record_interval;
    row[0] = -1.0; /* marks the next interval fresh */
  }
}

void kn_recorder_flush(const kn_model *m, kn_data *d) {
  if (d->row[0] >= 0.0) commit(m, d);
  if (d->series_merged > 0) keep_pending(m, d); /* the last kept row, from fewer rows */
  d->row[0] = -1.0;
}
