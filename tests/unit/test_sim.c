/* SPDX-License-Identifier: Apache-2.0 */
/* The simulation through its public API (knead/knead.h): reproducible runs, no hidden globals,
 * reset, a harmless plan that comes out harmless, the recorded time series (names, units, size,
 * peaks kept), and the two practitioner profiles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "knead/knead.h"

/* ---- building sessions in code -----------------------------------------------------------------
 */

enum { MAX_ACTIONS = 8 };

typedef struct plan {
  kn_session s;
  kn_action a[MAX_ACTIONS];
} plan;

static void plan_init(plan *p, kn_practitioner who, uint64_t seed) {
  memset(p, 0, sizeof *p);
  p->s.practitioner = who;
  p->s.seed = seed;
  p->s.dt = 1e-3;
  p->s.record_interval = 0.1;
  p->s.recovery = 0.0;
  p->s.actions = p->a;
}

/* Appends a contact action on a region (or on a muscle's belly when muscle is not NULL). */
static kn_action *plan_add(plan *p, kn_action_kind kind, const char *region, const char *muscle,
                           const char *contact, double force, double duration) {
  assert_true(p->s.naction < MAX_ACTIONS);
  kn_action *a = &p->a[p->s.naction++];
  kn_action_init(a, kind);
  if (muscle) {
    a->muscle = kn_atlas_find_muscle(muscle);
    assert_true(a->muscle >= 0);
    a->region = kn_atlas_muscle((size_t)a->muscle)->region;
  } else {
    a->region = kn_atlas_find_region(region);
  }
  assert_true(a->region >= 0);
  if (contact) {
    a->contact = kn_atlas_find_contact_type(contact);
    assert_true(a->contact >= 0);
    a->area = kn_atlas_contact_type((size_t)a->contact)->area;
  }
  a->force = force;
  a->duration = duration;
  return a;
}

/* A neck-and-shoulder plan with kneading, thumb friction near a nerve and percussion: every source
 * of variability of a practitioner is exercised. */
static void plan_neck_shoulder(plan *p, kn_practitioner who, uint64_t seed) {
  plan_init(p, who, seed);
  plan_add(p, KN_ACT_PETRISSAGE, NULL, "upper_trapezius", "palm", 40.0, 20.0);
  kn_action *f = plan_add(p, KN_ACT_FRICTION, NULL, "levator_scapulae", "thumb", 20.0, 8.0);
  f->repetitions = 2;
  f->rest_between = 2.0;
  plan_add(p, KN_ACT_TAPOTEMENT, "upper_back", NULL, "fingertips", 25.0, 5.0);
  p->s.recovery = 2.0;
}

/* ---- running and capturing ------------------------------------------------------------------- */

typedef struct sim {
  kn_model *m;
  kn_data *d;
} sim;

static void sim_create(sim *s, const kn_session *sess) {
  kn_diag diag;
  kn_diag_clear(&diag);
  int rc = kn_model_create(NULL, sess, &s->m, &diag);
  if (rc != KN_OK)
    fail_msg("kn_model_create: %s: %s: %s", kn_errname(rc), diag.field, diag.message);
  assert_int_equal(kn_data_create(s->m, &s->d), KN_OK);
}

static void sim_free(sim *s) {
  kn_data_free(s->d);
  kn_model_free(s->m);
  s->d = NULL;
  s->m = NULL;
}

/* A deep copy of everything a run produced, so that runs can be compared after their data is
 * gone or reset. */
typedef struct capture {
  size_t nrow, ncol;
  double *series; /* (nrow * ncol) */
  kn_outcome o;   /* the pointers below replace the data's */
  kn_region_outcome *regions;
  kn_nerve_outcome *nerves;
  kn_muscle_outcome *muscles;
  kn_event *events;
} capture;

static void *copy_of(const void *src, size_t n, size_t size) {
  void *p = malloc(n ? n * size : 1);
  assert_non_null(p);
  if (n) memcpy(p, src, n * size);
  return p;
}

static void capture_take(capture *c, const kn_model *m, kn_data *d) {
  const kn_outcome *o = kn_data_outcome(m, d);
  c->nrow = kn_series_nrow(d);
  c->ncol = kn_series_ncol(m);
  c->series = copy_of(kn_series_values(d), c->nrow * c->ncol, sizeof(double));
  c->o = *o;
  c->regions = copy_of(o->regions, o->nregion, sizeof *o->regions);
  c->nerves = copy_of(o->nerves, o->nnerve, sizeof *o->nerves);
  c->muscles = copy_of(o->muscles, o->nmuscle, sizeof *o->muscles);
  c->events = copy_of(o->events, o->nevent, sizeof *o->events);
}

static void capture_free(capture *c) {
  free(c->series);
  free(c->regions);
  free(c->nerves);
  free(c->muscles);
  free(c->events);
  memset(c, 0, sizeof *c);
}

/* Runs a session on a fresh model and data and captures the result. */
static void run_capture(const kn_session *sess, capture *c) {
  sim s;
  sim_create(&s, sess);
  assert_int_equal(kn_run(s.m, s.d, NULL, NULL), KN_OK);
  capture_take(c, s.m, s.d);
  sim_free(&s);
}

/* Bit-identical doubles (also tells -0 from 0 and compares NaN payloads). */
#define SAME(x, y, what)                                                                           \
  do {                                                                                             \
    double x_ = (x), y_ = (y);                                                                     \
    if (memcmp(&x_, &y_, sizeof x_) != 0) fail_msg("%s differs: %.17g vs %.17g", what, x_, y_);    \
  } while (0)
#define SAME_INT(x, y, what)                                                                       \
  do {                                                                                             \
    long long x_ = (long long)(x), y_ = (long long)(y);                                            \
    if (x_ != y_) fail_msg("%s differs: %lld vs %lld", what, x_, y_);                              \
  } while (0)

