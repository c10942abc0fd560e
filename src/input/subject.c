/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the subject file: who is massaged.
 *
 *   subject:
 *     name: "Anna"               free text, at most 63 bytes
 *     sex: female                female | male | unspecified
 *     age: 45                    years (bare number = years), 18..110
 *     height: 168 cm             1.2..2.3 m
 *     mass: 62 kg                30..250 kg
 *     body_fat: 28 %             fraction 0.03..0.60 (bare number = fraction)
 *     cramps_per_month: 8        0..100 per month (bare number = per month; "2 /week")
 *     hypohydration: 3 %         body mass lost to dehydration, fraction 0..0.10
 *     serum_sodium: 140 mmol/L   and serum_potassium, serum_magnesium, serum_calcium
 *                                (bare number = mmol/L; ranges in q_serum below)
 *     exertion: hard             none | light | moderate | hard | exhausting, or 0..1
 *     inactive_weeks: 6          0..520 weeks (bare number = weeks)
 *     posture_hours: 8 h         0..72 h (bare number = hours)
 *     atherosclerosis: false     true | false
 *     chronic_illness: false     true | false
 *     cramp_training: false      true | false (a course of repeated induced cramps)
 *     pain_threshold_scale: 1.0  0.2..5
 *     temperature: 38.2 degC     core temperature, 35..42 degC; fever from 38 degC
 *     acute_illness: false       true | false (a cold, flu)
 *     systolic_pressure: 120 mmHg   80..220 mmHg, and diastolic_pressure 40..130 mmHg
 *     hypertension: false        true | false; default: pressures >= 140/90 mmHg
 *     carotid_sinus_hypersensitivity: unknown   true | false | unknown
 *     bp_medication: false       true | false (medication that lowers blood pressure)
 *     anticoagulant: false       true | false (an anticoagulant: bruises more easily)
 *     heart_rate: 70 /min        35..130 /min (bare number = per minute)
 *     spasticity: 2              modified Ashworth grade 0..4 (1+ written 1.5), bare number
 *     muscle_temperature: 30 degC   of the massaged limbs' muscles at the start, 20..40 degC
 *
 * Every field is optional; the defaults are kn_subject_default's. */
#include "knead/spec.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "core/units.h"

#include "input/input.h"

/* In the order the documentation lists them; sex_values maps each to its kn_sex. */
static const char *const sex_names[] = {"female", "male", "unspecified", NULL};
static const kn_sex sex_values[] = {KN_SEX_FEMALE, KN_SEX_MALE, KN_SEX_UNSPECIFIED};

/* The body fat of a subject whose file gives none: by sex (rows subj_body_fat*). */
static double default_body_fat(kn_sex sex) {
  kn_params par;
  kn_params_default(&par);
  switch (sex) {
  case KN_SEX_FEMALE:
    return par.subj_body_fat_female;
  case KN_SEX_MALE:
    return par.subj_body_fat_male;
  case KN_SEX_UNSPECIFIED:
    break;
  }
  return par.subj_body_fat;
}

/* The default subject's values are the subj_* rows of the parameter table (src/core/params.h). */
void kn_subject_default(kn_subject *s) {
  kn_params par;
  kn_params_default(&par);
  memset(s, 0, sizeof *s);
  s->sex = KN_SEX_UNSPECIFIED;
  s->age = par.subj_age;
  s->height = par.subj_height;
  s->mass = par.subj_mass;
  s->body_fat = default_body_fat(s->sex);
  s->pain_threshold_scale = 1.0;
  s->serum_sodium = par.subj_sodium;
  s->serum_potassium = par.subj_potassium;
  s->serum_magnesium = par.subj_magnesium;
  s->serum_calcium = par.subj_calcium;
  s->core_temperature = par.subj_core_temp + KN_ZERO_CELSIUS;
  s->systolic_pressure = par.subj_systolic;
  s->diastolic_pressure = par.subj_diastolic;
  s->carotid_sinus_hypersensitivity = -1;
  s->heart_rate = par.subj_heart_rate;
  s->muscle_temperature = par.circ_muscle_temp_rest + KN_ZERO_CELSIUS;
}

