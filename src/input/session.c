/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the session file: what is done, as a timeline of actions.
 *
 *   session:
 *     name: "Deep tissue, neck"     free text
 *     practitioner: professional    professional | untrained_partner | rough_partner
 *     practitioner_percentile: 95   1..99: every trait at this percentile, harmful direction
 *     practitioner_seed: 3          draw the practitioner from this seed (not with the above)
 *     giver: hands                  hands | device (exactly the planned force, no practitioner)
 *     seed: 7                       RNG seed, non-negative integer
 *     time_step: 1 ms               0.1 ms .. 10 ms
 *     record_interval: 100 ms       time_step .. 60 s
 *     recovery: 60 min              0 .. 48 h (after the last action)
 *     course: {every: 7 d, sessions: 8}   or {at: [0 d, 2 d, 4 d]}: the session given 2 .. 64
 *                                   times, at least a day apart (knead/course.h)
 *     exercise: {muscle: biceps_brachii, eccentric: true, contractions: 60, level: 100 %,
 *                before: 3 h}       a bout that ended before the session (delayed-onset soreness)
 *     actions:                      1 .. 10000 of:
 *       - do: effleurage            a stroke, rest, posture, stretch, voluntary_contraction,
 *                                   electrical_stimulation, heat, drink or structure_pressure
 *         region/landmark/muscle    where (one of them; region must agree with the others)
 *         contact, force|pressure, area, speed, stroke_length, direction, rate    (strokes)
 *         posture, joints                                                          (posture)
 *         muscle, angle, velocity, contraction | level | frequency, frequency_step, fraction,
 *         target                                                (stretch, voluntary, stim.)
 *         region|muscle, method, temperature                                       (heat)
 *         fluid, volume                                                            (drink)
 *         nerve, pressure, length                                     (structure_pressure)
 *         duration, repetitions, rest_between, start, label                        (timing)
 *
 * Which fields each kind takes is the table kind_fields below.
 * docs/input.md lists every field with unit, default and range; the tables below are the source of
 * truth for them. */
#include "knead/spec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "core/units.h"
#include "input/input.h"
#include "knead/atlas.h"
#include "knead/params.h"

/* ---- names ----------------------------------------------------------------------------------- */

static const char *const kind_names[] = {"effleurage",
                                         "petrissage",
                                         "friction",
                                         "compression",
                                         "tapotement",
                                         "deep_stroke",
                                         "rest",
                                         "posture",
                                         "stretch",
                                         "voluntary_contraction",
                                         "electrical_stimulation",
                                         "heat",
                                         "drink",
                                         "structure_pressure",
                                         NULL};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == KN_ACT_COUNT + 1, "one name per kind");

static const char *const practitioner_names[] = {"professional", "untrained_partner",
                                                 "rough_partner", NULL};
_Static_assert(KN_PRACTITIONER_ROUGH_PARTNER == 2, "practitioner_names follows kn_practitioner");
static const char *const posture_names[] = {"prone",      "supine",   "seated",
                                            "side_lying", "standing", NULL};
_Static_assert(KN_POSTURE_STANDING == 4, "posture_names follows kn_posture");
static const char *const joint_names[] = {"ankle", "knee", "hip",    "elbow", "shoulder",
                                          "wrist", "neck", "lumbar", NULL};
_Static_assert(sizeof joint_names / sizeof joint_names[0] == KN_JOINT_COUNT + 1,
               "joint_names follows kn_joint");
static const char *const heat_names[] = {"hot_water", "moist_wrap", "dry_wrap", "hot_pack", NULL};
_Static_assert(KN_HEAT_HOT_PACK == 3, "heat_names follows kn_heat_method");
static const char *const fluid_names[] = {"water", "electrolyte", NULL};
_Static_assert(KN_FLUID_ELECTROLYTE == 1, "fluid_names follows kn_fluid");
static const char *const stim_target_names[] = {"mixed", "ia", NULL};
_Static_assert(KN_STIM_IA == 1, "stim_target_names follows kn_stim_target");

const char *kn_action_kind_name(kn_action_kind k) {
  return (int)k >= 0 && k < KN_ACT_COUNT ? kind_names[k] : "?";
}

const char *kn_practitioner_name(kn_practitioner p) {
  return (int)p >= 0 && p <= KN_PRACTITIONER_ROUGH_PARTNER ? practitioner_names[p] : "?";
}

const char *kn_posture_name(kn_posture p) {
  return (int)p >= 0 && p <= KN_POSTURE_STANDING ? posture_names[p] : "?";
}

const char *kn_joint_name(kn_joint j) {
  return (int)j >= 0 && j < KN_JOINT_COUNT ? joint_names[j] : "?";
}

const char *kn_heat_method_name(kn_heat_method h) {
  return (int)h >= 0 && h <= KN_HEAT_HOT_PACK ? heat_names[h] : "?";
}

const char *kn_fluid_name(kn_fluid f) {
  return (int)f >= 0 && f <= KN_FLUID_ELECTROLYTE ? fluid_names[f] : "?";
}

/* Atlas names, read through the atlas accessors. */
static const char *region_name(size_t i) {
  return kn_atlas_region(i)->name;
}
static const char *landmark_name(size_t i) {
  return kn_atlas_landmark(i)->name;
}
static const char *muscle_name(size_t i) {
  return kn_atlas_muscle(i)->name;
}
static const char *nerve_name(size_t i) {
  return kn_atlas_nerve(i)->name;
}
static const char *contact_name(size_t i) {
  return kn_atlas_contact_type(i)->name;
}

/* ---- quantity fields ------------------------------------------------------------------------- */

