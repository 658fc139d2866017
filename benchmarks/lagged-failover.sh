#!/usr/bin/env bash
# Failover when the backup has fallen behind. An idle kv pair (no client) runs; the backup is
# stopped (SIGSTOP) for STOP_S seconds while the primary goes on ending idle epochs, then the
# primary is killed (SIGKILL) and the backup continued (SIGCONT). The backup must read and run
# every epoch it was sent before it may promote itself (P7), so this measures how fast a backup
# replays what it missed. Per run, from the backup's --stats-json: when it detected the failure
# (after the SIGKILL), how many epochs it still had to run then, and how long after detection it
# promoted itself.
#
#   benchmarks/lagged-failover.sh [RUNS [STOP_S]]    (defaults: 3 runs, the backup stopped 3 s;
#                                                     RUN_TIMEOUT=60 s per run, BASE_PORT)
#
# The primary's failure timeout is set long (60 s) so that it does not declare the stopped
# backup failed and go on alone; the backup keeps the default detector. Writes
# benchmarks/results/lagged-failover-STAMP.csv. Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
stop_s=${2:-3}
RUN_TIMEOUT=${RUN_TIMEOUT:-60}
case "$runs" in ''|*[!0-9]*) echo "usage: benchmarks/lagged-failover.sh [RUNS [STOP_S]]" >&2; exit 2 ;; esac
[[ "$stop_s" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "lagged-failover.sh: STOP_S must be a number of seconds" >&2; exit 2; }
case "$RUN_TIMEOUT" in ''|*[!0-9]*) echo "lagged-failover.sh: RUN_TIMEOUT must be a whole number of seconds" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "lagged-failover.sh: at least one run" >&2; exit 2; }
[ -f impl/target/hbft-impl-0.1.0-SNAPSHOT.jar ] || { echo "not built: mvn -q -DskipTests package" >&2; exit 2; }
command -v ss >/dev/null || { echo "lagged-failover.sh: needs ss (iproute2)" >&2; exit 2; }
port=${BASE_PORT:-$((20000 + $$ % 20000))}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p benchmarks/results
csv=benchmarks/results/lagged-failover-$stamp.csv
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hbft-lagged.XXXXXX")
bpid= ppid_=
cleanup() {
  for p in $ppid_ $bpid; do
    kill -CONT "$p" 2>/dev/null || true
    kill -9 "$p" 2>/dev/null || true
  done
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

listening() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }
now_ns() { python3 -c 'import time; print(time.monotonic_ns())'; }

echo "stamp,run,stopped_s,detected_ms,epochs_left,promoted_ms,status" > "$csv"
./hbft keygen "$scratch/key" >/dev/null
for r in $(seq "$runs"); do
  port=$((port + 3))
  rep=$port net_b=$((port + 1)) net_p=$((port + 2))
  img=$scratch/shared.img B=$scratch/B.json
  rm -f "$img" "$B"
  common=(--workload kv --epoch 4096 --mode revised --memory 16 --disk "$img" --replication "127.0.0.1:$rep" --key "$scratch/key")
  # exec: the recorded PIDs are the JVMs themselves, which SIGSTOP and SIGKILL must reach.
  (exec ./hbft backup "${common[@]}" --net "127.0.0.1:$net_b" --create-disk 4096 --console-out "$scratch/bcon" \
    --stats-json "$B" >"$scratch/blog" 2>&1) &
  bpid=$!
  for i in $(seq 300); do
    kill -0 "$bpid" 2>/dev/null || break
    [ -s "$img" ] && listening "$rep" && break
    sleep 0.1
  done
  (exec ./hbft primary "${common[@]}" --net "127.0.0.1:$net_p" --timeout-ms 60000 --console-out "$scratch/pcon" \
    >"$scratch/plog" 2>&1) &
  ppid_=$!
  for i in $(seq 300); do
    kill -0 "$ppid_" 2>/dev/null || break
    listening "$net_p" && break
    sleep 0.1
  done
  status=ok
  if ! kill -0 "$ppid_" 2>/dev/null || ! kill -0 "$bpid" 2>/dev/null; then
    status="a replica did not start"
  else
    sleep 1
    kill -STOP "$bpid"
    sleep "$stop_s"
    killed=$(now_ns)
    kill -9 "$ppid_"
    kill -CONT "$bpid"
    wait "$ppid_" 2>/dev/null || true
    ppid_=
    for i in $(seq $((RUN_TIMEOUT * 10))); do listening "$net_b" && break; kill -0 "$bpid" 2>/dev/null || break; sleep 0.1; done
    if listening "$net_b"; then
      timeout 10 ./hbft kv-client --connect "127.0.0.1:$net_b" SHUTDOWN >/dev/null 2>&1 || status="the new primary did not take SHUTDOWN"
    else
      status="the backup did not take over"
    fi
  fi
  for i in $(seq $((RUN_TIMEOUT * 10))); do kill -0 "$bpid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$bpid" 2>/dev/null || true
  wait "$bpid" 2>/dev/null || true
  bpid=
  line=",,"
  if [ "$status" = ok ]; then
    if [ -s "$B" ]; then
      line=$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1])); k = int(sys.argv[2])
if not b.get("failureDetectedNanos") or not b.get("promotedNanos"):
    print(",,"); sys.exit()
print("%.1f,%d,%.1f" % ((b["failureDetectedNanos"] - k) / 1e6, b["failoverEpoch"] - b["failureDetectedEpoch"],
                        (b["promotedNanos"] - b["failureDetectedNanos"]) / 1e6))' "$B" "$killed")
      [ "$line" != ",," ] || status="the backup's statistics show no promotion"
    else
      status="no statistics from the backup"
    fi
  fi
  echo "$stamp,$r,$stop_s,$line,$status" >> "$csv"
  if [ "$status" = ok ]; then
    IFS=, read -r det left prom <<<"$line"
    unit=epochs; [ "$left" = 1 ] && unit=epoch
    echo "run $r: failure detected $det ms after the SIGKILL with $left $unit left to run; promoted $prom ms later"
  else
    echo "run $r: $status (logs: backup $(tail -1 "$scratch/blog" 2>/dev/null))" >&2
  fi
done
echo "wrote $csv"
