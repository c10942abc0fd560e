/* The protocol stage (src/protocol): from the session's plan to what each hand (slot) does this
 * step. The practitioner drawn from a profile shapes the force, the position and the reaction to
 * pain. Its output, kn_contact, is what mechanics, circulation and the whole body read. Stage
 * contract: src/core/stage.h. */
#ifndef KN_PROTOCOL_H
#define KN_PROTOCOL_H

#include <stdint.h>

#include "core/params.h"
#include "core/stage.h"
#include "knead/sim.h"

#define KN_PROTOCOL_CLOCK KN_CLOCK_STEP /* every simulation step while the plan runs */

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

/* Draws one practitioner of profile `who`: every trait at the median (percentile 0 and not seeded),
 * at `percentile` (1..99) in the harmful direction, or from `seed` (seeded != 0); reproducible. */
void kn_practitioner_draw(const kn_params *p, kn_practitioner who, int percentile, int seeded,
                          uint64_t seed, kn_practitioner_traits *out);
/* Whether the hand grips the skin (friction, kneading) rather than sliding over it. */
int kn_action_grips_skin(kn_action_kind k);
/* 1 if action a, scheduled from start to end (s), is in one of its repetitions at time t (s);
 * *tau (may be NULL) gets the time into that repetition (s) and *rep (may be NULL) its number
 * from 0. */
int kn_action_phase(const kn_action *a, double start, double end, double t, double *tau, int *rep);

#endif
