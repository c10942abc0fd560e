/* SPDX-License-Identifier: Apache-2.0 */
/* knead — what the shared library exports.
 *
 * libknead compiles with -fvisibility=hidden (CMakeLists.txt): a symbol is exported from
 * libknead.so only where its declaration in a public header (include/knead/) carries KN_API. So
 * the ABI is the public headers, no more: internal functions stay reachable in libknead.a (tests,
 * benchmarks) but not in the shared library. scripts/check_exports.py (make exports-check) compares
 * the exports with the declarations. */
#ifndef KNEAD_EXPORT_H
#define KNEAD_EXPORT_H

/* Marks a public function or object: default visibility (exported) under gcc and clang. */
#if defined(__GNUC__) || defined(__clang__)
#define KN_API __attribute__((visibility("default")))
#else
#define KN_API
#endif

#endif
