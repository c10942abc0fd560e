/* SPDX-License-Identifier: Apache-2.0 */
/* Soreness over days (tissue/doms.c): the time course's shape at its cited onset, peak and
 * resolution, an eccentric bout's peak soreness, and massage's effect at 48 h, against numbers
 * worked out by hand from the equations of docs/model.md ("Soreness over days"); then the
 * `exercise:` input and the massage minutes a run counts. */
#include "test_common.h"

#include <stdio.h>
#include <string.h>

#include "core/params.h"
#include "knead/sim.h"
#include "knead/units.h"
#include "tissue/tissue.h"

/* Parameters set by hand (the table's defaults, written out): onset 8 h, peak 48 h, resolved 7 d
 * (cheung2003); a saturating bout peaks at 6 of 10; 20 maximal contractions give 63 % of it; a
 * saturating massage dose removes 38 %, 5 min of massage give 63 % of that; window 24 h. */
static const kn_doms_params dp = {
    .course = {8 * KN_HOUR, 48 * KN_HOUR, 7 * KN_DAY},
    .peak_max = 6.0,
    .contractions_sat = 20.0,
    .massage_reduction = 0.38,
    .massage_time = 5 * KN_MIN,
    .massage_window = 24 * KN_HOUR,
};

/* The shape (x e^(1-x))^k, x = (t - 8 h) / 40 h; resolved at x = 4, so k = ln 0.1 / (ln 4 - 3) =
 * 1.426893. By hand: 24 h, x = 0.4: exp(1.426893 (ln 0.4 + 0.6)) = 0.636791; 72 h, x = 1.6:
 * exp(1.426893 (ln 1.6 - 0.6)) = 0.830696; 96 h, x = 2.2: 0.555866. */
static void shape_at_cited_points(void **state) {
  (void)state;
  const kn_soreness_course *c = &dp.course;
  assert_close(kn_soreness_share(c, 0.0), 0.0, 0.0);
  assert_close(kn_soreness_share(c, 8 * KN_HOUR), 0.0, 0.0); /* nothing before the onset */
  assert_close(kn_soreness_share(c, 24 * KN_HOUR), 0.636791, 1e-6);
  assert_close(kn_soreness_share(c, 48 * KN_HOUR), 1.0, 1e-12); /* its cited peak */
  assert_close(kn_soreness_share(c, 72 * KN_HOUR), 0.830696, 1e-6);
  assert_close(kn_soreness_share(c, 96 * KN_HOUR), 0.555866, 1e-6);
  assert_close(kn_soreness_share(c, 7 * KN_DAY), KN_SORENESS_RESOLVED_SHARE, 1e-12); /* 7 d */
  assert_true(kn_soreness_share(c, 14 * KN_DAY) < 0.01);
  /* the peak is the maximum: a little before and after it is lower */
  assert_true(kn_soreness_share(c, 47 * KN_HOUR) < 1.0);
  assert_true(kn_soreness_share(c, 49 * KN_HOUR) < 1.0);
  /* a course that is not onset < peak < resolved gives nothing rather than nonsense */
  const kn_soreness_course bad = {48 * KN_HOUR, 8 * KN_HOUR, 7 * KN_DAY};
  assert_close(kn_soreness_share(&bad, 24 * KN_HOUR), 0.0, 0.0);
}

/* Peak soreness 6 (1 - exp(-n level / 20)): 60 maximal contractions 6 (1 - e^-3) = 5.701278;
 * 30 maximal or 60 at half of maximum 6 (1 - e^-1.5) = 4.661219; concentric work none. */
static void bout_dose(void **state) {
  (void)state;
  assert_close(kn_doms_peak(&dp, 1, 60.0, 1.0), 5.701278, 1e-6);
  assert_close(kn_doms_peak(&dp, 1, 30.0, 1.0), 4.661219, 1e-6);
  assert_close(kn_doms_peak(&dp, 1, 60.0, 0.5), 4.661219, 1e-6);
  assert_close(kn_doms_peak(&dp, 0, 60.0, 1.0), 0.0, 0.0);
  /* chen_nosaka2006's saturation: 50 and 70 contractions differ by less than 30 and 50 do */
  double d30 = kn_doms_peak(&dp, 1, 30.0, 1.0), d50 = kn_doms_peak(&dp, 1, 50.0, 1.0),
         d70 = kn_doms_peak(&dp, 1, 70.0, 1.0);
  assert_true(d70 - d50 < d50 - d30);
}

/* Massage at 48 h: 10 min give the factor 1 - 0.38 (1 - e^-2) = 0.671427, so a 60-contraction
 * bout's 5.701278 at its 48 h peak becomes 3.827994; 2 min give 1 - 0.38 (1 - e^-0.4) = 0.874722;
 * no massage leaves it whole. */
