# SPDX-License-Identifier: Apache-2.0
# --- fuzzing the input loaders (clang's libFuzzer; mk/fuzz_input.mk builds them in build-fuzz) ---
# One target per loader: the session and subject files, and the population file. They link a copy
# of the library compiled with the fuzzer's coverage instrumentation, ASan and UBSan.
option(KN_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(KN_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "KN_FUZZ needs clang (-DCMAKE_C_COMPILER=clang)")
  endif()
  set(KN_FUZZ_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all)
  # clang warns where gcc (the build of record) does not: warnings stay, but do not stop this copy
  set(KN_FUZZ_WARNINGS ${KN_WARNINGS})
  list(REMOVE_ITEM KN_FUZZ_WARNINGS -Werror)
  add_library(knead_fuzzlib STATIC ${KN_LIB_SOURCES})
  target_include_directories(knead_fuzzlib PUBLIC ${PROJECT_SOURCE_DIR}/include
                                           PRIVATE ${PROJECT_SOURCE_DIR}/src ${UDUNITS2_INCLUDE})
  target_compile_options(knead_fuzzlib PRIVATE ${KN_FUZZ_WARNINGS} -g -O1
                         -fsanitize=fuzzer-no-link ${KN_FUZZ_FLAGS})
  target_link_libraries(knead_fuzzlib PUBLIC ${KN_LIB_DEPS})
  foreach(kind session subject population)
    string(TOUPPER ${kind} KIND)
    add_executable(fuzz_${kind} ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_input.c)
    target_compile_definitions(fuzz_${kind} PRIVATE KN_FUZZ_${KIND})
    target_compile_options(fuzz_${kind} PRIVATE ${KN_WARNINGS} -g -O1 -fsanitize=fuzzer
                           ${KN_FUZZ_FLAGS})
    target_link_options(fuzz_${kind} PRIVATE -fsanitize=fuzzer ${KN_FUZZ_FLAGS})
    target_link_libraries(fuzz_${kind} PRIVATE knead_fuzzlib)
  endforeach()
endif()
