/* SPDX-License-Identifier: Apache-2.0 */
/* Result files and the terminal summary. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/format.h"
#include "core/units.h"
#include "knead/advise.h"
#include "report/report_internal.h"

static int io_fail(kn_diag *diag, const char *path) {
  if (diag) {
    kn_diag_clear(diag);
    diag->code = KN_EIO;
    /* a path longer than diag->file is cut on purpose: the message still says what failed */
    snprintf(diag->file, sizeof diag->file, "%.*s", (int)(sizeof diag->file - 1), path);
    snprintf(diag->message, sizeof diag->message, "cannot write: %s", strerror(errno));
  }
  return KN_EIO;
}

static FILE *open_in(const char *dir, const char *name, char *path, size_t size) {
  snprintf(path, size, "%s/%s", dir, name);
  return fopen(path, "w");
}

static int close_checked(FILE *f) {
  int bad = ferror(f);
  return (fclose(f) != 0 || bad) ? -1 : 0;
}

void kn_report_series_header(const kn_model *m, FILE *f) {
  for (size_t c = 0; c < kn_series_ncol(m); c++) {
    if (c) fputc(',', f);
    kn_csv_field(f, kn_series_name(m, c));
  }
  fputc('\n', f);
}

static int file_write(void *file, const char *text, size_t n) {
  return fwrite(text, 1, n, file) == n ? 0 : -1;
}

void kn_report_series_sink(void *file, const double *rows, size_t nrow, size_t ncol) {
  kn_series_rows_text(file_write, file, rows, nrow, ncol); /* errors: ferror(file) says */
}

/* The rows kept in memory (the whole series of a short run; see kn_series_nrow). */
static int write_series(const kn_model *m, const kn_data *d, FILE *f) {
  kn_report_series_header(m, f);
  kn_report_series_sink(f, kn_series_values(d), kn_series_nrow(d), kn_series_ncol(m));
  return 0;
}

/* What each column of events.csv holds: the one table the header and columns.json are written
 * from. */
static const struct {
  const char *name, *unit, *title;
} EVENT_COLUMNS[] = {
    {"t_start_s", "s", "When the event began (simulated time)"},
    {"t_end_s", "s", "When it ended (the same as t_start_s for an instant)"},
    {"kind", "", "What happened (docs/cli.md, events)"},
    {"site_kind", "", "region, nerve, muscle or body"},
    {"site", "", "The atlas name of the site, or body"},
    {"action", "", "Index of the session's action in progress (0 = first), -1 if none"},
    {"value", "see unit", "The event's peak value, in the unit of the next column"},
    {"unit", "", "The unit of value"},
    {"evidence", "", "Evidence level of the event's mechanism"},
};
enum { EVENT_NCOL = sizeof EVENT_COLUMNS / sizeof EVENT_COLUMNS[0] };

static const char *site_name(const kn_event *e) {
  switch (e->site_kind) {
  case KN_SITE_REGION:
    return kn_atlas_region((size_t)e->site)->name;
  case KN_SITE_NERVE:
    return kn_atlas_nerve((size_t)e->site)->name;
  case KN_SITE_BODY:
    return "body";
  default:
    return kn_atlas_muscle((size_t)e->site)->name;
  }
}

static const char *const site_kinds[] = {"region", "nerve", "muscle", "body"};

static int write_events(const kn_outcome *o, FILE *f) {
  for (size_t c = 0; c < EVENT_NCOL; c++) {
    if (c) fputc(',', f);
    kn_csv_field(f, EVENT_COLUMNS[c].name);
  }
  fputc('\n', f);
  for (size_t i = 0; i < o->nevent; i++) {
    const kn_event *e = &o->events[i];
    char value[KN_FORMAT_G6_MAX];
    kn_format_g6(e->value, value);
    const char *text[] = {kn_event_kind_name(e->kind), site_kinds[e->site_kind], site_name(e)};
    fprintf(f, "%.3f,%.3f", e->t_start, e->t_end);
    for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
      fputc(',', f);
      kn_csv_field(f, text[k]);
    }
    fprintf(f, ",%d,%s,", e->action, value);
    kn_csv_field(f, e->unit);
    fputc(',', f);
    kn_csv_field(f, kn_evidence_name(e->evidence));
    fputc('\n', f);
  }
  return 0;
}

