/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the input readers: the YAML document tree and the checking field readers that the subject
 * and session loaders (src/input) and the population loader (src/cohort) are written with.
 *
 * A load goes: read the file (size-limited) → parse YAML/JSON events with libfyaml into a small
 * tree of nodes that remember where they start (kn_ydoc) → walk the tree with the checking readers
 * below, which turn every problem into a kn_diag with file, line, column, field path and message.
 */
#ifndef KNEAD_INPUT_INPUT_H
#define KNEAD_INPUT_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "knead/error.h"

/* Limits that keep a hostile file from costing much memory or time. */
#define KN_INPUT_MAX_BYTES ((size_t)4 * 1024 * 1024) /* bytes of one input file */
#define KN_INPUT_MAX_NODES ((size_t)600000)          /* YAML nodes of one document */
#define KN_INPUT_MAX_DEPTH 64                        /* nesting of mappings and sequences */
#define KN_INPUT_MAX_ACTIONS ((size_t)10000)         /* actions of one session */
/* "[" and "{" bytes of one file, wherever they stand: libfyaml's scanner costs about 350 bytes for
 * each unclosed one it looks ahead over, so this bounds it near 23 MB whatever the lexer of
 * prescan.c makes of the text. A 10 000-action session in flow style needs 10 000. */
#define KN_INPUT_MAX_OPENERS ((size_t)65536)
/* A value at an end of its range passes despite the unit conversion's rounding (relative). */
#define KN_INPUT_ROUNDING 1e-9

/* ---- the document tree ----------------------------------------------------------------------- */

typedef enum kn_ykind { KN_Y_SCALAR = 0, KN_Y_MAP = 1, KN_Y_SEQ = 2 } kn_ykind;

#define KN_YNONE ((size_t)-1)

/* One node. A mapping's children alternate key, value, key, value. */
typedef struct kn_ynode {
  kn_ykind kind;
  int line, col; /* 1-based start in the text */
  int quoted;    /* scalar written in quotes (or as a block scalar) */
  size_t off;    /* scalar: offset of its NUL-terminated text in kn_ydoc.text;
                    collection: offset of its first child in kn_ydoc.kids */
  size_t n;      /* scalar: text length in bytes; collection: number of children */
  size_t first;  /* while building: first child, KN_YNONE if none */
  size_t next;   /* while building: next sibling, KN_YNONE if none */
} kn_ynode;

typedef struct kn_ydoc {
  kn_ynode *node; /* (nnode) */
  size_t nnode, capnode;
  char *text; /* (ntext) scalar texts, each NUL-terminated */
  size_t ntext, captext;
  size_t *kids; /* (nnode) node indices of the children of every collection */
  size_t root;  /* index of the root node, KN_YNONE for an empty document */
} kn_ydoc;

/* ---- quantities ------------------------------------------------------------------------------ */

/* A loaded UDUNITS-2 unit system plus a "C" numeric locale; one per load call. */
typedef struct kn_units kn_units;

/* Loads the unit system. On failure returns KN_ENOMEM or KN_EINTERNAL and writes msg. */
int kn_units_open(kn_units **out, char *msg, size_t msgsize);
void kn_units_close(kn_units *u); /* NULL allowed */

/* Parses "<number> <unit>" and converts it to the unit target (e.g. "N", "m2", "year", "1").
 * default_unit (nullable) is used for a bare number; example (nullable) is the sample value shown
 * in "missing unit" messages. Returns 0, KN_EPARSE or KN_EUNIT (message in msg). */
int kn_units_parse(kn_units *u, const char *text, const char *target, const char *default_unit,
                   const char *example, double *out, char *msg, size_t msgsize);

/* ---- one load -------------------------------------------------------------------------------- */

/* State of one load call: where messages go and what the walk needs. */
typedef struct kn_in {
  const char *file; /* name used in messages */
  kn_diag *diag;    /* never NULL */
  kn_ydoc doc;
  kn_units *units; /* NULL until a quantity is first read */
} kn_in;

