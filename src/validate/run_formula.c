/* SPDX-License-Identifier: Apache-2.0 */
/* Experiments without a session: closed forms and single modules of the public API (mechanics,
 * nerve, tissue, the motor-unit pool, the Hill curves), and a nerve or a muscle held under a
 * constant pressure. */
#include <math.h>
#include <stdlib.h>

#include "knead/mechanics.h"
#include "knead/neuromuscular.h"
#include "validate/validate_internal.h"

int kn_run_formula(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_formula_exp *e = c->exp;
  return e->model(e->arg, r);
}

/* ---- mechanics --------------------------------------------------------------------------------
 */

/* The grids of the Boussinesq checks: sums and integrals of the harness, not the model's. */
#define BRUTE_RADII 600     /* rings of the brute-force polar grid on the disc */
#define BRUTE_ANGLES 720    /* sectors of the same grid (half a degree each) */
#define CHECK_RAYS 256      /* rays of the model's integral on a single point */
#define FINE_RAYS 1024      /* rays of the fine integral the stress table is checked against */
#define TABLE_NRHO 81       /* the model's stress table: radial points (src/sim/model.c) */
#define TABLE_NZETA 101     /* its depth points */
#define TABLE_RHO_MAX 8.0   /* load radii it reaches sideways */
#define TABLE_ZETA_MAX 10.0 /* and in depth */

/* Brute-force check of the Boussinesq field: the point-load kernel summed over a polar grid on the
 * disc, independent of the ray integral used by the model. */
static double brute_field(double a, double z, double r) {
  const int nr = BRUTE_RADII, nt = BRUTE_ANGLES;
  double sum = 0.0, dr = a / nr, dth = 2.0 * KN_PI / nt;
  for (int i = 0; i < nr; i++) {
    double rho = (i + 0.5) * dr;
    for (int j = 0; j < nt; j++) {
      double th = (j + 0.5) * dth;
      double dx = rho * cos(th) - r, dy = rho * sin(th);
      double R2 = dx * dx + dy * dy + z * z;
      sum += 1.5 / KN_PI * z * z * z / (R2 * R2 * sqrt(R2)) * rho * dr * dth;
    }
  }
  return sum;
}

/* sigma_z/p at depth z and offset r (in load radii) by the model's ray integral; the paper's number
 * is the closed form on the axis, a brute-force sum off it. */
int kn_formula_boussinesq(const double *arg, kn_validation_result *r) {
  double z = arg[0], off = arg[1];
  r->paper = off == 0.0 ? 1.0 - pow(1.0 + 1.0 / (z * z), -1.5) : brute_field(1.0, z, off);
  r->model = kn_boussinesq_field(1.0, 1.0, z, off, CHECK_RAYS);
  return KN_OK;
}

/* The model's stress table (81 x 101 points to 8 and 10 radii) against the fine integral. */
int kn_formula_stress_table(const double *arg, kn_validation_result *r) {
  r->paper = kn_boussinesq_field(1.0, 1.0, arg[1], arg[0], FINE_RAYS);
  size_t n = kn_stress_table_size(TABLE_NRHO, TABLE_NZETA);
  double *v = malloc(n * sizeof *v);
  if (!v) return KN_ENOMEM;
  kn_stress_table t;
  kn_stress_table_init(&t, TABLE_NRHO, TABLE_NZETA, TABLE_RHO_MAX, TABLE_ZETA_MAX, v);
  r->model = kn_stress_table_lookup(&t, arg[0], arg[1]);
  free(v);
  return KN_OK;
}

/* ---- nerve and tissue -------------------------------------------------------------------------
 */

int kn_formula_perfusion(const double *arg, kn_validation_result *r) {
  kn_nerve_params np;
  kn_nerve_params_default(&np);
  r->model = kn_nerve_perfusion(&np, arg[0] * KN_MMHG);
  return KN_OK;
}

int kn_formula_death_threshold(const double *arg, kn_validation_result *r) {
  kn_tissue_params tp;
  kn_tissue_params_default(&tp);
  r->model = kn_muscle_death_threshold(&tp, arg[0] * KN_HOUR) / KN_KPA;
  return KN_OK;
}

