/* SPDX-License-Identifier: Apache-2.0 */
/* The recorder: the column layout with its metadata, and the reduction of every column (max, min
 * or last) over one record interval, so that a decimated series keeps the peaks that matter. Every
 * recorded row goes to the caller's sink as it is made (the full series, streamed); memory keeps at
 * most KN_SERIES_KEPT_ROWS rows, reduced the same way two into one whenever they fill up, so a run
 * of any length records in the memory kn_data_create allocated. */
#include "recorder/recorder.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/fmath.h"
#include "knead/params.h"

/* Time (s) by which t may fall short of the next record and still make it: t is summed from many
 * steps and carries their rounding (numerical guard). */
#define RECORD_TIME_TOLERANCE 1e-9

/* Whose columns a row of the table makes: one column per site of the list. */
typedef enum site_list {
  LIST_TIME,    /* one column, the clock */
  LIST_HANDS,   /* each hand */
  LIST_REGIONS, /* each region reached */
  LIST_NERVES,  /* each nerve or vessel */
  LIST_MUSCLES, /* each muscle under pressure */
  LIST_NM,      /* each muscle of the neuromuscular engine */
  LIST_BODY     /* one column, the whole body */
} site_list;

/* One quantity: its name is prefix_SITE_suffix (prefix_suffix for the clock and the whole body;
 * no _suffix when suffix is ""). Rows in the order of the columns: consecutive rows of one list
 * form a group, written site by site. */
typedef struct quantity {
  site_list list;
  const char *prefix, *suffix; /* the name around the site; the suffix tags the unit */
  const char *unit;            /* the unit the values are in (kn_column_info.unit) */
  const char *title, *topic;
  kn_column_reduce reduce;
  int has_evidence;
  kn_evidence evidence;
  const char *limit_name;  /* NULL: no limit */
  const char *limit_param; /* the limit's parameter, or NULL with limit_fixed */
  double limit_fixed;      /* the limit when it is a definition, not a parameter */
  int slow;
} quantity;

#define NONE 0, KN_EVIDENCE_HUMAN /* no evidence level of its own: "model derived" */
#define EV(level) 1, KN_EVIDENCE_##level
#define NO_LIMIT NULL, NULL, 0.0
#define DOSE_ONE 1.0 /* a dose is scaled so that 1 is its outcome (docs/model.md) */

/* The evidence level of each quantity is the one the outcome it feeds carries (a unit test checks
 * each against kn_data_outcome): pain evidence_pain (outcome.c), the nerve's doses evidence_nerve,
 * muscle damage evidence_muscle, the neuromuscular engine its outcome's (engine.c), circulation its
 * outcome's (local.c), heart, pressure and cortisol the systemic outcome's (systemic.c). Contact
 * force and pressure follow the plan; pressure at a nerve or in a muscle, core temperature and the
 * autonomic balance are derived by the model with no outcome of their own: no level. */
