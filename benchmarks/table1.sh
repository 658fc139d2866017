#!/usr/bin/env bash
# Reproduces Table 1 of Bressoud & Schneider, "Hypervisor-based fault tolerance" (SOSP 1995):
# normalized performance NP = (replicated run time) / (bare run time, same emulator) for the
# cpu, disk-write and disk-read workloads at epoch lengths 1K..32K instructions, under the
# original and the revised protocol. Primary and backup are two processes on loopback.
#
#   benchmarks/table1.sh [--quick | --steady] [--failover] [--no-table]
#
#   --quick      about 1/8 of the iterations (a smoke test; NP is then distorted by JIT warm-up)
#   --steady     8, 4 and 4 times the default iterations (bare runs of about 17, 5 and 2.5 s), so
#                that the JVMs' warm-up, which two replicas sharing two CPUs pay more for than
#                one bare run, weighs little (the original protocol's cpu column then takes about 40
#                minutes: MODES=revised leaves it out)
#   --failover   also run `hbft demo --writes 200 --kill-after 100` FAILOVER_RUNS times (default 5)
#                and report the failover times (median, max); the raw CSV also has when, after the SIGKILL,
#                the backup detected the failure and when it was promoted
#   --no-table   skip the Table 1 runs (with --failover: only the failover measurement)
#
# Environment (all optional):
#   WORKLOADS                     which workloads (default "cpu disk-write disk-read")
#   CPU_ITERS DW_ITERS DR_ITERS   workload iterations (default 2000000 / 4096 / 8192; the cpu
#                                 default gives a bare run of about 2.5 s with block translation)
#   CPU_WARMUP DW_WARMUP DR_WARMUP  untimed iterations each run does first (default 0). A workload
#                                 with warm-up is timed by the guest itself (the microseconds its
#                                 console line ends with, bare and replicated alike), so that NP
#                                 leaves out what the JVMs spend warming up: steady state
#   EPOCHS                        epoch lengths (default "1024 2048 4096 8192 32768")
#   MODES                         protocol modes (default "original revised")
#   BARE_REPS                     bare runs per workload (at least 1); the median is used (default 3)
#   PAIRS                         0 (default), or N: measure every cell N times, each time a bare run
#                                 right before the replicated one, and give NP as the median of the N
#                                 ratios (BARE_REPS is then not used): on a host whose speed drifts
#                                 by more than the figures differ, each ratio compares runs a few
#                                 seconds apart
#   DISK_BLOCKS                   disk size in 4096-byte blocks (default 4096)
#   RUN_TIMEOUT                   seconds before a run is killed (default 300)
#   PIN                           1: the bare run and the primary on CPU 0, the backup on CPU 1
#                                 (taskset), each processor with a CPU of its own as on the paper's
#                                 two single-CPU workstations; NP is then relative to a bare run on
#                                 one CPU; results go to table1-<date>-pin.csv. Default 0: the
#                                 scheduler places every thread.
#   COMPANION                     1: every bare run shares the machine with a second bare copy of
#                                 its workload started with it (on CPU 1 with PIN=1, where the
#                                 backup runs), so that NP compares a pair with a run that had the
#                                 same neighbour but no replication: what the protocol costs with
#                                 the host's sharing left out (benchmarks/colocation.sh measures
#                                 that sharing alone). Results go to table1-<date>[-pin]-companion.csv.
#                                 Default 0: bare runs have the machine to themselves, as the paper's.
#   FD_TIMEOUT_MS                 the replicas' failure-detector timeout (default 2000; the CLI's
#                                 150 ms can fire spuriously when a benchmark loads both CPUs, and a false failover
#                                 ends the run early)
#   NOISY_PCT, NOISY_RETRIES      a run during which other processes used more than NOISY_PCT percent
#                                 of the machine's CPU time (default 30) is repeated, up to NOISY_RETRIES
#                                 times (default 1); the tables use the least disturbed attempt and
#                                 mark a cell with * if even that one was disturbed
#   FAIL_RETRIES                  a failed run is repeated up to this many times (default 1); the
#                                 failed attempts are listed under the tables and their logs kept
#   QUIET_WAIT, QUIET_PCT         before each run, wait up to QUIET_WAIT s (default 0; before a repeat
#                                 20) for the other processes' CPU use to drop below QUIET_PCT % (25)
#   FAILOVER_RUNS, FAILOVER_ARGS  demo runs (5) and extra `hbft demo` options (none)
#   SLOW_FAILOVER_MS              a demo run whose failover takes at least this long keeps its output
#                                 (summary, logs, stats, traces) in results/failover-STAMP-slow/ (100)
#   BASE_PORT                     first replication port (default: derived from the PID)
#
# Times: the bare time is the in-process time `hbft machine --stats` prints, the replicated time
# the primary's elapsedNanos (from the link coming up to power-off); neither includes JVM start-up.
# With warm-up, both are the guest's own time of its timed iterations (guest_seconds in the CSV).
# Raw results go to benchmarks/results/table1-<date>.csv (every attempt; other_cpu_pct is the other
# processes' share of both CPUs during the run; waited_seconds and sending_seconds the primary's time
# waiting for the backup and handing frames to the link, waited_long_seconds the part of that waiting
# spent in waits of 1,024 µs or more, the wait histogram's buckets from there up - stalls rather than
# round trips), logs of failed runs to table1-<date>-failed/. The tables printed at the end come from
# benchmarks/table1_report.py, which reads any such file again; benchmarks/table1_plot.py draws it.
# Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0 failover=0 table=1
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --steady) quick=2 ;;
    --failover) failover=1 ;;
    --no-table) table=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "table1.sh: unknown option $a (try --help)" >&2; exit 2 ;;
  esac
