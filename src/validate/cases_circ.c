/* SPDX-License-Identifier: Apache-2.0 */
/* Validation of circulation and the whole body: limb and skin flow under massage (Shoemaker 1997,
 * Hinds 2004), occlusion and reactive hyperaemia (skin perfusion pressure, Tee 2004), heat
 * (Petrofsky), post-exercise hyperaemia with and without massage (Wiltshire 2010), blood pressure
 * after massage (Cambron 2006, Kaye 2008, Liao 2016), cardiac output (Boone 2001), fever
 * (Karjalainen 1986),
 * the carotid sinus reflex (McIntosh 1994, Kerr 2006) and cortisol (Moyer 2011, Field 2005). The
 * sessions run in run_session.c. */
#include <math.h>

#include "validate/validate_internal.h"

/* Shoemaker's protocol (shoemaker1997): effleurage, petrissage and tapotement, 2 min each. The
 * forces are the harness's choice of a moderate stroke, not figures of the paper. */
#define SHOEMAKER_STROKE_S 120.0    /* s of each technique (shoemaker1997) */
#define SHOEMAKER_STROKE_N 30.0     /* N of effleurage and petrissage (harness's choice) */
#define SHOEMAKER_TAPOTEMENT_N 15.0 /* N of tapotement (harness's choice) */
#define SHOEMAKER(where)                                                                           \
  {                                                                                                \
    {.kind = KN_ACT_EFFLEURAGE,                                                                    \
     .region = (where),                                                                            \
     .force = SHOEMAKER_STROKE_N,                                                                  \
     .duration = SHOEMAKER_STROKE_S},                                                              \
        {.kind = KN_ACT_PETRISSAGE,                                                                \
         .region = (where),                                                                        \
         .force = SHOEMAKER_STROKE_N,                                                              \
         .duration = SHOEMAKER_STROKE_S},                                                          \
    {                                                                                              \
      .kind = KN_ACT_TAPOTEMENT, .region = (where), .force = SHOEMAKER_TAPOTEMENT_N,               \
      .duration = SHOEMAKER_STROKE_S                                                               \
    }                                                                                              \
  }
static const kn_plan_row shoemaker_forearm[] = SHOEMAKER("forearm_anterior");
static const kn_plan_row shoemaker_thigh[] = SHOEMAKER("thigh_anterior");
/* Mild handgrip exercise (~35 % MVC) for 2 min: shoemaker1997's comparison with exercise. */
static const kn_plan_row handgrip[] = {
    {.kind = KN_ACT_VOLUNTARY, .muscle = "forearm_flexors", .duration = 120.0, .level = 0.35}};

/* Hinds' massage (hinds2004): 12 min of deep effleurage and petrissage on the quadriceps; the
 * 50 N of a deep stroke is the harness's choice. */
#define HINDS_PAIR                                                                                 \
  {.kind = KN_ACT_EFFLEURAGE, .region = "thigh_anterior", .force = 50.0, .duration = 180.0}, {     \
    .kind = KN_ACT_PETRISSAGE, .region = "thigh_anterior", .force = 50.0, .duration = 180.0        \
  }
static const kn_plan_row hinds[] = {HINDS_PAIR, HINDS_PAIR};

/* A thumb held still on the calf at 40 N for 1 or 3 min, then a minute's rest (the harness's
 * plan for a sustained trigger-point press). */
#define THUMB_HOLD_N 40.0 /* N of the thumb */
#define THUMB_HOLD(seconds)                                                                        \
  {                                                                                                \
    {.kind = KN_ACT_COMPRESSION,                                                                   \
     .region = "calf",                                                                             \
     .muscle = "gastrocnemius",                                                                    \
     .force = THUMB_HOLD_N,                                                                        \
     .duration = (seconds)},                                                                       \
    {                                                                                              \
      .kind = KN_ACT_REST, .duration = 60.0                                                        \
    }                                                                                              \
  }
