#!/bin/sh
# The whole suite in two processes, one per core: the slow audio tests beside the rest, each
# with a temporary folder of its own. The slow run's output is shown after the other's, so
# neither's figures are interleaved. Usage: run-tests.sh PYTHON [pytest arguments]
set -u
python="$1"
shift
work=$(mktemp -d)
"$python" -m pytest -m slow --basetemp="$work/slow" "$@" >"$work/slow.log" 2>&1 &
slow=$!
"$python" -m pytest -m "not slow" --basetemp="$work/rest" "$@"
rest=$?
wait "$slow"
slow_status=$?
echo
echo "=== the slow audio tests ==="
cat "$work/slow.log"
rm -rf "$work"
[ "$rest" -eq 0 ] && [ "$slow_status" -eq 0 ]
