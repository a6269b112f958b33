// libFuzzer's custom mutator and crossover for client_message_fuzzer: they change inputs step by
// step (command_stream.h) instead of byte by byte, so that a mutation keeps the framing and a
// crossover joins the first steps of one session to the last steps of another (a phase change
// from one input, then a reconfiguration from another). libFuzzer's own byte mutations still
// run, on one step's message or on the whole input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/fuzz/command_stream.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace atelier::fuzz {
namespace {

using Steps = std::vector<std::pair<uint8_t, std::string>>;

Steps Copy(const CommandStream& stream) {
  Steps steps;
  for (const Step& step : stream.steps) steps.emplace_back(step.actor, std::string(step.message));
  return steps;
}

// The actors the prepared workshops have, more often than the rest.
uint8_t SomeActor(std::minstd_rand& rng) {
  static constexpr uint8_t kUsual[] = {
      kAnimateurByte, kObserverByte, kSystemByte, kJoiningTabletByte, TableByte(1), TableByte(2),
      TableByte(3),   TableByte(4),  SeatByte(1), SeatByte(2),        SeatByte(3),  SeatByte(4)};
  if (rng() % 4 == 0) return static_cast<uint8_t>(rng());
  return kUsual[rng() % std::size(kUsual)];
}

void MutateMessage(std::string& message) {
  const size_t size = message.size();
  message.resize(std::max<size_t>(size * 2, size + 64));
  const size_t mutated =
      LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(message.data()), size, message.size());
  message.resize(mutated);
}

size_t Output(uint8_t workshop, const Steps& steps, uint8_t* out, size_t max_size) {
  const std::string encoded = EncodeCommandStream(workshop, steps);
  if (encoded.size() > max_size) return 0;
  std::memcpy(out, encoded.data(), encoded.size());
  return encoded.size();
}

}  // namespace
}  // namespace atelier::fuzz

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  using namespace atelier::fuzz;
  std::minstd_rand rng(seed);
  const CommandStream stream =
      ParseCommandStream(std::string_view(reinterpret_cast<const char*>(data), size));
  uint8_t workshop = stream.workshop;
  Steps steps = Copy(stream);
  const unsigned choice = rng() % 10;
  if (choice == 0 || size == 0) return LLVMFuzzerMutate(data, size, max_size);
  if (steps.empty() || choice == 1) {
    workshop = static_cast<uint8_t>(rng() % 16);
  } else {
    const size_t i = rng() % steps.size();
    const size_t j = rng() % steps.size();
    switch (choice) {
      case 2:
        steps[i].first = SomeActor(rng);
        break;
      case 3:
        steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(j), steps[i]);
        break;
      case 4:
        steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      case 5:
        std::swap(steps[i], steps[j]);
        break;
      default:
        MutateMessage(steps[i].second);
        break;
    }
  }
  const size_t written = Output(workshop, steps, data, max_size);
  return written != 0 ? written : LLVMFuzzerMutate(data, size, max_size);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1,
                                            const uint8_t* data2, size_t size2, uint8_t* out,
                                            size_t max_out_size, unsigned int seed) {
  using namespace atelier::fuzz;
  std::minstd_rand rng(seed);
  const CommandStream a =
      ParseCommandStream(std::string_view(reinterpret_cast<const char*>(data1), size1));
  const CommandStream b =
      ParseCommandStream(std::string_view(reinterpret_cast<const char*>(data2), size2));
  Steps steps = Copy(a);
  steps.resize(steps.empty() ? 0 : rng() % (steps.size() + 1));
  const Steps tail = Copy(b);
  const size_t from = tail.empty() ? 0 : rng() % tail.size();
  steps.insert(steps.end(), tail.begin() + static_cast<std::ptrdiff_t>(from), tail.end());
  while (!steps.empty()) {
    if (size_t written = Output(a.workshop, steps, out, max_out_size); written != 0) {
      return written;
    }
    steps.pop_back();
  }
  return Output(a.workshop, steps, out, max_out_size);
}
