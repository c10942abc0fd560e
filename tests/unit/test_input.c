/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the input loaders (subject and session files, YAML and JSON), of their error
 * messages, and of the error-code and diagnostic helpers they report through. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/input.h"
#include "knead/atlas.h"
#include "knead/cohort.h"
#include "knead/error.h"
#include "knead/params.h"
#include "knead/sim.h"
#include "knead/spec.h"
#include "knead/version.h"

#define BAD_DIR KN_SOURCE_DIR "/tests/bad_input"
#define PI 3.14159265358979323846

static void assert_close(double got, double want) {
  double tol = 1e-12 * fmax(1.0, fabs(want));
  if (fabs(got - want) > tol) fail_msg("got %.17g, want %.17g", got, want);
}

/* For values worked out by hand to 6 or 7 significant digits. */
static void assert_near(double got, double want) {
  double tol = 1e-6 * fmax(1.0, fabs(want));
  if (fabs(got - want) > tol) fail_msg("got %.17g, want %.7g", got, want);
}

/* Parses a session from text; fails the test (with the message) if it does not load. */
static kn_session *session_ok(const char *text, const char *name) {
  kn_session *s = NULL;
  kn_diag d;
  int rc = kn_session_parse(text, strlen(text), name, &s, &d);
  if (rc != KN_OK) {
    char buf[1024];
    kn_diag_format(&d, buf, sizeof buf);
    fail_msg("%s (%s)", buf, kn_errname(rc));
  }
  assert_non_null(s);
  return s;
}

/* Parses a session that must fail with code; returns the formatted message in buf. */
static void session_fails(const char *text, const char *name, int code, char *buf, size_t size) {
  kn_session *s = (kn_session *)0x1; /* must come back NULL */
  kn_diag d;
  int rc = kn_session_parse(text, strlen(text), name, &s, &d);
  kn_diag_format(&d, buf, size);
  if (rc != code) fail_msg("got %s, want %s: %s", kn_errname(rc), kn_errname(code), buf);
  assert_null(s);
  assert_int_equal(d.code, code);
}

/* ---- error codes and diagnostics ------------------------------------------------------------- */

static void test_strerror(void **state) {
  (void)state;
  assert_string_equal(kn_strerror(KN_OK), "success");
  assert_string_equal(kn_strerror(KN_ENOMEM), "out of memory");
  assert_string_equal(kn_strerror(KN_EUNIT),
                      "quantity has no unit or a unit of the wrong dimension");
  assert_string_equal(kn_strerror(KN_EINTERNAL), "internal error");
  assert_string_equal(kn_strerror(-999), "unknown error");
  assert_string_equal(kn_strerror(5), "unknown error");
  assert_string_equal(kn_errname(KN_OK), "KN_OK");
  assert_string_equal(kn_errname(KN_EPARSE), "KN_EPARSE");
  assert_string_equal(kn_errname(KN_EUNKNOWN_KEY), "KN_EUNKNOWN_KEY");
  assert_string_equal(kn_errname(KN_ETOOBIG), "KN_ETOOBIG");
  assert_string_equal(kn_errname(-999), "KN_EUNKNOWN");
  /* every code of the list has its own text */
  for (int e = -1; e >= KN_EINTERNAL; e--) {
    assert_string_not_equal(kn_strerror(e), "unknown error");
    assert_string_not_equal(kn_errname(e), "KN_EUNKNOWN");
  }
}

static void test_diag_format(void **state) {
  (void)state;
  kn_diag d;
  char buf[1024];
  kn_diag_clear(&d);
  assert_int_equal(d.code, KN_OK);
  assert_string_equal(d.file, "");
  kn_diag_clear(NULL); /* allowed */

  d.code = KN_ERANGE;
  snprintf(d.file, sizeof d.file, "s.yaml");
  d.line = 12;
  d.col = 7;
  snprintf(d.field, sizeof d.field, "session.actions[2].force");
  snprintf(d.message, sizeof d.message, "40000 N is out of range [0, 400] N");
  const char *full = "s.yaml:12:7: session.actions[2].force: 40000 N is out of range [0, 400] N";
  assert_int_equal(kn_diag_format(&d, buf, sizeof buf), (int)strlen(full));
  assert_string_equal(buf, full);

  d.col = 0;
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf,
                      "s.yaml:12: session.actions[2].force: 40000 N is out of range [0, 400] N");
  d.line = 0;
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf, "s.yaml: session.actions[2].force: 40000 N is out of range [0, 400] N");
  d.field[0] = '\0';
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf, "s.yaml: 40000 N is out of range [0, 400] N");
  d.file[0] = '\0';
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf, "40000 N is out of range [0, 400] N");
  d.line = 3;
  d.col = 4;
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf, "3:4: 40000 N is out of range [0, 400] N");
  /* no message: the code's text */
  kn_diag_clear(&d);
  d.code = KN_EIO;
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf, "input/output error");

  /* truncation: always terminated, returns the full length */
  kn_diag_clear(&d);
  snprintf(d.file, sizeof d.file, "abc.yaml");
  snprintf(d.message, sizeof d.message, "0123456789");
  char small[6];
  assert_int_equal(kn_diag_format(&d, small, sizeof small), (int)strlen("abc.yaml: 0123456789"));
  assert_string_equal(small, "abc.y");
  assert_int_equal(kn_diag_format(&d, NULL, 0), (int)strlen("abc.yaml: 0123456789"));
  assert_int_equal(kn_diag_format(NULL, buf, sizeof buf), 0);
  assert_string_equal(buf, "");
}

static void test_version(void **state) {
  (void)state;
  assert_string_equal(kn_version(), KN_VERSION_STRING);
  assert_int_equal(kn_version_number(), KN_VERSION_NUMBER);
  assert_int_equal(kn_version_number(),
                   KN_VERSION_MAJOR * 10000 + KN_VERSION_MINOR * 100 + KN_VERSION_PATCH);
}

static void test_names(void **state) {
  (void)state;
  assert_string_equal(kn_action_kind_name(KN_ACT_EFFLEURAGE), "effleurage");
  assert_string_equal(kn_action_kind_name(KN_ACT_DEEP_STROKE), "deep_stroke");
  assert_string_equal(kn_action_kind_name(KN_ACT_POSTURE), "posture");
  assert_string_equal(kn_action_kind_name(KN_ACT_COUNT), "?");
  assert_string_equal(kn_action_kind_name((kn_action_kind)-1), "?");
  assert_string_equal(kn_practitioner_name(KN_PRACTITIONER_UNTRAINED_PARTNER), "untrained_partner");
  assert_string_equal(kn_practitioner_name((kn_practitioner)7), "?");
  assert_string_equal(kn_posture_name(KN_POSTURE_SIDE_LYING), "side_lying");
  assert_string_equal(kn_posture_name((kn_posture)9), "?");
}

/* ---- subject --------------------------------------------------------------------------------- */

static void test_subject_default(void **state) {
  (void)state;
  kn_subject s;
  memset(&s, 0x55, sizeof s);
  kn_subject_default(&s);
  assert_string_equal(s.name, "");
  assert_int_equal(s.sex, KN_SEX_UNSPECIFIED);
  assert_close(s.age, 40.0);
  assert_close(s.height, 1.70);
  assert_close(s.mass, 70.0);
  assert_close(s.body_fat, 0.25);
  assert_close(s.pain_threshold_scale, 1.0);
  /* the causes of cramp: none, and normal serum values */
  assert_close(s.cramps_per_month, 0.0);
  assert_close(s.hypohydration, 0.0);
  assert_close(s.serum_sodium, 140.0);
  assert_close(s.serum_potassium, 4.2);
  assert_close(s.serum_magnesium, 0.85);
  assert_close(s.serum_calcium, 2.4);
  assert_close(s.exertion, 0.0);
  assert_close(s.inactive_weeks, 0.0);
  assert_close(s.posture_hours, 0.0);
  assert_int_equal(s.atherosclerosis, 0);
  assert_int_equal(s.chronic_illness, 0);
}

/* Every cause-of-cramp field, in YAML and in JSON, and the defaults when they are left out. */
static void test_subject_cramp_fields(void **state) {
  (void)state;
  const char *t = "subject:\n"
                  "  cramps_per_month: 8\n"
                  "  hypohydration: 3 %\n"
                  "  serum_sodium: 128 mmol/L\n"
                  "  serum_potassium: 4.1 mmol/L\n"
                  "  serum_magnesium: 0.6\n"
                  "  serum_calcium: 2.1 mol/m^3\n"
                  "  exertion: hard\n"
                  "  inactive_weeks: 6\n"
                  "  posture_hours: 90 min\n"
                  "  atherosclerosis: true\n"
                  "  chronic_illness: False\n";
  kn_subject s;
  kn_diag d;
  if (kn_subject_parse(t, strlen(t), "c.yaml", &s, &d) != KN_OK) fail_msg("%s", d.message);
  assert_close(s.cramps_per_month, 8.0);
  assert_close(s.hypohydration, 0.03);
  assert_close(s.serum_sodium, 128.0); /* 128 mmol/L = 128 mol/m^3 */
  assert_close(s.serum_potassium, 4.1);
  assert_close(s.serum_magnesium, 0.6); /* bare number: mmol/L */
  assert_close(s.serum_calcium, 2.1);
  assert_close(s.exertion, 0.75);
  assert_close(s.inactive_weeks, 6.0);
  assert_close(s.posture_hours, 5400.0); /* 90 min = 5400 s */
  assert_int_equal(s.atherosclerosis, 1);
  assert_int_equal(s.chronic_illness, 0);
  /* untouched fields keep their defaults */
  assert_close(s.age, 40.0);
  assert_close(s.pain_threshold_scale, 1.0);

  /* other spellings: rates per week, weeks as years, a bare number of hours, exertion as a number,
   * every exertion word */
  const char *u = "subject:\n"
                  "  cramps_per_month: 3 /week\n"
                  "  hypohydration: 0.02\n"
                  "  inactive_weeks: 2 years\n"
                  "  posture_hours: 8\n"
                  "  exertion: 0.4\n"
                  "  atherosclerosis: FALSE\n"
                  "  chronic_illness: TRUE\n";
  if (kn_subject_parse(u, strlen(u), "u.yaml", &s, &d) != KN_OK) fail_msg("%s", d.message);
  /* UDUNITS-2's month is a twelfth of 365.242198781 days: 3 x 30.436850 / 7 = 13.04436 */
  assert_near(s.cramps_per_month, 13.04436);
  assert_close(s.hypohydration, 0.02);
  assert_near(s.inactive_weeks, 104.3549); /* 2 x 365.2422 / 7 */
  assert_close(s.posture_hours, 28800.0);  /* 8 h */
  assert_close(s.exertion, 0.4);
  assert_int_equal(s.atherosclerosis, 0);
  assert_int_equal(s.chronic_illness, 1);
  const char *words[] = {"none", "light", "moderate", "hard", "exhausting"};
  for (size_t i = 0; i < 5; i++) {
    char text[64];
    snprintf(text, sizeof text, "subject:\n  exertion: %s\n", words[i]);
    assert_int_equal(kn_subject_parse(text, strlen(text), "e.yaml", &s, NULL), KN_OK);
    assert_close(s.exertion, 0.25 * (double)i);
  }

  /* the same in JSON: quantities are strings, bare numbers and booleans are JSON values */
  const char *j = "{\"subject\": {\"cramps_per_month\": 8, \"hypohydration\": \"3 %\",\n"
                  "  \"serum_sodium\": \"128 mmol/L\", \"serum_potassium\": 4.1,\n"
                  "  \"serum_magnesium\": \"0.6 mmol/L\", \"serum_calcium\": \"2.1 mmol/L\",\n"
                  "  \"exertion\": \"hard\", \"inactive_weeks\": 6, \"posture_hours\": \"1.5 h\",\n"
                  "  \"atherosclerosis\": true, \"chronic_illness\": false}}";
  if (kn_subject_parse(j, strlen(j), "c.json", &s, &d) != KN_OK) fail_msg("%s", d.message);
  assert_close(s.cramps_per_month, 8.0);
  assert_close(s.hypohydration, 0.03);
  assert_close(s.serum_sodium, 128.0);
  assert_close(s.serum_potassium, 4.1);
  assert_close(s.serum_magnesium, 0.6);
  assert_close(s.serum_calcium, 2.1);
  assert_close(s.exertion, 0.75);
  assert_close(s.inactive_weeks, 6.0);
  assert_close(s.posture_hours, 5400.0);
  assert_int_equal(s.atherosclerosis, 1);
  assert_int_equal(s.chronic_illness, 0);

  /* the example subject of the cramp articles */
  assert_int_equal(kn_subject_load(KN_SOURCE_DIR "/examples/subject_cramp_prone.yaml", &s, &d),
                   KN_OK);
  assert_close(s.hypohydration, 0.03);
  assert_close(s.cramps_per_month, 8.0);
  assert_close(s.exertion, 0.75);
  assert_close(s.serum_potassium, 4.2);
}

