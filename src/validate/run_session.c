/* SPDX-License-Identifier: Apache-2.0 */
/* Experiments that run whole sessions through the public API: a plan written as data, a subject
 * that differs from the default in a few fields, parameters changed through the session's
 * `parameters:`, and one reading of the outcome; or two such sessions combined. */
#include <math.h>
#include <string.h>

#include "knead/params.h"
#include "validate/validate_internal.h"

/* ---- building the session ---------------------------------------------------------------------
 */

static int find(int index, int *out) {
  *out = index;
  return index < 0 ? KN_ENOTFOUND : KN_OK;
}

int kn_plan_action(const kn_plan_row *row, kn_action *a) {
  kn_action_init(a, row->kind);
  int rc = KN_OK;
  if (row->muscle && (rc = find(kn_atlas_find_muscle(row->muscle), &a->muscle)) == KN_OK)
    a->region = kn_atlas_muscle((size_t)a->muscle)->region;
  if (!rc && row->region) rc = find(kn_atlas_find_region(row->region), &a->region);
  if (!rc && row->landmark) rc = find(kn_atlas_find_landmark(row->landmark), &a->landmark);
  if (!rc && row->contact &&
      (rc = find(kn_atlas_find_contact_type(row->contact), &a->contact)) == KN_OK &&
      !row->keep_area)
    a->area = kn_atlas_contact_type((size_t)a->contact)->area;
  if (rc) return rc;
  a->force = row->force;
  a->duration = row->duration;
  if (row->repetitions) a->repetitions = row->repetitions;
  a->rest_between = row->rest;
  a->level = row->level;
  a->angle = row->angle;
  a->velocity = row->velocity;
  a->contraction = row->contraction;
  a->frequency = row->frequency;
  a->frequency_step = row->frequency_step;
  if (row->target == KN_STIM_IA) { /* as a session file's `target: ia`: no M-wave */
    a->target = KN_STIM_IA;
    a->fraction = 0.0;
  }
  a->heat = row->heat;
  if (row->temperature > 0.0) a->temperature = row->temperature;
  a->fluid = row->fluid;
  a->volume = row->volume;
  if (row->kind == KN_ACT_POSTURE) a->joint[KN_JOINT_ANKLE] = row->ankle; /* prone */
  return KN_OK;
}

void kn_subject_of(const kn_subject_change *c, kn_subject *s) {
  kn_subject_default(s);
  if (!c) return;
  if (c->age > 0.0) s->age = c->age;
  if (c->cramps_per_month > 0.0) s->cramps_per_month = c->cramps_per_month;
  if (c->hypohydration > 0.0) s->hypohydration = c->hypohydration;
  if (c->exertion > 0.0) s->exertion = c->exertion;
  if (c->cramp_training) s->cramp_training = c->cramp_training;
  if (c->hypertension) s->hypertension = c->hypertension;
  if (c->carotid_sinus_hypersensitivity)
    s->carotid_sinus_hypersensitivity = c->carotid_sinus_hypersensitivity;
  if (c->systolic > 0.0) s->systolic_pressure = c->systolic;
  if (c->diastolic > 0.0) s->diastolic_pressure = c->diastolic;
  if (c->core_temperature > 0.0) s->core_temperature = c->core_temperature;
  if (c->spasticity > 0.0) s->spasticity = c->spasticity;
  if (c->muscle_temperature > 0.0) s->muscle_temperature = c->muscle_temperature;
}

/* The session's `parameters:`: each named parameter at its default times the factor. */
static int parameters_of(const kn_param_change *pc, kn_session *s) {
  for (; pc && pc->name; pc++) {
    int i = kn_param_find(pc->name);
    if (i < 0) return KN_ENOTFOUND;
    if (s->nparam >= KN_SESSION_PARAMS_MAX) return KN_ETOOBIG;
    s->params[s->nparam++] = (kn_param_setting){
        .index = i, .value = kn_param((size_t)i)->value * pc->factor, .unguarded = pc->unguarded};
  }
  return KN_OK;
}

