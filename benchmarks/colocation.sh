#!/usr/bin/env bash
# The floor that sharing this host puts under a replicated run's normalized performance, with no
# replication at all: the bare cpu workload run alone, then two copies of it at once (as a
# primary and a backup are on one machine), alternating. Prints each round and the ratio of the
# medians (two at once / alone). A replicated pair on this host cannot be faster than this
# ratio, whatever its protocol costs.
#
#   benchmarks/colocation.sh [ROUNDS [ITERATIONS]]     (defaults: 3 rounds of 16000000 iterations;
#                                                       RUN_TIMEOUT=600 s per run)
#
# Times are the in-process times `hbft machine --stats` prints (JVM start-up excluded), as in table1.sh.
# WARMUP=N runs N untimed iterations first and takes the guest's own time of the timed ones
# instead, as table1.sh's CPU_WARMUP does: the floor without the compilers' start-up.
# Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
iters=${2:-16000000}
RUN_TIMEOUT=${RUN_TIMEOUT:-600} # seconds before a run counts as failed
WARMUP=${WARMUP:-0}
case "$rounds$iters" in *[!0-9]*|'') echo "usage: benchmarks/colocation.sh [ROUNDS [ITERATIONS]]" >&2; exit 2 ;; esac
case "$WARMUP" in *[!0-9]*|'') echo "colocation.sh: WARMUP is a number of iterations" >&2; exit 2 ;; esac
warmup=()
[ "$WARMUP" = 0 ] || warmup=(--warmup "$WARMUP")
[ "$rounds" -ge 1 ] || { echo "colocation.sh: at least one round" >&2; exit 2; }
[ -f impl/target/hbft-impl-0.1.0-SNAPSHOT.jar ] || { echo "not built: mvn -q -DskipTests package" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hbft-colocation.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Runs the workload once and prints its seconds (the guest's, with WARMUP).
one() {
  timeout "$RUN_TIMEOUT" ./hbft machine --workload cpu --iterations "$iters" "${warmup[@]}" --memory 16 --stats >"$scratch/$1.out" 2>"$scratch/$1.err" \
    || { rc=$?; [ "$rc" = 124 ] && echo "colocation.sh: a run took more than $RUN_TIMEOUT s" >&2 \
         || { echo "colocation.sh: a run failed (exit $rc):" >&2; tail -5 "$scratch/$1.err" >&2; }; exit 1; }
  if [ "$WARMUP" = 0 ]; then
    grep -E '^hbft: [0-9]+ instructions' "$scratch/$1.err" | sed -E 's/.* ([0-9.]+) s, .*/\1/'
  else
    local us
    us=$(grep -E '^cpu:' "$scratch/$1.out" | sed -nE 's/.*, ([0-9]+) us$/\1/p' | tail -1)
    [ -n "$us" ] || { echo "colocation.sh: the guest printed no time of its own:" >&2; tail -3 "$scratch/$1.out" >&2; exit 1; }
    awk -v u="$us" 'BEGIN { printf "%.3f\n", u / 1e6 }'
  fi
}

alone=() together=()
for r in $(seq "$rounds"); do
  a=$(one alone)
  one left >"$scratch/left.s" & left=$!
  b=$(one right)
  wait "$left"
  c=$(cat "$scratch/left.s")
  alone+=("$a"); together+=("$b" "$c")
  echo "round $r: alone $a s; two at once $c s and $b s"
done
python3 - "${#alone[@]}" "${alone[@]}" "${together[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); v = [float(x) for x in sys.argv[2:]]
alone, together = v[:n], v[n:]
a, t = statistics.median(alone), statistics.median(together)
print(f"median alone {a:.2f} s, two at once {t:.2f} s: ratio {t / a:.2f}")
PY
