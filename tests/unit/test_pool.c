/* SPDX-License-Identifier: Apache-2.0 */
/* Motor-unit pool (Fuglevand 1993 with persistent inward currents): unit properties, rate law,
 * twitch-tetanus gain, twitch shape, fusion, force normalisation, cost of a relaxed pool, PICs,
 * stimulation, determinism. Expected values are computed here from the published formulas, not
 * read back from the pool. */
#include "test_common.h"

#include <stdio.h>
#include <string.h>

#include "knead/neuromuscular.h"
#include "neuromuscular/pool_internal.h"

#define DT 1e-3

static _Alignas(16) unsigned char mem_a[1 << 15];
static _Alignas(16) unsigned char mem_b[1 << 15];
static _Alignas(16) unsigned char mem_c[1 << 15];

static kn_pool *make(void *mem, size_t size, const kn_pool_params *p, uint64_t seed) {
  assert_true(kn_pool_size(p->n) <= size);
  kn_pool *pool = kn_pool_init(mem, size, p, DT, seed);
  assert_non_null(pool);
  return pool;
}

static kn_pool *default_pool(void) {
  kn_pool_params p;
  kn_pool_params_default(&p);
  return make(mem_a, sizeof mem_a, &p, 1);
}

/* Steps n times at constant input; returns the last output. */
static kn_pool_output hold(kn_pool *pool, double e, double seconds) {
  kn_pool_input in = {.excitation = e, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o = {0};
  long n = lround(seconds / DT);
  for (long i = 0; i < n; i++)
    kn_pool_step(pool, &in, &o);
  return o;
}

/* Mean force over `seconds` at constant excitation after `settle` seconds. */
static double mean_force(kn_pool *pool, double e, double settle, double seconds) {
  hold(pool, e, settle);
  kn_pool_input in = {.excitation = e, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  long n = lround(seconds / DT);
  double sum = 0.0;
  for (long i = 0; i < n; i++) {
    kn_pool_step(pool, &in, &o);
    sum += o.force;
  }
  return sum / (double)n;
}

/* Fuglevand's gain written out from the paper's formula. */
static double paper_gain(double x) {
  if (x <= 0.4) return 1.0;
  return ((1.0 - exp(-2.0 * x * x * x)) / x) / ((1.0 - exp(-2.0 * 0.4 * 0.4 * 0.4)) / 0.4);
}

static int count_below(const kn_pool *pool, int n, double e) {
  int c = 0;
  for (int i = 0; i < n; i++)
    c += kn_pool_threshold(pool, i) <= e;
  return c;
}

/* ---- unit properties ------------------------------------------------------------------------ */

static void thresholds_and_ranges(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  kn_pool *pool = default_pool();
  int n = p.n;
  assert_close(kn_pool_threshold(pool, 0), 1.0, 0.0); /* the excitation scale: exactly 1 */
  assert_close(kn_pool_threshold(pool, n - 1), p.rr, 1e-12);
  double ratio = pow(p.rr, 1.0 / (n - 1)); /* exponential spacing: many small, few large */
  double c = log(p.rp) / log(p.rt);
  for (int i = 0; i < n; i++) {
    if (i > 0)
      assert_close(kn_pool_threshold(pool, i) / kn_pool_threshold(pool, i - 1), ratio, 1e-12);
    double P = kn_pool_twitch_force(pool, i);
    assert_close(kn_pool_contraction_time(pool, i), p.tl * pow(1.0 / P, 1.0 / c), 1e-12);
    /* peak rate linear in threshold, 35 Hz at the first unit to 25 Hz at the last */
    double f = (kn_pool_threshold(pool, i) - 1.0) / (p.rr - 1.0);
    assert_close(kn_pool_peak_rate(pool, i), p.pfr1 + f * (p.pfrn - p.pfr1), 1e-12);
  }
  assert_close(kn_pool_twitch_force(pool, 0), 1.0, 1e-15);
  assert_close(kn_pool_twitch_force(pool, n - 1), p.rp, 1e-9);
  assert_close(kn_pool_contraction_time(pool, 0), p.tl, 1e-15);
  assert_close(kn_pool_contraction_time(pool, n - 1), p.tl / p.rt, 1e-12);
  assert_close(kn_pool_peak_rate(pool, 0), 35.0, 1e-12);
  assert_close(kn_pool_peak_rate(pool, n - 1), 25.0, 1e-12);
  assert_true(isnan(kn_pool_threshold(pool, n)) && isnan(kn_pool_threshold(pool, -1)));
}

static void rate_law_and_caps(void **state) {
  (void)state;
  kn_pool *pool = default_pool();
  for (int i = 0; i < 120; i += 17) {
    double thr = kn_pool_threshold(pool, i), pfr = kn_pool_peak_rate(pool, i);
    assert_close(kn_pool_rate(pool, i, thr - 1e-9), 0.0, 0.0);
    assert_close(kn_pool_rate(pool, i, thr), 8.0, 1e-12);        /* fires at mfr on recruitment */
    assert_close(kn_pool_rate(pool, i, thr + 3.0), 11.0, 1e-12); /* 1 Hz per unit of drive */
    assert_close(kn_pool_rate(pool, i, thr + 100.0), pfr, 0.0);  /* capped at its peak rate */
  }
  /* Fuglevand's maximal excitation: the last unit reaches its peak there, so all units do */
  double emax = kn_pool_excitation_max(pool);
  assert_close(emax, 30.0 + (25.0 - 8.0) / 1.0, 1e-12);
  for (int i = 0; i < 120; i++)
    assert_close(kn_pool_rate(pool, i, emax), kn_pool_peak_rate(pool, i), 1e-9);
  assert_true(kn_pool_rate(pool, 119, emax - 0.5) < 25.0 - 0.4);
}

static void twitch_gain_values(void **state) {
  (void)state;
  for (double x = 0.0; x <= 0.4; x += 0.05)
    assert_close(kn_twitch_gain(x), 1.0, 0.0);
  assert_close(kn_twitch_gain(0.4 + 1e-9), 1.0, 1e-7); /* continuous at 0.4 */
  double xs[] = {0.5, 0.6, 0.8, 1.0, 1.5, 3.15, 10.0};
  for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++)
    assert_close(kn_twitch_gain(xs[k]), paper_gain(xs[k]), 1e-12);
  /* the steady force per unit time, x g(x), saturates toward 1/(g(0.4)/...) */
  assert_true(10.0 * kn_twitch_gain(10.0) > 3.15 * kn_twitch_gain(3.15));
  assert_close(kn_twitch_gain(INFINITY), 0.0, 0.0);
  assert_close(kn_twitch_gain(NAN), 1.0, 0.0);
}

/* ---- twitch and fusion ---------------------------------------------------------------------- */

/* Force after one stimulus pulse to the largest unit, per step (n steps). */
static void one_twitch(kn_pool *pool, double scale, double *f, int n) {
  kn_pool_input in = {.excitation = 0.0, .stim_fraction = 1.0 / 120.0, .twitch_scale = scale};
  kn_pool_output o;
  kn_pool_step(pool, &in, &o);
  assert_int_equal(o.nspikes, 1);
  assert_int_equal(o.nfiring, 0);
  in.stim_fraction = 0.0;
  for (int k = 0; k < n; k++) {
    kn_pool_step(pool, &in, &o);
    f[k] = o.force;
  }
}

static void single_twitch_shape(void **state) {
  (void)state;
  kn_pool *pool = default_pool();
  int last = 119;
  double T = kn_pool_contraction_time(pool, last), P = kn_pool_twitch_force(pool, last);
  /* independent normaliser: sum of P e g T f over units at their peak rates (continuous form) */
  double norm = 0.0;
  for (int i = 0; i < 120; i++) {
    double Ti = kn_pool_contraction_time(pool, i), fi = kn_pool_peak_rate(pool, i);
    norm += kn_pool_twitch_force(pool, i) * exp(1.0) * paper_gain(Ti * fi) * Ti * fi;
  }
  assert_close(kn_pool_force_norm(pool) / norm, 1.0, 1e-3);

  enum { N = 300 };
  double f[N];
  one_twitch(pool, 1.0, f, N);
  int kmax = 0;
  for (int k = 1; k < N; k++)
    if (f[k] > f[kmax]) kmax = k;
  long K = lround(T / DT);       /* 30 steps */
  assert_int_equal(kmax + 1, K); /* f[k] is (k + 1) steps after the spike: peak at t = T */
  assert_close(f[kmax] * norm / P, 1.0, 2e-3);                 /* height P (first spike: gain 1) */
  assert_close(f[2 * K - 1] / f[K - 1], 2.0 / exp(1.0), 1e-9); /* P (t/T) e^(1 - t/T) at 2T */
  assert_close(f[K / 2 - 1] / f[K - 1], 0.5 * exp(0.5), 1e-9); /* and at T/2 */

  /* colder muscle: twitch_scale 2 doubles the contraction time */
  kn_pool_reset(pool);
  one_twitch(pool, 2.0, f, N);
  kmax = 0;
  for (int k = 1; k < N; k++)
    if (f[k] > f[kmax]) kmax = k;
  assert_int_equal(kmax + 1, 2 * K);
}

static void fusion_increases_with_rate(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  p.n = 1; /* one unit: threshold 1, P 1, T = TL, peak rate pfr1 */
  p.isi_cv = 0.0;
  p.pic_drive = 0.0;
  kn_pool *pool = make(mem_a, sizeof mem_a, &p, 1);
  double rates[] = {8.0, 12.0, 20.0, 35.0};
  double prev_fusion = 0.0, prev_mean = 0.0;
  for (size_t k = 0; k < sizeof rates / sizeof rates[0]; k++) {
    kn_pool_reset(pool);
    double e = 1.0 + (rates[k] - 8.0); /* gain 1 Hz per unit */
    hold(pool, e, 1.0);
    kn_pool_input in = {.excitation = e, .stim_fraction = 0.0, .twitch_scale = 1.0};
    kn_pool_output o;
    double lo = INFINITY, hi = 0.0, sum = 0.0;
    for (int i = 0; i < 1000; i++) {
      kn_pool_step(pool, &in, &o);
      lo = fmin(lo, o.force);
      hi = fmax(hi, o.force);
      sum += o.force;
    }
    double fusion = lo / hi, mean = sum / 1000.0;
    assert_true(fusion > prev_fusion);
    assert_true(mean > prev_mean);
    prev_fusion = fusion;
    prev_mean = mean;
  }
  assert_true(prev_fusion > 0.9);     /* 35 Hz on a 90 ms twitch: nearly fused */
  assert_close(prev_mean, 1.0, 1e-3); /* and at its peak rate the unit gives the full force */
}

/* ---- the pool's force ------------------------------------------------------------------------ */

static void force_rises_to_one(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  p.pic_drive = 0.0; /* Fuglevand's pool: no PICs */
  kn_pool *pool = make(mem_a, sizeof mem_a, &p, 3);
  double emax = kn_pool_excitation_max(pool), prev = -1.0;
  for (double e = 0.0; e <= emax + 1e-9; e += emax / 10.0) {
    kn_pool_reset(pool);
    double f = mean_force(pool, e, 0.5, 2.0);
    assert_true(f > prev);
    prev = f;
  }
  assert_close(prev, 1.0, 0.05); /* with interspike variability */
  kn_pool_reset(pool);
  assert_close(mean_force(pool, emax + 20.0, 0.5, 2.0), prev, 0.01); /* saturated */

  p.isi_cv = 0.0; /* regular firing: the normaliser is exact */
  pool = make(mem_b, sizeof mem_b, &p, 3);
  assert_close(mean_force(pool, emax, 0.5, 2.0), 1.0, 2e-3);
}

static void relaxed_pool_costs_nothing(void **state) {
  (void)state;
  kn_pool *pool = default_pool();
  kn_pool_output o = hold(pool, 0.999, 1.0); /* just below the first threshold */
  assert_int_equal(o.nfiring, 0);
  assert_int_equal(o.nspikes, 0);
  assert_int_equal(kn_pool_nactive(pool), 0);
  assert_close(o.force, 0.0, 0.0);
  o = hold(pool, 5.0, 0.2); /* some drive, too short to arm a PIC */
  assert_true(o.nfiring > 0 && kn_pool_nactive(pool) >= o.nfiring && o.npic == 0);
  o = hold(pool, 0.0, 0.01);
  assert_int_equal(o.nfiring, 0);
  assert_true(kn_pool_nactive(pool) > 0); /* twitches still decaying */
  o = hold(pool, 0.0, 4.0);
  assert_int_equal(kn_pool_nactive(pool), 0); /* back to the O(1) path */
  assert_close(o.force, 0.0, 0.0);
  assert_int_equal(o.nfiring + o.nspikes + o.npic, 0);
}

/* ---- persistent inward currents ----------------------------------------------------------------
 */

static void pic_low_units_self_sustain(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  kn_pool *pool = default_pool();
  hold(pool, 20.0, 1.0); /* brief strong drive: units below ~18 fire >= 10 Hz for > 0.5 s */
  kn_pool_output o = hold(pool, 0.0, 5.0);
  /* the input is gone; units whose threshold is within pic_drive of it keep firing */
  int expect = count_below(pool, 120, p.pic_drive);
  assert_true(expect > 10);
  assert_int_equal(o.nfiring, expect);
  assert_true(o.npic >= expect);
  for (int i = 0; i < 120; i++) {
    assert_int_equal(kn_pool_unit_firing(pool, i), i < expect);
    if (i < expect) assert_true(kn_pool_unit_pic(pool, i));
    if (i >= 60) assert_false(kn_pool_unit_pic(pool, i)); /* no high unit holds at rest */
  }
  /* self-sustained rate: set by E + pic_drive (unit 0: 8 + 3.15 - 1 Hz) */
  double r0 = p.mfr + p.gain * (p.pic_drive - 1.0);
  assert_true(o.mean_rate < r0 + 1e-9 && o.mean_rate >= p.mfr);
  assert_true(o.force > 0.0);

  /* without PICs the pool falls silent */
  p.pic_drive = 0.0;
  pool = make(mem_b, sizeof mem_b, &p, 1);
  hold(pool, 20.0, 1.0);
  o = hold(pool, 0.0, 0.5);
  assert_int_equal(o.nfiring, 0);
}

static void pic_high_units_stop(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  kn_pool *pool = default_pool();
  hold(pool, 20.0, 1.0);
  /* at E = 8 the units with 8 < threshold <= 8 + pic_drive fire only thanks to their PIC; all of
   * them are high-threshold units */
  double e = 8.0;
  int by_e = count_below(pool, 120, e), with_pic = count_below(pool, 120, e + p.pic_drive);
  assert_true(by_e >= 60 && with_pic > by_e + 5);
  kn_pool_output o = hold(pool, e, 0.1);
  assert_int_equal(o.nfiring, with_pic);
  o = hold(pool, e, p.pic_sustain_high); /* their PICs came on >= 0.5 s into the drive */
  assert_int_equal(o.nfiring, by_e);
  for (int i = 60; i < 120; i++)
    assert_false(kn_pool_unit_pic(pool, i));
  assert_true(kn_pool_unit_pic(pool, 0)); /* low units keep theirs */
  o = hold(pool, e, 3.0);                 /* and the high ones do not re-arm */
  assert_int_equal(o.nfiring, by_e);
  for (int i = 60; i < 120; i++)
    assert_false(kn_pool_unit_pic(pool, i));
}

static void pic_rate_can_move(void **state) {
  (void)state;
  kn_pool *pool = default_pool();
  assert_int_equal(kn_pool_units(pool), 120);
  kn_pool_set_pic_rate(pool, 40.0); /* above every peak rate: no unit can arm */
  kn_pool_set_pic_rate(pool, -1.0); /* ignored */
  kn_pool_set_pic_rate(pool, NAN);  /* ignored */
  kn_pool_output o = hold(pool, 40.0, 2.0);
  assert_int_equal(o.npic, 0);
  o = hold(pool, 0.0, 0.5);
  assert_int_equal(o.nfiring, 0);
  kn_pool_set_pic_rate(pool, 10.0); /* back to the default: the same drive now leaves PICs on */
  hold(pool, 40.0, 2.0);
  o = hold(pool, 0.0, 0.5);
  assert_true(o.nfiring > 10 && o.npic >= o.nfiring);
}

/* Interval statistics of a one-unit pool: mean and CV of the intervals between its spikes over
 * `seconds` at excitation e (times to the step, DT_FINE, far below the ~100 ms intervals). */
#define DT_FINE 1e-4
static void interval_stats(kn_pool *pool, double e, double seconds, double *mean, double *cv) {
  kn_pool_input in = {.excitation = e, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  long n = lround(seconds / DT_FINE), count = 0;
  double last = NAN, sum = 0.0, sum2 = 0.0;
  for (long i = 0; i < n; i++) {
    kn_pool_step(pool, &in, &o);
    if (!o.nspikes) continue;
    double t = (double)i * DT_FINE;
    if (isfinite(last)) sum += t - last, sum2 += (t - last) * (t - last), count++;
    last = t;
  }
  assert_true(count > 100);
  *mean = sum / (double)count;
  *cv = sqrt((sum2 - (double)count * *mean * *mean) / (double)(count - 1)) / *mean;
}

/* One unit that may self-sustain indefinitely (pic_low_fraction 1), stepped at DT_FINE. */
static kn_pool *one_unit(kn_pool_params *p, void *mem, size_t size) {
  kn_pool_params_default(p);
  p->n = 1;
  p->pic_low_fraction = 1.0;
  kn_pool *pool = kn_pool_init(mem, size, p, DT_FINE, 7);
  assert_non_null(pool);
  return pool;
}

static void pic_firing_is_irregular(void **state) {
  (void)state;
  kn_pool_params p;
  /* driven synaptically at E = 3 (no PIC: pic_drive 0): 8 + (3 - 1) = 10 Hz, CV 0.15 (the clamp
   * at +-0.5, 3.3 SD, removes 0.1 % of the draws: the CV stays within 0.01 of 0.15) */
  kn_pool *pool = one_unit(&p, mem_a, sizeof mem_a);
  p.pic_drive = 0.0;
  pool = kn_pool_init(mem_a, sizeof mem_a, &p, DT_FINE, 7);
  double mean, cv;
  interval_stats(pool, 3.0, 300.0, &mean, &cv);
  assert_true(fabs(mean - 0.1) < 0.002);
  assert_true(fabs(cv - 0.15) < 0.01);

  /* armed by 1 s at E = 5 (12 Hz, above the 10 Hz arming rate for more than 0.5 s), then on its
   * PIC alone (E = 0): rate 8 + (3.15 - 1) = 10.15 Hz, log-normal intervals of mean 1/10.15 s and
   * CV 0.446 [minetto2009]. ~3000 intervals: the CV's standard error is ~0.007, the mean's 0.8 % */
  pool = one_unit(&p, mem_a, sizeof mem_a);
  kn_pool_input arm = {.excitation = 5.0, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  for (long i = 0; i < lround(1.0 / DT_FINE); i++)
    kn_pool_step(pool, &arm, &o);
  assert_int_equal(o.npic, 1);
  interval_stats(pool, 0.0, 300.0, &mean, &cv);
  assert_true(fabs(mean - 1.0 / 10.15) < 0.03 / 10.15);
  assert_true(fabs(cv - 0.446) < 0.025);
}

static void pic_drive_can_move(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  kn_pool *pool = default_pool();
  hold(pool, 20.0, 1.0);             /* PICs on, as in pic_low_units_self_sustain */
  kn_pool_set_pic_drive(pool, -1.0); /* ignored */
  kn_pool_set_pic_drive(pool, NAN);  /* ignored */
  kn_pool_output o = hold(pool, 0.0, 5.0);
  int at_default = o.nfiring;
  double rate_default = o.mean_rate;
  assert_int_equal(at_default, count_below(pool, 120, p.pic_drive));
  /* twice the drive: every unit whose PIC is still on fires again, those up to pic_drive +
   * pic_hysteresis (their PICs held through the hysteresis although they fell silent), each at
   * mfr + gain (2 pic_drive - threshold) (below every cap: at most 13.3 Hz) */
  kn_pool_set_pic_drive(pool, 2.0 * p.pic_drive);
  o = hold(pool, 0.0, 0.1);
  int held = count_below(pool, 120, p.pic_drive + p.pic_hysteresis);
  assert_true(held > at_default);
  assert_int_equal(o.nfiring, held);
  double want = 0.0;
  for (int i = 0; i < held; i++)
    want += p.mfr + p.gain * (2.0 * p.pic_drive - kn_pool_threshold(pool, i));
  assert_true(fabs(o.mean_rate - want / held) < 1e-9);
  assert_true(o.mean_rate > rate_default);
  /* a drive that cannot hold them: with the hysteresis scaled alike (0.5), unit i lets go once
   * 1.5 x drive < threshold: at drive 0.5 every unit (threshold >= 1 > 0.75) */
  kn_pool_set_pic_drive(pool, 0.5);
  o = hold(pool, 0.0, 0.5);
  assert_int_equal(o.nfiring, 0);
  assert_int_equal(o.npic, 0);
}

static void inhibition_turns_pics_off(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  kn_pool *pool = default_pool();
  hold(pool, 20.0, 1.0);
  kn_pool_output o = hold(pool, 0.0, 1.0);
  assert_true(o.npic > 10 && o.nfiring > 10);
  /* the first unit's PIC holds down to E = 1 - pic_hysteresis - pic_drive */
  double off = 1.0 - p.pic_hysteresis - p.pic_drive;
  o = hold(pool, off + 0.05, 0.5);
  assert_true(kn_pool_unit_pic(pool, 0));
  o = hold(pool, off - 0.05, 0.01);
  assert_int_equal(o.npic, 0);
  assert_int_equal(o.nfiring, 0);
  o = hold(pool, 0.0, 5.0); /* back at rest the PICs stay off */
  assert_int_equal(o.nfiring + o.npic, 0);
  assert_int_equal(kn_pool_nactive(pool), 0);
}

/* ---- electrical stimulation ---------------------------------------------------------------- */

static void stimulation_fires_largest_first(void **state) {
  (void)state;
  kn_pool *pool = default_pool();
  double emg_top = 0.0; /* sqrt(P) summed over the top half: identifies the set that fired */
  for (int i = 60; i < 120; i++)
    emg_top += sqrt(kn_pool_twitch_force(pool, i));
  kn_pool_input in = {.excitation = 0.0, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  double fmax_seen = 0.0;
  for (int k = 0; k < 1000; k++) { /* 20 Hz for 1 s */
    in.stim_fraction = k % 50 == 0 ? 0.5 : 0.0;
    kn_pool_step(pool, &in, &o);
    if (k % 50 == 0) {
      assert_int_equal(o.nspikes, 60);
      assert_close(o.emg, emg_top, 1e-9 * emg_top);
    } else {
      assert_int_equal(o.nspikes, 0);
      assert_close(o.emg, 0.0, 0.0);
    }
    assert_int_equal(o.nfiring, 0); /* not recruited: fired only by the stimulus */
    assert_int_equal(o.npic, 0);    /* at rest a high unit's PIC could not hold */
    fmax_seen = fmax(fmax_seen, o.force);
  }
  assert_true(fmax_seen > 0.05);
  assert_false(kn_pool_unit_firing(pool, 0));

  /* a full-strength pulse fires every unit */
  in.stim_fraction = 1.0;
  kn_pool_step(pool, &in, &o);
  assert_int_equal(o.nspikes, 120);
}

static void stimulation_can_start_sustained_firing(void **state) {
  (void)state;
  /* stimulated spikes count toward arming a PIC: 20 Hz for 1 s to the whole pool just below the
   * first threshold leaves the low units firing on their own */
  kn_pool_params p;
  kn_pool_params_default(&p);
  kn_pool *pool = default_pool();
  kn_pool_input in = {.excitation = 0.5, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  for (int k = 0; k < 1000; k++) {
    in.stim_fraction = k % 50 == 0 ? 1.0 : 0.0;
    kn_pool_step(pool, &in, &o);
  }
  o = hold(pool, 0.5, 3.0);
  assert_int_equal(o.nfiring, count_below(pool, 120, 0.5 + p.pic_drive));
  assert_true(o.nspikes >= 0 && o.npic >= o.nfiring);
}

/* ---- determinism, reset, bad input -------------------------------------------------------------
 */

static double drive_at(int k) {
  return 25.0 + 20.0 * sin(2.0 * 3.141592653589793 * 0.5 * k * DT);
}

static void run_profile(kn_pool *pool, double *f, int n) {
  kn_pool_input in = {.excitation = 0.0, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  for (int k = 0; k < n; k++) {
    in.excitation = drive_at(k);
    kn_pool_step(pool, &in, &o);
    f[k] = o.force;
  }
}

static void deterministic_with_seed(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  enum { N = 3000 };
  static double fa[N], fb[N], fc[N], fr[N];
  kn_pool *a = make(mem_a, sizeof mem_a, &p, 42);
  kn_pool *b = make(mem_b, sizeof mem_b, &p, 42);
  kn_pool *c = make(mem_c, sizeof mem_c, &p, 43);
  run_profile(a, fa, N);
  run_profile(b, fb, N);
  run_profile(c, fc, N);
  assert_memory_equal(fa, fb, sizeof fa);      /* same seed, same input: same run, bit for bit */
  assert_true(memcmp(fa, fc, sizeof fa) != 0); /* another seed: other intervals */
  kn_pool_reset(a);
  run_profile(a, fr, N);
  assert_memory_equal(fa, fr, sizeof fa); /* reset: back to the start, same seed */
}

static void bad_arguments(void **state) {
  (void)state;
  kn_pool_params p;
  kn_pool_params_default(&p);
  size_t need = kn_pool_size(p.n);
  assert_true(need > 0 && need <= sizeof mem_a);
  assert_int_equal(kn_pool_size(0), 0);
  assert_null(kn_pool_init(NULL, need, &p, DT, 1));
  assert_null(kn_pool_init(mem_a, need - 1, &p, DT, 1));
  assert_null(kn_pool_init(mem_a + 8, need, &p, DT, 1)); /* not 16-aligned */
  assert_null(kn_pool_init(mem_a, need, &p, 0.0, 1));
  assert_null(kn_pool_init(mem_a, need, &p, NAN, 1));
  kn_pool_params q = p;
  q.rr = 0.5;
  assert_null(kn_pool_init(mem_a, need, &q, DT, 1));
  q = p;
  q.pfrn = 5.0; /* below the recruitment rate */
  assert_null(kn_pool_init(mem_a, need, &q, DT, 1));
  q = p;
  q.pic_on_rate = 0.0;
  assert_null(kn_pool_init(mem_a, need, &q, DT, 1));

  kn_pool *pool = make(mem_a, sizeof mem_a, &p, 1);
  kn_pool_input in = {.excitation = NAN, .stim_fraction = NAN, .twitch_scale = -1.0};
  kn_pool_output o;
  kn_pool_step(pool, &in, &o); /* read as rest */
  assert_int_equal(o.nfiring + o.nspikes, 0);
  assert_int_equal(kn_pool_nactive(pool), 0);
  in = (kn_pool_input){.excitation = 10.0, .stim_fraction = 7.0, .twitch_scale = INFINITY};
  kn_pool_step(pool, &in, &o);
  assert_int_equal(o.nspikes, 120); /* fraction clamped to 1 */
  assert_true(isfinite(o.force));
  kn_pool_step(NULL, &in, &o);
  assert_int_equal(o.nspikes, 0);
  kn_pool_reset(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(thresholds_and_ranges),
      cmocka_unit_test(rate_law_and_caps),
      cmocka_unit_test(twitch_gain_values),
      cmocka_unit_test(single_twitch_shape),
      cmocka_unit_test(fusion_increases_with_rate),
      cmocka_unit_test(force_rises_to_one),
      cmocka_unit_test(relaxed_pool_costs_nothing),
      cmocka_unit_test(pic_low_units_self_sustain),
      cmocka_unit_test(pic_high_units_stop),
      cmocka_unit_test(pic_rate_can_move),
      cmocka_unit_test(pic_firing_is_irregular),
      cmocka_unit_test(pic_drive_can_move),
      cmocka_unit_test(inhibition_turns_pics_off),
      cmocka_unit_test(stimulation_fires_largest_first),
      cmocka_unit_test(stimulation_can_start_sustained_firing),
      cmocka_unit_test(deterministic_with_seed),
      cmocka_unit_test(bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
