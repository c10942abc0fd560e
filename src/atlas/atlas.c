/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the body atlas: accessors and look-ups over the constant tables in atlas_data.c. No
 * state, no allocation: every pointer returned points into a static const table. */
#include "atlas/atlas_internal.h"

#include <string.h>

const char *kn_evidence_name(kn_evidence e) {
  switch (e) {
  case KN_EVIDENCE_HUMAN:
    return "human data";
  case KN_EVIDENCE_ANIMAL:
    return "animal data";
  case KN_EVIDENCE_EXPERT:
    return "expert opinion";
  case KN_EVIDENCE_ARTICLE:
    return "article claim only";
  }
  return "unknown evidence level";
}

double kn_atlas_reference_body_fat(void) {
  return KN_ATLAS_REFERENCE_BODY_FAT;
}

size_t kn_atlas_iso_area_count(void) {
  return KN_ISO_COUNT;
}
const kn_iso_area *kn_atlas_iso_area(size_t i) {
  return i < KN_ISO_COUNT ? &kn_atlas_iso_table[i] : NULL;
}

size_t kn_atlas_region_count(void) {
  return KN_R_COUNT;
}
const kn_region *kn_atlas_region(size_t i) {
  return i < KN_R_COUNT ? &kn_atlas_region_table[i] : NULL;
}

size_t kn_atlas_landmark_count(void) {
  return kn_atlas_landmark_table_n;
}
const kn_landmark *kn_atlas_landmark(size_t i) {
  return i < kn_atlas_landmark_table_n ? &kn_atlas_landmark_table[i] : NULL;
}

size_t kn_atlas_nerve_count(void) {
  return kn_atlas_nerve_table_n;
}
const kn_nerve *kn_atlas_nerve(size_t i) {
  return i < kn_atlas_nerve_table_n ? &kn_atlas_nerve_table[i] : NULL;
}

size_t kn_atlas_muscle_count(void) {
  return kn_atlas_muscle_table_n;
}
const kn_muscle *kn_atlas_muscle(size_t i) {
  return i < kn_atlas_muscle_table_n ? &kn_atlas_muscle_table[i] : NULL;
}

size_t kn_atlas_contact_type_count(void) {
  return kn_atlas_contact_table_n;
}
const kn_contact_type *kn_atlas_contact_type(size_t i) {
  return i < kn_atlas_contact_table_n ? &kn_atlas_contact_table[i] : NULL;
}

size_t kn_atlas_source_count(void) {
  return kn_atlas_source_table_n;
}
const kn_source *kn_atlas_source(size_t i) {
  return i < kn_atlas_source_table_n ? &kn_atlas_source_table[i] : NULL;
}

/* The tables differ in row type but all start with the name, so one linear search serves them all:
 * `name_at(i)` is the name of row i. The tables are a few dozen rows; a scan is fast enough. */
#define KN_FIND(table, n, name)                                                                    \
  do {                                                                                             \
    if ((name) == NULL) return -1;                                                                 \
    for (size_t i_ = 0; i_ < (n); i_++)                                                            \
      if (strcmp((table)[i_].name, (name)) == 0) return (int)i_;                                   \
    return -1;                                                                                     \
  } while (0)

int kn_atlas_find_region(const char *name) {
  KN_FIND(kn_atlas_region_table, (size_t)KN_R_COUNT, name);
}
int kn_atlas_find_landmark(const char *name) {
  KN_FIND(kn_atlas_landmark_table, kn_atlas_landmark_table_n, name);
}
int kn_atlas_find_nerve(const char *name) {
  KN_FIND(kn_atlas_nerve_table, kn_atlas_nerve_table_n, name);
}
int kn_atlas_find_muscle(const char *name) {
  KN_FIND(kn_atlas_muscle_table, kn_atlas_muscle_table_n, name);
}
int kn_atlas_find_contact_type(const char *name) {
  KN_FIND(kn_atlas_contact_table, kn_atlas_contact_table_n, name);
}

const char *kn_atlas_find_source(const char *key) {
  if (key == NULL || strncmp(key, "calibrated", 10) == 0) return NULL;
  for (size_t i = 0; i < kn_atlas_source_table_n; i++)
    if (strcmp(kn_atlas_source_table[i].key, key) == 0) return kn_atlas_source_table[i].reference;
  return NULL;
}
