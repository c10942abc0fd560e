/* SPDX-License-Identifier: Apache-2.0 */
/* report.html from an output folder written here by hand: long series reduced for display with
 * their peaks and dips kept, short ones kept whole, strings from the inputs escaped for HTML and
 * for the <script> element, the front end inlined, malformed files refused with file and line. */
#include "test_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "knead/knead.h"

static void write_file(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static char *read_report(const char *dir) {
  char path[512];
  snprintf(path, sizeof path, "%s/report.html", dir);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  rewind(f);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

static void cleanup(const char *dir) {
  const char *names[] = {"summary.json", "timeseries.csv", "events.csv", "report.html"};
  char path[512];
  for (size_t i = 0; i < 4; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    unlink(path);
  }
  rmdir(dir);
}

/* A folder with n rows: a_N is 1 except one spike of 1000 at row `spike`; b_N is 0 except a dip
 * to -500 at row `dip`. */
static void make_run(char *dir, size_t n, size_t spike, size_t dip, const char *name) {
  snprintf(dir, 64, "/tmp/kn-report-XXXXXX");
  assert_non_null(mkdtemp(dir));
  char summary[512];
  snprintf(summary, sizeof summary,
           "{\"harm\": \"none\", \"session\": {\"name\": \"%s\"}, \"advice\": []}", name);
  write_file(dir, "summary.json", summary);
  size_t cap = 64 + n * 32, len = 0;
  char *csv = malloc(cap);
  assert_non_null(csv);
  len += (size_t)snprintf(csv, cap, "t_s,a_N,b_N\n");
  for (size_t r = 0; r < n; r++)
    len += (size_t)snprintf(csv + len, cap - len, "%.1f,%g,%g\n", 0.1 * (double)r,
                            r == spike ? 1000.0 : 1.0, r == dip ? -500.0 : 0.0);
  write_file(dir, "timeseries.csv", csv);
  free(csv);
  write_file(dir, "events.csv",
             "t_start_s,t_end_s,kind,site_kind,site,action,value,unit,evidence\n"
             "1.000,2.000,pain,region,calf,0,0.6,1,human data\n");
}

static void test_long_series_keep_peaks(void **state) {
  (void)state;
  char dir[64];
  make_run(dir, 100000, 43210, 777, "long run");
  kn_diag diag;
  assert_int_equal(kn_report_html_write(dir, &diag), KN_OK);
  char *html = read_report(dir);
  /* 1000 buckets, min and max of each */
  assert_non_null(strstr(html, "\"rows\":100000"));
  assert_non_null(strstr(html, "\"shown\":2000"));
  /* the single-row spike and dip are still there */
  assert_non_null(strstr(html, ",1000.0,"));
  assert_non_null(strstr(html, ",-500.0,"));
  /* the events, the front end and the library are inline; no marker is left */
  assert_non_null(strstr(html, "\"kind\":\"pain\""));
  assert_non_null(strstr(html, "var uPlot="));
  assert_non_null(strstr(html, "knBodyMap"));
  assert_non_null(strstr(html, "Permission is hereby granted"));
  assert_null(strstr(html, "@@KN:"));
  free(html);
  cleanup(dir);
}

static void test_short_series_whole(void **state) {
  (void)state;
  char dir[64];
  make_run(dir, 50, 10, 20, "short run");
  assert_int_equal(kn_report_html_write(dir, NULL), KN_OK);
  char *html = read_report(dir);
  assert_non_null(strstr(html, "\"rows\":50,\"shown\":50"));
  free(html);
  cleanup(dir);
}

static void test_strings_escaped(void **state) {
  (void)state;
  char dir[64];
  make_run(dir, 10, 1, 2, "</script><script>alert(1)</script> & 'x'");
  assert_int_equal(kn_report_html_write(dir, NULL), KN_OK);
  char *html = read_report(dir);
  assert_null(strstr(html, "</script><script>alert"));
  /* in the title and heading as text */
  assert_non_null(strstr(html,
                         "<title>knead report: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script"
                         "&gt; &amp; &#39;x&#39;</title>"));
  /* in the data as \u escapes */
  assert_non_null(strstr(html, "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script"
                               "\\u003e \\u0026 'x'"));
  free(html);
  cleanup(dir);
}

/* The page carries what each column is, from the library (kn_series_column_find): site, unit,
 * evidence (null: model derived), limit; a limit the session's parameters set is the run's. */
static void test_column_metadata(void **state) {
  (void)state;
  char dir[64], csv[512], want[512];
  snprintf(dir, sizeof dir, "/tmp/kn-report-XXXXXX");
  assert_non_null(mkdtemp(dir));
  write_file(dir, "summary.json",
             "{\"harm\": \"none\", \"session\": {\"name\": \"m\", \"parameters\": "
             "{\"nerve_perfusion_p50\": {\"value\": 30.0, \"default\": 42.0, \"unit\": "
             "\"mmHg\"}}}, \"advice\": []}");
  const char *region = kn_atlas_region(0)->name, *nerve = kn_atlas_nerve(0)->name;
  snprintf(csv, sizeof csv, "t_s,pain_prob_%s,p_nerve_%s_mmHg,force_hand1_N,mystery_x\n0,0,0,0,0\n",
           region, nerve);
  write_file(dir, "timeseries.csv", csv);
  write_file(dir, "events.csv",
             "t_start_s,t_end_s,kind,site_kind,site,action,value,unit,evidence\n");
  assert_int_equal(kn_report_html_write(dir, NULL), KN_OK);
  char *html = read_report(dir);
  snprintf(want, sizeof want,
           "{\"name\":\"pain_prob_%s\",\"known\":true,\"site_kind\":\"region\",\"site\":\"%s\","
           "\"quantity\":\"pain_prob\"",
           region, region);
  assert_non_null(strstr(html, want));
  /* pain: expert opinion (its build-up over minutes is), at the default limit 0.5
   * (pain_probability_event) */
  assert_non_null(
      strstr(html, "\"reduce\":\"max\",\"evidence\":\"expert opinion\",\"limit\":0.5,"));
  /* the nerve's limit as the session set it, not the default 42 */
  assert_non_null(
      strstr(html, "\"unit\":\"mmHg\",\"reduce\":\"max\",\"evidence\":null,\"limit\":30.0,"));
  assert_non_null(
      strstr(html, "{\"name\":\"force_hand1_N\",\"known\":true,\"site_kind\":\"hand\""));
  assert_non_null(strstr(html, "{\"name\":\"mystery_x\",\"known\":false,\"site_kind\":\"body\""));
  free(html);
  cleanup(dir);
}

static void test_bad_folders(void **state) {
  (void)state;
  char dir[64];
  kn_diag diag;
  make_run(dir, 10, 1, 2, "bad");
  write_file(dir, "timeseries.csv", "t_s,a_N\n0,1\n0.1,oops\n");
  assert_int_equal(kn_report_html_write(dir, &diag), KN_EPARSE);
  assert_int_equal(diag.line, 3);
  assert_non_null(strstr(diag.file, "timeseries.csv"));
  assert_non_null(strstr(diag.message, "column 2 (a_N)"));
  write_file(dir, "timeseries.csv", "time,a_N\n0,1\n");
  assert_int_equal(kn_report_html_write(dir, &diag), KN_EPARSE);
  write_file(dir, "timeseries.csv", "t_s,a_N\n0,1\n");
  write_file(dir, "summary.json", "[1, 2");
  assert_int_equal(kn_report_html_write(dir, &diag), KN_EPARSE);
  assert_non_null(strstr(diag.file, "summary.json"));
  /* nothing half-written */
  char path[128];
  snprintf(path, sizeof path, "%s/report.html", dir);
  assert_int_not_equal(access(path, F_OK), 0);
  cleanup(dir);
  assert_int_equal(kn_report_html_write("/nonexistent/knead", &diag), KN_EPARSE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_long_series_keep_peaks),
      cmocka_unit_test(test_short_series_whole),
      cmocka_unit_test(test_strings_escaped),
      cmocka_unit_test(test_column_metadata),
      cmocka_unit_test(test_bad_folders),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
