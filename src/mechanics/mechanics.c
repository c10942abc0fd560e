/* SPDX-License-Identifier: Apache-2.0 */
/* The mechanics stage and the fitting of the atlas's sites to a subject (mechanics.h). */
#include "mechanics/mechanics.h"

#include <math.h>

#include "knead/error.h"

double kn_fitted_depth(const kn_region *r, double depth, double scale) {
  double top = r->skin, fat_end = r->skin + r->fat;
  if (depth >= fat_end) return depth + r->fat * (scale - 1.0);
  if (depth <= top) return depth;
  return top + (depth - top) * scale;
}

void kn_sites_layout(kn_sites *s, kn_arena *a, size_t nregion, size_t nnerve, size_t nmuscle) {
  s->regions = kn_arena_take(a, nregion, sizeof(int));
  s->region_local = kn_arena_take(a, kn_atlas_region_count(), sizeof(int));
  s->ppt_mean = kn_arena_take(a, nregion, sizeof(double));
  s->ppt_sd = kn_arena_take(a, nregion, sizeof(double));
  s->pain = kn_arena_take(a, nregion, sizeof(kn_pain_curve));
  s->p_limit = kn_arena_take(a, nregion, sizeof(double));
  s->f_limit = kn_arena_take(a, nregion, sizeof(double));
  s->transient_ok = kn_arena_take(a, nregion, sizeof(int));
  s->fat = kn_arena_take(a, nregion, sizeof(double));
  s->mid_muscle = kn_arena_take(a, nregion, sizeof(double));
  s->nerves = kn_arena_take(a, nnerve, sizeof(int));
  s->nerve_region = kn_arena_take(a, nnerve, sizeof(int));
  s->nerve_depth = kn_arena_take(a, nnerve, sizeof(double));
  s->muscles = kn_arena_take(a, nmuscle, sizeof(int));
  s->muscle_region = kn_arena_take(a, nmuscle, sizeof(int));
  s->muscle_depth = kn_arena_take(a, nmuscle, sizeof(double));
  s->nerve_first = kn_arena_take(a, nregion + 1, sizeof(int));
  s->nerve_list = kn_arena_take(a, nnerve, sizeof(int));
  s->muscle_first = kn_arena_take(a, nregion + 1, sizeof(int));
  s->muscle_list = kn_arena_take(a, nmuscle, sizeof(int));
}

static int reached(const unsigned char *touched, int region) {
  return !touched || touched[region];
}

void kn_sites_count(const unsigned char *touched, size_t *nregion, size_t *nnerve,
                    size_t *nmuscle) {
  *nregion = *nnerve = *nmuscle = 0;
  for (size_t r = 0; r < kn_atlas_region_count(); r++)
    *nregion += (size_t)reached(touched, (int)r);
  for (size_t i = 0; i < kn_atlas_nerve_count(); i++)
    *nnerve += (size_t)reached(touched, kn_atlas_nerve(i)->region);
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++)
    *nmuscle += (size_t)reached(touched, kn_atlas_muscle(i)->region);
}

/* first[] offsets and list[] indices of the n sites whose local region is region_of[i]. */
static void group_by_region(int nregion, int n, const int *region_of, int *first, int *list) {
  int k = 0;
  for (int r = 0; r < nregion; r++) {
    first[r] = k;
    for (int i = 0; i < n; i++)
      if (region_of[i] == r) list[k++] = i;
  }
  first[nregion] = k;
}

static void fit_regions(kn_sites *s, const kn_subject *subject, const unsigned char *touched,
                        double scale) {
  int nr = 0;
  for (size_t r = 0; r < kn_atlas_region_count(); r++) {
    s->region_local[r] = -1;
    if (!reached(touched, (int)r)) continue;
    const kn_region *reg = kn_atlas_region(r);
    const kn_iso_area *iso = kn_atlas_iso_area((size_t)reg->iso_area);
    s->region_local[r] = nr;
    s->regions[nr] = (int)r;
    s->ppt_mean[nr] = reg->ppt_mean * subject->pain_threshold_scale;
    s->ppt_sd[nr] = reg->ppt_sd * subject->pain_threshold_scale;
    s->pain[nr] = kn_pain_curve_of(s->ppt_mean[nr], s->ppt_sd[nr]);
    s->p_limit[nr] = iso->p_max;
    s->f_limit[nr] = iso->f_max;
    s->transient_ok[nr] = iso->transient_allowed;
    s->fat[nr] = reg->fat * scale;
    /* over bone (no muscle layer) the deep shear is taken just under the fat */
    s->mid_muscle[nr] = reg->skin + s->fat[nr] + 0.5 * reg->muscle;
    nr++;
  }
  s->nregion = nr;
}

