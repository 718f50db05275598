// The doctest runner of tessera_unit_tests; the test cases are in the other tests/host/*.cpp.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
