/* SPDX-License-Identifier: Apache-2.0 */
/* Validation of pain with its time course (src/protocol/pain.c): the after-pain the model is
 * calibrated to (alappattu2011), and two predictions nothing was fitted to: the calf's
 * hand-held algometer threshold (polianskis2001) and how long an upper-arm tourniquet is borne
 * (crews1991). The model's numbers come from the public kn_pain_held and the atlas. */
#include <math.h>

#include "knead/atlas.h"
#include "knead/mechanics.h"
#include "validate/validate_internal.h"

/* The probability of pain above which pain is more likely than not: the model's pain event. */
#define PAIN_LIKELY 0.5
/* The horizon of the tourniquet search: two hours, four times the paper's mean tolerance. */
#define TOURNIQUET_HORIZON_MIN 120.0
/* Seconds per minute (the tourniquet's time is read in minutes). */
#define MINUTE 60.0
/* Bisection halvings of that search: 2 h / 2^30 is far below a second. */
#define TOURNIQUET_HALVINGS 30

/* The subject's default threshold of atlas region `name` (Pa); KN_ENOTFOUND if it has none. */
static int region_threshold(const char *name, double *mean, double *sd) {
  int r = kn_atlas_find_region(name);
  if (r < 0) return KN_ENOTFOUND;
  const kn_region *reg = kn_atlas_region((size_t)r);
  *mean = reg->ppt_mean;
  *sd = reg->ppt_sd;
  return KN_OK;
}

/* alappattu2011: after-sensations are read for a minute after a painful stimulus and are gone by
 * then. arg: pressure as a multiple of the calf's mean threshold, seconds held, seconds after.
 * The model's number: the pain felt `after` s after release as a share of the pain at release. */
static int after_pain_share(const double *arg, kn_validation_result *r) {
  double mean, sd;
  int rc = region_threshold("calf", &mean, &sd);
  if (rc) return rc;
  double p = arg[0] * mean;
  double at_release = kn_pain_held(p, mean, sd, arg[1], 0.0);
  if (!(at_release > 0.0)) return KN_EINTERNAL;
  r->model = kn_pain_held(p, mean, sd, arg[1], arg[2]) / at_release;
  return KN_OK;
}

/* polianskis2001: the hand-held algometer threshold of the gastrocnemius. The model's number: the
 * calf's median threshold (kPa), where pain becomes more likely than not (a ramp of a few
 * seconds adds no summation worth the name: pain_sum_time is minutes). */
static int calf_algometer(const double *arg, kn_validation_result *r) {
  (void)arg;
  double mean, sd;
  int rc = region_threshold("calf", &mean, &sd);
  if (rc) return rc;
  r->model = kn_pain_median(mean, sd) / KN_KPA;
  return KN_OK;
}

/* crews1991: an upper-arm tourniquet held until the pain is no longer borne. arg: cuff pressure
 * (mmHg). The model's number: minutes until the pressure, held, is more likely painful than not
 * on the front of the upper arm (TOURNIQUET_HORIZON_MIN if not within it). */
static int tourniquet_minutes(const double *arg, kn_validation_result *r) {
  double mean, sd;
  int rc = region_threshold("upper_arm_anterior", &mean, &sd);
  if (rc) return rc;
  double p = arg[0] * KN_MMHG, lo = 0.0, hi = TOURNIQUET_HORIZON_MIN * MINUTE;
  if (!(kn_pain_held(p, mean, sd, hi, 0.0) > PAIN_LIKELY)) {
    r->model = TOURNIQUET_HORIZON_MIN;
    return KN_OK;
  }
  for (int i = 0; i < TOURNIQUET_HALVINGS; i++) { /* the summed pain grows while held */
    double mid = 0.5 * (lo + hi);
    if (kn_pain_held(p, mean, sd, mid, 0.0) > PAIN_LIKELY)
      hi = mid;
    else
      lo = mid;
  }
  r->model = hi / MINUTE;
  return KN_OK;
}

const kn_case kn_cases_pain[] = {
    /* kind: pain_after_time was chosen so that the after-pain is gone within alappattu2011's
     * minute of reading (4 time constants) */
    {.id = "pain.alappattu2011.after_pain_1min",
     .group = "pain",
     .source = "alappattu2011",
     .what = "after-pain 1 min after a painful pressure (1.5 x calf mean threshold, 30 s), share "
             "of the pain at release",
     .paper_text = "after-sensations read up to 1 min after temporal summation: gone by then "
                   "(below 5 % taken as gone)",
     KN_BAND(0.0, 0.05),
     .unit = "share",
     KN_CAL("pain_after_time"),
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){after_pain_share, {1.5, 30.0, 60.0}}},
    /* kind: the calf's threshold is 0.31 x its ISO/TS 15066 pain-onset pressure, a ratio taken
     * from other sites (docs/model.md, "Pain thresholds"); nothing was fitted to this paper */
    {.id = "pain.polianskis2001.calf_algometer",
     .group = "pain",
     .source = "polianskis2001",
     .what = "hand-held algometer pain threshold over the gastrocnemius",
     .paper_text = "482 +/- 19 kPa (12 healthy volunteers)",
     KN_VALUE(482.0),
     .unit = "kPa",
     KN_PRE,
     .disagreement = "the calf's threshold is its ISO/TS 15066 pain-onset pressure times 0.31, the "
                     "mean algometer/ISO ratio of the sites where both are known; the one "
                     "algometer study of the calf found here is 18 % lower. Not refitted: it is "
                     "the check of that ratio, and one study of 12 people",
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){calf_algometer, {0}}},
    /* kind: temporal summation's gain and time were not fitted to any tourniquet figure */
    {.id = "pain.crews1991.tourniquet_tolerance",
     .group = "pain",
     .source = "crews1991",
     .what = "time an upper-arm tourniquet (250 mmHg) is borne: minutes until held pressure is "
             "more likely painful than not",
     .paper_text = "34 +/- 13 min in 12 volunteers, whatever the inflation pressure or cuff width",
     KN_BAND(21.0, 47.0),
     .unit = "min",
     KN_PRE,
     .disagreement =
         "tourniquet pain is ischaemic pain under a wide cuff, and it does not depend on the "
         "cuff's pressure (crews1991); the model's pain is pressure pain at a probe-sized "
         "threshold with temporal summation: 250 mmHg (33 kPa) is a twentieth of the arm's "
         "threshold, so it never becomes painful. Neither the spatial summation of a cuff "
         "(polianskis2001: cuff threshold 26 kPa against 482 kPa by probe) nor ischaemic muscle "
         "pain is modelled",
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){tourniquet_minutes, {250.0}}},
};
const size_t kn_cases_pain_n = sizeof kn_cases_pain / sizeof kn_cases_pain[0];
