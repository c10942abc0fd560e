/* Inside the neuromuscular engine: muscle and joint tables, and the engine's model and state. */
#ifndef KN_NM_INTERNAL_H
#define KN_NM_INTERNAL_H

#include <stddef.h>

#include "core/arena.h"
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
/* H-reflex amplitude (relative to rest) of a pool under inhibition inh (excitation units). */
double kn_nm_hreflex_ratio(const kn_pool_params *pp, double tone, double inh);
/* The mechanics row of an atlas muscle, or NULL. */
const kn_muscle_mech *kn_muscle_mech_find(const char *name);

/* ---- the engine inside a model and a data ------------------------------------------------ */

/* A simulated muscle: constant part. */
typedef struct kn_nm_muscle {
  int atlas;                  /* atlas muscle index */
  const kn_muscle_mech *mech; /* its mechanics */
  int tissue;                 /* index in the model's tissue muscle list (pressure), or -1 */
  int antagonist;             /* index among the simulated muscles, or -1 */
  int delay_steps;            /* one-way reflex delay in steps */
  double ctf;                 /* Hz, cramp threshold frequency at the session's start */
  kn_pool_params pool;        /* its motor-unit pool */
} kn_nm_muscle;

/* The engine's constant part of a model. */
typedef struct kn_nm_model {
  int nmuscle;
  kn_nm_muscle *muscles; /* (nmuscle) */
  int joint_used[KN_JOINT_COUNT];
  double rest0[KN_JOINT_COUNT]; /* rad, joint angles before the first posture action */
  kn_hill_params hill;
  size_t pool_bytes; /* bytes of one pool */
  int ring;          /* length of the delay rings */
  int nother;        /* actions that are not strokes */
  int *other;        /* (nother) their indices */
  int spasm_capacity;
  double k_rise, k_fall; /* per-step fractions of the inhibition's rise and fall */
} kn_nm_model;

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

/* A simulated muscle: state. */
typedef struct kn_nm_state {
  kn_pool *pool;
  double *ia_ring, *ib_ring; /* (ring) recent Ia and Ib discharge, 1/s */
  double L, V;               /* optimal lengths, optimal lengths per second */
  double ia, ib;             /* 1/s, now */
  double e;                  /* excitation of the pool this step */
  double e_vol;              /* voluntary drive */
  double e_vol_target;       /* force wanted, fraction of maximum, -1 if none */
  double inhibition;         /* excitation removed by massage now */
  double inhibition_max;     /* the deepest so far */
  double adapt;              /* slow fading of self-sustained firing (share of PICs on, filtered) */
  double force;              /* N */
  double frac;               /* active force / f_max (pool output) */
  double p_prev;             /* Pa, pressure on the belly last step */
  double temperature;        /* degC */
  double scale_temperature;  /* degC at which twitch_scale was computed */
  double twitch_scale;       /* Q10 factor on twitch times at that temperature */
  int delay_now;             /* steps, reflex loop delay at that temperature */
  int stim_on;               /* a stimulation train is running */
  double stim_rate;          /* Hz */
  double stim_fraction;      /* share of units reached */
  double stim_phase;         /* cycles of the stimulator */
  double t_last_cramp;       /* s, end of its last cramp, -inf if none */
  double t_stim_end;         /* s, last step a stimulation train ran, -inf if none */
  double t_effort_end;       /* s, last step of a voluntary effort or stimulation, -inf if none */
  double t_percussion_end;   /* s, last step percussion worked on its region, -inf if none */
  kn_action_kind effort_kind; /* which of the two */
  /* spasm detection */
  int in_spasm, sp_rate_n, sp_action, sp_npic;
  kn_nm_beats sp_beats;
  double sp_start, sp_peak, sp_peak_force, sp_last_above, sp_rate_sum;
  const char *sp_trigger;
  /* relaxation and tone */
  double rest_force_sum, rest_time;
  int nspasm;
  kn_pool_output out;
} kn_nm_state;

/* The joints' state. */
typedef struct kn_nm_joints {
  double theta[KN_JOINT_COUNT], omega[KN_JOINT_COUNT];
  double rest[KN_JOINT_COUNT];   /* rad, set by posture */
  double torque[KN_JOINT_COUNT]; /* N m, from the muscles last step */
  double hold[KN_JOINT_COUNT];   /* rad, where a hand holding the joint keeps it */
  int fixed[KN_JOINT_COUNT];     /* 1 where a posture set the angle: the support keeps it */
} kn_nm_joints;

#endif
