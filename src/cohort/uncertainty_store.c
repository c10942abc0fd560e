/* SPDX-License-Identifier: Apache-2.0 */
/* knead — parameter uncertainty of a stored cohort: incidence per parameter draw, its percentile
 * interval, and the tables parameter_draws and uncertainty (docs/cohort.md, schema). */
#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knead/cohort_uncertainty.h"
#include "knead/params.h"
#include "cohort/store_internal.h"

#define Z95 1.959963984540054 /* standard normal quantile for a two-sided 95 % interval */
/* The quantiles that bound a central 95 % interval. */
#define Q_LOW 0.025
#define Q_HIGH 0.975

#define fail kn_store_fail /* store_internal.h: one failure report for the database code */
#define db_fail kn_store_db_fail

void kn_cohort_draw_counts_free(kn_cohort_draw_counts *c) {
  if (c == NULL) return;
  free(c->n);
  free(c->k);
  c->n = c->k = NULL;
}

/* Outcome i of the draw counts: the session's outcomes, then a course's (kn_cohort_draw_counts). */
static const char *outcome_name(size_t i) {
  size_t nsession = kn_cohort_outcome_count();
  return i < nsession ? kn_cohort_outcome_name(i) : kn_cohort_course_outcome_name(i - nsession);
}

/* Reads the counts from an open database. */
static int load_counts(sqlite3 *db, const char *path, kn_cohort_draw_counts *out, kn_diag *diag) {
  char params[128], profiles[128], course[32];
  kn_store_run_value(db, "parameters", params, sizeof params);
  kn_store_run_value(db, "course_sessions", course, sizeof course); /* "" without a course */
  kn_store_run_value(db, "profiles", profiles, sizeof profiles);
  size_t ndraw = kn_cohort_design_draws(params);
  if (ndraw == 0)
    return fail(diag, KN_ENOTFOUND, path, "%s", "the run has no parameter draws (--uncertainty)");
  out->ndraw = ndraw;
  out->noutcome = kn_cohort_outcome_count();
  if (strtol(course, NULL, 10) > 0) out->noutcome += kn_cohort_course_outcome_count();
  for (char *save = NULL, *tok = strtok_r(profiles, ",", &save);
       tok && out->nprofile < KN_COHORT_MAX_PROFILES; tok = strtok_r(NULL, ",", &save))
    out->profiles[out->nprofile++] = !strcmp(tok, "untrained_partner")
                                         ? KN_PRACTITIONER_UNTRAINED_PARTNER
                                         : KN_PRACTITIONER_PROFESSIONAL;
  out->n = calloc(ndraw * KN_COHORT_MAX_PROFILES, sizeof *out->n);
  out->k = calloc(ndraw * KN_COHORT_MAX_PROFILES * out->noutcome, sizeof *out->k);
  if (!out->n || !out->k) return fail(diag, KN_ENOMEM, path, "%s", "out of memory");
  char sql[2048];
  size_t o = (size_t)snprintf(sql, sizeof sql, "SELECT subject %% %zu, profile, count(*)", ndraw);
  for (size_t i = 0; i < out->noutcome && o < sizeof sql; i++)
    o += (size_t)snprintf(sql + o, sizeof sql - o, ", sum(%s)", outcome_name(i));
  if (o < sizeof sql)
    snprintf(sql + o, sizeof sql - o, "%s",
             out->noutcome > kn_cohort_outcome_count()
                 ? " FROM results JOIN course_results USING (subject, profile) GROUP BY 1, 2"
                 : " FROM results GROUP BY 1, 2");
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return db_fail(diag, db, path);
  while (sqlite3_step(st) == SQLITE_ROW) {
    sqlite3_int64 d = sqlite3_column_int64(st, 0);
    const char *prof = (const char *)sqlite3_column_text(st, 1);
    int p = -1;
    for (int q = 0; q < out->nprofile && prof; q++)
      if (!strcmp(prof, kn_practitioner_name((kn_practitioner)out->profiles[q]))) p = q;
    if (p < 0 || d < 0 || (size_t)d >= ndraw) continue;
    size_t cell = (size_t)d * KN_COHORT_MAX_PROFILES + (size_t)p;
    out->n[cell] = (uint64_t)sqlite3_column_int64(st, 2);
    for (size_t i = 0; i < out->noutcome; i++)
      out->k[cell * out->noutcome + i] = (uint64_t)sqlite3_column_int64(st, 3 + (int)i);
  }
  sqlite3_finalize(st);
  return 0;
}

int kn_cohort_draw_counts_load(const char *path, kn_cohort_draw_counts *out, kn_diag *diag) {
  memset(out, 0, sizeof *out);
  sqlite3 *db = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    int rc = db_fail(diag, db, path);
    sqlite3_close(db);
    return rc;
  }
  sqlite3_busy_timeout(db, KN_STORE_BUSY_TIMEOUT_MS);
  int rc = load_counts(db, path, out, diag);
  sqlite3_close(db);
  if (rc) kn_cohort_draw_counts_free(out);
  return rc;
}

