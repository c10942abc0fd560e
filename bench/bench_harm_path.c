/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark of the harm path (protocol -> mechanics -> nerve -> tissue -> outcome -> events ->
 * recorder). Prints figures; never fails on time: exit 0 unless something errors.
 *
 *   bench_harm_path [--quick] [SESSION.yaml [SUBJECT.yaml]]
 *
 * (a) nanoseconds per kn_step with 1, 10 and every atlas region touched at once: one hand per
 *     region, all actions starting at t = 0 so they run in parallel. Each figure is the median of
 *     5 repeats of at least 1 s of stepping each, after a warm-up.
 * (b) the 60-minute whole-body session end to end: load, model build, run, and the speed-up over
 *     real time. SESSION defaults to examples/full_body_professional_60min.yaml and SUBJECT to
 *     examples/subject_default.yaml, looked up from the current directory and its parent (so both
 *     `make bench` from the source tree and a run from inside the build directory find them).
 *
 * docs/performance.md explains the figures and records a run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_common.h"
#include "knead/knead.h"

/* ---- settings ----------------------------------------------------------------------------------
 */

typedef struct settings {
  int quick;           /* smoke run: short repeats */
  int repeats;         /* timed repeats per case; the median is reported */
  double min_time;     /* s of wall time per repeat, at least */
  double warmup;       /* s of wall time stepped before the repeats */
  const char *session; /* path of the end-to-end session */
  const char *subject; /* path of its subject */
} settings;

enum { CHUNK = 1024 }; /* steps between two clock reads: reading costs ~20 ns, a step far more */

static void print_machine(const settings *s) {
  char cpu[256];
  cpu_model(cpu, sizeof cpu);
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  printf("knead %s harm-path benchmark%s\n", kn_version(), s->quick ? " (--quick smoke run)" : "");
  printf("machine:  %ld CPUs online (nproc), %s\n", ncpu, cpu);
#if defined(__clang__)
  printf("compiler: %s\n", __VERSION__); /* clang's __VERSION__ names itself */
#elif defined(__GNUC__)
  printf("compiler: gcc %s\n", __VERSION__);
#elif defined(__VERSION__)
  printf("compiler: %s\n", __VERSION__);
#else
  printf("compiler: unknown\n");
#endif
  printf("build:    %s\n", build_kind());
  printf("timing:   clock_gettime(CLOCK_MONOTONIC); median of %d repeats of >= %g s after a %g s "
         "warm-up\n\n",
         s->repeats, s->min_time, s->warmup);
}

/* ---- (a) cost of one step -------------------------------------------------------------------- */

/* Regions of the 10-contact case: the ones a whole-body massage works, most with nerves or muscles
 * under them, so the case is the harm path of a busy multi-hand plan (a massage robot, a chair). */
static const char *const ten_regions[] = {
    "neck_lateral", "shoulder_top",        "upper_back",       "scapula",        "lower_back",
    "gluteal",      "upper_arm_posterior", "forearm_anterior", "thigh_anterior", "calf"};

/* The technique of contact i: a mix, so that gliding, kneading, circling and static holds are all
 * in the measured path. Forces are the moderate ones of the 60-minute example. */
static void contact_action(kn_action *a, int i, int region) {
  static const kn_action_kind kinds[] = {KN_ACT_EFFLEURAGE, KN_ACT_PETRISSAGE, KN_ACT_FRICTION,
                                         KN_ACT_COMPRESSION};
  static const double force[] = {30.0, 35.0, 15.0, 15.0}; /* N */
  int k = i % 4;
  kn_action_init(a, kinds[k]); /* technique defaults: contact type and its area, speed, rate */
  a->region = region;
  a->force = force[k];
  a->duration = 600.0; /* s; the bench resets the data when a session ends */
  a->start = 0.0;      /* all at once: one hand per action */
  snprintf(a->label, sizeof a->label, "bench contact %d", i + 1);
}

typedef struct step_case {
  const char *name;
  int ncontact;
  double ns_median, ns_min, ns_max; /* ns per step over the repeats (wall clock) */
  double cpu_share;                 /* CPU time / wall time over the repeats */
  size_t nregion, nnerve, nmuscle, ncol;
  size_t steps_timed;
} step_case;

