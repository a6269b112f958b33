// The load generator's runs. Each prints a human report and one line "RESULT {json}" for
// scripts, and returns the process exit code: 0 when every client received every event exactly
// once and all connections were made, 1 otherwise.
//
//   broadcast    tables in W workshops; S senders per workshop post ideas with W commands in
//                flight each, at a total rate or as fast as the server answers (stress); measures
//                command-to-delivery latency at every receiving client and deliveries per second
//   storm        the same room(s) with a steady trickle of ideas; every client drops at once and
//                resumes with its last seq: time until all are welcomed and current again
//   connections  opens many connections and reads the server's memory before and after
//   realistic    ideation workshops at human pace (realistic.cc), faster by --speed
//   flood        one table floods while the others post at human pace (flood.cc): the others'
//                latency without, during and after the flood, their disconnections, the
//                server's memory
//   peak         one evaluation workshop of tablets, phones and observers; every phone scores
//                every idea within the last minute (peak.cc): score-to-answer and
//                score-to-delivery latency, the server's CPU
#ifndef ATELIER_CLIENTS_LOADGEN_RUNS_H_
#define ATELIER_CLIENTS_LOADGEN_RUNS_H_

#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <string>

#include "clients/loadgen/fleet.h"

namespace atelier::loadgen {

struct RunOptions {
  ServerTarget target;
  size_t workshops = 1;
  size_t tables = 300;       // per workshop
  size_t observers = 0;      // per workshop
  bool live_results = true;  // observers see the results live (else only at the reveal)
  size_t senders = 10;       // per workshop, among its tables
  int window = 1;            // commands in flight per sender
  double rate = 0;           // ideas per second in all; 0: as fast as the server answers
  double warmup_s = 2;
  double duration_s = 10;
  size_t text_bytes = 150;   // idea text; the event on the wire is about 100 bytes more
  size_t connect_parallel = 256;
  double speed = 1;          // realistic: 10 plays the 8-minute script in 48 s
  int server_pid = 0;        // to read the server's CPU and memory; 0: not read
  uint32_t ideas_per_table = 100'000;  // the workshops' max_ideas_per_table
  int flood_window = 1000;   // flood: the flooding table's commands in flight
  double human_gap_s = 2;    // flood: mean seconds between two ideas of a human table
  uint32_t seats = 3;        // peak: phones per table
  size_t ideas = 10;         // peak: ideas to score
  size_t criteria = 3;       // peak: criteria per idea
  double peak_s = 60;        // peak: the real seconds in which every phone scores everything
};

// After sending stops: waits until every member has every idea its room delivered and every
// command is answered (at most 10 s), then stops the io_context.
void DrainThenStop(boost::asio::io_context& ioc, Fleet& fleet);

// Creates the workshops and adds their members (not connected); prints why it failed.
bool Prepare(Fleet& fleet, const RunOptions& options);

int RunBroadcast(const RunOptions& options);
int RunStorm(const RunOptions& options);
int RunConnections(const RunOptions& options);
int RunRealistic(const RunOptions& options);
int RunFlood(const RunOptions& options);
int RunPeak(const RunOptions& options);
int RunIdle(const RunOptions& options);

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_RUNS_H_
