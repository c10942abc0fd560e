/* SPDX-License-Identifier: Apache-2.0 */
/* knead — real-time safety monitor for massage robots, chairs and guns.
 *
 * The same mechanics -> nerve -> tissue path as the simulator, fed by sensor samples instead of a
 * session plan. Built for a 1 kHz control loop and for firmware:
 *
 *   model:   kn_monitor_model_init(subject, buf, kn_monitor_model_size())  constant, whole atlas
 *   state:   kn_monitor_init(model, buf, kn_monitor_size())                the embedder's memory
 *   loop:    kn_monitor_push(mon, samples, n, &status)                      once per sample
 *
 * After kn_monitor_init nothing allocates, prints, reads files, reads the clock or the locale; the
 * monitor keeps no global state, so any number of monitors run side by side (one per thread) and
 * the same samples always give the same status. The monitor sources (src/monitor/ except
 * monitor_alloc.c) compile without <stdio.h> and <stdlib.h>; a build check enforces it.
 *
 * The monitor is built from a subject alone (not from a kn_model, which covers only the regions one
 * session plan touches): it watches every region, nerve and muscle of the atlas. A sample names the
 * region (or a landmark, which gives the region and the point) it touches.
 *
 * Sensor faults never crash it: a sample with a non-finite number, a force below -force_noise, a
 * force or shear above the physical bound (force_max, shear_max), an impossible contact area, an
 * unknown place, or a time that does not move forward is rejected and reported with level
 * KN_MON_FAULT; the state does not advance on a rejected sample. See kn_monitor_reason for the
 * response to each fault. */
#ifndef KNEAD_MONITOR_H
#define KNEAD_MONITOR_H

#include "knead/export.h"

#include <stddef.h>
#include <stdint.h>

#include "knead/error.h"
#include "knead/sim.h"
#include "knead/spec.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KN_MONITOR_MAX_CONTACTS 4 /* contact points in one push (hands, fingers of a tool) */
#define KN_MONITOR_MAX_SITES 24   /* sites reported in one status: contacted regions and below */
#define KN_MONITOR_MAX_EVENTS 16  /* alarm changes reported in one status */

typedef struct kn_monitor_model kn_monitor_model; /* constant: atlas fitted to one subject */
typedef struct kn_monitor kn_monitor;             /* all state, in the embedder's buffer */

/* ---- limits ---------------------------------------------------------------------------------- */

/* The limits a margin is measured against. margin = 1 - level / limit: 1 with no load, 0 at the
 * limit, negative beyond it. */
typedef enum kn_monitor_limit {
  KN_LIMIT_ISO_PRESSURE = 0, /* surface pressure / ISO/TS 15066 limit of the region's body area;
                                the transient (2x) limit while a contact is younger than 0.5 s,
                                where ISO permits transient contact */
  KN_LIMIT_ISO_FORCE,        /* contact force / ISO/TS 15066 force limit, same rule */
  KN_LIMIT_PAIN,             /* surface pressure / the subject's mean pain threshold (50 % pain) */
  KN_LIMIT_BRUISE,           /* bruise index (force ratio or shear / reference) / 0.7 */
  KN_LIMIT_NERVE_PERFUSION,  /* intraneural perfusion: (perfusion - 0.5) / 0.5 */
  KN_LIMIT_NERVE_ISCHAEMIA,  /* ischaemic deficit / paresthesia level (cumulative, recovers) */
  KN_LIMIT_NERVE_TRANSPORT,  /* fast axonal transport dose / 1 (cumulative) */
  KN_LIMIT_NERVE_INJURY,     /* structural nerve injury dose / 1 (cumulative) */
  KN_LIMIT_MUSCLE_DAMAGE,    /* muscle cell death dose / 1 (cumulative) */
  KN_LIMIT_COUNT
} kn_monitor_limit;
/* "iso_pressure", "iso_force", "pain", "bruise", "nerve_perfusion", "nerve_ischaemia",
 * "nerve_transport", "nerve_injury", "muscle_damage"; "?" out of range. */
