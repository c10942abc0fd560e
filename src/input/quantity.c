/* SPDX-License-Identifier: Apache-2.0 */
/* knead — quantities with units ("40 N", "2.5 kgf/cm^2", "30 mmHg", "2 min", "28 %").
 *
 * The number is read by us (strictly: decimal, optional exponent, no "inf"/"nan"/hex), in the "C"
 * locale so that a host program's setlocale() cannot turn "2.5" into 2; the unit is read and
 * converted by UDUNITS-2. UDUNITS-2 also converts between reciprocal units (it would turn "2 Hz"
 * into 0.5 s), so we accept a unit only if its ratio to the wanted unit is dimensionless. */
#include "input/input.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <udunits2.h>

#include "knead/spec.h"

struct kn_units {
  ut_system *sys;
  locale_t c_numeric; /* "C" numeric locale for strtod */
};

int kn_units_open(kn_units **out, char *msg, size_t msgsize) {
  *out = NULL;
  kn_units *u = calloc(1, sizeof *u);
  if (u == NULL) {
    snprintf(msg, msgsize, "out of memory loading the unit database");
    return KN_ENOMEM;
  }
  /* UDUNITS-2 prints its own complaints to stderr unless told otherwise; the library never prints.
   * (The handler is process-wide in UDUNITS-2; ut_ignore is the only value we ever set.) */
  ut_set_error_message_handler(ut_ignore);
  u->sys = ut_read_xml(NULL);
  if (u->sys == NULL) {
    snprintf(msg, msgsize, "cannot read the UDUNITS-2 unit database (status %d)",
             (int)ut_get_status());
    free(u);
    return KN_EINTERNAL;
  }
  /* "deg" is how people write angles; UDUNITS-2 only knows "degree" and the degree sign. */
  ut_unit *degree = ut_parse(u->sys, "degree", UT_ASCII);
  if (degree != NULL) {
    ut_map_symbol_to_unit("deg", UT_ASCII, degree);
    ut_free(degree);
  }
  u->c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  if (u->c_numeric == (locale_t)0) {
    snprintf(msg, msgsize, "out of memory loading the unit database");
    ut_free_system(u->sys);
    free(u);
    return KN_ENOMEM;
  }
  *out = u;
  return 0;
}

void kn_units_close(kn_units *u) {
  if (u == NULL) return;
  ut_free_system(u->sys);
  freelocale(u->c_numeric);
  free(u);
}

/* What a wanted unit measures, for messages, and a sample value for "missing unit". */
typedef struct dim_word {
  const char *target, *what, *unit, *example;
} dim_word;

static const dim_word dim_words[] = {
    {"N", "a force", "N", "40 N"},
    {"Pa", "a pressure", "Pa", "30 mmHg"},
    {"m/s", "a speed", "m/s", "3 cm/s"},
    {"s", "a time", "s", "2 min"},
    {"m", "a length", "m", "15 cm"},
    {"m2", "an area", "m^2", "1.5 cm^2"},
    {"m^2", "an area", "m^2", "1.5 cm^2"},
    {"Hz", "a frequency", "Hz", "1 Hz"},
    {"K", "a temperature", "degC", "38.2 degC"},
    {"degC", "a temperature", "degC", "38.2 degC"},
    {"rad", "an angle", "deg", "30 deg"},
    {"kg", "a mass", "kg", "62 kg"},
    {"year", "a time", "years", "45 years"},
    {"week", "a time", "weeks", "6 weeks"},
    {"1", "a fraction", "%", "28 %"},
    {"m3", "a volume", "mL", "500 mL"},
    {"mol/m3", "a concentration", "mmol/L", "4.1 mmol/L"},
    {"1/month", "a rate", "per month", "8 /month"},
};

static const dim_word *find_dim(const char *target) {
  for (size_t i = 0; i < sizeof dim_words / sizeof dim_words[0]; i++)
    if (strcmp(dim_words[i].target, target) == 0) return &dim_words[i];
  return NULL;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Characters a unit may contain; anything else (UDUNITS-2 time stamps "since ...", offsets "@",
 * logarithmic "lg(re ...)") is refused before it reaches the parser. Bytes >= 0x80 let "°C" and
 * "µm" through. */
static int unit_chars_ok(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c))
      continue;
    if (strchr(" ^/*.%_-", c) == NULL || c == '\0') return 0;
  }
  return 1;
}

/* Parses unit text into a unit; NULL if UDUNITS-2 does not know it. A unit that starts with "/"
 * ("8 /month", "2 /week") is read as its reciprocal, "1/month": UDUNITS-2 wants the "1". */
static ut_unit *parse_unit(kn_units *u, const char *s, size_t n) {
  char buf[128];
  size_t o = 0;
  if (n == 0 || n + 1 >= sizeof buf || !unit_chars_ok(s, n)) return NULL;
  if (s[0] == '/') buf[o++] = '1';
  memcpy(buf + o, s, n);
  buf[o + n] = '\0';
  return ut_parse(u->sys, buf, UT_UTF8);
}

/* 1 if from converts to to linearly (same dimension, not merely reciprocal). */
static int same_dimension(kn_units *u, const ut_unit *from, const ut_unit *to) {
  if (!ut_are_convertible(from, to)) return 0;
  ut_unit *ratio = ut_divide(from, to);
  ut_unit *one = ut_parse(u->sys, "1", UT_ASCII);
  int ok = ratio != NULL && one != NULL && ut_are_convertible(ratio, one);
  ut_free(ratio);
  ut_free(one);
  return ok;
}

