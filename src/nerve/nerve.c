/* SPDX-License-Identifier: Apache-2.0 */
/* Nerve compression. Three clocks run under pressure: ischaemia (reversible conduction block, the
 * tourniquet time scale), axonal transport (Dahlin 1984) and structural deformation (Rydevik &
 * Nordborg 1980, Dahlin 1986). Each is a dose that grows under load; only ischaemia recovers within
 * the simulated time. */
#include <math.h>

#include "knead/nerve.h"

static const char *const grade_names[] = {"none", "transient paresthesia", "conduction block",
                                          "structural injury", "axonal injury"};

const char *kn_nerve_grade_name(kn_nerve_grade g) {
  return (unsigned)g <= KN_NERVE_SEVERE ? grade_names[g] : "?";
}

void kn_nerve_reset(kn_nerve_state *s) {
  *s = (kn_nerve_state){0};
  s->perfusion = 1.0;
  s->conduction = 1.0;
}

/* Logistic in pressure, scaled so that an unloaded nerve is fully perfused. */
double kn_nerve_perfusion(const kn_nerve_params *np, double p) {
  double rest = 1.0 + exp(-np->perfusion_p50 / np->perfusion_width);
  return rest / (1.0 + exp((p - np->perfusion_p50) / np->perfusion_width));
}

double kn_nerve_injury_rate(const kn_nerve_params *np, double p, double loaded_length) {
  double edge = loaded_length > np->edge_length ? np->edge_length / loaded_length : 1.0;
  double excess = p * edge - np->injury_p_safe;
  if (excess <= 0.0) return 0.0;
  return excess / (np->injury_p_ref - np->injury_p_safe) / np->injury_time_ref;
}

/* Conduction falls over the last part of the ischaemic deficit: fibres start failing about 15 min
 * into full ischaemia (conduction_onset 0.5) and all are blocked at 30 min (block_time). */
double kn_nerve_conduction(const kn_nerve_params *np, double ischaemia) {
  double f = (ischaemia - np->conduction_onset) / (1.0 - np->conduction_onset);
  if (f < 0.0) f = 0.0;
  if (f > 1.0) f = 1.0;
  return 1.0 - f;
}

void kn_nerve_step(const kn_nerve_params *np, kn_nerve_state *s, double p, double loaded_length,
                   double dt) {
  if (!(p > 0.0)) p = 0.0; /* also maps NaN to no load */
  if (p > s->p_peak) s->p_peak = p;
  double q = kn_nerve_perfusion(np, p);
  s->perfusion = q;
  if (q < np->ischaemic_perfusion) s->t_ischaemic += dt;

  /* ischaemic deficit: builds without flow, recovers with it (exact for one step at constant q) */
  double build = (1.0 - q) / np->block_time;
  double decay = q / np->recovery_time;
  if (decay * dt > 1e-6) {
    double target = build / decay;
    s->ischaemia = target + (s->ischaemia - target) * exp(-decay * dt);
  } else { /* almost no flow: the exact form would cancel; Euler is exact enough here */
    s->ischaemia += (build - decay * s->ischaemia) * dt;
  }
  if (s->ischaemia > np->ischaemia_max) /* deep block saturates; recovery starts from here */
    s->ischaemia = np->ischaemia_max;
  if (s->ischaemia > s->ischaemia_peak) s->ischaemia_peak = s->ischaemia;
  s->conduction = kn_nerve_conduction(np, s->ischaemia);

  /* axonal transport: zero at transport_p_no, dose 1 after transport_time at transport_p_yes */
  if (p > np->transport_p_no)
    s->transport_dose += (p - np->transport_p_no) / (np->transport_p_yes - np->transport_p_no) /
                         np->transport_time * dt;

  s->injury_dose += kn_nerve_injury_rate(np, p, loaded_length) * dt;

  kn_nerve_grade g = KN_NERVE_NONE;
  if (s->injury_dose >= np->severe_dose - KN_DOSE_EPS)
    g = KN_NERVE_SEVERE;
  else if (s->injury_dose >= 1.0 - KN_DOSE_EPS)
    g = KN_NERVE_INJURY;
  else if (s->ischaemia_peak >= np->block_level)
    g = KN_NERVE_BLOCK;
  else if (s->ischaemia_peak >= np->paresthesia_level)
    g = KN_NERVE_PARESTHESIA;
  if (g > s->grade) s->grade = g;
}
