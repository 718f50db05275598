# Installation and the package config that lets an out-of-tree plugin do
#   find_package(Tessera REQUIRED)
#   tessera_add_plugin(myplugin SOURCES my.cpp)
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/tessera DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tessera_sdk EXPORT TesseraTargets)
install(EXPORT TesseraTargets NAMESPACE tessera:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Tessera)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/TesseraConfig.cmake.in
  ${CMAKE_BINARY_DIR}/TesseraConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Tessera
  PATH_VARS TESSERA_INSTALL_PLUGIN_DIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/TesseraConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/TesseraConfig.cmake
  ${CMAKE_BINARY_DIR}/TesseraConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/TesseraPlugin.cmake
  ${PROJECT_SOURCE_DIR}/cmake/TesseraWarnings.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Tessera)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/configs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tessera/configs)
