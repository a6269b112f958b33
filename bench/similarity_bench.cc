// Duplicate hints (server/workshop/similarity.h): Add, replace and Similar against 100, 1,000
// and 10,000 posted ideas. Ideas are generated deterministically from a French vocabulary, in
// the shape of real ones ("Ouvrir la salle municipale aux associations le week-end"), 6 to 20
// words, and many repeat the question's words, as in a real workshop.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/workshop/similarity.h"

namespace atelier::workshop {
namespace {

// splitmix64: the same sequence on every platform and standard library.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  template <typename Container>
  std::string_view Pick(const Container& words) {
    return words[Next() % words.size()];
  }
  bool Chance(int percent) { return static_cast<int>(Next() % 100) < percent; }

 private:
  uint64_t state_;
};

constexpr std::array<std::string_view, 40> kVerbs = {
    "Ouvrir",    "Réserver",   "Prêter",    "Louer",      "Créer",      "Organiser",  "Installer",
    "Proposer",  "Aménager",   "Rénover",   "Mutualiser", "Partager",   "Accueillir", "Transformer",
    "Équiper",   "Développer", "Améliorer", "Étendre",    "Réduire",    "Faciliter",  "Informer",
    "Animer",    "Mettre",     "Rendre",    "Publier",    "Simplifier", "Encourager", "Favoriser",
    "Impliquer", "Former",     "Tester",    "Valoriser",  "Adapter",    "Sécuriser",  "Végétaliser",
    "Numériser", "Financer",   "Limiter",   "Garantir",   "Renforcer"};
constexpr std::array<std::string_view, 60> kNouns = {
    "salle",        "associations", "horaires",   "réservation", "location",        "particuliers",
    "café",         "citoyens",     "jeunes",     "seniors",     "familles",        "enfants",
    "ateliers",     "cours",        "concerts",   "spectacles",  "expositions",     "marché",
    "producteurs",  "cuisine",      "repas",      "chauffage",   "isolation",       "éclairage",
    "panneaux",     "planning",     "calendrier", "site",        "application",     "accueil",
    "parking",      "vélos",        "accès",      "clés",        "badge",           "ménage",
    "mobilier",     "tables",       "chaises",    "sono",        "vidéoprojecteur", "wifi",
    "bibliothèque", "ludothèque",   "coworking",  "permanences", "services",        "élus",
    "agents",       "habitants",    "quartier",   "commune",     "voisins",         "écoles",
    "sport",        "danse",        "musique",    "théâtre",     "jardin",          "terrasse"};
constexpr std::array<std::string_view, 30> kAdjectives = {
    "municipale", "gratuit",  "partagé",   "locaux",     "numérique",    "solidaire",
    "accessible", "équipée",  "modulable", "ouverte",    "sécurisé",     "collectif",
    "citoyen",    "culturel", "sportif",   "associatif", "familial",     "intergénérationnel",
    "écologique", "économe",  "simple",    "mensuel",    "hebdomadaire", "régulier",
    "durable",    "moderne",  "agréable",  "convivial",  "public",       "nouveaux"};
constexpr std::array<std::string_view, 24> kComplements = {"le week-end",
                                                           "le soir",
                                                           "en semaine",
                                                           "pendant les vacances",
                                                           "le dimanche matin",
                                                           "une fois par mois",
                                                           "avec la mairie",
                                                           "pour tous",
                                                           "sans frais",
                                                           "en ligne",
                                                           "sur internet",
                                                           "avec les voisins",
                                                           "jusqu'à 23h",
                                                           "l'été",
                                                           "dès 7h",
                                                           "à petit prix",
                                                           "pour les écoles",
                                                           "avec un badge",
                                                           "par quartier",
                                                           "sur rendez-vous",
                                                           "entre communes",
                                                           "pour les aînés",
                                                           "avec des bénévoles",
                                                           "chaque samedi"};
constexpr std::array<std::string_view, 10> kLinks = {
    "de la", "des", "aux", "pour les", "avec les", "dans la", "et", "du", "à la", "en"};

// One idea of 6 to 20 words.
std::string MakeIdea(Random& random) {
  std::string text(random.Pick(kVerbs));
  text += random.Chance(40) ? " la salle municipale" : " les ";
  if (text.back() == ' ') text += random.Pick(kNouns);
  for (int part = 1 + static_cast<int>(random.Next() % 3); part > 0; --part) {
    text += ' ';
    text += random.Pick(kLinks);
    text += ' ';
    text += random.Pick(kNouns);
    if (random.Chance(50)) {
      text += ' ';
      text += random.Pick(kAdjectives);
    }
  }
  if (random.Chance(70)) {
    text += ' ';
    text += random.Pick(kComplements);
  }
  return text;
}

// A draft as typed on a tablet: 2 to 6 words.
std::string MakeDraft(Random& random) {
  std::string text(random.Pick(kVerbs));
  for (int part = 1 + static_cast<int>(random.Next() % 3); part > 0; --part) {
    text += ' ';
    text += part == 1 && random.Chance(50) ? random.Pick(kAdjectives) : random.Pick(kNouns);
  }
  if (random.Chance(30)) {
    text += ' ';
    text += random.Pick(kComplements);
  }
  return text;
}

std::vector<std::string> MakeTexts(size_t count, uint64_t seed, bool drafts) {
  Random random(seed);
  std::vector<std::string> texts;
  texts.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    texts.push_back(drafts ? MakeDraft(random) : MakeIdea(random));
  }
  return texts;
}

