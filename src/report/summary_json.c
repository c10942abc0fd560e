/* SPDX-License-Identifier: Apache-2.0 */
/* summary.json: inputs echoed, then every outcome in people's units with its evidence level. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

#include "core/units.h"
#include "knead/params.h"
#include "report/report_internal.h"

#define DEGREES_PER_PI 180.0 /* degrees in pi radians (the angles are printed in degrees) */

/* The article's causes of spasm and cramp (claim A18) as the subject gave them, each with what the
 * model does with it. */
static json_t *causes_json(const kn_model *m) {
  const kn_subject *s = kn_model_subject(m);
  int field_dry = kn_model_session(m)->hypothesis_dehydration == KN_HYP_FIELD;
  int field_tired = kn_model_session(m)->hypothesis_fatigue == KN_HYP_FIELD;
  struct {
    const char *cause;
    double value;
    const char *effect;
  } rows[] = {
      {"cramps_per_month", s->cramps_per_month,
       "lowers the cramp threshold frequency, 25.5 Hz (never) to 14.9 Hz (cramp-prone) "
       "[miller_knight2009]"},
      {"hypohydration_pct", 100.0 * s->hypohydration,
       field_dry ? "lowers the threshold 1.5 Hz per % (hypothesis 'field', illustrative)"
                 : "no change of the threshold (lab hypothesis) [braulick2013, miller2010]; "
                   "water drunk while dehydrated lowers it [lau2019]"},
      {"exertion", s->exertion,
       field_tired ? "lowers the threshold (hypothesis 'field', illustrative)"
                   : "raises the threshold up to 12.9 Hz (lab hypothesis) [stone_fatigue]"},
      {"inactive_weeks", s->inactive_weeks, "accepted; no quantified effect in the model"},
      {"posture_hours", s->posture_hours / 3600.0, "accepted; no quantified effect in the model"},
      {"atherosclerosis", s->atherosclerosis, "accepted; no quantified effect in the model"},
      {"chronic_illness", s->chronic_illness, "accepted; no quantified effect in the model"},
      {"cramp_training", s->cramp_training,
       "raises the threshold 10 Hz [behringer_cramp_training]"},
      {"serum_sodium_mmol_L", s->serum_sodium, "accepted; no quantified effect in the model"},
      {"serum_potassium_mmol_L", s->serum_potassium, "accepted; no quantified effect in the model"},
      {"serum_magnesium_mmol_L", s->serum_magnesium, "accepted; no quantified effect in the model"},
      {"serum_calcium_mmol_L", s->serum_calcium, "accepted; no quantified effect in the model"},
  };
  json_t *arr = json_array();
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    json_array_append_new(arr, json_pack("{s:s, s:f, s:s}", "cause", rows[i].cause, "value",
                                         rows[i].value, "effect", rows[i].effect));
  return arr;
}

/* The subject's whole-body inputs, in people's units. */
static json_t *whole_body_json(const kn_subject *s) {
  static const char *const csh[] = {"unknown", "false", "true"};
  return json_pack(
      "{s:f, s:b, s:f, s:f, s:b, s:s, s:b, s:b, s:f, s:f}", "temperature_degC",
      s->core_temperature - KN_ZERO_CELSIUS, "acute_illness", s->acute_illness, "systolic_mmHg",
      s->systolic_pressure / KN_MMHG, "diastolic_mmHg", s->diastolic_pressure / KN_MMHG,
      "hypertension", s->hypertension, "carotid_sinus_hypersensitivity",
      csh[s->carotid_sinus_hypersensitivity + 1 < 3 ? s->carotid_sinus_hypersensitivity + 1 : 0],
      "bp_medication", s->bp_medication, "anticoagulant", s->anticoagulant, "heart_rate_bpm",
      s->heart_rate / KN_BPM, "hypohydration_pct", 100.0 * s->hypohydration);
}

static json_t *subject_json(const kn_model *m) {
  const kn_subject *s = kn_model_subject(m);
  static const char *const sex[] = {"unspecified", "female", "male"};
  return json_pack("{s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:o, s:o}", "name", s->name, "sex",
                   sex[(unsigned)s->sex <= 2 ? s->sex : 0], "age_years", s->age, "height_m",
                   s->height, "mass_kg", s->mass, "body_fat_pct", 100.0 * s->body_fat,
                   "pain_threshold_scale", s->pain_threshold_scale, "spasticity_ashworth",
                   s->spasticity, "causes_of_cramp", causes_json(m), "whole_body",
                   whole_body_json(s));
}

