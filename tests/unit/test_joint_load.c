/* SPDX-License-Identifier: Apache-2.0 */
/* The neuromuscular stage's joints as the subject's body and the session's loads make them:
 * segment inertia scaled from the joint table (winter2009 proportions), a load's inertia and
 * steady torque, and what makes the stretch reflex more or less excitable: the spasticity trait's
 * loop gain and post-activation depression, a cooled limb, and the depression exertion leaves.
 * The expected numbers are worked out by hand from the joint table (ankle 0.012 kg m^2,
 * 30 N m/rad, for 70 kg and 1.70 m) and the parameter table's defaults, not read from the code
 * under test. */
#include "test_common.h"

#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "core/units.h"
#include "knead/atlas.h"
#include "neuromuscular/neuromuscular.h"
#include "neuromuscular/nm_internal.h"

#define DT 0.001 /* s */

static kn_params par;

static int setup(void **state) {
  (void)state;
  kn_params_default(&par);
  return 0;
}

/* 70 kg, 1.75 m: the table's foot about the ankle (0.012 kg m^2 for 70 kg, 1.70 m) times
 * (1.75 / 1.70)^2 = 1.0596886 gives 0.0127163 kg m^2; 35 kg at 1.70 m halves it. */
static void test_segment_inertia_scales_with_the_body(void **state) {
  (void)state;
  assert_close(kn_nm_segment_inertia(&par, KN_JOINT_ANKLE, 70.0, 1.75), 0.0127163, 1e-7);
  assert_close(kn_nm_segment_inertia(&par, KN_JOINT_ANKLE, 70.0, 1.70), 0.012, 1e-12);
  assert_close(kn_nm_segment_inertia(&par, KN_JOINT_ANKLE, 35.0, 1.70), 0.006, 1e-12);
  /* the knee (shank and foot, 0.30 kg m^2) by the same factor: 0.3178 */
  assert_close(kn_nm_segment_inertia(&par, KN_JOINT_KNEE, 70.0, 1.75), 0.31791, 1e-5);
}

/* The gastrocnemius alone, with the session's load on the ankle and the subject given. */
typedef struct rig {
  kn_subject subject;
  kn_session session;
  double action_start;
  int other[1];
  kn_nm_muscle muscle;
  kn_nm_params p;
  kn_nm_state s;
  kn_nm_out o;
  void *block;
  double muscle_p[1], temperature[1], potassium[1];
  int action_rep[1];
  unsigned char percussed[1];
  kn_nm_in in;
} rig;

static void rig_build(rig *r) {
  r->session.dt = DT;
  r->session.seed = 1;
  r->action_start = 0.0;
  int gastro = kn_atlas_find_muscle("gastrocnemius");
  assert_true(gastro >= 0);
  unsigned char *marks = calloc(kn_atlas_muscle_count(), 1);
  assert_non_null(marks);
  marks[gastro] = 1;
  r->p.muscles = &r->muscle;
  r->p.other = r->other;
  int tissue[1] = {gastro};
  kn_nm_params_init(&r->p, &par, &r->subject, &r->session, &r->action_start, marks, tissue, 1);
  free(marks);
  size_t size = kn_nm_size(&r->p);
  r->block = aligned_alloc(16, (size + 15) / 16 * 16);
  assert_non_null(r->block);
  kn_arena a = {r->block, 0};
  kn_nm_init(&r->p, &a, &r->s, &r->o);
  kn_nm_reset(&r->p, &r->s, &r->o);
  r->muscle_p[0] = 0.0;
  r->action_rep[0] = -1;
  r->percussed[0] = 0;
  r->temperature[0] = par.circ_muscle_temp_rest + KN_ZERO_CELSIUS;
  r->potassium[0] = r->subject.serum_potassium;
  r->in = (kn_nm_in){.muscle_p = r->muscle_p,
                     .action_rep = r->action_rep,
                     .action_now = -1,
                     .percussed = r->percussed,
                     .temperature = r->temperature,
                     .potassium = r->potassium};
}

/* A 2 kg load 12 cm from the ankle adds 2 x 0.12^2 = 0.0288 kg m^2 to the default subject's foot
 * (70 kg, 1.70 m: 0.012); modified Ashworth 3 makes the loop gain 1 + 5 x 3 = 16 times normal
 * (nm_spasticity_gain 5) and leaves 1 - 0.16 x 3 = 0.52 of the PAD release 0.5: 0.26. */
