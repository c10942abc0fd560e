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