static const kn_plan_row thumb_hold_1min[] = THUMB_HOLD(60.0);
static const kn_plan_row thumb_hold_3min[] = THUMB_HOLD(3 * KN_MIN);

/* Heat at 40 degC on the thigh for 2 h, without strokes: 10 ms steps (the circulation updates
 * every 10 ms anyway). */
#define HEAT_DT 0.01
#define HEAT_DEGC 40.0 /* degC of the heat source (petrofsky_heat) */
#define HEAT(how)                                                                                  \
  {                                                                                                \
    {                                                                                              \
      .kind = KN_ACT_HEAT, .region = "thigh_anterior", .duration = 2 * KN_HOUR, .heat = (how),     \
      .temperature = HEAT_DEGC + KN_ZERO_CELSIUS                                                   \
    }                                                                                              \
  }
static const kn_plan_row moist_wrap[] = HEAT(KN_HEAT_MOIST_WRAP);
static const kn_plan_row dry_wrap[] = HEAT(KN_HEAT_DRY_WRAP);
static const kn_plan_row hot_pack[] = HEAT(KN_HEAT_HOT_PACK);

/* A calm 30 min back massage, or one of trigger-point pressure and percussion (cambron2006's
 * Swedish and trigger-point massage); forces and timings are the harness's choice. */
#define CALM                                                                                       \
  {.kind = KN_ACT_EFFLEURAGE, .region = "upper_back", .force = 30.0, .duration = 300.0}, {         \
    .kind = KN_ACT_PETRISSAGE, .region = "lower_back", .force = 30.0, .duration = 300.0            \
  }
static const kn_plan_row calm_back[] = {CALM, CALM, CALM};
#define VIGOROUS                                                                                   \
  {.kind = KN_ACT_COMPRESSION,                                                                     \
   .region = "upper_back",                                                                         \
   .muscle = "rhomboids",                                                                          \
   .force = 50.0,                                                                                  \
   .duration = 90.0,                                                                               \
   .repetitions = 3,                                                                               \
   .rest = 30.0},                                                                                  \
  {                                                                                                \
    .kind = KN_ACT_TAPOTEMENT, .region = "lower_back", .force = 20.0, .duration = 300.0            \
  }
static const kn_plan_row vigorous_back[] = {VIGOROUS, VIGOROUS, VIGOROUS};

/* A minute at rest, at 37 degC and with a fever of 38.4 degC. */
static const kn_plan_row rest_minute[] = {{.kind = KN_ACT_REST, .duration = 60.0}};
static const kn_subject_change feverish = {.core_temperature = 38.4 + KN_ZERO_CELSIUS};

/* Diagnostic carotid sinus massage: a firm fingertip over the sinus for 8 s (the compression's
 * contact area kept), then 20 s; subjects of 74, hypersensitive or not. */
static const kn_plan_row carotid_massage[] = {{.kind = KN_ACT_COMPRESSION,
                                               .region = "neck_anterior",
                                               .landmark = "carotid_sinus",
                                               .contact = "fingertips",
                                               .keep_area = 1,
                                               .force = 25.0,
                                               .duration = 8.0},
                                              {.kind = KN_ACT_REST, .duration = 20.0}};
static const kn_subject_change elderly = {.age = 74.0};
static const kn_subject_change elderly_hypersensitive = {.age = 74.0,
                                                         .carotid_sinus_hypersensitivity = 1};

/* Wiltshire's protocol (wiltshire2010): 2 min of isometric handgrip at 40 % MVC, then 10 min of
 * passive rest or of effleurage and petrissage on the forearm. The strokes' 30 N are the harness's
 * choice (as for shoemaker1997), not figures of the paper. */
#define WILTSHIRE_GRIP                                                                             \
  { .kind = KN_ACT_VOLUNTARY, .muscle = "forearm_flexors", .duration = 120.0, .level = 0.40 }
static const kn_plan_row wiltshire_passive[] = {WILTSHIRE_GRIP,
                                                {.kind = KN_ACT_REST, .duration = 600.0}};
