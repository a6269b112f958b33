// atelier create FILE.json
#include <ostream>

#include "clients/cli/request_file.h"
#include "clients/cli/subcommand.h"
#include "clients/client/proto_json.h"
#include "clients/client/workshop_api.h"

namespace atelier::cli {
namespace {

int RunCreate(const Invocation& in) {
  const std::string& path = in.args.positional()[0];
  auto text = ReadFile(path);
  if (!text) return in.Fail(text.error());
  auto request = ParseCreateRequest(*text, path);
  if (!request) return in.Fail(request.error());
  client::HttpClient http(in.server.host, in.server.port);
  auto created = client::CreateWorkshop(http, *request, in.OrganizerKey());
  if (!created) return in.Fail("cannot create the workshop: " + created.error());
  if (in.args.Has("--json")) {
    in.out << client::ToJson(*created, /*pretty=*/true) << "\n";
    return kExitOk;
  }
  const std::string base = http.BaseUrl();
  in.out << "workshop         " << created->workshop_id() << "\n"
         << "join code        " << created->join_code() << "\n"
         << "observer code    " << created->observer_code() << "\n"
         << "animateur token  " << created->animateur_token()
         << "   (secret, shown once: keep it)\n"
         << "join URL         " << base << created->join_url() << "\n"
         << "observer URL     " << base << created->observer_url() << "\n"
         << "console URL      " << base << created->console_url() << "\n";
  return kExitOk;
}

}  // namespace

Subcommand CreateSubcommand() {
  return {
      .name = "create",
      .summary = "create a workshop from a JSON request file",
      .help =
          "Usage: atelier create [--server HOST:PORT] [--organizer-key KEY] [--json] FILE.json\n\n"
          "Creates a workshop: POST /api/workshops with FILE.json, an "
          "atelier.v1.CreateWorkshopRequest\n"
          "in protobuf's JSON mapping, e.g.\n"
          "  {\"workshop\": {\"config\": {\"question\": \"Comment optimiser l'utilisation de la "
          "salle\n"
          "   municipale ?\", \"template\": \"TEMPLATE_IDEATION\"}}}\n"
          "Prints the workshop id, the join code, the observer code, the animateur token (secret,\n"
          "shown once) and the links.\n\n"
          "  --organizer-key KEY  the key a server with --organizer-keys asks for (default:\n"
          "              $ATELIER_ORGANIZER_KEY, which other users of the machine cannot see;\n"
          "              a server without keys creates workshops for its own machine only)\n"
          "  --json      print the CreateWorkshopResponse as JSON instead\n",
      .spec = {.options = {{"--json", 0}, {"--organizer-key", 1}},
               .min_positional = 1,
               .max_positional = 1},
      .run = RunCreate,
  };
}

}  // namespace atelier::cli
