/* Validation cases of the motor-unit pool and the Hill curves: Fuglevand 1993's pool model run
 * against the numbers its own equations give, and MuJoCo's muscle curves against Thelen 2003. */
#include <math.h>
#include <stdlib.h>

#include "knead/error.h"
#include "knead/neuromuscular.h"
#include "validate/validate_internal.h"

extern const kn_case_fn kn_cases_pool[]; /* registered in validate.c */
extern const size_t kn_cases_pool_n;

/* ---- shared set-up ----------------------------------------------------------------------------
 */

#define POOL_DT 1e-3 /* s */

/* Fuglevand's twitch-tetanus gain as printed in the paper: 1 up to T/ISI = 0.4, above it
 * (1 - exp(-2 (T/ISI)^3)) / (T/ISI), normalised by the same expression at 0.4. */
static double paper_gain(double x) {
  if (x <= 0.4) return 1.0;
  return ((1.0 - exp(-2.0 * x * x * x)) / x) / ((1.0 - exp(-2.0 * 0.4 * 0.4 * 0.4)) / 0.4);
}

/* The paper's pool without PICs (Fuglevand's model has none), in memory from the heap. */
static kn_pool *fuglevand_pool(void **mem) {
  kn_pool_params p;
  kn_pool_params_default(&p);
  p.pic_drive = 0.0;
  size_t size = kn_pool_size(p.n);
  *mem = aligned_alloc(16, (size + 15u) & ~(size_t)15u);
  if (!*mem) return NULL;
  kn_pool *pool = kn_pool_init(*mem, size, &p, POOL_DT, 1);
  if (!pool) {
    free(*mem);
    *mem = NULL;
  }
  return pool;
}

/* Steady-state force of the paper's pool at excitation e as a share of full excitation, from the
 * paper's equations alone: each unit fires at its rate r_i(e) (threshold, 1 Hz per unit of drive,
 * capped at its peak rate), and a train of twitches P (t/T) exp(1 - t/T), each scaled by the gain
 * at T r, has the mean r g(T r) P e T. */
static double paper_force_share(const kn_pool *pool, double e) {
  const double mfr = 8.0, gain = 1.0; /* Hz, Hz per excitation unit [fuglevand1993] */
  double num = 0.0, den = 0.0;
  for (int i = 0; i < kn_pool_units(pool); i++) {
    double thr = kn_pool_threshold(pool, i), pfr = kn_pool_peak_rate(pool, i);
    double P = kn_pool_twitch_force(pool, i), T = kn_pool_contraction_time(pool, i);
    double r = e >= thr ? fmin(mfr + gain * (e - thr), pfr) : 0.0;
    num += r * paper_gain(T * r) * P * T;
    den += pfr * paper_gain(T * pfr) * P * T;
  }
  return num / den;
}

