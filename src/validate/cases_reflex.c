/* SPDX-License-Identifier: Apache-2.0 */
/* Validation of the stretch reflex and its after-effects: the reflex to a brisk stretch of the
 * relaxed calf (its latency, its growth with velocity and amplitude), post-activation depression
 * by repeated stretches and by a slow passive dorsiflexion and its recovery, and what tapotement
 * and petrissage leave behind. The reflex is the EMG summed over a window after a test stretch
 * (run_reflex.c); the papers measured H-reflexes or tendon-tap reflexes of the same Ia synapse.
 * The subject lies prone with the ankle held at neutral (0 rad), the knee straight. */
#include <math.h>

#include "validate/validate_internal.h"

#define DEG (KN_PI / 180.0)
/* s, rest before the first test: the pools and rings settle after the posture */
#define SETTLE 2.0
/* s of EMG summed after a test's onset: the short-latency reflex (onset about 40 ms, peak about
 * 60 ms, sinkjaer1996) and the slowest ramp's duration */
#define WINDOW 0.15
#define WINDOW_SLOW 0.3

#define NEUTRAL                                                                                    \
  { .kind = KN_ACT_POSTURE, .ankle = 0.0 }
#define SETTLE_ROW                                                                                 \
  { .kind = KN_ACT_REST, .duration = SETTLE }
/* rests of the plans, s */
#define REST_1S                                                                                    \
  { .kind = KN_ACT_REST, .duration = 1.0 }
#define REST_8S                                                                                    \
  { .kind = KN_ACT_REST, .duration = 8.0 }
/* the test: 4 deg of dorsiflexion at 200 deg/s, held 0.2 s (a brisk, tap-like stretch) */
#define TEST_ROW_BODY                                                                              \
  .kind = KN_ACT_STRETCH, .angle = 4.0 * DEG, .velocity = 200.0 * DEG, .duration = 0.2
#define TEST_SOLEUS                                                                                \
  { TEST_ROW_BODY, .muscle = "soleus" }
#define TEST_GASTROCNEMIUS                                                                         \
  { TEST_ROW_BODY, .muscle = "gastrocnemius" }

/* Sinkjaer 1996: 8 deg at 250 deg/s. */
static const kn_plan_row sinkjaer[] = {NEUTRAL,
                                       SETTLE_ROW,
                                       {.kind = KN_ACT_STRETCH,
                                        .muscle = "soleus",
                                        .angle = 8.0 * DEG,
                                        .velocity = 250.0 * DEG,
                                        .duration = 0.3},
                                       REST_1S};

/* 4 deg at 50 and at 200 deg/s; 4 and 16 deg at the hand's own pace; each held 0.3 s. */
#define RAMP_BODY .kind = KN_ACT_STRETCH, .muscle = "soleus", .duration = 0.3
static const kn_plan_row slow4[] = {
    NEUTRAL, SETTLE_ROW, {RAMP_BODY, .angle = 4.0 * DEG, .velocity = 50.0 * DEG}, REST_1S};
static const kn_plan_row fast4[] = {
    NEUTRAL, SETTLE_ROW, {RAMP_BODY, .angle = 4.0 * DEG, .velocity = 200.0 * DEG}, REST_1S};
static const kn_plan_row hand4[] = {NEUTRAL, SETTLE_ROW, {RAMP_BODY, .angle = 4.0 * DEG}, REST_1S};
static const kn_plan_row hand16[] = {
    NEUTRAL, SETTLE_ROW, {RAMP_BODY, .angle = 16.0 * DEG}, REST_1S};

/* Ten test stretches at 1 Hz and at 0.2 Hz (0.2 s each, then 0.8 s or 4.8 s of rest). */
static const kn_plan_row train_1hz[] = {
    NEUTRAL,
    SETTLE_ROW,
    {TEST_ROW_BODY, .muscle = "soleus", .repetitions = 10, .rest = 0.8},
    REST_1S};
static const kn_plan_row train_02hz[] = {
    NEUTRAL,
    SETTLE_ROW,
    {TEST_ROW_BODY, .muscle = "soleus", .repetitions = 10, .rest = 4.8},
    REST_1S};

/* Harris & Koceja 2006: a slow passive dorsiflexion of 10 deg at 15 deg/s (the ankle then let go
 * back to neutral), a test 1 s later (assumed: the abstract gives no interval) or 8 s later;
 * controls without it. */
