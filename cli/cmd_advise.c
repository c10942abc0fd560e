/* SPDX-License-Identifier: Apache-2.0 */
/* knead advise: a plain answer without writing a file. The flags say who is massaged and what is
 * planned; they are written as the subject and session documents a file would hold and read by
 * the same loaders, so every check, range and message is the one the files get. The plan is
 * simulated and the answer printed: verdict first, then the reasons, then the advice. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "knead/knead.h"

#define PA_PER_MMHG 133.322387415
#define FEVER_DEGC 38.0 /* as the advice rule: fever from 38 degC */

/* The options: each but --json becomes one field of the subject or of the session's action. */
enum {
  F_REGION,
  F_LANDMARK,
  F_MUSCLE,
  F_TECHNIQUE,
  F_CONTACT,
  F_FORCE,
  F_PRESSURE,
  F_MINUTES,
  F_REPETITIONS,
  F_REST,
  F_SPEED,
  F_RATE,
  F_GIVER,
  F_PERCENTILE,
  F_SEED,
  F_POSTURE,
  F_AGE,
  F_SEX,
  F_HEIGHT,
  F_MASS,
  F_FEVER,
  F_ILL,
  F_DEHYDRATION,
  F_CRAMPS,
  F_EXERTION,
  F_BLOOD_PRESSURE,
  F_BP_MEDICATION,
  F_HYPERTENSION,
  F_CAROTID,
  F_SESSIONS,
  F_EVERY,
  NFLAG, /* the options above write a field; those below do not */
  F_JSON = NFLAG
};

/* Where an option's value goes: the subject (0), the action (1), the session (2) or the session's
 * course (3), its key in the file and the unit a bare number is in (NULL: none). */
typedef struct flag_field {
  int doc;
  const char *key;
  const char *unit;
} flag_field;

static const flag_field fields[NFLAG] = {
    [F_REGION] = {1, "region", NULL},
    [F_LANDMARK] = {1, "landmark", NULL},
    [F_MUSCLE] = {1, "muscle", NULL},
    [F_TECHNIQUE] = {1, "do", NULL},
    [F_CONTACT] = {1, "contact", NULL},
    [F_FORCE] = {1, "force", "N"},
    [F_PRESSURE] = {1, "pressure", "kPa"},
    [F_MINUTES] = {1, "duration", "min"},
    [F_REPETITIONS] = {1, "repetitions", NULL},
    [F_REST] = {1, "rest_between", "s"},
    [F_SPEED] = {1, "speed", "cm/s"},
    [F_RATE] = {1, "rate", "Hz"},
    [F_GIVER] = {2, "practitioner", NULL},
    [F_PERCENTILE] = {2, "practitioner_percentile", NULL},
    [F_SEED] = {2, "practitioner_seed", NULL},
    [F_POSTURE] = {2, "posture", NULL},
    [F_AGE] = {0, "age", NULL},
    [F_SEX] = {0, "sex", NULL},
    [F_HEIGHT] = {0, "height", "cm"},
    [F_MASS] = {0, "mass", "kg"},
    [F_FEVER] = {0, "temperature", "degC"},
    [F_ILL] = {0, "acute_illness", NULL},
    [F_DEHYDRATION] = {0, "hypohydration", "%"},
    [F_CRAMPS] = {0, "cramps_per_month", NULL},
    [F_EXERTION] = {0, "exertion", NULL},
    [F_BLOOD_PRESSURE] = {0, "systolic_pressure", NULL},
    [F_BP_MEDICATION] = {0, "bp_medication", NULL},
    [F_HYPERTENSION] = {0, "hypertension", NULL},
    [F_CAROTID] = {0, "carotid_sinus_hypersensitivity", NULL},
    [F_SESSIONS] = {3, "sessions", NULL},
    [F_EVERY] = {3, "every", "d"},
};