/* One region's circulation, in people's units. */
static json_t *circ_json(const kn_circ_outcome *o) {
  json_t *j = json_pack(
      "{s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:s}", "region",
      kn_atlas_region((size_t)o->region)->name, "skin_flow_min_rel", o->skin_flow_min,
      "skin_flow_peak_rel", o->skin_flow_peak, "skin_flow_end_rel", o->skin_flow_end,
      "muscle_flow_min_rel", o->muscle_flow_min, "muscle_flow_peak_rel", o->muscle_flow_peak,
      "hyperaemia_peak_rel", o->hyperaemia_peak, "artery_flow_change_pct",
      100.0 * o->artery_flow_change, "skin_temp_rest_degC",
      o->skin_temperature_rest - KN_ZERO_CELSIUS, "skin_temp_peak_degC",
      o->skin_temperature_peak - KN_ZERO_CELSIUS, "muscle_temp_rest_degC",
      o->muscle_temperature_rest - KN_ZERO_CELSIUS, "muscle_temp_peak_degC",
      o->muscle_temperature_peak - KN_ZERO_CELSIUS, "potassium_peak_mM", o->potassium_peak,
      "lactate_peak_mM", o->lactate_peak, "evidence", kn_evidence_name(o->evidence));
  /* post-exercise hyperaemia: null where no effort of the region's muscles ended */
  int effort = o->recovery_flow_mean > 0.0;
  json_object_set_new(j, "recovery_flow_30s_rel",
                      effort ? json_real(o->recovery_flow_early) : json_null());
  json_object_set_new(j, "recovery_flow_10min_rel",
                      effort ? json_real(o->recovery_flow_mean) : json_null());
  return j;
}

/* The whole body: heart, pressure, stroke volume and cardiac output, cortisol, temperature,
 * hydration, carotid, standing up, the ill subject's symptoms. */
static json_t *systemic_json(const kn_systemic_outcome *o) {
  json_t *heart =
      json_pack("{s:f, s:f, s:f, s:f, s:f, s:s}", "start_bpm", o->heart_rate_start / KN_BPM,
                "min_bpm", o->heart_rate_min / KN_BPM, "max_bpm", o->heart_rate_max / KN_BPM,
                "end_bpm", o->heart_rate_end / KN_BPM, "longest_beat_interval_s",
                o->longest_beat_interval, "evidence", kn_evidence_name(o->evidence_heart));
  json_t *pressure =
      json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:s}", "systolic_start_mmHg",
                o->systolic_start / KN_MMHG, "diastolic_start_mmHg", o->diastolic_start / KN_MMHG,
                "systolic_change_mmHg", o->systolic_change / KN_MMHG, "diastolic_change_mmHg",
                o->diastolic_change / KN_MMHG, "systolic_min_mmHg", o->systolic_min / KN_MMHG,
                "systolic_max_mmHg", o->systolic_max / KN_MMHG, "systolic_end_mmHg",
                o->systolic_end / KN_MMHG, "diastolic_end_mmHg", o->diastolic_end / KN_MMHG,
                "evidence", kn_evidence_name(o->evidence_pressure));
  json_t *output = json_pack(
      "{s:f, s:f, s:f, s:f, s:s}", "stroke_volume_start_mL", o->stroke_volume_start / KN_ML,
      "stroke_volume_end_mL", o->stroke_volume_end / KN_ML, "cardiac_output_start_L_per_min",
      o->cardiac_output_start / KN_L_PER_MIN, "cardiac_output_end_L_per_min",
      o->cardiac_output_end / KN_L_PER_MIN, "evidence", kn_evidence_name(o->evidence_output));
  json_t *carotid = json_pack("{s:b, s:f, s:f, s:s}", "event", o->carotid_event, "probability",
                              o->carotid_event_probability, "systolic_fall_mmHg",
                              o->carotid_systolic_fall / KN_MMHG, "evidence",
                              kn_evidence_name(o->evidence_carotid));
  /* the haemodynamic events and the symptom apart: most falls on standing are not felt */
  json_t *stand = json_pack(
      "{s:f, s:f, s:f, s:f, s:{s:f, s:s}, s:{s:f, s:s}, s:f, s:b, s:s}", "supine_rest_min",
      o->stand_rest / KN_MIN, "initial_systolic_fall_mmHg", o->stand_systolic_fall / KN_MMHG,
      "sustained_systolic_fall_mmHg", o->stand_sustained_fall / KN_MMHG,
      "sustained_diastolic_fall_mmHg", o->stand_diastolic_fall / KN_MMHG,
      "initial_orthostatic_hypotension", "probability", o->ioh_probability, "kind",
      "haemodynamic event (systolic fall >= 40 mmHg within 15 s), not a symptom",
      "orthostatic_hypotension", "probability", o->oh_probability, "kind",
      "haemodynamic event (sustained fall >= 20/10 mmHg within 3 min), not a symptom",
      "dizziness_probability", o->dizziness_probability, "dizziness", o->dizziness, "evidence",
      kn_evidence_name(o->evidence_orthostatic));
  json_t *body = json_pack(
      "{s:f, s:f, s:f, s:f, s:s, s:f, s:s}", "core_temp_start_degC",
      o->core_temperature_start - KN_ZERO_CELSIUS, "core_temp_peak_degC",
      o->core_temperature_peak - KN_ZERO_CELSIUS, "hypohydration_start_pct",
      100.0 * o->hypohydration_start, "hypohydration_end_pct", 100.0 * o->hypohydration_end,
      "evidence", kn_evidence_name(o->evidence_body), "cortisol_change_pct",
      100.0 * o->cortisol_change, "cortisol_evidence", kn_evidence_name(o->evidence_cortisol));
  /* the score's premise is acute illness or fever: without it there is no score (null) */
  json_t *symptoms = json_pack("{s:b, s:s, s:s}", "applies", o->symptoms_apply, "evidence",
                               kn_evidence_name(o->evidence_symptoms), "note",
                               "nausea, headache, flu-like feeling (article claim A6): an "
                               "expert-opinion score, not measured physiology, given only with "
                               "acute illness or fever");
  json_object_set_new(symptoms, "load_0_to_10",
                      o->symptoms_apply ? json_real(o->symptom_load) : json_null());
  return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "heart", heart, "pressure", pressure,
                   "output", output, "body", body, "carotid_sinus", carotid, "standing_up", stand,
                   "symptoms", symptoms);
}

