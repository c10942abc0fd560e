/* SPDX-License-Identifier: Apache-2.0 */
/* The safety monitor (knead/monitor.h): the same numbers as the simulator on the same contacts,
 * margins and times to limit that come true, every sensor fault with its defined response, the
 * memory it asks for, and determinism. */
#include "test_common.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "knead/knead.h"
#include "monitor/monitor_internal.h"
#include "sim/sim_internal.h"

/* ---- fixture: one model (the default subject), monitors in aligned static-like buffers ------- */

typedef struct fixture {
  kn_monitor_model *model;
  void *buf[2];
  kn_monitor *mon[2];
  kn_monitor_status st;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f || kn_monitor_model_create(NULL, &f->model) != KN_OK) return -1;
  for (int i = 0; i < 2; i++) {
    f->buf[i] = aligned_alloc(16, 16384);
    f->mon[i] = kn_monitor_init(f->model, f->buf[i], 16384);
    if (!f->mon[i]) return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  kn_monitor_model_free(f->model);
  free(f->buf[0]);
  free(f->buf[1]);
  free(f);
  return 0;
}

static int reset(void **state) {
  fixture *f = *state;
  kn_monitor_config c;
  kn_monitor_config_default(&c);
  for (int i = 0; i < 2; i++) {
    assert_int_equal(kn_monitor_configure(f->mon[i], &c), KN_OK);
    kn_monitor_reset(f->mon[i]);
  }
  return 0;
}

/* A thumb (132 mm^2) pressing with force N at a landmark. */
static kn_monitor_sample thumb_at(const char *landmark, double t, double force) {
  kn_monitor_sample s;
  kn_monitor_sample_init(&s, t);
  s.landmark = kn_atlas_find_landmark(landmark);
  assert_true(s.landmark >= 0);
  s.force = force;
  s.contact_type = kn_atlas_find_contact_type("thumb");
  return s;
}

static kn_monitor_sample palm_on(const char *region, double t, double force) {
  kn_monitor_sample s;
  kn_monitor_sample_init(&s, t);
  s.region = kn_atlas_find_region(region);
  assert_true(s.region >= 0);
  s.force = force;
  s.area = 6000e-6;
  return s;
}

static int has_event(const kn_monitor_status *st, kn_monitor_reason r, int raised) {
  for (size_t i = 0; i < st->nevent; i++)
    if (st->events[i].reason == r && st->events[i].raised == raised) return 1;
  return 0;
}

static const kn_monitor_site *find_site(const kn_monitor_status *st, kn_site_kind k, int site) {
  for (size_t i = 0; i < st->nsite; i++)
    if (st->sites[i].kind == k && st->sites[i].site == site) return &st->sites[i];
  return NULL;
}

/* ---- memory ---------------------------------------------------------------------------------- */

static void test_sizes_and_init(void **state) {
  (void)state;
  /* the budget: one contact point and the whole atlas in under 16 KiB of state */
  assert_true(kn_monitor_size() < 16 * 1024);
  assert_true(kn_monitor_size() >=
              sizeof(kn_monitor) + kn_atlas_nerve_count() * sizeof(kn_nerve_state));
  size_t msize = kn_monitor_model_size();
  assert_true(msize >
              kn_stress_table_size(KN_MON_STRESS_NRHO, KN_MON_STRESS_NZETA) * sizeof(double));

  /* a model in the caller's memory, no heap: the firmware path */
  void *mb = aligned_alloc(16, (msize + 15) & ~(size_t)15);
  kn_subject subj;
  kn_subject_default(&subj);
  assert_null(kn_monitor_model_init(NULL, mb, msize));
  assert_null(kn_monitor_model_init(&subj, mb, msize - 1));
  assert_null(kn_monitor_model_init(&subj, (char *)mb + 8, msize - 8)); /* misaligned */
  kn_monitor_model *m = kn_monitor_model_init(&subj, mb, msize);
  assert_non_null(m);
  _Alignas(16) static unsigned char sb[16384];
  assert_null(kn_monitor_init(NULL, sb, sizeof sb));
  assert_null(kn_monitor_init(m, sb, kn_monitor_size() - 1));
  assert_null(kn_monitor_init(m, sb + 4, sizeof sb - 4));
  kn_monitor *mon = kn_monitor_init(m, sb, sizeof sb);
  assert_ptr_equal(mon, (void *)sb);
  kn_monitor_config c;
  kn_monitor_config_default(&c);
  c.gap_max = c.period; /* must be at least 1.5 periods */
  assert_int_equal(kn_monitor_configure(mon, &c), KN_EINVAL);
  kn_monitor_config_default(&c);
  c.period = 0.0;
  assert_int_equal(kn_monitor_configure(mon, &c), KN_EINVAL);
  free(mb);
}

/* ---- the same harm path as the simulator ----------------------------------------------------- */

/* A session run by the simulator, its contacts fed step by step into a monitor: pressures on every
 * nerve and muscle, nerve states and muscle damage agree to rounding, including a nerve left to
 * recover while the hand works elsewhere (the monitor's closed-form catch-up). */
