/* SPDX-License-Identifier: Apache-2.0 */
/* The pressure-pain model: how likely a pressure hurts. It sits with the first stage because the
 * practitioner's hands (the protocol) already react to pain; mechanics, the events and the safety
 * monitor read it from here (kn_pain_probability and kn_pain_median are declared in
 * knead/mechanics.h, the public API of loads; the fitted curve in protocol/protocol.h). */
#include <math.h>

#include "knead/mechanics.h"
#include "protocol/protocol.h"

/* Pain thresholds are positive and right-skewed (Bordachar 2019: upper trapezius 4.31 +- 2.09
 * kgf/cm^2), so the threshold is log-normal with the published mean and SD (moment matching):
 * sigma^2 = ln(1 + (sd/mean)^2), mu = ln(mean) - sigma^2 / 2. No touch, no pain: nothing at or
 * below zero pressure. */
double kn_pain_median(double ppt_mean, double ppt_sd) {
  double cv = ppt_mean > 0.0 ? ppt_sd / ppt_mean : 0.0;
  return ppt_mean / sqrt(1.0 + cv * cv);
}

kn_pain_curve kn_pain_curve_of(double ppt_mean, double ppt_sd) {
  kn_pain_curve c = {ppt_mean, 0.0, 0.0, !(ppt_sd > 0.0)};
  if (!(ppt_mean > 0.0) || c.step) return c;
  double cv = ppt_sd / ppt_mean;
  c.sigma = sqrt(log(1.0 + cv * cv)); /* the firmware's libm has log, not log1p */
  c.mu = log(ppt_mean) - 0.5 * c.sigma * c.sigma;
  return c;
}

double kn_pain_curve_probability(const kn_pain_curve *c, double p) {
  if (!(p > 0.0) || !(c->mean > 0.0)) return 0.0;
  if (c->step) return p >= c->mean ? 1.0 : 0.0;
  return 0.5 * erfc(-(log(p) - c->mu) / (c->sigma * sqrt(2.0)));
}

double kn_pain_probability(double p, double ppt_mean, double ppt_sd) {
  kn_pain_curve c = kn_pain_curve_of(ppt_mean, ppt_sd);
  return kn_pain_curve_probability(&c, p);
}

/* ---- the time course --------------------------------------------------------------------------
 * Temporal summation: pressure held near the threshold grows painful over minutes (tonic pressure,
 * tourniquet pain) where a brief press does not. The summation s relaxes towards the drive
 * u = min(1, p / mean threshold) with time constant pain_sum_time (rising under pressure, fading
 * after it): ds/dt = (u - s) / tau_sum, stepped exactly over dt. The pressure felt is
 * p (1 + gain s), so full summation lowers the threshold to 1 / (1 + gain) of rest.
 * After-pain: pain outlasts a painful pressure; the felt pain is max(P(p felt), felt e^(-dt /
 * tau_after)).
 * Ischaemic pain: a muscle without flow accumulates metabolites (protons, lactate, K+, ...; Reid
 * 1931: pain over the belly of ischaemic working muscle that vanishes almost at once when flow
 * returns), slowly at rest and fast when it works; flow washes them out. The metabolite m is in
 * units of the mean amount tolerated, log-normal across people; its probability of pain and the
 * pressure's are those of independent causes. */

/* Below this a fading summation or after-pain is no longer tracked (0): no denormal arithmetic
 * in the hours after a session, and nothing any output prints. */
#define PAIN_NEGLIGIBLE 1e-12
/* The standard normal quantile of PAIN_NEGLIGIBLE: Phi(-7.034) = 1e-12. */
#define PAIN_NEGLIGIBLE_Z (-7.034)

kn_pain_dynamics kn_pain_dynamics_of(const kn_params *par) {
  /* copies only: this runs on the 1 kHz path, the rates are worked out where ischaemia steps */
  return (kn_pain_dynamics){.gain = par->pain_sum_gain,
                            .sum_time = par->pain_sum_time,
                            .after_time = par->pain_after_time,
                            .isch_rest_time = par->pain_isch_rest_time,
                            .isch_work_time = par->pain_isch_work_time,
                            .isch_work_activation = par->pain_isch_work_activation,
                            .isch_wash = par->pain_isch_wash_time,
                            .isch_cv = par->pain_isch_tolerance_cv,
                            .isch_floor = 0.0};
}

double kn_pain_summed_probability(const kn_pain_curve *c, const kn_pain_dynamics *d, double s,
                                  double p) {
  return kn_pain_curve_probability(c, p * (1.0 + d->gain * s));
}

