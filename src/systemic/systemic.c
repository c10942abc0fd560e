/* SPDX-License-Identifier: Apache-2.0 */
/* The whole body: autonomic balance, heart rate, stroke volume, cardiac output and peripheral
 * resistance giving blood pressure with a baroreflex, the carotid sinus reflex, cortisol, core
 * temperature and hydration, standing up at the end, and the ill subject's symptom load.
 *
 * Autonomic balance (-1 vagal .. +1 sympathetic) approaches a drive set by what the hands do now:
 * calm strokes pull it toward sys_calm_drive, deep, trigger-point and percussive work toward
 * sys_vigorous_drive, and pain adds sys_pain_drive per unit of pain probability. Heart rate moves
 * with the balance, with fever and dehydration, and against pressure through the baroreflex, whose
 * sensitivity falls with age (Kardos 2001). Pressure is made, not set: cardiac output is heart rate
 * x stroke volume (resting output from the cardiac index and body surface, Mosteller 1987); stroke
 * volume keeps output at rest when the heart rate alone changes (Ross 1965) and moves with the
 * balance (contractility); peripheral resistance offsets most of a change of output (the
 * baroreflex's vascular arm; resistance rose as output fell in a back rub, Boone 2001). Mean
 * pressure = output x resistance, pulse pressure = stroke volume / arterial compliance, so a calm
 * massage lowers both pressures, systolic more (narrower pulse), and vigorous work raises both.
 * Pressure on the carotid sinus lengthens the beat interval and lowers pressure, far more in a
 * hypersensitive subject (Kerr 2006). Cortisol is secreted and cleared with its half-life; its
 * massage effect is a named hypothesis. */
#include "systemic/systemic.h"

#include <math.h>

#include "core/units.h"
#include "knead/error.h"

/* Time (s) by which t may pass plan_end and still count as its end: t is summed from many steps
 * and carries their rounding (numerical guard, not physiology). */
#define PLAN_END_TOLERANCE 1e-9

/* Mean arterial pressure = diastolic + this share of the pulse pressure (the clinical convention
 * for a resting heart rate, as the circulation stage uses). */
#define MAP_PULSE_SHARE (1.0 / 3.0)

/* Lowest contractility factor of stroke volume: keeps it positive when a sensitivity analysis sets
 * sys_sv_per_balance far above its default (numerical guard, not physiology). */
#define CONTRACTILITY_FLOOR 0.1