static const kn_qspec q_age = {"year", "year", "45 years", "years", 1.0, 18.0, 110.0, 0};
static const kn_qspec q_height = {"m", NULL, "168 cm", "m", 1.0, 1.2, 2.3, 0};
static const kn_qspec q_mass = {"kg", NULL, "62 kg", "kg", 1.0, 30.0, 250.0, 0};
/* Body mass index, kg/m^2, of the height and mass together: each alone in range still allows
 * 120 cm with 250 kg (174 kg/m^2) or 230 cm with 30 kg (5.7). The ends are the extremes recorded
 * in living adults: survival below 10 kg/m^2 with care in the 1992-93 Somali famine [collins1995],
 * and 148.6 kg/m^2 the highest among 1.3 million bariatric patients [mbsaqip2023]. */
#define BMI_MIN 9.0
#define BMI_MAX 150.0
static const kn_qspec q_body_fat = {"1", "1", "28 %", "%", 0.01, 0.03, 0.60, 0};
static const kn_qspec q_pain = {"1", "1", "1.0", "", 1.0, 0.2, 5.0, 0};
static const kn_qspec q_cramps = {"1/month", "1/month", "8 /month", "per month",
                                  1.0,       0.0,       100.0,      0};
static const kn_qspec q_hypohydration = {"1", "1", "3 %", "%", 0.01, 0.0, 0.10, 0};
static const kn_qspec q_exertion = {"1", "1", "0.5", "", 1.0, 0.0, 1.0, 0};
static const kn_qspec q_inactive = {"week", "week", "6 weeks", "weeks", 1.0, 0.0, 520.0, 0};
static const kn_qspec q_core_temperature = {"degC", NULL, "38.2 degC", "degC", 1.0, 35.0, 42.0, 0};
static const kn_qspec q_systolic = {"Pa",    "mmHg",       "120 mmHg",    "mmHg",
                                    KN_MMHG, 80 * KN_MMHG, 220 * KN_MMHG, 0};
static const kn_qspec q_diastolic = {"Pa",    "mmHg",       "80 mmHg",     "mmHg",
                                     KN_MMHG, 40 * KN_MMHG, 130 * KN_MMHG, 0};
static const kn_qspec q_heart_rate = {"1/s",      "1/min",     "70 /min",    "/min",
                                      1.0 / 60.0, 35.0 / 60.0, 130.0 / 60.0, 0};
/* Modified Ashworth scale: 0, 1, 1+ (written 1.5), 2, 3, 4 (bohannon_smith1987). */
static const kn_qspec q_spasticity = {"1", "1", "2", "", 1.0, 0.0, 4.0, 0};
/* Muscle temperature of a limb: a plausibility range for the input (it catches kelvin and degF),
 * not a physiological limit; the model's Q10 scalings were measured over a narrower span. */
static const kn_qspec q_muscle_temperature = {"degC", NULL, "30 degC", "degC", 1.0, 20.0, 40.0, 0};
static const kn_qspec q_posture_hours = {"s", "h", "8 h", "h", KN_HOUR, 0.0, 72 * KN_HOUR, 0};

/* Serum concentrations: mol/m^3, which equals mmol/L; wide enough for severe clinical
 * disturbances, narrow enough to catch a wrong unit (mg/dL, mEq/L of a divalent ion). */
typedef struct serum_field {
  const char *key;
  size_t offset;
  kn_qspec q;
} serum_field;
static const serum_field serum_fields[] = {
    {"serum_sodium",
     offsetof(kn_subject, serum_sodium),
     {"mol/m3", "mmol/L", "140 mmol/L", "mmol/L", 1.0, 110.0, 160.0, 0}},
    {"serum_potassium",
     offsetof(kn_subject, serum_potassium),
     {"mol/m3", "mmol/L", "4.2 mmol/L", "mmol/L", 1.0, 2.0, 7.0, 0}},
    {"serum_magnesium",
     offsetof(kn_subject, serum_magnesium),
     {"mol/m3", "mmol/L", "0.85 mmol/L", "mmol/L", 1.0, 0.3, 1.5, 0}},
    {"serum_calcium",
     offsetof(kn_subject, serum_calcium),
     {"mol/m3", "mmol/L", "2.4 mmol/L", "mmol/L", 1.0, 1.5, 3.2, 0}},
};

