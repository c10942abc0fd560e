/* Validation of the neuromuscular engine: cramp threshold frequency and its modifiers (Miller &
 * Knight 2009, Lau 2019, Miller 2017, Stone), cramp discharge (Minetto 2009), shortened and
 * lengthened positions and stretch (Bertolasi 1993), inhibition of motoneurons by massage (Morelli
 * 1990, Sullivan 1991, Goldberg 1992) and which muscles cramp (Manjra 1996). */
#include <math.h>
#include <string.h>

#include "core/units.h"
#include "sim/sim_internal.h"
#include "validate/validate_internal.h"

/* ---- building sessions -------------------------------------------------------------------------
 */

enum { MAX_ACTS = 48 };

typedef struct plan {
  kn_action a[MAX_ACTS];
  size_t n;
} plan;

static kn_action *add(plan *p, kn_action_kind kind, const char *muscle, double duration) {
  kn_action *a = &p->a[p->n++];
  kn_action_init(a, kind);
  a->duration = duration;
  if (muscle) {
    a->muscle = kn_atlas_find_muscle(muscle);
    a->region = kn_atlas_muscle((size_t)a->muscle)->region;
  }
  return a;
}

/* Lying prone with the ankle held at `ankle` rad (positive: plantarflexion, the calf short). */
static void prone(plan *p, double ankle) {
  kn_action *a = add(p, KN_ACT_POSTURE, NULL, 0.0);
  a->posture = KN_POSTURE_PRONE;
  a->joint[KN_JOINT_ANKLE] = ankle;
}

/* The cramp threshold frequency test: 2 s trains at rising frequency, `step` Hz apart. */
static void ramp(plan *p, const char *muscle, double from, double step, int trains) {
  kn_action *a = add(p, KN_ACT_STIMULATION, muscle, 2.0);
  a->frequency = from;
  a->frequency_step = step;
  a->fraction = 0.5;
  a->repetitions = trains;
  a->rest_between = 30.0;
}

/* What a run found for one muscle. */
typedef struct probe {
  int muscle;       /* atlas index asked about */
  int ncramp;       /* its cramps */
  kn_spasm first;   /* its first cramp */
  kn_nm_outcome nm; /* its neuromuscular outcome */
  int ramp;         /* index of the stimulation ramp action, or -1 */
  int first_rep;    /* train of the ramp after which the first counted cramp began */
  int skip;         /* cramps passed over before the one whose train is counted */
} probe;

static void look(const kn_model *m, const kn_outcome *o, void *ctx) {
  probe *p = ctx;
  for (size_t i = 0; i < o->nnm; i++)
    if (o->nm[i].muscle == p->muscle) p->nm = o->nm[i];
  for (size_t i = 0; i < o->nspasm; i++) {
    const kn_spasm *s = &o->spasms[i];
    if (s->muscle != p->muscle || s->kind != KN_SPASM_CRAMP) continue;
    if (p->ncramp++ == p->skip) {
      p->first = *s;
      if (p->ramp >= 0) { /* which train started it: the last one begun before the cramp */
        const kn_action *a = &m->session.actions[p->ramp];
        double period = a->duration + a->rest_between;
        p->first_rep = (int)floor((s->t_start - m->action_start[p->ramp]) / period);
      }
    }
  }
}

static int run(plan *p, const kn_subject *subj, const char *muscle, probe *out) {
  memset(out, 0, sizeof *out);
  out->muscle = kn_atlas_find_muscle(muscle);
  out->ramp = -1;
  for (size_t i = 0; i < p->n; i++)
    if (p->a[i].kind == KN_ACT_STIMULATION) out->ramp = (int)i;
  return kn_case_run(p->a, p->n, subj, KN_PRACTITIONER_PROFESSIONAL, 1, look, out);
}

static kn_subject prone_subject(void) {
  kn_subject s;
  kn_subject_default(&s);
  s.cramps_per_month = 8.0; /* cramp-prone */
  return s;
}

/* Cramp threshold frequency (Hz) of a muscle: the train rate that first left a cramp behind. */
static int ctf_of(const kn_subject *subj, const char *muscle, double from, double step, int trains,
                  const kn_action *before, double *ctf) {
  plan p = {.n = 0};
  prone(&p, 0.5);
  ramp(&p, muscle, from, step, trains);
  if (before) { /* something done first (a drink): shift the ramp after it */
    p.a[p.n] = p.a[1];
    p.a[1] = *before;
    p.n++;
  }
  probe pr;
  int rc = run(&p, subj, muscle, &pr);
  if (rc) return rc;
  if (!pr.ncramp) {
    *ctf = NAN;
    return KN_OK;
  }
  *ctf = from + step * pr.first_rep;
  return KN_OK;
}

