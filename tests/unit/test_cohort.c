/* SPDX-License-Identifier: Apache-2.0 */
/* Virtual cohorts: confidence intervals against published values, the population file (errors with
 * their position, shares of the traits drawn, the body-fat equation), counter-based streams, the
 * outcome table, the SQLite store and the thread pool. */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "test_common.h"

#include "knead/knead.h"

#define Z95 1.959963984540054

/* ---- intervals ------------------------------------------------------------------------------- */

/* Newcombe 1998 (Stat Med 17:857), Table II, method 3 (score interval without continuity
 * correction), published to 4 decimals. */
static void wilson_newcombe(void **state) {
  (void)state;
  static const struct {
    unsigned k, n;
    double lo, hi;
  } cases[] = {{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0.0000, 0.1611},
               {1, 29, 0.0061, 0.1718},   {29, 29, 0.8830, 1.0000},  {0, 1, 0.0000, 0.7935}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    kn_interval w = kn_wilson(cases[i].k, cases[i].n, Z95);
    assert_close(w.est, (double)cases[i].k / cases[i].n, 1e-15);
    assert_close(w.lo, cases[i].lo, 5e-5);
    assert_close(w.hi, cases[i].hi, 5e-5);
  }
  kn_interval none = kn_wilson(0, 0, Z95); /* no subjects: nothing known */
  assert_close(none.lo, 0.0, 0.0);
  assert_close(none.hi, 1.0, 0.0);
}

/* Katz's log interval, worked by hand: 10/100 vs 5/100 gives RR 2 and
 * SE(ln RR) = sqrt(1/10 - 1/100 + 1/5 - 1/100) = sqrt(0.28) = 0.52915, so
 * 2 exp(-+1.96 x 0.52915) = 0.70895 .. 5.64214. With a zero count, 0.5 goes into each cell
 * (3.5/11 vs 0.5/11: RR 7, SE sqrt(1/3.5 - 1/11 + 1/0.5 - 1/11) = 1.45048, 0.40780 .. 120.157). */
static void relative_risk_katz(void **state) {
  (void)state;
  kn_interval r;
  assert_int_equal(kn_relative_risk(10, 100, 5, 100, Z95, &r), 0);
  assert_close(r.est, 2.0, 1e-12);
  assert_close(r.lo, 0.70895, 1e-5);
  assert_close(r.hi, 5.64214, 1e-5);
  assert_int_equal(kn_relative_risk(3, 10, 0, 10, Z95, &r), 0);
  assert_close(r.est, 7.0, 1e-12);
  assert_close(r.lo, 0.40780, 1e-5);
  assert_close(r.hi, 120.157, 1e-3);
  assert_int_equal(kn_relative_risk(0, 10, 0, 10, Z95, &r), -1); /* undefined */
  assert_int_equal(kn_relative_risk(1, 0, 0, 10, Z95, &r), -1);
}

/* ---- streams --------------------------------------------------------------------------------- */

static void keys_are_counter_based(void **state) {
  (void)state;
  assert_true(kn_cohort_key(1, 5, 7) == kn_cohort_key(1, 5, 7));
  /* neighbours of each argument give different keys, and the arguments do not commute */
  assert_true(kn_cohort_key(1, 5, 7) != kn_cohort_key(1, 6, 7));
  assert_true(kn_cohort_key(1, 5, 7) != kn_cohort_key(1, 5, 8));
  assert_true(kn_cohort_key(1, 5, 7) != kn_cohort_key(2, 5, 7));
  assert_true(kn_cohort_key(1, 5, 7) != kn_cohort_key(1, 7, 5));
  assert_true(kn_cohort_key(0, 0, 0) != 0);
  /* bits of consecutive indices are balanced: about half of the 64 flip */
  int flips = 0;
  for (uint64_t i = 0; i < 1000; i++)
    flips += __builtin_popcountll(kn_cohort_key(1, i, 0) ^ kn_cohort_key(1, i + 1, 0));
  assert_true(flips > 1000 * 28 && flips < 1000 * 36);
}

/* ---- the population file --------------------------------------------------------------------- */

