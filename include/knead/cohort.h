/* SPDX-License-Identifier: Apache-2.0 */
/* knead — virtual cohorts: many subjects drawn from a population, each given the same session under
 * one or more practitioner profiles, with incidences of harm and their confidence intervals.
 *
 *   kn_population_load(file) -> population        (trait distributions, each with its source)
 *   kn_population_sample(population, seed, i)     (subject i; the same for any thread, rank, order)
 *   kn_cohort_draw(job, i) -> unit                (subject i's traits and draws)
 *   kn_cohort_simulate(job, unit)                 (subject i under every profile: outcomes, events)
 *   kn_cohort_pool_run(job, indices, threads)     (units computed by threads, delivered in the
 *                                                  caller's thread, one at a time)
 *   kn_cohort_store_*                             (SQLite: resumable, one transaction per subject)
 *   kn_cohort_summary_load(db) -> summary         (incidence per outcome and profile, Wilson 95 %
 *                                                  CI, relative risk with Katz's log CI)
 *
 * Randomness is counter-based: every draw for subject i comes from a generator seeded by a hash of
 * (run seed, i, purpose), so results do not depend on how subjects are spread over threads and
 * ranks, or on the order in which they finish. docs/cohort.md describes the files and the schema.
 */
#ifndef KNEAD_COHORT_H
#define KNEAD_COHORT_H

#include "knead/export.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "knead/course.h"
#include "knead/error.h"
#include "knead/sim.h"
#include "knead/spec.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- counter-based random streams ------------------------------------------------------------ */

/* A 64-bit key for the draws of one purpose (`stream`) of subject `index` of the run seeded `seed`:
 * a bijective mix of the three (splitmix64 finaliser rounds), used to seed a generator. */
KN_API uint64_t kn_cohort_key(uint64_t seed, uint64_t index, uint64_t stream);

/* ---- population ------------------------------------------------------------------------------ */

/* Trait distributions of a population (opaque; constant once loaded, safe to share by threads). */
typedef struct kn_population kn_population;

/* Reads a population file (YAML or JSON, docs/cohort.md). On error returns a negative kn_errno
 * and fills diag (may be NULL) with file:line:col, field and message; *out is NULL then. */
KN_API int kn_population_load(const char *path, kn_population **out, kn_diag *diag);
/* Same from text in memory; name is used in messages as the file name. */
KN_API int kn_population_parse(const char *text, size_t len, const char *name, kn_population **out,
                               kn_diag *diag);
KN_API void kn_population_free(kn_population *p); /* NULL allowed */
/* The population's name (free text, never NULL). */
KN_API const char *kn_population_name(const kn_population *p);

/* Draws subject `index` of the run seeded `seed` into *out, and its body mass index (kg/m^2,
 * nullable) into *bmi. The subject is composed as a subject document and read by the subject
 * loader, so it passes the same checks as a subject file; a draw that fails them (e.g. a mass out
 * of range) is drawn again from the next numbers of the same stream (the population is truncated
 * to valid subjects). Returns 0, or KN_ERANGE with diag filled if 100 draws all failed. */
KN_API int kn_population_sample(const kn_population *p, uint64_t seed, uint64_t index,
                                kn_subject *out, double *bmi, kn_diag *diag);

/* ---- outcomes counted as incidences ---------------------------------------------------------- */

/* Number of outcomes the cohort counts (rows of the incidence table, columns of the results). */
KN_API size_t kn_cohort_outcome_count(void);
/* Column name (e.g. "cramp"), never NULL for i < count; NULL otherwise. */
KN_API const char *kn_cohort_outcome_name(size_t i);
/* Words for people (e.g. "cramp"), NULL for i >= count. */
KN_API const char *kn_cohort_outcome_label(size_t i);
/* 1 if outcome i happened in o. u is the subject's uniform draw in [0, 1) for outcome i, which
 * turns a probability the model gives (soreness, dizziness, a carotid event of unknown
 * hypersensitivity) into an event or none; the same u serves every profile of a subject (common
 * random numbers), and each outcome has its own. */
KN_API int kn_cohort_outcome_flag(size_t i, const kn_outcome *o, double u);

#define KN_COHORT_MAX_OUTCOMES 16

/* ---- outcomes of a course, when the session has one ------------------------------------------ */

