/* SPDX-License-Identifier: Apache-2.0 */
/* Host conveniences: the monitor model in memory from malloc. The only monitor source that may
 * allocate; the firmware build leaves it out (cmake/monitor.cmake). */
#include <stdlib.h>

#include "monitor/monitor_internal.h"

int kn_monitor_model_create(const kn_subject *subject, kn_monitor_model **out) {
  if (!out) return KN_EINVAL;
  *out = NULL;
  kn_subject def;
  if (!subject) {
    kn_subject_default(&def);
    subject = &def;
  }
  size_t size = kn_monitor_model_size();
  void *buf = aligned_alloc(KN_MON_ALIGN, (size + KN_MON_ALIGN - 1) & ~(size_t)(KN_MON_ALIGN - 1));
  if (!buf) return KN_ENOMEM;
  *out = kn_monitor_model_init(subject, buf, size);
  if (!*out) {
    free(buf);
    return KN_EINVAL;
  }
  return KN_OK;
}

void kn_monitor_model_free(kn_monitor_model *m) {
  free(m);
}