DuplicateIndex MakeIndex(const std::vector<std::string>& ideas) {
  DuplicateIndex index;
  for (size_t i = 0; i < ideas.size(); ++i) index.Add(static_cast<uint32_t>(i + 1), ideas[i]);
  return index;
}

void BM_NormalizeForMatching(benchmark::State& state) {
  const std::vector<std::string> ideas = MakeTexts(1000, 1, /*drafts=*/false);
  size_t i = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string& text = ideas[i++ % ideas.size()];
    bytes += text.size();
    benchmark::DoNotOptimize(NormalizeForMatching(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_NormalizeForMatching);

// Builds an index of N ideas from scratch; the time per item is the mean cost of one Add.
void BM_DuplicateIndexAdd(benchmark::State& state) {
  const std::vector<std::string> ideas =
      MakeTexts(static_cast<size_t>(state.range(0)), 2, /*drafts=*/false);
  for (auto _ : state) {
    DuplicateIndex index = MakeIndex(ideas);
    benchmark::DoNotOptimize(index.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  size_t bytes = 0;
  for (const std::string& idea : ideas) bytes += idea.size();
  state.counters["bytes_per_idea"] = static_cast<double>(bytes) / static_cast<double>(ideas.size());
}
BENCHMARK(BM_DuplicateIndexAdd)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

// An idea edited in an index of N: Add with an existing id (remove the old text, add the new).
void BM_DuplicateIndexReplace(benchmark::State& state) {
  const auto count = static_cast<size_t>(state.range(0));
  DuplicateIndex index = MakeIndex(MakeTexts(count, 3, /*drafts=*/false));
  const std::vector<std::string> edits = MakeTexts(1000, 4, /*drafts=*/false);
  size_t i = 0;
  for (auto _ : state) {
    index.Add(static_cast<uint32_t>(1 + (i * 7919) % count), edits[i % edits.size()]);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DuplicateIndexReplace)->Arg(100)->Arg(1000)->Arg(10000);

// Merge suggestions for a new idea of full length (top 5 above 0.3) against N posted ideas.
void BM_DuplicateIndexSimilarIdea(benchmark::State& state) {
  const DuplicateIndex index =
      MakeIndex(MakeTexts(static_cast<size_t>(state.range(0)), 5, /*drafts=*/false));
  const std::vector<std::string> queries = MakeTexts(1000, 6, /*drafts=*/false);
  size_t i = 0;
  size_t found = 0;
  for (auto _ : state) {
    const auto matches = index.Similar(queries[i++ % queries.size()], 5, 0.3);
    found += matches.size();
    benchmark::DoNotOptimize(matches.data());
  }
  state.counters["matches_per_query"] =
      static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DuplicateIndexSimilarIdea)->Arg(100)->Arg(1000)->Arg(10000);

// "Déjà proposé ?" hints for a short draft (top 3 above 0.3) against N posted ideas.
void BM_DuplicateIndexSimilarDraft(benchmark::State& state) {
  const DuplicateIndex index =
      MakeIndex(MakeTexts(static_cast<size_t>(state.range(0)), 5, /*drafts=*/false));
  const std::vector<std::string> queries = MakeTexts(1000, 7, /*drafts=*/true);
  size_t i = 0;
  size_t found = 0;
  for (auto _ : state) {
    const auto matches = index.Similar(queries[i++ % queries.size()], 3, 0.3);
    found += matches.size();
    benchmark::DoNotOptimize(matches.data());
  }
  state.counters["matches_per_query"] =
      static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DuplicateIndexSimilarDraft)->Arg(100)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace atelier::workshop
