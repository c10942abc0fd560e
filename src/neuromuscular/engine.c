/* SPDX-License-Identifier: Apache-2.0 */
/* The neuromuscular stage: for every simulated muscle, a motor-unit pool driven by the stretch
 * reflex (spindle Ia with its delay), autogenic inhibition (tendon organ Ib), reciprocal inhibition
 * from the antagonist, the inhibition of pressure on the muscle, voluntary drive and electrical
 * stimulation; Hill force; and joint dynamics that turn forces into lengths. Involuntary
 * contractions are found in the force and classified when they end, with clinical definitions, as
 * clonic spasm, tonic spasm, cramp or (briefer) a normal reflex response. It reads only its
 * kn_nm_in and writes only its state and kn_nm_out (src/neuromuscular/neuromuscular.h). */
#include <math.h>
#include <string.h>

#include "core/fmath.h"
#include "core/units.h"
#include "neuromuscular/neuromuscular.h"
#include "neuromuscular/muscle_params.h"
#include "neuromuscular/nm_internal.h"

/* Q10 factors are per 10 degC: the definition of Q10. */
#define Q10_SPAN_DEGC 10.0
/* Percent per unit share (hypohydration is a share of body mass; its effect is per percent). */
#define PERCENT_PER_SHARE 100.0
/* Spreads the pools' seeds apart (a large prime), so muscles do not share their variability. */
#define POOL_SEED_STRIDE 1000003u

/* A simulated muscle: state. */
typedef struct kn_nm_muscle_state {
  kn_pool *pool;
  double *ia_ring, *ib_ring;  /* (ring) recent Ia and Ib discharge, 1/s */
  double *len_ring;           /* (ring) recent fibre length, optimal lengths */
  double L, V;                /* optimal lengths, optimal lengths per second */
  double ia, ib;              /* 1/s, now */
  double e;                   /* excitation of the pool this step */
  double e_vol;               /* voluntary drive */
  double e_vol_target;        /* force wanted, fraction of maximum, -1 if none */
  double inhibition;          /* excitation removed by massage now */
  double pad;                 /* 1, Ia transmitter available (post-activation depression: < 1) */
  double stretch_inh;         /* excitation removed because the muscle is lengthened */
  double pic_level;           /* its PICs' amplitude, multiple of nm_pic_drive (cramp_pic_level) */
  double force;               /* N */
  double frac;                /* active force / f_max (pool output) */
  double p_prev;              /* Pa, pressure on the belly last step */
  double temperature;         /* degC */
  double scale_temperature;   /* degC at which twitch_scale was computed */
  double twitch_scale;        /* Q10 factor on twitch times at that temperature */
  int delay_now;              /* steps, reflex loop delay at that temperature */
  int stim_on;                /* a stimulation train is running */
  double stim_rate;           /* Hz */
  double stim_fraction;       /* share of units reached */
  double stim_ia_share;       /* share of the Ia afferents a pulse excites */
  int stim_test;              /* 1: H-reflex test pulses (the standard volley's reach) */
  double hreflex_rest;        /* excitation a standard test volley reaches at rest */
  double hreflex_floor;       /* threshold of the last unit the lowest volley so far recruits */
  double stim_phase;          /* cycles of the stimulator */
  double t_last_cramp;        /* s, end of its last cramp, -inf if none */
  double t_stim_end;          /* s, last step a stimulation train ran, -inf if none */
  double t_effort_end;        /* s, last step of a voluntary effort or stimulation, -inf if none */
  double t_percussion_end;    /* s, last step percussion worked on its region, -inf if none */
  kn_action_kind effort_kind; /* which of the two */
  /* spasm detection */
  int in_spasm, sp_rate_n, sp_action, sp_npic;
  kn_nm_beats sp_beats;
  double sp_start, sp_peak, sp_peak_force, sp_last_above, sp_rate_sum;
  double sp_rate_max, sp_rate_min; /* 1/s, of the pool's mean rate over the episode */
  const char *sp_trigger;
  /* relaxation and tone */
  double rest_force_sum, rest_time;
  int nspasm;
  kn_pool_output out;
} muscle_state;

static double recruited_floor(const kn_pool_params *pp, double e);
static double hreflex_reach_of(const kn_params *par);

/* ---- choosing the muscles ----------------------------------------------------------------------
 */

static void mark(unsigned char *marks, int muscle) {
  if (muscle >= 0 && kn_muscle_mech_find(kn_atlas_muscle((size_t)muscle)->name)) marks[muscle] = 1;
}

