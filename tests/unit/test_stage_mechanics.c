/* SPDX-License-Identifier: Apache-2.0 */
/* The mechanics stage (src/mechanics/mechanics.h) stepped alone: sites, contacts and outputs built
 * by hand, checked against the closed forms worked out here (Boussinesq on the axis, Johnson's
 * axial stresses, the log-normal median), not against numbers the code printed. */
#include "test_common.h"

#include <string.h>

#include "core/units.h"
#include "mechanics/mechanics.h"

enum { NREG_ATLAS_MAX = 64, NRHO = 81, NZETA = 101 };

/* One region (local 0) holding one nerve and one muscle at hand-set depths; the atlas gives only
 * the nerve's course and the muscle's centre. */
typedef struct world {
  kn_sites s;
  int regions[1], region_local[NREG_ATLAS_MAX], transient_ok[1];
  double ppt_mean[1], ppt_sd[1], p_limit[1], f_limit[1], fat[1], mid_muscle[1];
  int nerves[1], nerve_region[1], muscles[1], muscle_region[1];
  double nerve_depth[1], muscle_depth[1];
  int nerve_first[2], nerve_list[1], muscle_first[2], muscle_list[1];
  kn_pain_curve pain[1];
  kn_stress_table table;
  kn_mechanics_params p;
  double region_p[1], region_f[1], region_shear[1], region_deep[1], region_rate[1];
  double region_pain[1], region_tc[1], nerve_p[1], nerve_len[1], muscle_p[1];
  int region_transient[1];
  kn_mechanics_out o;
} world;

static double table_values[NRHO * NZETA];
static world w;
static int nerve_atlas, muscle_atlas, region_atlas;

static int setup(void **state) {
  (void)state;
  assert_int_equal(kn_stress_table_init(&w.table, NRHO, NZETA, 8.0, 10.0, table_values), 0);
  return 0;
}

/* Contacts of radius 10 mm over a nerve 10 mm deep (z/a = 1, a grid point of the table). */
static void build(void) {
  nerve_atlas = kn_atlas_find_nerve("spinal_accessory");
  muscle_atlas = kn_atlas_find_muscle("upper_trapezius");
  region_atlas = kn_atlas_find_region("neck_lateral");
  assert_true(nerve_atlas >= 0 && muscle_atlas >= 0 && region_atlas >= 0);
  assert_false(kn_atlas_nerve((size_t)nerve_atlas)->on_bone); /* plain half-space stress */
  assert_true(kn_atlas_region_count() <= NREG_ATLAS_MAX);
  kn_sites *s = &w.s;
  *s = (kn_sites){1,
                  1,
                  1,
                  w.regions,
                  w.region_local,
                  w.ppt_mean,
                  w.ppt_sd,
                  w.p_limit,
                  w.f_limit,
                  w.transient_ok,
                  w.fat,
                  w.mid_muscle,
                  w.nerves,
                  w.nerve_region,
                  w.nerve_depth,
                  w.muscles,
                  w.muscle_region,
                  w.muscle_depth,
                  w.nerve_first,
                  w.nerve_list,
                  w.muscle_first,
                  w.muscle_list,
                  w.pain};
  for (int r = 0; r < NREG_ATLAS_MAX; r++)
    w.region_local[r] = -1;
  w.region_local[region_atlas] = 0;
  w.regions[0] = region_atlas;
  w.ppt_mean[0] = 400e3;
  w.ppt_sd[0] = 300e3; /* cv 0.75: median 400 / sqrt(1 + 0.5625) = 320 kPa */
  w.pain[0] = kn_pain_curve_of(w.ppt_mean[0], w.ppt_sd[0]);
  w.mid_muscle[0] = 10e-3;
  w.nerves[0] = nerve_atlas;
  w.nerve_depth[0] = 10e-3;
  w.muscles[0] = muscle_atlas;
  w.muscle_depth[0] = 20e-3;
  w.nerve_first[0] = 0, w.nerve_first[1] = 1, w.nerve_list[0] = 0;
  w.muscle_first[0] = 0, w.muscle_first[1] = 1, w.muscle_list[0] = 0;
  w.p = (kn_mechanics_params){s, &w.table, 0.5, 2.0, 0.5};
  w.o = (kn_mechanics_out){w.region_p,    w.region_f,    w.region_shear, w.region_deep,
                           w.region_rate, w.region_pain, w.region_tc,    w.region_transient,
                           w.nerve_p,     w.nerve_len,   w.muscle_p};
}