/* The first action's force from its contact's area (mmHg) or its region's ISO force limit. */
static void scale_force(const kn_session_exp *e, kn_action *a) {
  if (e->force_of == KN_FORCE_MMHG) {
    a->force = e->force_scale * KN_MMHG * a->area;
  } else if (e->force_of == KN_FORCE_ISO) {
    const kn_region *region = kn_atlas_region((size_t)a->region);
    double f_limit = kn_atlas_iso_area((size_t)region->iso_area)->f_max;
    a->force = e->force_scale == 1.0 ? f_limit : e->force_scale * f_limit;
  }
}

/* ---- reading the outcome ----------------------------------------------------------------------
 */

static void look(const kn_model *m, const kn_outcome *o, kn_probe *p) {
  p->soreness = o->soreness_probability;
  p->sys = o->systemic;
  for (size_t i = 0; i < o->nregion; i++)
    if (o->regions[i].region == p->region) p->region_out = o->regions[i], p->region_found = 1;
  for (size_t i = 0; i < o->ncirc; i++)
    if (o->circ[i].region == p->region) p->circ = o->circ[i];
  for (size_t i = 0; i < o->nnerve; i++)
    if (o->nerves[i].nerve == p->nerve) p->nerve_out = o->nerves[i], p->nerve_found = 1;
  for (size_t i = 0; i < o->nnm; i++)
    if (o->nm[i].muscle == p->muscle) p->nm = o->nm[i];
  for (size_t i = 0; i < o->nspasm; i++) {
    const kn_spasm *s = &o->spasms[i];
    if (s->muscle != p->muscle) continue;
    if (s->kind == KN_SPASM_CLONIC) p->clonus_frequency = s->frequency;
    if (s->kind != KN_SPASM_CRAMP || p->ncramp++ != p->skip) continue;
    p->first = *s;
    if (p->ramp >= 0) { /* which train started it: the last one begun before the cramp */
      const kn_action *a = &kn_model_session(m)->actions[p->ramp];
      double period = a->duration + a->rest_between;
      double start = 0.0, end = 0.0;
      kn_model_action_times(m, (size_t)p->ramp, &start, &end);
      p->first_rep = (int)floor((s->t_start - start) / period);
    }
  }
}

static int site(const char *name, int (*find_site)(const char *)) {
  return name ? find_site(name) : -1;
}

int kn_session_probe(const kn_session_exp *e, int skip, kn_probe *p) {
  enum { MAX_ACTS = 48 };
  kn_action acts[MAX_ACTS];
  if (e->nplan > MAX_ACTS) return KN_ETOOBIG;
  memset(p, 0, sizeof *p);
  p->region = site(e->region, kn_atlas_find_region);
  p->nerve = site(e->nerve, kn_atlas_find_nerve);
  p->muscle = site(e->muscle, kn_atlas_find_muscle);
  p->skip = skip;
  p->ramp = -1;
  for (size_t i = 0; i < e->nplan; i++) {
    int rc = kn_plan_action(&e->plan[i], &acts[i]);
    if (rc) return rc;
    if (acts[i].kind == KN_ACT_STIMULATION) p->ramp = (int)i;
  }
  if (e->force_of != KN_FORCE_PLAN) scale_force(e, &acts[0]);
  kn_session s = {.practitioner = e->practitioner,
                  .seed = 1,
                  .dt = e->dt > 0.0 ? e->dt : 1e-3,
                  .record_interval = 1.0,
                  .naction = e->nplan,
                  .actions = acts};
  if (e->load) {
    const kn_load_change *l = e->load;
    s.loaded[l->joint] = 1;
    s.load_inertia[l->joint] = l->mass * l->distance * l->distance;
    s.load_torque[l->joint] = l->torque;
  }
  int rc = parameters_of(e->params, &s);
  if (rc) return rc;
  kn_subject subj;
  kn_subject_of(e->subject, &subj);
  kn_model *m = NULL;
  kn_data *d = NULL;
  if ((rc = kn_model_create(&subj, &s, &m, NULL)) != KN_OK) return rc;
  if ((rc = kn_data_create(m, &d)) == KN_OK && (rc = kn_run(m, d, NULL, NULL)) == KN_OK)
    look(m, kn_data_outcome(m, d), p); /* a failed step fails the case: it has no outcome */
  kn_data_free(d);
  kn_model_free(m);
  return rc;
}