static void test_agrees_with_simulator(void **state) {
  fixture *f = *state;
  static const char text[] = "session:\n"
                             "  practitioner: untrained_partner\n"
                             "  seed: 4\n"
                             "  recovery: 0 s\n"
                             "  actions:\n"
                             "    - do: compression\n"
                             "      landmark: posterior_triangle\n"
                             "      contact: thumb\n"
                             "      force: 25 N\n"
                             "      duration: 6 s\n"
                             "    - do: petrissage\n"
                             "      region: neck_posterior\n"
                             "      contact: palm\n"
                             "      force: 40 N\n"
                             "      duration: 20 s\n"
                             "    - do: compression\n"
                             "      landmark: posterior_triangle\n"
                             "      contact: thumb\n"
                             "      force: 20 N\n"
                             "      duration: 4 s\n";
  kn_session *sess = NULL;
  kn_diag diag;
  assert_int_equal(kn_session_parse(text, sizeof text - 1, "agree.yaml", &sess, &diag), KN_OK);
  kn_model *m = NULL;
  kn_data *d = NULL;
  assert_int_equal(kn_model_create(NULL, sess, &m, &diag), KN_OK);
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  kn_monitor *mon = f->mon[0];
  int more = 1, steps = 0;
  double worst_p = 0.0;
  while (more) {
    more = kn_step(m, d);
    kn_monitor_sample s[4];
    int contact[4];
    size_t n = kn_sim_contact_samples(m, d, s, contact, 4, NULL);
    assert_true(n == 1 && contact[0] == 0);
    assert_int_equal(kn_monitor_push(mon, s, n, &f->st), KN_OK);
    steps++;
    /* the loaded nerves: same pressure (same path, same table) */
    for (int i = 0; i < m->nnerve; i++) {
      const kn_monitor_site *site = find_site(&f->st, KN_SITE_NERVE, m->nerves[i]);
      if (!site) {
        assert_true(d->nerve_p[i] == 0.0);
        continue;
      }
      assert_close(site->load, d->nerve_p[i], 1e-9 * (1.0 + d->nerve_p[i]));
      if (d->nerve_p[i] > worst_p) worst_p = d->nerve_p[i];
    }
    for (int k = 0; k < m->nmuscle; k++) {
      const kn_monitor_site *site = find_site(&f->st, KN_SITE_MUSCLE, m->muscles[k]);
      assert_close(site ? site->load : 0.0, d->muscle_p[k], 1e-9 * (1.0 + d->muscle_p[k]));
    }
  }
  assert_true(worst_p > 40 * KN_MMHG); /* the test did load a nerve */
  for (int i = 0; i < m->nnerve; i++) {
    const kn_nerve_state *a = &d->nerve_state[i];
    const kn_nerve_state *b = kn_monitor_nerve_state(mon, m->nerves[i]);
    assert_close(b->ischaemia, a->ischaemia, 1e-9);
    assert_close(b->ischaemia_peak, a->ischaemia_peak, 1e-12);
    assert_close(b->transport_dose, a->transport_dose, 1e-12);
    assert_close(b->injury_dose, a->injury_dose, 1e-12);
    assert_close(b->p_peak, a->p_peak, 1e-9 * a->p_peak);
    assert_int_equal(b->grade, a->grade);
  }
  for (int k = 0; k < m->nmuscle; k++)
    assert_close(f->mon[0]->tissue_state.muscles[m->muscles[k]].damage, d->muscle_state[k].damage,
                 1e-12);
  assert_close(kn_monitor_get_totals(mon)->soreness_load, d->soreness_load,
               1e-9 * d->soreness_load);
  assert_int_equal(kn_monitor_get_totals(mon)->samples, (uint64_t)steps);
  kn_data_free(d);
  kn_model_free(m);
  kn_session_free(sess);
}

/* ---- limits, margins, time to limit ---------------------------------------------------------- */

/* A force over the quasi-static ISO limit but under the transient one is allowed for 0.5 s: the
 * status counts down to it and the alarm comes when the contact turns 0.5 s old. */
static void test_iso_transient(void **state) {
  fixture *f = *state;
  kn_monitor *mon = f->mon[0];
  int r = kn_atlas_find_region("calf");
  const kn_iso_area *iso = kn_atlas_iso_area((size_t)kn_atlas_region((size_t)r)->iso_area);
  assert_int_equal(iso->transient_allowed, 1);
  double force = 1.5 * iso->f_max; /* between the limits */
  double t_alarm = -1.0;
  for (int i = 0; i < 700; i++) {
    kn_monitor_sample s = palm_on("calf", i * 1e-3, force);
    s.area = 0.015; /* pressure well under the limit: only force counts */
    assert_int_equal(kn_monitor_push(mon, &s, 1, &f->st), KN_OK);
    const kn_monitor_site *site = find_site(&f->st, KN_SITE_REGION, r);
    assert_non_null(site);
    if (i == 99) /* 100 samples = 0.1 s of contact: 0.4 s left */
      assert_close(site->time_to_limit[KN_LIMIT_ISO_FORCE], 0.4, 1e-9);
    if (t_alarm < 0.0 && has_event(&f->st, KN_MON_ISO_FORCE, 1)) t_alarm = f->st.t;
  }
  /* contact time reaches 0.5 s at the 500th sample (t = 0.499 s) */
  assert_close(t_alarm, 0.499, 1e-9);
  assert_true(f->st.level == KN_MON_LIMIT);

  /* a region where ISO allows no transient contact: at once */
  reset(state);
  int fh = kn_atlas_find_region("head_forehead");
  const kn_iso_area *iso2 = kn_atlas_iso_area((size_t)kn_atlas_region((size_t)fh)->iso_area);
  kn_monitor_sample s = palm_on("head_forehead", 0.0, 1.1 * iso2->f_max);
  s.area = 0.015;
  kn_monitor_push(mon, &s, 1, &f->st);
  assert_true(has_event(&f->st, KN_MON_ISO_FORCE, 1));
}

/* Pain: the margin is 1 - felt pressure / the subject's mean threshold, the felt pressure being
 * p (1 + gain s) with the summation s after one sample held (s = ratio (1 - e^(-dt / tau)),
 * worked out here from the table); pain becomes more likely than not at the log-normal median,
 * 0.90 of the mean at the calf's CV of 0.485. */
