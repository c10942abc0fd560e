/* SPDX-License-Identifier: Apache-2.0 */
/* What the benchmarks share: clocks, the machine they run on, the kind of build, sorting. */
#ifndef KN_BENCH_COMMON_H
#define KN_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of this process: wall time much above it means the machine was busy with others. */
static inline double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- the machine --------------------------------------------------------------------------------
 */

/* First "model name" (x86) or "Processor"/"Hardware" line of /proc/cpuinfo, or "unknown". */
static inline void cpu_model(char *out, size_t size) {
  snprintf(out, size, "unknown");
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f) return;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "model name", 10) != 0 && strncmp(line, "Processor", 9) != 0 &&
        strncmp(line, "Hardware", 8) != 0)
      continue;
    const char *colon = strchr(line, ':');
    if (!colon) continue;
    colon++;
    while (*colon == ' ' || *colon == '\t')
      colon++;
    snprintf(out, size, "%s", colon);
    out[strcspn(out, "\n")] = '\0';
    break;
  }
  fclose(f);
}

/* What kind of build this is; CMake passes no build-type macro, so it is read off the flags. */
static inline const char *build_kind(void) {
#if defined(__SANITIZE_ADDRESS__)
  return "sanitizer build (ASan): figures are NOT representative";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return "sanitizer build (ASan): figures are NOT representative";
#endif
#endif
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  return "optimised, NDEBUG (CMake Release or RelWithDebInfo)";
#elif defined(__OPTIMIZE__)
  return "optimised, assertions on";
#else
  return "not optimised (CMake Debug?): figures are NOT representative";
#endif
}

static inline int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

#endif
