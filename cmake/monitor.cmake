# SPDX-License-Identifier: Apache-2.0
# The real-time safety monitor (issue 6): a firmware build check, the C example, the allocation
# test's allocator wrap, and (with clang) the libFuzzer target of the sample stream.
#
# This file is also a CMake script: `cmake -DNM=... -DOBJECTS=a.o|b.o -P cmake/monitor.cmake`
# lists the undefined symbols of the firmware objects and fails on any that a firmware would not
# have (see the end of the file); the test monitor/firmware_symbols runs it.

# Functions a freestanding target provides (libm and the mem*/str* of a small libc); anything else
# an object of the firmware set calls must be defined inside the set.
set(KN_FIRMWARE_ALLOWED
    exp log sqrt pow hypot erfc sin cos sincos asin floor fabs fmin fmax
    memset memcpy memmove memcmp memchr strlen strcmp strncmp)

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.20)
  string(REPLACE "|" ";" objects "${OBJECTS}")
  execute_process(COMMAND ${NM} -u ${objects} OUTPUT_VARIABLE undef RESULT_VARIABLE rc)
  execute_process(COMMAND ${NM} --defined-only ${objects} OUTPUT_VARIABLE def)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${objects}")
  endif()
  string(REGEX MATCHALL "[^\n]+" undef_lines "${undef}")
  set(bad "")
  foreach(l ${undef_lines})
    if(l MATCHES "^ *U +([A-Za-z0-9_.@]+)")
      string(REGEX REPLACE "@.*" "" sym "${CMAKE_MATCH_1}")
      # sanitizer builds add their own run-time calls: instrumentation, not the code's
      if(sym IN_LIST KN_FIRMWARE_ALLOWED OR sym MATCHES "^_GLOBAL_OFFSET_TABLE_$"
         OR sym MATCHES "^__(asan|ubsan|sanitizer)_")
        continue()
      endif()
      if(def MATCHES "[TDBRC] ${sym}\n")
        continue()
      endif()
      list(APPEND bad ${sym})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES bad)
  if(bad)
    message(FATAL_ERROR "the monitor's firmware objects call what a firmware has not: ${bad}")
  endif()
  message(STATUS "firmware symbols: ok (only libm and mem/str functions from outside)")
  return()
endif()

# --- firmware build: the monitor and what it runs, compiled where <stdio.h> and friends fail ------
# The monitor sources (all of src/monitor/ but the host convenience monitor_alloc.c) and the
# modules of the harm path they call. The guard folder comes first on the include path: its
# stdio.h, stdlib.h, locale.h and time.h stop the build, and poison.h makes any use of the
# allocator, printing or the locale an error even without an include.
set(KN_FIRMWARE_SOURCES
    ${PROJECT_SOURCE_DIR}/src/monitor/monitor.c
    ${PROJECT_SOURCE_DIR}/src/monitor/monitor_model.c
    ${PROJECT_SOURCE_DIR}/src/monitor/stream.c
    ${PROJECT_SOURCE_DIR}/src/mechanics/contact_stress.c
    ${PROJECT_SOURCE_DIR}/src/protocol/pain.c
    ${PROJECT_SOURCE_DIR}/src/mechanics/mechanics.c
    ${PROJECT_SOURCE_DIR}/src/nerve/nerve.c
    ${PROJECT_SOURCE_DIR}/src/nerve/nerve_stage.c
    ${PROJECT_SOURCE_DIR}/src/tissue/tissue.c
    ${PROJECT_SOURCE_DIR}/src/tissue/tissue_stage.c
    ${PROJECT_SOURCE_DIR}/src/atlas/atlas.c
    ${PROJECT_SOURCE_DIR}/src/atlas/atlas_data.c
    ${PROJECT_SOURCE_DIR}/src/core/params.c
    ${PROJECT_SOURCE_DIR}/src/core/module_params.c)
