/* SPDX-License-Identifier: Apache-2.0 */
/* knead — user-given text made safe to show: the one place that decides which characters a
 * message or a terminal line shows as an escape instead of the character itself.
 *
 * A name from an input file reaches terminals, logs and messages. Control characters in it could
 * drive the terminal (ESC sequences retitle the window or clear the screen), and some characters
 * are invisible: a no-break space in "40 N" made "unknown unit" point at nothing anyone could see.
 * So controls, bytes that are not UTF-8, and characters that print as nothing or reorder text are
 * written as escapes; everything else, including letters of any script, passes unchanged. */
#include "knead/error.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Decodes one UTF-8 character at s (n bytes left); returns its length, 0 if not valid UTF-8. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len = c >= 0xC2 && c <= 0xDF   ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
  if (len == 0 || n < len) return 0;
  uint32_t v = c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[k] & 0x3Fu);
  }
  /* overlong forms, surrogates and values past U+10FFFF are not UTF-8 */
  if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

int kn_text_invisible(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0xA0) || /* C1 controls, no-break space */
         cp == 0xAD || cp == 0x34F ||  /* soft hyphen, combining grapheme joiner */
         cp == 0x61C || cp == 0x115F || cp == 0x1160 || cp == 0x1680 || cp == 0x180E ||
         (cp >= 0x2000 && cp <= 0x200F) || /* spaces of other widths, zero-width, marks */
         (cp >= 0x2028 && cp <= 0x202F) || /* separators, bidirectional embeddings */
         (cp >= 0x205F && cp <= 0x206F) || /* word joiner, bidirectional isolates */
         cp == 0x3000 || cp == 0x3164 || cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFB) ||
         (cp >= 0xE0000 && cp <= 0xE007F); /* tag characters */
}

size_t kn_text_escape(char *dst, size_t size, const char *src, size_t len, int quotes) {
  size_t o = 0, i = 0;
  const unsigned char *s = (const unsigned char *)src;
  if (size == 0) return 0;
  while (i < len) {
    char esc[16];
    uint32_t cp = 0;
    size_t n = decode(s + i, len - i, &cp);
    if (n == 0) {
      snprintf(esc, sizeof esc, "\\x%02x", s[i]);
      n = 1;
    } else if (cp == '\n') {
      snprintf(esc, sizeof esc, "\\n");
    } else if (cp == '\t') {
      snprintf(esc, sizeof esc, "\\t");
    } else if (cp == '\r') {
      snprintf(esc, sizeof esc, "\\r");
    } else if (cp < 0x20 || cp == 0x7F) {
      snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
    } else if (quotes && (cp == '"' || cp == '\\')) {
      snprintf(esc, sizeof esc, "\\%c", (char)cp);
    } else if (kn_text_invisible(cp)) {
      snprintf(esc, sizeof esc, "<U+%04X>", (unsigned)cp);
    } else {
      memcpy(esc, s + i, n);
      esc[n] = '\0';
    }
    size_t el = strlen(esc);
    if (o + el >= size) break; /* never half an escape or half a character */
    memcpy(dst + o, esc, el);
    o += el;
    i += n;
  }
  dst[o] = '\0';
  return i;
}
