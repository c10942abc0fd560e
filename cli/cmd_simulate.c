/* knead simulate SUBJECT SESSION [-o DIR [--report]] [--fail-on GRADE] [--quiet] [--trace FILE]
 *                [--practitioner-percentile P | --practitioner-seed N] */
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

static void help(FILE *out) {
  fprintf(
      out,
      "usage: knead simulate SUBJECT.yaml SESSION.yaml [-o DIR [--report]] [--fail-on GRADE]\n"
      "                      [--quiet] [--trace FILE] [--max-output SIZE]\n"
      "                      [--practitioner-percentile P | --practitioner-seed N]\n\n"
      "Runs the session on the subject and prints a summary, verdict first. A session with a\n"
      "course: runs every session of it and adds the course (per session and whole) to the\n"
      "summary and to summary.json; the other outputs are its first session's.\n"
      "  -o DIR           write summary.json, timeseries.csv and events.csv into DIR\n"
      "                   (written whole or not at all; an existing DIR is replaced only if\n"
      "                   knead wrote it)\n"
      "  --report         also write DIR/report.html: verdict, advice, body map and charts in\n"
      "                   one page that opens offline (knead report DIR does it later)\n"
      "  --fail-on GRADE  exit 1 if the harm is GRADE or worse: discomfort, minor, injury, severe\n"
      "  --quiet          print nothing but errors\n"
      "  --trace FILE     write the contact samples applied at every step to FILE in the input\n"
      "                   format of knead monitor (CSV; written whole or not at all)\n"
      "  --practitioner-percentile P\n"
      "                   the session's practitioner with every trait at percentile P (1..99)\n"
      "                   of the profile, in the harmful direction (95: a rough one); default:\n"
      "                   the session's, else the median practitioner\n"
      "  --practitioner-seed N\n"
      "                   a practitioner drawn at random from the profile with seed N\n"
      "  --max-output SIZE  refuse before the run a timeseries.csv or trace projected larger\n"
      "                   than SIZE (default 1GB; e.g. 5GB, 500MB)\n"
      "exit codes: 0 ok; 1 harm at or above --fail-on; 2 bad input or usage; 3 internal error;\n"
      "            130, 143, 129 interrupted by SIGINT, SIGTERM, SIGHUP (nothing written)\n");
}

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

static void progress(double fraction, void *ctx) {
  (void)ctx;
  fprintf(stderr, "\r[%-40.*s] %3.0f%%", (int)(40 * fraction),
          "########################################", 100.0 * fraction);
  if (fraction >= 1.0) fputs("\r\033[K", stderr);
}

/* The default of --max-output: the largest timeseries.csv (or trace) a run may write. */
#define MAX_OUTPUT_DEFAULT 1e9
/* Upper estimates of the bytes one value of timeseries.csv ("-1.23457e+06,") and one line of the
 * trace take, for the size projected before the run. */
#define SERIES_VALUE_BYTES 13.0
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

/* Steps to the end, writing the trace (trace may be NULL) and drawing a progress bar if asked;
 * stops early when a signal arrives. Returns 1 if it ran to the end, 0 if interrupted, or the
 * negative kn_errno of a step that failed. */
static int run_session(const kn_model *m, kn_data *d, FILE *trace, int show) {
  if (trace)
    fprintf(trace, "t_s,contact,region,landmark,x_m,y_m,force_N,shear_N,velocity_m_per_s,"
                   "area_m2,contact_type\n");
  double duration = kn_model_duration(m), every = duration / 100.0, next = every;
  int more = 1;
  while (more > 0) {
    if (cli_interrupted()) return 0;
    more = kn_step(m, d);
    if (more < 0) return more;
    if (trace) trace_step(m, d, trace);
    if (show && kn_data_time(d) >= next) {
      progress(kn_data_time(d) / duration, NULL);
      next += every;
    }
  }
  if (show) progress(1.0, NULL);
  return 1;
}

