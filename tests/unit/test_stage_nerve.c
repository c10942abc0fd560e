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
  np.recovery[KN_NERVE_BLOCK][1] = 7200.0;
  np.recovery[KN_NERVE_INJURY][0] = 14.0 * 86400.0;
  np.recovery[KN_NERVE_SEVERE][0] = 90.0 * 86400.0;
  np.critical_perfusion = 0.25;
  np.sensory_onset = 0.2;
  np.sensory_block = 0.6;
  np.small_onset = 0.8;
  np.small_block = 1.4;
  np.sensory_mech = 0.5;
  np.small_mech = 0.25;
  np.lesion_dose = 2.0;
  np.injury_rate_max = 1e6; /* practically linear: the saturation has its own test below */
  np.transport_width = 2.5 * KN_MMHG;
  np.transport_recovery = 86400.0;
  np.slow_transport_time = 36000.0;
  np.slow_transport_recovery = 7.0 * 86400.0;
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

/* Residual perfusion: below the critical 0.25 the deficit builds in proportion to the shortfall,
 * above it the surplus clears it. At 10 % flow: (1 - 0.1 / 0.25) / 1800 = 1 / 3000 per s, so the
 * motor fibres (onset 0.5, all blocked at 1) are blocked after 3000 s = 50 min, not never. At
 * 62.5 % flow: no build, decay (0.625 - 0.25) / 0.75 / 180 = 1 / 360 per s. */
static void residual_perfusion(void **state) {
  (void)state;
  kn_nerve_params np = params();
  double build, decay;
  kn_nerve_ischaemia_rates(&np, 0.1, &build, &decay);
  assert_close(build, 1.0 / 3000.0, 1e-15);
  assert_close(decay, 0.0, 0.0);
  kn_nerve_ischaemia_rates(&np, 0.625, &build, &decay);
  assert_close(build, 0.0, 0.0);
  assert_close(decay, 1.0 / 360.0, 1e-15);
  kn_nerve_ischaemia_rates(&np, 1.0, &build, &decay); /* full flow: 1 / recovery_time */
  assert_close(decay, 1.0 / 180.0, 1e-15);
}

/* Fibre classes under ischaemia: at deficit 0.4 the sensory fibres (0.2..0.6) are half blocked,
 * motor (0.5..1) and small (0.8..1.4) all conduct; at 0.9 sensory none, motor 1 - 0.4 / 0.5 =
 * 0.2, small 1 - 0.1 / 0.6 = 0.8333. */
static void fibre_classes_fail_in_order(void **state) {
  (void)state;
  kn_nerve_params np = params();
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_SENSORY, 0.4, 0.0), 0.5, 1e-15);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_MOTOR, 0.4, 0.0), 1.0, 0.0);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_SMALL, 0.4, 0.0), 1.0, 0.0);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_SENSORY, 0.9, 0.0), 0.0, 0.0);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_MOTOR, 0.9, 0.0), 0.2, 1e-15);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_SMALL, 0.9, 0.0), 0.1 / 0.6 * 5.0, 1e-15);
  /* a lesion of 0.4 blocks 40 % of motor, 20 % of sensory (x 0.5), 10 % of small (x 0.25) */
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_MOTOR, 0.0, 0.4), 0.6, 1e-15);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_SENSORY, 0.0, 0.4), 0.8, 1e-15);
  assert_close(kn_nerve_fibre_conduction(&np, KN_FIBRE_SMALL, 0.0, 0.4), 0.9, 1e-15);
}

/* The structural dose rate saturates: with a bound G = 10 (the rate's ceiling is G / (G tanh(1 /
 * G)) = 10.033 doses per reference time), 200 mmHg (x = 150 / 30 = 5) gives 10 tanh(0.5) / (10
 * tanh(0.1)) = 4.6365652 doses per 2 h instead of 5; 80 mmHg (x = 1) exactly 1. 2 h at 200 mmHg in
 * one step: dose 4.6365652, grade axonal, lesion (1 - e^(-4.6365652 / 2)) (1 - 7200 x 3 / 90 d) =
 * 0.89905317; an hour after release the deficit is gone (1.5 e^-20) and the motor conduction is 1 -
 * 0.89905317 (1 - 3 / 90 d)^3600 = 0.10219465, the sensory 1 - 0.5 x 0.89780535 = 0.55109732: the
 * injury leaves a conduction loss. */