/* Field by field (structs have padding, so no memcmp of whole structs). */
static void assert_same_capture(const capture *a, const capture *b) {
  SAME_INT(a->nrow, b->nrow, "series rows");
  SAME_INT(a->ncol, b->ncol, "series columns");
  for (size_t i = 0; i < a->nrow * a->ncol; i++)
    if (memcmp(&a->series[i], &b->series[i], sizeof(double)) != 0)
      fail_msg("series row %zu column %zu differs: %.17g vs %.17g", i / a->ncol, i % a->ncol,
               a->series[i], b->series[i]);
  const kn_outcome *x = &a->o, *y = &b->o;
  SAME_INT(x->harm, y->harm, "harm");
  SAME(x->duration, y->duration, "duration");
  SAME(x->soreness_load, y->soreness_load, "soreness_load");
  SAME(x->soreness_probability, y->soreness_probability, "soreness_probability");
  SAME_INT(x->nregion, y->nregion, "nregion");
  SAME_INT(x->nnerve, y->nnerve, "nnerve");
  SAME_INT(x->nmuscle, y->nmuscle, "nmuscle");
  SAME_INT(x->nevent, y->nevent, "nevent");
  SAME_INT(x->nevent_dropped, y->nevent_dropped, "nevent_dropped");
  for (size_t i = 0; i < x->nregion; i++) {
    const kn_region_outcome *r = &a->regions[i], *s = &b->regions[i];
    SAME_INT(r->region, s->region, "region");
    SAME(r->p_peak, s->p_peak, "region p_peak");
    SAME(r->f_peak, s->f_peak, "region f_peak");
    SAME(r->p_ratio, s->p_ratio, "region p_ratio");
    SAME(r->f_ratio, s->f_ratio, "region f_ratio");
    SAME(r->t_over_limit, s->t_over_limit, "region t_over_limit");
    SAME(r->t_occluded, s->t_occluded, "region t_occluded");
    SAME(r->pain_peak, s->pain_peak, "region pain_peak");
    SAME(r->t_pain, s->t_pain, "region t_pain");
    SAME(r->shear_peak, s->shear_peak, "region shear_peak");
    SAME(r->bruise_index, s->bruise_index, "region bruise_index");
    SAME_INT(r->bruise, s->bruise, "region bruise");
    SAME(r->force_rate_peak, s->force_rate_peak, "region force_rate_peak");
  }
  for (size_t i = 0; i < x->nnerve; i++) {
    const kn_nerve_outcome *n = &a->nerves[i], *o = &b->nerves[i];
    SAME_INT(n->nerve, o->nerve, "nerve");
    SAME(n->depth, o->depth, "nerve depth");
    SAME(n->p_peak, o->p_peak, "nerve p_peak");
    SAME(n->perfusion_min, o->perfusion_min, "nerve perfusion_min");
    SAME(n->conduction_min, o->conduction_min, "nerve conduction_min");
    SAME(n->t_ischaemic, o->t_ischaemic, "nerve t_ischaemic");
    SAME(n->transport_dose, o->transport_dose, "nerve transport_dose");
    SAME(n->injury_dose, o->injury_dose, "nerve injury_dose");
    SAME_INT(n->grade, o->grade, "nerve grade");
    SAME(n->t_grade, o->t_grade, "nerve t_grade");
  }
  for (size_t i = 0; i < x->nmuscle; i++) {
    SAME_INT(a->muscles[i].muscle, b->muscles[i].muscle, "muscle");
    SAME(a->muscles[i].p_peak, b->muscles[i].p_peak, "muscle p_peak");
    SAME(a->muscles[i].damage, b->muscles[i].damage, "muscle damage");
  }
  for (size_t i = 0; i < x->nevent; i++) {
    const kn_event *e = &a->events[i], *f = &b->events[i];
    SAME(e->t_start, f->t_start, "event t_start");
    SAME(e->t_end, f->t_end, "event t_end");
    SAME_INT(e->kind, f->kind, "event kind");
    SAME_INT(e->site_kind, f->site_kind, "event site_kind");
    SAME_INT(e->site, f->site, "event site");
    SAME_INT(e->action, f->action, "event action");
    SAME(e->value, f->value, "event value");
  }
}

/* Index of a named column, failing the test if there is none. */
static size_t column(const kn_model *m, const char *name) {
  for (size_t c = 0; c < kn_series_ncol(m); c++)
    if (strcmp(kn_series_name(m, c), name) == 0) return c;
  fail_msg("no column \"%s\"", name);
  return 0;
}

static double column_max(const kn_data *d, size_t ncol, size_t col) {
  const double *v = kn_series_values(d);
  double best = -HUGE_VAL;
  for (size_t r = 0; r < kn_series_nrow(d); r++)
    best = fmax(best, v[r * ncol + col]);
  return best;
}

static const kn_region_outcome *region_outcome(const kn_outcome *o, const char *name) {
  int want = kn_atlas_find_region(name);
  for (size_t i = 0; i < o->nregion; i++)
    if (o->regions[i].region == want) return &o->regions[i];
  fail_msg("no outcome for region \"%s\"", name);
  return NULL;
}

static size_t count_events(const kn_outcome *o, kn_event_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < o->nevent; i++)
    n += o->events[i].kind == kind;
  return n;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- determinism -------------------------------------------------------------------------------
 */

/* The same session and seed, run twice on separate models: bit-identical series and outcome. */
static void test_same_seed_is_bit_identical(void **state) {
  (void)state;
  for (int who = 0; who <= KN_PRACTITIONER_UNTRAINED_PARTNER; who++) {
    plan p;
    plan_neck_shoulder(&p, (kn_practitioner)who, 42);
    capture a, b;
    run_capture(&p.s, &a);
    run_capture(&p.s, &b);
    assert_true(a.nrow > 100);
    assert_same_capture(&a, &b);
    capture_free(&a);
    capture_free(&b);
  }
}

