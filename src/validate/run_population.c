/* SPDX-License-Identifier: Apache-2.0 */
/* Population experiments: incidences of a small virtual cohort, to be judged against the bands
 * published for the same population (the cases: cases_population.c).
 *
 * One cohort serves every case of a run: US adults (data/populations/us_adult.yaml) given the
 * 3-minute neck and calf session (examples/cohort/neck_calf_short.yaml) by a professional and by an
 * untrained partner, seed 1, the same subjects under both (kn_cohort_pool_run). Each case reads
 * one outcome row of the cohort (src/cohort/outcomes.c) by name; a row the model does not have
 * yet is reported as not modelled (red). The dehydrated cases give one subject
 * (examples/subject_cramp_prone_dehydrated.yaml) the same session: the incidence there is the
 * model's probability for that person (the outcome's flag averaged over the subject's draw). */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "validate/validate_internal.h"

#define POPULATION_FILE "data/populations/us_adult.yaml"
#define SESSION_FILE "examples/cohort/neck_calf_short.yaml"
#define DEHYDRATED_FILE "examples/subject_cramp_prone_dehydrated.yaml"
#define COHORT_SEED 1u
#define Z95 1.959963985

static const kn_practitioner profiles[KN_POP_PROFILES] = {KN_PRACTITIONER_PROFESSIONAL,
                                                          KN_PRACTITIONER_UNTRAINED_PARTNER};

typedef struct pop_counts {
  kn_validation *v;
  size_t nrow;
} pop_counts;

static int count_unit(const kn_cohort_unit *u, void *ctx) {
  pop_counts *c = ctx;
  for (int p = 0; p < u->nprofile && p < KN_POP_PROFILES; p++) {
    c->v->n[p]++;
    for (size_t i = 0; i < c->nrow; i++)
      c->v->k[i][p] += (uint64_t)(u->result[p].flags[i] != 0);
  }
  return 0;
}

static void path_of(const kn_validation *v, const char *file, char *buf, size_t size) {
  snprintf(buf, size, "%s/%s", v->opt.root, file);
}

/* Runs the shared cohort once; its counts stay in v. */
static int run_cohort(kn_validation *v) {
  if (v->cohort_state) return v->cohort_state < 0 ? v->cohort_state : KN_OK;
  char pop_path[1024], ses_path[1024];
  path_of(v, POPULATION_FILE, pop_path, sizeof pop_path);
  path_of(v, SESSION_FILE, ses_path, sizeof ses_path);
  kn_population *pop = NULL;
  kn_session *ses = NULL;
  kn_diag diag;
  int rc = kn_population_load(pop_path, &pop, &diag);
  if (!rc) rc = kn_session_load(ses_path, &ses, &diag);
  uint64_t n = v->opt.cohort_n;
  uint64_t *idx = rc ? NULL : malloc(n * sizeof *idx);
  if (!rc && !idx) rc = KN_ENOMEM;
  if (!rc) {
    for (uint64_t i = 0; i < n; i++)
      idx[i] = i;
    kn_cohort_job job = {.population = pop,
                         .session = ses,
                         .profiles = {profiles[0], profiles[1]},
                         .nprofile = KN_POP_PROFILES,
                         .seed = COHORT_SEED};
    size_t nrow = kn_cohort_outcome_count();
    pop_counts c = {v, nrow < KN_POP_MAX_OUTCOMES ? nrow : KN_POP_MAX_OUTCOMES};
    rc = kn_cohort_pool_run(&job, idx, (size_t)n, v->opt.threads, count_unit, NULL, &c, &diag);
  }
  if (rc) fprintf(stderr, "knead validate: population cohort: %s: %s\n", diag.file, diag.message);
  free(idx);
  kn_session_free(ses);
  kn_population_free(pop);
  v->cohort_state = rc ? rc : 1;
  return rc;
}

/* The dehydrated subject under each profile: each outcome's probability, its flag averaged over
 * the subject's uniform draw on a fine grid (exact for an outcome decided by u < probability). */
static int run_subject(kn_validation *v) {
  if (v->subject_state) return v->subject_state < 0 ? v->subject_state : KN_OK;
  char subj_path[1024], ses_path[1024];
  path_of(v, DEHYDRATED_FILE, subj_path, sizeof subj_path);
  path_of(v, SESSION_FILE, ses_path, sizeof ses_path);
  kn_subject subj;
  kn_session *ses = NULL;
  kn_diag diag;
  int rc = kn_subject_load(subj_path, &subj, &diag);
  if (!rc) rc = kn_session_load(ses_path, &ses, &diag);
  size_t nrow = kn_cohort_outcome_count();
  if (nrow > KN_POP_MAX_OUTCOMES) nrow = KN_POP_MAX_OUTCOMES;
  for (int p = 0; !rc && p < KN_POP_PROFILES; p++) {
    kn_session s = *ses;
    s.practitioner = profiles[p];
    s.seed = COHORT_SEED;
    kn_model *m = NULL;
    kn_data *d = NULL;
    rc = kn_model_create(&subj, &s, &m, &diag);
    if (!rc) rc = kn_data_create(m, &d);
    if (!rc) rc = kn_run(m, d, NULL, NULL);
    if (!rc) {
      const kn_outcome *o = kn_data_outcome(m, d);
      enum { GRID = 1000 };
      for (size_t i = 0; i < nrow; i++) {
        int hits = 0;
        for (int j = 0; j < GRID; j++)
          hits += kn_cohort_outcome_flag(i, o, (j + 0.5) / GRID) != 0;
        v->subject_p[i][p] = (double)hits / GRID;
      }
    }
    kn_data_free(d);
    kn_model_free(m);
  }
  if (rc) fprintf(stderr, "knead validate: dehydrated subject: %s: %s\n", diag.file, diag.message);
  kn_session_free(ses);
  v->subject_state = rc ? rc : 1;
  return rc;
}

static int row_of(const char *name) {
  for (size_t i = 0; i < kn_cohort_outcome_count() && i < KN_POP_MAX_OUTCOMES; i++)
    if (strcmp(kn_cohort_outcome_name(i), name) == 0) return (int)i;
  return -1;
}

int kn_run_population(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  const kn_population_exp *e = c->exp;
  int row = row_of(e->row);
  if (row < 0) return KN_OK; /* not modelled: the model stays NaN, which grades red */
  int rc = e->subject ? run_subject(v) : run_cohort(v);
  if (rc) return rc;
  if (e->subject) {
    r->model = v->subject_p[row][e->profile];
    r->model_n = 1;
    return KN_OK;
  }
  uint64_t k = v->k[row][e->profile], n = v->n[e->profile];
  kn_interval w = kn_wilson(k, n, Z95);
  r->model = n ? (double)k / (double)n : NAN;
  r->model_lo = w.lo;
  r->model_hi = w.hi;
  r->model_n = n;
  return KN_OK;
}