KN_API const char *kn_monitor_limit_name(kn_monitor_limit l);

/* What raised an alarm. Conditions (ISO .. NERVE_ISCHAEMIA) are raised and cleared; dose
 * thresholds are raised once per site; faults concern one sample. Names of the conditions and
 * doses are those of `knead simulate`'s events. */
typedef enum kn_monitor_reason {
  KN_MON_NONE = 0,
  KN_MON_ISO_PRESSURE,      /* "iso_pressure": applicable ISO pressure limit exceeded (region) */
  KN_MON_ISO_FORCE,         /* "iso_force": applicable ISO force limit exceeded (region) */
  KN_MON_PAIN,              /* "pain": pain more likely than not (region) */
  KN_MON_BRUISE_RISK,       /* "bruise_risk": force or shear at >= 70 % of the bruise limit */
  KN_MON_NERVE_ISCHAEMIA,   /* "nerve_ischaemia": intraneural perfusion below 50 % (nerve) */
  KN_MON_NERVE_PARESTHESIA, /* "nerve_paresthesia": ischaemic deficit reached tingling (nerve) */
  KN_MON_NERVE_BLOCK,       /* "nerve_conduction_block" (nerve) */
  KN_MON_NERVE_TRANSPORT,   /* "nerve_transport_block" (nerve) */
  KN_MON_NERVE_INJURY,      /* "nerve_injury": structural dose 1 (nerve) */
  KN_MON_NERVE_SEVERE,      /* "nerve_axonal_injury" (nerve) */
  KN_MON_MUSCLE_DAMAGE,     /* "muscle_damage": cell death dose 1 (muscle) */
  KN_MON_ABRUPT_ONSET,      /* "abrupt_onset": a pressure rise fast enough to act as a tendon tap
                               on the muscle under it (reflex contraction, spasm); warning */
  KN_MON_LOW_MARGIN,        /* "low_margin": a margin below warn_margin or a time to limit below
                               warn_time; warning */
  /* sensor faults. Response: the sample is rejected (level FAULT, state unchanged) unless said */
  KN_MON_FAULT_NONFINITE,      /* "fault_nonfinite": NaN or infinity in time, force, shear, speed,
                                  area or an infinite position */
  KN_MON_FAULT_RANGE,          /* "fault_range": force above force_max or shear above shear_max
                                  (kn_monitor_config): no body contact produces it */
  KN_MON_FAULT_NEGATIVE_FORCE, /* "fault_negative_force": force below -force_noise (a force
                                  within force_noise below 0 is read as no contact, no fault) */
  KN_MON_FAULT_AREA,           /* "fault_area": contact area <= 0, outside the atlas's plausible
                                  range, or neither area nor contact type given for a contact */
  KN_MON_FAULT_LOCATION,       /* "fault_location": unknown region, landmark or contact type, or a
                                  landmark on another region than the one named */
  KN_MON_FAULT_TIME_BACKWARDS, /* "fault_time_backwards": time not after the last sample's. After
                                  rebase_after such samples in a row the clock is taken as
                                  restarted: the sample is accepted as one period later (doses
                                  kept) and the fault is reported with level WARNING */
  KN_MON_FAULT_TIME_JUMP,      /* "fault_time_jump": more than gap_max since the last sample. The
                                  sample is accepted, the gap integrated as one period (a clock
                                  jump is not taken as hours of load); level FAULT */
  KN_MON_FAULT_DROPPED,        /* "fault_dropped": more than 1.5 periods but at most gap_max since
                                  the last sample. Accepted; the load is held over the gap (the
                                  longer exposure errs on the side of harm); level WARNING */
  KN_MON_FAULT_CONTACTS,       /* "fault_contacts": n = 0 or > KN_MONITOR_MAX_CONTACTS, samples
                                  NULL, or contact points of one push with different times */
  KN_MON_FAULT_SILENT,         /* "fault_silent": kn_monitor_watchdog saw no sample for gap_max */
  KN_MON_REASON_COUNT
} kn_monitor_reason;
/* Name of a reason as above ("none" for KN_MON_NONE); "?" out of range. */
KN_API const char *kn_monitor_reason_name(kn_monitor_reason r);

