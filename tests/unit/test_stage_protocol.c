/* SPDX-License-Identifier: Apache-2.0 */
/* The protocol stage stepped alone (src/protocol/protocol.h): a plan and a practitioner built by
 * hand, the hands checked against numbers worked out by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "knead/knead.h"
#include "protocol/protocol.h"
#include "test_common.h"

enum { NREG_ATLAS = 64 };

typedef struct rig {
  kn_params par;
  kn_practitioner_traits pro;
  kn_action action[1];
  double start[1], end[1];
  int slot_first[2], slot_actions[1], region_local[NREG_ATLAS];
  double ppt_mean[1], ppt_sd[1];
  kn_pain_curve pain[1];
  kn_protocol_params p;
  kn_protocol_in in;
  kn_protocol_state s;
  kn_protocol_out o;
  void *block;
  int eased; /* events seen */
} rig;

/* One hand doing `kind` with 20 N for 10 s on the shoulder, by a steady practitioner: no force
 * variation, no drift, a 1 s ramp; pain_delay < 0: never eases off. */
static rig *rig_new(kn_action_kind kind, double pain_delay) {
  rig *r = calloc(1, sizeof *r);
  assert_non_null(r);
  kn_params_default(&r->par);
  r->pro = (kn_practitioner_traits){.force_ratio = 1.0, .ramp_time = 1.0, .pain_delay = pain_delay};
  kn_action_init(&r->action[0], kind);
  r->action[0].region = kn_atlas_find_region("shoulder_top");
  assert_true(r->action[0].region >= 0 && r->action[0].region < NREG_ATLAS);
  r->action[0].force = 20.0;
  r->action[0].duration = 10.0;
  r->action[0].area = 1e-4; /* 1 cm^2: 200 kPa at 20 N */
  r->start[0] = 0.0;
  r->end[0] = 10.0;
  r->slot_first[1] = 1;
  for (int i = 0; i < NREG_ATLAS; i++)
    r->region_local[i] = -1;
  r->region_local[r->action[0].region] = 0;
  r->ppt_mean[0] = 400e3; /* far above 200 kPa: no pain */
  r->ppt_sd[0] = 100e3;
  r->pain[0] = kn_pain_curve_of(r->ppt_mean[0], r->ppt_sd[0]);
  r->p = (kn_protocol_params){.par = &r->par,
                              .profile = &r->pro,
                              .dt = 1e-3,
                              .seed = 1,
                              .nslot = 1,
                              .slot_first = r->slot_first,
                              .slot_actions = r->slot_actions,
                              .actions = r->action,
                              .action_start = r->start,
                              .action_end = r->end,
                              .region_local = r->region_local,
                              .ppt_mean = r->ppt_mean,
                              .ppt_sd = r->ppt_sd,
                              .pain = r->pain,
                              .nregion = 1};
  r->block = calloc(1, kn_protocol_size(&r->p) + 1);
  assert_non_null(r->block);
  kn_arena a = {r->block, 0};
  kn_protocol_init(&r->p, &a, &r->s, &r->o);
  kn_protocol_reset(&r->p, &r->s, &r->o);
  return r;
}

/* Steps until in.t reaches t (s). */
static void run_to(rig *r, double t) {
  while (r->in.t < t - 0.5e-3) {
    assert_int_equal(kn_protocol_step(&r->p, &r->in, &r->s, &r->o, r->p.dt), KN_OK);
    r->eased += r->o.eased[0];
    r->in.t += r->p.dt;
  }
}

/* Halfway up a 1 s minimum-jerk ramp the force is half the plan (10 u^3 - 15 u^4 + 6 u^5 at
 * u = 0.5 is 0.5); in the middle of the action it is the plan, 20 N on 1 cm^2 = 200 kPa, on the
 * target with no drift; a still compression makes no shear. */
static void test_ramp_and_plateau(void **state) {
  (void)state;
  rig *r = rig_new(KN_ACT_COMPRESSION, -1.0);
  run_to(r, 0.501); /* the step at t = 0.500 s */
  assert_close(r->o.contacts[0].force, 10.0, 1e-9);
  run_to(r, 5.0);
  const kn_contact *c = &r->o.contacts[0];
  assert_int_equal(c->active, 1);
  assert_close(c->force, 20.0, 1e-12);
  assert_close(c->p, 200e3, 1e-6);
  assert_close(c->x, 0.0, 0.0);
  assert_close(c->shear, 0.0, 0.0);
  assert_close(c->radius, sqrt(1e-4 / KN_PI), 1e-15);
  run_to(r, 10.5); /* after the action: the hand is lifted */
  assert_int_equal(r->o.contacts[0].active, 0);
  assert_int_equal(r->o.contacts[0].action, -1);
  assert_int_equal(r->eased, 0);
  free(r->block);
  free(r);
}

