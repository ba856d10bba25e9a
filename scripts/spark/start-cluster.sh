#!/usr/bin/env bash
# Starts a Spark standalone cluster on this machine for the `spark_cluster`
# dbt target: one master, one worker and the Spark Thrift server (HiveServer2
# protocol), all bound to 127.0.0.1. The Thrift server is an application of
# the master, so queries run in the worker's executor. Spark is the one that
# the pyspark package ships (no separate Spark install).
#
# Waits until each part answers. If any part fails to come up, or the script
# is interrupted, everything already started is stopped again. Stop with
# scripts/spark/stop-cluster.sh; settings in scripts/spark/cluster-env.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
SCRIPT_DIR="$PROJECT_ROOT/scripts/spark"

started=0
cleanup_on_failure() {
    local status=$?
    trap - EXIT INT TERM
    if [ "$started" != 1 ]; then
        echo "start-cluster: failed; stopping what was started (logs in $MV_LOG_DIR)" >&2
        "$SCRIPT_DIR/stop-cluster.sh" >&2 || true
        [ "$status" = 0 ] && status=1
    fi
    exit "$status"
}
trap cleanup_on_failure EXIT INT TERM

if [ -n "$(mv_cluster_pids)" ]; then
    echo "start-cluster: a cluster for $MV_CLUSTER_DIR is already running (pids $(mv_cluster_pids | tr '\n' ' '))." >&2
    echo "start-cluster: stop it with scripts/spark/stop-cluster.sh" >&2
    started=1  # not ours to stop
    exit 1
fi

port_in_use() {
    (exec 3<>"/dev/tcp/$MV_HOST/$1") 2>/dev/null
}
for port in "$MV_MASTER_PORT" "$MV_MASTER_UI_PORT" "$MV_WORKER_UI_PORT" "$MV_THRIFT_PORT"; do
    if port_in_use "$port"; then
        echo "start-cluster: port $port on $MV_HOST is already in use." >&2
        started=1  # nothing started yet, nothing to stop
        exit 1
    fi
done

mv_export_spark_env
# Hive creates these folders lazily and fails when two sessions (dbt threads)
# race to create the same one, so they exist before it starts. Each session
# deletes its resources folder when it closes: that one is per session.
mkdir -p "$MV_WAREHOUSE" "$MV_LOG_DIR" "$MV_PID_DIR" "$MV_CLUSTER_DIR/work" "$SPARK_CONF_DIR" \
    "$MV_CLUSTER_DIR/hive/resources" "$MV_CLUSTER_DIR/hive/scratch" \
    "$MV_CLUSTER_DIR/hive/local-scratch" "$MV_CLUSTER_DIR/hive/operation-logs"
# Logging of the daemons (to their .out files in $MV_LOG_DIR): the settings
# of the `spark` target, plus what shows that the cluster works (the
# executor's "Finished task" lines are what tests/test_spark_parity.py checks).
{
    cat "$SCRIPT_DIR/log4j2.properties"
    cat <<'LOG4J'
rootLogger.level = warn
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
logger.thriftserver.name = org.apache.spark.sql.hive.thriftserver
logger.thriftserver.level = info
logger.executor.name = org.apache.spark.executor.Executor
logger.executor.level = info
LOG4J
} > "$SPARK_CONF_DIR/log4j2.properties"

# Run the daemons from the project root, so that relative paths sent by dbt
# (e.g. MEMBER_VALUE_RAW_DIR=data/raw) mean the same as for the other targets.
cd "$PROJECT_ROOT"

wait_until() {  # wait_until <seconds> <daemon class> <description> <command...>
    local timeout=$1 class=$2 what=$3
    shift 3
    local pid_file="$MV_PID_DIR/spark-$SPARK_IDENT_STRING-$class-1.pid"
    local log_file="$MV_LOG_DIR/spark-$SPARK_IDENT_STRING-$class-1-$HOSTNAME.out"
    local waited=0
    until "$@" >/dev/null 2>&1; do
        if [ ! -f "$pid_file" ] || ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
            echo "start-cluster: $what exited while starting; end of $log_file:" >&2
            tail -n 30 "$log_file" >&2 2>/dev/null || true
            return 1
        fi
        if [ "$waited" -ge "$timeout" ]; then
            echo "start-cluster: $what did not answer within ${timeout}s; end of $log_file:" >&2
            tail -n 30 "$log_file" >&2 2>/dev/null || true
            return 1
        fi
        sleep 2
        waited=$((waited + 2))
    done
    echo "start-cluster: $what is up (${waited}s)."
}

