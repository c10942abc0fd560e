/* SPDX-License-Identifier: Apache-2.0 */
/* Reading a whole file into memory (core/file.h). */
#include "core/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* The first chunk: most input files and events.csv fit in it. */
#define KN_FILE_FIRST_CHUNK ((size_t)64 * 1024)

/* Frees buf, closes fp and sets *status: the common end of a failed read. */
static char *give_up(FILE *fp, char *buf, kn_file_status *status, kn_file_status why) {
  free(buf);
  fclose(fp);
  *status = why;
  return NULL;
}

char *kn_read_file(const char *path, size_t max, size_t *len, kn_file_status *status, int *err) {
  *len = 0;
  *err = 0;
  *status = KN_FILE_OK;
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    *err = errno;
    *status = KN_FILE_OPEN;
    return NULL;
  }
  size_t cap = KN_FILE_FIRST_CHUNK < max ? KN_FILE_FIRST_CHUNK : max, n = 0;
  char *buf = malloc(cap + 1);
  if (buf == NULL) return give_up(fp, buf, status, KN_FILE_NOMEM);
  while (n <= max) {
    if (n == cap) {
      size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      char *nbuf = realloc(buf, ncap + 1);
      if (nbuf == NULL) return give_up(fp, buf, status, KN_FILE_NOMEM);
      buf = nbuf;
      cap = ncap;
    }
    size_t got = fread(buf + n, 1, cap - n, fp);
    n += got;
    if (got == 0) break;
  }
  if (ferror(fp)) {
    *err = errno;
    return give_up(fp, buf, status, KN_FILE_READ);
  }
  if (n > max) return give_up(fp, buf, status, KN_FILE_TOOBIG);
  fclose(fp);
  buf[n] = '\0';
  *len = n;
  return buf;
}
