/* The knead command: shared pieces of the subcommands. */
#ifndef KN_CLI_H
#define KN_CLI_H

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

/* Prints "knead: <msg>" to stderr; returns KN_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* Text for terminals (cli/term.c). */
typedef struct kn_diag kn_diag;
/* Writes s to buf (size bytes) with control and invisible characters as escapes (kn_text_escape),
 * for printing a user-given string; returns buf. */
const char *cli_term_str(char *buf, size_t size, const char *s);
/* Prints "file:line:col: field: message" and a newline to stderr, escaped as cli_term_str. */
void cli_print_diag(const kn_diag *d);

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