#define ID(f) (CLI_LONG + (f))
static const cli_option options[] = {
    {0, NULL, NULL, CLI_COMPLETE_NONE, NULL, "where (one of)"},
    {ID(F_REGION), "region", "NAME", CLI_COMPLETE_REGION, NULL,
     "body region, e.g. neck_lateral, shoulder_top, calf (knead atlas);\nalso: neck (= "
     "neck_lateral), back (= upper_back), shoulder"},
    {ID(F_LANDMARK), "landmark", "NAME", CLI_COMPLETE_LANDMARK, NULL,
     "a point, e.g. posterior_triangle, spiral_groove, carotid_sinus"},
    {ID(F_MUSCLE), "muscle", "NAME", CLI_COMPLETE_MUSCLE, NULL,
     "a muscle belly, e.g. upper_trapezius, gastrocnemius"},
    {0, NULL, NULL, CLI_COMPLETE_NONE, NULL, "how"},
    {ID(F_TECHNIQUE), "technique", "T", CLI_COMPLETE_TECHNIQUE, NULL,
     "effleurage (stroking), petrissage (kneading), friction,\ncompression (press and hold), "
     "tapotement (percussion),\ndeep_stroke (deep: slow deep strokes); default effleurage"},
    {ID(F_CONTACT), "contact", "C", CLI_COMPLETE_CONTACT, NULL,
     "thumb, fingertips, palm, knuckles, forearm, elbow, tool\n(default: the technique's own)"},
    {ID(F_FORCE), "force", "F", CLI_COMPLETE_NONE, NULL,
     "how hard, e.g. 40N, \"4 kgf\" (bare number: N); or --pressure"},
    {ID(F_PRESSURE), "pressure", "P", CLI_COMPLETE_NONE, NULL,
     "how hard as a pressure, e.g. \"300 kPa\" (bare number: kPa)"},
    {ID(F_MINUTES), "minutes", "M", CLI_COMPLETE_NONE, NULL,
     "how long (bare number: minutes; or \"90 s\"); default 5"},
    {ID(F_REPETITIONS), "repetitions", "N", CLI_COMPLETE_NONE, NULL,
     "repetitions of the action, as in a session file"},
    {ID(F_REST), "rest", "T", CLI_COMPLETE_NONE, NULL,
     "rest between the repetitions (bare number: s)"},
    {ID(F_SPEED), "speed", "V", CLI_COMPLETE_NONE, NULL,
     "glide speed, e.g. \"3 cm/s\" (bare number: cm/s)"},
    {ID(F_RATE), "rate", "R", CLI_COMPLETE_NONE, NULL,
     "rate of kneading or percussion (bare number: Hz)"},
    {ID(F_GIVER), "giver", "G", CLI_COMPLETE_PROFILE, NULL,
     "professional (therapist), partner (untrained: an untrained partner)\nor rough (the rough "
     "partner, a what-if); default professional"},
    {ID(F_PERCENTILE), "practitioner-percentile", "P", CLI_COMPLETE_NONE, NULL,
     "the giver with every trait at percentile P (1..99) of the profile,\nin the harmful "
     "direction (95: a rough one); default the median"},
    {ID(F_SEED), "practitioner-seed", "N", CLI_COMPLETE_NONE, NULL,
     "a giver drawn at random from the profile with seed N"},
    {ID(F_POSTURE), "posture", "P", CLI_COMPLETE_POSTURE, NULL,
     "prone, supine, seated, side_lying, standing"},
    {0, NULL, NULL, CLI_COMPLETE_NONE, NULL, "who (default: an average adult of 40)"},
    {ID(F_AGE), "age", "Y", CLI_COMPLETE_NONE, NULL, "age in years"},
    {ID(F_SEX), "sex", "S", CLI_COMPLETE_WORDS, "female male", "female or male"},
    {ID(F_HEIGHT), "height", "H", CLI_COMPLETE_NONE, NULL,
     "height, e.g. \"170 cm\" (bare number: cm)"},
    {ID(F_MASS), "mass", "M", CLI_COMPLETE_NONE, NULL,
     "body mass, e.g. \"70 kg\" (bare number: kg)"},
    {ID(F_FEVER), "fever", "T", CLI_COMPLETE_NONE, NULL,
     "core temperature, e.g. 38.2 (bare number: degC); a fever from 38 degC"},
    {ID(F_ILL), "ill", NULL, CLI_COMPLETE_NONE, NULL, "acutely ill (a cold, flu)"},
    {ID(F_DEHYDRATION), "dehydration", "D", CLI_COMPLETE_NONE, NULL,
     "body mass lost, e.g. 3% (bare number: %)"},
    {ID(F_CRAMPS), "cramps-per-month", "N", CLI_COMPLETE_NONE, NULL, "cramp history"},
    {ID(F_EXERTION), "exertion", "E", CLI_COMPLETE_WORDS, "none light moderate hard exhausting",
     "recent exercise: none, light, moderate, hard, exhausting"},
    {ID(F_BLOOD_PRESSURE), "blood-pressure", "S/D", CLI_COMPLETE_NONE, NULL,
     "blood pressure, e.g. 150/95 (mmHg)"},
    {ID(F_BP_MEDICATION), "bp-medication", NULL, CLI_COMPLETE_NONE, NULL,
     "takes blood-pressure medication"},
    {ID(F_HYPERTENSION), "hypertension", NULL, CLI_COMPLETE_NONE, NULL, "has hypertension"},
    {ID(F_CAROTID), "carotid-sensitive", "ANSWER", CLI_COMPLETE_WORDS, "yes no unknown",
     "carotid sinus hypersensitivity: yes, no or unknown"},
    {0, NULL, NULL, CLI_COMPLETE_NONE, NULL, "a course (the same session given again, days apart)"},
    {ID(F_SESSIONS), "sessions", "N", CLI_COMPLETE_NONE, NULL,
     "give it N times (2..64): advice for the course too (a nerve not\nrecovered, a site still "
     "sore, blood pressure in hypertension)"},
    {ID(F_EVERY), "every", "D", CLI_COMPLETE_NONE, NULL,
     "days between the sessions, e.g. \"3 d\", \"1 week\" (bare number: d);\ndefault 7 d"},
    {0, NULL, NULL, CLI_COMPLETE_NONE, NULL, "output"},
    {ID(F_JSON), "json", NULL, CLI_COMPLETE_NONE, NULL,
     "the whole result as JSON (as summary.json, advice included), for\nmachines"},
};