/* columns.json: what every column of the series and of events.csv is (name, unit, site, evidence,
 * limit), with the files' layout version, so a reader never parses meaning from a column name. */
static json_t *columns_json(const kn_model *m) {
  json_t *series = json_array(), *events = json_array();
  for (size_t c = 0; c < kn_series_ncol(m); c++) {
    const kn_column_info *ci = kn_series_column(m, c);
    json_t *j =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "name", ci->name, "title",
                  ci->title, "unit", ci->unit, "quantity", ci->quantity, "topic", ci->topic,
                  "site_kind", kn_column_site_name(ci->site_kind), "site", ci->site_name, "reduce",
                  kn_column_reduce_name(ci->reduce), "updated_every_10_ms", ci->slow);
    json_object_set_new(j, "evidence",
                        ci->has_evidence ? json_string(kn_evidence_name(ci->evidence))
                                         : json_string("model derived"));
    json_object_set_new(j, "limit", isfinite(ci->limit) ? json_real(ci->limit) : json_null());
    json_object_set_new(j, "limit_name",
                        ci->limit_name ? json_string(ci->limit_name) : json_null());
    json_array_append_new(series, j);
  }
  for (size_t c = 0; c < EVENT_NCOL; c++)
    json_array_append_new(events,
                          json_pack("{s:s, s:s, s:s}", "name", EVENT_COLUMNS[c].name, "unit",
                                    EVENT_COLUMNS[c].unit, "title", EVENT_COLUMNS[c].title));
  return json_pack("{s:s, s:s, s:{s:o}, s:{s:s, s:o}}", "schema_version", KN_SUMMARY_SCHEMA_VERSION,
                   "knead_version", kn_version(), "timeseries", "columns", series, "events", "file",
                   "events.csv", "columns", events);
}

int kn_report_write(const kn_model *m, kn_data *d, const char *dir, kn_diag *diag) {
  char path[1024];
  const kn_outcome *o = kn_data_outcome(m, d);
  json_t *summary = kn_summary_json(m, d);
  if (summary && kn_summary_add_advice(summary, m, d) != KN_OK) {
    json_decref(summary);
    summary = NULL;
  }
  if (!summary) {
    if (diag) {
      kn_diag_clear(diag);
      diag->code = KN_EINTERNAL;
      snprintf(diag->message, sizeof diag->message, "could not build summary.json");
    }
    return KN_EINTERNAL;
  }
  snprintf(path, sizeof path, "%s/summary.json", dir);
  int rc =
      json_dump_file(summary, path, JSON_INDENT(2) | JSON_REAL_PRECISION(KN_REPORT_JSON_DIGITS));
  json_decref(summary);
  if (rc != 0) return io_fail(diag, path);

  FILE *f;
  if (!kn_data_has_series_sink(d)) { /* with a sink, the caller streamed timeseries.csv */
    f = open_in(dir, "timeseries.csv", path, sizeof path);
    if (!f) return io_fail(diag, path);
    write_series(m, d, f);
    if (close_checked(f)) return io_fail(diag, path);
  }

  f = open_in(dir, "events.csv", path, sizeof path);
  if (!f) return io_fail(diag, path);
  write_events(o, f);
  if (close_checked(f)) return io_fail(diag, path);

  json_t *columns = columns_json(m);
  snprintf(path, sizeof path, "%s/columns.json", dir);
  rc = columns ? json_dump_file(columns, path,
                                JSON_INDENT(2) | JSON_REAL_PRECISION(KN_REPORT_JSON_DIGITS))
               : -1;
  json_decref(columns);
  if (rc != 0) return io_fail(diag, path);
  return KN_OK;
}

char *kn_report_json(const kn_model *m, kn_data *d) {
  json_t *summary = kn_summary_json(m, d);
  if (!summary) return NULL;
  char *text =
      kn_summary_add_advice(summary, m, d) == KN_OK
          ? json_dumps(summary, JSON_INDENT(2) | JSON_REAL_PRECISION(KN_REPORT_JSON_DIGITS))
          : NULL;
  json_decref(summary);
  return text;
}

