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

#include "knead/atlas.h"
#include "knead/error.h"
#include "knead/spec.h"
#include "knead/version.h"

#define BAD_DIR KN_SOURCE_DIR "/tests/bad_input"
#define PI 3.14159265358979323846

static void assert_close(double got, double want) {
  double tol = 1e-12 * fmax(1.0, fabs(want));
  if (fabs(got - want) > tol) fail_msg("got %.17g, want %.17g", got, want);
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
  assert_close(s->recovery, 0.0);
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
  assert_close(s->recovery, 0.0);
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
     "posture"},
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
     "expected one of: professional, untrained_partner"},
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

/* Every case in tests/bad_input/ gives exactly the first line of its .expect file, loaded by its
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
    if (strncmp(n + 2, "_subject_", 9) == 0) {
      kn_subject s;
      rc = kn_subject_load(n, &s, &d);
    } else {
      kn_session *s = NULL;
      rc = kn_session_load(n, &s, &d);
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
  assert_true(ncase >= 45);
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
  json_decref(schema);
  json_t *subject = json_load_file(KN_SOURCE_DIR "/docs/schema/subject.schema.json", 0, &err);
  if (subject == NULL) fail_msg("subject.schema.json:%d: %s", err.line, err.text);
  json_decref(subject);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strerror),
      cmocka_unit_test(test_diag_format),
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_subject_default),
      cmocka_unit_test(test_subject_good_file),
      cmocka_unit_test(test_subject_body_fat_default_by_sex),
      cmocka_unit_test(test_subject_units_and_empty),
      cmocka_unit_test(test_subject_json),
      cmocka_unit_test(test_subject_error_leaves_out_alone),
      cmocka_unit_test(test_session_good_file),
      cmocka_unit_test(test_session_defaults),
      cmocka_unit_test(test_session_all_fields),
      cmocka_unit_test(test_session_json),
      cmocka_unit_test(test_bad_case_messages),
      cmocka_unit_test(test_bad_input_folder),
      cmocka_unit_test(test_file_errors),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_message_hygiene),
      cmocka_unit_test(test_more_session_errors),
      cmocka_unit_test(test_schema_matches_atlas),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
