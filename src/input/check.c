/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the checking readers the loaders are built from: each reads one value from the node tree,
 * checks its type, unit and range, and on any problem fills the diagnostic with the node's
 * position, the field path and a message that says what to write instead. */
#include "input/input.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Integers the input takes stay below 2^62 (far beyond any field's range; no overflow in sums). */
#define INT_BITS_MAX 62

/* ---- one load -------------------------------------------------------------------------------- */

void kn_in_init(kn_in *in, const char *file, kn_diag *diag) {
  memset(in, 0, sizeof *in);
  in->file = file ? file : "";
  in->diag = diag;
  kn_diag_clear(diag);
  in->doc.root = KN_YNONE;
}

void kn_in_done(kn_in *in) {
  free(in->doc.node);
  free(in->doc.text);
  free(in->doc.kids);
  memset(&in->doc, 0, sizeof in->doc);
  in->doc.root = KN_YNONE;
  kn_units_close(in->units);
  in->units = NULL;
}

int kn_in_fail(kn_in *in, const kn_ynode *at, const char *field, int code, const char *fmt, ...) {
  kn_diag *d = in->diag;
  kn_diag_clear(d);
  d->code = code;
  snprintf(d->file, sizeof d->file, "%s", in->file);
  if (at != NULL) {
    d->line = at->line;
    d->col = at->col;
  }
  snprintf(d->field, sizeof d->field, "%s", field ? field : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->message, sizeof d->message, fmt, ap);
  va_end(ap);
  /* A message is one line: the command line prints it as the first line of stderr. */
  for (char *c = d->message; *c; c++)
    if (*c == '\n' || *c == '\r' || *c == '\t') *c = ' ';
  return code;
}

/* ---- walking the tree ------------------------------------------------------------------------ */

const kn_ynode *kn_in_root(const kn_in *in) {
  return in->doc.root == KN_YNONE ? NULL : &in->doc.node[in->doc.root];
}

const kn_ynode *kn_in_child(const kn_in *in, const kn_ynode *n, size_t i) {
  if (n == NULL || n->kind == KN_Y_SCALAR || i >= n->n) return NULL;
  return &in->doc.node[in->doc.kids[n->off + i]];
}

const char *kn_in_text(const kn_in *in, const kn_ynode *n) {
  if (n == NULL || n->kind != KN_Y_SCALAR) return "";
  return in->doc.text + n->off;
}

int kn_in_is_null(const kn_in *in, const kn_ynode *n) {
  if (n == NULL || n->kind != KN_Y_SCALAR || n->quoted) return 0;
  const char *s = kn_in_text(in, n);
  return n->n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
         strcmp(s, "NULL") == 0;
}

void kn_in_quote(char *dst, size_t size, const char *text, size_t len) {
  const size_t max_src = 60;
  if (size == 0) return;
  /* cut long text only between UTF-8 characters */
  size_t cut = len;
  if (len > max_src) {
    cut = max_src;
    while (cut < len && ((unsigned char)text[cut] & 0xC0) == 0x80)
      cut++;
  }
  size_t used = kn_text_escape(dst, size, text, cut, 1);
  size_t o = strlen(dst);
  if ((used < cut || cut < len) && o + 3 < size) memcpy(dst + o, "...", 4);
}

/* ---- names and suggestions ------------------------------------------------------------------- */

size_t kn_names_count(const kn_names *nl) {
  if (nl->list == NULL) return nl->count;
  size_t n = 0;
  while (nl->list[n] != NULL)
    n++;
  return n;
}

const char *kn_names_at(const kn_names *nl, size_t i) {
  return nl->list ? nl->list[i] : nl->at(i);
}

#define KN_SUGGEST_MAXLEN 64

/* Edit distance with adjacent transpositions counting as one edit (optimal string alignment),
 * ignoring ASCII case. Strings longer than KN_SUGGEST_MAXLEN count as far from everything. */