static void test_pain_margin(void **state) {
  fixture *f = *state;
  int r = kn_atlas_find_region("calf");
  double ppt = kn_atlas_region((size_t)r)->ppt_mean; /* default subject: scale 1 */
  double area = 1.32e-4; /* a thumb: the force stays under the ISO force limit */
  kn_monitor_sample s = palm_on("calf", 0.0, 0.85 * ppt * area);
  s.area = area;
  kn_monitor_push(f->mon[0], &s, 1, &f->st);
  const kn_monitor_site *site = find_site(&f->st, KN_SITE_REGION, r);
  kn_params par;
  kn_params_default(&par);
  kn_monitor_config cfg;
  kn_monitor_config_default(&cfg);
  double sum = 0.85 * (1.0 - exp(-cfg.period / par.pain_sum_time));
  assert_close(site->margin[KN_LIMIT_PAIN], 1.0 - 0.85 * (1.0 + par.pain_sum_gain * sum), 1e-9);
  assert_true(site->margin[KN_LIMIT_PAIN] < 0.15 && site->margin[KN_LIMIT_PAIN] > 0.1499);
  /* held, 0.85 of the mean reaches the mean when 0.85 (1 + gain s) = 1: s = (1/0.85 - 1) / gain,
   * reached from sum at tau ln((0.85 - sum) / (0.85 - s)) */
  double needed = (1.0 / 0.85 - 1.0) / par.pain_sum_gain;
  assert_close(site->time_to_limit[KN_LIMIT_PAIN],
               par.pain_sum_time * log((0.85 - sum) / (0.85 - needed)), 1e-6);
  assert_false(f->st.active & (1u << KN_MON_PAIN));
  assert_true(f->st.active & (1u << KN_MON_LOW_MARGIN)); /* 0.15 < warn_margin 0.2 */
  assert_int_equal(f->st.level, KN_MON_WARNING);
  s.t = 0.001;
  s.force = 1.05 * ppt * area;
  kn_monitor_push(f->mon[0], &s, 1, &f->st);
  assert_true(has_event(&f->st, KN_MON_PAIN, 1));
  assert_int_equal(f->st.level, KN_MON_LIMIT);
  /* lifted: the pain outlasts the hand (after-pain) and the condition clears when it fades under
   * one half: felt(t) = P0 e^(-(t - 0.001) / pain_after_time) with P0 the log-normal probability
   * of 1.05 x the mean (summation after 2 ms is negligible here: < 1e-4 of the pressure), worked
   * out with the formula, not the model's function */
  const kn_region *calf = kn_atlas_region((size_t)r);
  double cv = calf->ppt_sd / calf->ppt_mean, s2 = log(1.0 + cv * cv);
  double p0 = 0.5 * erfc(-(log(1.05) + 0.5 * s2) / sqrt(2.0 * s2));
  assert_true(p0 > 0.5);
  double t_close = 0.001 + par.pain_after_time * log(p0 / 0.5);
  s.force = 0.0;
  double closed = -1.0;
  for (int i = 2; closed < 0.0 && i < 100000; i++) {
    s.t = 0.001 * i;
    kn_monitor_push(f->mon[0], &s, 1, &f->st);
    if (has_event(&f->st, KN_MON_PAIN, 0)) closed = s.t;
  }
  assert_true(closed > t_close - 0.0015 && closed < t_close + 0.0015);
  assert_int_equal(f->st.level, KN_MON_OK);
}

/* Under a constant load the predicted times to the nerve's limits come true: the dose alarms are
 * raised within one sample of the time the first status predicted. The injury rate also matches
 * the published dose law computed here from the parameter list. */
static void test_time_to_limit_comes_true(void **state) {
  fixture *f = *state;
  kn_monitor *mon = f->mon[0];
  kn_monitor_config c;
  kn_monitor_config_default(&c);
  c.period = 0.05; /* 50 ms samples: the 1.8 h to a transport block in few pushes */
  assert_int_equal(kn_monitor_configure(mon, &c), KN_OK);
  int nv = kn_atlas_find_nerve("spinal_accessory");
  double predicted[KN_LIMIT_COUNT], raised[KN_LIMIT_COUNT];
  for (int l = 0; l < KN_LIMIT_COUNT; l++)
    raised[l] = -1.0;
  static const struct {
    kn_monitor_reason r;
    kn_monitor_limit l;
  } watch[] = {{KN_MON_NERVE_PARESTHESIA, KN_LIMIT_NERVE_ISCHAEMIA},
               {KN_MON_NERVE_TRANSPORT, KN_LIMIT_NERVE_TRANSPORT},
               {KN_MON_NERVE_INJURY, KN_LIMIT_NERVE_INJURY}};
  double p_nerve = 0.0, len = 0.0;
  for (int i = 0; i < 140000; i++) {
    kn_monitor_sample s = thumb_at("posterior_triangle", i * 0.05, 12.0);
    assert_int_equal(kn_monitor_push(mon, &s, 1, &f->st), KN_OK);
    const kn_monitor_site *site = find_site(&f->st, KN_SITE_NERVE, nv);
    assert_non_null(site);
    if (i == 0) {
      for (int l = 0; l < KN_LIMIT_COUNT; l++) /* after the first 50 ms of load */
        predicted[l] = site->time_to_limit[l] + 0.05;
      p_nerve = site->load;
      len = mon->mech.nerve_len[nv];
    }
    for (size_t w = 0; w < sizeof watch / sizeof watch[0]; w++)
      if (raised[watch[w].l] < 0.0 && has_event(&f->st, watch[w].r, 1))
        raised[watch[w].l] = f->st.t + 0.05; /* the sample closes its interval */
    if (raised[KN_LIMIT_NERVE_INJURY] > 0.0 && raised[KN_LIMIT_NERVE_ISCHAEMIA] > 0.0 &&
        raised[KN_LIMIT_NERVE_TRANSPORT] > 0.0)
      break;
  }
  for (size_t w = 0; w < sizeof watch / sizeof watch[0]; w++) {
    kn_monitor_limit l = watch[w].l;
    assert_true(isfinite(predicted[l]) && raised[l] > 0.0);
    assert_close(raised[l], predicted[l], 0.0501);
  }
  /* dose law: x = (p * min(1, edge / L) - p_safe) / (p_ref - p_safe), saturating as
   * G tanh(x / G) / (G tanh(1 / G)) per reference time, G = 16 */
  double edge = 10e-3 / len < 1.0 ? 10e-3 / len : 1.0;
  double x = (p_nerve * edge - 50 * KN_MMHG) / (30 * KN_MMHG);
  double rate = tanh(x / 16.0) / tanh(1.0 / 16.0) / 7200.0;
  assert_close(predicted[KN_LIMIT_NERVE_INJURY], 1.0 / rate, 0.01);
}

