/* The neuromuscular engine: for every simulated muscle, a motor-unit pool driven by the stretch
 * reflex (spindle Ia with its delay), autogenic inhibition (tendon organ Ib), reciprocal inhibition
 * from the antagonist, the inhibition of pressure on the muscle, voluntary drive and electrical
 * stimulation; Hill force; and joint dynamics that turn forces into lengths. Involuntary
 * contractions are found in the force and classified when they end, with clinical definitions, as
 * clonic spasm, tonic spasm, cramp or (briefer) a normal reflex response. */
#include <math.h>
#include <string.h>

#include "core/units.h"
#include "sim/sim_internal.h"
#include "neuromuscular/muscle_params.h"

/* ---- choosing the muscles ----------------------------------------------------------------------
 */

/* The muscle an action is about, or -1. */
static int action_muscle(const kn_action *a) {
  return a->muscle;
}

static void mark(unsigned char *marks, int muscle) {
  if (muscle >= 0 && kn_muscle_mech_find(kn_atlas_muscle((size_t)muscle)->name)) marks[muscle] = 1;
}

/* Marks the atlas muscles to simulate: those in regions that strokes reach, those that actions name
 * (heat: every muscle of its region), and the antagonists of all of them. Returns how many. */
int kn_nm_select(const kn_session *s, const unsigned char *touched, unsigned char *marks) {
  size_t nm = kn_atlas_muscle_count();
  memset(marks, 0, nm);
  for (size_t i = 0; i < nm; i++)
    if (touched[kn_atlas_muscle(i)->region]) mark(marks, (int)i);
  for (size_t k = 0; k < s->naction; k++) {
    const kn_action *a = &s->actions[k];
    if (kn_action_is_stroke(a->kind)) continue;
    mark(marks, action_muscle(a));
    if (a->kind == KN_ACT_HEAT && a->region >= 0)
      for (size_t i = 0; i < nm; i++)
        if (kn_atlas_muscle(i)->region == a->region) mark(marks, (int)i);
  }
  for (size_t i = 0; i < nm; i++) {
    if (!marks[i]) continue;
    const kn_muscle_mech *mm = kn_muscle_mech_find(kn_atlas_muscle(i)->name);
    if (mm->antagonist) mark(marks, kn_atlas_find_muscle(mm->antagonist));
  }
  int n = 0;
  for (size_t i = 0; i < nm; i++)
    n += marks[i];
  return n;
}

/* ---- the subject's cramp threshold frequency
 * ----------------------------------------------------- */

/* Cramp threshold frequency (Hz) of the subject's calf at the start: from the cramp history
 * (miller_knight2009: cramp-prone 14.9 Hz, never 25.5 Hz; four or more cramps a month taken as
 * cramp-prone, calibrated), shifted by recent exertion (lab: fatigue raises it, stone_fatigue) and
 * by dehydration (lab: no effect, braulick2013; 'field' hypothesis: lowers it) and raised by cramp
 * training. */
static double subject_ctf(const kn_model *m) {
  const kn_params *p = &m->par;
  const kn_subject *s = &m->subject;
  double history = fmin(1.0, s->cramps_per_month / 4.0);
  double ctf = p->nm_ctf_never - history * (p->nm_ctf_never - p->nm_ctf_prone);
  if (m->session.hypothesis_fatigue == KN_HYP_FIELD)
    ctf -= 0.5 * p->nm_ctf_fatigue * s->exertion; /* field: fatigue as a cause (illustrative) */
  else
    ctf += p->nm_ctf_fatigue * s->exertion;
  double per_pct = m->session.hypothesis_dehydration == KN_HYP_FIELD ? p->nm_ctf_dehydration_field
                                                                     : p->nm_ctf_dehydration;
  ctf += per_pct * 100.0 * s->hypohydration;
  if (s->cramp_training) ctf += p->nm_ctf_training; /* behringer_cramp_training */
  return fmax(ctf, 4.0);
}

/* Posture: resting joint angles (rad). Lying prone the foot rests plantarflexed (calf short);
 * supine it falls less; seated knees and hips flexed (calibrated: usual positions on a massage
 * table). */
static void posture_angles(kn_posture p, double *rest) {
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    rest[j] = 0.0;
  switch (p) {
  case KN_POSTURE_PRONE:
    rest[KN_JOINT_ANKLE] = 0.5;
    break;
  case KN_POSTURE_SUPINE:
    rest[KN_JOINT_ANKLE] = 0.35, rest[KN_JOINT_KNEE] = 0.1;
    break;
  case KN_POSTURE_SEATED:
    rest[KN_JOINT_KNEE] = 1.57, rest[KN_JOINT_HIP] = 1.57, rest[KN_JOINT_ELBOW] = 1.2;
    break;
  case KN_POSTURE_SIDE_LYING:
    rest[KN_JOINT_ANKLE] = 0.3, rest[KN_JOINT_KNEE] = 0.5, rest[KN_JOINT_HIP] = 0.5;
    break;
  default:
    break;
  }
}

