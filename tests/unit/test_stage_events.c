/* SPDX-License-Identifier: Apache-2.0 */
/* The events stage stepped alone (src/events/events.h): loads built by hand, the events checked
 * against what the definitions say (docs/cli.md, events.csv): a condition opens, lasts, merges
 * across short gaps and ends; thresholds are crossed once; a full buffer counts what it drops. */
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "events/events.h"
#include "knead/knead.h"
#include "test_common.h"

typedef struct rig {
  kn_params par;
  kn_nerve_params nerve;
  int regions[1], nerves[1], muscles[1], transient_ok[1];
  double p_limit[1], f_limit[1], ppt_mean[1];
  kn_tissue_params tissue;
  kn_sites sites;
  kn_tissue_stage_params tissue_stage;
  double region_p[1], region_f[1], region_shear[1], region_pain[1];
  int region_transient[1];
  kn_nerve_state nerve_state[1];
  kn_muscle_state muscle_state[1];
  kn_events_params p;
  kn_events_in in;
  kn_events_state s;
  kn_events_out o;
  void *block;
} rig;

static rig *rig_new(size_t capacity) {
  rig *r = calloc(1, sizeof *r);
  assert_non_null(r);
  kn_params_default(&r->par);
  r->nerve.paresthesia_level = 0.33;
  r->nerve.severe_dose = 4.0;
  r->nerve.ischaemic_perfusion = 0.5;
  r->nerve.block_level = 0.95;
  r->p_limit[0] = 100e3;       /* Pa */
  r->f_limit[0] = 50.0;        /* N */
  r->ppt_mean[0] = 400e3;      /* Pa */
  r->tissue.shear_ref = 100e3; /* Pa */
  r->sites = (kn_sites){.nregion = 1,
                        .regions = r->regions,
                        .ppt_mean = r->ppt_mean,
                        .p_limit = r->p_limit,
                        .f_limit = r->f_limit,
                        .transient_ok = r->transient_ok};
  r->tissue_stage = (kn_tissue_stage_params){.tissue = &r->tissue,
                                             .sites = &r->sites,
                                             .iso_transient_factor = r->par.iso_transient_factor};
  kn_nerve_reset(&r->nerve_state[0]);
  r->p = (kn_events_params){.par = &r->par,
                            .nerve = &r->nerve,
                            .tissue = &r->tissue_stage,
                            .nregion = 1,
                            .regions = r->regions,
                            .nnerve = 1,
                            .nerves = r->nerves,
                            .nmuscle = 1,
                            .muscles = r->muscles,
                            .capacity = capacity};
  r->in = (kn_events_in){.region_p = r->region_p,
                         .region_f = r->region_f,
                         .region_shear = r->region_shear,
                         .region_pain = r->region_pain,
                         .region_transient = r->region_transient,
                         .nerve_state = r->nerve_state,
                         .muscle_state = r->muscle_state};
  r->block = calloc(1, kn_events_size(&r->p));
  assert_non_null(r->block);
  kn_arena a = {r->block, 0};
  kn_events_init(&r->p, &a, &r->s, &r->o);
  kn_events_reset(&r->p, &r->s, &r->o);
  return r;
}

static void rig_free(rig *r) {
  free(r->block);
  free(r);
}

/* Steps at t (s). */
static void step_at(rig *r, double t) {
  r->in.t = t;
  assert_int_equal(kn_events_step(&r->p, &r->in, &r->s, &r->o, 0.001), KN_OK);
}

/* 150 kPa against a 100 kPa limit opens an ISO pressure event (ratio 1.5); 120 kPa a second later
 * extends it with its peak kept; a 1 s gap merges into it, a 3 s gap (over the 2 s merge gap)
 * starts a second one. */
