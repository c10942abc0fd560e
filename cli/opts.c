/* SPDX-License-Identifier: Apache-2.0 */
/* knead — options: one table per subcommand (cli_command) drives the parsing through glibc's
 * getopt_long, the --help text, the man page and the bash completion, so the option list is
 * written once (cli/cmd_*.c) and the three cannot drift apart. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

/* -h, --help: every command has it; added here so no table repeats it. */
static const cli_option help_option = {
    'h', "help", NULL, CLI_COMPLETE_NONE, NULL, "this help on stdout, exit 0"};

/* Width of the column of option names in --help. */
#define HELP_COLUMN 24

/* ---- parsing -----------------------------------------------------------------------------------
 */

static int has_short(int id) {
  return id > 0 && id < CLI_LONG;
}

void cli_parse_begin(cli_parser *p, const cli_command *cmd, int argc, char **argv) {
  memset(p, 0, sizeof *p);
  p->cmd = cmd;
  p->argc = argc;
  p->argv = argv;
  size_t nl = 0, ns = 0;
  /* '-': operands come back in order as they stand (whatever POSIXLY_CORRECT says), so options
   * may follow the files; ':': a missing value is reported as such, not as an unknown option */
  p->shorts[ns++] = '-';
  p->shorts[ns++] = ':';
  for (size_t i = 0; i <= cmd->noption && nl < CLI_OPTIONS_MAX; i++) {
    const cli_option *o = i < cmd->noption ? &cmd->options[i] : &help_option;
    if (o->id == 0) continue; /* a heading */
    if (o->long_name)
      p->longs[nl++] =
          (struct option){o->long_name, o->value ? required_argument : no_argument, NULL, o->id};
    if (has_short(o->id) && ns + 3 < sizeof p->shorts) {
      p->shorts[ns++] = (char)o->id;
      if (o->value) p->shorts[ns++] = ':';
    }
  }
  p->longs[nl] = (struct option){NULL, 0, NULL, 0};
  p->shorts[ns] = '\0';
  optind = 0; /* glibc: 0 starts a fresh scan */
  opterr = 0; /* the messages are ours */
}

static const cli_option *option_of(const cli_command *cmd, int id) {
  if (id == 'h') return &help_option;
  for (size_t i = 0; i < cmd->noption; i++)
    if (cmd->options[i].id == id) return &cmd->options[i];
  return NULL;
}

/* Long options whose names start with the `len` characters of name: how many, the first in *one. */
static int long_matches(const cli_parser *p, const char *name, size_t len, const char **one) {
  int n = 0;
  for (const struct option *l = p->longs; l->name; l++)
    if (!strncmp(l->name, name, len)) {
      if (!n) *one = l->name;
      n++;
    }
  return n;
}

/* Says what is wrong with the option getopt_long refused ('?'); returns KN_EXIT_USAGE. */
static int refused(cli_parser *p) {
  const char *cmd = p->cmd->name;
  const char *arg = optind >= 1 && optind - 1 < p->argc ? p->argv[optind - 1] : "";
  if (optopt != 0 && option_of(p->cmd, optopt)) { /* a known switch given a value: --quiet=1 */
    const cli_option *o = option_of(p->cmd, optopt);
    return cli_usage_error(cmd, "--%s takes no value; try knead %s --help", o->long_name, cmd);
  }
  if (optopt != 0) {
    char opt[3] = {'-', (char)optopt, '\0'};
    return cli_usage_error(cmd, "unknown option \"%s\"; try knead %s --help", opt, cmd);
  }
  if (!strncmp(arg, "--", 2)) { /* a long option: unknown, or the start of several */
    size_t len = strcspn(arg + 2, "=");
    const char *first = NULL;
    if (len > 0 && long_matches(p, arg + 2, len, &first) > 1) {
      char list[512] = "";
      size_t used = 0;
      for (const struct option *l = p->longs; l->name && used < sizeof list; l++)
        if (!strncmp(l->name, arg + 2, len)) {
          int n = snprintf(list + used, sizeof list - used, "%s--%s", used ? ", " : "", l->name);
          if (n > 0) used += (size_t)n;
        }
      return cli_usage_error(cmd, "ambiguous option \"%.*s\": %s", (int)(len + 2), arg, list);
    }
  }
  return cli_usage_error(cmd, "unknown option \"%s\"; try knead %s --help", arg, cmd);
}

