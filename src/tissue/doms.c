/* SPDX-License-Identifier: Apache-2.0 */
/* Soreness over days (tissue/tissue.h): the shape both kinds of soreness share, the delayed-onset
 * soreness an eccentric bout leaves and what massage after the bout does to it. Closed forms, read
 * after a run (never stepped): equations and sources in docs/model.md, "Soreness over days". */
#include <math.h>

#include "tissue/tissue.h"

/* The shape is (x e^(1-x))^k of x = (t - onset) / (peak - onset): 0 at onset, 1 at the peak, a
 * rise and a slower fall like the gamma-shaped curves of the DOMS literature. k makes the curve
 * fall to KN_SORENESS_RESOLVED_SHARE at `resolved`: (x_r e^(1-x_r))^k = share there. */
double kn_soreness_share(const kn_soreness_course *c, double since) {
  if (!(since > c->onset) || !(c->peak > c->onset) || !(c->resolved > c->peak)) return 0.0;
  double rise = c->peak - c->onset;
  double x_resolved = (c->resolved - c->onset) / rise;
  double k = log(KN_SORENESS_RESOLVED_SHARE) / (log(x_resolved) + 1.0 - x_resolved);
  double x = (since - c->onset) / rise;
  return exp(k * (log(x) + 1.0 - x));
}

kn_doms_params kn_doms_params_of(const kn_params *par) {
  return (kn_doms_params){
      .course = {par->doms_onset, par->doms_peak, par->doms_resolved},
      .peak_max = par->doms_peak_max,
      .contractions_sat = par->doms_contractions_sat,
      .massage_reduction = par->doms_massage_reduction,
      .massage_time = par->doms_massage_time,
      .massage_window = par->doms_massage_window,
  };
}

/* Chen & Nosaka 2006: 30 maximal eccentric actions of the elbow flexors damage less than 50 or 70,
 * which do not differ: the dose saturates. A submaximal load counts in proportion to its share of
 * maximum; concentric work gives no dose (Cheung 2003: DOMS follows lengthening contractions). */
double kn_doms_peak(const kn_doms_params *p, int eccentric, double contractions, double level) {
  if (!eccentric || !(contractions > 0.0) || !(level > 0.0)) return 0.0;
  double dose = contractions * level;
  return p->peak_max * (1.0 - exp(-dose / p->contractions_sat));
}

/* Massage within the window after the bout lowers the whole curve by a share that grows with the
 * minutes given and saturates at massage_reduction (calibrated to Guo 2017's pooled effect). */
double kn_doms_massage_factor(const kn_doms_params *p, double massage_time) {
  if (!(massage_time > 0.0)) return 1.0;
  return 1.0 - p->massage_reduction * (1.0 - exp(-massage_time / p->massage_time));
}

double kn_doms_intensity(const kn_doms_params *p, double peak, double factor, double since) {
  return peak * factor * kn_soreness_share(&p->course, since);
}
