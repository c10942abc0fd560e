/* SPDX-License-Identifier: Apache-2.0 */
/* The knead command: shared pieces of the subcommands. */
#ifndef KN_CLI_H
#define KN_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Exit codes (docs/cli.md). */
enum { KN_EXIT_OK = 0, KN_EXIT_HARM = 1, KN_EXIT_USAGE = 2, KN_EXIT_INTERNAL = 3 };

int cmd_simulate(int argc, char **argv);
int cmd_atlas(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_advise(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_cohort(int argc, char **argv);

/* Interruption (cli/signals.c). SIGINT, SIGTERM and SIGHUP set a flag and nothing else; every
 * command calls cli_signals_install first, checks cli_interrupted() between steps, cleans up and
 * returns cli_interrupt_exit(): 128 + the signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP). */
void cli_signals_install(void);
/* The signal that arrived since cli_signals_install, 0 if none. */
int cli_interrupted(void);
/* Prints "knead CMD: interrupted by SIG; WHAT" (one line) and returns 128 + the signal. */
int cli_interrupt_exit(const char *cmd, const char *what);

/* knead cohort --uncertainty: the table of both intervals of a stored run with parameter draws
 * (nothing for a run without). Returns 0 or an exit code. */
int cohort_print_uncertainty(const char *db, FILE *out);
/* knead cohort --sensitivity: the Morris screening of a loaded job (job->design is set and reset
 * here), `block` subjects per parameter point. Prints the ranking; returns 0 or an exit code. */
struct kn_cohort_job;
int cohort_sensitivity(struct kn_cohort_job *job, size_t ntraj, unsigned long long block,
                       const char *spreads, int threads, int quiet, FILE *out);

/* The folder of knead's shipped data (data/populations, examples/, schema/) into buf (size bytes):
 * $KNEAD_DATA_DIR if set; the source tree when run from the build folder; <prefix>/share/knead
 * beside an installed command; else the source tree if it exists, else ".". 0, or -1 if too long.
 * (cli/datadir.c; docs/install.md) */
int cli_data_dir(char *buf, size_t size);

/* Prints "knead: <msg>" to stderr; returns KN_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);
/* Prints "knead: simulation failed at t = ... s in stage ...: <reason>" for a run whose step
 * failed (kn_data_error); returns KN_EXIT_INTERNAL. */
struct kn_data;
int cli_simulation_failed(const struct kn_data *d);

/* Text for terminals (cli/term.c). */
typedef struct kn_diag kn_diag;
/* Writes s to buf (size bytes) with control and invisible characters as escapes (kn_text_escape),
 * for printing a user-given string; returns buf. */
const char *cli_term_str(char *buf, size_t size, const char *s);
/* Prints "file:line:col: field: message" and a newline to stderr, escaped as cli_term_str. */
void cli_print_diag(const kn_diag *d);

/* The input files of a command, by device and inode, so that no output ever replaces one. */
typedef struct cli_inputs {
  size_t n;
  const char *path[8];
  dev_t dev[8];
  ino_t ino[8];
} cli_inputs;
/* Adds path (one that cannot be read is skipped: its loader reports it). */
void cli_inputs_add(cli_inputs *in, const char *path);

/* The marker file in every folder knead writes: it lists the files knead wrote there. A folder is
 * knead's own (may be replaced) only when it holds the marker and nothing but the regular files
 * listed in it. */
#define CLI_MARKER ".knead-output"
/* Writes dir's marker listing the knead files in dir; 0 or -1 (errno). */
int cli_marker_write(const char *dir);
/* Adds name to dir's marker if dir has one that does not list it yet: 0, or -1 (errno). */
int cli_marker_add(const char *dir, const char *name);
/* 1 if dir has a marker that lists name. */
int cli_marker_lists(const char *dir, const char *name);

/* Checks before a run that the output file path (of option, e.g. "--trace") may be written: not
 * empty, not a symbolic link, not an input (in may be NULL), not a folder, in a folder that exists.
 * 0, or prints why and returns KN_EXIT_USAGE. */
int cli_output_file_check(const char *cmd, const char *option, const char *path,
                          const cli_inputs *in);

/* An output file written whole or not at all: a temporary file beside it, renamed at the end. */
typedef struct cli_outfile {
  char final[1024];
  char tmp[1100]; /* "" once renamed or removed */
} cli_outfile;
/* Opens the temporary file; NULL (errno) on failure. */
FILE *cli_outfile_open(cli_outfile *o, const char *path);
/* Closes f and renames it into place; 0, or -1 with the temporary file removed. */
int cli_outfile_commit(cli_outfile *o, FILE *f);
/* Closes f (may be NULL) and removes the temporary file. */
void cli_outfile_abort(cli_outfile *o, FILE *f);

/* Output folder written atomically: files go to a fresh temporary folder beside `dir`, which
 * replaces `dir` only when everything is written. */
typedef struct cli_outdir {
  char cmd[16]; /* the command, for messages */
  char final[1024];
  char tmp[1100];        /* "" once moved into place or removed */
  int ncreated;          /* parent folders this run created, removed again on abort */
  char created[8][1024]; /* deepest last */
} cli_outdir;
/* Checks before the run that `dir` may be (re)placed: a name, not a symbolic link, not a file,
 * absent, empty or knead's own, holding none of the inputs (in may be NULL); makes the temporary
 * folder. Returns 0 or prints why and returns an exit code. */
int cli_outdir_begin(cli_outdir *o, const char *cmd, const char *dir, const cli_inputs *in);
/* Writes the marker and moves the temporary folder into place; returns 0 or an exit code. */
int cli_outdir_commit(cli_outdir *o);
/* Removes the temporary folder and the parents this run created. */
void cli_outdir_abort(cli_outdir *o);

#endif