/* Friction grips the skin: shear = grip_friction (0.5) x force = 10 N at 20 N. */
static void test_friction_shear(void **state) {
  (void)state;
  rig *r = rig_new(KN_ACT_FRICTION, -1.0);
  run_to(r, 5.0);
  assert_close(r->o.contacts[0].shear, 0.5 * r->o.contacts[0].force, 1e-12);
  assert_close(r->o.contacts[0].force, 20.0, 1e-12);
  free(r->block);
  free(r);
}

/* A practitioner who eases off after 0.5 s of pain: 200 kPa against a 100 kPa threshold hurts
 * from about 0.45 s into the ramp; 0.5 s later the hand eases to 0.9 x the median threshold (an
 * event) as it presses then. The ramp ends a few ms later, which raises the force by its last
 * fraction (1 - min_jerk(0.95) = 0.1 %): within 0.2 % of the target, and no longer painful. */
static void test_eases_off_pain(void **state) {
  (void)state;
  rig *r = rig_new(KN_ACT_COMPRESSION, 0.5);
  r->ppt_mean[0] = 100e3;
  r->ppt_sd[0] = 20e3;
  r->pain[0] = kn_pain_curve_of(r->ppt_mean[0], r->ppt_sd[0]);
  run_to(r, 5.0);
  assert_true(r->eased >= 1);
  double target = 0.9 * kn_pain_median(100e3, 20e3);
  assert_close(r->o.contacts[0].p, target, 2e-3 * target);
  assert_true(kn_pain_probability(r->o.contacts[0].p, 100e3, 20e3) < 0.5);
  free(r->block);
  free(r);
}

/* The log-normal pain curve written out again here (not the model's function): P(p) =
 * Phi((ln p - mu) / sigma), sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2. */
static double lognormal_pain(double p, double mean, double sd) {
  double s2 = log(1.0 + (sd / mean) * (sd / mean));
  return 0.5 * erfc(-(log(p) - (log(mean) - 0.5 * s2)) / sqrt(2.0 * s2));
}

/* A step of pressure held one summation time constant, then lifted one after-pain time
 * constant. By hand: 300 kPa on a 400 +- 100 kPa threshold drives summation towards 0.75, so at
 * t = tau it is 0.75 (1 - 1/e) = 0.4741; the felt pressure is 300 (1 + 0.5 x 0.4741) = 371.1 kPa,
 * P = Phi((ln 371.1 - mu) / sigma) = 0.4281 (worked with the formula above: cv 0.25, sigma
 * 0.2462). One after-pain time constant after release it is that / e = 0.1575. The state is
 * stepped at 1 ms, which must give the exact first-order answer. */
static void test_pain_step_response(void **state) {
  (void)state;
  kn_params par;
  kn_params_default(&par);
  kn_pain_dynamics d = kn_pain_dynamics_of(&par);
  assert_close(d.gain, 0.5, 0.0);
  assert_close(d.sum_time, 120.0, 0.0);
  assert_close(d.after_time, 15.0, 0.0);
  kn_pain_curve c = kn_pain_curve_of(400e3, 100e3);
  kn_pain_state st = {0.0, 0.0, 0.0, 0.0};
  double p = 300e3, dt = 1e-3;
  double before = lognormal_pain(p, 400e3, 100e3);
  for (int i = 0; i < 120000; i++)
    kn_pain_state_step(&c, &d, p, dt, &st);
  double s = 0.75 * (1.0 - exp(-1.0));
  assert_close(st.summation, s, 1e-9);
  assert_close(s, 0.4741, 1e-4);
  double felt = lognormal_pain(p * (1.0 + 0.5 * s), 400e3, 100e3);
  assert_close(st.felt, felt, 1e-9);
  assert_close(felt, 0.4281, 1e-3);
  assert_true(felt >
              2.0 * before); /* 0.148 at first: two minutes on, nearly three times as likely */
  for (int i = 0; i < 15000; i++)
    kn_pain_state_step(&c, &d, 0.0, dt, &st);
  assert_close(st.felt, felt * exp(-1.0), 1e-9);
  assert_close(st.summation, s * exp(-15.0 / 120.0), 1e-9); /* summation fades on its own clock */
  /* the public closed form agrees: held tau, lifted tau_after */
  assert_close(kn_pain_held(p, 400e3, 100e3, 120.0, 15.0), felt * exp(-1.0), 1e-9);
}