static int edit_distance(const char *a, size_t la, const char *b, size_t lb) {
  if (la > KN_SUGGEST_MAXLEN || lb > KN_SUGGEST_MAXLEN) return 1000;
  int d[KN_SUGGEST_MAXLEN + 1][KN_SUGGEST_MAXLEN + 1];
  for (size_t i = 0; i <= la; i++)
    d[i][0] = (int)i;
  for (size_t j = 0; j <= lb; j++)
    d[0][j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    for (size_t j = 1; j <= lb; j++) {
      int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
      int cost = ca != cb;
      int v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
          tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  }
  return d[la][lb];
}

/* How far text is from name: the plain edit distance, or one more than the distance to a single
 * "_"-separated word of name ("nek" ~ "neck_lateral"), or 1 for a prefix of 3+ letters. */
static int name_score(const char *text, size_t len, const char *name) {
  size_t nl = strlen(name);
  int best = edit_distance(text, len, name, nl);
  if (len < 3) return best;
  if (len < nl && edit_distance(text, len, name, len) == 0 && best > 1) best = 1;
  for (const char *w = name; *w;) {
    const char *e = strchr(w, '_');
    size_t wl = e ? (size_t)(e - w) : strlen(w);
    if (wl != nl) {
      int s = edit_distance(text, len, w, wl) + 1;
      if (s < best) best = s;
    }
    if (e == NULL) break;
    w = e + 1;
  }
  return best;
}

int kn_in_suggest(const char *text, size_t len, const kn_names *nl) {
  int best = -1, best_score = 3;
  size_t n = kn_names_count(nl);
  for (size_t i = 0; i < n; i++) {
    int s = name_score(text, len, kn_names_at(nl, i));
    if (s < best_score) {
      best_score = s;
      best = (int)i;
    }
  }
  return best;
}

void kn_in_append_list(char *dst, size_t size, const kn_names *nl) {
  const char *more = ", ...";
  size_t o = strlen(dst);
  size_t n = kn_names_count(nl);
  for (size_t i = 0; i < n; i++) {
    const char *name = kn_names_at(nl, i);
    const char *sep = i ? ", " : "";
    size_t need = strlen(sep) + strlen(name);
    /* Keep room for ", ..." unless this is the last name. */
    size_t reserve = i + 1 < n ? strlen(more) : 0;
    if (o + need + reserve >= size) {
      if (o + strlen(more) < size) {
        memcpy(dst + o, more, strlen(more) + 1);
      }
      return;
    }
    snprintf(dst + o, size - o, "%s%s", sep, name);
    o += need;
  }
}

/* ---- structure ------------------------------------------------------------------------------- */

int kn_in_expect_map(kn_in *in, const kn_ynode *n, const char *path) {
  if (n != NULL && n->kind == KN_Y_MAP) return 0;
  return kn_in_fail(in, n, path, KN_EPARSE, "expected a mapping");
}

void kn_in_join_path(char *dst, size_t size, const char *parent, const char *key, size_t keylen) {
  char k[96];
  kn_in_quote(k, sizeof k, key, keylen);
  snprintf(dst, size, "%s%s%s", parent, parent[0] ? "." : "", k);
}

int kn_in_check_keys(kn_in *in, const kn_ynode *map, const char *path, const kn_names *allowed) {
  size_t npair = map->n / 2;
  size_t nallowed = kn_names_count(allowed);
  for (size_t p = 0; p < npair; p++) {
    const kn_ynode *key = kn_in_child(in, map, 2 * p);
    if (key->kind != KN_Y_SCALAR) return kn_in_fail(in, key, path, KN_EPARSE, "expected a scalar");
    const char *k = kn_in_text(in, key);
    char field[128], shown[96];
    kn_in_join_path(field, sizeof field, path, k, key->n);
    kn_in_quote(shown, sizeof shown, k, key->n);

    int known = 0;
    for (size_t i = 0; i < nallowed && !known; i++)
      known = strlen(kn_names_at(allowed, i)) == key->n && strcmp(kn_names_at(allowed, i), k) == 0;
    if (!known) {
      int s = kn_in_suggest(k, key->n, allowed);
      if (s >= 0)
        return kn_in_fail(in, key, field, KN_EUNKNOWN_KEY,
                          "unknown key \"%s\"; did you mean \"%s\"?", shown,
                          kn_names_at(allowed, (size_t)s));
      char msg[512];
      snprintf(msg, sizeof msg, "unknown key \"%s\"; allowed: ", shown);
      kn_in_append_list(msg, sizeof msg, allowed);
      return kn_in_fail(in, key, field, KN_EUNKNOWN_KEY, "%s", msg);
    }
    /* A known key can only repeat an earlier known key, so this scan stays short. */
    for (size_t q = 0; q < p; q++) {
      const kn_ynode *prev = kn_in_child(in, map, 2 * q);
      if (prev->n == key->n && strcmp(kn_in_text(in, prev), k) == 0)
        return kn_in_fail(in, key, field, KN_EPARSE,
                          "duplicate key \"%s\" (first given on line %d)", shown, prev->line);
    }
  }
  return 0;
}

int kn_in_field(const kn_in *in, const kn_ynode *map, const char *parent, const char *key,
                kn_field *f) {
  f->key = f->val = NULL;
  f->pos = 0;
  kn_in_join_path(f->path, sizeof f->path, parent, key, strlen(key));
  if (map == NULL || map->kind != KN_Y_MAP) return 0;
  for (size_t p = 0; p < map->n / 2; p++) {
    const kn_ynode *k = kn_in_child(in, map, 2 * p);
    if (k->kind == KN_Y_SCALAR && strcmp(kn_in_text(in, k), key) == 0) {
      f->key = k;
      f->val = kn_in_child(in, map, 2 * p + 1);
      f->pos = p;
      return 1;
    }
  }
  return 0;
}

/* ---- values ---------------------------------------------------------------------------------- */

static int expect_scalar(kn_in *in, const kn_field *f) {
  if (f->val->kind == KN_Y_SCALAR) return 0;
  return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected a scalar");
}

int kn_in_range_fail(kn_in *in, const kn_field *f, const kn_qspec *q, double v,
                     const char *suffix) {
  const char *sp = q->show[0] ? " " : "";
  return kn_in_fail(in, f->val, f->path, KN_ERANGE, "%g%s%s is out of range %c%g, %g]%s%s%s",
                    v / q->scale, sp, q->show, q->lo_open ? '(' : '[', q->lo / q->scale,
                    q->hi / q->scale, sp, q->show, suffix ? suffix : "");
}

int kn_in_quantity(kn_in *in, const kn_field *f, const kn_qspec *q, double *out) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  if (in->units == NULL) {
    char msg[256];
    rc = kn_units_open(&in->units, msg, sizeof msg);
    if (rc) return kn_in_fail(in, NULL, "", rc, "%s", msg);
  }
  const char *text = kn_in_text(in, f->val);
  if (memchr(text, '\0', f->val->n) != NULL)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "text contains a NUL character");
  double v = 0.0;
  char msg[512];
  rc = kn_units_parse(in->units, text, q->target, q->default_unit, q->example, &v, msg, sizeof msg);
  if (rc) return kn_in_fail(in, f->val, f->path, rc, "%s", msg);
  /* A tiny tolerance so that "0.1 ms" is not refused for a rounding error of the conversion. */
  double tol = KN_INPUT_ROUNDING * fmax(fabs(q->lo), fabs(q->hi));
  int below = q->lo_open ? v <= q->lo : v < q->lo - tol;
  if (below || v > q->hi + tol) return kn_in_range_fail(in, f, q, v, NULL);
  *out = v;
  return 0;
}

