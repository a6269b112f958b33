// Unguessable identifiers and tokens, and how they are stored.
//
// Tokens carry 128 bits from OpenSSL's CSPRNG; the server keeps only their SHA-256 and compares
// hashes in constant time. Thread-safe.
#ifndef ATELIER_SERVER_ENGINE_SECRETS_H_
#define ATELIER_SERVER_ENGINE_SECRETS_H_

#include <string>
#include <string_view>

namespace atelier::engine {

// `bytes` random bytes, as lowercase hex (2 characters a byte). Aborts if the CSPRNG fails: the
// server cannot run without it.
std::string RandomHex(size_t bytes);

// A token handed to a table, a seat or the animateur: 128 random bits.
inline std::string NewToken() { return RandomHex(16); }

// A short numeric code that people type (the workshop join code), `digits` long.
std::string RandomDigits(size_t digits);

// SHA-256 of the token, raw 32 bytes: what the log and the state keep.
std::string TokenHash(std::string_view token);

// Whether the token hashes to `expected_hash`, in time independent of where they differ.
bool TokenMatches(std::string_view token, std::string_view expected_hash);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_SECRETS_H_
