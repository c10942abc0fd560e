/* SPDX-License-Identifier: Apache-2.0 */
/* The nerve and tissue modules' parameter structs, filled from the parameter list. Shared by the
 * simulator and the monitor; free of stdio and the allocator (the monitor's firmware build compiles
 * it, cmake/monitor.cmake). */
#include <string.h>

#include "core/module_params.h"

void kn_module_params(const kn_params *p, kn_nerve_params *np, kn_tissue_params *tp) {
  np->perfusion_p50 = p->nerve_perfusion_p50;
  np->perfusion_width = p->nerve_perfusion_width;
  np->block_time = p->nerve_block_time;
  np->recovery_time = p->nerve_ischaemia_recovery;
  np->paresthesia_level = p->nerve_paresthesia_level;
  np->transport_p_no = p->nerve_transport_p_no;
  np->transport_p_yes = p->nerve_transport_p_yes;
  np->transport_time = p->nerve_transport_time;
  np->injury_p_safe = p->nerve_injury_p_safe;
  np->injury_p_ref = p->nerve_injury_p_ref;
  np->injury_time_ref = p->nerve_injury_time_ref;
  np->severe_dose = p->nerve_severe_dose;
  np->edge_length = p->nerve_edge_length;
  np->ischaemic_perfusion = p->nerve_ischaemic_perfusion;
  np->conduction_onset = p->nerve_conduction_onset;
  np->block_level = p->nerve_block_level;
  np->ischaemia_max = p->nerve_ischaemia_max;
  np->critical_perfusion = p->nerve_critical_perfusion;
  np->sensory_onset = p->nerve_sensory_onset;
  np->sensory_block = p->nerve_sensory_block;
  np->small_onset = p->nerve_small_onset;
  np->small_block = p->nerve_small_block;
  np->sensory_mech = p->nerve_sensory_mech;
  np->small_mech = p->nerve_small_mech;
  np->lesion_dose = p->nerve_lesion_dose;
  np->injury_rate_max = p->nerve_injury_rate_max;
  np->transport_width = p->nerve_transport_width;
  np->transport_recovery = p->nerve_transport_recovery;
  np->slow_transport_time = p->nerve_slow_transport_time;
  np->slow_transport_recovery = p->nerve_slow_transport_recovery;
  memset(np->recovery, 0, sizeof np->recovery);
  np->recovery[KN_NERVE_PARESTHESIA][1] = p->nerve_paresthesia_recovery;
  np->recovery[KN_NERVE_BLOCK][0] = p->nerve_ischaemia_recovery;
  np->recovery[KN_NERVE_BLOCK][1] = p->nerve_block_recovery;
  np->recovery[KN_NERVE_INJURY][0] = p->nerve_injury_recovery_min;
  np->recovery[KN_NERVE_INJURY][1] = p->nerve_injury_recovery_max;
  np->recovery[KN_NERVE_SEVERE][0] = p->nerve_severe_recovery_min;
  np->recovery[KN_NERVE_SEVERE][1] = p->nerve_severe_recovery_max;

  tp->death_p_high = p->muscle_death_p_high;
  tp->death_p_low = p->muscle_death_p_low;
  tp->death_t_min = p->muscle_death_t_min;
  tp->death_t_mid = p->muscle_death_t_mid;
  tp->death_t_width = p->muscle_death_t_width;
  tp->shear_ref = p->bruise_shear_ref;
  tp->bruise_dose50 = p->bruise_dose50;
  tp->bruise_age_from = p->bruise_age_from;
  tp->bruise_age_doubling = p->bruise_age_doubling;
  tp->bruise_anticoagulant = p->bruise_anticoagulant;
  tp->soreness_site_max = p->soreness_site_max;
  tp->soreness_site_sat = p->soreness_site_sat;
}

/* Both structs from the parameter table's defaults. */
static void module_defaults(kn_nerve_params *np, kn_tissue_params *tp) {
  kn_params p;
  kn_params_default(&p);
  kn_module_params(&p, np, tp);
}

void kn_nerve_params_default(kn_nerve_params *np) {
  kn_tissue_params tp;
  module_defaults(np, &tp);
}

void kn_tissue_params_default(kn_tissue_params *tp) {
  kn_nerve_params np;
  module_defaults(&np, tp);
}