#define DORSIFLEX                                                                                  \
  {                                                                                                \
    .kind = KN_ACT_STRETCH, .muscle = "soleus", .angle = 10.0 * DEG, .velocity = 15.0 * DEG,       \
    .duration = 0.7                                                                                \
  }
static const kn_plan_row dorsiflexed_1s[] = {NEUTRAL, SETTLE_ROW,  DORSIFLEX,
                                             REST_1S, TEST_SOLEUS, REST_1S};
static const kn_plan_row control_1s[] = {
    NEUTRAL, SETTLE_ROW, {.kind = KN_ACT_REST, .duration = 1.7}, TEST_SOLEUS, REST_1S};
static const kn_plan_row dorsiflexed_8s[] = {NEUTRAL, SETTLE_ROW,  DORSIFLEX,
                                             REST_8S, TEST_SOLEUS, REST_1S};
static const kn_plan_row control_8s[] = {
    NEUTRAL, SETTLE_ROW, {.kind = KN_ACT_REST, .duration = 8.7}, TEST_SOLEUS, REST_1S};

/* A minute of tapotement (fingertips, 6 Hz, 30 N) or two of petrissage (palm, 40 N) on the calf,
 * then a test 2 s or 30 s after; controls rest as long. */
static const kn_plan_row tapotement[] = {
    NEUTRAL,
    SETTLE_ROW,
    {.kind = KN_ACT_TAPOTEMENT, .muscle = "gastrocnemius", .force = 30.0, .duration = 60.0},
    {.kind = KN_ACT_REST, .duration = 2.0},
    TEST_GASTROCNEMIUS,
    REST_1S};
static const kn_plan_row control_tap[] = {
    NEUTRAL, SETTLE_ROW, {.kind = KN_ACT_REST, .duration = 62.0}, TEST_GASTROCNEMIUS, REST_1S};
static const kn_plan_row petrissage[] = {
    NEUTRAL,
    SETTLE_ROW,
    {.kind = KN_ACT_PETRISSAGE, .muscle = "gastrocnemius", .force = 40.0, .duration = 120.0},
    {.kind = KN_ACT_REST, .duration = 30.0},
    TEST_GASTROCNEMIUS,
    REST_1S};
static const kn_plan_row control_petrissage[] = {
    NEUTRAL, SETTLE_ROW, {.kind = KN_ACT_REST, .duration = 150.0}, TEST_GASTROCNEMIUS, REST_1S};

/* Hyperreflexia and its opposites. A spastic soleus (modified Ashworth 2: the cohort's grades are
 * not in the abstract, grade 2 assumed) under the 1 Hz train; a test stretch at the start of a
 * session that follows exhausting exertion, and 30 min later, against a rested subject. */
#define SPASTIC_GRADE 2.0
#define FATIGUE_EARLY 150.0        /* s, the paper's 2-3 min */
#define FATIGUE_LATE (30.0 * 60.0) /* s, the paper's 30 min */
static const kn_subject_change spastic = {.spasticity = SPASTIC_GRADE};
static const kn_subject_change exhausted = {.exertion = 1.0};
/* the fatigue tests are Sinkjaer's larger stretch (8 deg at 250 deg/s): it recruits more units,
 * so the ratio resolves a few percent (a 4 deg test moves in steps of about 5 %) */
#define FATIGUE_TEST                                                                               \
  {                                                                                                \
    .kind = KN_ACT_STRETCH, .muscle = "soleus", .angle = 8.0 * DEG, .velocity = 250.0 * DEG,       \
    .duration = 0.3                                                                                \
  }
static const kn_plan_row single_test[] = {NEUTRAL, SETTLE_ROW, FATIGUE_TEST, REST_1S};
static const kn_plan_row early_test[] = {
    NEUTRAL, {.kind = KN_ACT_REST, .duration = FATIGUE_EARLY}, FATIGUE_TEST, REST_1S};
static const kn_plan_row late_test[] = {
    NEUTRAL, {.kind = KN_ACT_REST, .duration = FATIGUE_LATE}, FATIGUE_TEST, REST_1S};
/* Nielsen 1993: a test, then (20 s later, the first test's own depression gone) a slow 10 deg
 * dorsiflexion at 15 deg/s and a test 2 s after it, in a healthy and in a spastic soleus. */