done

[ -f impl/target/hbft-impl-0.1.0-SNAPSHOT.jar ] || { echo "not built: mvn -q -DskipTests package" >&2; exit 2; }
for c in python3 timeout; do
  command -v "$c" >/dev/null || { echo "table1.sh: $c is needed" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "table1.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

if [ "$quick" = 1 ]; then
  CPU_ITERS=${CPU_ITERS:-250000} DW_ITERS=${DW_ITERS:-512} DR_ITERS=${DR_ITERS:-1024}
elif [ "$quick" = 2 ]; then
  CPU_ITERS=${CPU_ITERS:-16000000} DW_ITERS=${DW_ITERS:-16384} DR_ITERS=${DR_ITERS:-32768}
fi
WORKLOADS=${WORKLOADS:-"cpu disk-write disk-read"}
CPU_ITERS=${CPU_ITERS:-2000000}
DW_ITERS=${DW_ITERS:-4096}
DR_ITERS=${DR_ITERS:-8192}
CPU_WARMUP=${CPU_WARMUP:-0} DW_WARMUP=${DW_WARMUP:-0} DR_WARMUP=${DR_WARMUP:-0}
case "$CPU_WARMUP$DW_WARMUP$DR_WARMUP" in *[!0-9]*) echo "table1.sh: CPU_WARMUP, DW_WARMUP and DR_WARMUP are numbers" >&2; exit 2 ;; esac
EPOCHS=${EPOCHS:-"1024 2048 4096 8192 32768"}
MODES=${MODES:-"original revised"}
BARE_REPS=${BARE_REPS:-3}
PAIRS=${PAIRS:-0}
case "$BARE_REPS$PAIRS" in *[!0-9]*) echo "table1.sh: BARE_REPS and PAIRS are numbers" >&2; exit 2 ;; esac
[ "$BARE_REPS" -ge 1 ] || { echo "table1.sh: BARE_REPS must be at least 1" >&2; exit 2; }
DISK_BLOCKS=${DISK_BLOCKS:-4096}
RUN_TIMEOUT=${RUN_TIMEOUT:-300}
FD_TIMEOUT_MS=${FD_TIMEOUT_MS:-2000}
NOISY_PCT=${NOISY_PCT:-30}
NOISY_RETRIES=${NOISY_RETRIES:-1}
FAIL_RETRIES=${FAIL_RETRIES:-1}
QUIET_WAIT=${QUIET_WAIT:-0}
QUIET_PCT=${QUIET_PCT:-25}
FAILOVER_RUNS=${FAILOVER_RUNS:-5}
PIN=${PIN:-0}
pin_bare=() pin_primary=() pin_backup=()
if [ "$PIN" = 1 ]; then
  command -v taskset >/dev/null || { echo "table1.sh: PIN=1 needs taskset (util-linux)" >&2; exit 2; }
  [ "$(nproc --all)" -ge 2 ] || { echo "table1.sh: PIN=1 needs two CPUs" >&2; exit 2; }
  pin_bare=(taskset -c 0) pin_primary=(taskset -c 0) pin_backup=(taskset -c 1)
