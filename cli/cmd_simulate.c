/* knead simulate SUBJECT SESSION [-o DIR] [--fail-on GRADE] [--quiet] */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "knead/knead.h"

static void help(FILE *out) {
  fprintf(
      out,
      "usage: knead simulate SUBJECT.yaml SESSION.yaml [-o DIR] [--fail-on GRADE] [--quiet]\n\n"
      "Runs the session on the subject and prints a summary, verdict first.\n"
      "  -o DIR           write summary.json, timeseries.csv and events.csv into DIR\n"
      "                   (written whole or not at all; an existing DIR is replaced only if\n"
      "                   knead wrote it)\n"
      "  --fail-on GRADE  exit 1 if the harm is GRADE or worse: discomfort, minor, injury, severe\n"
      "  --quiet          print nothing but errors\n"
      "exit codes: 0 ok; 1 harm at or above --fail-on; 2 bad input or usage; 3 internal error\n");
}

static void print_diag(const kn_diag *d) {
  char buf[1024];
  kn_diag_format(d, buf, sizeof buf);
  fprintf(stderr, "%s\n", buf);
}

static void progress(double fraction, void *ctx) {
  (void)ctx;
  fprintf(stderr, "\r[%-40.*s] %3.0f%%", (int)(40 * fraction),
          "########################################", 100.0 * fraction);
  if (fraction >= 1.0) fputs("\r\033[K", stderr);
}

int cmd_simulate(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *outdir = NULL;
  int npath = 0, quiet = 0, fail_on = -1;
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
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      quiet = 1;
    } else if (a[0] == '-' && a[1] != '\0') {
      return cli_usage_error("simulate", "unknown option \"%s\"; try knead simulate --help", a);
    } else if (npath < 2) {
      paths[npath++] = a;
    } else {
      return cli_usage_error("simulate", "too many arguments; try knead simulate --help");
    }
  }
  if (npath < 2) return cli_usage_error("simulate", "needs SUBJECT and SESSION files; try --help");

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
  kn_run(m, d, show ? progress : NULL, NULL);
  if (outdir) {
    if (kn_report_write(m, d, out.tmp, &diag) != KN_OK) {
      print_diag(&diag);
      cli_outdir_abort(&out);
      exit_code = KN_EXIT_INTERNAL;
      goto done;
    }
    if ((exit_code = cli_outdir_commit(&out)) != 0) goto done;
  }
  if (!quiet) {
    kn_report_text(m, d, stdout);
    if (outdir) printf("results: %s/{summary.json,timeseries.csv,events.csv}\n", outdir);
  }
  if (fail_on > 0 && (int)kn_data_outcome(m, d)->harm >= fail_on) exit_code = KN_EXIT_HARM;
done:
  kn_data_free(d);
  kn_model_free(m);
  return exit_code;
}
