/* SPDX-License-Identifier: Apache-2.0 */
/* The safety monitor: one push per sample runs the simulator's mechanics -> nerve -> tissue path
 * for the contacts it carries, checks every limit at the sites under them, and says what to do.
 *
 * Cost is kept to the sites under the contacts: a nerve or muscle that is not loaded changes only
 * by recovery, which has a closed form at zero pressure, so it is brought up to date (one
 * kn_nerve_step over the whole unloaded interval) when it is loaded again or asked about. Nothing
 * here allocates, prints or reads the clock. */
#include <math.h>
#include <string.h>

#include "core/arena.h"
#include "core/units.h"
#include "monitor/monitor_internal.h"

#define BIT(r) (1u << (unsigned)(r))

/* The severity order of the reasons (severity() below), as names: only the order matters, in
 * three bands -- warnings, then harm and limits from 10, then faults from 30. Internal: the status
 * carries the reason, not its rank. */
enum severity_rank {
  RANK_NONE,
  RANK_LOW_MARGIN,
  RANK_FAULT_DROPPED,
  RANK_ABRUPT_ONSET,
  RANK_PAIN = 10,
  RANK_BRUISE_RISK,
  RANK_ISO_PRESSURE,
  RANK_ISO_FORCE,
  RANK_NERVE_ISCHAEMIA,
  RANK_NERVE_PARESTHESIA,
  RANK_NERVE_TRANSPORT,
  RANK_NERVE_BLOCK,
  RANK_MUSCLE_DAMAGE,
  RANK_NERVE_INJURY,
  RANK_NERVE_SEVERE,
  RANK_FAULT_TIME_BACKWARDS = 30,
  RANK_FAULT_SILENT,
  RANK_FAULT_TIME_JUMP,
  RANK_FAULT_AREA,
  RANK_FAULT_LOCATION,
  RANK_FAULT_NEGATIVE_FORCE,
  RANK_FAULT_RANGE,
  RANK_FAULT_NONFINITE = RANK_FAULT_RANGE, /* ranked with a value out of range */
  RANK_FAULT_CONTACTS,
};

/* kn_monitor_config's defaults and accepted ranges: the embedder's choices, not model parameters;
 * each value and its reason is in docs/monitor.md ("Configuration"). */
#define CFG_PERIOD 1e-3         /* s: a 1 kHz force loop */
#define CFG_PERIOD_MIN 1e-5     /* s: 10 us, the fastest loop accepted */
#define CFG_GAP_MAX 0.1         /* s: a hand does not cross a nerve in 100 ms at massage speeds */
#define CFG_FORCE_NOISE 0.5     /* N: zero offset of a typical 6-axis force sensor */
#define CFG_WARN_MARGIN 0.2     /* 20 % headroom, the usual guard band of force-limiting set-ups */
#define CFG_WARN_TIME 10.0      /* s: time for a gentle ramp-down at massage force rates */
#define CFG_FORCE_BOUND_MAX 1e5 /* N: the largest force_max or shear_max an embedder may set */
/* A gap longer than this many periods means a sample was dropped; gap_max must be at least this,
 * so that a dropped sample and a jump of the clock stay distinguishable. */
#define DROPPED_GAP_PERIODS 1.5
/* Below this decay rate (1/s) the ischaemic deficit is taken as not recovering: a guard against
 * dividing by a rate that is zero up to rounding. */
#define DECAY_RATE_MIN 1e-12

/* Reasons that open and close with the load, and those raised once per site. */
#define REGION_CONDITIONS                                                                          \
  (BIT(KN_MON_ISO_PRESSURE) | BIT(KN_MON_ISO_FORCE) | BIT(KN_MON_PAIN) | BIT(KN_MON_BRUISE_RISK))

/* The names of the simulator's event kinds (one list, knead/sim.h): a reason that is the same
 * condition as an event has the event's name. */
static const char *const event_names[KN_EV_COUNT] = {KN_EVENT_KIND_MAP(KN_EVENT_KIND_NAME)};

/* The event kind that reason r is, or KN_EV_COUNT for a reason only the monitor has. */
static kn_event_kind event_of(kn_monitor_reason r) {
  switch (r) {
  case KN_MON_ISO_PRESSURE:
    return KN_EV_ISO_PRESSURE;
  case KN_MON_ISO_FORCE:
    return KN_EV_ISO_FORCE;
  case KN_MON_PAIN:
    return KN_EV_PAIN;
  case KN_MON_BRUISE_RISK:
    return KN_EV_BRUISE_RISK;
  case KN_MON_NERVE_ISCHAEMIA:
    return KN_EV_NERVE_ISCHAEMIA;
  case KN_MON_NERVE_PARESTHESIA:
    return KN_EV_NERVE_PARESTHESIA;
  case KN_MON_NERVE_BLOCK:
    return KN_EV_NERVE_BLOCK;
  case KN_MON_NERVE_TRANSPORT:
    return KN_EV_NERVE_TRANSPORT;
  case KN_MON_NERVE_INJURY:
    return KN_EV_NERVE_INJURY;
  case KN_MON_NERVE_SEVERE:
    return KN_EV_NERVE_SEVERE;
  case KN_MON_MUSCLE_DAMAGE:
    return KN_EV_MUSCLE_DAMAGE;
  default:
    return KN_EV_COUNT;
  }
}

/* Names of the reasons only the monitor has. */
static const char *const monitor_reason_names[KN_MON_REASON_COUNT] = {
    [KN_MON_NONE] = "none",
    [KN_MON_ABRUPT_ONSET] = "abrupt_onset",
    [KN_MON_LOW_MARGIN] = "low_margin",
    [KN_MON_FAULT_NONFINITE] = "fault_nonfinite",
    [KN_MON_FAULT_RANGE] = "fault_range",
    [KN_MON_FAULT_NEGATIVE_FORCE] = "fault_negative_force",
    [KN_MON_FAULT_AREA] = "fault_area",
    [KN_MON_FAULT_LOCATION] = "fault_location",
    [KN_MON_FAULT_TIME_BACKWARDS] = "fault_time_backwards",
    [KN_MON_FAULT_TIME_JUMP] = "fault_time_jump",
    [KN_MON_FAULT_DROPPED] = "fault_dropped",
    [KN_MON_FAULT_CONTACTS] = "fault_contacts",
    [KN_MON_FAULT_SILENT] = "fault_silent"};

const char *kn_monitor_reason_name(kn_monitor_reason r) {
  if ((unsigned)r >= KN_MON_REASON_COUNT) return "?";
  kn_event_kind ev = event_of(r);
  return ev < KN_EV_COUNT ? event_names[ev] : monitor_reason_names[r];
}

