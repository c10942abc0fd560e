/* SPDX-License-Identifier: Apache-2.0 */
/* The circulation stage stepped alone (src/circulation/circulation.h): params, in, state and out
 * built by hand, checked against numbers worked out from the model's equations and the papers
 * its parameters are calibrated to, not against values the code printed. And the error of a step:
 * a non-finite quantity stops the run and says which stage and when. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circulation/circulation.h"
#include "core/units.h"
#include "knead/knead.h"
#include "sim/sim_internal.h"
#include "test_common.h"

/* One region with one tissue muscle in it, one neuromuscular muscle (in that region or, with
 * nm_region -1, in none) and one still hand (a compression) that can press on it. */
typedef struct rig {
  kn_params par;
  int regions[1], region_local[64], muscle_region[1], nm_region[1];
  kn_action action[1];
  double start[1], end[1];
  kn_circ_params p;
  kn_contact hand;
  double region_p[1], muscle_p[1], act[1];
  kn_circ_in in;
  kn_circ_state s;
  kn_circ_out o;
  void *block;
} rig;

static rig *rig_new(int nm_in_region) {
  rig *r = calloc(1, sizeof *r);
  assert_non_null(r);
  kn_params_default(&r->par);
  int atlas = kn_atlas_find_region("shoulder_top");
  assert_true(atlas >= 0 && (size_t)atlas < 64);
  for (int i = 0; i < 64; i++)
    r->region_local[i] = -1;
  r->regions[0] = atlas;
  r->region_local[atlas] = 0;
  r->nm_region[0] = nm_in_region ? 0 : -1;
  kn_action_init(&r->action[0], KN_ACT_COMPRESSION); /* speed 0: the hand holds still */
  r->p = (kn_circ_params){.par = &r->par,
                          .serum_potassium = 4.0,
                          .plan_end = 1e9,
                          .nregion = 1,
                          .regions = r->regions,
                          .region_local = r->region_local,
                          .nmuscle = 1,
                          .muscle_region = r->muscle_region,
                          .nnm = 1,
                          .nm_region = r->nm_region,
                          .actions = r->action,
                          .action_start = r->start,
                          .action_end = r->end};
  r->hand = (kn_contact){.action = 0, .region = atlas, .area = 1e-4};
  r->in = (kn_circ_in){.contacts = &r->hand,
                       .ncontact = 1,
                       .region_p = r->region_p,
                       .muscle_p = r->muscle_p,
                       .nm_activation = r->act,
                       .core_temp = 37.0 + KN_ZERO_CELSIUS,
                       .systolic = 120.0 * KN_MMHG,
                       .diastolic = 80.0 * KN_MMHG};
  r->block = calloc(1, kn_circ_size(&r->p));
  assert_non_null(r->block);
  kn_arena a = {r->block, 0};
  kn_circ_init(&r->p, &a, &r->s, &r->o);
  assert_true(a.used == kn_circ_size(&r->p));
  kn_circ_reset(&r->p, &r->s, &r->o);
  return r;
}

static void rig_free(rig *r) {
  free(r->block);
  free(r);
}

/* Steps n times by dt, advancing in.t. */
static void run(rig *r, int n, double dt) {
  for (int i = 0; i < n; i++) {
    assert_int_equal(kn_circ_step(&r->p, &r->in, &r->s, &r->o, dt), KN_OK);
    r->in.t += dt;
  }
}

/* At rest the skin sits between 37 degC blood and the 24 degC room: (24 + 1.2 x 37) / 2.2 =
 * 31.09 degC, the 31.1 degC of the resting skin in hinds2004; the muscle stays at 36.6 degC. */
static void test_rest_temperatures(void **state) {
  (void)state;
  rig *r = rig_new(1);
  run(r, 1, 3600.0);
  assert_close(r->o.region[0].skin_temp - KN_ZERO_CELSIUS, 31.1, 0.05);
  assert_close(r->o.region[0].muscle_temp - KN_ZERO_CELSIUS, 36.6, 1e-9);
  assert_close(r->o.region[0].skin_flow, 1.0, 1e-12);
  assert_close(r->o.muscle[0].temperature - KN_ZERO_CELSIUS, 36.6, 1e-9);
  rig_free(r);
}

