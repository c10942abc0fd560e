/* SPDX-License-Identifier: Apache-2.0 */
/* The advice rules (src/advise) on small plans written in YAML: each rule fires on what it is
 * about and stays quiet otherwise; severities order the list; every source resolves; the verdict
 * follows the strongest advice; the caller's capacity is respected. */
#include "test_common.h"

#include <stdio.h>
#include <string.h>

#include "knead/knead.h"
#include "knead/units.h"

typedef struct run {
  kn_model *m;
  kn_data *d;
  kn_advice a[KN_ADVICE_MAX];
  size_t n;
} run;

/* Simulates a subject and a session given as YAML text and collects the advice. */
static void run_yaml(run *r, const char *subject, const char *session) {
  kn_subject s;
  kn_session *sess = NULL;
  kn_diag diag;
  memset(r, 0, sizeof *r);
  if (kn_subject_parse(subject, strlen(subject), "subject", &s, &diag) != KN_OK)
    fail_msg("subject: %s: %s", diag.field, diag.message);
  if (kn_session_parse(session, strlen(session), "session", &sess, &diag) != KN_OK)
    fail_msg("session: %s: %s", diag.field, diag.message);
  assert_int_equal(kn_model_create(&s, sess, &r->m, &diag), KN_OK);
  kn_session_free(sess);
  assert_int_equal(kn_data_create(r->m, &r->d), KN_OK);
  assert_int_equal(kn_run(r->m, r->d, NULL, NULL), KN_OK);
  r->n = kn_advise(r->m, kn_data_outcome(r->m, r->d), r->a, KN_ADVICE_MAX);
  assert_true(r->n <= KN_ADVICE_MAX);
}

static void run_free(run *r) {
  kn_data_free(r->d);
  kn_model_free(r->m);
}

/* The piece of advice of a rule, or NULL. */
static const kn_advice *find(const run *r, const char *rule) {
  for (size_t i = 0; i < r->n; i++)
    if (!strcmp(r->a[i].rule, rule)) return &r->a[i];
  return NULL;
}

static void expect(const run *r, const char *rule, kn_advice_severity sev) {
  const kn_advice *a = find(r, rule);
  if (!a) fail_msg("no \"%s\" advice", rule);
  if (a->severity != sev)
    fail_msg("\"%s\" is %s, expected %s", rule, kn_advice_severity_name(a->severity),
             kn_advice_severity_name(sev));
}

static void expect_none(const run *r, const char *rule) {
  const kn_advice *a = find(r, rule);
  if (a) fail_msg("unexpected \"%s\" advice: %s", rule, a->text);
}

/* A gentle plan: palm effleurage of the back, 30 s. */
static const char *const gentle =
    "session:\n  recovery: 0 s\n  actions:\n    - {do: effleurage, region: upper_back, "
    "contact: palm, force: 15 N, duration: 30 s}\n";
static const char *const well = "subject: {age: 40}\n";

/* Every piece is complete, cites sources that resolve, and the list goes stop, change, note. */
static void check_well_formed(const run *r) {
  for (size_t i = 0; i < r->n; i++) {
    const kn_advice *a = &r->a[i];
    assert_non_null(a->rule);
    assert_true(strlen(a->text) > 20);
    assert_true(strlen(a->trigger) > 3);
    assert_non_null(a->claims);
    assert_true(a->claims[0] == 'A');
    assert_true(a->sources[0] != '\0');
    char keys[sizeof a->sources];
    snprintf(keys, sizeof keys, "%s", a->sources);
    for (char *save = NULL, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save))
      if (!kn_atlas_find_source(k)) fail_msg("%s: source \"%s\" does not resolve", a->rule, k);
    if (i) assert_true(r->a[i - 1].severity <= a->severity);
  }
}

static void test_gentle_plan_goes_ahead(void **state) {
  (void)state;
  run r;
  run_yaml(&r, well, gentle);
  check_well_formed(&r);
  assert_int_equal(kn_advice_verdict_of(r.a, r.n), KN_VERDICT_GO);
  expect(&r, "tell_pain", KN_ADVICE_NOTE); /* the person massaged is the pain sensor */
  const char *quiet[] = {
      "fever",         "acute_illness", "dehydrated",     "carotid",        "endangerment_site",
      "iso_limit",     "pain",          "bruise",         "smooth_strokes", "cramp_relief",
      "doctor_spasms", "muscle_damage", "slow_percussion"};
  for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
    expect_none(&r, quiet[i]);
  run_free(&r);
}

