/* SPDX-License-Identifier: Apache-2.0 */
/* The data: every state variable and buffer of one simulation, carved from one allocation sized by
 * the model. Nothing is allocated after kn_data_create. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "sim/sim_internal.h"

static void layout(const kn_model *m, kn_data *d, kn_arena *a) {
  size_t nr = (size_t)m->nregion, nn = (size_t)m->nnerve, nm = (size_t)m->nmuscle;
  kn_protocol_init(&m->protocol, a, &d->protocol_s, &d->protocol_o);
  d->contacts = d->protocol_o.contacts;
  d->region_pain = d->protocol_o.region_pain; /* pain with its time course (protocol) */
  d->pain_flow = kn_arena_take(a, nr, sizeof(double));
  d->pain_work = kn_arena_take(a, nr, sizeof(double));
  d->loads = kn_arena_take(a, (size_t)m->nslot, sizeof(kn_contact_load));
  d->region_t_contact = kn_arena_take(a, nr, sizeof(double));
  d->nerve_t_grade = kn_arena_take(a, nn, sizeof(double));
  d->nerve_carry = kn_arena_take(a, nn, sizeof(kn_nerve_carry));
  d->region_p = kn_arena_take(a, nr, sizeof(double));
  d->region_f = kn_arena_take(a, nr, sizeof(double));
  d->region_shear = kn_arena_take(a, nr, sizeof(double));
  d->region_deep_shear = kn_arena_take(a, nr, sizeof(double));
  d->region_rate = kn_arena_take(a, nr, sizeof(double));
  d->region_transient = kn_arena_take(a, nr, sizeof(int));
  d->nerve_p = kn_arena_take(a, nn, sizeof(double));
  d->nerve_len = kn_arena_take(a, nn, sizeof(double));
  d->muscle_p = kn_arena_take(a, nm, sizeof(double));
  d->nerve_state = kn_arena_take(a, nn, sizeof(kn_nerve_state));
  d->muscle_state = kn_arena_take(a, nm, sizeof(kn_muscle_state));
  d->region_out = kn_arena_take(a, nr, sizeof(kn_region_outcome));
  d->nerve_out = kn_arena_take(a, nn, sizeof(kn_nerve_outcome));
  d->muscle_out = kn_arena_take(a, nm, sizeof(kn_muscle_outcome));
  kn_events_init(&m->events, a, &d->events_s, &d->events_o);
  kn_recorder_init(&m->rec, a, &d->rec, &d->rec_out); /* at most KN_SERIES_KEPT_ROWS rows */
  d->sample = kn_arena_take(a, m->rec.ncol, sizeof(double));
  kn_sim_nm_layout(m, d, a);
  kn_circ_init(&m->circ, a, &d->circ_s, &d->circ_o);
  d->circ = d->circ_o.region;
  d->circ_muscle = d->circ_o.muscle;
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
  kn_protocol_reset(&m->protocol, &d->protocol_s, &d->protocol_o);
  kn_nerve_stage_state nerve_s = {d->nerve_state};
  kn_nerve_stage_out nerve_o = {d->nerve_t_grade};
  kn_nerve_stage_reset_from(&m->nerve_stage, d->nerve_carried ? d->nerve_carry : NULL, &nerve_s,
                            &nerve_o);
  for (int n = 0; n < m->nnerve; n++)
    d->nerve_out[n] = (kn_nerve_outcome){.nerve = m->nerves[n], .t_grade = d->nerve_t_grade[n]};
  for (int k = 0; k < m->nmuscle; k++) {
    d->muscle_state[k] = (kn_muscle_state){0};
    d->muscle_out[k] = (kn_muscle_outcome){.muscle = m->muscles[k]};
  }
  for (int r = 0; r < m->nregion; r++) {
    d->region_out[r] = (kn_region_outcome){.region = m->regions[r]};
    d->pain_flow[r] = 1.0; /* resting flow, no work: no ischaemia before circulation steps */
    d->pain_work[r] = 0.0;
  }
  d->soreness_load = 0.0;
  kn_events_reset(&m->events, &d->events_s, &d->events_o);
  kn_recorder_reset(&m->rec, &d->rec, &d->rec_out);
  d->outcome = (kn_outcome){0};
  d->dt = m->session.dt;
  d->quiet = 0;
  d->circ_elapsed = 0.0;
  d->error = KN_OK;
  d->error_stage = KN_STAGE_NONE;
  d->error_time = 0.0;
  kn_nm_reset(&m->nm, &d->nm, &d->nm_out);
  kn_systemic_reset(&m->sys, &d->sys, &d->sys_o);
  kn_circ_reset(&m->circ, &d->circ_s, &d->circ_o);
  d->nm_circ_fresh = 1;
  d->nm_other_ended = 0;
  d->nm_percussion_was = 1; /* so the first step writes every flag */
}

int kn_data_carry_nerves(const kn_model *m, kn_data *d, const kn_nerve_carry *carry,
                         size_t ncarry) {
  if (!m || !d) return KN_EINVAL;
  d->nerve_carried = carry != NULL;
  for (int n = 0; carry && n < m->nnerve; n++) {
    size_t atlas = (size_t)m->nerves[n];
    d->nerve_carry[n] = atlas < ncarry ? carry[atlas] : (kn_nerve_carry){0};
  }
  kn_data_reset(m, d);
  return KN_OK;
}

void kn_data_nerve_carry(const kn_model *m, const kn_data *d, kn_nerve_carry *carry,
                         size_t ncarry) {
  for (int n = 0; n < m->nnerve; n++)
    if ((size_t)m->nerves[n] < ncarry)
      kn_nerve_carry_of(&m->nerve, &d->nerve_state[n], &carry[m->nerves[n]]);
}

double kn_data_time(const kn_data *d) {
  return d->t;
}

size_t kn_series_nrow(const kn_data *d) {
  return d->rec_out.nrow;
}

const double *kn_series_values(const kn_data *d) {
  return d->rec_out.rows;
}

double kn_series_interval(const kn_model *m, const kn_data *d) {
  return m->rec.interval * (double)d->rec_out.stride;
}

void kn_data_set_series_sink(kn_data *d, kn_series_sink sink, void *ctx) {
  d->rec.sink = sink;
  d->rec.sink_ctx = ctx;
}

int kn_data_has_series_sink(const kn_data *d) {
  return d->rec.sink != NULL;
}

size_t kn_data_bytes(const kn_data *d) {
  return d->bytes;
}

int kn_data_current_action(const kn_model *m, const kn_data *d) {
  for (int s = 0; s < m->nslot; s++)
    if (d->contacts[s].action >= 0) return d->contacts[s].action;
  return -1;
}

double kn_circ_muscle_temperature(const kn_model *m, const kn_data *d, int i) {
  (void)m;
  return d->circ_o.muscle[i].temperature;
}

int kn_action_active(const kn_model *m, int ai, double t, double *tau, int *rep) {
  return kn_action_phase(&m->session.actions[ai], m->action_start[ai], m->action_end[ai], t, tau,
                         rep);
}

void kn_event_instant(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                      double value, const char *unit, kn_evidence ev) {
  kn_events_instant(&d->events_o, d->t, kind, site_kind, site, action, value, unit, ev);
}

void kn_event_at(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                 double t_start, double t_end, double value, const char *unit, kn_evidence ev) {
  kn_events_at(&d->events_o, kind, site_kind, site, action, t_start, t_end, value, unit, ev);
}
