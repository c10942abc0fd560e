/* SPDX-License-Identifier: Apache-2.0 */
/* knead — the worker threads of a cohort run.
 *
 * Workers take the next subject from a shared position, simulate it into their own unit buffer and
 * post it in their mailbox; the caller's thread empties the mailboxes (the only thread that talks
 * to the database or to other processes) and lets the worker go on. Memory: one unit per worker,
 * allocated once. Order of completion does not matter: every unit carries its index. */
#include "knead/cohort.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How often a waiting worker looks again (ns), and nanoseconds per second. */
#define POLL_NS (50L * 1000 * 1000)
#define NS_PER_S 1000000000L

typedef struct worker {
  struct pool *pool;
  pthread_t thread;
  kn_cohort_unit unit;
  int full; /* unit holds a result not yet delivered */
} worker;

typedef struct pool {
  const kn_cohort_job *job;
  const uint64_t *indices;
  size_t n, next;
  int stop;    /* set by the caller's thread: workers take no new subject */
  int running; /* workers not yet finished */
  int err;     /* first simulation error */
  kn_diag diag;
  pthread_mutex_t mu;
  pthread_mutex_t draw_mu; /* drawing a subject reads UDUNITS-2, which is not thread-safe */
  pthread_cond_t posted;   /* a worker posted a unit or finished */
  pthread_cond_t taken;    /* the caller emptied a mailbox or asked to stop */
  worker *workers;
} pool;

static void *work(void *arg) {
  worker *w = arg;
  pool *p = w->pool;
  kn_diag diag;
  for (;;) {
    pthread_mutex_lock(&p->mu);
    while (w->full && !p->stop)
      pthread_cond_wait(&p->taken, &p->mu);
    if (p->stop || p->next >= p->n) {
      pthread_mutex_unlock(&p->mu);
      break;
    }
    uint64_t index = p->indices[p->next++];
    pthread_mutex_unlock(&p->mu);

    pthread_mutex_lock(&p->draw_mu);
    int rc = kn_cohort_draw(p->job, index, &w->unit, &diag);
    pthread_mutex_unlock(&p->draw_mu);
    if (rc == 0) rc = kn_cohort_simulate(p->job, &w->unit, &diag);

    pthread_mutex_lock(&p->mu);
    if (rc) {
      if (!p->err) {
        p->err = rc;
        p->diag = diag;
      }
      p->stop = 1;
    } else {
      w->full = 1;
    }
    pthread_cond_broadcast(&p->posted);
    pthread_mutex_unlock(&p->mu);
    if (rc) break;
  }
  pthread_mutex_lock(&p->mu);
  p->running--;
  pthread_cond_broadcast(&p->posted);
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

int kn_cohort_pool_run(const kn_cohort_job *job, const uint64_t *indices, size_t n, int nthread,
                       kn_cohort_deliver_fn deliver, kn_cohort_poll_fn poll, void *ctx,
                       kn_diag *diag) {
  if (nthread < 1 || job == NULL || deliver == NULL || (n > 0 && indices == NULL)) return KN_EINVAL;
  pool p;
  memset(&p, 0, sizeof p);
  p.job = job;
  p.indices = indices;
  p.n = n;
  p.workers = calloc((size_t)nthread, sizeof(worker));
  if (p.workers == NULL) return KN_ENOMEM;
  pthread_mutex_init(&p.mu, NULL);
  pthread_mutex_init(&p.draw_mu, NULL);
  pthread_cond_init(&p.posted, NULL);
  pthread_cond_init(&p.taken, NULL);
  int started = 0;
  for (; started < nthread; started++) {
    p.workers[started].pool = &p;
    pthread_mutex_lock(&p.mu);
    p.running++;
    pthread_mutex_unlock(&p.mu);
    if (pthread_create(&p.workers[started].thread, NULL, work, &p.workers[started]) != 0) {
      pthread_mutex_lock(&p.mu);
      p.running--;
      pthread_mutex_unlock(&p.mu);
      break;
    }
  }
  int result = started > 0 ? 0 : KN_ENOMEM;
  if (started == 0) p.stop = 1;

  /* the caller's thread: deliver what is posted, poll now and then, until every worker is done */
  pthread_mutex_lock(&p.mu);
  for (;;) {
    int delivered = 0;
    for (int i = 0; i < started; i++) {
      worker *w = &p.workers[i];
      if (!w->full) continue;
      pthread_mutex_unlock(&p.mu);
      int rc = result ? 0 : deliver(&w->unit, ctx); /* after a stop, results are dropped */
      pthread_mutex_lock(&p.mu);
      w->full = 0;
      delivered = 1;
      if (rc && !result) {
        result = rc;
        p.stop = 1;
      }
      pthread_cond_broadcast(&p.taken);
    }
    if (delivered) continue;
    if (p.running == 0) break;
    if (poll) {
      pthread_mutex_unlock(&p.mu);
      int rc = result ? 0 : poll(ctx);
      pthread_mutex_lock(&p.mu);
      if (rc && !result) {
        result = rc;
        p.stop = 1;
        pthread_cond_broadcast(&p.taken);
      }
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += POLL_NS;
    if (until.tv_nsec >= NS_PER_S) {
      until.tv_sec++;
      until.tv_nsec -= NS_PER_S;
    }
    pthread_cond_timedwait(&p.posted, &p.mu, &until);
  }
  pthread_mutex_unlock(&p.mu);
  for (int i = 0; i < started; i++)
    pthread_join(p.workers[i].thread, NULL);
  if (!result && p.err) {
    result = p.err;
    if (diag) *diag = p.diag;
  }
  pthread_cond_destroy(&p.taken);
  pthread_cond_destroy(&p.posted);
  pthread_mutex_destroy(&p.draw_mu);
  pthread_mutex_destroy(&p.mu);
  free(p.workers);
  return result;
}
