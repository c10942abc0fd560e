/* SPDX-License-Identifier: Apache-2.0 */
/* knead — reading an input file and turning its YAML or JSON text into a small node tree.
 *
 * We build our own tree from libfyaml's event stream rather than use its document API because the
 * events carry the start position of every node (mappings and sequences included), which is what
 * the messages need, and because it lets us refuse what a plain data file never needs: aliases (the
 * "billion laughs" attack), several documents in one file, and unbounded node counts. libfyaml's
 * own messages are collected through a diagnostic object, never printed. */
#include "input/input.h"

#include "core/file.h"

#include <errno.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the file -------------------------------------------------------------------------------- */

/* Checks path and out and reads the file, the error in diag (may be NULL). */
static int load_text(const char *path, const void *out, kn_diag *diag, char **text, size_t *len) {
  kn_diag local;
  kn_in in;
  kn_in_init(&in, path, diag ? diag : &local);
  *text = NULL;
  *len = 0;
  int rc = path == NULL || out == NULL ? kn_in_fail(&in, NULL, "", KN_EINVAL, "invalid argument")
                                       : kn_in_read_file(&in, path, text, len);
  kn_in_done(&in);
  return rc;
}

int kn_in_read_doc(const char *text, size_t len, const char *name, kn_diag *diag, kn_in_reader read,
                   void *out) {
  kn_diag local;
  kn_in in;
  kn_in_init(&in, name, diag ? diag : &local);
  int rc = out == NULL || (text == NULL && len > 0)
               ? kn_in_fail(&in, NULL, "", KN_EINVAL, "invalid argument")
               : kn_in_parse(&in, text ? text : "", len, kn_in_is_json_name(name));
  if (rc == 0) rc = read(&in, out);
  kn_in_done(&in);
  return rc;
}

int kn_in_load_doc(const char *path, kn_diag *diag, kn_in_reader read, void *out) {
  char *text;
  size_t len;
  int rc = load_text(path, out, diag, &text, &len);
  if (rc) return rc;
  rc = kn_in_read_doc(text, len, path, diag, read, out);
  free(text);
  return rc;
}

/* The system's text for an error number, thread-safely (XSI strerror_r). */
static void errno_text(int err, char *buf, size_t size) {
  if (strerror_r(err, buf, size) != 0) snprintf(buf, size, "error %d", err);
}

int kn_in_read_file(kn_in *in, const char *path, char **text, size_t *len) {
  char why[128];
  int err;
  kn_file_status status;
  *text = kn_read_file(path, KN_INPUT_MAX_BYTES, len, &status, &err);
  switch (status) {
  case KN_FILE_OK:
    return 0;
  case KN_FILE_OPEN:
    errno_text(err, why, sizeof why);
    return kn_in_fail(in, NULL, "", KN_EIO, "cannot open file: %s", why);
  case KN_FILE_READ:
    errno_text(err, why, sizeof why);
    return kn_in_fail(in, NULL, "", KN_EIO, "cannot read file: %s", why);
  case KN_FILE_TOOBIG:
    return kn_in_fail(in, NULL, "", KN_ETOOBIG, "file is larger than 4 MiB");
  case KN_FILE_NOMEM:
  default:
    return kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory reading the file");
  }
}

int kn_in_is_json_name(const char *name) {
  if (name == NULL) return 0;
  size_t n = strlen(name);
  const char *want = ".json";
  size_t w = strlen(want);
  if (n < w) return 0;
  const char *ext = name + n - w;
  for (size_t i = 0; i < w; i++) {
    char c = ext[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != want[i]) return 0;
  }
  return 1;
}

/* ---- building the tree ----------------------------------------------------------------------- */

/* First sizes of the node and text arrays (they double as needed). */
#define FIRST_NODES 256
#define FIRST_TEXT 4096

/* libfyaml text that reaches the output callback (normally nothing: errors are collected). */
typedef struct fy_out {
  char text[256];
  size_t n;
} fy_out;

static void fy_out_fn(struct fy_diag *diag, void *user, const char *buf, size_t len) {
  (void)diag;
  fy_out *o = user;
  size_t room = sizeof o->text - 1 - o->n;
  if (len > room) len = room;
  memcpy(o->text + o->n, buf, len);
  o->n += len;
  o->text[o->n] = '\0';
}

/* Appends a node; returns its index or KN_YNONE when out of memory or over the node limit (*err
 * says which). */