int kn_units_parse(kn_units *u, const char *text, const char *target, const char *default_unit,
                   const char *example, double *out, char *msg, size_t msgsize) {
  const dim_word *dw = find_dim(target);
  if (example == NULL) example = dw ? dw->example : "1 m";
  char shown[96];

  /* Trim, then split into number and unit. */
  size_t len = strlen(text), b = 0;
  while (b < len && is_space(text[b]))
    b++;
  while (len > b && is_space(text[len - 1]))
    len--;
  const char *s = text + b;
  size_t n = len - b;
  kn_in_quote(shown, sizeof shown, s, n);
  if (n == 0) {
    snprintf(msg, msgsize, "missing value: write e.g. \"%s\"", example);
    return KN_EPARSE;
  }

  size_t i = 0, ndig = 0;
  if (s[i] == '+' || s[i] == '-') i++;
  while (i < n && is_digit(s[i]))
    i++, ndig++;
  if (i < n && s[i] == '.') {
    i++;
    while (i < n && is_digit(s[i]))
      i++, ndig++;
  }
  if (ndig == 0) {
    snprintf(msg, msgsize, "expected a number with a unit, e.g. \"%s\", got \"%s\"", example,
             shown);
    return KN_EPARSE;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < n && (s[j] == '+' || s[j] == '-')) j++;
    if (j < n && is_digit(s[j])) {
      while (j < n && is_digit(s[j]))
        j++;
      i = j;
    }
  }
  char num[64];
  if (i >= sizeof num) {
    snprintf(msg, msgsize, "number too long in \"%s\"", shown);
    return KN_EPARSE;
  }
  memcpy(num, s, i);
  num[i] = '\0';
  locale_t old = uselocale(u->c_numeric);
  double v = strtod(num, NULL);
  uselocale(old);
  if (!isfinite(v)) {
    snprintf(msg, msgsize, "\"%s\" is not a finite number", shown);
    return KN_EPARSE;
  }

  const char *us = s + i;
  size_t un = n - i;
  while (un > 0 && is_space(*us))
    us++, un--;
  if (un == 0) {
    if (default_unit == NULL) {
      snprintf(msg, msgsize, "missing unit: write e.g. \"%s\"", example);
      return KN_EUNIT;
    }
    us = default_unit;
    un = strlen(default_unit);
  } else if (is_digit(*us) || *us == '+' || *us == '-' || *us == '.') {
    /* "40 100 N" would be read by UDUNITS-2 as a unit of 100 N. */
    snprintf(msg, msgsize, "expected one number and a unit, e.g. \"%s\", got \"%s\"", example,
             shown);
    return KN_EPARSE;
  }

  ut_unit *from = parse_unit(u, us, un);
  if (from == NULL) {
    char ushown[96];
    kn_in_quote(ushown, sizeof ushown, us, un);
    /* a space that is not a plain one is invisible in the text: say so */
    const char *hint = strstr(ushown, "<U+") ? " (a character that is not a plain space, shown "
                                               "as <U+...>: type a plain space)"
                                             : "";
    snprintf(msg, msgsize, "unknown unit \"%s\" in \"%s\"%s", ushown, shown, hint);
    return KN_EUNIT;
  }
  ut_unit *to = ut_parse(u->sys, target, UT_ASCII);
  if (to == NULL) {
    ut_free(from);
    snprintf(msg, msgsize, "internal error: unknown target unit \"%s\"", target);
    return KN_EUNIT;
  }
  int rc = 0;
  if (!same_dimension(u, from, to)) {
    if (dw)
      snprintf(msg, msgsize, "expected %s (%s), got \"%s\"", dw->what, dw->unit, shown);
    else
      snprintf(msg, msgsize, "expected a quantity in %s, got \"%s\"", target, shown);
    rc = KN_EUNIT;
  } else {
    cv_converter *cv = ut_get_converter(from, to);
    if (cv == NULL) {
      snprintf(msg, msgsize, "cannot convert \"%s\" to %s", shown, target);
      rc = KN_EUNIT;
    } else {
      double si = cv_convert_double(cv, v);
      cv_free(cv);
      if (!isfinite(si)) {
        snprintf(msg, msgsize, "\"%s\" is not a finite number", shown);
        rc = KN_EPARSE;
      } else {
        *out = si;
      }
    }
  }
  ut_free(from);
  ut_free(to);
  return rc;
}

int kn_quantity_parse(const char *text, const char *si_unit, const char *default_unit, double *out,
                      char *msg, size_t msgsize) {
  char scratch[512];
  if (msg == NULL || msgsize == 0) {
    msg = scratch;
    msgsize = sizeof scratch;
  }
  msg[0] = '\0';
  if (text == NULL || si_unit == NULL || out == NULL) {
    snprintf(msg, msgsize, "invalid argument");
    return KN_EINVAL;
  }
  kn_units *u = NULL;
  int rc = kn_units_open(&u, msg, msgsize);
  if (rc) return rc;
  rc = kn_units_parse(u, text, si_unit, default_unit, NULL, out, msg, msgsize);
  kn_units_close(u);
  return rc;
}
