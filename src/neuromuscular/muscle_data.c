/* SPDX-License-Identifier: Apache-2.0 */
/* Mechanics of the massaged muscles: the joint each crosses, moment arm, optimal fibre length,
 * maximum force, reflex delay, antagonist and cramp susceptibility. Lower limb from the Arnold 2010
 * model, upper limb from Holzbaur 2005; trunk and neck values are coarse and say so.
 *
 * These two tables are data, not code: each muscle row carries its source key (src), and the joint
 * rows' figures come from the sources named above the joint table (winter2009 inertias,
 * geyer_herr2010 delays, usual clinical ranges of motion). They stay tables rather than rows of the
 * parameter table (src/core/params.h) because a figure belongs to a muscle or a joint; the literal
 * scan exempts them for that reason. */
#include <stddef.h>

#include "neuromuscular/nm_internal.h"

#define SRC_LOWER "arnold2010"
#define SRC_UPPER "holzbaur2005"
#define SRC_TRUNK "calibrated: order of magnitude from anatomy (no musculoskeletal model used)"

/* sign: +1 if a positive rotation of the joint (kn_joint's named direction) lengthens the muscle.
 * cramp: relative susceptibility, 1 for the calf; calibrated to the share of marathon crampers who
 * cramp in each group (calf 80 %, hamstrings 66 %, quadriceps 48 %; manjra1996); muscles without
 * data take the quadriceps' value, the lowest measured. */
const kn_muscle_mech kn_muscle_mech_table[] = {
    /* muscle            joint              sign arm(m) Lopt(m) Fmax(N) opt(rad) antagonist cramp
       src */
    {"gastrocnemius", KN_JOINT_ANKLE, -1, 0.050, 0.055, 2241.0, -0.1, "tibialis_anterior", 1.00,
     SRC_LOWER},
    {"soleus", KN_JOINT_ANKLE, -1, 0.050, 0.044, 3549.0, -0.1, "tibialis_anterior", 1.00,
     SRC_LOWER},
    {"tibialis_anterior", KN_JOINT_ANKLE, +1, 0.040, 0.068, 905.0, 0.3, "soleus", 0.60, SRC_LOWER},
    {"quadriceps", KN_JOINT_KNEE, +1, 0.040, 0.099, 5699.0, 0.35, "hamstrings", 0.60, SRC_LOWER},
    {"hamstrings", KN_JOINT_KNEE, -1, 0.030, 0.098, 2960.0, 0.35, "quadriceps", 0.825, SRC_LOWER},
    {"gluteus_maximus", KN_JOINT_HIP, +1, 0.060, 0.147, 2900.0, 0.0, NULL, 0.60, SRC_LOWER},
    {"biceps_brachii", KN_JOINT_ELBOW, -1, 0.035, 0.116, 1060.0, 1.4, "triceps_brachii", 0.60,
     SRC_UPPER},
    {"triceps_brachii", KN_JOINT_ELBOW, +1, 0.020, 0.134, 2046.0, 1.4, "biceps_brachii", 0.60,
     SRC_UPPER},
    {"forearm_flexors", KN_JOINT_WRIST, -1, 0.015, 0.060, 800.0, 0.0, "forearm_extensors", 0.60,
     SRC_UPPER},
    {"forearm_extensors", KN_JOINT_WRIST, +1, 0.015, 0.060, 500.0, 0.0, "forearm_flexors", 0.60,
     SRC_UPPER},
    {"deltoid", KN_JOINT_SHOULDER, -1, 0.020, 0.098, 1100.0, 0.0, NULL, 0.60, SRC_UPPER},
    {"infraspinatus", KN_JOINT_SHOULDER, +1, 0.020, 0.068, 1000.0, 0.0, NULL, 0.60, SRC_UPPER},
    {"pectoralis_major", KN_JOINT_SHOULDER, -1, 0.030, 0.140, 1000.0, 0.0, NULL, 0.60, SRC_UPPER},
    {"rhomboids", KN_JOINT_SHOULDER, +1, 0.030, 0.080, 400.0, 0.0, NULL, 0.60, SRC_TRUNK},
    {"upper_trapezius", KN_JOINT_NECK, +1, 0.030, 0.100, 600.0, 0.0, "sternocleidomastoid", 0.60,
     SRC_TRUNK},
    {"levator_scapulae", KN_JOINT_NECK, +1, 0.020, 0.100, 300.0, 0.0, "sternocleidomastoid", 0.60,
     SRC_TRUNK},
    {"sternocleidomastoid", KN_JOINT_NECK, -1, 0.020, 0.120, 300.0, 0.0, "upper_trapezius", 0.60,
     SRC_TRUNK},
    {"erector_spinae", KN_JOINT_LUMBAR, +1, 0.050, 0.120, 2500.0, 0.0, NULL, 0.60, SRC_TRUNK},
};
const size_t kn_muscle_mech_n = sizeof kn_muscle_mech_table / sizeof kn_muscle_mech_table[0];

/* Each joint with the segment it moves: inertia about the joint, passive stiffness and damping of
 * the joint and the surface it rests on, one-way reflex delay of the muscles crossing it, and its
 * range of motion (calibrated: usual clinical ranges). Inertias
 * from Winter's segment tables [winter2009] (foot, shank + foot, forearm + hand, hand, arm, head,
 * leg, trunk) for a body of nm_segment_ref_mass and nm_segment_ref_height (70 kg, 1.70 m); the
 * engine scales them to the subject by mass x height^2 (kn_nm_segment_inertia); delays ankle 20 ms,
 * knee 10 ms, hip 5 ms [geyer_herr2010], arm and neck by conduction distance.
 */
const kn_joint_mech kn_joint_mech_table[KN_JOINT_COUNT] = {
    [KN_JOINT_ANKLE] = {"ankle", 0.012, 30.0, 0.05, 0.020, -0.35, 0.87},
    [KN_JOINT_KNEE] = {"knee", 0.30, 10.0, 0.5, 0.010, 0.0, 2.4},
    [KN_JOINT_HIP] = {"hip", 1.2, 30.0, 2.0, 0.005, -0.35, 2.1},
    [KN_JOINT_ELBOW] = {"elbow", 0.065, 2.0, 0.1, 0.010, 0.0, 2.5},
    [KN_JOINT_SHOULDER] = {"shoulder", 0.25, 5.0, 0.5, 0.008, -0.9, 3.0},
    [KN_JOINT_WRIST] = {"wrist", 0.005, 1.0, 0.02, 0.015, -1.2, 1.4},
    [KN_JOINT_NECK] = {"neck", 0.035, 5.0, 0.2, 0.005, -1.0, 1.0},
    [KN_JOINT_LUMBAR] = {"lumbar", 3.0, 100.0, 5.0, 0.008, -0.5, 1.4},
};

const kn_muscle_mech *kn_muscle_mech_find(const char *name) {
  for (size_t i = 0; i < kn_muscle_mech_n; i++) {
    const char *a = kn_muscle_mech_table[i].muscle, *b = name;
    while (*a && *a == *b)
      a++, b++;
    if (*a == *b) return &kn_muscle_mech_table[i];
  }
  return NULL;
}
