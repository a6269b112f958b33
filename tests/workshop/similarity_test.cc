#include "server/workshop/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atelier::workshop {
namespace {

using Match = DuplicateIndex::Match;

std::vector<uint32_t> Ids(const std::vector<Match>& matches) {
  std::vector<uint32_t> ids;
  for (const Match& match : matches) ids.push_back(match.idea_id);
  return ids;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || text.size() - i < length) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

// Ideas posted on "Comment optimiser l'utilisation de la salle municipale ?".
const std::vector<std::pair<uint32_t, std::string>>& SalleMunicipaleIdeas() {
  static const auto* const ideas = new std::vector<std::pair<uint32_t, std::string>>{
      {1, "Ouvrir la salle municipale aux associations le week-end"},
      {2, "Une réservation en ligne de la salle municipale"},
      {3, "Étendre les horaires d'ouverture le soir jusqu'à 23h"},
      {4, "Louer la salle aux particuliers pour les fêtes de famille"},
      {5, "Créer un café citoyen un samedi par mois"},
      {6, "Prêter gratuitement la salle aux associations locales"},
      {7, "Installer une cuisine équipée pour les repas partagés"},
      {8, "Organiser des cours de gym douce pour les seniors"},
      {9, "Un planning partagé affiché à l'entrée de la mairie"},
      {10, "Accueillir l'aide aux devoirs après l'école"},
      {11, "Améliorer l'isolation et le chauffage pour réduire les factures"},
      {12, "Proposer des ateliers numériques pour les personnes âgées"},
      {13, "Transformer la salle en espace de coworking en semaine"},
      {14, "Accueillir des concerts et des spectacles des jeunes du quartier"},
      {15, "Installer des panneaux solaires sur le toit"},
      {16, "Mutualiser la salle avec les communes voisines"},
      {17, "Créer une ludothèque pour les familles le mercredi"},
      {18, "Rendre la salle accessible aux personnes en fauteuil roulant"},
      {19, "Ouvrir une permanence des services publics (France Services)"},
      {20, "Organiser un marché de producteurs locaux le dimanche matin"},
  };
  return *ideas;
}

DuplicateIndex SalleMunicipaleIndex() {
  DuplicateIndex index;
  for (const auto& [id, text] : SalleMunicipaleIdeas()) index.Add(id, text);
  return index;
}

TEST(NormalizeForMatching, FoldsCaseAndFrenchAccents) {
  EXPECT_EQ(NormalizeForMatching("Été ÉLÈVE Garçon Cœur Noël Forêt Août Ægide Où ÎLE"),
            "ete eleve garcon coeur noel foret aout aegide ile");
}

TEST(NormalizeForMatching, DropsElisionsWithStraightAndCurlyApostrophes) {
  EXPECT_EQ(NormalizeForMatching("L'accueil d’un public qu'on aime, j'ai dit c'est n'importe"),
            "accueil public aime dit importe");
  EXPECT_EQ(NormalizeForMatching("l\u02BCentrée s'ouvre m'étonne t'écoute"),
            "entree ouvre etonne ecoute");
}

TEST(NormalizeForMatching, RemovesFrenchStopWords) {
  EXPECT_EQ(NormalizeForMatching("Ouvrir la salle aux associations et pour les jeunes du quartier"),
            "ouvrir salle association jeune quartier");
}

TEST(NormalizeForMatching, FoldsSimplePlurals) {
  EXPECT_EQ(NormalizeForMatching("salles locaux bureaux jeux égaux bus taux"),
            "salle local bureau jeu egal bus tau");
}

TEST(NormalizeForMatching, SplitsWordsOnPunctuationAndSymbols) {
  EXPECT_EQ(NormalizeForMatching("week-end, 9h-18h; (salle) « polyvalente »… 50 € ✔ fête🎉vive"),
            "week end 9h 18h salle polyvalente 50 fete vive");
}

TEST(NormalizeForMatching, KeepsDigitsAndOtherScripts) {
  // Letters outside Latin-1 and œ are kept as they are, case included.
  EXPECT_EQ(NormalizeForMatching("Salle n°2 : π et Ωmega"), "salle 2 π Ωmega");
  EXPECT_EQ(NormalizeForMatching("東京, 𝔸lpha"), "東京 𝔸lpha");
}

TEST(NormalizeForMatching, EmptyAndStopWordOnlyTextsGiveNothing) {
  EXPECT_EQ(NormalizeForMatching(""), "");
  EXPECT_EQ(NormalizeForMatching("  ,;!? "), "");
  EXPECT_EQ(NormalizeForMatching("Le la les de du à et ou, qu'il y en a"), "");
}

TEST(NormalizeForMatching, DropsInvalidUtf8BytesAsSeparators) {
  EXPECT_EQ(NormalizeForMatching("caf\xE9 citoyen"), "caf citoyen");  // Latin-1, not UTF-8
  EXPECT_EQ(NormalizeForMatching("salle\xE2\x80"), "salle");          // cut short at the end
  EXPECT_EQ(NormalizeForMatching("ab\xC0\xAFxy"), "ab xy");           // overlong "/"
  EXPECT_EQ(NormalizeForMatching("ab\xED\xA0\x80xy"), "ab xy");       // surrogate
  EXPECT_EQ(NormalizeForMatching("\xF4\x90\x80\x80salle"), "salle");  // past U+10FFFF
  EXPECT_EQ(NormalizeForMatching("\x80\xBF\xFE\xFF"), "");
}

TEST(NormalizeForMatching, MatchesOnlyTheFirstBytesOfALongText) {
  const std::string prefix(kMaxMatchedTextBytes - 1, 'b');
  EXPECT_EQ(NormalizeForMatching(prefix + "é salle"), prefix);  // "é" is cut in two
  DuplicateIndex index;
  std::string long_text;
  while (long_text.size() < 100 * kMaxMatchedTextBytes) long_text += "salle municipale ouverte ";
  index.Add(1, long_text);
  const auto matches = index.Similar(long_text + "autre chose", 1, 0.0);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].similarity, 1.0);
}