#define MS 1e-3             /* s per ms */
#define CM KN_CM            /* m per cm */
#define CM2 KN_CM2          /* m^2 per cm^2 */
#define MIN KN_MIN          /* s per min */
#define HOUR KN_HOUR        /* s per h */
#define DEG (KN_PI / 180.0) /* rad per degree */
/* A stroke's direction when the session gives none: along the body's long axis (rad). */
#define DEFAULT_DIRECTION (90 * DEG)
/* The highest practitioner percentile (1..99: the extremes of a log-normal are unbounded). */
#define PERCENTILE_MAX 99
/* Seconds between recorded rows when the session gives no record_interval. */
#define DEFAULT_RECORD_INTERVAL 0.1
/* A force at the limit passes despite the rounding of pressure x area (relative). */
#define FORCE_ROUNDING 1e-12
#define KN_FORCE_MAX 400.0 /* N, the most any hand or elbow plausibly presses */

static const kn_qspec q_time_step = {"s", NULL, "1 ms", "ms", MS, 0.1 * MS, 10 * MS, 0};
static const kn_qspec q_record = {"s", NULL, "100 ms", "ms", MS, 0.0, 60.0, 0};
static const kn_qspec q_recovery = {"s", NULL, "10 min", "h", HOUR, 0.0, 48 * HOUR, 0};
static const kn_qspec q_force = {"N", NULL, "40 N", "N", 1.0, 0.0, KN_FORCE_MAX, 0};
static const kn_qspec q_area = {"m2", NULL, "1.5 cm^2", "cm^2", CM2, 0.0, 1.0, 0};
static const kn_qspec q_speed = {"m/s", NULL, "3 cm/s", "cm/s", CM, 0.0, 50 * CM, 0};
static const kn_qspec q_stroke = {"m", NULL, "15 cm", "cm", CM, 0.0, 1.0, 0};
static const kn_qspec q_direction = {"rad", NULL, "30 deg", "deg", DEG, -360 * DEG, 360 * DEG, 0};
static const kn_qspec q_rate = {"Hz", NULL, "1 Hz", "Hz", 1.0, 0.0, 20.0, 0};
static const kn_qspec q_duration = {"s", NULL, "2 min", "min", MIN, 0.0, 4 * HOUR, 1};
static const kn_qspec q_posture_duration = {"s", NULL, "0 s", "min", MIN, 0.0, 4 * HOUR, 0};
static const kn_qspec q_rest_between = {"s", NULL, "10 s", "s", 1.0, 0.0, HOUR, 0};
static const kn_qspec q_start = {"s", NULL, "5 min", "min", MIN, 0.0, 48 * HOUR, 0};
static const kn_qspec q_drink_duration = {"s", NULL, "1 min", "min", MIN, 0.0, 4 * HOUR, 0};
/* joint angles from the anatomical neutral position; wide enough for any joint's range of motion */
static const kn_qspec q_joint = {"rad", NULL, "30 deg", "deg", DEG, -90 * DEG, 150 * DEG, 0};
/* a stretch turns the joint further by at most a right angle */
static const kn_qspec q_angle = {"rad", NULL, "20 deg", "deg", DEG, 0.0, 90 * DEG, 1};
/* a stretch's velocity: up to the fastest motorised perturbations and beyond (spec.h) */
static const kn_qspec q_velocity = {
    "rad/s", NULL, "100 deg/s", "deg/s", DEG, 0.0, KN_STRETCH_VELOCITY_MAX, 1};
/* a contraction held during a stretch, share of maximum; 0 is relaxed (the default) */
static const kn_qspec q_contraction = {"1", "1", "20 %", "%", 0.01, 0.0, 1.0, 0};
static const kn_qspec q_level = {"1", "1", "50 %", "%", 0.01, 0.0, 1.0, 1};
/* stimulation: 0.1..100 Hz covers the H-reflex rate-depression protocols (0.1 Hz, the rate
 * without depression) and the cramp-threshold-frequency trains */
static const kn_qspec q_frequency = {"Hz", NULL, "15 Hz", "Hz", 1.0, KN_STIM_RATE_MIN, 100.0, 0};
static const kn_qspec q_frequency_step = {"Hz", NULL, "2 Hz", "Hz", 1.0, 0.0, 20.0, 0};
static const kn_qspec q_fraction = {"1", "1", "60 %", "%", 0.01, 0.0, 1.0, 0};
/* heat: read in degC (UDUNITS-2 converts K and degF with their offsets), stored in K */
static const kn_qspec q_temperature = {"degC", NULL, "40 degC", "degC", 1.0, 30.0, 50.0, 0};
static const kn_qspec q_volume = {"m3", NULL, "500 mL", "mL", 1e-6, 50e-6, 2e-3, 0};
/* structure pressure: up to 2000 mmHg (Ochoa's cuffs reach 1000); a nerve length of 1 mm..50 cm */
static const kn_qspec q_structure_pressure = {"Pa",    NULL, "60 mmHg",      "mmHg",
                                              KN_MMHG, 0.0,  2000 * KN_MMHG, 1};
static const kn_qspec q_loaded_length = {"m", NULL, "1 cm", "mm", 1e-3, 1e-3, 0.5, 0};
/* defaults (our choice): a hot bath or wrap; half the motor units under a surface electrode */

/* ---- one action ------------------------------------------------------------------------------ */

static const char *const action_keys[] = {
    "do",          "region",    "landmark",       "muscle",      "contact",
    "force",       "pressure",  "area",           "speed",       "stroke_length",
    "direction",   "rate",      "duration",       "repetitions", "rest_between",
    "start",       "label",     "posture",        "joints",      "angle",
    "level",       "frequency", "frequency_step", "fraction",    "method",
    "temperature", "fluid",     "volume",         "velocity",    "contraction",
    "nerve",       "length",    "target",         NULL};

/* The fields each kind takes; any other known key is "not allowed for" that kind. */
static const char *const stroke_fields[] = {
    "do",       "region",      "landmark",     "muscle",        "contact",   "force",
    "pressure", "area",        "speed",        "stroke_length", "direction", "rate",
    "duration", "repetitions", "rest_between", "start",         "label",     NULL};
static const char *const rest_fields[] = {"do",    "duration", "repetitions", "rest_between",
                                          "start", "label",    NULL};
static const char *const posture_fields[] = {"do",    "posture", "joints", "duration",
                                             "start", "label",   NULL};
