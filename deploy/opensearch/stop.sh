#!/usr/bin/env bash
# Stops the nodes that start.sh started from the same run folder (deploy/opensearch/run, or
# $ARKIV_OPENSEARCH_RUN): TERM, then KILL whatever still runs after a grace period.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="${ARKIV_OPENSEARCH_RUN:-$here/run}"
# How long a node gets to close its shards before it is killed.
grace_seconds=20
[[ -s $run/pids ]] || exit 0
# Only the processes that are still test nodes: a pid of a node that died may be another's now.
pids=""
for pid in $(cat "$run/pids"); do
    if grep -qaF 'arkiv.opensearch.TestNode' "/proc/$pid/cmdline" 2>/dev/null; then
        pids+=" $pid"
    fi
done
if [[ -z $pids ]]; then
    rm -f "$run/pids"
    exit 0
fi
kill $pids 2>/dev/null || true
for (( waited = 0; waited < grace_seconds * 10; waited++ )); do
    kill -0 $pids 2>/dev/null || break
    sleep 0.1
done
kill -9 $pids 2>/dev/null || true
rm -f "$run/pids"
