/* SPDX-License-Identifier: Apache-2.0 */
/* knead — one subject of a cohort: draw it, give it the session under each profile, keep the
 * outcome as plain data. */
#include "knead/cohort.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/rng.h"
#include "knead/cohort_uncertainty.h"

/* Purposes of a subject's random streams (any values, but fixed forever: they define the runs). */
#define STREAM_OUTCOME 0x4f5554434f4d45ULL
#define STREAM_PRACTITIONER 0x50524143ULL
#define STREAM_PRACTITIONER_TRAITS 0x5452414954ULL

static void keep(const kn_outcome *o, const double *u, kn_cohort_result *r) {
  size_t nout = kn_cohort_outcome_count();
  for (size_t i = 0; i < nout; i++)
    r->flags[i] = kn_cohort_outcome_flag(i, o, u[i]);
  r->harm = (int)o->harm;
  r->duration = o->duration;
  r->soreness_probability = o->soreness_probability;
  r->bruise_probability = o->bruise_probability;
  for (size_t i = 0; i < o->nregion; i++) {
    const kn_region_outcome *g = &o->regions[i];
    r->p_peak = fmax(r->p_peak, g->p_peak);
    r->pain_peak = fmax(r->pain_peak, g->pain_peak);
    r->bruise_index = fmax(r->bruise_index, g->bruise_index);
    if ((int)g->bruise > r->bruise_grade) r->bruise_grade = (int)g->bruise;
  }
  for (size_t i = 0; i < o->nnerve; i++) {
    r->injury_dose = fmax(r->injury_dose, o->nerves[i].injury_dose);
    if ((int)o->nerves[i].grade > r->nerve_grade) r->nerve_grade = (int)o->nerves[i].grade;
  }
  for (size_t i = 0; i < o->nmuscle; i++)
    r->muscle_damage = fmax(r->muscle_damage, o->muscles[i].damage);
  for (size_t i = 0; i < o->nspasm; i++) {
    kn_spasm_kind k = o->spasms[i].kind;
    r->nclonic += k == KN_SPASM_CLONIC;
    r->ntonic += k == KN_SPASM_TONIC;
    r->ncramp += k == KN_SPASM_CRAMP;
  }
  r->nevent_total = (int)(o->nevent + o->nevent_dropped);
  for (size_t i = 0; i < o->nevent && r->nevent < KN_COHORT_MAX_EVENTS; i++) {
    const kn_event *e = &o->events[i];
    kn_cohort_event *c = &r->events[r->nevent++];
    c->t_start = e->t_start;
    c->t_end = e->t_end;
    c->value = e->value;
    c->kind = (int)e->kind;
    c->site_kind = (int)e->site_kind;
    c->site = e->site;
    c->evidence = (int)e->evidence;
    snprintf(c->unit, sizeof c->unit, "%s", e->unit ? e->unit : "");
  }
}

int kn_cohort_draw(const kn_cohort_job *job, uint64_t index, kn_cohort_unit *out, kn_diag *diag) {
  memset(out, 0, sizeof *out);
  out->index = index;
  /* a Morris design gives every parameter point the same block of subjects */
  uint64_t subject = kn_cohort_design_subject(job->design, index);
  int rc =
      kn_population_sample(job->population, job->seed, subject, &out->subject, &out->bmi, diag);
  if (rc) return rc;
  /* one draw per outcome, keyed by its name: a new row of the outcome table moves no other draw */
  for (size_t i = 0; i < kn_cohort_outcome_count(); i++) {
    kn_rng r;
    uint64_t stream = STREAM_OUTCOME ^ kn_fnv1a_str(kn_cohort_outcome_name(i));
    kn_rng_seed(&r, kn_cohort_key(job->seed, subject, stream));
    out->u[i] = kn_rng_uniform(&r);
  }
  /* the course outcomes' draws in the same way, by the name of the draw each uses */
  for (size_t i = 0; i < kn_cohort_course_outcome_count(); i++) {
    kn_rng r;
    uint64_t stream = STREAM_OUTCOME ^ kn_fnv1a_str(kn_cohort_course_outcome_draw(i));
    kn_rng_seed(&r, kn_cohort_key(job->seed, subject, stream));
    out->u_course[i] = kn_rng_uniform(&r);
  }
  return 0;
}

/* The course of the session for unit's subject into result p: its outcome and course flags. */
static int run_course(const kn_session *session, kn_cohort_unit *unit, int p, kn_diag *diag) {
  kn_cohort_result *res = &unit->result[p];
  int rc = kn_course_run(&unit->subject, session, &res->course, diag);
  if (rc) return rc;
  res->has_course = 1;
  for (size_t i = 0; i < kn_cohort_course_outcome_count(); i++)
    res->course_flags[i] = kn_cohort_course_outcome_flag(i, &res->course, unit->u_course[i]);
  return 0;
}

int kn_cohort_simulate(const kn_cohort_job *job, kn_cohort_unit *out, kn_diag *diag) {
  kn_session session = *job->session; /* shallow: the actions stay the caller's, read only */
  kn_cohort_design_apply(job->design, out->index, &session); /* this unit's parameter values */
  uint64_t subject = kn_cohort_design_subject(job->design, out->index);
  out->nprofile = 0;
  for (int p = 0; p < job->nprofile; p++) {
    session.practitioner = job->profiles[p];
    /* keyed by the profile itself, so the order of --profiles changes nothing */
    session.seed =
        kn_cohort_key(job->seed, subject, STREAM_PRACTITIONER + (uint64_t)job->profiles[p]);
    /* each subject draws their own practitioner of the profile */
    session.practitioner_percentile = 0;
    session.practitioner_seeded = 1;
    session.practitioner_seed =
        kn_cohort_key(job->seed, subject, STREAM_PRACTITIONER_TRAITS + (uint64_t)job->profiles[p]);
    kn_model *m = NULL;
    kn_data *d = NULL;
    int rc = kn_model_create(&out->subject, &session, &m, diag);
    if (rc == 0) rc = kn_data_create(m, &d);
    if (rc == 0 && (rc = kn_run(m, d, NULL, NULL)) != 0 && diag) {
      kn_diag_clear(diag);
      diag->code = rc;
      kn_data_error_format(d, diag->message, sizeof diag->message);
    }
    if (rc == 0) {
      kn_cohort_result *res = &out->result[p];
      memset(res, 0, sizeof *res);
      res->profile = (int)job->profiles[p];
      keep(kn_data_outcome(m, d), out->u, res);
      res->practitioner = *kn_model_practitioner(m);
    }
    kn_data_free(d);
    kn_model_free(m);
    /* a course: every session of it, for the same subject and practitioner */
    if (rc == 0 && session.course.nsession > 0) rc = run_course(&session, out, p, diag);
    if (rc) return rc;
    out->nprofile = p + 1;
  }
  return 0;
}
