/* knead report OUTDIR: writes OUTDIR/report.html from the files of an earlier run. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

static const char *const synopsis[] = {"OUTDIR", NULL};

static const cli_exit exits[] = {
    {"0", "written"},
    {"2", "bad usage, not a knead output folder (a missing or malformed file, named in\nthe "
          "message), or a report.html knead did not write"},
    {"3", "could not write"},
    {"130, 143, 129", "interrupted by SIGINT, SIGTERM, SIGHUP"},
    {NULL, NULL},
};

const cli_command cli_report = {
    .name = "report",
    .summary = "write OUTDIR/report.html from the files of a run",
    .synopsis = synopsis,
    .description =
        "Writes OUTDIR/report.html from summary.json, timeseries.csv and events.csv, written\n"
        "there by `knead simulate ... -o OUTDIR`: one self-contained page (verdict and advice,\n"
        "body map, interactive charts, every outcome with its evidence, the inputs) that opens\n"
        "in any browser without a network. `knead simulate ... -o OUTDIR --report` does the\n"
        "same in one step.\n"
        "An existing report.html is replaced only if knead wrote it (listed in .knead-output).",
    .options = NULL,
    .noption = 0,
    .operands = CLI_COMPLETE_DIR,
    .exits = exits,
    .notes = NULL,
    .run = cmd_report,
};

int cmd_report(int argc, char **argv) {
  const char *dir = NULL;
  cli_parser p;
  cli_parse_begin(&p, &cli_report, argc, argv);
  for (;;) {
    const char *v;
    int opt = cli_next(&p, &v);
    if (opt == CLI_END) break;
    if (opt == CLI_HELP) return KN_EXIT_OK;
    if (opt != CLI_OPERAND) return KN_EXIT_USAGE; /* no options: said by cli_next */
    if (dir) return cli_usage_error("report", "one folder only; try knead report --help");
    dir = v;
  }
  if (!dir) return cli_usage_error("report", "needs the folder of a run (knead simulate -o DIR)");
  /* report.html replaces only a report.html knead wrote (listed in the folder's marker) */
  char path[1100];
  struct stat st;
  snprintf(path, sizeof path, "%s/report.html", dir);
  if (!dir[0]) return cli_usage_error("report", "the folder name is empty");
  if (lstat(path, &st) == 0 && (!S_ISREG(st.st_mode) || !cli_marker_lists(dir, "report.html")))
    return cli_usage_error("report",
                           "%s: not written by knead (not listed in %s/%s); move it away "
                           "first",
                           path, dir, CLI_MARKER);
  if (cli_interrupted()) return cli_interrupt_exit("report", "nothing written");
  kn_diag diag;
  int rc = kn_report_html_write(dir, &diag);
  if (rc != KN_OK) {
    cli_print_diag(&diag);
    return rc == KN_EIO && strstr(diag.message, "cannot write") ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  if (cli_marker_add(dir, "report.html") != 0) {
    fprintf(stderr, "knead report: %s/%s: cannot update: %s\n", dir, CLI_MARKER, strerror(errno));
    return KN_EXIT_INTERNAL;
  }
  /* the page is written whole (a temporary file renamed) before a signal is seen */
  if (cli_interrupted()) return cli_interrupt_exit("report", "report.html was complete and kept");
  char shown[2048];
  printf("report: %s/report.html\n", cli_term_str(shown, sizeof shown, dir));
  return KN_EXIT_OK;
}
