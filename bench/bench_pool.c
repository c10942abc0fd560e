/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark of one motor-unit pool (120 units, dt = 1 ms). Prints figures; never fails on time:
 * exit 0 unless something errors.
 *
 *   bench_pool [--quick]
 *
 * Three states of the pool, each held at constant input:
 *   relaxed   E = 0: nothing active, the O(1) path
 *   moderate  E = RR/2: about half the units firing, no PICs yet armed at the start
 *   cramp     E = RR + 4 - pic_drive after a 1 s warm-up: every unit firing (the last one at ~15
 * Hz, the others faster) with PICs on For each: nanoseconds per kn_pool_step and the speed-up over
 * real time (simulated seconds per wall second), the median of 5 repeats of at least 1 s of
 * stepping after a warm-up. Targets (issue): >= 2000x real time relaxed, >= 200x during a full
 * cramp. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_common.h"
#include "knead/neuromuscular.h"

enum { CHUNK = 1024 }; /* steps between two clock reads */
#define DT 1e-3        /* s */

typedef struct state_case {
  const char *name;
  double e;      /* excitation held during the case */
  double warmup; /* s of simulated time stepped before timing (PICs arm in 0.5 s) */
} state_case;

/* Steps for at least `seconds` of wall time; returns ns per step, adds the CPU and wall time. */
static double time_steps(kn_pool *pool, const kn_pool_input *in, double seconds, kn_pool_output *o,
                         double *cpu, double *wall) {
  long steps = 0;
  double c0 = cpu_now(), t0 = now(), t1 = t0;
  do {
    for (int i = 0; i < CHUNK; i++)
      kn_pool_step(pool, in, o);
    steps += CHUNK;
    t1 = now();
  } while (t1 - t0 < seconds);
  *cpu += cpu_now() - c0;
  *wall += t1 - t0;
  return 1e9 * (t1 - t0) / (double)steps;
}

int main(int argc, char **argv) {
  int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
  int repeats = quick ? 3 : 5;
  double min_time = quick ? 0.05 : 1.0;

  char cpu_name[256];
  cpu_model(cpu_name, sizeof cpu_name);
  printf("knead motor-unit pool benchmark%s\n", quick ? " (--quick smoke run)" : "");
  printf("machine:  %ld CPUs online (nproc), %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu_name);
  printf("build:    %s\n", build_kind());
  printf("timing:   clock_gettime(CLOCK_MONOTONIC); median of %d repeats of >= %g s\n", repeats,
         min_time);

  kn_pool_params p;
  kn_pool_params_default(&p);
  size_t size = kn_pool_size(p.n);
  void *mem = aligned_alloc(16, (size + 15u) & ~(size_t)15u);
  kn_pool *pool = mem ? kn_pool_init(mem, size, &p, DT, 1) : NULL;
  if (!pool) {
    fprintf(stderr, "bench_pool: cannot make a pool\n");
    free(mem);
    return 1;
  }
  printf("pool:     %d units, dt %g ms, %zu bytes\n\n", p.n, DT * 1e3, size);

  const state_case cases[] = {
      {"relaxed (E = 0)", 0.0, 0.0},
      {"moderate (E = RR/2)", 0.5 * p.rr, 0.0},
      {"cramp (all units, PICs on)", p.rr + 4.0 - p.pic_drive, 1.0},
  };
  printf("%-28s %10s %12s %6s %8s %6s %6s %9s\n", "state", "ns/step", "x real time", "cpu %",
         "firing", "PICs", "force", "rate Hz");
  double *ns = calloc((size_t)repeats, sizeof *ns);
  if (!ns) {
    free(mem);
    return 1;
  }
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    kn_pool_reset(pool);
    kn_pool_input in = {.excitation = cases[c].e, .stim_fraction = 0.0, .twitch_scale = 1.0};
    kn_pool_output o = {0};
    for (long k = 0; k < lround(cases[c].warmup / DT); k++)
      kn_pool_step(pool, &in, &o);
    double cpu = 0.0, wall = 0.0;
    time_steps(pool, &in, 0.2 * min_time, &o, &cpu, &wall); /* warm the caches and the clock */
    cpu = wall = 0.0;
    for (int r = 0; r < repeats; r++)
      ns[r] = time_steps(pool, &in, min_time, &o, &cpu, &wall);
    qsort(ns, (size_t)repeats, sizeof *ns, cmp_double);
    double med = ns[repeats / 2];
    printf("%-28s %10.1f %12.0f %6.0f %8d %6d %6.3f %9.1f\n", cases[c].name, med, DT * 1e9 / med,
           100.0 * cpu / wall, o.nfiring, o.npic, o.force, o.mean_rate);
  }
  printf("\ncpu %%: CPU time / wall time while timing; well below 100 means the machine was busy\n"
         "targets: >= 2000x real time relaxed, >= 200x during a full cramp\n");
  free(ns);
  free(mem);
  return 0;
}
