#!/usr/bin/env bash
# Runs the same guest binary under qemu-hppa and under hbft and prints the wall-time ratio.
#   benchmarks/qemu-ratio.sh [guest-elf] [args...]     (default: guests/bin/dhry-O2 200000)
# Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
elf=${1:-guests/bin/dhry-O2}
shift || true
[ $# -gt 0 ] || set -- 200000
command -v qemu-hppa >/dev/null || { echo "qemu-hppa not installed (apt-get install qemu-user)" >&2; exit 2; }
t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
q=$(t qemu-hppa "$elf" "$@")
h=$(t ./hbft run "$elf" "$@")
echo "qemu-hppa: ${q} ms"
echo "hbft:      ${h} ms"
awk -v h="$h" -v q="$q" 'BEGIN { printf "ratio hbft/qemu-hppa: %.2f\n", h / q }'
