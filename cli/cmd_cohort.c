/* SPDX-License-Identifier: Apache-2.0 */
/* knead cohort POPULATION SESSION -n N -o DB [--seed S] [--profiles LIST] [-j THREADS]
 *              [--uncertainty [--draws K]]
 * knead cohort POPULATION SESSION -n N --sensitivity [--trajectories R]  (cli/cohort_uncertainty.c)
 * knead cohort --summary DB | --dump DB
 *
 * Subjects are numbered 0..n-1. This process (rank 0 under MPI) owns the database: it finds the
 * subjects not yet stored, every rank simulates its share (interleaved indices) with its threads,
 * and rank 0 writes each finished subject in its own transaction, its own and those the other
 * ranks send. A killed run is resumed by the same command. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef KN_HAVE_MPI
#include <mpi.h>
#endif

#include "cli.h"
#include "knead/knead.h"

#define Z95 1.959963984540054 /* standard normal quantile for a two-sided 95 % interval */

enum {
  OPT_SUMMARY = CLI_LONG,
  OPT_DUMP,
  OPT_SEED,
  OPT_PROFILES,
  OPT_BY,
  OPT_UNCERTAINTY,
  OPT_SENSITIVITY,
  OPT_DRAWS,
  OPT_TRAJECTORIES,
  OPT_SPREADS,
  OPT_PROGRESS,
  OPT_NO_PROGRESS
};

static const cli_option options[] = {
    {'n', NULL, "N", CLI_COMPLETE_NONE, NULL, "subjects (numbered 0..N-1), 1 to 100000000"},
    {'o', "output", "FILE", CLI_COMPLETE_FILE, NULL,
     "the database; an interrupted run resumes when started again with\nthe same arguments "
     "(other arguments: refused)"},
    {OPT_SEED, "seed", "S", CLI_COMPLETE_NONE, NULL,
     "the run's seed (default 1); subject i is the same for any threads,\nranks and order"},
    {OPT_PROFILES, "profiles", "LIST", CLI_COMPLETE_WORDS,
     "professional untrained_partner rough_partner professional,untrained_partner",
     "practitioner profiles, comma-separated (default: the session's):\nprofessional, "
     "untrained_partner, rough_partner; each subject\ndraws their own practitioner from each "
     "profile"},
    {'j', "threads", "T", CLI_COMPLETE_NONE, NULL,
     "worker threads (default: the cores of this machine, shared by the\nMPI ranks on it)"},
    {OPT_PROGRESS, "progress", NULL, CLI_COMPLETE_NONE, NULL,
     "progress on stderr (subjects done/total, rate, time left) even when\nit is not a "
     "terminal (then one line a second)"},
    {OPT_NO_PROGRESS, "no-progress", NULL, CLI_COMPLETE_NONE, NULL,
     "no progress; the default shows it only when stderr is a terminal"},
    {'q', "quiet", NULL, CLI_COMPLETE_NONE, NULL, "print nothing but errors"},
    {OPT_BY, "by", "TRAIT", CLI_COMPLETE_WORDS, "sex age hypertension cramps",
     "also a table per stratum: sex, age (18-39, 40-59, 60+),\nhypertension, cramps (history: "
     "none, any)"},
    {OPT_UNCERTAINTY, "uncertainty", NULL, CLI_COMPLETE_NONE, NULL,
     "sample the parameters with a spread (knead atlas) alongside the\nsubjects: subject i gets "
     "parameter draw i mod K; each incidence then\nhas a sampling and a parameter-uncertainty "
     "interval"},
    {OPT_DRAWS, "draws", "K", CLI_COMPLETE_NONE, NULL,
     "parameter draws for --uncertainty (default 20, 2 to 10000, <= N)"},
    {OPT_SENSITIVITY, "sensitivity", NULL, CLI_COMPLETE_NONE, NULL,
     "Morris screening instead of a cohort: which parameters drive each\nincidence; N subjects "
     "per parameter point, no database (-o unused)"},
    {OPT_TRAJECTORIES, "trajectories", "R", CLI_COMPLETE_NONE, NULL,
     "Morris trajectories (default 10, 2 to 1000); cost: R x (parameters\n+ 1) x N simulations "
     "per profile"},
    {OPT_SPREADS, "spreads", "SET", CLI_COMPLETE_WORDS,
     "all source neuromuscular nerve tissue circulation systemic",
     "parameters to vary: all (default; sources and expert ranges),\nsource (only spreads the "
     "sources give), or a module:\nneuromuscular, nerve, tissue, circulation, systemic"},
    {OPT_SUMMARY, "summary", "FILE", CLI_COMPLETE_FILE, NULL,
     "print the incidence table of a stored run"},
    {OPT_DUMP, "dump", "FILE", CLI_COMPLETE_FILE, NULL,
     "print every stored row as text, in a canonical order"},
};

