/* SPDX-License-Identifier: Apache-2.0 */
/* The mechanics stage: from the hands on the skin to the loads of every region this step and the
 * pressure on every nerve and muscle under them (src/core/stage.h). Shared by the simulator
 * (src/sim/step.c) and the safety monitor (src/monitor/), which step the very same code.
 *
 * Also here: fitting the atlas's sites (regions, nerves, muscles) to one subject, which both the
 * simulator's model and the monitor's model use (kn_sites_fit).
 *
 * The ISO/TS 15066 limit ratios are not computed here but in the tissue stage (src/tissue/
 * tissue.h, kn_region_ratios_of): a limit is a statement about what the tissue tolerates (the
 * lowest load that could bruise or hurt), like the bruise reference it is compared beside, while
 * this stage only says what load reaches where. */
#ifndef KN_MECHANICS_MECHANICS_H
#define KN_MECHANICS_MECHANICS_H

#include <stddef.h>

#include "core/arena.h"
#include "core/params.h"
#include "core/stage.h"
#include "knead/atlas.h"
#include "knead/mechanics.h"
#include "knead/spec.h"
#include "protocol/protocol.h"

#define KN_MECHANICS_CLOCK KN_CLOCK_STEP /* the hands move every step */

/* One hand or tool on the skin this step, as the protocol stage (or the monitor's sensor) gives
 * it. */
typedef struct kn_contact_load {
  int region;        /* atlas region index, -1 if not on the body */
  int active;        /* 1 if touching this step (a lifting hand still has a force rate) */
  double x, y;       /* m, centre in the region's patch */
  double radius;     /* m, of the circle with the contact's area */
  double area;       /* m^2 */
  double p;          /* Pa, surface pressure (force / area) */
  double force;      /* N, normal */
  double shear;      /* N, tangential */
  double force_rate; /* N/s */
  double t_contact;  /* s since this contact began */
} kn_contact_load;

/* The body parts a model reaches, fitted to one subject. Local indices: regions 0..nregion-1 in
 * atlas order, nerves and muscles of those regions in atlas order. The arrays belong to the
 * model that owns this struct (carved from its block); kn_sites_fit fills them. */
typedef struct kn_sites {
  int nregion, nnerve, nmuscle;
  int *regions;              /* atlas index (nregion) */
  int *region_local;         /* atlas region -> local index or -1 (atlas region count) */
  double *ppt_mean, *ppt_sd; /* Pa (nregion), pain threshold scaled for the subject */
  double *p_limit, *f_limit; /* Pa, N (nregion), ISO/TS 15066 quasi-static */
  int *transient_ok;         /* (nregion) 1 where ISO permits transient contact */
  double *fat;               /* m (nregion), subcutaneous fat of this subject */
  double *mid_muscle;        /* m (nregion), depth of the middle of the muscle layer */
  int *nerves;               /* atlas index (nnerve) */
  int *nerve_region;         /* local region (nnerve) */
  double *nerve_depth;       /* m (nnerve), for this subject */
  int *muscles;              /* atlas index (nmuscle) */
  int *muscle_region;        /* local region (nmuscle) */
  double *muscle_depth;      /* m (nmuscle), for this subject */
  int *nerve_first;          /* (nregion + 1) offsets into nerve_list */
  int *nerve_list;           /* (nnerve) local nerve indices grouped by region */
  int *muscle_first;         /* (nregion + 1) offsets into muscle_list */
  int *muscle_list;          /* (nmuscle) local muscle indices grouped by region */
  kn_pain_curve *pain;       /* (nregion) the pain threshold's distribution, fitted once */
} kn_sites;

/* Carves s's arrays for nregion regions, nnerve nerves and nmuscle muscles from a (two-pass
 * arena: with a->base NULL only measures). */
void kn_sites_layout(kn_sites *s, kn_arena *a, size_t nregion, size_t nnerve, size_t nmuscle);

/* Depth (m) of a structure at atlas depth `depth` (m) in region r for a subject whose fat is
 * `scale` times the reference: what lies below the fat moves with the fat's change, a structure
 * inside the fat moves in proportion. */
double kn_fitted_depth(const kn_region *r, double depth, double scale);

/* Counts of the regions marked in touched (atlas region count; NULL: every region) and of the
 * nerves and muscles in them: what kn_sites_fit will fill. */
void kn_sites_count(const unsigned char *touched, size_t *nregion, size_t *nnerve, size_t *nmuscle);

/* Fills s (arrays sized by kn_sites_count) with the regions marked in touched (NULL: all) and
 * their nerves and muscles, fitted to the subject's body fat and pain threshold. */
void kn_sites_fit(kn_sites *s, const kn_subject *subject, const unsigned char *touched);

/* Constant part of the stage. */
typedef struct kn_mechanics_params {
  const kn_sites *sites;         /* where the loads go */
  const kn_stress_table *stress; /* normalised Boussinesq stress */
  double poisson_ratio;          /* 1, for the shear at depth */
  double bone_backing_gain;      /* 1, kn_bone_backed_factor for nerves on bone */
  double iso_transient_time;     /* s, contacts younger than this are transient */
} kn_mechanics_params;

/* The stage's constant part for sites s and stress table t, from the parameter table. */
kn_mechanics_params kn_mechanics_params_of(const kn_params *par, const kn_sites *s,
                                           const kn_stress_table *t);

/* What the stage reads: the contacts of this step. */
typedef struct kn_mechanics_in {
  const kn_contact_load *contacts; /* (ncontact) */
  int ncontact;
} kn_mechanics_in;

/* What it gives downstream (arrays sized by the sites; carved by the owner). */
typedef struct kn_mechanics_out {
  double *region_p;          /* Pa (nregion), highest surface pressure this step */
  double *region_f;          /* N (nregion), highest force this step */
  double *region_shear;      /* Pa (nregion), highest surface shear this step */
  double *region_deep_shear; /* Pa (nregion), highest shear in the muscle layer; NULL: not wanted */
  double *region_rate;       /* N/s (nregion), fastest force rise this step */
  double *region_pain;       /* 1 (nregion), pain probability of this step's pressure alone;
                                NULL: not wanted (the simulator's pain has a time course, in the
                                protocol stage) */
  double *region_t_contact;  /* s (nregion), oldest active contact on it this step */
  int *region_transient;     /* (nregion) 1 if every contact on it this step is transient */
  double *nerve_p;           /* Pa (nnerve), pressure this step (the hands' stresses add) */
  double *nerve_len;         /* m (nnerve), length loaded by the hand that loads it most */
  double *muscle_p;          /* Pa (nmuscle), pressure at mid-belly this step */
} kn_mechanics_out;

/* Loads of local region r and of its nerves and muscles from the contacts on it. For a caller
 * that loads a few regions at a time (the monitor); kn_mechanics_step does every region. */
void kn_mechanics_region(const kn_mechanics_params *p, const kn_mechanics_in *in, int r,
                         kn_mechanics_out *o);

/* The stage's step: every region of the sites (dt unused: mechanics has no memory). KN_OK. */
int kn_mechanics_step(const kn_mechanics_params *p, const kn_mechanics_in *in, kn_mechanics_out *o,
                      double dt);

#endif
