/* SPDX-License-Identifier: Apache-2.0 */
/* knead monitor [--subject S.yaml] [--input FILE|-] [--events FILE] [--status-every S] ...
 *
 * Reads contact samples (CSV or JSON lines) from a file or stdin, runs them through the safety
 * monitor, and prints JSON lines: every alarm raised or cleared, a status line every
 * --status-every seconds of sample time, and a summary at the end. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

enum {
  OPT_SUBJECT = CLI_LONG,
  OPT_EVENTS,
  OPT_STATUS_EVERY,
  OPT_ON_ERROR,
  OPT_FAIL_ON,
  OPT_PERIOD,
  OPT_GAP_MAX
};

static const cli_option options[] = {
    {OPT_SUBJECT, "subject", "S.yaml", CLI_COMPLETE_FILE, NULL,
     "who is massaged (default: the default subject)"},
    {'i', "input", "FILE", CLI_COMPLETE_FILE, NULL, "samples from FILE, or stdin for - (default)"},
    {OPT_EVENTS, "events", "FILE", CLI_COMPLETE_FILE, NULL,
     "also write the alarm episodes as FILE in the format of\nknead simulate's events.csv "
     "(conditions within 2 s merged)"},
    {OPT_STATUS_EVERY, "status-every", "S", CLI_COMPLETE_NONE, NULL,
     "status line period in seconds of sample time (default 1; 0: every\nsample)"},
    {OPT_ON_ERROR, "on-error", "WHAT", CLI_COMPLETE_WORDS, "skip fail",
     "skip: report a bad line and go on (default); fail: stop with exit 2"},
    {OPT_FAIL_ON, "fail-on", "LEVEL", CLI_COMPLETE_WORDS, "warning limit fault",
     "exit 1 if the level reached warning, limit or fault"},
    {OPT_PERIOD, "period", "S", CLI_COMPLETE_NONE, NULL,
     "nominal sample period (default 0.001; a trace of a 10 ms simulation:\n0.01)"},
    {OPT_GAP_MAX, "gap-max", "S", CLI_COMPLETE_NONE, NULL,
     "longest gap taken as dropped samples (default 0.1); more is a clock\njump"},
    {'q', "quiet", NULL, CLI_COMPLETE_NONE, NULL, "no status lines: alarms and the summary only"},
};

static const char *const synopsis[] = {
    "[--subject S.yaml] [--input FILE|-] [--events FILE]\n[--status-every S] [--on-error "
    "skip|fail] [--fail-on warning|limit|fault]\n[--period S] [--gap-max S] [--quiet]",
    NULL};

static const cli_exit exits[] = {
    {"0", "ok"},
    {"1", "the level reached --fail-on"},
    {"2", "bad usage, an unreadable input or subject, a bad line with --on-error fail, or an\n"
          "--events file that may not be written"},
    {"3", "internal error"},
    {"130, 143, 129", "interrupted by SIGINT, SIGTERM, SIGHUP (--events not written)"},
    {NULL, NULL},
};

const cli_command cli_monitor = {
    .name = "monitor",
    .summary = "watch live contact samples (CSV or JSON lines) for harm, as a robot would",
    .synopsis = synopsis,
    .description =
        "Watches contact samples for harm, as a massage robot's safety monitor would.\n"
        "Input: one sample per line, CSV (header optional: t_s,contact,region,landmark,x_m,y_m,\n"
        "force_N,shear_N,velocity_m_per_s,area_m2,contact_type) or JSON objects with the same\n"
        "keys. Lines with the same t_s are one instant (contact points 0..3).\n"
        "Output: JSON lines on stdout: {\"type\":\"alarm\"...} when an alarm is raised or\n"
        "cleared, {\"type\":\"status\"...} every S seconds of sample time, and a final\n"
        "{\"type\":\"summary\"...}. Bad lines: FILE:LINE:COL: field: message on stderr.",
    .options = options,
    .noption = sizeof options / sizeof options[0],
    .operands = CLI_COMPLETE_NONE,
    .exits = exits,
    .notes = NULL,
    .run = cmd_monitor,
};

/* ---- JSON lines ------------------------------------------------------------------------------ */

