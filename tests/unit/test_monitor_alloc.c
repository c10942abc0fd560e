/* SPDX-License-Identifier: Apache-2.0 */
/* The monitor allocates nothing after init (issue 6). Linked with -Wl,--wrap for malloc, calloc,
 * realloc, aligned_alloc and free (cmake/monitor.cmake): every call from the library lands in the
 * counters below and goes on to the real allocator. */
#include "test_common.h"

#include <stdlib.h>
#include <string.h>

#include "knead/knead.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__real_aligned_alloc(size_t align, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void *__wrap_aligned_alloc(size_t align, size_t size);
void __wrap_free(void *p);

static size_t calls; /* allocator calls since the last reset; one thread */

void *__wrap_malloc(size_t size) {
  calls++;
  return __real_malloc(size);
}
void *__wrap_calloc(size_t n, size_t size) {
  calls++;
  return __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t size) {
  calls++;
  return __real_realloc(p, size);
}
void *__wrap_aligned_alloc(size_t align, size_t size) {
  calls++;
  return __real_aligned_alloc(align, size);
}
void __wrap_free(void *p) {
  calls++;
  __real_free(p);
}

/* Model and state in static memory, as on a firmware: no allocator call at all, from the model's
 * construction through a minute of samples with faults, queries, the watchdog, a reset and the
 * parser. */
static void test_no_allocation(void **state) {
  (void)state;
  static _Alignas(16) unsigned char model_buf[96 * 1024];
  static _Alignas(16) unsigned char mon_buf[16 * 1024];
  kn_subject subj;
  kn_subject_default(&subj);
  assert_true(kn_monitor_model_size() <= sizeof model_buf);
  calls = 0;
  kn_monitor_model *m = kn_monitor_model_init(&subj, model_buf, sizeof model_buf);
  kn_monitor *mon = kn_monitor_init(m, mon_buf, sizeof mon_buf);
  assert_non_null(mon);
  assert_int_equal(calls, 0);

  kn_monitor_status st;
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  int lm = kn_atlas_find_landmark("posterior_triangle");
  size_t accepted = 0, rejected = 0;
  for (int i = 0; i < 60000; i++) {
    kn_monitor_sample s[2];
    kn_monitor_sample_init(&s[0], i * 1e-3);
    s[0].landmark = lm;
    s[0].force = 20.0 + 15.0 * sin(i * 1e-3 * 3.0);
    s[0].area = 1.32e-4;
    kn_monitor_sample_init(&s[1], i * 1e-3);
    s[1].region = kn_atlas_find_region("shoulder_top");
    s[1].force = 30.0;
    s[1].contact_type = kn_atlas_find_contact_type("palm");
    if (i % 997 == 0) s[0].force = NAN;
    if (i % 1499 == 0) s[0].t = -1.0;
    int rc = kn_monitor_push(mon, s, 1 + (size_t)(i % 3 == 0), &st);
    if (rc == KN_OK)
      accepted++;
    else
      rejected++;
    if (i % 5000 == 0) {
      kn_monitor_site site;
      kn_monitor_site_status(mon, KN_SITE_NERVE, 0, &site);
      kn_monitor_site_worst(mon, KN_SITE_REGION, 3, &site);
      kn_monitor_nerve_state(mon, 0);
      kn_monitor_watchdog(mon, i * 1e-3 + 1.0, &st);
      int contact;
      kn_stream_error err;
      static const char line[] = "{\"t_s\":1,\"force_N\":2,\"region\":\"calf\"}";
      kn_stream_parse_line(&p, line, sizeof line - 1, &s[0], &contact, &err);
    }
  }
  kn_monitor_reset(mon);
  assert_int_equal(calls, 0);
  assert_true(accepted > 59000 && rejected > 50);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_no_allocation)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
