/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark: virtual cohort throughput. Prints figures, never fails on time.
 *
 *   bench_cohort [KNEAD [KNEAD_MPI]]
 *
 * (a) subjects per second per core: the default population (data/populations/us_adult.yaml) and
 *     the default cohort session (examples/cohort/neck_calf_short.yaml) under both profiles, drawn
 *     and simulated in this process by kn_cohort_pool_run with 1 thread, then 2 threads (no
 *     database: the simulation alone), with the share of the time spent drawing subjects;
 * (b) 1 -> 2 processes: the same cohort run end to end by the command (database included) as one
 *     process of 1 thread and, with an MPI build, as `mpirun -n 2` of 1 thread each.
 * KNEAD defaults to ./knead; without KNEAD_MPI, (b) runs 1 and 2 threads of one process. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench_common.h"
#include "knead/knead.h"

#define N_SUBJECTS 24

typedef struct counter {
  int n;
} counter;

static int count_unit(const kn_cohort_unit *u, void *ctx) {
  (void)u;
  ((counter *)ctx)->n++;
  return 0;
}

static double time_pool(const kn_cohort_job *job, int threads, double *cpu) {
  uint64_t idx[N_SUBJECTS];
  for (int i = 0; i < N_SUBJECTS; i++)
    idx[i] = (uint64_t)i;
  counter c = {0};
  kn_diag d;
  double t0 = now(), c0 = cpu_now();
  int rc = kn_cohort_pool_run(job, idx, N_SUBJECTS, threads, count_unit, NULL, &c, &d);
  double el = now() - t0;
  *cpu = cpu_now() - c0;
  if (rc || c.n != N_SUBJECTS) {
    char buf[1024];
    kn_diag_format(&d, buf, sizeof buf);
    fprintf(stderr, "bench_cohort: run failed: %s\n", buf);
    exit(1);
  }
  return el;
}