/* Fills the engine's model part (arrays laid out by the caller). marks from kn_nm_select. */
void kn_nm_model_init(kn_model *m, const unsigned char *marks) {
  kn_nm_model *nm = &m->nm;
  kn_hill_params_from(&m->par, &nm->hill);
  double ctf0 = subject_ctf(m);
  int k = 0;
  memset(nm->joint_used, 0, sizeof nm->joint_used);
  int max_delay = 1;
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    if (!marks[i]) continue;
    kn_nm_muscle *mu = &nm->muscles[k++];
    mu->atlas = (int)i;
    mu->mech = kn_muscle_mech_find(kn_atlas_muscle(i)->name);
    mu->tissue = -1;
    for (int t = 0; t < m->nmuscle; t++)
      if (m->muscles[t] == (int)i) mu->tissue = t;
    const kn_joint_mech *jm = &kn_joint_mech_table[mu->mech->joint];
    /* the loop: afferent conduction to the cord and efferent back, each the one-way delay */
    mu->delay_steps = (int)lround(2.0 * jm->delay / m->session.dt);
    if (mu->delay_steps < 1) mu->delay_steps = 1;
    /* room for the loop to slow by half in cooled tissue (conduction's Q10) */
    int longest = (int)ceil(1.5 * mu->delay_steps) + 1;
    if (longest > max_delay) max_delay = longest;
    nm->joint_used[mu->mech->joint] = 1;
    /* less susceptible muscles need a higher stimulation rate to cramp (manjra1996 ranking) */
    mu->ctf = ctf0 / mu->mech->cramp;
    kn_pool_params_from(&m->par, &mu->pool);
    mu->pool.pic_on_rate = mu->ctf;
    mu->pool.pic_drive = m->par.nm_pic_drive;
    mu->pool.pic_hysteresis = m->par.nm_pic_hysteresis * m->par.nm_pic_drive;
  }
  nm->nmuscle = k;
  nm->ring = max_delay;
  for (int a = 0; a < nm->nmuscle; a++) {
    nm->muscles[a].antagonist = -1;
    const char *ant = nm->muscles[a].mech->antagonist;
    for (int b = 0; ant && b < nm->nmuscle; b++)
      if (!strcmp(kn_atlas_muscle((size_t)nm->muscles[b].atlas)->name, ant))
        nm->muscles[a].antagonist = b;
  }
  posture_angles(KN_POSTURE_PRONE, nm->rest0);
  nm->nother = 0;
  for (size_t i = 0; i < m->session.naction; i++)
    if (!kn_action_is_stroke(m->session.actions[i].kind)) nm->other[nm->nother++] = (int)i;
  int maxn = 1;
  for (int a = 0; a < nm->nmuscle; a++)
    if (nm->muscles[a].pool.n > maxn) maxn = nm->muscles[a].pool.n;
  nm->pool_bytes = kn_pool_size(maxn);
  nm->spasm_capacity = 1024;
  /* exact first-order steps of the massage inhibition's rise and fall */
  nm->k_rise = 1.0 - exp(-m->session.dt / m->par.nm_inhibition_rise);
  nm->k_fall = 1.0 - exp(-m->session.dt / m->par.nm_inhibition_fall);
}

/* ---- data -------------------------------------------------------------------------------------
 */

void kn_nm_data_layout(const kn_model *m, kn_data *d, kn_arena *a) {
  const kn_nm_model *nm = &m->nm;
  size_t n = (size_t)nm->nmuscle;
  d->nm = kn_arena_take(a, n, sizeof(kn_nm_state));
  d->nm_out = kn_arena_take(a, n, sizeof(kn_nm_outcome));
  d->spasms = kn_arena_take(a, (size_t)nm->spasm_capacity, sizeof(kn_spasm));
  for (size_t i = 0; i < n; i++) {
    void *pool = kn_arena_take(a, nm->pool_bytes, 1);
    double *ia = kn_arena_take(a, (size_t)nm->ring, sizeof(double));
    double *ib = kn_arena_take(a, (size_t)nm->ring, sizeof(double));
    if (a->base) {
      d->nm[i].pool = (kn_pool *)pool; /* initialised by kn_nm_reset */
      d->nm[i].ia_ring = ia;
      d->nm[i].ib_ring = ib;
    }
  }
}

/* Normalised length and lengthening velocity of a muscle from its joint. */
static void muscle_kinematics(const kn_model *m, const kn_nm_muscle *mu, const kn_nm_joints *j,
                              double *L, double *V) {
  const kn_muscle_mech *mm = mu->mech;
  double share = m->par.nm_fibre_share / mm->l_opt;
  *L = 1.0 + mm->sign * mm->arm * (j->theta[mm->joint] - mm->angle_opt) * share;
  *V = mm->sign * mm->arm * j->omega[mm->joint] * share;
}