static const char *const limit_names[KN_LIMIT_COUNT] = {
    "iso_pressure",    "iso_force",       "pain",         "bruise",       "nerve_perfusion",
    "nerve_ischaemia", "nerve_transport", "nerve_injury", "muscle_damage"};

const char *kn_monitor_limit_name(kn_monitor_limit l) {
  return (unsigned)l < KN_LIMIT_COUNT ? limit_names[l] : "?";
}

const char *kn_monitor_level_name(kn_monitor_level l) {
  static const char *const names[] = {"ok", "warning", "limit", "fault"};
  return (unsigned)l <= KN_MON_FAULT ? names[l] : "?";
}

/* How bad each reason is, to pick the one the status names: faults first, then lasting harm, then
 * limits, then warnings. */
static int severity(kn_monitor_reason r) {
  static const unsigned char rank[KN_MON_REASON_COUNT] = {
      [KN_MON_NONE] = RANK_NONE,
      [KN_MON_LOW_MARGIN] = RANK_LOW_MARGIN,
      [KN_MON_FAULT_DROPPED] = RANK_FAULT_DROPPED,
      [KN_MON_ABRUPT_ONSET] = RANK_ABRUPT_ONSET,
      [KN_MON_PAIN] = RANK_PAIN,
      [KN_MON_BRUISE_RISK] = RANK_BRUISE_RISK,
      [KN_MON_ISO_PRESSURE] = RANK_ISO_PRESSURE,
      [KN_MON_ISO_FORCE] = RANK_ISO_FORCE,
      [KN_MON_NERVE_ISCHAEMIA] = RANK_NERVE_ISCHAEMIA,
      [KN_MON_NERVE_PARESTHESIA] = RANK_NERVE_PARESTHESIA,
      [KN_MON_NERVE_TRANSPORT] = RANK_NERVE_TRANSPORT,
      [KN_MON_NERVE_BLOCK] = RANK_NERVE_BLOCK,
      [KN_MON_MUSCLE_DAMAGE] = RANK_MUSCLE_DAMAGE,
      [KN_MON_NERVE_INJURY] = RANK_NERVE_INJURY,
      [KN_MON_NERVE_SEVERE] = RANK_NERVE_SEVERE,
      [KN_MON_FAULT_TIME_BACKWARDS] = RANK_FAULT_TIME_BACKWARDS,
      [KN_MON_FAULT_SILENT] = RANK_FAULT_SILENT,
      [KN_MON_FAULT_TIME_JUMP] = RANK_FAULT_TIME_JUMP,
      [KN_MON_FAULT_AREA] = RANK_FAULT_AREA,
      [KN_MON_FAULT_LOCATION] = RANK_FAULT_LOCATION,
      [KN_MON_FAULT_NEGATIVE_FORCE] = RANK_FAULT_NEGATIVE_FORCE,
      [KN_MON_FAULT_RANGE] = RANK_FAULT_RANGE,
      [KN_MON_FAULT_NONFINITE] = RANK_FAULT_NONFINITE,
      [KN_MON_FAULT_CONTACTS] = RANK_FAULT_CONTACTS,
  };
  return (unsigned)r < KN_MON_REASON_COUNT ? rank[r] : 0;
}

/* The level each active reason asks for. */
static kn_monitor_level level_of(kn_monitor_reason r, int rebased) {
  switch (r) {
  case KN_MON_NONE:
    return KN_MON_OK;
  case KN_MON_LOW_MARGIN:
  case KN_MON_FAULT_DROPPED:
  case KN_MON_ABRUPT_ONSET:
    return KN_MON_WARNING;
  case KN_MON_FAULT_TIME_BACKWARDS:
    return rebased ? KN_MON_WARNING : KN_MON_FAULT;
  default:
    return r >= KN_MON_FAULT_NONFINITE ? KN_MON_FAULT : KN_MON_LIMIT;
  }
}

void kn_monitor_config_default(kn_monitor_config *c) {
  c->period = CFG_PERIOD;
  c->gap_max = CFG_GAP_MAX;
  c->force_noise = CFG_FORCE_NOISE;
  c->warn_margin = CFG_WARN_MARGIN;
  c->warn_time = CFG_WARN_TIME;
  c->rebase_after = 3;
  c->force_max = KN_MONITOR_FORCE_MAX;
  c->shear_max = KN_MONITOR_SHEAR_MAX;
}

void kn_monitor_sample_init(kn_monitor_sample *s, double t) {
  s->t = t;
  s->region = -1;
  s->landmark = -1;
  s->x = s->y = NAN;
  s->force = 0.0;
  s->shear = NAN;
  s->velocity = NAN;
  s->area = NAN;
  s->contact_type = -1;
}

/* ---- layout ---------------------------------------------------------------------------------- */

/* Everything after the struct is per-site state: a rejected push must leave all of it as it was
 * (tests/unit/test_monitor.c compares it byte for byte). */
static void layout(kn_monitor *mon, kn_arena *a) {
  size_t nr = kn_atlas_region_count(), nn = kn_atlas_nerve_count(), nm = kn_atlas_muscle_count();
  mon->regions = kn_arena_take(a, nr, sizeof(kn_mon_region));
  mon->nerves = kn_arena_take(a, nn, sizeof(kn_mon_nerve));
  mon->muscles = kn_arena_take(a, nm, sizeof(kn_mon_muscle));
  kn_mechanics_out *o = &mon->mech;
  o->region_p = kn_arena_take(a, nr, sizeof(double));
  o->region_f = kn_arena_take(a, nr, sizeof(double));
  o->region_shear = kn_arena_take(a, nr, sizeof(double));
  o->region_deep_shear = NULL; /* no limit reads it: not computed on the 1 kHz path */
  o->region_rate = kn_arena_take(a, nr, sizeof(double));
  o->region_pain = kn_arena_take(a, nr, sizeof(double));
  o->region_t_contact = kn_arena_take(a, nr, sizeof(double));
  o->region_transient = kn_arena_take(a, nr, sizeof(int));
  o->nerve_p = kn_arena_take(a, nn, sizeof(double));
  o->nerve_len = kn_arena_take(a, nn, sizeof(double));
  o->muscle_p = kn_arena_take(a, nm, sizeof(double));
  mon->nerve_state.nerves = kn_arena_take(a, nn, sizeof(kn_nerve_state));
  mon->nerve_out.t_grade = kn_arena_take(a, nn, sizeof(double));
  mon->tissue_state.muscles = kn_arena_take(a, nm, sizeof(kn_muscle_state));
}

size_t kn_monitor_size(void) {
  kn_monitor probe;
  kn_arena a = {NULL, 0};
  kn_arena_take(&a, 1, sizeof probe);
  layout(&probe, &a);
  return a.used;
}

