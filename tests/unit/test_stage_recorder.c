/* SPDX-License-Identifier: Apache-2.0 */
/* The recorder stage alone: reductions over an interval, the slow columns, the sink, halving of
 * the kept rows, against values worked out by hand; the column layout and its metadata; and the
 * evidence level of each column against the outcome it feeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

#include "core/params.h"
#include "knead/params.h"
#include "knead/sim.h"
#include "recorder/recorder.h"

enum { NCOL = 4 };

/* A hand-made layout: t (last), a (max), b (min), c (last, slow from column 3 on). */
typedef struct rig {
  kn_column_info cols[NCOL];
  unsigned char reduce[NCOL];
  kn_recorder_params p;
  kn_recorder_state s;
  kn_recorder_out o;
  void *block;
  double sunk[16][NCOL]; /* rows the sink received */
  size_t nsunk;
} rig;

static void sink(void *ctx, const double *rows, size_t nrow, size_t ncol) {
  rig *r = ctx;
  assert_int_equal(ncol, NCOL);
  for (size_t i = 0; i < nrow; i++, r->nsunk++)
    memcpy(r->sunk[r->nsunk], rows + i * ncol, ncol * sizeof(double));
}

static void rig_init(rig *r, double interval, size_t kept_max) {
  memset(r, 0, sizeof *r);
  kn_column_reduce modes[NCOL] = {KN_REDUCE_LAST, KN_REDUCE_MAX, KN_REDUCE_MIN, KN_REDUCE_LAST};
  for (int c = 0; c < NCOL; c++)
    r->cols[c].reduce = modes[c], r->reduce[c] = (unsigned char)modes[c];
  r->p = (kn_recorder_params){NCOL, 3, r->cols, r->reduce, interval, 100, kept_max};
  size_t bytes = kn_recorder_size(&r->p);
  assert_true(bytes >= (kept_max + 2) * NCOL * sizeof(double));
  r->block = calloc(1, bytes);
  kn_arena a = {r->block, 0};
  kn_recorder_init(&r->p, &a, &r->s, &r->o);
  assert_true(a.used <= bytes);
  kn_recorder_reset(&r->p, &r->s, &r->o);
  r->s.sink = sink;
  r->s.sink_ctx = r;
}

static void step(rig *r, double t, double a, double b, double c, int slow) {
  double v[NCOL] = {t, a, b, c};
  kn_recorder_in in = {t, v, slow};
  assert_int_equal(kn_recorder_step(&r->p, &in, &r->s, &r->o, 0.25), KN_OK);
}

/* One interval of four steps: the row holds the last t, the max of a, the min of b; c is slow and
 * taken only when fresh or slow. */
static void reduces_one_interval(void **state) {
  (void)state;
  rig r;
  rig_init(&r, 1.0, 8);
  assert_true(kn_recorder_fresh(&r.s));
  step(&r, 0.25, 1.0, 4.0, 10.0, 0); /* fresh: every column taken, c too */
  assert_false(kn_recorder_fresh(&r.s));
  step(&r, 0.50, 5.0, 2.0, 20.0, 0); /* c not current: ignored */
  step(&r, 0.75, 2.0, 3.0, 30.0, 1); /* c current: last value 30 */
  assert_int_equal(r.nsunk, 0);
  step(&r, 1.00, 3.0, 6.0, 40.0, 0); /* closes the row; c stays 30 */
  assert_int_equal(r.nsunk, 1);
  double want[NCOL] = {1.0, 5.0, 2.0, 30.0};
  for (int c = 0; c < NCOL; c++)
    assert_close(r.sunk[0][c], want[c], 0.0);
  assert_true(kn_recorder_fresh(&r.s));
  assert_int_equal(r.o.nrow, 1);
  for (int c = 0; c < NCOL; c++)
    assert_close(r.o.rows[c], want[c], 0.0);
  /* a partial interval is committed at the end */
  step(&r, 1.25, -1.0, 9.0, 7.0, 0);
  kn_recorder_finish(&r.p, &r.s, &r.o);
  assert_int_equal(r.nsunk, 2);
  assert_int_equal(r.o.nrow, 2);
  double last[NCOL] = {1.25, -1.0, 9.0, 7.0};
  for (int c = 0; c < NCOL; c++)
    assert_close(r.o.rows[NCOL + c], last[c], 0.0);
  free(r.block);
}

/* Five rows into room for two (one step per interval): rows 1+2 are merged when row 3 comes, then
 * (1+2)+(3+4) when row 5 comes; the end keeps row 5 alone. By hand: row k has a = k*k % 7 (1, 4,
 * 2, 2, 4), b = 10 - k, c = 100 k. */
