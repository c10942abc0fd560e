/* SPDX-License-Identifier: Apache-2.0 */
/* The circulation stage (src/circulation): local circulation, temperature and metabolites.
 *
 * Each region the session reaches has a skin compartment under the hands and a muscle-layer
 * compartment; each muscle of the neuromuscular engine has an interstitial pool of potassium and
 * lactate. Flows are relative to the subject's resting flow. The stage runs on a slower clock
 * than the step (every KN_CIRC_PERIOD seconds): its time constants are seconds to minutes. Stage
 * contract: src/core/stage.h. */
#ifndef KN_CIRCULATION_H
#define KN_CIRCULATION_H

#include <stddef.h>

#include "core/arena.h"
#include "core/params.h"
#include "core/stage.h"
#include "knead/sim.h"
#include "protocol/protocol.h"

#define KN_CIRC_PERIOD 0.01         /* s, update period of circulation and the whole body */
#define KN_CIRC_CLOCK KN_CLOCK_CIRC /* every KN_CIRC_PERIOD, and every quiet step */

/* One region's local circulation. */
typedef struct kn_circ_region {
  double debt_skin, debt_muscle; /* 1, ischaemic vasodilator signal under the hand (0..1) */
  double massage;                /* 1, skin vasodilation of massage (0..1) */
  double heat_dilation;          /* 1, skin vasodilation of applied heat (extra flow, x rest) */
  double skin_flow, muscle_flow; /* 1, under the hand, relative to rest */
  double skin_temp;              /* K */
  double muscle_temp;            /* K, middle of the muscle layer */
  double heat_source;            /* K, temperature of the heat source now on it, 0 if none */
  double heat_skin_target;       /* K, skin temperature the source would reach */
  double heat_muscle_rise;       /* K, muscle rise the source would reach after hours */
  double activation;             /* 1, filtered activation of its muscles (whether they work) */
  double metabolic;              /* 1, metabolic vasodilator of their effort (activation units) */
  double muscle_mean;            /* 1, muscle-layer flow over the whole region, relative to rest */
  double artery_flow;            /* 1, the limb artery's inflow to the region, relative to rest */
  int effort;                    /* 1 while its muscles work (activation above worked) */
  double t_effort_end;           /* s, end of their last effort, -inf if none */
  double recovery_sum, recovery_time; /* for the mean artery inflow after that effort */
  double t_release;                   /* s, last release of an occlusion, -inf if none */
  double artery_sum, artery_time;     /* for the mean artery-flow change while worked */
  int occluded;                       /* 1 while the skin under a hand is more than half occluded */
  double patch_share;                 /* 1, area share of the region under the hands lately */
} kn_circ_region;

/* One neuromuscular muscle's interstitium and temperature. */
typedef struct kn_circ_muscle {
  double potassium;   /* mol/m^3 */
  double lactate;     /* mol/m^3 */
  double temperature; /* K, of its region's muscle layer (resting value if it has no region) */
} kn_circ_muscle;

/* Constant: the parameter table, the subject and the sites and heat applications of the plan.
 * The arrays are owned by the model. */
typedef struct kn_circ_params {
  const kn_params *par;       /* the parameter table (circ_* rows, sys_core_normal) */
  double serum_potassium;     /* mol/m^3, the subject's plasma K+ */
  int atherosclerosis;        /* 1: reduced vasodilator reserve */
  double plan_end;            /* s, end of the last action (skin_flow_end is read there) */
  int nregion;                /* regions the session reaches */
  const int *regions;         /* atlas index of each (nregion) */
  const int *region_local;    /* atlas region -> local index, -1 if not reached */
  int nmuscle;                /* muscles of those regions (the tissue stage's) */
  const int *muscle_region;   /* local region of each (nmuscle) */
  int nnm;                    /* muscles of the neuromuscular engine */
  const int *nm_region;       /* local region of each, -1 if none (nnm) */
  const kn_action *actions;   /* the session's actions */
  const double *action_start; /* s, per action */
  const double *action_end;   /* s, per action */
  int nheat;                  /* heat applications */
  const int *heat_actions;    /* their action indices (nheat) */
} kn_circ_params;

/* What it reads from upstream stages this step. */
typedef struct kn_circ_in {
  double t;                    /* s, start of this step */
  const kn_contact *contacts;  /* protocol: the hands now (ncontact) */
  int ncontact;                /* hands (slots) */
  const double *region_p;      /* Pa, mechanics: highest surface pressure per region (nregion) */
  const double *muscle_p;      /* Pa, mechanics: pressure at mid-belly per muscle (nmuscle) */
  const double *nm_activation; /* 1, neuromuscular: active fraction, last step's (nnm) */
  double core_temp;            /* K, systemic: core temperature now */
  double systolic, diastolic;  /* Pa, systemic: arterial pressures now */
} kn_circ_in;

/* What it keeps between steps. */
typedef struct kn_circ_state {
  kn_circ_region *region; /* (nregion) */
  double *activation;     /* 1 (nregion) scratch: activation of each region's muscles */
} kn_circ_state;

/* What it offers downstream (neuromuscular, recorder, outcome). */
typedef struct kn_circ_out {
  const kn_circ_region *region; /* (nregion) flows and temperatures now: a view of the state */
  kn_circ_muscle *muscle;       /* (nnm) interstitial K+, lactate and temperature now */
  kn_circ_outcome *outcome;     /* (nregion) over the session */
} kn_circ_out;

/* Bytes its arrays take in the arena. */
size_t kn_circ_size(const kn_circ_params *p);
/* Carves its arrays from the arena (two-pass: a->base NULL only measures). */
void kn_circ_init(const kn_circ_params *p, kn_arena *a, kn_circ_state *s, kn_circ_out *o);
/* Rest: resting flows and temperatures, plasma K+ and resting lactate. */
void kn_circ_reset(const kn_circ_params *p, kn_circ_state *s, kn_circ_out *o);
/* Advances by dt (s, the time since its last step). KN_OK, or KN_ENONFINITE if a flow,
 * temperature or metabolite is no longer finite. */
int kn_circ_step(const kn_circ_params *p, const kn_circ_in *in, kn_circ_state *s, kn_circ_out *o,
                 double dt);

#endif
