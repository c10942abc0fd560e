/* SPDX-License-Identifier: Apache-2.0 */
/* Writing an output folder or file so that a failed or interrupted run leaves nothing behind, an
 * input is never overwritten, and nothing knead did not write is ever deleted.
 *
 * A folder is knead's own when it holds a regular file named .knead-output (the marker) listing
 * the files knead wrote there, and nothing else but those files, each a regular file. Only then may
 * it be replaced, and only the files it lists are deleted. */
#define _GNU_SOURCE /* renameat2: swap the new folder with the old one in one step */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "knead/sim.h"

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  /* the message may quote what the user typed (paths, option values): escaped for the terminal */
  char msg[2048], shown[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fprintf(stderr, "knead%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "",
          cli_term_str(shown, sizeof shown, msg));
  return KN_EXIT_USAGE;
}

int cli_simulation_failed(const kn_data *d) {
  char msg[512];
  kn_data_error_format(d, msg, sizeof msg);
  fprintf(stderr, "knead: %s\n", msg);
  return KN_EXIT_INTERNAL;
}

/* ---- inputs ---------------------------------------------------------------------------------- */

void cli_inputs_add(cli_inputs *in, const char *path) {
  struct stat st;
  if (!path || in->n >= sizeof in->path / sizeof in->path[0] || stat(path, &st) != 0) return;
  in->path[in->n] = path;
  in->dev[in->n] = st.st_dev;
  in->ino[in->n] = st.st_ino;
  in->n++;
}

/* The input that st is, or NULL. */
static const char *input_of(const cli_inputs *in, const struct stat *st) {
  for (size_t i = 0; in && i < in->n; i++)
    if (in->dev[i] == st->st_dev && in->ino[i] == st->st_ino) return in->path[i];
  return NULL;
}

/* ---- the marker ------------------------------------------------------------------------------ */

/* The files knead writes into an output folder: only these may ever be listed in a marker. */
static const char *const knead_files[] = {"summary.json", "timeseries.csv",    "events.csv",
                                          "report.html",  "timeseries.csv.gz", "columns.json"};
enum { KNEAD_NFILES = sizeof knead_files / sizeof knead_files[0] };

/* Bit i for knead_files[i], 0 for any other name. */
static unsigned knead_bit(const char *name) {
  for (unsigned i = 0; i < KNEAD_NFILES; i++)
    if (!strcmp(name, knead_files[i])) return 1u << i;
  return 0;
}

/* Reads the names dir's marker lists into `listed` (bit i: knead file i), or -1 if dir has no
 * marker that is a regular file. */
static int marker_read(const char *dir, unsigned *listed) {
  char path[1200], line[256];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", dir, CLI_MARKER);
  if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  *listed = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    *listed |= knead_bit(line);
  }
  fclose(f);
  return 0;
}

int cli_marker_write(const char *dir) {
  char path[1200];
  snprintf(path, sizeof path, "%s/%s", dir, CLI_MARKER);
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fputs("# knead output folder: the files below were written by knead and are replaced or deleted\n"
        "# with this folder; anything else in it makes knead leave the folder alone.\n",
        f);
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
      if (knead_bit(e->d_name)) fprintf(f, "%s\n", e->d_name);
    closedir(d);
  }
  int bad = ferror(f) || !d;
  return fclose(f) != 0 || bad ? -1 : 0;
}

int cli_marker_add(const char *dir, const char *name) {
  unsigned listed;
  if (marker_read(dir, &listed) != 0 || (listed & knead_bit(name))) return 0;
  char path[1200];
  snprintf(path, sizeof path, "%s/%s", dir, CLI_MARKER);
  FILE *f = fopen(path, "a");
  if (!f) return -1;
  fprintf(f, "%s\n", name);
  int bad = ferror(f);
  return fclose(f) != 0 || bad ? -1 : 0;
}

int cli_marker_lists(const char *dir, const char *name) {
  unsigned listed;
  return marker_read(dir, &listed) == 0 && (listed & knead_bit(name)) != 0;
}

/* 0 if dir may be replaced: empty, or marked as knead's and holding nothing but the regular files
 * its marker lists, none of them an input. Otherwise prints why (naming the entry) and returns an
 * exit code. */
static int check_owned(const char *cmd, const char *dir, const cli_inputs *in) {
  unsigned listed = 0;
  int marked = marker_read(dir, &listed) == 0;
  DIR *d = opendir(dir);
  if (!d) return cli_usage_error(cmd, "%s: cannot read the folder: %s", dir, strerror(errno));
  struct dirent *e;
  char path[2048], why[1400];
  why[0] = '\0';
  while (!why[0] && (e = readdir(d)) != NULL) {
    const char *name = e->d_name;
    if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, CLI_MARKER)) continue;
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *input = lstat(path, &st) == 0 ? input_of(in, &st) : NULL;
    if (input)
      snprintf(why, sizeof why, "holds the input file %s", input);
    else if (!marked)
      snprintf(why, sizeof why, "holds \"%.200s\" and no %s marker: knead did not write it", name,
               CLI_MARKER);
    else if (!(listed & knead_bit(name)) || !S_ISREG(st.st_mode))
      snprintf(why, sizeof why, "holds \"%.200s\", which knead did not write", name);
  }
  closedir(d);
  if (why[0]) return cli_usage_error(cmd, "%s: folder %s; choose another -o", dir, why);
  return 0;
}

