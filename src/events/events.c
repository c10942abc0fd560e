/* SPDX-License-Identifier: Apache-2.0 */
/* Events: conditions that open and close (a limit exceeded, pain, ischaemia) and thresholds crossed
 * once (a nerve grade reached). The buffer is fixed; events past it are counted, not stored. */
#include "events/events.h"

#include <math.h>

#include "core/units.h"
#include "knead/atlas.h"
#include "knead/error.h"

static const char *const kind_names[KN_EV_COUNT] = {KN_EVENT_KIND_MAP(KN_EVENT_KIND_NAME)};

const char *kn_event_kind_name(kn_event_kind k) {
  return (unsigned)k < KN_EV_COUNT ? kind_names[k] : "?";
}

/* A condition that returns within this gap (s) continues the same event: the rhythm of kneading or
 * percussion should not split one episode into hundreds. */
#define EVENT_MERGE_GAP 2.0

static int push(kn_events_out *o, double t, kn_event_kind kind, kn_site_kind site_kind, int site,
                int action, double value, const char *unit, kn_evidence ev) {
  if (o->nevent >= o->capacity) {
    o->nevent_dropped++;
    return -1;
  }
  o->events[o->nevent] = (kn_event){t, t, kind, site_kind, site, action, value, unit, ev};
  return (int)o->nevent++;
}

void kn_events_at(kn_events_out *o, kn_event_kind kind, kn_site_kind site_kind, int site,
                  int action, double t_start, double t_end, double value, const char *unit,
                  kn_evidence ev) {
  int i = push(o, t_start, kind, site_kind, site, action, value, unit, ev);
  if (i >= 0) o->events[i].t_start = t_start, o->events[i].t_end = t_end;
}

void kn_events_instant(kn_events_out *o, double t, kn_event_kind kind, kn_site_kind site_kind,
                       int site, int action, double value, const char *unit, kn_evidence ev) {
  push(o, t, kind, site_kind, site, action, value, unit, ev);
}

/* Opens, extends or closes the condition event in *slot. `higher` says a larger value is worse. */
static void condition(kn_events_out *o, double t, int *slot, int on, kn_event_kind kind,
                      kn_site_kind site_kind, int site, int action, double value, const char *unit,
                      kn_evidence ev, int higher) {
  if (on) {
    if (*slot < 0) {
      *slot = push(o, t, kind, site_kind, site, action, value, unit, ev);
      if (*slot < 0) *slot = -2; /* dropped: do not count it again while it lasts */
      return;
    }
    if (*slot >= 0) {
      kn_event *e = &o->events[*slot];
      e->t_end = t;
      if (higher ? value > e->value : value < e->value) e->value = value;
    }
  } else if (*slot == -2) {
    *slot = -1;
  } else if (*slot >= 0 && t - o->events[*slot].t_end > EVENT_MERGE_GAP) {
    *slot = -1; /* off for long enough: the event ended when last seen on */
  }
}

/* The action of any hand in progress, or -1: what action_on falls back to. */
static int any_action(const kn_events_in *in) {
  for (int k = 0; k < in->ncontact; k++)
    if (in->contacts[k].action >= 0) return in->contacts[k].action;
  return -1;
}

/* The action of the hand working on an atlas region now, else `any` (any_action, found once per
 * step rather than once per site). */
static int action_on(const kn_events_in *in, int region, int any) {
  for (int k = 0; k < in->ncontact; k++)
    if (in->contacts[k].action >= 0 && in->contacts[k].region == region)
      return in->contacts[k].action;
  return any;
}

KN_STAGE_SIZE_FROM_INIT(events)

void kn_events_init(const kn_events_params *p, kn_arena *a, kn_events_state *s, kn_events_out *o) {
  o->events = kn_arena_take(a, p->capacity, sizeof(kn_event));
  o->capacity = p->capacity;
  s->open_region = kn_arena_take(a, (size_t)p->nregion * KN_EV_COUNT, sizeof(int));
  s->open_nerve = kn_arena_take(a, (size_t)p->nnerve * KN_EV_COUNT, sizeof(int));
  s->damage_seen = kn_arena_take(a, (size_t)p->nmuscle, sizeof(double));
}

