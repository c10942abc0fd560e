/* SPDX-License-Identifier: Apache-2.0 */
/* knead cohort --uncertainty and --sensitivity: the parameter-uncertainty table of a stored run,
 * and the Morris screening (docs/cohort.md, "Parameter uncertainty"). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

#define Z95 1.959963984540054 /* standard normal quantile for a two-sided 95 % interval */

static void print_diag(const kn_diag *d) {
  char buf[1024];
  kn_diag_format(d, buf, sizeof buf);
  fprintf(stderr, "%s\n", buf);
}

int cohort_print_uncertainty(const char *db, FILE *out) {
  kn_cohort_draw_counts c;
  kn_diag diag;
  int rc = kn_cohort_draw_counts_load(db, &c, &diag);
  if (rc == KN_ENOTFOUND) return 0;
  if (rc) {
    print_diag(&diag);
    return KN_EXIT_INTERNAL;
  }
  uint64_t nsub = 0;
  for (size_t d = 0; d < c.ndraw; d++)
    nsub += c.n[d * KN_COHORT_MAX_PROFILES];
  fprintf(out,
          "\nparameter uncertainty: %zu parameter draws from the spreads (knead atlas), subject i "
          "with draw i mod %zu (about %.3g subjects each)\n"
          "incidence %%: sampling interval (Wilson 95 %%) | parameter interval (2.5-97.5th "
          "percentile of the incidence over the draws; includes the sampling noise of a draw's "
          "subjects)\n\n%-26s",
          c.ndraw, c.ndraw, (double)nsub / (double)c.ndraw, "outcome");
  for (int p = 0; p < c.nprofile; p++)
    fprintf(out, p + 1 < c.nprofile ? "  %-41s" : "  %s",
            kn_practitioner_name((kn_practitioner)c.profiles[p]));
  fputc('\n', out);
  size_t nsession = kn_cohort_outcome_count(); /* then a course's outcomes */
  for (size_t i = 0; i < c.noutcome; i++) {
    if (i == nsession) fprintf(out, "course:\n");
    fprintf(out, "%-26s",
            i < nsession ? kn_cohort_outcome_label(i)
                         : kn_cohort_course_outcome_label(i - nsession));
    for (int p = 0; p < c.nprofile; p++) {
      uint64_t n = 0, k = 0;
      for (size_t d = 0; d < c.ndraw; d++) {
        size_t cell = d * KN_COHORT_MAX_PROFILES + (size_t)p;
        n += c.n[cell];
        k += c.k[cell * c.noutcome + i];
      }
      kn_interval w = kn_wilson(k, n, Z95), q = kn_cohort_parameter_interval(&c, i, p);
      char cell[96];
      snprintf(cell, sizeof cell, "%6.2f [%5.2f, %5.2f] | [%5.2f, %5.2f]", 100.0 * w.est,
               100.0 * w.lo, 100.0 * w.hi, 100.0 * q.lo, 100.0 * q.hi);
      fprintf(out, p + 1 < c.nprofile ? "  %-41s" : "  %s", cell);
    }
    fputc('\n', out);
  }
  kn_cohort_draw_counts_free(&c);
  return 0;
}

/* ---- Morris screening ------------------------------------------------------------------------ */

typedef struct screening {
  const kn_cohort_design *design;
  size_t noutcome;
  int nprofile;
  uint64_t *k; /* (npoint x nprofile x noutcome) */
  uint64_t done, total;
  cli_progress progress; /* simulations done/total on stderr */
} screening;

static int count_unit(const kn_cohort_unit *u, void *ctx) {
  screening *s = ctx;
  size_t pt = kn_cohort_design_point(s->design, u->index);
  for (int p = 0; p < u->nprofile; p++)
    for (size_t i = 0; i < s->noutcome; i++)
      s->k[(pt * (size_t)s->nprofile + (size_t)p) * s->noutcome + i] +=
          (uint64_t)u->result[p].flags[i];
  s->done++;
  cli_progress_update(&s->progress, (double)s->done);
  return 0;
}

typedef struct ranked {
  int j;
  double mu_star, mu, sigma;
} ranked;

static int by_mu_star(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->mu_star != y->mu_star) return x->mu_star < y->mu_star ? 1 : -1;
  return x->j - y->j; /* ties in table order: the same ranking on every machine */
}

