/* SPDX-License-Identifier: Apache-2.0 */
/* knead — incidence and relative risk with their confidence intervals.
 *
 * Wilson's score interval keeps its coverage near the nominal level for rare events and small
 * cohorts, where the textbook (Wald) interval collapses to zero width at k = 0 (Newcombe 1998
 * compares seven methods). Relative risk uses Katz's interval on the log scale. */
#include "knead/cohort.h"

#include <math.h>

kn_interval kn_wilson(uint64_t k, uint64_t n, double z) {
  kn_interval r = {0.0, 0.0, 1.0};
  if (n == 0) return r;
  double nn = (double)n, p = (double)k / nn, z2 = z * z;
  double centre = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
  double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / (1.0 + z2 / nn);
  r.est = p;
  r.lo = k == 0 ? 0.0 : fmax(0.0, centre - half); /* exact ends where the formula rounds */
  r.hi = k == n ? 1.0 : fmin(1.0, centre + half);
  return r;
}

int kn_relative_risk(uint64_t k1, uint64_t n1, uint64_t k0, uint64_t n0, double z,
                     kn_interval *out) {
  if (n1 == 0 || n0 == 0 || (k1 == 0 && k0 == 0)) return -1;
  double a = (double)k1, b = (double)n1, c = (double)k0, d = (double)n0;
  if (k1 == 0 || k0 == 0) { /* Haldane: half an event (and half a subject) in every cell */
    a += 0.5;
    c += 0.5;
    b += 1.0;
    d += 1.0;
  }
  double rr = (a / b) / (c / d);
  double se = sqrt(1.0 / a - 1.0 / b + 1.0 / c - 1.0 / d);
  out->est = rr;
  out->lo = rr * exp(-z * se);
  out->hi = rr * exp(z * se);
  return 0;
}