static void test_subject_good_file(void **state) {
  (void)state;
  kn_subject s;
  kn_diag d;
  assert_int_equal(kn_subject_load(BAD_DIR "/good_subject.yaml", &s, &d), KN_OK);
  assert_int_equal(d.code, KN_OK);
  assert_string_equal(s.name, "Anna");
  assert_int_equal(s.sex, KN_SEX_FEMALE);
  assert_close(s.age, 45.0);
  assert_close(s.height, 1.68);
  assert_close(s.mass, 62.0);
  assert_close(s.body_fat, 0.28);
  assert_close(s.pain_threshold_scale, 1.0);
}

static void test_subject_body_fat_default_by_sex(void **state) {
  (void)state;
  kn_subject s;
  const char *female = "subject:\n  sex: female\n";
  const char *male = "subject:\n  sex: male\n";
  const char *given = "subject:\n  sex: male\n  body_fat: 0.18\n";
  assert_int_equal(kn_subject_parse(female, strlen(female), "f.yaml", &s, NULL), KN_OK);
  assert_close(s.body_fat, 0.30);
  assert_int_equal(kn_subject_parse(male, strlen(male), "m.yaml", &s, NULL), KN_OK);
  assert_close(s.body_fat, 0.20);
  assert_int_equal(kn_subject_parse(given, strlen(given), "g.yaml", &s, NULL), KN_OK);
  assert_close(s.body_fat, 0.18);
  assert_int_equal(s.sex, KN_SEX_MALE);
}

static void test_subject_units_and_empty(void **state) {
  (void)state;
  kn_subject s;
  const char *t = "subject:\n  age: 45 years\n  height: 1.8 m\n  mass: 154 lb\n"
                  "  pain_threshold_scale: 150 %\n";
  assert_int_equal(kn_subject_parse(t, strlen(t), "u.yaml", &s, NULL), KN_OK);
  assert_close(s.age, 45.0);
  assert_close(s.height, 1.8);
  assert_close(s.mass, 154 * 0.45359237);
  assert_close(s.pain_threshold_scale, 1.5);
  /* an empty subject, in all its spellings, is the default subject */
  const char *empties[] = {"subject:\n", "subject: {}\n", "subject: ~\n", "{\"subject\": {}}"};
  for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
    memset(&s, 0, sizeof s);
    assert_int_equal(kn_subject_parse(empties[i], strlen(empties[i]), "e.yaml", &s, NULL), KN_OK);
    assert_close(s.age, 40.0);
    assert_close(s.body_fat, 0.25);
  }
}

static void test_subject_json(void **state) {
  (void)state;
  const char *t = "{\"subject\": {\"name\": \"Ben\", \"sex\": \"male\", \"age\": 52,\n"
                  "  \"height\": \"181 cm\", \"mass\": \"84 kg\", \"body_fat\": \"22 %\"}}";
  kn_subject s;
  kn_diag d;
  assert_int_equal(kn_subject_parse(t, strlen(t), "ben.json", &s, &d), KN_OK);
  assert_string_equal(s.name, "Ben");
  assert_int_equal(s.sex, KN_SEX_MALE);
  assert_close(s.age, 52.0);
  assert_close(s.height, 1.81);
  assert_close(s.mass, 84.0);
  assert_close(s.body_fat, 0.22);
  /* JSON mode is strict: a trailing comma is refused with libfyaml's position */
  const char *bad = "{\"subject\": {\"age\": 52,}}";
  assert_int_equal(kn_subject_parse(bad, strlen(bad), "bad.json", &s, &d), KN_EPARSE);
  assert_string_equal(d.field, "yaml");
  assert_int_equal(d.line, 1);
}

static void test_subject_error_leaves_out_alone(void **state) {
  (void)state;
  kn_subject s;
  memset(&s, 0x7f, sizeof s);
  kn_subject before = s;
  const char *t = "subject:\n  age: 45\n  mass: 3 kg\n";
  assert_int_equal(kn_subject_parse(t, strlen(t), "x.yaml", &s, NULL), KN_ERANGE);
  assert_memory_equal(&s, &before, sizeof s);
}

/* ---- session --------------------------------------------------------------------------------- */

static void test_session_good_file(void **state) {
  (void)state;
  kn_session *s = NULL;
  kn_diag d;
  const char *path = BAD_DIR "/good_session.yaml";
  assert_int_equal(kn_session_load(path, &s, &d), KN_OK);
  assert_string_equal(s->source, path);
  assert_string_equal(s->name, "Neck and shoulders");
  assert_int_equal(s->practitioner, KN_PRACTITIONER_PROFESSIONAL);
  assert_true(s->seed == 7);
  assert_close(s->dt, 0.001);
  assert_close(s->record_interval, 0.1);
  assert_close(s->recovery, 3600.0); /* the default hour after the massage */
  assert_int_equal(s->naction, 4);

  const kn_action *a = &s->actions[0];
  assert_int_equal(a->kind, KN_ACT_EFFLEURAGE);
  assert_int_equal(a->region, kn_atlas_find_region("shoulder_top"));
  assert_int_equal(a->landmark, -1);
  assert_int_equal(a->muscle, -1);
  assert_int_equal(a->contact, kn_atlas_find_contact_type("palm"));
  assert_close(a->area, kn_atlas_contact_type((size_t)a->contact)->area);
  assert_close(a->force, 20.0);
  assert_close(a->speed, 0.05);
  assert_close(a->stroke_length, 0.20);
  assert_close(a->rate, 0.0);
  assert_close(a->direction, 0.0);
  assert_close(a->duration, 60.0);
  assert_int_equal(a->repetitions, 1);
  assert_close(a->rest_between, 0.0);
  assert_true(a->start < 0);
  assert_int_equal(a->line, 9);
  assert_int_equal(a->col, 7);

  a = &s->actions[1]; /* compression on a muscle, by pressure */
  assert_int_equal(a->kind, KN_ACT_COMPRESSION);
  assert_int_equal(a->muscle, kn_atlas_find_muscle("upper_trapezius"));
  assert_int_equal(a->region, kn_atlas_muscle((size_t)a->muscle)->region);
  assert_int_equal(a->contact, kn_atlas_find_contact_type("thumb"));
  /* 2.5 kgf/cm^2 = 245166.25 Pa, on the thumb's typical area */
  double area = kn_atlas_contact_type((size_t)a->contact)->area;
  assert_close(a->area, area);
  assert_close(a->force, 245166.25 * area);
  assert_close(a->speed, 0.0);
  assert_close(a->duration, 30.0);
  assert_int_equal(a->line, 13);

  a = &s->actions[2];
  assert_int_equal(a->kind, KN_ACT_REST);
  assert_int_equal(a->region, -1);
  assert_int_equal(a->contact, -1);
  assert_close(a->force, 0.0);
  assert_close(a->duration, 10.0);

  a = &s->actions[3];
  assert_int_equal(a->kind, KN_ACT_POSTURE);
  assert_int_equal(a->posture, KN_POSTURE_SUPINE);
  assert_close(a->duration, 0.0);
  kn_session_free(s);
  kn_session_free(NULL); /* allowed */
}

static void test_session_defaults(void **state) {
  (void)state;
  const char *t = "session:\n"
                  "  actions:\n"
                  "    - {do: effleurage, region: upper_back, force: 20 N, duration: 1 min}\n"
                  "    - {do: petrissage, region: calf, force: 30 N, duration: 1 min}\n"
                  "    - {do: friction, region: elbow_medial, force: 5 N, duration: 1 min}\n"
                  "    - {do: compression, region: scapula, force: 15 N, duration: 1 min}\n"
                  "    - {do: tapotement, region: thigh_posterior, force: 10 N, duration: 1 min}\n"
                  "    - {do: deep_stroke, region: lower_back, force: 60 N, duration: 1 min}\n";
  kn_session *s = session_ok(t, "d.yaml");
  assert_true(s->seed == 1);
  assert_int_equal(s->practitioner, KN_PRACTITIONER_PROFESSIONAL);
  assert_close(s->dt, 0.001);
  assert_close(s->record_interval, 0.1);
  assert_close(s->recovery, 3600.0);
  assert_string_equal(s->name, "");
  struct {
    kn_action_kind kind;
    double speed, stroke, rate;
    const char *contact;
  } want[] = {
      {KN_ACT_EFFLEURAGE, 0.05, 0.20, 0.0, "palm"},
      {KN_ACT_PETRISSAGE, 0.02, 0.05, 0.8, "palm"},
      {KN_ACT_FRICTION, 0.01, 0.02, 1.5, "thumb"},
      {KN_ACT_COMPRESSION, 0.0, 0.0, 0.0, "thumb"},
      {KN_ACT_TAPOTEMENT, 0.0, 0.0, 6.0, "fingertips"},
      {KN_ACT_DEEP_STROKE, 0.015, 0.10, 0.0, "forearm"},
  };
  assert_int_equal(s->naction, 6);
  for (size_t i = 0; i < 6; i++) {
    const kn_action *a = &s->actions[i];
    assert_int_equal(a->kind, want[i].kind);
    assert_close(a->speed, want[i].speed);
    assert_close(a->stroke_length, want[i].stroke);
    assert_close(a->rate, want[i].rate);
    assert_int_equal(a->contact, kn_atlas_find_contact_type(want[i].contact));
    assert_int_equal(a->line, (int)i + 3);
    assert_int_equal(a->col, 7); /* the "{" of the flow mapping */
  }
  kn_session_free(s);
}