static const char *const stretch_fields[] = {
    "do",          "muscle",       "angle", "velocity", "contraction", "duration",
    "repetitions", "rest_between", "start", "label",    NULL};
static const char *const voluntary_fields[] = {
    "do", "muscle", "level", "duration", "repetitions", "rest_between", "start", "label", NULL};
static const char *const stimulation_fields[] = {
    "do",       "muscle",      "frequency",    "frequency_step", "fraction", "target",
    "duration", "repetitions", "rest_between", "start",          "label",    NULL};
static const char *const heat_fields[] = {"do",          "region",   "muscle",      "method",
                                          "temperature", "duration", "repetitions", "rest_between",
                                          "start",       "label",    NULL};
static const char *const drink_fields[] = {"do",    "fluid", "volume", "duration",
                                           "start", "label", NULL};

static const char *const structure_fields[] = {"do",       "nerve",       "pressure",     "length",
                                               "duration", "repetitions", "rest_between", "start",
                                               "label",    NULL};

static const char *const *fields_of(kn_action_kind kind) {
  switch (kind) {
  case KN_ACT_REST:
    return rest_fields;
  case KN_ACT_POSTURE:
    return posture_fields;
  case KN_ACT_STRETCH:
    return stretch_fields;
  case KN_ACT_VOLUNTARY:
    return voluntary_fields;
  case KN_ACT_STIMULATION:
    return stimulation_fields;
  case KN_ACT_HEAT:
    return heat_fields;
  case KN_ACT_DRINK:
    return drink_fields;
  case KN_ACT_STRUCTURE_PRESSURE:
    return structure_fields;
  default:
    return stroke_fields;
  }
}

/* Refuses, in file order, the fields this kind of action cannot have. */
static int check_allowed(kn_in *in, const kn_ynode *m, const char *path, kn_action_kind kind) {
  const char *const *ok = fields_of(kind);
  for (size_t p = 0; p < m->n / 2; p++) {
    const kn_ynode *key = kn_in_child(in, m, 2 * p);
    const char *k = kn_in_text(in, key);
    int allowed = 0;
    for (size_t i = 0; ok[i] && !allowed; i++)
      allowed = strcmp(ok[i], k) == 0;
    if (!allowed) {
      char field[128];
      kn_in_join_path(field, sizeof field, path, k, key->n);
      return kn_in_fail(in, key, field, KN_EPARSE, "field \"%s\" is not allowed for \"%s\"", k,
                        kind_names[kind]);
    }
  }
  return 0;
}

/* A field the action must have: fills f, or fails at the action with "missing required field". */
static int need(kn_in *in, const kn_ynode *m, const char *path, const char *key, kn_field *f) {
  if (kn_in_field(in, m, path, key, f)) return 0;
  return kn_in_fail(in, m, path, KN_EMISSING, "missing required field \"%s\"", key);
}

/* Where the action presses: region, landmark or muscle; the region must agree with the others. */
static int read_target(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field fr, fl, fm;
  int has_r = kn_in_field(in, m, path, "region", &fr);
  int has_l = kn_in_field(in, m, path, "landmark", &fl);
  int has_m = kn_in_field(in, m, path, "muscle", &fm);
  int rc;
  if (!has_r && !has_l && !has_m)
    return kn_in_fail(in, m, path, KN_EMISSING, "%s",
                      a->kind == KN_ACT_HEAT
                          ? "missing required field \"region\" (or give \"muscle\")"
                          : "missing required field \"region\" (or give \"landmark\" or "
                            "\"muscle\")");
  if (has_l && has_m) {
    const kn_field *later = fl.pos > fm.pos ? &fl : &fm;
    return kn_in_fail(in, later->key, later->path, KN_EPARSE,
                      "give either landmark or muscle, not both");
  }
  if (has_r) {
    const kn_names names = {NULL, region_name, kn_atlas_region_count()};
    if ((rc = kn_in_name(in, &fr, "region", &names, &a->region))) return rc;
  }
  if (has_l) {
    const kn_names names = {NULL, landmark_name, kn_atlas_landmark_count()};
    if ((rc = kn_in_name(in, &fl, "landmark", &names, &a->landmark))) return rc;
    int on = kn_atlas_landmark((size_t)a->landmark)->region;
    if (has_r && on != a->region)
      return kn_in_fail(in, fl.val, fl.path, KN_EINVAL,
                        "landmark \"%s\" is on region \"%s\", not on region \"%s\"",
                        landmark_name((size_t)a->landmark), region_name((size_t)on),
                        region_name((size_t)a->region));
    a->region = on;
  }
  if (has_m) {
    const kn_names names = {NULL, muscle_name, kn_atlas_muscle_count()};
    if ((rc = kn_in_name(in, &fm, "muscle", &names, &a->muscle))) return rc;
    int on = kn_atlas_muscle((size_t)a->muscle)->region;
    if (has_r && on != a->region)
      return kn_in_fail(
          in, fm.val, fm.path, KN_EINVAL, "muscle \"%s\" is in region \"%s\", not in region \"%s\"",
          muscle_name((size_t)a->muscle), region_name((size_t)on), region_name((size_t)a->region));
    a->region = on;
  }
  return 0;
}