void kn_events_reset(const kn_events_params *p, kn_events_state *s, kn_events_out *o) {
  for (size_t i = 0; i < (size_t)p->nregion * KN_EV_COUNT; i++)
    s->open_region[i] = -1;
  for (size_t i = 0; i < (size_t)p->nnerve * KN_EV_COUNT; i++)
    s->open_nerve[i] = -1;
  for (int k = 0; k < p->nmuscle; k++)
    s->damage_seen[k] = 0.0;
  s->carotid_open = -1;
  o->nevent = o->nevent_dropped = 0;
}

/* Limits, pain and bruise risk of each region. */
static void regions_step(const kn_events_params *p, const kn_events_in *in, int any,
                         kn_events_state *s, kn_events_out *o) {
  double t = in->t;
  for (int r = 0; r < p->nregion; r++) {
    int *open = &s->open_region[r * KN_EV_COUNT];
    int site = p->regions[r];
    int action = action_on(in, site, any);
    kn_region_ratios q; /* the tissue stage's ratios, as the outcome and the monitor */
    kn_region_ratios_of(p->tissue, r, in->region_p[r], in->region_f[r], in->region_shear[r],
                        in->region_transient[r], &q);
    double pr = q.iso_p, fr = q.iso_f, bruise = q.bruise;
    condition(o, t, &open[KN_EV_ISO_PRESSURE], pr > 1.0, KN_EV_ISO_PRESSURE, KN_SITE_REGION, site,
              action, pr, "ratio", KN_EVIDENCE_HUMAN, 1);
    condition(o, t, &open[KN_EV_ISO_FORCE], fr > 1.0, KN_EV_ISO_FORCE, KN_SITE_REGION, site, action,
              fr, "ratio", KN_EVIDENCE_HUMAN, 1);
    condition(o, t, &open[KN_EV_PAIN], in->region_pain[r] > p->par->pain_probability_event,
              KN_EV_PAIN, KN_SITE_REGION, site, action, in->region_pain[r], "probability",
              KN_EVIDENCE_EXPERT, 1);
    condition(o, t, &open[KN_EV_BRUISE_RISK], bruise >= p->par->bruise_risk_level,
              KN_EV_BRUISE_RISK, KN_SITE_REGION, site, action, bruise, "ratio", KN_EVIDENCE_EXPERT,
              1);
  }
}

/* Ischaemia of each nerve, and the grades it reaches. */
static void nerves_step(const kn_events_params *p, const kn_events_in *in, int any,
                        kn_events_state *st, kn_events_out *o) {
  double t = in->t;
  for (int n = 0; n < p->nnerve; n++) {
    int *open = &st->open_nerve[n * KN_EV_COUNT];
    const kn_nerve_state *s = &in->nerve_state[n];
    int site = p->nerves[n];
    int action = action_on(in, kn_atlas_nerve((size_t)site)->region, any);
    condition(o, t, &open[KN_EV_NERVE_ISCHAEMIA], s->perfusion < p->nerve->ischaemic_perfusion,
              KN_EV_NERVE_ISCHAEMIA, KN_SITE_NERVE, site, action, s->perfusion, "fraction",
              KN_EVIDENCE_ANIMAL, 0);
    /* thresholds crossed: one event each, at the step that crossed */
    static const kn_event_kind grade_event[] = {
        KN_EV_COUNT, KN_EV_NERVE_PARESTHESIA, KN_EV_NERVE_BLOCK, KN_EV_NERVE_INJURY,
        KN_EV_NERVE_SEVERE}; /* each from its own mechanism: ischaemia for tingling and block,
                                deformation for injury */
    const double level[] = {0.0, p->nerve->paresthesia_level, p->nerve->block_level,
                            1.0 - KN_DOSE_EPS, p->nerve->severe_dose - KN_DOSE_EPS};
    for (int g = KN_NERVE_PARESTHESIA; g <= KN_NERVE_SEVERE; g++) {
      int *flag = &open[grade_event[g]];
      int ischaemic = g <= KN_NERVE_BLOCK;
      double value = ischaemic ? s->ischaemia_peak : s->injury_dose;
      if (*flag != -1 || value < level[g]) continue;
      *flag = push(o, t, grade_event[g], KN_SITE_NERVE, site, action, value,
                   ischaemic ? "ischaemic deficit" : "dose",
                   ischaemic ? KN_EVIDENCE_HUMAN : KN_EVIDENCE_ANIMAL);
      if (*flag < 0) *flag = -2;
    }
    if (s->transport_dose >= 1.0 - KN_DOSE_EPS && open[KN_EV_NERVE_TRANSPORT] == -1) {
      open[KN_EV_NERVE_TRANSPORT] = push(o, t, KN_EV_NERVE_TRANSPORT, KN_SITE_NERVE, site, action,
                                         s->transport_dose, "dose", KN_EVIDENCE_ANIMAL);
      if (open[KN_EV_NERVE_TRANSPORT] < 0) open[KN_EV_NERVE_TRANSPORT] = -2;
    }
  }
}