static const quantity QUANTITIES[] = {
    {LIST_TIME, "t", "s", "s", "Time", "time", KN_REDUCE_LAST, NONE, NO_LIMIT, 0},
    {LIST_HANDS, "force", "N", "N", "Force of the hand", "contact", KN_REDUCE_MAX, NONE, NO_LIMIT,
     0},
    {LIST_HANDS, "p_surface", "kPa", "kPa", "Pressure on the skin", "contact", KN_REDUCE_MAX, NONE,
     NO_LIMIT, 0},
    {LIST_HANDS, "force_rate", "N_per_s", "N/s", "How fast the force changes", "contact",
     KN_REDUCE_MAX, NONE, NO_LIMIT, 0},
    {LIST_REGIONS, "pain_prob", "", "1", "Probability of pain", "contact", KN_REDUCE_MAX,
     EV(EXPERT), "pain counted as lasting above it", "pain_probability_event", 0.0, 0},
    {LIST_NERVES, "p_nerve", "mmHg", "mmHg", "Pressure on nerves and vessels", "nerve",
     KN_REDUCE_MAX, NONE, "intraneural perfusion halves", "nerve_perfusion_p50", 0.0, 0},
    {LIST_NERVES, "perfusion", "pct", "%", "Blood flow inside the nerve", "nerve", KN_REDUCE_MIN,
     EV(ANIMAL), NO_LIMIT, 0},
    {LIST_NERVES, "conduction", "pct", "%", "Nerve conduction", "nerve", KN_REDUCE_MIN, EV(ANIMAL),
     NO_LIMIT, 0},
    {LIST_NERVES, "injury_dose", "", "1", "Nerve injury dose (1 = injury)", "nerve", KN_REDUCE_LAST,
     EV(ANIMAL), "structural injury", NULL, DOSE_ONE, 0},
    {LIST_MUSCLES, "p_muscle", "kPa", "kPa", "Pressure in the muscle", "muscle_pressure",
     KN_REDUCE_MAX, NONE, NO_LIMIT, 0},
    {LIST_MUSCLES, "damage", "", "1", "Muscle damage dose (1 = cell death)", "muscle_pressure",
     KN_REDUCE_LAST, EV(ANIMAL), "muscle cell death", NULL, DOSE_ONE, 0},
    {LIST_NM, "force", "N", "N", "Muscle force", "muscle_activity", KN_REDUCE_MAX, EV(EXPERT),
     NO_LIMIT, 0},
    {LIST_NM, "emg", "au", "a.u.", "Muscle activity (EMG)", "muscle_activity", KN_REDUCE_MAX,
     EV(EXPERT), NO_LIMIT, 0},
    {LIST_NM, "firing_rate", "per_s", "1/s", "Motor-unit firing rate", "muscle_activity",
     KN_REDUCE_MAX, EV(EXPERT), NO_LIMIT, 0},
    {LIST_NM, "length", "Lopt", "\u00d7 optimal length", "Muscle length", "muscle_activity",
     KN_REDUCE_LAST, EV(EXPERT), NO_LIMIT, 0},
    {LIST_REGIONS, "skin_flow", "rel", "\u00d7 resting", "Skin blood flow", "circulation",
     KN_REDUCE_MIN, EV(HUMAN), NO_LIMIT, 1},
    {LIST_REGIONS, "muscle_flow", "rel", "\u00d7 resting", "Muscle blood flow", "circulation",
     KN_REDUCE_MIN, EV(HUMAN), NO_LIMIT, 1},
    {LIST_REGIONS, "skin_temp", "degC", "\u00b0C", "Skin temperature", "temperature",
     KN_REDUCE_LAST, EV(HUMAN), NO_LIMIT, 1},
    {LIST_REGIONS, "muscle_temp", "degC", "\u00b0C", "Muscle temperature", "temperature",
     KN_REDUCE_LAST, EV(HUMAN), NO_LIMIT, 1},
    {LIST_NM, "potassium", "mM", "mmol/L", "Potassium around the muscle fibres", "circulation",
     KN_REDUCE_MAX, EV(HUMAN), NO_LIMIT, 1},
    {LIST_NM, "lactate", "mM", "mmol/L", "Lactate around the muscle fibres", "circulation",
     KN_REDUCE_MAX, EV(HUMAN), NO_LIMIT, 1},
    {LIST_BODY, "heart_rate", "bpm", "beats/min", "Heart rate", "systemic", KN_REDUCE_MIN,
     EV(HUMAN), NO_LIMIT, 1},
    {LIST_BODY, "systolic", "mmHg", "mmHg", "Systolic blood pressure", "systemic", KN_REDUCE_MIN,
     EV(HUMAN), NO_LIMIT, 1},
    {LIST_BODY, "diastolic", "mmHg", "mmHg", "Diastolic blood pressure", "systemic", KN_REDUCE_MIN,
     EV(HUMAN), NO_LIMIT, 1},
    {LIST_BODY, "cortisol", "rel", "\u00d7 start", "Cortisol", "systemic", KN_REDUCE_LAST,
     EV(HUMAN), NO_LIMIT, 1},
    {LIST_BODY, "core_temp", "degC", "\u00b0C", "Core temperature", "temperature", KN_REDUCE_LAST,
     NONE, NO_LIMIT, 1},
    {LIST_BODY, "autonomic_balance", "", "1",
     "Autonomic balance (-1 parasympathetic, +1 sympathetic)", "systemic", KN_REDUCE_LAST, NONE,
     NO_LIMIT, 1},
};
enum { NQUANTITY = sizeof QUANTITIES / sizeof QUANTITIES[0] };

#undef NONE
#undef EV
#undef NO_LIMIT

static kn_column_site site_kind_of(site_list l) {
  static const kn_column_site kind[] = {KN_COLUMN_TIME,  KN_COLUMN_HAND,   KN_COLUMN_REGION,
                                        KN_COLUMN_NERVE, KN_COLUMN_MUSCLE, KN_COLUMN_MUSCLE,
                                        KN_COLUMN_BODY};
  return kind[l];
}