/* What the controller should do, worst last. */
typedef enum kn_monitor_level {
  KN_MON_OK = 0,      /* carry on */
  KN_MON_WARNING = 1, /* ease off: low margin, limit near in time, abrupt onset, dropped samples */
  KN_MON_LIMIT = 2,   /* a limit is exceeded or a dose threshold reached: back off now */
  KN_MON_FAULT = 3    /* the load is unknown (sample rejected, clock jumped): go to a safe state */
} kn_monitor_level;
KN_API const char *
kn_monitor_level_name(kn_monitor_level l); /* "ok", "warning", "limit", "fault" */

/* ---- samples --------------------------------------------------------------------------------- */

/* One contact point at one time. Optional numbers are NaN when not measured. */
typedef struct kn_monitor_sample {
  double t;         /* s, sensor clock; must increase from sample to sample */
  int region;       /* atlas region index (kn_atlas_find_region), or -1: from landmark; with
                       both -1 and force <= 0 the sample says "no contact" */
  int landmark;     /* atlas landmark index or -1; gives the region and, unless x/y are given,
                       the point */
  double x, y;      /* m, point on the region's patch (atlas coordinates); NaN: the landmark or
                       the patch centre. Clamped to the patch, as the simulator does */
  double force;     /* N, normal force; <= 0 is no contact */
  double shear;     /* N, tangential force; NaN: from velocity */
  double velocity;  /* m/s, sliding speed over the skin; NaN or 0 with shear NaN: no shear */
  double area;      /* m^2, contact area; NaN: the typical area of contact_type */
  int contact_type; /* atlas contact type index or -1 */
} kn_monitor_sample;

/* A sample with no contact at time t (every optional field NaN, indices -1). */
KN_API void kn_monitor_sample_init(kn_monitor_sample *s, double t);

/* ---- configuration --------------------------------------------------------------------------- */

/* Physical bounds of a sample (docs/monitor.md, "Physical bounds"). 2000 N is 5x the most a
 * session plan may ask (400 N, a hand or elbow with body weight behind it), 9x the highest
 * ISO/TS 15066 quasi-static force limit (220 N, 4.5x its transient limit) and more than the
 * whole weight of a 150 kg therapist standing on the client (1470 N): no massage by hand or robot
 * reaches it, so a reading above it is a broken sensor or a
 * corrupted number, not a load. The bound also keeps every derived value finite: pressure, stress
 * and doses stay far below the double range. Shear is bounded by the same figure, as skin friction
 * (coefficient below 1) keeps it under the normal force. The contact area is bounded by the atlas's
 * contact types (fault_area). */
#define KN_MONITOR_FORCE_MAX 2000.0 /* N */
#define KN_MONITOR_SHEAR_MAX 2000.0 /* N */

typedef struct kn_monitor_config {
  double period;      /* s, nominal sample period (first sample's step; dropped-sample test),
                         default 1 ms */
  double gap_max;     /* s, longest gap taken as dropped samples; beyond it a clock jump, default
                         0.1 s */
  double force_noise; /* N, negative readings down to -force_noise are no contact, default 0.5 N */
  double warn_margin; /* 1, margin below which the status warns, default 0.2 */
  double warn_time;   /* s, time to a limit below which the status warns, default 10 s */
  int rebase_after;   /* backward times in a row taken as a clock restart, default 3 */
  double force_max;   /* N, physical bound: a larger normal force is a sensor fault (fault_range),
                         default KN_MONITOR_FORCE_MAX */
  double shear_max;   /* N, the same for the tangential force, default KN_MONITOR_SHEAR_MAX */
} kn_monitor_config;
KN_API void kn_monitor_config_default(kn_monitor_config *c); /* c must not be NULL */

