/* SPDX-License-Identifier: Apache-2.0 */
/* Every validation case, printed model beside paper; each must be green (SCIENCE.md §6). A case the
 * model does not reproduce is not weakened: the case says why (r.disagreement), it stays red in
 * docs/validation.md, and this test checks it is still red, so the note cannot go stale.
 *
 * Every case has a kind, and the kinds are checked against the parameter table: a calibration
 * names the parameters its number set, each of which cites the case's source; a parameter that
 * cites the source of a case counted as a prediction must be named by a calibration case (its
 * figure is another case) or stand in the allow-list below with the other figure it came from. */
#include "test_common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knead/error.h"
#include "knead/params.h"
#include "knead/validate.h"

/* Parameters citing a prediction's source that were set from a different figure of the same paper
 * than any case checks. Each entry says which figure. */
static const struct {
  const char *param, *source, *figure;
} allow[] = {
    /* advice thresholds: they never enter the simulation, so no case's number depends on them.
     * Every parameter citing Cambron 2007 sits beside calibration cases of that source (the
     * one-hour soreness and the population bands). The last row ends the list. */
    {"adv_nerve_harm", "dahlin1986",
     "the lower end of the 200-400 mmHg that damages a nerve in 2 h, not the 400 mmHg, 15 min "
     "case"},
    {"adv_fever", "werner2020", "the conventional definition of fever (38 degC), not scenario A12"},
    /* the force-velocity curve is Thelen's; the prediction compares the force-length curve, which
     * nothing took from Thelen */
    {"hill_vmax", "thelen2003",
     "Thelen's Vmax for the force-velocity curve, not the force-length width"},
    {"hill_fv_af", "thelen2003",
     "Thelen's Af for the force-velocity curve, not the force-length width"},
    {NULL, NULL, NULL},
};
#define NALLOW (sizeof allow / sizeof allow[0] - 1)

enum { MAX_CASES = 200 };
static kn_validation_result results[MAX_CASES]; /* every case: described, and run where ran[i] */
static int ran[MAX_CASES];
static size_t nresult;
static int sanitized; /* under the sanitizers only a representative subset runs (see below) */

/* Under the sanitizers (KN_SANITIZED=1, some ten times slower) the memory checks need each kind of
 * experiment of each group run once, not every case: the first case of each (group, experiment)
 * pair runs, the population cohort not at all (the cohort tests check it): 16 cases, about 4.5 s
 * of one core in the normal build against some 30 s for all of them. The normal build runs every
 * case. */
static int representative(size_t i) {
  if (kn_validation_is_population(i)) return 0;
  /* a one-hour session, two thirds of the subset's time, on the session path the others take */
  if (!strcmp(results[i].id, "tissue.cambron2007.soreness")) return 0;
  for (size_t j = 0; j < i; j++)
    if (!strcmp(results[j].group, results[i].group) &&
        !strcmp(kn_validation_experiment(j), kn_validation_experiment(i)))
      return 0;
  return 1;
}

/* Describes every case, and runs each once (the population cohort once for all of its cases). */
static int run_all(void **state) {
  (void)state;
  const char *san = getenv("KN_SANITIZED");
  sanitized = san && *san;
  kn_validation_options opt = {.root = KN_SOURCE_DIR, .cohort_n = 0, .threads = 1};
  kn_validation *v = NULL;
  if (kn_validation_open(&opt, &v)) return -1;
  nresult = kn_validation_count();
  if (nresult > MAX_CASES) return -1;
  for (size_t i = 0; i < nresult; i++) {
    int bad = kn_validation_describe(i, &results[i]);
    ran[i] = !bad && (!sanitized || representative(i));
    if (!bad && ran[i]) bad = kn_validation_case(v, i, &results[i]);
    if (bad) {
      kn_validation_close(v);
      return -1;
    }
  }
  kn_validation_close(v);
  return 0;
}