TEST(NormalizeForMatching, ArbitraryBytesGiveValidUtf8) {
  std::mt19937 random(42);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 64, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() % 256);
    const std::string normalized = NormalizeForMatching(bytes);
    EXPECT_TRUE(IsValidUtf8(normalized));
  }
}

TEST(DuplicateIndex, IdenticalTextScoresExactlyOne) {
  DuplicateIndex index;
  index.Add(1, "Une réservation en ligne de la salle municipale");
  const auto matches = index.Similar("Une réservation en ligne de la salle municipale", 5, 0.0);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].idea_id, 1u);
  EXPECT_EQ(matches[0].similarity, 1.0);
}

TEST(DuplicateIndex, FindsRewordedIdeaAcrossAccentsAndPlurals) {
  DuplicateIndex index = SalleMunicipaleIndex();
  const auto matches =
      index.Similar("OUVRIR LES SALLES MUNICIPALES À L’ASSOCIATION, LE WEEK END !", 3, 0.0);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].idea_id, 1u);
  EXPECT_EQ(matches[0].similarity, 1.0);
}

TEST(DuplicateIndex, FindsRewordedDuplicateFirstAmongWorkshopIdeas) {
  const DuplicateIndex index = SalleMunicipaleIndex();
  const std::vector<std::pair<std::string, uint32_t>> cases = {
      {"Réserver la salle sur internet", 2},
      {"Location de la salle à des particuliers", 4},
      {"Un café citoyen chaque mois", 5},
      {"Élargir les horaires d'ouverture", 3},
      {"Cours de gymnastique pour nos seniors", 8},
      {"Des panneaux photovoltaïques sur la toiture", 15},
      {"Un marché avec les producteurs du coin", 20},
      {"Aide aux devoirs pour les écoliers", 10},
      {"Partager la salle entre communes voisines", 16},
  };
  for (const auto& [draft, expected] : cases) {
    const auto matches = index.Similar(draft, 3, 0.0);
    ASSERT_FALSE(matches.empty()) << draft;
    EXPECT_EQ(matches[0].idea_id, expected) << draft;
  }
}

TEST(DuplicateIndex, RewordedDuplicatesScoreWellAboveUnrelatedIdeas) {
  const DuplicateIndex index = SalleMunicipaleIndex();
  const auto matches = index.Similar("Prêter la salle municipale aux associations", 20, 0.0);
  ASSERT_GE(matches.size(), 3u);
  EXPECT_EQ(std::set<uint32_t>({matches[0].idea_id, matches[1].idea_id}),
            std::set<uint32_t>({1, 6}));
  // Ideas sharing no word with the query only share stray trigrams.
  const std::set<std::string> query_words = {"preter", "salle", "municipale", "association"};
  for (const Match& match : matches) {
    const std::string words =
        NormalizeForMatching(SalleMunicipaleIdeas()[match.idea_id - 1].second);
    const bool shares_a_word = std::ranges::any_of(query_words, [&](const std::string& word) {
      return (" " + words + " ").find(" " + word + " ") != std::string::npos;
    });
    if (!shares_a_word) {
      EXPECT_LT(match.similarity, 0.2) << match.idea_id;
    }
  }
}

