/* SPDX-License-Identifier: Apache-2.0 */
/* Every parameter has a source that resolves, and docs/model.md states the value the code uses. */
#include "test_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knead/atlas.h"
#include "knead/params.h"

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  if (buf) buf[n] = '\0';
  fclose(f);
  return buf;
}

static void every_source_resolves(void **state) {
  (void)state;
  assert_true(kn_param_count() > 30);
  for (size_t i = 0; i < kn_param_count(); i++) {
    const kn_param_info *p = kn_param(i);
    assert_non_null(p->source);
    if (strncmp(p->source, "calibrated: ", 12) == 0) {
      assert_true(strlen(p->source) > 16);
    } else if (!kn_atlas_find_source(p->source)) {
      fail_msg("parameter %s: source key \"%s\" has no reference", p->name, p->source);
    }
    assert_true(isfinite(p->value));
    assert_true(p->meaning && p->meaning[0]);
  }
  assert_null(kn_param(kn_param_count()));
}

static void model_md_states_every_value(void **state) {
  (void)state;
  char *doc = read_file(KN_SOURCE_DIR "/docs/model.md");
  assert_non_null(doc);
  for (size_t i = 0; i < kn_param_count(); i++) {
    const kn_param_info *p = kn_param(i);
    char row[256];
    snprintf(row, sizeof row, "| %s | %s | %.4g | %s |", p->name, p->module, p->display, p->unit);
    if (!strstr(doc, row)) fail_msg("docs/model.md lacks the row \"%s\" (run knead atlas)", row);
  }
  free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(every_source_resolves),
                                     cmocka_unit_test(model_md_states_every_value)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
