#!/bin/sh
# The whole suite in two processes, one per core: the slow audio tests beside the rest, each
# with a temporary folder of its own. The slow run's output is shown after the other's, so
# neither's figures are interleaved; only the other keeps pytest's cache, so the two never
# write it at once. Stopping the script stops both and removes the folder.
# Usage: run-tests.sh PYTHON [pytest arguments]
set -u
python="$1"
shift
work=$(mktemp -d)
slow=""
trap '[ -n "$slow" ] && kill "$slow" 2>/dev/null; rm -rf "$work"; exit 130' INT TERM
"$python" -m pytest -m slow --basetemp="$work/slow" -p no:cacheprovider "$@" \
    >"$work/slow.log" 2>&1 &
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