#define NERVE_DT 0.1              /* s: the harness's step for a nerve under constant pressure */
#define BLOCKED_CONDUCTION 0.1    /* share of fibres conducting below which a nerve is blocked */
#define RECOVERED_CONDUCTION 0.99 /* share above which a nerve conducts again */

/* Minutes until fewer than 10 % of fibres conduct, at arg[0] mmHg over arg[1] m (at most 3 h). */
int kn_formula_block_time(const double *arg, kn_validation_result *r) {
  kn_nerve_params np;
  kn_nerve_params_default(&np);
  kn_nerve_state s;
  kn_nerve_reset(&s);
  double t = 0.0, dt = NERVE_DT;
  while (s.conduction >= BLOCKED_CONDUCTION && t < 3 * KN_HOUR) {
    kn_nerve_step(&np, &s, arg[0] * KN_MMHG, arg[1], dt);
    t += dt;
  }
  r->model = t / KN_MIN;
  return KN_OK;
}

/* A nerve at constant pressure (mmHg) over loaded length L (m) for t seconds, then unloaded for
 * t_after seconds, at 0.1 s steps. */
static kn_nerve_state nerve_exposure(const kn_exposure_exp *e) {
  kn_nerve_params np;
  kn_nerve_params_default(&np);
  double L = e->length > 0.0 ? e->length : np.edge_length;
  kn_nerve_state s;
  kn_nerve_reset(&s);
  const double dt = NERVE_DT;
  long n = lround(e->time / dt), n_after = lround(e->time_after / dt);
  for (long i = 0; i < n; i++)
    kn_nerve_step(&np, &s, e->pressure * KN_MMHG, L, dt);
  for (long i = 0; i < n_after; i++)
    kn_nerve_step(&np, &s, 0.0, L, dt);
  return s;
}

/* Muscle damage after kPa for t seconds, at 1 s steps. */
static double muscle_damage(double kpa, double t) {
  kn_tissue_params tp;
  kn_tissue_params_default(&tp);
  kn_muscle_state s = {0};
  for (double u = 0; u < t; u += 1.0)
    kn_muscle_step(&tp, &s, kpa * KN_KPA, 1.0);
  return s.damage;
}

int kn_run_exposure(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_exposure_exp *e = c->exp;
  if (e->read >= KN_READ_MUSCLE_DEAD) {
    double damage = muscle_damage(e->pressure, e->time);
    r->model = e->read == KN_READ_MUSCLE_DEAD ? damage >= 1.0 : damage < 1.0;
    return KN_OK;
  }
  kn_nerve_state s = nerve_exposure(e);
  switch (e->read) {
  case KN_READ_TRANSPORT_BLOCKED:
    r->model = s.transport_dose >= 1.0 - KN_DOSE_EPS;
    break;
  case KN_READ_TRANSPORT_OPEN:
    r->model = s.transport_dose < 1.0 - KN_DOSE_EPS;
    break;
  case KN_READ_NERVE_UNINJURED:
    r->model = s.grade < KN_NERVE_INJURY;
    break;
  case KN_READ_NERVE_INJURED:
    r->model = s.grade >= KN_NERVE_INJURY;
    break;
  case KN_READ_NERVE_SEVERE:
    r->model = s.grade == KN_NERVE_SEVERE;
    break;
  default: /* KN_READ_NERVE_RECOVERED */
    r->model = s.conduction > RECOVERED_CONDUCTION && s.grade < KN_NERVE_INJURY;
    break;
  }
  return KN_OK;
}

/* ---- Fuglevand 1993: the motor-unit pool -------------------------------------------------------
 */

#define POOL_DT 1e-3            /* s */
#define POOL_ALIGN ((size_t)16) /* bytes: the pool's memory alignment (kn_pool_init) */
#define POOL_FORCE_S 5.0        /* s over which the pool's force is averaged */
#define GAIN_LINEAR_TISI 0.4    /* fuglevand1993: the gain is 1 up to this T/ISI */

/* Fuglevand's twitch-tetanus gain as printed in the paper: 1 up to T/ISI = 0.4, above it
 * (1 - exp(-2 (T/ISI)^3)) / (T/ISI), normalised by the same expression at 0.4. */
