/* SPDX-License-Identifier: Apache-2.0 */
/* The model's parameters: one list, read by the simulation (kn_params), by `knead atlas` and by the
 * docs (kn_param_info). X(name, module, value_in_unit, unit, si_per_unit, evidence, source,
 * meaning). A source is a key from the atlas source table, or "calibrated: <what to>". */
#ifndef KN_CORE_PARAMS_H
#define KN_CORE_PARAMS_H

#include "core/units.h"
#include "knead/params.h"
#include "knead/spec.h"

/* clang-format off: one row per parameter reads better than the formatter's layout */
// clang-format off
#define KN_PARAM_LIST(X)                                                                           \
  /* mechanics ------------------------------------------------------------------------------- */  \
  X(iso_transient_time, "mechanics", 0.5, "s", 1.0, HUMAN, "iso_ts_15066",                         \
    "contact shorter than this is transient and may reach the transient limit")                    \
  X(iso_transient_factor, "mechanics", 2.0, "1", 1.0, HUMAN, "iso_ts_15066",                       \
    "transient limit = factor x quasi-static limit (none for skull, forehead, face)")              \
  X(bone_backing_gain, "mechanics", 2.0, "1", 1.0, EXPERT,                                         \
    "calibrated: image approximation of a rigid bone base under a nerve lying on bone",            \
    "stress on a bone-backed structure = min(p, gain x half-space stress)")                        \
  X(poisson_ratio, "mechanics", 0.49, "1", 1.0, EXPERT,                                            \
    "calibrated: soft tissue is nearly incompressible", "Poisson ratio for stresses at depth")     \
  X(glide_friction, "mechanics", 0.15, "1", 1.0, EXPERT,                                           \
    "calibrated: lubricated skin, within the 0.1-0.3 range for skin with oil or lotion",           \
    "tangential/normal force of a gliding stroke")                                                 \
  X(grip_friction, "mechanics", 0.5, "1", 1.0, EXPERT,                                             \
    "calibrated: dry skin-to-skin static friction (0.4-0.6)",                                      \
    "tangential/normal force when the hand moves the skin (friction, petrissage)")                 \
  X(capillary_closing, "mechanics", 32.0, "mmHg", KN_MMHG, HUMAN, "landis1930",                    \
    "surface pressure above which skin capillaries under the contact close")                       \
  X(pain_probability_event, "mechanics", 0.5, "1", 1.0, HUMAN, "bordachar2019",                    \
    "probability of pain above which a pain event is recorded")                                    \
  /* nerve ----------------------------------------------------------------------------------- */  \
  X(nerve_perfusion_p50, "nerve", 42.0, "mmHg", KN_MMHG, ANIMAL,                                   \
    "calibrated: rydevik1981 (venular flow impaired 20-30, arteriolar 40-50, none 60-80 mmHg)",    \
    "pressure on the nerve at which intraneural perfusion is halved")                              \
  X(nerve_perfusion_width, "nerve", 6.0, "mmHg", KN_MMHG, ANIMAL,                                  \
    "calibrated: rydevik1981 (perfusion < 5 % at 60 mmHg, > 95 % at 20 mmHg)",                     \
    "logistic width of the perfusion-pressure curve")                                              \
  X(nerve_block_time, "nerve", 30.0, "min", KN_MIN, HUMAN, "tourniquet_block",                     \
    "time of complete ischaemia to conduction block (observed 15-45 min)")                         \
  X(nerve_ischaemia_recovery, "nerve", 3.0, "min", KN_MIN, HUMAN, "tourniquet_block",              \
    "time constant of recovery from ischaemic block once perfusion returns (minutes)")             \
  X(nerve_paresthesia_level, "nerve", 0.33, "1", 1.0, HUMAN,                                       \
    "calibrated: paresthesia about 10 min into limb ischaemia [tourniquet_block]",                 \
    "ischaemic deficit (fraction of block) at which paresthesia begins")                           \
  X(nerve_transport_p_no, "nerve", 20.0, "mmHg", KN_MMHG, ANIMAL, "dahlin1984",                    \
    "pressure that does not block fast axonal transport in 2 h")                                   \
  X(nerve_transport_p_yes, "nerve", 30.0, "mmHg", KN_MMHG, ANIMAL, "dahlin1984",                   \
    "pressure that blocks fast axonal transport in 2 h")                                           \
  X(nerve_transport_time, "nerve", 2.0, "h", KN_HOUR, ANIMAL, "dahlin1984",                        \
    "time to transport block at nerve_transport_p_yes")                                            \
  X(nerve_injury_p_safe, "nerve", 50.0, "mmHg", KN_MMHG, ANIMAL, "rydevik_nordborg1980",           \
    "pressure tolerated for 2 h with full recovery: no structural dose below it")                  \
  X(nerve_injury_p_ref, "nerve", 80.0, "mmHg", KN_MMHG, ANIMAL, "dahlin1986",                      \
    "pressure that gives incomplete recovery (structural injury) after nerve_injury_time_ref")     \
  X(nerve_injury_time_ref, "nerve", 2.0, "h", KN_HOUR, ANIMAL, "dahlin1986",                       \
    "time at nerve_injury_p_ref that makes structural dose 1")                                     \
  X(nerve_severe_dose, "nerve", 4.0, "1", 1.0, ANIMAL,                                             \
    "calibrated: rydevik_nordborg1980 (200-400 mmHg 2 h: axonal degeneration; dose 5-12)",         \
    "structural dose above which axonal (not only myelin) damage is expected")                     \
  X(nerve_edge_length, "nerve", 10.0, "mm", KN_MM, EXPERT,                                         \
    "calibrated: small-cuff experiments (dahlin1986) vs tourniquet safety (tourniquet_block)",     \
    "loaded length at which the pressure edge deforms the nerve fully (edge mechanism)")           \
  X(nerve_paresthesia_recovery, "nerve", 10.0, "min", KN_MIN, HUMAN, "tourniquet_block",           \
    "longest recovery of ischaemic paresthesia once the pressure is off")                          \
  X(nerve_block_recovery, "nerve", 2.0, "h", KN_HOUR, HUMAN, "tourniquet_block",                   \
    "longest recovery of an ischaemic conduction block (<= 2 h of ischaemia)")                     \
  X(nerve_injury_recovery_min, "nerve", 2.0, "week", KN_WEEK, EXPERT, "rydevik_nordborg1980",      \
    "shortest recovery of a demyelinating (structural) injury")                                    \
  X(nerve_injury_recovery_max, "nerve", 12.0, "week", KN_WEEK, EXPERT, "aksoy2009",                \
    "longest recovery of a demyelinating (structural) injury")                                     \
  X(nerve_severe_recovery_min, "nerve", 3.0, "month", KN_MONTH, EXPERT, "hsu2017",                 \
    "shortest recovery of an axonal injury (near-total recovery at 6 months)")                     \
  X(nerve_severe_recovery_max, "nerve", 24.0, "month", KN_MONTH, EXPERT, "aksoy2009",              \
    "longest recovery of an axonal injury (mild deficit left at 2 years)")                         \
  X(nerve_ischaemic_perfusion, "nerve", 0.5, "1", 1.0, ANIMAL,                                     \
    "calibrated: half of normal intraneural flow, the middle of the perfusion curve [rydevik1981]", \
    "perfusion below which a nerve counts as ischaemic (time ischaemic, the ischaemia event and alarm)") \
  X(nerve_conduction_onset, "nerve", 0.5, "1", 1.0, HUMAN,                                         \
    "calibrated: fibres start failing about 15 min into complete ischaemia, half of nerve_block_time [tourniquet_block]", \
    "ischaemic deficit at which conduction starts to fail (all fibres blocked at 1)")               \
  X(nerve_block_level, "nerve", 0.95, "1", 1.0, HUMAN,                                             \
    "calibrated: conduction block graded when the ischaemic deficit is within 5 % of complete [tourniquet_block]", \
    "ischaemic deficit graded as conduction block")                                                \
  X(nerve_ischaemia_max, "nerve", 1.5, "1", 1.0, EXPERT,                                           \
    "calibrated: a deep block saturates, so recovery after a long compression starts from a bounded deficit", \
    "largest ischaemic deficit (1 = complete block)")                                              \
  X(nerve_critical_perfusion, "nerve", 0.25, "1", 1.0, HUMAN,                                     \
    "calibrated: the deficit starts building at 49 mmHg, inside the critical range 30-60 mmHg [lundborg1982]", \
    "residual perfusion that just meets the nerve's needs: the ischaemic deficit builds below it, clears above it") \
  X(nerve_sensory_onset, "nerve", 0.2, "1", 1.0, HUMAN,                                            \
    "calibrated: paresthesia and sensory loss come first [lundborg1982]",                         \
    "ischaemic deficit at which large sensory fibres start failing")                               \
  X(nerve_sensory_block, "nerve", 0.6, "1", 1.0, HUMAN,                                            \
    "calibrated: complete sensory block 10-30 min before motor block at 60-90 mmHg [lundborg1982]", \
    "ischaemic deficit at which all large sensory fibres are blocked")                             \
  X(nerve_small_onset, "nerve", 0.8, "1", 1.0, EXPERT,                                             \
    "calibrated: small fibres (pain, temperature) outlast large ones under ischaemia [tourniquet_block]", \
    "ischaemic deficit at which small fibres start failing")                                       \
  X(nerve_small_block, "nerve", 1.4, "1", 1.0, EXPERT,                                             \
    "calibrated: pain sensation goes last, about 40 min into complete ischaemia [tourniquet_block]", \
    "ischaemic deficit at which all small fibres are blocked")                                     \
  X(nerve_sensory_mech, "nerve", 0.7, "1", 1.0, EXPERT,                              \
    "calibrated: expert; tourniquet paralysis spares sensation relatively [tourniquet_block]",  \
    "large sensory fibres' share of the motor fibres' structural block (tourniquet paralysis spares sensation relatively)") \
  X(nerve_small_mech, "nerve", 0.2, "1", 1.0, EXPERT, "ochoa1972",                                \
    "small fibres' share of the motor fibres' structural block (small fibres are spared by compression)") \
  X(nerve_lesion_dose, "nerve", 2.0, "1", 1.0, EXPERT,                                             \
    "calibrated: dose 1 (80 mmHg 2 h, incomplete recovery) blocks 39 % of motor fibres, 400 mmHg 2 h nearly all [rydevik_nordborg1980]", \
    "structural dose that leaves 1 - 1/e of the large motor fibres blocked")                       \
  X(nerve_injury_rate_max, "nerve", 16.0, "1", 1.0, EXPERT,                                        \
    "calibrated: expert bound; no graded outcome is known above 400 mmHg, where the rate is 62 % of this bound [rydevik_nordborg1980]", \
    "bound of the structural dose rate, in doses per nerve_injury_time_ref (the dose saturates in pressure)") \
  X(nerve_transport_width, "nerve", 2.5, "mmHg", KN_MMHG, ANIMAL,                                  \
    "calibrated: 20 mmHg 2 h leaves fast transport open, 30 mmHg blocks it [dahlin1984]",          \
    "logistic width of the transport-pressure curve (graded, centred between the two pressures)")  \
  X(nerve_transport_recovery, "nerve", 1.0, "day", KN_DAY, EXPERT,                                \
    "calibrated: fast-transport block after hours of low-pressure compression is reversible [dahlin1984]", \
    "time constant of recovery of fast axonal transport once unloaded")                            \
  X(nerve_slow_transport_time, "nerve", 10.0, "h", KN_HOUR, ANIMAL,                               \
    "calibrated: 30 mmHg for 8 h, marked but incomplete slow-transport block (dose 0.8) [dahlin_mclean1986]", \
    "time to slow-axonal-transport dose 1 at nerve_transport_p_yes")                               \
  X(nerve_slow_transport_recovery, "nerve", 7.0, "day", KN_DAY, EXPERT,                           \
    "calibrated: slow transport moves 1-30 mm/day, so an accumulation clears over days (expert)", \
    "time constant of recovery of slow axonal transport once unloaded")                            \
  /* tissue ---------------------------------------------------------------------------------- */  \
  X(muscle_death_p_high, "tissue", 32.0, "kPa", KN_KPA, ANIMAL, "linder_ganz2006",                 \
    "muscle cell death after 15 min-1 h above this pressure")                                      \
  X(muscle_death_p_low, "tissue", 9.0, "kPa", KN_KPA, ANIMAL, "linder_ganz2006",                   \
    "muscle cell death after >= 2 h above this pressure")                                          \
  X(muscle_death_t_min, "tissue", 15.0, "min", KN_MIN, ANIMAL, "linder_ganz2006",                  \
    "shortest exposure that killed cells (at high pressure)")                                      \
  X(muscle_death_t_mid, "tissue", 90.0, "min", KN_MIN, ANIMAL, "linder_ganz2006",                  \
    "centre of the sigmoid between the 1 h and 2 h thresholds")                                    \
  X(muscle_death_t_width, "tissue", 8.0, "min", KN_MIN, ANIMAL,                                    \
    "calibrated: linder_ganz2006 sigmoid reaches 32 kPa by 1 h and 9 kPa by 2 h",                  \
    "width of the sigmoid")                                                                        \
  X(bruise_shear_ref, "tissue", 100.0, "kPa", KN_KPA, EXPERT,                                      \
    "calibrated: deep friction by a thumb at the ISO pain-onset pressure is at the bruise margin", \
    "surface shear stress taken as equivalent to the bruise force limit")                          \
  X(bruise_dose50, "tissue", 27.0, "s", 1.0, EXPERT,                                              \
    "calibrated: a one-hour professional deep-tissue session (full_body_professional_60min at 1.5x force) gives 5 %, single digits as cambron2007 lists no bruising; 50 % then needs a 1 s load at 6.2x the ISO force limit or 27 s at 2x", \
    "bruise dose, integral of (force / ISO force limit - 1)^2 dt, giving a 50 % chance of a visible bruise") \
  X(bruise_age_from, "tissue", 40.0, "year", 1.0, EXPERT, "senile_purpura",                        \
    "age above which skin fragility rises")                                                        \
  X(bruise_age_doubling, "tissue", 20.0, "year", 1.0, EXPERT,                                      \
    "calibrated: fragile-skin bruising common after 50 (senile_purpura); no dose study found",    \
    "fragility doubles every this many years above bruise_age_from")                              \
  X(bruise_anticoagulant, "tissue", 3.0, "1", 1.0, EXPERT,                                         \
    "calibrated: anticoagulants raise bleeding 3-6 fold with aspirin added (clinical summaries); no bruising odds ratio for massage found", \
    "bruise fragility factor on anticoagulant treatment")                                         \
  X(soreness_site_max, "tissue", 7.2, "%", 0.01, HUMAN,                                            \
    "calibrated: cambron2007 (10 % of clients sore after a typical one-hour professional session)", \
    "chance that one worked site becomes sore, its dose saturated")                               \
  X(soreness_site_sat, "tissue", 0.25, "min", KN_MIN, EXPERT,                                       \
    "calibrated: 15 s at the mean pain threshold takes a site to 63 % of its ceiling, so minutes of focal work stay below the hour", \
    "per-site pressure-pain load, integral of (pressure / pain threshold)^2 dt, at 63 % of the ceiling") \
  X(soreness_onset, "tissue", 6.0, "h", KN_HOUR, HUMAN, "cambron2007",                             \
    "typical onset of soreness (< 12 h)")                                                          \
  X(soreness_duration, "tissue", 24.0, "h", KN_HOUR, HUMAN, "cambron2007",                         \
    "typical duration of soreness (<= 36 h)")                                                      \
  X(bruise_risk_level, "tissue", 0.7, "1", 1.0, EXPERT,                                           \
    "calibrated: a warning 30 % before the ISO/TS 15066 force limit, the lowest force that could bruise (bruise index 1); no study sets it", \
    "bruise index (force / ISO force limit, or shear / bruise_shear_ref) at which a bruise risk is reported") \
  X(monitor_onset_level, "tissue", 0.5, "Lopt/s", 1.0, EXPERT,                                   \
    "calibrated: the neuromuscular engine's abrupt-stroke trigger (a strain rate nm_tap_gain x dp/dt that acts as a tendon tap)", \
    "muscle strain rate from a pressure rise above which the safety monitor warns of an abrupt onset") \
  X(doms_onset, "tissue", 8.0, "h", KN_HOUR, HUMAN,                                                 \
    "cheung2003", \
    "delayed-onset soreness after eccentric exercise begins (8-24 h, rising through the first day)") \
  X(doms_peak, "tissue", 48.0, "h", KN_HOUR, HUMAN,                                                 \
    "cheung2003", \
    "delayed-onset soreness is strongest (24-72 h; 48 h after elbow-flexor bouts)") \
  X(doms_resolved, "tissue", 7.0, "d", KN_DAY, HUMAN,                                               \
    "cheung2003", \
    "delayed-onset soreness has subsided (5-7 d) to a tenth of its peak") \
  X(doms_peak_max, "tissue", 6.0, "1", 1.0, EXPERT,                                                 \
    "calibrated: peak soreness of maximal eccentric elbow-flexor bouts in untrained adults reported around 5-7 of 10 (expert reading of the eccentric-exercise literature, cheung2003; unverified figure)", \
    "peak soreness (0-10 scale) of a saturating eccentric bout") \
  X(doms_contractions_sat, "tissue", 20.0, "1", 1.0, HUMAN,                                         \
    "calibrated: chen_nosaka2006 (30 maximal eccentric actions damage less than 50 or 70, which do not differ: 78 / 92 / 97 % of the ceiling)", \
    "maximal eccentric contractions giving 63 % of the peak soreness ceiling") \
  X(doms_massage_reduction, "tissue", 38.0, "%", 0.01, HUMAN,                                       \
    "calibrated: guo2017 (pooled SMD -1.51 at 48 h) times a between-subject coefficient of variation of peak soreness of 0.25 (expert, unverified)", \
    "share of delayed-onset soreness a saturating massage dose removes") \
  X(doms_massage_time, "tissue", 5.0, "min", KN_MIN, EXPERT,                                        \
    "calibrated: guo2017's trials gave 10-30 min of massage with effects of similar size, so the effect is near full by 10 min; no dose-response trial found", \
    "minutes of massage on the exercised muscle's region giving 63 % of the full reduction") \
  X(doms_massage_window, "tissue", 24.0, "h", KN_HOUR, EXPERT,                                      \
    "calibrated: guo2017's trials massaged 0-3 h after the bout; massage 48 h later relieves soreness for about an hour only (andersen2013), not modelled", \
    "time after the bout within which massage lowers its delayed-onset soreness") \
  /* neuromuscular ------------------------------------------------------------------------ */     \
  X(nm_ia_base, "neuromuscular", 82.0, "1/s", 1.0, ANIMAL, "prochazka_gorassini1998",              \
    "Ia discharge of a spindle at rest length, not moving")                                        \
  X(nm_ia_kv, "neuromuscular", 4.3, "1/s per (mm/s)^0.6", 1.0, ANIMAL, "prochazka_gorassini1998",  \
    "Ia sensitivity to stretch velocity (power law)")                                              \
  X(nm_ia_exponent, "neuromuscular", 0.6, "1", 1.0, ANIMAL, "prochazka_gorassini1998",             \
    "exponent of the velocity power law")                                                          \
  X(nm_ia_kx, "neuromuscular", 2.0, "1/s per mm", 1.0, ANIMAL, "prochazka_gorassini1998",          \
    "Ia sensitivity to stretch")                                                                   \
  X(nm_ib_gain, "neuromuscular", 200.0, "1/s", 1.0, EXPERT,                                        \
    "calibrated: Golgi tendon organ discharge roughly proportional to force (prochazka_gorassini1998)", \
    "Ib discharge at maximum force")                                                               \
  X(nm_gain_ia, "neuromuscular", 0.02, "1 per 1/s", 1.0, EXPERT,                                   \
    "calibrated: stable stretch reflex at normal excitability, 3-8 Hz clonus when raised (hidler_rymer1999)", \
    "excitation per Ia impulse/s above rest (first unit's threshold = 1)")                         \
  X(nm_gain_ib, "neuromuscular", 0.01, "1 per 1/s", 1.0, EXPERT,                                   \
    "calibrated: autogenic inhibition weaker than Ia excitation", "inhibition per Ib impulse/s")   \
  X(nm_gain_ri, "neuromuscular", 0.01, "1 per 1/s", 1.0, EXPERT,                                   \
    "calibrated: reciprocal inhibition by the antagonist's Ia", "inhibition per antagonist Ia impulse/s") \
  X(nm_tone, "neuromuscular", 0.85, "1", 1.0, EXPERT,                                              \
    "calibrated: relaxed motoneurons sit just below the first threshold (no resting EMG)",         \
    "resting excitation of a relaxed muscle")                                                      \
  X(nm_massage_inhibition, "neuromuscular", 8.0, "1", 1.0, HUMAN,                                  \
    "calibrated: H-reflex -57 to -71 % during massage (morelli1990, sullivan1991)",                \
    "largest excitation removed by pressure on the muscle")                                        \
  X(nm_massage_p50, "neuromuscular", 0.6, "kPa", KN_KPA, HUMAN,                                    \
    "calibrated: deep (2.5 kPa) inhibits more than light (1.25 kPa) massage (goldberg1992)",       \
    "pressure on the muscle giving half the largest inhibition")                                   \
  X(nm_inhibition_rise, "neuromuscular", 0.5, "s", 1.0, EXPERT,                                    \
    "calibrated: inhibition builds under sustained massage, yet a brief tap still evokes a reflex", \
    "time constant of the rise of massage inhibition")                                             \
  X(nm_inhibition_fall, "neuromuscular", 0.2, "s", 1.0, HUMAN,                                     \
    "calibrated: H-reflex recovers at once after massage (morelli1990)",                           \
    "time constant of the fall of massage inhibition")                                             \
  X(nm_tap_gain, "neuromuscular", 2.0e-5, "1/s per Pa/s", 1.0, EXPERT,                             \
    "calibrated: a hard percussion impact strains the muscle like a tendon tap",                   \
    "local stretch velocity (optimal lengths/s) per rate of pressure rise on the muscle")          \
  X(nm_fibre_share, "neuromuscular", 0.6, "1", 1.0, EXPERT,                                        \
    "calibrated: the tendon takes part of a joint rotation", "share of length change in the fibres") \
  X(nm_ctf_never, "neuromuscular", 25.5, "Hz", 1.0, HUMAN, "miller_knight2009",                    \
    "cramp threshold frequency of people who never cramp")                                         \
  X(nm_ctf_prone, "neuromuscular", 14.9, "Hz", 1.0, HUMAN, "miller_knight2009",                    \
    "cramp threshold frequency of cramp-prone people")                                             \
  X(nm_ctf_water, "neuromuscular", -4.7, "Hz", 1.0, HUMAN, "lau2019",                              \
    "shift after drinking water when 2 % dehydrated (-4.3 to -5.1)")                               \
  X(nm_ctf_electrolyte, "neuromuscular", 4.55, "Hz", 1.0, HUMAN, "lau2019",                        \
    "shift after an electrolyte drink when dehydrated (+3.7 to +5.4)")                             \
  X(nm_ctf_after_cramp, "neuromuscular", -4.0, "Hz", 1.0, HUMAN, "miller2017",                     \
    "shift after a cramp (18 to 14 Hz), lasting nm_ctf_after_cramp_time")                          \
  X(nm_ctf_after_cramp_time, "neuromuscular", 60.0, "min", KN_MIN, HUMAN, "miller2017",            \
    "how long the lower threshold lasts after a cramp")                                            \
  X(nm_ctf_fatigue, "neuromuscular", 12.9, "Hz", 1.0, HUMAN, "stone_fatigue",                      \
    "shift after exhausting local exercise (20.0 to 32.9 Hz); scaled by exertion")                 \
  X(nm_ctf_dehydration, "neuromuscular", 0.0, "Hz per %", 1.0, HUMAN, "braulick2013",              \
    "shift per % body mass lost, lab hypothesis (no change at 3-5 %)")                             \
  X(nm_ctf_dehydration_field, "neuromuscular", -1.5, "Hz per %", 1.0, ARTICLE,                     \
    "calibrated: illustrative only; field association without a quantified lab effect",            \
    "shift per % body mass lost under the named hypothesis 'field'")                               \
  X(nm_excitability_per_hz, "neuromuscular", 0.01, "1 per Hz", 1.0, EXPERT,                        \
    "calibrated: a lower cramp threshold frequency means more excitable motoneurons",              \
    "resting excitation added per Hz the threshold frequency is below nm_ctf_never")               \
  X(nm_pic_drive, "neuromuscular", 28.0, "1", 1.0, HUMAN,                                          \
    "calibrated: cramp discharge 14.5 +- 5.1 /s (minetto2009); larger than the 3.15 /s normal soleus Delta F (lee_heckman1998)", \
    "excitation a unit's persistent inward current adds during a cramp")                           \
  X(nm_pic_hysteresis, "neuromuscular", 0.2, "1", 1.0, EXPERT,                                     \
    "calibrated: a stretch ends a cramp within seconds (bertolasi1993)",                           \
    "PIC turns off this far (fraction of its drive) below the unit's threshold")                   \
  X(nm_stretch_inhibition, "neuromuscular", 300.0, "1 per L0", 1.0, EXPERT,                        \
    "calibrated: no cramps in a lengthened muscle, stretch stops them (bertolasi1993)",            \
    "inhibition of motoneurons per optimal length a muscle is stretched beyond optimal")           \
  X(nm_support_stiffness, "neuromuscular", 10.0, "1", 1.0, EXPERT,                                 \
    "calibrated: a bolster or a hand keeps the limb where the posture put it, yet lets it move",   \
    "stiffness of a posture's support, in multiples of the joint's own")                           \
  X(nm_cramp_decay, "neuromuscular", 11.0, "s", 1.0, HUMAN,                                        \
    "calibrated: cramp discharge lasts 23.6 +- 16.2 s (minetto2009)",                              \
    "time constant of the inactivation of the PICs that sustain a cramp, while they are on")       \
  X(nm_cramp_recovery, "neuromuscular", 120.0, "s", 1.0, EXPERT,                                   \
    "calibrated: after a cramp the muscle falls quiet, yet can cramp again minutes later (miller2017)", \
    "time constant with which inactivated PICs recover their resting amplitude")                   \
  X(nm_q10_twitch, "neuromuscular", 1.5, "1", 1.0, HUMAN, "ranatunga1987",                         \
    "Q10 of twitch time course (1.43 time to peak, 1.7 half relaxation)")                          \
  X(nm_ctf_training, "neuromuscular", 10.0, "Hz", 1.0, HUMAN, "behringer_cramp_training",          \
    "rise of the cramp threshold frequency after a course of cramp training")                     \
  X(nm_q10_conduction, "neuromuscular", 1.4, "1", 1.0, HUMAN, "nerve_cv_q10",                     \
    "Q10 of nerve conduction velocity (reflex loop delay scales with its inverse)")               \
  X(nm_spindle_per_degc, "neuromuscular", 0.03, "1/degC", 1.0, ANIMAL,                             \
    "calibrated: warming raises Ia and Ib discharge (mense1978)",                                  \
    "fractional rise of spindle and tendon organ discharge per degC")                              \
  X(nm_spasm_force, "neuromuscular", 0.02, "1", 1.0, EXPERT,                                       \
    "calibrated: a visible involuntary contraction", "involuntary force (fraction of maximum) that starts an episode (reflex response or spasm)") \
  X(nm_cramp_force, "neuromuscular", 0.05, "1", 1.0, EXPERT,                                       \
    "calibrated: half the ~10 % activation the self-sustaining half of the pool gives near 15 /s", \
    "involuntary activation (fraction of maximum) of a cramp")                                     \
  X(nm_cramp_duration, "neuromuscular", 5.0, "s", 1.0, EXPERT,                                     \
    "calibrated: a cramp outlasts a reflex or a brief tonic spasm", "shortest cramp")              \
  /* what counts as a spasm: clinical definitions (docs/model.md, "Spasms, cramps and reflex      \
   * responses"); anything shorter is a normal reflex response */                                \
  X(nm_tonic_duration, "neuromuscular", 2.0, "s", 1.0, EXPERT,                                     \
    "calibrated: sustained for seconds, beyond the longest phasic reflex response the model gives (1.3 s); a sustained reflex contraction is spasticity (lance1980), absent in relaxed healthy muscle (yeo1998)", \
    "shortest involuntary contraction that is a tonic spasm")                                      \
  X(nm_tonic_strong_duration, "neuromuscular", 1.0, "s", 1.0, EXPERT,                              \
    "calibrated: a strong contraction is noticed sooner (COHORT_EVIDENCE: >= 1 s at >= 10 % MVC)", \
    "shortest tonic spasm when its peak reaches nm_tonic_strong_force")                           \
  X(nm_tonic_strong_force, "neuromuscular", 0.10, "1", 1.0, EXPERT,                                \
    "calibrated: above the 7 % of maximum that normal reflex responses to a 30 N thumb reach",     \
    "involuntary force (fraction of maximum) that shortens the tonic spasm's duration")          \
  X(nm_clonus_beats, "neuromuscular", 5.0, "1", 1.0, HUMAN, "degowin1987",                         \
    "fewest beats of a clonic spasm (sustained clonus); fewer are unsustained clonus, a reflex response") \
  X(nm_beat_count_min, "neuromuscular", 3.0, "1", 1.0, EXPERT,                                     \
    "calibrated: three beats give two periods, the fewest that measure a frequency",              \
    "fewest beats that make an episode an oscillation")                                           \
  X(nm_beat_fall, "neuromuscular", 0.15, "1", 1.0, EXPERT,                                         \
    "calibrated: above the ripple of unfused firing at a steady drive",                           \
    "fall from the last peak (fraction of it) that arms the next beat")                          \
  X(nm_beat_rise, "neuromuscular", 0.15, "1", 1.0, EXPERT,                                         \
    "calibrated: above the ripple of unfused firing at a steady drive",                           \
    "rise above the trough (fraction of the force) that counts a beat")                           \
  X(nm_clonus_freq_min, "neuromuscular", 2.0, "Hz", 1.0, HUMAN,                                    \
    "calibrated: below clonus at 3-8 Hz (hidler_rymer1999) and 4.7-7 Hz (wallace2005)",           \
    "lowest beat frequency of a clonus")                                                           \
  X(nm_clonus_freq_max, "neuromuscular", 10.0, "Hz", 1.0, HUMAN,                                   \
    "calibrated: above clonus at 3-8 Hz (hidler_rymer1999) and 4.7-7 Hz (wallace2005)",           \
    "highest beat frequency of a clonus")                                                          \
  X(nm_percussion_lock, "neuromuscular", 0.15, "1", 1.0, EXPERT,                                   \
    "calibrated: a muscle following the taps beats at their rate, within the variation of a hand's rhythm", \
    "relative difference from the percussion rate within which an oscillation follows the taps") \
  X(nm_trigger_window, "neuromuscular", 3.0, "s", 1.0, EXPERT,                                     \
    "calibrated: an involuntary contraction within seconds of an effort, stimulation or percussion was set going by it", \
    "time after an effort, stimulation or percussion within which it is named as the trigger")    \
  X(nm_cramp_pic_share, "neuromuscular", 0.1, "1", 1.0, EXPERT,                                    \
    "calibrated: a cramp's discharge is self-sustained (minetto2009); a tenth of the pool with persistent inward currents on", \
    "share of the pool's units with PICs on that makes an episode self-sustained")               \
  X(nm_episode_gap, "neuromuscular", 0.3, "s", 1.0, EXPERT,                                        \
    "calibrated: longer than the pause between clonic beats at 3 Hz",                             \
    "time below half the onset force that ends an involuntary episode")                          \
  /* the motor-unit pool [fuglevand1993] and the Hill curves [mujoco_muscle]: kn_pool_params and   \
   * kn_hill_params from these rows (kn_pool_params_from, kn_hill_params_from) */                 \
  X(pool_units, "neuromuscular", 120.0, "1", 1.0, HUMAN, "fuglevand1993",                          \
    "motor units per pool")                                                                        \
  X(pool_recruitment_range, "neuromuscular", 30.0, "1", 1.0, HUMAN, "fuglevand1993",               \
    "recruitment range: thresholds RR^(i/(n-1)), the first exactly 1, the last RR")                \
  X(pool_rate_min, "neuromuscular", 8.0, "Hz", 1.0, HUMAN, "fuglevand1993",                        \
    "firing rate at recruitment")                                                                  \
  X(pool_rate_peak_first, "neuromuscular", 35.0, "Hz", 1.0, HUMAN, "fuglevand1993",                \
    "peak firing rate of the first (lowest-threshold) unit")                                       \
  X(pool_rate_peak_last, "neuromuscular", 25.0, "Hz", 1.0, HUMAN, "fuglevand1993",                 \
    "peak firing rate of the last (highest-threshold) unit")                                       \
  X(pool_rate_gain, "neuromuscular", 1.0, "Hz per excitation unit", 1.0, HUMAN, "fuglevand1993",   \
    "rise of firing rate per unit of drive above threshold")                                       \
  X(pool_twitch_range, "neuromuscular", 100.0, "1", 1.0, HUMAN, "fuglevand1993",                   \
    "range of twitch forces (last / first unit)")                                                  \
  X(pool_contraction_time, "neuromuscular", 90.0, "ms", 1.0e-3, HUMAN, "fuglevand1993",            \
    "longest twitch contraction time (of the first unit)")                                         \
  X(pool_contraction_range, "neuromuscular", 3.0, "1", 1.0, HUMAN, "fuglevand1993",                \
    "range of twitch contraction times (first / last unit)")                                       \
  X(pool_isi_cv, "neuromuscular", 0.15, "1", 1.0, HUMAN,                                           \
    "calibrated: middle of the 0.1-0.2 range (fuglevand1993)",                                     \
    "coefficient of variation of interspike intervals")                                            \
  X(pool_pic_on_rate, "neuromuscular", 10.0, "Hz", 1.0, EXPERT,                                    \
    "calibrated: firing clearly above the 8 Hz recruitment rate, a drive well past threshold",     \
    "own firing rate that arms a unit's PIC, pool on its own (the simulation uses the muscle's cramp threshold frequency)") \
  X(pool_pic_on_time, "neuromuscular", 0.5, "s", 1.0, ANIMAL,                                      \
    "calibrated: shorter than the 1.5 s of Ia input that evoked self-sustained firing (lee_heckman1998)", \
    "time at the arming rate before a unit's PIC turns on")                                        \
  X(pool_pic_drive, "neuromuscular", 3.15, "1", 1.0, HUMAN, "pic_sway2019",                        \
    "PIC drive = soleus Delta F / gain, pool on its own (the simulation uses nm_pic_drive)")       \
  X(pool_pic_hysteresis, "neuromuscular", 0.5, "1", 1.0, ANIMAL,                                   \
    "calibrated: fully bistable cells show marked PIC hysteresis (lee_heckman1998b)",              \
    "PIC turns off this far (fraction of its drive) below threshold, pool on its own (the simulation uses nm_pic_hysteresis)") \
  X(pool_pic_low_fraction, "neuromuscular", 0.5, "1", 1.0, ANIMAL,                                 \
    "calibrated: lee_heckman1998 found 35 % (17/49) of sampled cells fully bistable, the low-threshold ones", \
    "share of units (by threshold) whose PIC sustains firing indefinitely")                        \
  X(pool_pic_sustain_high, "neuromuscular", 1.5, "s", 1.0, ANIMAL, "lee_heckman1998b",             \
    "longest self-sustained firing of the other (partially bistable) units (1-2 s)")               \
  X(pool_isi_cv_pic, "neuromuscular", 0.446, "1", 1.0, HUMAN, "minetto2009",                       \
    "interspike interval CV of self-sustained (PIC-on) firing: cramp discharge 44.6 +- 9.7 %")     \
  X(hill_lmin, "neuromuscular", 0.5, "L0", 1.0, EXPERT, "mujoco_muscle",                           \
    "normalised length below which active force is zero")                                          \
  X(hill_lmax, "neuromuscular", 1.6, "L0", 1.0, EXPERT, "mujoco_muscle",                           \
    "normalised length above which active force is zero")                                          \
  X(hill_vmax, "neuromuscular", 10.0, "L0/s", 1.0, EXPERT, "thelen2003",                          \
    "shortening speed at which active force reaches zero (Thelen's young adults)")                                         \
  X(hill_fpmax, "neuromuscular", 1.3, "1", 1.0, EXPERT, "mujoco_muscle",                           \
    "passive force at hill_lmax, relative to maximum active force")                                \
  X(hill_fvmax, "neuromuscular", 1.2, "1", 1.0, EXPERT, "mujoco_muscle",                           \
    "force when lengthening fast, relative to isometric")                                          \
  X(hill_t_act, "neuromuscular", 10.0, "ms", 1.0e-3, EXPERT, "mujoco_muscle",                      \
    "activation time constant (kn_hill_params; the simulation's activation is the pool's twitches)") \
  X(hill_t_deact, "neuromuscular", 40.0, "ms", 1.0e-3, EXPERT, "mujoco_muscle",                    \
    "deactivation time constant (kn_hill_params; unused by the simulation, as hill_t_act)")       \
  X(nm_ctf_floor, "neuromuscular", 4.0, "Hz", 1.0, EXPERT,                                     \
    "calibrated: a floor below the cramp threshold frequencies measured in people, so no shift drives it to zero",                                                                              \
    "lowest cramp threshold frequency the model allows, whatever lowers it")                                                                             \
  X(nm_ctf_prone_cramps, "neuromuscular", 4.0, "1/month", 1.0, EXPERT,                                     \
    "calibrated: four or more cramps a month taken as cramp-prone (an assumption: the cramp-prone group was defined by history, not by a count)",                                                                              \
    "cramps a month at which the subject has the cramp-prone threshold frequency")                                                                             \
  X(nm_ctf_fatigue_field_share, "neuromuscular", 0.5, "1", 1.0, ARTICLE,                                     \
    "calibrated: illustrative size of the field hypothesis (fatigue as a cause of cramp)",                                                                              \
    "share of nm_ctf_fatigue by which exertion lowers the threshold under the field hypothesis")                                                                             \
  X(nm_drink_dehydration_min, "neuromuscular", 0.02, "1", 1.0, EXPERT,                                     \
    "calibrated: lau2019 measured the drinks' effect after exercise dehydration of about 2 % of body mass (figure unverified here)",                                                                              \
    "hypohydration (share of body mass) from which a drink shifts the cramp threshold")                                                                             \
  X(nm_posture_prone_ankle, "neuromuscular", 0.5, "rad", 1.0, EXPERT,                                     \
    "calibrated: prone, the foot rests plantarflexed on the table",                                                                              \
    "ankle angle lying prone")                                                                             \
  X(nm_posture_supine_ankle, "neuromuscular", 0.35, "rad", 1.0, EXPERT,                                     \
    "calibrated: supine, the foot falls into slight plantarflexion",                                                                              \
    "ankle angle lying supine")                                                                             \
  X(nm_posture_supine_knee, "neuromuscular", 0.1, "rad", 1.0, EXPERT,                                     \
    "calibrated: supine, the knee rests slightly flexed",                                                                              \
    "knee angle lying supine")                                                                             \
  X(nm_posture_seated_knee, "neuromuscular", 1.57, "rad", 1.0, EXPERT,                                     \
    "calibrated: seated, knee at a right angle",                                                                              \
    "knee angle seated")                                                                             \
  X(nm_posture_seated_hip, "neuromuscular", 1.57, "rad", 1.0, EXPERT,                                     \
    "calibrated: seated, hip at a right angle",                                                                              \
    "hip angle seated")                                                                             \
  X(nm_posture_seated_elbow, "neuromuscular", 1.2, "rad", 1.0, EXPERT,                                     \
    "calibrated: seated, forearms resting on the lap",                                                                              \
    "elbow angle seated")                                                                             \
  X(nm_posture_side_ankle, "neuromuscular", 0.3, "rad", 1.0, EXPERT,                                     \
    "calibrated: side-lying, foot relaxed",                                                                              \
    "ankle angle side-lying")                                                                             \
  X(nm_posture_side_knee, "neuromuscular", 0.5, "rad", 1.0, EXPERT,                                     \
    "calibrated: side-lying, knees drawn up a little",                                                                              \
    "knee angle side-lying")                                                                             \
  X(nm_posture_side_hip, "neuromuscular", 0.5, "rad", 1.0, EXPERT,                                     \
    "calibrated: side-lying, hips flexed a little",                                                                              \
    "hip angle side-lying")                                                                             \
  X(nm_delay_room, "neuromuscular", 1.5, "1", 1.0, EXPERT,                                     \
    "calibrated: room in the delay rings for the reflex loop to slow by half in cooled tissue (conduction Q10 over about 12 degC)",                                                                              \
    "longest reflex loop delay kept, multiple of the loop delay at 37 degC")                                                                             \
  X(nm_hold_lag, "neuromuscular", 0.05, "s", 1.0, EXPERT,                                     \
    "calibrated: a hand placing a limb follows its target within a few tens of milliseconds",                                                                              \
    "time constant with which a joint follows a holding hand")                                                                             \
  X(nm_support_damping, "neuromuscular", 0.1, "1", 1.0, EXPERT,                                     \
    "calibrated: a padded support damps the joint at about a third of critical (damping 2 sqrt(share k I))",                                                                              \
    "share of k I in the damping a support adds (b = 2 sqrt(share k I))")                                                                             \
  X(nm_end_stop_stiffness, "neuromuscular", 200.0, "1", 1.0, EXPERT,                                     \
    "calibrated: the end of the range of motion is far stiffer than the joint within it",                                                                              \
    "stiffness beyond the range of motion, multiple of the joint's passive stiffness")                                                                             \
  X(nm_abrupt_tap, "neuromuscular", 0.5, "L0/s", 1.0, EXPERT,                                     \
    "calibrated: a fast pressure rise stretches the belly like a tendon tap",                                                                              \
    "local strain rate from a stroke above which its trigger is named an abrupt stroke")                                                                             \
  X(nm_episode_end_share, "neuromuscular", 0.5, "1", 1.0, EXPERT,                                     \
    "calibrated: an episode ends when force stays below half its onset threshold for nm_episode_gap",                                                                              \
    "share of nm_spasm_force below which an involuntary episode is ending")                                                                             \
  X(nm_hreflex_volley, "neuromuscular", 0.3, "1", 1.0, EXPERT,                                     \
    "calibrated: a standard H-reflex test volley recruits part of the pool, here 30 % of its twitch force at rest",                                                                              \
    "share of the pool's twitch force that the H-reflex volley recruits at rest")                                                                             \
  X(nm_reference_temp, "neuromuscular", 37.0, "degC", 1.0, EXPERT,                                     \
    "calibrated: resting muscle taken at core temperature, where the reflex and twitch figures were set",                                                                              \
    "muscle temperature at which the reflex and twitch parameters hold")                                                                             \
  X(nm_inhibition_floor, "neuromuscular", 1e-6, "1", 1.0, EXPERT,                                     \
    "calibrated: numerical, far below any effect on recruitment (thresholds start at 1)",                                                                              \
    "massage inhibition below which it is gone (no denormal tail)")                                                                             \
  X(nm_inhibited_min, "neuromuscular", 1e-3, "1", 1.0, EXPERT,                                     \
    "calibrated: numerical, a thousandth of the first unit's threshold",                                                                              \
    "massage inhibition above which a muscle counts as inhibited")                                                                             \
  X(nm_voluntary_gain, "neuromuscular", 20.0, "1/s", 1.0, EXPERT,                                     \
    "calibrated: voluntary force settles on its target within about 0.1 s without overshoot",                                                                              \
    "rate at which voluntary drive corrects the force error, per unit of error")                                                                             \
  X(nm_voluntary_max, "neuromuscular", 1.5, "1", 1.0, EXPERT,                                     \
    "calibrated: headroom of voluntary drive above the excitation that gives every unit its peak rate",                                                                              \
    "largest voluntary drive, multiple of the pool's maximal excitation")                                                                             \
  X(nm_voluntary_margin, "neuromuscular", 0.05, "1", 1.0, EXPERT,                                     \
    "calibrated: force within 5 % of maximum above a voluntary target is the control's overshoot, not an involuntary contraction",                                                                              \
    "force above the voluntary target (fraction of maximum) not counted as involuntary")                                                                             \
  X(nm_temperature_step, "neuromuscular", 1e-3, "degC", 1.0, EXPERT,                                     \
    "calibrated: numerical, a change far below any effect of the Q10s",                                                                              \
    "temperature change that recomputes the Q10 factors")                                                                             \
  X(nm_stim_margin, "neuromuscular", 0.01, "1", 1.0, EXPERT,                                     \
    "calibrated: numerical, a stimulus pulse reaches its top unit surely",                                                                              \
    "excitation above the top reached unit's threshold of a stimulus pulse")                                                                             \
  X(nm_evoked_tail, "neuromuscular", 0.3, "s", 1.0, EXPERT,                                     \
    "calibrated: evoked force outlasts a stimulation train by the high-threshold units' sustained firing plus a twitch",                                                                              \
    "time after a train (beyond pic_sustain_high) during which force counts as evoked")                                                                             \
  X(nm_relax_tail, "neuromuscular", 0.5, "s", 1.0, EXPERT,                                     \
    "calibrated: relaxation after a voluntary effort takes about half a second",                                                                              \
    "time after an effort during which force counts as relaxing, not involuntary")                                                                             \
  X(nm_quiet_omega, "neuromuscular", 1e-3, "rad/s", 1.0, EXPERT,                                     \
    "calibrated: numerical, a joint moving slower than this is still",                                                                              \
    "joint speed below which the neuromuscular engine may rest once the plan is over")                                                                             \
  X(hill_fv_af, "neuromuscular", 0.25, "1", 1.0, EXPERT, "thelen2003",                             \
    "curvature of Hill's force-velocity hyperbola when shortening (a/F0, Thelen's Af)")            \
  X(nm_segment_ref_mass, "neuromuscular", 70.0, "kg", 1.0, EXPERT, "winter2009",                   \
    "body mass the joint table's segment inertias are for (segment masses scale with body mass)")  \
  X(nm_segment_ref_height, "neuromuscular", 1.70, "m", 1.0, EXPERT, "winter2009",                  \
    "body height the joint table's segment inertias are for (segment lengths scale with height)")  \
  X(nm_spasticity_gain, "neuromuscular", 5.0, "1 per grade", 1.0, EXPERT,                          \
    "calibrated: no per-grade reflex gain is published (reflex torque and stiffness do not correlate with the modified Ashworth grade, alibiglou2008; the spastic stretch reflex sits at one end of the normal range of gain, Rack 1984 as docs/model.md quotes it); with the cited loss of post-activation depression (nm_spasticity_pad_loss) the examination's bias leaves a clonus at grade 3 from 4.5 per grade on (none at 4.28), 5 taken: a 10 % margin (hidler_rymer1999 clonus case)", \
    "stretch-reflex loop gain added per modified Ashworth grade, multiple of nm_gain_ia")          \
  /* reflex after-effects and the timing of the lengthening inhibition (docs/model.md, "Stretch  \
   * reflex") */                                                                                 \
  X(nm_pad_release, "neuromuscular", 0.5, "1 per impulse", 1.0, HUMAN,                            \
    "calibrated: a test stretch repeated at 1 Hz evokes 62.5 % of the first one's reflex, the soleus H-reflex at 1 Hz (imura1997)", \
    "share of the Ia synapse's available transmitter that one Ia impulse above the resting discharge uses (post-activation depression)") \
  X(nm_pad_recovery, "neuromuscular", 4.0, "s", 1.0, HUMAN,                                        \
    "calibrated: the depression a tap or an H-reflex leaves lasts more than 8 s (crone_nielsen1989) and is gone by about 10-15 s (hultborn1996, figure not verified here)", \
    "time constant of recovery from post-activation depression")                                 \
  X(nm_pad_rate_max, "neuromuscular", 200.0, "1/s", 1.0, HUMAN,                                   \
    "calibrated: human Ia afferents follow tendon vibration one to one up to about 100-200 Hz (as commonly cited from microneurography; figure not verified here)", \
    "highest Ia discharge above rest counted as impulses that use transmitter (the spindle model's rate has no ceiling)") \
  X(nm_pad_share, "neuromuscular", 0.5, "1", 1.0, HUMAN,                                           \
    "calibrated: the soleus H-reflex is depressed no more at 6 Hz (62.9 %) than at 1 Hz (62.5 %) (imura1997): the depression saturates; half the Ia excitation taken as depressible", \
    "share of the Ia synapse's excitation that post-activation depression can remove")           \
  X(nm_stretch_inhibition_rise, "neuromuscular", 0.15, "s", 1.0, EXPERT,                           \
    "calibrated: the short-latency reflex to a fast stretch survives past optimal length and grows with amplitude, as in people (issue 17; no dose figure verified here), while a stretch still ends a cramp within seconds (bertolasi1993)", \
    "time constant with which the inhibition of a lengthened muscle builds, after the reflex loop delay") \
  X(nm_spasticity_pad_loss, "neuromuscular", 0.16, "1 per grade", 1.0, HUMAN,                    \
    "calibrated: a spastic soleus repeats its H-reflex at 1 Hz at 74.3 % (stroke_pad_rate, 15 chronic stroke patients) against 62.5 % in healthy people (imura1997); the cohort's grades are not in the abstract, modified Ashworth 2 assumed, and the loss taken linear in the grade (the model then gives 0.754 against 0.648 healthy)", \
    "share of the normal post-activation depression (nm_pad_release) lost per modified Ashworth grade") \
  X(nm_pic_warmup, "neuromuscular", 1.0, "1", 1.0, EXPERT,                                         \
    "calibrated: assumption, PIC amplitude grows with the rate that armed it (warm-up of plateaus in cat motoneurons, Bennett et al. 1998, unverified here); the exponent is not measured in people", \
    "exponent of the PIC's warm-up: its amplitude is nm_pic_drive x (arming rate / threshold frequency)^this") \
  /* fatigue depresses the stretch reflex (docs/model.md, "Clonus": hyperreflexia) */                \
  X(nm_fatigue_reflex_fast, "neuromuscular", 0.28, "1", 1.0, HUMAN,                                  \
    "calibrated: the soleus H-reflex is 60 % of control just after 6-9 min of plantarflexion at 75 % MVC (fatigue_hreflex2006; the direction also garland_mccomas1990); the model's reflex to a brisk stretch 2 s into the session gives 0.60", \
    "share of the Ia reflex excitation removed just after exhausting exertion (subject exertion 1) that recovers within minutes") \
  X(nm_fatigue_reflex_fast_tau, "neuromuscular", 45.0, "s", 1.0, HUMAN,                             \
    "calibrated: the fast part is gone 2-3 min after the effort (fatigue_hreflex2006: 60 % -> 90 %; the model 0.87 at 2.5 min)", \
    "time constant of the fast recovery of the stretch reflex after exertion")                     \
  X(nm_fatigue_reflex_slow, "neuromuscular", 0.03, "1", 1.0, HUMAN,                                  \
    "calibrated: 96-97 % of control 30 min after the effort (fatigue_hreflex2006; the model 0.91, its reflex resolving steps of about 4 %)", \
    "share of the Ia reflex excitation removed just after exhausting exertion that recovers over tens of minutes") \
  X(nm_fatigue_reflex_slow_tau, "neuromuscular", 29.0, "min", KN_MIN, HUMAN,                        \
    "calibrated: the slow part is 9 % of control 2.5 min after the effort (90 % less the 1 % the fast part still removes) and 3.5 % at 30 min (fatigue_hreflex2006): 27.5 min / ln(9 / 3.5)", \
    "time constant of the slow recovery of the stretch reflex after exertion")                     \
  X(nm_stim_ia_mixed_share, "neuromuscular", 1.0, "1", 1.0, EXPERT,                              \
    "calibrated: Ia afferents have the lowest electrical threshold in a mixed nerve (the H-reflex appears below the M-wave's threshold, hultborn1996's and every H-reflex study's premise), so a pulse that reaches motor axons reaches all of them; taken as all", \
    "share of the Ia afferents one pulse of a mixed-nerve stimulus excites (each fires one impulse through the synapse)") \
  X(nm_stim_ia_test_share, "neuromuscular", 0.5, "1", 1.0, EXPERT,                               \
    "calibrated: assumption, an H-reflex test pulse (below the maximal H-reflex, few or no motor axons) excites part of the Ia afferents; half taken, no measured share", \
    "share of the Ia afferents one H-reflex test pulse (stimulation target ia) excites") \
  /* circulation: local flow, temperature, metabolites ---------------------------------------- */ \
  X(circ_stop_margin, "circulation", 10.8, "mmHg", KN_MMHG, HUMAN, "skin_perfusion_pressure",     \
    "external pressure that stops skin flow = mean arterial pressure minus this")                 \
  X(circ_debt_skin_tau, "circulation", 110.0, "s", 1.0, HUMAN,                                     \
    "calibrated: skin hyperaemia grows 1 : 1.6 : 2.1 after 1, 2, 3 min of occlusion (tee2004)",   \
    "time constant with which the skin's ischaemic vasodilator signal builds under occlusion")    \
  X(circ_debt_muscle_tau, "circulation", 80.0, "s", 1.0, HUMAN,                                    \
    "calibrated: limb reactive hyperaemia saturates after 3-5 min of occlusion (imms1988)",       \
    "time constant with which the muscle's ischaemic vasodilator signal builds")                  \
  X(circ_hyperaemia_halflife, "circulation", 30.0, "s", 1.0, HUMAN, "imms1988",                    \
    "half-life of reactive hyperaemia after release (14-45 s after 5 min occlusion)")             \
  X(circ_hyperaemia_gain, "circulation", 9.0, "1", 1.0, HUMAN,                                     \
    "calibrated: forearm flow ~10x rest after 5 min occlusion (imms1988)",                        \
    "extra flow at a saturated vasodilator signal, multiples of rest")                            \
  X(circ_massage_skin_gain, "circulation", 0.65, "1", 1.0, HUMAN,                                  \
    "calibrated: skin 32.2 vs 31.1 degC after 12 min of massage (hinds2004)",                     \
    "rise of skin flow during massage strokes, multiples of rest")                                \
  X(circ_massage_skin_tau, "circulation", 3.0, "min", KN_MIN, EXPERT,                              \
    "calibrated: skin flow and temperature up by the end of 12 min of massage (hinds2004)",       \
    "time constant of the massage skin-flow response, on and off")                                \
  X(circ_skin_temp_rest, "circulation", 31.1, "degC", 1.0, HUMAN, "hinds2004",                     \
    "skin temperature at rest on the table (control condition)")                                  \
  X(circ_skin_temp_tau, "circulation", 3.0, "min", KN_MIN, EXPERT,                                 \
    "calibrated: skin temperature settles within minutes", "time constant of skin temperature")   \
  X(circ_skin_blood_share, "circulation", 1.2, "1", 1.0, EXPERT,                                   \
    "calibrated: resting skin at 31.1 degC between 37 degC blood and a 24 degC room",             \
    "heat carried by resting skin flow / heat lost to the room per degree")                      \
  X(circ_room_temp, "circulation", 24.0, "degC", 1.0, EXPERT,                                      \
    "calibrated: a warm treatment room", "effective surroundings of the skin")                    \
  X(circ_heat_skin_gain, "circulation", 0.43, "1/degC", 1.0, HUMAN,                               \
    "calibrated: skin flow +300 % under a moist heat wrap (petrofsky_heat)",                      \
    "rise of skin flow per degC of skin warming")                                                 \
  X(circ_heat_coupling, "circulation", 10.0, "1", 1.0, EXPERT,                                     \
    "calibrated: skin under a wrap or hot water comes within ~1 degC of the source",              \
    "heat taken from a source / heat lost to the room per degree")                                \
  X(circ_heat_pack_cooling, "circulation", 20.0, "min", KN_MIN, HUMAN,                             \
    "calibrated: hydrocollator skin flow up only in the first 45 min (petrofsky_heat)",           \
    "time constant of a hot pack cooling toward skin temperature")                                \
  X(circ_muscle_temp_rest, "circulation", 36.6, "degC", 1.0, HUMAN, "flouris2015",                 \
    "resting muscle temperature (vastus lateralis 36.65, trapezius 36.53 degC)")                  \
  X(circ_heat_tau, "circulation", 40.0, "min", KN_MIN, HUMAN,                                      \
    "calibrated: petrofsky_heat rises reached over 2 h", "time constant of muscle warming by heat") \
  X(circ_heat_moist, "circulation", 3.1, "degC", 1.0, HUMAN, "petrofsky_heat",                     \
    "muscle warming by a moist heat wrap (and hot water) after 2 h")                              \
  X(circ_heat_dry, "circulation", 2.2, "degC", 1.0, HUMAN, "petrofsky_heat",                       \
    "muscle warming by a dry heat wrap after 2 h")                                                \
  X(circ_heat_pack, "circulation", 0.4, "degC", 1.0, HUMAN, "petrofsky_heat",                      \
    "muscle warming by a hydrocollator pack after 2 h")                                           \
  X(circ_exercise_gain, "circulation", 7.0, "1", 1.0, HUMAN,                                       \
    "calibrated: brachial flow 39 -> 126 mL/min (+222 %) in ~35 % MVC handgrip (shoemaker1997)",  \
    "rise of muscle flow per unit of activation, multiples of rest")                              \
  X(circ_exercise_tau, "circulation", 10.0, "s", 1.0, EXPERT,                                      \
    "calibrated: exercise hyperaemia follows effort within seconds", "its time constant")         \
  X(circ_skin_share, "circulation", 0.1, "1", 1.0, EXPERT,                                         \
    "calibrated: skin takes a small part of resting limb inflow",                                 \
    "share of a limb artery's resting flow that feeds the skin")                                  \
  X(circ_atherosclerosis_reserve, "circulation", 0.5, "1", 1.0, EXPERT,                            \
    "calibrated: reduced vasodilator reserve in atherosclerosis",                                 \
    "share of hyperaemic and exercise flow reserve left with atherosclerosis")                    \
  X(circ_potassium_rate, "circulation", 0.1, "mmol/L/s", 1.0, HUMAN,                               \
    "calibrated: interstitial K+ 4.19 -> 6.17 mmol/L at 10 W knee extension (juel2000)",          \
    "interstitial K+ release per unit of activation")                                             \
  X(circ_potassium_halflife, "circulation", 3.0, "min", KN_MIN, HUMAN, "vollestad1994",            \
    "half-time of K+ clearance after exercise at resting flow")                                   \
  X(circ_potassium_flow_share, "circulation", 0.5, "1", 1.0, EXPERT,                               \
    "calibrated: K+ is cleared both by Na/K pumps and by blood flow",                             \
    "share of K+ clearance that scales with flow (the wash-out)")                                 \
  X(circ_potassium_ctf, "circulation", 1.0, "Hz/(mmol/L)", 1.0, ANIMAL,                            \
    "calibrated: raised interstitial K+ sustains cramp discharge (noble2019)",                     \
    "fall of the cramp threshold frequency per mmol/L of interstitial K+ above plasma")           \
  X(circ_lactate_rest, "circulation", 1.0, "mmol/L", 1.0, EXPERT,                                  \
    "calibrated: resting lactate ~1 mmol/L", "resting interstitial lactate")                      \
  X(circ_lactate_rate, "circulation", 0.05, "mmol/L/s", 1.0, EXPERT,                               \
    "calibrated: lactate ~10 mmol/L after sustained heavy contraction",                           \
    "lactate release per unit of activation")                                                     \
  X(circ_lactate_halflife, "circulation", 10.0, "min", KN_MIN, EXPERT,                             \
    "calibrated: lactate clears over tens of minutes", "half-time of lactate clearance at rest")  \
  X(circ_hyperaemia_window, "circulation", 60.0, "s", 1.0, EXPERT,                                \
    "calibrated: reactive hyperaemia peaks within seconds of release and fades within a minute "  \
    "(imms1988 half-life 14-45 s)",                                                               \
    "time after a release within which skin flow counts as reactive hyperaemia")                  \
  X(circ_worked_activation, "circulation", 0.02, "1", 1.0, EXPERT,                                 \
    "calibrated: a visible contraction (2 % of maximum, as nm_spasm_force)",                      \
    "activation of a region's muscles above which they work its limb artery")                     \
  X(circ_stop_floor, "circulation", 20.0, "mmHg", KN_MMHG, EXPERT,                                \
    "calibrated: keeps the pressure that stops skin flow positive in deep hypotension",           \
    "lowest external pressure that stops skin flow, whatever the arterial pressure")              \
  X(circ_heat_ref_skin, "circulation", 33.0, "degC", 1.0, EXPERT,                                 \
    "calibrated: skin temperature below which a source adds no muscle warming",                   \
    "skin temperature a heat source must exceed to warm the muscle")                              \
  X(circ_heat_ref_source, "circulation", 40.0, "degC", 1.0, HUMAN,                                \
    "calibrated: the 40 degC sources of petrofsky_heat give the full circ_heat_* rises",          \
    "source temperature at which a heat source gives its documented muscle warming")             \
  X(circ_washout_tau, "circulation", 3.0, "min", KN_MIN, HUMAN,                                   \
    "calibrated: 10-min flow integral / flow 30 s after 2 min of 40 % MVC handgrip, 5.5 min (wiltshire2010)", \
    "time constant with which resting flow washes out the metabolic vasodilator of an effort")   \
  /* systemic: the whole body ------------------------------------------------------------------ */ \
  X(sys_autonomic_tau, "systemic", 60.0, "s", 1.0, EXPERT,                                         \
    "calibrated: heart rate and pressure settle over minutes of massage",                         \
    "time constant of autonomic balance")                                                         \
  X(sys_calm_drive, "systemic", -0.5, "1", 1.0, HUMAN,                                             \
    "calibrated: slow, moderate-pressure strokes shift toward vagal tone (diego2009)",            \
    "autonomic balance approached during calm strokes")                                           \
  X(sys_vigorous_drive, "systemic", 0.5, "1", 1.0, HUMAN,                                          \
    "calibrated: trigger-point and sports massage raise pressure (cambron2006)",                  \
    "autonomic balance approached during deep, trigger-point and percussive work")                \
  X(sys_pain_drive, "systemic", 1.0, "1", 1.0, EXPERT,                                             \
    "calibrated: pain is a sympathetic stimulus", "autonomic balance added per unit of pain probability") \
  X(sys_sv_per_balance, "systemic", 0.18, "1", 1.0, HUMAN,                                        \
    "calibrated: SBP -1.8 mmHg after a calm session (cambron2006) with DBP falling half as much as SBP (kaye2008: -10.4/-5.3)", \
    "relative change of stroke volume per unit of autonomic balance (contractility)")           \
  X(sys_baroreflex_buffer, "systemic", 0.86, "1", 1.0, HUMAN,                                     \
    "calibrated: SBP -1.8 mmHg after a calm session (cambron2006)", \
    "share of a change of cardiac output that the baroreflex offsets by peripheral resistance")   \
  X(sys_hr_per_balance, "systemic", 10.0, "1/min", KN_BPM, EXPERT,                                 \
    "calibrated: moderate-pressure massage slows the heart by a few beats (diego2004)",           \
    "heart-rate change per unit of autonomic balance")                                            \
  X(sys_hypertension_gain, "systemic", 2.0, "1", 1.0, HUMAN,                                       \
    "calibrated: pressure responses scale with the raised pressure (expert; see liao2016)",       \
    "larger pressure response in hypertension (per 20 mmHg above 120)")                           \
  X(sys_baroreflex_intercept, "systemic", 3.24, "1", 1.0, HUMAN, "kardos2001",                     \
    "baroreflex sensitivity: ln(ms/mmHg) = intercept - slope x age")                              \
  X(sys_baroreflex_slope, "systemic", 0.03, "1/year", 1.0, HUMAN, "kardos2001",                    \
    "its fall with age")                                                                           \
  X(sys_baroreflex_reset, "systemic", 10.0, "min", KN_MIN, EXPERT,                                 \
    "calibrated: the baroreflex resets to a sustained pressure", "time constant of resetting")    \
  X(sys_fever_hr, "systemic", 8.5, "1/min/degC", KN_BPM, HUMAN, "karjalainen1986",                 \
    "heart-rate rise per degC of fever (jensen2019: 7.2)")                                        \
  X(sys_dehydration_hr, "systemic", 3.0, "1/min/%", KN_BPM, HUMAN,                                 \
    "calibrated: half the ~6 bpm per % of exercising subjects (heaps1994), at rest",              \
    "heart-rate rise per % of body mass lost")                                                    \
  X(sys_dehydration_core, "systemic", 0.15, "degC/%", 1.0, HUMAN, "sawka2001",                     \
    "core temperature rise per % of body mass lost (0.1-0.25)")                                   \
  X(sys_insensible_loss, "systemic", 0.42, "mL/kg/h", 1.0e-3 / 3600.0, EXPERT,                     \
    "calibrated: ~700 mL/day insensible water loss at rest", "water lost through skin and breath") \
  X(sys_drink_tau, "systemic", 20.0, "min", KN_MIN, EXPERT,                                        \
    "calibrated: water reaches plasma within 15-30 min", "time constant of drink absorption")     \
  X(sys_carotid_threshold, "systemic", 60.0, "mmHg", KN_MMHG, EXPERT,                              \
    "calibrated: light touch over the sinus does not evoke the reflex",                           \
    "pressure at the carotid sinus below which it is not stimulated")                             \
  X(sys_carotid_full, "systemic", 180.0, "mmHg", KN_MMHG, EXPERT,                                  \
    "calibrated: firm diagnostic carotid sinus massage saturates the response",                   \
    "pressure at the sinus that gives the full response")                                         \
  X(sys_carotid_tau, "systemic", 2.0, "s", 1.0, EXPERT,                                            \
    "calibrated: the response builds over a few beats of 5-10 s massage (kerr2006)",              \
    "time constant of the carotid sinus reflex")                                                  \
  X(sys_carotid_rr_normal, "systemic", 0.2, "s", 1.0, HUMAN,                                       \
    "calibrated: longest R-R 1038 ms in healthy elderly, none over 3 s (mcintosh1994)",           \
    "R-R prolongation of a full carotid stimulus, normal subject")                                \
  X(sys_carotid_sbp_normal, "systemic", 21.0, "mmHg", KN_MMHG, HUMAN, "mcintosh1994",              \
    "systolic fall of a full carotid stimulus, normal subject")                                   \
  X(sys_carotid_rr_hyper, "systemic", 4.0, "s", 1.0, HUMAN,                                        \
    "calibrated: hypersensitivity >= 3 s, 95th percentile 7.3 s (kerr2006)",                      \
    "R-R prolongation of a full carotid stimulus, hypersensitive subject")                        \
  X(sys_carotid_sbp_hyper, "systemic", 60.0, "mmHg", KN_MMHG, HUMAN,                               \
    "calibrated: hypersensitivity >= 50 mmHg, 95th percentile 77 mmHg (kerr2006)",                \
    "systolic fall of a full carotid stimulus, hypersensitive subject")                           \
  X(sys_csh_prevalence, "systemic", 10.4, "%", 0.01, HUMAN, "lacerda2020",                         \
    "carotid sinus hypersensitivity in people aged 50 or more (none counted below)")              \
  X(sys_cortisol_halflife, "systemic", 76.5, "min", KN_MIN, HUMAN, "cortisol_kinetics",            \
    "plasma cortisol half-life")                                                                   \
  X(sys_cortisol_pain, "systemic", 0.5, "1", 1.0, EXPERT,                                          \
    "calibrated: pain and stress raise cortisol secretion",                                       \
    "rise of cortisol secretion per unit of sympathetic balance")                                 \
  X(sys_stand_fall, "systemic", 32.6, "mmHg", KN_MMHG, HUMAN,                                      \
    "calibrated: initial orthostatic hypotension in 32.9 % after about 10 min supine, no age gradient (finucane2014)", \
    "mean initial systolic fall on active standing after a long supine rest")                     \
  X(sys_stand_sd, "systemic", 17.0, "mmHg", KN_MMHG, HUMAN,                                        \
    "calibrated: IQR 23 mmHg of the initial fall in 309 medical students (conference abstract, cohort evidence section 2)", \
    "between-person standard deviation of the initial fall")                                     \
  X(sys_stand_rest_short, "systemic", 0.6, "1", 1.0, EXPERT,                                       \
    "calibrated: after 1 min supine the fall is significantly smaller than after 20 min (borst1984); size not in the abstract", \
    "initial fall after no supine rest, as a fraction of the fall after a long rest")            \
  X(sys_stand_rest_tau, "systemic", 2.0, "min", KN_MIN, EXPERT,                                    \
    "calibrated: the 1 min fall is about 3/4 of the 20 min fall (borst1984, size expert)",        \
    "time constant over which supine rest restores the full initial fall")                       \
  X(sys_stand_dehydrated, "systemic", 5.0, "mmHg", KN_MMHG, EXPERT,                                \
    "calibrated: the fall on standing was similar at -3 % body mass (carter2006); the +20 of sawka_hydration is unverified", \
    "sustained systolic fall on standing at 2 % hypohydration (diastolic half of it)")            \
  X(sys_stand_dehydrated_symptoms, "systemic", 2.4, "1", 1.0, EXPERT,                              \
    "calibrated: at -3 % heart rate rose and cerebral flow fell more for a similar fall (carter2006); 2 of 6 presyncopal on tilt (harrison1986)", \
    "factor on the chance that a fall on standing is felt, at 3 % hypohydration (linear from 1 at 0 %)") \
  X(sys_stand_medication, "systemic", 10.0, "mmHg", KN_MMHG, EXPERT,                               \
    "calibrated: antihypertensives blunt the response to standing", "extra sustained fall")       \
  X(sys_stand_fever, "systemic", 5.0, "mmHg/degC", KN_MMHG, EXPERT,                                \
    "calibrated: fever dilates skin vessels", "extra sustained fall per degC of fever")          \
  X(sys_stand_age, "systemic", 0.25, "mmHg/year", KN_MMHG, HUMAN,                                  \
    "calibrated: orthostatic hypotension 6.9 % overall, 18.5 % at >= 80 years (finucane2014)",     \
    "extra sustained fall per year over 40")                                                      \
  X(sys_oh_sd, "systemic", 10.0, "mmHg", KN_MMHG, EXPERT,                                          \
    "calibrated: with sys_stand_age, orthostatic hypotension in 6.9 % of people >= 50 (finucane2014)", \
    "between-person standard deviation of the sustained fall")                                   \
  X(sys_ioh_symptomatic, "systemic", 0.137, "1", 1.0, HUMAN,                                       \
    "calibrated: orthostatic intolerance 6.7 % (oconnell2015) beside IOH 32.9 % and OH 6.9 % (finucane2014)", \
    "chance that an initial orthostatic hypotension is felt (dizzy, light-headed, unsteady)")     \
  X(sys_oh_symptomatic, "systemic", 0.333, "1", 1.0, HUMAN, "claffey2022",                         \
    "chance that an orthostatic hypotension is felt (two thirds have no symptoms)")               \
  X(sys_ioh_fall, "systemic", 40.0, "mmHg", KN_MMHG, HUMAN, "wieling2007",                         \
    "initial orthostatic hypotension: systolic fall within 15 s")                                 \
  X(sys_oh_fall, "systemic", 20.0, "mmHg", KN_MMHG, HUMAN, "freeman2011",                          \
    "orthostatic hypotension: sustained systolic fall within 3 min (diastolic 10)")               \
  X(sys_pulse_pressure_min, "systemic", 10.0, "mmHg", KN_MMHG, EXPERT,                            \
    "calibrated: keeps diastolic below systolic pressure when both fall with the carotid reflex", \
    "smallest difference between systolic and diastolic pressure")                               \
  X(sys_core_normal, "systemic", 37.0, "degC", 1.0, HUMAN,                                        \
    "calibrated: normal core temperature; fever counts above it",                                 \
    "core temperature above which heart rate, muscle temperature and the fall on standing rise with fever")          \
  X(sys_symptom_fever_from, "systemic", 37.5, "degC", 1.0, EXPERT,                                \
    "calibrated: expert-opinion symptom score of claim A6 (no measurement)",                      \
    "core temperature from which fever adds to the symptom load")                                 \
  X(sys_symptom_fever_margin, "systemic", 0.5, "degC", 1.0, EXPERT,                               \
    "calibrated: a fever of 38 degC or more, the usual definition",                               \
    "fever above sys_symptom_fever_from that makes the symptom score apply without an illness")   \
  X(sys_symptom_fever_scale, "systemic", 1.5, "degC", 1.0, EXPERT,                                \
    "calibrated: expert-opinion symptom score of claim A6 (no measurement)",                      \
    "fever that adds one unit to the symptom score's exponent")                                   \
  X(sys_symptom_illness, "systemic", 0.5, "1", 1.0, EXPERT,                                       \
    "calibrated: expert-opinion symptom score of claim A6 (no measurement)",                      \
    "units an acute illness adds to the symptom score's exponent")                                \
  X(sys_symptom_hypohydration, "systemic", 0.03, "1", 1.0, EXPERT,                                \
    "calibrated: expert-opinion symptom score of claim A6 (no measurement)",                      \
    "hypohydration (fraction of body mass) that adds one unit to the symptom score's exponent")   \
  X(sys_symptom_soreness, "systemic", 10.0, "min", KN_MIN, EXPERT,                                \
    "calibrated: expert-opinion symptom score of claim A6 (no measurement)",                      \
    "soreness load that adds the massage's full unit (at most one) to the symptom exponent")     \
  X(sys_symptom_max, "systemic", 10.0, "1", 1.0, EXPERT,                                          \
    "calibrated: a 0-10 symptom scale", "symptom load approached as its exponent grows")          \
  X(sys_hypertension_from, "systemic", 120.0, "mmHg", KN_MMHG, EXPERT,                            \
    "calibrated: the upper limit of a normal resting systolic pressure",                          \
    "resting systolic pressure above which pressure responses grow (sys_hypertension_gain)")      \
  X(sys_hypertension_step, "systemic", 20.0, "mmHg", KN_MMHG, EXPERT,                             \
    "calibrated: one grade of hypertension", "systolic excess per step of sys_hypertension_gain") \
  X(sys_hypertension_steps, "systemic", 2.0, "1", 1.0, EXPERT,                                    \
    "calibrated: the response stops growing at 160 mmHg (no data beyond)",                        \
    "most steps of sys_hypertension_gain")                                                        \
  X(sys_carotid_dbp_share, "systemic", 0.5, "1", 1.0, EXPERT,                                     \
    "calibrated: the carotid reflex lowers diastolic less than systolic pressure",                \
    "diastolic fall of the carotid reflex as a share of the systolic fall")                       \
  X(sys_hr_floor, "systemic", 0.3, "1/s", 1.0, EXPERT,                                            \
    "calibrated: a floor (18 /min) that keeps the beat interval finite",                          \
    "lowest heart rate before the baroreflex and carotid terms")                                  \
  X(sys_hypohydration_max, "systemic", 0.2, "1", 1.0, EXPERT,                                     \
    "calibrated: far beyond survivable dehydration; a bound, never reached in a session",         \
    "largest hypohydration (fraction of body mass) the model lets build")                         \
  X(sys_stand_dehydrated_at, "systemic", 0.02, "1", 1.0, EXPERT,                                  \
    "calibrated: the 2 % of sys_stand_dehydrated", "hypohydration at which sys_stand_dehydrated applies") \
  X(sys_stand_dehydrated_max, "systemic", 2.0, "1", 1.0, EXPERT,                                  \
    "calibrated: the sustained fall stops growing at 4 % hypohydration (no data beyond)",         \
    "most multiples of sys_stand_dehydrated")                                                     \
  X(sys_stand_symptoms_at, "systemic", 0.03, "1", 1.0, EXPERT,                                    \
    "calibrated: the 3 % of sys_stand_dehydrated_symptoms (carter2006)",                          \
    "hypohydration at which sys_stand_dehydrated_symptoms applies")                               \
  X(sys_stand_diastolic_share, "systemic", 0.5, "1", 1.0, EXPERT,                                 \
    "calibrated: orthostatic hypotension is 20 systolic or 10 diastolic mmHg (freeman2011)",      \
    "sustained diastolic fall on standing as a share of the systolic")                            \
  X(sys_csh_rr, "systemic", 3.0, "s", 1.0, HUMAN, "sutton2014",                                    \
    "beat interval (asystole) that meets the carotid sinus hypersensitivity criterion")          \
  X(sys_csh_sbp_fall, "systemic", 50.0, "mmHg", KN_MMHG, HUMAN, "sutton2014",                      \
    "systolic fall that meets the carotid sinus hypersensitivity criterion")                     \
  X(sys_csh_age, "systemic", 50.0, "year", 1.0, HUMAN, "lacerda2020",                              \
    "age from which sys_csh_prevalence counts (none counted below)")                              \
  X(sys_stand_age_from, "systemic", 40.0, "year", 1.0, HUMAN,                                      \
    "calibrated: with sys_stand_age, orthostatic hypotension by age (finucane2014)",               \
    "age above which sys_stand_age adds to the sustained fall on standing")                       \
  X(sys_cardiac_index, "systemic", 3.0, "L/min/m^2", KN_L_PER_MIN, HUMAN,                       \
    "calibrated: middle of the normal resting range 2.5-4.0 L/min/m^2 (ross1965 measured 3.67 supine)", \
    "resting cardiac output per m^2 of body surface")                                            \
  X(sys_bsa_mosteller, "systemic", 3600.0, "cm kg/m^4", 1.0, HUMAN, "mosteller1987",             \
    "body surface area = sqrt(height in cm x mass in kg / this)")                                \
  X(sys_sv_filling, "systemic", 1.0, "1", 1.0, HUMAN, "ross1965",                                 \
    "exponent of stroke volume on the beat interval: 1 keeps cardiac output with heart rate at rest (paced 80 -> 121 /min: index 3.67 -> 3.72)") \
  /* protocol: the practitioner --------------------------------------------------------------- */ \
  /* each trait of a profile is log-normal over people: median and log-SD (kn_practitioner_traits) */ \
  X(pro_force_ratio_sd, "protocol", 0.25, "1", 1.0, EXPERT,                                        \
    "calibrated: a plan in newtons removes most of chaves2020's spread of self-chosen pressure "   \
    "(P75/P25 4.1, log-SD 1.04) but not snodgrass2007's differences between therapists",          \
    "log-SD between professionals of their mean force / planned force (median 1)")                 \
  X(pro_force_cv, "protocol", 0.08, "1", 1.0, HUMAN,                                               \
    "calibrated: snodgrass2007 (each therapist's own repeatability high)",                         \
    "median within-session force coefficient of variation of a professional")                      \
  X(pro_ramp_time, "protocol", 1.0, "s", 1.0, EXPERT,                                              \
    "calibrated: smooth onset of a trained hand", "median time to reach planned force")            \
  X(pro_drift, "protocol", 3.0, "mm", KN_MM, EXPERT, "calibrated: accurate localisation",          \
    "median standard deviation of position error of a professional")                               \
  X(pro_pain_delay, "protocol", 1.0, "s", 1.0, EXPERT,                                             \
    "calibrated: a professional asks and watches; eases off within a second",                      \
    "median time in pain before a professional eases off")                                         \
  X(pro_trait_sd, "protocol", 0.3, "1", 1.0, EXPERT,                                               \
    "calibrated: trained hands alike in technique (snodgrass2007: high repeatability)",            \
    "log-SD between professionals of force CV, ramp time, drift and pain delay")                   \
  X(untrained_force_ratio, "protocol", 0.80, "1", 1.0, HUMAN,                                      \
    "calibrated: snodgrass2010 (students 15.7 N lower than physiotherapists) and "                 \
    "snodgrass2010_students (students' highest mean peak 63.7 N): 63.7 / (63.7 + 15.7)",           \
    "median mean force / planned force of an untrained partner")                                   \
  X(untrained_force_ratio_sd, "protocol", 0.35, "1", 1.0, HUMAN,                                   \
    "calibrated: snodgrass2010_students (agreement between students poor, ICC 0.23): SD 30-40 %",  \
    "log-SD between untrained partners of their mean force / planned force")                       \
  X(untrained_force_cv, "protocol", 0.12, "1", 1.0, HUMAN,                                         \
    "calibrated: snodgrass2010_students (each student's own repeatability good, ICC 0.83)",        \
    "median within-session force coefficient of variation of an untrained partner")                \
  X(untrained_ramp_time, "protocol", 0.4, "s", 1.0, EXPERT,                                        \
    "calibrated: no measurement of lay onset rates; a deliberate press of the hand, not a strike", \
    "median time for an untrained partner to reach planned force")                                 \
  X(untrained_drift, "protocol", 10.0, "mm", KN_MM, EXPERT,                                        \
    "calibrated: no measurement; a finger's width off target",                                    \
    "median standard deviation of position error of an untrained partner")                        \
  X(untrained_pain_delay, "protocol", 2.0, "s", 1.0, EXPERT,                                       \
    "calibrated: no measurement; a partner eases off when told it hurts",                          \
    "median time in pain before an untrained partner eases off")                                   \
  X(untrained_trait_sd, "protocol", 0.5, "1", 1.0, EXPERT,                                         \
    "calibrated: lay hands differ more than trained ones (snodgrass2010_students ICC 0.23)",       \
    "log-SD between untrained partners of force CV, ramp time, drift and pain delay")              \
  X(untrained_never_ease, "protocol", 0.10, "1", 1.0, EXPERT,                                      \
    "calibrated: no measurement; claim A9 says some do not sense their strength",                  \
    "fraction of untrained partners who never ease off on pain")                                   \
  X(rough_ramp_time, "protocol", 0.05, "s", 1.0, ARTICLE,                                          \
    "calibrated: article claim A9 (abrupt, violent movements)",                                    \
    "rough partner (what-if): time to reach planned force")                                        \
  X(rough_force_cv, "protocol", 0.30, "1", 1.0, EXPERT,                                            \
    "calibrated: the between-student spread of snodgrass2010_students (ICC 0.23) taken as "        \
    "within-session variation", "rough partner (what-if): force coefficient of variation")         \
  X(rough_force_bias, "protocol", 16.0, "N", 1.0, ARTICLE,                                         \
    "calibrated: magnitude of snodgrass2010 (15.7 N) with the sign of claim A9 (measured sign "    \
    "is the opposite)", "rough partner (what-if): extra force on every stroke")                    \
  X(rough_drift, "protocol", 20.0, "mm", KN_MM, EXPERT,                                            \
    "calibrated: article claim A9 (poor localisation)",                                            \
    "rough partner (what-if): standard deviation of position error")                               \
  X(drift_time, "protocol", 5.0, "s", 1.0, EXPERT, "calibrated: slow wander of the hand",          \
    "correlation time of position error")                                                          \
  X(force_noise_time, "protocol", 0.5, "s", 1.0, EXPERT, "calibrated: slow force wander",          \
    "correlation time of force variation")                                                         \
  X(variation_smoothing, "protocol", 50.0, "ms", 1.0e-3, EXPERT,                                   \
    "calibrated: a hand's force and position change smoothly (bandwidth of a few Hz)",             \
    "low-pass time of the force and position variation")                                           \
  X(tapotement_impact, "protocol", 40.0, "ms", 1.0e-3, EXPERT,                                     \
    "calibrated: percussion contact time", "duration of one percussion impact")                    \
  X(petrissage_depth, "protocol", 0.4, "1", 1.0, EXPERT, "calibrated: squeeze-release cycle",      \
    "fraction of force that cycles during kneading")                                               \
  X(pro_ramp_share, "protocol", 0.25, "1", 1.0, EXPERT,                                            \
    "calibrated: a short action still reaches its planned force for half its duration",            \
    "longest force ramp (on and off) as a fraction of the action's duration")                      \
  X(force_noise_bound, "protocol", 3.0, "1", 1.0, EXPERT,                                          \
    "calibrated: a hand's force wanders within three standard deviations, never without bound",   \
    "bound of the force variation, in standard deviations")                                        \
  X(pain_ease_target, "protocol", 0.9, "1", 1.0, EXPERT,                                           \
    "calibrated: just under the median threshold, where pain is less likely than not",             \
    "pressure a practitioner eases off to, as a fraction of the median pain threshold")            \
  X(pain_sum_gain, "protocol", 0.5, "1", 1.0, EXPERT,                                              \
    "calibrated: held pressure grows painful over minutes (staud2003: temporal summation of "       \
    "muscle pressure pain in healthy people); at full summation the threshold falls to "            \
    "1/(1+gain) = 2/3 of rest (no measured size found)",                                           \
    "temporal summation: fraction by which full summation raises the felt pressure")               \
  X(pain_sum_time, "protocol", 120.0, "s", 1.0, EXPERT,                                            \
    "calibrated: tonic pressure pain builds over minutes, not seconds (staud2003); no measured "    \
    "time constant found",                                                                         \
    "time constant of temporal summation under held pressure, and of its fading")                  \
  X(pain_after_time, "protocol", 15.0, "s", 1.0, HUMAN,                                           \
    "calibrated: after-sensations of pain last up to about a minute (alappattu2011 read them "      \
    "for 1 min; staud2003): 1 min is 4 time constants",                                            \
    "time constant of the after-pain that outlasts a painful pressure")                            \
  X(pain_isch_rest_time, "protocol", 28.9, "min", KN_MIN, HUMAN, "hutchinson1993",                 \
    "mean time a resting muscle with no flow takes to reach the ischaemic pain people stop at (an "  \
    "upper-arm tourniquet: 13 min, 45 %, shorter than a forearm one, so 13 / 0.45 = 28.9 min)")   \
  X(pain_isch_work_time, "protocol", 77.0, "s", 1.0, HUMAN, "jones2018",                          \
    "time to that pain for a muscle working at pain_isch_work_activation with no flow (handgrip "  \
    "once a second at 30 % of maximum under full occlusion: 77 +/- 35 squeezes)")                 \
  X(pain_isch_work_activation, "protocol", 0.15, "1", 1.0, EXPERT,                                \
    "calibrated: jones2018's squeezes at 30 % of maximum, on for about half of each second",      \
    "mean activation of the working muscle in that effort")                                        \
  X(pain_isch_wash_time, "protocol", 3.0, "s", 1.0, EXPERT,                                       \
    "calibrated: ischaemic muscle pain disappears almost at once when the circulation returns "    \
    "(reid1931)",                                                                                  \
    "time constant with which resting flow washes out the ischaemic metabolites")                  \
  X(pain_isch_tolerance_cv, "protocol", 0.485, "1", 1.0, EXPERT,                                 \
    "calibrated: people differ in the ischaemic pain they bear as they do in pressure-pain "       \
    "thresholds (bordachar2019: 4.31 +/- 2.09 kgf/cm^2, CV 0.485); the tourniquet studies found "  \
    "here give a spread only in the validation's own paper",                                       \
    "spread between people of the ischaemic pain tolerated (coefficient of variation)")            \
  /* advice: the thresholds of the rules (docs/advice.md) ------------------------------------- */ \
  X(adv_fever, "advise", 38.0, "degC", 1.0, HUMAN, "werner2020",                                   \
    "core temperature at or above which a fever postpones the massage (the conventional definition)") \
  X(adv_dehydrated, "advise", 2.0, "%", 0.01, HUMAN,                                               \
    "calibrated: more than 2 % of body mass lost counts as dehydrated (SCIENCE.md section 5)",     \
    "hypohydration above which the advice is to drink first")                                     \
  X(adv_nerve_harm, "advise", 200.0, "mmHg", KN_MMHG, ANIMAL, "dahlin1986",                        \
    "pressure on a nerve that damages it within 2 h (200-400 mmHg, also rydevik_nordborg1980)")    \
  X(adv_on_site, "advise", 1.5, "cm", KN_CM, EXPERT,                                               \
    "calibrated: a thumb's contact radius (0.65 cm for 132 mm^2, shiatsu2025) plus the drift of a hand aiming at a point", \
    "distance within which a landmark is on a nerve's course")                                    \
  X(adv_pain_likely, "advise", 0.5, "1", 1.0, EXPERT,                                              \
    "calibrated: above one half the pressure has reached the pain threshold",                     \
    "probability that the pressure hurts above which the pain rule speaks")                       \
  X(adv_abrupt_rate, "advise", 1000.0, "N/s", 1.0, EXPERT,                                         \
    "calibrated: separates the professional examples (percussion up to 2300 N/s at 44 % of the limit) from the rough partner's hard strokes (2100-9100 N/s at 58-135 %)", \
    "rise of force faster than this is an abrupt stroke (with adv_abrupt_ratio)")                 \
  X(adv_abrupt_ratio, "advise", 0.5, "1", 1.0, EXPERT,                                             \
    "calibrated: as adv_abrupt_rate", "force (share of the region's ISO limit) an abrupt stroke reaches") \
  X(adv_carotid_age, "advise", 50.0, "year", 1.0, HUMAN, "sutton2014",                             \
    "age from which carotid sinus hypersensitivity is looked for (10.4 % at 50 or more)")         \
  X(adv_frequent_cramps, "advise", 4.0, "1/month", 1.0, EXPERT,                                    \
    "calibrated: a reading of 'frequent' for the A16 rule, a cramp or spasm most weeks; the clinical texts give no number (allen2012)", \
    "cramps or spasms a month from which the advice is to see a doctor")                          \
  X(adv_soreness_note, "advise", 0.2, "1", 1.0, EXPERT,                                            \
    "calibrated: twice the 10 % base rate of cambron2007",                                        \
    "chance of soreness above which it is mentioned")                                             \
  X(adv_bruise_change, "advise", 0.1, "1", 1.0, EXPERT,                                            \
    "calibrated: the top of the 5-10 % band inferred for an untrained partner (no survey of massage lists bruising)", \
    "chance of a bruise in a region from which the plan should change")                           \
  X(adv_dizzy_note, "advise", 0.15, "1", 1.0, EXPERT,                                              \
    "calibrated: twice the 6.7 % of people who feel dizzy on standing after lying (oconnell2015)", \
    "chance of dizziness on standing from which it is mentioned")                                  \
  /* the default subject (kn_subject_default): what a subject file leaves out --------------------- */ \
  X(subj_age, "subject", 40.0, "year", 1.0, EXPERT, "calibrated: a middle-aged adult",             \
    "age of the default subject")                                                                  \
  X(subj_height, "subject", 1.70, "m", 1.0, EXPERT, "calibrated: an adult of average height",      \
    "height of the default subject")                                                               \
  X(subj_mass, "subject", 70.0, "kg", 1.0, EXPERT, "calibrated: an adult of average mass",         \
    "mass of the default subject")                                                                 \
  X(subj_body_fat_female, "subject", 30.0, "%", 0.01, EXPERT,                                      \
    "calibrated: a typical adult woman", "body fat when the subject file gives none, female")     \
  X(subj_body_fat_male, "subject", 20.0, "%", 0.01, EXPERT,                                        \
    "calibrated: a typical adult man", "body fat when the subject file gives none, male")         \
  X(subj_body_fat, "subject", 25.0, "%", 0.01, EXPERT,                                             \
    "calibrated: between the female and male defaults", "body fat when neither it nor sex is given") \
  X(subj_sodium, "subject", 140.0, "mmol/L", 1.0, HUMAN,                                           \
    "calibrated: middle of the usual reference interval (135-145 mmol/L)", "serum sodium")        \
  X(subj_potassium, "subject", 4.2, "mmol/L", 1.0, HUMAN,                                          \
    "calibrated: middle of the usual reference interval (3.5-5.0 mmol/L)", "serum potassium")     \
  X(subj_magnesium, "subject", 0.85, "mmol/L", 1.0, HUMAN,                                         \
    "calibrated: middle of the usual reference interval (0.7-1.0 mmol/L)", "serum magnesium")     \
  X(subj_calcium, "subject", 2.4, "mmol/L", 1.0, HUMAN,                                            \
    "calibrated: middle of the usual reference interval (2.2-2.6 mmol/L)", "serum total calcium") \
  X(subj_core_temp, "subject", 37.0, "degC", 1.0, HUMAN, "calibrated: normal core temperature",    \
    "core temperature of the default subject")                                                     \
  X(subj_systolic, "subject", 120.0, "mmHg", KN_MMHG, HUMAN, "calibrated: normal adult blood pressure", \
    "systolic pressure of the default subject")                                                    \
  X(subj_diastolic, "subject", 80.0, "mmHg", KN_MMHG, HUMAN, "calibrated: normal adult blood pressure", \
    "diastolic pressure of the default subject")                                                   \
  X(subj_heart_rate, "subject", 70.0, "1/min", KN_BPM, HUMAN, "calibrated: normal resting heart rate", \
    "resting heart rate of the default subject")                                                   \
  X(subj_hypertensive_systolic, "subject", 145.0, "mmHg", KN_MMHG, EXPERT,                         \
    "calibrated: a typical treated-and-untreated mix, stage 1 (ACC/AHA 2017)",                    \
    "systolic pressure of a subject with hypertension: true and no pressures given")             \
  X(subj_hypertensive_diastolic, "subject", 92.0, "mmHg", KN_MMHG, EXPERT,                         \
    "calibrated: as subj_hypertensive_systolic",                                                  \
    "diastolic pressure of a subject with hypertension: true and no pressures given")            \
  X(subj_hypertension_systolic, "subject", 140.0, "mmHg", KN_MMHG, HUMAN,                          \
    "calibrated: the conventional threshold of hypertension (140/90 mmHg)",                       \
    "systolic pressure from which a subject counts as hypertensive (hypertension not given)")     \
  X(subj_hypertension_diastolic, "subject", 90.0, "mmHg", KN_MMHG, HUMAN,                          \
    "calibrated: as subj_hypertension_systolic",                                                  \
    "diastolic pressure from which a subject counts as hypertensive (hypertension not given)")   \
  /* course: what one session leaves to the next (src/sim/course.c) --------------------------- */ \
  X(course_bp_carry, "course", 0.27, "1", 1.0, EXPERT,                                            \
    "calibrated: liao2016 (-7.39 mmHg systolic after a course) for a course of 10 sessions 3 a week as olney2005 and givi2013 gave, with course_bp_tau", \
    "share of a session's change of blood pressure that it leaves on the resting pressure")       \
  X(course_bp_tau, "course", 5.0, "d", KN_DAY, HUMAN,                                              \
    "calibrated: givi2018 (the course's fall still significant 72 h after its last session, gone after 2 weeks)", \
    "time constant of the decay of a carried change of resting blood pressure between sessions") \
  X(course_soreness_peak, "course", 18.0, "h", KN_HOUR, EXPERT,                                    \
    "calibrated: the middle of cambron2007's window (onset < 12 h, lasting <= 36 h)",             \
    "time after a session at which its soreness is strongest (soreness_onset .. + soreness_duration)") \
  X(course_ctf_gain, "course", 9.3, "Hz", 1.0, HUMAN,                                               \
    "calibrated: behringer2015 bout 1 (+6.3 Hz 24 h and +2.9 Hz 72 h after one bout of induced cramps) with course_ctf_tau", \
    "rise of the cramp threshold frequency a session with a cramp leaves just after it")          \
  X(course_ctf_tau, "course", 2.6, "d", KN_DAY, HUMAN,                                              \
    "calibrated: behringer2015 bout 1 (+6.3 Hz at 24 h falling to +2.9 Hz at 72 h: 48 h / ln(6.3 / 2.9))", \
    "time constant of the decay of that rise between sessions")
// clang-format on

/* The parameter values used by a model, in SI units. */
typedef struct kn_params {
#define KN_PARAM_FIELD(name, module, v, unit, si, ev, src, meaning) double name;
  KN_PARAM_LIST(KN_PARAM_FIELD)
#undef KN_PARAM_FIELD
} kn_params;

/* Fills p with the documented defaults. */
void kn_params_default(kn_params *p);
/* Sets parameter `index` (kn_param order) to value (SI units); out-of-range indices are ignored. */
void kn_params_set(kn_params *p, int index, double value);
/* Value of parameter `index` (SI units); NAN for an out-of-range index. */
double kn_params_get(const kn_params *p, int index);
/* Checks parameter settings (a session's `parameters:`): each known and within kn_param_range, the
 * pairs a dose depends on still in order (the pressure that does no harm below the one that does),
 * and the values with a bound by definition inside it (a share below 1). Returns -1 if all is well,
 * else the index of the setting to blame, with its field
 * ("session.parameters.NAME") and a one-line message. */
int kn_params_check(const kn_param_setting *ps, size_t n, char *field, size_t fsize, char *msg,
                    size_t msize);

#endif
