/* SPDX-License-Identifier: Apache-2.0 */
/* Hill-type muscle curves. Force-length and passive force: the piecewise-quadratic shapes
 * documented for MuJoCo's muscle model [mujoco_muscle], written from their description (each piece
 * a quadratic or a line, joined with matching slopes). Force-velocity: Hill's hyperbola when
 * shortening, as Thelen 2003 writes it at full activation [thelen2003].
 *
 *   active force-length  a "bump": 0 at lmin, rising to 1 at L = 1, back to 0 at lmax; on each
 *                        side two quadratics meet halfway (value 1/2 there)
 *   force-velocity       0 for V <= -vmax; (1 + v) / (1 - v/af) for -1 < v = V/vmax <= 0 (slope
 *                        1 + 1/af at 0); lengthening, a quadratic with the same slope at 0 that
 *                        levels off at fvmax at v = c = 2 (fvmax - 1) / (1 + 1/af), flat beyond
 *   passive              0 for L <= 1, quadratic to (1 + lmax)/2, linear beyond, reaching fpmax
 *                        at lmax (MuJoCo's documented meaning of fpmax)
 *
 * The slope of the force-velocity curve at V = 0 is the muscle's viscosity: MuJoCo's parabola with
 * vmax 1.5 L0/s gave 1.33 per L0/s, Thelen's hyperbola with vmax 10 L0/s gives 0.5, and that
 * damping decides whether a stretch reflex loop can ring (docs/model.md, "Clonus"). Validation
 * compares the curves with Thelen 2003 (src/validate/cases_pool.c). */
#include <math.h>

#include "neuromuscular/muscle_params.h"

void kn_hill_params_from(const kn_params *par, kn_hill_params *p) {
  if (!par || !p) return;
  *p = (kn_hill_params){.lmin = par->hill_lmin,
                        .lmax = par->hill_lmax,
                        .vmax = par->hill_vmax,
                        .fpmax = par->hill_fpmax,
                        .fvmax = par->hill_fvmax,
                        .t_act = par->hill_t_act,
                        .t_deact = par->hill_t_deact,
                        .af = par->hill_fv_af};
}

void kn_hill_params_default(kn_hill_params *p) {
  if (!p) return;
  kn_params par;
  kn_params_default(&par);
  kn_hill_params_from(&par, p);
}

/* One side of the bump as a function of s in [0, 1] (0 at the foot, 1 at the top): 2 s^2 up to the
 * middle, 1 - 2 (1 - s)^2 after it. Value 1/2 and slope 2 at s = 1/2, slope 0 at the top. */
static double half_bump(double s) {
  if (s <= 0.0) return 0.0;
  if (s >= 1.0) return 1.0;
  if (s < 0.5) return 2.0 * s * s;
  double r = 1.0 - s;
  return 1.0 - 2.0 * r * r;
}

double kn_hill_fl(const kn_hill_params *p, double L) {
  if (!p || !(L > p->lmin && L < p->lmax)) return 0.0; /* also NaN */
  if (L <= 1.0) return half_bump((L - p->lmin) / (1.0 - p->lmin));
  return half_bump((p->lmax - L) / (p->lmax - 1.0));
}

double kn_hill_fv(const kn_hill_params *p, double V) {
  if (!p || isnan(V)) return 0.0;
  double v = V / p->vmax; /* in units of the maximal shortening speed */
  if (v <= -1.0) return 0.0;
  if (v <= 0.0) return (1.0 + v) / (1.0 - v / p->af);
  double slope = 1.0 + 1.0 / p->af;          /* of the hyperbola at v = 0 */
  double c = 2.0 * (p->fvmax - 1.0) / slope; /* lengthening speed (in vmax) where it saturates */
  if (c <= 0.0) return 1.0;                  /* no eccentric enhancement */
  if (v >= c) return p->fvmax;
  double r = 1.0 - v / c;
  return p->fvmax - (p->fvmax - 1.0) * r * r; /* slope 2 (fvmax - 1) / c = slope at v = 0 */
}

double kn_hill_passive(const kn_hill_params *p, double L) {
  if (!p || !(L > 1.0)) return 0.0; /* also NaN */
  double b = 0.5 * (1.0 + p->lmax); /* where the quadratic hands over to the line */
  double w = b - 1.0;               /* = lmax - b */
  /* k x^2 on [1, b] and k (1 + 2 x) beyond, x in units of w: the slopes match at b (2k), and
   * k = fpmax / 3 puts fpmax at lmax (x = 1 past b) */
  double k = p->fpmax / 3.0;
  if (L <= b) {
    double x = (L - 1.0) / w;
    return k * x * x;
  }
  return k * (1.0 + 2.0 * (L - b) / w);
}
