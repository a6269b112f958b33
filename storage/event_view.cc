#include "storage/event_view.h"

#include <cstddef>

namespace atelier::storage {
namespace {

enum WireType : uint32_t {
  kVarint = 0,
  kFixed64 = 1,
  kLengthDelimited = 2,
  kStartGroup = 3,
  kEndGroup = 4,
  kFixed32 = 5,
};

// Groups nest at most this deep, as protobuf's parser allows by default
// (io::CodedInputStream::GetDefaultRecursionLimit()).
constexpr int kMaxGroupDepth = 100;

// A forward-only reader of protobuf wire format over a byte range. It accepts exactly what
// protobuf's own parser accepts (parse_context.h in protobuf 3.21): tags of at most 5 bytes
// (their value truncated to 32 bits), lengths of at most 5 bytes, varints of at most 10 bytes,
// groups skipped with their nested fields and matched by their end tag, and it refuses field
// number 0, wire types 6 and 7, and an end-group tag without its start.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : rest_(bytes) {}

  bool AtEnd() const { return rest_.empty(); }

  bool ReadVarint(uint64_t* value) { return ReadVarintOf(10, value); }

  bool ReadTag(uint32_t* tag) {
    uint64_t value = 0;
    if (!ReadVarintOf(5, &value)) return false;
    *tag = static_cast<uint32_t>(value);  // protobuf keeps the low 32 bits
    return true;
  }

  bool ReadLengthDelimited(std::string_view* value) {
    uint64_t size = 0;
    if (!ReadVarintOf(5, &size) || size > rest_.size()) return false;
    *value = rest_.substr(0, static_cast<size_t>(size));
    rest_.remove_prefix(static_cast<size_t>(size));
    return true;
  }

  // Skips the value of a field whose tag was just read. An end-group tag is not a value: the
  // caller handles it (it ends a group, or is an error at the top level).
  bool Skip(uint32_t tag, int depth) {
    uint64_t ignored = 0;
    std::string_view ignored_bytes;
    switch (tag & 7) {
      case kVarint:
        return ReadVarint(&ignored);
      case kFixed64:
        return SkipBytes(8);
      case kLengthDelimited:
        return ReadLengthDelimited(&ignored_bytes);
      case kStartGroup:
        return SkipGroup(tag >> 3, depth + 1);
      case kFixed32:
        return SkipBytes(4);
      default:
        return false;  // kEndGroup here, or wire types 6 and 7
    }
  }

 private:
  bool ReadVarintOf(int max_bytes, uint64_t* value) {
    uint64_t result = 0;
    for (int i = 0; i < max_bytes; ++i) {
      if (rest_.empty()) return false;
      const auto byte = static_cast<uint8_t>(rest_.front());
      rest_.remove_prefix(1);
      result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
      if ((byte & 0x80) == 0) {
        *value = result;
        return true;
      }
    }
    return false;  // longer than max_bytes
  }

  // The fields of a group up to its end tag, which must name the same field.
  bool SkipGroup(uint32_t field, int depth) {
    if (depth > kMaxGroupDepth) return false;
    while (!rest_.empty()) {
      uint32_t tag = 0;
      if (!ReadTag(&tag) || (tag >> 3) == 0) return false;
      if ((tag & 7) == kEndGroup) return (tag >> 3) == field;
      if (!Skip(tag, depth)) return false;
    }
    return false;  // no end tag
  }

  bool SkipBytes(size_t n) {
    if (rest_.size() < n) return false;
    rest_.remove_prefix(n);
    return true;
  }

  std::string_view rest_;
};

// Calls on_field(field_number, wire_type, reader, &ok) for each top-level field; on_field
// returns false when it did not consume the field's value, which is then skipped.
template <class OnField>
bool ForEachField(std::string_view bytes, OnField on_field) {
  WireReader reader(bytes);
  while (!reader.AtEnd()) {
    uint32_t tag = 0;
    if (!reader.ReadTag(&tag) || (tag >> 3) == 0 || (tag & 7) == kEndGroup) return false;
    const uint32_t field = tag >> 3;
    const uint32_t wire_type = tag & 7;
    bool ok = true;
    if (!on_field(field, wire_type, reader, &ok)) ok = reader.Skip(tag, 0);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<EventView> ParseEventView(std::string_view bytes) {
  EventView view;
  const bool ok = ForEachField(
      bytes, [&view](uint32_t field, uint32_t wire_type, WireReader& reader, bool* ok) {
        if (field == 2 && wire_type == kVarint) {
          *ok = reader.ReadVarint(&view.seq);
          return true;
        }
        if (wire_type != kLengthDelimited) return false;
        switch (field) {
          case 1:
            *ok = reader.ReadLengthDelimited(&view.workshop_id);
            return true;
          case 6:
            *ok = reader.ReadLengthDelimited(&view.prev_hash);
            return true;
          case 7:
            *ok = reader.ReadLengthDelimited(&view.hash);
            return true;
          default:
            return false;
        }
      });
  if (!ok) return Fail(Error::Code::kCorruption, "event bytes are not a valid Event message");
  return view;
}

Result<LoggedEventView> ParseLoggedEventView(std::string_view bytes) {
  LoggedEventView view;
  const bool ok = ForEachField(
      bytes, [&view](uint32_t field, uint32_t wire_type, WireReader& reader, bool* ok) {
        if (wire_type != kLengthDelimited || (field != 1 && field != 2)) return false;
        *ok = reader.ReadLengthDelimited(field == 1 ? &view.event : &view.hash);
        return true;
      });
  if (!ok) {
    return Fail(Error::Code::kCorruption, "stored bytes are not a valid LoggedEvent message");
  }
  return view;
}

}  // namespace atelier::storage