/* The stage's pain step reads the hands: a device holding 20 N on 1 cm^2 (200 kPa) of a 400 kPa
 * threshold region from t = 0; after 10 s the region's summation is 0.5 (1 - e^(-10/120)), and
 * once lifted the felt pain fades by e^(-dt / 15 s) per step. */
static void test_region_pain_follows_the_hands(void **state) {
  (void)state;
  rig *r = rig_new(KN_ACT_COMPRESSION, -1.0);
  r->p.device = 1;
  kn_protocol_reset(&r->p, &r->s, &r->o);
  while (r->in.t < 10.0 - 0.5e-3) {
    assert_int_equal(kn_protocol_step(&r->p, &r->in, &r->s, &r->o, r->p.dt), KN_OK);
    kn_protocol_pain_step(&r->p, &r->s, &r->o, r->p.dt);
    r->in.t += r->p.dt;
  }
  assert_close(r->s.pain[0].summation, 0.5 * (1.0 - exp(-10.0 / 120.0)), 1e-9);
  double held = r->o.region_pain[0];
  assert_close(held, lognormal_pain(200e3 * (1.0 + 0.5 * r->s.pain[0].summation), 400e3, 100e3),
               1e-12);
  kn_protocol_lift(&r->p, &r->s);
  kn_protocol_pain_step(&r->p, &r->s, &r->o, 1.0);
  assert_close(r->o.region_pain[0], held * exp(-1.0 / 15.0), 1e-12);
  free(r->block);
  free(r);
}

/* A device gives the plan exactly: 20 N from the very first step (no ramp) to the last, on the
 * target, whatever practitioner traits sit in the profile (a 1 s ramp here), and never eases off
 * even where it hurts. */
static void test_device_is_exact(void **state) {
  (void)state;
  rig *r = rig_new(KN_ACT_COMPRESSION, 0.5);
  r->pro.force_cv = 0.3;
  r->pro.drift = 0.02;
  r->p.device = 1;
  r->ppt_mean[0] = 100e3; /* 200 kPa hurts */
  r->ppt_sd[0] = 20e3;
  r->pain[0] = kn_pain_curve_of(r->ppt_mean[0], r->ppt_sd[0]);
  kn_protocol_reset(&r->p, &r->s, &r->o);
  while (r->in.t < 10.0 - 0.5e-3) {
    assert_int_equal(kn_protocol_step(&r->p, &r->in, &r->s, &r->o, r->p.dt), KN_OK);
    assert_close(r->o.contacts[0].force, 20.0, 0.0);
    assert_close(r->o.contacts[0].x, 0.0, 0.0);
    assert_close(r->o.contacts[0].y, 0.0, 0.0);
    assert_int_equal(r->o.eased[0], 0);
    r->in.t += r->p.dt;
  }
  run_to(r, 10.5);
  assert_int_equal(r->o.contacts[0].active, 0);
  free(r->block);
  free(r);
}

/* Ischaemic pain with the cited constants, worked by hand. A resting muscle with no flow (an arm
 * tourniquet) builds metabolite at 1 / 28.9 min (pain_isch_rest_time, hutchinson1993): after 28.9
 * min it holds exactly the mean tolerated amount, 1. The tolerance is log-normal with mean 1 and
 * CV 0.485 (pain_isch_tolerance_cv): sigma^2 = ln(1.235225) = 0.21125, mu = -sigma^2 / 2 =
 * -0.10563, so P(1) = Phi(0.10563 / 0.45962) = Phi(0.2298) = 0.5909. Stepped at 10 ms, the exact
 * answer. */