static void print_json(json_t *o) {
  char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(9));
  if (s) {
    fputs(s, stdout);
    fputc('\n', stdout);
    free(s);
  }
  json_decref(o);
}

/* A finite number, or null (JSON has no infinity). */
static json_t *num(double x) {
  return isfinite(x) ? json_real(x) : json_null();
}

static const char *site_kind_name(kn_site_kind k) {
  return k == KN_SITE_NERVE ? "nerve" : k == KN_SITE_MUSCLE ? "muscle" : "region";
}

static const char *site_name(kn_site_kind k, int site) {
  if (site < 0) return "";
  if (k == KN_SITE_NERVE) return kn_atlas_nerve((size_t)site)->name;
  if (k == KN_SITE_MUSCLE) return kn_atlas_muscle((size_t)site)->name;
  return kn_atlas_region((size_t)site)->name;
}

/* ---- alarm episodes, merged as knead simulate merges its events ------------------------------ */

#define MERGE_GAP 2.0 /* s, as src/sim/events.c: a condition back within 2 s continues */

typedef struct episode {
  kn_monitor_reason reason;
  kn_site_kind kind;
  int site;
  double t_start, t_end; /* s */
  double value;          /* peak */
  int open;              /* 1 while raised; 0 once cleared (may still merge) */
  size_t open_at;        /* position in episodes.open while open */
} episode;

/* The episodes and two indexes that keep the work per sample independent of their number: the
 * latest episode of each (reason, site) and the list of open ones. */
typedef struct episodes {
  episode *v;
  size_t n, cap;
  size_t *latest;         /* (KN_MON_REASON_COUNT x nsite) index into v, or NO_EPISODE */
  size_t nsite;           /* regions, nerves and muscles of the atlas */
  size_t nregion, nnerve; /* offsets of nerves and muscles in the site numbering */
  size_t *open, nopen;    /* indices into v of the open episodes (at most latest's size) */
} episodes;

#define NO_EPISODE ((size_t)-1)

/* Allocates the indexes (before the first sample). Returns 0 or -1 (out of memory). */
static int episodes_init(episodes *e) {
  e->nregion = kn_atlas_region_count();
  e->nnerve = kn_atlas_nerve_count();
  e->nsite = e->nregion + e->nnerve + kn_atlas_muscle_count();
  size_t nkey = (size_t)KN_MON_REASON_COUNT * e->nsite;
  e->latest = malloc(nkey * sizeof *e->latest);
  e->open = malloc(nkey * sizeof *e->open);
  if (!e->latest || !e->open) return -1;
  for (size_t i = 0; i < nkey; i++)
    e->latest[i] = NO_EPISODE;
  return 0;
}

static void episodes_free(episodes *e) {
  free(e->v);
  free(e->latest);
  free(e->open);
}

/* The slot of (r, k, site) in e->latest, or NULL for a site outside the atlas. */
static size_t *episode_slot(episodes *e, kn_monitor_reason r, kn_site_kind k, int site) {
  size_t base = k == KN_SITE_REGION   ? 0
                : k == KN_SITE_NERVE  ? e->nregion
                : k == KN_SITE_MUSCLE ? e->nregion + e->nnerve
                                      : e->nsite;
  size_t limit = k == KN_SITE_REGION   ? e->nregion
                 : k == KN_SITE_NERVE  ? e->nnerve
                 : k == KN_SITE_MUSCLE ? e->nsite - e->nregion - e->nnerve
                                       : 0;
  if (site < 0 || (size_t)site >= limit || (unsigned)r >= KN_MON_REASON_COUNT) return NULL;
  return &e->latest[(size_t)r * e->nsite + base + (size_t)site];
}

static episode *episode_add(episodes *e) {
  if (e->n == e->cap) {
    size_t cap = e->cap ? 2 * e->cap : 64;
    episode *v = realloc(e->v, cap * sizeof *v);
    if (!v) return NULL;
    e->v = v;
    e->cap = cap;
  }
  return &e->v[e->n++];
}

static void episode_open(episodes *e, size_t i) {
  e->v[i].open = 1;
  e->v[i].open_at = e->nopen;
  e->open[e->nopen++] = i;
}

