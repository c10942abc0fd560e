/* From a contact to the structures under it: where the stress table is read for a nerve and for a
 * muscle belly. Kept apart from the simulator so the safety monitor runs the very same path. */
#include <math.h>

#include "mechanics/contact_path.h"

/* Distance (m) from point (px,py) to the segment (x0,y0)-(x1,y1). */
static double segment_distance(double px, double py, double x0, double y0, double x1, double y1) {
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double u = len2 > 0.0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0.0;
  if (u < 0.0) u = 0.0;
  if (u > 1.0) u = 1.0;
  return hypot(px - (x0 + u * dx), py - (y0 + u * dy));
}

double kn_path_nerve_pressure(const kn_stress_table *t, double bone_gain, const kn_nerve *nv,
                              double z, const kn_disc_load *c) {
  double dist = segment_distance(c->x, c->y, nv->x0, nv->y0, nv->x1, nv->y1);
  double infl = kn_stress_table_lookup(t, dist / c->radius, z / c->radius);
  if (nv->on_bone) infl = kn_bone_backed_factor(infl, bone_gain);
  return c->p * infl;
}

double kn_path_nerve_loaded_length(double z, const kn_disc_load *c) {
  return 2.0 * c->radius + z;
}

double kn_path_muscle_pressure(const kn_stress_table *t, const kn_muscle *mu, double z,
                               const kn_disc_load *c) {
  double dist = hypot(c->x - mu->x, c->y - mu->y);
  return c->p * kn_stress_table_lookup(t, dist / c->radius, z / c->radius);
}