static json_t *action_json(const kn_model *m, size_t i) {
  const kn_action *a = &kn_model_session(m)->actions[i];
  double start = 0.0, end = 0.0;
  kn_model_action_times(m, i, &start, &end);
  json_t *j =
      json_pack("{s:i, s:s, s:f, s:f, s:f, s:i, s:f}", "index", (int)i, "do",
                kn_action_kind_name(a->kind), "start_s", start, "end_s", end, "duration_s",
                a->duration, "repetitions", a->repetitions, "rest_between_s", a->rest_between);
  if (a->label[0]) json_object_set_new(j, "label", json_string(a->label));
  if (a->kind == KN_ACT_POSTURE)
    json_object_set_new(j, "posture", json_string(kn_posture_name(a->posture)));

  switch (a->kind) {
  case KN_ACT_POSTURE:
    for (int k = 0; k < KN_JOINT_COUNT; k++)
      if (!isnan(a->joint[k]))
        json_object_set_new(j, kn_joint_name((kn_joint)k),
                            json_real(a->joint[k] * DEGREES_PER_PI / KN_PI));
    return j;
  case KN_ACT_DRINK:
    json_object_set_new(j, "fluid", json_string(kn_fluid_name(a->fluid)));
    json_object_set_new(j, "volume_mL", json_real(a->volume * 1e6));
    return j;
  case KN_ACT_REST:
    return j;
  case KN_ACT_STRUCTURE_PRESSURE:
    json_object_set_new(j, "nerve", json_string(kn_atlas_nerve((size_t)a->nerve)->name));
    json_object_set_new(j, "pressure_mmHg", json_real(a->pressure / KN_MMHG));
    json_object_set_new(j, "length_mm", json_real(a->loaded_length / KN_MM));
    return j;
  default:
    break;
  }
  if (a->region >= 0)
    json_object_set_new(j, "region", json_string(kn_atlas_region((size_t)a->region)->name));
  if (a->landmark >= 0)
    json_object_set_new(j, "landmark", json_string(kn_atlas_landmark((size_t)a->landmark)->name));
  if (a->muscle >= 0)
    json_object_set_new(j, "muscle", json_string(kn_atlas_muscle((size_t)a->muscle)->name));
  switch (a->kind) {
  case KN_ACT_STRETCH:
    json_object_set_new(j, "angle_deg", json_real(a->angle * DEGREES_PER_PI / KN_PI));
    return j;
  case KN_ACT_VOLUNTARY:
    json_object_set_new(j, "level_pct", json_real(100.0 * a->level));
    return j;
  case KN_ACT_STIMULATION:
    json_object_set_new(j, "frequency_Hz", json_real(a->frequency));
    json_object_set_new(j, "frequency_step_Hz", json_real(a->frequency_step));
    json_object_set_new(j, "fraction_pct", json_real(100.0 * a->fraction));
    return j;
  case KN_ACT_HEAT:
    json_object_set_new(j, "method", json_string(kn_heat_method_name(a->heat)));
    json_object_set_new(j, "temperature_degC", json_real(a->temperature - KN_ZERO_CELSIUS));
    return j;
  default:
    break;
  }
  /* a stroke */
  json_object_set_new(j, "contact", json_string(kn_atlas_contact_type((size_t)a->contact)->name));
  json_object_set_new(j, "area_cm2", json_real(a->area / KN_CM2));
  json_object_set_new(j, "force_N", json_real(a->force));
  json_object_set_new(j, "pressure_kPa", json_real(a->force / a->area / KN_KPA));
  json_object_set_new(j, "speed_cm_per_s", json_real(a->speed / KN_CM));
  json_object_set_new(j, "stroke_length_cm", json_real(a->stroke_length / KN_CM));
  json_object_set_new(j, "rate_Hz", json_real(a->rate));
  return j;
}

