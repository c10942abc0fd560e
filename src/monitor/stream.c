/* SPDX-License-Identifier: Apache-2.0 */
/* The sample stream: one line, CSV or a flat JSON object, to one contact sample. Written for a
 * device's serial line as much as for files: no allocation, no locale (numbers are read here, not
 * by strtod, whose decimal point follows the locale), every byte checked, and a bad line leaves the
 * parser as it was. Fuzzed by tests/fuzz/fuzz_stream.c. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/pow10.h"
#include "monitor/monitor_internal.h"

static const char *const field_names[KN_FIELD_COUNT] = {
    "t_s",     "contact", "region",           "landmark", "x_m",         "y_m",
    "force_N", "shear_N", "velocity_m_per_s", "area_m2",  "contact_type"};

const char *kn_stream_field_name(kn_stream_field f) {
  return (unsigned)f < KN_FIELD_COUNT ? field_names[f] : "?";
}

enum { NAME_MAX_LEN = 63, MAX_COLUMNS = 32 };

void kn_stream_parser_init(kn_stream_parser *p) {
  memset(p, 0, sizeof *p);
  p->ncol = KN_FIELD_COUNT; /* without a header, the columns come in the order of the fields */
  for (int i = 0; i < MAX_COLUMNS; i++)
    p->column[i] = (signed char)(i < KN_FIELD_COUNT ? i : -1);
}

static int fail(kn_stream_error *err, int code, size_t col, const char *field, const char *msg) {
  err->col = (int)col + 1;
  err->field = field;
  err->message = msg;
  return code;
}

static int field_of(const char *s, size_t len) {
  for (int f = 0; f < KN_FIELD_COUNT; f++)
    if (strlen(field_names[f]) == len && !memcmp(field_names[f], s, len)) return f;
  return -1;
}

/* ---- numbers --------------------------------------------------------------------------------- */

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int word_is(const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  if (len != n) return 0;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)s[i]) != w[i]) return 0;
  return 1;
}

/* The fixed numbers of IEEE-754 binary64 and of the decimal reading (Clinger's fast path): 10^22 is
 * the largest power of ten a double holds exactly, 2^53 bounds the integers it holds exactly, and
 * 19 decimal digits always fit a uint64_t (10^19 < 2^64). */
enum {
  MANTISSA_BITS = 53, /* a double's significand, hidden bit included */
  DIGITS_KEPT = 19,   /* significant digits read into the uint64_t mantissa */
  EXP10_READ_MAX =
      100000,            /* an exponent beyond this is out of range anyway: stop before overflow */
  EXP10_OVERFLOW = 310,  /* 10^310 > DBL_MAX (1.8e308): too large, with a margin for rounding */
  EXP10_UNDERFLOW = 330, /* 10^-330 < the least subnormal (4.9e-324): rounds to zero */
};

/* Reads a whole token as a number: [+-] digits [. digits] [e [+-] digits], or nan, inf, infinity
 * (any case). Up to 19 significant digits are kept. With a mantissa below 2^53 and a power of ten
 * within +-22 the result is correctly rounded (both are exact doubles and one operation rounds);
 * otherwise it is within a few units in the last place. Returns 0, or -1 if not a number, -2 if
 * out of the double range. */
static int parse_number(const char *s, size_t len, double *out) {
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (word_is(s + i, len - i, "nan")) {
    *out = NAN;
    return 0;
  }
  if (word_is(s + i, len - i, "inf") || word_is(s + i, len - i, "infinity")) {
    *out = neg ? -INFINITY : INFINITY;
    return 0;
  }
  uint64_t mant = 0;
  int ndig = 0, exp10 = 0, any = 0;
  for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
    any = 1;
    if (ndig < DIGITS_KEPT) {
      if (mant || s[i] != '0') mant = mant * 10 + (uint64_t)(s[i] - '0'), ndig += mant != 0;
    } else {
      exp10++; /* digits past 19 only scale */
    }
  }
  if (i < len && s[i] == '.') {
    for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
      any = 1;
      if (ndig < DIGITS_KEPT) {
        mant = mant * 10 + (uint64_t)(s[i] - '0');
        ndig += mant != 0;
        exp10--;
      }
    }
  }
  if (!any) return -1;
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    int eneg = 0, e = 0, edig = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, edig++)
      if (e < EXP10_READ_MAX) e = e * 10 + (s[i] - '0');
    if (!edig) return -1;
    exp10 += eneg ? -e : e;
  }
  if (i != len) return -1;
  double v = (double)mant;
  if (mant == 0) {
    v = 0.0;
  } else if (mant < ((uint64_t)1 << MANTISSA_BITS) && exp10 >= -KN_POW10_EXACT_MAX &&
             exp10 <= KN_POW10_EXACT_MAX) {
    v = exp10 >= 0 ? v * kn_pow10_exact(exp10) : v / kn_pow10_exact(-exp10);
  } else if (exp10 + ndig > EXP10_OVERFLOW) {
    return -2;
  } else if (exp10 + ndig < -EXP10_UNDERFLOW) {
    v = 0.0;
  } else {
    int e = exp10;
    while (e > KN_POW10_EXACT_MAX) {
      v *= kn_pow10_exact(KN_POW10_EXACT_MAX);
      e -= KN_POW10_EXACT_MAX;
    }
    while (e < -KN_POW10_EXACT_MAX) {
      v /= kn_pow10_exact(KN_POW10_EXACT_MAX);
      e += KN_POW10_EXACT_MAX;
    }
    v = e >= 0 ? v * kn_pow10_exact(e) : v / kn_pow10_exact(-e);
    if (isinf(v)) return -2;
  }
  *out = neg ? -v : v;
  return 0;
}