static const char *const synopsis[] = {
    "POPULATION.yaml SESSION.yaml -n N -o RESULTS.sqlite [options]",
    "POPULATION.yaml SESSION.yaml -n N --sensitivity [--trajectories R]",
    "--summary RESULTS.sqlite [--by TRAIT]", "--dump RESULTS.sqlite", NULL};

static const cli_exit exits[] = {
    {"0", "ok"},
    {"2", "bad input or usage, or a database of another run, damaged or in use (the file\n"
          "untouched)"},
    {"3", "internal error (a write failed, the disk is full)"},
    {"130, 143, 129", "interrupted by SIGINT, SIGTERM, SIGHUP (every finished subject kept: "
                      "the\nsame command resumes)"},
    {NULL, NULL},
};

const cli_command cli_cohort = {
    .name = "cohort",
    .summary = "a virtual cohort: the incidence of each harm, with intervals; resumable",
    .synopsis = synopsis,
    .description =
        "Draws N virtual subjects from the population, gives each the session under every\n"
        "practitioner profile, stores one row per subject and profile in SQLite and prints the\n"
        "incidence of each harm with its 95 % confidence interval (Wilson) and the relative\n"
        "risk. Formats, schema, statistics and MPI: docs/cohort.md.",
    .options = options,
    .noption = sizeof options / sizeof options[0],
    .operands = CLI_COMPLETE_FILE,
    .exits = exits,
#ifdef KN_HAVE_MPI
    .notes = "Built with MPI: mpirun -n R knead cohort ... spreads the subjects over R ranks.",
#else
    .notes = NULL,
#endif
    .run = cmd_cohort,
};

static void print_diag(const kn_diag *d) {
  cli_print_diag(d);
}

/* ---- the incidence table --------------------------------------------------------------------- */

static void print_header(const kn_cohort_summary *s, FILE *out) {
  const kn_cohort_run_info *in = &s->info;
  uint64_t done = s->nprofile ? s->n[0] : 0;
  char pop[512], ses[512];
  fprintf(out,
          "cohort: %" PRIu64 " of %" PRIu64 " subjects%s; population \"%s\"; session \"%s\"; "
          "seed %" PRIu64 "\n",
          done, in->n, done < in->n ? " (incomplete: run the same command to resume)" : "",
          cli_term_str(pop, sizeof pop, in->population_name),
          cli_term_str(ses, sizeof ses, in->session_name), in->seed);
  fprintf(out, "incidence per subject, %% with 95 %% confidence interval (Wilson)\n");
}

/* The relative risk is shown for two different profiles: untrained partner over professional. */
static int rr_shown(const kn_cohort_summary *s, int *treat) {
  *treat = s->nprofile == 2 && s->profiles[1] == KN_PRACTITIONER_UNTRAINED_PARTNER ? 1 : 0;
  return s->nprofile == 2 && s->profiles[0] != s->profiles[1];
}

/* The head line of a table: its title and each profile's n. */
static void print_head(const kn_cohort_summary *s, const char *title, FILE *out) {
  fprintf(out, "\n%-26s", title);
  for (int p = 0; p < s->nprofile; p++) {
    char head[64];
    snprintf(head, sizeof head, "%s (n=%" PRIu64 ")",
             kn_practitioner_name((kn_practitioner)s->profiles[p]), s->n[p]);
    fprintf(out, "  %-29s", head);
  }
  int treat = 0;
  if (rr_shown(s, &treat)) fprintf(out, "  relative risk (95 %% CI)");
  fputc('\n', out);
}

