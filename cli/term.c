/* SPDX-License-Identifier: Apache-2.0 */
/* knead — text for terminals: every user-given string (a name from an input file, a path from the
 * command line, a diagnostic that quotes either) passes through here on its way to stdout or
 * stderr, so a name holding "\e]0;...\a\e[2J" cannot retitle the window or clear the screen. The
 * escaping itself is the library's kn_text_escape (src/core/text.c), shared with the messages. */
#include "cli.h"

#include <string.h>

#include "knead/error.h"

const char *cli_term_str(char *buf, size_t size, const char *s) {
  if (size == 0) return "";
  kn_text_escape(buf, size, s ? s : "", s ? strlen(s) : 0, 0);
  return buf;
}

void cli_print_diag(const kn_diag *d) {
  char line[1024], shown[2048];
  kn_diag_format(d, line, sizeof line);
  fprintf(stderr, "%s\n", cli_term_str(shown, sizeof shown, line));
}
