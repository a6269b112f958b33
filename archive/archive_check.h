// CheckArchive: everything `atelier verify` checks, offline, on one archive read as a stream:
// its layout (ArchiveReader), every event's hash and its link to the one before
// (storage::ChainVerifier: seqs 1..head without gap, the manifest's workshop), the last hash
// against the manifest's head hash, and the fold of every event with the server's own domain
// code (workshop::Apply), from which the results are recomputed (workshop::ComputeResults).
//
// The first fault wins and is returned with its kind (archive_error.h). Memory: the workshop's
// state, one event at a time. Pure apart from reading `in`; thread-compatible.
#ifndef ATELIER_ARCHIVE_ARCHIVE_CHECK_H_
#define ATELIER_ARCHIVE_ARCHIVE_CHECK_H_

#include <cstdint>
#include <expected>
#include <functional>
#include <istream>
#include <map>
#include <string>

#include "archive/archive_error.h"
#include "atelier/v1/archive.pb.h"
#include "atelier/v1/events.pb.h"
#include "atelier/v1/state.pb.h"

namespace atelier::archive {

struct ArchiveReport {
  atelier::v1::ArchiveManifest manifest;
  atelier::v1::Results results;
  std::string question;                        // the workshop's, as configured
  std::map<uint32_t, std::string> criteria;    // criterion id -> name
  v1::WorkshopConfig config;                   // as configured (each vote's ballot, each range)
};

// `on_event`, when set, sees each event once it has passed the chain and applied, in seq order
// (`atelier synthesis` folds them into its record on the way): what it saw belongs to an intact
// archive only if CheckArchive then succeeds.
std::expected<ArchiveReport, ArchiveError> CheckArchive(
    std::istream& in, const std::function<void(const atelier::v1::Event&)>& on_event = {});

// The 64 lowercase hex digits of a 32-byte hash (any bytes: two digits each).
std::string HexHash(const std::string& bytes);

}  // namespace atelier::archive

#endif  // ATELIER_ARCHIVE_ARCHIVE_CHECK_H_
