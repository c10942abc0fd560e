/* SPDX-License-Identifier: Apache-2.0 */
/* Building a model: check the plan, lay out the timeline on hands (slots), pick the body parts the
 * session can reach, fit the atlas to the subject, and lay out the recorder. All arrays of a model
 * live in one block, except the stress table that every model of the process shares. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/units.h"
#include "sim/sim_internal.h"

enum { STRESS_NRHO = 81, STRESS_NZETA = 101 };
/* The stress table's reach, in disc radii: radial distance and depth (beyond them it is
 * negligible). */
static const double STRESS_RHO_MAX = 8.0;
static const double STRESS_ZETA_MAX = 10.0;
enum { EVENT_CAPACITY = 8192 };

/* The session's accepted ranges (docs/input.md): the time step (s), the recovery after the plan
 * (h), the practitioner's percentile and an action's duration (h); limits of the numerical method
 * and of a usable run, not of the body. */
static const double SESSION_DT_MIN = 1e-4;
static const double SESSION_DT_MAX = 1e-2;
enum { SESSION_RECOVERY_MAX_H = 48, PERCENTILE_MAX = 99, ACTION_DURATION_MAX_H = 4 };
/* Heat: the temperature (degC) must lie between water's freezing and boiling points. */
static const double HEAT_MIN_CELSIUS = 0.0;
static const double HEAT_MAX_CELSIUS = 100.0;
/* Times (s) closer than this are one instant: they are sums of seconds and carry rounding. */
static const double SAME_TIME = 1e-12;
/* Steps closer than this share to a whole number count as that number (the rounding of
 * duration / dt must not add a step). */
static const double STEP_COUNT_TOLERANCE = 1e-9;

/* The stress under a unit pressure on a unit disc depends on nothing a model holds, and computing
 * it took most of kn_model_create (0.17 s): it is built once per process, on first use from
 * whichever thread comes first, and read by every model after. */
static double stress_values[STRESS_NRHO * STRESS_NZETA];
static kn_stress_table stress_shared;
static pthread_once_t stress_once = PTHREAD_ONCE_INIT;

static void stress_build(void) {
  kn_stress_table_init(&stress_shared, STRESS_NRHO, STRESS_NZETA, STRESS_RHO_MAX, STRESS_ZETA_MAX,
                       stress_values);
}

static int fail(kn_diag *diag, int code, const char *field, const char *msg) {
  if (diag) {
    kn_diag_clear(diag);
    diag->code = code;
    snprintf(diag->field, sizeof diag->field, "%s", field);
    snprintf(diag->message, sizeof diag->message, "%s", msg);
  }
  return code;
}

/* As fail, with the place in the file where the offending value was given. */
static int fail_at(kn_diag *diag, int code, const char *field, int line, int col, const char *msg) {
  fail(diag, code, field, msg);
  if (diag) diag->line = line, diag->col = col;
  return code;
}

static int is_contact(const kn_action *a) {
  return kn_action_is_stroke(a->kind);
}

/* Checks what the loader already checks, for sessions built in code. */
/* The parameters a session sets (kn_params_check); the message points at the setting in its file.
 */
static int check_parameters(const kn_session *s, kn_diag *diag) {
  if (s->nparam > KN_SESSION_PARAMS_MAX)
    return fail(diag, KN_ETOOBIG, "session.parameters", "too many parameters");
  char field[96], msg[200];
  int bad = kn_params_check(s->params, s->nparam, field, sizeof field, msg, sizeof msg);
  if (bad < 0) return 0;
  return fail_at(diag, KN_ERANGE, field, s->params[bad].line, s->params[bad].col, msg);
}