/* `parameters:` sets model parameters by name, each a bare number in its documented unit, stored
 * in SI units with where it was given; none given leaves the defaults. */
static void test_session_parameters(void **state) {
  (void)state;
  const char *t = "session:\n"
                  "  parameters:\n"
                  "    nerve_perfusion_p50: 45\n"
                  "    nm_tap_gain: 1.0e-5\n"
                  "  actions:\n"
                  "    - {do: effleurage, region: calf, force: 20 N, duration: 1 min}\n";
  kn_session *s = session_ok(t, "p.yaml");
  assert_int_equal(s->nparam, 2);
  assert_int_equal(s->params[0].index, kn_param_find("nerve_perfusion_p50"));
  assert_near(s->params[0].value, 45.0 * 133.322387415); /* mmHg to Pa */
  assert_int_equal(s->params[0].line, 3);
  assert_int_equal(s->params[0].col, 26);
  assert_int_equal(s->params[1].index, kn_param_find("nm_tap_gain"));
  assert_near(s->params[1].value, 1.0e-5);
  kn_session_free(s);
  s = session_ok("session:\n  actions:\n    - {do: rest, duration: 1 s}\n", "q.yaml");
  assert_int_equal(s->nparam, 0);
  kn_session_free(s);
  assert_int_equal(kn_param_find("no_such_parameter"), -1);
}

static void test_session_all_fields(void **state) {
  (void)state;
  const char *t = "session:\n"
                  "  name: \"Deep tissue, neck\"\n"
                  "  practitioner: untrained_partner\n"
                  "  seed: 18446744073709551615\n"
                  "  time_step: 0.5 ms\n"
                  "  record_interval: 50 ms\n"
                  "  recovery: 2 h\n"
                  "  actions:\n"
                  "    - do: deep_stroke\n"
                  "      landmark: posterior_triangle\n"
                  "      contact: knuckles\n"
                  "      area: 5 cm^2\n"
                  "      pressure: 300 mmHg\n"
                  "      speed: 2 cm/s\n"
                  "      stroke_length: 12 cm\n"
                  "      direction: across\n"
                  "      rate: 0.5 Hz\n"
                  "      duration: 90 s\n"
                  "      repetitions: 3\n"
                  "      rest_between: 10 s\n"
                  "      start: 5 min\n"
                  "      label: \"warm-up\"\n"
                  "    - do: friction\n"
                  "      region: neck_lateral\n"
                  "      landmark: posterior_triangle\n"
                  "      force: 8 N\n"
                  "      direction: 30 deg\n"
                  "      duration: 1 min\n"
                  "    - do: posture\n"
                  "      posture: side_lying\n"
                  "      duration: 20 s\n"
                  "      start: 1 h\n";
  kn_session *s = session_ok(t, "all.yaml");
  assert_string_equal(s->name, "Deep tissue, neck");
  assert_int_equal(s->practitioner, KN_PRACTITIONER_UNTRAINED_PARTNER);
  assert_true(s->seed == UINT64_MAX);
  assert_close(s->dt, 0.0005);
  assert_close(s->record_interval, 0.05);
  assert_close(s->recovery, 7200.0);
  assert_int_equal(s->naction, 3);

  const kn_action *a = &s->actions[0];
  int lm = kn_atlas_find_landmark("posterior_triangle");
  assert_int_equal(a->landmark, lm);
  assert_int_equal(a->region, kn_atlas_landmark((size_t)lm)->region);
  assert_int_equal(a->region, kn_atlas_find_region("neck_lateral"));
  assert_int_equal(a->contact, kn_atlas_find_contact_type("knuckles"));
  assert_close(a->area, 5e-4);
  /* 300 mmHg x 5 cm^2 = 300 x 133.322387415 Pa x 5e-4 m^2 = 19.99835811225 N */
  assert_close(a->force, 19.99835811225);
  assert_close(a->speed, 0.02);
  assert_close(a->stroke_length, 0.12);
  assert_close(a->direction, PI / 2);
  assert_close(a->rate, 0.5);
  assert_close(a->duration, 90.0);
  assert_int_equal(a->repetitions, 3);
  assert_close(a->rest_between, 10.0);
  assert_close(a->start, 300.0);
  assert_string_equal(a->label, "warm-up");

  a = &s->actions[1];
  assert_int_equal(a->region, kn_atlas_find_region("neck_lateral"));
  assert_int_equal(a->landmark, lm);
  assert_close(a->direction, PI / 6);
  assert_close(a->force, 8.0);

  a = &s->actions[2];
  assert_int_equal(a->posture, KN_POSTURE_SIDE_LYING);
  assert_close(a->duration, 20.0);
  assert_close(a->start, 3600.0);
  kn_session_free(s);
}

static void test_session_json(void **state) {
  (void)state;
  const char *t =
      "{\n"
      "  \"session\": {\n"
      "    \"practitioner\": \"professional\",\n"
      "    \"seed\": 11,\n"
      "    \"actions\": [\n"
      "      {\"do\": \"compression\", \"muscle\": \"infraspinatus\", \"force\": \"25 N\",\n"
      "       \"duration\": \"45 s\", \"repetitions\": 2, \"rest_between\": \"15 s\"},\n"
      "      {\"do\": \"rest\", \"duration\": \"1 min\"}\n"
      "    ]\n"
      "  }\n"
      "}\n";
  kn_session *s = session_ok(t, "plan.json");
  assert_true(s->seed == 11);
  assert_int_equal(s->naction, 2);
  assert_int_equal(s->actions[0].muscle, kn_atlas_find_muscle("infraspinatus"));
  assert_int_equal(s->actions[0].region, kn_atlas_find_region("scapula"));
  assert_close(s->actions[0].force, 25.0);
  assert_close(s->actions[0].duration, 45.0);
  assert_int_equal(s->actions[0].repetitions, 2);
  assert_close(s->actions[0].rest_between, 15.0);
  assert_int_equal(s->actions[0].line, 6);
  assert_int_equal(s->actions[0].col, 7);
  assert_int_equal(s->actions[1].kind, KN_ACT_REST);
  kn_session_free(s);

  /* the same text also reads as YAML (JSON is nearly a subset of YAML 1.2) */
  s = session_ok(t, "plan.yaml");
  assert_int_equal(s->naction, 2);
  kn_session_free(s);
}

