/* SPDX-License-Identifier: Apache-2.0 */
/* knead — conversion factors to SI, for writing numbers in the units their papers use (every
 * value the library takes and gives is in SI units). */
#ifndef KNEAD_UNITS_H
#define KNEAD_UNITS_H

#define KN_MMHG 133.322387415       /* Pa per mmHg */
#define KN_KGF 9.80665              /* N per kgf */
#define KN_KPA 1000.0               /* Pa per kPa */
#define KN_N_PER_CM2 1.0e4          /* Pa per N/cm^2 */
#define KN_MM 1.0e-3                /* m per mm */
#define KN_CM 1.0e-2                /* m per cm */
#define KN_MM2 1.0e-6               /* m^2 per mm^2 */
#define KN_CM2 1.0e-4               /* m^2 per cm^2 */
#define KN_MIN 60.0                 /* s per minute */
#define KN_HOUR 3600.0              /* s per hour */
#define KN_DAY 86400.0              /* s per day */
#define KN_WEEK (7.0 * KN_DAY)      /* s per week */
#define KN_MONTH (30.4375 * KN_DAY) /* s per mean month */
#define KN_PI 3.14159265358979323846
#define KN_ZERO_CELSIUS 273.15       /* K at 0 degC */
#define KN_BPM (1.0 / 60.0)          /* 1/s per beat per minute */
#define KN_ML 1.0e-6                 /* m^3 per mL */
#define KN_L_PER_MIN (1.0e-3 / 60.0) /* m^3/s per L/min */

#endif