static void test_fever_postpones(void **state) {
  (void)state;
  run r;
  run_yaml(&r, "subject: {temperature: 38.2 degC}\n", gentle);
  check_well_formed(&r);
  expect(&r, "fever", KN_ADVICE_STOP);
  assert_string_equal(r.a[0].rule, "fever"); /* strongest first */
  assert_non_null(strstr(r.a[0].text, "38.2"));
  assert_int_equal(kn_advice_verdict_of(r.a, r.n), KN_VERDICT_STOP);
  run_free(&r);
  /* 37.9 degC is not a fever */
  run_yaml(&r, "subject: {temperature: 37.9 degC}\n", gentle);
  expect_none(&r, "fever");
  run_free(&r);
  /* ill without a fever: postpone too */
  run_yaml(&r, "subject: {acute_illness: true}\n", gentle);
  expect(&r, "acute_illness", KN_ADVICE_STOP);
  expect_none(&r, "fever");
  run_free(&r);
}

static void test_dehydrated_drinks_first(void **state) {
  (void)state;
  run r;
  run_yaml(&r, "subject: {hypohydration: 3 %}\n", gentle);
  expect(&r, "dehydrated", KN_ADVICE_CHANGE);
  assert_non_null(strstr(find(&r, "dehydrated")->text, "electrolyte"));
  run_free(&r);
  run_yaml(&r, "subject: {hypohydration: 1 %}\n", gentle); /* not dehydrated below 2 % */
  expect_none(&r, "dehydrated");
  run_free(&r);
  /* an electrolyte drink first answers it */
  run_yaml(&r, "subject: {hypohydration: 3 %}\n",
           "session:\n  recovery: 0 s\n  actions:\n    - {do: drink, fluid: electrolyte, volume: "
           "500 mL}\n"
           "    - {do: effleurage, region: upper_back, contact: palm, force: 15 N, duration: 30 "
           "s}\n");
  expect_none(&r, "dehydrated");
  run_free(&r);
}

static const char *const front_of_neck = "session:\n  recovery: 0 s\n  actions:\n    - {do: "
                                         "effleurage, region: neck_anterior, contact: palm, force: "
                                         "5 N, duration: 20 s}\n";

static void test_carotid_over_50(void **state) {
  (void)state;
  run r;
  run_yaml(&r, "subject: {age: 55}\n", front_of_neck);
  check_well_formed(&r);
  expect(&r, "carotid", KN_ADVICE_STOP);
  assert_non_null(strstr(find(&r, "carotid")->text, "front of the neck"));
  run_free(&r);
  run_yaml(&r, "subject: {age: 35}\n", front_of_neck);
  expect_none(&r, "carotid");
  run_free(&r);
  /* known not hypersensitive: still leave it, but as a change */
  run_yaml(&r, "subject: {age: 55, carotid_sinus_hypersensitivity: false}\n", front_of_neck);
  expect(&r, "carotid", KN_ADVICE_CHANGE);
  run_free(&r);
  /* the back of the neck is fine at any age */
  run_yaml(&r, "subject: {age: 70}\n",
           "session:\n  recovery: 0 s\n  actions:\n    - {do: effleurage, region: neck_posterior, "
           "contact: palm, "
           "force: 10 N, duration: 20 s}\n");
  expect_none(&r, "carotid");
  run_free(&r);
}

static void test_thumb_on_nerve_names_it(void **state) {
  (void)state;
  run r;
  run_yaml(&r, well,
           "session:\n  recovery: 0 s\n  actions:\n    - {do: compression, landmark: "
           "posterior_triangle, contact: "
           "thumb, force: 40 N, duration: 60 s}\n");
  check_well_formed(&r);
  const kn_advice *a = find(&r, "endangerment_site");
  assert_non_null(a);
  assert_non_null(strstr(a->text, "spinal accessory nerve"));
  assert_non_null(strstr(a->text, "palm"));
  assert_non_null(strstr(a->sources, "aksoy2009"));
  run_free(&r);
  /* the same force spread by a palm on the muscle beside it: no endangerment advice (A12) */
  run_yaml(&r, well,
           "session:\n  recovery: 0 s\n  actions:\n    - {do: compression, muscle: "
           "levator_scapulae, contact: palm, "
           "force: 40 N, duration: 60 s}\n");
  expect_none(&r, "endangerment_site");
  run_free(&r);
}

