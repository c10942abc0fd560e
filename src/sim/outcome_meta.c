/* SPDX-License-Identifier: Apache-2.0 */
/* The outcome's quantity table: what each key of a site's object in summary.json is (title, unit,
 * where its evidence level and its limit are), so readers never parse key names. One row per key
 * src/report/summary_json.c writes; tests/unit/test_outcome_meta.c checks both directions. The
 * evidence levels are not fixed here: each row says where summary.json holds the level the outcome
 * itself gives (kn_outcome's evidence fields), or NULL where the outcome gives none. */
#include <string.h>

#include "knead/sim.h"

#define REGION KN_COLUMN_REGION
#define NERVE KN_COLUMN_NERVE
#define MUSCLE KN_COLUMN_MUSCLE
#define BODY KN_COLUMN_BODY
#define NUM KN_QUANTITY_NUMBER
#define COUNT KN_QUANTITY_COUNT
#define FLAG KN_QUANTITY_FLAG
#define TEXT KN_QUANTITY_TEXT
#define EVID KN_QUANTITY_EVIDENCE
#define OBJ KN_QUANTITY_OBJECT
#define NO_LIMIT NULL, NULL
#define DEG "\u00b0C"
#define REST "\u00d7 resting"
/* the level of a region's quantity: the outcome's evidence_iso, _pain, _bruise or _soreness */
#define EV_ISO "evidence/limits"
#define EV_PAIN "evidence/pain"
#define EV_BRUISE "evidence/bruise"
#define EV_SORE "/soreness/evidence"

