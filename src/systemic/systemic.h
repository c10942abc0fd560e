/* SPDX-License-Identifier: Apache-2.0 */
/* The systemic stage (src/systemic): the whole body. Autonomic balance, heart rate, stroke volume,
 * cardiac output and peripheral resistance giving blood pressure, with a baroreflex, the carotid
 * sinus reflex, cortisol, core temperature, hydration, standing up at the end and the ill
 * subject's symptom load. Runs on the circulation's clock. Stage contract:
 * src/core/stage.h. */
#ifndef KN_SYSTEMIC_H
#define KN_SYSTEMIC_H

#include "core/params.h"
#include "core/stage.h"
#include "knead/sim.h"
#include "protocol/protocol.h"

#define KN_SYSTEMIC_CLOCK KN_CLOCK_CIRC /* with the circulation, every KN_CIRC_PERIOD */

/* What the whole body keeps between steps; its vitals are also its output (kn_systemic_out.now). */
typedef struct kn_systemic {
  double autonomic;                     /* -1 (parasympathetic) .. +1 (sympathetic) */
  double heart_rate;                    /* 1/s */
  double systolic;                      /* Pa */
  double diastolic;                     /* Pa */
  double sbp_reference;                 /* Pa, the baroreflex's slowly resetting set point */
  double stroke_volume;                 /* m^3 */
  double cardiac_output;                /* m^3/s, stroke volume x heart rate now */
  double resistance;                    /* Pa s/m^3, total peripheral resistance */
  double hr_rest, sv_rest, co_rest;     /* 1/s, m^3, m^3/s: the subject at rest */
  double carotid;                       /* 1, filtered carotid sinus stimulus (0..1) */
  double cortisol;                      /* 1, relative to the start */
  double core_temp;                     /* K */
  double hypohydration;                 /* fraction of body mass */
  double drink_pending;                 /* kg of drink not yet absorbed */
  double beat_phase;                    /* s since the last beat */
  double sbp_sum, dbp_sum, last_minute; /* means over the last minute of the session */
  int session_over;                     /* 1 once the last action has ended */
  int carotid_hyper_event;              /* 1 if a hypersensitive sinus would have met a criterion */
} kn_systemic;
typedef kn_systemic kn_systemic_state; /* the stage contract's name for it */

/* Constant: the parameter table, the subject and the plan's drinks. Arrays owned by the model. */
typedef struct kn_systemic_params {
  const kn_params *par;              /* the parameter table (sys_* rows) */
  const kn_subject *subject;         /* the subject */
  kn_hypothesis hypothesis_cortisol; /* the session's cortisol hypothesis */
  double plan_end;                   /* s, end of the last action */
  double duration;                   /* s, session and recovery: the supine rest before standing */
  int nregion;                       /* regions the session reaches */
  const kn_action *actions;          /* the session's actions */
  const double *action_start;        /* s, per action */
  int ndrink;                        /* drinks */
  const int *drink_actions;          /* their action indices (ndrink) */
} kn_systemic_params;

/* What it reads from upstream stages this step. */
typedef struct kn_systemic_in {
  double t;                   /* s, start of this step */
  const kn_contact *contacts; /* protocol: the hands now (ncontact) */
  int ncontact;               /* hands (slots) */
  const double *region_pain;  /* 1, mechanics: probability of pain per region (nregion) */
  double carotid_p;           /* Pa, mechanics: pressure on the carotid sinus, 0 if not reached */
  double soreness_load;       /* s, tissue: pressure-pain load so far (read by finish) */
} kn_systemic_in;

/* What it offers downstream (circulation, events, recorder, outcome). */
typedef struct kn_systemic_out {
  const kn_systemic *now;      /* the vitals now: a view of the state */
  kn_systemic_outcome outcome; /* over the session (complete after finish) */
  int carotid_on;              /* 1 while a carotid sinus criterion holds (an event) */
  double carotid_rr;           /* s, the beat interval now: the carotid event's value */
} kn_systemic_out;

/* The subject at rest; o->now is set to s. */
void kn_systemic_reset(const kn_systemic_params *p, kn_systemic *s, kn_systemic_out *o);
/* Advances by dt (s, the time since its last step). KN_OK, or KN_ENONFINITE if a vital is no
 * longer finite. */
int kn_systemic_step(const kn_systemic_params *p, const kn_systemic_in *in, kn_systemic *s,
                     kn_systemic_out *o, double dt);
/* At the end: last-minute means, the carotid risk, standing up, the symptom load. */
void kn_systemic_finish(const kn_systemic_params *p, const kn_systemic_in *in, kn_systemic *s,
                        kn_systemic_out *o);

#endif