/* Mean force of the simulated pool at constant excitation e over `seconds`, after 1 s. */
static double simulated_force(kn_pool *pool, double e, double seconds) {
  kn_pool_input in = {.excitation = e, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  long settle = lround(1.0 / POOL_DT), n = lround(seconds / POOL_DT);
  for (long k = 0; k < settle; k++)
    kn_pool_step(pool, &in, &o);
  double sum = 0.0;
  for (long k = 0; k < n; k++) {
    kn_pool_step(pool, &in, &o);
    sum += o.force;
  }
  return sum / (double)n;
}

/* ---- Fuglevand 1993: the pool -----------------------------------------------------------------
 */

static int gain_case(kn_validation_result *r, const char *id, const char *what, double x) {
  kn_case_set(r, id, "neuromuscular", "fuglevand1993", what,
              "(1 - exp(-2 (T/ISI)^3)) / (T/ISI), normalised to 1 at T/ISI = 0.4 (Fig. 2)",
              KN_CHECK_VALUE, paper_gain(x), 0, 0, "1");
  r->model = kn_twitch_gain(x);
  return KN_OK;
}

static int f_gain_06(kn_validation_result *r) {
  return gain_case(r, "pool.fuglevand1993.gain_0.6",
                   "twitch-tetanus gain at T/ISI = 0.6: model vs the paper's formula (a check of "
                   "the implementation)",
                   0.6);
}

static int f_gain_08(kn_validation_result *r) {
  return gain_case(r, "pool.fuglevand1993.gain_0.8",
                   "twitch-tetanus gain at T/ISI = 0.8: model vs the paper's formula (a check of "
                   "the implementation)",
                   0.8);
}

static int f_gain_10(kn_validation_result *r) {
  return gain_case(r, "pool.fuglevand1993.gain_1.0",
                   "twitch-tetanus gain at T/ISI = 1.0: model vs the paper's formula (a check of "
                   "the implementation)",
                   1.0);
}

static int f_recruitment(kn_validation_result *r) {
  /* the paper's standard pool: last threshold RR = 30, maximal excitation RR + (PFRn - MFR)/ge */
  kn_case_set(r, "pool.fuglevand1993.recruitment_complete", "neuromuscular", "fuglevand1993",
              "excitation at which the last unit is recruited, share of maximal excitation; the "
              "simulated pool on a slow ramp vs the paper's equations (recruitment complete, rate "
              "coding only above)",
              "RR / (RR + (PFRn - MFR)/ge) = 30 / 47 = 0.638", KN_CHECK_VALUE,
              30.0 / (30.0 + (25.0 - 8.0) / 1.0), 0, 0, "share of maximal excitation");
  void *mem = NULL;
  kn_pool *pool = fuglevand_pool(&mem);
  if (!pool) return KN_ENOMEM;
  double emax = kn_pool_excitation_max(pool);
  kn_pool_input in = {.excitation = 0.0, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  double found = NAN;
  for (long k = 0; k < lround(60.0 / POOL_DT); k++) { /* 1 excitation unit per second */
    in.excitation = (double)k * POOL_DT;
    kn_pool_step(pool, &in, &o);
    if (o.nfiring == kn_pool_units(pool)) {
      found = in.excitation;
      break;
    }
  }
  r->model = found / emax;
  free(mem);
  return KN_OK;
}

static int f_force_half(kn_validation_result *r) {
  kn_case_set(r, "pool.fuglevand1993.force_half_excitation", "neuromuscular", "fuglevand1993",
              "mean force at half the maximal excitation, share of full force: the simulated pool "
              "(random intervals, CV 0.15) vs the steady state of the paper's equations (a check "
              "of the implementation)",
              "sum of r g(T r) P T over units at E = Emax/2, over the same at Emax", KN_CHECK_VALUE,
              NAN, 0, 0, "share of full force");
  void *mem = NULL;
  kn_pool *pool = fuglevand_pool(&mem);
  if (!pool) return KN_ENOMEM;
  double e = 0.5 * kn_pool_excitation_max(pool);
  r->paper = paper_force_share(pool, e);
  r->model = simulated_force(pool, e, 5.0);
  free(mem);
  return KN_OK;
}

static int f_force_recruited(kn_validation_result *r) {
  kn_case_set(r, "pool.fuglevand1993.force_full_recruitment", "neuromuscular", "fuglevand1993",
              "mean force when the last unit is just recruited (E = RR), share of full force: the "
              "simulated pool vs the steady state of the paper's equations; the rest of the force "
              "comes from rate coding",
              "sum of r g(T r) P T over units at E = RR, over the same at Emax", KN_CHECK_VALUE,
              NAN, 0, 0, "share of full force");
  void *mem = NULL;
  kn_pool *pool = fuglevand_pool(&mem);
  if (!pool) return KN_ENOMEM;
  double e = kn_pool_threshold(pool, kn_pool_units(pool) - 1);
  r->paper = paper_force_share(pool, e);
  r->model = simulated_force(pool, e, 5.0);
  free(mem);
  return KN_OK;
}

/* ---- Hill curves vs Thelen 2003 ------------------------------------------------------------- */

/* Length (between a and b) where the active force-length curve crosses 1/2, by bisection. */
static double fl_half(const kn_hill_params *hp, double a, double b) {
  double fa = kn_hill_fl(hp, a) - 0.5;
  for (int k = 0; k < 100; k++) {
    double m = 0.5 * (a + b), fm = kn_hill_fl(hp, m) - 0.5;
    if ((fm < 0.0) == (fa < 0.0)) {
      a = m;
      fa = fm;
    } else {
      b = m;
    }
  }
  return 0.5 * (a + b);
}

static int h_fl_width(kn_validation_result *r) {
  /* Thelen: f = exp(-(L - 1)^2 / gamma), gamma = 0.45: half force at |L - 1| = sqrt(gamma ln 2) */
  kn_case_set(r, "hill.thelen2003.fl_half_width", "neuromuscular", "thelen2003",
              "width of the active force-length curve at half force (optimal lengths)",
              "Gaussian exp(-(L-1)^2/0.45): 2 sqrt(0.45 ln 2) = 1.117", KN_CHECK_VALUE,
              2.0 * sqrt(0.45 * log(2.0)), 0, 0, "optimal lengths");
  kn_hill_params hp;
  kn_hill_params_default(&hp);
  r->model = fl_half(&hp, 1.0, hp.lmax) - fl_half(&hp, hp.lmin, 1.0);
  r->disagreement =
      "MuJoCo's quadratic bump, zero at 0.5 and 1.6 optimal lengths, is half as wide as "
      "Thelen's Gaussian, which still gives 57 % of the force at 0.5 optimal length; the model "
      "keeps MuJoCo's curve, so far from the optimal length it predicts less active force than "
      "Thelen's";
  return KN_OK;
}

static int h_fv_half(kn_validation_result *r) {
  /* Thelen (full activation, Af = 0.25): V/Vmax = (f - 1)/(1 + f/Af); at -1/2, f = 1/6 */
  kn_case_set(r, "hill.thelen2003.fv_half_vmax", "neuromuscular", "thelen2003",
              "force when shortening at half the maximal speed, share of isometric force",
              "Hill hyperbola with Af = 0.25: (1 + v)/(1 - v/Af) at v = -1/2 gives 1/6",
              KN_CHECK_VALUE, 1.0 / 6.0, 0, 0, "share of isometric force");
  kn_hill_params hp;
  kn_hill_params_default(&hp);
  r->model = kn_hill_fv(&hp, -0.5 * hp.vmax);
  r->disagreement = "MuJoCo's concentric curve (1 + V/vmax)^2 is a parabola, less curved than "
                    "Hill's hyperbola with Af = 0.25 that Thelen uses: at half the maximal "
                    "shortening speed it gives 0.25 of the isometric force, Thelen 0.17; the "
                    "curves agree at 0 and at the maximal speed";
  return KN_OK;
}

const kn_case_fn kn_cases_pool[] = {f_gain_06,    f_gain_08,         f_gain_10,  f_recruitment,
                                    f_force_half, f_force_recruited, h_fl_width, h_fv_half};
const size_t kn_cases_pool_n = sizeof kn_cases_pool / sizeof kn_cases_pool[0];
