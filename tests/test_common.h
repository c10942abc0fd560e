/* SPDX-License-Identifier: Apache-2.0 */
/* Shared includes for cmocka tests. */
#ifndef KN_TEST_COMMON_H
#define KN_TEST_COMMON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

/* Asserts |a - b| <= tol, printing both. */
#define assert_close(a, b, tol)                                                                    \
  do {                                                                                             \
    double a_ = (a), b_ = (b), t_ = (tol);                                                         \
    if (!(fabs(a_ - b_) <= t_)) fail_msg("%s = %.10g, expected %.10g (+- %.3g)", #a, a_, b_, t_);  \
  } while (0)

#endif