/* Notes the option as typed, for the command's messages: "--output" or "-o". */
static void spell(cli_parser *p, int id, int as_long) {
  const cli_option *o = option_of(p->cmd, id);
  if (o && o->long_name && (as_long || !has_short(id)))
    snprintf(p->spelled, sizeof p->spelled, "--%s", o->long_name);
  else
    snprintf(p->spelled, sizeof p->spelled, "-%c", has_short(id) ? (char)id : '?');
}

int cli_next(cli_parser *p, const char **value) {
  *value = NULL;
  if (p->done) { /* after "--" (or the end): every word left is an operand */
    if (optind < p->argc) {
      *value = p->argv[optind++];
      return CLI_OPERAND;
    }
    return CLI_END;
  }
  int longindex = -1;
  int c = getopt_long(p->argc, p->argv, p->shorts, p->longs, &longindex);
  if (c == -1) {
    p->done = 1;
    return cli_next(p, value);
  }
  if (c == 1) {
    *value = optarg;
    return CLI_OPERAND;
  }
  if (c == '?') {
    refused(p);
    return CLI_ERROR;
  }
  const char *element = optind >= 1 && optind - 1 < p->argc ? p->argv[optind - 1] : "";
  if (c == ':') { /* an option that takes a value came last, without one */
    spell(p, optopt, !strncmp(element, "--", 2));
    return optopt;
  }
  spell(p, c, longindex >= 0);
  if (c == 'h') {
    cli_help(p->cmd, stdout);
    return CLI_HELP;
  }
  *value = optarg;
  /* -o=DIR: a short option's value written after '=' as people write long ones (getopt would
   * take "=DIR"); a value given apart (-o DIR) or a long one (--output=DIR) is taken as it is */
  if (optarg && longindex < 0 && optarg != element && optarg[0] == '=') *value = optarg + 1;
  return c;
}

/* ---- --help ------------------------------------------------------------------------------------
 */

/* "-o, --output DIR", "    --report" */
static void option_spec(const cli_option *o, char *buf, size_t size) {
  int n = 0;
  if (has_short(o->id) && o->long_name)
    n = snprintf(buf, size, "-%c, --%s", (char)o->id, o->long_name);
  else if (has_short(o->id))
    n = snprintf(buf, size, "-%c", (char)o->id);
  else
    n = snprintf(buf, size, "    --%s", o->long_name);
  if (o->value && n > 0 && (size_t)n < size) snprintf(buf + n, size - (size_t)n, " %s", o->value);
}

/* Prints text (lines separated by \n), each line after the first indented by `indent`. */
static void print_indented(FILE *out, const char *text, int indent) {
  for (const char *line = text; *line;) {
    size_t len = strcspn(line, "\n");
    if (line != text) fprintf(out, "%*s", indent, "");
    fprintf(out, "%.*s\n", (int)len, line);
    line += len + (line[len] == '\n');
  }
}

static void print_option(FILE *out, const cli_option *o) {
  char spec[96];
  option_spec(o, spec, sizeof spec);
  if (2 + (int)strlen(spec) + 2 > HELP_COLUMN) /* at least two blanks between name and text */
    fprintf(out, "  %s\n%*s", spec, HELP_COLUMN, "");
  else
    fprintf(out, "  %-*s", HELP_COLUMN - 2, spec);
  print_indented(out, o->help, HELP_COLUMN);
}

static void print_synopsis(const cli_command *cmd, FILE *out) {
  for (size_t i = 0; cmd->synopsis[i]; i++) {
    int lead = (int)strlen(cmd->name) + (int)strlen("usage: knead  ");
    fprintf(out, "%s knead %s ", i ? "      " : "usage:", cmd->name);
    print_indented(out, cmd->synopsis[i], lead);
  }
}

static void print_exits(const cli_exit *exits, FILE *out) {
  fprintf(out, "exit codes:\n");
  for (const cli_exit *e = exits; e->code; e++) {
    fprintf(out, "  %-14s", e->code);
    print_indented(out, e->meaning, 16);
  }
}

