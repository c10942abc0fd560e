/* Inside the validation module: how a case is written and where the lists live. */
#ifndef KN_VALIDATE_INTERNAL_H
#define KN_VALIDATE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "knead/error.h"
#include "knead/sim.h"
#include "knead/validate.h"

/* A case fills its result (not the verdict) and returns 0 or a negative kn_errno. */
typedef int (*kn_case_fn)(kn_validation_result *r);

/* Starts a result: what is compared, the paper's number or band; model NaN until the case sets it.
 */
void kn_case_set(kn_validation_result *r, const char *id, const char *group, const char *source,
                 const char *what, const char *paper_text, kn_check_kind check, double paper,
                 double lo, double hi, const char *unit);

/* Hands a finished run's outcome to a case. */
typedef void (*kn_outcome_fn)(const kn_model *m, const kn_outcome *o, void *ctx);
/* Runs actions (n) on subject (NULL: defaults) given by `who` with seed, 1 ms steps, then calls
 * look(model, outcome, ctx). Returns 0 or a negative kn_errno. */
int kn_case_run(kn_action *acts, size_t n, const kn_subject *subject, kn_practitioner who,
                uint64_t seed, kn_outcome_fn look, void *ctx);

/* The same at time step dt (s): for long runs without strokes, where the neuromuscular engine's
 * millisecond is not needed. */
int kn_case_run_at(kn_action *acts, size_t n, const kn_subject *subject, double dt,
                   kn_outcome_fn look, void *ctx);

/* The same with a hook that changes the model's parameters before the run (a condition such as a
 * raised reflex gain). */
struct kn_params;
int kn_case_run_tuned(kn_action *acts, size_t n, const kn_subject *subject, kn_practitioner who,
                      uint64_t seed, void (*tune)(struct kn_params *p), kn_outcome_fn look,
                      void *ctx);

/* Fills r->kind and r->sets from the table of kinds (kinds.c), by r->id. */
void kn_case_classify(kn_validation_result *r);

/* A validation run (knead/validate.h): options, and the population cohort's counts once run. */
enum { KN_POP_MAX_OUTCOMES = 16, KN_POP_PROFILES = 2 };
struct kn_validation {
  kn_validation_options opt;
  int cohort_state;            /* 0 not run, 1 run, negative kn_errno: the run failed */
  uint64_t n[KN_POP_PROFILES]; /* subjects with a result, per profile */
  uint64_t k[KN_POP_MAX_OUTCOMES][KN_POP_PROFILES];       /* subjects with outcome (cohort row) */
  int subject_state;                                      /* the same for the single-subject runs */
  double subject_p[KN_POP_MAX_OUTCOMES][KN_POP_PROFILES]; /* probability of each outcome */
};

/* Population case i (cases_population.c): reads, and on first use runs, the run's shared cohort.
 */
int kn_population_case(kn_validation *v, size_t i, kn_validation_result *r);
extern const size_t kn_cases_population_n;

extern const kn_case_fn kn_cases_core[]; /* cases.c: mechanics, nerve, tissue, nerve scenarios */
extern const size_t kn_cases_core_n;
extern const kn_case_fn kn_cases_pool[]; /* cases_pool.c: motor-unit pool and Hill curves */
extern const size_t kn_cases_pool_n;
extern const kn_case_fn kn_cases_nm[]; /* cases_nm.c: reflexes, cramp, massage inhibition */
extern const size_t kn_cases_nm_n;
extern const kn_case_fn kn_cases_circ[]; /* cases_circ.c: circulation, heat, the whole body */
extern const size_t kn_cases_circ_n;

#endif
