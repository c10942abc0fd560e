/* SPDX-License-Identifier: Apache-2.0 */
/* knead — writing results: summary.json, timeseries.csv, events.csv and a text summary.
 * The library writes only where it is told: to a folder or a stream the caller gives. */
#ifndef KNEAD_REPORT_H
#define KNEAD_REPORT_H

#include "knead/export.h"

#include <stdio.h>

#include "knead/course.h"
#include "knead/error.h"
#include "knead/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The layout of summary.json, written as its "schema_version" (docs/schema/summary.schema.json):
 * the major part changes when a key is removed or changes meaning, the minor part when keys are
 * added. Also the layout version of timeseries.csv and events.csv, written in columns.json. */
#define KN_SUMMARY_SCHEMA_VERSION "1.1"

/* Writes summary.json, timeseries.csv and events.csv into the existing folder dir after kn_run.
 * timeseries.csv holds the rows kept in memory (kn_series_values: every row of a run of at most
 * KN_SERIES_KEPT_ROWS rows); it is not written when d has a series sink: the caller streamed it
 * (kn_report_series_header and kn_report_series_sink write the same format, every row).
 * Returns 0 or a negative kn_errno (KN_EIO with diag filled: file and message). */
KN_API int kn_report_write(const kn_model *m, kn_data *d, const char *dir, kn_diag *diag);

/* Writes the header line of timeseries.csv (the column names) to f. */
KN_API void kn_report_series_header(const kn_model *m, FILE *f);
/* A kn_series_sink writing rows to the FILE * given as ctx in the format of timeseries.csv
 * (%.6g); the caller checks ferror(f) when the run ends. */
KN_API void kn_report_series_sink(void *file, const double *rows, size_t nrow, size_t ncol);

/* The time series as a file the caller streams a run into: timeseries.csv, or the same text
 * gzip-compressed, which pandas.read_csv and zcat read directly (a long run's series is about a
 * quarter of the size; docs/performance.md). */
typedef enum kn_series_format {
  KN_SERIES_CSV = 0,   /* timeseries.csv */
  KN_SERIES_CSV_GZ = 1 /* timeseries.csv.gz */
} kn_series_format;
/* The file name a run's folder holds the series under in that format (static). */
KN_API const char *kn_series_format_file(kn_series_format format);
typedef struct kn_series_file kn_series_file;
/* Creates path and writes the header line (as kn_report_series_header). The file is the caller's
 * until kn_series_file_close. NULL with errno set if it cannot be created or written. Allocates. */
KN_API kn_series_file *kn_series_file_open(const kn_model *m, const char *path,
                                           kn_series_format format);
/* A kn_series_sink writing rows to the kn_series_file given as ctx; no allocation. */
KN_API void kn_series_file_sink(void *file, const double *rows, size_t nrow, size_t ncol);
/* Flushes and closes the file and frees f: 0, or -1 if any write failed (the file is then
 * incomplete). NULL is a no-op. */
KN_API int kn_series_file_close(kn_series_file *f);

/* The summary (as summary.json, with the advice) as JSON text; the caller frees it with free().
 * NULL if out of memory. */
KN_API char *kn_report_json(const kn_model *m, kn_data *d);

/* Writes report.html into dir from the files a run wrote there (summary.json, timeseries.csv,
 * events.csv), so it works on any earlier run's folder: one self-contained page, the charting
 * library inlined, that opens offline. Long series are reduced for display to the minimum and
 * maximum of 1000 buckets, so peaks survive. Written whole (via a temporary file) or not at all.
 * Returns 0 or a negative kn_errno with diag (may be NULL) filled: file, line, message. */
KN_API int kn_report_html_write(const char *dir, kn_diag *diag);
/* 1 if this build of libknead carries the report's front end (cmake/report.cmake, KN_REPORT);
 * 0 if it was built without it, when kn_report_html_write fails with KN_ESTATE. */
KN_API int kn_report_html_available(void);
/* One line saying how to get the HTML report, for a build without it; static text. */
KN_API const char *kn_report_html_missing(void);

/* Writes a short, readable summary (verdict first, advice last) to out, without colour. */
KN_API void kn_report_text(const kn_model *m, kn_data *d, FILE *out);
/* Adds the course's section ("course") to dir/summary.json, which kn_report_write wrote: KN_OK or
 * KN_EIO (diag, may be NULL, says which file). */
KN_API int kn_report_course_write(const kn_course_outcome *o, const char *dir, kn_diag *diag);
/* The summary of the course's first session (m, d: as kn_report_json) with the course's section
 * and the advice for the whole course (kn_advise_course) as JSON text; the caller frees it with
 * free(). NULL if out of memory. */
KN_API char *kn_report_course_json(const kn_model *m, kn_data *d, const kn_course_outcome *o);
/* Writes the course's table to out: blood pressure, soreness, nerves and harm per session. */
KN_API void kn_report_course_text(const kn_course_outcome *o, FILE *out);
/* The same; use_color adds ANSI colours (the caller decides: a terminal, and NO_COLOR unset). */
KN_API void kn_report_text_styled(const kn_model *m, kn_data *d, FILE *out, int use_color);

/* Memory a run's series is copied into by kn_series_buffer_sink: every row of a run when capacity
 * is kn_series_rows_max(m). All fields are the caller's; nrow and dropped start at 0. */
typedef struct kn_series_buffer {
  double *values;  /* capacity x ncol values, row-major, owned by the caller */
  size_t capacity; /* rows values can hold */
  size_t ncol;     /* values per row: kn_series_ncol(m) */
  size_t nrow;     /* rows copied so far */
  size_t dropped;  /* rows not copied: beyond capacity, or of another number of columns */
} kn_series_buffer;
/* A kn_series_sink copying rows into the kn_series_buffer given as ctx; no allocation, no I/O. */
KN_API void kn_series_buffer_sink(void *buffer, const double *rows, size_t nrow, size_t ncol);

#ifdef __cplusplus
}
#endif
#endif
