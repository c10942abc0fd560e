/* Local circulation, temperature and metabolites (src/circulation), inside the simulation.
 *
 * Each region the session reaches has a skin compartment under the hands and a muscle-layer
 * compartment; each muscle of the neuromuscular engine has an interstitial pool of potassium and
 * lactate. Flows are relative to the subject's resting flow. The module runs on a slower clock
 * than the step (every KN_CIRC_PERIOD seconds): its time constants are seconds to minutes. */
#ifndef KN_CIRCULATION_H
#define KN_CIRCULATION_H

#include "knead/sim.h"

#define KN_CIRC_PERIOD 0.01 /* s, update period of circulation and the whole body */

/* One region's local circulation. */
typedef struct kn_circ_region {
  double debt_skin, debt_muscle;  /* 1, ischaemic vasodilator signal under the hand (0..1) */
  double massage;                 /* 1, skin vasodilation of massage (0..1) */
  double heat_dilation;           /* 1, skin vasodilation of applied heat (extra flow, x rest) */
  double skin_flow, muscle_flow;  /* 1, under the hand, relative to rest */
  double skin_temp;               /* K */
  double muscle_temp;             /* K, middle of the muscle layer */
  double heat_source;             /* K, temperature of the heat source now on it, 0 if none */
  double heat_skin_target;        /* K, skin temperature the source would reach */
  double heat_muscle_rise;        /* K, muscle rise the source would reach after hours */
  double activation;              /* 1, filtered activation of its muscles (exercise hyperaemia) */
  double t_release;               /* s, last release of an occlusion, -inf if none */
  double artery_sum, artery_time; /* for the mean artery-flow change while worked */
  int occluded;                   /* 1 while the skin under a hand is more than half occluded */
  double patch_share;             /* 1, area share of the region under the hands lately */
} kn_circ_region;

/* One muscle's interstitium. */
typedef struct kn_circ_muscle {
  double potassium; /* mol/m^3 */
  double lactate;   /* mol/m^3 */
} kn_circ_muscle;

#endif
