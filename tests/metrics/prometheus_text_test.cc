// The Prometheus text writer: lines, labels, escaping, numbers.
#include "server/metrics/prometheus_text.h"

#include <gtest/gtest.h>

#include <limits>

namespace atelier::metrics {
namespace {

TEST(PrometheusText, FamilyThenSamples) {
  PrometheusText out;
  out.Family("atelier_things_total", "counter", "Things.");
  out.Sample("atelier_things_total", {}, uint64_t{3});
  out.Sample("atelier_things_total", {{"kind", "a"}, {"side", "b"}},
             uint64_t{18446744073709551615u});
  out.Family("atelier_level", "gauge", "Level.");
  out.Sample("atelier_level", {}, int64_t{-2});
  EXPECT_EQ(out.text(),
            "# HELP atelier_things_total Things.\n"
            "# TYPE atelier_things_total counter\n"
            "atelier_things_total 3\n"
            "atelier_things_total{kind=\"a\",side=\"b\"} 18446744073709551615\n"
            "# HELP atelier_level Level.\n"
            "# TYPE atelier_level gauge\n"
            "atelier_level -2\n");
}

TEST(PrometheusText, EscapesLabelValues) {
  EXPECT_EQ(EscapeLabelValue(R"(a\b"c)"
                             "\n"
                             "d"),
            R"(a\\b\"c\nd)");
  EXPECT_EQ(EscapeLabelValue("salle municipale é"), "salle municipale é");
  PrometheusText out;
  out.Sample("m", {{"path", "/a\"b"}}, uint64_t{1});
  EXPECT_EQ(out.text(), "m{path=\"/a\\\"b\"} 1\n");
}

TEST(PrometheusText, EscapesHelpButNotQuotes) {
  EXPECT_EQ(EscapeHelp("say \"hi\"\\\nbye"), "say \"hi\"\\\\\\nbye");
  PrometheusText out;
  out.Family("m", "counter", "two\nlines");
  EXPECT_EQ(out.text(), "# HELP m two\\nlines\n# TYPE m counter\n");
}

TEST(PrometheusText, Doubles) {
  PrometheusText out;
  out.Sample("a", {}, 0.0005);
  out.Sample("b", {}, 0.0);
  out.Sample("c", {}, std::numeric_limits<double>::infinity());
  out.Sample("d", {}, -std::numeric_limits<double>::infinity());
  out.Sample("e", {}, std::numeric_limits<double>::quiet_NaN());
  out.Sample("f", {}, 2.5);
  out.Sample("g", {}, 1e300);  // too long for fixed notation
  EXPECT_EQ(out.text(), "a 0.0005\nb 0\nc +Inf\nd -Inf\ne NaN\nf 2.5\ng 1e+300\n");
}

}  // namespace
}  // namespace atelier::metrics