static int check_session(const kn_session *s, kn_diag *diag) {
  char field[64];
  if (!s || s->naction == 0 || !s->actions)
    return fail(diag, KN_EINVAL, "session.actions", "a session needs at least one action");
  if (!(s->dt >= SESSION_DT_MIN && s->dt <= SESSION_DT_MAX))
    return fail(diag, KN_ERANGE, "session.time_step", "time step must be 0.1..10 ms");
  if (!(s->record_interval >= s->dt))
    return fail(diag, KN_ERANGE, "session.record_interval", "must be at least the time step");
  if (!(s->recovery >= 0.0 && s->recovery <= SESSION_RECOVERY_MAX_H * KN_HOUR))
    return fail(diag, KN_ERANGE, "session.recovery", "must be 0..48 h");
  if ((unsigned)s->practitioner > KN_PRACTITIONER_ROUGH_PARTNER)
    return fail(diag, KN_EINVAL, "session.practitioner", "unknown practitioner profile");
  if (s->practitioner_percentile < 0 || s->practitioner_percentile > PERCENTILE_MAX)
    return fail(diag, KN_ERANGE, "session.practitioner_percentile", "must be 1..99 (0: median)");
  if (s->practitioner_percentile && s->practitioner_seeded)
    return fail(diag, KN_EINVAL, "session.practitioner_percentile",
                "give practitioner_percentile or practitioner_seed, not both");
  if ((unsigned)s->giver > KN_GIVER_DEVICE)
    return fail(diag, KN_EINVAL, "session.giver", "unknown giver (hands or device)");
  int rc = check_parameters(s, diag);
  if (rc) return rc;
  for (size_t i = 0; i < s->naction; i++) {
    const kn_action *a = &s->actions[i];
    snprintf(field, sizeof field, "session.actions[%zu]", i);
    if ((unsigned)a->kind >= KN_ACT_COUNT) return fail(diag, KN_EINVAL, field, "unknown action");
    if (!(a->duration >= 0.0 && a->duration <= ACTION_DURATION_MAX_H * KN_HOUR) ||
        a->repetitions < 1 || !(a->rest_between >= 0.0))
      return fail(diag, KN_ERANGE, field, "duration, repetitions or rest out of range");
    if (!is_contact(a)) {
      if ((a->kind == KN_ACT_STRETCH || a->kind == KN_ACT_VOLUNTARY ||
           a->kind == KN_ACT_STIMULATION) &&
          !kn_atlas_muscle((size_t)a->muscle))
        return fail(diag, KN_ENOTFOUND, field, "this action needs a muscle");
      if (a->kind == KN_ACT_STRETCH && !(a->angle > 0.0 && a->angle <= 0.5 * KN_PI))
        return fail(diag, KN_ERANGE, field, "stretch angle must be 0..90 deg");
      if (a->kind == KN_ACT_STRETCH &&
          !(a->velocity >= 0.0 && a->velocity <= KN_STRETCH_VELOCITY_MAX && a->contraction >= 0.0 &&
            a->contraction <= 1.0))
        return fail(diag, KN_ERANGE, field,
                    "stretch velocity must be 0..1000 deg/s, contraction 0..100 %");
      if (a->kind == KN_ACT_VOLUNTARY && !(a->level > 0.0 && a->level <= 1.0))
        return fail(diag, KN_ERANGE, field, "contraction level must be 0..100 %");
      if (a->kind == KN_ACT_STIMULATION &&
          !(a->frequency >= KN_STIM_RATE_MIN && a->frequency <= 100.0 && a->fraction >= 0.0 &&
            a->fraction <= 1.0 && a->frequency_step >= 0.0 && (unsigned)a->target <= KN_STIM_IA))
        return fail(diag, KN_ERANGE, field, "bad stimulation frequency, step or fraction");
      if (a->kind == KN_ACT_HEAT && (a->region < 0 || !kn_atlas_region((size_t)a->region) ||
                                     !(a->temperature > KN_ZERO_CELSIUS + HEAT_MIN_CELSIUS &&
                                       a->temperature < KN_ZERO_CELSIUS + HEAT_MAX_CELSIUS)))
        return fail(diag, KN_ERANGE, field, "heat needs a region and a temperature");
      if (a->kind == KN_ACT_STRUCTURE_PRESSURE &&
          (a->nerve < 0 || !kn_atlas_nerve((size_t)a->nerve) || !(a->pressure > 0.0) ||
           !(a->loaded_length >= 0.0)))
        return fail(diag, KN_ERANGE, field, "structure pressure needs a nerve and a pressure");
      continue;
    }
    if (!kn_atlas_region((size_t)a->region) || a->region < 0)
      return fail(diag, KN_ENOTFOUND, field, "unknown region");
    if (a->landmark >= 0 && !kn_atlas_landmark((size_t)a->landmark))
      return fail(diag, KN_ENOTFOUND, field, "unknown landmark");
    if (a->muscle >= 0 && !kn_atlas_muscle((size_t)a->muscle))
      return fail(diag, KN_ENOTFOUND, field, "unknown muscle");
    if (!(a->duration > 0.0)) return fail(diag, KN_ERANGE, field, "duration must be > 0");
    if (!(a->area > 0.0 && a->area < 1.0)) return fail(diag, KN_ERANGE, field, "bad contact area");
    if (!(a->force >= 0.0 && a->force <= 1000.0)) return fail(diag, KN_ERANGE, field, "bad force");
    if (!(a->speed >= 0.0 && a->speed <= 1.0) || !(a->stroke_length >= 0.0) || !(a->rate >= 0.0) ||
        !isfinite(a->direction))
      return fail(diag, KN_ERANGE, field, "bad speed, stroke length, rate or direction");
  }
  return KN_OK;
}