int cmd_simulate(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *outdir = NULL, *trace_path = NULL;
  int npath = 0, quiet = 0, fail_on = -1, html = 0;
  uint64_t percentile = 0, practitioner_seed = 0;
  int seeded = 0;
  double max_output = MAX_OUTPUT_DEFAULT;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      help(stdout);
      return KN_EXIT_OK;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (++i >= argc) return cli_usage_error("simulate", "-o needs a folder");
      outdir = argv[i];
    } else if (!strcmp(a, "--fail-on")) {
      if (++i >= argc || (fail_on = kn_harm_parse(argv[i])) < 0 || fail_on == 0)
        return cli_usage_error("simulate",
                               "--fail-on needs one of: discomfort, minor, injury, severe");
    } else if (!strcmp(a, "--report")) {
      html = 1;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      quiet = 1;
    } else if (!strcmp(a, "--practitioner-percentile")) {
      if (++i >= argc || parse_u64(argv[i], &percentile) || percentile < 1 || percentile > 99)
        return cli_usage_error("simulate", "--practitioner-percentile needs a whole number 1..99");
    } else if (!strcmp(a, "--practitioner-seed")) {
      if (++i >= argc || parse_u64(argv[i], &practitioner_seed))
        return cli_usage_error("simulate", "--practitioner-seed needs a non-negative integer");
      seeded = 1;
    } else if (!strcmp(a, "--trace")) {
      if (++i >= argc) return cli_usage_error("simulate", "--trace needs a file");
      trace_path = argv[i];
    } else if (!strcmp(a, "--max-output")) {
      if (++i >= argc || (max_output = parse_size(argv[i])) <= 0.0)
        return cli_usage_error("simulate", "--max-output needs a size, e.g. 2GB or 500MB");
    } else if (a[0] == '-' && a[1] != '\0') {
      return cli_usage_error("simulate", "unknown option \"%s\"; try knead simulate --help", a);
    } else if (npath < 2) {
      paths[npath++] = a;
    } else {
      return cli_usage_error("simulate", "too many arguments; try knead simulate --help");
    }
  }
  if (npath < 2) return cli_usage_error("simulate", "needs SUBJECT and SESSION files; try --help");
  if (html && !outdir) return cli_usage_error("simulate", "--report needs -o DIR to write into");
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
  FILE *series = NULL, *trace = NULL;
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
      (outdir && (exit_code = check_output_size(m, paths[1], "timeseries.csv",
                                                rows * ncol * SERIES_VALUE_BYTES, rows,
                                                kn_series_ncol(m), max_output)))) {
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
    snprintf(path, sizeof path, "%s/timeseries.csv", out.tmp);
    if (!(series = fopen(path, "w"))) {
      fprintf(stderr, "knead simulate: %s: %s\n", path, strerror(errno));
      exit_code = KN_EXIT_INTERNAL;
      goto abort;
    }
    kn_report_series_header(m, series);
    kn_data_set_series_sink(d, kn_report_series_sink, series);
  }
  if (trace_path && !(trace = cli_outfile_open(&trace_out, trace_path))) {
    fprintf(stderr, "knead simulate: --trace %s: %s\n", trace_path, strerror(errno));
    exit_code = KN_EXIT_USAGE;
    goto abort;
  }

  /* a progress bar only where someone watches a run that takes a while */
  int show = !quiet && isatty(STDERR_FILENO) && kn_model_duration(m) / kn_model_dt(m) > 2e6;
  int ran = run_session(m, d, trace, show);
  if (ran <= 0) {
    if (show) fputs("\r\033[K", stderr);
    exit_code =
        ran < 0 ? cli_simulation_failed(d) : cli_interrupt_exit("simulate", "nothing written");
    goto abort;
  }
  if (series) {
    int bad = ferror(series);
    if (fclose(series) != 0 || bad) {
      series = NULL;
      fprintf(stderr, "knead simulate: %s/timeseries.csv: could not write\n", outdir);
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
    const char *no_color = getenv("NO_COLOR");
    kn_report_text_styled(m, d, stdout, isatty(STDOUT_FILENO) && !(no_color && no_color[0]));
    if (has_course) kn_report_course_text(&course, stdout);
    char shown[2048];
    if (outdir)
      printf("results: %s/{summary.json,timeseries.csv,events.csv%s}\n",
             cli_term_str(shown, sizeof shown, outdir), html ? ",report.html" : "");
  }
  kn_harm harm = kn_data_outcome(m, d)->harm;
  if (has_course && course.harm > harm) harm = course.harm; /* the worst session of the course */
  if (fail_on > 0 && (int)harm >= fail_on) exit_code = KN_EXIT_HARM;
  goto done;
abort:
  if (series) fclose(series);
  if (trace_path) cli_outfile_abort(&trace_out, trace);
  if (outdir) cli_outdir_abort(&out);
done:
  kn_data_free(d);
  kn_model_free(m);
  return exit_code;
}
