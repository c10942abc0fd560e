/* SPDX-License-Identifier: Apache-2.0 */
/* The recorder stage (src/core/stage.h): every column of the time series reduced (max, min or last)
 * over one record interval, so that a decimated series keeps the peaks that matter; each recorded
 * row goes to the caller's sink as it is made, and memory keeps at most KN_SERIES_KEPT_ROWS rows,
 * reduced two into one whenever they fill up.
 *
 * The recorder also owns the column layout: which columns a model records, their names and their
 * metadata (kn_column_info: site, quantity, unit, evidence, limit), from one table in recorder.c,
 * so that the names written to timeseries.csv and their meaning cannot drift apart. It samples
 * nothing itself: the wiring (src/sim) writes this step's value of every column, in layout order,
 * into kn_recorder_in.values. */
#ifndef KN_RECORDER_RECORDER_H
#define KN_RECORDER_RECORDER_H

#include <stddef.h>

#include "core/arena.h"
#include "core/params.h"
#include "core/stage.h"
#include "knead/sim.h"

#define KN_RECORDER_CLOCK KN_CLOCK_STEP /* samples every step, commits every record interval */

/* The sites a model records, in the order their columns appear. */
typedef struct kn_recorder_sites {
  int nslot;           /* hands (columns per hand) */
  int nregion;         /* regions reached */
  const int *regions;  /* (nregion) atlas indices */
  int nnerve;          /* nerves and vessels in them */
  const int *nerves;   /* (nnerve) atlas indices */
  int nmuscle;         /* muscles under pressure (tissue) */
  const int *muscles;  /* (nmuscle) atlas indices */
  int nnm;             /* muscles of the neuromuscular engine */
  const int *nm_atlas; /* atlas index of the first; NULL if nnm == 0 */
  size_t
      nm_atlas_stride; /* bytes from one nm muscle's atlas index to the next (array of structs) */
} kn_recorder_sites;

/* Constant: the layout. */
typedef struct kn_recorder_params {
  size_t ncol;           /* columns, "t_s" first */
  size_t col_slow;       /* first column of circulation and the whole body (set every 10 ms) */
  kn_column_info *cols;  /* (ncol) metadata, reduction included; in the model's arena */
  unsigned char *reduce; /* (ncol) cols[c].reduce packed: the step reads only this (cache) */
  double interval;       /* s, the session's record interval */
  size_t nrow_max;       /* rows a whole run records at `interval` */
  size_t kept_max;       /* rows kept in memory: min(nrow_max, KN_SERIES_KEPT_ROWS) */
} kn_recorder_params;

/* What it keeps from one step to the next. */
typedef struct kn_recorder_state {
  double *row;         /* (ncol) the recorded row being reduced; row[0] < 0: fresh */
  double *pending;     /* (ncol) the kept row being reduced from `stride` recorded ones */
  size_t merged;       /* recorded rows reduced into pending so far */
  double next_record;  /* s, when the next recorded row is complete */
  kn_series_sink sink; /* every recorded row as it is made (NULL: none); kept across reset */
  void *sink_ctx;
} kn_recorder_state;

/* This step's values. */
typedef struct kn_recorder_in {
  double t;             /* s, simulated time at the end of the step */
  const double *values; /* (ncol) every column's value now, in layout order and column units */
  int slow;             /* 1 if values from col_slow on are current (else they are ignored) */
} kn_recorder_in;

/* What it offers: the rows kept in memory. */
typedef struct kn_recorder_out {
  double *rows;  /* (kept_max * ncol) row-major */
  size_t nrow;   /* rows kept */
  size_t stride; /* recorded rows per kept row (1, 2, 4, ...) */
} kn_recorder_out;

/* Columns the sites make. */
size_t kn_recorder_column_count(const kn_recorder_sites *s);
/* Carves p->cols and p->reduce for ncol columns from a (two-pass arena: NULL while measuring). */
void kn_recorder_layout_take(kn_arena *a, size_t ncol, kn_recorder_params *p);
/* Fills p (cols already carved for kn_recorder_column_count(s) columns): names, metadata, limits
 * read from par; interval in s and the run's duration in s give nrow_max and kept_max. */
void kn_recorder_layout(const kn_recorder_sites *s, const kn_params *par, double interval,
                        double duration, kn_recorder_params *p);
/* The metadata of a column named `name` (as kn_recorder_layout names them), without a model:
 * limits at the parameters' defaults and site the atlas index (hand number for a hand). 1 if the
 * name is one the recorder makes, else 0 (*out cleared, name copied, site kind body). */
int kn_recorder_column_find(const char *name, kn_column_info *out);

/* Bytes kn_recorder_init takes from the arena. */
size_t kn_recorder_size(const kn_recorder_params *p);
/* Carves the state's and output's arrays (two-pass arena). */
void kn_recorder_init(const kn_recorder_params *p, kn_arena *a, kn_recorder_state *s,
                      kn_recorder_out *o);
/* Back to no rows, the next row at `interval`; the sink stays. */
void kn_recorder_reset(const kn_recorder_params *p, kn_recorder_state *s, kn_recorder_out *o);
/* Reduces this step's values into the row; commits it (sink, kept rows) once its interval is
 * complete. KN_OK. No allocation. */
int kn_recorder_step(const kn_recorder_params *p, const kn_recorder_in *in, kn_recorder_state *s,
                     kn_recorder_out *o, double dt);
/* Commits the last, partial row and keeps the last partial kept row (end of the run). */
void kn_recorder_finish(const kn_recorder_params *p, kn_recorder_state *s, kn_recorder_out *o);
/* 1 while no value of the current row has been taken: the next step must give every column. */
int kn_recorder_fresh(const kn_recorder_state *s);

#endif
