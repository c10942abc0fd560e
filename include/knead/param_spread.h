/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the spread of a model parameter: the range or standard deviation its source gives, or,
 * for a calibrated value the screening needs, a range chosen by judgement (flagged as such).
 *
 * One table (src/core/param_spread.c), apart from the parameter list so that adding a spread does
 * not rewrite a parameter row. `knead atlas` and docs/model.md show it beside the value; `knead
 * cohort --uncertainty` samples it and `knead cohort --sensitivity` screens over it. */
#ifndef KNEAD_PARAM_SPREAD_H
#define KNEAD_PARAM_SPREAD_H

#include "knead/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_spread_kind {
  KN_SPREAD_UNIFORM = 0, /* a range [a, b]: every value in it equally likely */
  KN_SPREAD_NORMAL = 1   /* mean a, standard deviation b (truncated at 3 SD and kn_param_range) */
} kn_spread_kind;

typedef struct kn_param_spread {
  const char *name;    /* the parameter (kn_param_find) */
  kn_spread_kind kind; /* how a and b are read */
  double a, b;         /* in the parameter's unit (kn_param_info.unit) */
  int from_source;     /* 1: the source gives this spread; 0: judgement on a calibrated value */
  const char *source;  /* source key(s) and what they report, or "expert: <why this range>" */
} kn_param_spread;

/* Number of parameters with a spread. */
KN_API size_t kn_param_spread_count(void);
/* The i-th spread; NULL out of range. Static storage. */
KN_API const kn_param_spread *kn_param_spread_at(size_t i);
/* The spread of parameter `param_index` (kn_param order); NULL if it has none. */
KN_API const kn_param_spread *kn_param_spread_of(int param_index);
/* The range a screening moves the parameter over, in its unit: [a, b] for a range, the mean
 * +- 1.96 SD (2.5th to 97.5th percentile) for a normal. */
KN_API void kn_param_spread_bounds(const kn_param_spread *s, double *lo, double *hi);
/* The value in the parameter's unit for a uniform u in [0, 1) and a standard normal z (only one
 * of them is used, by kind): a + u (b - a), or a + b z with z clamped to [-3, 3]. */
KN_API double kn_param_spread_value(const kn_param_spread *s, double u, double z);
/* Writes the spread as people read it ("14.9 +- 1.3 (SD)", "15 to 45") into buf. */
KN_API void kn_param_spread_format(const kn_param_spread *s, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