void cli_help(const cli_command *cmd, FILE *out) {
  print_synopsis(cmd, out);
  fprintf(out, "\n%s\n", cmd->description);
  int headed = cmd->noption > 0 && cmd->options[0].id == 0;
  if (!headed) fprintf(out, "\noptions:\n");
  for (size_t i = 0; i < cmd->noption; i++) {
    const cli_option *o = &cmd->options[i];
    if (o->id == 0)
      fprintf(out, "%s:\n", o->help);
    else
      print_option(out, o);
  }
  print_option(out, &help_option);
  if (cmd->notes) fprintf(out, "\n%s\n", cmd->notes);
  fputc('\n', out);
  print_exits(cmd->exits, out);
  if (cmd->help_now) cmd->help_now(out);
}

/* The exit codes every command shares, for knead --help and knead(1). */
static const cli_exit top_exits[] = {
    {"0", "ok"},
    {"1", "the result is bad: harm at or above --fail-on (simulate, monitor), a red case\n"
          "(validate), advice to change the plan or stop (advise)"},
    {"2", "bad input or usage: an input file refused (file:line:col: field: message),\n"
          "an unknown option, a missing argument, an output that may not be written"},
    {"3", "internal error: out of memory, results not written, a simulation step failed"},
    {"130, 143, 129", "interrupted by SIGINT, SIGTERM, SIGHUP (simulate, report, cohort,\n"
                      "monitor: nothing half-written left)"},
    {NULL, NULL},
};

void cli_help_top(FILE *out) {
  size_t n;
  const cli_command *const *cmds = cli_commands(&n);
  fprintf(out,
          "knead %s - what a massage does to the body\n\n"
          "usage: knead <command> [options] [arguments]\n"
          "       knead help <command>      (the same as knead <command> --help)\n\n"
          "commands:\n",
          kn_version());
  for (size_t i = 0; i < n; i++)
    fprintf(out, "  %-10s%s\n", cmds[i]->name, cmds[i]->summary);
  fprintf(out, "\noptions:\n"
               "  -h, --help      this help (also: knead help <command>)\n"
               "  -V, --version   print the version\n\n"
               "Colour only on a terminal and when NO_COLOR is unset or empty.\n"
               "Manual: man knead, man knead-<command>; docs/cli.md.\n\n");
  print_exits(top_exits, out);
}

/* ---- man pages ---------------------------------------------------------------------------------
 */

/* Writes text for roff: backslashes and option dashes escaped, a line start that roff would read
 * as a request guarded, characters beyond ASCII as \[uXXXX]. */
static void roff_text(FILE *out, const char *s, size_t len) {
  int line_start = 1;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (line_start && (c == '.' || c == '\'')) fputs("\\&", out);
    line_start = c == '\n';
    if (c == '\\') {
      fputs("\\e", out);
    } else if (c == '-' &&
               (i == 0 || strchr(" [(|/-,", s[i - 1]) || (i + 1 < len && s[i + 1] == '-'))) {
      fputs("\\-", out); /* an option's dash: a minus sign, never a hyphen */
    } else if (c >= 0x80) {
      unsigned cp = 0;
      int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
      cp = c & (0x3fu >> extra);
      for (int k = 0; k < extra && i + 1 < len; k++)
        cp = (cp << 6) | ((unsigned char)s[++i] & 0x3fu);
      fprintf(out, "\\[u%04X]", cp);
    } else {
      fputc(c, out);
    }
  }
}

static void roff(FILE *out, const char *s) {
  roff_text(out, s, strlen(s));
}

/* Paragraphs separated by blank lines; a block of lines starting with two spaces is an example,
 * kept as written. In an option's item (tagged) the first paragraph follows the tag and the
 * others stay indented under it. */
static void roff_paragraphs(FILE *out, const char *text, int tagged) {
  int first = 1, in_example = 0, paragraphs = 0;
  for (const char *line = text; *line;) {
    size_t len = strcspn(line, "\n");
    int example = len >= 2 && line[0] == ' ' && line[1] == ' ';
    if (len == 0) {
      if (in_example) fputs(".fi\n.RE\n", out), in_example = 0;
      first = 1;
    } else {
      if (first && (!tagged || paragraphs)) fputs(tagged ? ".IP\n" : ".PP\n", out);
      if (first) first = 0, paragraphs++;
      if (example && !in_example) fputs(".RS\n.nf\n", out), in_example = 1;
      if (!example && in_example) fputs(".fi\n.RE\n", out), in_example = 0;
      const char *start = line;
      size_t n = len;
      if (example)
        start += 2, n -= 2;
      else
        while (n && *start == ' ') /* roff starts a new line at leading blanks */
          start++, n--;
      roff_text(out, start, n);
      fputc('\n', out);
    }
    line += len + (line[len] == '\n');
  }
  if (in_example) fputs(".fi\n.RE\n", out);
}

