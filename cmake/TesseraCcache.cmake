# Use ccache when it is installed: rebuilding 68 plugins after a header change is then cheap.
find_program(TESSERA_CCACHE ccache)
if(TESSERA_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER ${TESSERA_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${TESSERA_CCACHE})
  # Precompiled headers and ccache agree only when ccache ignores the PCH timestamps.
  set(ENV{CCACHE_SLOPPINESS} "pch_defines,time_macros,include_file_mtime,include_file_ctime")
  message(STATUS "Tessera: ccache ${TESSERA_CCACHE}")
endif()
