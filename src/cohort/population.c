/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the population file: how the traits of the subjects of a cohort are distributed.
 *
 *   population:
 *     name: "US adults"
 *     traits:
 *       sex:    {distribution: categorical, values: [female, male], weights: [0.508, 0.492],
 *                source: census_quickfacts2019}
 *       age:    {unit: years, distribution: bands, bands: [{from: 18, to: 40, weight: 0.42}, ...]}
 *       height: {unit: cm, by_sex: {female: {distribution: normal, mean: 161.7, sd: 7, min: 140,
 *                max: 190}, male: {...}}, source: ...}
 *       hypertension: {by_age: [{from: 18, to: 40, distribution: bernoulli, p: 0.224}, ...]}
 *
 * A trait is a key of the subject file (docs/input.md), or `bmi` (kg/m^2, turned into the mass
 * with the height). Each is drawn from one distribution, or from one per sex (`by_sex`) or per age
 * band (`by_age`), and names its `source` (a key of docs/model.md's Sources, or
 * "calibrated: <what to>"). A drawn subject is written as a subject document and read by the
 * subject loader: the subject file's own checks and defaults apply, nothing is repeated here.
 * Every value a distribution can give (min, max, each category) is checked the same way when the
 * population is loaded, so a bad range is reported at its line in the population file. */
#include "knead/cohort.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/rng.h"
#include "input/input.h"
#include "knead/atlas.h"

#define MAX_TRAITS 40
#define MAX_CASES 8
#define MAX_CATS 16
#define MAX_DRAWS 100         /* whole-subject draws before giving up on a population */
#define MAX_REJECT 200        /* draws of one truncated normal before clamping */
#define MIN_WINDOW_SHARE 0.05 /* share of a normal that must lie in [min, max]: check_window */
#define NAME_LEN 40
#define DOC_LEN 4096

typedef enum dist_kind {
  D_FIXED = 0,
  D_CATEGORICAL,
  D_BERNOULLI,
  D_UNIFORM,
  D_NORMAL,
  D_LOGNORMAL,
  D_BANDS,
  D_DEURENBERG,
  D_COUNT
} dist_kind;
static const char *const dist_names[] = {"fixed",   "categorical",    "bernoulli",
                                         "uniform", "normal",         "lognormal",
                                         "bands",   "deurenberg1991", NULL};

/* One distribution. Numbers are in the trait's unit; names are written to the subject as they are.
 */
typedef struct dist {
  dist_kind kind;
  double a, b;     /* normal: mean, sd; lognormal: log-scale mu, sigma; deurenberg: -, sd (%) */
  double min, max; /* support (uniform, normal, lognormal, deurenberg) */
  size_t ncat;
  int named;                     /* categorical/fixed: values are names */
  double val[MAX_CATS];          /* categorical or fixed numbers; bands: lower ends */
  double hi[MAX_CATS];           /* bands: upper ends */
  double cum[MAX_CATS];          /* cumulative weights, normalised to 1 */
  char name[MAX_CATS][NAME_LEN]; /* categorical or fixed names */
} dist;

/* A distribution and when it applies: sex (-1 any) and age in [age_lo, age_hi) years. */
typedef struct trait_case {
  int sex;
  double age_lo, age_hi;
  dist d;
} trait_case;

typedef struct trait {
  char key[NAME_LEN];       /* subject-file key, or "bmi" */
  const kn_ynode *key_node; /* while loading: where the trait is named, for messages */
  const char *key_path;     /* while loading: its field path */
  const kn_field *unit_at;  /* while loading: its unit field, NULL if none (wrong units there) */
  char unit[24];            /* appended to numbers ("" = bare) */
  char source[160];
  double to_si; /* SI units (year for age, m for height) per unit; 1 for others */
  int priority; /* drawing order: sex, age, height, bmi/mass, others, body fat from BMI */
  uint64_t tag; /* stream of its draws: a hash of the key, so file order does not matter */
  size_t ncase;
  trait_case cases[MAX_CASES];
} trait;

struct kn_population {
  char file[256]; /* where it was read from, for messages */
  char name[128];
  size_t ntrait;
  trait traits[MAX_TRAITS]; /* (ntrait), in drawing order */
};

static const char *const population_keys[] = {"name", "description", "traits", NULL};
static const char *const trait_keys[] = {
    "unit", "source", "note", "by_sex", "by_age", "distribution", "value",  "values", "weights",
    "p",    "min",    "max",  "mean",   "median", "sd",           "sd_log", "bands",  NULL};
/* what a distribution may hold (a by_age case also has from/to) */
static const char *const dist_keys[] = {"distribution", "value", "values", "weights", "p",
                                        "min",          "max",   "mean",   "median",  "sd",
                                        "sd_log",       "bands", "note",   NULL};
static const char *const case_keys[] = {
    "from", "to",   "distribution", "value", "values", "weights", "p",    "min",
    "max",  "mean", "median",       "sd",    "sd_log", "bands",   "note", NULL};
static const char *const band_keys[] = {"from", "to", "weight", NULL};
static const char *const sex_keys[] = {"female", "male", NULL};

