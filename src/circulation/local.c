/* SPDX-License-Identifier: Apache-2.0 */
/* Local circulation: flow under the hands, reactive hyperaemia, exercise and post-exercise
 * hyperaemia, the skin-flow response of massage, heat, temperatures, and the interstitial potassium
 * and lactate of the working muscles.
 *
 * Flow under a hand falls linearly with the pressure on the tissue and stops when it reaches the
 * skin perfusion pressure (mean arterial pressure less 10.8 mmHg). While flow is cut, an ischaemic
 * vasodilator signal builds (first order toward 1); after release it decays with the hyperaemia's
 * half-life and raises flow by up to circ_hyperaemia_gain times rest. An effort builds a metabolic
 * vasodilator that follows activation within seconds and, once the effort eases, is washed out by
 * the flow through the muscle (time constant circ_washout_tau at resting flow): post-exercise
 * hyperaemia lasts minutes, and anything that impedes flow after an effort (hands squeezing the
 * muscle) slows its wash-out (Wiltshire 2010). Massage strokes dilate skin
 * vessels (Hinds 2004); heat raises skin flow with skin temperature (Petrofsky). Skin temperature
 * follows a heat balance between arterial blood, the room and any heat source; muscle temperature
 * approaches the heat source's documented rise (Petrofsky) and the core. Potassium and lactate are
 * released in proportion to activation and cleared partly by flow: the wash-out of cramp relief. */
#include "circulation/circulation.h"

#include <math.h>

#include "core/units.h"
#include "knead/error.h"

/* s after the end of an effort at which the post-exercise artery inflow is reported, and the
 * window of its mean: the times Wiltshire 2010 reported (30 s, 10 min); read-out times, not
 * physiology. */
#define RECOVERY_EARLY_S 30.0
#define RECOVERY_WINDOW_S 600.0

/* Share of flow cut by pressure p (Pa) against stop pressure p_stop (Pa): 0..1. */
static double occlusion(double p, double p_stop) {
  double o = p / p_stop;
  return o < 0.0 ? 0.0 : o > 1.0 ? 1.0 : o;
}

/* Exact first-order step of x toward target with time constant tau over dt. */
static double approach(double x, double target, double dt, double tau) {
  return target + (x - target) * exp(-dt / tau);
}

/* The heat sources on the regions now: sets their temperatures, or clears them. */
static void heat_sources(const kn_circ_params *cp, double t, kn_circ_region *region) {
  const kn_params *p = cp->par;
  for (int r = 0; r < cp->nregion; r++) {
    kn_circ_region *c = &region[r];
    c->heat_source = 0.0;
    c->heat_muscle_rise = 0.0;
  }
  for (int k = 0; k < cp->nheat; k++) {
    int ai = cp->heat_actions[k];
    const kn_action *a = &cp->actions[ai];
    double tau;
    if (!kn_action_phase(a, cp->action_start[ai], cp->action_end[ai], t, &tau, NULL)) continue;
    int r = cp->region_local[a->region];
    kn_circ_region *c = &region[r];
    double skin0 = p->circ_skin_temp_rest + KN_ZERO_CELSIUS;
    double src = a->temperature;
    /* a hydrocollator pack cools toward the skin over its application */
    if (a->heat == KN_HEAT_HOT_PACK)
      src = skin0 + (src - skin0) * exp(-tau / p->circ_heat_pack_cooling);
    double rise = a->heat == KN_HEAT_HOT_PACK   ? p->circ_heat_pack
                  : a->heat == KN_HEAT_DRY_WRAP ? p->circ_heat_dry
                                                : p->circ_heat_moist;
    /* a cooler source warms less: scaled by its excess over skin temperature, full at the
     * documented source temperature */
    double excess = fmax(0.0, a->temperature - (KN_ZERO_CELSIUS + p->circ_heat_ref_skin));
    c->heat_source = fmax(c->heat_source, src);
    c->heat_muscle_rise = fmax(c->heat_muscle_rise,
                               rise * excess / (p->circ_heat_ref_source - p->circ_heat_ref_skin));
  }
}

KN_STAGE_SIZE_FROM_INIT(circ)

void kn_circ_init(const kn_circ_params *p, kn_arena *a, kn_circ_state *s, kn_circ_out *o) {
  size_t nr = (size_t)p->nregion;
  s->region = kn_arena_take(a, nr, sizeof(kn_circ_region));
  s->activation = kn_arena_take(a, nr, sizeof(double));
  o->region = s->region;
  o->muscle = kn_arena_take(a, (size_t)p->nnm, sizeof(kn_circ_muscle));
  o->outcome = kn_arena_take(a, nr, sizeof(kn_circ_outcome));
}

