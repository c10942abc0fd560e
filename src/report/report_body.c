/* SPDX-License-Identifier: Apache-2.0 */
/* The terminal lines of the whole body: heart, pressure, cortisol, carotid sinus, standing up,
 * and the ill subject's symptom load. */
#include <stdio.h>

#include "core/units.h"
#include "report/report_internal.h"

void kn_report_body_text(const kn_outcome *o, FILE *out) {
  const kn_systemic_outcome *s = &o->systemic;
  fprintf(out,
          "\nbody: heart %.0f -> %.0f /min (%.0f-%.0f), blood pressure %+.1f / %+.1f mmHg "
          "by the end, cortisol %+.0f %%\n",
          s->heart_rate_start / KN_BPM, s->heart_rate_end / KN_BPM, s->heart_rate_min / KN_BPM,
          s->heart_rate_max / KN_BPM, s->systolic_change / KN_MMHG, s->diastolic_change / KN_MMHG,
          100.0 * s->cortisol_change);
  if (s->carotid_event || s->carotid_event_probability > 0.0 || s->carotid_systolic_fall > 0.0)
    fprintf(out,
            "  carotid sinus: %s, longest beat interval %.1f s, systolic fall %.0f mmHg, "
            "risk %.0f %% (%s)\n",
            s->carotid_event ? "REFLEX EVENT" : "pressed", s->longest_beat_interval,
            s->carotid_systolic_fall / KN_MMHG, 100.0 * s->carotid_event_probability,
            kn_evidence_name(s->evidence_carotid));
  fprintf(out,
          "  standing up after %.0f min lying: systolic falls %.0f mmHg at first; initial "
          "orthostatic hypotension (>= 40 mmHg, an event, not a symptom) %.0f %%; dizziness "
          "(felt) %.0f %% (%s)\n",
          s->stand_rest / KN_MIN, s->stand_systolic_fall / KN_MMHG, 100.0 * s->ioh_probability,
          100.0 * s->dizziness_probability, kn_evidence_name(s->evidence_orthostatic));
  if (s->symptoms_apply && s->symptom_load >= 0.5)
    fprintf(out,
            "  feeling unwell after (nausea, headache, flu-like): %.1f / 10 (%s; not measured "
            "physiology)\n",
            s->symptom_load, kn_evidence_name(s->evidence_symptoms));
}
