/* SPDX-License-Identifier: Apache-2.0 */
/* The outcome's quantity table against summary.json as the public report API writes it: every key
 * of every site's object has a row and every row's key is there (both directions), the key ends in
 * the row's unit suffix, the value is of the row's kind, and the evidence and limit keys a row
 * names are where it says. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test_common.h"

#include "knead/spec.h"
#include "knead/report.h"
#include "knead/sim.h"

/* a short press on the side of the neck: regions, nerves, a muscle, the neuromuscular engine,
 * circulation and the whole body all write their objects */
static const char SESSION[] = "session:\n"
                              "  recovery: 1 s\n"
                              "  actions:\n"
                              "    - do: compression\n"
                              "      muscle: levator_scapulae\n"
                              "      contact: thumb\n"
                              "      force: 30 N\n"
                              "      duration: 2 s\n";

static json_t *run_summary(void) {
  kn_session *s = NULL;
  kn_diag diag;
  if (kn_session_parse(SESSION, sizeof SESSION - 1, "short.yaml", &s, &diag) != KN_OK)
    fail_msg("load: %s", diag.message);
  kn_model *m = NULL;
  kn_data *d = NULL;
  assert_int_equal(kn_model_create(NULL, s, &m, &diag), KN_OK);
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_OK);
  char *text = kn_report_json(m, d);
  assert_non_null(text);
  json_error_t err;
  json_t *root = json_loads(text, 0, &err);
  if (!root) fail_msg("summary is not JSON: %s", err.text);
  free(text);
  kn_data_free(d);
  kn_model_free(m);
  kn_session_free(s);
  return root;
}

/* The value at a "/"-separated path below j; NULL if absent. */
static json_t *at_path(json_t *j, const char *path) {
  char buf[128];
  assert_true(strlen(path) < sizeof buf);
  strcpy(buf, path);
  for (char *save = NULL, *part = strtok_r(buf, "/", &save); part && j;
       part = strtok_r(NULL, "/", &save))
    j = json_object_get(j, part);
  return j;
}

static int is_evidence_name(const char *s) {
  for (int e = KN_EVIDENCE_HUMAN; e <= KN_EVIDENCE_ARTICLE; e++)
    if (!strcmp(s, kn_evidence_name((kn_evidence)e))) return 1;
  return 0;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n > t && s[n - t - 1] == '_' && !strcmp(s + n - t, tail);
}

/* One row against one site's object. */
static void check_row(const kn_quantity_info *q, json_t *root, json_t *obj) {
  json_t *v = json_object_get(obj, q->key);
  if (!v) fail_msg("%s: no key %s in summary.json", q->group, q->key);
  int ok = 0;
  switch (q->kind) {
  case KN_QUANTITY_NUMBER:
    ok = json_is_number(v) || json_is_null(v);
    break;
  case KN_QUANTITY_COUNT:
    ok = json_is_integer(v);
    break;
  case KN_QUANTITY_FLAG:
    ok = json_is_boolean(v);
    break;
  case KN_QUANTITY_TEXT:
    ok = json_is_string(v);
    break;
  case KN_QUANTITY_EVIDENCE:
    ok = json_is_string(v) || json_is_object(v);
    break;
  case KN_QUANTITY_OBJECT:
    ok = json_is_object(v);
    break;
  }
  if (!ok) fail_msg("%s/%s: not a %s", q->group, q->key, kn_quantity_kind_name(q->kind));
  if (q->evidence_key) {
    json_t *ev = q->evidence_key[0] == '/' ? at_path(root, q->evidence_key + 1)
                                           : at_path(obj, q->evidence_key);
    if (!json_is_string(ev) || !is_evidence_name(json_string_value(ev)))
      fail_msg("%s/%s: evidence %s is not a level", q->group, q->key, q->evidence_key);
  }
  if (q->limit_key) {
    const kn_quantity_info *lim = kn_outcome_quantity_find(q->group, q->limit_key);
    if (!lim || strcmp(lim->unit, q->unit) || !json_is_number(json_object_get(obj, q->limit_key)))
      fail_msg("%s/%s: limit %s is not a number in its unit", q->group, q->key, q->limit_key);
  }
}

