/* SPDX-License-Identifier: Apache-2.0 */
/* The "advice" section of summary.json: the rules' advice (src/advise), strongest first. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "knead/advise.h"
#include "report/report_internal.h"

static json_t *advice_json(const kn_advice *adv, size_t n) {
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *src = json_array();
    char keys[sizeof adv[i].sources];
    snprintf(keys, sizeof keys, "%s", adv[i].sources);
    for (char *save = NULL, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save))
      json_array_append_new(src, json_string(k));
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "rule", adv[i].rule,
                                         "severity", kn_advice_severity_name(adv[i].severity),
                                         "text", adv[i].text, "trigger", adv[i].trigger, "evidence",
                                         kn_evidence_name(adv[i].evidence), "claims", adv[i].claims,
                                         "sources", src));
  }
  return arr;
}

int kn_summary_add_advice(json_t *summary, const kn_model *m, kn_data *d) {
  return kn_summary_add_course_advice(summary, m, d, NULL);
}

int kn_summary_add_course_advice(json_t *summary, const kn_model *m, kn_data *d,
                                 const kn_course_outcome *co) {
  kn_advice adv[KN_ADVICE_MAX];
  size_t n = kn_advise_course(m, kn_data_outcome(m, d), co, adv, KN_ADVICE_MAX);
  if (n > KN_ADVICE_MAX) n = KN_ADVICE_MAX;
  if (json_object_set_new(summary, "advice_verdict",
                          json_string(kn_advice_verdict_name(kn_advice_verdict_of(adv, n)))) ||
      json_object_set_new(summary, "advice", advice_json(adv, n)))
    return KN_ENOMEM;
  return KN_OK;
}
