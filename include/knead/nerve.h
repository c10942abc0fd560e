/* SPDX-License-Identifier: Apache-2.0 */
/* knead — nerve compression: intraneural perfusion, ischaemic conduction block per fibre class,
 * axonal transport (fast and slow), structural (mechanical) injury dose with the conduction loss
 * it leaves, and the graded outcome with its recovery time.
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

/* The fibre classes whose conduction is followed. Under ischaemia large sensory fibres fail first,
 * then large motor fibres, small (pain, temperature, autonomic) fibres last (Lundborg 1982; the
 * tourniquet literature); under mechanical deformation large fibres fail and small ones are spared
 * (Ochoa 1972). */
typedef enum kn_nerve_fibre {
  KN_FIBRE_MOTOR = 0,   /* large myelinated motor fibres (what a CMAP measures) */
  KN_FIBRE_SENSORY = 1, /* large myelinated sensory fibres (touch, vibration, paresthesia) */
  KN_FIBRE_SMALL = 2    /* thinly myelinated and unmyelinated fibres (A-delta, C) */
} kn_nerve_fibre;
#define KN_NERVE_FIBRES 3 /* number of kn_nerve_fibre classes */

/* Parameters of the nerve model, SI units (filled from the parameter list by the model). */
typedef struct kn_nerve_params {
  double perfusion_p50;       /* Pa */
  double perfusion_width;     /* Pa */
  double block_time;          /* s of full ischaemia to block */
  double recovery_time;       /* s, time constant of recovery */
  double paresthesia_level;   /* 1, ischaemic deficit giving paresthesia */
  double transport_p_no;      /* Pa, fast transport not blocked in transport_time */
  double transport_p_yes;     /* Pa, fast transport dose 1 after transport_time */
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
  double critical_perfusion;  /* 1, residual perfusion that just meets the nerve's needs */
  double sensory_onset;       /* 1, ischaemic deficit at which large sensory fibres start failing */
  double sensory_block;       /* 1, deficit at which they are all blocked */
  double small_onset;         /* 1, deficit at which small fibres start failing */
  double small_block;         /* 1, deficit at which they are all blocked */
  double sensory_mech;        /* 1, large sensory fibres' share of the motor fibres' lesion */
  double small_mech;          /* 1, small fibres' share of the motor fibres' lesion */
  double lesion_dose;         /* 1, structural dose that leaves 1 - 1/e of motor fibres blocked */
  double injury_rate_max; /* 1, bound of the structural dose rate, in doses per injury_time_ref */
  double transport_width; /* Pa, logistic width of the transport-pressure curve */
  double transport_recovery;      /* s, time constant of recovery of fast transport, unloaded */
  double slow_transport_time;     /* s, time to slow-transport dose 1 at transport_p_yes */
  double slow_transport_recovery; /* s, time constant of recovery of slow transport, unloaded */
} kn_nerve_params;

/* State of one nerve; all zero at rest (perfusion 1, conduction 1 set by kn_nerve_reset). */
typedef struct kn_nerve_state {
  double perfusion;      /* 1, fraction of normal intraneural blood flow */
  double ischaemia;      /* 1, ischaemic deficit: 0 none, 1 conduction block */
  double conduction;     /* 1, fraction of large motor fibres conducting */
  double transport_dose; /* 1, >= 1 means fast axonal transport blocked */
  double injury_dose;    /* 1, structural dose: >= 1 injury, >= severe_dose axonal */
  double p_peak;         /* Pa, highest pressure seen */
  double ischaemia_peak; /* 1, highest ischaemic deficit seen */
  double t_ischaemic;    /* s, time with perfusion below 50 % */
  kn_nerve_grade grade;  /* worst grade reached so far */
  double conduction_fibre[KN_NERVE_FIBRES];     /* 1, share conducting, per kn_nerve_fibre */
  double conduction_fibre_min[KN_NERVE_FIBRES]; /* 1, lowest share seen, per kn_nerve_fibre */
  double lesion;              /* 1, share of motor fibres blocked by structural injury */
  double slow_transport_dose; /* 1, >= 1 means slow axonal transport blocked */
  double transport_peak;      /* 1, highest fast-transport dose seen */
  double slow_transport_peak; /* 1, highest slow-transport dose seen */
} kn_nerve_state;

/* What of a nerve's state outlasts a session, for a course to carry to the next one: the
 * structural dose, the share of motor fibres its lesion still blocks, the two transport deficits
 * and the structural grade of the dose. Ischaemia is not carried: it clears within minutes to
 * hours of unloading (nerve_block_recovery), far inside the shortest gap between sessions. */
