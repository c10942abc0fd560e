/* SPDX-License-Identifier: Apache-2.0 */
/* The knead command: shared pieces of the subcommands. */
#ifndef KN_CLI_H
#define KN_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Exit codes (docs/cli.md). */
enum { KN_EXIT_OK = 0, KN_EXIT_HARM = 1, KN_EXIT_USAGE = 2, KN_EXIT_INTERNAL = 3 };

/* ---- options (cli/opts.c) ----------------------------------------------------------------------
 * One table per subcommand (a cli_command, defined beside the command in cli/cmd_*.c) drives the
 * parsing (glibc getopt_long: --output=DIR, --output DIR, -o DIR, -oDIR, options before or after
 * the operands), the --help text, the man page (knead --man CMD) and the bash completion
 * (knead --completion bash): the option list is written once. */

/* What the shell offers for an option's value or a command's operands. */
typedef enum cli_complete {
  CLI_COMPLETE_NONE = 0,  /* free text: nothing */
  CLI_COMPLETE_FILE,      /* a file name */
  CLI_COMPLETE_DIR,       /* a folder name */
  CLI_COMPLETE_WORDS,     /* the option's `words` */
  CLI_COMPLETE_REGION,    /* atlas regions */
  CLI_COMPLETE_LANDMARK,  /* atlas landmarks */
  CLI_COMPLETE_MUSCLE,    /* atlas muscles */
  CLI_COMPLETE_TECHNIQUE, /* the massage techniques (contact action kinds) and advise's words */
  CLI_COMPLETE_CONTACT,   /* atlas contact types */
  CLI_COMPLETE_POSTURE,   /* postures */
  CLI_COMPLETE_PROFILE,   /* practitioner profiles and advise's words for them */
  CLI_COMPLETE_COMMAND    /* knead's subcommands */
} cli_complete;

/* A number as text, for help written at compile time: CLI_STR(KN_VALIDATION_COHORT_N) is "60". */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)

/* The id of a long-only option is CLI_LONG + its own number; an option with a short form has the
 * letter as its id. */
#define CLI_LONG 256

/* One option of a subcommand. A row with id 0 is a heading that groups the rows after it. */
typedef struct cli_option {
  int id;                /* the letter ('o' for -o) or CLI_LONG + n; 0 for a heading */
  const char *long_name; /* "output" for --output, or NULL */
  const char *value;     /* the value's name in help ("DIR"), NULL for a switch */
  cli_complete complete; /* what completion offers for the value */
  const char *words;     /* CLI_COMPLETE_WORDS: the choices, space-separated */
  const char *help;      /* what it does (lines separated by \n); a heading's title */
} cli_option;

/* One exit code of a subcommand, for its help and man page. */
typedef struct cli_exit {
  const char *code;    /* "0", or "130, 143, 129" */
  const char *meaning; /* what it says */
} cli_exit;

/* A subcommand: its texts, options and exit codes (static tables). */
typedef struct cli_command {
  const char *name;            /* "simulate" */
  const char *summary;         /* one line, for knead --help and the man page's NAME */
  const char *const *synopsis; /* usage lines after "knead NAME ", NULL-terminated */
  const char *description;     /* paragraphs separated by a blank line; "  " starts an example */
  const cli_option *options;   /* the options (-h, --help is added to every command) */
  size_t noption;              /* rows in options */
  cli_complete operands;       /* what completion offers for the operands */
  const cli_exit *exits;       /* exit codes, ended by a row with code NULL */
  const char *notes;           /* more text after the options (NULL: none) */
  void (*help_now)(FILE *out); /* what --help adds about this machine, e.g. the data folder found
                                  (not in the man page, which is written at build time); NULL */
  int (*run)(int argc, char **argv); /* the command: argv[0] is its name */
} cli_command;

/* Every subcommand, in the order of knead --help (cli/main.c); count in *n. */
const cli_command *const *cli_commands(size_t *n);
/* The subcommand called name, or NULL. */
const cli_command *cli_command_find(const char *name);

