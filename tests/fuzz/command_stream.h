// The framing of client_message_fuzzer's input: which prepared workshop, then a sequence of
// (actor, ClientMessage) steps.
//
//   byte 0                  the prepared workshop (PreparedWorkshops, modulo their count)
//   then, for each step:    1 byte: the actor (ActorFor)
//                           2 bytes: n, little-endian
//                           n bytes: a serialized atelier.v1.ClientMessage (the last step takes
//                                    what is left when fewer than n remain)
//
// The actor byte: 0 the animateur, 1 an observer, 2 the server itself (the timer), 3 a tablet
// joining (a TABLE actor without a table, as a Hello with the join code makes); 4..127 the table
// (byte - 4), joined or not; 128..255 the seat (byte - 128) with its own table when it exists,
// otherwise a phone joining at table (byte - 128), as a Hello with a seat number makes.
#ifndef ATELIER_TESTS_FUZZ_COMMAND_STREAM_H_
#define ATELIER_TESTS_FUZZ_COMMAND_STREAM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/workshop.pb.h"
#include "server/workshop/state.h"

namespace atelier::fuzz {

struct Step {
  uint8_t actor = 0;
  std::string_view message;  // into the input
};

struct CommandStream {
  uint8_t workshop = 0;
  std::vector<Step> steps;
};

// Every input is a valid stream (an empty one has no steps).
CommandStream ParseCommandStream(std::string_view input);

// The input that ParseCommandStream reads back as these steps (messages serialized).
std::string EncodeCommandStream(uint8_t workshop,
                                const std::vector<std::pair<uint8_t, std::string>>& steps);

// The actor byte's meaning in this state (see above).
atelier::v1::Actor ActorFor(uint8_t actor_byte, const workshop::WorkshopState& state);

// Actor bytes for the seeds.
inline constexpr uint8_t kAnimateurByte = 0;
inline constexpr uint8_t kObserverByte = 1;
inline constexpr uint8_t kSystemByte = 2;
inline constexpr uint8_t kJoiningTabletByte = 3;
inline constexpr uint8_t TableByte(uint32_t table) { return static_cast<uint8_t>(4 + table); }
inline constexpr uint8_t SeatByte(uint32_t seat) { return static_cast<uint8_t>(128 + seat); }

}  // namespace atelier::fuzz

#endif  // ATELIER_TESTS_FUZZ_COMMAND_STREAM_H_