master_json() {
    curl --silent --fail --max-time 5 "http://$MV_HOST:$MV_MASTER_UI_PORT/json/"
}
master_alive() {
    master_json | "$MV_PYTHON" -c 'import json, sys; sys.exit(json.load(sys.stdin)["status"] != "ALIVE")'
}
worker_registered() {
    master_json | "$MV_PYTHON" -c 'import json, sys; sys.exit(json.load(sys.stdin)["aliveworkers"] < 1)'
}
thrift_answers() {
    "$MV_PYTHON" - "$MV_HOST" "$MV_THRIFT_PORT" <<'PY'
import sys
from pyhive import hive
connection = hive.connect(host=sys.argv[1], port=int(sys.argv[2]), username="member_value")
cursor = connection.cursor()
cursor.execute("select 1")
assert cursor.fetchall() == [(1,)]
connection.close()
PY
}

"$SPARK_HOME/sbin/spark-daemon.sh" start org.apache.spark.deploy.master.Master 1 \
    --host "$MV_HOST" --port "$MV_MASTER_PORT" --webui-port "$MV_MASTER_UI_PORT"
wait_until 90 org.apache.spark.deploy.master.Master "master $MV_MASTER_URL" master_alive

"$SPARK_HOME/sbin/spark-daemon.sh" start org.apache.spark.deploy.worker.Worker 1 \
    --host "$MV_HOST" --webui-port "$MV_WORKER_UI_PORT" \
    --cores "$MV_WORKER_CORES" --memory "$MV_WORKER_MEMORY" \
    --work-dir "$MV_CLUSTER_DIR/work" "$MV_MASTER_URL"
wait_until 90 org.apache.spark.deploy.worker.Worker "worker" worker_registered

# The Thrift server: the same settings as the `spark` target of profiles.yml,
# with the executors on the worker. Derby (metastore_db, derby.log) lives in
# the warehouse folder, Hive's scratch and operation logs in the cluster folder.
"$SPARK_HOME/sbin/spark-daemon.sh" submit org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 1 \
    --name "member_value Thrift server" \
    --master "$MV_MASTER_URL" \
    --driver-memory "$MV_DRIVER_MEMORY" \
    --executor-memory "$MV_EXECUTOR_MEMORY" \
    --total-executor-cores "$MV_WORKER_CORES" \
    --conf "spark.driver.host=$MV_HOST" \
    --conf "spark.driver.bindAddress=$MV_HOST" \
    --conf "spark.driver.extraJavaOptions=$MV_MARKER -Dderby.system.home=$MV_WAREHOUSE" \
    --conf "spark.executor.extraJavaOptions=$MV_MARKER" \
    --conf "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=metastore_db;create=true" \
    --conf "spark.sql.warehouse.dir=$MV_WAREHOUSE" \
    --conf spark.sql.session.timeZone=UTC \
    --conf spark.sql.sources.default=parquet \
    --conf spark.sql.legacy.createHiveTableByDefault=false \
    --conf spark.sql.shuffle.partitions=4 \
    --conf spark.ui.enabled=false \
    --conf spark.log.structuredLogging.enabled=false \
    --hiveconf "hive.server2.thrift.bind.host=$MV_HOST" \
    --hiveconf "hive.server2.thrift.port=$MV_THRIFT_PORT" \
    --hiveconf "hive.exec.scratchdir=$MV_CLUSTER_DIR/hive/scratch" \
    --hiveconf "hive.exec.local.scratchdir=$MV_CLUSTER_DIR/hive/local-scratch" \
    --hiveconf "hive.downloaded.resources.dir=$MV_CLUSTER_DIR/hive/resources/"'${hive.session.id}' \
    --hiveconf "hive.server2.logging.operation.log.location=$MV_CLUSTER_DIR/hive/operation-logs"
wait_until 180 org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 "Thrift server on $MV_HOST:$MV_THRIFT_PORT" thrift_answers

started=1
trap - EXIT INT TERM
echo "start-cluster: ready. Master UI http://$MV_HOST:$MV_MASTER_UI_PORT, Thrift $MV_HOST:$MV_THRIFT_PORT."