/* Muscle cell death: time to limit is the exposure Linder-Ganz's sigmoid allows at that pressure.
 */
static void test_muscle_damage_time(void **state) {
  fixture *f = *state;
  kn_monitor *mon = f->mon[0];
  kn_monitor_config c;
  kn_monitor_config_default(&c);
  c.period = 0.05;
  kn_monitor_configure(mon, &c);
  int k = kn_atlas_find_muscle("upper_trapezius");
  const kn_muscle *mu = kn_atlas_muscle((size_t)k);
  kn_monitor_sample s = palm_on(kn_atlas_region((size_t)mu->region)->name, 0.0, 400.0);
  s.x = mu->x, s.y = mu->y;
  s.area = 0.0025;
  double predicted = -1.0, raised = -1.0;
  for (int i = 0; i < 200000 && raised < 0.0; i++) {
    s.t = i * 0.05;
    kn_monitor_push(mon, &s, 1, &f->st);
    const kn_monitor_site *site = find_site(&f->st, KN_SITE_MUSCLE, k);
    if (i == 0) {
      predicted = site->time_to_limit[KN_LIMIT_MUSCLE_DAMAGE] + 0.05;
      assert_true(site->load > 32e3); /* above the 15-min threshold: death after 15 min */
    }
    if (has_event(&f->st, KN_MON_MUSCLE_DAMAGE, 1)) raised = s.t + 0.05;
  }
  assert_close(predicted, 15 * 60.0, 1e-6);
  assert_close(raised, predicted, 0.051);
}

/* ---- sensor faults: each has its response ---------------------------------------------------- */

/* Every per-site state of a monitor (all that its buffer holds after the struct: regions, nerves,
 * muscles and the stages' arrays), the clock and the contacts, to check a rejected push changed
 * none of them. */
static void snapshot(const kn_monitor *mon, unsigned char *out, size_t *len) {
  size_t head = (size_t)((const char *)mon->regions - (const char *)mon);
  size_t n = kn_monitor_size() - head;
  assert_true(head >= sizeof *mon && n > kn_atlas_nerve_count() * sizeof(kn_nerve_state));
  memcpy(out, mon->regions, n);
  memcpy(out + n, &mon->t_prev, sizeof mon->t_prev);
  n += sizeof mon->t_prev;
  memcpy(out + n, mon->contacts, sizeof mon->contacts);
  *len = n + sizeof mon->contacts;
}

static void expect_rejected(fixture *f, const kn_monitor_sample *s, size_t n,
                            kn_monitor_reason why) {
  static unsigned char before[16384], after[16384];
  size_t lb, la;
  snapshot(f->mon[0], before, &lb);
  uint64_t rejected = kn_monitor_get_totals(f->mon[0])->rejected;
  assert_int_equal(kn_monitor_push(f->mon[0], s, n, &f->st), KN_ERANGE);
  assert_int_equal(f->st.level, KN_MON_FAULT);
  assert_int_equal(f->st.reason, why);
  assert_true(has_event(&f->st, why, 1));
  assert_true(f->st.margin <= 0.0); /* no margin is vouched for */
  snapshot(f->mon[0], after, &la);
  assert_int_equal(la, lb);
  assert_memory_equal(before, after, la);
  assert_int_equal(kn_monitor_get_totals(f->mon[0])->rejected, rejected + 1);
}

static void test_fault_nonfinite(void **state) {
  fixture *f = *state;
  kn_monitor_sample s = thumb_at("posterior_triangle", 0.0, 10.0);
  kn_monitor_push(f->mon[0], &s, 1, &f->st); /* a good sample first: state to protect */
  s.t = 0.001;
  s.force = NAN;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.force = INFINITY;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.force = 10.0;
  s.t = NAN;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.t = INFINITY;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.t = 0.001;
  s.area = -INFINITY;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.area = NAN;
  s.x = INFINITY;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.x = NAN;
  s.shear = INFINITY;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  s.shear = NAN;
  s.velocity = -INFINITY;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NONFINITE);
  /* the next good sample goes on as if the bad ones had not come */
  s.velocity = NAN;
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  assert_int_equal(kn_monitor_get_totals(f->mon[0])->faults[KN_MON_FAULT_NONFINITE], 8);
}

