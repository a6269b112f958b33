// The synthesis's pieces, shared by its .cc files (synthesis.cc: the document and the sections
// before the results; synthesis_results.cc: the results). Internal to report/.
#ifndef ATELIER_REPORT_SYNTHESIS_PARTS_H_
#define ATELIER_REPORT_SYNTHESIS_PARTS_H_

#include <string>
#include <string_view>

#include "report/words.h"
#include "report/workshop_record.h"

namespace atelier::report::internal {

// The document's style sheet: screen and print (A4).
std::string_view SynthesisCss();

// <section id="results">...</section>
void AppendResults(const WorkshopRecord& record, const Words& words, std::string& out);

// The results per profile (when the workshop has profiles) and the consolidation tables (when a
// step has categories): synthesis_profiles.cc. Nothing otherwise.
void AppendProfileResults(const WorkshopRecord& record, const Words& words, std::string& out);
void AppendConsolidations(const WorkshopRecord& record, const Words& words, std::string& out);

// Escapes `text` into out.
inline void Text(std::string& out, std::string_view text) { out += EscapeHtml(text); }

}  // namespace atelier::report::internal

#endif  // ATELIER_REPORT_SYNTHESIS_PARTS_H_
