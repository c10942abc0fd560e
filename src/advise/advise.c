/* SPDX-License-Identifier: Apache-2.0 */
/* Advice: a table of rules over the subject, the session and the outcome (docs/advice.md).
 *
 * Each rule is a function that looks at one thing (a fever, a nerve under pressure, a cramp) and
 * emits zero or more pieces of advice into a fixed buffer; kn_advise() then orders them by
 * severity. The thresholds below are the ones the cited sources give, or say how we chose them. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/params.h"
#include "core/units.h"
#include "knead/advise.h"

/* The rules' thresholds are rows of the parameter table (adv_*, src/core/params.h, with their
 * sources), read from the session's parameters. */
/* A temperature compared at or above a threshold: the rounding of the degC-to-K conversion. */
#define TEMP_ROUNDING 1e-9
/* Spasms in one session that make them frequent enough for a doctor whatever the history. */
#define FREQUENT_IN_SESSION 3
/* The printed advice: the severity column's width, the indent of continuation lines, the page. */
#define PRINT_COLUMN 9
#define PRINT_INDENT 13
#define PRINT_WIDTH 100
/* At most this many pieces per site-by-site rule; the rest are counted in the last piece. */
#define PER_RULE_SITES 3

typedef struct advice_buf {
  kn_advice a[KN_ADVICE_MAX];
  size_t n;
} advice_buf;

typedef struct ctx {
  const kn_model *m;
  const kn_subject *s;
  const kn_session *sess;
  const kn_outcome *o;
  const kn_params *par;        /* the model's parameters: defaults and the session's settings */
  const kn_course_outcome *co; /* the course the session is given in, NULL: given once */
} ctx;

/* A new piece of advice, or NULL when the buffer is full (then the piece is dropped). */
static kn_advice *add(advice_buf *b, const char *rule, kn_advice_severity sev, kn_evidence ev,
                      const char *claims, const char *sources) {
  if (b->n >= KN_ADVICE_MAX) return NULL;
  kn_advice *a = &b->a[b->n++];
  memset(a, 0, sizeof *a);
  a->rule = rule;
  a->severity = sev;
  a->evidence = ev;
  a->claims = claims;
  snprintf(a->sources, sizeof a->sources, "%s", sources);
  return a;
}

static void say(char *dst, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(dst, size, fmt, ap);
  va_end(ap);
}

/* Appends a source key if it resolves to a reference (calibrated keys are not references). */
static void add_source(kn_advice *a, const char *key) {
  if (!key || !kn_atlas_find_source(key) || strstr(a->sources, key)) return;
  size_t len = strlen(a->sources);
  snprintf(a->sources + len, sizeof a->sources - len, "%s%s", len ? " " : "", key);
}

static double to_celsius(double k) {
  return k - KN_ZERO_CELSIUS;
}

/* ---- the subject: postpone, drink first ------------------------------------------------------ */

static void rule_fever(const ctx *c, advice_buf *b) {
  const kn_subject *s = c->s;
  int fever = s->core_temperature >= c->par->adv_fever + KN_ZERO_CELSIUS - TEMP_ROUNDING;
  if (!fever && !s->acute_illness) return;
  kn_advice *a = add(b, fever ? "fever" : "acute_illness", KN_ADVICE_STOP, KN_EVIDENCE_EXPERT, "A6",
                     fever ? "werner2020 jensen2019" : "werner2020");
  if (!a) return;
  if (fever) {
    say(a->text, sizeof a->text,
        "Postpone the massage: with a fever (%.1f degC) massage is not given until it has gone. "
        "Rest and drink; massage a few days after the fever is over.",
        to_celsius(s->core_temperature));
    say(a->trigger, sizeof a->trigger, "core temperature %.1f degC (fever from 38.0 degC)%s",
        to_celsius(s->core_temperature), s->acute_illness ? "; acutely ill" : "");
  } else {
    say(a->text, sizeof a->text,
        "Postpone the massage while ill with a cold or flu: wait until you are well again. "
        "There is no trial evidence of harm, but acute illness is a conventional reason not to "
        "massage.");
    say(a->trigger, sizeof a->trigger, "acute illness: yes");
  }
}

static void rule_dehydrated(const ctx *c, advice_buf *b) {
  const kn_subject *s = c->s;
  if (!(s->hypohydration > c->par->adv_dehydrated)) return;
  /* a drink during the session counts as having drunk first */
  for (size_t i = 0; i < c->sess->naction; i++)
    if (c->sess->actions[i].kind == KN_ACT_DRINK &&
        c->sess->actions[i].fluid == KN_FLUID_ELECTROLYTE)
      return;
  kn_advice *a = add(b, "dehydrated", KN_ADVICE_CHANGE, KN_EVIDENCE_HUMAN, "A6 A18",
                     "lau2019 braulick2013 miller2010");
  if (!a) return;
  say(a->text, sizeof a->text,
      "Drink first: %.0f %% of body mass has been lost to dehydration. Take an electrolyte drink "
      "rather than plain water: plain water after dehydration makes cramps come more easily, "
      "electrolytes prevent that. Dehydration alone did not change cramp thresholds in the lab.",
      100.0 * s->hypohydration);
  say(a->trigger, sizeof a->trigger, "hypohydration %.1f %% of body mass (dehydrated above 2 %%)",
      100.0 * s->hypohydration);
}