/* ---- hashing and streams --------------------------------------------------------------------- */

static uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t kn_cohort_key(uint64_t seed, uint64_t index, uint64_t stream) {
  /* Each input goes through a full mixing round before the next is added, so neighbouring
   * (index, stream) pairs give unrelated keys. The golden-ratio increments keep 0 from mapping to
   * 0. */
  uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
  h = mix64(h ^ (index + 0x632be59bd9b4e019ULL));
  return mix64(h ^ (stream + 0x8cb92ba72f3d8dd7ULL));
}

/* ---- reading --------------------------------------------------------------------------------- */

static int read_number(kn_in *in, const kn_field *f, double *out) {
  if (f->val->kind != KN_Y_SCALAR || f->val->quoted)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected a number");
  const char *s = kn_in_text(in, f->val);
  char *end = NULL;
  double v = strtod(s, &end);
  if (end == s || *end != '\0' || !isfinite(v))
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected a number");
  *out = v;
  return 0;
}

static int read_positive(kn_in *in, const kn_field *f, double *out) {
  int rc = read_number(in, f, out);
  if (rc == 0 && !(*out > 0.0))
    return kn_in_fail(in, f->val, f->path, KN_ERANGE, "must be greater than 0");
  return rc;
}

/* A scalar that is a number (stored in *num, *is_name = 0) or a name (copied to name). */
static int read_value(kn_in *in, const kn_field *f, double *num, char *name, int *is_name) {
  if (f->val->kind != KN_Y_SCALAR)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected a number or a name");
  const char *s = kn_in_text(in, f->val);
  char *end = NULL;
  double v = strtod(s, &end);
  if (!f->val->quoted && end != s && *end == '\0' && isfinite(v)) {
    *num = v;
    *is_name = 0;
    return 0;
  }
  *is_name = 1;
  return kn_in_text_field(in, f, name, NAME_LEN);
}

/* A field that must be there. */
static int need(kn_in *in, const kn_ynode *m, const char *path, const char *key, kn_field *f) {
  if (kn_in_field(in, m, path, key, f)) return 0;
  return kn_in_fail(in, m, path, KN_EMISSING, "missing required field \"%s\"", key);
}

/* A sequence field: its item i as a field with the path "key[i]". */
static void item(const kn_in *in, const kn_field *seq, size_t i, kn_field *f) {
  f->key = seq->key;
  f->val = kn_in_child(in, seq->val, i);
  f->pos = i;
  snprintf(f->path, sizeof f->path, "%.100s[%zu]", seq->path, i);
}

static int need_seq(kn_in *in, const kn_field *f, size_t max) {
  if (f->val->kind != KN_Y_SEQ || f->val->n == 0)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected a non-empty list");
  if (f->val->n > max)
    return kn_in_fail(in, f->val, f->path, KN_ETOOBIG, "at most %zu entries", max);
  return 0;
}

/* Normalises weights w[0..n) into cumulative shares. */
static int cumulate(kn_in *in, const kn_field *f, const double *w, size_t n, double *cum) {
  double total = 0.0;
  for (size_t i = 0; i < n; i++)
    total += w[i];
  if (!(total > 0.0)) return kn_in_fail(in, f->val, f->path, KN_ERANGE, "the weights add up to 0");
  double c = 0.0;
  for (size_t i = 0; i < n; i++)
    cum[i] = (c += w[i] / total);
  cum[n - 1] = 1.0;
  return 0;
}

static int read_support(kn_in *in, const kn_ynode *m, const char *path, dist *d) {
  kn_field f;
  int rc;
  if ((rc = need(in, m, path, "min", &f)) || (rc = read_number(in, &f, &d->min))) return rc;
  if ((rc = need(in, m, path, "max", &f)) || (rc = read_number(in, &f, &d->max))) return rc;
  if (!(d->max > d->min))
    return kn_in_fail(in, f.val, f.path, KN_ERANGE, "max must be greater than min");
  return 0;
}

/* The sampler draws a truncated normal again until it falls in [min, max], and after MAX_REJECT
 * misses takes the clamped centre. A window holding little of the distribution would make every
 * subject that clamped value (sd_log: 1e308 gave every subject a BMI of 15.0): at least
 * MIN_WINDOW_SHARE of it must lie inside, so that all MAX_REJECT draws miss with a chance below
 * 0.95^200 = 4e-5. spread is the sd or sd_log field, where the refusal is reported. */
