/* SPDX-License-Identifier: Apache-2.0 */
/* A series sink into memory the caller owns (include/knead/report.h): for hosts that want every
 * row of a run without a file or a callback into their own runtime (the Python package). */
#include <string.h>

#include "knead/report.h"

void kn_series_buffer_sink(void *buffer, const double *rows, size_t nrow, size_t ncol) {
  kn_series_buffer *b = buffer;
  if (b == NULL || rows == NULL) return;
  if (ncol != b->ncol || b->values == NULL) { /* rows of another shape are not mixed in */
    b->dropped += nrow;
    return;
  }
  size_t room = b->capacity > b->nrow ? b->capacity - b->nrow : 0;
  size_t take = nrow < room ? nrow : room;
  if (take) memcpy(b->values + b->nrow * ncol, rows, take * ncol * sizeof *rows);
  b->nrow += take;
  b->dropped += nrow - take;
}
