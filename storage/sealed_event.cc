#include "storage/sealed_event.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <utility>

#include "storage/event_view.h"
#include "storage/hash_chain.h"
#include "storage/str_cat.h"

namespace atelier::storage {

using google::protobuf::io::CodedOutputStream;

struct SealedEvent::Data {
  std::string stored;  // the serialized LoggedEvent
  std::string workshop_id;
  std::string prev_hash;
  uint64_t seq = 0;
  size_t event_offset = 0;
  size_t event_size = 0;
  size_t hash_offset = 0;
  size_t hash_size = 0;
};

namespace {

const std::string kEmpty;

}  // namespace

// Where the LoggedEvent's two fields lie in `stored`, and the Event header inside field 1.
Result<SealedEvent> SealedEvent::Index(std::string stored, Error::Code code) {
  auto data = std::make_shared<Data>();
  data->stored = std::move(stored);
  const std::string_view all = data->stored;
  auto logged = ParseLoggedEventView(all);
  if (!logged) return Fail(code, logged.error().message);
  auto event = ParseEventView(logged->event);
  if (!event) return Fail(code, event.error().message);
  if (event->workshop_id.empty() || event->seq == 0) {
    return Fail(code, "the event names no workshop or no seq");
  }
  data->workshop_id = std::string(event->workshop_id);
  data->prev_hash = std::string(event->prev_hash);
  data->seq = event->seq;
  data->event_offset = static_cast<size_t>(logged->event.data() - all.data());
  data->event_size = logged->event.size();
  data->hash_offset = static_cast<size_t>(logged->hash.data() - all.data());
  data->hash_size = logged->hash.size();
  return SealedEvent(std::move(data));
}

SealedEvent Seal(atelier::v1::Event& event) {
  event.clear_hash();
  const size_t size = event.ByteSizeLong();
  auto data = std::make_shared<SealedEvent::Data>();
  std::string& out = data->stored;
  const size_t head = 1 + CodedOutputStream::VarintSize64(size);
  out.resize(head + size + 2 + kHashSize);
  auto* bytes = reinterpret_cast<uint8_t*>(out.data());
  bytes[0] = 0x0a;  // LoggedEvent.event, length-delimited
  CodedOutputStream::WriteVarint64ToArray(size, bytes + 1);
  {
    google::protobuf::io::ArrayOutputStream stream(bytes + head, static_cast<int>(size));
    CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    event.SerializeWithCachedSizes(&coded);  // sizes cached by ByteSizeLong above
  }
  bytes[head + size] = 0x12;  // LoggedEvent.hash, length-delimited
  bytes[head + size + 1] = static_cast<uint8_t>(kHashSize);
  const std::string_view event_bytes(out.data() + head, size);
  const std::string hash = HashEvent(event.prev_hash(), event_bytes);
  out.replace(head + size + 2, kHashSize, hash);
  event.set_hash(hash);
  data->workshop_id = event.workshop_id();
  data->prev_hash = event.prev_hash();
  data->seq = event.seq();
  data->event_offset = head;
  data->event_size = size;
  data->hash_offset = head + size + 2;
  data->hash_size = kHashSize;
  return SealedEvent(std::move(data));
}

Result<SealedEvent> SealedEvent::FromLogged(const atelier::v1::LoggedEvent& logged) {
  auto indexed = Index(logged.SerializeAsString(), Error::Code::kInvalidArgument);
  if (!indexed) return std::unexpected(indexed.error());
  const SealedEvent& sealed = *indexed;
  auto event = ParseEventView(sealed.event_bytes());
  if (!event->hash.empty()) {
    return Fail(Error::Code::kInvalidArgument,
                "the event's bytes carry a hash field (seal events with Seal())");
  }
  if (sealed.hash() != HashEvent(sealed.prev_hash(), sealed.event_bytes())) {
    return Fail(Error::Code::kInvalidArgument,
                "its hash does not match its bytes (seal events with Seal())");
  }
  return indexed;
}

Result<SealedEvent> SealedEvent::FromStored(std::string stored) {
  return Index(std::move(stored), Error::Code::kCorruption);
}

const std::string& SealedEvent::workshop_id() const {
  return data_ ? data_->workshop_id : kEmpty;
}

uint64_t SealedEvent::seq() const { return data_ ? data_->seq : 0; }

std::string_view SealedEvent::prev_hash() const {
  return data_ ? std::string_view(data_->prev_hash) : std::string_view();
}

std::string_view SealedEvent::hash() const {
  return data_ ? std::string_view(data_->stored).substr(data_->hash_offset, data_->hash_size)
               : std::string_view();
}

std::string_view SealedEvent::event_bytes() const {
  return data_ ? std::string_view(data_->stored).substr(data_->event_offset, data_->event_size)
               : std::string_view();
}

std::string_view SealedEvent::stored() const {
  return data_ ? std::string_view(data_->stored) : std::string_view();
}

atelier::v1::LoggedEvent SealedEvent::ToLogged() const {
  atelier::v1::LoggedEvent logged;
  logged.set_event(std::string(event_bytes()));
  logged.set_hash(std::string(hash()));
  return logged;
}

}  // namespace atelier::storage