kn_interval kn_cohort_parameter_interval(const kn_cohort_draw_counts *c, size_t outcome, int p) {
  kn_interval r = {NAN, NAN, NAN};
  if (c == NULL || outcome >= c->noutcome || p < 0 || p >= c->nprofile || c->ndraw == 0) return r;
  double *x = malloc(c->ndraw * sizeof *x);
  if (x == NULL) return r;
  size_t m = 0;
  for (size_t d = 0; d < c->ndraw; d++) {
    size_t cell = d * KN_COHORT_MAX_PROFILES + (size_t)p;
    if (c->n[cell] > 0) x[m++] = (double)c->k[cell * c->noutcome + outcome] / (double)c->n[cell];
  }
  r.est = kn_quantile(x, m, 0.5);
  r.lo = kn_quantile(x, m, Q_LOW);
  r.hi = kn_quantile(x, m, Q_HIGH);
  free(x);
  return r;
}

static int exec(sqlite3 *db, const char *sql, const char *path, kn_diag *diag) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
  int rc = fail(diag, KN_EIO, path, "database: %s", err ? err : sqlite3_errmsg(db));
  sqlite3_free(err);
  return rc;
}

static int write_draws(sqlite3 *db, const char *path, const kn_cohort_design *d, kn_diag *diag) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "INSERT INTO parameter_draws VALUES(?, ?, ?, ?)", -1, &st, NULL) !=
      SQLITE_OK)
    return db_fail(diag, db, path);
  int rc = 0;
  for (size_t k = 0; k < d->npoint && !rc; k++)
    for (size_t j = 0; j < d->nparam && !rc; j++) {
      const kn_param_info *pi = kn_param((size_t)d->param[j]);
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, (sqlite3_int64)k);
      sqlite3_bind_text(st, 2, pi->name, -1, SQLITE_STATIC);
      sqlite3_bind_double(st, 3, d->value[k * d->nparam + j] / pi->si);
      sqlite3_bind_text(st, 4, pi->unit, -1, SQLITE_STATIC);
      if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(diag, db, path);
    }
  sqlite3_finalize(st);
  return rc;
}

/* One row per outcome and profile: the whole cohort's incidence with its Wilson interval, and the
 * percentile interval over the draws. */
static int write_intervals(sqlite3 *db, const char *path, const kn_cohort_draw_counts *c,
                           kn_diag *diag) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "INSERT INTO uncertainty VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                         &st, NULL) != SQLITE_OK)
    return db_fail(diag, db, path);
  int rc = 0;
  for (size_t i = 0; i < c->noutcome && !rc; i++)
    for (int p = 0; p < c->nprofile && !rc; p++) {
      uint64_t n = 0, k = 0;
      size_t draws = 0;
      for (size_t d = 0; d < c->ndraw; d++) {
        size_t cell = d * KN_COHORT_MAX_PROFILES + (size_t)p;
        n += c->n[cell];
        k += c->k[cell * c->noutcome + i];
        draws += c->n[cell] > 0;
      }
      kn_interval w = kn_wilson(k, n, Z95), q = kn_cohort_parameter_interval(c, i, p);
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, outcome_name(i), -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 2, kn_practitioner_name((kn_practitioner)c->profiles[p]), -1,
                        SQLITE_STATIC);
      sqlite3_bind_int64(st, 3, (sqlite3_int64)draws);
      sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
      sqlite3_bind_int64(st, 5, (sqlite3_int64)k);
      double v[6] = {w.est, w.lo, w.hi, q.est, q.lo, q.hi};
      for (int j = 0; j < 6; j++)
        if (isfinite(v[j]))
          sqlite3_bind_double(st, 6 + j, v[j]);
        else
          sqlite3_bind_null(st, 6 + j);
      if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(diag, db, path);
    }
  sqlite3_finalize(st);
  return rc;
}

int kn_cohort_uncertainty_store(const char *path, const kn_cohort_design *d, kn_diag *diag) {
  if (d == NULL || d->kind != KN_DESIGN_NESTED)
    return fail(diag, KN_EINVAL, path, "%s", "not a nested parameter design");
  sqlite3 *db = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    int rc = db_fail(diag, db, path);
    sqlite3_close(db);
    return rc;
  }
  sqlite3_busy_timeout(db, KN_STORE_BUSY_TIMEOUT_MS);
  kn_cohort_draw_counts c;
  memset(&c, 0, sizeof c);
  int rc = load_counts(db, path, &c, diag);
  if (!rc)
    rc = exec(db,
              "BEGIN;"
              "CREATE TABLE IF NOT EXISTS parameter_draws(draw INTEGER NOT NULL, "
              "parameter TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, "
              "PRIMARY KEY(draw, parameter));"
              "CREATE TABLE IF NOT EXISTS uncertainty(outcome TEXT NOT NULL, "
              "profile TEXT NOT NULL, draws INTEGER NOT NULL, n INTEGER NOT NULL, "
              "k INTEGER NOT NULL, incidence REAL, wilson_lo REAL, wilson_hi REAL, "
              "draw_median REAL, parameter_lo REAL, parameter_hi REAL, "
              "PRIMARY KEY(outcome, profile));"
              "DELETE FROM parameter_draws; DELETE FROM uncertainty;",
              path, diag);
  if (!rc) rc = write_draws(db, path, d, diag);
  if (!rc) rc = write_intervals(db, path, &c, diag);
  if (!rc) rc = exec(db, "COMMIT", path, diag);
  if (rc) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  kn_cohort_draw_counts_free(&c);
  sqlite3_close(db);
  return rc;
}