/* Every new action kind with every field, the defaults they get, and the JSON spelling. */
static void test_session_body_actions(void **state) {
  (void)state;
  const char *t = "session:\n"
                  "  actions:\n"
                  "    - do: posture\n"
                  "      posture: prone\n"
                  "      joints:\n"
                  "        ankle: 30 deg\n"
                  "        knee: -5 deg\n"
                  "        lumbar: 0.5 rad\n"
                  "    - do: stretch\n"
                  "      muscle: gastrocnemius\n"
                  "      angle: 20 deg\n"
                  "      duration: 30 s\n"
                  "      repetitions: 3\n"
                  "      rest_between: 10 s\n"
                  "      label: stretch\n"
                  "    - do: voluntary_contraction\n"
                  "      muscle: soleus\n"
                  "      level: 50 %\n"
                  "      duration: 5 s\n"
                  "    - do: electrical_stimulation\n"
                  "      muscle: gastrocnemius\n"
                  "      frequency: 4 Hz\n"
                  "      frequency_step: 2 Hz\n"
                  "      fraction: 60 %\n"
                  "      duration: 2 s\n"
                  "      repetitions: 15\n"
                  "      rest_between: 1 min\n"
                  "    - do: heat\n"
                  "      region: calf\n"
                  "      method: moist_wrap\n"
                  "      temperature: 42 degC\n"
                  "      duration: 20 min\n"
                  "      start: 30 min\n"
                  "    - do: drink\n"
                  "      fluid: electrolyte\n"
                  "      volume: 500 mL\n"
                  "      duration: 2 min\n"
                  "    - do: voluntary_contraction\n"
                  "      muscle: hamstrings\n"
                  "      level: 0.3\n"
                  "      duration: 5 s\n"
                  "    - do: electrical_stimulation\n"
                  "      muscle: soleus\n"
                  "      frequency: 20 Hz\n"
                  "      duration: 2 s\n"
                  "    - do: heat\n"
                  "      muscle: gastrocnemius\n"
                  "      method: hot_water\n"
                  "      duration: 10 min\n"
                  "    - do: drink\n"
                  "      fluid: water\n"
                  "      volume: 0.25 L\n";
  kn_session *s = session_ok(t, "body.yaml");
  assert_int_equal(s->naction, 10);
  int gastro = kn_atlas_find_muscle("gastrocnemius"), soleus = kn_atlas_find_muscle("soleus");
  int calf = kn_atlas_find_region("calf");
  assert_true(gastro >= 0 && soleus >= 0 && calf >= 0);

  const kn_action *a = &s->actions[0];
  assert_int_equal(a->kind, KN_ACT_POSTURE);
  assert_int_equal(a->posture, KN_POSTURE_PRONE);
  assert_near(a->joint[KN_JOINT_ANKLE], 0.523599);  /* 30 deg */
  assert_near(a->joint[KN_JOINT_KNEE], -0.0872665); /* -5 deg */
  assert_close(a->joint[KN_JOINT_LUMBAR], 0.5);
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    if (j != KN_JOINT_ANKLE && j != KN_JOINT_KNEE && j != KN_JOINT_LUMBAR)
      assert_true(isnan(a->joint[j]));
  assert_close(a->duration, 0.0);

  a = &s->actions[1];
  assert_int_equal(a->kind, KN_ACT_STRETCH);
  assert_int_equal(a->muscle, gastro);
  assert_int_equal(a->region, calf);
  assert_int_equal(a->landmark, -1);
  assert_int_equal(a->contact, -1);
  assert_near(a->angle, 0.349066); /* 20 deg */
  assert_close(a->duration, 30.0);
  assert_int_equal(a->repetitions, 3);
  assert_close(a->rest_between, 10.0);
  assert_string_equal(a->label, "stretch");
  assert_close(a->force, 0.0);
  assert_true(isnan(a->joint[KN_JOINT_ANKLE])); /* joints belong to postures */

  a = &s->actions[2];
  assert_int_equal(a->kind, KN_ACT_VOLUNTARY);
  assert_int_equal(a->muscle, soleus);
  assert_int_equal(a->region, kn_atlas_muscle((size_t)soleus)->region);
  assert_close(a->level, 0.5);
  assert_close(a->duration, 5.0);
  assert_int_equal(a->repetitions, 1);

  a = &s->actions[3];
  assert_int_equal(a->kind, KN_ACT_STIMULATION);
  assert_int_equal(a->muscle, gastro);
  assert_int_equal(a->region, calf);
  assert_close(a->frequency, 4.0);
  assert_close(a->frequency_step, 2.0);
  assert_close(a->fraction, 0.6);
  assert_close(a->duration, 2.0);
  assert_int_equal(a->repetitions, 15);
  assert_close(a->rest_between, 60.0);

  a = &s->actions[4];
  assert_int_equal(a->kind, KN_ACT_HEAT);
  assert_int_equal(a->region, calf);
  assert_int_equal(a->muscle, -1);
  assert_int_equal(a->heat, KN_HEAT_MOIST_WRAP);
  assert_near(a->temperature, 315.15); /* 42 degC */
  assert_close(a->duration, 1200.0);
  assert_close(a->start, 1800.0);

  a = &s->actions[5];
  assert_int_equal(a->kind, KN_ACT_DRINK);
  assert_int_equal(a->fluid, KN_FLUID_ELECTROLYTE);
  assert_near(a->volume, 5e-4); /* 500 mL */
  assert_close(a->duration, 120.0);
  assert_int_equal(a->region, -1);

  /* bare fraction; defaults: step 0, fraction 0.5, 40 degC, drink takes no time */
  assert_close(s->actions[6].level, 0.3);
  a = &s->actions[7];
  assert_close(a->frequency, 20.0);
  assert_close(a->frequency_step, 0.0);
  assert_close(a->fraction, 0.5);
  a = &s->actions[8];
  assert_int_equal(a->muscle, gastro);
  assert_int_equal(a->region, calf); /* the muscle's region */
  assert_int_equal(a->heat, KN_HEAT_HOT_WATER);
  assert_near(a->temperature, 313.15); /* 40 degC */
  a = &s->actions[9];
  assert_int_equal(a->fluid, KN_FLUID_WATER);
  assert_near(a->volume, 2.5e-4);
  assert_close(a->duration, 0.0);
  assert_true(a->start < 0);
  kn_session_free(s);

  /* other units: kelvin and Fahrenheit for heat, millilitres as ml, a null joints mapping */
  t = "session:\n  actions:\n"
      "    - {do: heat, region: calf, method: hot_pack, temperature: 313.15 K, duration: 1 min}\n"
      "    - {do: heat, region: calf, method: dry_wrap, temperature: 104 degF, duration: 1 min}\n"
      "    - {do: drink, fluid: water, volume: 2000 ml}\n"
      "    - {do: posture, posture: seated, joints: }\n"
      "    - {do: stretch, muscle: hamstrings, angle: 90 deg, duration: 1 min}\n";
  s = session_ok(t, "units.yaml");
  assert_int_equal(s->actions[0].heat, KN_HEAT_HOT_PACK);
  assert_near(s->actions[0].temperature, 313.15);
  assert_int_equal(s->actions[1].heat, KN_HEAT_DRY_WRAP);
  assert_near(s->actions[1].temperature, 313.15); /* 104 degF = 40 degC */
  assert_near(s->actions[2].volume, 2e-3);
  assert_true(isnan(s->actions[3].joint[KN_JOINT_HIP]));
  assert_near(s->actions[4].angle, 1.570796);
  kn_session_free(s);

  /* JSON */
  const char *j =
      "{\"session\": {\"actions\": [\n"
      "  {\"do\": \"posture\", \"posture\": \"prone\", \"joints\": {\"ankle\": \"40 deg\"}},\n"
      "  {\"do\": \"voluntary_contraction\", \"muscle\": \"gastrocnemius\", \"level\": 1,\n"
      "   \"duration\": \"5 s\"},\n"
      "  {\"do\": \"stretch\", \"muscle\": \"gastrocnemius\", \"angle\": \"25 deg\",\n"
      "   \"duration\": \"30 s\"},\n"
      "  {\"do\": \"electrical_stimulation\", \"muscle\": \"soleus\", \"frequency\": \"15 Hz\",\n"
      "   \"fraction\": 0.6, \"duration\": \"2 s\"},\n"
      "  {\"do\": \"heat\", \"muscle\": \"gastrocnemius\", \"method\": \"hot_water\",\n"
      "   \"temperature\": \"40 degC\", \"duration\": \"2 min\"},\n"
      "  {\"do\": \"drink\", \"fluid\": \"water\", \"volume\": \"500 mL\"}\n"
      "]}}\n";
  s = session_ok(j, "body.json");
  assert_int_equal(s->naction, 6);
  assert_near(s->actions[0].joint[KN_JOINT_ANKLE], 0.698132); /* 40 deg */
  assert_close(s->actions[1].level, 1.0);
  assert_int_equal(s->actions[1].muscle, gastro);
  assert_near(s->actions[2].angle, 0.436332); /* 25 deg */
  assert_close(s->actions[3].frequency, 15.0);
  assert_close(s->actions[3].fraction, 0.6);
  assert_near(s->actions[4].temperature, 313.15);
  assert_int_equal(s->actions[4].region, calf);
  assert_near(s->actions[5].volume, 5e-4);
  kn_session_free(s);

  /* the article examples that use them load */
  const char *examples[] = {"a1_untrained_abrupt_calf.yaml", "a1_professional_smooth_calf.yaml",
                            "a19_cramp_relief.yaml"};
  for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
    char path[512];
    kn_diag d;
    snprintf(path, sizeof path, "%s/examples/article/%s", KN_SOURCE_DIR, examples[i]);
    s = NULL;
    if (kn_session_load(path, &s, &d) != KN_OK) {
      char buf[1024];
      kn_diag_format(&d, buf, sizeof buf);
      fail_msg("%s", buf);
    }
    kn_session_free(s);
  }
}

/* ---- error messages -------------------------------------------------------------------------- */

/* Exact messages of cases in tests/bad_input/, loaded by full path: code, position, field, text. */
typedef struct bad_case {
  const char *file;
  int code;
  int line, col;
  const char *field;
  const char *message;
} bad_case;

static const bad_case bad_cases[] = {
    {"12_session_unknown_key.yaml", KN_EUNKNOWN_KEY, 7, 7, "session.actions[0].spede",
     "unknown key \"spede\"; did you mean \"speed\"?"},
    {"13_session_unknown_key_no_match.yaml", KN_EUNKNOWN_KEY, 5, 7, "session.actions[0].xyz",
     "unknown key \"xyz\"; allowed: do, region, landmark, muscle, contact, force, pressure, area, "
     "speed, stroke_length, direction, rate, duration, repetitions, rest_between, start, label, "
     "posture, joints, angle, level, frequency, frequency_step, fraction, method, temperature, "
     "fluid, volume, velocity, contraction, nerve, length, target"},
    {"28_session_force_wrong_dimension.yaml", KN_EUNIT, 5, 14, "session.actions[0].force",
     "expected a force (N), got \"3 cm/s\""},
    {"29_session_force_missing_unit.yaml", KN_EUNIT, 5, 14, "session.actions[0].force",
     "missing unit: write e.g. \"40 N\""},
    {"30_session_force_out_of_range.yaml", KN_ERANGE, 5, 14, "session.actions[0].force",
     "40000 N is out of range [0, 400] N"},
    {"17_session_region_typo.yaml", KN_ENOTFOUND, 4, 15, "session.actions[0].region",
     "unknown region \"sholder_top\"; did you mean \"shoulder_top\"?"},
    {"20_session_muscle_unknown.yaml", KN_ENOTFOUND, 4, 15, "session.actions[0].muscle",
     "unknown muscle \"trapezius\"; did you mean \"upper_trapezius\"?"},
    {"35_session_missing_duration.yaml", KN_EMISSING, 3, 7, "session.actions[0]",
     "missing required field \"duration\""},
    {"07_session_missing_actions.yaml", KN_EMISSING, 2, 3, "session",
     "missing required field \"actions\""},
    {"08_session_actions_not_sequence.yaml", KN_EPARSE, 3, 5, "session.actions",
     "expected a sequence"},
    {"10_session_action_not_mapping.yaml", KN_EPARSE, 5, 7, "session.actions[1]",
     "expected a mapping"},
    {"49_session_value_is_mapping.yaml", KN_EPARSE, 5, 14, "session.actions[0].force",
     "expected a scalar"},
    {"38_session_repetitions_not_integer.yaml", KN_EPARSE, 7, 20, "session.actions[0].repetitions",
     "expected an integer"},
    {"43_session_practitioner_unknown.yaml", KN_EPARSE, 2, 17, "session.practitioner",
     "expected one of: professional, untrained_partner, rough_partner"},
    {"26_session_force_and_pressure.yaml", KN_EPARSE, 6, 7, "session.actions[0].pressure",
     "give either force or pressure, not both"},
    {"40_session_rest_with_force.yaml", KN_EPARSE, 5, 7, "session.actions[0].force",
     "field \"force\" is not allowed for \"rest\""},
    {"14_session_duplicate_key.yaml", KN_EPARSE, 7, 7, "session.actions[0].force",
     "duplicate key \"force\" (first given on line 5)"},
    {"21_session_region_landmark_disagree.yaml", KN_EINVAL, 5, 17, "session.actions[0].landmark",
     "landmark \"posterior_triangle\" is on region \"neck_lateral\", not on region "
     "\"shoulder_top\""},
    {"37_session_duration_in_hertz.yaml", KN_EUNIT, 6, 17, "session.actions[0].duration",
     "expected a time (s), got \"2 Hz\""},
    {"56_session_actions_second_bad.yaml", KN_ERANGE, 12, 13, "session.actions[2].rate",
     "50 Hz is out of range [0, 20] Hz"},
    {"02_session_tab_indent.yaml", KN_EPARSE, 4, 2, "yaml", "invalid tab used as indentation"},
    {"03_session_empty.yaml", KN_EPARSE, 0, 0, "",
     "empty file: expected a mapping with the key \"session\""},
    {"05_session_misspelt_top_key.yaml", KN_EUNKNOWN_KEY, 1, 1, "sesion",
     "unknown key \"sesion\"; did you mean \"session\"?"},
    {"57_subject_unknown_key.yaml", KN_EUNKNOWN_KEY, 3, 3, "subject.heigth",
     "unknown key \"heigth\"; did you mean \"height\"?"},
    {"59_subject_age_too_young.yaml", KN_ERANGE, 2, 8, "subject.age",
     "15 years is out of range [18, 110] years"},
    {"61_subject_height_missing_unit.yaml", KN_EUNIT, 2, 11, "subject.height",
     "missing unit: write e.g. \"168 cm\""},
    {"63_subject_body_fat_out_of_range.yaml", KN_ERANGE, 3, 13, "subject.body_fat",
     "70 % is out of range [3, 60] %"},
    {"58_subject_sex_unknown.yaml", KN_EPARSE, 2, 8, "subject.sex",
     "expected one of: female, male, unspecified"},
    {"73_session_stretch_missing_muscle.yaml", KN_EMISSING, 3, 7, "session.actions[0]",
     "missing required field \"muscle\""},
    {"74_session_stretch_with_force.yaml", KN_EPARSE, 5, 7, "session.actions[0].force",
     "field \"force\" is not allowed for \"stretch\""},
    {"75_session_angle_missing_unit.yaml", KN_EUNIT, 5, 14, "session.actions[0].angle",
     "missing unit: write e.g. \"20 deg\""},
    {"76_session_angle_out_of_range.yaml", KN_ERANGE, 5, 14, "session.actions[0].angle",
     "120 deg is out of range (0, 90] deg"},
    {"78_session_frequency_in_seconds.yaml", KN_EUNIT, 5, 18, "session.actions[0].frequency",
     "expected a frequency (Hz), got \"3 s\""},
    {"80_session_heat_method_typo.yaml", KN_EPARSE, 5, 15, "session.actions[0].method",
     "expected one of: hot_water, moist_wrap, dry_wrap, hot_pack; did you mean \"hot_pack\"?"},
    {"81_session_temperature_out_of_range.yaml", KN_ERANGE, 6, 20, "session.actions[0].temperature",
     "80 degC is out of range [30, 50] degC"},
    {"83_session_volume_out_of_range.yaml", KN_ERANGE, 5, 15, "session.actions[0].volume",
     "5000 mL is out of range [50, 2000] mL"},
    {"84_session_joint_unknown.yaml", KN_EUNKNOWN_KEY, 6, 9, "session.actions[0].joints.anckle",
     "unknown key \"anckle\"; did you mean \"ankle\"?"},
    {"86_subject_exertion_unknown.yaml", KN_EPARSE, 2, 13, "subject.exertion",
     "expected one of: none, light, moderate, hard, exhausting, or a number from 0 to 1"},
    {"87_subject_atherosclerosis_not_boolean.yaml", KN_EPARSE, 3, 20, "subject.atherosclerosis",
     "expected true or false"},
    {"88_subject_serum_potassium_out_of_range.yaml", KN_ERANGE, 2, 20, "subject.serum_potassium",
     "12 mmol/L is out of range [2, 7] mmol/L"},
    {"92_session_json_voluntary_missing_level.json", KN_EMISSING, 4, 7, "session.actions[0]",
     "missing required field \"level\""},
};

