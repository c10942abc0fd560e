/* SPDX-License-Identifier: Apache-2.0 */
/* Property test: random valid sessions on random valid subjects keep every output finite and in
 * range (no NaN, no negative dose, probabilities in [0, 1]). Seeded, so a failure reproduces. */
#include "test_common.h"

#include <stdio.h>
#include <string.h>

#include "core/rng.h"
#include "knead/knead.h"

static double uniform(kn_rng *r, double lo, double hi) {
  return lo + (hi - lo) * kn_rng_uniform(r);
}

static void random_subject(kn_rng *r, kn_subject *s) {
  kn_subject_default(s);
  s->body_fat = uniform(r, 0.05, 0.55);
  s->pain_threshold_scale = uniform(r, 0.3, 3.0);
  s->cramps_per_month = uniform(r, 0.0, 12.0);
  s->hypohydration = uniform(r, 0.0, 0.05);
  s->exertion = uniform(r, 0.0, 1.0);
  /* the whole body over the ranges the subject file accepts */
  s->age = uniform(r, 18.0, 110.0);
  s->core_temperature = 273.15 + uniform(r, 35.0, 42.0);
  s->acute_illness = kn_rng_uniform(r) < 0.3;
  s->systolic_pressure = 133.322 * uniform(r, 90.0, 220.0);
  s->diastolic_pressure = fmin(133.322 * uniform(r, 40.0, 130.0), s->systolic_pressure - 1400.0);
  s->hypertension = s->systolic_pressure > 140.0 * 133.322;
  s->carotid_sinus_hypersensitivity = (int)(kn_rng_next(r) % 3) - 1;
  s->bp_medication = kn_rng_uniform(r) < 0.3;
  s->heart_rate = uniform(r, 35.0, 130.0) / 60.0;
  s->atherosclerosis = kn_rng_uniform(r) < 0.3;
  s->serum_potassium = uniform(r, 2.0, 7.0);
}

/* One random action of any kind that the model accepts. */
static void random_action(kn_rng *r, kn_action *a) {
  kn_action_kind kinds[] = {KN_ACT_EFFLEURAGE,  KN_ACT_PETRISSAGE, KN_ACT_FRICTION,
                            KN_ACT_COMPRESSION, KN_ACT_TAPOTEMENT, KN_ACT_DEEP_STROKE,
                            KN_ACT_REST,        KN_ACT_STRETCH,    KN_ACT_VOLUNTARY,
                            KN_ACT_STIMULATION, KN_ACT_HEAT,       KN_ACT_DRINK};
  kn_action_kind k = kinds[kn_rng_next(r) % (sizeof kinds / sizeof kinds[0])];
  kn_action_init(a, k);
  a->duration = uniform(r, 0.5, 8.0);
  int muscle = (int)(kn_rng_next(r) % kn_atlas_muscle_count());
  if (kn_action_is_stroke(k)) {
    a->muscle = kn_rng_uniform(r) < 0.5 ? muscle : -1;
    a->region = a->muscle >= 0 ? kn_atlas_muscle((size_t)muscle)->region
                               : (int)(kn_rng_next(r) % kn_atlas_region_count());
    a->force = uniform(r, 0.0, 150.0);
    a->repetitions = 1 + (int)(kn_rng_next(r) % 3);
    a->rest_between = uniform(r, 0.0, 2.0);
    return;
  }
  a->muscle = muscle;
  a->region = kn_atlas_muscle((size_t)muscle)->region;
  a->angle = uniform(r, 0.05, 1.5);
  a->level = uniform(r, 0.05, 1.0);
  a->frequency = uniform(r, 2.0, 60.0);
  a->fraction = uniform(r, 0.0, 1.0);
  a->heat = (kn_heat_method)(kn_rng_next(r) % 4);
  a->temperature = 273.15 + uniform(r, 30.0, 50.0);
  a->fluid = (kn_fluid)(kn_rng_next(r) % 2);
  a->volume = uniform(r, 1e-4, 1e-3);
  if (k == KN_ACT_DRINK) a->duration = 0.0;
  if (k == KN_ACT_REST) a->muscle = a->region = -1;
}

/* trial: which run, for the message (e.g. "trial 3", "nm_tap_gain = 2e-06") */
static void check_finite(double x, double lo, double hi, const char *what, const char *trial) {
  if (!isfinite(x) || x < lo || x > hi)
    fail_msg("%s: %s = %g outside [%g, %g]", trial, what, x, lo, hi);
}

/* Every output of a run is finite and in its range. With loose != 0 (parameters far from their
 * defaults) only the bounds that hold by definition are kept: probabilities and ratios in [0, 1],
 * doses, flows and concentrations not negative. */