static double clamp(double x, double lo, double hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

/* Standard normal cumulative distribution. */
static double normal_cdf(double z) {
  return 0.5 * erfc(-z / sqrt(2.0));
}

/* 1 if the subject's own carotid sinus is hypersensitive. */
static int hypersensitive(const kn_systemic_params *sp) {
  return sp->subject->carotid_sinus_hypersensitivity == 1;
}

/* Baseline heart rate (1/s) for core temperature and hydration now. */
static double baseline_hr(const kn_systemic_params *sp, const kn_systemic *s) {
  const kn_params *p = sp->par;
  double fever = fmax(0.0, s->core_temp - (p->sys_core_normal + KN_ZERO_CELSIUS));
  return sp->subject->heart_rate + p->sys_fever_hr * fever +
         p->sys_dehydration_hr * 100.0 * s->hypohydration;
}

/* The subject at rest: cardiac output from the cardiac index and the body surface (Mosteller),
 * stroke volume at the resting heart rate, peripheral resistance from mean pressure. Needs
 * s->hr_rest. */
static void resting_haemodynamics(const kn_systemic_params *sp, kn_systemic *s) {
  const kn_params *p = sp->par;
  const kn_subject *sub = sp->subject;
  double bsa = sqrt(sub->height / KN_CM * sub->mass / p->sys_bsa_mosteller); /* m^2 */
  double pulse = sub->systolic_pressure - sub->diastolic_pressure;
  double map = sub->diastolic_pressure + MAP_PULSE_SHARE * pulse;
  s->co_rest = s->cardiac_output = p->sys_cardiac_index * bsa;
  s->sv_rest = s->stroke_volume = s->co_rest / s->hr_rest;
  s->resistance = map / s->co_rest;
}

/* The pressures (Pa) the heart and vessels make now, at autonomic balance b and the heart rate hr
 * (1/s) the balance sets: stroke volume from filling and contractility, output, resistance
 * offsetting a share of the change of output, then mean and pulse pressure. gain scales the
 * changes from rest (larger in hypertension). Sets s->stroke_volume and s->resistance. */
static void haemodynamics(const kn_systemic_params *sp, kn_systemic *s, double b, double hr,
                          double gain, double *sbp, double *dbp) {
  const kn_params *p = sp->par;
  const kn_subject *sub = sp->subject;
  double filling = pow(s->hr_rest / hr, p->sys_sv_filling);
  double contractility = fmax(1.0 + p->sys_sv_per_balance * b, CONTRACTILITY_FLOOR);
  double sv = s->sv_rest * filling * contractility;
  double output = hr * sv / s->co_rest; /* relative to rest */
  double resistance = pow(output, -p->sys_baroreflex_buffer);
  double pulse0 = sub->systolic_pressure - sub->diastolic_pressure;
  double map0 = sub->diastolic_pressure + MAP_PULSE_SHARE * pulse0;
  double map = map0 * output * resistance;
  double pulse = pulse0 * sv / s->sv_rest; /* stroke volume / compliance, C = SV0 / PP0 */
  double d_map = gain * (map - map0), d_pulse = gain * (pulse - pulse0);
  *sbp = sub->systolic_pressure + d_map + (1.0 - MAP_PULSE_SHARE) * d_pulse;
  *dbp = sub->diastolic_pressure + d_map - MAP_PULSE_SHARE * d_pulse;
  s->stroke_volume = sv;
  s->resistance = map0 / s->co_rest * resistance;
}

void kn_systemic_reset(const kn_systemic_params *sp, kn_systemic *s, kn_systemic_out *out) {
  const kn_subject *sub = sp->subject;
  *s = (kn_systemic){0};
  s->hypohydration = sub->hypohydration;
  s->core_temp = sub->core_temperature; /* as measured: with whatever dehydration there is */
  s->systolic = s->sbp_reference = sub->systolic_pressure;
  s->diastolic = sub->diastolic_pressure;
  s->cortisol = 1.0;
  s->heart_rate = s->hr_rest = baseline_hr(sp, s);
  resting_haemodynamics(sp, s);
  *out = (kn_systemic_out){.now = s};
  kn_systemic_outcome *o = &out->outcome;
  o->heart_rate_start = o->heart_rate_min = o->heart_rate_max = o->heart_rate_end = s->heart_rate;
  o->systolic_start = o->systolic_end = o->systolic_min = o->systolic_max = s->systolic;
  o->diastolic_start = o->diastolic_end = o->diastolic_min = s->diastolic;
  o->core_temperature_start = o->core_temperature_peak = s->core_temp;
  o->hypohydration_start = o->hypohydration_end = s->hypohydration;
  o->longest_beat_interval = 1.0 / s->heart_rate;
  o->evidence_heart = o->evidence_pressure = KN_EVIDENCE_HUMAN;
  o->evidence_cortisol = KN_EVIDENCE_HUMAN;
  o->evidence_carotid = KN_EVIDENCE_HUMAN;
  o->evidence_orthostatic = KN_EVIDENCE_EXPERT; /* TILDA-calibrated; rest, hydration: expert */
  o->evidence_symptoms = KN_EVIDENCE_ARTICLE;
  o->stroke_volume_start = o->stroke_volume_end = s->stroke_volume;
  o->cardiac_output_start = o->cardiac_output_end = s->cardiac_output;
  /* output and stroke volume follow from pressures and heart rate through a calibrated model
   * (their direction as boone2001); core temperature and hydration: sawka2001 with expert loss
   * and absorption rates */
  o->evidence_output = KN_EVIDENCE_EXPERT;
  o->evidence_body = KN_EVIDENCE_EXPERT;
}

/* What the hands do now: calm strokes, vigorous work, and the worst pain. */
static void hands_now(const kn_systemic_params *sp, const kn_systemic_in *in, double *calm,
                      double *vigorous, double *pain) {
  *calm = *vigorous = *pain = 0.0;
  for (int s = 0; s < in->ncontact; s++) {
    const kn_contact *c = &in->contacts[s];
    if (c->action < 0) continue; /* an action in progress, touching or between percussions */
    switch (sp->actions[c->action].kind) {
    case KN_ACT_EFFLEURAGE:
    case KN_ACT_PETRISSAGE:
      *calm = 1.0;
      break;
    case KN_ACT_COMPRESSION: /* trigger point */
    case KN_ACT_DEEP_STROKE:
    case KN_ACT_FRICTION:
    case KN_ACT_TAPOTEMENT: /* sports massage */
      *vigorous = 1.0;
      break;
    default:
      break;
    }
  }
  for (int r = 0; r < sp->nregion; r++)
    *pain = fmax(*pain, in->region_pain[r]);
}

/* The carotid sinus hypersensitivity criteria: a beat interval (s) of sys_csh_rr or more, or a
 * systolic fall (Pa) of sys_csh_sbp_fall or more (sutton2014: 3 s, 50 mmHg). */
static int carotid_criterion(const kn_params *p, double rr, double fall) {
  return rr >= p->sys_csh_rr || fall >= p->sys_csh_sbp_fall;
}

int kn_systemic_step(const kn_systemic_params *sp, const kn_systemic_in *in, kn_systemic *s,
                     kn_systemic_out *out, double dt) {
  const kn_params *p = sp->par;
  const kn_subject *sub = sp->subject;
  kn_systemic_outcome *o = &out->outcome;
  double t = in->t;
  double calm, vigorous, pain;
  hands_now(sp, in, &calm, &vigorous, &pain);

  /* autonomic balance: vigorous work or pain outweighs calm strokes */
  double drive = vigorous > 0.0 ? p->sys_vigorous_drive : calm * p->sys_calm_drive;
  drive = clamp(drive + p->sys_pain_drive * pain, -1.0, 1.0);
  s->autonomic = drive + (s->autonomic - drive) * exp(-dt / p->sys_autonomic_tau);

  /* hydration: insensible loss, drinks absorbed */
  for (size_t k = 0; k < (size_t)sp->ndrink; k++) {
    int ai = sp->drink_actions[k];
    double t0 = sp->action_start[ai];
    if (t >= t0 && t - dt < t0) s->drink_pending += sp->actions[ai].volume * 1000.0;
  }
  double absorbed = s->drink_pending * (1.0 - exp(-dt / p->sys_drink_tau));
  s->drink_pending -= absorbed;
  s->hypohydration += p->sys_insensible_loss * dt - absorbed / sub->mass;
  s->hypohydration = clamp(s->hypohydration, 0.0, p->sys_hypohydration_max);
  /* the measured temperature includes the starting dehydration; changes of it move it */
  s->core_temp = sub->core_temperature +
                 p->sys_dehydration_core * 100.0 * (s->hypohydration - sub->hypohydration);

  /* pressures: heart and vessels at the balance; the changes larger in hypertension (per 20 mmHg
   * above 120) */
  double excess =
      fmax(0.0, sub->systolic_pressure - p->sys_hypertension_from) / p->sys_hypertension_step;
  double gain = 1.0 + (p->sys_hypertension_gain - 1.0) * fmin(excess, p->sys_hypertension_steps);
  double hr_balance =
      fmax(baseline_hr(sp, s) + p->sys_hr_per_balance * s->autonomic, p->sys_hr_floor);
  double sbp, dbp;
  haemodynamics(sp, s, s->autonomic, hr_balance, gain, &sbp, &dbp);

  /* carotid sinus: the subject's own response, and a hypersensitive one for the risk */
  double cs = clamp((in->carotid_p - p->sys_carotid_threshold) /
                        (p->sys_carotid_full - p->sys_carotid_threshold),
                    0.0, 1.0);
  s->carotid = cs + (s->carotid - cs) * exp(-dt / p->sys_carotid_tau);
  double rr_own = hypersensitive(sp) ? p->sys_carotid_rr_hyper : p->sys_carotid_rr_normal;
  double fall_own = hypersensitive(sp) ? p->sys_carotid_sbp_hyper : p->sys_carotid_sbp_normal;
  sbp -= fall_own * s->carotid;
  dbp -= p->sys_carotid_dbp_share * fall_own * s->carotid;

  /* heart rate: baseline, balance, baroreflex (R-R interval per mmHg, resetting slowly) */
  double brs = 1e-3 * exp(p->sys_baroreflex_intercept - p->sys_baroreflex_slope * sub->age) /
               KN_MMHG; /* s/Pa */
  s->sbp_reference += (sbp - s->sbp_reference) * (1.0 - exp(-dt / p->sys_baroreflex_reset));
  double rr = 1.0 / hr_balance + brs * (sbp - s->sbp_reference) + rr_own * s->carotid;
  out->carotid_on = carotid_criterion(p, rr, fall_own * s->carotid);
  out->carotid_rr = fmax(rr, 0.0);
  s->heart_rate = 1.0 / rr;
  s->cardiac_output = s->heart_rate * s->stroke_volume;
  s->systolic = sbp;
  s->diastolic = fmin(dbp, sbp - p->sys_pulse_pressure_min);

  /* cortisol: secretion against clearance; pain and strain raise secretion; the field2005
   * hypothesis stops it during calm strokes */
  double secretion = 1.0 + p->sys_cortisol_pain * fmax(0.0, s->autonomic);
  if (sp->hypothesis_cortisol == KN_HYP_FIELD && calm > 0.0 && vigorous == 0.0) secretion = 0.0;
  double k_c = log(2.0) / p->sys_cortisol_halflife;
  s->cortisol = secretion + (s->cortisol - secretion) * exp(-k_c * dt);

  /* outcomes */
  o->heart_rate_min = fmin(o->heart_rate_min, s->heart_rate);
  o->heart_rate_max = fmax(o->heart_rate_max, s->heart_rate);
  o->systolic_min = fmin(o->systolic_min, s->systolic);
  o->systolic_max = fmax(o->systolic_max, s->systolic);
  o->diastolic_min = fmin(o->diastolic_min, s->diastolic);
  o->core_temperature_peak = fmax(o->core_temperature_peak, s->core_temp);
  o->longest_beat_interval = fmax(o->longest_beat_interval, rr);
  o->carotid_systolic_fall = fmax(o->carotid_systolic_fall, fall_own * s->carotid);
  /* a hypersensitive response to the same pressure, for the risk when it is unknown */
  double rr_hyper = 1.0 / hr_balance + p->sys_carotid_rr_hyper * s->carotid;
  double fall_hyper = p->sys_carotid_sbp_hyper * s->carotid;
  if (carotid_criterion(p, rr_hyper, fall_hyper)) s->carotid_hyper_event = 1;
  if (t <= sp->plan_end + PLAN_END_TOLERANCE) {
    o->heart_rate_end = s->heart_rate;
    o->systolic_end = s->systolic;
    o->diastolic_end = s->diastolic;
    o->stroke_volume_end = s->stroke_volume;
    o->cardiac_output_end = s->cardiac_output;
    o->cortisol_change = s->cortisol - 1.0;
    o->hypohydration_end = s->hypohydration;
    if (t >= sp->plan_end - 60.0) { /* the last minute's means */
      s->sbp_sum += s->systolic * dt;
      s->dbp_sum += s->diastolic * dt;
      s->last_minute += dt;
    }
  }
  double vitals =
      s->heart_rate + s->systolic + s->diastolic + s->cortisol + s->core_temp + s->cardiac_output;
  return isfinite(vitals) ? KN_OK : KN_ENONFINITE;
}

/* Share (0..1) of the full initial fall after `rest` seconds supine: a short rest shrinks the fall
 * (Borst 1984: after 1 min supine the fall is significantly smaller than after 20 min). */
static double rest_share(const kn_params *p, double rest) {
  double missing = (1.0 - p->sys_stand_rest_short) * exp(-fmax(0.0, rest) / p->sys_stand_rest_tau);
  return 1.0 - missing;
}

/* The subject gets up at the end of the recovery, after lying the whole run. Two haemodynamic
 * events, each reported under its own name: initial orthostatic hypotension (a >= 40 mmHg systolic
 * fall within 15 s; Wieling 2007, Freeman 2011), set by the length of the supine rest only (the
 * TILDA prevalence shows no age gradient), and orthostatic hypotension (a sustained >= 20 mmHg
 * fall), which grows with age, dehydration, blood-pressure medication and fever. The two are not
 * added: no study supports stacking a sustained fall onto the initial one (Carter 2006 found the
 * fall similar at -3 % body mass). Neither is a symptom: most falls are not felt (TILDA: IOH 32.9
 * %, orthostatic intolerance 6.7 %; Claffey 2022: two thirds of OH without symptoms). Dizziness is
 * the chance that a fall is felt; dehydration raises it (the same fall, a faster heart and less
 * cerebral flow). The massage's calm does not enter: no study shows a calm massage deepening the
 * fall. */
static void standing_up(const kn_systemic_params *sp, const kn_systemic *s,
                        kn_systemic_outcome *o) {
  const kn_params *p = sp->par;
  const kn_subject *sub = sp->subject;
  double fever = fmax(0.0, s->core_temp - (p->sys_core_normal + KN_ZERO_CELSIUS));
  double hypohydration = fmax(0.0, s->hypohydration);
  o->stand_rest = sp->duration; /* on the table from the start until getting up */
  double initial = p->sys_stand_fall * rest_share(p, o->stand_rest);
  double dehydrated =
      clamp(hypohydration / p->sys_stand_dehydrated_at, 0.0, p->sys_stand_dehydrated_max);
  double sustained =
      p->sys_stand_dehydrated * dehydrated + (sub->bp_medication ? p->sys_stand_medication : 0.0) +
      p->sys_stand_fever * fever + p->sys_stand_age * fmax(0.0, sub->age - p->sys_stand_age_from);
  o->stand_systolic_fall = initial;
  o->stand_sustained_fall = sustained;
  o->stand_diastolic_fall = p->sys_stand_diastolic_share * sustained;
  o->ioh_probability = normal_cdf((initial - p->sys_ioh_fall) / p->sys_stand_sd);
  o->oh_probability = normal_cdf((sustained - p->sys_oh_fall) / p->sys_oh_sd);
  double felt =
      1.0 + (p->sys_stand_dehydrated_symptoms - 1.0) * hypohydration / p->sys_stand_symptoms_at;
  double felt_ioh = clamp(p->sys_ioh_symptomatic * felt, 0.0, 1.0);
  double felt_oh = clamp(p->sys_oh_symptomatic * felt, 0.0, 1.0);
  o->dizziness_probability =
      1.0 - (1.0 - felt_ioh * o->ioh_probability) * (1.0 - felt_oh * o->oh_probability);
  o->dizziness = o->dizziness_probability > 0.5;
}

/* 1 when the symptom score's premise holds: an acute illness or a fever above 38 degC. */
static int symptoms_apply(const kn_systemic_params *sp, const kn_systemic *s) {
  const kn_params *p = sp->par;
  double fever = s->core_temp - (p->sys_symptom_fever_from + KN_ZERO_CELSIUS);
  return sp->subject->acute_illness || fever > p->sys_symptom_fever_margin;
}

/* Symptom load of the ill subject (A6): an expert-opinion score, not measured physiology, and only
 * where its premise (acute illness, fever) holds: a healthy subject, dehydrated or not, gets none.
 * Fever, acute illness and dehydration each add; so does the massage's work. */
static double symptom_load(const kn_systemic_params *sp, const kn_systemic *s,
                           double soreness_load) {
  if (!symptoms_apply(sp, s)) return 0.0;
  const kn_params *p = sp->par;
  const kn_subject *sub = sp->subject;
  double fever = fmax(0.0, s->core_temp - (p->sys_symptom_fever_from + KN_ZERO_CELSIUS));
  double x = fever / p->sys_symptom_fever_scale + p->sys_symptom_illness * sub->acute_illness +
             s->hypohydration / p->sys_symptom_hypohydration +
             fmin(1.0, soreness_load / p->sys_symptom_soreness);
  return p->sys_symptom_max * (1.0 - exp(-x));
}

void kn_systemic_finish(const kn_systemic_params *sp, const kn_systemic_in *in, kn_systemic *s,
                        kn_systemic_out *out) {
  const kn_params *p = sp->par;
  const kn_subject *sub = sp->subject;
  kn_systemic_outcome *o = &out->outcome;
  if (s->last_minute > 0.0) {
    o->systolic_change = s->sbp_sum / s->last_minute - o->systolic_start;
    o->diastolic_change = s->dbp_sum / s->last_minute - o->diastolic_start;
  }
  int own = carotid_criterion(p, o->longest_beat_interval, o->carotid_systolic_fall);
  o->carotid_event = own;
  /* known sensitivity: the subject's own response; unknown: the prevalence by age times whether a
   * hypersensitive sinus would have responded */
  double prevalence = sub->age >= p->sys_csh_age ? p->sys_csh_prevalence : 0.0;
  o->carotid_event_probability =
      own || sub->carotid_sinus_hypersensitivity >= 0 ? own : prevalence * s->carotid_hyper_event;
  standing_up(sp, s, o);
  o->symptoms_apply = symptoms_apply(sp, s);
  o->symptom_load = symptom_load(sp, s, in->soreness_load);
}
