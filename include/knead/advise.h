/* SPDX-License-Identifier: Apache-2.0 */
/* knead — advice: what a person should do, from the inputs and the simulated outcome.
 *
 * A fixed table of rules (docs/advice.md) reads the subject, the session and the outcome of a run
 * and gives plain-language advice, each piece with a severity, the input or outcome that triggered
 * it, an evidence level and source keys that resolve in docs/model.md ("## Sources") and through
 * kn_atlas_find_source(). No allocation, no I/O: the caller gives the array to fill. */
#ifndef KNEAD_ADVISE_H
#define KNEAD_ADVISE_H

#include "knead/export.h"

#include <stddef.h>
#include <stdio.h>

#include "knead/atlas.h"
#include "knead/course.h"
#include "knead/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How much a piece of advice weighs, strongest first. */
typedef enum kn_advice_severity {
  KN_ADVICE_STOP = 0,   /* do not go ahead (postpone, or leave this part out) */
  KN_ADVICE_CHANGE = 1, /* go ahead only after changing the plan as said */
  KN_ADVICE_NOTE = 2    /* good to know; the plan may stay */
} kn_advice_severity;
/* "stop", "change", "note"; "?" out of range. */
KN_API const char *kn_advice_severity_name(kn_advice_severity s);

/* One piece of advice. Strings are NUL-terminated; the const char * fields point to static text
 * (valid for the life of the program). */
typedef struct kn_advice {
  const char *rule;            /* stable rule id, e.g. "fever", "endangerment_site" */
  kn_advice_severity severity; /* stop, change or note */
  char text[480];              /* what to do, in plain language, with names filled in */
  char trigger[200];           /* the input or outcome that set it off, with its value */
  kn_evidence evidence;        /* evidence behind the advice */
  const char *claims;          /* article claims it answers, e.g. "A6" or "A10 A11 A12" */
  char sources[120];           /* space-separated source keys, e.g. "werner2020 aksoy2009" */
} kn_advice;

/* Overall verdict for a plan, from the strongest advice. */
typedef enum kn_advice_verdict {
  KN_VERDICT_GO = 0,     /* no stop or change advice: go ahead */
  KN_VERDICT_CHANGE = 1, /* change the plan first */
  KN_VERDICT_STOP = 2    /* do not do this (postpone or leave out a part) */
} kn_advice_verdict;
/* "go ahead", "change the plan first", "stop"; "?" out of range. */
KN_API const char *kn_advice_verdict_name(kn_advice_verdict v);

/* Upper bound on the advice one run can give (each rule gives at most a few pieces). */
#define KN_ADVICE_MAX 48

/* Runs every rule on the model's subject and session and the outcome o (from kn_data_outcome after
 * kn_run). Writes up to cap pieces to out (may be NULL when cap is 0), strongest severity first,
 * then in rule order. Returns the number of pieces the rules gave (which may exceed cap, as with
 * snprintf). m and o must not be NULL. */
KN_API size_t kn_advise(const kn_model *m, const kn_outcome *o, kn_advice *out, size_t cap);

/* As kn_advise, and when co is not NULL (the session given as a course: kn_course_run's outcome)
 * the course's rules too: a nerve not recovered before the next session, a session on a site
 * still sore from the last, the course's blood pressure in hypertension, cramp-threshold
 * training. m and o are the course's first session (the session as given). */
KN_API size_t kn_advise_course(const kn_model *m, const kn_outcome *o, const kn_course_outcome *co,
                               kn_advice *out, size_t cap);

/* The verdict for n pieces of advice (n may be 0; a may be NULL then). */
KN_API kn_advice_verdict kn_advice_verdict_of(const kn_advice *a, size_t n);

/* Writes the advice as text to out: one block per piece, severity first, then the sentence, the
 * trigger, the evidence and the sources. use_color adds ANSI colours to the severity words. */
KN_API void kn_advice_print(const kn_advice *a, size_t n, int use_color, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
