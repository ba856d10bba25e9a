# Settings shared by the Spark standalone cluster scripts; sourced, not run.
#
# Every path is absolute and every port is overridable, so that several
# clusters (e.g. a test's) can run next to each other:
#   MEMBER_VALUE_SPARK_WAREHOUSE   tables + Derby metastore (default warehouse/spark,
#                                  the same warehouse as the `spark` dbt target)
#   MEMBER_VALUE_SPARK_CLUSTER_DIR logs, pid files, worker and Hive scratch folders
#                                  (default warehouse/spark-cluster)
#   MEMBER_VALUE_SPARK_MASTER_PORT (7077), MEMBER_VALUE_SPARK_MASTER_UI_PORT (8080),
#   MEMBER_VALUE_SPARK_WORKER_UI_PORT (8081), MEMBER_VALUE_SPARK_THRIFT_PORT (10000)
#   MEMBER_VALUE_SPARK_WORKER_CORES (2), MEMBER_VALUE_SPARK_WORKER_MEMORY (6g),
#   MEMBER_VALUE_SPARK_EXECUTOR_MEMORY (4g), MEMBER_VALUE_SPARK_DRIVER_MEMORY (2g)
#   MEMBER_VALUE_PYTHON            the Python whose pyspark provides Spark (.venv/bin/python)

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

absolute_path() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$PROJECT_ROOT/$1" ;;
    esac
}

MV_PYTHON="$(absolute_path "${MEMBER_VALUE_PYTHON:-.venv/bin/python}")"
MV_WAREHOUSE="$(absolute_path "${MEMBER_VALUE_SPARK_WAREHOUSE:-warehouse/spark}")"
MV_CLUSTER_DIR="$(absolute_path "${MEMBER_VALUE_SPARK_CLUSTER_DIR:-warehouse/spark-cluster}")"
MV_HOST=127.0.0.1
MV_MASTER_PORT="${MEMBER_VALUE_SPARK_MASTER_PORT:-7077}"
MV_MASTER_UI_PORT="${MEMBER_VALUE_SPARK_MASTER_UI_PORT:-8080}"
MV_WORKER_UI_PORT="${MEMBER_VALUE_SPARK_WORKER_UI_PORT:-8081}"
MV_THRIFT_PORT="${MEMBER_VALUE_SPARK_THRIFT_PORT:-10000}"
MV_WORKER_CORES="${MEMBER_VALUE_SPARK_WORKER_CORES:-2}"
MV_WORKER_MEMORY="${MEMBER_VALUE_SPARK_WORKER_MEMORY:-6g}"
MV_EXECUTOR_MEMORY="${MEMBER_VALUE_SPARK_EXECUTOR_MEMORY:-4g}"
MV_DRIVER_MEMORY="${MEMBER_VALUE_SPARK_DRIVER_MEMORY:-2g}"
MV_MASTER_URL="spark://$MV_HOST:$MV_MASTER_PORT"

# Every JVM of this cluster (master, worker, Thrift server, executors) carries
# this marker on its command line; stop-cluster.sh finds stragglers by it.
MV_MARKER="-Dmember_value.spark.cluster=$MV_CLUSTER_DIR"

MV_PID_DIR="$MV_CLUSTER_DIR/pids"
MV_LOG_DIR="$MV_CLUSTER_DIR/logs"

# Spark comes from the pyspark package: its bin/spark-class, bin/spark-submit,
# sbin/spark-daemon.sh and jars/ (which include spark-hive-thriftserver).
mv_spark_home() {
    if [ ! -x "$MV_PYTHON" ]; then
        echo "No Python at $MV_PYTHON; run 'make install-spark' first." >&2
        return 1
    fi
    "$MV_PYTHON" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null || {
        echo "pyspark is not installed in $MV_PYTHON; run 'make install-spark' first." >&2
        return 1
    }
}

# Environment for spark-daemon.sh and the JVMs it starts.
mv_export_spark_env() {
    SPARK_HOME="$(mv_spark_home)" || return 1
    export SPARK_HOME
    export SPARK_LOCAL_IP="$MV_HOST"
    export SPARK_LOG_DIR="$MV_LOG_DIR"
    export SPARK_PID_DIR="$MV_PID_DIR"
    export SPARK_IDENT_STRING=member_value
    export SPARK_DAEMON_JAVA_OPTS="$MV_MARKER"
    export SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false"
    export SPARK_CONF_DIR="$MV_CLUSTER_DIR/conf"
    export PYSPARK_PYTHON="$MV_PYTHON"
    # spark-daemon.sh would rsync SPARK_HOME from $SPARK_MASTER if it were set.
    unset SPARK_MASTER SPARK_MASTER_HOST SPARK_WORKER_INSTANCES
}

# PIDs of every process of this cluster, found by the marker.
mv_cluster_pids() {
    pgrep -f -- "$MV_MARKER( |\$)" || true
}
