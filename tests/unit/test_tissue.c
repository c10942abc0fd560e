/* Tissue: the Linder-Ganz threshold, Miner accumulation, bruise grades, soreness. */
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
  assert_int_equal(kn_bruise_grade_of(0.5), KN_BRUISE_NONE);
  assert_int_equal(kn_bruise_grade_of(0.7), KN_BRUISE_POSSIBLE);
  assert_int_equal(kn_bruise_grade_of(1.0), KN_BRUISE_LIKELY);
  assert_string_equal(kn_bruise_grade_name(KN_BRUISE_LIKELY), "likely");
}

static void soreness_probability(void **state) {
  (void)state;
  assert_close(kn_soreness_probability(&tp, 0.0), 0.0, 0.0);
  assert_close(kn_soreness_probability(&tp, tp.soreness_ref), 1.0 - exp(-1.0), 1e-12);
  assert_true(kn_soreness_probability(&tp, 1e9) <= 1.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(threshold_is_a_falling_sigmoid),
      cmocka_unit_test(death_time_inverts_threshold),
      cmocka_unit_test(miner_sum_of_intermittent_load),
      cmocka_unit_test(bruise_grades),
      cmocka_unit_test(soreness_probability),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
