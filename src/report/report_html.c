/* SPDX-License-Identifier: Apache-2.0 */
/* report.html: one self-contained page built from the files of an output folder.
 *
 * The page is the template web/report.html with its markers replaced by the inlined front end
 * (the CSS and JS of web/ and the charting library, see cmake/report.cmake) and by the run's data
 * as one JSON object. Nothing is fetched when the page opens. Every string that came from an input
 * file reaches the page only inside that JSON, escaped so that it cannot end the <script> element
 * (<, >, & and U+2028/2029 written as \u escapes), and the page's script puts strings into the
 * document as text, never as markup. */
#include <errno.h>
#include <unistd.h>
#include <zlib.h>
#include <limits.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/format.h"
#include "knead/atlas.h"
#include "knead/report.h"
#include "knead/sim.h"
#include "knead/version.h"
#include "report/report_internal.h"
#include "report/web_assets.h"

/* Display points per chart: min and max of each of this many buckets, so a peak never falls
 * between two drawn points however long the run (a wide screen has about 2000 pixels). */
#define BUCKETS 1000

#define LINE_FIRST_CAP 256   /* bytes: a line buffer's first size, doubled as needed */
#define EVENT_COLUMNS_MAX 16 /* columns of events.csv read (it has fewer) */

/* A template marker: @@KN:name@@. */
#define MARK_OPEN "@@KN:"
#define MARK_CLOSE "@@"
#define MARK_OPEN_LEN (sizeof MARK_OPEN - 1)
#define MARK_CLOSE_LEN (sizeof MARK_CLOSE - 1)