/* Number of outcomes the cohort counts over a course (rows of the course table, columns of the
 * course_results table); counted only when the session has a course. */
KN_API size_t kn_cohort_course_outcome_count(void);
/* Column name (e.g. "course_cramp"), NULL for i >= count. */
KN_API const char *kn_cohort_course_outcome_name(size_t i);
/* Words for people (e.g. "cramp in any session"), NULL for i >= count. */
KN_API const char *kn_cohort_course_outcome_label(size_t i);
/* The name of the outcome whose draw course outcome i uses (its own name, or "soreness": soreness
 * over a course is decided by the subject's soreness draw, so it includes the single session's);
 * NULL for i >= count. */
KN_API const char *kn_cohort_course_outcome_draw(size_t i);
/* 1 if course outcome i happened over the course c; u is the subject's uniform draw in [0, 1) for
 * it (a chance the course gives becomes an event or none, as kn_cohort_outcome_flag). */
KN_API int kn_cohort_course_outcome_flag(size_t i, const kn_course_outcome *c, double u);

#define KN_COHORT_MAX_COURSE_OUTCOMES 8
#define KN_COHORT_MAX_EVENTS 256 /* events kept per subject and profile; the rest are counted */
#define KN_COHORT_MAX_PROFILES 2

/* One event as stored (names are looked up when written). */
typedef struct kn_cohort_event {
  double t_start, t_end; /* s */
  double value;          /* in the unit kn_event gives for its kind */
  int kind;              /* kn_event_kind */
  int site_kind;         /* kn_site_kind */
  int site;              /* atlas index */
  int evidence;          /* kn_evidence */
  char unit[12];         /* unit of value, e.g. "mmHg" (cut to 11 bytes) */
} kn_cohort_event;

/* The outcome of one subject under one profile. Plain data (no pointers): ranks send it as bytes.
 */
typedef struct kn_cohort_result {
  int profile;                                  /* kn_practitioner */
  int flags[KN_COHORT_MAX_OUTCOMES];            /* per kn_cohort_outcome_name(i): 0/1 */
  int harm;                                     /* kn_harm */
  int nerve_grade;                              /* worst kn_nerve_grade */
  int bruise_grade;                             /* worst kn_bruise_grade */
  int nclonic, ntonic, ncramp;                  /* spasms by kind */
  double soreness_probability;                  /* 1 */
  double bruise_probability;                    /* 1, a visible bruise anywhere (the session) */
  double p_peak;                                /* Pa, highest surface pressure */
  double pain_peak;                             /* 1, highest probability of pain */
  double bruise_index;                          /* 1, highest */
  double injury_dose;                           /* 1, highest nerve injury dose */
  double muscle_damage;                         /* 1, highest */
  double duration;                              /* s simulated */
  int nevent;                                   /* events kept (<= KN_COHORT_MAX_EVENTS) */
  int nevent_total;                             /* events of the outcome, kept or not */
  kn_practitioner_traits practitioner;          /* the practitioner this subject drew */
  kn_cohort_event events[KN_COHORT_MAX_EVENTS]; /* (nevent), in order of t_start */
  int has_course; /* 1: the session has a course, and the two fields below are filled */
  int course_flags[KN_COHORT_MAX_COURSE_OUTCOMES]; /* per kn_cohort_course_outcome_name(i): 0/1 */
  kn_course_outcome course; /* every session of the course (kn_course_run); plain data */
} kn_cohort_result;

/* One subject: its inputs and its result under every profile of the run. */
typedef struct kn_cohort_unit {
  uint64_t index;                   /* subject number, 0-based */
  kn_subject subject;               /* as drawn */
  double bmi;                       /* kg/m^2 */
  double u[KN_COHORT_MAX_OUTCOMES]; /* the subject's uniform draw per outcome (see flag) */
  double u_course[KN_COHORT_MAX_COURSE_OUTCOMES]; /* the same per course outcome */
  int nprofile;
  kn_cohort_result result[KN_COHORT_MAX_PROFILES]; /* (nprofile), in the run's profile order */
} kn_cohort_unit;

/* Parameter points a run gives its subjects (include/knead/cohort_uncertainty.h). */
typedef struct kn_cohort_design kn_cohort_design;

