// Unit tests of the host's SHA-256 (FIPS 180-4 test vectors) used for library provenance.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "errors.hpp"
#include "sha256.hpp"

using tsr::host::sha256_file;
using tsr::host::sha256_hex;

TEST_CASE("sha256_hex: known vectors") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // two blocks (56 bytes: the padding spills into a second block)
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                     "mnopqrstnopqrstu") == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // lengths around the block boundary hash without error and differ
    std::string prev;
    for (size_t n = 50; n < 140; ++n) {
        const std::string h = sha256_hex(std::string(n, 'x'));
        CHECK(h.size() == 64);
        CHECK(h != prev);
        prev = h;
    }
}

TEST_CASE("sha256_file: the digest of the file's bytes; a missing file is a UsageError") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("tessera_sha_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path f = dir / "blob.bin";
    std::string bytes(70000, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + 7);
    {
        std::ofstream out(f, std::ios::binary);
        out << bytes;
    }
    CHECK(sha256_file(f) == sha256_hex(bytes));
    {
        std::ofstream out(dir / "abc.txt", std::ios::binary);
        out << "abc";
    }
    CHECK(sha256_file(dir / "abc.txt") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_THROWS_AS(sha256_file(dir / "missing.so"), tsr::host::UsageError);
    fs::remove_all(dir);
}