/* One row: the count, incidence and Wilson interval per profile, and the relative risk. */
static void print_row(const kn_cohort_summary *s, const char *label, const uint64_t *k, FILE *out) {
  fprintf(out, "%-26s", label);
  for (int p = 0; p < s->nprofile; p++) {
    kn_interval w = kn_wilson(k[p], s->n[p], Z95);
    char cell[64];
    snprintf(cell, sizeof cell, "%5" PRIu64 " %6.2f [%5.2f, %5.2f]", k[p], 100.0 * w.est,
             100.0 * w.lo, 100.0 * w.hi);
    fprintf(out, "  %-29s", cell);
  }
  int treat = 0;
  if (rr_shown(s, &treat)) {
    kn_interval r;
    int t = treat, c = 1 - treat;
    if (kn_relative_risk(k[t], s->n[t], k[c], s->n[c], Z95, &r) == 0)
      fprintf(out, "  %.3g [%.3g, %.3g]", r.est, r.lo, r.hi);
    else
      fprintf(out, "  -");
  }
  fputc('\n', out);
}

/* A course run: the course's incidences, then its change of resting pressure (mean and SD). */
static void print_course(const kn_cohort_summary *s, FILE *out) {
  char title[64];
  snprintf(title, sizeof title, "course (%d sessions)", s->info.course_sessions);
  print_head(s, title, out);
  for (size_t i = 0; i < s->ncourse_outcome; i++)
    print_row(s, kn_cohort_course_outcome_label(i), s->kc[i], out);
  static const char *const who[2] = {"all", "hypertensive"};
  for (int hyper = 0; hyper < 2; hyper++) {
    char label[40];
    snprintf(label, sizeof label, "BP change, %s", who[hyper]);
    fprintf(out, "%-26s", label);
    for (int p = 0; p < s->nprofile; p++) {
      char cell[64];
      if (s->bp_n[hyper][p] == 0)
        snprintf(cell, sizeof cell, "%5d -", 0);
      else
        snprintf(cell, sizeof cell, "%5" PRIu64 " %+.1f/%+.1f (SD %.1f/%.1f)", s->bp_n[hyper][p],
                 s->systolic_mean[hyper][p], s->diastolic_mean[hyper][p], s->systolic_sd[hyper][p],
                 s->diastolic_sd[hyper][p]);
      fprintf(out, "  %-29s", cell);
    }
    fputc('\n', out);
  }
}

static void print_table(const kn_cohort_summary *s, FILE *out) {
  print_head(s, s->stratum[0] ? s->stratum : "outcome", out);
  for (size_t i = 0; i < s->noutcome; i++) {
    uint64_t k[KN_COHORT_MAX_PROFILES];
    for (int p = 0; p < s->nprofile; p++)
      k[p] = s->k[i][p];
    print_row(s, kn_cohort_outcome_label(i), k, out);
  }
  if (s->ncourse_outcome) print_course(s, out);
}

static void print_notes(const kn_cohort_summary *s, FILE *out) {
  fprintf(out, "\ncounts: subjects with the outcome; %% and interval in percent.\n");
  if (s->ncourse_outcome)
    fprintf(out,
            "course: the table above is each subject's first session, the course table the whole "
            "course (every session simulated); BP change: mean systolic/diastolic mmHg from rest "
            "before the first session to the end of the last (what the sessions carried and the "
            "last one's own change), with its sample SD.\n");
  int treat = 0;
  if (rr_shown(s, &treat))
    fprintf(out,
            "relative risk: %s vs %s, the same subjects under both; Katz log interval, with 0.5 "
            "added to every cell when a count is 0 ('-': no event in either).\n",
            kn_practitioner_name((kn_practitioner)s->profiles[treat]),
            kn_practitioner_name((kn_practitioner)s->profiles[1 - treat]));
}

