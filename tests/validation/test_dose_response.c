/* SPDX-License-Identifier: Apache-2.0 */
/* Harm as dose-response (issue 14): the untrained partner's spasm and bruising incidences do not
 * fall as the planned force rises or as each stroke's onset gets faster, rise from the lowest dose
 * to the highest, and smooth strokes give almost none.
 *
 * A small fixed-seed cohort of US adults (data/populations/us_adult.yaml) is given the session of
 * examples/cohort/dose_response.yaml.in by an untrained partner at each dose; the same subjects
 * and the same practitioner streams at every dose (common random numbers), so a difference between
 * doses is the dose's, not the sampling's. An expectation today's model misses is listed in
 * `known` with its reason, and must keep failing until the note is removed (as the validation
 * cases' disagreements). Left out under the sanitizers (the cohort code runs there in test_cohort).
 */
#include "test_common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knead/cohort.h"
#include "knead/params.h"

#define TEMPLATE KN_SOURCE_DIR "/examples/cohort/dose_response.yaml.in"
#define POPULATION KN_SOURCE_DIR "/data/populations/us_adult.yaml"
#define PROFILE "UNTRAINED_PARTNER" /* the placeholder's suffix of the profile swept */
#define SUBJECTS 20
#define SEED 1u
#define SMOOTH_MAX 0.05 /* "almost none": at most 1 subject in 20 */

/* The outcomes swept: cohort rows (src/cohort/outcomes.c). */
static const char *const rows[] = {"spasm", "bruise"};
enum { NROW = 2 };

/* Planned forces (N) at the profile's default onset; onset times (s, slowest first) at the base
 * force, 150 N, where the thumb on the neck first gives clinically defined spasms (with the drawn
 * partners of issue 14 nothing happens at the cohort session's 30-60 N). The slowest onset is the
 * smooth stroke (10 x the partner's default, the top of the parameter's range), the fastest 0.1 x.
 * Bruising is judged by its expected incidence (the mean of each subject's probability): 20
 * subjects' 0/1 draws are too coarse for a few per cent. */
static const double forces[] = {20.0, 60.0, 100.0, 150.0, 200.0};
static const double onsets[] = {4.0, 1.0, 0.4, 0.1, 0.04};
#define BASE_FORCE 150.0
enum { NFORCE = 5, NONSET = 5 };

/* Expectations today's model misses, with the reason (remove when the check passes). */
static const struct {
  const char *check; /* "<row> <force|onset|smooth>" */
  const char *why;
} known[] = {
    {"spasm force", "issue 17: post-activation depression keeps the Ia synapse depressed under a "
                    "partner's repeated thumb strokes (up to half its excitation), so no stroke's "
                    "reflex reaches a spasm at any force (0 of 20 at 20-200 N)"},
    {"spasm onset", "issue 17: the same at every onset, 4 s to 0.04 s (0 of 20)"},
    {NULL, NULL}, /* ends the list */
};

static char *template_text;
static kn_population *population;
static int skipped;

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  if (text && fread(text, 1, (size_t)size, f) != (size_t)size) {
    free(text);
    text = NULL;
  }
  if (text) text[size] = '\0';
  fclose(f);
  return text;
}

/* The template with @FORCE@ and the swept profile's @ONSET_...@ replaced, and every other
 * @ONSET_...@ replaced by the default of the parameter named before it on its line. */
static char *session_text(double force, double onset) {
  size_t cap = strlen(template_text) + 4096, len = 0;
  char *out = malloc(cap);
  assert_non_null(out);
  const char *s = template_text;
  while (*s) {
    if (*s != '@') {
      out[len++] = *s++;
      continue;
    }
    const char *end = strchr(s + 1, '@');
    assert_non_null(end);
    char token[64];
    snprintf(token, sizeof token, "%.*s", (int)(end - s - 1), s + 1);
    double value;
    if (!strcmp(token, "FORCE")) {
      value = force;
    } else if (!strcmp(token, "ONSET_" PROFILE)) {
      value = onset;
    } else { /* another profile's onset: its parameter's default */
      const char *line = s;
      while (line > template_text && line[-1] != '\n')
        line--;
      while (isspace((unsigned char)*line))
        line++;
      char name[64];
      size_t n = strcspn(line, ":");
      snprintf(name, sizeof name, "%.*s", (int)n, line);
      int at = kn_param_find(name);
      if (at < 0) fail_msg("template: %s is not a parameter", name);
      value = kn_param((size_t)at)->display;
    }
    len += (size_t)snprintf(out + len, cap - len, "%.6g", value);
    s = end + 1;
  }
  out[len] = '\0';
  return out;
}

/* The partner's onset by default: the default of the parameter the template names for it. */
static double default_onset(void) {
  const char *at = strstr(template_text, "@ONSET_" PROFILE "@");
  assert_non_null(at);
  const char *line = at;
  while (line > template_text && line[-1] != '\n')
    line--;
  while (isspace((unsigned char)*line))
    line++;
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(line, ":"), line);
  int i = kn_param_find(name);
  assert_true(i >= 0);
  return kn_param((size_t)i)->display;
}

typedef struct counts {
  int row[NROW];
  uint64_t k[NROW], n;
  double bruise_expected; /* sum of each subject's bruise probability */
} counts;

