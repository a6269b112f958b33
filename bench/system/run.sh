#!/usr/bin/env bash
# The system benchmarks of BENCHMARKS.md: atelier-server pinned to core 0, atelier-loadgen
# pinned to core 1, on loopback. Each run prints its report; every "RESULT {json}" line is also
# appended, with its command line, to $OUT (default bench/results.jsonl, not committed).
#
#   bench/system/run.sh [all|broadcast|baseline|raw|rates|connections|idle|storm|ingest|restart|realistic|peak|flood]
#
# Env: BUILD (default build), DURATION (seconds measured per run, default 10).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$here/build}
DURATION=${DURATION:-10}
OUT=${OUT:-$here/bench/results.jsonl}
server_bin=$BUILD/server/net/atelier-server
loadgen=$BUILD/clients/loadgen/atelier-loadgen
raw_bin=$BUILD/bench/raw_fanout/atelier-raw-fanout
make_log=$BUILD/bench/atelier-make-log
work=$(mktemp -d /tmp/atelier-bench-XXXXXX)
server_pid=
trap 'stop_server; rm -rf "$work"' EXIT

if (($(nproc) < 2)); then echo "run.sh: needs two cores (server on one, load on the other)" >&2; exit 1; fi

stop_server() {
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}

# start_server NAME COMMAND...: runs it on core 0, waits for "listening on HOST:PORT".
start_server() {
  local name=$1
  shift
  stop_server
  taskset -c 0 "$@" >"$work/$name.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if grep -qE "listening on [0-9.]+:[0-9]+" "$work/$name.out"; then
      port=$(grep -oE "listening on [0-9.]+:[0-9]+" "$work/$name.out" | head -1 | sed 's/.*://')
      return 0
    fi
    sleep 0.05
  done
  echo "run.sh: $name did not start:" >&2
  cat "$work/$name.out" >&2
  exit 1
}

# GET /healthz on the running server answers 200 (bash's /dev/tcp: no curl needed).
healthz() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r reply <&3 || true
  exec 3<&-
  [[ $reply == *" 200 "* ]]
}

# atelier-loadgen is thousands of tablets on one address, joining and sending far faster than a
# room: the per-address and per-connection limits are lifted for it (README, "Limits").
load_limits=(--max-connections-per-address 1000000 --hello-rate off --table-rate off --command-rate off)
atelier() { start_server atelier "$server_bin" --listen 127.0.0.1:0 --data "$work/data-$RANDOM" --threads 1 "${load_limits[@]}"; }
baseline() { start_server baseline node "$here/bench/baseline/server.mjs" --port 0; }
raw() { start_server raw "$raw_bin" --listen 127.0.0.1:0 "$@"; }

# load LABEL ARGS...: one loadgen run on core 1 against the running server.
load() {
  local label=$1
  shift
  local cmd=(taskset -c 1 "$loadgen" "$@" --server "127.0.0.1:$port" --server-pid "$server_pid")
  echo
  echo "## $label"
  echo "\$ ${cmd[*]}"
  local status=0
  "${cmd[@]}" | tee "$work/last.out" || status=$?
  local result
  result=$(grep '^RESULT ' "$work/last.out" | sed 's/^RESULT //' || true)
  if [[ -n $result ]]; then
    printf '{"label": "%s", "date": "%s", "command": "%s", "result": %s}\n' "$label" "$(date -Iseconds)" \
      "${cmd[*]}" "$result" >>"$OUT"
  fi
  return $status
}

room=(--workshops 1 --tables 300 --duration "$DURATION")

broadcast() {
  atelier
  load "atelier: one room of 300, saturation" broadcast "${room[@]}" --senders 50 --window 4
  atelier
  load "atelier: one room of 300, 420,000 deliveries/s" broadcast "${room[@]}" --senders 60 --window 2 --rate 1400
  atelier
  load "atelier: one room of 300, 100,000 deliveries/s" broadcast "${room[@]}" --senders 30 --window 2 --rate 334
}

baseline_runs() {
  baseline
  load "node ws baseline: one room of 300, saturation" broadcast --minimal "${room[@]}" --senders 50 --window 4
  baseline
  load "node ws baseline: one room of 300, 100,000 deliveries/s" broadcast --minimal "${room[@]}" --senders 30 --window 2 --rate 334
  baseline
  load "node ws baseline: one room of 300, 60,000 deliveries/s" broadcast --minimal "${room[@]}" --senders 30 --window 2 --rate 200
}

raw_runs() {
  raw
  load "raw fan-out (a frame per event): one room of 300, saturation" broadcast --minimal "${room[@]}" --senders 50 --window 4
  raw --coalesce
  load "raw fan-out (events coalesced per frame): one room of 300, saturation" broadcast --minimal "${room[@]}" --senders 50 --window 4
}

