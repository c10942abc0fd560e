/* SPDX-License-Identifier: Apache-2.0 */
/* The nerve stage: the loop over a model's nerves (nerve/nerve.h). */
#include "nerve/nerve.h"

#include "knead/error.h"

void kn_nerve_stage_reset(const kn_nerve_stage_params *p, kn_nerve_stage_state *s,
                          kn_nerve_stage_out *o) {
  kn_nerve_stage_reset_from(p, NULL, s, o);
}

void kn_nerve_stage_reset_from(const kn_nerve_stage_params *p, const kn_nerve_carry *initial,
                               kn_nerve_stage_state *s, kn_nerve_stage_out *o) {
  for (int n = 0; n < p->nnerve; n++) {
    kn_nerve_reset_from(p->nerve, &s->nerves[n], initial ? &initial[n] : NULL);
    o->t_grade[n] = s->nerves[n].grade > KN_NERVE_NONE ? 0.0 : -1.0;
  }
}

static void step_one(const kn_nerve_stage_params *p, const kn_nerve_stage_in *in,
                     kn_nerve_stage_state *s, kn_nerve_stage_out *o, int n, double dt) {
  kn_nerve_state *ns = &s->nerves[n];
  kn_nerve_grade before = ns->grade;
  kn_nerve_step(p->nerve, ns, in->p[n], in->len[n], dt);
  if (ns->grade > before) o->t_grade[n] = in->t; /* the step's start, as events */
}

int kn_nerve_stage_step(const kn_nerve_stage_params *p, const kn_nerve_stage_in *in,
                        kn_nerve_stage_state *s, kn_nerve_stage_out *o, double dt) {
  for (int n = 0; n < p->nnerve; n++)
    step_one(p, in, s, o, n, dt);
  return KN_OK;
}

void kn_nerve_stage_step_sites(const kn_nerve_stage_params *p, const kn_nerve_stage_in *in,
                               kn_nerve_stage_state *s, kn_nerve_stage_out *o, const int *sites,
                               int nsite, double dt) {
  for (int i = 0; i < nsite; i++)
    step_one(p, in, s, o, sites[i], dt);
}