/* An untrained partner with another seed presses differently: the force traces differ. */
static void test_other_seed_changes_the_untrained_force_trace(void **state) {
  (void)state;
  plan p1, p2;
  plan_neck_shoulder(&p1, KN_PRACTITIONER_UNTRAINED_PARTNER, 1);
  plan_neck_shoulder(&p2, KN_PRACTITIONER_UNTRAINED_PARTNER, 2);
  sim a, b;
  sim_create(&a, &p1.s);
  sim_create(&b, &p2.s);
  kn_run(a.m, a.d, NULL, NULL);
  kn_run(b.m, b.d, NULL, NULL);
  size_t ncol = kn_series_ncol(a.m);
  assert_int_equal(ncol, kn_series_ncol(b.m));
  assert_int_equal(kn_series_nrow(a.d), kn_series_nrow(b.d));
  size_t col = column(a.m, "force_hand1_N");
  const double *va = kn_series_values(a.d), *vb = kn_series_values(b.d);
  size_t differ = 0, loaded = 0;
  double biggest = 0.0;
  for (size_t r = 0; r < kn_series_nrow(a.d); r++) {
    double fa = va[r * ncol + col], fb = vb[r * ncol + col];
    loaded += fa > 0.0;
    if (fa != fb) differ++;
    biggest = fmax(biggest, fabs(fa - fb));
  }
  assert_true(loaded > 100);
  /* not a last-digit difference: the partner's force varies by tens of percent */
  assert_true(differ > loaded / 2);
  assert_true(biggest > 1.0); /* N */
  sim_free(&a);
  sim_free(&b);
}

/* ---- no hidden globals --------------------------------------------------------------------------
 */

/* Two different simulations stepped alternately in one process give exactly what each gives run
 * alone; so do two data of one model (one model may serve many data). */
static void test_interleaved_simulations_do_not_interfere(void **state) {
  (void)state;
  plan pa, pb;
  plan_neck_shoulder(&pa, KN_PRACTITIONER_PROFESSIONAL, 5);
  plan_neck_shoulder(&pb, KN_PRACTITIONER_UNTRAINED_PARTNER, 6);
  kn_action *extra = plan_add(&pb, KN_ACT_COMPRESSION, "neck_lateral", NULL, "thumb", 30.0, 6.0);
  extra->start = 1.0; /* in parallel with the kneading: a second hand */

  capture alone_a, alone_b;
  run_capture(&pa.s, &alone_a);
  run_capture(&pb.s, &alone_b);

  /* two models, interleaved step by step (they end at different times) */
  sim a, b;
  sim_create(&a, &pa.s);
  sim_create(&b, &pb.s);
  int more_a = 1, more_b = 1;
  while (more_a || more_b) {
    if (more_a) more_a = kn_step(a.m, a.d);
    if (more_b) more_b = kn_step(b.m, b.d);
  }
  capture inter_a, inter_b;
  capture_take(&inter_a, a.m, a.d);
  capture_take(&inter_b, b.m, b.d);
  assert_same_capture(&alone_a, &inter_a);
  assert_same_capture(&alone_b, &inter_b);
  capture_free(&inter_a);
  capture_free(&inter_b);

  /* one model, two data: the second starts half-way through the first's run */
  kn_data *d2 = NULL;
  assert_int_equal(kn_data_create(b.m, &d2), KN_OK);
  kn_data_reset(b.m, b.d);
  for (int i = 0; i < 5000; i++)
    kn_step(b.m, b.d);
  int more1 = 1, more2 = 1;
  while (more1 || more2) {
    if (more1) more1 = kn_step(b.m, b.d);
    if (more2) more2 = kn_step(b.m, d2);
  }
  capture one, two;
  capture_take(&one, b.m, b.d);
  capture_take(&two, b.m, d2);
  assert_same_capture(&alone_b, &one);
  assert_same_capture(&alone_b, &two);
  capture_free(&one);
  capture_free(&two);
  kn_data_free(d2);

  sim_free(&a);
  sim_free(&b);
  capture_free(&alone_a);
  capture_free(&alone_b);
}

/* kn_data_reset brings a used data back to t = 0 with the session's seed: the rerun is identical.
 */
static void test_reset_reproduces_a_run(void **state) {
  (void)state;
  plan p;
  plan_neck_shoulder(&p, KN_PRACTITIONER_UNTRAINED_PARTNER, 11);
  sim s;
  sim_create(&s, &p.s);
  kn_run(s.m, s.d, NULL, NULL);
  capture first, second, partial;
  capture_take(&first, s.m, s.d);

  kn_data_reset(s.m, s.d);
  assert_true(kn_data_time(s.d) == 0.0);
  assert_int_equal(kn_series_nrow(s.d), 0);
  assert_int_equal(kn_data_outcome(s.m, s.d)->nevent, 0);
  kn_run(s.m, s.d, NULL, NULL);
  capture_take(&second, s.m, s.d);
  assert_same_capture(&first, &second);

  /* reset in the middle of a run, too */
  kn_data_reset(s.m, s.d);
  for (int i = 0; i < 7777; i++)
    kn_step(s.m, s.d);
  kn_data_reset(s.m, s.d);
  kn_run(s.m, s.d, NULL, NULL);
  capture_take(&partial, s.m, s.d);
  assert_same_capture(&first, &partial);

  capture_free(&first);
  capture_free(&second);
  capture_free(&partial);
  sim_free(&s);
}

/* ---- outcome sanity ----------------------------------------------------------------------------
 */

/* A very light palm effleurage over the side of the neck, where two nerves lie shallow: nothing
 * happens. */
