/* SPDX-License-Identifier: Apache-2.0 */
/* Hill-type muscle curves: values at the key points of the documented shapes, continuity of the
 * curves and of their slopes at the joins, monotonic pieces. */
#include "test_common.h"

#include "knead/neuromuscular.h"

static kn_hill_params hp;

static int setup(void **state) {
  (void)state;
  kn_hill_params_default(&hp);
  return 0;
}

/* Central-difference slope and the jump across x (should be ~0 for a C1 curve). */
typedef double (*curve_fn)(const kn_hill_params *, double);

static void assert_smooth_at(curve_fn f, double x) {
  const double h = 1e-7;
  double left = f(&hp, x - h), mid = f(&hp, x), right = f(&hp, x + h);
  assert_close(left, mid, 1e-5);
  assert_close(right, mid, 1e-5);
  double sl = (mid - f(&hp, x - 2e-4)) / 2e-4, sr = (f(&hp, x + 2e-4) - mid) / 2e-4;
  assert_close(sl, sr, 5e-3 * fmax(1.0, fabs(sl))); /* one-sided slopes agree */
}

static void defaults(void **state) {
  (void)state;
  assert_close(hp.lmin, 0.5, 0.0);
  assert_close(hp.lmax, 1.6, 0.0);
  assert_close(hp.vmax, 10.0, 0.0); /* thelen2003 */
  assert_close(hp.af, 0.25, 0.0);
  assert_close(hp.fpmax, 1.3, 0.0);
  assert_close(hp.fvmax, 1.2, 0.0);
  assert_close(hp.t_act, 0.010, 0.0);
  assert_close(hp.t_deact, 0.040, 0.0);
}

static void force_length(void **state) {
  (void)state;
  assert_close(kn_hill_fl(&hp, 1.0), 1.0, 0.0);
  assert_close(kn_hill_fl(&hp, hp.lmin), 0.0, 0.0);
  assert_close(kn_hill_fl(&hp, hp.lmax), 0.0, 0.0);
  assert_close(kn_hill_fl(&hp, 0.3), 0.0, 0.0);
  assert_close(kn_hill_fl(&hp, 2.0), 0.0, 0.0);
  /* half force halfway between each end and the optimum */
  assert_close(kn_hill_fl(&hp, 0.5 * (hp.lmin + 1.0)), 0.5, 1e-12);
  assert_close(kn_hill_fl(&hp, 0.5 * (hp.lmax + 1.0)), 0.5, 1e-12);
  /* quadratic from the foot: a quarter of the way up gives 2 (1/4)^2 = 1/8 */
  assert_close(kn_hill_fl(&hp, hp.lmin + 0.25 * (1.0 - hp.lmin)), 0.125, 1e-12);
  assert_close(kn_hill_fl(&hp, hp.lmax - 0.25 * (hp.lmax - 1.0)), 0.125, 1e-12);
  /* and from the top: 1 - 2 (1/4)^2 */
  assert_close(kn_hill_fl(&hp, 1.0 - 0.25 * (1.0 - hp.lmin)), 0.875, 1e-12);
  /* monotonic: rising to L = 1, falling after */
  double prev = 0.0;
  for (double L = hp.lmin; L <= 1.0; L += 0.001) {
    double f = kn_hill_fl(&hp, L);
    assert_true(f >= prev && f <= 1.0);
    prev = f;
  }
  prev = 1.0;
  for (double L = 1.0; L <= hp.lmax; L += 0.001) {
    double f = kn_hill_fl(&hp, L);
    assert_true(f <= prev + 1e-15 && f >= 0.0);
    prev = f;
  }
  double joins[] = {hp.lmin, 0.75, 1.0, 1.3, hp.lmax};
  for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++)
    assert_smooth_at(kn_hill_fl, joins[k]);
  assert_close(kn_hill_fl(&hp, NAN), 0.0, 0.0);
}

/* Thelen's hyperbola at full activation, worked by hand with af = 1/4: f = (1 + v) / (1 + 4 |v|)
 * for v = V/vmax in [-1, 0]; slope 1 + 1/af = 5 at v = 0; lengthening it saturates at
 * c = 2 (fvmax - 1) / 5 = 0.08 for fvmax 1.2. */