/* Steps for at least `seconds` of wall time, restarting the session when it ends. Returns the
 * number of steps and writes the elapsed wall and CPU time. */
static size_t step_for(const kn_model *m, kn_data *d, double seconds, double *elapsed,
                       double *cpu) {
  size_t steps = 0;
  double c0 = cpu_now(), t0 = now(), t1 = t0;
  do {
    for (int i = 0; i < CHUNK; i++)
      if (kn_step(m, d) <= 0) kn_data_reset(m, d); /* the last kn_step of a session did step */
    steps += CHUNK;
    t1 = now();
  } while (t1 - t0 < seconds);
  *elapsed = t1 - t0;
  *cpu = cpu_now() - c0;
  return steps;
}

static int run_step_case(const settings *s, const kn_subject *subj, step_case *sc,
                         const int *regions) {
  int rc = KN_OK;
  kn_action *actions = calloc((size_t)sc->ncontact, sizeof *actions);
  double *ns = calloc((size_t)s->repeats, sizeof *ns);
  kn_model *m = NULL;
  kn_data *d = NULL;
  kn_diag diag;
  kn_diag_clear(&diag);
  if (!actions || !ns) {
    rc = KN_ENOMEM;
    goto out;
  }
  for (int i = 0; i < sc->ncontact; i++)
    contact_action(&actions[i], i, regions[i]);
  kn_session sess = {.practitioner = KN_PRACTITIONER_PROFESSIONAL,
                     .seed = 1,
                     .dt = 1e-3,
                     .record_interval = 0.1,
                     .naction = (size_t)sc->ncontact,
                     .actions = actions};
  snprintf(sess.name, sizeof sess.name, "bench: %d contacts", sc->ncontact);
  if ((rc = kn_model_create(subj, &sess, &m, &diag)) != KN_OK) {
    fprintf(stderr, "bench_harm_path: %s: model: %s: %s\n", sc->name, diag.field, diag.message);
    goto out;
  }
  if ((rc = kn_data_create(m, &d)) != KN_OK) goto out;

  double elapsed = 0.0, cpu = 0.0, wall_sum = 0.0, cpu_sum = 0.0;
  step_for(m, d, s->warmup, &elapsed, &cpu);
  sc->steps_timed = 0;
  for (int r = 0; r < s->repeats; r++) {
    size_t n = step_for(m, d, s->min_time, &elapsed, &cpu);
    ns[r] = 1e9 * elapsed / (double)n;
    sc->steps_timed += n;
    wall_sum += elapsed;
    cpu_sum += cpu;
  }
  sc->cpu_share = cpu_sum / wall_sum;
  qsort(ns, (size_t)s->repeats, sizeof *ns, cmp_double);
  sc->ns_median = ns[s->repeats / 2];
  sc->ns_min = ns[0];
  sc->ns_max = ns[s->repeats - 1];

  const kn_outcome *o = kn_data_outcome(m, d);
  sc->nregion = o->nregion;
  sc->nnerve = o->nnerve;
  sc->nmuscle = o->nmuscle;
  sc->ncol = kn_series_ncol(m);
out:
  if (rc != KN_OK) fprintf(stderr, "bench_harm_path: %s: %s\n", sc->name, kn_strerror(rc));
  kn_data_free(d);
  kn_model_free(m);
  free(actions);
  free(ns);
  return rc;
}