static void check_outcome(const kn_model *m, kn_data *d, const char *trial, int loose) {
#define HI(x) (loose ? INFINITY : (x))
#define LO(x) (loose ? -INFINITY : (x))
  const kn_outcome *o = kn_data_outcome(m, d);
  for (size_t i = 0; i < o->nregion; i++) {
    check_finite(o->regions[i].p_peak, 0, HI(1e9), "p_peak", trial);
    check_finite(o->regions[i].pain_peak, 0, 1, "pain_peak", trial);
    check_finite(o->regions[i].bruise_index, 0, HI(1e6), "bruise_index", trial);
    check_finite(o->regions[i].deep_shear_peak, 0, HI(1e9), "deep_shear_peak", trial);
  }
  for (size_t i = 0; i < o->nnerve; i++) {
    check_finite(o->nerves[i].perfusion_min, 0, 1, "perfusion_min", trial);
    check_finite(o->nerves[i].conduction_min, 0, 1, "conduction_min", trial);
    check_finite(o->nerves[i].injury_dose, 0, HI(1e9), "injury_dose", trial);
    check_finite(o->nerves[i].transport_dose, 0, HI(1e9), "transport_dose", trial);
  }
  for (size_t i = 0; i < o->nmuscle; i++)
    check_finite(o->muscles[i].damage, 0, HI(1e9), "damage", trial);
  for (size_t i = 0; i < o->nnm; i++) {
    check_finite(o->nm[i].hreflex_ratio, 0, 1, "hreflex_ratio", trial);
    check_finite(o->nm[i].force_peak, 0, HI(1e5), "force_peak", trial);
  }
  for (size_t i = 0; i < o->nspasm; i++) {
    check_finite(o->spasms[i].t_end - o->spasms[i].t_start, 0, HI(1e6), "spasm duration", trial);
    check_finite(o->spasms[i].peak_force, 0, HI(1e5), "spasm peak", trial);
  }
  check_finite(o->soreness_probability, 0, 1, "soreness", trial);
  for (size_t i = 0; i < o->ncirc; i++) {
    const kn_circ_outcome *c = &o->circ[i];
    check_finite(c->skin_flow_min, 0, HI(1e3), "skin_flow_min", trial);
    check_finite(c->skin_flow_peak, c->skin_flow_min, HI(1e3), "skin_flow_peak", trial);
    check_finite(c->muscle_flow_min, 0, HI(1e3), "muscle_flow_min", trial);
    check_finite(c->muscle_flow_peak, c->muscle_flow_min, HI(1e3), "muscle_flow_peak", trial);
    check_finite(c->skin_temperature_peak, LO(273.15 + 20), HI(273.15 + 50), "skin temp", trial);
    check_finite(c->muscle_temperature_peak, LO(273.15 + 30), HI(273.15 + 45), "muscle temp",
                 trial);
    check_finite(c->potassium_peak, LO(2.0), HI(20.0), "potassium", trial);
    check_finite(c->lactate_peak, 0.0, HI(40.0), "lactate", trial);
    check_finite(c->artery_flow_change, -1.0, HI(100.0), "artery flow", trial);
  }
  const kn_systemic_outcome *sy = &o->systemic;
  check_finite(sy->heart_rate_min, LO(0.1), HI(4.0), "heart rate min", trial);
  check_finite(sy->heart_rate_max, sy->heart_rate_min, HI(4.0), "heart rate max", trial);
  check_finite(sy->systolic_min, LO(20 * 133.3), HI(300 * 133.3), "systolic min", trial);
  check_finite(sy->diastolic_min, 0.0, HI(sy->systolic_min), "diastolic min", trial);
  check_finite(sy->cortisol_change, -1.0, HI(10.0), "cortisol", trial);
  check_finite(sy->longest_beat_interval, LO(0.2), HI(20.0), "beat interval", trial);
  check_finite(sy->dizziness_probability, 0, 1, "dizziness", trial);
  check_finite(sy->carotid_event_probability, 0, 1, "carotid risk", trial);
  check_finite(sy->symptom_load, 0, 10, "symptom load", trial);
  check_finite(sy->hypohydration_end, 0, HI(0.2), "hypohydration", trial);
  const double *v = kn_series_values(d);
  size_t cells = kn_series_nrow(d) * kn_series_ncol(m);
  for (size_t c = 0; c < cells; c++)
    if (!isfinite(v[c])) fail_msg("%s: time series value %zu is %g", trial, c, v[c]);
#undef HI
#undef LO
}

