/* SPDX-License-Identifier: Apache-2.0 */
/* knead — command-line entry: dispatch to one file per subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

static void usage(FILE *out) {
  fprintf(
      out,
      "knead %s — what a massage does to the body\n\n"
      "usage: knead <command> [options]\n\n"
      "commands:\n"
      "  simulate SUBJECT SESSION [-o DIR]   run a massage session, write results\n"
      "  advise --region R --force F ...     is this plan safe? verdict, reasons, advice\n"
      "  report OUTDIR                       write OUTDIR/report.html from a run's files\n"
      "  atlas [--format md|json]            the body atlas and model parameters, with sources\n"
      "  validate [--write FILE]             run the validation cases against published data\n"
      "  monitor [--subject S] [--input F]   watch live contact samples (CSV / JSON lines)\n"
      "  cohort POP SESSION -n N -o DB       virtual cohort: incidence of harm, resumable\n\n"
      "options:\n"
      "  -h, --help      this help (also: knead <command> --help)\n"
      "  -V, --version   print the version\n\n"
      "exit codes: 0 ok; 1 harm at or above --fail-on; 2 bad input or usage; 3 internal error;\n"
      "            130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP (simulate, report, cohort,\n"
      "            monitor: nothing half-written left)\n",
      kn_version());
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return KN_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
    usage(stdout);
    return KN_EXIT_OK;
  }
  if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
    printf("knead %s\n", kn_version());
    return KN_EXIT_OK;
  }
  /* the commands that write or run long stop cleanly on SIGINT, SIGTERM and SIGHUP (they check
   * the flag); the others keep the default: the signal ends them at once, with nothing to undo */
  if (!strcmp(cmd, "simulate") || !strcmp(cmd, "report") || !strcmp(cmd, "cohort") ||
      !strcmp(cmd, "monitor"))
    cli_signals_install();
  if (!strcmp(cmd, "simulate")) return cmd_simulate(argc - 1, argv + 1);
  if (!strcmp(cmd, "advise")) return cmd_advise(argc - 1, argv + 1);
  if (!strcmp(cmd, "report")) return cmd_report(argc - 1, argv + 1);
  if (!strcmp(cmd, "atlas")) return cmd_atlas(argc - 1, argv + 1);
  if (!strcmp(cmd, "validate")) return cmd_validate(argc - 1, argv + 1);
  if (!strcmp(cmd, "monitor")) return cmd_monitor(argc - 1, argv + 1);
  if (!strcmp(cmd, "cohort")) return cmd_cohort(argc - 1, argv + 1);
  fprintf(stderr, "knead: unknown command \"%s\"; try knead --help\n", cmd);
  return KN_EXIT_USAGE;
}
