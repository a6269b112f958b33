// main() for test binaries that mount small filesystems (small_filesystem.h): enters a private
// mount namespace before GoogleTest (or anything else) starts a thread.
#include <gtest/gtest.h>

#include "tests/integration/small_filesystem.h"

int main(int argc, char** argv) {
  atelier::testing::EnterPrivateMountNamespace();  // on failure, Mount() says why: tests skip
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
