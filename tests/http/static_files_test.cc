// Static files from a real temporary directory: traversal refused, single page app fallback,
// content types.
#include "server/http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "server/http/content_type.h"

namespace atelier::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("atelier-http-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "www";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "docs");
    fs::create_directories(root_ / "empty");
    Write(root_ / "index.html", "<!doctype html>");
    Write(root_ / "console.html", "console");
    Write(root_ / "app.js", "js");
    Write(root_ / "assets" / "style.css", "css");
    Write(root_ / "assets" / "Logo.SVG", "<svg/>");
    Write(root_ / "docs" / "index.html", "docs");
    Write(root_ / ".env", "SECRET=1");
    Write(base_ / "secret.txt", "outside");
    fs::create_directories(base_ / "outside");
    Write(base_ / "outside" / "index.html", "outside");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& path, std::string_view content) {
    std::ofstream(path) << content;
  }

  // The file the target resolves to, relative to root, or "" when refused or not found.
  std::string Resolve(std::string_view target) const {
    const std::optional<StaticFile> file = ResolveStatic(root_, target);
    if (!file) return "";
    return fs::relative(file->path, fs::canonical(root_)).generic_string();
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFiles) {
  EXPECT_EQ(Resolve("/app.js"), "app.js");
  EXPECT_EQ(Resolve("/assets/style.css"), "assets/style.css");
  EXPECT_EQ(Resolve("/assets/style.css?v=3#x"), "assets/style.css");
  EXPECT_EQ(Resolve("/assets/%73tyle.css"), "assets/style.css");
  EXPECT_EQ(Resolve("/console.html"), "console.html");
}

TEST_F(StaticFilesTest, DirectoriesServeTheirIndex) {
  EXPECT_EQ(Resolve("/"), "index.html");
  EXPECT_EQ(Resolve("/?code=123456"), "index.html");
  EXPECT_EQ(Resolve("/docs"), "docs/index.html");
  EXPECT_EQ(Resolve("/docs/"), "docs/index.html");
  EXPECT_EQ(Resolve("/empty/"), "") << "a directory without index.html";
}

TEST_F(StaticFilesTest, ExtensionlessRoutesFallBackToTheirPageThenIndex) {
  EXPECT_EQ(Resolve("/console"), "console.html");
  EXPECT_EQ(Resolve("/console?workshop=w1"), "console.html");
  EXPECT_EQ(Resolve("/console/"), "console.html");
  EXPECT_EQ(Resolve("/observer?code=42"), "index.html");
  EXPECT_EQ(Resolve("/tables/3"), "index.html");
}

TEST_F(StaticFilesTest, MissingFilesWithAnExtensionAreNotFound) {
  EXPECT_EQ(Resolve("/missing.js"), "");
  EXPECT_EQ(Resolve("/assets/missing.css"), "");
}

TEST_F(StaticFilesTest, NoIndexMeansNoFallback) {
  fs::remove(root_ / "index.html");
  EXPECT_EQ(Resolve("/"), "");
  EXPECT_EQ(Resolve("/observer"), "");
  EXPECT_EQ(Resolve("/console"), "console.html");
}

TEST_F(StaticFilesTest, RefusesTraversal) {
  for (std::string_view target : {
           "/../secret.txt",
           "/..",
           "/../",
           "/assets/../../secret.txt",
           "/assets/../app.js",  // even when it would stay inside: ".." is never needed
           "/./app.js",
           "/%2e%2e/secret.txt",
           "/%2E%2E/secret.txt",
           "/%2e%2e%2fsecret.txt",
           "/assets%2f..%2f..%2fsecret.txt",
           "/.%2e/secret.txt",
           "/%252e%252e/secret.txt",  // decoded once: a file literally named "%2e%2e"
           "/..%5csecret.txt",
           "/..\\secret.txt",
           "/assets\\..\\..\\secret.txt",
           "//etc/passwd",
           "/%2fetc/passwd",
           "/%2Fetc%2Fpasswd",
           "/assets//style.css",
           "/app.js%00.html",
           "/app.js%00",
           "/%0a",
           "/.env",
           "/%2eenv",
           "/../outside/",
           "/../outside",
           "/%",
           "/%zz",
           "app.js",
           "",
           "*",
           "http://example.org/app.js",
       }) {
    EXPECT_FALSE(ResolveStatic(root_, target).has_value()) << target;
  }
  EXPECT_FALSE(ResolveStatic(root_, std::string_view("/app.js\0.html", 13)).has_value());
}