/* Recent exertion in words, and the number each stands for. */
static const char *const exertion_names[] = {"none", "light",      "moderate",
                                             "hard", "exhausting", NULL};
static const double exertion_values[] = {0.0, 0.25, 0.5, 0.75, 1.0};

static const char *const subject_keys[] = {"name",
                                           "sex",
                                           "age",
                                           "height",
                                           "mass",
                                           "body_fat",
                                           "cramps_per_month",
                                           "hypohydration",
                                           "serum_sodium",
                                           "serum_potassium",
                                           "serum_magnesium",
                                           "serum_calcium",
                                           "exertion",
                                           "inactive_weeks",
                                           "posture_hours",
                                           "atherosclerosis",
                                           "chronic_illness",
                                           "cramp_training",
                                           "pain_threshold_scale",
                                           "temperature",
                                           "acute_illness",
                                           "systolic_pressure",
                                           "diastolic_pressure",
                                           "hypertension",
                                           "carotid_sinus_hypersensitivity",
                                           "bp_medication",
                                           "anticoagulant",
                                           "heart_rate",
                                           "spasticity",
                                           "muscle_temperature",
                                           NULL};

/* exertion: one of the words, or a number from 0 (none) to 1 (exhausting). */
static int read_exertion(kn_in *in, const kn_field *f, double *out) {
  if (f->val->kind != KN_Y_SCALAR)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected a scalar");
  const char *s = kn_in_text(in, f->val);
  char c = s[0];
  if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == ' ')
    return kn_in_quantity(in, f, &q_exertion, out);
  const kn_names names = {exertion_names, NULL, 0};
  for (size_t i = 0; exertion_names[i]; i++)
    if (strlen(exertion_names[i]) == f->val->n && strcmp(exertion_names[i], s) == 0) {
      *out = exertion_values[i];
      return 0;
    }
  char msg[256] = "expected one of: ";
  kn_in_append_list(msg, sizeof msg, &names);
  int best = kn_in_suggest(s, f->val->n, &names);
  if (best >= 0)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE,
                      "%s, or a number from 0 to 1; did you mean \"%s\"?", msg,
                      exertion_names[best]);
  return kn_in_fail(in, f->val, f->path, KN_EPARSE, "%s, or a number from 0 to 1", msg);
}

/* true | false | unknown (-1). */
static int read_tristate(kn_in *in, const kn_field *f, int *out) {
  if (f->val->kind == KN_Y_SCALAR && f->val->n == sizeof "unknown" - 1 &&
      !strcmp(kn_in_text(in, f->val), "unknown")) {
    *out = -1;
    return 0;
  }
  int rc = kn_in_bool(in, f, out);
  if (rc == KN_EPARSE)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected true, false or unknown");
  return rc;
}

/* A pressure compared at or above a threshold: the rounding of the mmHg-to-Pa conversion. */
#define PRESSURE_ROUNDING 1e-6
/* The smallest pulse pressure a subject file may give (mmHg): a plausibility check of the input,
 * named in its message. */
#define PULSE_PRESSURE_MIN 10.0

