// The synthesis of a workshop: one self-contained HTML document for a mairie to read, print (A4,
// black and white) and publish. Made from the record alone (record_builder.h), so the server and
// `atelier synthesis ARCHIVE` give the same document for the same events.
//
// Sections: the question and the dates; in brief; the method with the rules actually configured
// (budget, cap, self-vote, criteria with direction and scale); the timeline (each phase's start,
// end and duration, in Paris time); participation (tables present and that voted, seats present
// and that scored); the ideas and the clusters with the ideas they hold; the results (ideation:
// points per idea or cluster, sorted, as an SVG bar chart and a table; evaluation: the ranking
// with overall score, spread and agreement, each criterion's distribution as an SVG histogram
// with mean, median and spread in plain words, and which ideas have a strong consensus or
// divide, worded as the web app words it: agreement.h); when the workshop has profiles, the
// results per profile side by side (participation, points, each idea's overall score and
// criterion means) and the profiles in the method; when a step has categories, its
// consolidation table (ideas per profile and category); the ideas' facets; the criteria's
// weights when one is not 1; the head seq and hash ("empreinte") with how to check an archive
// against it.
//
// Safety: every text from the log (question, ideas, cluster titles, table names, criteria,
// method note) is escaped. The document holds no script, loads nothing, and carries its own
// Content-Security-Policy (<meta>: no script, no external resource; inline styles only), so that
// even a file saved and opened from disk cannot run a script should escaping ever fail.
//
// Pure; thread-safe.
#ifndef ATELIER_REPORT_SYNTHESIS_H_
#define ATELIER_REPORT_SYNTHESIS_H_

#include <optional>
#include <string>
#include <string_view>

#include "report/text_format.h"
#include "report/workshop_record.h"

namespace atelier::report {

// The policy the document states in its <meta>; the server sends the same as a header.
inline constexpr std::string_view kSynthesisCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

std::string RenderSynthesis(const WorkshopRecord& record, Language language);

// "fr" or "" -> French, "en" -> English; nullopt for anything else.
std::optional<Language> ParseLanguage(std::string_view code);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_SYNTHESIS_H_
