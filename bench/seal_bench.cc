// What an accepted event costs between the decision and the log's queue, before and after
// issue 10's "serialize and hash once".
//
// BM_SealOnce is the path as it is: Seal() serializes the event once, hashes it once, and lays
// the bytes out as the stored LoggedEvent; the room's resume ring and the log's writer share
// that buffer (a shared pointer copied).
//
// BM_SealAsBefore repeats, step by step, what the server did per event until fb4d742^ (read
// from that tree: storage/hash_chain.cc Seal, server/room/room.cc Execute, storage/event_log.cc
// Append): serialize the event deterministically into a string and hash it into a LoggedEvent;
// copy that LoggedEvent into the resume ring; then, in EventLog::Append, parse the event's
// header, hash the bytes again to check the seal, and serialize the LoggedEvent into the value
// written. The functions it calls are today's (they have not changed); only the sequence is the
// old one. Both run in one pass, so the VM's drift affects them alike.
#include <benchmark/benchmark.h>

#include <deque>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <string>

#include "atelier/v1/log.pb.h"
#include "storage/event_view.h"
#include "storage/hash_chain.h"
#include "storage/sealed_event.h"

namespace atelier::storage {
namespace {

// An IdeaPosted of about 250 bytes, as a table's idea is.
atelier::v1::Event IdeaEvent(uint64_t seq) {
  atelier::v1::Event event;
  event.set_workshop_id("3f2a9c1b0e7d5a44");
  event.set_seq(seq);
  event.set_server_time_ms(1'700'000'000'000 + static_cast<int64_t>(seq));
  event.mutable_actor()->set_kind(atelier::v1::ACTOR_KIND_TABLE);
  event.mutable_actor()->set_table_id(7);
  event.set_command_id("lg-3f2a9c1b-7-" + std::to_string(seq));
  event.set_prev_hash(std::string(32, 'p'));
  auto* idea = event.mutable_idea_posted()->mutable_idea();
  idea->set_idea_id(static_cast<uint32_t>(seq));
  idea->set_table_id(7);
  idea->set_text(
      "Ouvrir la salle municipale aux associations de quartier le soir et le samedi matin, "
      "avec un planning partagé en ligne pour réserver les créneaux, idée " +
      std::to_string(seq));
  return event;
}

// What the resume ring keeps, to make both paths pay for it.
constexpr size_t kRing = 1024;

void BM_SealOnce(benchmark::State& state) {
  atelier::v1::Event event = IdeaEvent(1);
  std::deque<SealedEvent> ring;
  uint64_t seq = 0;
  for (auto _ : state) {
    event.set_seq(++seq);
    SealedEvent sealed = Seal(event);
    ring.push_back(sealed);                      // the resume ring
    if (ring.size() > kRing) ring.pop_front();
    SealedEvent for_writer = std::move(sealed);  // the append: the writer stores stored() as is
    benchmark::DoNotOptimize(for_writer.stored().data());
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(seq), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SealOnce);

void BM_SealAsBefore(benchmark::State& state) {
  atelier::v1::Event event = IdeaEvent(1);
  std::deque<atelier::v1::LoggedEvent> ring;
  uint64_t seq = 0;
  for (auto _ : state) {
    event.set_seq(++seq);
    // Seal (hash_chain.cc then): serialize deterministically, hash, build the LoggedEvent.
    event.clear_hash();
    std::string bytes;
    bytes.reserve(event.ByteSizeLong());
    {
      google::protobuf::io::StringOutputStream stream(&bytes);
      google::protobuf::io::CodedOutputStream coded(&stream);
      coded.SetSerializationDeterministic(true);
      event.SerializeWithCachedSizes(&coded);
    }
    atelier::v1::LoggedEvent logged;
    logged.set_hash(HashEvent(event.prev_hash(), bytes));
    event.set_hash(logged.hash());
    logged.set_event(std::move(bytes));
    // Room::Execute then: the resume ring kept a copy of the LoggedEvent.
    ring.push_back(logged);
    if (ring.size() > kRing) ring.pop_front();
    // EventLog::Append then: the header parsed, the hash checked again, the value serialized.
    auto view = ParseEventView(logged.event());
    if (!view || logged.hash() != HashEvent(view->prev_hash, logged.event())) {
      state.SkipWithError("seal check failed");
      return;
    }
    std::string value = logged.SerializeAsString();
    benchmark::DoNotOptimize(value.data());
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(seq), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SealAsBefore);

}  // namespace
}  // namespace atelier::storage
