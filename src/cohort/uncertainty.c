/* SPDX-License-Identifier: Apache-2.0 */
/* knead — parameter designs for a cohort: nested draws for uncertainty intervals, Morris
 * trajectories for a sensitivity screening (include/knead/cohort_uncertainty.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/rng.h"
#include "knead/cohort_uncertainty.h"
#include "knead/param_spread.h"
#include "knead/params.h"

/* Purposes of the design's random streams (fixed forever: they define the runs). */
#define STREAM_PARAMETER 0x504152414dULL /* one per draw and parameter, keyed by its name */
#define STREAM_MORRIS 0x4d4f52524953ULL  /* one per trajectory */

static int fail(kn_diag *d, int code, const char *field, const char *msg) {
  if (d) {
    kn_diag_clear(d);
    d->code = code;
    snprintf(d->field, sizeof d->field, "%s", field);
    snprintf(d->message, sizeof d->message, "%s", msg);
  }
  return code;
}

static int session_sets(const kn_session *s, int index) {
  for (size_t i = 0; i < s->nparam; i++)
    if (s->params[i].index == index) return 1;
  return 0;
}

/* The parameters to move, into d->param; fails when none is left or they do not fit. */
/* 1 if the spread of parameter idx belongs to the set. */
static int in_set(const kn_param_spread *sp, int idx, const char *set) {
  if (set == NULL || !strcmp(set, "all")) return 1;
  if (!strcmp(set, "source")) return sp->from_source;
  return !strcmp(kn_param((size_t)idx)->module, set);
}

int kn_cohort_spread_set_valid(const char *spreads) {
  if (spreads == NULL || strlen(spreads) >= sizeof(((kn_cohort_design *)0)->spreads)) return 0;
  for (size_t i = 0; i < kn_param_spread_count(); i++) {
    int idx = kn_param_find(kn_param_spread_at(i)->name);
    if (idx >= 0 && in_set(kn_param_spread_at(i), idx, spreads)) return 1;
  }
  return 0;
}

static int choose_params(const kn_session *s, const char *set, kn_cohort_design *d, kn_diag *diag) {
  d->nparam = 0;
  snprintf(d->spreads, sizeof d->spreads, "%s", set ? set : "all");
  for (size_t i = 0; i < kn_param_spread_count(); i++) {
    const kn_param_spread *sp = kn_param_spread_at(i);
    int idx = kn_param_find(sp->name);
    if (idx < 0 || !in_set(sp, idx, set) || session_sets(s, idx)) continue;
    if (s->nparam + d->nparam >= KN_SESSION_PARAMS_MAX) {
      char msg[200];
      snprintf(msg, sizeof msg,
               "%zu parameters set here and %zu with a spread exceed the %d a run can vary; set "
               "fewer, or give --spreads source",
               s->nparam, kn_param_spread_count(), (int)KN_SESSION_PARAMS_MAX);
      fail(diag, KN_ETOOBIG, "session.parameters", msg);
      if (diag && s->nparam) diag->line = s->params[0].line, diag->col = s->params[0].col;
      return KN_ETOOBIG;
    }
    d->param[d->nparam++] = idx;
  }
  if (d->nparam == 0)
    return fail(diag, KN_EINVAL, "session.parameters",
                "no parameter with a spread is left to vary (the session sets them all)");
  return 0;
}

static kn_cohort_design *design_alloc(size_t npoint, size_t nparam, size_t ntraj) {
  kn_cohort_design *d = calloc(1, sizeof *d);
  if (d == NULL) return NULL;
  d->npoint = npoint;
  d->value = calloc(npoint * (nparam ? nparam : 1), sizeof *d->value);
  if (ntraj) {
    d->moved = calloc(ntraj * nparam, sizeof *d->moved);
    d->step = calloc(ntraj * nparam, sizeof *d->step);
  }
  if (!d->value || (ntraj && (!d->moved || !d->step))) {
    kn_cohort_design_free(d);
    return NULL;
  }
  return d;
}

void kn_cohort_design_free(kn_cohort_design *d) {
  if (d == NULL) return;
  free(d->value);
  free(d->moved);
  free(d->step);
  free(d);
}

