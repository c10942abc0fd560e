/* knead — tissue: muscle cell death from sustained pressure (Linder-Ganz 2006), bruising from force
 * against the bruise-based ISO/TS 15066 force limit and from surface shear, and expected soreness
 * (Cambron 2007). */
#ifndef KNEAD_TISSUE_H
#define KNEAD_TISSUE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kn_tissue_params {
  double death_p_high;  /* Pa: death after t_min..1 h above it */
  double death_p_low;   /* Pa: death after >= 2 h above it */
  double death_t_min;   /* s: shortest exposure that kills */
  double death_t_mid;   /* s: centre of the sigmoid */
  double death_t_width; /* s: width of the sigmoid */
  double shear_ref;     /* Pa: surface shear equivalent to the bruise force limit */
  double soreness_ref;  /* s: pressure-pain load giving 63 % chance of soreness */
} kn_tissue_params;

/* Pressure-time threshold of muscle cell death (Pa) for an exposure of t seconds: a sigmoid from
 * death_p_high (short exposures) to death_p_low (>= 2 h); infinite below death_t_min. */
double kn_muscle_death_threshold(const kn_tissue_params *tp, double t);
/* Exposure (s) after which pressure p (Pa) kills muscle cells; INFINITY at or below death_p_low. */
double kn_muscle_death_time(const kn_tissue_params *tp, double p);

typedef enum kn_bruise_grade {
  KN_BRUISE_NONE = 0,     /* index < 0.7 */
  KN_BRUISE_POSSIBLE = 1, /* index 0.7..1 */
  KN_BRUISE_LIKELY = 2    /* index >= 1: at or above the bruise-energy force limit */
} kn_bruise_grade;
const char *kn_bruise_grade_name(kn_bruise_grade g); /* "none", "possible", "likely" */
kn_bruise_grade kn_bruise_grade_of(double index);

/* State of one muscle under load. */
typedef struct kn_muscle_state {
  double damage; /* 1, Miner sum of exposure over death time: >= 1 means cell death */
  double p_peak; /* Pa, highest pressure at mid-belly */
} kn_muscle_state;

/* Advances one muscle by dt seconds under mid-belly pressure p (Pa). */
void kn_muscle_step(const kn_tissue_params *tp, kn_muscle_state *s, double p, double dt);

/* Probability (0..1) of soreness after a session with pressure-pain load W (s). */
double kn_soreness_probability(const kn_tissue_params *tp, double load);

#ifdef __cplusplus
}
#endif
#endif
