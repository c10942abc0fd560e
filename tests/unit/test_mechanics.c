/* SPDX-License-Identifier: Apache-2.0 */
/* Mechanics: the Boussinesq field, its table, bone backing and pain probability. */
#include "test_common.h"

#include <stdlib.h>

#include "core/units.h"
#include "knead/mechanics.h"

static void axis_closed_form_known_values(void **state) {
  (void)state;
  /* sigma_z/p = 1 - (1 + (a/z)^2)^(-3/2): at z = a, 1 - 2^(-1.5); at z -> 0, 1; at z = 2a, 0.2845
   */
  assert_close(kn_boussinesq_axis(1.0, 1.0, 1.0), 1.0 - pow(2.0, -1.5), 1e-15);
  assert_close(kn_boussinesq_axis(1.0, 1.0, 0.0), 1.0, 0.0);
  assert_close(kn_boussinesq_axis(1.0, 1.0, 2.0), 1.0 - pow(1.25, -1.5), 1e-15);
  assert_close(kn_boussinesq_axis(2.5e5, 0.01, 0.01), 2.5e5 * (1.0 - pow(2.0, -1.5)), 1e-6);
}

static void field_matches_axis_and_decays(void **state) {
  (void)state;
  for (double z = 0.1; z < 6.0; z += 0.7)
    assert_close(kn_boussinesq_field(1.0, 1.0, z, 0.0, 256), kn_boussinesq_axis(1.0, 1.0, z), 1e-9);
  /* off the axis the stress falls, and far away it tends to the point-load value */
  double prev = 2.0;
  for (double r = 0.0; r < 5.0; r += 0.5) {
    double v = kn_boussinesq_field(1.0, 1.0, 1.0, r, 256);
    assert_true(v < prev);
    prev = v;
  }
  /* far away the disc acts as a point force P = p pi a^2 (kernel 3 P z^3 / (2 pi R^5)); the
   * difference shrinks as (a/R)^2: at R = 31.6 a it is well under 1 % */
  double far = kn_boussinesq_field(1.0, 1.0, 10.0, 30.0, 512);
  double R2 = 900.0 + 100.0;
  double point = 1.5 * 1000.0 / (R2 * R2 * sqrt(R2));
  assert_close(far, point, 0.01 * point);
}

static void surface_is_the_load(void **state) {
  (void)state;
  assert_close(kn_boussinesq_field(3.0, 1.0, 0.0, 0.5, 64), 3.0, 0.0);
  assert_close(kn_boussinesq_field(3.0, 1.0, 0.0, 1.5, 64), 0.0, 0.0);
  /* just under the surface inside the disc the stress is nearly the load */
  assert_close(kn_boussinesq_field(1.0, 1.0, 1e-3, 0.5, 2048), 1.0, 1e-2);
}

static void total_force_is_conserved(void **state) {
  (void)state;
  /* the vertical stress integrated over any horizontal plane equals the applied force p pi a^2 */
  double z = 1.0, sum = 0.0, dr = 0.02;
  for (double r = dr / 2; r < 40.0; r += dr)
    sum += kn_boussinesq_field(1.0, 1.0, z, r, 128) * 2.0 * KN_PI * r * dr;
  assert_close(sum, KN_PI, 0.01 * KN_PI);
}

static void table_interpolates_the_field(void **state) {
  (void)state;
  size_t n = kn_stress_table_size(81, 101);
  assert_int_equal(n, 81 * 101);
  double *v = malloc(n * sizeof *v);
  kn_stress_table t;
  assert_int_equal(kn_stress_table_init(&t, 81, 101, 8.0, 10.0, v), 0);
  for (double zeta = 0.2; zeta < 10.0; zeta += 0.37)
    for (double rho = 0.0; rho < 8.0; rho += 0.61) {
      double exact = kn_boussinesq_field(1.0, 1.0, zeta, rho, 512);
      assert_close(kn_stress_table_lookup(&t, rho, zeta), exact, 0.02);
    }
  /* beyond the grid: the point-load far field */
  assert_close(kn_stress_table_lookup(&t, 12.0, 4.0), kn_boussinesq_field(1.0, 1.0, 4.0, 12.0, 512),
               1e-3);
  assert_int_equal(kn_stress_table_init(&t, 1, 101, 8.0, 10.0, v), -2);
  free(v);
}

static void shear_on_axis(void **state) {
  (void)state;
  /* incompressible: no shear at the surface; Johnson gives max shear ~0.3 p below the surface */
  assert_close(kn_boussinesq_axis_shear(1.0, 1.0, 0.0, 0.5), 0.0, 1e-12);
  double best = 0.0;
  for (double z = 0.01; z < 3.0; z += 0.01)
    best = fmax(best, kn_boussinesq_axis_shear(1.0, 1.0, z, 0.5));
  assert_true(best > 0.28 && best < 0.36);
}

static void bone_backing_and_pain(void **state) {
  (void)state;
  assert_close(kn_bone_backed_factor(0.3, 2.0), 0.6, 1e-15);
  assert_close(kn_bone_backed_factor(0.8, 2.0), 1.0, 0.0);
  /* log-normal fitted to mean 4.31, SD 2.09 kgf/cm^2 (Bordachar 2019, upper trapezius): by hand,
   * sigma^2 = ln(1 + 0.48492^2) = 0.21119, median = 4.31 / sqrt(1.23515) = 3.8781 kgf/cm^2 */
  const double kgf = 98066.5; /* Pa per kgf/cm^2 */
  double mean = 4.31 * kgf, sd = 2.09 * kgf, median = 3.8781 * kgf;
  assert_close(kn_pain_probability(median, mean, sd), 0.5, 1e-4);
  assert_close(kn_pain_median(mean, sd), median, 1e-4 * kgf);
  assert_close(kn_pain_probability(kn_pain_median(mean, sd), mean, sd), 0.5, 1e-12);
  /* one SD above the mean: z = ln(6.40 / 3.8781) / 0.45955 = 1.0901, Phi = 0.8622 */
  assert_close(kn_pain_probability(mean + sd, mean, sd), 0.8622, 1e-3);
  /* no touch, no pain: no mass at or below zero pressure */
  assert_close(kn_pain_probability(0.0, mean, sd), 0.0, 0.0);
  assert_close(kn_pain_probability(-1.0, mean, sd), 0.0, 0.0);
  assert_true(kn_pain_probability(1.0, mean, sd) < 1e-12);
  /* a light stroke (5 kPa) is not painful to 2 % of people any more */
  assert_true(kn_pain_probability(5e3, mean, sd) < 1e-9);
  assert_close(kn_pain_probability(1.0, 2.0, 0.0), 0.0, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(axis_closed_form_known_values),
      cmocka_unit_test(field_matches_axis_and_decays),
      cmocka_unit_test(surface_is_the_load),
      cmocka_unit_test(total_force_is_conserved),
      cmocka_unit_test(table_interpolates_the_field),
      cmocka_unit_test(shear_on_axis),
      cmocka_unit_test(bone_backing_and_pain),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