TEST(DuplicateIndex, SimilarityIsSymmetricAndWithinUnitRange) {
  const auto& ideas = SalleMunicipaleIdeas();
  std::map<std::pair<uint32_t, uint32_t>, double> similarity;
  for (const auto& [id, text] : ideas) {
    DuplicateIndex index = SalleMunicipaleIndex();
    for (const Match& match : index.Similar(text, ideas.size(), 0.0)) {
      EXPECT_GT(match.similarity, 0.0);
      EXPECT_LE(match.similarity, 1.0);
      similarity[{id, match.idea_id}] = match.similarity;
    }
  }
  for (const auto& [ids, value] : similarity) {
    const auto reverse = similarity.find({ids.second, ids.first});
    ASSERT_NE(reverse, similarity.end());
    EXPECT_EQ(value, reverse->second);
  }
}

TEST(DuplicateIndex, RemoveForgetsTheIdea) {
  DuplicateIndex index = SalleMunicipaleIndex();
  index.Remove(2);
  EXPECT_EQ(index.size(), 19u);
  for (const Match& match : index.Similar("Une réservation en ligne de la salle", 20, 0.0)) {
    EXPECT_NE(match.idea_id, 2u);
  }
  index.Remove(2);    // already gone
  index.Remove(999);  // never there
  EXPECT_EQ(index.size(), 19u);
}

TEST(DuplicateIndex, AddWithAnExistingIdReplacesTheText) {
  DuplicateIndex index = SalleMunicipaleIndex();
  index.Add(2, "Un potager partagé");
  EXPECT_EQ(index.size(), 20u);
  for (const Match& match :
       index.Similar("Une réservation en ligne de la salle municipale", 20, 0.0)) {
    EXPECT_NE(match.idea_id, 2u);
  }
  const auto new_text = index.Similar("Potagers partagés", 1, 0.0);
  ASSERT_EQ(new_text.size(), 1u);
  EXPECT_EQ(new_text[0].idea_id, 2u);
  EXPECT_EQ(new_text[0].similarity, 1.0);
}

TEST(DuplicateIndex, ExcludeLeavesOutOnlyThatIdea) {
  const DuplicateIndex index = SalleMunicipaleIndex();
  const std::string text = SalleMunicipaleIdeas()[5].second;  // idea 6
  const std::vector<uint32_t> all = Ids(index.Similar(text, 20, 0.0));
  ASSERT_FALSE(all.empty());
  ASSERT_EQ(all[0], 6u);
  EXPECT_EQ(Ids(index.Similar(text, 20, 0.0, /*exclude=*/6)),
            std::vector<uint32_t>(all.begin() + 1, all.end()));
  EXPECT_EQ(Ids(index.Similar(text, 20, 0.0, /*exclude=*/0)), all);
}

TEST(DuplicateIndex, RespectsMaxResults) {
  const DuplicateIndex index = SalleMunicipaleIndex();
  const std::vector<uint32_t> all = Ids(index.Similar("la salle pour les associations", 20, 0.0));
  ASSERT_GT(all.size(), 3u);
  EXPECT_EQ(Ids(index.Similar("la salle pour les associations", 3, 0.0)),
            std::vector<uint32_t>(all.begin(), all.begin() + 3));
  EXPECT_TRUE(index.Similar("la salle pour les associations", 0, 0.0).empty());
}

TEST(DuplicateIndex, RespectsMinSimilarity) {
  const DuplicateIndex index = SalleMunicipaleIndex();
  const auto all = index.Similar("Réserver la salle sur internet", 20, 0.0);
  const auto above = index.Similar("Réserver la salle sur internet", 20, 0.3);
  std::vector<uint32_t> expected;
  for (const Match& match : all) {
    if (match.similarity >= 0.3) expected.push_back(match.idea_id);
  }
  ASSERT_FALSE(expected.empty());
  ASSERT_LT(expected.size(), all.size());
  EXPECT_EQ(Ids(above), expected);
  EXPECT_TRUE(index.Similar("Réserver la salle sur internet", 20, 1.01).empty());
}

TEST(DuplicateIndex, OrdersTiesBySmallerIdeaId) {
  DuplicateIndex index;
  index.Add(7, "Café citoyen");
  index.Add(3, "cafés citoyens");
  index.Add(5, "Le café citoyen");
  EXPECT_EQ(Ids(index.Similar("café citoyen", 10, 0.0)), (std::vector<uint32_t>{3, 5, 7}));
  EXPECT_EQ(Ids(index.Similar("café citoyen", 2, 0.0)), (std::vector<uint32_t>{3, 5}));
}

