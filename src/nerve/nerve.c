/* SPDX-License-Identifier: Apache-2.0 */
/* Nerve compression. Four clocks run under pressure: ischaemia (reversible conduction block, the
 * tourniquet time scale, read per fibre class), fast and slow axonal transport (Dahlin 1984,
 * Dahlin & McLean 1986) and structural deformation (Rydevik & Nordborg 1980, Dahlin 1986, Ochoa
 * 1972), which blocks conduction in the deformed fibres until they are repaired (weeks to
 * months). Equations and sources: docs/model.md, "Nerve". */
#include <math.h>

#include "knead/nerve.h"

/* The lesion of a grade is repaired with a time constant of a third of the grade's shortest
 * recovery: at that recovery 95 % (1 - e^-3) of the blocked fibres conduct again. */
#define REPAIR_TIME_CONSTANTS 3.0
/* Below this product of rate and step the exact exponential form's r / k could overflow; Euler's
 * relative error there (k dt / 2) is below double precision. */
#define EXACT_FORM_MIN 1e-15

/* Below this argument 1 - e^-x is summed as its series (x - x^2/2 + x^3/6, error below x^4/24):
 * the subtraction would lose digits, and the monitor's firmware has exp but not expm1. */
#define SERIES_MAX 1e-5
#define THIRD_FACTORIAL 6.0 /* 3!, the series' third denominator */

/* 1 - e^-x, accurate for small x (expm1 without libm's expm1). */
static double one_minus_exp_neg(double x) {
  if (x < SERIES_MAX) return x * (1.0 - x * (0.5 - x / THIRD_FACTORIAL));
  return 1.0 - exp(-x);
}

/* tanh for y >= 0 from exp (the firmware has no tanh). */
static double tanh_pos(double y) {
  return one_minus_exp_neg(2.0 * y) / (1.0 + exp(-2.0 * y));
}

static const char *const grade_names[] = {"none", "transient paresthesia", "conduction block",
                                          "structural injury", "axonal injury"};

const char *kn_nerve_grade_name(kn_nerve_grade g) {
  return (unsigned)g <= KN_NERVE_SEVERE ? grade_names[g] : "?";
}

void kn_nerve_reset(kn_nerve_state *s) {
  *s = (kn_nerve_state){0};
  s->perfusion = 1.0;
  s->conduction = 1.0;
  for (int f = 0; f < KN_NERVE_FIBRES; f++)
    s->conduction_fibre[f] = s->conduction_fibre_min[f] = 1.0;
}

/* Logistic in pressure, scaled so that an unloaded nerve is fully perfused. */
double kn_nerve_perfusion(const kn_nerve_params *np, double p) {
  double rest = 1.0 + exp(-np->perfusion_p50 / np->perfusion_width);
  return rest / (1.0 + exp((p - np->perfusion_p50) / np->perfusion_width));
}

/* Below the critical perfusion the supply falls short in proportion (1 - q / q_c); above it the
 * surplus (q - q_c) / (1 - q_c) clears the deficit, at 1 / recovery_time when fully perfused. */
void kn_nerve_ischaemia_rates(const kn_nerve_params *np, double q, double *build, double *decay) {
  double qc = np->critical_perfusion;
  *build = q < qc ? (1.0 - q / qc) / np->block_time : 0.0;
  *decay = q > qc ? (q - qc) / (1.0 - qc) / np->recovery_time : 0.0;
}

/* Share of the transport-pressure logistic reached at p, 0 unloaded and 1 at full block. */
static double transport_drive(const kn_nerve_params *np, double p) {
  double mid = 0.5 * (np->transport_p_no + np->transport_p_yes);
  double rest = 1.0 / (1.0 + exp(mid / np->transport_width));
  double s = 1.0 / (1.0 + exp(-(p - mid) / np->transport_width));
  return (s - rest) / (1.0 - rest);
}

/* Dose rate that reaches dose 1 after `time` at transport_p_yes, recovery included (the exact
 * solution of dD/dt = r - k D from 0). */
static double transport_scale(const kn_nerve_params *np, double time, double recovery) {
  double sy = transport_drive(np, np->transport_p_yes);
  double ky = (1.0 - sy) / recovery;
  double reach = ky * time > EXACT_FORM_MIN ? one_minus_exp_neg(ky * time) / ky : time;
  return 1.0 / (sy * reach);
}

double kn_nerve_transport_rate(const kn_nerve_params *np, double p) {
  if (!(p > 0.0)) return 0.0;
  return transport_drive(np, p) * transport_scale(np, np->transport_time, np->transport_recovery);
}

double kn_nerve_transport_time(const kn_nerve_params *np, double p, double dose) {
  if (dose >= 1.0 - KN_DOSE_EPS) return 0.0;
  double r = kn_nerve_transport_rate(np, p);
  if (!(r > 0.0)) return INFINITY;
  double k = (1.0 - transport_drive(np, p)) / np->transport_recovery;
  if (k <= 0.0) return (1.0 - dose) / r;
  double target = r / k; /* the dose this pressure holds the nerve at */
  if (target <= 1.0) return INFINITY;
  return log((target - dose) / (target - 1.0)) / k;
}