/* ---- where the hand presses: nerves, vessels, the carotid sinus ----------------------------- */

/* Contacts that concentrate force on a small spot (all but the palm and the forearm). */
static int focal_contact(int contact) {
  const kn_contact_type *t = kn_atlas_contact_type((size_t)contact);
  return t && strcmp(t->name, "palm") != 0 && strcmp(t->name, "forearm") != 0;
}

/* The muscles of a region, as "a or b", to suggest where to work instead. */
static void muscles_of(int region, char *out, size_t size) {
  out[0] = '\0';
  size_t k = 0;
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    const kn_muscle *mu = kn_atlas_muscle(i);
    if (mu->region != region) continue;
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s%s", k++ ? " or " : "", mu->label);
  }
}

/* Distance from a point to a nerve's course in its region's patch, m. */
static double distance_to_course(const kn_nerve *n, double x, double y) {
  double dx = n->x1 - n->x0, dy = n->y1 - n->y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? ((x - n->x0) * dx + (y - n->y0) * dy) / len2 : 0.0;
  t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  return hypot(x - (n->x0 + t * dx), y - (n->y0 + t * dy));
}

/* First stroke action that aims a focal contact at a landmark on nerve n's course; -1 if none. */
static int focal_action_on(const ctx *c, const kn_nerve *n) {
  for (size_t i = 0; i < c->sess->naction; i++) {
    const kn_action *a = &c->sess->actions[i];
    if (!kn_action_is_stroke(a->kind) || a->landmark < 0 || !focal_contact(a->contact)) continue;
    const kn_landmark *l = kn_atlas_landmark((size_t)a->landmark);
    if (l->region == n->region && distance_to_course(n, l->x, l->y) <= c->par->adv_on_site)
      return (int)i;
  }
  return -1;
}

static void rule_endangerment(const ctx *c, advice_buf *b) {
  int given = 0, more = 0;
  for (size_t i = 0; i < c->o->nnerve; i++) {
    const kn_nerve_outcome *no = &c->o->nerves[i];
    const kn_nerve *n = kn_atlas_nerve((size_t)no->nerve);
    int act = focal_action_on(c, n);
    int harmed = no->grade >= KN_NERVE_PARESTHESIA;
    if (!harmed && !(no->p_peak >= c->par->adv_nerve_harm) && act < 0) continue;
    if (given >= PER_RULE_SITES) {
      more++;
      continue;
    }
    kn_advice_severity sev = no->grade >= KN_NERVE_INJURY ? KN_ADVICE_STOP : KN_ADVICE_CHANGE;
    kn_evidence ev = harmed ? no->evidence : KN_EVIDENCE_EXPERT;
    kn_advice *a = add(b, "endangerment_site", sev, ev, "A10 A11 A12",
                       "werner2020 rydevik_nordborg1980 dahlin1986");
    if (!a) return;
    given++;
    add_source(a, n->src_site);
    add_source(a, n->src_depth);
    const kn_region *r = kn_atlas_region((size_t)n->region);
    char alt[200];
    muscles_of(n->region, alt, sizeof alt);
    const char *how = "focal pressure";
    if (act >= 0) how = kn_atlas_contact_type((size_t)c->sess->actions[act].contact)->name;
    char outcome[160] = "";
    if (harmed)
      say(outcome, sizeof outcome, " The model predicts %s of the %s.",
          kn_nerve_grade_name(no->grade), n->kind == KN_NERVE ? "nerve" : "vessel");
    say(a->text, sizeof a->text,
        "No %s%s on the %s: the %s lies about %.0f mm under the skin there.%s Use the flat palm "
        "%s%s%s, or move off the site.",
        act >= 0 ? how : "focal pressure", act >= 0 ? " pressure" : "", r->label, n->label,
        no->depth / KN_MM, outcome, alt[0] ? "over the " : "", alt, alt[0] ? " beside it" : "");
    say(a->trigger, sizeof a->trigger, "%s: peak %.0f mmHg on it, perfusion down to %.0f %%, %s",
        n->name, no->p_peak / KN_MMHG, 100.0 * no->perfusion_min,
        harmed ? kn_nerve_grade_name(no->grade) : "no lasting effect predicted");
    if (act >= 0) {
      size_t len = strlen(a->trigger);
      snprintf(a->trigger + len, sizeof a->trigger - len, "; action %d aims a %s at %s", act + 1,
               how, kn_atlas_landmark((size_t)c->sess->actions[act].landmark)->name);
    }
  }
  if (more && given) {
    kn_advice *a = &b->a[b->n - 1];
    size_t len = strlen(a->text);
    snprintf(a->text + len, sizeof a->text - len, " (%d more site%s: see the nerves table)", more,
             more > 1 ? "s" : "");
  }
}

