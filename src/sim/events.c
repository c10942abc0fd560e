/* Events: conditions that open and close (a limit exceeded, pain, ischaemia) and thresholds crossed
 * once (a nerve grade reached). The buffer is fixed; events past it are counted, not stored. */
#include <math.h>

#include "core/units.h"
#include "sim/sim_internal.h"

static const char *const kind_names[KN_EV_COUNT] = {"iso_pressure",
                                                    "iso_force",
                                                    "pain",
                                                    "practitioner_eased",
                                                    "nerve_ischaemia",
                                                    "nerve_paresthesia",
                                                    "nerve_conduction_block",
                                                    "nerve_transport_block",
                                                    "nerve_injury",
                                                    "nerve_axonal_injury",
                                                    "muscle_damage",
                                                    "bruise_risk",
                                                    "clonic_spasm",
                                                    "tonic_spasm",
                                                    "cramp",
                                                    "carotid_sinus_reflex",
                                                    "orthostatic_dizziness",
                                                    "reflex_response"};

const char *kn_event_kind_name(kn_event_kind k) {
  return (unsigned)k < KN_EV_COUNT ? kind_names[k] : "?";
}

/* A condition that returns within this gap (s) continues the same event: the rhythm of kneading or
 * percussion should not split one episode into hundreds. */
#define EVENT_MERGE_GAP 2.0

static int push(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                double value, const char *unit, kn_evidence ev) {
  if (d->nevent >= d->event_capacity) {
    d->nevent_dropped++;
    return -1;
  }
  d->events[d->nevent] = (kn_event){d->t, d->t, kind, site_kind, site, action, value, unit, ev};
  return (int)d->nevent++;
}

void kn_event_at(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                 double t_start, double t_end, double value, const char *unit, kn_evidence ev) {
  int i = push(d, kind, site_kind, site, action, value, unit, ev);
  if (i >= 0) d->events[i].t_start = t_start, d->events[i].t_end = t_end;
}

void kn_event_instant(kn_data *d, kn_event_kind kind, kn_site_kind site_kind, int site, int action,
                      double value, const char *unit, kn_evidence ev) {
  push(d, kind, site_kind, site, action, value, unit, ev);
}

/* Opens, extends or closes the condition event in *slot. `higher` says a larger value is worse. */
static void condition(kn_data *d, int *slot, int on, kn_event_kind kind, kn_site_kind site_kind,
                      int site, int action, double value, const char *unit, kn_evidence ev,
                      int higher) {
  if (on) {
    if (*slot < 0) {
      *slot = push(d, kind, site_kind, site, action, value, unit, ev);
      if (*slot < 0) *slot = -2; /* dropped: do not count it again while it lasts */
      return;
    }
    if (*slot >= 0) {
      kn_event *e = &d->events[*slot];
      e->t_end = d->t;
      if (higher ? value > e->value : value < e->value) e->value = value;
    }
  } else if (*slot == -2) {
    *slot = -1;
  } else if (*slot >= 0 && d->t - d->events[*slot].t_end > EVENT_MERGE_GAP) {
    *slot = -1; /* off for long enough: the event ended when last seen on */
  }
}

/* The action of the hand working on an atlas region now, else any action in progress, else -1. */
static int action_on(const kn_model *m, const kn_data *d, int region) {
  for (int k = 0; k < m->nslot; k++)
    if (d->contacts[k].action >= 0 && d->contacts[k].region == region) return d->contacts[k].action;
  return kn_data_current_action(m, d);
}

