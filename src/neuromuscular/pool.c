/* The motor-unit pool of Fuglevand, Winter & Patla 1993 [fuglevand1993], with persistent inward
 * currents after Lee & Heckman 1998 [lee_heckman1998].
 *
 * Each unit i = 0..n-1 (u = i/(n-1), 0 for a one-unit pool) has
 *   threshold  RTE_i = RR^u                  (first unit exactly 1: the excitation scale)
 *   peak rate  PFR_i = pfr1 - (pfr1 - pfrn) (RTE_i - 1)/(RR - 1)
 *   twitch     P_i = RP^u, contraction time T_i = TL RT^-u  (= TL (1/P_i)^(1/c), c = ln RP/ln RT)
 * and fires at mfr + gain (drive - RTE_i), capped at PFR_i, while its drive (excitation, plus
 * pic_drive when its PIC is on) is at or above RTE_i.
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
#include "neuromuscular/pool_internal.h"

/* A unit drops off the active list once both filter states are below this share of its P. */
#define KN_POOL_NEGLIGIBLE 1e-9
/* Interspike intervals are clamped to [1 - ISI_CLAMP, 1 + ISI_CLAMP] times the mean interval. */
#define KN_POOL_ISI_CLAMP 0.5
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
  double isi_last;  /* s, the interval that the last spike ended */
  double pic_timer; /* s of firing at or above pic_on_rate counted towards turning the PIC on */
  double pic_age;   /* s since the PIC came on */
  unsigned char recruited; /* drive at or above threshold in the last step */
  unsigned char pic_on;    /* persistent inward current on */
  unsigned char pic_spent; /* PIC timed out while the excitation alone still recruits the unit */
  unsigned char listed;    /* on the active list */
  unsigned char high;      /* above pic_low_fraction of the pool: PIC sustains pic_sustain_high */
  unsigned char stim;      /* fired by the stimulus this step */
} kn_unit;

struct kn_pool {
  kn_pool_params p;
  double dt;     /* s */
  uint64_t seed; /* of the interspike variability */
  kn_rng rng;
  int64_t steps;    /* steps taken since init or reset */
  double norm;      /* force normaliser (kn_pool_force_norm) */
  double e_max;     /* excitation that brings every unit to its peak rate */
  double pic_isi;   /* s, 1 / pic_on_rate */
  int n;            /* units */
  int nactive;      /* units on the active list */
  int nrec;         /* units recruited by the excitation alone (a prefix: thresholds ascend) */
  int pic_enabled;  /* pic_drive > 0 */
  double scale_now; /* twitch_scale of the current step */
  kn_unit *u;       /* (n) */
  int *active;      /* (n) indices of the active units, first nactive valid */
};

/* ---- sizes and layout -------------------------------------------------------------------------
 */

static size_t align16(size_t x) {
  return (x + 15u) & ~(size_t)15u;
}