int kn_events_step(const kn_events_params *p, const kn_events_in *in, kn_events_state *s,
                   kn_events_out *o, double dt) {
  (void)dt;
  int any = any_action(in);
  regions_step(p, in, any, s, o);
  nerves_step(p, in, any, s, o);
  for (int k = 0; k < p->nmuscle; k++) { /* muscle damage: once, when it reaches 1 */
    double damage = in->muscle_state[k].damage;
    int action = action_on(in, kn_atlas_muscle((size_t)p->muscles[k])->region, any);
    if (damage >= 1.0 && s->damage_seen[k] < 1.0)
      push(o, in->t, KN_EV_MUSCLE_DAMAGE, KN_SITE_MUSCLE, p->muscles[k], action, damage, "dose",
           KN_EVIDENCE_ANIMAL);
    s->damage_seen[k] = damage;
  }
  return KN_OK;
}

void kn_events_finish(const kn_events_params *p, const kn_events_in *in, kn_events_state *s,
                      kn_events_out *o) {
  (void)in, (void)o;
  static const kn_event_kind conditions[] = {KN_EV_ISO_PRESSURE, KN_EV_ISO_FORCE, KN_EV_PAIN,
                                             KN_EV_BRUISE_RISK, KN_EV_NERVE_ISCHAEMIA};
  for (size_t i = 0; i < sizeof conditions / sizeof conditions[0]; i++) {
    kn_event_kind k = conditions[i];
    for (int r = 0; r < p->nregion; r++)
      s->open_region[r * KN_EV_COUNT + k] = -1;
    for (int n = 0; n < p->nnerve; n++)
      s->open_nerve[n * KN_EV_COUNT + k] = -1;
  }
}

void kn_events_carotid(kn_events_state *s, kn_events_out *o, double t, int on, double rr, int site,
                       int action) {
  if (!on) {
    s->carotid_open = -1;
    return;
  }
  if (s->carotid_open < 0) { /* a dropped one (-2) is tried again while it lasts */
    push(o, t, KN_EV_CAROTID, KN_SITE_NERVE, site, action, rr, "s", KN_EVIDENCE_HUMAN);
    s->carotid_open =
        o->nevent > 0 && o->events[o->nevent - 1].kind == KN_EV_CAROTID ? (int)o->nevent - 1 : -2;
    return;
  }
  kn_event *e = &o->events[s->carotid_open];
  e->t_end = t;
  e->value = fmax(e->value, rr);
}

void kn_events_orthostatic(kn_events_out *o, double t, const kn_systemic_outcome *outcome) {
  if (outcome->dizziness)
    push(o, t, KN_EV_ORTHOSTATIC, KN_SITE_BODY, -1, -1, outcome->stand_systolic_fall / KN_MMHG,
         "mmHg", outcome->evidence_orthostatic);
}

void kn_events_eased(kn_events_out *o, double t, const kn_protocol_out *protocol, int nslot) {
  for (int k = 0; k < nslot; k++) {
    const kn_contact *c = &protocol->contacts[k];
    if (protocol->eased[k])
      push(o, t, KN_EV_PRACTITIONER_EASED, KN_SITE_REGION, c->region, c->action, c->ease, "1",
           KN_EVIDENCE_EXPERT);
  }
}
