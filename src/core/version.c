/* SPDX-License-Identifier: Apache-2.0 */
/* knead — run-time version of the linked library (compare with the KN_VERSION_* macros). */
#include "knead/version.h"

const char *kn_version(void) {
  return KN_VERSION_STRING;
}

int kn_version_number(void) {
  return KN_VERSION_NUMBER;
}
