#!/usr/bin/env bash
# Makes the upgrade fixture of this version: a data directory written by this version's
# atelier-demo (an ideation with merges, votes and its reveal, then the evaluation of its five
# best ideas scored by 18 participants), and the heads and results this version computes from
# it. Run once per release from a built tree, commit the result, never rewrite an old one:
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
rm -f "$fixture/data/LOCK"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -a "$fixture/data" "$scratch/data"
"$build/tests/upgrade/write_expectations" "$scratch/data" "$fixture/expected"
echo "written by $(git -C "$(dirname "$0")" rev-parse --short HEAD) on $(date -u +%F)" >"$fixture/VERSION"