/* Contact type, area and force (given directly, or as pressure over the area). */
static int read_contact(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field f;
  int rc;
  if (kn_in_field(in, m, path, "contact", &f)) {
    const kn_names names = {NULL, contact_name, kn_atlas_contact_type_count()};
    if ((rc = kn_in_name(in, &f, "contact", &names, &a->contact))) return rc;
  } else if (a->contact < 0) { /* kn_action_init gave the technique's default contact */
    return kn_in_fail(in, m, path, KN_EINTERNAL, "the atlas has no default contact for \"%s\"",
                      kn_action_kind_name(a->kind));
  }
  const kn_contact_type *ct = kn_atlas_contact_type((size_t)a->contact);
  a->area = ct->area;
  if (kn_in_field(in, m, path, "area", &f)) {
    kn_qspec q = q_area;
    q.lo = ct->area_min;
    q.hi = ct->area_max;
    kn_qspec any = q;
    any.lo = -HUGE_VAL;
    any.hi = HUGE_VAL;
    if ((rc = kn_in_quantity(in, &f, &any, &a->area))) return rc;
    double tol = KN_INPUT_ROUNDING * q.hi;
    if (a->area < q.lo - tol || a->area > q.hi + tol) {
      char suffix[96];
      snprintf(suffix, sizeof suffix, " for contact \"%s\"", ct->name);
      return kn_in_range_fail(in, &f, &q, a->area, suffix);
    }
  }

  kn_field ff, fp;
  int has_f = kn_in_field(in, m, path, "force", &ff);
  int has_p = kn_in_field(in, m, path, "pressure", &fp);
  if (has_f && has_p) {
    const kn_field *later = ff.pos > fp.pos ? &ff : &fp;
    return kn_in_fail(in, later->key, later->path, KN_EPARSE,
                      "give either force or pressure, not both");
  }
  if (!has_f && !has_p)
    return kn_in_fail(in, m, path, KN_EMISSING,
                      "missing required field \"force\" (or give \"pressure\")");
  if (has_f) return kn_in_quantity(in, &ff, &q_force, &a->force);

  /* Pressure: its allowed range follows from the force limit on this area. */
  kn_qspec q = {"Pa", NULL, "2.5 kgf/cm^2", "kPa", 1000.0, 0.0, KN_FORCE_MAX / a->area, 0};
  char suffix[128];
  snprintf(suffix, sizeof suffix, " (%g N on %g cm^2)", KN_FORCE_MAX, a->area / CM2);
  double p = 0.0;
  kn_qspec any = q;
  any.lo = -HUGE_VAL;
  any.hi = HUGE_VAL;
  if ((rc = kn_in_quantity(in, &fp, &any, &p))) return rc;
  if (p < q.lo || p * a->area > KN_FORCE_MAX * (1 + FORCE_ROUNDING))
    return kn_in_range_fail(in, &fp, &q, p, suffix);
  a->force = p * a->area;
  return 0;
}

/* Glide speed, stroke length, direction and rate, with the technique's defaults. */
static int read_motion(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field f;
  int rc;
  /* speed, stroke length and rate hold the technique's defaults from kn_action_init */
  if (kn_in_field(in, m, path, "speed", &f) && (rc = kn_in_quantity(in, &f, &q_speed, &a->speed)))
    return rc;
  if (kn_in_field(in, m, path, "stroke_length", &f) &&
      (rc = kn_in_quantity(in, &f, &q_stroke, &a->stroke_length)))
    return rc;
  if (kn_in_field(in, m, path, "rate", &f) && (rc = kn_in_quantity(in, &f, &q_rate, &a->rate)))
    return rc;
  if (kn_in_field(in, m, path, "direction", &f)) {
    if (f.val->kind != KN_Y_SCALAR)
      return kn_in_fail(in, f.val, f.path, KN_EPARSE, "expected a scalar");
    const char *s = kn_in_text(in, f.val);
    char c = s[0];
    if (strcmp(s, "along") == 0) {
      a->direction = 0.0;
    } else if (strcmp(s, "across") == 0) {
      a->direction = DEFAULT_DIRECTION;
    } else if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == ' ') {
      if ((rc = kn_in_quantity(in, &f, &q_direction, &a->direction))) return rc;
    } else {
      return kn_in_fail(in, f.val, f.path, KN_EPARSE,
                        "expected one of: along, across, or an angle such as \"30 deg\"");
    }
  }
  return 0;
}

/* Joint angles of a posture: a mapping of joint name to angle; joints not named stay NAN. */
static int read_joints(kn_in *in, const kn_field *jf, kn_action *a) {
  const kn_ynode *m = jf->val;
  if (kn_in_is_null(in, m)) return 0; /* "joints:" alone names none */
  int rc = kn_in_map_of(in, m, jf->path, joint_names);
  if (rc) return rc;
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    kn_field f;
    if (kn_in_field(in, m, jf->path, joint_names[j], &f) &&
        (rc = kn_in_quantity(in, &f, &q_joint, &a->joint[j])))
      return rc;
  }
  return 0;
}

static int read_posture(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field f;
  int rc = need(in, m, path, "posture", &f);
  if (rc) return rc;
  const kn_names names = {posture_names, NULL, 0};
  int p = 0;
  if ((rc = kn_in_enum(in, &f, &names, &p))) return rc;
  a->posture = (kn_posture)p;
  if (kn_in_field(in, m, path, "joints", &f)) return read_joints(in, &f, a);
  return 0;
}

/* The muscle a stretch, contraction or stimulation acts on; it also sets the region. */
static int read_muscle(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field f;
  int rc = need(in, m, path, "muscle", &f);
  if (rc) return rc;
  const kn_names names = {NULL, muscle_name, kn_atlas_muscle_count()};
  if ((rc = kn_in_name(in, &f, "muscle", &names, &a->muscle))) return rc;
  a->region = kn_atlas_muscle((size_t)a->muscle)->region;
  return 0;
}

