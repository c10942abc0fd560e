/* SPDX-License-Identifier: Apache-2.0 */
/* A massage robot's 1 kHz force loop with the knead safety monitor in it.
 *
 *   monitor_control_loop TRACE.csv [SUBJECT.yaml]
 *
 * The "robot" replays a recorded trace (knead simulate --trace: the forces a practitioner applied,
 * 10 ms apart) as its force command, interpolated to a 1 kHz tick. Each tick it pushes what it
 * applies into the monitor and, when the margin to the nearest limit runs low, scales its force
 * down so that the margin comes back to a target; when the margin is ample it gives the force back
 * slowly. On a sensor fault it lifts off. A second monitor watches the same trace without the
 * back-off, for comparison. Exit status 0 when the loop kept every instantaneous limit (no time at
 * level LIMIT) while the open loop did not, or both stayed clear.
 *
 * Everything is allocated before the loop; inside it there is no allocation and no printing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knead/knead.h"

#define TICK 0.001          /* s, the control period */
#define MARGIN_TARGET 0.30  /* margin the back-off restores */
#define MARGIN_RELEASE 0.45 /* above this margin force is given back */
#define GIVE_BACK 0.0005    /* gain regained per tick (0.5 per second) */

/* The recorded trace: one contact point, in time order. */
typedef struct trace {
  kn_monitor_sample *s;
  size_t n;
} trace;

static int read_trace(const char *path, trace *tr) {
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    return -1;
  }
  kn_stream_parser p;
  kn_stream_parser_init(&p);
  size_t cap = 4096;
  tr->s = malloc(cap * sizeof *tr->s);
  tr->n = 0;
  char line[1024];
  int lineno = 0;
  while (tr->s && fgets(line, sizeof line, f)) {
    lineno++;
    kn_monitor_sample s;
    int contact;
    kn_stream_error err;
    int rc = kn_stream_parse_line(&p, line, strlen(line), &s, &contact, &err);
    if (rc < 0) {
      fprintf(stderr, "%s:%d:%d: %s: %s\n", path, lineno, err.col, err.field, err.message);
      fclose(f);
      return -1;
    }
    if (rc == 0 || contact != 0) continue; /* this robot has one contact point */
    if (tr->n == cap) {
      kn_monitor_sample *v = realloc(tr->s, 2 * cap * sizeof *v);
      if (!v) break;
      tr->s = v;
      cap *= 2;
    }
    tr->s[tr->n++] = s;
  }
  fclose(f);
  return tr->s && tr->n >= 2 ? 0 : -1;
}

/* The command at time t: the trace's contact, its force and shear interpolated in time. */
static kn_monitor_sample command_at(const trace *tr, size_t *k, double t) {
  while (*k + 2 < tr->n && tr->s[*k + 1].t <= t)
    (*k)++;
  const kn_monitor_sample *a = &tr->s[*k], *b = &tr->s[*k + 1];
  kn_monitor_sample s = *a;
  double u = (t - a->t) / (b->t - a->t);
  if (u < 0.0) u = 0.0;
  if (u > 1.0) u = 1.0;
  if (a->region == b->region && b->force > 0.0 && a->force > 0.0) {
    s.force = a->force + u * (b->force - a->force);
    if (!isnan(a->shear) && !isnan(b->shear)) s.shear = a->shear + u * (b->shear - a->shear);
  }
  s.t = t;
  return s;
}

typedef struct loop_result {
  double min_margin;    /* 1 */
  double t_limit;       /* s at level LIMIT */
  double t_warning;     /* s at level WARNING */
  double force_applied; /* N s, impulse applied */
  double gain_min;      /* 1 */
  unsigned long raised; /* alarms raised */
} loop_result;