int kn_nm_select(const kn_session *s, const unsigned char *touched, unsigned char *marks) {
  size_t nm = kn_atlas_muscle_count();
  memset(marks, 0, nm);
  for (size_t i = 0; i < nm; i++) {
    if (touched[kn_atlas_muscle(i)->region]) mark(marks, (int)i);
    /* a load on a joint moves the muscles that cross it */
    const kn_muscle_mech *mm = kn_muscle_mech_find(kn_atlas_muscle(i)->name);
    if (mm && s->loaded[mm->joint]) mark(marks, (int)i);
  }
  for (size_t k = 0; k < s->naction; k++) {
    const kn_action *a = &s->actions[k];
    if (kn_action_is_stroke(a->kind)) continue;
    mark(marks, a->muscle);
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

/* ---- the subject's cramp threshold frequency ---------------------------------------------------
 */

/* Cramp threshold frequency (Hz) of the subject's calf at the start: from the cramp history
 * (miller_knight2009: cramp-prone 14.9 Hz, never 25.5 Hz; nm_ctf_prone_cramps a month taken as
 * cramp-prone, calibrated), shifted by recent exertion (lab: fatigue raises it, stone_fatigue) and
 * by dehydration (lab: no effect, braulick2013; 'field' hypothesis: lowers it) and raised by cramp
 * training. */
static double subject_ctf(const kn_params *p, const kn_subject *s, const kn_session *session) {
  double history = fmin(1.0, s->cramps_per_month / p->nm_ctf_prone_cramps);
  double ctf = p->nm_ctf_never - history * (p->nm_ctf_never - p->nm_ctf_prone);
  if (session->hypothesis_fatigue == KN_HYP_FIELD) /* field: fatigue as a cause (illustrative) */
    ctf -= p->nm_ctf_fatigue_field_share * p->nm_ctf_fatigue * s->exertion;
  else
    ctf += p->nm_ctf_fatigue * s->exertion;
  double per_pct = session->hypothesis_dehydration == KN_HYP_FIELD ? p->nm_ctf_dehydration_field
                                                                   : p->nm_ctf_dehydration;
  ctf += per_pct * PERCENT_PER_SHARE * s->hypohydration;
  if (s->cramp_training) ctf += p->nm_ctf_training; /* behringer_cramp_training */
  return fmax(ctf, p->nm_ctf_floor);
}

/* Posture: resting joint angles (rad). Lying prone the foot rests plantarflexed (calf short);
 * supine it falls less; seated knees and hips flexed (nm_posture_* rows: usual positions on a
 * massage table). */
static void posture_angles(const kn_params *p, kn_posture posture, double *rest) {
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    rest[j] = 0.0;
  switch (posture) {
  case KN_POSTURE_PRONE:
    rest[KN_JOINT_ANKLE] = p->nm_posture_prone_ankle;
    break;
  case KN_POSTURE_SUPINE:
    rest[KN_JOINT_ANKLE] = p->nm_posture_supine_ankle;
    rest[KN_JOINT_KNEE] = p->nm_posture_supine_knee;
    break;
  case KN_POSTURE_SEATED:
    rest[KN_JOINT_KNEE] = p->nm_posture_seated_knee;
    rest[KN_JOINT_HIP] = p->nm_posture_seated_hip;
    rest[KN_JOINT_ELBOW] = p->nm_posture_seated_elbow;
    break;
  case KN_POSTURE_SIDE_LYING:
    rest[KN_JOINT_ANKLE] = p->nm_posture_side_ankle;
    rest[KN_JOINT_KNEE] = p->nm_posture_side_knee;
    rest[KN_JOINT_HIP] = p->nm_posture_side_hip;
    break;
  default:
    break;
  }
}

/* ---- params ------------------------------------------------------------------------------------
 */

/* Index of atlas muscle `atlas` among the tissue muscles, or -1 (the last one if repeated). */
static int tissue_index(const int *tissue_muscles, int ntissue, int atlas) {
  int found = -1;
  for (int t = 0; t < ntissue; t++)
    if (tissue_muscles[t] == atlas) found = t;
  return found;
}

double kn_nm_segment_inertia(const kn_params *p, kn_joint j, double mass, double height) {
  double h = height / p->nm_segment_ref_height;
  return kn_joint_mech_table[j].inertia * (mass / p->nm_segment_ref_mass) * h * h;
}

/* The joints of this body with the session's loads: inertia, steady torque, who holds them; the
 * subject's spasticity as a raised stretch-reflex loop gain and a reduced post-activation
 * depression (stroke_pad_rate; docs/model.md, "Clonus"); a cooled limb; and the reflex depression
 * recent exertion leaves. */
static void body_and_loads(kn_nm_params *nm, const kn_params *par, const kn_subject *subject,
                           const kn_session *session) {
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    nm->inertia[j] = kn_nm_segment_inertia(par, (kn_joint)j, subject->mass, subject->height) +
                     session->load_inertia[j];
    nm->load_torque[j] = session->load_torque[j];
    nm->loaded[j] = session->loaded[j];
  }
  nm->ia_gain = 1.0 + par->nm_spasticity_gain * subject->spasticity;
  nm->pad_release =
      par->nm_pad_release * fmax(0.0, 1.0 - par->nm_spasticity_pad_loss * subject->spasticity);
  /* a cooled limb (cold pack, cold water): its muscles start below their resting temperature */
  nm->cooling = subject->muscle_temperature - (par->circ_muscle_temp_rest + KN_ZERO_CELSIUS);
  /* exertion just before the session depresses the stretch reflex (fatigue_hreflex2006) */
  nm->fatigue_fast = par->nm_fatigue_reflex_fast * subject->exertion;
  nm->fatigue_slow = par->nm_fatigue_reflex_slow * subject->exertion;
}

/* Per-step fractions of the reflex's slow processes: recovery from post-activation depression and
 * the build-up of the lengthening inhibition (exact first-order steps). */
static void reflex_params_init(kn_nm_params *nm, const kn_params *par, double dt) {
  nm->k_pad = 1.0 - exp(-dt / par->nm_pad_recovery);
  nm->k_stretch_inh = 1.0 - exp(-dt / par->nm_stretch_inhibition_rise);
}

void kn_nm_params_init(kn_nm_params *nm, const kn_params *par, const kn_subject *subject,
                       const kn_session *session, const double *action_start,
                       const unsigned char *marks, const int *tissue_muscles, int ntissue) {
  nm->par = par;
  nm->dt = session->dt;
  nm->seed = session->seed;
  nm->serum_potassium = subject->serum_potassium;
  nm->hypohydration = subject->hypohydration;
  nm->actions = session->actions;
  nm->action_start = action_start;
  kn_hill_params_from(par, &nm->hill);
  double ctf0 = subject_ctf(par, subject, session);
  int k = 0;
  memset(nm->joint_used, 0, sizeof nm->joint_used);
  int max_delay = 1;
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    if (!marks[i]) continue;
    kn_nm_muscle *mu = &nm->muscles[k++];
    mu->atlas = (int)i;
    mu->region = kn_atlas_muscle(i)->region;
    mu->mech = kn_muscle_mech_find(kn_atlas_muscle(i)->name);
    mu->tissue = tissue_index(tissue_muscles, ntissue, (int)i);
    const kn_joint_mech *jm = &kn_joint_mech_table[mu->mech->joint];
    /* the loop: afferent conduction to the cord and efferent back, each the one-way delay */
    mu->delay_steps = (int)lround(2.0 * jm->delay / session->dt);
    if (mu->delay_steps < 1) mu->delay_steps = 1;
    /* room for the loop to slow in cooled tissue (conduction's Q10) */
    int longest = (int)ceil(par->nm_delay_room * mu->delay_steps) + 1;
    if (longest > max_delay) max_delay = longest;
    nm->joint_used[mu->mech->joint] = 1;
    /* less susceptible muscles need a higher stimulation rate to cramp (manjra1996 ranking) */
    mu->ctf = ctf0 / mu->mech->cramp;
    kn_pool_params_from(par, &mu->pool);
    mu->pool.pic_on_rate = mu->ctf;
    mu->pool.pic_drive = par->nm_pic_drive;
    mu->pool.pic_hysteresis = par->nm_pic_hysteresis * par->nm_pic_drive;
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
  posture_angles(par, KN_POSTURE_PRONE, nm->rest0);
  nm->nother = 0;
  for (size_t i = 0; i < session->naction; i++)
    if (!kn_action_is_stroke(session->actions[i].kind)) nm->other[nm->nother++] = (int)i;
  int maxn = 1;
  for (int a = 0; a < nm->nmuscle; a++)
    if (nm->muscles[a].pool.n > maxn) maxn = nm->muscles[a].pool.n;
  nm->pool_bytes = kn_pool_size(maxn);
  nm->spasm_capacity = KN_NM_SPASM_CAPACITY;
  /* exact first-order steps of the massage inhibition's rise and fall */
  nm->k_rise = 1.0 - exp(-session->dt / par->nm_inhibition_rise);
  nm->k_fall = 1.0 - exp(-session->dt / par->nm_inhibition_fall);
  body_and_loads(nm, par, subject, session);
  reflex_params_init(nm, par, session->dt);
  nm->hreflex_reach = hreflex_reach_of(par);
}

/* ---- state and output --------------------------------------------------------------------------
 */

void kn_nm_init(const kn_nm_params *p, kn_arena *a, kn_nm_state *s, kn_nm_out *o) {
  size_t n = (size_t)p->nmuscle;
  s->muscle = kn_arena_take(a, n, sizeof(muscle_state));
  o->force = kn_arena_take(a, n, sizeof(double));
  o->activation = kn_arena_take(a, n, sizeof(double));
  o->length = kn_arena_take(a, n, sizeof(double));
  o->emg = kn_arena_take(a, n, sizeof(double));
  o->firing_rate = kn_arena_take(a, n, sizeof(double));
  o->ia_rate = kn_arena_take(a, n, sizeof(double));
  o->outcome = kn_arena_take(a, n, sizeof(kn_nm_outcome));
  o->spasms = kn_arena_take(a, (size_t)p->spasm_capacity, sizeof(kn_spasm));
  o->ended = kn_arena_take(a, n, sizeof(kn_nm_ended));
  for (size_t i = 0; i < n; i++) {
    void *pool = kn_arena_take(a, p->pool_bytes, 1);
    double *ia = kn_arena_take(a, (size_t)p->ring, sizeof(double));
    double *ib = kn_arena_take(a, (size_t)p->ring, sizeof(double));
    double *len = kn_arena_take(a, (size_t)p->ring, sizeof(double));
    if (a->base) {
      s->muscle[i].pool = (kn_pool *)pool; /* initialised by kn_nm_reset */
      s->muscle[i].ia_ring = ia;
      s->muscle[i].ib_ring = ib;
      s->muscle[i].len_ring = len;
    }
  }
}

size_t kn_nm_size(const kn_nm_params *p) {
  kn_arena measure = {NULL, 0};
  kn_nm_state s;
  kn_nm_out o;
  kn_nm_init(p, &measure, &s, &o);
  return measure.used;
}

/* Normalised length and lengthening velocity of a muscle from its joint. */
static void muscle_kinematics(const kn_params *p, const kn_nm_muscle *mu, const kn_nm_joints *j,
                              double *L, double *V) {
  const kn_muscle_mech *mm = mu->mech;
  double share = p->nm_fibre_share / mm->l_opt;
  *L = 1.0 + mm->sign * mm->arm * (j->theta[mm->joint] - mm->angle_opt) * share;
  *V = mm->sign * mm->arm * j->omega[mm->joint] * share;
}

/* Ia discharge (1/s) from fibre stretch beyond optimal length and its velocity (prochazka). */
static double spindle(const kn_params *p, const kn_nm_muscle *mu, double L, double V, double temp) {
  double lmm = mu->mech->l_opt / KN_MM;
  double v = V * lmm, x = (L - 1.0) * lmm;
  /* a still fibre (v exactly 0, most steps of a resting joint) skips pow: its term is 0 anyway */
  double velocity_term = v == 0.0 ? 0.0 : copysign(pow(fabs(v), p->nm_ia_exponent), v);
  double rate = p->nm_ia_base + p->nm_ia_kv * velocity_term + p->nm_ia_kx * x;
  rate *= 1.0 + p->nm_spindle_per_degc * (temp - p->nm_reference_temp);
  return rate > 0.0 ? rate : 0.0;
}

/* Copies a muscle's state to the stage's output arrays. */
static void publish(const muscle_state *s, kn_nm_out *o, int i) {
  o->force[i] = s->force;
  o->activation[i] = s->frac;
  o->length[i] = s->L;
  o->emg[i] = s->out.emg;
  o->firing_rate[i] = s->out.mean_rate;
  o->ia_rate[i] = s->ia;
}

void kn_nm_reset(const kn_nm_params *nm, kn_nm_state *st, kn_nm_out *o) {
  const kn_params *p = nm->par;
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    st->joints.fixed[j] = 0;
    st->joints.theta[j] = st->joints.rest[j] = nm->rest0[j];
    st->joints.omega[j] = st->joints.torque[j] = 0.0;
    st->joints.hold[j] = 0.0;
    st->joint_effort[j] = 0;
  }
  for (int i = 0; i < nm->nmuscle; i++) {
    const kn_nm_muscle *mu = &nm->muscles[i];
    muscle_state *s = &st->muscle[i];
    kn_pool *pool = s->pool;
    double *ia = s->ia_ring, *ib = s->ib_ring, *len = s->len_ring;
    memset(s, 0, sizeof *s);
    s->pool = kn_pool_init(pool, nm->pool_bytes, &mu->pool, nm->dt,
                           nm->seed * POOL_SEED_STRIDE + (uint64_t)i);
    s->ia_ring = ia;
    s->ib_ring = ib;
    s->len_ring = len;
    s->stretch_inh = p->nm_stretch_inhibition * fmax(0.0, s->L - 1.0); /* settled at rest */
    s->temperature = s->scale_temperature = p->nm_reference_temp;
    s->twitch_scale = 1.0;
    s->pic_level = 1.0;
    s->delay_now = mu->delay_steps;
    s->t_last_cramp = -INFINITY;
    s->t_stim_end = -INFINITY;
    s->t_effort_end = -INFINITY;
    s->t_percussion_end = -INFINITY;
    muscle_kinematics(p, mu, &st->joints, &s->L, &s->V);
    double rest_ia = spindle(p, mu, s->L, 0.0, p->nm_reference_temp);
    for (int r = 0; r < nm->ring; r++)
      ia[r] = rest_ia, ib[r] = 0.0, len[r] = s->L;
    s->ia = rest_ia;
    /* the synapse settled under the resting discharge (a lengthened muscle's is above nm_ia_base):
     * the H-reflex at rest, to which the outcome compares it */
    s->pad = kn_nm_pad_rest(p, nm->pad_release, rest_ia - p->nm_ia_base, nm->dt, nm->k_pad);
    s->hreflex_rest = kn_nm_pad_efficacy(p, s->pad) * nm->hreflex_reach;
    s->hreflex_floor = recruited_floor(&mu->pool, s->hreflex_rest);
    o->outcome[i] = (kn_nm_outcome){.muscle = mu->atlas,
                                    .hreflex_ratio = 1.0,
                                    .cramp_threshold = mu->ctf,
                                    .evidence = KN_EVIDENCE_EXPERT};
    o->force[i] = o->activation[i] = o->emg[i] = o->firing_rate[i] = 0.0; /* at rest */
    o->length[i] = s->L;
    o->ia_rate[i] = s->ia;
  }
  o->nspasm = 0;
  o->nended = 0;
  st->ring_head = 0;
  st->action = -1;
  st->ctf_shift = 0.0;
  st->reflex_fatigue = nm->fatigue_fast + nm->fatigue_slow;
}