static void test_light_effleurage_is_harmless(void **state) {
  (void)state;
  plan p;
  plan_init(&p, KN_PRACTITIONER_PROFESSIONAL, 1);
  plan_add(&p, KN_ACT_EFFLEURAGE, "neck_lateral", NULL, "palm", 5.0, 60.0);
  sim s;
  sim_create(&s, &p.s);
  kn_run(s.m, s.d, NULL, NULL);
  const kn_outcome *o = kn_data_outcome(s.m, s.d);
  assert_int_equal(o->harm, KN_HARM_NONE);
  assert_true(fabs(o->duration - 60.0) < 1e-6);
  assert_int_equal(o->nregion, 1);
  assert_true(o->nnerve >= 1); /* the claim below is about real nerves */
  for (size_t i = 0; i < o->nnerve; i++) {
    assert_int_equal(o->nerves[i].grade, KN_NERVE_NONE);
    assert_true(o->nerves[i].t_grade < 0.0);
    assert_true(o->nerves[i].injury_dose == 0.0);
    assert_true(o->nerves[i].perfusion_min > 0.9);
  }
  for (size_t i = 0; i < o->nmuscle; i++)
    assert_true(o->muscles[i].damage < 0.01);
  const kn_region_outcome *r = &o->regions[0];
  assert_true(r->f_peak > 4.0 && r->f_peak < 7.0); /* 5 N with a professional's 8 % variation */
  assert_true(r->p_ratio < 0.1 && r->f_ratio < 0.1);
  assert_true(r->t_over_limit == 0.0);
  assert_true(r->pain_peak < 0.05);
  assert_int_equal(r->bruise, KN_BRUISE_NONE);
  assert_true(o->soreness_probability < 0.01);
  assert_int_equal(count_events(o, KN_EV_PAIN), 0);
  assert_int_equal(count_events(o, KN_EV_PRACTITIONER_EASED), 0);
  assert_int_equal(o->nevent_dropped, 0);
  sim_free(&s);
}

/* ---- standing up at the end ------------------------------------------------------------------ */

/* The systemic outcome of `minutes` of calm effleurage (or of rest alone, no touch) for a default
 * subject with the given hypohydration, getting up at the end. */
static kn_systemic_outcome stand_after(double minutes, int massage, double hypohydration) {
  plan p;
  plan_init(&p, KN_PRACTITIONER_PROFESSIONAL, 1);
  p.s.dt = 0.01;
  p.s.record_interval = 10.0;
  if (massage)
    plan_add(&p, KN_ACT_EFFLEURAGE, "upper_back", NULL, "palm", 20.0, minutes * 60.0);
  else
    plan_add(&p, KN_ACT_REST, "upper_back", NULL, NULL, 0.0, minutes * 60.0);
  kn_subject sub;
  kn_subject_default(&sub);
  sub.hypohydration = hypohydration;
  kn_model *m = NULL;
  kn_data *d = NULL;
  kn_diag diag;
  kn_diag_clear(&diag);
  int rc = kn_model_create(&sub, &p.s, &m, &diag);
  if (rc != KN_OK) fail_msg("kn_model_create: %s: %s", diag.field, diag.message);
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  kn_run(m, d, NULL, NULL);
  kn_systemic_outcome so = kn_data_outcome(m, d)->systemic;
  kn_data_free(d);
  kn_model_free(m);
  return so;
}

/* Borst 1984: a short supine rest shrinks the initial fall; Carter 2006: dehydration does not add
 * to the fall (no stacking), it makes it more likely to be felt; a calm massage does not raise
 * dizziness above rest alone; the haemodynamic event is far commoner than the symptom (TILDA). */
static void test_standing_up(void **state) {
  (void)state;
  kn_systemic_outcome short_rest = stand_after(1.0, 0, 0.0), long_rest = stand_after(20.0, 0, 0.0);
  assert_true(short_rest.stand_systolic_fall < long_rest.stand_systolic_fall);
  assert_true(short_rest.ioh_probability < long_rest.ioh_probability);
  assert_true(short_rest.dizziness_probability < long_rest.dizziness_probability);

  kn_systemic_outcome rest = stand_after(3.0, 0, 0.0), calm = stand_after(3.0, 1, 0.0);
  assert_true(calm.dizziness_probability <= rest.dizziness_probability + 1e-12);
  assert_true(calm.stand_systolic_fall <= rest.stand_systolic_fall + 1e-9);
  /* targets for a 3-min session (COHORT_EVIDENCE.md section 2): felt 3-12 %, IOH 25-40 % */
  assert_true(rest.dizziness_probability > 0.03 && rest.dizziness_probability < 0.12);
  assert_true(rest.ioh_probability > 0.25 && rest.ioh_probability < 0.40);
  assert_true(rest.dizziness_probability < 0.5 * rest.ioh_probability);

  kn_systemic_outcome dry = stand_after(3.0, 0, 0.03);
  assert_true(fabs(dry.stand_systolic_fall - rest.stand_systolic_fall) < 1e-9); /* not stacked */
  assert_true(dry.dizziness_probability > rest.dizziness_probability);
  assert_true(dry.dizziness_probability <= 0.40); /* <= 30-40 % at 3 % hypohydration */
  assert_false(dry.dizziness);
  /* a healthy, dehydrated subject gets no "feeling unwell" score: its premise is illness */
  assert_false(dry.symptoms_apply);
  assert_true(dry.symptom_load == 0.0);
}

/* ---- the time series ---------------------------------------------------------------------------
 */

/* Column 0 is the time; every other column names its unit, or is a dimensionless probability,
 * dose or damage; rows come every record interval. */