static double action_length(const kn_action *a) {
  return a->repetitions * a->duration + (a->repetitions - 1) * a->rest_between;
}

/* The run-span limit: every action ends within KN_SESSION_SPAN_MAX of the start, so that the time
 * a run takes is bounded before it starts (docs/cli.md, limits). Points at the action that ends
 * last. */
static int check_span(const kn_model *probe, kn_diag *diag) {
  const kn_session *s = &probe->session;
  size_t last = 0;
  for (size_t i = 1; i < s->naction; i++)
    if (probe->action_end[i] > probe->action_end[last]) last = i;
  double end = probe->action_end[last];
  if (end <= KN_SESSION_SPAN_MAX) return KN_OK;
  char field[64], msg[200];
  snprintf(field, sizeof field, "session.actions[%zu]", last);
  snprintf(msg, sizeof msg,
           "the actions end %.0f h after the start; a session may span at most %.0f h: lower "
           "duration, repetitions or rest_between",
           end / 3600.0, KN_SESSION_SPAN_MAX / 3600.0);
  return fail_at(diag, KN_ERANGE, field, s->actions[last].line, s->actions[last].col, msg);
}

/* Lays out every array of the model; with a->base == NULL only measures. */
static void layout(kn_model *m, kn_arena *a, size_t naction, size_t nslot_max, size_t nreg,
                   size_t nnerve, size_t nmus, size_t nnm, size_t ncol) {
  m->nm.muscles = kn_arena_take(a, nnm, sizeof(kn_nm_muscle));
  m->nm.other = kn_arena_take(a, naction, sizeof(int));
  m->session.actions = kn_arena_take(a, naction, sizeof(kn_action));
  m->action_start = kn_arena_take(a, naction, sizeof(double));
  m->action_end = kn_arena_take(a, naction, sizeof(double));
  m->slot_first = kn_arena_take(a, nslot_max + 1, sizeof(int));
  m->slot_actions = kn_arena_take(a, naction, sizeof(int));
  m->heat_actions = kn_arena_take(a, naction, sizeof(int));
  m->drink_actions = kn_arena_take(a, naction, sizeof(int));
  m->structure_actions = kn_arena_take(a, naction, sizeof(int));
  m->structure_nerve = kn_arena_take(a, naction, sizeof(int));
  m->nm_region = kn_arena_take(a, nnm, sizeof(int));
  kn_sites_layout(&m->sites, a, nreg, nnerve, nmus); /* the sites mechanics fits */
  kn_recorder_layout_take(a, ncol, &m->rec);
}

/* Start and end of every action: sequential unless a start is given. */
static void schedule_times(kn_model *m) {
  double t = 0.0;
  m->plan_end = 0.0;
  for (size_t i = 0; i < m->session.naction; i++) {
    const kn_action *a = &m->session.actions[i];
    double start = a->start >= 0.0 ? a->start : t;
    m->action_start[i] = start;
    m->action_end[i] = start + action_length(a);
    t = m->action_end[i];
    if (t > m->plan_end) m->plan_end = t;
  }
}

/* Greedy interval partition: each contact action, in order of start, goes to the first hand that is
 * free by then. Scratch arrays (naction each) come from the caller. Returns the number of slots
 * and, unless measure_only, fills slot_first/slot_actions grouped by slot, each slot in order of
 * start. */
static int schedule_slots(kn_model *m, int *order, int *slot_of, double *slot_free,
                          int measure_only) {
  int count = 0;
  for (size_t i = 0; i < m->session.naction; i++) {
    if (!is_contact(&m->session.actions[i])) continue;
    int j = count++;
    while (j > 0 && m->action_start[order[j - 1]] > m->action_start[i]) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = (int)i;
  }
  int nslot = 0;
  for (int k = 0; k < count; k++) {
    int i = order[k], s = 0;
    while (s < nslot && slot_free[s] > m->action_start[i] + SAME_TIME)
      s++;
    if (s == nslot) nslot++;
    slot_free[s] = m->action_end[i];
    slot_of[i] = s;
  }
  if (measure_only) return nslot;
  int n = 0;
  for (int s = 0; s < nslot; s++) {
    m->slot_first[s] = n;
    for (int k = 0; k < count; k++)
      if (slot_of[order[k]] == s) m->slot_actions[n++] = order[k];
  }
  m->slot_first[nslot] = n;
  return nslot;
}

