/* SPDX-License-Identifier: Apache-2.0 */
/* knead — a cohort in SQLite: one run per database, one transaction per subject.
 *
 * A subject's row, its results under every profile and their events are written in one
 * transaction, so a run killed at any moment leaves whole subjects only; the next start with the
 * same arguments skips the subjects stored and computes the others. The database is in WAL mode
 * while a run writes (a commit is one append; a killed process loses nothing committed) and back in
 * rollback-journal mode, a single file, when the run finishes. Schema: docs/cohort.md. */
#include "knead/cohort.h"
#include "cohort/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/units.h"
#include "knead/atlas.h"
#include "knead/nerve.h"
#include "knead/tissue.h"

/* Version of the tables below, stored as PRAGMA user_version and in the run table: a database of
 * another version is refused rather than read or extended with rows of another shape.
 * 2: the drawn practitioner's traits in results.
 * 3: version 2 and the course tables (course_results, course_sessions), written by a run whose
 *    session has a course; a run without one still writes version 2, byte for byte as before, so
 *    an earlier knead reads it, and this knead reads and resumes both. */
#define SCHEMA_VERSION 2
#define SCHEMA_VERSION_COURSE 3
/* The run inputs the run table keeps (the keys a resumed run must find). */
#define RUN_KEYS 7
/* PRAGMA application_id of a knead cohort ("knad"): tells our databases from other SQLite files. */
#define KN_COHORT_APP_ID 0x6b6e6164

struct kn_cohort_store {
  sqlite3 *db;
  sqlite3_stmt *ins_subject, *ins_result, *ins_event;
  sqlite3_stmt *ins_course, *ins_course_session; /* a course run's (NULL otherwise) */
  int lock_fd; /* the database file, flock()ed exclusively while the run writes; -1 none */
};

int kn_store_fail(kn_diag *d, int code, const char *file, const char *fmt, const char *detail) {
  if (d) {
    kn_diag_clear(d);
    d->code = code;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    snprintf(d->message, sizeof d->message, fmt, detail ? detail : "");
  }
  return code;
}

int kn_store_db_fail(kn_diag *d, sqlite3 *db, const char *file) {
  return kn_store_fail(d, KN_EIO, file, "database: %s", db ? sqlite3_errmsg(db) : "cannot open");
}

/* the short names this file uses */
#define fail kn_store_fail
#define db_fail kn_store_db_fail

/* ---- hashing the input files ----------------------------------------------------------------- */

int kn_cohort_hash_file(const char *path, char *out, size_t size) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return KN_EIO;
  /* FNV-1a: enough to notice that a file changed between a run and its resumption */
  uint64_t h = KN_FNV1A_OFFSET;
  unsigned char buf[8192];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
    h = kn_fnv1a_bytes(h, buf, got);
  int bad = ferror(fp);
  fclose(fp);
  if (bad) return KN_EIO;
  snprintf(out, size, "fnv1a64:%016" PRIx64, h);
  return 0;
}

/* ---- schema ---------------------------------------------------------------------------------- */

/* The subject's inputs, in people's units (column, its value from the subject). */
typedef struct subject_col {
  const char *name;
  int is_int;
  double (*get)(const kn_cohort_unit *u);
} subject_col;

#define SUBJ_REAL(col, expr)                                                                       \
  static double get_##col(const kn_cohort_unit *u) {                                               \
    const kn_subject *s = &u->subject;                                                             \
    (void)s;                                                                                       \
    return (expr);                                                                                 \
  }
SUBJ_REAL(age_years, s->age)
SUBJ_REAL(height_m, s->height)
SUBJ_REAL(mass_kg, s->mass)
SUBJ_REAL(bmi_kg_m2, u->bmi)
SUBJ_REAL(body_fat, s->body_fat)
SUBJ_REAL(cramps_per_month, s->cramps_per_month)
SUBJ_REAL(hypohydration, s->hypohydration)
SUBJ_REAL(serum_sodium_mmol_L, s->serum_sodium)
SUBJ_REAL(serum_potassium_mmol_L, s->serum_potassium)
SUBJ_REAL(serum_magnesium_mmol_L, s->serum_magnesium)
SUBJ_REAL(serum_calcium_mmol_L, s->serum_calcium)
SUBJ_REAL(exertion, s->exertion)
SUBJ_REAL(inactive_weeks, s->inactive_weeks)
SUBJ_REAL(posture_h, s->posture_hours / KN_HOUR)
SUBJ_REAL(atherosclerosis, s->atherosclerosis)
SUBJ_REAL(chronic_illness, s->chronic_illness)
SUBJ_REAL(cramp_training, s->cramp_training)
SUBJ_REAL(pain_threshold_scale, s->pain_threshold_scale)
SUBJ_REAL(core_temperature_degC, s->core_temperature - KN_ZERO_CELSIUS)
SUBJ_REAL(acute_illness, s->acute_illness)
SUBJ_REAL(systolic_mmHg, s->systolic_pressure / KN_MMHG)
SUBJ_REAL(diastolic_mmHg, s->diastolic_pressure / KN_MMHG)
SUBJ_REAL(hypertension, s->hypertension)
SUBJ_REAL(carotid_sinus_hypersensitivity, s->carotid_sinus_hypersensitivity)
SUBJ_REAL(bp_medication, s->bp_medication)
SUBJ_REAL(heart_rate_per_min, s->heart_rate * 60.0)

static const subject_col subject_cols[] = {
    {"age_years", 0, get_age_years},
    {"height_m", 0, get_height_m},
    {"mass_kg", 0, get_mass_kg},
    {"bmi_kg_m2", 0, get_bmi_kg_m2},
    {"body_fat", 0, get_body_fat},
    {"cramps_per_month", 0, get_cramps_per_month},
    {"hypohydration", 0, get_hypohydration},
    {"serum_sodium_mmol_L", 0, get_serum_sodium_mmol_L},
    {"serum_potassium_mmol_L", 0, get_serum_potassium_mmol_L},
    {"serum_magnesium_mmol_L", 0, get_serum_magnesium_mmol_L},
    {"serum_calcium_mmol_L", 0, get_serum_calcium_mmol_L},
    {"exertion", 0, get_exertion},
    {"inactive_weeks", 0, get_inactive_weeks},
    {"posture_h", 0, get_posture_h},
    {"atherosclerosis", 1, get_atherosclerosis},
    {"chronic_illness", 1, get_chronic_illness},
    {"cramp_training", 1, get_cramp_training},
    {"pain_threshold_scale", 0, get_pain_threshold_scale},
    {"core_temperature_degC", 0, get_core_temperature_degC},
    {"acute_illness", 1, get_acute_illness},
    {"systolic_mmHg", 0, get_systolic_mmHg},
    {"diastolic_mmHg", 0, get_diastolic_mmHg},
    {"hypertension", 1, get_hypertension},
    {"carotid_sinus_hypersensitivity", 1, get_carotid_sinus_hypersensitivity},
    {"bp_medication", 1, get_bp_medication},
    {"heart_rate_per_min", 0, get_heart_rate_per_min},
};
#define NSUBJ (sizeof subject_cols / sizeof subject_cols[0])