static size_t add_node(kn_ydoc *d, kn_ykind kind, int line, int col, int *err) {
  if (d->nnode >= KN_INPUT_MAX_NODES) {
    *err = KN_ETOOBIG;
    return KN_YNONE;
  }
  if (d->nnode == d->capnode) {
    size_t ncap = d->capnode ? d->capnode * 2 : FIRST_NODES;
    kn_ynode *nn = realloc(d->node, ncap * sizeof *nn);
    if (nn == NULL) {
      *err = KN_ENOMEM;
      return KN_YNONE;
    }
    d->node = nn;
    d->capnode = ncap;
  }
  kn_ynode *n = &d->node[d->nnode];
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->line = line;
  n->col = col;
  n->first = KN_YNONE;
  n->next = KN_YNONE;
  return d->nnode++;
}

/* Copies a scalar's text into the text store; returns its offset or KN_YNONE (out of memory). */
static size_t add_text(kn_ydoc *d, const char *s, size_t len) {
  if (d->captext - d->ntext < len + 1) {
    size_t ncap = d->captext ? d->captext : FIRST_TEXT;
    while (ncap - d->ntext < len + 1)
      ncap *= 2;
    char *nt = realloc(d->text, ncap);
    if (nt == NULL) return KN_YNONE;
    d->text = nt;
    d->captext = ncap;
  }
  size_t off = d->ntext;
  if (len > 0) memcpy(d->text + off, s, len);
  d->text[off + len] = '\0';
  d->ntext += len + 1;
  return off;
}

/* After building: lay out every collection's children contiguously in kids, in document order. */
static int index_kids(kn_ydoc *d) {
  d->kids = malloc((d->nnode ? d->nnode : 1) * sizeof *d->kids);
  if (d->kids == NULL) return KN_ENOMEM;
  size_t pos = 0;
  for (size_t i = 0; i < d->nnode; i++) {
    kn_ynode *n = &d->node[i];
    if (n->kind == KN_Y_SCALAR) continue;
    n->off = pos;
    n->n = 0;
    for (size_t c = n->first; c != KN_YNONE; c = d->node[c].next) {
      d->kids[pos++] = c;
      n->n++;
    }
  }
  return 0;
}

/* An open collection while building, with its last child so far. */
typedef struct open_coll {
  size_t node, last;
} open_coll;

