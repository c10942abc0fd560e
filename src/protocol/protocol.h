/* SPDX-License-Identifier: Apache-2.0 */
/* The protocol stage (src/protocol): from the session's plan to what each hand (slot) does this
 * step. The practitioner drawn from a profile shapes the force, the position and the reaction to
 * pain. Its output, kn_contact, is what mechanics, circulation and the whole body read. Stage
 * contract: src/core/stage.h. */
#ifndef KN_PROTOCOL_H
#define KN_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/stage.h"
#include "knead/sim.h"

#define KN_PROTOCOL_CLOCK KN_CLOCK_STEP /* every simulation step while the plan runs */

/* The pressure-pain model (src/protocol/pain.c): the hands react to pain, so it lives with the
 * first stage. */
/* A pain threshold's log-normal distribution, fitted once (kn_pain_curve_of) so the 1 kHz path
 * does not take the same two logarithms and square root again at every step. */
typedef struct kn_pain_curve {
  double mean;  /* Pa, mean threshold */
  double mu;    /* 1, mean of ln(threshold / Pa) */
  double sigma; /* 1, standard deviation of ln(threshold / Pa) */
  int step;     /* 1 if the SD is not positive: certain pain at and above the mean */
} kn_pain_curve;

/* The curve of a threshold with mean ppt_mean and standard deviation ppt_sd (Pa). */
kn_pain_curve kn_pain_curve_of(double ppt_mean, double ppt_sd);

/* Probability (0..1) that surface pressure p (Pa) is painful on curve c: exactly
 * kn_pain_probability(p, mean, sd) of the threshold c was fitted to. */
double kn_pain_curve_probability(const kn_pain_curve *c, double p);

/* The pain of one region with its time course (src/protocol/pain.c): pressure held near the
 * threshold grows more painful over minutes (temporal summation lowers the felt threshold), and
 * pain outlasts a painful pressure (after-pain) before it fades. */
typedef struct kn_pain_state {
  double summation;  /* 1, 0..1: temporal summation of the pressure held (0: none) */
  double metabolite; /* 1, ischaemic metabolites of its muscle (1: the mean amount tolerated) */
  double ischaemic;  /* 1, probability that they hurt (set with them, on the circulation's clock) */
  double felt;       /* 1, probability that the region hurts now, after-pain included */
} kn_pain_state;

/* The constants of that time course, from the parameter table (pain_sum_*, pain_after_time,
 * pain_isch_*). */
typedef struct kn_pain_dynamics {
  double gain;           /* 1, full summation multiplies the felt pressure by 1 + gain */
  double sum_time;       /* s, time constant of summation (rise under pressure, fading without) */
  double after_time;     /* s, time constant of the after-pain */
  double isch_rest_time; /* s, a resting muscle with no flow reaches the mean tolerated amount */
  double isch_work_time; /* s, so does one working at isch_work_activation */
  double isch_work_activation; /* 1, that reference effort's activation */
  double isch_wash;            /* s, time constant of the wash-out at resting flow */
  double isch_cv;    /* 1, spread of the tolerated metabolite across people (mean 1, log-normal) */
  double isch_floor; /* 1, metabolite below which its pain is under 1e-12 (0: not known) */
} kn_pain_dynamics;

/* What the ischaemic metabolites of the regions read from the circulation (its step just done). */
typedef struct kn_pain_in {
  const double *muscle_flow; /* 1 (nregion) muscle-layer flow over each region, relative to rest */
  const double *activation;  /* 1 (nregion) activation of each region's muscles (0..1) */
} kn_pain_in;

/* The time course's constants of parameter table par. */
kn_pain_dynamics kn_pain_dynamics_of(const kn_params *par);

/* Probability (0..1) that pressure p (Pa) hurts now on curve c with summation s (0..1), without
 * after-pain or ischaemia: the pressure felt is p (1 + gain s). */
double kn_pain_summed_probability(const kn_pain_curve *c, const kn_pain_dynamics *d, double s,
                                  double p);