/* How far a change moves the threshold: the calf's test on `before` (a subject) and again on
 * `after` (the same or a changed subject), optionally with an action first; ramps from `from0` and
 * `from1` in `step` Hz steps. */
static int ctf_shift(const kn_subject *before, const kn_subject *after, const kn_action *first,
                     double from0, double from1, double step, int trains, double *shift) {
  double base, changed;
  int rc = ctf_of(before, "gastrocnemius", from0, step, trains, NULL, &base);
  if (!rc) rc = ctf_of(after, "gastrocnemius", from1, step, trains, first, &changed);
  *shift = changed - base;
  return rc;
}

/* ---- the cases
 * ----------------------------------------------------------------------------------- */

static int ctf_prone(kn_validation_result *r) {
  kn_case_set(r, "nm.miller_knight2009.ctf_prone", "neuromuscular", "miller_knight2009",
              "cramp threshold frequency of a cramp-prone calf (2 s trains, 2 Hz steps from 4 Hz)",
              "14.9 +- 1.3 Hz", KN_CHECK_VALUE, 14.9, 0, 0, "Hz");
  kn_subject s = prone_subject();
  return ctf_of(&s, "gastrocnemius", 4.0, 2.0, 14, NULL, &r->model);
}

static int ctf_never(kn_validation_result *r) {
  kn_case_set(r, "nm.miller_knight2009.ctf_never", "neuromuscular", "miller_knight2009",
              "cramp threshold frequency of a calf that never cramps", "25.5 +- 1.6 Hz",
              KN_CHECK_VALUE, 25.5, 0, 0, "Hz");
  kn_subject s;
  kn_subject_default(&s);
  return ctf_of(&s, "gastrocnemius", 4.0, 2.0, 16, NULL, &r->model);
}

/* A drink after 2 % dehydration, then the test with 0.5 Hz steps: the shift from the same test
 * without the drink. */
static int drink_shift(kn_fluid fluid, double from, double *shift) {
  kn_subject s = prone_subject();
  s.hypohydration = 0.02;
  kn_action drink;
  kn_action_init(&drink, KN_ACT_DRINK);
  drink.fluid = fluid;
  drink.volume = 5e-4;
  return ctf_shift(&s, &s, &drink, from, from, 0.5, 20, shift);
}

static int lau_water(kn_validation_result *r) {
  kn_case_set(r, "nm.lau2019.water", "neuromuscular", "lau2019",
              "change of cramp threshold frequency after water, 2 % dehydrated", "-4.3 to -5.1 Hz",
              KN_CHECK_BAND, NAN, -5.1, -4.3, "Hz");
  return drink_shift(KN_FLUID_WATER, 8.0, &r->model);
}

static int lau_electrolyte(kn_validation_result *r) {
  kn_case_set(r, "nm.lau2019.electrolyte", "neuromuscular", "lau2019",
              "change of cramp threshold frequency after an electrolyte drink, 2 % dehydrated",
              "+3.7 to +5.4 Hz", KN_CHECK_BAND, NAN, 3.7, 5.4, "Hz");
  return drink_shift(KN_FLUID_ELECTROLYTE, 12.0, &r->model);
}

static int dehydration_alone(kn_validation_result *r) {
  kn_case_set(r, "nm.braulick2013.dehydration", "neuromuscular", "braulick2013",
              "change of cramp threshold frequency with 3 % dehydration alone (lab hypothesis)",
              "no change (3-5 % hypohydration)", KN_CHECK_BAND, NAN, -1.0, 1.0, "Hz");
  kn_subject s = prone_subject(), dry = s;
  dry.hypohydration = 0.03;
  return ctf_shift(&s, &dry, NULL, 6.0, 6.0, 1.0, 20, &r->model);
}

/* The first cramp of a cramp-prone calf after a 16 Hz train. */
static int first_cramp(probe *pr) {
  plan p = {.n = 0};
  prone(&p, 0.5);
  ramp(&p, "gastrocnemius", 16.0, 0.0, 1);
  add(&p, KN_ACT_REST, NULL, 60.0);
  kn_subject s = prone_subject();
  int rc = run(&p, &s, "gastrocnemius", pr);
  if (!rc && !pr->ncramp) rc = KN_EINTERNAL;
  return rc;
}