static void test_bad_case_messages(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
    const bad_case *c = &bad_cases[i];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", BAD_DIR, c->file);
    kn_diag d;
    int rc;
    if (strstr(c->file, "_subject_")) {
      kn_subject s;
      rc = kn_subject_load(path, &s, &d);
    } else {
      kn_session *s = (kn_session *)0x1;
      rc = kn_session_load(path, &s, &d);
      assert_null(s);
    }
    if (rc != c->code || d.code != c->code || d.line != c->line || d.col != c->col ||
        strcmp(d.field, c->field) != 0 || strcmp(d.message, c->message) != 0 ||
        strcmp(d.file, path) != 0) {
      char buf[1024];
      kn_diag_format(&d, buf, sizeof buf);
      fail_msg("%s: got %s %s", c->file, kn_errname(rc), buf);
    }
  }
}

/* Every case in tests/bad_input/ gives exactly the first line of its .expect file, loaded (and a
 * session that loads built into a model, as simulate does) by its
 * relative name from inside that folder (as the command-line test does). */
static void test_bad_input_folder(void **state) {
  (void)state;
  char cwd[4096];
  assert_non_null(getcwd(cwd, sizeof cwd));
  assert_int_equal(chdir(BAD_DIR), 0);
  DIR *dir = opendir(".");
  assert_non_null(dir);
  int ncase = 0;
  struct dirent *e;
  char failures[4096] = "";
  while ((e = readdir(dir)) != NULL) {
    const char *n = e->d_name;
    size_t len = strlen(n);
    if (len < 4 || n[0] < '0' || n[0] > '9') continue;
    const char *dot = strrchr(n, '.');
    if (dot == NULL || (strcmp(dot, ".yaml") != 0 && strcmp(dot, ".json") != 0)) continue;
    char expect_path[512], want[1024] = "", got[1024];
    snprintf(expect_path, sizeof expect_path, "%.*s.expect", (int)(dot - n), n);
    FILE *fp = fopen(expect_path, "r");
    if (fp == NULL || fgets(want, sizeof want, fp) == NULL) want[0] = '\0';
    if (fp) fclose(fp);
    want[strcspn(want, "\n")] = '\0';

    kn_diag d;
    int rc;
    const char *kind = strchr(n, '_'); /* after the case number, of any length */
    if (kind && strncmp(kind, "_subject_", 9) == 0) {
      kn_subject s;
      rc = kn_subject_load(n, &s, &d);
    } else if (kind && strncmp(kind, "_population_", 12) == 0) {
      kn_population *p = NULL;
      rc = kn_population_load(n, &p, &d);
      kn_population_free(p);
    } else {
      kn_session *s = NULL;
      rc = kn_session_load(n, &s, &d);
      if (rc == KN_OK) { /* refused when the model is built (the session span): as simulate */
        kn_model *m = NULL;
        rc = kn_model_create(NULL, s, &m, &d);
        if (!d.file[0]) snprintf(d.file, sizeof d.file, "%s", n);
        kn_model_free(m);
      }
      kn_session_free(s);
    }
    kn_diag_format(&d, got, sizeof got);
    if (rc == KN_OK || strcmp(got, want) != 0 || strchr(got, '\n') != NULL) {
      size_t used = strlen(failures);
      snprintf(failures + used, sizeof failures - used, "\n  %s:\n    got  %s\n    want %s", n,
               rc == KN_OK ? "(loaded without error)" : got, want);
    }
    ncase++;
  }
  closedir(dir);
  assert_int_equal(chdir(cwd), 0);
  if (failures[0]) fail_msg("bad-input cases that differ:%s", failures);
  assert_true(ncase >= 95);
}

static void test_file_errors(void **state) {
  (void)state;
  kn_diag d;
  kn_session *s = (kn_session *)0x1;
  assert_int_equal(kn_session_load("/nonexistent/knead/session.yaml", &s, &d), KN_EIO);
  assert_null(s);
  assert_string_equal(d.file, "/nonexistent/knead/session.yaml");
  assert_string_equal(d.message, "cannot open file: No such file or directory");
  assert_int_equal(d.line, 0);
  char buf[512];
  kn_diag_format(&d, buf, sizeof buf);
  assert_string_equal(
      buf, "/nonexistent/knead/session.yaml: cannot open file: No such file or directory");

  kn_subject subj;
  assert_int_equal(kn_subject_load(BAD_DIR, &subj, &d), KN_EIO);
  assert_string_equal(d.message, "cannot read file: Is a directory");

  /* NULL diag is allowed; bad arguments are KN_EINVAL */
  assert_int_equal(kn_subject_load("/nonexistent/knead/s.yaml", &subj, NULL), KN_EIO);
  assert_int_equal(kn_subject_load(NULL, &subj, &d), KN_EINVAL);
  assert_int_equal(kn_subject_load(BAD_DIR "/good_subject.yaml", NULL, &d), KN_EINVAL);
  assert_int_equal(kn_session_load(NULL, &s, &d), KN_EINVAL);
  assert_null(s);
  assert_int_equal(kn_session_load(BAD_DIR "/good_session.yaml", NULL, &d), KN_EINVAL);
  assert_int_equal(kn_session_parse(NULL, 3, "x", &s, &d), KN_EINVAL);
  assert_int_equal(kn_subject_parse(NULL, 3, "x", &subj, &d), KN_EINVAL);
}

static void test_limits(void **state) {
  (void)state;
  char msg[1024];
  /* 10001 actions: too many */
  const char *head = "session:\n  actions:\n";
  const char *item = "    - {do: rest, duration: 1 s}\n";
  size_t n = 10001, len = strlen(head) + n * strlen(item);
  char *t = malloc(len + 1);
  assert_non_null(t);
  strcpy(t, head);
  char *p = t + strlen(head);
  for (size_t i = 0; i < n; i++, p += strlen(item))
    memcpy(p, item, strlen(item));
  *p = '\0';
  session_fails(t, "many.yaml", KN_ETOOBIG, msg, sizeof msg);
  assert_string_equal(msg,
                      "many.yaml:3:5: session.actions: too many actions: 10001 (at most 10000)");
  /* 10000 is fine */
  t[len - strlen(item)] = '\0';
  kn_session *s = session_ok(t, "ok.yaml");
  assert_int_equal(s->naction, 10000);
  kn_session_free(s);
  free(t);

  /* more than 4 MiB of text: refused before parsing */
  size_t big = 4 * 1024 * 1024 + 1;
  t = malloc(big + 1);
  assert_non_null(t);
  memset(t, '#', big);
  t[big] = '\0';
  session_fails(t, "big.yaml", KN_ETOOBIG, msg, sizeof msg);
  assert_string_equal(msg, "big.yaml: input is larger than 4 MiB");
  free(t);

  /* a file of more than 4 MiB */
  char path[] = "/tmp/knead_test_input_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *fp = fdopen(fd, "w");
  assert_non_null(fp);
  for (size_t i = 0; i < 5 * 1024; i++) {
    char line[1024];
    memset(line, '#', sizeof line - 1);
    line[sizeof line - 2] = '\n';
    line[sizeof line - 1] = '\0';
    fputs(line, fp);
  }
  fclose(fp);
  kn_diag d;
  s = (kn_session *)0x1;
  assert_int_equal(kn_session_load(path, &s, &d), KN_ETOOBIG);
  assert_null(s);
  assert_string_equal(d.message, "file is larger than 4 MiB");
  /* exactly 4 MiB is still read (here: all comments, so an empty document) */
  assert_int_equal(truncate(path, 4 * 1024 * 1024), 0);
  assert_int_equal(kn_session_load(path, &s, &d), KN_EPARSE);
  assert_string_equal(d.message, "empty file: expected a mapping with the key \"session\"");
  remove(path);

  /* deep nesting and many nodes are refused, not followed */
  size_t depth = 200;
  t = malloc(2 * depth + 32);
  assert_non_null(t);
  strcpy(t, "session: ");
  p = t + strlen(t);
  for (size_t i = 0; i < depth; i++)
    *p++ = '[';
  for (size_t i = 0; i < depth; i++)
    *p++ = ']';
  *p = '\0';
  s = (kn_session *)0x1;
  int rc = kn_session_parse(t, strlen(t), "deep.yaml", &s, &d);
  assert_true(rc == KN_ETOOBIG || rc == KN_EPARSE);
  assert_null(s);
  free(t);

  size_t nitem = 700000;
  t = malloc(3 * nitem + 32);
  assert_non_null(t);
  strcpy(t, "session: [");
  p = t + strlen(t);
  for (size_t i = 0; i < nitem; i++)
    *p++ = '1', *p++ = ',';
  strcpy(p - 1, "]");
  session_fails(t, "nodes.yaml", KN_ETOOBIG, msg, sizeof msg);
  assert_non_null(strstr(msg, "yaml: too many YAML nodes"));
  free(t);
}

