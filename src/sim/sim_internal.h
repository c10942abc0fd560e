/* SPDX-License-Identifier: Apache-2.0 */
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
#include "events/events.h"
#include "mechanics/mechanics.h"
#include "nerve/nerve.h"
#include "tissue/tissue.h"
#include "neuromuscular/neuromuscular.h"
#include "protocol/protocol.h"
#include "recorder/recorder.h"
#include "systemic/systemic.h"

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

  /* the mechanics, nerve and tissue stages (src/mechanics, src/nerve, src/tissue) */
  kn_sites sites; /* the site arrays above, as mechanics fitted them (the same arrays) */
  kn_mechanics_params mech;
  kn_nerve_stage_params nerve_stage;
  kn_tissue_stage_params tissue_stage;

  kn_recorder_params rec; /* the recorder's column layout */
  size_t event_capacity;

  kn_nm_params nm; /* the neuromuscular stage's constant part */

  /* circulation and the whole body */
  int nheat;
  int *heat_actions; /* (nheat) heat actions, in file order */
  int ndrink;
  int *drink_actions; /* (ndrink) */
  int nstructure;
  int *structure_actions; /* (nstructure) structure_pressure actions, in file order */
  int *structure_nerve;   /* (nstructure) local index of each one's nerve */
  int *nm_region;         /* (nm.nmuscle) local region of each neuromuscular muscle, -1 if none */
  int carotid;            /* local index of the carotid sinus among the nerves, -1 if not reached */
  int circ_every;         /* steps between circulation updates */
  kn_protocol_params protocol; /* the protocol stage's constants (point into this model) */
  kn_circ_params circ;         /* the circulation stage's constants */
  kn_systemic_params sys;      /* the whole body's */
  kn_events_params events;     /* the events\' */

  void *block; /* one allocation behind all arrays above */
};

struct kn_data {
  double t;
  size_t step;
  kn_protocol_state protocol_s; /* the hands and their random stream */
  kn_protocol_out protocol_o;
  const kn_contact *contacts;    /* = protocol_o.contacts (nslot), for the stages that read them */
  double *region_p;              /* Pa (nregion), highest surface pressure this step */
  double *region_f;              /* N (nregion), highest force this step */
  double *region_shear;          /* Pa (nregion), highest surface shear this step */
  double *region_deep_shear;     /* Pa (nregion), highest shear in the muscle layer this step */
  double *region_rate;           /* N/s (nregion), fastest force rise this step */
  double *region_pain;           /* 1 (nregion), probability of pain this step */
  double *pain_flow, *pain_work; /* 1 (nregion) muscle flow and activation for the pain (circ) */
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

  /* for the mechanics and nerve stages (src/sim/step.c wires them) */
  kn_contact_load *loads;      /* (nslot) this step's contacts as the mechanics stage reads them */
  double *region_t_contact;    /* s (nregion), oldest contact on it this step */
  double *nerve_t_grade;       /* s (nnerve), when each nerve's grade last rose, -1 never */
  kn_nerve_carry *nerve_carry; /* (nnerve) what an earlier session left each nerve (a course) */
  int nerve_carried;           /* 1: the nerves start from nerve_carry, 0: at rest */

  kn_events_state events_s; /* open condition events */
  kn_events_out events_o;   /* the events so far */
  kn_recorder_state rec;    /* the recorder */
  kn_recorder_out rec_out;  /* the rows it keeps */
  size_t bytes;             /* allocated by kn_data_create */
  double *sample;           /* (rec.ncol) this step's value of every column: the recorder's in */
  /* neuromuscular stage, and the arrays its kn_nm_in views (src/sim/nm_wiring.c fills them) */
  kn_nm_state nm;
  kn_nm_out nm_out;
  int *nm_action_rep;          /* (nm.nother) repetition of each non-stroke action, -1 if none */
  unsigned char *nm_percussed; /* (nm.nmuscle) percussion works on the muscle's region */
  double *nm_temperature;      /* K (nm.nmuscle), muscle temperature from the circulation */
  double *nm_potassium;        /* mM (nm.nmuscle), interstitial potassium from the circulation */
  int nm_circ_fresh;           /* 1 when circulation has stepped since they were copied */
  int nm_other_ended;          /* leading non-stroke actions (in file order) over for good */
  int nm_percussion_was;       /* percussion worked somewhere at the last step */
  /* circulation and the whole body: the stages' state and output (src/core/stage.h) */
  kn_circ_state circ_s;
  kn_circ_out circ_o;
  kn_systemic sys; /* the whole body's state (sys_o.now points to it) */
  kn_systemic_out sys_o;
  /* views kept for the recorder and the neuromuscular engine until they read the stage outputs */
  const kn_circ_region *circ;  /* = circ_o.region (nregion) */
  kn_circ_muscle *circ_muscle; /* = circ_o.muscle (nm.nmuscle) */
  double circ_elapsed;         /* s since the last circulation update */
  /* a failed step: the first error, the stage that raised it and when */
  int error;               /* KN_OK or a kn_errno; once set, kn_step does nothing more */
  kn_stage_id error_stage; /* KN_STAGE_NONE unless error */
  double error_time;       /* s, start of the failed step */
  int quiet;               /* 1 once the plan is over and the muscles are still: coarse steps */
  double dt;               /* s, the step being taken */
  kn_outcome outcome;
  void *block;
};

/* 1 if action ai is in one of its repetitions at time t; *tau (may be NULL) gets the time into that
 * repetition and *rep (may be NULL) its number from 0 (kn_action_phase on the model's schedule). */
int kn_action_active(const kn_model *m, int ai, double t, double *tau, int *rep);

/* events of the neuromuscular engine, at the data's time: kn_events_instant / kn_events_at */
void kn_event_instant(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                      double value, const char *unit, kn_evidence ev);
void kn_event_at(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                 double t_start, double t_end, double value, const char *unit, kn_evidence ev);

/* the neuromuscular stage's wiring (src/sim/nm_wiring.c) */
/* Carves the stage's arrays and its input views from the data's arena. */
void kn_sim_nm_layout(const kn_model *m, kn_data *d, kn_arena *a);
/* Fills the stage's inputs from the protocol, mechanics and last circulation step, steps it, and
 * turns the episodes that ended into events. */
int kn_sim_nm_step(const kn_model *m, kn_data *d);
/* Closes the episodes still open at the end into events. */
void kn_sim_nm_finish(const kn_model *m, kn_data *d);

/* K, muscle temperature of neuromuscular muscle i (the circulation's output) */
double kn_circ_muscle_temperature(const kn_model *m, const kn_data *d, int i);
/* Fills the protocol's, the circulation's and the whole body's constants from the model. */
void kn_stage_params_fill(kn_model *m);

/* recorder wiring (src/sim/record.c): this step's values to the recorder; the last row */
void kn_sim_record(const kn_model *m, kn_data *d);
void kn_sim_record_finish(const kn_model *m, kn_data *d);

/* Action index currently in progress in any slot, or -1. */
int kn_data_current_action(const kn_model *m, const kn_data *d);

#endif
