/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of kn_quantity_parse: conversions to SI against values worked out by hand from the
 * unit definitions, and the refusals (wrong dimension, no unit, not a number) with their messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <string.h>

#include "knead/spec.h"

/* Parses text into si and returns the value; fails the test on any error. */
static double parse_ok(const char *text, const char *si, const char *def) {
  double v = -12345.0;
  char msg[512];
  int rc = kn_quantity_parse(text, si, def, &v, msg, sizeof msg);
  if (rc != KN_OK) fail_msg("\"%s\" -> %s: %s (%s)", text, si, msg, kn_errname(rc));
  return v;
}

/* Relative comparison: the conversions are a multiplication or two, exact to a few ulp. */
static void assert_close(double got, double want) {
  double tol = 1e-12 * fmax(1.0, fabs(want));
  if (fabs(got - want) > tol) fail_msg("got %.17g, want %.17g", got, want);
}

/* Expects text to be refused with code and exactly msg. */
static void parse_fails(const char *text, const char *si, const char *def, int code,
                        const char *want) {
  double v = 42.0;
  char msg[512] = "";
  int rc = kn_quantity_parse(text, si, def, &v, msg, sizeof msg);
  if (rc != code)
    fail_msg("\"%s\": got %s, want %s (%s)", text, kn_errname(rc), kn_errname(code), msg);
  assert_string_equal(msg, want);
  assert_true(v == 42.0); /* untouched on failure */
}

static void test_force(void **state) {
  (void)state;
  assert_close(parse_ok("40 N", "N", NULL), 40.0);
  assert_close(parse_ok("40N", "N", NULL), 40.0);
  assert_close(parse_ok("  40   N  ", "N", NULL), 40.0);
  assert_close(parse_ok("0.04 kN", "N", NULL), 40.0);
  assert_close(parse_ok("1e3 N", "N", NULL), 1000.0);
  assert_close(parse_ok("+2.5E1 N", "N", NULL), 25.0);
  assert_close(parse_ok(".5 N", "N", NULL), 0.5);
  /* 1 kgf = standard gravity 9.80665 m/s^2 times 1 kg */
  assert_close(parse_ok("1 kgf", "N", NULL), 9.80665);
  assert_close(parse_ok("4 kgf", "N", NULL), 39.2266);
  /* 1 lbf = 0.45359237 kg x 9.80665 m/s^2 = 4.4482216152605 N */
  assert_close(parse_ok("1 lbf", "N", NULL), 4.4482216152605);
}

static void test_pressure(void **state) {
  (void)state;
  /* 1 kgf/cm^2 = 9.80665 N / 1e-4 m^2 = 98066.5 Pa */
  assert_close(parse_ok("1 kgf/cm^2", "Pa", NULL), 98066.5);
  assert_close(parse_ok("2.5 kgf/cm^2", "Pa", NULL), 245166.25);
  assert_close(parse_ok("2.5 kgf/cm2", "Pa", NULL), 245166.25);
  /* 1 mmHg = 13.5951 g/cm^3 x 9.80665 m/s^2 x 1 mm = 133.322387415 Pa (UDUNITS-2's definition;
   * the conventional value is 133.322 Pa) */
  assert_close(parse_ok("1 mmHg", "Pa", NULL), 133.322387415);
  assert_close(parse_ok("30 mmHg", "Pa", NULL), 30 * 133.322387415);
  assert_true(fabs(parse_ok("1 mmHg", "Pa", NULL) - 133.322) < 0.001);
  assert_close(parse_ok("300 kPa", "Pa", NULL), 300000.0);
  assert_close(parse_ok("10 N/cm^2", "Pa", NULL), 100000.0);
  /* 1 psi = 1 lbf / (0.0254 m)^2 = 4.4482216152605 / 6.4516e-4 = 6894.757293168361 Pa */
  assert_close(parse_ok("1 psi", "Pa", NULL), 6894.757293168361);
}

