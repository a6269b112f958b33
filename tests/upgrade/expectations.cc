#include "tests/upgrade/expectations.h"

#include <fstream>
#include <sstream>

#include "archive/archive_check.h"
#include "clients/client/proto_json.h"
#include "server/engine/workshop_loader.h"
#include "server/workshop/results.h"
#include "storage/event_log.h"

namespace atelier::upgrade {

std::expected<std::vector<WorkshopExpectation>, std::string> Describe(
    const std::filesystem::path& data_dir) {
  auto log = storage::EventLog::Open(data_dir);
  if (!log) return std::unexpected("opening " + data_dir.string() + ": " + log.error().message);
  auto ids = (*log)->ListWorkshops();
  if (!ids) return std::unexpected(ids.error().message);
  std::vector<WorkshopExpectation> out;
  for (const std::string& id : *ids) {
    auto head = (*log)->VerifyChain(id);
    if (!head) return std::unexpected(id + ": " + head.error().message);
    auto state = engine::LoadWorkshop(**log, id);
    if (!state) return std::unexpected(id + ": " + state.error());
    WorkshopExpectation e;
    e.id = id;
    e.head_seq = head->seq;
    e.head_hash_hex = archive::HexHash(head->hash);
    e.results = workshop::ComputeResults(*state);
    e.access = state->access;
    out.push_back(std::move(e));
  }
  if (auto closed = (*log)->Close(); !closed) return std::unexpected(closed.error().message);
  return out;
}

std::expected<void, std::string> Write(const std::vector<WorkshopExpectation>& expected,
                                       const std::filesystem::path& dir) {
  std::ofstream heads(dir / "heads.txt");
  for (const WorkshopExpectation& e : expected) {
    heads << e.id << " " << e.head_seq << " " << e.head_hash_hex << "\n";
    std::ofstream(dir / (e.id + ".results.json")) << client::ToJson(e.results, /*pretty=*/true)
                                                   << "\n";
  }
  if (!heads) return std::unexpected("cannot write " + (dir / "heads.txt").string());
  return {};
}

std::expected<std::vector<WorkshopExpectation>, std::string> Read(const std::filesystem::path& dir) {
  std::ifstream heads(dir / "heads.txt");
  if (!heads) return std::unexpected("cannot read " + (dir / "heads.txt").string());
  std::vector<WorkshopExpectation> out;
  for (std::string line; std::getline(heads, line);) {
    WorkshopExpectation e;
    std::istringstream fields(line);
    if (!(fields >> e.id >> e.head_seq >> e.head_hash_hex)) {
      return std::unexpected("heads.txt: bad line '" + line + "'");
    }
    std::ifstream json(dir / (e.id + ".results.json"));
    std::stringstream text;
    text << json.rdbuf();
    auto results = client::FromJson<v1::Results>(text.str());
    if (!results) return std::unexpected(e.id + ".results.json: " + results.error());
    e.results = *std::move(results);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace atelier::upgrade