static int check_window(kn_in *in, const kn_field *spread, const kn_field *centre, double mid,
                        const dist *d) {
  int log_scale = d->kind == D_LOGNORMAL;
  double lo = log_scale ? (d->min > 0.0 ? log(d->min) : -INFINITY) : d->min;
  double hi = log_scale ? log(d->max) : d->max;
  double share = 0.0;
  if (isfinite(d->a) && isfinite(d->b) && d->b > 0.0)
    share = 0.5 * erfc(-(hi - d->a) / (d->b * sqrt(2.0))) -
            0.5 * erfc(-(lo - d->a) / (d->b * sqrt(2.0)));
  if (share >= MIN_WINDOW_SHARE) return 0;
  if (mid < d->min || mid > d->max)
    return kn_in_fail(in, centre->val, centre->path, KN_ERANGE,
                      "%g lies outside [min, max] = [%g, %g], and so does most of the "
                      "distribution (%.2g %% inside; at least %g %% must be)",
                      mid, d->min, d->max, 100.0 * share, 100.0 * MIN_WINDOW_SHARE);
  return kn_in_fail(in, spread->val, spread->path, KN_ERANGE,
                    "%.2g %% of this distribution lies within [min, max] = [%g, %g]: at least "
                    "%g %% must, or every subject is drawn at one value; a smaller %s or a "
                    "centre inside [min, max]",
                    100.0 * share, d->min, d->max, 100.0 * MIN_WINDOW_SHARE,
                    log_scale ? "sd_log" : "sd");
}

/* Reads one distribution from the mapping m (a trait, a by_sex entry or a by_age case). */
static int read_dist(kn_in *in, const kn_ynode *m, const char *path, const char *key, dist *d) {
  kn_field f, g;
  int rc, kind = 0;
  memset(d, 0, sizeof *d);
  if ((rc = need(in, m, path, "distribution", &f))) return rc;
  const kn_names kinds = {dist_names, NULL, 0};
  if ((rc = kn_in_enum(in, &f, &kinds, &kind))) return rc;
  d->kind = (dist_kind)kind;
  if (d->kind == D_DEURENBERG && strcmp(key, "body_fat") != 0)
    return kn_in_fail(in, f.val, f.path, KN_EPARSE, "deurenberg1991 gives body_fat only");
  /* the parameters of one kind only: a stray one is likely a mistake */
  static const char *const params[D_COUNT][6] = {
      [D_FIXED] = {"value"},
      [D_CATEGORICAL] = {"values", "weights"},
      [D_BERNOULLI] = {"p"},
      [D_UNIFORM] = {"min", "max"},
      [D_NORMAL] = {"mean", "sd", "min", "max"},
      [D_LOGNORMAL] = {"mean", "median", "sd_log", "min", "max"},
      [D_BANDS] = {"bands"},
      [D_DEURENBERG] = {"sd", "min", "max"},
  };
  static const char *const all[] = {"value", "values", "weights", "p",      "min",   "max",
                                    "mean",  "median", "sd",      "sd_log", "bands", NULL};
  for (size_t i = 0; all[i]; i++) {
    if (!kn_in_field(in, m, path, all[i], &g)) continue;
    int ok = 0;
    for (size_t j = 0; j < sizeof params[0] / sizeof params[0][0] && params[d->kind][j]; j++)
      ok |= !strcmp(params[d->kind][j], all[i]);
    if (!ok)
      return kn_in_fail(in, g.key, g.path, KN_EUNKNOWN_KEY,
                        "\"%s\" is not a parameter of the %s distribution", all[i],
                        dist_names[d->kind]);
  }

  switch (d->kind) {
  case D_FIXED:
    if ((rc = need(in, m, path, "value", &f))) return rc;
    d->ncat = 1;
    d->cum[0] = 1.0;
    return read_value(in, &f, &d->val[0], d->name[0], &d->named);
  case D_CATEGORICAL: {
    if ((rc = need(in, m, path, "values", &f)) || (rc = need_seq(in, &f, MAX_CATS))) return rc;
    if ((rc = need(in, m, path, "weights", &g)) || (rc = need_seq(in, &g, MAX_CATS))) return rc;
    if (g.val->n != f.val->n)
      return kn_in_fail(in, g.val, g.path, KN_EPARSE, "%zu weights for %zu values", g.val->n,
                        f.val->n);
    d->ncat = f.val->n;
    double w[MAX_CATS];
    for (size_t i = 0; i < d->ncat; i++) {
      kn_field e;
      int named = 0;
      item(in, &f, i, &e);
      if ((rc = read_value(in, &e, &d->val[i], d->name[i], &named))) return rc;
      if (i > 0 && named != d->named)
        return kn_in_fail(in, e.val, e.path, KN_EPARSE, "values must be all numbers or all names");
      d->named = named;
      item(in, &g, i, &e);
      if ((rc = read_number(in, &e, &w[i]))) return rc;
      if (w[i] < 0.0) return kn_in_fail(in, e.val, e.path, KN_ERANGE, "a weight must be >= 0");
    }
    return cumulate(in, &g, w, d->ncat, d->cum);
  }
  case D_BERNOULLI:
    if ((rc = need(in, m, path, "p", &f)) || (rc = read_number(in, &f, &d->a))) return rc;
    if (d->a < 0.0 || d->a > 1.0)
      return kn_in_fail(in, f.val, f.path, KN_ERANGE, "a probability must be in [0, 1]");
    return 0;
  case D_UNIFORM:
    return read_support(in, m, path, d);
  case D_NORMAL:
    if ((rc = need(in, m, path, "mean", &f)) || (rc = read_number(in, &f, &d->a))) return rc;
    if ((rc = need(in, m, path, "sd", &g)) || (rc = read_positive(in, &g, &d->b))) return rc;
    if ((rc = read_support(in, m, path, d))) return rc;
    return check_window(in, &g, &f, d->a, d);
  case D_LOGNORMAL: {
    int has_mean = kn_in_field(in, m, path, "mean", &f);
    int has_median = kn_in_field(in, m, path, "median", &g);
    if (has_mean == has_median)
      return kn_in_fail(in, has_mean ? g.key : m, path, KN_EPARSE,
                        "give either mean or median of a lognormal distribution");
    double centre = 0.0;
    kn_field c = has_mean ? f : g;
    if ((rc = read_positive(in, &c, &centre))) return rc;
    if ((rc = need(in, m, path, "sd_log", &f)) || (rc = read_positive(in, &f, &d->b))) return rc;
    /* log-scale location: the median's log, or from the mean exp(mu + sigma^2 / 2) */
    d->a = has_mean ? log(centre) - 0.5 * d->b * d->b : log(centre);
    if ((rc = read_support(in, m, path, d))) return rc;
    return check_window(in, &f, &c, centre, d);
  }
  case D_BANDS: {
    if ((rc = need(in, m, path, "bands", &f)) || (rc = need_seq(in, &f, MAX_CATS))) return rc;
    d->ncat = f.val->n;
    double w[MAX_CATS];
    for (size_t i = 0; i < d->ncat; i++) {
      kn_field e, x;
      item(in, &f, i, &e);
      if ((rc = kn_in_map_of(in, e.val, e.path, band_keys))) return rc;
      if ((rc = need(in, e.val, e.path, "from", &x)) || (rc = read_number(in, &x, &d->val[i])))
        return rc;
      if ((rc = need(in, e.val, e.path, "to", &x)) || (rc = read_number(in, &x, &d->hi[i])))
        return rc;
      if (!(d->hi[i] > d->val[i]))
        return kn_in_fail(in, x.val, x.path, KN_ERANGE, "\"to\" must be greater than \"from\"");
      if ((rc = need(in, e.val, e.path, "weight", &x)) || (rc = read_number(in, &x, &w[i])))
        return rc;
      if (w[i] < 0.0) return kn_in_fail(in, x.val, x.path, KN_ERANGE, "a weight must be >= 0");
    }
    return cumulate(in, &f, w, d->ncat, d->cum);
  }
  case D_DEURENBERG:
    if ((rc = need(in, m, path, "sd", &f)) || (rc = read_number(in, &f, &d->b))) return rc;
    if (d->b < 0.0) return kn_in_fail(in, f.val, f.path, KN_ERANGE, "must be >= 0");
    return read_support(in, m, path, d);
  case D_COUNT:
    break;
  }
  return kn_in_fail(in, m, path, KN_EINTERNAL, "unknown distribution");
}

