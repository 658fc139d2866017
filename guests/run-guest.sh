#!/bin/sh
# Runs one guest binary under qemu-hppa the way its expected output is
# recorded, and writes <outdir>/<binary>.stdout, .stderr and .exit.
#   run-guest.sh bin/<name>-O<level> <outdir>
# With QEMU set to the empty string the binary is run directly (host builds).
# Conventions (a test harness replaying the binaries must do the same):
#   - arguments: src/<name>.args, one argument per line (empty line = empty
#     argument), argv[0] is the binary path; programs never print argv[0];
#   - stdin: src/<name>.stdin if present, otherwise empty;
#   - the environment is empty;
#   - .exit is the status as a shell reports it (128+N for signal N);
#   - for fault-* programs no .stderr is kept: qemu prints a register dump
#     that is not part of the program's behaviour.
set -u
bin=$1
out=$2
QEMU=${QEMU-qemu-hppa}
b=$(basename "$bin")
p=${b%-O*}
dir=$(dirname "$0")

set --
if [ -f "$dir/src/$p.args" ]; then
    while IFS= read -r a || [ -n "$a" ]; do
        set -- "$@" "$a"
    done < "$dir/src/$p.args"
fi
in=/dev/null
[ -f "$dir/src/$p.stdin" ] && in="$dir/src/$p.stdin"

mkdir -p "$out"
ulimit -c 0
env -i $QEMU "$bin" "$@" < "$in" > "$out/$b.stdout.tmp" 2> "$out/$b.stderr.tmp"
echo $? > "$out/$b.exit.tmp"
case $p in
    fault-*) rm -f "$out/$b.stderr.tmp" "$out/$b.stderr" ;;
    *) mv "$out/$b.stderr.tmp" "$out/$b.stderr" ;;
esac
mv "$out/$b.stdout.tmp" "$out/$b.stdout"
mv "$out/$b.exit.tmp" "$out/$b.exit"