/* Ia discharge (1/s) from fibre stretch beyond optimal length and its velocity (prochazka). */
static double spindle(const kn_model *m, const kn_nm_muscle *mu, double L, double V, double temp) {
  const kn_params *p = &m->par;
  double lmm = mu->mech->l_opt / KN_MM;
  double v = V * lmm, x = (L - 1.0) * lmm;
  double rate =
      p->nm_ia_base + p->nm_ia_kv * copysign(pow(fabs(v), p->nm_ia_exponent), v) + p->nm_ia_kx * x;
  rate *= 1.0 + p->nm_spindle_per_degc * (temp - 37.0);
  return rate > 0.0 ? rate : 0.0;
}

void kn_nm_reset(const kn_model *m, kn_data *d) {
  const kn_nm_model *nm = &m->nm;
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    d->joints.fixed[j] = 0;
    d->joints.theta[j] = d->joints.rest[j] = nm->rest0[j];
    d->joints.omega[j] = d->joints.torque[j] = 0.0;
  }
  for (int i = 0; i < nm->nmuscle; i++) {
    const kn_nm_muscle *mu = &nm->muscles[i];
    kn_nm_state *s = &d->nm[i];
    kn_pool *pool = s->pool;
    double *ia = s->ia_ring, *ib = s->ib_ring;
    memset(s, 0, sizeof *s);
    s->pool = kn_pool_init(pool, nm->pool_bytes, &mu->pool, m->session.dt,
                           m->session.seed * 1000003u + (uint64_t)i);
    s->ia_ring = ia;
    s->ib_ring = ib;
    s->temperature = s->scale_temperature = 37.0;
    s->twitch_scale = 1.0;
    s->delay_now = mu->delay_steps;
    s->t_last_cramp = -INFINITY;
    s->t_stim_end = -INFINITY;
    s->t_effort_end = -INFINITY;
    s->t_percussion_end = -INFINITY;
    muscle_kinematics(m, mu, &d->joints, &s->L, &s->V);
    double rest_ia = spindle(m, mu, s->L, 0.0, 37.0);
    for (int r = 0; r < nm->ring; r++)
      ia[r] = rest_ia, ib[r] = 0.0;
    s->ia = rest_ia;
    d->nm_out[i] = (kn_nm_outcome){.muscle = mu->atlas,
                                   .hreflex_ratio = 1.0,
                                   .cramp_threshold = mu->ctf,
                                   .evidence = KN_EVIDENCE_EXPERT};
  }
  d->nspasm = 0;
  d->ring_head = 0;
}

/* ---- one step
 * ------------------------------------------------------------------------------------ */

/* What the non-stroke actions do right now: posture, stretch targets, voluntary drive, stimulation,
 * heat and drinks. */
typedef struct nm_orders {
  int held[KN_JOINT_COUNT];      /* 1 if a hand holds the joint (stretch, isometric effort) */
  double target[KN_JOINT_COUNT]; /* rad, where the hand holds it */
  int action;                    /* a non-stroke action in progress, -1 if none */
} nm_orders;

static void read_orders(const kn_model *m, kn_data *d, nm_orders *o) {
  const kn_nm_model *nm = &m->nm;
  double t = d->t, dt = m->session.dt;
  memset(o, 0, sizeof *o);
  o->action = -1;
  memset(d->joint_effort, 0, sizeof d->joint_effort);
  for (int i = 0; i < nm->nmuscle; i++) {
    d->nm[i].e_vol_target = -1.0;
    d->nm[i].stim_on = 0;
  }
  for (int k = 0; k < nm->nother; k++) {
    int ai = nm->other[k];
    const kn_action *a = &m->session.actions[ai];
    if (t < m->action_start[ai]) break; /* in order of the file, which is in order of time */
    if (a->kind == KN_ACT_POSTURE && t < m->action_start[ai] + dt) {
      /* the practitioner places the limbs: joints go to the posture's angles at once */
      posture_angles(a->posture, d->joints.rest);
      for (int j = 0; j < KN_JOINT_COUNT; j++) {
        /* an angle given explicitly is kept by the support (bolster, strap, the examiner) */
        d->joints.fixed[j] = !isnan(a->joint[j]);
        if (d->joints.fixed[j]) d->joints.rest[j] = a->joint[j];
        d->joints.theta[j] = d->joints.hold[j] = d->joints.rest[j];
        d->joints.omega[j] = 0.0;
      }
    }
    if (a->kind == KN_ACT_DRINK && t < m->action_start[ai] + dt) {
      /* lau2019: after dehydration, water lowers and an electrolyte drink raises the threshold */
      if (m->subject.hypohydration >= 0.02)
        d->ctf_shift +=
            a->fluid == KN_FLUID_WATER ? m->par.nm_ctf_water : m->par.nm_ctf_electrolyte;
    }
    double tau;
    int rep;
    if (!kn_action_active(m, ai, t, &tau, &rep)) continue;
    o->action = ai;
    for (int i = 0; i < nm->nmuscle; i++) {
      const kn_nm_muscle *mu = &nm->muscles[i];
      kn_nm_state *s = &d->nm[i];
      if (a->muscle != mu->atlas) continue;
      if (a->kind == KN_ACT_VOLUNTARY) { /* isometric: the examiner holds the joint where it is */
        s->e_vol_target = a->level;
        kn_joint j = mu->mech->joint;
        d->joint_effort[j] = 1;
        if (!o->held[j]) {
          o->held[j] = 1;
          o->target[j] = d->joints.hold[j];
        }
      }
      if (a->kind == KN_ACT_STIMULATION) {
        s->stim_on = 1;
        s->stim_rate = a->frequency + rep * a->frequency_step;
        s->stim_fraction = a->fraction;
      }
      if (a->kind == KN_ACT_STRETCH) {
        kn_joint j = mu->mech->joint;
        o->held[j] = 1;
        o->target[j] = d->joints.rest[j] + mu->mech->sign * a->angle;
      }
    }
  }
}