/* The fields of the whole body: temperature, illness, blood pressure, heart rate. */
static int read_whole_body(kn_in *in, const kn_ynode *m, const char *path, kn_subject *s) {
  kn_params par;
  kn_params_default(&par);
  kn_field f;
  int rc = 0;
  if (kn_in_field(in, m, path, "temperature", &f)) {
    double celsius = 0.0;
    if ((rc = kn_in_quantity(in, &f, &q_core_temperature, &celsius))) return rc;
    s->core_temperature = celsius + KN_ZERO_CELSIUS;
  }
  if (kn_in_field(in, m, path, "acute_illness", &f) && (rc = kn_in_bool(in, &f, &s->acute_illness)))
    return rc;
  int given_sys = kn_in_field(in, m, path, "systolic_pressure", &f);
  if (given_sys && (rc = kn_in_quantity(in, &f, &q_systolic, &s->systolic_pressure))) return rc;
  int given_dia = kn_in_field(in, m, path, "diastolic_pressure", &f);
  if (given_dia && (rc = kn_in_quantity(in, &f, &q_diastolic, &s->diastolic_pressure))) return rc;
  if (kn_in_field(in, m, path, "hypertension", &f)) {
    if ((rc = kn_in_bool(in, &f, &s->hypertension))) return rc;
    /* a hypertensive subject without measured pressures: a typical treated-and-untreated mix
     * (stage 1, ACC/AHA 2017) */
    if (s->hypertension && !given_sys) s->systolic_pressure = par.subj_hypertensive_systolic;
    if (s->hypertension && !given_dia) s->diastolic_pressure = par.subj_hypertensive_diastolic;
  } else {
    s->hypertension = s->systolic_pressure >= par.subj_hypertension_systolic - PRESSURE_ROUNDING ||
                      s->diastolic_pressure >= par.subj_hypertension_diastolic - PRESSURE_ROUNDING;
  }
  if (s->diastolic_pressure >= s->systolic_pressure - PULSE_PRESSURE_MIN * KN_MMHG) {
    if (!kn_in_field(in, m, path, given_dia ? "diastolic_pressure" : "systolic_pressure", &f))
      kn_in_field(in, m, path, "hypertension", &f);
    return kn_in_fail(in, f.val, f.path, KN_ERANGE,
                      "diastolic pressure must be at least 10 mmHg below the systolic");
  }
  if (kn_in_field(in, m, path, "carotid_sinus_hypersensitivity", &f) &&
      (rc = read_tristate(in, &f, &s->carotid_sinus_hypersensitivity)))
    return rc;
  if (kn_in_field(in, m, path, "bp_medication", &f) && (rc = kn_in_bool(in, &f, &s->bp_medication)))
    return rc;
  if (kn_in_field(in, m, path, "anticoagulant", &f) && (rc = kn_in_bool(in, &f, &s->anticoagulant)))
    return rc;
  if (kn_in_field(in, m, path, "heart_rate", &f) &&
      (rc = kn_in_quantity(in, &f, &q_heart_rate, &s->heart_rate)))
    return rc;
  return 0;
}