/* A fever of 1 degC warms the muscle layer by 1 degC (it follows the core). */
static void test_fever_warms_muscle(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->in.core_temp = 38.0 + KN_ZERO_CELSIUS;
  run(r, 1, 1e6);
  assert_close(r->o.region[0].muscle_temp - KN_ZERO_CELSIUS, 37.6, 1e-6);
  assert_close(r->o.muscle[0].temperature, r->o.region[0].muscle_temp, 0.0);
  rig_free(r);
}

/* A still hand above the stop pressure (MAP 93.3 - 10.8 = 82.5 mmHg) cuts skin flow to zero and
 * builds the ischaemic signal as 1 - exp(-T / 110 s); after 110 s: 1 - 1/e. On release the skin
 * flow is (1 + 0.65 massage)(1 + 9 debt): more than 4 times rest, and it is reported as
 * hyperaemia. */
static void test_occlusion_and_hyperaemia(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->hand.active = 1;
  r->region_p[0] = 200.0 * KN_MMHG;
  run(r, 11000, 0.01); /* 110 s */
  assert_close(r->o.region[0].skin_flow, 0.0, 0.0);
  assert_close(r->o.outcome[0].skin_flow_min, 0.0, 0.0);
  double debt = 1.0 - exp(-1.0);
  assert_close(r->s.region[0].debt_skin, debt, 1e-9);
  double massage = 1.0 - exp(-110.0 / 180.0);
  assert_close(r->s.region[0].massage, massage, 1e-9);

  r->hand.active = 0;
  r->region_p[0] = 0.0;
  run(r, 1, 0.01);
  double debt1 = debt * exp(-log(2.0) / 30.0 * 0.01);
  double massage1 = massage * exp(-0.01 / 180.0);
  double flow = (1.0 + 0.65 * massage1) * (1.0 + 9.0 * debt1);
  assert_close(r->o.region[0].skin_flow, flow, 1e-9);
  assert_true(flow > 4.0);
  assert_close(r->o.outcome[0].hyperaemia_peak, flow, 1e-12);
  rig_free(r);
}

/* Below the floor of 20 mmHg the stop pressure does not fall: with MAP 20 mmHg a pressure of 10
 * mmHg cuts half the flow (10 / 20), not all of it. */
static void test_stop_floor(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->in.systolic = r->in.diastolic = 20.0 * KN_MMHG;
  r->region_p[0] = 10.0 * KN_MMHG;
  r->hand.active = 1;
  run(r, 1, 1e-9); /* no time for the signal to build: the occlusion alone */
  assert_close(r->o.region[0].skin_flow, 0.5, 1e-6);
  rig_free(r);
}

/* Flow after an effort, with no hand (region share 0): the vasodilator X was held at a = 0.35 for
 * 3 min (flow 1 + 7 x 0.35 = 3.45, settled); then it washes out as dX/dt = -X (1 + 7X) / 180 s,
 * whose solution is flow q(t) = 1 / (1 - A e^(-t/180 s)), A = 1 - 1/3.45 = 0.71014: q(30 s) =
 * 2.507, q(60 s) = 2.036, q(300 s) = 1.155 — minutes, where the former 10 s filter gave 1.12 at
 * 30 s. The limb artery (0.1 skin + 0.9 muscle) 30 s after: 0.1 + 0.9 x 2.507 = 2.356. */
static void test_post_exercise_hyperaemia(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->act[0] = 0.35;
  run(r, 18000, 0.01);
  assert_close(r->o.region[0].muscle_flow, 3.45, 1e-6);
  r->act[0] = 0.0;
  run(r, 3000, 0.01);
  assert_close(r->o.region[0].muscle_flow, 2.507, 0.01);
  assert_close(r->o.outcome[0].recovery_flow_early, 0.1 + 0.9 * 2.507, 0.01);
  run(r, 3000, 0.01);
  assert_close(r->o.region[0].muscle_flow, 2.036, 0.01);
  run(r, 24000, 0.01);
  assert_close(r->o.region[0].muscle_flow, 1.155, 0.005);
  rig_free(r);
}

/* The same effort, then a still hand over the whole region squeezing the muscle at half the stop
 * pressure (41.3 of 82.5 mmHg; no reactive hyperaemia, its gain set to 0): flow is half, and the
 * wash-out runs at half speed, dX/dt = -X 0.5 (1 + 7X) / 180 s: q = 0.5 / (1 - A e^(-t/360 s)),
 * 1.442 at 30 s (passive 2.507); after 5 min X = (2 q - 1) / 7 = 0.0638 against 0.0221 passive:
 * the effort's vasodilator outlasts the squeeze (wiltshire2010: massage impedes post-exercise
 * flow). */
