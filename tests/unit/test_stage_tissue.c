/* SPDX-License-Identifier: Apache-2.0 */
/* The tissue stage (src/tissue/tissue.h) stepped alone: one region and one muscle built by hand,
 * constant loads, and the outcome checked against sums worked out here (ISO ratios with the
 * transient factor, time over the limit, bruise dose (ratio - 1)^2 t, soreness load (p/PPT)^2 t,
 * Miner's sum of muscle damage). */
#include "test_common.h"

#include "core/units.h"
#include "tissue/tissue.h"

typedef struct world {
  kn_tissue_params tp;
  kn_sites s;
  int regions[1], transient_ok[1], muscles[1], muscle_region[1];
  double ppt_mean[1], p_limit[1], f_limit[1];
  kn_tissue_stage_params p;
  double region_p[1], region_f[1], region_shear[1], region_deep[1], region_rate[1];
  double region_pain[1], muscle_p[1];
  int region_transient[1];
  kn_muscle_state muscle[1];
  kn_region_outcome out[1];
  double soreness;
  kn_tissue_stage_in in;
  kn_tissue_stage_state st;
  kn_tissue_stage_out o;
} world;

static void build(world *w) {
  *w = (world){0};
  w->tp = (kn_tissue_params){.death_p_high = 32e3,
                             .death_p_low = 9e3,
                             .death_t_min = 900.0,
                             .death_t_mid = 5400.0,
                             .death_t_width = 480.0,
                             .shear_ref = 100e3,
                             .bruise_dose50 = 27.0};
  w->s.nregion = w->s.nmuscle = 1;
  w->s.regions = w->regions;
  w->s.transient_ok = w->transient_ok;
  w->s.ppt_mean = w->ppt_mean;
  w->s.p_limit = w->p_limit;
  w->s.f_limit = w->f_limit;
  w->s.muscles = w->muscles;
  w->s.muscle_region = w->muscle_region;
  w->regions[0] = 7; /* an atlas index, kept in the outcome */
  w->transient_ok[0] = 1;
  w->ppt_mean[0] = 400e3;
  w->p_limit[0] = 200e3;
  w->f_limit[0] = 100.0;
  w->p = (kn_tissue_stage_params){&w->tp, &w->s, 2.0, 4266.4, 0.5};
  w->in = (kn_tissue_stage_in){w->region_p,    w->region_f,    w->region_shear,     w->region_deep,
                               w->region_rate, w->region_pain, w->region_transient, w->muscle_p};
  w->st = (kn_tissue_stage_state){w->muscle};
  w->o = (kn_tissue_stage_out){w->out, &w->soreness};
  kn_tissue_stage_reset(&w->p, &w->st, &w->o);
}

/* 300 kPa and 150 N against 200 kPa and 100 N: 1.5 of the quasi-static limits, 0.75 of the
 * transient ones (factor 2) where the region allows them. */
static void ratios_by_hand(void **state) {
  (void)state;
  world w;
  build(&w);
  kn_region_ratios q;
  kn_region_ratios_of(&w.p, 0, 300e3, 150.0, 50e3, 0, &q);
  assert_close(q.iso_p, 1.5, 1e-15);
  assert_close(q.iso_f, 1.5, 1e-15);
  assert_close(q.pain, 0.75, 1e-15);
  assert_close(q.bruise, 1.5, 1e-15); /* force ratio beats shear 50/100 kPa */
  kn_region_ratios_of(&w.p, 0, 300e3, 150.0, 250e3, 1, &q);
  assert_close(q.iso_p, 0.75, 1e-15);
  assert_close(q.iso_f, 0.75, 1e-15);
  assert_close(q.bruise, 2.5, 1e-15); /* shear 250 / 100 kPa beats the transient force ratio */
  w.transient_ok[0] = 0;              /* a region where ISO allows no transient contact */
  kn_region_ratios_of(&w.p, 0, 300e3, 150.0, 0.0, 1, &q);
  assert_close(q.iso_f, 1.5, 1e-15);
}

/* 10 s at 300 kPa, 150 N, pain probability 0.6, quasi-static: 10 s over the limit, occluded and
 * in pain; bruise dose (1.5 - 1)^2 x 10 = 2.5 s; soreness load (300/400)^2 x 10 = 5.625 s. The
 * muscle under 40 kPa (above death_p_high) dies after death_t_min = 900 s: damage 10/900. */
static void ten_seconds_of_load(void **state) {
  (void)state;
  world w;
  build(&w);
  w.region_p[0] = 300e3;
  w.region_f[0] = 150.0;
  w.region_pain[0] = 0.6;
  w.region_rate[0] = 80.0;
  w.region_deep[0] = 12e3;
  w.muscle_p[0] = 40e3;
  for (int i = 0; i < 1000; i++)
    assert_int_equal(kn_tissue_stage_step(&w.p, &w.in, &w.st, &w.o, 0.01), 0);
  const kn_region_outcome *o = &w.out[0];
  assert_int_equal(o->region, 7);
  assert_close(o->p_peak, 300e3, 0.0);
  assert_close(o->p_ratio, 1.5, 1e-15);
  assert_close(o->f_ratio, 1.5, 1e-15);
  assert_close(o->t_over_limit, 10.0, 1e-9);
  assert_close(o->t_occluded, 10.0, 1e-9);
  assert_close(o->t_pain, 10.0, 1e-9);
  assert_close(o->pain_peak, 0.6, 0.0);
  assert_close(o->bruise_index, 1.5, 1e-15);
  assert_close(o->bruise_dose, 2.5, 1e-9);
  assert_close(o->soreness_load, 5.625, 1e-9);
  assert_close(w.soreness, 5.625, 1e-9);
  assert_close(o->force_rate_peak, 80.0, 0.0);
  assert_close(o->deep_shear_peak, 12e3, 0.0);
  assert_close(w.muscle[0].damage, 10.0 / 900.0, 1e-12);
}

/* Under the limits nothing accumulates but the soreness load; a transient contact over the
 * quasi-static limit but under the transient one counts no time over the limit. */
static void under_the_limits(void **state) {
  (void)state;
  world w;
  build(&w);
  w.region_p[0] = 300e3;
  w.region_f[0] = 150.0;
  w.region_transient[0] = 1;
  w.region_pain[0] = 0.4;
  for (int i = 0; i < 100; i++)
    kn_tissue_stage_step(&w.p, &w.in, &w.st, &w.o, 0.01);
  assert_close(w.out[0].t_over_limit, 0.0, 0.0);
  assert_close(w.out[0].bruise_dose, 0.0, 0.0);
  assert_close(w.out[0].t_pain, 0.0, 0.0);
  assert_close(w.out[0].p_ratio, 0.75, 1e-15);
  assert_close(w.out[0].soreness_load, 0.5625, 1e-12);
  assert_close(w.muscle[0].damage, 0.0, 0.0);
}

/* Only the listed muscles step. */
static void only_the_muscles_listed(void **state) {
  (void)state;
  world w;
  build(&w);
  w.muscle_p[0] = 40e3;
  const int none[1] = {0};
  kn_tissue_stage_step_muscles(&w.p, &w.in, &w.st, none, 0, 1.0);
  assert_close(w.muscle[0].damage, 0.0, 0.0);
  kn_tissue_stage_step_muscles(&w.p, &w.in, &w.st, none, 1, 9.0);
  assert_close(w.muscle[0].damage, 0.01, 1e-15);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(ratios_by_hand),
      cmocka_unit_test(ten_seconds_of_load),
      cmocka_unit_test(under_the_limits),
      cmocka_unit_test(only_the_muscles_listed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