void kn_circ_reset(const kn_circ_params *cp, kn_circ_state *s, kn_circ_out *o) {
  const kn_params *p = cp->par;
  double muscle0 = p->circ_muscle_temp_rest + KN_ZERO_CELSIUS;
  for (int r = 0; r < cp->nregion; r++) {
    kn_circ_region *c = &s->region[r];
    *c = (kn_circ_region){.skin_flow = 1.0,
                          .muscle_flow = 1.0,
                          .skin_temp = p->circ_skin_temp_rest + KN_ZERO_CELSIUS,
                          .muscle_temp = muscle0,
                          .muscle_mean = 1.0,
                          .artery_flow = 1.0,
                          .t_release = -INFINITY,
                          .t_effort_end = -INFINITY};
    o->outcome[r] = (kn_circ_outcome){.region = cp->regions[r],
                                      .skin_flow_min = 1.0,
                                      .skin_flow_peak = 1.0,
                                      .skin_flow_end = 1.0,
                                      .muscle_flow_min = 1.0,
                                      .muscle_flow_peak = 1.0,
                                      .hyperaemia_peak = 1.0,
                                      .skin_temperature_rest = c->skin_temp,
                                      .skin_temperature_peak = c->skin_temp,
                                      .muscle_temperature_rest = c->muscle_temp,
                                      .muscle_temperature_peak = c->muscle_temp,
                                      .potassium_peak = cp->serum_potassium,
                                      .lactate_peak = p->circ_lactate_rest,
                                      .evidence = KN_EVIDENCE_HUMAN};
  }
  for (int i = 0; i < cp->nnm; i++)
    o->muscle[i] = (kn_circ_muscle){cp->serum_potassium, p->circ_lactate_rest, muscle0};
}

/* The hands on region r now: their area share of the region, and whether one of them holds
 * still (a compression or a static hold keeps one patch under pressure; a gliding hand passes). */
typedef struct hands {
  int on;       /* any hand on the region */
  int still;    /* a hand holds one spot */
  double share; /* area share of the region under the hands, 0..1 */
} hands;

static hands hands_on(const kn_circ_params *cp, const kn_circ_in *in, int r) {
  const kn_region *rg = kn_atlas_region((size_t)cp->regions[r]);
  hands h = {0, 0, 0.0};
  for (int s = 0; s < in->ncontact; s++) {
    const kn_contact *k = &in->contacts[s];
    if (!k->active || k->region < 0 || cp->region_local[k->region] != r) continue;
    h.on = 1;
    h.share += k->area;
    if (k->action >= 0 && cp->actions[k->action].speed <= 0.0) h.still = 1;
  }
  h.share = fmin(1.0, h.share / (rg->width * rg->length));
  return h;
}

/* The metabolic vasodilator of the region's effort: it follows activation a within seconds while
 * the effort holds or grows (exercise hyperaemia), and once the effort eases it is washed out in
 * proportion to the flow through the muscle layer (last step's region mean): fast while flow is
 * high, with circ_washout_tau at resting flow, slower where hands squeeze the muscle. */
static void metabolic_step(const kn_params *p, kn_circ_region *c, double a, double dt) {
  if (a >= c->metabolic) {
    c->metabolic = approach(c->metabolic, a, dt, p->circ_exercise_tau);
    return;
  }
  double washout = fmax(c->muscle_mean, 0.0) / p->circ_washout_tau;
  c->metabolic = a + (c->metabolic - a) * exp(-dt * washout);
}

/* After an effort of the region's muscles: the artery inflow RECOVERY_EARLY_S after it ended and
 * its mean over the RECOVERY_WINDOW_S after (post-exercise hyperaemia, as Wiltshire 2010 reported
 * it). A new effort starts the record again. */
static void recovery_step(const kn_params *p, double t, double a, kn_circ_region *c,
                          kn_circ_outcome *o, double dt) {
  int effort = a > p->circ_worked_activation;
  if (c->effort && !effort) {
    c->t_effort_end = t;
    c->recovery_sum = c->recovery_time = 0.0;
    o->recovery_flow_early = 0.0;
  }
  c->effort = effort;
  double since = t - c->t_effort_end;
  if (effort || since > RECOVERY_WINDOW_S) return;
  c->recovery_sum += c->artery_flow * dt;
  c->recovery_time += dt;
  o->recovery_flow_mean = c->recovery_sum / c->recovery_time;
  if (since <= RECOVERY_EARLY_S) o->recovery_flow_early = c->artery_flow;
}