/* The whole table, then (by >= 0) one table per stratum. Returns 0 or an exit code. */
static int print_summary(const char *path, int by, FILE *out) {
  kn_cohort_summary s, strata[3];
  kn_diag diag;
  size_t n = 0;
  if (kn_cohort_summary_load(path, &s, &diag) ||
      (by >= 0 && kn_cohort_summary_by(path, (kn_cohort_by)by, strata, 3, &n, &diag))) {
    print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  print_header(&s, out);
  print_table(&s, out);
  for (size_t i = 0; i < n; i++)
    print_table(&strata[i], out);
  print_notes(&s, out);
  return cohort_print_uncertainty(path, out);
}

static int summary_only(const char *path, int by) {
  if (access(path, R_OK) != 0) {
    fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
    return KN_EXIT_USAGE;
  }
  return print_summary(path, by, stdout);
}

static int dump_only(const char *path) {
  if (access(path, R_OK) != 0) {
    fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
    return KN_EXIT_USAGE;
  }
  kn_diag diag;
  if (kn_cohort_dump(path, stdout, &diag)) {
    print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  return KN_EXIT_OK;
}

/* ---- the run --------------------------------------------------------------------------------- */

typedef struct run {
  kn_cohort_store *store;
  uint64_t total, done;  /* subjects to compute in this start, and computed so far */
  cli_progress progress; /* rank 0: subjects done/total on stderr */
  double t0;             /* s, the start (monotonic) */
  int rank, nrank;
  int ranks_running;    /* rank 0: other ranks still sending */
  kn_cohort_unit *recv; /* rank 0: buffer for a unit from another rank */
  int failed;
} run;

static int store_unit(run *r, const kn_cohort_unit *u) {
  kn_diag diag;
  if (kn_cohort_store_write(r->store, u, &diag)) {
    print_diag(&diag);
    return KN_EXIT_INTERNAL;
  }
  r->done++;
  cli_progress_update(&r->progress, (double)r->done);
  return 0;
}

#ifdef KN_HAVE_MPI
enum { TAG_UNIT = 1, TAG_DONE = 2 };

/* rank 0: take whatever the other ranks have sent */
static int receive(run *r, int block) {
  while (r->ranks_running > 0) {
    int flag = 0;
    MPI_Status st;
    if (block)
      MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st), flag = 1;
    else
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
    if (!flag) return 0;
    if (st.MPI_TAG == TAG_DONE) {
      int dummy;
      MPI_Recv(&dummy, 1, MPI_INT, st.MPI_SOURCE, TAG_DONE, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      r->ranks_running--;
      continue;
    }
    MPI_Recv(r->recv, (int)sizeof *r->recv, MPI_BYTE, st.MPI_SOURCE, TAG_UNIT, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    int rc = store_unit(r, r->recv);
    if (rc) return rc;
  }
  return 0;
}
#endif

/* What the callbacks return to stop the pool when a signal arrived (not an exit code). */
enum { STOP_INTERRUPTED = 1000 };

static int deliver(const kn_cohort_unit *u, void *ctx) {
  run *r = ctx;
  if (cli_interrupted()) return STOP_INTERRUPTED; /* this unit is dropped: a resume redoes it */
#ifdef KN_HAVE_MPI
  if (r->rank != 0) {
    /* the ranks run the same binary: a unit is plain data and goes as bytes */
    MPI_Send(u, (int)sizeof *u, MPI_BYTE, 0, TAG_UNIT, MPI_COMM_WORLD);
    return 0;
  }
#endif
  return store_unit(r, u);
}

static int poll_ranks(void *ctx) {
  if (cli_interrupted()) return STOP_INTERRUPTED;
#ifdef KN_HAVE_MPI
  run *r = ctx;
  if (r->rank == 0) return receive(r, 0);
#else
  (void)ctx;
#endif
  return 0;
}

/* Threads for this process: the machine's cores shared by the ranks on it. */
static int default_threads(void) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  if (cores < 1) cores = 1;
  const char *local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  long nlocal = local ? strtol(local, NULL, 10) : 1;
  if (nlocal < 1) nlocal = 1;
  long t = cores / nlocal;
  return t < 1 ? 1 : (int)t;
}

static int parse_profiles(const char *list, kn_cohort_job *job) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s", list);
  job->nprofile = 0;
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    int p;
    if (!strcmp(tok, "professional"))
      p = KN_PRACTITIONER_PROFESSIONAL;
    else if (!strcmp(tok, "untrained_partner"))
      p = KN_PRACTITIONER_UNTRAINED_PARTNER;
    else if (!strcmp(tok, "rough_partner"))
      p = KN_PRACTITIONER_ROUGH_PARTNER;
    else
      return cli_usage_error("cohort",
                             "unknown profile \"%s\"; --profiles takes professional, "
                             "untrained_partner, rough_partner",
                             tok);
    for (int i = 0; i < job->nprofile; i++)
      if ((int)job->profiles[i] == p)
        return cli_usage_error("cohort", "profile \"%s\" given twice", tok);
    if (job->nprofile == KN_COHORT_MAX_PROFILES)
      return cli_usage_error("cohort", "at most %d profiles", KN_COHORT_MAX_PROFILES);
    job->profiles[job->nprofile++] = (kn_practitioner)p;
  }
  if (job->nprofile == 0) return cli_usage_error("cohort", "--profiles needs a profile");
  return 0;
}

