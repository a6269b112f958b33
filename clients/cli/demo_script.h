// The seed's ideation workshop as the demo plays it: « Comment optimiser l'utilisation de la
// salle municipale ? », the ideas each table proposes (some say the same thing in other words,
// so that the animateur has duplicates to merge), and the duplicates the animateur merges by
// hand because the similarity hints miss them. The texts are those of server/demo/scenario.cc;
// that library is server-side, so they are copied here.
//
// Constant data; thread-safe.
#ifndef ATELIER_CLIENTS_CLI_DEMO_SCRIPT_H_
#define ATELIER_CLIENTS_CLI_DEMO_SCRIPT_H_

#include <string>
#include <utility>
#include <vector>

#include "atelier/v1/api.pb.h"

namespace atelier::cli {

// The request the demo creates its workshop with (observers see results live).
v1::CreateWorkshopRequest DemoWorkshopRequest();

// Three ideas for each of six tables; table t posts DemoIdeas()[(t - 1) % 6][round].
const std::vector<std::vector<std::string>>& DemoIdeas();

// Pairs of idea texts the animateur merges by hand.
const std::vector<std::pair<std::string, std::string>>& DemoManualMerges();

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_DEMO_SCRIPT_H_
