#include "server/engine/secrets.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <vector>

namespace atelier::engine {
namespace {

void RandomBytes(unsigned char* out, size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) std::abort();
}

}  // namespace

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  RandomBytes(raw.data(), raw.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : raw) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

std::string RandomDigits(size_t digits) {
  std::string out;
  while (out.size() < digits) {
    unsigned char b;
    RandomBytes(&b, 1);
    if (b < 250) out += static_cast<char>('0' + b % 10);  // 250 = 25 * 10: no modulo bias
  }
  return out;
}

std::string TokenHash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    std::abort();
  return std::string(reinterpret_cast<char*>(digest), size);
}

bool TokenMatches(std::string_view token, std::string_view expected_hash) {
  std::string hash = TokenHash(token);
  return hash.size() == expected_hash.size() &&
         CRYPTO_memcmp(hash.data(), expected_hash.data(), hash.size()) == 0;
}

}  // namespace atelier::engine