/* A contact of radius 10 mm and force f at the start of the nerve's course. */
static kn_contact_load hand(double f) {
  const kn_nerve *nv = kn_atlas_nerve((size_t)nerve_atlas);
  double a = 10e-3, area = KN_PI * a * a;
  return (kn_contact_load){region_atlas, 1, nv->x0, nv->y0, a, area, f / area, f, 0.0, 0.0, 0.1};
}

static void boussinesq_on_axis(void **state) {
  (void)state;
  build();
  kn_contact_load c = hand(50.0);
  kn_mechanics_in in = {&c, 1};
  assert_int_equal(kn_mechanics_step(&w.p, &in, &w.o, 1e-3), 0);
  /* p = 50 N / (pi 1e-4 m^2) = 159154.9 Pa; at z = a: sigma_z = p (1 - 2^-1.5) = 0.6464466 p */
  assert_close(w.region_p[0], 159154.94, 0.01);
  assert_close(w.nerve_p[0], 0.6464466 * 159154.94, 1e-4 * 102885.6);
  /* loaded length: the contact's diameter plus the depth, 20 + 10 mm */
  assert_close(w.nerve_len[0], 30e-3, 1e-12);
  /* Johnson eq. 3.41 on the axis at z = a, nu = 0.5: sigma_z = 0.6464466 p, sigma_r =
   * 0.5 p (2 - 3 / sqrt 2 + 2^-1.5) = 0.1161165 p, shear = (0.6464466 - 0.1161165) / 2 p */
  assert_close(w.region_deep[0], 0.2651650 * 159154.94, 1.0);
  assert_close(w.region_f[0], 50.0, 0.0);
  assert_int_equal(w.region_transient[0], 1); /* 0.1 s old: transient */
  assert_close(w.region_tc[0], 0.1, 0.0);
}

static void hands_add_and_the_strongest_sets_the_length(void **state) {
  (void)state;
  build();
  kn_contact_load c[2] = {hand(50.0), hand(50.0)};
  c[1].radius = 5e-3; /* a smaller hand with the same pressure: less load at depth */
  c[1].area = KN_PI * 25e-6;
  c[1].force = c[1].p * c[1].area;
  c[1].t_contact = 0.6;
  kn_mechanics_in in = {c, 2};
  kn_mechanics_step(&w.p, &in, &w.o, 1e-3);
  /* second disc: z/a = 2: 1 - (1 + 1/4)^-1.5 = 1 - 0.7155418 = 0.2844582 */
  assert_close(w.nerve_p[0], (0.6464466 + 0.2844582) * 159154.94, 1e-4 * 148000.0);
  assert_close(w.nerve_len[0], 30e-3, 1e-12); /* set by the larger hand, which loads it most */
  assert_int_equal(w.region_transient[0], 0); /* one contact is 0.6 s old */
  assert_close(w.region_tc[0], 0.6, 0.0);
}

static void pain_half_at_the_median(void **state) {
  (void)state;
  build();
  kn_contact_load c = hand(320e3 * KN_PI * 1e-4); /* surface pressure 320 kPa, the median */
  kn_mechanics_in in = {&c, 1};
  kn_mechanics_step(&w.p, &in, &w.o, 1e-3);
  assert_close(w.region_pain[0], 0.5, 1e-9);
}

static void shear_rate_and_lifted_hands(void **state) {
  (void)state;
  build();
  kn_contact_load c[3] = {hand(20.0), hand(0.0), hand(90.0)};
  c[0].shear = 10.0; /* N over pi 1e-4 m^2: 31831 Pa */
  c[1].active = 0;
  c[1].force_rate = 400.0; /* a hand lifting still counts for the fastest force change */
  c[2].region = -1;        /* not on the body: loads nothing */
  kn_mechanics_in in = {c, 3};
  kn_mechanics_step(&w.p, &in, &w.o, 1e-3);
  assert_close(w.region_shear[0], 10.0 / (KN_PI * 1e-4), 1e-6);
  assert_close(w.region_rate[0], 400.0, 0.0);
  assert_close(w.region_f[0], 20.0, 0.0);
  /* with nothing pressing, every output is zero */
  c[0].active = 0;
  kn_mechanics_step(&w.p, &in, &w.o, 1e-3);
  assert_true(w.region_p[0] == 0.0 && w.nerve_p[0] == 0.0 && w.muscle_p[0] == 0.0);
  assert_true(w.region_pain[0] == 0.0 && w.nerve_len[0] == 0.0);
}

/* The muscle 20 mm under a 10 mm disc centred on it: 1 - (1 + 1/4)^-1.5 = 0.2844582 of p. */
static void muscle_on_axis(void **state) {
  (void)state;
  build();
  const kn_muscle *mu = kn_atlas_muscle((size_t)muscle_atlas);
  kn_contact_load c = hand(50.0);
  c.x = mu->x, c.y = mu->y;
  kn_mechanics_in in = {&c, 1};
  kn_mechanics_step(&w.p, &in, &w.o, 1e-3);
  assert_close(w.muscle_p[0], 0.2844582 * 159154.94, 1e-4 * 45272.0);
}

