/* SPDX-License-Identifier: Apache-2.0 */
/* knead — atlas internals: the tables behind include/knead/atlas.h and the row indices that let one
 * table point into another by name instead of by a bare number. Private to src/atlas/. */
#ifndef KNEAD_ATLAS_INTERNAL_H
#define KNEAD_ATLAS_INTERNAL_H

#include "knead/atlas.h"

/* Rows of ISO/TS 15066 Table A.2, in the order of the table (row number = index + 1). */
enum kn_iso_index {
  KN_ISO_FOREHEAD,
  KN_ISO_TEMPLE,
  KN_ISO_MASTICATORY_MUSCLE,
  KN_ISO_NECK_MUSCLE,
  KN_ISO_C7,
  KN_ISO_SHOULDER_JOINT,
  KN_ISO_L5,
  KN_ISO_STERNUM,
  KN_ISO_PECTORAL_MUSCLE,
  KN_ISO_ABDOMINAL_MUSCLE,
  KN_ISO_PELVIC_BONE,
  KN_ISO_DELTOID_MUSCLE,
  KN_ISO_HUMERUS,
  KN_ISO_RADIAL_BONE,
  KN_ISO_FOREARM_MUSCLE,
  KN_ISO_ARM_NERVE,
  KN_ISO_FOREFINGER_PAD_D,
  KN_ISO_FOREFINGER_PAD_ND,
  KN_ISO_FOREFINGER_END_JOINT_D,
  KN_ISO_FOREFINGER_END_JOINT_ND,
  KN_ISO_THENAR_EMINENCE,
  KN_ISO_PALM_D,
  KN_ISO_PALM_ND,
  KN_ISO_BACK_OF_HAND_D,
  KN_ISO_BACK_OF_HAND_ND,
  KN_ISO_THIGH_MUSCLE,
  KN_ISO_KNEECAP,
  KN_ISO_SHIN,
  KN_ISO_CALF_MUSCLE,
  KN_ISO_COUNT
};

/* Massaged regions, in table order. */
enum kn_region_index {
  KN_R_HEAD_FOREHEAD,
  KN_R_HEAD_TEMPLE,
  KN_R_FACE_JAW,
  KN_R_NECK_POSTERIOR,
  KN_R_NECK_LATERAL,
  KN_R_NECK_ANTERIOR,
  KN_R_C7_SPINE,
  KN_R_SHOULDER_TOP,
  KN_R_UPPER_BACK,
  KN_R_SCAPULA,
  KN_R_SHOULDER_JOINT,
  KN_R_SHOULDER_DELTOID,
  KN_R_AXILLA,
  KN_R_CHEST,
  KN_R_STERNUM,
  KN_R_ABDOMEN,
  KN_R_LOWER_BACK,
  KN_R_PELVIS,
  KN_R_GLUTEAL,
  KN_R_UPPER_ARM_ANTERIOR,
  KN_R_UPPER_ARM_POSTERIOR,
  KN_R_UPPER_ARM_MEDIAL,
  KN_R_ELBOW_MEDIAL,
  KN_R_FOREARM_ANTERIOR,
  KN_R_FOREARM_POSTERIOR,
  KN_R_FOREARM_RADIAL,
  KN_R_HAND_PALM,
  KN_R_HAND_PALM_ND,
  KN_R_HAND_BACK,
  KN_R_HAND_BACK_ND,
  KN_R_THENAR,
  KN_R_FINGER_PAD,
  KN_R_FINGER_PAD_ND,
  KN_R_FINGER_END_JOINT,
  KN_R_FINGER_END_JOINT_ND,
  KN_R_THIGH_ANTERIOR,
  KN_R_THIGH_POSTERIOR,
  KN_R_KNEE_ANTERIOR,
  KN_R_KNEE_POSTERIOR,
  KN_R_LEG_LATERAL,
  KN_R_SHIN,
  KN_R_CALF,
  KN_R_HEAD_OCCIPUT,
  KN_R_ANKLE_POSTERIOR,
  KN_R_COUNT
};

extern const kn_iso_area kn_atlas_iso_table[KN_ISO_COUNT];
extern const kn_region kn_atlas_region_table[KN_R_COUNT];
extern const kn_landmark kn_atlas_landmark_table[];
extern const size_t kn_atlas_landmark_table_n;
extern const kn_nerve kn_atlas_nerve_table[];
extern const size_t kn_atlas_nerve_table_n;
extern const kn_muscle kn_atlas_muscle_table[];
extern const size_t kn_atlas_muscle_table_n;
extern const kn_contact_type kn_atlas_contact_table[];
extern const size_t kn_atlas_contact_table_n;
extern const kn_source kn_atlas_source_table[];
extern const size_t kn_atlas_source_table_n;

/* Reference body-fat fraction of the fat thicknesses in kn_atlas_region_table: a normal-weight
 * adult whose eight-site mean subcutaneous fat is ~10 mm (stoerchle2018; docs/model.md). */
#define KN_ATLAS_REFERENCE_BODY_FAT 0.20

#endif
