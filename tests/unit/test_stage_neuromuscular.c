/* SPDX-License-Identifier: Apache-2.0 */
/* The neuromuscular stage stepped alone (src/neuromuscular/neuromuscular.h): one muscle, the
 * gastrocnemius, with its params, inputs, state and output built here, no model and no data. The
 * expected numbers are worked out by hand from the formulas and tables docs/model.md gives
 * (spindle: prochazka_gorassini1998; muscle geometry: arnold2010; pool thresholds and twitch
 * forces: fuglevand1993), not read from the code under test. */
#include "test_common.h"

#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "core/units.h"
#include "knead/atlas.h"
#include "neuromuscular/neuromuscular.h"
#include "neuromuscular/nm_internal.h"

#define DT 0.001 /* s */

/* One muscle's stage and everything it reads. */
typedef struct rig {
  kn_params par;
  kn_subject subject;
  kn_session session;
  kn_action action;    /* the one non-stroke action, if any */
  double action_start; /* s */
  int other[1];        /* room for params.other */
  kn_nm_muscle muscle; /* room for params.muscles */
  kn_nm_params p;
  kn_nm_state s;
  kn_nm_out o;
  void *block;
  /* the inputs' arrays */
  double muscle_p[1]; /* Pa */
  int action_rep[1];  /* -1: not in progress */
  unsigned char percussed[1];
  double temperature[1]; /* K */
  double potassium[1];   /* mM */
  kn_nm_in in;
} rig;

/* Builds the rig for the gastrocnemius alone; with_action: the session has `r->action` at t = 0. */
static void rig_build(rig *r, int with_action) {
  kn_params_default(&r->par);
  kn_subject_default(&r->subject);
  r->session =
      (kn_session){.dt = DT, .seed = 1, .naction = with_action ? 1 : 0, .actions = &r->action};
  r->action_start = 0.0;
  int gastro = kn_atlas_find_muscle("gastrocnemius");
  assert_true(gastro >= 0);
  unsigned char *marks = calloc(kn_atlas_muscle_count(), 1);
  assert_non_null(marks);
  marks[gastro] = 1;
  r->p.muscles = &r->muscle;
  r->p.other = r->other;
  int tissue[1] = {gastro};
  kn_nm_params_init(&r->p, &r->par, &r->subject, &r->session, &r->action_start, marks, tissue, 1);
  free(marks);
  assert_int_equal(r->p.nmuscle, 1);
  size_t size = kn_nm_size(&r->p);
  r->block = aligned_alloc(16, (size + 15) / 16 * 16);
  assert_non_null(r->block);
  kn_arena a = {r->block, 0};
  kn_nm_init(&r->p, &a, &r->s, &r->o);
  assert_true(a.used <= size);
  kn_nm_reset(&r->p, &r->s, &r->o);
  /* at rest: no pressure, resting muscle temperature and plasma potassium */
  r->muscle_p[0] = 0.0;
  r->action_rep[0] = -1;
  r->percussed[0] = 0;
  r->temperature[0] = r->par.circ_muscle_temp_rest + KN_ZERO_CELSIUS;
  r->potassium[0] = r->subject.serum_potassium;
  r->in = (kn_nm_in){.t = 0.0,
                     .muscle_p = r->muscle_p,
                     .action_rep = r->action_rep,
                     .nstarted = with_action,
                     .action_now = -1,
                     .percussed = r->percussed,
                     .temperature = r->temperature,
                     .potassium = r->potassium};
}

/* Steps the stage for `seconds`. */
static void rig_run(rig *r, double seconds) {
  long n = lround(seconds / DT);
  for (long k = 0; k < n; k++) {
    assert_int_equal(kn_nm_step(&r->p, &r->in, &r->s, &r->o, DT), KN_OK);
    r->in.t += DT;
  }
}

/* A stretch of the gastrocnemius by `angle` rad, held from t = 0 for 10 s. */
static void stretch_action(rig *r, double angle) {
  memset(&r->action, 0, sizeof r->action);
  r->action.kind = KN_ACT_STRETCH;
  r->action.muscle = kn_atlas_find_muscle("gastrocnemius");
  r->action.region = -1;
  r->action.angle = angle;
  r->action.duration = 10.0;
  r->action.repetitions = 1;
}

