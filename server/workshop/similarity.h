// Duplicate hints: which ideas already posted look like a given text.
//
// The animateur gets merge suggestions for each new idea, and a table typing a draft sees
// "déjà proposé ?" hints. Both call Similar() often (on every new idea, on drafts while typing),
// so an index is kept up to date with Add/Remove rather than rescanning every idea.
//
// Matching is French-aware. NormalizeForMatching turns a text into space-separated words:
// - UTF-8 is decoded; letters are lower-cased and accents folded (é -> e, ç -> c, œ -> oe,
//   æ -> ae); other valid non-ASCII letters are kept as they are, case included (Ω, π);
//   invalid UTF-8 bytes are dropped as separators, never read past the end;
// - punctuation, spaces and symbols split words (« », €, arrows, emoji, ...), apostrophes
//   (' ’ ʼ) included, so elisions go away with the stop words: "l'accueil" -> "accueil";
// - French stop words are removed (articles, prepositions, pronouns, "est", "ne", "pas", ...),
//   so "ne pas ouvrir" and "ouvrir" match: negation is not a duplicate hint's business;
// - simple plurals are folded on words of more than 3 bytes: "-eaux" -> "-eau",
//   "-aux" -> "-al" (locaux -> local), otherwise a trailing "s" or "x" is dropped.
//
// Similarity is the cosine of the two sets of character trigrams (Ochiai coefficient):
//   shared / sqrt(|trigrams(query)| * |trigrams(idea)|), in [0, 1],
// where each normalized word is padded with one space on each side (" salle " gives " sa",
// "sal", "all", "lle", "le "). Trigrams absorb the rest of French morphology ("réserver" and
// "réservation" share " re res ese ser erv") and typos; sets ignore word order and repetition.
// Texts that normalize to the same words score exactly 1.0 ("Les salles municipales" and
// "la salle municipale" included). Similarity does not depend on the other ideas in the index
// (no corpus-wide weighting such as IDF), so a score means the same in a workshop of 10 or 1,000
// ideas and Add never rescales the others. The price: the question's own words ("salle
// municipale"), found in many ideas, count as much as rarer ones and lift the ideas that repeat
// them (about 0.2 to 0.3 for "salle" alone in a short idea); thresholds should sit above that.
//
// Cost: Add and Remove update one sorted postings list (trigram -> ideas) per distinct trigram
// of the text. Similar walks the postings of the query's trigrams, so that only ideas sharing a
// trigram are counted, then scans one 16-bit counter per idea. Figures: bench/similarity_bench.cc.
//
// Not thread-safe: one owner (the room's executor) calls the non-const methods. Concurrent
// calls to the const methods alone are safe. Pure: no I/O.
#ifndef ATELIER_SERVER_WORKSHOP_SIMILARITY_H_
#define ATELIER_SERVER_WORKSHOP_SIMILARITY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atelier::workshop {

// Only the first kMaxMatchedTextBytes of a text are matched (an idea is a few hundred
// characters); a UTF-8 sequence cut there is dropped like any invalid one.
inline constexpr size_t kMaxMatchedTextBytes = 4096;

// The words of `utf8_text` as matched, joined by single spaces ("" if none is left).
// Never fails: any byte sequence is accepted. The result is valid UTF-8.
std::string NormalizeForMatching(std::string_view utf8_text);

class DuplicateIndex {
 public:
  struct Match {
    uint32_t idea_id = 0;
    double similarity = 0.0;  // in (0, 1]
  };

  // Indexes `text` under `idea_id`, replacing the text if the id is already there. A text with
  // no words left after normalization is counted by size() and never matches.
  void Add(uint32_t idea_id, std::string_view text);

  // Forgets `idea_id`; an unknown id is a no-op.
  void Remove(uint32_t idea_id);

  // The ideas most similar to `text`, most similar first (ties by smaller idea_id), at most
  // `max_results`, each with similarity >= `min_similarity`, leaving out `exclude` (0 excludes
  // nothing: idea ids are non-zero in a workshop). Only ideas sharing at least one trigram with
  // `text` are returned, so a similarity is never 0. An empty or stop-word-only text matches
  // nothing.
  std::vector<Match> Similar(std::string_view text, size_t max_results, double min_similarity,
                             uint32_t exclude = 0) const;

  // How many ideas are indexed.
  size_t size() const { return slot_by_id_.size(); }

 private:
  struct Slot {
    uint32_t idea_id = 0;
    uint32_t trigram_count = 0;
  };

  // Ideas live in reusable slots so that postings and Similar's counters stay dense. A free
  // slot is {0, 0}, has no trigrams and is in no posting.
  std::vector<Slot> slots_;
  std::vector<std::vector<uint32_t>> slot_trigrams_;  // sorted, distinct; for Remove
  std::vector<uint32_t> free_slots_;
  std::unordered_map<uint32_t, uint32_t> slot_by_id_;
  // Trigram -> slots of the live entries holding it, sorted; no empty list is kept.
  std::unordered_map<uint32_t, std::vector<uint32_t>> postings_;
};

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_SIMILARITY_H_