/* What a stretch, contraction, stimulation, heat or drink does besides its timing. */
static int read_body_action(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field f;
  int rc = 0, v = 0;
  switch (a->kind) {
  case KN_ACT_STRETCH:
    if ((rc = read_muscle(in, m, path, a)) || (rc = need(in, m, path, "angle", &f)) ||
        (rc = kn_in_quantity(in, &f, &q_angle, &a->angle)))
      return rc;
    if (kn_in_field(in, m, path, "velocity", &f) &&
        (rc = kn_in_quantity(in, &f, &q_velocity, &a->velocity)))
      return rc;
    if (kn_in_field(in, m, path, "contraction", &f))
      return kn_in_quantity(in, &f, &q_contraction, &a->contraction);
    return 0;
  case KN_ACT_VOLUNTARY:
    if ((rc = read_muscle(in, m, path, a)) || (rc = need(in, m, path, "level", &f))) return rc;
    return kn_in_quantity(in, &f, &q_level, &a->level);
  case KN_ACT_STIMULATION:
    if ((rc = read_muscle(in, m, path, a)) || (rc = need(in, m, path, "frequency", &f)) ||
        (rc = kn_in_quantity(in, &f, &q_frequency, &a->frequency)))
      return rc;
    if (kn_in_field(in, m, path, "frequency_step", &f) &&
        (rc = kn_in_quantity(in, &f, &q_frequency_step, &a->frequency_step)))
      return rc;
    if (kn_in_field(in, m, path, "target", &f)) {
      const kn_names names = {stim_target_names, NULL, 0};
      if ((rc = kn_in_enum(in, &f, &names, &v))) return rc;
      a->target = (kn_stim_target)v;
      if (a->target == KN_STIM_IA) a->fraction = 0.0; /* a test pulse: no M-wave unless told */
    }
    if (kn_in_field(in, m, path, "fraction", &f)) /* default from kn_action_init */
      return kn_in_quantity(in, &f, &q_fraction, &a->fraction);
    return 0;
  case KN_ACT_HEAT: {
    if ((rc = read_target(in, m, path, a)) || (rc = need(in, m, path, "method", &f))) return rc;
    const kn_names names = {heat_names, NULL, 0};
    if ((rc = kn_in_enum(in, &f, &names, &v))) return rc;
    a->heat = (kn_heat_method)v;
    double celsius = 0.0; /* default temperature from kn_action_init */
    if (!kn_in_field(in, m, path, "temperature", &f)) return 0;
    if ((rc = kn_in_quantity(in, &f, &q_temperature, &celsius))) return rc;
    a->temperature = celsius + KN_ZERO_CELSIUS;
    return 0;
  }
  case KN_ACT_STRUCTURE_PRESSURE: {
    const kn_names names = {NULL, nerve_name, kn_atlas_nerve_count()};
    if ((rc = need(in, m, path, "nerve", &f)) || (rc = kn_in_name(in, &f, "nerve", &names, &v)))
      return rc;
    a->nerve = v;
    a->region = kn_atlas_nerve((size_t)v)->region;
    if ((rc = need(in, m, path, "pressure", &f)) ||
        (rc = kn_in_quantity(in, &f, &q_structure_pressure, &a->pressure)))
      return rc;
    if (kn_in_field(in, m, path, "length", &f)) /* default 0: the parameter nerve_edge_length */
      return kn_in_quantity(in, &f, &q_loaded_length, &a->loaded_length);
    return 0;
  }
  case KN_ACT_DRINK: {
    if ((rc = need(in, m, path, "fluid", &f))) return rc;
    const kn_names names = {fluid_names, NULL, 0};
    if ((rc = kn_in_enum(in, &f, &names, &v))) return rc;
    a->fluid = (kn_fluid)v;
    if ((rc = need(in, m, path, "volume", &f))) return rc;
    return kn_in_quantity(in, &f, &q_volume, &a->volume);
  }
  default:
    return 0;
  }
}

/* Timing: duration, repetitions, pause between them, absolute start. check_allowed has already
 * refused the fields this kind does not take. */
static int read_timing(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_field f;
  int rc;
  /* a posture change and a drink may take no time; everything else must */
  int may_be_instant = a->kind == KN_ACT_POSTURE || a->kind == KN_ACT_DRINK;
  if (kn_in_field(in, m, path, "duration", &f)) {
    const kn_qspec *q = a->kind == KN_ACT_POSTURE ? &q_posture_duration
                        : a->kind == KN_ACT_DRINK ? &q_drink_duration
                                                  : &q_duration;
    if ((rc = kn_in_quantity(in, &f, q, &a->duration))) return rc;
  } else if (!may_be_instant) {
    return kn_in_fail(in, m, path, KN_EMISSING, "missing required field \"duration\"");
  }
  if (kn_in_field(in, m, path, "repetitions", &f)) {
    long long n = 1;
    if ((rc = kn_in_int(in, &f, 1, 1000, &n))) return rc;
    a->repetitions = (int)n;
  }
  if (kn_in_field(in, m, path, "rest_between", &f) &&
      (rc = kn_in_quantity(in, &f, &q_rest_between, &a->rest_between)))
    return rc;
  if (kn_in_field(in, m, path, "start", &f) && (rc = kn_in_quantity(in, &f, &q_start, &a->start)))
    return rc;
  if (kn_in_field(in, m, path, "label", &f) &&
      (rc = kn_in_text_field(in, &f, a->label, sizeof a->label)))
    return rc;
  return 0;
}

static int read_action(kn_in *in, const kn_ynode *m, const char *path, kn_action *a) {
  kn_action_init(a, KN_ACT_REST);
  a->line = m->line;
  a->col = m->col;

  int rc = kn_in_map_of(in, m, path, action_keys);
  if (rc) return rc;

  kn_field f;
  if (!kn_in_field(in, m, path, "do", &f))
    return kn_in_fail(in, m, path, KN_EMISSING, "missing required field \"do\"");
  const kn_names kinds = {kind_names, NULL, 0};
  int kind = 0;
  if ((rc = kn_in_enum(in, &f, &kinds, &kind))) return rc;
  kn_action_init(a, (kn_action_kind)kind); /* the technique's defaults */
  a->line = m->line;
  a->col = m->col;
  if ((rc = check_allowed(in, m, path, a->kind))) return rc;

  if (kn_action_is_stroke(a->kind)) {
    if ((rc = read_target(in, m, path, a))) return rc;
    if ((rc = read_contact(in, m, path, a))) return rc;
    if ((rc = read_motion(in, m, path, a))) return rc;
  } else if (a->kind == KN_ACT_POSTURE) {
    if ((rc = read_posture(in, m, path, a))) return rc;
  } else if ((rc = read_body_action(in, m, path, a))) {
    return rc;
  }
  return read_timing(in, m, path, a);
}

/* ---- the session ----------------------------------------------------------------------------- */

