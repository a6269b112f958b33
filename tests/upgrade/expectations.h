// What a data directory holds, as the upgrade test compares it across versions: each workshop's
// head (seq and hash) and its results, folded from the log with this version's domain code.
// Written next to a fixture by write_expectations (make_fixture.sh) when the fixture is made,
// read back by upgrade_test.
//
// Files in the expectations directory: heads.txt, one "WORKSHOP_ID SEQ HEX_HASH" line per
// workshop in the log's order; WORKSHOP_ID.results.json, the atelier.v1.Results as JSON.
#ifndef ATELIER_TESTS_UPGRADE_EXPECTATIONS_H_
#define ATELIER_TESTS_UPGRADE_EXPECTATIONS_H_

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "atelier/v1/state.pb.h"
#include "atelier/v1/workshop.pb.h"

namespace atelier::upgrade {

struct WorkshopExpectation {
  std::string id;
  uint64_t head_seq = 0;
  std::string head_hash_hex;
  atelier::v1::Results results;
  atelier::v1::WorkshopAccess access;  // not written: read from the state (codes to ask with)
};

// Reads the log in `data_dir` (opened, verified, folded; the directory is written to by
// RocksDB: pass a copy of a fixture).
std::expected<std::vector<WorkshopExpectation>, std::string> Describe(
    const std::filesystem::path& data_dir);

std::expected<void, std::string> Write(const std::vector<WorkshopExpectation>& expected,
                                       const std::filesystem::path& dir);
std::expected<std::vector<WorkshopExpectation>, std::string> Read(const std::filesystem::path& dir);

}  // namespace atelier::upgrade

#endif  // ATELIER_TESTS_UPGRADE_EXPECTATIONS_H_