static void episode_close(episodes *e, size_t i) {
  size_t at = e->v[i].open_at, last = e->open[--e->nopen];
  e->open[at] = last; /* the last open one takes its place */
  e->v[last].open_at = at;
  e->v[i].open = 0;
}

static int is_condition(kn_monitor_reason r) {
  return r >= KN_MON_ISO_PRESSURE && r <= KN_MON_NERVE_ISCHAEMIA;
}
static int is_dose(kn_monitor_reason r) {
  return r >= KN_MON_NERVE_PARESTHESIA && r <= KN_MON_MUSCLE_DAMAGE;
}

/* The measure knead simulate reports for a condition, read from a site's margins. */
static double condition_value(kn_monitor_reason r, const kn_monitor_site *s) {
  switch (r) {
  case KN_MON_ISO_PRESSURE:
    return 1.0 - s->margin[KN_LIMIT_ISO_PRESSURE];
  case KN_MON_ISO_FORCE:
    return 1.0 - s->margin[KN_LIMIT_ISO_FORCE];
  case KN_MON_PAIN:
    return 1.0 - s->margin[KN_LIMIT_PAIN];
  case KN_MON_BRUISE_RISK:
    return 0.7 * (1.0 - s->margin[KN_LIMIT_BRUISE]);
  case KN_MON_NERVE_ISCHAEMIA:
    return 0.5 + 0.5 * s->margin[KN_LIMIT_NERVE_PERFUSION];
  default:
    return 0.0;
  }
}

static const char *unit_of(kn_monitor_reason r) {
  switch (r) {
  case KN_MON_PAIN:
    return "pressure/threshold";
  case KN_MON_NERVE_ISCHAEMIA:
    return "fraction";
  case KN_MON_NERVE_PARESTHESIA:
  case KN_MON_NERVE_BLOCK:
    return "ischaemic deficit";
  case KN_MON_NERVE_TRANSPORT:
  case KN_MON_NERVE_INJURY:
  case KN_MON_NERVE_SEVERE:
  case KN_MON_MUSCLE_DAMAGE:
    return "dose";
  default:
    return "ratio";
  }
}

static kn_evidence evidence_of(kn_monitor_reason r) {
  switch (r) {
  case KN_MON_BRUISE_RISK:
  case KN_MON_PAIN: /* the threshold is human data, its build-up over minutes expert opinion */
    return KN_EVIDENCE_EXPERT;
  case KN_MON_NERVE_ISCHAEMIA:
  case KN_MON_NERVE_TRANSPORT:
  case KN_MON_NERVE_INJURY:
  case KN_MON_NERVE_SEVERE:
  case KN_MON_MUSCLE_DAMAGE:
    return KN_EVIDENCE_ANIMAL;
  default:
    return KN_EVIDENCE_HUMAN;
  }
}

/* Follows one push: opens, extends, closes episodes. t_before: the previous sample's time. The
 * work is the push's events and sites times the open episodes (at most the conditions of the
 * sites loaded now), whatever the number of episodes so far. */
static int episodes_update(episodes *e, const kn_monitor_status *st, double t_before) {
  for (size_t i = 0; i < st->nevent; i++) {
    const kn_monitor_event *ev = &st->events[i];
    if (!is_condition(ev->reason) && !is_dose(ev->reason)) continue;
    size_t *slot = episode_slot(e, ev->reason, ev->site_kind, ev->site);
    if (!slot) continue;
    episode *ep = *slot == NO_EPISODE ? NULL : &e->v[*slot];
    if (ev->raised) {
      if (ep && is_condition(ev->reason) && !ep->open && t_before - ep->t_end <= MERGE_GAP) {
        episode_open(e, *slot); /* back within the merge gap: the same episode goes on */
        continue;
      }
      if (ep && ep->open) episode_close(e, *slot); /* raised twice: the old one ends here */
      if (!(ep = episode_add(e))) return -1;
      *slot = e->n - 1;
      *ep = (episode){ev->reason, ev->site_kind, ev->site, ev->t, ev->t, ev->value, 0, 0};
      if (is_condition(ev->reason)) episode_open(e, *slot);
    } else if (ep && ep->open) {
      episode_close(e, *slot);
      ep->t_end = t_before; /* the condition last held at the previous sample */
    }
  }
  /* open conditions: extend to now and follow their peak at the sites of this sample */
  for (size_t i = 0; i < e->nopen; i++) {
    episode *ep = &e->v[e->open[i]];
    ep->t_end = st->t;
    for (size_t k = 0; k < st->nsite; k++) {
      const kn_monitor_site *s = &st->sites[k];
      if (s->kind != ep->kind || s->site != ep->site) continue;
      double v = condition_value(ep->reason, s);
      if (ep->reason == KN_MON_NERVE_ISCHAEMIA ? v < ep->value : v > ep->value) ep->value = v;
    }
  }
  return 0;
}