/* The sites the recorder writes columns for, in the order it writes them. */
static kn_recorder_sites recorder_sites(const kn_model *m) {
  return (kn_recorder_sites){m->nslot,
                             m->nregion,
                             m->regions,
                             m->nnerve,
                             m->nerves,
                             m->nmuscle,
                             m->muscles,
                             m->nm.nmuscle,
                             m->nm.nmuscle ? &m->nm.muscles[0].atlas : NULL,
                             sizeof(kn_nm_muscle)};
}

/* What circulation and the whole body need from the plan: heat and drinks, the carotid sinus. */
static void circulation_init(kn_model *m) {
  m->nheat = m->ndrink = 0;
  for (size_t i = 0; i < m->session.naction; i++) {
    kn_action_kind k = m->session.actions[i].kind;
    if (k == KN_ACT_HEAT) m->heat_actions[m->nheat++] = (int)i;
    if (k == KN_ACT_DRINK) m->drink_actions[m->ndrink++] = (int)i;
  }
  m->nstructure = 0; /* pressures held on a nerve: the nerve is in the model (its region is) */
  for (size_t i = 0; i < m->session.naction; i++) {
    const kn_action *a = &m->session.actions[i];
    if (a->kind != KN_ACT_STRUCTURE_PRESSURE) continue;
    for (int n = 0; n < m->nnerve; n++)
      if (m->nerves[n] == a->nerve) {
        m->structure_actions[m->nstructure] = (int)i;
        m->structure_nerve[m->nstructure++] = n;
      }
  }
  m->carotid = -1;
  for (int n = 0; n < m->nnerve; n++)
    if (!strcmp(kn_atlas_nerve((size_t)m->nerves[n])->name, "carotid_sinus")) m->carotid = n;
  m->circ_every = (int)lround(KN_CIRC_PERIOD / m->session.dt);
  if (m->circ_every < 1) m->circ_every = 1;
  for (int i = 0; i < m->nm.nmuscle; i++) {
    int tissue = m->nm.muscles[i].tissue;
    m->nm_region[i] = tissue >= 0 ? m->muscle_region[tissue] : -1;
  }
}

void kn_stage_params_fill(kn_model *m) {
  m->events = (kn_events_params){.par = &m->par,
                                 .nerve = &m->nerve,
                                 .tissue = &m->tissue_stage,
                                 .nregion = m->nregion,
                                 .regions = m->regions,
                                 .nnerve = m->nnerve,
                                 .nerves = m->nerves,
                                 .nmuscle = m->nmuscle,
                                 .muscles = m->muscles,
                                 .capacity = m->event_capacity};
  m->protocol = (kn_protocol_params){.par = &m->par,
                                     .profile = &m->profile,
                                     .dt = m->session.dt,
                                     .seed = m->session.seed,
                                     .nslot = m->nslot,
                                     .slot_first = m->slot_first,
                                     .slot_actions = m->slot_actions,
                                     .actions = m->session.actions,
                                     .action_start = m->action_start,
                                     .action_end = m->action_end,
                                     .region_local = m->region_local,
                                     .ppt_mean = m->ppt_mean,
                                     .ppt_sd = m->ppt_sd,
                                     .pain = m->sites.pain,
                                     .nregion = m->nregion,
                                     .device = m->session.giver == KN_GIVER_DEVICE};
  m->circ = (kn_circ_params){.par = &m->par,
                             .serum_potassium = m->subject.serum_potassium,
                             .atherosclerosis = m->subject.atherosclerosis,
                             .plan_end = m->plan_end,
                             .nregion = m->nregion,
                             .regions = m->regions,
                             .region_local = m->region_local,
                             .nmuscle = m->nmuscle,
                             .muscle_region = m->muscle_region,
                             .nnm = m->nm.nmuscle,
                             .nm_region = m->nm_region,
                             .actions = m->session.actions,
                             .action_start = m->action_start,
                             .action_end = m->action_end,
                             .nheat = m->nheat,
                             .heat_actions = m->heat_actions};
  m->sys = (kn_systemic_params){.par = &m->par,
                                .subject = &m->subject,
                                .hypothesis_cortisol = m->session.hypothesis_cortisol,
                                .plan_end = m->plan_end,
                                .duration = m->duration,
                                .nregion = m->nregion,
                                .actions = m->session.actions,
                                .action_start = m->action_start,
                                .ndrink = m->ndrink,
                                .drink_actions = m->drink_actions};
}

