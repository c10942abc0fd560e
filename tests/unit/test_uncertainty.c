/* SPDX-License-Identifier: Apache-2.0 */
/* Parameter spreads and the designs built on them: every spread belongs to a real parameter and
 * holds its default; draws are reproducible and inside their spreads; Morris trajectories move one
 * parameter at a time on the grid, and their elementary effects recover a known linear response. */
#include "test_common.h"

#include <stdlib.h>
#include <string.h>

#include "knead/atlas.h"
#include "knead/cohort_uncertainty.h"
#include "knead/param_spread.h"
#include "knead/params.h"

static void every_spread_is_a_real_parameter_around_its_default(void **state) {
  (void)state;
  assert_true(kn_param_spread_count() >= 10);
  for (size_t i = 0; i < kn_param_spread_count(); i++) {
    const kn_param_spread *s = kn_param_spread_at(i);
    int idx = kn_param_find(s->name);
    if (idx < 0) fail_msg("spread %s: no such parameter", s->name);
    const kn_param_info *p = kn_param((size_t)idx);
    for (size_t j = 0; j < i; j++)
      if (!strcmp(kn_param_spread_at(j)->name, s->name)) fail_msg("%s: two spreads", s->name);
    assert_ptr_equal(kn_param_spread_of(idx), s);
    double lo, hi, rlo, rhi;
    kn_param_spread_bounds(s, &lo, &hi);
    if (!(lo <= p->display && p->display <= hi))
      fail_msg("%s: default %g %s outside its spread [%g, %g]", s->name, p->display, p->unit, lo,
               hi);
    /* the widest value a draw can take: the range, or 3 SD either side */
    double wlo = s->kind == KN_SPREAD_NORMAL ? s->a - 3.0 * s->b : lo;
    double whi = s->kind == KN_SPREAD_NORMAL ? s->a + 3.0 * s->b : hi;
    kn_param_range(p, &rlo, &rhi);
    if (!(wlo >= rlo && whi <= rhi))
      fail_msg("%s: spread [%g, %g] leaves the allowed range [%g, %g]", s->name, wlo, whi, rlo,
               rhi);
    if (s->kind == KN_SPREAD_NORMAL && !(s->b > 0.0)) fail_msg("%s: SD must be > 0", s->name);
    if (s->kind == KN_SPREAD_UNIFORM && !(hi > lo)) fail_msg("%s: empty range", s->name);
    /* a spread from a source names it first (a key of the atlas source table); judgement says so */
    assert_non_null(s->source);
    if (s->from_source) {
      char key[64];
      size_t n = strcspn(s->source, ": (");
      snprintf(key, sizeof key, "%.*s", (int)n, s->source);
      if (!kn_atlas_find_source(key))
        fail_msg("%s: spread source \"%s\" does not resolve", s->name, key);
    } else if (strncmp(s->source, "expert:", 7) != 0) {
      fail_msg("%s: a spread by judgement must say \"expert:\"", s->name);
    }
  }
  assert_null(kn_param_spread_of(-1));
  assert_null(kn_param_spread_at(kn_param_spread_count()));
}

static void spread_values_and_format(void **state) {
  (void)state;
  const kn_param_spread *s = kn_param_spread_of(kn_param_find("nerve_block_time"));
  assert_non_null(s);
  /* tourniquet literature: 15-45 min, uniform */
  assert_close(kn_param_spread_value(s, 0.0, 0.0), 15.0, 1e-12);
  assert_close(kn_param_spread_value(s, 0.5, 0.0), 30.0, 1e-12);
  char buf[64];
  kn_param_spread_format(s, buf, sizeof buf);
  assert_string_equal(buf, "15 to 45");
  s = kn_param_spread_of(kn_param_find("nm_ctf_prone"));
  assert_non_null(s);
  /* 14.9 +- 1.3 Hz: z = 1 is 16.2; the normal is cut at 3 SD */
  assert_close(kn_param_spread_value(s, 0.0, 1.0), 16.2, 1e-12);
  assert_close(kn_param_spread_value(s, 0.0, 10.0), 14.9 + 3.0 * 1.3, 1e-12);
  double lo, hi;
  kn_param_spread_bounds(s, &lo, &hi);
  assert_close(lo, 14.9 - 1.959963984540054 * 1.3, 1e-12);
  assert_close(hi, 14.9 + 1.959963984540054 * 1.3, 1e-12);
}

