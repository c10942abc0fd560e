/* SPDX-License-Identifier: Apache-2.0 */
/* The nerve stage: every nerve of a model under the pressures mechanics puts on it
 * (src/core/stage.h). The model of one nerve is knead/nerve.h (kn_nerve_step); this stage is the
 * loop over a model's nerves, and stamps the time each nerve's grade rises. Shared by the
 * simulator (src/sim/step.c) and the safety monitor (src/monitor/). */
#ifndef KN_NERVE_NERVE_H
#define KN_NERVE_NERVE_H

#include "core/stage.h"
#include "knead/nerve.h"

#define KN_NERVE_CLOCK KN_CLOCK_STEP /* pressure on a nerve changes with every stroke */

/* Constant part: the nerve model and how many nerves. */
typedef struct kn_nerve_stage_params {
  const kn_nerve_params *nerve; /* one set for every nerve (filled from the parameter table) */
  int nnerve;
} kn_nerve_stage_params;

/* What the stage reads: the mechanics stage's output. */
typedef struct kn_nerve_stage_in {
  const double *p;   /* Pa (nnerve), pressure on each nerve this step */
  const double *len; /* m (nnerve), loaded length of each nerve this step */
  double t;          /* s, the step's start: the time a grade reached is stamped with */
} kn_nerve_stage_in;

/* What it keeps: one state per nerve. */
typedef struct kn_nerve_stage_state {
  kn_nerve_state *nerves; /* (nnerve) */
} kn_nerve_stage_state;

/* What it gives downstream. */
typedef struct kn_nerve_stage_out {
  double *t_grade; /* s (nnerve), start of the step in which the grade last rose, -1 never */
} kn_nerve_stage_out;

/* Every nerve at rest, no grade reached. */
void kn_nerve_stage_reset(const kn_nerve_stage_params *p, kn_nerve_stage_state *s,
                          kn_nerve_stage_out *o);

/* Every nerve from the state an earlier session left it in (initial, nnerve, already aged over the
 * gap; NULL: at rest as kn_nerve_stage_reset): a grade carried in is stamped at t = 0, present
 * from the start. */
void kn_nerve_stage_reset_from(const kn_nerve_stage_params *p, const kn_nerve_carry *initial,
                               kn_nerve_stage_state *s, kn_nerve_stage_out *o);

/* Advances every nerve by dt (s). KN_OK. */
int kn_nerve_stage_step(const kn_nerve_stage_params *p, const kn_nerve_stage_in *in,
                        kn_nerve_stage_state *s, kn_nerve_stage_out *o, double dt);

/* Advances only the nsite nerves listed in sites (indices) by dt: for a caller that loads a few
 * sites at a time (the monitor). */
void kn_nerve_stage_step_sites(const kn_nerve_stage_params *p, const kn_nerve_stage_in *in,
                               kn_nerve_stage_state *s, kn_nerve_stage_out *o, const int *sites,
                               int nsite, double dt);

#endif
