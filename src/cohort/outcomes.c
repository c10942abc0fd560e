/* SPDX-License-Identifier: Apache-2.0 */
/* knead — which outcomes a cohort counts, and when each counts as having happened.
 *
 * This table is the one place that maps a simulation's outcome to the rows of the incidence table
 * and the 0/1 columns of the results table: a new outcome of the model is one line here (the
 * schema, the summary and the docs' column list follow from it). The second table does the same
 * for a course of sessions (knead/course.h): columns of course_results, rows of the course table.
 */
#include "knead/cohort.h"

#include <stddef.h>

#include "knead/nerve.h"
#include "knead/tissue.h"

static int count_spasms(const kn_outcome *o, int want) {
  int n = 0;
  for (size_t i = 0; i < o->nspasm; i++)
    n += want < 0 ? o->spasms[i].kind != KN_SPASM_CRAMP : (int)o->spasms[i].kind == want;
  return n;
}

static int worst_nerve(const kn_outcome *o) {
  int g = KN_NERVE_NONE;
  for (size_t i = 0; i < o->nnerve; i++)
    if ((int)o->nerves[i].grade > g) g = (int)o->nerves[i].grade;
  return g;
}

/* A spasm that is not a cramp, clinically defined (docs/model.md): sustained clonus (>= 5 beats)
 * or a tonic contraction sustained for seconds (the article's "spasm", claim A1). */
static int f_spasm(const kn_outcome *o, double u) {
  (void)u;
  return count_spasms(o, -1) > 0;
}
static int f_cramp(const kn_outcome *o, double u) {
  (void)u;
  return count_spasms(o, KN_SPASM_CRAMP) > 0;
}
/* a normal reflex response in any muscle: counted so the brief responses the old classifier called
 * spasms stay visible, but NOT harm */
static int f_reflex(const kn_outcome *o, double u) {
  (void)u;
  for (size_t i = 0; i < o->nnm; i++)
    if (o->nm[i].reflex_responses > 0) return 1;
  return 0;
}
/* ischaemic conduction block or worse, in any nerve */
static int f_block(const kn_outcome *o, double u) {
  (void)u;
  return worst_nerve(o) >= KN_NERVE_BLOCK;
}
/* structural (demyelinating) injury or worse */
static int f_injury(const kn_outcome *o, double u) {
  (void)u;
  return worst_nerve(o) >= KN_NERVE_INJURY;
}
/* a visible bruise anywhere: the model's probability from the bruise dose-response (force and
 * shear beyond the ISO limit, time, the subject's fragility), the subject's draw decides */
static int f_bruise(const kn_outcome *o, double u) {
  return u < o->bruise_probability;
}
/* the model gives a probability of delayed soreness; the subject's own uniform draw decides */
static int f_soreness(const kn_outcome *o, double u) {
  return u < o->soreness_probability;
}
/* any harm graded "injury" or worse (nerve injury or muscle cell death) */
static int f_harm_injury(const kn_outcome *o, double u) {
  (void)u;
  return o->harm >= KN_HARM_INJURY;
}

/* asystole >= 3 s or a systolic fall >= 50 mmHg while the carotid sinus is pressed: the model says
 * so for a subject known to be hypersensitive; for one whose hypersensitivity is unknown it gives a
 * probability (prevalence by age x response), and the subject's draw decides */
static int f_carotid(const kn_outcome *o, double u) {
  return o->systemic.carotid_event || u < o->systemic.carotid_event_probability;
}
/* dizziness felt on standing up after the session (a symptom): the model's probability, the
 * subject's draw */
static int f_dizziness(const kn_outcome *o, double u) {
  return u < o->systemic.dizziness_probability;
}
/* initial orthostatic hypotension on standing up (a >= 40 mmHg systolic fall within 15 s): a
 * haemodynamic event, most often not felt; the model's probability, the subject's draw */
static int f_ioh(const kn_outcome *o, double u) {
  return u < o->systemic.ioh_probability;
}

typedef struct outcome_row {
  const char *name;  /* results column */
  const char *label; /* incidence table row */
  int (*happened)(const kn_outcome *o, double u);
} outcome_row;

static const outcome_row rows[] = {
    {"spasm", "spasm (clonic or tonic)", f_spasm},
    {"reflex_response", "reflex response (not harm)", f_reflex},
    {"cramp", "cramp", f_cramp},
    {"nerve_block", "nerve conduction block", f_block},
    {"nerve_injury", "nerve injury", f_injury},
    {"bruise", "bruising", f_bruise},
    {"soreness", "soreness (next days)", f_soreness},
    {"carotid_event", "carotid sinus event", f_carotid},
    {"dizziness", "dizziness felt on standing", f_dizziness},
    {"ioh", "IOH (haemodynamic event)", f_ioh},
    {"harm_injury", "any injury", f_harm_injury},
};
#define NROW (sizeof rows / sizeof rows[0])
_Static_assert(NROW <= KN_COHORT_MAX_OUTCOMES, "raise KN_COHORT_MAX_OUTCOMES");

