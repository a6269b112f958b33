#!/usr/bin/env bash
# Runs the libFuzzer targets of a fuzz build (make build-fuzz) on their committed corpora.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]   fuzz each target for SECONDS
#   tests/fuzz/run.sh BUILD_DIR merge [TARGET...]     minimize: merge the findings of earlier
#                                                     runs into tests/fuzz/corpus/<target>/
#
# Inputs: tests/fuzz/corpus/<target>/ (the committed corpus) and tests/fuzz/crashes/<target>/
# (inputs that once broke something), read only. New inputs that add coverage and crash inputs
# go to BUILD_DIR/findings/<target>/ (a scratch directory, never committed as is). A crash, a
# leak, a timeout or a broken property fails the run, and the input's path is printed.
set -uo pipefail

build=${1:?usage: run.sh BUILD_DIR SECONDS|merge [TARGET...]}
mode=${2:?usage: run.sh BUILD_DIR SECONDS|merge [TARGET...]}
shift 2
targets=("$@")
((${#targets[@]})) || targets=(client_message_fuzzer create_request_fuzzer stored_event_fuzzer websocket_reader_fuzzer)
here=$(cd "$(dirname "$0")" && pwd)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [[ -z ${ASAN_SYMBOLIZER_PATH:-} && -x /usr/bin/llvm-symbolizer-16 ]]; then
  export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-16
fi

# One target's run: fuzzes it for $mode seconds, or merges its findings (mode merge).
run_one() {
  local target=$1
  local binary=$build/tests/fuzz/$target
  local corpus=$here/corpus/$target
  local crashes=$here/crashes/$target
  local findings=$build/findings/$target
  mkdir -p "$findings/new" "$corpus"
  local dict=()
  [[ -f $here/$target.dict ]] && dict=(-dict="$here/$target.dict")
  if [[ $mode == merge ]]; then
    # A small set of inputs covering the edges that the corpus and all findings cover (edges
    # only, not their hit counts: that keeps the committed corpus to a few hundred files).
    local merged
    merged=$(mktemp -d)
    "$binary" -set_cover_merge=1 -use_counters=0 "${dict[@]}" "$merged" "$corpus" "$findings/new" \
      >"$findings/merge.log" 2>&1 ||
      { echo "fuzz: $target: merge failed, see $findings/merge.log"; return 1; }
    rm -f "$corpus"/*
    cp "$merged"/* "$corpus"/
    rm -rf "$merged"
    echo "fuzz: $target: corpus merged: $(ls "$corpus" | wc -l) inputs"
    return 0
  fi
  local inputs=("$findings/new" "$corpus")
  [[ -d $crashes ]] && inputs+=("$crashes")
  local log=$findings/run.log
  "$binary" -max_total_time="$mode" -timeout=25 -rss_limit_mb=4096 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$findings/" "${dict[@]}" "${inputs[@]}" >"$log" 2>&1
  local status=$?
  grep -E '^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)' "$log" |
    sed "s/^/fuzz: $target: /"
  if ((status != 0)); then
    tail -n 40 "$log"
    grep -E 'Test unit written to|written to' "$log" | sed "s/^/fuzz: $target: FAILED: /"
    return 1
  fi
}

failed=()
if [[ $mode == merge ]]; then
  for target in "${targets[@]}"; do run_one "$target" || failed+=("$target"); done
else
  # The targets fuzz side by side (each for $mode seconds of the clock, sharing the machine's
  # cores), each one's report printed whole once it is done.
  mkdir -p "$build/findings"
  pids=()
  for target in "${targets[@]}"; do
    echo "fuzz: $target for ${mode}s (log: $build/findings/$target/run.log)"
    run_one "$target" >"$build/findings/$target.report" 2>&1 &
    pids+=($!)
  done
  for i in "${!targets[@]}"; do
    wait "${pids[$i]}" || failed+=("${targets[$i]}")
    cat "$build/findings/${targets[$i]}.report"
  done
fi

if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (inputs under $build/findings/<target>/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran without a failure"
