// Which file of the web app answers a GET, without ever leaving the static directory; and the
// page served when no static directory is configured.
//
// The rule, for a request target under `root`:
//   1. The query string and fragment are dropped; the path must start with '/'.
//   2. The path is percent-decoded once; a malformed escape is refused.
//   3. It is split on '/'. Refused: an empty segment (`//`, except one trailing '/'), "." or
//      "..", a segment starting with '.' (no dotfiles: .git, .env), NUL, a backslash or any
//      other control character, in any segment. So no absolute path, no climbing out, encoded
//      or not.
//   4. root/<path> is looked up:
//        - a directory (including "/") -> its index.html;
//        - a regular file -> that file;
//        - nothing, and the last segment has no extension (/console, /observer): the single
//          page app's routes -> root/<path>.html if it is a file, else root/index.html;
//        - nothing, with an extension (/app.js) -> not found.
//   5. The file found must be a regular file whose real path (symlinks resolved) is inside
//      root's real path.
// ResolveStatic does not distinguish "refused" from "not found": both are nullopt, and the
// caller answers 404 without saying why.
//
// Thread-safe (it only reads the file system). The file may change or vanish between resolving
// and opening it; the caller handles the failure to open.
#ifndef ATELIER_SERVER_HTTP_STATIC_FILES_H_
#define ATELIER_SERVER_HTTP_STATIC_FILES_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace atelier::http {

struct StaticFile {
  std::filesystem::path path;  // absolute, symlinks resolved
  std::string content_type;    // ContentTypeFor(path)
};

std::optional<StaticFile> ResolveStatic(const std::filesystem::path& root,
                                        std::string_view url_target);

// A small French HTML page ("Atelier — serveur en marche") linking to /healthz and /metrics,
// for a server started without a static directory. UTF-8, served as text/html.
std::string DefaultPage();

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_STATIC_FILES_H_
