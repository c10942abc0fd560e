/* Stress under a uniform circular load on an elastic half-space (Boussinesq; Love 1929).
 *
 * The point-load kernel sigma_z = 3 P z^3 / (2 pi R^5) integrates in closed form along any ray from
 * the field point's projection: int s ds / (z^2 + s^2)^(5/2) = -1 / (3 (z^2 + s^2)^(3/2)). What
 * remains is one smooth integral over the ray angle, between where the ray enters and leaves the
 * disc. */
#include <math.h>

#include "core/units.h"
#include "knead/error.h"
#include "knead/mechanics.h"

/* Fewest rays kn_boussinesq_field integrates over: a numerical floor, so that a caller's small or
 * bad n still gives a usable midpoint sum (the integrand has no singularity to resolve). */
#define RAYS_MIN 8
/* Rays per entry of the stress table. The table is built once per model, so this is cheap; the
 * validation harness checks the table against a 1024-ray integral (src/validate/run_formula.c). */
#define TABLE_RAYS 512

double kn_boussinesq_axis(double p, double a, double z) {
  if (z <= 0.0) return p;
  double q = a / z;
  return p * (1.0 - pow(1.0 + q * q, -1.5));
}

/* z^3 / (z^2 + s^2)^(3/2): the share of a ray's load beyond distance s (0 at s = inf, 1 at s = 0).
 */
static double ray_tail(double z, double s) {
  double h = sqrt(z * z + s * s);
  double c = z / h;
  return c * c * c;
}

/* Share of the load seen along the ray of direction (c, s) = (cos th, sin th), th measured from the
 * +r direction, from a field point at distance r from the disc's centre. */
static double ray_share(double a, double z, double r, double c, double s) {
  double disc = a * a - r * r * s * s; /* the ray meets the disc edge where this is >= 0 */
  if (disc < 0.0) return 0.0;
  double root = sqrt(disc);
  double s_far = -r * c + root; /* where the ray leaves the disc */
  if (s_far <= 0.0) return 0.0;
  double s_near = -r * c - root; /* where it enters (negative: the field point is inside) */
  if (s_near < 0.0) s_near = 0.0;
  return ray_tail(z, s_near) - ray_tail(z, s_far);
}

/* The trigonometry of an n-ray integral that does not depend on the field point. The stress table
 * computes it once for all its entries (its build was mostly sin and cos); a single evaluation
 * passes NULL arrays and computes each angle as it goes. Either way each value is the same
 * expression, so the results are identical. */
typedef struct ray_angles {
  int n;
  double *cos_mid, *sin_mid; /* cos, sin of (i + 1/2) 2 pi / n: rays of a point inside the disc */
  double *sin_phi, *cos_phi; /* sin, cos of -pi/2 + (i + 1/2) pi / n: a point outside */
} ray_angles;

static void ray_angles_fill(ray_angles *g) {
  double dth = 2.0 * KN_PI / g->n, dphi = KN_PI / g->n;
  for (int i = 0; i < g->n; i++) {
    double th = (i + 0.5) * dth, phi = -0.5 * KN_PI + (i + 0.5) * dphi;
    g->cos_mid[i] = cos(th);
    g->sin_mid[i] = sin(th);
    g->sin_phi[i] = sin(phi);
    g->cos_phi[i] = cos(phi);
  }
}

/* The integral over the ray angle, without the factor p / (2 pi); z > 0, r >= 0. */
static double ray_sum(const ray_angles *g, double a, double z, double r) {
  int n = g->n;
  double sum = 0.0;
  if (r <= a) {
    /* every ray meets the disc: a smooth periodic integrand, where the midpoint rule excels */
    double dth = 2.0 * KN_PI / n;
    for (int i = 0; i < n; i++) {
      double th = (i + 0.5) * dth;
      double c = g->cos_mid ? g->cos_mid[i] : cos(th), s = g->sin_mid ? g->sin_mid[i] : sin(th);
      sum += ray_share(a, z, r, c, s) * dth;
    }
  } else {
    /* only rays within alpha of the centre direction meet the disc; th = pi + alpha sin(phi)
     * removes the square-root behaviour at the tangent rays */
    double alpha = asin(a / r), dphi = KN_PI / n;
    for (int i = 0; i < n; i++) {
      double phi = -0.5 * KN_PI + (i + 0.5) * dphi;
      double sp = g->sin_phi ? g->sin_phi[i] : sin(phi), cp = g->cos_phi ? g->cos_phi[i] : cos(phi);
      double th = KN_PI + alpha * sp;
      sum += ray_share(a, z, r, cos(th), sin(th)) * alpha * cp * dphi;
    }
  }
  return sum;
}

