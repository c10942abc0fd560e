/* SPDX-License-Identifier: Apache-2.0 */
/* knead simulate SUBJECT SESSION [-o DIR [--report]] [--fail-on GRADE] [--quiet] [--trace FILE]
 *                [--practitioner-percentile P | --practitioner-seed N]: the options' table
 * (cli_simulate) gives the parsing, the help, the man page and the completion. */
#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "knead/knead.h"

enum {
  OPT_REPORT = CLI_LONG,
  OPT_FAIL_ON,
  OPT_TRACE,
  OPT_MAX_OUTPUT,
  OPT_TIMESERIES,
  OPT_PERCENTILE,
  OPT_SEED,
  OPT_PROGRESS,
  OPT_NO_PROGRESS
};

static const cli_option options[] = {
    {'o', "output", "DIR", CLI_COMPLETE_DIR, NULL,
     "write summary.json, timeseries.csv and events.csv into DIR\n(written whole or not at "
     "all; an existing DIR is replaced only if\nknead wrote it)"},
    {OPT_REPORT, "report", NULL, CLI_COMPLETE_NONE, NULL,
     "also write DIR/report.html: verdict, advice, body map and charts in\none page that opens "
     "offline (knead report DIR does it later)"},
    {OPT_FAIL_ON, "fail-on", "GRADE", CLI_COMPLETE_WORDS, "discomfort minor injury severe",
     "exit 1 if the harm is GRADE or worse: discomfort, minor, injury, severe"},
    {'q', "quiet", NULL, CLI_COMPLETE_NONE, NULL, "print nothing but errors"},
    {OPT_PROGRESS, "progress", NULL, CLI_COMPLETE_NONE, NULL,
     "progress on stderr (simulated time done/total, rate, time left)\neven when stderr is not "
     "a terminal (then one line a second)"},
    {OPT_NO_PROGRESS, "no-progress", NULL, CLI_COMPLETE_NONE, NULL,
     "no progress; the default shows it only when stderr is a terminal"},
    {OPT_TRACE, "trace", "FILE", CLI_COMPLETE_FILE, NULL,
     "write the contact samples applied at every step to FILE in the input\nformat of knead "
     "monitor (CSV; written whole or not at all)"},
    {OPT_PERCENTILE, "practitioner-percentile", "P", CLI_COMPLETE_NONE, NULL,
     "the session's practitioner with every trait at percentile P (1..99)\nof the profile, in "
     "the harmful direction (95: a rough one); default:\nthe session's, else the median "
     "practitioner"},
    {OPT_SEED, "practitioner-seed", "N", CLI_COMPLETE_NONE, NULL,
     "a practitioner drawn at random from the profile with seed N"},
    {OPT_MAX_OUTPUT, "max-output", "SIZE", CLI_COMPLETE_NONE, NULL,
     "refuse before the run a timeseries.csv or trace projected larger\nthan SIZE (default 1GB; "
     "e.g. 5GB, 500MB)"},
    {OPT_TIMESERIES, "timeseries", "FORMAT", CLI_COMPLETE_WORDS, "csv csv.gz",
     "csv (default): DIR/timeseries.csv; csv.gz: DIR/timeseries.csv.gz, the\nsame text "
     "gzip-compressed (about a fifth of the size; pandas.read_csv and\nzcat read it as it is)"},
};

static const char *const synopsis[] = {
    "SUBJECT.yaml SESSION.yaml [-o DIR [--report]] [--fail-on GRADE]\n[--quiet] [--trace FILE] "
    "[--max-output SIZE] [--timeseries csv|csv.gz]\n[--progress | --no-progress] "
    "[--practitioner-percentile P | "
    "--practitioner-seed N]",
    NULL};

static const cli_exit exits[] = {
    {"0", "ok"},
    {"1", "the harm is at or above --fail-on (the run is complete, its results written)"},
    {"2", "bad input or usage: nothing written"},
    {"3", "internal error (out of memory, results not written, a simulation step failed):\nno "
          "partial output left"},
    {"130, 143, 129", "interrupted by SIGINT, SIGTERM, SIGHUP: nothing written"},
    {NULL, NULL},
};

