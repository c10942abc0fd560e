/* SPDX-License-Identifier: Apache-2.0 */
/* knead — tissue: muscle cell death from sustained pressure (Linder-Ganz 2006), the probability of
 * a visible bruise from a dose of force beyond the ISO/TS 15066 force limit and of surface shear,
 * and the probability of soreness from a per-site saturating dose (Cambron 2007). */
#ifndef KNEAD_TISSUE_H
#define KNEAD_TISSUE_H

#include "knead/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kn_tissue_params {
  double death_p_high;  /* Pa: death after t_min..1 h above it */
  double death_p_low;   /* Pa: death after >= 2 h above it */
  double death_t_min;   /* s: shortest exposure that kills */
  double death_t_mid;   /* s: centre of the sigmoid */
  double death_t_width; /* s: width of the sigmoid */
  double shear_ref;     /* Pa: surface shear equivalent to the bruise force limit */
  double bruise_dose50; /* s: bruise dose giving a 50 % chance of a visible bruise (fragility 1) */
  double bruise_age_from;      /* years: age above which skin fragility rises */
  double bruise_age_doubling;  /* years: fragility doubles every this many years above it */
  double bruise_anticoagulant; /* 1: fragility factor of anticoagulant treatment */
  double soreness_site_max;    /* 1: chance that one worked site becomes sore, dose saturated */
  double soreness_site_sat;    /* s: per-site pressure-pain load reaching 63 % of that chance */
} kn_tissue_params;

/* Fills tp from the parameter table's defaults (what a model without `parameters:` uses). */
KN_API void kn_tissue_params_default(kn_tissue_params *tp);
/* Pressure-time threshold of muscle cell death (Pa) for an exposure of t seconds: a sigmoid from
 * death_p_high (short exposures) to death_p_low (>= 2 h); infinite below death_t_min. */
KN_API double kn_muscle_death_threshold(const kn_tissue_params *tp, double t);
/* Exposure (s) after which pressure p (Pa) kills muscle cells; INFINITY at or below death_p_low. */
KN_API double kn_muscle_death_time(const kn_tissue_params *tp, double p);

/* A grade read from the bruise probability (documented thresholds; the probability is the output).
 */
typedef enum kn_bruise_grade {
  KN_BRUISE_NONE = 0,     /* probability < 5 % */
  KN_BRUISE_POSSIBLE = 1, /* 5 % .. 50 % */
  KN_BRUISE_LIKELY = 2    /* >= 50 % */
} kn_bruise_grade;
KN_API const char *kn_bruise_grade_name(kn_bruise_grade g); /* "none", "possible", "likely" */
KN_API kn_bruise_grade
kn_bruise_grade_of(double probability); /* grade of a bruise probability (0..1) */

/* Bruise dose rate (1, integrate over seconds) of a load at `ratio` = max(force / ISO force limit,
 * shear / shear_ref): 0 at or below the limit (the lowest energy that could bruise), (ratio - 1)^2
 * above it, so time, repetitions and excess force all add. */
KN_API double kn_bruise_dose_rate(double ratio);
/* Probability (0..1) of a visible bruise (ecchymosis) after bruise dose `dose` (s) in a subject of
 * fragility `fragility` (1 = a young adult; kn_bruise_fragility). */
KN_API double kn_bruise_probability(const kn_tissue_params *tp, double dose, double fragility);
/* Skin fragility (1 = a young adult) of a subject aged `age` years, on anticoagulants or not. */
KN_API double kn_bruise_fragility(const kn_tissue_params *tp, double age, int anticoagulant);

/* State of one muscle under load. */
typedef struct kn_muscle_state {
  double damage; /* 1, Miner sum of exposure over death time: >= 1 means cell death */
  double p_peak; /* Pa, highest pressure at mid-belly */
} kn_muscle_state;

/* Advances one muscle by dt seconds under mid-belly pressure p (Pa). */
KN_API void kn_muscle_step(const kn_tissue_params *tp, kn_muscle_state *s, double p, double dt);

/* Probability (0..1) that one site becomes sore after its pressure-pain load W (s, the integral of
 * (pressure / mean pain threshold)^2 dt): saturates at soreness_site_max, so minutes of focal work
 * cannot make a site sorer than the site's ceiling. */
KN_API double kn_soreness_site_probability(const kn_tissue_params *tp, double load);
/* Probability (0..1) of soreness after a session: any of n sites, each with its load (s). */
KN_API double kn_soreness_probability(const kn_tissue_params *tp, const double *load, size_t n);

#ifdef __cplusplus
}
#endif
#endif
