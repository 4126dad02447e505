#!/usr/bin/env bash
# Starts arkiv's test cluster: NODES (default 1) OpenSearch 2.19.6 nodes, each its own Java
# process, on free loopback ports, with their data under the run folder (deploy/opensearch/run,
# or $ARKIV_OPENSEARCH_RUN for a second cluster beside it). Builds the node program with Maven
# first when needed (offline when the local repository has everything). Waits until the
# cluster is green and prints ARKIV_OPENSEARCH=http://127.0.0.1:PORT as its last line.
#
#   deploy/opensearch/start.sh [NODES] [-E setting=value ...]
#
# Each -E setting goes to every node (as in opensearch.yml), e.g. -E thread_pool.write.queue_size=1.
# ARKIV_OPENSEARCH_HEAP sets each node's heap (default 512m for one node, 384m each for more).
# deploy/opensearch/stop.sh stops the nodes of the same run folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="${ARKIV_OPENSEARCH_RUN:-$here/run}"
nodes=1
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    nodes=$1
    shift
fi
if (( nodes < 1 )); then
    echo "start.sh: NODES must be at least 1, not $nodes" >&2
    exit 2
fi
settings=()
while [[ $# -gt 0 ]]; do
    case $1 in
        -E)
            [[ $# -ge 2 && $2 == *=* ]] || { echo "start.sh: -E needs setting=value" >&2; exit 2; }
            settings+=("-Dopensearch.$2")
            shift 2
            ;;
        *) echo "start.sh: unknown argument '$1' (usage: start.sh [NODES] [-E setting=value ...])" >&2; exit 2 ;;
    esac
done
# How long the nodes get to form a green cluster; a cold JVM on a busy 2-core machine is slow.
ready_seconds=240

if [[ -s $run/pids ]] && kill -0 $(cat "$run/pids") 2>/dev/null; then
    echo "start.sh: a cluster of this run folder is running already ($run); stop it with stop.sh" >&2
    exit 2
fi

# The build: the jar and its dependencies in target/, rebuilt when the sources are newer.
jar="$here/target/arkiv-opensearch-node-0.1.0.jar"
if [[ ! -f $jar || ! -d $here/target/lib ]] || [[ -n $(find "$here/pom.xml" "$here/src" -newer "$jar" -print -quit) ]]; then
    echo "start.sh: building the node program with Maven" >&2
    if ! mvn -q -B -o -f "$here/pom.xml" package -DskipTests >/dev/null 2>&1; then
        mvn -q -B -f "$here/pom.xml" package -DskipTests >&2
    fi
fi

# What an earlier cluster of this run folder left; nothing else in the folder is touched.
rm -rf "$run"/node-* "$run/pids" "$run/http-ports" "$run/url"
mkdir -p "$run"
# Free loopback ports, two per node (HTTP, transport), chosen by the kernel.
read -r -a ports <<<"$(python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(2 * int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
' "$nodes")"
heap="${ARKIV_OPENSEARCH_HEAP:-$( (( nodes == 1 )) && echo 512m || echo 384m)}"
seeds="" managers=""
for (( i = 0; i < nodes; i++ )); do
    seeds+="${seeds:+,}127.0.0.1:${ports[2 * i + 1]}"
    managers+="${managers:+,}node-$((i + 1))"
done
if (( nodes == 1 )); then
    discovery=(-Dopensearch.discovery.type=single-node)
else
    discovery=(-Dopensearch.discovery.seed_hosts="$seeds" -Dopensearch.cluster.initial_cluster_manager_nodes="$managers")
fi
started=$(date +%s.%N)
for (( i = 0; i < nodes; i++ )); do
    name="node-$((i + 1))"
    home="$run/$name"
    mkdir -p "$home/config" "$home/data" "$home/logs"
    # The node's own setsid, so that a kill of the test's process group leaves it to stop.sh.
    setsid java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -Xss1m \
        -Dlog4j2.disable.jmx=true -Dio.netty.noUnsafe=true -Dio.netty.allocator.numDirectArenas=0 \
        -Djava.locale.providers=SPI,COMPAT -Dfile.encoding=UTF-8 \
        -cp "$jar:$here/target/lib/*" \
        -Dopensearch.path.home="$home" -Dopensearch.path.data="$home/data" -Dopensearch.path.logs="$home/logs" \
        -Dopensearch.cluster.name=arkiv-test -Dopensearch.node.name="$name" \
        -Dopensearch.network.host=127.0.0.1 \
        -Dopensearch.http.port="${ports[2 * i]}" -Dopensearch.transport.port="${ports[2 * i + 1]}" \
        -Dopensearch.cluster.routing.allocation.disk.threshold_enabled=false \
        "${discovery[@]}" "${settings[@]}" \
        arkiv.opensearch.TestNode >"$home/logs/node.log" 2>&1 </dev/null &
    echo $! >>"$run/pids"
    echo "${ports[2 * i]}" >>"$run/http-ports"
done

url="http://127.0.0.1:${ports[0]}"
deadline=$(( $(date +%s) + ready_seconds ))
until curl -fsS "$url/_cluster/health?wait_for_status=green&wait_for_nodes=$nodes&timeout=5s" >/dev/null 2>&1; do
    for pid in $(cat "$run/pids"); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "start.sh: a node (pid $pid) stopped while starting; its log:" >&2
            tail -n 30 "$run"/node-*/logs/node.log >&2
            "$here/stop.sh" >&2 || true
            exit 1
        fi
    done
    if (( $(date +%s) > deadline )); then
        echo "start.sh: the cluster was not green within ${ready_seconds} s; see $run/node-*/logs/node.log" >&2
        "$here/stop.sh" >&2 || true
        exit 1
    fi
    sleep 1
done
elapsed=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")
echo "start.sh: $nodes node(s) green in ${elapsed} s, heap $heap each, data in $run" >&2
echo "$url" >"$run/url"
echo "ARKIV_OPENSEARCH=$url"
