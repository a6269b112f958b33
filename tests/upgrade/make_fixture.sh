#!/usr/bin/env bash
# Makes the upgrade fixture of this version: a data directory written by this version's
# atelier-demo (an ideation with merges, votes and its reveal, then the evaluation of its five
# best ideas scored by 18 participants) and by its server while `atelier demo --template` plays
# each of its methods (every ballot kind, profiles, facets, smiley scales), and the heads and
# results this version computes from it. Run once per release from a built tree, commit the
# result, never rewrite an old one:
#   tests/upgrade/make_fixture.sh build tests/upgrade/fixtures/NAME
set -euo pipefail
build=${1:?usage: make_fixture.sh BUILD_DIR FIXTURE_DIR}
fixture=${2:?usage: make_fixture.sh BUILD_DIR FIXTURE_DIR}
if [[ -e $fixture ]]; then
  echo "make_fixture: $fixture exists; a fixture is never rewritten" >&2
  exit 1
fi
mkdir -p "$fixture/expected"
"$build/server/demo/atelier-demo" --data "$fixture/data" --tables 6 --seed 7 >/dev/null
# Every method, played over the real protocol by the real server on a free loopback port.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/server/net/atelier-server" --listen "127.0.0.1:$port" --data "$fixture/data" \
  >"$fixture/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
keys=$(curl -fs "http://127.0.0.1:$port/api/templates" |
  python3 -c 'import json, sys; print(" ".join(t["key"] for t in json.load(sys.stdin)["templates"]))')
for key in $keys; do
  "$build/clients/cli/atelier" demo --server "127.0.0.1:$port" --template "$key" --pace-ms 0 \
    --seed 7 >/dev/null
done
kill -TERM $server
wait $server || true
trap - EXIT
rm -f "$fixture/server.log" "$fixture/data/LOCK"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -a "$fixture/data" "$scratch/data"
"$build/tests/upgrade/write_expectations" "$scratch/data" "$fixture/expected"
echo "written by $(git -C "$(dirname "$0")" rev-parse --short HEAD) on $(date -u +%F)" >"$fixture/VERSION"
