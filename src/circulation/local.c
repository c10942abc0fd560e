/* Local circulation: flow under the hands, reactive hyperaemia, the skin-flow response of massage,
 * heat, temperatures, and the interstitial potassium and lactate of the working muscles.
 *
 * Flow under a hand falls linearly with the pressure on the tissue and stops when it reaches the
 * skin perfusion pressure (mean arterial pressure less 10.8 mmHg). While flow is cut, an ischaemic
 * vasodilator signal builds (first order toward 1); after release it decays with the hyperaemia's
 * half-life and raises flow by up to circ_hyperaemia_gain times rest. Massage strokes dilate skin
 * vessels (Hinds 2004); heat raises skin flow with skin temperature (Petrofsky). Skin temperature
 * follows a heat balance between arterial blood, the room and any heat source; muscle temperature
 * approaches the heat source's documented rise (Petrofsky) and the core. Potassium and lactate are
 * released in proportion to activation and cleared partly by flow: the wash-out of cramp relief. */
#include <math.h>

#include "core/units.h"
#include "sim/sim_internal.h"

/* Share of flow cut by pressure p (Pa) against stop pressure p_stop (Pa): 0..1. */
static double occlusion(double p, double p_stop) {
  double o = p / p_stop;
  return o < 0.0 ? 0.0 : o > 1.0 ? 1.0 : o;
}

/* Exact first-order step of x toward target with time constant tau over dt. */
static double approach(double x, double target, double dt, double tau) {
  return target + (x - target) * exp(-dt / tau);
}

/* The heat source on atlas region ar now: sets its temperatures, or clears them. */
static void heat_sources(const kn_model *m, const kn_data *d) {
  const kn_params *p = &m->par;
  for (int r = 0; r < m->nregion; r++) {
    kn_circ_region *c = &d->circ[r];
    c->heat_source = 0.0;
    c->heat_muscle_rise = 0.0;
  }
  for (int k = 0; k < m->nheat; k++) {
    int ai = m->heat_actions[k];
    const kn_action *a = &m->session.actions[ai];
    double tau;
    if (!kn_action_active(m, ai, d->t, &tau, NULL)) continue;
    int r = m->region_local[a->region];
    kn_circ_region *c = &d->circ[r];
    double skin0 = p->circ_skin_temp_rest + KN_ZERO_CELSIUS;
    double src = a->temperature;
    /* a hydrocollator pack cools toward the skin over its application */
    if (a->heat == KN_HEAT_HOT_PACK)
      src = skin0 + (src - skin0) * exp(-tau / p->circ_heat_pack_cooling);
    double rise = a->heat == KN_HEAT_HOT_PACK   ? p->circ_heat_pack
                  : a->heat == KN_HEAT_DRY_WRAP ? p->circ_heat_dry
                                                : p->circ_heat_moist;
    /* a cooler source warms less: scaled by its excess over skin temperature at 40 degC */
    c->heat_source = fmax(c->heat_source, src);
    c->heat_muscle_rise = fmax(c->heat_muscle_rise,
                               rise * fmax(0.0, a->temperature - (KN_ZERO_CELSIUS + 33.0)) / 7.0);
  }
}

void kn_circ_reset(const kn_model *m, kn_data *d) {
  const kn_params *p = &m->par;
  for (int r = 0; r < m->nregion; r++) {
    d->circ[r] = (kn_circ_region){.skin_flow = 1.0,
                                  .muscle_flow = 1.0,
                                  .skin_temp = p->circ_skin_temp_rest + KN_ZERO_CELSIUS,
                                  .muscle_temp = p->circ_muscle_temp_rest + KN_ZERO_CELSIUS,
                                  .t_release = -INFINITY};
    d->circ_out[r] = (kn_circ_outcome){.region = m->regions[r],
                                       .skin_flow_min = 1.0,
                                       .skin_flow_peak = 1.0,
                                       .skin_flow_end = 1.0,
                                       .muscle_flow_min = 1.0,
                                       .muscle_flow_peak = 1.0,
                                       .hyperaemia_peak = 1.0,
                                       .skin_temperature_rest = d->circ[r].skin_temp,
                                       .skin_temperature_peak = d->circ[r].skin_temp,
                                       .muscle_temperature_rest = d->circ[r].muscle_temp,
                                       .muscle_temperature_peak = d->circ[r].muscle_temp,
                                       .potassium_peak = m->subject.serum_potassium,
                                       .lactate_peak = p->circ_lactate_rest,
                                       .evidence = KN_EVIDENCE_HUMAN};
  }
  for (int i = 0; i < m->nm.nmuscle; i++)
    d->circ_muscle[i] = (kn_circ_muscle){m->subject.serum_potassium, p->circ_lactate_rest};
}

