/* SPDX-License-Identifier: Apache-2.0 */
/* knead — mechanics: from a hand on the skin to stress at depth, against the body's limits.
 *
 * Soft tissue is treated as a linear elastic half-space under a uniform circular load (Boussinesq /
 * Love). The vertical stress on the axis has a closed form; off the axis it is one integral over
 * the angle, with the radial part done exactly, so the whole field is cheap and accurate. A model
 * keeps a table of the normalised stress I(r/a, z/a) so a step costs one bilinear look-up. */
#ifndef KNEAD_MECHANICS_H
#define KNEAD_MECHANICS_H

#include "knead/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Vertical stress (Pa, compression positive) on the axis of a uniform circular load of pressure p
 * (Pa) and radius a (m) at depth z (m, >= 0): p [1 - (1 + (a/z)^2)^(-3/2)]. */
KN_API double kn_boussinesq_axis(double p, double a, double z);

/* Vertical stress (Pa) at depth z (m) and horizontal distance r (m) from the axis of the same load,
 * by integrating the point-load kernel over the loaded disc: the radial integral exactly, the
 * angular one with n midpoint steps (n >= 8; 256 gives better than 1e-6 relative). */
KN_API double kn_boussinesq_field(double p, double a, double z, double r, int n);

/* Largest shear stress (Pa) on the axis at depth z, with Poisson ratio nu: |sigma_z - sigma_r| / 2.
 */
KN_API double kn_boussinesq_axis_shear(double p, double a, double z, double nu);

/* Grid of the normalised vertical stress I = sigma_z / p over rho = r/a in [0, rho_max] and
 * zeta = z/a in [0, zeta_max]. The caller owns the memory (nrho*nzeta doubles). */
typedef struct kn_stress_table {
  int nrho, nzeta; /* grid points along r/a and z/a (>= 2 each) */
  double rho_max;  /* largest r/a tabulated; beyond it the point-load far field is used */
  double zeta_max; /* largest z/a tabulated; beyond it the point-load far field is used */
  double *values;  /* 1 (nrho*nzeta), row-major in zeta: values[iz*nrho + ir] */
} kn_stress_table;

/* Doubles a table of nrho x nzeta points needs. */
KN_API size_t kn_stress_table_size(int nrho, int nzeta);
/* Fills values (caller-provided, kn_stress_table_size() doubles). Returns 0 or KN_EINVAL. */
KN_API int kn_stress_table_init(kn_stress_table *t, int nrho, int nzeta, double rho_max,
                                double zeta_max, double *values);
/* Normalised stress I(r/a, z/a) by bilinear interpolation; far-field point load outside the grid.
 */
KN_API double kn_stress_table_lookup(const kn_stress_table *t, double rho, double zeta);

/* Stress on a structure lying directly on bone at depth z: the bone cannot yield, so the stress
 * does not spread away below it. Image approximation: min(1, gain * I) of the load pressure. */
KN_API double kn_bone_backed_factor(double influence, double gain);

/* Probability (0..1) that a surface pressure p (Pa) is painful for a person whose threshold is
 * log-normal with mean ppt_mean and standard deviation ppt_sd (Pa); 0 at p <= 0. */
KN_API double kn_pain_probability(double p, double ppt_mean, double ppt_sd);
/* Median (Pa) of that log-normal threshold: the pressure painful to half of people. */
KN_API double kn_pain_median(double ppt_mean, double ppt_sd);
/* Probability (0..1) that pressure p (Pa), held t_held s and then lifted for t_after s, is felt
 * as painful on that threshold, with temporal summation and after-pain at the parameter table's
 * defaults (pain_sum_gain, pain_sum_time, pain_after_time; docs/model.md "Pain with time"). */
KN_API double kn_pain_held(double p, double ppt_mean, double ppt_sd, double t_held, double t_after);
/* Probability (0..1) that a muscle held t_held s at muscle flow `flow` (relative to rest; 0: no
 * flow, as under a tourniquet) and activation `activation` (0..1) hurts from ischaemia, at the
 * parameter table's defaults (pain_isch_*; docs/model.md "Ischaemic pain"). */
KN_API double kn_pain_ischaemic_held(double flow, double activation, double t_held);

#ifdef __cplusplus
}
#endif
#endif
