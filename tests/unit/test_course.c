/* SPDX-License-Identifier: Apache-2.0 */
/* Courses of sessions (knead/course.h): the closed forms that carry state over the days between
 * sessions, worked by hand, the `course:` input, and a short course run end to end. */
#include "test_common.h"

#include <string.h>

#include "knead/course.h"
#include "knead/units.h"

/* The defaults the hand-worked numbers below use: course_bp_tau 5 d, soreness 6 h .. 18 h ..
 * 30 h, a structural dose recovering in 2 .. 12 weeks, axonal (dose >= 4) in 3 .. 24 months. */
static kn_course_params cp;

static int setup(void **state) {
  (void)state;
  kn_course_params_of(NULL, &cp);
  return 0;
}

static void defaults_are_the_table(void **state) {
  (void)state;
  assert_close(cp.bp_tau, 5 * KN_DAY, 1e-9);
  assert_close(cp.soreness_onset, 6 * KN_HOUR, 1e-9);
  assert_close(cp.soreness_peak, 18 * KN_HOUR, 1e-9);
  assert_close(cp.soreness_end, 30 * KN_HOUR, 1e-9);
  assert_close(cp.nerve_recovery[0], 2 * KN_WEEK, 1e-9);
  assert_close(cp.nerve_recovery[1], 12 * KN_WEEK, 1e-9);
  assert_close(cp.nerve_severe_dose, 4.0, 0.0);
}

/* -2 mmHg carried, a week later with tau 5 d: -2 exp(-7/5) = -2 x 0.246597 = -0.493194 mmHg; two
 * weeks: -2 exp(-2.8) = -0.121620 mmHg. */
static void pressure_decays_over_a_week(void **state) {
  (void)state;
  double carried = -2.0 * KN_MMHG;
  assert_close(kn_course_decay(carried, 7 * KN_DAY, cp.bp_tau) / KN_MMHG, -0.493194, 1e-6);
  assert_close(kn_course_decay(carried, 14 * KN_DAY, cp.bp_tau) / KN_MMHG, -0.121620, 1e-6);
  assert_close(kn_course_decay(carried, 0.0, cp.bp_tau), carried, 0.0);
  /* a weekly course of equal sessions converges to c / (1 - exp(-7/5)): c = -1 mmHg gives
     -1.327311 mmHg just after the session, -0.327311 carried to the next one's start */
  double c = 0.0;
  for (int k = 0; k < 60; k++)
    c = kn_course_decay(c, 7 * KN_DAY, cp.bp_tau) - 1.0;
  assert_close(c, -1.327311, 1e-6);
}

/* The curve 6 h .. 18 h .. 30 h (onset, peak, resolved to a tenth): share = (x e^(1-x))^k with
 * x = (t - 6 h) / 12 h and k = ln 0.1 / (ln 2 - 1) = 7.50387 (x = 2 at 30 h). By hand: 12 h, x =
 * 0.5: exp(7.50387 (ln 0.5 + 0.5)) = exp(-1.44935) = 0.234722; 24 h, x = 1.5: exp(7.50387 (ln 1.5 -
 * 0.5)) = exp(-0.709378) = 0.491950; all at 18 h, a tenth at 30 h, none before the onset and
 * nothing left a week later. */
static void soreness_window(void **state) {
  (void)state;
  assert_close(kn_course_soreness_share(&cp, 3 * KN_HOUR), 0.0, 0.0);
  assert_close(kn_course_soreness_share(&cp, 12 * KN_HOUR), 0.234722, 1e-6);
  assert_close(kn_course_soreness_share(&cp, 18 * KN_HOUR), 1.0, 1e-12);
  assert_close(kn_course_soreness_share(&cp, 24 * KN_HOUR), 0.491950, 1e-6);
  assert_close(kn_course_soreness_share(&cp, 30 * KN_HOUR), 0.1, 1e-12);
  assert_close(kn_course_soreness_share(&cp, 7 * KN_DAY), 0.0, 1e-12); /* a weekly course: gone */
}

/* A dose of 0.8 is all there after a week, half of it after 7 weeks ((12 - 7) / (12 - 2)), none
 * after 13; an axonal dose of 5 keeps half after 13.5 months ((24 - 13.5) / (24 - 3)). */
static void nerve_dose_recovers(void **state) {
  (void)state;
  assert_close(kn_course_nerve_residual(&cp, 0.8, 1 * KN_WEEK), 0.8, 0.0);
  assert_close(kn_course_nerve_residual(&cp, 0.8, 7 * KN_WEEK), 0.4, 1e-12);
  assert_close(kn_course_nerve_residual(&cp, 0.8, 13 * KN_WEEK), 0.0, 0.0);
  assert_close(kn_course_nerve_residual(&cp, 5.0, 13.5 * KN_MONTH), 2.5, 1e-12);
  assert_close(kn_course_nerve_residual(&cp, 0.0, 0.0), 0.0, 0.0);
  /* two sessions a week apart, 0.6 each: 1.2, a structural injury neither gives alone */
  assert_int_equal(kn_course_dose_grade(&cp, 0.6), KN_NERVE_NONE);
  assert_int_equal(kn_course_dose_grade(&cp, kn_course_nerve_residual(&cp, 0.6, KN_WEEK) + 0.6),
                   KN_NERVE_INJURY);
  assert_int_equal(kn_course_dose_grade(&cp, 4.0), KN_NERVE_SEVERE);
}

