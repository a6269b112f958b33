#include "tests/storage/test_support.h"

#include <stdlib.h>

#include <future>
#include <stdexcept>

#include "storage/hash_chain.h"

namespace atelier::storage::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "atelier-storage-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

atelier::v1::Event MakeEvent(const std::string& workshop_id, uint64_t seq,
                             const std::string& text) {
  atelier::v1::Event event;
  event.set_workshop_id(workshop_id);
  event.set_seq(seq);
  event.set_server_time_ms(1'700'000'000'000 + static_cast<int64_t>(seq));
  event.mutable_actor()->set_kind(atelier::v1::ACTOR_KIND_TABLE);
  event.mutable_actor()->set_table_id(7);
  event.set_command_id("cmd-" + std::to_string(seq));
  auto* idea = event.mutable_idea_posted()->mutable_idea();
  idea->set_idea_id(static_cast<uint32_t>(seq));
  idea->set_table_id(7);
  idea->set_text(text);
  return event;
}

SealedEvent ChainBuilder::Next(const std::string& text) {
  atelier::v1::Event event = MakeEvent(workshop_id_, seq_ + 1, text);
  event.set_prev_hash(hash_);
  SealedEvent sealed = Seal(event);
  ++seq_;
  hash_ = std::string(sealed.hash());
  return sealed;
}

std::vector<atelier::v1::LoggedEvent> ChainBuilder::Take(int count) {
  std::vector<atelier::v1::LoggedEvent> chain;
  for (int i = 0; i < count; ++i) chain.push_back(Next().ToLogged());
  return chain;
}

Result<void> AppendAndWait(EventLog& log, SealedEvent event) {
  std::promise<Result<void>> outcome;
  auto future = outcome.get_future();
  log.Append(std::move(event), [&outcome](const Result<void>& r) { outcome.set_value(r); });
  return future.get();
}

}  // namespace atelier::storage::test