static void rule_carotid(const ctx *c, advice_buf *b) {
  const kn_subject *s = c->s;
  const kn_systemic_outcome *sy = &c->o->systemic;
  int known = s->carotid_sinus_hypersensitivity;
  if (sy->carotid_event) {
    /* the model itself predicts the reflex: whatever the age */
    kn_advice *a = add(b, "carotid", KN_ADVICE_STOP, sy->evidence_carotid, "A10 A12",
                       "sutton2014 lacerda2020 werner2020");
    if (!a) return;
    say(a->text, sizeof a->text,
        "No pressure on the front of the neck: the model predicts a carotid sinus reflex here "
        "(the heart pausing for up to %.1f s, blood pressure falling %.0f mmHg), which can make "
        "one faint. Massage the back and sides of the neck instead.",
        sy->longest_beat_interval, sy->carotid_systolic_fall / KN_MMHG);
    say(a->trigger, sizeof a->trigger,
        "carotid sinus pressed: longest beat interval %.1f s, systolic fall %.0f mmHg; age %.0f, "
        "hypersensitivity %s",
        sy->longest_beat_interval, sy->carotid_systolic_fall / KN_MMHG, s->age,
        known < 0 ? "unknown"
        : known   ? "yes"
                  : "no");
    return;
  }
  if (!(s->age >= c->par->adv_carotid_age) && known != 1) return;
  int region = kn_atlas_find_region("neck_anterior");
  for (size_t i = 0; i < c->sess->naction; i++) {
    const kn_action *act = &c->sess->actions[i];
    if (!kn_action_is_stroke(act->kind) || act->region != region) continue;
    kn_advice *a = add(b, "carotid", known == 0 ? KN_ADVICE_CHANGE : KN_ADVICE_STOP,
                       KN_EVIDENCE_HUMAN, "A10 A12", "sutton2014 lacerda2020 werner2020");
    if (!a) return;
    if (known == 1)
      say(a->text, sizeof a->text,
          "No pressure on the front of the neck: with a hypersensitive carotid sinus, 5-10 s of "
          "pressure there can stop the heart for 3 s or more or drop the blood pressure by 50 "
          "mmHg. Massage the back and sides of the neck instead.");
    else
      say(a->text, sizeof a->text,
          "No pressure on the front of the neck (carotid sinus) at %.0f years: about 1 in 10 "
          "people over 50 has a hypersensitive carotid sinus, where 5-10 s of pressure can stop "
          "the heart for 3 s or more or drop the blood pressure by 50 mmHg. Massage the back and "
          "sides of the neck instead.",
          s->age);
    say(a->trigger, sizeof a->trigger, "age %.0f years, action %zu (%s) on %s; hypersensitivity %s",
        s->age, i + 1, kn_action_kind_name(act->kind), kn_atlas_region((size_t)region)->name,
        known < 0 ? "unknown"
        : known   ? "yes"
                  : "no");
    return; /* once is enough */
  }
}

/* ---- how hard and how fast ------------------------------------------------------------------- */

static void rule_limits(const ctx *c, advice_buf *b) {
  int given = 0;
  for (size_t i = 0; i < c->o->nregion && given < PER_RULE_SITES; i++) {
    const kn_region_outcome *ro = &c->o->regions[i];
    double ratio = fmax(ro->p_ratio, ro->f_ratio);
    if (!(ratio > 1.0)) continue;
    const kn_region *r = kn_atlas_region((size_t)ro->region);
    int by_force = ro->f_ratio >= ro->p_ratio;
    kn_advice *a =
        add(b, "iso_limit", KN_ADVICE_CHANGE, KN_EVIDENCE_HUMAN, "A9 A13", "iso_ts_15066");
    if (!a) return;
    given++;
    say(a->text, sizeof a->text,
        "Ease off on the %s: the %s reached %.0f %% of the ISO/TS 15066 limit for this body area "
        "(%s). Keep the force under about %.0f N here%s.",
        r->label, by_force ? "force" : "pressure", 100.0 * ratio,
        by_force ? "the force that bruises" : "the pressure 3 in 4 adults find painful",
        ro->f_peak / ratio, by_force ? "" : ", or use a broader contact such as the palm");
    say(a->trigger, sizeof a->trigger,
        "%s: peak %.0f N, %.0f kPa; %.0f %% of the pressure limit, %.0f %% of the force limit, "
        "%.0f s over",
        r->name, ro->f_peak, ro->p_peak / KN_KPA, 100.0 * ro->p_ratio, 100.0 * ro->f_ratio,
        ro->t_over_limit);
  }
}

static void rule_pain(const ctx *c, advice_buf *b) {
  int given = 0;
  for (size_t i = 0; i < c->o->nregion && given < PER_RULE_SITES; i++) {
    const kn_region_outcome *ro = &c->o->regions[i];
    if (!(ro->pain_peak > c->par->adv_pain_likely)) continue;
    const kn_region *r = kn_atlas_region((size_t)ro->region);
    /* the thresholds are human data; the pain probability's build-up is expert opinion */
    kn_advice *a = add(b, "pain", KN_ADVICE_CHANGE, KN_EVIDENCE_EXPERT, "A9 A13",
                       "chesterton2003 bordachar2019");
    if (!a) return;
    given++;
    int partner = c->sess->practitioner != KN_PRACTITIONER_PROFESSIONAL;
    say(a->text, sizeof a->text,
        "Ease off on the %s: at this pressure it is likely to hurt (%.0f %% chance at the "
        "peak%s). Press only as hard as feels good.%s%s",
        r->label, 100.0 * ro->pain_peak, ro->t_pain > 0.0 ? ", painful for a while" : "",
        ro->t_pain > 0.0 ? " Pressure held on one spot hurts more as the minutes pass, and the "
                           "pain outlasts the hand: move on rather than hold."
                         : "",
        partner ? " Untrained hands may not ease off by themselves: agree a word for 'lighter'."
                : "");
    say(a->trigger, sizeof a->trigger, "%s: pain probability %.2f (likely above 0.5), %.0f s",
        r->name, ro->pain_peak, ro->t_pain);
  }
}

