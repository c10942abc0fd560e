/* SPDX-License-Identifier: Apache-2.0 */
/* Tissue damage. Muscle: Linder-Ganz et al. 2006 found rat muscle cells die above 32 kPa within
 * 15 min-1 h and above 9 kPa after 2 h, with a sigmoid between; a varying load is summed with
 * Miner's rule (each moment uses up dt / time-to-death at its pressure), which ignores recovery
 * between strokes and so errs on the side of harm. */
#include <math.h>

#include "knead/tissue.h"

/* The words of the bruise grade: the bands of the dose's probability that the outcome names
 * "possible" and "likely" (a presentation of the probability, which is the model's output; the
 * advice reads the probability, not the grade). */
#define BRUISE_POSSIBLE_FROM 0.05
#define BRUISE_LIKELY_FROM 0.5

double kn_muscle_death_threshold(const kn_tissue_params *tp, double t) {
  if (t < tp->death_t_min) return INFINITY;
  double span = tp->death_p_high - tp->death_p_low;
  return tp->death_p_low + span / (1.0 + exp((t - tp->death_t_mid) / tp->death_t_width));
}

double kn_muscle_death_time(const kn_tissue_params *tp, double p) {
  if (!(p > tp->death_p_low)) return INFINITY;
  double t;
  if (p >= tp->death_p_high) {
    t = tp->death_t_min;
  } else {
    /* invert the sigmoid: p = low + span / (1 + exp((t - mid) / width)) */
    t = tp->death_t_mid + tp->death_t_width * log((tp->death_p_high - p) / (p - tp->death_p_low));
  }
  return t < tp->death_t_min ? tp->death_t_min : t;
}

void kn_muscle_step(const kn_tissue_params *tp, kn_muscle_state *s, double p, double dt) {
  if (!(p > 0.0)) return;
  if (p > s->p_peak) s->p_peak = p;
  double t = kn_muscle_death_time(tp, p);
  if (isfinite(t)) s->damage += dt / t;
}

static const char *const bruise_names[] = {"none", "possible", "likely"};

const char *kn_bruise_grade_name(kn_bruise_grade g) {
  return (unsigned)g <= KN_BRUISE_LIKELY ? bruise_names[g] : "?";
}

kn_bruise_grade kn_bruise_grade_of(double probability) {
  if (probability >= BRUISE_LIKELY_FROM) return KN_BRUISE_LIKELY;
  if (probability >= BRUISE_POSSIBLE_FROM) return KN_BRUISE_POSSIBLE;
  return KN_BRUISE_NONE;
}

/* Bruising: ISO/TS 15066's force limits are the lowest energy transfer that COULD give a minor
 * injury such as a bruise, so the limit is where the dose starts, not a 50 % point. Above it the
 * dose grows with the square of the excess (energy-like: Desmoulin 2011 found only the energy
 * absorbed predicted contusion) and with time, so repetitions add; skin shear enters as an
 * equivalent ratio (a pig paintball study: bruising follows skin shear). The probability is
 * 1 - 2^-(fragility x dose / dose50): 0 at the limit, 50 % at dose50 for a young adult. */
double kn_bruise_dose_rate(double ratio) {
  double excess = ratio - 1.0;
  return excess > 0.0 ? excess * excess : 0.0;
}

double kn_bruise_probability(const kn_tissue_params *tp, double dose, double fragility) {
  if (!(dose > 0.0) || !(fragility > 0.0)) return 0.0;
  return 1.0 - pow(2.0, -fragility * dose / tp->bruise_dose50);
}

/* Older skin bruises more easily (thinner dermis, senile purpura in up to ~10 % over 50) and
 * anticoagulants enlarge a bleed that would otherwise stay invisible: both multiply the dose. */
double kn_bruise_fragility(const kn_tissue_params *tp, double age, int anticoagulant) {
  double f = pow(2.0, fmax(0.0, age - tp->bruise_age_from) / tp->bruise_age_doubling);
  return anticoagulant ? f * tp->bruise_anticoagulant : f;
}

/* Soreness (Cambron 2007: 10 % of clients after a one-hour massage, onset < 12 h, lasting <= 36 h):
 * each worked site has its own chance, which saturates with its load; a session's chance is that
 * any site becomes sore. A few minutes on one site stay below a full hour over many. */
double kn_soreness_site_probability(const kn_tissue_params *tp, double load) {
  if (!(load > 0.0)) return 0.0;
  return tp->soreness_site_max * (1.0 - exp(-load / tp->soreness_site_sat));
}

double kn_soreness_probability(const kn_tissue_params *tp, const double *load, size_t n) {
  double none = 1.0;
  for (size_t i = 0; i < n; i++)
    none *= 1.0 - kn_soreness_site_probability(tp, load[i]);
  return 1.0 - none;
}
