/* SPDX-License-Identifier: Apache-2.0 */
/* knead — a course: the same session given several times, days or weeks apart.
 *
 *   kn_course_run(subject, session, &outcome)   every session of session->course, one after another
 *
 * Each session is simulated at its own time step, as a single session is; the days between
 * sessions are not stepped: what one session leaves to the next decays in closed form over the gap
 * (docs/model.md, "Courses of sessions"). What is carried:
 *   - resting blood pressure: each session leaves course_bp_carry of its change on the resting
 *     pressure, which decays with course_bp_tau (Liao 2016, Givi 2013/2018);
 *   - soreness: a session's chance of soreness is felt over a window after it (soreness_onset,
 *     course_soreness_peak, soreness_onset + soreness_duration; Cambron 2007), so a session given
 *     inside an earlier one's window starts on a sore site;
 *   - a nerve that has not recovered: what an earlier session left each nerve (its structural
 *     dose, the conduction its lesion still blocks, its axonal transport deficits; knead/nerve.h
 *     kn_nerve_carry), aged over the gap by the nerve model's own recovery, is the next session's
 *     nerve stage's starting state (kn_data_carry_nerves), so its conduction, grade and timing
 *     feel the earlier injury;
 *   - cramp-threshold training: a session in which a muscle cramped raises the cramp threshold
 *     frequency of the next ones by course_ctf_gain, decaying with course_ctf_tau (Behringer
 *     2015), given to the next session's neuromuscular stage as the subject's cramp training.
 * Each session gets its own hand noise (kn_course_session_seed); the practitioner drawn (their
 * traits) is the same person throughout. */
#ifndef KNEAD_COURSE_H
#define KNEAD_COURSE_H

#include "knead/export.h"

#include <stdint.h>

#include "knead/error.h"
#include "knead/nerve.h"
#include "knead/sim.h"
#include "knead/spec.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What carries over between sessions, from the parameter table (a session's `parameters:`
 * included). */
typedef struct kn_course_params {
  double bp_carry;       /* 1, share of a session's pressure change left on the resting pressure */
  double bp_tau;         /* s, time constant of its decay between sessions */
  double soreness_onset; /* s after a session: soreness begins */
  double soreness_peak;  /* s after a session: soreness strongest */
  double soreness_end;   /* s after a session: soreness resolved (a tenth of its peak) */
  double nerve_severe_dose; /* 1, structural dose of axonal injury (nerve_severe_dose) */
  double
      nerve_recovery[2]; /* s, [min, max] recovery of a structural dose (nerve_injury_recovery) */
  double nerve_severe_recovery[2]; /* s, [min, max] after axonal injury (nerve_severe_recovery) */
  double ctf_gain; /* Hz, rise of the cramp threshold frequency a session with a cramp leaves */
  double ctf_tau;  /* s, time constant of its decay between sessions */
} kn_course_params;

/* Fills cp from the parameter table's defaults with the settings of `session` (NULL: none). */
KN_API void kn_course_params_of(const kn_session *session, kn_course_params *cp);

/* A carried change (any unit) `gap` seconds later, decaying with time constant tau (s):
 * carried x exp(-gap / tau). */
KN_API double kn_course_decay(double carried, double gap, double tau);
/* Share (0..1) of a session's soreness felt `since` seconds after it: 0 before soreness_onset,
 * rising to 1 at soreness_peak and falling to a tenth of it at soreness_end, a gamma-like curve
 * (docs/model.md, "Soreness over days"). */
KN_API double kn_course_soreness_share(const kn_course_params *cp, double since);
/* Structural dose (1) still present on a nerve `gap` seconds after a session left `dose`: all of it
 * before the recovery window's minimum, none after its maximum, falling linearly between; the
 * window is nerve_recovery, or nerve_severe_recovery once the dose reached nerve_severe_dose. */