/* Parses text as a decimal integer ([+-]digits). Returns 0 if it is one; *neg and *mag get sign
 * and magnitude, *overflow is set when the magnitude exceeds UINT64_MAX. */
static int parse_integer(const char *s, size_t len, int *neg, uint64_t *mag, int *overflow) {
  size_t i = 0;
  *neg = 0;
  *mag = 0;
  *overflow = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  if (i < len && (s[i] == '+' || s[i] == '-')) *neg = s[i++] == '-';
  if (i == len) return -1;
  for (; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    unsigned d = (unsigned)(s[i] - '0');
    if (*mag > (UINT64_MAX - d) / 10)
      *overflow = 1;
    else
      *mag = *mag * 10 + d;
  }
  return 0;
}

int kn_in_int(kn_in *in, const kn_field *f, long long lo, long long hi, long long *out) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  int neg, overflow;
  uint64_t mag;
  if (parse_integer(kn_in_text(in, f->val), f->val->n, &neg, &mag, &overflow) != 0)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected an integer");
  /* lo and hi are small here, so a magnitude beyond 2^62 is simply out of range. */
  if (overflow || mag > ((uint64_t)1 << INT_BITS_MAX)) {
    char shown[96];
    kn_in_quote(shown, sizeof shown, kn_in_text(in, f->val), f->val->n);
    return kn_in_fail(in, f->val, f->path, KN_ERANGE, "%s is out of range [%lld, %lld]", shown, lo,
                      hi);
  }
  long long v = neg ? -(long long)mag : (long long)mag;
  if (v < lo || v > hi)
    return kn_in_fail(in, f->val, f->path, KN_ERANGE, "%lld is out of range [%lld, %lld]", v, lo,
                      hi);
  *out = v;
  return 0;
}

int kn_in_u64(kn_in *in, const kn_field *f, uint64_t *out) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  int neg, overflow;
  uint64_t mag;
  if (parse_integer(kn_in_text(in, f->val), f->val->n, &neg, &mag, &overflow) != 0)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected an integer");
  if (overflow || (neg && mag > 0)) {
    char shown[96];
    kn_in_quote(shown, sizeof shown, kn_in_text(in, f->val), f->val->n);
    return kn_in_fail(in, f->val, f->path, KN_ERANGE, "%s is out of range [0, %llu]", shown,
                      (unsigned long long)UINT64_MAX);
  }
  *out = mag;
  return 0;
}