static void quantiles_type7(void **state) {
  (void)state;
  /* Hyndman-Fan type 7 by hand: h = (n-1) p, between the order statistics floor(h) and +1 */
  double x[] = {4, 1, 3, 2};
  assert_close(kn_quantile(x, 4, 0.5), 2.5, 1e-12);
  assert_close(kn_quantile(x, 4, 0.025), 1.075, 1e-12);
  assert_close(kn_quantile(x, 4, 0.975), 3.925, 1e-12);
  assert_close(kn_quantile(x, 4, 0.0), 1.0, 1e-12);
  assert_close(kn_quantile(x, 4, 1.0), 4.0, 1e-12);
  double one = 7.0;
  assert_close(kn_quantile(&one, 1, 0.975), 7.0, 1e-12);
  assert_true(isnan(kn_quantile(x, 0, 0.5)));
}

static void nested_draws_reproducible_and_inside(void **state) {
  (void)state;
  kn_session s;
  memset(&s, 0, sizeof s);
  /* the session fixes one parameter: the design leaves it alone */
  s.nparam = 1;
  s.params[0].index = kn_param_find("nerve_block_time");
  s.params[0].value = 20.0 * 60.0;
  kn_cohort_design *a = NULL, *b = NULL, *c = NULL;
  kn_diag diag;
  assert_int_equal(kn_cohort_design_nested(&s, NULL, 7, 5, &a, &diag), 0);
  assert_int_equal(kn_cohort_design_nested(&s, "all", 7, 5, &b, &diag), 0);
  assert_int_equal(kn_cohort_design_nested(&s, NULL, 8, 5, &c, &diag), 0);
  assert_int_equal(a->nparam, kn_param_spread_count() - 1);
  assert_int_equal(a->npoint, 5);
  assert_memory_equal(a->value, b->value, a->npoint * a->nparam * sizeof *a->value);
  assert_true(memcmp(a->value, c->value, a->npoint * a->nparam * sizeof *a->value) != 0);
  for (size_t j = 0; j < a->nparam; j++) {
    assert_int_not_equal(a->param[j], s.params[0].index);
    const kn_param_spread *sp = kn_param_spread_of(a->param[j]);
    const kn_param_info *pi = kn_param((size_t)a->param[j]);
    double lo = sp->kind == KN_SPREAD_NORMAL ? sp->a - 3 * sp->b : fmin(sp->a, sp->b);
    double hi = sp->kind == KN_SPREAD_NORMAL ? sp->a + 3 * sp->b : fmax(sp->a, sp->b);
    for (size_t k = 0; k < a->npoint; k++) {
      double v = a->value[k * a->nparam + j] / pi->si;
      if (!(v >= lo - 1e-9 && v <= hi + 1e-9)) fail_msg("%s draw %zu: %g", pi->name, k, v);
    }
  }
  /* subject i takes draw i mod K, and is itself */
  assert_int_equal(kn_cohort_design_point(a, 12), 2);
  assert_int_equal(kn_cohort_design_subject(a, 12), 12);
  /* the draws go into a copy of the session, after its own settings */
  kn_session copy = s;
  kn_cohort_design_apply(a, 12, &copy);
  assert_int_equal(copy.nparam, 1 + a->nparam);
  assert_close(copy.params[1].value, a->value[2 * a->nparam], 0.0);
  char text[64];
  kn_cohort_design_describe(a, text, sizeof text);
  assert_string_equal(text, "uncertainty: 5 draws, all spreads");
  assert_int_equal(kn_cohort_design_draws(text), 5);
  assert_int_equal(kn_cohort_design_draws("none"), 0);
  /* only the spreads from sources */
  kn_cohort_design *src = NULL;
  assert_int_equal(kn_cohort_design_nested(&s, "source", 7, 3, &src, &diag), 0);
  for (size_t j = 0; j < src->nparam; j++)
    assert_true(kn_param_spread_of(src->param[j])->from_source);
  /* one module's spreads; a set with no spread is refused before a design is made */
  kn_cohort_design *nm = NULL;
  assert_int_equal(kn_cohort_design_nested(&s, "neuromuscular", 7, 3, &nm, &diag), 0);
  for (size_t j = 0; j < nm->nparam; j++)
    assert_string_equal(kn_param((size_t)nm->param[j])->module, "neuromuscular");
  kn_cohort_design_describe(nm, text, sizeof text);
  assert_string_equal(text, "uncertainty: 3 draws, neuromuscular spreads");
  kn_cohort_design_free(nm);
  assert_true(kn_cohort_spread_set_valid("systemic"));
  assert_true(kn_cohort_spread_set_valid("source"));
  assert_false(kn_cohort_spread_set_valid("mechanics")); /* no spread there */
  assert_false(kn_cohort_spread_set_valid("some"));
  kn_cohort_design *none = NULL;
  assert_int_equal(kn_cohort_design_nested(&s, NULL, 7, 1, &none, &diag), KN_ERANGE);
  assert_null(none);
  kn_cohort_design_free(a);
  kn_cohort_design_free(b);
  kn_cohort_design_free(c);
  kn_cohort_design_free(src);
}