static void test_message_hygiene(void **state) {
  (void)state;
  char msg[1024];
  /* a key with a newline and quotes: escaped, so the message stays one line */
  const char *t = "session:\n  \"a\\nb\\\"c\": 1\n  actions: [{do: rest, duration: 1 s}]\n";
  session_fails(t, "h.yaml", KN_EUNKNOWN_KEY, msg, sizeof msg);
  assert_null(strchr(msg, '\n'));
  assert_non_null(strstr(msg, "unknown key \"a\\nb\\\"c\""));
  /* the column of a quoted scalar is its opening quote */
  t = "session:\n  actions:\n    - {do: rest, duration: \"3 N\"}\n";
  session_fails(t, "q.yaml", KN_EUNIT, msg, sizeof msg);
  assert_string_equal(msg,
                      "q.yaml:3:28: session.actions[0].duration: expected a time (s), got \"3 N\"");
  /* a very long unknown value is cut */
  char longv[600];
  memset(longv, 'x', sizeof longv - 1);
  longv[sizeof longv - 1] = '\0';
  char text[1024];
  snprintf(text, sizeof text, "session:\n  actions:\n    - {do: effleurage, region: %s}\n", longv);
  session_fails(text, "l.yaml", KN_ENOTFOUND, msg, sizeof msg);
  assert_non_null(strstr(msg, "xxx...\"; valid: head_forehead, "));
  assert_true(strlen(msg) < 512 + 128);
  /* aliases and several documents are refused */
  t = "session:\n  actions:\n    - &a {do: rest, duration: 1 s}\n    - *a\n";
  session_fails(t, "a.yaml", KN_EPARSE, msg, sizeof msg);
  assert_string_equal(msg, "a.yaml:4:7: yaml: YAML aliases (*name) are not supported");
  /* an empty or comment-only file */
  session_fails("", "e.yaml", KN_EPARSE, msg, sizeof msg);
  assert_string_equal(msg, "e.yaml: empty file: expected a mapping with the key \"session\"");
  session_fails("# nothing\n\n", "c.yaml", KN_EPARSE, msg, sizeof msg);
  assert_string_equal(msg, "c.yaml: empty file: expected a mapping with the key \"session\"");
  /* a null value where a quantity belongs */
  t = "session:\n  actions:\n    - do: rest\n      duration:\n";
  session_fails(t, "n.yaml", KN_EPARSE, msg, sizeof msg);
  assert_string_equal(
      msg, "n.yaml:4:7: session.actions[0].duration: missing value: write e.g. \"2 min\"");
}

static void test_more_session_errors(void **state) {
  (void)state;
  char msg[1024];
  struct {
    const char *text, *want;
    int code;
  } cases[] = {
      {"session:\n  actions:\n    - {do: compression, region: calf, contact: elbow, "
       "pressure: -1 kPa, duration: 1 s}\n",
       "x.yaml:3:65: session.actions[0].pressure: -1 kPa is out of range [0, 1333.33] kPa (400 N "
       "on "
       "3 cm^2)",
       KN_ERANGE},
      {"session:\n  actions:\n    - {do: effleurage, region: calf, force: 10 N, direction: 400 "
       "deg, "
       "duration: 1 s}\n",
       "x.yaml:3:62: session.actions[0].direction: 400 deg is out of range [-360, 360] deg",
       KN_ERANGE},
      {"session:\n  actions:\n    - {do: effleurage, region: calf, force: 10 N, direction: 30, "
       "duration: 1 s}\n",
       "x.yaml:3:62: session.actions[0].direction: missing unit: write e.g. \"30 deg\"", KN_EUNIT},
      {"session:\n  recovery: 3 d\n  actions: [{do: rest, duration: 1 s}]\n",
       "x.yaml:2:13: session.recovery: 72 h is out of range [0, 48] h", KN_ERANGE},
      {"session:\n  seed: 99999999999999999999\n  actions: [{do: rest, duration: 1 s}]\n",
       "x.yaml:2:9: session.seed: 99999999999999999999 is out of range [0, 18446744073709551615]",
       KN_ERANGE},
      {"session:\n  seed: 1.5\n  actions: [{do: rest, duration: 1 s}]\n",
       "x.yaml:2:9: session.seed: expected an integer", KN_EPARSE},
      {"session:\n  actions: [{do: posture, posture: prone, repetitions: 2}]\n",
       "x.yaml:2:43: session.actions[0].repetitions: field \"repetitions\" is not allowed for "
       "\"posture\"",
       KN_EPARSE},
      {"session:\n  actions: [{do: rest, posture: prone, duration: 1 s}]\n",
       "x.yaml:2:24: session.actions[0].posture: field \"posture\" is not allowed for \"rest\"",
       KN_EPARSE},
      {"session:\n  actions: [{do: rest, duration: 5 h}]\n",
       "x.yaml:2:34: session.actions[0].duration: 300 min is out of range (0, 240] min", KN_ERANGE},
      {"session:\n  actions: [{do: rest, duration: 1 s, start: -1 s}]\n",
       "x.yaml:2:46: session.actions[0].start: -0.0166667 min is out of range [0, 2880] min",
       KN_ERANGE},
      {"session:\n  actions: [{do: rest, duration: 1 s}]\n  name: [a]\n",
       "x.yaml:3:9: session.name: expected a scalar", KN_EPARSE},
      {"session:\n  actions: [{do: rest, duration: 1 s}]\n  ? [a]\n  : b\n",
       "x.yaml:3:5: session: expected a scalar", KN_EPARSE},
      {"session: 5\n", "x.yaml:1:10: session: expected a mapping", KN_EPARSE},
      {"session:\n  actions:\n", "x.yaml:2:3: session.actions: expected a sequence", KN_EPARSE},
      {"session:\n  actions: [{do: effleurage, muscle: deltoid, region: calf, force: 5 N, "
       "duration: 1 s}]\n",
       "x.yaml:2:38: session.actions[0].muscle: muscle \"deltoid\" is in region "
       "\"shoulder_deltoid\", not in region \"calf\"",
       KN_EINVAL},
      /* the new action kinds */
      {"session:\n  actions: [{do: stretch, region: calf, muscle: soleus, angle: 5 deg, "
       "duration: 1 s}]\n",
       "x.yaml:2:27: session.actions[0].region: field \"region\" is not allowed for \"stretch\"",
       KN_EPARSE},
      {"session:\n  actions: [{do: stretch, muscle: calf, angle: 5 deg, duration: 1 s}]\n",
       "x.yaml:2:35: session.actions[0].muscle: unknown muscle \"calf\"; valid: upper_trapezius, "
       "levator_scapulae, sternocleidomastoid, deltoid, infraspinatus, rhomboids, erector_spinae, "
       "gluteus_maximus, biceps_brachii, triceps_brachii, forearm_flexors, forearm_extensors, "
       "quadriceps, hamstrings, gastrocnemius, soleus, tibialis_anterior, pectoralis_major",
       KN_ENOTFOUND},
      {"session:\n  actions: [{do: voluntary_contraction, muscle: soleus, level: 0 %, "
       "duration: 1 s}]\n",
       "x.yaml:2:64: session.actions[0].level: 0 % is out of range (0, 100] %", KN_ERANGE},
      {"session:\n  actions: [{do: voluntary_contraction, muscle: soleus, level: 50 %}]\n",
       "x.yaml:2:13: session.actions[0]: missing required field \"duration\"", KN_EMISSING},
      {"session:\n  actions: [{do: electrical_stimulation, muscle: soleus, frequency: 15, "
       "duration: 1 s}]\n",
       "x.yaml:2:69: session.actions[0].frequency: missing unit: write e.g. \"15 Hz\"", KN_EUNIT},
      {"session:\n  actions: [{do: electrical_stimulation, muscle: soleus, frequency: 15 Hz, "
       "frequency_step: 25 Hz, duration: 1 s}]\n",
       "x.yaml:2:92: session.actions[0].frequency_step: 25 Hz is out of range [0, 20] Hz",
       KN_ERANGE},
      {"session:\n  actions: [{do: heat, method: hot_water, duration: 1 min}]\n",
       "x.yaml:2:13: session.actions[0]: missing required field \"region\" (or give \"muscle\")",
       KN_EMISSING},
      {"session:\n  actions: [{do: heat, region: calf, duration: 1 min}]\n",
       "x.yaml:2:13: session.actions[0]: missing required field \"method\"", KN_EMISSING},
      {"session:\n  actions: [{do: heat, region: calf, method: hot_water, temperature: 40, "
       "duration: 1 min}]\n",
       "x.yaml:2:70: session.actions[0].temperature: missing unit: write e.g. \"40 degC\"",
       KN_EUNIT},
      {"session:\n  actions: [{do: heat, region: calf, method: sauna, force: 3 N}]\n",
       "x.yaml:2:53: session.actions[0].force: field \"force\" is not allowed for \"heat\"",
       KN_EPARSE},
      {"session:\n  actions: [{do: drink, fluid: beer, volume: 1 L}]\n",
       "x.yaml:2:32: session.actions[0].fluid: expected one of: water, electrolyte", KN_EPARSE},
      {"session:\n  actions: [{do: drink, fluid: water}]\n",
       "x.yaml:2:13: session.actions[0]: missing required field \"volume\"", KN_EMISSING},
      {"session:\n  actions: [{do: drink, fluid: water, volume: 10 mL}]\n",
       "x.yaml:2:47: session.actions[0].volume: 10 mL is out of range [50, 2000] mL", KN_ERANGE},
      {"session:\n  actions: [{do: drink, fluid: water, volume: 500 g}]\n",
       "x.yaml:2:47: session.actions[0].volume: expected a volume (mL), got \"500 g\"", KN_EUNIT},
      {"session:\n  actions: [{do: posture, posture: prone, joints: {hip: -100 deg}}]\n",
       "x.yaml:2:57: session.actions[0].joints.hip: -100 deg is out of range [-90, 150] deg",
       KN_ERANGE},
      {"session:\n  actions: [{do: posture, posture: prone, joints: {toe: 1 deg}}]\n",
       "x.yaml:2:52: session.actions[0].joints.toe: unknown key \"toe\"; allowed: ankle, knee, "
       "hip, "
       "elbow, shoulder, wrist, neck, lumbar",
       KN_EUNKNOWN_KEY},
      {"session:\n  actions: [{do: posture, posture: prone, joints: [ankle]}]\n",
       "x.yaml:2:51: session.actions[0].joints: expected a mapping", KN_EPARSE},
      {"session:\n  actions: [{do: stretch, muscle: soleus, angle: 5 deg, duration: 1 s, "
       "joints: {ankle: 1 deg}}]\n",
       "x.yaml:2:72: session.actions[0].joints: field \"joints\" is not allowed for \"stretch\"",
       KN_EPARSE},
      {"session:\n  actions: [{do: effleurage, region: calf, force: 5 N, duration: 1 s, "
       "level: 1}]\n",
       "x.yaml:2:71: session.actions[0].level: field \"level\" is not allowed for \"effleurage\"",
       KN_EPARSE},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    kn_session *s = (kn_session *)0x1;
    kn_diag d;
    int rc = kn_session_parse(cases[i].text, strlen(cases[i].text), "x.yaml", &s, &d);
    kn_diag_format(&d, msg, sizeof msg);
    if (rc != cases[i].code || strcmp(msg, cases[i].want) != 0)
      fail_msg("case %zu: got %s %s\n  want %s %s", i, kn_errname(rc), msg,
               kn_errname(cases[i].code), cases[i].want);
    assert_null(s);
  }
}