static int bench_steps(const settings *s, const kn_subject *subj) {
  size_t nall = kn_atlas_region_count();
  int *all = calloc(nall, sizeof *all);
  int ten[sizeof ten_regions / sizeof ten_regions[0]];
  int nten = (int)(sizeof ten_regions / sizeof ten_regions[0]);
  if (!all) return KN_ENOMEM;
  for (size_t i = 0; i < nall; i++)
    all[i] = (int)i;
  for (int i = 0; i < nten; i++) {
    ten[i] = kn_atlas_find_region(ten_regions[i]);
    if (ten[i] < 0) {
      fprintf(stderr, "bench_harm_path: the atlas has no region \"%s\"\n", ten_regions[i]);
      free(all);
      return KN_ENOTFOUND;
    }
  }
  step_case cases[] = {{.name = "1 contact", .ncontact = 1},
                       {.name = "10 contacts", .ncontact = nten},
                       {.name = "all regions", .ncontact = (int)nall}};
  const int *regions[] = {ten, ten, all};

  printf("(a) one kn_step (dt 1 ms), every contact on its own region, all at once\n");
  printf("    1 contact: %s (effleurage, palm 30 N)\n", ten_regions[0]);
  printf(
      "    10 contacts: the regions of a whole-body massage; techniques cycle through palm\n"
      "    effleurage 30 N, palm petrissage 35 N, thumb friction 15 N, thumb compression 15 N\n");
  printf("    all regions: every one of the atlas's %zu regions, the same cycle\n\n", nall);
  printf("    %-12s %5s %7s %6s %7s %5s %10s %10s %10s %9s %5s\n", "case", "hands", "regions",
         "nerves", "muscles", "cols", "ns/step", "min", "max", "steps/s", "cpu%");
  int rc = KN_OK, busy = 0;
  for (size_t c = 0; c < sizeof cases / sizeof cases[0] && rc == KN_OK; c++) {
    step_case *sc = &cases[c];
    rc = run_step_case(s, subj, sc, regions[c]);
    if (rc != KN_OK) break;
    printf("    %-12s %5d %7zu %6zu %7zu %5zu %10.1f %10.1f %10.1f %9.3g %5.0f\n", sc->name,
           sc->ncontact, sc->nregion, sc->nnerve, sc->nmuscle, sc->ncol, sc->ns_median, sc->ns_min,
           sc->ns_max, 1e9 / sc->ns_median, 100.0 * sc->cpu_share);
    if (sc->cpu_share < 0.95) busy = 1;
    fflush(stdout);
  }
  if (busy)
    printf("    note: cpu%% < 95: this process was off the CPU part of the time (a busy machine);\n"
           "    the wall-clock figures above are pessimistic\n");
  if (rc == KN_OK) {
    const step_case *all_case = &cases[2];
    double per_hand = all_case->ns_median / all_case->ncontact;
    printf("\n    all regions: %.1f ns per hand and step; one such step takes %.1f %% of the 1 ms\n"
           "    budget of a 1 kHz control loop\n",
           per_hand, 100.0 * all_case->ns_median / 1e6);
  }
  printf("\n");
  free(all);
  return rc;
}

/* ---- (b) the 60-minute session end to end ------------------------------------------------------
 */

/* First readable candidate: the path as given, else "../" + path (running from a build dir). */
static const char *find_file(const char *path, char *buf, size_t size) {
  FILE *f = fopen(path, "r");
  if (f) {
    fclose(f);
    return path;
  }
  if (path[0] != '/') {
    snprintf(buf, size, "../%s", path);
    f = fopen(buf, "r");
    if (f) {
      fclose(f);
      return buf;
    }
  }
  return NULL;
}