static void test_speed_length_area(void **state) {
  (void)state;
  assert_close(parse_ok("3 cm/s", "m/s", NULL), 0.03);
  assert_close(parse_ok("3 cm s-1", "m/s", NULL), 0.03);
  assert_close(parse_ok("1.8 km/h", "m/s", NULL), 0.5);
  assert_close(parse_ok("15 cm", "m", NULL), 0.15);
  assert_close(parse_ok("168 cm", "m", NULL), 1.68);
  assert_close(parse_ok("132 mm^2", "m2", NULL), 1.32e-4);
  assert_close(parse_ok("1.5 cm^2", "m2", NULL), 1.5e-4);
  assert_close(parse_ok("1 m^2", "m2", NULL), 1.0);
}

static void test_time_frequency(void **state) {
  (void)state;
  assert_close(parse_ok("2 min", "s", NULL), 120.0);
  assert_close(parse_ok("90 s", "s", NULL), 90.0);
  assert_close(parse_ok("1 ms", "s", NULL), 0.001);
  assert_close(parse_ok("0.1 ms", "s", NULL), 1e-4);
  assert_close(parse_ok("1.5 h", "s", NULL), 5400.0);
  assert_close(parse_ok("1 Hz", "Hz", NULL), 1.0);
  assert_close(parse_ok("120 min-1", "Hz", NULL), 2.0);
  assert_close(parse_ok("6 s-1", "Hz", NULL), 6.0);
}

static void test_temperature_angle_fraction(void **state) {
  (void)state;
  /* degC = K - 273.15 */
  assert_close(parse_ok("38.2 degC", "K", NULL), 311.35);
  assert_close(parse_ok("37 °C", "K", NULL), 310.15);
  assert_close(parse_ok("310 K", "K", NULL), 310.0);
  /* degrees to radians: x pi / 180 */
  assert_close(parse_ok("30 deg", "rad", NULL), 0.52359877559829882);
  assert_close(parse_ok("90 degree", "rad", NULL), 1.5707963267948966);
  assert_close(parse_ok("1 rad", "rad", NULL), 1.0);
  /* percent is 1/100 of the dimensionless one */
  assert_close(parse_ok("28 %", "1", NULL), 0.28);
  assert_close(parse_ok("28%", "1", NULL), 0.28);
  assert_close(parse_ok("0.28", "1", "1"), 0.28);
}

static void test_default_unit(void **state) {
  (void)state;
  assert_close(parse_ok("45", "year", "year"), 45.0);
  assert_close(parse_ok("45 years", "year", "year"), 45.0);
  assert_close(parse_ok("45 year", "year", "year"), 45.0);
  assert_close(parse_ok("40", "N", "N"), 40.0);
  assert_close(parse_ok("2", "s", "min"), 120.0);
  /* a unit that is given wins over the default */
  assert_close(parse_ok("90 s", "s", "min"), 90.0);
}

static void test_wrong_dimension(void **state) {
  (void)state;
  parse_fails("3 cm/s", "N", NULL, KN_EUNIT, "expected a force (N), got \"3 cm/s\"");
  parse_fails("40 N", "Pa", NULL, KN_EUNIT, "expected a pressure (Pa), got \"40 N\"");
  parse_fails("2 min", "m/s", NULL, KN_EUNIT, "expected a speed (m/s), got \"2 min\"");
  parse_fails("2 m", "s", NULL, KN_EUNIT, "expected a time (s), got \"2 m\"");
  parse_fails("3 s", "m", NULL, KN_EUNIT, "expected a length (m), got \"3 s\"");
  parse_fails("3 cm", "m2", NULL, KN_EUNIT, "expected an area (m^2), got \"3 cm\"");
  parse_fails("3 s", "Hz", NULL, KN_EUNIT, "expected a frequency (Hz), got \"3 s\"");
  parse_fails("3 N", "K", NULL, KN_EUNIT, "expected a temperature (degC), got \"3 N\"");
  parse_fails("3 N", "rad", NULL, KN_EUNIT, "expected an angle (deg), got \"3 N\"");
  /* UDUNITS-2 converts reciprocals (2 Hz -> 0.5 s); we refuse them */
  parse_fails("2 Hz", "s", NULL, KN_EUNIT, "expected a time (s), got \"2 Hz\"");
  parse_fails("2 s", "Hz", NULL, KN_EUNIT, "expected a frequency (Hz), got \"2 s\"");
  parse_fails("45 kg", "year", "year", KN_EUNIT, "expected a time (years), got \"45 kg\"");
}

