// ABI tests (c) and (d): a plugin built for another ABI major, malformed descriptors, a library
// without the entry symbol and a file that is not a library at all are each refused with their
// path and a reason naming the fault — and do not hide the good plugins next to them.
#include <fstream>
#include <set>
#include <unistd.h>

#include "abi_test.hpp"

using namespace tsr::host;
using namespace abi_test;

namespace {

// Loads one library into a fresh registry and returns its single recorded problem.
LoadProblem refused(const std::string& path) {
    Registry reg;
    CHECK_FALSE(reg.load(path));
    CHECK(reg.components().empty());
    CHECK(reg.libraries().empty());
    REQUIRE(reg.problems().size() == 1);
    return reg.problems()[0];
}

// A fresh empty folder under the system temp folder, removed with the object.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("tessera-abi-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(counter()++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

void write_garbage(const fs::path& file) {
    std::ofstream out(file, std::ios::binary);
    out << "this is not an ELF shared library, just text with a .so name\n";
    for (int i = 0; i < 256; ++i) out.put(static_cast<char>(i * 37));
}

}  // namespace

TEST_SUITE("wrong_major") {

TEST_CASE("a plugin built for ABI 2 is refused with a clear message") {
    const LoadProblem p = refused(ABI_WRONG_MAJOR_PLUGIN);
    INFO(p.reason);
    CHECK(p.path == canonical(ABI_WRONG_MAJOR_PLUGIN));
    CHECK(contains(p.reason, "ABI 2."));
    CHECK(contains(p.reason, "rebuild"));
    CHECK(contains(p.reason, "ABI " + std::to_string(TSR_ABI_MAJOR) + "."));  // and names the host's
}

TEST_CASE("check_plugin_desc refuses a wrong major before reading anything else") {
    tsr_plugin_desc d{};
    d.struct_size = 3 * sizeof(uint32_t);  // only the versions: nothing else is read
    d.abi_major = 2;
    d.abi_minor = 9;
    const auto errors = check_plugin_desc(&d);
    REQUIRE(errors.size() == 1);
    CHECK(contains(errors[0], "ABI 2.9"));
}

}  // TEST_SUITE

TEST_SUITE("malformed") {

TEST_CASE("each malformed library is refused with its path and the reason") {
    struct Case {
        const char* path;
        const char* reason;
    };
    const Case cases[] = {
        {ABI_BROKEN_NULL_ID, "id NULL is not a namespaced lower-case id"},
        {ABI_BROKEN_NO_NAMESPACE, "id 'quadratic' is not a namespaced lower-case id"},
        {ABI_BROKEN_DEFAULT_OUT_OF_RANGE, "parameter 'rate': default 5 outside [0, 1]"},
        {ABI_BROKEN_DUPLICATE_IDS, "component id 'broken.problem' appears twice"},
        {ABI_BROKEN_NULL_DESC, "tessera_plugin_v1() returned NULL"},
        {ABI_BROKEN_SMALL_STRUCT, "struct_size 8 is smaller than ABI 1.0's"},
        {ABI_BROKEN_NO_ENTRY, "has no entry symbol tessera_plugin_v1"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.path);
        const LoadProblem p = refused(c.path);
        INFO(p.reason);
        CHECK(p.path == canonical(c.path));
        CHECK(contains(p.reason, c.reason));
    }
}

TEST_CASE("a file that is not a shared library, and a missing file, are refused") {
    TempDir dir;
    const fs::path garbage = dir.path / "libgarbage.so";
    write_garbage(garbage);
    LoadProblem p = refused(garbage.string());
    CHECK(p.path == canonical(garbage.string()));
    CHECK(contains(p.reason, "cannot be loaded"));
    p = refused((dir.path / "libnothing.so").string());
    CHECK(contains(p.reason, "cannot be loaded"));
    // An empty file too.
    std::ofstream(dir.path / "libempty.so").close();
    p = refused((dir.path / "libempty.so").string());
    CHECK(contains(p.reason, "cannot be loaded"));
}

TEST_CASE("scanning a folder of good and broken libraries lists the good components") {
    TempDir dir;
    int copied = 0;
    for (const auto& e : fs::directory_iterator(ABI_PLUGIN_DIR))
        if (e.path().extension() == ".so") {
            fs::copy_file(e.path(), dir.path / e.path().filename());
            ++copied;
        }
    write_garbage(dir.path / "libgarbage.so");
    std::ofstream(dir.path / "README.txt") << "not a .so: not even looked at\n";

    Registry reg;
    reg.scan({dir.path});
    std::set<std::string> ids;
    for (const Component& c : reg.components()) ids.insert(std::string(c.id()));
    INFO(problems_text(reg));
    for (const char* id : {"abi_c.gd", "abi_c.quadratic", "future.algorithm", "future.metric", "future.problem",
                           "throwing.boom_problem", "throwing.gd", "throwing.metric"})
        CHECK_MESSAGE(ids.count(id) == 1, id);
    // Three good libraries; every other file is one recorded problem with its own path.
    CHECK(reg.libraries().size() == 3);
    CHECK(static_cast<int>(reg.problems().size()) == copied + 1 - 3);
    std::set<std::string> paths;
    for (const auto& p : reg.problems()) {
        CHECK(fs::path(p.path).parent_path() == fs::weakly_canonical(dir.path));
        CHECK(!p.reason.empty());
        paths.insert(fs::path(p.path).filename().string());
    }
    CHECK(paths.count("libgarbage.so") == 1);
    CHECK(paths.count("libabi_wrong_major.so") == 1);
    CHECK(paths.count("libabi_broken_no_entry.so") == 1);
    // And the good ones still run.
    RunResult r = run_one(reg, request("abi_c.gd", "future.problem"));
    INFO(r.error);
    CHECK(r.status == RunStatus::ok);
    // A folder that does not exist is a problem too, not an exception.
    reg.scan({dir.path / "no-such-folder"});
    CHECK(contains(reg.problems().back().reason, "neither a plugin file nor a folder"));
}

TEST_CASE("the same component id from a second library is ignored, naming the first") {
    TempDir dir;
    const fs::path copy = dir.path / "libabi_c_copy.so";
    fs::copy_file(ABI_C_PLUGIN, copy);
    Registry reg;
    REQUIRE(reg.load(ABI_C_PLUGIN));
    CHECK(reg.load(ABI_C_PLUGIN));  // the same file twice is not a conflict
    CHECK(reg.problems().empty());
    reg.load(copy);
    CHECK(reg.components().size() == 2);
    REQUIRE(reg.problems().size() == 2);  // one per component
    CHECK(reg.problems()[0].path == canonical(copy.string()));
    CHECK(contains(reg.problems()[0].reason, "already provided by " + canonical(ABI_C_PLUGIN)));
    CHECK(reg.find("abi_c.gd")->library->path == canonical(ABI_C_PLUGIN));
}

}  // TEST_SUITE
