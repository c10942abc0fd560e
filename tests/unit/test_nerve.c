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

/* Fast transport at the calibrated curve (logistic centred at 25 mmHg, width 2.5; recovery time
 * constant 1 day): dose 1 after 2 h at 30 mmHg by construction; after 1 h a little over half
 * (0.50124175, the recovery term makes the build concave); 20 mmHg for 2 h 0.13109362 (open),
 * worked out with the closed form of dD/dt = c d - (1 - d) D / 1 day. */
static void transport_dose_graded(void **state) {
  (void)state;
  kn_nerve_state a = hold(30.0, 0.01, KN_HOUR), b = hold(30.0, 0.01, 2 * KN_HOUR);
  assert_close(a.transport_dose, 0.5012417509, 1e-8);
  assert_close(b.transport_dose, 1.0, 1e-8);
  assert_close(hold(20.0, 0.01, 2 * KN_HOUR).transport_dose, 0.1310936237, 1e-8);
}

static void injury_dose_and_edge(void **state) {
  (void)state;
  /* dose rate: x = (p*edge - 50 mmHg) / 30 mmHg, 16 tanh(x / 16) / (16 tanh(1 / 16)) per 2 h:
   * 110 mmHg (x = 2) gives tanh(1/8) / tanh(1/16) / 7200 = 2.7670e-4 per s, not 2 / 7200 */
  double r = kn_nerve_injury_rate(&np, 110.0 * KN_MMHG, 0.005);
  assert_close(r, 2.7669972798e-4, 1e-13);
  /* a loaded length 10x the edge length divides the deforming pressure by 10 */
  assert_close(kn_nerve_injury_rate(&np, 1100.0 * KN_MMHG, 0.1), r, 1e-12);
  assert_close(kn_nerve_injury_rate(&np, 50.0 * KN_MMHG, 0.005), 0.0, 0.0);
  assert_int_equal(hold(400.0, 0.01, 2 * KN_HOUR).grade, KN_NERVE_SEVERE);
  assert_int_equal(hold(80.0, 0.01, KN_HOUR).grade < KN_NERVE_INJURY, 1);
}

/* 10 % residual perfusion (about 55 mmHg on the nerve) blocks the motor fibres in 50 min:
 * (1 - 0.1 / 0.25) / 30 min builds the deficit to 1 in 50 min, where the former model (recovery
 * at q / 3 min) held it at 0.9 for ever. Sensory fibres (all blocked at 0.6) go at 30 min. */
static void residual_perfusion_blocks(void **state) {
  (void)state;
  double p = np.perfusion_p50 + np.perfusion_width * log(9.0); /* q = 0.1 up to 1e-3 */
  kn_nerve_state s;
  kn_nerve_reset(&s);
  double t_sensory = -1.0, t_motor = -1.0;
  for (int i = 1; i <= 2 * 36000; i++) {
    kn_nerve_step(&np, &s, p, 0.01, 0.1);
    if (t_sensory < 0.0 && s.conduction_fibre[KN_FIBRE_SENSORY] <= 0.0) t_sensory = i * 0.1;
    if (t_motor < 0.0 && s.conduction <= 0.0) t_motor = i * 0.1;
  }
  assert_close(s.perfusion, 0.1, 1e-3);
  assert_close(t_sensory, 0.6 * 50.0 * KN_MIN, 20.0); /* q is 0.1 only to 1e-3: +-0.4 % */
  assert_close(t_motor, 50.0 * KN_MIN, 20.0);
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
      cmocka_unit_test(perfusion_falls_monotonically), cmocka_unit_test(block_builds_and_recovers),
      cmocka_unit_test(paresthesia_before_block),      cmocka_unit_test(transport_dose_graded),
      cmocka_unit_test(residual_perfusion_blocks),     cmocka_unit_test(injury_dose_and_edge),
      cmocka_unit_test(bad_pressure_is_no_load),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
