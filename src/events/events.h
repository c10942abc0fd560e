/* SPDX-License-Identifier: Apache-2.0 */
/* The events stage (src/events): conditions that open and close (a limit exceeded, pain,
 * ischaemia) and thresholds crossed once (a nerve grade reached), in one fixed buffer; events past
 * it are counted, not stored. Other stages report their own events through kn_events_instant /
 * kn_events_at (spasms), or through their outputs (the practitioner easing off, the carotid reflex,
 * dizziness on standing), which the wiring passes on here. Stage contract: src/core/stage.h. */
#ifndef KN_EVENTS_H
#define KN_EVENTS_H

#include <stddef.h>

#include "core/arena.h"
#include "core/params.h"
#include "core/stage.h"
#include "knead/nerve.h"
#include "knead/sim.h"
#include "knead/tissue.h"
#include "protocol/protocol.h"
#include "tissue/tissue.h"

#define KN_EVENTS_CLOCK KN_CLOCK_STEP /* every simulation step */

/* Constant: the sites, their limits and the thresholds. Arrays owned by the model. */
typedef struct kn_events_params {
  const kn_params *par;         /* the parameter table (ISO transient factor, pain event level) */
  const kn_nerve_params *nerve; /* nerve grade levels */
  const kn_tissue_stage_params *tissue; /* the limits and the bruise reference, whose ratios the
                                          tissue stage computes (kn_region_ratios_of) */
  int nregion;                          /* regions the session reaches */
  const int *regions;                   /* atlas index of each (nregion) */
  int nnerve;                           /* nerves and vessels of those regions */
  const int *nerves;                    /* atlas index of each (nnerve) */
  int nmuscle;                          /* muscles of those regions */
  const int *muscles;                   /* atlas index of each (nmuscle) */
  size_t capacity;                      /* events the buffer holds */
} kn_events_params;

/* What it reads from upstream stages this step. */
typedef struct kn_events_in {
  double t;                            /* s, start of this step */
  const kn_contact *contacts;          /* protocol: the hands now (ncontact) */
  int ncontact;                        /* hands (slots) */
  const double *region_p;              /* Pa, mechanics: highest surface pressure (nregion) */
  const double *region_f;              /* N, mechanics: highest force (nregion) */
  const double *region_shear;          /* Pa, mechanics: highest surface shear (nregion) */
  const double *region_pain;           /* 1, mechanics: probability of pain (nregion) */
  const int *region_transient;         /* mechanics: all contacts transient (nregion) */
  const kn_nerve_state *nerve_state;   /* nerve: each nerve's state (nnerve) */
  const kn_muscle_state *muscle_state; /* tissue: each muscle's state (nmuscle) */
} kn_events_in;

/* What it keeps: which condition events are open, what was already reported. */
typedef struct kn_events_state {
  int *open_region;    /* (nregion * KN_EV_COUNT) open event index, -1 none, -2 dropped */
  int *open_nerve;     /* (nnerve * KN_EV_COUNT) */
  double *damage_seen; /* 1 (nmuscle), muscle damage at the last step */
  int carotid_open;    /* the open carotid reflex event, -1 none, -2 dropped */
} kn_events_state;

/* What it offers: the events (read by the outcome). */
typedef struct kn_events_out {
  kn_event *events;      /* (capacity) in order of t_start */
  size_t capacity;       /* = params capacity */
  size_t nevent;         /* stored */
  size_t nevent_dropped; /* not stored: the buffer was full */
} kn_events_out;

/* Bytes its arrays take in the arena. */
size_t kn_events_size(const kn_events_params *p);
/* Carves its arrays from the arena (two-pass: a->base NULL only measures). */
void kn_events_init(const kn_events_params *p, kn_arena *a, kn_events_state *s, kn_events_out *o);
/* No event, none open. */
void kn_events_reset(const kn_events_params *p, kn_events_state *s, kn_events_out *o);
/* The conditions and thresholds of this step (limits, pain, bruise, nerve grades, muscle damage).
 * KN_OK. */
int kn_events_step(const kn_events_params *p, const kn_events_in *in, kn_events_state *s,
                   kn_events_out *o, double dt);
/* At the end: every condition event closed (in is not read and may be NULL). */
void kn_events_finish(const kn_events_params *p, const kn_events_in *in, kn_events_state *s,
                      kn_events_out *o);

/* An event that happens at t (s). */
void kn_events_instant(kn_events_out *o, double t, kn_event_kind kind, kn_site_kind site_kind,
                       int site, int action, double value, const char *unit, kn_evidence ev);
/* An event that held from t_start to t_end (s). */
void kn_events_at(kn_events_out *o, kn_event_kind kind, kn_site_kind site_kind, int site,
                  int action, double t_start, double t_end, double value, const char *unit,
                  kn_evidence ev);
/* A practitioner-eased event for every hand the protocol says eased off this step. */
void kn_events_eased(kn_events_out *o, double t, const kn_protocol_out *protocol, int nslot);
/* The carotid sinus reflex event at the atlas nerve `site`: opened while the whole body says a
 * criterion holds (on), its value the longest beat interval rr (s); closed when it no longer
 * holds. action: the session action in progress, -1 if none. */
void kn_events_carotid(kn_events_state *s, kn_events_out *o, double t, int on, double rr, int site,
                       int action);
/* The orthostatic dizziness event at t, if the whole body's outcome says so. */
void kn_events_orthostatic(kn_events_out *o, double t, const kn_systemic_outcome *outcome);

#endif