/* ---- one step ----------------------------------------------------------------------------------
 */

/* What the non-stroke actions do right now: posture, stretch targets, voluntary drive, stimulation,
 * heat and drinks. */
typedef struct nm_orders {
  int held[KN_JOINT_COUNT];      /* 1 if a hand holds the joint (stretch, isometric effort) */
  double target[KN_JOINT_COUNT]; /* rad, where the hand holds it */
  double speed[KN_JOINT_COUNT];  /* rad/s, how fast the hand turns it; 0: it follows with
                                    nm_hold_lag */
  int action;                    /* a non-stroke action in progress, -1 if none */
} nm_orders;

/* The practitioner places the limbs: joints go to the posture's angles at once. */
static void place_limbs(const kn_params *p, const kn_action *a, kn_nm_joints *jt) {
  posture_angles(p, a->posture, jt->rest);
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    /* an angle given explicitly is kept by the support (bolster, strap, the examiner) */
    jt->fixed[j] = !isnan(a->joint[j]);
    if (jt->fixed[j]) jt->rest[j] = a->joint[j];
    jt->theta[j] = jt->hold[j] = jt->rest[j];
    jt->omega[j] = 0.0;
  }
}

/* A stretch of muscle i: the hand turns its joint by a->angle, at a->velocity if given, while the
 * subject holds a->contraction of the muscle's maximum (0: relaxed). */
