// Short English descriptions of protocol values, for the CLI's text output.
//
// Pure functions; thread-safe.
#ifndef ATELIER_CLIENTS_CLI_FORMAT_H_
#define ATELIER_CLIENTS_CLI_FORMAT_H_

#include <string>

#include "atelier/v1/rejection.pb.h"
#include "atelier/v1/wire.pb.h"

namespace atelier::cli {

// "animateur", "table 3", "seat 7 (table 3)", "observer".
std::string DescribeActor(const v1::Actor& actor);

// "DIVERGENCE" for PHASE_DIVERGENCE.
std::string PhaseName(v1::Phase phase);

// "OWN_IDEA: <message>" and the details that apply (phase, budget, cap...).
std::string DescribeRejection(const v1::Rejection& rejection);

// The Welcome as a few "name  value" lines.
std::string DescribeWelcome(const v1::Welcome& welcome, uint64_t through_seq);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_FORMAT_H_