static void test_squeeze_slows_washout(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->par.circ_hyperaemia_gain = 0.0;
  r->act[0] = 0.35;
  run(r, 18000, 0.01);
  r->act[0] = 0.0;
  r->hand.active = 1;
  r->hand.area = 1.0; /* m^2: covers the region */
  r->muscle_p[0] = 0.5 * (93.0 + 1.0 / 3.0 - 10.8) * KN_MMHG;
  run(r, 3000, 0.01);
  assert_close(r->o.region[0].muscle_flow, 1.442, 0.01);
  run(r, 27000, 0.01);
  assert_close(r->s.region[0].metabolic, 0.0638, 0.001);
  rig_free(r);
}

/* A muscle working at full activation with no region: flow 1 + 7 = 8 times rest, clearance
 * 0.5 + 0.5 x 8 = 4.5 times the resting one, so interstitial K+ settles at plasma + 0.1 mmol/L/s
 * / (ln 2 / 180 s x 4.5) = 4.0 + 5.771 mmol/L. */
static void test_potassium_steady_state(void **state) {
  (void)state;
  rig *r = rig_new(0);
  r->act[0] = 1.0;
  run(r, 1, 1e6);
  assert_close(r->o.muscle[0].potassium, 4.0 + 0.1 * 180.0 / (log(2.0) * 4.5), 1e-9);
  assert_close(r->o.muscle[0].potassium, 9.771, 1e-3);
  rig_free(r);
}

/* A pressure that is not a number makes the step fail with KN_ENONFINITE. */
static void test_nan_in(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->hand.active = 1;
  r->region_p[0] = NAN;
  assert_int_equal(kn_circ_step(&r->p, &r->in, &r->s, &r->o, 0.01), KN_ENONFINITE);
  rig_free(r);
}

/* A whole run whose circulation goes non-finite stops there: kn_step and kn_run return
 * KN_ENONFINITE, the data says the stage and the time, every later step returns the same error,
 * and kn_data_reset clears it. */
static void test_run_reports_stage_error(void **state) {
  (void)state;
  kn_action a;
  kn_action_init(&a, KN_ACT_EFFLEURAGE);
  a.region = kn_atlas_find_region("shoulder_top");
  a.force = 20.0;
  a.duration = 5.0;
  a.area = 50e-4;
  kn_session s = {.dt = 1e-3, .record_interval = 0.1, .naction = 1, .actions = &a};
  kn_model *m = NULL;
  kn_data *d = NULL;
  assert_int_equal(kn_model_create(NULL, &s, &m, NULL), KN_OK);
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_OK);
  assert_int_equal(kn_data_error(d), KN_OK);
  assert_int_equal(kn_data_error_stage(d), KN_STAGE_NONE);

  /* the first circulation update at or after 1 s meets the bad parameter */
  kn_data_reset(m, d);
  while (kn_data_time(d) < 1.0)
    assert_int_equal(kn_step(m, d), 1);
  m->par.circ_hyperaemia_halflife = NAN;
  int rc;
  while ((rc = kn_step(m, d)) > 0)
    ;
  assert_int_equal(rc, KN_ENONFINITE);
  assert_int_equal(kn_data_error_stage(d), KN_STAGE_CIRCULATION);
  assert_close(kn_data_error_time(d), 1.0, 1e-9);
  assert_int_equal(kn_step(m, d), KN_ENONFINITE);
  char msg[200];
  kn_data_error_format(d, msg, sizeof msg);
  assert_string_equal(msg, "simulation failed at t = 1.000 s in stage circulation: a simulated "
                           "quantity became infinite or not a number");
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_ENONFINITE);

  m->par.circ_hyperaemia_halflife = 30.0;
  kn_data_reset(m, d);
  assert_int_equal(kn_data_error(d), KN_OK);
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_OK);
  kn_data_free(d);
  kn_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rest_temperatures),
      cmocka_unit_test(test_fever_warms_muscle),
      cmocka_unit_test(test_occlusion_and_hyperaemia),
      cmocka_unit_test(test_stop_floor),
      cmocka_unit_test(test_potassium_steady_state),
      cmocka_unit_test(test_nan_in),
      cmocka_unit_test(test_run_reports_stage_error),
      cmocka_unit_test(test_post_exercise_hyperaemia),
      cmocka_unit_test(test_squeeze_slows_washout),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