static const kn_quantity_info QUANTITIES[] = {
    /* regions[]: kn_region_outcome beside the region's limits */
    {REGION, "regions", "region", "Region (atlas name)", "", "", TEXT, NULL, NO_LIMIT},
    {REGION, "regions", "label", "Region", "", "", TEXT, NULL, NO_LIMIT},
    {REGION, "regions", "iso_area", "ISO/TS 15066 body area", "", "", TEXT, NULL, NO_LIMIT},
    {REGION, "regions", "p_peak_kPa", "Highest pressure on the skin", "kPa", "kPa", NUM, EV_ISO,
     "p_limit_kPa", "ISO/TS 15066 pressure limit"},
    {REGION, "regions", "p_limit_kPa", "Pressure limit (ISO/TS 15066)", "kPa", "kPa", NUM, EV_ISO,
     NO_LIMIT},
    {REGION, "regions", "p_ratio", "Highest pressure / its limit", "", "1", NUM, EV_ISO, NO_LIMIT},
    {REGION, "regions", "f_peak_N", "Highest force of one contact", "N", "N", NUM, EV_ISO,
     "f_limit_N", "ISO/TS 15066 force limit"},
    {REGION, "regions", "f_limit_N", "Force limit (ISO/TS 15066)", "N", "N", NUM, EV_ISO, NO_LIMIT},
    {REGION, "regions", "f_ratio", "Highest force / its limit", "", "1", NUM, EV_ISO, NO_LIMIT},
    {REGION, "regions", "time_over_limit_s", "Time above a limit", "s", "s", NUM, EV_ISO, NO_LIMIT},
    {REGION, "regions", "time_capillaries_closed_s", "Time with skin capillaries closed", "s", "s",
     NUM, NULL, NO_LIMIT},
    {REGION, "regions", "pain_probability_peak", "Highest probability of pain", "", "1", NUM,
     EV_PAIN, NO_LIMIT},
    {REGION, "regions", "time_in_pain_s", "Time with pain more likely than not", "s", "s", NUM,
     EV_PAIN, NO_LIMIT},
    {REGION, "regions", "pain_threshold_kPa", "Pressure-pain threshold", "kPa", "kPa", NUM, EV_ISO,
     NO_LIMIT},
    {REGION, "regions", "shear_peak_kPa", "Highest shear on the skin", "kPa", "kPa", NUM, NULL,
     NO_LIMIT},
    {REGION, "regions", "deep_shear_peak_kPa", "Highest shear in the muscle layer", "kPa", "kPa",
     NUM, NULL, NO_LIMIT},
    {REGION, "regions", "bruise_index", "Bruise index (force or shear / its limit)", "", "1", NUM,
     EV_BRUISE, NO_LIMIT},
    {REGION, "regions", "bruise", "Bruise grade", "", "", TEXT, EV_BRUISE, NO_LIMIT},
    {REGION, "regions", "force_rate_peak_N_per_s", "Fastest rise of force", "N_per_s", "N/s", NUM,
     NULL, NO_LIMIT},
    {REGION, "regions", "evidence", "Evidence (limits, pain, bruise)", "", "", EVID, NULL,
     NO_LIMIT},
    {REGION, "regions", "bruise_probability", "Probability of a visible bruise", "", "1", NUM,
     EV_BRUISE, NO_LIMIT},
    {REGION, "regions", "bruise_dose_s", "Bruise dose", "s", "s", NUM, EV_BRUISE, NO_LIMIT},
    {REGION, "regions", "soreness_probability", "Probability of soreness", "", "1", NUM, EV_SORE,
     NO_LIMIT},
    {REGION, "regions", "soreness_load_min", "Pressure-pain load", "min", "min", NUM, EV_SORE,
     NO_LIMIT},

    /* nerves[]: kn_nerve_outcome; pressure and depth have no level of their own (as the
     * recorder's p_nerve column) */
    {NERVE, "nerves", "nerve", "Nerve or vessel (atlas name)", "", "", TEXT, NULL, NO_LIMIT},
    {NERVE, "nerves", "label", "Nerve or vessel", "", "", TEXT, NULL, NO_LIMIT},
    {NERVE, "nerves", "kind", "Nerve or vessel", "", "", TEXT, NULL, NO_LIMIT},
    {NERVE, "nerves", "region", "Region (atlas name)", "", "", TEXT, NULL, NO_LIMIT},
    {NERVE, "nerves", "depth_mm", "Depth in this subject", "mm", "mm", NUM, NULL, NO_LIMIT},
    {NERVE, "nerves", "p_peak_mmHg", "Highest pressure on the nerve", "mmHg", "mmHg", NUM, NULL,
     NO_LIMIT},
    {NERVE, "nerves", "perfusion_min_pct", "Lowest blood flow inside the nerve", "pct", "%", NUM,
     "evidence", NO_LIMIT},
    {NERVE, "nerves", "conduction_min_pct", "Lowest share of large motor fibres conducting", "pct",
     "%", NUM, "evidence", NO_LIMIT},
    {NERVE, "nerves", "conduction_sensory_min_pct",
     "Lowest share of large sensory fibres conducting", "pct", "%", NUM, "evidence", NO_LIMIT},
    {NERVE, "nerves", "conduction_small_min_pct", "Lowest share of small (pain) fibres conducting",
     "pct", "%", NUM, "evidence", NO_LIMIT},
    {NERVE, "nerves", "conduction_end_pct", "Large motor fibres conducting at the end", "pct", "%",
     NUM, "evidence", NO_LIMIT},
    {NERVE, "nerves", "time_ischaemic_s", "Time with perfusion below half", "s", "s", NUM,
     "evidence", NO_LIMIT},
    {NERVE, "nerves", "transport_dose", "Axonal transport dose (1 = blocked)", "", "1", NUM,
     "evidence", NULL, "1: axonal transport blocked"},
    {NERVE, "nerves", "transport_blocked", "Axonal transport blocked", "", "", FLAG, "evidence",
     NO_LIMIT},
    {NERVE, "nerves", "slow_transport_dose", "Slow axonal transport dose (1 = blocked)", "", "1",
     NUM, "evidence", NULL, "1: slow axonal transport blocked"},
    {NERVE, "nerves", "slow_transport_blocked", "Slow axonal transport blocked", "", "", FLAG,
     "evidence", NO_LIMIT},
    {NERVE, "nerves", "injury_dose", "Nerve injury dose (1 = injury)", "", "1", NUM, "evidence",
     NULL, "1: structural injury"},
    {NERVE, "nerves", "grade", "Nerve outcome", "", "", TEXT, "evidence", NO_LIMIT},
    {NERVE, "nerves", "time_grade_s", "When the outcome was reached (null: never)", "s", "s", NUM,
     "evidence", NO_LIMIT},
    {NERVE, "nerves", "recovery_min_days", "Expected recovery, shortest", "days", "days", NUM,
     "evidence", NO_LIMIT},
    {NERVE, "nerves", "recovery_max_days", "Expected recovery, longest", "days", "days", NUM,
     "evidence", NO_LIMIT},
    {NERVE, "nerves", "injury_looks_like", "What an injury looks like", "", "", TEXT, NULL,
     NO_LIMIT},
    {NERVE, "nerves", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},

    /* muscles[]: kn_muscle_outcome (pressure: no level, as the recorder's p_muscle column) */
    {MUSCLE, "muscles", "muscle", "Muscle (atlas name)", "", "", TEXT, NULL, NO_LIMIT},
    {MUSCLE, "muscles", "label", "Muscle", "", "", TEXT, NULL, NO_LIMIT},
    {MUSCLE, "muscles", "p_peak_kPa", "Highest pressure at mid-belly", "kPa", "kPa", NUM, NULL,
     NO_LIMIT},
    {MUSCLE, "muscles", "damage_dose", "Muscle damage dose (1 = cell death)", "", "1", NUM,
     "evidence", NULL, "1: muscle cell death"},
    {MUSCLE, "muscles", "cell_death", "Muscle cell death", "", "", FLAG, "evidence", NO_LIMIT},
    {MUSCLE, "muscles", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},

    /* neuromuscular[]: kn_nm_outcome */
    {MUSCLE, "neuromuscular", "muscle", "Muscle (atlas name)", "", "", TEXT, NULL, NO_LIMIT},
    {MUSCLE, "neuromuscular", "hreflex_min_pct", "Lowest H-reflex (% of rest)", "pct", "%", NUM,
     "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "time_inhibited_s", "Time relaxed by massage", "s", "s", NUM,
     "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "force_peak_N", "Highest muscle force", "N", "N", NUM, "evidence",
     NO_LIMIT},
    {MUSCLE, "neuromuscular", "rest_force_N", "Resting tone", "N", "N", NUM, "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "cramp_threshold_Hz", "Cramp threshold frequency", "Hz", "Hz", NUM,
     "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "spasms", "Spasms", "", "1", COUNT, "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "reflex_responses", "Normal reflex responses (not harm)", "", "1",
     COUNT, "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "reflex_longest_s", "Longest reflex response", "s", "s", NUM,
     "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "reflex_peak_force_pct", "Highest reflex force (% of maximum)", "pct",
     "%", NUM, "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "reflex_peak_force_N", "Highest force during reflex responses", "N",
     "N", NUM, "evidence", NO_LIMIT},
    {MUSCLE, "neuromuscular", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},

    /* circulation[]: kn_circ_outcome */
    {REGION, "circulation", "region", "Region (atlas name)", "", "", TEXT, NULL, NO_LIMIT},
    {REGION, "circulation", "skin_flow_min_rel", "Lowest skin blood flow", "rel", REST, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "skin_flow_peak_rel", "Highest skin blood flow", "rel", REST, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "skin_flow_end_rel", "Skin blood flow at the end", "rel", REST, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "muscle_flow_min_rel", "Lowest muscle blood flow", "rel", REST, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "muscle_flow_peak_rel", "Highest muscle blood flow", "rel", REST, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "hyperaemia_peak_rel", "Highest flow after a release", "rel", REST, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "artery_flow_change_pct", "Change of the limb artery inflow", "pct",
     "%", NUM, "evidence", NO_LIMIT},
    {REGION, "circulation", "skin_temp_rest_degC", "Skin temperature at rest", "degC", DEG, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "skin_temp_peak_degC", "Highest skin temperature", "degC", DEG, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "muscle_temp_rest_degC", "Muscle temperature at rest", "degC", DEG, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "muscle_temp_peak_degC", "Highest muscle temperature", "degC", DEG, NUM,
     "evidence", NO_LIMIT},
    {REGION, "circulation", "potassium_peak_mM", "Highest potassium around the fibres", "mM",
     "mmol/L", NUM, "evidence", NO_LIMIT},
    {REGION, "circulation", "lactate_peak_mM", "Highest lactate around the fibres", "mM", "mmol/L",
     NUM, "evidence", NO_LIMIT},
    {REGION, "circulation", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {REGION, "circulation", "recovery_flow_30s_rel",
     "Limb artery inflow 30 s after an effort (null without one)", "rel", REST, NUM, "evidence",
     NO_LIMIT},
    {REGION, "circulation", "recovery_flow_10min_rel",
     "Mean limb artery inflow over 10 min after an effort (null without one)", "rel", REST, NUM,
     "evidence", NO_LIMIT},

    /* the whole body: kn_systemic_outcome, by part */
    {BODY, "systemic/heart", "start_bpm", "Heart rate at the start", "bpm", "beats/min", NUM,
     "evidence", NO_LIMIT},
    {BODY, "systemic/heart", "min_bpm", "Lowest heart rate", "bpm", "beats/min", NUM, "evidence",
     NO_LIMIT},
    {BODY, "systemic/heart", "max_bpm", "Highest heart rate", "bpm", "beats/min", NUM, "evidence",
     NO_LIMIT},
    {BODY, "systemic/heart", "end_bpm", "Heart rate at the end", "bpm", "beats/min", NUM,
     "evidence", NO_LIMIT},
    {BODY, "systemic/heart", "longest_beat_interval_s", "Longest beat-to-beat interval", "s", "s",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/heart", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/pressure", "systolic_start_mmHg", "Systolic pressure at the start", "mmHg",
     "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "diastolic_start_mmHg", "Diastolic pressure at the start", "mmHg",
     "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "systolic_change_mmHg", "Change of systolic pressure", "mmHg",
     "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "diastolic_change_mmHg", "Change of diastolic pressure", "mmHg",
     "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "systolic_min_mmHg", "Lowest systolic pressure", "mmHg", "mmHg",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "systolic_max_mmHg", "Highest systolic pressure", "mmHg", "mmHg",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "systolic_end_mmHg", "Systolic pressure at the end", "mmHg", "mmHg",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "diastolic_end_mmHg", "Diastolic pressure at the end", "mmHg",
     "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/pressure", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/output", "stroke_volume_start_mL", "Stroke volume at the start", "mL", "mL",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/output", "stroke_volume_end_mL", "Stroke volume at the end", "mL", "mL", NUM,
     "evidence", NO_LIMIT},
    {BODY, "systemic/output", "cardiac_output_start_L_per_min", "Cardiac output at the start",
     "L_per_min", "L/min", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/output", "cardiac_output_end_L_per_min", "Cardiac output at the end",
     "L_per_min", "L/min", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/output", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/body", "core_temp_start_degC", "Core temperature at the start", "degC", DEG,
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/body", "core_temp_peak_degC", "Highest core temperature", "degC", DEG, NUM,
     "evidence", NO_LIMIT},
    {BODY, "systemic/body", "hypohydration_start_pct", "Hypohydration at the start", "pct", "%",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/body", "hypohydration_end_pct", "Hypohydration at the end", "pct", "%", NUM,
     "evidence", NO_LIMIT},
    {BODY, "systemic/body", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/body", "cortisol_change_pct", "Change of cortisol", "pct", "%", NUM,
     "cortisol_evidence", NO_LIMIT},
    {BODY, "systemic/body", "cortisol_evidence", "Evidence (cortisol)", "", "", EVID, NULL,
     NO_LIMIT},
    {BODY, "systemic/carotid_sinus", "event", "Carotid sinus criterion met", "", "", FLAG,
     "evidence", NO_LIMIT},
    {BODY, "systemic/carotid_sinus", "probability", "Probability of a carotid sinus event", "", "1",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/carotid_sinus", "systolic_fall_mmHg", "Largest systolic fall while pressed",
     "mmHg", "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/carotid_sinus", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/standing_up", "supine_rest_min", "Rest lying down before standing", "min",
     "min", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "initial_systolic_fall_mmHg", "Initial systolic fall", "mmHg",
     "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "sustained_systolic_fall_mmHg", "Sustained systolic fall",
     "mmHg", "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "sustained_diastolic_fall_mmHg", "Sustained diastolic fall",
     "mmHg", "mmHg", NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "initial_orthostatic_hypotension",
     "Initial orthostatic hypotension (an event, not a symptom)", "", "", OBJ, "evidence",
     NO_LIMIT},
    {BODY, "systemic/standing_up", "orthostatic_hypotension",
     "Orthostatic hypotension (an event, not a symptom)", "", "", OBJ, "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "dizziness_probability", "Probability of dizziness", "", "1",
     NUM, "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "dizziness", "Dizziness more likely than not", "", "", FLAG,
     "evidence", NO_LIMIT},
    {BODY, "systemic/standing_up", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/symptoms", "applies", "Symptom score applies (acute illness or fever)", "", "",
     FLAG, "evidence", NO_LIMIT},
    {BODY, "systemic/symptoms", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "systemic/symptoms", "note", "What the score is", "", "", TEXT, NULL, NO_LIMIT},
    {BODY, "systemic/symptoms", "load_0_to_10", "Symptom score (null unless it applies)", "0_to_10",
     "0-10", NUM, "evidence", NO_LIMIT},

    /* the whole body's soreness, bruise and reflex responses */
    {BODY, "soreness", "probability", "Probability of soreness", "", "1", NUM, "evidence",
     NO_LIMIT},
    {BODY, "soreness", "onset_h", "Soreness begins within", "h", "h", NUM, "evidence", NO_LIMIT},
    {BODY, "soreness", "duration_h", "Soreness lasts up to", "h", "h", NUM, "evidence", NO_LIMIT},
    {BODY, "soreness", "load_min", "Pressure-pain load, all sites", "min", "min", NUM, "evidence",
     NO_LIMIT},
    {BODY, "soreness", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "bruise", "probability", "Probability of a visible bruise anywhere", "", "1", NUM,
     "evidence", NO_LIMIT},
    {BODY, "bruise", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
    {BODY, "bruise", "note", "What it is", "", "", TEXT, NULL, NO_LIMIT},
    {BODY, "reflex_responses", "label", "What they are", "", "", TEXT, NULL, NO_LIMIT},
    {BODY, "reflex_responses", "harm", "Harm", "", "", FLAG, NULL, NO_LIMIT},
    {BODY, "reflex_responses", "count", "Normal reflex responses", "", "1", COUNT, "evidence",
     NO_LIMIT},
    {BODY, "reflex_responses", "longest_s", "Longest reflex response", "s", "s", NUM, "evidence",
     NO_LIMIT},
    {BODY, "reflex_responses", "peak_force_pct", "Highest reflex force (% of maximum)", "pct", "%",
     NUM, "evidence", NO_LIMIT},
    {BODY, "reflex_responses", "evidence", "Evidence", "", "", EVID, NULL, NO_LIMIT},
};
enum { NQUANTITY = sizeof QUANTITIES / sizeof QUANTITIES[0] };

const char *kn_quantity_kind_name(kn_quantity_kind k) {
  static const char *const names[] = {"number", "count", "flag", "text", "evidence", "object"};
  return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

size_t kn_outcome_quantity_count(void) {
  return NQUANTITY;
}

const kn_quantity_info *kn_outcome_quantity(size_t i) {
  return i < NQUANTITY ? &QUANTITIES[i] : NULL;
}

const kn_quantity_info *kn_outcome_quantity_find(const char *group, const char *key) {
  for (size_t i = 0; i < NQUANTITY; i++)
    if (!strcmp(QUANTITIES[i].group, group) && !strcmp(QUANTITIES[i].key, key))
      return &QUANTITIES[i];
  return NULL;
}
