/* The validation registry: grading, and the cases of every module in one numbered list. */
#include <math.h>
#include <stdlib.h>

#include "sim/sim_internal.h"
#include "validate/validate_internal.h"

/* ---- grading ----------------------------------------------------------------------------------
 */

static const char *const verdict_names[] = {"green", "yellow", "red"};
const char *kn_verdict_name(kn_verdict v) {
  return (unsigned)v <= KN_VERDICT_RED ? verdict_names[v] : "?";
}

kn_verdict kn_validation_grade(kn_check_kind check, double paper, double lo, double hi,
                               double model) {
  if (!isfinite(model)) return KN_VERDICT_RED;
  switch (check) {
  case KN_CHECK_VALUE: {
    double err = fabs(model - paper) / fmax(fabs(paper), 1e-300);
    return err <= 0.10 ? KN_VERDICT_GREEN : err <= 0.30 ? KN_VERDICT_YELLOW : KN_VERDICT_RED;
  }
  case KN_CHECK_BAND: {
    if (model >= lo && model <= hi) return KN_VERDICT_GREEN;
    double edge = model < lo ? lo : hi;
    double err = fabs(model - edge) / fmax(fabs(edge), fmax(hi - lo, 1e-300));
    return err <= 0.30 ? KN_VERDICT_YELLOW : KN_VERDICT_RED;
  }
  default:
    return model == 1.0 ? KN_VERDICT_GREEN : KN_VERDICT_RED;
  }
}

void kn_case_set(kn_validation_result *r, const char *id, const char *group, const char *source,
                 const char *what, const char *paper_text, kn_check_kind check, double paper,
                 double lo, double hi, const char *unit) {
  *r = (kn_validation_result){.id = id,
                              .group = group,
                              .source = source,
                              .what = what,
                              .paper_text = paper_text,
                              .check = check,
                              .paper = paper,
                              .lo = lo,
                              .hi = hi,
                              .model = NAN,
                              .model_lo = NAN,
                              .model_hi = NAN,
                              .unit = unit,
                              .verdict = KN_VERDICT_RED};
}

int kn_case_run(kn_action *acts, size_t n, const kn_subject *subject, kn_practitioner who,
                uint64_t seed, kn_outcome_fn look, void *ctx) {
  return kn_case_run_tuned(acts, n, subject, who, seed, NULL, look, ctx);
}

/* The one runner behind the three entry points. */
static int case_run(kn_action *acts, size_t n, const kn_subject *subject, kn_practitioner who,
                    uint64_t seed, double dt, void (*tune)(kn_params *p), kn_outcome_fn look,
                    void *ctx) {
  kn_session s = {.practitioner = who,
                  .seed = seed,
                  .dt = dt,
                  .record_interval = 1.0,
                  .naction = n,
                  .actions = acts};
  kn_subject subj;
  if (subject)
    subj = *subject;
  else
    kn_subject_default(&subj);
  kn_model *m = NULL;
  kn_data *d = NULL;
  int rc = kn_model_create(&subj, &s, &m, NULL);
  if (rc) return rc;
  if (tune) tune(&m->par); /* only parameters the step reads directly may be changed here */
  if ((rc = kn_data_create(m, &d)) != KN_OK) {
    kn_model_free(m);
    return rc;
  }
  rc = kn_run(m, d, NULL, NULL); /* a failed step fails the case (exit 3) */
  if (rc == KN_OK) look(m, kn_data_outcome(m, d), ctx);
  kn_data_free(d);
  kn_model_free(m);
  return rc;
}

int kn_case_run_tuned(kn_action *acts, size_t n, const kn_subject *subject, kn_practitioner who,
                      uint64_t seed, void (*tune)(kn_params *p), kn_outcome_fn look, void *ctx) {
  return case_run(acts, n, subject, who, seed, 1e-3, tune, look, ctx);
}

int kn_case_run_at(kn_action *acts, size_t n, const kn_subject *subject, double dt,
                   kn_outcome_fn look, void *ctx) {
  return case_run(acts, n, subject, KN_PRACTITIONER_PROFESSIONAL, 1, dt, NULL, look, ctx);
}

/* The modules' case lists, in the order `knead validate` prints them; the population cases last. */
static const struct {
  const kn_case_fn *cases;
  const size_t *n;
} lists[] = {{kn_cases_core, &kn_cases_core_n},
             {kn_cases_pool, &kn_cases_pool_n},
             {kn_cases_nm, &kn_cases_nm_n},
             {kn_cases_circ, &kn_cases_circ_n}};
#define NLIST (sizeof lists / sizeof lists[0])

static size_t model_case_count(void) {
  size_t n = 0;
  for (size_t i = 0; i < NLIST; i++)
    n += *lists[i].n;
  return n;
}

size_t kn_validation_count(void) {
  return model_case_count() + kn_cases_population_n;
}

int kn_validation_is_population(size_t i) {
  return i >= model_case_count() && i < kn_validation_count();
}

int kn_validation_open(const kn_validation_options *opt, kn_validation **out) {
  if (!out) return KN_EINVAL;
  kn_validation *v = calloc(1, sizeof *v);
  *out = v;
  if (!v) return KN_ENOMEM;
  if (opt) v->opt = *opt;
  if (!v->opt.root) v->opt.root = ".";
  if (!v->opt.cohort_n) v->opt.cohort_n = KN_VALIDATION_COHORT_N;
  if (v->opt.threads < 1) v->opt.threads = 1;
  return KN_OK;
}

void kn_validation_close(kn_validation *v) {
  free(v);
}

static int run_case(kn_validation *v, size_t i, kn_validation_result *out) {
  for (size_t l = 0; l < NLIST; l++) {
    if (i < *lists[l].n) return lists[l].cases[i](out);
    i -= *lists[l].n;
  }
  if (i < kn_cases_population_n) return kn_population_case(v, i, out);
  return KN_EINVAL;
}

int kn_validation_case(kn_validation *v, size_t i, kn_validation_result *out) {
  if (!v || !out || i >= kn_validation_count()) return KN_EINVAL;
  int rc = run_case(v, i, out);
  if (rc) return rc;
  kn_case_classify(out);
  out->verdict = kn_validation_grade(out->check, out->paper, out->lo, out->hi, out->model);
  return KN_OK;
}

int kn_validation_run(size_t i, kn_validation_result *out) {
  kn_validation *v = NULL;
  int rc = kn_validation_open(NULL, &v);
  if (!rc) rc = kn_validation_case(v, i, out);
  kn_validation_close(v);
  return rc;
}