/* What every subject of a run is given. The pointers are borrowed and must outlive the run. */
typedef struct kn_cohort_job {
  const kn_population *population;
  const kn_session *session;                        /* the plan; its practitioner is overridden */
  kn_practitioner profiles[KN_COHORT_MAX_PROFILES]; /* (nprofile) */
  int nprofile;                                     /* 1..KN_COHORT_MAX_PROFILES */
  uint64_t seed;                                    /* the run's seed */
  const kn_cohort_design *design; /* parameter points (--uncertainty, --sensitivity); NULL: none */
} kn_cohort_job;

/* Draws subject `index` of the run into out (index, subject, bmi, u; no results yet).
 * Not safe to call from two threads at once: the subject loader's unit library (UDUNITS-2) reads
 * its XML database with a parser that keeps global state; the pool serialises these calls. */
KN_API int kn_cohort_draw(const kn_cohort_job *job, uint64_t index, kn_cohort_unit *out,
                          kn_diag *diag);

/* Simulates the session for the drawn subject of unit under each profile (the practitioner, drawn
 * from the profile, and their random stream both keyed by (seed, index, profile); a session's
 * practitioner_percentile and practitioner_seed are ignored), filling unit->result. A session with
 * a course is also run as the whole course (kn_course_run, the same practitioner), into each
 * result's course and course_flags; the result's other fields stay its single session's.
 * Allocates and frees its own model and data; safe in many threads at once. Returns 0 or a
 * negative kn_errno, diag filled.
 */
KN_API int kn_cohort_simulate(const kn_cohort_job *job, kn_cohort_unit *unit, kn_diag *diag);

/* ---- the pool of threads --------------------------------------------------------------------- */

/* Called in the caller's thread for each finished unit, in no particular order; return non-zero
 * to stop the run (that value is returned by kn_cohort_pool_run). */
typedef int (*kn_cohort_deliver_fn)(const kn_cohort_unit *unit, void *ctx);
/* Called in the caller's thread about every 50 ms while the workers run (nullable): lets the
 * caller receive results from other processes. Return non-zero to stop. */
typedef int (*kn_cohort_poll_fn)(void *ctx);

/* Simulates the subjects indices[0..n) with nthread worker threads (>= 1). Returns 0, the first
 * non-zero value of a callback, or a negative kn_errno from a simulation (diag filled). */
KN_API int kn_cohort_pool_run(const kn_cohort_job *job, const uint64_t *indices, size_t n,
                              int nthread, kn_cohort_deliver_fn deliver, kn_cohort_poll_fn poll,
                              void *ctx, kn_diag *diag);

/* ---- storage (SQLite) ------------------------------------------------------------------------ */

/* The arguments that define a run: a database holds one run, and resuming it requires the same. */
typedef struct kn_cohort_run_info {
  char population_file[256]; /* as given (informative; not compared) */
  char population_hash[32];  /* "fnv1a64:<16 hex>" of the file's bytes */
  char population_name[128];
  char session_file[256]; /* as given (informative) */
  char session_hash[32];
  char session_name[128];
  uint64_t n; /* subjects */
  uint64_t seed;
  char profiles[64];   /* "professional,untrained_partner" */
  char version[32];    /* knead version that wrote it */
  char parameters[64]; /* parameter design: "none", or "uncertainty: K draws, SET spreads" */
  int course_sessions; /* sessions of the session's course; 0: no course (then the database has
                          no course tables and is read by earlier knead versions too) */
} kn_cohort_run_info;

/* "fnv1a64:" and 16 hex digits of the file's bytes into out (size >= 25). Returns 0 or KN_EIO. */
KN_API int kn_cohort_hash_file(const char *path, char *out, size_t size);

typedef struct kn_cohort_store kn_cohort_store;

/* Opens (creating the schema if new) the database at path for the run `info`, holding an exclusive
 * flock on the file until kn_cohort_store_close. Refused, with the file untouched: in use by
 * another process or of a different run (message naming the first difference) or not a cohort of
 * this schema (KN_ESTATE), damaged pages or rows that do not add up (KN_EPARSE), cannot be opened
 * (KN_EINVAL). A new file that cannot be written (full disk) is removed: KN_EIO. */
KN_API int kn_cohort_store_open(const char *path, const kn_cohort_run_info *info,
                                kn_cohort_store **out, kn_diag *diag);
