/* SPDX-License-Identifier: Apache-2.0 */
/* The validation registry: grading, and the case tables of every module in one numbered list. */
#include <math.h>
#include <stdlib.h>

#include "validate/validate_internal.h"

/* ---- grading ----------------------------------------------------------------------------------
 */

static const char *const verdict_names[] = {"green", "yellow", "red"};
const char *kn_verdict_name(kn_verdict v) {
  return (unsigned)v <= KN_VERDICT_RED ? verdict_names[v] : "?";
}

static const char *const kind_names[] = {"unclassified", "verification", "calibration",
                                         "prediction"};
const char *kn_case_kind_name(kn_case_kind k) {
  return (unsigned)k <= KN_CASE_PREDICTION ? kind_names[k] : "?";
}

/* The grading (SCIENCE.md §6, docs/validation.md): a number is green within 10 % of the paper's,
 * yellow within 30 %; a band is yellow within 30 % of its nearer edge. */
#define GREEN_ERROR 0.10             /* relative error of a green number */
#define YELLOW_ERROR 0.30            /* relative error of a yellow number or band */
#define ERROR_DENOMINATOR_MIN 1e-300 /* guards the relative error against a zero denominator */

kn_verdict kn_validation_grade(kn_check_kind check, double paper, double lo, double hi,
                               double model) {
  if (!isfinite(model)) return KN_VERDICT_RED;
  switch (check) {
  case KN_CHECK_VALUE: {
    double err = fabs(model - paper) / fmax(fabs(paper), ERROR_DENOMINATOR_MIN);
    return err <= GREEN_ERROR    ? KN_VERDICT_GREEN
           : err <= YELLOW_ERROR ? KN_VERDICT_YELLOW
                                 : KN_VERDICT_RED;
  }
  case KN_CHECK_BAND: {
    if (model >= lo && model <= hi) return KN_VERDICT_GREEN;
    double edge = model < lo ? lo : hi;
    double err = fabs(model - edge) / fmax(fabs(edge), fmax(hi - lo, ERROR_DENOMINATOR_MIN));
    return err <= YELLOW_ERROR ? KN_VERDICT_YELLOW : KN_VERDICT_RED;
  }
  default:
    return model == 1.0 ? KN_VERDICT_GREEN : KN_VERDICT_RED;
  }
}

/* The modules' case lists, in the order `knead validate` prints them; the population cases last. */
static const struct {
  const kn_case *cases;
  const size_t *n;
} lists[] = {{kn_cases_core, &kn_cases_core_n},
             {kn_cases_nerve, &kn_cases_nerve_n},
             {kn_cases_pool, &kn_cases_pool_n},
             {kn_cases_nm, &kn_cases_nm_n},
             {kn_cases_cramp, &kn_cases_cramp_n},
             {kn_cases_reflex, &kn_cases_reflex_n},
             {kn_cases_circ, &kn_cases_circ_n},
             {kn_cases_course, &kn_cases_course_n},
             {kn_cases_pain, &kn_cases_pain_n},
             {kn_cases_doms, &kn_cases_doms_n},
             {kn_cases_population, &kn_cases_population_n}};
#define NLIST (sizeof lists / sizeof lists[0])

size_t kn_validation_count(void) {
  size_t n = 0;
  for (size_t i = 0; i < NLIST; i++)
    n += *lists[i].n;
  return n;
}

/* Case i of the tables, or NULL. */
static const kn_case *case_at(size_t i) {
  for (size_t l = 0; l < NLIST; l++) {
    if (i < *lists[l].n) return &lists[l].cases[i];
    i -= *lists[l].n;
  }
  return NULL;
}

int kn_validation_is_population(size_t i) {
  const kn_case *c = case_at(i);
  return c && c->run == kn_run_population;
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

/* The result as the table gives it, before the run: the model NaN, red until graded. */
static void result_of(const kn_case *c, kn_validation_result *r) {
  *r = (kn_validation_result){.id = c->id,
                              .group = c->group,
                              .source = c->source,
                              .what = c->what,
                              .paper_text = c->paper_text,
                              .check = c->check,
                              .paper = c->paper,
                              .lo = c->lo,
                              .hi = c->hi,
                              .model = NAN,
                              .model_lo = NAN,
                              .model_hi = NAN,
                              .unit = c->unit,
                              .kind = c->kind,
                              .sets = c->sets,
                              .disagreement = c->disagreement,
                              .verdict = KN_VERDICT_RED};
}

int kn_validation_describe(size_t i, kn_validation_result *out) {
  const kn_case *c = case_at(i);
  if (!out || !c) return KN_EINVAL;
  result_of(c, out);
  return KN_OK;
}

/* The kinds of experiment by their run function. */
static const struct {
  kn_case_run_fn run;
  const char *name;
} experiments[] = {{kn_run_formula, "formula"},
                   {kn_run_exposure, "exposure"},
                   {kn_run_nerve_course, "nerve_course"},
                   {kn_run_session, "session"},
                   {kn_run_pair, "pair"},
                   {kn_run_ctf, "ctf"},
                   {kn_run_ctf_ranking, "ctf_ranking"},
                   {kn_run_reflex, "reflex"},
                   {kn_run_course, "course"},
                   {kn_run_doms, "doms"},
                   {kn_run_population, "population"}};

const char *kn_validation_experiment(size_t i) {
  const kn_case *c = case_at(i);
  for (size_t k = 0; c && k < sizeof experiments / sizeof experiments[0]; k++)
    if (experiments[k].run == c->run) return experiments[k].name;
  return NULL;
}

int kn_validation_case(kn_validation *v, size_t i, kn_validation_result *out) {
  const kn_case *c = case_at(i);
  if (!v || !out || !c) return KN_EINVAL;
  result_of(c, out);
  int rc = c->run(v, c, out);
  if (rc) return rc;
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