/* The descriptive columns of a result after the outcome flags (names; values in bind_result). */
static const char *const result_cols[] = {
    "harm", "nerve_grade", "bruise_grade", "clonic_spasms", "tonic_spasms", "cramps",
    "soreness_probability", "bruise_probability", "p_peak_kPa", "pain_peak", "bruise_index",
    "injury_dose", "muscle_damage", "duration_s", "events", "events_kept",
    /* the practitioner this subject drew for this profile */
    "practitioner_force_ratio", "practitioner_force_bias_N", "practitioner_force_cv",
    "practitioner_ramp_s", "practitioner_drift_mm", "practitioner_pain_delay_s"};
#define NRES (sizeof result_cols / sizeof result_cols[0])

/* The columns of a course's row after its outcome flags, and of a session's row of the course
 * (values in bind_course and bind_course_session). */
static const char *const course_cols[] = {"harm",
                                          "nerve_grade",
                                          "systolic_change_mmHg",
                                          "diastolic_change_mmHg",
                                          "systolic_carried_end_mmHg",
                                          "diastolic_carried_end_mmHg",
                                          "sore_at_start_max",
                                          "evidence_pressure",
                                          "evidence_soreness",
                                          "evidence_nerve"};
#define NCOURSE_COL (sizeof course_cols / sizeof course_cols[0])
static const char *const course_session_cols[] = {"start_d",
                                                  "systolic_rest_mmHg",
                                                  "diastolic_rest_mmHg",
                                                  "systolic_carried_mmHg",
                                                  "diastolic_carried_mmHg",
                                                  "systolic_change_mmHg",
                                                  "diastolic_change_mmHg",
                                                  "soreness_probability",
                                                  "sore_at_start",
                                                  "nerves_unrecovered",
                                                  "nerve_dose_max",
                                                  "nerve_grade",
                                                  "cramps",
                                                  "ctf_carried_Hz",
                                                  "cramp_threshold_Hz",
                                                  "harm"};
#define NCOURSE_SESSION_COL (sizeof course_session_cols / sizeof course_session_cols[0])

/* Appends printf-style text to a growing SQL string; returns -1 when out of room. */
static int add(char *buf, size_t size, size_t *o, const char *fmt, const char *a) {
  int n = snprintf(buf + *o, size - *o, fmt, a);
  if (n < 0 || (size_t)n >= size - *o) return -1;
  *o += (size_t)n;
  return 0;
}

/* A course column holding a name rather than a number: a grade or an evidence level. */
static int is_text_col(const char *name) {
  return !strcmp(name, "harm") || !strcmp(name, "nerve_grade") ||
         !strncmp(name, "evidence_", strlen("evidence_"));
}

/* The course tables of schema 3: a row per subject and profile, and a row per session of it
 * (session numbered from 1). */
static int build_course_schema(char *sql, size_t size, size_t *o) {
  int bad = add(sql, size, o, "%s",
                "CREATE TABLE course_results(subject INTEGER NOT NULL REFERENCES subjects, "
                "profile TEXT NOT NULL, sessions INTEGER NOT NULL");
  for (size_t i = 0; i < kn_cohort_course_outcome_count(); i++)
    bad |= add(sql, size, o, ", %s INTEGER NOT NULL", kn_cohort_course_outcome_name(i));
  for (size_t i = 0; i < NCOURSE_COL; i++)
    bad |= add(sql, size, o, is_text_col(course_cols[i]) ? ", %s TEXT" : ", %s", course_cols[i]);
  bad |= add(sql, size, o, "%s",
             ", PRIMARY KEY(subject, profile));\n"
             "CREATE TABLE course_sessions(subject INTEGER NOT NULL, profile TEXT NOT NULL, "
             "session INTEGER NOT NULL");
  for (size_t i = 0; i < NCOURSE_SESSION_COL; i++)
    bad |= add(sql, size, o, is_text_col(course_session_cols[i]) ? ", %s TEXT" : ", %s",
               course_session_cols[i]);
  bad |= add(sql, size, o, "%s", ", PRIMARY KEY(subject, profile, session));\n");
  return bad;
}

static int build_schema(char *sql, size_t size, int course) {
  size_t o = 0;
  int bad = add(sql, size, &o, "%s",
                "CREATE TABLE run(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
                "CREATE TABLE subjects(subject INTEGER PRIMARY KEY, sex TEXT NOT NULL");
  for (size_t i = 0; i < NSUBJ; i++)
    bad |= add(sql, size, &o, subject_cols[i].is_int ? ", %s INTEGER" : ", %s REAL",
               subject_cols[i].name);
  bad |= add(sql, size, &o, "%s",
             ");\nCREATE TABLE results(subject INTEGER NOT NULL REFERENCES subjects, "
             "profile TEXT NOT NULL");
  for (size_t i = 0; i < kn_cohort_outcome_count(); i++)
    bad |= add(sql, size, &o, ", %s INTEGER NOT NULL", kn_cohort_outcome_name(i));
  for (size_t i = 0; i < NRES; i++)
    bad |= add(sql, size, &o, i < 3 ? ", %s TEXT" : ", %s", result_cols[i]);
  bad |= add(sql, size, &o, "%s",
             ", PRIMARY KEY(subject, profile));\n"
             "CREATE TABLE events(subject INTEGER NOT NULL, profile TEXT NOT NULL, "
             "seq INTEGER NOT NULL, kind TEXT NOT NULL, site TEXT, t_start_s REAL, t_end_s REAL, "
             "value REAL, unit TEXT, evidence TEXT, PRIMARY KEY(subject, profile, seq));\n");
  if (course) bad |= build_course_schema(sql, size, &o);
  return bad;
}

static int build_insert(char *sql, size_t size, const char *table, size_t ncol) {
  size_t o = 0;
  int bad = add(sql, size, &o, "INSERT INTO %s VALUES(?", table);
  for (size_t i = 1; i < ncol; i++)
    bad |= add(sql, size, &o, "%s", ",?");
  bad |= add(sql, size, &o, "%s", ")");
  return bad;
}