static void injury_saturates_and_blocks_conduction(void **state) {
  (void)state;
  kn_nerve_params np = params();
  np.injury_rate_max = 10.0;
  assert_close(kn_nerve_injury_rate(&np, 80.0 * KN_MMHG, 5e-3), 1.0 / 7200.0, 1e-15);
  assert_close(kn_nerve_injury_rate(&np, 200.0 * KN_MMHG, 5e-3) * 7200.0, 4.6365652183, 1e-9);
  /* 5000 mmHg (x = 165): at the bound, 10 tanh(16.5) / (10 tanh(0.1)) = 1 / tanh(0.1) */
  assert_close(kn_nerve_injury_rate(&np, 5000.0 * KN_MMHG, 5e-3) * 7200.0, 1.0 / tanh(0.1), 1e-9);
  kn_nerve_state s;
  kn_nerve_reset(&s);
  kn_nerve_step(&np, &s, 200.0 * KN_MMHG, 5e-3, 7200.0);
  assert_close(s.injury_dose, 4.6365652183, 1e-9);
  assert_int_equal(s.grade, KN_NERVE_SEVERE);
  assert_close(s.lesion, 0.8990531689, 1e-9);
  assert_close(s.conduction, 0.0, 0.0);
  for (int i = 0; i < 3600; i++)
    kn_nerve_step(&np, &s, 0.0, 0.0, 1.0);
  assert_close(s.conduction, 0.1021946496, 1e-8);
  assert_close(s.conduction_fibre[KN_FIBRE_SENSORY], 0.5510973248, 1e-8);
  assert_close(s.conduction_fibre_min[KN_FIBRE_MOTOR], 0.0, 0.0);
}

/* Transport on two clocks, one pressure curve (logistic centred at 25 mmHg, width 2.5): the
 * drive at 30 mmHg is (1/(1+e^-2) - r)/(1 - r) with r = 1/(1+e^10); fast transport reaches dose 1
 * after 2 h there by construction; at 20 mmHg, drive 0.1191629, the exact solution of
 * dD/dt = c d - (1 - d) D / 1 day gives 0.1310936 after 2 h and 0.4712866 after 8 h (partial:
 * Dahlin & McLean 1986); slow transport (10 h, 7 days) 0.8005673 after 8 h at 30 mmHg. A day
 * unloaded divides the fast dose by e. */
