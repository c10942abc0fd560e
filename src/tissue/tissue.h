/* SPDX-License-Identifier: Apache-2.0 */
/* The tissue stage: what the loads of this step do to the tissue, against its limits
 * (src/core/stage.h). Muscle cell death and soreness load (the models of knead/tissue.h), and the
 * accumulation of every region's outcome: ISO/TS 15066 limit ratios, pain, capillary occlusion,
 * shear, bruise index and dose. Shared by the simulator (src/sim/step.c) and the safety monitor
 * (src/monitor/).
 *
 * The ISO limit ratios live here, not in mechanics: an ISO/TS 15066 limit is the lowest load that
 * could hurt or bruise, a property of the tissue like the bruise reference it is compared beside;
 * mechanics only says what load reaches where. kn_region_ratios_of computes them for both the
 * simulator and the monitor. */
#ifndef KN_TISSUE_TISSUE_H
#define KN_TISSUE_TISSUE_H

#include "core/stage.h"
#include "knead/sim.h"
#include "knead/tissue.h"
#include "mechanics/mechanics.h"

#define KN_TISSUE_CLOCK KN_CLOCK_STEP /* doses grow with every step's load */

/* Constant part. */
typedef struct kn_tissue_stage_params {
  const kn_tissue_params *tissue; /* the tissue models' parameters */
  const kn_sites *sites;          /* limits, pain thresholds, muscles of each region */
  double iso_transient_factor;    /* 1, transient limit / quasi-static limit where allowed */
  double capillary_closing;       /* Pa, surface pressure closing skin capillaries */
  double pain_probability_event;  /* 1, pain probability counted as time in pain */
} kn_tissue_stage_params;

/* The stage's constant part for sites s, from the parameter table (par) and the tissue models'
 * parameters filled from it (tp, kept by the caller). */
kn_tissue_stage_params kn_tissue_stage_params_of(const kn_params *par, const kn_tissue_params *tp,
                                                 const kn_sites *s);

/* What the stage reads: the mechanics stage's output. */
typedef struct kn_tissue_stage_in {
  const double *region_p;          /* Pa (nregion) */
  const double *region_f;          /* N (nregion) */
  const double *region_shear;      /* Pa (nregion) */
  const double *region_deep_shear; /* Pa (nregion) */
  const double *region_rate;       /* N/s (nregion) */
  const double *region_pain;       /* 1 (nregion) */
  const int *region_transient;     /* (nregion) */
  const double *muscle_p;          /* Pa (nmuscle) */
} kn_tissue_stage_in;

/* What it keeps: one state per muscle. */
typedef struct kn_tissue_stage_state {
  kn_muscle_state *muscles; /* (nmuscle) */
} kn_tissue_stage_state;

/* What it gives: the regions' outcomes as they accumulate, and the session's soreness load. */
typedef struct kn_tissue_stage_out {
  kn_region_outcome *regions; /* (nregion) peaks, times, doses so far */
  double *soreness_load;      /* s, sum over regions of the soreness load (one double) */
} kn_tissue_stage_out;

/* A region's load against its limits. */
typedef struct kn_region_ratios {
  double iso_p;  /* 1, pressure / applicable ISO pressure limit */
  double iso_f;  /* 1, force / applicable ISO force limit */
  double pain;   /* 1, pressure / mean pain threshold */
  double bruise; /* 1, bruise index: max(iso_f, shear / shear_ref) */
} kn_region_ratios;

/* Ratios of local region r under surface pressure p (Pa), force f (N) and surface shear (Pa);
 * transient: every contact on it is younger than the ISO transient time. Inline: the simulator's
 * tissue and events stages and the monitor call it for every loaded region at every step. */
