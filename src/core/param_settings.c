/* SPDX-License-Identifier: Apache-2.0 */
/* Checking the parameters a session sets (`parameters:`). Apart from params.c because the monitor's
 * firmware build takes params.c and has no stdio. */
#include <math.h>
#include <stdio.h>

#include "core/params.h"

/* A setting at an end of its range passes despite the unit conversion's rounding (relative). */
#define KN_PARAM_ROUNDING 1e-9

/* Pairs of parameters whose order a dose depends on: the first must stay below the second. */
static const char *const ordered[][2] = {
    {"nerve_transport_p_no", "nerve_transport_p_yes"},
    {"nerve_injury_p_safe", "nerve_injury_p_ref"},
    /* a strong contraction is a tonic spasm sooner, never later, than any other */
    {"nm_tonic_strong_duration", "nm_tonic_duration"},
    /* the clonus band */
    {"nm_clonus_freq_min", "nm_clonus_freq_max"},
    /* a motor unit fires at its recruitment rate first, its peak rate last [fuglevand1993] */
    {"pool_rate_min", "pool_rate_peak_first"},
    {"pool_rate_min", "pool_rate_peak_last"},
};

/* Parameters that the 0.1-10 x range would take past a bound of their definition (a share above
 * 1, a range below 1, the optimal length outside the active force's span): below (upper != 0) or
 * above (upper == 0) the bound, in the parameter's unit. */
static const struct {
  const char *name;
  int upper;
  double bound;
} bounded[] = {
    {"pool_isi_cv", 1, 1.0},
    {"pool_pic_low_fraction", 1, 1.0},
    {"pool_recruitment_range", 0, 1.0},
    {"pool_twitch_range", 0, 1.0},
    {"pool_contraction_range", 0, 1.0},
    {"hill_lmin", 1, 1.0},
    {"hill_lmax", 0, 1.0},
};

/* The field and message of a setting that crosses a bound of its definition; 0 if none does. */
static int out_of_bounds(const kn_params *par, char *field, size_t fsize, char *msg, size_t msize,
                         int *index) {
  for (size_t k = 0; k < sizeof bounded / sizeof bounded[0]; k++) {
    int i = kn_param_find(bounded[k].name);
    const kn_param_info *pi = kn_param((size_t)i);
    double v = kn_params_get(par, i) / pi->si, b = bounded[k].bound;
    if (bounded[k].upper ? v < b : v > b) continue;
    snprintf(field, fsize, "session.parameters.%s", pi->name);
    snprintf(msg, msize, "%s (%g %s) must be %s %g", pi->name, v, pi->unit,
             bounded[k].upper ? "below" : "above", b);
    *index = i;
    return 1;
  }
  return 0;
}

int kn_params_check(const kn_param_setting *ps, size_t n, char *field, size_t fsize, char *msg,
                    size_t msize) {
  kn_params par;
  kn_params_default(&par);
  for (size_t i = 0; i < n; i++) {
    const kn_param_info *pi = kn_param((size_t)ps[i].index);
    if (!pi) {
      snprintf(field, fsize, "session.parameters");
      snprintf(msg, msize, "unknown parameter (index %d)", ps[i].index);
      return (int)i;
    }
    double lo, hi, v = ps[i].value / pi->si;
    kn_param_range(pi, &lo, &hi);
    double tol = KN_PARAM_ROUNDING * fmax(fabs(lo), fabs(hi));
    if (!ps[i].unguarded && !(v >= lo - tol && v <= hi + tol)) {
      snprintf(field, fsize, "session.parameters.%s", pi->name);
      snprintf(msg, msize, "%g %s is out of range [%g, %g]", v, pi->unit, lo, hi);
      return (int)i;
    }
    kn_params_set(&par, ps[i].index, ps[i].value);
  }
  for (size_t k = 0; k < sizeof ordered / sizeof ordered[0]; k++) {
    int a = kn_param_find(ordered[k][0]), b = kn_param_find(ordered[k][1]);
    const kn_param_info *pa = kn_param((size_t)a), *pb = kn_param((size_t)b);
    double va = kn_params_get(&par, a) / pa->si, vb = kn_params_get(&par, b) / pb->si;
    if (va < vb) continue;
    int blame = -1; /* the setting of the pair given last */
    for (size_t i = 0; i < n; i++)
      if (ps[i].index == a || ps[i].index == b) blame = (int)i;
    snprintf(field, fsize, "session.parameters.%s", kn_param((size_t)ps[blame].index)->name);
    snprintf(msg, msize, "%s (%g %s) must be below %s (%g %s)", pa->name, va, pa->unit, pb->name,
             vb, pb->unit);
    return blame;
  }
  int bad;
  if (out_of_bounds(&par, field, fsize, msg, msize, &bad))
    for (size_t i = 0; i < n; i++)
      if (ps[i].index == bad) return (int)i;
  return -1;
}
