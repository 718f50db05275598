// The report tests' main (doctest). Each test_*.cpp covers one part of `tessera report`.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
