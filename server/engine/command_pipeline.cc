#include "server/engine/command_pipeline.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstring>

#include "server/workshop/apply.h"
#include "storage/hash_chain.h"

namespace atelier::engine {

namespace v1 = atelier::v1;

namespace {

v1::Rejection Invalid(std::string message) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_INVALID_COMMAND);
  rejection.set_message(std::move(message));
  return rejection;
}

// Whether a command id is one a client may use: 1 to kMaxCommandIdBytes printable ASCII
// characters (the web app sends UUIDs).
bool ValidCommandId(const std::string& id) {
  if (id.empty() || id.size() > kMaxCommandIdBytes) return false;
  for (char c : id) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

uint64_t CommandFingerprint(const v1::Command& command) {
  std::string bytes;
  bytes.reserve(command.ByteSizeLong());  // also caches the sizes serialized with below
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    command.SerializeWithCachedSizes(&coded);
  }
  // Deterministic serialization writes fields by number: the id (field 1) comes first.
  std::string_view rest = bytes;
  if (!command.command_id().empty()) {
    const size_t id_size = command.command_id().size();
    rest.remove_prefix(1 + google::protobuf::io::CodedOutputStream::VarintSize64(id_size) +
                       id_size);
  }
  const std::string hash = storage::HashEvent("", rest);
  uint64_t fingerprint = 0;
  for (int i = 7; i >= 0; --i) fingerprint = (fingerprint << 8) | static_cast<uint8_t>(hash[i]);
  return fingerprint == 0 ? 1 : fingerprint;
}

Step Execute(workshop::WorkshopState& state, const v1::Command& command,
             const workshop::CommandContext& context, Source source) {
  Step step;
  uint64_t fingerprint = 0;
  if (source == Source::kClient) {
    if (!ValidCommandId(command.command_id())) {
      step.rejection = Invalid(
          "a command needs an id of 1 to " + std::to_string(kMaxCommandIdBytes) +
          " printable characters, unique for its sender (it makes a retry safe)");
      return step;
    }
    fingerprint = CommandFingerprint(command);
    if (auto applied =
            workshop::FindAppliedCommand(state, context.actor, command.command_id())) {
      if (applied->fingerprint != 0 && applied->fingerprint != fingerprint) {
        step.rejection.set_reason(v1::REJECTION_REASON_COMMAND_ID_REUSED);
        step.rejection.set_message("command id " + command.command_id() +
                                   " was used for another command (event " +
                                   std::to_string(applied->seq) + "); give each command its own id");
        return step;
      }
      step.kind = Step::Kind::kDuplicate;
      step.seq = applied->seq;
      return step;
    }
  }
  workshop::Decision decision = workshop::Decide(state, command, context);
  if (!decision) {
    step.rejection = std::move(decision).error();
    return step;
  }
  step.event = *std::move(decision);
  step.event.set_command_fingerprint(fingerprint);
  step.sealed = storage::Seal(step.event);
  if (auto applied = workshop::Apply(state, step.event); !applied) {
    step.kind = Step::Kind::kBroken;
    step.error = "event " + std::to_string(step.event.seq()) + " was decided but does not fold: " +
                 applied.error();
    return step;
  }
  step.kind = Step::Kind::kAccepted;
  step.seq = step.event.seq();
  return step;
}

}  // namespace atelier::engine