static int cmp_episode(const void *a, const void *b) {
  const episode *x = a, *y = b;
  return (x->t_start > y->t_start) - (x->t_start < y->t_start);
}

/* Writes the episodes whole or not at all: a temporary file of its own beside path (two monitors
 * writing the same --events never share one), renamed into place. */
static int write_events(const char *path, episodes *e) {
  cli_outfile out;
  FILE *f = cli_outfile_open(&out, path);
  if (!f) return -1;
  if (e->n) qsort(e->v, e->n, sizeof *e->v, cmp_episode);
  fprintf(f, "t_start_s,t_end_s,kind,site_kind,site,action,value,unit,evidence\n");
  for (size_t i = 0; i < e->n; i++) {
    const episode *ep = &e->v[i];
    fprintf(f, "%.3f,%.3f,%s,%s,%s,-1,%.6g,%s,%s\n", ep->t_start, ep->t_end,
            kn_monitor_reason_name(ep->reason), site_kind_name(ep->kind),
            site_name(ep->kind, ep->site), ep->value, unit_of(ep->reason),
            kn_evidence_name(evidence_of(ep->reason)));
  }
  return cli_outfile_commit(&out, f);
}

/* ---- output of one push ---------------------------------------------------------------------- */

static void print_events(const kn_monitor_status *st) {
  for (size_t i = 0; i < st->nevent; i++) {
    const kn_monitor_event *ev = &st->events[i];
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("alarm"));
    json_object_set_new(o, "t_s", num(ev->t));
    json_object_set_new(o, "alarm", json_string(ev->raised ? "raised" : "cleared"));
    json_object_set_new(o, "reason", json_string(kn_monitor_reason_name(ev->reason)));
    json_object_set_new(o, "level", json_string(kn_monitor_level_name(st->level)));
    if (ev->site >= 0) {
      json_object_set_new(o, "site_kind", json_string(site_kind_name(ev->site_kind)));
      json_object_set_new(o, "site", json_string(site_name(ev->site_kind, ev->site)));
    }
    json_object_set_new(o, "value", num(ev->value));
    print_json(o);
  }
}

static void print_status(const kn_monitor_status *st) {
  json_t *o = json_object();
  json_object_set_new(o, "type", json_string("status"));
  json_object_set_new(o, "t_s", num(st->t));
  json_object_set_new(o, "level", json_string(kn_monitor_level_name(st->level)));
  json_object_set_new(o, "reason", json_string(kn_monitor_reason_name(st->reason)));
  json_object_set_new(o, "margin", num(st->margin));
  json_object_set_new(o, "margin_limit", json_string(kn_monitor_limit_name(st->margin_limit)));
  if (st->margin_site >= 0) {
    json_object_set_new(o, "margin_site_kind", json_string(site_kind_name(st->margin_site_kind)));
    json_object_set_new(o, "margin_site",
                        json_string(site_name(st->margin_site_kind, st->margin_site)));
  }
  json_object_set_new(o, "time_to_limit_s", num(st->time_to_limit));
  if (isfinite(st->time_to_limit))
    json_object_set_new(o, "time_limit", json_string(kn_monitor_limit_name(st->time_limit)));
  json_object_set_new(o, "force_N", num(st->force));
  json_object_set_new(o, "force_rate_N_per_s", num(st->force_rate));
  json_object_set_new(o, "jerk_N_per_s2", num(st->jerk));
  json_object_set_new(o, "quality", num(st->quality));
  json_t *sites = json_array();
  for (size_t i = 0; i < st->nsite; i++) {
    const kn_monitor_site *s = &st->sites[i];
    json_t *so = json_object();
    json_object_set_new(so, "site_kind", json_string(site_kind_name(s->kind)));
    json_object_set_new(so, "site", json_string(site_name(s->kind, s->site)));
    json_object_set_new(so, "load_kPa", num(s->load / 1000.0));
    json_t *mg = json_object();
    for (int l = 0; l < KN_LIMIT_COUNT; l++)
      if (s->margin[l] != 1.0 || isfinite(s->time_to_limit[l]))
        json_object_set_new(mg, kn_monitor_limit_name((kn_monitor_limit)l), num(s->margin[l]));
    json_object_set_new(so, "margin", mg);
    json_array_append_new(sites, so);
  }
  json_object_set_new(o, "sites", sites);
  print_json(o);
}