kn_monitor *kn_monitor_init(const kn_monitor_model *model, void *buf, size_t size) {
  if (!model || !buf || ((size_t)buf & (KN_MON_ALIGN - 1u)) || size < kn_monitor_size())
    return NULL;
  memset(buf, 0, kn_monitor_size()); /* also the alignment gaps: the state compares bytewise */
  kn_arena a = {buf, 0};
  kn_monitor *mon = kn_arena_take(&a, 1, sizeof *mon);
  layout(mon, &a);
  mon->m = model;
  kn_monitor_config_default(&mon->cfg);
  kn_monitor_reset(mon);
  return mon;
}

int kn_monitor_configure(kn_monitor *mon, const kn_monitor_config *c) {
  if (!mon || !c) return KN_EINVAL;
  if (!(c->period >= CFG_PERIOD_MIN && c->period <= 1.0) ||
      !(c->gap_max >= DROPPED_GAP_PERIODS * c->period) || !(c->gap_max < INFINITY) ||
      !(c->force_noise >= 0.0 && c->force_noise <= 100.0) ||
      !(c->warn_margin >= 0.0 && c->warn_margin <= 1.0) || !(c->warn_time >= 0.0) ||
      c->rebase_after < 1 || !(c->force_max >= 1.0 && c->force_max <= CFG_FORCE_BOUND_MAX) ||
      !(c->shear_max >= 1.0 && c->shear_max <= CFG_FORCE_BOUND_MAX))
    return KN_EINVAL;
  mon->cfg = *c;
  return KN_OK;
}

/* Region r and its nerves and muscles carry no load (the mechanics stage's output for it). */
static void release_loads(kn_monitor *mon, int r) {
  const kn_sites *s = &mon->m->sites;
  kn_mechanics_out *o = &mon->mech;
  o->region_p[r] = o->region_f[r] = o->region_shear[r] = 0.0;
  o->region_rate[r] = o->region_pain[r] = o->region_t_contact[r] = 0.0;
  o->region_transient[r] = 0;
  for (int i = s->nerve_first[r]; i < s->nerve_first[r + 1]; i++)
    o->nerve_p[s->nerve_list[i]] = o->nerve_len[s->nerve_list[i]] = 0.0;
  for (int i = s->muscle_first[r]; i < s->muscle_first[r + 1]; i++) {
    o->muscle_p[s->muscle_list[i]] = 0.0;
    mon->muscles[s->muscle_list[i]].p_prev = 0.0;
  }
}

void kn_monitor_reset(kn_monitor *mon) {
  if (!mon) return;
  const kn_monitor_model *m = mon->m;
  mon->started = 0;
  mon->t_prev = 0.0;
  mon->nback = 0;
  mon->nloaded = 0;
  mon->open = 0;
  memset(mon->contacts, 0, sizeof mon->contacts);
  memset(&mon->totals, 0, sizeof mon->totals);
  mon->totals.min_margin = 1.0;
  memset(mon->regions, 0, (size_t)m->sites.nregion * sizeof *mon->regions);
  memset(mon->muscles, 0, (size_t)m->sites.nmuscle * sizeof *mon->muscles);
  memset(mon->nerves, 0, (size_t)m->sites.nnerve * sizeof *mon->nerves);
  for (int r = 0; r < m->sites.nregion; r++)
    release_loads(mon, r);
  kn_nerve_stage_reset(&m->nerve_stage, &mon->nerve_state, &mon->nerve_out);
  for (int k = 0; k < m->sites.nmuscle; k++)
    mon->tissue_state.muscles[k] = (kn_muscle_state){0};
}

/* ---- status helpers -------------------------------------------------------------------------- */

static void status_begin(kn_monitor_status *st, double t) {
  st->t = t;
  st->level = KN_MON_OK;
  st->reason = KN_MON_NONE;
  st->active = 0;
  st->margin = 1.0;
  st->margin_limit = KN_LIMIT_ISO_PRESSURE;
  st->margin_site = -1;
  st->margin_site_kind = KN_SITE_REGION;
  st->time_to_limit = INFINITY;
  st->time_limit = KN_LIMIT_ISO_PRESSURE;
  st->force = st->force_rate = st->jerk = st->onset = 0.0;
  st->quality = 1.0;
  st->nsite = 0;
  st->nevent = 0;
  st->nevent_lost = 0;
}

static void emit(kn_monitor *mon, kn_monitor_status *st, kn_monitor_reason r, int raised,
                 kn_site_kind kind, int site, double value) {
  if (raised && r < KN_MON_FAULT_NONFINITE) mon->totals.raised[r]++; /* faults count apart */
  if (st->nevent >= KN_MONITOR_MAX_EVENTS) {
    st->nevent_lost++;
    return;
  }
  st->events[st->nevent++] = (kn_monitor_event){r, raised, kind, site, st->t, value};
}

/* Marks reason r active in the status. */
static void activate(kn_monitor_status *st, kn_monitor_reason r) {
  st->active |= BIT(r);
}

/* Opens or closes a condition kept in *open. */
static void condition(kn_monitor *mon, kn_monitor_status *st, unsigned *open, kn_monitor_reason r,
                      int on, kn_site_kind kind, int site, double value) {
  if (on) {
    activate(st, r);
    if (!(*open & BIT(r))) {
      *open |= BIT(r);
      emit(mon, st, r, 1, kind, site, value);
    }
  } else if (*open & BIT(r)) {
    *open &= ~BIT(r);
    emit(mon, st, r, 0, kind, site, value);
  }
}

/* Raises a dose reason once per site when `reached` first holds; the reason is active while `now`
 * holds (the cumulative doses never fall back; the ischaemic deficit recovers). */
static void dose(kn_monitor *mon, kn_monitor_status *st, unsigned *latched, kn_monitor_reason r,
                 int reached, int now, kn_site_kind kind, int site, double value) {
  if (now) activate(st, r);
  if (reached && !(*latched & BIT(r))) {
    *latched |= BIT(r);
    emit(mon, st, r, 1, kind, site, value);
  }
}

static void site_clear(kn_monitor_site *s, kn_site_kind kind, int site, double load) {
  s->kind = kind;
  s->site = site;
  s->load = load;
  for (int l = 0; l < KN_LIMIT_COUNT; l++) {
    s->margin[l] = 1.0;
    s->time_to_limit[l] = INFINITY;
  }
}

/* Time (s) for the ischaemic deficit to rise from i0 to level under a constant pressure whose
 * perfusion is q (kn_nerve_perfusion), using the closed form kn_nerve_step integrates with. */