/* Linear at first (slope 1 / (p_ref - p_safe) per injury_time_ref, so p_ref for injury_time_ref
 * gives dose 1), saturating at injury_rate_max per injury_time_ref: g(x) = G tanh(x / G), scaled
 * so that g(1) = 1. */
double kn_nerve_injury_rate(const kn_nerve_params *np, double p, double loaded_length) {
  double edge = loaded_length > np->edge_length ? np->edge_length / loaded_length : 1.0;
  double excess = p * edge - np->injury_p_safe;
  if (excess <= 0.0) return 0.0;
  double x = excess / (np->injury_p_ref - np->injury_p_safe);
  double g = np->injury_rate_max;
  return tanh_pos(x / g) / tanh_pos(1.0 / g) / np->injury_time_ref;
}

static double ischaemic_share(double ischaemia, double onset, double block) {
  double f = (ischaemia - onset) / (block - onset);
  if (f < 0.0) f = 0.0;
  if (f > 1.0) f = 1.0;
  return 1.0 - f;
}

/* Conduction falls over the last part of the ischaemic deficit: motor fibres start failing about
 * 15 min into full ischaemia (conduction_onset 0.5) and all are blocked at 30 min (block_time). */
double kn_nerve_conduction(const kn_nerve_params *np, double ischaemia) {
  return ischaemic_share(ischaemia, np->conduction_onset, 1.0);
}

double kn_nerve_fibre_conduction(const kn_nerve_params *np, kn_nerve_fibre f, double ischaemia,
                                 double lesion) {
  switch (f) {
  case KN_FIBRE_SENSORY:
    return ischaemic_share(ischaemia, np->sensory_onset, np->sensory_block) *
           (1.0 - np->sensory_mech * lesion);
  case KN_FIBRE_SMALL:
    return ischaemic_share(ischaemia, np->small_onset, np->small_block) *
           (1.0 - np->small_mech * lesion);
  case KN_FIBRE_MOTOR:
  default:
    return kn_nerve_conduction(np, ischaemia) * (1.0 - lesion);
  }
}

/* dD/dt = r - k D over dt at constant r, k (exact; Euler when k dt is tiny). */
static double relax(double d, double r, double k, double dt) {
  if (k * dt > EXACT_FORM_MIN) return d + (r / k - d) * one_minus_exp_neg(k * dt);
  return d + (r - k * d) * dt;
}

static void step_ischaemia(const kn_nerve_params *np, kn_nerve_state *s, double q, double dt) {
  double build, decay;
  kn_nerve_ischaemia_rates(np, q, &build, &decay);
  s->ischaemia = relax(s->ischaemia, build, decay, dt);
  if (s->ischaemia > np->ischaemia_max) /* deep block saturates; recovery starts from here */
    s->ischaemia = np->ischaemia_max;
  if (s->ischaemia > s->ischaemia_peak) s->ischaemia_peak = s->ischaemia;
}

/* Fast and slow transport on one pressure curve (both papers find the same 20-30 mmHg range),
 * each on its own clock: build under load, recover as the load's drive falls. */
static void step_transport(const kn_nerve_params *np, kn_nerve_state *s, double p, double dt) {
  double drive = p > 0.0 ? transport_drive(np, p) : 0.0;
  double fast = drive * transport_scale(np, np->transport_time, np->transport_recovery);
  double slow = drive * transport_scale(np, np->slow_transport_time, np->slow_transport_recovery);
  s->transport_dose = relax(s->transport_dose, fast, (1.0 - drive) / np->transport_recovery, dt);
  s->slow_transport_dose =
      relax(s->slow_transport_dose, slow, (1.0 - drive) / np->slow_transport_recovery, dt);
  if (s->transport_dose > s->transport_peak) s->transport_peak = s->transport_dose;
  if (s->slow_transport_dose > s->slow_transport_peak)
    s->slow_transport_peak = s->slow_transport_dose;
}

/* The time within which a lesion made at grade g is repaired (95 %): the grade's shortest
 * recovery once structural, the longest recovery of a block below that. */
static double repair_time(const kn_nerve_params *np, kn_nerve_grade g) {
  return g >= KN_NERVE_INJURY ? np->recovery[g][0] : np->recovery[KN_NERVE_BLOCK][1];
}

/* Each dose increment blocks its share of the still conducting motor fibres (so the lesion is
 * 1 - exp(-dose / lesion_dose) while nothing is repaired); repair runs at the pace of the grade
 * reached: hours below the injury dose, weeks for a structural, months for an axonal injury. */