static void rule_bruise(const ctx *c, advice_buf *b) {
  int given = 0;
  for (size_t i = 0; i < c->o->nregion && given < PER_RULE_SITES; i++) {
    const kn_region_outcome *ro = &c->o->regions[i];
    if (!(ro->bruise_probability >= c->par->adv_bruise_change)) continue;
    const kn_region *r = kn_atlas_region((size_t)ro->region);
    kn_advice *a = add(b, "bruise", KN_ADVICE_CHANGE, c->o->evidence_bruise, "A13",
                       "iso_ts_15066 desmoulin2011");
    if (!a) return;
    given++;
    say(a->text, sizeof a->text,
        "A visible bruise on the %s has a %.0f %% chance: lighter pressure and slower strokes "
        "there (less force and less shear).",
        r->label, 100.0 * ro->bruise_probability);
    say(a->trigger, sizeof a->trigger,
        "%s: bruise probability %.0f %% (force up to %.2f x the ISO limit)", r->name,
        100.0 * ro->bruise_probability, ro->bruise_index);
  }
}

static void rule_muscle_damage(const ctx *c, advice_buf *b) {
  for (size_t i = 0; i < c->o->nmuscle; i++) {
    const kn_muscle_outcome *mo = &c->o->muscles[i];
    if (!(mo->damage >= 1.0)) continue;
    const kn_muscle *mu = kn_atlas_muscle((size_t)mo->muscle);
    kn_advice *a = add(b, "muscle_damage", KN_ADVICE_STOP, mo->evidence, "A13", "linder_ganz2006");
    if (!a) return;
    say(a->text, sizeof a->text,
        "Do not hold pressure on the %s this long: the model predicts muscle cells die under it. "
        "Keep moving the hand, and hold a point for no more than a minute.",
        mu->label);
    say(a->trigger, sizeof a->trigger, "%s: damage dose %.2f (cell death from 1), peak %.0f kPa",
        mu->name, mo->damage, mo->p_peak / KN_KPA);
  }
}

static void rule_smooth(const ctx *c, advice_buf *b) {
  int partner = c->sess->practitioner != KN_PRACTITIONER_PROFESSIONAL;
  const kn_region_outcome *worst = NULL;
  for (size_t i = 0; i < c->o->nregion; i++) {
    const kn_region_outcome *ro = &c->o->regions[i];
    if (ro->force_rate_peak > c->par->adv_abrupt_rate &&
        fmax(ro->f_ratio, ro->p_ratio) >= c->par->adv_abrupt_ratio &&
        (!worst || ro->force_rate_peak > worst->force_rate_peak))
      worst = ro;
  }
  const kn_spasm *abrupt = NULL;
  for (size_t i = 0; i < c->o->nspasm && !abrupt; i++)
    if (c->o->spasms[i].trigger && strstr(c->o->spasms[i].trigger, "abrupt"))
      abrupt = &c->o->spasms[i];
  if (!partner && !worst && !abrupt) return;
  kn_advice *a = add(b, "smooth_strokes", KN_ADVICE_CHANGE, KN_EVIDENCE_EXPERT, "A1 A9",
                     "ernst2003 yin2014 snodgrass2010");
  if (!a) return;
  say(a->text, sizeof a->text,
      "Use slow, smooth strokes: build the pressure up over a second or two and glide slowly "
      "instead of striking or pushing suddenly. Abrupt, hard strokes make the muscle jerk (a "
      "normal "
      "reflex) and can, rarely, set off a spasm%s.",
      partner ? ", and untrained hands vary their force the most: start light and ask" : "");
  char buf[200] = "";
  size_t len = 0;
  if (partner) len += (size_t)snprintf(buf, sizeof buf, "given by an untrained partner");
  if (worst && len < sizeof buf)
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%sforce rising at %.0f N/s on %s",
                            len ? "; " : "", worst->force_rate_peak,
                            kn_atlas_region((size_t)worst->region)->name);
  if (abrupt && len < sizeof buf)
    snprintf(buf + len, sizeof buf - len, "%s%s of %s after an abrupt stroke", len ? "; " : "",
             kn_spasm_kind_name(abrupt->kind), kn_atlas_muscle((size_t)abrupt->muscle)->name);
  say(a->trigger, sizeof a->trigger, "%s", buf);
}