elif [ "$PIN" != 0 ]; then
  echo "table1.sh: PIN must be 0 or 1" >&2; exit 2
fi
COMPANION=${COMPANION:-0}
case "$COMPANION" in 0|1) ;; *) echo "table1.sh: COMPANION must be 0 or 1" >&2; exit 2 ;; esac
pin_companion=()
[ "$PIN" = 1 ] && pin_companion=(taskset -c 1)
FAILOVER_ARGS=${FAILOVER_ARGS:-}
SLOW_FAILOVER_MS=${SLOW_FAILOVER_MS:-100}
case "$SLOW_FAILOVER_MS" in ''|*[!0-9]*) echo "table1.sh: SLOW_FAILOVER_MS must be a whole number of milliseconds" >&2; exit 2 ;; esac
port=${BASE_PORT:-$((20000 + $$ % 20000))}
hz=$(getconf CLK_TCK)

stamp=$(date +%Y%m%d-%H%M%S)
[ "$PIN" = 1 ] && stamp="$stamp-pin"
[ "$COMPANION" = 1 ] && stamp="$stamp-companion"
mkdir -p benchmarks/results
csv=benchmarks/results/table1-$stamp.csv
fcsv=benchmarks/results/failover-$stamp.csv
slowdir=benchmarks/results/failover-$stamp-slow
faildir=benchmarks/results/table1-$stamp-failed
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hbft-table1.XXXXXX")
bpid= cpid=
# Stops a process started as /usr/bin/time timeout ...: its child, timeout, passes the signal on.
stop_timed() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    local c
    for c in $(pgrep -P "$1" || true); do kill "$c" 2>/dev/null || true; done
  fi
}
cleanup() {
  stop_timed "$bpid"
  stop_timed "$cpid"
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# "busy total" CPU ticks of the whole machine so far.
ticks() {
  awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}

# Percent of the machine's CPU time used by everything over 0.5 s.
busy_pct() {
  local b1 t1 b2 t2
  read -r b1 t1 < <(ticks)
  sleep 0.5
  read -r b2 t2 < <(ticks)
  awk -v b=$((b2 - b1)) -v t=$((t2 - t1)) 'BEGIN { printf "%.0f", (t > 0 ? 100 * b / t : 0) }'
}

# Waits (at most $1 s) for a quiet machine.
settle() {
  local max=$1 waited=0 p
  [ "$max" -gt 0 ] || return 0
  p=$(busy_pct)
  while [ "$p" -gt "$QUIET_PCT" ] && [ "$waited" -lt "$max" ]; do
    sleep 1.5; waited=$((waited + 2)); p=$(busy_pct)
  done
}

# Other processes' share (%) of the CPU time between two tick readings, given our CPU seconds.
other_pct() { # b1 t1 b2 t2 our_seconds
  awk -v b=$(($3 - $1)) -v t=$(($4 - $2)) -v ours="$5" -v hz="$hz" \
    'BEGIN { o = b / hz - ours; if (o < 0) o = 0; printf "%.0f", (t > 0 ? 100 * o / (t / hz) : 0) }'
}

# User + system seconds from a /usr/bin/time -f "%U %S" output file (0 if missing).
cpu_secs() { awk 'END { if (NF == 2) printf "%.2f", $1 + $2; else print 0 }' "$1" 2>/dev/null || echo 0; }

# The user + system seconds of two such files together.
cpu_secs_of_both() { awk -v a="$(cpu_secs "$1")" -v b="$(cpu_secs "$2")" 'BEGIN { print a + b }'; }

iters_of() {
  case "$1" in cpu) echo "$CPU_ITERS" ;; disk-write) echo "$DW_ITERS" ;; disk-read) echo "$DR_ITERS" ;; esac
}

