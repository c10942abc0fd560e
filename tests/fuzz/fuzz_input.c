/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer targets: the input loaders, one per build (KN_FUZZ_SESSION, KN_FUZZ_SUBJECT,
 * KN_FUZZ_POPULATION).
 *
 * Any bytes go to the loader as a whole file would: through the pre-scan (encoding, nesting and
 * size limits), libfyaml, the tree and the checking readers. Text whose first non-blank byte is
 * "{" is read as JSON, the rest as YAML, so the seeds (tests/bad_input) reach both modes. Checked:
 * no crash, no hang, no leak, no sanitizer report (ASan and UBSan are on), and the loader's
 * contract: a result and an empty diagnostic on success; on failure no result and a one-line
 * message with a code from the error list. Built by mk/fuzz_input.mk (`make fuzz`, `make
 * fuzz-long`, and a few seconds each in `make check`). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "knead/knead.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) __builtin_trap();
}

static const char *name_for(const uint8_t *data, size_t size) {
  size_t i = 0;
  while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r'))
    i++;
  return i < size && data[i] == '{' ? "fuzz.json" : "fuzz.yaml";
}

/* The diagnostic of a failed load: a known code and a message of one line. */
static void check_failure(int rc, const kn_diag *d) {
  check(rc != KN_OK && d->code == rc);
  check(strcmp(kn_strerror(rc), "unknown error") != 0);
  check(d->message[0] != '\0');
  check(strchr(d->message, '\n') == NULL && strchr(d->field, '\n') == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  const char *name = name_for(data, size);
  kn_diag d;
#if defined(KN_FUZZ_SESSION)
  kn_session *s = NULL;
  int rc = kn_session_parse(text, size, name, &s, &d);
  if (rc == KN_OK) {
    check(s != NULL && s->naction > 0 && d.code == KN_OK);
  } else {
    check(s == NULL);
    check_failure(rc, &d);
  }
  kn_session_free(s);
#elif defined(KN_FUZZ_SUBJECT)
  kn_subject s;
  int rc = kn_subject_parse(text, size, name, &s, &d);
  if (rc == KN_OK) {
    /* what the loader promises of an accepted subject */
    double bmi = s.mass / (s.height * s.height);
    check(s.height >= 1.2 && s.height <= 2.3 && s.mass >= 30.0 && s.mass <= 250.0);
    check(bmi >= 9.0 && bmi <= 150.0);
  } else {
    check_failure(rc, &d);
  }
#elif defined(KN_FUZZ_POPULATION)
  kn_population *p = NULL;
  int rc = kn_population_parse(text, size, name, &p, &d);
  if (rc == KN_OK) {
    check(p != NULL);
    /* an accepted population gives subjects: draw a few */
    for (uint64_t i = 0; i < 3; i++) {
      kn_subject s;
      double bmi = 0.0;
      int src = kn_population_sample(p, 1, i, &s, &bmi, &d);
      check(src == KN_OK || src == KN_ERANGE);
    }
  } else {
    check(p == NULL);
    check_failure(rc, &d);
  }
  kn_population_free(p);
#else
#error "define KN_FUZZ_SESSION, KN_FUZZ_SUBJECT or KN_FUZZ_POPULATION"
#endif
  return 0;
}