/* A duration in the unit a person would use: seconds up to two minutes, then minutes. */
static void human_time(double s, char *buf, size_t size) {
  if (s < 2 * KN_MIN)
    snprintf(buf, size, "%.0f s", s);
  else if (s < 2 * KN_HOUR)
    snprintf(buf, size, "%.0f min", s / KN_MIN);
  else if (s < 2 * KN_DAY)
    snprintf(buf, size, "%.0f h", s / KN_HOUR);
  else if (s < 3 * KN_WEEK)
    snprintf(buf, size, "%.0f days", s / KN_DAY);
  else if (s < 3 * KN_MONTH)
    snprintf(buf, size, "%.0f weeks", s / KN_WEEK);
  else
    snprintf(buf, size, "%.0f months", s / KN_MONTH);
}

static const char *verdict_text(kn_harm h) {
  switch (h) {
  case KN_HARM_NONE:
    return "no harm expected";
  case KN_HARM_DISCOMFORT:
    return "discomfort expected, no lasting harm (pain, tingling or a brief spasm)";
  case KN_HARM_MINOR:
    return "minor harm likely (bruise, soreness, a cramp or a reversible nerve block)";
  case KN_HARM_INJURY:
    return "INJURY expected";
  default:
    return "SEVERE INJURY expected";
  }
}

void kn_report_text(const kn_model *m, kn_data *d, FILE *out) {
  kn_report_text_styled(m, d, out, 0);
}

