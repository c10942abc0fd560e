/* SPDX-License-Identifier: Apache-2.0 */
/* Validation of the neuromuscular engine: cramp threshold frequency and its modifiers (Miller &
 * Knight 2009, Lau 2019, Miller 2017, Stone), cramp discharge (Minetto 2009), shortened and
 * lengthened positions and stretch (Bertolasi 1993), inhibition of motoneurons by massage (Morelli
 * 1990, Sullivan 1991, Goldberg 1992), which muscles cramp (Manjra 1996) and clonus (Hidler &
 * Rymer 1999, Rack 1984). The cramp tests: run_ctf.c; the sessions: run_session.c. */
#include <math.h>

#include "validate/validate_internal.h"

/* The subjects: cramp-prone (8 cramps a month), and so changed. */
static const kn_subject_change prone = {.cramps_per_month = 8.0};
static const kn_subject_change prone_dry2 = {.cramps_per_month = 8.0, .hypohydration = 0.02};
static const kn_subject_change prone_dry3 = {.cramps_per_month = 8.0, .hypohydration = 0.03};
static const kn_subject_change prone_tired = {.cramps_per_month = 8.0, .exertion = 1.0};
static const kn_subject_change prone_trained = {.cramps_per_month = 8.0, .cramp_training = 1};

/* Done before the second threshold test: a drink of half a litre, a 30 s static stretch of the
 * calf, a 20 Hz train that provokes a cramp (the test then starts 2 min later). */
static const kn_plan_row water = {.kind = KN_ACT_DRINK, .fluid = KN_FLUID_WATER, .volume = 5e-4};
static const kn_plan_row electrolyte = {
    .kind = KN_ACT_DRINK, .fluid = KN_FLUID_ELECTROLYTE, .volume = 5e-4};
static const kn_plan_row calf_stretch = {.kind = KN_ACT_STRETCH,
                                         .muscle = "gastrocnemius",
                                         .angle = 60.0 * KN_PI / 180.0,
                                         .duration = 30.0};
static const kn_plan_row train_20hz = {
    .kind = KN_ACT_STIMULATION, .muscle = "gastrocnemius", .duration = 2.0, .frequency = 20.0};

/* Manjra 1996: the same ramp on three muscles of a cramp-prone subject. */
static const kn_ctf_exp manjra[] = {
    {.muscle = "gastrocnemius", .before = &prone, .from0 = 4.0, .step = 2.0, .trains = 16},
    {.muscle = "hamstrings", .before = &prone, .from0 = 4.0, .step = 2.0, .trains = 16},
    {.muscle = "quadriceps", .before = &prone, .from0 = 4.0, .step = 2.0, .trains = 16}};

/* Minetto 2009: the first cramp of a cramp-prone calf after a 16 Hz train, lying prone. */
static const kn_plan_row cramp_16hz[] = {{.kind = KN_ACT_POSTURE, .ankle = 0.5},
                                         {.kind = KN_ACT_STIMULATION,
                                          .muscle = "gastrocnemius",
                                          .duration = 2.0,
                                          .frequency = 16.0,
                                          .repetitions = 1,
                                          .rest = 30.0},
                                         {.kind = KN_ACT_REST, .duration = 60.0}};

/* Bertolasi 1993: a maximal voluntary contraction of the calf for 5 s with the ankle held
 * shortened (0.7 rad plantarflexion) or lengthened (-0.3 rad), then 40 s; or shortened with a
 * stretch of the calf from STRETCH_AT s, after the cramp has lasted long enough to be one.
 * Bertolasi's subjects were healthy volunteers: the default subject. */
#define STRETCH_AT 12.0
#define MVC                                                                                        \
  { .kind = KN_ACT_VOLUNTARY, .muscle = "gastrocnemius", .duration = 5.0, .level = 1.0 }
static const kn_plan_row mvc_short[] = {
    {.kind = KN_ACT_POSTURE, .ankle = 0.7}, MVC, {.kind = KN_ACT_REST, .duration = 40.0}};
static const kn_plan_row mvc_long[] = {
    {.kind = KN_ACT_POSTURE, .ankle = -0.3}, MVC, {.kind = KN_ACT_REST, .duration = 40.0}};
