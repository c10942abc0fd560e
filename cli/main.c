/* knead — command-line entry: dispatch to one file per subcommand. Besides the commands, hidden
 * calls the build uses (cmake/cli_docs.cmake): `knead --man [COMMAND]` prints a man page in roff,
 * `knead --completion bash` the bash completion script, both from the option tables, and
 * `knead --commands` the commands' names. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

/* In the order of knead --help and knead(1). */
static const cli_command *const commands[] = {&cli_simulate, &cli_advise,  &cli_report, &cli_atlas,
                                              &cli_validate, &cli_monitor, &cli_cohort};

const cli_command *const *cli_commands(size_t *n) {
  *n = sizeof commands / sizeof commands[0];
  return commands;
}

const cli_command *cli_command_find(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(commands[i]->name, name)) return commands[i];
  return NULL;
}

static int unknown_command(const char *name) {
  char shown[256];
  fprintf(stderr, "knead: unknown command \"%s\"; try knead --help\n",
          cli_term_str(shown, sizeof shown, name));
  return KN_EXIT_USAGE;
}

/* knead help [COMMAND]: the same text as knead --help or knead COMMAND --help. */
static int help(int argc, char **argv) {
  if (argc < 3) {
    cli_help_top(stdout);
    return KN_EXIT_OK;
  }
  if (argc > 3) return cli_usage_error("help", "one command at a time; try knead help");
  const cli_command *c = cli_command_find(argv[2]);
  if (!c) return unknown_command(argv[2]);
  cli_help(c, stdout);
  return KN_EXIT_OK;
}

/* knead --man [COMMAND], knead --completion bash, knead --commands (for the build; not in the
 * help). */
static int generated_docs(int argc, char **argv) {
  if (!strcmp(argv[1], "--commands")) { /* the names, one a line: the man pages to write */
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      printf("%s\n", commands[i]->name);
    return KN_EXIT_OK;
  }
  if (!strcmp(argv[1], "--man")) {
    const cli_command *c = argc > 2 ? cli_command_find(argv[2]) : NULL;
    if (argc > 3 || (argc == 3 && !c)) return cli_usage_error("--man", "needs no or one command");
    cli_man(c, stdout);
    return KN_EXIT_OK;
  }
  if (argc != 3 || strcmp(argv[2], "bash") != 0)
    return cli_usage_error("--completion", "the shell is bash: knead --completion bash");
  cli_completion_bash(stdout);
  return KN_EXIT_OK;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    cli_help_top(stderr);
    return KN_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
    cli_help_top(stdout);
    return KN_EXIT_OK;
  }
  if (!strcmp(cmd, "help")) return help(argc, argv);
  if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
    printf("knead %s\n", kn_version());
    return KN_EXIT_OK;
  }
  if (!strcmp(cmd, "--man") || !strcmp(cmd, "--completion") || !strcmp(cmd, "--commands"))
    return generated_docs(argc, argv);
  const cli_command *c = cli_command_find(cmd);
  if (!c) return unknown_command(cmd);
  /* the commands that write or run long stop cleanly on SIGINT, SIGTERM and SIGHUP (they check
   * the flag); the others keep the default: the signal ends them at once, with nothing to undo */
  if (!strcmp(cmd, "simulate") || !strcmp(cmd, "report") || !strcmp(cmd, "cohort") ||
      !strcmp(cmd, "monitor"))
    cli_signals_install();
  return c->run(argc - 1, argv + 1);
}
