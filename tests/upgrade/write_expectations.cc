// write_expectations DATA_DIR OUT_DIR: what make_fixture.sh runs once a fixture's log is
// written, to record its heads and results as this version computes them (expectations.h).
#include <iostream>

#include "tests/upgrade/expectations.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: write_expectations DATA_DIR OUT_DIR\n";
    return 2;
  }
  auto described = atelier::upgrade::Describe(argv[1]);
  if (!described) {
    std::cerr << "write_expectations: " << described.error() << "\n";
    return 1;
  }
  if (auto written = atelier::upgrade::Write(*described, argv[2]); !written) {
    std::cerr << "write_expectations: " << written.error() << "\n";
    return 1;
  }
  std::cout << described->size() << " workshop(s) described in " << argv[2] << "\n";
  return 0;
}
