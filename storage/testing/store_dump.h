// Test-only: what an event log's database holds, read from below the log, to check that a
// deleted workshop left nothing behind, and the first step of a deletion alone, as a crash right
// after it would leave it. Built into atelier_storage_testing, linked only by tests.
//
// Each function opens the database in `dir` itself (the EventLog on it must be closed) without
// writing anything to the directory (no LOG file, read-only where it can), and closes it again.
#ifndef ATELIER_STORAGE_TESTING_STORE_DUMP_H_
#define ATELIER_STORAGE_TESTING_STORE_DUMP_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/status.h"

namespace atelier::storage::testing {

// Every key of every column family the database has (listed from its MANIFEST, not from the
// log's own list), as (family name, key), in order.
Result<std::vector<std::pair<std::string, std::string>>> AllKeys(const std::filesystem::path& dir);

// Writes the atomic first step of the workshop's deletion (LogDatabase's WriteDeletion: the
// keys gone, the mark left) and closes the database without purging it.
Result<void> WriteDeletionOnly(const std::filesystem::path& dir, std::string_view workshop_id);

}  // namespace atelier::storage::testing

#endif  // ATELIER_STORAGE_TESTING_STORE_DUMP_H_