/* ---- one value ------------------------------------------------------------------------------- */

/* A value of a line: text (without quotes), where it starts, whether it was quoted or null. */
typedef struct token {
  const char *s;
  size_t len;
  size_t col; /* 0-based byte offset in the line */
  int quoted; /* a JSON string or a quoted CSV field */
  int null;   /* JSON null */
} token;

/* Stores one field's value into the sample. */
static int set_field(int f, const token *v, kn_monitor_sample *s, int *contact,
                     kn_stream_error *err) {
  const char *name = field_names[f];
  int is_name = f == KN_FIELD_REGION || f == KN_FIELD_LANDMARK || f == KN_FIELD_CONTACT_TYPE;
  if (v->null || v->len == 0) {
    if (f == KN_FIELD_T || f == KN_FIELD_FORCE)
      return fail(err, KN_EPARSE, v->col, name, "required value missing");
    return 0; /* not given */
  }
  if (is_name) {
    if (v->len > NAME_MAX_LEN) return fail(err, KN_ENOTFOUND, v->col, name, "name too long");
    char buf[NAME_MAX_LEN + 1];
    memcpy(buf, v->s, v->len);
    buf[v->len] = '\0';
    int idx = f == KN_FIELD_REGION     ? kn_atlas_find_region(buf)
              : f == KN_FIELD_LANDMARK ? kn_atlas_find_landmark(buf)
                                       : kn_atlas_find_contact_type(buf);
    if (idx < 0)
      return fail(err, KN_ENOTFOUND, v->col, name,
                  f == KN_FIELD_REGION     ? "unknown region (knead atlas lists them)"
                  : f == KN_FIELD_LANDMARK ? "unknown landmark (knead atlas lists them)"
                                           : "unknown contact type (knead atlas lists them)");
    if (f == KN_FIELD_REGION) s->region = idx;
    if (f == KN_FIELD_LANDMARK) s->landmark = idx;
    if (f == KN_FIELD_CONTACT_TYPE) s->contact_type = idx;
    return 0;
  }
  if (v->quoted) return fail(err, KN_EPARSE, v->col, name, "expected a number, not a string");
  double x;
  int rc = parse_number(v->s, v->len, &x);
  if (rc == -1) return fail(err, KN_EPARSE, v->col, name, "not a number");
  if (rc == -2) return fail(err, KN_ERANGE, v->col, name, "number out of range");
  switch ((kn_stream_field)f) {
  case KN_FIELD_T:
    s->t = x;
    break;
  case KN_FIELD_CONTACT:
    if (!(x >= 0.0 && x < KN_MONITOR_MAX_CONTACTS) || x != floor(x))
      return fail(err, KN_ERANGE, v->col, name, "contact point must be 0, 1, 2 or 3");
    *contact = (int)x;
    break;
  case KN_FIELD_X:
    s->x = x;
    break;
  case KN_FIELD_Y:
    s->y = x;
    break;
  case KN_FIELD_FORCE:
    s->force = x;
    break;
  case KN_FIELD_SHEAR:
    s->shear = x;
    break;
  case KN_FIELD_VELOCITY:
    s->velocity = x;
    break;
  case KN_FIELD_AREA:
    s->area = x;
    break;
  default:
    break;
  }
  return 0;
}

/* ---- CSV ------------------------------------------------------------------------------------- */

static int is_space(char c) {
  return c == ' ' || c == '\t';
}