static void test_ischaemic_pain_at_rest(void **state) {
  (void)state;
  kn_params par;
  kn_params_default(&par);
  kn_pain_dynamics d = kn_pain_dynamics_of(&par);
  assert_close(d.isch_rest_time, 28.9 * 60.0, 1e-9);
  kn_pain_state st = {0.0, 0.0, 0.0, 0.0};
  double dt = 0.01;
  for (int i = 0; i < 173400; i++) /* 1734 s = 28.9 min */
    kn_pain_ischaemia_step(&d, 0.0, 0.0, dt, &st);
  assert_close(st.metabolite, 1.0, 1e-9);
  assert_close(kn_pain_ischaemic_probability(&d, st.metabolite), 0.5909, 1e-4);
  assert_close(kn_pain_ischaemic_held(0.0, 0.0, 1734.0), 0.5909, 1e-4);
  /* halfway (14.45 min): m = 0.5, P = Phi((ln 0.5 + 0.10563) / 0.45962) = Phi(-1.2783) = 0.1006 */
  assert_close(kn_pain_ischaemic_held(0.0, 0.0, 867.0), 0.1006, 1e-4);
  /* with resting flow nothing builds: no pain however long */
  assert_close(kn_pain_ischaemic_held(1.0, 0.0, 7200.0), 0.0, 0.0);
}

/* A working muscle with no flow: at activation 0.15 (pain_isch_work_activation) it reaches the
 * mean tolerated amount in 77 s (pain_isch_work_time, jones2018), 22.5 times sooner than at rest.
 * Work stopped but the cuff kept on: the pain stays (nothing washes it out; reid1931), growing only
 * at the resting rate, m = 1 + 60 / 1734 = 1.0346 a minute later. Flow back at rest: washed out
 * with a 3 s time constant, m = e^-1 = 0.3679 after 3 s, P = Phi((-1 + 0.10563) / 0.45962) =
 * Phi(-1.9459) = 0.0258. */
static void test_ischaemic_pain_of_work_and_its_wash_out(void **state) {
  (void)state;
  kn_params par;
  kn_params_default(&par);
  kn_pain_dynamics d = kn_pain_dynamics_of(&par);
  kn_pain_state st = {0.0, 0.0, 0.0, 0.0};
  double dt = 0.001;
  for (int i = 0; i < 77000; i++)
    kn_pain_ischaemia_step(&d, 0.0, 0.15, dt, &st);
  assert_close(st.metabolite, 1.0, 1e-9);
  for (int i = 0; i < 60000; i++)
    kn_pain_ischaemia_step(&d, 0.0, 0.0, dt, &st);
  assert_close(st.metabolite, 1.0 + 60.0 / 1734.0, 1e-9);
  st.metabolite = 1.0;
  for (int i = 0; i < 3000; i++)
    kn_pain_ischaemia_step(&d, 1.0, 0.0, dt, &st);
  assert_close(st.metabolite, exp(-1.0), 1e-9);
  assert_close(kn_pain_ischaemic_probability(&d, st.metabolite), 0.0258, 1e-4);
}

/* The stage's ischaemia step reads the circulation's flow and work, and its pain step the
 * metabolites: no hand on the region, muscle flow 0 and no work for 28.9 min give the region the
 * resting tourniquet's pain, 0.5909; without the ischaemia step a region stays painless. */
static void test_region_pain_reads_ischaemia(void **state) {
  (void)state;
  rig *r = rig_new(KN_ACT_COMPRESSION, -1.0);
  kn_protocol_reset(&r->p, &r->s, &r->o);
  kn_protocol_lift(&r->p, &r->s);
  double flow = 0.0, work = 0.0;
  kn_pain_in in = {&flow, &work};
  for (int i = 0; i < 1734; i++) {
    kn_protocol_ischaemia_step(&r->p, &in, &r->s, 1.0);
    kn_protocol_pain_step(&r->p, &r->s, &r->o, 1.0);
  }
  assert_close(r->o.region_pain[0], 0.5909, 1e-4);
  kn_protocol_reset(&r->p, &r->s, &r->o);
  kn_protocol_lift(&r->p, &r->s);
  kn_protocol_pain_step(&r->p, &r->s, &r->o, 1734.0);
  assert_close(r->o.region_pain[0], 0.0, 0.0);
  free(r->block);
  free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ramp_and_plateau),
      cmocka_unit_test(test_friction_shear),
      cmocka_unit_test(test_eases_off_pain),
      cmocka_unit_test(test_pain_step_response),
      cmocka_unit_test(test_region_pain_follows_the_hands),
      cmocka_unit_test(test_device_is_exact),
      cmocka_unit_test(test_ischaemic_pain_at_rest),
      cmocka_unit_test(test_ischaemic_pain_of_work_and_its_wash_out),
      cmocka_unit_test(test_region_pain_reads_ischaemia),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
