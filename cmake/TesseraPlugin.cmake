# tessera_add_plugin(<name> SOURCES <files...> [LIBRARIES <libs...>] [NO_INSTALL])
#
# Builds a Tessera plugin library `lib<name>.so` that exports exactly one symbol,
# tessera_plugin_v1: hidden visibility for everything else, and -Wl,--no-undefined so that a
# missing symbol is a link error here, not a load error in the host. Works in this tree and,
# through find_package(Tessera), out of tree.
# A linker version script makes the one-symbol rule hold even for the weak template
# instantiations (std::deque<...>, ...) that libstdc++ headers give default visibility.
set(TESSERA_PLUGIN_VERSION_SCRIPT ${CMAKE_BINARY_DIR}/tessera_plugin.map)
file(WRITE ${TESSERA_PLUGIN_VERSION_SCRIPT} "{ global: tessera_plugin_v1; local: *; };\n")

function(tessera_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "tessera_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE tessera::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
  target_link_options(${name} PRIVATE -Wl,--no-undefined -Wl,--exclude-libs,ALL
    -Wl,--version-script=${TESSERA_PLUGIN_VERSION_SCRIPT})
  if(COMMAND tessera_warnings)
    tessera_warnings(${name})
  endif()
  # In this tree: share one precompiled header (Eigen, the SDK) among all plugins and put the
  # library where the host looks for it.
  if(TARGET tessera_plugin_pch)
    set(_has_cxx OFF)
    foreach(_s IN LISTS ARG_SOURCES)
      if(_s MATCHES "\\.(cpp|cc|cxx)$")
        set(_has_cxx ON)
      endif()
    endforeach()
    if(_has_cxx)
      target_precompile_headers(${name} REUSE_FROM tessera_plugin_pch)
    endif()
  endif()
  # In-tree plugins are collected so that tests/validate checks each one.
  if(DEFINED TESSERA_PLUGIN_OUTPUT_DIR)
    set_property(GLOBAL APPEND PROPERTY TESSERA_PLUGIN_TARGETS ${name})
  endif()
  if(DEFINED TESSERA_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${TESSERA_PLUGIN_OUTPUT_DIR})
  endif()
  if(NOT ARG_NO_INSTALL AND DEFINED TESSERA_INSTALL_PLUGIN_DIR)
    install(TARGETS ${name} LIBRARY DESTINATION ${TESSERA_INSTALL_PLUGIN_DIR})
  endif()
endfunction()