static void test_series_names_units_and_rows(void **state) {
  (void)state;
  /* mechanics, nerve and tissue units, and those of the neuromuscular outputs: firing rate per
   * second, EMG in arbitrary units (normalised envelope), length in optimal fibre lengths */
  static const char *const units[] = {"_s",       "_N",     "_kPa", "_mmHg", "_pct",
                                      "_N_per_s", "_per_s", "_au",  "_Lopt", "_degC",
                                      "_mM",      "_bpm",   "_rel"};
  static const char *const dimensionless[] = {"pain_prob_", "injury_dose_", "damage_",
                                              "autonomic_balance"};
  plan p;
  plan_neck_shoulder(&p, KN_PRACTITIONER_PROFESSIONAL, 1);
  plan_add(&p, KN_ACT_COMPRESSION, "neck_lateral", NULL, "thumb", 10.0, 4.0)->start = 2.0;
  p.s.record_interval = 0.25;
  sim s;
  sim_create(&s, &p.s);
  kn_run(s.m, s.d, NULL, NULL);

  size_t ncol = kn_series_ncol(s.m);
  assert_true(ncol > 10);
  assert_string_equal(kn_series_name(s.m, 0), "t_s");
  assert_null(kn_series_name(s.m, ncol)); /* out of range */
  size_t nerve_cols = 0, muscle_cols = 0, hand_cols = 0;
  for (size_t c = 1; c < ncol; c++) {
    const char *name = kn_series_name(s.m, c);
    assert_non_null(name);
    int ok = 0;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
      ok |= ends_with(name, units[u]);
    for (size_t k = 0; k < sizeof dimensionless / sizeof dimensionless[0]; k++)
      ok |= strncmp(name, dimensionless[k], strlen(dimensionless[k])) == 0;
    if (!ok) fail_msg("column %zu \"%s\" has no unit suffix", c, name);
    for (size_t k = 0; k < c; k++)
      if (strcmp(kn_series_name(s.m, k), name) == 0) fail_msg("column \"%s\" twice", name);
    nerve_cols += strncmp(name, "p_nerve_", 8) == 0;
    muscle_cols += strncmp(name, "p_muscle_", 9) == 0;
    hand_cols += strncmp(name, "force_hand", 10) == 0;
  }
  const kn_outcome *o = kn_data_outcome(s.m, s.d);
  assert_int_equal(nerve_cols, o->nnerve);
  assert_int_equal(muscle_cols, o->nmuscle);
  assert_int_equal(hand_cols, 2); /* the compression runs beside the kneading */

  /* one row per record interval (the first and the last may be partial intervals) */
  double duration = kn_model_duration(s.m);
  double expect = duration / p.s.record_interval;
  size_t nrow = kn_series_nrow(s.d);
  if (fabs((double)nrow - expect) > 2.0)
    fail_msg("%zu rows for %g s every %g s (want about %g)", nrow, duration, p.s.record_interval,
             expect);
  /* time increases and ends at the end; every value is finite */
  const double *v = kn_series_values(s.d);
  for (size_t r = 0; r < nrow; r++) {
    if (r > 0 && !(v[r * ncol] > v[(r - 1) * ncol])) fail_msg("t_s not increasing at row %zu", r);
    for (size_t c = 0; c < ncol; c++)
      if (!isfinite(v[r * ncol + c])) fail_msg("row %zu column %zu not finite", r, c);
  }
  assert_true(v[0] >= 0.0 && v[0] <= p.s.record_interval + 1e-9);
  assert_true(fabs(v[(nrow - 1) * ncol] - duration) < 1e-6);
  sim_free(&s);
}

/* A coarse record interval must not lose peaks: the largest recorded force, pressure, force rate
 * and pain probability are the outcome's peaks. */
static void test_series_keeps_peaks(void **state) {
  (void)state;
  plan p;
  plan_init(&p, KN_PRACTITIONER_UNTRAINED_PARTNER, 8);
  kn_action *a = plan_add(&p, KN_ACT_TAPOTEMENT, "upper_back", NULL, "fingertips", 25.0, 3.0);
  a->repetitions = 3;
  a->rest_between = 1.3;
  plan_add(&p, KN_ACT_FRICTION, NULL, "upper_trapezius", "thumb", 20.0, 9.0);
  p.s.record_interval = 5.0; /* far coarser than a 40 ms percussion impact */
  sim s;
  sim_create(&s, &p.s);
  kn_run(s.m, s.d, NULL, NULL);
  const kn_outcome *o = kn_data_outcome(s.m, s.d);
  size_t ncol = kn_series_ncol(s.m);
  assert_true(kn_series_nrow(s.d) <= 6);

  /* one hand does both actions in turn, so its columns hold the peaks of both regions */
  const kn_region_outcome *back = region_outcome(o, "upper_back");
  const kn_region_outcome *top = region_outcome(o, "shoulder_top");
  double f_peak = fmax(back->f_peak, top->f_peak);
  double p_peak = fmax(back->p_peak, top->p_peak);
  double rate_peak = fmax(back->force_rate_peak, top->force_rate_peak);
  assert_true(f_peak > 20.0);
  double f_col = column_max(s.d, ncol, column(s.m, "force_hand1_N"));
  double p_col = 1e3 * column_max(s.d, ncol, column(s.m, "p_surface_hand1_kPa"));
  double rate_col = column_max(s.d, ncol, column(s.m, "force_rate_hand1_N_per_s"));
  if (fabs(f_col - f_peak) > 1e-9 * f_peak)
    fail_msg("force: series %.17g, outcome %.17g", f_col, f_peak);
  if (fabs(p_col - p_peak) > 1e-9 * p_peak)
    fail_msg("pressure: series %.17g, outcome %.17g", p_col, p_peak);
  if (fabs(rate_col - rate_peak) > 1e-9 * rate_peak)
    fail_msg("force rate: series %.17g, outcome %.17g", rate_col, rate_peak);
  double pain_col = column_max(s.d, ncol, column(s.m, "pain_prob_upper_back"));
  if (fabs(pain_col - back->pain_peak) > 1e-9 * fmax(back->pain_peak, 1e-300))
    fail_msg("pain: series %.17g, outcome %.17g", pain_col, back->pain_peak);
  sim_free(&s);
}

/* ---- bounded memory ----------------------------------------------------------------------------
 */

