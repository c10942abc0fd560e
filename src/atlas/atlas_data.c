/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the body atlas tables. Every number is SI (m, m^2, Pa, N) and every row names its source:
 * a key of kn_atlas_source_table (full references in docs/model.md, section "Sources") or
 * "calibrated: <reason>" where we chose the number ourselves (the reason names any keys it leans
 * on).
 *
 * Patch coordinates: each region is a flat patch, origin at its centre, y along the body axis
 * (toward the head; on the limbs toward the trunk) and x across it. Which way +x points is given
 * per region in docs/model.md ("+x" column). Depths are from the skin surface inward, at the
 * reference body fat KN_ATLAS_REFERENCE_BODY_FAT. A muscle's depth is derived from its region's
 * layers: skin + fat + any muscle lying over it + half its own thickness. */
#include "atlas/atlas_internal.h"

/* Unit conversions, so each number below is written in the unit of its source. */
#define MM 1e-3         /* m per mm */
#define CM 1e-2         /* m per cm */
#define MM2 1e-6        /* m^2 per mm^2 */
#define N_CM2 1e4       /* Pa per N/cm^2 */
#define KGF_CM2 98066.5 /* Pa per kgf/cm^2 */

/* Pain threshold where no algometry was found: the ISO/TS 15066 pain-onset pressure of the region's
 * ISO area, put on the algometer scale, as the mean, and the between-person CV of the upper
 * trapezius (2.09 / 4.31 = 0.485, Bordachar 2019) for the SD. Expands to the two initialisers
 * ppt_mean, ppt_sd. Where both exist, algometer thresholds are 0.18-0.41 of the ISO value of the
 * same area (mean 0.31; docs/model.md, "Pain thresholds"): ISO's values would make those regions
 * look three times less sensitive than the measured ones, so PPT_ISO_SCALE is that mean ratio. */
#define PPT_CV 0.485
#define PPT_ISO_SCALE 0.31
#define PPT_ISO(p_ncm2) PPT_ISO_SCALE *(p_ncm2)*N_CM2, PPT_CV *PPT_ISO_SCALE *(p_ncm2)*N_CM2
#define SRC_PPT_ISO                                                                                \
  "calibrated: 0.31 x ISO/TS 15066 pain-onset pressure (algometer/ISO ratio where both are "       \
  "known), "                                                                                       \
  "CV from bordachar2019"

/* ---- ISO/TS 15066:2016 Table A.2 (quasi-static limits) ------------------------------------- */
#define ISO(num, name, label, p, f, tr)                                                            \
  { num, name, label, (p)*N_CM2, f, tr, "iso_ts_15066" }
const kn_iso_area kn_atlas_iso_table[KN_ISO_COUNT] = {
    ISO(1, "forehead", "Skull and forehead: middle of forehead", 130, 130, 0),
    ISO(2, "temple", "Skull and forehead: temple", 110, 130, 0),
    ISO(3, "masticatory_muscle", "Face: masticatory muscle", 110, 65, 0),
    ISO(4, "neck_muscle", "Neck: neck muscle", 140, 150, 1),
    ISO(5, "c7", "Neck: seventh neck muscle", 210, 150, 1),
    ISO(6, "shoulder_joint", "Back and shoulders: shoulder joint", 160, 210, 1),
    ISO(7, "l5", "Back and shoulders: fifth lumbar vertebra", 210, 210, 1),
    ISO(8, "sternum", "Chest: sternum", 120, 140, 1),
    ISO(9, "pectoral_muscle", "Chest: pectoral muscle", 170, 140, 1),
    ISO(10, "abdominal_muscle", "Abdomen: abdominal muscle", 140, 110, 1),
    ISO(11, "pelvic_bone", "Pelvis: pelvic bone", 210, 180, 1),
    ISO(12, "deltoid_muscle", "Upper arm and elbow joint: deltoid muscle", 190, 150, 1),
    ISO(13, "humerus", "Upper arm and elbow joint: humerus", 220, 150, 1),
    ISO(14, "radial_bone", "Lower arm and wrist joint: radial bone", 190, 160, 1),
    ISO(15, "forearm_muscle", "Lower arm and wrist joint: forearm muscle", 180, 160, 1),
    ISO(16, "arm_nerve", "Lower arm and wrist joint: arm nerve", 180, 160, 1),
    ISO(17, "forefinger_pad_d", "Hands and fingers: forefinger pad, dominant", 300, 140, 1),
    ISO(18, "forefinger_pad_nd", "Hands and fingers: forefinger pad, non-dominant", 270, 140, 1),
    ISO(19, "forefinger_end_joint_d", "Hands and fingers: forefinger end joint, dominant", 280, 140,
        1),
    ISO(20, "forefinger_end_joint_nd", "Hands and fingers: forefinger end joint, non-dominant", 220,
        140, 1),
    ISO(21, "thenar_eminence", "Hands and fingers: thenar eminence", 200, 140, 1),
    ISO(22, "palm_d", "Hands and fingers: palm, dominant", 260, 140, 1),
    ISO(23, "palm_nd", "Hands and fingers: palm, non-dominant", 260, 140, 1),
    ISO(24, "back_of_hand_d", "Hands and fingers: back of the hand, dominant", 200, 140, 1),
    ISO(25, "back_of_hand_nd", "Hands and fingers: back of the hand, non-dominant", 190, 140, 1),
    ISO(26, "thigh_muscle", "Thighs and knees: thigh muscle", 250, 220, 1),
    ISO(27, "kneecap", "Thighs and knees: kneecap", 220, 220, 1),
    ISO(28, "shin", "Lower legs: middle of shin", 220, 130, 1),
    ISO(29, "calf_muscle", "Lower legs: calf muscle", 210, 130, 1),
};
#undef ISO

/* ---- regions -------------------------------------------------------------------------------- */
/* REGION(name, label, iso, width cm, length cm, skin mm, fat mm, muscle mm, ppt_mean, ppt_sd,
 *        src_layers, src_ppt); PPT pairs are written with PPT_ISO or KGF(mean, sd). */
#define REGION(n, lab, iso, w, l, sk, fa, mu, ppt, sl, sp)                                         \
  { n, lab, iso, (w)*CM, (l)*CM, (sk)*MM, (fa)*MM, (mu)*MM, ppt, sl, sp }
#define KGF(m, s) (m) * KGF_CM2, (s)*KGF_CM2
#define NCM2_CV(m) (m) * N_CM2, PPT_CV *(m)*N_CM2
/* Layers: skin from lee2002 (0.5-2.0 mm by site, back thickest at 2.0 mm; face from
 * facialskin2022), fat patterned around an eight-site mean of ~10 mm (the top of the 3-10 mm range
 * of stoerchle2018, see kn_atlas_reference_body_fat), muscle from anatomy unless a key is named. */
