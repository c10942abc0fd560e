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
#include "mechanics/contact_path.h"
#include "monitor/monitor_internal.h"

#define BIT(r) (1u << (unsigned)(r))

/* Reasons that open and close with the load, and those raised once per site. */
#define REGION_CONDITIONS                                                                          \
  (BIT(KN_MON_ISO_PRESSURE) | BIT(KN_MON_ISO_FORCE) | BIT(KN_MON_PAIN) | BIT(KN_MON_BRUISE_RISK))

static const char *const reason_names[KN_MON_REASON_COUNT] = {"none",
                                                              "iso_pressure",
                                                              "iso_force",
                                                              "pain",
                                                              "bruise_risk",
                                                              "nerve_ischaemia",
                                                              "nerve_paresthesia",
                                                              "nerve_conduction_block",
                                                              "nerve_transport_block",
                                                              "nerve_injury",
                                                              "nerve_axonal_injury",
                                                              "muscle_damage",
                                                              "abrupt_onset",
                                                              "low_margin",
                                                              "fault_nonfinite",
                                                              "fault_range",
                                                              "fault_negative_force",
                                                              "fault_area",
                                                              "fault_location",
                                                              "fault_time_backwards",
                                                              "fault_time_jump",
                                                              "fault_dropped",
                                                              "fault_contacts",
                                                              "fault_silent"};