/* One alarm episode as a JSON object (owned by the caller). */
static json_t *episode_json(const episode *ep) {
  json_t *a = json_object();
  json_object_set_new(a, "reason", json_string(kn_monitor_reason_name(ep->reason)));
  json_object_set_new(a, "site_kind", json_string(site_kind_name(ep->kind)));
  json_object_set_new(a, "site", json_string(site_name(ep->kind, ep->site)));
  json_object_set_new(a, "t_start_s", num(ep->t_start));
  json_object_set_new(a, "t_end_s", num(ep->t_end));
  json_object_set_new(a, "value", num(ep->value));
  json_object_set_new(a, "unit", json_string(unit_of(ep->reason)));
  return a;
}

/* Prints o (whose "alarms" is an empty array) with the episodes of e in that array, as one line,
 * the same text print_json would give for the full object. Takes o. */
static void print_json_with_alarms(json_t *o, const episodes *e) {
  char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(9));
  json_decref(o);
  if (!s) return;
  const char *mark = "\"alarms\":[]";
  char *at = strstr(s, mark);
  if (!at) { /* cannot happen: o has the key */
    free(s);
    return;
  }
  at += strlen(mark) - 1; /* at the closing bracket */
  fwrite(s, 1, (size_t)(at - s), stdout);
  for (size_t i = 0; i < e->n; i++) {
    json_t *j = episode_json(&e->v[i]);
    char *a = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(9)) : NULL;
    json_decref(j);
    if (i) fputc(',', stdout);
    if (a) fputs(a, stdout);
    free(a);
  }
  fputs(at, stdout);
  fputc('\n', stdout);
  free(s);
}

static void print_summary(kn_monitor *mon, const episodes *e, size_t bad_lines,
                          kn_monitor_level worst) {
  const kn_monitor_totals *tot = kn_monitor_get_totals(mon);
  json_t *o = json_object();
  json_object_set_new(o, "type", json_string("summary"));
  json_object_set_new(o, "samples", json_integer((json_int_t)tot->samples));
  json_object_set_new(o, "rejected", json_integer((json_int_t)tot->rejected));
  json_object_set_new(o, "bad_lines", json_integer((json_int_t)bad_lines));
  json_object_set_new(o, "t_first_s", num(tot->t_first));
  json_object_set_new(o, "t_last_s", num(tot->t_last));
  json_object_set_new(o, "worst_level", json_string(kn_monitor_level_name(worst)));
  json_object_set_new(o, "min_margin", num(tot->min_margin));
  json_object_set_new(o, "min_margin_limit",
                      json_string(kn_monitor_limit_name(tot->min_margin_limit)));
  json_object_set_new(o, "t_limit_s", num(tot->t_limit));
  json_object_set_new(o, "t_warning_s", num(tot->t_warning));
  json_object_set_new(o, "soreness_load_s", num(tot->soreness_load));
  json_t *faults = json_object();
  for (int r = KN_MON_FAULT_NONFINITE; r < KN_MON_REASON_COUNT; r++)
    if (tot->faults[r])
      json_object_set_new(faults, kn_monitor_reason_name((kn_monitor_reason)r),
                          json_integer((json_int_t)tot->faults[r]));
  json_object_set_new(o, "faults", faults);
  /* the alarms are written one by one: a long recording may hold millions of episodes, and the
   * whole object as one JSON tree would take hundreds of bytes each */
  json_object_set_new(o, "alarms", json_array());
  json_t *nerves = json_array();
  for (size_t n = 0; n < kn_atlas_nerve_count(); n++) {
    const kn_nerve_state *s = kn_monitor_nerve_state(mon, (int)n);
    if (!(s->p_peak > 0.0)) continue;
    json_t *no = json_object();
    json_object_set_new(no, "nerve", json_string(kn_atlas_nerve(n)->name));
    json_object_set_new(no, "p_peak_mmHg", num(s->p_peak / 133.322387415));
    json_object_set_new(no, "ischaemia_peak", num(s->ischaemia_peak));
    json_object_set_new(no, "transport_dose", num(s->transport_dose));
    json_object_set_new(no, "injury_dose", num(s->injury_dose));
    json_object_set_new(no, "grade", json_string(kn_nerve_grade_name(s->grade)));
    json_array_append_new(nerves, no);
  }
  json_object_set_new(o, "nerves", nerves);
  print_json_with_alarms(o, e);
}

