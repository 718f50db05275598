// tests/abi/main.cpp — the doctest main of the ABI tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
