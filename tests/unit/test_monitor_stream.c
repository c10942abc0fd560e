/* SPDX-License-Identifier: Apache-2.0 */
/* The monitor's sample stream (kn_stream_parse_line): CSV with or without a header, JSON lines,
 * numbers read exactly and without the locale, and every kind of bad line refused with its column
 * and field while the parser stays as it was. */
#include "test_common.h"

#include <stdio.h>
#include <string.h>

#include "knead/knead.h"

typedef struct line_result {
  int rc;
  kn_monitor_sample s;
  int contact;
  kn_stream_error err;
} line_result;

static line_result parse(kn_stream_parser *p, const char *line) {
  line_result r;
  memset(&r, 0, sizeof r);
  r.contact = -1;
  r.rc = kn_stream_parse_line(p, line, strlen(line), &r.s, &r.contact, &r.err);
  return r;
}

static void expect_error(kn_stream_parser *p, const char *line, int code, int col,
                         const char *field) {
  kn_stream_parser before = *p;
  line_result r = parse(p, line);
  if (r.rc != code)
    fail_msg("\"%s\": rc %d (%s), want %d", line, r.rc, r.rc < 0 ? r.err.message : "", code);
  assert_int_equal(r.err.col, col);
  assert_string_equal(r.err.field, field);
  assert_non_null(r.err.message);
  assert_memory_equal(&before, p, sizeof before); /* a bad line changes nothing */
}

static void test_csv_with_header(void **state) {
  (void)state;
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  assert_int_equal(parse(&p, "# a recorded session\n").rc, 0);
  assert_int_equal(parse(&p, "  \r\n").rc, 0);
  assert_int_equal(parse(&p, "force_N,t_s,region,area_m2,contact_type\r\n").rc, 0);
  line_result r = parse(&p, "12.5,0.001,neck_lateral,0.000132,thumb\r\n");
  assert_int_equal(r.rc, 1);
  assert_true(r.s.t == 0.001);
  assert_true(r.s.force == 12.5);
  assert_int_equal(r.s.region, kn_atlas_find_region("neck_lateral"));
  assert_true(r.s.area == 0.000132);
  assert_int_equal(r.s.contact_type, kn_atlas_find_contact_type("thumb"));
  assert_int_equal(r.contact, 0);
  assert_true(isnan(r.s.x) && isnan(r.s.shear) && r.s.landmark == -1);
  /* fewer fields than columns: the rest are not given */
  r = parse(&p, "0, 0.002");
  assert_int_equal(r.rc, 1);
  assert_int_equal(r.s.region, -1);
  assert_true(isnan(r.s.area));
  /* quoted names */
  r = parse(&p, "3,0.003,\"calf\"");
  assert_int_equal(r.s.region, kn_atlas_find_region("calf"));
  /* a header is only allowed first */
  expect_error(&p, "t_s,force_N", KN_EPARSE, 1, "force_N"); /* read as data */
}

static void test_csv_default_columns(void **state) {
  (void)state;
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  /* t_s,contact,region,landmark,x_m,y_m,force_N,shear_N,velocity_m_per_s,area_m2,contact_type */
  line_result r = parse(&p, "1.5,2,,posterior_triangle,0.001,-0.002,20,3,0.05,1.32e-4,thumb");
  assert_int_equal(r.rc, 1);
  assert_int_equal(r.contact, 2);
  assert_int_equal(r.s.region, -1);
  assert_int_equal(r.s.landmark, kn_atlas_find_landmark("posterior_triangle"));
  assert_true(r.s.x == 0.001 && r.s.y == -0.002 && r.s.force == 20.0 && r.s.shear == 3.0);
  assert_true(r.s.velocity == 0.05 && r.s.area == 1.32e-4);
  /* the no-contact line the simulator's traces use */
  r = parse(&p, "2.000000,0,,,,,0,,,,");
  assert_int_equal(r.rc, 1);
  assert_true(r.s.force == 0.0 && r.s.region == -1);
}