/* A region holding more nerves than one pass over the contacts tracks (11 > 8; the atlas has at
 * most 6): every nerve, in the first pass or a later one, gets the same sum and loaded length.
 * Hand A: radius 10 mm at p; hand B: radius 20 mm at p / 2, both over the nerve's start. On the
 * axis sigma_z / p = 1 - (1 + (a/z)^2)^-1.5: at z = 10 mm A 0.6464466, B 0.5 x 0.9105573 =
 * 0.4552786 (A loads most: length 20 + 10 mm); at z = 20 mm A 0.2844582, B 0.5 x 0.6464466 =
 * 0.3232233 (B loads most: length 40 + 20 mm). */
static void many_nerves_take_more_passes(void **state) {
  (void)state;
  enum { N = 11 };
  static int nerves[N], nerve_region[N], nerve_list[N], nerve_first[2] = {0, N};
  static double depth[N], nerve_p[N], nerve_len[N];
  build();
  for (int i = 0; i < N; i++) {
    nerves[i] = nerve_atlas, nerve_region[i] = 0, nerve_list[i] = i;
    depth[i] = i % 2 ? 20e-3 : 10e-3;
  }
  w.s.nnerve = N;
  w.s.nerves = nerves, w.s.nerve_region = nerve_region, w.s.nerve_depth = depth;
  w.s.nerve_first = nerve_first, w.s.nerve_list = nerve_list;
  w.o.nerve_p = nerve_p, w.o.nerve_len = nerve_len;
  kn_contact_load c[2] = {hand(50.0), hand(50.0)};
  c[1].radius = 20e-3;
  c[1].area = KN_PI * 4e-4;
  c[1].p = 0.5 * c[0].p;
  c[1].force = c[1].p * c[1].area;
  kn_mechanics_in in = {c, 2};
  kn_mechanics_step(&w.p, &in, &w.o, 1e-3);
  for (int i = 0; i < N; i++) {
    double share = i % 2 ? 0.2844582 + 0.3232233 : 0.6464466 + 0.4552786;
    assert_close(nerve_p[i], share * 159154.94, 1e-4 * 175000.0);
    assert_close(nerve_len[i], i % 2 ? 60e-3 : 30e-3, 1e-12);
  }
}

/* The fitted curve gives kn_pain_probability's numbers exactly (the simulator's and the monitor's
 * outputs must not move), and with no spread it is a step at the mean. */
static void pain_curve_as_the_formula(void **state) {
  (void)state;
  kn_pain_curve c = kn_pain_curve_of(400e3, 300e3);
  double ps[] = {-1.0, 0.0, 1.0, 120e3, 320e3, 400e3, 2e6};
  for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
    assert_true(kn_pain_curve_probability(&c, ps[i]) == kn_pain_probability(ps[i], 400e3, 300e3));
  kn_pain_curve step = kn_pain_curve_of(400e3, 0.0);
  assert_true(kn_pain_curve_probability(&step, 399e3) == 0.0);
  assert_true(kn_pain_curve_probability(&step, 400e3) == 1.0);
  kn_pain_curve none = kn_pain_curve_of(0.0, 300e3); /* no threshold: never pain */
  assert_true(kn_pain_curve_probability(&none, 1e6) == 0.0);
}

/* Depths follow the fat: below the fat a structure moves with the fat's change, inside it in
 * proportion, above it not at all. */
static void fitted_depth_by_hand(void **state) {
  (void)state;
  kn_region r = {0};
  r.skin = 2e-3;
  r.fat = 10e-3;
  assert_close(kn_fitted_depth(&r, 20e-3, 1.5), 25e-3, 1e-15); /* 20 + 10 x 0.5 */
  assert_close(kn_fitted_depth(&r, 7e-3, 1.5), 9.5e-3, 1e-15); /* 2 + 5 x 1.5 */
  assert_close(kn_fitted_depth(&r, 1e-3, 1.5), 1e-3, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(boussinesq_on_axis),
      cmocka_unit_test(hands_add_and_the_strongest_sets_the_length),
      cmocka_unit_test(pain_half_at_the_median),
      cmocka_unit_test(shear_rate_and_lifted_hands),
      cmocka_unit_test(muscle_on_axis),
      cmocka_unit_test(fitted_depth_by_hand),
      cmocka_unit_test(many_nerves_take_more_passes),
      cmocka_unit_test(pain_curve_as_the_formula),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
