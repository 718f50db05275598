# Dependencies, all from Debian 12 packages (cmake/setup.sh installs them):
#   libboost-dev libboost-program-options-dev libeigen3-dev libfmt-dev libsqlite3-dev doctest-dev
#   libtomlplusplus-dev; optional: libpagmo-dev (benchmark comparison), ccache.
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(fmt REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(OpenMP REQUIRED)
find_package(Threads REQUIRED)
if(TESSERA_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