static int fail(kn_diag *diag, int code, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(kn_diag *diag, int code, const char *file, int line, const char *fmt, ...) {
  if (diag) {
    kn_diag_clear(diag);
    diag->code = code;
    diag->line = line;
    snprintf(diag->file, sizeof diag->file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->message, sizeof diag->message, fmt, ap);
    va_end(ap);
  }
  return code;
}

static const kn_web_asset *asset(const char *name) {
  for (size_t i = 0; i < kn_web_asset_count; i++)
    if (strcmp(kn_web_assets[i].name, name) == 0) return &kn_web_assets[i];
  return NULL;
}

/* The largest events.csv read whole: knead writes at most 8192 events of about 100 bytes. */
#define EVENTS_FILE_MAX (16u << 20)

/* Reads a whole file of at most EVENTS_FILE_MAX bytes; *len without the NUL added at the end. NULL
 * with errno set on failure (EFBIG if larger, EIO if a read failed). */
static char *slurp(const char *path, size_t *len) {
  int err;
  kn_file_status st;
  char *text = kn_read_file(path, EVENTS_FILE_MAX, len, &st, &err);
  if (st != KN_FILE_OK)
    errno = st == KN_FILE_TOOBIG  ? EFBIG
            : st == KN_FILE_NOMEM ? ENOMEM
            : st == KN_FILE_READ  ? EIO
                                  : err;
  return text;
}

/* The longest line of timeseries.csv read: far beyond any knead writes (a few thousand columns of
 * at most 13 bytes); a longer one is not a knead file, and reading it would take unbounded memory.
 */
#define SERIES_LINE_MAX (1u << 20)

/* timeseries.csv reduced for display while it is read, in memory independent of its length: all
 * rows if there are at most 2 * BUCKETS, else per bucket the minimum and the maximum of every
 * column, in the order they occurred, at the bucket's first and last time. */
typedef struct series {
  size_t ncol, nrow; /* nrow: rows in the file */
  char *header;      /* the header line, cut into names */
  char **names;      /* (ncol), pointers into header */
  json_t *cols;      /* (ncol) arrays of the values shown */
  /* the bucket being reduced: rows [r0, r1) */
  size_t r0, r1, bucket, nbucket;
  double t_first, t_last;
  double *lo, *hi;       /* (ncol) */
  size_t *at_lo, *at_hi; /* (ncol) rows where they occurred */
} series;

static void series_free(series *s) {
  free(s->header);
  free(s->names);
  json_decref(s->cols);
  free(s->lo);
  free(s->hi);
  free(s->at_lo);
  free(s->at_hi);
}

/* One line of at most SERIES_LINE_MAX bytes into *line (grown as needed; the newline removed).
 * 1 read, 0 at the end, -1 if too long. */
static int read_line(gzFile f, char **line, size_t *cap) {
  size_t n = 0;
  int c;
  if (!*line) {
    if (!(*line = malloc(LINE_FIRST_CAP))) return -1;
    *cap = LINE_FIRST_CAP;
  }
  while ((c = gzgetc(f)) != -1 && c != '\n') {
    if (n + 2 > *cap) {
      if (*cap >= SERIES_LINE_MAX) return -1;
      size_t bigger = 2 * *cap;
      char *p = realloc(*line, bigger);
      if (!p) return -1;
      *line = p, *cap = bigger;
    }
    (*line)[n++] = (char)c;
  }
  if (c == -1 && n == 0) return 0;
  (*line)[n] = '\0';
  return 1;
}

static void show(series *s, size_t c, double v) {
  json_array_append_new(json_array_get(s->cols, c), json_real(v));
}

/* Ends the bucket [r0, r1): its points go to the display. */
static void bucket_end(series *s) {
  show(s, 0, s->t_first);
  show(s, 0, s->t_last);
  for (size_t c = 1; c < s->ncol; c++) {
    int lo_first = s->at_lo[c] <= s->at_hi[c];
    show(s, c, lo_first ? s->lo[c] : s->hi[c]);
    show(s, c, lo_first ? s->hi[c] : s->lo[c]);
  }
  s->bucket++;
  s->r0 = s->r1;
  s->r1 = (s->bucket + 1) * s->nrow / s->nbucket;
}

static void take_row(series *s, size_t r, const double *row) {
  if (s->nbucket == s->nrow) { /* few rows: all shown */
    for (size_t c = 0; c < s->ncol; c++)
      show(s, c, row[c]);
    return;
  }
  if (r == s->r0) {
    s->t_first = row[0];
    for (size_t c = 1; c < s->ncol; c++)
      s->lo[c] = s->hi[c] = row[c], s->at_lo[c] = s->at_hi[c] = r;
  }
  s->t_last = row[0];
  for (size_t c = 1; c < s->ncol; c++) {
    if (row[c] < s->lo[c]) s->lo[c] = row[c], s->at_lo[c] = r;
    if (row[c] > s->hi[c]) s->hi[c] = row[c], s->at_hi[c] = r;
  }
  if (r + 1 == s->r1) bucket_end(s);
}

/* Reads timeseries.csv (or timeseries.csv.gz: zlib reads either) twice: once to count its rows
 * (so the buckets are known), once to reduce them. Returns 0 or a negative kn_errno with diag
 * filled. */
static int read_series(const char *path, series *s, kn_diag *diag) {
  memset(s, 0, sizeof *s);
  gzFile f = gzopen(path, "rb");
  if (!f) return fail(diag, KN_EIO, path, 0, "cannot read: %s", strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  double *row = NULL;
  int rc = KN_OK, got = read_line(f, &line, &cap);
  if (got <= 0) {
    rc = fail(diag, KN_EPARSE, path, 1, got < 0 ? "line too long" : "no header line");
    goto done;
  }
  s->header = line;
  line = NULL, cap = 0;
  s->ncol = 1;
  for (char *p = s->header; *p; p++)
    s->ncol += *p == ',';
  s->names = calloc(s->ncol, sizeof *s->names);
  s->cols = json_array();
  row = malloc(s->ncol * sizeof *row);
  s->lo = malloc(s->ncol * sizeof *s->lo);
  s->hi = malloc(s->ncol * sizeof *s->hi);
  s->at_lo = malloc(s->ncol * sizeof *s->at_lo);
  s->at_hi = malloc(s->ncol * sizeof *s->at_hi);
  if (!s->names || !s->cols || !row || !s->lo || !s->hi || !s->at_lo || !s->at_hi) {
    rc = fail(diag, KN_ENOMEM, path, 0, "out of memory");
    goto done;
  }
  size_t c = 0;
  for (char *rest = s->header; rest && c < s->ncol;)
    s->names[c++] = kn_csv_field_next(&rest);
  if (c != s->ncol || strcmp(s->names[0], "t_s") != 0) {
    rc = fail(diag, KN_EPARSE, path, 1, "header must start with t_s and name every column");
    goto done;
  }
  for (c = 0; c < s->ncol; c++)
    json_array_append_new(s->cols, json_array());
  z_off_t body = gztell(f);
  int zerr = Z_OK;
  while ((got = read_line(f, &line, &cap)) > 0)
    s->nrow++;
  gzerror(f, &zerr);
  if (got < 0 || (zerr != Z_OK && zerr != Z_BUF_ERROR) || body < 0 ||
      gzseek(f, body, SEEK_SET) != body) {
    rc = fail(diag, got < 0 ? KN_EPARSE : KN_EIO, path, got < 0 ? (int)s->nrow + 2 : 0, "%s",
              got < 0 ? "line too long" : "cannot read");
    goto done;
  }
  s->nbucket = s->nrow > 2 * BUCKETS ? BUCKETS : s->nrow;
  s->r1 = s->nbucket ? s->nrow / s->nbucket : 0;
  for (size_t r = 0; r < s->nrow; r++) {
    if (read_line(f, &line, &cap) <= 0) {
      rc = fail(diag, KN_EIO, path, (int)r + 2, "changed while being read");
      goto done;
    }
    char *p = line;
    for (c = 0; c < s->ncol; c++) {
      char *end;
      row[c] = strtod(p, &end);
      if (end == p || *end != (c + 1 < s->ncol ? ',' : '\0')) {
        rc = fail(diag, KN_EPARSE, path, r + 2 < (size_t)INT_MAX ? (int)r + 2 : 0,
                  "column %zu (%s): not a number", c + 1, s->names[c]);
        goto done;
      }
      p = *end ? end + 1 : end;
    }
    take_row(s, r, row);
  }
done:
  free(line);
  free(row);
  gzclose(f);
  return rc;
}

/* The limit of a column as the run had it: a parameter the session set (summary.json echoes it
 * in the parameter's unit, which is the column's) overrides the default. */
static double run_limit(const kn_column_info *c, const json_t *summary) {
  if (!c->limit_param) return c->limit;
  const json_t *set = json_object_get(
      json_object_get(json_object_get(summary, "session"), "parameters"), c->limit_param);
  const json_t *value = json_object_get(set, "value");
  return json_is_number(value) ? json_number_value(value) : c->limit;
}

/* What each column is (kn_series_column_find: the recorder's own description of the names it
 * writes), so the page never reads meaning from a name. */
static json_t *column_json(const char *name, const json_t *summary) {
  kn_column_info c;
  int known = kn_series_column_find(name, &c);
  double limit = run_limit(&c, summary);
  json_t *j = json_pack("{s:s, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", c.name, "known",
                        known, "site_kind", kn_column_site_name(c.site_kind), "site", c.site_name,
                        "quantity", c.quantity, "title", c.title, "topic", c.topic, "unit", c.unit,
                        "reduce", kn_column_reduce_name(c.reduce));
  if (!j) return NULL; /* a name that is not UTF-8 */
  json_object_set_new(j, "evidence",
                      c.has_evidence ? json_string(kn_evidence_name(c.evidence)) : json_null());
  json_object_set_new(j, "limit", isfinite(limit) ? json_real(limit) : json_null());
  json_object_set_new(j, "limit_name", c.limit_name ? json_string(c.limit_name) : json_null());
  return j;
}

/* The outcome's quantity table (kn_outcome_quantity): what each key of summary.json's site objects
 * is, so the page reads titles, units, evidence and limits from it, never from key names. */
static json_t *quantities_json(void) {
  json_t *arr = json_array();
  for (size_t i = 0; i < kn_outcome_quantity_count(); i++) {
    const kn_quantity_info *q = kn_outcome_quantity(i);
    json_t *j =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "site_kind", kn_column_site_name(q->site_kind),
                  "group", q->group, "key", q->key, "title", q->title, "unit", q->unit, "kind",
                  kn_quantity_kind_name(q->kind));
    json_object_set_new(j, "evidence_key",
                        q->evidence_key ? json_string(q->evidence_key) : json_null());
    json_object_set_new(j, "limit_key", q->limit_key ? json_string(q->limit_key) : json_null());
    json_object_set_new(j, "limit_name", q->limit_name ? json_string(q->limit_name) : json_null());
    json_array_append_new(arr, j);
  }
  return arr;
}

/* The series for display as the page's JSON (steals s->cols), with what each column is. */
static json_t *series_json(series *s, const json_t *summary) {
  json_t *names = json_array(), *columns = json_array();
  for (size_t c = 0; c < s->ncol; c++) {
    json_array_append_new(names, json_string(s->names[c]));
    json_t *column = column_json(s->names[c], summary);
    json_array_append_new(columns, column ? column : json_null());
  }
  json_t *cols = s->cols;
  s->cols = NULL;
  return json_pack("{s:o, s:o, s:o, s:I, s:i}", "names", names, "columns", columns, "cols", cols,
                   "rows", (json_int_t)s->nrow, "shown",
                   (int)json_array_size(json_array_get(cols, 0)));
}

/* events.csv as an array of objects keyed by its header (all values strings, as written). */
static int events_json(const char *path, char *text, json_t **out, kn_diag *diag) {
  json_t *arr = json_array();
  char *header = text, *eol = strchr(text, '\n');
  if (!eol) {
    json_decref(arr);
    return fail(diag, KN_EPARSE, path, 1, "no header line");
  }
  *eol = '\0';
  char *keys[EVENT_COLUMNS_MAX];
  size_t nk = 0;
  for (char *rest = header; rest && nk < EVENT_COLUMNS_MAX;)
    keys[nk++] = kn_csv_field_next(&rest);
  char *p = eol + 1;
  for (int line = 2; *p; line++) {
    char *end = strchr(p, '\n');
    if (end) *end = '\0';
    json_t *ev = json_object();
    size_t k = 0;
    for (char *rest = p; k < nk; k++) { /* RFC 4180 fields, as write_events quotes them */
      json_object_set_new(ev, keys[k], json_string(kn_csv_field_next(&rest)));
      if (!rest) break;
    }
    if (k + 1 < nk) {
      json_decref(ev);
      json_decref(arr);
      return fail(diag, KN_EPARSE, path, line, "expected %zu fields", nk);
    }
    json_array_append_new(arr, ev);
    p = end ? end + 1 : p + strlen(p);
  }
  *out = arr;
  return KN_OK;
}

/* What the page needs of the atlas: labels, and where each nerve and muscle lies. */
static json_t *atlas_json(void) {
  json_t *regions = json_object(), *nerves = json_object(), *muscles = json_object();
  for (size_t i = 0; i < kn_atlas_region_count(); i++) {
    const kn_region *r = kn_atlas_region(i);
    json_object_set_new(regions, r->name, json_pack("{s:s}", "label", r->label));
  }
  for (size_t i = 0; i < kn_atlas_nerve_count(); i++) {
    const kn_nerve *n = kn_atlas_nerve(i);
    json_object_set_new(nerves, n->name,
                        json_pack("{s:s, s:s}", "region", kn_atlas_region((size_t)n->region)->name,
                                  "label", n->label));
  }
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    const kn_muscle *mu = kn_atlas_muscle(i);
    json_object_set_new(muscles, mu->name,
                        json_pack("{s:s, s:s}", "region", kn_atlas_region((size_t)mu->region)->name,
                                  "label", mu->label));
  }
  json_t *sources = json_object();
  for (size_t i = 0; i < kn_atlas_source_count(); i++)
    json_object_set_new(sources, kn_atlas_source(i)->key,
                        json_string(kn_atlas_source(i)->reference));
  return json_pack("{s:o, s:o, s:o, s:o}", "regions", regions, "nerves", nerves, "muscles", muscles,
                   "sources", sources);
}

