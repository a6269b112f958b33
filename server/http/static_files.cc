#include "server/http/static_files.h"

#include <algorithm>
#include <system_error>
#include <vector>

#include "server/http/content_type.h"
#include "server/http/url.h"

namespace atelier::http {
namespace {

namespace fs = std::filesystem;

bool SafeSegment(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;  // also "." and ".."
  return std::none_of(segment.begin(), segment.end(),
                      [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; });
}

// The decoded path's segments, or nullopt when the path breaks a rule of step 3.
std::optional<std::vector<std::string>> Segments(std::string_view target) {
  const std::string_view raw = TargetPath(target);
  if (raw.empty() || raw.front() != '/') return std::nullopt;
  std::optional<std::string> decoded = PercentDecode(raw);
  if (!decoded) return std::nullopt;
  std::string_view path = *decoded;
  path.remove_prefix(1);
  if (path.ends_with('/')) path.remove_suffix(1);
  std::vector<std::string> segments;
  if (path.empty()) return segments;
  while (true) {
    const size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (!SafeSegment(segment)) return std::nullopt;
    segments.emplace_back(segment);
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool IsRegularFile(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

// The file that answers, before the containment check (step 4).
std::optional<fs::path> Pick(const fs::path& root, const std::vector<std::string>& segments) {
  fs::path candidate = root;
  for (const std::string& segment : segments) candidate /= segment;
  std::error_code error;
  if (fs::is_directory(candidate, error)) return candidate / "index.html";
  if (IsRegularFile(candidate)) return candidate;
  if (segments.empty() || segments.back().find('.') != std::string::npos) return std::nullopt;
  fs::path page = candidate;
  page += ".html";
  if (IsRegularFile(page)) return page;
  return root / "index.html";
}

bool Inside(const fs::path& root, const fs::path& file) {
  auto [root_end, file_end] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end() && file_end != file.end();
}

}  // namespace

std::optional<StaticFile> ResolveStatic(const fs::path& root, std::string_view url_target) {
  const std::optional<std::vector<std::string>> segments = Segments(url_target);
  if (!segments) return std::nullopt;
  const std::optional<fs::path> picked = Pick(root, *segments);
  if (!picked) return std::nullopt;
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  if (error) return std::nullopt;
  const fs::path real_file = fs::canonical(*picked, error);
  if (error || !IsRegularFile(real_file) || !Inside(real_root, real_file)) return std::nullopt;
  return StaticFile{real_file, std::string(ContentTypeFor(real_file))};
}

std::string DefaultPage() {
  return R"(<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atelier — serveur en marche</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; background: #fff; }
a { color: #0b4f9c; }
</style>
</head>
<body>
<main>
<h1>Atelier — serveur en marche</h1>
<p>Le serveur fonctionne, mais aucune application web n’est configurée.</p>
<ul>
<li><a href="/healthz">État du serveur (/healthz)</a></li>
<li><a href="/metrics">Mesures au format Prometheus (/metrics)</a></li>
</ul>
</main>
</body>
</html>
)";
}

}  // namespace atelier::http