/* ---- lines in bounded memory ----------------------------------------------------------------- */

/* Reads lines into a fixed buffer: a line longer than KN_STREAM_LINE_MAX is read to its end but not
 * kept (a stream with no newline, such as /dev/zero, costs no more memory than a short one). */
typedef struct line_reader {
  FILE *in;
  char block[65536]; /* bytes read ahead */
  size_t pos, end;
  char line[KN_STREAM_LINE_MAX + 2]; /* the line kept, with room for a \r and one byte over */
  size_t len;                        /* bytes in line */
  int too_long;                      /* the line had more bytes than line holds */
} line_reader;

/* The next line (without its \n) into r->line / r->len / r->too_long. Returns 1, 0 at the end of
 * the input, -1 on a read error. */
static int read_line(line_reader *r) {
  r->len = 0;
  r->too_long = 0;
  int any = 0;
  for (;;) {
    if (r->pos == r->end) {
      /* a line that never ends (/dev/zero) must not keep a signal waiting */
      if (cli_interrupted()) return -1;
      r->pos = 0;
      r->end = fread(r->block, 1, sizeof r->block, r->in);
      if (r->end == 0) return ferror(r->in) ? -1 : any;
    }
    any = 1;
    const char *start = r->block + r->pos;
    const char *nl = memchr(start, '\n', r->end - r->pos);
    size_t chunk = nl ? (size_t)(nl - start) : r->end - r->pos;
    size_t room = sizeof r->line - r->len, keep = chunk < room ? chunk : room;
    memcpy(r->line + r->len, start, keep);
    r->len += keep;
    if (keep < chunk) r->too_long = 1;
    r->pos += nl ? chunk + 1 : chunk;
    if (nl) return 1;
  }
}

/* ---- the command ----------------------------------------------------------------------------- */

static int parse_seconds(const char *s, double lo, double hi, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || !(v >= lo && v <= hi)) return -1;
  *out = v;
  return 0;
}

typedef struct run {
  kn_monitor *mon;
  kn_monitor_status *st;
  episodes ep;
  double status_every, next_status;
  int quiet;
  kn_monitor_level worst;
  double t_before; /* s, previous accepted sample */
  /* the instant being gathered */
  kn_monitor_sample group[KN_MONITOR_MAX_CONTACTS];
  int have[KN_MONITOR_MAX_CONTACTS];
  int ngroup;     /* contacts 0..ngroup-1 span the instant; 0: empty */
  double t_group; /* s, its time */
} run;

static int flush(run *r) {
  if (r->ngroup == 0) return 0;
  double t = NAN; /* every line of the instant has the same time (the reader groups them so) */
  for (int i = 0; i < r->ngroup; i++)
    if (r->have[i]) t = r->group[i].t;
  for (int i = 0; i < r->ngroup; i++) /* a contact point not heard from at this time: no contact */
    if (!r->have[i]) kn_monitor_sample_init(&r->group[i], t);
  int rc = kn_monitor_push(r->mon, r->group, (size_t)r->ngroup, r->st);
  const kn_monitor_status *st = r->st;
  if (st->level > r->worst) r->worst = st->level;
  print_events(st);
  if (rc == KN_OK) {
    if (episodes_update(&r->ep, st, r->t_before) != 0) return -1;
    if (!r->quiet && st->t >= r->next_status) {
      print_status(st);
      r->next_status = r->status_every > 0.0 ? st->t + r->status_every : -INFINITY;
    }
    r->t_before = st->t;
  }
  r->ngroup = 0;
  memset(r->have, 0, sizeof r->have);
  return 0;
}