/* Probability (0..1) that ischaemic metabolite m (in mean tolerated amounts) hurts. */
double kn_pain_ischaemic_probability(const kn_pain_dynamics *d, double m);
/* The metabolite below which that probability is under 1e-12 (for d->isch_floor: fitting the
 * curve takes logarithms, so a caller stepping many regions sets it once). */
double kn_pain_ischaemic_floor(const kn_pain_dynamics *d);

/* Advances the ischaemic metabolite of st over dt (s) with muscle flow `flow` (relative to rest)
 * and activation `activation` (0..1), exactly for constant inputs: it builds with the share of
 * flow missing, dm/dt = (rest + work activation)(1 - min(1, flow)) - flow m / wash; then sets
 * st->ischaemic (0 below 1e-12: a hand's patch diluted into its region). */
void kn_pain_ischaemia_step(const kn_pain_dynamics *d, double flow, double activation, double dt,
                            kn_pain_state *st);

/* Advances region state st over dt (s) under peak surface pressure p (Pa), on curve c: the
 * summation relaxes (exactly, first order) towards min(1, p / mean threshold); the pain now is
 * pressure pain or ischaemic pain (st->ischaemic, as independent causes); the felt pain is the
 * larger of that and the last felt pain faded over dt. */
void kn_pain_state_step(const kn_pain_curve *c, const kn_pain_dynamics *d, double p, double dt,
                        kn_pain_state *st);

/* One hand or tool: the contact it makes this step. */
typedef struct kn_contact {
  int action;                          /* action in progress, -1 if none */
  int cursor;                          /* next position in this slot's action list */
  int active;                          /* touching this step */
  int region;                          /* atlas region, -1 if none */
  double x, y;                         /* m, centre in the region patch */
  double area;                         /* m^2 */
  double radius;                       /* m, of the equivalent circle */
  double force;                        /* N, normal */
  double shear;                        /* N, tangential */
  double force_rate;                   /* N/s */
  double p;                            /* Pa, surface pressure */
  double t_contact;                    /* s since this contact began */
  double ease;                         /* 1, force multiplier after a pain reaction */
  double t_pain;                       /* s the current pain has lasted */
  double noise_f, noise_x, noise_y;    /* 1, force and position variation (OU, unit variance) */
  double lp_f, lp_x, lp_y;             /* the same through a low-pass filter */
  double smooth_f, smooth_x, smooth_y; /* rescaled to unit variance: what the hand does */
  double prev_force;                   /* N, last step's force */
} kn_contact;

/* Constant: the parameter table, the practitioner, the plan laid out on hands (slots) and the pain
 * thresholds of the regions. Arrays owned by the model. */
typedef struct kn_protocol_params {
  const kn_params *par;                  /* the parameter table (protocol rows, friction, pain) */
  const kn_practitioner_traits *profile; /* the practitioner drawn for this model */
  double dt;                             /* s, the session's time step */
  uint64_t seed;                         /* the session's seed (the hands' variation) */
  int nslot;                             /* hands (slots) */
  const int *slot_first;                 /* (nslot + 1) offsets into slot_actions */
  const int *slot_actions;               /* action indices of each slot, by start time */
  const kn_action *actions;              /* the session's actions */
  const double *action_start;            /* s, per action */
  const double *action_end;              /* s, per action */
  const int *region_local;               /* atlas region -> local index, -1 if not reached */
  const double *ppt_mean, *ppt_sd;       /* Pa, pain threshold per local region (subject) */
  const kn_pain_curve *pain;             /* the same thresholds fitted once (kn_pain_curve_of) */
  int nregion;                           /* local regions (the length of ppt_mean, pain) */
  int device; /* 1: a device gives the plan exactly (no ramp, variation, drift, easing off) */
} kn_protocol_params;

/* What it reads: only the time (the plan is constant). */
typedef struct kn_protocol_in {
  double t; /* s, start of this step */
} kn_protocol_in;

