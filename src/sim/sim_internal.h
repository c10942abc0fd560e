/* Inside the model and the data. Only src/ sees this; the public API is knead/sim.h. */
#ifndef KN_SIM_INTERNAL_H
#define KN_SIM_INTERNAL_H

#include <stddef.h>

#include "core/arena.h"
#include "core/module_params.h"
#include "core/params.h"
#include "core/rng.h"
#include "knead/mechanics.h"
#include "knead/sim.h"
#include "circulation/circulation.h"
#include "neuromuscular/neuromuscular.h"
#include "systemic/systemic.h"

/* One hand or tool: the contact it makes this step. */
typedef struct kn_contact {
  int action;                          /* action in progress, -1 if none */
  int cursor;                          /* next position in this slot's action list */
  int active;                          /* touching this step */
  int region;                          /* atlas region, -1 if none */
  double x, y;                         /* m, centre in the region patch */
  double area;                         /* m^2 */
  double radius;                       /* m, of the equivalent circle */
  double force;                        /* N, normal */
  double shear;                        /* N, tangential */
  double force_rate;                   /* N/s */
  double p;                            /* Pa, surface pressure */
  double t_contact;                    /* s since this contact began */
  double ease;                         /* 1, force multiplier after a pain reaction */
  double t_pain;                       /* s the current pain has lasted */
  double noise_f, noise_x, noise_y;    /* 1, force and position variation (OU, unit variance) */
  double lp_f, lp_x, lp_y;             /* the same through a low-pass filter */
  double smooth_f, smooth_x, smooth_y; /* rescaled to unit variance: what the hand does */
  double prev_force;                   /* N, last step's force */
} kn_contact;

/* Reduction of a column over one record interval. */
enum { KN_COL_LAST = 0, KN_COL_MAX = 1, KN_COL_MIN = 2 };

struct kn_model {
  kn_subject subject;
  kn_session session; /* copy; actions points to our own array */
  kn_params par;
  kn_nerve_params nerve;
  kn_tissue_params tissue;
  kn_practitioner_traits profile; /* the practitioner drawn for this model */
  double duration;                /* s, through the last action plus recovery */
  double plan_end;                /* s, end of the last action */
  size_t nstep;

  /* schedule: actions assigned to slots (hands) so that actions in one slot never overlap */
  double *action_start; /* s (naction) */
  double *action_end;   /* s (naction) */
  int nslot;
  int *slot_first;   /* (nslot + 1) offsets into slot_actions */
  int *slot_actions; /* (naction of contact kinds) action indices, by start time */

  /* the body parts this session can reach */
  int nregion;
  int *regions;              /* atlas indices (nregion) */
  int *region_local;         /* atlas region -> local index or -1 (atlas region count) */
  double *ppt_mean, *ppt_sd; /* Pa (nregion), scaled for the subject */
  double *p_limit, *f_limit; /* Pa, N (nregion), ISO quasi-static */
  int *transient_ok;         /* (nregion) */
  double *fat;               /* m (nregion), subcutaneous fat of this subject */
  double *mid_muscle;        /* m (nregion), depth of the middle of the muscle layer */
  int nnerve;
  int *nerves;         /* atlas indices (nnerve) */
  int *nerve_region;   /* local region index (nnerve) */
  double *nerve_depth; /* m (nnerve), for this subject */
  int nmuscle;
  int *muscles;         /* atlas indices (nmuscle) */
  int *muscle_region;   /* local region index (nmuscle) */
  double *muscle_depth; /* m (nmuscle), for this subject */

  kn_stress_table stress; /* normalised Boussinesq stress; values shared by every model */

  /* recorder layout */
  size_t ncol;
  size_t col_slow;  /* first column of circulation and the whole body (updated every 10 ms) */
  char **col_names; /* (ncol) */
  int *col_mode;    /* (ncol) KN_COL_* */
  size_t nrow_max;
  size_t event_capacity;

  kn_nm_params nm; /* the neuromuscular stage's constant part */

  /* circulation and the whole body */
  int nheat;
  int *heat_actions; /* (nheat) heat actions, in file order */
  int ndrink;
  int *drink_actions; /* (ndrink) */
  int carotid;        /* local index of the carotid sinus among the nerves, -1 if not reached */
  int circ_every;     /* steps between circulation updates */

  void *block; /* one allocation behind all arrays above */
};

/* Open condition events: one slot per (kind, site) pair that can be open at once. */
typedef struct kn_open_event {
  int index; /* into events, -1 if closed */
} kn_open_event;