/* ---- checking values with the subject loader ------------------------------------------------- */

/* Writes one "key: value" line of a subject document for a number in the trait's unit. */
static int put_number(char *buf, size_t size, size_t *o, const trait *t, double v) {
  int n =
      snprintf(buf + *o, size - *o, "  %s: %.17g%s%s\n", t->key, v, t->unit[0] ? " " : "", t->unit);
  if (n < 0 || (size_t)n >= size - *o) return -1;
  *o += (size_t)n;
  return 0;
}

static int put_name(char *buf, size_t size, size_t *o, const char *key, const char *name) {
  int n = snprintf(buf + *o, size - *o, "  %s: %s\n", key, name);
  if (n < 0 || (size_t)n >= size - *o) return -1;
  *o += (size_t)n;
  return 0;
}

/* Reads a one-field subject document; on failure reports the subject loader's message at `at`. */
static int probe(kn_in *in, const kn_ynode *at, const char *path, const trait *t, double v,
                 const char *name) {
  const kn_ynode *key_at = t->key_node; /* an unknown trait is reported at its name */
  if (!strcmp(t->key, "bmi")) return 0; /* not a subject field: checked as the mass it gives */
  char doc[256] = "subject:\n";
  size_t o = strlen(doc);
  int bad =
      name ? put_name(doc, sizeof doc, &o, t->key, name) : put_number(doc, sizeof doc, &o, t, v);
  if (bad) return kn_in_fail(in, at, path, KN_ETOOBIG, "value too long");
  kn_subject s;
  kn_diag d;
  int rc = kn_subject_parse(doc, o, "population", &s, &d);
  if (rc == 0) return 0;
  if (rc == KN_EUNKNOWN_KEY)
    return kn_in_fail(in, key_at ? key_at : at, key_at ? t->key_path : path, rc,
                      "%s (traits are keys of the subject file, or bmi)", d.message);
  /* a value in a unit of the wrong kind: the unit field is the one to change */
  if (rc == KN_EUNIT && t->unit_at != NULL)
    return kn_in_fail(in, t->unit_at->val, t->unit_at->path, rc, "%s", d.message);
  return kn_in_fail(in, at, path, rc, "%s", d.message);
}

/* Checks the value of the field `key` (item i of a list when i >= 0) of the mapping at, reported
 * at that field. */
