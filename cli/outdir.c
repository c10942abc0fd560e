/* Writing an output folder so that a failed run leaves nothing behind and never destroys a folder
 * knead did not write. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "knead%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return KN_EXIT_USAGE;
}

static void remove_tree(const char *dir) {
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *e;
    char path[2048];
    while ((e = readdir(d)) != NULL) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      unlink(path); /* our folders hold only files */
    }
    closedir(d);
  }
  rmdir(dir);
}

/* The files knead writes into an output folder. */
static int knead_file(const char *name) {
  static const char *const ours[] = {"summary.json", "timeseries.csv", "events.csv", "report.html"};
  for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++)
    if (strcmp(name, ours[i]) == 0) return 1;
  return 0;
}

/* 1 if dir holds knead's files and nothing else: only then may it be replaced. Empty counts. */
static int only_knead_files(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int ok = 1;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !knead_file(e->d_name)) ok = 0;
  closedir(d);
  return ok;
}

/* Creates the missing parents of o->final (like mkdir -p), remembering them. */
static int make_parents(cli_outdir *o) {
  char path[1024];
  snprintf(path, sizeof path, "%s", o->final);
  o->ncreated = 0;
  for (char *p = path + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    struct stat st;
    if (stat(path, &st) != 0) {
      if (mkdir(path, 0777) != 0) return -1;
      if (o->ncreated < 8) snprintf(o->created[o->ncreated++], sizeof o->created[0], "%s", path);
    }
    *p = '/';
  }
  return 0;
}

int cli_outdir_begin(cli_outdir *o, const char *dir) {
  struct stat st;
  o->ncreated = 0;
  if (strlen(dir) >= sizeof o->final) return cli_usage_error("simulate", "-o: path too long");
  snprintf(o->final, sizeof o->final, "%s", dir);
  while (strlen(o->final) > 1 && o->final[strlen(o->final) - 1] == '/')
    o->final[strlen(o->final) - 1] = '\0';
  const char *base = strrchr(o->final, '/');
  base = base ? base + 1 : o->final;
  if (!strcmp(base, ".") || !strcmp(base, ".."))
    return cli_usage_error("simulate", "-o %s: name a folder of its own, e.g. %s/run1", dir, dir);
  if (stat(o->final, &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      return cli_usage_error("simulate", "%s: exists and is not a folder; choose another -o", dir);
    if (!only_knead_files(o->final))
      return cli_usage_error("simulate",
                             "%s: folder holds files knead did not write; choose another -o", dir);
  }
  snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", o->final);
  if (make_parents(o) != 0 || !mkdtemp(o->tmp)) {
    int err = errno;
    cli_outdir_abort(o);
    errno = err;
    fprintf(stderr, "knead simulate: %s: cannot create the output folder: %s\n", dir,
            strerror(errno));
    return KN_EXIT_USAGE;
  }
  /* mkdtemp makes the folder private; results are as shareable as any file the user makes */
  mode_t mask = umask(0);
  umask(mask);
  chmod(o->tmp, 0777 & ~mask);
  return 0;
}

int cli_outdir_commit(cli_outdir *o) {
  struct stat st;
  char old[1100];
  old[0] = '\0';
  if (stat(o->final, &st) == 0) {
    snprintf(old, sizeof old, "%s.old-XXXXXX", o->final);
    if (!mkdtemp(old) || rename(o->final, old) != 0) {
      if (old[0]) rmdir(old);
      fprintf(stderr, "knead simulate: %s: cannot replace: %s\n", o->final, strerror(errno));
      cli_outdir_abort(o);
      return KN_EXIT_INTERNAL;
    }
  }
  if (rename(o->tmp, o->final) != 0) {
    fprintf(stderr, "knead simulate: %s: cannot move results into place: %s\n", o->final,
            strerror(errno));
    if (old[0]) rename(old, o->final);
    cli_outdir_abort(o);
    return KN_EXIT_INTERNAL;
  }
  if (old[0]) remove_tree(old);
  return 0;
}

void cli_outdir_abort(cli_outdir *o) {
  remove_tree(o->tmp);
  while (o->ncreated > 0)
    rmdir(o->created[--o->ncreated]);
}
