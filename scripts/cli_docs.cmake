# cmake -DKNEAD=path/to/knead [-DEMULATOR=...] -DMAN_DIR=dir -DCOMPLETION_DIR=dir -P cli_docs.cmake
# Writes knead.1 and knead-<command>.1 for every command `knead --commands` lists, and the bash
# completion script, from the knead binary's own option tables (cmake/cli_docs.cmake runs it).
file(REMOVE_RECURSE ${MAN_DIR})
file(MAKE_DIRECTORY ${MAN_DIR} ${COMPLETION_DIR})

function(knead_run out)
  execute_process(COMMAND ${EMULATOR} ${KNEAD} ${ARGN} OUTPUT_FILE ${out} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cli_docs: knead ${ARGN} failed (${rc})")
  endif()
endfunction()

execute_process(COMMAND ${EMULATOR} ${KNEAD} --commands OUTPUT_VARIABLE commands
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cli_docs: knead --commands failed (${rc})")
endif()
string(REGEX REPLACE "\n+$" "" commands "${commands}")
string(REPLACE "\n" ";" commands "${commands}")
knead_run(${MAN_DIR}/knead.1 --man)
foreach(command ${commands})
  knead_run(${MAN_DIR}/knead-${command}.1 --man ${command})
endforeach()
knead_run(${COMPLETION_DIR}/knead --completion bash)