static inline void kn_region_ratios_of(const kn_tissue_stage_params *tp, int r, double p, double f,
                                       double shear, int transient, kn_region_ratios *out) {
  const kn_sites *s = tp->sites;
  double factor = transient && s->transient_ok[r] ? tp->iso_transient_factor : 1.0;
  out->iso_p = p / (s->p_limit[r] * factor);
  out->iso_f = f / (s->f_limit[r] * factor);
  out->pain = p / s->ppt_mean[r];
  double bruise_shear = shear / tp->tissue->shear_ref;
  out->bruise = out->iso_f > bruise_shear ? out->iso_f : bruise_shear; /* fmax without <math.h> */
}

/* Rate (1, integrate over seconds) at which surface pressure p (Pa) adds to local region r's
 * soreness load: (p / mean pain threshold)^2. */
double kn_soreness_load_rate(const kn_tissue_stage_params *tp, int r, double p);

/* Every muscle unloaded, every region's outcome empty (the atlas index kept), no soreness load. */
void kn_tissue_stage_reset(const kn_tissue_stage_params *p, kn_tissue_stage_state *s,
                           kn_tissue_stage_out *o);

/* Advances every muscle and every region's outcome by dt (s). KN_OK. */
int kn_tissue_stage_step(const kn_tissue_stage_params *p, const kn_tissue_stage_in *in,
                         kn_tissue_stage_state *s, kn_tissue_stage_out *o, double dt);

/* Advances only the nsite muscles listed in sites (indices) by dt: for a caller that loads a few
 * sites at a time (the monitor). */
void kn_tissue_stage_step_muscles(const kn_tissue_stage_params *p, const kn_tissue_stage_in *in,
                                  kn_tissue_stage_state *s, const int *sites, int nsite, double dt);

/* ---- soreness over days (doms.c): closed forms read after a run, never stepped ---- */

/* What "resolved" means for a soreness time course: the curve has fallen to this share of its
 * peak (a reading of the word, as the bruise grade's bands are, not a fitted number). */
#define KN_SORENESS_RESOLVED_SHARE 0.1

/* The time course of one kind of soreness. */
typedef struct kn_soreness_course {
  double onset;    /* s after its cause: soreness starts */
  double peak;     /* s after its cause: strongest (> onset) */
  double resolved; /* s after its cause: down to KN_SORENESS_RESOLVED_SHARE of the peak (> peak) */
} kn_soreness_course;

/* Share (0..1) of its peak that soreness of course c has `since` seconds after its cause: 0 up to
 * the onset, 1 at the peak, KN_SORENESS_RESOLVED_SHARE at `resolved`: a gamma-like curve. */
double kn_soreness_share(const kn_soreness_course *c, double since);

/* Delayed-onset soreness after eccentric exercise, and massage's effect on it. */
typedef struct kn_doms_params {
  kn_soreness_course course; /* onset, peak, resolution after the bout */
  double peak_max;           /* 0..10 scale, peak soreness of a saturating bout */
  double contractions_sat;   /* maximal eccentric contractions reaching 63 % of peak_max */
  double massage_reduction;  /* 1, share of the soreness a saturating massage dose removes */
  double massage_time;       /* s of massage on the exercised muscle's region: 63 % of that */
  double massage_window;     /* s after the bout within which massage counts */
} kn_doms_params;

/* The DOMS parameters from the parameter table. */
kn_doms_params kn_doms_params_of(const kn_params *par);
/* Peak soreness (0..10 scale) of a bout: eccentric or not (0: no dose), its contractions and their
 * load as a share of maximum (0..1). */
double kn_doms_peak(const kn_doms_params *p, int eccentric, double contractions, double level);
/* Factor (0..1] on the bout's soreness after massage_time seconds of massage on the exercised
 * muscle's region within the window after it; 1 without massage. */
double kn_doms_massage_factor(const kn_doms_params *p, double massage_time);
/* Soreness (0..10 scale) `since` seconds after the bout, of a bout of peak `peak` and massage
 * factor `factor`. */
double kn_doms_intensity(const kn_doms_params *p, double peak, double factor, double since);

#endif
