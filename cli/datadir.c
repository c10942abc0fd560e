/* SPDX-License-Identifier: Apache-2.0 */
/* Where knead's shipped data is: data/populations, examples/ and the schemas (issue 18). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Set by CMakeLists.txt for the knead target; a compiler without them gets "." everywhere. */
#ifndef KN_SOURCE_DIR
#define KN_SOURCE_DIR "."
#endif
#ifndef KN_BINARY_DIR
#define KN_BINARY_DIR ""
#endif
/* the installed data folder seen from the installed command's folder, e.g. "../share/knead" */
#ifndef KN_DATA_FROM_BIN
#define KN_DATA_FROM_BIN "../share/knead"
#endif

static const char build_dir[] = KN_BINARY_DIR; /* "" when unknown */

/* A folder that holds the shipped data: the population file every install has. */
static int holds_data(const char *dir) {
  char path[PATH_MAX + 64];
  struct stat st;
  if (snprintf(path, sizeof path, "%s/data/populations", dir) >= (int)sizeof path) return 0;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dir into buf; "." (and -1) if it does not fit */
static int copy_out(char *buf, size_t size, const char *dir) {
  if (snprintf(buf, size, "%s", dir) < (int)size) return 0;
  snprintf(buf, size, ".");
  return -1;
}

int cli_data_dir(char *buf, size_t size) {
  const char *env = getenv("KNEAD_DATA_DIR");
  if (env && env[0]) return copy_out(buf, size, env);

  /* the folder of the running command, symbolic links resolved (Linux: /proc/self/exe) */
  char exe[PATH_MAX] = "";
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
  }
  /* run from its build folder: the source tree it was built from */
  char build[PATH_MAX];
  if (exe[0] && build_dir[0] && realpath(build_dir, build) && !strcmp(build, exe) &&
      holds_data(KN_SOURCE_DIR))
    return copy_out(buf, size, KN_SOURCE_DIR);
  /* installed (or a copy of an installed tree, e.g. an unpacked .deb): <prefix>/share/knead */
  char installed[PATH_MAX + 64], resolved[PATH_MAX];
  if (exe[0] &&
      snprintf(installed, sizeof installed, "%s/%s", exe, KN_DATA_FROM_BIN) <
          (int)sizeof installed &&
      realpath(installed, resolved) && holds_data(resolved))
    return copy_out(buf, size, resolved);
  /* a copied command with no data beside it: the source tree if it is still there, else here */
  return copy_out(buf, size, holds_data(KN_SOURCE_DIR) ? KN_SOURCE_DIR : ".");
}
