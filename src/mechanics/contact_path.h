/* The path from one hand on the skin to the structures under it, shared by the simulator
 * (src/sim/step.c) and the safety monitor (src/monitor/) so that both compute the same pressures
 * at depth from the same contact. Internal to src/. */
#ifndef KN_MECHANICS_CONTACT_PATH_H
#define KN_MECHANICS_CONTACT_PATH_H

#include "knead/atlas.h"
#include "knead/mechanics.h"

/* A hand or tool on a region's patch: a uniform circular load. */
typedef struct kn_disc_load {
  double x, y;   /* m, centre in the region's patch coordinates */
  double radius; /* m, of the circle with the contact's area */
  double p;      /* Pa, surface pressure (force / area) */
} kn_disc_load;

/* Pressure (Pa) the load puts on nerve nv lying at depth z (m, for this subject): the Boussinesq
 * stress at the nerve's course point nearest the contact, from the normalised table t; a nerve on
 * bone keeps the stress the bone stops from spreading (kn_bone_backed_factor with bone_gain). */
double kn_path_nerve_pressure(const kn_stress_table *t, double bone_gain, const kn_nerve *nv,
                              double z, const kn_disc_load *c);

/* Length (m) of nerve loaded by the contact: its diameter plus the spread down to depth z. */
double kn_path_nerve_loaded_length(double z, const kn_disc_load *c);

/* Pressure (Pa) at the middle of muscle belly mu at depth z (m, for this subject). */
double kn_path_muscle_pressure(const kn_stress_table *t, const kn_muscle *mu, double z,
                               const kn_disc_load *c);

#endif
