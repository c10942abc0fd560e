/* SPDX-License-Identifier: Apache-2.0 */
/* The spreads of the model's parameters (include/knead/param_spread.h): from the sources where
 * they give one, by judgement (from_source 0, "expert:") for the calibrated values that decide a
 * spasm and that a sensitivity screening must move. Values in each parameter's own unit. */
#include "knead/param_spread.h"

#include <math.h>
#include <stdio.h>

#include "knead/params.h"

#define SRC 1
#define EXPERT 0

static const kn_param_spread spreads[] = {
    /* neuromuscular: the cramp threshold frequency and what moves it */
    {"nm_ctf_prone", KN_SPREAD_NORMAL, 14.9, 1.3, SRC,
     "miller_knight2009: 14.9 +- 1.3 Hz in 19 cramp-prone people (the +- read as the uncertainty "
     "of the group mean: abstract only, not stated there)"},
    {"nm_ctf_never", KN_SPREAD_NORMAL, 25.5, 1.6, SRC,
     "miller_knight2009: 25.5 +- 1.6 Hz in 12 people without cramps (read as above)"},
    {"nm_ctf_water", KN_SPREAD_UNIFORM, -5.1, -4.3, SRC,
     "lau2019: -4.3 to -5.1 Hz after water when dehydrated"},
    {"nm_ctf_electrolyte", KN_SPREAD_UNIFORM, 3.7, 5.4, SRC,
     "lau2019: +3.7 to +5.4 Hz after an electrolyte drink"},
    {"nm_q10_twitch", KN_SPREAD_UNIFORM, 1.43, 1.7, SRC,
     "ranatunga1987: Q10 1.43 (time to peak) to 1.7 (half relaxation)"},
    {"nm_gain_ia", KN_SPREAD_UNIFORM, 0.013, 0.03, EXPERT,
     "expert: two thirds to one and a half times the calibrated gain; a stable reflex at normal "
     "excitability allows it, clonus needs far more (hidler_rymer1999)"},
    {"nm_tone", KN_SPREAD_UNIFORM, 0.8, 0.9, EXPERT,
     "expert: relaxed motoneurons sit below the first threshold (1) without resting EMG"},
    {"nm_tap_gain", KN_SPREAD_UNIFORM, 1.0e-5, 4.0e-5, EXPERT,
     "expert: half to twice the calibrated strain of a percussion impact (no measurement)"},
    {"nm_massage_inhibition", KN_SPREAD_UNIFORM, 6.0, 10.0, EXPERT,
     "expert: +-25 % around the value fitted to H-reflex falls of 57-71 % (morelli1990, "
     "sullivan1991)"},
    {"nm_massage_p50", KN_SPREAD_UNIFORM, 0.3, 1.2, EXPERT,
     "expert: below the 1.25 kPa of light massage, which inhibits less than deep (goldberg1992)"},
    {"nm_excitability_per_hz", KN_SPREAD_UNIFORM, 0.005, 0.02, EXPERT,
     "expert: half to twice the calibrated link of threshold frequency to excitability"},
    {"nm_pic_drive", KN_SPREAD_UNIFORM, 21.0, 35.0, EXPERT,
     "expert: +-25 %, as the cramp discharge it is fitted to varies (14.5 +- 5.1 /s, minetto2009)"},
    {"nm_spasm_force", KN_SPREAD_UNIFORM, 0.01, 0.05, EXPERT,
     "expert: where a visible involuntary contraction begins (1-5 % of maximum); the spasm "
     "definition is under revision"},
    /* nerve, tissue, circulation */
    {"nerve_block_time", KN_SPREAD_UNIFORM, 15.0, 45.0, SRC,
     "tourniquet_block: conduction block after 15-45 min of ischaemia"},
    {"nerve_perfusion_p50", KN_SPREAD_UNIFORM, 40.0, 50.0, SRC,
     "rydevik1981: arteriolar flow impaired at 40-50 mmHg"},
    {"muscle_death_t_mid", KN_SPREAD_UNIFORM, 60.0, 120.0, SRC,
     "linder_ganz2006: the threshold falls between 1 h (32 kPa) and 2 h (9 kPa)"},
    {"circ_hyperaemia_halflife", KN_SPREAD_UNIFORM, 14.0, 45.0, SRC,
     "imms1988: half-life 14-45 s after 5 min of occlusion"},
    /* systemic */
    {"sys_fever_hr", KN_SPREAD_UNIFORM, 7.2, 8.5, SRC,
     "jensen2019 (7.2) to karjalainen1986 (8.5) beats/min per degC"},
    {"sys_dehydration_core", KN_SPREAD_UNIFORM, 0.1, 0.25, SRC,
     "sawka2001: +0.1 to 0.25 degC per % body mass lost"},
    {"sys_stand_fall", KN_SPREAD_UNIFORM, 28.0, 44.0, SRC,
     "borst1984: mean fall 28 mmHg after 20 min supine; cohort evidence section 2: median 44 "
     "mmHg in 309 medical students (conference abstract)"},
    {"sys_carotid_rr_hyper", KN_SPREAD_UNIFORM, 3.0, 7.3, SRC,
     "kerr2006: hypersensitivity from 3 s, 95th percentile 7.3 s"},
    {"sys_carotid_sbp_hyper", KN_SPREAD_UNIFORM, 50.0, 77.0, SRC,
     "kerr2006: hypersensitivity from 50 mmHg, 95th percentile 77 mmHg"},
};

size_t kn_param_spread_count(void) {
  return sizeof spreads / sizeof spreads[0];
}

const kn_param_spread *kn_param_spread_at(size_t i) {
  return i < kn_param_spread_count() ? &spreads[i] : NULL;
}

const kn_param_spread *kn_param_spread_of(int param_index) {
  const kn_param_info *p = param_index >= 0 ? kn_param((size_t)param_index) : NULL;
  if (p == NULL) return NULL;
  for (size_t i = 0; i < kn_param_spread_count(); i++)
    if (kn_param_find(spreads[i].name) == param_index) return &spreads[i];
  return NULL;
}

/* 97.5th percentile of the standard normal */
#define Z975 1.959963984540054
#define Z_CLAMP 3.0

void kn_param_spread_bounds(const kn_param_spread *s, double *lo, double *hi) {
  if (s->kind == KN_SPREAD_NORMAL) {
    *lo = s->a - Z975 * s->b;
    *hi = s->a + Z975 * s->b;
  } else {
    *lo = fmin(s->a, s->b);
    *hi = fmax(s->a, s->b);
  }
}

double kn_param_spread_value(const kn_param_spread *s, double u, double z) {
  if (s->kind == KN_SPREAD_NORMAL) return s->a + s->b * fmax(-Z_CLAMP, fmin(Z_CLAMP, z));
  double lo, hi;
  kn_param_spread_bounds(s, &lo, &hi);
  return lo + u * (hi - lo);
}

void kn_param_spread_format(const kn_param_spread *s, char *buf, size_t size) {
  if (s->kind == KN_SPREAD_NORMAL)
    snprintf(buf, size, "%.4g +- %.4g (SD)", s->a, s->b);
  else
    snprintf(buf, size, "%.4g to %.4g", fmin(s->a, s->b), fmax(s->a, s->b));
}