static void order_stretch(const kn_action *a, int i, const kn_nm_muscle *mu, kn_nm_state *st,
                          nm_orders *o) {
  kn_joint j = mu->mech->joint;
  o->held[j] = 1;
  o->target[j] = st->joints.rest[j] + mu->mech->sign * a->angle;
  o->speed[j] = a->velocity;
  if (a->contraction > 0.0) {
    st->muscle[i].e_vol_target = a->contraction;
    st->joint_effort[j] = 1;
  }
}

/* What action a (in repetition rep) asks of muscle i. */
static void order_muscle(const kn_nm_params *nm, const kn_action *a, int rep, int i,
                         kn_nm_state *st, nm_orders *o) {
  const kn_nm_muscle *mu = &nm->muscles[i];
  muscle_state *s = &st->muscle[i];
  if (a->kind == KN_ACT_VOLUNTARY) { /* isometric: the examiner holds the joint where it is */
    s->e_vol_target = a->level;
    kn_joint j = mu->mech->joint;
    st->joint_effort[j] = 1;
    if (!o->held[j]) {
      o->held[j] = 1;
      o->target[j] = st->joints.hold[j];
    }
  }
  if (a->kind == KN_ACT_STIMULATION) {
    s->stim_on = 1;
    s->stim_rate = a->frequency + rep * a->frequency_step;
    s->stim_fraction = a->fraction;
    s->stim_test = a->target == KN_STIM_IA;
    s->stim_ia_share =
        s->stim_test ? nm->par->nm_stim_ia_test_share : nm->par->nm_stim_ia_mixed_share;
  }
  if (a->kind == KN_ACT_STRETCH) order_stretch(a, i, mu, st, o);
}

static void read_orders(const kn_nm_params *nm, const kn_nm_in *in, kn_nm_state *st, nm_orders *o) {
  const kn_params *p = nm->par;
  double t = in->t, dt = nm->dt;
  memset(o, 0, sizeof *o);
  o->action = -1;
  memset(st->joint_effort, 0, sizeof st->joint_effort);
  for (int i = 0; i < nm->nmuscle; i++) {
    st->muscle[i].e_vol_target = -1.0;
    st->muscle[i].stim_on = 0;
  }
  for (int k = 0; k < in->nstarted; k++) { /* in order of the file, which is in order of time */
    int ai = nm->other[k];
    const kn_action *a = &nm->actions[ai];
    int just_started = t < nm->action_start[ai] + dt;
    if (a->kind == KN_ACT_POSTURE && just_started) place_limbs(p, a, &st->joints);
    if (a->kind == KN_ACT_DRINK && just_started) {
      /* lau2019: after dehydration, water lowers and an electrolyte drink raises the threshold */
      if (nm->hypohydration >= p->nm_drink_dehydration_min)
        st->ctf_shift += a->fluid == KN_FLUID_WATER ? p->nm_ctf_water : p->nm_ctf_electrolyte;
    }
    int rep = in->action_rep[k];
    if (rep < 0) continue;
    o->action = ai;
    for (int i = 0; i < nm->nmuscle; i++)
      if (a->muscle == nm->muscles[i].atlas) order_muscle(nm, a, rep, i, st, o);
  }
}

/* Joint dynamics: muscle torques of the last step, the passive joint and its support, and a
 * practitioner's hand holding a stretch (a stiff spring-damper). Semi-implicit Euler. */
static void joints_step(const kn_nm_params *nm, kn_nm_joints *jt, const nm_orders *o) {
  const kn_params *p = nm->par;
  double dt = nm->dt;
  for (int j = 0; j < KN_JOINT_COUNT; j++) {
    if (!nm->joint_used[j]) continue;
    const kn_joint_mech *jm = &kn_joint_mech_table[j];
    double th = jt->theta[j], om = jt->omega[j];
    if (o->held[j]) {
      /* a hand places the joint whatever the muscles do: at the stretch's velocity when one is
       * given, else following the target with a short lag (an exact first-order step, stable at
       * any time step) */
      double th1 = o->target[j] + (th - o->target[j]) * exp(-dt / p->nm_hold_lag);
      if (o->speed[j] > 0.0)
        th1 = th + fmax(-o->speed[j] * dt, fmin(o->speed[j] * dt, o->target[j] - th));
      jt->omega[j] = (th1 - th) / dt;
      jt->theta[j] = th1;
      jt->torque[j] = 0.0;
      continue;
    }
    jt->hold[j] = th; /* where a hand would grasp it */
    /* springs toward the resting angle: the joint's own, plus the support (bolster, strap) where
     * a posture set the angle and no load holds it; stiff end stops beyond the range of motion */
    double I = nm->inertia[j];
    int supported = jt->fixed[j] && !nm->loaded[j];
    double k = jm->stiffness * (supported ? p->nm_support_stiffness : 1.0);
    double b = jm->damping + (supported ? 2.0 * sqrt(p->nm_support_damping * k * I) : 0.0);
    double target = jt->rest[j];
    if (th < jm->lo || th > jm->hi) {
      double stop = th < jm->lo ? jm->lo : jm->hi;
      double ks = p->nm_end_stop_stiffness * jm->stiffness;
      target = (k * target + ks * stop) / (k + ks);
      k += ks;
      b += 2.0 * sqrt(ks * I); /* critically damped */
    }
    /* implicit in the spring and damper (stable for any stiffness), explicit in the muscles and
     * the load's steady torque */
    double drive = jt->torque[j] + nm->load_torque[j];
    om = (om + dt * (drive - k * (th - target)) / I) / (1.0 + dt * b / I + dt * dt * k / I);
    jt->omega[j] = om;
    jt->theta[j] = th + dt * om;
    jt->torque[j] = 0.0;
  }
}

/* Excitation removed by pressure p (Pa) on the muscle belly: saturating in p. */
static double massage_inhibition(const kn_params *p, double pressure) {
  return pressure > 0.0 ? p->nm_massage_inhibition * pressure / (pressure + p->nm_massage_p50)
                        : 0.0;
}

/* What started an episode of muscle s beginning at t during `action` (-1: none); loaded: a load
 * pulls on the muscle's joint (the session's `loads:`). */
