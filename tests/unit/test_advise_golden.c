/* SPDX-License-Identifier: Apache-2.0 */
/* Golden advice: every example of examples/article/ (and the A6 fever case, and the courses, whose
 * sessions are all run and advised on) simulated, its advice compared with the .expect files of
 * tests/advice (format in tests/advice/README.md), so that each claim of the article has its
 * advice shown. Every article example must have an expectation file.
 */
#include "test_common.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knead/knead.h"

#ifndef KN_SOURCE_DIR
#error "KN_SOURCE_DIR must be defined by the build"
#endif

/* Simulates subject + session (paths under examples/) and fills the advice; returns its count. */
static size_t advise_example(const char *subject, const char *session, kn_advice *a) {
  char ps[2048], pe[2048];
  snprintf(ps, sizeof ps, "%s/examples/%s", KN_SOURCE_DIR, subject);
  snprintf(pe, sizeof pe, "%s/examples/%s", KN_SOURCE_DIR, session);
  kn_subject s;
  kn_session *sess = NULL;
  kn_diag diag;
  kn_model *m = NULL;
  kn_data *d = NULL;
  if (kn_subject_load(ps, &s, &diag) != KN_OK) fail_msg("%s: %s", ps, diag.message);
  if (kn_session_load(pe, &sess, &diag) != KN_OK) fail_msg("%s: %s", pe, diag.message);
  assert_int_equal(kn_model_create(&s, sess, &m, &diag), KN_OK);
  /* a course: its sessions run first, and advice for the course too */
  kn_course_outcome course;
  int has_course = sess->course.nsession > 0;
  if (has_course) assert_int_equal(kn_course_run(&s, sess, &course, &diag), KN_OK);
  kn_session_free(sess);
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_OK);
  size_t n =
      kn_advise_course(m, kn_data_outcome(m, d), has_course ? &course : NULL, a, KN_ADVICE_MAX);
  kn_data_free(d);
  kn_model_free(m);
  return n < KN_ADVICE_MAX ? n : KN_ADVICE_MAX;
}

static void trim(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
    s[--n] = '\0';
}

/* Checks one expectation file; returns the number of failed lines (each printed). */
static int check_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) fail_msg("cannot open %s", path);
  char line[512], subject[512] = "subject_default.yaml", session[512] = "";
  /* the header first: where the example is */
  while (fgets(line, sizeof line, f)) {
    trim(line);
    if (!strncmp(line, "# subject: ", 11)) snprintf(subject, sizeof subject, "%s", line + 11);
    if (!strncmp(line, "# session: ", 11)) snprintf(session, sizeof session, "%s", line + 11);
  }
  if (!session[0]) fail_msg("%s: no \"# session:\" line", path);
  kn_advice a[KN_ADVICE_MAX];
  size_t n = advise_example(subject, session, a);
  int bad = 0, checked = 0;
  rewind(f);
  for (int ln = 1; fgets(line, sizeof line, f); ln++) {
    trim(line);
    if (!line[0] || line[0] == '#') continue;
    checked++;
    if (!strncmp(line, "verdict: ", 9)) {
      const char *v = kn_advice_verdict_name(kn_advice_verdict_of(a, n));
      if (strcmp(v, line + 9)) {
        print_error("%s:%d: verdict \"%s\", expected \"%s\"\n", path, ln, v, line + 9);
        bad++;
      }
      continue;
    }
    if (line[0] == '!') {
      for (size_t i = 0; i < n; i++)
        if (!strcmp(a[i].rule, line + 1)) {
          print_error("%s:%d: unexpected %s advice: %s\n", path, ln, line + 1, a[i].text);
          bad++;
        }
      continue;
    }
    char sev[16], rule[64];
    int used = 0;
    if (sscanf(line, "%15s %63s %n", sev, rule, &used) < 2) fail_msg("%s:%d: bad line", path, ln);
    const char *text = line + used;
    int found = 0;
    for (size_t i = 0; i < n && !found; i++)
      found = !strcmp(a[i].rule, rule) &&
              (!strcmp(sev, "*") || !strcmp(sev, kn_advice_severity_name(a[i].severity))) &&
              strstr(a[i].text, text) != NULL;
    if (!found) {
      print_error("%s:%d: no %s %s advice containing \"%s\"; the advice was:\n", path, ln, sev,
                  rule, text);
      for (size_t i = 0; i < n; i++)
        print_error("    %s %s: %s\n", kn_advice_severity_name(a[i].severity), a[i].rule,
                    a[i].text);
      bad++;
    }
  }
  fclose(f);
  if (checked < 3) fail_msg("%s: fewer than three expectations", path);
  print_message("%-40s %zu pieces of advice, %d expectations, %d failed\n", strrchr(path, '/') + 1,
                n, checked, bad);
  return bad;
}

static int has_suffix(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !strcmp(s + a - b, suffix);
}

static void test_golden_advice(void **state) {
  (void)state;
  char dir[1024], path[2048];
  snprintf(dir, sizeof dir, "%s/tests/advice", KN_SOURCE_DIR);
  DIR *dp = opendir(dir);
  assert_non_null(dp);
  int files = 0, bad = 0;
  for (struct dirent *e; (e = readdir(dp)) != NULL;) {
    if (!has_suffix(e->d_name, ".expect")) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    bad += check_file(path);
    files++;
  }
  closedir(dp);
  assert_true(files >= 8);
  if (bad) fail_msg("%d expectations failed", bad);
}

/* Each example of examples/article/ is the session of some expectation file. */
static void test_every_article_example_has_advice(void **state) {
  (void)state;
  char dir[1024], path[2048], line[512];
  snprintf(dir, sizeof dir, "%s/examples/article", KN_SOURCE_DIR);
  DIR *dp = opendir(dir);
  assert_non_null(dp);
  int missing = 0;
  for (struct dirent *e; (e = readdir(dp)) != NULL;) {
    if (!has_suffix(e->d_name, ".yaml")) continue;
    char want[300];
    snprintf(want, sizeof want, "# session: article/%s", e->d_name);
    int found = 0;
    DIR *ap = opendir(KN_SOURCE_DIR "/tests/advice");
    assert_non_null(ap);
    for (struct dirent *x; !found && (x = readdir(ap)) != NULL;) {
      if (!has_suffix(x->d_name, ".expect")) continue;
      snprintf(path, sizeof path, "%s/tests/advice/%s", KN_SOURCE_DIR, x->d_name);
      FILE *f = fopen(path, "r");
      while (f && !found && fgets(line, sizeof line, f)) {
        trim(line);
        found = !strcmp(line, want);
      }
      if (f) fclose(f);
    }
    closedir(ap);
    if (!found) {
      print_error("examples/article/%s has no tests/advice/*.expect\n", e->d_name);
      missing++;
    }
  }
  closedir(dp);
  assert_int_equal(missing, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_article_example_has_advice),
      cmocka_unit_test(test_golden_advice),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
