/* SPDX-License-Identifier: Apache-2.0 */
/* The powers of ten an IEEE-754 double holds exactly, 10^0 .. 10^22: a number read from text
 * (monitor/stream.c, Clinger's fast path) or scaled for printing (core/format.c) rounds once when
 * it is multiplied or divided by one of these. Header-only, so the firmware-safe monitor library
 * needs no other object for it. */
#ifndef KN_CORE_POW10_H
#define KN_CORE_POW10_H

#define KN_POW10_EXACT_MAX 22 /* 10^22 < 2^53 x 2^22: the largest exact power of ten */

/* 10^e for 0 <= e <= KN_POW10_EXACT_MAX (exact); the caller keeps e in that range. */
static inline double kn_pow10_exact(int e) {
  static const double table[KN_POW10_EXACT_MAX + 1] = {
      1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  return table[e];
}

#endif