static const char *trigger_of(const kn_nm_params *nm, const muscle_state *s, double t, int action,
                              double tap, int loaded) {
  const kn_params *p = nm->par;
  /* a spasm that starts within seconds of an effort or a stimulation train follows from it */
  if (t - s->t_effort_end < p->nm_trigger_window)
    return s->effort_kind == KN_ACT_STIMULATION ? "after electrical stimulation"
                                                : "after a voluntary contraction";
  /* percussion drives the pool one reflex volley per tap, like a stimulation train: a spasm that
   * shows within seconds of it was set going during it */
  if (t - s->t_percussion_end < p->nm_trigger_window) return "after percussion";
  if (action < 0) return loaded ? "load on the joint" : "spontaneous";
  switch (nm->actions[action].kind) {
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
  if (loaded && !kn_action_is_stroke(nm->actions[action].kind)) return "load on the joint";
  return tap > p->nm_abrupt_tap ? "abrupt stroke" : "massage stroke";
}

/* Puts an ended episode of muscle i on the output's list for the events. */
static void push_ended(const kn_nm_params *nm, const muscle_state *s, int i, kn_event_kind kind,
                       kn_nm_out *o) {
  o->ended[o->nended++] = (kn_nm_ended){
      kind,       nm->muscles[i].atlas,  s->sp_action,      s->sp_start, s->sp_last_above,
      s->sp_peak, "fraction of maximum", KN_EVIDENCE_EXPERT};
}

static void push_spasm(const kn_nm_params *nm, muscle_state *s, int i, kn_spasm_kind kind,
                       double freq, kn_nm_out *o) {
  const kn_nm_muscle *mu = &nm->muscles[i];
  s->nspasm++;
  o->outcome[i].nspasm = s->nspasm;
  if (kind == KN_SPASM_CRAMP) s->t_last_cramp = s->sp_last_above;
  if (o->nspasm >= nm->spasm_capacity) return;
  kn_spasm *sp = &o->spasms[o->nspasm++];
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
                   KN_EVIDENCE_EXPERT,
                   s->sp_rate_max,
                   s->sp_rate_n ? s->sp_rate_min : 0.0};
  static const kn_event_kind ev[] = {KN_EV_CLONIC_SPASM, KN_EV_TONIC_SPASM, KN_EV_CRAMP};
  push_ended(nm, s, i, ev[kind], o);
}

/* Rate (Hz) of the percussion that is action `action`, 0 if it is no percussion. */
static double percussion_rate(const kn_nm_params *nm, int action) {
  if (action < 0) return 0.0;
  const kn_action *a = &nm->actions[action];
  return a->kind == KN_ACT_TAPOTEMENT ? a->rate : 0.0;
}