/* The memory of a run does not grow with its length: 2 hours and 23 hours of the same work take
 * the same bytes (the series kept in memory is at most KN_SERIES_KEPT_ROWS rows), and a session
 * spanning more than KN_SESSION_SPAN_MAX is refused before anything is allocated for it. */
static void test_data_size_independent_of_length(void **state) {
  (void)state;
  size_t bytes[2], rows[2];
  for (int i = 0; i < 2; i++) {
    plan p;
    plan_init(&p, KN_PRACTITIONER_PROFESSIONAL, 3);
    kn_action *a = plan_add(&p, KN_ACT_EFFLEURAGE, "upper_back", NULL, "palm", 20.0, 7200.0);
    if (i == 1) { /* 23 h: 23 repetitions of 30 min with 30 min between */
      a->duration = 1800.0;
      a->repetitions = 23;
      a->rest_between = 1800.0;
    }
    sim s;
    sim_create(&s, &p.s);
    bytes[i] = kn_data_bytes(s.d);
    rows[i] = kn_series_rows_max(s.m);
    sim_free(&s);
  }
  assert_true(rows[0] > KN_SERIES_KEPT_ROWS);
  assert_true(rows[1] > 10 * rows[0]);  /* the longer run records far more rows ... */
  assert_int_equal(bytes[0], bytes[1]); /* ... in the same memory */
  /* 1000 x (240 min + 1 h between): refused, pointing at the action */
  plan p;
  plan_init(&p, KN_PRACTITIONER_PROFESSIONAL, 3);
  kn_action *a = plan_add(&p, KN_ACT_EFFLEURAGE, "upper_back", NULL, "palm", 20.0, 240 * 60.0);
  a->repetitions = 1000;
  a->rest_between = 3600.0;
  kn_model *m = NULL;
  kn_diag diag;
  assert_int_equal(kn_model_create(NULL, &p.s, &m, &diag), KN_ERANGE);
  assert_null(m);
  assert_string_equal(diag.field, "session.actions[0]");
  assert_non_null(strstr(diag.message, "at most 24 h"));
}

/* What a sink receives: every recorded row, counted, with the running peak of one column. */
typedef struct stream_check {
  size_t rows, ncol, col;
  double peak, t_last, t_second;
} stream_check;

static void count_rows(void *ctx, const double *rows, size_t nrow, size_t ncol) {
  stream_check *c = ctx;
  assert_int_equal(ncol, c->ncol);
  for (size_t r = 0; r < nrow; r++, c->rows++) {
    c->peak = fmax(c->peak, rows[r * ncol + c->col]);
    c->t_last = rows[r * ncol];
    if (c->rows == 1) c->t_second = rows[r * ncol];
  }
}

/* A run recording more rows than memory keeps: the sink gets every row at record_interval; memory
 * keeps at most KN_SERIES_KEPT_ROWS rows, at twice the interval, spanning the whole run with the
 * same peaks; and the sink changes nothing in the run. */
static void test_series_streamed_whole_kept_bounded(void **state) {
  (void)state;
  plan p;
  plan_init(&p, KN_PRACTITIONER_UNTRAINED_PARTNER, 8);
  kn_action *a = plan_add(&p, KN_ACT_TAPOTEMENT, "upper_back", NULL, "fingertips", 25.0, 3.0);
  a->repetitions = 3;
  a->rest_between = 1.3;
  p.s.record_interval = 0.01;
  p.s.recovery = 45.0; /* about 5500 rows in all */
  sim s, plain;
  sim_create(&s, &p.s);
  sim_create(&plain, &p.s);
  size_t ncol = kn_series_ncol(s.m), force = column(s.m, "force_hand1_N");
  stream_check c = {.ncol = ncol, .col = force, .peak = -HUGE_VAL};
  kn_data_set_series_sink(s.d, count_rows, &c);
  assert_true(kn_data_has_series_sink(s.d));
  kn_run(s.m, s.d, NULL, NULL);
  kn_run(plain.m, plain.d, NULL, NULL);

  size_t kept = kn_series_nrow(s.d);
  assert_true(c.rows > KN_SERIES_KEPT_ROWS);
  assert_true(c.rows <= kn_series_rows_max(s.m));
  assert_true(kept <= KN_SERIES_KEPT_ROWS);
  assert_int_equal(kept, (c.rows + 1) / 2);
  assert_true(fabs(kn_series_interval(s.m, s.d) - 0.02) < 1e-12);
  const double *v = kn_series_values(s.d);
  assert_true(fabs(v[0] - c.t_second) < 1e-12);               /* a kept row ends a pair */
  assert_true(fabs(v[(kept - 1) * ncol] - c.t_last) < 1e-12); /* the last row is kept */
  double peak = column_max(s.d, ncol, force);
  assert_true(peak > 20.0);
  if (peak != c.peak) fail_msg("force peak: kept %.17g, streamed %.17g", peak, c.peak);
  /* the run without a sink keeps the same rows */
  assert_int_equal(kn_series_nrow(plain.d), kept);
  assert_memory_equal(kn_series_values(plain.d), v, kept * ncol * sizeof(double));
  sim_free(&s);
  sim_free(&plain);
}

/* ---- practitioner profiles
 * ----------------------------------------------------------------------- */

/* The same plan by the rough partner (the what-if): more peak force and a faster rise than a
 * professional's. */