static void transport_two_clocks(void **state) {
  (void)state;
  kn_nerve_params np = params();
  kn_nerve_state a, b;
  kn_nerve_reset(&a);
  kn_nerve_reset(&b);
  for (int i = 0; i < 7200; i++) {
    kn_nerve_step(&np, &a, 30.0 * KN_MMHG, 5e-3, 1.0);
    kn_nerve_step(&np, &b, 20.0 * KN_MMHG, 5e-3, 1.0);
  }
  assert_close(a.transport_dose, 1.0, 1e-9);
  assert_close(b.transport_dose, 0.1310936237, 1e-9);
  for (int i = 0; i < 6 * 3600; i++) {
    kn_nerve_step(&np, &a, 30.0 * KN_MMHG, 5e-3, 1.0);
    kn_nerve_step(&np, &b, 20.0 * KN_MMHG, 5e-3, 1.0);
  }
  assert_close(b.transport_dose, 0.4712866095, 1e-9);
  assert_close(a.slow_transport_dose, 0.8005672556, 1e-9);
  double peak = a.transport_dose;
  for (int i = 0; i < 24 * 60; i++)
    kn_nerve_step(&np, &a, 0.0, 0.0, 60.0);
  assert_close(a.transport_dose, peak * exp(-1.0), 1e-9);
  assert_close(a.transport_peak, peak, 0.0);
  /* the time to block at 30 mmHg from 0 is the 2 h the curve was scaled to */
  assert_close(kn_nerve_transport_time(&np, 30.0 * KN_MMHG, 0.0), 7200.0, 1e-6);
  /* at 20 mmHg the dose heads for c d / k = 1.8522901 and crosses 1 after ln(1.85229 / 0.85229) / k
   * = 76141 s (21 h); at 15 mmHg it holds at 0.2501428 and never blocks */
  assert_close(kn_nerve_transport_time(&np, 20.0 * KN_MMHG, 0.0), 76141.3134, 1e-3);
  assert_true(isinf(kn_nerve_transport_time(&np, 15.0 * KN_MMHG, 0.0)));
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

/* What a session leaves, aged over the days to the next one and started from (a course): a
 * structural injury (dose 1.5) with 0.6 of the motor fibres blocked, half-blocked transport. The
 * injury window here is 14 .. 84 d (recovery[INJURY]); the lesion is repaired as the step repairs
 * it, 95 % within the grade's shortest recovery (time constant 14 d / 3).
 * After 7 d: the dose is all there (7 < 14 d); lesion 0.6 e^(-3 x 7 / 14) = 0.6 e^-1.5 =
 * 0.133878096; fast transport 0.5 e^(-7 d / 1 d) = 0.000455940983; slow 0.5 e^(-7 / 7) =
 * 0.183939721. Started from that: motor fibres conduct 1 - 0.133878 = 0.866121904, large sensory
 * 1 - 0.5 x 0.133878 = 0.933060952, small 1 - 0.25 x 0.133878 = 0.966530476; the injury grade is
 * there from t = 0. After 49 d instead: the dose is 1.5 x (84 - 49) / (84 - 14) = 0.75, under
 * injury (grade none); the lesion 0.6 e^-10.5 = 1.65218696e-5. After 84 d: no dose left. */
static void carried_injury_starts_the_stage(void **state) {
  (void)state;
  nerves w;
  build(&w);
  w.np.recovery[KN_NERVE_INJURY][1] = 84.0 * 86400.0;
  const kn_nerve_carry left = {.injury_dose = 1.5,
                               .lesion = 0.6,
                               .transport_dose = 0.5,
                               .slow_transport_dose = 0.5,
                               .grade = KN_NERVE_INJURY};
  kn_nerve_carry carry[N] = {{.injury_dose = 0.0}, left, {.injury_dose = 0.0}};
  kn_nerve_carry_age(&w.np, &carry[1], 7.0 * 86400.0);
  assert_close(carry[1].injury_dose, 1.5, 0.0);
  assert_close(carry[1].lesion, 0.133878096, 1e-9);
  assert_close(carry[1].transport_dose, 0.000455940983, 1e-12);
  assert_close(carry[1].slow_transport_dose, 0.183939721, 1e-9);
  assert_int_equal(carry[1].grade, KN_NERVE_INJURY);
  kn_nerve_stage_reset_from(&w.p, carry, &w.s, &w.o);
  const kn_nerve_state *n = &w.states[1];
  assert_close(n->conduction, 0.866121904, 1e-9);
  assert_close(n->conduction_fibre[KN_FIBRE_SENSORY], 0.933060952, 1e-9);
  assert_close(n->conduction_fibre[KN_FIBRE_SMALL], 0.966530476, 1e-9);
  assert_close(n->conduction_fibre_min[KN_FIBRE_MOTOR], 0.866121904, 1e-9);
  assert_int_equal(n->grade, KN_NERVE_INJURY);
  assert_close(w.t_grade[1], 0.0, 0.0); /* carried in: present from the start */
  assert_close(w.t_grade[0], -1.0, 0.0);
  assert_close(w.states[0].conduction, 1.0, 0.0); /* nothing carried: at rest */
  /* a second unloaded: the grade stays, no new stamp, the lesion repairs a little */
  kn_nerve_stage_in in = {w.pressure, w.len, 5.0};
  kn_nerve_stage_step(&w.p, &in, &w.s, &w.o, 1.0);
  assert_int_equal(n->grade, KN_NERVE_INJURY);
  assert_close(w.t_grade[1], 0.0, 0.0);
  assert_true(n->conduction > 0.866121904 && n->conduction < 0.8662);
  /* later starts: the dose falls through the window, the grade with it */
  kn_nerve_carry later = left;
  kn_nerve_carry_age(&w.np, &later, 49.0 * 86400.0);
  assert_close(later.injury_dose, 0.75, 1e-12);
  assert_int_equal(later.grade, KN_NERVE_NONE);
  assert_close(later.lesion, 1.65218696e-5, 1e-13);
  later = left;
  kn_nerve_carry_age(&w.np, &later, 84.0 * 86400.0);
  assert_close(later.injury_dose, 0.0, 0.0);
  /* no gap, no change; NULL starts at rest */
  later = left;
  kn_nerve_carry_age(&w.np, &later, 0.0);
  assert_close(later.lesion, 0.6, 0.0);
  kn_nerve_stage_reset_from(&w.p, NULL, &w.s, &w.o);
  assert_close(w.states[1].conduction, 1.0, 0.0);
  assert_close(w.t_grade[1], -1.0, 0.0);
}

/* A dose short of injury keeps its injury-window (expert opinion: a deformed nerve is not known
 * to be whole within hours), while its lesion is repaired as a block's, within recovery[BLOCK][1]
 * = 2 h: a day later 0.2 e^(-3 x 24 h / 2 h) = 0.2 e^-36 = 4.63904566e-17 of the fibres are
 * still blocked. And what a state
 * leaves is its dose's grade, not an ischaemic one. */
static void carried_sub_injury_dose(void **state) {
  (void)state;
  nerves w;
  build(&w);
  w.np.recovery[KN_NERVE_INJURY][1] = 84.0 * 86400.0;
  kn_nerve_state s;
  kn_nerve_reset(&s);
  s.injury_dose = 0.5;
  s.lesion = 0.2;
  s.grade = KN_NERVE_BLOCK;
  s.ischaemia = 1.2;
  kn_nerve_carry c;
  kn_nerve_carry_of(&w.np, &s, &c);
  assert_int_equal(c.grade, KN_NERVE_NONE);
  assert_close(c.injury_dose, 0.5, 0.0);
  kn_nerve_carry_age(&w.np, &c, 86400.0);
  assert_close(c.injury_dose, 0.5, 0.0);
  assert_close(c.lesion, 4.63904566e-17, 1e-25);
  kn_nerve_reset_from(&w.np, &s, &c);
  assert_close(s.ischaemia, 0.0, 0.0); /* ischaemia is not carried */
  assert_close(s.conduction, 1.0, 1e-16);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(perfusion_half_at_p50),
      cmocka_unit_test(deficit_and_dose_without_flow),
      cmocka_unit_test(grade_time_is_the_steps_start),
      cmocka_unit_test(only_the_sites_listed),
      cmocka_unit_test(residual_perfusion),
      cmocka_unit_test(fibre_classes_fail_in_order),
      cmocka_unit_test(injury_saturates_and_blocks_conduction),
      cmocka_unit_test(transport_two_clocks),
      cmocka_unit_test(carried_injury_starts_the_stage),
      cmocka_unit_test(carried_sub_injury_dose),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
