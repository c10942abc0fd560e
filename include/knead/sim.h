/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the simulation: a constant model and the data that holds all state (MuJoCo's split).
 *
 *   kn_model_create(subject, session) -> model   (atlas + subject + plan + parameters; constant)
 *   kn_data_create(model) -> data                (every state variable and buffer, allocated once)
 *   kn_step(model, data) / kn_run(model, data)   (no allocation, no I/O)
 *   kn_data_outcome(model, data)                 (peaks, grades, events, each with its evidence)
 *
 * One model may serve many data (threads); two simulations never share mutable state. */
#ifndef KNEAD_SIM_H
#define KNEAD_SIM_H

#include "knead/export.h"

#include <stddef.h>

#include "knead/atlas.h"
#include "knead/error.h"
#include "knead/nerve.h"
#include "knead/spec.h"
#include "knead/tissue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kn_model kn_model;
typedef struct kn_data kn_data;

/* Overall harm of a session, worst first wins. */
typedef enum kn_harm {
  KN_HARM_NONE = 0,       /* nothing expected */
  KN_HARM_DISCOMFORT = 1, /* pain during the massage, transient tingling, limits touched */
  KN_HARM_MINOR = 2,      /* likely bruise, likely soreness, reversible conduction block */
  KN_HARM_INJURY = 3,     /* structural nerve injury or muscle cell death */
  KN_HARM_SEVERE = 4      /* axonal nerve injury */
} kn_harm;
/* "none", "discomfort", "minor", "injury", "severe"; "?" out of range. */
KN_API const char *kn_harm_name(kn_harm h);
/* Parses a harm name; returns -1 if unknown. */
KN_API int kn_harm_parse(const char *name);

/* What one event is about. One list, X(suffix, name), generates the enum (KN_EV_<suffix>), the
 * names kn_event_kind_name() returns and the names of the monitor's reasons that are the same
 * conditions (knead/monitor.h), so a kind and its name can never drift apart. */
// clang-format off
#define KN_EVENT_KIND_MAP(X)                                                                       \
  X(ISO_PRESSURE, "iso_pressure")                /* surface pressure above the ISO/TS 15066 limit (region) */ \
  X(ISO_FORCE, "iso_force")                      /* force above the ISO/TS 15066 limit (region) */ \
  X(PAIN, "pain")                                /* pressure likely painful (region) */ \
  X(PRACTITIONER_EASED, "practitioner_eased")    /* a professional eased off after pain (region) */ \
  X(NERVE_ISCHAEMIA, "nerve_ischaemia")          /* intraneural perfusion below 50 % (nerve) */ \
  X(NERVE_PARESTHESIA, "nerve_paresthesia")      /* grade reached (nerve) */ \
  X(NERVE_BLOCK, "nerve_conduction_block")       /* grade reached (nerve) */ \
  X(NERVE_TRANSPORT, "nerve_transport_block")    /* fast axonal transport blocked (nerve) */ \
  X(NERVE_INJURY, "nerve_injury")                /* grade reached (nerve) */ \
  X(NERVE_SEVERE, "nerve_axonal_injury")         /* grade reached (nerve) */ \
  X(MUSCLE_DAMAGE, "muscle_damage")              /* muscle cell death threshold reached (muscle) */ \
  X(BRUISE_RISK, "bruise_risk")                  /* force or shear at >= bruise_risk_level of the bruise limit (region) */ \
  X(CLONIC_SPASM, "clonic_spasm")                /* sustained clonus: >= 5 involuntary beats at 2-10 Hz (muscle) */ \
  X(TONIC_SPASM, "tonic_spasm")                  /* involuntary contraction sustained for seconds, not a cramp (muscle) */ \
  X(CRAMP, "cramp")                              /* involuntary, strong, sustained, painful contraction (muscle) */ \
  X(CAROTID, "carotid_sinus_reflex")             /* carotid sinus reflex: pause >= 3 s or systolic fall >= 50 mmHg */ \
  X(ORTHOSTATIC, "orthostatic_dizziness")        /* blood pressure falls on standing up enough to make one dizzy */ \
  X(REFLEX_RESPONSE, "reflex_response")          /* normal reflex response: brief involuntary contraction, not harm */
// clang-format on

typedef enum kn_event_kind {
#define KN_EVENT_KIND_ENUM(suffix, name) KN_EV_##suffix,
  KN_EVENT_KIND_MAP(KN_EVENT_KIND_ENUM)
#undef KN_EVENT_KIND_ENUM
      KN_EV_COUNT
} kn_event_kind;
/* An initialiser element per kind, in enum order: { KN_EVENT_KIND_MAP(KN_EVENT_KIND_NAME) }. */
#define KN_EVENT_KIND_NAME(suffix, name) name,
KN_API const char *kn_event_kind_name(kn_event_kind k); /* e.g. "iso_pressure", "nerve_injury" */

typedef enum kn_site_kind {
  KN_SITE_REGION = 0,
  KN_SITE_NERVE = 1,
  KN_SITE_MUSCLE = 2,
  KN_SITE_BODY = 3 /* the whole body (site -1) */
} kn_site_kind;

/* An event: a condition that held from t_start to t_end, or a threshold crossed at t_start. */
typedef struct kn_event {
  double t_start; /* s */
  double t_end;   /* s; equal to t_start for a threshold crossing */
  kn_event_kind kind;
  kn_site_kind site_kind;
  int site;         /* atlas index of the region, nerve or muscle */
  int action;       /* index of the session action in progress, -1 if none */
  double value;     /* peak of the event's measure, in `unit` */
  const char *unit; /* static string, e.g. "ratio", "mmHg", "1" */
  kn_evidence evidence;
} kn_event;

typedef struct kn_region_outcome {
  int region;                /* atlas index */
  double p_peak;             /* Pa, highest surface pressure */
  double f_peak;             /* N, highest force of one contact */
  double p_ratio;            /* highest pressure / applicable ISO limit */
  double f_ratio;            /* highest force / applicable ISO limit */
  double t_over_limit;       /* s, time above an ISO limit */
  double t_occluded;         /* s, time with skin capillaries under a contact closed */
  double pain_peak;          /* 1, highest probability of pain */
  double t_pain;             /* s, time with pain probability above 0.5 */
  double shear_peak;         /* Pa, highest surface shear stress */
  double deep_shear_peak;    /* Pa, highest shear stress in the muscle layer under a contact */
  double bruise_index;       /* 1, max of force/limit and shear/reference (a margin, not a risk) */
  double bruise_dose;        /* s, integral of (bruise_index now - 1)^2 dt above the limit */
  double bruise_probability; /* 1, of a visible bruise, with the subject's skin fragility */
  kn_bruise_grade bruise;    /* read from bruise_probability (kn_bruise_grade_of) */
  double soreness_load;      /* s, integral of (pressure / mean pain threshold)^2 dt here */
  double soreness_probability; /* 1, that this site becomes sore */
  double force_rate_peak;      /* N/s, fastest rise of force (abrupt onsets) */
} kn_region_outcome;

typedef struct kn_nerve_outcome {
  int nerve;             /* atlas index */
  double depth;          /* m, depth in this subject */
  double p_peak;         /* Pa, highest pressure on the nerve */
  double perfusion_min;  /* 1 */
  double conduction_min; /* 1, large motor fibres (ischaemic and structural block) */
  double t_ischaemic;    /* s with perfusion below 50 % */
  double transport_dose; /* 1, highest fast-transport dose (>= 1 blocked) */
  double injury_dose;    /* 1 (>= 1 structural injury) */
  kn_nerve_grade grade;
  double t_grade;      /* s, when the grade was reached (-1 if none) */
  double recovery_min; /* s, expected recovery, range */
  double recovery_max;
  kn_evidence evidence;
  double conduction_sensory_min; /* 1, lowest share of large sensory fibres conducting */
  double conduction_small_min;   /* 1, lowest share of small (A-delta, C) fibres conducting */
  double conduction_end;         /* 1, large motor fibres conducting at the end of the run */
  double slow_transport_dose;    /* 1, highest slow-transport dose (>= 1 blocked) */
} kn_nerve_outcome;

typedef struct kn_muscle_outcome {
  int muscle;    /* atlas index */
  double p_peak; /* Pa, highest pressure at mid-belly */
  double damage; /* 1 (>= 1 cell death) */
  kn_evidence evidence;
} kn_muscle_outcome;

/* An involuntary contraction (spasm) of one muscle, classified when it ends. */
typedef enum kn_spasm_kind {
  KN_SPASM_CLONIC = 0,
  KN_SPASM_TONIC = 1,
  KN_SPASM_CRAMP = 2
} kn_spasm_kind;
KN_API const char *kn_spasm_kind_name(kn_spasm_kind k); /* "clonic spasm", "tonic spasm", "cramp" */

typedef struct kn_spasm {
  kn_spasm_kind kind;
  int muscle;            /* atlas index */
  double t_start, t_end; /* s */
  double peak_force;     /* N */
  double peak_fraction;  /* 1, of the muscle's maximum force */
  double frequency;      /* Hz, of the oscillation (clonic); 0 otherwise */
  int beats;             /* beats counted in the episode (clonic: >= nm_clonus_beats) */
  double mean_rate;      /* 1/s, mean firing rate of the firing units over the event */
  int action;            /* session action in progress at onset, -1 if none */
  const char *trigger;   /* static text: what started it */
  kn_evidence evidence;
  double rate_max, rate_min; /* 1/s, highest and lowest mean firing rate of the firing units over
                                the event (a cramp's discharge slows as its PICs inactivate) */
} kn_spasm;

/* The neuromuscular state of one simulated muscle over the session. */
typedef struct kn_nm_outcome {
  int muscle;             /* atlas index */
  double hreflex_ratio;   /* 1, lowest H-reflex amplitude relative to rest (relaxation: < 1) */
  double inhibited_time;  /* s with massage inhibiting its motoneurons */
  double force_peak;      /* N, highest force */
  double rest_force;      /* N, mean force while relaxed and untouched (tone) */
  double cramp_threshold; /* Hz, cramp threshold frequency at the start of the session */
  int nspasm;             /* spasms of this muscle */
  int reflex_responses;   /* normal reflex responses (not harm): involuntary contractions too brief,
                             weak or few-beated to be a spasm (docs/model.md) */
  double reflex_longest;  /* s, duration of the longest reflex response; 0 if none */
  double reflex_peak;     /* 1, highest involuntary force in them, fraction of maximum */
  double reflex_peak_force; /* N, highest muscle force during them */
  kn_evidence evidence;
} kn_nm_outcome;

/* Local circulation and temperature of one region (skin under the hands, the muscle layer). Flows
 * are relative to the subject's resting flow (1 = rest). */
typedef struct kn_circ_outcome {
  int region;                   /* atlas index */
  double skin_flow_min;         /* 1, lowest skin flow under a hand (occlusion) */
  double skin_flow_peak;        /* 1, highest skin flow (massage, heat, reactive hyperaemia) */
  double skin_flow_end;         /* 1, at the end of the session's last action */
  double muscle_flow_min;       /* 1, lowest muscle-layer flow under a hand */
  double muscle_flow_peak;      /* 1 */
  double hyperaemia_peak;       /* 1, highest skin flow within a minute after a release */
  double artery_flow_change;    /* 1, mean relative change of the limb artery inflow while worked */
  double skin_temperature_rest; /* K */
  double skin_temperature_peak; /* K */
  double muscle_temperature_rest; /* K */
  double muscle_temperature_peak; /* K */
  double potassium_peak;          /* mol/m^3, interstitial K+ in the muscle layer */
  double lactate_peak;            /* mol/m^3, interstitial lactate */
  kn_evidence evidence;
  double recovery_flow_early; /* 1, limb artery inflow 30 s after its muscles' last effort ended
                                 (post-exercise hyperaemia; 0 if no effort ended 30 s before the
                                 end of the run) */
  double recovery_flow_mean;  /* 1, its mean over the 10 min after that effort (or until the end) */
} kn_circ_outcome;

/* The whole body over the session and the recovery after it. */
typedef struct kn_systemic_outcome {
  double heart_rate_start, heart_rate_min, heart_rate_max, heart_rate_end; /* 1/s */
  double systolic_start, systolic_end, systolic_min, systolic_max;         /* Pa */
  double diastolic_start, diastolic_end, diastolic_min;                    /* Pa */
  double systolic_change;  /* Pa, mean over the last minute of the session minus the start */
  double diastolic_change; /* Pa, likewise */
  double cortisol_change;  /* 1, relative change at the end of the session */
  double core_temperature_start, core_temperature_peak; /* K */
  double hypohydration_start, hypohydration_end;        /* fraction of body mass */
  double longest_beat_interval;     /* s, longest R-R interval (asystole when >= 3 s) */
  double carotid_systolic_fall;     /* Pa, largest fall while the carotid sinus was pressed */
  int carotid_event;                /* 1 if this subject meets a carotid sinus criterion */
  double carotid_event_probability; /* 1, with unknown hypersensitivity: prevalence x response */
  double stand_rest;                /* s, supine rest before standing up (session + recovery) */
  double stand_systolic_fall;       /* Pa, on standing at the end: mean initial fall (<= 15 s) */
  double stand_sustained_fall;      /* Pa, mean sustained systolic fall (within 3 min) */
  double stand_diastolic_fall;      /* Pa, sustained diastolic fall */
  double
      ioh_probability;   /* 1, initial orthostatic hypotension (>= 40 mmHg): an event, no symptom */
  double oh_probability; /* 1, orthostatic hypotension (sustained >= 20 mmHg): an event */
  double dizziness_probability; /* 1, of symptomatic dizziness on standing up */
  int dizziness;                /* 1 if symptomatic dizziness is more likely than not */
  int symptoms_apply;  /* 1 when the symptom score's premise holds (acute illness or fever) */
  double symptom_load; /* 0..10, nausea/headache/flu-like feeling (A6); 0 unless symptoms_apply */
  kn_evidence evidence_heart, evidence_pressure, evidence_cortisol, evidence_carotid,
      evidence_orthostatic, evidence_symptoms;
  double stroke_volume_start, stroke_volume_end;   /* m^3, at rest and at the end of the session */
  double cardiac_output_start, cardiac_output_end; /* m^3/s, heart rate x stroke volume */
  kn_evidence evidence_output;                     /* of stroke volume and cardiac output */
  kn_evidence evidence_body;                       /* of core temperature and hydration */
} kn_systemic_outcome;

/* The times after a session (or an exercise bout) at which soreness over days is reported. */
enum { KN_SORENESS_TIMES = 4 };
/* s: 24, 48, 72 and 96 h (index < KN_SORENESS_TIMES). */
KN_API double kn_soreness_time(int index);

typedef struct kn_outcome {
  kn_harm harm;                     /* worst over everything below */
  kn_evidence harm_evidence;        /* weakest evidence among the outcomes that set `harm` */
  double duration;                  /* s simulated */
  size_t nregion;                   /* regions touched */
  const kn_region_outcome *regions; /* (nregion), owned by data */
  size_t nnerve;                    /* nerves and vessels in touched regions */
  const kn_nerve_outcome *nerves;   /* (nnerve) */
  size_t nmuscle;                   /* muscles in touched regions */
  const kn_muscle_outcome *muscles; /* (nmuscle) */
  size_t nnm;                       /* muscles simulated by the neuromuscular engine */
  const kn_nm_outcome *nm;          /* (nnm) */
  size_t nspasm;                    /* spasms and cramps, all muscles (not reflex responses) */
  const kn_spasm *spasms;           /* (nspasm), in order of their end */
  size_t nevent;
  const kn_event *events;      /* (nevent), in order of t_start */
  size_t nevent_dropped;       /* events not recorded because the buffer was full */
  double bruise_probability;   /* 1, of a visible bruise anywhere (any region) */
  double soreness_load;        /* s, pressure-pain load summed over sites */
  double soreness_probability; /* 1, that any worked site becomes sore */
  double soreness_onset;       /* s after the session */
  double soreness_duration;    /* s */
  kn_evidence evidence_iso, evidence_pain, evidence_nerve, evidence_muscle, evidence_bruise,
      evidence_soreness;
  size_t ncirc;                /* regions with circulation (= nregion) */
  const kn_circ_outcome *circ; /* (ncirc) */
  kn_systemic_outcome systemic;
  /* soreness over days, read in closed form after the run (docs/model.md, "Soreness over days") */
  double soreness_at[KN_SORENESS_TIMES]; /* 1, chance this session's soreness is felt at each of
                                            kn_soreness_times after the session's end */
  int doms_given;           /* 1 when the session names an exercise bout (kn_exercise) */
  double doms_peak;         /* 0..10, the bout's peak soreness without massage */
  double doms_massage_time; /* s of massage on the exercised muscle's region within the window */
  double doms_factor;       /* 0..1, massage's factor on the bout's soreness (1: none) */
  double doms_at[KN_SORENESS_TIMES]; /* 0..10, the bout's soreness at each of kn_soreness_times
                                        after the bout, massage included */
  kn_evidence evidence_doms;         /* of doms_* */
} kn_outcome;

/* Builds a model. subject may be NULL (defaults). On error returns a negative kn_errno and fills
 * diag (may be NULL). *out is NULL on error. */
KN_API int kn_model_create(const kn_subject *subject, const kn_session *session, kn_model **out,
                           kn_diag *diag);
KN_API void kn_model_free(kn_model *m); /* NULL allowed */

KN_API double kn_model_duration(const kn_model *m); /* s */
KN_API double kn_model_dt(const kn_model *m);       /* s */
KN_API const kn_subject *kn_model_subject(const kn_model *m);
KN_API const kn_session *kn_model_session(const kn_model *m);
/* The practitioner drawn for this model (owned by m): the profile's median person unless the
 * session gives practitioner_percentile or practitioner_seed. */
KN_API const kn_practitioner_traits *kn_model_practitioner(const kn_model *m);

/* What the outcome of one region is compared to, for this model's subject. */
typedef struct kn_region_limits {
  double p_limit;           /* Pa, ISO/TS 15066 quasi-static pressure limit of its body area */
  double f_limit;           /* N, ISO/TS 15066 quasi-static force limit */
  double pain_threshold;    /* Pa, mean pressure pain threshold, scaled for the subject */
  double pain_threshold_sd; /* Pa, its standard deviation among people */
} kn_region_limits;
/* The limits of atlas region `region`: KN_OK, or KN_ENOTFOUND if the session does not reach it
 * (*out untouched). */
KN_API int kn_model_region_limits(const kn_model *m, int region, kn_region_limits *out);
/* Pa, the pressure on a nerve at which its intraneural perfusion halves (nerve_perfusion_p50, as
 * the session's parameters set it): below it a nerve is not worth listing. */
KN_API double kn_model_nerve_p50(const kn_model *m);
/* s, start and end of action i of the session as scheduled; KN_OK or KN_EINVAL (out of range). */
KN_API int kn_model_action_times(const kn_model *m, size_t i, double *start, double *end);

/* Allocates all state for m, reset to t = 0. */
KN_API int kn_data_create(const kn_model *m, kn_data **out);
KN_API void kn_data_free(kn_data *d); /* NULL allowed */
/* Back to t = 0 with the session's seed (and the nerves carried in, if any); no allocation. */
KN_API void kn_data_reset(const kn_model *m, kn_data *d);
/* The nerve parameters of m (the parameter table with the session's settings); owned by m. */
KN_API const kn_nerve_params *kn_model_nerve_params(const kn_model *m);
/* Starts d's nerves from what an earlier session left them (a course): carry[i] is the state of
 * atlas nerve i (ncarry of them, up to kn_atlas_nerve_count()), already aged over the days between
 * (kn_nerve_carry_age); the model's nerves beyond ncarry start at rest. d goes back to t = 0
 * (kn_data_reset), and every later kn_data_reset starts from the same carried states; carry NULL
 * goes back to nerves at rest. No allocation. KN_OK, KN_EINVAL if m or d is NULL. */
KN_API int kn_data_carry_nerves(const kn_model *m, kn_data *d, const kn_nerve_carry *carry,
                                size_t ncarry);
/* What d's nerves would carry to a later session now: fills carry[i] for each atlas nerve i
 * (< ncarry) of the model and leaves the other entries as they are. */
KN_API void kn_data_nerve_carry(const kn_model *m, const kn_data *d, kn_nerve_carry *carry,
                                size_t ncarry);

/* One step of dt. Returns 1 while the session goes on, 0 once it has ended, or a negative kn_errno
 * if a stage failed (KN_ENONFINITE: a simulated quantity became infinite or not a number); after a
 * failure every further call returns the same error until kn_data_reset. No allocation. */
KN_API int kn_step(const kn_model *m, kn_data *d);
/* Steps to the end. progress (may be NULL) is called about every 1 % with the fraction done.
 * Returns KN_OK, or the error of the step that failed (kn_data_error_stage says where). */
KN_API int kn_run(const kn_model *m, kn_data *d, void (*progress)(double fraction, void *ctx),
                  void *ctx);
KN_API double kn_data_time(const kn_data *d); /* s */

/* The stages of a simulation step, in the order of the data flow (docs/architecture.md). */
typedef enum kn_stage_id {
  KN_STAGE_NONE = 0,
  KN_STAGE_PROTOCOL = 1,      /* the plan to the hands */
  KN_STAGE_MECHANICS = 2,     /* surface loads and stress at depth */
  KN_STAGE_NERVE = 3,         /* nerve compression */
  KN_STAGE_TISSUE = 4,        /* muscle damage, soreness load */
  KN_STAGE_NEUROMUSCULAR = 5, /* motor units, reflexes, spasms */
  KN_STAGE_CIRCULATION = 6,   /* local flow, temperature, metabolites */
  KN_STAGE_SYSTEMIC = 7,      /* the whole body */
  KN_STAGE_EVENTS = 8,        /* events and outcome peaks */
  KN_STAGE_RECORDER = 9       /* the time series */
} kn_stage_id;
/* Name of a stage, e.g. "circulation"; "none" for KN_STAGE_NONE; never NULL. */
KN_API const char *kn_stage_name(kn_stage_id s);
/* KN_OK, or the error a step of d returned (sticky until kn_data_reset). */
KN_API int kn_data_error(const kn_data *d);
/* The stage whose step failed, KN_STAGE_NONE if none has. */
KN_API kn_stage_id kn_data_error_stage(const kn_data *d);
/* s, simulated time at the start of the failed step; 0 if none has failed. */
KN_API double kn_data_error_time(const kn_data *d);
/* Formats "simulation failed at t = 12.345 s in stage circulation: <kn_strerror>" into buf (always
 * NUL-terminated); "" if no step has failed. Returns the length the full text needs. */
KN_API int kn_data_error_format(const kn_data *d, char *buf, size_t size);

/* The outcome so far (complete after kn_run). Pointers are owned by d and valid until the next
 * step, reset or free. */
KN_API const kn_outcome *kn_data_outcome(const kn_model *m, kn_data *d);

/* Time series recorded every record_interval: ncol columns named with their unit
 * (e.g. "p_nerve_spinal_accessory_mmHg"); values row-major (nrow x ncol). Column 0 is "t_s".
 * Each row holds the maximum, minimum or last value of each column over its interval, so peaks
 * survive decimation. */
KN_API size_t kn_series_ncol(const kn_model *m);
KN_API const char *kn_series_name(const kn_model *m, size_t col);
/* Rows a whole run of m records at most (at record_interval): the projected size of the series,
 * known before the run. */
KN_API size_t kn_series_rows_max(const kn_model *m);

/* What kind of site a column is about. */
typedef enum kn_column_site {
  KN_COLUMN_TIME = 0,   /* the time column, "t_s" */
  KN_COLUMN_HAND = 1,   /* one hand or tool (site: its number, from 1) */
  KN_COLUMN_REGION = 2, /* a body region (site: atlas index) */
  KN_COLUMN_NERVE = 3,  /* a nerve or vessel (site: atlas index) */
  KN_COLUMN_MUSCLE = 4, /* a muscle (site: atlas index) */
  KN_COLUMN_BODY = 5    /* the whole body (site: -1) */
} kn_column_site;
/* "time", "hand", "region", "nerve", "muscle", "body"; "?" out of range. */
KN_API const char *kn_column_site_name(kn_column_site k);

/* How a column is reduced over one record interval (and when kept rows are halved). */
typedef enum kn_column_reduce {
  KN_REDUCE_LAST = 0, /* the last value */
  KN_REDUCE_MAX = 1,  /* the highest */
  KN_REDUCE_MIN = 2   /* the lowest */
} kn_column_reduce;
/* "last", "max", "min"; "?" out of range. */
KN_API const char *kn_column_reduce_name(kn_column_reduce r);

#define KN_COLUMN_NAME_MAX 64 /* bytes of a column or site name, NUL included */

/* What one column of the time series is: the one description the CSV header, summary readers and
 * the report share (docs/outputs.md, "time series columns"). */
typedef struct kn_column_info {
  char name[KN_COLUMN_NAME_MAX];      /* as in timeseries.csv, e.g. "p_nerve_radial_mmHg" */
  char site_name[KN_COLUMN_NAME_MAX]; /* atlas name, "hand1", or "" (time, whole body) */
  kn_column_site site_kind;
  int site;             /* atlas index, hand number from 1, or -1 (time, whole body) */
  const char *quantity; /* static: what it measures, the name without site and unit ("p_nerve") */
  const char *title;    /* static: the quantity for people, e.g. "Pressure on nerves and vessels" */
  const char *topic;    /* static: "contact", "nerve", "muscle_activity", "muscle_pressure",
                           "circulation", "temperature", "systemic" or "time" */
  const char *unit;     /* static: the unit the values are written in, e.g. "mmHg", "1" */
  kn_column_reduce reduce;
  int has_evidence;        /* 0: no level of its own (the clock, the plan's contact, a model-derived
                              quantity with no outcome behind it): say "model derived" */
  kn_evidence evidence;    /* the level of the outcome this column feeds (valid if has_evidence) */
  double limit;            /* in `unit`, the threshold the model compares it to; NaN if none */
  const char *limit_name;  /* static: what the limit is; NULL if none */
  const char *limit_param; /* static: the parameter (kn_param_find) it comes from; NULL if fixed */
  int slow;                /* 1: circulation and the whole body, updated every 10 ms */
} kn_column_info;

/* Column col of m's series (owned by m); NULL if col >= kn_series_ncol(m). Limits come from the
 * model's parameters (a session's `parameters:` included). */
KN_API const kn_column_info *kn_series_column(const kn_model *m, size_t col);
/* The description of a column from its name alone (e.g. a timeseries.csv header of an earlier
 * run): limits at the parameters' defaults. 1 if the name is one knead writes, else 0 with *out
 * holding the name, site kind body and no unit, evidence or limit. */
KN_API int kn_series_column_find(const char *name, kn_column_info *out);

/* What a key of a site's object in summary.json holds. */
typedef enum kn_quantity_kind {
  KN_QUANTITY_NUMBER = 0,   /* a number in `unit` */
  KN_QUANTITY_COUNT = 1,    /* a whole number (unit "1") */
  KN_QUANTITY_FLAG = 2,     /* true or false */
  KN_QUANTITY_TEXT = 3,     /* a name or a grade */
  KN_QUANTITY_EVIDENCE = 4, /* an evidence level, or an object of them by outcome */
  KN_QUANTITY_OBJECT = 5    /* an object of its own (e.g. a haemodynamic event and its kind) */
} kn_quantity_kind;
/* "number", "count", "flag", "text", "evidence", "object"; "?" out of range. */
KN_API const char *kn_quantity_kind_name(kn_quantity_kind k);

/* What one key of a site's outcome in summary.json is (docs/cli.md, summary.json): the one
 * description summary.json's writer and the report share, so no reader parses key names. */
typedef struct kn_quantity_info {
  kn_column_site site_kind; /* region, nerve, muscle or body */
  const char *group;        /* static: the object's path in summary.json, "/" separated; an array
                               of one object per site ("regions") or one object ("systemic/heart") */
  const char *key;          /* static: the key in that object, e.g. "p_peak_kPa" */
  const char *title;  /* static: the quantity for people, e.g. "Highest pressure on the skin" */
  const char *suffix; /* static: the unit as the key ends in it ("kPa", "pct"); "" if none */
  const char *unit;   /* static: the unit of the value, e.g. "kPa", "%", "1"; "" for text */
  kn_quantity_kind kind;
  const char *evidence_key; /* static: where summary.json holds the level the outcome gives this
                               quantity: a path in the same object ("evidence", "evidence/pain") or
                               from the root when it starts with "/" ("/soreness/evidence"); NULL:
                               no level of its own, say "model derived" */
  const char *limit_key;    /* static: the key in the same object holding the limit the model
                               compares it to (in `unit`); NULL if none */
  const char *limit_name;   /* static: what the limit is; NULL if none */
} kn_quantity_info;

/* Rows of the outcome's quantity table: one per key of each site's object summary.json writes. */
KN_API size_t kn_outcome_quantity_count(void);
/* Row i of the table (static); NULL if i >= kn_outcome_quantity_count(). */
KN_API const kn_quantity_info *kn_outcome_quantity(size_t i);
/* The row of key in group; NULL if summary.json writes no such key there. */
KN_API const kn_quantity_info *kn_outcome_quantity_find(const char *group, const char *key);

/* Rows kept in memory: a run records any number of rows but d keeps at most this many (memory
 * independent of the session's length); stream the full series with kn_data_set_series_sink. */
#define KN_SERIES_KEPT_ROWS 4096
/* The longest span from the start to the end of the last action (s); kn_model_create refuses a
 * longer session (KN_ERANGE, pointing at the action that ends last), so a run's time is bounded. */
#define KN_SESSION_SPAN_MAX (24.0 * 3600.0)

/* The rows kept in memory (kn_series_nrow of them): every row while the run has recorded at most
 * KN_SERIES_KEPT_ROWS; beyond that, neighbouring rows are reduced two into one (max, min or last
 * by column) as often as needed, so the kept rows span the whole run at kn_series_interval. */
KN_API size_t kn_series_nrow(const kn_data *d);
KN_API const double *kn_series_values(const kn_data *d);
/* s, the interval of the kept rows: record_interval times 1, 2, 4, ... */
KN_API double kn_series_interval(const kn_model *m, const kn_data *d);

/* Receives each recorded row as it is made, at record_interval: nrow rows of ncol values,
 * row-major, valid only during the call. Called from kn_step: it must not touch d. */
typedef void (*kn_series_sink)(void *ctx, const double *rows, size_t nrow, size_t ncol);
/* Streams every row of the series to sink (NULL: none) from now on, so the full series of a run of
 * any length can be written without holding it; kept across kn_data_reset. The library never
 * writes by itself: the caller's sink decides where rows go (see kn_report_series_sink). */
KN_API void kn_data_set_series_sink(kn_data *d, kn_series_sink sink, void *ctx);
/* 1 if a series sink is set. */
KN_API int kn_data_has_series_sink(const kn_data *d);
/* Bytes kn_data_create allocated for d: fixed by the model's sites and columns, independent of the
 * session's length (the series kept in memory is at most KN_SERIES_KEPT_ROWS rows). */
KN_API size_t kn_data_bytes(const kn_data *d);

#ifdef __cplusplus
}
#endif
#endif