static void massage_at_48h(void **state) {
  (void)state;
  double peak = kn_doms_peak(&dp, 1, 60.0, 1.0);
  double f10 = kn_doms_massage_factor(&dp, 10 * KN_MIN);
  assert_close(f10, 0.671427, 1e-6);
  assert_close(kn_doms_intensity(&dp, peak, f10, 48 * KN_HOUR), 3.827994, 1e-6);
  assert_close(kn_doms_massage_factor(&dp, 2 * KN_MIN), 0.874722, 1e-6);
  assert_close(kn_doms_massage_factor(&dp, 0.0), 1.0, 0.0);
  assert_close(kn_doms_intensity(&dp, peak, 1.0, 48 * KN_HOUR), 5.701278, 1e-6);
  /* a very long massage removes at most massage_reduction */
  assert_close(kn_doms_massage_factor(&dp, 10 * KN_HOUR), 0.62, 1e-9);
}

/* The parameter table's defaults are the ones written out above. */
static void table_defaults(void **state) {
  (void)state;
  kn_params par;
  kn_params_default(&par);
  kn_doms_params t = kn_doms_params_of(&par);
  assert_close(t.course.onset, dp.course.onset, 1e-9);
  assert_close(t.course.peak, dp.course.peak, 1e-9);
  assert_close(t.course.resolved, dp.course.resolved, 1e-9);
  assert_close(t.peak_max, dp.peak_max, 1e-12);
  assert_close(t.contractions_sat, dp.contractions_sat, 1e-12);
  assert_close(t.massage_reduction, dp.massage_reduction, 1e-12);
  assert_close(t.massage_time, dp.massage_time, 1e-9);
  assert_close(t.massage_window, dp.massage_window, 1e-9);
}

/* A bout that ended `before` ago, then two minutes of strokes on `region`, run end to end. */
static const kn_outcome *run(const char *before, const char *muscle, kn_model **m, kn_data **d) {
  char text[1024];
  snprintf(text, sizeof text,
           "session:\n"
           "  recovery: 1 s\n"
           "  exercise: {muscle: biceps_brachii, eccentric: true, contractions: 60, before: %s}\n"
           "  actions:\n"
           "    - do: effleurage\n"
           "      muscle: %s\n"
           "      force: 20 N\n"
           "      duration: 2 min\n",
           before, muscle);
  kn_session *s = NULL;
  kn_diag diag;
  if (kn_session_parse(text, strlen(text), "doms.yaml", &s, &diag) != KN_OK)
    fail_msg("load: %s", diag.message);
  assert_int_equal(s->exercise.given, 1);
  assert_int_equal(s->exercise.contractions, 60);
  assert_close(s->exercise.level, 1.0, 0.0); /* the default: maximal */
  assert_int_equal(kn_model_create(NULL, s, m, &diag), KN_OK);
  kn_session_free(s);
  assert_int_equal(kn_data_create(*m, d), KN_OK);
  assert_int_equal(kn_run(*m, *d, NULL, NULL), KN_OK);
  return kn_data_outcome(*m, *d);
}

/* Two minutes on the biceps 3 h after the bout count whole; on the calf, or 23 h 59 min after
 * (only the first minute inside the 24 h window), they count as said. The soreness at 48 h after
 * the bout is the peak times the factor. */
static void massage_minutes_of_a_run(void **state) {
  (void)state;
  kn_model *m = NULL;
  kn_data *d = NULL;
  const kn_outcome *o = run("3 h", "biceps_brachii", &m, &d);
  assert_int_equal(o->doms_given, 1);
  assert_close(o->doms_peak, 5.701278, 1e-6);
  assert_close(o->doms_massage_time, 120.0, 1e-6);
  assert_close(o->doms_factor, 0.874722, 1e-6);
  assert_close(o->doms_at[1], 5.701278 * 0.874722, 1e-5); /* index 1: 48 h */
  assert_close(kn_soreness_time(1), 48 * KN_HOUR, 0.0);
  kn_data_free(d);
  kn_model_free(m);
  o = run("3 h", "gastrocnemius", &m, &d);
  assert_close(o->doms_massage_time, 0.0, 0.0);
  assert_close(o->doms_factor, 1.0, 0.0);
  kn_data_free(d);
  kn_model_free(m);
  o = run("1439 min", "biceps_brachii", &m, &d);
  assert_close(o->doms_massage_time, 60.0, 1e-6);
  kn_data_free(d);
  kn_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(shape_at_cited_points),    cmocka_unit_test(bout_dose),
      cmocka_unit_test(massage_at_48h),           cmocka_unit_test(table_defaults),
      cmocka_unit_test(massage_minutes_of_a_run),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
