// How a run reports: human lines on stdout as it goes, then "RESULT {json}" with every figure,
// and the exactly-once check over all members.
#ifndef ATELIER_CLIENTS_LOADGEN_REPORT_H_
#define ATELIER_CLIENTS_LOADGEN_REPORT_H_

#include <optional>
#include <string>

#include "clients/loadgen/fleet.h"
#include "clients/loadgen/runs.h"
#include "clients/loadgen/usage.h"

namespace atelier::loadgen {

struct DeliveryCheck {
  bool complete = false;  // everyone has every idea its room delivered, no command in flight
  uint64_t misses = 0;    // ideas some member lacks
  uint64_t repeats = 0;   // events received twice
  uint64_t closes = 0;    // connections the server or the network ended unasked
};

// Expected per room: the most ideas any of its members saw, and at least the ideas accepted.
DeliveryCheck CheckDelivery(Fleet& fleet);

class Report {
 public:
  Report(std::string mode, const RunOptions& options);

  // False when some connection failed: a room short of clients measures nothing.
  bool Connected(Fleet& fleet, double seconds);
  void Measured(Fleet& fleet, double seconds, uint64_t sent, uint64_t behind,
                const std::optional<UseSample>& start);
  void Storm(size_t clients, double welcomed_s, double current_s);
  // The server's resident growth over `connections`, printed and recorded.
  void Memory(size_t connections, const std::optional<ProcessSample>& before,
              const std::optional<ProcessSample>& after);
  // Latency of the ideas delivered while measuring, rejections by reason, server CPU.
  void Totals(Fleet& fleet, double seconds, const std::optional<UseSample>& start);
  // Prints the check and the RESULT line; the exit code.
  int Finish(Fleet& fleet);
  // Records ok and prints the RESULT line; the exit code (0 when ok).
  int Result(bool ok);

  // What the window since `start` cost (usage.h), printed and recorded: the server's and the
  // load generator's CPU in all and per delivery, each core's busy time, the server's memory
  // now, and the server's round stages and writes.
  // `deliveries`: what the CPU is counted per (`unit`, "delivery" unless told).
  void Use(double deliveries, const std::optional<UseSample>& start, const char* unit = "delivery");

  void Field(const std::string& name, double value);
  void Field(const std::string& name, const std::string& value);

 private:


  std::string mode_;
  const RunOptions& options_;
  std::string json_;
};

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_REPORT_H_
