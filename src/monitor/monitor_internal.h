/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the safety monitor. Only src/monitor/ (and its tests) see this; the API is
 * knead/monitor.h. Nothing here may need <stdio.h> or <stdlib.h> (firmware build). */
#ifndef KN_MONITOR_INTERNAL_H
#define KN_MONITOR_INTERNAL_H

#include <stddef.h>

#include "core/params.h"
#include "knead/monitor.h"
#include "mechanics/mechanics.h"
#include "nerve/nerve.h"
#include "tissue/tissue.h"

/* The stress grid: the same as the simulator's (src/sim/model.c), so both read identical tables;
 * tests/unit/test_monitor.c checks that both give the same pressure on a nerve. */
enum { KN_MON_STRESS_NRHO = 81, KN_MON_STRESS_NZETA = 101 };
#define KN_MON_STRESS_RHO_MAX 8.0
#define KN_MON_STRESS_ZETA_MAX 10.0

/* Largest number of nerves or muscles the atlas puts in one region (checked by the model). */
enum { KN_MON_REGION_SITES_MAX = 6 };

/* Bytes the caller's model and monitor buffers are aligned to: the arena's alignment
 * (core/arena.h), as knead/monitor.h promises (16-byte aligned). */
enum { KN_MON_ALIGN = 16 };

/* The monitor's model: the simulator's stages over the whole atlas (local index = atlas index). */
struct kn_monitor_model {
  kn_subject subject;
  kn_params par;
  kn_nerve_params nerve;
  kn_tissue_params tissue;
  kn_sites sites;                      /* every region, nerve and muscle fitted to the subject */
  double *half_w, *half_l;             /* m (nregion), half the patch's width and length (clamp) */
  double area_min, area_max;           /* m^2, plausible contact areas (all contact types) */
  kn_stress_table stress;              /* normalised Boussinesq stress */
  kn_mechanics_params mech;            /* the stages' constant parts, as the simulator's */
  kn_nerve_stage_params nerve_stage;   /* */
  kn_tissue_stage_params tissue_stage; /* */
};

/* One contact point's memory between samples. */
typedef struct kn_mon_contact {
  double t_contact;  /* s since this contact began (0 when lifted) */
  double prev_force; /* N */
  double prev_rate;  /* N/s */
} kn_mon_contact;

/* One region: its alarms and the worst seen (this sample's load is in kn_monitor.mech). */
typedef struct kn_mon_region {
  unsigned open;      /* condition reasons open (bit per kn_monitor_reason) */
  double worst[4];    /* highest ratio seen: ISO pressure, ISO force, pain (p/ppt), bruise */
  kn_pain_state pain; /* its pain with summation and after-pain (src/protocol/pain.c) */
  double pain_t;      /* s, time the pain state is current to */
} kn_mon_region;

/* One nerve: its alarms and the time its state (kn_monitor.nerve_state) is current to. */
typedef struct kn_mon_nerve {
  double t;         /* s, time the state is current to */
  unsigned open;    /* condition reasons open */
  unsigned latched; /* dose reasons raised (once each) */
} kn_mon_nerve;

/* One muscle: its alarms and last sample's pressure (its state is in kn_monitor.tissue_state). */
typedef struct kn_mon_muscle {
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
  /* the stages' arrays (over the whole atlas); only the regions loaded are kept current */
  kn_mechanics_out mech;              /* this sample's loads */
  kn_nerve_stage_state nerve_state;   /* (nnerve) */
  kn_nerve_stage_out nerve_out;       /* (nnerve) */
  kn_tissue_stage_state tissue_state; /* (nmuscle) */
};

#endif
