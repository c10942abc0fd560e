/* SPDX-License-Identifier: Apache-2.0 */
/* knead — error codes and diagnostics: texts generated from the one list in knead/error.h, and the
 * "file:line:col: field: message" formatting that every loader message goes through. */
#include "knead/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *kn_strerror(int err) {
  switch (err) {
  case KN_OK:
    return "success";
#define KN_ERRNO_TEXT(name, value, msg)                                                            \
  case KN_E##name:                                                                                 \
    return msg;
    KN_ERRNO_MAP(KN_ERRNO_TEXT)
#undef KN_ERRNO_TEXT
  default:
    return "unknown error";
  }
}

const char *kn_errname(int err) {
  switch (err) {
  case KN_OK:
    return "KN_OK";
#define KN_ERRNO_NAME(name, value, msg)                                                            \
  case KN_E##name:                                                                                 \
    return "KN_E" #name;
    KN_ERRNO_MAP(KN_ERRNO_NAME)
#undef KN_ERRNO_NAME
  default:
    return "KN_EUNKNOWN";
  }
}

void kn_diag_clear(kn_diag *d) {
  if (d == NULL) return;
  memset(d, 0, sizeof *d);
  d->code = KN_OK;
}

/* Appends to buf like snprintf, but keeps counting the full length once buf is full, so the caller
 * learns how much room the whole text needs. */
static void append(char *buf, size_t size, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t size, size_t *used, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *dst = *used < size ? buf + *used : NULL;
  size_t room = *used < size ? size - *used : 0;
  int n = vsnprintf(dst, room, fmt, ap);
  va_end(ap);
  if (n > 0) *used += (size_t)n;
}

int kn_diag_format(const kn_diag *d, char *buf, size_t size) {
  size_t used = 0;
  if (buf != NULL && size > 0)
    buf[0] = '\0';
  else
    size = 0;
  if (d == NULL) return 0;

  /* Location: "file:line:col: ", dropping the parts that are not known. */
  int have_file = d->file[0] != '\0';
  if (have_file) append(buf, size, &used, "%.*s", (int)sizeof d->file, d->file);
  if (d->line > 0) {
    append(buf, size, &used, "%s%d", have_file ? ":" : "", d->line);
    if (d->col > 0) append(buf, size, &used, ":%d", d->col);
  }
  if (have_file || d->line > 0) append(buf, size, &used, ": ");

  if (d->field[0] != '\0') append(buf, size, &used, "%.*s: ", (int)sizeof d->field, d->field);

  /* A diagnostic without its own text still says what went wrong. */
  if (d->message[0] != '\0')
    append(buf, size, &used, "%.*s", (int)sizeof d->message, d->message);
  else
    append(buf, size, &used, "%s", kn_strerror(d->code));

  if (size > 0 && used >= size) buf[size - 1] = '\0';
  return (int)used;
}
