/* SPDX-License-Identifier: Apache-2.0 */
/* A nerve at constant pressure and then unloaded for days or weeks, read per fibre class, per
 * transport clock and for the lesion structural injury leaves (cases_nerve.c). */
#include <math.h>

#include "validate/validate_internal.h"

#define STEP_LOADED 0.1    /* s, the nerve's step under load */
#define STEP_UNLOADED 60.0 /* s, its step while recovering over days or weeks */
#define BLOCKED 0.1        /* share conducting below which a fibre class is blocked */

int kn_run_nerve_course(kn_validation *v, const kn_case *c, kn_validation_result *r) {
  (void)v;
  const kn_nerve_course_exp *e = c->exp;
  kn_nerve_params np;
  kn_nerve_params_default(&np);
  double len = e->length > 0.0 ? e->length : np.edge_length;
  kn_nerve_state s;
  kn_nerve_reset(&s);
  double t_sensory = NAN, t_motor = NAN;
  long n = lround(e->time / STEP_LOADED);
  for (long i = 1; i <= n; i++) {
    kn_nerve_step(&np, &s, e->pressure * KN_MMHG, len, STEP_LOADED);
    if (isnan(t_sensory) && s.conduction_fibre[KN_FIBRE_SENSORY] < BLOCKED)
      t_sensory = (double)i * STEP_LOADED;
    if (isnan(t_motor) && s.conduction < BLOCKED) t_motor = (double)i * STEP_LOADED;
  }
  long n_after = lround(e->time_after / STEP_UNLOADED);
  for (long i = 0; i < n_after; i++)
    kn_nerve_step(&np, &s, 0.0, len, STEP_UNLOADED);
  switch (e->read) {
  case KN_READ_SENSORY_LEAD:
    r->model = (t_motor - t_sensory) / KN_MIN; /* NaN (red) if either never blocks */
    break;
  case KN_READ_NO_SENSORY_BLOCK:
    r->model = s.conduction_fibre_min[KN_FIBRE_SENSORY] >= BLOCKED;
    break;
  case KN_READ_FAST_DOSE:
    r->model = s.transport_dose;
    break;
  case KN_READ_SLOW_DOSE:
    r->model = s.slow_transport_dose;
    break;
  case KN_READ_MOTOR_END:
    r->model = 100.0 * s.conduction;
    break;
  default: /* KN_READ_SMALL_SPARED */
    r->model = s.conduction_fibre[KN_FIBRE_SMALL] > s.conduction;
    break;
  }
  return KN_OK;
}