static void test_load_and_spasticity_reach_the_params(void **state) {
  (void)state;
  rig r;
  memset(&r, 0, sizeof r);
  kn_subject_default(&r.subject);
  r.subject.spasticity = 3.0;
  r.session.loaded[KN_JOINT_ANKLE] = 1;
  r.session.load_inertia[KN_JOINT_ANKLE] = 2.0 * 0.12 * 0.12;
  r.session.load_torque[KN_JOINT_ANKLE] = -1.0;
  rig_build(&r);
  assert_close(r.p.inertia[KN_JOINT_ANKLE], 0.012 + 0.0288, 1e-12);
  assert_close(r.p.load_torque[KN_JOINT_ANKLE], -1.0, 0.0);
  assert_int_equal(r.p.loaded[KN_JOINT_ANKLE], 1);
  assert_close(r.p.ia_gain, 16.0, 1e-12);
  assert_close(r.p.pad_release, 0.26, 1e-12);
  assert_close(r.p.inertia[KN_JOINT_KNEE], 0.30, 1e-12); /* unloaded: its segment only */
  free(r.block);
}

/* A steady dorsiflexing torque of 1 N m on a relaxed ankle (resting prone at 0.5 rad, no posture
 * support since no posture set the angle) settles where the joint's own spring (30 N m/rad) holds
 * it: 0.5 - 1/30 = 0.466667 rad; the gastrocnemius, far shorter than optimal there, stays silent.
 */
static void test_load_torque_settles_on_the_joint_spring(void **state) {
  (void)state;
  rig r;
  memset(&r, 0, sizeof r);
  kn_subject_default(&r.subject);
  r.session.loaded[KN_JOINT_ANKLE] = 1;
  r.session.load_torque[KN_JOINT_ANKLE] = -1.0;
  rig_build(&r);
  for (int k = 0; k < 3000; k++) {
    r.in.t = k * DT;
    assert_int_equal(kn_nm_step(&r.p, &r.in, &r.s, &r.o, DT), KN_OK);
  }
  assert_close(r.s.joints.theta[KN_JOINT_ANKLE], 0.5 - 1.0 / 30.0, 1e-4);
  assert_close(r.o.activation[0], 0.0, 0.0);
  free(r.block);
}

/* A limb cooled to 31.6 degC (5 below the resting 36.6) and moderate exertion (0.5): the stage
 * starts 5 degC cold, and exertion removes 0.5 x 0.28 = 0.14 (fast) and 0.5 x 0.03 = 0.015 (slow)
 * of the Ia excitation. */
static void test_cold_and_exertion_reach_the_params(void **state) {
  (void)state;
  rig r;
  memset(&r, 0, sizeof r);
  kn_subject_default(&r.subject);
  r.subject.muscle_temperature = 31.6 + KN_ZERO_CELSIUS;
  r.subject.exertion = 0.5;
  rig_build(&r);
  assert_close(r.p.cooling, -5.0, 1e-9);
  assert_close(r.p.fatigue_fast, 0.14, 1e-12);
  assert_close(r.p.fatigue_slow, 0.015, 1e-12);
  assert_close(r.s.reflex_fatigue, 0.155, 1e-12); /* at the start, after reset */
  free(r.block);
}

/* The depression recovers with its two clocks (45 s and 29 min): 45 s into the session it is
 * 0.14 e^-1 + 0.015 e^(-45/1740) = 0.0515031 + 0.0146170 = 0.0661202. */
static void test_exertion_depression_recovers(void **state) {
  (void)state;
  rig r;
  memset(&r, 0, sizeof r);
  kn_subject_default(&r.subject);
  r.subject.exertion = 0.5;
  rig_build(&r);
  r.in.t = 45.0;
  assert_int_equal(kn_nm_step(&r.p, &r.in, &r.s, &r.o, DT), KN_OK);
  assert_close(r.s.reflex_fatigue, 0.0661202, 1e-6);
  free(r.block);
}

/* Cooled 10 degC, the spindle discharges 1 - 0.03 x 10 = 0.7 of what it does at rest, at the same
 * length (nm_spindle_per_degc 3 %/degC, mense1978): one step of each, the joint at rest. */
static void test_cooled_spindle_discharges_less(void **state) {
  (void)state;
  double rate[2];
  for (int cold = 0; cold < 2; cold++) {
    rig r;
    memset(&r, 0, sizeof r);
    kn_subject_default(&r.subject);
    if (cold) r.subject.muscle_temperature -= 10.0;
    rig_build(&r);
    assert_int_equal(kn_nm_step(&r.p, &r.in, &r.s, &r.o, DT), KN_OK);
    rate[cold] = r.o.ia_rate[0];
    free(r.block);
  }
  assert_true(rate[0] > 0.0);
  assert_close(rate[1] / rate[0], 0.7, 1e-9);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_segment_inertia_scales_with_the_body),
      cmocka_unit_test(test_load_and_spasticity_reach_the_params),
      cmocka_unit_test(test_load_torque_settles_on_the_joint_spring),
      cmocka_unit_test(test_cold_and_exertion_reach_the_params),
      cmocka_unit_test(test_exertion_depression_recovers),
      cmocka_unit_test(test_cooled_spindle_discharges_less),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
