// The synthesis's wording in French (the default) and English. Phase names and agreement words
// are the web app's (clients/web/src/i18n/common.ts), so that a printed synthesis says what the
// room's screens said.
//
// Static data; thread-safe.
#ifndef ATELIER_REPORT_WORDS_H_
#define ATELIER_REPORT_WORDS_H_

#include <cstdint>
#include <string>

#include "atelier/v1/workshop.pb.h"
#include "report/agreement.h"
#include "report/text_format.h"

namespace atelier::report {

struct Words {
  Language language;
  const char* lang_code;  // "fr"
  const char* title;      // "Synthèse de l'atelier"
  const char* ideation;
  const char* evaluation;
  const char* workshop_id;
  const char* paris_time;
  const char* in_brief;
  const char* method;
  const char* rules;
  const char* budget;           // "Budget par table"
  const char* cap;              // "Au plus par idée ou regroupement"
  const char* self_vote_no;
  const char* self_vote_yes;
  const char* criteria;
  const char* criterion;
  const char* direction;
  const char* scale;
  const char* higher_better;
  const char* lower_better;
  const char* method_ideation;    // one paragraph: how the vote works
  const char* method_evaluation;  // one paragraph: how the scoring works
  const char* timeline;
  const char* phase;
  const char* began;
  const char* ended;
  const char* duration;
  const char* ongoing;
  const char* planned;  // before the time the agenda planned for a step
  const char* participation;
  const char* participation_note;  // "the view of those present"
  const char* tables_present;
  const char* tables_voted;
  const char* points_spent;
  const char* ideas_count;
  const char* clusters_count;
  const char* seats_present;
  const char* seats_scored;
  const char* ideas_and_clusters;
  const char* clusters;
  const char* all_ideas;
  const char* idea;
  const char* number;
  const char* in_cluster;
  const char* carried_from;        // "reprise de l'atelier"
  const char* no_ideas;
  const char* results;
  const char* points_title;
  const char* points_chart;        // aria label
  const char* points_top;          // "the N first, all in the table below": see TopNote
  const char* rank;
  const char* idea_or_cluster;
  const char* points;
  const char* tables;
  const char* cluster_mark;        // "regroupement"
  const char* no_votes;
  const char* ranking;
  const char* overall;
  const char* spread;
  const char* agreement;
  const char* ranking_note;
  const char* agreement_note;
  const char* distributions;
  const char* consensual;
  const char* divisive;
  const char* none_consensual;
  const char* none_divisive;
  const char* no_scores;
  const char* mean;
  const char* median;
  const char* stddev;
  const char* fingerprint;
  const char* fingerprint_events;  // "events 1 to"
  const char* verify_how;          // before the command
  const char* verify_compare;      // after it
  const char* made_from;           // footer
  const char* unnamed_table;
  // Profiles, facets, weights (issue 14).
  const char* profiles;             // "Profils" (the method's list)
  const char* profile;              // a column's or row's header
  const char* everyone;             // "Ensemble": all profiles together
  const char* no_profile;           // ideas of the animateur or of a table without a profile
  const char* per_profile;          // the section's heading
  const char* per_profile_note;     // what a profile's results are made of
  const char* participation_by_profile;
  const char* points_by_profile;
  const char* overall_by_profile;
  const char* mean_by_profile;      // before a criterion's name
  const char* consolidation;        // the role cards' table
  const char* consolidation_note;
  const char* total;
  const char* facets;               // the ideas table's column: category, stage, lane
  const char* weight;               // the criteria table's column
  const char* smileys;              // a smiley scale, after its range
  const char* criterion_origin;     // "taken from workshop", then its id and the idea's points
  const char* step;                 // "Étape" before a step's number
};

const Words& WordsFor(Language language);

// "Préparation", "Divergence : proposer des idées"... as the web app names them.
std::string PhaseName(atelier::v1::Phase phase, Language language);
std::string AgreementName(Agreement agreement, Language language);

// "3 tables", "1 table"; French counts 0 and 1 as singular, English only 1.
std::string Count(uint64_t n, const char* singular, const char* plural, Language language);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_WORDS_H_
