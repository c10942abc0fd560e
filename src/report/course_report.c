/* SPDX-License-Identifier: Apache-2.0 */
/* A course's outputs (knead/report.h): its section of summary.json and its table in the text
 * summary. The section's keys are listed in docs/cli.md ("summary.json: course"). */
#include <jansson.h>
#include <stdio.h>

#include "knead/course.h"
#include "knead/report.h"
#include "knead/units.h"
#include "report/report_internal.h"

/* One session's row. */
static json_t *session_json(const kn_course_session *s) {
  json_t *row = json_pack(
      "{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:i, s:f, s:s, s:s}", "start_d",
      s->start / KN_DAY, "systolic_rest_mmHg", s->systolic_rest / KN_MMHG, "diastolic_rest_mmHg",
      s->diastolic_rest / KN_MMHG, "systolic_carried_mmHg", s->systolic_carried / KN_MMHG,
      "diastolic_carried_mmHg", s->diastolic_carried / KN_MMHG, "systolic_change_mmHg",
      s->systolic_change / KN_MMHG, "diastolic_change_mmHg", s->diastolic_change / KN_MMHG,
      "soreness_probability", s->soreness_probability, "sore_at_start_probability",
      s->sore_at_start, "nerves_unrecovered", s->nerves_unrecovered, "nerve_dose_max",
      s->nerve_dose_max, "nerve_grade", kn_nerve_grade_name(s->nerve_grade), "harm",
      kn_harm_name(s->harm));
  if (row) {
    json_object_set_new(row, "cramps", json_integer(s->cramps));
    json_object_set_new(row, "ctf_carried_Hz", json_real(s->ctf_carried));
    json_object_set_new(row, "cramp_threshold_Hz",
                        s->cramp_threshold > 0.0 ? json_real(s->cramp_threshold) : json_null());
    json_object_set_new(row, "nerve_conduction_start_pct",
                        json_real(100.0 * s->nerve_conduction_start));
    json_object_set_new(row, "nerve_conduction_end_pct",
                        json_real(100.0 * s->nerve_conduction_end));
    json_object_set_new(row, "seed", json_integer((json_int_t)s->seed));
  }
  return row;
}

/* The course section: the course's outcome, its evidence, and one row per session. */
static json_t *course_json(const kn_course_outcome *o) {
  json_t *rows = json_array();
  for (int k = 0; rows && k < o->nsession; k++)
    json_array_append_new(rows, session_json(&o->sessions[k]));
  return json_pack("{s:i, s:f, s:f, s:f, s:f, s:f, s:s, s:s, s:{s:s, s:s, s:s}, s:o}", "sessions",
                   o->nsession, "systolic_change_mmHg", o->systolic_course_change / KN_MMHG,
                   "diastolic_change_mmHg", o->diastolic_course_change / KN_MMHG,
                   "systolic_carried_end_mmHg", o->systolic_carried_end / KN_MMHG,
                   "diastolic_carried_end_mmHg", o->diastolic_carried_end / KN_MMHG,
                   "sore_at_start_max_probability", o->sore_at_start_max, "nerve_grade",
                   kn_nerve_grade_name(o->nerve_grade), "harm", kn_harm_name(o->harm), "evidence",
                   "pressure", kn_evidence_name(o->evidence_pressure), "soreness",
                   kn_evidence_name(o->evidence_soreness), "nerve",
                   kn_evidence_name(o->evidence_nerve), "per_session", rows);
}

char *kn_report_course_json(const kn_model *m, kn_data *d, const kn_course_outcome *o) {
  json_t *summary = kn_summary_json(m, d);
  json_t *course = summary ? course_json(o) : NULL;
  char *text =
      course && json_object_set_new(summary, "course", course) == 0 &&
              kn_summary_add_course_advice(summary, m, d, o) == KN_OK
          ? json_dumps(summary, JSON_INDENT(2) | JSON_REAL_PRECISION(KN_REPORT_JSON_DIGITS))
          : NULL;
  json_decref(summary);
  return text;
}

int kn_report_course_write(const kn_course_outcome *o, const char *dir, kn_diag *diag) {
  char path[1024];
  snprintf(path, sizeof path, "%s/summary.json", dir);
  json_error_t err;
  json_t *summary = json_load_file(path, 0, &err);
  json_t *course = summary ? course_json(o) : NULL;
  int rc = course && json_object_set_new(summary, "course", course) == 0 &&
                   json_dump_file(summary, path,
                                  JSON_INDENT(2) | JSON_REAL_PRECISION(KN_REPORT_JSON_DIGITS)) == 0
               ? KN_OK
               : KN_EIO;
  json_decref(summary);
  if (rc != KN_OK && diag) {
    kn_diag_clear(diag);
    diag->code = rc;
    snprintf(diag->message, sizeof diag->message, "%.400s: could not add the course", path);
  }
  return rc;
}

void kn_report_course_text(const kn_course_outcome *o, FILE *out) {
  fprintf(out,
          "course: %d sessions; blood pressure %+.1f/%+.1f mmHg after the last session "
          "(%+.1f/%+.1f carried) [%s]\n",
          o->nsession, o->systolic_course_change / KN_MMHG, o->diastolic_course_change / KN_MMHG,
          o->systolic_carried_end / KN_MMHG, o->diastolic_carried_end / KN_MMHG,
          kn_evidence_name(o->evidence_pressure));
  fprintf(out, "  %-3s %7s %13s %13s %9s %9s %11s %-10s %s\n", "#", "day", "rest mmHg",
          "change mmHg", "sore", "sore@start", "cond@start", "nerve", "harm");
  for (int k = 0; k < o->nsession; k++) {
    const kn_course_session *s = &o->sessions[k];
    fprintf(out, "  %-3d %7.1f %6.1f/%-6.1f %+6.1f/%-+6.1f %8.1f%% %9.1f%% %10.1f%% %-10s %s\n",
            k + 1, s->start / KN_DAY, s->systolic_rest / KN_MMHG, s->diastolic_rest / KN_MMHG,
            s->systolic_change / KN_MMHG, s->diastolic_change / KN_MMHG,
            100.0 * s->soreness_probability, 100.0 * s->sore_at_start,
            100.0 * s->nerve_conduction_start, kn_nerve_grade_name(s->nerve_grade),
            kn_harm_name(s->harm));
  }
}
