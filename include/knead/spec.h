/* SPDX-License-Identifier: Apache-2.0 */
/* knead — what the user gives: the subject (who is massaged) and the session (what is done).
 *
 * Both are read from YAML 1.2 or JSON files (libfyaml). Quantities carry units ("40 N",
 * "2.5 kgf/cm^2", "3 cm/s", "2 min") converted to SI with UDUNITS-2; a bare number is accepted only
 * where a field documents a default unit. On failure a loader fills a kn_diag with
 * file:line:col, the dotted field path and a message, and leaves nothing allocated. */
#ifndef KNEAD_SPEC_H
#define KNEAD_SPEC_H

#include "knead/export.h"

#include <stddef.h>
#include <stdint.h>

#include "knead/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_sex { KN_SEX_UNSPECIFIED = 0, KN_SEX_FEMALE = 1, KN_SEX_MALE = 2 } kn_sex;

/* Who is massaged. */
typedef struct kn_subject {
  char name[64];   /* free text, may be empty */
  kn_sex sex;      /* default unspecified */
  double age;      /* years (default unit years), 18..110, default 40 */
  double height;   /* m, 1.2..2.3, default 1.70 */
  double mass;     /* kg, 30..250, default 70 */
  double body_fat; /* fraction 0.03..0.60 ("28 %" or 0.28), default by sex: F 0.30, M 0.20, else
                      0.25 */
  /* causes of spasm and cramp (article claim A18); each has a cited effect or is reported as having
   * no quantified one (docs/model.md, Neuromuscular) */
  double cramps_per_month;     /* cramp history, 0..100 (bare number: per month), default 0 */
  double hypohydration;        /* fraction of body mass lost to dehydration, 0..0.10, default 0 */
  double serum_sodium;         /* mol/m^3 (= mmol/L), 110..160, default 140 */
  double serum_potassium;      /* mol/m^3, 2..7, default 4.2 */
  double serum_magnesium;      /* mol/m^3, 0.3..1.5, default 0.85 */
  double serum_calcium;        /* mol/m^3 (total), 1.5..3.2, default 2.4 */
  double exertion;             /* recent exercise of the massaged muscles: 0 none .. 1 exhausting */
  double inactive_weeks;       /* weeks without regular activity before now (deconditioning) */
  double posture_hours;        /* s, time spent in one position before the session */
  int atherosclerosis;         /* 0/1 */
  int chronic_illness;         /* 0/1 (e.g. diabetes, kidney or liver disease, hypothyroidism) */
  int cramp_training;          /* 0/1, a course of cramp training (repeated induced cramps) */
  double pain_threshold_scale; /* dimensionless multiplier on pressure pain thresholds, 0.2..5,
                                  default 1 */
  /* the whole body (circulation and systemic response) */
  double core_temperature; /* K, at the start, 35..42 degC, default 37 degC; fever >= 38 degC */
  int acute_illness;       /* 0/1, acute viral illness (cold, flu) */
  double
      systolic_pressure; /* Pa, resting, 80..220 mmHg, default 120 mmHg (130 with hypertension) */
  double diastolic_pressure; /* Pa, resting, 40..130 mmHg, default 80 mmHg (85 with hypertension) */
  int hypertension;          /* 0/1, default 1 when the pressures given are >= 140 or >= 90 mmHg */
  int carotid_sinus_hypersensitivity; /* -1 unknown (the risk is reported from its prevalence by
                                         age), 0 no, 1 yes; default -1 */
  int bp_medication;                  /* 0/1, takes medication that lowers blood pressure */
  int anticoagulant; /* 0/1, takes an anticoagulant (bruises more easily), default 0 */
  double heart_rate; /* 1/s, resting, 35..130 /min, default 70 /min */
  double spasticity; /* modified Ashworth grade 0..4 of the massaged limbs (1+ is 1.5), default 0:
                        raises the stretch-reflex loop gain (hyperreflexia) */
  double muscle_temperature; /* K, of the massaged limbs' muscles at the start (a cold pack or
                                cold water before: lower), 20..40 degC, default resting 36.6 degC
                                (circ_muscle_temp_rest); the neuromuscular stage only */
} kn_subject;

