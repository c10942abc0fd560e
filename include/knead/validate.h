/* SPDX-License-Identifier: Apache-2.0 */
/* knead — validation: the model against published numbers, case by case.
 *
 * Each case runs the model and compares with the paper: a number is green within 10 %, yellow
 * within 30 %, red beyond; a band is green inside, yellow within 30 % of the nearer edge, red
 * beyond; a yes/no outcome is green when the model agrees with the paper (SCIENCE.md §6, after
 * Pulse and BioGears). Every case is a verification, a calibration or a prediction, counted apart;
 * the population cases run a small cohort (include/knead/cohort.h) and judge each incidence
 * against its published band.
 *
 * This is the API of libknead_validate, a library of its own on top of libknead's public API (it is
 * not part of libknead): link both. */
#ifndef KNEAD_VALIDATE_H
#define KNEAD_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_verdict {
  KN_VERDICT_GREEN = 0,  /* within 10 %, or inside the band */
  KN_VERDICT_YELLOW = 1, /* within 30 %, or near the band */
  KN_VERDICT_RED = 2     /* beyond, or outside the band */
} kn_verdict;
const char *kn_verdict_name(kn_verdict v); /* "green", "yellow", "red" */

typedef enum kn_check_kind {
  KN_CHECK_VALUE = 0, /* paper gives a number: compare relative error */
  KN_CHECK_BAND = 1,  /* paper gives a range [lo, hi] */
  KN_CHECK_TRUE = 2   /* paper gives a yes/no outcome: model 1 = as the paper, 0 = not */
} kn_check_kind;

/* What a case can show (SCIENCE.md §6). */
typedef enum kn_case_kind {
  KN_CASE_UNCLASSIFIED = 0, /* not yet classified: a defect the validation test reports */
  KN_CASE_VERIFICATION = 1, /* the code against a closed form or the paper's own equations */
  KN_CASE_CALIBRATION = 2,  /* the case's number set a parameter: agreement shows the fit */
  KN_CASE_PREDICTION = 3    /* nothing in the model was chosen to match it */
} kn_case_kind;
/* "verification", "calibration", "prediction" ("unclassified" for 0). */
const char *kn_case_kind_name(kn_case_kind k);

typedef struct kn_validation_result {
  const char *id;         /* e.g. "nerve.dahlin1986.80mmHg_2h" */
  const char *group;      /* "mechanics", "nerve", "tissue", "scenario", ..., "population" */
  const char *source;     /* source key */
  const char *what;       /* what is compared, one line */
  const char *paper_text; /* what the paper says, in words */
  kn_check_kind check;
  double paper, lo, hi;      /* the number, or the band */
  double model;              /* the model's number */
  const char *unit;          /* of paper, lo, hi and model */
  double model_lo, model_hi; /* population cases: Wilson 95 % interval of the model's incidence
                                (sampling only); NaN for other cases */
  uint64_t model_n;          /* population cases: subjects (or runs) behind model; 0 otherwise */
  kn_case_kind kind;         /* verification, calibration or prediction */
  const char *sets; /* calibration: the parameters its number set, space-separated names of the
                       parameter table (src/core/params.h), or "data:<table>" for numbers kept
                       elsewhere; NULL for other kinds */
  const char *disagreement; /* why the model is known not to reproduce this case, or NULL */
  kn_verdict verdict;
} kn_validation_result;

/* Number of validation cases. */
size_t kn_validation_count(void);
/* Runs case i (0-based) with the default options and fills *out; returns 0 or a negative kn_errno.
 * A population case simulates its whole cohort on each call: use kn_validation_open to share it. */
int kn_validation_run(size_t i, kn_validation_result *out);

/* Subjects per profile of the population cases' cohort by default: small enough for `make check`
 * (docs/validation.md gives the time), `make validate-cohort` runs 2000. */
#define KN_VALIDATION_COHORT_N 60

typedef struct kn_validation_options {
  const char *root;  /* directory holding data/ and examples/ (the source tree); NULL: "." */
  uint64_t cohort_n; /* subjects per profile in the population cases; 0: KN_VALIDATION_COHORT_N */
  int threads;       /* worker threads of the population cohort; 0: 1 */
} kn_validation_options;

/* A validation run: its options and what its cases share (the population cohort, simulated once
 * on first use). Not safe to use from two threads at once. */
typedef struct kn_validation kn_validation;
/* Starts a run (opt NULL: defaults); *out is freed by kn_validation_close. Returns 0 or KN_ENOMEM.
 */
int kn_validation_open(const kn_validation_options *opt, kn_validation **out);
void kn_validation_close(kn_validation *v); /* NULL allowed */
/* Runs case i of the run v and fills *out; returns 0 or a negative kn_errno. */
int kn_validation_case(kn_validation *v, size_t i, kn_validation_result *out);
/* 1 if case i is a population case (it reads the shared cohort), 0 otherwise; runs nothing. */
int kn_validation_is_population(size_t i);
/* Fills *out with case i as its table gives it, without running it: what is compared, the paper's
 * number or band, the kind and what a calibration set; model NaN, verdict red. 0 or KN_EINVAL. */
int kn_validation_describe(size_t i, kn_validation_result *out);
/* The kind of experiment case i runs ("formula", "exposure", "nerve_course", "session", "pair",
 * "ctf", "ctf_ranking", "reflex", "course", "doms", "population"); NULL out of range. Runs nothing.
 * Static storage. */
const char *kn_validation_experiment(size_t i);

/* Grades a result from its check, numbers and model value (used by the cases; exposed for tests).
 */
kn_verdict kn_validation_grade(kn_check_kind check, double paper, double lo, double hi,
                               double model);

#ifdef __cplusplus
}
#endif
#endif