/* Removes what a knead folder holds (the files its marker lists, then the marker) and the folder.
 * Returns 0, or -1 if something else was there (then that stays, with the folder). */
static int remove_owned(const char *dir) {
  unsigned listed = 0;
  char path[2048];
  if (marker_read(dir, &listed) == 0) {
    DIR *d = opendir(dir);
    if (d) {
      struct dirent *e;
      while ((e = readdir(d)) != NULL) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if ((listed & knead_bit(e->d_name)) && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
          unlink(path);
      }
      closedir(d);
    }
    snprintf(path, sizeof path, "%s/%s", dir, CLI_MARKER);
    unlink(path);
  }
  return rmdir(dir) == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes the temporary folder of this run: it holds only regular files this run wrote. */
static void remove_tmp(const char *dir) {
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *e;
    char path[2048];
    while ((e = readdir(d)) != NULL) {
      struct stat st;
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) unlink(path);
    }
    closedir(d);
  }
  rmdir(dir);
}

/* ---- checks shared by every output ----------------------------------------------------------- */

/* Refuses an empty path and a symbolic link (dangling or not: a run must never write through a
 * link to somewhere the user did not name). 0 or an exit code. */
static int check_name(const char *cmd, const char *option, const char *path) {
  struct stat st;
  if (!path[0]) return cli_usage_error(cmd, "%s: the name is empty", option);
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    struct stat target;
    if (stat(path, &target) != 0)
      return cli_usage_error(cmd, "%s %s: a symbolic link to nothing (dangling); name a real path",
                             option, path);
    return cli_usage_error(cmd, "%s %s: a symbolic link; name the %s itself", option, path,
                           S_ISDIR(target.st_mode) ? "folder" : "file");
  }
  return 0;
}

/* The folder a file would be written into exists and is writable: 0 or an exit code. */
static int check_parent(const char *cmd, const char *option, const char *path) {
  char parent[1100];
  snprintf(parent, sizeof parent, "%s", path);
  char *slash = strrchr(parent, '/');
  if (!slash)
    snprintf(parent, sizeof parent, ".");
  else if (slash == parent)
    parent[1] = '\0';
  else
    *slash = '\0';
  struct stat st;
  if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode))
    return cli_usage_error(cmd, "%s %s: the folder %s does not exist", option, path, parent);
  if (access(parent, W_OK | X_OK) != 0)
    return cli_usage_error(cmd, "%s %s: cannot write into %s: %s", option, path, parent,
                           strerror(errno));
  return 0;
}

int cli_output_file_check(const char *cmd, const char *option, const char *path,
                          const cli_inputs *in) {
  int rc = check_name(cmd, option, path);
  if (rc) return rc;
  if (strlen(path) >= 1000) return cli_usage_error(cmd, "%s: path too long", option);
  struct stat st;
  if (stat(path, &st) == 0) {
    const char *input = input_of(in, &st);
    if (input)
      return cli_usage_error(cmd, "%s %s: is the input file %s; choose another name", option, path,
                             input);
    if (!S_ISREG(st.st_mode))
      return cli_usage_error(cmd, "%s %s: exists and is not a regular file", option, path);
  }
  return check_parent(cmd, option, path);
}

/* ---- output files written whole ------------------------------------------------------------ */

FILE *cli_outfile_open(cli_outfile *o, const char *path) {
  snprintf(o->final, sizeof o->final, "%s", path);
  snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    o->tmp[0] = '\0';
    return NULL;
  }
  /* mkstemp makes the file private; a result is as shareable as any file the user makes */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE *f = fdopen(fd, "w");
  if (!f) {
    close(fd);
    unlink(o->tmp);
    o->tmp[0] = '\0';
  }
  return f;
}

int cli_outfile_commit(cli_outfile *o, FILE *f) {
  int bad = ferror(f);
  if (fclose(f) != 0 || bad || rename(o->tmp, o->final) != 0) {
    unlink(o->tmp);
    o->tmp[0] = '\0';
    return -1;
  }
  o->tmp[0] = '\0';
  return 0;
}

void cli_outfile_abort(cli_outfile *o, FILE *f) {
  if (f) fclose(f);
  if (o->tmp[0]) unlink(o->tmp);
  o->tmp[0] = '\0';
}

