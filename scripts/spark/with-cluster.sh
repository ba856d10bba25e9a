#!/usr/bin/env bash
# with-cluster.sh <command> [args...]: starts the Spark cluster, runs the
# command, and always stops the cluster again (success, failure, Ctrl-C).
# Exits with the command's status (or the start's, if the cluster did not come up).
set -uo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ $# -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

stop_cluster() {
    "$SCRIPT_DIR/stop-cluster.sh" || echo "with-cluster: stop-cluster.sh reported a problem" >&2
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$SCRIPT_DIR/start-cluster.sh" || exit $?
"$@"