/* Always, when the hand presses: the person massaged is the pain sensor. */
static void rule_tell_pain(const ctx *c, advice_buf *b) {
  size_t strokes = 0;
  for (size_t i = 0; i < c->sess->naction; i++)
    strokes += kn_action_is_stroke(c->sess->actions[i].kind) != 0;
  if (strokes == 0) return; /* stretches, heat, drinks: no hand presses */
  kn_advice *a =
      add(b, "tell_pain", KN_ADVICE_NOTE, KN_EVIDENCE_EXPERT, "A9 A12", "werner2020 iso_ts_15066");
  if (!a) return;
  say(a->text, sizeof a->text,
      "Say at once if anything hurts, burns, tingles or goes numb during the massage; the one "
      "massaging should ease off or move away from that spot.");
  say(a->trigger, sizeof a->trigger, "the session has %zu pressing stroke%s", strokes,
      strokes > 1 ? "s" : "");
}

/* ---- spasms and cramps ---------------------------------------------------------------------- */

static void rule_cramp(const ctx *c, advice_buf *b) {
  const kn_spasm *cramp = NULL;
  for (size_t i = 0; i < c->o->nspasm && !cramp; i++)
    if (c->o->spasms[i].kind == KN_SPASM_CRAMP) cramp = &c->o->spasms[i];
  int prone = c->s->cramps_per_month > 0.0;
  if (!cramp && !prone) return;
  kn_advice *a = add(b, "cramp_relief", cramp ? KN_ADVICE_CHANGE : KN_ADVICE_NOTE,
                     KN_EVIDENCE_HUMAN, "A19", "bertolasi1993 petrofsky_heat");
  if (!a) return;
  const char *muscle = cramp ? kn_atlas_muscle((size_t)cramp->muscle)->label : "muscle";
  say(a->text, sizeof a->text,
      "%s: stretch the %s gently and hold it (for the calf: pull the toes towards the shin), then "
      "soft massage with heat (hot water or a moist warm wrap). Repeat every 10 minutes while it "
      "comes back. Avoid holding the muscle short (e.g. the foot pointed) during the massage.",
      cramp ? "When the cramp comes" : "If a cramp comes", muscle);
  if (cramp)
    say(a->trigger, sizeof a->trigger, "cramp of %s at %.0f s for %.0f s (%s)",
        kn_atlas_muscle((size_t)cramp->muscle)->name, cramp->t_start, cramp->t_end - cramp->t_start,
        cramp->trigger ? cramp->trigger : "");
  else
    say(a->trigger, sizeof a->trigger, "cramp history: %.0f a month", c->s->cramps_per_month);
}

/* The neuromuscular outcome of an atlas muscle, or NULL if it was not simulated. */
static const kn_nm_outcome *nm_outcome_of(const kn_outcome *o, int muscle) {
  for (size_t i = 0; i < o->nnm; i++)
    if (o->nm[i].muscle == muscle) return &o->nm[i];
  return NULL;
}

/* Percussion at or faster than a simulated muscle's cramp threshold frequency drives its
 * motoneurons one reflex volley per tap, the way the stimulation trains of the cramp-threshold test
 * do (miller_knight2009): in the model it can leave a cramp behind (claim A1). One piece: for the
 * first muscle whose spasm followed percussion, else for the first muscle tapped that fast. */
static void rule_percussion(const ctx *c, advice_buf *b) {
  const kn_action *tap = NULL;
  const kn_nm_outcome *mo = NULL;
  for (size_t k = 0; k < c->sess->naction && !tap; k++) {
    const kn_action *a = &c->sess->actions[k];
    if (a->kind != KN_ACT_TAPOTEMENT) continue;
    for (size_t i = 0; i < c->o->nnm && !tap; i++) {
      const kn_nm_outcome *n = &c->o->nm[i];
      int on = a->muscle >= 0 ? a->muscle == n->muscle
                              : kn_atlas_muscle((size_t)n->muscle)->region == a->region;
      if (on && a->rate >= n->cramp_threshold) tap = a, mo = n;
    }
  }
  const kn_spasm *after = NULL;
  for (size_t i = 0; i < c->o->nspasm && !after; i++)
    if (c->o->spasms[i].trigger && !strcmp(c->o->spasms[i].trigger, "after percussion"))
      after = &c->o->spasms[i];
  if (after) mo = nm_outcome_of(c->o, after->muscle); /* a spasm outweighs a rate */
  if (!mo) return;
  kn_advice *a = add(b, "slow_percussion", KN_ADVICE_CHANGE, KN_EVIDENCE_EXPERT, "A1 A18",
                     "miller_knight2009");
  if (!a) return;
  const kn_muscle *mu = kn_atlas_muscle((size_t)mo->muscle);
  say(a->text, sizeof a->text,
      "Tap or hack the %s more slowly than %.0f times a second, or leave percussion out: each tap "
      "sets off a small reflex contraction, and tapping at least as fast as this muscle's cramp "
      "threshold can leave a cramp behind, as a stimulation test does.",
      mu->label, floor(mo->cramp_threshold));
  if (after)
    say(a->trigger, sizeof a->trigger, "%s of %s after percussion; cramp threshold %.1f Hz",
        kn_spasm_kind_name(after->kind), mu->name, mo->cramp_threshold);
  else
    say(a->trigger, sizeof a->trigger, "percussion at %.0f Hz on %s, cramp threshold %.1f Hz",
        tap->rate, mu->name, mo->cramp_threshold);
}

