/* SPDX-License-Identifier: Apache-2.0 */
/* What each technique does when the plan does not say: the defaults of kn_action_init. */
#include <math.h>
#include <string.h>

#include "core/units.h"
#include "knead/atlas.h"
#include "knead/spec.h"

/* calibrated: heat's default, 40 degC, the usual hot water or pack (a default of the plan, like
 * the techniques' below: the session may set any temperature) */
#define HEAT_DEFAULT_CELSIUS 40.0

typedef struct technique_default {
  double speed;         /* m/s */
  double stroke_length; /* m */
  double rate;          /* Hz */
  const char *contact;  /* contact type name, NULL for none */
} technique_default;

/* calibrated: usual values in massage teaching; stroke speeds inside the pleasant 1-10 cm/s range
 * of loken2009 */
static const technique_default defaults[KN_ACT_DEEP_STROKE + 1] = {
    [KN_ACT_EFFLEURAGE] = {5.0 * KN_CM, 20.0 * KN_CM, 0.0, "palm"},
    [KN_ACT_PETRISSAGE] = {2.0 * KN_CM, 5.0 * KN_CM, 0.8, "palm"},
    [KN_ACT_FRICTION] = {1.0 * KN_CM, 2.0 * KN_CM, 1.5, "thumb"},
    [KN_ACT_COMPRESSION] = {0.0, 0.0, 0.0, "thumb"},
    [KN_ACT_TAPOTEMENT] = {0.0, 0.0, 6.0, "fingertips"},
    [KN_ACT_DEEP_STROKE] = {1.5 * KN_CM, 10.0 * KN_CM, 0.0, "forearm"},
};

int kn_action_is_stroke(kn_action_kind k) {
  return k >= KN_ACT_EFFLEURAGE && k <= KN_ACT_DEEP_STROKE;
}

void kn_action_init(kn_action *a, kn_action_kind kind) {
  memset(a, 0, sizeof *a);
  a->kind = kind;
  a->region = a->landmark = a->muscle = a->contact = a->nerve = -1;
  a->repetitions = 1;
  a->start = -1.0;
  for (int j = 0; j < KN_JOINT_COUNT; j++)
    a->joint[j] = NAN;
  a->fraction = 0.5; /* stimulation: half the motor units (calibrated: a usual intensity) */
  a->temperature = KN_ZERO_CELSIUS + HEAT_DEFAULT_CELSIUS;
  if (!kn_action_is_stroke(kind)) return;
  const technique_default *t = &defaults[kind];
  a->speed = t->speed;
  a->stroke_length = t->stroke_length;
  a->rate = t->rate;
  if (t->contact) {
    a->contact = kn_atlas_find_contact_type(t->contact);
    const kn_contact_type *ct = kn_atlas_contact_type((size_t)a->contact);
    if (ct) a->area = ct->area;
  }
}
