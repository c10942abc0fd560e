/* SPDX-License-Identifier: Apache-2.0 */
/* knead — parameter uncertainty in a cohort: which parameter values each subject is simulated
 * with, and what the spread of the parameters does to each incidence.
 *
 *   nested design (--uncertainty): K parameter draws from the spreads (knead/param_spread.h);
 *     subject i is simulated with draw i mod K. Each incidence gets, beside its sampling (Wilson)
 *     interval, the 2.5th-97.5th percentiles of the incidence over the K draws.
 *   Morris design (--sensitivity): r trajectories of elementary effects (Morris 1991, with
 *     Campolongo's mu*), each point given the same block of B subjects (common random numbers);
 *     unit i is point i / B with subject i mod B.
 *
 * Every number is drawn from counter-based streams keyed by the run's seed and the draw's (or
 * trajectory's) number, so a design is the same in every thread, rank and resumed run.
 * docs/cohort.md, "Parameter uncertainty", describes the method. */
#ifndef KNEAD_COHORT_UNCERTAINTY_H
#define KNEAD_COHORT_UNCERTAINTY_H

#include "knead/export.h"

#include <stddef.h>
#include <stdint.h>

#include "knead/cohort.h"
#include "knead/error.h"
#include "knead/spec.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_design_kind {
  KN_DESIGN_NESTED = 0, /* K draws; unit i: draw i mod K, subject i */
  KN_DESIGN_MORRIS = 1  /* trajectories; unit i: point i / block, subject i mod block */
} kn_design_kind;

struct kn_cohort_design {
  kn_design_kind kind;
  char spreads[24];                 /* the spreads varied: "all", "source" or a module name */
  size_t nparam;                    /* parameters moved (<= KN_SESSION_PARAMS_MAX) */
  int param[KN_SESSION_PARAMS_MAX]; /* (nparam) kn_param index, in spread-table order */
  size_t npoint;                    /* parameter points */
  uint64_t block;                   /* Morris: subjects per point; nested: 0 */
  double *value;                    /* (npoint x nparam) values in SI units, owned */
  size_t ntraj;                     /* Morris: trajectories (npoint = ntraj (nparam + 1)) */
  int *moved;   /* (ntraj x nparam) Morris: which param[] step j of a trajectory moves, owned */
  double *step; /* (ntraj x nparam) Morris: that step in units of the whole spread (+-2/3) */
};

/* Levels of the Morris grid (0, 1/3, 2/3, 1 of each spread) and the step between points. */
#define KN_MORRIS_LEVELS 4
#define KN_MORRIS_DELTA (2.0 / 3.0)

/* 1 if `spreads` names a set of spreads with at least one in it: "all", "source" (only spreads
 * the sources give) or a module name ("neuromuscular", "systemic"...). */
KN_API int kn_cohort_spread_set_valid(const char *spreads);
/* The parameters a design moves: those with a spread in the set `spreads` (NULL: all), except
 * those the session sets itself (its `parameters:` win). */
/* A nested design of ndraw (>= 2) draws. KN_ETOOBIG if the session's own parameters and the
 * spreads do not fit in KN_SESSION_PARAMS_MAX; KN_EINVAL if no parameter is left to move. */
KN_API int kn_cohort_design_nested(const kn_session *s, const char *spreads, uint64_t seed,
                                   size_t ndraw, kn_cohort_design **out, kn_diag *diag);
/* A Morris design of ntraj (>= 2) trajectories with block (>= 1) subjects per point. */
KN_API int kn_cohort_design_morris(const kn_session *s, const char *spreads, uint64_t seed,
                                   size_t ntraj, uint64_t block, kn_cohort_design **out,
                                   kn_diag *diag);
KN_API void kn_cohort_design_free(kn_cohort_design *d); /* NULL allowed */

/* Units (simulations per profile) a Morris design needs: npoint x block. */
KN_API uint64_t kn_cohort_design_units(const kn_cohort_design *d);
/* The parameter point of unit i (0 without a design). */
KN_API size_t kn_cohort_design_point(const kn_cohort_design *d, uint64_t unit);
/* The population subject unit i is (i itself, except in a Morris design). */
KN_API uint64_t kn_cohort_design_subject(const kn_cohort_design *d, uint64_t unit);
/* Appends unit i's parameter values to the session's `parameters` (a copy the caller owns; the
 * design was built so that they fit). No design: nothing. */
KN_API void kn_cohort_design_apply(const kn_cohort_design *d, uint64_t unit, kn_session *s);
/* "uncertainty: K draws, all spreads" ("source spreads", "systemic spreads"...) into buf: the
 * run's `parameters` key; "none" without a nested design. */
KN_API void kn_cohort_design_describe(const kn_cohort_design *d, char *buf, size_t size);
/* K back from that text; 0 for "none" or anything else. */
KN_API size_t kn_cohort_design_draws(const char *parameters);

/* The p-th quantile (0..1) of x[0..n) (sorted in place), linear between order statistics
 * (Hyndman and Fan type 7). n = 0 gives NAN. */
KN_API double kn_quantile(double *x, size_t n, double p);

/* Morris elementary effects of one output: y[point] for every point of the design, into
 * mu_star (mean absolute effect), mu (mean effect) and sigma (standard deviation, n - 1) per
 * param[], each in units of y per whole spread. */
KN_API void kn_morris_effects(const kn_cohort_design *d, const double *y, double *mu_star,
                              double *mu, double *sigma);

/* Incidence of each outcome and profile per draw of a stored nested run. */
typedef struct kn_cohort_draw_counts {
  size_t ndraw;
  int nprofile;
  int profiles[KN_COHORT_MAX_PROFILES];
  size_t noutcome; /* kn_cohort_outcome_count(), then in a run of a course its course outcomes
                      (outcome i >= kn_cohort_outcome_count() is course outcome i - that) */
  uint64_t *n;     /* (ndraw x nprofile) subjects */
  uint64_t *k;     /* (ndraw x nprofile x noutcome) subjects with the outcome */
} kn_cohort_draw_counts;

/* Reads the per-draw counts of the database at path (K from its `parameters` key). Returns 0,
 * KN_ENOTFOUND when the run has no nested design (out zeroed), or another negative kn_errno. */
KN_API int kn_cohort_draw_counts_load(const char *path, kn_cohort_draw_counts *out, kn_diag *diag);
KN_API void kn_cohort_draw_counts_free(kn_cohort_draw_counts *c); /* frees the arrays */
/* The parameter-uncertainty interval of outcome i under profile slot p: est the median, lo and
 * hi the 2.5th and 97.5th percentiles of the incidence over the draws that have subjects. */
KN_API kn_interval kn_cohort_parameter_interval(const kn_cohort_draw_counts *c, size_t outcome,
                                                int p);

/* Writes the design's draws (table parameter_draws) and both intervals of every incidence
 * (table uncertainty) into the finished database at path, replacing earlier rows. */
KN_API int kn_cohort_uncertainty_store(const char *path, const kn_cohort_design *d, kn_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