/* The hands on region r now: their area share of the region, and whether one of them holds
 * still (a compression or a static hold keeps one patch under pressure; a gliding hand passes). */
typedef struct hands {
  int on;       /* any hand on the region */
  int still;    /* a hand holds one spot */
  double share; /* area share of the region under the hands, 0..1 */
} hands;

static hands hands_on(const kn_model *m, const kn_data *d, int r) {
  const kn_region *rg = kn_atlas_region((size_t)m->regions[r]);
  hands h = {0, 0, 0.0};
  for (int s = 0; s < m->nslot; s++) {
    const kn_contact *k = &d->contacts[s];
    if (!k->active || k->region < 0 || m->region_local[k->region] != r) continue;
    h.on = 1;
    h.share += k->area;
    if (k->action >= 0 && m->session.actions[k->action].speed <= 0.0) h.still = 1;
  }
  h.share = fmin(1.0, h.share / (rg->width * rg->length));
  return h;
}

/* One region: the flows under the hands and over the region, temperatures, hyperaemia. */
static void region_step(const kn_model *m, kn_data *d, int r, double dt, double p_stop) {
  const kn_params *p = &m->par;
  kn_circ_region *c = &d->circ[r];
  kn_circ_outcome *o = &d->circ_out[r];
  double reserve = m->subject.atherosclerosis ? p->circ_atherosclerosis_reserve : 1.0;
  double k_wash = log(2.0) / p->circ_hyperaemia_halflife;
  double skin0 = p->circ_skin_temp_rest + KN_ZERO_CELSIUS;
  double muscle0 = p->circ_muscle_temp_rest + KN_ZERO_CELSIUS;
  double fever = d->sys.core_temp - (37.0 + KN_ZERO_CELSIUS);
  hands h = hands_on(m, d, r);
  if (h.on) c->patch_share = h.share;

  double p_muscle = 0.0;
  for (int k = 0; k < m->nmuscle; k++)
    if (m->muscle_region[k] == r) p_muscle = fmax(p_muscle, d->muscle_p[k]);
  double o_skin = occlusion(d->region_p[r], p_stop);
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
  c->activation = approach(c->activation, d->circ_act[r], dt, p->circ_exercise_tau);
  /* applied heat dilates skin vessels with the warming it causes (not the warmth of the skin's
   * own raised flow, which would feed itself); it fades like the massage response */
  double heated =
      c->heat_source > 0.0 ? p->circ_heat_skin_gain * fmax(0.0, c->skin_temp - skin0) : 0.0;
  c->heat_dilation = approach(c->heat_dilation, heated, dt, p->circ_massage_skin_tau);

  /* flows: over the region (massage, heat, exercise) and under the hands (occlusion, debt) */
  double rest_skin = 1.0 + p->circ_massage_skin_gain * c->massage + c->heat_dilation;
  double rest_muscle = 1.0 + reserve * p->circ_exercise_gain * c->activation;
  c->skin_flow =
      (1.0 - o_skin) * rest_skin * (1.0 + reserve * p->circ_hyperaemia_gain * c->debt_skin);
  c->muscle_flow =
      (1.0 - o_muscle) * rest_muscle * (1.0 + reserve * p->circ_hyperaemia_gain * c->debt_muscle);
  double share = c->patch_share;
  double skin_mean = share * c->skin_flow + (1.0 - share) * rest_skin;
  double muscle_mean = share * c->muscle_flow + (1.0 - share) * rest_muscle;

  /* skin temperature: blood, room and source in balance (weights relative to the room's) */
  double room = p->circ_room_temp + KN_ZERO_CELSIUS;
  double w_blood = p->circ_skin_blood_share * skin_mean;
  double w_src = c->heat_source > 0.0 ? p->circ_heat_coupling : 0.0;
  double skin_target =
      (room + w_blood * d->sys.core_temp + w_src * c->heat_source) / (1.0 + w_blood + w_src);
  c->skin_temp = approach(c->skin_temp, skin_target, dt, p->circ_skin_temp_tau);
  double muscle_target = muscle0 + c->heat_muscle_rise + fever;
  c->muscle_temp = approach(c->muscle_temp, muscle_target, dt, p->circ_heat_tau);

  /* after an occlusion is released, the skin's hyperaemia is reported (laser Doppler's measure) */
  int occluded = o_skin > 0.5;
  if (c->occluded && !occluded) c->t_release = d->t;
  c->occluded = occluded;
  if (d->t - c->t_release < 60.0) o->hyperaemia_peak = fmax(o->hyperaemia_peak, c->skin_flow);

  /* the limb artery feeds the whole region while it is worked by hands or by its muscles */
  if (h.on || c->activation > 0.02) {
    double artery = p->circ_skin_share * skin_mean + (1.0 - p->circ_skin_share) * muscle_mean;
    c->artery_sum += (artery - 1.0) * dt;
    c->artery_time += dt;
    o->artery_flow_change = c->artery_sum / c->artery_time;
  }

  o->skin_flow_min = fmin(o->skin_flow_min, c->skin_flow);
  o->skin_flow_peak = fmax(o->skin_flow_peak, c->skin_flow);
  o->muscle_flow_min = fmin(o->muscle_flow_min, c->muscle_flow);
  o->muscle_flow_peak = fmax(o->muscle_flow_peak, c->muscle_flow);
  o->skin_temperature_peak = fmax(o->skin_temperature_peak, c->skin_temp);
  o->muscle_temperature_peak = fmax(o->muscle_temperature_peak, c->muscle_temp);
  if (d->t <= m->plan_end) o->skin_flow_end = c->skin_flow;
}