warmup_of() {
  case "$1" in cpu) echo "$CPU_WARMUP" ;; disk-write) echo "$DW_WARMUP" ;; disk-read) echo "$DR_WARMUP" ;; esac
}

# Sets the array named $2 to workload $1's --warmup option (empty without warm-up).
warmup_args() {
  local -n into=$2
  into=()
  [ "$(warmup_of "$1")" = 0 ] || into=(--warmup "$(warmup_of "$1")")
}

# The workload's result line on a console (cpu, disk-write, disk-read; nothing if there is none).
workload_line() {
  grep -E '^(cpu|disk-write|disk-read):' "$1" 2>/dev/null || true
}

# The guest's own time of its timed iterations, in seconds, from its console line (empty if none).
guest_secs() {
  workload_line "$1" | sed -nE 's/.*, ([0-9]+) us$/\1/p' | tail -1 | awk 'NF { printf "%.6f", $1 / 1e6 }'
}

# The workload's result line on the console, minus its timing: must be the same bare and replicated.
result_line() {
  workload_line "$1" | sed -E 's/, [0-9]+ us$//'
}

save_failure() {
  local name=$1 f; shift
  mkdir -p "$faildir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$faildir/$name.$(basename "$f")"; done
  for f in "$@"; do
    [ -f "$f" ] || continue
    echo "---- tail of $(basename "$f") ($name)" >&2
    tail -n 15 "$f" >&2 || true
  done
}

declare -A expect
# Set by each run: its status and the other processes' CPU share during it.
run_status= run_other=
# With PAIRS: the pair a run belongs to (mode-epoch-number), written with it; and its number.
pair_tag= pair_rep=

bare() {
  local w=$1 rep=$2 attempt=$3 it disk=() out=$scratch/bare.out err=$scratch/bare.err tf=$scratch/bare.time
  local rc=0 s e b1 t1 b2 t2 wu=()
  it=$(iters_of "$w")
  warmup_args "$w" wu
  if [ "$w" != cpu ]; then
    rm -f "$scratch/raw.img"
    disk=(--disk "$scratch/raw.img" --create-disk "$DISK_BLOCKS")
  fi
  local ctf=$scratch/companion.time cdisk=() cgone=
  rm -f "$tf" "$ctf"
  read -r b1 t1 < <(ticks)
  s=$(date +%s%N)
  if [ "$COMPANION" = 1 ]; then
    # Four times the iterations, so that it outlasts the measured run; stopped when that one ends.
    if [ "$w" != cpu ]; then
      rm -f "$scratch/companion.img"
      cdisk=(--disk "$scratch/companion.img" --create-disk "$DISK_BLOCKS")
    fi
    /usr/bin/time -f '%U %S' -o "$ctf" timeout "$RUN_TIMEOUT" \
      "${pin_companion[@]}" ./hbft machine --workload "$w" --iterations $((4 * it)) --memory 16 "${cdisk[@]}" \
      >/dev/null 2>"$scratch/companion.err" &
    cpid=$!
  fi
  /usr/bin/time -f '%U %S' -o "$tf" timeout "$RUN_TIMEOUT" \
    "${pin_bare[@]}" ./hbft machine --workload "$w" --iterations "$it" "${wu[@]}" --memory 16 --stats "${disk[@]}" \
    >"$out" 2>"$err" || rc=$?
  e=$(date +%s%N)
  if [ -n "$cpid" ]; then
    if ! kill -0 "$cpid" 2>/dev/null; then
      cgone=1
      log "bare $w rep $rep: the companion ended before the measured run: $(tail -1 "$scratch/companion.err")"
    fi
    stop_timed "$cpid"
    wait "$cpid" 2>/dev/null || true
    cpid=
  fi
  read -r b2 t2 < <(ticks)
  run_other=$(other_pct "$b1" "$t1" "$b2" "$t2" "$(cpu_secs_of_both "$tf" "$ctf")")
  local line secs= insns=
  line=$(grep -E '^hbft: [0-9]+ instructions' "$err" | tail -1 || true)
  run_status=ok
  local untimed=
  [ "$(warmup_of "$w")" = 0 ] || [ -n "$(guest_secs "$out")" ] || untimed=1
  if [ "$rc" != 0 ] || [ -z "$line" ] || [ -n "$cgone" ] || [ -n "$untimed" ]; then
    run_status=fail
    log "bare $w rep $rep FAILED (exit $rc)"
    save_failure "bare-$w-$rep-$attempt" "$out" "$err" "$scratch/companion.err"
  else
    secs=$(sed -E 's/.* ([0-9.]+) s, .*/\1/' <<<"$line")
    insns=$(sed -E 's/^hbft: ([0-9]+) instructions.*/\1/' <<<"$line")
    [ -n "${expect[$w]:-}" ] || expect[$w]=$(result_line "$out")
    log "bare $w rep $rep: $secs s ($insns instructions; other processes ${run_other}% CPU)"
  fi
  echo "$stamp,$w,bare,0,$rep,$attempt,$it,$run_status,$rc,,$secs,$insns,,,,,$(awk -v d=$((e - s)) 'BEGIN{printf "%.3f", d/1e9}'),$run_other,,,$pair_tag,$(warmup_of "$w"),$(guest_secs "$out")," >> "$csv"
}

