/* SPDX-License-Identifier: Apache-2.0 */
/* FNV-1a, 64 bits (Fowler, Noll, Vo): a name turned into a key for the random streams of a cohort,
 * and an input file's fingerprint for resuming a run. Enough to tell names and files apart; no
 * protection against a deliberate collision. Header-only: a few lines, used by src/cohort. */
#ifndef KN_CORE_HASH_H
#define KN_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define KN_FNV1A_OFFSET 0xcbf29ce484222325ULL /* the 64-bit offset basis */
#define KN_FNV1A_PRIME 0x100000001b3ULL       /* the 64-bit FNV prime */

/* h (KN_FNV1A_OFFSET to start) continued over the n bytes at p. */
static inline uint64_t kn_fnv1a_bytes(uint64_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * KN_FNV1A_PRIME;
  return h;
}

/* The hash of the NUL-terminated string s. */
static inline uint64_t kn_fnv1a_str(const char *s) {
  uint64_t h = KN_FNV1A_OFFSET;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * KN_FNV1A_PRIME;
  return h;
}

#endif