static kn_population *parse(const char *text) {
  kn_population *p = NULL;
  kn_diag d;
  int rc = kn_population_parse(text, strlen(text), "pop.yaml", &p, &d);
  if (rc) {
    char buf[1024];
    kn_diag_format(&d, buf, sizeof buf);
    fail_msg("population did not load: %s", buf);
  }
  return p;
}

static void population_errors(void **state) {
  (void)state;
  static const struct {
    const char *text, *want;
  } cases[] = {
      {"population:\n  traits:\n    agee: {distribution: fixed, value: 40, source: hales2020}\n",
       "pop.yaml:3:5: population.traits.agee: unknown key \"agee\"; did you mean \"age\"?"},
      {"population:\n  traits:\n    age: {unit: years, distribution: uniform, min: 18, max: 140,"
       " source: hales2020}\n",
       "pop.yaml:3:61: population.traits.age.max: 140 years is out of range [18, 110] years"},
      {"population:\n  traits:\n    age: {distribution: fixed, value: 40, source: nosuchpaper}\n",
       "pop.yaml:3:51: population.traits.age.source: unknown source \"nosuchpaper\""},
      {"population:\n  traits:\n    age: {distribution: fixed, value: 40}\n",
       "pop.yaml:3:10: population.traits.age: missing required field \"source\""},
      {"population:\n  traits:\n    sex: {distribution: categorical, values: [female, male],"
       " weights: [1], source: hales2020}\n",
       "pop.yaml:3:71: population.traits.sex.weights: 1 weights for 2 values"},
      {"population:\n  traits:\n    height: {unit: cm, distribution: normal, mean: 170, sd: 7,"
       " source: hales2020}\n",
       "pop.yaml:3:13: population.traits.height: missing required field \"min\""},
      {"population:\n  traits:\n    sex: {distribution: categorical, values: [female, mail],"
       " weights: [1, 1], source: hales2020}\n",
       "pop.yaml:3:55: population.traits.sex.values[1]: expected one of: female, male, "
       "unspecified; did you mean \"male\"?"},
      {"population:\n  traits:\n    hypertension:\n      by_age:\n        - {from: 18, to: 40,"
       " distribution: bernoulli, p: 1.5}\n      source: hales2020\n",
       "pop.yaml:5:58: population.traits.hypertension.by_age[0].p: a probability must be in [0, "
       "1]"},
      {"population:\n  traits:\n    body_fat: {unit: \"%\", distribution: deurenberg1991, sd: 4,"
       " min: 5, max: 60, source: deurenberg1991}\n",
       "population.traits: body_fat from deurenberg1991 needs the trait bmi"},
      {"subject:\n  age: 40\n", "unknown key \"subject\"; allowed: population (is this a subject"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    kn_population *p = (kn_population *)1;
    kn_diag d;
    int rc = kn_population_parse(cases[i].text, strlen(cases[i].text), "pop.yaml", &p, &d);
    char buf[1024];
    kn_diag_format(&d, buf, sizeof buf);
    if (rc == 0 || strstr(buf, cases[i].want) == NULL)
      fail_msg("case %zu: got \"%s\" (rc %d), expected \"%s\"", i, buf, rc, cases[i].want);
    assert_null(p);
  }
}

static const char *const shares_text =
    "population:\n"
    "  name: test\n"
    "  traits:\n"
    "    sex: {distribution: categorical, values: [female, male], weights: [3, 7],"
    " source: hales2020}\n"
    "    age:\n"
    "      unit: years\n"
    "      distribution: bands\n"
    "      bands: [{from: 18, to: 40, weight: 1}, {from: 40, to: 60, weight: 3}]\n"
    "      source: hales2020\n"
    "    hypertension:\n"
    "      by_age:\n"
    "        - {from: 18, to: 40, distribution: bernoulli, p: 0.1}\n"
    "        - {from: 40, to: 111, distribution: bernoulli, p: 0.8}\n"
    "      source: ostchega2020\n"
    "    height:\n"
    "      unit: cm\n"
    "      by_sex:\n"
    "        female: {distribution: normal, mean: 160, sd: 5, min: 150, max: 170}\n"
    "        male: {distribution: normal, mean: 180, sd: 5, min: 170, max: 190}\n"
    "      source: \"calibrated: test\"\n";

/* Shares drawn over 400 subjects lie within 4 binomial standard errors of those written. */
static void population_shares(void **state) {
  (void)state;
  kn_population *p = parse(shares_text);
  assert_string_equal(kn_population_name(p), "test");
  const int n = 400;
  int female = 0, mid = 0, young = 0, young_ht = 0, old_ht = 0;
  for (int i = 0; i < n; i++) {
    kn_subject s;
    kn_diag d;
    assert_int_equal(kn_population_sample(p, 7, (uint64_t)i, &s, NULL, &d), 0);
    female += s.sex == KN_SEX_FEMALE;
    assert_true(s.age >= 18.0 && s.age < 60.0);
    mid += s.age >= 40.0;
    if (s.age < 40.0) {
      young++;
      young_ht += s.hypertension;
    } else {
      old_ht += s.hypertension;
    }
    if (s.sex == KN_SEX_FEMALE)
      assert_true(s.height >= 1.50 && s.height <= 1.70);
    else
      assert_true(s.height >= 1.70 && s.height <= 1.90);
  }
  assert_close((double)female / n, 0.3, 4 * sqrt(0.3 * 0.7 / n));
  assert_close((double)mid / n, 0.75, 4 * sqrt(0.75 * 0.25 / n));
  assert_close((double)young_ht / young, 0.1, 4 * sqrt(0.1 * 0.9 / young));
  assert_close((double)old_ht / (n - young), 0.8, 4 * sqrt(0.8 * 0.2 / (n - young)));
  kn_population_free(p);
}

/* BMI and height give the mass; Deurenberg et al. 1991 give the body fat:
 * 1.20 x 25 + 0.23 x 40 - 10.8 x sex - 5.4 = 33.8 % (women), 23.0 % (men). */
static void population_body_fat(void **state) {
  (void)state;
  const char *fmt = "population:\n  traits:\n"
                    "    sex: {distribution: fixed, value: %s, source: hales2020}\n"
                    "    age: {unit: years, distribution: fixed, value: 40, source: hales2020}\n"
                    "    height: {unit: cm, distribution: fixed, value: 170, source: hales2020}\n"
                    "    bmi: {distribution: fixed, value: 25, source: hales2020}\n"
                    "    body_fat: {unit: \"%%\", distribution: deurenberg1991, sd: 0, min: 5,"
                    " max: 60, source: deurenberg1991}\n";
  const char *sexes[] = {"female", "male"};
  const double want[] = {0.338, 0.230};
  for (int i = 0; i < 2; i++) {
    char text[1024];
    snprintf(text, sizeof text, fmt, sexes[i]);
    kn_population *p = parse(text);
    kn_subject s;
    double bmi = 0;
    assert_int_equal(kn_population_sample(p, 1, 0, &s, &bmi, NULL), 0);
    assert_close(s.mass, 25.0 * 1.70 * 1.70, 1e-9);
    assert_close(bmi, 25.0, 1e-12);
    assert_close(s.body_fat, want[i], 1e-9);
    kn_population_free(p);
  }
}

/* A subject is a function of (seed, index) alone; invalid draws are drawn again. */
static void population_draws(void **state) {
  (void)state;
  kn_population *p = parse(shares_text);
  kn_subject a, b, c;
  assert_int_equal(kn_population_sample(p, 3, 11, &a, NULL, NULL), 0);
  assert_int_equal(kn_population_sample(p, 3, 12, &c, NULL, NULL), 0);
  assert_int_equal(kn_population_sample(p, 3, 11, &b, NULL, NULL), 0);
  assert_true(a.age == b.age && a.height == b.height && a.sex == b.sex);
  assert_true(a.age != c.age);
  kn_population_free(p);

  /* BMI 20..100 at 1.70 m gives 58..289 kg: masses above the subject file's 250 kg are drawn again
   */
  p = parse("population:\n  traits:\n"
            "    bmi: {distribution: uniform, min: 20, max: 100, source: hales2020}\n");
  for (uint64_t i = 0; i < 60; i++) {
    assert_int_equal(kn_population_sample(p, 1, i, &a, NULL, NULL), 0);
    assert_true(a.mass <= 250.0);
  }
  kn_population_free(p);
  /* nothing valid: an error, not a loop */
  p = parse("population:\n  traits:\n"
            "    bmi: {distribution: fixed, value: 100, source: hales2020}\n");
  kn_diag d;
  assert_int_equal(kn_population_sample(p, 1, 0, &a, NULL, &d), KN_ERANGE);
  assert_non_null(strstr(d.message, "no valid subject"));
  kn_population_free(p);
}

static void shipped_population_loads(void **state) {
  (void)state;
  kn_population *p = NULL;
  kn_diag d;
  int rc = kn_population_load(KN_SOURCE_DIR "/data/populations/us_adult.yaml", &p, &d);
  if (rc) {
    char buf[1024];
    kn_diag_format(&d, buf, sizeof buf);
    fail_msg("%s", buf);
  }
  /* 200 subjects: the shares of the survey figures come back (4 standard errors) */
  int n = 200, female = 0, obese = 0;
  for (int i = 0; i < n; i++) {
    kn_subject s;
    double bmi;
    assert_int_equal(kn_population_sample(p, 1, (uint64_t)i, &s, &bmi, NULL), 0);
    female += s.sex == KN_SEX_FEMALE;
    obese += bmi >= 30.0;
  }
  assert_close((double)female / n, 0.508, 4 * sqrt(0.25 / n));
  /* the BMI spread was calibrated to the 42.4 % obesity prevalence of Hales et al. 2020 */
  assert_close((double)obese / n, 0.424, 4 * sqrt(0.25 / n) + 0.02);
  kn_population_free(p);
}

/* ---- outcomes -------------------------------------------------------------------------------- */

static void outcome_table(void **state) {
  (void)state;
  size_t n = kn_cohort_outcome_count();
  assert_true(n >= 6 && n <= KN_COHORT_MAX_OUTCOMES);
  for (size_t i = 0; i < n; i++) {
    assert_non_null(kn_cohort_outcome_label(i));
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(kn_cohort_outcome_name(i), kn_cohort_outcome_name(j));
  }
  assert_null(kn_cohort_outcome_name(n));

  kn_spasm sp = {0};
  sp.kind = KN_SPASM_CRAMP;
  kn_nerve_outcome nv = {0};
  nv.grade = KN_NERVE_BLOCK;
  kn_outcome o = {0};
  o.spasms = &sp;
  o.nspasm = 1;
  o.nerves = &nv;
  o.nnerve = 1;
  o.soreness_probability = 0.5;
  o.systemic.dizziness_probability = 0.5;
  o.systemic.ioh_probability = 0.5;
  o.bruise_probability = 0.5;
  int found = 0;
  for (size_t i = 0; i < n; i++) {
    const char *name = kn_cohort_outcome_name(i);
    int f = kn_cohort_outcome_flag(i, &o, 0.3), g = kn_cohort_outcome_flag(i, &o, 0.7);
    if (!strcmp(name, "cramp")) found += f == 1;
    if (!strcmp(name, "spasm")) found += f == 0; /* a cramp is not counted as a spasm */
    if (!strcmp(name, "nerve_block")) found += f == 1;
    if (!strcmp(name, "nerve_injury")) found += f == 0;
    if (!strcmp(name, "soreness")) found += f == 1 && g == 0; /* the draw decides */
    if (!strcmp(name, "dizziness")) found += f == 1 && g == 0;
    if (!strcmp(name, "ioh")) found += f == 1 && g == 0;
    if (!strcmp(name, "bruise")) found += f == 1 && g == 0;
    if (!strcmp(name, "carotid_event")) found += f == 0 && g == 0;
  }
  assert_int_equal(found, 9);
}

/* The course outcomes: a hand-made course of two sessions, each flag against what it says. */
static void course_outcome_table(void **state) {
  (void)state;
  size_t n = kn_cohort_course_outcome_count();
  assert_true(n >= 5 && n <= KN_COHORT_MAX_COURSE_OUTCOMES);
  for (size_t i = 0; i < n; i++) {
    assert_non_null(kn_cohort_course_outcome_label(i));
    assert_non_null(kn_cohort_course_outcome_draw(i));
    for (size_t j = 0; j < kn_cohort_outcome_count(); j++) /* one results column name each */
      assert_string_not_equal(kn_cohort_course_outcome_name(i), kn_cohort_outcome_name(j));
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(kn_cohort_course_outcome_name(i), kn_cohort_course_outcome_name(j));
  }
  assert_null(kn_cohort_course_outcome_name(n));
  assert_int_equal(kn_cohort_course_outcome_flag(n, NULL, 0.0), 0);

  kn_course_outcome c;
  memset(&c, 0, sizeof c);
  c.nsession = 2;
  c.sessions[0].soreness_probability = 0.2;
  c.sessions[1].soreness_probability = 0.4;
  c.sessions[1].cramps = 1;             /* a cramp in the second session only */
  c.sessions[1].nerves_unrecovered = 1; /* given on a nerve the first left a dose on, no injury */
  c.sore_at_start_max = 0.1;
  c.nerve_grade = KN_NERVE_BLOCK;
  c.harm = KN_HARM_MINOR;
  int found = 0;
  for (size_t i = 0; i < n; i++) {
    const char *name = kn_cohort_course_outcome_name(i);
    int lo = kn_cohort_course_outcome_flag(i, &c, 0.05),
        mid = kn_cohort_course_outcome_flag(i, &c, 0.3),
        hi = kn_cohort_course_outcome_flag(i, &c, 0.5);
    if (!strcmp(name, "course_cramp")) found += lo && mid && hi;
    if (!strcmp(name, "course_nerve_block")) found += lo && hi;
    if (!strcmp(name, "course_nerve_injury")) found += !lo && !hi;
    if (!strcmp(name, "course_nerve_unrecovered")) found += !lo && !hi;
    /* the draw against the largest session's chance (0.4), not the first's (0.2) */
    if (!strcmp(name, "course_soreness")) found += lo && mid && !hi;
    if (!strcmp(name, "course_sore_start")) found += lo && !mid && !hi; /* against 0.1 */
    if (!strcmp(name, "course_harm_injury")) found += !lo && !hi;
    /* soreness over a course is decided by the subject's soreness draw, so a subject sore after
     * the first session (draw < its chance) is sore over the course too */
    if (!strcmp(name, "course_soreness") || !strcmp(name, "course_sore_start"))
      assert_string_equal(kn_cohort_course_outcome_draw(i), "soreness");
  }
  assert_int_equal(found, 7);
  /* a nerve's carried dose reaching structural injury makes the course an injury, though no
   * session's own harm was one; the second session is now given on an unrecovered injury */
  c.nerve_grade = KN_NERVE_INJURY;
  c.sessions[0].nerve_grade = KN_NERVE_INJURY;
  for (size_t i = 0; i < n; i++) {
    const char *name = kn_cohort_course_outcome_name(i);
    if (!strcmp(name, "course_nerve_injury") || !strcmp(name, "course_harm_injury") ||
        !strcmp(name, "course_nerve_unrecovered"))
      assert_int_equal(kn_cohort_course_outcome_flag(i, &c, 0.5), 1);
  }
  /* an injury in the last session leaves no session after it on the injured nerve */
  c.sessions[0].nerve_grade = KN_NERVE_NONE;
  c.sessions[1].nerve_grade = KN_NERVE_INJURY;
  for (size_t i = 0; i < n; i++)
    if (!strcmp(kn_cohort_course_outcome_name(i), "course_nerve_unrecovered"))
      assert_int_equal(kn_cohort_course_outcome_flag(i, &c, 0.5), 0);
}

/* ---- storage --------------------------------------------------------------------------------- */

static void fill_info(kn_cohort_run_info *info, uint64_t seed) {
  memset(info, 0, sizeof *info);
  snprintf(info->population_hash, sizeof info->population_hash, "fnv1a64:0000000000000001");
  snprintf(info->session_hash, sizeof info->session_hash, "fnv1a64:0000000000000002");
  snprintf(info->profiles, sizeof info->profiles, "professional,untrained_partner");
  snprintf(info->version, sizeof info->version, "%s", kn_version());
  info->n = 3;
  info->seed = seed;
}

static void store_roundtrip(void **state) {
  (void)state;
  char path[] = "/tmp/knead-test-cohort-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  unlink(path);
  kn_cohort_run_info info;
  fill_info(&info, 1);
  kn_cohort_store *s = NULL;
  kn_diag d;
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), 0);
  kn_cohort_unit *u = calloc(1, sizeof *u);
  assert_non_null(u);
  kn_subject_default(&u->subject);
  u->nprofile = 2;
  u->result[0].profile = KN_PRACTITIONER_PROFESSIONAL;
  u->result[1].profile = KN_PRACTITIONER_UNTRAINED_PARTNER;
  u->result[1].flags[1] = 1; /* the second outcome, untrained only */
  u->result[1].nevent = 1;
  u->result[1].events[0].kind = KN_EV_CRAMP;
  u->result[1].events[0].site_kind = KN_SITE_MUSCLE;
  snprintf(u->result[1].events[0].unit, sizeof u->result[1].events[0].unit, "N");
  for (uint64_t i = 0; i < 2; i++) { /* subjects 0 (female) and 2 (male) */
    u->index = 2 * i;
    u->subject.sex = i ? KN_SEX_MALE : KN_SEX_FEMALE;
    assert_int_equal(kn_cohort_store_write(s, u, &d), 0);
  }
  unsigned char done[3] = {0};
  assert_int_equal(kn_cohort_store_done(s, done, 3, &d), 0);
  assert_true(done[0] == 1 && done[1] == 0 && done[2] == 1);
  assert_int_equal(kn_cohort_store_write(s, u, &d), KN_EIO); /* twice the same subject: refused */
  assert_int_equal(kn_cohort_store_finish(s, &d), 0);
  kn_cohort_store_close(s);

  kn_cohort_summary sum;
  assert_int_equal(kn_cohort_summary_load(path, &sum, &d), 0);
  assert_int_equal(sum.nprofile, 2);
  assert_int_equal(sum.n[0], 2);
  assert_int_equal(sum.n[1], 2);
  assert_int_equal(sum.k[1][0], 0);
  assert_int_equal(sum.k[1][1], 2);
  assert_int_equal(sum.info.seed, 1);
  kn_cohort_summary by[3];
  size_t nby = 0;
  assert_int_equal(kn_cohort_summary_by(path, KN_BY_SEX, by, 3, &nby, &d), 0);
  assert_int_equal(nby, 2);
  assert_string_equal(by[0].stratum, "female");
  assert_int_equal(by[0].n[1], 1);
  assert_int_equal(by[1].n[1], 1);
  assert_int_equal(by[0].k[1][1], 1);
  assert_int_equal(by[0].k[1][0], 0);

  fill_info(&info, 2); /* another seed: another run, refused */
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), KN_ESTATE);
  assert_non_null(strstr(d.message, "seed is 1 there, 2 now"));
  assert_null(s);
  free(u);
  unlink(path);
}

