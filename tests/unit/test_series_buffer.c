/* SPDX-License-Identifier: Apache-2.0 */
/* kn_series_buffer_sink: rows copied in order into the caller's memory, what does not fit counted
 * and not written, and a short run's streamed rows equal to the rows the library keeps. */
#include "test_common.h"

#include <stdlib.h>
#include <string.h>

#include "knead/knead.h"

static void test_copies_and_counts(void **state) {
  (void)state;
  double mem[3 * 2 + 2]; /* 3 rows of 2, and a guard row that must stay untouched */
  for (size_t i = 0; i < 8; i++)
    mem[i] = -1.0;
  kn_series_buffer b = {.values = mem, .capacity = 3, .ncol = 2};
  const double first[4] = {0.0, 10.0, 0.1, 11.0}, second[4] = {0.2, 12.0, 0.3, 13.0};
  kn_series_buffer_sink(&b, first, 2, 2);
  assert_int_equal(b.nrow, 2);
  assert_int_equal(b.dropped, 0);
  kn_series_buffer_sink(&b, second, 2, 2); /* one row fits */
  assert_int_equal(b.nrow, 3);
  assert_int_equal(b.dropped, 1);
  const double want[6] = {0.0, 10.0, 0.1, 11.0, 0.2, 12.0};
  for (size_t i = 0; i < 6; i++)
    assert_true(mem[i] == want[i]);
  assert_true(mem[6] == -1.0 && mem[7] == -1.0);
  kn_series_buffer_sink(&b, first, 1, 4); /* another shape: counted, not written */
  assert_int_equal(b.nrow, 3);
  assert_int_equal(b.dropped, 2);
  kn_series_buffer_sink(NULL, first, 1, 2); /* no buffer: nothing happens */
}

static void test_run_streams_every_row(void **state) {
  (void)state;
  /* 12 s with no recovery at the default 0.1 s: far below the rows kept in memory, so the kept
   * rows are every row and must equal the streamed ones */
  const char *text = "session:\n"
                     "  recovery: 0 s\n"
                     "  actions:\n"
                     "    - do: effleurage\n"
                     "      muscle: gastrocnemius\n"
                     "      force: 20 N\n"
                     "      duration: 12 s\n";
  kn_session *s = NULL;
  kn_diag diag;
  assert_int_equal(kn_session_parse(text, strlen(text), "test", &s, &diag), KN_OK);
  kn_model *m = NULL;
  assert_int_equal(kn_model_create(NULL, s, &m, &diag), KN_OK);
  kn_session_free(s);
  kn_data *d = NULL;
  assert_int_equal(kn_data_create(m, &d), KN_OK);
  size_t ncol = kn_series_ncol(m), cap = kn_series_rows_max(m);
  double *mem = malloc(cap * ncol * sizeof *mem);
  assert_non_null(mem);
  kn_series_buffer b = {.values = mem, .capacity = cap, .ncol = ncol};
  kn_data_set_series_sink(d, kn_series_buffer_sink, &b);
  assert_int_equal(kn_run(m, d, NULL, NULL), KN_OK);
  assert_int_equal(b.dropped, 0);
  assert_int_equal(b.nrow, 120); /* 12 s / 0.1 s */
  assert_int_equal(kn_series_nrow(d), b.nrow);
  assert_memory_equal(kn_series_values(d), mem, b.nrow * ncol * sizeof *mem);
  free(mem);
  kn_data_free(d);
  kn_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_copies_and_counts),
      cmocka_unit_test(test_run_streams_every_row),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