static int count(const kn_cohort_unit *u, void *ctx) {
  counts *c = ctx;
  c->n++;
  for (int r = 0; r < NROW; r++)
    c->k[r] += (uint64_t)(u->result[0].flags[c->row[r]] != 0);
  c->bruise_expected += u->result[0].bruise_probability;
  return 0;
}

/* Incidence of each row for the cohort given the session at this dose. */
static void incidence(double force, double onset, double out[NROW]) {
  char *text = session_text(force, onset);
  kn_session *session = NULL;
  kn_diag diag;
  if (kn_session_parse(text, strlen(text), "dose_response.yaml", &session, &diag))
    fail_msg("%s:%d:%d: %s: %s", diag.file, diag.line, diag.col, diag.field, diag.message);
  counts c = {.n = 0};
  for (int r = 0; r < NROW; r++) {
    c.row[r] = -1;
    for (size_t i = 0; i < kn_cohort_outcome_count(); i++)
      if (!strcmp(kn_cohort_outcome_name(i), rows[r])) c.row[r] = (int)i;
    if (c.row[r] < 0) fail_msg("the cohort has no outcome row %s", rows[r]);
  }
  kn_cohort_job job = {.population = population,
                       .session = session,
                       .profiles = {KN_PRACTITIONER_UNTRAINED_PARTNER},
                       .nprofile = 1,
                       .seed = SEED};
  uint64_t idx[SUBJECTS];
  for (uint64_t i = 0; i < SUBJECTS; i++)
    idx[i] = i;
  assert_int_equal(kn_cohort_pool_run(&job, idx, SUBJECTS, 1, count, NULL, &c, &diag), 0);
  assert_int_equal(c.n, SUBJECTS);
  for (int r = 0; r < NROW; r++) /* bruising: the expected incidence, each subject's probability */
    out[r] = (strcmp(rows[r], "bruise") ? (double)c.k[r] : c.bruise_expected) / (double)c.n;
  kn_session_free(session);
  free(text);
}

static int setup(void **state) {
  (void)state;
  const char *san = getenv("KN_SANITIZED");
  skipped = san && *san;
  if (skipped) return 0;
  template_text = read_file(TEMPLATE);
  if (!template_text) return -1;
  kn_diag diag;
  return kn_population_load(POPULATION, &population, &diag) ? -1 : 0;
}

static int teardown(void **state) {
  (void)state;
  free(template_text);
  kn_population_free(population);
  return 0;
}

/* 1 if the series does not fall and ends above where it starts. */
static int rises(const double *v, int n) {
  for (int i = 1; i < n; i++)
    if (v[i] < v[i - 1]) return 0;
  return v[n - 1] > v[0];
}

/* Records one check: passes, or is known (and then must fail). */
static int judge(const char *check, int ok, const char *detail) {
  const char *why = NULL;
  for (size_t i = 0; known[i].check; i++)
    if (!strcmp(known[i].check, check)) why = known[i].why;
  printf("%-5s %-14s %s%s%s\n", ok ? "ok" : "MISS", check, detail, why ? "\n      known: " : "",
         why ? why : "");
  if (why && ok) {
    print_error("%s holds now: remove its note from `known`\n", check);
    return 1;
  }
  if (!why && !ok) {
    print_error("%s does not hold: %s\n", check, detail);
    return 1;
  }
  return 0;
}

static void dose_response(void **state) {
  (void)state;
  if (skipped) {
    printf("left out under the sanitizers\n");
    return;
  }
  double by_force[NROW][NFORCE], by_onset[NROW][NONSET], v[NROW];
  const double onset0 = default_onset();
  for (int f = 0; f < NFORCE; f++) {
    incidence(forces[f], onset0, v);
    for (int r = 0; r < NROW; r++)
      by_force[r][f] = v[r];
  }
  for (int o = 0; o < NONSET; o++) {
    incidence(BASE_FORCE, onsets[o], v);
    for (int r = 0; r < NROW; r++)
      by_onset[r][o] = v[r];
  }
  int bad = 0;
  for (int r = 0; r < NROW; r++) {
    char check[64], detail[256];
    int len = snprintf(detail, sizeof detail, "at");
    for (int f = 0; f < NFORCE; f++)
      len += snprintf(detail + len, sizeof detail - (size_t)len, " %g N: %.2f", forces[f],
                      by_force[r][f]);
    snprintf(check, sizeof check, "%s force", rows[r]);
    bad += judge(check, rises(by_force[r], NFORCE), detail);
    len = snprintf(detail, sizeof detail, "at %g N, onset", BASE_FORCE);
    for (int o = 0; o < NONSET; o++)
      len += snprintf(detail + len, sizeof detail - (size_t)len, " %g s: %.2f", onsets[o],
                      by_onset[r][o]);
    snprintf(check, sizeof check, "%s onset", rows[r]);
    bad += judge(check, rises(by_onset[r], NONSET), detail);
    snprintf(detail, sizeof detail, "%.2f at %g N with a %g s onset (at most %.2f)", by_onset[r][0],
             BASE_FORCE, onsets[0], SMOOTH_MAX);
    snprintf(check, sizeof check, "%s smooth", rows[r]);
    bad += judge(check, by_onset[r][0] <= SMOOTH_MAX, detail);
  }
  assert_int_equal(bad, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(dose_response)};
  return cmocka_run_group_tests(tests, setup, teardown);
}