set(KN_GUARD ${PROJECT_BINARY_DIR}/firmware_guard)
foreach(h stdio.h stdlib.h locale.h time.h)
  file(WRITE ${KN_GUARD}/${h}
       "#error \"the monitor builds for firmware: no <${h}> (cmake/monitor.cmake)\"\n")
endforeach()
file(WRITE ${KN_GUARD}/poison.h
     "/* cmake/monitor.cmake: what firmware code must not call */\n"
     "#pragma GCC poison malloc calloc realloc free aligned_alloc printf fprintf sprintf snprintf\n"
     "#pragma GCC poison vsnprintf puts fputs fopen fwrite setlocale localeconv strtod atof\n"
     "#pragma GCC poison getenv exit abort clock\n")
add_library(knead_monitor_firmware OBJECT ${KN_FIRMWARE_SOURCES})
target_include_directories(knead_monitor_firmware BEFORE PRIVATE ${KN_GUARD})
target_include_directories(knead_monitor_firmware PRIVATE ${PROJECT_SOURCE_DIR}/include
                                                          ${PROJECT_SOURCE_DIR}/src)
target_compile_options(knead_monitor_firmware PRIVATE ${KN_WARNINGS} -include
                                                      ${KN_GUARD}/poison.h)
# the same objects as a library of their own, installed (knead::monitor, libknead_monitor.a): the
# monitor for a program that wants nothing else, linked with libm only
add_library(knead_monitor STATIC $<TARGET_OBJECTS:knead_monitor_firmware>)
set_target_properties(knead_monitor PROPERTIES EXPORT_NAME monitor)
target_include_directories(knead_monitor PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                                $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(knead_monitor PUBLIC m)
add_test(NAME monitor/firmware_symbols
         COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM}
                 "-DOBJECTS=$<JOIN:$<TARGET_OBJECTS:knead_monitor_firmware>,|>"
                 -P ${CMAKE_CURRENT_LIST_FILE})

# --- the allocation test counts every allocator call after init ----------------------------------
if(TARGET test_monitor_alloc)
  target_link_options(test_monitor_alloc PRIVATE -Wl,--wrap=malloc -Wl,--wrap=calloc
                      -Wl,--wrap=realloc -Wl,--wrap=free -Wl,--wrap=aligned_alloc)
endif()

# --- the C example: a 1 kHz control loop fed by a recorded trace -------------------------------
# Built twice: against libknead.a, and against libknead.so (monitor_control_loop_shared), which
# shows that a program using only the public API links and runs with the shared library's exports
# (hidden visibility, KN_API; scripts/check_exports.py).
foreach(lib static shared)
  set(suffix "")
  if(lib STREQUAL "shared")
    set(suffix _shared)
  endif()
  add_executable(monitor_control_loop${suffix} ${PROJECT_SOURCE_DIR}/examples/monitor/control_loop.c)
  target_compile_options(monitor_control_loop${suffix} PRIVATE ${KN_WARNINGS})
  target_link_libraries(monitor_control_loop${suffix} PRIVATE knead_${lib} m)
  add_test(NAME monitor/control_loop${suffix}
           COMMAND monitor_control_loop${suffix}
                   ${PROJECT_SOURCE_DIR}/examples/monitor/untrained_neck.csv
                   ${PROJECT_SOURCE_DIR}/examples/subject_default.yaml)
endforeach()

# --- fuzzing the sample stream (clang's libFuzzer; mk/monitor.mk builds it in build-fuzz) -------
option(KN_FUZZ "Build the libFuzzer target of the monitor's stream parser (needs clang)" OFF)
if(KN_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "KN_FUZZ needs clang (-DCMAKE_C_COMPILER=clang)")
  endif()
  add_executable(fuzz_stream ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_stream.c
                             ${KN_FIRMWARE_SOURCES})
  target_include_directories(fuzz_stream PRIVATE ${PROJECT_SOURCE_DIR}/include
                                                 ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(fuzz_stream PRIVATE ${KN_WARNINGS} -g -O1
                         -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
  target_link_options(fuzz_stream PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_stream PRIVATE m)
endif()

