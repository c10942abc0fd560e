/* The monitor's model: the whole atlas fitted to one subject, laid out in the caller's buffer.
 * Depths follow the subject's body fat exactly as the simulator fits them (src/sim/model.c). */
#include <math.h>
#include <string.h>

#include "core/arena.h"
#include "core/module_params.h"
#include "core/units.h"
#include "monitor/monitor_internal.h"

/* Depth of a structure for this subject: what lies below the fat moves with the fat's change, a
 * structure inside the fat moves in proportion (as src/sim/model.c fitted_depth). */
static double fitted_depth(const kn_region *r, double depth, double scale) {
  double top = r->skin, fat_end = r->skin + r->fat;
  if (depth >= fat_end) return depth + r->fat * (scale - 1.0);
  if (depth <= top) return depth;
  return top + (depth - top) * scale;
}

/* Lays out every array; with a->base == NULL only measures. */
static void layout(kn_monitor_model *m, kn_arena *a) {
  size_t nr = kn_atlas_region_count(), nn = kn_atlas_nerve_count(), nm = kn_atlas_muscle_count();
  m->ppt_mean = kn_arena_take(a, nr, sizeof(double));
  m->ppt_sd = kn_arena_take(a, nr, sizeof(double));
  m->p_limit = kn_arena_take(a, nr, sizeof(double));
  m->f_limit = kn_arena_take(a, nr, sizeof(double));
  m->transient_ok = kn_arena_take(a, nr, sizeof(int));
  m->mid_muscle = kn_arena_take(a, nr, sizeof(double));
  m->half_w = kn_arena_take(a, nr, sizeof(double));
  m->half_l = kn_arena_take(a, nr, sizeof(double));
  m->nerve_first = kn_arena_take(a, nr + 1, sizeof(int));
  m->nerve_list = kn_arena_take(a, nn, sizeof(int));
  m->muscle_first = kn_arena_take(a, nr + 1, sizeof(int));
  m->muscle_list = kn_arena_take(a, nm, sizeof(int));
  m->nerve_depth = kn_arena_take(a, nn, sizeof(double));
  m->muscle_depth = kn_arena_take(a, nm, sizeof(double));
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

/* Groups the atlas's nerves (or muscles) by region: first[] offsets, list[] indices. Returns 0, or
 * -1 if a region holds more than KN_MON_REGION_SITES_MAX of them (the status could not list them).
 */
static int group(int nregion, int count, int (*region_of)(size_t), int *first, int *list) {
  int k = 0;
  for (int r = 0; r < nregion; r++) {
    first[r] = k;
    for (int i = 0; i < count; i++)
      if (region_of((size_t)i) == r) list[k++] = i;
    if (k - first[r] > KN_MON_REGION_SITES_MAX) return -1;
  }
  first[nregion] = k;
  return 0;
}
static int nerve_region(size_t i) {
  return kn_atlas_nerve(i)->region;
}
static int muscle_region(size_t i) {
  return kn_atlas_muscle(i)->region;
}

kn_monitor_model *kn_monitor_model_init(const kn_subject *subject, void *buf, size_t size) {
  if (!subject || !buf || ((size_t)buf & 15u) || size < kn_monitor_model_size()) return NULL;
  if (!(subject->body_fat > 0.0) || !(subject->pain_threshold_scale > 0.0)) return NULL;
  memset(buf, 0, sizeof(kn_monitor_model));
  kn_arena a = {buf, 0};
  kn_monitor_model *m = kn_arena_take(&a, 1, sizeof *m);
  layout(m, &a);
  m->subject = *subject;
  kn_params_default(&m->par);
  kn_module_params(&m->par, &m->nerve, &m->tissue);
  m->nregion = (int)kn_atlas_region_count();
  m->nnerve = (int)kn_atlas_nerve_count();
  m->nmuscle = (int)kn_atlas_muscle_count();

  double scale = subject->body_fat / kn_atlas_reference_body_fat();
  for (int r = 0; r < m->nregion; r++) {
    const kn_region *reg = kn_atlas_region((size_t)r);
    const kn_iso_area *iso = kn_atlas_iso_area((size_t)reg->iso_area);
    m->ppt_mean[r] = reg->ppt_mean * subject->pain_threshold_scale;
    m->ppt_sd[r] = reg->ppt_sd * subject->pain_threshold_scale;
    m->p_limit[r] = iso->p_max;
    m->f_limit[r] = iso->f_max;
    m->transient_ok[r] = iso->transient_allowed;
    /* over bone (no muscle layer) the deep shear is taken just under the fat */
    m->mid_muscle[r] = reg->skin + reg->fat * scale + 0.5 * reg->muscle;
    m->half_w[r] = 0.5 * reg->width;
    m->half_l[r] = 0.5 * reg->length;
  }
  for (int n = 0; n < m->nnerve; n++) {
    const kn_nerve *nv = kn_atlas_nerve((size_t)n);
    m->nerve_depth[n] = fitted_depth(kn_atlas_region((size_t)nv->region), nv->depth, scale);
  }
  for (int k = 0; k < m->nmuscle; k++) {
    const kn_muscle *mu = kn_atlas_muscle((size_t)k);
    m->muscle_depth[k] = fitted_depth(kn_atlas_region((size_t)mu->region), mu->depth, scale);
  }
  if (group(m->nregion, m->nnerve, nerve_region, m->nerve_first, m->nerve_list) ||
      group(m->nregion, m->nmuscle, muscle_region, m->muscle_first, m->muscle_list))
    return NULL;
  m->area_min = INFINITY;
  m->area_max = 0.0;
  for (size_t i = 0; i < kn_atlas_contact_type_count(); i++) {
    const kn_contact_type *ct = kn_atlas_contact_type(i);
    if (ct->area_min < m->area_min) m->area_min = ct->area_min;
    if (ct->area_max > m->area_max) m->area_max = ct->area_max;
  }
  if (kn_stress_table_init(&m->stress, KN_MON_STRESS_NRHO, KN_MON_STRESS_NZETA,
                           KN_MON_STRESS_RHO_MAX, KN_MON_STRESS_ZETA_MAX, m->stress.values))
    return NULL;
  return m;
}