static const char weekly[] = "session:\n"
                             "  course: {every: 7 d, sessions: 8}\n"
                             "  actions:\n"
                             "    - {do: rest, duration: 1 min}\n";

static void input_every(void **state) {
  (void)state;
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(weekly, strlen(weekly), "w.yaml", &s, &d), KN_OK);
  assert_int_equal(s->course.nsession, 8);
  assert_close(s->course.start[0], 0.0, 0.0);
  assert_close(s->course.start[7], 49 * KN_DAY, 1e-6);
  kn_session_free(s);
}

static void input_at_and_errors(void **state) {
  (void)state;
  kn_session *s = NULL;
  kn_diag d;
  const char at[] = "session:\n  course: {at: [0 d, 2 d, 1 week]}\n"
                    "  actions:\n    - {do: rest, duration: 1 min}\n";
  assert_int_equal(kn_session_parse(at, strlen(at), "a.yaml", &s, &d), KN_OK);
  assert_int_equal(s->course.nsession, 3);
  assert_close(s->course.start[2], 7 * KN_DAY, 1e-6);
  kn_session_free(s);
  const char close_by[] = "session:\n  course: {at: [0 d, 12 h]}\n"
                          "  actions:\n    - {do: rest, duration: 1 min}\n";
  assert_int_equal(kn_session_parse(close_by, strlen(close_by), "c.yaml", &s, &d), KN_ERANGE);
  assert_null(s);
  const char both[] = "session:\n  course: {every: 7 d, sessions: 3, at: [0 d, 7 d]}\n"
                      "  actions:\n    - {do: rest, duration: 1 min}\n";
  assert_int_not_equal(kn_session_parse(both, strlen(both), "b.yaml", &s, &d), KN_OK);
  assert_null(s);
}

/* Two calm 2-minute sessions a week apart: the second starts with carry x the first's change,
 * decayed over the week from the end of its plan; no soreness is left after a week. */
static void course_carries_pressure(void **state) {
  (void)state;
  const char text[] = "session:\n  recovery: 0 min\n  course: {every: 7 d, sessions: 2}\n"
                      "  actions:\n    - {do: effleurage, region: upper_back, force: 30 N, "
                      "duration: 2 min}\n";
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(text, strlen(text), "t.yaml", &s, &d), KN_OK);
  kn_course_outcome o;
  assert_int_equal(kn_course_run(NULL, s, &o, &d), KN_OK);
  assert_int_equal(o.nsession, 2);
  const kn_course_session *a = &o.sessions[0], *b = &o.sessions[1];
  assert_true(a->systolic_change < 0.0); /* calm strokes lower it (the systemic stage's) */
  assert_close(a->systolic_carried, 0.0, 0.0);
  double plan_end = 2 * KN_MIN;
  double expect = cp.bp_carry * a->systolic_change * exp(-(7 * KN_DAY - plan_end) / cp.bp_tau);
  assert_close(b->systolic_carried, expect, 1e-9 * KN_MMHG);
  assert_close(b->systolic_rest, 120 * KN_MMHG + expect, 1e-6);
  assert_close(b->sore_at_start, 0.0, 0.0);
  assert_close(o.systolic_course_change, b->systolic_carried + b->systolic_change, 1e-12);
  kn_session_free(s);
}

/* A bout of induced calf cramps, then the same a day later: the second starts with course_ctf_gain
 * decayed over the day less the plan (6 trains of 5 s, 10 s apart, and a minute: 140 s):
 * 9.3 Hz x exp(-(86400 - 140) / (2.6 x 86400)) = 9.3 x exp(-0.383992) = 9.3 x 0.681137 = 6.33457
 * Hz, and the neuromuscular stage's threshold at its start is higher by as much. */
static void course_carries_cramp_training(void **state) {
  (void)state;
  const char text[] = "session:\n  recovery: 0 min\n  course: {at: [0 d, 1 d]}\n  actions:\n"
                      "    - {do: posture, posture: prone, joints: {ankle: 30 deg}}\n"
                      "    - {do: electrical_stimulation, muscle: gastrocnemius, frequency: 55 Hz, "
                      "duration: 5 s, repetitions: 6, rest_between: 10 s}\n"
                      "    - {do: rest, duration: 60 s}\n";
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(text, strlen(text), "c.yaml", &s, &d), KN_OK);
  kn_course_outcome o;
  assert_int_equal(kn_course_run(NULL, s, &o, &d), KN_OK);
  assert_true(o.sessions[0].cramps > 0);
  assert_close(o.sessions[0].ctf_carried, 0.0, 0.0);
  assert_close(o.sessions[1].ctf_carried, 6.33457, 1e-4);
  assert_close(o.sessions[1].cramp_threshold - o.sessions[0].cramp_threshold, 6.33457, 1e-4);
  kn_session_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(defaults_are_the_table),
      cmocka_unit_test(pressure_decays_over_a_week),
      cmocka_unit_test(soreness_window),
      cmocka_unit_test(nerve_dose_recovers),
      cmocka_unit_test(input_every),
      cmocka_unit_test(input_at_and_errors),
      cmocka_unit_test(course_carries_pressure),
      cmocka_unit_test(course_carries_cramp_training),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
