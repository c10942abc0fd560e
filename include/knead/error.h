/* SPDX-License-Identifier: Apache-2.0 */
/* knead — error codes and diagnostics.
 *
 * One list (KN_ERRNO_MAP) generates the enum, kn_strerror() and kn_errname(), so a code and its
 * text can never drift apart (the libuv way). 0 is success; every error is negative. */
#ifndef KNEAD_ERROR_H
#define KNEAD_ERROR_H

#include "knead/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X(name, value, message) */
#define KN_ERRNO_MAP(X)                                                                            \
  X(NOMEM, -1, "out of memory")                                                                    \
  X(INVAL, -2, "invalid argument")                                                                 \
  X(IO, -3, "input/output error")                                                                  \
  X(PARSE, -4, "malformed input file")                                                             \
  X(UNIT, -5, "quantity has no unit or a unit of the wrong dimension")                             \
  X(RANGE, -6, "value out of its allowed range")                                                   \
  X(UNKNOWN_KEY, -7, "unknown key")                                                                \
  X(MISSING, -8, "required field missing")                                                         \
  X(NOTFOUND, -9, "name not found")                                                                \
  X(TOOBIG, -10, "input too large")                                                                \
  X(STATE, -11, "call out of order")                                                               \
  X(INTERNAL, -12, "internal error")                                                               \
  X(NONFINITE, -13, "a simulated quantity became infinite or not a number")

typedef enum kn_errno {
  KN_OK = 0,
#define KN_ERRNO_ENUM(name, value, msg) KN_E##name = (value),
  KN_ERRNO_MAP(KN_ERRNO_ENUM)
#undef KN_ERRNO_ENUM
} kn_errno;

/* Text of an error code; never NULL (unknown codes give "unknown error"). */
KN_API const char *kn_strerror(int err);
/* Symbolic name of an error code, e.g. "KN_EUNIT"; never NULL. */
KN_API const char *kn_errname(int err);

/* Where and why input was rejected. Filled by loaders; all strings NUL-terminated.
 * line and col are 1-based; 0 means "not known". */
typedef struct kn_diag {
  int code;          /* kn_errno of the failure */
  char file[256];    /* path as given by the caller */
  int line;          /* 1-based line, 0 if none */
  int col;           /* 1-based column, 0 if none */
  char field[128];   /* dotted field path, e.g. "session.actions[2].force" */
  char message[512]; /* human text, no trailing newline */
} kn_diag;

/* Clears a diagnostic (code KN_OK, empty strings). d may be NULL. */
KN_API void kn_diag_clear(kn_diag *d);
/* Formats "file:line:col: field: message" into buf (always NUL-terminated, truncated to size).
 * Missing parts are left out. Returns the number of characters that the full text needs. */
KN_API int kn_diag_format(const kn_diag *d, char *buf, size_t size);

/* Text from users (names, paths, file contents) made safe for terminals and messages. */
/* 1 if the Unicode code point cp prints as nothing or reorders text (no-break and other spaces,
 * zero-width characters, bidirectional controls, C1 controls): shown as "<U+XXXX>". */
KN_API int kn_text_invisible(uint32_t cp);
/* Writes src (len bytes) to dst (size bytes, always NUL-terminated) with control characters as
 * \n, \t, \r or \xNN, bytes that are not UTF-8 as \xNN, invisible characters as <U+XXXX>, and
 * with quotes != 0 also " and \ as \" and \\. Stops before an escape or a character that would
 * not fit. Returns the number of bytes of src consumed. */
KN_API size_t kn_text_escape(char *dst, size_t size, const char *src, size_t len, int quotes);

#ifdef __cplusplus
}
#endif
#endif
