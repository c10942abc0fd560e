/* Tissue damage. Muscle: Linder-Ganz et al. 2006 found rat muscle cells die above 32 kPa within
 * 15 min-1 h and above 9 kPa after 2 h, with a sigmoid between; a varying load is summed with
 * Miner's rule (each moment uses up dt / time-to-death at its pressure), which ignores recovery
 * between strokes and so errs on the side of harm. */
#include <math.h>

#include "knead/tissue.h"

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

kn_bruise_grade kn_bruise_grade_of(double index) {
  if (index >= 1.0) return KN_BRUISE_LIKELY;
  if (index >= 0.7) return KN_BRUISE_POSSIBLE;
  return KN_BRUISE_NONE;
}

double kn_soreness_probability(const kn_tissue_params *tp, double load) {
  if (!(load > 0.0)) return 0.0;
  return 1.0 - exp(-load / tp->soreness_ref);
}
