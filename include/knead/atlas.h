/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the body atlas: constant tables of body regions, their ISO/TS 15066 limits, tissue
 * layers, landmarks, muscles and the nerves and vessels at massage endangerment sites.
 *
 * Every number carries a source key (`src_*` fields) that resolves to a full reference in
 * docs/model.md, or reads "calibrated: <what to>" where we had to choose it.
 *
 * Geometry: each region is a flat patch of skin with its own 2-D coordinates (x across, y along the
 * body axis, metres, origin at the patch centre). Landmarks, nerve courses and muscle bellies are
 * placed in these coordinates; depth is measured from the skin surface inward. All tables are
 * static const: pointers returned here are valid for the life of the program and must not be freed.
 */
#ifndef KNEAD_ATLAS_H
#define KNEAD_ATLAS_H

#include "knead/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Evidence behind a number or an output, strongest first. */
typedef enum kn_evidence {
  KN_EVIDENCE_HUMAN = 0,  /* measured in humans */
  KN_EVIDENCE_ANIMAL = 1, /* measured in animals, carried over to humans */
  KN_EVIDENCE_EXPERT = 2, /* clinical consensus, case reports, or our calibration */
  KN_EVIDENCE_ARTICLE = 3 /* only the article claims it */
} kn_evidence;

/* "human data", "animal data", "expert opinion", "article claim only"; never NULL. */
KN_API const char *kn_evidence_name(kn_evidence e);

/* One body area of ISO/TS 15066:2016 Table A.2 (quasi-static limits; transient = 2x, or none). */
typedef struct kn_iso_area {
  int number;            /* 1..29, the row of Table A.2 */
  const char *name;      /* identifier, e.g. "neck_muscle" */
  const char *label;     /* as ISO names it, e.g. "Neck muscle" */
  double p_max;          /* Pa, maximum quasi-static pressure */
  double f_max;          /* N, maximum quasi-static force */
  int transient_allowed; /* 0 where ISO permits no transient contact (skull, forehead, face) */
  const char *src;       /* source key */
} kn_iso_area;

/* A massaged body region: a patch of skin over one ISO area, with its tissue layers. */
typedef struct kn_region {
  const char *name;       /* identifier used in session files, e.g. "neck_posterior" */
  const char *label;      /* human-readable, e.g. "back of the neck" */
  int iso_area;           /* index into kn_atlas_iso_area() whose limits apply */
  double width, length;   /* m, extent of the patch across (x) and along (y) the body */
  double skin;            /* m, skin (epidermis+dermis) thickness */
  double fat;             /* m, subcutaneous fat thickness at the reference body-fat fraction */
  double muscle;          /* m, thickness of the muscle layer under the fat (0 over bone) */
  double ppt_mean;        /* Pa, pressure pain threshold, mean (1 cm^2 algometer probe) */
  double ppt_sd;          /* Pa, pressure pain threshold, between-person standard deviation */
  const char *src_layers; /* source key for skin, fat, muscle */
  const char *src_ppt;    /* source key for the pain threshold */
} kn_region;

/* A named point on a region, e.g. "posterior_triangle" on "neck_lateral". */
typedef struct kn_landmark {
  const char *name;  /* identifier used in session files */
  const char *label; /* human-readable */
  int region;        /* index into kn_atlas_region() */
  double x, y;       /* m, position in the region's patch coordinates */
  const char *src;   /* source key for the position */
} kn_landmark;

/* Kinds of structure at an endangerment site. */
typedef enum kn_structure_kind { KN_NERVE = 0, KN_VESSEL = 1 } kn_structure_kind;

/* A nerve or vessel at a massage endangerment site. Its course is a straight segment in the region
 * patch from (x0,y0) to (x1,y1), at a constant depth below the skin. */
typedef struct kn_nerve {
  const char *name;       /* identifier, e.g. "spinal_accessory" */
  const char *label;      /* human-readable, e.g. "spinal accessory nerve (CN XI)" */
  kn_structure_kind kind; /* nerve or vessel */
  int region;             /* index into kn_atlas_region() */
  double x0, y0, x1, y1;  /* m, course in patch coordinates */
  double depth;           /* m, skin surface to the structure's centre, reference body fat */
  double diameter;        /* m, thickness of the nerve or vessel */
  double csa;             /* m^2, cross-sectional area (0 if not known) */
  int on_bone; /* 1 if it lies directly on bone (pressure cannot spread away beneath it) */
  const char
      *injury; /* what injury looks like, e.g. "shoulder pain and weakness, winged scapula" */
  const char *src_depth; /* source key for depth and size */
  const char *src_site;  /* source key for it being an endangerment site */
} kn_nerve;

/* A muscle massaged in a region (its belly, where a stroke usually goes). */
typedef struct kn_muscle {
  const char *name;  /* identifier, e.g. "upper_trapezius" */
  const char *label; /* human-readable */
  int region;        /* index into kn_atlas_region() */
  double x, y;       /* m, centre of the belly in patch coordinates */
  double depth;      /* m, skin surface to the middle of the belly, reference body fat */
  double thickness;  /* m, belly thickness */
  const char *src;   /* source key */
} kn_muscle;

/* The contact a hand or tool makes. */
typedef struct kn_contact_type {
  const char *name; /* "thumb", "fingertips", "palm", "knuckles", "forearm", "elbow", "tool" */
  double area;      /* m^2, typical contact area */
  double area_max;  /* m^2, largest plausible area (for input checks) */
  double area_min;  /* m^2, smallest plausible area */
  const char *src;  /* source key */
} kn_contact_type;

/* Reference body fat fraction at which region fat thicknesses are given (fraction, 0..1). */
KN_API double kn_atlas_reference_body_fat(void);

KN_API size_t kn_atlas_iso_area_count(void);
KN_API const kn_iso_area *kn_atlas_iso_area(size_t i); /* NULL if i is out of range */
KN_API size_t kn_atlas_region_count(void);
KN_API const kn_region *kn_atlas_region(size_t i); /* NULL if i is out of range */
KN_API size_t kn_atlas_landmark_count(void);
KN_API const kn_landmark *kn_atlas_landmark(size_t i); /* NULL if i is out of range */
KN_API size_t kn_atlas_nerve_count(void);
KN_API const kn_nerve *kn_atlas_nerve(size_t i); /* NULL if i is out of range */
KN_API size_t kn_atlas_muscle_count(void);
KN_API const kn_muscle *kn_atlas_muscle(size_t i); /* NULL if i is out of range */
KN_API size_t kn_atlas_contact_type_count(void);
KN_API const kn_contact_type *kn_atlas_contact_type(size_t i); /* NULL if i is out of range */

/* Index of the named entry, or -1. name may be NULL (gives -1). Exact, case-sensitive match. */
KN_API int kn_atlas_find_region(const char *name);
KN_API int kn_atlas_find_landmark(const char *name);
KN_API int kn_atlas_find_nerve(const char *name);
KN_API int kn_atlas_find_muscle(const char *name);
KN_API int kn_atlas_find_contact_type(const char *name);

/* A source key with its full reference, as listed in docs/model.md. */
typedef struct kn_source {
  const char *key;       /* e.g. "iso_ts_15066" */
  const char *reference; /* full citation */
} kn_source;
KN_API size_t kn_atlas_source_count(void);
KN_API const kn_source *kn_atlas_source(size_t i); /* NULL if i is out of range */
/* The reference for a key, or NULL; keys starting with "calibrated" return NULL. */
KN_API const char *kn_atlas_find_source(const char *key);

#ifdef __cplusplus
}
#endif
#endif
