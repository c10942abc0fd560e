/* SPDX-License-Identifier: Apache-2.0 */
/* The motor-unit pool's and the Hill curves' parameters from the model's parameter table
 * (src/core/params.h, rows pool_* and hill_*), so a session's `parameters:` reaches them. */
#ifndef KN_NEUROMUSCULAR_MUSCLE_PARAMS_H
#define KN_NEUROMUSCULAR_MUSCLE_PARAMS_H

#include "core/params.h"
#include "knead/neuromuscular.h"

/* Fills p from the pool_* rows of par (SI units); kn_pool_params_default is this with the
 * table's defaults. */
void kn_pool_params_from(const kn_params *par, kn_pool_params *p);
/* Fills p from the hill_* rows of par (SI units); kn_hill_params_default is this with the
 * table's defaults. */
void kn_hill_params_from(const kn_params *par, kn_hill_params *p);

#endif