/* What cli_next returns besides an option's id. */
enum {
  CLI_END = -1,     /* no more arguments */
  CLI_OPERAND = -2, /* *value is an operand (a file, a folder) */
  CLI_HELP = -3,    /* -h or --help: the help is printed; the command returns KN_EXIT_OK */
  CLI_ERROR = -4    /* an unknown or ambiguous option: said on stderr; return KN_EXIT_USAGE */
};
/* The most options one subcommand has (with -h, --help). */
#define CLI_OPTIONS_MAX 48

/* The state of parsing one subcommand's arguments (getopt_long's tables, built from its options).
 */
typedef struct cli_parser {
  const cli_command *cmd;
  int argc;
  char **argv;
  int done;                                 /* getopt_long returned -1: the rest are operands */
  struct option longs[CLI_OPTIONS_MAX + 1]; /* getopt_long's table, ended by a zero row */
  char shorts[2 * CLI_OPTIONS_MAX + 4];     /* getopt's option string */
  char spelled[64];                         /* the last option as typed: "-o", "--output" */
} cli_parser;
/* Starts parsing argv[1..argc-1] of cmd (argv[0] is the command's name). */
void cli_parse_begin(cli_parser *p, const cli_command *cmd, int argc, char **argv);
/* The next argument: an option's id with *value its value (NULL for a switch, and NULL when an
 * option that takes a value was given none: the command says what it needs), CLI_OPERAND,
 * CLI_END, CLI_HELP or CLI_ERROR (see above). A short option's value given as -o=DIR is DIR. */
int cli_next(cli_parser *p, const char **value);

/* Prints cmd's help (usage, description, options, exit codes) to out. */
void cli_help(const cli_command *cmd, FILE *out);
/* Prints the top-level help of knead to out. */
void cli_help_top(FILE *out);
/* Prints the man page of cmd (knead-NAME(1)) in roff, or knead(1) for cmd NULL. */
void cli_man(const cli_command *cmd, FILE *out);
/* Prints the bash completion script for knead (every command, option and closed list). */
void cli_completion_bash(FILE *out);

/* ---- terminal (cli/term.c) ---------------------------------------------------------------------
 */

/* 1 if colour may be written to f: f is a terminal and NO_COLOR is unset or empty (no-color.org).
 */
int cli_color(FILE *f);

/* A progress line on stderr: done/total, rate and time left (cli/term.c). */
typedef struct cli_progress {
  int on;               /* 0: nothing is drawn */
  int tty;              /* stderr is a terminal: the line is redrawn in place */
  double total;         /* the amount of work (subjects, simulated seconds) */
  const char *unit;     /* "subjects", "s simulated" */
  int real_time;        /* the rate as a multiple of real time (simulated s per s) */
  double t0, last_draw; /* s, monotonic clock: the start and the last line drawn */
} cli_progress;
/* 1 if progress is to be shown: `flag` 1 (--progress) or 0 (--no-progress), or -1 for the default
 * (stderr is a terminal); never with quiet. */
int cli_progress_wanted(int flag, int quiet);
/* Starts a progress line (drawn only if on). */
void cli_progress_begin(cli_progress *p, int on, double total, const char *unit, int real_time);
/* Reports the work done so far; draws at most 5 times a second (once a second to a file). */
void cli_progress_update(cli_progress *p, double done);
/* The end: the last figures (kept as a line in a file; cleared on a terminal). */
void cli_progress_end(cli_progress *p, double done);
/* Clears a progress line drawn on a terminal (before a message or on interruption). */
void cli_progress_clear(cli_progress *p);
/* The monotonic clock, s. */
double cli_now(void);

/* The subcommands (cli/cmd_*.c): argv[0] is the command's name; each returns an exit code. */
int cmd_simulate(int argc, char **argv);
int cmd_atlas(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_advise(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_cohort(int argc, char **argv);
/* Their tables. */
extern const cli_command cli_simulate, cli_advise, cli_report, cli_atlas, cli_validate, cli_monitor,
    cli_cohort;

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
 * here), `block` subjects per parameter point, with a progress line if show_progress. Prints the
 * ranking; returns 0 or an exit code. */
struct kn_cohort_job;
int cohort_sensitivity(struct kn_cohort_job *job, size_t ntraj, unsigned long long block,
                       const char *spreads, int threads, int show_progress, FILE *out);

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
