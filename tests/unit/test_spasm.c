/* SPDX-License-Identifier: Apache-2.0 */
/* The clinical classification of involuntary contractions (docs/model.md, "Spasms, cramps and
 * reflex responses"): synthetic involuntary-force traces go through the engine's beat counter
 * (kn_nm_beats_step) and classifier (kn_nm_episode_kind) with the default parameters. Brief
 * bursts and a few beats are normal reflex responses; seconds of sustained contraction are a tonic
 * spasm; five or more beats of clonus are a clonic spasm. */
#include "test_common.h"

#include "core/params.h"
#include "knead/sim.h"
#include "neuromuscular/nm_internal.h"

#define DT 0.001 /* s, the trace's sampling step */

static kn_params par;

static int setup(void **state) {
  (void)state;
  kn_params_default(&par);
  return 0;
}

/* An involuntary-force trace (fraction of maximum) as a function of time (s). */
typedef double (*trace_fn)(double t, const double *arg);

/* Runs one episode of the trace through the detector's rules: it starts at the first sample at
 * the onset force and ends after nm_episode_gap below half of it. Returns the episode's class and
 * fills *e and *freq. */
static int classify(trace_fn f, const double *arg, double t_end, double pace, int sustained,
                    kn_nm_episode *e, double *freq) {
  double on = par.nm_spasm_force, start = -1.0, last_above = 0.0;
  *e = (kn_nm_episode){.percussion_rate = pace, .self_sustained = sustained};
  for (double t = 0.0; t < t_end + 1.0; t += DT) {
    double v = t < t_end ? f(t, arg) : 0.0;
    if (start < 0.0) {
      if (v < on) continue;
      start = last_above = t;
      e->peak = v;
      kn_nm_beats_start(&e->beats, t, v);
      continue;
    }
    if (v > e->peak) e->peak = v;
    if (v >= on) last_above = t;
    kn_nm_beats_step(&par, &e->beats, t, v);
    if (v < par.nm_episode_end_share * on && t - last_above >= par.nm_episode_gap) break;
  }
  assert_true(start >= 0.0); /* the trace did start an episode */
  e->duration = last_above - start;
  return kn_nm_episode_kind(&par, e, freq);
}

/* arg[0] fraction of maximum from 0 to arg[1] s */
static double plateau(double t, const double *arg) {
  return t < arg[1] ? arg[0] : 0.0;
}

/* arg[0] beats of half-sine pulses at arg[1] Hz, peaking at 6 % of maximum, back to 0 between */
static double beats(double t, const double *arg) {
  double period = 1.0 / arg[1], phase = fmod(t, period) / period;
  if (t >= arg[0] * period || phase >= 0.5) return 0.0;
  return 0.06 * sin(2.0 * acos(-1.0) * phase);
}

static void brief_burst_is_reflex_response(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, arg[] = {0.05, 0.5};
  assert_int_equal(classify(plateau, arg, 0.5, 0.0, 0, &e, &freq), KN_NM_REFLEX_RESPONSE);
  assert_close(e.duration, 0.5, 2 * DT);
}

static void sustained_seconds_is_tonic_spasm(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, arg[] = {0.05, 4.0};
  assert_int_equal(classify(plateau, arg, 4.0, 0.0, 0, &e, &freq), KN_SPASM_TONIC);
  assert_close(e.duration, 4.0, 2 * DT);
}

/* a strong contraction (>= nm_tonic_strong_force) is a tonic spasm after a second, a weak one of
 * the same length a reflex response */
static void strong_second_is_tonic_weak_is_not(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, strong[] = {0.12, 1.2}, weak[] = {0.05, 1.2};
  assert_int_equal(classify(plateau, strong, 1.2, 0.0, 0, &e, &freq), KN_SPASM_TONIC);
  assert_int_equal(classify(plateau, weak, 1.2, 0.0, 0, &e, &freq), KN_NM_REFLEX_RESPONSE);
}

static void three_beats_are_unsustained_clonus(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, arg[] = {3.0, 5.0};
  assert_int_equal(classify(beats, arg, 1.0, 0.0, 0, &e, &freq), KN_NM_REFLEX_RESPONSE);
  assert_int_equal(e.beats.count, 3);
  assert_close(freq, 5.0, 0.1); /* it did oscillate in the clonus band: too few beats */
}

static void six_beats_are_clonic_spasm(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, arg[] = {6.0, 5.0};
  assert_int_equal(classify(beats, arg, 2.0, 0.0, 0, &e, &freq), KN_SPASM_CLONIC);
  assert_int_equal(e.beats.count, 6);
  assert_close(freq, 5.0, 0.1);
}

/* the same six beats in time with 5 Hz percussion are the muscle following the taps */
static void beats_paced_by_percussion_are_reflex(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, arg[] = {6.0, 5.0};
  assert_int_equal(classify(beats, arg, 2.0, 5.0, 0, &e, &freq), KN_NM_REFLEX_RESPONSE);
}

/* a strong, long, self-sustained contraction is a cramp (minetto2009); without the self-sustaining
 * discharge the same force is a tonic spasm */
static void cramp_needs_self_sustained_discharge(void **state) {
  (void)state;
  kn_nm_episode e;
  double freq, arg[] = {0.08, 6.0};
  assert_int_equal(classify(plateau, arg, 6.0, 0.0, 1, &e, &freq), KN_SPASM_CRAMP);
  assert_int_equal(classify(plateau, arg, 6.0, 0.0, 0, &e, &freq), KN_SPASM_TONIC);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(brief_burst_is_reflex_response, setup),
      cmocka_unit_test_setup(sustained_seconds_is_tonic_spasm, setup),
      cmocka_unit_test_setup(strong_second_is_tonic_weak_is_not, setup),
      cmocka_unit_test_setup(three_beats_are_unsustained_clonus, setup),
      cmocka_unit_test_setup(six_beats_are_clonic_spasm, setup),
      cmocka_unit_test_setup(beats_paced_by_percussion_are_reflex, setup),
      cmocka_unit_test_setup(cramp_needs_self_sustained_discharge, setup),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
