// The JSON the CLI reads: workshop request files and commands, in protobuf's JSON mapping (the
// HTTP API's). Unknown fields are errors, so that a typo is reported, not ignored.
//
// Pure apart from reading the named file; thread-safe.
#ifndef ATELIER_CLIENTS_CLI_REQUEST_FILE_H_
#define ATELIER_CLIENTS_CLI_REQUEST_FILE_H_

#include <expected>
#include <istream>
#include <string>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/commands.pb.h"

namespace atelier::cli {

// The whole file, or an error naming it.
std::expected<std::string, std::string> ReadFile(const std::string& path);

// A CreateWorkshopRequest from JSON text; `origin` (a file name) prefixes the error.
std::expected<v1::CreateWorkshopRequest, std::string> ParseCreateRequest(const std::string& json,
                                                                         const std::string& origin);

// A Command from the CLI argument: inline JSON, "@FILE", or "-" for `in` (stdin).
std::expected<v1::Command, std::string> ParseCommandArgument(const std::string& argument,
                                                             std::istream& in);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_REQUEST_FILE_H_
