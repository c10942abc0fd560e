/* SPDX-License-Identifier: Apache-2.0 */
/* Interruption: SIGINT, SIGTERM and SIGHUP only set a flag; each command checks it between steps
 * (records, subjects, lines) and cleans up in its normal control flow, so nothing unsafe runs in a
 * handler and nothing half-written is left behind. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The signal that arrived, 0 if none. The one piece of process-wide mutable state in the CLI: a
 * handler can reach nothing else. */
static volatile sig_atomic_t interrupted_by;

static void on_signal(int sig) {
  if (!interrupted_by) interrupted_by = sig;
}

void cli_signals_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  /* no SA_RESTART: a read blocked on a terminal or a pipe returns (EINTR), so a command waiting
   * for input sees the flag at once */
  sa.sa_flags = 0;
  const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old;
    /* a signal ignored by whoever started us (nohup, a shell's background job) stays ignored */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sigs[i], &sa, NULL);
  }
}

int cli_interrupted(void) {
  return interrupted_by;
}

static const char *signal_name(int sig) {
  switch (sig) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  case SIGHUP:
    return "SIGHUP";
  default:
    return "a signal";
  }
}

int cli_interrupt_exit(const char *cmd, const char *what) {
  int sig = interrupted_by;
  fprintf(stderr, "knead %s: interrupted by %s; %s\n", cmd, signal_name(sig), what);
  return 128 + sig;
}