/* ---- status ---------------------------------------------------------------------------------- */

/* Margins and times to limit at one region, nerve or muscle. Limits that do not apply to the kind
 * of site have margin 1 and time INFINITY. */
typedef struct kn_monitor_site {
  kn_site_kind kind;                    /* region, nerve or muscle */
  int site;                             /* atlas index */
  double load;                          /* Pa: surface pressure, or pressure on the structure */
  double margin[KN_LIMIT_COUNT];        /* 1, see kn_monitor_limit; <= 0 at or over */
  double time_to_limit[KN_LIMIT_COUNT]; /* s at the current load; 0 over, INFINITY never */
} kn_monitor_site;

/* One alarm raised or cleared. */
typedef struct kn_monitor_event {
  kn_monitor_reason reason;
  int raised;             /* 1 raised, 0 cleared */
  kn_site_kind site_kind; /* where, for limits and doses */
  int site;               /* atlas index, -1 for sample faults and stroke quality */
  double t;               /* s, time of the sample that changed it */
  double value;           /* the ratio, probability, perfusion or dose that crossed */
} kn_monitor_event;

/* What one push returns. */
typedef struct kn_monitor_status {
  double t;                      /* s, the sample's time (as accepted) */
  kn_monitor_level level;        /* the action to take */
  kn_monitor_reason reason;      /* the worst reason active now, KN_MON_NONE when ok */
  uint32_t active;               /* bit (1u << reason) for every reason active at this sample */
  double margin;                 /* 1, smallest margin over the sites below and all limits */
  kn_monitor_limit margin_limit; /* which limit */
  int margin_site;               /* atlas index of the site (kind in margin_site_kind) */
  kn_site_kind margin_site_kind;
  double time_to_limit;        /* s, shortest time to any limit at the current load */
  kn_monitor_limit time_limit; /* which limit */
  double force;                /* N, largest contact force this sample */
  double force_rate;           /* N/s, its rate of change (the simulator's force rate) */
  double jerk;                 /* N/s^2, rate of change of force_rate */
  double onset;                /* 1/s, stretch velocity (optimal lengths/s) the fastest pressure
                                  rise on a muscle gives its spindles, as in the reflex model */
  double quality;              /* 1, stroke quality: 1 smooth, 0 at the abrupt-stroke level */
  size_t nsite;                /* sites below: contacted regions, their nerves and muscles */
  kn_monitor_site sites[KN_MONITOR_MAX_SITES];
  size_t nevent; /* alarm changes at this sample */
  kn_monitor_event events[KN_MONITOR_MAX_EVENTS];
  size_t nevent_lost; /* changes beyond KN_MONITOR_MAX_EVENTS (0 in practice) */
} kn_monitor_status;

/* Totals since init or reset, for a summary. */
typedef struct kn_monitor_totals {
  uint64_t samples;                     /* pushes accepted */
  uint64_t rejected;                    /* pushes rejected as sensor faults */
  uint64_t faults[KN_MON_REASON_COUNT]; /* occurrences of each fault reason */
  uint64_t raised[KN_MON_REASON_COUNT]; /* alarms raised, by reason */
  double t_first, t_last;               /* s, first and last accepted sample */
  double t_limit;                       /* s with level LIMIT */
  double t_warning;                     /* s with level WARNING */
  double soreness_load;                 /* s, pressure-pain load (kn_soreness_probability) */
  double min_margin;                    /* 1, smallest margin seen */
  kn_monitor_limit min_margin_limit;
} kn_monitor_totals;

/* ---- the model ------------------------------------------------------------------------------- */

/* Bytes a monitor model needs (about 70 KiB, 64 of them the subject-independent stress table). */
KN_API size_t kn_monitor_model_size(void);
/* Fits the whole atlas to subject (not NULL; only its body fat and pain threshold scale are read)
 * in buf (size bytes, 16-byte aligned, owned by the caller, kept alive and unchanged while the
 * model is used: it points into itself). Returns the model (== buf), or NULL if an argument is bad.
 * Computes the stress table (a few tenths of a second on a PC): do it before the loop starts. */