const cli_command cli_simulate = {
    .name = "simulate",
    .summary = "run a massage session on a subject, print the verdict, write the results",
    .synopsis = synopsis,
    .description =
        "Reads the subject (who is massaged) and the session (what is done; YAML or JSON,\n"
        "docs/input.md), runs the session and prints a short summary, verdict first. Options\n"
        "may come before or after the files; a value may follow its option (-o DIR, --output\n"
        "DIR) or be joined to it (-oDIR, -o=DIR, --output=DIR). A session with a course:\n"
        "runs every session of it and adds the course (per session and whole) to the summary\n"
        "and to summary.json; the other outputs are its first session's.",
    .options = options,
    .noption = sizeof options / sizeof options[0],
    .operands = CLI_COMPLETE_FILE,
    .exits = exits,
    .notes = NULL,
    .run = cmd_simulate,
};

/* Reads a whole non-negative decimal integer; returns -1 if s is not one. */
static int parse_u64(const char *s, uint64_t *out) {
  char *end = NULL;
  if (s == NULL || *s < '0' || *s > '9') return -1;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end != '\0') return -1;
  *out = v;
  return 0;
}

static void print_diag(const kn_diag *d) {
  cli_print_diag(d);
}

/* The default of --max-output: the largest timeseries.csv (or trace) a run may write. */
#define MAX_OUTPUT_DEFAULT 1e9
/* Upper estimates of the bytes one value of timeseries.csv ("-1.23457e+06,") and one line of the
 * trace take, for the size projected before the run. */
#define SERIES_VALUE_BYTES 13.0
/* The same for timeseries.csv.gz: gzip shrinks the series 4 to 6 times (docs/performance.md), so
 * 13 / 3 bytes a value stays an upper estimate. */
#define SERIES_GZ_VALUE_BYTES (SERIES_VALUE_BYTES / 3.0)
#define TRACE_LINE_BYTES 120.0

/* Parses a size such as 2GB, 500M, 1e9 (bytes; K, M, G, T are powers of 1000, B optional).
 * Returns the bytes, or -1. */
static double parse_size(const char *text) {
  char *end;
  double v = strtod(text, &end);
  if (end == text || !(v > 0.0)) return -1.0;
  double unit = 1.0;
  switch (*end) {
  case 'k':
  case 'K':
    unit = 1e3, end++;
    break;
  case 'M':
    unit = 1e6, end++;
    break;
  case 'G':
    unit = 1e9, end++;
    break;
  case 'T':
    unit = 1e12, end++;
    break;
  default:
    break;
  }
  if (*end == 'B') end++;
  return *end ? -1.0 : v * unit;
}

/* A size for messages, e.g. "5.6 GB". */
static void human_size(double bytes, char *buf, size_t size) {
  if (bytes >= 1e9)
    snprintf(buf, size, "%.1f GB", bytes / 1e9);
  else if (bytes >= 1e6)
    snprintf(buf, size, "%.0f MB", bytes / 1e6);
  else
    snprintf(buf, size, "%.0f kB", bytes / 1e3);
}

/* Hands of the session: the force columns of the series. */
static size_t hand_count(const kn_model *m) {
  size_t hands = 0;
  for (size_t c = 0; c < kn_series_ncol(m); c++)
    hands += strncmp(kn_series_name(m, c), "force_hand", 10) == 0;
  return hands ? hands : 1;
}

/* Refuses before the run an output that would be larger than max_bytes, naming the session fields
 * that set its size. 0 or KN_EXIT_USAGE. */
static int check_output_size(const kn_model *m, const char *session_path, const char *file,
                             double bytes, double rows, size_t ncol, double max_bytes) {
  if (bytes <= max_bytes) return 0;
  char want[32], limit[32], raise[32];
  human_size(bytes, want, sizeof want);
  human_size(max_bytes, limit, sizeof limit);
  snprintf(raise, sizeof raise, "%.0fGB", ceil(bytes / 1e9));
  fprintf(stderr,
          "%s: record_interval, duration: %s would take about %s (%.0f rows x %zu columns over "
          "%.0f s), above the limit of %s: raise record_interval (now %g s), shorten the "
          "actions' duration, or allow it with --max-output %s\n",
          session_path, file, want, rows, ncol, kn_model_duration(m), limit,
          kn_model_session(m)->record_interval, raise);
  return KN_EXIT_USAGE;
}

