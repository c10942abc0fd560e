/* SPDX-License-Identifier: Apache-2.0 */
/* The cramp threshold frequency test (Miller & Knight 2009) as an experiment: lying prone with the
 * ankle at 0.5 rad, 2 s stimulation trains of half the motor units at rising frequency, 30 s
 * apart, until a train leaves a cramp; the threshold is the rate of that train. */
#include <math.h>

#include "validate/validate_internal.h"

/* The test's protocol (miller_knight2009). */
#define CTF_ANKLE_RAD 0.5 /* rad of the ankle held, lying prone */
#define CTF_TRAIN_S 2.0   /* s of each stimulation train */
#define CTF_REST_S 30.0   /* s of rest between trains */

/* The threshold (Hz) of the muscle of e, on subject `who`, ramping from `from`; with `first`
 * (a drink, a stretch, a provoking train) and `wait` s of rest before the ramp. NAN if no train
 * left a cramp. */
static int threshold(const kn_ctf_exp *e, const kn_subject_change *who, double from,
                     const kn_plan_row *first, double *ctf) {
  kn_plan_row rows[4] = {{.kind = KN_ACT_POSTURE, .ankle = CTF_ANKLE_RAD}};
  size_t n = 1;
  int skip = 0;
  if (first) {
    rows[n++] = *first;
    skip = e->skip;
    if (e->wait > 0.0) rows[n++] = (kn_plan_row){.kind = KN_ACT_REST, .duration = e->wait};
  }
  rows[n++] = (kn_plan_row){.kind = KN_ACT_STIMULATION,
                            .muscle = e->muscle,
                            .duration = CTF_TRAIN_S,
                            .frequency = from,
                            .frequency_step = e->step,
                            .repetitions = e->trains,
                            .rest = CTF_REST_S};
  kn_session_exp s = {.plan = rows, .nplan = n, .subject = who, .muscle = e->muscle};
  kn_probe p;
  int rc = kn_session_probe(&s, skip, &p);
  if (rc) return rc;
  *ctf = p.ncramp > skip ? from + e->step * p.first_rep : NAN;
  return KN_OK;
}

int kn_run_ctf(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_ctf_exp *e = c->exp;
  if (!e->after) return threshold(e, e->before, e->from0, NULL, &r->model);
  double base = NAN, changed = NAN;
  int rc = threshold(e, e->before, e->from0, NULL, &base);
  if (!rc) rc = threshold(e, e->after, e->from1, e->first, &changed);
  r->model = changed - base;
  return rc;
}

int kn_run_ctf_ranking(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_ctf_exp *e = c->exp;
  double ctf[3];
  for (int i = 0; i < 3; i++) {
    int rc = threshold(&e[i], e[i].before, e[i].from0, NULL, &ctf[i]);
    if (rc) return rc;
    if (i > 0 && isnan(ctf[i])) ctf[i] = INFINITY; /* never cramped within the ramp: last */
  }
  r->model = ctf[0] < ctf[1] && ctf[1] < ctf[2];
  return KN_OK;
}