void kn_circ_step(const kn_model *m, kn_data *d, double dt) {
  const kn_params *p = &m->par;
  const kn_nm_params *nm = &m->nm;
  double map = (d->sys.systolic + 2.0 * d->sys.diastolic) / 3.0;
  double p_stop = fmax(map - p->circ_stop_margin, 20.0 * KN_MMHG);
  heat_sources(m, d);

  /* activation of each region's simulated muscles (exercise hyperaemia) */
  for (int r = 0; r < m->nregion; r++)
    d->circ_act[r] = 0.0;
  for (int i = 0; i < nm->nmuscle; i++) {
    int r = nm->muscles[i].tissue >= 0 ? m->muscle_region[nm->muscles[i].tissue] : -1;
    if (r >= 0) d->circ_act[r] = fmax(d->circ_act[r], d->nm_out.activation[i]);
  }
  for (int r = 0; r < m->nregion; r++)
    region_step(m, d, r, dt, p_stop);

  /* interstitial potassium and lactate of each simulated muscle */
  double plasma_k = m->subject.serum_potassium;
  double k_k = log(2.0) / p->circ_potassium_halflife;
  double k_la = log(2.0) / p->circ_lactate_halflife;
  double share = p->circ_potassium_flow_share;
  for (int i = 0; i < nm->nmuscle; i++) {
    kn_circ_muscle *cm = &d->circ_muscle[i];
    int r = nm->muscles[i].tissue >= 0 ? m->muscle_region[nm->muscles[i].tissue] : -1;
    double act = d->nm_out.activation[i];
    double flow = r >= 0 ? d->circ[r].muscle_flow : 1.0 + p->circ_exercise_gain * act;
    double clear = (1.0 - share) + share * flow;
    /* exact step of dK/dt = rate*act - k*clear*(K - plasma) */
    double kk = k_k * clear, kl = k_la * clear;
    double k_eq = plasma_k + (kk > 0.0 ? p->circ_potassium_rate * act / kk : 0.0);
    double la_eq = p->circ_lactate_rest + (kl > 0.0 ? p->circ_lactate_rate * act / kl : 0.0);
    cm->potassium = kk > 0.0 ? k_eq + (cm->potassium - k_eq) * exp(-kk * dt)
                             : cm->potassium + p->circ_potassium_rate * act * dt;
    cm->lactate = kl > 0.0 ? la_eq + (cm->lactate - la_eq) * exp(-kl * dt)
                           : cm->lactate + p->circ_lactate_rate * act * dt;
    if (r >= 0) {
      kn_circ_outcome *o = &d->circ_out[r];
      o->potassium_peak = fmax(o->potassium_peak, cm->potassium);
      o->lactate_peak = fmax(o->lactate_peak, cm->lactate);
    }
  }
}

double kn_circ_muscle_temperature(const kn_model *m, const kn_data *d, int i) {
  const kn_nm_muscle *mu = &m->nm.muscles[i];
  if (mu->tissue < 0) return m->par.circ_muscle_temp_rest + KN_ZERO_CELSIUS;
  return d->circ[m->muscle_region[mu->tissue]].muscle_temp;
}