struct kn_data {
  double t;
  size_t step;
  kn_rng rng;
  kn_contact *contacts;          /* (nslot) */
  double *region_p;              /* Pa (nregion), highest surface pressure this step */
  double *region_f;              /* N (nregion), highest force this step */
  double *region_shear;          /* Pa (nregion), highest surface shear this step */
  double *region_deep_shear;     /* Pa (nregion), highest shear in the muscle layer this step */
  double *region_rate;           /* N/s (nregion), fastest force rise this step */
  double *region_pain;           /* 1 (nregion), probability of pain this step */
  int *region_transient;         /* (nregion) all contacts this step are transient */
  double *nerve_p;               /* Pa (nnerve), pressure this step */
  double *nerve_len;             /* m (nnerve), loaded length this step */
  double *muscle_p;              /* Pa (nmuscle) */
  kn_nerve_state *nerve_state;   /* (nnerve) */
  kn_muscle_state *muscle_state; /* (nmuscle) */
  kn_region_outcome *region_out; /* (nregion) */
  kn_nerve_outcome *nerve_out;   /* (nnerve) */
  kn_muscle_outcome *muscle_out; /* (nmuscle) */
  double soreness_load;          /* s */
  kn_event *events;              /* (event_capacity) */
  size_t event_capacity;
  size_t nevent, nevent_dropped;
  int *open_region;       /* (nregion * KN_EV_COUNT) open event index or -1 */
  int *open_nerve;        /* (nnerve * KN_EV_COUNT) */
  double *series;         /* (series_capacity * ncol) the rows kept in memory */
  size_t series_capacity; /* min(nrow_max, KN_SERIES_KEPT_ROWS) */
  size_t series_stride;   /* recorded rows per kept row (1, 2, 4, ...) */
  size_t series_merged;   /* recorded rows reduced into series_pending so far */
  double *series_pending; /* (ncol) the kept row being reduced from series_stride recorded ones */
  kn_series_sink sink;    /* every recorded row as it is made (NULL: none) */
  void *sink_ctx;
  size_t bytes;       /* allocated by kn_data_create */
  double *row;        /* (ncol) the row being reduced; row[0] < 0: fresh */
  double *sample;     /* (ncol) this step's values */
  size_t nrow;        /* rows kept in memory */
  double next_record; /* s */
  /* neuromuscular stage, and the arrays its kn_nm_in views (src/sim/nm_wiring.c fills them) */
  kn_nm_state nm;
  kn_nm_out nm_out;
  int *nm_action_rep;          /* (nm.nother) repetition of each non-stroke action, -1 if none */
  unsigned char *nm_percussed; /* (nm.nmuscle) percussion works on the muscle's region */
  double *nm_temperature;      /* K (nm.nmuscle), muscle temperature from the circulation */
  double *nm_potassium;        /* mM (nm.nmuscle), interstitial potassium from the circulation */
  /* circulation and the whole body */
  kn_circ_region *circ;        /* (nregion) */
  kn_circ_outcome *circ_out;   /* (nregion) */
  kn_circ_muscle *circ_muscle; /* (nm.nmuscle) */
  double *circ_act;            /* (nregion) scratch: activation of the region's muscles */
  kn_systemic sys;
  int carotid_hyper_event; /* 1 if a hypersensitive sinus would have met a criterion */
  int carotid_open;        /* index of the open carotid reflex event, -1 none, -2 dropped */
  double circ_elapsed;     /* s since the last circulation update */
  int quiet;               /* 1 once the plan is over and the muscles are still: coarse steps */
  double dt;               /* s, the step being taken */
  kn_outcome outcome;
  void *block;
};

/* protocol: contact of every slot at the data's current time */
void kn_protocol_step(const kn_model *m, kn_data *d);
/* Draws one practitioner of profile `who`: every trait at the median (percentile 0 and not seeded),
 * at `percentile` (1..99) in the harmful direction, or from `seed` (seeded != 0); reproducible. */
void kn_practitioner_draw(const kn_params *p, kn_practitioner who, int percentile, int seeded,
                          uint64_t seed, kn_practitioner_traits *out);
/* 1 if action ai is in one of its repetitions at time t; *tau (may be NULL) gets the time into that
 * repetition and *rep (may be NULL) its number from 0. */
int kn_action_active(const kn_model *m, int ai, double t, double *tau, int *rep);
/* whether the hand grips the skin (friction, kneading) rather than sliding over it */
int kn_action_grips_skin(kn_action_kind k);

/* events */
void kn_event_instant(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                      double value, const char *unit, kn_evidence ev);
void kn_event_at(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                 double t_start, double t_end, double value, const char *unit, kn_evidence ev);
void kn_events_step(const kn_model *m, kn_data *d);
void kn_events_close_all(const kn_model *m, kn_data *d);

/* the neuromuscular stage's wiring (src/sim/nm_wiring.c) */
/* Carves the stage's arrays and its input views from the data's arena. */
void kn_sim_nm_layout(const kn_model *m, kn_data *d, kn_arena *a);
/* Fills the stage's inputs from the protocol, mechanics and last circulation step, steps it, and
 * turns the episodes that ended into events. */
int kn_sim_nm_step(const kn_model *m, kn_data *d);
/* Closes the episodes still open at the end into events. */
void kn_sim_nm_finish(const kn_model *m, kn_data *d);

/* circulation and the whole body (src/circulation, src/systemic), every KN_CIRC_PERIOD */
void kn_circ_reset(const kn_model *m, kn_data *d);
void kn_circ_step(const kn_model *m, kn_data *d, double dt);
/* K, muscle temperature of neuromuscular muscle i */
double kn_circ_muscle_temperature(const kn_model *m, const kn_data *d, int i);
void kn_systemic_reset(const kn_model *m, kn_data *d);
void kn_systemic_step(const kn_model *m, kn_data *d, double dt);
void kn_systemic_finish(const kn_model *m, kn_data *d);

/* recorder */
void kn_recorder_step(const kn_model *m, kn_data *d);
void kn_recorder_flush(const kn_model *m, kn_data *d);

/* Action index currently in progress in any slot, or -1. */
int kn_data_current_action(const kn_model *m, const kn_data *d);

#endif