/* Regions the plan touches, and the nerves and muscles in them (fitted by mechanics, the same
 * code as the monitor's model); the stages' constant parts read them. */
static void select_sites(kn_model *m, const unsigned char *touched) {
  kn_sites *st = &m->sites;
  kn_sites_fit(st, &m->subject, touched);
  /* the model's own names for the same arrays, read by the other stages and the report */
  m->nregion = st->nregion;
  m->regions = st->regions;
  m->region_local = st->region_local;
  m->ppt_mean = st->ppt_mean;
  m->ppt_sd = st->ppt_sd;
  m->p_limit = st->p_limit;
  m->f_limit = st->f_limit;
  m->transient_ok = st->transient_ok;
  m->fat = st->fat;
  m->mid_muscle = st->mid_muscle;
  m->nnerve = st->nnerve;
  m->nerves = st->nerves;
  m->nerve_region = st->nerve_region;
  m->nerve_depth = st->nerve_depth;
  m->nmuscle = st->nmuscle;
  m->muscles = st->muscles;
  m->muscle_region = st->muscle_region;
  m->muscle_depth = st->muscle_depth;
}

/* The constant parts of the mechanics, nerve and tissue stages. */
static void stages_init(kn_model *m) {
  m->mech = kn_mechanics_params_of(&m->par, &m->sites, &m->stress);
  m->nerve_stage = (kn_nerve_stage_params){&m->nerve, m->nnerve};
  m->tissue_stage = kn_tissue_stage_params_of(&m->par, &m->tissue, &m->sites);
}