/* The parameters the session set, each with its value and the default, in its unit. */
static json_t *parameters_json(const kn_session *s) {
  json_t *j = json_object();
  for (size_t i = 0; i < s->nparam; i++) {
    const kn_param_info *p = kn_param((size_t)s->params[i].index);
    json_object_set_new(j, p->name,
                        json_pack("{s:f, s:f, s:s}", "value", s->params[i].value / p->si, "default",
                                  p->display, "unit", p->unit));
  }
  return j;
}

/* The practitioner drawn for this run: how they were drawn and their traits. */
static json_t *practitioner_json(const kn_model *m) {
  const kn_session *s = kn_model_session(m);
  const kn_practitioner_traits *t = kn_model_practitioner(m);
  const char *how = s->giver == KN_GIVER_DEVICE                        ? "device"
                    : s->practitioner == KN_PRACTITIONER_ROUGH_PARTNER ? "fixed"
                    : s->practitioner_seeded                           ? "seed"
                    : s->practitioner_percentile                       ? "percentile"
                                                                       : "median";
  json_t *j =
      json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:b}", "drawn", how, "force_ratio", t->force_ratio,
                "force_bias_N", t->force_bias, "force_cv", t->force_cv, "ramp_time_s", t->ramp_time,
                "drift_mm", t->drift / KN_MM, "eases_off_on_pain", t->pain_delay >= 0.0);
  json_object_set_new(j, "pain_delay_s",
                      t->pain_delay >= 0.0 ? json_real(t->pain_delay) : json_null());
  if (s->practitioner_percentile)
    json_object_set_new(j, "percentile", json_integer(s->practitioner_percentile));
  if (s->practitioner_seeded)
    json_object_set_new(j, "seed", json_integer((json_int_t)s->practitioner_seed));
  json_object_set_new(j, "evidence",
                      json_string(kn_evidence_name(s->practitioner == KN_PRACTITIONER_ROUGH_PARTNER
                                                       ? KN_EVIDENCE_ARTICLE
                                                       : KN_EVIDENCE_EXPERT)));
  return j;
}

/* The session's loads on joints (`loads:`), one object per loaded joint. */
static json_t *loads_json(const kn_session *s) {
  json_t *arr = json_array();
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    if (s->loaded[j])
      json_array_append_new(arr, json_pack("{s:s, s:f, s:f}", "joint", kn_joint_name((kn_joint)j),
                                           "inertia_kg_m2", s->load_inertia[j], "torque_N_m",
                                           s->load_torque[j]));
  return arr;
}

