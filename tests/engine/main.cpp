// The engine tests' main (doctest). Each test_*.cpp covers one part of the benchmark engine.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
