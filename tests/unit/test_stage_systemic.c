/* SPDX-License-Identifier: Apache-2.0 */
/* The systemic stage stepped alone (src/systemic/systemic.h): params and in built by hand, checked
 * against numbers worked out from the model's equations and the papers behind its parameters. */
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "knead/knead.h"
#include "systemic/systemic.h"
#include "test_common.h"

typedef struct rig {
  kn_params par;
  kn_subject sub;
  kn_systemic_params p;
  kn_systemic_in in;
  kn_systemic s;
  kn_systemic_out o;
  double pain[1];
} rig;

static void rig_init(rig *r) {
  memset(r, 0, sizeof *r);
  kn_params_default(&r->par);
  kn_subject_default(&r->sub);
  r->p = (kn_systemic_params){
      .par = &r->par, .subject = &r->sub, .plan_end = 1e9, .duration = 1e9, .nregion = 1};
  r->in = (kn_systemic_in){.region_pain = r->pain};
}

static void reset(rig *r) {
  kn_systemic_reset(&r->p, &r->s, &r->o);
}

/* Steps n times by dt, advancing in.t. */
static void run(rig *r, int n, double dt) {
  for (int i = 0; i < n; i++) {
    assert_int_equal(kn_systemic_step(&r->p, &r->in, &r->s, &r->o, dt), KN_OK);
    r->in.t += dt;
  }
}

/* Untouched, the subject stays at their resting heart rate and pressures (70 /min, 120/80);
 * without insensible water loss (which slowly raises heart rate) nothing moves at all. */
static void test_rest(void **state) {
  (void)state;
  rig r;
  rig_init(&r);
  r.par.sys_insensible_loss = 0.0;
  reset(&r);
  assert_true(r.o.now == &r.s);
  run(&r, 100, 0.01);
  assert_close(r.o.now->heart_rate * 60.0, 70.0, 1e-9);
  assert_close(r.o.now->systolic / KN_MMHG, 120.0, 1e-9);
  assert_close(r.o.now->diastolic / KN_MMHG, 80.0, 1e-9);
  assert_int_equal(r.o.carotid_on, 0);
}

/* Full pressure on a hypersensitive carotid sinus (180 mmHg, held 20 s, time constant 2 s: the
 * stimulus reaches 1 - e^-10): the beat interval grows by about 4 s, past the 3 s criterion of
 * kerr2006, and the criterion holds; a normal sinus adds 0.2 s and its 21 mmHg fall meets none. */
static void test_carotid(void **state) {
  (void)state;
  rig r;
  rig_init(&r);
  r.sub.carotid_sinus_hypersensitivity = 1;
  r.in.carotid_p = 180.0 * KN_MMHG;
  reset(&r);
  run(&r, 2000, 0.01);
  assert_int_equal(r.o.carotid_on, 1);
  assert_true(r.o.carotid_rr >= 3.0 && r.o.carotid_rr < 60.0 / 70.0 + 4.0 + 0.5);

  rig_init(&r);
  r.sub.carotid_sinus_hypersensitivity = 0;
  r.in.carotid_p = 180.0 * KN_MMHG;
  reset(&r);
  run(&r, 2000, 0.01);
  assert_int_equal(r.o.carotid_on, 0);
  assert_close(r.o.outcome.carotid_systolic_fall / KN_MMHG, 21.0, 0.01);
}

/* The criteria are read from the table (sys_csh_rr, sys_csh_sbp_fall), not fixed: a normal sinus's
 * 21 mmHg fall (mcintosh1994) meets a 20 mmHg criterion; a hypersensitive sinus's 4 s and 60 mmHg
 * (kerr2006) meet neither a 10 s nor a 100 mmHg one. */
static void test_carotid_criteria_from_table(void **state) {
  (void)state;
  rig r;
  rig_init(&r);
  r.par.sys_csh_sbp_fall = 20.0 * KN_MMHG;
  r.in.carotid_p = 180.0 * KN_MMHG;
  reset(&r);
  run(&r, 2000, 0.01);
  assert_int_equal(r.o.carotid_on, 1);

  rig_init(&r);
  r.par.sys_csh_rr = 10.0;
  r.par.sys_csh_sbp_fall = 100.0 * KN_MMHG;
  r.sub.carotid_sinus_hypersensitivity = 1;
  r.in.carotid_p = 180.0 * KN_MMHG;
  reset(&r);
  run(&r, 2000, 0.01);
  assert_int_equal(r.o.carotid_on, 0);
}

/* When the carotid reflex drops systolic pressure more than diastolic, diastolic stays 10 mmHg
 * below it: systolic 100 - 60 = 40, diastolic min(90 - 30, 40 - 10) = 30 mmHg. */
static void test_pulse_pressure_floor(void **state) {
  (void)state;
  rig r;
  rig_init(&r);
  r.sub.carotid_sinus_hypersensitivity = 1;
  r.sub.systolic_pressure = 100.0 * KN_MMHG;
  r.sub.diastolic_pressure = 90.0 * KN_MMHG;
  r.in.carotid_p = 1000.0 * KN_MMHG;
  reset(&r);
  run(&r, 1, 1e6); /* the stimulus saturates in one long step */
  assert_close(r.o.now->systolic / KN_MMHG, 40.0, 1e-6);
  assert_close(r.o.now->diastolic / KN_MMHG, 30.0, 1e-6);
}

/* The symptom score applies to the ill only: an acute illness alone (0.5 in the exponent) gives
 * 10 (1 - e^-0.5) = 3.93; a healthy subject gets none. */
static void test_symptom_load(void **state) {
  (void)state;
  rig r;
  rig_init(&r);
  r.sub.acute_illness = 1;
  reset(&r);
  kn_systemic_finish(&r.p, &r.in, &r.s, &r.o);
  assert_int_equal(r.o.outcome.symptoms_apply, 1);
  assert_close(r.o.outcome.symptom_load, 10.0 * (1.0 - exp(-0.5)), 1e-12);
  assert_close(r.o.outcome.symptom_load, 3.935, 1e-3);

  rig_init(&r);
  reset(&r);
  r.in.soreness_load = 3600.0;
  kn_systemic_finish(&r.p, &r.in, &r.s, &r.o);
  assert_int_equal(r.o.outcome.symptoms_apply, 0);
  assert_close(r.o.outcome.symptom_load, 0.0, 0.0);
}

/* A carotid pressure that is not a number makes the step fail with KN_ENONFINITE. */
static void test_nan_in(void **state) {
  (void)state;
  rig r;
  rig_init(&r);
  reset(&r);
  r.in.carotid_p = NAN;
  assert_int_equal(kn_systemic_step(&r.p, &r.in, &r.s, &r.o, 0.01), KN_ENONFINITE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rest),
      cmocka_unit_test(test_carotid),
      cmocka_unit_test(test_carotid_criteria_from_table),
      cmocka_unit_test(test_pulse_pressure_floor),
      cmocka_unit_test(test_symptom_load),
      cmocka_unit_test(test_nan_in),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