static void test_condition_opens_merges_and_ends(void **state) {
  (void)state;
  rig *r = rig_new(16);
  r->region_p[0] = 150e3;
  step_at(r, 0.0);
  r->region_p[0] = 120e3;
  step_at(r, 1.0);
  r->region_p[0] = 0.0;
  step_at(r, 1.5);
  r->region_p[0] = 120e3;
  step_at(r, 2.0); /* 1 s after last seen: the same episode */
  r->region_p[0] = 0.0;
  step_at(r, 2.5);
  step_at(r, 5.5); /* 3.5 s after: over */
  r->region_p[0] = 110e3;
  step_at(r, 6.0);
  assert_int_equal(r->o.nevent, 2);
  const kn_event *e = &r->o.events[0];
  assert_int_equal(e->kind, KN_EV_ISO_PRESSURE);
  assert_close(e->t_start, 0.0, 0.0);
  assert_close(e->t_end, 2.0, 0.0);
  assert_close(e->value, 1.5, 1e-12);
  assert_close(r->o.events[1].t_start, 6.0, 0.0);
  assert_close(r->o.events[1].value, 1.1, 1e-12);
  rig_free(r);
}

/* Shear at 0.8 of the bruise reference is a bruise risk (from 0.7 on); nothing else is. */
static void test_bruise_risk(void **state) {
  (void)state;
  rig *r = rig_new(16);
  r->region_shear[0] = 80e3;
  step_at(r, 0.0);
  assert_int_equal(r->o.nevent, 1);
  assert_int_equal(r->o.events[0].kind, KN_EV_BRUISE_RISK);
  assert_close(r->o.events[0].value, 0.8, 1e-12);
  rig_free(r);
}

/* A nerve's ischaemic deficit crossing the paresthesia level (0.33) gives one event, not one per
 * step; a muscle's damage reaching 1 gives one event. */
static void test_thresholds_once(void **state) {
  (void)state;
  rig *r = rig_new(16);
  r->nerve_state[0].ischaemia_peak = 0.4;
  r->muscle_state[0].damage = 1.0;
  for (int i = 0; i < 5; i++)
    step_at(r, 0.1 * i);
  assert_int_equal(r->o.nevent, 2);
  assert_int_equal(r->o.events[0].kind, KN_EV_NERVE_PARESTHESIA);
  assert_int_equal(r->o.events[1].kind, KN_EV_MUSCLE_DAMAGE);
  rig_free(r);
}

/* A buffer of one keeps the first event and counts the others. */
static void test_full_buffer_counts(void **state) {
  (void)state;
  rig *r = rig_new(1);
  r->region_p[0] = 150e3; /* ISO pressure */
  r->region_f[0] = 60.0;  /* ISO force, and bruise risk (1.2) */
  step_at(r, 0.0);
  assert_int_equal(r->o.nevent, 1);
  assert_int_equal(r->o.nevent_dropped, 2);
  rig_free(r);
}

/* The carotid reflex event lasts while the criterion holds and keeps the longest beat interval. */
static void test_carotid(void **state) {
  (void)state;
  rig *r = rig_new(16);
  kn_events_carotid(&r->s, &r->o, 1.0, 1, 3.2, 7, -1);
  kn_events_carotid(&r->s, &r->o, 1.01, 1, 4.1, 7, -1);
  kn_events_carotid(&r->s, &r->o, 1.02, 1, 3.9, 7, -1);
  kn_events_carotid(&r->s, &r->o, 1.03, 0, 0.9, 7, -1);
  assert_int_equal(r->o.nevent, 1);
  assert_int_equal(r->o.events[0].kind, KN_EV_CAROTID);
  assert_int_equal(r->o.events[0].site, 7);
  assert_close(r->o.events[0].t_start, 1.0, 0.0);
  assert_close(r->o.events[0].t_end, 1.02, 0.0);
  assert_close(r->o.events[0].value, 4.1, 0.0);
  rig_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_condition_opens_merges_and_ends),
      cmocka_unit_test(test_bruise_risk),
      cmocka_unit_test(test_thresholds_once),
      cmocka_unit_test(test_full_buffer_counts),
      cmocka_unit_test(test_carotid),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