const char *kn_monitor_reason_name(kn_monitor_reason r) {
  return (unsigned)r < KN_MON_REASON_COUNT ? reason_names[r] : "?";
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
      [KN_MON_NONE] = 0,
      [KN_MON_LOW_MARGIN] = 1,
      [KN_MON_FAULT_DROPPED] = 2,
      [KN_MON_ABRUPT_ONSET] = 3,
      [KN_MON_PAIN] = 10,
      [KN_MON_BRUISE_RISK] = 11,
      [KN_MON_ISO_PRESSURE] = 12,
      [KN_MON_ISO_FORCE] = 13,
      [KN_MON_NERVE_ISCHAEMIA] = 14,
      [KN_MON_NERVE_PARESTHESIA] = 15,
      [KN_MON_NERVE_TRANSPORT] = 16,
      [KN_MON_NERVE_BLOCK] = 17,
      [KN_MON_MUSCLE_DAMAGE] = 18,
      [KN_MON_NERVE_INJURY] = 19,
      [KN_MON_NERVE_SEVERE] = 20,
      [KN_MON_FAULT_TIME_BACKWARDS] = 30,
      [KN_MON_FAULT_SILENT] = 31,
      [KN_MON_FAULT_TIME_JUMP] = 32,
      [KN_MON_FAULT_AREA] = 33,
      [KN_MON_FAULT_LOCATION] = 34,
      [KN_MON_FAULT_NEGATIVE_FORCE] = 35,
      [KN_MON_FAULT_RANGE] = 36,
      [KN_MON_FAULT_NONFINITE] = 36,
      [KN_MON_FAULT_CONTACTS] = 37,
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
  c->period = 1e-3;
  c->gap_max = 0.1;
  c->force_noise = 0.5;
  c->warn_margin = 0.2;
  c->warn_time = 10.0;
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

static void layout(kn_monitor *mon, kn_arena *a) {
  mon->regions = kn_arena_take(a, kn_atlas_region_count(), sizeof(kn_mon_region));
  mon->nerves = kn_arena_take(a, kn_atlas_nerve_count(), sizeof(kn_mon_nerve));
  mon->muscles = kn_arena_take(a, kn_atlas_muscle_count(), sizeof(kn_mon_muscle));
}

size_t kn_monitor_size(void) {
  kn_monitor probe;
  kn_arena a = {NULL, 0};
  kn_arena_take(&a, 1, sizeof probe);
  layout(&probe, &a);
  return a.used;
}

kn_monitor *kn_monitor_init(const kn_monitor_model *model, void *buf, size_t size) {
  if (!model || !buf || ((size_t)buf & 15u) || size < kn_monitor_size()) return NULL;
  memset(buf, 0, kn_monitor_size());
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
  if (!(c->period >= 1e-5 && c->period <= 1.0) || !(c->gap_max >= 1.5 * c->period) ||
      !(c->gap_max < INFINITY) || !(c->force_noise >= 0.0 && c->force_noise <= 100.0) ||
      !(c->warn_margin >= 0.0 && c->warn_margin <= 1.0) || !(c->warn_time >= 0.0) ||
      c->rebase_after < 1 || !(c->force_max >= 1.0 && c->force_max <= 1e5) ||
      !(c->shear_max >= 1.0 && c->shear_max <= 1e5))
    return KN_EINVAL;
  mon->cfg = *c;
  return KN_OK;
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
  memset(mon->regions, 0, (size_t)m->nregion * sizeof *mon->regions);
  memset(mon->muscles, 0, (size_t)m->nmuscle * sizeof *mon->muscles);
  for (int n = 0; n < m->nnerve; n++) {
    mon->nerves[n] = (kn_mon_nerve){0};
    kn_nerve_reset(&mon->nerves[n].s);
  }
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

/* Time (s) for the ischaemic deficit to rise from i0 to level under constant pressure p, using the
 * closed form kn_nerve_step integrates with. */
static double ischaemia_time(const kn_nerve_params *np, double p, double i0, double level) {
  if (i0 >= level) return 0.0;
  double q = kn_nerve_perfusion(np, p);
  double build = (1.0 - q) / np->block_time, decay = q / np->recovery_time;
  if (decay > 1e-12) {
    double target = build / decay;
    if (target <= level) return INFINITY;
    return log((target - i0) / (target - level)) / decay;
  }
  return build > 0.0 ? (level - i0) / build : INFINITY;
}

/* Margins and times of a nerve under pressure p over loaded length len. */
static void nerve_site(const kn_monitor_model *m, const kn_mon_nerve *nv, int n, double p,
                       double len, kn_monitor_site *s) {
  const kn_nerve_params *np = &m->nerve;
  site_clear(s, KN_SITE_NERVE, n, p);
  double q = kn_nerve_perfusion(np, p);
  s->margin[KN_LIMIT_NERVE_PERFUSION] = (q - 0.5) / 0.5;
  s->time_to_limit[KN_LIMIT_NERVE_PERFUSION] = q < 0.5 ? 0.0 : INFINITY;
  s->margin[KN_LIMIT_NERVE_ISCHAEMIA] = 1.0 - nv->s.ischaemia / np->paresthesia_level;
  s->time_to_limit[KN_LIMIT_NERVE_ISCHAEMIA] =
      ischaemia_time(np, p, nv->s.ischaemia, np->paresthesia_level);
  double td = nv->s.transport_dose, id = nv->s.injury_dose;
  s->margin[KN_LIMIT_NERVE_TRANSPORT] = 1.0 - td;
  double tr = p > np->transport_p_no
                  ? (p - np->transport_p_no) / (np->transport_p_yes - np->transport_p_no) /
                        np->transport_time
                  : 0.0;
  s->time_to_limit[KN_LIMIT_NERVE_TRANSPORT] =
      td >= 1.0 - KN_DOSE_EPS ? 0.0 : (tr > 0.0 ? (1.0 - td) / tr : INFINITY);
  s->margin[KN_LIMIT_NERVE_INJURY] = 1.0 - id;
  double ir = kn_nerve_injury_rate(np, p, len);
  s->time_to_limit[KN_LIMIT_NERVE_INJURY] =
      id >= 1.0 - KN_DOSE_EPS ? 0.0 : (ir > 0.0 ? (1.0 - id) / ir : INFINITY);
}

static void muscle_site(const kn_monitor_model *m, const kn_mon_muscle *mu, int k, double p,
                        kn_monitor_site *s) {
  site_clear(s, KN_SITE_MUSCLE, k, p);
  double dmg = mu->s.damage;
  s->margin[KN_LIMIT_MUSCLE_DAMAGE] = 1.0 - dmg;
  double td = p > 0.0 ? kn_muscle_death_time(&m->tissue, p) : INFINITY;
  s->time_to_limit[KN_LIMIT_MUSCLE_DAMAGE] =
      dmg >= 1.0 ? 0.0 : (isfinite(td) ? (1.0 - dmg) * td : INFINITY);
}

/* Ratios of a region's load to its limits: ISO pressure, ISO force (applicable limit), pain
 * (pressure / mean threshold), bruise index. */
static void region_ratios(const kn_monitor_model *m, int r, double p, double f, double shear,
                          int transient, double ratio[4]) {
  double factor = transient && m->transient_ok[r] ? m->par.iso_transient_factor : 1.0;
  ratio[0] = p / (m->p_limit[r] * factor);
  ratio[1] = f / (m->f_limit[r] * factor);
  ratio[2] = p / m->ppt_mean[r];
  double sh = shear / m->tissue.shear_ref;
  ratio[3] = ratio[1] > sh ? ratio[1] : sh;
}

static void region_site(const kn_monitor_model *m, const kn_mon_region *rg, int r,
                        kn_monitor_site *s) {
  double ratio[4];
  region_ratios(m, r, rg->p, rg->f, rg->shear, rg->transient, ratio);
  site_clear(s, KN_SITE_REGION, r, rg->p);
  s->margin[KN_LIMIT_ISO_PRESSURE] = 1.0 - ratio[0];
  s->margin[KN_LIMIT_ISO_FORCE] = 1.0 - ratio[1];
  s->margin[KN_LIMIT_PAIN] = 1.0 - ratio[2];
  s->margin[KN_LIMIT_BRUISE] = 1.0 - ratio[3] / KN_MON_BRUISE_LEVEL;
  /* a transient contact held on meets the quasi-static limit when it turns 0.5 s old */
  double left = m->par.iso_transient_time - rg->t_contact;
  int limited = rg->transient && m->transient_ok[r];
  s->time_to_limit[KN_LIMIT_ISO_PRESSURE] =
      ratio[0] > 1.0 ? 0.0 : (limited && rg->p > m->p_limit[r] ? left : INFINITY);
  s->time_to_limit[KN_LIMIT_ISO_FORCE] =
      ratio[1] > 1.0 ? 0.0 : (limited && rg->f > m->f_limit[r] ? left : INFINITY);
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

/* Brings an unloaded nerve up to time t: zero pressure has a closed form, so one step does. */
static void nerve_catch_up(const kn_monitor_model *m, kn_mon_nerve *nv, double t) {
  double gap = t - nv->t;
  if (gap > 0.0) kn_nerve_step(&m->nerve, &nv->s, 0.0, 0.0, gap);
  nv->t = t;
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

/* A sample resolved to a place and a load. */
typedef struct resolved {
  int region;        /* -1: no contact */
  kn_disc_load load; /* position, radius, pressure */
  double force;      /* N, >= 0 */
  double shear;      /* N */
  double area;       /* m^2 */
} resolved;

/* Checks one sample and resolves where it presses; returns KN_MON_NONE or the fault. */
static kn_monitor_reason resolve(const kn_monitor *mon, const kn_monitor_sample *s, resolved *out) {
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
  if (region < -1 || region >= m->nregion) return KN_MON_FAULT_LOCATION;
  const kn_contact_type *ct = NULL;
  if (s->contact_type >= 0) {
    ct = kn_atlas_contact_type((size_t)s->contact_type);
    if (!ct) return KN_MON_FAULT_LOCATION;
  } else if (s->contact_type < -1) {
    return KN_MON_FAULT_LOCATION;
  }
  out->region = -1;
  out->force = 0.0;
  out->shear = 0.0;
  out->area = 0.0;
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
  out->force = s->force;
  out->shear = shear;
  out->area = area;
  out->load = (kn_disc_load){x, y, sqrt(area / KN_PI), s->force / area};
  return KN_MON_NONE;
}

/* Moves the monitor's clock so that the last sample was at t_prev, keeping every interval it
 * stores (after a clock restart or jump, the state goes on from where it was). */
static void shift_clock(kn_monitor *mon, double t_prev) {
  double shift = t_prev - mon->t_prev;
  for (int k = 0; k < mon->m->nnerve; k++)
    mon->nerves[k].t += shift;
  mon->t_prev = t_prev;
}

/* ---- the push -------------------------------------------------------------------------------- */

/* Closes the conditions of a region no longer loaded, and of the nerves and muscles in it. */
static void unload_region(kn_monitor *mon, kn_monitor_status *st, int r) {
  const kn_monitor_model *m = mon->m;
  kn_mon_region *rg = &mon->regions[r];
  rg->p = rg->f = rg->shear = rg->t_contact = 0.0;
  rg->transient = 0;
  for (int b = 0; b < KN_MON_REASON_COUNT; b++)
    if (rg->open & BIT(b))
      condition(mon, st, &rg->open, (kn_monitor_reason)b, 0, KN_SITE_REGION, r, 0.0);
  for (int i = m->nerve_first[r]; i < m->nerve_first[r + 1]; i++) {
    kn_mon_nerve *nv = &mon->nerves[m->nerve_list[i]];
    nv->p = nv->len = 0.0;
    if (nv->open)
      condition(mon, st, &nv->open, KN_MON_NERVE_ISCHAEMIA, 0, KN_SITE_NERVE, m->nerve_list[i],
                1.0);
  }
  for (int i = m->muscle_first[r]; i < m->muscle_first[r + 1]; i++) {
    kn_mon_muscle *mu = &mon->muscles[m->muscle_list[i]];
    mu->p = mu->p_prev = 0.0;
  }
}

int kn_monitor_push(kn_monitor *mon, const kn_monitor_sample *samples, size_t n,
                    kn_monitor_status *st) {
  if (!mon || !st) return KN_EINVAL;
  const kn_monitor_model *m = mon->m;
  const kn_monitor_config *cfg = &mon->cfg;
  status_begin(st, samples && n ? samples[0].t : mon->t_prev);
  if (!samples || n == 0 || n > KN_MONITOR_MAX_CONTACTS)
    return reject(mon, st, KN_MON_FAULT_CONTACTS);

  /* every contact is checked before anything changes: a rejected push leaves no trace */
  resolved rs[KN_MONITOR_MAX_CONTACTS];
  double t = samples[0].t;
  for (size_t i = 0; i < n; i++) {
    kn_monitor_reason f = resolve(mon, &samples[i], &rs[i]);
    if (f == KN_MON_NONE && samples[i].t != t) f = KN_MON_FAULT_CONTACTS;
    if (f != KN_MON_NONE) return reject(mon, st, f);
  }
  double dt = cfg->period, gap = 0.0;
  kn_monitor_reason time_fault = KN_MON_NONE;
  int rebased = 0;
  if (mon->started) {
    gap = dt = t - mon->t_prev;
    if (!(dt > 0.0)) {
      if (++mon->nback < cfg->rebase_after) return reject(mon, st, KN_MON_FAULT_TIME_BACKWARDS);
      /* the clock stayed behind: take it as restarted, one period on, doses kept */
      time_fault = KN_MON_FAULT_TIME_BACKWARDS;
      rebased = 1;
      dt = cfg->period;
      shift_clock(mon, t - dt);
    } else if (dt > cfg->gap_max) {
      time_fault = KN_MON_FAULT_TIME_JUMP; /* a glitch of the clock, not a long load */
      dt = cfg->period;
      shift_clock(mon, t - dt);
    } else if (dt > 1.5 * cfg->period) {
      time_fault = KN_MON_FAULT_DROPPED;
    }
  } else {
    for (int k = 0; k < m->nnerve; k++) /* nerves start at rest just before the first sample */
      mon->nerves[k].t = t - dt;
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

  /* contacts: how long each has pressed, how fast its force changes */
  double fmax_ = -1.0;
  for (size_t i = 0; i < n; i++) {
    kn_mon_contact *c = &mon->contacts[i];
    double rate = (rs[i].force - c->prev_force) / dt;
    double jerk = (rate - c->prev_rate) / dt;
    c->prev_force = rs[i].force;
    c->prev_rate = rate;
    c->t_contact = rs[i].region >= 0 ? c->t_contact + dt : 0.0;
    if (rs[i].force > fmax_) {
      fmax_ = rs[i].force;
      st->force = rs[i].force;
      st->force_rate = rate;
      st->jerk = jerk;
    }
  }
  for (size_t i = n; i < KN_MONITOR_MAX_CONTACTS; i++) /* contacts not reported are lifted */
    mon->contacts[i] = (kn_mon_contact){0};

  /* regions loaded now; those loaded before but not now are released */
  int loaded[KN_MONITOR_MAX_CONTACTS], nl = 0;
  for (size_t i = 0; i < n; i++) {
    int r = rs[i].region, seen = 0;
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

  kn_monitor_site spare;
  for (int j = 0; j < nl; j++) {
    int r = loaded[j];
    kn_mon_region *rg = &mon->regions[r];
    rg->p = rg->f = rg->shear = 0.0;
    rg->t_contact = 0.0;
    rg->transient = 1;
    int first_n = m->nerve_first[r], last_n = m->nerve_first[r + 1];
    int first_m = m->muscle_first[r], last_m = m->muscle_first[r + 1];
    double best[KN_MON_REGION_SITES_MAX] = {0};
    for (int i = first_n; i < last_n; i++) {
      kn_mon_nerve *nv = &mon->nerves[m->nerve_list[i]];
      nerve_catch_up(m, nv, t - dt); /* recovery up to the start of this interval */
      nv->p = nv->len = 0.0;
    }
    for (int i = first_m; i < last_m; i++)
      mon->muscles[m->muscle_list[i]].p = 0.0;

    /* mechanics: the simulator's per-contact path, summed over the contacts on this region */
    for (size_t c = 0; c < n; c++) {
      if (rs[c].region != r) continue;
      const kn_disc_load *ld = &rs[c].load;
      if (ld->p > rg->p) rg->p = ld->p;
      if (rs[c].force > rg->f) rg->f = rs[c].force;
      double shear = rs[c].shear / rs[c].area;
      if (shear > rg->shear) rg->shear = shear;
      double tc = mon->contacts[c].t_contact;
      if (tc > rg->t_contact) rg->t_contact = tc;
      if (tc >= m->par.iso_transient_time) rg->transient = 0;
      for (int i = first_n; i < last_n; i++) {
        int nn = m->nerve_list[i];
        kn_mon_nerve *nv = &mon->nerves[nn];
        double sz = kn_path_nerve_pressure(&m->stress, m->par.bone_backing_gain,
                                           kn_atlas_nerve((size_t)nn), m->nerve_depth[nn], ld);
        nv->p += sz;
        if (sz > best[i - first_n]) { /* the contact that loads it most sets the length */
          best[i - first_n] = sz;
          nv->len = kn_path_nerve_loaded_length(m->nerve_depth[nn], ld);
        }
      }
      for (int i = first_m; i < last_m; i++) {
        int k = m->muscle_list[i];
        mon->muscles[k].p +=
            kn_path_muscle_pressure(&m->stress, kn_atlas_muscle((size_t)k), m->muscle_depth[k], ld);
      }
    }

    /* the region against its limits */
    kn_monitor_site *s = next_site(st, &spare);
    region_site(m, rg, r, s);
    status_site(st, s);
    double ratio[4];
    region_ratios(m, r, rg->p, rg->f, rg->shear, rg->transient, ratio);
    for (int l = 0; l < 4; l++)
      if (ratio[l] > rg->worst[l]) rg->worst[l] = ratio[l];
    double pain = kn_pain_probability(rg->p, m->ppt_mean[r], m->ppt_sd[r]);
    condition(mon, st, &rg->open, KN_MON_ISO_PRESSURE, ratio[0] > 1.0, KN_SITE_REGION, r, ratio[0]);
    condition(mon, st, &rg->open, KN_MON_ISO_FORCE, ratio[1] > 1.0, KN_SITE_REGION, r, ratio[1]);
    condition(mon, st, &rg->open, KN_MON_PAIN, pain > m->par.pain_probability_event, KN_SITE_REGION,
              r, pain);
    condition(mon, st, &rg->open, KN_MON_BRUISE_RISK, ratio[3] >= KN_MON_BRUISE_LEVEL,
              KN_SITE_REGION, r, ratio[3]);
    double x = rg->p / m->ppt_mean[r];
    mon->totals.soreness_load += x * x * dt;

    /* nerves: the simulator's nerve step, then their limits */
    for (int i = first_n; i < last_n; i++) {
      int nn = m->nerve_list[i];
      kn_mon_nerve *nv = &mon->nerves[nn];
      kn_nerve_step(&m->nerve, &nv->s, nv->p, nv->len, dt);
      nv->t = t;
      const kn_nerve_state *ns = &nv->s;
      condition(mon, st, &nv->open, KN_MON_NERVE_ISCHAEMIA, ns->perfusion < 0.5, KN_SITE_NERVE, nn,
                ns->perfusion);
      int tingle = ns->ischaemia_peak >= m->nerve.paresthesia_level;
      int blocked = ns->ischaemia_peak >= 0.95;
      int transport = ns->transport_dose >= 1.0 - KN_DOSE_EPS;
      int injury = ns->injury_dose >= 1.0 - KN_DOSE_EPS;
      int severe = ns->injury_dose >= m->nerve.severe_dose - KN_DOSE_EPS;
      dose(mon, st, &nv->latched, KN_MON_NERVE_PARESTHESIA, tingle,
           ns->ischaemia >= m->nerve.paresthesia_level, KN_SITE_NERVE, nn, ns->ischaemia_peak);
      dose(mon, st, &nv->latched, KN_MON_NERVE_BLOCK, blocked, ns->ischaemia >= 0.95, KN_SITE_NERVE,
           nn, ns->ischaemia_peak);
      dose(mon, st, &nv->latched, KN_MON_NERVE_TRANSPORT, transport, transport, KN_SITE_NERVE, nn,
           ns->transport_dose);
      dose(mon, st, &nv->latched, KN_MON_NERVE_INJURY, injury, injury, KN_SITE_NERVE, nn,
           ns->injury_dose);
      dose(mon, st, &nv->latched, KN_MON_NERVE_SEVERE, severe, severe, KN_SITE_NERVE, nn,
           ns->injury_dose);
      s = next_site(st, &spare);
      nerve_site(m, nv, nn, nv->p, nv->len, s);
      status_site(st, s);
    }
    /* muscles: damage, and how abruptly the pressure on them rises (the reflex model's tap) */
    for (int i = first_m; i < last_m; i++) {
      int k = m->muscle_list[i];
      kn_mon_muscle *mu = &mon->muscles[k];
      kn_muscle_step(&m->tissue, &mu->s, mu->p, dt);
      int dead = mu->s.damage >= 1.0;
      dose(mon, st, &mu->latched, KN_MON_MUSCLE_DAMAGE, dead, dead, KN_SITE_MUSCLE, k,
           mu->s.damage);
      double onset = m->par.nm_tap_gain * fmax(0.0, (mu->p - mu->p_prev) / dt);
      mu->p_prev = mu->p;
      if (onset > st->onset) st->onset = onset;
      s = next_site(st, &spare);
      muscle_site(m, mu, k, mu->p, s);
      status_site(st, s);
    }
  }
  mon->nloaded = nl;
  for (int j = 0; j < nl; j++)
    mon->loaded[j] = loaded[j];

  /* stroke quality and the warnings that come before a limit */
  st->quality = fmax(0.0, 1.0 - st->onset / KN_MON_ONSET_LEVEL);
  condition(mon, st, &mon->open, KN_MON_ABRUPT_ONSET, st->onset > KN_MON_ONSET_LEVEL,
            KN_SITE_MUSCLE, -1, st->onset / KN_MON_ONSET_LEVEL);
  int low = st->margin < cfg->warn_margin || st->time_to_limit < cfg->warn_time;
  condition(mon, st, &mon->open, KN_MON_LOW_MARGIN, low, KN_SITE_REGION, -1, st->margin);

  /* the worst active reason sets the level */
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
  switch (kind) {
  case KN_SITE_REGION:
    if (site < 0 || site >= m->nregion) return KN_ENOTFOUND;
    region_site(m, &mon->regions[site], site, out);
    return KN_OK;
  case KN_SITE_NERVE: {
    if (site < 0 || site >= m->nnerve) return KN_ENOTFOUND;
    kn_mon_nerve nv = mon->nerves[site]; /* a copy: the query changes nothing */
    if (nv.p == 0.0) nerve_catch_up(m, &nv, mon->t_prev);
    nerve_site(m, &nv, site, nv.p, nv.len, out);
    return KN_OK;
  }
  case KN_SITE_MUSCLE:
    if (site < 0 || site >= m->nmuscle) return KN_ENOTFOUND;
    muscle_site(m, &mon->muscles[site], site, mon->muscles[site].p, out);
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
    out->margin[KN_LIMIT_BRUISE] = 1.0 - w[3] / KN_MON_BRUISE_LEVEL;
    out->load = w[2] * m->ppt_mean[site];
  } else if (kind == KN_SITE_NERVE) {
    const kn_nerve_state *s = &mon->nerves[site].s;
    out->load = s->p_peak;
    out->margin[KN_LIMIT_NERVE_PERFUSION] = (kn_nerve_perfusion(&m->nerve, s->p_peak) - 0.5) / 0.5;
    out->margin[KN_LIMIT_NERVE_ISCHAEMIA] = 1.0 - s->ischaemia_peak / m->nerve.paresthesia_level;
  } else {
    out->load = mon->muscles[site].s.p_peak;
  }
  return KN_OK;
}

const kn_monitor_totals *kn_monitor_get_totals(const kn_monitor *mon) {
  return mon ? &mon->totals : NULL;
}

const kn_nerve_state *kn_monitor_nerve_state(kn_monitor *mon, int n) {
  if (!mon || n < 0 || n >= mon->m->nnerve) return NULL;
  kn_mon_nerve *nv = &mon->nerves[n];
  if (nv->p == 0.0) nerve_catch_up(mon->m, nv, mon->t_prev);
  return &nv->s;
}
