// Backpressure: a client that stops reading is closed with 4001 when its bounded queue is full,
// and delays nobody else.
#include <gtest/gtest.h>

#include <thread>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

TEST(SlowClient, IsDisconnectedAndDoesNotDelayTheOthers) {
  // A flood far past a tablet's pace: no per-connection command rate.
  LiveWorkshop w(Prolific(IdeationConfig()), {"--max-queue-bytes", "65536", "--command-rate", "off"});
  auto slow = w.Observer();  // never reads from here on
  auto animateur = w.Animateur();
  auto writer = w.NewTable();
  auto reader = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  animateur->Close();  // it would not read either

  // A table that reads, on its own thread, until the last idea.
  size_t received = 0;
  std::thread reading([&] {
    for (bool done = false; !done;) {
      auto message = reader->Next(std::chrono::seconds(30));
      if (!message) return;
      for (const v1::Event& e : message->events().events()) {
        received += e.has_idea_posted();
        done |= e.idea_posted().idea().text() == "La dernière";
      }
    }
  });
  // ~2 MB of ideas, more than the slow client's queue (64 KiB here) and the socket buffers
  // (the server's send buffer is fixed at 256 KiB) can hold, sent 50 at a time (the writer
  // reads its answers, as a tablet does).
  const std::string padding(440, 'x');
  constexpr int kIdeas = 4'000;
  for (int i = 0; i < kIdeas; ++i) {
    v1::Command post = PostIdeaCmd(std::to_string(i) + " " + padding);
    post.set_command_id("flood-" + std::to_string(i));
    if (i % 50 == 49) {
      LiveWorkshop::Accept(*writer, post);
      while (writer->inbox_size() > 0) (void)writer->Next(std::chrono::milliseconds(1));
      continue;
    }
    v1::ClientMessage message;
    *message.mutable_command() = post;
    ASSERT_TRUE(writer->Send(message));
  }
  LiveWorkshop::Accept(*writer, PostIdeaCmd("La dernière"));
  reading.join();
  EXPECT_EQ(received, static_cast<size_t>(kIdeas) + 1) << "a client that reads gets every event";

  // The slow one finds, once it reads again, that it was closed as too slow.
  for (int i = 0; i < 200'000 && slow->is_open(); ++i)
    (void)slow->Next(std::chrono::milliseconds(200));
  EXPECT_FALSE(slow->is_open());
  EXPECT_EQ(slow->CloseCode(), 4001);

  auto metrics = w.Http().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("\natelier_queue_drops_total 1\n"), std::string::npos)
      << "exactly the slow client was dropped";
  // It comes back from where it was: too far behind for the missed events, it gets a snapshot
  // with every idea.
  auto again = w.Observer(slow->through_seq());
  ASSERT_TRUE(again->is_open());
  EXPECT_EQ(again->welcome().snapshot().ideas_size(), kIdeas + 1);
}

}  // namespace
}  // namespace atelier::server_test
