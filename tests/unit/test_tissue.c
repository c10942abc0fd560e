/* SPDX-License-Identifier: Apache-2.0 */
/* Tissue: the Linder-Ganz threshold, Miner accumulation, the bruise dose-response and its grades,
 * soreness saturating per site. */
#include "test_common.h"

#include "core/params.h"
#include "core/units.h"
#include "knead/tissue.h"
#include "sim/sim_internal.h"

static kn_tissue_params tp;

static int setup(void **state) {
  (void)state;
  kn_params p;
  kn_nerve_params np;
  kn_params_default(&p);
  kn_module_params(&p, &np, &tp);
  return 0;
}

static void threshold_is_a_falling_sigmoid(void **state) {
  (void)state;
  assert_true(isinf(kn_muscle_death_threshold(&tp, 10 * KN_MIN)));
  double prev = INFINITY;
  for (double t = 15 * KN_MIN; t <= 4 * KN_HOUR; t += 5 * KN_MIN) {
    double p = kn_muscle_death_threshold(&tp, t);
    assert_true(p <= prev && p >= tp.death_p_low && p <= tp.death_p_high);
    prev = p;
  }
}

static void death_time_inverts_threshold(void **state) {
  (void)state;
  for (double kpa = 10.0; kpa < 31.9; kpa += 1.7) {
    double t = kn_muscle_death_time(&tp, kpa * KN_KPA);
    if (t > tp.death_t_min) assert_close(kn_muscle_death_threshold(&tp, t), kpa * KN_KPA, 1e-6);
  }
  assert_true(isinf(kn_muscle_death_time(&tp, 8.0 * KN_KPA)));
  assert_close(kn_muscle_death_time(&tp, 200.0 * KN_KPA), tp.death_t_min, 0.0);
}

static void miner_sum_of_intermittent_load(void **state) {
  (void)state;
  /* half the time at 100 kPa: death after twice the minimum time */
  kn_muscle_state s = {0};
  double t = 0.0;
  while (s.damage < 1.0 && t < KN_HOUR) {
    kn_muscle_step(&tp, &s, 100.0 * KN_KPA, 1.0);
    kn_muscle_step(&tp, &s, 0.0, 1.0);
    t += 2.0;
  }
  assert_close(t, 2.0 * tp.death_t_min, 2.0);
  assert_close(s.p_peak, 100.0 * KN_KPA, 0.0);
}

static void bruise_grades(void **state) {
  (void)state;
  assert_int_equal(kn_bruise_grade_of(0.0), KN_BRUISE_NONE);
  assert_int_equal(kn_bruise_grade_of(0.049), KN_BRUISE_NONE);
  assert_int_equal(kn_bruise_grade_of(0.05), KN_BRUISE_POSSIBLE);
  assert_int_equal(kn_bruise_grade_of(0.5), KN_BRUISE_LIKELY);
  assert_string_equal(kn_bruise_grade_name(KN_BRUISE_LIKELY), "likely");
}

/* Probability of a bruise after `n` holds of `t` seconds at `ratio` times the ISO force limit. */
static double holds(double ratio, double t, int n, double fragility) {
  double dose = 0.0;
  for (int i = 0; i < n; i++)
    dose += kn_bruise_dose_rate(ratio) * t;
  return kn_bruise_probability(&tp, dose, fragility);
}

static void bruise_dose_response(void **state) {
  (void)state;
  /* the ISO force limit is the lowest energy that could bruise: nothing at or below it, even held
   */
  assert_close(holds(1.0, 60.0, 10, 1.0), 0.0, 0.0);
  assert_close(holds(0.5, 60.0, 10, 8.0), 0.0, 0.0);
  assert_true(holds(1.05, 1.0, 1, 1.0) < 0.001);
  /* 50 % only at several times the limit: a 1 s load at 1 + sqrt(dose50 / 1 s) times it (6.2x) */
  double several = 1.0 + sqrt(tp.bruise_dose50);
  assert_true(several > 3.0);
  assert_close(holds(several, 1.0, 1, 1.0), 0.5, 1e-12);
  assert_true(holds(2.0, 1.0, 1, 1.0) < 0.1);
  assert_true(holds(3.0, 1.0, 1, 1.0) < 0.2);
  /* monotone in force, repetitions, duration, age and anticoagulants */
  double prev = 0.0;
  for (double r = 1.1; r < 5.0; r += 0.1) {
    double p = holds(r, 2.0, 3, 1.0);
    assert_true(p > prev);
    prev = p;
  }
  assert_true(holds(1.5, 2.0, 10, 1.0) > holds(1.5, 2.0, 3, 1.0));
  assert_true(holds(1.5, 6.0, 3, 1.0) > holds(1.5, 2.0, 3, 1.0));
  double young = kn_bruise_fragility(&tp, 30.0, 0), old = kn_bruise_fragility(&tp, 80.0, 0);
  double anticoag = kn_bruise_fragility(&tp, 30.0, 1);
  assert_close(young, 1.0, 0.0);
  assert_true(old > young && anticoag > young);
  assert_true(kn_bruise_fragility(&tp, 80.0, 1) > old);
  assert_true(holds(1.5, 2.0, 3, old) > holds(1.5, 2.0, 3, young));
  assert_true(holds(1.5, 2.0, 3, anticoag) > holds(1.5, 2.0, 3, young));
  assert_true(holds(1e3, 1e3, 10, 10.0) <= 1.0);
}

static void soreness_probability(void **state) {
  (void)state;
  assert_close(kn_soreness_site_probability(&tp, 0.0), 0.0, 0.0);
  assert_close(kn_soreness_site_probability(&tp, tp.soreness_site_sat),
               tp.soreness_site_max * (1.0 - exp(-1.0)), 1e-12);
  /* one site saturates at its ceiling, however long it is worked */
  assert_close(kn_soreness_site_probability(&tp, 1e9), tp.soreness_site_max, 1e-12);
  /* 5 min of focal deep work on one site at twice the mean pain threshold (load 4 x 5 min) gives
   * less than a one-hour session that works ten sites at 0.6 of it for 6 min each */
  double focal = 4.0 * 5.0 * KN_MIN;
  double hour[10];
  for (int i = 0; i < 10; i++)
    hour[i] = 0.36 * 6.0 * KN_MIN;
  assert_true(kn_soreness_probability(&tp, &focal, 1) < kn_soreness_probability(&tp, hour, 10));
  double none[3] = {0.0, 0.0, 0.0};
  assert_close(kn_soreness_probability(&tp, none, 3), 0.0, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(threshold_is_a_falling_sigmoid),
      cmocka_unit_test(death_time_inverts_threshold),
      cmocka_unit_test(miner_sum_of_intermittent_load),
      cmocka_unit_test(bruise_grades),
      cmocka_unit_test(bruise_dose_response),
      cmocka_unit_test(soreness_probability),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
