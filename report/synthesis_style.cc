// The synthesis's style sheet: sober, black on white, readable when printed in black and white
// on A4 (the results start on a new page; blocks, rows and charts are not cut across pages;
// headings stay with what follows; table headers repeat on each page).
#include "report/synthesis_parts.h"

namespace atelier::report::internal {

std::string_view SynthesisCss() {
  return R"css(:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 3rem; color: #111; background: #fff;
  font: 11pt/1.5 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: .2rem 0 .6rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #111; }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .4rem; }
p { margin: .4rem 0; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .92em; }
.cover { border-bottom: 3px double #111; padding-bottom: .8rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .85rem; margin: 0; }
.muted { color: #444; }
.small { font-size: .9rem; color: #333; }
.note { font-style: italic; }
dl.figures, dl.rules { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .8rem 0; }
dl.figures > div, dl.rules > div { border: 1px solid #777; padding: .4rem .7rem; min-width: 9rem; }
dt { font-size: .85rem; color: #333; }
dd { margin: 0; font-size: 1.35rem; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid #999; }
thead th { border-bottom: 2px solid #111; font-size: .92rem; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { white-space: normal; }
table.ranking tbody th { width: 38%; }
.clusters { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .6rem; }
.cluster { border: 1px solid #777; padding: .2rem .8rem .4rem; }
.cluster ul { margin: .2rem 0; padding-left: 1.1rem; }
figure { margin: .8rem 0; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: #111; }
svg.chart text.value { font-weight: bold; }
svg.chart text.axis { font-size: 11px; }
.histograms { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .4rem 1.2rem; }
figure.histogram { margin: .3rem 0; }
figure.histogram p { font-size: .88rem; }
.idea-block { border-top: 1px solid #999; padding-top: .2rem; }
code.hash { display: block; word-break: break-all; font-size: 1.05rem; padding: .5rem .7rem; border: 1px solid #111; }
footer { margin-top: 2.5rem; font-size: .85rem; color: #333; border-top: 1px solid #999; padding-top: .5rem; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  tr, figure, .cluster, .idea-block, dl.figures, dl.rules, #in-brief, #method, #timeline,
  #participation, #fingerprint { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  #results, .new-page { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
)css";
}

}  // namespace atelier::report::internal
