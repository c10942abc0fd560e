/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark of the safety monitor: time per sample of kn_monitor_push over 10 million samples of
 * one contact point at 1 kHz, and the memory it needs.
 *
 *   bench_monitor [--rt] [SAMPLES]      (default 10000000)
 *
 * The samples follow a 10 s massage cycle on the neck and shoulders, repeated: kneading with a palm
 * on the shoulder (4 s), a thumb pressing on the side of the neck over the spinal accessory nerve
 * (3 s), the hand lifted (1 s), percussion on the upper back (2 s); every 1000th sample carries a
 * sensor fault (NaN force). How measured: each push is timed alone with clock_gettime
 * (CLOCK_MONOTONIC, vDSO); the median cost of an empty pair of clock reads, measured before, is
 * subtracted from every sample and printed. The samples are computed before the timed loop, so only
 * the push is timed.
 *
 * On a shared machine other processes interrupt the loop, and those interruptions land in the tail.
 * The monitor is deterministic, so the same sample sequence is replayed REPEATS times from a reset;
 * besides the first pass's raw figures, the per-sample minimum over the passes is reported: it
 * keeps every slow path of the monitor (they recur on every pass) and drops the interruptions
 * (they do not recur on the same sample). --rt runs the loop as a control loop would run: memory
 * locked (mlockall) and SCHED_FIFO priority (needs root). The figures go to docs/performance.md
 * ("Monitor"); nothing here passes or fails on time. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench_common.h"
#include "knead/knead.h"

#define PERIOD 1e-3 /* s, 1 kHz */
#define REPEATS 3   /* replays of the sequence for the per-sample minimum */

static kn_monitor_sample cycle_sample(double t, int shoulder, int upper_back, int neck_lm, int palm,
                                      int thumb, int fingertips) {
  kn_monitor_sample s;
  kn_monitor_sample_init(&s, t);
  double u = fmod(t, 10.0);
  if (u < 4.0) { /* kneading: 40 +- 20 N at 0.8 Hz, the palm moving 2.5 cm to and fro */
    s.region = shoulder;
    s.contact_type = palm;
    s.force = 40.0 + 20.0 * sin(2.0 * 3.141592653589793 * 0.8 * u);
    s.x = 0.025 * sin(2.0 * 3.141592653589793 * 0.8 * u);
    s.y = 0.0;
    s.shear = 0.5 * s.force;
  } else if (u < 7.0) { /* thumb on the posterior triangle: 1 s ramp to 25 N, hold */
    double r = (u - 4.0) / 1.0;
    s.landmark = neck_lm;
    s.contact_type = thumb;
    s.force = 25.0 * (r < 1.0 ? r * r * r * (10.0 + r * (-15.0 + 6.0 * r)) : 1.0);
  } else if (u < 8.0) { /* lifted */
  } else {              /* percussion: 6 Hz half-sine impacts of 25 N lasting 40 ms */
    double ph = fmod(u - 8.0, 1.0 / 6.0);
    s.region = upper_back;
    s.contact_type = fingertips;
    s.force = ph < 0.04 ? 25.0 * sin(3.141592653589793 * ph / 0.04) : 0.0;
  }
  return s;
}

