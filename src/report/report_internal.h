#ifndef KN_REPORT_INTERNAL_H
#define KN_REPORT_INTERNAL_H

#include <jansson.h>

#include "knead/report.h"
#include "knead/version.h"

/* The whole summary as a JSON object (new reference). */
json_t *kn_summary_json(const kn_model *m, kn_data *d);

#endif
