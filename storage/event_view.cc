#include "storage/event_view.h"

#include <cstddef>

namespace atelier::storage {
namespace {

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// A forward-only reader of protobuf wire format over a byte range.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : rest_(bytes) {}

  bool AtEnd() const { return rest_.empty(); }

  bool ReadVarint(uint64_t* value) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) return false;
      const auto byte = static_cast<uint8_t>(rest_.front());
      rest_.remove_prefix(1);
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        *value = result;
        return true;
      }
    }
    return false;  // more than 10 bytes
  }

  bool ReadLengthDelimited(std::string_view* value) {
    uint64_t size = 0;
    if (!ReadVarint(&size) || size > rest_.size()) return false;
    *value = rest_.substr(0, static_cast<size_t>(size));
    rest_.remove_prefix(static_cast<size_t>(size));
    return true;
  }

  bool Skip(uint32_t wire_type) {
    uint64_t ignored = 0;
    std::string_view ignored_bytes;
    switch (wire_type) {
      case kVarint:
        return ReadVarint(&ignored);
      case kFixed64:
        return SkipBytes(8);
      case kLengthDelimited:
        return ReadLengthDelimited(&ignored_bytes);
      case kFixed32:
        return SkipBytes(4);
      default:
        return false;  // groups (3, 4) are not used by our schema
    }
  }

 private:
  bool SkipBytes(size_t n) {
    if (rest_.size() < n) return false;
    rest_.remove_prefix(n);
    return true;
  }

  std::string_view rest_;
};

// Calls on_field(field_number, wire_type, reader) for each field; on_field returns false when it
// did not consume the field's value, which is then skipped.
template <class OnField>
bool ForEachField(std::string_view bytes, OnField on_field) {
  WireReader reader(bytes);
  while (!reader.AtEnd()) {
    uint64_t tag = 0;
    if (!reader.ReadVarint(&tag) || (tag >> 3) == 0 || (tag >> 3) > 0x1fffffff) return false;
    const auto field = static_cast<uint32_t>(tag >> 3);
    const auto wire_type = static_cast<uint32_t>(tag & 7);
    bool ok = true;
    if (!on_field(field, wire_type, reader, &ok)) ok = reader.Skip(wire_type);
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
