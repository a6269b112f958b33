#include "clients/cli/request_file.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include "clients/client/proto_json.h"

namespace atelier::cli {

std::expected<std::string, std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::unexpected("cannot open " + path);
  std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (file.bad()) return std::unexpected("cannot read " + path);
  return text;
}

std::expected<v1::CreateWorkshopRequest, std::string> ParseCreateRequest(
    const std::string& json, const std::string& origin) {
  auto request = client::FromJson<v1::CreateWorkshopRequest>(json);
  if (!request) return std::unexpected(origin + ": " + request.error());
  if (!request->has_workshop()) {
    return std::unexpected(origin +
                           R"(: no "workshop" object (expected {"workshop": {"config": ...}}))");
  }
  return request;
}

std::expected<v1::Command, std::string> ParseCommandArgument(const std::string& argument,
                                                             std::istream& in) {
  std::string json = argument;
  std::string origin = "the command";
  if (argument == "-") {
    std::ostringstream text;
    text << in.rdbuf();
    json = text.str();
    origin = "the command on stdin";
  } else if (argument.starts_with('@')) {
    auto text = ReadFile(argument.substr(1));
    if (!text) return std::unexpected(text.error());
    json = std::move(*text);
    origin = argument.substr(1);
  }
  auto command = client::FromJson<v1::Command>(json);
  if (!command) return std::unexpected(origin + ": " + command.error());
  if (command->kind_case() == v1::Command::KIND_NOT_SET) {
    return std::unexpected(origin + R"(: no command in it (e.g. {"postIdea": {"text": "..."}}))");
  }
  return command;
}

}  // namespace atelier::cli