# Issue 16: what each server's delivery costs at fixed rates, where the load generator is not
# the limit: 100,000, 200,000 and 300,000 deliveries/s in one room of 300, Atelier beside the
# Node.js baseline and the bare coalescing fan-out, one after the other at each rate. Each run
# prints the server's CPU per delivery, the cores' busy time and (Atelier) its round stages.
rates() {
  local ideas
  for ideas in 334 667 1000; do
    atelier
    load "atelier: one room of 300, $((ideas * 300)) deliveries/s asked" broadcast "${room[@]}" --senders 60 --window 2 --rate "$ideas"
    baseline
    load "node ws baseline: one room of 300, $((ideas * 300)) deliveries/s asked" broadcast --minimal "${room[@]}" --senders 60 --window 2 --rate "$ideas"
    raw --coalesce
    load "raw fan-out (coalesced): one room of 300, $((ideas * 300)) deliveries/s asked" broadcast --minimal "${room[@]}" --senders 60 --window 2 --rate "$ideas"
  done
}

connections() {
  atelier
  load "atelier: 10,000 connections over 100 workshops" connections --workshops 100 --tables 100 --connect-parallel 500
}

# Issue 16: what an open connection that says nothing costs each server: 10,000 WebSockets,
# upgraded and silent, the server's resident size read before and after. Atelier's Hello timeout
# is lifted for it (it drops a connection that says nothing after 10 s).
idle() {
  start_server atelier "$server_bin" --listen 127.0.0.1:0 --data "$work/data-$RANDOM" --threads 1 "${load_limits[@]}" --hello-timeout 600
  load "atelier: 10,000 idle connections" idle --tables 10000 --connect-parallel 500
  baseline
  load "node ws baseline: 10,000 idle connections" idle --minimal --tables 10000 --connect-parallel 500
  raw --coalesce
  load "raw fan-out (coalesced): 10,000 idle connections" idle --minimal --tables 10000 --connect-parallel 500
}

storm() {
  atelier
  load "atelier: 1,000 clients drop and resume at once" storm --workshops 10 --tables 100 --senders 5 --rate 500 --warmup 3
}

ingest() {
  atelier
  load "atelier: durable ingest, 20 workshops of one table, 64 commands in flight each" broadcast --workshops 20 --tables 1 --senders 1 --window 64 --duration "$DURATION"
  atelier
  load "atelier: durable ingest, 100 workshops of 3 tables" broadcast --workshops 100 --tables 3 --senders 3 --window 8 --duration "$DURATION"
}

restart() {
  stop_server
  local dir=$work/long-log
  echo
  echo "## restart with a 1,000,000-event log"
  echo "\$ $make_log $dir 1000000"
  "$make_log" "$dir" 1000000
  sync  # the log was written without fsync: let it reach the disk before timing a start
  local run start_ns end_ns ms
  for run in 1 2 3; do
    start_ns=$(date +%s%N)
    start_server restart "$server_bin" --listen 127.0.0.1:0 --data "$dir" --threads 1
    until healthz; do sleep 0.01; done
    end_ns=$(date +%s%N)
    ms=$(((end_ns - start_ns) / 1000000))
    echo "restart $run: the server answered /healthz $ms ms after it was started"
    printf '{"label": "restart with a 1,000,000-event log", "date": "%s", "command": "%s --data DIR; GET /healthz", "result": {"ms": %s}}\n' \
      "$(date -Iseconds)" "$server_bin" "$ms" >>"$OUT"
    stop_server
  done
}

realistic() {
  atelier
  load "atelier: 20 workshops of 30 tables at human pace (10x)" realistic --workshops 20 --tables 30 --observers 1 --speed 10
}

# Issue 16: one workshop of a thousand people at its busiest: 333 tablets, 999 phones, 10
# observers; every phone scores 10 ideas on 3 criteria within the last minute of the step.
peak() {
  atelier
  load "atelier: 333 tablets and 999 phones score everything in the last minute" peak --tables 333 --seats 3 --observers 10 --ideas 10 --criteria 3 --peak 60
}

# One table of 100 floods (1,000 commands in flight, sent again on every answer) while 99 post
# at human pace. First with the per-connection limits at their defaults and the product's 50
# ideas per table (the flood is mostly refused); then the worst case: no command rate limit and
# 100,000 ideas per table, so that the flood is accepted and delivered to everyone.
flood() {
  local limits=(--max-connections-per-address 1000000 --hello-rate off --table-rate off)
  start_server atelier "$server_bin" --listen 127.0.0.1:0 --data "$work/data-$RANDOM" --threads 1 "${limits[@]}"
  load "atelier: one table floods, 99 at human pace (default command rate, 50 ideas per table)" \
    flood --tables 100 --duration "$DURATION" --warmup 3 --ideas-per-table 50
  start_server atelier "$server_bin" --listen 127.0.0.1:0 --data "$work/data-$RANDOM" --threads 1 "${limits[@]}" --command-rate off
  load "atelier: one table floods, 99 at human pace (--command-rate off, flood accepted)" \
    flood --tables 100 --duration "$DURATION" --warmup 3
}

what=${1:-all}
case $what in
  all) broadcast; baseline_runs; raw_runs; rates; connections; idle; storm; ingest; restart; realistic; peak; flood ;;
  broadcast) broadcast ;;
  baseline) baseline_runs ;;
  raw) raw_runs ;;
  rates) rates ;;
  connections) connections ;;
  idle) idle ;;
  storm) storm ;;
  ingest) ingest ;;
  restart) restart ;;
  realistic) realistic ;;
  peak) peak ;;
  flood) flood ;;
  *) echo "run.sh: unknown benchmark $what" >&2; exit 2 ;;
esac
