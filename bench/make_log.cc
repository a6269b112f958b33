// atelier-make-log DIR [EVENTS]: writes one long workshop ("long-workshop", default 1,000,000
// events, see long_workshop.h) into a new event log in DIR, for the restart benchmark:
// atelier-server --data DIR then loads it before it answers.
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "bench/long_workshop.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: atelier-make-log DIR [EVENTS]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  if (std::filesystem::exists(dir) && !std::filesystem::is_empty(dir)) {
    std::fprintf(stderr, "atelier-make-log: %s is not empty\n", argv[1]);
    return 2;
  }
  const unsigned long long events = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  if (events < 1000) {
    std::fprintf(stderr, "atelier-make-log: EVENTS must be at least 1000\n");
    return 2;
  }
  std::filesystem::create_directories(dir);
  atelier::engine::BuildLongWorkshop(dir, "long-workshop", events);
  std::printf("atelier-make-log: %llu events in %s\n", events, argv[1]);
  return 0;
}
