/* SPDX-License-Identifier: Apache-2.0 */
/* core/format: kn_format_g6 writes exactly printf's "%.6g" (checked against snprintf, the
 * reference, on millions of values of every magnitude and on the ties and boundaries where a fast
 * path goes wrong), and the RFC 4180 field writer and splitter agree with each other and with the
 * RFC's examples. */
#include "test_common.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/format.h"

static void expect_printf(double x) {
  char fast[KN_FORMAT_G6_MAX], ref[64];
  size_t n = kn_format_g6(x, fast);
  snprintf(ref, sizeof ref, "%.6g", x);
  if (strcmp(fast, ref) != 0) fail_msg("%.17g: kn_format_g6 \"%s\", printf \"%s\"", x, fast, ref);
  assert_int_equal(n, strlen(ref));
}

/* The values a shortcut gets wrong: zeros, powers of ten and the numbers either side of them,
 * exact ties at the seventh digit (printf rounds them half to even), the %g switch points between
 * fixed and exponent notation, subnormals, the largest doubles, infinities and NaN. */
static void test_edges(void **state) {
  (void)state;
  const double edges[] = {0.0,
                          -0.0,
                          1.0,
                          -1.0,
                          0.5,
                          100000.5,
                          100001.5,
                          1234565.0,
                          1234575.0,
                          999999.5,
                          999999.49,
                          9999995.0,
                          0.0001,
                          0.00009999995,
                          1e-5,
                          123456.0,
                          1234567.0,
                          1e6,
                          999999.0,
                          0.1,
                          0.3,
                          2.5,
                          1e21,
                          1e22,
                          1e23,
                          1e-300,
                          5e-324,
                          1.7976931348623157e308,
                          2.2250738585072014e-308,
                          HUGE_VAL,
                          -HUGE_VAL,
                          NAN,
                          37.0,
                          -273.15};
  for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
    expect_printf(edges[i]);
  for (int e = -30; e <= 30; e++) { /* each power of ten and its neighbours */
    double p = pow(10.0, e);
    expect_printf(p);
    expect_printf(nextafter(p, 0.0));
    expect_printf(nextafter(p, INFINITY));
  }
}

/* xorshift64: a fixed stream, so a failure names a value that reproduces. */
static uint64_t next(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static void test_random_values(void **state) {
  (void)state;
  uint64_t s = 88172645463325252ULL;
  for (int i = 0; i < 500000; i++) {
    uint64_t r = next(&s);
    double x;
    memcpy(&x, &r, sizeof x); /* any bit pattern: every exponent, NaN and infinity */
    expect_printf(x);
    /* uniform mantissas over the decades a simulation writes */
    double m = (double)(next(&s) >> 11) * 0x1.0p-53;
    expect_printf((r & 1 ? -m : m) * pow(10.0, (int)(r % 41) - 20));
    /* short decimals (a few significant digits), whose seventh digit is often a tie */
    expect_printf((double)(int64_t)(r % 20000001 - 10000000) / pow(10.0, (int)(r % 9)));
  }
}

/* Writes s as a field into memory and returns the text (static buffer). */
static const char *written(const char *s) {
  static char text[256];
  FILE *f = fmemopen(text, sizeof text, "w");
  assert_non_null(f);
  assert_int_equal(kn_csv_field(f, s), 0);
  fclose(f);
  return text;
}

static void test_csv_fields(void **state) {
  (void)state;
  assert_string_equal(written("plain"), "plain");
  assert_string_equal(written("human data"), "human data"); /* spaces need no quotes */
  assert_string_equal(written("a,b"), "\"a,b\"");
  assert_string_equal(written("say \"hi\""), "\"say \"\"hi\"\"\"");
  assert_string_equal(written("two\nlines"), "\"two\nlines\"");
  /* the splitter reads back what the writer wrote, and the RFC's example line */
  char line[] = "1,\"a,b\",\"say \"\"hi\"\"\",,last";
  char *rest = line;
  const char *want[] = {"1", "a,b", "say \"hi\"", "", "last"};
  for (size_t k = 0; k < 5; k++) {
    assert_non_null(rest);
    assert_string_equal(kn_csv_field_next(&rest), want[k]);
  }
  assert_null(rest);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_edges),
      cmocka_unit_test(test_random_values),
      cmocka_unit_test(test_csv_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