/* Who gives the massage: a profile, i.e. a distribution over people (see kn_practitioner_traits).
 */
typedef enum kn_practitioner {
  KN_PRACTITIONER_PROFESSIONAL = 0,      /* smooth ramps, steady force, eases off on pain */
  KN_PRACTITIONER_UNTRAINED_PARTNER = 1, /* somewhat lighter, widely spread force (measured) */
  KN_PRACTITIONER_ROUGH_PARTNER = 2      /* what-if: the article's worst case, one fixed person */
} kn_practitioner;

/* One practitioner drawn from a profile: how this person turns a plan into force and position. */
/* Who gives the session's pressure: hands, or a device (a cuff, probe or tool held at exactly the
 * planned force or pressure: no ramp, variation, drift or easing off; for laboratory protocols). */
typedef enum kn_giver {
  KN_GIVER_HANDS = 0, /* the practitioner (default) */
  KN_GIVER_DEVICE = 1 /* a device: the plan exactly */
} kn_giver;

typedef struct kn_practitioner_traits {
  double force_ratio; /* 1, this person's mean force / planned force */
  double force_bias;  /* N, force added to every stroke (0 except the rough partner) */
  double force_cv;    /* 1, within-session force coefficient of variation */
  double ramp_time;   /* s, time to reach the planned force at a stroke's onset */
  double drift;       /* m, standard deviation of position error */
  double pain_delay;  /* s in pain before easing off; < 0: never eases off */
} kn_practitioner_traits;

/* What one action does. */
typedef enum kn_action_kind {
  KN_ACT_EFFLEURAGE = 0, /* long gliding strokes */
  KN_ACT_PETRISSAGE,     /* kneading: rhythmic squeeze and lift */
  KN_ACT_FRICTION,       /* small deep circular or cross-fibre movements */
  KN_ACT_COMPRESSION,    /* static press and hold (ischaemic compression, trigger point) */
  KN_ACT_TAPOTEMENT,     /* rhythmic percussion */
  KN_ACT_DEEP_STROKE,    /* slow deep gliding stroke (deep tissue) */
  KN_ACT_REST,           /* no contact */
  KN_ACT_POSTURE,        /* subject changes position (and joint angles); no contact */
  KN_ACT_STRETCH,        /* a muscle is stretched: its joint turned by `angle` and held */
  KN_ACT_VOLUNTARY,      /* the subject contracts a muscle at `level` of maximum */
  KN_ACT_STIMULATION,    /* electrical stimulation of a muscle's nerve: trains at `frequency` */
  KN_ACT_HEAT,           /* heat applied to a region: hot water, moist wrap, hot pack, dry wrap */
  KN_ACT_DRINK,          /* the subject drinks water or an electrolyte drink */
  KN_ACT_STRUCTURE_PRESSURE, /* a pressure held on a nerve segment by a device (no hand, no
                                mechanics): the compression literature's protocol */
  KN_ACT_COUNT
} kn_action_kind;

typedef enum kn_posture {
  KN_POSTURE_PRONE = 0,
  KN_POSTURE_SUPINE,
  KN_POSTURE_SEATED,
  KN_POSTURE_SIDE_LYING,
  KN_POSTURE_STANDING
} kn_posture;

/* Joints whose angle sets the length of the muscles that cross them. Angles in rad from the
 * anatomical neutral position, positive in the direction named: ankle plantarflexion, knee flexion,
 * hip flexion, elbow flexion, shoulder flexion, wrist flexion, neck flexion, lumbar flexion. */
typedef enum kn_joint {
  KN_JOINT_ANKLE = 0,
  KN_JOINT_KNEE,
  KN_JOINT_HIP,
  KN_JOINT_ELBOW,
  KN_JOINT_SHOULDER,
  KN_JOINT_WRIST,
  KN_JOINT_NECK,
  KN_JOINT_LUMBAR,
  KN_JOINT_COUNT
} kn_joint;