static json_t *session_json(const kn_model *m) {
  const kn_session *s = kn_model_session(m);
  json_t *actions = json_array();
  for (size_t i = 0; i < s->naction; i++)
    json_array_append_new(actions, action_json(m, i));
  const char *lab_field[] = {"lab", "field"}, *cortisol[] = {"meta", "field2005"};
  json_t *hyp =
      json_pack("{s:s, s:s, s:s}", "dehydration", lab_field[s->hypothesis_dehydration], "fatigue",
                lab_field[s->hypothesis_fatigue], "cortisol", cortisol[s->hypothesis_cortisol]);
  return json_pack("{s:s, s:s, s:o, s:I, s:f, s:f, s:f, s:o, s:o, s:o, s:s, s:o}", "name", s->name,
                   "practitioner", kn_practitioner_name(s->practitioner), "practitioner_traits",
                   practitioner_json(m), "seed", (json_int_t)s->seed, "time_step_ms", s->dt * 1e3,
                   "record_interval_s", s->record_interval, "recovery_s", s->recovery, "hypotheses",
                   hyp, "parameters", parameters_json(s), "loads", loads_json(s), "source",
                   s->source, "actions", actions);
}

/* One region's outcome beside the limits it is compared to; the evidence levels are the
 * outcome's. */
static json_t *region_json(const kn_model *m, const kn_outcome *out, const kn_region_outcome *o) {
  const kn_region *r = kn_atlas_region((size_t)o->region);
  const kn_iso_area *iso = kn_atlas_iso_area((size_t)r->iso_area);
  kn_region_limits lim = {0};
  kn_model_region_limits(m, o->region, &lim); /* every outcome region is reached */
  json_t *j = json_pack(
      "{s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, "
      "s:f, s:f, s:s, s:f,"
      " s:{s:s, s:s, s:s}}",
      "region", r->name, "label", r->label, "iso_area", iso->label, "p_peak_kPa",
      o->p_peak / KN_KPA, "p_limit_kPa", lim.p_limit / KN_KPA, "p_ratio", o->p_ratio, "f_peak_N",
      o->f_peak, "f_limit_N", lim.f_limit, "f_ratio", o->f_ratio, "time_over_limit_s",
      o->t_over_limit, "time_capillaries_closed_s", o->t_occluded, "pain_probability_peak",
      o->pain_peak, "time_in_pain_s", o->t_pain, "pain_threshold_kPa", lim.pain_threshold / KN_KPA,
      "shear_peak_kPa", o->shear_peak / KN_KPA, "deep_shear_peak_kPa", o->deep_shear_peak / KN_KPA,
      "bruise_index", o->bruise_index, "bruise", kn_bruise_grade_name(o->bruise),
      "force_rate_peak_N_per_s", o->force_rate_peak, "evidence", "limits",
      kn_evidence_name(out->evidence_iso), "pain", kn_evidence_name(out->evidence_pain), "bruise",
      kn_evidence_name(out->evidence_bruise));
  /* the bruise is a probability from the dose-response (the grade is read from it); soreness per
   * site saturates with the site's own load */
  json_object_set_new(j, "bruise_probability", json_real(o->bruise_probability));
  json_object_set_new(j, "bruise_dose_s", json_real(o->bruise_dose));
  json_object_set_new(j, "soreness_probability", json_real(o->soreness_probability));
  json_object_set_new(j, "soreness_load_min", json_real(o->soreness_load / KN_MIN));
  return j;
}

/* Shares below this resolution (1e-9, a billionth of normal) are printed as 0: far below anything
 * measurable, and the perfusion logistic's tail (e.g. 2.3e-177 at 1500 mmHg) is no information. */
#define SHARE_RESOLUTION 1e-9
static double pct(double share) {
  return share < SHARE_RESOLUTION ? 0.0 : 100.0 * share;
}