static void man_header(FILE *out, const char *title) {
  fputs(".\\\" Generated by knead --man from the option tables of cli/cmd_*.c: do not edit.\n",
        out);
  fprintf(out, ".TH %s 1 \"\" \"knead %s\" \"knead manual\"\n", title, kn_version());
}

static void man_exits(FILE *out, const cli_exit *exits) {
  fputs(".SH EXIT STATUS\n", out);
  for (const cli_exit *e = exits; e->code; e++) {
    fputs(".TP\n\\fB", out);
    roff(out, e->code);
    fputs("\\fR\n", out);
    roff(out, e->meaning);
    fputc('\n', out);
  }
}

static void man_environment(FILE *out) {
  fputs(".SH ENVIRONMENT\n.TP\n\\fBNO_COLOR\\fR\n"
        "any value but the empty one: no colour, even on a terminal (https://no\\-color.org)\n",
        out);
}

static void man_command(const cli_command *cmd, FILE *out) {
  char title[64];
  snprintf(title, sizeof title, "KNEAD-%s", cmd->name);
  for (char *c = title; *c; c++)
    if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
  man_header(out, title);
  fprintf(out, ".SH NAME\nknead\\-%s \\- ", cmd->name);
  roff(out, cmd->summary);
  fputs("\n.SH SYNOPSIS\n.nf\n", out);
  for (size_t i = 0; cmd->synopsis[i]; i++) { /* continuation lines under the first argument */
    fprintf(out, "\\fBknead %s\\fR ", cmd->name);
    for (const char *line = cmd->synopsis[i]; *line;) {
      size_t len = strcspn(line, "\n");
      if (line != cmd->synopsis[i]) fprintf(out, "%*s", (int)strlen(cmd->name) + 7, "");
      roff_text(out, line, len);
      fputc('\n', out);
      line += len + (line[len] == '\n');
    }
  }
  fputs(".fi\n.SH DESCRIPTION\n", out);
  roff_paragraphs(out, cmd->description, 0);
  fputs(".SH OPTIONS\n", out);
  for (size_t i = 0; i <= cmd->noption; i++) {
    const cli_option *o = i < cmd->noption ? &cmd->options[i] : &help_option;
    if (o->id == 0) {
      fputs(".SS ", out);
      roff(out, o->help);
      fputc('\n', out);
      continue;
    }
    fputs(".TP\n", out);
    if (has_short(o->id)) fprintf(out, "\\fB\\-%c\\fR%s", (char)o->id, o->long_name ? ", " : "");
    if (o->long_name) {
      fputs("\\fB\\-\\-", out);
      roff(out, o->long_name);
      fputs("\\fR", out);
    }
    if (o->value) {
      fputs(" \\fI", out);
      roff(out, o->value);
      fputs("\\fR", out);
    }
    fputc('\n', out);
    roff_paragraphs(out, o->help, 1);
  }
  if (cmd->notes) {
    fputs(".SH NOTES\n", out);
    roff_paragraphs(out, cmd->notes, 0);
  }
  man_exits(out, cmd->exits);
  man_environment(out);
  fputs(".SH SEE ALSO\n\\fBknead\\fR(1); docs/cli.md and docs/input.md of the knead sources\n",
        out);
}

