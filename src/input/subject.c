/* knead — the subject file: who is massaged.
 *
 *   subject:
 *     name: "Anna"               free text, at most 63 bytes
 *     sex: female                female | male | unspecified
 *     age: 45                    years (bare number = years), 18..110
 *     height: 168 cm             1.2..2.3 m
 *     mass: 62 kg                30..250 kg
 *     body_fat: 28 %             fraction 0.03..0.60 (bare number = fraction)
 *     pain_threshold_scale: 1.0  0.2..5
 *
 * Every field is optional; the defaults are kn_subject_default's. */
#include "knead/spec.h"

#include <stdlib.h>
#include <string.h>

#include "input/input_internal.h"

/* In the order the documentation lists them; sex_values maps each to its kn_sex. */
static const char *const sex_names[] = {"female", "male", "unspecified", NULL};
static const kn_sex sex_values[] = {KN_SEX_FEMALE, KN_SEX_MALE, KN_SEX_UNSPECIFIED};

static double default_body_fat(kn_sex sex) {
  switch (sex) {
  case KN_SEX_FEMALE:
    return 0.30;
  case KN_SEX_MALE:
    return 0.20;
  case KN_SEX_UNSPECIFIED:
    break;
  }
  return 0.25;
}

void kn_subject_default(kn_subject *s) {
  memset(s, 0, sizeof *s);
  s->sex = KN_SEX_UNSPECIFIED;
  s->age = 40.0;
  s->height = 1.70;
  s->mass = 70.0;
  s->body_fat = default_body_fat(s->sex);
  s->pain_threshold_scale = 1.0;
  /* normal serum values (reference intervals' middles) */
  s->serum_sodium = 140.0;
  s->serum_potassium = 4.2;
  s->serum_magnesium = 0.85;
  s->serum_calcium = 2.4;
}

static const kn_qspec q_age = {"year", "year", "45 years", "years", 1.0, 18.0, 110.0, 0};
static const kn_qspec q_height = {"m", NULL, "168 cm", "m", 1.0, 1.2, 2.3, 0};
static const kn_qspec q_mass = {"kg", NULL, "62 kg", "kg", 1.0, 30.0, 250.0, 0};
static const kn_qspec q_body_fat = {"1", "1", "28 %", "%", 0.01, 0.03, 0.60, 0};
static const kn_qspec q_pain = {"1", "1", "1.0", "", 1.0, 0.2, 5.0, 0};

static const char *const subject_keys[] = {
    "name", "sex", "age", "height", "mass", "body_fat", "pain_threshold_scale", NULL};

/* Reads the "subject" mapping (m may be a null value: all defaults). */
static int read_subject(kn_in *in, const kn_ynode *m, kn_subject *s) {
  const char *path = "subject";
  kn_subject_default(s);
  if (kn_in_is_null(in, m)) return 0;
  int rc = kn_in_expect_map(in, m, path);
  const kn_names keys = {subject_keys, NULL, 0};
  if (rc == 0) rc = kn_in_check_keys(in, m, path, &keys);
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
  if (kn_in_field(in, m, path, "mass", &f) && (rc = kn_in_quantity(in, &f, &q_mass, &s->mass)))
    return rc;
  if (kn_in_field(in, m, path, "body_fat", &f)) {
    if ((rc = kn_in_quantity(in, &f, &q_body_fat, &s->body_fat))) return rc;
  } else {
    s->body_fat = default_body_fat(s->sex); /* the default depends on sex, read above */
  }
  if (kn_in_field(in, m, path, "pain_threshold_scale", &f) &&
      (rc = kn_in_quantity(in, &f, &q_pain, &s->pain_threshold_scale)))
    return rc;
  return 0;
}

/* Reads the top level: a mapping whose only key is "subject". */
static int read_top(kn_in *in, kn_subject *s) {
  const kn_ynode *body = NULL;
  int rc = kn_in_top(in, "subject", "session", &body);
  return rc ? rc : read_subject(in, body, s);
}

int kn_subject_parse(const char *text, size_t len, const char *name, kn_subject *out,
                     kn_diag *diag) {
  kn_diag local;
  kn_in in;
  kn_in_init(&in, name, diag ? diag : &local);
  if (out == NULL || (text == NULL && len > 0))
    return kn_in_fail(&in, NULL, "", KN_EINVAL, "invalid argument");
  kn_subject s;
  int rc = kn_in_parse(&in, text ? text : "", len, kn_in_is_json_name(name));
  if (rc == 0) rc = read_top(&in, &s);
  kn_in_done(&in);
  if (rc == 0) *out = s;
  return rc;
}

int kn_subject_load(const char *path, kn_subject *out, kn_diag *diag) {
  kn_diag local;
  kn_in in;
  kn_in_init(&in, path, diag ? diag : &local);
  if (path == NULL || out == NULL) return kn_in_fail(&in, NULL, "", KN_EINVAL, "invalid argument");
  char *text = NULL;
  size_t len = 0;
  int rc = kn_in_read_file(&in, path, &text, &len);
  kn_in_done(&in);
  if (rc) return rc;
  rc = kn_subject_parse(text, len, path, out, diag);
  free(text);
  return rc;
}
