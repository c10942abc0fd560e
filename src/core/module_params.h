/* SPDX-License-Identifier: Apache-2.0 */
/* The nerve and tissue modules' parameters from the model's parameter list. */
#ifndef KN_CORE_MODULE_PARAMS_H
#define KN_CORE_MODULE_PARAMS_H

#include "core/params.h"
#include "knead/nerve.h"
#include "knead/tissue.h"

/* Fills the nerve and tissue parameter structs from p. */
void kn_module_params(const kn_params *p, kn_nerve_params *np, kn_tissue_params *tp);

#endif