/* The field of a unit load on a unit disc at the surface (z <= 0): the load's own pressure (as
 * kn_boussinesq_field at z <= 0). */
static double surface_unit(double r) {
  return r < 1.0 ? 1.0 : (r == 1.0 ? 0.5 : 0.0);
}

double kn_boussinesq_field(double p, double a, double z, double r, int n) {
  if (n < RAYS_MIN) n = RAYS_MIN;
  if (r < 0.0) r = -r;
  if (z <= 0.0) return r < a ? p : (r == a ? 0.5 * p : 0.0);
  ray_angles g = {n, NULL, NULL, NULL, NULL};
  return p * ray_sum(&g, a, z, r) / (2.0 * KN_PI);
}

double kn_boussinesq_axis_shear(double p, double a, double z, double nu) {
  if (z < 0.0) z = 0.0;
  double h = sqrt(a * a + z * z);
  double c = z / h;
  double sz = p * (1.0 - c * c * c);
  /* radial stress on the axis, compression positive (Johnson, Contact Mechanics, eq. 3.41) */
  double sr = 0.5 * p * ((1.0 + 2.0 * nu) - 2.0 * (1.0 + nu) * c + c * c * c);
  return 0.5 * fabs(sz - sr);
}

size_t kn_stress_table_size(int nrho, int nzeta) {
  if (nrho < 2 || nzeta < 2) return 0;
  return (size_t)nrho * (size_t)nzeta;
}

int kn_stress_table_init(kn_stress_table *t, int nrho, int nzeta, double rho_max, double zeta_max,
                         double *values) {
  if (!t || !values || nrho < 2 || nzeta < 2 || !(rho_max > 0.0) || !(zeta_max > 0.0))
    return KN_EINVAL;
  t->nrho = nrho;
  t->nzeta = nzeta;
  t->rho_max = rho_max;
  t->zeta_max = zeta_max;
  t->values = values;
  double cm[TABLE_RAYS], sm[TABLE_RAYS], sp[TABLE_RAYS], cp[TABLE_RAYS];
  ray_angles g = {TABLE_RAYS, cm, sm, sp, cp};
  ray_angles_fill(&g);
  for (int iz = 0; iz < nzeta; iz++) {
    double zeta = zeta_max * iz / (nzeta - 1);
    for (int ir = 0; ir < nrho; ir++) { /* kn_boussinesq_field(1, 1, zeta, rho, TABLE_RAYS) */
      double rho = rho_max * ir / (nrho - 1);
      values[iz * nrho + ir] =
          zeta <= 0.0 ? surface_unit(rho) : ray_sum(&g, 1.0, zeta, rho) / (2.0 * KN_PI);
    }
  }
  return KN_OK;
}

/* Far from the disc the load acts as a point force P = p pi a^2: I = 3 zeta^3 / (2 R^5), R in units
 * of a. Used beyond the table, where it is accurate to a few per cent. */
static double far_field(double rho, double zeta) {
  double R2 = rho * rho + zeta * zeta;
  if (R2 <= 0.0) return 1.0;
  double R = sqrt(R2);
  return 1.5 * zeta * zeta * zeta / (R2 * R2 * R);
}

double kn_stress_table_lookup(const kn_stress_table *t, double rho, double zeta) {
  if (rho < 0.0) rho = -rho;
  if (zeta < 0.0) zeta = 0.0;
  if (rho > t->rho_max || zeta > t->zeta_max) return far_field(rho, zeta);
  double fr = rho / t->rho_max * (t->nrho - 1);
  double fz = zeta / t->zeta_max * (t->nzeta - 1);
  int ir = (int)fr, iz = (int)fz;
  if (ir >= t->nrho - 1) ir = t->nrho - 2;
  if (iz >= t->nzeta - 1) iz = t->nzeta - 2;
  double wr = fr - ir, wz = fz - iz;
  const double *row0 = t->values + (size_t)iz * (size_t)t->nrho;
  const double *row1 = row0 + t->nrho;
  double v0 = row0[ir] + wr * (row0[ir + 1] - row0[ir]);
  double v1 = row1[ir] + wr * (row1[ir + 1] - row1[ir]);
  return v0 + wz * (v1 - v0);
}

double kn_bone_backed_factor(double influence, double gain) {
  double f = gain * influence;
  return f > 1.0 ? 1.0 : f;
}