/* A relaxed, untouched muscle of a subject who never cramps stays silent: resting excitation
 * nm_tone = 0.85 is below the first unit's threshold (1), and lying prone the calf is short, so
 * the spindle fires below its resting rate and the reflex only lowers excitation further. Short of
 * optimal length there is no passive force either. */
static void test_relaxed_muscle_is_silent(void **state) {
  (void)state;
  rig r;
  rig_build(&r, 0);
  assert_true(r.subject.cramps_per_month == 0.0 && r.subject.exertion == 0.0);
  rig_run(&r, 2.0);
  assert_true(r.o.force[0] == 0.0);
  assert_true(r.o.activation[0] == 0.0);
  assert_true(r.o.emg[0] == 0.0);
  assert_true(r.o.length[0] < 1.0);
  assert_int_equal(r.o.nended, 0);
  assert_int_equal(r.o.nspasm, 0);
  assert_true(r.o.outcome[0].rest_force == 0.0);
  assert_true(kn_nm_quiet(&r.p, &r.s));
  /* gastrocnemius prone (ankle 0.5 rad plantarflexed, optimal at -0.1 rad, sign -1, moment arm
   * 5 cm, fibre share 0.6, optimal fibre length 55 mm): L = 1 - 0.05 * 0.6 * 0.6 / 0.055 */
  assert_close(r.o.length[0], 1.0 - 0.05 * 0.6 * 0.6 / 0.055, 1e-12);
  free(r.block);
}

/* A stretch held still: the Ia rate is the spindle's static formula, 82 + 2 x per mm of fibre
 * stretch beyond optimal length (prochazka_gorassini1998). Stretching the prone ankle (0.5 rad) by
 * 0.7 rad places it at -0.2 rad, 0.1 rad beyond the gastrocnemius' optimal angle: the fibres are
 * 0.05 m x 0.1 x 0.6 = 3 mm beyond optimal length, so Ia = 82 + 2 x 3 = 88 /s. A hand follows its
 * target with a 50 ms lag: after 2 s the joint is there to within 1e-17 rad and still. */
static void test_held_stretch_gives_static_ia(void **state) {
  (void)state;
  rig r;
  stretch_action(&r, 0.7);
  rig_build(&r, 1);
  r.action_rep[0] = 0; /* its first repetition is in progress */
  rig_run(&r, 2.0);
  assert_close(r.s.joints.theta[KN_JOINT_ANKLE], -0.2, 1e-12);
  assert_close(r.o.length[0], 1.0 + 0.003 / 0.055, 1e-12);
  assert_close(r.o.ia_rate[0], 88.0, 1e-6);
  /* 2 degC warmer: spindle discharge rises 3 % per degC (nm_spindle_per_degc), 88 x 1.06 */
  r.temperature[0] += 2.0;
  rig_run(&r, 0.01);
  assert_close(r.o.ia_rate[0], 88.0 * 1.06, 1e-6);
  free(r.block);
}

/* Twitch force (units of the first unit's) of the units with threshold <= e, summed unit by unit:
 * unit i of n has threshold rr^(i/(n-1)) and twitch force rp^(i/(n-1)) (fuglevand1993). */
static double twitch_sum(const kn_pool_params *pp, double e) {
  double sum = 0.0;
  for (int i = 0; i < pp->n; i++) {
    double x = (double)i / (pp->n - 1);
    if (pow(pp->rr, x) <= e) sum += pow(pp->rp, x);
  }
  return sum;
}

/* Sustained pressure on the belly: the massage inhibition rises to nm_massage_inhibition * p /
 * (p + nm_massage_p50) with time constant nm_inhibition_rise, the muscle counts as inhibited from
 * the first step, and the H-reflex falls to the twitch force a test volley still recruits. The
 * volley reaches the lowest unit at which 30 % of the pool's twitch force is recruited; inhibition
 * raises every threshold by its size. */