static double ischaemia_time(const kn_nerve_params *np, double q, double i0, double level) {
  if (i0 >= level) return 0.0;
  double build, decay;
  kn_nerve_ischaemia_rates(np, q, &build, &decay);
  if (decay > DECAY_RATE_MIN) {
    double target = build / decay;
    if (target <= level) return INFINITY;
    return log((target - i0) / (target - level)) / decay;
  }
  return build > 0.0 ? (level - i0) / build : INFINITY;
}

/* Margins and times of a nerve in state ns under pressure p, whose perfusion is q
 * (kn_nerve_perfusion), over loaded length len. */
static void nerve_site(const kn_monitor_model *m, const kn_nerve_state *ns, int n, double p,
                       double q, double len, kn_monitor_site *s) {
  const kn_nerve_params *np = &m->nerve;
  site_clear(s, KN_SITE_NERVE, n, p);
  double ip = np->ischaemic_perfusion;
  s->margin[KN_LIMIT_NERVE_PERFUSION] = (q - ip) / ip;
  s->time_to_limit[KN_LIMIT_NERVE_PERFUSION] = q < ip ? 0.0 : INFINITY;
  s->margin[KN_LIMIT_NERVE_ISCHAEMIA] = 1.0 - ns->ischaemia / np->paresthesia_level;
  s->time_to_limit[KN_LIMIT_NERVE_ISCHAEMIA] =
      ischaemia_time(np, q, ns->ischaemia, np->paresthesia_level);
  double td = ns->transport_dose, id = ns->injury_dose;
  s->margin[KN_LIMIT_NERVE_TRANSPORT] = 1.0 - td;
  s->time_to_limit[KN_LIMIT_NERVE_TRANSPORT] = kn_nerve_transport_time(np, p, td);
  s->margin[KN_LIMIT_NERVE_INJURY] = 1.0 - id;
  double ir = kn_nerve_injury_rate(np, p, len);
  s->time_to_limit[KN_LIMIT_NERVE_INJURY] =
      id >= 1.0 - KN_DOSE_EPS ? 0.0 : (ir > 0.0 ? (1.0 - id) / ir : INFINITY);
}

static void muscle_site(const kn_monitor_model *m, const kn_muscle_state *ms, int k, double p,
                        kn_monitor_site *s) {
  site_clear(s, KN_SITE_MUSCLE, k, p);
  double dmg = ms->damage;
  s->margin[KN_LIMIT_MUSCLE_DAMAGE] = 1.0 - dmg;
  double td = p > 0.0 ? kn_muscle_death_time(&m->tissue, p) : INFINITY;
  s->time_to_limit[KN_LIMIT_MUSCLE_DAMAGE] =
      dmg >= 1.0 ? 0.0 : (isfinite(td) ? (1.0 - dmg) * td : INFINITY);
}

/* Ratios of region r's load this sample to its limits (the tissue stage's, as the simulator's). */
static void region_ratios(const kn_monitor *mon, int r, kn_region_ratios *q) {
  const kn_mechanics_out *o = &mon->mech;
  kn_region_ratios_of(&mon->m->tissue_stage, r, o->region_p[r], o->region_f[r], o->region_shear[r],
                      o->region_transient[r], q);
}

/* Margins and times of region r whose ratios are q (region_ratios). */
static void region_site(const kn_monitor *mon, int r, const kn_region_ratios *qr,
                        kn_monitor_site *s) {
  const kn_monitor_model *m = mon->m;
  const kn_mechanics_out *o = &mon->mech;
  const kn_sites *sites = &m->sites;
  kn_region_ratios q = *qr;
  site_clear(s, KN_SITE_REGION, r, o->region_p[r]);
  s->margin[KN_LIMIT_ISO_PRESSURE] = 1.0 - q.iso_p;
  s->margin[KN_LIMIT_ISO_FORCE] = 1.0 - q.iso_f;
  s->margin[KN_LIMIT_PAIN] = 1.0 - q.pain;
  s->margin[KN_LIMIT_BRUISE] = 1.0 - q.bruise / m->par.bruise_risk_level;
  /* a transient contact held on meets the quasi-static limit when it turns 0.5 s old */
  double left = m->par.iso_transient_time - o->region_t_contact[r];
  int limited = o->region_transient[r] && sites->transient_ok[r];
  s->time_to_limit[KN_LIMIT_ISO_PRESSURE] =
      q.iso_p > 1.0 ? 0.0 : (limited && o->region_p[r] > sites->p_limit[r] ? left : INFINITY);
  s->time_to_limit[KN_LIMIT_ISO_FORCE] =
      q.iso_f > 1.0 ? 0.0 : (limited && o->region_f[r] > sites->f_limit[r] ? left : INFINITY);
  s->time_to_limit[KN_LIMIT_PAIN] = s->margin[KN_LIMIT_PAIN] < 0.0 ? 0.0 : INFINITY;
  s->time_to_limit[KN_LIMIT_BRUISE] = s->margin[KN_LIMIT_BRUISE] <= 0.0 ? 0.0 : INFINITY;
}

/* Folds a site into the status's smallest margin and time. */
static void status_site(kn_monitor_status *st, const kn_monitor_site *s) {
  for (int l = 0; l < KN_LIMIT_COUNT; l++) {
    if (s->margin[l] < st->margin) {
      st->margin = s->margin[l];
      st->margin_limit = (kn_monitor_limit)l;
      st->margin_site = s->site;
      st->margin_site_kind = s->kind;
    }
    if (s->time_to_limit[l] < st->time_to_limit) {
      st->time_to_limit = s->time_to_limit[l];
      st->time_limit = (kn_monitor_limit)l;
    }
  }
}

static kn_monitor_site *next_site(kn_monitor_status *st, kn_monitor_site *spare) {
  return st->nsite < KN_MONITOR_MAX_SITES ? &st->sites[st->nsite++] : spare;
}

/* Brings an unloaded nerve's state ns, current to *t_state, up to time t: zero pressure has a
 * closed form, so one step does. */
static void nerve_catch_up(const kn_monitor_model *m, kn_nerve_state *ns, double *t_state,
                           double t) {
  double gap = t - *t_state;
  if (gap > 0.0) kn_nerve_step(&m->nerve, ns, 0.0, 0.0, gap);
  *t_state = t;
}

/* ---- rejecting a sample ---------------------------------------------------------------------- */

static int reject(kn_monitor *mon, kn_monitor_status *st, kn_monitor_reason r) {
  st->level = KN_MON_FAULT;
  st->reason = r;
  st->active = BIT(r);
  st->margin = 0.0; /* the load is unknown: no margin can be vouched for */
  st->time_to_limit = 0.0;
  st->quality = 0.0;
  mon->totals.rejected++;
  mon->totals.faults[r]++;
  emit(mon, st, r, 1, KN_SITE_REGION, -1, 0.0);
  return KN_ERANGE;
}