/* Above the physical bound a number is not a load: 1e200 N once made every dose and margin NaN. */
static void test_fault_range(void **state) {
  fixture *f = *state;
  kn_monitor_sample s = thumb_at("posterior_triangle", 0.0, 10.0);
  kn_monitor_push(f->mon[0], &s, 1, &f->st);
  s.t = 0.001;
  static const double too_big[] = {1e200, 1e308, DBL_MAX, KN_MONITOR_FORCE_MAX * (1.0 + 1e-9)};
  for (size_t i = 0; i < sizeof too_big / sizeof too_big[0]; i++) {
    s.force = too_big[i];
    expect_rejected(f, &s, 1, KN_MON_FAULT_RANGE);
  }
  s.force = 10.0;
  s.shear = -1e200; /* a shear's sign is a direction; its size is bounded all the same */
  expect_rejected(f, &s, 1, KN_MON_FAULT_RANGE);
  s.shear = KN_MONITOR_SHEAR_MAX * 1.001;
  expect_rejected(f, &s, 1, KN_MON_FAULT_RANGE);
  /* at the bound the sample is a load (far over every limit), not a fault */
  s.shear = NAN;
  s.force = KN_MONITOR_FORCE_MAX;
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  assert_int_equal(f->st.level, KN_MON_LIMIT);
  assert_int_equal(kn_monitor_get_totals(f->mon[0])->faults[KN_MON_FAULT_RANGE], 6);
  assert_string_equal(kn_monitor_reason_name(KN_MON_FAULT_RANGE), "fault_range");
  /* an embedder may set a tighter bound; an absurd one is refused */
  kn_monitor_config c;
  kn_monitor_config_default(&c);
  assert_true(c.force_max == KN_MONITOR_FORCE_MAX && c.shear_max == KN_MONITOR_SHEAR_MAX);
  c.force_max = 500.0;
  assert_int_equal(kn_monitor_configure(f->mon[0], &c), KN_OK);
  s.t = 0.002;
  s.force = 600.0;
  expect_rejected(f, &s, 1, KN_MON_FAULT_RANGE);
  c.force_max = 0.0;
  assert_int_equal(kn_monitor_configure(f->mon[0], &c), KN_EINVAL);
  c.force_max = INFINITY;
  assert_int_equal(kn_monitor_configure(f->mon[0], &c), KN_EINVAL);
  c.force_max = 500.0;
  c.shear_max = NAN;
  assert_int_equal(kn_monitor_configure(f->mon[0], &c), KN_EINVAL);
}

/* Every number a status, a site or the totals give is finite (time to limit may be +infinity:
 * "never"), whatever a sensor sends: extreme forces, shears, areas, positions and clocks, at random
 * but reproducibly. */
static void expect_site_finite(const kn_monitor_site *s) {
  assert_true(isfinite(s->load));
  for (int l = 0; l < KN_LIMIT_COUNT; l++) {
    if (!isfinite(s->margin[l])) fail_msg("site %d limit %d: margin %g", s->site, l, s->margin[l]);
    if (isnan(s->time_to_limit[l]) || s->time_to_limit[l] < 0.0)
      fail_msg("site %d limit %d: time to limit %g", s->site, l, s->time_to_limit[l]);
  }
}

static void expect_finite(kn_monitor *mon, const kn_monitor_status *st, int accepted) {
  if (accepted) assert_true(isfinite(st->t));
  assert_true(isfinite(st->margin));
  assert_false(isnan(st->time_to_limit));
  assert_true(isfinite(st->force) && isfinite(st->force_rate) && isfinite(st->jerk));
  assert_true(isfinite(st->onset) && isfinite(st->quality));
  for (size_t i = 0; i < st->nsite; i++)
    expect_site_finite(&st->sites[i]);
  for (size_t i = 0; i < st->nevent; i++)
    if (!isfinite(st->events[i].value))
      fail_msg("event %s: value %g", kn_monitor_reason_name(st->events[i].reason),
               st->events[i].value);
  const kn_monitor_totals *t = kn_monitor_get_totals(mon);
  assert_true(isfinite(t->t_first) && isfinite(t->t_last) && isfinite(t->t_limit));
  assert_true(isfinite(t->t_warning) && isfinite(t->soreness_load) && isfinite(t->min_margin));
}

static uint64_t lcg(uint64_t *x) {
  *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
  return *x >> 33;
}

static double pick(uint64_t *x, const double *v, size_t n) {
  return v[lcg(x) % n];
}

static void test_outputs_stay_finite(void **state) {
  fixture *f = *state;
  kn_monitor *mon = f->mon[0];
  static const double forces[] = {0.0,    1e-300, 1.0,   40.0,     400.0,   1999.0,
                                  2000.0, 2001.0, 1e200, 1e308,    DBL_MAX, -DBL_MAX,
                                  -0.4,   -1.0,   NAN,   INFINITY, 5e-324,  300.0};
  static const double loads[] = {0.0, 5e-324, 1.0, 40.0, 300.0, 1999.0, 2000.0};
  static const double shears[] = {NAN, 0.0, 1.0, -1999.0, 2000.0, 1e200, DBL_MAX, 150.0};
  static const double speeds[] = {NAN, 0.0, 0.1, 1e308, -1e308, 5e-324};
  static const double areas[] = {NAN, 1e-300, 1e-6, 1.32e-4, 6e-3, 0.05, 1e300, DBL_MAX};
  static const double places[] = {NAN, 0.0, 0.01, -0.05, 1e308, -1e308};
  static const double steps[] = {1e-3, 1e-3, 1e-3, 2e-3, 0.05, 0.5, 0.0, -1e-3, 1e9, 1e300, -1e300};
  uint64_t x = 12345;
  double t = 0.0;
  size_t accepted = 0;
  for (int k = 0; k < 20000; k++) {
    kn_monitor_sample s[KN_MONITOR_MAX_CONTACTS];
    /* a third wild samples, a third plausible ones with any force, a third plausible loads */
    int wild = lcg(&x) % 3 == 0, any_force = !wild && lcg(&x) % 2;
    size_t n = wild ? 1 + lcg(&x) % KN_MONITOR_MAX_CONTACTS : 1;
    double step = pick(&x, steps, sizeof steps / sizeof steps[0]);
    if (isfinite(t + step)) t += step;
    for (size_t i = 0; i < n; i++) {
      kn_monitor_sample_init(&s[i], t);
      if (lcg(&x) % 2)
        s[i].region = (int)(lcg(&x) % kn_atlas_region_count());
      else
        s[i].landmark = (int)(lcg(&x) % kn_atlas_landmark_count());
      s[i].x = pick(&x, places, sizeof places / sizeof places[0]);
      s[i].y = pick(&x, places, sizeof places / sizeof places[0]);
      if (wild || any_force)
        s[i].force = pick(&x, forces, sizeof forces / sizeof forces[0]);
      else
        s[i].force = pick(&x, loads, sizeof loads / sizeof loads[0]);
      if (wild) {
        s[i].shear = pick(&x, shears, sizeof shears / sizeof shears[0]);
        s[i].velocity = pick(&x, speeds, sizeof speeds / sizeof speeds[0]);
        s[i].area = pick(&x, areas, sizeof areas / sizeof areas[0]);
      } else {
        s[i].velocity = lcg(&x) % 2 ? 0.1 : NAN;
      }
      if (isnan(s[i].area)) s[i].contact_type = (int)(lcg(&x) % kn_atlas_contact_type_count());
    }
    int rc = kn_monitor_push(mon, s, n, &f->st);
    accepted += rc == KN_OK;
    expect_finite(mon, &f->st, rc == KN_OK);
  }
  assert_true(accepted > 1000); /* the loads were taken, not only refused */
  assert_true(kn_monitor_get_totals(mon)->faults[KN_MON_FAULT_RANGE] > 0);
  /* every site, loaded or not, and every nerve's state */
  kn_monitor_site site;
  for (int r = 0; r < (int)kn_atlas_region_count(); r++) {
    assert_int_equal(kn_monitor_site_status(mon, KN_SITE_REGION, r, &site), KN_OK);
    expect_site_finite(&site);
    assert_int_equal(kn_monitor_site_worst(mon, KN_SITE_REGION, r, &site), KN_OK);
    expect_site_finite(&site);
  }
  for (int n = 0; n < (int)kn_atlas_nerve_count(); n++) {
    assert_int_equal(kn_monitor_site_status(mon, KN_SITE_NERVE, n, &site), KN_OK);
    expect_site_finite(&site);
    const kn_nerve_state *ns = kn_monitor_nerve_state(mon, n);
    assert_true(isfinite(ns->p_peak) && isfinite(ns->ischaemia_peak));
    assert_true(isfinite(ns->transport_dose) && isfinite(ns->injury_dose));
  }
  for (int m = 0; m < (int)kn_atlas_muscle_count(); m++) {
    assert_int_equal(kn_monitor_site_status(mon, KN_SITE_MUSCLE, m, &site), KN_OK);
    expect_site_finite(&site);
  }
}

