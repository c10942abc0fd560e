/* SPDX-License-Identifier: Apache-2.0 */
/* The neuromuscular stage (src/core/stage.h): for every simulated muscle, a motor-unit pool driven
 * by the stretch reflex, autogenic and reciprocal inhibition, the inhibition of pressure on the
 * belly, voluntary drive and electrical stimulation; Hill force; joint dynamics; and the
 * involuntary contractions found in the force (spasms, cramps, reflex responses).
 *
 * The only header of src/neuromuscular that other modules include. Reads (kn_nm_in): the pressure
 * on each muscle belly (mechanics), the non-stroke actions in progress and where percussion works
 * (protocol), and, as last circulation step's values, muscle temperature and interstitial
 * potassium. Offers (kn_nm_out): force, activation, length, EMG and firing rate per muscle, the
 * outcome per muscle, the spasm list, and the episodes that ended this step (the wiring in src/sim
 * turns them into events). */
#ifndef KN_NEUROMUSCULAR_NEUROMUSCULAR_H
#define KN_NEUROMUSCULAR_NEUROMUSCULAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/params.h"
#include "core/stage.h"
#include "knead/neuromuscular.h"
#include "knead/sim.h"
#include "knead/spec.h"

/* The clock the stage runs on: every simulation step (it rests in the quiet tail, kn_nm_quiet). */
#define KN_NM_CLOCK KN_CLOCK_STEP
/* Spasms kept in the list (a capacity, not physiology); later ones are counted, not kept. */
#define KN_NM_SPASM_CAPACITY 1024

struct kn_muscle_mech;     /* a row of the muscle table (nm_internal.h) */
struct kn_nm_muscle_state; /* one muscle's state (engine.c) */

/* A simulated muscle: constant part. */
typedef struct kn_nm_muscle {
  int atlas;                         /* atlas muscle index */
  int region;                        /* its atlas region (where percussion and heat work) */
  const struct kn_muscle_mech *mech; /* its mechanics (static table) */
  int tissue;          /* index in kn_nm_in.muscle_p (the model's tissue muscles), or -1 */
  int antagonist;      /* index among the simulated muscles, or -1 */
  int delay_steps;     /* one-way reflex delay in steps */
  double ctf;          /* Hz, cramp threshold frequency at the session's start */
  kn_pool_params pool; /* its motor-unit pool */
} kn_nm_muscle;

/* The stage's constant part, filled once by kn_nm_params_init. Arrays are the caller's. */
typedef struct kn_nm_params {
  const kn_params *par;       /* the parameter table (nm_* rows, circ_muscle_temp_rest,
                                 circ_potassium_ctf); not owned */
  double dt;                  /* s, the step the pools, rings and rates are built for */
  uint64_t seed;              /* seeds the pools' interspike variability */
  double serum_potassium;     /* mM, the subject's plasma potassium (interstitial reference) */
  double hypohydration;       /* 1, share of body mass the subject has lost (drinks) */
  const kn_action *actions;   /* the session's actions; not owned */
  const double *action_start; /* s, their start times (the schedule); not owned */
  int nmuscle;
  kn_nm_muscle *muscles; /* (nmuscle) */
  int joint_used[KN_JOINT_COUNT];
  double rest0[KN_JOINT_COUNT]; /* rad, joint angles before the first posture action */
  kn_hill_params hill;
  size_t pool_bytes; /* bytes of one pool */
  int ring;          /* length of the delay rings */
  int nother;        /* actions that are not strokes */
  int *other;        /* (nother) their indices, in file (= time) order */
  int spasm_capacity;
  double k_rise, k_fall; /* per-step fractions of the inhibition's rise and fall */
  /* the joints as this subject's body and the session's loads make them */
  double inertia[KN_JOINT_COUNT];     /* kg m^2, moving segments (scaled to the body) + load */
  double load_torque[KN_JOINT_COUNT]; /* N m, steady torque of an attached load */
  int loaded[KN_JOINT_COUNT];         /* 1: a load holds the joint instead of a posture's support */
  double ia_gain;       /* 1, the subject's stretch-reflex loop gain, multiple of nm_gain_ia */
  double pad_release;   /* the subject's nm_pad_release (reduced in spasticity) */
  double k_pad;         /* per-step fraction of the recovery from post-activation depression */
  double k_stretch_inh; /* per-step fraction of the lengthening inhibition's approach */
  /* hyperreflexia and its opposites: cold and fatigue (docs/model.md, "Clonus") */
  double cooling; /* degC, the subject's muscle temperature minus resting (negative: cooled) */
  double fatigue_fast, fatigue_slow; /* 1, shares of the Ia excitation that exertion removes at
                                        the start, recovering in minutes and in tens of minutes */
  double hreflex_reach;              /* excitation a standard H-reflex test volley reaches at rest
                                        (nm_hreflex_volley): the test pulses' reach and the H-reflex output's */
} kn_nm_params;

/* The joints' state. */
typedef struct kn_nm_joints {
  double theta[KN_JOINT_COUNT], omega[KN_JOINT_COUNT]; /* rad, rad/s */
  double rest[KN_JOINT_COUNT];                         /* rad, set by posture */
  double torque[KN_JOINT_COUNT];                       /* N m, from the muscles last step */
  double hold[KN_JOINT_COUNT];                         /* rad, where a holding hand keeps it */
  int fixed[KN_JOINT_COUNT]; /* 1 where a posture set the angle: the support keeps it */
} kn_nm_joints;