/* Checks one sample and resolves where it presses into the load the mechanics stage reads (the
 * contact's age and force rate are filled by track_contacts); returns KN_MON_NONE or the fault. */
static kn_monitor_reason resolve(const kn_monitor *mon, const kn_monitor_sample *s,
                                 kn_contact_load *out) {
  const kn_monitor_model *m = mon->m;
  if (!isfinite(s->t) || !isfinite(s->force) || isinf(s->shear) || isinf(s->velocity) ||
      isinf(s->area) || isinf(s->x) || isinf(s->y))
    return KN_MON_FAULT_NONFINITE;
  if (s->force < -mon->cfg.force_noise) return KN_MON_FAULT_NEGATIVE_FORCE;
  /* beyond the physical bound the number is not a load: taking it would overflow the doses */
  if (s->force > mon->cfg.force_max || fabs(s->shear) > mon->cfg.shear_max)
    return KN_MON_FAULT_RANGE;
  int region = s->region;
  double x = s->x, y = s->y;
  if (s->landmark >= 0) {
    const kn_landmark *lm = kn_atlas_landmark((size_t)s->landmark);
    if (!lm || (region >= 0 && region != lm->region)) return KN_MON_FAULT_LOCATION;
    region = lm->region;
    if (isnan(x)) x = lm->x;
    if (isnan(y)) y = lm->y;
  } else if (s->landmark < -1) {
    return KN_MON_FAULT_LOCATION;
  }
  if (region < -1 || region >= m->sites.nregion) return KN_MON_FAULT_LOCATION;
  const kn_contact_type *ct = NULL;
  if (s->contact_type >= 0) {
    ct = kn_atlas_contact_type((size_t)s->contact_type);
    if (!ct) return KN_MON_FAULT_LOCATION;
  } else if (s->contact_type < -1) {
    return KN_MON_FAULT_LOCATION;
  }
  *out = (kn_contact_load){.region = -1};
  if (!(s->force > 0.0)) return KN_MON_NONE;    /* no contact (noise below zero included) */
  if (region < 0) return KN_MON_FAULT_LOCATION; /* pressing, but nobody says where */
  double area = s->area;
  if (isnan(area)) {
    if (!ct) return KN_MON_FAULT_AREA;
    area = ct->area;
  }
  if (!(area >= m->area_min && area <= m->area_max)) return KN_MON_FAULT_AREA;
  if (isnan(x)) x = 0.0;
  if (isnan(y)) y = 0.0;
  x = fmax(-m->half_w[region], fmin(m->half_w[region], x));
  y = fmax(-m->half_l[region], fmin(m->half_l[region], y));
  double shear = s->shear;
  if (isnan(shear)) /* sliding on lubricated skin, as a gliding stroke */
    shear = s->velocity > 0.0 ? m->par.glide_friction * s->force : 0.0;
  if (shear < 0.0) shear = -shear; /* a direction, not a fault */
  out->region = region;
  out->active = 1;
  out->x = x;
  out->y = y;
  out->radius = sqrt(area / KN_PI);
  out->area = area;
  out->p = s->force / area;
  out->force = s->force;
  out->shear = shear;
  return KN_MON_NONE;
}

/* Moves the monitor's clock so that the last sample was at t_prev, keeping every interval it
 * stores (after a clock restart or jump, the state goes on from where it was). */
static void shift_clock(kn_monitor *mon, double t_prev) {
  double shift = t_prev - mon->t_prev;
  for (int k = 0; k < mon->m->sites.nnerve; k++)
    mon->nerves[k].t += shift;
  for (int r = 0; r < mon->m->sites.nregion; r++)
    mon->regions[r].pain_t += shift;
  mon->t_prev = t_prev;
}

/* ---- the push -------------------------------------------------------------------------------- */

/* Checks every sample of a push before anything changes (a rejected push leaves no trace). */
static kn_monitor_reason resolve_all(const kn_monitor *mon, const kn_monitor_sample *samples,
                                     size_t n, kn_contact_load *loads) {
  for (size_t i = 0; i < n; i++) {
    kn_monitor_reason f = resolve(mon, &samples[i], &loads[i]);
    if (f == KN_MON_NONE && samples[i].t != samples[0].t) f = KN_MON_FAULT_CONTACTS;
    if (f != KN_MON_NONE) return f;
  }
  return KN_MON_NONE;
}

/* The sample's time against the last one: sets *dt, the interval (s) the state advances by, and
 * *rebased; raises a time fault the push goes on with. Returns KN_MON_FAULT_TIME_BACKWARDS if the
 * sample must be rejected (only the count of backward times then changes), else KN_MON_NONE. */
static kn_monitor_reason advance_clock(kn_monitor *mon, kn_monitor_status *st, double t, double *dt,
                                       int *rebased) {
  const kn_monitor_config *cfg = &mon->cfg;
  double gap = 0.0;
  kn_monitor_reason time_fault = KN_MON_NONE;
  *dt = cfg->period;
  *rebased = 0;
  if (mon->started) {
    gap = *dt = t - mon->t_prev;
    if (!(*dt > 0.0)) {
      if (++mon->nback < cfg->rebase_after) return KN_MON_FAULT_TIME_BACKWARDS;
      /* the clock stayed behind: take it as restarted, one period on, doses kept */
      time_fault = KN_MON_FAULT_TIME_BACKWARDS;
      *rebased = 1;
      *dt = cfg->period;
      shift_clock(mon, t - *dt);
    } else if (*dt > cfg->gap_max) {
      time_fault = KN_MON_FAULT_TIME_JUMP; /* a glitch of the clock, not a long load */
      *dt = cfg->period;
      shift_clock(mon, t - *dt);
    } else if (*dt > DROPPED_GAP_PERIODS * cfg->period) {
      time_fault = KN_MON_FAULT_DROPPED;
    }
  } else {
    for (int k = 0; k < mon->m->sites.nnerve; k++) /* nerves at rest just before the first sample */
      mon->nerves[k].t = t - *dt;
    mon->totals.t_first = t;
  }
  mon->nback = 0;
  if (time_fault != KN_MON_NONE) {
    mon->totals.faults[time_fault]++;
    activate(st, time_fault);
    emit(mon, st, time_fault, 1, KN_SITE_REGION, -1, gap);
  }
  mon->started = 1;
  mon->t_prev = t;
  mon->totals.samples++;
  mon->totals.t_last = t;
  return KN_MON_NONE;
}

/* Contacts: how long each has pressed and how fast its force changes; the strongest sets the
 * status's force, rate and jerk. */