/* Counts an episode too brief, weak or few-beated to be a spasm: a normal reflex response. */
static void push_reflex_response(const kn_nm_params *nm, const muscle_state *s, int i,
                                 kn_nm_out *o) {
  kn_nm_outcome *out = &o->outcome[i];
  double dur = s->sp_last_above - s->sp_start;
  out->reflex_responses++;
  if (dur > out->reflex_longest) out->reflex_longest = dur;
  if (s->sp_peak > out->reflex_peak) out->reflex_peak = s->sp_peak;
  if (s->sp_peak_force > out->reflex_peak_force) out->reflex_peak_force = s->sp_peak_force;
  push_ended(nm, s, i, KN_EV_REFLEX_RESPONSE, o);
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
static int self_sustained(const kn_nm_params *nm, const muscle_state *s, int i) {
  return s->sp_npic >= nm->par->nm_cramp_pic_share * nm->muscles[i].pool.n;
}

/* Classifies an episode that has ended: a spasm or cramp, else a reflex response. */
static void classify_spasm(const kn_nm_params *nm, muscle_state *s, int i, kn_nm_out *o) {
  s->in_spasm = 0;
  kn_nm_episode e = {s->sp_last_above - s->sp_start, s->sp_peak, s->sp_beats,
                     percussion_rate(nm, s->sp_action), self_sustained(nm, s, i)};
  double freq;
  int kind = kn_nm_episode_kind(nm->par, &e, &freq);
  if (kind == KN_NM_REFLEX_RESPONSE)
    push_reflex_response(nm, s, i, o);
  else
    push_spasm(nm, s, i, (kn_spasm_kind)kind, kind == KN_SPASM_CLONIC ? freq : 0.0, o);
}

/* Finds involuntary contractions in the force and classifies each when it ends. A self-sustained
 * episode (a cramp's discharge) lasts while units with their persistent inward currents on still
 * fire, even when massage pushes its force below the threshold for a while. */
static void detect_spasm(const kn_nm_params *nm, const kn_nm_in *in, kn_nm_state *st, int i,
                         double invol, double tap, kn_nm_out *o) {
  const kn_params *p = nm->par;
  muscle_state *s = &st->muscle[i];
  double t = in->t, on = p->nm_spasm_force;
  if (!s->in_spasm) {
    if (invol < on) return;
    s->in_spasm = 1;
    s->sp_start = s->sp_last_above = t;
    s->sp_peak = invol;
    s->sp_peak_force = s->force;
    kn_nm_beats_start(&s->sp_beats, t, invol);
    s->sp_rate_sum = 0.0;
    s->sp_rate_n = 0;
    s->sp_rate_max = 0.0;
    s->sp_rate_min = INFINITY;
    s->sp_npic = s->out.npic;
    s->sp_action = in->action_now;
    if (s->sp_action < 0) s->sp_action = st->action;
    s->sp_trigger = trigger_of(nm, s, t, s->sp_action, tap, nm->loaded[nm->muscles[i].mech->joint]);
    return;
  }
  if (invol > s->sp_peak) s->sp_peak = invol;
  if (s->out.nfiring > 0) {
    s->sp_rate_sum += s->out.mean_rate, s->sp_rate_n++;
    s->sp_rate_max = fmax(s->sp_rate_max, s->out.mean_rate);
    s->sp_rate_min = fmin(s->sp_rate_min, s->out.mean_rate);
  }
  if (invol >= on) s->sp_last_above = t;
  kn_nm_beats_step(p, &s->sp_beats, t, invol);
  if (invol >= p->nm_episode_end_share * on || t - s->sp_last_above < p->nm_episode_gap) return;
  /* the cramp's discharge goes on while a share of the pool still self-sustains */
  if (self_sustained(nm, s, i) && s->out.npic >= p->nm_cramp_pic_share * nm->muscles[i].pool.n)
    return;
  classify_spasm(nm, s, i, o); /* it has ended */
}

/* Index of the last unit with threshold <= e (>= 1): thresholds are RR^(i/(n-1)). */
static double last_recruited(const kn_pool_params *pp, double e) {
  int n = pp->n;
  double k = floor((n - 1) * log(e) / log(pp->rr));
  if (k > n - 1) k = n - 1;
  /* the logarithms may round a unit's own threshold just below it: count that unit too */
  if (k < n - 1 && pow(pp->rr, (k + 1.0) / (n - 1)) <= e) k += 1.0;
  return k;
}

/* Twitch force of all units with threshold <= e, in units of the first unit's: thresholds are
 * RR^(i/(n-1)) and twitch forces RP^(i/(n-1)) (src/neuromuscular/pool.c), so the sum is a geometric
 * series and costs O(1). */
static double recruited_force(const kn_pool_params *pp, double e) {
  if (e < 1.0) return 0.0;
  double k = last_recruited(pp, e);
  double q = pow(pp->rp, 1.0 / (pp->n - 1));
  return (pow(q, k + 1.0) - 1.0) / (q - 1.0);
}

/* The threshold of the last unit recruited at excitation e (>= 1): below it, fewer are; -inf when
 * none is (nothing fewer to lose). */
static double recruited_floor(const kn_pool_params *pp, double e) {
  if (e < 1.0) return -INFINITY;
  return pow(pp->rr, last_recruited(pp, e) / (pp->n - 1));
}

/* The excitation a standard Ia test volley reaches at rest: the threshold of the lowest unit at
 * which the share `volley` of the pool's twitch force is recruited. The volley is set relative to
 * the resting state, so resting tone cancels. */
double kn_nm_hreflex_reach(const kn_pool_params *pp, double volley) {
  double total = recruited_force(pp, pp->rr);
  double q = pow(pp->rp, 1.0 / (pp->n - 1));
  double k = ceil(log(1.0 + volley * total * (q - 1.0)) / log(q)) - 1.0;
  return pow(pp->rr, k / (pp->n - 1));
}

/* The excitation a standard H-reflex test volley reaches at rest (every muscle's pool is built from
 * the same rows). */
static double hreflex_reach_of(const kn_params *par) {
  kn_pool_params pp;
  kn_pool_params_from(par, &pp);
  return kn_nm_hreflex_reach(&pp, par->nm_hreflex_volley);
}

/* H-reflex amplitude relative to rest when the test volley that reaches `reach` at rest reaches
 * `x` now: the twitch force of the units it recruits over that at rest. */
double kn_nm_hreflex_ratio(const kn_pool_params *pp, double reach, double x) {
  double rest = recruited_force(pp, reach);
  return rest > 0.0 ? recruited_force(pp, x) / rest : 1.0;
}

/* The excitation a standard test volley would reach now: the synapse transmits the share
 * kn_nm_pad_efficacy of it (post-activation depression) and massage inhibition raises every
 * threshold by its size. */
static double hreflex_volley_now(const kn_nm_params *nm, const muscle_state *s) {
  return kn_nm_pad_efficacy(nm->par, s->pad) * nm->hreflex_reach - s->inhibition;
}

/* Voluntary force control: the drive follows the force error (s->e_vol_target >= 0). */
static void voluntary_drive(const kn_params *p, muscle_state *s, double dt) {
  if (s->e_vol_target < 0.0) {
    s->e_vol = 0.0;
    return;
  }
  double e_max = kn_pool_excitation_max(s->pool);
  if (s->e_vol <= 0.0) s->e_vol = s->e_vol_target * e_max;
  s->e_vol += dt * p->nm_voluntary_gain * (s->e_vol_target - s->frac) * e_max;
  s->e_vol = kn_max(0.0, kn_min(s->e_vol, p->nm_voluntary_max * e_max));
}

/* Temperature effects (Q10): twitch times and the reflex loop's delay, recomputed only when the
 * muscle's temperature changed. */
static void temperature_scaling(const kn_nm_params *nm, const kn_nm_muscle *mu, muscle_state *s) {
  const kn_params *p = nm->par;
  if (!(fabs(s->temperature - s->scale_temperature) > p->nm_temperature_step)) return;
  s->scale_temperature = s->temperature;
  double cooler = (p->nm_reference_temp - s->temperature) / Q10_SPAN_DEGC;
  s->twitch_scale = pow(p->nm_q10_twitch, cooler);
  /* conduction speeds up with warmth: the reflex loop's delay shortens (cooler: lengthens, within
   * the ring) */
  double steps = mu->delay_steps * pow(p->nm_q10_conduction, cooler);
  s->delay_now = (int)kn_min(kn_max(1.0, round(steps)), nm->ring - 1);
}

/* The pool's input this step: the excitation, and a stimulus pulse when the stimulator fires. */
static kn_pool_input pool_input(const kn_nm_params *nm, muscle_state *s, double dt) {
  kn_pool_input in = {s->e, 0.0, s->twitch_scale};
  if (!s->stim_on) {
    s->stim_phase = 1.0; /* the first pulse of the next train comes at once */
    return in;
  }
  s->stim_phase += s->stim_rate * dt;
  if (s->stim_phase >= 1.0) {
    s->stim_phase -= floor(s->stim_phase);
    /* a pulse fires the motor axons it reaches directly (largest first): that part, and the
     * cramp it drives, does not pass the Ia synapse and is not depressed */
    in.stim_fraction = s->stim_fraction;
    if (s->stim_test) {
      /* a test pulse's Ia volley: the H-reflex, through what post-activation depression leaves
       * of the synapse, against the thresholds massage inhibition raises */
      in.excitation = kn_max(in.excitation, hreflex_volley_now(nm, s));
    } else {
      /* a mixed pulse's afferents reflexly recruit the smallest units, up to the top of its
       * motor share. Not depressed: at a train's rates each reflex is depressed, yet the summed
       * Ia barrage still drives the motoneurons and their PICs (the extra contractions of
       * collins2001 at 100 Hz arise through the afferents); this per-pulse recruitment stands
       * for that drive, which the cramp cases were set with */
      int top = (int)(s->stim_fraction * (kn_pool_units(s->pool) - 1));
      in.excitation =
          kn_max(in.excitation, kn_pool_threshold(s->pool, top) + nm->par->nm_stim_margin);
    }
    /* either way each excited afferent fires one impulse that uses transmitter, as a tap's does:
     * the H-reflex and the stretch reflex after a train are depressed */
    s->pad = kn_nm_pad_volley(nm->pad_release, s->pad, s->stim_ia_share);
  }
  return in;
}

/* Cramp threshold frequency (Hz) of muscle i now: drinks, interstitial potassium, a recent cramp.
 */
static double cramp_threshold_now(const kn_nm_params *nm, const kn_nm_in *in, const kn_nm_state *st,
                                  int i) {
  const kn_params *p = nm->par;
  const muscle_state *s = &st->muscle[i];
  double ctf = nm->muscles[i].ctf + st->ctf_shift;
  /* raised interstitial potassium depolarises the terminals: cramps come at a lower rate, and
   * blood flow washing it out reverses that (noble2019) */
  ctf -= p->circ_potassium_ctf * kn_max(0.0, in->potassium[i] - nm->serum_potassium);
  if (in->t - s->t_last_cramp < p->nm_ctf_after_cramp_time)
    ctf += p->nm_ctf_after_cramp; /* miller2017 */
  return kn_max(p->nm_ctf_floor, ctf);
}

/* The amplitude of the muscle's PICs (s->pic_level, multiple of nm_pic_drive), which sets how long
 * a cramp lasts. Input that makes the units fire at or above the cramp threshold frequency ctf (Hz)
 * warms the PICs up to (rate / ctf)^nm_pic_warmup: a train well above threshold leaves stronger
 * PICs than one at threshold (warm-up of plateaus in cat motoneurons, Bennett et al. 1998; larger
 * cramps above threshold, minetto2009b). While PICs are on and nothing drives them, they inactivate
 * with time constant nm_cramp_decay (lee_heckman1998: plateaus decline over seconds to tens of
 * seconds), so self-sustained firing slows and units let go one by one, the highest threshold
 * first; a cramp's duration then follows ln(amplitude at onset / amplitude that still holds the
 * sustaining units). With no PIC on they recover toward 1 with nm_cramp_recovery: a muscle falls
 * quiet after a cramp and can cramp again minutes later. `rate` (Hz) is what drives the units: the
 * stimulator's while a train runs, the taps' during percussion (each tap fires the units it
 * recruits once), the pool's mean rate (last step) during a voluntary effort, else 0:
 * self-sustained firing does not warm its own PICs up. */
static void cramp_pic_level(const kn_params *p, muscle_state *s, double rate, double ctf,
                            double dt) {
  if (rate >= ctf) {
    double warm = pow(rate / ctf, p->nm_pic_warmup);
    if (warm > s->pic_level) s->pic_level = warm;
  } else if (s->out.npic > 0) {
    s->pic_level -= s->pic_level * dt / p->nm_cramp_decay;
  } else {
    s->pic_level += (1.0 - s->pic_level) * dt / p->nm_cramp_recovery;
  }
}

/* The session's outcome for muscle i after this step: peak force, inhibition, resting tone. */
static void muscle_outcome(const kn_nm_params *nm, muscle_state *s, int i, double dt,
                           kn_nm_out *o) {
  const kn_params *p = nm->par;
  kn_nm_outcome *out = &o->outcome[i];
  if (s->force > out->force_peak) out->force_peak = s->force;
  /* the H-reflex a test pulse would evoke now is the twitch force of the units its volley
   * reaches: a step function of that excitation, so the lowest ratio changes only when the volley
   * loses a unit the lowest so far still recruited */
  double x = hreflex_volley_now(nm, s);
  if (x < s->hreflex_floor) { /* it lost a unit the lowest so far recruited */
    const kn_pool_params *pp = &nm->muscles[i].pool;
    out->hreflex_ratio = kn_nm_hreflex_ratio(pp, s->hreflex_rest, x);
    s->hreflex_floor = recruited_floor(pp, x);
  }
  if (s->inhibition > p->nm_inhibited_min) {
    out->inhibited_time += dt;
  } else if (s->e_vol <= 0.0 && !s->stim_on) {
    s->rest_force_sum += s->force * dt;
    s->rest_time += dt;
    out->rest_force = s->rest_force_sum / s->rest_time;
  }
}

/* Force the subject does not will (fraction of maximum): beyond the voluntary target. Evoked force
 * during a stimulation train, while the stimulated high-threshold units still sustain, or during
 * percussion, and the relaxation after an effort, do not count. */
static double involuntary_force(const kn_nm_params *nm, const kn_nm_in *in, const kn_nm_state *st,
                                muscle_state *s, int i) {
  const kn_params *p = nm->par;
  const kn_nm_muscle *mu = &nm->muscles[i];
  double t = in->t;
  if (s->stim_on || s->e_vol_target >= 0.0) {
    s->t_effort_end = t;
    s->effort_kind = s->stim_on ? KN_ACT_STIMULATION : KN_ACT_VOLUNTARY;
  }
  if (s->stim_on) s->t_stim_end = t;
  /* co-contraction of muscles at a joint the subject is working: part of the effort */
  if (st->joint_effort[mu->mech->joint] && s->e_vol_target < 0.0) s->t_stim_end = t;
  if (in->percussed[i]) /* twitches in time with the taps: not spasms */
    s->t_stim_end = s->t_percussion_end = t;
  int evoked = s->stim_on || t - s->t_stim_end < mu->pool.pic_sustain_high + p->nm_evoked_tail;
  int tail = s->e_vol_target < 0.0 && t - s->t_effort_end < p->nm_relax_tail;
  if (evoked || tail) return 0.0;
  return s->frac - (s->e_vol_target >= 0.0 ? s->e_vol_target + p->nm_voluntary_margin : 0.0);
}

/* The Ia synapse's output for the discharge ia_excess (1/s above rest) arriving at the cord now,
 * and its post-activation depression (hultborn1996, crone_nielsen1989): each impulse above the
 * resting discharge uses the share nm_pad_release of the transmitter still available (pad), which
 * refills with the time constant nm_pad_recovery; the depression removes at most the share
 * nm_pad_share of the excitation (it saturates: imura1997). The resting discharge's own depression
 * is folded into the reflex gain. */
static double ia_transmitted(const kn_nm_params *nm, muscle_state *s, double ia_excess) {
  double out = kn_nm_pad_efficacy(nm->par, s->pad) * ia_excess;
  s->pad = kn_nm_pad_step(nm->par, nm->pad_release, s->pad, ia_excess, nm->dt, nm->k_pad);
  return out;
}

double kn_nm_pad_efficacy(const kn_params *p, double pad) {
  return 1.0 - p->nm_pad_share * (1.0 - pad);
}

double kn_nm_pad_rest(const kn_params *p, double release, double ia_excess, double dt,
                      double k_pad) {
  double used = release * fmin(fmax(0.0, ia_excess), p->nm_pad_rate_max) * dt;
  return k_pad / (1.0 - (1.0 - used) * (1.0 - k_pad));
}

double kn_nm_pad_volley(double release, double pad, double share) {
  return pad * (1.0 - release * share);
}

double kn_nm_pad_step(const kn_params *p, double release, double pad, double ia_excess, double dt,
                      double k_pad) {
  double impulses = fmin(fmax(0.0, ia_excess), p->nm_pad_rate_max) * dt;
  pad = fmax(0.0, pad - release * pad * impulses);
  return pad + (1.0 - pad) * k_pad;
}

/* Inhibition of a lengthened muscle (bertolasi1993): from the length its afferents reported one
 * reflex loop ago (L_delayed, optimal lengths), building with nm_stretch_inhibition_rise, so it
 * reaches the motoneurons no sooner than the stretch reflex it would otherwise cut off. */
static double lengthening_inhibition(const kn_nm_params *nm, muscle_state *s, double L_delayed) {
  double want = nm->par->nm_stretch_inhibition * fmax(0.0, L_delayed - 1.0);
  s->stretch_inh += (want - s->stretch_inh) * nm->k_stretch_inh;
  return s->stretch_inh;
}

/* One muscle's step: afferents, excitation, pool, force; its outcome and episodes. Returns 0 if its
 * temperature, inhibition, excitation or force went non-finite (a bad input: the spindle and the
 * pool would read it as silence). */
static int muscle_step(const kn_nm_params *nm, const kn_nm_in *in, kn_nm_state *st, int i,
                       kn_nm_out *o) {
  const kn_params *p = nm->par;
  const kn_nm_muscle *mu = &nm->muscles[i];
  const kn_muscle_mech *mm = mu->mech;
  muscle_state *s = &st->muscle[i];
  double dt = nm->dt, ref = p->nm_reference_temp;
  int head = st->ring_head;

  /* temperature from the circulation (heat, fever), as a change from rest: the reflex and
   * twitch parameters are those of resting muscle, taken here as nm_reference_temp */
  s->temperature =
      ref + in->temperature[i] - (p->circ_muscle_temp_rest + KN_ZERO_CELSIUS) + nm->cooling;

  /* lengths, and the local strain of a stroke pressing on the belly */
  double pressure = mu->tissue >= 0 ? in->muscle_p[mu->tissue] : 0.0;
  double tap = p->nm_tap_gain * kn_max(0.0, (pressure - s->p_prev) / dt);
  s->p_prev = pressure;
  muscle_kinematics(p, mu, &st->joints, &s->L, &s->V);
  s->ia = spindle(p, mu, s->L, s->V + tap, s->temperature);
  s->ib = p->nm_ib_gain * (s->force / mm->f_max) *
          (1.0 + p->nm_spindle_per_degc * (s->temperature - ref));
  s->ia_ring[head] = s->ia;
  s->ib_ring[head] = s->ib;
  s->len_ring[head] = s->L;
  int back = (head - s->delay_now + nm->ring) % nm->ring;
  double ia_d = s->ia_ring[back], ib_d = s->ib_ring[back];
  double ia_rest = p->nm_ia_base;
  double ri = 0.0;
  if (mu->antagonist >= 0) ri = kn_max(0.0, st->muscle[mu->antagonist].ia_ring[back] - ia_rest);

  /* excitation: resting tone (higher in cramp-prone muscles), reflexes, massage, will */
  double tone = p->nm_tone + p->nm_excitability_per_hz * (p->nm_ctf_never - mu->ctf);
  /* massage inhibition follows the pressure with a lag: it builds under sustained strokes and
   * vanishes within a fraction of a second when they stop */
  double want = massage_inhibition(p, pressure);
  s->inhibition += (want - s->inhibition) * (want > s->inhibition ? nm->k_rise : nm->k_fall);
  if (s->inhibition < p->nm_inhibition_floor) s->inhibition = 0.0; /* gone: no denormal tail */
  voluntary_drive(p, s, dt);
  /* stretch beyond optimal length inhibits (bertolasi1993), no sooner than the reflex loop */
  double lengthened = lengthening_inhibition(nm, s, s->len_ring[back]);
  double ia_gain = nm->ia_gain * (1.0 - st->reflex_fatigue);
  s->e = tone + s->e_vol + ia_gain * p->nm_gain_ia * ia_transmitted(nm, s, ia_d - ia_rest) -
         p->nm_gain_ib * ib_d - p->nm_gain_ri * ri - s->inhibition - lengthened;
  if (s->out.npic > s->sp_npic) s->sp_npic = s->out.npic;

  double ctf_now = cramp_threshold_now(nm, in, st, i);
  kn_pool_set_pic_rate(s->pool, ctf_now);
  double driving = s->stim_on               ? s->stim_rate
                   : in->percussed[i]       ? percussion_rate(nm, in->action_now)
                   : s->e_vol_target >= 0.0 ? s->out.mean_rate
                                            : 0.0;
  cramp_pic_level(p, s, driving, ctf_now, dt);
  kn_pool_set_pic_drive(s->pool, p->nm_pic_drive * s->pic_level);
  temperature_scaling(nm, mu, s);
  kn_pool_input pin = pool_input(nm, s, dt);
  kn_pool_step(s->pool, &pin, &s->out);
  s->frac = s->out.force;
  double active = s->out.force * kn_hill_fl(&nm->hill, s->L) * kn_hill_fv(&nm->hill, s->V);
  s->force = mm->f_max * (active + kn_hill_passive(&nm->hill, s->L));
  st->joints.torque[mm->joint] -= mm->sign * mm->arm * s->force;
  publish(s, o, i);

  /* outcomes: relaxation, tone, spasms */
  muscle_outcome(nm, s, i, dt, o);
  double invol = involuntary_force(nm, in, st, s, i);
  if (s->in_spasm && s->force > s->sp_peak_force) s->sp_peak_force = s->force;
  detect_spasm(nm, in, st, i, invol, tap, o);
  /* one sum: a non-finite term makes it non-finite */
  return isfinite(s->temperature + s->inhibition + s->e + s->force);
}

/* Share of the Ia excitation the exertion before the session still removes at time t (s): its
 * fast and slow parts recovering (fatigue_hreflex2006). From the time itself, not a per-step decay,
 * so it recovers while the stage rests in the quiet tail too. */
static double reflex_fatigue(const kn_nm_params *nm, double t) {
  const kn_params *p = nm->par;
  return nm->fatigue_fast * exp(-t / p->nm_fatigue_reflex_fast_tau) +
         nm->fatigue_slow * exp(-t / p->nm_fatigue_reflex_slow_tau);
}

int kn_nm_step(const kn_nm_params *nm, const kn_nm_in *in, kn_nm_state *st, kn_nm_out *o,
               double dt) {
  if (dt != nm->dt) return KN_EINVAL; /* the pools and delay rings are built for nm->dt */
  o->nended = 0;
  nm_orders orders;
  read_orders(nm, in, st, &orders);
  st->action = orders.action;
  if (nm->fatigue_fast + nm->fatigue_slow > 0.0) /* only after exertion: two exp a step */
    st->reflex_fatigue = reflex_fatigue(nm, in->t);
  joints_step(nm, &st->joints, &orders);
  int finite = 1;
  for (int i = 0; i < nm->nmuscle; i++)
    finite &= muscle_step(nm, in, st, i, o);
  st->ring_head = (st->ring_head + 1) % nm->ring;
  return finite ? KN_OK : KN_ENONFINITE;
}

void kn_nm_finish(const kn_nm_params *nm, const kn_nm_in *in, kn_nm_state *st, kn_nm_out *o) {
  o->nended = 0;
  for (int i = 0; i < nm->nmuscle; i++) {
    muscle_state *s = &st->muscle[i];
    if (!s->in_spasm) continue;
    s->sp_last_above = in->t;
    classify_spasm(nm, s, i, o);
  }
}

int kn_nm_quiet(const kn_nm_params *nm, const kn_nm_state *st) {
  for (int i = 0; i < nm->nmuscle; i++) {
    const muscle_state *s = &st->muscle[i];
    if (s->out.nfiring > 0 || s->in_spasm || s->stim_on) return 0;
  }
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    if (nm->joint_used[j] && fabs(st->joints.omega[j]) > nm->par->nm_quiet_omega) return 0;
  return 1;
}

const char *kn_spasm_kind_name(kn_spasm_kind k) {
  static const char *const names[] = {"clonic spasm", "tonic spasm", "cramp"};
  return (unsigned)k <= KN_SPASM_CRAMP ? names[k] : "?";
}