/* Sets done[i] = 1 for every subject already stored (done has info->n bytes). */
KN_API int kn_cohort_store_done(kn_cohort_store *s, unsigned char *done, uint64_t n, kn_diag *diag);
/* Writes one subject, its results and events in one transaction. */
KN_API int kn_cohort_store_write(kn_cohort_store *s, const kn_cohort_unit *u, kn_diag *diag);
/* Folds the write-ahead log into the database file (a single file again). */
KN_API int kn_cohort_store_finish(kn_cohort_store *s, kn_diag *diag);
KN_API void kn_cohort_store_close(kn_cohort_store *s); /* NULL allowed */

/* Writes every stored row as text, ordered by subject, profile and event (the canonical form two
 * runs are compared by): run arguments but the file names, subjects, results, events. Like the
 * summaries below, it first takes a shared flock and checks the file as kn_cohort_store_open does
 * (KN_ESTATE in use or not a cohort, KN_EPARSE damaged). */
KN_API int kn_cohort_dump(const char *path, FILE *out, kn_diag *diag);

/* ---- incidence and its uncertainty ----------------------------------------------------------- */

typedef struct kn_interval {
  double est, lo, hi;
} kn_interval;

/* Wilson score interval for k events in n (Wilson 1927; Newcombe 1998 method 3), z the normal
 * quantile (1.959963985 for 95 %). n = 0 gives est 0 and [0, 1]. */
KN_API kn_interval kn_wilson(uint64_t k, uint64_t n, double z);
/* Relative risk (k1/n1)/(k0/n0) with Katz's log interval (Katz et al. 1978). When a count is 0,
 * 0.5 is added to each of the four cells (Haldane); when both counts are 0 the risk is undefined
 * and the function returns -1 (out untouched); otherwise 0. */
KN_API int kn_relative_risk(uint64_t k1, uint64_t n1, uint64_t k0, uint64_t n0, double z,
                            kn_interval *out);

/* Counts of a stored cohort, or of one stratum of it. */
typedef struct kn_cohort_summary {
  kn_cohort_run_info info;
  char stratum[48]; /* e.g. "age 40-59"; "" for the whole cohort */
  int nprofile;
  int profiles[KN_COHORT_MAX_PROFILES]; /* kn_practitioner, in run order */
  uint64_t n[KN_COHORT_MAX_PROFILES];   /* subjects with a result */
  size_t noutcome;
  uint64_t k[KN_COHORT_MAX_OUTCOMES][KN_COHORT_MAX_PROFILES]; /* subjects with outcome */
  /* a course (info.course_sessions > 0): the same over each subject's whole course */
  size_t ncourse_outcome;                                             /* 0 without a course */
  uint64_t kc[KN_COHORT_MAX_COURSE_OUTCOMES][KN_COHORT_MAX_PROFILES]; /* subjects with outcome */
  /* change of resting pressure over the course (end of the last session minus rest before the
   * first), mmHg: mean and sample SD over the subjects [0], and over the hypertensive ones [1] */
  uint64_t bp_n[2][KN_COHORT_MAX_PROFILES]; /* subjects averaged */
  double systolic_mean[2][KN_COHORT_MAX_PROFILES], systolic_sd[2][KN_COHORT_MAX_PROFILES];
  double diastolic_mean[2][KN_COHORT_MAX_PROFILES], diastolic_sd[2][KN_COHORT_MAX_PROFILES];
} kn_cohort_summary;

/* Reads the counts of the database at path, after the checks of kn_cohort_dump. */
KN_API int kn_cohort_summary_load(const char *path, kn_cohort_summary *out, kn_diag *diag);

/* Strata an incidence table can be split by (the subjects' traits as drawn). */
typedef enum kn_cohort_by {
  KN_BY_SEX = 0,      /* female, male */
  KN_BY_AGE,          /* 18-39, 40-59, 60+ years (the NCHS age groups) */
  KN_BY_HYPERTENSION, /* no, yes */
  KN_BY_CRAMPS,       /* cramp history: none, any */
  KN_BY_COUNT
} kn_cohort_by;
/* "sex", "age", "hypertension", "cramps"; NULL out of range. */
KN_API const char *kn_cohort_by_name(kn_cohort_by by);
/* The counts of each stratum of `by` into out[0..*nout) (at most max, 3 are enough). */
KN_API int kn_cohort_summary_by(const char *path, kn_cohort_by by, kn_cohort_summary *out,
                                size_t max, size_t *nout, kn_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
