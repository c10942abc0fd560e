/* SPDX-License-Identifier: Apache-2.0 */
/* The motor-unit pool of Fuglevand, Winter & Patla 1993 [fuglevand1993], with persistent inward
 * currents after Lee & Heckman 1998 [lee_heckman1998].
 *
 * Each unit i = 0..n-1 (u = i/(n-1), 0 for a one-unit pool) has
 *   threshold  RTE_i = RR^u                  (first unit exactly 1: the excitation scale)
 *   peak rate  PFR_i = pfr1 - (pfr1 - pfrn) (RTE_i - 1)/(RR - 1)
 *   twitch     P_i = RP^u, contraction time T_i = TL RT^-u  (= TL (1/P_i)^(1/c), c = ln RP/ln RT)
 * and fires at mfr + gain (drive - RTE_i), capped at PFR_i, while its drive (excitation, plus
 * pic_drive when its PIC is on) is at or above RTE_i. Its intervals vary around 1/rate: by a
 * factor 1 + isi_cv N(0,1) (clamped) while it is driven synaptically, and by a log-normal factor of
 * mean 1 and CV isi_cv_pic while its PIC is on: self-sustained cramp discharge is far more
 * irregular (ISI CV 44.6 +- 9.7 % against 10-20 % in voluntary firing [minetto2009]; Ross & Thomas
 * 1995: rates "more variable during cramp"). The log-normal keeps every interval positive without a
 * clamp at that CV, and its long right tail gives the long pauses and, at its short end, the
 * doublets of cramp discharge.
 *
 * The twitch P (t/T) exp(1 - t/T) is the impulse response of two first-order filters in cascade
 * with time constant T: a spike adds P e g to the first, force is read from the second, and both
 * are advanced exactly over a step (no integration error). g is Fuglevand's twitch-tetanus gain at
 * T over the interval that the spike ends.
 *
 * Cost: only units on the active list (firing, PIC on, or twitch still decaying) are touched; a
 * relaxed pool is one comparison per step. All memory is the caller's (kn_pool_size). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/rng.h"
#include "neuromuscular/muscle_params.h"
#include "neuromuscular/pool_internal.h"

/* A unit drops off the active list once both filter states are below this share of its P. */
#define KN_POOL_NEGLIGIBLE 1e-9
/* Interspike intervals are clamped to [1 - ISI_CLAMP, 1 + ISI_CLAMP] times the mean interval: a
 * numerical guard that keeps every interval positive (isi_cv is at most 1), not a parameter. */
#define KN_POOL_ISI_CLAMP 0.5
/* Alignment of the pool's memory and of each array in it (bytes). */
#define KN_POOL_ALIGN 16u
/* Most units a pool may have (a guard on the size computation). */
#define KN_POOL_MAX_UNITS (1 << 20)
/* A time long before any step (s): a unit that never fired. */
#define KN_POOL_LONG_AGO 1e9
/* An interval counts as at the PIC's arming rate despite rounding (relative). */
#define KN_POOL_ISI_ROUNDING 1e-9
/* Most spikes one unit may fire in one step (guards a step much longer than an interval). */
#define KN_POOL_MAX_SPIKES_PER_STEP 64

typedef struct kn_unit {
  /* constants */
  double thr;    /* excitation units, recruitment threshold RTE */
  double pfr;    /* Hz, peak firing rate */
  double p;      /* a.u., twitch peak force P */
  double t;      /* s, contraction time T at twitch_scale 1 */
  double amp;    /* P e: input to the first filter per spike at gain 1 */
  double sqrt_p; /* EMG weight of one spike */
  /* twitch filter */
  double scale;  /* twitch_scale that a and h were computed for */
  double a, h;   /* exp(-dt/T'), (dt/T') exp(-dt/T'), with T' = T twitch_scale */
  double x1, x2; /* filter states; force of the unit = x2 */
  /* firing */
  double rate;      /* Hz, current rate; 0 when not recruited */
  double t_ref;     /* s, time of the last scheduled spike (start of the running interval) */
  double k;         /* random factor of the running interval, 1 + cv N(0,1) clamped */
  double t_next;    /* s, t_ref + k / rate */
  double t_last;    /* s, time of the last spike of any cause */
  double pic_timer; /* s of intervals at or above pic_on_rate counted towards turning the PIC on */
  double pic_t_on;  /* s, when the PIC came on */
  unsigned char recruited; /* drive at or above threshold in the last step */
  unsigned char pic_on;    /* persistent inward current on */
  unsigned char pic_spent; /* PIC timed out: it cannot re-arm until the unit stops firing */
  unsigned char listed;    /* on the active list */
  unsigned char high;      /* above pic_low_fraction of the pool: PIC sustains pic_sustain_high */
  unsigned char stim;      /* fired by the stimulus this step */
} kn_unit;