static json_t *nerve_json(const kn_nerve_outcome *o) {
  const kn_nerve *n = kn_atlas_nerve((size_t)o->nerve);
  json_t *j = json_pack(
      "{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:b, s:f, s:b, s:f,"
      " s:s, s:o, s:f, s:f, s:s?, s:s}",
      "nerve", n->name, "label", n->label, "kind", n->kind == KN_NERVE ? "nerve" : "vessel",
      "region", kn_atlas_region((size_t)n->region)->name, "depth_mm", o->depth / KN_MM,
      "p_peak_mmHg", o->p_peak / KN_MMHG, "perfusion_min_pct", pct(o->perfusion_min),
      "conduction_min_pct", pct(o->conduction_min), "conduction_sensory_min_pct",
      pct(o->conduction_sensory_min), "conduction_small_min_pct", pct(o->conduction_small_min),
      "conduction_end_pct", pct(o->conduction_end), "time_ischaemic_s", o->t_ischaemic,
      "transport_dose", o->transport_dose, "transport_blocked",
      o->transport_dose >= 1.0 - KN_DOSE_EPS, "slow_transport_dose", o->slow_transport_dose,
      "slow_transport_blocked", o->slow_transport_dose >= 1.0 - KN_DOSE_EPS, "injury_dose",
      o->injury_dose, "grade", kn_nerve_grade_name(o->grade), "time_grade_s",
      o->t_grade >= 0.0 ? json_real(o->t_grade) : json_null(), "recovery_min_days",
      o->recovery_min / KN_DAY, "recovery_max_days", o->recovery_max / KN_DAY, "injury_looks_like",
      n->injury, "evidence", kn_evidence_name(o->evidence));
  return j;
}

static json_t *muscle_json(const kn_muscle_outcome *o) {
  const kn_muscle *mu = kn_atlas_muscle((size_t)o->muscle);
  return json_pack("{s:s, s:s, s:f, s:f, s:b, s:s}", "muscle", mu->name, "label", mu->label,
                   "p_peak_kPa", o->p_peak / KN_KPA, "damage_dose", o->damage, "cell_death",
                   o->damage >= 1.0, "evidence", kn_evidence_name(o->evidence));
}

static json_t *nm_json(const kn_nm_outcome *o) {
  const kn_muscle *mu = kn_atlas_muscle((size_t)o->muscle);
  return json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:i, s:i, s:f, s:f, s:f, s:s}", "muscle",
                   mu->name, "hreflex_min_pct", 100.0 * o->hreflex_ratio, "time_inhibited_s",
                   o->inhibited_time, "force_peak_N", o->force_peak, "rest_force_N", o->rest_force,
                   "cramp_threshold_Hz", o->cramp_threshold, "spasms", o->nspasm,
                   "reflex_responses", o->reflex_responses, "reflex_longest_s", o->reflex_longest,
                   "reflex_peak_force_pct", 100.0 * o->reflex_peak, "reflex_peak_force_N",
                   o->reflex_peak_force, "evidence", kn_evidence_name(o->evidence));
}

/* All muscles' normal reflex responses together: counted and timed, never harm. */
static json_t *reflex_json(const kn_outcome *o) {
  int n = 0;
  double longest = 0.0, peak = 0.0;
  for (size_t i = 0; i < o->nnm; i++) {
    n += o->nm[i].reflex_responses;
    longest = fmax(longest, o->nm[i].reflex_longest);
    peak = fmax(peak, o->nm[i].reflex_peak);
  }
  return json_pack("{s:s, s:b, s:i, s:f, s:f, s:s}", "label", "normal reflex response", "harm", 0,
                   "count", n, "longest_s", longest, "peak_force_pct", 100.0 * peak, "evidence",
                   kn_evidence_name(KN_EVIDENCE_EXPERT));
}

static json_t *spasm_json(const kn_model *m, const kn_spasm *sp) {
  json_t *j =
      json_pack("{s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:i, s:f, s:s, s:s}", "kind",
                kn_spasm_kind_name(sp->kind), "muscle", kn_atlas_muscle((size_t)sp->muscle)->name,
                "onset_s", sp->t_start, "duration_s", sp->t_end - sp->t_start, "peak_force_N",
                sp->peak_force, "peak_force_pct", 100.0 * sp->peak_fraction, "frequency_Hz",
                sp->frequency, "beats", sp->beats, "firing_rate_per_s", sp->mean_rate, "trigger",
                sp->trigger, "evidence", kn_evidence_name(sp->evidence));
  if (sp->action >= 0) {
    json_object_set_new(j, "action", json_integer(sp->action));
    json_object_set_new(
        j, "action_do",
        json_string(kn_action_kind_name(kn_model_session(m)->actions[sp->action].kind)));
  }
  return j;
}

/* Keys of the soreness-over-days times (kn_soreness_time): "<prefix>24h<suffix>" and so on. */
static void set_at_times(json_t *j, const char *prefix, const char *suffix, const double *v,
                         int given) {
  for (int i = 0; i < KN_SORENESS_TIMES; i++) {
    char key[48];
    snprintf(key, sizeof key, "%s%.0fh%s", prefix, kn_soreness_time(i) / KN_HOUR, suffix);
    json_object_set_new(j, key, given ? json_real(v[i]) : json_null());
  }
}