int kn_in_parse(kn_in *in, const char *text, size_t len, int json) {
  kn_ydoc *d = &in->doc;
  d->root = KN_YNONE;
  /* libfyaml must never see a text it would cut short or spend unbounded memory on. */
  kn_prescan scan;
  if (kn_in_prescan(text, len, &scan) != 0) {
    kn_ynode where = {.line = scan.line, .col = scan.col};
    return kn_in_fail(in, scan.line > 0 ? &where : NULL, scan.field, scan.code, "%s", scan.message);
  }

  fy_out out = {{0}, 0};
  struct fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = NULL;
  dcfg.output_fn = fy_out_fn;
  dcfg.user = &out;
  dcfg.level = FYET_ERROR;
  dcfg.colorize = false;
  dcfg.show_source = false;
  dcfg.show_position = false;
  dcfg.show_type = false;
  dcfg.show_module = false;
  struct fy_diag *fdiag = fy_diag_create(&dcfg);
  if (fdiag == NULL)
    return kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory starting the parser");
  fy_diag_set_collect_errors(fdiag, true);

  struct fy_parse_cfg pcfg;
  memset(&pcfg, 0, sizeof pcfg);
  pcfg.flags = (enum fy_parse_cfg_flags)(FYPCF_QUIET | (json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE));
  pcfg.diag = fdiag;
  struct fy_parser *fyp = fy_parser_create(&pcfg);
  if (fyp == NULL) {
    fy_diag_destroy(fdiag);
    return kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory starting the parser");
  }

  int rc = 0;
  open_coll stack[KN_INPUT_MAX_DEPTH];
  int depth = 0, ndoc = 0;
  int last_line = 1, last_col = 1; /* position of the latest event that had one */
  if (len > 0 && fy_parser_set_string(fyp, text, len) != 0) {
    rc = kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory starting the parser");
    goto done;
  }

  struct fy_event *ev;
  while (len > 0 && rc == 0 && (ev = fy_parser_parse(fyp)) != NULL) {
    const struct fy_mark *m = fy_event_start_mark(ev);
    int line = m ? m->line + 1 : last_line, col = m ? m->column + 1 : last_col;
    if (m) {
      last_line = line;
      last_col = col;
    }
    kn_ynode where = {.line = line, .col = col};
    enum fy_event_type t = ev->type;

    /* libfyaml marks an alias at its name; point at the "*". */
    if (t == FYET_ALIAS && m && where.col > 1) where.col--;

    if (t == FYET_DOCUMENT_START && ++ndoc > 1) {
      rc = kn_in_fail(in, &where, "yaml", KN_EPARSE,
                      "more than one YAML document (\"---\"); put everything in one");
    } else if (t == FYET_ALIAS) {
      rc = kn_in_fail(in, &where, "yaml", KN_EPARSE, "YAML aliases (*name) are not supported");
    } else if (t == FYET_SCALAR || t == FYET_MAPPING_START || t == FYET_SEQUENCE_START) {
      kn_ykind kind = t == FYET_SCALAR          ? KN_Y_SCALAR
                      : t == FYET_MAPPING_START ? KN_Y_MAP
                                                : KN_Y_SEQ;
      size_t off = 0, tlen = 0;
      int quoted = 0;
      if (kind == KN_Y_SCALAR) {
        const char *s = fy_token_get_text(ev->scalar.value, &tlen);
        if (s == NULL) tlen = 0;
        enum fy_scalar_style st = fy_token_scalar_style(ev->scalar.value);
        quoted = st != FYSS_PLAIN && st != FYSS_ANY;
        /* libfyaml marks a quoted scalar at its first character; point at the opening quote. */
        if (m && (st == FYSS_SINGLE_QUOTED || st == FYSS_DOUBLE_QUOTED) && col > 1) col--;
        off = add_text(d, s ? s : "", tlen);
        if (off == KN_YNONE) rc = kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory");
      }
      int err = 0;
      size_t idx = rc ? KN_YNONE : add_node(d, kind, line, col, &err);
      if (rc == 0 && idx == KN_YNONE) {
        rc = err == KN_ETOOBIG
                 ? kn_in_fail(in, &where, "yaml", KN_ETOOBIG, "too many YAML nodes (more than %zu)",
                              KN_INPUT_MAX_NODES)
                 : kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory");
      }
      if (rc == 0) {
        d->node[idx].quoted = quoted;
        if (kind == KN_Y_SCALAR) {
          d->node[idx].off = off;
          d->node[idx].n = tlen;
        }
        if (depth == 0) {
          d->root = idx;
        } else {
          open_coll *p = &stack[depth - 1];
          if (p->last == KN_YNONE)
            d->node[p->node].first = idx;
          else
            d->node[p->last].next = idx;
          p->last = idx;
        }
        if (kind != KN_Y_SCALAR) {
          if (depth == KN_INPUT_MAX_DEPTH) {
            rc = kn_in_fail(in, &where, "yaml", KN_ETOOBIG, "nesting deeper than %d levels",
                            KN_INPUT_MAX_DEPTH);
          } else {
            stack[depth].node = idx;
            stack[depth].last = KN_YNONE;
            depth++;
          }
        }
      }
    } else if (t == FYET_MAPPING_END || t == FYET_SEQUENCE_END) {
      if (depth > 0) depth--;
    }
    fy_parser_event_free(fyp, ev);
  }

  if (rc == 0 && (fy_parser_get_stream_error(fyp) || fy_diag_got_error(fdiag))) {
    /* The first collected error is the cause; later ones are consequences. libfyaml reports these
     * positions 1-based already. */
    void *iter = NULL;
    struct fy_diag_error *e = fy_diag_errors_iterate(fdiag, &iter);
    if (e != NULL) {
      kn_ynode where = {.line = e->line > 0 ? e->line : 0, .col = e->column > 0 ? e->column : 0};
      rc = kn_in_fail(in, &where, "yaml", KN_EPARSE, "%s", e->msg ? e->msg : "syntax error");
    } else {
      while (out.n > 0 && (out.text[out.n - 1] == '\n' || out.text[out.n - 1] == ' '))
        out.text[--out.n] = '\0';
      rc = kn_in_fail(in, NULL, "yaml", KN_EPARSE, "%s", out.n ? out.text : "syntax error");
    }
  }
  if (rc == 0) rc = index_kids(d);
  if (rc == KN_ENOMEM && in->diag->code == KN_OK)
    rc = kn_in_fail(in, NULL, "", KN_ENOMEM, "out of memory");

done:
  fy_parser_destroy(fyp);
  fy_diag_destroy(fdiag);
  return rc;
}
