#include "storage/hash_chain.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <utility>

#include "storage/event_view.h"
#include "storage/str_cat.h"

namespace atelier::storage {
namespace {

// One reusable digest context per thread, bound to SHA-256 once: verifying a million events
// must not allocate a context or look the algorithm up per event. OpenSSL failing here is a bug
// (a broken build), not a runtime condition.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (ctx_ == nullptr || md == nullptr || EVP_DigestInit_ex2(ctx_, md, nullptr) != 1) {
      std::abort();
    }
    EVP_MD_free(md);  // the context keeps its own reference
  }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Writes SHA-256(a || b) to out[0..kHashSize).
  void Digest(std::string_view a, std::string_view b, char* out) {
    unsigned int size = 0;
    if (EVP_DigestInit_ex2(ctx_, nullptr, nullptr) != 1 ||  // null: the same digest again
        EVP_DigestUpdate(ctx_, a.data(), a.size()) != 1 ||
        EVP_DigestUpdate(ctx_, b.data(), b.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, reinterpret_cast<unsigned char*>(out), &size) != 1 ||
        size != kHashSize) {
      std::abort();
    }
  }

  static Sha256& ForThisThread() {
    thread_local Sha256 sha;
    return sha;
  }

 private:
  EVP_MD_CTX* ctx_;
};

std::string Hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  static constexpr char kDigits[] = "0123456789abcdef";
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// A short fingerprint for messages: enough to compare two hashes by eye.
std::string Short(std::string_view hash) {
  if (hash.empty()) return "(empty)";
  return Hex(hash.substr(0, 6)) + "...";
}

}  // namespace

std::string HashEvent(std::string_view prev_hash, std::string_view event_bytes) {
  std::string hash(kHashSize, '\0');
  Sha256::ForThisThread().Digest(prev_hash, event_bytes, hash.data());
  return hash;
}

ChainVerifier::ChainVerifier(std::string workshop_id) : workshop_id_(std::move(workshop_id)) {
  last_hash_.reserve(kHashSize);
}

ChainVerifier::ChainVerifier(std::string workshop_id, uint64_t trusted_seq,
                             std::string trusted_hash)
    : workshop_id_(std::move(workshop_id)),
      last_seq_(trusted_seq),
      last_hash_(std::move(trusted_hash)) {
  last_hash_.reserve(kHashSize);
}

Result<void> ChainVerifier::Feed(const atelier::v1::LoggedEvent& logged) {
  return Feed(logged.event(), logged.hash());
}

Result<void> ChainVerifier::Feed(std::string_view event_bytes, std::string_view hash) {
  if (failed_) {
    return Fail(
        Error::Code::kBrokenChain,
        StrCat("workshop ", workshop_id_, ": chain already broken after event ", last_seq_));
  }
  const uint64_t seq = last_seq_ + 1;
  auto view = ParseEventView(event_bytes);
  if (!view) {
    failed_ = true;
    return Fail(Error::Code::kCorruption,
                StrCat("workshop ", workshop_id_, ": event ", seq, ": ", view.error().message));
  }
  if (view->workshop_id != workshop_id_) {
    return Broken(StrCat("event ", seq, ": belongs to workshop '", view->workshop_id,
                         "' (event from another log)"));
  }
  if (view->seq != seq) {
    return Broken(StrCat("event ", seq, ": found event ", view->seq,
                         " in its place (event removed, inserted or reordered)"));
  }
  if (view->prev_hash != last_hash_) {
    return Broken(StrCat("event ", seq, ": prev_hash ", Short(view->prev_hash),
                         " does not match the hash ", Short(last_hash_), " of event ", last_seq_,
                         " (an earlier event was changed, removed or reordered)"));
  }
  if (!view->hash.empty()) {
    return Broken(
        StrCat("event ", seq, ": stored bytes carry a hash field (not sealed by the log)"));
  }
  char computed_bytes[kHashSize];
  Sha256::ForThisThread().Digest(last_hash_, event_bytes, computed_bytes);
  const std::string_view computed(computed_bytes, kHashSize);
  if (computed != hash) {
    return Broken(StrCat("event ", seq, ": hash mismatch: stored ", Short(hash), ", computed ",
                         Short(computed), " (changed, removed or reordered event)"));
  }
  last_seq_ = seq;
  last_hash_.assign(computed);
  return {};
}

Result<void> ChainVerifier::Broken(std::string what) {
  failed_ = true;
  return Fail(Error::Code::kBrokenChain, StrCat("workshop ", workshop_id_, ": ", what));
}

}  // namespace atelier::storage