static const kn_plan_row mvc_stretched[] = {{.kind = KN_ACT_POSTURE, .ankle = 0.7},
                                            MVC,
                                            {.kind = KN_ACT_REST, .duration = STRETCH_AT - 5.0},
                                            {.kind = KN_ACT_STRETCH,
                                             .muscle = "gastrocnemius",
                                             .duration = 30.0,
                                             .angle = 60.0 * KN_PI / 180.0}};

/* Petrissage of the calf by a palm at 40 N or 20 N for 2 min, lying prone: the H-reflex. */
static const kn_plan_row calf_petrissage_40n[] = {
    {.kind = KN_ACT_POSTURE, .ankle = 0.5},
    {.kind = KN_ACT_PETRISSAGE, .muscle = "gastrocnemius", .force = 40.0, .duration = 120.0}};
static const kn_plan_row calf_petrissage_20n[] = {
    {.kind = KN_ACT_POSTURE, .ankle = 0.5},
    {.kind = KN_ACT_PETRISSAGE, .muscle = "gastrocnemius", .force = 20.0, .duration = 120.0}};
static const kn_session_exp petrissage_40n = {KN_PLAN(calf_petrissage_40n),
                                              .muscle = "gastrocnemius", .read = KN_READ_HREFLEX};
static const kn_session_exp petrissage_20n = {KN_PLAN(calf_petrissage_20n),
                                              .muscle = "gastrocnemius", .read = KN_READ_HREFLEX};

/* Clonus: the examination as Walsh 1976 posed it, lying prone with the ankle placed at neutral and
 * a steady dorsiflexing bias applied abruptly by an apparatus on the foot (here 4 N m from the
 * first step: the examiner's brisk push, held), which then holds the foot instead of a bolster. A
 * spastic subject (modified Ashworth 3: the loop gain nm_spasticity_gain raises) should settle
 * into a 3-8 Hz clonus (hidler_rymer1999: reflex loop instability); a subject without spasticity
 * should not. Everything is a subject trait or a session input within the `parameters:` guard:
 * no unguarded setting. Rack 1984 attached loads of different inertia to the foot and saw the
 * clonus frequency change with the load: the prediction adds 2 kg at 12 cm from the ankle
 * (0.029 kg m^2, twice the foot's own inertia) and reads the frequency ratio. */
#define CLONUS_BIAS (-4.0)      /* N m, dorsiflexing */
#define RACK_LOAD_MASS 2.0      /* kg */
#define RACK_LOAD_DISTANCE 0.12 /* m from the ankle axis */
static const kn_plan_row ankle_bias[] = {{.kind = KN_ACT_POSTURE, .ankle = 0.0},
                                         {.kind = KN_ACT_REST, .duration = 5.0}};
static const kn_subject_change spastic = {.spasticity = 3.0};
static const kn_load_change bias = {.joint = KN_JOINT_ANKLE, .torque = CLONUS_BIAS};
static const kn_load_change bias_mass = {.joint = KN_JOINT_ANKLE,
                                         .mass = RACK_LOAD_MASS,
                                         .distance = RACK_LOAD_DISTANCE,
                                         .torque = CLONUS_BIAS};
static const kn_session_exp clonus_free = {KN_PLAN(ankle_bias), .subject = &spastic,
                                           .muscle = "soleus", .load = &bias,
                                           .read = KN_READ_CLONUS_FREQUENCY};
static const kn_session_exp clonus_loaded = {KN_PLAN(ankle_bias), .subject = &spastic,
                                             .muscle = "soleus", .load = &bias_mass,
                                             .read = KN_READ_CLONUS_FREQUENCY};
static const kn_pair_exp rack_inertia = {&clonus_free, &clonus_loaded, kn_combine_ratio};
/* The same spastic ankle after a cold pack on the calf (price1993, allison_abraham2001: cooling
 * lowers spasticity). The papers give no muscle temperature: 5 degC below the resting 36.6 degC is
 * assumed (the model's clonus stops from 2 degC of cooling). */
#define COOLED_MUSCLE (31.6 + KN_ZERO_CELSIUS) /* K */
static const kn_subject_change spastic_cooled = {.spasticity = 3.0,
                                                 .muscle_temperature = COOLED_MUSCLE};