static void rule_doctor_spasms(const ctx *c, advice_buf *b) {
  size_t nsp = c->o->nspasm;
  if (!(c->s->cramps_per_month >= c->par->adv_frequent_cramps) && nsp < FREQUENT_IN_SESSION) return;
  kn_advice *a = add(b, "doctor_spasms", KN_ADVICE_NOTE, KN_EVIDENCE_EXPERT, "A16", "allen2012");
  if (!a) return;
  say(a->text, sizeof a->text,
      "See a doctor if spasms or cramps come often (most weeks), are very painful, or come "
      "with weakness, numbness or muscle wasting: frequent spasms can have a nerve, hormone or "
      "medication cause that can be treated.");
  if (c->s->cramps_per_month >= c->par->adv_frequent_cramps)
    say(a->trigger, sizeof a->trigger, "cramp history: %.0f a month (frequent from %.0f)",
        c->s->cramps_per_month, c->par->adv_frequent_cramps);
  else
    say(a->trigger, sizeof a->trigger, "%zu spasms in one session", nsp);
}

/* After pressure on a nerve: which signs should send the person to a doctor. */
static void rule_doctor_after(const ctx *c, advice_buf *b) {
  for (size_t i = 0; i < c->o->nnerve; i++) {
    const kn_nerve_outcome *no = &c->o->nerves[i];
    if (no->grade < KN_NERVE_PARESTHESIA && !(no->p_peak >= c->par->adv_nerve_harm)) continue;
    const kn_nerve *n = kn_atlas_nerve((size_t)no->nerve);
    kn_advice *a =
        add(b, "doctor_after", no->grade >= KN_NERVE_INJURY ? KN_ADVICE_CHANGE : KN_ADVICE_NOTE,
            KN_EVIDENCE_EXPERT, "A10 A16", "aksoy2009 werner2020");
    if (!a) return;
    add_source(a, n->src_site);
    say(a->text, sizeof a->text,
        "See a doctor if after the massage any of this lasts more than a day or two: %s. The "
        "%s was pressed hard. Nerve injuries from massage mostly recover over weeks to months, "
        "and a doctor can check it.",
        n->injury, n->label);
    say(a->trigger, sizeof a->trigger, "%s: %s, peak %.0f mmHg", n->name,
        no->grade ? kn_nerve_grade_name(no->grade) : "no lasting effect predicted",
        no->p_peak / KN_MMHG);
    return; /* one is enough: the endangerment advice names each site */
  }
}

static void rule_soreness(const ctx *c, advice_buf *b) {
  if (!(c->o->soreness_probability > c->par->adv_soreness_note)) return;
  kn_advice *a = add(b, "soreness", KN_ADVICE_NOTE, c->o->evidence_soreness, "A13", "cambron2007");
  if (!a) return;
  say(a->text, sizeof a->text,
      "Expect some soreness within %.0f h, lasting up to %.0f h: common after firm massage (1 in "
      "10 "
      "clients) and harmless. Gentle movement helps; lighter pressure next time avoids it.",
      c->o->soreness_onset / KN_HOUR, c->o->soreness_duration / KN_HOUR);
  say(a->trigger, sizeof a->trigger, "soreness probability %.0f %%",
      100.0 * c->o->soreness_probability);
}

/* Dizziness felt on standing up after lying for the massage (not the haemodynamic fall itself,
 * which a third of people have without feeling it). */
static void rule_stand_up(const ctx *c, advice_buf *b) {
  const kn_systemic_outcome *sy = &c->o->systemic;
  if (!(sy->dizziness_probability >= c->par->adv_dizzy_note)) return;
  kn_advice *a = add(b, "stand_up_slowly", KN_ADVICE_NOTE, sy->evidence_orthostatic, "A3 A6",
                     "wieling2007 freeman2011");
  if (!a) return;
  say(a->text, sizeof a->text,
      "Get up slowly after the massage: sit for a minute before standing, and hold on to "
      "something. There is a %.0f %% chance of feeling dizzy or light-headed on standing (about "
      "7 %% of people do after lying)%s.",
      100.0 * sy->dizziness_probability,
      c->s->hypohydration > c->par->adv_dehydrated || c->s->bp_medication
          ? " (dehydration and blood-pressure medication make it likelier)"
          : "");
  say(a->trigger, sizeof a->trigger,
      "on standing: dizziness (felt) %.0f %%, initial orthostatic hypotension %.0f %%",
      100.0 * sy->dizziness_probability, 100.0 * sy->ioh_probability);
}

/* ---- a course: what one session leaves to the next (docs/model.md, "Courses of sessions") ---- */

/* A nerve that has not recovered when the next session begins: its doses add up. Stop when the
 * course reaches structural injury that way; otherwise change the plan (keep off the nerve, or
 * space the sessions beyond the dose's recovery window). */