/* An exercise bout's delayed-onset soreness (kn_exercise): null numbers when the session names
 * none, so the object's layout never changes. */
static json_t *doms_json(const kn_model *m, const kn_outcome *o) {
  const kn_exercise *e = &kn_model_session(m)->exercise;
  const kn_muscle *mu = o->doms_given ? kn_atlas_muscle((size_t)e->muscle) : NULL;
  json_t *j = json_pack("{s:b, s:s, s:b}", "given", o->doms_given, "muscle", mu ? mu->name : "",
                        "eccentric", o->doms_given && e->eccentric);
  json_object_set_new(j, "before_h", o->doms_given ? json_real(e->before / KN_HOUR) : json_null());
  json_object_set_new(j, "peak_0_to_10", o->doms_given ? json_real(o->doms_peak) : json_null());
  json_object_set_new(j, "massage_min",
                      o->doms_given ? json_real(o->doms_massage_time / KN_MIN) : json_null());
  json_object_set_new(j, "massage_factor", o->doms_given ? json_real(o->doms_factor) : json_null());
  set_at_times(j, "at_", "_0_to_10", o->doms_at, o->doms_given);
  json_object_set_new(j, "evidence", json_string(kn_evidence_name(o->evidence_doms)));
  json_object_set_new(j, "note",
                      json_string("soreness on a 0-10 scale at each time after the "
                                  "bout's end, massage within the window included; time "
                                  "course human data, its size expert opinion"));
  return j;
}

json_t *kn_summary_json(const kn_model *m, kn_data *d) {
  const kn_outcome *o = kn_data_outcome(m, d);
  json_t *regions = json_array(), *nerves = json_array(), *muscles = json_array();
  for (size_t i = 0; i < o->nregion; i++)
    json_array_append_new(regions, region_json(m, o, &o->regions[i]));
  for (size_t i = 0; i < o->nnerve; i++)
    json_array_append_new(nerves, nerve_json(&o->nerves[i]));
  for (size_t i = 0; i < o->nmuscle; i++)
    json_array_append_new(muscles, muscle_json(&o->muscles[i]));
  json_t *nm = json_array(), *spasms = json_array();
  for (size_t i = 0; i < o->nnm; i++)
    json_array_append_new(nm, nm_json(&o->nm[i]));
  for (size_t i = 0; i < o->nspasm; i++)
    json_array_append_new(spasms, spasm_json(m, &o->spasms[i]));
  json_t *sore = json_pack("{s:f, s:f, s:f, s:f, s:s}", "probability", o->soreness_probability,
                           "onset_h", o->soreness_onset / KN_HOUR, "duration_h",
                           o->soreness_duration / KN_HOUR, "load_min", o->soreness_load / KN_MIN,
                           "evidence", kn_evidence_name(o->evidence_soreness));
  set_at_times(sore, "probability_at_", "", o->soreness_at, 1);
  json_object_set_new(sore, "after_exercise", doms_json(m, o));
  json_t *bruise = json_pack("{s:f, s:s, s:s}", "probability", o->bruise_probability, "evidence",
                             kn_evidence_name(o->evidence_bruise), "note",
                             "visible bruise (ecchymosis) anywhere; per region in regions[]");
  json_t *circ = json_array();
  for (size_t i = 0; i < o->ncirc; i++)
    json_array_append_new(circ, circ_json(&o->circ[i]));
  json_t *root = json_pack(
      "{s:s, s:s, s:s, s:s, s:s, s:f, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:i}",
      "schema_version", KN_SUMMARY_SCHEMA_VERSION, "knead_version", kn_version(), "harm",
      kn_harm_name(o->harm), "harm_evidence", kn_evidence_name(o->harm_evidence), "harm_scale",
      "none < discomfort < minor < injury < severe", "duration_s", o->duration, "subject",
      subject_json(m), "session", session_json(m), "regions", regions, "nerves", nerves, "muscles",
      muscles, "neuromuscular", nm, "spasms", spasms, "soreness", sore, "events", (int)o->nevent,
      "events_dropped", (int)o->nevent_dropped);
  json_object_set_new(root, "reflex_responses", reflex_json(o));
  json_object_set_new(root, "bruise", bruise);
  json_object_set_new(root, "circulation", circ);
  json_object_set_new(root, "systemic", systemic_json(&o->systemic));
  return root;
}
