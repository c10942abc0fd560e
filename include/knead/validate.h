/* knead — validation: the model against published numbers, case by case.
 *
 * Each case runs the model and compares with the paper: a number is green within 10 %, yellow
 * within 30 %, red beyond; a band is green inside, yellow within 30 % of the nearer edge, red
 * beyond; a yes/no outcome is green when the model agrees with the paper (SCIENCE.md §6, after
 * Pulse and BioGears). */
#ifndef KNEAD_VALIDATE_H
#define KNEAD_VALIDATE_H

#include <stddef.h>

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

typedef struct kn_validation_result {
  const char *id;         /* e.g. "nerve.dahlin1986.80mmHg_2h" */
  const char *group;      /* "mechanics", "nerve", "tissue", "scenario" */
  const char *source;     /* source key */
  const char *what;       /* what is compared, one line */
  const char *paper_text; /* what the paper says, in words */
  kn_check_kind check;
  double paper, lo, hi;     /* the number, or the band */
  double model;             /* the model's number */
  const char *unit;         /* of paper, lo, hi and model */
  int calibrated;           /* 1 if the model was calibrated to this same number */
  const char *disagreement; /* why the model is known not to reproduce this case, or NULL */
  kn_verdict verdict;
} kn_validation_result;

/* Number of validation cases. */
size_t kn_validation_count(void);
/* Runs case i (0-based) and fills *out; returns 0 or a negative kn_errno. */
int kn_validation_run(size_t i, kn_validation_result *out);

/* Grades a result from its check, numbers and model value (used by the cases; exposed for tests).
 */
kn_verdict kn_validation_grade(kn_check_kind check, double paper, double lo, double hi,
                               double model);

#ifdef __cplusplus
}
#endif
#endif
