/* SPDX-License-Identifier: Apache-2.0 */
/* The outcome: states and peaks gathered into one struct, with the evidence behind each output and
 * the overall harm grade. */
#include <string.h>

#include "knead/atlas.h"

#include "sim/sim_internal.h"

static const char *const harm_names[] = {"none", "discomfort", "minor", "injury", "severe"};

const char *kn_harm_name(kn_harm h) {
  return (unsigned)h <= KN_HARM_SEVERE ? harm_names[h] : "?";
}

int kn_harm_parse(const char *name) {
  if (!name) return -1;
  for (int i = 0; i <= KN_HARM_SEVERE; i++)
    if (strcmp(name, harm_names[i]) == 0) return i;
  return -1;
}

/* The running verdict: the worst harm so far and the weakest evidence among what set it. */
typedef struct verdict {
  kn_harm harm;
  kn_evidence evidence;
} verdict;

static void raise(verdict *v, kn_harm h, kn_evidence e) {
  if (h > v->harm) {
    v->harm = h;
    v->evidence = e;
  } else if (h == v->harm && h != KN_HARM_NONE && e > v->evidence) {
    v->evidence = e;
  }
}

static kn_harm nerve_harm(kn_nerve_grade g) {
  switch (g) {
  case KN_NERVE_PARESTHESIA:
    return KN_HARM_DISCOMFORT;
  case KN_NERVE_BLOCK:
    return KN_HARM_MINOR;
  case KN_NERVE_INJURY:
    return KN_HARM_INJURY;
  case KN_NERVE_SEVERE:
    return KN_HARM_SEVERE;
  default:
    return KN_HARM_NONE;
  }
}

/* Soreness over days is reported on each of the days after the session or the bout: 1 .. 4 d. */
double kn_soreness_time(int index) {
  return index >= 0 && index < KN_SORENESS_TIMES ? (index + 1) * KN_DAY : 0.0;
}

/* Seconds of massage strokes on region `region` between the bout's end and the end of the window
 * after it; the bout ended `before` seconds before the session's start. */
static double massage_after_bout(const kn_model *m, int region, double before, double window) {
  double total = 0.0;
  for (size_t i = 0; i < m->session.naction; i++) {
    const kn_action *a = &m->session.actions[i];
    if (a->kind > KN_ACT_DEEP_STROKE || a->region != region) continue; /* strokes only */
    double from = m->action_start[i] + before, to = m->action_end[i] + before;
    if (to > window) to = window;
    if (to > from) total += to - from;
  }
  return total;
}

/* Soreness over days: the session's own (Cambron 2007's window, as a chance) and an exercise bout's
 * delayed-onset soreness with what massage within the window did to it (tissue/doms.c). */
static void soreness_over_days(const kn_model *m, kn_outcome *o) {
  const kn_params *par = &m->par;
  const kn_soreness_course massage = {par->soreness_onset, par->course_soreness_peak,
                                      par->soreness_onset + par->soreness_duration};
  for (int i = 0; i < KN_SORENESS_TIMES; i++)
    o->soreness_at[i] = o->soreness_probability * kn_soreness_share(&massage, kn_soreness_time(i));
  const kn_exercise *e = &m->session.exercise;
  o->doms_given = e->given;
  /* the time course is human data, its size and the massage share expert conversions */
  o->evidence_doms = KN_EVIDENCE_EXPERT;
  if (!e->given) return;
  kn_doms_params dp = kn_doms_params_of(par);
  o->doms_peak = kn_doms_peak(&dp, e->eccentric, (double)e->contractions, e->level);
  o->doms_massage_time = massage_after_bout(m, kn_atlas_muscle((size_t)e->muscle)->region,
                                            e->before, dp.massage_window);
  o->doms_factor = kn_doms_massage_factor(&dp, o->doms_massage_time);
  for (int i = 0; i < KN_SORENESS_TIMES; i++)
    o->doms_at[i] = kn_doms_intensity(&dp, o->doms_peak, o->doms_factor, kn_soreness_time(i));
}

