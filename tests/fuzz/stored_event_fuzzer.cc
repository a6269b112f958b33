// stored_event_fuzzer: bytes as the log or an exported archive may hold them, changed by a disk
// or by someone, and events as a client's command may make them.
//
// bytes -> storage::ParseLoggedEventView, storage::ParseEventView, ChainVerifier::Feed, and
// protobuf's own parse of atelier.v1.LoggedEvent and atelier.v1.Event. Checked:
// - no crash, and every refusal is kCorruption or kBrokenChain with a message;
// - the views agree with protobuf on what valid wire format is: they accept exactly the bytes
//   protobuf parses as some message (google.protobuf.Empty: groups included, nested as deep as
//   protobuf allows), and
//   when protobuf parses the bytes as an Event (a LoggedEvent), the view's fields are the
//   message's;
// - whatever is sealed verifies: when the bytes parse as an Event, that event with the
//   workshop's id, seq 1 and no prev_hash, sealed by storage::Seal, is accepted by a
//   ChainVerifier, and so is the same event sealed as seq 2 after it; each sealed LoggedEvent,
//   serialized as the log stores it, reads back through ParseLoggedEventView to the same bytes
//   and hash.
#include <google/protobuf/empty.pb.h>

#include <string>
#include <string_view>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "storage/event_view.h"
#include "storage/hash_chain.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_targets.h"

namespace atelier::fuzz {
namespace {

namespace v1 = ::atelier::v1;

constexpr std::string_view kWorkshop = "w-fuzz";

// Whether protobuf's parser of generated messages takes these bytes as some message: parsed as
// google.protobuf.Empty, every field is an unknown field, so only the wire format is checked.
// (UnknownFieldSet::ParseFromArray is not the reference: it reads through CodedInputStream,
// whose limits on tags and lengths differ from the generated parsers'.)
bool WireFormatValid(std::string_view bytes) {
  google::protobuf::Empty message;
  return message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

bool ExpectedCode(const storage::Error& error) {
  return (error.code == storage::Error::Code::kCorruption ||
          error.code == storage::Error::Code::kBrokenChain) &&
         !error.message.empty();
}

// Seals `event` as `seq` after `prev_hash`, feeds it to `verifier`, and reads its stored form
// back. Empty when all went as it should.
std::string SealAndVerify(v1::Event event, uint64_t seq, const std::string& prev_hash,
                          storage::ChainVerifier& verifier) {
  event.set_workshop_id(std::string(kWorkshop));
  event.set_seq(seq);
  event.set_prev_hash(prev_hash);
  const storage::SealedEvent sealed = storage::Seal(event);
  const v1::LoggedEvent logged = sealed.ToLogged();
  if (auto fed = verifier.Feed(logged); !fed) {
    return "a sealed event (seq " + std::to_string(seq) + ") is refused: " + fed.error().message;
  }
  const std::string stored(sealed.stored());
  if (stored != logged.SerializeAsString()) {
    return "Seal's stored bytes are not protobuf's LoggedEvent";
  }
  auto view = storage::ParseLoggedEventView(stored);
  if (!view) return "a stored LoggedEvent does not read back: " + view.error().message;
  if (view->event != logged.event() || view->hash != logged.hash()) {
    return "a stored LoggedEvent reads back to other bytes";
  }
  return {};
}

std::string CheckEventBytes(std::string_view bytes) {
  const bool wire_valid = WireFormatValid(bytes);
  auto view = storage::ParseEventView(bytes);
  if (view.has_value() != wire_valid) {
    return std::string("ParseEventView ") + (view ? "accepts" : "refuses") +
           " bytes that protobuf " + (wire_valid ? "accepts" : "refuses");
  }
  if (!view && !ExpectedCode(view.error())) return "ParseEventView: " + view.error().message;
  v1::Event event;
  if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return {};
  if (!view) return "ParseEventView refuses an Event that protobuf parses";
  if (view->workshop_id != event.workshop_id() || view->seq != event.seq() ||
      view->prev_hash != event.prev_hash() || view->hash != event.hash()) {
    return "ParseEventView reads other fields than protobuf: " + event.ShortDebugString();
  }
  storage::ChainVerifier verifier{std::string(kWorkshop)};
  if (std::string failed = SealAndVerify(event, 1, "", verifier); !failed.empty()) return failed;
  return SealAndVerify(event, 2, verifier.last_hash(), verifier);
}

std::string CheckLoggedEventBytes(std::string_view bytes) {
  const bool wire_valid = WireFormatValid(bytes);
  auto view = storage::ParseLoggedEventView(bytes);
  if (view.has_value() != wire_valid) {
    return std::string("ParseLoggedEventView ") + (view ? "accepts" : "refuses") +
           " bytes that protobuf " + (wire_valid ? "accepts" : "refuses");
  }
  if (!view) {
    if (!ExpectedCode(view.error())) return "ParseLoggedEventView: " + view.error().message;
    return {};
  }
  v1::LoggedEvent logged;
  if (logged.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) &&
      (view->event != logged.event() || view->hash != logged.hash())) {
    return "ParseLoggedEventView reads other fields than protobuf";
  }
  // A verifier fed this entry, alone and after a trusted point, as start-up verification does.
  storage::ChainVerifier fresh{std::string(kWorkshop)};
  storage::ChainVerifier after_point(std::string(kWorkshop), 41, std::string(32, 'h'));
  for (storage::ChainVerifier* verifier : {&fresh, &after_point}) {
    auto fed = verifier->Feed(view->event, view->hash);
    if (!fed && !ExpectedCode(fed.error())) return "ChainVerifier: " + fed.error().message;
    if (fed) {
      auto event = storage::ParseEventView(view->event);
      if (!event || event->seq != verifier->last_seq() ||
          verifier->last_hash() != storage::HashEvent(event->prev_hash, view->event)) {
        return "ChainVerifier accepted an entry that does not follow its chain";
      }
    }
    if (auto again = verifier->Feed(view->event, view->hash); again) {
      if (fed) return "ChainVerifier accepted the same entry twice";
    }
  }
  return {};
}

}  // namespace

std::string CheckStoredEvent(std::string_view input) {
  if (std::string failed = CheckEventBytes(input); !failed.empty()) return "as an Event: " + failed;
  if (std::string failed = CheckLoggedEventBytes(input); !failed.empty()) {
    return "as a LoggedEvent: " + failed;
  }
  return {};
}

}  // namespace atelier::fuzz

#ifdef ATELIER_FUZZ_ENTRY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return atelier::fuzz::RunOrAbort(atelier::fuzz::CheckStoredEvent, data, size);
}
#endif