static void test_rough_partner_presses_harder_and_more_abruptly(void **state) {
  (void)state;
  for (uint64_t seed = 1; seed <= 3; seed++) {
    plan pro, partner;
    plan_neck_shoulder(&pro, KN_PRACTITIONER_PROFESSIONAL, seed);
    plan_neck_shoulder(&partner, KN_PRACTITIONER_ROUGH_PARTNER, seed);
    sim a, b;
    sim_create(&a, &pro.s);
    sim_create(&b, &partner.s);
    kn_run(a.m, a.d, NULL, NULL);
    kn_run(b.m, b.d, NULL, NULL);
    const kn_outcome *oa = kn_data_outcome(a.m, a.d), *ob = kn_data_outcome(b.m, b.d);
    const char *regions[] = {"shoulder_top", "neck_lateral"};
    for (size_t i = 0; i < 2; i++) {
      const kn_region_outcome *ra = region_outcome(oa, regions[i]);
      const kn_region_outcome *rb = region_outcome(ob, regions[i]);
      if (!(rb->f_peak > ra->f_peak))
        fail_msg("seed %d %s: partner f_peak %g N <= professional %g N", (int)seed, regions[i],
                 rb->f_peak, ra->f_peak);
      if (!(rb->force_rate_peak > 2.0 * ra->force_rate_peak))
        fail_msg("seed %d %s: partner force rate %g N/s, professional %g N/s", (int)seed,
                 regions[i], rb->force_rate_peak, ra->force_rate_peak);
    }
    sim_free(&a);
    sim_free(&b);
  }
}

/* A plan that presses above the subject's pain threshold: the professional eases off, the rough
 * partner keeps pressing. */
static void test_professional_eases_off_rough_partner_does_not(void **state) {
  (void)state;
  plan pro, partner;
  for (int who = 0; who < 2; who++) {
    plan *p = who ? &partner : &pro;
    plan_init(p, who ? KN_PRACTITIONER_ROUGH_PARTNER : KN_PRACTITIONER_PROFESSIONAL, 4);
    /* 80 N on a thumb is about 600 kPa; the upper trapezius threshold is about 420 kPa */
    plan_add(p, KN_ACT_COMPRESSION, NULL, "upper_trapezius", "thumb", 80.0, 20.0);
  }
  const kn_region *top = kn_atlas_region((size_t)kn_atlas_find_region("shoulder_top"));
  assert_true(pro.a[0].force / pro.a[0].area > 1.2 * top->ppt_mean);

  sim a, b;
  sim_create(&a, &pro.s);
  sim_create(&b, &partner.s);
  kn_run(a.m, a.d, NULL, NULL);
  kn_run(b.m, b.d, NULL, NULL);
  const kn_outcome *oa = kn_data_outcome(a.m, a.d), *ob = kn_data_outcome(b.m, b.d);

  assert_true(count_events(oa, KN_EV_PRACTITIONER_EASED) >= 1);
  for (size_t i = 0; i < oa->nevent; i++) {
    const kn_event *e = &oa->events[i];
    if (e->kind != KN_EV_PRACTITIONER_EASED) continue;
    assert_int_equal(e->site_kind, KN_SITE_REGION);
    assert_int_equal(e->site, kn_atlas_find_region("shoulder_top"));
    assert_int_equal(e->action, 0);
    assert_true(e->value > 0.0 && e->value < 1.0); /* the force multiplier after easing */
    assert_true(e->t_start < 5.0);                 /* within seconds of the pain */
  }
  assert_int_equal(count_events(ob, KN_EV_PRACTITIONER_EASED), 0);
  /* the partner's pressure really was painful, and stayed so far longer */
  const kn_region_outcome *ra = region_outcome(oa, "shoulder_top");
  const kn_region_outcome *rb = region_outcome(ob, "shoulder_top");
  assert_true(count_events(ob, KN_EV_PAIN) >= 1);
  assert_true(rb->t_pain > 15.0);
  /* the professional's pressure hurts for under 5 s; then the after-pain, at most 1, falls below
   * one half within pain_after_time ln 2 */
  const kn_param_info *after = kn_param((size_t)kn_param_find("pain_after_time"));
  assert_true(ra->t_pain < 5.0 + after->value * log(2.0));
  assert_true(ra->t_pain < rb->t_pain);
  sim_free(&a);
  sim_free(&b);
}

/* The traits of a model built from plan p. */
static kn_practitioner_traits traits_of(const plan *p) {
  kn_model *m = NULL;
  kn_diag d;
  assert_int_equal(kn_model_create(NULL, &p->s, &m, &d), KN_OK);
  kn_practitioner_traits t = *kn_model_practitioner(m);
  kn_model_free(m);
  return t;
}

static int same_traits(const kn_practitioner_traits *a, const kn_practitioner_traits *b) {
  return a->force_ratio == b->force_ratio && a->force_bias == b->force_bias &&
         a->force_cv == b->force_cv && a->ramp_time == b->ramp_time && a->drift == b->drift &&
         a->pain_delay == b->pain_delay;
}

/* A practitioner drawn from a seed is the same person every time; another seed is another person;
 * percentile 50 is the median person. */
static void test_practitioner_draws_are_reproducible(void **state) {
  (void)state;
  plan p;
  plan_init(&p, KN_PRACTITIONER_UNTRAINED_PARTNER, 1);
  plan_add(&p, KN_ACT_COMPRESSION, "calf", NULL, "thumb", 60.0, 5.0);
  kn_practitioner_traits median = traits_of(&p);
  p.s.practitioner_percentile = 50;
  kn_practitioner_traits p50 = traits_of(&p);
  assert_true(same_traits(&median, &p50));
  p.s.practitioner_percentile = 0;
  p.s.practitioner_seeded = 1;
  p.s.practitioner_seed = 7;
  kn_practitioner_traits a = traits_of(&p), b = traits_of(&p);
  assert_true(same_traits(&a, &b));
  int differ = 0;
  for (uint64_t seed = 8; seed < 12; seed++) {
    p.s.practitioner_seed = seed;
    kn_practitioner_traits c = traits_of(&p);
    differ += c.force_ratio != a.force_ratio && c.ramp_time != a.ramp_time;
  }
  assert_int_equal(differ, 4);
  /* the session's noise seed does not move the practitioner */
  p.s.practitioner_seed = 7;
  p.s.seed = 99;
  kn_practitioner_traits e = traits_of(&p);
  assert_true(same_traits(&a, &e));
}