/* Joint dynamics: muscle torques of the last step, the passive joint and its support, and a
 * practitioner's hand holding a stretch (a stiff spring-damper). Semi-implicit Euler. */
static void joints_step(const kn_model *m, kn_data *d, const nm_orders *o) {
  double dt = m->session.dt;
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    if (!m->nm.joint_used[j]) continue;
    const kn_joint_mech *jm = &kn_joint_mech_table[j];
    double th = d->joints.theta[j], om = d->joints.omega[j];
    if (o->held[j]) {
      /* a hand places the joint: it follows the target with a 50 ms lag, whatever the muscles
       * do (an exact first-order step, stable at any time step) */
      double th1 = o->target[j] + (th - o->target[j]) * exp(-dt / 0.05);
      d->joints.omega[j] = (th1 - th) / dt;
      d->joints.theta[j] = th1;
      d->joints.torque[j] = 0.0;
      continue;
    }
    d->joints.hold[j] = th; /* where a hand would grasp it */
    /* springs toward the resting angle: the joint's own, plus the support (bolster, strap) where
     * a posture set the angle; stiff end stops beyond the range of motion */
    double k = jm->stiffness * (d->joints.fixed[j] ? m->par.nm_support_stiffness : 1.0);
    double b = jm->damping + (d->joints.fixed[j] ? 2.0 * sqrt(0.1 * k * jm->inertia) : 0.0);
    double target = d->joints.rest[j];
    if (th < jm->lo || th > jm->hi) {
      double stop = th < jm->lo ? jm->lo : jm->hi;
      double ks = 200.0 * jm->stiffness;
      target = (k * target + ks * stop) / (k + ks);
      k += ks;
      b += 2.0 * sqrt(ks * jm->inertia);
    }
    /* implicit in the spring and damper (stable for any stiffness), explicit in the muscles */
    double I = jm->inertia;
    om = (om + dt * (d->joints.torque[j] - k * (th - target)) / I) /
         (1.0 + dt * b / I + dt * dt * k / I);
    d->joints.omega[j] = om;
    d->joints.theta[j] = th + dt * om;
    d->joints.torque[j] = 0.0;
  }
}

/* Excitation removed by pressure p (Pa) on the muscle belly: saturating in p. */
static double massage_inhibition(const kn_params *p, double pressure) {
  return pressure > 0.0 ? p->nm_massage_inhibition * pressure / (pressure + p->nm_massage_p50)
                        : 0.0;
}

static const char *trigger_of(const kn_model *m, const kn_data *d, int i, int action, double tap) {
  const kn_nm_state *s = &d->nm[i];
  /* a spasm that starts within seconds of an effort or a stimulation train follows from it */
  const kn_params *p = &m->par;
  if (d->t - s->t_effort_end < p->nm_trigger_window)
    return s->effort_kind == KN_ACT_STIMULATION ? "after electrical stimulation"
                                                : "after a voluntary contraction";
  /* percussion drives the pool one reflex volley per tap, like a stimulation train: a spasm that
   * shows within seconds of it was set going during it */
  if (d->t - s->t_percussion_end < p->nm_trigger_window) return "after percussion";
  if (action < 0) return "spontaneous";
  switch (m->session.actions[action].kind) {
  case KN_ACT_VOLUNTARY:
    return "voluntary contraction";
  case KN_ACT_STIMULATION:
    return "electrical stimulation";
  case KN_ACT_STRETCH:
    return "stretch";
  case KN_ACT_HEAT:
    return "heat";
  default:
    break;
  }
  return tap > 0.5 ? "abrupt stroke" : "massage stroke";
}