void kn_events_step(const kn_model *m, kn_data *d) {
  for (int r = 0; r < m->nregion; r++) {
    int *open = &d->open_region[r * KN_EV_COUNT];
    int site = m->regions[r];
    int action = action_on(m, d, site);
    double factor =
        d->region_transient[r] && m->transient_ok[r] ? m->par.iso_transient_factor : 1.0;
    double pr = d->region_p[r] / (m->p_limit[r] * factor);
    double fr = d->region_f[r] / (m->f_limit[r] * factor);
    double bruise = fr > d->region_shear[r] / m->tissue.shear_ref
                        ? fr
                        : d->region_shear[r] / m->tissue.shear_ref;
    condition(d, &open[KN_EV_ISO_PRESSURE], pr > 1.0, KN_EV_ISO_PRESSURE, KN_SITE_REGION, site,
              action, pr, "ratio", KN_EVIDENCE_HUMAN, 1);
    condition(d, &open[KN_EV_ISO_FORCE], fr > 1.0, KN_EV_ISO_FORCE, KN_SITE_REGION, site, action,
              fr, "ratio", KN_EVIDENCE_HUMAN, 1);
    condition(d, &open[KN_EV_PAIN], d->region_pain[r] > m->par.pain_probability_event, KN_EV_PAIN,
              KN_SITE_REGION, site, action, d->region_pain[r], "probability", KN_EVIDENCE_HUMAN, 1);
    condition(d, &open[KN_EV_BRUISE_RISK], bruise >= 0.7, KN_EV_BRUISE_RISK, KN_SITE_REGION, site,
              action, bruise, "ratio", KN_EVIDENCE_EXPERT, 1);
  }
  for (int n = 0; n < m->nnerve; n++) {
    int *open = &d->open_nerve[n * KN_EV_COUNT];
    const kn_nerve_state *s = &d->nerve_state[n];
    int site = m->nerves[n];
    int action = action_on(m, d, kn_atlas_nerve((size_t)site)->region);
    condition(d, &open[KN_EV_NERVE_ISCHAEMIA], s->perfusion < 0.5, KN_EV_NERVE_ISCHAEMIA,
              KN_SITE_NERVE, site, action, s->perfusion, "fraction", KN_EVIDENCE_ANIMAL, 0);
    /* thresholds crossed: one event each, at the step that crossed */
    static const kn_event_kind grade_event[] = {
        KN_EV_COUNT, KN_EV_NERVE_PARESTHESIA, KN_EV_NERVE_BLOCK, KN_EV_NERVE_INJURY,
        KN_EV_NERVE_SEVERE}; /* each from its own mechanism: ischaemia for tingling and block,
                                deformation for injury */
    const double level[] = {0.0, m->nerve.paresthesia_level, 0.95, 1.0 - KN_DOSE_EPS,
                            m->nerve.severe_dose - KN_DOSE_EPS};
    for (int g = KN_NERVE_PARESTHESIA; g <= KN_NERVE_SEVERE; g++) {
      int *flag = &open[grade_event[g]];
      int ischaemic = g <= KN_NERVE_BLOCK;
      double value = ischaemic ? s->ischaemia_peak : s->injury_dose;
      if (*flag != -1 || value < level[g]) continue;
      *flag = push(d, grade_event[g], KN_SITE_NERVE, site, action, value,
                   ischaemic ? "ischaemic deficit" : "dose",
                   ischaemic ? KN_EVIDENCE_HUMAN : KN_EVIDENCE_ANIMAL);
      if (*flag < 0) *flag = -2;
    }
    if (s->transport_dose >= 1.0 - KN_DOSE_EPS && open[KN_EV_NERVE_TRANSPORT] == -1) {
      open[KN_EV_NERVE_TRANSPORT] = push(d, KN_EV_NERVE_TRANSPORT, KN_SITE_NERVE, site, action,
                                         s->transport_dose, "dose", KN_EVIDENCE_ANIMAL);
      if (open[KN_EV_NERVE_TRANSPORT] < 0) open[KN_EV_NERVE_TRANSPORT] = -2;
    }
  }
  for (int k = 0; k < m->nmuscle; k++) {
    kn_muscle_outcome *o = &d->muscle_out[k];
    const kn_muscle_state *s = &d->muscle_state[k];
    int action = action_on(m, d, kn_atlas_muscle((size_t)m->muscles[k])->region);
    if (s->damage >= 1.0 && o->damage < 1.0)
      push(d, KN_EV_MUSCLE_DAMAGE, KN_SITE_MUSCLE, m->muscles[k], action, s->damage, "dose",
           KN_EVIDENCE_ANIMAL);
    o->damage = s->damage;
  }
}

void kn_events_close_all(const kn_model *m, kn_data *d) {
  static const kn_event_kind conditions[] = {KN_EV_ISO_PRESSURE, KN_EV_ISO_FORCE, KN_EV_PAIN,
                                             KN_EV_BRUISE_RISK, KN_EV_NERVE_ISCHAEMIA};
  for (size_t i = 0; i < sizeof conditions / sizeof conditions[0]; i++) {
    kn_event_kind k = conditions[i];
    for (int r = 0; r < m->nregion; r++)
      d->open_region[r * KN_EV_COUNT + k] = -1;
    for (int n = 0; n < m->nnerve; n++)
      d->open_nerve[n * KN_EV_COUNT + k] = -1;
  }
}

void kn_events_carotid(const kn_model *m, kn_data *d, int on, double rr) {
  if (!on) {
    d->carotid_open = -1;
    return;
  }
  if (d->carotid_open < 0) { /* a dropped one (-2) is tried again while it lasts */
    int action = kn_data_current_action(m, d);
    push(d, KN_EV_CAROTID, KN_SITE_NERVE, m->nerves[m->carotid], action, rr, "s",
         KN_EVIDENCE_HUMAN);
    d->carotid_open =
        d->nevent > 0 && d->events[d->nevent - 1].kind == KN_EV_CAROTID ? (int)d->nevent - 1 : -2;
    return;
  }
  kn_event *e = &d->events[d->carotid_open];
  e->t_end = d->t;
  e->value = fmax(e->value, rr);
}

void kn_events_orthostatic(kn_data *d, const kn_systemic_outcome *o) {
  if (o->dizziness)
    push(d, KN_EV_ORTHOSTATIC, KN_SITE_BODY, -1, -1, o->stand_systolic_fall / KN_MMHG, "mmHg",
         o->evidence_orthostatic);
}

void kn_events_eased(kn_data *d, const kn_protocol_out *o, int nslot) {
  for (int k = 0; k < nslot; k++) {
    const kn_contact *c = &o->contacts[k];
    if (o->eased[k])
      push(d, KN_EV_PRACTITIONER_EASED, KN_SITE_REGION, c->region, c->action, c->ease, "1",
           KN_EVIDENCE_EXPERT);
  }
}