struct kn_pool {
  kn_pool_params p;
  double dt;     /* s */
  uint64_t seed; /* of the interspike variability */
  kn_rng rng;
  int64_t steps;     /* steps taken since init or reset */
  double norm;       /* force normaliser (kn_pool_force_norm) */
  double e_max;      /* excitation that brings every unit to its peak rate */
  double pic_isi;    /* s, 1 / pic_on_rate */
  double pic_sigma;  /* log-normal interval factor of PIC-sustained firing: sqrt(ln(1 + cv^2)) */
  double pic_mu;     /* and its location, -sigma^2/2 (mean factor 1) */
  double hyst_share; /* pic_hysteresis / pic_drive at init (kept by kn_pool_set_pic_drive) */
  int n;             /* units */
  int nactive;       /* units on the active list */
  int nrec;          /* units recruited by the excitation alone (a prefix: thresholds ascend) */
  int nlisted;       /* units 0..nlisted-1 are all on the active list */
  int pic_enabled;   /* pic_drive > 0 */
  double scale_now;  /* twitch_scale of the current step */
  kn_unit *u;        /* (n) */
  int *active;       /* (n) indices of the active units, first nactive valid */
};

/* ---- sizes and layout -------------------------------------------------------------------------
 */

static size_t align16(size_t x) {
  return (x + (KN_POOL_ALIGN - 1u)) & ~(size_t)(KN_POOL_ALIGN - 1u);
}

size_t kn_pool_size(int n) {
  if (n < 1 || n > KN_POOL_MAX_UNITS) return 0;
  size_t un = (size_t)n;
  return align16(sizeof(kn_pool)) + align16(un * sizeof(kn_unit)) + align16(un * sizeof(int));
}

/* ---- Fuglevand's twitch-tetanus gain ----------------------------------------------------------
 */

double kn_twitch_gain(double x) {
  if (!(x > 0.4)) return 1.0; /* also NaN: no information, no gain */
  if (isinf(x)) return 0.0;   /* a second spike at the same instant adds nothing */
  /* (1 - exp(-2 x^3)) / x, normalised by its value at x = 0.4 so that the gain is continuous */
  const double g04 = -expm1(-2.0 * 0.4 * 0.4 * 0.4) / 0.4;
  return -expm1(-2.0 * x * x * x) / x / g04;
}

/* ---- parameters -------------------------------------------------------------------------------
 */

void kn_pool_params_from(const kn_params *par, kn_pool_params *p) {
  if (!par || !p) return;
  *p = (kn_pool_params){
      .n = (int)lround(par->pool_units),
      .rr = par->pool_recruitment_range,
      .mfr = par->pool_rate_min,
      .pfr1 = par->pool_rate_peak_first,
      .pfrn = par->pool_rate_peak_last,
      .gain = par->pool_rate_gain,
      .rp = par->pool_twitch_range,
      .tl = par->pool_contraction_time,
      .rt = par->pool_contraction_range,
      .isi_cv = par->pool_isi_cv,
      .pic_on_rate = par->pool_pic_on_rate,
      .pic_on_time = par->pool_pic_on_time,
      .pic_drive = par->pool_pic_drive,
      /* the row is a fraction of the drive, as nm_pic_hysteresis is for the engine */
      .pic_hysteresis = par->pool_pic_hysteresis * par->pool_pic_drive,
      .pic_low_fraction = par->pool_pic_low_fraction,
      .pic_sustain_high = par->pool_pic_sustain_high,
      .isi_cv_pic = par->pool_isi_cv_pic,
  };
}

void kn_pool_params_default(kn_pool_params *p) {
  if (!p) return;
  kn_params par;
  kn_params_default(&par);
  kn_pool_params_from(&par, p);
}

static int finite_nonneg(double x) {
  return isfinite(x) && x >= 0.0;
}