static void test_missing_or_bad_unit(void **state) {
  (void)state;
  parse_fails("40", "N", NULL, KN_EUNIT, "missing unit: write e.g. \"40 N\"");
  parse_fails("2", "s", NULL, KN_EUNIT, "missing unit: write e.g. \"2 min\"");
  parse_fails("3", "m/s", NULL, KN_EUNIT, "missing unit: write e.g. \"3 cm/s\"");
  parse_fails("40 Nw", "N", NULL, KN_EUNIT, "unknown unit \"Nw\" in \"40 Nw\"");
  parse_fails("1 s since 2000-01-01", "s", NULL, KN_EUNIT,
              "expected a time (s), got \"1 s since 2000-01-01\"");
  parse_fails("1 K @ 273.15", "K", NULL, KN_EUNIT,
              "unknown unit \"K @ 273.15\" in \"1 K @ 273.15\"");
}

static void test_not_a_number(void **state) {
  (void)state;
  parse_fails("", "N", NULL, KN_EPARSE, "missing value: write e.g. \"40 N\"");
  parse_fails("   ", "N", NULL, KN_EPARSE, "missing value: write e.g. \"40 N\"");
  parse_fails("N", "N", NULL, KN_EPARSE, "expected a number with a unit, e.g. \"40 N\", got \"N\"");
  parse_fails("forty N", "N", NULL, KN_EPARSE,
              "expected a number with a unit, e.g. \"40 N\", got \"forty N\"");
  parse_fails("inf N", "N", NULL, KN_EPARSE,
              "expected a number with a unit, e.g. \"40 N\", got \"inf N\"");
  parse_fails("nan N", "N", NULL, KN_EPARSE,
              "expected a number with a unit, e.g. \"40 N\", got \"nan N\"");
  parse_fails("1e999 N", "N", NULL, KN_EPARSE, "\"1e999 N\" is not a finite number");
  parse_fails("1e308 km", "m", NULL, KN_EPARSE, "\"1e308 km\" is not a finite number");
  parse_fails("40 100 N", "N", NULL, KN_EPARSE,
              "expected one number and a unit, e.g. \"40 N\", got \"40 100 N\"");
}

static void test_arguments(void **state) {
  (void)state;
  double v = 0.0;
  char msg[64];
  assert_int_equal(kn_quantity_parse(NULL, "N", NULL, &v, msg, sizeof msg), KN_EINVAL);
  assert_int_equal(kn_quantity_parse("1 N", NULL, NULL, &v, msg, sizeof msg), KN_EINVAL);
  assert_int_equal(kn_quantity_parse("1 N", "N", NULL, NULL, msg, sizeof msg), KN_EINVAL);
  /* no message buffer is fine */
  assert_int_equal(kn_quantity_parse("1 N", "N", NULL, &v, NULL, 0), KN_OK);
  assert_int_equal(kn_quantity_parse("1 m", "N", NULL, &v, NULL, 0), KN_EUNIT);
  /* a small buffer truncates but stays terminated */
  char small[8];
  assert_int_equal(kn_quantity_parse("3 cm/s", "N", NULL, &v, small, sizeof small), KN_EUNIT);
  assert_int_equal(strlen(small), sizeof small - 1);
}

/* A program that switched to a decimal-comma locale must still read "2.5". */
static void test_locale_independent(void **state) {
  (void)state;
  const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", NULL};
  const char *set = NULL;
  for (int i = 0; names[i] && !set; i++)
    set = setlocale(LC_NUMERIC, names[i]);
  if (set == NULL) skip(); /* no such locale installed here */
  double v = parse_ok("2.5 N", "N", NULL);
  setlocale(LC_NUMERIC, "C");
  assert_close(v, 2.5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_force),
      cmocka_unit_test(test_pressure),
      cmocka_unit_test(test_speed_length_area),
      cmocka_unit_test(test_time_frequency),
      cmocka_unit_test(test_temperature_angle_fraction),
      cmocka_unit_test(test_default_unit),
      cmocka_unit_test(test_wrong_dimension),
      cmocka_unit_test(test_missing_or_bad_unit),
      cmocka_unit_test(test_not_a_number),
      cmocka_unit_test(test_arguments),
      cmocka_unit_test(test_locale_independent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
