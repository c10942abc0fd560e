/* SPDX-License-Identifier: Apache-2.0 */
/* Random numbers for the practitioner's variability: xoshiro256** seeded by splitmix64 (Blackman &
 * Vigna), state kept in the caller's data so that runs are reproducible and independent. */
#ifndef KN_CORE_RNG_H
#define KN_CORE_RNG_H

#include <stdint.h>

typedef struct kn_rng {
  uint64_t s[4];
  double spare; /* second normal deviate of the last Box-Muller pair */
  int has_spare;
} kn_rng;

void kn_rng_seed(kn_rng *r, uint64_t seed);
uint64_t kn_rng_next(kn_rng *r);
double kn_rng_uniform(kn_rng *r); /* [0, 1) */
double kn_rng_normal(kn_rng *r);  /* mean 0, sd 1 */

#endif
