# SPDX-License-Identifier: Apache-2.0
"""The C library, loaded with cffi in ABI mode.

ABI mode (ffi.dlopen) needs no compiler, neither at install nor at import: the package is pure
Python and works with any libknead.so of the same public API. The price is that the declarations
below are written by hand from include/knead/*.h; tests/test_layout.py compiles a C program that
prints the real sizes and offsets and compares them with these, so a header change that is not
mirrored here fails the tests instead of reading garbage.

Enums are declared as int (their size and alignment under the System V ABIs knead targets).
Only the public API is used (libknead exports only that).
"""

import ctypes.util
import os
import threading
from pathlib import Path

import cffi

CDEF = r"""
typedef int kn_evidence;
typedef int kn_harm;
typedef int kn_event_kind;
typedef int kn_site_kind;
typedef int kn_sex;
typedef int kn_practitioner;
typedef int kn_giver;
typedef int kn_action_kind;
typedef int kn_posture;
typedef int kn_heat_method;
typedef int kn_fluid;
typedef int kn_stim_target;
typedef int kn_hypothesis;
typedef int kn_monitor_limit;
typedef int kn_monitor_reason;
typedef int kn_monitor_level;
typedef int kn_advice_severity;
typedef int kn_advice_verdict;

/* error.h */
typedef struct kn_diag {
  int code;
  char file[256];
  int line;
  int col;
  char field[128];
  char message[512];
} kn_diag;
const char *kn_strerror(int err);
const char *kn_errname(int err);
void kn_diag_clear(kn_diag *d);
int kn_diag_format(const kn_diag *d, char *buf, size_t size);

/* version.h */
const char *kn_version(void);
int kn_version_number(void);

/* atlas.h: every atlas record starts with its name */
typedef struct kn_named { const char *name; } kn_named;
const char *kn_evidence_name(kn_evidence e);
size_t kn_atlas_region_count(void);
const kn_named *kn_atlas_region(size_t i);
size_t kn_atlas_landmark_count(void);
const kn_named *kn_atlas_landmark(size_t i);
size_t kn_atlas_nerve_count(void);
const kn_named *kn_atlas_nerve(size_t i);
size_t kn_atlas_muscle_count(void);
const kn_named *kn_atlas_muscle(size_t i);
size_t kn_atlas_contact_type_count(void);
const kn_named *kn_atlas_contact_type(size_t i);
int kn_atlas_find_region(const char *name);
int kn_atlas_find_landmark(const char *name);
int kn_atlas_find_contact_type(const char *name);

/* spec.h */
typedef struct kn_subject {
  char name[64];
  kn_sex sex;
  double age;
  double height;
  double mass;
  double body_fat;
  double cramps_per_month;
  double hypohydration;
  double serum_sodium;
  double serum_potassium;
  double serum_magnesium;
  double serum_calcium;
  double exertion;
  double inactive_weeks;
  double posture_hours;
  int atherosclerosis;
  int chronic_illness;
  int cramp_training;
  double pain_threshold_scale;
  double core_temperature;
  int acute_illness;
  double systolic_pressure;
  double diastolic_pressure;
  int hypertension;
  int carotid_sinus_hypersensitivity;
  int bp_medication;
  int anticoagulant;
  double heart_rate;
  double spasticity;
  double muscle_temperature;
} kn_subject;

typedef struct kn_action {
  kn_action_kind kind;
  int region;
  int landmark;
  int muscle;
  int contact;
  double area;
  double force;
  double speed;
  double stroke_length;
  double direction;
  double rate;
  double duration;
  int repetitions;
  double rest_between;
  double start;
  kn_posture posture;
  double joint[8];
  double angle;
  double velocity;
  double contraction;
  double level;
  double frequency;
  double frequency_step;
  double fraction;
  kn_stim_target target;
  kn_heat_method heat;
  double temperature;
  kn_fluid fluid;
  double volume;
  int nerve;
  double pressure;
  double loaded_length;
  char label[64];
  int line, col;
} kn_action;

typedef struct kn_param_setting {
  int index;
  double value;
  int line, col;
  int unguarded;
} kn_param_setting;

typedef struct kn_course {
  int nsession;
  double start[64];
} kn_course;

typedef struct kn_exercise {
  int given;
  int muscle;
  int eccentric;
  int contractions;
  double level;
  double before;
} kn_exercise;

typedef struct kn_session {
  char name[64];
  kn_practitioner practitioner;
  uint64_t seed;
  int practitioner_percentile;
  int practitioner_seeded;
  uint64_t practitioner_seed;
  kn_giver giver;
  double dt;
  double record_interval;
  double recovery;
  kn_hypothesis hypothesis_dehydration;
  kn_hypothesis hypothesis_fatigue;
  kn_hypothesis hypothesis_cortisol;
  size_t nparam;
  kn_param_setting params[32];
  size_t naction;
  kn_action *actions;
  char source[256];
  int loaded[8];
  double load_inertia[8];
  double load_torque[8];
  kn_course course;
  kn_exercise exercise;
} kn_session;

void kn_subject_default(kn_subject *s);
int kn_subject_parse(const char *text, size_t len, const char *name, kn_subject *out,
                     kn_diag *diag);
int kn_session_parse(const char *text, size_t len, const char *name, kn_session **out,
                     kn_diag *diag);
void kn_session_free(kn_session *s);
const char *kn_practitioner_name(kn_practitioner p);

/* sim.h */
typedef struct kn_model kn_model;
typedef struct kn_data kn_data;
const char *kn_harm_name(kn_harm h);
const char *kn_event_kind_name(kn_event_kind k);

typedef struct kn_event {
  double t_start;
  double t_end;
  kn_event_kind kind;
  kn_site_kind site_kind;
  int site;
  int action;
  double value;
  const char *unit;
  kn_evidence evidence;
} kn_event;

/* the leading fields of kn_outcome, up to the events (the rest is read from summary.json) */
typedef struct kn_outcome_head {
  kn_harm harm;
  kn_evidence harm_evidence;
  double duration;
  size_t nregion;
  const void *regions;
  size_t nnerve;
  const void *nerves;
  size_t nmuscle;
  const void *muscles;
  size_t nnm;
  const void *nm;
  size_t nspasm;
  const void *spasms;
  size_t nevent;
  const kn_event *events;
  size_t nevent_dropped;
} kn_outcome_head;

int kn_model_create(const kn_subject *subject, const kn_session *session, kn_model **out,
                    kn_diag *diag);
void kn_model_free(kn_model *m);
double kn_model_duration(const kn_model *m);
double kn_model_dt(const kn_model *m);
int kn_data_create(const kn_model *m, kn_data **out);
void kn_data_free(kn_data *d);
int kn_run(const kn_model *m, kn_data *d, void (*progress)(double fraction, void *ctx), void *ctx);
double kn_data_time(const kn_data *d);
const kn_outcome_head *kn_data_outcome(const kn_model *m, kn_data *d);
size_t kn_series_ncol(const kn_model *m);
const char *kn_series_name(const kn_model *m, size_t col);
size_t kn_series_rows_max(const kn_model *m);
size_t kn_series_nrow(const kn_data *d);
const double *kn_series_values(const kn_data *d);
double kn_series_interval(const kn_model *m, const kn_data *d);
typedef void (*kn_series_sink)(void *ctx, const double *rows, size_t nrow, size_t ncol);
void kn_data_set_series_sink(kn_data *d, kn_series_sink sink, void *ctx);

/* report.h */
int kn_report_write(const kn_model *m, kn_data *d, const char *dir, kn_diag *diag);
char *kn_report_json(const kn_model *m, kn_data *d);
typedef struct kn_series_buffer {
  double *values;
  size_t capacity;
  size_t ncol;
  size_t nrow;
  size_t dropped;
} kn_series_buffer;
void kn_series_buffer_sink(void *buffer, const double *rows, size_t nrow, size_t ncol);
int kn_report_html_write(const char *dir, kn_diag *diag);

/* advise.h */
const char *kn_advice_verdict_name(kn_advice_verdict v);

/* monitor.h */
typedef struct kn_monitor_model kn_monitor_model;
typedef struct kn_monitor kn_monitor;
const char *kn_monitor_limit_name(kn_monitor_limit l);
const char *kn_monitor_reason_name(kn_monitor_reason r);
const char *kn_monitor_level_name(kn_monitor_level l);

typedef struct kn_monitor_sample {
  double t;
  int region;
  int landmark;
  double x, y;
  double force;
  double shear;
  double velocity;
  double area;
  int contact_type;
} kn_monitor_sample;
void kn_monitor_sample_init(kn_monitor_sample *s, double t);

typedef struct kn_monitor_site {
  kn_site_kind kind;
  int site;
  double load;
  double margin[9];
  double time_to_limit[9];
} kn_monitor_site;

typedef struct kn_monitor_event {
  kn_monitor_reason reason;
  int raised;
  kn_site_kind site_kind;
  int site;
  double t;
  double value;
} kn_monitor_event;

typedef struct kn_monitor_status {
  double t;
  kn_monitor_level level;
  kn_monitor_reason reason;
  uint32_t active;
  double margin;
  kn_monitor_limit margin_limit;
  int margin_site;
  kn_site_kind margin_site_kind;
  double time_to_limit;
  kn_monitor_limit time_limit;
  double force;
  double force_rate;
  double jerk;
  double onset;
  double quality;
  size_t nsite;
  kn_monitor_site sites[24];
  size_t nevent;
  kn_monitor_event events[16];
  size_t nevent_lost;
} kn_monitor_status;

int kn_monitor_model_create(const kn_subject *subject, kn_monitor_model **out);
void kn_monitor_model_free(kn_monitor_model *m);
size_t kn_monitor_size(void);
kn_monitor *kn_monitor_init(const kn_monitor_model *model, void *buf, size_t size);
void kn_monitor_reset(kn_monitor *mon);
int kn_monitor_push(kn_monitor *mon, const kn_monitor_sample *samples, size_t n,
                    kn_monitor_status *status);

/* cohort.h */
typedef struct kn_population kn_population;
typedef struct kn_cohort_unit kn_cohort_unit;
typedef struct kn_cohort_design kn_cohort_design;
typedef struct kn_cohort_store kn_cohort_store;
int kn_population_load(const char *path, kn_population **out, kn_diag *diag);
void kn_population_free(kn_population *p);
const char *kn_population_name(const kn_population *p);
size_t kn_cohort_outcome_count(void);
const char *kn_cohort_outcome_name(size_t i);
const char *kn_cohort_outcome_label(size_t i);
size_t kn_cohort_course_outcome_count(void);
const char *kn_cohort_course_outcome_name(size_t i);
const char *kn_cohort_course_outcome_label(size_t i);

typedef struct kn_cohort_job {
  const kn_population *population;
  const kn_session *session;
  kn_practitioner profiles[2];
  int nprofile;
  uint64_t seed;
  const kn_cohort_design *design;
} kn_cohort_job;

typedef int (*kn_cohort_deliver_fn)(const kn_cohort_unit *unit, void *ctx);
typedef int (*kn_cohort_poll_fn)(void *ctx);
int kn_cohort_pool_run(const kn_cohort_job *job, const uint64_t *indices, size_t n, int nthread,
                       kn_cohort_deliver_fn deliver, kn_cohort_poll_fn poll, void *ctx,
                       kn_diag *diag);

typedef struct kn_cohort_run_info {
  char population_file[256];
  char population_hash[32];
  char population_name[128];
  char session_file[256];
  char session_hash[32];
  char session_name[128];
  uint64_t n;
  uint64_t seed;
  char profiles[64];
  char version[32];
  char parameters[64];
  int course_sessions;
} kn_cohort_run_info;
int kn_cohort_hash_file(const char *path, char *out, size_t size);
int kn_cohort_store_open(const char *path, const kn_cohort_run_info *info, kn_cohort_store **out,
                         kn_diag *diag);
int kn_cohort_store_done(kn_cohort_store *s, unsigned char *done, uint64_t n, kn_diag *diag);
int kn_cohort_store_write(kn_cohort_store *s, const kn_cohort_unit *u, kn_diag *diag);
int kn_cohort_store_finish(kn_cohort_store *s, kn_diag *diag);
void kn_cohort_store_close(kn_cohort_store *s);

typedef struct kn_interval { double est, lo, hi; } kn_interval;
kn_interval kn_wilson(uint64_t k, uint64_t n, double z);
int kn_relative_risk(uint64_t k1, uint64_t n1, uint64_t k0, uint64_t n0, double z,
                     kn_interval *out);

typedef struct kn_cohort_summary {
  kn_cohort_run_info info;
  char stratum[48];
  int nprofile;
  int profiles[2];
  uint64_t n[2];
  size_t noutcome;
  uint64_t k[16][2];
  size_t ncourse_outcome;
  uint64_t kc[8][2];
  uint64_t bp_n[2][2];
  double systolic_mean[2][2], systolic_sd[2][2];
  double diastolic_mean[2][2], diastolic_sd[2][2];
} kn_cohort_summary;
int kn_cohort_summary_load(const char *path, kn_cohort_summary *out, kn_diag *diag);
const char *kn_cohort_by_name(int by);
int kn_cohort_summary_by(const char *path, int by, kn_cohort_summary *out, size_t max,
                         size_t *nout, kn_diag *diag);

/* cohort_uncertainty.h */
void kn_cohort_design_describe(const kn_cohort_design *d, char *buf, size_t size);
"""