/* JSON text safe inside <script>: ASCII only (so U+2028/2029 are escaped), and <, >, & escaped.
 * These three occur only inside strings in JSON text, where \u escapes mean the same. */
static int write_script_json(FILE *f, const json_t *j) {
  char *text =
      json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(KN_REPORT_JSON_DIGITS));
  if (!text) return KN_ENOMEM;
  for (const char *p = text; *p; p++) {
    if (*p == '<')
      fputs("\\u003c", f);
    else if (*p == '>')
      fputs("\\u003e", f);
    else if (*p == '&')
      fputs("\\u0026", f);
    else
      fputc(*p, f);
  }
  free(text);
  return KN_OK;
}

/* Text for an HTML element's content. */
static void write_html_text(FILE *f, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '&':
      fputs("&amp;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    case '\'':
      fputs("&#39;", f);
      break;
    default:
      fputc(*s, f);
    }
  }
}

/* Writes the template with each @@KN:name@@ marker replaced. */
static int fill_template(FILE *f, const json_t *data, const char *title) {
  const kn_web_asset *tpl = asset("report.html");
  if (!tpl) return KN_EINTERNAL;
  const char *p = (const char *)tpl->data;
  for (;;) {
    const char *m = strstr(p, MARK_OPEN);
    if (!m) break;
    const char *name_start = m + MARK_OPEN_LEN;
    const char *end = strstr(name_start, MARK_CLOSE);
    if (!end) break;
    fwrite(p, 1, (size_t)(m - p), f);
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(end - name_start), name_start);
    if (!strcmp(name, "DATA")) {
      if (write_script_json(f, data) != KN_OK) return KN_ENOMEM;
    } else if (!strcmp(name, "TITLE")) {
      write_html_text(f, title);
    } else {
      const kn_web_asset *a = asset(name);
      if (!a) return KN_EINTERNAL;
      fwrite(a->data, 1, a->size, f);
    }
    p = end + MARK_CLOSE_LEN;
  }
  fputs(p, f);
  return KN_OK;
}