static const char *const synopsis[] = {"WHERE HOW [WHO] [--json]", NULL};

static const cli_exit exits[] = {
    {"0", "go ahead"},
    {"1", "change the plan first, or stop"},
    {"2", "bad flags: one line naming the flag, nothing on stdout"},
    {"3", "internal error"},
    {NULL, NULL},
};

const cli_command cli_advise = {
    .name = "advise",
    .summary = "is this plan safe? a verdict, the reasons and advice, without a file",
    .synopsis = synopsis,
    .description =
        "Is this massage plan safe? The flags build the subject and a one-action session (read\n"
        "by the same loaders as files, so every range, unit and \"did you mean\" is the\n"
        "files'); the plan is simulated and the answer printed: verdict first, then the\n"
        "reasons, then what to do. For example:\n"
        "\n"
        "  knead advise --region neck_lateral --technique deep --contact thumb --force 60N \\\n"
        "               --minutes 5 --giver partner --fever 38.2\n"
        "\n"
        "Say where (one of --region, --landmark, --muscle) and how hard (--force or\n"
        "--pressure).",
    .options = options,
    .noption = sizeof options / sizeof options[0],
    .operands = CLI_COMPLETE_NONE,
    .exits = exits,
    .notes = NULL,
    .run = cmd_advise,
};

/* A flag given on the command line: what it writes, and its value. */
typedef struct flag {
  char name[32];     /* "--force" */
  int doc;           /* 0 subject, 1 action, 2 session */
  const char *key;   /* field in the file */
  const char *unit;  /* appended to a bare number, or NULL */
  int is_switch;     /* takes no value (writes `true`) */
  const char *value; /* given value, NULL if not given */
} flag;

/* The flags, from the option table and the fields. */
static void flags_init(flag *fl) {
  for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
    const cli_option *o = &options[i];
    if (o->id < CLI_LONG || o->id - CLI_LONG >= NFLAG) continue;
    flag *f = &fl[o->id - CLI_LONG];
    const flag_field *fd = &fields[o->id - CLI_LONG];
    snprintf(f->name, sizeof f->name, "--%s", o->long_name);
    f->doc = fd->doc;
    f->key = fd->key;
    f->unit = fd->unit;
    f->is_switch = o->value == NULL;
    f->value = NULL;
  }
}

