/* SPDX-License-Identifier: Apache-2.0 */
/* Validation of cramp discharge as it evolves: how irregular the self-sustained firing is, how its
 * rate runs from the start of a cramp to its end (Minetto 2009), and that a train above the cramp
 * threshold frequency gives a larger cramp than one at threshold (Minetto 2009b). What was fitted:
 * nm_pic_drive to the mean discharge rate and nm_cramp_decay to the duration (cases_nm.c), and
 * pool_isi_cv_pic to the interval CV (below); the highest and lowest rates and the above-threshold
 * comparison were not fitted to anything; the rates come from the paper the drive and the
 * inactivation were fitted to, so they count as calibrations, the comparison as a prediction. */
#include <math.h>
#include <stdint.h>

#include "knead/neuromuscular.h"
#include "validate/validate_internal.h"

/* A cramp-prone calf (8 cramps a month: threshold frequency 14.9 Hz), lying prone, one 2 s train
 * at threshold (16 Hz, the first 2 Hz step above 14.9 Hz) or 50 % above it (24 Hz), as in
 * Minetto 2009b, then a minute of rest. */
static const kn_subject_change prone = {.cramps_per_month = 8.0};
static const kn_plan_row train_threshold[] = {
    {.kind = KN_ACT_POSTURE, .ankle = 0.5},
    {.kind = KN_ACT_STIMULATION, .muscle = "gastrocnemius", .duration = 2.0, .frequency = 16.0},
    {.kind = KN_ACT_REST, .duration = 60.0}};
static const kn_plan_row train_above[] = {
    {.kind = KN_ACT_POSTURE, .ankle = 0.5},
    {.kind = KN_ACT_STIMULATION, .muscle = "gastrocnemius", .duration = 2.0, .frequency = 24.0},
    {.kind = KN_ACT_REST, .duration = 60.0}};
static const kn_session_exp cramp_threshold_rate = {KN_PLAN(train_threshold), .subject = &prone,
                                                    .muscle = "gastrocnemius",
                                                    .read = KN_READ_CRAMP_RATE};
static const kn_session_exp cramp_above_rate = {
    KN_PLAN(train_above), .subject = &prone, .muscle = "gastrocnemius", .read = KN_READ_CRAMP_RATE};

/* ---- the interval CV of self-sustained firing: one unit of the pool on its own ----------------
 */

/* The experiment's time step (s): fine enough that the step's rounding of spike times (under
 * 0.1 ms) is far below the ~100 ms intervals measured. */
#define CV_DT 1e-4
/* s of drive that arms the unit's PIC (its rate 12 Hz, above the 10 Hz arming rate, for longer
 * than the 0.5 s arming time), then s of self-sustained firing measured. */
#define CV_ARM_S 1.0
#define CV_RUN_S 300.0
/* Excitation while arming (rate 8 + (5 - 1) = 12 Hz) and afterwards (none: the PIC alone holds). */
#define CV_ARM_EXCITATION 5.0
/* Room for one pool of one unit (kn_pool_size(1) is checked against it). */
#define CV_POOL_BYTES 2048
#define PERCENT 100.0
/* Alignment a pool's memory needs (kn_pool_init). */
#define POOL_ALIGN 16

/* CV (%) of the intervals of a unit firing on its PIC alone. The unit is the whole pool and counts
 * as low-threshold (pic_low_fraction 1), so its PIC holds indefinitely. */
