/* SPDX-License-Identifier: Apache-2.0 */
/* Courses of sessions (knead/course.h): the closed forms that carry state over the days between
 * sessions, worked by hand, the `course:` input, and a short course run end to end. */
#include "test_common.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "knead/atlas.h"
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

/* A device holds 90 mmHg on the median nerve at the wrist for an hour: a structural dose of about
 * two thirds (short of injury: a conduction block). Given again a week later, inside the injury
 * window (2 weeks before any of the dose recovers), the second session's nerve stage starts from
 * the first's dose and reaches twice it, a structural injury; given again after 13 weeks (past
 * the 12-week window) it starts whole and ends as the first did. */
static const char held_hour[] = "session:\n  time_step: 10 ms\n  record_interval: 60 s\n"
                                "  recovery: 0 min\n  course: {at: [0 d, %s]}\n  actions:\n"
                                "    - {do: structure_pressure, nerve: median_wrist, "
                                "pressure: 90 mmHg, duration: 60 min}\n";

static void run_held(const char *second, kn_course_outcome *o) {
  char text[512];
  snprintf(text, sizeof text, held_hour, second);
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(text, strlen(text), "h.yaml", &s, &d), KN_OK);
  assert_int_equal(kn_course_run(NULL, s, o, &d), KN_OK);
  kn_session_free(s);
}

static void nerve_unrecovered_enters_next_session(void **state) {
  (void)state;
  kn_course_outcome near, far;
  run_held("7 d", &near);
  run_held("13 week", &far);
  const kn_course_session *a = &near.sessions[0], *b = &near.sessions[1];
  assert_true(a->nerve_dose_max > 0.5 && a->nerve_dose_max < 1.0);
  assert_int_equal(a->nerve_grade, KN_NERVE_BLOCK);
  assert_close(a->nerve_conduction_start, 1.0, 0.0);
  /* the week: the whole dose is still there; the sub-injury lesion was repaired within hours */
  assert_int_equal(b->nerves_unrecovered, 1);
  assert_close(b->nerve_conduction_start, 1.0, 1e-12);
  assert_close(b->nerve_dose_max, 2.0 * a->nerve_dose_max, 1e-9);
  assert_int_equal(b->nerve_grade, KN_NERVE_INJURY); /* the stage's own grade */
  assert_int_equal(near.nerve_grade, KN_NERVE_INJURY);
  assert_int_equal(b->harm, KN_HARM_INJURY);
  /* 13 weeks: nothing left, the second session is the first again */
  const kn_course_session *c = &far.sessions[1];
  assert_int_equal(c->nerves_unrecovered, 0);
  assert_close(c->nerve_dose_max, far.sessions[0].nerve_dose_max, 1e-12);
  assert_int_equal(c->nerve_grade, KN_NERVE_BLOCK);
  assert_true(c->nerve_grade < b->nerve_grade);
}

/* Three of the hour a week apart: the second reaches injury, so its lesion is repaired on the
 * injury's pace (time constant 2 weeks / 3): a week later the third starts with fibres still
 * blocked (a share e^(-3 x (7 d - 1 h) / 14 d) = 0.22 of what the second left), and the dose is
 * three times one session's. */
static void injured_nerve_starts_with_less_conduction(void **state) {
  (void)state;
  const char text[] = "session:\n  time_step: 10 ms\n  record_interval: 60 s\n"
                      "  recovery: 0 min\n  course: {every: 7 d, sessions: 3}\n  actions:\n"
                      "    - {do: structure_pressure, nerve: median_wrist, "
                      "pressure: 90 mmHg, duration: 60 min}\n";
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(text, strlen(text), "h.yaml", &s, &d), KN_OK);
  kn_course_outcome o;
  assert_int_equal(kn_course_run(NULL, s, &o, &d), KN_OK);
  kn_session_free(s);
  assert_int_equal(o.sessions[1].nerve_grade, KN_NERVE_INJURY);
  double start3 = o.sessions[2].nerve_conduction_start;
  assert_true(start3 < 1.0 && start3 > 0.0);
  assert_close(o.sessions[2].nerve_dose_max, 3.0 * o.sessions[0].nerve_dose_max, 1e-9);
}

/* Each session its own hand noise: the first keeps the session's seed, the others are drawn from
 * it; a course run twice gives the same sessions, and a session rerun alone with its seed gives
 * the same numbers as in the course (300 days apart nothing else is carried: e^-60). */