static const kn_plan_row wiltshire_massage[] = {
    WILTSHIRE_GRIP,
    {.kind = KN_ACT_EFFLEURAGE, .region = "forearm_anterior", .force = 30.0, .duration = 300.0},
    {.kind = KN_ACT_PETRISSAGE, .region = "forearm_anterior", .force = 30.0, .duration = 300.0}};
#define WILTSHIRE(plan, what)                                                                      \
  &(const kn_session_exp) {                                                                        \
    KN_PLAN(plan), .region = "forearm_anterior", .read = (what)                                    \
  }

/* Boone's back rub (boone2001): 10 min of strokes on the back; 30 N is the harness's choice. */
static const kn_plan_row back_rub[] = {
    {.kind = KN_ACT_EFFLEURAGE, .region = "upper_back", .force = 30.0, .duration = 600.0}};

/* A table of data: its rows share a shape on purpose (validate_internal.h, kn_case). */
const kn_case kn_cases_circ[] = {
    /* kind: circulation: limb inflow under massage was not fitted (only exercise and skin were) */
    {.id = "circ.shoemaker1997.brachial",
     .group = "circulation",
     .source = "shoemaker1997",
     .what = "brachial inflow change during forearm effleurage, petrissage, tapotement",
     .paper_text = "unchanged: 39.1 +- 6.4 mL/min at rest and with massage",
     KN_BAND(-16.4, 16.4),
     .unit = "%",
     KN_PRE,
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(shoemaker_forearm), .region = "forearm_anterior",
                                    .read = KN_READ_ARTERY_FLOW}},
    {.id = "circ.shoemaker1997.femoral",
     .group = "circulation",
     .source = "shoemaker1997",
     .what = "femoral inflow change during quadriceps effleurage, petrissage, tapotement",
     .paper_text = "unchanged: 371 +- 30 mL/min at rest and with massage",
     KN_BAND(-8.1, 8.1),
     .unit = "%",
     KN_PRE,
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(shoemaker_thigh), .region = "thigh_anterior",
                                    .read = KN_READ_ARTERY_FLOW}},
    {.id = "circ.shoemaker1997.exercise",
     .group = "circulation",
     .source = "shoemaker1997",
     .what = "brachial inflow change in mild handgrip exercise (~35 % MVC)",
     .paper_text = "+222 % (39 -> 126 mL/min)",
     KN_VALUE(222.0),
     .unit = "%",
     KN_CAL("circ_exercise_gain"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(handgrip), .region = "forearm_anterior",
                                    .read = KN_READ_ARTERY_FLOW}},
    {.id = "circ.hinds2004.skin_temperature",
     .group = "circulation",
     .source = "hinds2004",
     .what = "skin temperature rise after 12 min of thigh massage (vs rest)",
     .paper_text = "+1.1 degC (32.2 +- 0.9 vs 31.1 +- 1.3)",
     KN_VALUE(1.1),
     .unit = "degC",
     KN_CAL("circ_massage_skin_gain circ_massage_skin_tau circ_skin_temp_rest"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(hinds), .region = "thigh_anterior",
                                    .read = KN_READ_SKIN_WARMING}},
    {.id = "circ.hinds2004.femoral",
     .group = "circulation",
     .source = "hinds2004",
     .what = "femoral inflow change during 12 min of thigh massage",
     .paper_text = "not significant: 760 +- 256 vs 733 +- 161 mL/min (+3.7 %)",
     KN_BAND(-22.0, 22.0),
     .unit = "%",
     KN_PRE,
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(hinds), .region = "thigh_anterior",
                                    .read = KN_READ_ARTERY_FLOW}},
    {.id = "circ.skin_perfusion_pressure.thumb",
     .group = "circulation",
     .source = "skin_perfusion_pressure",
     .what = "skin flow under a 40 N thumb (far above the pressure that stops skin flow)",
     .paper_text = "no flow: washout stops 10.8 mmHg below mean arterial pressure",
     KN_BAND(0.0, 0.05),
     .unit = "x rest",
     KN_CAL("circ_stop_margin"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(thumb_hold_1min), .region = "calf",
                                    .read = KN_READ_SKIN_FLOW_MIN}},
    {.id = "circ.tee2004.growth",
     .group = "circulation",
     .source = "tee2004",
     .what = "skin hyperaemia after 3 min of occlusion / after 1 min",
     .paper_text = "2.08 (32.1 / 15.4 AU above baseline)",
     KN_VALUE(32.1 / 15.4),
     .unit = "ratio",
     KN_CAL("circ_debt_skin_tau"),
     .run = kn_run_pair,
     .exp = &(const kn_pair_exp){&(const kn_session_exp){KN_PLAN(thumb_hold_1min), .region = "calf",
                                                         .read = KN_READ_HYPERAEMIA_RISE},
                                 &(const kn_session_exp){KN_PLAN(thumb_hold_3min), .region = "calf",
                                                         .read = KN_READ_HYPERAEMIA_RISE},
                                 kn_combine_ratio}},
    {.id = "circ.petrofsky.moist_wrap",
     .group = "circulation",
     .source = "petrofsky_heat",
     .what = "muscle warming under a 40 degC moist wrap, 2 h",
     .paper_text = "the paper's rise after 2 h",
     KN_VALUE(3.1),
     .unit = "degC",
     KN_CAL("circ_heat_moist circ_heat_tau"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(moist_wrap), .dt = HEAT_DT, .region = "thigh_anterior",
                                    .read = KN_READ_MUSCLE_WARMING}},
    {.id = "circ.petrofsky.dry_wrap",
     .group = "circulation",
     .source = "petrofsky_heat",
     .what = "muscle warming under a 40 degC dry wrap, 2 h",
     .paper_text = "the paper's rise after 2 h",
     KN_VALUE(2.2),
     .unit = "degC",
     KN_CAL("circ_heat_dry circ_heat_tau"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(dry_wrap), .dt = HEAT_DT, .region = "thigh_anterior",
                                    .read = KN_READ_MUSCLE_WARMING}},
    {.id = "circ.petrofsky.hot_pack",
     .group = "circulation",
     .source = "petrofsky_heat",
     .what = "muscle warming under a hydrocollator pack, 2 h",
     .paper_text = "the paper's rise after 2 h",
     KN_VALUE(0.4),
     .unit = "degC",
     KN_CAL("circ_heat_pack circ_heat_tau"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(hot_pack), .dt = HEAT_DT, .region = "thigh_anterior",
                                    .read = KN_READ_MUSCLE_WARMING}},
    {.id = "circ.petrofsky.skin_flow",
     .group = "circulation",
     .source = "petrofsky_heat",
     .what = "skin flow rise under a moist heat wrap",
     .paper_text = "+300 % by 45 min",
     KN_VALUE(300.0),
     .unit = "%",
     KN_CAL("circ_heat_skin_gain"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(moist_wrap), .dt = HEAT_DT, .region = "thigh_anterior",
                                    .read = KN_READ_SKIN_FLOW_RISE}},
    {.id = "circ.wiltshire2010.recovery_shape",
     .group = "circulation",
     .source = "wiltshire2010",
     .what = "post-exercise forearm inflow: 10-min integral / inflow 30 s after 2 min of 40 % MVC "
             "handgrip, passive rest",
     .paper_text = "4203 mL / 766 mL/min = 5.49 min",
     KN_VALUE(4203.0 / 766.0),
     .unit = "min",
     KN_CAL("circ_washout_tau"),
     .run = kn_run_session,
     .exp = WILTSHIRE(wiltshire_passive, KN_READ_RECOVERY_SHAPE)},
    /* kind: nothing was fitted to the massage condition: the hands' occlusion of the muscle and
       the wash-out it slows are the model's own */
    {.id = "circ.wiltshire2010.massage_30s",
     .group = "circulation",
     .source = "wiltshire2010",
     .what = "forearm inflow 30 s after handgrip, massage / passive rest",
     .paper_text = "540 +- 60 / 766 +- 101 mL/min = 0.70 (band: +- 1 SE of the ratio)",
     KN_BAND(0.58, 0.83),
     .unit = "ratio",
     KN_PRE,
     .disagreement = "the model's hands impede little (muscle flow 0.75 x rest under 30 N of "
                     "effleurage) and the gliding hands' ischaemic vasodilator adds a reactive "
                     "hyperaemia, so massage raises post-exercise inflow a little where the "
                     "ultrasound found it 25-30 % lower: compression of the whole forearm by "
                     "strokes is missing",
     .run = kn_run_pair,
     .exp = &(const kn_pair_exp){WILTSHIRE(wiltshire_passive, KN_READ_RECOVERY_EARLY),
                                 WILTSHIRE(wiltshire_massage, KN_READ_RECOVERY_EARLY),
                                 kn_combine_ratio}},
    {.id = "circ.wiltshire2010.massage_auc",
     .group = "circulation",
     .source = "wiltshire2010",
     .what = "forearm inflow over 10 min after handgrip, massage / passive rest",
     .paper_text = "3178 +- 304 / 4203 +- 531 mL = 0.76 (band: +- 1 SE of the ratio)",
     KN_BAND(0.64, 0.88),
     .unit = "ratio",
     KN_PRE,
     .disagreement = "the model's hands impede little (muscle flow 0.75 x rest under 30 N of "
                     "effleurage) and the gliding hands' ischaemic vasodilator adds a reactive "
                     "hyperaemia, so massage raises post-exercise inflow a little where the "
                     "ultrasound found it 25-30 % lower: compression of the whole forearm by "
                     "strokes is missing",
     .run = kn_run_pair,
     .exp = &(const kn_pair_exp){WILTSHIRE(wiltshire_passive, KN_READ_RECOVERY_MEAN),
                                 WILTSHIRE(wiltshire_massage, KN_READ_RECOVERY_MEAN),
                                 kn_combine_ratio}},
    {.id = "sys.cambron2006.systolic",
     .group = "systemic",
     .source = "cambron2006",
     .what = "systolic change after a calm 30 min massage, normotensive",
     .paper_text = "-1.8 mmHg",
     KN_VALUE(-1.8),
     .unit = "mmHg",
     KN_CAL("sys_baroreflex_buffer"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(calm_back), .read = KN_READ_SYSTOLIC_CHANGE}},
    {.id = "sys.cambron2006.diastolic",
     .group = "systemic",
     .source = "cambron2006",
     .what = "diastolic change after a calm 30 min massage, normotensive",
     .paper_text = "+0.1 mmHg (no change)",
     KN_BAND(-1.0, 1.0),
     .unit = "mmHg",
     KN_CAL("sys_sv_per_balance"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(calm_back), .read = KN_READ_DIASTOLIC_CHANGE}},
    {.id = "sys.kaye2008.diastolic_share",
     .group = "systemic",
     .source = "kaye2008",
     .what = "diastolic / systolic change after a calm 30 min massage (pulse pressure narrows)",
     .paper_text = "-5.3 / -10.4 mmHg = 0.51 after 45-60 min of massage",
     KN_VALUE(5.3 / 10.4),
     .unit = "ratio",
     KN_CAL("sys_sv_per_balance"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(calm_back), .read = KN_READ_DIASTOLIC_SHARE}},
    /* kind: nothing was fitted to boone2001: output falls because the calibrated pressures fall
       with a slower heart and a narrower pulse */
    {.id = "sys.boone2001.cardiac_output",
     .group = "systemic",
     .source = "boone2001",
     .what = "cardiac output change during a 10 min back rub",
     .paper_text = "decreased, with stroke volume (direction only)",
     KN_BAND(-30.0, -0.5),
     .unit = "%",
     KN_PRE,
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(back_rub), .read = KN_READ_OUTPUT_CHANGE}},
    {.id = "sys.boone2001.stroke_volume",
     .group = "systemic",
     .source = "boone2001",
     .what = "stroke volume change during a 10 min back rub",
     .paper_text = "decreased (direction only)",
     KN_BAND(-30.0, -0.5),
     .unit = "%",
     KN_PRE,
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(back_rub), .read = KN_READ_STROKE_CHANGE}},
    {.id = "sys.cambron2006.trigger_point",
     .group = "systemic",
     .source = "cambron2006",
     .what = "systolic change after trigger-point pressure and percussion (sports) massage",
     .paper_text = "raised (direction only)",
     KN_BAND(0.5, 20.0),
     .unit = "mmHg",
     KN_CAL("sys_vigorous_drive"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(vigorous_back), .read = KN_READ_SYSTOLIC_CHANGE}},
    {.id = "sys.karjalainen1986.fever",
     .group = "systemic",
     .source = "karjalainen1986",
     .what = "heart-rate rise per degC of fever (38.4 vs 37 degC, at rest)",
     .paper_text = "+7.2 (jensen2019) to +8.5 (karjalainen1986) beats/min per degC",
     KN_BAND(7.2, 8.5),
     .unit = "1/min/degC",
     KN_CAL("sys_fever_hr"),
     .run = kn_run_pair,
     .exp = &(const kn_pair_exp){&(const kn_session_exp){KN_PLAN(rest_minute),
                                                         .read = KN_READ_HEART_RATE_START},
                                 &(const kn_session_exp){KN_PLAN(rest_minute), .subject = &feverish,
                                                         .read = KN_READ_HEART_RATE_START},
                                 kn_combine_per_fever}},
    {.id = "sys.mcintosh1994.normal",
     .group = "systemic",
     .source = "mcintosh1994",
     .what = "longest beat interval during carotid sinus massage, healthy elderly",
     .paper_text = "1038 +- 195 ms, none over 3 s",
     KN_BAND(0.843, 1.233),
     .unit = "s",
     KN_CAL("sys_carotid_rr_normal"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(carotid_massage), .subject = &elderly,
                                    .read = KN_READ_LONGEST_BEAT}},
    {.id = "sys.mcintosh1994.vasodepressor",
     .group = "systemic",
     .source = "mcintosh1994",
     .what = "systolic fall during carotid sinus massage, healthy elderly",
     .paper_text = "21 +- 14 mmHg",
     KN_BAND(7.0, 35.0),
     .unit = "mmHg",
     KN_CAL("sys_carotid_sbp_normal"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(carotid_massage), .subject = &elderly,
                                    .read = KN_READ_CAROTID_FALL}},
    {.id = "sys.kerr2006.hypersensitive",
     .group = "systemic",
     .source = "kerr2006",
     .what = "longest beat interval during carotid sinus massage, hypersensitive",
     .paper_text = ">= 3 s (criterion), 95th percentile 7.3 s",
     KN_BAND(3.0, 7.3),
     .unit = "s",
     KN_CAL("sys_carotid_rr_hyper sys_carotid_tau"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(carotid_massage), .subject = &elderly_hypersensitive,
                                    .read = KN_READ_LONGEST_BEAT}},
    /* kind: the default cortisol hypothesis (no effect) is this meta-analysis */
    {.id = "sys.moyer2011.cortisol",
     .group = "systemic",
     .source = "moyer2011",
     .what = "cortisol change after a calm 30 min massage (default hypothesis)",
     .paper_text = "not different from zero (d = 0.05-0.30)",
     KN_BAND(-5.0, 5.0),
     .unit = "%",
     KN_CAL("data:spec.hypothesis_cortisol"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(calm_back), .read = KN_READ_CORTISOL_CHANGE}},
};
const size_t kn_cases_circ_n = sizeof kn_cases_circ / sizeof kn_cases_circ[0];