static int parse_u64(const char *s, uint64_t *out) {
  char *end = NULL;
  if (s == NULL || *s == '\0' || *s == '-') return -1;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end != '\0') return -1;
  *out = v;
  return 0;
}

typedef struct args {
  const char *paths[2], *db, *profiles;
  uint64_t n, seed;
  int npath, has_n, threads, progress, quiet;
  int by; /* kn_cohort_by of the extra tables, -1 none */
  int uncertainty, sensitivity;
  const char *spreads;          /* --spreads: NULL (all), all, source or a module */
  uint64_t draws, trajectories; /* 0: not given */
} args;

/* The parameter-design options agree with each other and with -n and -o. */
static int check_design_args(args *a) {
  if (a->uncertainty && a->sensitivity)
    return cli_usage_error("cohort", "--uncertainty and --sensitivity are separate runs; give one");
  if (a->draws && !a->uncertainty)
    return cli_usage_error("cohort", "--draws goes with --uncertainty");
  if (a->trajectories && !a->sensitivity)
    return cli_usage_error("cohort", "--trajectories goes with --sensitivity");
  if (a->spreads && !a->uncertainty && !a->sensitivity)
    return cli_usage_error("cohort", "--spreads goes with --uncertainty or --sensitivity");
  if (a->sensitivity) {
    if (a->db) return cli_usage_error("cohort", "--sensitivity writes no database; leave out -o");
    if (!a->trajectories) a->trajectories = 10;
    return 0;
  }
  if (a->uncertainty) {
    if (!a->draws) a->draws = 20;
    if (a->n < a->draws)
      return cli_usage_error("cohort", "--uncertainty needs -n at least --draws (%" PRIu64 ")",
                             a->draws);
  }
  if (!a->db) return cli_usage_error("cohort", "needs -o, the database file");
  return 0;
}

static int parse_args(int argc, char **argv, args *a, int *mode, const char **file) {
  memset(a, 0, sizeof *a);
  a->seed = 1;
  a->progress = -1;
  a->by = -1;
  cli_parser p;
  cli_parse_begin(&p, &cli_cohort, argc, argv);
  for (;;) {
    const char *v;
    int opt = cli_next(&p, &v);
    if (opt == CLI_END) break;
    switch (opt) {
    case CLI_HELP:
      *mode = 'h';
      return 0;
    case CLI_ERROR:
      return KN_EXIT_USAGE;
    case CLI_OPERAND:
      if (a->npath >= 2)
        return cli_usage_error("cohort", "too many arguments; try knead cohort --help");
      a->paths[a->npath++] = v;
      break;
    case OPT_SUMMARY:
    case OPT_DUMP:
      if (!v) return cli_usage_error("cohort", "%s needs a database file", p.spelled);
      *mode = opt == OPT_SUMMARY ? 's' : 'd';
      *file = v;
      break;
    case 'n':
      if (!v || parse_u64(v, &a->n) || a->n == 0 || a->n > 100000000)
        return cli_usage_error("cohort", "-n needs a number of subjects, 1 to 100000000");
      a->has_n = 1;
      break;
    case OPT_SEED:
      if (!v || parse_u64(v, &a->seed))
        return cli_usage_error("cohort", "--seed needs a non-negative integer");
      break;
    case 'o':
      if (!v) return cli_usage_error("cohort", "%s needs a database file", p.spelled);
      a->db = v;
      break;
    case OPT_PROFILES:
      if (!v) return cli_usage_error("cohort", "--profiles needs a list");
      a->profiles = v;
      break;
    case 'j': {
      uint64_t t = 0;
      if (!v || parse_u64(v, &t) || t < 1 || t > 1024)
        return cli_usage_error("cohort", "%s needs a number of threads, 1 to 1024", p.spelled);
      a->threads = (int)t;
      break;
    }
    case OPT_BY:
      a->by = -1;
      for (int b = 0; b < KN_BY_COUNT && v; b++)
        if (!strcmp(v, kn_cohort_by_name((kn_cohort_by)b))) a->by = b;
      if (a->by < 0)
        return cli_usage_error("cohort", "--by needs one of: sex, age, hypertension, cramps");
      break;
    case OPT_UNCERTAINTY:
      a->uncertainty = 1;
      break;
    case OPT_SENSITIVITY:
      a->sensitivity = 1;
      break;
    case OPT_DRAWS:
      if (!v || parse_u64(v, &a->draws) || a->draws < 2 || a->draws > 10000)
        return cli_usage_error("cohort", "--draws needs a number of parameter draws, 2 to 10000");
      break;
    case OPT_TRAJECTORIES:
      if (!v || parse_u64(v, &a->trajectories) || a->trajectories < 2 || a->trajectories > 1000)
        return cli_usage_error("cohort", "--trajectories needs a number, 2 to 1000");
      break;
    case OPT_SPREADS:
      if (!v || !kn_cohort_spread_set_valid(v))
        return cli_usage_error("cohort", "--spreads needs all, source or a module with spreads "
                                         "(neuromuscular, nerve, tissue, circulation, systemic)");
      a->spreads = v;
      break;
    case OPT_PROGRESS:
    case OPT_NO_PROGRESS:
      a->progress = opt == OPT_PROGRESS;
      break;
    case 'q':
      a->quiet = 1;
      break;
    default:
      return cli_usage_error("cohort", "%s: not handled", p.spelled);
    }
  }
  if (*mode) return 0;
  if (a->npath < 2)
    return cli_usage_error("cohort", "needs POPULATION and SESSION files; try --help");
  if (!a->has_n) return cli_usage_error("cohort", "needs -n, the number of subjects");
  return check_design_args(a);
}