/* Over many seeds, the drawn partners' force ratio has the profile's median and log-SD
 * (untrained_force_ratio 0.80, untrained_force_ratio_sd 0.35), within sampling error. */
static void test_drawn_partners_follow_the_profile(void **state) {
  (void)state;
  plan p;
  plan_init(&p, KN_PRACTITIONER_UNTRAINED_PARTNER, 1);
  plan_add(&p, KN_ACT_COMPRESSION, "calf", NULL, "thumb", 60.0, 5.0);
  p.s.practitioner_seeded = 1;
  const int n = 2000;
  double sum = 0.0, sum2 = 0.0;
  int never = 0;
  for (int i = 0; i < n; i++) {
    p.s.practitioner_seed = (uint64_t)i;
    kn_practitioner_traits t = traits_of(&p);
    double l = log(t.force_ratio);
    sum += l, sum2 += l * l;
    never += t.pain_delay < 0.0;
  }
  double mean = sum / n, sd = sqrt(sum2 / n - mean * mean);
  /* standard errors: 0.35 / sqrt(2000) = 0.008 for the mean, 0.006 for the SD; 4 of them */
  assert_true(fabs(mean - log(0.80)) < 0.032);
  assert_true(fabs(sd - 0.35) < 0.024);
  /* untrained_never_ease 0.10: binomial SE 0.0067, 4 of them */
  assert_true(fabs(never / (double)n - 0.10) < 0.027);
}

/* The rough partner is the former untrained profile, kept as a what-if: +16 N on every stroke,
 * CV 0.30, 50 ms onsets, 20 mm drift, never eases off (knead 0.1.0's values). */
static void test_rough_partner_is_the_old_profile(void **state) {
  (void)state;
  plan p;
  plan_init(&p, KN_PRACTITIONER_ROUGH_PARTNER, 1);
  plan_add(&p, KN_ACT_COMPRESSION, "calf", NULL, "thumb", 60.0, 5.0);
  for (int pct = 0; pct <= 95; pct += 95) {
    p.s.practitioner_percentile = pct; /* one fixed person: no spread */
    kn_practitioner_traits t = traits_of(&p);
    assert_true(t.force_ratio == 1.0);
    assert_true(fabs(t.force_bias - 16.0) < 1e-12);
    assert_true(fabs(t.force_cv - 0.30) < 1e-12);
    assert_true(fabs(t.ramp_time - 0.05) < 1e-12);
    assert_true(fabs(t.drift - 0.020) < 1e-12);
    assert_true(t.pain_delay < 0.0);
  }
}

/* Peak force and fastest rise of a 60 N deep thumb stroke on the calf (10 s). */
static void calf_stroke(kn_practitioner who, int percentile, double *f_peak, double *rate,
                        int *eased) {
  plan p;
  plan_init(&p, who, 1);
  p.s.practitioner_percentile = percentile;
  plan_add(&p, KN_ACT_DEEP_STROKE, "calf", NULL, "thumb", 60.0, 10.0);
  sim s;
  sim_create(&s, &p.s);
  kn_run(s.m, s.d, NULL, NULL);
  const kn_outcome *o = kn_data_outcome(s.m, s.d);
  const kn_region_outcome *r = region_outcome(o, "calf");
  *f_peak = r->f_peak;
  *rate = r->force_rate_peak;
  *eased = (int)count_events(o, KN_EV_PRACTITIONER_EASED);
  sim_free(&s);
}

/* The median untrained partner's planned 60 N stays near the plan: the mean force is 0.80 x 60 N
 * and the variation is clamped at 3 SD, so the peak is at most 60 x 0.80 x (1 + 3 x 0.12) = 65.3 N
 * (knead 0.1.0: 139 N); the 95th-percentile partner presses harder and faster. */
static void test_median_partner_presses_near_the_plan(void **state) {
  (void)state;
  double f50, r50, f95, r95;
  int e50, e95;
  calf_stroke(KN_PRACTITIONER_UNTRAINED_PARTNER, 0, &f50, &r50, &e50);
  calf_stroke(KN_PRACTITIONER_UNTRAINED_PARTNER, 95, &f95, &r95, &e95);
  if (!(f50 <= 60.0 * 0.80 * (1.0 + 3.0 * 0.12) + 1e-9 && f50 >= 0.80 * 60.0))
    fail_msg("median partner: peak %g N", f50);
  if (!(f95 > 1.5 * f50 && r95 > 1.5 * r50))
    fail_msg("95th percentile %g N, %g N/s; median %g N, %g N/s", f95, r95, f50, r50);
  assert_int_equal(e95, 0); /* at the 95th percentile the partner is among those who never ease */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_seed_is_bit_identical),
      cmocka_unit_test(test_other_seed_changes_the_untrained_force_trace),
      cmocka_unit_test(test_interleaved_simulations_do_not_interfere),
      cmocka_unit_test(test_reset_reproduces_a_run),
      cmocka_unit_test(test_light_effleurage_is_harmless),
      cmocka_unit_test(test_standing_up),
      cmocka_unit_test(test_series_names_units_and_rows),
      cmocka_unit_test(test_series_keeps_peaks),
      cmocka_unit_test(test_rough_partner_presses_harder_and_more_abruptly),
      cmocka_unit_test(test_professional_eases_off_rough_partner_does_not),
      cmocka_unit_test(test_practitioner_draws_are_reproducible),
      cmocka_unit_test(test_drawn_partners_follow_the_profile),
      cmocka_unit_test(test_rough_partner_is_the_old_profile),
      cmocka_unit_test(test_median_partner_presses_near_the_plan),
      cmocka_unit_test(test_data_size_independent_of_length),
      cmocka_unit_test(test_series_streamed_whole_kept_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
