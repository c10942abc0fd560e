/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the motor-unit pool: read-outs of single units for the tests and the validation cases.
 * Not API: the engine reads the pool through kn_pool_output. */
#ifndef KN_NEUROMUSCULAR_POOL_INTERNAL_H
#define KN_NEUROMUSCULAR_POOL_INTERNAL_H

#include "knead/neuromuscular.h"

/* Units on the active list: recruited, PIC on, or a twitch not yet decayed below 1e-9 of its
 * peak. 0 for a relaxed pool (the step then costs O(1)). */
int kn_pool_nactive(const kn_pool *pool);
/* 1 if unit i (0..n-1) is recruited by its drive (excitation plus its PIC) this step, else 0. */
int kn_pool_unit_firing(const kn_pool *pool, int i);
/* 1 if unit i's persistent inward current is on, else 0. */
int kn_pool_unit_pic(const kn_pool *pool, int i);
/* The force normaliser: sum over units of P_i times the mean of its twitch filter when it fires
 * regularly at its peak rate (gain included), at twitch_scale 1 and the pool's dt. */
double kn_pool_force_norm(const kn_pool *pool);

#endif
