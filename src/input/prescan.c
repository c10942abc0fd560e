/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the checks every input file passes before the YAML parser sees it.
 *
 * Two reasons for a pass of our own over the bytes. First, libfyaml stops at a NUL byte as if the
 * file ended there, and reads a UTF-16 file as an empty document: a dangerous action after a NUL
 * was dropped without a word. So the text must be UTF-8 without NUL, and a byte-order mark of
 * another encoding is named. Second, libfyaml's scanner looks ahead over a run of unclosed flow
 * collections before it hands out the first event, at about 350 bytes per "[" or "{": 4 MB of "["
 * cost 1.4 GB and 10 s before our nesting check on the events could fire. The pass here refuses
 * deep flow nesting and too many nodes in time linear in the file and constant memory.
 *
 * The flow lexer below follows YAML's rules for where a quoted scalar, a comment and a flow
 * collection can start, closely enough to find the place of the 65th level. Where it could be
 * fooled (a quote it takes for a string that YAML reads as text), the count of every "[" and "{"
 * byte in the file, strings and comments included, still bounds what the scanner can cost. */
#include "input/input.h"

#include <stdio.h>
#include <string.h>

/* Where the scan is: byte offset and 1-based line and column (columns count characters). */
typedef struct scan_pos {
  size_t i;
  int line, col;
} scan_pos;

static int fail(kn_prescan *r, const scan_pos *p, const char *field, int code, const char *fmt,
                const char *arg) {
  r->code = code;
  r->line = p->line;
  r->col = p->col;
  snprintf(r->field, sizeof r->field, "%s", field);
  snprintf(r->message, sizeof r->message, fmt, arg);
  return code;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if it is not valid: overlong
 * forms, UTF-16 surrogates and code points above U+10FFFF are refused as RFC 3629 says. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 2; k < len; k++)
    if (s[k] < 0x80 || s[k] > 0xBF) return 0;
  return len;
}

/* The encoding named by a byte-order mark at the start, or NULL (none, or UTF-8's). */
static const char *foreign_bom(const unsigned char *s, size_t n) {
  if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) return "UTF-32 LE";
  if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) return "UTF-32 BE";
  if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) return "UTF-16 LE";
  if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) return "UTF-16 BE";
  return NULL;
}

/* The encoding, and the counts that need no lexing: "[" and "{", and the node estimate. */
/* A count over its limit goes to *over (the first one only) and the scan goes on: the encoding of
 * the whole text must be known before the lexer runs, and the lexer's nesting message, when there
 * is one, is the more useful. */
static int check_bytes(const unsigned char *s, size_t n, kn_prescan *r, kn_prescan *over) {
  scan_pos p = {0, 1, 1};
  const char *bom = foreign_bom(s, n);
  if (bom != NULL)
    return fail(r, &p, "encoding", KN_EPARSE, "the file is %s (byte-order mark); save it as UTF-8",
                bom);
  size_t nodes = 1;   /* upper estimate of the nodes so far */
  size_t openers = 0; /* every "[" and "{" byte, in strings and comments too */
  char limit[32];
  while (p.i < n) {
    unsigned char c = s[p.i];
    if ((c == '[' || c == '{') && ++openers == KN_INPUT_MAX_OPENERS + 1 && over->code == 0) {
      snprintf(limit, sizeof limit, "%zu", KN_INPUT_MAX_OPENERS);
      fail(over, &p, "yaml", KN_ETOOBIG, "more than %s \"[\" and \"{\" in one file", limit);
    }
    /* Every node but the first follows one of these, so their count bounds the node count. */
    if ((c == ',' || c == '[' || c == '{' || c == ':' || c == '-' || c == '?' || c == '\n') &&
        ++nodes == KN_INPUT_MAX_NODES + 1 && over->code == 0) {
      snprintf(limit, sizeof limit, "%zu", KN_INPUT_MAX_NODES);
      fail(over, &p, "yaml", KN_ETOOBIG, "too many YAML nodes (more than %s)", limit);
    }
    if (c == 0) {
      /* A NUL among the first bytes is the mark of UTF-16 or UTF-32 without a byte-order mark. */
      const char *hint = p.i < 4 ? ", as in UTF-16 or UTF-32 text" : "";
      return fail(r, &p, "encoding", KN_EPARSE,
                  "NUL byte (U+0000)%s; an input file must be UTF-8 text", hint);
    }
    size_t len = utf8_len(s + p.i, n - p.i);
    if (len == 0) {
      char byte[8];
      snprintf(byte, sizeof byte, "0x%02X", s[p.i]);
      return fail(r, &p, "encoding", KN_EPARSE,
                  "invalid UTF-8 (byte %s); an input file must be UTF-8 text", byte);
    }
    if (s[p.i] == '\n') {
      p.line++;
      p.col = 1;
    } else {
      p.col++;
    }
    p.i += len;
  }
  return 0;
}