static void test_fault_negative_force(void **state) {
  fixture *f = *state;
  kn_monitor_sample s = thumb_at("posterior_triangle", 0.0, -0.3); /* offset noise: no contact */
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  assert_int_equal(f->st.level, KN_MON_OK);
  assert_int_equal(f->st.nsite, 0);
  s.t = 0.001;
  s.force = -5.0;
  expect_rejected(f, &s, 1, KN_MON_FAULT_NEGATIVE_FORCE);
}

static void test_fault_area_and_location(void **state) {
  fixture *f = *state;
  kn_monitor_sample s = palm_on("calf", 0.0, 20.0);
  s.area = 0.0;
  expect_rejected(f, &s, 1, KN_MON_FAULT_AREA);
  s.area = -1e-4;
  expect_rejected(f, &s, 1, KN_MON_FAULT_AREA);
  s.area = 1.0; /* a square metre of hand */
  expect_rejected(f, &s, 1, KN_MON_FAULT_AREA);
  s.area = 1e-7; /* a needle */
  expect_rejected(f, &s, 1, KN_MON_FAULT_AREA);
  s.area = NAN; /* neither area nor contact type */
  expect_rejected(f, &s, 1, KN_MON_FAULT_AREA);
  s.area = 6e-3;
  s.region = 10000;
  expect_rejected(f, &s, 1, KN_MON_FAULT_LOCATION);
  s.region = -1; /* pressing, nowhere */
  expect_rejected(f, &s, 1, KN_MON_FAULT_LOCATION);
  s = thumb_at("posterior_triangle", 0.0, 10.0);
  s.region = kn_atlas_find_region("calf"); /* the landmark is on the neck */
  expect_rejected(f, &s, 1, KN_MON_FAULT_LOCATION);
  s.region = -1;
  s.contact_type = 99;
  expect_rejected(f, &s, 1, KN_MON_FAULT_LOCATION);
}

static void test_fault_contacts(void **state) {
  fixture *f = *state;
  kn_monitor_sample s[5];
  for (int i = 0; i < 5; i++)
    s[i] = palm_on("calf", 0.0, 10.0);
  expect_rejected(f, s, 0, KN_MON_FAULT_CONTACTS);
  expect_rejected(f, s, 5, KN_MON_FAULT_CONTACTS);
  expect_rejected(f, NULL, 1, KN_MON_FAULT_CONTACTS);
  s[1].t = 0.5; /* two contacts of one push at different times */
  expect_rejected(f, s, 2, KN_MON_FAULT_CONTACTS);
  assert_int_equal(kn_monitor_push(NULL, s, 1, &f->st), KN_EINVAL);
  assert_int_equal(kn_monitor_push(f->mon[0], s, 1, NULL), KN_EINVAL);
  /* two hands on one region: the nerve pressures add (linear elasticity), as in the simulator */
  kn_monitor_sample two[2] = {thumb_at("posterior_triangle", 0.0, 10.0),
                              thumb_at("posterior_triangle", 0.0, 10.0)};
  assert_int_equal(kn_monitor_push(f->mon[0], two, 1, &f->st), KN_OK);
  int nv = kn_atlas_find_nerve("spinal_accessory");
  double one = find_site(&f->st, KN_SITE_NERVE, nv)->load;
  two[0].t = two[1].t = 0.001;
  assert_int_equal(kn_monitor_push(f->mon[0], two, 2, &f->st), KN_OK);
  assert_close(find_site(&f->st, KN_SITE_NERVE, nv)->load, 2.0 * one, 1e-9 * one);
}