# The public structs declared above, for the layout check (tests/test_layout.py).
STRUCTS = (
    "kn_diag",
    "kn_subject",
    "kn_action",
    "kn_param_setting",
    "kn_exercise",
    "kn_session",
    "kn_event",
    "kn_series_buffer",
    "kn_monitor_sample",
    "kn_monitor_site",
    "kn_monitor_event",
    "kn_monitor_status",
    "kn_cohort_job",
    "kn_cohort_run_info",
    "kn_interval",
    "kn_cohort_summary",
)
# Declared here as the leading part of a larger public struct: (our name, the header's name).
PREFIX_STRUCTS = (("kn_outcome_head", "kn_outcome"),)

ffi = cffi.FFI()
ffi.cdef(CDEF)
ffi.cdef("""
typedef struct _IO_FILE FILE;
void free(void *p);
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *f);
int ferror(FILE *f);
void kn_report_series_header(const kn_model *m, FILE *f);
void kn_report_series_sink(void *file, const double *rows, size_t nrow, size_t ncol);
""")


def _candidates():
    """Where libknead may be, most specific first."""
    env = os.environ.get("KNEAD_LIBRARY")
    if env:
        yield Path(env)
        return
    here = Path(__file__).resolve().parent
    # importing from the source tree (python/knead): the build folders beside python/
    root = here.parent.parent
    for build in ("build", "build-release", "b"):
        yield root / build / "libknead.so"
    # installed (cmake --install, the Debian package)
    found = ctypes.util.find_library("knead")
    if found:
        yield Path(found)
    yield Path("libknead.so.0")
    # an installed package used from a source tree: ./build of the current folder
    yield Path.cwd() / "build" / "libknead.so"


def _load():
    tried = []
    for path in _candidates():
        name = str(path)
        if path.is_absolute() and not path.exists():
            tried.append(name)
            continue
        try:
            return ffi.dlopen(name), name
        except OSError as e:
            tried.append(f"{name} ({e})")
    raise ImportError(
        "knead: libknead not found; build it (cmake -S . -B build && cmake --build build) or "
        "set KNEAD_LIBRARY to the path of libknead.so. Tried: " + "; ".join(tried)
    )


lib, LIBRARY_PATH = _load()
# The loaders read quantities with UDUNITS-2, whose XML parser keeps global state: two threads may
# not load at once (include/knead/cohort.h, kn_cohort_draw). Every call that reads a subject,
# session or population document holds this lock; simulations themselves run unlocked.
LOADER_LOCK = threading.Lock()
libc = ffi.dlopen(None)


def string(p):
    """A C string as str (None for NULL)."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")