/* 1 if the trace would go into the output folder (which the results replace) or be that folder. */
static int trace_in_outdir(const char *trace, const char *outdir) {
  char parent[1100];
  snprintf(parent, sizeof parent, "%s", trace);
  char *slash = strrchr(parent, '/');
  if (!slash)
    snprintf(parent, sizeof parent, ".");
  else if (slash == parent)
    parent[1] = '\0';
  else
    *slash = '\0';
  struct stat a, b;
  size_t n = strlen(outdir);
  while (n > 1 && outdir[n - 1] == '/')
    n--;
  if (strncmp(trace, outdir, n) == 0 && (trace[n] == '\0' || trace[n] == '/')) return 1;
  return stat(parent, &a) == 0 && stat(outdir, &b) == 0 && a.st_dev == b.st_dev &&
         a.st_ino == b.st_ino;
}

/* Writes this step's contacts as knead monitor samples (CSV). */
static void trace_step(const kn_model *m, const kn_data *d, FILE *f) {
  kn_monitor_sample s[16];
  int contact[16];
  double dt = kn_model_dt(m), step = dt;
  size_t n = kn_sim_contact_samples(m, d, s, contact, 16, &step);
  for (size_t i = 0; i < n; i++) {
    if (s[i].region < 0) { /* no hand on the body */
      fprintf(f, "%.6f,%d,,,,,0,,,,\n", s[i].t, contact[i]);
      continue;
    }
    const kn_contact_type *ct = kn_atlas_contact_type((size_t)s[i].contact_type);
    /* 9 significant digits: the monitor reads them back correctly rounded */
    fprintf(f, "%.6f,%d,%s,,%.9g,%.9g,%.9g,%.9g,,%.9g,%s\n", s[i].t, contact[i],
            kn_atlas_region((size_t)s[i].region)->name, s[i].x, s[i].y, s[i].force, s[i].shear,
            s[i].area, ct ? ct->name : "");
  }
  /* a longer step after the plan (nobody touching): no-contact samples on the session's grid,
   * so the trace keeps one period throughout */
  for (double t = s[0].t + dt; n && t < s[0].t + step - 0.5 * dt; t += dt)
    fprintf(f, "%.6f,0,,,,,0,,,,\n", t);
}

/* Steps between two looks at the clock for the progress line (a few microseconds each). */
#define PROGRESS_STEPS 256

/* Steps to the end, writing the trace (trace may be NULL) and the progress line (if it is on);
 * stops early when a signal arrives. Returns 1 if it ran to the end, 0 if interrupted, or the
 * negative kn_errno of a step that failed. */
static int run_session(const kn_model *m, kn_data *d, FILE *trace, cli_progress *progress) {
  if (trace)
    fprintf(trace, "t_s,contact,region,landmark,x_m,y_m,force_N,shear_N,velocity_m_per_s,"
                   "area_m2,contact_type\n");
  int more = 1;
  unsigned steps = 0;
  while (more > 0) {
    if (cli_interrupted()) return 0;
    more = kn_step(m, d);
    if (more < 0) return more;
    if (trace) trace_step(m, d, trace);
    if (progress->on && ++steps % PROGRESS_STEPS == 0)
      cli_progress_update(progress, kn_data_time(d));
  }
  return 1;
}

