/* SPDX-License-Identifier: Apache-2.0 */
/* Numbers and CSV fields as the output files write them (core/format.h). */
#include "core/format.h"

#include <math.h>
#include <string.h>

#include "core/pow10.h"

/* Significant digits of "%.6g", and the scaled range that holds them: [1e5, 1e6). */
enum { G6_DIGITS = 6 };
#define G6_LOW 1e5
#define G6_HIGH 1e6
/* How close (in units of the last kept digit) the scaled value may come to a rounding boundary
 * before the fast path defers to printf. Scaling by an exact power of ten rounds once, so the
 * scaled value is within half an ulp of the exact one: below 2^-33 for values under 1e6. */
#define G6_BOUNDARY_MARGIN 1e-9

/* a * 10^k with one rounding, or -1 if 10^|k| is not exact. */
static double scale10(double a, int k) {
  if (k > KN_POW10_EXACT_MAX || -k > KN_POW10_EXACT_MAX) return -1.0;
  return k >= 0 ? a * kn_pow10_exact(k) : a / kn_pow10_exact(-k);
}

static size_t fallback(double x, char *buf) {
  int n = snprintf(buf, KN_FORMAT_G6_MAX, "%.6g", x);
  return n > 0 ? (size_t)n : 0;
}

/* Writes the six digits of d (100000..999999), most significant first, into out[0..5]. */
static void six_digits(long d, char *out) {
  for (int i = G6_DIGITS - 1; i >= 0; i--) {
    out[i] = (char)('0' + d % 10);
    d /= 10;
  }
}

size_t kn_format_g6(double x, char *buf) {
  if (!isfinite(x) || x == 0.0) return fallback(x, buf);
  double a = fabs(x);
  int e = (int)floor(log10(a)); /* decimal exponent, perhaps off by one: corrected below */
  double s = scale10(a, G6_DIGITS - 1 - e);
  if (s < 0.0) return fallback(x, buf);
  if (s < G6_LOW)
    s = scale10(a, G6_DIGITS - 1 - --e);
  else if (s >= G6_HIGH)
    s = scale10(a, G6_DIGITS - 1 - ++e);
  if (s < G6_LOW || s >= G6_HIGH) return fallback(x, buf);
  double whole = floor(s), frac = s - whole;                          /* exact: s < 2^20 */
  if (fabs(frac - 0.5) < G6_BOUNDARY_MARGIN) return fallback(x, buf); /* a tie or too near */
  long d = (long)whole + (frac > 0.5);
  if (d >= (long)G6_HIGH) { /* 999999.7 rounds to 1000000: one more decimal place */
    d /= 10;
    e++;
  }
  char dig[G6_DIGITS];
  six_digits(d, dig);
  int keep = G6_DIGITS; /* %g drops trailing zeros */
  while (keep > 1 && dig[keep - 1] == '0')
    keep--;
  char *p = buf;
  if (x < 0.0) *p++ = '-';
  if (e < -4 || e >= G6_DIGITS) { /* d.ddddde+XX */
    *p++ = dig[0];
    if (keep > 1) {
      *p++ = '.';
      memcpy(p, dig + 1, (size_t)(keep - 1));
      p += keep - 1;
    }
    *p++ = 'e';
    *p++ = e < 0 ? '-' : '+';
    int ae = e < 0 ? -e : e;
    if (ae >= 100) *p++ = (char)('0' + ae / 100);
    *p++ = (char)('0' + ae / 10 % 10);
    *p++ = (char)('0' + ae % 10);
  } else if (e >= 0) { /* e + 1 digits before the point */
    memcpy(p, dig, (size_t)(e + 1));
    p += e + 1;
    if (keep > e + 1) {
      *p++ = '.';
      memcpy(p, dig + e + 1, (size_t)(keep - e - 1));
      p += keep - e - 1;
    }
  } else { /* 0.000ddd */
    *p++ = '0';
    *p++ = '.';
    for (int z = 0; z < -e - 1; z++)
      *p++ = '0';
    memcpy(p, dig, (size_t)keep);
    p += keep;
  }
  *p = '\0';
  return (size_t)(p - buf);
}

int kn_csv_field(FILE *f, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) return fputs(s, f) < 0 ? EOF : 0;
  if (fputc('"', f) == EOF) return EOF;
  for (; *s; s++) {
    if (*s == '"' && fputc('"', f) == EOF) return EOF;
    if (fputc(*s, f) == EOF) return EOF;
  }
  return fputc('"', f) == EOF ? EOF : 0;
}

char *kn_csv_field_next(char **p) {
  char *field = *p;
  if (*field != '"') { /* plain: up to the next comma */
    char *comma = strchr(field, ',');
    if (comma) *comma = '\0';
    *p = comma ? comma + 1 : NULL;
    return field;
  }
  char *in = field + 1, *out = field;
  for (; *in; in++) {
    if (*in == '"') {
      if (in[1] != '"') break; /* the closing quote */
      in++;                    /* a doubled quote stands for one */
    }
    *out++ = *in;
  }
  if (*in == '"') in++;
  *out = '\0';
  *p = *in == ',' ? in + 1 : NULL;
  return field;
}