static int params_valid(const kn_pool_params *p) {
  return p->n >= 1 && isfinite(p->rr) && p->rr >= 1.0 && isfinite(p->mfr) && p->mfr > 0.0 &&
         isfinite(p->pfr1) && p->pfr1 >= p->mfr && isfinite(p->pfrn) && p->pfrn >= p->mfr &&
         isfinite(p->gain) && p->gain > 0.0 && isfinite(p->rp) && p->rp >= 1.0 && isfinite(p->tl) &&
         p->tl > 0.0 && isfinite(p->rt) && p->rt >= 1.0 && finite_nonneg(p->isi_cv) &&
         p->isi_cv <= 1.0 && isfinite(p->pic_on_rate) && p->pic_on_rate > 0.0 &&
         finite_nonneg(p->pic_on_time) && finite_nonneg(p->pic_drive) &&
         finite_nonneg(p->pic_hysteresis) && finite_nonneg(p->pic_low_fraction) &&
         p->pic_low_fraction <= 1.0 && finite_nonneg(p->pic_sustain_high) &&
         finite_nonneg(p->isi_cv_pic);
}

/* ---- units --------------------------------------------------------------------------------------
 */

/* Exact one-step coefficients of the twitch filter pair for contraction time t (s). */
static void unit_decay(kn_unit *u, double dt, double scale) {
  double tt = u->t * scale;
  u->a = exp(-dt / tt);
  u->h = dt / tt * u->a;
  u->scale = scale;
}

/* Steady firing rate at drive e (no variability). Plain comparisons, not fmin: this is the hot
 * path and the arguments are finite. */
static double unit_rate(const kn_pool *pool, const kn_unit *u, double e) {
  if (!(e >= u->thr)) return 0.0;
  double r = pool->p.mfr + pool->p.gain * (e - u->thr);
  return r < u->pfr ? r : u->pfr;
}

/* Factor of the next interspike interval: log-normal of mean 1 and CV isi_cv_pic while the unit's
 * PIC is on, else 1 + cv N(0,1), clamped. One normal deviate either way, so firing without PICs
 * draws the same sequence whatever isi_cv_pic is. */
static double isi_factor(kn_pool *pool, int pic_on) {
  if (pic_on && pool->pic_sigma > 0.0)
    return exp(pool->pic_mu + pool->pic_sigma * kn_rng_normal(&pool->rng));
  if (pool->p.isi_cv <= 0.0) return 1.0;
  double k = 1.0 + pool->p.isi_cv * kn_rng_normal(&pool->rng);
  return k < 1.0 - KN_POOL_ISI_CLAMP   ? 1.0 - KN_POOL_ISI_CLAMP
         : k > 1.0 + KN_POOL_ISI_CLAMP ? 1.0 + KN_POOL_ISI_CLAMP
                                       : k;
}

/* Mean of the second filter state per unit input when firing regularly at `rate`. An input of 1
 * gives x2 = k h a^(k-1) = (k dt/T) exp(-k dt/T) k steps later, so the mean is the exact discrete
 * sum rate dt sum_k k h a^(k-1) = rate dt h / (1 - a)^2 (-> rate T as dt -> 0). */
static double unit_mean_per_input(const kn_unit *u, double dt, double rate) {
  double one_minus_a = 1.0 - u->a;
  return rate * dt * u->h / (one_minus_a * one_minus_a);
}

static void unit_rest(kn_unit *u) {
  u->x1 = u->x2 = 0.0;
  u->rate = 0.0;
  u->t_ref = u->t_next = 0.0;
  u->k = 1.0;
  u->t_last = -KN_POOL_LONG_AGO; /* the first spike has gain 1 */
  u->pic_timer = u->pic_t_on = 0.0;
  u->recruited = u->pic_on = u->pic_spent = u->listed = u->stim = 0;
}

/* ---- init and reset -----------------------------------------------------------------------------
 */

void kn_pool_reset(kn_pool *pool) {
  if (!pool) return;
  for (int i = 0; i < pool->n; i++)
    unit_rest(&pool->u[i]);
  pool->nactive = 0;
  pool->nrec = 0;
  pool->nlisted = 0;
  pool->steps = 0;
  pool->scale_now = 1.0;
  kn_rng_seed(&pool->rng, pool->seed);
}

