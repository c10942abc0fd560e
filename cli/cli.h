/* The knead command: shared pieces of the subcommands. */
#ifndef KN_CLI_H
#define KN_CLI_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes (docs/cli.md). */
enum { KN_EXIT_OK = 0, KN_EXIT_HARM = 1, KN_EXIT_USAGE = 2, KN_EXIT_INTERNAL = 3 };

int cmd_simulate(int argc, char **argv);
int cmd_atlas(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_advise(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_cohort(int argc, char **argv);

/* knead cohort --uncertainty: the table of both intervals of a stored run with parameter draws
 * (nothing for a run without). Returns 0 or an exit code. */
int cohort_print_uncertainty(const char *db, FILE *out);
/* knead cohort --sensitivity: the Morris screening of a loaded job (job->design is set and reset
 * here), `block` subjects per parameter point. Prints the ranking; returns 0 or an exit code. */
struct kn_cohort_job;
int cohort_sensitivity(struct kn_cohort_job *job, size_t ntraj, unsigned long long block,
                       const char *spreads, int threads, int quiet, FILE *out);

/* Prints "knead: <msg>" to stderr; returns KN_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* Output folder written atomically: files go to a fresh temporary folder beside `dir`, which
 * replaces `dir` only when everything is written. */
typedef struct cli_outdir {
  char final[1024];
  char tmp[1100];
  int ncreated;          /* parent folders this run created, removed again on abort */
  char created[8][1024]; /* deepest last */
} cli_outdir;
/* Checks `dir` may be (re)placed and makes the temporary folder. Returns 0 or prints and returns an
 * exit code. */
int cli_outdir_begin(cli_outdir *o, const char *dir);
/* Moves the temporary folder into place; returns 0 or an exit code. */
int cli_outdir_commit(cli_outdir *o);
/* Removes the temporary folder and all in it. */
void cli_outdir_abort(cli_outdir *o);

#endif