/* How heat is applied (Petrofsky: moist heat warms muscle more than a dry wrap or a hot pack). */
typedef enum kn_heat_method {
  KN_HEAT_HOT_WATER = 0,
  KN_HEAT_MOIST_WRAP,
  KN_HEAT_DRY_WRAP,
  KN_HEAT_HOT_PACK
} kn_heat_method;

typedef enum kn_fluid { KN_FLUID_WATER = 0, KN_FLUID_ELECTROLYTE } kn_fluid;

/* What an electrical stimulus is set to reach (docs/model.md, "Stretch reflex"). */
typedef enum kn_stim_target {
  KN_STIM_MIXED = 0, /* the mixed nerve: the motor axons `fraction` says and all Ia afferents (a
                        cramp-inducing train) */
  KN_STIM_IA         /* an H-reflex test pulse: part of the Ia afferents (nm_stim_ia_test_share),
                        motor axons only as `fraction` says (default none) */
} kn_stim_target;
/* Hz, the slowest stimulation a session may ask for: a pulse every 10 s, the H-reflex's reference
 * rate, at which it is not depressed. */
#define KN_STIM_RATE_MIN 0.1

/* rad/s, the fastest stretch a session may ask for: 1000 deg/s (motorised ankle perturbations in
 * reflex studies reach about 300 deg/s). */
#define KN_STRETCH_VELOCITY_MAX 17.453292519943295

/* One entry of the session timeline. Unused numeric fields are 0 unless said otherwise. */
typedef struct kn_action {
  kn_action_kind kind;
  int region;           /* atlas region index, -1 for rest/posture */
  int landmark;         /* atlas landmark index aimed at, -1 if none */
  int muscle;           /* atlas muscle whose belly is aimed at, -1 if none (then landmark, else
                           the region centre) */
  int contact;          /* atlas contact type index, -1 for rest/posture */
  double area;          /* m^2, contact area (from the contact type unless given) */
  double force;         /* N, planned normal force (derived from pressure if that was given) */
  double speed;         /* m/s, gliding speed (0 for static actions) */
  double stroke_length; /* m, length of one glide (technique default unless given) */
  double direction; /* rad, glide direction in the patch: 0 = along y (body axis), pi/2 = across */
  double rate;      /* Hz, cycle rate of petrissage, friction circles or tapotement */
  double duration;  /* s, length of one repetition (> 0) */
  int repetitions;  /* >= 1 */
  double rest_between; /* s, pause between repetitions */
  double start;        /* s, start time, or a negative value: right after the previous action */
  kn_posture posture;  /* for KN_ACT_POSTURE */
  double joint[KN_JOINT_COUNT]; /* rad, posture: joint angles set (NAN where not given) */
  double angle;                 /* rad, stretch: joint rotation that lengthens `muscle` (> 0) */
  double velocity;    /* rad/s, stretch: how fast the joint is turned; 0: the hand's own pace (it
                         follows with a 50 ms lag, nm_hold_lag) */
  double contraction; /* 0..1, stretch: share of maximum the subject holds in `muscle` during it */
  double level;       /* 0..1, voluntary contraction: fraction of maximum */
  double frequency;   /* Hz, stimulation: pulse rate of the first train */
  double frequency_step; /* Hz, stimulation: added to the rate at each repetition (ramp protocol) */
  double fraction;       /* 0..1, stimulation: share of the motor units reached */
  kn_stim_target target; /* stimulation: what the pulses are set to reach */
  kn_heat_method heat;   /* heat: how */
  double temperature;    /* K, heat: temperature of the source */
  kn_fluid fluid;        /* drink: what */
  double volume;         /* m^3, drink: how much */
  int nerve;             /* structure_pressure: atlas nerve index, -1 for other actions */
  double pressure;       /* Pa, structure_pressure: pressure held on the nerve */
  double loaded_length;  /* m, structure_pressure: nerve length under it (0: nerve_edge_length) */
  char label[64];        /* free text, may be empty */
  int line, col;         /* where the action starts in its file (1-based), for messages */
} kn_action;