int kn_report_html_available(void) {
  return asset("report.html") != NULL;
}

const char *kn_report_html_missing(void) {
  return "this knead was built without the HTML report (no charting library at build time): "
         "run `npm ci` in the source tree (or `make web-deps`) and build again";
}

int kn_report_html_write(const char *dir, kn_diag *diag) {
  char path[1100], tmp[1200];
  size_t len;
  int rc = KN_OK;
  char *ev_text = NULL;
  series s = {0};
  json_t *summary = NULL, *events = NULL, *data = NULL;
  FILE *f = NULL;

  if (!kn_report_html_available())
    return fail(diag, KN_ESTATE, dir, 0, "%s", kn_report_html_missing());
  snprintf(path, sizeof path, "%s/summary.json", dir);
  json_error_t jerr;
  summary = json_load_file(path, 0, &jerr);
  if (!summary || !json_is_object(summary)) {
    rc = fail(diag, KN_EPARSE, path, summary ? 0 : jerr.line, "%s",
              summary ? "not a knead summary" : jerr.text);
    goto done;
  }
  snprintf(path, sizeof path, "%s/%s", dir, kn_series_format_file(KN_SERIES_CSV));
  if (access(path, F_OK) != 0) /* the compressed series when the run wrote that instead */
    snprintf(path, sizeof path, "%s/%s", dir, kn_series_format_file(KN_SERIES_CSV_GZ));
  if ((rc = read_series(path, &s, diag)) != KN_OK) goto done;
  snprintf(path, sizeof path, "%s/events.csv", dir);
  if (!(ev_text = slurp(path, &len))) {
    rc = fail(diag, KN_EIO, path, 0, "cannot read: %s", strerror(errno));
    goto done;
  }
  if ((rc = events_json(path, ev_text, &events, diag)) != KN_OK) goto done;

  data = json_pack("{s:s, s:O, s:o, s:O, s:o, s:o}", "knead_version", kn_version(), "summary",
                   summary, "series", series_json(&s, summary), "events", events, "atlas",
                   atlas_json(), "quantities", quantities_json());
  if (!data) {
    rc = fail(diag, KN_ENOMEM, dir, 0, "out of memory");
    goto done;
  }
  const char *title =
      json_string_value(json_object_get(json_object_get(summary, "session"), "name"));
  snprintf(path, sizeof path, "%s/report.html", dir);
  snprintf(tmp, sizeof tmp, "%s/.report.html.tmp", dir);
  if (!(f = fopen(tmp, "w"))) {
    rc = fail(diag, KN_EIO, path, 0, "cannot write: %s", strerror(errno));
    goto done;
  }
  rc = fill_template(f, data, title && title[0] ? title : "massage session");
  int bad = ferror(f);
  if (fclose(f) != 0 || bad) rc = rc ? rc : KN_EIO;
  f = NULL;
  if (rc == KN_OK && rename(tmp, path) != 0) rc = KN_EIO;
  if (rc != KN_OK) {
    remove(tmp);
    fail(diag, rc, path, 0, "cannot write: %s", rc == KN_EIO ? strerror(errno) : kn_strerror(rc));
  }
done:
  json_decref(data);
  json_decref(summary);
  json_decref(events);
  series_free(&s);
  free(ev_text);
  return rc;
}
