/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the model's parameters, each with its unit, value and source key.
 *
 * The values live in one X-macro list (src/core/params.h) so that the simulation, `knead atlas` and
 * the docs read the same numbers. Source keys resolve through kn_atlas_find_source(); a value we
 * had to choose says "calibrated: <what to>". */
#ifndef KNEAD_PARAMS_H
#define KNEAD_PARAMS_H

#include "knead/export.h"

#include <stddef.h>

#include "knead/atlas.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kn_param_info {
  const char *name;     /* e.g. "nerve_perfusion_p50" */
  const char *module;   /* "mechanics", "nerve", "tissue", "protocol" */
  double value;         /* in SI units */
  const char *unit;     /* people's unit of `display`, e.g. "mmHg" ("1" if dimensionless) */
  double display;       /* value in that unit */
  const char *source;   /* source key(s), or "calibrated: ..." */
  kn_evidence evidence; /* evidence behind the number */
  const char *meaning;  /* one line */
  double si;            /* SI units per `unit`: value = display * si */
} kn_param_info;

KN_API size_t kn_param_count(void);
/* The i-th parameter; NULL if out of range. Static storage. */
KN_API const kn_param_info *kn_param(size_t i);
/* Index of the parameter called name, or -1. */
KN_API int kn_param_find(const char *name);
/* The values a session may give a parameter, in its unit (kn_param_info.unit): 0.1 to 10 times the
 * default (same sign), or -10 to 10 for a default of 0. A guard against typos and runaway values,
 * not a physiological range. */
KN_API void kn_param_range(const kn_param_info *p, double *lo, double *hi);

#ifdef __cplusplus
}
#endif
#endif