/* The normalised level (0..1 of the spread) of parameter slot j at point pt. */
static double level(const kn_cohort_design *d, size_t pt, size_t j) {
  const kn_param_spread *sp = kn_param_spread_of(d->param[j]);
  double lo, hi;
  kn_param_spread_bounds(sp, &lo, &hi);
  return (d->value[pt * d->nparam + j] / kn_param((size_t)d->param[j])->si - lo) / (hi - lo);
}

static void morris_trajectories_and_effects(void **state) {
  (void)state;
  kn_session s;
  memset(&s, 0, sizeof s);
  kn_cohort_design *d = NULL;
  kn_diag diag;
  assert_int_equal(kn_cohort_design_morris(&s, NULL, 3, 6, 2, &d, &diag), 0);
  size_t k = d->nparam;
  assert_int_equal(d->npoint, 6 * (k + 1));
  assert_int_equal(kn_cohort_design_units(d), 2 * 6 * (k + 1));
  assert_int_equal(kn_cohort_design_point(d, 5), 2);
  assert_int_equal(kn_cohort_design_subject(d, 5), 1);
  /* each step moves exactly the factor it names, by 2/3 of its spread, and stays on the grid */
  for (size_t t = 0; t < d->ntraj; t++)
    for (size_t step = 0; step < k; step++) {
      size_t p = t * (k + 1) + step;
      for (size_t j = 0; j < k; j++) {
        double x0 = level(d, p, j), x1 = level(d, p + 1, j);
        double g = x0 * 3.0;
        if (fabs(g - round(g)) > 1e-9 || x0 < -1e-9 || x0 > 1 + 1e-9) fail_msg("off the grid");
        if ((int)j == d->moved[t * k + step])
          assert_close(x1 - x0, d->step[t * k + step], 1e-9);
        else
          assert_close(x1, x0, 1e-12);
      }
      assert_close(fabs(d->step[t * k + step]), 2.0 / 3.0, 1e-12);
    }
  /* a linear response y = sum_j c_j x_j (c_j = j + 1, none for the last factor): every elementary
   * effect of factor j is c_j, so mu* = mu = c_j and sigma = 0 */
  double *y = malloc(d->npoint * sizeof *y), *ms = malloc(3 * k * sizeof *ms);
  assert_non_null(y);
  assert_non_null(ms);
  for (size_t p = 0; p < d->npoint; p++) {
    y[p] = 0.0;
    for (size_t j = 0; j + 1 < k; j++)
      y[p] += (double)(j + 1) * level(d, p, j);
  }
  kn_morris_effects(d, y, ms, ms + k, ms + 2 * k);
  for (size_t j = 0; j < k; j++) {
    double c = j + 1 < k ? (double)(j + 1) : 0.0;
    assert_close(ms[j], c, 1e-9);
    assert_close(ms[k + j], c, 1e-9);
    assert_close(ms[2 * k + j], 0.0, 1e-9);
  }
  /* |x - 1/2| for the first factor: every step of 2/3 on the grid changes it by 1/3 (0 -> 2/3,
   * 1/3 -> 1 and back), so every |effect| is 1/2: mu* = 1/2 whatever the directions */
  for (size_t p = 0; p < d->npoint; p++)
    y[p] = fabs(level(d, p, 0) - 0.5);
  kn_morris_effects(d, y, ms, ms + k, ms + 2 * k);
  assert_close(ms[0], 0.5, 1e-9);
  free(y);
  free(ms);
  kn_cohort_design_free(d);
  assert_int_equal(kn_cohort_design_morris(&s, NULL, 3, 1, 2, &d, &diag), KN_ERANGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_spread_is_a_real_parameter_around_its_default),
      cmocka_unit_test(spread_values_and_format), cmocka_unit_test(quantiles_type7),
      cmocka_unit_test(nested_draws_reproducible_and_inside),
      cmocka_unit_test(morris_trajectories_and_effects)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