KN_API double kn_course_nerve_residual(const kn_course_params *cp, double dose, double gap);
/* The grade of a structural dose (1) alone: none, injury (>= 1) or axonal injury (>= severe). */
KN_API kn_nerve_grade kn_course_dose_grade(const kn_course_params *cp, double dose);
/* (The course itself ages a nerve with kn_nerve_carry_age, which applies the same window to the
 * dose and also repairs the lesion and the transport deficits.) */

/* The hand-noise seed of session `index` (0 first) of a course given with session seed `seed`:
 * the first session keeps `seed` (a course's first session is the single session, byte for byte);
 * session k > 0 takes the top 53 bits of the k-th draw of the xoshiro256** stream seeded with
 * seed ^ "course" (core/rng), so sessions differ from each other, a rerun repeats them, and the
 * seed, given as a session's `seed:`, reruns that session alone. */
KN_API uint64_t kn_course_session_seed(uint64_t seed, int index);

/* One session of a course. */
typedef struct kn_course_session {
  double start;             /* s after the start of the first session */
  double systolic_rest;     /* Pa, resting systolic pressure at its start (carried change in) */
  double diastolic_rest;    /* Pa, resting diastolic pressure at its start */
  double systolic_carried;  /* Pa, change of the resting systolic pressure carried to its start */
  double diastolic_carried; /* Pa, likewise diastolic */
  double systolic_change;   /* Pa, the session's own change (last minute minus its start) */
  double diastolic_change;  /* Pa, likewise diastolic */
  double soreness_probability; /* 1, that the session makes a worked site sore */
  double sore_at_start;       /* 1, that an earlier session's soreness is still felt at its start */
  int nerves_unrecovered;     /* nerves with an earlier session's structural dose left at start */
  double nerve_dose_max;      /* 1, highest structural dose of a nerve after it, carried included */
  int cramps;                 /* cramps in the session (any muscle) */
  double ctf_carried;         /* Hz, rise of the cramp threshold carried to its start */
  double cramp_threshold;     /* Hz, lowest cramp threshold frequency of a simulated muscle at its
                                 start, carried rise in (the neuromuscular stage's); 0: none */
  kn_nerve_grade nerve_grade; /* worst nerve grade in the session, by the nerve stage started from
                                 what earlier sessions left (a carried injury counts) */
  kn_harm harm;               /* the session's overall harm (a carried nerve grade counts) */
  double nerve_conduction_start; /* 1, lowest share of large motor fibres conducting among its
                                    nerves at its start (an earlier session's lesion); 1: whole */
  double nerve_conduction_end;   /* 1, likewise at the end of its run */
  uint64_t seed;                 /* its hand-noise seed (kn_course_session_seed) */
} kn_course_session;

/* A whole course. */
typedef struct kn_course_outcome {
  int nsession;                                       /* sessions simulated */
  kn_course_session sessions[KN_COURSE_SESSIONS_MAX]; /* (nsession), in order */
  double systolic_course_change;  /* Pa, systolic at the end of the last session minus resting
                                     before the first (the carried change and the last session's) */
  double diastolic_course_change; /* Pa, likewise diastolic */
  double systolic_carried_end;    /* Pa, carried resting change just after the last session */
  double diastolic_carried_end;   /* Pa, likewise diastolic */
  double sore_at_start_max;       /* 1, highest chance of starting a session sore */
  kn_nerve_grade nerve_grade;     /* worst nerve grade over the course, carried doses included */
  kn_harm harm;                   /* worst session's harm */
  kn_evidence evidence_pressure;  /* human data (a meta-analysis and its trials) */
  kn_evidence evidence_soreness;  /* human data (window), expert opinion (its shape) */
  kn_evidence evidence_nerve;     /* expert opinion: no study of repeated compression of a nerve */
} kn_course_outcome;

/* Runs every session of session->course (one session when its nsession is 0) on subject (NULL:
 * defaults) and fills *out. Returns KN_OK, or the first error of a session's model or run (diag,
 * may be NULL, says which). Allocates one model and data per session and frees them. */
KN_API int kn_course_run(const kn_subject *subject, const kn_session *session,
                         kn_course_outcome *out, kn_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