/* ---- the run's arguments --------------------------------------------------------------------- */

typedef struct run_kv {
  const char *key;
  char value[300];
  int compared; /* must be equal to resume */
} run_kv;

static size_t run_kvs(const kn_cohort_run_info *info, run_kv *kv) {
  size_t n = 0;
#define KV(k, cmp, ...)                                                                            \
  do {                                                                                             \
    kv[n].key = k;                                                                                 \
    kv[n].compared = cmp;                                                                          \
    snprintf(kv[n].value, sizeof kv[n].value, __VA_ARGS__);                                        \
    n++;                                                                                           \
  } while (0)
  KV("schema_version", 1, "%d", info->course_sessions > 0 ? SCHEMA_VERSION_COURSE : SCHEMA_VERSION);
  KV("knead_version", 1, "%s", info->version);
  KV("population_hash", 1, "%s", info->population_hash);
  KV("session_hash", 1, "%s", info->session_hash);
  KV("n", 1, "%" PRIu64, info->n);
  KV("seed", 1, "%" PRIu64, info->seed);
  KV("profiles", 1, "%s", info->profiles);
  KV("parameters", 1, "%s", info->parameters[0] ? info->parameters : "none");
  KV("population_name", 0, "%s", info->population_name);
  KV("session_name", 0, "%s", info->session_name);
  KV("population_file", 0, "%s", info->population_file);
  KV("session_file", 0, "%s", info->session_file);
  if (info->course_sessions > 0) KV("course_sessions", 1, "%d", info->course_sessions);
#undef KV
  return n;
}

/* Checks the stored arguments against info; KN_ESTATE with the first difference. */
static int check_run(sqlite3 *db, const char *path, const kn_cohort_run_info *info, kn_diag *diag) {
  run_kv kv[16];
  size_t n = run_kvs(info, kv);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT value FROM run WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
    return db_fail(diag, db, path);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!kv[i].compared) continue;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, kv[i].key, -1, SQLITE_STATIC);
    const char *have = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) have = (const char *)sqlite3_column_text(st, 0);
    if (have == NULL || strcmp(have, kv[i].value) != 0) {
      char msg[500];
      snprintf(msg, sizeof msg,
               "holds another run: %s is %.120s there, %.120s now; give another -o file, or the "
               "arguments of that run to resume it",
               kv[i].key, have ? have : "missing", kv[i].value);
      rc = fail(diag, KN_ESTATE, path, "%s", msg);
    }
  }
  sqlite3_finalize(st);
  return rc;
}

/* ---- proving the file ------------------------------------------------------------------------ */

#define RECOVER_DAMAGED                                                                            \
  "its rows cannot be trusted: delete it (or give another -o file) and run the same cohort "       \
  "command again, which recomputes every subject from the seed"

/* One integer from a query (first column of the first row), or `dflt` if there is none. */
static sqlite3_int64 query_int(sqlite3 *db, const char *sql, sqlite3_int64 dflt, int *err) {
  sqlite3_stmt *st = NULL;
  sqlite3_int64 v = dflt;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
    *err = 1;
    return dflt;
  }
  int r = sqlite3_step(st);
  if (r == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else if (r != SQLITE_DONE)
    *err = 1;
  sqlite3_finalize(st);
  return v;
}

/* SQLite's own check of every page and index (PRAGMA quick_check): 0, or KN_EPARSE with the first
 * problem it names. A page overwritten on disk is found here before anything is read or written. */
static int check_pages(sqlite3 *db, const char *path, kn_diag *diag) {
  sqlite3_stmt *st = NULL;
  char msg[400];
  if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK) {
    snprintf(msg, sizeof msg, "is damaged or not a database (%.100s); " RECOVER_DAMAGED,
             sqlite3_errmsg(db));
    return fail(diag, KN_EPARSE, path, "%s", msg);
  }
  int r = sqlite3_step(st);
  const char *first = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
  int ok = first && !strcmp(first, "ok");
  if (!ok) {
    /* SQLite's report spans lines ("*** in database main ***\nPage 7: ..."): one line here */
    char what[120];
    const char *from = first ? first : sqlite3_errmsg(db);
    const char *banner = "*** in database main ***";
    if (!strncmp(from, banner, strlen(banner))) from += strlen(banner);
    while (*from == '\n' || *from == ' ')
      from++;
    snprintf(what, sizeof what, "%s", from);
    for (char *c = what; *c; c++)
      if (*c == '\n' || *c == '\r' || *c == '\t') *c = ' ';
    snprintf(msg, sizeof msg, "is damaged (%s); " RECOVER_DAMAGED, what);
  }
  sqlite3_finalize(st);
  return ok ? 0 : fail(diag, KN_EPARSE, path, "%s", msg);
}

/* A course run's rows (schema 3): the number of sessions recorded, a course row per subject and
 * profile, and as many session rows as the course has sessions. NULL, or what is wrong. */
static const char *check_course_rows(sqlite3 *db, sqlite3_int64 nprofile) {
  int err = 0;
  sqlite3_int64 nsession = query_int(
      db, "SELECT CAST(value AS INTEGER) FROM run WHERE key = 'course_sessions'", 0, &err);
  sqlite3_int64 tables = query_int(db,
                                   "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                   "name IN ('course_results', 'course_sessions')",
                                   0, &err);
  if (err || tables != 2 || nsession < 2 || nsession > KN_COURSE_SESSIONS_MAX)
    return "its course tables or the course's number of sessions are missing";
  char sql[400];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM subjects WHERE (SELECT count(*) FROM course_results c WHERE "
           "c.subject = subjects.subject) <> %lld",
           (long long)nprofile);
  if (query_int(db, sql, 1, &err) != 0 || err)
    return "it holds subjects without a course under every profile";
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM course_results c WHERE c.sessions <> %lld OR (SELECT count(*) "
           "FROM course_sessions s WHERE s.subject = c.subject AND s.profile = c.profile) <> %lld",
           (long long)nsession, (long long)nsession);
  if (query_int(db, sql, 1, &err) != 0 || err)
    return "it holds courses without a row for each of their sessions";
  return NULL;
}

/* Is the file a knead cohort of this schema, whose rows match its recorded run? Checks the
 * application id and schema version, that the run table holds the run's inputs, that every
 * subject is one of the run's n and has a result under each of its profiles. 0, KN_ESTATE (not a
 * cohort of this knead) or KN_EPARSE (a cohort whose rows do not add up). */
