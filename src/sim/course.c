/* SPDX-License-Identifier: Apache-2.0 */
/* A course of sessions (knead/course.h): each session simulated in full, the days between them in
 * closed form. What a session leaves is carried to the next one's start: a change of resting blood
 * pressure (into the next session's subject), soreness still felt, a nerve's structural dose not
 * yet recovered, and a raised cramp threshold (into the next session's cramp training). Equations
 * and sources: docs/model.md, "Courses of sessions". */
#include "knead/course.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "core/rng.h"
#include "knead/atlas.h"
#include "knead/params.h"
#include "tissue/tissue.h"

void kn_course_params_of(const kn_session *session, kn_course_params *cp) {
  kn_params p;
  kn_params_default(&p);
  if (session)
    for (size_t i = 0; i < session->nparam; i++)
      kn_params_set(&p, session->params[i].index, session->params[i].value);
  *cp = (kn_course_params){
      .bp_carry = p.course_bp_carry,
      .bp_tau = p.course_bp_tau,
      .soreness_onset = p.soreness_onset,
      .soreness_peak = p.course_soreness_peak,
      .soreness_end = p.soreness_onset + p.soreness_duration,
      .nerve_severe_dose = p.nerve_severe_dose,
      .nerve_recovery = {p.nerve_injury_recovery_min, p.nerve_injury_recovery_max},
      .nerve_severe_recovery = {p.nerve_severe_recovery_min, p.nerve_severe_recovery_max},
      .ctf_gain = p.course_ctf_gain,
      .ctf_tau = p.course_ctf_tau,
  };
}

double kn_course_decay(double carried, double gap, double tau) {
  return carried * exp(-fmax(0.0, gap) / tau);
}

double kn_course_soreness_share(const kn_course_params *cp, double since) {
  /* the time course over days of the tissue stage (tissue/doms.c): resolved at soreness_end */
  const kn_soreness_course c = {cp->soreness_onset, cp->soreness_peak, cp->soreness_end};
  return kn_soreness_share(&c, since);
}

double kn_course_nerve_residual(const kn_course_params *cp, double dose, double gap) {
  if (!(dose > 0.0)) return 0.0;
  const double *w = dose >= cp->nerve_severe_dose ? cp->nerve_severe_recovery : cp->nerve_recovery;
  if (gap <= w[0]) return dose;
  if (gap >= w[1]) return 0.0;
  return dose * (w[1] - gap) / (w[1] - w[0]);
}

kn_nerve_grade kn_course_dose_grade(const kn_course_params *cp, double dose) {
  if (dose >= cp->nerve_severe_dose) return KN_NERVE_SEVERE;
  return dose >= 1.0 ? KN_NERVE_INJURY : KN_NERVE_NONE;
}

/* The stream the sessions' hand-noise seeds are drawn from (a tag, so that the stream differs
 * from the practitioner's traits and the motor pools drawn from the same seed). */
#define STREAM_COURSE 0x636f75727365ULL /* "course" */
/* A derived seed keeps the draw's top 53 bits: a non-negative integer that summary.json, a
 * session file and a JavaScript reader all hold exactly, so a session can be rerun alone. */
#define SEED_DROP_BITS 11

uint64_t kn_course_session_seed(uint64_t seed, int index) {
  if (index <= 0) return seed;
  kn_rng r;
  kn_rng_seed(&r, seed ^ STREAM_COURSE);
  uint64_t drawn = 0;
  for (int k = 0; k < index; k++)
    drawn = kn_rng_next(&r);
  return drawn >> SEED_DROP_BITS;
}

/* What the course carries between sessions. */
typedef struct carried {
  double sbp, dbp;       /* Pa, change of resting pressure just after the last session */
  double ctf;            /* Hz, rise of the cramp threshold just after the last session */
  double end;            /* s, when the last session's plan ended (course clock) */
  kn_nerve_carry *nerve; /* (atlas nerves) what the last session left each nerve */
  size_t nnerve;         /* atlas nerves */
  double *sore_p;        /* (sessions) chance of soreness each earlier session left */
  double *sore_t;        /* (sessions) s, when each earlier session's plan ended */
} carried;