TEST(DuplicateIndex, EmptyAndStopWordOnlyTextsMatchNothing) {
  DuplicateIndex index = SalleMunicipaleIndex();
  index.Add(21, "");
  index.Add(22, "et le la les de ?");
  EXPECT_EQ(index.size(), 22u);
  EXPECT_TRUE(index.Similar("", 10, 0.0).empty());
  EXPECT_TRUE(index.Similar("Et la, le ou les ?", 10, 0.0).empty());
  for (const Match& match : index.Similar("et le la les de salle", 30, 0.0)) {
    EXPECT_NE(match.idea_id, 21u);
    EXPECT_NE(match.idea_id, 22u);
  }
  DuplicateIndex empty;
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(empty.Similar("salle municipale", 10, 0.0).empty());
}

TEST(DuplicateIndex, InvalidUtf8NeitherCrashesNorBreaksMatching) {
  DuplicateIndex index = SalleMunicipaleIndex();
  index.Add(30, "R\xE9servation \xFF\xFE en ligne\xC3");
  index.Add(31, std::string("\0\x80\xC0\xED\xA0\x80", 6));
  const auto matches = index.Similar("\xF0\x9F\x98 r\xC3\xA9servation en ligne \xE2\x82", 5, 0.0);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(index.size(), 22u);
  std::mt19937 random(7);
  for (int round = 0; round < 500; ++round) {
    std::string bytes(random() % 48, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() % 256);
    index.Add(100 + round % 10, bytes);
    for (const Match& match : index.Similar(bytes, 5, 0.0)) {
      EXPECT_GT(match.similarity, 0.0);
      EXPECT_LE(match.similarity, 1.0);
    }
  }
}

// A direct computation of the documented similarity, to check the inverted index against.
std::set<std::string> TrigramsOf(std::string_view text) {
  std::set<std::string> trigrams;
  const std::string normalized = NormalizeForMatching(text);
  size_t start = 0;
  while (start < normalized.size()) {
    size_t end = normalized.find(' ', start);
    if (end == std::string::npos) end = normalized.size();
    const std::string padded = " " + normalized.substr(start, end - start) + " ";
    for (size_t i = 0; i + 3 <= padded.size(); ++i) trigrams.insert(padded.substr(i, 3));
    start = end + 1;
  }
  return trigrams;
}

TEST(DuplicateIndex, MatchesDirectCosineThroughAddsReplacesAndRemoves) {
  const std::vector<std::string> words = {
      "salle", "salles",   "municipale", "ouvrir",  "horaires", "associations", "réservation",
      "en",    "ligne",    "café",       "citoyen", "prêt",     "location",     "particuliers",
      "le",    "week-end", "soir",       "jeunes",  "aînés",    "l'accueil",    "numérique"};
  std::mt19937 random(2024);
  DuplicateIndex index;
  std::map<uint32_t, std::set<std::string>> reference;
  for (int step = 0; step < 600; ++step) {
    const uint32_t id = 1 + random() % 40;
    if (random() % 4 == 0) {
      index.Remove(id);
      reference.erase(id);
      continue;
    }
    std::string text;
    for (size_t n = random() % 7; n > 0; --n) text += words[random() % words.size()] + " ";
    index.Add(id, text);
    reference[id] = TrigramsOf(text);
    ASSERT_EQ(index.size(), reference.size());

    std::string query;
    for (size_t n = 1 + random() % 4; n > 0; --n) query += words[random() % words.size()] + " ";
    const std::set<std::string> query_trigrams = TrigramsOf(query);
    std::vector<Match> expected;
    for (const auto& [idea_id, trigrams] : reference) {
      size_t shared = 0;
      for (const std::string& trigram : query_trigrams) shared += trigrams.count(trigram);
      if (shared == 0) continue;
      expected.push_back(
          {idea_id, shared / std::sqrt(double(query_trigrams.size()) * double(trigrams.size()))});
    }
    std::ranges::stable_sort(
        expected, [](const Match& a, const Match& b) { return a.similarity > b.similarity; });
    const auto actual = index.Similar(query, 100, 0.0);
    ASSERT_EQ(actual.size(), expected.size()) << query;
    for (size_t i = 0; i < actual.size(); ++i) {
      EXPECT_EQ(actual[i].idea_id, expected[i].idea_id) << query;
      EXPECT_NEAR(actual[i].similarity, expected[i].similarity, 1e-12) << query;
    }
  }
}

}  // namespace
}  // namespace atelier::workshop
