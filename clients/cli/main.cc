// `atelier`: the command line of atelier-server (cli.h).
#include <iostream>
#include <string>
#include <vector>

#include "clients/cli/cli.h"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return atelier::cli::Run(args, std::cin, std::cout, std::cerr);
  } catch (...) {
    std::cerr << "atelier: out of memory\n";
    return 1;
  }
}
