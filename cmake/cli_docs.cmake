# Man pages and bash completion of the knead command (issue 18): written at build time by the
# knead binary itself from its option tables (cli/cmd_*.c), the same text as `knead CMD --help`,
# so the three cannot drift apart:
#   build/man/knead.1, build/man/knead-<command>.1   (knead --man [COMMAND])
#   build/completion/knead                            (knead --completion bash)
# installed to share/man/man1 and share/bash-completion/completions/knead (where bash-completion
# looks them up by the command's name). tests/cli/man_completion.sh renders every page with
# `man -l` (no warnings allowed) and completes words with the script.
include_guard(GLOBAL)
include(GNUInstallDirs)

if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
  message(STATUS "cli_docs: cross-compiling without an emulator: no man pages or completion")
  return()
endif()

set(KN_MAN_DIR ${PROJECT_BINARY_DIR}/man)
set(KN_COMPLETION_DIR ${PROJECT_BINARY_DIR}/completion)
set(KN_CLI_DOCS_STAMP ${PROJECT_BINARY_DIR}/man/.generated)
add_custom_command(
  OUTPUT ${KN_CLI_DOCS_STAMP} ${KN_COMPLETION_DIR}/knead
  COMMAND ${CMAKE_COMMAND} -DKNEAD=$<TARGET_FILE:knead> "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}"
          -DMAN_DIR=${KN_MAN_DIR} -DCOMPLETION_DIR=${KN_COMPLETION_DIR}
          -P ${PROJECT_SOURCE_DIR}/scripts/cli_docs.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${KN_CLI_DOCS_STAMP}
  DEPENDS knead ${PROJECT_SOURCE_DIR}/scripts/cli_docs.cmake
  COMMENT "Man pages and bash completion from knead's option tables"
  VERBATIM)
add_custom_target(cli_docs ALL DEPENDS ${KN_CLI_DOCS_STAMP} ${KN_COMPLETION_DIR}/knead)

install(DIRECTORY ${KN_MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli
        FILES_MATCHING PATTERN "*.1")
install(FILES ${KN_COMPLETION_DIR}/knead
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
