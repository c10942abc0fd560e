/* SPDX-License-Identifier: Apache-2.0 */
/* Reading a whole file into memory: the one reader behind the input loaders (src/input) and the
 * report's events.csv (src/report). */
#ifndef KN_CORE_FILE_H
#define KN_CORE_FILE_H

#include <stddef.h>

/* What kn_read_file ran into. */
typedef enum kn_file_status {
  KN_FILE_OK = 0,
  KN_FILE_OPEN,   /* fopen failed (the system's errno in *err) */
  KN_FILE_READ,   /* a read failed (errno in *err) */
  KN_FILE_TOOBIG, /* more than max bytes */
  KN_FILE_NOMEM   /* out of memory */
} kn_file_status;

/* Reads the file at path, at most max bytes, and returns its text (malloc'd, NUL-terminated:
 * free() it), its length without the NUL in *len. It reads in chunks up to one byte past max, so it
 * trusts no size from stat (pipes and /proc files have none) and memory stays bounded by max. On
 * failure it returns NULL, what failed in *status and the system's errno in *err (0 if none). */
char *kn_read_file(const char *path, size_t max, size_t *len, kn_file_status *status, int *err);

#endif