static void man_top(FILE *out) {
  size_t n;
  const cli_command *const *cmds = cli_commands(&n);
  man_header(out, "KNEAD");
  fputs(".SH NAME\nknead \\- what a massage does to the body\n"
        ".SH SYNOPSIS\n.nf\n\\fBknead\\fR \\fICOMMAND\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]\n"
        "\\fBknead help\\fR \\fICOMMAND\\fR\n\\fBknead\\fR \\-\\-help | \\-\\-version\n.fi\n"
        ".SH DESCRIPTION\n"
        "knead simulates what a massage does to the body: the pressure under the hands, the\n"
        "nerves, vessels and muscles beneath, pain, bruising, soreness, spasms and the whole\n"
        "body's response, each outcome with the level of evidence behind it. Each command has\n"
        "its own page; \\fBknead\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR prints the same text.\n"
        ".SH COMMANDS\n",
        out);
  for (size_t i = 0; i < n; i++) {
    fprintf(out, ".TP\n\\fBknead\\-%s\\fR(1)\n", cmds[i]->name);
    roff(out, cmds[i]->summary);
    fputc('\n', out);
  }
  fputs(".SH OPTIONS\n.TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nthe list of commands on stdout\n"
        ".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nprint the version\n",
        out);
  man_exits(out, top_exits);
  man_environment(out);
  fputs(".SH SEE ALSO\n", out);
  for (size_t i = 0; i < n; i++)
    fprintf(out, "\\fBknead\\-%s\\fR(1)%s", cmds[i]->name, i + 1 < n ? ",\n" : "\n");
}

void cli_man(const cli_command *cmd, FILE *out) {
  if (cmd)
    man_command(cmd, out);
  else
    man_top(out);
}

/* ---- bash completion ---------------------------------------------------------------------------
 */

/* The words of a closed list, space-separated, as the input files spell them. */
static void completion_words(FILE *out, cli_complete kind) {
  size_t n = 0;
  switch (kind) {
  case CLI_COMPLETE_REGION:
    for (size_t i = 0; i < kn_atlas_region_count(); i++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_atlas_region(i)->name);
    break;
  case CLI_COMPLETE_LANDMARK:
    for (size_t i = 0; i < kn_atlas_landmark_count(); i++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_atlas_landmark(i)->name);
    break;
  case CLI_COMPLETE_MUSCLE:
    for (size_t i = 0; i < kn_atlas_muscle_count(); i++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_atlas_muscle(i)->name);
    break;
  case CLI_COMPLETE_CONTACT:
    for (size_t i = 0; i < kn_atlas_contact_type_count(); i++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_atlas_contact_type(i)->name);
    break;
  case CLI_COMPLETE_TECHNIQUE: /* the actions with a contact: effleurage .. deep_stroke */
    for (int k = KN_ACT_EFFLEURAGE; k <= KN_ACT_DEEP_STROKE; k++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_action_kind_name((kn_action_kind)k));
    break;
  case CLI_COMPLETE_POSTURE:
    for (int k = KN_POSTURE_PRONE; k <= KN_POSTURE_STANDING; k++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_posture_name((kn_posture)k));
    break;
  case CLI_COMPLETE_PROFILE:
    for (int k = KN_PRACTITIONER_PROFESSIONAL; k <= KN_PRACTITIONER_ROUGH_PARTNER; k++)
      fprintf(out, "%s%s", n++ ? " " : "", kn_practitioner_name((kn_practitioner)k));
    break;
  case CLI_COMPLETE_COMMAND: {
    size_t nc;
    const cli_command *const *cmds = cli_commands(&nc);
    for (size_t i = 0; i < nc; i++)
      fprintf(out, "%s%s", n++ ? " " : "", cmds[i]->name);
    break;
  }
  default:
    break;
  }
}

/* The completion of a value: "file", "dir", "words:LIST" or "" (nothing). */
static void completion_kind(FILE *out, cli_complete kind, const char *words) {
  switch (kind) {
  case CLI_COMPLETE_NONE:
    break;
  case CLI_COMPLETE_FILE:
    fputs("file", out);
    break;
  case CLI_COMPLETE_DIR:
    fputs("dir", out);
    break;
  case CLI_COMPLETE_WORDS:
    fprintf(out, "words:%s", words ? words : "");
    break;
  default:
    fputs("words:", out);
    completion_words(out, kind);
    /* the words knead advise takes beside the files' names (cli/cmd_advise.c) */
    if (kind == CLI_COMPLETE_TECHNIQUE) fputs(" deep kneading stroking percussion press", out);
    if (kind == CLI_COMPLETE_PROFILE) fputs(" partner untrained rough therapist", out);
    if (kind == CLI_COMPLETE_REGION) fputs(" neck back shoulder", out);
    break;
  }
}

/* One command's part: a function that names the completion of the value after an option, and
 * the command's options and operands. */