static void test_pressure_inhibits_and_depresses_hreflex(void **state) {
  (void)state;
  rig r;
  rig_build(&r, 0);
  double p = 5.0 * KN_KPA, seconds = 3.0;
  r.muscle_p[0] = p;
  rig_run(&r, seconds);
  double want = 8.0 * p / (p + 0.6 * KN_KPA);
  double inh = want * (1.0 - exp(-seconds / 0.5));
  assert_close(r.o.outcome[0].inhibited_time, seconds, 1e-9);
  const kn_pool_params *pp = &r.p.muscles[0].pool;
  assert_int_equal(pp->n, 120);
  double total = twitch_sum(pp, pp->rr), reach = 0.0;
  for (int i = 0; i < pp->n && reach == 0.0; i++) {
    double th = pow(pp->rr, (double)i / (pp->n - 1));
    if (twitch_sum(pp, th) >= 0.3 * total) reach = th;
  }
  double expected = twitch_sum(pp, reach - inh) / twitch_sum(pp, reach);
  assert_true(expected > 0.0 && expected < 1.0);
  assert_close(r.o.outcome[0].hreflex_ratio, expected, 1e-9);
  assert_true(r.o.force[0] == 0.0); /* inhibited and relaxed: silent */
  free(r.block);
}

/* The pools and delay rings are built for params.dt: another step is refused. */
static void test_other_dt_is_refused(void **state) {
  (void)state;
  rig r;
  rig_build(&r, 0);
  assert_int_equal(kn_nm_step(&r.p, &r.in, &r.s, &r.o, 2.0 * DT), KN_EINVAL);
  free(r.block);
}

/* A non-finite input (here the muscle temperature from the circulation) is reported, not absorbed:
 * the pool would read a non-finite excitation as silence. */
static void test_non_finite_input_is_reported(void **state) {
  (void)state;
  rig r;
  rig_build(&r, 0);
  assert_int_equal(kn_nm_step(&r.p, &r.in, &r.s, &r.o, DT), KN_OK);
  r.temperature[0] = NAN;
  assert_int_equal(kn_nm_step(&r.p, &r.in, &r.s, &r.o, DT), KN_ENONFINITE);
  free(r.block);
}

/* Post-activation depression, worked by hand from its definition (docs/model.md, "Stretch
 * reflex"): one step of 1 ms with the Ia discharge 100 /s above rest carries 0.1 impulse; each uses
 * nm_pad_release = 0.5 of what is available, so 1 - 0.05 = 0.95 is left, and the store then
 * refills by k = 1 - exp(-1 ms / 4 s). A discharge of 10 000 /s counts as nm_pad_rate_max = 200 /s:
 * 0.2 impulse, 0.9 left. */
static void test_pad_one_step_and_its_ceiling(void **state) {
  (void)state;
  kn_params p;
  kn_params_default(&p);
  double k = 1.0 - exp(-DT / 4.0);
  assert_close(kn_nm_pad_step(&p, p.nm_pad_release, 1.0, 100.0, DT, k), 0.95 + 0.05 * k, 1e-15);
  assert_close(kn_nm_pad_step(&p, p.nm_pad_release, 1.0, 1.0e4, DT, k), 0.9 + 0.1 * k, 1e-15);
  /* a discharge below rest uses nothing: only the refill */
  assert_close(kn_nm_pad_step(&p, p.nm_pad_release, 0.5, -20.0, DT, k), 0.5 + 0.5 * k, 1e-15);
  /* at most half the excitation can be removed (nm_pad_share 0.5) */
  assert_close(kn_nm_pad_efficacy(&p, 1.0), 1.0, 1e-15);
  assert_close(kn_nm_pad_efficacy(&p, 0.0), 0.5, 1e-15);
  assert_close(kn_nm_pad_efficacy(&p, 0.6), 0.8, 1e-15);
}

/* Recovery: with no Ia discharge above rest, the deficit decays with nm_pad_recovery (4 s): after
 * one time constant, 1 - 0.5 / e from 0.5; after 10 s (the literature's ~10 s), 1 - 0.5 e^-2.5. */
static void test_pad_recovers_with_its_time_constant(void **state) {
  (void)state;
  kn_params p;
  kn_params_default(&p);
  double k = 1.0 - exp(-DT / p.nm_pad_recovery);
  double pad = 0.5;
  for (int i = 0; i < 4000; i++)
    pad = kn_nm_pad_step(&p, p.nm_pad_release, pad, 0.0, DT, k);
  assert_close(pad, 1.0 - 0.5 * exp(-1.0), 1e-9);
  for (int i = 0; i < 6000; i++)
    pad = kn_nm_pad_step(&p, p.nm_pad_release, pad, 0.0, DT, k);
  assert_close(pad, 1.0 - 0.5 * exp(-2.5), 1e-9);
}

