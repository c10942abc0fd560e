/* SPDX-License-Identifier: Apache-2.0 */
/* Numbers and fields as the output files write them: the same text as printf's "%.6g", made
 * without printf's arbitrary-precision arithmetic on the common path, and RFC 4180 CSV fields.
 *
 * The time series writes tens of millions of numbers a run; printf's exact decimal conversion was
 * most of the time a simulation took with its files (docs/performance.md). kn_format_g6 computes
 * the six significant digits in double arithmetic and proves the rounding safe: when the scaled
 * value lies within 1e-9 of a rounding boundary (a tie or a near-tie), or the number is out of the
 * exactly-scalable range, it falls back to snprintf, so its text is always printf's. */
#ifndef KN_CORE_FORMAT_H
#define KN_CORE_FORMAT_H

#include <stddef.h>
#include <stdio.h>

/* Longest text kn_format_g6 writes, with its terminating NUL ("-1.23456e-308" and nan/inf). */
#define KN_FORMAT_G6_MAX 16

/* Writes x as printf("%.6g", x) would into buf (at least KN_FORMAT_G6_MAX bytes); returns the
 * length written, without the NUL. */
size_t kn_format_g6(double x, char *buf);

/* Writes the text s as one RFC 4180 CSV field to f: as it is when it has no comma, double quote,
 * CR or LF; else between double quotes with every double quote doubled. Returns 0, or EOF if the
 * write failed. */
int kn_csv_field(FILE *f, const char *s);

/* Splits the next RFC 4180 field off the NUL-terminated line at *p, in place (a quoted field is
 * unquoted, doubled quotes made single); returns the field and moves *p past its comma, or sets
 * *p to NULL after the last field. A quoted field must end its quotes on the same line. */
char *kn_csv_field_next(char **p);

#endif