void kn_sites_fit(kn_sites *s, const kn_subject *subject, const unsigned char *touched) {
  double scale = subject->body_fat / kn_atlas_reference_body_fat();
  fit_regions(s, subject, touched, scale);
  int nn = 0;
  for (size_t i = 0; i < kn_atlas_nerve_count(); i++) {
    const kn_nerve *nv = kn_atlas_nerve(i);
    if (s->region_local[nv->region] < 0) continue;
    s->nerves[nn] = (int)i;
    s->nerve_region[nn] = s->region_local[nv->region];
    s->nerve_depth[nn] = kn_fitted_depth(kn_atlas_region((size_t)nv->region), nv->depth, scale);
    nn++;
  }
  s->nnerve = nn;
  int nm = 0;
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    const kn_muscle *mu = kn_atlas_muscle(i);
    if (s->region_local[mu->region] < 0) continue;
    s->muscles[nm] = (int)i;
    s->muscle_region[nm] = s->region_local[mu->region];
    s->muscle_depth[nm] = kn_fitted_depth(kn_atlas_region((size_t)mu->region), mu->depth, scale);
    nm++;
  }
  s->nmuscle = nm;
  group_by_region(s->nregion, nn, s->nerve_region, s->nerve_first, s->nerve_list);
  group_by_region(s->nregion, nm, s->muscle_region, s->muscle_first, s->muscle_list);
}

kn_mechanics_params kn_mechanics_params_of(const kn_params *par, const kn_sites *s,
                                           const kn_stress_table *t) {
  return (kn_mechanics_params){s, t, par->poisson_ratio, par->bone_backing_gain,
                               par->iso_transient_time};
}

/* ---- the path from one contact to the structures under it ----------------------------------- */

/* Distance (m) from point (px,py) to the segment (x0,y0)-(x1,y1). */
static double segment_distance(double px, double py, double x0, double y0, double x1, double y1) {
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double u = len2 > 0.0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0.0;
  if (u < 0.0) u = 0.0;
  if (u > 1.0) u = 1.0;
  return hypot(px - (x0 + u * dx), py - (y0 + u * dy));
}

/* Pressure (Pa) contact k puts on nerve nv lying at depth z (m): the Boussinesq stress at the
 * nerve's course point nearest the contact, from the normalised table; a nerve on bone keeps the
 * stress the bone stops from spreading (kn_bone_backed_factor). */
static double nerve_pressure(const kn_mechanics_params *p, const kn_nerve *nv, double z,
                             const kn_contact_load *k) {
  double dist = segment_distance(k->x, k->y, nv->x0, nv->y0, nv->x1, nv->y1);
  double infl = kn_stress_table_lookup(p->stress, dist / k->radius, z / k->radius);
  if (nv->on_bone) infl = kn_bone_backed_factor(infl, p->bone_backing_gain);
  return k->p * infl;
}

/* Length (m) of nerve loaded by contact k: its diameter plus the spread down to depth z. */
static double nerve_loaded_length(double z, const kn_contact_load *k) {
  return 2.0 * k->radius + z;
}

/* Pressure (Pa) contact k puts on the middle of muscle belly mu at depth z (m). */
static double muscle_pressure(const kn_mechanics_params *p, const kn_muscle *mu, double z,
                              const kn_contact_load *k) {
  double dist = hypot(k->x - mu->x, k->y - mu->y);
  return k->p * kn_stress_table_lookup(p->stress, dist / k->radius, z / k->radius);
}

/* ---- the stage ------------------------------------------------------------------------------- */

/* 1 if contact k presses on local region r. */
static int on_region(const kn_sites *s, const kn_contact_load *k, int r) {
  return k->region >= 0 && s->region_local[k->region] == r;
}

/* The surface loads of one region while its contacts are read: the highest of each. */
typedef struct surface_peaks {
  double p, f, shear, deep, rate, t_contact;
  int transient; /* 1 while every contact read is transient */
} surface_peaks;

/* Folds contact k on region r into the region's surface peaks sp. */
static void surface_add(const kn_mechanics_params *p, const kn_contact_load *k, int r,
                        int want_deep, surface_peaks *sp) {
  if (k->force_rate > sp->rate) sp->rate = k->force_rate;
  if (!k->active) return;
  if (k->p > sp->p) sp->p = k->p;
  if (k->force > sp->f) sp->f = k->force;
  double shear = k->shear / k->area;
  if (shear > sp->shear) sp->shear = shear;
  if (want_deep) { /* shear at depth: on the contact's axis (the closed form) */
    double deep =
        kn_boussinesq_axis_shear(k->p, k->radius, p->sites->mid_muscle[r], p->poisson_ratio);
    if (deep > sp->deep) sp->deep = deep;
  }
  if (k->t_contact > sp->t_contact) sp->t_contact = k->t_contact;
  if (k->t_contact >= p->iso_transient_time) sp->transient = 0;
}