#define OCCLUDED_S 30.0          /* s of occlusion KN_READ_OCCLUDED_30S asks for */
#define RECOVERY_WINDOW_MIN 10.0 /* min of the post-exercise mean (kn_circ_outcome) */
#define BRUISE_UNLIKELY_P 0.01   /* bruise probability below which a bruise counts as unlikely */

/* The reading of a region's or a nerve's outcome: KN_ENOTFOUND where the site is not in it. */
static int region_reading(const kn_probe *p, kn_reading read, double *v) {
  if (!p->region_found) return KN_ENOTFOUND;
  const kn_region_outcome *o = &p->region_out;
  switch (read) {
  case KN_READ_OCCLUDED_30S:
    *v = o->t_occluded > OCCLUDED_S;
    break;
  case KN_READ_NEVER_OCCLUDED:
    *v = o->t_occluded == 0.0;
    break;
  case KN_READ_BRUISE_UNLIKELY:
    *v = o->bruise_probability < BRUISE_UNLIKELY_P;
    break;
  default: /* KN_READ_BRUISE_LIKELY */
    *v = o->bruise == KN_BRUISE_LIKELY;
    break;
  }
  return KN_OK;
}

static int nerve_reading(const kn_probe *p, kn_reading read, double at, double *v) {
  if (!p->nerve_found) return KN_ENOTFOUND;
  const kn_nerve_outcome *o = &p->nerve_out;
  if (read == KN_READ_INJURY_GRADE)
    *v = o->grade >= KN_NERVE_INJURY;
  else if (read == KN_READ_NERVE_UNHARMED)
    *v = o->grade == KN_NERVE_NONE;
  else /* KN_READ_RECOVERY_COVERS */
    *v = o->recovery_min <= at && o->recovery_max >= at;
  return KN_OK;
}

/* The first cramp's readings: KN_EINTERNAL where the muscle did not cramp. */
static int cramp_reading(const kn_probe *p, kn_reading read, double *v) {
  if (!p->ncramp) {
    *v = NAN;
    return KN_EINTERNAL;
  }
  *v = read == KN_READ_CRAMP_RATE       ? p->first.mean_rate
       : read == KN_READ_CRAMP_RATE_MAX ? p->first.rate_max
       : read == KN_READ_CRAMP_RATE_MIN ? p->first.rate_min
                                        : p->first.t_end - p->first.t_start;
  return KN_OK;
}