/* One region: the flows under the hands and over the region, temperatures, hyperaemia. */
static void region_step(const kn_circ_params *cp, const kn_circ_in *in, kn_circ_state *st,
                        kn_circ_out *out, int r, double dt, double p_stop) {
  const kn_params *p = cp->par;
  kn_circ_region *c = &st->region[r];
  kn_circ_outcome *o = &out->outcome[r];
  double reserve = cp->atherosclerosis ? p->circ_atherosclerosis_reserve : 1.0;
  double k_wash = log(2.0) / p->circ_hyperaemia_halflife;
  double skin0 = p->circ_skin_temp_rest + KN_ZERO_CELSIUS;
  double muscle0 = p->circ_muscle_temp_rest + KN_ZERO_CELSIUS;
  double fever = in->core_temp - (p->sys_core_normal + KN_ZERO_CELSIUS);
  hands h = hands_on(cp, in, r);
  if (h.on) c->patch_share = h.share;

  double p_muscle = 0.0;
  for (int k = 0; k < cp->nmuscle; k++)
    if (cp->muscle_region[k] == r) p_muscle = fmax(p_muscle, in->muscle_p[k]);
  double o_skin = occlusion(in->region_p[r], p_stop);
  double o_muscle = occlusion(p_muscle, p_stop);
  /* the patch that builds an ischaemic debt: all of it under a still hand; under a gliding one,
   * a point of skin is covered only for the region share of the time */
  double dwell = h.still ? 1.0 : h.share;

  /* ischaemic vasodilator signal: builds under occlusion, washes out with flow */
  c->debt_skin = approach(c->debt_skin, 1.0, dt * o_skin * dwell, p->circ_debt_skin_tau);
  c->debt_skin *= exp(-k_wash * dt * (1.0 - o_skin * dwell));
  c->debt_muscle = approach(c->debt_muscle, 1.0, dt * o_muscle * dwell, p->circ_debt_muscle_tau);
  c->debt_muscle *= exp(-k_wash * dt * (1.0 - o_muscle * dwell));
  c->massage = approach(c->massage, h.on ? 1.0 : 0.0, dt, p->circ_massage_skin_tau);
  c->activation = approach(c->activation, st->activation[r], dt, p->circ_exercise_tau);
  metabolic_step(p, c, st->activation[r], dt);
  /* applied heat dilates skin vessels with the warming it causes (not the warmth of the skin's
   * own raised flow, which would feed itself); it fades like the massage response */
  double heated =
      c->heat_source > 0.0 ? p->circ_heat_skin_gain * fmax(0.0, c->skin_temp - skin0) : 0.0;
  c->heat_dilation = approach(c->heat_dilation, heated, dt, p->circ_massage_skin_tau);

  /* flows: over the region (massage, heat, exercise) and under the hands (occlusion, debt) */
  double rest_skin = 1.0 + p->circ_massage_skin_gain * c->massage + c->heat_dilation;
  double rest_muscle = 1.0 + reserve * p->circ_exercise_gain * c->metabolic;
  c->skin_flow =
      (1.0 - o_skin) * rest_skin * (1.0 + reserve * p->circ_hyperaemia_gain * c->debt_skin);
  c->muscle_flow =
      (1.0 - o_muscle) * rest_muscle * (1.0 + reserve * p->circ_hyperaemia_gain * c->debt_muscle);
  double share = c->patch_share;
  double skin_mean = share * c->skin_flow + (1.0 - share) * rest_skin;
  double muscle_mean = share * c->muscle_flow + (1.0 - share) * rest_muscle;
  c->muscle_mean = muscle_mean;
  c->artery_flow = p->circ_skin_share * skin_mean + (1.0 - p->circ_skin_share) * muscle_mean;

  /* skin temperature: blood, room and source in balance (weights relative to the room's) */
  double room = p->circ_room_temp + KN_ZERO_CELSIUS;
  double w_blood = p->circ_skin_blood_share * skin_mean;
  double w_src = c->heat_source > 0.0 ? p->circ_heat_coupling : 0.0;
  double skin_target =
      (room + w_blood * in->core_temp + w_src * c->heat_source) / (1.0 + w_blood + w_src);
  c->skin_temp = approach(c->skin_temp, skin_target, dt, p->circ_skin_temp_tau);
  double muscle_target = muscle0 + c->heat_muscle_rise + fever;
  c->muscle_temp = approach(c->muscle_temp, muscle_target, dt, p->circ_heat_tau);

  /* after an occlusion is released, the skin's hyperaemia is reported (laser Doppler's measure) */
  int occluded = o_skin > 0.5;
  if (c->occluded && !occluded) c->t_release = in->t;
  c->occluded = occluded;
  if (in->t - c->t_release < p->circ_hyperaemia_window)
    o->hyperaemia_peak = fmax(o->hyperaemia_peak, c->skin_flow);

  /* the limb artery feeds the whole region while it is worked by hands or by its muscles */
  if (h.on || c->activation > p->circ_worked_activation) {
    double artery = c->artery_flow;
    c->artery_sum += (artery - 1.0) * dt;
    c->artery_time += dt;
    o->artery_flow_change = c->artery_sum / c->artery_time;
  }

  recovery_step(p, in->t, st->activation[r], c, o, dt);

  o->skin_flow_min = fmin(o->skin_flow_min, c->skin_flow);
  o->skin_flow_peak = fmax(o->skin_flow_peak, c->skin_flow);
  o->muscle_flow_min = fmin(o->muscle_flow_min, c->muscle_flow);
  o->muscle_flow_peak = fmax(o->muscle_flow_peak, c->muscle_flow);
  o->skin_temperature_peak = fmax(o->skin_temperature_peak, c->skin_temp);
  o->muscle_temperature_peak = fmax(o->muscle_temperature_peak, c->muscle_temp);
  if (in->t <= cp->plan_end) o->skin_flow_end = c->skin_flow;
}