static int probe_field(kn_in *in, const kn_ynode *at, const char *path, const trait *t,
                       const char *key, long i, double v, const char *name) {
  kn_field f;
  if (!kn_in_field(in, at, path, key, &f)) return probe(in, at, path, t, v, name);
  if (i >= 0 && f.val->kind == KN_Y_SEQ && (size_t)i < f.val->n) {
    kn_field e;
    item(in, &f, (size_t)i, &e);
    return probe(in, e.val, e.path, t, v, name);
  }
  return probe(in, f.val, f.path, t, v, name);
}

/* Checks every value a distribution can give: its ends, each category, true and false. */
static int probe_dist(kn_in *in, const kn_ynode *at, const char *path, const trait *t,
                      const dist *d) {
  int rc = 0;
  switch (d->kind) {
  case D_FIXED:
    return probe_field(in, at, path, t, "value", -1, d->val[0], d->named ? d->name[0] : NULL);
  case D_CATEGORICAL:
    for (size_t i = 0; i < d->ncat && !rc; i++)
      rc = probe_field(in, at, path, t, "values", (long)i, d->val[i], d->named ? d->name[i] : NULL);
    return rc;
  case D_BERNOULLI:
    if ((rc = probe(in, at, path, t, 0, "true"))) return rc;
    return probe(in, at, path, t, 0, "false");
  case D_BANDS:
    for (size_t i = 0; i < d->ncat && !rc; i++)
      if (!(rc = probe_field(in, at, path, t, "bands", (long)i, d->val[i], NULL)))
        rc = probe_field(in, at, path, t, "bands", (long)i, d->hi[i], NULL);
    return rc;
  default:
    if ((rc = probe_field(in, at, path, t, "min", -1, d->min, NULL))) return rc;
    return probe_field(in, at, path, t, "max", -1, d->max, NULL);
  }
}

/* ---- one trait ------------------------------------------------------------------------------- */

/* The last in the drawing order: body fat from BMI (Deurenberg) needs the BMI drawn first. */
#define PRIORITY_FROM_BMI 5
/* A source that is not a reference but says how a value was chosen. */
#define CALIBRATED "calibrated:"

static int priority_of(const char *key, const dist *d) {
  if (!strcmp(key, "sex")) return 0;
  if (!strcmp(key, "age")) return 1;
  if (!strcmp(key, "height")) return 2;
  if (!strcmp(key, "bmi") || !strcmp(key, "mass")) return 3;
  if (d->kind == D_DEURENBERG) return PRIORITY_FROM_BMI;
  return PRIORITY_FROM_BMI - 1;
}

/* The unit's size in `si` ("year", "m") for traits whose values the sampler uses itself; a wrong
 * unit is reported at the unit field. */
static int unit_scale(kn_in *in, const trait *t, const char *si, double *out) {
  char text[64], msg[256];
  snprintf(text, sizeof text, "1 %s", t->unit[0] ? t->unit : si);
  if (kn_quantity_parse(text, si, NULL, out, msg, sizeof msg) == 0) return 0;
  const kn_ynode *at = t->unit_at ? t->unit_at->val : t->key_node;
  /* the converter's text names "1 kg"; the unit alone says it better */
  char shown[96];
  kn_in_quote(shown, sizeof shown, t->unit, strlen(t->unit));
  return kn_in_fail(in, at, t->unit_at ? t->unit_at->path : t->key_path, KN_EUNIT,
                    "%s needs a unit of %s, not \"%s\"", t->key,
                    !strcmp(si, "m") ? "length (cm, m, in)" : "time (years)", shown);
}

