// The raw data of a workshop (proto/atelier/v1/report.proto's RawData) from its record: every
// table's points per target, every seat's scores, the ideas with their cluster and author table,
// the clusters, the phases with their times, and the head (seq and hash) they were read up to.
//
// Never a token, a token hash, a join or observer code: tables by number and typed name, seats
// by table and place. Ordered for reading: phases in time order; tables, ideas, clusters by id;
// points by table then target; scores by table, seat, idea, criterion.
//
// Pure; thread-safe.
#ifndef ATELIER_REPORT_RAW_DATA_H_
#define ATELIER_REPORT_RAW_DATA_H_

#include <string>

#include "atelier/v1/report.pb.h"
#include "report/workshop_record.h"

namespace atelier::report {

atelier::v1::RawData MakeRawData(const WorkshopRecord& record);

// As JSON (protobuf's canonical mapping, every field printed, zeros included), indented.
std::string RawDataJson(const atelier::v1::RawData& data);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_RAW_DATA_H_