/* Loads the inputs; prints and returns an exit code on failure. */
static int load_inputs(const args *a, kn_population **pop, kn_session **sess, kn_cohort_job *job,
                       int loud) {
  kn_diag diag;
  if (kn_population_load(a->paths[0], pop, &diag)) {
    if (loud) print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  if (kn_session_load(a->paths[1], sess, &diag)) {
    if (loud) print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  memset(job, 0, sizeof *job);
  job->population = *pop;
  job->session = *sess;
  job->seed = a->seed;
  if (a->profiles) {
    int rc = parse_profiles(a->profiles, job);
    if (rc) return rc;
  } else {
    job->profiles[0] = (*sess)->practitioner;
    job->nprofile = 1;
  }
  /* a session that cannot become a model, or a population that gives no valid subject, fails
   * here, once, before anything is written */
  kn_model *m = NULL;
  if (kn_model_create(NULL, *sess, &m, &diag)) {
    if (!diag.file[0]) snprintf(diag.file, sizeof diag.file, "%s", a->paths[1]);
    if (loud) print_diag(&diag);
    return KN_EXIT_USAGE;
  }
  kn_model_free(m);
  kn_cohort_unit *u = malloc(sizeof *u);
  if (u == NULL) return KN_EXIT_INTERNAL;
  int rc = kn_cohort_draw(job, 0, u, &diag);
  free(u);
  if (rc) {
    if (loud) print_diag(&diag);
    return rc == KN_ENOMEM ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  return 0;
}

/* Rank 0: opens the database and lists the subjects still to do. */
static int prepare(const args *a, const kn_cohort_job *job, run *r, uint64_t **pending,
                   uint64_t *npending) {
  kn_cohort_run_info info;
  memset(&info, 0, sizeof info);
  kn_cohort_design_describe(job->design, info.parameters, sizeof info.parameters);
  snprintf(info.population_file, sizeof info.population_file, "%s", a->paths[0]);
  snprintf(info.session_file, sizeof info.session_file, "%s", a->paths[1]);
  if (kn_cohort_hash_file(a->paths[0], info.population_hash, sizeof info.population_hash) ||
      kn_cohort_hash_file(a->paths[1], info.session_hash, sizeof info.session_hash)) {
    fprintf(stderr, "knead: cannot read the input files\n");
    return KN_EXIT_USAGE;
  }
  snprintf(info.population_name, sizeof info.population_name, "%s",
           kn_population_name(job->population));
  snprintf(info.session_name, sizeof info.session_name, "%s", job->session->name);
  info.n = a->n;
  info.seed = a->seed;
  info.course_sessions = job->session->course.nsession;
  for (int p = 0; p < job->nprofile; p++)
    snprintf(info.profiles + strlen(info.profiles), sizeof info.profiles - strlen(info.profiles),
             "%s%s", p ? "," : "", kn_practitioner_name(job->profiles[p]));
  snprintf(info.version, sizeof info.version, "%s", kn_version());
  kn_diag diag;
  int rc = kn_cohort_store_open(a->db, &info, &r->store, &diag);
  if (rc) {
    print_diag(&diag);
    /* another run, in use, damaged, foreign, cannot open: the user's to fix; a failed write (full
     * disk) is the machine's */
    return rc == KN_ESTATE || rc == KN_EPARSE || rc == KN_EINVAL ? KN_EXIT_USAGE : KN_EXIT_INTERNAL;
  }
  unsigned char *done = calloc(a->n, 1);
  *pending = malloc(a->n * sizeof **pending);
  if (!done || !*pending) {
    free(done);
    fprintf(stderr, "knead: out of memory\n");
    return KN_EXIT_INTERNAL;
  }
  if (kn_cohort_store_done(r->store, done, a->n, &diag)) {
    free(done);
    print_diag(&diag);
    return KN_EXIT_INTERNAL;
  }
  *npending = 0;
  for (uint64_t i = 0; i < a->n; i++)
    if (!done[i]) (*pending)[(*npending)++] = i;
  free(done);
  return 0;
}

/* --uncertainty: the parameter draws (the same on every rank: they come from the seed). */
static int make_nested(const args *a, kn_cohort_job *job, kn_cohort_design **design, int loud) {
  kn_diag diag;
  if (kn_cohort_design_nested(job->session, a->spreads, a->seed, (size_t)a->draws, design, &diag)) {
    if (!diag.file[0]) snprintf(diag.file, sizeof diag.file, "%s", a->paths[1]);
    if (loud) print_diag(&diag);
    return diag.code == KN_ENOMEM ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  job->design = *design;
  return 0;
}

static int run_cohort(const args *a) {
  int rank = 0, nrank = 1;
#ifdef KN_HAVE_MPI
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &nrank);
#endif
  kn_population *pop = NULL;
  kn_session *sess = NULL;
  kn_cohort_job job;
  run r;
  memset(&r, 0, sizeof r);
  r.rank = rank;
  r.nrank = nrank;
  uint64_t *pending = NULL, npending = 0;
  /* every rank reads the inputs (the same paths on every machine); rank 0 speaks for all */
  kn_cohort_design *design = NULL;
  int rc = load_inputs(a, &pop, &sess, &job, rank == 0);
  if (rc == 0 && a->uncertainty) rc = make_nested(a, &job, &design, rank == 0);
#ifdef KN_HAVE_MPI
  /* a rank that cannot read the files (another machine, another path) stops everyone */
  int mine = rc;
  MPI_Allreduce(&mine, &rc, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (rc && rank == 0 && mine == 0)
    fprintf(stderr, "knead: another rank could not read the inputs (they must be at the same "
                    "path on every machine)\n");
#endif
  if (rc == 0 && rank == 0) rc = prepare(a, &job, &r, &pending, &npending);
#ifdef KN_HAVE_MPI
  /* everyone learns whether to go on, and rank 0's list of subjects still to do */
  MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rc == 0) {
    MPI_Bcast(&npending, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (rank != 0) pending = malloc((npending ? npending : 1) * sizeof *pending);
    if (pending == NULL) MPI_Abort(MPI_COMM_WORLD, KN_EXIT_INTERNAL);
    MPI_Bcast(pending, (int)npending, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  }
#endif
  if (rc) goto out;

  /* this rank's share: every nrank-th of the subjects to do */
  uint64_t nmine = 0;
  for (uint64_t j = (uint64_t)rank; j < npending; j += (uint64_t)nrank)
    pending[nmine++] = pending[j];
  r.total = npending;
  cli_progress_begin(&r.progress, rank == 0 && cli_progress_wanted(a->progress, a->quiet),
                     (double)npending, "subjects", 0);
  r.t0 = cli_now();
  r.ranks_running = nrank - 1;
  if (rank == 0 && nrank > 1) {
    r.recv = malloc(sizeof *r.recv);
    if (r.recv == NULL) {
      rc = KN_EXIT_INTERNAL;
      goto out;
    }
  }
  kn_diag diag;
  int threads = a->threads ? a->threads : default_threads();
  rc = kn_cohort_pool_run(&job, pending, nmine, threads, deliver, poll_ranks, &r, &diag);
  if (rc == STOP_INTERRUPTED || cli_interrupted()) { /* every finished subject is committed */
    cli_progress_clear(&r.progress);
    rc = cli_interrupt_exit("cohort", "finished subjects are saved; the same command resumes");
    goto out;
  }
  if (rc < 0) {
    print_diag(&diag);
    /* a subject the population cannot give is the population file's fault */
    rc = rc == KN_ERANGE ? KN_EXIT_USAGE : KN_EXIT_INTERNAL;
#ifdef KN_HAVE_MPI
    if (nrank > 1) MPI_Abort(MPI_COMM_WORLD, rc);
#endif
    goto out;
  }
#ifdef KN_HAVE_MPI
  if (rc == 0 && rank != 0) {
    int dummy = 0;
    MPI_Send(&dummy, 1, MPI_INT, 0, TAG_DONE, MPI_COMM_WORLD);
  }
  if (rc == 0 && rank == 0) rc = receive(&r, 1);
  if (rc && nrank > 1) MPI_Abort(MPI_COMM_WORLD, rc);
#endif
  if (rc) goto out;
  if (rank == 0) {
    cli_progress_end(&r.progress, (double)r.done);
    if (kn_cohort_store_finish(r.store, &diag)) {
      print_diag(&diag);
      rc = KN_EXIT_INTERNAL;
      goto out;
    }
    kn_cohort_store_close(r.store);
    r.store = NULL;
    if (design && kn_cohort_uncertainty_store(a->db, design, &diag)) {
      print_diag(&diag);
      rc = KN_EXIT_INTERNAL;
      goto out;
    }
    if (!a->quiet) {
      double el = cli_now() - r.t0;
      if (npending > 0)
        fprintf(stderr,
                "%" PRIu64 " subjects in %.1f s (%.3g per second, %d rank%s x %d threads)\n",
                npending, el, (double)npending / el, nrank, nrank > 1 ? "s" : "", threads);
      rc = print_summary(a->db, a->by, stdout);
      if (rc) rc = KN_EXIT_INTERNAL;
    }
  }
out:
  kn_cohort_store_close(r.store);
  free(r.recv);
  free(pending);
  kn_session_free(sess);
  kn_population_free(pop);
  kn_cohort_design_free(design);
  return rc;
}

/* --sensitivity: the screening in this process, its threads (no database, no MPI). */
static int run_sensitivity(const args *a) {
#ifdef KN_HAVE_MPI
  int nrank = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &nrank);
  if (nrank > 1) return cli_usage_error("cohort", "--sensitivity runs in one process (no mpirun)");
#endif
  kn_population *pop = NULL;
  kn_session *sess = NULL;
  kn_cohort_job job;
  int rc = load_inputs(a, &pop, &sess, &job, 1);
  if (rc == 0)
    rc = cohort_sensitivity(&job, (size_t)a->trajectories, (unsigned long long)a->n, a->spreads,
                            a->threads ? a->threads : default_threads(),
                            cli_progress_wanted(a->progress, a->quiet), stdout);
  kn_session_free(sess);
  kn_population_free(pop);
  return rc;
}

int cmd_cohort(int argc, char **argv) {
  args a;
  int mode = 0;
  const char *file = NULL;
#ifdef KN_HAVE_MPI
  /* only the main thread of each rank calls MPI; the workers never do */
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
#endif
  int rc = parse_args(argc, argv, &a, &mode, &file);
  if (rc == 0) {
    if (mode == 'h')
      rc = KN_EXIT_OK; /* the help is printed */
    else if (mode == 's')
      rc = summary_only(file, a.by);
    else if (mode == 'd')
      rc = dump_only(file);
    else if (a.sensitivity)
      rc = run_sensitivity(&a);
    else
      rc = run_cohort(&a);
  }
#ifdef KN_HAVE_MPI
  MPI_Finalize();
#endif
  return rc;
}
