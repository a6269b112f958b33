#include "tests/archive/sample_archive.h"

#include <gtest/gtest.h>

#include "archive/archive_writer.h"
#include "server/workshop/results.h"
#include "storage/hash_chain.h"
#include "tests/workshop/test_support.h"

namespace atelier::archive {

namespace wt = workshop::testing;

Sealed SmallWorkshop() {
  wt::Harness harness;
  const auto a = harness.JoinTable();
  const auto b = harness.JoinTable();
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  const auto i1 = harness.Post(a, "Ouvrir la salle le dimanche");
  const auto i2 = harness.Post(b, "Un planning partagé en ligne");
  harness.Post(b, "Des créneaux pour les associations");
  harness.MoveTo(v1::PHASE_CONVERGENCE);
  harness.Accept(wt::SetPointsCmd({{i2, 3}}), wt::TableActor(a));
  harness.Accept(wt::SetPointsCmd({{i1, 2}}), wt::TableActor(b));
  Sealed sealed;
  std::string prev;
  for (v1::Event event : harness.log()) {
    event.set_prev_hash(prev);
    sealed.events.push_back(storage::Seal(event));
    prev = sealed.events.back().hash();
  }
  sealed.results = workshop::ComputeResults(harness.state());
  sealed.results.set_head_hash(prev);  // the harness folds its events before they are sealed
  return sealed;
}

v1::ArchiveManifest ManifestOf(const std::vector<storage::SealedEvent>& events) {
  v1::ArchiveManifest manifest;
  manifest.set_workshop_id(events.front().workshop_id());
  manifest.set_head_seq(events.size());
  manifest.set_head_hash(std::string(events.back().hash()));
  manifest.set_server_version("0.1.0");
  manifest.set_exported_at_ms(1'700'000'123'000);
  return manifest;
}

std::string Write(const std::vector<storage::SealedEvent>& events,
                  const v1::ArchiveManifest& manifest) {
  std::string out;
  ArchiveWriter writer([&](std::string_view bytes) { out.append(bytes); });
  EXPECT_TRUE(writer.Begin(manifest));
  for (const auto& event : events) EXPECT_TRUE(writer.AddStoredEvent(event.stored()));
  EXPECT_TRUE(writer.Finish());
  return out;
}

}  // namespace atelier::archive