static void grading_rules(void **state) {
  (void)state;
  assert_int_equal(kn_validation_grade(KN_CHECK_VALUE, 10.0, 0, 0, 10.9), KN_VERDICT_GREEN);
  assert_int_equal(kn_validation_grade(KN_CHECK_VALUE, 10.0, 0, 0, 12.5), KN_VERDICT_YELLOW);
  assert_int_equal(kn_validation_grade(KN_CHECK_VALUE, 10.0, 0, 0, 14.0), KN_VERDICT_RED);
  assert_int_equal(kn_validation_grade(KN_CHECK_BAND, NAN, 15, 45, 44.0), KN_VERDICT_GREEN);
  assert_int_equal(kn_validation_grade(KN_CHECK_BAND, NAN, 15, 45, 50.0), KN_VERDICT_YELLOW);
  assert_int_equal(kn_validation_grade(KN_CHECK_BAND, NAN, 15, 45, 80.0), KN_VERDICT_RED);
  assert_int_equal(kn_validation_grade(KN_CHECK_TRUE, 1, 0, 0, 0.0), KN_VERDICT_RED);
  assert_int_equal(kn_validation_grade(KN_CHECK_VALUE, 1.0, 0, 0, NAN), KN_VERDICT_RED);
  /* a band that is missing (not modelled) grades red */
  assert_int_equal(kn_validation_grade(KN_CHECK_BAND, NAN, 0.25, 0.4, NAN), KN_VERDICT_RED);
}

static void every_case_green(void **state) {
  (void)state;
  size_t red = 0, nrun = 0;
  for (size_t i = 0; i < nresult; i++) {
    if (!ran[i]) continue;
    nrun++;
    const kn_validation_result r = results[i];
    printf("%-6s %-12s %-44s paper %-10.4g [%g, %g] model %-10.4g %s  (%s)\n",
           kn_verdict_name(r.verdict), kn_case_kind_name(r.kind), r.id, r.paper, r.lo, r.hi,
           r.model, r.unit, r.source);
    const char *why = r.disagreement;
    if (why) {
      printf("       known disagreement: %s\n", why);
      if (r.verdict == KN_VERDICT_GREEN) {
        red++;
        print_error("%s is green now: remove its disagreement note\n", r.id);
      }
    } else if (r.verdict != KN_VERDICT_GREEN) {
      red++;
      print_error("not green: %s — %s: paper %s, model %g\n", r.id, r.what, r.paper_text, r.model);
    }
  }
  if (sanitized)
    printf("(under the sanitizers: %zu representative cases of %zu run)\n", nrun, nresult);
  /* every kind of experiment of every group ran, at least */
  assert_true(nrun >= (sanitized ? 10u : 25u));
  assert_int_equal(red, 0);
}

/* A description is what the run gives, before the run: the same case, kind and paper. */
static void described_as_run(void **state) {
  (void)state;
  for (size_t i = 0; i < nresult; i++) {
    kn_validation_result d;
    assert_int_equal(kn_validation_describe(i, &d), KN_OK);
    assert_string_equal(d.id, results[i].id);
    assert_int_equal(d.kind, results[i].kind);
    assert_true(isnan(d.model));
    assert_non_null(kn_validation_experiment(i));
  }
  kn_validation_result d;
  assert_int_equal(kn_validation_describe(nresult, &d), KN_EINVAL);
  assert_null(kn_validation_experiment(nresult));
}

/* 1 if the source text of a parameter cites key as a whole word (keys are [a-z0-9_]). */
static int cites(const char *text, const char *key) {
  size_t len = strlen(key);
  for (const char *p = strstr(text, key); p; p = strstr(p + 1, key)) {
    int before = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
    int after = !(isalnum((unsigned char)p[len]) || p[len] == '_');
    if (before && after) return 1;
  }
  return 0;
}

/* 1 if the space-separated list names the word. */
static int names(const char *list, const char *word) {
  return list && cites(list, word);
}

static void every_case_classified(void **state) {
  (void)state;
  int bad = 0, count[4] = {0, 0, 0, 0}, green[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < nresult; i++) {
    const kn_validation_result *r = &results[i];
    count[r->kind]++;
    green[r->kind] += ran[i] && r->verdict == KN_VERDICT_GREEN; /* counted where it ran */
    if (r->kind == KN_CASE_UNCLASSIFIED) {
      print_error("%s has no kind: give it one in its table (src/validate/cases*.c)\n", r->id);
      bad++;
    }
    if ((r->kind == KN_CASE_CALIBRATION) != (r->sets != NULL)) {
      print_error("%s: a calibration names what it set, and only a calibration does\n", r->id);
      bad++;
    }
  }
  printf("predictions: %d green of %d; calibrations: %d of %d; verifications: %d of %d\n",
         green[KN_CASE_PREDICTION], count[KN_CASE_PREDICTION], green[KN_CASE_CALIBRATION],
         count[KN_CASE_CALIBRATION], green[KN_CASE_VERIFICATION], count[KN_CASE_VERIFICATION]);
  assert_int_equal(bad, 0);
}