kn_pool *kn_pool_init(void *mem, size_t size, const kn_pool_params *p, double dt, uint64_t seed) {
  if (!mem || !p || ((uintptr_t)mem & (KN_POOL_ALIGN - 1u)) != 0 || !params_valid(p) ||
      !isfinite(dt) || dt <= 0.0)
    return NULL;
  size_t need = kn_pool_size(p->n);
  if (need == 0 || size < need) return NULL;

  char *base = mem;
  kn_pool *pool = (kn_pool *)(void *)base;
  memset(pool, 0, sizeof *pool);
  pool->p = *p;
  pool->dt = dt;
  pool->seed = seed;
  pool->n = p->n;
  pool->u = (kn_unit *)(void *)(base + align16(sizeof(kn_pool)));
  pool->active =
      (int *)(void *)(base + align16(sizeof(kn_pool)) + align16((size_t)p->n * sizeof(kn_unit)));
  pool->pic_isi = 1.0 / p->pic_on_rate;
  pool->pic_enabled = p->pic_drive > 0.0;
  pool->hyst_share = p->pic_drive > 0.0 ? p->pic_hysteresis / p->pic_drive : 0.0;
  pool->pic_sigma = sqrt(log1p(p->isi_cv_pic * p->isi_cv_pic));
  pool->pic_mu = -0.5 * pool->pic_sigma * pool->pic_sigma;

  const int n = p->n;
  const double span = n > 1 ? (double)(n - 1) : 1.0;
  /* units strictly above this rank are "high": their PIC sustains only pic_sustain_high */
  const double low_count = p->pic_low_fraction * (double)n;
  pool->norm = 0.0;
  pool->e_max = 0.0;
  for (int i = 0; i < n; i++) {
    kn_unit *u = &pool->u[i];
    memset(u, 0, sizeof *u);
    double x = n > 1 ? (double)i / span : 0.0;
    u->thr = pow(p->rr, x);
    u->pfr = p->rr > 1.0 ? p->pfr1 - (p->pfr1 - p->pfrn) * (u->thr - 1.0) / (p->rr - 1.0) : p->pfr1;
    u->p = pow(p->rp, x);
    u->t = p->tl * pow(p->rt, -x);
    u->amp = u->p * exp(1.0);
    u->sqrt_p = sqrt(u->p);
    u->high = (double)(i + 1) > low_count;
    unit_decay(u, dt, 1.0);
    /* full drive: regular firing at the peak rate, each spike with the gain of that interval */
    pool->norm += u->amp * kn_twitch_gain(u->t * u->pfr) * unit_mean_per_input(u, dt, u->pfr);
    pool->e_max = fmax(pool->e_max, u->thr + (u->pfr - p->mfr) / p->gain);
  }
  kn_pool_reset(pool);
  return pool;
}

/* ---- read-outs ----------------------------------------------------------------------------------
 */

static int unit_ok(const kn_pool *pool, int i) {
  return pool && i >= 0 && i < pool->n;
}

double kn_pool_threshold(const kn_pool *pool, int i) {
  return unit_ok(pool, i) ? pool->u[i].thr : NAN;
}
double kn_pool_peak_rate(const kn_pool *pool, int i) {
  return unit_ok(pool, i) ? pool->u[i].pfr : NAN;
}
double kn_pool_twitch_force(const kn_pool *pool, int i) {
  return unit_ok(pool, i) ? pool->u[i].p : NAN;
}
double kn_pool_contraction_time(const kn_pool *pool, int i) {
  return unit_ok(pool, i) ? pool->u[i].t : NAN;
}
double kn_pool_rate(const kn_pool *pool, int i, double e) {
  return unit_ok(pool, i) ? unit_rate(pool, &pool->u[i], e) : NAN;
}
double kn_pool_excitation_max(const kn_pool *pool) {
  return pool ? pool->e_max : NAN;
}
int kn_pool_units(const kn_pool *pool) {
  return pool ? pool->n : 0;
}
void kn_pool_set_pic_rate(kn_pool *pool, double hz) {
  if (!pool || !isfinite(hz) || hz <= 0.0) return;
  pool->p.pic_on_rate = hz;
  pool->pic_isi = 1.0 / hz;
}
void kn_pool_set_pic_drive(kn_pool *pool, double drive) {
  if (!pool || !isfinite(drive) || drive < 0.0) return;
  pool->p.pic_drive = drive;
  pool->p.pic_hysteresis = drive * pool->hyst_share;
  pool->pic_enabled = drive > 0.0;
}

int kn_pool_nactive(const kn_pool *pool) {
  return pool ? pool->nactive : 0;
}
int kn_pool_unit_firing(const kn_pool *pool, int i) {
  return unit_ok(pool, i) ? pool->u[i].recruited : 0;
}
int kn_pool_unit_pic(const kn_pool *pool, int i) {
  return unit_ok(pool, i) ? pool->u[i].pic_on : 0;
}
double kn_pool_force_norm(const kn_pool *pool) {
  return pool ? pool->norm : NAN;
}