static void halves_kept_rows(void **state) {
  (void)state;
  rig r;
  rig_init(&r, 1.0, 2);
  for (int k = 1; k <= 5; k++)
    step(&r, k, (double)(k * k % 7), 10.0 - k, 100.0 * k, 1);
  kn_recorder_finish(&r.p, &r.s, &r.o);
  assert_int_equal(r.nsunk, 5); /* the sink sees every row */
  assert_close(r.sunk[2][1], 2.0, 0.0);
  assert_int_equal(r.o.nrow, 2);
  assert_int_equal(r.o.stride, 4);
  double kept[2][NCOL] = {{4.0, 4.0, 6.0, 400.0}, {5.0, 4.0, 5.0, 500.0}};
  for (int i = 0; i < 2; i++)
    for (int c = 0; c < NCOL; c++)
      assert_close(r.o.rows[i * NCOL + c], kept[i][c], 0.0);
  /* reset: no rows, the sink stays */
  kn_recorder_reset(&r.p, &r.s, &r.o);
  assert_int_equal(r.o.nrow, 0);
  assert_int_equal(r.o.stride, 1);
  assert_true(r.s.sink == sink);
  free(r.block);
}

/* The layout of one hand on one region, no nerve or muscle: 1 + 3 + 1 fast columns, then 4 of
 * circulation and 6 of the whole body. */
static void lays_out_columns(void **state) {
  (void)state;
  int region = 0;
  const char *rname = kn_atlas_region(0)->name;
  kn_recorder_sites sites = {1, 1, &region, 0, NULL, 0, NULL, 0, NULL, 0};
  size_t n = kn_recorder_column_count(&sites);
  assert_int_equal(n, 15);
  kn_column_info cols[15];
  unsigned char reduce[15];
  kn_recorder_params p = {0};
  p.cols = cols;
  p.reduce = reduce;
  kn_params par;
  kn_params_default(&par);
  int ip = kn_param_find("pain_probability_event");
  assert_true(ip >= 0);
  kn_params_set(&par, ip, 0.8); /* a session's parameters: the limit follows */
  kn_recorder_layout(&sites, &par, 0.1, 10.0, &p);
  assert_int_equal(p.ncol, 15);
  assert_int_equal(p.col_slow, 5);
  assert_int_equal(p.nrow_max, 102); /* floor(10 / 0.1) + 2 */
  assert_int_equal(p.kept_max, 102);
  assert_string_equal(cols[0].name, "t_s");
  assert_int_equal(cols[0].site_kind, KN_COLUMN_TIME);
  assert_string_equal(cols[1].name, "force_hand1_N");
  assert_int_equal(cols[1].site_kind, KN_COLUMN_HAND);
  assert_int_equal(cols[1].site, 1);
  assert_string_equal(cols[3].name, "force_rate_hand1_N_per_s");
  assert_string_equal(cols[3].unit, "N/s");
  assert_false(cols[1].has_evidence); /* the plan's force: no level of its own */
  char want[KN_COLUMN_NAME_MAX];
  snprintf(want, sizeof want, "pain_prob_%s", rname);
  assert_string_equal(cols[4].name, want);
  assert_int_equal(cols[4].site_kind, KN_COLUMN_REGION);
  assert_true(cols[4].has_evidence);
  assert_int_equal(cols[4].evidence, KN_EVIDENCE_EXPERT); /* the build-up under held pressure is */
  assert_close(cols[4].limit, 0.8, 1e-12);
  assert_int_equal(cols[4].reduce, KN_REDUCE_MAX);
  snprintf(want, sizeof want, "skin_flow_%s_rel", rname);
  assert_string_equal(cols[5].name, want);
  assert_int_equal(cols[5].reduce, KN_REDUCE_MIN);
  assert_true(cols[5].slow);
  assert_true(isnan(cols[5].limit));
  assert_string_equal(cols[9].name, "heart_rate_bpm");
  assert_string_equal(cols[14].name, "autonomic_balance");
  assert_int_equal(cols[14].site, -1);

  /* every name reads back to its description; the defaults' limit without a model */
  for (size_t c = 0; c < n; c++) {
    kn_column_info f;
    assert_int_equal(kn_series_column_find(cols[c].name, &f), 1);
    assert_string_equal(f.name, cols[c].name);
    assert_int_equal(f.site_kind, cols[c].site_kind);
    assert_int_equal(f.site, cols[c].site);
    assert_string_equal(f.quantity, cols[c].quantity);
    assert_int_equal(f.reduce, cols[c].reduce);
    assert_int_equal(p.reduce[c], cols[c].reduce); /* the packed copy the step reads */
  }
  kn_column_info f;
  assert_int_equal(kn_series_column_find(want, &f), 1);
  assert_int_equal(kn_series_column_find("pain_prob_nowhere", &f), 0);
  assert_int_equal(f.site_kind, KN_COLUMN_BODY);
  assert_int_equal(kn_series_column_find("force_hand0_N", &f), 0);
  snprintf(want, sizeof want, "pain_prob_%s", rname);
  kn_series_column_find(want, &f);
  assert_close(f.limit, 0.5, 1e-12); /* pain_probability_event's default, docs/model.md */
}

