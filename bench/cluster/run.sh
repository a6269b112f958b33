#!/usr/bin/env bash
# Issue 15's figures (BENCHMARKS.md, "Several nodes"): one workshop of 3,000 connections over one,
# two and three atelier-server nodes on one nats-server. The nodes and nats-server share core 0
# (this machine has two cores: what scales is reported, not capacity); atelier-loadgen runs on
# core 1. The workshop is made on the first node (its owner); the connections are spread over
# the nodes in turn. For each run: the loadgen's report (deliveries/s, command-to-delivery
# latency, every idea received exactly once), the CPU time of each process, and what NATS carried
# per idea (messages and bytes in and out, from its /varz, sampled over the measured window).
#
#   bench/cluster/run.sh [RATE [NODES...]]   RATE ideas/s (default 20), NODES (default 1 2 3)
#   EDGE_ONLY=1 bench/cluster/run.sh RATE 2  every connection on the second node (an edge)
#
# Env: BUILD (default build), DURATION (seconds measured, default 10), TABLES (default 990: the
# loadgen asks for 10 more, and a workshop has 1,000 at most) and OBSERVERS (default 2010),
# OBSERVER_RESULTS (default reveal: the observers get the ideas, not results ten times a second,
# which would measure the load generator's decoding of 20,000 results a second).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$here/build}
DURATION=${DURATION:-10}
TABLES=${TABLES:-990}
OBSERVERS=${OBSERVERS:-2010}
RATE=${1:-20}
shift || true
NODES=("$@")
((${#NODES[@]})) || NODES=(1 2 3)
server_bin=$BUILD/server/net/atelier-server
loadgen=$BUILD/clients/loadgen/atelier-loadgen
nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
work=$(mktemp -d /tmp/atelier-cluster-bench-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
varz() { python3 - "$1" <<'PY'
import json, sys, urllib.request
v = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/varz"))
print(v["in_msgs"], v["out_msgs"], v["in_bytes"], v["out_bytes"])
PY
}
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }

load_limits=(--max-connections-per-address 1000000 --hello-rate off --table-rate off --command-rate off)

for n in "${NODES[@]}"; do
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  nats_port=$(free_port)
  monitor_port=$(free_port)
  taskset -c 0 "$nats_bin" -a 127.0.0.1 -p "$nats_port" -m "$monitor_port" -js -sd "$work/js-$n" \
    >"$work/nats.out" 2>&1 &
  nats_pid=$!
  pids+=("$nats_pid")
  sleep 0.5
  addresses=()
  node_pids=()
  for i in $(seq 1 "$n"); do
    taskset -c 0 "$server_bin" --listen 127.0.0.1:0 --data "$work/data-$n-$i" --threads 1 \
      --cluster "nats://127.0.0.1:$nats_port" --node "node$i" "${load_limits[@]}" \
      >"$work/node$i.out" 2>"$work/node$i.err" &
    node_pids+=($!)
    pids+=($!)
    for _ in $(seq 1 200); do
      grep -qE "listening on [0-9.]+:[0-9]+" "$work/node$i.out" && break
      sleep 0.05
    done
    addresses+=("$(grep -oE "[0-9.]+:[0-9]+" "$work/node$i.out" | head -1)")
  done
  servers=$(IFS=,; echo "${addresses[*]}")
  create=()
  if [[ ${EDGE_ONLY:-} == 1 && $n -ge 2 ]]; then
    servers=${addresses[1]}
    create=(--create-on "${addresses[0]}")
  fi
  cmd=(taskset -c 1 stdbuf -oL "$loadgen" broadcast --tables "$TABLES" --observers "$OBSERVERS" --senders 10 --rate "$RATE"
       --observer-results "${OBSERVER_RESULTS:-reveal}"
       --duration "$DURATION" --warmup 3 --server "$servers" "${create[@]}")
  echo
  echo "## $n node(s), $TABLES tables + $OBSERVERS observers, $RATE ideas/s${EDGE_ONLY:+ (every connection on an edge)}"
  echo "\$ ${cmd[*]}"
  # NATS' counters every second, and the processes' CPU times around the measured window: the
  # per-second rates' median is the steady state (the connections' joins and leaves, a few
  # seconds at each end, fall outside it).
  ( while true; do echo "$(date +%s.%N) $(varz "$monitor_port")"; sleep 1; done ) >"$work/varz.txt" 2>/dev/null &
  sampler=$!
  "${cmd[@]}" >"$work/load.out" 2>&1 &
  load_pid=$!
  for _ in $(seq 1 600); do
    grep -qE "^connected [0-9]" "$work/load.out" 2>/dev/null && break
    sleep 0.1
  done
  sleep 4
  cpu0=(); for p in "$nats_pid" "${node_pids[@]}"; do cpu0+=("$(cpu_of "$p")"); done
  t0=$(date +%s.%N)
  sleep $((DURATION - 3))
  cpu1=(); for p in "$nats_pid" "${node_pids[@]}"; do cpu1+=("$(cpu_of "$p")"); done
  t1=$(date +%s.%N)
  wait "$load_pid" || echo "(the loadgen reported a failure)"
  kill "$sampler" 2>/dev/null || true
  cat "$work/load.out"
  ideas=$(grep -oE "^measured [0-9.]+ s: [0-9.]+ ideas/s" "$work/load.out" | awk '{print $4}')
  python3 - "${ideas:-0}" "$t0" "$t1" "${cpu0[*]}" "${cpu1[*]}" "$work/varz.txt" <<'PY'
import statistics, sys
ideas, t0, t1 = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
rows = [list(map(float, l.split())) for l in open(sys.argv[6]) if len(l.split()) == 5]
rates = [[(b[i] - a[i]) / (b[0] - a[0]) for i in range(1, 5)] for a, b in zip(rows, rows[1:])]
if ideas > 0 and rates:
    ins, outs, inb, outb = (statistics.median(r[i] for r in rates) for i in range(4))
    print(f"NATS per idea (median second): {ins/ideas:.2f} messages in, {outs/ideas:.2f} out; "
          f"{inb/ideas:.0f} bytes in, {outb/ideas:.0f} out ({ins:.0f} msgs/s in, "
          f"{outb/1e6:.3f} MB/s out)")
hz = 100.0
c0 = [float(x) for x in sys.argv[4].split()]
c1 = [float(x) for x in sys.argv[5].split()]
names = ["nats-server"] + [f"node{i}" for i in range(1, len(c0))]
print("CPU (% of a core): " + ", ".join(
    f"{n} {100*(b-a)/hz/(t1-t0):.0f}" for n, a, b in zip(names, c0, c1)))
PY
done
