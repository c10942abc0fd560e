/* SPDX-License-Identifier: Apache-2.0 */
/* From a plan to a hand: each slot (hand or tool) follows its actions in turn; the practitioner
 * drawn from a profile (kn_practitioner_draw) shapes the force (ramps, variation, mean force
 * relative to the plan), the position (drift off target) and the reaction to pain. Variability
 * comes from Ornstein-Uhlenbeck processes driven by the data's seeded RNG, so a run is
 * reproducible. */
#include "protocol/protocol.h"

#include <math.h>

#include "core/fmath.h"
#include "core/units.h"
#include "knead/error.h"
#include "knead/mechanics.h"

/* Stream of the practitioner's draw (any value, fixed forever: it defines the draws). */
#define STREAM_TRAITS 0x54524149545300ULL

/* normal_quantile's bisection: the bracket (standard deviations; Phi(-8) is 6e-16, below any
 * uniform draw that QUANTILE_U_EDGE lets through) and the halvings (64 reach the last bit of a
 * double over a 16-wide bracket). */
#define QUANTILE_Z_MAX 8.0
#define QUANTILE_HALVINGS 64
/* The uniform draws are kept this far inside (0, 1), where the quantile is finite. */
#define QUANTILE_U_EDGE 1e-9

/* The standard normal quantile: the z with Phi(z) = u, by bisection (called once per model). */
static double normal_quantile(double u) {
  double lo = -QUANTILE_Z_MAX, hi = QUANTILE_Z_MAX;
  for (int i = 0; i < QUANTILE_HALVINGS; i++) {
    double mid = 0.5 * (lo + hi);
    if (0.5 * erfc(-mid / sqrt(2.0)) < u)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

/* A log-normal trait: its median moved by z log-SDs. */
static double log_normal(double median, double log_sd, double z) {
  return median * exp(log_sd * z);
}

/* The rough partner (what-if): one fixed person, the article's worst case (claim A9). */
static void rough_partner(const kn_params *p, kn_practitioner_traits *out) {
  out->force_ratio = 1.0;
  out->force_bias = p->rough_force_bias;
  out->force_cv = p->rough_force_cv;
  out->ramp_time = p->rough_ramp_time;
  out->drift = p->rough_drift;
  out->pain_delay = -1.0; /* never eases off (claim A9) */
}

void kn_practitioner_draw(const kn_params *p, kn_practitioner who, int percentile, int seeded,
                          uint64_t seed, kn_practitioner_traits *out) {
  if (who == KN_PRACTITIONER_ROUGH_PARTNER) {
    rough_partner(p, out);
    return;
  }
  /* u[k]: the person's place in each trait's distribution, as a fraction from the mildest (0) to
   * the harshest (1): force ratio, force CV, onset (a short ramp is harsh), drift, pain delay,
   * and whether they never ease off */
  enum { RATIO, CV, RAMP, DRIFT, DELAY, NEVER, NTRAIT };
  double u[NTRAIT];
  kn_rng r;
  kn_rng_seed(&r, seed ^ STREAM_TRAITS);
  for (int k = 0; k < NTRAIT; k++)
    u[k] = seeded ? kn_rng_uniform(&r) : percentile > 0 ? percentile / 100.0 : 0.5;
  double z[NTRAIT];
  for (int k = 0; k < NTRAIT; k++)
    z[k] = normal_quantile(fmin(fmax(u[k], QUANTILE_U_EDGE), 1.0 - QUANTILE_U_EDGE));
  int partner = who == KN_PRACTITIONER_UNTRAINED_PARTNER;
  double sd = partner ? p->untrained_trait_sd : p->pro_trait_sd;
  out->force_ratio =
      log_normal(partner ? p->untrained_force_ratio : 1.0,
                 partner ? p->untrained_force_ratio_sd : p->pro_force_ratio_sd, z[RATIO]);
  out->force_bias = 0.0;
  out->force_cv = log_normal(partner ? p->untrained_force_cv : p->pro_force_cv, sd, z[CV]);
  out->ramp_time = log_normal(partner ? p->untrained_ramp_time : p->pro_ramp_time, sd, -z[RAMP]);
  out->drift = log_normal(partner ? p->untrained_drift : p->pro_drift, sd, z[DRIFT]);
  out->pain_delay = log_normal(partner ? p->untrained_pain_delay : p->pro_pain_delay, sd, z[DELAY]);
  /* the harshest untrained_never_ease of partners never ease off; professionals always do */
  if (partner && u[NEVER] >= 1.0 - p->untrained_never_ease) out->pain_delay = -1.0;
}

void kn_device_traits(kn_practitioner_traits *out) {
  *out = (kn_practitioner_traits){.force_ratio = 1.0, .pain_delay = -1.0};
}

int kn_action_grips_skin(kn_action_kind k) {
  return k == KN_ACT_FRICTION || k == KN_ACT_PETRISSAGE;
}

/* Minimum-jerk rise from 0 to 1 over u in [0, 1]: 10u^3 - 15u^4 + 6u^5 (Flash & Hogan 1985). */
static double min_jerk(double u) {
  if (u <= 0.0) return 0.0;
  if (u >= 1.0) return 1.0;
  return u * u * u * (10.0 + u * (-15.0 + 6.0 * u));
}

/* The filters' coefficients for steps of dt: an Ornstein-Uhlenbeck process with unit stationary
 * variance and correlation time tau steps as x' = a x + sqrt(1 - a^2) N(0,1), a = exp(-dt / tau);
 * a first-order low-pass of time constant s as y' = y + (x - y)(1 - exp(-dt / s)). */
static kn_vary_coefs vary_coefs(const kn_params *p, double dt) {
  double s = p->variation_smoothing;
  double tf = p->force_noise_time, tx = p->drift_time;
  double af = exp(-dt / tf), ax = exp(-dt / tx);
  return (kn_vary_coefs){.decay_f = af,
                         .kick_f = sqrt(1.0 - af * af),
                         .decay_x = ax,
                         .kick_x = sqrt(1.0 - ax * ax),
                         .low_pass = 1.0 - exp(-dt / s),
                         .gain_f = sqrt((tf + s) / tf),
                         .gain_x = sqrt((tx + s) / tx)};
}

/* Advances the hand's variability: Ornstein-Uhlenbeck processes for force and position, each
 * smoothed by a low-pass filter so that force rate and speed do not depend on the time step. The
 * filter's output is rescaled to unit variance (an OU process of time tau through a low-pass of
 * time s has variance tau / (tau + s)). */
static void vary_step(const kn_vary_coefs *k, kn_rng *rng, kn_contact *c) {
  c->noise_f = k->decay_f * c->noise_f + k->kick_f * kn_rng_normal(rng);
  c->noise_x = k->decay_x * c->noise_x + k->kick_x * kn_rng_normal(rng);
  c->noise_y = k->decay_x * c->noise_y + k->kick_x * kn_rng_normal(rng);
  c->lp_f = c->lp_f + (c->noise_f - c->lp_f) * k->low_pass;
  c->lp_x = c->lp_x + (c->noise_x - c->lp_x) * k->low_pass;
  c->lp_y = c->lp_y + (c->noise_y - c->lp_y) * k->low_pass;
  c->smooth_f = c->lp_f * k->gain_f;
  c->smooth_x = c->lp_x * k->gain_x;
  c->smooth_y = c->lp_y * k->gain_x;
}

/* Where the action aims, in its region's patch. */
static void action_target(const kn_action *a, double *x, double *y) {
  *x = 0.0, *y = 0.0;
  if (a->muscle >= 0) {
    const kn_muscle *mu = kn_atlas_muscle((size_t)a->muscle);
    *x = mu->x, *y = mu->y;
  } else if (a->landmark >= 0) {
    const kn_landmark *l = kn_atlas_landmark((size_t)a->landmark);
    *x = l->x, *y = l->y;
  }
}

/* Technique: force modulation (1 = planned force) and movement along/across the glide direction. */
static double technique(const kn_params *p, const kn_action *a, double tau, double *along,
                        double *across) {
  *along = 0.0, *across = 0.0;
  double L = a->stroke_length;
  switch (a->kind) {
  case KN_ACT_EFFLEURAGE:
  case KN_ACT_DEEP_STROKE:
    if (a->speed > 0.0 && L > 0.0) { /* back and forth over the stroke length */
      double ph = fmod(a->speed * tau / L, 2.0);
      *along = L * ((ph < 1.0 ? ph : 2.0 - ph) - 0.5);
    }
    return 1.0;
  case KN_ACT_PETRISSAGE: {
    double ph = 2.0 * KN_PI * a->rate * tau;
    *along = 0.5 * L * sin(ph);
    return 1.0 - p->petrissage_depth * 0.5 * (1.0 - cos(ph));
  }
  case KN_ACT_FRICTION: {
    double ph = 2.0 * KN_PI * a->rate * tau;
    *along = 0.5 * L * cos(ph);
    *across = 0.5 * L * sin(ph);
    return 1.0;
  }
  case KN_ACT_TAPOTEMENT: { /* half-sine impacts, rate per second */
    if (!(a->rate > 0.0)) return 1.0;
    double period = 1.0 / a->rate, impact = p->tapotement_impact;
    if (impact > period) impact = period;
    double ph = fmod(tau, period);
    return ph < impact ? sin(KN_PI * ph / impact) : 0.0;
  }
  default:
    return 1.0;
  }
}

int kn_action_phase(const kn_action *a, double start, double end, double t, double *tau, int *rep) {
  double u = t - start;
  if (u < 0.0 || t >= end) return 0;
  double period = a->duration + a->rest_between;
  double n = period > 0.0 ? floor(u / period) : 0.0;
  double local = u - n * period;
  if (tau) *tau = local;
  if (rep) *rep = (int)n;
  return local < a->duration;
}

/* Moves a slot's cursor to the action in progress at t; returns it or -1. */
static int current_action(const kn_protocol_params *pp, kn_contact *c, int slot, double t) {
  int last = pp->slot_first[slot + 1];
  while (c->cursor < last && pp->action_end[pp->slot_actions[c->cursor]] <= t)
    c->cursor++;
  if (c->cursor >= last) return -1;
  int a = pp->slot_actions[c->cursor];
  return pp->action_start[a] <= t ? a : -1;
}

static void lift(kn_contact *c) {
  c->active = 0;
  c->force = 0.0;
  c->shear = 0.0;
  c->p = 0.0;
  c->t_contact = 0.0;
}

/* One hand this step; returns 1 if the practitioner eased off (an event). */
static int slot_step(const kn_protocol_params *pp, double t, kn_protocol_state *st, int slot) {
  const kn_params *p = pp->par;
  kn_contact *c = &st->contacts[slot];
  double dt = pp->dt;
  const kn_practitioner_traits *pr = pp->profile;
  int ai = current_action(pp, c, slot, t);
  if (ai != c->action) { /* a new action: fresh hand, no memory of pain */
    c->action = ai;
    c->ease = 1.0;
    c->t_pain = 0.0;
  }
  if (!pp->device) vary_step(&st->vary, &st->rng, c); /* a device does not wander */
  if (ai < 0) {
    c->prev_force = 0.0;
    c->force_rate = 0.0;
    lift(c);
    return 0;
  }
  const kn_action *a = &pp->actions[ai];
  double tau = 0.0;
  int on = kn_action_phase(a, pp->action_start[ai], pp->action_end[ai], t, &tau, NULL);
  double force = 0.0;
  double along = 0.0, across = 0.0;
  if (on) {
    double ramp = kn_min(pr->ramp_time, p->pro_ramp_share * a->duration);
    /* a device is at its set force from the first step to the last: no onset or release ramp */
    double env =
        pp->device ? 1.0 : kn_min(min_jerk(tau / ramp), min_jerk((a->duration - tau) / ramp));
    double mod = technique(p, a, tau, &along, &across);
    /* a hand's force wanders, but not without bound */
    double bound = p->force_noise_bound;
    double n = kn_max(-bound, kn_min(bound, c->smooth_f));
    double vary = kn_max(0.0, 1.0 + pr->force_cv * n);
    force = (a->force * pr->force_ratio + pr->force_bias) * mod * env * vary * c->ease;
  }
  const kn_region *reg = kn_atlas_region((size_t)a->region);
  double tx, ty;
  action_target(a, &tx, &ty);
  double ux = sin(a->direction), uy = cos(a->direction);
  double x = tx + along * ux - across * uy + pr->drift * c->smooth_x;
  double y = ty + along * uy + across * ux + pr->drift * c->smooth_y;
  x = kn_max(-0.5 * reg->width, kn_min(0.5 * reg->width, x));
  y = kn_max(-0.5 * reg->length, kn_min(0.5 * reg->length, y));
  c->region = a->region;
  c->x = x, c->y = y;
  c->area = a->area;
  c->radius = sqrt(a->area / KN_PI);
  c->force_rate = (force - c->prev_force) / dt;
  c->prev_force = force;
  if (force <= 0.0) {
    lift(c);
    return 0;
  }
  c->active = 1;
  c->force = force;
  c->p = force / a->area;
  c->t_contact += dt; /* the hand either carries the skin with it (friction, kneading) or slides
                         over oiled skin */
  if (kn_action_grips_skin(a->kind))
    c->shear = p->grip_friction * force;
  else if (a->speed > 0.0 && a->stroke_length > 0.0)
    c->shear = p->glide_friction * force;
  else
    c->shear = 0.0;

  /* a professional who sees pain eases off to just under the subject's threshold; the pain this
   * hand causes now is its pressure's, with the region's summation so far (not the after-pain of
   * earlier pressure, which easing off cannot take away) */
  if (pr->pain_delay >= 0.0 && !pp->device) { /* a device does not watch the face */
    int r = pp->region_local[a->region];
    kn_pain_dynamics pd = kn_pain_dynamics_of(p);
    double sum = st->pain[r].summation;
    double pain = kn_pain_summed_probability(&pp->pain[r], &pd, sum, c->p);
    if (pain > p->pain_probability_event) {
      c->t_pain += dt;
      if (c->t_pain >= pr->pain_delay) {
        /* just under the median threshold as summation has lowered it, where pain is less
         * likely than not (log-normal) */
        double target = p->pain_ease_target * kn_pain_median(pp->ppt_mean[r], pp->ppt_sd[r]) /
                        (1.0 + pd.gain * sum);
        c->ease *= kn_min(1.0, target / c->p);
        c->t_pain = 0.0;
        return 1;
      }
    } else {
      c->t_pain = 0.0;
    }
  }
  return 0;
}

KN_STAGE_SIZE_FROM_INIT(protocol)

void kn_protocol_init(const kn_protocol_params *p, kn_arena *a, kn_protocol_state *s,
                      kn_protocol_out *o) {
  s->contacts = kn_arena_take(a, (size_t)p->nslot, sizeof(kn_contact));
  o->contacts = s->contacts;
  o->eased = kn_arena_take(a, (size_t)p->nslot, sizeof(int));
  s->pain = kn_arena_take(a, (size_t)p->nregion, sizeof(kn_pain_state));
  o->region_pain = kn_arena_take(a, (size_t)p->nregion, sizeof(double));
}

void kn_protocol_reset(const kn_protocol_params *p, kn_protocol_state *s, kn_protocol_out *o) {
  kn_rng_seed(&s->rng, p->seed);
  s->vary = vary_coefs(p->par, p->dt);
  for (int k = 0; k < p->nslot; k++) {
    kn_contact *c = &s->contacts[k];
    *c = (kn_contact){0};
    c->action = -1;
    c->region = -1;
    c->cursor = p->slot_first[k];
    c->ease = 1.0;
    o->eased[k] = 0;
  }
  for (int r = 0; r < p->nregion; r++) {
    s->pain[r] = (kn_pain_state){0.0, 0.0, 0.0, 0.0};
    o->region_pain[r] = 0.0;
  }
}

int kn_protocol_step(const kn_protocol_params *p, const kn_protocol_in *in, kn_protocol_state *s,
                     kn_protocol_out *o, double dt) {
  (void)dt; /* the hands move on the session's step (p->dt) */
  double sum = 0.0;
  for (int k = 0; k < p->nslot; k++) {
    o->eased[k] = slot_step(p, in->t, s, k);
    sum += s->contacts[k].force + s->contacts[k].x + s->contacts[k].y;
  }
  return isfinite(sum) ? KN_OK : KN_ENONFINITE;
}

void kn_protocol_lift(const kn_protocol_params *p, kn_protocol_state *s) {
  for (int k = 0; k < p->nslot; k++) {
    kn_contact *c = &s->contacts[k];
    c->prev_force = c->force_rate = 0.0;
    lift(c);
  }
}

void kn_protocol_ischaemia_step(const kn_protocol_params *p, const kn_pain_in *in,
                                kn_protocol_state *s, double dt) {
  kn_pain_dynamics pd = kn_pain_dynamics_of(p->par);
  pd.isch_floor = kn_pain_ischaemic_floor(&pd); /* once for all regions */
  for (int r = 0; r < p->nregion; r++)
    kn_pain_ischaemia_step(&pd, in->muscle_flow[r], in->activation[r], dt, &s->pain[r]);
}

void kn_protocol_pain_step(const kn_protocol_params *p, kn_protocol_state *s, kn_protocol_out *o,
                           double dt) {
  kn_pain_dynamics pd = kn_pain_dynamics_of(p->par);
  double *peak = o->region_pain; /* first the hands' highest pressure on each region (Pa) */
  for (int r = 0; r < p->nregion; r++)
    peak[r] = 0.0;
  for (int k = 0; k < p->nslot; k++) {
    const kn_contact *c = &s->contacts[k];
    if (!c->active || c->region < 0) continue;
    int r = p->region_local[c->region];
    if (r >= 0 && c->p > peak[r]) peak[r] = c->p;
  }
  for (int r = 0; r < p->nregion; r++) { /* then the pain it leaves, with the muscle's ischaemia */
    kn_pain_state_step(&p->pain[r], &pd, peak[r], dt, &s->pain[r]);
    o->region_pain[r] = s->pain[r].felt;
  }
}
