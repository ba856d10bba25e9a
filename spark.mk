# Apache Spark targets, included by the Makefile. Spark is the one the pyspark
# package ships (Java 17 or newer on the PATH); tables are Parquet files.
#
#   make build-spark          demo data if needed, then dbt build in-process (target `spark`)
#   make build-spark-cluster  the same through a local standalone cluster's Thrift server
#   make test-spark           the Spark tests (tests/test_spark_parity.py)
#
# MEMBER_VALUE_SPARK_WAREHOUSE (default warehouse/spark) holds the tables and
# the Derby metastore of both Spark targets; MEMBER_VALUE_SPARK_CLUSTER_DIR
# (default warehouse/spark-cluster) the cluster's logs and pid files.

SPARK_INSTALLED := $(VENV)/.installed-spark
SPARK_LOCK := requirements-spark.lock

export MEMBER_VALUE_SPARK_WAREHOUSE ?= warehouse/spark
export SPARK_LOCAL_IP ?= 127.0.0.1
# The Python that Spark runs the CLV models' script transforms with (numpy, scipy).
export PYSPARK_PYTHON ?= $(abspath $(BIN)/python)

.PHONY: install-spark lock-spark build-spark test-spark build-spark-cluster

$(SPARK_INSTALLED): $(INSTALLED) $(SPARK_LOCK)
	@java -version >/dev/null 2>&1 || { echo "Spark needs Java 17 or newer: no 'java' on the PATH." >&2; exit 1; }
	@java -version 2>&1 | awk -F '"' '/version/ { split($$2, v, "."); exit (v[1] >= 17 ? 0 : 1) }' \
		|| { echo "Spark 4 needs Java 17 or newer; found: $$(java -version 2>&1 | head -n 1)" >&2; exit 1; }
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r $(SPARK_LOCK)
	@touch $@

install-spark: $(SPARK_INSTALLED) ## Add dbt-spark and pyspark to .venv (requirements-spark.lock)

lock-spark: $(INSTALLED) ## Re-pin requirements-spark.lock (pyproject's `spark` extra, within requirements.lock)
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra spark -c requirements.lock \
		--python-version 3.11 -o $(SPARK_LOCK)

build-spark: $(SPARK_INSTALLED) data ## Generate demo data if needed, then dbt build on Spark in-process
	@mkdir -p "$(MEMBER_VALUE_SPARK_WAREHOUSE)"
	MEMBER_VALUE_TARGET=spark $(DBT) build

test-spark: $(SPARK_INSTALLED) ## Run the Spark tests: parity with DuckDB, in-process and through the cluster
	$(BIN)/python -m pytest -m spark

build-spark-cluster: $(SPARK_INSTALLED) data ## Start a local Spark cluster, dbt build through its Thrift server, always stop it
	@mkdir -p "$(MEMBER_VALUE_SPARK_WAREHOUSE)"
	MEMBER_VALUE_TARGET=spark_cluster MEMBER_VALUE_RAW_DIR="$(abspath $(MEMBER_VALUE_RAW_DIR))" \
		scripts/spark/with-cluster.sh $(DBT) build