static int minetto_rate(kn_validation_result *r) {
  kn_case_set(r, "nm.minetto2009.cramp_rate", "neuromuscular", "minetto2009",
              "mean discharge rate of motor units during an electrically induced cramp",
              "14.5 +- 5.1 /s (6-25)", KN_CHECK_VALUE, 14.5, 0, 0, "1/s");
  probe pr;
  int rc = first_cramp(&pr);
  r->model = rc ? NAN : pr.first.mean_rate;
  return rc;
}

static int minetto_duration(kn_validation_result *r) {
  kn_case_set(r, "nm.minetto2009.cramp_duration", "neuromuscular", "minetto2009",
              "duration of the cramp discharge", "23.6 +- 16.2 s", KN_CHECK_VALUE, 23.6, 0, 0, "s");
  probe pr;
  int rc = first_cramp(&pr);
  r->model = rc ? NAN : pr.first.t_end - pr.first.t_start;
  return rc;
}

/* A maximal voluntary contraction of 5 s with the ankle held at `ankle`, then 40 s; optionally a
 * stretch of the calf from `stretch_at` s. */
static int mvc(double ankle, double stretch_at, probe *pr) {
  plan p = {.n = 0};
  prone(&p, ankle);
  kn_action *a = add(&p, KN_ACT_VOLUNTARY, "gastrocnemius", 5.0);
  a->level = 1.0;
  if (stretch_at > 0.0) {
    add(&p, KN_ACT_REST, NULL, stretch_at - 5.0);
    a = add(&p, KN_ACT_STRETCH, "gastrocnemius", 30.0);
    a->angle = 60.0 * KN_PI / 180.0;
  } else {
    add(&p, KN_ACT_REST, NULL, 40.0);
  }
  kn_subject s;
  kn_subject_default(&s); /* Bertolasi's subjects were healthy volunteers */
  return run(&p, &s, "gastrocnemius", pr);
}

static int bertolasi_short(kn_validation_result *r) {
  kn_case_set(
      r, "nm.bertolasi1993.shortened", "neuromuscular", "bertolasi1993",
      "a maximal contraction of the calf held shortened (40 deg plantarflexion) leaves a cramp",
      "cramps in 7 of 10 subjects", KN_CHECK_TRUE, 1, 0, 0, "yes=1");
  probe pr;
  int rc = mvc(0.7, 0.0, &pr);
  r->model = pr.ncramp > 0;
  return rc;
}

static int bertolasi_long(kn_validation_result *r) {
  kn_case_set(r, "nm.bertolasi1993.lengthened", "neuromuscular", "bertolasi1993",
              "the same contraction held lengthened (17 deg dorsiflexion) leaves no cramp",
              "cramps in 0 of 10 subjects", KN_CHECK_TRUE, 1, 0, 0, "yes=1");
  probe pr;
  int rc = mvc(-0.3, 0.0, &pr);
  r->model = pr.ncramp == 0;
  return rc;
}

static int bertolasi_stretch(kn_validation_result *r) {
  kn_case_set(r, "nm.bertolasi1993.stretch_ends", "neuromuscular", "bertolasi1993",
              "seconds from the start of a calf stretch to the end of the cramp it interrupts",
              "stretch stops cramps (within seconds)", KN_CHECK_BAND, NAN, 0.0, 10.0, "s");
  probe pr;
  const double at = 12.0; /* after the cramp has lasted long enough to be one */
  int rc = mvc(0.7, at, &pr);
  if (rc) return rc;
  r->model = pr.ncramp ? pr.first.t_end - at : NAN;
  return KN_OK;
}

/* Petrissage of the calf by a palm at `force` N for 2 min: H-reflex of gastrocnemius or of the
 * tibialis anterior. */
static int massage_h(double force, const char *muscle, double *h) {
  plan p = {.n = 0};
  prone(&p, 0.5);
  kn_action *a = add(&p, KN_ACT_PETRISSAGE, "gastrocnemius", 120.0);
  a->force = force;
  probe pr;
  int rc = run(&p, NULL, muscle, &pr);
  *h = pr.nm.hreflex_ratio;
  return rc;
}

static int morelli(kn_validation_result *r) {
  kn_case_set(r, "nm.morelli1990.hreflex", "neuromuscular", "morelli1990",
              "H-reflex of the calf during petrissage (palm, 40 N), relative to rest",
              "-57 to -71 % (morelli1990; sullivan1991)", KN_CHECK_BAND, NAN, 0.29, 0.43, "ratio");
  return massage_h(40.0, "gastrocnemius", &r->model);
}