/* What it keeps: the hands and the random stream of their variation. */
/* The hand-variability filters' step coefficients for the run's dt (computed at reset: the same
 * for every contact and every step). */
typedef struct kn_vary_coefs {
  double decay_f, kick_f; /* force noise: exp(-dt / tau), sqrt(1 - decay^2) */
  double decay_x, kick_x; /* position drift: the same */
  double low_pass;        /* 1 - exp(-dt / smoothing) */
  double gain_f, gain_x;  /* sqrt((tau + smoothing) / tau): back to unit variance */
} kn_vary_coefs;

typedef struct kn_protocol_state {
  kn_contact *contacts; /* (nslot) */
  kn_rng rng;           /* seeded with the session's seed at reset */
  kn_vary_coefs vary;   /* set at reset */
  kn_pain_state *pain;  /* (nregion) each region's pain and its summation */
} kn_protocol_state;

/* What it offers downstream (mechanics, circulation, systemic, events, recorder). */
typedef struct kn_protocol_out {
  const kn_contact *contacts; /* (nslot) the hands now: a view of the state */
  int *eased;                 /* (nslot) 1 where the practitioner eased off this step (an event) */
  double *region_pain;        /* 1 (nregion) probability of pain with its time course (pain step) */
} kn_protocol_out;

/* Bytes its arrays take in the arena. */
size_t kn_protocol_size(const kn_protocol_params *p);
/* Carves its arrays from the arena (two-pass: a->base NULL only measures). */
void kn_protocol_init(const kn_protocol_params *p, kn_arena *a, kn_protocol_state *s,
                      kn_protocol_out *o);
/* Hands lifted, at the start of their slots' plans; the random stream seeded. */
void kn_protocol_reset(const kn_protocol_params *p, kn_protocol_state *s, kn_protocol_out *o);
/* Every hand at in->t (the hands move on p->dt; dt is ignored). KN_OK, or KN_ENONFINITE if a
 * hand's force or position is not finite. */
int kn_protocol_step(const kn_protocol_params *p, const kn_protocol_in *in, kn_protocol_state *s,
                     kn_protocol_out *o, double dt);
/* Lifts every hand or device (the plan is over): a device held to the plan's last step would
 * otherwise stay on the skin through the quiet steps that follow, which do not step the hands. */
void kn_protocol_lift(const kn_protocol_params *p, kn_protocol_state *s);

/* The pain of every region over dt (s), from the hands now and the ischaemic metabolites so far
 * (call after kn_protocol_step, and on every step after the plan too, so that pain fades): fills
 * o->region_pain. */
void kn_protocol_pain_step(const kn_protocol_params *p, kn_protocol_state *s, kn_protocol_out *o,
                           double dt);
/* The ischaemic metabolites of every region's muscle over dt (s, the circulation's step), from
 * the muscle flow and work the circulation has just computed (on its clock, after its step). */
void kn_protocol_ischaemia_step(const kn_protocol_params *p, const kn_pain_in *in,
                                kn_protocol_state *s, double dt);

/* Draws one practitioner of profile `who`: every trait at the median (percentile 0 and not seeded),
 * at `percentile` (1..99) in the harmful direction, or from `seed` (seeded != 0); reproducible. */
void kn_practitioner_draw(const kn_params *p, kn_practitioner who, int percentile, int seeded,
                          uint64_t seed, kn_practitioner_traits *out);
/* The traits of a device (giver: device): the planned force exactly, no ramp, variation or drift,
 * and no easing off on pain. */
void kn_device_traits(kn_practitioner_traits *out);
/* Whether the hand grips the skin (friction, kneading) rather than sliding over it. */
int kn_action_grips_skin(kn_action_kind k);
/* 1 if action a, scheduled from start to end (s), is in one of its repetitions at time t (s);
 * *tau (may be NULL) gets the time into that repetition (s) and *rep (may be NULL) its number
 * from 0. */
int kn_action_phase(const kn_action *a, double start, double end, double t, double *tau, int *rep);

#endif
