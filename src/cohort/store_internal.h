/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the cohort module: how the database code (store.c, uncertainty_store.c) reports a failure.
 */
#ifndef KN_COHORT_STORE_INTERNAL_H
#define KN_COHORT_STORE_INTERNAL_H

#include <sqlite3.h>

#include "knead/error.h"

/* How long a connection waits for a lock another process holds before it fails (ms). */
#define KN_STORE_BUSY_TIMEOUT_MS 5000

/* Fills d (may be NULL) with code, file and msg (a printf format with one %s for detail); returns
 * code. */
int kn_store_fail(kn_diag *d, int code, const char *file, const char *msg, const char *detail);
/* A failed read or write of the database (full disk, I/O error): KN_EIO with SQLite's message. */
int kn_store_db_fail(kn_diag *d, sqlite3 *db, const char *file);

/* The value of key in the run table of db into dst (size bytes); "" if it has none. */
void kn_store_run_value(sqlite3 *db, const char *key, char *dst, size_t size);

#endif
