/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the neuromuscular engine's building blocks: a motor-unit pool (Fuglevand 1993) with
 * persistent inward currents (Lee & Heckman 1998), and Hill-type muscle curves.
 *
 * A pool is caller-sized memory (kn_pool_size) so the engine and the monitor can place it anywhere;
 * stepping allocates nothing. Its cost follows the number of active units: a relaxed pool costs a
 * comparison per step.
 *
 * Excitation scale: unit i (0..n-1) has threshold RR^(i/(n-1)), so the first unit is recruited at
 * excitation 1 exactly and the last at RR; all units reach their peak rates at
 * kn_pool_excitation_max (RR + (pfrn - mfr)/gain = 47 with the defaults). */
#ifndef KNEAD_NEUROMUSCULAR_H
#define KNEAD_NEUROMUSCULAR_H

#include "knead/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- motor-unit pool ----------------------------------------------------------------------- */

typedef struct kn_pool_params {
  int n;             /* units, 120 [fuglevand1993] */
  double rr;         /* recruitment range (last/first threshold), 30 */
  double mfr;        /* Hz, firing rate at recruitment, 8 */
  double pfr1, pfrn; /* Hz, peak rate of the first and the last unit, 35 and 25 */
  double gain;       /* Hz per unit of excitation above threshold, 1 */
  double rp;         /* range of twitch forces (last/first), 100 */
  double tl;         /* s, longest twitch contraction time, 0.090 */
  double rt;         /* range of contraction times, 3 */
  double isi_cv;     /* interspike interval coefficient of variation, 0.15 (intervals are clamped
                        to 0.5..1.5 times the mean) */
  /* persistent inward currents: a unit whose own rate (stimulated spikes count) has stayed above
   * pic_on_rate for pic_on_time (each interval at that rate counts its length, a longer one takes
   * its length back) turns its PIC on, adding pic_drive to its excitation, so it keeps
   * firing after the input that started it is gone; it turns off when its total drive falls
   * pic_hysteresis below its threshold, or, for units above pic_low_fraction of the pool, after
   * pic_sustain_high seconds (and cannot re-arm until its excitation alone lets it go). A PIC turns
   * on only where it could hold (excitation + pic_drive >= threshold - pic_hysteresis). pic_drive 0
   * disables PICs. [lee_heckman1998] */
  double pic_on_rate;      /* Hz, 10 (> 0) */
  double pic_on_time;      /* s, 0.5 */
  double pic_drive;        /* excitation units (same scale as thresholds), 3.15 = Delta F / gain:
                              units derecruit pic_drive below their recruitment threshold */
  double pic_hysteresis;   /* excitation units, 1.575 (0.5 pic_drive) */
  double pic_low_fraction; /* 0..1, share of units (by threshold) that can self-sustain, 0.5 */
  double pic_sustain_high; /* s, 1.5 */
  double isi_cv_pic;       /* interspike CV of a unit while its PIC is on (self-sustained firing),
                              0.446 [minetto2009]; log-normal intervals (no clamp), mean as above */
} kn_pool_params;

/* Fills p with the defaults above: the pool_* rows of the parameter table (`knead atlas`,
 * docs/model.md). */
KN_API void kn_pool_params_default(kn_pool_params *p);

/* Per-step inputs to a pool. */
typedef struct kn_pool_input {
  double excitation;    /* net synaptic drive, in units of the first unit's threshold (1 = it is
                           recruited); may be negative (inhibition) */
  double stim_fraction; /* 0..1: share of units fired by an electrical stimulus pulse this step
                           (the largest axons first: electrical stimulation reverses the size
                           principle); 0 if no pulse. round(stim_fraction n) units spike now, in
                           addition to their own firing, whose rhythm restarts from the pulse */
  double twitch_scale;  /* multiplies contraction times (temperature: Q10); 1 at 37 degC; values
                           <= 0 or not finite read as 1, a non-finite excitation as 0 */
} kn_pool_input;

/* Outputs of one step. */
typedef struct kn_pool_output {
  double force;     /* 0..~1, pool force normalised so that all units firing regularly at their
                       peak rates give a mean of 1 (at twitch_scale 1) */
  double mean_rate; /* Hz, mean firing rate of the units that fire; 0 if none */
  int nfiring;      /* units firing (recruited by excitation, or self-sustained by their PIC);
                       units fired only by a stimulus count in nspikes and emg, not here */
  int nspikes;      /* spikes this step */
  int npic;         /* units with their PIC on */
  double emg;       /* a.u., a rough rectified surface-EMG proxy: sum over this step's spikes of
                       sqrt(P_i) (P_i twitch force); no action-potential shapes, no volume
                       conduction, no cancellation */
} kn_pool_output;

typedef struct kn_pool kn_pool; /* opaque; lives in caller memory */

