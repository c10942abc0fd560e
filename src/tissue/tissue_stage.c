/* SPDX-License-Identifier: Apache-2.0 */
/* The tissue stage: muscles, soreness load and the regions' outcomes (tissue/tissue.h). */
#include <math.h>

#include "knead/error.h"
#include "tissue/tissue.h"

kn_tissue_stage_params kn_tissue_stage_params_of(const kn_params *par, const kn_tissue_params *tp,
                                                 const kn_sites *s) {
  return (kn_tissue_stage_params){tp, s, par->iso_transient_factor, par->capillary_closing,
                                  par->pain_probability_event};
}

double kn_soreness_load_rate(const kn_tissue_stage_params *tp, int r, double p) {
  double x = p / tp->sites->ppt_mean[r];
  return x * x;
}

void kn_tissue_stage_reset(const kn_tissue_stage_params *p, kn_tissue_stage_state *s,
                           kn_tissue_stage_out *o) {
  for (int k = 0; k < p->sites->nmuscle; k++)
    s->muscles[k] = (kn_muscle_state){0};
  for (int r = 0; r < p->sites->nregion; r++)
    o->regions[r] = (kn_region_outcome){.region = p->sites->regions[r]};
  *o->soreness_load = 0.0;
}

/* Peaks and times of region r against the ISO limits, pain and bruise references. */
static void region_outcome(const kn_tissue_stage_params *p, const kn_tissue_stage_in *in, int r,
                           kn_region_outcome *o, double dt) {
  double pr = in->region_p[r], fr = in->region_f[r], shear = in->region_shear[r];
  kn_region_ratios q;
  kn_region_ratios_of(p, r, pr, fr, shear, in->region_transient[r], &q);
  if (pr > o->p_peak) o->p_peak = pr;
  if (fr > o->f_peak) o->f_peak = fr;
  if (q.iso_p > o->p_ratio) o->p_ratio = q.iso_p;
  if (q.iso_f > o->f_ratio) o->f_ratio = q.iso_f;
  if (q.iso_p > 1.0 || q.iso_f > 1.0) o->t_over_limit += dt;
  if (pr > p->capillary_closing) o->t_occluded += dt;
  if (in->region_pain[r] > o->pain_peak) o->pain_peak = in->region_pain[r];
  if (in->region_pain[r] > p->pain_probability_event) o->t_pain += dt;
  if (shear > o->shear_peak) o->shear_peak = shear;
  if (in->region_deep_shear[r] > o->deep_shear_peak) o->deep_shear_peak = in->region_deep_shear[r];
  if (q.bruise > o->bruise_index) o->bruise_index = q.bruise;
  o->bruise_dose += kn_bruise_dose_rate(q.bruise) * dt;
  if (in->region_rate[r] > o->force_rate_peak) o->force_rate_peak = in->region_rate[r];
}

int kn_tissue_stage_step(const kn_tissue_stage_params *p, const kn_tissue_stage_in *in,
                         kn_tissue_stage_state *s, kn_tissue_stage_out *o, double dt) {
  for (int k = 0; k < p->sites->nmuscle; k++)
    kn_muscle_step(p->tissue, &s->muscles[k], in->muscle_p[k], dt);
  /* soreness load: time integral of (pressure / pain threshold)^2 per region worked, so deep work
   * counts much more than light strokes and every stroke counts a little */
  for (int r = 0; r < p->sites->nregion; r++) {
    double load = kn_soreness_load_rate(p, r, in->region_p[r]) * dt;
    *o->soreness_load += load;
    o->regions[r].soreness_load += load;
    region_outcome(p, in, r, &o->regions[r], dt);
  }
  return KN_OK;
}

void kn_tissue_stage_step_muscles(const kn_tissue_stage_params *p, const kn_tissue_stage_in *in,
                                  kn_tissue_stage_state *s, const int *sites, int nsite,
                                  double dt) {
  for (int i = 0; i < nsite; i++)
    kn_muscle_step(p->tissue, &s->muscles[sites[i]], in->muscle_p[sites[i]], dt);
}
