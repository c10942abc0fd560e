# SPDX-License-Identifier: Apache-2.0
# Validation (issue 16): the cases against published data, as a library of its own on top of the
# public API of libknead. libknead.so/.a do not contain it; the knead command (`knead validate`)
# and the validation tests link it.
file(GLOB KN_VALIDATE_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/validate/*.c)
add_library(knead_validate STATIC ${KN_VALIDATE_SOURCES})
# src/ only for validate/validate_internal.h: the cases include no other module's header
target_include_directories(knead_validate PUBLIC ${PROJECT_SOURCE_DIR}/include
                                          PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_compile_options(knead_validate PRIVATE ${KN_WARNINGS})
target_link_libraries(knead_validate PUBLIC knead_static)

target_link_libraries(knead PRIVATE knead_validate)
if(TARGET test_validation) # the one test that runs the cases (tests/validation)
  target_link_libraries(test_validation PRIVATE knead_validate)
endif()
