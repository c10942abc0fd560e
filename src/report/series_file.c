/* SPDX-License-Identifier: Apache-2.0 */
/* The time series as a file: timeseries.csv, or the same text gzip-compressed (timeseries.csv.gz),
 * streamed row by row while the run goes (knead/report.h). */
#include <errno.h>
#include <stdlib.h>
#include <zlib.h>

#include "core/format.h"
#include "report/report_internal.h"

/* Bytes of text gathered before one write: a row of a few hundred columns fits, and each write
 * (or compression call) moves many values at once. */
enum { TEXT_CHUNK = 16384 };
/* gzip level: 6 is zlib's default balance; the series compresses about 4x at it
 * (docs/performance.md has the measured size and speed). */
enum { GZ_LEVEL = 6 };

struct kn_series_file {
  kn_series_format format;
  FILE *f;    /* KN_SERIES_CSV */
  gzFile gz;  /* KN_SERIES_CSV_GZ */
  int failed; /* a write failed: close reports it */
};

int kn_series_rows_text(kn_text_write write, void *ctx, const double *rows, size_t nrow,
                        size_t ncol) {
  char buf[TEXT_CHUNK];
  size_t n = 0;
  for (size_t r = 0; r < nrow; r++) {
    const double *row = rows + r * ncol;
    for (size_t c = 0; c < ncol; c++) {
      if (n + KN_FORMAT_G6_MAX + 2 > sizeof buf) {
        if (write(ctx, buf, n)) return -1;
        n = 0;
      }
      if (c) buf[n++] = ',';
      n += kn_format_g6(row[c], buf + n);
    }
    buf[n++] = '\n';
  }
  return n && write(ctx, buf, n) ? -1 : 0;
}

const char *kn_series_format_file(kn_series_format format) {
  return format == KN_SERIES_CSV_GZ ? "timeseries.csv.gz" : "timeseries.csv";
}

static int series_write(void *file, const char *text, size_t n) {
  kn_series_file *s = file;
  if (s->format == KN_SERIES_CSV_GZ)
    return n > 0 && gzwrite(s->gz, text, (unsigned)n) != (int)n ? -1 : 0;
  return fwrite(text, 1, n, s->f) == n ? 0 : -1;
}

kn_series_file *kn_series_file_open(const kn_model *m, const char *path, kn_series_format format) {
  if (format != KN_SERIES_CSV && format != KN_SERIES_CSV_GZ) {
    errno = EINVAL;
    return NULL;
  }
  kn_series_file *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->format = format;
  /* the header: the same line timeseries.csv starts with, written through a memory stream */
  char *header = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&header, &len);
  if (mem) {
    kn_report_series_header(m, mem);
    if (fclose(mem) != 0) len = 0;
  }
  if (format == KN_SERIES_CSV_GZ) {
    char mode[8];
    snprintf(mode, sizeof mode, "wb%d", GZ_LEVEL);
    s->gz = gzopen(path, mode);
  } else {
    s->f = fopen(path, "w");
  }
  if (!header || !len || !(s->gz || s->f) || series_write(s, header, len)) {
    int saved = errno ? errno : EIO;
    free(header);
    kn_series_file_close(s);
    errno = saved;
    return NULL;
  }
  free(header);
  return s;
}

void kn_series_file_sink(void *file, const double *rows, size_t nrow, size_t ncol) {
  kn_series_file *s = file;
  if (!s->failed && kn_series_rows_text(series_write, s, rows, nrow, ncol)) s->failed = 1;
}

int kn_series_file_close(kn_series_file *s) {
  if (!s) return 0;
  int bad = s->failed;
  if (s->f) bad |= ferror(s->f) | (fclose(s->f) != 0);
  if (s->gz) bad |= gzclose(s->gz) != Z_OK;
  free(s);
  return bad ? -1 : 0;
}
