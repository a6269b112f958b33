// The Content-Type the server sends for a file it serves, chosen by the file's extension
// (case-insensitive). Text types say charset=utf-8: the web app is written in French.
//
// Pure; thread-safe.
#ifndef ATELIER_SERVER_HTTP_CONTENT_TYPE_H_
#define ATELIER_SERVER_HTTP_CONTENT_TYPE_H_

#include <filesystem>
#include <string_view>

namespace atelier::http {

// html, js/mjs, css, json, map, svg, png, ico, woff2, webmanifest, txt; anything else is
// application/octet-stream, which browsers will not run or render.
std::string_view ContentTypeFor(const std::filesystem::path& file);

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_CONTENT_TYPE_H_
