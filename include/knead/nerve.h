/* SPDX-License-Identifier: Apache-2.0 */
/* knead — nerve compression: intraneural perfusion, ischaemic conduction block, axonal transport
 * block, structural (mechanical) injury dose, and the graded outcome with its recovery time.
 *
 * Inputs per step are the pressure on the nerve (Pa, from mechanics) and the loaded length along it
 * (m). Pressures tie to the animal experiments of Rydevik, Dahlin and Lundborg (SCIENCE.md §3). */
#ifndef KNEAD_NERVE_H
#define KNEAD_NERVE_H

#include "knead/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_nerve_grade {
  KN_NERVE_NONE = 0,        /* no effect */
  KN_NERVE_PARESTHESIA = 1, /* transient tingling/numbness from ischaemia; gone within minutes */
  KN_NERVE_BLOCK = 2,       /* ischaemic conduction block; reversible within minutes to hours */
  KN_NERVE_INJURY = 3,      /* structural injury (demyelination): weeks to recover */
  KN_NERVE_SEVERE = 4       /* axonal injury: months, possibly incomplete */
} kn_nerve_grade;

/* Doses are sums of many small steps; a dose counts as reached within this rounding margin. */
#define KN_DOSE_EPS 1e-9

/* "none", "transient paresthesia", "conduction block", "structural injury", "axonal injury". */
KN_API const char *kn_nerve_grade_name(kn_nerve_grade g);

/* Parameters of the nerve model, SI units (filled from the parameter list by the model). */
typedef struct kn_nerve_params {
  double perfusion_p50;       /* Pa */
  double perfusion_width;     /* Pa */
  double block_time;          /* s of full ischaemia to block */
  double recovery_time;       /* s, time constant of recovery */
  double paresthesia_level;   /* 1, ischaemic deficit giving paresthesia */
  double transport_p_no;      /* Pa */
  double transport_p_yes;     /* Pa */
  double transport_time;      /* s */
  double injury_p_safe;       /* Pa */
  double injury_p_ref;        /* Pa */
  double injury_time_ref;     /* s */
  double severe_dose;         /* 1 */
  double edge_length;         /* m */
  double ischaemic_perfusion; /* 1, perfusion below which the nerve counts as ischaemic */
  double conduction_onset;    /* 1, ischaemic deficit at which conduction starts to fail */
  double block_level;         /* 1, ischaemic deficit graded as conduction block */
  double ischaemia_max;       /* 1, largest ischaemic deficit (deep block saturates) */
  double recovery[5][2];      /* s, expected recovery [min, max] for each kn_nerve_grade */
} kn_nerve_params;

/* State of one nerve; all zero at rest (perfusion 1, conduction 1 set by kn_nerve_reset). */
typedef struct kn_nerve_state {
  double perfusion;      /* 1, fraction of normal intraneural blood flow */
  double ischaemia;      /* 1, ischaemic deficit: 0 none, 1 conduction block */
  double conduction;     /* 1, fraction of fibres conducting */
  double transport_dose; /* 1, >= 1 means fast axonal transport blocked */
  double injury_dose;    /* 1, structural dose: >= 1 injury, >= severe_dose axonal */
  double p_peak;         /* Pa, highest pressure seen */
  double ischaemia_peak; /* 1, highest ischaemic deficit seen */
  double t_ischaemic;    /* s, time with perfusion below 50 % */
  kn_nerve_grade grade;  /* worst grade reached so far */
} kn_nerve_state;

/* Fills np from the parameter table's defaults (what a model without `parameters:` uses). */
KN_API void kn_nerve_params_default(kn_nerve_params *np);
KN_API void kn_nerve_reset(kn_nerve_state *s);

/* Intraneural perfusion (0..1) at pressure p (Pa): logistic through the Rydevik thresholds. */
KN_API double kn_nerve_perfusion(const kn_nerve_params *np, double p);

/* Fraction (0..1) of fibres conducting at ischaemic deficit `ischaemia`: all of them up to
 * conduction_onset, none at 1, linear between. */
KN_API double kn_nerve_conduction(const kn_nerve_params *np, double ischaemia);

/* Structural dose rate (1/s) at pressure p (Pa) applied over loaded length L (m) along the nerve:
 * the deforming pressure edge is p * min(1, edge_length / L); above injury_p_safe the dose grows
 * linearly so that injury_p_ref for injury_time_ref gives dose 1. */
KN_API double kn_nerve_injury_rate(const kn_nerve_params *np, double p, double loaded_length);

/* Advances one nerve by dt seconds under pressure p (Pa) over loaded length L (m). */
KN_API void kn_nerve_step(const kn_nerve_params *np, kn_nerve_state *s, double p,
                          double loaded_length, double dt);

#ifdef __cplusplus
}
#endif
#endif