/* ---- output folders -------------------------------------------------------------------------- */

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
    } else if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return -1;
    }
    *p = '/';
  }
  return 0;
}

int cli_outdir_begin(cli_outdir *o, const char *cmd, const char *dir, const cli_inputs *in) {
  struct stat st;
  o->ncreated = 0;
  o->tmp[0] = '\0';
  snprintf(o->cmd, sizeof o->cmd, "%s", cmd);
  int rc = check_name(cmd, "-o", dir);
  if (rc) return rc;
  if (strlen(dir) >= sizeof o->final) return cli_usage_error(cmd, "-o: path too long");
  snprintf(o->final, sizeof o->final, "%s", dir);
  while (strlen(o->final) > 1 && o->final[strlen(o->final) - 1] == '/')
    o->final[strlen(o->final) - 1] = '\0';
  if ((rc = check_name(cmd, "-o", o->final))) return rc; /* "link/" names the link too */
  const char *base = strrchr(o->final, '/');
  base = base ? base + 1 : o->final;
  if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(o->final, "/"))
    return cli_usage_error(cmd, "-o %s: name a folder of its own, e.g. %s/run1", dir, dir);
  if (stat(o->final, &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      return cli_usage_error(cmd, "%s: exists and is not a folder; choose another -o", dir);
    if ((rc = check_owned(cmd, o->final, in))) return rc;
  }
  snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", o->final);
  if (make_parents(o) != 0 || !mkdtemp(o->tmp)) {
    int err = errno;
    o->tmp[0] = '\0';
    cli_outdir_abort(o);
    fprintf(stderr, "knead %s: %s: cannot create the output folder: %s\n", cmd, dir, strerror(err));
    return KN_EXIT_USAGE;
  }
  /* mkdtemp makes the folder private; results are as shareable as any file the user makes */
  mode_t mask = umask(0);
  umask(mask);
  chmod(o->tmp, 0777 & ~mask);
  return 0;
}

/* Without renameat2 (an old kernel or a file system without it): move the old folder aside, the
 * new one in, and remove the old one. */
static int commit_by_rename(cli_outdir *o) {
  char old[1100];
  old[0] = '\0';
  struct stat st;
  if (stat(o->final, &st) == 0) {
    snprintf(old, sizeof old, "%s.old-XXXXXX", o->final);
    if (!mkdtemp(old) || rename(o->final, old) != 0) {
      int err = errno;
      rmdir(old);
      errno = err;
      return -1;
    }
  }
  if (rename(o->tmp, o->final) != 0) {
    int err = errno;
    if (old[0]) rename(old, o->final);
    errno = err;
    return -1;
  }
  o->tmp[0] = '\0';
  if (old[0] && remove_owned(old) != 0)
    fprintf(stderr, "knead %s: kept %s: it holds files knead did not write\n", o->cmd, old);
  return 0;
}

int cli_outdir_commit(cli_outdir *o) {
  if (cli_marker_write(o->tmp) != 0) {
    fprintf(stderr, "knead %s: %s: cannot write: %s\n", o->cmd, o->tmp, strerror(errno));
    cli_outdir_abort(o);
    return KN_EXIT_INTERNAL;
  }
  /* Another run may put its folder in place at any moment: a new folder goes in only where there
   * is none, and an old one is swapped out in one step and removed by whoever swapped it out, so
   * concurrent runs end with one complete result and nothing else. */
  for (int attempt = 0; attempt < 8; attempt++) {
    if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final, RENAME_NOREPLACE) == 0) {
      o->tmp[0] = '\0';
      return 0;
    }
    if (errno == EINVAL || errno == ENOSYS) break; /* not supported here */
    if (errno != EEXIST && errno != ENOTEMPTY) goto fail;
    int rc = check_owned(o->cmd, o->final, NULL); /* it may have changed since the run began */
    if (rc) {
      cli_outdir_abort(o);
      return rc;
    }
    if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final, RENAME_EXCHANGE) == 0) {
      /* o->tmp now holds the old folder */
      if (remove_owned(o->tmp) != 0)
        fprintf(stderr, "knead %s: kept %s: it holds files knead did not write\n", o->cmd, o->tmp);
      o->tmp[0] = '\0';
      return 0;
    }
    if (errno == EINVAL || errno == ENOSYS) break;
    if (errno != ENOENT) goto fail; /* ENOENT: the old one went meanwhile; try again */
  }
  if (commit_by_rename(o) == 0) return 0;
fail:
  fprintf(stderr, "knead %s: %s: cannot move results into place: %s\n", o->cmd, o->final,
          strerror(errno));
  cli_outdir_abort(o);
  return KN_EXIT_INTERNAL;
}

void cli_outdir_abort(cli_outdir *o) {
  if (o->tmp[0]) remove_tmp(o->tmp);
  o->tmp[0] = '\0';
  while (o->ncreated > 0)
    rmdir(o->created[--o->ncreated]);
}
