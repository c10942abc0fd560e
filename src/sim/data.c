/* The data: every state variable and buffer of one simulation, carved from one allocation sized by
 * the model. Nothing is allocated after kn_data_create. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "sim/sim_internal.h"

/* Rows of the series kept in memory: the whole run if it is short, else KN_SERIES_KEPT_ROWS,
 * decimated as the run goes (recorder.c). Never more, whatever the session's length. */
static size_t series_rows(const kn_model *m) {
  return m->nrow_max < KN_SERIES_KEPT_ROWS ? m->nrow_max : KN_SERIES_KEPT_ROWS;
}

static void layout(const kn_model *m, kn_data *d, kn_arena *a) {
  size_t nr = (size_t)m->nregion, nn = (size_t)m->nnerve, nm = (size_t)m->nmuscle;
  d->contacts = kn_arena_take(a, (size_t)m->nslot, sizeof(kn_contact));
  d->region_p = kn_arena_take(a, nr, sizeof(double));
  d->region_f = kn_arena_take(a, nr, sizeof(double));
  d->region_shear = kn_arena_take(a, nr, sizeof(double));
  d->region_deep_shear = kn_arena_take(a, nr, sizeof(double));
  d->region_rate = kn_arena_take(a, nr, sizeof(double));
  d->region_pain = kn_arena_take(a, nr, sizeof(double));
  d->region_transient = kn_arena_take(a, nr, sizeof(int));
  d->nerve_p = kn_arena_take(a, nn, sizeof(double));
  d->nerve_len = kn_arena_take(a, nn, sizeof(double));
  d->muscle_p = kn_arena_take(a, nm, sizeof(double));
  d->nerve_state = kn_arena_take(a, nn, sizeof(kn_nerve_state));
  d->muscle_state = kn_arena_take(a, nm, sizeof(kn_muscle_state));
  d->region_out = kn_arena_take(a, nr, sizeof(kn_region_outcome));
  d->nerve_out = kn_arena_take(a, nn, sizeof(kn_nerve_outcome));
  d->muscle_out = kn_arena_take(a, nm, sizeof(kn_muscle_outcome));
  d->events = kn_arena_take(a, m->event_capacity, sizeof(kn_event));
  d->open_region = kn_arena_take(a, nr * KN_EV_COUNT, sizeof(int));
  d->open_nerve = kn_arena_take(a, nn * KN_EV_COUNT, sizeof(int));
  d->series = kn_arena_take(a, series_rows(m) * m->ncol, sizeof(double));
  d->series_pending = kn_arena_take(a, m->ncol, sizeof(double));
  d->row = kn_arena_take(a, m->ncol, sizeof(double));
  d->sample = kn_arena_take(a, m->ncol, sizeof(double));
  kn_sim_nm_layout(m, d, a);
  d->circ = kn_arena_take(a, nr, sizeof(kn_circ_region));
  d->circ_out = kn_arena_take(a, nr, sizeof(kn_circ_outcome));
  d->circ_act = kn_arena_take(a, nr, sizeof(double));
  d->circ_muscle = kn_arena_take(a, (size_t)m->nm.nmuscle, sizeof(kn_circ_muscle));
}

int kn_data_create(const kn_model *m, kn_data **out) {
  if (!m || !out) return KN_EINVAL;
  *out = NULL;
  kn_data *d = calloc(1, sizeof *d);
  if (!d) return KN_ENOMEM;
  kn_arena measure = {0};
  layout(m, d, &measure);
  d->block = malloc(measure.used ? measure.used : 1);
  if (!d->block) {
    free(d);
    return KN_ENOMEM;
  }
  kn_arena carve = {d->block, 0};
  layout(m, d, &carve);
  d->bytes = sizeof *d + measure.used;
  d->series_capacity = series_rows(m);
  d->event_capacity = m->event_capacity;
  kn_data_reset(m, d);
  *out = d;
  return KN_OK;
}

void kn_data_free(kn_data *d) {
  if (!d) return;
  free(d->block);
  free(d);
}

void kn_data_reset(const kn_model *m, kn_data *d) {
  d->t = 0.0;
  d->step = 0;
  kn_rng_seed(&d->rng, m->session.seed);
  for (int s = 0; s < m->nslot; s++) {
    kn_contact *c = &d->contacts[s];
    *c = (kn_contact){0};
    c->action = -1;
    c->region = -1;
    c->cursor = m->slot_first[s];
    c->ease = 1.0;
  }
  for (int n = 0; n < m->nnerve; n++) {
    kn_nerve_reset(&d->nerve_state[n]);
    d->nerve_out[n] = (kn_nerve_outcome){.nerve = m->nerves[n], .t_grade = -1.0};
  }
  for (int k = 0; k < m->nmuscle; k++) {
    d->muscle_state[k] = (kn_muscle_state){0};
    d->muscle_out[k] = (kn_muscle_outcome){.muscle = m->muscles[k]};
  }
  for (int r = 0; r < m->nregion; r++)
    d->region_out[r] = (kn_region_outcome){.region = m->regions[r]};
  for (size_t i = 0; i < (size_t)m->nregion * KN_EV_COUNT; i++)
    d->open_region[i] = -1;
  for (size_t i = 0; i < (size_t)m->nnerve * KN_EV_COUNT; i++)
    d->open_nerve[i] = -1;
  d->soreness_load = 0.0;
  d->nevent = d->nevent_dropped = 0;
  d->nrow = 0;
  d->series_stride = 1;
  d->series_merged = 0;
  d->next_record = m->session.record_interval; /* rows at record_interval, 2x, ... */
  memset(d->row, 0, m->ncol * sizeof(double));
  d->row[0] = -1.0;
  d->outcome = (kn_outcome){0};
  d->dt = m->session.dt;
  d->quiet = 0;
  d->circ_elapsed = 0.0;
  d->carotid_hyper_event = 0;
  d->carotid_open = -1;
  kn_nm_reset(&m->nm, &d->nm, &d->nm_out);
  kn_systemic_reset(m, d); /* first: the circulation reads the pressures */
  kn_circ_reset(m, d);
}

double kn_data_time(const kn_data *d) {
  return d->t;
}

size_t kn_series_nrow(const kn_data *d) {
  return d->nrow;
}

const double *kn_series_values(const kn_data *d) {
  return d->series;
}

double kn_series_interval(const kn_model *m, const kn_data *d) {
  return m->session.record_interval * (double)d->series_stride;
}

void kn_data_set_series_sink(kn_data *d, kn_series_sink sink, void *ctx) {
  d->sink = sink;
  d->sink_ctx = ctx;
}

int kn_data_has_series_sink(const kn_data *d) {
  return d->sink != NULL;
}

size_t kn_data_bytes(const kn_data *d) {
  return d->bytes;
}

int kn_data_current_action(const kn_model *m, const kn_data *d) {
  for (int s = 0; s < m->nslot; s++)
    if (d->contacts[s].action >= 0) return d->contacts[s].action;
  return -1;
}