KN_API kn_monitor_model *kn_monitor_model_init(const kn_subject *subject, void *buf, size_t size);
/* The same in memory from malloc, for hosts; subject NULL means kn_subject_default. Returns 0, or
 * KN_EINVAL / KN_ENOMEM with *out NULL. Free with kn_monitor_model_free (NULL allowed). */
KN_API int kn_monitor_model_create(const kn_subject *subject, kn_monitor_model **out);
KN_API void kn_monitor_model_free(kn_monitor_model *m);

/* ---- the monitor ----------------------------------------------------------------------------- */

/* Bytes of state a monitor needs: every region, nerve and muscle of the atlas and up to
 * KN_MONITOR_MAX_CONTACTS contacts (a few KiB; docs/monitor.md). */
KN_API size_t kn_monitor_size(void);
/* Lays the monitor out in buf (size >= kn_monitor_size(), 16-byte aligned; owned by the caller)
 * with the default configuration and resets it. model must outlive the monitor. Returns the
 * monitor (== buf) or NULL if an argument is bad. */
KN_API kn_monitor *kn_monitor_init(const kn_monitor_model *model, void *buf, size_t size);
/* Replaces the configuration; KN_EINVAL (and no change) if a value is out of range: period
 * 1e-5..1 s, gap_max >= 1.5 period, force_noise 0..100 N, warn_margin 0..1, warn_time >= 0,
 * rebase_after >= 1, force_max and shear_max 1..1e5 N. */
KN_API int kn_monitor_configure(kn_monitor *mon, const kn_monitor_config *cfg);
/* Back to no exposure at all: doses, peaks, alarms and totals to zero; configuration kept. */
KN_API void kn_monitor_reset(kn_monitor *mon);

/* Feeds the n contact points (1..KN_MONITOR_MAX_CONTACTS, all with the same t; sample i is contact
 * point i from one push to the next) measured at one time, and fills *status. When nothing touches
 * the body, push one "no contact" sample (kn_monitor_sample_init) so time and recovery go on.
 * Returns KN_OK when the sample was accepted, KN_ERANGE when it was rejected as a sensor fault
 * (status says which; n out of range or samples NULL is KN_MON_FAULT_CONTACTS), KN_EINVAL when mon
 * or status is NULL. */
KN_API int kn_monitor_push(kn_monitor *mon, const kn_monitor_sample *samples, size_t n,
                           kn_monitor_status *status);

/* For a control loop whose sensor may stop: fills *status with KN_MON_FAULT_SILENT if no sample
 * was accepted for more than gap_max before t (s, on the sensor clock), else with level OK and no
 * sites. Changes nothing but the fault count. Returns KN_OK or KN_EINVAL. */
KN_API int kn_monitor_watchdog(kn_monitor *mon, double t, kn_monitor_status *status);

/* The state of any site now, loaded or not (margins of the doses; instantaneous limits as of the
 * last sample). Returns KN_OK, or KN_ENOTFOUND for a bad kind or index. */
KN_API int kn_monitor_site_status(const kn_monitor *mon, kn_site_kind kind, int site,
                                  kn_monitor_site *out);
/* Peaks of one site since reset, as the margins they reached (smallest margin of each limit). */
KN_API int kn_monitor_site_worst(const kn_monitor *mon, kn_site_kind kind, int site,
                                 kn_monitor_site *out);
/* Totals since init or reset; the pointer is owned by the monitor. */
KN_API const kn_monitor_totals *kn_monitor_get_totals(const kn_monitor *mon);
/* The nerve state of atlas nerve n (NULL if out of range), brought up to the last sample (an
 * unloaded nerve's recovery is applied now, which is why mon is not const). Owned by mon. */
