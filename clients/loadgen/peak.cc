// The peak run (issue 16): one evaluation workshop of a thousand people at its busiest moment.
// Its tablets (one per table), its participants' phones (seats), observers and the animateur
// join; the animateur opens the scoring step; then every phone scores every idea on every
// criterion within the last minute (--peak seconds, divided by --speed), as a room does when the
// animateur says "one minute left": one score in flight per phone, the next one a moment after
// its answer. Measures each score from its send to its answer at the phone (the answer means
// durable), and to its arrival at everyone who sees it (the phone, its table's tablet, the
// animateur's console, as progress); the server's CPU and stages; the exactly-once check.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <algorithm>
#include <cstdio>
#include <expected>
#include <functional>
#include <memory>
#include <random>
#include <unordered_map>
#include <vector>

#include "clients/loadgen/every.h"
#include "clients/loadgen/report.h"

namespace atelier::loadgen {

namespace asio = boost::asio;

namespace {

constexpr const char* kCriteria[] = {"utilité", "coût", "faisabilité", "équité", "urgence"};
constexpr const char* kIdeaTexts[] = {
    "Un repair café le samedi matin",         "Ouvrir la salle aux associations le soir",
    "Des cours de cuisine intergénérationnels", "Un planning partagé pour réserver la salle",
    "Une bourse aux livres chaque trimestre",  "Un marché de producteurs locaux en hiver",
    "Des permanences numériques pour les aînés", "Un espace de coworking les jours libres",
    "Des ateliers de réparation de vélos",      "Un ciné-club mensuel avec débat",
};

std::expected<Workshop, std::string> CreateEvaluation(const RunOptions& o) {
  client::HttpClient http(o.target.host, o.target.port, std::chrono::seconds(30));
  v1::CreateWorkshopRequest request;
  v1::WorkshopConfig& config = *request.mutable_workshop()->mutable_config();
  config.set_question("Pointe : quelles idées retenir pour la salle des fêtes ?");
  config.set_template_(v1::TEMPLATE_EVALUATION);
  config.set_max_tables(static_cast<uint32_t>(o.tables + 10));
  config.set_seats_per_table(o.seats);
  config.mutable_visibility()->set_observer_results(o.live_results ? v1::OBSERVER_RESULTS_LIVE
                                                                   : v1::OBSERVER_RESULTS_AT_REVEAL);
  for (size_t c = 0; c < o.criteria; ++c) {
    v1::Criterion& k = *config.add_criteria();
    k.set_name(kCriteria[c % std::size(kCriteria)]);
    k.set_direction(v1::DIRECTION_HIGHER_IS_BETTER);
    k.set_low_label("pas du tout");
    k.set_high_label("tout à fait");
  }
  for (size_t i = 0; i < o.ideas; ++i) {
    std::string text = kIdeaTexts[i % std::size(kIdeaTexts)];
    if (i >= std::size(kIdeaTexts)) text += " (" + std::to_string(i / std::size(kIdeaTexts) + 1) + ")";
    request.mutable_workshop()->add_ideas()->set_text(std::move(text));
  }
  return CreateWorkshop(http, request);
}

// A score's key among those in flight: who scored what.
uint64_t Key(uint32_t seat_id, uint32_t idea_id, uint32_t criterion_id) {
  return (static_cast<uint64_t>(seat_id) << 32) | (static_cast<uint64_t>(idea_id) << 8) | criterion_id;
}

class Peak {
 public:
  Peak(asio::io_context& ioc, Fleet& fleet, const RunOptions& options, size_t first_seat)
      : ioc_(ioc), fleet_(fleet), options_(options), first_seat_(first_seat), random_(7) {}