/* The chance (0..1) that soreness from any earlier session is felt at time t. */
static double sore_at(const kn_course_params *cp, const carried *c, int nbefore, double t) {
  double none = 1.0;
  for (int j = 0; j < nbefore; j++)
    none *= 1.0 - c->sore_p[j] * kn_course_soreness_share(cp, t - c->sore_t[j]);
  return 1.0 - none;
}

/* Ages what the nerves carry from the last session's end to t (the nerve model's recovery, with
 * the session's nerve parameters np); returns how many still carry a structural dose. */
static int age_nerves(const kn_nerve_params *np, carried *c, double t) {
  int left = 0;
  for (size_t n = 0; n < c->nnerve; n++) {
    kn_nerve_carry_age(np, &c->nerve[n], t - c->end);
    left += c->nerve[n].injury_dose > 0.0;
  }
  return left;
}

/* The session as given with the carried rise of the cramp threshold: the subject's cramp training
 * (nm_ctf_training) set to the carried rise, on top of a training the subject already has. A rise
 * below the parameter guard's range is set unguarded (a condition set in code, not by a file). */
static int with_training(const kn_session *session, kn_subject *subj, double ctf, kn_session *out) {
  *out = *session;
  if (!(ctf > 0.0)) return KN_OK;
  int index = kn_param_find("nm_ctf_training");
  if (index < 0) return KN_EINTERNAL;
  double base = subj->cramp_training ? kn_param((size_t)index)->value : 0.0;
  for (size_t i = 0; i < out->nparam; i++) /* the session's own setting replaces the default */
    if (out->params[i].index == index) {
      if (subj->cramp_training) base = out->params[i].value;
      out->params[i] = out->params[--out->nparam];
      break;
    }
  if (out->nparam >= KN_SESSION_PARAMS_MAX) return KN_ETOOBIG;
  out->params[out->nparam++] =
      (kn_param_setting){.index = index, .value = base + ctf, .unguarded = 1};
  subj->cramp_training = 1;
  return KN_OK;
}

/* The lowest share of large motor fibres conducting among d's nerves now. */
static double conduction_now(const kn_outcome *o) {
  double lowest = 1.0;
  for (size_t i = 0; i < o->nnerve; i++)
    lowest = fmin(lowest, o->nerves[i].conduction_end);
  return lowest;
}

/* Simulates session k on subject `subj`, its nerves started from what the earlier sessions left
 * them (aged to its start, t); fills *row from its outcome and keeps what its nerves leave. */
static int one_session(const kn_session *given, int k, double t, const kn_subject *subj, carried *c,
                       kn_course_session *row, double *plan_end, kn_diag *diag) {
  kn_model *m = NULL;
  kn_data *d = NULL;
  kn_subject trained = *subj;
  kn_session session_copy;
  const kn_session *session = &session_copy;
  int rc = with_training(given, &trained, c->ctf, &session_copy);
  session_copy.seed = row->seed = kn_course_session_seed(given->seed, k);
  if (rc == KN_OK) rc = kn_model_create(&trained, session, &m, diag);
  if (rc == KN_OK) rc = kn_data_create(m, &d);
  if (rc == KN_OK && k > 0) {
    row->nerves_unrecovered = age_nerves(kn_model_nerve_params(m), c, t);
    rc = kn_data_carry_nerves(m, d, c->nerve, c->nnerve);
  }
  if (rc == KN_OK) {
    row->nerve_conduction_start = conduction_now(kn_data_outcome(m, d));
    rc = kn_run(m, d, NULL, NULL);
  }
  if (rc == KN_OK) {
    const kn_outcome *o = kn_data_outcome(m, d);
    row->systolic_change = o->systemic.systolic_change;
    row->diastolic_change = o->systemic.diastolic_change;
    row->soreness_probability = o->soreness_probability;
    row->harm = o->harm;
    row->nerve_grade = KN_NERVE_NONE; /* the stage's grade: what was carried in and the session's */
    for (size_t i = 0; i < o->nnerve; i++) {
      const kn_nerve_outcome *no = &o->nerves[i];
      row->nerve_dose_max = fmax(row->nerve_dose_max, no->injury_dose);
      if (no->grade > row->nerve_grade) row->nerve_grade = no->grade;
    }
    row->nerve_conduction_end = conduction_now(o);
    kn_data_nerve_carry(m, d, c->nerve, c->nnerve);
    for (size_t i = 0; i < o->nspasm; i++)
      row->cramps += o->spasms[i].kind == KN_SPASM_CRAMP;
    for (size_t i = 0; i < o->nnm; i++)
      if (row->cramp_threshold == 0.0 || o->nm[i].cramp_threshold < row->cramp_threshold)
        row->cramp_threshold = o->nm[i].cramp_threshold;
    *plan_end = kn_model_duration(m) - session->recovery;
  }
  kn_data_free(d);
  kn_model_free(m);
  return rc;
}