/* Index of the name equal to text (of length len), or -1. */
static int exact_name(const char *text, size_t len, const kn_names *names) {
  size_t n = kn_names_count(names);
  for (size_t i = 0; i < n; i++)
    if (strlen(kn_names_at(names, i)) == len && strcmp(kn_names_at(names, i), text) == 0)
      return (int)i;
  return -1;
}

int kn_in_enum(kn_in *in, const kn_field *f, const kn_names *names, int *out) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  const char *s = kn_in_text(in, f->val);
  if ((*out = exact_name(s, f->val->n, names)) >= 0) return 0;
  char msg[512] = "expected one of: ";
  kn_in_append_list(msg, sizeof msg, names);
  int best = kn_in_suggest(s, f->val->n, names);
  if (best >= 0)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "%s; did you mean \"%s\"?", msg,
                      kn_names_at(names, (size_t)best));
  return kn_in_fail(in, f->val, f->path, KN_EPARSE, "%s", msg);
}

int kn_in_name(kn_in *in, const kn_field *f, const char *what, const kn_names *names, int *out) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  const char *s = kn_in_text(in, f->val);
  if ((*out = exact_name(s, f->val->n, names)) >= 0) return 0;
  char shown[96], msg[512];
  kn_in_quote(shown, sizeof shown, s, f->val->n);
  int best = kn_in_suggest(s, f->val->n, names);
  if (best >= 0)
    return kn_in_fail(in, f->val, f->path, KN_ENOTFOUND, "unknown %s \"%s\"; did you mean \"%s\"?",
                      what, shown, kn_names_at(names, (size_t)best));
  snprintf(msg, sizeof msg, "unknown %s \"%s\"; valid: ", what, shown);
  kn_in_append_list(msg, sizeof msg, names);
  return kn_in_fail(in, f->val, f->path, KN_ENOTFOUND, "%s", msg);
}

int kn_in_bool(kn_in *in, const kn_field *f, int *out) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  /* the YAML 1.2 core schema's booleans; a quoted "true" is a string, not a boolean */
  static const char *const yes[] = {"true", "True", "TRUE", NULL};
  static const char *const no[] = {"false", "False", "FALSE", NULL};
  const kn_names yes_names = {yes, NULL, 0}, no_names = {no, NULL, 0};
  const char *s = kn_in_text(in, f->val);
  int t = exact_name(s, f->val->n, &yes_names) >= 0, fa = exact_name(s, f->val->n, &no_names) >= 0;
  if ((t || fa) && f->val->quoted)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected true or false, without quotes");
  if (!t && !fa) return kn_in_fail(in, f->val, f->path, KN_EPARSE, "expected true or false");
  *out = t;
  return 0;
}

int kn_in_text_field(kn_in *in, const kn_field *f, char *dst, size_t size) {
  int rc = expect_scalar(in, f);
  if (rc) return rc;
  if (kn_in_is_null(in, f->val)) {
    dst[0] = '\0';
    return 0;
  }
  const char *s = kn_in_text(in, f->val);
  size_t n = f->val->n;
  if (memchr(s, '\0', n) != NULL)
    return kn_in_fail(in, f->val, f->path, KN_EPARSE, "text contains a NUL character");
  if (n >= size)
    return kn_in_fail(in, f->val, f->path, KN_ERANGE, "text is %zu bytes long; at most %zu allowed",
                      n, size - 1);
  memcpy(dst, s, n + 1);
  return 0;
}

int kn_in_top(kn_in *in, const char *key, const char *other, const kn_ynode **body) {
  const kn_ynode *root = kn_in_root(in);
  if (root == NULL)
    return kn_in_fail(in, NULL, "", KN_EPARSE, "empty file: expected a mapping with the key \"%s\"",
                      key);
  int rc = kn_in_expect_map(in, root, "");
  if (rc) return rc;
  kn_field f;
  /* a file of the other kind given in its place is the likely mistake: say so */
  if (kn_in_field(in, root, "", other, &f))
    return kn_in_fail(in, f.key, other, KN_EUNKNOWN_KEY,
                      "unknown key \"%s\"; allowed: %s (is this a %s file?)", other, key, other);
  const char *const top_keys[] = {key, NULL};
  const kn_names keys = {top_keys, NULL, 0};
  if ((rc = kn_in_check_keys(in, root, "", &keys))) return rc;
  if (!kn_in_field(in, root, "", key, &f))
    return kn_in_fail(in, root, "", KN_EMISSING, "missing required field \"%s\"", key);
  *body = f.val;
  return 0;
}

int kn_in_map_of(kn_in *in, const kn_ynode *n, const char *path, const char *const *allowed) {
  int rc = kn_in_expect_map(in, n, path);
  const kn_names keys = {allowed, NULL, 0};
  return rc ? rc : kn_in_check_keys(in, n, path, &keys);
}