void kn_report_text_styled(const kn_model *m, kn_data *d, FILE *out, int use_color) {
  /* green, yellow, red, bold red by harm; nothing at all without colour */
  static const char *const harm_colour[] = {"\033[1;32m", "\033[1;33m", "\033[1;33m", "\033[1;31m",
                                            "\033[1;31m"};
  const kn_outcome *o = kn_data_outcome(m, d);
  char a[32], b[32];
  kn_advice adv[KN_ADVICE_MAX];
  size_t nadv = kn_advise(m, o, adv, KN_ADVICE_MAX);
  if (nadv > KN_ADVICE_MAX) nadv = KN_ADVICE_MAX;
  const char *on = use_color ? harm_colour[o->harm <= KN_HARM_SEVERE ? o->harm : 4] : "";
  const char *off = use_color ? "\033[0m" : "";
  fprintf(out, "verdict: %s%s%s (harm: %s", on, verdict_text(o->harm), off, kn_harm_name(o->harm));
  if (o->harm != KN_HARM_NONE) fprintf(out, "; evidence: %s", kn_evidence_name(o->harm_evidence));
  fputs(")\n", out);
  kn_advice_verdict v = kn_advice_verdict_of(adv, nadv);
  char count[48];
  if (nadv)
    snprintf(count, sizeof count, " (%zu piece%s, below)", nadv, nadv == 1 ? "" : "s");
  else
    snprintf(count, sizeof count, " (nothing to add)");
  fprintf(out, "advice:  %s%s%s%s\n",
          use_color ? harm_colour[v == KN_VERDICT_GO       ? 0
                                  : v == KN_VERDICT_CHANGE ? 1
                                                           : 4]
                    : "",
          kn_advice_verdict_name(v), off, count);
  human_time(o->duration, a, sizeof a);
  const kn_session *session = kn_model_session(m);
  /* the name is the user's: shown with its control characters escaped (a terminal reads this) */
  char name[4 * sizeof session->name];
  kn_text_escape(name, sizeof name, session->name, strlen(session->name), 0);
  fprintf(out, "session: %s, %s, %zu actions, %s simulated\n", name[0] ? name : "(unnamed)",
          session->giver == KN_GIVER_DEVICE ? "device"
                                            : kn_practitioner_name(session->practitioner),
          session->naction, a);

  int any = 0;
  for (size_t i = 0; i < o->nnerve; i++) {
    const kn_nerve_outcome *n = &o->nerves[i];
    if (n->grade == KN_NERVE_NONE && n->p_peak < kn_model_nerve_p50(m)) continue;
    if (!any++)
      fprintf(out, "\nnerves and vessels          peak mmHg  perfusion  dose   outcome\n");
    fprintf(out, "  %-24s %10.0f %9.0f%% %6.2f   %s", kn_atlas_nerve((size_t)n->nerve)->name,
            n->p_peak / KN_MMHG, 100.0 * n->perfusion_min, n->injury_dose,
            kn_nerve_grade_name(n->grade));
    if (n->grade != KN_NERVE_NONE) {
      human_time(n->recovery_min, a, sizeof a);
      human_time(n->recovery_max, b, sizeof b);
      fprintf(out, " (recovery %s to %s; %s)", n->recovery_min > 0 ? a : "at once", b,
              kn_evidence_name(n->evidence));
    }
    fputc('\n', out);
  }

  fprintf(out, "\nregion                  peak kPa  ISO limit  pain prob  bruise\n");
  for (size_t i = 0; i < o->nregion; i++) {
    const kn_region_outcome *r = &o->regions[i];
    fprintf(out, "  %-22s %8.0f %8.0f%% %9.2f  %s (%.0f %%)\n",
            kn_atlas_region((size_t)r->region)->name, r->p_peak / KN_KPA,
            100.0 * fmax(r->p_ratio, r->f_ratio), r->pain_peak, kn_bruise_grade_name(r->bruise),
            100.0 * r->bruise_probability);
  }
  for (size_t i = 0; i < o->nmuscle; i++)
    if (o->muscles[i].damage >= 1.0)
      fprintf(out, "  muscle cell death: %s (%s)\n",
              kn_atlas_muscle((size_t)o->muscles[i].muscle)->name,
              kn_evidence_name(o->muscles[i].evidence));
  if (o->nnm) {
    fprintf(out, "\nmuscle                  H-reflex  inhibited  spasms\n");
    for (size_t i = 0; i < o->nnm; i++) {
      const kn_nm_outcome *n = &o->nm[i];
      human_time(n->inhibited_time, a, sizeof a);
      fprintf(out, "  %-22s %7.0f%% %10s %7d\n", kn_atlas_muscle((size_t)n->muscle)->name,
              100.0 * n->hreflex_ratio, n->inhibited_time > 0.0 ? a : "-", n->nspasm);
    }
  }
  for (size_t i = 0; i < o->nspasm; i++) {
    const kn_spasm *sp = &o->spasms[i];
    human_time(sp->t_start, a, sizeof a);
    fprintf(out, "  %s of %s at %s for %.1f s, %.0f %% of maximum", kn_spasm_kind_name(sp->kind),
            kn_atlas_muscle((size_t)sp->muscle)->name, a, sp->t_end - sp->t_start,
            100.0 * sp->peak_fraction);
    if (sp->kind == KN_SPASM_CLONIC) fprintf(out, ", %.1f Hz", sp->frequency);
    fprintf(out, " (%s; %s)\n", sp->trigger, kn_evidence_name(sp->evidence));
  }
  for (size_t i = 0; i < o->nnm; i++) { /* normal: counted and timed, never harm */
    const kn_nm_outcome *n = &o->nm[i];
    if (!n->reflex_responses) continue;
    fprintf(out,
            "  %d normal reflex response%s of %s (not harm): longest %.1f s, peak %.0f %% of "
            "maximum\n",
            n->reflex_responses, n->reflex_responses == 1 ? "" : "s",
            kn_atlas_muscle((size_t)n->muscle)->name, n->reflex_longest, 100.0 * n->reflex_peak);
  }
  fprintf(out, "\nsoreness: %.0f %% chance, onset within %.0f h, lasting up to %.0f h (%s)\n",
          100.0 * o->soreness_probability, o->soreness_onset / KN_HOUR,
          o->soreness_duration / KN_HOUR, kn_evidence_name(o->evidence_soreness));
  if (o->doms_given) /* the exercise bout's delayed-onset soreness, days 1..4 after it */
    fprintf(out,
            "soreness after the exercise bout (0-10): %.1f, %.1f, %.1f, %.1f at 1, 2, 3, 4 d; "
            "peak %.1f without massage, x %.2f from %.0f min of massage (%s)\n",
            o->doms_at[0], o->doms_at[1], o->doms_at[2], o->doms_at[3], o->doms_peak,
            o->doms_factor, o->doms_massage_time / KN_MIN, kn_evidence_name(o->evidence_doms));
  fprintf(out, "visible bruise: %.0f %% chance (dose-response; %s)\n",
          100.0 * o->bruise_probability, kn_evidence_name(o->evidence_bruise));
  kn_report_body_text(o, out);
  fprintf(out, "events: %zu%s\n", o->nevent, o->nevent_dropped ? " (some not recorded)" : "");
  if (nadv) {
    fputs("\nadvice\n", out);
    kn_advice_print(adv, nadv, use_color, out);
  }
}