static double children_cpu(void) {
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
         (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

/* Runs a command line, returns its wall time in seconds and the CPU time of it and its children
 * in *cpu (exits on failure). */
static double time_cmd(const char *cmd, double *cpu) {
  double t0 = now(), c0 = children_cpu();
  int rc = system(cmd);
  *cpu = children_cpu() - c0;
  if (rc != 0) {
    fprintf(stderr, "bench_cohort: failed (%d): %s\n", rc, cmd);
    exit(1);
  }
  return now() - t0;
}

int main(int argc, char **argv) {
  const char *knead = argc > 1 ? argv[1] : "./knead";
  const char *knead_mpi = argc > 2 ? argv[2] : NULL;
  const char *pop_path = KN_SOURCE_DIR "/data/populations/us_adult.yaml";
  const char *sess_path = KN_SOURCE_DIR "/examples/cohort/neck_calf_short.yaml";
  char cpu[256];
  cpu_model(cpu, sizeof cpu);
  printf("machine: %ld CPUs online, %s\nbuild: %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu,
         build_kind());

  kn_population *pop = NULL;
  kn_session *sess = NULL;
  kn_diag d;
  if (kn_population_load(pop_path, &pop, &d) || kn_session_load(sess_path, &sess, &d)) {
    char buf[1024];
    kn_diag_format(&d, buf, sizeof buf);
    fprintf(stderr, "bench_cohort: %s\n", buf);
    return 1;
  }
  kn_cohort_job job = {0};
  job.population = pop;
  job.session = sess;
  job.profiles[0] = KN_PRACTITIONER_PROFESSIONAL;
  job.profiles[1] = KN_PRACTITIONER_UNTRAINED_PARTNER;
  job.nprofile = 2;
  job.seed = 1;
  kn_model *m = NULL;
  if (kn_model_create(NULL, sess, &m, &d)) return 1;
  double sim_s = kn_model_duration(m);
  kn_model_free(m);

  /* drawing alone: the subject loader (UDUNITS-2 reads its unit database for every subject) */
  kn_cohort_unit *u = malloc(sizeof *u);
  if (u == NULL) return 1;
  double t0 = now();
  for (uint64_t i = 0; i < N_SUBJECTS; i++)
    if (kn_cohort_draw(&job, i, u, &d)) return 1;
  double draw = (now() - t0) / N_SUBJECTS;
  free(u);

  printf("\n(a) %d subjects of %s x %s (%.0f s simulated), 2 profiles, in-process\n", N_SUBJECTS,
         "us_adult", "neck_calf_short", sim_s);
  printf("%-10s %10s %12s %16s %6s %18s\n", "threads", "wall s", "subjects/s", "subjects/s/core",
         "cpu%", "subjects/cpu-s");
  double rate1 = 0;
  for (int threads = 1; threads <= 2; threads++) {
    double cpu_s = 0, el = time_pool(&job, threads, &cpu_s);
    double rate = N_SUBJECTS / el;
    if (threads == 1) rate1 = rate;
    printf("%-10d %10.2f %12.2f %16.2f %5.0f%% %18.2f\n", threads, el, rate, rate / threads,
           100.0 * cpu_s / (el * threads), N_SUBJECTS / cpu_s);
    if (threads == 2) printf("scaling 1 -> 2 threads: %.2fx\n", rate / rate1);
  }
  printf("drawing one subject: %.1f ms (%.0f %% of one subject's time on one core)\n", 1e3 * draw,
         100.0 * draw * rate1);

  /* (b) the command end to end, database included */
  char dir[] = "/tmp/knead-bench-cohort-XXXXXX";
  if (mkdtemp(dir) == NULL) return 1;
  char cmd[2048];
  const char *args = "--profiles professional,untrained_partner -q -j 1";
  printf("\n(b) knead cohort, %d subjects, end to end (SQLite included)\n", N_SUBJECTS);
  snprintf(cmd, sizeof cmd, "%s cohort %s %s -n %d %s -o %s/p1.sqlite", knead, pop_path, sess_path,
           N_SUBJECTS, args, dir);
  double c1 = 0, c2 = 0, t1 = time_cmd(cmd, &c1);
  printf("1 process  x 1 thread : %6.2f s  %6.2f subjects/s  cpu %5.1f s (%3.0f%% of 1 core)\n", t1,
         N_SUBJECTS / t1, c1, 100.0 * c1 / t1);
  double t2;
  if (knead_mpi) {
    snprintf(cmd, sizeof cmd,
             "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader "
             "mpirun -n 2 --oversubscribe %s cohort %s %s -n %d %s -o %s/p2.sqlite",
             knead_mpi, pop_path, sess_path, N_SUBJECTS, args, dir);
    t2 = time_cmd(cmd, &c2);
    printf("2 MPI ranks x 1 thread: %6.2f s  %6.2f subjects/s  cpu %5.1f s (%3.0f%% of 2 cores)\n",
           t2, N_SUBJECTS / t2, c2, 50.0 * c2 / t2);
  } else {
    snprintf(cmd, sizeof cmd,
             "%s cohort %s %s -n %d --profiles professional,untrained_partner "
             "-q -j 2 -o %s/p2.sqlite",
             knead, pop_path, sess_path, N_SUBJECTS, dir);
    t2 = time_cmd(cmd, &c2);
    printf("1 process  x 2 threads: %6.2f s  %6.2f subjects/s  cpu %5.1f s (no MPI build given)\n",
           t2, N_SUBJECTS / t2, c2);
  }
  printf("scaling 1 -> 2: %.2fx wall; work per subject %.2fx (CPU time, 2 over 1)\n", t1 / t2,
         c2 / c1);
  if (100.0 * c1 / t1 < 90.0 || 50.0 * c2 / t2 < 90.0)
    printf("note: the processes got less than 90 %% of their cores: the machine was busy with "
           "other work, and the wall-clock scaling understates what 2 free cores give\n");
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "bench_cohort: could not remove %s\n", dir);
  kn_session_free(sess);
  kn_population_free(pop);
  return 0;
}