static void push_spasm(const kn_model *m, kn_data *d, int i, kn_spasm_kind kind, double freq) {
  kn_nm_state *s = &d->nm[i];
  const kn_nm_muscle *mu = &m->nm.muscles[i];
  s->nspasm++;
  d->nm_out[i].nspasm = s->nspasm;
  if (kind == KN_SPASM_CRAMP) s->t_last_cramp = s->sp_last_above;
  if (d->nspasm >= m->nm.spasm_capacity) return;
  kn_spasm *sp = &d->spasms[d->nspasm++];
  *sp = (kn_spasm){kind,
                   mu->atlas,
                   s->sp_start,
                   s->sp_last_above,
                   s->sp_peak_force,
                   s->sp_peak,
                   freq,
                   s->sp_beats.count,
                   s->sp_rate_n ? s->sp_rate_sum / s->sp_rate_n : 0.0,
                   s->sp_action,
                   s->sp_trigger,
                   KN_EVIDENCE_EXPERT};
  static const kn_event_kind ev[] = {KN_EV_CLONIC_SPASM, KN_EV_TONIC_SPASM, KN_EV_CRAMP};
  kn_event_at(d, ev[kind], KN_SITE_MUSCLE, mu->atlas, s->sp_action, s->sp_start, s->sp_last_above,
              s->sp_peak, "fraction of maximum", KN_EVIDENCE_EXPERT);
}

/* 1 if percussion (tapotement) is now working on the muscle's region. */
static int percussed(const kn_model *m, const kn_data *d, const kn_nm_muscle *mu) {
  int region = kn_atlas_muscle((size_t)mu->atlas)->region;
  for (int k = 0; k < m->nslot; k++) {
    const kn_contact *c = &d->contacts[k];
    if (c->action >= 0 && c->region == region &&
        m->session.actions[c->action].kind == KN_ACT_TAPOTEMENT)
      return 1;
  }
  return 0;
}

/* Rate (Hz) of the percussion that is action `action`, 0 if it is no percussion. */
static double percussion_rate(const kn_model *m, int action) {
  if (action < 0) return 0.0;
  const kn_action *a = &m->session.actions[action];
  return a->kind == KN_ACT_TAPOTEMENT ? a->rate : 0.0;
}

/* Counts an episode too brief, weak or few-beated to be a spasm: a normal reflex response. */
static void push_reflex_response(const kn_model *m, kn_data *d, int i) {
  const kn_nm_state *s = &d->nm[i];
  kn_nm_outcome *out = &d->nm_out[i];
  double dur = s->sp_last_above - s->sp_start;
  out->reflex_responses++;
  if (dur > out->reflex_longest) out->reflex_longest = dur;
  if (s->sp_peak > out->reflex_peak) out->reflex_peak = s->sp_peak;
  if (s->sp_peak_force > out->reflex_peak_force) out->reflex_peak_force = s->sp_peak_force;
  kn_event_at(d, KN_EV_REFLEX_RESPONSE, KN_SITE_MUSCLE, m->nm.muscles[i].atlas, s->sp_action,
              s->sp_start, s->sp_last_above, s->sp_peak, "fraction of maximum", KN_EVIDENCE_EXPERT);
}

void kn_nm_beats_start(kn_nm_beats *b, double t, double invol) {
  *b = (kn_nm_beats){.count = 1, .localmax = invol, .trough = invol, .first = t, .last = t};
}

void kn_nm_beats_step(const kn_params *p, kn_nm_beats *b, double t, double invol) {
  if (invol > b->localmax) b->localmax = invol;
  if (!b->armed && invol <= (1.0 - p->nm_beat_fall) * b->localmax) {
    b->armed = 1;
    b->trough = invol;
  } else if (b->armed) {
    if (invol < b->trough) b->trough = invol;
    if (invol >= p->nm_spasm_force && invol - b->trough >= p->nm_beat_rise * invol) {
      b->count++;
      b->last = t;
      b->armed = 0;
      b->localmax = invol;
    }
  }
}

/* Clinical definitions: a clonic spasm is sustained clonus, >= nm_clonus_beats beats at 2-10 Hz not
 * paced by percussion (degowin1987); a cramp is strong, long and self-sustained (minetto2009); a
 * tonic spasm is sustained for seconds (nm_tonic_duration), or for a second when strong. Anything
 * less (unsustained clonus, a brief or weak contraction) is a normal reflex response (lance1980,
 * yeo1998). */
int kn_nm_episode_kind(const kn_params *p, const kn_nm_episode *e, double *freq) {
  double span = e->beats.last - e->beats.first;
  *freq = e->beats.count >= p->nm_beat_count_min && span > 0.0 ? (e->beats.count - 1) / span : 0.0;
  int oscillates = *freq >= p->nm_clonus_freq_min && *freq <= p->nm_clonus_freq_max;
  /* twitches locked to percussion are the muscle following the taps, not a clonus */
  if (oscillates && e->percussion_rate > 0.0 &&
      fabs(*freq - e->percussion_rate) <= p->nm_percussion_lock * e->percussion_rate)
    return KN_NM_REFLEX_RESPONSE;
  if (oscillates && e->beats.count >= p->nm_clonus_beats) return KN_SPASM_CLONIC;
  if (e->duration >= p->nm_cramp_duration && e->peak >= p->nm_cramp_force && e->self_sustained)
    return KN_SPASM_CRAMP;
  if (e->duration >= p->nm_tonic_duration ||
      (e->duration >= p->nm_tonic_strong_duration && e->peak >= p->nm_tonic_strong_force))
    return KN_SPASM_TONIC;
  return KN_NM_REFLEX_RESPONSE;
}