const kn_outcome *kn_data_outcome(const kn_model *m, kn_data *d) {
  kn_outcome *o = &d->outcome;
  verdict v = {KN_HARM_NONE, KN_EVIDENCE_HUMAN};
  double fragility = kn_bruise_fragility(&m->tissue, m->subject.age, m->subject.anticoagulant);
  double no_bruise = 1.0, not_sore = 1.0;
  for (int r = 0; r < m->nregion; r++) {
    kn_region_outcome *ro = &d->region_out[r];
    ro->bruise_probability = kn_bruise_probability(&m->tissue, ro->bruise_dose, fragility);
    ro->bruise = kn_bruise_grade_of(ro->bruise_probability);
    ro->soreness_probability = kn_soreness_site_probability(&m->tissue, ro->soreness_load);
    no_bruise *= 1.0 - ro->bruise_probability;
    not_sore *= 1.0 - ro->soreness_probability;
    if (ro->t_pain > 0.0 || ro->p_ratio > 1.0 || ro->f_ratio > 1.0)
      raise(&v, KN_HARM_DISCOMFORT, KN_EVIDENCE_HUMAN);
    if (ro->bruise == KN_BRUISE_LIKELY) raise(&v, KN_HARM_MINOR, KN_EVIDENCE_EXPERT);
  }
  o->bruise_probability = 1.0 - no_bruise;
  for (int n = 0; n < m->nnerve; n++) {
    const kn_nerve_state *s = &d->nerve_state[n];
    kn_nerve_outcome *no = &d->nerve_out[n];
    no->depth = m->nerve_depth[n];
    no->p_peak = s->p_peak;
    no->t_ischaemic = s->t_ischaemic;
    no->transport_dose = s->transport_peak;
    no->slow_transport_dose = s->slow_transport_peak;
    no->injury_dose = s->injury_dose;
    no->grade = s->grade;
    no->t_grade = d->nerve_t_grade[n];
    no->perfusion_min = kn_nerve_perfusion(&m->nerve, s->p_peak);
    no->conduction_min = s->conduction_fibre_min[KN_FIBRE_MOTOR];
    no->conduction_sensory_min = s->conduction_fibre_min[KN_FIBRE_SENSORY];
    no->conduction_small_min = s->conduction_fibre_min[KN_FIBRE_SMALL];
    no->conduction_end = s->conduction;
    no->recovery_min = m->nerve.recovery[s->grade][0];
    no->recovery_max = m->nerve.recovery[s->grade][1];
    no->evidence = s->grade >= KN_NERVE_INJURY ? KN_EVIDENCE_ANIMAL : KN_EVIDENCE_HUMAN;
    if (kn_atlas_nerve((size_t)no->nerve)->kind == KN_NERVE)
      raise(&v, nerve_harm(s->grade), no->evidence);
  }
  for (int k = 0; k < m->nmuscle; k++) {
    kn_muscle_outcome *mo = &d->muscle_out[k];
    mo->p_peak = d->muscle_state[k].p_peak;
    mo->damage = d->muscle_state[k].damage;
    mo->evidence = KN_EVIDENCE_ANIMAL;
    if (mo->damage >= 1.0) raise(&v, KN_HARM_INJURY, KN_EVIDENCE_ANIMAL);
  }
  o->duration = d->t;
  o->nregion = (size_t)m->nregion;
  o->regions = d->region_out;
  o->nnerve = (size_t)m->nnerve;
  o->nerves = d->nerve_out;
  o->nmuscle = (size_t)m->nmuscle;
  o->muscles = d->muscle_out;
  o->nnm = (size_t)m->nm.nmuscle;
  o->nm = d->nm_out.outcome;
  o->nspasm = (size_t)d->nm_out.nspasm;
  o->spasms = d->nm_out.spasms;
  /* involuntary contractions: discomfort; a cramp hurts more */
  for (int i = 0; i < d->nm_out.nspasm; i++)
    raise(&v, d->nm_out.spasms[i].kind == KN_SPASM_CRAMP ? KN_HARM_MINOR : KN_HARM_DISCOMFORT,
          KN_EVIDENCE_EXPERT);
  o->nevent = d->events_o.nevent;
  o->events = d->events_o.events;
  o->nevent_dropped = d->events_o.nevent_dropped;
  o->soreness_load = d->soreness_load;
  o->soreness_probability = 1.0 - not_sore; /* any site (kn_soreness_probability) */
  o->soreness_onset = m->par.soreness_onset;
  o->soreness_duration = m->par.soreness_duration;
  if (o->soreness_probability >= 0.5) raise(&v, KN_HARM_MINOR, KN_EVIDENCE_HUMAN);
  o->evidence_iso = KN_EVIDENCE_HUMAN;
  /* pain's thresholds are human data, but its build-up under held pressure (pain_sum_gain,
   * pain_sum_time) is expert opinion and shapes every pain probability: the lower level rules */
  o->evidence_pain = KN_EVIDENCE_EXPERT;
  o->evidence_nerve = KN_EVIDENCE_ANIMAL;
  o->evidence_muscle = KN_EVIDENCE_ANIMAL;
  o->evidence_bruise = KN_EVIDENCE_EXPERT;
  o->evidence_soreness = KN_EVIDENCE_HUMAN;
  soreness_over_days(m, o);
  o->ncirc = (size_t)m->nregion;
  o->circ = d->circ_o.outcome;
  o->systemic = d->sys_o.outcome;
  const kn_systemic_outcome *so = &o->systemic;
  if (so->carotid_event) raise(&v, KN_HARM_INJURY, KN_EVIDENCE_HUMAN); /* asystole or collapse */
  if (so->dizziness) raise(&v, KN_HARM_MINOR, KN_EVIDENCE_EXPERT);
  o->harm = v.harm;
  o->harm_evidence = v.evidence;
  return o;
}