static void test_hard_partner_eases_off(void **state) {
  (void)state;
  run r;
  run_yaml(&r, well,
           "session:\n  recovery: 0 s\n  practitioner: untrained_partner\n  actions:\n    - {do: "
           "deep_stroke, "
           "muscle: gastrocnemius, contact: knuckles, force: 150 N, speed: 10 cm/s, duration: 60 "
           "s}\n");
  check_well_formed(&r);
  expect(&r, "iso_limit", KN_ADVICE_CHANGE);
  expect(&r, "smooth_strokes", KN_ADVICE_CHANGE);
  assert_non_null(strstr(find(&r, "iso_limit")->text, "ISO/TS 15066"));
  assert_int_equal(kn_advice_verdict_of(r.a, r.n), KN_VERDICT_CHANGE);
  run_free(&r);
}

/* Percussion on a cramp-prone calf: at or above its cramp threshold frequency (14.9 Hz) the rule
 * asks for slower tapping, naming the rate and the threshold; below it, and on a subject who
 * never cramps (25.5 Hz), it stays quiet. */
static void test_percussion_against_cramp_threshold(void **state) {
  (void)state;
  const char *prone = "subject: {age: 40, cramps_per_month: 8}\n";
  const char *fmt =
      "session:\n  recovery: 0 s\n  actions:\n    - {do: tapotement, muscle: "
      "gastrocnemius, contact: fingertips, force: 10 N, rate: %d Hz, duration: 2 s}\n";
  char plan[256];
  run r;
  snprintf(plan, sizeof plan, fmt, 16);
  run_yaml(&r, prone, plan);
  check_well_formed(&r);
  expect(&r, "slow_percussion", KN_ADVICE_CHANGE);
  const kn_advice *a = find(&r, "slow_percussion");
  assert_non_null(strstr(a->text, "more slowly than 14 times a second"));
  assert_non_null(strstr(a->trigger, "16 Hz"));
  assert_non_null(strstr(a->trigger, "14.9 Hz"));
  run_free(&r);

  snprintf(plan, sizeof plan, fmt, 12);
  run_yaml(&r, prone, plan);
  expect_none(&r, "slow_percussion");
  run_free(&r);

  snprintf(plan, sizeof plan, fmt, 16);
  run_yaml(&r, well, plan);
  expect_none(&r, "slow_percussion");
  run_free(&r);
}

static void test_capacity_and_verdict(void **state) {
  (void)state;
  run r;
  run_yaml(&r, "subject: {temperature: 38.5 degC, hypohydration: 3 %}\n", gentle);
  const kn_outcome *o = kn_data_outcome(r.m, r.d);
  /* like snprintf: the count is returned whatever the capacity */
  assert_int_equal(kn_advise(r.m, o, NULL, 0), r.n);
  kn_advice one[1];
  memset(one, 0, sizeof one);
  assert_int_equal(kn_advise(r.m, o, one, 1), r.n);
  assert_string_equal(one[0].rule, "fever");
  /* the same inputs give the same advice */
  kn_advice again[KN_ADVICE_MAX];
  assert_int_equal(kn_advise(r.m, o, again, KN_ADVICE_MAX), r.n);
  for (size_t i = 0; i < r.n; i++)
    assert_string_equal(again[i].text, r.a[i].text);
  run_free(&r);
  assert_int_equal(kn_advice_verdict_of(NULL, 0), KN_VERDICT_GO);
  assert_string_equal(kn_advice_severity_name(KN_ADVICE_CHANGE), "change");
  assert_string_equal(kn_advice_severity_name((kn_advice_severity)9), "?");
  assert_string_equal(kn_advice_verdict_name(KN_VERDICT_STOP), "stop");
}

/* Printed advice: wrapped under 100 columns, colour only when asked. */
static void test_print(void **state) {
  (void)state;
  run r;
  run_yaml(&r, "subject: {temperature: 38.5 degC}\n", gentle);
  char buf[16384];
  FILE *f = fmemopen(buf, sizeof buf, "w");
  kn_advice_print(r.a, r.n, 0, f);
  fclose(f);
  assert_null(strchr(buf, '\033'));
  for (char *line = buf, *end; *line; line = end + 1) {
    end = strchr(line, '\n');
    if (!end) break;
    if (end - line > 100) fail_msg("line longer than 100 columns: %.*s", (int)(end - line), line);
  }
  assert_non_null(strstr(buf, "  stop   Postpone"));
  f = fmemopen(buf, sizeof buf, "w");
  kn_advice_print(r.a, r.n, 1, f);
  fclose(f);
  assert_non_null(strstr(buf, "\033[1;31mstop"));
  run_free(&r);
}