static int reading(const kn_probe *p, kn_reading read, double at, double *v) {
  const kn_circ_outcome *c = &p->circ;
  switch (read) {
  case KN_READ_ARTERY_FLOW:
    *v = 100.0 * c->artery_flow_change;
    return KN_OK;
  case KN_READ_SKIN_WARMING:
    *v = c->skin_temperature_peak - c->skin_temperature_rest;
    return KN_OK;
  case KN_READ_SKIN_FLOW_MIN:
    *v = c->skin_flow_min;
    return KN_OK;
  case KN_READ_MUSCLE_WARMING:
    *v = c->muscle_temperature_peak - c->muscle_temperature_rest;
    return KN_OK;
  case KN_READ_SKIN_FLOW_RISE:
    *v = 100.0 * (c->skin_flow_peak - 1.0);
    return KN_OK;
  case KN_READ_HYPERAEMIA_RISE:
    *v = c->hyperaemia_peak - 1.0;
    return KN_OK;
  case KN_READ_OCCLUDED_30S:
  case KN_READ_NEVER_OCCLUDED:
  case KN_READ_BRUISE_UNLIKELY:
  case KN_READ_BRUISE_LIKELY:
    return region_reading(p, read, v);
  case KN_READ_SORENESS:
    *v = p->soreness;
    return KN_OK;
  case KN_READ_SYSTOLIC_CHANGE:
    *v = p->sys.systolic_change / KN_MMHG;
    return KN_OK;
  case KN_READ_DIASTOLIC_CHANGE:
    *v = p->sys.diastolic_change / KN_MMHG;
    return KN_OK;
  case KN_READ_CORTISOL_CHANGE:
    *v = 100.0 * p->sys.cortisol_change;
    return KN_OK;
  case KN_READ_HEART_RATE_START:
    *v = p->sys.heart_rate_start;
    return KN_OK;
  case KN_READ_LONGEST_BEAT:
    *v = p->sys.longest_beat_interval;
    return KN_OK;
  case KN_READ_CAROTID_FALL:
    *v = p->sys.carotid_systolic_fall / KN_MMHG;
    return KN_OK;
  case KN_READ_INJURY_GRADE:
  case KN_READ_NERVE_UNHARMED:
  case KN_READ_RECOVERY_COVERS:
    return nerve_reading(p, read, at, v);
  case KN_READ_HREFLEX:
    *v = p->nm.hreflex_ratio;
    return KN_OK;
  case KN_READ_CRAMP_RATE:
  case KN_READ_CRAMP_DURATION:
  case KN_READ_CRAMP_RATE_MAX:
  case KN_READ_CRAMP_RATE_MIN:
    return cramp_reading(p, read, v);
  case KN_READ_CRAMPED:
    *v = p->ncramp > 0;
    return KN_OK;
  case KN_READ_NOT_CRAMPED:
    *v = p->ncramp == 0;
    return KN_OK;
  case KN_READ_CRAMP_END_AFTER:
    *v = p->ncramp ? p->first.t_end - at : NAN;
    return KN_OK;
  case KN_READ_CLONUS_FREQUENCY:
    *v = p->clonus_frequency;
    return KN_OK;
  case KN_READ_NO_CLONUS:
    *v = p->clonus_frequency == 0.0;
    return KN_OK;
  case KN_READ_RECOVERY_EARLY:
    *v = c->recovery_flow_early;
    return KN_OK;
  case KN_READ_RECOVERY_MEAN:
    *v = c->recovery_flow_mean;
    return KN_OK;
  case KN_READ_RECOVERY_SHAPE:
    *v = c->recovery_flow_mean * RECOVERY_WINDOW_MIN / c->recovery_flow_early;
    return KN_OK;
  case KN_READ_OUTPUT_CHANGE:
    *v = 100.0 * (p->sys.cardiac_output_end / p->sys.cardiac_output_start - 1.0);
    return KN_OK;
  case KN_READ_STROKE_CHANGE:
    *v = 100.0 * (p->sys.stroke_volume_end / p->sys.stroke_volume_start - 1.0);
    return KN_OK;
  case KN_READ_DIASTOLIC_SHARE:
    *v = p->sys.diastolic_change / p->sys.systolic_change;
    return KN_OK;
  }
  return KN_EINVAL;
}

int kn_session_reading(const kn_session_exp *e, double *value) {
  kn_probe p;
  int rc = kn_session_probe(e, 0, &p);
  return rc ? rc : reading(&p, e->read, e->at, value);
}

int kn_run_session(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  return kn_session_reading(c->exp, &r->model);
}

int kn_run_pair(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_pair_exp *e = c->exp;
  double a = NAN, b = NAN;
  int rc = kn_session_reading(e->a, &a);
  if (!rc) rc = kn_session_reading(e->b, &b);
  r->model = e->combine(a, b);
  return rc;
}

double kn_combine_ratio(double a, double b) {
  return b / a;
}
double kn_combine_both(double a, double b) {
  return a == 1.0 && b == 1.0;
}
double kn_combine_less(double a, double b) {
  return a < b;
}
/* degC of fever in karjalainen1986's comparison: the feverish subject's 38.4 (cases_circ.c)
 * against 37 degC. */
#define FEVER_RISE_DEGC 1.4
double kn_combine_per_fever(double a, double b) {
  return (b - a) / KN_BPM / FEVER_RISE_DEGC;
}
