/* SPDX-License-Identifier: Apache-2.0 */
/* The public accessors validation relies on (it sees the model only through include/knead): the
 * nerve and tissue parameters from the table's defaults, when an action starts, the unit list,
 * and a parameter set beyond the typo guard on purpose (kn_param_setting.unguarded). Expected
 * values come from the parameter table's rows and from the schedule worked out by hand. */
#include "test_common.h"

#include "knead/params.h"
#include "knead/sim.h"
#include "knead/units.h"

/* The default of a parameter in SI units, read from the public table. */
static double table_value(const char *name) {
  int i = kn_param_find(name);
  assert_true(i >= 0);
  return kn_param((size_t)i)->value;
}

static void module_params_are_the_table_defaults(void **state) {
  (void)state;
  kn_nerve_params np;
  kn_tissue_params tp;
  kn_nerve_params_default(&np);
  kn_tissue_params_default(&tp);
  assert_close(np.perfusion_p50, table_value("nerve_perfusion_p50"), 0.0);
  assert_close(np.edge_length, table_value("nerve_edge_length"), 0.0);
  assert_close(np.severe_dose, table_value("nerve_severe_dose"), 0.0);
  assert_close(np.recovery[KN_NERVE_INJURY][1], table_value("nerve_injury_recovery_max"), 0.0);
  assert_close(tp.death_p_high, table_value("muscle_death_p_high"), 0.0);
  assert_close(tp.soreness_site_max, table_value("soreness_site_max"), 0.0);
  /* Linder-Ganz's 32 kPa, the 1-h threshold's upper plateau, in the table's mmHg or kPa */
  assert_true(tp.death_p_high > 20.0 * KN_KPA && tp.death_p_high < 40.0 * KN_KPA);
}

/* Rest 10 s, then 3 x 5 s compressions 2 s apart (5 + 2 + 5 + 2 + 5 = 19 s), then rest: the starts
 * are 0, 10 and 29 s. */
static void action_starts_follow_the_plan(void **state) {
  (void)state;
  kn_action a[3];
  kn_action_init(&a[0], KN_ACT_REST);
  a[0].duration = 10.0;
  kn_action_init(&a[1], KN_ACT_COMPRESSION);
  a[1].region = kn_atlas_find_region("calf");
  a[1].force = 10.0;
  a[1].duration = 5.0;
  a[1].repetitions = 3;
  a[1].rest_between = 2.0;
  kn_action_init(&a[2], KN_ACT_REST);
  a[2].duration = 1.0;
  kn_session s = {.seed = 1, .dt = 1e-3, .record_interval = 1.0, .naction = 3, .actions = a};
  kn_model *m = NULL;
  assert_int_equal(kn_model_create(NULL, &s, &m, NULL), KN_OK);
  /* by hand: 10 s; then 3 x 5 s with 2 s between (19 s); then the rest */
  double start = -1.0, end = -1.0;
  assert_int_equal(kn_model_action_times(m, 0, &start, &end), KN_OK);
  assert_close(start, 0.0, 1e-12);
  assert_close(end, 10.0, 1e-12);
  assert_int_equal(kn_model_action_times(m, 1, &start, &end), KN_OK);
  assert_close(start, 10.0, 1e-12);
  assert_close(end, 29.0, 1e-12);
  assert_int_equal(kn_model_action_times(m, 2, &start, &end), KN_OK);
  assert_close(start, 29.0, 1e-12);
  assert_int_equal(kn_model_action_times(m, 3, &start, &end), KN_EINVAL);
  kn_model_free(m);
}

/* 30 times the reflex gain is beyond the guard (0.1..10 x): refused from a file's setting, taken
 * when the setting says it is meant. */
static void unguarded_setting_passes_the_guard_only(void **state) {
  (void)state;
  kn_action rest;
  kn_action_init(&rest, KN_ACT_REST);
  rest.duration = 1.0;
  kn_session s = {.seed = 1, .dt = 1e-3, .record_interval = 1.0, .naction = 1, .actions = &rest};
  s.nparam = 1;
  s.params[0] = (kn_param_setting){.index = kn_param_find("nm_gain_ia"),
                                   .value = 30.0 * table_value("nm_gain_ia")};
  kn_model *m = NULL;
  kn_diag diag;
  assert_int_equal(kn_model_create(NULL, &s, &m, &diag), KN_ERANGE);
  assert_null(m);
  s.params[0].unguarded = 1;
  assert_int_equal(kn_model_create(NULL, &s, &m, &diag), KN_OK);
  kn_model_free(m);
}

static void units_are_si(void **state) {
  (void)state;
  /* the conventional mmHg (13.5951 g/cm^3 of mercury at standard gravity) puts 760 mmHg at
   * 101325.0144 Pa, a standard atmosphere within 0.02 Pa */
  assert_close(760.0 * KN_MMHG, 101325.0, 0.02);
  assert_close(KN_WEEK, 604800.0, 0.0);
  assert_close(37.0 + KN_ZERO_CELSIUS, 310.15, 1e-12);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(module_params_are_the_table_defaults),
      cmocka_unit_test(action_starts_follow_the_plan),
      cmocka_unit_test(unguarded_setting_passes_the_guard_only),
      cmocka_unit_test(units_are_si),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