/* The course's rules read kn_course_run's outcome; here outcomes written by hand, so that each rule
 * is seen to fire on its own condition (the gentle plan gives none of them by itself). */
static void advise_course(run *r, const kn_course_outcome *co) {
  r->n = kn_advise_course(r->m, kn_data_outcome(r->m, r->d), co, r->a, KN_ADVICE_MAX);
  assert_true(r->n <= KN_ADVICE_MAX);
  check_well_formed(r);
}

static void test_course_rules(void **state) {
  (void)state;
  run r;
  run_yaml(&r, well, gentle);
  kn_course_outcome co;
  memset(&co, 0, sizeof co);
  co.nsession = 3;
  for (int k = 0; k < 3; k++) {
    co.sessions[k].start = k * 7 * KN_DAY;
    co.sessions[k].nerve_conduction_start = 1.0;
  }
  co.evidence_pressure = co.evidence_soreness = KN_EVIDENCE_HUMAN;
  co.evidence_nerve = KN_EVIDENCE_EXPERT;
  advise_course(&r, &co); /* nothing carried: no course advice, and not for the NULL course */
  const char *const course_rules[] = {"course_nerve", "course_spacing", "course_pressure",
                                      "course_cramp"};
  for (size_t i = 0; i < 4; i++)
    expect_none(&r, course_rules[i]);
  /* a nerve still carrying a dose at session 3's start: change; reaching injury: stop */
  co.sessions[2].nerves_unrecovered = 1;
  co.sessions[2].nerve_grade = KN_NERVE_BLOCK;
  advise_course(&r, &co);
  expect(&r, "course_nerve", KN_ADVICE_CHANGE);
  co.sessions[2].nerve_grade = KN_NERVE_INJURY;
  advise_course(&r, &co);
  expect(&r, "course_nerve", KN_ADVICE_STOP);
  assert_int_equal(kn_advice_verdict_of(r.a, r.n), KN_VERDICT_STOP);
  assert_non_null(strstr(find(&r, "course_nerve")->trigger, "session 3"));
  co.sessions[2].nerves_unrecovered = 0;
  /* a session inside an earlier one's soreness window: a note at 10 %, a change above 20 % */
  co.sessions[1].start = 1 * KN_DAY;
  co.sessions[1].sore_at_start = co.sore_at_start_max = 0.1;
  advise_course(&r, &co);
  expect(&r, "course_spacing", KN_ADVICE_NOTE);
  co.sessions[1].sore_at_start = co.sore_at_start_max = 0.3;
  advise_course(&r, &co);
  expect(&r, "course_spacing", KN_ADVICE_CHANGE);
  co.sessions[1].sore_at_start = co.sore_at_start_max = 0.0;
  /* a cramp in session 1 and a raised threshold at session 2 */
  co.sessions[0].cramps = 2;
  co.sessions[1].ctf_carried = 6.3;
  advise_course(&r, &co);
  expect(&r, "course_cramp", KN_ADVICE_NOTE);
  expect_none(&r, "course_pressure"); /* not hypertensive */
  run_free(&r);
  /* hypertension: the course's pressure is noted, with its evidence */
  run_yaml(&r, "subject: {systolic_pressure: 150 mmHg, diastolic_pressure: 95 mmHg}\n", gentle);
  co.systolic_course_change = -7.4 * KN_MMHG;
  advise_course(&r, &co);
  expect(&r, "course_pressure", KN_ADVICE_NOTE);
  assert_int_equal(find(&r, "course_pressure")->evidence, KN_EVIDENCE_HUMAN);
  assert_non_null(strstr(find(&r, "course_pressure")->sources, "liao2016"));
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gentle_plan_goes_ahead),
      cmocka_unit_test(test_fever_postpones),
      cmocka_unit_test(test_dehydrated_drinks_first),
      cmocka_unit_test(test_carotid_over_50),
      cmocka_unit_test(test_thumb_on_nerve_names_it),
      cmocka_unit_test(test_hard_partner_eases_off),
      cmocka_unit_test(test_capacity_and_verdict),
      cmocka_unit_test(test_percussion_against_cramp_threshold),
      cmocka_unit_test(test_print),
      cmocka_unit_test(test_course_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