/* ---- stepping -----------------------------------------------------------------------------------
 */

/* What every unit of one step reads, copied out of the pool so that the compiler can keep it in
 * registers (stores to units cannot alias it), and what the step sums up. */
typedef struct step_ctx {
  double e;     /* excitation this step */
  double t, t1; /* s, start and end of the step */
  double mfr, gain, pic_drive, pic_hyst, pic_sustain_high, pic_on_time;
  double fast_isi; /* s, longest interval that counts as firing at pic_on_rate */
  double scale;    /* twitch_scale this step */
  int pic_enabled;
  /* sums */
  double force, emg, rate;
  int nfiring, nspikes, npic;
} step_ctx;

static void list_add(kn_pool *pool, int i) {
  kn_unit *u = &pool->u[i];
  if (u->listed) return;
  u->listed = 1;
  if (u->scale != pool->scale_now) unit_decay(u, pool->dt, pool->scale_now);
  pool->active[pool->nactive++] = i;
}

/* PIC arming, at each spike of a unit whose PIC is off: its own firing (stimulated spikes count)
 * at or above pic_on_rate. Each interval at that rate adds its length to the count, a longer one
 * takes its length back (so one long interval from the random variability near the rate does not
 * restart the count, and a silence clears it). The PIC turns on after pic_on_time, only where it
 * could hold: drive with the PIC at or above the turn-off level. */
static inline void pic_arm(kn_unit *restrict u, double isi, const step_ctx *restrict c) {
  if (isi <= c->fast_isi)
    u->pic_timer += isi;
  else
    u->pic_timer = u->pic_timer > isi ? u->pic_timer - isi : 0.0;
  if (!u->pic_spent && u->pic_timer >= c->pic_on_time &&
      c->e + c->pic_drive >= u->thr - c->pic_hyst) {
    u->pic_on = 1;
    u->pic_t_on = c->t1;
  }
}

/* A spike at time ts (s): the first filter gets P e times the gain of the interval it ends. */
static inline void unit_spike(kn_unit *restrict u, double ts, step_ctx *restrict c) {
  double isi = ts - u->t_last;
  double g = isi > 0.0 ? kn_twitch_gain(u->t * c->scale / isi) : 0.0;
  u->x1 += u->amp * g;
  u->t_last = ts;
  c->emg += u->sqrt_p;
  c->nspikes++;
  if (c->pic_enabled && !u->pic_on) pic_arm(u, isi, c);
}

/* Advances one active unit over [t, t + dt). Returns 1 if it can leave the active list. */
static inline int unit_step(kn_pool *pool, kn_unit *restrict u, step_ctx *restrict c) {
  const double e = c->e, t = c->t, t1 = c->t1;

  /* twitch filters: exact decay over the step */
  double x1 = u->x1;
  u->x2 = u->a * u->x2 + u->h * x1;
  u->x1 = u->a * x1;

  /* PIC: off when the total drive falls pic_hysteresis below threshold, or, for high-threshold
   * units, after pic_sustain_high seconds on */
  double drive = e;
  if (u->pic_on) {
    if (e + c->pic_drive < u->thr - c->pic_hyst) {
      u->pic_on = 0;
      u->pic_timer = 0.0;
    } else if (u->high && t1 - u->pic_t_on >= c->pic_sustain_high) {
      u->pic_on = 0;
      u->pic_timer = 0.0;
      u->pic_spent = 1;
    } else {
      drive = e + c->pic_drive;
    }
  }

  /* stimulus: a spike now, and the voluntary rhythm restarts from it (antidromic reset) */
  int restart = 0;
  if (u->stim) {
    unit_spike(u, t, c);
    u->t_ref = t;
    u->k = isi_factor(pool, u->pic_on);
    u->stim = 0;
    restart = 1;
  }
  int rec = drive >= u->thr;
  if (rec) {
    double r = c->mfr + c->gain * (drive - u->thr); /* unit_rate, inlined */
    if (r > u->pfr) r = u->pfr;
    if (!u->recruited && !restart) { /* newly recruited: fires at once */
      unit_spike(u, t, c);
      u->t_ref = t;
      u->k = isi_factor(pool, u->pic_on);
      restart = 1;
    }
    if (restart || r != u->rate) u->t_next = u->t_ref + u->k / r;
    if (u->t_next < t1) {
      int guard = 0;
      do { /* a rate that rose suddenly fires now, not in the past */
        double ts = u->t_next > t ? u->t_next : t;
        unit_spike(u, ts, c);
        u->t_ref = ts;
        u->k = isi_factor(pool, u->pic_on);
        u->t_next = ts + u->k / r;
      } while (u->t_next < t1 && ++guard < KN_POOL_MAX_SPIKES_PER_STEP);
    }
    u->rate = r;
    u->recruited = 1;
    c->nfiring++;
    c->rate += r;
  } else {
    u->rate = 0.0;
    u->recruited = 0;
    u->pic_spent = 0; /* let go by its drive: a timed-out PIC may re-arm later */
  }
  c->npic += u->pic_on;
  c->force += u->x2;
  if (rec || u->pic_on) return 0;
  double eps = KN_POOL_NEGLIGIBLE * u->p;
  return u->x1 < eps && u->x2 < eps;
}