static void random_sessions_stay_physical(void **state) {
  (void)state;
  kn_rng r;
  kn_rng_seed(&r, 20261125);
  for (int trial = 0; trial < 24; trial++) {
    kn_action acts[6];
    size_t n = 1 + kn_rng_next(&r) % 6;
    int strokes = 0;
    for (size_t i = 0; i < n; i++) {
      random_action(&r, &acts[i]);
      strokes += kn_action_is_stroke(acts[i].kind);
    }
    if (!strokes) { /* a session needs something that touches the body */
      kn_action_init(&acts[0], KN_ACT_COMPRESSION);
      acts[0].region = kn_atlas_find_region("calf");
      acts[0].force = 30.0;
      acts[0].duration = 2.0;
    }
    kn_session s = {.practitioner = (kn_practitioner)(kn_rng_next(&r) % 2),
                    .seed = kn_rng_next(&r),
                    .dt = 1e-3,
                    .record_interval = 0.05,
                    .naction = n,
                    .actions = acts};
    kn_subject subj;
    random_subject(&r, &subj);
    kn_model *m = NULL;
    kn_data *d = NULL;
    kn_diag diag;
    int rc = kn_model_create(&subj, &s, &m, &diag);
    if (rc) fail_msg("trial %d: model rejected: %s: %s", trial, diag.field, diag.message);
    assert_int_equal(kn_data_create(m, &d), 0);
    kn_run(m, d, NULL, NULL);
    char name[32];
    snprintf(name, sizeof name, "trial %d", trial);
    check_outcome(m, d, name, 0);
    kn_data_free(d);
    kn_model_free(m);
  }
}

/* A short plan that reaches every module: a thumb on a nerve, pressure on the front of the neck,
 * percussion on a cramp-prone calf above its cramp threshold, effort, stimulation, stretch, heat
 * and a drink. */
static const char *const every_module =
    "session:\n  recovery: 2 s\n  actions:\n"
    "    - {do: compression, landmark: posterior_triangle, contact: thumb, force: 40 N, "
    "duration: 2 s}\n"
    "    - {do: compression, region: neck_anterior, contact: fingertips, force: 20 N, "
    "duration: 1 s}\n"
    "    - {do: tapotement, muscle: gastrocnemius, contact: fingertips, force: 40 N, rate: 16 Hz, "
    "duration: 2 s}\n"
    "    - {do: voluntary_contraction, muscle: gastrocnemius, level: 80 %, duration: 1 s}\n"
    "    - {do: electrical_stimulation, muscle: soleus, frequency: 20 Hz, duration: 1 s}\n"
    "    - {do: stretch, muscle: gastrocnemius, angle: 20 deg, duration: 1 s}\n"
    "    - {do: heat, region: calf, method: moist_wrap, duration: 1 s}\n"
    "    - {do: drink, fluid: water, volume: 300 mL}\n";

/* Every parameter a session may set, at both ends of the range it may be set to
 * (kn_param_range), keeps every output finite and the bounds that hold by definition, or is refused
 * with a message when it would put a harmless pressure above a harmful one or a value past a bound
 * of its definition. */
static void parameters_at_their_limits_stay_finite(void **state) {
  (void)state;
  kn_session *sess = NULL;
  kn_diag diag;
  if (kn_session_parse(every_module, strlen(every_module), "s.yaml", &sess, &diag))
    fail_msg("%s: %s", diag.field, diag.message);
  kn_subject subj;
  kn_subject_default(&subj);
  subj.cramps_per_month = 8.0;
  subj.hypohydration = 0.03;
  subj.age = 60.0;
  for (size_t i = 0; i < kn_param_count(); i++) {
    const kn_param_info *p = kn_param(i);
    double ends[2];
    kn_param_range(p, &ends[0], &ends[1]);
    for (int e = 0; e < 2; e++) {
      sess->nparam = 1;
      sess->params[0] = (kn_param_setting){(int)i, ends[e] * p->si, 0, 0, 0};
      kn_model *m = NULL;
      kn_data *d = NULL;
      if (kn_model_create(&subj, sess, &m, &diag)) {
        /* the refusals allowed: a pressure that does no harm set above the one that does, and a
         * value past a bound of its definition (a share above 1: "must be above/below") */
        if (diag.code != KN_ERANGE ||
            !(strstr(diag.message, "must be below") || strstr(diag.message, "must be above")) ||
            !strstr(diag.message, p->name))
          fail_msg("%s = %g: model rejected: %s", p->name, ends[e], diag.message);
        continue;
      }
      assert_int_equal(kn_data_create(m, &d), 0);
      kn_run(m, d, NULL, NULL);
      char name[96];
      snprintf(name, sizeof name, "%s = %g", p->name, ends[e]);
      check_outcome(m, d, name, 1);
      kn_data_free(d);
      kn_model_free(m);
    }
  }
  kn_session_free(sess);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(random_sessions_stay_physical),
                                     cmocka_unit_test(parameters_at_their_limits_stay_finite)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
