/* SPDX-License-Identifier: Apache-2.0 */
/* Validation cases of the motor-unit pool and the Hill curves: Fuglevand 1993's pool model run
 * against the numbers its own equations give, and MuJoCo's muscle curves against Thelen 2003
 * (the experiments: run_formula.c). The paper's standard pool recruits its last unit at RR = 30
 * of a maximal excitation RR + (PFRn - MFR)/ge; the pool has no PICs here (Fuglevand's has none).
 * Thelen's force-velocity curve at full activation (Af = 0.25): V/Vmax = (f - 1)/(1 + f/Af), so
 * f = 1/6 at V = -Vmax/2; the model's shortening curve is that hyperbola
 * (src/neuromuscular/hill.c), so the case checks the implementation. */
#include <math.h>

#include "validate/validate_internal.h"

/* Fuglevand's twitch-tetanus gain at T/ISI = x: the model's function against the paper's formula.
 */
#define GAIN_CASE(text, x)                                                                         \
  {                                                                                                \
    .id = "pool.fuglevand1993.gain_" text, .group = "neuromuscular", .source = "fuglevand1993",    \
    .what = "twitch-tetanus gain at T/ISI = " text ": model vs the paper's formula (a check of "   \
            "the implementation)",                                                                 \
    .paper_text = "(1 - exp(-2 (T/ISI)^3)) / (T/ISI), normalised to 1 at T/ISI = 0.4 (Fig. 2)",    \
    KN_VALUE(NAN), .unit = "1", KN_VER, .run = kn_run_formula, .exp = &(const kn_formula_exp) {    \
      kn_formula_twitch_gain, {                                                                    \
        (x)                                                                                        \
      }                                                                                            \
    }                                                                                              \
  }

/* A table of data: its rows share a shape on purpose (validate_internal.h, kn_case). */
const kn_case kn_cases_pool[] = {
    /* kind: the motor-unit pool against Fuglevand's own equations */
    GAIN_CASE("0.6", 0.6),
    GAIN_CASE("0.8", 0.8),
    GAIN_CASE("1.0", 1.0),
    {.id = "pool.fuglevand1993.recruitment_complete",
     .group = "neuromuscular",
     .source = "fuglevand1993",
     .what = "excitation at which the last unit is recruited, share of maximal excitation; the "
             "simulated pool on a slow ramp vs the paper's equations (recruitment complete, rate "
             "coding only above)",
     .paper_text = "RR / (RR + (PFRn - MFR)/ge) = 30 / 47 = 0.638",
     KN_VALUE(30.0 / (30.0 + (25.0 - 8.0) / 1.0)),
     .unit = "share of maximal excitation",
     KN_VER,
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){kn_formula_recruitment, {0}}},
    {.id = "pool.fuglevand1993.force_half_excitation",
     .group = "neuromuscular",
     .source = "fuglevand1993",
     .what = "mean force at half the maximal excitation, share of full force: the simulated pool "
             "(random intervals, CV 0.15) vs the steady state of the paper's equations (a check of "
             "the implementation)",
     .paper_text = "sum of r g(T r) P T over units at E = Emax/2, over the same at Emax",
     KN_VALUE(NAN),
     .unit = "share of full force",
     KN_VER,
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){kn_formula_pool_force, {0}}},
    {.id = "pool.fuglevand1993.force_full_recruitment",
     .group = "neuromuscular",
     .source = "fuglevand1993",
     .what = "mean force when the last unit is just recruited (E = RR), share of full force: the "
             "simulated pool vs the steady state of the paper's equations; the rest of the force "
             "comes from rate coding",
     .paper_text = "sum of r g(T r) P T over units at E = RR, over the same at Emax",
     KN_VALUE(NAN),
     .unit = "share of full force",
     KN_VER,
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){kn_formula_pool_force, {1}}},
    /* kind: MuJoCo's force-length curve against Thelen's, which nothing in the model was fitted to;
     * the force-velocity curve is Thelen's own */
    {.id = "hill.thelen2003.fl_half_width",
     .group = "neuromuscular",
     .source = "thelen2003",
     .what = "width of the active force-length curve at half force (optimal lengths)",
     .paper_text = "Gaussian exp(-(L-1)^2/0.45): 2 sqrt(0.45 ln 2) = 1.117",
     KN_VALUE(NAN),
     .unit = "optimal lengths",
     KN_PRE,
     .disagreement = "mis-posed: Thelen's Gaussian (gamma 0.45) is a modelling choice, not a "
                     "measurement, and is wider than the sarcomere force-length relation "
                     "(gordon1966: active force zero near 0.6 and 1.7 optimal lengths, half near "
                     "0.7 and 1.4, a width of about 0.7; read from the figure, unverified); "
                     "MuJoCo's bump (0.55) is narrower, Thelen's (1.117) wider, and it still gives "
                     "57 % of the force at 0.5 optimal length, where filaments overlap little; "
                     "the model keeps MuJoCo's curve (docs/model.md, Motor-unit pool and muscle "
                     "curve defaults)",
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){kn_formula_fl_width, {0}}},
    {.id = "hill.thelen2003.fv_half_vmax",
     .group = "neuromuscular",
     .source = "thelen2003",
     .what = "force when shortening at half the maximal speed, share of isometric force: the model "
             "now uses Thelen's hyperbola (a check of the implementation)",
     .paper_text = "Hill hyperbola with Af = 0.25: (1 + v)/(1 - v/Af) at v = -1/2 gives 1/6",
     KN_VALUE(1.0 / 6.0),
     .unit = "share of isometric force",
     KN_VER,
     .run = kn_run_formula,
     .exp = &(const kn_formula_exp){kn_formula_fv_half, {0}}},
};
const size_t kn_cases_pool_n = sizeof kn_cases_pool / sizeof kn_cases_pool[0];