/* Time going backwards: rejected; after rebase_after in a row the clock is taken as restarted. */
static void test_fault_time_backwards(void **state) {
  fixture *f = *state;
  kn_monitor_sample s = palm_on("calf", 1.000, 10.0);
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  s.t = 1.001;
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  s.t = 1.001; /* the same time again */
  expect_rejected(f, &s, 1, KN_MON_FAULT_TIME_BACKWARDS);
  s.t = 0.500;
  expect_rejected(f, &s, 1, KN_MON_FAULT_TIME_BACKWARDS);
  s.t = 0.501; /* the third in a row: restarted clock */
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  assert_true(f->st.active & (1u << KN_MON_FAULT_TIME_BACKWARDS));
  assert_int_equal(f->st.level, KN_MON_WARNING);
  s.t = 0.502;
  assert_int_equal(kn_monitor_push(f->mon[0], &s, 1, &f->st), KN_OK);
  assert_int_equal(f->st.level, KN_MON_OK); /* on the new clock, nothing amiss */
  /* the contact went on: 4 accepted samples of 1 ms */
  assert_close(f->mon[0]->contacts[0].t_contact, 0.004, 1e-12);
}

/* Dropped samples hold the load over the gap; a clock jump integrates one period only. Checked
 * against monitors fed every sample. */
static void test_fault_gaps(void **state) {
  fixture *f = *state;
  int nv = kn_atlas_find_nerve("spinal_accessory");
  kn_monitor *a = f->mon[0], *b = f->mon[1];
  /* dropped: 0 and 0.050 against every ms from 0 to 0.050 */
  kn_monitor_sample s = thumb_at("posterior_triangle", 0.0, 15.0);
  kn_monitor_push(a, &s, 1, &f->st);
  s.t = 0.050;
  assert_int_equal(kn_monitor_push(a, &s, 1, &f->st), KN_OK);
  assert_true(f->st.active & (1u << KN_MON_FAULT_DROPPED));
  assert_int_equal(kn_monitor_get_totals(a)->faults[KN_MON_FAULT_DROPPED], 1);
  for (int i = 0; i <= 50; i++) {
    s.t = i * 1e-3;
    kn_monitor_push(b, &s, 1, &f->st);
  }
  double da = kn_monitor_nerve_state(a, nv)->injury_dose;
  double db = kn_monitor_nerve_state(b, nv)->injury_dose;
  assert_true(db > 0.0);
  assert_close(da, db, 1e-9 * db);

  /* a jump of 10 s: accepted, FAULT, and counted as one period, not ten seconds of load */
  reset(state);
  s.t = 0.0;
  kn_monitor_push(a, &s, 1, &f->st);
  s.t = 10.0;
  assert_int_equal(kn_monitor_push(a, &s, 1, &f->st), KN_OK);
  assert_int_equal(f->st.level, KN_MON_FAULT);
  assert_int_equal(f->st.reason, KN_MON_FAULT_TIME_JUMP);
  s.t = 10.001;
  assert_int_equal(kn_monitor_push(a, &s, 1, &f->st), KN_OK);
  assert_false(f->st.active & (1u << KN_MON_FAULT_TIME_JUMP));
  for (int i = 0; i < 3; i++) {
    s.t = i * 1e-3;
    kn_monitor_push(b, &s, 1, &f->st);
  }
  da = kn_monitor_nerve_state(a, nv)->injury_dose;
  db = kn_monitor_nerve_state(b, nv)->injury_dose;
  assert_close(da, db, 1e-9 * db);
}

/* A sensor that falls silent: the watchdog says so once gap_max has passed. */
static void test_watchdog(void **state) {
  fixture *f = *state;
  kn_monitor_sample s = palm_on("calf", 2.0, 10.0);
  kn_monitor_push(f->mon[0], &s, 1, &f->st);
  assert_int_equal(kn_monitor_watchdog(f->mon[0], 2.05, &f->st), KN_OK);
  assert_int_equal(f->st.level, KN_MON_OK);
  assert_int_equal(kn_monitor_watchdog(f->mon[0], 2.2, &f->st), KN_OK);
  assert_int_equal(f->st.level, KN_MON_FAULT);
  assert_int_equal(f->st.reason, KN_MON_FAULT_SILENT);
}

/* ---- stroke quality
 * ------------------------------------------------------------------------------
 */

static void test_abrupt_onset(void **state) {
  fixture *f = *state;
  int k = kn_atlas_find_muscle("gastrocnemius_medial");
  if (k < 0) k = kn_atlas_find_muscle("upper_trapezius");
  const kn_muscle *mu = kn_atlas_muscle((size_t)k);
  const char *region = kn_atlas_region((size_t)mu->region)->name;
  /* a smooth one-second ramp to 40 N */
  double worst_quality = 1.0;
  for (int i = 0; i <= 1000; i++) {
    kn_monitor_sample s = palm_on(region, i * 1e-3, 40.0 * i / 1000.0);
    s.x = mu->x, s.y = mu->y;
    kn_monitor_push(f->mon[0], &s, 1, &f->st);
    assert_false(f->st.active & (1u << KN_MON_ABRUPT_ONSET));
    if (f->st.quality < worst_quality) worst_quality = f->st.quality;
  }
  assert_true(worst_quality > 0.5);
  /* the same 40 N in one millisecond: a tendon tap */
  reset(state);
  kn_monitor_sample s = palm_on(region, 0.0, 0.0);
  kn_monitor_push(f->mon[0], &s, 1, &f->st);
  s = palm_on(region, 0.001, 40.0);
  s.x = mu->x, s.y = mu->y;
  kn_monitor_push(f->mon[0], &s, 1, &f->st);
  assert_true(has_event(&f->st, KN_MON_ABRUPT_ONSET, 1));
  assert_int_equal(f->st.quality, 0.0);
  assert_true(f->st.level >= KN_MON_WARNING);
  assert_close(f->st.force_rate, 40.0 / 1e-3, 1e-6);
  assert_close(f->st.jerk, 40.0 / 1e-6, 1e-3);
}