KN_API const kn_nerve_state *kn_monitor_nerve_state(kn_monitor *mon, int n);

/* ---- the stream parser (CSV or JSON lines; no allocation, no locale) ------------------------- */

/* Fields of a line, by name (CSV header or JSON key) — names carry their SI unit. */
typedef enum kn_stream_field {
  KN_FIELD_T = 0,        /* "t_s" (required) */
  KN_FIELD_CONTACT,      /* "contact": contact point 0..KN_MONITOR_MAX_CONTACTS-1, default 0 */
  KN_FIELD_REGION,       /* "region": atlas name; empty with force 0: no contact */
  KN_FIELD_LANDMARK,     /* "landmark": atlas name */
  KN_FIELD_X,            /* "x_m" */
  KN_FIELD_Y,            /* "y_m" */
  KN_FIELD_FORCE,        /* "force_N" (required) */
  KN_FIELD_SHEAR,        /* "shear_N" */
  KN_FIELD_VELOCITY,     /* "velocity_m_per_s" */
  KN_FIELD_AREA,         /* "area_m2" */
  KN_FIELD_CONTACT_TYPE, /* "contact_type": atlas name ("thumb", "palm", ...) */
  KN_FIELD_COUNT
} kn_stream_field;
KN_API const char *kn_stream_field_name(kn_stream_field f); /* the names above; "?" out of range */

/* Parser state: the CSV column order (from a header line, or the order above). */
typedef struct kn_stream_parser {
  int ncol;               /* CSV columns */
  signed char column[32]; /* field of each CSV column, -1 ignored */
  int have_header;        /* a header line was read */
  int data_seen;          /* a data line was read (a header may only come first) */
} kn_stream_parser;
KN_API void kn_stream_parser_init(kn_stream_parser *p);

/* Why a line was refused: column (1-based byte) and field, with a static message. */
typedef struct kn_stream_error {
  int col;             /* 1-based byte column where the bad value starts */
  const char *field;   /* field name, or "line" */
  const char *message; /* static text, no trailing newline */
} kn_stream_error;

/* Longest line the stream accepts, in bytes without the line end (a full JSON line with every key
 * and 63-character names is under 1 KiB). A reader keeps at most this much of a line. */
#define KN_STREAM_LINE_MAX 4096

/* Parses one line (len bytes, no newline needed). A line longer than KN_STREAM_LINE_MAX
 * (KN_ETOOBIG), with a NUL byte or invalid UTF-8 (KN_EPARSE) is refused. Returns 1 and fills
 * *sample and *contact for a data line; 0 for a blank line, a comment (#...) or a CSV header;
 * KN_EPARSE / KN_ERANGE / KN_ENOTFOUND / KN_ETOOBIG with *err filled for a bad line (the parser's
 * state is then unchanged, so the next line parses as if the bad one were absent). Numbers are read
 * without the locale: decimal, optional exponent, also nan / inf. JSON lines are flat objects
 * whose values are numbers, strings or null (NaN and Infinity are accepted as numbers). */
KN_API int kn_stream_parse_line(kn_stream_parser *p, const char *line, size_t len,
                                kn_monitor_sample *sample, int *contact, kn_stream_error *err);

/* ---- traces of the simulator ----------------------------------------------------------------- */

/* The contacts the simulator applied in its last kn_step, as samples at that step's start time:
 * one per hand (slot) with an action in progress, contact[i] its slot number (may exceed
 * KN_MONITOR_MAX_CONTACTS in sessions with more hands); a single "no contact" sample when no hand
 * has anything to do. *step (may be NULL) gets the step's length in s: the session's time step
 * while the plan runs, longer once the simulator rests after it (nobody touches the body then).
 * Returns the number written (<= cap), 0 before the first step or on a NULL argument. */
KN_API size_t kn_sim_contact_samples(const kn_model *m, const kn_data *d, kn_monitor_sample *out,
                                     int *contact, size_t cap, double *step);

#ifdef __cplusplus
}
#endif
#endif