typedef struct kn_nerve_carry {
  double injury_dose;         /* 1, structural dose still counted */
  double lesion;              /* 1, share of large motor fibres still blocked by the lesion */
  double transport_dose;      /* 1, fast axonal transport deficit */
  double slow_transport_dose; /* 1, slow axonal transport deficit */
  kn_nerve_grade grade;       /* grade of injury_dose alone: none, injury or axonal injury */
} kn_nerve_carry;

/* Fills np from the parameter table's defaults (what a model without `parameters:` uses). */
KN_API void kn_nerve_params_default(kn_nerve_params *np);
KN_API void kn_nerve_reset(kn_nerve_state *s);

/* Intraneural perfusion (0..1) at pressure p (Pa): logistic through the Rydevik thresholds. */
KN_API double kn_nerve_perfusion(const kn_nerve_params *np, double p);

/* Fraction (0..1) of large motor fibres conducting at ischaemic deficit `ischaemia`, without
 * structural lesion: all of them up to conduction_onset, none at 1, linear between. */
KN_API double kn_nerve_conduction(const kn_nerve_params *np, double ischaemia);

/* Fraction (0..1) of fibres of class f conducting at ischaemic deficit `ischaemia` with a share
 * `lesion` (0..1) of motor fibres blocked by structural injury: the ischaemic block of the class
 * (linear between its onset and block levels) times the lesion weighted by the class's mechanical
 * sensitivity. */
KN_API double kn_nerve_fibre_conduction(const kn_nerve_params *np, kn_nerve_fibre f,
                                        double ischaemia, double lesion);

/* Rates (1/s) of the ischaemic deficit at perfusion q (0..1): it builds at *build when q is below
 * critical_perfusion and relaxes towards 0 at *decay times the deficit above it
 * (d ischaemia/dt = build - decay * ischaemia). */
KN_API void kn_nerve_ischaemia_rates(const kn_nerve_params *np, double q, double *build,
                                     double *decay);

/* Build rate (1/s) of the fast-transport dose at pressure p (Pa), without recovery: a logistic in
 * pressure centred between transport_p_no and transport_p_yes. */
KN_API double kn_nerve_transport_rate(const kn_nerve_params *np, double p);

/* Time (s) for the fast-transport dose to rise from `dose` to 1 under constant pressure p (Pa),
 * recovery included: 0 if already blocked, INFINITY if p never blocks it. */
KN_API double kn_nerve_transport_time(const kn_nerve_params *np, double p, double dose);

/* Structural dose rate (1/s) at pressure p (Pa) applied over loaded length L (m) along the nerve:
 * the deforming pressure edge is p * min(1, edge_length / L); above injury_p_safe the dose grows
 * linearly at first (injury_p_ref for injury_time_ref gives dose 1) and saturates at
 * injury_rate_max doses per injury_time_ref (no graded outcome is known above ~400 mmHg). */
KN_API double kn_nerve_injury_rate(const kn_nerve_params *np, double p, double loaded_length);

/* What state s leaves to a later session (at the end of a run). */
KN_API void kn_nerve_carry_of(const kn_nerve_params *np, const kn_nerve_state *s,
                              kn_nerve_carry *c);

/* Ages a carried state over `gap` seconds unloaded, with the recovery the nerve model steps by:
 * the dose is all there until its grade's shortest recovery (recovery[grade][0]; a dose below
 * injury ages on the injury window), gone at the longest, linear between; the lesion is repaired
 * as kn_nerve_step repairs it, exp(-3 gap / repair) with repair the grade's shortest recovery
 * (hours below injury); each transport deficit decays exp(-gap / its recovery time constant).
 * The grade is then that of the dose left. gap <= 0 changes nothing. */
KN_API void kn_nerve_carry_age(const kn_nerve_params *np, kn_nerve_carry *c, double gap);

/* A nerve at rest but for what an earlier session left (c; NULL: kn_nerve_reset): its dose,
 * lesion, transport deficits and grade, with the conduction of each fibre class the lesion
 * leaves (the lowest seen so far starts there too). */
KN_API void kn_nerve_reset_from(const kn_nerve_params *np, kn_nerve_state *s,
                                const kn_nerve_carry *c);

/* Advances one nerve by dt seconds under pressure p (Pa) over loaded length L (m). */
KN_API void kn_nerve_step(const kn_nerve_params *np, kn_nerve_state *s, double p,
                          double loaded_length, double dt);

#ifdef __cplusplus
}
#endif
#endif