/* Where the cramp literature disagrees (SCIENCE.md section 4), the session names the hypothesis:
 * the default follows the laboratory evidence; 'field' follows the field association. */
typedef enum kn_hypothesis {
  KN_HYP_LAB = 0,  /* laboratory: dehydration does not change cramp threshold; fatigue raises it */
  KN_HYP_FIELD = 1 /* field: dehydration and fatigue make cramps more likely (no lab effect size) */
} kn_hypothesis;

/* A model parameter the session sets (`parameters:`), e.g. for a sensitivity analysis: its index
 * in the parameter list (kn_param) and its value in SI units. */
typedef struct kn_param_setting {
  int index;
  double value;
  int line, col; /* where it was given in its file (1-based; 0 if not from a file), for messages */
  int unguarded; /* 1: outside the 0.1..10 x guard on purpose, for a condition set in code that the
                    guard's range excludes (validation's hyperreflexia); a file cannot set it */
} kn_param_setting;
enum { KN_SESSION_PARAMS_MAX = 32 };

/* A course: the same session given several times, days or weeks apart (`course:`). */
enum { KN_COURSE_SESSIONS_MAX = 64 };
typedef struct kn_course {
  int nsession; /* sessions in the course, 2..KN_COURSE_SESSIONS_MAX; 0: a single session */
  double start[KN_COURSE_SESSIONS_MAX]; /* s, start of each session after the first's (start[0] =
                                           0), increasing; (nsession) are used */
} kn_course;

/* An exercise bout of one muscle that ended before the session (`exercise:`): the cause of
 * delayed-onset soreness over the next days, which massage after it may lower. */
typedef struct kn_exercise {
  int given;        /* 1 when the session names a bout; 0: none (the rest is unused) */
  int muscle;       /* atlas muscle index */
  int eccentric;    /* 1: lengthening (eccentric) contractions; 0: concentric (no soreness dose) */
  int contractions; /* number of contractions, 1..1000 */
  double level;     /* 0..1, load as a share of maximal voluntary contraction, default 1 */
  double before;    /* s, from the end of the bout to the session's start, 0..7 d */
} kn_exercise;

/* What is done. */
typedef struct kn_session {
  char name[64];                /* free text, may be empty */
  kn_practitioner practitioner; /* default professional */
  uint64_t seed;                /* RNG seed for the practitioner's variability, default 1 */
  int practitioner_percentile;  /* 1..99: every trait at this percentile in the harmful
                                   direction; 0: not given */
  int practitioner_seeded;      /* 1: draw the practitioner from practitioner_seed */
  uint64_t practitioner_seed;   /* seed of the practitioner's draw (with practitioner_seeded) */
  kn_giver giver;               /* hands (default) or a device: then no practitioner at all */
  double dt;                    /* s, simulation step, 0.1 ms..10 ms, default 1 ms */
  double record_interval;       /* s, time-series decimation, >= dt, default 0.1 s */
  double recovery;              /* s, simulated time after the last action, default 60 min */
  kn_hypothesis hypothesis_dehydration; /* role of dehydration in cramp, default lab */
  kn_hypothesis hypothesis_fatigue;     /* role of fatigue in cramp, default lab */
  kn_hypothesis hypothesis_cortisol;    /* massage and cortisol: LAB = meta-analysis, no effect
                                           (moyer2011, default); FIELD = field2005, secretion stops
                                           during calm strokes */
  size_t nparam;                        /* parameters set by the session (0: all defaults) */
  kn_param_setting params[KN_SESSION_PARAMS_MAX];
  size_t naction;     /* number of actions (>= 1) */
  kn_action *actions; /* (naction), owned by the session */
  char source[256];   /* file it was read from */
  /* `loads:` an apparatus attached to a joint's distal segment (Rack 1984, Walsh 1976): it holds
   * the joint instead of a posture's support, adds its inertia and applies a steady torque from the
   * start of the session */
  int loaded[KN_JOINT_COUNT];          /* 1 where a load is attached */
  double load_inertia[KN_JOINT_COUNT]; /* kg m^2, its inertia about the joint (mass x distance^2) */
  double load_torque[KN_JOINT_COUNT];  /* N m, its steady torque, positive in the joint's named
                                          direction (ankle: plantarflexion) */
  kn_course course;                    /* the course this session is given in (nsession 0: once) */
  kn_exercise exercise; /* `exercise:` a bout of one muscle that ended before the session */
} kn_session;