static int isi_cv_pic(const double *arg, kn_validation_result *r) {
  (void)arg;
  _Alignas(POOL_ALIGN) unsigned char mem[CV_POOL_BYTES];
  kn_pool_params pp;
  kn_pool_params_default(&pp);
  pp.n = 1;
  pp.pic_low_fraction = 1.0;
  if (kn_pool_size(1) > sizeof mem) return KN_EINTERNAL;
  kn_pool *pool = kn_pool_init(mem, sizeof mem, &pp, CV_DT, 1u);
  if (!pool) return KN_EINTERNAL;
  kn_pool_output out;
  long arm = lround(CV_ARM_S / CV_DT), run = lround(CV_RUN_S / CV_DT);
  for (long k = 0; k < arm; k++)
    kn_pool_step(pool, &(kn_pool_input){CV_ARM_EXCITATION, 0.0, 1.0}, &out);
  if (out.npic != 1) return KN_EINTERNAL;
  double last = NAN, sum = 0.0, sum2 = 0.0;
  long n = 0;
  for (long k = 0; k < run; k++) {
    kn_pool_step(pool, &(kn_pool_input){0.0, 0.0, 1.0}, &out);
    if (!out.nspikes) continue;
    double t = (double)k * CV_DT;
    if (isfinite(last)) {
      double isi = t - last;
      sum += isi, sum2 += isi * isi, n++;
    }
    last = t;
  }
  if (n < 2) return KN_EINTERNAL;
  double mean = sum / (double)n;
  double var = (sum2 - (double)n * mean * mean) / (double)(n - 1);
  r->model = PERCENT * sqrt(var) / mean;
  return KN_OK;
}

/* A table of data: its rows share a shape on purpose (validate_internal.h, kn_case). */
const kn_case kn_cases_cramp[] = {
    /* kind: pool_isi_cv_pic was set from this number */
    {.id = "nm.minetto2009.cramp_isi_cv",
     .group = "neuromuscular",
     .source = "minetto2009",
     .what = "interspike interval CV of a unit firing on its persistent inward current alone",
     .paper_text = "44.6 +- 9.7 % (cramp discharge)",
     KN_VALUE(44.6),
     .unit = "%",
     KN_CAL("pool_isi_cv_pic"),
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){isi_cv_pic, {0.0}}},
    /* kind: nothing was fitted to the rates' range, but the drive was fitted to their mean and the
       PIC's inactivation to the duration, from the same paper: by the project's rule a case from
       a paper that set parameters is a calibration, not a prediction */
    {.id = "nm.minetto2009.cramp_rate_max",
     .group = "neuromuscular",
     .source = "minetto2009",
     .what = "highest discharge rate during an electrically induced cramp (model: the firing "
             "units' mean rate at its highest; paper: each unit's maximum, averaged)",
     .paper_text = "25.0 +- 8.0 /s",
     KN_BAND(17.0, 33.0),
     .unit = "1/s",
     KN_CAL("nm_pic_drive nm_cramp_decay"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(train_threshold), .subject = &prone,
                                    .muscle = "gastrocnemius", .read = KN_READ_CRAMP_RATE_MAX}},
    {.id = "nm.minetto2009.cramp_rate_min",
     .group = "neuromuscular",
     .source = "minetto2009",
     .what = "lowest discharge rate during the same cramp, as it ends (model: the firing units' "
             "mean rate at its lowest; paper: each unit's minimum, averaged)",
     .paper_text = "6.0 +- 0.8 /s",
     KN_BAND(5.2, 6.8),
     .unit = "1/s",
     KN_CAL("nm_pic_drive nm_cramp_decay"),
     .disagreement = "a unit of the pool fires no slower than its 8 Hz recruitment rate "
                     "(fuglevand1993), so the model's lowest rate cannot reach 6 /s; the slow "
                     "intervals of the irregular discharge are in its intervals, not its rate",
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(train_threshold), .subject = &prone,
                                    .muscle = "gastrocnemius", .read = KN_READ_CRAMP_RATE_MIN}},
    /* kind: no parameter cites minetto2009b: a prediction */
    {.id = "nm.minetto2009b.above_threshold",
     .group = "neuromuscular",
     .source = "minetto2009b",
     .what = "a train 50 % above the cramp threshold frequency gives a larger cramp than one at "
             "threshold (model: its mean discharge rate, the rate coding of its EMG amplitude)",
     .paper_text = "greater EMG amplitude for above-threshold cramps",
     KN_YES,
     KN_PRE,
     .run = kn_run_pair,
     .exp = &(const kn_pair_exp){&cramp_threshold_rate, &cramp_above_rate, kn_combine_less}},
};
const size_t kn_cases_cramp_n = sizeof kn_cases_cramp / sizeof kn_cases_cramp[0];