size_t kn_pool_size(int n) {
  if (n < 1 || n > (1 << 20)) return 0;
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

void kn_pool_params_default(kn_pool_params *p) {
  if (!p) return;
  *p = (kn_pool_params){
      .n = 120,      /* [fuglevand1993] */
      .rr = 30.0,    /* [fuglevand1993] */
      .mfr = 8.0,    /* Hz [fuglevand1993] */
      .pfr1 = 35.0,  /* Hz [fuglevand1993] */
      .pfrn = 25.0,  /* Hz [fuglevand1993] */
      .gain = 1.0,   /* Hz per excitation unit [fuglevand1993] */
      .rp = 100.0,   /* [fuglevand1993] */
      .tl = 0.090,   /* s [fuglevand1993] */
      .rt = 3.0,     /* [fuglevand1993] */
      .isi_cv = 0.15, /* calibrated: middle of the 0.1-0.2 range [fuglevand1993] */
      .pic_on_rate = 10.0, /* Hz, calibrated: sustained firing a little above the 8 Hz recruitment
                              rate arms the PIC, as the 1.5 s Ia drive did [lee_heckman1998] */
      .pic_on_time = 0.5,  /* s, calibrated: within the 1.5 s of synaptic drive that evoked
                              self-sustained firing [lee_heckman1998] */
      .pic_drive = 3.15,   /* excitation units = Delta F / gain: soleus Delta F 3.15 pps
                              [pic_sway2019], i.e. derecruitment 3.15 units below recruitment */
      .pic_hysteresis = 1.575, /* excitation units, calibrated: 0.5 pic_drive; fully bistable
                                  cells show marked PIC hysteresis [lee_heckman1998b] */
      .pic_low_fraction = 0.5, /* calibrated: lee_heckman1998 found 35 % (17/49) of sampled cells
                                  fully bistable, the low-threshold ones */
      .pic_sustain_high = 1.5, /* s: partially bistable cells sustain firing at most 1-2 s
                                  [lee_heckman1998b] */
  };
}

static int finite_nonneg(double x) {
  return isfinite(x) && x >= 0.0;
}

static int params_valid(const kn_pool_params *p) {
  return p->n >= 1 && isfinite(p->rr) && p->rr >= 1.0 && isfinite(p->mfr) && p->mfr > 0.0 &&
         isfinite(p->pfr1) && p->pfr1 >= p->mfr && isfinite(p->pfrn) && p->pfrn >= p->mfr &&
         isfinite(p->gain) && p->gain > 0.0 && isfinite(p->rp) && p->rp >= 1.0 &&
         isfinite(p->tl) && p->tl > 0.0 && isfinite(p->rt) && p->rt >= 1.0 &&
         finite_nonneg(p->isi_cv) && p->isi_cv <= 1.0 && isfinite(p->pic_on_rate) &&
         p->pic_on_rate > 0.0 && finite_nonneg(p->pic_on_time) && finite_nonneg(p->pic_drive) &&
         finite_nonneg(p->pic_hysteresis) && finite_nonneg(p->pic_low_fraction) &&
         p->pic_low_fraction <= 1.0 && finite_nonneg(p->pic_sustain_high);
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

/* Steady firing rate at drive e (no variability). */
static double unit_rate(const kn_pool *pool, const kn_unit *u, double e) {
  if (!(e >= u->thr)) return 0.0;
  return fmin(pool->p.mfr + pool->p.gain * (e - u->thr), u->pfr);
}

/* Factor of the next interspike interval: 1 + cv N(0,1), clamped. */
static double isi_factor(kn_pool *pool) {
  if (pool->p.isi_cv <= 0.0) return 1.0;
  double k = 1.0 + pool->p.isi_cv * kn_rng_normal(&pool->rng);
  return fmin(fmax(k, 1.0 - KN_POOL_ISI_CLAMP), 1.0 + KN_POOL_ISI_CLAMP);
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
  u->t_last = -1e9; /* long ago: the first spike has gain 1 */
  u->isi_last = 1e9;
  u->pic_timer = u->pic_age = 0.0;
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
  pool->steps = 0;
  pool->scale_now = 1.0;
  kn_rng_seed(&pool->rng, pool->seed);
}

kn_pool *kn_pool_init(void *mem, size_t size, const kn_pool_params *p, double dt, uint64_t seed) {
  if (!mem || !p || ((uintptr_t)mem & 15u) != 0 || !params_valid(p) || !isfinite(dt) ||
      dt <= 0.0)
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

typedef struct step_sums {
  double force, emg, rate;
  int nfiring, nspikes, npic;
} step_sums;

static void list_add(kn_pool *pool, int i) {
  kn_unit *u = &pool->u[i];
  if (u->listed) return;
  u->listed = 1;
  pool->active[pool->nactive++] = i;
}

/* A spike at time ts (s): the first filter gets P e times the gain of the interval it ends. */
static void unit_spike(kn_pool *pool, kn_unit *u, double ts, step_sums *s) {
  double isi = ts - u->t_last;
  double g = isi > 0.0 ? kn_twitch_gain(u->t * pool->scale_now / isi) : 0.0;
  u->x1 += u->amp * g;
  u->isi_last = isi;
  u->t_last = ts;
  s->emg += u->sqrt_p;
  s->nspikes++;
}

/* Advances one active unit over [t, t + dt). Returns 1 if it can leave the active list. */
static int unit_step(kn_pool *pool, kn_unit *u, double e, double t, step_sums *s) {
  const kn_pool_params *p = &pool->p;
  const double dt = pool->dt, t1 = t + dt;

  /* twitch filters: exact decay over the step (recomputed only when twitch_scale changed) */
  if (u->scale != pool->scale_now) unit_decay(u, dt, pool->scale_now);
  double x1 = u->x1;
  u->x2 = u->a * u->x2 + u->h * x1;
  u->x1 = u->a * x1;

  /* PIC: off when the total drive falls pic_hysteresis below threshold, or, for high-threshold
   * units, after pic_sustain_high seconds on */
  if (u->pic_on) {
    u->pic_age += dt;
    if (e + p->pic_drive < u->thr - p->pic_hysteresis) {
      u->pic_on = 0;
      u->pic_timer = 0.0;
    } else if (u->high && u->pic_age >= p->pic_sustain_high) {
      u->pic_on = 0;
      u->pic_timer = 0.0;
      u->pic_spent = 1;
    }
  }
  if (e < u->thr) u->pic_spent = 0; /* let go by its synaptic drive: the PIC may re-arm later */
  double drive = u->pic_on ? e + p->pic_drive : e;
  int rec = drive >= u->thr;

  /* stimulus: a spike now, and the voluntary rhythm restarts from it (antidromic reset) */
  int restart = 0;
  if (u->stim) {
    unit_spike(pool, u, t, s);
    u->t_ref = t;
    u->k = isi_factor(pool);
    u->stim = 0;
    restart = 1;
  }
  if (rec) {
    double r = unit_rate(pool, u, drive);
    if (!u->recruited && !restart) { /* newly recruited: fires at once */
      unit_spike(pool, u, t, s);
      u->t_ref = t;
      u->k = isi_factor(pool);
      restart = 1;
    }
    if (restart || r != u->rate) u->t_next = u->t_ref + u->k / r;
    for (int guard = 0; u->t_next < t1 && guard < KN_POOL_MAX_SPIKES_PER_STEP; guard++) {
      double ts = fmax(u->t_next, t); /* a rate that rose suddenly fires now, not in the past */
      unit_spike(pool, u, ts, s);
      u->t_ref = ts;
      u->k = isi_factor(pool);
      u->t_next = ts + u->k / r;
    }
    u->rate = r;
    s->nfiring++;
    s->rate += r;
  } else {
    u->rate = 0.0;
  }
  u->recruited = (unsigned char)rec;

  /* PIC arming: the unit's own firing (stimulated spikes count) at or above pic_on_rate. The
   * count is leaky rather than reset by one long interval, so interspike variability near the
   * rate does not restart it. It turns on only where it could hold: drive with the PIC above the
   * turn-off level. */
  if (pool->pic_enabled && !u->pic_on) {
    int fast = u->isi_last <= pool->pic_isi * (1.0 + 1e-9) && t1 - u->t_last <= pool->pic_isi + dt;
    u->pic_timer = fast ? u->pic_timer + dt : fmax(0.0, u->pic_timer - dt);
    if (!u->pic_spent && u->pic_timer >= p->pic_on_time &&
        e + p->pic_drive >= u->thr - p->pic_hysteresis) {
      u->pic_on = 1;
      u->pic_age = 0.0;
    }
  }
  s->npic += u->pic_on;
  s->force += u->x2;

  double eps = KN_POOL_NEGLIGIBLE * u->p;
  return !rec && !u->pic_on && u->x1 < eps && u->x2 < eps;
}

void kn_pool_step(kn_pool *pool, const kn_pool_input *in, kn_pool_output *out) {
  if (!pool || !in) {
    if (out) *out = (kn_pool_output){0};
    return;
  }
  /* bad inputs are read as "nothing": no drive, no stimulus, body temperature */
  double e = isfinite(in->excitation) ? in->excitation : 0.0;
  double sf = isfinite(in->stim_fraction) ? fmin(fmax(in->stim_fraction, 0.0), 1.0) : 0.0;
  double scale = isfinite(in->twitch_scale) && in->twitch_scale > 0.0 ? in->twitch_scale : 1.0;
  int nstim = (int)lround(sf * (double)pool->n);
  const double t = (double)pool->steps * pool->dt;
  pool->steps++;

  /* relaxed: nothing active, nothing recruited, no stimulus */
  if (pool->nactive == 0 && e < pool->u[0].thr && nstim == 0) {
    pool->nrec = 0;
    if (out) *out = (kn_pool_output){0};
    return;
  }
  pool->scale_now = scale;

  /* stimulus: the nstim units of highest threshold (largest axons) */
  for (int i = pool->n - nstim; i < pool->n; i++) {
    pool->u[i].stim = 1;
    list_add(pool, i);
  }
  /* recruitment by the excitation alone is a prefix of the (ascending) thresholds */
  while (pool->nrec < pool->n && pool->u[pool->nrec].thr <= e)
    pool->nrec++;
  while (pool->nrec > 0 && pool->u[pool->nrec - 1].thr > e)
    pool->nrec--;
  for (int i = 0; i < pool->nrec; i++)
    list_add(pool, i);

  step_sums s = {0};
  for (int j = 0; j < pool->nactive;) {
    int i = pool->active[j];
    kn_unit *u = &pool->u[i];
    if (unit_step(pool, u, e, t, &s)) { /* drop: swap the last unprocessed unit into place */
      u->x1 = u->x2 = 0.0;
      u->pic_timer = 0.0;
      u->listed = 0;
      u->recruited = 0;
      pool->active[j] = pool->active[--pool->nactive];
    } else {
      j++;
    }
  }
  if (out) {
    out->force = s.force / pool->norm;
    out->mean_rate = s.nfiring > 0 ? s.rate / s.nfiring : 0.0;
    out->nfiring = s.nfiring;
    out->nspikes = s.nspikes;
    out->npic = s.npic;
    out->emg = s.emg;
  }
}
