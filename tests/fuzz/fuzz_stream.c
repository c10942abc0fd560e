/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the monitor's sample stream and the monitor behind it.
 *
 * The input is split into lines; each goes through kn_stream_parse_line, and every sample it yields
 * is pushed into a monitor, so the fuzzer reaches the parser (any bytes), the fault handling (any
 * number a line can carry: NaN, infinities, huge, negative, times in any order) and the harm path.
 * Checked: no crash, no hang, no sanitizer report (ASan and UBSan are on), and the invariants
 * below. Built by mk/monitor.mk (`make fuzz`, and a short run in `make check`). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "knead/knead.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The model is constant and costs a stress table: built once per process (a fuzzing harness may
 * keep it; the library itself has no globals). */
static _Alignas(16) unsigned char model_buf[96 * 1024];
static _Alignas(16) unsigned char mon_buf[16 * 1024];
static kn_monitor_model *model;

static void check(int ok) {
  if (!ok) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!model) {
    /* the two subject fields the monitor's model reads, at their defaults (the input loader is
     * not part of this build) */
    kn_subject s;
    memset(&s, 0, sizeof s);
    s.body_fat = 0.25;
    s.pain_threshold_scale = 1.0;
    model = kn_monitor_model_init(&s, model_buf, sizeof model_buf);
    check(model != NULL);
  }
  kn_monitor *mon = kn_monitor_init(model, mon_buf, sizeof mon_buf);
  check(mon != NULL);
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  kn_monitor_status st;
  const char *text = (const char *)data;
  size_t start = 0;
  while (start < size) {
    const char *nl = memchr(text + start, '\n', size - start);
    size_t len = nl ? (size_t)(nl - (text + start)) : size - start;
    kn_monitor_sample s;
    int contact = -1;
    kn_stream_error err = {0, NULL, NULL};
    kn_stream_parser before = p;
    int rc = kn_stream_parse_line(&p, text + start, len, &s, &contact, &err);
    if (rc < 0) {
      /* a refused line names where and why, and leaves the parser as it was */
      check(err.col >= 1 && (size_t)err.col <= len + 1 && err.field && err.message);
      check(memcmp(&before, &p, sizeof p) == 0);
    } else if (rc == 1) {
      check(contact >= 0 && contact < KN_MONITOR_MAX_CONTACTS);
      kn_monitor_sample group[KN_MONITOR_MAX_CONTACTS];
      for (int i = 0; i < contact; i++)
        kn_monitor_sample_init(&group[i], s.t);
      group[contact] = s;
      int pr = kn_monitor_push(mon, group, (size_t)contact + 1, &st);
      check(pr == KN_OK || pr == KN_ERANGE);
      check(st.level <= KN_MON_FAULT && st.nsite <= KN_MONITOR_MAX_SITES &&
            st.nevent <= KN_MONITOR_MAX_EVENTS);
      check(pr == KN_OK || st.level == KN_MON_FAULT);
      check(!(st.margin > 1.0) && !(st.quality > 1.0) && !(st.quality < 0.0));
      kn_monitor_site site;
      if (s.region >= 0) check(kn_monitor_site_status(mon, KN_SITE_REGION, s.region, &site) == 0);
    }
    start += len + 1;
  }
  kn_monitor_watchdog(mon, 1e9, &st);
  return 0;
}
