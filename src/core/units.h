/* SPDX-License-Identifier: Apache-2.0 */
/* Conversion factors to SI: the public list (knead/units.h), which users of the library share. */
#ifndef KN_CORE_UNITS_H
#define KN_CORE_UNITS_H

#include "knead/units.h"

#endif