/* The value in SI units of spread-table parameter idx at the fraction x (0..1) of its spread. */
static double at_level(int idx, double x) {
  const kn_param_spread *sp = kn_param_spread_of(idx);
  double lo, hi;
  kn_param_spread_bounds(sp, &lo, &hi);
  return (lo + x * (hi - lo)) * kn_param((size_t)idx)->si;
}

int kn_cohort_design_nested(const kn_session *s, const char *spreads, uint64_t seed, size_t ndraw,
                            kn_cohort_design **out, kn_diag *diag) {
  *out = NULL;
  if (ndraw < 2) return fail(diag, KN_ERANGE, "draws", "needs at least 2 parameter draws");
  kn_cohort_design probe;
  memset(&probe, 0, sizeof probe);
  int rc = choose_params(s, spreads, &probe, diag);
  if (rc) return rc;
  kn_cohort_design *d = design_alloc(ndraw, probe.nparam, 0);
  if (d == NULL) return fail(diag, KN_ENOMEM, "", "out of memory");
  d->kind = KN_DESIGN_NESTED;
  memcpy(d->spreads, probe.spreads, sizeof d->spreads);
  d->nparam = probe.nparam;
  memcpy(d->param, probe.param, sizeof d->param);
  for (size_t k = 0; k < ndraw; k++)
    for (size_t j = 0; j < d->nparam; j++) {
      /* one stream per draw and parameter, keyed by the name: a new spread moves no other draw */
      const kn_param_info *pi = kn_param((size_t)d->param[j]);
      kn_rng r;
      kn_rng_seed(&r, kn_cohort_key(seed, k, STREAM_PARAMETER ^ kn_fnv1a_str(pi->name)));
      double u = kn_rng_uniform(&r), z = kn_rng_normal(&r);
      double v = kn_param_spread_value(kn_param_spread_of(d->param[j]), u, z);
      double lo, hi;
      kn_param_range(pi, &lo, &hi);
      d->value[k * d->nparam + j] = fmax(lo, fmin(hi, v)) * pi->si;
    }
  *out = d;
  return 0;
}

int kn_cohort_design_morris(const kn_session *s, const char *spreads, uint64_t seed, size_t ntraj,
                            uint64_t block, kn_cohort_design **out, kn_diag *diag) {
  *out = NULL;
  if (ntraj < 2) return fail(diag, KN_ERANGE, "trajectories", "needs at least 2 trajectories");
  if (block < 1) return fail(diag, KN_ERANGE, "block", "needs at least 1 subject per point");
  kn_cohort_design probe;
  memset(&probe, 0, sizeof probe);
  int rc = choose_params(s, spreads, &probe, diag);
  if (rc) return rc;
  size_t k = probe.nparam;
  kn_cohort_design *d = design_alloc(ntraj * (k + 1), k, ntraj);
  if (d == NULL) return fail(diag, KN_ENOMEM, "", "out of memory");
  d->kind = KN_DESIGN_MORRIS;
  memcpy(d->spreads, probe.spreads, sizeof d->spreads);
  d->nparam = k;
  memcpy(d->param, probe.param, sizeof d->param);
  d->ntraj = ntraj;
  d->block = block;
  for (size_t t = 0; t < ntraj; t++) {
    kn_rng r;
    kn_rng_seed(&r, kn_cohort_key(seed, t, STREAM_MORRIS));
    /* a random base point on the grid, every factor moved once by +-Delta in a random order
     * (Morris 1991): from levels 0 and 1/3 upwards, from 2/3 and 1 downwards, so every point
     * stays on the grid */
    double x[KN_SESSION_PARAMS_MAX];
    int order[KN_SESSION_PARAMS_MAX];
    for (size_t j = 0; j < k; j++) {
      int level = (int)(kn_rng_uniform(&r) * KN_MORRIS_LEVELS);
      if (level >= KN_MORRIS_LEVELS) level = KN_MORRIS_LEVELS - 1;
      x[j] = (double)level / (KN_MORRIS_LEVELS - 1);
      order[j] = (int)j;
    }
    for (size_t j = k; j > 1; j--) { /* Fisher-Yates */
      size_t m = (size_t)(kn_rng_uniform(&r) * (double)j);
      if (m >= j) m = j - 1;
      int tmp = order[j - 1];
      order[j - 1] = order[m];
      order[m] = tmp;
    }
    double *row = &d->value[t * (k + 1) * k];
    for (size_t j = 0; j < k; j++)
      row[j] = at_level(d->param[j], x[j]);
    for (size_t step = 0; step < k; step++) {
      int f = order[step];
      double delta = x[f] < 0.5 ? KN_MORRIS_DELTA : -KN_MORRIS_DELTA;
      x[f] += delta;
      d->moved[t * k + step] = f;
      d->step[t * k + step] = delta;
      double *next = &row[(step + 1) * k];
      for (size_t j = 0; j < k; j++)
        next[j] = at_level(d->param[j], x[j]);
    }
  }
  *out = d;
  return 0;
}