int main(int argc, char **argv) {
  int rt = argc > 1 && !strcmp(argv[1], "--rt");
  long n = argc > 1 + rt ? atol(argv[1 + rt]) : 10000000L;
  if (n < 1000) n = 1000;
  char cpu[256];
  cpu_model(cpu, sizeof cpu);
  printf("bench_monitor: %ld samples of one contact point at 1 kHz\n", n);
  printf("machine: %s, %ld cores online; build: %s\n", cpu, sysconf(_SC_NPROCESSORS_ONLN),
         build_kind());

  kn_subject subj;
  kn_subject_default(&subj);
  size_t msize = kn_monitor_model_size(), ssize = kn_monitor_size();
  void *mbuf = aligned_alloc(16, (msize + 15) & ~(size_t)15);
  static _Alignas(16) unsigned char state[16 * 1024];
  double t0 = now();
  kn_monitor_model *model = kn_monitor_model_init(&subj, mbuf, msize);
  double t_model = now() - t0;
  kn_monitor *mon = kn_monitor_init(model, state, sizeof state);
  if (!model || !mon) {
    fprintf(stderr, "bench_monitor: init failed\n");
    return 1;
  }

  /* the samples, computed before timing */
  int shoulder = kn_atlas_find_region("shoulder_top"), back = kn_atlas_find_region("upper_back");
  int neck = kn_atlas_find_landmark("posterior_triangle");
  int palm = kn_atlas_find_contact_type("palm"), thumb = kn_atlas_find_contact_type("thumb");
  int fingertips = kn_atlas_find_contact_type("fingertips");
  kn_monitor_sample *samples = malloc((size_t)n * sizeof *samples);
  float *ns = malloc((size_t)n * sizeof *ns);
  if (!samples || !ns) {
    fprintf(stderr, "bench_monitor: out of memory\n");
    return 1;
  }
  memset(ns, 0, (size_t)n * sizeof *ns); /* touch every page now: no page fault in the timed loop */
  for (long i = 0; i < n; i++) {
    samples[i] = cycle_sample((double)i * PERIOD, shoulder, back, neck, palm, thumb, fingertips);
    if (i % 1000 == 999) samples[i].force = NAN;
  }

  /* the clock's own cost: median of empty pairs */
  enum { NCAL = 100001 };
  static double cal[NCAL];
  for (int i = 0; i < NCAL; i++) {
    double a = now();
    cal[i] = now() - a;
  }
  qsort(cal, NCAL, sizeof cal[0], cmp_double);
  double overhead = cal[NCAL / 2];

  kn_monitor_status st;
  for (long i = 0; i < 100000 && i < n; i++) /* warm caches and branch predictors */
    kn_monitor_push(mon, &samples[i], 1, &st);
  kn_monitor_reset(mon);

  if (rt) {
    struct sched_param sp = {.sched_priority = 10};
    if (mlockall(MCL_CURRENT | MCL_FUTURE) || sched_setscheduler(0, SCHED_FIFO, &sp))
      perror("bench_monitor: --rt (mlockall, SCHED_FIFO)");
    else
      printf("real-time: memory locked, SCHED_FIFO priority 10\n");
  }
  long faults = 0, limit = 0;
  double wall = 0.0, cpu_s = 0.0;
  double *sorted = malloc((size_t)n * sizeof *sorted);
  float *best = malloc((size_t)n * sizeof *best);
  if (!sorted || !best) return 1;
  for (int pass = 0; pass < REPEATS; pass++) {
    kn_monitor_reset(mon);
    faults = limit = 0;
    double wall0 = now(), cpu0 = cpu_now();
    for (long i = 0; i < n; i++) {
      double a = now();
      int rc = kn_monitor_push(mon, &samples[i], 1, &st);
      double b = now();
      ns[i] = (float)((b - a - overhead) * 1e9);
      faults += rc != KN_OK;
      limit += st.level == KN_MON_LIMIT;
    }
    if (pass == 0) {
      wall = now() - wall0, cpu_s = cpu_now() - cpu0;
      memcpy(best, ns, (size_t)n * sizeof *ns);
      double sum = 0.0;
      for (long i = 0; i < n; i++) {
        sorted[i] = ns[i];
        sum += ns[i];
      }
      qsort(sorted, (size_t)n, sizeof *sorted, cmp_double);
      printf("per sample, raw (ns):      median %.0f  p99 %.0f  p99.9 %.0f  p99.99 %.0f  max %.0f  "
             "mean %.0f\n",
             sorted[n / 2], sorted[(long)(0.99 * (double)n)], sorted[(long)(0.999 * (double)n)],
             sorted[(long)(0.9999 * (double)n)], sorted[n - 1], sum / (double)n);
    } else {
      for (long i = 0; i < n; i++)
        if (ns[i] < best[i]) best[i] = ns[i];
    }
  }
  for (long i = 0; i < n; i++)
    sorted[i] = best[i];
  qsort(sorted, (size_t)n, sizeof *sorted, cmp_double);
  printf("per sample, min of %d (ns): median %.0f  p99 %.0f  p99.9 %.0f  p99.99 %.0f  max %.0f\n",
         REPEATS, sorted[n / 2], sorted[(long)(0.99 * (double)n)],
         sorted[(long)(0.999 * (double)n)], sorted[(long)(0.9999 * (double)n)], sorted[n - 1]);
  long over5 = 0;
  for (long i = 0; i < n; i++)
    over5 += best[i] > 5000.0f;
  printf("samples over 5 us in every pass: %ld\n", over5);
  printf("clock pair overhead subtracted: %.0f ns; first pass wall %.2f s, cpu %.2f s%s\n",
         overhead * 1e9, wall, cpu_s,
         wall > 1.2 * cpu_s ? " (machine busy: tail figures include preemption)" : "");
  printf("samples: %ld rejected as faults, %ld at level limit\n", faults, limit);
  printf("memory: state %zu bytes (kn_monitor_size, whole atlas, %d contact points); model %zu "
         "bytes (%zu of them the stress table), built in %.3f s\n",
         ssize, KN_MONITOR_MAX_CONTACTS, msize, kn_stress_table_size(81, 101) * sizeof(double),
         t_model);
  printf("status struct (caller's, per push): %zu bytes\n", sizeof(kn_monitor_status));
  free(sorted);
  free(best);
  free(ns);
  free(samples);
  free(mbuf);
  return 0;
}
