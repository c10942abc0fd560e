/* SPDX-License-Identifier: Apache-2.0 */
/* knead — a simulator of what a massage does to the human body. Umbrella header. */
#ifndef KNEAD_H
#define KNEAD_H

#include "knead/version.h"
#include "knead/error.h"
#include "knead/atlas.h"
#include "knead/params.h"
#include "knead/param_spread.h"
#include "knead/spec.h"
#include "knead/mechanics.h"
#include "knead/nerve.h"
#include "knead/tissue.h"
#include "knead/sim.h"
#include "knead/course.h"
#include "knead/monitor.h"
#include "knead/report.h"
#include "knead/advise.h"
#include "knead/cohort.h"
#include "knead/cohort_uncertainty.h"

#endif