static int check_cohort(sqlite3 *db, const char *path, kn_diag *diag) {
  int err = 0;
  sqlite3_int64 app = query_int(db, "PRAGMA application_id", 0, &err);
  sqlite3_int64 version = query_int(db, "PRAGMA user_version", 0, &err);
  sqlite3_int64 has_run = query_int(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'run'", 0, &err);
  char msg[400];
  if (err) {
    snprintf(msg, sizeof msg, "cannot be read (%.100s); " RECOVER_DAMAGED, sqlite3_errmsg(db));
    return fail(diag, KN_EPARSE, path, "%s", msg);
  }
  if (app != KN_COHORT_APP_ID && !has_run)
    return fail(diag, KN_ESTATE, path, "%s",
                "is an SQLite database of something else, not a cohort; give another -o file");
  if (app != KN_COHORT_APP_ID || (version != SCHEMA_VERSION && version != SCHEMA_VERSION_COURSE)) {
    snprintf(msg, sizeof msg,
             "is a cohort database of another knead version (schema %lld, this knead reads %d "
             "and %d); run the cohort again into a new -o file, or read it with the knead that "
             "wrote it",
             app == KN_COHORT_APP_ID ? (long long)version : 0LL, SCHEMA_VERSION,
             SCHEMA_VERSION_COURSE);
    return fail(diag, KN_ESTATE, path, "%s", msg);
  }
  /* the run's inputs are recorded; the rows are those of n subjects under every profile */
  sqlite3_int64 keys = query_int(db,
                                 "SELECT count(*) FROM run WHERE key IN ('schema_version', "
                                 "'knead_version', 'population_hash', 'session_hash', 'n', "
                                 "'seed', 'profiles') AND value <> ''",
                                 0, &err);
  sqlite3_int64 n =
      query_int(db, "SELECT CAST(value AS INTEGER) FROM run WHERE key = 'n'", -1, &err);
  sqlite3_int64 nprofile =
      query_int(db,
                "SELECT length(value) - length(replace(value, ',', '')) + 1 FROM run WHERE "
                "key = 'profiles'",
                0, &err);
  const char *problem = NULL;
  if (err)
    problem = "its tables cannot be read";
  else if (keys != RUN_KEYS || n < 1 || nprofile < 1)
    problem = "its run table lacks the run's inputs";
  if (!problem) {
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM subjects WHERE subject < 0 OR subject >= %lld",
             (long long)n);
    if (query_int(db, sql, 1, &err) != 0 || err) problem = "it holds subjects outside the run";
  }
  if (!problem) {
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM subjects WHERE (SELECT count(*) FROM results WHERE "
             "results.subject = subjects.subject) <> %lld",
             (long long)nprofile);
    if (query_int(db, sql, 1, &err) != 0 || err)
      problem = "it holds subjects without a result under every profile";
  }
  if (!problem && version == SCHEMA_VERSION_COURSE) problem = check_course_rows(db, nprofile);
  if (problem) {
    snprintf(msg, sizeof msg, "is damaged: %s; " RECOVER_DAMAGED, problem);
    return fail(diag, KN_EPARSE, path, "%s", msg);
  }
  return 0;
}

/* Opens the database file and takes an flock on it (exclusive for a run that writes, shared for a
 * reader), so that two processes never work on one database at once; the lock goes with the
 * process, so a killed run leaves none behind. *created: the file did not exist (create only).
 * Returns the descriptor, or -1 with diag filled: KN_ESTATE in use, KN_EINVAL cannot open. */
static int lock_file(const char *path, int create, int exclusive, int *created, kn_diag *diag) {
  int fd = -1;
  *created = 0;
  if (create) {
    fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0)
      *created = 1;
    else if (errno == EEXIST)
      fd = open(path, O_RDWR | O_CLOEXEC);
  } else {
    fd = open(path, O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    fail(diag, KN_EINVAL, path, "cannot open: %s", strerror(errno));
    return -1;
  }
  if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    int e = errno;
    close(fd);
    if (e == EWOULDBLOCK)
      fail(diag, KN_ESTATE, path, "%s",
           "is in use by another knead cohort process (a run, or --summary/--dump reading it); "
           "wait for it to finish, or give another -o file");
    else
      fail(diag, KN_EINVAL, path, "cannot lock: %s", strerror(e));
    return -1;
  }
  return fd;
}

/* Removes a database this process created and could not finish creating, with SQLite's side files:
 * a failed start leaves nothing behind. */
static void remove_created(const char *path) {
  char side[1100];
  static const char *const suffix[] = {"-wal", "-shm", "-journal"};
  for (size_t i = 0; i < 3; i++) {
    snprintf(side, sizeof side, "%s%s", path, suffix[i]);
    unlink(side);
  }
  unlink(path);
}

static int exec(sqlite3 *db, const char *sql, const char *path, kn_diag *diag) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
  int rc = fail(diag, KN_EIO, path, "database: %s", err ? err : sqlite3_errmsg(db));
  sqlite3_free(err);
  return rc;
}

