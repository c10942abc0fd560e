/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the neuromuscular folder: the muscle and joint tables (muscle_data.c), the H-reflex
 * read-out and the episode classifier. Other modules include src/neuromuscular/neuromuscular.h
 * instead. */
#ifndef KN_NM_INTERNAL_H
#define KN_NM_INTERNAL_H

#include <stddef.h>

#include "core/params.h"
#include "knead/neuromuscular.h"
#include "knead/spec.h"

/* A muscle's mechanics (src/neuromuscular/muscle_data.c). */
typedef struct kn_muscle_mech {
  const char *muscle;     /* atlas muscle name */
  kn_joint joint;         /* the joint it crosses (the one that sets its length) */
  int sign;               /* +1 if a positive rotation of the joint lengthens it */
  double arm;             /* m, moment arm */
  double l_opt;           /* m, optimal fibre length */
  double f_max;           /* N, maximum isometric force */
  double angle_opt;       /* rad, joint angle at which the fibres are at optimal length */
  const char *antagonist; /* atlas muscle name, or NULL */
  double cramp;           /* relative cramp susceptibility, calf = 1 */
  const char *src;        /* source key */
} kn_muscle_mech;

/* A joint and the segment it moves. */
typedef struct kn_joint_mech {
  const char *name;
  double inertia;   /* kg m^2, segment about the joint */
  double stiffness; /* N m/rad, passive: joint capsule and the surface it rests on */
  double damping;   /* N m s/rad */
  double delay;     /* s, one-way reflex delay of muscles crossing it */
  double lo, hi;    /* rad, range of motion */
} kn_joint_mech;

extern const kn_muscle_mech kn_muscle_mech_table[];
extern const size_t kn_muscle_mech_n;
extern const kn_joint_mech kn_joint_mech_table[KN_JOINT_COUNT];
/* Excitation (threshold units) a standard H-reflex test volley reaches at rest: the threshold of
 * the lowest unit at which the share `volley` of the pool's twitch force is recruited. */
double kn_nm_hreflex_reach(const kn_pool_params *pp, double volley);
/* H-reflex amplitude relative to rest of a pool whose test volley reaches `reach` at rest and `x`
 * now (lowered by post-activation depression and massage inhibition): recruited twitch force at x
 * over that at reach. */
double kn_nm_hreflex_ratio(const kn_pool_params *pp, double reach, double x);
/* Moment of inertia (kg m^2) about joint j of the segments it moves, for a body of `mass` kg and
 * `height` m: the joint table's value scaled by mass x height^2 from the body it is for
 * (nm_segment_ref_mass, nm_segment_ref_height), as proportional segment tables imply. */
double kn_nm_segment_inertia(const kn_params *p, kn_joint j, double mass, double height);
/* Post-activation depression of the Ia synapse (docs/model.md, "Stretch reflex"): the share of
 * the Ia excitation transmitted when the share `pad` (0..1) of its transmitter is available. */
double kn_nm_pad_efficacy(const kn_params *p, double pad);
/* pad settled under a steady Ia discharge ia_excess (1/s above rest): the fixed point of
 * kn_nm_pad_step, k_pad / (1 - (1 - release x impulses per step) (1 - k_pad)). */
double kn_nm_pad_rest(const kn_params *p, double release, double ia_excess, double dt,
                      double k_pad);
/* pad after an electrically evoked Ia volley: the share `share` of the afferents fire one impulse
 * each, and each uses the share `release` of what its terminal has available. */
double kn_nm_pad_volley(double release, double pad, double share);
/* pad after a step of dt s in which the Ia discharge was ia_excess (1/s) above rest: each impulse
 * (counted up to nm_pad_rate_max) uses the share `release` (nm_pad_release, less in spasticity) of
 * what is available, then the store refills by the fraction k_pad (= 1 - exp(-dt /
 * nm_pad_recovery)). */
double kn_nm_pad_step(const kn_params *p, double release, double pad, double ia_excess, double dt,
                      double k_pad);
/* The mechanics row of an atlas muscle, or NULL. */
const kn_muscle_mech *kn_muscle_mech_find(const char *name);

/* ---- episodes: beats and clinical class (engine.c; tests/unit/test_spasm.c) ----------------- */

/* Beats of an involuntary episode: a fall of nm_beat_fall from the last peak, then a rise of
 * nm_beat_rise back above the onset force, whether or not the force drops below it between beats.
 */
typedef struct kn_nm_beats {
  int count;          /* beats so far; the onset is the first */
  int armed;          /* fallen far enough from the last peak for a rise to count */
  double localmax;    /* 1, highest involuntary force since the last beat */
  double trough;      /* 1, lowest since arming */
  double first, last; /* s, times of the first and the last beat */
} kn_nm_beats;

/* Starts counting at an episode's onset (time t s, involuntary force invol, fraction of maximum).
 */
void kn_nm_beats_start(kn_nm_beats *b, double t, double invol);
/* Counts a beat if invol (fraction of maximum) at time t (s) completes one. */
void kn_nm_beats_step(const kn_params *p, kn_nm_beats *b, double t, double invol);

/* An involuntary episode that has ended, as the detector measured it. */
typedef struct kn_nm_episode {
  double duration;        /* s, from onset to the last moment above the onset force */
  double peak;            /* 1, highest involuntary force, fraction of maximum */
  kn_nm_beats beats;      /* its beats */
  double percussion_rate; /* Hz of the percussion under way at onset, 0 if none */
  int self_sustained;     /* 1 if >= nm_cramp_pic_share of the units had their PICs on */
} kn_nm_episode;

/* kn_nm_episode_kind: a normal reflex response, not a spasm */
#define KN_NM_REFLEX_RESPONSE (-1)
/* The clinical class of an ended episode (docs/model.md, "Spasms, cramps and reflex responses"):
 * a kn_spasm_kind, or KN_NM_REFLEX_RESPONSE. *freq gets its beat frequency (Hz; 0 with fewer than
 * nm_beat_count_min beats). */
int kn_nm_episode_kind(const kn_params *p, const kn_nm_episode *e, double *freq);

#endif
