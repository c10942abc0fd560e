/* SPDX-License-Identifier: Apache-2.0 */
/* knead — version macros and run-time version. */
#ifndef KNEAD_VERSION_H
#define KNEAD_VERSION_H

#include "knead/export.h"

#define KN_VERSION_MAJOR 0
#define KN_VERSION_MINOR 1
#define KN_VERSION_PATCH 0
#define KN_VERSION_STRING "0.1.0"
/* Single number for comparisons: major*10000 + minor*100 + patch. */
#define KN_VERSION_NUMBER (KN_VERSION_MAJOR * 10000 + KN_VERSION_MINOR * 100 + KN_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif
/* Version of the library actually linked, e.g. "0.1.0"; static storage, never NULL. */
KN_API const char *kn_version(void);
/* KN_VERSION_NUMBER of the linked library. */
KN_API int kn_version_number(void);
#ifdef __cplusplus
}
#endif
#endif