/* Fills an action with the defaults of its technique (speed, stroke length, rate, contact type and
 * its area; repetitions 1; start -1; region, landmark, muscle -1; force 0). a must not be NULL.
 * Defaults (speed, stroke length, rate, contact): effleurage 5 cm/s, 20 cm, -, palm; petrissage
 * 2 cm/s, 5 cm, 0.8 Hz, palm; friction 1 cm/s, 2 cm, 1.5 Hz, thumb; compression -, -, -, thumb;
 * tapotement -, -, 6 Hz, fingertips; deep_stroke 1.5 cm/s, 10 cm, -, forearm. */
KN_API void kn_action_init(kn_action *a, kn_action_kind kind);

/* Fills a subject with documented defaults. s must not be NULL. */
KN_API void kn_subject_default(kn_subject *s);

/* Reads a subject file. On error returns a negative kn_errno and fills diag (may be NULL). */
KN_API int kn_subject_load(const char *path, kn_subject *out, kn_diag *diag);
/* Same from text in memory; name is used in messages as the file name. */
KN_API int kn_subject_parse(const char *text, size_t len, const char *name, kn_subject *out,
                            kn_diag *diag);

/* Reads a session file into a newly allocated session (*out, free with kn_session_free). */
KN_API int kn_session_load(const char *path, kn_session **out, kn_diag *diag);
KN_API int kn_session_parse(const char *text, size_t len, const char *name, kn_session **out,
                            kn_diag *diag);
/* Frees a session; NULL is allowed. */
KN_API void kn_session_free(kn_session *s);

/* 1 for the hand strokes that press on the body (effleurage .. deep_stroke), 0 otherwise. */
KN_API int kn_action_is_stroke(kn_action_kind k);

/* Name of an action kind ("effleurage", ..., "rest", "posture", "stretch", "voluntary_contraction",
 * "electrical_stimulation", "heat", "drink"); "?" if out of range. */
KN_API const char *kn_action_kind_name(kn_action_kind k);
/* Name of a practitioner profile ("professional", "untrained_partner", "rough_partner"). */
KN_API const char *kn_practitioner_name(kn_practitioner p);
/* Name of a posture ("prone", ...). */
KN_API const char *kn_posture_name(kn_posture p);
/* Names as in the files: "ankle", ...; "hot_water", ...; "water", "electrolyte"; "?" if out of
 * range. */
KN_API const char *kn_joint_name(kn_joint j);
KN_API const char *kn_heat_method_name(kn_heat_method h);
KN_API const char *kn_fluid_name(kn_fluid f);

/* Parses one quantity such as "2.5 kgf/cm^2" and converts it to the SI unit si_unit ("Pa", "N",
 * "m/s", "s", "m", "m2", "Hz", "K"). A bare number is rejected unless default_unit is not NULL, in
 * which case it is taken in that unit. On error returns KN_EUNIT or KN_EPARSE and writes a message
 * (without file position) to msg. */
KN_API int kn_quantity_parse(const char *text, const char *si_unit, const char *default_unit,
                             double *out, char *msg, size_t msgsize);

#ifdef __cplusplus
}
#endif
#endif
