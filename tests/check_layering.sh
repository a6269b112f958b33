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

status=0
for folder in "${!allowed[@]}"; do
  [[ -d $folder ]] || continue
  while IFS= read -r -d '' file; do
    while IFS=: read -r line include; do
      ok=0
      for prefix in ${allowed[$folder]}; do
        [[ $include == "$prefix"/* ]] && ok=1
      done
      if ((!ok)); then
        echo "$file:$line: includes \"$include\", which $folder/ may not (it may include: ${allowed[$folder]})"
        status=1
      fi
    done < <(grep -nE '^\s*#\s*include\s+"' "$file" | sed -E 's/^([0-9]+):\s*#\s*include\s+"([^"]+)".*/\1:\2/')
    for library in "${!system_allowed[@]}"; do
      if grep -nE "^\s*#\s*include\s+<$library/" "$file" >/dev/null; then
        ok=0
        for owner in ${system_allowed[$library]}; do
          [[ $folder == "$owner" || $folder == "$owner"/* ]] && ok=1
        done
        if ((!ok)); then
          grep -nE "^\s*#\s*include\s+<$library/" "$file" | sed -E "s|^([0-9]+):.*|$file:\1: includes <$library/...>, which only ${system_allowed[$library]} may|"
          status=1
        fi
      fi
    done
  done < <(find "$folder" -type f \( -name '*.h' -o -name '*.cc' \) -not -path '*/node_modules/*' -print0)
done
exit $status
