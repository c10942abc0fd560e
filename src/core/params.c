/* SPDX-License-Identifier: Apache-2.0 */
/* The parameter list made available as data: defaults for the model, rows for docs and the CLI. */
#include "core/params.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define KN_EVIDENCE_OF(ev) KN_EVIDENCE_##ev
/* A session may set a parameter within these multiples of its default (a guard against typos). */
#define RANGE_LOW 0.1
#define RANGE_HIGH 10.0

static const kn_param_info param_table[] = {
#define KN_PARAM_ROW(name, module, v, unit, si, ev, src, meaning)                                  \
  {#name, module, (v) * (si), unit, (v), src, KN_EVIDENCE_OF(ev), meaning, (si)},
    KN_PARAM_LIST(KN_PARAM_ROW)
#undef KN_PARAM_ROW
};

size_t kn_param_count(void) {
  return sizeof param_table / sizeof param_table[0];
}

const kn_param_info *kn_param(size_t i) {
  return i < kn_param_count() ? &param_table[i] : NULL;
}

int kn_param_find(const char *name) {
  for (size_t i = 0; name && i < kn_param_count(); i++)
    if (!strcmp(param_table[i].name, name)) return (int)i;
  return -1;
}

void kn_param_range(const kn_param_info *p, double *lo, double *hi) {
  double d = p->display;
  if (d == 0.0) {
    *lo = -10.0, *hi = 10.0;
  } else {
    *lo = d > 0.0 ? RANGE_LOW * d : RANGE_HIGH * d;
    *hi = d > 0.0 ? RANGE_HIGH * d : RANGE_LOW * d;
  }
}

/* Where each parameter lives in kn_params, in kn_param order. */
static const size_t param_offset[] = {
#define KN_PARAM_OFFSET(name, module, v, unit, si, ev, src, meaning) offsetof(kn_params, name),
    KN_PARAM_LIST(KN_PARAM_OFFSET)
#undef KN_PARAM_OFFSET
};

void kn_params_set(kn_params *p, int index, double value) {
  if (index < 0 || (size_t)index >= kn_param_count()) return;
  memcpy((char *)p + param_offset[index], &value, sizeof value);
}

double kn_params_get(const kn_params *p, int index) {
  if (index < 0 || (size_t)index >= kn_param_count()) return NAN;
  double v;
  memcpy(&v, (const char *)p + param_offset[index], sizeof v);
  return v;
}

void kn_params_default(kn_params *p) {
#define KN_PARAM_SET(name, module, v, unit, si, ev, src, meaning) p->name = (v) * (si);
  KN_PARAM_LIST(KN_PARAM_SET)
#undef KN_PARAM_SET
}