/* The ranking of the parameters for outcome i under profile slot p. */
static int print_ranking(const screening *s, const kn_cohort_job *job, int p, size_t i,
                         uint64_t block, FILE *out) {
  const kn_cohort_design *d = s->design;
  double *y = malloc(d->npoint * sizeof *y), *eff = malloc(3 * d->nparam * sizeof *eff);
  ranked *r = malloc(d->nparam * sizeof *r);
  if (!y || !r || !eff) {
    free(y), free(r), free(eff);
    return KN_EXIT_INTERNAL;
  }
  double ymin = INFINITY, ymax = -INFINITY;
  for (size_t pt = 0; pt < d->npoint; pt++) {
    uint64_t k = s->k[(pt * (size_t)s->nprofile + (size_t)p) * s->noutcome + i];
    y[pt] = 100.0 * (double)k / (double)block; /* percentage points */
    ymin = fmin(ymin, y[pt]), ymax = fmax(ymax, y[pt]);
  }
  if (ymax > ymin)
    fprintf(out, "\n%s, %s: incidence %.1f to %.1f %% over the %zu points\n",
            kn_practitioner_name(job->profiles[p]), kn_cohort_outcome_label(i), ymin, ymax,
            d->npoint);
  if (ymax == ymin) { /* listed together by the caller */
    free(y), free(r), free(eff);
    return 0;
  }
  double *mu_star = eff, *mu = eff + d->nparam, *sigma = eff + 2 * d->nparam;
  kn_morris_effects(d, y, mu_star, mu, sigma);
  for (size_t j = 0; j < d->nparam; j++)
    r[j] = (ranked){(int)j, mu_star[j], mu[j], sigma[j]};
  qsort(r, d->nparam, sizeof *r, by_mu_star);
  fprintf(out, "  %4s  %-26s %7s %7s %7s  %-22s %s\n", "rank", "parameter", "mu*", "mu", "sigma",
          "spread", "spread from");
  size_t quiet_params = 0;
  for (size_t j = 0; j < d->nparam; j++) {
    if (r[j].mu_star == 0.0) {
      quiet_params++;
      continue;
    }
    int idx = d->param[r[j].j];
    const kn_param_spread *sp = kn_param_spread_of(idx);
    char spread[64];
    kn_param_spread_format(sp, spread, sizeof spread);
    char with_unit[96];
    snprintf(with_unit, sizeof with_unit, "%s %s", spread, kn_param((size_t)idx)->unit);
    fprintf(out, "  %4zu  %-26s %7.2f %7.2f %7.2f  %-22s %s\n", j + 1, kn_param((size_t)idx)->name,
            r[j].mu_star, r[j].mu, r[j].sigma, with_unit, sp->from_source ? "source" : "expert");
  }
  if (quiet_params) fprintf(out, "  %zu other parameters: no effect at any step\n", quiet_params);
  free(y), free(r), free(eff);
  return 0;
}

int cohort_sensitivity(kn_cohort_job *job, size_t ntraj, unsigned long long block,
                       const char *spreads, int threads, int show_progress, FILE *out) {
  kn_diag diag;
  kn_cohort_design *d = NULL;
  if (kn_cohort_design_morris(job->session, spreads, job->seed, ntraj, block, &d, &diag)) {
    if (!diag.file[0]) snprintf(diag.file, sizeof diag.file, "%s", job->session->source);
    print_diag(&diag);
    return diag.code == KN_ENOMEM ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  screening s;
  memset(&s, 0, sizeof s);
  s.design = d;
  s.noutcome = kn_cohort_outcome_count();
  s.nprofile = job->nprofile;
  s.total = kn_cohort_design_units(d);
  cli_progress_begin(&s.progress, show_progress, (double)s.total, "simulations", 0);
  s.k = calloc(d->npoint * (size_t)job->nprofile * s.noutcome, sizeof *s.k);
  uint64_t *units = malloc(s.total * sizeof *units);
  int rc = 0;
  if (!s.k || !units) {
    fprintf(stderr, "knead: out of memory\n");
    rc = KN_EXIT_INTERNAL;
    goto out;
  }
  for (uint64_t u = 0; u < s.total; u++)
    units[u] = u;
  /* the screening counts a session's outcomes: a course is screened on its first session, and its
   * other sessions are not simulated (they would change no count) */
  const kn_session *given = job->session;
  kn_session first = *given; /* shallow: the actions stay the caller's, read only */
  first.course.nsession = 0;
  job->session = &first;
  job->design = d;
  rc = kn_cohort_pool_run(job, units, s.total, threads, count_unit, NULL, &s, &diag);
  job->design = NULL;
  job->session = given;
  if (rc < 0)
    cli_progress_clear(&s.progress);
  else
    cli_progress_end(&s.progress, (double)s.done);
  if (rc < 0) {
    print_diag(&diag);
    rc = rc == KN_ERANGE ? KN_EXIT_USAGE : KN_EXIT_INTERNAL;
    goto out;
  }
  fprintf(out,
          "sensitivity: Morris elementary effects, %zu parameters with a spread (%s spreads), %zu "
          "trajectories of %zu points, %llu subjects per point: %" PRIu64
          " simulations per profile; seed %" PRIu64 "\n"
          "population \"%s\"; session \"%s\"\n"
          "effects in percentage points of incidence per whole spread (the parameter moved by two "
          "thirds of its spread, divided by 2/3); mu* mean |effect| (rank), mu mean effect, sigma "
          "its SD over the trajectories (interactions, non-linearity and sampling noise)\n",
          d->nparam, d->spreads, d->ntraj, d->nparam + 1, block, s.total, job->seed,
          kn_population_name(job->population), job->session->name);
  if (given->course.nsession > 0)
    fprintf(out, "a course of %d sessions: screened on its first session\n",
            given->course.nsession);
  for (int p = 0; p < job->nprofile && !rc; p++) {
    for (size_t i = 0; i < s.noutcome && !rc; i++)
      rc = print_ranking(&s, job, p, i, block, out);
    /* the outcomes no point changes, in one line */
    fprintf(out, "\n%s, the same at every point:", kn_practitioner_name(job->profiles[p]));
    for (size_t i = 0; i < s.noutcome; i++) {
      uint64_t k0 = s.k[(size_t)p * s.noutcome + i], same = 1;
      for (size_t pt = 1; pt < d->npoint; pt++)
        same &= s.k[(pt * (size_t)s.nprofile + (size_t)p) * s.noutcome + i] == k0;
      if (same)
        fprintf(out, " %s %.0f %%;", kn_cohort_outcome_label(i),
                100.0 * (double)k0 / (double)block);
    }
    fputc('\n', out);
  }
out:
  free(units);
  free(s.k);
  kn_cohort_design_free(d);
  return rc;
}