static int sullivan(kn_validation_result *r) {
  kn_case_set(r, "nm.sullivan1991.only_massaged", "neuromuscular", "sullivan1991",
              "H-reflex of the untouched antagonist (tibialis anterior) during calf massage",
              "inhibition only in the massaged muscle", KN_CHECK_VALUE, 1.0, 0, 0, "ratio");
  return massage_h(40.0, "tibialis_anterior", &r->model);
}

static int goldberg(kn_validation_result *r) {
  kn_case_set(r, "nm.goldberg1992.deep_vs_light", "neuromuscular", "goldberg1992",
              "deeper massage (40 N vs 20 N palm) inhibits the H-reflex more",
              "deep inhibits more than light", KN_CHECK_TRUE, 1, 0, 0, "yes=1");
  double deep, light;
  int rc = massage_h(40.0, "gastrocnemius", &deep);
  if (!rc) rc = massage_h(20.0, "gastrocnemius", &light);
  r->model = deep < light;
  return rc;
}

static int manjra(kn_validation_result *r) {
  kn_case_set(r, "nm.manjra1996.ranking", "neuromuscular", "manjra1996",
              "the same stimulation ramp cramps the calf first, then hamstrings, then quadriceps",
              "calf 80 % > hamstrings 66 % > quadriceps 48 % of crampers", KN_CHECK_TRUE, 1, 0, 0,
              "yes=1");
  kn_subject s = prone_subject();
  double calf, ham, quad;
  int rc = ctf_of(&s, "gastrocnemius", 4.0, 2.0, 16, NULL, &calf);
  if (!rc) rc = ctf_of(&s, "hamstrings", 4.0, 2.0, 16, NULL, &ham);
  if (!rc) rc = ctf_of(&s, "quadriceps", 4.0, 2.0, 16, NULL, &quad);
  /* a muscle that never cramped within the ramp ranks last */
  if (isnan(ham)) ham = INFINITY;
  if (isnan(quad)) quad = INFINITY;
  r->model = calf < ham && ham < quad;
  return rc;
}

static int fatigue(kn_validation_result *r) {
  kn_case_set(r, "nm.stone.fatigue", "neuromuscular", "stone_fatigue",
              "change of cramp threshold frequency after exhausting exercise (lab hypothesis)",
              "+12.9 Hz (20.0 to 32.9 Hz)", KN_CHECK_VALUE, 12.9, 0, 0, "Hz");
  kn_subject s = prone_subject(), tired = s;
  tired.exertion = 1.0;
  return ctf_shift(&s, &tired, NULL, 4.0, 14.0, 1.0, 30, &r->model);
}

static int cramp_training(kn_validation_result *r) {
  kn_case_set(r, "nm.behringer.cramp_training", "neuromuscular", "behringer_cramp_training",
              "change of cramp threshold frequency after a course of cramp training", "+10 Hz",
              KN_CHECK_VALUE, 10.0, 0, 0, "Hz");
  kn_subject s = prone_subject(), trained = s;
  trained.cramp_training = 1;
  return ctf_shift(&s, &trained, NULL, 4.0, 14.0, 1.0, 30, &r->model);
}

static int static_stretch(kn_validation_result *r) {
  kn_case_set(r, "nm.static_stretch", "neuromuscular", "miller_knight2009",
              "change of cramp threshold frequency after a 30 s static stretch of the calf",
              "no change (SCIENCE.md section 4)", KN_CHECK_BAND, NAN, -1.0, 1.0, "Hz");
  kn_subject s = prone_subject();
  kn_action stretch;
  kn_action_init(&stretch, KN_ACT_STRETCH);
  stretch.muscle = kn_atlas_find_muscle("gastrocnemius");
  stretch.region = kn_atlas_muscle((size_t)stretch.muscle)->region;
  stretch.angle = 60.0 * KN_PI / 180.0;
  stretch.duration = 30.0;
  return ctf_shift(&s, &s, &stretch, 8.0, 8.0, 1.0, 16, &r->model);
}

