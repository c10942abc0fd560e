/* Maximum and minimum of two doubles, inline. fmax/fmin are library calls on x86-64 (the compiler
 * may not inline them without -ffinite-math-only, because of their NaN rule), and the step's hot
 * loops call them tens of millions of times a run. For every pair without a NaN these return what
 * glibc's fmax/fmin return, signed zeros included (the first argument when the two compare equal),
 * so swapping one for the other moves no output. With a NaN in `a` they return it (fmax would
 * return b): use them where the values are finite, as the stage contract checks
 * (src/core/stage.h). */
#ifndef KN_CORE_FMATH_H
#define KN_CORE_FMATH_H

static inline double kn_max(double a, double b) {
  return b > a ? b : a;
}

static inline double kn_min(double a, double b) {
  return b < a ? b : a;
}

#endif