int kn_cohort_store_open(const char *path, const kn_cohort_run_info *info, kn_cohort_store **out,
                         kn_diag *diag) {
  *out = NULL;
  kn_cohort_store *s = calloc(1, sizeof *s);
  if (s == NULL) return fail(diag, KN_ENOMEM, path, "%s", "out of memory");
  int created = 0, rc = 0;
  /* the lock first: a database in use is left alone, not even read */
  s->lock_fd = lock_file(path, 1, 1, &created, diag);
  if (s->lock_fd < 0) {
    rc = diag ? diag->code : KN_ESTATE;
    free(s);
    return rc;
  }
  struct stat sb;
  int empty = fstat(s->lock_fd, &sb) == 0 && sb.st_size == 0;
  if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    rc = fail(diag, KN_EINVAL, path, "database: %s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
    goto bad;
  }
  sqlite3_busy_timeout(s->db, KN_STORE_BUSY_TIMEOUT_MS);
  /* an existing file is proved before it is touched: pages, kind, version, rows, then the run */
  if (!empty && ((rc = check_pages(s->db, path, diag)) || (rc = check_cohort(s->db, path, diag)) ||
                 (rc = check_run(s->db, path, info, diag))))
    goto bad; /* damaged, foreign or another run: left exactly as it was */
  /* WAL from here: a commit is one append, and a killed process loses nothing committed */
  if ((rc = exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", path, diag)))
    goto bad;
  if (empty) {
    char sql[8192];
    if (build_schema(sql, sizeof sql, info->course_sessions > 0)) {
      rc = fail(diag, KN_EINTERNAL, path, "%s", "schema text too long");
      goto bad;
    }
    char pragmas[128];
    snprintf(pragmas, sizeof pragmas, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
             KN_COHORT_APP_ID, info->course_sessions > 0 ? SCHEMA_VERSION_COURSE : SCHEMA_VERSION);
    if ((rc = exec(s->db, "BEGIN", path, diag)) || (rc = exec(s->db, sql, path, diag)) ||
        (rc = exec(s->db, pragmas, path, diag)))
      goto bad;
    run_kv kv[16];
    size_t n = run_kvs(info, kv);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO run VALUES(?, ?)", -1, &st, NULL) != SQLITE_OK) {
      rc = db_fail(diag, s->db, path);
      goto bad;
    }
    for (size_t i = 0; i < n; i++) {
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, kv[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 2, kv[i].value, -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) != SQLITE_DONE) {
        sqlite3_finalize(st);
        rc = db_fail(diag, s->db, path);
        goto bad;
      }
    }
    sqlite3_finalize(st);
    if ((rc = exec(s->db, "COMMIT", path, diag))) goto bad;
  }
  char sql[1024];
  int bad_sql = build_insert(sql, sizeof sql, "subjects", 2 + NSUBJ);
  if (bad_sql || sqlite3_prepare_v2(s->db, sql, -1, &s->ins_subject, NULL) != SQLITE_OK) {
    rc = db_fail(diag, s->db, path);
    goto bad;
  }
  bad_sql = build_insert(sql, sizeof sql, "results", 2 + kn_cohort_outcome_count() + NRES);
  if (bad_sql || sqlite3_prepare_v2(s->db, sql, -1, &s->ins_result, NULL) != SQLITE_OK) {
    rc = db_fail(diag, s->db, path);
    goto bad;
  }
  if (sqlite3_prepare_v2(s->db, "INSERT INTO events VALUES(?,?,?,?,?,?,?,?,?,?)", -1, &s->ins_event,
                         NULL) != SQLITE_OK) {
    rc = db_fail(diag, s->db, path);
    goto bad;
  }
  if (info->course_sessions > 0) {
    bad_sql = build_insert(sql, sizeof sql, "course_results",
                           3 + kn_cohort_course_outcome_count() + NCOURSE_COL);
    if (!bad_sql) bad_sql = sqlite3_prepare_v2(s->db, sql, -1, &s->ins_course, NULL) != SQLITE_OK;
    if (!bad_sql)
      bad_sql = build_insert(sql, sizeof sql, "course_sessions", 3 + NCOURSE_SESSION_COL);
    if (!bad_sql)
      bad_sql = sqlite3_prepare_v2(s->db, sql, -1, &s->ins_course_session, NULL) != SQLITE_OK;
    if (bad_sql) {
      rc = db_fail(diag, s->db, path);
      goto bad;
    }
  }
  *out = s;
  return 0;
bad:
  kn_cohort_store_close(s);
  if (created) remove_created(path); /* ours and unfinished: no stub left */
  return rc;
}

int kn_cohort_store_done(kn_cohort_store *s, unsigned char *done, uint64_t n, kn_diag *diag) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT subject FROM subjects", -1, &st, NULL) != SQLITE_OK)
    return db_fail(diag, s->db, "");
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    sqlite3_int64 i = sqlite3_column_int64(st, 0);
    if (i >= 0 && (uint64_t)i < n) done[i] = 1;
  }
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? 0 : db_fail(diag, s->db, "");
}

static const char *site_name(int kind, int site) {
  const char *name = NULL;
  if (kind == KN_SITE_REGION && kn_atlas_region((size_t)site))
    name = kn_atlas_region((size_t)site)->name;
  if (kind == KN_SITE_NERVE && kn_atlas_nerve((size_t)site))
    name = kn_atlas_nerve((size_t)site)->name;
  if (kind == KN_SITE_MUSCLE && kn_atlas_muscle((size_t)site))
    name = kn_atlas_muscle((size_t)site)->name;
  return name ? name : "?";
}

static const char *sex_name(kn_sex s) {
  return s == KN_SEX_FEMALE ? "female" : s == KN_SEX_MALE ? "male" : "unspecified";
}

static int step_done(sqlite3_stmt *st) {
  int r = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return r == SQLITE_DONE ? 0 : -1;
}

/* A course's row: the course outcome flags, then course_cols. */
static int write_course(kn_cohort_store *s, const kn_cohort_unit *u, const kn_cohort_result *r,
                        const char *prof) {
  const kn_course_outcome *co = &r->course;
  sqlite3_stmt *st = s->ins_course;
  int c = 1;
  sqlite3_bind_int64(st, c++, (sqlite3_int64)u->index);
  sqlite3_bind_text(st, c++, prof, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, c++, co->nsession);
  for (size_t i = 0; i < kn_cohort_course_outcome_count(); i++)
    sqlite3_bind_int(st, c++, r->course_flags[i]);
  sqlite3_bind_text(st, c++, kn_harm_name(co->harm), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, c++, kn_nerve_grade_name(co->nerve_grade), -1, SQLITE_STATIC);
  sqlite3_bind_double(st, c++, co->systolic_course_change / KN_MMHG);
  sqlite3_bind_double(st, c++, co->diastolic_course_change / KN_MMHG);
  sqlite3_bind_double(st, c++, co->systolic_carried_end / KN_MMHG);
  sqlite3_bind_double(st, c++, co->diastolic_carried_end / KN_MMHG);
  sqlite3_bind_double(st, c++, co->sore_at_start_max);
  sqlite3_bind_text(st, c++, kn_evidence_name(co->evidence_pressure), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, c++, kn_evidence_name(co->evidence_soreness), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, c++, kn_evidence_name(co->evidence_nerve), -1, SQLITE_STATIC);
  int bad = step_done(st);
  for (int k = 0; k < co->nsession && !bad; k++) {
    const kn_course_session *cs = &co->sessions[k];
    st = s->ins_course_session;
    c = 1;
    sqlite3_bind_int64(st, c++, (sqlite3_int64)u->index);
    sqlite3_bind_text(st, c++, prof, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, c++, k + 1);
    sqlite3_bind_double(st, c++, cs->start / KN_DAY);
    sqlite3_bind_double(st, c++, cs->systolic_rest / KN_MMHG);
    sqlite3_bind_double(st, c++, cs->diastolic_rest / KN_MMHG);
    sqlite3_bind_double(st, c++, cs->systolic_carried / KN_MMHG);
    sqlite3_bind_double(st, c++, cs->diastolic_carried / KN_MMHG);
    sqlite3_bind_double(st, c++, cs->systolic_change / KN_MMHG);
    sqlite3_bind_double(st, c++, cs->diastolic_change / KN_MMHG);
    sqlite3_bind_double(st, c++, cs->soreness_probability);
    sqlite3_bind_double(st, c++, cs->sore_at_start);
    sqlite3_bind_int(st, c++, cs->nerves_unrecovered);
    sqlite3_bind_double(st, c++, cs->nerve_dose_max);
    sqlite3_bind_text(st, c++, kn_nerve_grade_name(cs->nerve_grade), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, c++, cs->cramps);
    sqlite3_bind_double(st, c++, cs->ctf_carried);
    if (cs->cramp_threshold > 0.0) /* NULL: no simulated muscle */
      sqlite3_bind_double(st, c++, cs->cramp_threshold);
    else
      sqlite3_bind_null(st, c++);
    sqlite3_bind_text(st, c++, kn_harm_name(cs->harm), -1, SQLITE_STATIC);
    bad = step_done(st);
  }
  return bad;
}