static void track_contacts(kn_monitor *mon, kn_monitor_status *st, kn_contact_load *loads, size_t n,
                           double dt) {
  double fmax_ = -1.0;
  for (size_t i = 0; i < n; i++) {
    kn_mon_contact *c = &mon->contacts[i];
    double rate = (loads[i].force - c->prev_force) / dt;
    double jerk = (rate - c->prev_rate) / dt;
    c->prev_force = loads[i].force;
    c->prev_rate = rate;
    c->t_contact = loads[i].region >= 0 ? c->t_contact + dt : 0.0;
    loads[i].force_rate = rate;
    loads[i].t_contact = c->t_contact;
    if (loads[i].force > fmax_) {
      fmax_ = loads[i].force;
      st->force = loads[i].force;
      st->force_rate = rate;
      st->jerk = jerk;
    }
  }
  for (size_t i = n; i < KN_MONITOR_MAX_CONTACTS; i++) /* contacts not reported are lifted */
    mon->contacts[i] = (kn_mon_contact){0};
}

/* Closes the conditions of a region no longer loaded, and of the nerves in it. */
static void unload_region(kn_monitor *mon, kn_monitor_status *st, int r) {
  const kn_sites *s = &mon->m->sites;
  kn_mon_region *rg = &mon->regions[r];
  release_loads(mon, r);
  for (int b = 0; b < KN_MON_REASON_COUNT; b++) {
    /* pain outlasts the hand (after-pain): it closes when it fades (linger_pain), as in the
     * simulator */
    if (b == KN_MON_PAIN && rg->pain.felt > mon->m->par.pain_probability_event) continue;
    if (rg->open & BIT(b))
      condition(mon, st, &rg->open, (kn_monitor_reason)b, 0, KN_SITE_REGION, r, 0.0);
  }
  for (int i = s->nerve_first[r]; i < s->nerve_first[r + 1]; i++) {
    kn_mon_nerve *nv = &mon->nerves[s->nerve_list[i]];
    if (nv->open)
      condition(mon, st, &nv->open, KN_MON_NERVE_ISCHAEMIA, 0, KN_SITE_NERVE, s->nerve_list[i],
                1.0);
  }
}

/* The regions loaded now (distinct, in contact order) into loaded; those loaded at the last
 * sample but not now are released. Returns how many are loaded. */
static int update_loaded(kn_monitor *mon, kn_monitor_status *st, const kn_contact_load *loads,
                         size_t n, int *loaded) {
  int nl = 0;
  for (size_t i = 0; i < n; i++) {
    int r = loads[i].region, seen = 0;
    if (r < 0) continue;
    for (int j = 0; j < nl; j++)
      seen |= loaded[j] == r;
    if (!seen) loaded[nl++] = r;
  }
  for (int j = 0; j < mon->nloaded; j++) {
    int r = mon->loaded[j], still = 0;
    for (int k = 0; k < nl; k++)
      still |= loaded[k] == r;
    if (!still) unload_region(mon, st, r);
  }
  mon->nloaded = nl;
  for (int j = 0; j < nl; j++)
    mon->loaded[j] = loaded[j];
  return nl;
}

/* Region r's pain over the interval ending at t (s): its fading while unloaded since the state was
 * last current (exact: nothing pressed), then dt (s) under this sample's pressure, as the
 * simulator's protocol stage does every step. Sets the mechanics output's region_pain[r]. */
static void region_pain_step(kn_monitor *mon, int r, double t, double dt) {
  const kn_monitor_model *m = mon->m;
  kn_mon_region *rg = &mon->regions[r];
  kn_pain_dynamics pd = kn_pain_dynamics_of(&m->par);
  const kn_pain_curve *c = &m->sites.pain[r];
  if (t - dt > rg->pain_t) kn_pain_state_step(c, &pd, 0.0, t - dt - rg->pain_t, &rg->pain);
  kn_pain_state_step(c, &pd, mon->mech.region_p[r], dt, &rg->pain);
  rg->pain_t = t;
  mon->mech.region_pain[r] = rg->pain.felt;
}

/* Time (s) until pressure ratio p / mean threshold `ratio`, held, is felt at the mean threshold
 * as summation (now sum) grows: ratio (1 + gain s(t)) = 1 with s(t) relaxing towards
 * min(1, ratio). 0 if it already is, INFINITY if it never gets there. */
static double pain_summation_time(const kn_pain_dynamics *pd, double ratio, double sum) {
  if (!(ratio > 0.0)) return INFINITY;
  if (ratio * (1.0 + pd->gain * sum) >= 1.0) return 0.0;
  double drive = fmin(1.0, ratio), needed = (1.0 / ratio - 1.0) / pd->gain;
  if (!(needed < drive) || !(sum < drive)) return INFINITY; /* never so high, or fading */
  return pd->sum_time * log((drive - sum) / (drive - needed));
}

/* Region r against its limits: the status's site, its conditions, the soreness load. */
static void check_region(kn_monitor *mon, kn_monitor_status *st, int r, double dt) {
  const kn_monitor_model *m = mon->m;
  const kn_mechanics_out *o = &mon->mech;
  kn_mon_region *rg = &mon->regions[r];
  kn_region_ratios q;
  region_ratios(mon, r, &q);
  /* the pressure as felt after the summation so far: the pain margin falls while it is held */
  kn_pain_dynamics pd = kn_pain_dynamics_of(&m->par);
  double pain_ratio = q.pain;
  q.pain *= 1.0 + pd.gain * rg->pain.summation;
  kn_monitor_site spare, *s = next_site(st, &spare);
  region_site(mon, r, &q, s);
  s->time_to_limit[KN_LIMIT_PAIN] = pain_summation_time(&pd, pain_ratio, rg->pain.summation);
  status_site(st, s);
  double ratio[4] = {q.iso_p, q.iso_f, q.pain, q.bruise};
  for (int l = 0; l < 4; l++)
    if (ratio[l] > rg->worst[l]) rg->worst[l] = ratio[l];
  double pain = o->region_pain[r];
  condition(mon, st, &rg->open, KN_MON_ISO_PRESSURE, q.iso_p > 1.0, KN_SITE_REGION, r, q.iso_p);
  condition(mon, st, &rg->open, KN_MON_ISO_FORCE, q.iso_f > 1.0, KN_SITE_REGION, r, q.iso_f);
  condition(mon, st, &rg->open, KN_MON_PAIN, pain > m->par.pain_probability_event, KN_SITE_REGION,
            r, pain);
  condition(mon, st, &rg->open, KN_MON_BRUISE_RISK, q.bruise >= m->par.bruise_risk_level,
            KN_SITE_REGION, r, q.bruise);
  mon->totals.soreness_load += kn_soreness_load_rate(&m->tissue_stage, r, o->region_p[r]) * dt;
}

