#!/usr/bin/env bash
# Stops the cluster of scripts/spark/start-cluster.sh: the Thrift server first
# (its executors end with it), then the worker, then the master. Each gets
# SIGTERM and up to 30 s; then every remaining process of this cluster (found
# by the marker on its command line, see cluster-env.sh) gets SIGKILL.
# Exits non-zero only if a process is still there after that.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"

ident=member_value
stop_pid() {  # stop_pid <pid> <name>
    local pid=$1 name=$2 waited=0
    kill -0 "$pid" 2>/dev/null || return 0
    echo "stop-cluster: stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge 60 ]; then
            echo "stop-cluster: $name did not stop within 30s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
}

for daemon in \
    "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2:Thrift server" \
    "org.apache.spark.deploy.worker.Worker:worker" \
    "org.apache.spark.deploy.master.Master:master"; do
    class=${daemon%%:*}
    name=${daemon#*:}
    pid_file="$MV_PID_DIR/spark-$ident-$class-1.pid"
    if [ -f "$pid_file" ]; then
        stop_pid "$(cat "$pid_file")" "$name"
        rm -f "$pid_file"
    fi
done

# Executors and anything whose pid file was lost.
for pid in $(mv_cluster_pids); do
    echo "stop-cluster: killing leftover process $pid: $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-120)" >&2
    kill -KILL "$pid" 2>/dev/null || true
done
for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ -z "$(mv_cluster_pids)" ] && break
    sleep 0.5
done
left=$(mv_cluster_pids)
if [ -n "$left" ]; then
    echo "stop-cluster: processes still running: $left" >&2
    exit 1
fi
echo "stop-cluster: stopped; no process of $MV_CLUSTER_DIR is left."