/* Sites in list l. */
static int list_count(const kn_recorder_sites *s, site_list l) {
  switch (l) {
  case LIST_HANDS:
    return s->nslot;
  case LIST_REGIONS:
    return s->nregion;
  case LIST_NERVES:
    return s->nnerve;
  case LIST_MUSCLES:
    return s->nmuscle;
  case LIST_NM:
    return s->nnm;
  default:
    return 1;
  }
}

/* Atlas index (hand number from 1; -1 for the clock and the body) of site i of list l. */
static int list_site(const kn_recorder_sites *s, site_list l, int i) {
  switch (l) {
  case LIST_HANDS:
    return i + 1;
  case LIST_REGIONS:
    return s->regions[i];
  case LIST_NERVES:
    return s->nerves[i];
  case LIST_MUSCLES:
    return s->muscles[i];
  case LIST_NM:
    return *(const int *)(const void *)((const char *)s->nm_atlas + (size_t)i * s->nm_atlas_stride);
  default:
    return -1;
  }
}

/* The atlas name of a site ("hand1" for a hand, "" for the clock and the body). */
static void site_name(kn_column_site kind, int site, char *out, size_t size) {
  switch (kind) {
  case KN_COLUMN_HAND:
    snprintf(out, size, "hand%d", site);
    return;
  case KN_COLUMN_REGION:
    snprintf(out, size, "%s", kn_atlas_region((size_t)site)->name);
    return;
  case KN_COLUMN_NERVE:
    snprintf(out, size, "%s", kn_atlas_nerve((size_t)site)->name);
    return;
  case KN_COLUMN_MUSCLE:
    snprintf(out, size, "%s", kn_atlas_muscle((size_t)site)->name);
    return;
  default:
    out[0] = '\0';
  }
}

/* The parameter's default in its display unit (the limit of a model-less description). */
static double param_default(const char *name) {
  int i = kn_param_find(name);
  return i >= 0 ? kn_param((size_t)i)->display : NAN;
}

/* The description of quantity q at a site; limits from par, or the defaults when par is NULL. */
static void describe(const quantity *q, int site, const kn_params *par, kn_column_info *c) {
  memset(c, 0, sizeof *c);
  c->site_kind = site_kind_of(q->list);
  c->site = site;
  site_name(c->site_kind, site, c->site_name, sizeof c->site_name);
  const char *sep_site = c->site_name[0] ? "_" : "", *sep_unit = q->suffix[0] ? "_" : "";
  char name[3 * KN_COLUMN_NAME_MAX]; /* atlas names are short: the name fits (a test checks) */
  snprintf(name, sizeof name, "%s%s%s%s%s", q->prefix, sep_site, c->site_name, sep_unit, q->suffix);
  snprintf(c->name, sizeof c->name, "%.63s", name); /* 63: KN_COLUMN_NAME_MAX - 1 */
  c->quantity = q->prefix;
  c->title = q->title;
  c->topic = q->topic;
  c->unit = q->unit;
  c->reduce = q->reduce;
  c->has_evidence = q->has_evidence;
  c->evidence = q->evidence;
  c->limit_name = q->limit_name;
  c->limit_param = q->limit_param;
  c->slow = q->slow;
  c->limit = NAN;
  if (!q->limit_name) return;
  if (!q->limit_param) {
    c->limit = q->limit_fixed;
    return;
  }
  int i = kn_param_find(q->limit_param);
  /* the parameter's unit is the column's (checked by tests/unit/test_stage_recorder.c) */
  c->limit = par && i >= 0 ? kn_params_get(par, i) / kn_param((size_t)i)->si
                           : param_default(q->limit_param);
}

size_t kn_recorder_column_count(const kn_recorder_sites *s) {
  size_t n = 0;
  for (int q = 0; q < NQUANTITY; q++)
    n += (size_t)list_count(s, QUANTITIES[q].list);
  return n;
}

void kn_recorder_layout_take(kn_arena *a, size_t ncol, kn_recorder_params *p) {
  p->cols = kn_arena_take(a, ncol, sizeof(kn_column_info));
  p->reduce = kn_arena_take(a, ncol, sizeof(unsigned char));
}

