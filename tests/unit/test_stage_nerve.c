/* SPDX-License-Identifier: Apache-2.0 */
/* The nerve stage (src/nerve/nerve.h) stepped alone over hand-built nerves and pressures, checked
 * against numbers worked out here from the model's formulas (perfusion at the p50, the ischaemic
 * deficit without flow, the time a grade is stamped with). */
#include "test_common.h"

#include "core/units.h"
#include "nerve/nerve.h"

/* Round numbers, not the parameter table's: the test checks the stage, not the calibration. */
static kn_nerve_params params(void) {
  kn_nerve_params np = {0};
  np.perfusion_p50 = 40.0 * KN_MMHG;
  np.perfusion_width = 5.0 * KN_MMHG;
  np.block_time = 1800.0;
  np.recovery_time = 180.0;
  np.paresthesia_level = 0.3;
  np.transport_p_no = 20.0 * KN_MMHG;
  np.transport_p_yes = 30.0 * KN_MMHG;
  np.transport_time = 7200.0;
  np.injury_p_safe = 50.0 * KN_MMHG;
  np.injury_p_ref = 80.0 * KN_MMHG;
  np.injury_time_ref = 7200.0;
  np.severe_dose = 4.0;
  np.edge_length = 10e-3;
  np.ischaemic_perfusion = 0.5;
  np.conduction_onset = 0.5;
  np.block_level = 0.95;
  np.ischaemia_max = 1.5;
  return np;
}

enum { N = 3 };

typedef struct nerves {
  kn_nerve_params np;
  kn_nerve_stage_params p;
  kn_nerve_state states[N];
  double t_grade[N], pressure[N], len[N];
  kn_nerve_stage_state s;
  kn_nerve_stage_out o;
} nerves;

static void build(nerves *w) {
  w->np = params();
  w->p = (kn_nerve_stage_params){&w->np, N};
  w->s = (kn_nerve_stage_state){w->states};
  w->o = (kn_nerve_stage_out){w->t_grade};
  kn_nerve_stage_reset(&w->p, &w->s, &w->o);
  for (int n = 0; n < N; n++)
    w->pressure[n] = w->len[n] = 0.0;
}

/* At the p50 the logistic is at its middle: perfusion = (1 + e^(-p50/width)) / 2 = (1 + e^-8) / 2
 * = 0.50016773 (the unloaded nerve is scaled to exactly 1). */
static void perfusion_half_at_p50(void **state) {
  (void)state;
  nerves w;
  build(&w);
  assert_close(w.states[0].perfusion, 1.0, 0.0);
  assert_close(w.t_grade[1], -1.0, 0.0);
  w.pressure[0] = 40.0 * KN_MMHG;
  kn_nerve_stage_in in = {w.pressure, w.len, 0.0};
  assert_int_equal(kn_nerve_stage_step(&w.p, &in, &w.s, &w.o, 1e-3), 0);
  assert_close(w.states[0].perfusion, 0.50016773, 1e-8);
  assert_close(w.states[1].perfusion, 1.0, 1e-15); /* unloaded */
}

/* Without flow the deficit builds at 1 / block_time: 60 s at 200 mmHg (perfusion ~ 4e-15) give
 * 60 / 1800 = 0.0333; the structural dose grows at (200 - 50) / 30 / 7200 per s over a loaded
 * length under the edge length. */
static void deficit_and_dose_without_flow(void **state) {
  (void)state;
  nerves w;
  build(&w);
  w.pressure[2] = 200.0 * KN_MMHG;
  w.len[2] = 5e-3;
  kn_nerve_stage_in in = {w.pressure, w.len, 0.0};
  for (int i = 0; i < 600; i++) {
    in.t = i * 0.1;
    kn_nerve_stage_step(&w.p, &in, &w.s, &w.o, 0.1);
  }
  assert_close(w.states[2].ischaemia, 60.0 / 1800.0, 1e-9);
  assert_close(w.states[2].injury_dose, 60.0 * 150.0 / 30.0 / 7200.0, 1e-12);
  assert_close(w.states[2].t_ischaemic, 60.0, 1e-9);
  assert_close(w.states[0].ischaemia, 0.0, 0.0);
  /* conduction: all fibres up to the onset (0.5), none at 1, linear between */
  assert_close(kn_nerve_conduction(&w.np, 0.4), 1.0, 0.0);
  assert_close(kn_nerve_conduction(&w.np, 0.75), 0.5, 1e-15);
  assert_close(kn_nerve_conduction(&w.np, 1.2), 0.0, 0.0);
}

/* The grade time is the start of the step in which the grade rose: paresthesia at deficit 0.3,
 * i.e. after 0.3 x 1800 = 540 s without flow: in 1 s steps the 540th step (starting 539 s after the
 * first) reaches 540/1800 = 0.3, or the 541st if the sum rounds just below the threshold. */
static void grade_time_is_the_steps_start(void **state) {
  (void)state;
  nerves w;
  build(&w);
  w.pressure[1] = 200.0 * KN_MMHG;
  w.len[1] = 5e-3;
  kn_nerve_stage_in in = {w.pressure, w.len, 0.0};
  for (int i = 0; i < 600; i++) {
    in.t = 1000.0 + i; /* session time of the step's start */
    kn_nerve_stage_step(&w.p, &in, &w.s, &w.o, 1.0);
  }
  assert_int_equal(w.states[1].grade, KN_NERVE_PARESTHESIA);
  assert_true(w.t_grade[1] == 1539.0 || w.t_grade[1] == 1540.0);
  assert_close(w.t_grade[0], -1.0, 0.0); /* never loaded: no grade, no time */
}

/* Stepping a subset leaves the others as they were. */
static void only_the_sites_listed(void **state) {
  (void)state;
  nerves w;
  build(&w);
  w.pressure[0] = w.pressure[2] = 100.0 * KN_MMHG;
  kn_nerve_stage_in in = {w.pressure, w.len, 0.0};
  const int sites[1] = {2};
  kn_nerve_stage_step_sites(&w.p, &in, &w.s, &w.o, sites, 1, 1.0);
  assert_close(w.states[0].p_peak, 0.0, 0.0);
  assert_close(w.states[2].p_peak, 100.0 * KN_MMHG, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(perfusion_half_at_p50),
      cmocka_unit_test(deficit_and_dose_without_flow),
      cmocka_unit_test(grade_time_is_the_steps_start),
      cmocka_unit_test(only_the_sites_listed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
