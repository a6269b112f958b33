#include "server/workshop/similarity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace atelier::workshop {
namespace {

// Folded forms; elided letters (l' d' qu' ...) are stop words once the apostrophe splits them.
constexpr std::array<std::string_view, 116> kStopWords = {
    "a",     "afin", "ai",     "as",      "au",    "aussi", "autre",  "autres", "aux",    "avec",
    "avoir", "c",    "ca",     "car",     "ce",    "ceci",  "cela",   "celle",  "celles", "celui",
    "ces",   "cet",  "cette",  "ceux",    "chez",  "comme", "d",      "dans",   "de",     "des",
    "donc",  "dont", "du",     "elle",    "elles", "en",    "entre",  "est",    "et",     "etc",
    "etre",  "eu",   "eux",    "faut",    "il",    "ils",   "j",      "je",     "l",      "la",
    "le",    "les",  "leur",   "leurs",   "lui",   "m",     "ma",     "mais",   "me",     "meme",
    "mes",   "moi",  "mon",    "n",       "ne",    "ni",    "nos",    "notre",  "nous",   "on",
    "ont",   "ou",   "par",    "pas",     "peu",   "peut",  "plus",   "pour",   "qu",     "quand",
    "que",   "quel", "quelle", "quelles", "quels", "qui",   "quoi",   "s",      "sa",     "sans",
    "se",    "ses",  "si",     "son",     "sont",  "sous",  "sur",    "t",      "ta",     "te",
    "tes",   "toi",  "ton",    "tous",    "tout",  "toute", "toutes", "tres",   "tu",     "un",
    "une",   "vers", "vos",    "votre",   "vous",  "y",
};

// A word of at most 8 bytes as one integer; words hold no NUL byte, so this is one-to-one.
constexpr uint64_t PackWord(std::string_view word) {
  uint64_t packed = 0;
  for (const char c : word) packed = (packed << 8) | static_cast<unsigned char>(c);
  return packed;
}

constexpr std::array<uint64_t, kStopWords.size()> kPackedStopWords = [] {
  std::array<uint64_t, kStopWords.size()> packed{};
  for (size_t i = 0; i < kStopWords.size(); ++i) packed[i] = PackWord(kStopWords[i]);
  std::ranges::sort(packed);
  return packed;
}();

bool IsStopWord(std::string_view word) {
  return word.size() <= 8 && std::ranges::binary_search(kPackedStopWords, PackWord(word));
}

// ASCII letters lower-cased and digits; 0 for the rest, which splits words.
constexpr std::array<char, 128> kAsciiFolds = [] {
  std::array<char, 128> folds{};
  for (char c = '0'; c <= '9'; ++c) folds[c] = c;
  for (char c = 'a'; c <= 'z'; ++c) folds[c] = c;
  for (char c = 'A'; c <= 'Z'; ++c) folds[c] = static_cast<char>(c - 'A' + 'a');
  return folds;
}();

// U+00C0..U+00FF folded; "" for × and ÷, which IsSeparator catches first.
constexpr std::array<std::string_view, 64> kLatin1Folds = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

// One decoded code point and its length in bytes; length 0 for an invalid byte.
struct Decoded {
  char32_t code_point = 0;
  size_t length = 0;
};

// Strict UTF-8: rejects stray continuation bytes, overlong forms, surrogates, values past
// U+10FFFF and sequences cut short (by the end of the text or by another lead byte).
Decoded DecodeUtf8(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  // 0xC0, 0xC1 and 0xF5.. only start overlong or out-of-range sequences.
  const size_t length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
  if (length == 0) return {};
  constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  char32_t code_point = lead & (0x7F >> length);
  if (text.size() - at < length) return {};
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(at + i) & 0x3F);
  }
  if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return {};
  }
  return {code_point, length};
}

// Non-ASCII punctuation, spaces and symbols split words; other code points are kept.
bool IsSeparator(char32_t c) {
  return c < 0xC0 || c == 0xD7 || c == 0xF7 ||  // Latin-1 controls, nbsp, « » ° ...
         c == 0x02BC ||                         // modifier letter apostrophe
         (c >= 0x2000 && c <= 0x206F) ||        // ’ “ ” – … narrow nbsp ...
         (c >= 0x20A0 && c <= 0x20CF) ||        // currency (€)
         (c >= 0x2190 && c <= 0x2BFF) ||        // arrows, maths, shapes, dingbats
         (c >= 0x3000 && c <= 0x303F) ||        // CJK punctuation
         (c >= 0xFE00 && c <= 0xFE0F) ||        // variation selectors
         c == 0xFEFF ||                         // byte order mark
         (c >= 0x1F000 && c <= 0x1FAFF);        // emoji
}

// Drops the plural mark of the word out[start..] if longer than 3 bytes. The bytes changed are
// ASCII, so a UTF-8 sequence is never cut.
void FoldPlural(std::string& out, size_t start) {
  const std::string_view word = std::string_view(out).substr(start);
  if (word.size() <= 3) return;
  if (word.ends_with("eaux")) {
    out.pop_back();
  } else if (word.size() >= 5 && word.ends_with("aux")) {
    out.resize(out.size() - 2);
    out.push_back('l');
  } else if (word.back() == 's' || word.back() == 'x') {
    out.pop_back();
  }
}

// Ends the word out[start..]: drops it if it is a stop word, else folds it and adds the space
// that separates it from the next one. Returns where the next word starts.
size_t EndWord(std::string& out, size_t start) {
  if (out.size() == start) return start;
  if (IsStopWord(std::string_view(out).substr(start))) {
    out.resize(start);
    return start;
  }
  FoldPlural(out, start);
  out.push_back(' ');
  return out.size();
}