replicated() {
  local w=$1 ep=$2 mode=$3 attempt=$4 it name rc=0 brc=0 s e b1 t1 b2 t2
  it=$(iters_of "$w")
  name="$w-$ep-$mode"
  port=$((port + 1))
  local img=$scratch/shared.img key=$scratch/key P=$scratch/P.json B=$scratch/B.json
  local pcon=$scratch/primary.console bcon=$scratch/backup.console plog=$scratch/primary.log blog=$scratch/backup.log
  local ptf=$scratch/primary.time btf=$scratch/backup.time
  rm -f "$img" "$P" "$B" "$pcon" "$bcon" "$plog" "$blog" "$ptf" "$btf"
  local wu=()
  warmup_args "$w" wu
  local common=(--workload "$w" --iterations "$it" "${wu[@]}" --epoch "$ep" --mode "$mode" --memory 16 --disk "$img"
    --replication "127.0.0.1:$port" --key "$key" --timeout-ms "$FD_TIMEOUT_MS")
  read -r b1 t1 < <(ticks)
  s=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$btf" timeout "$((RUN_TIMEOUT + 30))" \
    "${pin_backup[@]}" ./hbft backup "${common[@]}" --create-disk "$DISK_BLOCKS" --console-out "$bcon" --stats-json "$B" >"$blog" 2>&1 &
  bpid=$!
  # The primary opens the shared disk before it connects: wait until the backup made it and listens.
  local i
  for i in $(seq 300); do
    kill -0 "$bpid" 2>/dev/null || break
    if [ -s "$img" ]; then
      if ! command -v ss >/dev/null; then sleep 0.5; break; fi
      [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ] && break
    fi
    sleep 0.1
  done
  /usr/bin/time -f '%U %S' -o "$ptf" timeout "$RUN_TIMEOUT" \
    "${pin_primary[@]}" ./hbft primary "${common[@]}" --console-out "$pcon" --stats-json "$P" >"$plog" 2>&1 || rc=$?
  wait "$bpid" || brc=$?
  bpid=
  e=$(date +%s%N)
  read -r b2 t2 < <(ticks)
  run_other=$(other_pct "$b1" "$t1" "$b2" "$t2" \
    "$(cpu_secs_of_both "$ptf" "$btf")")
  local secs= insns= epochs= bytes= msgs= bpe= fd= waited= sending= waited_long= why=
  if [ -s "$P" ]; then
    read -r secs insns epochs bytes msgs bpe fd waited sending waited_long < <(python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
bpe = j["bytesSent"] / j["epochs"] if j["epochs"] else 0
long = sum(b["nanos"] for b in j.get("waits", []) if b["fromMicros"] >= 1024)
print("%.3f %d %d %d %d %.1f %d %.3f %.3f %.3f" % (j["elapsedNanos"] / 1e9, j["instructions"], j["epochs"], j["bytesSent"],
      j["messagesSent"], bpe, j["failureDetectedNanos"], j["waitedNanos"] / 1e9, j["sendingNanos"] / 1e9, long / 1e9))
' "$P") || true
    [ "$fd" = 0 ] || why="the primary saw the backup fail"
  else
    why="no statistics from the primary"
  fi
  [ "$rc" = 0 ] || why="primary exit $rc${why:+; $why}"
  [ "$brc" = 0 ] || why="backup exit $brc${why:+; $why}"
  if [ -z "$why" ] && [ "$(warmup_of "$w")" != 0 ] && [ -z "$(guest_secs "$pcon")" ]; then
    why="no time on the primary's console, which a run with warm-up is measured by"
  fi
  if [ -z "$why" ] && [ -n "${expect[$w]:-}" ] && [ "$(result_line "$pcon")" != "${expect[$w]}" ]; then
    why="the workload's result differs from the bare run's: $(result_line "$pcon")"
  fi
  run_status=ok
  if [ -n "$why" ]; then
    run_status=fail
    log "$name FAILED: $why"
    save_failure "$name-$attempt" "$plog" "$blog" "$pcon" "$bcon" "$P" "$B"
  else
    log "$name: $secs s, $epochs epochs, $bpe bytes/epoch (other processes ${run_other}% CPU)"
  fi
  echo "$stamp,$w,$mode,$ep,${pair_rep:-1},$attempt,$it,$run_status,$rc,$brc,$secs,$insns,$epochs,$bytes,$msgs,$bpe,$(awk -v d=$((e - s)) 'BEGIN{printf "%.3f", d/1e9}'),$run_other,$waited,$sending,$pair_tag,$(warmup_of "$w"),$(guest_secs "$pcon"),$waited_long" >> "$csv"
}

# Runs a measurement; repeats it after a failure (up to FAIL_RETRIES times) and while other processes
# disturbed it (up to NOISY_RETRIES times). Every attempt is in the CSV.
measure() {
  local attempt=1 fails=0 noisy=0
  settle "$QUIET_WAIT"
  "$@" "$attempt"
  while true; do
    if [ "$run_status" != ok ]; then
      fails=$((fails + 1))
      [ "$fails" -le "$FAIL_RETRIES" ] || break
      log "  repeating after the failure"
    elif [ "$run_other" -gt "$NOISY_PCT" ]; then
      noisy=$((noisy + 1))
      [ "$noisy" -le "$NOISY_RETRIES" ] || break
      log "  disturbed (${run_other}% > ${NOISY_PCT}%): repeating"
      settle "$(( QUIET_WAIT > 20 ? QUIET_WAIT : 20 ))"
    else
      break
    fi
    attempt=$((attempt + 1))
    "$@" "$attempt"
  done
}

if [ "$table" = 1 ]; then
  echo "date,workload,mode,epoch,rep,attempt,iterations,status,rc_primary,rc_backup,seconds,instructions,epochs,bytes_sent,messages_sent,bytes_per_epoch,wall_seconds,other_cpu_pct,waited_seconds,sending_seconds,pair,warmup,guest_seconds,waited_long_seconds" > "$csv"
  ./hbft keygen "$scratch/key" >/dev/null
  log "iterations: cpu $CPU_ITERS, disk-write $DW_ITERS, disk-read $DR_ITERS; epochs $EPOCHS; modes $MODES; PIN=$PIN$([ "$COMPANION" = 0 ] || echo "; bare runs with a companion")$([ "$PAIRS" = 0 ] || echo "; $PAIRS pairs a cell")"
  t0=$(date +%s)
  for w in $WORKLOADS; do
    if [ "$PAIRS" -gt 0 ]; then
      for ep in $EPOCHS; do
        for m in $MODES; do
          for i in $(seq "$PAIRS"); do
            pair_tag="$m-$ep-$i" pair_rep=$i
            measure bare "$w" "$i"
            measure replicated "$w" "$ep" "$m"
          done
        done
      done
      pair_tag= pair_rep=
      continue
    fi
    # All bare runs but the last before the replicated ones, the last after them: load that
    # comes and goes shows up in the spread of the bare times.
    for r in $(seq $((BARE_REPS - 1))); do measure bare "$w" "$r"; done
    for ep in $EPOCHS; do
      for m in $MODES; do measure replicated "$w" "$ep" "$m"; done
    done
    measure bare "$w" "$BARE_REPS"
  done
  log "table runs took $(( $(date +%s) - t0 )) s; raw results in $csv"

  NOISY_PCT=$NOISY_PCT COMPANION=$COMPANION python3 benchmarks/table1_report.py "$csv"
fi

if [ "$failover" = 1 ]; then
  echo "date,run,failover_ms,detected_ms,promoted_ms,exit,other_cpu_pct" > "$fcsv"
  vals=()
  for i in $(seq "$FAILOVER_RUNS"); do
    out=$scratch/demo-$i txt=$scratch/demo-$i.txt tf=$scratch/demo-$i.time
    rc=0
    settle "$QUIET_WAIT"
    read -r b1 t1 < <(ticks)
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %S' -o "$tf" timeout "$RUN_TIMEOUT" \
      ./hbft demo --writes 200 --kill-after 100 --out "$out" $FAILOVER_ARGS >"$txt" 2>&1 || rc=$?
    read -r b2 t2 < <(ticks)
    other=$(other_pct "$b1" "$t1" "$b2" "$t2" "$(cpu_secs "$tf")")
    ms=$(sed -nE 's/^ *failover time +([0-9.]+) ms.*/\1/p' "$txt" | head -1)
    # The demo's breakdown, each after the SIGKILL: so that a slow failover shows which part was slow.
    det=$(sed -nE 's/^ *failure detected after +([0-9.]+) ms.*/\1/p' "$txt" | head -1)
    prom=$(sed -nE 's/^ *promoted after +([0-9.]+) ms.*/\1/p' "$txt" | head -1)
    echo "$stamp,$i,$ms,$det,$prom,$rc,$other" >> "$fcsv"
    if [ "$rc" != 0 ] || [ -z "$ms" ]; then
      log "failover run $i FAILED (exit $rc; failover time printed: ${ms:-none}; other processes ${other}% CPU)"
      save_failure "failover-$i" "$txt" "$out/primary.log" "$out/backup.log" "$out/backup.json"
    else
      log "failover run $i: $ms ms (detected after ${det:-?} ms, promoted after ${prom:-?} ms; other processes ${other}% CPU)"
      if [ "${ms%.*}" -ge "$SLOW_FAILOVER_MS" ]; then
        # Kept for a look at where the time went (the traces show every epoch the backup ran).
        mkdir -p "$slowdir/run-$i"
        cp "$txt" "$out"/*.log "$out"/*.json "$out"/*.ndjson "$slowdir/run-$i/" 2>/dev/null || true
        log "  slow: output kept in $slowdir/run-$i"
      fi
      vals+=("$ms")
    fi
  done
  echo
  echo "Failover time (SIGKILL of the primary to the first reply from the new primary), hbft demo --writes 200 --kill-after 100${FAILOVER_ARGS:+ $FAILOVER_ARGS}:"
  if [ "${#vals[@]}" -gt 0 ]; then
    python3 -c 'import statistics, sys; v = [float(x) for x in sys.argv[1:]]; print("successful runs: " + ", ".join(f"{x:.1f}" for x in v) + " ms; median %.1f ms, max %.1f ms" % (statistics.median(v), max(v)))' "${vals[@]}"
  else
    echo "no successful runs"
  fi
  [ "${#vals[@]}" = "$FAILOVER_RUNS" ] || echo "FAILED runs: $((FAILOVER_RUNS - ${#vals[@]})) of $FAILOVER_RUNS (logs in $faildir)"
  echo "raw: $fcsv"
fi