int kn_model_create(const kn_subject *subject, const kn_session *session, kn_model **out,
                    kn_diag *diag) {
  if (!out) return fail(diag, KN_EINVAL, "", "no output pointer");
  *out = NULL;
  int rc = check_session(session, diag);
  if (rc) return rc;

  size_t naction = session->naction;
  size_t nreg_atlas = kn_atlas_region_count();
  unsigned char *touched = calloc(nreg_atlas, 1);
  unsigned char *marks = calloc(kn_atlas_muscle_count(), 1);
  int *slot_of = calloc(naction, sizeof(int));
  int *order = calloc(naction, sizeof(int));
  double *slot_free = calloc(naction, sizeof(double));
  kn_model probe = {0};
  probe.session = *session;
  kn_arena measure = {0};
  if (!touched || !marks || !slot_of || !order || !slot_free) {
    rc = KN_ENOMEM;
    goto done;
  }

  /* a first pass on scratch arrays measures slots, regions, nerves and muscles */
  probe.action_start = calloc(naction, sizeof(double));
  probe.action_end = calloc(naction, sizeof(double));
  if (!probe.action_start || !probe.action_end) {
    rc = KN_ENOMEM;
    goto scratch;
  }
  schedule_times(&probe);
  if ((rc = check_span(&probe, diag))) goto scratch;
  int nslot = schedule_slots(&probe, order, slot_of, slot_free, 1);
  size_t nreg = 0, nnerve = 0, nmus = 0;
  for (size_t i = 0; i < naction; i++) {
    const kn_action *a = &session->actions[i];
    /* hands and heat reach a region */
    if ((is_contact(a) || a->kind == KN_ACT_HEAT || a->kind == KN_ACT_VOLUNTARY ||
         a->kind == KN_ACT_STIMULATION || a->kind == KN_ACT_STRETCH ||
         a->kind == KN_ACT_STRUCTURE_PRESSURE) &&
        a->region >= 0 && !touched[a->region]) {
      touched[a->region] = 1;
      nreg++;
    }
  }
  kn_sites_count(touched, &nreg, &nnerve, &nmus);
  size_t nnm = (size_t)kn_nm_select(session, touched, marks);
  kn_recorder_sites sites = {nslot,     (int)nreg, NULL,     (int)nnerve, NULL,
                             (int)nmus, NULL,      (int)nnm, NULL,        0};
  size_t ncol = kn_recorder_column_count(&sites);

  kn_model *m = calloc(1, sizeof *m);
  if (!m) {
    rc = KN_ENOMEM;
    goto scratch;
  }
  layout(m, &measure, naction, (size_t)nslot, nreg, nnerve, nmus, nnm, ncol);
  m->block = calloc(1, measure.used);
  if (!m->block) {
    free(m);
    rc = KN_ENOMEM;
    goto scratch;
  }
  kn_arena carve = {m->block, 0};
  layout(m, &carve, naction, (size_t)nslot, nreg, nnerve, nmus, nnm, ncol);

  if (subject)
    m->subject = *subject;
  else
    kn_subject_default(&m->subject);
  kn_action *actions = m->session.actions;
  m->session = *session;
  m->session.actions = actions;
  memcpy(actions, session->actions, naction * sizeof(kn_action));
  kn_params_default(&m->par);
  for (size_t i = 0; i < session->nparam; i++)
    kn_params_set(&m->par, session->params[i].index, session->params[i].value);
  kn_module_params(&m->par, &m->nerve, &m->tissue);
  if (m->session.giver == KN_GIVER_DEVICE)
    kn_device_traits(&m->profile);
  else
    kn_practitioner_draw(&m->par, m->session.practitioner, m->session.practitioner_percentile,
                         m->session.practitioner_seeded, m->session.practitioner_seed, &m->profile);
  schedule_times(m);
  m->nslot = schedule_slots(m, order, slot_of, slot_free, 0);
  m->duration = m->plan_end + session->recovery;
  m->nstep = (size_t)ceil(m->duration / session->dt - STEP_COUNT_TOLERANCE);
  select_sites(m, touched);
  kn_nm_params_init(&m->nm, &m->par, &m->subject, &m->session, m->action_start, marks, m->muscles,
                    m->nmuscle);
  circulation_init(m);
  pthread_once(&stress_once, stress_build);
  m->stress = stress_shared;
  stages_init(m);
  kn_recorder_sites at = recorder_sites(m);
  kn_recorder_layout(&at, &m->par, session->record_interval, m->duration, &m->rec);
  m->event_capacity = EVENT_CAPACITY;
  kn_stage_params_fill(m);
  *out = m;
  rc = KN_OK;
scratch:
  free(probe.action_start);
  free(probe.action_end);
done:
  free(touched);
  free(marks);
  free(slot_of);
  free(order);
  free(slot_free);
  return rc;
}

void kn_model_free(kn_model *m) {
  if (!m) return;
  free(m->block);
  free(m);
}

double kn_model_duration(const kn_model *m) {
  return m->duration;
}
double kn_model_dt(const kn_model *m) {
  return m->session.dt;
}
const kn_subject *kn_model_subject(const kn_model *m) {
  return &m->subject;
}
const kn_practitioner_traits *kn_model_practitioner(const kn_model *m) {
  return &m->profile;
}

const kn_session *kn_model_session(const kn_model *m) {
  return &m->session;
}
size_t kn_series_ncol(const kn_model *m) {
  return m->rec.ncol;
}
size_t kn_series_rows_max(const kn_model *m) {
  return m->rec.nrow_max;
}
const char *kn_series_name(const kn_model *m, size_t col) {
  return col < m->rec.ncol ? m->rec.cols[col].name : NULL;
}
const kn_column_info *kn_series_column(const kn_model *m, size_t col) {
  return col < m->rec.ncol ? &m->rec.cols[col] : NULL;
}

int kn_model_region_limits(const kn_model *m, int region, kn_region_limits *out) {
  if (region < 0 || (size_t)region >= kn_atlas_region_count()) return KN_ENOTFOUND;
  int l = m->region_local[region];
  if (l < 0) return KN_ENOTFOUND;
  *out = (kn_region_limits){m->p_limit[l], m->f_limit[l], m->ppt_mean[l], m->ppt_sd[l]};
  return KN_OK;
}
double kn_model_nerve_p50(const kn_model *m) {
  return m->nerve.perfusion_p50;
}

const kn_nerve_params *kn_model_nerve_params(const kn_model *m) {
  return &m->nerve;
}
int kn_model_action_times(const kn_model *m, size_t i, double *start, double *end) {
  if (i >= m->session.naction) return KN_EINVAL;
  *start = m->action_start[i];
  *end = m->action_end[i];
  return KN_OK;
}