  // Gives each phone its scores, in its own order, and starts them over the window.
  void Start() {
    const double window = options_.peak_s / options_.speed;
    const size_t per_phone = options_.ideas * options_.criteria;
    // People start within the first fifth of the window and space their scores so that the
    // slowest finish near its end.
    mean_gap_s_ = window * 0.8 / static_cast<double>(per_phone);
    todo_.resize(fleet_.members().size());
    sent_at_.assign(fleet_.members().size(), 0);
    for (size_t m = first_seat_; m < fleet_.members().size(); ++m) {
      for (uint32_t idea = 1; idea <= options_.ideas; ++idea) {
        for (uint32_t c = 1; c <= options_.criteria; ++c) todo_[m].emplace_back(idea, c);
      }
      std::shuffle(todo_[m].begin(), todo_[m].end(), random_);
      After(std::uniform_real_distribution<double>(0, window * 0.2)(random_), [this, m] { Score(m); });
    }
    fleet_.on_answer = [this](size_t m) {
      if (m < first_seat_) return;
      answers_.Add((NowNs() - sent_at_[m]) / 1000);
      // A person's pace varies, but not so much that a thousand of them spill far past the
      // minute (exponential gaps did: the slowest of 999 took 1.5 times the window).
      const double gap = std::uniform_real_distribution<double>(0.5, 1.5)(random_) * mean_gap_s_;
      if (!todo_[m].empty()) After(gap, [this, m] { Score(m); });
    };
    fleet_.on_event = [this](size_t, const v1::Event& event) {
      if (!event.has_score_set()) return;
      const v1::ScoreSet& s = event.score_set();
      const auto sent = in_flight_.find(Key(s.seat_id(), s.idea_id(), s.criterion_id()));
      if (sent == in_flight_.end()) return;
      deliveries_.Add((NowNs() - sent->second) / 1000);
      ++delivered_;
    };
  }

  bool finished() const {
    for (size_t m = first_seat_; m < fleet_.members().size(); ++m) {
      if (!todo_[m].empty() || fleet_.members()[m].in_flight > 0) return false;
    }
    return true;
  }

  LatencySamples& answers() { return answers_; }
  LatencySamples& deliveries() { return deliveries_; }
  uint64_t scores() const { return scores_; }
  uint64_t delivered() const { return delivered_; }

 private:
  void Score(size_t m) {
    Member& member = fleet_.members()[m];
    if (todo_[m].empty() || !member.welcomed) return;
    const auto [idea, criterion] = todo_[m].back();
    todo_[m].pop_back();
    v1::Command command;
    v1::Score& score = *command.mutable_score();
    score.set_idea_id(idea);
    score.set_criterion_id(criterion);
    score.set_value(static_cast<int32_t>(random_() % 11));
    sent_at_[m] = NowNs();
    in_flight_[Key(member.seat_id, idea, criterion)] = sent_at_[m];
    ++scores_;
    fleet_.SendCommand(m, std::move(command));
  }

  void After(double seconds, std::function<void()> fn) {
    auto timer = std::make_shared<asio::steady_timer>(ioc_);
    timer->expires_after(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(seconds)));
    timer->async_wait([timer, fn = std::move(fn)](boost::system::error_code ec) {
      if (!ec) fn();
    });
  }

  asio::io_context& ioc_;
  Fleet& fleet_;
  const RunOptions& options_;
  const size_t first_seat_;
  std::mt19937 random_;
  double mean_gap_s_ = 1;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> todo_;  // per phone: (idea, criterion)
  std::vector<int64_t> sent_at_;                                   // per phone: its score in flight
  std::unordered_map<uint64_t, int64_t> in_flight_;                // Key -> sent (kept: late copies)
  LatencySamples answers_;
  LatencySamples deliveries_;
  uint64_t scores_ = 0;
  uint64_t delivered_ = 0;
};

}  // namespace