static void test_csv_bad_lines(void **state) {
  (void)state;
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  expect_error(&p, "t_s,force_N,pressure_kPa", KN_EPARSE, 13, "line");
  expect_error(&p, "t_s,force_N,t_s", KN_EPARSE, 13, "t_s");
  expect_error(&p, "t_s,region", KN_EPARSE, 1, "line"); /* no force column */
  assert_int_equal(parse(&p, "t_s,force_N,region").rc, 0);
  expect_error(&p, "0.1,abc,calf", KN_EPARSE, 5, "force_N");
  expect_error(&p, "0.1,1.2.3,calf", KN_EPARSE, 5, "force_N");
  expect_error(&p, "0.1,1e,calf", KN_EPARSE, 5, "force_N");
  expect_error(&p, "0.1,1e999,calf", KN_ERANGE, 5, "force_N");
  expect_error(&p, "0.1,5,calves", KN_ENOTFOUND, 7, "region");
  expect_error(&p, "0.1,5,calf,extra", KN_EPARSE, 12, "line");
  expect_error(&p, "0.1,,calf", KN_EPARSE, 5, "force_N");
  expect_error(&p, ",5,calf", KN_EPARSE, 1, "t_s");
  expect_error(&p, "0.1,5,\"calf", KN_EPARSE, 7, "line");
  expect_error(&p, "0.1,\"5\",calf", KN_EPARSE, 5, "force_N");
  char nul[] = "0.1,5\0,calf";
  kn_stream_error err;
  kn_monitor_sample s;
  int c;
  assert_int_equal(kn_stream_parse_line(&p, nul, sizeof nul - 1, &s, &c, &err), KN_EPARSE);
  assert_int_equal(err.col, 6);
  char name[200];
  memset(name, 'a', sizeof name);
  memcpy(name, "0.1,5,", 6);
  name[sizeof name - 1] = '\0';
  expect_error(&p, name, KN_ENOTFOUND, 7, "region");
  /* and the next good line parses as if none of these had come */
  line_result r = parse(&p, "0.2,5,calf");
  assert_int_equal(r.rc, 1);
  assert_true(r.s.t == 0.2);
}

/* Parses len bytes (which may hold NUL) and expects a refusal at col with the parser unchanged. */
static void expect_bytes_refused(kn_stream_parser *p, const char *line, size_t len, int code,
                                 int col) {
  kn_stream_parser before = *p;
  kn_stream_error err = {0, NULL, NULL};
  kn_monitor_sample s;
  int c;
  int rc = kn_stream_parse_line(p, line, len, &s, &c, &err);
  if (rc != code) fail_msg("%zu bytes: rc %d, want %d", len, rc, code);
  assert_int_equal(err.col, col);
  assert_string_equal(err.field, "line");
  assert_memory_equal(&before, p, sizeof before);
}

/* A line has at most KN_STREAM_LINE_MAX bytes, and it is UTF-8 text: anything else is a bad line
 * (a stream of another encoding, a corrupted byte), refused where it starts; the next line parses.
 */