/* Interstitial potassium and lactate of each simulated muscle, and its temperature. */
static void muscles_step(const kn_circ_params *cp, const kn_circ_in *in, kn_circ_out *out,
                         double dt) {
  const kn_params *p = cp->par;
  double plasma_k = cp->serum_potassium;
  double k_k = log(2.0) / p->circ_potassium_halflife;
  double k_la = log(2.0) / p->circ_lactate_halflife;
  double share = p->circ_potassium_flow_share;
  for (int i = 0; i < cp->nnm; i++) {
    kn_circ_muscle *cm = &out->muscle[i];
    int r = cp->nm_region[i];
    double act = in->nm_activation[i];
    double flow = r >= 0 ? out->region[r].muscle_flow : 1.0 + p->circ_exercise_gain * act;
    double clear = (1.0 - share) + share * flow;
    /* exact step of dK/dt = rate*act - k*clear*(K - plasma) */
    double kk = k_k * clear, kl = k_la * clear;
    double k_eq = plasma_k + (kk > 0.0 ? p->circ_potassium_rate * act / kk : 0.0);
    double la_eq = p->circ_lactate_rest + (kl > 0.0 ? p->circ_lactate_rate * act / kl : 0.0);
    cm->potassium = kk > 0.0 ? k_eq + (cm->potassium - k_eq) * exp(-kk * dt)
                             : cm->potassium + p->circ_potassium_rate * act * dt;
    cm->lactate = kl > 0.0 ? la_eq + (cm->lactate - la_eq) * exp(-kl * dt)
                           : cm->lactate + p->circ_lactate_rate * act * dt;
    cm->temperature =
        r >= 0 ? out->region[r].muscle_temp : p->circ_muscle_temp_rest + KN_ZERO_CELSIUS;
    if (r >= 0) {
      kn_circ_outcome *o = &out->outcome[r];
      o->potassium_peak = fmax(o->potassium_peak, cm->potassium);
      o->lactate_peak = fmax(o->lactate_peak, cm->lactate);
    }
  }
}

/* KN_OK, or KN_ENONFINITE if a region's flows or temperatures or a muscle's metabolites are not
 * finite (a handful of numbers per region and muscle, every KN_CIRC_PERIOD: negligible). */
static int check_finite(const kn_circ_params *cp, const kn_circ_out *o) {
  double sum = 0.0;
  for (int r = 0; r < cp->nregion; r++) {
    const kn_circ_region *c = &o->region[r];
    sum += c->skin_flow + c->muscle_flow + c->skin_temp + c->muscle_temp;
  }
  for (int i = 0; i < cp->nnm; i++)
    sum += o->muscle[i].potassium + o->muscle[i].lactate;
  return isfinite(sum) ? KN_OK : KN_ENONFINITE;
}

int kn_circ_step(const kn_circ_params *cp, const kn_circ_in *in, kn_circ_state *s, kn_circ_out *o,
                 double dt) {
  const kn_params *p = cp->par;
  double map = (in->systolic + 2.0 * in->diastolic) / 3.0;
  double p_stop = fmax(map - p->circ_stop_margin, p->circ_stop_floor);
  heat_sources(cp, in->t, s->region);

  /* activation of each region's simulated muscles (exercise hyperaemia) */
  for (int r = 0; r < cp->nregion; r++)
    s->activation[r] = 0.0;
  for (int i = 0; i < cp->nnm; i++) {
    int r = cp->nm_region[i];
    if (r >= 0) s->activation[r] = fmax(s->activation[r], in->nm_activation[i]);
  }
  for (int r = 0; r < cp->nregion; r++)
    region_step(cp, in, s, o, r, dt, p_stop);
  muscles_step(cp, in, o, dt);
  return check_finite(cp, o);
}