// The distinct trigrams of the words of a normalized text, each word padded with one space on
// each side, as 24-bit integers; sorted.
std::vector<uint32_t> TrigramSet(std::string_view normalized) {
  std::vector<uint32_t> trigrams;
  trigrams.reserve(normalized.size() + 1);
  uint32_t window = ' ';  // the last bytes seen, a space before each word
  size_t word_length = 0;
  for (const char c : normalized) {
    window = ((window << 8) | static_cast<unsigned char>(c)) & 0xFFFFFF;
    if (c == ' ') {
      trigrams.push_back(window);  // "xy " closes the word
      window = ' ';
      word_length = 0;
    } else if (++word_length >= 2) {
      trigrams.push_back(window);
    }
  }
  if (word_length > 0) trigrams.push_back(((window << 8) | ' ') & 0xFFFFFF);
  std::ranges::sort(trigrams);
  trigrams.erase(std::ranges::unique(trigrams).begin(), trigrams.end());
  return trigrams;
}

}  // namespace

std::string NormalizeForMatching(std::string_view utf8_text) {
  const std::string_view text = utf8_text.substr(0, kMaxMatchedTextBytes);
  std::string out;
  out.reserve(text.size() + 1);
  size_t word_start = 0;
  size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
      if (const char folded = kAsciiFolds[byte]; folded != 0) {
        out.push_back(folded);
      } else {
        word_start = EndWord(out, word_start);
      }
      ++at;
      continue;
    }
    const Decoded decoded = DecodeUtf8(text, at);
    const char32_t c = decoded.code_point;
    if (decoded.length == 0) {  // an invalid byte splits words; skip just this byte
      word_start = EndWord(out, word_start);
      ++at;
      continue;
    }
    if (IsSeparator(c)) {
      word_start = EndWord(out, word_start);
    } else if (c <= 0xFF) {
      out += kLatin1Folds[c - 0xC0];
    } else if (c == 0x152 || c == 0x153) {
      out += "oe";
    } else if (c == 0x178) {
      out.push_back('y');
    } else {
      out.append(text.substr(at, decoded.length));
    }
    at += decoded.length;
  }
  EndWord(out, word_start);
  if (!out.empty()) out.pop_back();  // the space after the last word
  return out;
}

void DuplicateIndex::Add(uint32_t idea_id, std::string_view text) {
  Remove(idea_id);
  uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
    slot_trigrams_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  std::vector<uint32_t>& trigrams = slot_trigrams_[slot];
  trigrams = TrigramSet(NormalizeForMatching(text));
  slots_[slot] = {idea_id, static_cast<uint32_t>(trigrams.size())};
  for (const uint32_t trigram : trigrams) {
    std::vector<uint32_t>& slots = postings_[trigram];
    slots.insert(std::ranges::lower_bound(slots, slot), slot);
  }
  slot_by_id_.emplace(idea_id, slot);
}

void DuplicateIndex::Remove(uint32_t idea_id) {
  const auto found = slot_by_id_.find(idea_id);
  if (found == slot_by_id_.end()) return;
  const uint32_t slot = found->second;
  slot_by_id_.erase(found);
  std::vector<uint32_t>& trigrams = slot_trigrams_[slot];
  for (const uint32_t trigram : trigrams) {
    const auto posting = postings_.find(trigram);
    std::vector<uint32_t>& slots = posting->second;
    slots.erase(std::ranges::lower_bound(slots, slot));
    if (slots.empty()) postings_.erase(posting);
  }
  trigrams = {};
  slots_[slot] = {};
  free_slots_.push_back(slot);
}

std::vector<DuplicateIndex::Match> DuplicateIndex::Similar(std::string_view text,
                                                           size_t max_results,
                                                           double min_similarity,
                                                           uint32_t exclude) const {
  std::vector<Match> matches;
  if (max_results == 0) return matches;
  const std::vector<uint32_t> query = TrigramSet(NormalizeForMatching(text));
  if (query.empty()) return matches;

  // Shared trigrams per slot. A count is at most query.size(), which the cap on matched bytes
  // keeps below 2^16; 16-bit counters keep the array in L1 for 10,000 ideas.
  static_assert(kMaxMatchedTextBytes + 1 < 0xFFFF);
  std::vector<uint16_t> shared(slots_.size(), 0);
  for (const uint32_t trigram : query) {
    const auto posting = postings_.find(trigram);
    if (posting == postings_.end()) continue;
    for (const uint32_t slot : posting->second) ++shared[slot];
  }

  // Free slots are in no posting, so their count stays 0. The test on squares skips the square
  // root for most candidates; its margin leaves the decision on the boundary to the exact test.
  const auto query_size = static_cast<double>(query.size());
  const double min_squared = min_similarity > 0 ? min_similarity * min_similarity * 0.999 : 0;
  for (size_t slot = 0; slot < shared.size(); ++slot) {
    if (shared[slot] == 0) continue;
    const auto [idea_id, trigram_count] = slots_[slot];
    if (exclude != 0 && idea_id == exclude) continue;
    const double both = query_size * static_cast<double>(trigram_count);
    const double count = shared[slot];
    if (count * count < min_squared * both) continue;
    // Identical sets give n / sqrt(n * n), exactly 1.0 in doubles.
    const double similarity = std::min(1.0, count / std::sqrt(both));
    if (similarity >= min_similarity) matches.push_back({idea_id, similarity});
  }

  const auto better = [](const Match& a, const Match& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.idea_id < b.idea_id;
  };
  if (matches.size() > max_results) {
    std::ranges::partial_sort(matches, matches.begin() + static_cast<ptrdiff_t>(max_results),
                              better);
    matches.resize(max_results);
  } else {
    std::ranges::sort(matches, better);
  }
  return matches;
}

}  // namespace atelier::workshop
