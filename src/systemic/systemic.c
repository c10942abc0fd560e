/* The whole body: autonomic balance, heart rate and blood pressure with a baroreflex, the carotid
 * sinus reflex, cortisol, core temperature and hydration, standing up at the end, and the ill
 * subject's symptom load.
 *
 * Autonomic balance (-1 vagal .. +1 sympathetic) approaches a drive set by what the hands do now:
 * calm strokes pull it toward sys_calm_drive, deep, trigger-point and percussive work toward
 * sys_vigorous_drive, and pain adds sys_pain_drive per unit of pain probability. Pressures move
 * with the balance (larger in hypertension); heart rate moves with it, with fever and dehydration,
 * and against pressure through the baroreflex, whose sensitivity falls with age (Kardos 2001).
 * Pressure on the carotid sinus lengthens the beat interval and lowers systolic pressure, far more
 * in a hypersensitive subject (Kerr 2006). Cortisol is secreted and cleared with its half-life; its
 * massage effect is a named hypothesis. */
#include <math.h>

#include "core/units.h"
#include "sim/sim_internal.h"

static double clamp(double x, double lo, double hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

/* Standard normal cumulative distribution. */
static double normal_cdf(double z) {
  return 0.5 * erfc(-z / sqrt(2.0));
}

/* 1 if the subject's own carotid sinus is hypersensitive. */
static int hypersensitive(const kn_model *m) {
  return m->subject.carotid_sinus_hypersensitivity == 1;
}

/* Baseline heart rate (1/s) for core temperature and hydration now. */
static double baseline_hr(const kn_model *m, const kn_systemic *s) {
  const kn_params *p = &m->par;
  double fever = fmax(0.0, s->core_temp - (37.0 + KN_ZERO_CELSIUS));
  return m->subject.heart_rate + p->sys_fever_hr * fever +
         p->sys_dehydration_hr * 100.0 * s->hypohydration;
}

void kn_systemic_reset(const kn_model *m, kn_data *d) {
  const kn_subject *sub = &m->subject;
  kn_systemic *s = &d->sys;
  *s = (kn_systemic){0};
  s->hypohydration = sub->hypohydration;
  s->core_temp = sub->core_temperature; /* as measured: with whatever dehydration there is */
  s->systolic = s->sbp_reference = sub->systolic_pressure;
  s->diastolic = sub->diastolic_pressure;
  s->cortisol = 1.0;
  s->heart_rate = baseline_hr(m, s);
  kn_systemic_outcome *o = &d->outcome.systemic;
  *o = (kn_systemic_outcome){0};
  o->heart_rate_start = o->heart_rate_min = o->heart_rate_max = o->heart_rate_end = s->heart_rate;
  o->systolic_start = o->systolic_end = o->systolic_min = o->systolic_max = s->systolic;
  o->diastolic_start = o->diastolic_end = o->diastolic_min = s->diastolic;
  o->core_temperature_start = o->core_temperature_peak = s->core_temp;
  o->hypohydration_start = o->hypohydration_end = s->hypohydration;
  o->longest_beat_interval = 1.0 / s->heart_rate;
  o->evidence_heart = o->evidence_pressure = KN_EVIDENCE_HUMAN;
  o->evidence_cortisol = KN_EVIDENCE_HUMAN;
  o->evidence_carotid = KN_EVIDENCE_HUMAN;
  o->evidence_orthostatic = KN_EVIDENCE_EXPERT;
  o->evidence_symptoms = KN_EVIDENCE_ARTICLE;
}

/* What the hands do now: calm strokes, vigorous work, and the worst pain. */
static void hands_now(const kn_model *m, const kn_data *d, double *calm, double *vigorous,
                      double *pain) {
  *calm = *vigorous = *pain = 0.0;
  for (int s = 0; s < m->nslot; s++) {
    const kn_contact *c = &d->contacts[s];
    if (c->action < 0) continue; /* an action in progress, touching or between percussions */
    switch (m->session.actions[c->action].kind) {
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
  for (int r = 0; r < m->nregion; r++)
    *pain = fmax(*pain, d->region_pain[r]);
}

/* The carotid sinus hypersensitivity criteria: a beat interval (s) of 3 s or more, or a systolic
 * fall (Pa) of 50 mmHg or more (sutton2014). */
static int carotid_criterion(double rr, double fall) {
  return rr >= 3.0 || fall >= 50.0 * KN_MMHG;
}

/* Opens or extends the carotid reflex event while a criterion holds: a beat interval of 3 s or
 * more, or a systolic fall of 50 mmHg or more. */
static void carotid_event_step(const kn_model *m, kn_data *d, double rr, double fall) {
  int on = carotid_criterion(rr, fall);
  if (!on) {
    d->carotid_open = -1;
    return;
  }
  double value = fmax(rr, 0.0);
  if (d->carotid_open < 0) {
    int action = kn_data_current_action(m, d);
    kn_event_instant(d, KN_EV_CAROTID, KN_SITE_NERVE, m->nerves[m->carotid], action, value, "s",
                     KN_EVIDENCE_HUMAN);
    d->carotid_open =
        d->nevent > 0 && d->events[d->nevent - 1].kind == KN_EV_CAROTID ? (int)d->nevent - 1 : -2;
    return;
  }
  if (d->carotid_open >= 0) {
    kn_event *e = &d->events[d->carotid_open];
    e->t_end = d->t;
    e->value = fmax(e->value, value);
  }
}

/* Pressure on the carotid sinus now (Pa), 0 if the session does not reach it. */
static double carotid_pressure(const kn_model *m, const kn_data *d) {
  return m->carotid >= 0 ? d->nerve_p[m->carotid] : 0.0;
}

void kn_systemic_step(const kn_model *m, kn_data *d, double dt) {
  const kn_params *p = &m->par;
  const kn_subject *sub = &m->subject;
  kn_systemic *s = &d->sys;
  kn_systemic_outcome *o = &d->outcome.systemic;
  double calm, vigorous, pain;
  hands_now(m, d, &calm, &vigorous, &pain);

  /* autonomic balance: vigorous work or pain outweighs calm strokes */
  double drive = vigorous > 0.0 ? p->sys_vigorous_drive : calm * p->sys_calm_drive;
  drive = clamp(drive + p->sys_pain_drive * pain, -1.0, 1.0);
  s->autonomic = drive + (s->autonomic - drive) * exp(-dt / p->sys_autonomic_tau);

  /* hydration: insensible loss, drinks absorbed */
  for (size_t k = 0; k < (size_t)m->ndrink; k++) {
    int ai = m->drink_actions[k];
    double t0 = m->action_start[ai];
    if (d->t >= t0 && d->t - dt < t0) s->drink_pending += m->session.actions[ai].volume * 1000.0;
  }
  double absorbed = s->drink_pending * (1.0 - exp(-dt / p->sys_drink_tau));
  s->drink_pending -= absorbed;
  s->hypohydration += p->sys_insensible_loss * dt - absorbed / sub->mass;
  s->hypohydration = clamp(s->hypohydration, 0.0, 0.2);
  /* the measured temperature includes the starting dehydration; changes of it move it */
  s->core_temp = sub->core_temperature +
                 p->sys_dehydration_core * 100.0 * (s->hypohydration - sub->hypohydration);

  /* pressures: the balance, larger in hypertension (per 20 mmHg above 120) */
  double excess = fmax(0.0, sub->systolic_pressure - 120.0 * KN_MMHG) / (20.0 * KN_MMHG);
  double gain = 1.0 + (p->sys_hypertension_gain - 1.0) * fmin(excess, 2.0);
  double sbp = sub->systolic_pressure + gain * p->sys_sbp_per_balance * s->autonomic;
  double dbp = sub->diastolic_pressure + gain * p->sys_dbp_per_balance * fmax(0.0, s->autonomic);

  /* carotid sinus: the subject's own response, and a hypersensitive one for the risk */
  double cs = clamp((carotid_pressure(m, d) - p->sys_carotid_threshold) /
                        (p->sys_carotid_full - p->sys_carotid_threshold),
                    0.0, 1.0);
  s->carotid = cs + (s->carotid - cs) * exp(-dt / p->sys_carotid_tau);
  double rr_own = hypersensitive(m) ? p->sys_carotid_rr_hyper : p->sys_carotid_rr_normal;
  double fall_own = hypersensitive(m) ? p->sys_carotid_sbp_hyper : p->sys_carotid_sbp_normal;
  sbp -= fall_own * s->carotid;
  dbp -= 0.5 * fall_own * s->carotid;

  /* heart rate: baseline, balance, baroreflex (R-R interval per mmHg, resetting slowly) */
  double brs = 1e-3 * exp(p->sys_baroreflex_intercept - p->sys_baroreflex_slope * sub->age) /
               KN_MMHG; /* s/Pa */
  s->sbp_reference += (sbp - s->sbp_reference) * (1.0 - exp(-dt / p->sys_baroreflex_reset));
  double hr = baseline_hr(m, s) + p->sys_hr_per_balance * s->autonomic;
  double rr = 1.0 / fmax(hr, 0.3) + brs * (sbp - s->sbp_reference) + rr_own * s->carotid;
  carotid_event_step(m, d, rr, fall_own * s->carotid);
  s->heart_rate = 1.0 / rr;
  s->systolic = sbp;
  s->diastolic = fmin(dbp, sbp - 10.0 * KN_MMHG);

  /* cortisol: secretion against clearance; pain and strain raise secretion; the field2005
   * hypothesis stops it during calm strokes */
  double secretion = 1.0 + p->sys_cortisol_pain * fmax(0.0, s->autonomic);
  if (m->session.hypothesis_cortisol == KN_HYP_FIELD && calm > 0.0 && vigorous == 0.0)
    secretion = 0.0;
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
  double rr_hyper = 1.0 / fmax(hr, 0.3) + p->sys_carotid_rr_hyper * s->carotid;
  double fall_hyper = p->sys_carotid_sbp_hyper * s->carotid;
  if (carotid_criterion(rr_hyper, fall_hyper)) d->carotid_hyper_event = 1;
  if (d->t <= m->plan_end + 1e-9) {
    o->heart_rate_end = s->heart_rate;
    o->systolic_end = s->systolic;
    o->diastolic_end = s->diastolic;
    o->cortisol_change = s->cortisol - 1.0;
    o->hypohydration_end = s->hypohydration;
    if (d->t >= m->plan_end - 60.0) { /* the last minute's means */
      s->sbp_sum += s->systolic * dt;
      s->dbp_sum += s->diastolic * dt;
      s->last_minute += dt;
    }
  }
}

/* The subject gets up at the end: the initial and sustained falls of pressure, and dizziness. */
static void standing_up(const kn_model *m, kn_data *d) {
  const kn_params *p = &m->par;
  const kn_subject *sub = &m->subject;
  kn_systemic *s = &d->sys;
  kn_systemic_outcome *o = &d->outcome.systemic;
  double fever = fmax(0.0, s->core_temp - (37.0 + KN_ZERO_CELSIUS));
  double dehydrated = clamp(s->hypohydration / 0.02, 0.0, 2.0);
  double initial = p->sys_stand_fall + p->sys_stand_relaxed * fmax(0.0, -s->autonomic) +
                   p->sys_stand_age * fmax(0.0, sub->age - 40.0);
  double sustained = p->sys_stand_dehydrated * dehydrated +
                     (sub->bp_medication ? p->sys_stand_medication : 0.0) +
                     p->sys_stand_fever * fever;
  initial += sustained;
  o->stand_systolic_fall = initial;
  o->stand_diastolic_fall = 0.5 * sustained;
  double p_initial = normal_cdf((initial - p->sys_ioh_fall) / p->sys_stand_sd);
  double p_sustained = normal_cdf((sustained - p->sys_oh_fall) / p->sys_stand_sd);
  o->dizziness_probability = 1.0 - (1.0 - p_initial) * (1.0 - p_sustained);
  o->dizziness = o->dizziness_probability > 0.5;
}

/* Symptom load of the ill subject (A6): an expert-opinion score, not measured physiology. Fever,
 * acute illness and dehydration each add; the massage's work adds only when ill. */
static double symptom_load(const kn_model *m, const kn_data *d) {
  const kn_subject *sub = &m->subject;
  double fever = fmax(0.0, d->sys.core_temp - (37.5 + KN_ZERO_CELSIUS));
  double ill = sub->acute_illness || fever > 0.5;
  double x = fever / 1.5 + 0.5 * sub->acute_illness + d->sys.hypohydration / 0.03 +
             (ill ? fmin(1.0, d->soreness_load / (10.0 * KN_MIN)) : 0.0);
  return 10.0 * (1.0 - exp(-x));
}

void kn_systemic_finish(const kn_model *m, kn_data *d) {
  const kn_params *p = &m->par;
  kn_systemic *s = &d->sys;
  kn_systemic_outcome *o = &d->outcome.systemic;
  if (s->last_minute > 0.0) {
    o->systolic_change = s->sbp_sum / s->last_minute - o->systolic_start;
    o->diastolic_change = s->dbp_sum / s->last_minute - o->diastolic_start;
  }
  int own = carotid_criterion(o->longest_beat_interval, o->carotid_systolic_fall);
  o->carotid_event = own;
  /* known sensitivity: the subject's own response; unknown: the prevalence by age times whether a
   * hypersensitive sinus would have responded */
  double prevalence = m->subject.age >= 50.0 ? p->sys_csh_prevalence : 0.0;
  o->carotid_event_probability = own || m->subject.carotid_sinus_hypersensitivity >= 0
                                     ? own
                                     : prevalence * d->carotid_hyper_event;
  standing_up(m, d);
  if (o->dizziness)
    kn_event_instant(d, KN_EV_ORTHOSTATIC, KN_SITE_BODY, -1, -1, o->stand_systolic_fall / KN_MMHG,
                     "mmHg", o->evidence_orthostatic);
  o->symptom_load = symptom_load(m, d);
}