int kn_course_run(const kn_subject *subject, const kn_session *session, kn_course_outcome *out,
                  kn_diag *diag) {
  if (session == NULL || out == NULL) return KN_EINVAL;
  kn_course_params cp;
  kn_course_params_of(session, &cp);
  kn_subject base;
  if (subject)
    base = *subject;
  else
    kn_subject_default(&base);
  int nsession = session->course.nsession > 0 ? session->course.nsession : 1;
  if (nsession > KN_COURSE_SESSIONS_MAX) return KN_ERANGE;
  carried c = {0};
  c.nnerve = kn_atlas_nerve_count();
  c.nerve = calloc(c.nnerve + 1, sizeof *c.nerve);
  c.sore_p = calloc((size_t)nsession, sizeof *c.sore_p);
  c.sore_t = calloc((size_t)nsession, sizeof *c.sore_t);
  int rc = c.nerve && c.sore_p && c.sore_t ? KN_OK : KN_ENOMEM;
  memset(out, 0, sizeof *out);
  for (int k = 0; k < nsession && rc == KN_OK; k++) {
    kn_course_session *row = &out->sessions[k];
    double t = session->course.nsession > 0 ? session->course.start[k] : 0.0;
    row->start = t;
    if (k > 0) { /* the gap: carried changes decay (the nerves' in one_session, by the model's
                    nerve parameters), earlier soreness may still be felt */
      c.sbp = kn_course_decay(c.sbp, t - c.end, cp.bp_tau);
      c.dbp = kn_course_decay(c.dbp, t - c.end, cp.bp_tau);
      c.ctf = kn_course_decay(c.ctf, t - c.end, cp.ctf_tau);
    }
    row->sore_at_start = sore_at(&cp, &c, k, t);
    row->systolic_carried = c.sbp;
    row->diastolic_carried = c.dbp;
    row->ctf_carried = c.ctf;
    kn_subject subj = base;
    subj.systolic_pressure = row->systolic_rest = base.systolic_pressure + c.sbp;
    subj.diastolic_pressure = row->diastolic_rest = base.diastolic_pressure + c.dbp;
    double plan_end = 0.0;
    rc = one_session(session, k, t, &subj, &c, row, &plan_end, diag);
    if (rc != KN_OK) break;
    /* what the session leaves on the resting pressure, from the end of its plan */
    c.sbp += cp.bp_carry * row->systolic_change;
    c.dbp += cp.bp_carry * row->diastolic_change;
    if (row->cramps > 0) c.ctf += cp.ctf_gain; /* one bout of cramps, however many cramps */
    c.end = t + plan_end;
    c.sore_p[k] = row->soreness_probability;
    c.sore_t[k] = c.end;
    out->nsession = k + 1;
    out->sore_at_start_max = fmax(out->sore_at_start_max, row->sore_at_start);
    if (row->nerve_grade > out->nerve_grade) out->nerve_grade = row->nerve_grade;
    if (row->harm > out->harm) out->harm = row->harm;
  }
  if (rc == KN_OK) {
    const kn_course_session *last = &out->sessions[nsession - 1];
    out->systolic_course_change = last->systolic_carried + last->systolic_change;
    out->diastolic_course_change = last->diastolic_carried + last->diastolic_change;
    out->systolic_carried_end = c.sbp;
    out->diastolic_carried_end = c.dbp;
  }
  out->evidence_pressure = KN_EVIDENCE_HUMAN;
  out->evidence_soreness = KN_EVIDENCE_HUMAN;
  out->evidence_nerve = KN_EVIDENCE_EXPERT;
  free(c.nerve);
  free(c.sore_p);
  free(c.sore_t);
  return rc;
}
