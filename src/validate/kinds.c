/* What each validation case can show: verification, calibration or prediction (SCIENCE.md §6).
 *
 * One table, read case by case against the parameter table (src/core/params.h): a case is a
 * calibration when a parameter was set from its number, or from the same figure of the paper (the
 * parameters it set are named, and the validation test checks that each of them cites the case's
 * source); a verification when it checks the code against a closed form or the paper's own
 * equations; a prediction only when nothing was chosen to match it. Where in doubt, a case is not
 * a prediction. A case missing here is "unclassified", which the validation test reports. */
#include <string.h>

#include "validate/validate_internal.h"

typedef struct case_kind {
  const char *id;
  kn_case_kind kind;
  const char *sets; /* calibration: what its number set */
} case_kind;

#define VER(id)                                                                                    \
  { id, KN_CASE_VERIFICATION, NULL }
#define CAL(id, sets)                                                                              \
  { id, KN_CASE_CALIBRATION, sets }
#define PRE(id)                                                                                    \
  { id, KN_CASE_PREDICTION, NULL }

static const case_kind kinds[] = {
    /* mechanics: the stress integral against the closed form and a brute-force sum */
    VER("mechanics.boussinesq_axis"),
    VER("mechanics.boussinesq_edge"),
    VER("mechanics.boussinesq_outside"),
    VER("mechanics.stress_table"),
    /* nerve: the perfusion curve was fitted to the three bands together */
    CAL("nerve.rydevik1981.venular_30mmHg", "nerve_perfusion_p50 nerve_perfusion_width"),
    CAL("nerve.rydevik1981.arteriolar_45mmHg", "nerve_perfusion_p50 nerve_perfusion_width"),
    CAL("nerve.rydevik1981.noflow_70mmHg", "nerve_perfusion_p50 nerve_perfusion_width"),
    CAL("nerve.dahlin1984.transport_30mmHg_2h", "nerve_transport_p_yes nerve_transport_time"),
    CAL("nerve.dahlin1984.transport_20mmHg_2h", "nerve_transport_p_no"),
    CAL("nerve.tourniquet.block_time", "nerve_block_time"),
    /* the edge length was chosen so that a long tourniquet cuff does not injure */
    CAL("nerve.tourniquet.2h_recovers",
        "nerve_edge_length nerve_ischaemia_recovery nerve_block_recovery"),
    CAL("nerve.rydevik_nordborg1980.50mmHg_2h", "nerve_injury_p_safe"),
    CAL("nerve.dahlin1986.80mmHg_2h", "nerve_injury_p_ref nerve_injury_time_ref nerve_edge_length"),
    /* the dose law's reference is 80 mmHg for 2 h; 400 mmHg for 15 min was not fitted */
    PRE("nerve.dahlin1986.400mmHg_15min"),
    /* the severe dose was set from 200-400 mmHg for 2 h, which also makes 200 mmHg an injury */
    CAL("nerve.rydevik_nordborg1980.200mmHg_2h", "nerve_severe_dose"),
    CAL("nerve.rydevik_nordborg1980.400mmHg_2h", "nerve_severe_dose"),
    /* tissue: the cell-death sigmoid is the paper's curve, so every point on it is the fit */
    CAL("tissue.linder_ganz2006.threshold_1h", "muscle_death_p_high muscle_death_t_width"),
    CAL("tissue.linder_ganz2006.threshold_2h",
        "muscle_death_p_low muscle_death_t_mid muscle_death_t_width"),
    CAL("tissue.linder_ganz2006.35kPa_30min", "muscle_death_p_high muscle_death_t_min"),
    CAL("tissue.linder_ganz2006.20kPa_30min",
        "muscle_death_p_high muscle_death_p_low muscle_death_t_mid"),
    CAL("tissue.linder_ganz2006.12kPa_150min", "muscle_death_p_low muscle_death_t_mid"),
    CAL("tissue.landis1930.capillary_closing", "capillary_closing"),
    /* the bruise grade applies the standard's limit as the standard defines it */
    VER("tissue.iso_ts_15066.bruise_force"),
    CAL("tissue.cambron2007.soreness", "soreness_site_max"),
    /* the article's case reports: no parameter was set from them but the recovery ranges (the
     * plans are ours, as the reports give no forces) */
    PRE("scenario.aksoy2009.spinal_accessory"),
    CAL("scenario.aksoy2009.recovery", "nerve_injury_recovery_max nerve_severe_recovery_max"),
    PRE("scenario.a12.palm_trapezius"),
    PRE("scenario.hsu2017.radial"),
    CAL("scenario.hsu2017.recovery", "nerve_severe_recovery_min"),
    /* the motor-unit pool against Fuglevand's own equations */
    VER("pool.fuglevand1993.gain_0.6"),
    VER("pool.fuglevand1993.gain_0.8"),
    VER("pool.fuglevand1993.gain_1.0"),
    VER("pool.fuglevand1993.recruitment_complete"),
    VER("pool.fuglevand1993.force_half_excitation"),
    VER("pool.fuglevand1993.force_full_recruitment"),
    /* MuJoCo's curves against Thelen's, which nothing in the model was fitted to */
    PRE("hill.thelen2003.fl_half_width"),
    PRE("hill.thelen2003.fv_half_vmax"),
    /* neuromuscular: the cramp-threshold shifts are parameters taken from the same papers */
    CAL("nm.miller_knight2009.ctf_prone", "nm_ctf_prone"),
    CAL("nm.miller_knight2009.ctf_never", "nm_ctf_never"),
    CAL("nm.lau2019.water", "nm_ctf_water"),
    CAL("nm.lau2019.electrolyte", "nm_ctf_electrolyte"),
    CAL("nm.braulick2013.dehydration", "nm_ctf_dehydration"),
    CAL("nm.minetto2009.cramp_rate", "nm_pic_drive"),
    CAL("nm.minetto2009.cramp_duration", "nm_cramp_decay"),
    /* stretch inhibition was fitted to the lengthened case; that a shortened one cramps was not */
    PRE("nm.bertolasi1993.shortened"),
    CAL("nm.bertolasi1993.lengthened", "nm_stretch_inhibition"),
    CAL("nm.bertolasi1993.stretch_ends", "nm_pic_hysteresis nm_stretch_inhibition"),
    CAL("nm.morelli1990.hreflex", "nm_massage_inhibition"),
    /* inhibition acts on the massaged muscle only: a structure taken from this finding, with the
     * inhibition's size (nm_massage_inhibition cites it) */
    CAL("nm.sullivan1991.only_massaged", "nm_massage_inhibition"),
    CAL("nm.goldberg1992.deep_vs_light", "nm_massage_p50"),
    CAL("nm.manjra1996.ranking", "data:muscle_data.cramp"),
    CAL("nm.stone.fatigue", "nm_ctf_fatigue"),
    PRE("nm.static_stretch"),
    CAL("nm.miller2017.after_cramp", "nm_ctf_after_cramp"),
    CAL("nm.hidler_rymer1999.clonus", "nm_gain_ia"),
    CAL("nm.hidler_rymer1999.no_clonus", "nm_gain_ia"),
    CAL("nm.behringer.cramp_training", "nm_ctf_training"),
    /* circulation: limb inflow under massage was not fitted (only exercise and skin were) */
    PRE("circ.shoemaker1997.brachial"),
    PRE("circ.shoemaker1997.femoral"),
    CAL("circ.shoemaker1997.exercise", "circ_exercise_gain"),
    CAL("circ.hinds2004.skin_temperature",
        "circ_massage_skin_gain circ_massage_skin_tau circ_skin_temp_rest"),
    PRE("circ.hinds2004.femoral"),
    CAL("circ.skin_perfusion_pressure.thumb", "circ_stop_margin"),
    CAL("circ.tee2004.growth", "circ_debt_skin_tau"),
    CAL("circ.petrofsky.moist_wrap", "circ_heat_moist circ_heat_tau"),
    CAL("circ.petrofsky.dry_wrap", "circ_heat_dry circ_heat_tau"),
    CAL("circ.petrofsky.hot_pack", "circ_heat_pack circ_heat_tau"),
    CAL("circ.petrofsky.skin_flow", "circ_heat_skin_gain"),
    /* systemic */
    CAL("sys.cambron2006.systolic", "sys_sbp_per_balance"),
    CAL("sys.cambron2006.diastolic", "sys_dbp_per_balance"),
    CAL("sys.cambron2006.trigger_point", "sys_vigorous_drive"),
    /* the hypertension gain cites the meta-analysis: not a prediction, though not fitted to it */
    CAL("sys.liao2016.hypertension", "sys_hypertension_gain"),
    CAL("sys.karjalainen1986.fever", "sys_fever_hr"),
    CAL("sys.mcintosh1994.normal", "sys_carotid_rr_normal"),
    CAL("sys.mcintosh1994.vasodepressor", "sys_carotid_sbp_normal"),
    CAL("sys.kerr2006.hypersensitive", "sys_carotid_rr_hyper sys_carotid_tau"),
    /* the default cortisol hypothesis (no effect) is this meta-analysis */
    CAL("sys.moyer2011.cortisol", "data:spec.hypothesis_cortisol"),
    /* population (cases_population.c). Strictly counted: an incidence whose band rests on the same
     * source as a parameter's calibration is a calibration, though the parameter was set from
     * another figure of it (the tonic-spasm duration from the clinical definition and the model's
     * longest reflex response; bruising from a one-hour session's single digits; soreness from
     * Cambron's one hour; felt dizziness, IOH and the dehydrated subject from TILDA, Carter and
     * Harrison). Only cramp and nerve injury are left as predictions. */
    CAL("population.spasm.professional", "nm_tonic_duration"),
    CAL("population.spasm.untrained_partner", "nm_tonic_duration"),
    CAL("population.bruise.professional", "bruise_dose50"),
    CAL("population.bruise.untrained_partner", "bruise_dose50"),
    CAL("population.soreness.professional", "soreness_site_max"),
    CAL("population.soreness.untrained_partner", "soreness_site_max"),
    PRE("population.cramp.professional"),
    PRE("population.cramp.untrained_partner"),
    PRE("population.nerve_injury.professional"),
    PRE("population.nerve_injury.untrained_partner"),
    CAL("population.dizziness.professional", "sys_ioh_symptomatic"),
    CAL("population.dizziness.untrained_partner", "sys_ioh_symptomatic"),
    CAL("population.ioh.professional", "sys_stand_fall sys_stand_age sys_oh_sd"),
    CAL("population.ioh.untrained_partner", "sys_stand_fall sys_stand_age sys_oh_sd"),
    CAL("population.dizziness_dehydrated.professional", "sys_stand_dehydrated_symptoms"),
    CAL("population.dizziness_dehydrated.untrained_partner", "sys_stand_dehydrated_symptoms"),
};

static const char *const kind_names[] = {"unclassified", "verification", "calibration",
                                         "prediction"};
const char *kn_case_kind_name(kn_case_kind k) {
  return (unsigned)k <= KN_CASE_PREDICTION ? kind_names[k] : "?";
}

void kn_case_classify(kn_validation_result *r) {
  r->kind = KN_CASE_UNCLASSIFIED;
  r->sets = NULL;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (r->id && strcmp(kinds[i].id, r->id) == 0) {
      r->kind = kinds[i].kind;
      r->sets = kinds[i].sets;
      return;
    }
}
