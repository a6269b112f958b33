// Test-only: changes an event log's stored bytes behind its back, the way an attacker or a
// damaged disk would, to check that verification notices. Built into atelier_storage_testing,
// linked only by tests.
//
// Each function opens the database in `dir` directly (the EventLog on it must be closed), makes
// one change, and closes it again. Values are the stored serialized LoggedEvents.
#ifndef ATELIER_STORAGE_TESTING_TAMPER_H_
#define ATELIER_STORAGE_TESTING_TAMPER_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace atelier::storage::testing {

Result<std::string> ReadStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                                    uint64_t seq);
Result<void> WriteStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                              uint64_t seq, std::string_view value);
Result<void> DeleteStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                               uint64_t seq);
// Exchanges the values stored under seq a and seq b.
Result<void> SwapStoredEvents(const std::filesystem::path& dir, std::string_view workshop_id,
                              uint64_t a, uint64_t b);
Result<void> DeleteStoredHead(const std::filesystem::path& dir, std::string_view workshop_id);

// Changes stored event `seq` (its server time, one millisecond later). Without `reseal` it keeps
// its old hash, which no longer matches its bytes; resealed, the hash matches the new bytes and
// the next event no longer links to it.
Result<void> ChangeStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                               uint64_t seq, bool reseal = false);

// The stored bytes of the workshop's snapshot at `seq` (kIo when there is none), and writes
// bytes there as a snapshot (nothing else changes: not the head, not the other snapshots).
Result<std::string> ReadStoredSnapshot(const std::filesystem::path& dir,
                                       std::string_view workshop_id, uint64_t seq);
Result<void> WriteStoredSnapshot(const std::filesystem::path& dir, std::string_view workshop_id,
                                 uint64_t seq, std::string_view value);

}  // namespace atelier::storage::testing

#endif  // ATELIER_STORAGE_TESTING_TAMPER_H_
