/* knead simulate SUBJECT SESSION [-o DIR [--report]] [--fail-on GRADE] [--quiet] [--trace FILE]
 *                [--practitioner-percentile P | --practitioner-seed N] */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "knead/knead.h"

static void help(FILE *out) {
  fprintf(
      out,
      "usage: knead simulate SUBJECT.yaml SESSION.yaml [-o DIR [--report]] [--fail-on GRADE]\n"
      "                      [--quiet] [--trace FILE]\n"
      "                      [--practitioner-percentile P | --practitioner-seed N]\n\n"
      "Runs the session on the subject and prints a summary, verdict first.\n"
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
      "exit codes: 0 ok; 1 harm at or above --fail-on; 2 bad input or usage; 3 internal error\n");
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

/* Runs the session step by step, writing every step's contacts as knead monitor samples (CSV) to
 * path, through a temporary file renamed into place at the end. Returns 0 or an exit code. */
static int run_traced(const kn_model *m, kn_data *d, const char *path) {
  char tmp[1100];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  if (!f) {
    fprintf(stderr, "%s: %s\n", tmp, strerror(errno));
    return KN_EXIT_USAGE;
  }
  fprintf(f, "t_s,contact,region,landmark,x_m,y_m,force_N,shear_N,velocity_m_per_s,area_m2,"
             "contact_type\n");
  kn_monitor_sample s[16];
  int contact[16];
  double dt = kn_model_dt(m), step = dt;
  int more = 1;
  while (more) {
    more = kn_step(m, d);
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
  int bad = ferror(f);
  if (fclose(f) || bad || rename(tmp, path)) {
    fprintf(stderr, "%s: could not write the trace\n", path);
    remove(tmp);
    return KN_EXIT_INTERNAL;
  }
  return 0;
}

int cmd_simulate(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *outdir = NULL, *trace_path = NULL;
  int npath = 0, quiet = 0, fail_on = -1, html = 0;
  uint64_t percentile = 0, practitioner_seed = 0;
  int seeded = 0;
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
  kn_session_free(session);
  if (rc != KN_OK) {
    if (!diag.file[0]) snprintf(diag.file, sizeof diag.file, "%s", paths[1]);
    print_diag(&diag);
    return rc == KN_ENOMEM ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  if (kn_data_create(m, &d) != KN_OK) {
    kn_model_free(m);
    fprintf(stderr, "knead simulate: out of memory\n");
    return KN_EXIT_INTERNAL;
  }
  cli_outdir out;
  int exit_code = KN_EXIT_OK;
  if (outdir && (exit_code = cli_outdir_begin(&out, outdir)) != 0) goto done;

  /* a progress bar only where someone watches a run that takes a while */
  int show = !quiet && isatty(STDERR_FILENO) && kn_model_duration(m) / kn_model_dt(m) > 2e6;
  if (trace_path) {
    if ((exit_code = run_traced(m, d, trace_path)) != 0) {
      if (outdir) cli_outdir_abort(&out);
      goto done;
    }
  } else {
    kn_run(m, d, show ? progress : NULL, NULL);
  }
  if (outdir) {
    if (kn_report_write(m, d, out.tmp, &diag) != KN_OK ||
        (html && kn_report_html_write(out.tmp, &diag) != KN_OK)) {
      print_diag(&diag);
      cli_outdir_abort(&out);
      exit_code = KN_EXIT_INTERNAL;
      goto done;
    }
    if ((exit_code = cli_outdir_commit(&out)) != 0) goto done;
  }
  if (!quiet) {
    /* colour only for a person at a terminal who has not asked for none (no-color.org) */
    const char *no_color = getenv("NO_COLOR");
    kn_report_text_styled(m, d, stdout, isatty(STDOUT_FILENO) && !(no_color && no_color[0]));
    char shown[2048];
    if (outdir)
      printf("results: %s/{summary.json,timeseries.csv,events.csv%s}\n",
             cli_term_str(shown, sizeof shown, outdir), html ? ",report.html" : "");
  }
  if (fail_on > 0 && (int)kn_data_outcome(m, d)->harm >= fail_on) exit_code = KN_EXIT_HARM;
done:
  kn_data_free(d);
  kn_model_free(m);
  return exit_code;
}