int RunPeak(const RunOptions& options) {
  if (!options.target.atelier) {
    std::fprintf(stderr, "atelier-loadgen: peak needs an Atelier server (not --minimal)\n");
    return 2;
  }
  asio::io_context ioc;
  Fleet fleet(ioc, options.target);
  auto workshop = CreateEvaluation(options);
  if (!workshop) {
    std::fprintf(stderr, "atelier-loadgen: %s\n", workshop.error().c_str());
    return 1;
  }
  fleet.workshops().push_back(std::move(*workshop));
  fleet.AddMembers(options.tables, options.observers);
  const size_t animateur = fleet.AddAnimateurs();
  Report report("peak", options);
  std::printf("  %u phones per table, %zu ideas x %zu criteria each, all scored within %.0f s (the last %.0f s of a real step, %.0fx)\n",
              options.seats, options.ideas, options.criteria, options.peak_s / options.speed, options.peak_s,
              options.speed);
  std::optional<UseSample> use_start;
  std::unique_ptr<Peak> peak;
  std::function<void(size_t)> start_peak;
  bool all_accepted = false;
  std::chrono::steady_clock::time_point start;
  const auto connect_start = Clock::now();
  // Tables first: a phone joins a table by its number, known once the table is welcomed.
  fleet.ConnectAll(options.connect_parallel, [&] {
    const size_t first_seat = fleet.AddSeats(options.seats);
    fleet.ConnectAll(options.connect_parallel, [&, first_seat] {
      if (!report.Connected(fleet, std::chrono::duration<double>(Clock::now() - connect_start).count())) {
        return ioc.stop();
      }
      fleet.on_answer = [&, first_seat](size_t m) {
        if (m != animateur || peak) return;
        // Not from inside this very callback: Start replaces it.
        asio::post(ioc, [&, first_seat] { start_peak(first_seat); });
      };
      start_peak = [&](size_t seats_from) {
        fleet.SetMeasuring(true);
        use_start = SampleUse(options.server_pid, &options.target);
        start = Clock::now();
        peak = std::make_unique<Peak>(ioc, fleet, options, seats_from);
        peak->Start();
        Every(ioc, std::chrono::milliseconds(20), [&, seats_from] {
          if (!peak->finished()) return true;
          fleet.SetMeasuring(false);
          const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
          LatencySamples& a = peak->answers();
          LatencySamples& d = peak->deliveries();
          std::printf("scored %llu times in %.1f s (%.0f scores/s); %llu rejected\n",
                      static_cast<unsigned long long>(peak->scores()), seconds,
                      static_cast<double>(peak->scores()) / seconds,
                      static_cast<unsigned long long>(fleet.rejected()));
          std::printf("score -> its answer at the phone (durable): p50 %s, p99 %s, p99.9 %s, max %s\n",
                      FormatMicros(a.Percentile(0.5)).c_str(), FormatMicros(a.Percentile(0.99)).c_str(),
                      FormatMicros(a.Percentile(0.999)).c_str(), FormatMicros(a.Percentile(1.0)).c_str());
          std::printf("score -> its event at each client that sees it (%llu deliveries): p50 %s, p99 %s, p99.9 %s, max %s\n",
                      static_cast<unsigned long long>(peak->delivered()), FormatMicros(d.Percentile(0.5)).c_str(),
                      FormatMicros(d.Percentile(0.99)).c_str(), FormatMicros(d.Percentile(0.999)).c_str(),
                      FormatMicros(d.Percentile(1.0)).c_str());
          report.Field("seconds", seconds);
          report.Field("scores", static_cast<double>(peak->scores()));
          report.Field("scores_per_s", static_cast<double>(peak->scores()) / seconds);
          report.Field("rejected", static_cast<double>(fleet.rejected()));
          report.Field("answer_p50_us", a.Percentile(0.5));
          report.Field("answer_p99_us", a.Percentile(0.99));
          report.Field("deliveries", static_cast<double>(peak->delivered()));
          report.Field("delivery_p50_us", d.Percentile(0.5));
          report.Field("delivery_p99_us", d.Percentile(0.99));
          report.Use(static_cast<double>(peak->scores()), use_start, "score");
          const uint64_t phones = fleet.members().size() - seats_from;
          all_accepted = fleet.rejected() == 0 && peak->answers().count() == peak->scores() &&
                         peak->scores() == phones * options.ideas * options.criteria;
          std::printf("check: every phone scored every idea on every criterion, each accepted: %s\n",
                      all_accepted ? "yes" : "NO");
          DrainThenStop(ioc, fleet);
          return false;
        });
      };
      v1::Command open;
      open.mutable_set_phase()->set_phase(v1::PHASE_SCORING);
      fleet.SendCommand(animateur, std::move(open));
    });
  });
  ioc.run();
  const int delivered = report.Finish(fleet);
  return all_accepted ? delivered : 1;
}

}  // namespace atelier::loadgen