static int read_trait(kn_in *in, const kn_ynode *key, const kn_ynode *m, const char *path, trait *t,
                      kn_field *unit_field) {
  kn_field f, g;
  int rc;
  memset(t, 0, sizeof *t);
  t->key_node = key;
  t->key_path = path;
  snprintf(t->key, sizeof t->key, "%s", kn_in_text(in, key));
  if (key->n >= sizeof t->key) return kn_in_fail(in, key, path, KN_ERANGE, "trait name too long");
  t->tag = kn_fnv1a_str(t->key);
  t->to_si = 1.0;
  if ((rc = kn_in_map_of(in, m, path, trait_keys))) return rc;
  if (kn_in_field(in, m, path, "unit", unit_field)) {
    if ((rc = kn_in_text_field(in, unit_field, t->unit, sizeof t->unit))) return rc;
    t->unit_at = unit_field;
  }
  if (!strcmp(t->key, "bmi") && t->unit[0] && strcmp(t->unit, "kg/m^2") && strcmp(t->unit, "kg/m2"))
    return kn_in_fail(in, unit_field->val, unit_field->path, KN_EUNIT, "bmi is in kg/m^2");
  /* every trait names where its numbers come from, and that source must resolve */
  if ((rc = need(in, m, path, "source", &f)) ||
      (rc = kn_in_text_field(in, &f, t->source, sizeof t->source)))
    return rc;
  if (strncmp(t->source, CALIBRATED, sizeof CALIBRATED - 1) != 0) {
    char keybuf[160];
    snprintf(keybuf, sizeof keybuf, "%s", t->source);
    /* keys separated by commas; a "calibrated: ..." part may follow the keys */
    char *save = NULL;
    for (char *tok = strtok_r(keybuf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
      if (!strncmp(tok, CALIBRATED, sizeof CALIBRATED - 1)) break;
      if (kn_atlas_find_source(tok) == NULL)
        return kn_in_fail(in, f.val, f.path, KN_ENOTFOUND,
                          "unknown source \"%s\": give keys of docs/model.md's Sources "
                          "(knead atlas lists them), or \"calibrated: <what to>\"",
                          tok);
    }
  }
  if (!strcmp(t->key, "age") && (rc = unit_scale(in, t, "year", &t->to_si))) return rc;
  if (!strcmp(t->key, "height") && (rc = unit_scale(in, t, "m", &t->to_si))) return rc;

  int by_sex = kn_in_field(in, m, path, "by_sex", &f);
  int by_age = kn_in_field(in, m, path, "by_age", &g);
  int plain = kn_in_field(in, m, path, "distribution", &f);
  if (by_sex + by_age + plain != 1) {
    const kn_ynode *at = by_sex && by_age ? g.key : m;
    return kn_in_fail(in, at, path, KN_EPARSE, "give one of: distribution, by_sex, by_age");
  }
  if (!plain) { /* a distribution's parameters beside by_sex or by_age would be ignored */
    for (size_t i = 0; dist_keys[i]; i++)
      if (strcmp(dist_keys[i], "note") && kn_in_field(in, m, path, dist_keys[i], &f))
        return kn_in_fail(in, f.key, f.path, KN_EPARSE, "\"%s\" belongs inside %s", dist_keys[i],
                          by_sex ? "by_sex" : "by_age");
  }
  if (plain) {
    t->ncase = 1;
    t->cases[0].sex = -1;
    t->cases[0].age_lo = 0.0;
    t->cases[0].age_hi = INFINITY;
    if ((rc = read_dist(in, m, path, t->key, &t->cases[0].d))) return rc;
    return probe_dist(in, m, path, t, &t->cases[0].d);
  }
  if (by_sex) {
    kn_in_field(in, m, path, "by_sex", &f);
    if ((rc = kn_in_map_of(in, f.val, f.path, sex_keys))) return rc;
    for (int sex = 0; sex < 2; sex++) {
      kn_field e;
      if (!kn_in_field(in, f.val, f.path, sex_keys[sex], &e))
        return kn_in_fail(in, f.val, f.path, KN_EMISSING, "missing required field \"%s\"",
                          sex_keys[sex]);
      if ((rc = kn_in_map_of(in, e.val, e.path, dist_keys))) return rc;
      trait_case *c = &t->cases[t->ncase++];
      c->sex = sex == 0 ? KN_SEX_FEMALE : KN_SEX_MALE;
      c->age_lo = 0.0;
      c->age_hi = INFINITY;
      if ((rc = read_dist(in, e.val, e.path, t->key, &c->d))) return rc;
      if ((rc = probe_dist(in, e.val, e.path, t, &c->d))) return rc;
    }
    return 0;
  }
  if ((rc = need_seq(in, &g, MAX_CASES))) return rc;
  for (size_t i = 0; i < g.val->n; i++) {
    kn_field e, x;
    item(in, &g, i, &e);
    if ((rc = kn_in_map_of(in, e.val, e.path, case_keys))) return rc;
    trait_case *c = &t->cases[t->ncase++];
    c->sex = -1;
    if ((rc = need(in, e.val, e.path, "from", &x)) || (rc = read_number(in, &x, &c->age_lo)))
      return rc;
    if ((rc = need(in, e.val, e.path, "to", &x)) || (rc = read_number(in, &x, &c->age_hi)))
      return rc;
    if (!(c->age_hi > c->age_lo))
      return kn_in_fail(in, x.val, x.path, KN_ERANGE, "\"to\" must be greater than \"from\"");
    if (i > 0 && c->age_lo != t->cases[i - 1].age_hi)
      return kn_in_fail(in, e.val, e.path, KN_ERANGE,
                        "age bands must follow each other: this one starts at %g, the last "
                        "ended at %g",
                        c->age_lo, t->cases[i - 1].age_hi);
    if ((rc = read_dist(in, e.val, e.path, t->key, &c->d))) return rc;
    if ((rc = probe_dist(in, e.val, e.path, t, &c->d))) return rc;
  }
  return 0;
}

static int read_population(kn_in *in, kn_population *p) {
  const kn_ynode *body = NULL;
  int rc = kn_in_top(in, "population", "subject", &body);
  if (rc) return rc;
  const char *path = "population";
  if ((rc = kn_in_map_of(in, body, path, population_keys))) return rc;
  kn_field f;
  if (kn_in_field(in, body, path, "name", &f) &&
      (rc = kn_in_text_field(in, &f, p->name, sizeof p->name)))
    return rc;
  if ((rc = need(in, body, path, "traits", &f))) return rc;
  if (f.val->kind != KN_Y_MAP || f.val->n == 0)
    return kn_in_fail(in, f.val, f.path, KN_EPARSE, "expected a mapping of traits");
  size_t npair = f.val->n / 2;
  if (npair > MAX_TRAITS)
    return kn_in_fail(in, f.val, f.path, KN_ETOOBIG, "at most %d traits", MAX_TRAITS);
  /* keys: scalars, no repeats (any name here; each is checked against the subject file below) */
  for (size_t i = 0; i < npair; i++) {
    const kn_ynode *k = kn_in_child(in, f.val, 2 * i);
    if (k->kind != KN_Y_SCALAR) return kn_in_fail(in, k, f.path, KN_EPARSE, "expected a scalar");
    for (size_t j = 0; j < i; j++)
      if (!strcmp(kn_in_text(in, kn_in_child(in, f.val, 2 * j)), kn_in_text(in, k)))
        return kn_in_fail(in, k, f.path, KN_EPARSE, "duplicate trait \"%s\"", kn_in_text(in, k));
  }
  int has_bmi = 0, has_mass = 0;
  for (size_t i = 0; i < npair; i++) {
    const kn_ynode *k = kn_in_child(in, f.val, 2 * i);
    char tpath[128];
    kn_in_join_path(tpath, sizeof tpath, f.path, kn_in_text(in, k), k->n);
    trait *t = &p->traits[p->ntrait];
    kn_field unit_field;
    if ((rc = read_trait(in, k, kn_in_child(in, f.val, 2 * i + 1), tpath, t, &unit_field)))
      return rc;
    t->key_node = NULL; /* the document and the path go away after loading */
    t->key_path = NULL;
    t->unit_at = NULL;
    t->priority = priority_of(t->key, &t->cases[0].d);
    has_bmi |= !strcmp(t->key, "bmi");
    has_mass |= !strcmp(t->key, "mass");
    if (t->cases[0].d.kind == D_DEURENBERG && t->cases[0].d.min < 0.0)
      return kn_in_fail(in, k, tpath, KN_ERANGE, "body fat below 0 %%");
    for (size_t c = 0; c < t->ncase; c++)
      if (t->cases[c].d.kind == D_DEURENBERG && strcmp(t->unit, "%") != 0)
        return kn_in_fail(in, k, tpath, KN_EUNIT,
                          "deurenberg1991 gives body fat in %%: unit: \"%%\"");
    p->ntrait++;
    if (has_bmi && has_mass)
      return kn_in_fail(in, k, tpath, KN_EPARSE, "give bmi or mass, not both");
  }
  /* drawing order: stable sort by priority (a few dozen traits) */
  for (size_t i = 1; i < p->ntrait; i++)
    for (size_t j = i; j > 0 && p->traits[j].priority < p->traits[j - 1].priority; j--) {
      trait tmp = p->traits[j];
      p->traits[j] = p->traits[j - 1];
      p->traits[j - 1] = tmp;
    }
  for (size_t i = 0; i < p->ntrait; i++)
    if (p->traits[i].priority == PRIORITY_FROM_BMI && !has_bmi)
      return kn_in_fail(in, f.val, f.path, KN_EMISSING,
                        "body_fat from deurenberg1991 needs the trait bmi");
  return 0;
}

/* Reads a whole population document into a new population, *(kn_population **)out. */
static int read_new_population(kn_in *in, void *out) {
  kn_population *p = calloc(1, sizeof *p);
  if (p == NULL) return kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory");
  snprintf(p->file, sizeof p->file, "%s", in->file);
  int rc = read_population(in, p);
  if (rc) {
    free(p);
    return rc;
  }
  *(kn_population **)out = p;
  return 0;
}

int kn_population_parse(const char *text, size_t len, const char *name, kn_population **out,
                        kn_diag *diag) {
  if (out) *out = NULL;
  return kn_in_read_doc(text, len, name, diag, read_new_population, out);
}

int kn_population_load(const char *path, kn_population **out, kn_diag *diag) {
  if (out) *out = NULL;
  return kn_in_load_doc(path, diag, read_new_population, out);
}

void kn_population_free(kn_population *p) {
  free(p);
}

const char *kn_population_name(const kn_population *p) {
  return p ? p->name : "";
}

/* ---- drawing --------------------------------------------------------------------------------- */

static size_t pick(const double *cum, size_t n, double u) {
  for (size_t i = 0; i < n; i++)
    if (u < cum[i]) return i;
  return n - 1;
}

static double clamp(double v, double lo, double hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* A draw from d; *name is set for named values (else NULL). ctx: sex (0/1), age, bmi. */
static double draw(const dist *d, kn_rng *r, const char **name, int male, double age, double bmi) {
  *name = NULL;
  switch (d->kind) {
  case D_FIXED:
  case D_CATEGORICAL: {
    size_t i = d->kind == D_FIXED ? 0 : pick(d->cum, d->ncat, kn_rng_uniform(r));
    if (d->named) *name = d->name[i];
    return d->val[i];
  }
  case D_BERNOULLI:
    *name = kn_rng_uniform(r) < d->a ? "true" : "false";
    return 0.0;
  case D_UNIFORM:
    return d->min + (d->max - d->min) * kn_rng_uniform(r);
  case D_BANDS: {
    size_t i = pick(d->cum, d->ncat, kn_rng_uniform(r));
    return d->val[i] + (d->hi[i] - d->val[i]) * kn_rng_uniform(r);
  }
  case D_NORMAL:
  case D_LOGNORMAL:
  case D_DEURENBERG: {
    /* Deurenberg et al. 1991, adults: BF% = 1.20 BMI + 0.23 age - 10.8 sex - 5.4 (sex: men 1,
     * women 0), with its standard error of estimate as the spread around it */
    double mean = d->kind == D_DEURENBERG ? 1.20 * bmi + 0.23 * age - 10.8 * male - 5.4 : d->a;
    /* truncated to [min, max] by drawing again; clamped if the window is far in a tail */
    for (int k = 0; k < MAX_REJECT; k++) {
      double z = kn_rng_normal(r);
      double v = d->kind == D_LOGNORMAL ? exp(d->a + d->b * z) : mean + d->b * z;
      if (v >= d->min && v <= d->max) return v;
    }
    return clamp(d->kind == D_LOGNORMAL ? exp(d->a) : mean, d->min, d->max);
  }
  case D_COUNT:
    break;
  }
  return 0.0;
}

int kn_population_sample(const kn_population *p, uint64_t seed, uint64_t index, kn_subject *out,
                         double *bmi_out, kn_diag *diag) {
  kn_diag local;
  kn_diag *dg = diag ? diag : &local;
  kn_diag_clear(dg);
  char doc[DOC_LEN];
  kn_subject def; /* what the subject file leaves out: the context of the first draws */
  kn_subject_default(&def);
  for (uint64_t attempt = 0; attempt < MAX_DRAWS; attempt++) {
    size_t o = 0;
    o += (size_t)snprintf(doc, sizeof doc, "subject:\n");
    int male = -1; /* unknown until sex is drawn: Deurenberg then takes the middle */
    double age = def.age, height = def.height, bmi = NAN;
    int overflow = 0;
    for (size_t i = 0; i < p->ntrait; i++) {
      const trait *t = &p->traits[i];
      const trait_case *c = NULL;
      for (size_t k = 0; k < t->ncase && !c; k++) {
        const trait_case *x = &t->cases[k];
        int sex_ok = x->sex < 0 || (x->sex == KN_SEX_MALE) == (male == 1);
        if (sex_ok && age >= x->age_lo && age < x->age_hi) c = x;
      }
      if (c == NULL) continue; /* no band covers this age: the subject file's default */
      kn_rng r;
      kn_rng_seed(&r, kn_cohort_key(seed, index, t->tag ^ (attempt * 0x9e3779b97f4a7c15ULL)));
      const char *name = NULL;
      double v = draw(&c->d, &r, &name, male == 1, age, bmi);
      if (male < 0 && c->d.kind == D_DEURENBERG) v -= 0.5 * 10.8; /* sex not drawn */
      if (!strcmp(t->key, "sex")) male = name && !strcmp(name, "male") ? 1 : 0;
      if (!strcmp(t->key, "age")) age = v * t->to_si;
      if (!strcmp(t->key, "height")) height = v * t->to_si;
      if (!strcmp(t->key, "bmi")) {
        bmi = v;
        /* the mass that gives this BMI at the drawn height */
        int n = snprintf(doc + o, sizeof doc - o, "  mass: %.17g kg\n", v * height * height);
        overflow |= n < 0 || (size_t)n >= sizeof doc - o;
        if (!overflow) o += (size_t)n;
        continue;
      }
      overflow |= name ? put_name(doc, sizeof doc, &o, t->key, name)
                       : put_number(doc, sizeof doc, &o, t, v);
    }
    if (overflow) {
      dg->code = KN_ETOOBIG;
      snprintf(dg->message, sizeof dg->message, "subject document too long");
      return KN_ETOOBIG;
    }
    kn_subject s;
    int rc = kn_subject_parse(doc, o, "population sample", &s, dg);
    if (rc == KN_ERANGE) continue; /* outside the valid subjects: draw again */
    if (rc) return rc;
    if (isnan(bmi)) bmi = s.mass / (s.height * s.height);
    *out = s;
    if (bmi_out) *bmi_out = bmi;
    kn_diag_clear(dg);
    return 0;
  }
  /* said of the population file: no subject it describes passes the subject file's checks */
  char why[300], field[128];
  snprintf(why, sizeof why, "%.299s", dg->message);
  snprintf(field, sizeof field, "%s", dg->field);
  kn_diag_clear(dg);
  dg->code = KN_ERANGE;
  snprintf(dg->file, sizeof dg->file, "%s", p->file);
  snprintf(dg->field, sizeof dg->field, "population");
  snprintf(dg->message, sizeof dg->message,
           "subject %llu: no valid subject in %d draws; the last: %.120s: %s",
           (unsigned long long)index, MAX_DRAWS, field, why);
  return KN_ERANGE;
}