static int bench_session(const settings *s) {
  char sbuf[1024], ubuf[1024], msg[1024];
  const char *spath = find_file(s->session, sbuf, sizeof sbuf);
  const char *upath = find_file(s->subject, ubuf, sizeof ubuf);
  printf("(b) a whole session end to end\n");
  if (!spath || !upath) {
    fprintf(stderr,
            "bench_harm_path: cannot read %s; run from the source directory (make bench) or give "
            "the paths: bench_harm_path [--quick] SESSION.yaml [SUBJECT.yaml]\n",
            spath ? s->subject : s->session);
    return KN_EIO;
  }
  kn_diag diag;
  kn_diag_clear(&diag);
  kn_subject subj;
  kn_session *sess = NULL;
  kn_model *m = NULL;
  kn_data *d = NULL;
  int rc;

  double t0 = now();
  if ((rc = kn_subject_load(upath, &subj, &diag)) != KN_OK ||
      (rc = kn_session_load(spath, &sess, &diag)) != KN_OK) {
    kn_diag_format(&diag, msg, sizeof msg);
    fprintf(stderr, "bench_harm_path: %s\n", msg);
    return rc;
  }
  double t1 = now();
  if ((rc = kn_model_create(&subj, sess, &m, &diag)) != KN_OK) {
    kn_diag_format(&diag, msg, sizeof msg);
    fprintf(stderr, "bench_harm_path: %s\n", msg);
    kn_session_free(sess);
    return rc;
  }
  double t2 = now();
  if ((rc = kn_data_create(m, &d)) != KN_OK) {
    fprintf(stderr, "bench_harm_path: data: %s\n", kn_strerror(rc));
    kn_model_free(m);
    kn_session_free(sess);
    return rc;
  }
  double t3 = now(), c3 = cpu_now();
  size_t nstep = 1; /* the call that returns 0 takes the last step */
  while (kn_step(m, d) > 0)
    nstep++;
  double t4 = now(), c4 = cpu_now();
  const kn_outcome *o = kn_data_outcome(m, d);
  double t5 = now();

  double sim = kn_data_time(d);
  double total = t5 - t0;
  printf("    session:  %s (%s)\n", sess->name, spath);
  printf("    subject:  %s\n", upath);
  printf("    plan:     %zu actions, %g min simulated (%g min of it recovery) at dt %g ms: %zu "
         "steps\n",
         sess->naction, sim / 60.0, sess->recovery / 60.0, 1e3 * kn_model_dt(m), nstep);
  printf("    model:    %zu regions, %zu nerves and vessels, %zu muscles; %zu columns every %g s\n",
         o->nregion, o->nnerve, o->nmuscle, kn_series_ncol(m), sess->record_interval);
  printf("    outcome:  harm %s, %zu events\n", kn_harm_name(o->harm), o->nevent);
  printf("    load (parse both files)  %9.4f s\n", t1 - t0);
  printf("    model build              %9.4f s\n", t2 - t1);
  printf("    data create              %9.4f s\n", t3 - t2);
  printf("    run (kn_run)             %9.4f s   %.1f ns/step (cpu %.0f %%)\n", t4 - t3,
         1e9 * (t4 - t3) / (double)nstep, 100.0 * (c4 - c3) / (t4 - t3));
  printf("    outcome                  %9.6f s\n", t5 - t4);
  printf("    total                    %9.4f s\n", total);
  printf("    speed-up over real time: %.0fx (run only), %.0fx (total)\n\n", sim / (t4 - t3),
         sim / total);
  kn_data_free(d);
  kn_model_free(m);
  kn_session_free(sess);
  return rc;
}

/* ---- main -------------------------------------------------------------------------------------
 */

static void usage(FILE *f) {
  fprintf(f, "usage: bench_harm_path [--quick] [SESSION.yaml [SUBJECT.yaml]]\n"
             "  --quick  short smoke run (3 repeats of >= 0.05 s); figures are rough\n"
             "  SESSION  default examples/full_body_professional_60min.yaml\n"
             "  SUBJECT  default examples/subject_default.yaml\n"
             "Prints figures; exit 0 unless something fails (never on time).\n");
}

int main(int argc, char **argv) {
  settings s = {.quick = 0,
                .repeats = 5,
                .min_time = 1.0,
                .warmup = 0.3,
                .session = "examples/full_body_professional_60min.yaml",
                .subject = "examples/subject_default.yaml"};
  int npos = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--quick") == 0) {
      s.quick = 1;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "bench_harm_path: unknown option %s\n", argv[i]);
      usage(stderr);
      return 2;
    } else if (npos == 0) {
      s.session = argv[i], npos++;
    } else if (npos == 1) {
      s.subject = argv[i], npos++;
    } else {
      usage(stderr);
      return 2;
    }
  }
  if (s.quick) {
    s.repeats = 3;
    s.min_time = 0.05;
    s.warmup = 0.02;
  }
  print_machine(&s);

  kn_subject subj;
  kn_subject_default(&subj);
  int rc = bench_steps(&s, &subj);
  if (rc == KN_OK) rc = bench_session(&s);
  if (rc != KN_OK) {
    fprintf(stderr, "bench_harm_path: failed: %s\n", kn_strerror(rc));
    return 1;
  }
  return 0;
}