static double paper_gain(double x) {
  const double k = GAIN_LINEAR_TISI;
  if (x <= k) return 1.0;
  return ((1.0 - exp(-2.0 * x * x * x)) / x) / ((1.0 - exp(-2.0 * k * k * k)) / k);
}

int kn_formula_twitch_gain(const double *arg, kn_validation_result *r) {
  r->paper = paper_gain(arg[0]);
  r->model = kn_twitch_gain(arg[0]);
  return KN_OK;
}

/* The paper's pool without PICs (Fuglevand's model has none), in memory from the heap. */
static kn_pool *fuglevand_pool(void **mem) {
  kn_pool_params p;
  kn_pool_params_default(&p);
  p.pic_drive = 0.0;
  size_t size = kn_pool_size(p.n);
  *mem = aligned_alloc(POOL_ALIGN, (size + POOL_ALIGN - 1) & ~(POOL_ALIGN - 1));
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
  const double mfr = 8.0;  /* Hz: the minimal firing rate [fuglevand1993] */
  const double gain = 1.0; /* Hz per excitation unit [fuglevand1993] */
  double num = 0.0, den = 0.0;
  for (int i = 0; i < kn_pool_units(pool); i++) {
    double thr = kn_pool_threshold(pool, i), pfr = kn_pool_peak_rate(pool, i);
    double P = kn_pool_twitch_force(pool, i), T = kn_pool_contraction_time(pool, i);
    double rate = e >= thr ? fmin(mfr + gain * (e - thr), pfr) : 0.0;
    num += rate * paper_gain(T * rate) * P * T;
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

/* The excitation at which the simulated pool, on a ramp of 1 excitation unit per second, fires
 * every unit, as a share of the maximal excitation. */
int kn_formula_recruitment(const double *arg, kn_validation_result *r) {
  (void)arg;
  void *mem = NULL;
  kn_pool *pool = fuglevand_pool(&mem);
  if (!pool) return KN_ENOMEM;
  double emax = kn_pool_excitation_max(pool);
  kn_pool_input in = {.excitation = 0.0, .stim_fraction = 0.0, .twitch_scale = 1.0};
  kn_pool_output o;
  double found = NAN;
  for (long k = 0; k < lround(60.0 / POOL_DT); k++) {
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

/* Mean force over 5 s, share of full force, at half the maximal excitation (arg 0) or where the
 * last unit is recruited (arg 1): the simulated pool and the paper's steady state. */
int kn_formula_pool_force(const double *arg, kn_validation_result *r) {
  void *mem = NULL;
  kn_pool *pool = fuglevand_pool(&mem);
  if (!pool) return KN_ENOMEM;
  double e = arg[0] == 0.0 ? 0.5 * kn_pool_excitation_max(pool)
                           : kn_pool_threshold(pool, kn_pool_units(pool) - 1);
  r->paper = paper_force_share(pool, e);
  r->model = simulated_force(pool, e, POOL_FORCE_S);
  free(mem);
  return KN_OK;
}

/* ---- the Hill curves against Thelen 2003 -------------------------------------------------------
 */

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

/* Thelen: f = exp(-(L - 1)^2 / gamma), gamma = 0.45: half force at |L - 1| = sqrt(gamma ln 2). */
#define THELEN_GAMMA 0.45 /* thelen2003's force-length width (the paper's, not the model's) */
int kn_formula_fl_width(const double *arg, kn_validation_result *r) {
  (void)arg;
  r->paper = 2.0 * sqrt(THELEN_GAMMA * log(2.0));
  kn_hill_params hp;
  kn_hill_params_default(&hp);
  r->model = fl_half(&hp, 1.0, hp.lmax) - fl_half(&hp, hp.lmin, 1.0);
  return KN_OK;
}

int kn_formula_fv_half(const double *arg, kn_validation_result *r) {
  (void)arg;
  kn_hill_params hp;
  kn_hill_params_default(&hp);
  r->model = kn_hill_fv(&hp, -0.5 * hp.vmax);
  return KN_OK;
}