static const char *const session_keys[] = {"name",
                                           "practitioner",
                                           "practitioner_percentile",
                                           "practitioner_seed",
                                           "giver",
                                           "seed",
                                           "time_step",
                                           "record_interval",
                                           "recovery",
                                           "hypotheses",
                                           "parameters",
                                           "loads",
                                           "course",
                                           "exercise",
                                           "actions",
                                           NULL};

/* Named hypotheses where the cramp literature disagrees: `hypotheses: {dehydration: field}`. */
static const char *const hypothesis_keys[] = {"dehydration", "fatigue", "cortisol", NULL};
/* cortisol: "meta" (moyer2011, default) or "field2005" */
static const char *const cortisol_names[] = {"meta", "field2005", NULL};
static const char *const hypothesis_names[] = {"lab", "field", NULL};

static int read_hypotheses(kn_in *in, const kn_field *hf, kn_session *s) {
  const kn_ynode *m = hf->val;
  int rc = kn_in_map_of(in, m, hf->path, hypothesis_keys);
  if (rc) return rc;
  kn_hypothesis *slot[] = {&s->hypothesis_dehydration, &s->hypothesis_fatigue,
                           &s->hypothesis_cortisol};
  for (int k = 0; k < 3; k++) {
    kn_field f;
    if (!kn_in_field(in, m, hf->path, hypothesis_keys[k], &f)) continue;
    const kn_names names = {k == 2 ? cortisol_names : hypothesis_names, NULL, 0};
    int v = 0;
    if ((rc = kn_in_enum(in, &f, &names, &v))) return rc;
    *slot[k] = (kn_hypothesis)v;
  }
  return 0;
}

/* ---- a course of sessions ------------------------------------------------------------------- */

static const char *const course_keys[] = {"every", "sessions", "at", NULL};
/* sessions of a course start at least a day apart (a session's plan spans at most
 * KN_SESSION_SPAN_MAX) and within a year of the first */
static const kn_qspec q_course_every = {"s", NULL, "7 d", "d", KN_DAY, KN_DAY, 365 * KN_DAY, 0};
static const kn_qspec q_course_at = {"s", NULL, "2 d", "d", KN_DAY, 0.0, 365 * KN_DAY, 0};

/* `course: {every: 7 d, sessions: 8}` or `course: {at: [0 d, 3 d, 7 d]}`. */
static int read_course(kn_in *in, const kn_field *cf, kn_session *s) {
  const kn_ynode *m = cf->val;
  int rc = kn_in_map_of(in, m, cf->path, course_keys);
  if (rc) return rc;
  kn_course *c = &s->course;
  kn_field every, sessions, at;
  int has_every = kn_in_field(in, m, cf->path, "every", &every);
  int has_sessions = kn_in_field(in, m, cf->path, "sessions", &sessions);
  if (kn_in_field(in, m, cf->path, "at", &at)) {
    if (has_every || has_sessions)
      return kn_in_fail(in, at.key, at.path, KN_EINVAL,
                        "give either `at` or `every` and `sessions`, not both");
    if (at.val->kind != KN_Y_SEQ)
      return kn_in_fail(in, at.val, at.path, KN_EPARSE, "expected a sequence of times");
    if (at.val->n < 2 || at.val->n > KN_COURSE_SESSIONS_MAX)
      return kn_in_fail(in, at.val, at.path, KN_ERANGE, "a course has 2 .. %d sessions, not %zu",
                        KN_COURSE_SESSIONS_MAX, at.val->n);
    for (size_t i = 0; i < at.val->n; i++) {
      kn_field e = {.key = kn_in_child(in, at.val, i), .val = kn_in_child(in, at.val, i)};
      if (snprintf(e.path, sizeof e.path, "session.course.at[%zu]", i) < 0) return KN_EINTERNAL;
      if ((rc = kn_in_quantity(in, &e, &q_course_at, &c->start[i]))) return rc;
      if (i == 0 && c->start[0] != 0.0)
        return kn_in_fail(in, e.val, e.path, KN_ERANGE, "the first session is at 0 d");
      if (i > 0 && c->start[i] - c->start[i - 1] < KN_DAY)
        return kn_in_fail(in, e.val, e.path, KN_ERANGE,
                          "sessions of a course start at least 1 d after the one before");
    }
    c->nsession = (int)at.val->n;
    return 0;
  }
  if (!has_every || !has_sessions)
    return kn_in_fail(in, m, cf->path, KN_EMISSING,
                      "a course needs `every` and `sessions`, or `at`");
  double step = 0.0;
  long long n = 0;
  if ((rc = kn_in_quantity(in, &every, &q_course_every, &step))) return rc;
  if ((rc = kn_in_int(in, &sessions, 2, KN_COURSE_SESSIONS_MAX, &n))) return rc;
  if (step * (double)(n - 1) > q_course_at.hi)
    return kn_in_fail(in, sessions.val, sessions.path, KN_ERANGE,
                      "the course's last session is more than 365 d after its first");
  c->nsession = (int)n;
  for (int i = 0; i < c->nsession; i++)
    c->start[i] = step * i;
  return 0;
}

static const char *param_name_at(size_t i) {
  return kn_param(i)->name;
}

/* Model parameters set for this session: `parameters: {nm_tap_gain: 1.0e-5}`, each a bare number
 * in the unit `knead atlas` lists for it. */