/* What the stage keeps from one step to the next. */
typedef struct kn_nm_state {
  struct kn_nm_muscle_state *muscle; /* (nmuscle) pools, delay rings, episode detection */
  kn_nm_joints joints;
  int ring_head;                    /* where this step's afferent discharge goes in the rings */
  int action;                       /* non-stroke action in progress, -1 if none */
  double ctf_shift;                 /* Hz, cramp threshold change from drinks */
  int joint_effort[KN_JOINT_COUNT]; /* 1 where the subject is making an effort this step */
  double reflex_fatigue;            /* 1, share of the Ia excitation exertion removes this step */
} kn_nm_state;

/* An involuntary episode that ended this step, for the event list. */
typedef struct kn_nm_ended {
  kn_event_kind kind;    /* KN_EV_CLONIC_SPASM, _TONIC_SPASM, _CRAMP or _REFLEX_RESPONSE */
  int muscle;            /* atlas index */
  int action;            /* action in progress at onset, -1 if none */
  double t_start, t_end; /* s */
  double peak;           /* 1, highest involuntary force, fraction of maximum */
  const char *unit;      /* static text: the unit of peak */
  kn_evidence evidence;
} kn_nm_ended;

/* What the stage offers downstream (arrays carved by kn_nm_init). */
typedef struct kn_nm_out {
  double *force;          /* N (nmuscle), muscle force */
  double *activation;     /* 1 (nmuscle), active force of the pool, fraction of maximum */
  double *length;         /* optimal lengths (nmuscle), fibre length */
  double *emg;            /* a.u. (nmuscle), EMG proxy of this step's spikes */
  double *firing_rate;    /* 1/s (nmuscle), mean rate of the firing units */
  double *ia_rate;        /* 1/s (nmuscle), spindle Ia discharge now (before the reflex delay) */
  kn_nm_outcome *outcome; /* (nmuscle) per-muscle outcome over the session */
  kn_spasm *spasms;       /* (spasm_capacity) spasms so far, in order of their end */
  int nspasm;
  kn_nm_ended *ended; /* (nmuscle) episodes that ended in the last step or finish */
  int nended;
} kn_nm_out;

/* Const views of the upstream outputs the stage reads. */
typedef struct kn_nm_in {
  double t;               /* s, time at the step's start */
  const double *muscle_p; /* Pa, pressure on each belly (mechanics), by kn_nm_muscle.tissue */
  const int *action_rep;  /* (nstarted) repetition in progress of each of params.other's
                             started actions, -1 between repetitions or after (protocol) */
  int nstarted;           /* leading entries of params.other that have started */
  int action_now;         /* action in progress in any hand slot, -1 if none (protocol) */
  const unsigned char *percussed; /* (nmuscle) 1 where percussion works on the muscle's region */
  const double *temperature;      /* K (nmuscle), muscle temperature, last circulation step */
  const double *potassium;        /* mM (nmuscle), interstitial potassium, last circulation step */
} kn_nm_in;

/* Marks the atlas muscles to simulate (marks: one byte per atlas muscle): those in the regions
 * `touched` (one byte per atlas region), those that non-stroke actions name (heat: every muscle of
 * its region), those crossing a joint the session loads, and their antagonists. Returns how many.
 */
int kn_nm_select(const kn_session *s, const unsigned char *touched, unsigned char *marks);
/* Fills p from the parameter table `par`, the subject and the session (its actions and their
 * schedule `action_start`, s), for the muscles in `marks`; tissue_muscles (ntissue atlas indices)
 * map each muscle to its pressure in kn_nm_in. p->muscles and p->other must have room for the
 * marked muscles and the session's actions. Keeps pointers to par, actions and action_start. */
void kn_nm_params_init(kn_nm_params *p, const kn_params *par, const kn_subject *subject,
                       const kn_session *session, const double *action_start,
                       const unsigned char *marks, const int *tissue_muscles, int ntissue);
/* Bytes the stage's arrays take in an arena (with alignment, starting aligned). */
size_t kn_nm_size(const kn_nm_params *p);
/* Carves the state's and output's arrays from the arena (a->base NULL: only measures). */
void kn_nm_init(const kn_nm_params *p, kn_arena *a, kn_nm_state *s, kn_nm_out *o);
/* Back to the session's start: pools at rest, joints at rest0, outcomes and lists empty. */
void kn_nm_reset(const kn_nm_params *p, kn_nm_state *s, kn_nm_out *o);
/* One step of dt (s; must be p->dt, for which the pools and rings are built): KN_OK, KN_EINVAL for
 * another dt, or KN_ENONFINITE if a muscle's temperature, inhibition, excitation or force went
 * non-finite (the step is still taken). o->ended gets the episodes that ended. */
int kn_nm_step(const kn_nm_params *p, const kn_nm_in *in, kn_nm_state *s, kn_nm_out *o, double dt);
/* Closes the episodes still going at in->t (the end of the simulation) into o->ended. */
void kn_nm_finish(const kn_nm_params *p, const kn_nm_in *in, kn_nm_state *s, kn_nm_out *o);
/* 1 if no muscle fires, no episode is open, no stimulation runs and the joints are still. */
int kn_nm_quiet(const kn_nm_params *p, const kn_nm_state *s);

#endif