/* ---- determinism
 * ---------------------------------------------------------------------------------
 */

static void test_two_monitors_identical(void **state) {
  fixture *f = *state;
  static kn_monitor_status sa, sb;
  for (int i = 0; i < 3000; i++) {
    double t = i * 1e-3;
    kn_monitor_sample s = thumb_at("posterior_triangle", t, 15.0 + 10.0 * sin(6.0 * t));
    if (i % 700 == 5) s.force = NAN; /* faults too */
    memset(&sa, 0, sizeof sa);
    memset(&sb, 0, sizeof sb);
    int ra = kn_monitor_push(f->mon[0], &s, 1, &sa);
    int rb = kn_monitor_push(f->mon[1], &s, 1, &sb);
    assert_int_equal(ra, rb);
    assert_memory_equal(&sa, &sb, sizeof sa);
  }
  /* and after a reset, the same again */
  kn_monitor_reset(f->mon[0]);
  kn_monitor_sample s = thumb_at("posterior_triangle", 0.0, 15.0);
  kn_monitor_push(f->mon[0], &s, 1, &sa);
  kn_monitor_reset(f->mon[1]);
  kn_monitor_push(f->mon[1], &s, 1, &sb);
  assert_memory_equal(&sa, &sb, sizeof sa);
}

/* Queries of any site, loaded or not; bad indices are refused. */
static void test_site_queries(void **state) {
  fixture *f = *state;
  int nv = kn_atlas_find_nerve("spinal_accessory");
  kn_monitor_site site;
  for (int i = 0; i < 2000; i++) {
    kn_monitor_sample s = thumb_at("posterior_triangle", i * 1e-3, 20.0);
    kn_monitor_push(f->mon[0], &s, 1, &f->st);
  }
  assert_int_equal(kn_monitor_site_status(f->mon[0], KN_SITE_NERVE, nv, &site), KN_OK);
  double loaded_margin = site.margin[KN_LIMIT_NERVE_ISCHAEMIA];
  assert_true(loaded_margin < 1.0);
  /* move to the calf for a minute: the neck nerve recovers, as the query shows */
  for (int i = 0; i < 60; i++) {
    kn_monitor_sample s = palm_on("calf", 2.0 + i, 10.0);
    kn_monitor_config c;
    kn_monitor_config_default(&c);
    c.period = 1.0;
    c.gap_max = 2.0;
    kn_monitor_configure(f->mon[0], &c);
    kn_monitor_push(f->mon[0], &s, 1, &f->st);
  }
  assert_int_equal(kn_monitor_site_status(f->mon[0], KN_SITE_NERVE, nv, &site), KN_OK);
  assert_true(site.margin[KN_LIMIT_NERVE_ISCHAEMIA] > loaded_margin);
  assert_int_equal(kn_monitor_site_worst(f->mon[0], KN_SITE_NERVE, nv, &site), KN_OK);
  assert_close(site.margin[KN_LIMIT_NERVE_ISCHAEMIA], loaded_margin, 1e-12);
  assert_int_equal(kn_monitor_site_status(f->mon[0], KN_SITE_NERVE, 999, &site), KN_ENOTFOUND);
  assert_int_equal(kn_monitor_site_status(f->mon[0], KN_SITE_REGION, -1, &site), KN_ENOTFOUND);
  assert_null(kn_monitor_nerve_state(f->mon[0], -1));
}

static void test_names(void **state) {
  (void)state;
  /* the conditions and doses carry the names of knead simulate's events */
  assert_string_equal(kn_monitor_reason_name(KN_MON_ISO_PRESSURE),
                      kn_event_kind_name(KN_EV_ISO_PRESSURE));
  assert_string_equal(kn_monitor_reason_name(KN_MON_BRUISE_RISK),
                      kn_event_kind_name(KN_EV_BRUISE_RISK));
  assert_string_equal(kn_monitor_reason_name(KN_MON_NERVE_BLOCK),
                      kn_event_kind_name(KN_EV_NERVE_BLOCK));
  assert_string_equal(kn_monitor_reason_name(KN_MON_NERVE_SEVERE),
                      kn_event_kind_name(KN_EV_NERVE_SEVERE));
  assert_string_equal(kn_monitor_reason_name(KN_MON_MUSCLE_DAMAGE),
                      kn_event_kind_name(KN_EV_MUSCLE_DAMAGE));
  assert_string_equal(kn_monitor_reason_name(KN_MON_REASON_COUNT), "?");
  assert_string_equal(kn_monitor_limit_name(KN_LIMIT_MUSCLE_DAMAGE), "muscle_damage");
  assert_string_equal(kn_monitor_level_name(KN_MON_FAULT), "fault");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sizes_and_init),
      cmocka_unit_test(test_names),
      cmocka_unit_test_setup(test_agrees_with_simulator, reset),
      cmocka_unit_test_setup(test_iso_transient, reset),
      cmocka_unit_test_setup(test_pain_margin, reset),
      cmocka_unit_test_setup(test_time_to_limit_comes_true, reset),
      cmocka_unit_test_setup(test_muscle_damage_time, reset),
      cmocka_unit_test_setup(test_fault_nonfinite, reset),
      cmocka_unit_test_setup(test_fault_range, reset),
      cmocka_unit_test_setup(test_outputs_stay_finite, reset),
      cmocka_unit_test_setup(test_fault_negative_force, reset),
      cmocka_unit_test_setup(test_fault_area_and_location, reset),
      cmocka_unit_test_setup(test_fault_contacts, reset),
      cmocka_unit_test_setup(test_fault_time_backwards, reset),
      cmocka_unit_test_setup(test_fault_gaps, reset),
      cmocka_unit_test_setup(test_watchdog, reset),
      cmocka_unit_test_setup(test_abrupt_onset, reset),
      cmocka_unit_test_setup(test_two_monitors_identical, reset),
      cmocka_unit_test_setup(test_site_queries, reset),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