static void test_more_subject_errors(void **state) {
  (void)state;
  struct {
    const char *text, *want;
    int code;
  } cases[] = {
      {"subject:\n  exertion: moderat\n",
       "x.yaml:2:13: subject.exertion: expected one of: none, light, moderate, hard, exhausting, "
       "or "
       "a number from 0 to 1; did you mean \"moderate\"?",
       KN_EPARSE},
      {"subject:\n  exertion: 1.5\n", "x.yaml:2:13: subject.exertion: 1.5 is out of range [0, 1]",
       KN_ERANGE},
      {"subject:\n  exertion: [hard]\n", "x.yaml:2:13: subject.exertion: expected a scalar",
       KN_EPARSE},
      {"subject:\n  atherosclerosis: \"true\"\n",
       "x.yaml:2:20: subject.atherosclerosis: expected true or false, without quotes", KN_EPARSE},
      {"subject:\n  chronic_illness: yes\n",
       "x.yaml:2:20: subject.chronic_illness: expected true or false", KN_EPARSE},
      {"subject:\n  chronic_illness: 1\n",
       "x.yaml:2:20: subject.chronic_illness: expected true or false", KN_EPARSE},
      {"subject:\n  cramps_per_month: 3 kg\n",
       "x.yaml:2:21: subject.cramps_per_month: expected a rate (per month), got \"3 kg\"",
       KN_EUNIT},
      {"subject:\n  cramps_per_month: -1\n",
       "x.yaml:2:21: subject.cramps_per_month: -1 per month is out of range [0, 100] per month",
       KN_ERANGE},
      {"subject:\n  hypohydration: -1 %\n",
       "x.yaml:2:18: subject.hypohydration: -1 % is out of range [0, 10] %", KN_ERANGE},
      {"subject:\n  serum_sodium: 200\n",
       "x.yaml:2:17: subject.serum_sodium: 200 mmol/L is out of range [110, 160] mmol/L",
       KN_ERANGE},
      {"subject:\n  serum_magnesium: 2 mmol/L\n",
       "x.yaml:2:20: subject.serum_magnesium: 2 mmol/L is out of range [0.3, 1.5] mmol/L",
       KN_ERANGE},
      {"subject:\n  serum_calcium: 1 mmol/dL\n",
       "x.yaml:2:18: subject.serum_calcium: 10 mmol/L is out of range [1.5, 3.2] mmol/L",
       KN_ERANGE},
      {"subject:\n  inactive_weeks: 600\n",
       "x.yaml:2:19: subject.inactive_weeks: 600 weeks is out of range [0, 520] weeks", KN_ERANGE},
      {"subject:\n  inactive_weeks: 3 kg\n",
       "x.yaml:2:19: subject.inactive_weeks: expected a time (weeks), got \"3 kg\"", KN_EUNIT},
      {"subject:\n  posture_hours: 4 d\n",
       "x.yaml:2:18: subject.posture_hours: 96 h is out of range [0, 72] h", KN_ERANGE},
      {"subject:\n  posture_hours: 3 N\n",
       "x.yaml:2:18: subject.posture_hours: expected a time (s), got \"3 N\"", KN_EUNIT},
      {"subject:\n  serum_kalium: 4 mmol/L\n",
       "x.yaml:2:3: subject.serum_kalium: unknown key \"serum_kalium\"; did you mean "
       "\"serum_calcium\"?",
       KN_EUNKNOWN_KEY},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    kn_subject s;
    memset(&s, 0x7f, sizeof s);
    kn_subject before = s;
    kn_diag d;
    char msg[1024];
    int rc = kn_subject_parse(cases[i].text, strlen(cases[i].text), "x.yaml", &s, &d);
    kn_diag_format(&d, msg, sizeof msg);
    if (rc != cases[i].code || strcmp(msg, cases[i].want) != 0)
      fail_msg("case %zu: got %s %s\n  want %s %s", i, kn_errname(rc), msg,
               kn_errname(cases[i].code), cases[i].want);
    assert_memory_equal(&s, &before, sizeof s); /* nothing written on error */
  }
}

/* ---- documentation --------------------------------------------------------------------------- */

/* The JSON Schema's name lists must be the atlas's, or editors would flag valid files. */
static void check_enum(json_t *schema, const char *prop, size_t n, const char *(*name)(size_t)) {
  json_t *e = json_object_get(
      json_object_get(json_object_get(json_object_get(json_object_get(schema, "$defs"), "action"),
                                      "properties"),
                      prop),
      "enum");
  if (!json_is_array(e)) fail_msg("session.schema.json: no enum for %s", prop);
  if (json_array_size(e) != n)
    fail_msg("session.schema.json: %zu %s names, the atlas has %zu", json_array_size(e), prop, n);
  for (size_t i = 0; i < n; i++) {
    const char *s = json_string_value(json_array_get(e, i));
    if (s == NULL || strcmp(s, name(i)) != 0)
      fail_msg("session.schema.json: %s[%zu] is %s, the atlas says %s", prop, i, s ? s : "?",
               name(i));
  }
}
static const char *region_at(size_t i) {
  return kn_atlas_region(i)->name;
}
static const char *landmark_at(size_t i) {
  return kn_atlas_landmark(i)->name;
}
static const char *muscle_at(size_t i) {
  return kn_atlas_muscle(i)->name;
}
static const char *contact_at(size_t i) {
  return kn_atlas_contact_type(i)->name;
}

static void test_schema_matches_atlas(void **state) {
  (void)state;
  json_error_t err;
  json_t *schema = json_load_file(KN_SOURCE_DIR "/docs/schema/session.schema.json", 0, &err);
  if (schema == NULL) fail_msg("session.schema.json:%d: %s", err.line, err.text);
  check_enum(schema, "region", kn_atlas_region_count(), region_at);
  check_enum(schema, "landmark", kn_atlas_landmark_count(), landmark_at);
  check_enum(schema, "muscle", kn_atlas_muscle_count(), muscle_at);
  check_enum(schema, "contact", kn_atlas_contact_type_count(), contact_at);
  /* the parameters a session may set: the model's list, in its order */
  json_t *pe = json_object_get(
      json_object_get(json_object_get(json_object_get(json_object_get(schema, "$defs"), "session"),
                                      "properties"),
                      "parameters"),
      "propertyNames");
  pe = json_object_get(pe, "enum");
  if (!json_is_array(pe) || json_array_size(pe) != kn_param_count())
    fail_msg("session.schema.json: parameters has %zu names, the model %zu",
             json_is_array(pe) ? json_array_size(pe) : 0, kn_param_count());
  for (size_t i = 0; i < kn_param_count(); i++)
    if (strcmp(json_string_value(json_array_get(pe, i)), kn_param(i)->name) != 0)
      fail_msg("session.schema.json: parameters[%zu] is %s, the model says %s", i,
               json_string_value(json_array_get(pe, i)), kn_param(i)->name);
  json_decref(schema);
  json_t *subject = json_load_file(KN_SOURCE_DIR "/docs/schema/subject.schema.json", 0, &err);
  if (subject == NULL) fail_msg("subject.schema.json:%d: %s", err.line, err.text);
  json_decref(subject);
}

/* ---- the pre-scan: encoding and limits before the parser ------------------------------------- */

/* Runs kn_in_prescan on len bytes; returns the code and writes "line:col: field: message". */
static int prescan(const char *text, size_t len, char *out, size_t size) {
  kn_prescan r;
  int rc = kn_in_prescan(text, len, &r);
  snprintf(out, size, "%d:%d: %s: %s", r.line, r.col, r.field, r.message);
  return rc;
}
#define PRESCAN(lit, out) prescan(lit, sizeof(lit) - 1, out, sizeof out)