#define SLOW_STRETCH_AT (SETTLE + 20.0)
#define AFTER_STRETCH (SLOW_STRETCH_AT + 0.7 + 2.0)
static const kn_plan_row stretch_then_test[] = {
    NEUTRAL,     SETTLE_ROW,
    TEST_SOLEUS, {.kind = KN_ACT_REST, .duration = 19.8},
    DORSIFLEX,   {.kind = KN_ACT_REST, .duration = 2.0},
    TEST_SOLEUS, REST_1S};
/* H-reflex trains (oza2017's protocol): ten test pulses (target ia: part of the Ia afferents, no
 * motor axons) to the soleus at a rate; the first comes as the train starts, the last at 9/f s.
 * Each reflex's EMG is read from just before its pulse (the stimulator's phase is summed in 1 ms
 * steps); Hmean, pulses 2-10, relative to the train's first. */
#define EARLY 0.005
#define HTRAIN(f)                                                                                  \
  {                                                                                                \
    .kind = KN_ACT_STIMULATION, .muscle = "soleus", .frequency = (f), .target = KN_STIM_IA,        \
    .duration = 9.5 / (f)                                                                          \
  }
#define PULSE(k, f) (SETTLE + (k) / (f)-EARLY)
#define PULSES_2_10(f)                                                                             \
  PULSE(1, f), PULSE(2, f), PULSE(3, f), PULSE(4, f), PULSE(5, f), PULSE(6, f), PULSE(7, f),       \
      PULSE(8, f), PULSE(9, f)
static const kn_plan_row htrain_0p1[] = {NEUTRAL, SETTLE_ROW, HTRAIN(0.1), REST_1S};
static const kn_plan_row htrain_0p2[] = {NEUTRAL, SETTLE_ROW, HTRAIN(0.2), REST_1S};
static const kn_plan_row htrain_0p5[] = {NEUTRAL, SETTLE_ROW, HTRAIN(0.5), REST_1S};
static const kn_plan_row htrain_1[] = {NEUTRAL, SETTLE_ROW, HTRAIN(1.0), REST_1S};
static const kn_plan_row htrain_2[] = {NEUTRAL, SETTLE_ROW, HTRAIN(2.0), REST_1S};
#define HMEAN(plan_rows, f)                                                                        \
  .plan = (plan_rows), .nplan = sizeof(plan_rows) / sizeof((plan_rows)[0]), .muscle = "soleus",    \
  .ref = {PULSE(0, f)}, .nref = 1, .test = {PULSES_2_10(f)}, .ntest = 9, .window = WINDOW,         \
  .read = KN_REFLEX_RATIO
/* kind: every H-reflex rate case predicts: the depression's parameters were set from imura1997
 * (release: a test stretch at 1 Hz), crone_nielsen1989 and hultborn1996 (recovery), nothing from
 * these papers. Their figures are not read here: the bands are ours, from what the abstracts say
 * (stable at 0.1 Hz, lower at 1 and 2 Hz than at 0.1-0.2 Hz, falling with rate) */
#define HRATE_CASE(id_, f_text, plan_rows, f, lo_, hi_, said)                                      \
  {                                                                                                \
    .id = id_, .group = "neuromuscular", .source = "oza2017",                                      \
    .what = "soleus H-reflex, pulses 2-10 of ten test pulses at " f_text                           \
            " (Ia afferents, no motor axons), relative to the first",                              \
    .paper_text = said, KN_BAND(lo_, hi_), .unit = "ratio", KN_PRE, .run = kn_run_reflex,          \
    .exp = &(const kn_reflex_exp) {                                                                \
      HMEAN(plan_rows, f)                                                                          \
    }                                                                                              \
  }

#define PLANS(a, b)                                                                                \
  .plan = (a), .nplan = sizeof(a) / sizeof((a)[0]), .plan_test = (b),                              \
  .nplan_test = sizeof(b) / sizeof((b)[0])