/* Region r's surface outputs from its peaks sp. */
static void surface_store(const kn_sites *s, const surface_peaks *sp, int r, kn_mechanics_out *o) {
  o->region_p[r] = sp->p;
  o->region_f[r] = sp->f;
  o->region_shear[r] = sp->shear;
  if (o->region_deep_shear) o->region_deep_shear[r] = sp->deep;
  o->region_rate[r] = sp->rate;
  o->region_t_contact[r] = sp->t_contact;
  o->region_transient[r] = sp->transient;
  if (o->region_pain)
    o->region_pain[r] = sp->p > 0.0 ? kn_pain_curve_probability(&s->pain[r], sp->p) : 0.0;
}

/* Nerves whose strongest contact one pass over the contacts can track (a region holding more
 * takes further passes; the atlas has at most 6 in a region). */
enum { NERVES_PER_PASS = 8 };

/* Adds the stress of active contact k at the nerves nerve_list[i0..i1) of its region (linear
 * elasticity: the stresses of several hands add); the contact that loads a nerve most, best[i -
 * i0] so far, sets its loaded length. */
static void nerves_add(const kn_mechanics_params *p, const kn_contact_load *k, int i0, int i1,
                       double *best, kn_mechanics_out *o) {
  const kn_sites *s = p->sites;
  for (int i = i0; i < i1; i++) {
    int n = s->nerve_list[i];
    double z = s->nerve_depth[n];
    double sz = nerve_pressure(p, kn_atlas_nerve((size_t)s->nerves[n]), z, k);
    o->nerve_p[n] += sz;
    if (sz > best[i - i0]) {
      best[i - i0] = sz;
      o->nerve_len[n] = nerve_loaded_length(z, k);
    }
  }
}

/* Adds the stress of active contact k at the muscles of its local region r. */
static void muscles_add(const kn_mechanics_params *p, const kn_contact_load *k, int r,
                        kn_mechanics_out *o) {
  const kn_sites *s = p->sites;
  for (int i = s->muscle_first[r]; i < s->muscle_first[r + 1]; i++) {
    int m = s->muscle_list[i];
    o->muscle_p[m] +=
        muscle_pressure(p, kn_atlas_muscle((size_t)s->muscles[m]), s->muscle_depth[m], k);
  }
}

/* Region r's nerves and muscles unloaded, before the contacts on it add their stresses. */
static void depth_clear(const kn_sites *s, int r, kn_mechanics_out *o) {
  for (int i = s->nerve_first[r]; i < s->nerve_first[r + 1]; i++)
    o->nerve_p[s->nerve_list[i]] = o->nerve_len[s->nerve_list[i]] = 0.0;
  for (int i = s->muscle_first[r]; i < s->muscle_first[r + 1]; i++)
    o->muscle_p[s->muscle_list[i]] = 0.0;
}

/* One pass over the contacts (the 1 kHz path: not one per nerve and per muscle) gives the surface
 * loads, the muscles and the first NERVES_PER_PASS nerves; further nerves take a pass each
 * NERVES_PER_PASS. Each sum adds the contacts in their order, as before the pass was shared. */
void kn_mechanics_region(const kn_mechanics_params *p, const kn_mechanics_in *in, int r,
                         kn_mechanics_out *o) {
  const kn_sites *s = p->sites;
  int n0 = s->nerve_first[r], n_end = s->nerve_first[r + 1];
  int n1 = n_end - n0 > NERVES_PER_PASS ? n0 + NERVES_PER_PASS : n_end;
  double best[NERVES_PER_PASS] = {0};
  surface_peaks sp = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1};
  int want_deep = o->region_deep_shear != NULL;
  depth_clear(s, r, o);
  for (int c = 0; c < in->ncontact; c++) {
    const kn_contact_load *k = &in->contacts[c];
    if (!on_region(s, k, r)) continue;
    surface_add(p, k, r, want_deep, &sp);
    if (!k->active) continue;
    nerves_add(p, k, n0, n1, best, o);
    muscles_add(p, k, r, o);
  }
  surface_store(s, &sp, r, o);
  for (int i0 = n1; i0 < n_end; i0 += NERVES_PER_PASS) {
    int i1 = n_end - i0 > NERVES_PER_PASS ? i0 + NERVES_PER_PASS : n_end;
    double more[NERVES_PER_PASS] = {0};
    for (int c = 0; c < in->ncontact; c++)
      if (in->contacts[c].active && on_region(s, &in->contacts[c], r))
        nerves_add(p, &in->contacts[c], i0, i1, more, o);
  }
}

int kn_mechanics_step(const kn_mechanics_params *p, const kn_mechanics_in *in, kn_mechanics_out *o,
                      double dt) {
  (void)dt;
  for (int r = 0; r < p->sites->nregion; r++)
    kn_mechanics_region(p, in, r, o);
  return KN_OK;
}