/* Nerve n (stepped) against its limits: its conditions, doses and status site. */
static void check_nerve(kn_monitor *mon, kn_monitor_status *st, int nn) {
  const kn_monitor_model *m = mon->m;
  kn_mon_nerve *nv = &mon->nerves[nn];
  const kn_nerve_state *ns = &mon->nerve_state.nerves[nn];
  condition(mon, st, &nv->open, KN_MON_NERVE_ISCHAEMIA,
            ns->perfusion < m->nerve.ischaemic_perfusion, KN_SITE_NERVE, nn, ns->perfusion);
  int tingle = ns->ischaemia_peak >= m->nerve.paresthesia_level;
  int blocked = ns->ischaemia_peak >= m->nerve.block_level;
  int transport = ns->transport_dose >= 1.0 - KN_DOSE_EPS;
  int injury = ns->injury_dose >= 1.0 - KN_DOSE_EPS;
  int severe = ns->injury_dose >= m->nerve.severe_dose - KN_DOSE_EPS;
  dose(mon, st, &nv->latched, KN_MON_NERVE_PARESTHESIA, tingle,
       ns->ischaemia >= m->nerve.paresthesia_level, KN_SITE_NERVE, nn, ns->ischaemia_peak);
  dose(mon, st, &nv->latched, KN_MON_NERVE_BLOCK, blocked, ns->ischaemia >= m->nerve.block_level,
       KN_SITE_NERVE, nn, ns->ischaemia_peak);
  dose(mon, st, &nv->latched, KN_MON_NERVE_TRANSPORT, transport, transport, KN_SITE_NERVE, nn,
       ns->transport_dose);
  dose(mon, st, &nv->latched, KN_MON_NERVE_INJURY, injury, injury, KN_SITE_NERVE, nn,
       ns->injury_dose);
  dose(mon, st, &nv->latched, KN_MON_NERVE_SEVERE, severe, severe, KN_SITE_NERVE, nn,
       ns->injury_dose);
  kn_monitor_site spare, *s = next_site(st, &spare);
  /* the step just took this pressure: its perfusion is the one the step computed (the step reads
   * a negative or NaN pressure as none, so only for those is it computed again) */
  double p = mon->mech.nerve_p[nn];
  double q = p >= 0.0 ? ns->perfusion : kn_nerve_perfusion(&m->nerve, p);
  nerve_site(m, ns, nn, p, q, mon->mech.nerve_len[nn], s);
  status_site(st, s);
}

/* Muscle k (stepped) against its limits, and how abruptly the pressure on it rises (the reflex
 * model's tap). */
static void check_muscle(kn_monitor *mon, kn_monitor_status *st, int k, double dt) {
  const kn_monitor_model *m = mon->m;
  kn_mon_muscle *mu = &mon->muscles[k];
  const kn_muscle_state *ms = &mon->tissue_state.muscles[k];
  double p = mon->mech.muscle_p[k];
  int dead = ms->damage >= 1.0;
  dose(mon, st, &mu->latched, KN_MON_MUSCLE_DAMAGE, dead, dead, KN_SITE_MUSCLE, k, ms->damage);
  double onset = m->par.nm_tap_gain * fmax(0.0, (p - mu->p_prev) / dt);
  mu->p_prev = p;
  if (onset > st->onset) st->onset = onset;
  kn_monitor_site spare, *s = next_site(st, &spare);
  muscle_site(m, ms, k, p, s);
  status_site(st, s);
}

/* One loaded region through the simulator's stages: mechanics from the contacts on it, then its
 * nerves and muscles, each checked against its limits. */
static void run_region(kn_monitor *mon, kn_monitor_status *st, const kn_mechanics_in *in, int r,
                       double t, double dt) {
  const kn_monitor_model *m = mon->m;
  const kn_sites *s = &m->sites;
  const int *nerves = &s->nerve_list[s->nerve_first[r]];
  const int *muscles = &s->muscle_list[s->muscle_first[r]];
  int nnerve = s->nerve_first[r + 1] - s->nerve_first[r];
  int nmuscle = s->muscle_first[r + 1] - s->muscle_first[r];
  for (int i = 0; i < nnerve; i++) /* recovery up to the start of this interval */
    nerve_catch_up(m, &mon->nerve_state.nerves[nerves[i]], &mon->nerves[nerves[i]].t, t - dt);
  kn_mechanics_region(&m->mech, in, r, &mon->mech);
  region_pain_step(mon, r, t, dt);
  check_region(mon, st, r, dt);

  kn_nerve_stage_in nin = {mon->mech.nerve_p, mon->mech.nerve_len, t - dt};
  kn_nerve_stage_step_sites(&m->nerve_stage, &nin, &mon->nerve_state, &mon->nerve_out, nerves,
                            nnerve, dt);
  for (int i = 0; i < nnerve; i++) {
    mon->nerves[nerves[i]].t = t;
    check_nerve(mon, st, nerves[i]);
  }
  kn_tissue_stage_in tin = {.muscle_p = mon->mech.muscle_p};
  kn_tissue_stage_step_muscles(&m->tissue_stage, &tin, &mon->tissue_state, muscles, nmuscle, dt);
  for (int i = 0; i < nmuscle; i++)
    check_muscle(mon, st, muscles[i], dt);
}

/* Stroke quality, the warnings that come before a limit, and the level the worst active reason
 * sets; the totals of time at each level. */
static void conclude(kn_monitor *mon, kn_monitor_status *st, int rebased, double dt) {
  const kn_monitor_config *cfg = &mon->cfg;
  double onset_level = mon->m->par.monitor_onset_level;
  st->quality = fmax(0.0, 1.0 - st->onset / onset_level);
  condition(mon, st, &mon->open, KN_MON_ABRUPT_ONSET, st->onset > onset_level, KN_SITE_MUSCLE, -1,
            st->onset / onset_level);
  int low = st->margin < cfg->warn_margin || st->time_to_limit < cfg->warn_time;
  condition(mon, st, &mon->open, KN_MON_LOW_MARGIN, low, KN_SITE_REGION, -1, st->margin);
  for (int b = 1; b < KN_MON_REASON_COUNT; b++) {
    if (!(st->active & BIT(b))) continue;
    kn_monitor_reason r = (kn_monitor_reason)b;
    if (severity(r) > severity(st->reason)) st->reason = r;
    kn_monitor_level lv = level_of(r, rebased);
    if (lv > st->level) st->level = lv;
  }
  if (st->level == KN_MON_LIMIT) mon->totals.t_limit += dt;
  if (st->level == KN_MON_WARNING) mon->totals.t_warning += dt;
  if (st->margin < mon->totals.min_margin) {
    mon->totals.min_margin = st->margin;
    mon->totals.min_margin_limit = st->margin_limit;
  }
}

