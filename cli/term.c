/* knead — the terminal: colour (NO_COLOR), the progress line of long runs, and text. Every
 * user-given string (a name from an input file, a path from the command line, a diagnostic that
 * quotes either) passes through here on its way to stdout or
 * stderr, so a name holding "\e]0;...\a\e[2J" cannot retitle the window or clear the screen. The
 * escaping itself is the library's kn_text_escape (src/core/text.c), shared with the messages. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

int cli_color(FILE *f) {
  const char *no_color = getenv("NO_COLOR");
  return isatty(fileno(f)) && !(no_color && no_color[0]);
}

double cli_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Seconds between two lines: on a terminal the line is redrawn in place, in a file each is kept. */
#define PROGRESS_EVERY_TTY 0.2
#define PROGRESS_EVERY_FILE 1.0
#define PROGRESS_BAR 30

int cli_progress_wanted(int flag, int quiet) {
  if (quiet) return 0;
  return flag >= 0 ? flag : isatty(STDERR_FILENO);
}

void cli_progress_begin(cli_progress *p, int on, double total, const char *unit, int real_time) {
  p->on = on;
  p->tty = isatty(STDERR_FILENO);
  p->total = total;
  p->unit = unit;
  p->real_time = real_time;
  p->t0 = cli_now();
  p->last_draw = p->t0 - PROGRESS_EVERY_FILE; /* the first report is drawn at once */
}

/* "[#####     ] 812/3600 s simulated  95x real time  ETA 0m29s" */
static void progress_draw(cli_progress *p, double done, double t) {
  double elapsed = t - p->t0, rate = elapsed > 0.0 ? done / elapsed : 0.0;
  double left = rate > 0.0 ? (p->total - done) / rate : 0.0;
  double part = p->total > 0.0 ? done / p->total : 0.0;
  int fill = (int)(PROGRESS_BAR * (part < 1.0 ? part : 1.0));
  char bar[PROGRESS_BAR + 1], rate_text[48];
  for (int i = 0; i < PROGRESS_BAR; i++)
    bar[i] = i < fill ? '#' : ' ';
  bar[PROGRESS_BAR] = '\0';
  if (p->real_time)
    snprintf(rate_text, sizeof rate_text, "%.0fx real time", rate);
  else
    snprintf(rate_text, sizeof rate_text, "%.2f/s", rate);
  int min = (int)(left / 60.0), sec = (int)left % 60;
  fprintf(stderr, "%s[%s] %.0f/%.0f %s  %s  ETA %dm%02ds%s", p->tty ? "\r" : "", bar, done,
          p->total, p->unit, rate_text, min, sec, p->tty ? "\033[K" : "\n");
  fflush(stderr);
  p->last_draw = t;
}

void cli_progress_update(cli_progress *p, double done) {
  if (!p->on) return;
  double t = cli_now();
  if (t - p->last_draw >= (p->tty ? PROGRESS_EVERY_TTY : PROGRESS_EVERY_FILE))
    progress_draw(p, done, t);
}

void cli_progress_end(cli_progress *p, double done) {
  if (!p->on) return;
  if (p->tty)
    cli_progress_clear(p);
  else
    progress_draw(p, done, cli_now());
}

void cli_progress_clear(cli_progress *p) {
  if (p->on && p->tty) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
}