#define L_TRUNK "calibrated: skin lee2002 by site, fat patterned on stoerchle2018, muscle anatomy"
#define L_LIMB "calibrated: skin within lee2002, fat patterned on stoerchle2018, muscle anatomy"
#define L_HAND "calibrated: skin lee2002 (palm and dorsum epidermis), fat and muscle anatomy"
#define L_FACE "calibrated: skin facialskin2022, fat and muscle anatomy"
#define L_BONE "calibrated: skin within lee2002, fat patterned on stoerchle2018, bone under the fat"
const kn_region kn_atlas_region_table[KN_R_COUNT] = {
    REGION("head_forehead", "forehead", KN_ISO_FOREHEAD, 10, 5, 1.2, 3, 0, PPT_ISO(130), L_FACE,
           SRC_PPT_ISO),
    REGION("head_temple", "temple", KN_ISO_TEMPLE, 5, 5, 1.1, 4, 8, PPT_ISO(110), L_FACE,
           SRC_PPT_ISO),
    REGION("face_jaw", "jaw (masseter)", KN_ISO_MASTICATORY_MUSCLE, 4, 5, 1.2, 5, 11, PPT_ISO(110),
           L_FACE, SRC_PPT_ISO),
    REGION("neck_posterior", "back of the neck", KN_ISO_NECK_MUSCLE, 8, 8, 1.8, 5, 25, PPT_ISO(140),
           L_TRUNK, SRC_PPT_ISO),
    /* fat kept at 1 mm so that the spinal accessory nerve sits ~3 mm deep (mirjalili2012) */
    REGION(
        "neck_lateral", "side of the neck (posterior triangle)", KN_ISO_NECK_MUSCLE, 8, 10, 1.5, 1,
        10, PPT_ISO(140),
        "calibrated: skin lee2002 (neck), fat thin enough for a 3 mm nerve depth (mirjalili2012)",
        SRC_PPT_ISO),
    REGION("neck_anterior", "front of the neck (anterior triangle, carotid)", KN_ISO_NECK_MUSCLE, 8,
           10, 1.5, 4, 9, PPT_ISO(140), L_TRUNK, SRC_PPT_ISO),
    REGION("c7_spine", "spinous process of C7", KN_ISO_C7, 6, 6, 2.0, 5, 0, PPT_ISO(210), L_BONE,
           SRC_PPT_ISO),
    /* muscle = upper trapezius 8.8 mm + supraspinatus 22.2 mm under it (rtc_military2025) */
    REGION("shoulder_top", "top of the shoulder (upper trapezius, levator scapulae)",
           KN_ISO_NECK_MUSCLE, 10, 8, 2.0, 5, 31, KGF(4.31, 2.09),
           "calibrated: skin lee2002, fat stoerchle2018 pattern, muscle 8.8 + 22.2 mm "
           "rtc_military2025",
           "bordachar2019"),
    /* muscle = trapezius 4.2 + rhomboid 5.1 + serratus posterior 2.9 mm (interscapular2011) */
    REGION("upper_back", "upper back (rhomboids, middle trapezius)", KN_ISO_PECTORAL_MUSCLE, 12, 14,
           2.0, 7, 12, PPT_ISO(170),
           "calibrated: skin lee2002, fat stoerchle2018 pattern, muscle 12 mm interscapular2011",
           SRC_PPT_ISO),
    /* muscle = infraspinatus CSA 8.65 cm^2 (rtc_military2025) over a ~55 mm wide fossa */
    REGION("scapula", "shoulder blade (infraspinatus)", KN_ISO_SHOULDER_JOINT, 10, 10, 2.0, 7, 16,
           KGF(6.33, 2.25),
           "calibrated: skin lee2002, fat stoerchle2018 pattern, muscle 865 mm^2 / 55 mm "
           "rtc_military2025",
           "bordachar2019"),
    REGION("shoulder_joint", "point of the shoulder (acromioclavicular joint)",
           KN_ISO_SHOULDER_JOINT, 8, 8, 1.8, 4, 0, KGF(6.70, 2.26), L_BONE, "bordachar2019"),
    REGION("shoulder_deltoid", "side of the shoulder (middle deltoid)", KN_ISO_DELTOID_MUSCLE, 8,
           10, 1.5, 7, 20, KGF(5.60, 2.28), L_LIMB, "bordachar2019"),
    REGION("axilla", "armpit", KN_ISO_ARM_NERVE, 6, 8, 1.0, 6, 0, PPT_ISO(180),
           "calibrated: skin lee2002 (axilla thin), neurovascular bundle in axillary fat",
           SRC_PPT_ISO),
    REGION("chest", "chest (pectoralis major)", KN_ISO_PECTORAL_MUSCLE, 12, 10, 1.6, 9, 15,
           PPT_ISO(170), L_TRUNK, SRC_PPT_ISO),
    REGION("sternum", "breastbone", KN_ISO_STERNUM, 4, 12, 1.6, 4, 0, PPT_ISO(120), L_BONE,
           SRC_PPT_ISO),
    REGION("abdomen", "belly (rectus abdominis)", KN_ISO_ABDOMINAL_MUSCLE, 20, 16, 1.8, 16, 10,
           PPT_ISO(140), L_TRUNK, SRC_PPT_ISO),
    REGION("lower_back", "lower back (erector spinae, L5)", KN_ISO_L5, 14, 14, 2.0, 10, 35,
           PPT_ISO(210), L_TRUNK, SRC_PPT_ISO),
    REGION("pelvis", "iliac crest", KN_ISO_PELVIC_BONE, 10, 6, 1.8, 10, 0, PPT_ISO(210), L_BONE,
           SRC_PPT_ISO),
    REGION("gluteal", "buttock (gluteus maximus)", KN_ISO_PELVIC_BONE, 16, 16, 1.7, 15, 35,
           PPT_ISO(210), L_TRUNK, SRC_PPT_ISO),
    REGION("upper_arm_anterior", "front of the upper arm (biceps)", KN_ISO_DELTOID_MUSCLE, 7, 18,
           1.3, 5, 30, PPT_ISO(190), L_LIMB, SRC_PPT_ISO),
    REGION("upper_arm_posterior", "back of the upper arm (triceps, spiral groove)", KN_ISO_HUMERUS,
           8, 20, 1.4, 8, 25, PPT_ISO(220), L_LIMB, SRC_PPT_ISO),
    REGION("upper_arm_medial", "inner upper arm", KN_ISO_ARM_NERVE, 5, 18, 1.1, 6, 12, PPT_ISO(180),
           L_LIMB, SRC_PPT_ISO),
    REGION("elbow_medial", "inner elbow (medial epicondyle)", KN_ISO_ARM_NERVE, 6, 8, 1.3, 2, 0,
           PPT_ISO(180), L_BONE, SRC_PPT_ISO),
    REGION("forearm_anterior", "front of the forearm (flexors, median nerve, wrist)",
           KN_ISO_FOREARM_MUSCLE, 7, 22, 1.2, 4, 20, PPT_ISO(180), L_LIMB, SRC_PPT_ISO),
    REGION("forearm_posterior", "back of the forearm (extensors)", KN_ISO_FOREARM_MUSCLE, 7, 22,
           1.3, 4, 15, PPT_ISO(180), L_LIMB, SRC_PPT_ISO),
    REGION("forearm_radial", "thumb side of the forearm (radius)", KN_ISO_RADIAL_BONE, 4, 20, 1.3,
           4, 8, PPT_ISO(190), L_LIMB, SRC_PPT_ISO),
    REGION("hand_palm", "palm, dominant hand", KN_ISO_PALM_D, 8, 9, 1.5, 4, 8, PPT_ISO(260), L_HAND,
           SRC_PPT_ISO),
    REGION("hand_palm_nd", "palm, other hand", KN_ISO_PALM_ND, 8, 9, 1.5, 4, 8, PPT_ISO(260),
           L_HAND, SRC_PPT_ISO),
    /* first dorsal interosseous: mean of the female 30.5 N and male 42.7 N (1 cm^2 probe) */
    REGION("hand_back", "back of the hand, dominant", KN_ISO_BACK_OF_HAND_D, 8, 9, 1.2, 2, 6,
           NCM2_CV(36.6), L_HAND,
           "calibrated: mean of the chesterton2003 female and male means, CV from bordachar2019"),
    REGION("hand_back_nd", "back of the hand, other hand", KN_ISO_BACK_OF_HAND_ND, 8, 9, 1.2, 2, 6,
           NCM2_CV(36.6), L_HAND,
           "calibrated: mean of the chesterton2003 female and male means, CV from bordachar2019"),
    REGION("thenar", "ball of the thumb (thenar eminence)", KN_ISO_THENAR_EMINENCE, 4, 5, 1.5, 3,
           12, PPT_ISO(200), L_HAND, SRC_PPT_ISO),
    REGION("finger_pad", "forefinger pad, dominant", KN_ISO_FOREFINGER_PAD_D, 1.6, 2.0, 1.5, 3, 0,
           PPT_ISO(300), L_HAND, SRC_PPT_ISO),
    REGION("finger_pad_nd", "forefinger pad, other hand", KN_ISO_FOREFINGER_PAD_ND, 1.6, 2.0, 1.5,
           3, 0, PPT_ISO(270), L_HAND, SRC_PPT_ISO),
    REGION("finger_end_joint", "forefinger end joint, dominant", KN_ISO_FOREFINGER_END_JOINT_D, 1.6,
           1.5, 1.3, 1, 0, PPT_ISO(280), L_HAND, SRC_PPT_ISO),
    REGION("finger_end_joint_nd", "forefinger end joint, other hand",
           KN_ISO_FOREFINGER_END_JOINT_ND, 1.6, 1.5, 1.3, 1, 0, PPT_ISO(220), L_HAND, SRC_PPT_ISO),
    REGION("thigh_anterior", "front of the thigh (quadriceps, femoral triangle)",
           KN_ISO_THIGH_MUSCLE, 14, 30, 1.5, 10, 45, PPT_ISO(250), L_LIMB, SRC_PPT_ISO),
    REGION("thigh_posterior", "back of the thigh (hamstrings)", KN_ISO_THIGH_MUSCLE, 12, 30, 1.5,
           10, 50, PPT_ISO(250), L_LIMB, SRC_PPT_ISO),
    REGION("knee_anterior", "kneecap", KN_ISO_KNEECAP, 7, 7, 1.5, 3, 0, PPT_ISO(220), L_BONE,
           SRC_PPT_ISO),
    REGION("knee_posterior", "back of the knee (popliteal fossa)", KN_ISO_CALF_MUSCLE, 8, 10, 1.2,
           6, 0, PPT_ISO(210),
           "calibrated: skin within lee2002, fat stoerchle2018 pattern, fossa fat over the nerves",
           SRC_PPT_ISO),
    REGION("leg_lateral", "outer knee and leg (fibular head and neck)", KN_ISO_SHIN, 6, 10, 1.4, 3,
           0, PPT_ISO(220), L_BONE, SRC_PPT_ISO),
    REGION("shin", "shin (tibialis anterior)", KN_ISO_SHIN, 6, 20, 1.4, 4, 25, PPT_ISO(220), L_LIMB,
           SRC_PPT_ISO),
    REGION("calf", "calf (gastrocnemius, soleus)", KN_ISO_CALF_MUSCLE, 10, 20, 1.4, 7, 38,
           PPT_ISO(210), L_LIMB, SRC_PPT_ISO),
    /* ISO/TS 15066 has no back of the head: the skull's forehead row (no transient contact on the
     * skull); scalp skin ~1.5 mm, little fat, and over the lower occiput the insertions of
     * trapezius and semispinalis capitis (~5 mm here: the patch is centred on the inion) */
    REGION("head_occiput", "back of the head (occiput, suboccipital insertions)", KN_ISO_FOREHEAD,
           10, 8, 1.5, 4, 5, PPT_ISO(130),
           "calibrated: skin within lee2002, fat and muscle anatomy", SRC_PPT_ISO),
    /* the tendon is not muscle: 0 mm muscle; its 4.7-4.8 mm thickness (achilles_arfi2018) lies
     * under ~1.4 mm of skin and ~2 mm of fat, with Kager's fat pad and the tibia behind it */
    REGION("ankle_posterior", "back of the ankle (Achilles tendon)", KN_ISO_CALF_MUSCLE, 5, 8, 1.4,
           2, 0, PPT_ISO(210),
           "calibrated: skin within lee2002, fat anatomy, tendon achilles_arfi2018", SRC_PPT_ISO),
};
#undef REGION
#undef KGF
#undef NCM2_CV

/* ---- landmarks ------------------------------------------------------------------------------ */
#define SRC_LM "calibrated: surface anatomy, placed on the course of the structure it marks"
const kn_landmark kn_atlas_landmark_table[] = {
    /* midpoint of the nerve's crossing: it leaves sternocleidomastoid ~1.1 cm above Erb's point and
     * enters trapezius 5.4 cm above the clavicle (the patch's lower edge) */
    {"posterior_triangle", "posterior triangle of the neck, over the spinal accessory nerve",
     KN_R_NECK_LATERAL, 0.0, 1.1 * CM, "mirjalili2012"},
    {"trapezius_belly", "belly of the upper trapezius", KN_R_SHOULDER_TOP, 0.0, 0.0,
     "calibrated: centre of the upper trapezius patch"},
    {"carotid_sinus", "carotid sinus (bifurcation, level of the upper thyroid cartilage)",
     KN_R_NECK_ANTERIOR, 0.0, 1.5 * CM, SRC_LM},
    /* 10.7 cm above the lateral epicondyle (the patch's distal edge), where the nerve lies on the
     * lateral humerus and pierces the lateral intermuscular septum */
    {"spiral_groove", "spiral groove of the humerus, lateral side (radial nerve on bone)",
     KN_R_UPPER_ARM_POSTERIOR, 3.0 * CM, 0.7 * CM, "radial_lis2021"},
    {"medial_epicondyle", "medial epicondyle, ulnar groove behind it (ulnar nerve)",
     KN_R_ELBOW_MEDIAL, 0.5 * CM, 0.0, SRC_LM},
    {"carpal_tunnel", "carpal tunnel inlet at the wrist crease (median nerve)",
     KN_R_FOREARM_ANTERIOR, 0.0, -10.0 * CM, SRC_LM},
    {"axilla_apex", "apex of the axilla (brachial plexus cords, axillary artery)", KN_R_AXILLA, 0.0,
     3.0 * CM, SRC_LM},
    {"femoral_triangle", "femoral triangle below the inguinal crease (femoral nerve and artery)",
     KN_R_THIGH_ANTERIOR, -2.6 * CM, 13.0 * CM, SRC_LM},
    {"popliteal_fossa", "popliteal fossa, centre (tibial nerve)", KN_R_KNEE_POSTERIOR, 0.0, 0.0,
     SRC_LM},
    {"fibular_neck", "neck of the fibula (common fibular nerve on bone)", KN_R_LEG_LATERAL, 0.0,
     2.7 * CM, SRC_LM},
    {"sciatic_notch", "greater sciatic notch, below piriformis (sciatic nerve)", KN_R_GLUTEAL,
     -2.0 * CM, 3.0 * CM, SRC_LM},
    /* the carotid sheath at the level of the bifurcation: the vagus lies behind, between the
     * common carotid artery and the internal jugular vein (knappertz1998, curcean2020) */
    {"carotid_sheath", "carotid sheath at the bifurcation (vagus nerve, carotid, jugular vein)",
     KN_R_NECK_ANTERIOR, 0.4 * CM, 1.5 * CM, "curcean2020"},
    {"inion", "external occipital protuberance (inion), midline of the back of the head",
     KN_R_HEAD_OCCIPUT, 0.0, 0.0, SRC_LM},
    /* the greater occipital nerve comes through the semispinalis and trapezius insertions a few
     * centimetres below and lateral to the inion (surface anatomy; no measured point recorded) */
    {"greater_occipital", "greater occipital nerve's exit, below and beside the inion",
     KN_R_HEAD_OCCIPUT, 2.0 * CM, -3.0 * CM, SRC_LM},
    {"achilles_tendon", "Achilles tendon, midportion 2-6 cm above its insertion",
     KN_R_ANKLE_POSTERIOR, 0.0, 0.0, "achilles_arfi2018"},
};
const size_t kn_atlas_landmark_table_n =
    sizeof kn_atlas_landmark_table / sizeof kn_atlas_landmark_table[0];

