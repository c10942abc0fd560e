/* knead — writing results: summary.json, timeseries.csv, events.csv and a text summary.
 * The library writes only where it is told: to a folder or a stream the caller gives. */
#ifndef KNEAD_REPORT_H
#define KNEAD_REPORT_H

#include <stdio.h>

#include "knead/error.h"
#include "knead/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes summary.json, timeseries.csv and events.csv into the existing folder dir after kn_run.
 * Returns 0 or a negative kn_errno (KN_EIO with diag filled: file and message). */
int kn_report_write(const kn_model *m, kn_data *d, const char *dir, kn_diag *diag);

/* Writes a short, readable summary (verdict first) to out. */
void kn_report_text(const kn_model *m, kn_data *d, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