/* 1 if the muscle's episode has become self-sustained: a cramp's discharge. */
static int self_sustained(const kn_model *m, const kn_nm_state *s, int i) {
  return s->sp_npic >= m->par.nm_cramp_pic_share * m->nm.muscles[i].pool.n;
}

/* Classifies an episode that has ended: a spasm or cramp, else a reflex response. */
static void classify_spasm(const kn_model *m, kn_data *d, int i) {
  kn_nm_state *s = &d->nm[i];
  s->in_spasm = 0;
  kn_nm_episode e = {s->sp_last_above - s->sp_start, s->sp_peak, s->sp_beats,
                     percussion_rate(m, s->sp_action), self_sustained(m, s, i)};
  double freq;
  int kind = kn_nm_episode_kind(&m->par, &e, &freq);
  if (kind == KN_NM_REFLEX_RESPONSE)
    push_reflex_response(m, d, i);
  else
    push_spasm(m, d, i, (kn_spasm_kind)kind, kind == KN_SPASM_CLONIC ? freq : 0.0);
}

/* Finds involuntary contractions in the force and classifies each when it ends. A self-sustained
 * episode (a cramp's discharge) lasts while units with their persistent inward currents on still
 * fire, even when massage pushes its force below the threshold for a while. */
static void detect_spasm(const kn_model *m, kn_data *d, int i, double invol, double tap) {
  const kn_params *p = &m->par;
  kn_nm_state *s = &d->nm[i];
  double t = d->t, on = p->nm_spasm_force;
  if (!s->in_spasm) {
    if (invol < on) return;
    s->in_spasm = 1;
    s->sp_start = s->sp_last_above = t;
    s->sp_peak = invol;
    s->sp_peak_force = s->force;
    kn_nm_beats_start(&s->sp_beats, t, invol);
    s->sp_rate_sum = 0.0;
    s->sp_rate_n = 0;
    s->sp_npic = s->out.npic;
    s->sp_action = kn_data_current_action(m, d);
    if (s->sp_action < 0) s->sp_action = d->nm_action;
    s->sp_trigger = trigger_of(m, d, i, s->sp_action, tap);
    return;
  }
  if (invol > s->sp_peak) s->sp_peak = invol;
  if (s->out.nfiring > 0) s->sp_rate_sum += s->out.mean_rate, s->sp_rate_n++;
  if (invol >= on) s->sp_last_above = t;
  kn_nm_beats_step(p, &s->sp_beats, t, invol);
  if (invol >= 0.5 * on || t - s->sp_last_above < p->nm_episode_gap) return;
  if (self_sustained(m, s, i) && s->out.npic > 0) return; /* the cramp's discharge goes on */
  classify_spasm(m, d, i);                                /* it has ended */
}

/* Twitch force of all units with threshold <= e, in units of the first unit's: thresholds are
 * RR^(i/(n-1)) and twitch forces RP^(i/(n-1)) (src/neuromuscular/pool.c), so the sum is a geometric
 * series and costs O(1). */
static double recruited_force(const kn_pool_params *pp, double e) {
  if (e < 1.0) return 0.0;
  int n = pp->n;
  double k = floor((n - 1) * log(e) / log(pp->rr)); /* last recruited unit */
  if (k > n - 1) k = n - 1;
  double q = pow(pp->rp, 1.0 / (n - 1));
  return (pow(q, k + 1.0) - 1.0) / (q - 1.0);
}

/* H-reflex amplitude with inhibition `inh` relative to none: the twitch force of the units a
 * standard Ia volley recruits, one that recruits 30 % of the pool's twitch force at rest. */
double kn_nm_hreflex_ratio(const kn_pool_params *pp, double tone, double inh) {
  double total = recruited_force(pp, pp->rr);
  /* the volley's reach: threshold below which 30 % of the twitch force lies */
  double q = pow(pp->rp, 1.0 / (pp->n - 1));
  double k = ceil(log(1.0 + 0.3 * total * (q - 1.0)) / log(q)) - 1.0;
  double reach = pow(pp->rr, k / (pp->n - 1));
  double rest = recruited_force(pp, reach);
  (void)tone; /* the volley is set relative to the resting state, so tone cancels */
  return rest > 0.0 ? recruited_force(pp, reach - inh) / rest : 1.0;
}

