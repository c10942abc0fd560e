/* SPDX-License-Identifier: Apache-2.0 */
/* Nerve: perfusion curve, ischaemic block and its recovery, transport and structural doses. */
#include "test_common.h"

#include "core/params.h"
#include "core/units.h"
#include "knead/nerve.h"
#include "sim/sim_internal.h"

static kn_nerve_params np;

static int setup(void **state) {
  (void)state;
  kn_params p;
  kn_tissue_params tp;
  kn_params_default(&p);
  kn_module_params(&p, &np, &tp);
  return 0;
}

static kn_nerve_state hold(double mmhg, double L, double seconds) {
  kn_nerve_state s;
  kn_nerve_reset(&s);
  long n = lround(seconds / 0.1);
  for (long i = 0; i < n; i++)
    kn_nerve_step(&np, &s, mmhg * KN_MMHG, L, 0.1);
  return s;
}

static void perfusion_falls_monotonically(void **state) {
  (void)state;
  double prev = 1.1;
  for (double p = 0; p <= 100; p += 5) {
    double q = kn_nerve_perfusion(&np, p * KN_MMHG);
    assert_true(q < prev && q > 0.0 && q <= 1.0);
    prev = q;
  }
  assert_close(kn_nerve_perfusion(&np, 0.0), 1.0, 1e-15); /* unloaded: fully perfused */
  assert_close(kn_nerve_perfusion(&np, np.perfusion_p50),
               0.5 * (1.0 + exp(-np.perfusion_p50 / np.perfusion_width)), 1e-12);
}

static void block_builds_and_recovers(void **state) {
  (void)state;
  kn_nerve_state s = hold(300.0, 0.1, 8 * KN_MIN);
  assert_true(s.conduction > 0.99); /* no block, not even tingling, at 8 min */
  assert_int_equal(s.grade, KN_NERVE_NONE);
  s = hold(300.0, 0.1, 40 * KN_MIN);
  assert_true(s.conduction < 0.01);
  assert_int_equal(s.grade, KN_NERVE_BLOCK); /* wide cuff: no structural injury */
  for (int i = 0; i < 30 * 600; i++)
    kn_nerve_step(&np, &s, 0.0, 0.1, 0.1);
  assert_true(s.conduction > 0.99);          /* 30 min after release it conducts again */
  assert_int_equal(s.grade, KN_NERVE_BLOCK); /* the grade remembers the worst */
}

static void paresthesia_before_block(void **state) {
  (void)state;
  kn_nerve_state s = hold(300.0, 0.1, 12 * KN_MIN);
  assert_int_equal(s.grade, KN_NERVE_PARESTHESIA);
}

static void transport_dose_linear_in_time(void **state) {
  (void)state;
  kn_nerve_state a = hold(30.0, 0.01, KN_HOUR), b = hold(30.0, 0.01, 2 * KN_HOUR);
  assert_close(a.transport_dose, 0.5, 1e-6);
  assert_close(b.transport_dose, 1.0, 1e-6);
  assert_close(hold(20.0, 0.01, 2 * KN_HOUR).transport_dose, 0.0, 0.0);
}

static void injury_dose_and_edge(void **state) {
  (void)state;
  /* dose rate: (p*edge - 50 mmHg) / 30 mmHg / 2 h */
  double r = kn_nerve_injury_rate(&np, 110.0 * KN_MMHG, 0.005);
  assert_close(r, 2.0 / (2 * KN_HOUR), 1e-12);
  /* a loaded length 10x the edge length divides the deforming pressure by 10 */
  assert_close(kn_nerve_injury_rate(&np, 1100.0 * KN_MMHG, 0.1), r, 1e-12);
  assert_close(kn_nerve_injury_rate(&np, 50.0 * KN_MMHG, 0.005), 0.0, 0.0);
  assert_int_equal(hold(400.0, 0.01, 2 * KN_HOUR).grade, KN_NERVE_SEVERE);
  assert_int_equal(hold(80.0, 0.01, KN_HOUR).grade < KN_NERVE_INJURY, 1);
}

static void bad_pressure_is_no_load(void **state) {
  (void)state;
  kn_nerve_state s;
  kn_nerve_reset(&s);
  kn_nerve_step(&np, &s, NAN, 0.01, 0.1);
  kn_nerve_step(&np, &s, -5.0, 0.01, 0.1);
  assert_true(isfinite(s.ischaemia) && s.injury_dose == 0.0 && s.perfusion > 0.99);
  assert_string_equal(kn_nerve_grade_name(KN_NERVE_SEVERE), "axonal injury");
  assert_string_equal(kn_nerve_grade_name((kn_nerve_grade)9), "?");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(perfusion_falls_monotonically),
      cmocka_unit_test(block_builds_and_recovers),
      cmocka_unit_test(paresthesia_before_block),
      cmocka_unit_test(transport_dose_linear_in_time),
      cmocka_unit_test(injury_dose_and_edge),
      cmocka_unit_test(bad_pressure_is_no_load),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