static void rule_course_nerve(const ctx *c, advice_buf *b) {
  if (!c->co) return;
  const kn_course_session *first = NULL, *worst = NULL;
  for (int k = 1; k < c->co->nsession; k++) {
    const kn_course_session *s = &c->co->sessions[k];
    if (s->nerves_unrecovered <= 0) continue;
    if (!first) first = s;
    if (!worst || s->nerve_grade > worst->nerve_grade) worst = s;
  }
  if (!first) return;
  int injured = worst->nerve_grade >= KN_NERVE_INJURY;
  kn_advice *a = add(b, "course_nerve", injured ? KN_ADVICE_STOP : KN_ADVICE_CHANGE,
                     c->co->evidence_nerve, "A10 A12", "aksoy2009 rydevik_nordborg1980");
  if (!a) return;
  int k1 = (int)(first - c->co->sessions) + 1, kw = (int)(worst - c->co->sessions) + 1;
  say(a->text, sizeof a->text,
      "%s: a nerve pressed in one session has not recovered when session %d begins, so the "
      "pressure of each session adds to what the last one left%s. Keep pressure off the nerve, "
      "or leave at least %.0f weeks between sessions that press it (the time a nerve's "
      "structural damage takes to recover).%s",
      injured ? "Do not give this course as planned" : "Space the sessions or move off the nerve",
      k1, injured ? " and the model predicts a structural nerve injury" : "",
      c->par->nerve_injury_recovery_max / KN_WEEK,
      injured ? " See a doctor if tingling, numbness or weakness lasts more than a day or two "
                "after a session."
              : "");
  say(a->trigger, sizeof a->trigger,
      "session %d starts with %d nerve%s carrying an earlier dose; session %d: dose %.2f "
      "(injury from 1), %s, motor conduction %.0f %% at its start",
      k1, first->nerves_unrecovered, first->nerves_unrecovered > 1 ? "s" : "", kw,
      worst->nerve_dose_max, kn_nerve_grade_name(worst->nerve_grade),
      100.0 * worst->nerve_conduction_start);
}

/* A session given while an earlier one's soreness may still be felt (inside its window): a note
 * to leave a sore site alone, a change of plan when starting sore is likelier than
 * adv_soreness_note. */
static void rule_course_spacing(const ctx *c, advice_buf *b) {
  if (!c->co || !(c->co->sore_at_start_max > 0.0)) return;
  int at = 1;
  for (int k = 2; k < c->co->nsession; k++)
    if (c->co->sessions[k].sore_at_start > c->co->sessions[at].sore_at_start) at = k;
  int likely = c->co->sore_at_start_max > c->par->adv_soreness_note;
  kn_advice *a = add(b, "course_spacing", likely ? KN_ADVICE_CHANGE : KN_ADVICE_NOTE,
                     c->co->evidence_soreness, "A13", "cambron2007");
  if (!a) return;
  double end = c->par->soreness_onset + c->par->soreness_duration;
  say(a->text, sizeof a->text,
      "%s: the sessions are close enough for one to start while the last one's soreness may "
      "still be felt (it comes %.0f h after a session and can last until %.0f h after). If the "
      "site is still sore, work elsewhere or more lightly; leave at least %.0f h between firm "
      "sessions on the same site.",
      likely ? "Space the sessions further apart" : "Do not work a site that is still sore",
      c->par->soreness_onset / KN_HOUR, end / KN_HOUR, end / KN_HOUR);
  say(a->trigger, sizeof a->trigger,
      "session %d starts %.1f d after session %d with a %.0f %% chance of an earlier session's "
      "soreness still felt",
      at + 1, (c->co->sessions[at].start - c->co->sessions[at - 1].start) / KN_DAY, at,
      100.0 * c->co->sessions[at].sore_at_start);
}

/* The course's effect on resting blood pressure, for someone with hypertension. */
static void rule_course_pressure(const ctx *c, advice_buf *b) {
  if (!c->co || !c->s->hypertension) return;
  const kn_course_outcome *co = c->co;
  kn_advice *a =
      add(b, "course_pressure", KN_ADVICE_NOTE, co->evidence_pressure, "A3", "liao2016 olney2005");
  if (!a) return;
  say(a->text, sizeof a->text,
      "A course of calm massage may lower resting blood pressure a little in hypertension: "
      "the model gives %+.1f/%+.1f mmHg just after the last of the %d sessions, in line with a "
      "meta-analysis of trials (about -7/-5 mmHg); most of it fades within two weeks of the "
      "last session. It does not replace treatment: keep to the prescribed medication.",
      co->systolic_course_change / KN_MMHG, co->diastolic_course_change / KN_MMHG, co->nsession);
  say(a->trigger, sizeof a->trigger,
      "hypertension; course of %d sessions: %+.1f/%+.1f mmHg after the last (%+.1f/%+.1f "
      "carried on the resting pressure)",
      co->nsession, co->systolic_course_change / KN_MMHG, co->diastolic_course_change / KN_MMHG,
      co->systolic_carried_end / KN_MMHG, co->diastolic_carried_end / KN_MMHG);
}