/* A stored unit: subject `index`, both profiles, no events. */
static int write_subject(kn_cohort_store *s, uint64_t index, kn_diag *d) {
  kn_cohort_unit *u = calloc(1, sizeof *u);
  assert_non_null(u);
  kn_subject_default(&u->subject);
  u->index = index;
  u->nprofile = 2;
  u->result[0].profile = KN_PRACTITIONER_PROFESSIONAL;
  u->result[1].profile = KN_PRACTITIONER_UNTRAINED_PARTNER;
  int rc = kn_cohort_store_write(s, u, d);
  free(u);
  return rc;
}

static long file_bytes(const char *path, unsigned char *buf, size_t cap) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t n = fread(buf, 1, cap, f);
  fclose(f);
  return (long)n;
}

/* The database proves itself before it is used: a second process (here a second open) is told it
 * is in use, a damaged page is found before anything is read or written, rows that do not add up
 * are refused the same way, and a creation that cannot write leaves no file. */
static void store_proves_itself(void **state) {
  (void)state;
  char path[] = "/tmp/knead-test-cohort-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  unlink(path);
  kn_cohort_run_info info;
  fill_info(&info, 1);
  kn_cohort_store *s = NULL, *s2 = NULL;
  kn_diag d;
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), 0);
  assert_int_equal(write_subject(s, 0, &d), 0);
  assert_int_equal(write_subject(s, 1, &d), 0);
  /* in use: refused without waiting, by a run and by a reader */
  assert_int_equal(kn_cohort_store_open(path, &info, &s2, &d), KN_ESTATE);
  assert_null(s2);
  assert_non_null(strstr(d.message, "is in use by another knead cohort process"));
  kn_cohort_summary sum;
  assert_int_equal(kn_cohort_summary_load(path, &sum, &d), KN_ESTATE);
  assert_int_equal(kn_cohort_store_finish(s, &d), 0);
  kn_cohort_store_close(s);
  assert_int_equal(kn_cohort_summary_load(path, &sum, &d), 0); /* free again */
  assert_int_equal(sum.n[0], 2);

  /* one page overwritten: refused by the run, the summary and the dump, the file untouched */
  static unsigned char before[1 << 16], after[1 << 16];
  long n = file_bytes(path, before, sizeof before);
  assert_true(n >= 3 * 4096);
  FILE *f = fopen(path, "r+b");
  assert_non_null(f);
  assert_int_equal(fseek(f, 2 * 4096, SEEK_SET), 0); /* page 3, a table's root */
  for (int i = 0; i < 4096; i++)
    fputc(0xAB, f);
  fclose(f);
  n = file_bytes(path, before, sizeof before);
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), KN_EPARSE);
  assert_non_null(strstr(d.message, "is damaged"));
  assert_non_null(strstr(d.message, "run the same cohort command again"));
  assert_null(strchr(d.message, '\n'));
  assert_int_equal(file_bytes(path, after, sizeof after), n);
  assert_memory_equal(before, after, (size_t)n);
  assert_int_equal(kn_cohort_summary_load(path, &sum, &d), KN_EPARSE);
  FILE *devnull = fopen("/dev/null", "w");
  assert_int_equal(kn_cohort_dump(path, devnull, &d), KN_EPARSE);
  fclose(devnull);
  unlink(path);

  /* sound pages, but a subject without its second result, or another schema version */
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), 0);
  assert_int_equal(write_subject(s, 0, &d), 0);
  assert_int_equal(write_subject(s, 2, &d), 0);
  kn_cohort_store_finish(s, &d);
  kn_cohort_store_close(s);
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
                                "DELETE FROM results WHERE subject = 2 AND profile = "
                                "'untrained_partner'",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), KN_EPARSE);
  assert_non_null(strstr(d.message, "without a result under every profile"));
  assert_int_equal(kn_cohort_summary_load(path, &sum, &d), KN_EPARSE);
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(kn_cohort_store_open(path, &info, &s, &d), KN_ESTATE);
  assert_non_null(strstr(d.message, "another knead version (schema 99"));
  unlink(path);

  /* a disk that takes nothing (a file size limit, SIGXFSZ ignored): KN_EIO and no file left */
  struct rlimit old, tiny;
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  tiny = old;
  tiny.rlim_cur = 1024;
  void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &tiny), 0);
  int rc = kn_cohort_store_open(path, &info, &s, &d);
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, old_handler);
  assert_int_equal(rc, KN_EIO);
  assert_null(s);
  assert_int_equal(access(path, F_OK), -1);
  char side[64];
  snprintf(side, sizeof side, "%s-wal", path);
  assert_int_equal(access(side, F_OK), -1);
}

