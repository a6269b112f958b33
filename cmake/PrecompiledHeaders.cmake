# Precompiled headers: the standard library and protobuf's runtime headers, which nearly every
# translation unit includes, parsed once per build tree instead of once per unity batch. One
# target (atelier_pch) compiles them; every other C++ target of the tree reuses its .gch
# (REUSE_FROM), so all must share its flags: the tree-wide ones (standard, build type,
# sanitizers) are; the macros some targets add (GTEST_HAS_PTHREAD, ATELIER_VERSION...) do not
# appear in these headers, which GCC accepts; and the warnings must be ours (-Wpedantic changes
# the predefined macros), so only targets linking atelier_warnings reuse it: not the generated
# protobuf code (proto/). The release tree's tests compile at -O1 (tests/CMakeLists.txt), which
# GCC also accepts with a .gch made at -O2 (not -O0: __OPTIMIZE__ would differ).
#
# Measured on the 2-core machine: a TU's standard and protobuf headers cost about 3.5 s of
# parsing, loading the .gch about 1.5 s. Left out, because a bigger .gch costs every TU more to
# load than they save the few that use them: Boost.Asio/Beast (a 340 MB .gch), GoogleTest (cheap
# to parse), <regex>, and the generated atelier/v1/*.pb.h (cheap to parse, and so the .gch need
# not wait for protoc).
#
# A source that forgets to include a standard header still compiles here: -DATELIER_PCH=OFF
# builds the tree without them. The sanitizer tree (clang 16) uses them the same way.
option(ATELIER_PCH "Precompile the standard library and protobuf headers" ON)

set(atelier_pch_headers
  <algorithm> <array> <atomic> <charconv> <chrono> <cmath> <cstddef> <cstdint> <cstdio>
  <cstdlib> <cstring> <deque> <expected> <filesystem> <fstream> <functional> <future>
  <iostream> <map> <memory> <mutex> <optional> <random> <set> <sstream> <string> <string_view>
  <thread> <unordered_map> <utility> <vector>
  <google/protobuf/arena.h> <google/protobuf/generated_message_reflection.h>
  <google/protobuf/generated_message_util.h> <google/protobuf/io/coded_stream.h>
  <google/protobuf/message.h> <google/protobuf/repeated_field.h>
  <google/protobuf/unknown_field_set.h>
)

# Every C++ target below DIR (recursively), into OUT.
function(atelier_targets_below dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    atelier_targets_below(${subdir} below)
    list(APPEND targets ${below})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Called once every target exists (at the end of the top CMakeLists.txt): the precompiled headers
# for every compiled target of the tree.
function(atelier_use_precompiled_headers)
  if(NOT ATELIER_PCH)
    return()
  endif()
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/atelier_pch.cc
       CONTENT "// Compiles the precompiled headers of the tree (cmake/PrecompiledHeaders.cmake).\n")
  add_library(atelier_pch STATIC ${PROJECT_BINARY_DIR}/atelier_pch.cc)
  target_link_libraries(atelier_pch PRIVATE protobuf::libprotobuf atelier_warnings)
  target_precompile_headers(atelier_pch PRIVATE ${atelier_pch_headers})
  atelier_targets_below(${PROJECT_SOURCE_DIR} targets)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    get_target_property(links ${target} LINK_LIBRARIES)
    if(target STREQUAL "atelier_pch"
       OR NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY)$"
       OR NOT "atelier_warnings" IN_LIST links)
      continue()
    endif()
    target_precompile_headers(${target} REUSE_FROM atelier_pch)
  endforeach()
endfunction()