/* Cramps in one session of a course raise the cramp threshold for the next few days. */
static void rule_course_cramp(const ctx *c, advice_buf *b) {
  if (!c->co) return;
  int bout = -1, later = -1;
  for (int k = 0; k < c->co->nsession && later < 0; k++) {
    if (bout >= 0 && c->co->sessions[k].ctf_carried > 0.0) later = k;
    if (bout < 0 && c->co->sessions[k].cramps > 0) bout = k;
  }
  if (later < 0) return;
  const kn_course_session *s = &c->co->sessions[later];
  kn_advice *a =
      add(b, "course_cramp", KN_ADVICE_NOTE, KN_EVIDENCE_HUMAN, "A18 A19", "behringer2015");
  if (!a) return;
  say(a->text, sizeof a->text,
      "A session in which a muscle cramped raises its cramp threshold for a few days: cramps "
      "come less easily in the sessions that follow soon after (by %.1f Hz at session %d's "
      "start), and the effect fades within about a week. It is no reason to provoke cramps.",
      s->ctf_carried, later + 1);
  say(a->trigger, sizeof a->trigger,
      "%d cramp%s in session %d; cramp threshold %.1f Hz at session %d's start (%+.1f Hz "
      "carried)",
      c->co->sessions[bout].cramps, c->co->sessions[bout].cramps > 1 ? "s" : "", bout + 1,
      s->cramp_threshold, later + 1, s->ctf_carried);
}

typedef void (*rule_fn)(const ctx *c, advice_buf *b);
/* The rule table, in the order advice of equal severity is shown. */
static const rule_fn rules[] = {
    rule_fever,         rule_dehydrated, rule_carotid,  rule_endangerment,    rule_course_nerve,
    rule_muscle_damage, rule_limits,     rule_pain,     rule_bruise,          rule_course_spacing,
    rule_smooth,        rule_percussion, rule_cramp,    rule_doctor_after,    rule_doctor_spasms,
    rule_stand_up,      rule_tell_pain,  rule_soreness, rule_course_pressure, rule_course_cramp};

size_t kn_advise(const kn_model *m, const kn_outcome *o, kn_advice *out, size_t cap) {
  return kn_advise_course(m, o, NULL, out, cap);
}

size_t kn_advise_course(const kn_model *m, const kn_outcome *o, const kn_course_outcome *co,
                        kn_advice *out, size_t cap) {
  advice_buf b;
  b.n = 0;
  const kn_session *sess = kn_model_session(m);
  kn_params par;
  kn_params_default(&par);
  for (size_t i = 0; i < sess->nparam; i++)
    kn_params_set(&par, sess->params[i].index, sess->params[i].value);
  ctx c = {m, kn_model_subject(m), sess, o, &par, co};
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    rules[i](&c, &b);
  /* strongest first, stable within a severity (rule order) */
  size_t k = 0;
  for (int sev = KN_ADVICE_STOP; sev <= KN_ADVICE_NOTE; sev++)
    for (size_t i = 0; i < b.n; i++)
      if ((int)b.a[i].severity == sev) {
        if (k < cap) out[k] = b.a[i];
        k++;
      }
  return k;
}

kn_advice_verdict kn_advice_verdict_of(const kn_advice *a, size_t n) {
  kn_advice_verdict v = KN_VERDICT_GO;
  for (size_t i = 0; i < n; i++) {
    if (a[i].severity == KN_ADVICE_STOP) return KN_VERDICT_STOP;
    if (a[i].severity == KN_ADVICE_CHANGE) v = KN_VERDICT_CHANGE;
  }
  return v;
}

const char *kn_advice_severity_name(kn_advice_severity s) {
  static const char *const names[] = {"stop", "change", "note"};
  return (unsigned)s < 3 ? names[s] : "?";
}

const char *kn_advice_verdict_name(kn_advice_verdict v) {
  static const char *const names[] = {"go ahead", "change the plan first", "stop"};
  return (unsigned)v < 3 ? names[v] : "?";
}

/* Writes text word-wrapped to width columns, continuation lines indented by indent spaces; the
 * first line continues after `used` columns already printed. */
static void wrap(FILE *out, const char *text, int used, int indent, int width) {
  int col = used, first = 1;
  for (const char *p = text; *p;) {
    while (*p == ' ')
      p++;
    size_t len = strcspn(p, " ");
    if (!len) break;
    if (!first && col + 1 + (int)len > width) {
      fprintf(out, "\n%*s", indent, "");
      col = indent;
    } else if (!first) {
      fputc(' ', out);
      col++;
    }
    fwrite(p, 1, len, out);
    col += (int)len;
    p += len;
    first = 0;
  }
  fputc('\n', out);
}

void kn_advice_print(const kn_advice *a, size_t n, int use_color, FILE *out) {
  static const char *const colour[] = {"\033[1;31m", "\033[1;33m", "\033[1;36m"};
  char line[700];
  for (size_t i = 0; i < n; i++) {
    const char *sev = kn_advice_severity_name(a[i].severity);
    fprintf(out, "  %s%-6s%s ", use_color ? colour[a[i].severity] : "", sev,
            use_color ? "\033[0m" : "");
    wrap(out, a[i].text, PRINT_COLUMN, PRINT_COLUMN, PRINT_WIDTH);
    snprintf(line, sizeof line, "why: %s", a[i].trigger);
    fprintf(out, "%*s", PRINT_COLUMN, "");
    wrap(out, line, PRINT_COLUMN, PRINT_INDENT, PRINT_WIDTH);
    snprintf(line, sizeof line, "evidence: %s; claims %s; sources: %s",
             kn_evidence_name(a[i].evidence), a[i].claims, a[i].sources);
    fprintf(out, "%*s", PRINT_COLUMN, "");
    wrap(out, line, PRINT_COLUMN, PRINT_INDENT, PRINT_WIDTH);
  }
}