static int read_parameters(kn_in *in, const kn_field *pf, kn_session *s) {
  const kn_ynode *m = pf->val;
  int rc = kn_in_expect_map(in, m, pf->path);
  if (rc) return rc;
  const kn_names names = {NULL, param_name_at, kn_param_count()};
  if ((rc = kn_in_check_keys(in, m, pf->path, &names))) return rc;
  if (m->n / 2 > KN_SESSION_PARAMS_MAX)
    return kn_in_fail(in, m, pf->path, KN_ETOOBIG, "too many parameters: %zu (at most %d)",
                      m->n / 2, KN_SESSION_PARAMS_MAX);
  for (size_t k = 0; k < m->n / 2; k++) {
    const char *name = kn_in_text(in, kn_in_child(in, m, 2 * k));
    int index = kn_param_find(name);
    const kn_param_info *pi = kn_param((size_t)index);
    kn_field f;
    kn_in_field(in, m, pf->path, name, &f);
    const char *unit = strcmp(pi->unit, "1") ? pi->unit : "";
    kn_qspec q = {"1", "1", "2.5e-5", unit, 1.0, 0.0, 0.0, 0};
    kn_param_range(pi, &q.lo, &q.hi);
    double v = 0.0;
    rc = kn_in_quantity(in, &f, &q, &v);
    if ((rc == KN_EUNIT || rc == KN_EPARSE) && f.val->kind == KN_Y_SCALAR) /* its own unit */
      return kn_in_fail(in, f.val, f.path, rc,
                        "expected a bare number in the parameter's unit (%s), e.g. %g, got \"%s\"",
                        pi->unit, pi->display, kn_in_text(in, f.val));
    if (rc) return rc;
    s->params[s->nparam++] = (kn_param_setting){index, v * pi->si, f.val->line, f.val->col, 0};
  }
  char field[96], msg[200];
  int bad = kn_params_check(s->params, s->nparam, field, sizeof field, msg, sizeof msg);
  if (bad < 0) return 0;
  const kn_ynode *at = kn_in_child(in, m, 2 * (size_t)bad + 1);
  return kn_in_fail(in, at, field, KN_ERANGE, "%s", msg);
}

/* A load attached to a joint's distal segment: `loads: {ankle: {mass: 1 kg, distance: 12 cm,
 * torque: -2 N m}}`. Mass and distance come together (the load's inertia is mass x distance^2);
 * torque is its steady pull, positive in the joint's named direction. */
static const char *const load_keys[] = {"mass", "distance", "torque", NULL};
static const kn_qspec q_load_mass = {"kg", NULL, "1 kg", "kg", 1.0, 0.0, 20.0, 0};
static const kn_qspec q_load_distance = {"m", NULL, "12 cm", "cm", CM, 0.0, 1.0, 0};
static const kn_qspec q_load_torque = {"N m", NULL, "-2 N m", "N m", 1.0, -50.0, 50.0, 0};

static int read_load(kn_in *in, const kn_field *jf, kn_session *s, int j) {
  const kn_ynode *m = jf->val;
  int rc = kn_in_map_of(in, m, jf->path, load_keys);
  if (rc) return rc;
  kn_field fm, fd, ft;
  int has_m = kn_in_field(in, m, jf->path, "mass", &fm);
  int has_d = kn_in_field(in, m, jf->path, "distance", &fd);
  if (has_m != has_d)
    return kn_in_fail(in, m, jf->path, KN_EMISSING,
                      "give mass and distance together (the load's "
                      "inertia is mass x distance^2)");
  if (!has_m && !kn_in_field(in, m, jf->path, "torque", &ft))
    return kn_in_fail(in, m, jf->path, KN_EMISSING, "give mass and distance, torque, or both");
  double mass = 0.0, distance = 0.0, torque = 0.0;
  if (has_m && ((rc = kn_in_quantity(in, &fm, &q_load_mass, &mass)) ||
                (rc = kn_in_quantity(in, &fd, &q_load_distance, &distance))))
    return rc;
  if (kn_in_field(in, m, jf->path, "torque", &ft) &&
      (rc = kn_in_quantity(in, &ft, &q_load_torque, &torque)))
    return rc;
  s->loaded[j] = 1;
  s->load_inertia[j] = mass * distance * distance;
  s->load_torque[j] = torque;
  return 0;
}

static int read_loads(kn_in *in, const kn_field *lf, kn_session *s) {
  int rc = kn_in_map_of(in, lf->val, lf->path, joint_names);
  if (rc) return rc;
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    kn_field f;
    if (kn_in_field(in, lf->val, lf->path, joint_names[j], &f) && (rc = read_load(in, &f, s, j)))
      return rc;
  }
  return 0;
}

/* ---- an exercise bout before the session ------------------------------------------------------
 */

static const char *const exercise_keys[] = {"muscle", "eccentric", "contractions",
                                            "level",  "before",    NULL};
/* up to a week before: delayed-onset soreness subsides within 5-7 d (cheung2003) */
static const kn_qspec q_exercise_before = {"s", NULL, "3 h", "h", HOUR, 0.0, 7 * KN_DAY, 0};
enum { EXERCISE_CONTRACTIONS_MAX = 1000 };

/* `exercise: {muscle: biceps_brachii, eccentric: true, contractions: 60, level: 100 %,
 * before: 3 h}`: a bout that ended `before` the session's start. */
static int read_exercise(kn_in *in, const kn_field *ef, kn_session *s) {
  const kn_ynode *m = ef->val;
  int rc = kn_in_map_of(in, m, ef->path, exercise_keys);
  if (rc) return rc;
  kn_exercise *e = &s->exercise;
  *e = (kn_exercise){.given = 1, .level = 1.0};
  kn_field f;
  if ((rc = need(in, m, ef->path, "muscle", &f))) return rc;
  const kn_names muscles = {NULL, muscle_name, kn_atlas_muscle_count()};
  if ((rc = kn_in_name(in, &f, "muscle", &muscles, &e->muscle))) return rc;
  if ((rc = need(in, m, ef->path, "eccentric", &f)) || (rc = kn_in_bool(in, &f, &e->eccentric)))
    return rc;
  long long n = 0;
  if ((rc = need(in, m, ef->path, "contractions", &f)) ||
      (rc = kn_in_int(in, &f, 1, EXERCISE_CONTRACTIONS_MAX, &n)))
    return rc;
  e->contractions = (int)n;
  if (kn_in_field(in, m, ef->path, "level", &f) &&
      (rc = kn_in_quantity(in, &f, &q_level, &e->level)))
    return rc;
  if ((rc = need(in, m, ef->path, "before", &f)) ||
      (rc = kn_in_quantity(in, &f, &q_exercise_before, &e->before)))
    return rc;
  return 0;
}

