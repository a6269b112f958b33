#!/usr/bin/env bash
# The tree's layering, checked by every build (make build, and ctest): each folder includes only
# from itself and the folders below it, so that a wrong include fails the build.
#
#   server/net -> server/cluster -> server/room -> server/engine -> server/workshop -> proto
#                                             \-> storage -> proto
#   server/metrics: the counters rooms and the edge count into; server/http: the HTTP side
#   without sockets (every HTTP status is decided there)
#   server/demo -> server/engine;  clients -> proto only (never the server's code), except
#   archive/: the archive format and its offline check, which folds events with the server's
#   own domain code on purpose (archive -> server/workshop, storage); `atelier verify` uses it;
#   and report/: the synthesis and raw data, made from events folded with the same domain code
#   (report -> server/workshop), by the server (server/room, server/net) and offline by
#   `atelier synthesis` and `atelier data` (clients)
#
# RocksDB is included by storage/ alone; Boost by the network edge and the rooms alone.
# Prints each offending include as FILE:LINE and exits 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [storage]="storage atelier/v1"
  [server/workshop]="server/workshop atelier/v1"
  [server/engine]="server/engine server/workshop storage atelier/v1"
  [server/log]="server/log"
  [server/metrics]="server/metrics atelier/v1"
  [server/http]="server/http server/metrics server/log atelier/v1"
  [server/room]="server/room archive report server/engine server/workshop server/metrics server/log storage atelier/v1"
  [server/cluster]="server/cluster server/room server/engine server/workshop server/metrics server/log storage atelier/v1"
  [server/net]="server/net archive report server/cluster server/room server/http server/metrics server/engine server/workshop server/log storage atelier/v1"
  [server/demo]="server/demo server/engine server/workshop storage atelier/v1"
  [archive]="archive storage server/workshop atelier/v1"
  [report]="report server/workshop atelier/v1"
  [clients]="clients archive report atelier/v1"
)
declare -A system_allowed=(
  [rocksdb]="storage"
  [boost]="server/net server/cluster server/room clients"
  [nats]="server/cluster"
)

# One grep over the tree, one awk over its lines (a process per file took 13 s on 2 cores; this
# takes a fraction of one).
rules() {
  local key
  for key in "${!allowed[@]}"; do echo "folder ${key} ${allowed[$key]}"; done
  for key in "${!system_allowed[@]}"; do echo "system ${key} ${system_allowed[$key]}"; done
}
folders=()
for folder in "${!allowed[@]}"; do [[ -d $folder ]] && folders+=("$folder"); done

grep -rnE --include='*.h' --include='*.cc' --exclude-dir=node_modules \
  '^\s*#\s*include\s+["<]' "${folders[@]}" |
  awk -v rules="$(rules)" '
    BEGIN {
      n = split(rules, lines, "\n")
      for (i = 1; i <= n; i++) {
        split(lines[i], f, " ")
        list = ""
        for (j = 3; j in f; j++) list = list (list == "" ? "" : " ") f[j]
        if (f[1] == "folder") { may[f[2]] = list; keys[++nkeys] = f[2] }
        else owners[f[2]] = list
      }
    }
    {
      # FILE:LINE:#include "x" or <x>
      file = $0; sub(/:.*/, "", file)
      rest = substr($0, length(file) + 2)
      line = rest; sub(/:.*/, "", line)
      text = substr(rest, length(line) + 2)
      folder = ""
      for (k = 1; k <= nkeys; k++) {
        if (index(file, keys[k] "/") == 1 && length(keys[k]) > length(folder)) folder = keys[k]
      }
      if (folder == "") next
      if (match(text, /"[^"]+"/)) {
        include = substr(text, RSTART + 1, RLENGTH - 2)
        np = split(may[folder], prefixes, " ")
        ok = 0
        for (p = 1; p <= np; p++) if (index(include, prefixes[p] "/") == 1) ok = 1
        if (!ok) {
          printf "%s:%s: includes \"%s\", which %s/ may not (it may include: %s)\n", file, line, include, folder, may[folder]
          bad = 1
        }
      } else if (match(text, /<[^\/>]+\//)) {
        library = substr(text, RSTART + 1, RLENGTH - 2)
        if (!(library in owners)) next
        no = split(owners[library], allowed_owners, " ")
        ok = 0
        for (o = 1; o <= no; o++) {
          if (folder == allowed_owners[o] || index(folder, allowed_owners[o] "/") == 1) ok = 1
        }
        if (!ok) {
          printf "%s:%s: includes <%s/...>, which only %s may\n", file, line, library, owners[library]
          bad = 1
        }
      }
    }
    END { exit bad }'
