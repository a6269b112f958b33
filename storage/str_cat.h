// StrCat: builds error messages from strings and integers (g++ 12 has no <format>).
#ifndef ATELIER_STORAGE_STR_CAT_H_
#define ATELIER_STORAGE_STR_CAT_H_

#include <concepts>
#include <string>
#include <string_view>

namespace atelier::storage {

namespace str_cat_internal {
inline void Append(std::string& out, std::string_view part) { out.append(part); }
inline void Append(std::string& out, const char* part) { out.append(part); }
inline void Append(std::string& out, std::integral auto part) { out.append(std::to_string(part)); }
}  // namespace str_cat_internal

template <class... Parts>
std::string StrCat(const Parts&... parts) {
  std::string out;
  (str_cat_internal::Append(out, parts), ...);
  return out;
}

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_STR_CAT_H_
