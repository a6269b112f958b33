// atelier-demo: plays the two reference workshops through the engine, with the durable log in
// a data directory, and prints what happened and the results.
#include <cstdlib>
#include <iostream>
#include <string>

#include "server/demo/scenario.h"

int main(int argc, char** argv) {
  std::string data = "./data";
  atelier::demo::ScenarioOptions options;
  options.narration = &std::cout;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (arg == "--tables" && i + 1 < argc) {
      options.tables = std::atoi(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      options.seed = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else {
      std::cout
          << "usage: atelier-demo [--data DIR] [--tables N] [--seed N]\n"
             "Plays the ideation workshop « Comment optimiser l'utilisation de la salle\n"
             "municipale ? » and the evaluation of its top five ideas, durably logged in DIR\n"
             "(default ./data), and prints the results.\n";
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }
  if (options.tables < 2 || options.tables > 400) {
    std::cerr << "atelier-demo: --tables must be between 2 and 400\n";
    return 2;
  }
  auto engine = atelier::engine::Engine::Open(data);
  if (!engine) {
    std::cerr << "atelier-demo: cannot open " << data << ": " << engine.error() << "\n";
    return 1;
  }
  auto played = atelier::demo::PlayReferenceWorkshops(**engine, options);
  if (!played) {
    std::cerr << "atelier-demo: " << played.error() << "\n";
    return 1;
  }
  atelier::demo::PrintResults(*(*engine)->Find(played->ideation_id), std::cout);
  atelier::demo::PrintResults(*(*engine)->Find(played->evaluation_id), std::cout);
  std::cout << "\n"
            << (*engine)->WorkshopIds().size() << " ateliers dans " << data
            << " ; chaque événement est durable et chaîné (SHA-256).\n";
  return 0;
}
