/* SPDX-License-Identifier: Apache-2.0 */
/* A two-pass bump allocator: the first pass (base == NULL) only measures, the second carves the
 * pieces out of one block. Lets the model and the data be one allocation each. */
#ifndef KN_CORE_ARENA_H
#define KN_CORE_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct kn_arena {
  char *base; /* NULL while measuring */
  size_t used;
} kn_arena;

/* Reserves n elements of size sz, aligned for any type; NULL while measuring. */
static inline void *kn_arena_take(kn_arena *a, size_t n, size_t sz) {
  const size_t align = 16;
  size_t off = (a->used + align - 1) & ~(align - 1);
  a->used = off + n * sz;
  return a->base ? (void *)(a->base + off) : NULL;
}

#endif
