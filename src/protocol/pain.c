/* The pressure-pain model: how likely a pressure hurts. It sits with the first stage because the
 * practitioner's hands (the protocol) already react to pain; mechanics, the events and the safety
 * monitor read it from here (declared in knead/mechanics.h, the public API of loads). */
#include <math.h>

#include "knead/mechanics.h"

/* Pain thresholds are positive and right-skewed (Bordachar 2019: upper trapezius 4.31 +- 2.09
 * kgf/cm^2), so the threshold is log-normal with the published mean and SD (moment matching):
 * sigma^2 = ln(1 + (sd/mean)^2), mu = ln(mean) - sigma^2 / 2. No touch, no pain: nothing at or
 * below zero pressure. */
double kn_pain_median(double ppt_mean, double ppt_sd) {
  double cv = ppt_mean > 0.0 ? ppt_sd / ppt_mean : 0.0;
  return ppt_mean / sqrt(1.0 + cv * cv);
}

double kn_pain_probability(double p, double ppt_mean, double ppt_sd) {
  if (!(p > 0.0) || !(ppt_mean > 0.0)) return 0.0;
  if (!(ppt_sd > 0.0)) return p >= ppt_mean ? 1.0 : 0.0;
  double cv = ppt_sd / ppt_mean;
  double sigma = sqrt(log(1.0 + cv * cv)); /* the firmware's libm has log, not log1p */
  double mu = log(ppt_mean) - 0.5 * sigma * sigma;
  return 0.5 * erfc(-(log(p) - mu) / (sigma * sqrt(2.0)));
}
