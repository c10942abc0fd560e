/* SPDX-License-Identifier: Apache-2.0 */
/* Allocate once (DESIGN.md): after kn_model_create and kn_data_create, stepping a whole session
 * calls no allocator, nor does kn_data_reset and a second run. The test is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free (CMakeLists.txt), so every call to
 * these from the library's objects lands in the counters below and is forwarded to the real
 * allocator (under ASan, __real_malloc is ASan's malloc). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "knead/knead.h"

/* ---- counting allocator ------------------------------------------------------------------------
 */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);

/* Calls since the last counters_reset(); a test is single-threaded, so plain counters do. */
static size_t n_malloc, n_calloc, n_realloc, n_free;

void *__wrap_malloc(size_t size) {
  n_malloc++;
  return __real_malloc(size);
}
void *__wrap_calloc(size_t n, size_t size) {
  n_calloc++;
  return __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t size) {
  n_realloc++;
  return __real_realloc(p, size);
}
void __wrap_free(void *p) {
  n_free++;
  __real_free(p);
}

static void counters_reset(void) {
  n_malloc = n_calloc = n_realloc = n_free = 0;
}

static size_t allocations(void) {
  return n_malloc + n_calloc + n_realloc;
}

/* Fails with the breakdown when anything was allocated or freed since counters_reset(). */
static void assert_no_allocator_calls(const char *what) {
  if (allocations() != 0 || n_free != 0)
    fail_msg("%s: %zu malloc, %zu calloc, %zu realloc, %zu free calls (want none)", what, n_malloc,
             n_calloc, n_realloc, n_free);
}

/* ---- fixtures ----------------------------------------------------------------------------------
 */

#define NECK_SHOULDER KN_SOURCE_DIR "/examples/neck_shoulder_professional.yaml"

typedef struct sim {
  kn_session *owned; /* from a file, or NULL */
  kn_model *m;
  kn_data *d;
} sim;

/* Builds model and data for a session, and checks that the wrapping really counts: creating a
 * model and its data must go through the allocator at least once each. */
static void sim_create(sim *s, const kn_session *sess) {
  kn_diag diag;
  kn_diag_clear(&diag);
  counters_reset();
  int rc = kn_model_create(NULL, sess, &s->m, &diag);
  if (rc != KN_OK) fail_msg("kn_model_create: %s: %s", diag.field, diag.message);
  if (allocations() == 0) fail_msg("kn_model_create allocated nothing: is the allocator wrapped?");
  counters_reset();
  assert_int_equal(kn_data_create(s->m, &s->d), KN_OK);
  if (allocations() == 0) fail_msg("kn_data_create allocated nothing: is the allocator wrapped?");
}

static void sim_free(sim *s) {
  kn_data_free(s->d);
  kn_model_free(s->m);
  kn_session_free(s->owned);
  memset(s, 0, sizeof *s);
}

/* Steps m/d to the end with kn_step, counting allocator calls; returns the number of steps. */
static size_t step_all(const kn_model *m, kn_data *d) {
  size_t n = 0;
  counters_reset();
  while (kn_step(m, d) > 0)
    n++;
  n++; /* the call that returned 0 did the last step */
  assert_no_allocator_calls("kn_step");
  return n;
}

/* The run did something: time advanced to the end, and the recorder and the outcome have data. */
static void assert_ran(const kn_model *m, kn_data *d, size_t steps) {
  double t = kn_data_time(d);
  assert_true(t > 0.0);
  assert_true(fabs(t - kn_model_duration(m)) <= kn_model_dt(m));
  /* every step of the plan is taken at dt; the recovery after it may take longer steps */
  double plan = kn_model_duration(m) - kn_model_session(m)->recovery;
  assert_true(steps >= (size_t)(plan / kn_model_dt(m)) - 1);
  assert_true(kn_series_nrow(d) > 0);
  counters_reset();
  const kn_outcome *o = kn_data_outcome(m, d);
  assert_no_allocator_calls("kn_data_outcome");
  assert_non_null(o);
  assert_true(o->nregion > 0);
  assert_true(o->duration > 0.0);
}

/* kn_run's progress callback: counts its calls. */
static void count_progress(double fraction, void *ctx) {
  (void)fraction;
  ++*(size_t *)ctx;
}

