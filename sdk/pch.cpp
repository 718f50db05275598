// Anchor translation unit of the shared plugin precompiled header (see CMakeLists.txt).