/* Cuts the next comma-separated field from line[*pos..len): trims blanks, removes quotes. */
static int csv_next(const char *line, size_t len, size_t *pos, token *t, kn_stream_error *err) {
  size_t i = *pos;
  while (i < len && is_space(line[i]))
    i++;
  *t = (token){line + i, 0, i, 0, 0};
  if (i < len && line[i] == '"') {
    size_t j = i + 1;
    while (j < len && line[j] != '"')
      j++;
    if (j >= len) return fail(err, KN_EPARSE, i, "line", "unterminated quoted field");
    *t = (token){line + i + 1, j - i - 1, i, 1, 0};
    i = j + 1;
    while (i < len && is_space(line[i]))
      i++;
    if (i < len && line[i] != ',')
      return fail(err, KN_EPARSE, i, "line", "text after a quoted field");
  } else {
    size_t j = i;
    while (j < len && line[j] != ',')
      j++;
    size_t end = j;
    while (end > i && is_space(line[end - 1]))
      end--;
    t->len = end - i;
    i = j;
  }
  *pos = i < len ? i + 1 : len + 1; /* past the comma; len + 1 marks the end of the line */
  return 0;
}

static int csv_header(kn_stream_parser *p, const char *line, size_t len, kn_stream_error *err) {
  kn_stream_parser next;
  memset(&next, 0, sizeof next);
  for (int i = 0; i < MAX_COLUMNS; i++)
    next.column[i] = -1;
  unsigned seen = 0;
  size_t pos = 0;
  while (pos <= len) {
    token t;
    int rc = csv_next(line, len, &pos, &t, err);
    if (rc) return rc;
    if (next.ncol >= MAX_COLUMNS) return fail(err, KN_ETOOBIG, t.col, "line", "too many columns");
    int f = field_of(t.s, t.len);
    if (f < 0)
      return fail(err, KN_EPARSE, t.col, "line",
                  "unknown column (t_s, contact, region, landmark, x_m, y_m, force_N, shear_N, "
                  "velocity_m_per_s, area_m2, contact_type)");
    if (seen & (1u << f)) return fail(err, KN_EPARSE, t.col, field_names[f], "column repeated");
    seen |= 1u << f;
    next.column[next.ncol++] = (signed char)f;
  }
  if (!(seen & (1u << KN_FIELD_T)) || !(seen & (1u << KN_FIELD_FORCE)))
    return fail(err, KN_EPARSE, 0, "line", "the header needs the columns t_s and force_N");
  next.have_header = 1;
  *p = next;
  return 0;
}

