/* SPDX-License-Identifier: Apache-2.0 */
#ifndef KN_REPORT_INTERNAL_H
#define KN_REPORT_INTERNAL_H

#include <jansson.h>
#include <stdio.h>

#include "knead/report.h"
#include "knead/version.h"

/* Significant digits of the real numbers in summary.json and the HTML report's data. */
#define KN_REPORT_JSON_DIGITS 6

/* The whole-body lines of the terminal summary (src/report/report_body.c). */
void kn_report_body_text(const kn_outcome *o, FILE *out);
/* The whole summary as a JSON object (new reference). */
json_t *kn_summary_json(const kn_model *m, kn_data *d);

/* Where formatted text goes: 0, or -1 if the write failed. */
typedef int (*kn_text_write)(void *ctx, const char *text, size_t n);
/* Writes nrow rows of ncol values as timeseries.csv lines (%.6g, comma-separated) through write,
 * a few kilobytes at a time; returns 0, or -1 at the first failed write. */
int kn_series_rows_text(kn_text_write write, void *ctx, const double *rows, size_t nrow,
                        size_t ncol);
/* Adds "advice_verdict" and "advice" (src/advise) to a summary object. 0 or KN_ENOMEM. */
int kn_summary_add_advice(json_t *summary, const kn_model *m, kn_data *d);
/* The same, with the course's advice too when co is not NULL (knead/advise.h kn_advise_course). */
int kn_summary_add_course_advice(json_t *summary, const kn_model *m, kn_data *d,
                                 const kn_course_outcome *co);

#endif