static void test_prescan_encoding(void **state) {
  (void)state;
  char m[256];
  /* plain text, UTF-8 of every length, and UTF-8's own byte-order mark pass */
  assert_int_equal(PRESCAN("session:\n  name: x\n", m), 0);
  assert_int_equal(PRESCAN("name: \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"\n", m), 0);
  assert_int_equal(PRESCAN("\xef\xbb\xbfsession: {}\n", m), 0);
  assert_int_equal(PRESCAN("", m), 0);

  /* a NUL byte anywhere, at its line and column (columns count characters, not bytes) */
  assert_int_equal(PRESCAN("a: 1\n\xc3\xa9\xc3\xa9\0b: 2\n", m), KN_EPARSE);
  assert_string_equal(m, "2:3: encoding: NUL byte (U+0000); an input file must be UTF-8 text");
  assert_int_equal(PRESCAN("a\0", m), KN_EPARSE);
  assert_string_equal(m, "1:2: encoding: NUL byte (U+0000), as in UTF-16 or UTF-32 text; an "
                         "input file must be UTF-8 text");

  /* the byte-order marks of other encodings are named (UTF-32 LE before UTF-16 LE: same start) */
  assert_int_equal(PRESCAN("\xff\xfe"
                           "a\0",
                           m),
                   KN_EPARSE);
  assert_string_equal(m,
                      "1:1: encoding: the file is UTF-16 LE (byte-order mark); save it as UTF-8");
  assert_int_equal(PRESCAN("\xfe\xff\0a", m), KN_EPARSE);
  assert_string_equal(m,
                      "1:1: encoding: the file is UTF-16 BE (byte-order mark); save it as UTF-8");
  assert_int_equal(PRESCAN("\xff\xfe\0\0a\0\0\0", m), KN_EPARSE);
  assert_string_equal(m,
                      "1:1: encoding: the file is UTF-32 LE (byte-order mark); save it as UTF-8");
  assert_int_equal(PRESCAN("\0\0\xfe\xff\0\0\0a", m), KN_EPARSE);
  assert_string_equal(m,
                      "1:1: encoding: the file is UTF-32 BE (byte-order mark); save it as UTF-8");

  /* invalid UTF-8: a stray continuation byte, overlong forms, a surrogate, past U+10FFFF, a byte
   * that never starts a character, a sequence cut short by the end of the text */
  static const struct {
    const char *text;
    const char *want;
  } bad[] = {
      {"x: \x80\n", "1:4: encoding: invalid UTF-8 (byte 0x80); an input file must be UTF-8 text"},
      {"x: \xc0\xaf\n",
       "1:4: encoding: invalid UTF-8 (byte 0xC0); an input file must be UTF-8 text"},
      {"x: \xe0\x80\xaf\n",
       "1:4: encoding: invalid UTF-8 (byte 0xE0); an input file must be UTF-8 text"},
      {"x: \xed\xa0\x80\n",
       "1:4: encoding: invalid UTF-8 (byte 0xED); an input file must be UTF-8 text"},
      {"x: \xf4\x90\x80\x80\n",
       "1:4: encoding: invalid UTF-8 (byte 0xF4); an input file must be UTF-8 text"},
      {"\n\nx: \xff\n",
       "3:4: encoding: invalid UTF-8 (byte 0xFF); an input file must be UTF-8 text"},
      {"x: \xe2\x82", "1:4: encoding: invalid UTF-8 (byte 0xE2); an input file must be UTF-8 text"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(prescan(bad[i].text, strlen(bad[i].text), m, sizeof m), KN_EPARSE);
    assert_string_equal(m, bad[i].want);
  }

  /* through every loader: the text after a NUL is never silently dropped */
  kn_diag d;
  kn_session *ss = NULL;
  const char nul_session[] = "session:\n  actions:\n    - {do: rest, duration: 1 min}\n\0"
                             "    - {do: compression, landmark: posterior_triangle, force: 400 N, "
                             "duration: 240 min}\n";
  assert_int_equal(kn_session_parse(nul_session, sizeof nul_session - 1, "s.yaml", &ss, &d),
                   KN_EPARSE);
  assert_null(ss);
  assert_int_equal(d.line, 4);
  assert_string_equal(d.field, "encoding");
  kn_subject subj;
  const char u16_subject[] = "\xff\xfes\0u\0b\0j\0e\0c\0t\0:\0\n\0";
  assert_int_equal(kn_subject_parse(u16_subject, sizeof u16_subject - 1, "u.yaml", &subj, &d),
                   KN_EPARSE);
  assert_string_equal(d.message, "the file is UTF-16 LE (byte-order mark); save it as UTF-8");
  kn_population *pop = NULL;
  const char bad_pop[] = "population:\n  name: \"m\xfcnchen\"\n";
  assert_int_equal(kn_population_parse(bad_pop, sizeof bad_pop - 1, "p.yaml", &pop, &d), KN_EPARSE);
  assert_null(pop);
  assert_int_equal(d.line, 2);
  assert_int_equal(d.col, 11);
}

/* text made of head, then `n` copies of unit, then tail; free() it */
static char *repeated(const char *head, const char *unit, size_t n, const char *tail, size_t *len) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  *len = hl + n * ul + tl;
  char *t = malloc(*len + 1);
  assert_non_null(t);
  memcpy(t, head, hl);
  for (size_t i = 0; i < n; i++)
    memcpy(t + hl + i * ul, unit, ul);
  memcpy(t + hl + n * ul, tail, tl + 1);
  return t;
}

static void test_prescan_limits(void **state) {
  (void)state;
  char m[256];
  size_t len;
  /* 64 levels of flow nesting pass, the 65th "[" or "{" is refused where it stands */
  char *t = repeated("a: ", "[", 64, "", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: ", "[", 65, "", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), KN_ETOOBIG);
  assert_string_equal(m, "1:68: yaml: nesting deeper than 64 levels");
  free(t);
  t = repeated("{\"a\": ", "{\"b\": ", 70, "", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), KN_ETOOBIG);
  assert_string_equal(m, "1:385: yaml: nesting deeper than 64 levels");
  free(t);
  /* closed collections do not add up */
  t = repeated("a: ", "[[]]", 1000, "", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);

  /* brackets that are text: in quoted scalars, comments, block plain scalars, after a quote
   * inside a word */
  t = repeated("a: \"", "[", 100, "\"\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: 'it''s ", "{", 100, "'\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: 1 # ", "[", 100, "\nb: 2\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: x", "[", 100, "\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: [\"x\\\"", "[", 100, "\"]\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  /* but a quote inside plain text starts no string: the brackets after it count */
  t = repeated("a: O'Brien\nb: ", "[", 65, "", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), KN_ETOOBIG);
  assert_string_equal(m, "2:68: yaml: nesting deeper than 64 levels");
  free(t);

  /* every "[" and "{" counts toward 65536, strings and comments included, so a text the lexer
   * misreads cannot hide a deep nest from the bound on the parser's look-ahead */
  t = repeated("a: \"", "[", 65536, "\"\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: \"", "[", 65537, "\"\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), KN_ETOOBIG);
  assert_string_equal(m, "1:65541: yaml: more than 65536 \"[\" and \"{\" in one file");
  free(t);
  /* and the nesting message wins where both apply */
  t = repeated("a: ", "[", 70000, "", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), KN_ETOOBIG);
  assert_string_equal(m, "1:68: yaml: nesting deeper than 64 levels");
  free(t);

  /* the node estimate: one per "," "[" "{" ":" "-" "?" and line, refused past 600 000 */
  t = repeated("a: [", "1,", 599000, "1]\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), 0);
  free(t);
  t = repeated("a: [", "1,", 600000, "1]\n", &len);
  assert_int_equal(prescan(t, len, m, sizeof m), KN_ETOOBIG);
  assert_string_equal(m, "1:1200000: yaml: too many YAML nodes (more than 600000)");
  free(t);

  /* through a loader: 4 MB of "[" is refused by the pre-scan (the message names its place) */
  t = repeated("session: ", "[", 4000000, "", &len);
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(t, len, "deep.yaml", &s, &d), KN_ETOOBIG);
  assert_null(s);
  assert_int_equal(d.col, 74);
  assert_string_equal(d.message, "nesting deeper than 64 levels");
  free(t);
}

static void test_text_escape(void **state) {
  (void)state;
  char out[128];
  const char name[] = "\x1b]0;owned\x07\x1b[2Jx";
  assert_int_equal(kn_text_escape(out, sizeof out, name, strlen(name), 0), strlen(name));
  assert_string_equal(out, "\\x1b]0;owned\\x07\\x1b[2Jx");
  /* invisible characters as <U+XXXX>, letters of any script as they are */
  const char units[] = "40\xc2\xa0N \xe2\x80\xae \xe2\x80\x8b caf\xc3\xa9 \xce\xbc \xc2\x9b";
  kn_text_escape(out, sizeof out, units, strlen(units), 0);
  assert_string_equal(out, "40<U+00A0>N <U+202E> <U+200B> caf\xc3\xa9 \xce\xbc <U+009B>");
  /* bytes that are not UTF-8, line ends and tabs, quotes only when asked */
  const char mixed[] = "a\xff\n\t\"\\";
  kn_text_escape(out, sizeof out, mixed, strlen(mixed), 1);
  assert_string_equal(out, "a\\xff\\n\\t\\\"\\\\");
  kn_text_escape(out, sizeof out, mixed, strlen(mixed), 0);
  assert_string_equal(out, "a\\xff\\n\\t\"\\");
  /* a short buffer ends before an escape, never inside one */
  char small[6];
  assert_int_equal(kn_text_escape(small, sizeof small, "ab\x1b", 3, 0), 2);
  assert_string_equal(small, "ab");
  assert_true(kn_text_invisible(0xA0));
  assert_true(kn_text_invisible(0xFEFF));
  assert_false(kn_text_invisible('a'));
  assert_false(kn_text_invisible(0xE9));
}

static void test_subject_bmi(void **state) {
  (void)state;
  kn_subject s;
  kn_diag d;
  const char *ok[] = {"subject: {height: 185 cm, mass: 240 kg}\n",
                      "subject: {height: 150 cm, mass: 30 kg}\n", "subject: {mass: 30 kg}\n"};
  for (size_t i = 0; i < 3; i++)
    assert_int_equal(kn_subject_parse(ok[i], strlen(ok[i]), "ok.yaml", &s, &d), 0);
  const char heavy[] = "subject:\n  height: 120 cm\n  mass: 250 kg\n";
  assert_int_equal(kn_subject_parse(heavy, strlen(heavy), "h.yaml", &s, &d), KN_ERANGE);
  assert_int_equal(d.line, 3);
  assert_string_equal(d.field, "subject.mass");
  assert_string_equal(d.message, "250 kg at 120 cm is a body mass index of 174 kg/m^2, outside "
                                 "the human range 9 .. 150 kg/m^2 (docs/input.md)");
  const char light[] = "subject:\n  mass: 30 kg\n  height: 230 cm\n";
  assert_int_equal(kn_subject_parse(light, strlen(light), "l.yaml", &s, &d), KN_ERANGE);
  assert_string_equal(d.field, "subject.mass");
  /* with no mass given, the height is blamed (default mass 70 kg at 230 cm is 13 kg/m^2: fine) */
  const char tall[] = "subject:\n  height: 230 cm\n";
  assert_int_equal(kn_subject_parse(tall, strlen(tall), "t.yaml", &s, &d), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strerror),
      cmocka_unit_test(test_diag_format),
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_subject_default),
      cmocka_unit_test(test_subject_cramp_fields),
      cmocka_unit_test(test_subject_good_file),
      cmocka_unit_test(test_subject_body_fat_default_by_sex),
      cmocka_unit_test(test_subject_units_and_empty),
      cmocka_unit_test(test_subject_json),
      cmocka_unit_test(test_subject_error_leaves_out_alone),
      cmocka_unit_test(test_session_good_file),
      cmocka_unit_test(test_session_defaults),
      cmocka_unit_test(test_session_parameters),
      cmocka_unit_test(test_session_all_fields),
      cmocka_unit_test(test_session_json),
      cmocka_unit_test(test_session_body_actions),
      cmocka_unit_test(test_bad_case_messages),
      cmocka_unit_test(test_bad_input_folder),
      cmocka_unit_test(test_file_errors),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_prescan_encoding),
      cmocka_unit_test(test_prescan_limits),
      cmocka_unit_test(test_text_escape),
      cmocka_unit_test(test_subject_bmi),
      cmocka_unit_test(test_message_hygiene),
      cmocka_unit_test(test_more_session_errors),
      cmocka_unit_test(test_more_subject_errors),
      cmocka_unit_test(test_schema_matches_atlas),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
