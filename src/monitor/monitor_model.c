/* SPDX-License-Identifier: Apache-2.0 */
/* The monitor's model: the whole atlas fitted to one subject by the simulator's own site fitting
 * (kn_sites_fit), and the mechanics, nerve and tissue stages set up as the simulator sets them
 * (src/sim/model.c), laid out in the caller's buffer. */
#include <math.h>
#include <string.h>

#include "core/arena.h"
#include "core/module_params.h"
#include "core/units.h"
#include "monitor/monitor_internal.h"

/* Lays out every array; with a->base == NULL only measures. */
static void layout(kn_monitor_model *m, kn_arena *a) {
  size_t nr = kn_atlas_region_count();
  kn_sites_layout(&m->sites, a, nr, kn_atlas_nerve_count(), kn_atlas_muscle_count());
  m->half_w = kn_arena_take(a, nr, sizeof(double));
  m->half_l = kn_arena_take(a, nr, sizeof(double));
  m->stress.values = kn_arena_take(a, kn_stress_table_size(KN_MON_STRESS_NRHO, KN_MON_STRESS_NZETA),
                                   sizeof(double));
}

size_t kn_monitor_model_size(void) {
  kn_monitor_model probe;
  kn_arena a = {NULL, 0};
  kn_arena_take(&a, 1, sizeof probe); /* the struct comes first */
  layout(&probe, &a);
  return a.used;
}

/* 1 if no region holds more than KN_MON_REGION_SITES_MAX nerves or muscles (the status could not
 * list them all). */
static int sites_fit_status(const kn_sites *s) {
  for (int r = 0; r < s->nregion; r++)
    if (s->nerve_first[r + 1] - s->nerve_first[r] > KN_MON_REGION_SITES_MAX ||
        s->muscle_first[r + 1] - s->muscle_first[r] > KN_MON_REGION_SITES_MAX)
      return 0;
  return 1;
}

/* The smallest and largest contact areas the atlas's contact types allow. */
static void plausible_areas(kn_monitor_model *m) {
  m->area_min = INFINITY;
  m->area_max = 0.0;
  for (size_t i = 0; i < kn_atlas_contact_type_count(); i++) {
    const kn_contact_type *ct = kn_atlas_contact_type(i);
    if (ct->area_min < m->area_min) m->area_min = ct->area_min;
    if (ct->area_max > m->area_max) m->area_max = ct->area_max;
  }
}

/* The stages' constant parts, from the parameter table (as src/sim/model.c, stages_init). */
static void stages_init(kn_monitor_model *m) {
  m->mech = kn_mechanics_params_of(&m->par, &m->sites, &m->stress);
  m->nerve_stage = (kn_nerve_stage_params){&m->nerve, m->sites.nnerve};
  m->tissue_stage = kn_tissue_stage_params_of(&m->par, &m->tissue, &m->sites);
}

kn_monitor_model *kn_monitor_model_init(const kn_subject *subject, void *buf, size_t size) {
  if (!subject || !buf || ((size_t)buf & (KN_MON_ALIGN - 1u)) || size < kn_monitor_model_size())
    return NULL;
  if (!(subject->body_fat > 0.0) || !(subject->pain_threshold_scale > 0.0)) return NULL;
  memset(buf, 0, sizeof(kn_monitor_model));
  kn_arena a = {buf, 0};
  kn_monitor_model *m = kn_arena_take(&a, 1, sizeof *m);
  layout(m, &a);
  m->subject = *subject;
  kn_params_default(&m->par);
  kn_module_params(&m->par, &m->nerve, &m->tissue);
  kn_sites_fit(&m->sites, subject, NULL);
  if (!sites_fit_status(&m->sites)) return NULL;
  for (int r = 0; r < m->sites.nregion; r++) {
    const kn_region *reg = kn_atlas_region((size_t)r);
    m->half_w[r] = 0.5 * reg->width;
    m->half_l[r] = 0.5 * reg->length;
  }
  plausible_areas(m);
  if (kn_stress_table_init(&m->stress, KN_MON_STRESS_NRHO, KN_MON_STRESS_NZETA,
                           KN_MON_STRESS_RHO_MAX, KN_MON_STRESS_ZETA_MAX, m->stress.values))
    return NULL;
  stages_init(m);
  return m;
}