static void step_lesion(const kn_nerve_params *np, kn_nerve_state *s, double dose_step, double dt) {
  s->lesion += (1.0 - s->lesion) * one_minus_exp_neg(dose_step / np->lesion_dose);
  if (s->lesion <= 0.0) return;
  s->lesion -= s->lesion * dt * REPAIR_TIME_CONSTANTS / repair_time(np, s->grade);
  if (s->lesion < 0.0) s->lesion = 0.0;
}

static void step_conduction(const kn_nerve_params *np, kn_nerve_state *s) {
  for (int f = 0; f < KN_NERVE_FIBRES; f++) {
    double c = kn_nerve_fibre_conduction(np, (kn_nerve_fibre)f, s->ischaemia, s->lesion);
    s->conduction_fibre[f] = c;
    if (c < s->conduction_fibre_min[f]) s->conduction_fibre_min[f] = c;
  }
  s->conduction = s->conduction_fibre[KN_FIBRE_MOTOR];
}

static kn_nerve_grade grade_of(const kn_nerve_params *np, const kn_nerve_state *s) {
  if (s->injury_dose >= np->severe_dose - KN_DOSE_EPS) return KN_NERVE_SEVERE;
  if (s->injury_dose >= 1.0 - KN_DOSE_EPS) return KN_NERVE_INJURY;
  if (s->ischaemia_peak >= np->block_level) return KN_NERVE_BLOCK;
  if (s->ischaemia_peak >= np->paresthesia_level) return KN_NERVE_PARESTHESIA;
  return KN_NERVE_NONE;
}

/* A nerve unloaded and at rest stays so: nothing to integrate (most nerves, most steps). */
static int at_rest(const kn_nerve_state *s) {
  return s->ischaemia == 0.0 && s->transport_dose == 0.0 && s->slow_transport_dose == 0.0 &&
         s->lesion == 0.0;
}

void kn_nerve_step(const kn_nerve_params *np, kn_nerve_state *s, double p, double loaded_length,
                   double dt) {
  if (!(p > 0.0)) p = 0.0; /* also maps NaN to no load */
  if (p == 0.0 && at_rest(s)) {
    s->perfusion = 1.0;
    return;
  }
  if (p > s->p_peak) s->p_peak = p;
  double q = kn_nerve_perfusion(np, p);
  s->perfusion = q;
  if (q < np->ischaemic_perfusion) s->t_ischaemic += dt;
  step_ischaemia(np, s, q, dt);
  step_transport(np, s, p, dt);
  double dose_step = kn_nerve_injury_rate(np, p, loaded_length) * dt;
  s->injury_dose += dose_step;
  kn_nerve_grade g = grade_of(np, s);
  if (g > s->grade) s->grade = g;
  step_lesion(np, s, dose_step, dt);
  step_conduction(np, s);
}

/* The grade a structural dose gives by itself (the ischaemic grades are not carried). */
static kn_nerve_grade dose_grade(const kn_nerve_params *np, double dose) {
  if (dose >= np->severe_dose - KN_DOSE_EPS) return KN_NERVE_SEVERE;
  return dose >= 1.0 - KN_DOSE_EPS ? KN_NERVE_INJURY : KN_NERVE_NONE;
}

void kn_nerve_carry_of(const kn_nerve_params *np, const kn_nerve_state *s, kn_nerve_carry *c) {
  *c = (kn_nerve_carry){.injury_dose = s->injury_dose,
                        .lesion = s->lesion,
                        .transport_dose = s->transport_dose,
                        .slow_transport_dose = s->slow_transport_dose,
                        .grade = dose_grade(np, s->injury_dose)};
}

void kn_nerve_carry_age(const kn_nerve_params *np, kn_nerve_carry *c, double gap) {
  if (!(gap > 0.0)) return;
  /* the dose's window: its grade's, a dose short of injury on the injury window */
  const double *w = np->recovery[c->grade >= KN_NERVE_INJURY ? c->grade : KN_NERVE_INJURY];
  if (gap >= w[1])
    c->injury_dose = 0.0;
  else if (gap > w[0])
    c->injury_dose *= (w[1] - gap) / (w[1] - w[0]);
  /* unloaded, kn_nerve_step's repair and transport recovery are exponential: their exact forms */
  c->lesion *= exp(-gap * REPAIR_TIME_CONSTANTS / repair_time(np, c->grade));
  c->transport_dose *= exp(-gap / np->transport_recovery);
  c->slow_transport_dose *= exp(-gap / np->slow_transport_recovery);
  c->grade = dose_grade(np, c->injury_dose);
}

void kn_nerve_reset_from(const kn_nerve_params *np, kn_nerve_state *s, const kn_nerve_carry *c) {
  kn_nerve_reset(s);
  if (!c) return;
  s->injury_dose = c->injury_dose;
  s->lesion = c->lesion;
  s->transport_dose = s->transport_peak = c->transport_dose;
  s->slow_transport_dose = s->slow_transport_peak = c->slow_transport_dose;
  s->grade = c->grade;
  step_conduction(np, s); /* no ischaemia: the lesion's conduction, and the lowest seen so far */
}