void kn_recorder_layout(const kn_recorder_sites *s, const kn_params *par, double interval,
                        double duration, kn_recorder_params *p) {
  size_t c = 0;
  p->col_slow = 0;
  for (int first = 0; first < NQUANTITY;) {
    /* a group: the consecutive quantities of one list, written site by site */
    int end = first + 1;
    while (end < NQUANTITY && QUANTITIES[end].list == QUANTITIES[first].list &&
           QUANTITIES[end].slow == QUANTITIES[first].slow)
      end++;
    if (QUANTITIES[first].slow && !p->col_slow) p->col_slow = c;
    for (int i = 0; i < list_count(s, QUANTITIES[first].list); i++) {
      int site = list_site(s, QUANTITIES[first].list, i);
      for (int q = first; q < end; q++, c++) {
        describe(&QUANTITIES[q], site, par, &p->cols[c]);
        p->reduce[c] = (unsigned char)p->cols[c].reduce;
      }
    }
    first = end;
  }
  p->ncol = c;
  p->interval = interval;
  p->nrow_max = (size_t)floor(duration / interval) + 2;
  p->kept_max = p->nrow_max < KN_SERIES_KEPT_ROWS ? p->nrow_max : KN_SERIES_KEPT_ROWS;
}

/* The site named `name` of kind k, or -1. */
static int find_site(kn_column_site k, const char *name) {
  if (k == KN_COLUMN_HAND) {
    int n = 0, len = 0;
    if (sscanf(name, "hand%d%n", &n, &len) == 1 && name[len] == '\0' && n >= 1) return n;
    return -1;
  }
  size_t count = k == KN_COLUMN_REGION  ? kn_atlas_region_count()
                 : k == KN_COLUMN_NERVE ? kn_atlas_nerve_count()
                                        : kn_atlas_muscle_count();
  for (size_t i = 0; i < count; i++) {
    const char *n = k == KN_COLUMN_REGION  ? kn_atlas_region(i)->name
                    : k == KN_COLUMN_NERVE ? kn_atlas_nerve(i)->name
                                           : kn_atlas_muscle(i)->name;
    if (!strcmp(n, name)) return (int)i;
  }
  return -1;
}

/* 1 if `name` is quantity q at some site (*site set). */
static int matches(const quantity *q, const char *name, int *site) {
  size_t np = strlen(q->prefix), ns = strlen(q->suffix), len = strlen(name);
  if (strncmp(name, q->prefix, np) != 0) return 0;
  const char *rest = name + np;
  size_t nrest = len - np;
  if (ns) { /* "_suffix" at the end */
    if (nrest < ns + 1 || strcmp(name + len - ns, q->suffix) != 0 || name[len - ns - 1] != '_')
      return 0;
    nrest -= ns + 1;
  }
  kn_column_site k = site_kind_of(q->list);
  if (k == KN_COLUMN_TIME || k == KN_COLUMN_BODY) {
    *site = -1;
    return nrest == 0;
  }
  if (nrest < 2 || rest[0] != '_' || nrest - 1 >= KN_COLUMN_NAME_MAX) return 0;
  char middle[KN_COLUMN_NAME_MAX];
  memcpy(middle, rest + 1, nrest - 1);
  middle[nrest - 1] = '\0';
  *site = find_site(k, middle);
  return *site >= 0;
}

int kn_recorder_column_find(const char *name, kn_column_info *out) {
  for (int q = 0; q < NQUANTITY; q++) {
    int site;
    if (matches(&QUANTITIES[q], name, &site)) {
      describe(&QUANTITIES[q], site, NULL, out);
      return 1;
    }
  }
  memset(out, 0, sizeof *out);
  snprintf(out->name, sizeof out->name, "%s", name);
  out->site_kind = KN_COLUMN_BODY;
  out->site = -1;
  out->quantity = out->name;
  out->title = out->name;
  out->topic = "";
  out->unit = "";
  out->limit = NAN;
  return 0;
}

size_t kn_recorder_size(const kn_recorder_params *p) {
  kn_arena measure = {0};
  kn_recorder_state s;
  kn_recorder_out o;
  kn_recorder_init(p, &measure, &s, &o);
  return measure.used;
}

void kn_recorder_init(const kn_recorder_params *p, kn_arena *a, kn_recorder_state *s,
                      kn_recorder_out *o) {
  o->rows = kn_arena_take(a, p->kept_max * p->ncol, sizeof(double));
  s->pending = kn_arena_take(a, p->ncol, sizeof(double));
  s->row = kn_arena_take(a, p->ncol, sizeof(double));
}