static void completion_command(FILE *out, const cli_command *cmd) {
  fprintf(out, "_knead_value_%s() {\n  case \"$1\" in\n", cmd->name);
  for (size_t i = 0; i < cmd->noption; i++) {
    const cli_option *o = &cmd->options[i];
    if (o->id == 0 || !o->value) continue;
    fputs("    ", out);
    if (has_short(o->id)) fprintf(out, "-%c%s", (char)o->id, o->long_name ? "|" : "");
    if (o->long_name) fprintf(out, "--%s", o->long_name);
    fputs(") echo '", out);
    completion_kind(out, o->complete, o->words);
    fputs("' ;;\n", out);
  }
  fputs("    *) echo none ;;\n  esac\n}\n", out);
  fprintf(out, "_knead_options_%s='", cmd->name);
  for (size_t i = 0; i <= cmd->noption; i++) {
    const cli_option *o = i < cmd->noption ? &cmd->options[i] : &help_option;
    if (o->id == 0) continue;
    if (o->long_name) fprintf(out, "--%s ", o->long_name);
    if (has_short(o->id)) fprintf(out, "-%c ", (char)o->id);
  }
  fprintf(out, "'\n_knead_operands_%s='", cmd->name);
  completion_kind(out, cmd->operands, NULL);
  fputs("'\n", out);
}

void cli_completion_bash(FILE *out) {
  size_t n;
  const cli_command *const *cmds = cli_commands(&n);
  fprintf(out,
          "# bash completion for knead %s: generated by `knead --completion bash` from the\n"
          "# option tables of cli/cmd_*.c (the same text as --help and the man pages); do not "
          "edit.\n",
          kn_version());
  for (size_t i = 0; i < n; i++)
    completion_command(out, cmds[i]);
  fputs("_knead_commands='", out);
  completion_words(out, CLI_COMPLETE_COMMAND);
  fputs(" help'\n", out);
  /* COMP_WORDBREAKS usually holds '=': "--output=/tm" arrives as "--output" "=" "/tm" */
  fputs("_knead_offer() { # _knead_offer KIND CUR: fills COMPREPLY\n"
        "  local IFS=$'\\n'\n"
        "  case \"$1\" in\n"
        "    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$2\")) ;;\n"
        "    dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$2\")) ;;\n"
        "    words:*) IFS=' ' COMPREPLY=($(compgen -W \"${1#words:}\" -- \"$2\")) ;;\n"
        "    *) COMPREPLY=() ;;\n"
        "  esac\n"
        "}\n"
        "_knead() {\n"
        "  local cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd kind\n"
        "  COMPREPLY=()\n"
        "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
        "  if ((COMP_CWORD == 1)); then\n"
        "    COMPREPLY=($(compgen -W \"$_knead_commands --help --version\" -- \"$cur\"))\n"
        "    return 0\n"
        "  fi\n"
        "  cmd=${COMP_WORDS[1]}\n"
        "  if [[ $cmd == help ]]; then\n"
        "    ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W \"${_knead_commands% help}\" -- "
        "\"$cur\"))\n"
        "    return 0\n"
        "  fi\n"
        "  declare -F \"_knead_value_$cmd\" >/dev/null || return 0\n"
        "  if [[ $cur == = ]]; then\n"
        "    cur=''\n"
        "  elif [[ $prev == = ]] && ((COMP_CWORD > 2)); then\n"
        "    prev=${COMP_WORDS[COMP_CWORD - 2]}\n"
        "  elif [[ $cur == --*=* ]]; then\n"
        "    prev=${cur%%=*} cur=${cur#*=}\n"
        "  fi\n"
        "  kind=$(\"_knead_value_$cmd\" \"$prev\")\n"
        "  if [[ $kind != none ]]; then\n"
        "    _knead_offer \"$kind\" \"$cur\"\n"
        "    return 0\n"
        "  fi\n"
        "  local options=_knead_options_$cmd operands=_knead_operands_$cmd\n"
        "  if [[ $cur == -* || -z ${!operands} ]]; then\n"
        "    COMPREPLY=($(compgen -W \"${!options}\" -- \"$cur\"))\n"
        "  else\n"
        "    _knead_offer \"${!operands}\" \"$cur\"\n"
        "  fi\n"
        "  return 0\n"
        "}\n"
        "complete -F _knead knead\n",
        out);
}