/* Starts a load: clears diag (a local one if the caller gave NULL) and the document. */
void kn_in_init(kn_in *in, const char *file, kn_diag *diag);
/* Frees everything kn_in_init and the readers allocated. */
void kn_in_done(kn_in *in);

/* Fills the diagnostic from the node's position (at may be NULL: no position) and returns code. */
int kn_in_fail(kn_in *in, const kn_ynode *at, const char *field, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Reads a whole file of at most KN_INPUT_MAX_BYTES into *text (NUL-terminated, free() it).
 * KN_EIO with the system's reason, KN_ETOOBIG, or KN_ENOMEM. */
int kn_in_read_file(kn_in *in, const char *path, char **text, size_t *len);

/* What a loader makes of a parsed document: walks in's tree into out, as kn_in_read_doc got it. */
typedef int (*kn_in_reader)(kn_in *in, void *out);

/* Every kn_*_parse: checks out (KN_EINVAL if NULL) and text (KN_EINVAL if NULL with len > 0),
 * parses text as the document called name (JSON if name ends in .json) and hands it to read with
 * out; the error in diag (may be NULL). */
int kn_in_read_doc(const char *text, size_t len, const char *name, kn_diag *diag, kn_in_reader read,
                   void *out);

/* Every kn_*_load: checks path and out (KN_EINVAL), reads the file (as kn_in_read_file) and gives
 * its text to kn_in_read_doc under the file's name; the error in diag (may be NULL). */
int kn_in_load_doc(const char *path, kn_diag *diag, kn_in_reader read, void *out);

/* Why kn_in_prescan refused a text: position (line 0: none), field ("encoding" or "yaml"), code
 * and message, as kn_in_fail takes them. */
typedef struct kn_prescan {
  int code;
  int line, col;
  char field[16];
  char message[160];
} kn_prescan;

/* Checks a text before it is parsed, in one pass and constant memory: at most KN_INPUT_MAX_BYTES;
 * UTF-8 (no NUL byte, no invalid sequence, no UTF-16/32 byte-order mark: KN_EPARSE, field
 * "encoding"); flow nesting at most KN_INPUT_MAX_DEPTH, an upper estimate of the nodes at most
 * KN_INPUT_MAX_NODES and at most KN_INPUT_MAX_OPENERS "[" and "{" (KN_ETOOBIG, field "yaml").
 * Returns 0 or the code, the reason in *r. */
int kn_in_prescan(const char *text, size_t len, kn_prescan *r);

/* Parses text into in->doc (JSON mode when json != 0). Syntax errors become KN_EPARSE with field
 * "yaml". An empty document leaves in->doc.root == KN_YNONE. */
int kn_in_parse(kn_in *in, const char *text, size_t len, int json);

/* 1 if name ends in ".json" (any case). */
int kn_in_is_json_name(const char *name);

/* ---- walking the tree ------------------------------------------------------------------------ */

const kn_ynode *kn_in_root(const kn_in *in); /* NULL for an empty document */
const kn_ynode *kn_in_child(const kn_in *in, const kn_ynode *n, size_t i);
const char *kn_in_text(const kn_in *in, const kn_ynode *n); /* scalar text, "" otherwise */
/* 1 for an unquoted empty, "~" or "null" scalar. */
int kn_in_is_null(const kn_in *in, const kn_ynode *n);

/* Writes text (len bytes) for use inside "..." in a message: control characters, quotes and
 * backslashes escaped, long text cut to about 60 bytes with "...". */
void kn_in_quote(char *dst, size_t size, const char *text, size_t len);

/* A list of names: either a NULL-terminated array or a count and a getter. */
typedef struct kn_names {
  const char *const *list; /* NULL-terminated, or NULL to use at/count */
  const char *(*at)(size_t i);
  size_t count;
} kn_names;
size_t kn_names_count(const kn_names *nl);
const char *kn_names_at(const kn_names *nl, size_t i);
/* Index of the name closest to text (case-insensitive edit distance <= 2, also counting a typo in
 * one "_"-separated word, or a prefix of at least 3 letters), or -1. */
int kn_in_suggest(const char *text, size_t len, const kn_names *nl);

/* The top level of a file: a mapping whose only key is `key`; *body is its value. A file of the
 * other kind (top key `other`, "subject" or "session") gets a message saying which it looks like.
 */
int kn_in_top(kn_in *in, const char *key, const char *other, const kn_ynode **body);
/* Appends "a, b, c" to dst (which holds a NUL-terminated string), stopping with ", ..." when the
 * buffer would overflow. */
void kn_in_append_list(char *dst, size_t size, const kn_names *nl);

/* Fails with "expected a mapping" unless n is a mapping. */
int kn_in_expect_map(kn_in *in, const kn_ynode *n, const char *path);
/* A mapping whose keys all come from the NULL-terminated list `allowed` (unknown key: a message
 * with a did-you-mean). Returns 0 or the error. */
int kn_in_map_of(kn_in *in, const kn_ynode *n, const char *path, const char *const *allowed);
/* Checks every key of a mapping, in document order: a scalar, one of allowed, not repeated.
 * Fails at the first offending key with "unknown key ..." or "duplicate key ...". */
int kn_in_check_keys(kn_in *in, const kn_ynode *map, const char *path, const kn_names *allowed);

/* Writes "parent.key" (just "key" when parent is empty) to dst, the key escaped for messages. */
void kn_in_join_path(char *dst, size_t size, const char *parent, const char *key, size_t keylen);

/* One field of a mapping: key and value nodes and its dotted path. */
typedef struct kn_field {
  const kn_ynode *key; /* NULL if the field is absent */
  const kn_ynode *val;
  size_t pos; /* index of the pair in the mapping, for "which came first" */
  char path[128];
} kn_field;

/* Looks key up in map (after kn_in_check_keys). Returns 1 if present. Fills f->path always. */
int kn_in_field(const kn_in *in, const kn_ynode *map, const char *parent, const char *key,
                kn_field *f);

/* How a quantity field is read and checked. Ranges are in the SI unit (target). */
typedef struct kn_qspec {
  const char *target;       /* SI unit to convert to, e.g. "N" */
  const char *default_unit; /* unit of a bare number, NULL: a unit is required */
  const char *example;      /* shown in "missing unit" messages, e.g. "40 N" */
  const char *show;         /* people's unit for range messages, e.g. "cm/s" ("" = none) */
  double scale;             /* target units per show unit, e.g. 0.01 for cm/s */
  double lo, hi;            /* allowed range in target units */
  int lo_open;              /* 1: lo itself is not allowed */
} kn_qspec;

/* Reads a quantity; KN_EPARSE, KN_EUNIT or KN_ERANGE on failure. */
int kn_in_quantity(kn_in *in, const kn_field *f, const kn_qspec *q, double *out);
/* Formats "<v> <unit> is out of range [lo, hi] <unit>" (value and limits in q->show) and fails
 * with KN_ERANGE at f. suffix (nullable) is appended. */
int kn_in_range_fail(kn_in *in, const kn_field *f, const kn_qspec *q, double v, const char *suffix);
/* Reads an integer in [lo, hi]. */
int kn_in_int(kn_in *in, const kn_field *f, long long lo, long long hi, long long *out);
/* Reads a non-negative integer up to UINT64_MAX. */
int kn_in_u64(kn_in *in, const kn_field *f, uint64_t *out);
/* Reads one of names (closed list): "expected one of: a, b". */
int kn_in_enum(kn_in *in, const kn_field *f, const kn_names *names, int *out);
/* Reads a name from an open list (the atlas's): on failure "unknown <what> ..." with the closest
 * name or the valid ones. */
int kn_in_name(kn_in *in, const kn_field *f, const char *what, const kn_names *names, int *out);
/* Reads a YAML boolean (true/True/TRUE, false/False/FALSE, unquoted) as 1 or 0; anything else
 * fails with "expected true or false". */
int kn_in_bool(kn_in *in, const kn_field *f, int *out);
/* Reads free text of at most size-1 bytes into dst. A null value gives "". */
int kn_in_text_field(kn_in *in, const kn_field *f, char *dst, size_t size);

#endif