void kn_pool_step(kn_pool *pool, const kn_pool_input *in, kn_pool_output *out) {
  if (!pool || !in) {
    if (out) *out = (kn_pool_output){0};
    return;
  }
  /* bad inputs are read as "nothing": no drive, no stimulus, body temperature */
  double e = isfinite(in->excitation) ? in->excitation : 0.0;
  double sf = in->stim_fraction > 0.0 ? in->stim_fraction : 0.0; /* also NaN */
  int nstim = sf >= 1.0 ? pool->n : sf > 0.0 ? (int)lround(sf * (double)pool->n) : 0;
  double scale = isfinite(in->twitch_scale) && in->twitch_scale > 0.0 ? in->twitch_scale : 1.0;
  const double t = (double)pool->steps * pool->dt;
  pool->steps++;

  /* relaxed: nothing active, nothing recruited, no stimulus */
  if (pool->nactive == 0 && e < pool->u[0].thr && nstim == 0) {
    pool->nrec = 0;
    if (out) *out = (kn_pool_output){0};
    return;
  }
  if (scale != pool->scale_now) { /* temperature changed: new twitch decay for the active units */
    pool->scale_now = scale;
    for (int j = 0; j < pool->nactive; j++)
      unit_decay(&pool->u[pool->active[j]], pool->dt, scale);
  }

  /* stimulus: the nstim units of highest threshold (largest axons) */
  for (int i = pool->n - nstim; i < pool->n; i++) {
    pool->u[i].stim = 1;
    list_add(pool, i);
  }
  /* recruitment by the excitation alone is a prefix of the (ascending) thresholds; units below
   * pool->nlisted are on the list already */
  while (pool->nrec < pool->n && pool->u[pool->nrec].thr <= e)
    pool->nrec++;
  while (pool->nrec > 0 && pool->u[pool->nrec - 1].thr > e)
    pool->nrec--;
  for (int i = pool->nlisted; i < pool->nrec; i++)
    list_add(pool, i);
  if (pool->nrec > pool->nlisted) pool->nlisted = pool->nrec;

  const kn_pool_params *p = &pool->p;
  step_ctx c = {.e = e,
                .t = t,
                .t1 = t + pool->dt,
                .mfr = p->mfr,
                .gain = p->gain,
                .pic_drive = p->pic_drive,
                .pic_hyst = p->pic_hysteresis,
                .pic_sustain_high = p->pic_sustain_high,
                .pic_on_time = p->pic_on_time,
                .fast_isi = pool->pic_isi * (1.0 + KN_POOL_ISI_ROUNDING),
                .scale = scale,
                .pic_enabled = pool->pic_enabled};
  kn_unit *restrict units = pool->u;
  int *restrict active = pool->active;
  int nactive = pool->nactive;
  for (int j = 0; j < nactive;) {
    int i = active[j];
    kn_unit *u = &units[i];
    if (unit_step(pool, u, &c)) { /* drop: swap the last unprocessed unit into place */
      u->x1 = u->x2 = 0.0;
      u->pic_timer = 0.0;
      u->listed = 0;
      u->recruited = 0;
      if (i < pool->nlisted) pool->nlisted = i;
      active[j] = active[--nactive];
    } else {
      j++;
    }
  }
  pool->nactive = nactive;
  if (out) {
    out->force = c.force / pool->norm;
    out->mean_rate = c.nfiring > 0 ? c.rate / c.nfiring : 0.0;
    out->nfiring = c.nfiring;
    out->nspikes = c.nspikes;
    out->npic = c.npic;
    out->emg = c.emg;
  }
}