static void test_line_limits_and_encoding(void **state) {
  (void)state;
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  assert_int_equal(parse(&p, "t_s,force_N,region").rc, 0);
  static char line[3 * KN_STREAM_LINE_MAX];
  /* exactly the limit (the last field's trailing blanks are trimmed), also with a CR LF */
  memset(line, ' ', sizeof line);
  memcpy(line, "0.1,5,calf", 10);
  line[KN_STREAM_LINE_MAX] = '\0';
  line_result r = parse(&p, line);
  assert_int_equal(r.rc, 1);
  assert_int_equal(r.s.region, kn_atlas_find_region("calf"));
  memcpy(line + KN_STREAM_LINE_MAX, "\r\n", 3);
  assert_int_equal(parse(&p, line).rc, 1);
  /* one byte over, or far over: refused at the first byte past the limit */
  memset(line, ' ', sizeof line);
  memcpy(line, "0.1,5,calf", 10);
  expect_bytes_refused(&p, line, KN_STREAM_LINE_MAX + 1, KN_ETOOBIG, KN_STREAM_LINE_MAX + 1);
  expect_bytes_refused(&p, line, sizeof line, KN_ETOOBIG, KN_STREAM_LINE_MAX + 1);
  /* well-formed UTF-8 in a comment is fine, up to four bytes a character */
  assert_int_equal(parse(&p, "# caf\xc3\xa9, \xe2\x82\xac, \xf0\x9f\x98\x80").rc, 0);
  static const struct {
    const char *bytes;
    int col;
  } bad[] = {
      {"# caf\xe9", 6},          /* Latin-1 */
      {"# \x80", 3},             /* a continuation byte alone */
      {"# \xc0\xaf", 3},         /* overlong "/" */
      {"# \xe0\x80\xaf", 3},     /* overlong, three bytes */
      {"# \xed\xa0\x80", 3},     /* a UTF-16 surrogate */
      {"# \xf4\x90\x80\x80", 3}, /* above U+10FFFF */
      {"# \xf5\x80\x80\x80", 3}, /* no such lead byte */
      {"# \xe2\x82", 3},         /* cut short by the end of the line */
      {"0.1,5,cal\xc3\x28", 10}, /* a bad continuation, in a value */
      {"\xff\xfe", 1},           /* a UTF-16 byte-order mark */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    expect_bytes_refused(&p, bad[i].bytes, strlen(bad[i].bytes), KN_EPARSE, bad[i].col);
  /* UTF-16LE "t_s": the first offending byte is the mark, before the NUL bytes */
  static const char utf16[] = "\xff\xfet\0_\0s\0";
  expect_bytes_refused(&p, utf16, sizeof utf16 - 1, KN_EPARSE, 1);
  static const char nul_first[] = "0.1,\0\xff";
  expect_bytes_refused(&p, nul_first, sizeof nul_first - 1, KN_EPARSE, 5);
  r = parse(&p, "0.2,5,calf");
  assert_int_equal(r.rc, 1);
  assert_true(r.s.t == 0.2);
}

static void test_json_lines(void **state) {
  (void)state;
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  line_result r = parse(&p, "{\"t_s\": 0.25, \"region\": \"calf\", \"force_N\": 30, "
                            "\"contact_type\": \"palm\", \"area_m2\": null, \"contact\": 1}");
  assert_int_equal(r.rc, 1);
  assert_true(r.s.t == 0.25 && r.s.force == 30.0);
  assert_int_equal(r.s.region, kn_atlas_find_region("calf"));
  assert_int_equal(r.contact, 1);
  assert_true(isnan(r.s.area));
  r = parse(&p, "{\"t_s\":1,\"force_N\":NaN}");
  assert_int_equal(r.rc, 1);
  assert_true(isnan(r.s.force)); /* a sensor's NaN is the monitor's to report, not a parse error */
  r = parse(&p, "{\"t_s\":1,\"force_N\":-Infinity}");
  assert_true(isinf(r.s.force) && r.s.force < 0);
  /* JSON and CSV may be mixed; a JSON line does not make a later CSV line a header */
  r = parse(&p, "2,0,calf,,,,10");
  assert_int_equal(r.rc, 1);
  expect_error(&p, "{\"t_s\":1,\"force_N\":2,\"spin\":3}", KN_EPARSE, 22, "line");
  expect_error(&p, "{\"t_s\":1,\"force_N\":2,\"t_s\":3}", KN_EPARSE, 22, "t_s");
  expect_error(&p, "{\"t_s\":1,\"force_N\":2} x", KN_EPARSE, 23, "line");
  expect_error(&p, "{\"t_s\":1,\"force_N\":\"2\"}", KN_EPARSE, 20, "force_N");
  expect_error(&p, "{\"t_s\":1,\"force_N\":true}", KN_EPARSE, 20, "force_N");
  expect_error(&p, "{\"t_s\":1,\"region\":\"ca\\u006cf\",\"force_N\":1}", KN_EPARSE, 22, "line");
  expect_error(&p, "{\"t_s\":1}", KN_EPARSE, 1, "force_N");
  expect_error(&p, "{\"t_s\":1,\"force_N\":2", KN_EPARSE, 21, "line");
  expect_error(&p, "{\"t_s\" 1}", KN_EPARSE, 8, "t_s");
  expect_error(&p, "{\"contact\":7,\"t_s\":1,\"force_N\":2}", KN_ERANGE, 12, "contact");
  expect_error(&p, "{\"contact\":0.5,\"t_s\":1,\"force_N\":2}", KN_ERANGE, 12, "contact");
}

/* Numbers: what a compiler makes of the same decimal text (correctly rounded), whatever the
 * locale, and the exponents, signs and special words a sensor may send. */
static void test_numbers(void **state) {
  (void)state;
  static const struct {
    const char *text;
    double value;
  } cases[] = {{"0.1", 0.1},
               {"1e-3", 1e-3},
               {"-2.5E+2", -250.0},
               {"123456789.123", 123456789.123},
               {".5", 0.5},
               {"5.", 5.0},
               {"+7", 7.0},
               {"0.000132", 0.000132},
               {"3.16737003", 3.16737003},
               {"-5.02305279e-05", -5.02305279e-05},
               {"1e22", 1e22},
               {"0e10", 0.0},
               {"000123.4500", 123.45}};
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  assert_int_equal(parse(&p, "t_s,force_N").rc, 0);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char line[96];
    snprintf(line, sizeof line, "0,%s", cases[i].text);
    line_result r = parse(&p, line);
    assert_int_equal(r.rc, 1);
    if (r.s.force != cases[i].value)
      fail_msg("%s read as %.17g, want %.17g", cases[i].text, r.s.force, cases[i].value);
  }
  /* 17 significant digits, past the exact path: within one unit in the last place */
  line_result r = parse(&p, "0,0.12345678901234567");
  assert_true(fabs(r.s.force - 0.12345678901234567) <= 2.8e-17);
  r = parse(&p, "0,1.7976931348623157e308");
  assert_true(isfinite(r.s.force) && r.s.force > 1.7e308);
  r = parse(&p, "0,4.9e-324");
  assert_true(r.s.force >= 0.0 && r.s.force < 1e-300);
  r = parse(&p, "0,-nan");
  assert_true(isnan(r.s.force));
  r = parse(&p, "0,INF");
  assert_true(isinf(r.s.force));
  r = parse(&p, "0,12345678901234567890123");
  assert_true(fabs(r.s.force / 12345678901234567890123.0 - 1.0) < 1e-15);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_csv_with_header), cmocka_unit_test(test_csv_default_columns),
      cmocka_unit_test(test_csv_bad_lines),   cmocka_unit_test(test_json_lines),
      cmocka_unit_test(test_numbers),         cmocka_unit_test(test_line_limits_and_encoding),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
