// Workshops prepared in every phase of both templates, for client_message_fuzzer to start from:
// each is the state and the log that tests/workshop/test_support.h's Harness leaves after a
// realistic session up to that phase (tables joined, seats taken, ideas posted, clusters
// merged, points placed, scores given).
//
// Built once, on first use, and then shared read-only: callers copy what they change. Not
// thread-safe on first use.
#ifndef ATELIER_TESTS_FUZZ_PREPARED_WORKSHOPS_H_
#define ATELIER_TESTS_FUZZ_PREPARED_WORKSHOPS_H_

#include <string>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "server/workshop/state.h"

namespace atelier::fuzz {

struct PreparedWorkshop {
  std::string name;                     // "ideation/convergence", for messages
  workshop::WorkshopState state;        // folded from `log`
  std::vector<atelier::v1::Event> log;  // unsealed (Harness decides and applies only)
};

// In this order (the fuzz input's first byte picks one, modulo the count):
//  0 ideation/setup         3 tables joined, a seat at table 1
//  1 ideation/divergence    + 5 ideas (tables 1, 2, 3 and the animateur)
//  2 ideation/grouping      + clusters {1, 2} "Associations le soir" and {3, 5} "Accès"
//  3 ideation/convergence   + points: table 1 on the cluster {3, 5}, tables 2 and 3 on several
//  4 ideation/conclusion
//  5 evaluation/setup       5 seeded ideas, 2 tables, 3 seats (2 at table 1, 1 at table 2)
//  6 evaluation/scoring     + scores from every seat
//  7 evaluation/conclusion  + results revealed
//  8 ideation/self-vote     convergence with allow_self_vote, budget 6, cap 2, points on own ideas
//  9 evaluation/ranges      scoring on criteria -5..5 and 1..100
// The table ids are 1, 2, 3; the seat ids 1, 2, 3; idea ids from 1 (test_support.h).
const std::vector<PreparedWorkshop>& PreparedWorkshops();

}  // namespace atelier::fuzz

#endif  // ATELIER_TESTS_FUZZ_PREPARED_WORKSHOPS_H_