/* ---- nerves and vessels at endangerment sites -------------------------------------------- */
/* NERVE(name, label, kind, region, x0, y0, x1, y1 (cm), depth mm, diameter mm, csa mm^2, on_bone,
 *       injury, src_depth, src_site) */
#define NERVE(n, lab, k, r, x0, y0, x1, y1, d, dia, csa, bone, inj, sd, ss)                        \
  {                                                                                                \
    n, lab, k, r, (x0)*CM, (y0)*CM, (x1)*CM, (y1)*CM, (d)*MM, (dia)*MM, (csa)*MM2, bone, inj, sd,  \
        ss                                                                                         \
  }
const kn_nerve kn_atlas_nerve_table[] = {
    NERVE("spinal_accessory", "spinal accessory nerve (CN XI) in the posterior triangle", KN_NERVE,
          KN_R_NECK_LATERAL, -3.5, 1.8, 3.5, 0.4, 3.0, 0.76, 0.0, 0,
          "shoulder pain, weak shoulder shrug, winged scapula", "mirjalili2012", "aksoy2009"),
    NERVE("brachial_plexus", "brachial plexus trunks, lower posterior triangle", KN_NERVE,
          KN_R_NECK_LATERAL, -2.5, -1.0, 0.5, -5.0, 15.0, 4.0, 0.0, 0,
          "burning pain, numbness and weakness of the arm",
          "calibrated: between ~10 mm (interscalene) and 17 mm (supraclavicular corner pocket, "
          "cornerpocket2016); trunk 4 mm from anatomy",
          "werner2020"),
    NERVE("carotid_sinus", "carotid sinus (carotid bulb at the bifurcation)", KN_VESSEL,
          KN_R_NECK_ANTERIOR, 0.0, -1.0, 0.0, 3.5, 20.0, 8.0, 0.0, 0,
          "slow pulse, blood-pressure fall, fainting; stroke from dislodged plaque",
          "calibrated: skin, fat, platysma and sternocleidomastoid edge over an ~8 mm bulb",
          "werner2020"),
    NERVE("radial_spiral_groove", "radial nerve in the spiral groove of the humerus", KN_NERVE,
          KN_R_UPPER_ARM_POSTERIOR, -3.0, 9.5, 3.8, -1.5, 20.0, 2.5, 6.81, 1,
          "wrist and finger drop, numb back of the hand",
          "calibrated: skin + fat + lateral head of triceps over the lateral humerus; CSA bae2021",
          "hsu2017"),
    NERVE("ulnar_elbow", "ulnar nerve behind the medial epicondyle", KN_NERVE, KN_R_ELBOW_MEDIAL,
          0.8, 4.0, 0.8, -4.0, 5.0, 2.5, 7.31, 1,
          "tingling of the ring and little fingers, weak grip",
          "calibrated: skin + thin fat + retinaculum over the ulnar groove; CSA bae2021",
          "werner2020"),
    NERVE("median_wrist", "median nerve at the distal forearm and wrist", KN_NERVE,
          KN_R_FOREARM_ANTERIOR, 0.0, -4.0, 0.0, -11.0, 6.0, 2.5, 9.33, 0,
          "numb thumb, index and middle fingers, weak thumb",
          "calibrated: skin + thin fat + palmaris tendon and retinaculum; CSA bae2021", "suh2022"),
    NERVE("axillary_plexus", "brachial plexus cords and branches around the axillary artery",
          KN_NERVE, KN_R_AXILLA, -0.4, 4.0, -0.4, -4.0, 15.0, 3.5, 9.88, 0,
          "numbness, tingling and weakness of the arm",
          "calibrated: middle of the 1-3 cm depth in hadzic; CSA of the median nerve in the axilla "
          "bae2021",
          "werner2020"),
    NERVE("axillary_artery", "axillary artery", KN_VESSEL, KN_R_AXILLA, 0.4, 4.0, 0.4, -4.0, 10.0,
          6.0, 0.0, 0, "cold, pale, painful arm; bruising; clot",
          "calibrated: within 1 cm of the skin (hadzic); 6 mm lumen from anatomy", "werner2020"),
    NERVE("femoral_nerve", "femoral nerve below the inguinal crease", KN_NERVE, KN_R_THIGH_ANTERIOR,
          -1.6, 15.0, -2.2, 9.0, 30.0, 3.0, 0.0, 0, "weak knee extension, numb front of the thigh",
          "calibrated: middle of the 2-4 cm depth in hadzic; flat nerve ~3 mm thick", "werner2020"),
    NERVE("femoral_artery", "common and superficial femoral artery", KN_VESSEL, KN_R_THIGH_ANTERIOR,
          -3.0, 15.0, -6.5, 0.0, 25.0, 9.0, 0.0, 0, "cold, pale, painful leg; bruising; clot",
          "calibrated: beside the femoral nerve (hadzic) but above the fascia iliaca; ~9 mm lumen",
          "werner2020"),
    NERVE(
        "tibial_popliteal", "tibial nerve in the popliteal fossa", KN_NERVE, KN_R_KNEE_POSTERIOR,
        0.0, 5.0, 0.0, -5.0, 17.0, 4.0, 0.0, 0, "numb sole, weak toe and ankle flexion",
        "calibrated: sciatic depth 1.72 cm at the bifurcation (kumj2020); 4 mm thick from anatomy",
        "werner2020"),
    NERVE("common_fibular_popliteal", "common fibular nerve along the biceps femoris tendon",
          KN_NERVE, KN_R_KNEE_POSTERIOR, 0.3, 5.0, 3.8, -3.0, 12.0, 3.0, 0.0, 0,
          "foot drop, numb top of the foot",
          "calibrated: more superficial than the tibial nerve (kumj2020), under the biceps tendon "
          "edge",
          "werner2020"),
    NERVE("common_fibular_neck", "common fibular nerve winding round the fibular neck", KN_NERVE,
          KN_R_LEG_LATERAL, -2.5, 5.0, 2.5, 0.5, 5.0, 2.0, 0.0, 1,
          "foot drop, numb top of the foot",
          "calibrated: skin + thin fat over bone; the nerve flattens to ~2 mm on the fibular neck",
          "werner2020"),
    NERVE("sciatic", "sciatic nerve below piriformis", KN_NERVE, KN_R_GLUTEAL, -2.0, 3.5, 0.5, -8.0,
          55.0, 5.0, 52.7, 0, "pain down the leg, weakness below the knee, foot drop",
          "calibrated: skin + fat + gluteus maximus of this region + nerve radius; CSA chen2018",
          "werner2020"),
    /* behind and between the common carotid artery and the internal jugular vein, inside the
     * carotid sheath, parallel to the artery and 4 mm lateral to its axis, over the same
     * stretch as the carotid sinus row (knappertz1998); CSA 2.1 mm^2 (bedewi2023; 2.1-2.9
     * at the bifurcation, curcean2020), a 1.6 mm nerve. Depth: the carotid bulb's centre (20 mm,
     * the row above) plus the artery's radius and the nerve's: ~25 mm, not measured here */
    NERVE(
        "vagus_cervical", "vagus nerve (CN X) in the carotid sheath", KN_NERVE, KN_R_NECK_ANTERIOR,
        0.4, -1.0, 0.4, 3.5, 25.0, 1.6, 2.1, 0,
        "slow pulse and a fall of blood pressure when pressed; hoarseness if injured",
        "calibrated: behind the carotid bulb of this region (depth 20 mm + radii); CSA bedewi2023",
        "werner2020"),
};
#undef NERVE
const size_t kn_atlas_nerve_table_n = sizeof kn_atlas_nerve_table / sizeof kn_atlas_nerve_table[0];

/* ---- muscles -------------------------------------------------------------------------------- */
/* MUSCLE(name, label, region, x, y (cm), depth mm, thickness mm, src). depth = skin + fat + muscle
 * over it + thickness/2, from the region's layers above; src is the source of the thickness. */
#define MUSCLE(n, lab, r, x, y, d, t, s)                                                           \
  { n, lab, r, (x)*CM, (y)*CM, (d)*MM, (t)*MM, s }
#define SRC_MT "calibrated: typical adult thickness from anatomy and ultrasound atlases"
const kn_muscle kn_atlas_muscle_table[] = {
    MUSCLE("upper_trapezius", "upper trapezius", KN_R_SHOULDER_TOP, 0.0, 0.0, 11.4, 8.8,
           "rtc_military2025"),
    /* the floor of the posterior triangle above the accessory nerve, > 3 cm from its course */
    MUSCLE("levator_scapulae", "levator scapulae", KN_R_NECK_LATERAL, 2.5, 4.5, 6.5, 8.0, SRC_MT),
    MUSCLE("sternocleidomastoid", "sternocleidomastoid (lower belly)", KN_R_NECK_ANTERIOR, 3.0,
           -3.5, 10.0, 9.0, SRC_MT),
    MUSCLE("deltoid", "deltoid (middle fibres)", KN_R_SHOULDER_DELTOID, 0.0, 0.0, 18.5, 20.0,
           SRC_MT),
    MUSCLE("infraspinatus", "infraspinatus", KN_R_SCAPULA, 0.0, 0.0, 17.0, 16.0,
           "calibrated: CSA 865 mm^2 (rtc_military2025) over a ~55 mm wide fossa"),
    MUSCLE("rhomboids", "rhomboids (under middle trapezius)", KN_R_UPPER_BACK, 0.0, 0.0, 15.7, 5.1,
           "interscapular2011"),
    MUSCLE("erector_spinae", "erector spinae (lumbar)", KN_R_LOWER_BACK, 0.0, 0.0, 29.5, 35.0,
           SRC_MT),
    /* upper outer quadrant, away from the sciatic nerve */
    MUSCLE("gluteus_maximus", "gluteus maximus (upper outer quadrant)", KN_R_GLUTEAL, 5.0, 5.0,
           34.2, 35.0, SRC_MT),
    MUSCLE("biceps_brachii", "biceps brachii", KN_R_UPPER_ARM_ANTERIOR, 0.0, 0.0, 18.8, 25.0,
           SRC_MT),
    /* distal belly, below the radial nerve's crossing */
    MUSCLE("triceps_brachii", "triceps brachii (distal belly)", KN_R_UPPER_ARM_POSTERIOR, -1.0,
           -5.0, 21.9, 25.0, SRC_MT),
    MUSCLE("forearm_flexors", "forearm flexors (proximal belly)", KN_R_FOREARM_ANTERIOR, 0.0, 5.0,
           15.2, 20.0, SRC_MT),
    MUSCLE("forearm_extensors", "forearm extensors (proximal belly)", KN_R_FOREARM_POSTERIOR, 0.0,
           5.0, 12.8, 15.0, SRC_MT),
    MUSCLE("quadriceps", "quadriceps (rectus femoris over vastus intermedius)", KN_R_THIGH_ANTERIOR,
           2.5, -3.0, 34.0, 45.0, SRC_MT),
    MUSCLE("hamstrings", "hamstrings", KN_R_THIGH_POSTERIOR, 0.0, 0.0, 36.5, 50.0, SRC_MT),
    MUSCLE("gastrocnemius", "gastrocnemius", KN_R_CALF, 0.0, 4.0, 17.4, 18.0, SRC_MT),
    /* distal half, under the tapering gastrocnemius (~10 mm there) */
    MUSCLE("soleus", "soleus", KN_R_CALF, 0.0, -4.0, 28.4, 20.0, SRC_MT),
    MUSCLE("tibialis_anterior", "tibialis anterior", KN_R_SHIN, 0.0, 0.0, 17.9, 25.0, SRC_MT),
    MUSCLE("pectoralis_major", "pectoralis major", KN_R_CHEST, 0.0, 0.0, 18.1, 15.0, SRC_MT),
};
#undef MUSCLE
const size_t kn_atlas_muscle_table_n =
    sizeof kn_atlas_muscle_table / sizeof kn_atlas_muscle_table[0];