/* Every key of obj has a row of group. */
static void check_keys(const char *group, json_t *obj) {
  const char *key;
  json_t *v;
  json_object_foreach(obj, key, v) {
    if (!kn_outcome_quantity_find(group, key))
      fail_msg("%s: key %s of summary.json has no row", group, key);
  }
}

static void table_matches_summary(void **state) {
  (void)state;
  json_t *root = run_summary();
  size_t n = kn_outcome_quantity_count();
  assert_true(n > 0);
  assert_null(kn_outcome_quantity(n));
  for (size_t i = 0; i < n; i++) {
    const kn_quantity_info *q = kn_outcome_quantity(i);
    assert_ptr_equal(kn_outcome_quantity_find(q->group, q->key), q); /* no duplicate rows */
    json_t *site = at_path(root, q->group);
    if (!site) fail_msg("no %s in summary.json", q->group);
    if (json_is_array(site)) {
      if (!json_array_size(site))
        fail_msg("%s is empty: the session reaches no such site", q->group);
      for (size_t k = 0; k < json_array_size(site); k++)
        check_row(q, root, json_array_get(site, k)), check_keys(q->group, json_array_get(site, k));
    } else {
      assert_true(json_is_object(site));
      check_row(q, root, site);
      check_keys(q->group, site);
    }
  }
  json_decref(root);
}

/* The key tags the unit it is written in; a number without a suffix is dimensionless. */
static void suffix_is_unit(void **state) {
  (void)state;
  for (size_t i = 0; i < kn_outcome_quantity_count(); i++) {
    const kn_quantity_info *q = kn_outcome_quantity(i);
    int numeric = q->kind == KN_QUANTITY_NUMBER || q->kind == KN_QUANTITY_COUNT;
    if (q->suffix[0]) {
      if (!numeric || !ends_with(q->key, q->suffix))
        fail_msg("%s/%s: does not end in _%s", q->group, q->key, q->suffix);
      assert_true(q->unit[0] != '\0');
    } else if (numeric) {
      if (strcmp(q->unit, "1")) fail_msg("%s/%s: unit %s but no suffix", q->group, q->key, q->unit);
    } else if (q->unit[0]) {
      fail_msg("%s/%s: a %s with unit %s", q->group, q->key, kn_quantity_kind_name(q->kind),
               q->unit);
    }
    if (q->kind == KN_QUANTITY_EVIDENCE) assert_null(q->evidence_key);
  }
}

/* Each site's kind: regions and circulation by region, nerves, muscles, the rest the whole body. */
static void site_kinds(void **state) {
  (void)state;
  assert_int_equal(kn_outcome_quantity_find("regions", "p_peak_kPa")->site_kind, KN_COLUMN_REGION);
  assert_int_equal(kn_outcome_quantity_find("circulation", "region")->site_kind, KN_COLUMN_REGION);
  assert_int_equal(kn_outcome_quantity_find("nerves", "grade")->site_kind, KN_COLUMN_NERVE);
  assert_int_equal(kn_outcome_quantity_find("muscles", "damage_dose")->site_kind, KN_COLUMN_MUSCLE);
  assert_int_equal(kn_outcome_quantity_find("neuromuscular", "spasms")->site_kind,
                   KN_COLUMN_MUSCLE);
  assert_int_equal(kn_outcome_quantity_find("systemic/heart", "min_bpm")->site_kind,
                   KN_COLUMN_BODY);
  assert_null(kn_outcome_quantity_find("regions", "no_such_key"));
  assert_string_equal(kn_quantity_kind_name(KN_QUANTITY_OBJECT), "object");
  assert_string_equal(kn_quantity_kind_name((kn_quantity_kind)99), "?");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(table_matches_summary),
      cmocka_unit_test(suffix_is_unit),
      cmocka_unit_test(site_kinds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