/* Bytes a pool of n units needs (alignment 16). */
KN_API size_t kn_pool_size(int n);
/* Lays out a pool in mem (kn_pool_size(p->n) bytes, 16-aligned) for time step dt (s), seeds its
 * random interspike variability. Returns the pool or NULL if the arguments are invalid. */
KN_API kn_pool *kn_pool_init(void *mem, size_t size, const kn_pool_params *p, double dt,
                             uint64_t seed);
/* Back to rest (no firing, no force, PICs off), same seed. */
KN_API void kn_pool_reset(kn_pool *pool);
/* Advances one dt. */
KN_API void kn_pool_step(kn_pool *pool, const kn_pool_input *in, kn_pool_output *out);

/* Number of units; 0 for NULL. */
KN_API int kn_pool_units(const kn_pool *pool);
/* Excitation that drives every unit to its peak rate (without PIC): Fuglevand's maximal
 * excitation, RR + (pfrn - mfr)/gain with the defaults. */
KN_API double kn_pool_excitation_max(const kn_pool *pool);
/* Changes the firing rate above which a unit's PIC turns on (Hz, > 0; other values are ignored),
 * from the next spike on; PICs already on stay on. The engine lowers it after a cramp or a drink
 * of water, following the cramp threshold frequency literature. */
KN_API void kn_pool_set_pic_rate(kn_pool *pool, double hz);
/* Sets the excitation a PIC adds (excitation units, >= 0 and finite; other values are ignored) and
 * scales pic_hysteresis with it (their ratio is kept), from this step on: the engine lets the PICs
 * that sustain a cramp warm up with the rate that armed them and inactivate while they are on. */
KN_API void kn_pool_set_pic_drive(kn_pool *pool, double drive);

/* Unit i's recruitment threshold (excitation units), peak rate (Hz), twitch force (a.u.) and
 * contraction time (s); for tests and documentation. i in 0..n-1. */
KN_API double kn_pool_threshold(const kn_pool *pool, int i);
KN_API double kn_pool_peak_rate(const kn_pool *pool, int i);
KN_API double kn_pool_twitch_force(const kn_pool *pool, int i);
KN_API double kn_pool_contraction_time(const kn_pool *pool, int i);
/* Steady firing rate (Hz) of unit i at constant excitation e without PIC or variability. */
KN_API double kn_pool_rate(const kn_pool *pool, int i, double e);

/* Fuglevand's twitch-tetanus gain: 1 for T/ISI <= 0.4, else
 * (1 - exp(-2 (T/ISI)^3)) / (T/ISI), normalised to 1 at 0.4. The pool applies it to each spike
 * with T the unit's contraction time and ISI the interval that the spike ends. */
KN_API double kn_twitch_gain(double t_over_isi);

/* ---- Hill-type muscle ------------------------------------------------------------------------ */

/* Curves in normalised units: length L = fibre length / optimal length; velocity V in optimal
 * lengths per second (positive: lengthening). Shapes: force-length and passive force are the
 * piecewise-quadratic curves documented for MuJoCo's muscle model (lmin 0.5, lmax 1.6, fpmax 1.3);
 * force-velocity is Hill's hyperbola as Thelen 2003 writes it (vmax 10, af 0.25) when shortening
 * and a quadratic rise to fvmax 1.2 when lengthening. */
typedef struct kn_hill_params {
  double lmin, lmax;     /* normalised lengths where active force reaches zero, 0.5 and 1.6 */
  double vmax;           /* optimal lengths per second at which shortening force reaches 0, 10 */
  double fpmax;          /* passive force at lmax, relative to max active force, 1.3: quadratic
                            from L = 1 to (1 + lmax)/2, linear beyond (as MuJoCo's attribute is
                            documented; its engine reaches 1.5 fpmax at lmax) */
  double fvmax;          /* force when lengthening fast, relative to isometric, 1.2 */
  double t_act, t_deact; /* s, activation and deactivation time constants, 0.010 and 0.040 */
  double af;             /* 1, curvature of the shortening hyperbola (Hill's a/F0), 0.25 */
} kn_hill_params;

/* Fills p with the defaults above: the hill_* rows of the parameter table. */
KN_API void kn_hill_params_default(kn_hill_params *p);
/* Active force-length factor (0..1, 1 at L = 1). */
KN_API double kn_hill_fl(const kn_hill_params *p, double L);
/* Force-velocity factor; V > 0 lengthening, V < 0 shortening, in optimal lengths per second. */
KN_API double kn_hill_fv(const kn_hill_params *p, double V);
/* Passive force (relative to max active) at normalised length L; 0 at and below 1. */
KN_API double kn_hill_passive(const kn_hill_params *p, double L);

#ifdef __cplusplus
}
#endif
#endif
