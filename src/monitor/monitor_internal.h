/* Inside the safety monitor. Only src/monitor/ (and its tests) see this; the API is
 * knead/monitor.h. Nothing here may need <stdio.h> or <stdlib.h> (firmware build). */
#ifndef KN_MONITOR_INTERNAL_H
#define KN_MONITOR_INTERNAL_H

#include <stddef.h>

#include "core/params.h"
#include "knead/mechanics.h"
#include "knead/monitor.h"
#include "knead/nerve.h"
#include "knead/tissue.h"

/* The stress grid: the same as the simulator's (src/sim/model.c), so both read identical tables;
 * tests/unit/test_monitor.c checks that both give the same pressure on a nerve. */
enum { KN_MON_STRESS_NRHO = 81, KN_MON_STRESS_NZETA = 101 };
#define KN_MON_STRESS_RHO_MAX 8.0
#define KN_MON_STRESS_ZETA_MAX 10.0

/* Level of the reflex model's "abrupt stroke" (src/neuromuscular/engine.c, trigger_of): a pressure
 * rise that strains the muscle faster than this many optimal lengths per second acts as a tendon
 * tap. source: calibrated: the neuromuscular engine's abrupt-stroke trigger (nm_tap_gain). */
#define KN_MON_ONSET_LEVEL 0.5

/* Fraction of the bruise force limit at which the simulator reports a bruise risk. source:
 * calibrated: as src/sim/events.c (KN_EV_BRUISE_RISK at index >= 0.7). */
#define KN_MON_BRUISE_LEVEL 0.7

/* Largest number of nerves or muscles the atlas puts in one region (checked by the model). */
enum { KN_MON_REGION_SITES_MAX = 6 };

struct kn_monitor_model {
  kn_subject subject;
  kn_params par;
  kn_nerve_params nerve;
  kn_tissue_params tissue;
  int nregion, nnerve, nmuscle;
  /* per region (nregion) */
  double *ppt_mean, *ppt_sd; /* Pa, pain threshold for this subject */
  double *p_limit, *f_limit; /* Pa, N, ISO/TS 15066 quasi-static */
  int *transient_ok;         /* 1 where ISO permits transient contact */
  double *mid_muscle;        /* m, depth of the middle of the muscle layer */
  double *half_w, *half_l;   /* m, half the patch's width and length (position clamp) */
  int *nerve_first;          /* (nregion + 1) offsets into nerve_list */
  int *nerve_list;           /* (nnerve) atlas nerve indices grouped by region */
  int *muscle_first;         /* (nregion + 1) offsets into muscle_list */
  int *muscle_list;          /* (nmuscle) atlas muscle indices grouped by region */
  double *nerve_depth;       /* m (nnerve, by atlas index), for this subject */
  double *muscle_depth;      /* m (nmuscle, by atlas index), for this subject */
  double area_min, area_max; /* m^2, plausible contact areas (all contact types of the atlas) */
  kn_stress_table stress;    /* normalised Boussinesq stress */
};

/* One contact point's memory between samples. */
typedef struct kn_mon_contact {
  double t_contact;  /* s since this contact began (0 when lifted) */
  double prev_force; /* N */
  double prev_rate;  /* N/s */
} kn_mon_contact;

/* One region: this sample's load and the worst seen. */
typedef struct kn_mon_region {
  double p, f, shear; /* Pa, N, Pa: this sample's highest surface pressure, force, shear */
  double t_contact;   /* s, oldest contact on it this sample */
  int transient;      /* 1 if the transient limits apply this sample */
  unsigned open;      /* condition reasons open (bit per kn_monitor_reason) */
  double worst[4];    /* highest ratio seen: ISO pressure, ISO force, pain (p/ppt), bruise */
} kn_mon_region;

typedef struct kn_mon_nerve {
  kn_nerve_state s; /* as kn_nerve_step keeps it */
  double t;         /* s, time the state is current to */
  double p, len;    /* Pa, m: this sample's pressure and loaded length */
  unsigned open;    /* condition reasons open */
  unsigned latched; /* dose reasons raised (once each) */
} kn_mon_nerve;

typedef struct kn_mon_muscle {
  kn_muscle_state s;
  double p;      /* Pa, this sample */
  double p_prev; /* Pa, last sample (0 if its region was not loaded) */
  unsigned open;
  unsigned latched;
} kn_mon_muscle;

struct kn_monitor {
  const kn_monitor_model *m;
  kn_monitor_config cfg;
  int started;   /* a sample was accepted */
  double t_prev; /* s, last accepted sample */
  int nback;     /* backward times in a row */
  int nloaded;   /* regions loaded at the last sample */
  int loaded[KN_MONITOR_MAX_CONTACTS];
  unsigned open; /* sample-level conditions open (abrupt onset, low margin) */
  kn_mon_contact contacts[KN_MONITOR_MAX_CONTACTS];
  kn_monitor_totals totals;
  kn_mon_region *regions; /* (nregion) */
  kn_mon_nerve *nerves;   /* (nnerve) */
  kn_mon_muscle *muscles; /* (nmuscle) */
};

#endif