/* ---- the flow lexer -------------------------------------------------------------------------- */

static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
static int is_flow_ind(unsigned char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Moves past one character (the text is valid UTF-8 by now), keeping line and column. */
static void step(const unsigned char *s, size_t n, scan_pos *p) {
  if (s[p->i] == '\n') {
    p->line++;
    p->col = 1;
    p->i++;
    return;
  }
  size_t len = utf8_len(s + p->i, n - p->i);
  p->i += len ? len : 1;
  p->col++;
}

/* Skips a quoted scalar starting at its quote; stops at the end of the text if it never closes
 * (the parser then reports it). */
static void skip_quoted(const unsigned char *s, size_t n, scan_pos *p) {
  unsigned char q = s[p->i];
  step(s, n, p);
  while (p->i < n) {
    unsigned char c = s[p->i];
    if (q == '"' && c == '\\' && p->i + 1 < n) {
      step(s, n, p);
      step(s, n, p);
      continue;
    }
    step(s, n, p);
    if (c == q) {
      if (q == '\'' && p->i < n && s[p->i] == '\'') { /* '' is a quote inside '...' */
        step(s, n, p);
        continue;
      }
      return;
    }
  }
}

static void skip_line(const unsigned char *s, size_t n, scan_pos *p) {
  while (p->i < n && s[p->i] != '\n')
    step(s, n, p);
}

static int check_structure(const unsigned char *s, size_t n, kn_prescan *r) {
  scan_pos p = {0, 1, 1};
  int depth = 0;       /* flow nesting */
  int token_start = 1; /* a new token may start here (not inside a plain scalar) */
  unsigned char prev = '\n';
  char limit[32];
  while (p.i < n) {
    unsigned char c = s[p.i];
    if (c == '#' && is_blank(prev)) { /* a comment runs to the end of the line */
      skip_line(s, n, &p);
      continue;
    }
    if (c == '\n') {
      if (depth == 0) token_start = 1; /* a block line starts afresh; flow plain text goes on */
    } else if (is_blank(c)) {
      /* blanks between tokens change nothing; inside plain text a quote after a blank is still
       * text, so the plain state is kept */
    } else if (token_start && (c == '"' || c == '\'')) {
      skip_quoted(s, n, &p);
      prev = '"';
      token_start = 0;
      continue;
    } else if ((c == '[' || c == '{') && (token_start || depth > 0)) {
      if (++depth > KN_INPUT_MAX_DEPTH) {
        snprintf(limit, sizeof limit, "%d", KN_INPUT_MAX_DEPTH);
        return fail(r, &p, "yaml", KN_ETOOBIG, "nesting deeper than %s levels", limit);
      }
      token_start = 1;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
      token_start = 0;
    } else if (c == ',' && depth > 0) {
      token_start = 1;
    } else if ((c == ':' || ((c == '-' || c == '?') && token_start)) &&
               (p.i + 1 >= n || is_blank(s[p.i + 1]) || (depth > 0 && is_flow_ind(s[p.i + 1])))) {
      token_start = 1; /* an indicator: a value, an entry or a key follows */
    } else if (c == ':' && depth > 0 && prev == '"') {
      token_start = 1; /* JSON's "key":value */
    } else if (token_start && !is_blank(c)) {
      token_start = 0; /* a plain scalar, tag, anchor or alias starts */
    }
    prev = c;
    step(s, n, &p);
  }
  return 0;
}

int kn_in_prescan(const char *text, size_t len, kn_prescan *r) {
  memset(r, 0, sizeof *r);
  const unsigned char *s = (const unsigned char *)text;
  if (len > KN_INPUT_MAX_BYTES) {
    scan_pos p = {0, 0, 0};
    return fail(r, &p, "", KN_ETOOBIG, "%s", "input is larger than 4 MiB");
  }
  kn_prescan over;
  memset(&over, 0, sizeof over);
  int rc = check_bytes(s, len, r, &over);
  if (rc == 0) rc = check_structure(s, len, r);
  if (rc == 0 && over.code != 0) {
    *r = over;
    rc = over.code;
  }
  return rc;
}