static int csv_line(kn_stream_parser *p, const char *line, size_t len, kn_monitor_sample *s,
                    int *contact, kn_stream_error *err) {
  /* a first line that does not start with a number names the columns */
  size_t i = 0;
  while (i < len && is_space(line[i]))
    i++;
  int numeric = i < len && ((line[i] >= '0' && line[i] <= '9') || line[i] == '-' ||
                            line[i] == '+' || line[i] == '.');
  if (!numeric && !p->data_seen && !p->have_header) {
    int rc = csv_header(p, line, len, err);
    return rc ? rc : 0;
  }
  unsigned given = 0;
  size_t pos = 0;
  int col = 0;
  while (pos <= len) {
    token t;
    int rc = csv_next(line, len, &pos, &t, err);
    if (rc) return rc;
    if (col >= p->ncol) return fail(err, KN_EPARSE, t.col, "line", "more fields than columns");
    int f = p->column[col++];
    if (f < 0) continue;
    if ((rc = set_field(f, &t, s, contact, err))) return rc;
    if (t.len) given |= 1u << f;
  }
  /* fields after the last one given are simply not given; the required ones must be there */
  if (!(given & (1u << KN_FIELD_T)))
    return fail(err, KN_EPARSE, len, field_names[KN_FIELD_T], "required value missing");
  if (!(given & (1u << KN_FIELD_FORCE)))
    return fail(err, KN_EPARSE, len, field_names[KN_FIELD_FORCE], "required value missing");
  p->data_seen = 1;
  return 1;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static size_t skip_ws(const char *s, size_t len, size_t i) {
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

/* A JSON string at s[i] == '"' without escapes (names and keys are plain ASCII words). */
static int json_string(const char *s, size_t len, size_t *i, token *t, kn_stream_error *err) {
  size_t j = *i + 1;
  while (j < len && s[j] != '"') {
    if (s[j] == '\\') return fail(err, KN_EPARSE, j, "line", "escapes are not used in names");
    if ((unsigned char)s[j] < 0x20) return fail(err, KN_EPARSE, j, "line", "control character");
    j++;
  }
  if (j >= len) return fail(err, KN_EPARSE, *i, "line", "unterminated string");
  *t = (token){s + *i + 1, j - *i - 1, *i, 1, 0};
  *i = j + 1;
  return 0;
}

static int json_line(const char *line, size_t len, kn_monitor_sample *s, int *contact,
                     kn_stream_error *err) {
  size_t i = skip_ws(line, len, 0) + 1; /* past '{' */
  unsigned given = 0;
  i = skip_ws(line, len, i);
  if (i < len && line[i] == '}') {
    i++;
  } else {
    for (;;) {
      i = skip_ws(line, len, i);
      if (i >= len || line[i] != '"') return fail(err, KN_EPARSE, i, "line", "expected a key");
      token key;
      int rc = json_string(line, len, &i, &key, err);
      if (rc) return rc;
      int f = field_of(key.s, key.len);
      if (f < 0)
        return fail(err, KN_EPARSE, key.col, "line",
                    "unknown key (t_s, contact, region, landmark, x_m, y_m, force_N, shear_N, "
                    "velocity_m_per_s, area_m2, contact_type)");
      if (given & (1u << f)) return fail(err, KN_EPARSE, key.col, field_names[f], "key repeated");
      i = skip_ws(line, len, i);
      if (i >= len || line[i] != ':') return fail(err, KN_EPARSE, i, field_names[f], "expected :");
      i = skip_ws(line, len, i + 1);
      token v;
      if (i < len && line[i] == '"') {
        if ((rc = json_string(line, len, &i, &v, err))) return rc;
      } else {
        size_t j = i;
        while (j < len && line[j] != ',' && line[j] != '}' && line[j] != ' ' && line[j] != '\t')
          j++;
        v = (token){line + i, j - i, i, 0, 0};
        if (v.len == 0) return fail(err, KN_EPARSE, i, field_names[f], "expected a value");
        v.null = word_is(v.s, v.len, "null") && v.s[0] == 'n';
        i = j;
      }
      if ((rc = set_field(f, &v, s, contact, err))) return rc;
      if (!v.null) given |= 1u << f;
      i = skip_ws(line, len, i);
      if (i < len && line[i] == ',') {
        i++;
        continue;
      }
      if (i < len && line[i] == '}') {
        i++;
        break;
      }
      return fail(err, KN_EPARSE, i, "line", "expected , or }");
    }
  }
  i = skip_ws(line, len, i);
  if (i != len) return fail(err, KN_EPARSE, i, "line", "text after the object");
  if (!(given & (1u << KN_FIELD_T)))
    return fail(err, KN_EPARSE, 0, field_names[KN_FIELD_T], "required value missing");
  if (!(given & (1u << KN_FIELD_FORCE)))
    return fail(err, KN_EPARSE, 0, field_names[KN_FIELD_FORCE], "required value missing");
  return 1;
}

/* ---- a line ---------------------------------------------------------------------------------- */

/* Offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or len if the whole line is. A stream of another encoding
 * (Latin-1, UTF-16) is refused rather than read as something else. */
static size_t utf8_invalid_at(const char *line, size_t len) {
  const unsigned char *u = (const unsigned char *)line;
  size_t i = 0;
  while (i < len) {
    unsigned c = u[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t n;
    unsigned lo = 0x80, hi = 0xBF; /* range of the first continuation byte */
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0; /* overlong */
      if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90; /* overlong */
      if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else {
      return i;
    }
    if (len - i <= n) return i;
    if (u[i + 1] < lo || u[i + 1] > hi) return i;
    for (size_t k = 2; k <= n; k++)
      if ((u[i + k] & 0xC0) != 0x80) return i;
    i += n + 1;
  }
  return len;
}

int kn_stream_parse_line(kn_stream_parser *p, const char *line, size_t len,
                         kn_monitor_sample *sample, int *contact, kn_stream_error *err) {
  kn_stream_error dummy;
  if (!err) err = &dummy;
  if (!p || !sample || !contact || (!line && len))
    return fail(err, KN_EINVAL, 0, "line", "no line");
  while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    len--;
  if (len > KN_STREAM_LINE_MAX)
    return fail(err, KN_ETOOBIG, KN_STREAM_LINE_MAX, "line",
                "line longer than 4096 bytes (KN_STREAM_LINE_MAX)");
  /* the first offending byte is named: a UTF-16 stream says "invalid UTF-8" at column 1 */
  const char *z = memchr(line, '\0', len);
  size_t nul = z ? (size_t)(z - line) : len, bad = utf8_invalid_at(line, len);
  if (nul < len && nul <= bad) return fail(err, KN_EPARSE, nul, "line", "NUL byte in the line");
  if (bad < len)
    return fail(err, KN_EPARSE, bad, "line", "invalid UTF-8 (the stream must be UTF-8)");
  size_t i = skip_ws(line, len, 0);
  if (i == len || line[i] == '#') return 0;
  kn_monitor_sample s;
  kn_monitor_sample_init(&s, NAN);
  int c = 0;
  int rc = line[i] == '{' ? json_line(line, len, &s, &c, err) : csv_line(p, line, len, &s, &c, err);
  if (rc == 1) {
    *sample = s;
    *contact = c;
    p->data_seen = 1;
  }
  return rc;
}