void kn_recorder_reset(const kn_recorder_params *p, kn_recorder_state *s, kn_recorder_out *o) {
  o->nrow = 0;
  o->stride = 1;
  s->merged = 0;
  s->next_record = p->interval; /* rows at interval, 2x, ... */
  memset(s->row, 0, p->ncol * sizeof(double));
  s->row[0] = -1.0;
}

int kn_recorder_fresh(const kn_recorder_state *s) {
  return s->row[0] < 0.0;
}

/* dst becomes the reduction of itself and the later row src, column by column. */
static void reduce_into(const kn_recorder_params *p, double *dst, const double *src) {
  for (size_t c = 0; c < p->ncol; c++) {
    if (p->reduce[c] == KN_REDUCE_LAST)
      dst[c] = src[c];
    else if (p->reduce[c] == KN_REDUCE_MAX)
      dst[c] = kn_max(dst[c], src[c]);
    else
      dst[c] = kn_min(dst[c], src[c]);
  }
}

/* The kept rows are full: every two neighbours become one, so the kept series covers the run at
 * twice the interval and keeps every peak. */
static void halve_kept(const kn_recorder_params *p, kn_recorder_out *o) {
  size_t ncol = p->ncol, kept = 0;
  for (size_t r = 0; r < o->nrow; r += 2, kept++) {
    double *dst = o->rows + kept * ncol;
    memmove(dst, o->rows + r * ncol, ncol * sizeof(double));
    if (r + 1 < o->nrow) reduce_into(p, dst, o->rows + (r + 1) * ncol);
  }
  o->nrow = kept;
  o->stride *= 2;
}

static void keep_pending(const kn_recorder_params *p, kn_recorder_state *s, kn_recorder_out *o) {
  memcpy(o->rows + o->nrow * p->ncol, s->pending, p->ncol * sizeof(double));
  o->nrow++;
  s->merged = 0;
}

/* One recorded row: to the sink as it is, and reduced into the rows kept in memory. */
static void commit(const kn_recorder_params *p, kn_recorder_state *s, kn_recorder_out *o) {
  if (s->sink) s->sink(s->sink_ctx, s->row, 1, p->ncol);
  /* full: halve before a new kept row begins, so every kept row reduces the same number */
  if (s->merged == 0 && o->nrow == p->kept_max) halve_kept(p, o);
  if (s->merged == 0)
    memcpy(s->pending, s->row, p->ncol * sizeof(double));
  else
    reduce_into(p, s->pending, s->row);
  if (++s->merged == o->stride) keep_pending(p, s, o);
}

int kn_recorder_step(const kn_recorder_params *p, const kn_recorder_in *in, kn_recorder_state *s,
                     kn_recorder_out *o, double dt) {
  (void)dt; /* the row closes on the clock (in->t), whatever the steps were */
  /* fresh interval: the first sample sets every column */
  int fresh = kn_recorder_fresh(s);
  /* circulation and the whole body change only when they update (every KN_CIRC_PERIOD) */
  size_t ncol = fresh || in->slow ? p->ncol : p->col_slow;
  double *row = s->row;
  const double *val = in->values;
  for (size_t c = 0; c < ncol; c++) {
    if (fresh || p->reduce[c] == KN_REDUCE_LAST)
      row[c] = val[c];
    else if (p->reduce[c] == KN_REDUCE_MAX)
      row[c] = kn_max(row[c], val[c]);
    else
      row[c] = kn_min(row[c], val[c]);
  }
  if (in->t + RECORD_TIME_TOLERANCE >= s->next_record) {
    commit(p, s, o);
    s->next_record += p->interval;
    row[0] = -1.0; /* marks the next interval fresh */
  }
  return KN_OK;
}

void kn_recorder_finish(const kn_recorder_params *p, kn_recorder_state *s, kn_recorder_out *o) {
  if (s->row[0] >= 0.0) commit(p, s, o);
  if (s->merged > 0) keep_pending(p, s, o); /* the last kept row, from fewer rows */
  s->row[0] = -1.0;
}

/* ---- the public names (knead/sim.h) ---- */

const char *kn_column_site_name(kn_column_site k) {
  static const char *const names[] = {"time", "hand", "region", "nerve", "muscle", "body"};
  return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *kn_column_reduce_name(kn_column_reduce r) {
  static const char *const names[] = {"last", "max", "min"};
  return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

int kn_series_column_find(const char *name, kn_column_info *out) {
  return kn_recorder_column_find(name, out);
}