/* A stretch at a given velocity: the hand turns the prone ankle (0.5 rad) toward 0.5 - 0.7 =
 * -0.2 rad at 2 rad/s, 2 mrad a step: 0.3 rad after 0.1 s, there after 0.35 s and held. */
static void test_stretch_velocity_turns_the_joint_at_that_rate(void **state) {
  (void)state;
  rig r;
  stretch_action(&r, 0.7);
  r.action.velocity = 2.0;
  rig_build(&r, 1);
  r.action_rep[0] = 0;
  rig_run(&r, 0.1);
  assert_close(r.s.joints.theta[KN_JOINT_ANKLE], 0.3, 1e-9);
  assert_close(r.s.joints.omega[KN_JOINT_ANKLE], -2.0, 1e-6);
  rig_run(&r, 0.4);
  assert_close(r.s.joints.theta[KN_JOINT_ANKLE], -0.2, 1e-12);
  free(r.block);
}

/* The reflex to a fast stretch past optimal length is not cut off by the inhibition of the
 * lengthened muscle at once (issue 17): at 10 rad/s the prone gastrocnemius (0.5 rad, optimal at
 * -0.1 rad) crosses optimal length 60 ms in. The reflex loop (2 x 20 ms, geyer_herr2010) answers
 * nothing before 40 ms; the units the ramp's Ia burst recruits from 40 ms on still fire at 80 ms,
 * past the crossing, when an inhibition of the present length (150 x 0.055 = 8 excitation units at
 * -0.2 rad) would already have silenced them. It arrives one loop later (100 ms) and builds with
 * 0.15 s: by 250 ms the held, lengthened muscle is silent. */
static void test_fast_stretch_reflex_survives_past_optimal_length(void **state) {
  (void)state;
  rig r;
  stretch_action(&r, 0.7);
  r.action.velocity = 10.0;
  rig_build(&r, 1);
  r.action_rep[0] = 0;
  double early = 0.0;
  for (int i = 0; i < 40; i++) {
    rig_run(&r, DT);
    early += r.o.emg[0];
  }
  assert_true(early == 0.0);
  rig_run(&r, 0.04); /* to 80 ms */
  assert_true(r.o.length[0] > 1.0);
  assert_true(r.o.firing_rate[0] > 0.0);
  rig_run(&r, 0.17); /* to 250 ms */
  assert_true(r.o.firing_rate[0] == 0.0);
  free(r.block);
}

/* A contraction held during a stretch: the subject's drive follows the force error (voluntary
 * control), so the pool's force settles at the 20 % asked for, whatever the reflex and the
 * lengthening inhibition add or take, within the control's 5 % margin (nm_voluntary_margin). */
static void test_contraction_held_during_stretch(void **state) {
  (void)state;
  rig r;
  stretch_action(&r, 0.7);
  r.action.contraction = 0.2;
  rig_build(&r, 1);
  r.action_rep[0] = 0;
  rig_run(&r, 3.0);
  assert_true(fabs(r.o.activation[0] - 0.2) <= 0.05);
  assert_true(r.s.joint_effort[KN_JOINT_ANKLE]);
  free(r.block);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_relaxed_muscle_is_silent),
      cmocka_unit_test(test_held_stretch_gives_static_ia),
      cmocka_unit_test(test_pressure_inhibits_and_depresses_hreflex),
      cmocka_unit_test(test_other_dt_is_refused),
      cmocka_unit_test(test_non_finite_input_is_reported),
      cmocka_unit_test(test_pad_one_step_and_its_ceiling),
      cmocka_unit_test(test_pad_recovers_with_its_time_constant),
      cmocka_unit_test(test_stretch_velocity_turns_the_joint_at_that_rate),
      cmocka_unit_test(test_fast_stretch_reflex_survives_past_optimal_length),
      cmocka_unit_test(test_contraction_held_during_stretch),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