static int after_cramp(kn_validation_result *r) {
  kn_case_set(r, "nm.miller2017.after_cramp", "neuromuscular", "miller2017",
              "change of cramp threshold frequency minutes after a cramp", "-4 Hz (18 to 14 Hz)",
              KN_CHECK_VALUE, -4.0, 0, 0, "Hz");
  /* a cramp provoked by a 20 Hz train, then 2 min later the test again with 1 Hz steps */
  kn_subject s = prone_subject();
  kn_action first;
  kn_action_init(&first, KN_ACT_STIMULATION);
  first.muscle = kn_atlas_find_muscle("gastrocnemius");
  first.region = kn_atlas_muscle((size_t)first.muscle)->region;
  first.frequency = 20.0;
  first.fraction = 0.5;
  first.duration = 2.0;
  first.rest_between = 0.0;
  double base, after;
  int rc = ctf_of(&s, "gastrocnemius", 8.0, 1.0, 16, NULL, &base);
  if (rc) return rc;
  /* the first cramp comes from the provoking train, so the test's own cramp is the second */
  plan p = {.n = 0};
  prone(&p, 0.5);
  p.a[p.n++] = first;
  add(&p, KN_ACT_REST, NULL, 120.0);
  ramp(&p, "gastrocnemius", 8.0, 1.0, 16);
  probe pr;
  memset(&pr, 0, sizeof pr);
  pr.muscle = first.muscle;
  pr.ramp = (int)p.n - 1;
  pr.skip = 1;
  rc = kn_case_run(p.a, p.n, &s, KN_PRACTITIONER_PROFESSIONAL, 1, look, &pr);
  after = pr.ncramp > 1 ? 8.0 + 1.0 * pr.first_rep : NAN;
  r->model = after - base;
  return rc;
}

/* Clonus (hidler_rymer1999): an abrupt push on the calf with the ankle at neutral, held by a soft
 * support. With the reflex loop gain raised 30-fold (hyperreflexia, as in spasticity) and a softer
 * support it should settle into a 3-8 Hz oscillation; with the normal gain it should not. */
static void raised_gain(kn_params *p) {
  p->nm_gain_ia *= 30.0;
  p->nm_support_stiffness *= 0.05;
}

typedef struct clonus_probe {
  int muscle;
  double freq; /* Hz of its clonic spasm, 0 if none */
} clonus_probe;

static void look_clonus(const kn_model *m, const kn_outcome *o, void *ctx) {
  (void)m;
  clonus_probe *c = ctx;
  for (size_t i = 0; i < o->nspasm; i++)
    if (o->spasms[i].muscle == c->muscle && o->spasms[i].kind == KN_SPASM_CLONIC)
      c->freq = o->spasms[i].frequency;
}

static int clonus_run(void (*tune)(kn_params *p), double *freq) {
  plan p = {.n = 0};
  prone(&p, 0.0);
  kn_action *a = add(&p, KN_ACT_COMPRESSION, "gastrocnemius", 0.3);
  a->force = 80.0;
  add(&p, KN_ACT_REST, NULL, 5.0);
  kn_subject s = prone_subject();
  clonus_probe c = {kn_atlas_find_muscle("gastrocnemius"), 0.0};
  /* the probe is a deliberately abrupt push (50 ms onset): the rough partner's, not a drawn one */
  int rc = kn_case_run_tuned(p.a, p.n, &s, KN_PRACTITIONER_ROUGH_PARTNER, 1, tune, look_clonus, &c);
  *freq = c.freq;
  return rc;
}

static int clonus_raised(kn_validation_result *r) {
  kn_case_set(r, "nm.hidler_rymer1999.clonus", "neuromuscular", "hidler_rymer1999",
              "frequency of the oscillation an abrupt calf push leaves with the loop gain raised",
              "3-8 Hz clonus (reflex loop instability)", KN_CHECK_BAND, NAN, 3.0, 8.0, "Hz");
  return clonus_run(raised_gain, &r->model);
}

static int clonus_normal(kn_validation_result *r) {
  kn_case_set(r, "nm.hidler_rymer1999.no_clonus", "neuromuscular", "hidler_rymer1999",
              "with the normal loop gain the same push leaves no clonus (decays in a beat or two)",
              "stable stretch reflex", KN_CHECK_TRUE, 1, 0, 0, "yes=1");
  double f;
  int rc = clonus_run(NULL, &f);
  r->model = f == 0.0;
  return rc;
}

const kn_case_fn kn_cases_nm[] = {
    ctf_prone,      ctf_never,        lau_water,       lau_electrolyte, dehydration_alone,
    minetto_rate,   minetto_duration, bertolasi_short, bertolasi_long,  bertolasi_stretch,
    morelli,        sullivan,         goldberg,        manjra,          fatigue,
    static_stretch, after_cramp,      clonus_raised,   clonus_normal,   cramp_training};
const size_t kn_cases_nm_n = sizeof kn_cases_nm / sizeof kn_cases_nm[0];