int kn_cohort_store_write(kn_cohort_store *s, const kn_cohort_unit *u, kn_diag *diag) {
  /* a course is stored whole or the unit is refused: never a course dropped, never one missing */
  for (int p = 0; p < u->nprofile; p++)
    if (u->result[p].has_course != (s->ins_course != NULL))
      return fail(diag, KN_EINVAL, "", "%s",
                  s->ins_course ? "a subject without a course in a run of a course"
                                : "a subject with a course in a run opened without one "
                                  "(kn_cohort_run_info.course_sessions)");
  if (exec(s->db, "BEGIN", "", diag)) return KN_EIO;
  sqlite3_stmt *st = s->ins_subject;
  int c = 1;
  sqlite3_bind_int64(st, c++, (sqlite3_int64)u->index);
  sqlite3_bind_text(st, c++, sex_name(u->subject.sex), -1, SQLITE_STATIC);
  for (size_t i = 0; i < NSUBJ; i++) {
    double v = subject_cols[i].get(u);
    if (subject_cols[i].is_int)
      sqlite3_bind_int(st, c++, (int)v);
    else
      sqlite3_bind_double(st, c++, v);
  }
  int bad = step_done(st);
  for (int p = 0; p < u->nprofile && !bad; p++) {
    const kn_cohort_result *r = &u->result[p];
    const char *prof = kn_practitioner_name((kn_practitioner)r->profile);
    st = s->ins_result;
    c = 1;
    sqlite3_bind_int64(st, c++, (sqlite3_int64)u->index);
    sqlite3_bind_text(st, c++, prof, -1, SQLITE_STATIC);
    for (size_t i = 0; i < kn_cohort_outcome_count(); i++)
      sqlite3_bind_int(st, c++, r->flags[i]);
    sqlite3_bind_text(st, c++, kn_harm_name((kn_harm)r->harm), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, c++, kn_nerve_grade_name((kn_nerve_grade)r->nerve_grade), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(st, c++, kn_bruise_grade_name((kn_bruise_grade)r->bruise_grade), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int(st, c++, r->nclonic);
    sqlite3_bind_int(st, c++, r->ntonic);
    sqlite3_bind_int(st, c++, r->ncramp);
    sqlite3_bind_double(st, c++, r->soreness_probability);
    sqlite3_bind_double(st, c++, r->bruise_probability);
    sqlite3_bind_double(st, c++, r->p_peak / KN_KPA);
    sqlite3_bind_double(st, c++, r->pain_peak);
    sqlite3_bind_double(st, c++, r->bruise_index);
    sqlite3_bind_double(st, c++, r->injury_dose);
    sqlite3_bind_double(st, c++, r->muscle_damage);
    sqlite3_bind_double(st, c++, r->duration);
    sqlite3_bind_int(st, c++, r->nevent_total);
    sqlite3_bind_int(st, c++, r->nevent);
    const kn_practitioner_traits *t = &r->practitioner;
    sqlite3_bind_double(st, c++, t->force_ratio);
    sqlite3_bind_double(st, c++, t->force_bias);
    sqlite3_bind_double(st, c++, t->force_cv);
    sqlite3_bind_double(st, c++, t->ramp_time);
    sqlite3_bind_double(st, c++, t->drift / KN_MM);
    if (t->pain_delay >= 0.0) /* NULL: never eases off */
      sqlite3_bind_double(st, c++, t->pain_delay);
    else
      sqlite3_bind_null(st, c++);
    bad = step_done(st);
    for (int e = 0; e < r->nevent && !bad; e++) {
      const kn_cohort_event *ev = &r->events[e];
      st = s->ins_event;
      c = 1;
      sqlite3_bind_int64(st, c++, (sqlite3_int64)u->index);
      sqlite3_bind_text(st, c++, prof, -1, SQLITE_STATIC);
      sqlite3_bind_int(st, c++, e);
      sqlite3_bind_text(st, c++, kn_event_kind_name((kn_event_kind)ev->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text(st, c++, site_name(ev->site_kind, ev->site), -1, SQLITE_STATIC);
      sqlite3_bind_double(st, c++, ev->t_start);
      sqlite3_bind_double(st, c++, ev->t_end);
      sqlite3_bind_double(st, c++, ev->value);
      sqlite3_bind_text(st, c++, ev->unit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, c++, kn_evidence_name((kn_evidence)ev->evidence), -1, SQLITE_STATIC);
      bad = step_done(st);
    }
    if (!bad && s->ins_course) bad = write_course(s, u, r, prof);
  }
  if (bad) {
    int rc = db_fail(diag, s->db, "");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
  }
  return exec(s->db, "COMMIT", "", diag) ? KN_EIO : 0;
}

int kn_cohort_store_finish(kn_cohort_store *s, kn_diag *diag) {
  return exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", "", diag)
             ? KN_EIO
             : 0;
}

void kn_cohort_store_close(kn_cohort_store *s) {
  if (s == NULL) return;
  sqlite3_finalize(s->ins_subject);
  sqlite3_finalize(s->ins_result);
  sqlite3_finalize(s->ins_event);
  sqlite3_finalize(s->ins_course);
  sqlite3_finalize(s->ins_course_session);
  sqlite3_close(s->db);
  /* only now: closing another descriptor of the file would drop SQLite's own POSIX locks */
  if (s->lock_fd >= 0) close(s->lock_fd);
  free(s);
}

/* ---- reading back ---------------------------------------------------------------------------- */

/* A database opened to read, under a shared lock, after the same proof as a resumed run. */
typedef struct reader {
  sqlite3 *db;
  int lock_fd;
} reader;

static void close_ro(reader *r) {
  sqlite3_close(r->db);
  if (r->lock_fd >= 0) close(r->lock_fd);
  r->db = NULL;
  r->lock_fd = -1;
}

static int open_ro(const char *path, reader *r, kn_diag *diag) {
  int created = 0;
  r->db = NULL;
  r->lock_fd = lock_file(path, 0, 0, &created, diag);
  if (r->lock_fd < 0) return diag ? diag->code : KN_ESTATE;
  int rc = 0;
  if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    rc = db_fail(diag, r->db, path);
  else
    sqlite3_busy_timeout(r->db, KN_STORE_BUSY_TIMEOUT_MS);
  if (!rc) rc = check_pages(r->db, path, diag);
  if (!rc) rc = check_cohort(r->db, path, diag);
  if (rc) close_ro(r);
  return rc;
}

/* Prints a query's rows as tab-separated text with a header line; REAL with 17 digits. */
static int dump_query(sqlite3 *db, const char *title, const char *sql, FILE *out) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
  int ncol = sqlite3_column_count(st);
  fprintf(out, "# %s\n", title);
  for (int i = 0; i < ncol; i++)
    fprintf(out, "%s%s", i ? "\t" : "", sqlite3_column_name(st, i));
  fputc('\n', out);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < ncol; i++) {
      if (i) fputc('\t', out);
      switch (sqlite3_column_type(st, i)) {
      case SQLITE_INTEGER:
        fprintf(out, "%lld", (long long)sqlite3_column_int64(st, i));
        break;
      case SQLITE_FLOAT:
        fprintf(out, "%.17g", sqlite3_column_double(st, i));
        break;
      case SQLITE_NULL:
        fputs("NULL", out);
        break;
      default:
        fputs((const char *)sqlite3_column_text(st, i), out);
      }
    }
    fputc('\n', out);
  }
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? 0 : -1;
}

int kn_cohort_dump(const char *path, FILE *out, kn_diag *diag) {
  reader rd;
  int rc = open_ro(path, &rd, diag);
  if (rc) return rc;
  sqlite3 *db = rd.db;
  int bad =
      dump_query(db, "run",
                 "SELECT key, value FROM run WHERE key NOT IN ('population_file', 'session_file') "
                 "ORDER BY key",
                 out);
  bad = bad || dump_query(db, "subjects", "SELECT * FROM subjects ORDER BY subject", out);
  bad = bad || dump_query(db, "results", "SELECT * FROM results ORDER BY subject, profile", out);
  bad = bad || dump_query(db, "events", "SELECT * FROM events ORDER BY subject, profile, seq", out);
  int err = 0; /* a course run's tables after those (schema 3; a run without a course has none) */
  if (!bad && query_int(db, "PRAGMA user_version", 0, &err) == SCHEMA_VERSION_COURSE && !err) {
    bad = dump_query(db, "course_results", "SELECT * FROM course_results ORDER BY subject, profile",
                     out);
    bad =
        bad || dump_query(db, "course_sessions",
                          "SELECT * FROM course_sessions ORDER BY subject, profile, session", out);
  }
  if (bad) rc = fail(diag, KN_EIO, path, "is not a knead cohort database: %s", sqlite3_errmsg(db));
  close_ro(&rd);
  return rc;
}

void kn_store_run_value(sqlite3 *db, const char *key, char *dst, size_t size) {
  sqlite3_stmt *st = NULL;
  dst[0] = '\0';
  if (sqlite3_prepare_v2(db, "SELECT value FROM run WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(dst, size, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
}

/* The run's arguments into out->info and its profiles. */
static int load_info(sqlite3 *db, const char *path, kn_cohort_summary *out, kn_diag *diag) {
  kn_cohort_run_info *info = &out->info;
  char num[64];
  kn_store_run_value(db, "profiles", info->profiles, sizeof info->profiles);
  if (info->profiles[0] == '\0')
    return fail(diag, KN_EPARSE, path, "%s", "is not a knead cohort database");
  kn_store_run_value(db, "population_file", info->population_file, sizeof info->population_file);
  kn_store_run_value(db, "population_hash", info->population_hash, sizeof info->population_hash);
  kn_store_run_value(db, "population_name", info->population_name, sizeof info->population_name);
  kn_store_run_value(db, "session_file", info->session_file, sizeof info->session_file);
  kn_store_run_value(db, "session_hash", info->session_hash, sizeof info->session_hash);
  kn_store_run_value(db, "session_name", info->session_name, sizeof info->session_name);
  kn_store_run_value(db, "knead_version", info->version, sizeof info->version);
  kn_store_run_value(db, "parameters", info->parameters, sizeof info->parameters);
  kn_store_run_value(db, "n", num, sizeof num);
  info->n = strtoull(num, NULL, 10);
  kn_store_run_value(db, "seed", num, sizeof num);
  info->seed = strtoull(num, NULL, 10);
  kn_store_run_value(db, "course_sessions", num, sizeof num); /* "" before schema 3: no course */
  info->course_sessions = (int)strtol(num, NULL, 10);
  char list[64];
  snprintf(list, sizeof list, "%s", info->profiles);
  for (char *save = NULL, *tok = strtok_r(list, ",", &save);
       tok && out->nprofile < KN_COHORT_MAX_PROFILES; tok = strtok_r(NULL, ",", &save))
    out->profiles[out->nprofile++] = !strcmp(tok, "untrained_partner")
                                         ? KN_PRACTITIONER_UNTRAINED_PARTNER
                                     : !strcmp(tok, "rough_partner") ? KN_PRACTITIONER_ROUGH_PARTNER
                                                                     : KN_PRACTITIONER_PROFESSIONAL;
  out->noutcome = kn_cohort_outcome_count();
  out->ncourse_outcome = info->course_sessions > 0 ? kn_cohort_course_outcome_count() : 0;
  return 0;
}

/* The sample SD from a count, a mean and a mean of squares (0 for fewer than 2). */
static double sample_sd(double n, double mean, double mean_sq) {
  return n > 1.0 ? sqrt(fmax(0.0, (mean_sq - mean * mean) * n / (n - 1.0))) : 0.0;
}

/* A course run's counts over the subjects that satisfy `where`: every course outcome column, and
 * the course's change of resting pressure over all of them and over the hypertensive ones. */
static int load_course_counts(sqlite3 *db, const char *path, const char *where,
                              kn_cohort_summary *out, kn_diag *diag) {
  char sql[2048];
  size_t o = 0;
  int bad = add(sql, sizeof sql, &o, "%s", "SELECT count(*)");
  for (size_t i = 0; i < out->ncourse_outcome; i++)
    bad |= add(sql, sizeof sql, &o, ", total(%s)", kn_cohort_course_outcome_name(i));
  bad |= add(sql, sizeof sql, &o, "%s",
             ", avg(systolic_change_mmHg), avg(systolic_change_mmHg * systolic_change_mmHg), "
             "avg(diastolic_change_mmHg), avg(diastolic_change_mmHg * diastolic_change_mmHg) "
             "FROM course_results JOIN subjects USING (subject) WHERE profile = ? AND ");
  bad |= add(sql, sizeof sql, &o, "(%s)", where);
  bad |= add(sql, sizeof sql, &o, "%s", " AND hypertension >= ?");
  sqlite3_stmt *st = NULL;
  if (bad || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return fail(diag, KN_EIO, path, "is not a knead cohort database: %s", sqlite3_errmsg(db));
  int c0 = (int)out->ncourse_outcome + 1; /* the first pressure column */
  for (int p = 0; p < out->nprofile; p++)
    for (int hyper = 0; hyper < 2; hyper++) { /* all subjects, then the hypertensive ones */
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, kn_practitioner_name((kn_practitioner)out->profiles[p]), -1,
                        SQLITE_STATIC);
      sqlite3_bind_int(st, 2, hyper);
      if (sqlite3_step(st) != SQLITE_ROW) continue;
      double n = sqlite3_column_double(st, 0);
      out->bp_n[hyper][p] = (uint64_t)sqlite3_column_int64(st, 0);
      out->systolic_mean[hyper][p] = sqlite3_column_double(st, c0);
      out->systolic_sd[hyper][p] =
          sample_sd(n, out->systolic_mean[hyper][p], sqlite3_column_double(st, c0 + 1));
      out->diastolic_mean[hyper][p] = sqlite3_column_double(st, c0 + 2);
      out->diastolic_sd[hyper][p] =
          sample_sd(n, out->diastolic_mean[hyper][p], sqlite3_column_double(st, c0 + 3));
      if (hyper) continue;
      for (size_t i = 0; i < out->ncourse_outcome; i++)
        out->kc[i][p] = (uint64_t)llround(sqlite3_column_double(st, (int)i + 1));
    }
  sqlite3_finalize(st);
  return 0;
}

/* Per profile, the number of results and the sum of every outcome column, over the subjects that
 * satisfy `where` (an SQL condition on the subjects table, from the fixed list below). */
static int load_counts(sqlite3 *db, const char *path, const char *where, kn_cohort_summary *out,
                       kn_diag *diag) {
  char sql[2048];
  size_t o = 0;
  int bad = add(sql, sizeof sql, &o, "%s", "SELECT count(*)");
  for (size_t i = 0; i < out->noutcome; i++)
    bad |= add(sql, sizeof sql, &o, ", total(%s)", kn_cohort_outcome_name(i));
  bad |= add(sql, sizeof sql, &o, "%s",
             " FROM results JOIN subjects USING (subject) WHERE profile = ? AND ");
  bad |= add(sql, sizeof sql, &o, "(%s)", where);
  sqlite3_stmt *st = NULL;
  if (bad || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return fail(diag, KN_EIO, path, "is not a knead cohort database: %s", sqlite3_errmsg(db));
  for (int p = 0; p < out->nprofile; p++) {
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, kn_practitioner_name((kn_practitioner)out->profiles[p]), -1,
                      SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) continue;
    out->n[p] = (uint64_t)sqlite3_column_int64(st, 0);
    for (size_t i = 0; i < out->noutcome; i++)
      out->k[i][p] = (uint64_t)llround(sqlite3_column_double(st, (int)i + 1));
  }
  sqlite3_finalize(st);
  return out->ncourse_outcome ? load_course_counts(db, path, where, out, diag) : 0;
}

int kn_cohort_summary_load(const char *path, kn_cohort_summary *out, kn_diag *diag) {
  memset(out, 0, sizeof *out);
  reader rd;
  int rc = open_ro(path, &rd, diag);
  if (rc) return rc;
  sqlite3 *db = rd.db;
  rc = load_info(db, path, out, diag);
  if (rc == 0) rc = load_counts(db, path, "1", out, diag);
  close_ro(&rd);
  return rc;
}

/* Strata: a label and a condition on the subjects table each. */
typedef struct stratum {
  const char *label, *where;
} stratum;
static const stratum strata[KN_BY_COUNT][3] = {
    [KN_BY_SEX] = {{"female", "sex = 'female'"}, {"male", "sex = 'male'"}},
    [KN_BY_AGE] = {{"age 18-39", "age_years < 40"},
                   {"age 40-59", "age_years >= 40 AND age_years < 60"},
                   {"age 60+", "age_years >= 60"}},
    [KN_BY_HYPERTENSION] = {{"no hypertension", "hypertension = 0"},
                            {"hypertension", "hypertension = 1"}},
    [KN_BY_CRAMPS] = {{"no cramp history", "cramps_per_month = 0"},
                      {"cramp history", "cramps_per_month > 0"}},
};
static const char *const by_names[KN_BY_COUNT] = {"sex", "age", "hypertension", "cramps"};

const char *kn_cohort_by_name(kn_cohort_by by) {
  return (int)by >= 0 && by < KN_BY_COUNT ? by_names[by] : NULL;
}

int kn_cohort_summary_by(const char *path, kn_cohort_by by, kn_cohort_summary *out, size_t max,
                         size_t *nout, kn_diag *diag) {
  *nout = 0;
  if ((int)by < 0 || by >= KN_BY_COUNT) return fail(diag, KN_EINVAL, path, "%s", "no such strata");
  reader rd;
  int rc = open_ro(path, &rd, diag);
  if (rc) return rc;
  sqlite3 *db = rd.db;
  for (size_t i = 0; i < 3 && strata[by][i].label && *nout < max && rc == 0; i++) {
    kn_cohort_summary *s = &out[*nout];
    memset(s, 0, sizeof *s);
    snprintf(s->stratum, sizeof s->stratum, "%s", strata[by][i].label);
    rc = load_info(db, path, s, diag);
    if (rc == 0) rc = load_counts(db, path, strata[by][i].where, s, diag);
    if (rc == 0) (*nout)++;
  }
  close_ro(&rd);
  return rc;
}