/* Each parameter a calibration names exists and cites the case's source. */
static void calibrations_name_their_parameters(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < nresult; i++) {
    const kn_validation_result *r = &results[i];
    if (r->kind != KN_CASE_CALIBRATION || !r->sets) continue;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", r->sets);
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
      if (strchr(w, ':')) continue; /* a number kept outside the parameter table */
      int at = kn_param_find(w);
      if (at < 0) {
        print_error("%s sets \"%s\", which is not a parameter\n", r->id, w);
        bad++;
      } else if (!cites(kn_param((size_t)at)->source, r->source)) {
        print_error("%s sets %s, whose source \"%s\" does not cite [%s]\n", r->id, w,
                    kn_param((size_t)at)->source, r->source);
        bad++;
      }
    }
  }
  assert_int_equal(bad, 0);
}

/* Parameters citing a prediction's source that neither a calibration case of that source names nor
 * the allow-list holds, printed; used[a] is set for each allow-list entry needed. */
static int unlinked(const kn_validation_result *rs, size_t n, int *used, int quiet) {
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    const kn_validation_result *r = &rs[i];
    if (r->kind != KN_CASE_PREDICTION) continue;
    for (size_t j = 0; j < kn_param_count(); j++) {
      const kn_param_info *p = kn_param(j);
      if (strstr(p->source, r->id)) { /* a note naming the case itself: always a calibration */
        if (!quiet)
          print_error("%s counts as a prediction, but parameter %s names it (\"%s\")\n", r->id,
                      p->name, p->source);
        bad++;
        continue;
      }
      if (!cites(p->source, r->source)) continue;
      int named = 0;
      for (size_t c = 0; c < n && !named; c++)
        named = rs[c].kind == KN_CASE_CALIBRATION && !strcmp(rs[c].source, r->source) &&
                names(rs[c].sets, p->name);
      for (size_t a = 0; allow[a].param && !named; a++)
        if (!strcmp(allow[a].param, p->name) && !strcmp(allow[a].source, r->source)) {
          named = 1;
          used[a] = 1;
        }
      if (!named) {
        if (!quiet)
          print_error("%s counts as a prediction, but parameter %s cites its source [%s] "
                      "(\"%s\"): is the case a calibration?\n",
                      r->id, p->name, r->source, p->source);
        bad++;
      }
    }
  }
  return bad;
}

/* No parameter was set from a prediction's figure: every parameter citing a prediction's source is
 * named by a calibration case of that source, or allowed above. */
static void predictions_not_calibrated(void **state) {
  (void)state;
  int used[NALLOW + 1] = {0};
  int bad = unlinked(results, nresult, used, 0);
  for (size_t a = 0; allow[a].param; a++)
    if (!used[a]) {
      print_error("allow-list entry %s [%s] is not needed any more: remove it\n", allow[a].param,
                  allow[a].source);
      bad++;
    }
  assert_int_equal(bad, 0);
}

/* The check fails where it should: counting the Rydevik 1981 perfusion cases, whose bands the
 * perfusion curve was fitted to, as predictions is caught. */
static void link_check_catches(void **state) {
  (void)state;
  assert_true(cites("calibrated: rydevik1981 (venular flow)", "rydevik1981"));
  assert_false(cites("calibrated: rydevik1981b", "rydevik1981"));
  assert_false(cites("lee_heckman1998b", "lee_heckman1998"));
  assert_true(cites("[tourniquet_block]", "tourniquet_block"));
  static kn_validation_result copy[MAX_CASES];
  memcpy(copy, results, nresult * sizeof copy[0]);
  int flipped = 0, used[NALLOW + 1] = {0};
  for (size_t i = 0; i < nresult; i++)
    if (!strcmp(copy[i].source, "rydevik1981")) {
      copy[i].kind = KN_CASE_PREDICTION;
      copy[i].sets = NULL;
      flipped++;
    }
  assert_int_equal(flipped, 3);
  assert_int_equal(unlinked(results, nresult, used, 1), 0);
  assert_true(unlinked(copy, nresult, used, 1) >= 2); /* nerve_perfusion_p50 and _width */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(grading_rules),
      cmocka_unit_test(every_case_green),
      cmocka_unit_test(described_as_run),
      cmocka_unit_test(every_case_classified),
      cmocka_unit_test(calibrations_name_their_parameters),
      cmocka_unit_test(predictions_not_calibrated),
      cmocka_unit_test(link_check_catches),
  };
  return cmocka_run_group_tests(tests, run_all, NULL);
}