/* ---- contact types ------------------------------------------------------------------------- */
/* {name, typical, largest, smallest (mm^2), src} */
#define CONTACT(n, a, amax, amin, s)                                                               \
  { n, (a)*MM2, (amax)*MM2, (amin)*MM2, s }
const kn_contact_type kn_atlas_contact_table[] = {
    /* qualified practitioners: mean area 132 mm^2 (per-person means 8-209), mean of per-person
     * maxima 196 mm^2, largest maximum 337 mm^2 */
    CONTACT("thumb", 132, 337, 8, "shiatsu2025"),
    CONTACT("fingertips", 300, 600, 100,
            "calibrated: two to four finger pads, each about the thumb's 132 mm^2 (shiatsu2025) or "
            "less"),
    CONTACT(
        "palm", 6000, 15000, 2500,
        "calibrated: heel of the hand (~25 cm^2) to a flat hand with fingers (~0.8 % of 1.8 m^2 "
        "body surface)"),
    CONTACT("knuckles", 400, 800, 100,
            "calibrated: one to four proximal finger knuckles of a loose fist, ~1 cm^2 each"),
    CONTACT("forearm", 3000, 6000, 1000,
            "calibrated: ulnar border of the forearm, 2-4 cm wide over 5-15 cm"),
    CONTACT("elbow", 300, 800, 80, "calibrated: olecranon point, 1-3 cm across"),
    CONTACT(
        "tool", 200, 5000, 20,
        "calibrated: trigger-point tool tips (5 mm) to massage-ball and gun heads (up to 8 cm)"),
};
#undef CONTACT
const size_t kn_atlas_contact_table_n =
    sizeof kn_atlas_contact_table / sizeof kn_atlas_contact_table[0];