/* A table of data: its rows share a shape on purpose (validate_internal.h, kn_case). */
const kn_case kn_cases_reflex[] = {
    /* kind: the loop delay comes from geyer_herr2010's 20 ms one way, nothing from this paper */
    {.id = "reflex.sinkjaer1996.latency",
     .group = "neuromuscular",
     .source = "sinkjaer1996",
     .what = "onset latency of the soleus stretch reflex, 8 deg at 250 deg/s",
     .paper_text = "42 +- 3.2 ms",
     KN_BAND(38.8, 45.2),
     .unit = "ms",
     KN_PRE,
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){.plan = sinkjaer,
                                   .nplan = sizeof sinkjaer / sizeof sinkjaer[0],
                                   .muscle = "soleus",
                                   .ref = {SETTLE},
                                   .nref = 1,
                                   .window = WINDOW,
                                   .read = KN_REFLEX_LATENCY_MS}},
    /* kind: no parameter was set from a reflex at two velocities; it checks that the spindle's
     * velocity sensitivity (its power law, prochazka_gorassini1998) reaches the reflex EMG through
     * the delays, the depression and the pool: a verification of the chain, not a prediction */
    {.id = "reflex.grows_with_velocity",
     .group = "neuromuscular",
     .source = "prochazka_gorassini1998",
     .what = "soleus reflex EMG to 4 deg at 200 deg/s larger than at 50 deg/s",
     .paper_text = "Ia discharge grows with stretch velocity (power 0.6)",
     KN_YES,
     KN_VER,
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(slow4, fast4), .muscle = "soleus", .ref = {SETTLE},
                                   .nref = 1, .test = {SETTLE}, .ntest = 1, .window = WINDOW_SLOW,
                                   .read = KN_REFLEX_LARGER}},
    /* kind: the lengthening inhibition's build-up was chosen so that this holds */
    {.id = "reflex.grows_with_amplitude",
     .group = "neuromuscular",
     .source = "bertolasi1993",
     .what = "soleus reflex EMG to 16 deg larger than to 4 deg, the hand's own pace",
     .paper_text = "a lengthened muscle is inhibited, yet a larger stretch evokes a larger reflex",
     KN_YES,
     KN_CAL("nm_stretch_inhibition_rise"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(hand4, hand16), .muscle = "soleus", .ref = {SETTLE},
                                   .nref = 1, .test = {SETTLE}, .ntest = 1, .window = WINDOW_SLOW,
                                   .read = KN_REFLEX_LARGER}},
    {.id = "reflex.imura1997.rate_1hz",
     .group = "neuromuscular",
     .source = "imura1997",
     .what = "reflex to the 6th-10th of ten test stretches at 1 Hz, relative to the first",
     .paper_text = "H-reflex at 1 Hz: 62.5 % (read as amplitude, not as its fall)",
     KN_VALUE(0.625),
     .unit = "ratio",
     KN_CAL("nm_pad_release"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){.plan = train_1hz,
                                   .nplan = sizeof train_1hz / sizeof train_1hz[0],
                                   .muscle = "soleus",
                                   .ref = {SETTLE},
                                   .nref = 1,
                                   .test = {SETTLE + 5.0, SETTLE + 6.0, SETTLE + 7.0, SETTLE + 8.0,
                                            SETTLE + 9.0},
                                   .ntest = 5,
                                   .window = WINDOW,
                                   .read = KN_REFLEX_RATIO}},
    /* kind: the release was set at 1 Hz and the recovery from the duration of the depression;
     * 0.2 Hz was not used */
    {.id = "reflex.shields2011.rate_0p2hz",
     .group = "neuromuscular",
     .source = "shields2011",
     .what = "reflex to the 6th-10th of ten test stretches at 0.2 Hz, relative to the first",
     .paper_text = "depressed at 1-5 Hz, not at 0.1-0.2 Hz (band: within 15 %, ours)",
     KN_BAND(0.85, 1.05),
     .unit = "ratio",
     KN_PRE,
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){.plan = train_02hz,
                                   .nplan = sizeof train_02hz / sizeof train_02hz[0],
                                   .muscle = "soleus",
                                   .ref = {SETTLE},
                                   .nref = 1,
                                   .test = {SETTLE + 25.0, SETTLE + 30.0, SETTLE + 35.0,
                                            SETTLE + 40.0, SETTLE + 45.0},
                                   .ntest = 5,
                                   .window = WINDOW,
                                   .read = KN_REFLEX_RATIO}},
    /* kind: nothing was set from a slow passive stretch */
    {.id = "reflex.harris_koceja2006.passive_dorsiflexion",
     .group = "neuromuscular",
     .source = "harris_koceja2006",
     .what = "soleus reflex 1 s after a 10 deg passive dorsiflexion at 15 deg/s, relative to none",
     .paper_text = "H-reflex depressed 44-94 % (Hmax to 25 % Hmax tests)",
     KN_BAND(0.06, 0.56),
     .unit = "ratio",
     KN_PRE,
     .disagreement = "the model depresses the reflex 39 %, just short of the 44 % the paper found "
                     "with its largest test (Hmax): the model's test is a brisk stretch, not an "
                     "H-reflex at 25-50 % Hmax, and the 1 s interval is assumed (the abstract "
                     "gives none); the depression's ceiling (nm_pad_share, half the Ia "
                     "excitation) limits it",
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(control_1s, dorsiflexed_1s), .muscle = "soleus",
                                   .ref = {SETTLE + 1.7}, .nref = 1, .test = {SETTLE + 1.7},
                                   .ntest = 1, .window = WINDOW, .read = KN_REFLEX_RATIO}},
    {.id = "reflex.crone_nielsen1989.long_lasting",
     .group = "neuromuscular",
     .source = "crone_nielsen1989",
     .what = "soleus reflex 8 s after the same passive dorsiflexion, relative to none",
     .paper_text = "still depressed after 8 s",
     KN_BAND(0.0, 0.98),
     .unit = "ratio",
     KN_CAL("nm_pad_recovery"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(control_8s, dorsiflexed_8s), .muscle = "soleus",
                                   .ref = {SETTLE + 8.7}, .nref = 1, .test = {SETTLE + 8.7},
                                   .ntest = 1, .window = WINDOW, .read = KN_REFLEX_RATIO}},
    /* kind: a prediction of what the taps leave: nothing was set from an after-effect of
     * percussion (crone_nielsen1989 showed that one tendon tap depresses the next reflex) */
    {.id = "reflex.after_tapotement",
     .group = "neuromuscular",
     .source = "crone_nielsen1989",
     .what = "calf reflex 2 s after a minute of tapotement (30 N, 6 Hz), relative to none",
     .paper_text = "depressed: a tap leaves a depression of more than 8 s",
     KN_BAND(0.0, 0.9),
     .unit = "ratio",
     KN_PRE,
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(control_tap, tapotement), .muscle = "gastrocnemius",
                                   .ref = {SETTLE + 62.0}, .nref = 1, .test = {SETTLE + 62.0},
                                   .ntest = 1, .window = WINDOW, .read = KN_REFLEX_RATIO}},
    /* kind: the massage inhibition's fall (nm_inhibition_fall) was set from morelli1990's
     * recovery; what is left 30 s later is post-activation depression, set from other papers, but
     * the finding is the same paper's: counted as a calibration */
    {.id = "reflex.morelli1990.after_petrissage",
     .group = "neuromuscular",
     .source = "morelli1990",
     .what = "calf reflex 30 s after two minutes of petrissage (palm, 40 N), relative to none",
     .paper_text = "back to baseline after massage (band: within 10 %, ours)",
     KN_BAND(0.9, 1.1),
     .unit = "ratio",
     KN_CAL("nm_inhibition_fall"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(control_petrissage, petrissage), .muscle = "gastrocnemius",
                                   .ref = {SETTLE + 150.0}, .nref = 1, .test = {SETTLE + 150.0},
                                   .ntest = 1, .window = WINDOW, .read = KN_REFLEX_RATIO}},
    /* kind: nm_spasticity_pad_loss is set from this paper (the depression at 1 Hz of a spastic
     * soleus against imura1997's healthy one); the grade is assumed */
    {.id = "reflex.stroke_pad_rate.spastic_1hz",
     .group = "neuromuscular",
     .source = "stroke_pad_rate",
     .what = "reflex to the 6th-10th of ten test stretches at 1 Hz, relative to the first, in a "
             "spastic soleus (modified Ashworth 2, assumed)",
     .paper_text = "H2/H1 at 1 Hz: 74.3 % in 15 chronic stroke patients with soleus spasticity",
     KN_VALUE(0.743),
     .unit = "ratio",
     KN_CAL("nm_spasticity_pad_loss"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){.plan = train_1hz,
                                   .nplan = sizeof train_1hz / sizeof train_1hz[0],
                                   .muscle = "soleus",
                                   .ref = {SETTLE},
                                   .nref = 1,
                                   .test = {SETTLE + 5.0, SETTLE + 6.0, SETTLE + 7.0, SETTLE + 8.0,
                                            SETTLE + 9.0},
                                   .ntest = 5,
                                   .window = WINDOW,
                                   .read = KN_REFLEX_RATIO,
                                   .subject = &spastic}},
    /* kind: prediction: the PAD loss was set from a 1 Hz train, nothing from a slow stretch's
     * after-effect in spastic people */
    {.id = "reflex.nielsen1993.spastic_less_depressed",
     .group = "neuromuscular",
     .source = "nielsen1993",
     .what = "reflex 2 s after a slow 10 deg dorsiflexion, relative to one before it: less "
             "depressed in a spastic soleus (modified Ashworth 2) than in a healthy one",
     .paper_text = "H-reflex less depressed after a slow stretch in spastic patients (healthy: "
                   "about 30 %)",
     KN_YES,
     KN_PRE,
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(stretch_then_test, stretch_then_test), .muscle = "soleus",
                                   .ref = {SETTLE, AFTER_STRETCH}, .nref = 2,
                                   .test = {SETTLE, AFTER_STRETCH}, .ntest = 2, .window = WINDOW,
                                   .read = KN_REFLEX_LESS_DEPRESSED, .subject_test = &spastic}},
    /* kind: the fast and slow shares of the fatigue depression are set from this paper */
    {.id = "reflex.fatigue_hreflex2006.just_after",
     .group = "neuromuscular",
     .source = "fatigue_hreflex2006",
     .what = "soleus reflex to a test stretch 2 s into a session after exhausting exertion, "
             "relative to a rested subject",
     .paper_text = "H-reflex about 60 % of control just after 6-9 min at 75 % MVC",
     KN_VALUE(0.60),
     .unit = "ratio",
     KN_CAL("nm_fatigue_reflex_fast"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(single_test, single_test), .muscle = "soleus",
                                   .ref = {SETTLE}, .nref = 1, .test = {SETTLE}, .ntest = 1,
                                   .window = WINDOW_SLOW, .read = KN_REFLEX_RATIO,
                                   .subject_test = &exhausted}},
    {.id = "reflex.fatigue_hreflex2006.after_2min",
     .group = "neuromuscular",
     .source = "fatigue_hreflex2006",
     .what = "the same 2.5 min later",
     .paper_text = "about 90 % of control 2-3 min after the effort",
     KN_VALUE(0.90),
     .unit = "ratio",
     KN_CAL("nm_fatigue_reflex_fast_tau"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(early_test, early_test), .muscle = "soleus",
                                   .ref = {FATIGUE_EARLY}, .nref = 1, .test = {FATIGUE_EARLY},
                                   .ntest = 1, .window = WINDOW_SLOW, .read = KN_REFLEX_RATIO,
                                   .subject_test = &exhausted}},
    {.id = "reflex.fatigue_hreflex2006.after_30min",
     .group = "neuromuscular",
     .source = "fatigue_hreflex2006",
     .what = "the same 30 min later",
     .paper_text = "96-97 % of control 30 min after the effort",
     KN_VALUE(0.965),
     .unit = "ratio",
     KN_CAL("nm_fatigue_reflex_slow"),
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(late_test, late_test), .muscle = "soleus",
                                   .ref = {FATIGUE_LATE}, .nref = 1, .test = {FATIGUE_LATE},
                                   .ntest = 1, .window = WINDOW_SLOW, .read = KN_REFLEX_RATIO,
                                   .subject_test = &exhausted}},
    /* H-reflex rate depression: test pulses through the same synapse, a prediction */
    HRATE_CASE("reflex.oza2017.hreflex_0p1hz", "0.1 Hz", htrain_0p1, 0.1, 0.9, 1.05,
               "stable at 0.1 Hz, the reference rate (band: within 10 %, ours)"),
    HRATE_CASE("reflex.oza2017.hreflex_0p2hz", "0.2 Hz", htrain_0p2, 0.2, 0.8, 1.05,
               "little depression at 0.2 Hz (schindler_ivens2000; band ours)"),
    HRATE_CASE("reflex.oza2017.hreflex_0p5hz", "0.5 Hz", htrain_0p5, 0.5, 0.0, 0.95,
               "depressed at 0.5 Hz (band: below 0.95, ours)"),
    HRATE_CASE("reflex.oza2017.hreflex_1hz", "1 Hz", htrain_1, 1.0, 0.0, 0.85,
               "lower at 1 Hz than at 0.1-0.2 Hz (shields2011; band: below 0.85, ours)"),
    HRATE_CASE("reflex.oza2017.hreflex_2hz", "2 Hz", htrain_2, 2.0, 0.0, 0.85,
               "lower at 2 Hz than at 0.1-0.2 Hz (shields2011; band: below 0.85, ours)"),
    /* kind: a bound from patients: post-activation depression is reduced in spasticity
     * (aymard2000), so a healthy subject's second H-reflex lies below the spastic patients' */
    {.id = "reflex.stroke_pad_rate.healthy_below_stroke_1hz",
     .group = "neuromuscular",
     .source = "stroke_pad_rate",
     .what = "soleus H-reflex to the second of two test pulses 1 s apart, relative to the first, "
             "healthy subject",
     .paper_text = "74.3 % in chronic stroke with spasticity; healthy depression is larger "
                   "(aymard2000): below 0.743",
     KN_BAND(0.0, 0.743),
     .unit = "ratio",
     KN_PRE,
     .disagreement =
         "the model's healthy synapse depresses less than spastic patients' do: one "
         "test volley uses nm_pad_release x nm_stim_ia_test_share = 0.25 of the "
         "transmitter and at most nm_pad_share (half) of the excitation can go; the "
         "release was set from imura1997's 62.5 % at 1 Hz read as the amplitude left, "
         "which the abstract does not define (read as the fall, the depression would "
         "be deeper), and the test pulse's share of afferents is assumed. Not refitted: "
         "the H-reflex rate cases are predictions",
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){.plan = htrain_1,
                                   .nplan = sizeof htrain_1 / sizeof htrain_1[0],
                                   .muscle = "soleus",
                                   .ref = {PULSE(0, 1.0)},
                                   .nref = 1,
                                   .test = {PULSE(1, 1.0)},
                                   .ntest = 1,
                                   .window = WINDOW,
                                   .read = KN_REFLEX_RATIO}},
    {.id = "reflex.stroke_pad_rate.healthy_below_stroke_0p1hz",
     .group = "neuromuscular",
     .source = "stroke_pad_rate",
     .what = "soleus H-reflex to the second of two test pulses 10 s apart, relative to the first, "
             "healthy subject",
     .paper_text = "92.7 % in chronic stroke with spasticity; healthy depression is larger "
                   "(aymard2000): below 0.927",
     KN_BAND(0.0, 0.927),
     .unit = "ratio",
     KN_PRE,
     .disagreement = "10 s after a test pulse the model keeps e^-2.5 = 8 % of its depression "
                     "(nm_pad_recovery 4 s, set so that a depression outlasts 8 s, "
                     "crone_nielsen1989); patients whose depression is reduced still show 7 % at "
                     "10 s, so the recovery is slower or the depression deeper than the model's "
                     "(hultborn1996 is cited for about 10-15 s, not verified here)",
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){.plan = htrain_0p1,
                                   .nplan = sizeof htrain_0p1 / sizeof htrain_0p1[0],
                                   .muscle = "soleus",
                                   .ref = {PULSE(0, 0.1)},
                                   .nref = 1,
                                   .test = {PULSE(1, 0.1)},
                                   .ntest = 1,
                                   .window = WINDOW,
                                   .read = KN_REFLEX_RATIO}},
    /* kind: the depression deepens with rate (schindler_ivens2000, able-bodied controls) */
    {.id = "reflex.schindler_ivens2000.deeper_at_2hz",
     .group = "neuromuscular",
     .source = "schindler_ivens2000",
     .what = "soleus H-reflex, pulses 2-10 at 1 Hz larger than at 2 Hz (test pulses)",
     .paper_text = "H-reflex amplitude falls as the rate rises (0.1-10 Hz)",
     KN_YES,
     KN_PRE,
     .run = kn_run_reflex,
     .exp = &(const kn_reflex_exp){PLANS(htrain_2, htrain_1), .muscle = "soleus",
                                   .ref = {PULSES_2_10(2.0)}, .nref = 9, .test = {PULSES_2_10(1.0)},
                                   .ntest = 9, .window = WINDOW, .read = KN_REFLEX_LARGER}},
};
const size_t kn_cases_reflex_n = sizeof kn_cases_reflex / sizeof kn_cases_reflex[0];