static int read_session(kn_in *in, const kn_ynode *m, kn_session *s) {
  const char *path = "session";
  int rc = kn_in_map_of(in, m, path, session_keys);
  if (rc) return rc;

  kn_field f;
  if (kn_in_field(in, m, path, "name", &f) &&
      (rc = kn_in_text_field(in, &f, s->name, sizeof s->name)))
    return rc;
  if (kn_in_field(in, m, path, "practitioner", &f)) {
    const kn_names names = {practitioner_names, NULL, 0};
    int p = 0;
    if ((rc = kn_in_enum(in, &f, &names, &p))) return rc;
    s->practitioner = (kn_practitioner)p;
  }
  if (kn_in_field(in, m, path, "practitioner_percentile", &f)) {
    long long pct = 0;
    if ((rc = kn_in_int(in, &f, 1, PERCENTILE_MAX, &pct))) return rc;
    s->practitioner_percentile = (int)pct;
  }
  if (kn_in_field(in, m, path, "practitioner_seed", &f)) {
    if (s->practitioner_percentile)
      return kn_in_fail(in, f.key, f.path, KN_EINVAL,
                        "give practitioner_percentile or practitioner_seed, not both");
    if ((rc = kn_in_u64(in, &f, &s->practitioner_seed))) return rc;
    s->practitioner_seeded = 1;
  }
  if (kn_in_field(in, m, path, "giver", &f)) {
    static const char *const giver_names[] = {"hands", "device", NULL};
    const kn_names names = {giver_names, NULL, 0};
    int g = 0;
    if ((rc = kn_in_enum(in, &f, &names, &g))) return rc;
    /* a device has no practitioner: a profile given with it would be silently ignored */
    if (g == KN_GIVER_DEVICE && (s->practitioner != KN_PRACTITIONER_PROFESSIONAL ||
                                 s->practitioner_percentile || s->practitioner_seeded))
      return kn_in_fail(in, f.key, f.path, KN_EINVAL,
                        "a device has no practitioner: drop practitioner, "
                        "practitioner_percentile and practitioner_seed");
    s->giver = (kn_giver)g;
  }
  if (kn_in_field(in, m, path, "seed", &f) && (rc = kn_in_u64(in, &f, &s->seed))) return rc;
  if (kn_in_field(in, m, path, "time_step", &f) &&
      (rc = kn_in_quantity(in, &f, &q_time_step, &s->dt)))
    return rc;
  if (kn_in_field(in, m, path, "record_interval", &f)) {
    kn_qspec q = q_record;
    q.lo = s->dt; /* never record more often than we step */
    if ((rc = kn_in_quantity(in, &f, &q, &s->record_interval))) return rc;
  }
  if (kn_in_field(in, m, path, "recovery", &f) &&
      (rc = kn_in_quantity(in, &f, &q_recovery, &s->recovery)))
    return rc;
  if (kn_in_field(in, m, path, "hypotheses", &f) && (rc = read_hypotheses(in, &f, s))) return rc;
  if (kn_in_field(in, m, path, "parameters", &f) && (rc = read_parameters(in, &f, s))) return rc;
  if (kn_in_field(in, m, path, "loads", &f) && (rc = read_loads(in, &f, s))) return rc;
  if (kn_in_field(in, m, path, "course", &f) && (rc = read_course(in, &f, s))) return rc;
  if (kn_in_field(in, m, path, "exercise", &f) && (rc = read_exercise(in, &f, s))) return rc;

  if (!kn_in_field(in, m, path, "actions", &f))
    return kn_in_fail(in, m, path, KN_EMISSING, "missing required field \"actions\"");
  if (f.val->kind != KN_Y_SEQ)
    return kn_in_fail(in, f.val, f.path, KN_EPARSE, "expected a sequence");
  if (f.val->n == 0)
    return kn_in_fail(in, f.val, f.path, KN_EMISSING, "no actions: give at least one");
  if (f.val->n > KN_INPUT_MAX_ACTIONS)
    return kn_in_fail(in, f.val, f.path, KN_ETOOBIG, "too many actions: %zu (at most %zu)",
                      f.val->n, KN_INPUT_MAX_ACTIONS);
  s->actions = calloc(f.val->n, sizeof *s->actions);
  if (s->actions == NULL) return kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory");
  s->naction = f.val->n;
  for (size_t i = 0; i < s->naction; i++) {
    char apath[128];
    snprintf(apath, sizeof apath, "session.actions[%zu]", i);
    if ((rc = read_action(in, kn_in_child(in, f.val, i), apath, &s->actions[i]))) return rc;
  }
  return 0;
}

/* Reads the top level: a mapping whose only key is "session". */
static int read_top(kn_in *in, kn_session *s) {
  const kn_ynode *body = NULL;
  int rc = kn_in_top(in, "session", "subject", &body);
  return rc ? rc : read_session(in, body, s);
}

void kn_session_free(kn_session *s) {
  if (s == NULL) return;
  free(s->actions);
  free(s);
}

/* Reads a whole session document into a new session, *(kn_session **)out. */
static int read_new_session(kn_in *in, void *out) {
  kn_session *s = calloc(1, sizeof *s);
  if (s == NULL) return kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory");
  s->practitioner = KN_PRACTITIONER_PROFESSIONAL;
  s->seed = 1;
  s->dt = 1e-3;
  s->record_interval = DEFAULT_RECORD_INTERVAL;
  s->recovery = 60.0 * 60.0; /* an hour after the massage (circulation, standing up) */
  snprintf(s->source, sizeof s->source, "%s", in->file);
  int rc = read_top(in, s);
  if (rc) {
    kn_session_free(s);
    return rc;
  }
  *(kn_session **)out = s;
  return 0;
}

int kn_session_parse(const char *text, size_t len, const char *name, kn_session **out,
                     kn_diag *diag) {
  if (out) *out = NULL;
  return kn_in_read_doc(text, len, name, diag, read_new_session, out);
}

int kn_session_load(const char *path, kn_session **out, kn_diag *diag) {
  if (out) *out = NULL;
  return kn_in_load_doc(path, diag, read_new_session, out);
}