/* ---- simulation and threads ------------------------------------------------------------------ */

static const char *const session_text = "session:\n  recovery: 2 s\n  actions:\n"
                                        "    - do: compression\n      muscle: gastrocnemius\n"
                                        "      contact: thumb\n      force: 40 N\n"
                                        "      duration: 4 s\n";

typedef struct collected {
  kn_cohort_unit *units; /* by index */
  int count;
} collected;

static int collect(const kn_cohort_unit *u, void *ctx) {
  collected *c = ctx;
  c->units[u->index] = *u;
  c->count++;
  return 0;
}

/* The same subjects whatever the number of threads or the order they are given in. */
static void pool_determinism(void **state) {
  (void)state;
  kn_population *p = parse(shares_text);
  kn_session *sess = NULL;
  kn_diag d;
  assert_int_equal(kn_session_parse(session_text, strlen(session_text), "s.yaml", &sess, &d), 0);
  kn_cohort_job job = {0};
  job.population = p;
  job.session = sess;
  job.profiles[0] = KN_PRACTITIONER_UNTRAINED_PARTNER;
  job.profiles[1] = KN_PRACTITIONER_PROFESSIONAL;
  job.nprofile = 2;
  job.seed = 5;
  enum { N = 6 };
  uint64_t fwd[N], rev[N];
  for (int i = 0; i < N; i++) {
    fwd[i] = (uint64_t)i;
    rev[i] = (uint64_t)(N - 1 - i);
  }
  collected a = {calloc(N, sizeof(kn_cohort_unit)), 0}, b = {calloc(N, sizeof(kn_cohort_unit)), 0};
  assert_non_null(a.units);
  assert_non_null(b.units);
  assert_int_equal(kn_cohort_pool_run(&job, fwd, N, 1, collect, NULL, &a, &d), 0);
  assert_int_equal(kn_cohort_pool_run(&job, rev, N, 2, collect, NULL, &b, &d), 0);
  assert_int_equal(a.count, N);
  assert_int_equal(b.count, N);
  for (int i = 0; i < N; i++) {
    assert_int_equal(a.units[i].nprofile, 2);
    assert_int_equal(a.units[i].result[0].profile, KN_PRACTITIONER_UNTRAINED_PARTNER);
    assert_true(a.units[i].result[0].duration > 3.9);
    assert_memory_equal(&a.units[i], &b.units[i], sizeof(kn_cohort_unit));
    /* each subject draws their own practitioner from each profile */
    if (i > 0)
      assert_true(a.units[i].result[0].practitioner.force_ratio !=
                  a.units[i - 1].result[0].practitioner.force_ratio);
    assert_true(a.units[i].result[1].practitioner.force_bias == 0.0);
  }
  /* subject 3's practitioners do not depend on the order of the profiles, and a session's
   * practitioner_percentile does not apply in a cohort */
  kn_cohort_job swapped = job;
  swapped.profiles[0] = KN_PRACTITIONER_PROFESSIONAL;
  swapped.profiles[1] = KN_PRACTITIONER_UNTRAINED_PARTNER;
  kn_session rough = *sess;
  rough.practitioner_percentile = 95;
  swapped.session = &rough;
  kn_cohort_unit *u = calloc(1, sizeof *u);
  assert_non_null(u);
  assert_int_equal(kn_cohort_draw(&swapped, 3, u, &d), 0);
  assert_int_equal(kn_cohort_simulate(&swapped, u, &d), 0);
  assert_memory_equal(&u->result[0].practitioner, &a.units[3].result[1].practitioner,
                      sizeof(kn_practitioner_traits));
  assert_memory_equal(&u->result[1].practitioner, &a.units[3].result[0].practitioner,
                      sizeof(kn_practitioner_traits));
  free(u);
  free(a.units);
  free(b.units);
  kn_session_free(sess);
  kn_population_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wilson_newcombe),        cmocka_unit_test(relative_risk_katz),
      cmocka_unit_test(keys_are_counter_based), cmocka_unit_test(population_errors),
      cmocka_unit_test(population_shares),      cmocka_unit_test(population_body_fat),
      cmocka_unit_test(population_draws),       cmocka_unit_test(shipped_population_loads),
      cmocka_unit_test(outcome_table),          cmocka_unit_test(store_roundtrip),
      cmocka_unit_test(store_proves_itself),    cmocka_unit_test(pool_determinism),
      cmocka_unit_test(course_outcome_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