TEST_F(StaticFilesTest, RefusesSymlinksLeavingRoot) {
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  fs::create_directory_symlink(base_ / "outside", root_ / "linked");
  fs::create_symlink(root_ / "app.js", root_ / "alias.js");
  EXPECT_EQ(Resolve("/link.txt"), "");
  EXPECT_EQ(Resolve("/linked/"), "");
  EXPECT_EQ(Resolve("/linked/index.html"), "");
  EXPECT_EQ(Resolve("/alias.js"), "app.js") << "a link inside root is fine";
}

TEST_F(StaticFilesTest, RootMayBeRelativeOrMissing) {
  const fs::path previous = fs::current_path();
  fs::current_path(base_);
  EXPECT_TRUE(ResolveStatic("www", "/app.js").has_value());
  EXPECT_FALSE(ResolveStatic("www", "/../secret.txt").has_value());
  fs::current_path(previous);
  EXPECT_FALSE(ResolveStatic(base_ / "nowhere", "/").has_value());
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(ResolveStatic(root_, "/")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(ResolveStatic(root_, "/console")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(ResolveStatic(root_, "/app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(ResolveStatic(root_, "/assets/style.css")->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(ResolveStatic(root_, "/assets/Logo.SVG")->content_type, "image/svg+xml");
}

TEST(ContentTypeFor, KnownExtensions) {
  EXPECT_EQ(ContentTypeFor("a/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("app.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("data.json"), "application/json");
  EXPECT_EQ(ContentTypeFor("app.js.map"), "application/json");
  EXPECT_EQ(ContentTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("logo.PNG"), "image/png");
  EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(ContentTypeFor("font.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("site.webmanifest"), "application/manifest+json");
  EXPECT_EQ(ContentTypeFor("robots.txt"), "text/plain; charset=utf-8");
}

TEST(ContentTypeFor, UnknownIsOctetStream) {
  EXPECT_EQ(ContentTypeFor("archive.tar.gz"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("page.htm"), "application/octet-stream");
}

TEST(DefaultPage, IsASmallValidFrenchPage) {
  const std::string page = DefaultPage();
  EXPECT_TRUE(page.starts_with("<!doctype html>"));
  EXPECT_NE(page.find(R"(<html lang="fr">)"), std::string::npos);
  EXPECT_NE(page.find(R"(<meta charset="utf-8">)"), std::string::npos);
  EXPECT_NE(page.find("<title>Atelier — serveur en marche</title>"), std::string::npos);
  EXPECT_NE(page.find("<h1>"), std::string::npos);
  EXPECT_NE(page.find(R"(<a href="/healthz">)"), std::string::npos);
  EXPECT_NE(page.find(R"(<a href="/metrics">)"), std::string::npos);
  EXPECT_NE(page.find("</html>"), std::string::npos);
  EXPECT_LT(page.size(), 4096u);
  // Every element opened is closed (the page is hand-written: a cheap well-formedness check).
  for (std::string_view tag : {"html", "head", "title", "style", "body", "main", "h1", "p", "ul"}) {
    const std::string open = "<" + std::string(tag);
    const std::string close = "</" + std::string(tag) + ">";
    size_t opens = 0;
    for (size_t at = page.find(open + ">"); at != std::string::npos;
         at = page.find(open + ">", at + 1)) {
      ++opens;
    }
    for (size_t at = page.find(open + " "); at != std::string::npos;
         at = page.find(open + " ", at + 1)) {
      ++opens;
    }
    size_t closes = 0;
    for (size_t at = page.find(close); at != std::string::npos; at = page.find(close, at + 1)) {
      ++closes;
    }
    EXPECT_EQ(opens, closes) << tag;
  }
}

}  // namespace
}  // namespace atelier::http