static void force_velocity(void **state) {
  (void)state;
  double vm = hp.vmax, c = 2.0 * (hp.fvmax - 1.0) / 5.0;
  assert_close(kn_hill_fv(&hp, 0.0), 1.0, 0.0);
  assert_close(kn_hill_fv(&hp, -vm), 0.0, 0.0);
  assert_close(kn_hill_fv(&hp, -2.0 * vm), 0.0, 0.0);
  assert_close(kn_hill_fv(&hp, -0.5 * vm), 1.0 / 6.0, 1e-12); /* 0.5 / 3 */
  assert_close(kn_hill_fv(&hp, -0.25 * vm), 0.375, 1e-12);    /* 0.75 / 2 */
  assert_close(kn_hill_fv(&hp, c * vm), hp.fvmax, 1e-12);
  assert_close(kn_hill_fv(&hp, 10.0 * vm), hp.fvmax, 0.0);
  /* halfway to saturation: fvmax - (fvmax - 1) / 4 */
  assert_close(kn_hill_fv(&hp, 0.5 * c * vm), hp.fvmax - 0.25 * (hp.fvmax - 1.0), 1e-12);
  /* the slope at 0 is the muscle's viscosity: 5 / vmax = 0.5 per optimal length per second */
  double h = 1e-6;
  assert_close((kn_hill_fv(&hp, h) - kn_hill_fv(&hp, -h)) / (2.0 * h), 5.0 / vm, 1e-6);
  double prev = 0.0;
  for (double V = -1.2 * vm; V <= 1.2 * vm; V += 0.001) {
    double f = kn_hill_fv(&hp, V);
    assert_true(f >= prev && f <= hp.fvmax);
    prev = f;
  }
  /* smooth where the pieces join at 0 and at saturation (at -vmax the hyperbola meets zero with
   * slope 0.2 / vmax, a kink Thelen's curve has too) */
  assert_smooth_at(kn_hill_fv, 0.0);
  assert_smooth_at(kn_hill_fv, c * vm);
  kn_hill_params flat = hp;
  flat.fvmax = 1.0; /* no eccentric enhancement */
  assert_close(kn_hill_fv(&flat, 1.0), 1.0, 0.0);
}

static void passive(void **state) {
  (void)state;
  double b = 0.5 * (1.0 + hp.lmax);
  assert_close(kn_hill_passive(&hp, 0.7), 0.0, 0.0);
  assert_close(kn_hill_passive(&hp, 1.0), 0.0, 0.0);
  assert_close(kn_hill_passive(&hp, hp.lmax), hp.fpmax, 1e-12); /* fpmax at lmax */
  assert_close(kn_hill_passive(&hp, b), hp.fpmax / 3.0, 1e-12);
  /* quadratic below b: half way there is a quarter of the value at b */
  assert_close(kn_hill_passive(&hp, 0.5 * (1.0 + b)), hp.fpmax / 12.0, 1e-12);
  /* linear beyond b, continuing past lmax */
  double s1 = kn_hill_passive(&hp, 1.5) - kn_hill_passive(&hp, 1.4);
  double s2 = kn_hill_passive(&hp, 2.0) - kn_hill_passive(&hp, 1.9);
  assert_close(s1, s2, 1e-12);
  assert_true(kn_hill_passive(&hp, 2.0) > hp.fpmax);
  double prev = 0.0;
  for (double L = 1.0; L <= 2.0; L += 0.001) {
    double f = kn_hill_passive(&hp, L);
    assert_true(f >= prev);
    prev = f;
  }
  assert_smooth_at(kn_hill_passive, 1.0);
  assert_smooth_at(kn_hill_passive, b);
  assert_close(kn_hill_passive(&hp, NAN), 0.0, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(defaults, setup),
      cmocka_unit_test_setup(force_length, setup),
      cmocka_unit_test_setup(force_velocity, setup),
      cmocka_unit_test_setup(passive, setup),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
