#include "server/room/frames.h"

#include <google/protobuf/io/coded_stream.h>

namespace atelier::room {

namespace v1 = atelier::v1;

Frame MessageFrame(const v1::ServerMessage& message, uint32_t answers) {
  Frame frame{Frame::Kind::kMessage,
              std::make_shared<const std::string>(message.SerializeAsString()), 0};
  frame.answers = answers;
  return frame;
}

Frame EventFrame(const v1::Event& event) {
  using google::protobuf::io::CodedOutputStream;
  const size_t size = event.ByteSizeLong();
  auto piece = std::make_shared<std::string>(1 + CodedOutputStream::VarintSize64(size), '\x0a');
  CodedOutputStream::WriteVarint64ToArray(size, reinterpret_cast<uint8_t*>(piece->data() + 1));
  piece->reserve(piece->size() + size);
  event.AppendToString(piece.get());
  return Frame{Frame::Kind::kEvent, std::move(piece), event.seq()};
}

Frame ErrorFrame(std::string code, std::string message, uint32_t answers) {
  v1::ServerMessage error;
  error.mutable_error()->set_code(std::move(code));
  error.mutable_error()->set_message(std::move(message));
  return MessageFrame(error, answers);
}

}  // namespace atelier::room