int cmd_monitor(int argc, char **argv) {
  const char *subject_path = NULL, *input = "-", *events_path = NULL;
  int fail_on = -1, stop_on_error = 0, quiet = 0;
  double status_every = 1.0;
  kn_monitor_config cfg;
  kn_monitor_config_default(&cfg);
  cli_parser p;
  cli_parse_begin(&p, &cli_monitor, argc, argv);
  for (;;) {
    const char *v;
    int opt = cli_next(&p, &v);
    if (opt == CLI_END) break;
    if (opt == CLI_HELP) return KN_EXIT_OK;
    if (opt == CLI_ERROR) return KN_EXIT_USAGE;
    if (opt == CLI_OPERAND)
      return cli_usage_error("monitor",
                             "unexpected argument \"%s\"; the samples come with "
                             "--input FILE; try --help",
                             v);
    if (!v && opt != 'q')
      return cli_usage_error("monitor", "%s needs a value; try --help", p.spelled);
    switch (opt) {
    case OPT_SUBJECT:
      subject_path = v;
      break;
    case 'i':
      input = v;
      break;
    case OPT_EVENTS:
      events_path = v;
      break;
    case OPT_STATUS_EVERY:
      if (parse_seconds(v, 0.0, 1e9, &status_every))
        return cli_usage_error("monitor", "--status-every needs seconds >= 0");
      break;
    case OPT_ON_ERROR:
      if (!strcmp(v, "skip"))
        stop_on_error = 0;
      else if (!strcmp(v, "fail"))
        stop_on_error = 1;
      else
        return cli_usage_error("monitor", "--on-error needs skip or fail");
      break;
    case OPT_FAIL_ON:
      fail_on = !strcmp(v, "warning") ? KN_MON_WARNING
                : !strcmp(v, "limit") ? KN_MON_LIMIT
                : !strcmp(v, "fault") ? KN_MON_FAULT
                                      : -1;
      if (fail_on < 0) return cli_usage_error("monitor", "--fail-on needs warning, limit or fault");
      break;
    case OPT_PERIOD:
      if (parse_seconds(v, 1e-5, 1.0, &cfg.period))
        return cli_usage_error("monitor", "--period needs seconds, 1e-5..1");
      break;
    case OPT_GAP_MAX:
      if (parse_seconds(v, 0.0, 3600.0, &cfg.gap_max))
        return cli_usage_error("monitor", "--gap-max needs seconds");
      break;
    case 'q':
      quiet = 1;
      break;
    default:
      return cli_usage_error("monitor", "%s: not handled", p.spelled);
    }
  }

  if (events_path) { /* checked before the stream: never an input, a link or an empty name */
    cli_inputs inputs = {0};
    cli_inputs_add(&inputs, subject_path);
    cli_inputs_add(&inputs, strcmp(input, "-") ? input : "/dev/stdin");
    int rc = cli_output_file_check("monitor", "--events", events_path, &inputs);
    if (rc) return rc;
  }
  kn_subject subject;
  kn_diag diag;
  if (subject_path) {
    if (kn_subject_load(subject_path, &subject, &diag) != KN_OK) {
      cli_print_diag(&diag);
      return KN_EXIT_USAGE;
    }
  } else {
    kn_subject_default(&subject);
  }
  FILE *in = stdin;
  const char *in_name = "<stdin>";
  if (strcmp(input, "-")) {
    in = fopen(input, "r");
    if (!in) {
      fprintf(stderr, "%s: %s\n", input, strerror(errno));
      return KN_EXIT_USAGE;
    }
    in_name = input;
  }

  /* everything the loop needs is allocated here, before the first sample */
  kn_monitor_model *model = NULL;
  void *state = NULL;
  kn_monitor_status *st = malloc(sizeof *st);
  int exit_code = KN_EXIT_OK;
  run r = {0};
  if (kn_monitor_model_create(&subject, &model) != KN_OK || !st ||
      !(state = aligned_alloc(16, (kn_monitor_size() + 15) & ~(size_t)15))) {
    fprintf(stderr, "knead monitor: out of memory\n");
    exit_code = KN_EXIT_INTERNAL;
    goto done;
  }
  r.mon = kn_monitor_init(model, state, kn_monitor_size());
  if (!r.mon || kn_monitor_configure(r.mon, &cfg) != KN_OK) {
    fprintf(stderr, "knead monitor: --gap-max must be at least 1.5 times --period\n");
    exit_code = KN_EXIT_USAGE;
    goto done;
  }
  if (episodes_init(&r.ep)) {
    fprintf(stderr, "knead monitor: out of memory\n");
    exit_code = KN_EXIT_INTERNAL;
    goto done;
  }
  r.st = st;
  r.status_every = status_every;
  r.next_status = -INFINITY;
  r.quiet = quiet;
  r.t_before = NAN;

  kn_stream_parser parser;
  kn_stream_parser_init(&parser);
  line_reader *lr = malloc(sizeof *lr);
  if (!lr) {
    fprintf(stderr, "knead monitor: out of memory\n");
    exit_code = KN_EXIT_INTERNAL;
    goto done;
  }
  lr->in = in;
  lr->pos = lr->end = 0;
  size_t bad_lines = 0, lineno = 0;
  int got;
  while (!cli_interrupted() && (got = read_line(lr)) == 1) {
    lineno++;
    kn_monitor_sample s;
    int contact;
    kn_stream_error err;
    int rc = lr->too_long ? KN_ETOOBIG
                          : kn_stream_parse_line(&parser, lr->line, lr->len, &s, &contact, &err);
    if (lr->too_long) /* the parser's own message for a line it would refuse */
      err = (kn_stream_error){KN_STREAM_LINE_MAX + 1, "line",
                              "line longer than 4096 bytes (KN_STREAM_LINE_MAX)"};
    if (rc == 1 && r.ngroup > 0 && (s.t != r.t_group || r.have[contact])) {
      if (s.t == r.t_group) { /* one contact twice at one time: the second line is bad */
        rc = KN_EPARSE;
        err = (kn_stream_error){1, "contact", "contact point repeated at the same time"};
      } else if (flush(&r)) {
        exit_code = KN_EXIT_INTERNAL;
        break;
      }
    }
    if (rc < 0) {
      bad_lines++;
      fprintf(stderr, "%s:%zu:%d: %s: %s\n", in_name, lineno, err.col, err.field, err.message);
      if (stop_on_error) {
        exit_code = KN_EXIT_USAGE;
        break;
      }
      continue;
    }
    if (rc == 0) continue;
    r.group[contact] = s;
    r.have[contact] = 1;
    r.t_group = s.t;
    if (contact + 1 > r.ngroup) r.ngroup = contact + 1;
  }
  free(lr);
  if (cli_interrupted()) { /* nothing written: --events is written only at the end of a stream */
    exit_code = cli_interrupt_exit("monitor", "nothing written");
    goto done;
  }
  if (exit_code == KN_EXIT_OK && got < 0) {
    fprintf(stderr, "%s: read error\n", in_name);
    exit_code = KN_EXIT_USAGE;
  }
  if (exit_code == KN_EXIT_OK) {
    if (flush(&r)) exit_code = KN_EXIT_INTERNAL;
  }
  if (exit_code == KN_EXIT_OK) {
    print_summary(r.mon, &r.ep, bad_lines, r.worst);
    if (events_path && write_events(events_path, &r.ep)) {
      fprintf(stderr, "%s: could not write: %s\n", events_path, strerror(errno));
      exit_code = KN_EXIT_INTERNAL;
    }
    if (exit_code == KN_EXIT_OK && fail_on >= 0 && (int)r.worst >= fail_on)
      exit_code = KN_EXIT_HARM;
  }
  if (fflush(stdout)) exit_code = KN_EXIT_INTERNAL;
done:
  episodes_free(&r.ep);
  free(state);
  free(st);
  kn_monitor_model_free(model);
  if (in != stdin) fclose(in);
  return exit_code;
}
