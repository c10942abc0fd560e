# The HTML report's front end (issue 5). The charting library (uPlot, pinned in package.json and
# package-lock.json, installed by `npm ci` from `make web-deps`, which `make build` runs first) and
# our own web/ sources are turned at build time into one generated C file linked into libknead,
# so every report.html carries them inline and opens offline.
set(KN_NODE_MODULES ${PROJECT_SOURCE_DIR}/node_modules)
set(KN_UPLOT_JS ${KN_NODE_MODULES}/uplot/dist/uPlot.iife.min.js)
set(KN_UPLOT_CSS ${KN_NODE_MODULES}/uplot/dist/uPlot.min.css)
set(KN_UPLOT_LICENSE ${KN_NODE_MODULES}/uplot/LICENSE) # MIT: its notice goes into every report
if(NOT EXISTS ${KN_UPLOT_JS} OR NOT EXISTS ${KN_UPLOT_CSS})
  message(FATAL_ERROR
    "report: the charting library is not installed (${KN_UPLOT_JS} is missing).\n"
    "Run `make web-deps` (npm ci in ${PROJECT_SOURCE_DIR}) once, then configure again; "
    "`make build` and `make check` do this for you.")
endif()

set(KN_WEB_NAMES report.html report.css report.js bodymap.js uPlot.iife.min.js uPlot.min.css
    uPlot.LICENSE)
set(KN_WEB_FILES ${PROJECT_SOURCE_DIR}/web/report.html ${PROJECT_SOURCE_DIR}/web/report.css
    ${PROJECT_SOURCE_DIR}/web/report.js ${PROJECT_SOURCE_DIR}/web/bodymap.js ${KN_UPLOT_JS}
    ${KN_UPLOT_CSS} ${KN_UPLOT_LICENSE})
set(KN_WEB_C ${PROJECT_BINARY_DIR}/generated/web_assets.c)
add_custom_command(
  OUTPUT ${KN_WEB_C}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/generated
  COMMAND ${CMAKE_COMMAND} -DOUT=${KN_WEB_C} "-DNAMES=${KN_WEB_NAMES}" "-DFILES=${KN_WEB_FILES}"
          -P ${PROJECT_SOURCE_DIR}/web/embed.cmake
  DEPENDS ${KN_WEB_FILES} ${PROJECT_SOURCE_DIR}/web/embed.cmake
  COMMENT "Inlining the report's front end (web/, uPlot) into web_assets.c"
  VERBATIM)
target_sources(kn_report PRIVATE ${KN_WEB_C}) # part of the report module
