/* SPDX-License-Identifier: Apache-2.0 */
/* The simulator's contacts as monitor samples, so that a simulated session can be replayed
 * through the safety monitor (`knead simulate --trace`, then `knead monitor`). */
#include <math.h>

#include "knead/monitor.h"
#include "sim/sim_internal.h"

size_t kn_sim_contact_samples(const kn_model *m, const kn_data *d, kn_monitor_sample *out,
                              int *contact, size_t cap, double *step) {
  if (!m || !d || !out || !contact || cap == 0 || d->step == 0) return 0;
  /* the step's start, when its load began; on the session's grid while the plan runs, after it
   * the simulator takes longer steps with nobody touching the body */
  double t = d->quiet ? d->t - d->dt : (double)(d->step - 1) * m->session.dt;
  if (step) *step = d->dt;
  size_t n = 0;
  for (int s = 0; s < m->nslot && n < cap; s++) {
    const kn_contact *c = &d->contacts[s];
    if (c->region < 0) continue; /* this hand has nothing to do now */
    kn_monitor_sample *o = &out[n];
    kn_monitor_sample_init(o, t);
    o->region = c->region;
    o->x = c->x;
    o->y = c->y;
    o->force = c->active ? c->force : 0.0;
    o->shear = c->active ? c->shear : 0.0;
    o->area = c->area;
    if (c->action >= 0) o->contact_type = m->session.actions[c->action].contact;
    contact[n++] = s;
  }
  if (n == 0) { /* nobody touches the body: time still goes on */
    kn_monitor_sample_init(&out[0], t);
    contact[0] = 0;
    n = 1;
  }
  return n;
}