static void one_hand_noise_per_session(void **state) {
  (void)state;
  assert_true(kn_course_session_seed(7, 0) == 7);
  uint64_t s1 = kn_course_session_seed(7, 1), s2 = kn_course_session_seed(7, 2);
  assert_true(s1 != 7 && s2 != 7 && s1 != s2);
  assert_true(s1 == kn_course_session_seed(7, 1));
  assert_true(s1 < (1ULL << 53)); /* held exactly by a JSON number */
  const char text[] = "session:\n  seed: 7\n  recovery: 0 min\n  course: {at: [0 d, 300 d]}\n"
                      "  actions:\n    - {do: petrissage, muscle: upper_trapezius, force: 45 N, "
                      "duration: 2 min}\n";
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(text, strlen(text), "n.yaml", &s, &d), KN_OK);
  kn_course_outcome o, again;
  assert_int_equal(kn_course_run(NULL, s, &o, &d), KN_OK);
  assert_int_equal(kn_course_run(NULL, s, &again, &d), KN_OK);
  assert_true(o.sessions[0].seed == 7 && o.sessions[1].seed == s1);
  assert_true(o.sessions[0].soreness_probability != o.sessions[1].soreness_probability ||
              o.sessions[0].systolic_change != o.sessions[1].systolic_change);
  for (int k = 0; k < 2; k++) {
    assert_true(o.sessions[k].soreness_probability == again.sessions[k].soreness_probability);
    assert_true(o.sessions[k].systolic_change == again.sessions[k].systolic_change);
  }
  /* the second session alone, with its seed */
  s->course.nsession = 0;
  s->seed = s1;
  kn_course_outcome alone;
  assert_int_equal(kn_course_run(NULL, s, &alone, &d), KN_OK);
  assert_true(alone.sessions[0].soreness_probability == o.sessions[1].soreness_probability);
  assert_true(alone.sessions[0].systolic_change == o.sessions[1].systolic_change);
  kn_session_free(s);
}

/* kn_data_carry_nerves: a model's nerves start from the carried states (by atlas index), the
 * outcome shows it before the first step (motor conduction 1 - lesion = 0.5), kn_data_reset starts
 * from them again, and NULL goes back to nerves at rest. */
static void data_carry_nerves(void **state) {
  (void)state;
  char text[512];
  snprintf(text, sizeof text, held_hour, "7 d");
  kn_session *s = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(text, strlen(text), "h.yaml", &s, &d), KN_OK);
  kn_model *m = NULL;
  kn_data *data = NULL;
  assert_int_equal(kn_model_create(NULL, s, &m, &d), KN_OK);
  kn_session_free(s);
  assert_int_equal(kn_data_create(m, &data), KN_OK);
  int median = kn_atlas_find_nerve("median_wrist");
  assert_true(median >= 0);
  size_t n = kn_atlas_nerve_count();
  kn_nerve_carry carry[64];
  assert_true(n <= 64);
  memset(carry, 0, sizeof carry);
  carry[median] = (kn_nerve_carry){.injury_dose = 1.2, .lesion = 0.5, .grade = KN_NERVE_INJURY};
  assert_int_equal(kn_data_carry_nerves(m, data, carry, n), KN_OK);
  const kn_nerve_outcome *no = NULL;
  const kn_outcome *o = kn_data_outcome(m, data);
  for (size_t i = 0; i < o->nnerve; i++)
    if (o->nerves[i].nerve == median) no = &o->nerves[i];
  assert_non_null(no);
  assert_close(no->conduction_end, 0.5, 1e-15);
  assert_int_equal(no->grade, KN_NERVE_INJURY);
  assert_close(no->t_grade, 0.0, 0.0);
  kn_data_reset(m, data);
  (void)kn_data_outcome(m, data); /* refills the same nerve outcomes no points into */
  assert_close(no->conduction_end, 0.5, 1e-15);
  assert_close(no->injury_dose, 1.2, 0.0);
  assert_int_equal(kn_data_carry_nerves(m, data, NULL, 0), KN_OK);
  (void)kn_data_outcome(m, data);
  assert_close(no->conduction_end, 1.0, 0.0);
  assert_int_equal(no->grade, KN_NERVE_NONE);
  assert_int_equal(kn_data_carry_nerves(NULL, data, carry, n), KN_EINVAL);
  kn_data_free(data);
  kn_model_free(m);
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
      cmocka_unit_test(nerve_unrecovered_enters_next_session),
      cmocka_unit_test(injured_nerve_starts_with_less_conduction),
      cmocka_unit_test(one_hand_noise_per_session),
      cmocka_unit_test(data_carry_nerves),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
