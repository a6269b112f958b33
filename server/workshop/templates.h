// The methods a workshop is created from (issue 14): the two Stormz workshops and the other
// methods of the source documents, each a ready configuration of steps, ballots, profiles,
// facets and criteria with an example question: what GET /api/templates serves to the console's
// create form and what `atelier demo --template KEY` plays. The texts are French, as the room
// reads them; every template's configuration passes NormalizeConfig.
//
// Constant data built once; thread-safe.
#ifndef ATELIER_SERVER_WORKSHOP_TEMPLATES_H_
#define ATELIER_SERVER_WORKSHOP_TEMPLATES_H_

#include <string_view>

#include "atelier/v1/api.pb.h"

namespace atelier::workshop {

// The nine methods, in the order the create form lists them: ideation, evaluation, sprint,
// cartes-de-role, parcours-usager, election-des-futurs, jurisprudence, bilan-de-mandature,
// barometre.
const v1::WorkshopTemplates& Templates();

// The template with this key, or nullptr.
const v1::WorkshopTemplate* FindTemplate(std::string_view key);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_TEMPLATES_H_
