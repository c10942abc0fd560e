/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the validation library: a case is a row of a table (what is compared, the paper's number,
 * the kind of evidence it gives) that names the kind of experiment it runs and that experiment's
 * description. One run function per kind of experiment; the tables live in cases*.c.
 *
 * Validation uses the public API only (the headers in include/knead) and changes the model's
 * parameters only through the session's `parameters:` (kn_session.params). */
#ifndef KN_VALIDATE_INTERNAL_H
#define KN_VALIDATE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "knead/cohort.h"
#include "knead/error.h"
#include "knead/sim.h"
#include "knead/units.h"
#include "knead/validate.h"

typedef struct kn_case kn_case;
/* Runs the experiment of case c and sets r->model (and r->paper where the paper's number is
 * computed, r->model_* for population cases); r was filled from c. Returns 0 or a kn_errno. */
typedef int (*kn_case_run_fn)(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* One validation case. Its kind is read against the parameter table (src/core/params.h): a
 * calibration when a parameter was set from its number, or from the same figure of the paper (the
 * parameters it set are named in `sets`, and the validation test checks that each of them cites
 * the case's source); a verification when it checks the code against a closed form or the paper's
 * own equations; a prediction only when nothing was chosen to match it. Where in doubt, a case is
 * not a prediction. The comments marked "kind:" in the tables say why. */
struct kn_case {
  const char *id, *group, *source, *what, *paper_text; /* as in kn_validation_result */
  kn_check_kind check;
  double paper, lo, hi; /* the number (NAN: computed by the run), or the band */
  const char *unit;
  kn_case_kind kind;        /* verification, calibration or prediction (SCIENCE.md §6) */
  const char *sets;         /* calibration: the parameters its number set */
  const char *disagreement; /* why the model is known not to reproduce it, or NULL */
  kn_case_run_fn run;       /* the kind of experiment */
  const void *exp;          /* its description: the struct that run reads */
};

/* Shorthands for the tables: the check, and the kind with what a calibration set. */
#define KN_VALUE(x) .check = KN_CHECK_VALUE, .paper = (x)
#define KN_BAND(a, b) .check = KN_CHECK_BAND, .paper = NAN, .lo = (a), .hi = (b)
#define KN_YES .check = KN_CHECK_TRUE, .paper = 1, .unit = "yes=1"
#define KN_VER .kind = KN_CASE_VERIFICATION
#define KN_CAL(what_set) .kind = KN_CASE_CALIBRATION, .sets = (what_set)
#define KN_PRE .kind = KN_CASE_PREDICTION

/* ---- closed forms and single modules (run_formula.c) -------------------------------------------
 * A function of the public modules (mechanics, nerve, tissue, the motor-unit pool, the Hill
 * curves) at given arguments, without a session. */
typedef struct kn_formula_exp {
  int (*model)(const double *arg, kn_validation_result *r); /* sets r->model (and r->paper) */
  double arg[4];
} kn_formula_exp;
int kn_run_formula(kn_validation *v, const kn_case *c, kn_validation_result *r);
int kn_formula_boussinesq(const double *arg, kn_validation_result *r);      /* z/a, r/a */
int kn_formula_stress_table(const double *arg, kn_validation_result *r);    /* r/a, z/a */
int kn_formula_perfusion(const double *arg, kn_validation_result *r);       /* mmHg */
int kn_formula_death_threshold(const double *arg, kn_validation_result *r); /* h */
int kn_formula_block_time(const double *arg, kn_validation_result *r);      /* mmHg, cuff m */
int kn_formula_twitch_gain(const double *arg, kn_validation_result *r);     /* T/ISI */
int kn_formula_recruitment(const double *arg, kn_validation_result *r);
int kn_formula_pool_force(const double *arg, kn_validation_result *r); /* 0: Emax/2, 1: E = RR */
int kn_formula_fl_width(const double *arg, kn_validation_result *r);
int kn_formula_fv_half(const double *arg, kn_validation_result *r);

/* ---- a nerve or a muscle under constant pressure (run_formula.c) ------------------------------
 */
typedef enum kn_exposure_reading {
  KN_READ_TRANSPORT_BLOCKED = 0, /* nerve: fast axonal transport blocked */
  KN_READ_TRANSPORT_OPEN,        /* nerve: not blocked */
  KN_READ_NERVE_UNINJURED,       /* nerve: below structural injury */
  KN_READ_NERVE_INJURED,         /* nerve: structural injury or worse */
  KN_READ_NERVE_SEVERE,          /* nerve: axonal injury */
  KN_READ_NERVE_RECOVERED,       /* nerve: conducting again (> 99 %) and uninjured */
  KN_READ_MUSCLE_DEAD,           /* muscle: cell death (damage >= 1) */
  KN_READ_MUSCLE_ALIVE           /* muscle: no cell death */
} kn_exposure_reading;
typedef struct kn_exposure_exp {
  double pressure;   /* mmHg on a nerve, kPa on a muscle */
  double length;     /* m of nerve loaded; 0: the parameter nerve_edge_length (a small cuff) */
  double time;       /* s under pressure */
  double time_after; /* s unloaded afterwards */
  kn_exposure_reading read;
} kn_exposure_exp;
int kn_run_exposure(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* ---- a nerve's fibre classes, transport clocks and lesion over a course (run_nerve.c) ---------
 */
typedef enum kn_nerve_course_reading {
  KN_READ_SENSORY_LEAD,     /* min by which complete sensory block precedes motor block */
  KN_READ_NO_SENSORY_BLOCK, /* yes: the large sensory fibres never all block */
  KN_READ_FAST_DOSE,        /* fast-transport dose at the end of the exposure */
  KN_READ_SLOW_DOSE,        /* slow-transport dose at the end of the exposure */
  KN_READ_MOTOR_END,        /* % of large motor fibres conducting at the end (after time_after) */
  KN_READ_SMALL_SPARED      /* yes: small fibres conduct better than large motor ones at the end */
} kn_nerve_course_reading;
typedef struct kn_nerve_course_exp {
  double pressure;   /* mmHg on the nerve */
  double length;     /* m loaded; 0: the parameter nerve_edge_length (a small cuff) */
  double time;       /* s under pressure */
  double time_after; /* s unloaded afterwards */
  kn_nerve_course_reading read;
} kn_nerve_course_exp;
int kn_run_nerve_course(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* ---- whole sessions (run_session.c) -----------------------------------------------------------
 * A plan is a list of actions written as data: the atlas by name, a field left 0 or NULL keeps the
 * technique's default (kn_action_init). */
typedef struct kn_plan_row {
  kn_action_kind kind;
  const char *region;   /* NULL: the muscle's region, or none */
  const char *landmark; /* NULL: none */
  const char *muscle;   /* NULL: none */
  const char *contact;  /* NULL: the technique's; with it its typical area unless keep_area */
  int keep_area;        /* 1: a contact type without its own area (the technique's stays) */
  double force, duration;
  int repetitions;                  /* 0: once */
  double rest;                      /* s between repetitions */
  double level;                     /* voluntary contraction */
  double angle;                     /* rad, stretch */
  double ankle;                     /* rad, posture: the ankle held (posture rows always set it) */
  double frequency, frequency_step; /* Hz, stimulation; the share stimulated is the default */
  kn_heat_method heat;
  double temperature; /* K, heat; 0: the default */
  kn_fluid fluid;
  double volume;                /* m^3, drink */
  double velocity, contraction; /* rad/s and share of maximum, stretch (0: the defaults) */
  kn_stim_target target;        /* stimulation: KN_STIM_IA, H-reflex test pulses (no motor axons) */
} kn_plan_row;

/* How a case's subject differs from the default one (0: as the default). */
typedef struct kn_subject_change {
  double age, cramps_per_month, hypohydration, exertion;
  int cramp_training, hypertension, carotid_sinus_hypersensitivity;
  double systolic, diastolic, core_temperature; /* Pa, Pa, K */
  double spasticity;                            /* modified Ashworth grade */
  double muscle_temperature;                    /* K, of the massaged limbs' muscles */
} kn_subject_change;

/* A load attached to a joint (the session's `loads:`): mass at a distance, and a steady torque. */
typedef struct kn_load_change {
  kn_joint joint;
  double mass, distance, torque; /* kg, m, N m (positive in the joint's named direction) */
} kn_load_change;

/* A parameter changed through the session's `parameters:`, as a factor on its default; outside
 * the 0.1..10 x guard only where the case says so (kn_param_setting.unguarded). */
typedef struct kn_param_change {
  const char *name;
  double factor;
  int unguarded; /* 1: a condition beyond the guard's range on purpose */
} kn_param_change;

/* What is read from a session's outcome. */
typedef enum kn_reading {
  KN_READ_ARTERY_FLOW = 0,  /* %, limb artery inflow change (region) */
  KN_READ_SKIN_WARMING,     /* degC, skin temperature peak - rest (region) */
  KN_READ_SKIN_FLOW_MIN,    /* x rest (region) */
  KN_READ_MUSCLE_WARMING,   /* degC, muscle temperature peak - rest (region) */
  KN_READ_SKIN_FLOW_RISE,   /* %, skin flow peak - 1 (region) */
  KN_READ_HYPERAEMIA_RISE,  /* x rest, skin flow after release - 1 (region) */
  KN_READ_OCCLUDED_30S,     /* yes: skin capillaries closed > 30 s (region) */
  KN_READ_NEVER_OCCLUDED,   /* yes: never closed (region) */
  KN_READ_BRUISE_UNLIKELY,  /* yes: bruise probability < 1 % (region) */
  KN_READ_BRUISE_LIKELY,    /* yes: bruise graded likely (region) */
  KN_READ_SORENESS,         /* probability of soreness (whole session) */
  KN_READ_SYSTOLIC_CHANGE,  /* mmHg */
  KN_READ_DIASTOLIC_CHANGE, /* mmHg */
  KN_READ_CORTISOL_CHANGE,  /* % */
  KN_READ_HEART_RATE_START, /* 1/s */
  KN_READ_LONGEST_BEAT,     /* s */
  KN_READ_CAROTID_FALL,     /* mmHg */
  KN_READ_INJURY_GRADE,     /* yes: structural injury or worse (nerve) */
  KN_READ_NERVE_UNHARMED,   /* yes: no effect at all (nerve) */
  KN_READ_RECOVERY_COVERS,  /* yes: expected recovery range contains `at` s (nerve) */
  KN_READ_HREFLEX,          /* ratio, H-reflex relative to rest (muscle) */
  KN_READ_CRAMP_RATE,       /* 1/s, mean discharge of the first cramp (muscle; KN_EINTERNAL
                               without one) */
  KN_READ_CRAMP_DURATION,   /* s, of the first cramp (the same) */
  KN_READ_CRAMPED,          /* yes: the muscle cramped */
  KN_READ_NOT_CRAMPED,      /* yes: it did not */
  KN_READ_CRAMP_END_AFTER,  /* s from `at` to the end of the first cramp (NAN without one) */
  KN_READ_CLONUS_FREQUENCY, /* Hz of the muscle's clonic spasm, 0 if none */
  KN_READ_NO_CLONUS,        /* yes: no clonic spasm */
  KN_READ_RECOVERY_EARLY,   /* x rest, artery inflow 30 s after the last effort (region) */
  KN_READ_RECOVERY_MEAN,    /* x rest, its mean over the 10 min after (region) */
  KN_READ_RECOVERY_SHAPE,   /* min, 10-min inflow integral / inflow at 30 s (region) */
  KN_READ_OUTPUT_CHANGE,    /* %, cardiac output at the end of the session vs the start */
  KN_READ_STROKE_CHANGE,    /* %, stroke volume likewise */
  KN_READ_DIASTOLIC_SHARE,  /* 1, diastolic change / systolic change */
  KN_READ_CRAMP_RATE_MAX,   /* 1/s, highest mean discharge of the first cramp (as CRAMP_RATE) */
  KN_READ_CRAMP_RATE_MIN    /* 1/s, lowest mean discharge of the first cramp (the same) */
} kn_reading;

/* One session: the plan, who receives it and gives it, and what is read where. */
typedef struct kn_session_exp {
  const kn_plan_row *plan;
  size_t nplan;
  const kn_subject_change *subject; /* NULL: the default subject */
  kn_practitioner practitioner;     /* default professional */
  double dt;                        /* s; 0: 1 ms */
  const kn_param_change *params;    /* NULL or a list ending with a NULL name */
  double force_scale; /* 0: the plan's forces; otherwise the first row's force is this many... */
  int force_of;       /* ...mmHg under its contact (KN_FORCE_MMHG) or ISO limits (KN_FORCE_ISO) */
  const char *region, *nerve, *muscle; /* where the outcome is read (NULL: not there) */
  kn_reading read;
  double at;                  /* s, for the readings that need a time */
  const kn_load_change *load; /* NULL: no load */
} kn_session_exp;
enum { KN_FORCE_PLAN = 0, KN_FORCE_MMHG = 1, KN_FORCE_ISO = 2 };
#define KN_PLAN(rows) .plan = (rows), .nplan = sizeof(rows) / sizeof((rows)[0])
int kn_run_session(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* Two sessions that differ in one thing, and how their readings combine into the model's number.
 */
typedef struct kn_pair_exp {
  const kn_session_exp *a, *b;
  double (*combine)(double a, double b);
} kn_pair_exp;
int kn_run_pair(kn_validation *v, const kn_case *c, kn_validation_result *r);
double kn_combine_ratio(double a, double b);     /* b / a */
double kn_combine_both(double a, double b);      /* a and b both yes */
double kn_combine_less(double a, double b);      /* yes if a < b */
double kn_combine_per_fever(double a, double b); /* (b - a) in beats/min per degC of 1.4 degC */

/* Runs a session experiment; its reading in *value. */
int kn_session_reading(const kn_session_exp *e, double *value);

/* What a session left at the sites asked about (region, nerve, muscle of the experiment). */
typedef struct kn_probe {
  int region, nerve, muscle; /* atlas indices asked about, -1: none */
  int region_found, nerve_found;
  kn_region_outcome region_out;
  kn_nerve_outcome nerve_out;
  kn_circ_outcome circ;
  kn_systemic_outcome sys;
  double soreness;         /* probability of soreness after the session */
  kn_nm_outcome nm;        /* the muscle's neuromuscular outcome */
  double clonus_frequency; /* Hz of the muscle's clonic spasm, 0 if none */
  int ncramp;              /* the muscle's cramps */
  int skip;                /* cramps passed over before the one kept in `first` */
  kn_spasm first;          /* the first cramp after those skipped */
  int ramp;                /* index of the (last) stimulation action, -1 if none */
  int first_rep;           /* train of that ramp after which `first` began */
} kn_probe;
/* Runs a session experiment (its reading is not used) and fills *p. Shared by the cramp tests. */
int kn_session_probe(const kn_session_exp *e, int skip, kn_probe *p);
/* An action from a plan row; KN_ENOTFOUND for a name the atlas does not have. */
int kn_plan_action(const kn_plan_row *row, kn_action *a);
/* The default subject with the change c (NULL: none). */
void kn_subject_of(const kn_subject_change *c, kn_subject *s);

/* ---- evoked reflexes (run_reflex.c) ----------------------------------------------------------
 * The EMG a muscle gives to test stretches, read from the time series at every step: summed over
 * `window` s from each test's onset. A session's tests are averaged in two groups (`ref` from
 * ref_first, `test` from test_first, nref and ntest of them, onsets in s); a second plan (NULL:
 * the same session) gives the test group where a control session is compared with a
 * conditioned one. */
enum { KN_REFLEX_TESTS_MAX = 12 };
typedef enum kn_reflex_reading {
  KN_REFLEX_RATIO = 0,     /* mean test reflex / mean reference reflex */
  KN_REFLEX_LARGER,        /* yes: the test reflex is larger than the reference one */
  KN_REFLEX_LATENCY_MS,    /* ms from the first reference onset to the first EMG after it */
  KN_REFLEX_LESS_DEPRESSED /* yes: second / first test reflex larger in plan_test's run than
                              in plan's (nref = ntest = 2, the same onsets) */
} kn_reflex_reading;
typedef struct kn_reflex_exp {
  const kn_plan_row *plan, *plan_test; /* plan_test NULL: the tests are in `plan` too */
  size_t nplan, nplan_test;
  const char *muscle;
  double ref[KN_REFLEX_TESTS_MAX], test[KN_REFLEX_TESTS_MAX]; /* s, onsets */
  int nref, ntest;
  double window; /* s */
  kn_reflex_reading read;
  /* the subjects of `plan` and of `plan_test` (NULL: the default subject) */
  const kn_subject_change *subject, *subject_test;
} kn_reflex_exp;
int kn_run_reflex(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* ---- cramp threshold frequency (run_ctf.c) ----------------------------------------------------
 * The test of Miller & Knight 2009: lying prone, ankle at 0.5 rad, 2 s stimulation trains at
 * rising frequency 30 s apart, until a train leaves a cramp; the threshold is that train's rate. */
typedef struct kn_ctf_exp {
  const char *muscle;
  const kn_subject_change *before; /* the subject tested first (NULL: the default) */
  const kn_subject_change *after;  /* the subject tested second (NULL: no second test) */
  const kn_plan_row *first;        /* done before the second test's ramp (a drink), or NULL */
  double wait;                     /* s of rest between it and the ramp */
  int skip;                        /* cramps it provokes itself, passed over */
  double from0, from1, step;       /* Hz: start of the first and the second ramp, and the step */
  int trains;
} kn_ctf_exp;
/* The threshold (one test) or its change (second - first). */
int kn_run_ctf(kn_validation *v, const kn_case *c, kn_validation_result *r);
/* Manjra 1996: one test per muscle (exp: three kn_ctf_exp); yes if they cramp in that order. */
int kn_run_ctf_ranking(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* ---- population incidences (run_population.c) -------------------------------------------------
 */
typedef struct kn_population_exp {
  const char *row; /* outcome row of the cohort (kn_cohort_outcome_name) */
  int profile;     /* 0 professional, 1 untrained partner */
  int subject;     /* 1: the dehydrated subject alone, 0: the cohort */
} kn_population_exp;
int kn_run_population(kn_validation *v, const kn_case *c, kn_validation_result *r);

/* A validation run (knead/validate.h): options, and the population cohort's counts once run. */
enum { KN_POP_MAX_OUTCOMES = 16, KN_POP_PROFILES = 2 };
struct kn_validation {
  kn_validation_options opt;
  int cohort_state;            /* 0 not run, 1 run, negative kn_errno: the run failed */
  uint64_t n[KN_POP_PROFILES]; /* subjects with a result, per profile */
  uint64_t k[KN_POP_MAX_OUTCOMES][KN_POP_PROFILES];       /* subjects with outcome (cohort row) */
  int subject_state;                                      /* the same for the single-subject runs */
  double subject_p[KN_POP_MAX_OUTCOMES][KN_POP_PROFILES]; /* probability of each outcome */
};

/* The tables, in the order `knead validate` prints them; the population cases last. */
extern const kn_case kn_cases_core[]; /* cases.c: mechanics, nerve, tissue, nerve scenarios */
extern const size_t kn_cases_core_n;
extern const kn_case kn_cases_nerve[]; /* cases_nerve.c: fibre classes, transport, lesion */
extern const size_t kn_cases_nerve_n;
extern const kn_case kn_cases_pool[]; /* cases_pool.c: motor-unit pool and Hill curves */
extern const size_t kn_cases_pool_n;
extern const kn_case kn_cases_nm[]; /* cases_nm.c: reflexes, cramp, massage inhibition */
extern const size_t kn_cases_nm_n;
extern const kn_case kn_cases_reflex[]; /* cases_reflex.c: evoked reflexes and their depression */
extern const size_t kn_cases_reflex_n;
extern const kn_case kn_cases_cramp[]; /* cases_cramp.c: cramp discharge as it evolves */
extern const size_t kn_cases_cramp_n;
extern const kn_case kn_cases_pain[]; /* cases_pain.c: pain with its time course */
extern const size_t kn_cases_pain_n;
extern const kn_case kn_cases_circ[]; /* cases_circ.c: circulation, heat, the whole body */
extern const size_t kn_cases_circ_n;
/* A course of sessions (cases_course.c): its systolic or diastolic change over the course. */
int kn_run_course(kn_validation *v, const kn_case *c, kn_validation_result *r);
extern const kn_case kn_cases_course[]; /* cases_course.c: courses of sessions */
extern const size_t kn_cases_course_n;
/* Soreness over days (cases_doms.c): an eccentric bout with and without massage, or a session's
 * soreness window. */
int kn_run_doms(kn_validation *v, const kn_case *c, kn_validation_result *r);
extern const kn_case kn_cases_doms[]; /* cases_doms.c: soreness over days, massage after exercise */
extern const size_t kn_cases_doms_n;
extern const kn_case kn_cases_population[]; /* cases_population.c: cohort incidences */
extern const size_t kn_cases_population_n;

#endif
