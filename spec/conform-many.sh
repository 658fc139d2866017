#!/usr/bin/env bash
# Checks many trace files against the spec at once, several TLC runs in parallel: every file
# given, and every *.ndjson file under every directory given. A file whose name contains
# "primary" and that has a partner named the same with "backup" (primary.ndjson and
# backup.ndjson of `hbft demo`, X-primary.ndjson and X-backup.ndjson) is checked with it as one
# two-process run; every other file on its own.
#
#   spec/conform-many.sh [-j JOBS] [--mode MODE] [--allow-truncated-tail] PATH...
#
#   -j JOBS    TLC runs at once (default: the number of CPUs)
#   --mode     original, revised or output-rule, for every trace (default: revised)
#
# Prints one line per run: "conforms", "DOES NOT CONFORM" or "BAD INPUT", the file(s), and for
# the last two the first line of hbft conform's report. Exit code 0 if every run conformed, 1 if
# any did not or had bad input, 2 on bad usage. Build first: mvn -q -DskipTests package
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  echo "usage: spec/conform-many.sh [-j JOBS] [--mode MODE] [--allow-truncated-tail] PATH..." >&2
  exit 2
}

jobs=$(nproc 2>/dev/null || echo 2)
pass=()
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    -j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
    --mode) [ $# -ge 2 ] || usage; pass+=(--mode "$2"); shift 2 ;;
    --allow-truncated-tail) pass+=("$1"); shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "conform-many: unknown option $1" >&2; usage ;;
    *) paths+=("$1"); shift ;;
  esac
done
[ ${#paths[@]} -gt 0 ] || usage
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "conform-many: -j needs a positive number, not $jobs" >&2; exit 2; }

files=()
for p in "${paths[@]}"; do
  if [ -d "$p" ]; then
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$p" -type f -name '*.ndjson' -print0 | sort -z)
  elif [ -f "$p" ]; then
    files+=("$p")
  else
    echo "conform-many: $p: no such file or directory" >&2
    exit 2
  fi
done
[ ${#files[@]} -gt 0 ] || { echo "conform-many: no .ndjson files in ${paths[*]}" >&2; exit 2; }

# One run per line: the file, or the primary's and the backup's separated by a tab.
runs=$(mktemp)
trap 'rm -f "$runs"' EXIT
declare -A paired=()
for f in "${files[@]}"; do
  base=$(basename "$f")
  b="$(dirname "$f")/${base/primary/backup}"
  if [[ "$base" == *primary* && -f "$b" ]]; then
    paired[$f]=1
    paired[$b]=1
    printf '%s\t%s\n' "$f" "$b" >> "$runs"
  fi
done
for f in "${files[@]}"; do
  [ -n "${paired[$f]:-}" ] || printf '%s\n' "$f" >> "$runs"
done

check() {
  local line=$1 out rc=0
  IFS=$'\t' read -r -a run <<<"$line"
  out=$("$here/hbft" conform "${pass[@]}" "${run[@]}" 2>&1) || rc=$?
  case $rc in
    0) echo "conforms          ${run[*]}" ;;
    1) echo "DOES NOT CONFORM  ${run[*]}: $(head -1 <<<"$out")" ;;
    *) echo "BAD INPUT         ${run[*]}: $(head -1 <<<"$out")" ;;
  esac
  return $((rc == 0 ? 0 : 1))
}
export -f check
export here
export pass_str="${pass[*]-}"

# xargs exits 123 if any run did not conform.
rc=0
tr '\n' '\0' < "$runs" | xargs -0 -n 1 -P "$jobs" bash -c 'pass=($pass_str); check "$1"' _ || rc=$?
[ $rc -eq 0 ] && exit 0
[ $rc -eq 123 ] && exit 1
exit 2
