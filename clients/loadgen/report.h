// How a run reports: human lines on stdout as it goes, then "RESULT {json}" with every figure,
// and the exactly-once check over all members.
#ifndef ATELIER_CLIENTS_LOADGEN_REPORT_H_
#define ATELIER_CLIENTS_LOADGEN_REPORT_H_

#include <optional>
#include <string>

#include "clients/loadgen/fleet.h"
#include "clients/loadgen/runs.h"

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
                const std::optional<ProcessSample>& cpu_start);
  void Storm(size_t clients, double welcomed_s, double current_s);
  void Memory(Fleet& fleet, const std::optional<ProcessSample>& before,
              const std::optional<ProcessSample>& after);
  // Latency of the ideas delivered while measuring, rejections by reason, server CPU.
  void Totals(Fleet& fleet, double seconds, const std::optional<ProcessSample>& cpu_start);
  // Prints the check and the RESULT line; the exit code.
  int Finish(Fleet& fleet);

  void Field(const std::string& name, double value);
  void Field(const std::string& name, const std::string& value);

 private:
  // The server's CPU share since cpu_start and its memory now, printed and recorded.
  void ServerUse(double seconds, const std::optional<ProcessSample>& cpu_start);


  std::string mode_;
  const RunOptions& options_;
  std::string json_;
};

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_REPORT_H_
