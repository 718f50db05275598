# tests/cli/expect.cmake — run a command, check its exit status and its output.
#
# As a script, for one command:
#   cmake -DCMD="prog^^arg1^^arg2" -DEXPECT_EXIT=2 -DEXPECT_REGEX="no algorithm^^did you mean"
#         [-DEXPECT_NOT_REGEX=...] [-DWORKDIR=dir] -P expect.cmake
# ("^^" separates list items, so that arguments may hold ';' and spaces).
#
# Included, it defines
#   tessera_expect(CMD <prog> <args...> [EXIT <n>] [REGEX <re>...] [NOT_REGEX <re>...]
#                  [WORKDIR <dir>] [OUTPUT_VARIABLE <var>])
# for scripts that run several commands in a row (tests/cli/CMakeLists.txt generates one such
# script per test).
#
# EXIT is the exact exit status (default 0); a crash (a signal) never matches, so "nothing
# crashes" is checked by every test. Every REGEX must match stdout + stderr; no NOT_REGEX may.
# A literal '[' or ']' in a regex is written <[> or <]>: CMake's list splitting counts square
# brackets, and an unbalanced one would glue the following list items together.
# On failure the command, its status and its whole output are printed.

function(tessera_expect)
  cmake_parse_arguments(E "" "EXIT;WORKDIR;OUTPUT_VARIABLE" "CMD;REGEX;NOT_REGEX" ${ARGN})
  if(NOT E_CMD)
    message(FATAL_ERROR "tessera_expect: CMD is required")
  endif()
  if(NOT DEFINED E_EXIT OR E_EXIT STREQUAL "")
    set(E_EXIT 0)
  endif()
  if(NOT E_WORKDIR)
    set(E_WORKDIR "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  execute_process(COMMAND ${E_CMD}
    WORKING_DIRECTORY "${E_WORKDIR}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err
    TIMEOUT 120)
  set(all "${out}${err}")
  string(REPLACE ";" " " shown "${E_CMD}")
  set(problems "")
  if(NOT "${status}" STREQUAL "${E_EXIT}")
    string(APPEND problems "\n  exit status: expected ${E_EXIT}, got '${status}'")
  endif()
  foreach(re IN LISTS E_REGEX)
    string(REPLACE "<[>" "\\[" re "${re}")
    string(REPLACE "<]>" "\\]" re "${re}")
    if(NOT all MATCHES "${re}")
      string(APPEND problems "\n  output does not match: ${re}")
    endif()
  endforeach()
  foreach(re IN LISTS E_NOT_REGEX)
    string(REPLACE "<[>" "\\[" re "${re}")
    string(REPLACE "<]>" "\\]" re "${re}")
    if(all MATCHES "${re}")
      string(APPEND problems "\n  output should not match: ${re}")
    endif()
  endforeach()
  if(problems)
    message(FATAL_ERROR "FAILED: ${shown}${problems}\n---- stdout ----\n${out}\n---- stderr ----\n${err}----------------")
  endif()
  message(STATUS "ok (exit ${status}): ${shown}")
  if(E_OUTPUT_VARIABLE)
    set(${E_OUTPUT_VARIABLE} "${all}" PARENT_SCOPE)
  endif()
endfunction()

# Script mode with -DCMD=...: one command.
if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE AND DEFINED CMD)
  string(REPLACE "^^" ";" CMD "${CMD}")
  set(args CMD ${CMD})
  if(DEFINED EXPECT_EXIT)
    list(APPEND args EXIT "${EXPECT_EXIT}")
  endif()
  if(DEFINED EXPECT_REGEX)
    string(REPLACE "^^" ";" EXPECT_REGEX "${EXPECT_REGEX}")
    list(APPEND args REGEX ${EXPECT_REGEX})
  endif()
  if(DEFINED EXPECT_NOT_REGEX)
    string(REPLACE "^^" ";" EXPECT_NOT_REGEX "${EXPECT_NOT_REGEX}")
    list(APPEND args NOT_REGEX ${EXPECT_NOT_REGEX})
  endif()
  if(DEFINED WORKDIR)
    file(MAKE_DIRECTORY "${WORKDIR}")
    list(APPEND args WORKDIR "${WORKDIR}")
  endif()
  tessera_expect(${args})
endif()
