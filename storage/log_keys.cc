#include "storage/log_keys.h"

#include "storage/str_cat.h"

namespace atelier::storage {

Result<void> ValidateWorkshopId(std::string_view workshop_id) {
  if (workshop_id.empty()) {
    return Fail(Error::Code::kInvalidArgument, "workshop id is empty");
  }
  if (workshop_id.size() > kMaxWorkshopIdSize) {
    return Fail(Error::Code::kInvalidArgument,
                StrCat("workshop id '", workshop_id.substr(0, 40), "...' is ", workshop_id.size(),
                       " bytes long (at most ", kMaxWorkshopIdSize, ")"));
  }
  return {};
}

std::string WorkshopPrefix(std::string_view workshop_id) {
  std::string prefix;
  prefix.reserve(1 + workshop_id.size() + 9);
  prefix.push_back(static_cast<char>(workshop_id.size()));
  prefix.append(workshop_id);
  return prefix;
}

std::string SeqKey(std::string_view workshop_id, uint64_t seq) {
  std::string key = WorkshopPrefix(workshop_id);
  for (int shift = 56; shift >= 0; shift -= 8) {
    key.push_back(static_cast<char>((seq >> shift) & 0xff));
  }
  return key;
}

std::string WorkshopUpperBound(std::string_view workshop_id) {
  // Every key of the workshop is prefix + 8 bytes, hence below prefix + 9 bytes 0xff.
  return WorkshopPrefix(workshop_id) + std::string(9, '\xff');
}

std::string DeletionKey(std::string_view workshop_id) {
  return std::string(kDeletionPrefix) + std::string(workshop_id);
}

std::optional<uint64_t> DecodeSeq(std::string_view prefix, std::string_view key) {
  if (key.size() != prefix.size() + 8 || !key.starts_with(prefix)) return std::nullopt;
  uint64_t seq = 0;
  for (size_t i = prefix.size(); i < key.size(); ++i) {
    seq = (seq << 8) | static_cast<uint8_t>(key[i]);
  }
  return seq;
}

}  // namespace atelier::storage