uint64_t kn_cohort_design_units(const kn_cohort_design *d) {
  return d ? (uint64_t)d->npoint * (d->kind == KN_DESIGN_MORRIS ? d->block : 1) : 0;
}

size_t kn_cohort_design_point(const kn_cohort_design *d, uint64_t unit) {
  if (d == NULL || d->npoint == 0) return 0;
  if (d->kind == KN_DESIGN_MORRIS) return (size_t)(unit / d->block);
  return (size_t)(unit % d->npoint);
}

uint64_t kn_cohort_design_subject(const kn_cohort_design *d, uint64_t unit) {
  return d && d->kind == KN_DESIGN_MORRIS ? unit % d->block : unit;
}

void kn_cohort_design_apply(const kn_cohort_design *d, uint64_t unit, kn_session *s) {
  if (d == NULL) return;
  size_t pt = kn_cohort_design_point(d, unit);
  if (pt >= d->npoint) return;
  for (size_t j = 0; j < d->nparam && s->nparam < KN_SESSION_PARAMS_MAX; j++) {
    kn_param_setting *ps = &s->params[s->nparam++];
    ps->index = d->param[j];
    ps->value = d->value[pt * d->nparam + j];
    ps->line = ps->col = 0;
    ps->unguarded = 0;
  }
}

void kn_cohort_design_describe(const kn_cohort_design *d, char *buf, size_t size) {
  if (d == NULL || d->kind != KN_DESIGN_NESTED)
    snprintf(buf, size, "none");
  else
    snprintf(buf, size, "uncertainty: %zu draws, %s spreads", d->npoint, d->spreads);
}

size_t kn_cohort_design_draws(const char *parameters) {
  unsigned long k = 0;
  if (parameters && sscanf(parameters, "uncertainty: %lu draws", &k) == 1) return (size_t)k;
  return 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double kn_quantile(double *x, size_t n, double p) {
  if (n == 0) return NAN;
  qsort(x, n, sizeof *x, cmp_double);
  double h = (double)(n - 1) * fmax(0.0, fmin(1.0, p));
  size_t lo = (size_t)floor(h);
  size_t hi = lo + 1 < n ? lo + 1 : lo;
  return x[lo] + (h - (double)lo) * (x[hi] - x[lo]);
}

void kn_morris_effects(const kn_cohort_design *d, const double *y, double *mu_star, double *mu,
                       double *sigma) {
  size_t k = d->nparam;
  for (size_t j = 0; j < k; j++)
    mu_star[j] = mu[j] = sigma[j] = 0.0;
  if (d->kind != KN_DESIGN_MORRIS || d->ntraj == 0) return;
  /* the trajectories' effects per factor, then their mean, mean absolute value and SD */
  for (size_t t = 0; t < d->ntraj; t++)
    for (size_t step = 0; step < k; step++) {
      size_t p = t * (k + 1) + step;
      int f = d->moved[t * k + step];
      double ee = (y[p + 1] - y[p]) / d->step[t * k + step];
      mu[f] += ee / (double)d->ntraj;
      mu_star[f] += fabs(ee) / (double)d->ntraj;
    }
  for (size_t t = 0; t < d->ntraj; t++)
    for (size_t step = 0; step < k; step++) {
      size_t p = t * (k + 1) + step;
      int f = d->moved[t * k + step];
      double ee = (y[p + 1] - y[p]) / d->step[t * k + step];
      sigma[f] += (ee - mu[f]) * (ee - mu[f]);
    }
  for (size_t j = 0; j < k; j++)
    sigma[j] = d->ntraj > 1 ? sqrt(sigma[j] / (double)(d->ntraj - 1)) : 0.0;
}
