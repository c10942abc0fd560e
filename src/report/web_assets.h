/* SPDX-License-Identifier: Apache-2.0 */
/* The report's front end, inlined at build time (cmake/report.cmake, web/embed.cmake): our own
 * web/ sources and the charting library from node_modules. Each array ends in a NUL byte. */
#ifndef KN_WEB_ASSETS_H
#define KN_WEB_ASSETS_H

#include <stddef.h>

typedef struct kn_web_asset {
  const char *name;          /* file name, e.g. "report.js" */
  const unsigned char *data; /* (size + 1) bytes, the last one NUL; static */
  size_t size;               /* bytes, without the NUL */
} kn_web_asset;

extern const kn_web_asset kn_web_assets[];
extern const size_t kn_web_asset_count;

#endif