int cmd_simulate(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *outdir = NULL, *trace_path = NULL;
  int npath = 0, quiet = 0, fail_on = -1, html = 0;
  uint64_t percentile = 0, practitioner_seed = 0;
  int seeded = 0;
  double max_output = MAX_OUTPUT_DEFAULT;
  kn_series_format series_format = KN_SERIES_CSV;
  int progress_flag = -1;
  cli_parser p;
  cli_parse_begin(&p, &cli_simulate, argc, argv);
  for (;;) {
    const char *v;
    int opt = cli_next(&p, &v);
    if (opt == CLI_END) break;
    switch (opt) {
    case CLI_HELP:
      return KN_EXIT_OK;
    case CLI_ERROR:
      return KN_EXIT_USAGE;
    case CLI_OPERAND:
      if (npath >= 2)
        return cli_usage_error("simulate", "too many arguments; try knead simulate --help");
      paths[npath++] = v;
      break;
    case 'o':
      if (!v) return cli_usage_error("simulate", "%s needs a folder", p.spelled);
      outdir = v;
      break;
    case OPT_FAIL_ON:
      if (!v || (fail_on = kn_harm_parse(v)) < 0 || fail_on == 0)
        return cli_usage_error("simulate",
                               "--fail-on needs one of: discomfort, minor, injury, severe");
      break;
    case OPT_REPORT:
      html = 1;
      break;
    case 'q':
      quiet = 1;
      break;
    case OPT_PROGRESS:
    case OPT_NO_PROGRESS:
      progress_flag = opt == OPT_PROGRESS;
      break;
    case OPT_PERCENTILE:
      if (!v || parse_u64(v, &percentile) || percentile < 1 || percentile > 99)
        return cli_usage_error("simulate", "--practitioner-percentile needs a whole number 1..99");
      break;
    case OPT_SEED:
      if (!v || parse_u64(v, &practitioner_seed))
        return cli_usage_error("simulate", "--practitioner-seed needs a non-negative integer");
      seeded = 1;
      break;
    case OPT_TRACE:
      if (!v) return cli_usage_error("simulate", "--trace needs a file");
      trace_path = v;
      break;
    case OPT_MAX_OUTPUT:
      if (!v || (max_output = parse_size(v)) <= 0.0)
        return cli_usage_error("simulate", "--max-output needs a size, e.g. 2GB or 500MB");
      break;
    case OPT_TIMESERIES:
      if (!v || (strcmp(v, "csv") && strcmp(v, "csv.gz")))
        return cli_usage_error("simulate", "--timeseries needs csv or csv.gz");
      series_format = strcmp(v, "csv") ? KN_SERIES_CSV_GZ : KN_SERIES_CSV;
      break;
    default:
      return cli_usage_error("simulate", "%s: not handled", p.spelled);
    }
  }
  if (npath < 2) return cli_usage_error("simulate", "needs SUBJECT and SESSION files; try --help");
  if (html && !outdir) return cli_usage_error("simulate", "--report needs -o DIR to write into");
  if (html && !kn_report_html_available())
    return cli_usage_error("simulate", "--report: %s", kn_report_html_missing());
  if (percentile && seeded)
    return cli_usage_error("simulate",
                           "give --practitioner-percentile or --practitioner-seed, not both");

  kn_diag diag;
  kn_subject subject;
  kn_session *session = NULL;
  if (kn_subject_load(paths[0], &subject, &diag) != KN_OK) {
    print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  if (kn_session_load(paths[1], &session, &diag) != KN_OK) {
    print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  if (percentile || seeded) { /* the command line's practitioner replaces the session's */
    session->practitioner_percentile = (int)percentile;
    session->practitioner_seeded = seeded;
    session->practitioner_seed = practitioner_seed;
  }
  kn_model *m = NULL;
  kn_data *d = NULL;
  int rc = kn_model_create(&subject, session, &m, &diag);
  /* a course: every session run first (the outputs below are its first session's) */
  kn_course_outcome course;
  int has_course = session->course.nsession > 0;
  if (rc == KN_OK && has_course) rc = kn_course_run(&subject, session, &course, &diag);
  kn_session_free(session);
  if (rc != KN_OK) {
    if (!diag.file[0]) snprintf(diag.file, sizeof diag.file, "%s", paths[1]);
    print_diag(&diag);
    return rc == KN_ENOMEM ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  cli_outdir out;
  cli_outfile trace_out = {.tmp = ""};
  FILE *trace = NULL;
  kn_series_file *series = NULL;
  const char *series_name = kn_series_format_file(series_format);
  int exit_code = KN_EXIT_OK;
  cli_inputs inputs = {0};
  cli_inputs_add(&inputs, paths[0]);
  cli_inputs_add(&inputs, paths[1]);
  /* every output checked before the run: names, links, inputs, and the projected sizes */
  double rows = (double)kn_series_rows_max(m), ncol = (double)kn_series_ncol(m);
  double steps = kn_model_duration(m) / kn_model_dt(m);
  if (trace_path && outdir && trace_in_outdir(trace_path, outdir)) {
    kn_model_free(m);
    return cli_usage_error("simulate",
                           "--trace %s: inside the -o folder %s, which the results "
                           "replace; write the trace elsewhere",
                           trace_path, outdir);
  }
  if ((trace_path &&
       ((exit_code = cli_output_file_check("simulate", "--trace", trace_path, &inputs)) ||
        (exit_code = check_output_size(m, paths[1], "the trace",
                                       steps * (double)hand_count(m) * TRACE_LINE_BYTES, steps, 11,
                                       max_output)))) ||
      (outdir &&
       (exit_code = check_output_size(
            m, paths[1], series_name,
            rows * ncol *
                (series_format == KN_SERIES_CSV_GZ ? SERIES_GZ_VALUE_BYTES : SERIES_VALUE_BYTES),
            rows, kn_series_ncol(m), max_output)))) {
    kn_model_free(m);
    return exit_code;
  }
  if (kn_data_create(m, &d) != KN_OK) {
    kn_model_free(m);
    fprintf(stderr, "knead simulate: out of memory\n");
    return KN_EXIT_INTERNAL;
  }
  if (outdir && (exit_code = cli_outdir_begin(&out, "simulate", outdir, &inputs)) != 0) goto done;
  if (outdir) { /* the full series, streamed as the run goes: memory stays bounded */
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", out.tmp, series_name);
    if (!(series = kn_series_file_open(m, path, series_format))) {
      fprintf(stderr, "knead simulate: %s: %s\n", path, strerror(errno));
      exit_code = KN_EXIT_INTERNAL;
      goto abort;
    }
    kn_data_set_series_sink(d, kn_series_file_sink, series);
  }
  if (trace_path && !(trace = cli_outfile_open(&trace_out, trace_path))) {
    fprintf(stderr, "knead simulate: --trace %s: %s\n", trace_path, strerror(errno));
    exit_code = KN_EXIT_USAGE;
    goto abort;
  }

  /* progress where someone watches (a terminal, unless --quiet or --no-progress) */
  cli_progress progress;
  cli_progress_begin(&progress, cli_progress_wanted(progress_flag, quiet), kn_model_duration(m),
                     "s simulated", 1);
  int ran = run_session(m, d, trace, &progress);
  if (ran <= 0) {
    cli_progress_clear(&progress);
    exit_code =
        ran < 0 ? cli_simulation_failed(d) : cli_interrupt_exit("simulate", "nothing written");
    goto abort;
  }
  cli_progress_end(&progress, kn_data_time(d));
  if (series) {
    int bad = kn_series_file_close(series);
    if (bad) {
      series = NULL;
      fprintf(stderr, "knead simulate: %s/%s: could not write\n", outdir, series_name);
      exit_code = KN_EXIT_INTERNAL;
      goto abort;
    }
    series = NULL;
  }
  if (outdir && (kn_report_write(m, d, out.tmp, &diag) != KN_OK ||
                 (has_course && kn_report_course_write(&course, out.tmp, &diag) != KN_OK) ||
                 (html && kn_report_html_write(out.tmp, &diag) != KN_OK))) {
    print_diag(&diag);
    exit_code = KN_EXIT_INTERNAL;
    goto abort;
  }
  if (cli_interrupted()) { /* the last moment to stop: nothing is in place yet */
    exit_code = cli_interrupt_exit("simulate", "nothing written");
    goto abort;
  }
  if (trace) {
    FILE *f = trace;
    trace = NULL;
    if (cli_outfile_commit(&trace_out, f) != 0) {
      fprintf(stderr, "%s: could not write the trace\n", trace_path);
      exit_code = KN_EXIT_INTERNAL;
      goto abort;
    }
  }
  if (outdir && (exit_code = cli_outdir_commit(&out)) != 0) goto done;
  if (!quiet) {
    /* colour only for a person at a terminal who has not asked for none (no-color.org) */
    kn_report_text_styled(m, d, stdout, cli_color(stdout));
    if (has_course) kn_report_course_text(&course, stdout);
    char shown[2048];
    if (outdir)
      printf("results: %s/{summary.json,%s,events.csv,columns.json%s}\n",
             cli_term_str(shown, sizeof shown, outdir), series_name, html ? ",report.html" : "");
  }
  kn_harm harm = kn_data_outcome(m, d)->harm;
  if (has_course && course.harm > harm) harm = course.harm; /* the worst session of the course */
  if (fail_on > 0 && (int)harm >= fail_on) exit_code = KN_EXIT_HARM;
  goto done;
abort:
  kn_series_file_close(series);
  if (trace_path) cli_outfile_abort(&trace_out, trace);
  if (outdir) cli_outdir_abort(&out);
done:
  kn_data_free(d);
  kn_model_free(m);
  return exit_code;
}
