/* SPDX-License-Identifier: Apache-2.0 */
/* Evoked reflexes: a session of test stretches (and whatever conditions them) run with the time
 * series recorded at every step; the muscle's EMG is summed over a window after each test's onset,
 * as a reflex EMG is measured. Public API only (the series sink). */
#include <math.h>
#include <string.h>

#include "validate/validate_internal.h"

#define MS_PER_S 1000.0 /* the latency is reported in ms */
#define STEP_S 1e-3     /* s, the sessions' step (the default); every step is a row */
#define ONSETS_MAX (2 * KN_REFLEX_TESTS_MAX)

/* What the sink gathers from one session. */
typedef struct reflex_sink {
  size_t col;               /* the muscle's EMG column */
  double onset[ONSETS_MAX]; /* s, the tests' onsets */
  int n;                    /* how many */
  double window;            /* s */
  double sum[ONSETS_MAX];   /* a.u., EMG summed over each test's window */
  double first[ONSETS_MAX]; /* s, the first EMG in each window, NAN if none */
} reflex_sink;

static void gather(void *ctx, const double *rows, size_t nrow, size_t ncol) {
  reflex_sink *k = ctx;
  for (size_t r = 0; r < nrow; r++) {
    const double *row = rows + r * ncol;
    double t = row[0], emg = row[k->col]; /* column 0 is the time */
    for (int i = 0; i < k->n; i++) {
      if (t < k->onset[i] || t >= k->onset[i] + k->window) continue;
      k->sum[i] += emg;
      if (emg > 0.0 && isnan(k->first[i])) k->first[i] = t;
    }
  }
}

/* The EMG column of atlas muscle `muscle` in m's series; KN_ENOTFOUND if it is not simulated. */
static int emg_column(const kn_model *m, int muscle, size_t *col) {
  for (size_t c = 0; c < kn_series_ncol(m); c++) {
    const kn_column_info *ci = kn_series_column(m, c);
    if (ci->site_kind == KN_COLUMN_MUSCLE && ci->site == muscle && !strcmp(ci->quantity, "emg")) {
      *col = c;
      return KN_OK;
    }
  }
  return KN_ENOTFOUND;
}

/* Runs `plan` on the subject `change` makes (NULL: the default one) with a row every step and
 * fills k for muscle `name`. */
static int run_tests(const kn_plan_row *plan, size_t nplan, const kn_subject_change *change,
                     const char *name, reflex_sink *k) {
  enum { MAX_ACTS = 48 };
  kn_action acts[MAX_ACTS];
  if (nplan > MAX_ACTS) return KN_ETOOBIG;
  int muscle = kn_atlas_find_muscle(name);
  if (muscle < 0) return KN_ENOTFOUND;
  for (size_t i = 0; i < nplan; i++) {
    int rc = kn_plan_action(&plan[i], &acts[i]);
    if (rc) return rc;
  }
  kn_session s = {
      .seed = 1, .dt = STEP_S, .record_interval = STEP_S, .naction = nplan, .actions = acts};
  kn_subject subj;
  kn_subject_of(change, &subj);
  for (int i = 0; i < k->n; i++)
    k->sum[i] = 0.0, k->first[i] = NAN;
  kn_model *m = NULL;
  kn_data *d = NULL;
  int rc = kn_model_create(&subj, &s, &m, NULL);
  if (!rc) rc = emg_column(m, muscle, &k->col);
  if (!rc) rc = kn_data_create(m, &d);
  if (!rc) {
    kn_data_set_series_sink(d, gather, k);
    rc = kn_run(m, d, NULL, NULL);
  }
  kn_data_free(d);
  kn_model_free(m);
  return rc;
}

static double mean(const double *v, int n) {
  double s = 0.0;
  for (int i = 0; i < n; i++)
    s += v[i];
  return n > 0 ? s / n : NAN;
}

/* Appends onsets (s) to the sink. */
static void add_onsets(reflex_sink *k, const double *at, int n) {
  for (int i = 0; i < n && k->n < ONSETS_MAX; i++)
    k->onset[k->n++] = at[i];
}

int kn_run_reflex(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_reflex_exp *e = c->exp;
  /* the reference tests first; the test group in the same run, or in the second plan's */
  reflex_sink ref = {.window = e->window}, test = {.window = e->window};
  add_onsets(&ref, e->ref, e->nref);
  if (!e->plan_test) add_onsets(&ref, e->test, e->ntest);
  int rc = run_tests(e->plan, e->nplan, e->subject, e->muscle, &ref);
  const double *test_sum = ref.sum + e->nref;
  if (!rc && e->plan_test) {
    add_onsets(&test, e->test, e->ntest);
    rc = run_tests(e->plan_test, e->nplan_test, e->subject_test, e->muscle, &test);
    test_sum = test.sum;
  }
  if (rc) return rc;
  double a = mean(ref.sum, e->nref), b = mean(test_sum, e->ntest);
  switch (e->read) {
  case KN_REFLEX_RATIO:
    r->model = b / a;
    break;
  case KN_REFLEX_LARGER:
    r->model = b > a;
    break;
  case KN_REFLEX_LESS_DEPRESSED:
    r->model = e->nref == 2 && e->ntest == 2 && e->plan_test &&
               test_sum[1] / test_sum[0] > ref.sum[1] / ref.sum[0];
    break;
  default: /* KN_REFLEX_LATENCY_MS */
    r->model = (ref.first[0] - e->ref[0]) * MS_PER_S;
    break;
  }
  return KN_OK;
}