static const kn_session_exp clonus_cooled = {KN_PLAN(ankle_bias), .subject = &spastic_cooled,
                                             .muscle = "soleus", .load = &bias,
                                             .read = KN_READ_NO_CLONUS};

/* A table of data: its rows share a shape on purpose (validate_internal.h, kn_case). */
const kn_case kn_cases_nm[] = {
    /* kind: neuromuscular: the cramp-threshold shifts are parameters taken from the same papers */
    {.id = "nm.miller_knight2009.ctf_prone",
     .group = "neuromuscular",
     .source = "miller_knight2009",
     .what = "cramp threshold frequency of a cramp-prone calf (2 s trains, 2 Hz steps from 4 Hz)",
     .paper_text = "14.9 +- 1.3 Hz",
     KN_VALUE(14.9),
     .unit = "Hz",
     KN_CAL("nm_ctf_prone"),
     .run = kn_run_ctf,
     .exp =
         &(const kn_ctf_exp){
             .muscle = "gastrocnemius", .before = &prone, .from0 = 4.0, .step = 2.0, .trains = 14}},
    {.id = "nm.miller_knight2009.ctf_never",
     .group = "neuromuscular",
     .source = "miller_knight2009",
     .what = "cramp threshold frequency of a calf that never cramps",
     .paper_text = "25.5 +- 1.6 Hz",
     KN_VALUE(25.5),
     .unit = "Hz",
     KN_CAL("nm_ctf_never"),
     .run = kn_run_ctf,
     .exp =
         &(const kn_ctf_exp){.muscle = "gastrocnemius", .from0 = 4.0, .step = 2.0, .trains = 16}},
    {.id = "nm.lau2019.water",
     .group = "neuromuscular",
     .source = "lau2019",
     .what = "change of cramp threshold frequency after water, 2 % dehydrated",
     .paper_text = "-4.3 to -5.1 Hz",
     KN_BAND(-5.1, -4.3),
     .unit = "Hz",
     KN_CAL("nm_ctf_water"),
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone_dry2,
                                .after = &prone_dry2,
                                .first = &water,
                                .from0 = 8.0,
                                .from1 = 8.0,
                                .step = 0.5,
                                .trains = 20}},
    {.id = "nm.lau2019.electrolyte",
     .group = "neuromuscular",
     .source = "lau2019",
     .what = "change of cramp threshold frequency after an electrolyte drink, 2 % dehydrated",
     .paper_text = "+3.7 to +5.4 Hz",
     KN_BAND(3.7, 5.4),
     .unit = "Hz",
     KN_CAL("nm_ctf_electrolyte"),
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone_dry2,
                                .after = &prone_dry2,
                                .first = &electrolyte,
                                .from0 = 12.0,
                                .from1 = 12.0,
                                .step = 0.5,
                                .trains = 20}},
    {.id = "nm.braulick2013.dehydration",
     .group = "neuromuscular",
     .source = "braulick2013",
     .what = "change of cramp threshold frequency with 3 % dehydration alone (lab hypothesis)",
     .paper_text = "no change (3-5 % hypohydration)",
     KN_BAND(-1.0, 1.0),
     .unit = "Hz",
     KN_CAL("nm_ctf_dehydration"),
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone,
                                .after = &prone_dry3,
                                .from0 = 6.0,
                                .from1 = 6.0,
                                .step = 1.0,
                                .trains = 20}},
    {.id = "nm.minetto2009.cramp_rate",
     .group = "neuromuscular",
     .source = "minetto2009",
     .what = "mean discharge rate of motor units during an electrically induced cramp",
     .paper_text = "14.5 +- 5.1 /s (6-25)",
     KN_VALUE(14.5),
     .unit = "1/s",
     KN_CAL("nm_pic_drive"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(cramp_16hz), .subject = &prone,
                                    .muscle = "gastrocnemius", .read = KN_READ_CRAMP_RATE}},
    {.id = "nm.minetto2009.cramp_duration",
     .group = "neuromuscular",
     .source = "minetto2009",
     .what = "duration of the cramp discharge",
     .paper_text = "23.6 +- 16.2 s",
     KN_VALUE(23.6),
     .unit = "s",
     KN_CAL("nm_cramp_decay"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(cramp_16hz), .subject = &prone,
                                    .muscle = "gastrocnemius", .read = KN_READ_CRAMP_DURATION}},
    /* kind: stretch inhibition was fitted to the lengthened case; that a shortened one cramps was
       not */
    {.id = "nm.bertolasi1993.shortened",
     .group = "neuromuscular",
     .source = "bertolasi1993",
     .what =
         "a maximal contraction of the calf held shortened (40 deg plantarflexion) leaves a cramp",
     .paper_text = "cramps in 7 of 10 subjects",
     KN_YES,
     KN_PRE,
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(mvc_short), .muscle = "gastrocnemius",
                                    .read = KN_READ_CRAMPED}},
    {.id = "nm.bertolasi1993.lengthened",
     .group = "neuromuscular",
     .source = "bertolasi1993",
     .what = "the same contraction held lengthened (17 deg dorsiflexion) leaves no cramp",
     .paper_text = "cramps in 0 of 10 subjects",
     KN_YES,
     KN_CAL("nm_stretch_inhibition"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(mvc_long), .muscle = "gastrocnemius",
                                    .read = KN_READ_NOT_CRAMPED}},
    {.id = "nm.bertolasi1993.stretch_ends",
     .group = "neuromuscular",
     .source = "bertolasi1993",
     .what = "seconds from the start of a calf stretch to the end of the cramp it interrupts",
     .paper_text = "stretch stops cramps (within seconds)",
     KN_BAND(0.0, 10.0),
     .unit = "s",
     KN_CAL("nm_pic_hysteresis nm_stretch_inhibition"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(mvc_stretched), .muscle = "gastrocnemius",
                                    .read = KN_READ_CRAMP_END_AFTER, .at = STRETCH_AT}},
    {.id = "nm.morelli1990.hreflex",
     .group = "neuromuscular",
     .source = "morelli1990",
     .what = "H-reflex of the calf during petrissage (palm, 40 N), relative to rest",
     .paper_text = "-57 to -71 % (morelli1990; sullivan1991)",
     KN_BAND(0.29, 0.43),
     .unit = "ratio",
     KN_CAL("nm_massage_inhibition"),
     .run = kn_run_session,
     .exp = &petrissage_40n},
    /* kind: inhibition acts on the massaged muscle only: a structure taken from this finding, with
     * the inhibition's size (nm_massage_inhibition cites it) */
    {.id = "nm.sullivan1991.only_massaged",
     .group = "neuromuscular",
     .source = "sullivan1991",
     .what = "H-reflex of the untouched antagonist (tibialis anterior) during calf massage",
     .paper_text = "inhibition only in the massaged muscle",
     KN_VALUE(1.0),
     .unit = "ratio",
     KN_CAL("nm_massage_inhibition"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(calf_petrissage_40n), .muscle = "tibialis_anterior",
                                    .read = KN_READ_HREFLEX}},
    {.id = "nm.goldberg1992.deep_vs_light",
     .group = "neuromuscular",
     .source = "goldberg1992",
     .what = "deeper massage (40 N vs 20 N palm) inhibits the H-reflex more",
     .paper_text = "deep inhibits more than light",
     KN_YES,
     KN_CAL("nm_massage_p50"),
     .run = kn_run_pair,
     .exp = &(const kn_pair_exp){&petrissage_40n, &petrissage_20n, kn_combine_less}},
    {.id = "nm.manjra1996.ranking",
     .group = "neuromuscular",
     .source = "manjra1996",
     .what = "the same stimulation ramp cramps the calf first, then hamstrings, then quadriceps",
     .paper_text = "calf 80 % > hamstrings 66 % > quadriceps 48 % of crampers",
     KN_YES,
     KN_CAL("data:muscle_data.cramp"),
     .run = kn_run_ctf_ranking,
     .exp = manjra},
    {.id = "nm.stone.fatigue",
     .group = "neuromuscular",
     .source = "stone_fatigue",
     .what = "change of cramp threshold frequency after exhausting exercise (lab hypothesis)",
     .paper_text = "+12.9 Hz (20.0 to 32.9 Hz)",
     KN_VALUE(12.9),
     .unit = "Hz",
     KN_CAL("nm_ctf_fatigue"),
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone,
                                .after = &prone_tired,
                                .from0 = 4.0,
                                .from1 = 14.0,
                                .step = 1.0,
                                .trains = 30}},
    {.id = "nm.static_stretch",
     .group = "neuromuscular",
     .source = "miller_knight2009",
     .what = "change of cramp threshold frequency after a 30 s static stretch of the calf",
     .paper_text = "no change (SCIENCE.md section 4)",
     KN_BAND(-1.0, 1.0),
     .unit = "Hz",
     KN_PRE,
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone,
                                .after = &prone,
                                .first = &calf_stretch,
                                .from0 = 8.0,
                                .from1 = 8.0,
                                .step = 1.0,
                                .trains = 16}},
    {.id = "nm.miller2017.after_cramp",
     .group = "neuromuscular",
     .source = "miller2017",
     .what = "change of cramp threshold frequency minutes after a cramp",
     .paper_text = "-4 Hz (18 to 14 Hz)",
     KN_VALUE(-4.0),
     .unit = "Hz",
     KN_CAL("nm_ctf_after_cramp"),
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone,
                                .after = &prone,
                                .first = &train_20hz,
                                .wait = 120.0,
                                .skip = 1,
                                .from0 = 8.0,
                                .from1 = 8.0,
                                .step = 1.0,
                                .trains = 16}},
    {.id = "nm.hidler_rymer1999.clonus",
     .group = "neuromuscular",
     .source = "hidler_rymer1999",
     .what = "frequency of the oscillation an abrupt dorsiflexing bias leaves in a spastic ankle "
             "(modified Ashworth 3)",
     .paper_text = "3-8 Hz clonus (reflex loop instability)",
     KN_BAND(3.0, 8.0),
     .unit = "Hz",
     KN_CAL("nm_spasticity_gain"),
     .run = kn_run_session,
     .exp = &clonus_free},
    {.id = "nm.hidler_rymer1999.no_clonus",
     .group = "neuromuscular",
     .source = "hidler_rymer1999",
     .what = "without spasticity the same bias leaves no clonus (decays in a beat or two)",
     .paper_text = "stable stretch reflex",
     KN_YES,
     KN_CAL("nm_spasticity_gain"),
     .run = kn_run_session,
     .exp = &(const kn_session_exp){KN_PLAN(ankle_bias), .muscle = "soleus", .load = &bias,
                                    .read = KN_READ_NO_CLONUS}},
    /* kind: prediction: nothing was fitted to a clonus frequency under load */
    {.id = "nm.rack1984.clonus_inertia",
     .group = "neuromuscular",
     .source = "rack1984",
     .what = "clonus frequency with 2 kg at 12 cm on the foot, relative to none (spastic ankle, "
             "the same bias)",
     .paper_text = "frequency changed with the load (Rack 1984); below 1 for added inertia",
     KN_BAND(0.5, 0.97),
     .unit = "ratio",
     KN_PRE,
     .disagreement = NULL,
     .run = kn_run_pair,
     .exp = &rack_inertia},
    /* kind: prediction: nothing was fitted to a cooled limb; cold acts through the Q10s and the
     * spindle's temperature sensitivity set from other papers */
    {.id = "nm.price1993.cooled_no_clonus",
     .group = "neuromuscular",
     .source = "price1993",
     .what = "the spastic ankle (modified Ashworth 3) with the calf muscles 5 degC cooler (a cold "
             "pack, assumed): no clonus under the same bias",
     .paper_text = "cryotherapy of the calf reduces ankle spasticity (and the modified Ashworth "
                   "grade, allison_abraham2001)",
     KN_YES,
     KN_PRE,
     .run = kn_run_session,
     .exp = &clonus_cooled},
    {.id = "nm.behringer.cramp_training",
     .group = "neuromuscular",
     .source = "behringer_cramp_training",
     .what = "change of cramp threshold frequency after a course of cramp training",
     .paper_text = "+10 Hz",
     KN_VALUE(10.0),
     .unit = "Hz",
     KN_CAL("nm_ctf_training"),
     .run = kn_run_ctf,
     .exp = &(const kn_ctf_exp){.muscle = "gastrocnemius",
                                .before = &prone,
                                .after = &prone_trained,
                                .from0 = 4.0,
                                .from1 = 14.0,
                                .step = 1.0,
                                .trains = 30}},
};
const size_t kn_cases_nm_n = sizeof kn_cases_nm / sizeof kn_cases_nm[0];