void kn_nm_step(const kn_model *m, kn_data *d) {
  const kn_nm_model *nm = &m->nm;
  const kn_params *p = &m->par;
  double dt = m->session.dt, t = d->t;
  nm_orders o;
  read_orders(m, d, &o);
  d->nm_action = o.action;
  joints_step(m, d, &o);
  int head = d->ring_head;
  for (int i = 0; i < nm->nmuscle; i++) {
    const kn_nm_muscle *mu = &nm->muscles[i];
    const kn_muscle_mech *mm = mu->mech;
    kn_nm_state *s = &d->nm[i];

    /* temperature from the circulation (heat, fever), as a change from rest: the reflex and
     * twitch parameters are those of resting muscle, taken here as 37 degC */
    s->temperature =
        37.0 + kn_circ_muscle_temperature(m, d, i) - (p->circ_muscle_temp_rest + 273.15);

    /* lengths, and the local strain of a stroke pressing on the belly */
    double pressure = mu->tissue >= 0 ? d->muscle_p[mu->tissue] : 0.0;
    double tap = p->nm_tap_gain * fmax(0.0, (pressure - s->p_prev) / dt);
    s->p_prev = pressure;
    muscle_kinematics(m, mu, &d->joints, &s->L, &s->V);
    s->ia = spindle(m, mu, s->L, s->V + tap, s->temperature);
    s->ib = p->nm_ib_gain * (s->force / mm->f_max) *
            (1.0 + p->nm_spindle_per_degc * (s->temperature - 37.0));
    s->ia_ring[head] = s->ia;
    s->ib_ring[head] = s->ib;
    int back = (head - s->delay_now + nm->ring) % nm->ring;
    double ia_d = s->ia_ring[back], ib_d = s->ib_ring[back];
    double ia_rest = p->nm_ia_base;
    double ri = 0.0;
    if (mu->antagonist >= 0) {
      const kn_nm_state *an = &d->nm[mu->antagonist];
      ri = fmax(0.0, an->ia_ring[back] - ia_rest);
    }

    /* excitation: resting tone (higher in cramp-prone muscles), reflexes, massage, will */
    double tone = p->nm_tone + p->nm_excitability_per_hz * (p->nm_ctf_never - mu->ctf);
    /* massage inhibition follows the pressure with a lag: it builds under sustained strokes and
     * vanishes within a fraction of a second when they stop */
    double want = massage_inhibition(p, pressure);
    s->inhibition += (want - s->inhibition) * (want > s->inhibition ? nm->k_rise : nm->k_fall);
    if (s->inhibition < 1e-6) s->inhibition = 0.0; /* gone: no denormal tail */
    if (s->e_vol_target >= 0.0) { /* voluntary force control: drive follows the force error */
      if (s->e_vol <= 0.0) s->e_vol = s->e_vol_target * kn_pool_excitation_max(s->pool);
      s->e_vol += dt * 20.0 * (s->e_vol_target - s->frac) * kn_pool_excitation_max(s->pool);
      s->e_vol = fmax(0.0, fmin(s->e_vol, 1.5 * kn_pool_excitation_max(s->pool)));
    } else {
      s->e_vol = 0.0;
    }
    /* cramp discharge fades: an adaptation grows while the self-sustaining units' PICs are on and
     * ends their plateaus after some 20 s (minetto2009); stretch beyond optimal length inhibits
     * (bertolasi1993) */
    /* it builds while any PIC is on (until it has switched them all off) and wears off slowly
     * afterwards, so a muscle falls quiet after a cramp and can cramp again minutes later */
    double goal = s->out.npic > 0 ? 1.0 : 0.0;
    double tau_a = goal > s->adapt ? p->nm_cramp_decay : p->nm_cramp_recovery;
    s->adapt += (goal - s->adapt) * dt / tau_a;
    double lengthened = p->nm_stretch_inhibition * fmax(0.0, s->L - 1.0);
    double fade = s->adapt * 1.2 * (mu->pool.pic_drive + mu->pool.pic_hysteresis);
    s->e = tone + s->e_vol + p->nm_gain_ia * (ia_d - ia_rest) - p->nm_gain_ib * ib_d -
           p->nm_gain_ri * ri - s->inhibition - lengthened - fade;
    if (s->out.npic > s->sp_npic) s->sp_npic = s->out.npic;

    /* cramp threshold frequency now: drinks, and a recent cramp (miller2017) */
    double ctf = mu->ctf + d->ctf_shift;
    /* raised interstitial potassium depolarises the terminals: cramps come at a lower rate, and
     * blood flow washing it out reverses that (noble2019) */
    ctf -=
        p->circ_potassium_ctf * fmax(0.0, d->circ_muscle[i].potassium - m->subject.serum_potassium);
    if (t - s->t_last_cramp < p->nm_ctf_after_cramp_time) ctf += p->nm_ctf_after_cramp;
    kn_pool_set_pic_rate(s->pool, fmax(4.0, ctf));

    if (fabs(s->temperature - s->scale_temperature) > 1e-3) { /* Q10: only when it changed */
      s->scale_temperature = s->temperature;
      s->twitch_scale = pow(p->nm_q10_twitch, (37.0 - s->temperature) / 10.0);
      /* conduction speeds up with warmth: the reflex loop's delay shortens (cooler: lengthens,
       * within the ring) */
      double steps = mu->delay_steps * pow(p->nm_q10_conduction, (37.0 - s->temperature) / 10.0);
      s->delay_now = (int)fmin(fmax(1.0, round(steps)), nm->ring - 1);
    }
    kn_pool_input in = {s->e, 0.0, s->twitch_scale};
    if (s->stim_on) {
      s->stim_phase += s->stim_rate * dt;
      if (s->stim_phase >= 1.0) {
        /* a pulse fires the motor axons it reaches (largest first) and, through the Ia afferents
         * it also excites, reflexly recruits the smallest units: an H-reflex volley */
        s->stim_phase -= floor(s->stim_phase);
        in.stim_fraction = s->stim_fraction;
        int top = (int)(s->stim_fraction * (kn_pool_units(s->pool) - 1));
        in.excitation = fmax(in.excitation, kn_pool_threshold(s->pool, top) + 0.01);
      }
    } else {
      s->stim_phase = 1.0; /* the first pulse of the next train comes at once */
    }
    kn_pool_step(s->pool, &in, &s->out);
    s->frac = s->out.force;
    double active = s->out.force * kn_hill_fl(&nm->hill, s->L) * kn_hill_fv(&nm->hill, s->V);
    s->force = mm->f_max * (active + kn_hill_passive(&nm->hill, s->L));
    d->joints.torque[mm->joint] -= mm->sign * mm->arm * s->force;

    /* outcomes: relaxation, tone, spasms */
    kn_nm_outcome *out = &d->nm_out[i];
    if (s->force > out->force_peak) out->force_peak = s->force;
    if (s->inhibition > 1e-3) {
      out->inhibited_time += dt;
      /* the H-reflex falls monotonically with inhibition: only a new deepest inhibition changes
       * the lowest ratio */
      if (s->inhibition > s->inhibition_max) {
        s->inhibition_max = s->inhibition;
        out->hreflex_ratio = kn_nm_hreflex_ratio(&mu->pool, tone, s->inhibition);
      }
    } else if (s->e_vol <= 0.0 && !s->stim_on) {
      s->rest_force_sum += s->force * dt;
      s->rest_time += dt;
      out->rest_force = s->rest_force_sum / s->rest_time;
    }
    /* what the subject does not will: force beyond the voluntary target. Evoked force during a
     * stimulation train, and while the stimulated high-threshold units still sustain, does not
     * count */
    if (s->stim_on || s->e_vol_target >= 0.0) {
      s->t_effort_end = t;
      s->effort_kind = s->stim_on ? KN_ACT_STIMULATION : KN_ACT_VOLUNTARY;
    }
    if (s->stim_on) s->t_stim_end = t;
    /* co-contraction of muscles at a joint the subject is working: part of the effort */
    if (d->joint_effort[mm->joint] && s->e_vol_target < 0.0) s->t_stim_end = t;
    if (percussed(m, d, mu)) /* twitches in time with the taps: not spasms */
      s->t_stim_end = s->t_percussion_end = t;
    int evoked = s->stim_on || t - s->t_stim_end < mu->pool.pic_sustain_high + 0.3;
    int tail = s->e_vol_target < 0.0 && t - s->t_effort_end < 0.5; /* relaxing after an effort */
    double invol =
        evoked || tail ? 0.0 : s->frac - (s->e_vol_target >= 0.0 ? s->e_vol_target + 0.05 : 0.0);
    if (s->in_spasm && s->force > s->sp_peak_force) s->sp_peak_force = s->force;
    detect_spasm(m, d, i, invol, tap);
  }
  d->ring_head = (head + 1) % nm->ring;
}

/* Closes spasms still going at the end of the simulation. */
void kn_nm_finish(const kn_model *m, kn_data *d) {
  for (int i = 0; i < m->nm.nmuscle; i++) {
    kn_nm_state *s = &d->nm[i];
    if (!s->in_spasm) continue;
    s->sp_last_above = d->t;
    classify_spasm(m, d, i);
  }
}

int kn_nm_quiet(const kn_model *m, const kn_data *d) {
  for (int i = 0; i < m->nm.nmuscle; i++)
    if (d->nm[i].out.nfiring > 0 || d->nm[i].in_spasm || d->nm[i].stim_on) return 0;
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    if (m->nm.joint_used[j] && fabs(d->joints.omega[j]) > 1e-3) return 0;
  return 1;
}

const char *kn_spasm_kind_name(kn_spasm_kind k) {
  static const char *const names[] = {"clonic spasm", "tonic spasm", "cramp"};
  return (unsigned)k <= KN_SPASM_CRAMP ? names[k] : "?";
}