/* ---- tests -------------------------------------------------------------------------------------
 */

/* The bundled 20-minute neck-and-shoulder session, stepped to the end: no allocator calls. */
static void test_example_session_steps_without_allocating(void **state) {
  (void)state;
  sim s = {0};
  kn_diag diag;
  kn_diag_clear(&diag);
  int rc = kn_session_load(NECK_SHOULDER, &s.owned, &diag);
  if (rc != KN_OK)
    fail_msg("%s:%d:%d: %s: %s", diag.file, diag.line, diag.col, diag.field, diag.message);
  sim_create(&s, s.owned);

  size_t steps = step_all(s.m, s.d);
  assert_true(steps > 1000000); /* 20 min at 1 ms */
  assert_ran(s.m, s.d, steps);

  /* back to t = 0 and again, this time with kn_run (the loop the CLI uses) and a progress
   * callback: reset and the second run allocate nothing either */
  counters_reset();
  kn_data_reset(s.m, s.d);
  assert_no_allocator_calls("kn_data_reset");
  assert_true(kn_data_time(s.d) == 0.0);
  assert_int_equal(kn_series_nrow(s.d), 0);
  size_t calls = 0;
  counters_reset();
  assert_int_equal(kn_run(s.m, s.d, count_progress, &calls), KN_OK);
  assert_no_allocator_calls("kn_data_reset + kn_run");
  assert_true(calls >= 100); /* about every 1 % */
  assert_ran(s.m, s.d, (size_t)(kn_model_duration(s.m) / kn_model_dt(s.m)));
  sim_free(&s);
}

/* Several hands at once (one slot each), an untrained partner (noise, bias, abrupt onsets) and
 * enough pressure to open pain, bruise and nerve events: still no allocator calls in a step. */
static void test_parallel_hands_and_events_step_without_allocating(void **state) {
  (void)state;
  kn_action a[3];
  kn_action_init(&a[0], KN_ACT_COMPRESSION);
  a[0].landmark = kn_atlas_find_landmark("posterior_triangle");
  a[0].region = kn_atlas_find_region("neck_lateral");
  a[0].force = 40.0; /* N on a thumb: painful, ischaemic for the spinal accessory nerve */
  a[0].duration = 20.0;
  a[0].repetitions = 2;
  a[0].rest_between = 3.0;
  a[0].start = 0.0;
  kn_action_init(&a[1], KN_ACT_FRICTION);
  a[1].muscle = kn_atlas_find_muscle("upper_trapezius");
  a[1].region = kn_atlas_find_region("shoulder_top");
  a[1].force = 25.0;
  a[1].duration = 30.0;
  a[1].start = 0.0;
  kn_action_init(&a[2], KN_ACT_TAPOTEMENT);
  a[2].region = kn_atlas_find_region("upper_back");
  a[2].force = 30.0;
  a[2].duration = 25.0;
  a[2].start = 5.0;
  for (int i = 0; i < 3; i++)
    assert_true(a[i].region >= 0);
  assert_true(a[0].landmark >= 0 && a[1].muscle >= 0);
  kn_session sess = {.practitioner = KN_PRACTITIONER_UNTRAINED_PARTNER,
                     .seed = 3,
                     .dt = 1e-3,
                     .record_interval = 0.05,
                     .recovery = 5.0,
                     .naction = 3,
                     .actions = a};
  sim s = {0};
  sim_create(&s, &sess);

  size_t steps = step_all(s.m, s.d);
  assert_ran(s.m, s.d, steps);
  const kn_outcome *o = kn_data_outcome(s.m, s.d);
  assert_true(o->nevent > 0); /* the event buffer was written during the steps counted above */
  size_t hands = 0;
  for (size_t c = 0; c < kn_series_ncol(s.m); c++)
    hands += strncmp(kn_series_name(s.m, c), "force_hand", 10) == 0;
  assert_int_equal(hands, 3);

  counters_reset();
  kn_data_reset(s.m, s.d);
  assert_no_allocator_calls("kn_data_reset");
  steps = step_all(s.m, s.d);
  assert_ran(s.m, s.d, steps);
  sim_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_example_session_steps_without_allocating),
      cmocka_unit_test(test_parallel_hands_and_events_step_without_allocating),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
