/* The neuromuscular stage's wiring: fills its kn_nm_in from the protocol (the non-stroke actions
 * in progress, percussion), mechanics (pressure on the bellies) and, as last circulation step's
 * values, muscle temperature and interstitial potassium; steps it; and turns the episodes it
 * reports as ended into events. */
#include "sim/sim_internal.h"

void kn_sim_nm_layout(const kn_model *m, kn_data *d, kn_arena *a) {
  size_t n = (size_t)m->nm.nmuscle;
  kn_nm_init(&m->nm, a, &d->nm, &d->nm_out);
  d->nm_action_rep = kn_arena_take(a, (size_t)m->nm.nother, sizeof(int));
  d->nm_percussed = kn_arena_take(a, n, sizeof(unsigned char));
  d->nm_temperature = kn_arena_take(a, n, sizeof(double));
  d->nm_potassium = kn_arena_take(a, n, sizeof(double));
}

/* 1 if percussion (tapotement) is now working on atlas region `region` (-1: on any region). */
static int percussed(const kn_model *m, const kn_data *d, int region) {
  for (int k = 0; k < m->nslot; k++) {
    const kn_contact *c = &d->contacts[k];
    if (c->action >= 0 && (region < 0 || c->region == region) &&
        m->session.actions[c->action].kind == KN_ACT_TAPOTEMENT)
      return 1;
  }
  return 0;
}

/* The stage's inputs at the data's current time. */
static kn_nm_in nm_inputs(const kn_model *m, kn_data *d) {
  const kn_nm_params *nm = &m->nm;
  kn_nm_in in = {.t = d->t,
                 .muscle_p = d->muscle_p,
                 .action_rep = d->nm_action_rep,
                 .nstarted = 0,
                 .action_now = kn_data_current_action(m, d),
                 .percussed = d->nm_percussed,
                 .temperature = d->nm_temperature,
                 .potassium = d->nm_potassium};
  /* in order of the file, which is in order of start; the leading ones that are over stay at -1
   * and need no look each step (a run of hours has many) */
  while (d->nm_other_ended < nm->nother && d->t >= m->action_end[nm->other[d->nm_other_ended]])
    d->nm_action_rep[d->nm_other_ended++] = -1;
  in.nstarted = d->nm_other_ended;
  for (int k = d->nm_other_ended; k < nm->nother; k++) {
    int ai = nm->other[k], rep;
    if (d->t < m->action_start[ai]) break;
    d->nm_action_rep[k] = kn_action_active(m, ai, d->t, NULL, &rep) ? rep : -1;
    in.nstarted = k + 1;
  }
  int percussion = percussed(m, d, -1);   /* most steps: none, no search per muscle */
  if (percussion || d->nm_percussion_was) /* else every flag is already 0 */
    for (int i = 0; i < nm->nmuscle; i++)
      d->nm_percussed[i] = (unsigned char)(percussion && percussed(m, d, nm->muscles[i].region));
  d->nm_percussion_was = percussion;
  if (d->nm_circ_fresh) { /* circulation's values change only on its own clock */
    for (int i = 0; i < nm->nmuscle; i++) {
      d->nm_temperature[i] = kn_circ_muscle_temperature(m, d, i);
      d->nm_potassium[i] = d->circ_muscle[i].potassium;
    }
    d->nm_circ_fresh = 0;
  }
  return in;
}

/* The episodes that ended become events (muscle sites). */
static void nm_events(kn_data *d) {
  for (int k = 0; k < d->nm_out.nended; k++) {
    const kn_nm_ended *e = &d->nm_out.ended[k];
    kn_event_at(d, e->kind, KN_SITE_MUSCLE, e->muscle, e->action, e->t_start, e->t_end, e->peak,
                e->unit, e->evidence);
  }
}

int kn_sim_nm_step(const kn_model *m, kn_data *d) {
  kn_nm_in in = nm_inputs(m, d);
  int rc = kn_nm_step(&m->nm, &in, &d->nm, &d->nm_out, d->dt);
  nm_events(d);
  return rc;
}

void kn_sim_nm_finish(const kn_model *m, kn_data *d) {
  kn_nm_in in = nm_inputs(m, d);
  kn_nm_finish(&m->nm, &in, &d->nm, &d->nm_out);
  nm_events(d);
}