/* ---- sources (the same list, one line per key, is in docs/model.md "## Sources") ------------ */
const kn_source kn_atlas_source_table[] = {
    {"iso_ts_15066",
     "ISO/TS 15066:2016 Robots and robotic devices - Collaborative robots. Annex A, Table A.2 "
     "(biomechanical limits). ISO, Geneva, 2016."},
    {"oltulu2018",
     "Oltulu P, Ince B, Kokbudak N, Findik S, Kilinc F. Measurement of epidermis, dermis, and "
     "total "
     "skin thicknesses from six different body regions with a new ethical histometric technique. "
     "Turk J Plast Surg 2018;26(2):56-61. doi:10.4103/tjps.TJPS_2_17"},
    {"lee2002",
     "Lee Y, Hwang K. Skin thickness of Korean adults. Surg Radiol Anat 2002;24:183-189."},
    {"facialskin2022",
     "Ultrasound epidermal and dermal thickness at eight facial and neck sites in 118 adults "
     "(Table "
     "2). BMC Med Imaging 2022;22:113. doi:10.1186/s12880-022-00839-w (descriptive title; exact "
     "title and authors not recorded here)"},
    {"stoerchle2018",
     "Stoerchle P, Mueller W, Sengeis M, Lackner S, Holasek S, Fuerhapter-Rieger A. Measurement of "
     "mean subcutaneous fat thickness: eight standardised ultrasound sites compared to 216 "
     "randomly "
     "selected sites. Sci Rep 2018;8:16268. doi:10.1038/s41598-018-34213-0"},
    {"staud2003",
     "Staud R, Cannon RC, Mauderli AP, Robinson ME, Price DD, Vierck CJ. Temporal summation of "
     "pain "
     "from mechanical stimulation of muscle tissue in normal controls and subjects with "
     "fibromyalgia syndrome. Pain 2003;102(1-2):87-95. doi:10.1016/s0304-3959(02)00344-5 (authors "
     "as recalled, not verified)"},
    {"alappattu2011",
     "Alappattu MJ, Bishop MD, Bialosky JE, George SZ, Robinson ME. Stability of behavioral "
     "estimates of activity-dependent modulation of pain. J Pain Res 2011;4:151-157. "
     "doi:10.2147/JPR.S18105 (after-sensations read up to 1 min after temporal summation)"},
    {"polianskis2001",
     "Polianskis R, Graven-Nielsen T, Arendt-Nielsen L. Computer-controlled pneumatic pressure "
     "algometry - a new technique for quantitative sensory testing. Eur J Pain 2001;5(3):267-277. "
     "doi:10.1053/eujp.2001.0245 (gastrocnemius pain threshold 482 +/- 19 kPa by hand-held "
     "algometer, 26 +/- 1.6 kPa under a cuff; thresholds fall with slower compression)"},
    {"crews1991",
     "Tourniquet pain: the response to maintenance of tourniquet inflation on the upper extremity "
     "of volunteers (12 volunteers tolerated an upper-arm tourniquet 34 +/- 13 min; no effect of "
     "inflation pressure or width). Reg Anesth 1991;16(6):314-317 (authors not recorded here)"},
    {"hutchinson1993",
     "Hutchinson DT, McClinton MA. Upper extremity tourniquet tolerance. J Hand Surg Am "
     "1993;18(2):206-210. doi:10.1016/0363-5023(93)90347-6 (20 unsedated volunteers: a forearm "
     "tourniquet was tolerated 13 min, 45 %, longer than an upper-arm one; the arm's mean, 28.9 "
     "min, is derived from those two figures of the abstract)"},
    {"jones2018",
     "Jones G, Burnham V, Francis P, Johnson M. Full, partial and no blood flow restriction during "
     "handgrip exercise: pain and muscular endurance (20 volunteers, handgrip at 30 % of the "
     "one-repetition maximum once a second: 77.0 +/- 34.7 repetitions to exhaustion under full "
     "occlusion at 200 mmHg, with severe pain). Leeds Beckett repository eprint 5240, 2018 "
     "(journal, year and title as listed there; figures from the abstract)"},
    {"reid1931",
     "Reid C. Experimental ischaemia: sensory phenomena, fibrillary twitchings, and effects on "
     "pulse, respiration, and blood-pressure. Q J Exp Physiol 1931. "
     "doi:10.1113/expphysiol.1931.sp000536 (ischaemia alone, warm limb, cuff at most 30 mmHg "
     "above systolic: numbness only over 15-35 min; contractions of ischaemic muscle: severe pain "
     "over the belly, gone almost at once when the circulation returns)"},
    {"tourniquet_grip2008",
     "Tolerance of upper extremity pneumatic tourniquets and their effect on grip strength. J Hand "
     "Surg Eur 2008;33(3):266-271. doi:10.1177/1753193408087093 (40 volunteers, arm tourniquet at "
     "100 mmHg above systolic for 21 min: 8 did not tolerate it; pain rose about linearly; "
     "authors not recorded here)"},
    {"bedewi2023",
     "Bedewi MA, Kotb MA, Almalki DM, et al. Ultrasound of the normal vagus nerve cross-sectional "
     "area in the carotid sheath (86 nerves; CSA right 2.1, left 1.9 mm^2). Medicine (Baltimore) "
     "2023;102(23):e33996. doi:10.1097/MD.0000000000033996"},
    {"curcean2020",
     "Curcean AD, Rusu GM, Dudea SM. Ultrasound appearance of peripheral nerves in the neck: "
     "vagus, "
     "hypoglossal and greater auricular (vagus at the carotid bifurcation, CSA 2.14 left, 2.86 "
     "right mm^2). Med Pharm Rep 2020;93(1):39-46. doi:10.15386/mpr-1273"},
    {"knappertz1998",
     "Knappertz VA, Tegeler CH, Hardin SJ, McKinney WM. Vagus nerve imaging with ultrasound: "
     "anatomic and in vivo validation (the nerve between the common carotid artery and the jugular "
     "vein in the carotid sheath). Otolaryngol Head Neck Surg 1998;118(1)."},
    {"achilles_arfi2018",
     "Elasticity standard values of the Achilles tendon assessed with acoustic radiation force "
     "impulse elastography on healthy volunteers (182 volunteers; tendon diameter 4.7 +/- 0.9 mm "
     "left, 4.8 +/- 0.9 mm right). BMC Musculoskelet Disord 2018. doi:10.1186/s12891-018-2056-0 "
     "(authors not recorded here)"},
    {"bordachar2019",
     "Bordachar DJ, Barbosa AW, Vieira ER, Intelangelo L. Shoulder pressure pain thresholds "
     "revisited: the influence of assessment methodology and site, and association with gender, "
     "dexterity and body composition. Fisioterapia 2019;41(6):329-336. "
     "doi:10.1016/j.ft.2019.07.002"},
    {"chesterton2003",
     "Chesterton LS, Barlas P, Foster NE, Baxter GD, Wright CC. Gender differences in pressure "
     "pain "
     "threshold in healthy humans. Pain 2003;101(3):259-266. doi:10.1016/S0304-3959(02)00330-5"},
    {"mirjalili2012", "Mirjalili SA, Muirhead JC, Stringer MD. Ultrasound visualization of the "
                      "spinal accessory nerve "
                      "in vivo. J Surg Res 2012;175(1):e11-e16."},
    {"werner2020",
     "Werner R. A Massage Therapist's Guide to Pathology: Critical Thinking and Practical "
     "Application, 7th ed. Books of Discovery (endangerment sites). Year as cited in SCIENCE.md, "
     "edition details not verified."},
    {"aksoy2009", "Aksoy IA, Schrader SL, Ali MS, Borovansky JA, Ross MA. Spinal accessory "
                  "neuropathy associated "
                  "with deep tissue massage: a case report. Arch Phys Med Rehabil 2009;90:1969."},
    {"hsu2017", "Hsu et al. Acute radial neuropathy at the spiral groove following massage: a case "
                "presentation. 2017 (journal details not verified; abstract via the PainScience "
                "bibliography)."},
    {"suh2022",
     "Suh MR, Song JH, Park Y, Lee SH, Ahn J. Case report: Traumatic median neuropathy in the "
     "distal "
     "forearm after massage therapy. Front Neurol 2022;13:959919. doi:10.3389/fneur.2022.959919"},
    {"bae2021",
     "Bae DW, An JY. Cross-sectional area reference values for high-resolution ultrasonography of "
     "the upper extremity nerves in healthy Asian adults. Medicine (Baltimore) "
     "2021;100(18):e25812. "
     "doi:10.1097/MD.0000000000025812"},
    {"radial_lis2021",
     "Surgical anatomy of the radial nerve in the arm: a cadaver study (19 limbs; the nerve "
     "pierces "
     "the lateral intermuscular septum a mean 107.2 mm above the lateral epicondyle). Eur J Orthop "
     "Surg Traumatol 2021;31(7):1457-1462. doi:10.1007/s00590-021-02916-2 (authors not recorded "
     "here)"},
    {"cornerpocket2016",
     "Sonographic assessment of predictors of depth of the corner pocket for ultrasound-guided "
     "supraclavicular brachial plexus block (skin to corner pocket 1.7 +/- 0.8 cm). J Anaesthesiol "
     "Clin Pharmacol 2016. doi:10.4103/0970-9185.175665 (authors not recorded here)"},
    {"hadzic",
     "Hadzic A (ed.). Hadzic's Peripheral Nerve Blocks and Anatomy for Ultrasound-Guided Regional "
     "Anesthesia. McGraw-Hill / NYSORA: axillary block (structures 1-3 cm deep, axillary artery "
     "within 1 cm of the skin) and femoral block (femoral nerve at 2-4 cm)."},
    {"kumj2020",
     "Ultrasonographic assessment of the distance of sciatic nerve bifurcation from the popliteal "
     "crease and its depth from skin in volunteers (110 limbs; depth 1.72 +/- 0.54 cm). Kathmandu "
     "Univ Med J 2020;18(2). doi:10.3126/kumj.v18i2.33259 (authors not recorded here)"},
    {"chen2018",
     "Chen J, Liu J, Zeng J, Wu S, Ren J. Sciatic nerve cross-sectional area by high-resolution "
     "ultrasonography in 200 healthy volunteers (0.527 cm^2 at the gluteal sulcus). J Med "
     "Ultrasound 2018. doi:10.4103/JMU.JMU_6_17 (descriptive title; exact title not recorded "
     "here)"},
    {"rtc_military2025",
     "Establishing normative measurements and ratios for rotator cuff muscles in a military "
     "population using diagnostic ultrasound (231 shoulders; upper trapezius 8.8 +/- 2.2 mm, "
     "supraspinatus 22.2 +/- 4.1 mm, infraspinatus CSA 8.65 +/- 2.79 cm^2). medRxiv preprint 2025. "
     "doi:10.1101/2025.08.12.25333295"},
    {"interscapular2011",
     "Sonographic measurements of the thickness of the soft tissues of the interscapular region in "
     "a "
     "population of normal young adults (trapezius 4.9/3.4 mm, rhomboid 6.3/3.8 mm, serratus "
     "posterior 3.5/2.2 mm, men/women). J Clin Ultrasound 2011;39:78-82 (online 2010). "
     "doi:10.1002/jcu.20775"},
    {"shiatsu2025",
     "Finger-pressure (shiatsu) technique visualised as pressure-receiving area over time: 6 "
     "qualified practitioners and 20 physical therapy students on a pressure-distribution "
     "simulator (mean area 132.2 +/- 83.7 mm^2, maximum area 195.7 +/- 129 mm^2). J-STAGE journal "
     "jjbf 2025;52(1):2-10 (title and authors not recorded here)."},
    {"rydevik1981",
     "Rydevik B, Lundborg G, Bagge U. Effects of graded compression on intraneural blood flow: an "
     "in vivo study on rabbit tibial nerve. J Hand Surg Am 1981;6(1):3-12."},
    {"rydevik_nordborg1980",
     "Rydevik B, Nordborg C. Changes in nerve function and nerve fibre structure induced by acute, "
     "graded compression. J Neurol Neurosurg Psychiatry 1980;43(12):1070-1082 (50, 200 and 400 "
     "mmHg for 2 h; rabbit tibial nerve)."},
    {"dahlin1984",
     "Dahlin LB, Rydevik B, McLean WG, Sjostrand J. Changes in fast axonal transport during "
     "experimental nerve compression at low pressures. Exp Neurol 1984;84(1):29-36."},
    {"dahlin1986", "Dahlin LB, Danielsen N, Ehira T, Lundborg G, Rydevik B. Mechanical effects of "
                   "compression of peripheral nerves. J Biomech Eng 1986;108(2):120-122 (small "
                   "inflatable cuff; 80 mmHg 2 h and 400 mmHg 15 min)."},
    {"tourniquet_block",
     "Tourniquet literature as summarised in SCIENCE.md section 3: ischaemic conduction block "
     "after 15-45 min of limb occlusion, reversible on release; conduction normal after <= 2 h at "
     "< 500 mmHg. Primary review not verified here (e.g. Lundborg G. Ischemic nerve injury. Scand "
     "J Plast Reconstr Surg Suppl 1970;6:3-113)."},
    {"ochoa1972",
     "Ochoa J, Fowler TJ, Gilliatt RW. Anatomical changes in peripheral nerves compressed by a "
     "pneumatic tourniquet. J Anat 1972;113(3):433-455 (injury concentrated at the cuff edges)."},
    {"lundborg1982",
     "Lundborg G, Gelberman RH, Minteer-Convery M, Lee YF, Hargens AR. Median nerve compression in "
     "the carpal tunnel - functional response to experimentally induced controlled pressure. J "
     "Hand Surg Am 1982;7(3):252-259 (16 volunteers; 30 mmHg: mild changes and paresthesia; 60 "
     "and 90 mmHg: complete sensory block 10-30 min before motor block; ischaemic, not "
     "mechanical)."},
    {"dahlin_mclean1986",
     "Dahlin LB, McLean WG. Effects of graded experimental compression on slow and fast axonal "
     "transport in rabbit vagus nerve. J Neurol Sci 1986;72(1):19-30 (8 h: 20 mmHg no significant "
     "slow-transport accumulation, 30 mmHg marked but incomplete; fast transport partly "
     "inhibited)."},
    {"linder_ganz2006", "Linder-Ganz E, Engelberg S, Scheinowitz M, Gefen A. Pressure-time cell "
                        "death threshold for albino rat skeletal muscles as related to pressure "
                        "sore biomechanics. J Biomech 2006;39(14):2725-2732."},
    {"landis1930", "Landis EM. Micro-injection studies of capillary blood pressure in human skin. "
                   "Heart 1930;15:209-228."},
    {"cambron2007",
     "Cambron JA, Dexheimer J, Coe P, Swenson R. Side-effects of massage therapy: a "
     "cross-sectional study of 100 clients. J Altern Complement Med 2007;13(8):793-796."},
    {"cheung2003",
     "Cheung K, Hume P, Maxwell L. Delayed onset muscle soreness: treatment strategies and "
     "performance factors. Sports Med 2003;33(2):145-164 (soreness rises in the first 24 h, peaks "
     "24-72 h, subsides by 5-7 d; mostly after eccentric work)."},
    {"chen_nosaka2006",
     "Chen TC, Nosaka K. Effects of number of eccentric muscle actions on first and second bouts "
     "of eccentric exercise of the elbow flexors. J Sci Med Sport 2006;9(1-2):57-66 (30 actions "
     "damaged less than 50 or 70, which did not differ)."},
    {"guo2017",
     "Guo J, Li L, Gong Y, Zhu R, Xu J, Zou J, Chen X. Massage alleviates delayed onset muscle "
     "soreness after strenuous exercise: a systematic review and meta-analysis. Front Physiol "
     "2017;8:747 (11 RCTs, 504 participants; soreness SMD -0.61 at 24 h, -1.51 at 48 h, -1.46 at "
     "72 h)."},
    {"zainuddin2005",
     "Zainuddin Z, Newton M, Sacco P, Nosaka K. Effects of massage on delayed-onset muscle "
     "soreness, swelling, and recovery of muscle function. J Athl Train 2005;40(3):174-180 (10 "
     "sets of 6 maximal eccentric elbow-flexor actions per arm; 10 min massage 3 h after on one "
     "arm: DOMS lower by about 30 %, no effect on strength)."},
    {"andersen2013",
     "Andersen LL, Jay K, Andersen CH, et al. Acute effects of massage or active exercise in "
     "relieving muscle soreness: randomized controlled trial. J Strength Cond Res "
     "2013;27(12):3352-3359 (10 min massage 48 h after an eccentric bout relieved soreness for "
     "about an hour)."},
    {"snodgrass2010",
     "Snodgrass SJ, Rivett DA, Robertson VJ, Stojanovski E. A comparison of cervical spine "
     "mobilization forces applied by experienced and novice physiotherapists. J Orthop Sports Phys "
     "Ther 2010;40(7):392-401 (120 students' forces 15.7 N lower than 116 physiotherapists' at "
     "grades III-IV)."},
    {"snodgrass2010_students",
     "Snodgrass SJ, Rivett DA, Robertson VJ, Stojanovski E. Cervical spine mobilisation forces "
     "applied by physiotherapy students. Physiotherapy 2010;96(2):120-129 (highest mean peak force "
     "63.7 N; between students ICC 0.23, within each student 0.83)."},
    {"snodgrass2007",
     "Snodgrass SJ, Rivett DA, Robertson VJ. Manual forces applied during cervical mobilization. "
     "J Manipulative Physiol Ther 2007;30(1):17-25 (10 physiotherapists: considerable differences "
     "between therapists, high repeatability within each)."},
    {"chaves2020",
     "Chaves P, Simoes D, Paco M, Pinho F, Duarte JA, Ribeiro F. Pressure applied during deep "
     "friction massage: characterization and relationship with time of onset of analgesia. Appl "
     "Sci 2020;10(8):2705 (40 physiotherapists: mean 2.32 kg/cm2, P25 1.02, P75 4.16)."},
    {"love1929", "Love AEH. The stress produced in a semi-infinite solid by pressure on part of "
                 "the boundary. Philos Trans R Soc Lond A 1929;228:377-420."},
    {"johnson1985", "Johnson KL. Contact Mechanics. Cambridge University Press, 1985 (stresses "
                    "under a uniform circular load, section 3.4)."},
    {"loken2009", "Loken LS, Wessberg J, Morrison I, McGlone F, Olausson H. Coding of pleasant "
                  "touch by unmyelinated afferents in humans. Nat Neurosci 2009;12(5):547-548 "
                  "(pleasant stroking 1-10 cm/s)."},
    {"prochazka_gorassini1998",
     "Prochazka A, Gorassini M. Models of ensemble firing of muscle spindle afferents recorded "
     "during normal locomotion in cats. J Physiol 1998;507(1):277-291."},
    {"hidler_rymer1999",
     "Hidler JM, Rymer WZ. A simulation study of reflex instability in spasticity: origins of "
     "clonus. IEEE Trans Rehabil Eng 1999;7(3):327-340."},
    {"gordon1966",
     "Gordon AM, Huxley AF, Julian FJ. The variation in isometric tension with sarcomere length in "
     "vertebrate muscle fibres. J Physiol 1966;184(1):170-192."},
    {"rack1984",
     "Rack PMH, Ross HF, Thilmann AF. The ankle stretch reflexes in normal and spastic subjects: "
     "the response to sinusoidal movement. Brain 1984;107(2):637-654 (clonus at 3-7 Hz in normal "
     "and spastic subjects with a load attached to the foot; its frequency changed with the "
     "load)."},
    {"walsh1976",
     "Walsh EG. Clonus: beats provoked by the application of a rhythmic force. J Neurol Neurosurg "
     "Psychiatry 1976;39(3):266-274 (clonus started by the abrupt application of a dorsiflexing "
     "bias; the bias changed its amplitude, not its frequency)."},
    {"walsh_wright1987",
     "Walsh EG, Wright GW. Patellar clonus: an autonomous central generator. J Neurol Neurosurg "
     "Psychiatry 1987;50(9):1225-1227 (added inertia raised the amplitude, not the frequency)."},
    {"powers1988",
     "Powers RK, Marder-Meyer J, Rymer WZ. Quantitative relations between hypertonia and stretch "
     "reflex threshold in spastic hemiparesis. Ann Neurol 1988;23(2):115-124 (a lower reflex "
     "threshold rather than a higher reflex gain)."},
    {"stroke_pad_rate",
     "A stimulus rate that is not influenced by homosynaptic post-activation depression in "
     "chronic stroke. Somatosens Mot Res 2020:271-276, doi:10.1080/08990220.2020.1807925 (15 "
     "chronic stroke patients with soleus spasticity, paired test pulses: the second H-reflex "
     "74.3, 84.1, 85.5 and 92.7 % of the first at 1, 0.3, 0.2 and 0.1 Hz; from the abstract; "
     "authors and volume not read here, the cohort's Ashworth grades not given in it)."},
    {"nielsen1993",
     "Nielsen J, Petersen N, Ballegaard M, Biering-Sorensen F, Kiehn O. H-reflexes are less "
     "depressed following muscle stretch in spastic spinal cord injured patients than in healthy "
     "subjects. Exp Brain Res 1993;97(1):173-176 (2 s after a slow 17 deg/s stretch the H-reflex "
     "is about 30 % of control in healthy subjects, significantly less depressed in six spastic "
     "patients; author list and pages from memory, the abstract read)."},
    {"alibiglou2008",
     "Alibiglou L, Rymer WZ, Harvey RL, Mirbagheri MM. The relation between Ashworth scores and "
     "neuromechanical measurements of spasticity following stroke. J Neuroeng Rehabil 2008;5:18 "
     "(reflex and intrinsic torque and stiffness of elbow and ankle do not correlate with the "
     "modified Ashworth grade)."},
    {"fatigue_hreflex2006",
     "Fatigue-induced modulation of the H reflex of soleus muscle in humans. Neurophysiology "
     "2006 (after 6-9 min of plantarflexion at 75 % MVC the soleus H-reflex is about 60 % of "
     "control, about 90 % 2-3 min later, 96-97 % after 30 min); abstract read, authors not "
     "verified here."},
    {"garland_mccomas1990",
     "Garland SJ, McComas AJ. Reflex inhibition of human soleus muscle during fatigue. J Physiol "
     "1990;429:17-27 (the soleus H-reflex is reduced during fatigue; ischaemia or stimulation "
     "alone, without fatigue, do not reduce it)."},
    {"price1993",
     "Price R, Lehmann JF, Boswell-Bessette S, Burleigh A, deLateur BJ. Influence of cryotherapy "
     "on spasticity at the human ankle. Arch Phys Med Rehabil 1993;74(3):300-304 (25 spastic "
     "subjects: spasticity measured as ankle stiffness fell during cryotherapy of the calf; two "
     "grew worse; author list from memory, the abstract read)."},
    {"allison_abraham2001",
     "Allison SC, Abraham LD. Sensitivity of qualitative and quantitative spasticity measures to "
     "clinical treatment with cryotherapy. Int J Rehabil Res 2001;24(1):15-24 (a 20 min cold pack "
     "on the calf of 26 brain-injured adults lowered the modified Ashworth scores)."},
    {"lance1980",
     "Lance JW. Symposium synopsis. In: Feldman RG, Young RR, Koella WP, eds. Spasticity: "
     "Disordered Motor Control. Chicago: Year Book Medical Publishers; 1980:485-494 (spasticity: a "
     "velocity-dependent increase in tonic stretch reflexes with exaggerated tendon jerks; "
     "definition as quoted by Sheean G, Neurophysiology of spasticity, Cambridge University Press "
     "2001, not read in the original)."},
    {"yeo1998",
     "Yeo W, Ada L, O'Dwyer N, Neilson PD. Tonic stretch reflexes in older able-bodied people. "
     "Electromyogr Clin Neurophysiol 1998;38(5):273-278 (30 able-bodied adults 46-78 y: no tonic "
     "stretch-reflex EMG to ramp or sinusoidal stretch of relaxed muscle; from the abstract as "
     "summarised in COHORT_EVIDENCE.md; title not verified)."},
    {"degowin1987",
     "DeGowin EL, DeGowin RL. Bedside Diagnostic Examination. 5th ed. New York: Macmillan; 1987, p "
     "818 (clonus: a few unsustained beats may be normal; sustained clonus persists, 10 beats or "
     "more; as summarised by fpnotebook.com, Ankle Clonus; clinical studies also call 5 or more "
     "beats sustained, e.g. a tramadol-poisoning series, not verified)."},
    {"wallace2005", "Wallace DM, Ross BH, Thomas CK. Motor unit behavior during clonus. J Appl "
                    "Physiol 2005;99(6):2166-2172 (medial gastrocnemius clonus after cervical "
                    "spinal cord injury: 4.7-7.0 Hz, lasting up to 30 s or more)."},
    {"morelli1990",
     "Morelli M, Seaborne DE, Sullivan SJ. Changes in H-reflex amplitude during massage of triceps "
     "surae in healthy subjects. J Orthop Sports Phys Ther 1990;12(2):55-59."},
    {"sullivan1991", "Sullivan SJ, Williams LR, Seaborne DE, Morelli M. Effects of massage on "
                     "alpha motoneuron excitability. Phys Ther 1991;71(8):555-560."},
    {"goldberg1992", "Goldberg J, Sullivan SJ, Seaborne DE. The effect of two intensities of "
                     "massage on H-reflex amplitude. Phys Ther 1992;72(6):449-457."},
    {"crone_nielsen1989",
     "Crone C, Nielsen J. Methodological implications of the post activation depression of the "
     "soleus H-reflex in man. Exp Brain Res 1989;78(1):28-32 (a preceding H-reflex, a brief "
     "contraction or an Achilles tendon tap inhibits the soleus H-reflex for more than 8 s, with "
     "the same time course; from the abstract)."},
    {"hultborn1996",
     "Hultborn H, Illert M, Nielsen J, Paul A, Ballegaard M, Wiese H. On the mechanism of the "
     "post-activation depression of the H-reflex in human subjects. Exp Brain Res "
     "1996;108(3):450-462 (homosynaptic depression at the Ia terminals; recovery over about 10 s "
     "as commonly cited; not read here)."},
    {"imura1997",
     "Imura S, Kishikawa M, Wada T, Iwai A, Fuziwara M. Changes in the H-reflex amplitude caused "
     "by fluctuation of stimulus frequency. J Phys Ther Sci 1997;9(2):111-119 (soleus H-reflex, 10 "
     "subjects, 0.1-20 Hz: 'change rate' 62.5 % at 1 Hz, from the abstract; read here as the "
     "amplitude relative to the low-rate one, which the abstract does not define)."},
    {"shields2011",
     "Shields RK, Dudley-Javoroski S, Oza PD. Low-frequency H-reflex depression in trained human "
     "soleus after spinal cord injury. Neurosci Lett 2011;499(2):88-92 (H-reflex lower at 1, 2 and "
     "5 Hz than at 0.1 or 0.2 Hz; from the abstract)."},
    {"oza2017",
     "Oza PD, Dudley-Javoroski S, Shields RK. Modulation of H-reflex depression with paired-pulse "
     "stimulation in healthy active humans. Rehabil Res Pract 2017;2017:5107097, "
     "doi:10.1155/2017/5107097 (soleus "
     "H-reflex, "
     "ten-pulse trains at 0.1, 0.2, 1, 2 and 5 Hz in ten neurologically intact people; the "
     "depression of pulses 2-10 relative to the first grows with rate; from the abstract, the "
     "figures not read here)."},
    {"schindler_ivens2000",
     "Schindler-Ivens S, Shields RK. Low frequency depression of H-reflexes in humans with acute "
     "and chronic spinal-cord injury. Exp Brain Res 2000;133:233-241, doi:10.1007/s002210000377 "
     "(volume and pages from memory; soleus H-reflexes at 0.1, "
     "0.2, 1, 5 and 10 Hz, normalized to 0.1 Hz: amplitude falls with rate in able-bodied "
     "controls, n = 7; from the abstract, the figures not read here)."},
    {"harris_koceja2006",
     "Harris RA, Koceja DM. Comparison of electrically and mechanically induced soleus H-reflex "
     "depression. Electromyogr Clin Neurophysiol 2006;46(7-8):413-419 (a 10 deg passive "
     "dorsiflexion at 15 deg/s depresses the next H-reflex 94, 91 and 44 % at 25 %, 50 % Hmax and "
     "Hmax; a conditioning H-reflex 65, 55, 19 %; from the abstract, interval not given)."},
    {"aymard2000",
     "Aymard C, Katz R, Lafitte C, Lo E, Penicaud A, Pradat-Diehl P, Raoul S. Presynaptic "
     "inhibition and homosynaptic depression: a comparison between lower and upper limbs in normal "
     "human subjects and patients with hemiplegia. Brain 2000;123(8):1688-1702 (post-activation "
     "depression is reduced on the spastic side; title from a reference list, pages not verified, "
     "size not taken from it)."},
    {"sinkjaer1996",
     "Sinkjaer T, Andersen JB, Larsen B. Soleus stretch reflex modulation during gait in humans. J "
     "Neurophysiol 1996;76(2):1112-1120 (8 deg at 250 deg/s: onset 42 +- 3.2 ms, peak 59 +- 2.5 "
     "ms; from the abstract)."},
    {"miller_knight2009",
     "Miller KC, Knight KL. Electrical stimulation cramp threshold frequency correlates well with "
     "the occurrence of skeletal muscle cramps. Muscle Nerve 2009;39(3):364-368."},
    {"lau2019",
     "Lau WY, Kato H, Nosaka K. Water intake after dehydration makes muscles more susceptible to "
     "cramp but electrolytes reverse that effect. BMJ Open Sport Exerc Med 2019;5:e000478."},
    {"miller2017", "Miller KC et al. 2017: cramp threshold frequency falls from about 18 to 14 Hz "
                   "after an electrically induced cramp and stays low for at least 60 min (as "
                   "summarised in SCIENCE.md section 4; full citation not verified here)."},
    {"stone_fatigue", "Stone MB et al.: local muscle fatigue raises the electrically induced cramp "
                      "threshold frequency from 20.0 to 32.9 Hz (as summarised in SCIENCE.md "
                      "section 4; year and journal not verified here)."},
    {"braulick2013", "Braulick KW, Miller KC, Albrecht JM, Tucker JM, Deal JE. Significant and "
                     "serious dehydration does not affect skeletal muscle cramp threshold "
                     "frequency. Br J Sports Med 2013;47(11):710-714."},
    {"miller2010", "Miller KC, Mack GW, Knight KL, Hopkins JT, Draper DO, Fields PJ, Hunter I. "
                   "Three percent hypohydration does not affect threshold frequency of "
                   "electrically induced cramps. Med Sci Sports Exerc 2010;42(11):2056-2063."},
    {"minetto2009",
     "Minetto MA, Holobar A, Botter A, Farina D. Discharge properties of motor units of the "
     "abductor hallucis muscle during cramp contractions. J Neurophysiol 2009;102(3):1890-1901."},
    {"minetto2009b", "Minetto MA, Botter A, De Grandis D, Merletti R. Time and frequency domain "
                     "analysis of surface "
                     "myoelectric signals during electrically-elicited cramps. Neurophysiol Clin "
                     "2009;39(1):15-25."},
    {"ranatunga1987", "Ranatunga KW, Sharpe B, Turnbull B. Contractions of a human skeletal muscle "
                      "at different temperatures. J Physiol 1987;390:383-395 (Q10 of twitch time "
                      "to peak 1.43, half relaxation 1.7; as summarised in SCIENCE.md)."},
    {"mense1978", "Mense S. Effects of temperature on the discharges of muscle spindles and tendon "
                  "organs. Pflugers Arch 1978;374(2):159-166."},
    {"petrofsky_heat",
     "Petrofsky J et al.: muscle temperature after 2 h of a moist heat wrap (+3.1 degC), a dry "
     "heat wrap (+2.2 degC) and a hydrocollator pack (+0.4 degC) (as summarised in SCIENCE.md "
     "section 5; exact paper not verified here, likely J Med Eng Technol 2009;33:361-369)."},
    {"arnold2010", "Arnold EM, Ward SR, Lieber RL, Delp SL. A model of the lower limb for analysis "
                   "of human movement. Ann Biomed Eng 2010;38(2):269-279."},
    {"holzbaur2005", "Holzbaur KRS, Murray WM, Delp SL. A model of the upper extremity for "
                     "simulating musculoskeletal surgery and analyzing neuromuscular control. Ann "
                     "Biomed Eng 2005;33(6):829-840."},
    {"geyer_herr2010", "Geyer H, Herr H. A muscle-reflex model that encodes principles of legged "
                       "mechanics produces human walking dynamics and muscle activities. IEEE "
                       "Trans Neural Syst Rehabil Eng 2010;18(3):263-273."},
    {"manjra1996",
     "Manjra SI, Schwellnus MP, Noakes TD. Risk factors for exercise associated muscle cramping "
     "(EAMC) in marathon runners. Med Sci Sports Exerc 1996;28(5 Suppl):S167 (abstract)."},
    {"winter2009", "Winter DA. Biomechanics and Motor Control of Human Movement, 4th ed. Wiley, "
                   "2009 (segment inertial parameters)."},
    {"bertolasi1993",
     "Bertolasi L, De Grandis D, Bongiovanni LG, Zanette GP, Gasperini M. The influence of "
     "muscular lengthening on cramps. Ann Neurol 1993;33(2):176-180."},
    {"fuglevand1993", "Fuglevand AJ, Winter DA, Patla AE. Models of recruitment and rate coding "
                      "organization in motor-unit pools. J Neurophysiol 1993;70(6):2470-2488."},
    {"lee_heckman1998",
     "Lee RH, Heckman CJ. Bistability in spinal motoneurons in vivo: systematic variations in "
     "rhythmic firing patterns. J Neurophysiol 1998;80(2):572-582 (35 % of cells fully "
     "bistable)."},
    {"thelen2003", "Thelen DG. Adjustment of muscle mechanics model parameters to simulate dynamic "
                   "contractions in older adults. J Biomech Eng 2003;125(1):70-77."},
    {"lee_heckman1998b", "Lee RH, Heckman CJ. Bistability in spinal motoneurons in vivo: "
                         "systematic variations in persistent inward currents. J Neurophysiol "
                         "1998;80(2):583-593 (high-threshold cells sustain at most 1-2 s)."},
    {"pic_sway2019",
     "Estimates of persistent inward current in human motor neurons during postural sway. J "
     "Neurophysiol 2019;122(5):2095-2110, doi:10.1152/jn.00254.2019 (seated soleus Delta F 3.15 +- "
     "1.45 pps; authors not recorded here)."},
    {"mujoco_muscle",
     "MuJoCo documentation, muscle actuators (lmin, lmax, vmax, fpmax, fvmax, timeconst) and the "
     "FLV curves of its docs (Google DeepMind); read for the shapes only, no code used."},
    /* advice (src/advise, docs/advice.md) */
    {"ernst2003", "Ernst E. The safety of massage therapy. Rheumatology (Oxford) "
                  "2003;42(9):1101-1106."},
    {"yin2014", "Yin P, Gao N, Wu J, Litscher G, Xu S. Adverse events of massage therapy in "
                "pain-related conditions: a systematic review. Evid Based Complement Alternat Med "
                "2014 (138 adverse events in 40 reports, 2003-2013, as cited in SCIENCE.md; "
                "details not verified here)."},
    {"sutton2014", "Sutton R. Carotid sinus syndrome: progress in understanding and management. "
                   "Glob Cardiol Sci Pract 2014 (carotid sinus hypersensitivity in about 10 % of "
                   "people aged 50 or more, as cited in SCIENCE.md; details not verified here)."},
    {"lacerda2020", "Lacerda et al. 2020: carotid sinus massage and carotid sinus "
                    "hypersensitivity, >= 3 s asystole or >= 50 mmHg systolic fall after 5-10 s "
                    "of pressure (as cited in SCIENCE.md; title and journal not verified here)."},
    {"jensen2019", "Jensen et al. 2019: heart rate rises 7.2-8.5 beats/min per degC of fever (as "
                   "cited in SCIENCE.md; title and journal not verified here)."},
    {"allen2012", "Allen RE, Kirby KA. Nocturnal leg cramps. Am Fam Physician 2012;86(4):350-355 "
                  "(when cramps call for a medical work-up)."},
    {"skin_perfusion_pressure",
     "Skin perfusion pressure measured as the external pressure required to stop isotope washo"
     "ut (Scand J Clin Lab Invest): skin flow stops on average 10.8 mmHg below mean arterial p"
     "ressure (authors and year not verified here)."},
    {"tee2004",
     "Tee GB, Rasool AH, Halim AS, Rahman AR. Dependence of human forearm skin postocclusive r"
     "eactive hyperemia on occlusion time. J Pharmacol Toxicol Methods 2004;50(1):73-78 (rise "
     "15.4 / 24.8 / 32.1 AU after 1 / 2 / 3 min)."},
    {"imms1988",
     "Imms FJ, Lee WS, Ludlow PG. Reactive hyperaemia in the human forearm. Q J Exp Physiol 19"
     "88;73(2):203-215 (exponential decay, half-life 14-45 s after 5 min occlusion)."},
    {"hinds2004",
     "Hinds T, McEwan I, Perkes J, Dawson E, Ball D, George K. Effects of massage on limb and "
     "skin blood flow after quadriceps exercise. Med Sci Sports Exerc 2004;36(8):1308-1313."},
    {"flouris2015",
     "Flouris AD, Webb P, Kenny GP. Noninvasive assessment of muscle temperature during rest, "
     "exercise, and postexercise recovery in different environments. J Appl Physiol 2015;118(1"
     "0):1310-1320."},
    {"shoemaker1997",
     "Shoemaker JK, Tiidus PM, Mader R. Failure of manual massage to alter limb blood flow: me"
     "asures by Doppler ultrasound. Med Sci Sports Exerc 1997;29(5):610-614."},
    {"juel2000",
     "Juel C, Pilegaard H, Nielsen JJ, Bangsbo J. Interstitial K+ in human skeletal muscle dur"
     "ing and after dynamic graded exercise determined by microdialysis. Am J Physiol Regul In"
     "tegr Comp Physiol 2000;278:R400-R406."},
    {"vollestad1994",
     "Vollestad NK, Hallen J, Sejersted OM. Effect of exercise intensity on potassium balance "
     "in muscle and blood of man. J Physiol 1994;475(2):359-368 (venous-arterial K+ difference"
     " decays with a half-time of ~3 min; recalled, not verified here)."},
    {"noble2019",
     "Noble D et al.: muscle cramp needs raised extracellular K+ and Ca2+ influx; blood flow w"
     "ashing K+ out reverses it (CellML model, as summarised in SCIENCE.md section 5; exact re"
     "ference not verified here)."},
    {"diego2009",
     "Diego MA, Field T. Moderate pressure massage elicits a parasympathetic nervous system re"
     "sponse. Int J Neurosci 2009;119(5):630-638."},
    {"diego2004",
     "Diego MA, Field T, Sanders C, Hernandez-Reif M. Massage therapy of moderate and light pr"
     "essure and vibrator effects on EEG and heart rate. Int J Neurosci 2004;114(1):31-44."},
    {"cambron2006",
     "Cambron JA, Dexheimer J, Coe P. Changes in blood pressure after various forms of therape"
     "utic massage: a preliminary study. J Altern Complement Med 2006;12(1):65-70."},
    {"liao2016",
     "Liao IC, Chen SL, Wang MY, Tsai PS. Effects of massage on blood pressure in patients wit"
     "h hypertension and prehypertension: a meta-analysis of randomized controlled trials. J C"
     "ardiovasc Nurs 2016;31(1):73-83."},
    {"kaye2008",
     "Kaye AD, Kaye AJ, Swinford J, Baluch A, Bawcom BA, Lambert TJ, Hoover JM. The effect of d"
     "eep-tissue massage therapy on blood pressure and heart rate. J Altern Complement Med 2008"
     ";14(2):125-128."},
    {"boone2001",
     "Boone T, Tanner M, Radosevich A. Effects of a 10-minute back rub on cardiovascular respon"
     "ses in healthy subjects. Am J Chin Med 2001;29(1):47-52."},
    {"ross1965",
     "Ross J Jr, Linhart JW, Braunwald E. Effects of changing heart rate in man by electrical s"
     "timulation of the right atrium: studies at rest, during exercise, and with isoproterenol."
     " Circulation 1965;32:549-558."},
    {"mosteller1987",
     "Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317(17):1098"
     "."},
    {"wiltshire2010",
     "Wiltshire EV, Poitras V, Pak M, Hong T, Rayner J, Tschakovsky ME. Massage impairs postexe"
     "rcise muscle blood flow and \"lactic acid\" removal. Med Sci Sports Exerc 2010;42(6):1062-"
     "1071."},
    {"lind1967",
     "Lind AR, McNicol GW. Local and central circulatory responses to sustained contractions an"
     "d the effect of free or restricted arterial inflow on post-exercise hyperaemia. J Physiol"
     " 1967;192:575-593 (authors and pages as recalled; the abstract read is PMC1365529)."},
    {"behringer2015",
     "Behringer M, Link TW, Montag JCK, McCourt ML, Mester J. Are electrically induced muscle "
     "cramps able to increase the cramp threshold frequency, when induced once a week? Orthop R"
     "ev 2015;7(3):6028."},
    {"behringer2016",
     "Behringer M, Spieth V, Montag JCK, Willwacher S, McCourt ML, Mester J. Cramp training ind"
     "uces a long-lasting increase of the cramp threshold frequency in healthy subjects. Neurom"
     "odulation 2016 (volume and pages not checked)."},
    {"olney2005",
     "Olney CM. The effect of therapeutic back massage in hypertensive persons: a preliminary s"
     "tudy. Biol Res Nurs 2005;7(2):98-105."},
    {"givi2013",
     "Givi M. Durability of effect of massage therapy on blood pressure. Int J Prev Med 2013;4"
     "(5):511-516."},
    {"givi2018",
     "Givi M, Sadeghi M, Garakyaraghi M, Eshghinezhad A, Moeini M, Ghasempour Z. Long-term eff"
     "ect of massage therapy on blood pressure in prehypertensive women. J Educ Health Promot 2"
     "018;7:54."},
    {"kardos2001",
     "Kardos A, Watterich G, de Menezes R, Csanady M, Casadei B, Rudas L. Determinants of spon"
     "taneous baroreflex sensitivity in a healthy working population. Hypertension 2001;37(3):"
     "911-916."},
    {"karjalainen1986",
     "Karjalainen J, Viitasalo M. Fever and cardiac rhythm. Arch Intern Med 1986;146(6):1169-1"
     "171 (+8.5 beats/min per degC)."},
    {"heaps1994",
     "Heaps CL, Gonzalez-Alonso J, Coyle EF. Hypohydration causes cardiovascular drift without"
     " reducing blood volume. Int J Sports Med 1994;15(2):74-79."},
    {"sawka2001",
     "Sawka MN, Montain SJ, Latzka WA. Hydration effects on thermoregulation and performance i"
     "n the heat. Comp Biochem Physiol A 2001;128(4):679-690 (core temperature +0.1-0.25 degC "
     "per % body mass lost)."},
    {"sawka_hydration",
     "Hypohydration above 2 % of body mass: orthostatic fall of about 20 mmHg systolic and 10 "
     "mmHg diastolic on standing (as summarised in SCIENCE.md section 5; primary reference not"
     " verified here)."},
    {"kerr2006",
     "Kerr SR, Pearce MS, Brayne C, Davis RJ, Kenny RA. Carotid sinus hypersensitivity in asym"
     "ptomatic older persons: implications for diagnosis of syncope and falls. Arch Intern Med"
     " 2006;166(5):515-520."},
    {"mcintosh1994",
     "McIntosh SJ, Lawson J, Kenny RA. Heart rate and blood pressure responses to carotid sinu"
     "s massage in healthy elderly subjects. Age Ageing 1994;23(1):57-61."},
    {"cortisol_kinetics",
     "Plasma cortisol half-life 76.5 min (range 40-225) after hydrocortisone in adrenal insuff"
     "iciency; terminal half-life 124-138 min after intravenous cortisol (secondary summaries;"
     " primary references not verified here)."},
    {"borst1984",
     "Borst C, van Brederode JF, Wieling W, van Montfrans GA, Dunning AJ. Mechanisms of initial "
     "blood pressure response to postural change. Clin Sci 1984;67(3):321-327 (abstract: after 20 "
     "min supine SBP -28 +- 2 mmHg at 7 s; after 1 min supine the changes were significantly "
     "smaller; author list not verified)."},
    {"finucane2014",
     "Finucane C, O'Connell MDL, Fan CW, et al. Age-related normative changes in phasic "
     "orthostatic blood pressure in a large population study: findings from The Irish Longitudinal "
     "Study on Ageing (TILDA). Circulation 2014;130(20):1780-1789 (abstract: IOH 32.9 %, no age "
     "gradient; OH 6.9 %, 18.5 % at >= 80 y)."},
    {"oconnell2015", "O'Connell MDL, Savva GM, Fan CW, Kenny RA. Orthostatic hypotension, "
                     "orthostatic intolerance and frailty: The Irish Longitudinal Study on Ageing "
                     "(TILDA). Arch Gerontol Geriatr 2015;60(3):507-513 (abstract: orthostatic "
                     "intolerance 6.7 %; title as recalled, not verified)."},
    {"claffey2022", "Claffey P, Perez-Denia L, Lavan A, Kenny RA, Finucane C, Briggs R. "
                    "Asymptomatic orthostatic hypotension and risk of falls in community-dwelling "
                    "older people. Age Ageing 2022;51(12):afac295 (abstract: two thirds of OH "
                    "asymptomatic; title as recalled, not verified)."},
    {"carter2006",
     "Carter R, Cheuvront SN, Vernieuw CR, Sawka MN. Hypohydration and prior heat stress "
     "exacerbates decreases in cerebral blood flow velocity during standing. J Appl Physiol "
     "2006;101(6):1744-1750 (abstract only: the BP fall on standing similar at -3 % body mass, "
     "heart rate and cerebral flow velocity changes larger)."},
    {"harrison1986",
     "Harrison MH, Hill LC, Spaul WA, Greenleaf JE. Effect of hydration and exercise on the "
     "tolerance to head-up tilt. Eur J Appl Physiol 1986;55:187-194 (2 of 6 dehydrated men "
     "presyncopal during 45 min of 70 deg tilt; as summarised, not read in full)."},
    {"desmoulin2011", "Desmoulin GT, Anderson GS. Method to investigate contusion mechanics in "
                      "living humans. J Forensic Biomech 2011;2:F100402 (one subject, drop weight: "
                      "only the energy absorbed by the limb predicted contusion)."},
    {"pig_paintball", "Controlled bruises on an anaesthetised pig by paintball impact (17.1 mm, "
                      "3.15 g), high-speed video, finite-element model and biopsies: Biomechanical "
                      "characterization of soft tissue injuries (authors and journal not "
                      "retrieved): bruising follows skin shear; compression needs larger forces."},
    {"senile_purpura",
     "Senile (actinic) purpura: fragile-skin bruising after minor trauma in up to about 10 % of "
     "people over 50 (clinical summaries; primary prevalence study not retrieved)."},
    {"wieling2007",
     "Wieling W, Krediet CT, van Dijk N, Linzer M, Tschakovsky ME. Initial orthostatic hypoten"
     "sion: review of a forgotten condition. Clin Sci 2007;112(3):157-165."},
    {"freeman2011",
     "Freeman R, Wieling W, Axelrod FB, et al. Consensus statement on the definition of orthos"
     "tatic hypotension, neurally mediated syncope and the postural tachycardia syndrome. Clin"
     " Auton Res 2011;21(2):69-72."},
    {"field2005",
     "Field T, Hernandez-Reif M, Diego M, Schanberg S, Kuhn C. Cortisol decreases and serotoni"
     "n and dopamine increase following massage therapy. Int J Neurosci 2005;115(10):1397-1413"
     "."},
    {"moyer2011",
     "Moyer CA, Seefeldt L, Mann ES, Jackley LM. Does massage therapy reduce cortisol? A compr"
     "ehensive quantitative review. J Bodyw Mov Ther 2011;15(1):3-14."},
    {"census_quickfacts2019",
     "U.S. Census Bureau. QuickFacts: United States. Population estimates, July 1, 2019 (V2019): "
     "female persons 50.8 % of the resident population."},
    {"ostchega2020",
     "Ostchega Y, Fryar CD, Nwankwo T, Nguyen DT. Hypertension prevalence among adults aged 18 and "
     "over: United States, 2017-2018. NCHS Data Brief no. 364. Hyattsville, MD: National Center "
     "for Health Statistics, 2020 (22.4 % aged 18-39, 54.5 % aged 40-59, 74.5 % aged 60 and over; "
     "age-adjusted to the 2000 US standard population with weights 0.420263, 0.357202, 0.222535)."},
    {"fryar2018",
     "Fryar CD, Kruszon-Moran D, Gu Q, Ogden CL. Mean body weight, height, waist circumference, "
     "and body mass index among adults: United States, 1999-2000 through 2015-2016. National "
     "Health Statistics Reports no. 122. Hyattsville, MD: National Center for Health Statistics, "
     "2018 (2015-2016, aged 20 and over: men 175.4 cm, 89.8 kg, BMI 29.1 kg/m^2; women about 161.7 "
     "cm, 77.5 kg, BMI 29.6 kg/m^2)."},
    {"collins1995",
     "Collins S. The limit of human adaptation to starvation. Nat Med 1995;1(8):810-814 (Baidoa, "
     "Somalia, 1992-93: adults with a body mass index below 10 kg/m^2 survived with specialized "
     "care, below the 12 kg/m^2 earlier thought to be the limit)."},
    {"mbsaqip2023",
     "Is BMI >= 70 too heavy for bariatric surgery? Abstract, ASMBS annual meeting 2023: MBSAQIP "
     "2015-2021, 12 441 of 1.33 million patients with BMI >= 70 kg/m^2, mean 77.2, range 70-148.6 "
     "kg/m^2 (an abstract: figures not checked against a full paper)."},
    {"hales2020",
     "Hales CM, Carroll MD, Fryar CD, Ogden CL. Prevalence of obesity and severe obesity among "
     "adults: United States, 2017-2018. NCHS Data Brief no. 360. Hyattsville, MD: National Center "
     "for Health Statistics, 2020 (obesity, BMI >= 30 kg/m^2: 42.4 %)."},
    {"deurenberg1991",
     "Deurenberg P, Weststrate JA, Seidell JC. Body mass index as a measure of body fatness: age- "
     "and sex-specific prediction formulas. Br J Nutr 1991;65(2):105-114 (adults: BF% = 1.20 BMI + "
     "0.23 age - 10.8 sex - 5.4, men 1, women 0; SEE 4.1 % body fat)."},
    {"grandner2017",
     "Grandner MA, Winkelman JW. Nocturnal leg cramps: prevalence and associations with "
     "demographics, sleep disturbance symptoms, medical conditions, and cardiometabolic risk "
     "factors. PLoS One 2017;12(6):e0178465. doi:10.1371/journal.pone.0178465 (NHANES 2005-2008: "
     "24-25 % mild, 6 % moderate to severe leg cramps in the past month)."},
    {"carnes2010",
     "Carnes D, Mars TS, Mullinger B, Froud R, Underwood M. Adverse events and manual therapy:"
     " a systematic review. Man Ther 2010;15(4):355-363 (minor or moderate transient events 41"
     " % in cohorts, 22 % in trials; major adverse events 0.007-0.13 %; read from the abstract"
     ")."},
    {"stookey2020", "Stookey JD, Kavouras SA, Suh H, Lang F. Underhydration is associated with "
                    "obesity, chronic diseases, and death within 3 to 6 years in the U.S. "
                    "population aged 51-70 years. Nutrients 2020;12(4):905. doi:10.3390/nu12040905 "
                    "(over 65 % of adults aged 51-70 do not meet hydration criteria)."},
    {"ahr_brfss2021",
     "America's Health Rankings analysis of the CDC Behavioral Risk Factor Surveillance System "
     "2021, United Health Foundation: physical inactivity, adults reporting no physical activity "
     "or exercise other than their regular job in the past 30 days, US 23.7 %."},
    {"wilson1927", "Wilson EB. Probable inference, the law of succession, and statistical "
                   "inference. J Am Stat Assoc 1927;22(158):209-212."},
    {"newcombe1998", "Newcombe RG. Two-sided confidence intervals for the single proportion: "
                     "comparison of seven methods. Stat Med 1998;17(8):857-872."},
    {"katz1978", "Katz D, Baptista J, Azen SP, Pike MC. Obtaining confidence intervals for the "
                 "risk ratio in cohort studies. Biometrics 1978;34(3):469-474."},
    {"morris1991", "Morris MD. Factorial sampling plans for preliminary computational experiments. "
                   "Technometrics 1991;33(2):161-174."},
    {"campolongo2007", "Campolongo F, Cariboni J, Saltelli A. An effective screening design for "
                       "sensitivity analysis of large models. Environ Model Softw 2007;22(10):1509-"
                       "1518 (mu*, the mean absolute elementary effect)."},
    {"nerve_cv_q10",
     "Changes of sensory conduction velocity and refractory periods with decreasing tissue tem"
     "perature in man (ulnar nerve, 14 subjects, 35-20 degC): conduction velocity Q10 +1.4 (J "
     "Neurol, 1970s; authors not verified here); see also Todnem K, Knudsen G, Riise T, Nyland"
     " H, Aarli JA. The non-linear relationship between nerve conduction velocity and skin tem"
     "perature. J Neurol Neurosurg Psychiatry 1989;52(4):497-501."},
    {"behringer_cramp_training",
     "Behringer M et al.: a course of electrically induced cramp training raises the cramp thr"
     "eshold frequency by about 10 Hz (as summarised in SCIENCE.md section 4; exact reference "
     "not verified here, likely Behringer M, Harmsen JF, Fasse A, Mester J. Neuromodulation 20"
     "18;21(8):815-822)."},
};
const size_t kn_atlas_source_table_n =
    sizeof kn_atlas_source_table / sizeof kn_atlas_source_table[0];
