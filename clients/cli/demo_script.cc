#include "clients/cli/demo_script.h"

namespace atelier::cli {

v1::CreateWorkshopRequest DemoWorkshopRequest() {
  v1::CreateWorkshopRequest request;
  v1::WorkshopConfig* config = request.mutable_workshop()->mutable_config();
  config->set_question("Comment optimiser l'utilisation de la salle municipale ?");
  config->set_template_(v1::TEMPLATE_IDEATION);
  config->set_method_note(
      "Tables de trois, une tablette ; 30 points par table, 3 au plus par idée, jamais pour soi.");
  config->mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_LIVE);
  return request;
}

const std::vector<std::vector<std::string>>& DemoIdeas() {
  static const auto* ideas = new std::vector<std::vector<std::string>>{
      {"Ouvrir la salle aux associations le week-end",
       "Mettre en place une réservation en ligne de la salle",
       "Installer des rangements pour le matériel des associations"},
      {"Réserver la salle municipale sur internet", "Organiser un café citoyen le samedi matin",
       "Prêter la salle aux jeunes pour répéter de la musique"},
      {"Louer la salle aux particuliers pour les fêtes de famille",
       "Ouvrir la salle le week-end pour les associations",
       "Créer un espace de coworking en semaine"},
      {"Proposer des cours du soir : langues, informatique",
       "Un calendrier partagé des réservations en ligne",
       "Accueillir le marché des producteurs locaux quand il pleut"},
      {"Organiser des ateliers de réparation (repair café)",
       "Louer la salle pour les fêtes de familles", "Installer un vidéoprojecteur et une sono"},
      {"Créer un repair café une fois par mois", "Un espace de coworking pour les télétravailleurs",
       "Accueillir les aînés pour des après-midi jeux"},
  };
  return *ideas;
}

const std::vector<std::pair<std::string, std::string>>& DemoManualMerges() {
  static const auto* merges = new std::vector<std::pair<std::string, std::string>>{
      {"Organiser des ateliers de réparation (repair café)",
       "Créer un repair café une fois par mois"},
      {"Mettre en place une réservation en ligne de la salle",
       "Réserver la salle municipale sur internet"},
  };
  return *merges;
}

}  // namespace atelier::cli