double kn_pain_ischaemic_probability(const kn_pain_dynamics *d, double m) {
  if (!(m > 0.0)) return 0.0;
  /* fitted here, not in kn_pain_dynamics_of, which the 1 kHz path calls every step: this runs only
   * where a muscle has metabolites to feel */
  kn_pain_curve tolerance = kn_pain_curve_of(1.0, d->isch_cv);
  return kn_pain_curve_probability(&tolerance, m);
}

double kn_pain_ischaemic_floor(const kn_pain_dynamics *d) {
  kn_pain_curve tolerance = kn_pain_curve_of(1.0, d->isch_cv);
  return tolerance.step ? 1.0 : exp(tolerance.mu + PAIN_NEGLIGIBLE_Z * tolerance.sigma);
}

void kn_pain_ischaemia_step(const kn_pain_dynamics *d, double flow, double activation, double dt,
                            kn_pain_state *st) {
  double f = fmax(0.0, flow);
  if (f >= 1.0 && st->metabolite == 0.0) return; /* a perfused muscle: nothing to track */
  /* a working muscle's build-up: the reference effort reaches tolerance in isch_work_time, of
   * which the resting build-up is part (a session setting the work time above the rest time gets
   * no extra build-up from work, never a negative one) */
  double rest = 1.0 / d->isch_rest_time;
  double work = fmax(0.0, (1.0 / d->isch_work_time - rest) / d->isch_work_activation);
  double build = (rest + work * fmax(0.0, activation)) * (1.0 - fmin(1.0, f));
  double wash = f / d->isch_wash; /* 1/s */
  /* dm/dt = build - wash m, exactly over dt for constant inputs */
  if (wash > 0.0) {
    double steady = build / wash;
    st->metabolite = steady + (st->metabolite - steady) * exp(-wash * dt);
  } else {
    st->metabolite += build * dt;
  }
  if (build == 0.0 && st->metabolite < PAIN_NEGLIGIBLE) st->metabolite = 0.0;
  /* below the floor nothing any output means: no curve to evaluate */
  double isch =
      st->metabolite < d->isch_floor ? 0.0 : kn_pain_ischaemic_probability(d, st->metabolite);
  st->ischaemic = isch > PAIN_NEGLIGIBLE ? isch : 0.0;
}

double kn_pain_held(double p, double ppt_mean, double ppt_sd, double t_held, double t_after) {
  kn_params par;
  kn_params_default(&par);
  kn_pain_dynamics d = kn_pain_dynamics_of(&par);
  kn_pain_curve c = kn_pain_curve_of(ppt_mean, ppt_sd);
  kn_pain_state st = {0.0, 0.0, 0.0, 0.0};
  /* constant inputs: one exact step each (the summed pain only grows while p is held) */
  if (t_held > 0.0) kn_pain_state_step(&c, &d, p, t_held, &st);
  if (t_after > 0.0) kn_pain_state_step(&c, &d, 0.0, t_after, &st);
  return st.felt;
}

double kn_pain_ischaemic_held(double flow, double activation, double t_held) {
  kn_params par;
  kn_params_default(&par);
  kn_pain_dynamics d = kn_pain_dynamics_of(&par);
  kn_pain_state st = {0.0, 0.0, 0.0, 0.0};
  if (t_held > 0.0) kn_pain_ischaemia_step(&d, flow, activation, t_held, &st);
  return kn_pain_ischaemic_probability(&d, st.metabolite);
}

void kn_pain_state_step(const kn_pain_curve *c, const kn_pain_dynamics *d, double p, double dt,
                        kn_pain_state *st) {
  double drive = p > 0.0 && c->mean > 0.0 ? fmin(1.0, p / c->mean) : 0.0;
  if (drive > 0.0 || st->summation > 0.0) {
    st->summation += (drive - st->summation) * (1.0 - exp(-dt / d->sum_time));
    if (drive == 0.0 && st->summation < PAIN_NEGLIGIBLE) st->summation = 0.0;
  }
  double now = p > 0.0 ? kn_pain_summed_probability(c, d, st->summation, p) : 0.0;
  now += st->ischaemic * (1.0 - now); /* either cause hurts: 1 - (1 - pressure)(1 - ischaemia) */
  double faded = st->felt > PAIN_NEGLIGIBLE ? st->felt * exp(-dt / d->after_time) : 0.0;
  st->felt = fmax(now, faded);
}