/* The after-pain of regions no longer pressed whose pain condition is still open: faded to t (s),
 * the condition closed once pain is no longer more likely than not. */
static void linger_pain(kn_monitor *mon, kn_monitor_status *st, double t) {
  const kn_monitor_model *m = mon->m;
  kn_pain_dynamics pd = kn_pain_dynamics_of(&m->par);
  for (int r = 0; r < m->sites.nregion; r++) {
    kn_mon_region *rg = &mon->regions[r];
    if (!(rg->open & BIT(KN_MON_PAIN)) || !(rg->pain_t < t)) continue; /* open and not stepped */
    kn_pain_state_step(&m->sites.pain[r], &pd, 0.0, t - rg->pain_t, &rg->pain);
    rg->pain_t = t;
    condition(mon, st, &rg->open, KN_MON_PAIN, rg->pain.felt > m->par.pain_probability_event,
              KN_SITE_REGION, r, rg->pain.felt);
  }
}

int kn_monitor_push(kn_monitor *mon, const kn_monitor_sample *samples, size_t n,
                    kn_monitor_status *st) {
  if (!mon || !st) return KN_EINVAL;
  status_begin(st, samples && n ? samples[0].t : mon->t_prev);
  if (!samples || n == 0 || n > KN_MONITOR_MAX_CONTACTS)
    return reject(mon, st, KN_MON_FAULT_CONTACTS);
  kn_contact_load loads[KN_MONITOR_MAX_CONTACTS];
  kn_monitor_reason fault = resolve_all(mon, samples, n, loads);
  if (fault != KN_MON_NONE) return reject(mon, st, fault);
  double t = samples[0].t, dt;
  int rebased;
  fault = advance_clock(mon, st, t, &dt, &rebased);
  if (fault != KN_MON_NONE) return reject(mon, st, fault);

  track_contacts(mon, st, loads, n, dt);
  int loaded[KN_MONITOR_MAX_CONTACTS];
  int nl = update_loaded(mon, st, loads, n, loaded);
  kn_mechanics_in in = {loads, (int)n};
  for (int j = 0; j < nl; j++)
    run_region(mon, st, &in, loaded[j], t, dt);
  linger_pain(mon, st, t);
  conclude(mon, st, rebased, dt);
  return KN_OK;
}

int kn_monitor_watchdog(kn_monitor *mon, double t, kn_monitor_status *st) {
  if (!mon || !st) return KN_EINVAL;
  status_begin(st, t);
  if (mon->started && isfinite(t) && t - mon->t_prev > mon->cfg.gap_max) {
    st->level = KN_MON_FAULT;
    st->reason = KN_MON_FAULT_SILENT;
    st->active = BIT(KN_MON_FAULT_SILENT);
    st->margin = 0.0;
    st->time_to_limit = 0.0;
    mon->totals.faults[KN_MON_FAULT_SILENT]++;
    emit(mon, st, KN_MON_FAULT_SILENT, 1, KN_SITE_REGION, -1, t - mon->t_prev);
  }
  return KN_OK;
}

/* ---- queries --------------------------------------------------------------------------------- */

int kn_monitor_site_status(const kn_monitor *mon, kn_site_kind kind, int site,
                           kn_monitor_site *out) {
  if (!mon || !out) return KN_EINVAL;
  const kn_monitor_model *m = mon->m;
  const kn_sites *s = &m->sites;
  switch (kind) {
  case KN_SITE_REGION:
    if (site < 0 || site >= s->nregion) return KN_ENOTFOUND;
    kn_region_ratios q;
    region_ratios(mon, site, &q);
    region_site(mon, site, &q, out);
    return KN_OK;
  case KN_SITE_NERVE: {
    if (site < 0 || site >= s->nnerve) return KN_ENOTFOUND;
    /* a copy: the query changes nothing */
    kn_nerve_state ns = mon->nerve_state.nerves[site];
    double t_state = mon->nerves[site].t, p = mon->mech.nerve_p[site];
    if (p == 0.0) nerve_catch_up(m, &ns, &t_state, mon->t_prev);
    nerve_site(m, &ns, site, p, kn_nerve_perfusion(&m->nerve, p), mon->mech.nerve_len[site], out);
    return KN_OK;
  }
  case KN_SITE_MUSCLE:
    if (site < 0 || site >= s->nmuscle) return KN_ENOTFOUND;
    muscle_site(m, &mon->tissue_state.muscles[site], site, mon->mech.muscle_p[site], out);
    return KN_OK;
  default:
    return KN_ENOTFOUND;
  }
}

int kn_monitor_site_worst(const kn_monitor *mon, kn_site_kind kind, int site,
                          kn_monitor_site *out) {
  int rc = kn_monitor_site_status(mon, kind, site, out);
  if (rc) return rc;
  const kn_monitor_model *m = mon->m;
  if (kind == KN_SITE_REGION) {
    const double *w = mon->regions[site].worst;
    out->margin[KN_LIMIT_ISO_PRESSURE] = 1.0 - w[0];
    out->margin[KN_LIMIT_ISO_FORCE] = 1.0 - w[1];
    out->margin[KN_LIMIT_PAIN] = 1.0 - w[2];
    out->margin[KN_LIMIT_BRUISE] = 1.0 - w[3] / m->par.bruise_risk_level;
    out->load = w[2] * m->sites.ppt_mean[site];
  } else if (kind == KN_SITE_NERVE) {
    const kn_nerve_state *s = &mon->nerve_state.nerves[site];
    out->load = s->p_peak;
    double ip = m->nerve.ischaemic_perfusion;
    out->margin[KN_LIMIT_NERVE_PERFUSION] = (kn_nerve_perfusion(&m->nerve, s->p_peak) - ip) / ip;
    out->margin[KN_LIMIT_NERVE_ISCHAEMIA] = 1.0 - s->ischaemia_peak / m->nerve.paresthesia_level;
  } else {
    out->load = mon->tissue_state.muscles[site].p_peak;
  }
  return KN_OK;
}

const kn_monitor_totals *kn_monitor_get_totals(const kn_monitor *mon) {
  return mon ? &mon->totals : NULL;
}

const kn_nerve_state *kn_monitor_nerve_state(kn_monitor *mon, int n) {
  if (!mon || n < 0 || n >= mon->m->sites.nnerve) return NULL;
  kn_nerve_state *ns = &mon->nerve_state.nerves[n];
  if (mon->mech.nerve_p[n] == 0.0) nerve_catch_up(mon->m, ns, &mon->nerves[n].t, mon->t_prev);
  return ns;
}
