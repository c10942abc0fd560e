/* SPDX-License-Identifier: Apache-2.0 */
/* An out-of-tree consumer of the installed firmware-safe monitor (knead::monitor,
 * libknead_monitor.a): the way a firmware uses it. Static buffers, a subject filled by hand (no
 * file loading), no allocation; two loads whose verdict follows from the ISO/TS 15066 pressure
 * limits alone (hundreds of kPa at most, docs/monitor.md):
 *   - a flat hand, 10 N over 100 cm^2 = 1 kPa for 1 s: far below every limit, level ok;
 *   - a thumb tip, 300 N over 1 cm^2 = 3 MPa: over the pressure limit, level limit, margin < 0.
 * Exit 0 when both verdicts hold. Built and run by tests/install/check.sh. */
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include "knead/monitor.h"

enum { MODEL_BYTES = 512 * 1024, MONITOR_BYTES = 256 * 1024, RATE_HZ = 1000 };

static alignas(16) unsigned char model_buf[MODEL_BYTES];
static alignas(16) unsigned char monitor_buf[MONITOR_BYTES];

/* Pushes `seconds` of a steady load at 1 kHz from t0; returns the last status's level. */
static kn_monitor_level press(kn_monitor *mon, int region, double t0, double seconds, double force,
                              double area, kn_monitor_status *st) {
  kn_monitor_level level = KN_MON_OK;
  int n = (int)(seconds * RATE_HZ);
  for (int i = 1; i <= n; i++) {
    kn_monitor_sample s;
    kn_monitor_sample_init(&s, t0 + (double)i / RATE_HZ);
    s.region = region;
    s.force = force;
    s.area = area;
    kn_monitor_push(mon, &s, 1, st);
    level = st->level;
  }
  return level;
}

int main(void) {
  if (kn_monitor_model_size() > MODEL_BYTES || kn_monitor_size() > MONITOR_BYTES) {
    fprintf(stderr, "firmware_monitor: buffers too small (%zu, %zu bytes needed)\n",
            kn_monitor_model_size(), kn_monitor_size());
    return 1;
  }
  kn_subject subject;
  memset(&subject, 0, sizeof subject);
  subject.body_fat = 0.25;
  subject.pain_threshold_scale = 1.0;
  kn_monitor_model *model = kn_monitor_model_init(&subject, model_buf, sizeof model_buf);
  kn_monitor *mon = model ? kn_monitor_init(model, monitor_buf, sizeof monitor_buf) : NULL;
  int calf = kn_atlas_find_region("calf");
  if (!mon || calf < 0) {
    fprintf(stderr, "firmware_monitor: init failed (model %p, region %d)\n", (void *)model, calf);
    return 1;
  }
  static kn_monitor_status st;
  kn_monitor_level light = press(mon, calf, 0.0, 1.0, 10.0, 100e-4, &st);
  double light_margin = st.margin;
  kn_monitor_reset(mon);
  kn_monitor_level hard = press(mon, calf, 0.0, 0.2, 300.0, 1e-4, &st);
  double hard_margin = st.margin;
  printf("firmware_monitor: 1 kPa -> %s (margin %.3f); 3 MPa -> %s (margin %.3f, %s)\n",
         kn_monitor_level_name(light), light_margin, kn_monitor_level_name(hard), hard_margin,
         kn_monitor_limit_name(st.margin_limit));
  return (light == KN_MON_OK && light_margin > 0.5 && hard >= KN_MON_LIMIT && hard_margin < 0.0)
             ? 0
             : 1;
}