size_t kn_cohort_outcome_count(void) {
  return NROW;
}
const char *kn_cohort_outcome_name(size_t i) {
  return i < NROW ? rows[i].name : NULL;
}
const char *kn_cohort_outcome_label(size_t i) {
  return i < NROW ? rows[i].label : NULL;
}
int kn_cohort_outcome_flag(size_t i, const kn_outcome *o, double u) {
  return i < NROW && o ? rows[i].happened(o, u) : 0;
}

/* ---- over a course ----------------------------------------------------------------------------
 */

/* the worst of a course: a session's own harm, or a nerve's grade with the doses carried in */
static int f_course_harm_injury(const kn_course_outcome *c, double u) {
  (void)u;
  return c->harm >= KN_HARM_INJURY || c->nerve_grade >= KN_NERVE_INJURY;
}
static int f_course_block(const kn_course_outcome *c, double u) {
  (void)u;
  return c->nerve_grade >= KN_NERVE_BLOCK;
}
/* structural injury or worse in any session, an earlier session's unrecovered dose added in */
static int f_course_injury(const kn_course_outcome *c, double u) {
  (void)u;
  return c->nerve_grade >= KN_NERVE_INJURY;
}
/* a session given on an injured nerve that has not recovered: an earlier session left a nerve
 * graded structural injury or worse, and a nerve still carries an earlier session's dose at this
 * one's start (the course gives the count of such nerves, not which: with several nerves pressed,
 * the injured one and the one carrying may differ). A dose that never reached injury is not
 * counted: the smallest pressure on a nerve leaves some dose, which the course carries for weeks.
 */
static int f_course_unrecovered(const kn_course_outcome *c, double u) {
  (void)u;
  int injured = 0; /* an earlier session's nerve grade reached injury */
  for (int k = 0; k < c->nsession; k++) {
    if (injured && c->sessions[k].nerves_unrecovered > 0) return 1;
    injured |= c->sessions[k].nerve_grade >= KN_NERVE_INJURY;
  }
  return 0;
}
static int f_course_cramp(const kn_course_outcome *c, double u) {
  (void)u;
  for (int k = 0; k < c->nsession; k++)
    if (c->sessions[k].cramps > 0) return 1;
  return 0;
}
/* soreness after any session: the subject's soreness draw against each session's chance (the same
 * draw as the single session's, so a subject sore after the first session is sore over the course)
 */
static int f_course_soreness(const kn_course_outcome *c, double u) {
  for (int k = 0; k < c->nsession; k++)
    if (u < c->sessions[k].soreness_probability) return 1;
  return 0;
}
/* a session started while an earlier one's soreness was felt: the course's highest chance of it
 * (knead/course.h, sore_at_start_max), against the same soreness draw */
static int f_course_sore_start(const kn_course_outcome *c, double u) {
  return u < c->sore_at_start_max;
}

typedef struct course_row {
  const char *name;  /* course_results column */
  const char *label; /* course table row */
  const char *draw;  /* the outcome whose draw it uses (kn_cohort_course_outcome_draw) */
  int (*happened)(const kn_course_outcome *c, double u);
} course_row;

static const course_row course_rows[] = {
    {"course_cramp", "cramp in any session", "course_cramp", f_course_cramp},
    {"course_nerve_block", "nerve block in any session", "course_nerve_block", f_course_block},
    {"course_nerve_injury", "nerve injury, carried dose", "course_nerve_injury", f_course_injury},
    {"course_nerve_unrecovered", "on an unrecovered injury", "course_nerve_unrecovered",
     f_course_unrecovered},
    {"course_soreness", "soreness after any session", "soreness", f_course_soreness},
    {"course_sore_start", "a session started sore", "soreness", f_course_sore_start},
    {"course_harm_injury", "any injury over the course", "course_harm_injury",
     f_course_harm_injury},
};
#define NCOURSE (sizeof course_rows / sizeof course_rows[0])
_Static_assert(NCOURSE <= KN_COHORT_MAX_COURSE_OUTCOMES, "raise KN_COHORT_MAX_COURSE_OUTCOMES");

size_t kn_cohort_course_outcome_count(void) {
  return NCOURSE;
}
const char *kn_cohort_course_outcome_name(size_t i) {
  return i < NCOURSE ? course_rows[i].name : NULL;
}
const char *kn_cohort_course_outcome_label(size_t i) {
  return i < NCOURSE ? course_rows[i].label : NULL;
}
const char *kn_cohort_course_outcome_draw(size_t i) {
  return i < NCOURSE ? course_rows[i].draw : NULL;
}
int kn_cohort_course_outcome_flag(size_t i, const kn_course_outcome *c, double u) {
  return i < NCOURSE && c ? course_rows[i].happened(c, u) : 0;
}
