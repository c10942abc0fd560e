/* knead validate [--write FILE] [--quiet]: every validation case, model beside paper. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

static void fmt_paper(const kn_validation_result *r, char *buf, size_t n) {
  if (r->check == KN_CHECK_VALUE)
    snprintf(buf, n, "%.4g %s", r->paper, r->unit);
  else if (r->check == KN_CHECK_BAND)
    snprintf(buf, n, "%.4g..%.4g %s", r->lo, r->hi, r->unit);
  else
    snprintf(buf, n, "yes");
}

static void fmt_model(const kn_validation_result *r, char *buf, size_t n) {
  if (r->check == KN_CHECK_TRUE)
    snprintf(buf, n, "%s", r->model == 1.0 ? "yes" : "no");
  else
    snprintf(buf, n, "%.4g %s", r->model, r->unit);
}

static const char *mark(kn_verdict v) {
  static const char *const marks[] = {"green", "yellow", "**red**"};
  return (unsigned)v <= KN_VERDICT_RED ? marks[v] : "?";
}

static int write_markdown(const char *path, const kn_validation_result *rs, size_t n,
                          int counts[3]) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fprintf(f,
          "# knead — validation\n\n"
          "Written by `knead validate --write docs/validation.md` (knead %s); do not edit by "
          "hand.\n\n"
          "Each case runs the model on a published experiment or case report and compares "
          "(SCIENCE.md §6): a number is green within 10 %%, yellow within 30 %%, red beyond; a "
          "band is green inside, yellow within 30 %% of its nearer edge; a yes/no outcome is "
          "green when the model agrees with the paper. *calibrated* marks a case whose number "
          "was used to set a parameter: agreement there shows the fit, not a prediction.\n\n"
          "Summary: %d green, %d yellow, %d red of %zu cases.\n\n"
          "| case | source | what | paper | model | verdict |\n|---|---|---|---|---|---|\n",
          kn_version(), counts[0], counts[1], counts[2], n);
  for (size_t i = 0; i < n; i++) {
    const kn_validation_result *r = &rs[i];
    char p[96], m[96];
    fmt_paper(r, p, sizeof p);
    fmt_model(r, m, sizeof m);
    fprintf(f, "| `%s`%s | [%s] | %s | %s — %s | %s | %s |\n", r->id,
            r->calibrated ? " *calibrated*" : "", r->source, r->what, p, r->paper_text, m,
            mark(r->verdict));
  }
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    if (!rs[i].disagreement) continue;
    if (!any++) fprintf(f, "\n## Known disagreements\n\n");
    fprintf(f, "- `%s`: %s.\n", rs[i].id, rs[i].disagreement);
  }
  fprintf(f, "\nSources resolve in docs/model.md.\n");
  return fclose(f);
}

int cmd_validate(int argc, char **argv) {
  const char *write = NULL;
  int quiet = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      printf("usage: knead validate [--write FILE] [--quiet]\n\n"
             "Runs every validation case and prints model beside paper; --write also writes the\n"
             "table as markdown (docs/validation.md). Exit 1 if any case is red.\n");
      return KN_EXIT_OK;
    } else if (!strcmp(argv[i], "--write")) {
      if (++i >= argc) return cli_usage_error("validate", "--write needs a file");
      write = argv[i];
    } else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
      quiet = 1;
    } else {
      return cli_usage_error("validate", "unknown argument \"%s\"; try --help", argv[i]);
    }
  }
  size_t n = kn_validation_count();
  kn_validation_result rs[128];
  if (n > sizeof rs / sizeof rs[0]) n = sizeof rs / sizeof rs[0];
  int counts[3] = {0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    int rc = kn_validation_run(i, &rs[i]);
    if (rc) {
      fprintf(stderr, "knead validate: case %zu failed to run: %s\n", i, kn_strerror(rc));
      return KN_EXIT_INTERNAL;
    }
    counts[rs[i].verdict]++;
    if (!quiet) {
      char p[96], m[96];
      fmt_paper(&rs[i], p, sizeof p);
      fmt_model(&rs[i], m, sizeof m);
      printf("%-6s %-44s paper %-22s model %s\n", kn_verdict_name(rs[i].verdict), rs[i].id, p, m);
    }
  }
  printf("validation: %d green, %d yellow, %d red of %zu cases\n", counts[0], counts[1], counts[2],
         n);
  if (write && write_markdown(write, rs, n, counts) != 0) {
    char shown[2048];
    fprintf(stderr, "knead validate: cannot write %s\n", cli_term_str(shown, sizeof shown, write));
    return KN_EXIT_INTERNAL;
  }
  return counts[2] ? KN_EXIT_HARM : KN_EXIT_OK;
}