static void run(const trace *tr, kn_monitor *mon, int back_off, loop_result *out) {
  kn_monitor_status st; /* one status, reused: nothing allocated in the loop */
  double gain = 1.0;
  size_t k = 0;
  *out = (loop_result){.min_margin = 1.0, .gain_min = 1.0};
  double t_end = tr->s[tr->n - 1].t;
  for (long tick = 0;; tick++) {
    double t = tr->s[0].t + (double)tick * TICK;
    if (t > t_end) break;
    kn_monitor_sample s = command_at(tr, &k, t);
    s.force *= gain; /* what the robot applies */
    if (!isnan(s.shear)) s.shear *= gain;
    kn_monitor_push(mon, &s, 1, &st);
    out->force_applied += s.force * TICK;
    for (size_t i = 0; i < st.nevent; i++)
      out->raised += (unsigned long)st.events[i].raised;
    if (st.margin < out->min_margin) out->min_margin = st.margin;
    if (!back_off) continue;
    if (st.level == KN_MON_FAULT) {
      gain = 0.0; /* the load is unknown: lift off, then come back slowly */
    } else if (st.margin < MARGIN_TARGET && st.margin < 1.0) {
      /* the limits scale with force (pressure, force ratio) or faster (nerve perfusion), so
       * scaling the force by (1 - target) / (1 - margin) restores at least the target */
      gain *= (1.0 - MARGIN_TARGET) / (1.0 - st.margin);
    } else if (st.margin > MARGIN_RELEASE && gain < 1.0) {
      gain = fmin(1.0, gain + GIVE_BACK);
    }
    if (gain < out->gain_min) out->gain_min = gain;
  }
  const kn_monitor_totals *tot = kn_monitor_get_totals(mon);
  out->t_limit = tot->t_limit;
  out->t_warning = tot->t_warning;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s TRACE.csv [SUBJECT.yaml]\n", argv[0]);
    return 2;
  }
  kn_subject subject;
  kn_diag diag;
  if (argc == 3) {
    if (kn_subject_load(argv[2], &subject, &diag) != KN_OK) {
      char buf[1024];
      kn_diag_format(&diag, buf, sizeof buf);
      fprintf(stderr, "%s\n", buf);
      return 2;
    }
  } else {
    kn_subject_default(&subject);
  }
  trace tr;
  if (read_trace(argv[1], &tr)) {
    fprintf(stderr, "%s: no usable trace\n", argv[1]);
    free(tr.s);
    return 2;
  }

  /* the model is constant (firmware: build it once at start-up); each monitor's state lives in a
   * buffer we own, here static storage as a firmware would have it */
  static _Alignas(16) unsigned char state_open[16384], state_closed[16384];
  kn_monitor_model *model = NULL;
  if (kn_monitor_size() > sizeof state_open || kn_monitor_model_create(&subject, &model)) {
    fprintf(stderr, "monitor: out of memory\n");
    free(tr.s);
    return 3;
  }
  kn_monitor *open_loop = kn_monitor_init(model, state_open, sizeof state_open);
  kn_monitor *closed_loop = kn_monitor_init(model, state_closed, sizeof state_closed);
  loop_result a, b;
  run(&tr, open_loop, 0, &a);
  run(&tr, closed_loop, 1, &b);

  printf("trace %s: %.1f s at 1 kHz, monitor state %zu bytes\n", argv[1],
         tr.s[tr.n - 1].t - tr.s[0].t, kn_monitor_size());
  printf("%-22s %10s %10s %10s %10s %8s %9s\n", "", "min margin", "limit s", "warning s",
         "impulse Ns", "alarms", "min gain");
  printf("%-22s %10.3f %10.2f %10.2f %10.1f %8lu %9.2f\n", "replayed as recorded", a.min_margin,
         a.t_limit, a.t_warning, a.force_applied, a.raised, a.gain_min);
  printf("%-22s %10.3f %10.2f %10.2f %10.1f %8lu %9.2f\n", "with the monitor", b.min_margin,
         b.t_limit, b.t_warning, b.force_applied, b.raised, b.gain_min);
  int ok = b.t_limit < a.t_limit || (a.t_limit == 0.0 && b.t_limit == 0.0);
  printf("%s\n", ok ? "the loop backed off before the limits" : "FAILED: the loop did not help");
  kn_monitor_model_free(model);
  free(tr.s);
  return ok ? 0 : 1;
}