/* Reads the "subject" mapping (m may be a null value: all defaults). */
static int read_subject(kn_in *in, const kn_ynode *m, kn_subject *s) {
  const char *path = "subject";
  kn_subject_default(s);
  if (kn_in_is_null(in, m)) return 0;
  int rc = kn_in_map_of(in, m, path, subject_keys);
  if (rc) return rc;

  kn_field f;
  if (kn_in_field(in, m, path, "name", &f) &&
      (rc = kn_in_text_field(in, &f, s->name, sizeof s->name)))
    return rc;
  if (kn_in_field(in, m, path, "sex", &f)) {
    const kn_names names = {sex_names, NULL, 0};
    int v = 0;
    if ((rc = kn_in_enum(in, &f, &names, &v))) return rc;
    s->sex = sex_values[v];
  }
  if (kn_in_field(in, m, path, "age", &f) && (rc = kn_in_quantity(in, &f, &q_age, &s->age)))
    return rc;
  if (kn_in_field(in, m, path, "height", &f) &&
      (rc = kn_in_quantity(in, &f, &q_height, &s->height)))
    return rc;
  kn_field hf, mf;
  int has_height = kn_in_field(in, m, path, "height", &hf);
  if (kn_in_field(in, m, path, "mass", &mf) && (rc = kn_in_quantity(in, &mf, &q_mass, &s->mass)))
    return rc;
  double bmi = s->mass / (s->height * s->height);
  if (bmi < BMI_MIN || bmi > BMI_MAX) {
    const kn_field *at = mf.key ? &mf : has_height ? &hf : NULL;
    return kn_in_fail(in, at ? at->val : m, at ? at->path : path, KN_ERANGE,
                      "%.4g kg at %.4g cm is a body mass index of %.3g kg/m^2, outside the human "
                      "range %g .. %g kg/m^2 (docs/input.md)",
                      s->mass, 100.0 * s->height, bmi, BMI_MIN, BMI_MAX);
  }
  if (kn_in_field(in, m, path, "body_fat", &f)) {
    if ((rc = kn_in_quantity(in, &f, &q_body_fat, &s->body_fat))) return rc;
  } else {
    s->body_fat = default_body_fat(s->sex); /* the default depends on sex, read above */
  }
  if (kn_in_field(in, m, path, "cramps_per_month", &f) &&
      (rc = kn_in_quantity(in, &f, &q_cramps, &s->cramps_per_month)))
    return rc;
  if (kn_in_field(in, m, path, "hypohydration", &f) &&
      (rc = kn_in_quantity(in, &f, &q_hypohydration, &s->hypohydration)))
    return rc;
  for (size_t i = 0; i < sizeof serum_fields / sizeof serum_fields[0]; i++) {
    const serum_field *sf = &serum_fields[i];
    if (kn_in_field(in, m, path, sf->key, &f) &&
        (rc = kn_in_quantity(in, &f, &sf->q, (double *)((char *)s + sf->offset))))
      return rc;
  }
  if (kn_in_field(in, m, path, "exertion", &f) && (rc = read_exertion(in, &f, &s->exertion)))
    return rc;
  if (kn_in_field(in, m, path, "inactive_weeks", &f) &&
      (rc = kn_in_quantity(in, &f, &q_inactive, &s->inactive_weeks)))
    return rc;
  if (kn_in_field(in, m, path, "posture_hours", &f) &&
      (rc = kn_in_quantity(in, &f, &q_posture_hours, &s->posture_hours)))
    return rc;
  if (kn_in_field(in, m, path, "atherosclerosis", &f) &&
      (rc = kn_in_bool(in, &f, &s->atherosclerosis)))
    return rc;
  if (kn_in_field(in, m, path, "chronic_illness", &f) &&
      (rc = kn_in_bool(in, &f, &s->chronic_illness)))
    return rc;
  if (kn_in_field(in, m, path, "cramp_training", &f) &&
      (rc = kn_in_bool(in, &f, &s->cramp_training)))
    return rc;
  if (kn_in_field(in, m, path, "spasticity", &f) &&
      (rc = kn_in_quantity(in, &f, &q_spasticity, &s->spasticity)))
    return rc;
  if (kn_in_field(in, m, path, "muscle_temperature", &f)) {
    double celsius = 0.0;
    if ((rc = kn_in_quantity(in, &f, &q_muscle_temperature, &celsius))) return rc;
    s->muscle_temperature = celsius + KN_ZERO_CELSIUS;
  }
  if (kn_in_field(in, m, path, "pain_threshold_scale", &f) &&
      (rc = kn_in_quantity(in, &f, &q_pain, &s->pain_threshold_scale)))
    return rc;
  return read_whole_body(in, m, path, s);
}

/* Reads the top level, a mapping whose only key is "subject", into out (a kn_subject). */
static int read_top(kn_in *in, void *out) {
  const kn_ynode *body = NULL;
  int rc = kn_in_top(in, "subject", "session", &body);
  return rc ? rc : read_subject(in, body, out);
}

int kn_subject_parse(const char *text, size_t len, const char *name, kn_subject *out,
                     kn_diag *diag) {
  kn_subject s; /* *out changes only on success */
  int rc = kn_in_read_doc(text, len, name, diag, read_top, out ? &s : NULL);
  if (rc == 0) *out = s;
  return rc;
}

int kn_subject_load(const char *path, kn_subject *out, kn_diag *diag) {
  kn_subject s;
  int rc = kn_in_load_doc(path, diag, read_top, out ? &s : NULL);
  if (rc == 0) *out = s;
  return rc;
}