/* Words people use, mapped to the names in the files. */
static const char *alias(const char *key, const char *v) {
  static const char *const map[][3] = {
      {"do", "deep", "deep_stroke"},
      {"do", "deep_tissue", "deep_stroke"},
      {"do", "kneading", "petrissage"},
      {"do", "stroking", "effleurage"},
      {"do", "percussion", "tapotement"},
      {"do", "press", "compression"},
      {"practitioner", "partner", "untrained_partner"},
      {"practitioner", "untrained", "untrained_partner"},
      {"practitioner", "rough", "rough_partner"},
      {"practitioner", "therapist", "professional"},
      {"region", "neck", "neck_lateral"},
      {"region", "back", "upper_back"},
      {"region", "shoulder", "shoulder_top"},
      {"region", "shoulders", "shoulder_top"},
      {"carotid_sinus_hypersensitivity", "yes", "true"},
      {"carotid_sinus_hypersensitivity", "no", "false"},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (!strcmp(map[i][0], key) && !strcmp(map[i][1], v)) return map[i][2];
  return v;
}

/* 1 if s is a plain number (so a default unit may be added). */
static int bare_number(const char *s) {
  char *end;
  strtod(s, &end);
  return end != s && *end == '\0';
}

/* Appends `  key: "value"` (YAML double-quoted, so no flag can change the document's shape). */
static int put(char *buf, size_t size, size_t *len, const char *indent, const char *key,
               const char *value, const char *unit) {
  int n = snprintf(buf + *len, size - *len, "%s%s: \"", indent, key);
  if (n < 0 || (size_t)n >= size - *len) return -1;
  *len += (size_t)n;
  for (const char *p = value; *p; p++) {
    if (*len + 8 >= size) return -1;
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\')
      *len += (size_t)snprintf(buf + *len, size - *len, "\\%c", c);
    else if (c < 0x20)
      *len += (size_t)snprintf(buf + *len, size - *len, "\\x%02x", c);
    else
      buf[(*len)++] = (char)c;
  }
  n = snprintf(buf + *len, size - *len, "%s%s\"\n", unit ? " " : "", unit ? unit : "");
  if (n < 0 || (size_t)n >= size - *len) return -1;
  *len += (size_t)n;
  return 0;
}

/* Writes flag f's field (switches as true; the blood pressure as two fields). */
static int put_flag(char *buf, size_t size, size_t *len, const char *indent, const flag *f) {
  if (f->is_switch) {
    int n = snprintf(buf + *len, size - *len, "%s%s: true\n", indent, f->key);
    if (n < 0 || (size_t)n >= size - *len) return -1;
    *len += (size_t)n;
    return 0;
  }
  if (!strcmp(f->name, "--blood-pressure")) {
    char sys[64], dia[64];
    const char *slash = strchr(f->value, '/');
    if (!slash || slash == f->value || strlen(f->value) > 60) return -2;
    snprintf(sys, sizeof sys, "%.*s", (int)(slash - f->value), f->value);
    snprintf(dia, sizeof dia, "%s", slash + 1);
    return put(buf, size, len, indent, "systolic_pressure", sys,
               bare_number(sys) ? "mmHg" : NULL) ||
                   put(buf, size, len, indent, "diastolic_pressure", dia,
                       bare_number(dia) ? "mmHg" : NULL)
               ? -1
               : 0;
  }
  const char *v = alias(f->key, f->value);
  return put(buf, size, len, indent, f->key, v, f->unit && bare_number(v) ? f->unit : NULL);
}

/* The flag that wrote a field path such as "session.actions[1].force" or "subject.age". */
static const char *flag_of(const flag *fl, const char *field) {
  const char *dot = strrchr(field, '.');
  const char *key = dot ? dot + 1 : field;
  for (size_t i = 0; i < NFLAG; i++)
    if (fl[i].value && !strcmp(fl[i].key, key)) return fl[i].name;
  if (!strcmp(key, "diastolic_pressure")) return "--blood-pressure";
  return NULL;
}

static void report_diag(const flag *fl, const kn_diag *d) {
  const char *name = flag_of(fl, d->field);
  char shown[512];
  if (name) {
    for (size_t i = 0; i < NFLAG; i++)
      if (!strcmp(fl[i].name, name))
        fprintf(stderr, "knead advise: %s %s: %s\n", name,
                cli_term_str(shown, sizeof shown, fl[i].value), d->message);
  } else {
    fprintf(stderr, "knead advise: %s%s%s\n", d->field, d->field[0] ? ": " : "", d->message);
  }
}

/* kn_run's progress callback: the line on stderr (cli_progress). */
static void show_progress(double fraction, void *ctx) {
  cli_progress *p = ctx;
  cli_progress_update(p, fraction * p->total);
}

/* The reasons: what the simulation found, one line each, most serious first. */
static void print_reasons(const kn_model *m, const kn_outcome *o, FILE *out) {
  const kn_subject *s = kn_model_subject(m);
  fprintf(out, "\nreasons\n");
  int any = 0;
  if (s->core_temperature - 273.15 >= FEVER_DEGC - 1e-9)
    any += fprintf(out, "  fever              %.1f degC\n", s->core_temperature - 273.15) > 0;
  if (s->acute_illness) any += fprintf(out, "  acute illness      yes\n") > 0;
  if (s->hypohydration > 0.0)
    any +=
        fprintf(out, "  dehydration        %.1f %% of body mass\n", 100.0 * s->hypohydration) > 0;
  for (size_t i = 0; i < o->nnerve; i++) {
    const kn_nerve_outcome *n = &o->nerves[i];
    if (n->grade == KN_NERVE_NONE && n->perfusion_min > 0.5) continue;
    any += fprintf(out, "  %-18s %.0f mmHg on it, perfusion %.0f %%, %s (%s)\n",
                   kn_atlas_nerve((size_t)n->nerve)->name, n->p_peak / PA_PER_MMHG,
                   100.0 * n->perfusion_min,
                   n->grade ? kn_nerve_grade_name(n->grade) : "no lasting effect",
                   kn_evidence_name(n->evidence)) > 0;
  }
  for (size_t i = 0; i < o->nregion; i++) {
    const kn_region_outcome *r = &o->regions[i];
    any += fprintf(out,
                   "  %-18s peak %.0f N, %.0f kPa: %.0f %% of its limit, pain %.0f %%, "
                   "bruise %.0f %% (%s)\n",
                   kn_atlas_region((size_t)r->region)->name, r->f_peak, r->p_peak / 1000.0,
                   100.0 * fmax(r->p_ratio, r->f_ratio), 100.0 * r->pain_peak,
                   100.0 * r->bruise_probability, kn_bruise_grade_name(r->bruise)) > 0;
  }
  /* spasms, one line per muscle: how many of each kind, from when */
  for (size_t i = 0; i < o->nspasm; i++) {
    const kn_spasm *sp = &o->spasms[i];
    int seen = 0;
    for (size_t j = 0; j < i; j++)
      seen |= o->spasms[j].muscle == sp->muscle;
    if (seen) continue;
    int count[3] = {0, 0, 0}, abrupt = 0, total = 0;
    double first = sp->t_start;
    for (size_t j = i; j < o->nspasm; j++) {
      const kn_spasm *q = &o->spasms[j];
      if (q->muscle != sp->muscle) continue;
      count[q->kind]++;
      total++;
      abrupt += q->trigger && strstr(q->trigger, "abrupt") != NULL;
      if (q->t_start < first) first = q->t_start;
    }
    char kinds[96] = "";
    for (int k = 0; k < 3; k++)
      if (count[k]) {
        size_t len = strlen(kinds);
        snprintf(kinds + len, sizeof kinds - len, "%s%d %s%s", len ? ", " : "", count[k],
                 kn_spasm_kind_name((kn_spasm_kind)k), count[k] > 1 ? "s" : "");
      }
    any += fprintf(
               out, "  %-18s %s, the first at %.0f s%s\n",
               kn_atlas_muscle((size_t)sp->muscle)->name, kinds, first,
               abrupt ? (abrupt == total ? ", after abrupt strokes" : ", some after abrupt strokes")
                      : "") > 0;
  }
  for (size_t i = 0; i < o->nnm; i++) { /* normal, listed so they are not mistaken for spasms */
    const kn_nm_outcome *n = &o->nm[i];
    if (n->reflex_responses)
      any += fprintf(out, "  %-18s %d normal reflex response%s (not harm), longest %.1f s\n",
                     kn_atlas_muscle((size_t)n->muscle)->name, n->reflex_responses,
                     n->reflex_responses > 1 ? "s" : "", n->reflex_longest) > 0;
  }
  if (o->soreness_probability > 0.05)
    any += fprintf(out, "  soreness           %.0f %% chance afterwards (%s)\n",
                   100.0 * o->soreness_probability, kn_evidence_name(o->evidence_soreness)) > 0;
  if (!any) fprintf(out, "  nothing of note\n");
}

int cmd_advise(int argc, char **argv) {
  flag fl[NFLAG];
  flags_init(fl);
  int json = 0;
  cli_parser p;
  cli_parse_begin(&p, &cli_advise, argc, argv);
  for (;;) {
    const char *v;
    int opt = cli_next(&p, &v);
    if (opt == CLI_END) break;
    if (opt == CLI_HELP) return KN_EXIT_OK;
    if (opt == CLI_ERROR) return KN_EXIT_USAGE;
    if (opt == CLI_OPERAND)
      return cli_usage_error("advise", "unexpected argument \"%s\"; try knead advise --help", v);
    if (opt == ID(F_JSON)) {
      json = 1;
      continue;
    }
    flag *f = &fl[opt - CLI_LONG];
    if (f->is_switch) {
      f->value = "true";
    } else if (!v || !v[0]) {
      return cli_usage_error("advise", "%s needs a value; try knead advise --help", f->name);
    } else {
      f->value = v;
    }
  }
  int where = 0;
  for (size_t k = 0; k < NFLAG; k++)
    if (fl[k].value && (!strcmp(fl[k].key, "region") || !strcmp(fl[k].key, "landmark") ||
                        !strcmp(fl[k].key, "muscle")))
      where++;
  if (!where)
    return cli_usage_error("advise", "say where: --region, --landmark or --muscle (e.g. --region "
                                     "neck_lateral); knead atlas lists them");
  int has_force = 0;
  for (size_t k = 0; k < NFLAG; k++)
    if (fl[k].value && (!strcmp(fl[k].key, "force") || !strcmp(fl[k].key, "pressure")))
      has_force = 1;
  if (!has_force)
    return cli_usage_error("advise", "say how hard: --force (e.g. 30N, a firm press of one "
                                     "hand) or --pressure");

  /* the two documents */
  char subj[4096], sess[4096];
  size_t ls = 0, le = 0;
  ls += (size_t)snprintf(subj, sizeof subj, "subject:\n  name: \"knead advise\"\n");
  le += (size_t)snprintf(sess, sizeof sess, "session:\n  name: \"knead advise\"\n");
  for (size_t k = 0; k < NFLAG; k++) {
    if (!fl[k].value) continue;
    int rc = 0;
    if (fl[k].doc == 0)
      rc = put_flag(subj, sizeof subj, &ls, "  ", &fl[k]);
    else if (fl[k].doc == 2 && strcmp(fl[k].key, "posture") != 0)
      rc = put_flag(sess, sizeof sess, &le, "  ", &fl[k]);
    if (rc == -2)
      return cli_usage_error("advise", "%s %s: give systolic/diastolic, e.g. 150/95", fl[k].name,
                             fl[k].value);
    if (rc) return cli_usage_error("advise", "%s: value too long", fl[k].name);
  }
  if (fl[F_EVERY].value && !fl[F_SESSIONS].value)
    return cli_usage_error("advise", "--every needs --sessions (how many times)");
  if (fl[F_SESSIONS].value) { /* a course: every 7 d unless --every says */
    le += (size_t)snprintf(sess + le, sizeof sess - le, "  course:\n");
    if (put_flag(sess, sizeof sess, &le, "    ", &fl[F_SESSIONS]) ||
        (fl[F_EVERY].value ? put_flag(sess, sizeof sess, &le, "    ", &fl[F_EVERY])
                           : put(sess, sizeof sess, &le, "    ", "every", "7", "d")))
      return cli_usage_error("advise", "--sessions: value too long");
  }
  le += (size_t)snprintf(sess + le, sizeof sess - le, "  actions:\n");
  for (size_t k = 0; k < NFLAG; k++)
    if (fl[k].value && !strcmp(fl[k].key, "posture") &&
        (put(sess, sizeof sess, &le, "    - ", "do", "posture", NULL) ||
         put_flag(sess, sizeof sess, &le, "      ", &fl[k])))
      return cli_usage_error("advise", "--posture: value too long");
  const flag *tech = NULL, *mins = NULL;
  for (size_t k = 0; k < NFLAG; k++) {
    if (!strcmp(fl[k].key, "do")) tech = &fl[k];
    if (!strcmp(fl[k].key, "duration")) mins = &fl[k];
  }
  if (put(sess, sizeof sess, &le, "    - ", "do",
          tech->value ? alias("do", tech->value) : "effleurage", NULL) ||
      (!mins->value && put(sess, sizeof sess, &le, "      ", "duration", "5", "min")))
    return cli_usage_error("advise", "flags too long");
  for (size_t k = 0; k < NFLAG; k++)
    if (fl[k].value && fl[k].doc == 1 && strcmp(fl[k].key, "do") != 0 &&
        put_flag(sess, sizeof sess, &le, "      ", &fl[k]))
      return cli_usage_error("advise", "%s: value too long", fl[k].name);

  kn_diag diag;
  kn_subject subject;
  kn_session *session = NULL;
  if (kn_subject_parse(subj, ls, "knead advise", &subject, &diag) != KN_OK) {
    report_diag(fl, &diag);
    return KN_EXIT_USAGE;
  }
  if (kn_session_parse(sess, le, "knead advise", &session, &diag) != KN_OK) {
    report_diag(fl, &diag);
    return KN_EXIT_USAGE;
  }
  kn_model *m = NULL;
  kn_data *d = NULL;
  int rc = kn_model_create(&subject, session, &m, &diag);
  /* a course: every session of it simulated first (the reasons below are its first session's) */
  kn_course_outcome course;
  int has_course = session->course.nsession > 0;
  if (rc == KN_OK && has_course) rc = kn_course_run(&subject, session, &course, &diag);
  kn_session_free(session);
  if (rc != KN_OK) {
    report_diag(fl, &diag);
    return rc == KN_ENOMEM ? KN_EXIT_INTERNAL : KN_EXIT_USAGE;
  }
  if (kn_data_create(m, &d) != KN_OK) {
    kn_model_free(m);
    fprintf(stderr, "knead advise: out of memory\n");
    return KN_EXIT_INTERNAL;
  }
  /* as simulate: progress only where someone watches (a terminal) */
  cli_progress progress;
  cli_progress_begin(&progress, cli_progress_wanted(-1, 0), kn_model_duration(m), "s simulated", 1);
  int ran = kn_run(m, d, progress.on ? show_progress : NULL, &progress);
  cli_progress_end(&progress, kn_data_time(d));
  if (ran != KN_OK) {
    int failed = cli_simulation_failed(d);
    kn_data_free(d);
    kn_model_free(m);
    return failed;
  }
  const kn_outcome *o = kn_data_outcome(m, d);
  kn_advice adv[KN_ADVICE_MAX];
  size_t n = kn_advise_course(m, o, has_course ? &course : NULL, adv, KN_ADVICE_MAX);
  if (n > KN_ADVICE_MAX) n = KN_ADVICE_MAX;
  kn_advice_verdict v = kn_advice_verdict_of(adv, n);
  int exit_code = v == KN_VERDICT_GO ? KN_EXIT_OK : KN_EXIT_HARM;

  if (json) {
    char *text = has_course ? kn_report_course_json(m, d, &course) : kn_report_json(m, d);
    if (!text) {
      exit_code = KN_EXIT_INTERNAL;
      fprintf(stderr, "knead advise: out of memory\n");
    } else {
      fputs(text, stdout);
      fputc('\n', stdout);
      free(text);
    }
  } else {
    int color = cli_color(stdout);
    static const char *const vcol[] = {"\033[1;32m", "\033[1;33m", "\033[1;31m"};
    const char *words[] = {"GO AHEAD", "CHANGE THE PLAN FIRST", "STOP: DO NOT DO THIS"};
    printf("verdict: %s%s%s (harm expected: %s)\n", color ? vcol[v] : "", words[v],
           color ? "\033[0m" : "", kn_harm_name(o->harm));
    print_reasons(m, o, stdout);
    if (has_course) kn_report_course_text(&course, stdout);
    printf("\nadvice\n");
    kn_advice_print(adv, n, color, stdout);
  }
  kn_data_free(d);
  kn_model_free(m);
  return exit_code;
}