/* A limit read from a parameter is in the column's unit: the parameter's unit is the column's. */
static void limit_units_agree(void **state) {
  (void)state;
  int region = 0, nerve = 0;
  kn_recorder_sites sites = {0, 1, &region, 1, &nerve, 0, NULL, 0, NULL, 0};
  kn_column_info cols[32];
  unsigned char reduce[32];
  kn_recorder_params p = {0};
  p.cols = cols;
  p.reduce = reduce;
  assert_true(kn_recorder_column_count(&sites) <= 32);
  kn_params par;
  kn_params_default(&par);
  kn_recorder_layout(&sites, &par, 1.0, 1.0, &p);
  int checked = 0;
  for (size_t c = 0; c < p.ncol; c++) {
    if (!cols[c].limit_param) continue;
    int i = kn_param_find(cols[c].limit_param);
    assert_true(i >= 0);
    assert_string_equal(kn_param((size_t)i)->unit, cols[c].unit);
    checked++;
  }
  assert_int_equal(checked, 2); /* pain probability and nerve pressure */
}

/* The evidence a column declares is the one its outcome carries after a run. */
static void evidence_matches_outcome(void **state) {
  (void)state;
  /* a short press on the side of the neck reaches nerves, a muscle, the neuromuscular engine */
  static const char text[] = "session:\n"
                             "  recovery: 1 s\n"
                             "  actions:\n"
                             "    - do: compression\n"
                             "      muscle: levator_scapulae\n"
                             "      contact: thumb\n"
                             "      force: 30 N\n"
                             "      duration: 2 s\n";
  kn_session *s = NULL;
  kn_diag diag;
  int rc = kn_session_parse(text, sizeof text - 1, "short.yaml", &s, &diag);
  if (rc != KN_OK) fail_msg("load: %s", diag.message);
  kn_model *m = NULL;
  kn_data *d = NULL;
  assert_int_equal(kn_model_create(NULL, s, &m, &diag), KN_OK);
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_OK);
  const kn_outcome *o = kn_data_outcome(m, d);
  int seen[8] = {0};
  for (size_t c = 0; c < kn_series_ncol(m); c++) {
    const kn_column_info *ci = kn_series_column(m, c);
    const char *q = ci->quantity;
    if (!strcmp(q, "pain_prob"))
      assert_int_equal(ci->evidence, o->evidence_pain), seen[0] = 1;
    else if (!strcmp(q, "injury_dose") || !strcmp(q, "perfusion"))
      assert_int_equal(ci->evidence, o->evidence_nerve), seen[1] = 1;
    else if (!strcmp(q, "damage"))
      assert_int_equal(ci->evidence, o->evidence_muscle), seen[2] = 1;
    else if (!strcmp(q, "emg"))
      assert_int_equal(ci->evidence, o->nm[0].evidence), seen[3] = 1;
    else if (!strcmp(q, "skin_flow"))
      assert_int_equal(ci->evidence, o->circ[0].evidence), seen[4] = 1;
    else if (!strcmp(q, "heart_rate"))
      assert_int_equal(ci->evidence, o->systemic.evidence_heart), seen[5] = 1;
    else if (!strcmp(q, "systolic"))
      assert_int_equal(ci->evidence, o->systemic.evidence_pressure), seen[6] = 1;
    else if (!strcmp(q, "cortisol"))
      assert_int_equal(ci->evidence, o->systemic.evidence_cortisol), seen[7] = 1;
    assert_string_equal(kn_series_name(m, c), ci->name);
  }
  for (int i = 0; i < 8; i++)
    if (!seen[i]) fail_msg("quantity %d not in the columns", i);
  assert_null(kn_series_column(m, kn_series_ncol(m)));
  kn_data_free(d);
  kn_model_free(m);
  kn_session_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reduces_one_interval),     cmocka_unit_test(halves_kept_rows),
      cmocka_unit_test(lays_out_columns),         cmocka_unit_test(limit_units_agree),
      cmocka_unit_test(evidence_matches_outcome),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
