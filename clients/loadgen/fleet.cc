#include "clients/loadgen/fleet.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <charconv>
#include <random>
#include <utility>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "clients/client/connection.h"
#include "clients/client/http_client.h"
#include "clients/client/workshop_api.h"

namespace atelier::loadgen {

namespace {

// Words for the ideas' texts, drawn at random so that ideas differ the way people's do (the
// server's duplicate hints compare them). ASCII only: a cut at any byte stays valid UTF-8.
constexpr std::string_view kWords[] = {
    "salle", "municipale", "ouvrir", "associations", "soir", "samedi", "matin", "repair", "cafe",
    "cours", "cuisine", "generations", "planning", "partage", "reserver", "bourse", "livres",
    "trimestre", "marche", "producteurs", "hiver", "permanences", "numeriques", "aines",
    "coworking", "familles", "fetes", "prix", "reduit", "ateliers", "velos", "cine", "club",
    "debat", "concerts", "ecoles", "musique", "jardin", "partage", "compost", "quartier",
    "jeunes", "sport", "danse", "theatre", "expositions", "artistes", "locaux", "benevoles",
    "mairie", "habitants", "accueil", "enfants", "devoirs", "aide", "emploi", "formation",
    "tricot", "couture", "jeux", "societe", "lecture", "conte", "musee", "visite", "balade",
};

// "lg<sender>.<n> ..." -> (sender, n).
bool ParseTag(const std::string& text, uint64_t& sender, uint64_t& n) {
  if (text.size() < 5 || text[0] != 'l' || text[1] != 'g') return false;
  const char* p = text.data() + 2;
  const char* end = text.data() + text.size();
  auto [q, ec] = std::from_chars(p, end, sender);
  if (ec != std::errc() || q == end || *q != '.') return false;
  auto [r, ec2] = std::from_chars(q + 1, end, n);
  return ec2 == std::errc() && r != q + 1;
}

std::string RandomHex() {
  std::random_device device;
  char text[9];
  std::snprintf(text, sizeof text, "%08x", device());
  return text;
}

}  // namespace

struct ConnectJob {
  std::vector<size_t> todo;
  size_t next = 0;
  size_t outstanding = 0;
  size_t finished = 0;
  size_t parallel = 1;
  bool resume = false;
  std::function<void()> done;
};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

Fleet::Fleet(boost::asio::io_context& ioc, ServerTarget target)
    : ioc_(ioc),
      target_(std::move(target)),
      run_id_(RandomHex()),
      random_(std::random_device()()) {
  if (target_.nodes.empty()) target_.nodes.emplace_back(target_.host, target_.port);
  for (const auto& [host, port] : target_.nodes) {
    endpoints_.emplace_back(boost::asio::ip::make_address(host), port);
  }
}

std::expected<void, std::string> Fleet::PrepareWorkshops(size_t count, uint32_t max_tables,
                                                         uint32_t ideas_per_table,
                                                         bool live_results) {
  if (!target_.atelier) {
    const uint32_t base = 100000 + std::random_device()() % 800000;
    for (size_t i = 0; i < count; ++i) {
      Workshop w;
      w.join_code = std::to_string(base + i);
      w.workshop_id = "room-" + w.join_code;
      w.observer_code = w.join_code;
      workshops_.push_back(std::move(w));
    }
    return {};
  }
  client::HttpClient http(target_.host, target_.port, std::chrono::seconds(30));
  for (size_t i = 0; i < count; ++i) {
    v1::CreateWorkshopRequest request;
    auto* config = request.mutable_workshop()->mutable_config();
    config->set_question("Charge " + std::to_string(i + 1) + " : comment tenir la salle pleine ?");
    config->set_template_(v1::TEMPLATE_IDEATION);
    config->set_max_tables(max_tables);
    if (ideas_per_table > 0) config->set_max_ideas_per_table(ideas_per_table);
    config->mutable_visibility()->set_observer_results(live_results ? v1::OBSERVER_RESULTS_LIVE
                                                                    : v1::OBSERVER_RESULTS_AT_REVEAL);
    auto created = CreateWorkshop(http, request);
    if (!created) return std::unexpected(created.error());
    Workshop w = std::move(*created);

    client::Connection animateur;
    if (auto c = animateur.Connect(target_.host, target_.port); !c) return std::unexpected(c.error());
    v1::Hello hello;
    hello.set_workshop_id(w.workshop_id);
    hello.set_animateur_token(w.animateur_token);
    if (auto welcome = animateur.Hello(hello); !welcome) return std::unexpected(welcome.error());
    v1::Command command;
    command.mutable_set_phase()->set_phase(v1::PHASE_DIVERGENCE);
    auto answer = animateur.Execute(command);
    if (!answer) return std::unexpected("set phase: " + answer.error());
    if (!answer->has_accepted()) return std::unexpected("set phase rejected: " + answer->DebugString());
    animateur.Close();
    workshops_.push_back(std::move(w));
  }
  return {};
}

void Fleet::AddMembers(size_t tables_per_workshop, size_t observers_per_workshop) {
  for (size_t w = 0; w < workshops_.size(); ++w) {
    for (size_t i = 0; i < tables_per_workshop + observers_per_workshop; ++i) {
      Member member;
      member.workshop = w;
      member.observer = i >= tables_per_workshop;
      members_.push_back(std::move(member));
    }
  }
}

void Fleet::ConnectAll(size_t parallel, std::function<void()> done) {
  std::vector<size_t> todo;
  for (size_t m = 0; m < members_.size(); ++m) {
    if (!members_[m].welcomed) todo.push_back(m);
  }
  auto job = std::make_shared<ConnectJob>();
  job->todo = std::move(todo);
  job->parallel = parallel;
  job->done = std::move(done);
  Pump(job);
}

void Fleet::DropAndResume(const std::vector<size_t>& members, size_t parallel,
                          std::function<void()> done) {
  for (size_t m : members) {
    members_[m].ws->Abort();
    members_[m].welcomed = false;
    members_[m].in_flight = 0;  // their answers are lost with the connection
  }
  auto job = std::make_shared<ConnectJob>();
  job->todo = members;
  job->parallel = parallel;
  job->resume = true;
  job->done = std::move(done);
  Pump(job);
}

void Fleet::Pump(const std::shared_ptr<ConnectJob>& job) {
  if (job->todo.empty()) {
    boost::asio::post(ioc_, job->done);
    return;
  }
  while (job->outstanding < job->parallel && job->next < job->todo.size()) {
    const size_t m = job->todo[job->next++];
    ++job->outstanding;
    Open(m, job->resume, [this, job] {
      --job->outstanding;
      if (++job->finished == job->todo.size()) {
        job->done();
      } else {
        Pump(job);
      }
    });
  }
}

v1::Hello Fleet::HelloFor(size_t m, bool resume) const {
  const Member& member = members_[m];
  const Workshop& w = workshops_[member.workshop];
  v1::Hello hello;
  if (member.animateur) {
    hello.set_workshop_id(w.workshop_id);
    hello.set_animateur_token(w.animateur_token);
    hello.set_last_seq(resume ? member.through_seq : 0);
  } else if (member.observer) {
    hello.set_observer_code(w.observer_code);
    hello.set_last_seq(resume ? member.through_seq : 0);
  } else if (member.seat_number > 0) {
    if (resume && !member.token.empty()) {
      hello.set_workshop_id(w.workshop_id);
      hello.set_seat_token(member.token);
      hello.set_last_seq(member.through_seq);
    } else {
      hello.set_join_code(w.join_code);
      hello.set_table_id(members_[member.table_member].table_id);
      hello.set_seat_number(member.seat_number);
    }
  } else if (resume && !member.token.empty()) {
    hello.set_workshop_id(w.workshop_id);
    hello.set_table_token(member.token);
    hello.set_last_seq(member.through_seq);
  } else {
    hello.set_join_code(w.join_code);
    hello.set_table_name("Table de charge " + std::to_string(m));
  }
  return hello;
}

void Fleet::Open(size_t m, bool resume, std::function<void()> finished) {
  Member& member = members_[m];
  if (!member.ws) member.ws = std::make_unique<WsClient>(ioc_, endpoints_[m % endpoints_.size()]);
  member.welcomed = false;
  auto reported = std::make_shared<bool>(false);
  WsClient::Handlers handlers;
  handlers.on_open = [this, m, resume] {
    v1::ClientMessage message;
    *message.mutable_hello() = HelloFor(m, resume);
    members_[m].ws->Send(message);
  };
  handlers.on_message = [this, m, finished, reported](const v1::ServerMessage& message) {
    OnMessage(m, message);
    if (message.has_welcome() && !*reported) {
      *reported = true;
      finished();
    }
  };
  handlers.on_closed = [this, m, finished, reported](const std::string& why, int code) {
    Member& mb = members_[m];
    mb.welcomed = false;
    mb.in_flight = 0;
    ++mb.closes;
    mb.last_close_code = code;
    if (!*reported) {
      *reported = true;
      ++failures_;
      if (last_failure_.empty()) last_failure_ = why;
      finished();
    }
  };
  member.ws->Connect(std::move(handlers));
}

void Fleet::OnMessage(size_t m, const v1::ServerMessage& message) {
  Member& member = members_[m];
  const int64_t now = NowNs();
  if (measuring_) ++frames_;
  switch (message.kind_case()) {
    case v1::ServerMessage::kWelcome: {
      const v1::Welcome& welcome = message.welcome();
      member.welcomed = true;
      member.welcomed_at = Clock::now();
      if (member.token.empty()) member.token = welcome.token();
      if (welcome.role().table_id() != 0) member.table_id = welcome.role().table_id();
      if (welcome.role().seat_id() != 0) member.seat_id = welcome.role().seat_id();
      if (welcome.has_snapshot()) {
        member.through_seq = welcome.snapshot().seq();
        member.last_event_seq = welcome.snapshot().seq();
        member.ideas_seen = static_cast<uint64_t>(welcome.snapshot().ideas_size());
      }
      break;
    }
    case v1::ServerMessage::kEvents: {
      const v1::EventBatch& batch = message.events();
      for (const v1::Event& event : batch.events()) OnEvent(m, event, now);
      if (batch.through_seq() > member.through_seq) member.through_seq = batch.through_seq();
      break;
    }
    case v1::ServerMessage::kAccepted:
      OnAccepted(m, message.accepted());
      break;
    case v1::ServerMessage::kRejected:
      OnRejected(m, message.rejected());
      break;
    case v1::ServerMessage::kAnswers:
      for (const v1::CommandAccepted& accepted : message.answers().accepted()) OnAccepted(m, accepted);
      for (const v1::CommandRejected& rejected : message.answers().rejected()) OnRejected(m, rejected);
      break;
    case v1::ServerMessage::kError:
      if (last_failure_.empty()) last_failure_ = message.error().code() + ": " + message.error().message();
      break;
    default:
      break;
  }
}

void Fleet::OnAccepted(size_t m, const v1::CommandAccepted& accepted) {
  Member& member = members_[m];
  Workshop& w = workshops_[member.workshop];
  if (accepted.command_id().starts_with("lg-")) ++w.ideas_accepted;
  if (accepted.seq() > w.last_accepted_seq) w.last_accepted_seq = accepted.seq();
  ++member.accepted;
  if (member.in_flight > 0) --member.in_flight;
  if (on_answer) on_answer(m);
}

void Fleet::OnRejected(size_t m, const v1::CommandRejected& rejected) {
  Member& member = members_[m];
  ++rejected_;
  ++rejections_[v1::RejectionReason_Name(rejected.rejection().reason())];
  ++member.rejected;
  if (member.in_flight > 0) --member.in_flight;
  if (on_answer) on_answer(m);
}

void Fleet::OnEvent(size_t m, const v1::Event& event, int64_t now_ns) {
  Member& member = members_[m];
  if (event.seq() <= member.last_event_seq) {
    ++member.repeats;
    return;
  }
  member.last_event_seq = event.seq();
  if (on_event) on_event(m, event);
  if (!event.has_idea_posted()) return;
  ++member.ideas_seen;
  if (!measuring_) return;
  ++deliveries_;
  uint64_t sender = 0, n = 0;
  if (!ParseTag(event.idea_posted().idea().text(), sender, n) || sender >= members_.size()) return;
  const auto& sent = members_[sender].sent_at_ns;
  if (n >= sent.size()) return;
  if (on_delivery) return on_delivery(sender, sent[n], m, now_ns);
  if (sent[n] >= measure_start_ns_) latencies_.Add((now_ns - sent[n]) / 1000);
}

void Fleet::SetMeasuring(bool on) {
  measuring_ = on;
  if (on) measure_start_ns_ = NowNs();
}

size_t Fleet::AddAnimateurs() {
  const size_t first = members_.size();
  for (size_t w = 0; w < workshops_.size(); ++w) {
    Member member;
    member.workshop = w;
    member.animateur = true;
    members_.push_back(std::move(member));
  }
  return first;
}

std::expected<Workshop, std::string> CreateWorkshop(client::HttpClient& http,
                                                    const v1::CreateWorkshopRequest& request) {
  auto created = client::CreateWorkshop(http, request);
  if (!created) return std::unexpected("create workshop: " + created.error());
  Workshop w;
  w.workshop_id = created->workshop_id();
  w.join_code = created->join_code();
  w.observer_code = created->observer_code();
  w.animateur_token = created->animateur_token();
  return w;
}

size_t Fleet::AddSeats(uint32_t seats) {
  const size_t first = members_.size();
  for (size_t t = 0; t < first; ++t) {
    if (members_[t].observer || members_[t].animateur || members_[t].seat_number > 0) continue;
    for (uint32_t s = 1; s <= seats; ++s) {
      Member member;
      member.workshop = members_[t].workshop;
      member.seat_number = s;
      member.table_member = t;
      members_.push_back(std::move(member));
    }
  }
  return first;
}

void Fleet::SendCommand(size_t m, v1::Command command) {
  Member& member = members_[m];
  command.set_command_id("lgc-" + run_id_ + "-" + std::to_string(m) + "-" + std::to_string(++commands_sent_));
  v1::ClientMessage message;
  *message.mutable_command() = std::move(command);
  ++member.in_flight;
  member.ws->Send(message);
}

void Fleet::SendIdea(size_t m, size_t text_bytes, std::string_view body) {
  Member& member = members_[m];
  const uint64_t n = member.sent_at_ns.size();
  std::string text = "lg" + std::to_string(m) + "." + std::to_string(n) + " ";
  if (!body.empty()) {
    text += body;
  } else {
    while (text.size() < text_bytes) {
      text += kWords[random_() % std::size(kWords)];
      text += ' ';
    }
    text.resize(std::max(text_bytes, text.find(' ') + 1));
  }
  v1::ClientMessage message;
  v1::Command* command = message.mutable_command();
  command->set_command_id("lg-" + run_id_ + "-" + std::to_string(m) + "-" + std::to_string(n));
  command->mutable_post_idea()->set_text(std::move(text));
  member.sent_at_ns.push_back(NowNs());
  ++member.in_flight;
  member.ws->Send(message);
}

}  // namespace atelier::loadgen
