"""The project's benchmark: a full `dbt build` of a generated shop, measured.

    python scripts/bench/benchmark.py --members 1000000     # `make bench`
    python scripts/bench/benchmark.py --members 100000      # `make bench MEMBERS=100000`

Steps, each timed on this machine:

1. Demo data for --members members (seed 42) in data/bench/<members>/raw,
   generated once and reused while its manifest matches.
2. A full `dbt build` (seeds, raw registration, every model and test) into a
   fresh warehouse: wall time and peak memory (resident set of dbt and its
   children, sampled every 0.1 s), the time of each part from
   run_results.json, and the warehouse's size against the input's.
3. The floor: the compiled SQL of the slowest SQL models run alone, each in a
   fresh DuckDB process that reads the built warehouse (read-only, after its
   size was taken) and writes to a scratch file, against their time inside dbt.
4. The RFM path (the seeds and every model from the raw files to
   int_members_rfm_scored, no tests) built alone, against scripts/bench/rfm_pandas.py, an independent pandas
   implementation of the same definitions on the same raw files: time, peak
   memory, and the two results compared member by member.

The figures go to docs/benchmarks/<members>.json, and docs/benchmarks.md is
rewritten from every JSON there (so it shows each scale measured, and the
growth between them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

from report import render_report  # noqa: E402

BIN = Path(sys.executable).parent
SEED = 42
FLOOR_MODELS = 3
RFM_MODEL = "int_members_rfm_scored"
RFM_COLUMNS = ["recency_days", "purchase_day_count", "order_count_in_window", "recency_score",
               "frequency_score", "monetary_score"]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=1_000_000, help="members to generate (default: %(default)s)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "bench",
                        help="cache of generated data and scratch builds, outside git (default: %(default)s)")
    parser.add_argument("--results-dir", type=Path, default=ROOT / "docs" / "benchmarks",
                        help="where the figures of each scale are kept (default: %(default)s)")
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmarks.md",
                        help="Markdown report rewritten from every scale's figures (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.members < 1000:
        parser.error(f"--members is {args.members}; the benchmark needs at least 1000 members")
    return args


# --------------------------------------------------------------------------- measuring


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_rss_bytes: int
    output: str
    cpu_seconds: float = 0.0


def tree_rss_bytes(root_pid: int) -> int:
    """Resident set of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as handle:
                rss[int(entry)] = int(handle.read().split()[1]) * page
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure(command: list[str], env: dict[str, str], log: Path) -> Measured:
    """Run a command; wall time, CPU time and the peak resident set of its process tree."""
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_bytes(process.pid))
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        done.set()
        sampler.join()
    seconds = time.monotonic() - started
    usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (usage_after.ru_utime + usage_after.ru_stime) - (usage_before.ru_utime + usage_before.ru_stime)
    return Measured(returncode, seconds, peak, log.read_text(errors="replace"), cpu_seconds)


def require_success(step: str, measured: Measured) -> None:
    if measured.returncode != 0:
        sys.exit(f"benchmark: {step} failed (exit {measured.returncode}):\n{measured.output[-4000:]}")


def dbt_env(raw_dir: Path, database: Path, work_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MEMBER_VALUE_TARGET": "dev",
        "MEMBER_VALUE_RAW_DIR": str(raw_dir),
        "MEMBER_VALUE_DB": str(database),
        "DBT_PROFILES_DIR": str(ROOT),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


# --------------------------------------------------------------------------- steps


def ensure_data(members: int, data_dir: Path) -> Path:
    """Generated raw data for `members`, reused when its manifest says it was made with the same arguments."""
    scale_dir = data_dir / str(members)
    raw_dir, truth_dir = scale_dir / "raw", scale_dir / "truth"
    manifest = truth_dir / "manifest.json"
    if manifest.exists():
        arguments = json.loads(manifest.read_text()).get("args", {})
        if arguments.get("members") == members and arguments.get("seed") == SEED:
            print(f"benchmark: reusing generated data in {raw_dir}")
            return raw_dir
    shutil.rmtree(scale_dir, ignore_errors=True)
    print(f"benchmark: generating {members:,} members into {raw_dir}")
    subprocess.run(
        [sys.executable, "-m", "member_value.generate", "--members", str(members), "--seed", str(SEED),
         "--out", str(raw_dir), "--truth-out", str(truth_dir), "--quiet"],
        cwd=ROOT, check=True,
    )
    return raw_dir


def input_profile(raw_dir: Path) -> dict:
    import duckdb

    tables = {}
    with duckdb.connect() as connection:
        for path in sorted(raw_dir.glob("*.parquet")):
            (rows,) = connection.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()
            tables[path.stem] = {"rows": rows, "bytes": path.stat().st_size}
    return {"tables": tables, "rows": sum(t["rows"] for t in tables.values()),
            "bytes": sum(t["bytes"] for t in tables.values())}


def node_group(result: dict, nodes: dict) -> str:
    unique_id = result["unique_id"]
    resource_type = unique_id.split(".")[0]
    if resource_type in {"test", "unit_test"}:
        return "tests"
    if resource_type in {"seed", "operation"}:
        return "seeds and raw registration"
    path = nodes.get(unique_id, {}).get("original_file_path", "")
    for folder in ("staging", "intermediate", "marts"):
        if path.startswith(f"models/{folder}/"):
            return folder
    return "other"


def build_parts(target_dir: Path) -> tuple[dict[str, float], list[dict]]:
    results = json.loads((target_dir / "run_results.json").read_text())["results"]
    manifest = json.loads((target_dir / "manifest.json").read_text())
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    parts: dict[str, float] = {}
    for result in results:
        group = node_group(result, nodes)
        parts[group] = parts.get(group, 0.0) + result["execution_time"]
    models = sorted(
        ({"name": nodes[r["unique_id"]]["name"], "seconds": r["execution_time"],
          "materialized": nodes[r["unique_id"]]["config"]["materialized"],
          "language": nodes[r["unique_id"]].get("language", "sql"),
          "compiled_path": nodes[r["unique_id"]].get("compiled_path")}
         for r in results if r["unique_id"].startswith("model.")),
        key=lambda model: -model["seconds"],
    )
    return {name: round(seconds, 1) for name, seconds in sorted(parts.items())}, models


def warehouse_size(database: Path, largest: int = 8) -> dict:
    """The warehouse file and the Parquet files next to it, and where their space goes.

    A table's size is the number of DuckDB blocks that hold its data times the
    block size (a block shared by two tables counts for both); free blocks are
    blocks the file holds but no table uses.
    """
    import duckdb

    parquet = sorted(database.parent.glob(database.stem + ".*.parquet"))
    database_bytes = database.stat().st_size
    parquet_bytes = sum(path.stat().st_size for path in parquet)
    relations = [{"relation": path.name[len(database.stem) + 1:-len(".parquet")], "kind": "Parquet file",
                  "bytes": path.stat().st_size} for path in parquet]
    with duckdb.connect(str(database), read_only=True) as connection:
        block_size, free_blocks = connection.execute(
            "select block_size, free_blocks from pragma_database_size() where database_name = current_database()"
        ).fetchone()
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = current_database()"
        ).fetchall()
        for schema, table in tables:
            qualified = f"{schema}.{table}".replace("'", "''")
            (blocks,) = connection.execute(
                f"select count(distinct block_id) from pragma_storage_info('{qualified}') where persistent"
            ).fetchone()
            relations.append({"relation": f"{schema}.{table}", "kind": "DuckDB table", "bytes": blocks * block_size})
    relations.sort(key=lambda relation: -relation["bytes"])
    return {"database_bytes": database_bytes, "parquet_bytes": parquet_bytes,
            "parquet_files": len(parquet), "total_bytes": database_bytes + parquet_bytes,
            "free_bytes": free_blocks * block_size, "largest": relations[:largest]}


FLOOR_SCRIPT = r"""
import duckdb, json, sys, time
request = json.loads(sys.argv[1])
# The result goes to a scratch database, never to the warehouse under
# measurement, which is attached read-only under its own name (the name the
# compiled SQL qualifies every relation with).
connection = duckdb.connect(request["scratch_database"], config=request["config"])
warehouse = request["warehouse"].replace("'", "''")
name = request["warehouse_name"].replace('"', '""')
connection.execute(f"attach '{warehouse}' as \"{name}\" (read_only)")
sql = open(request["sql_path"]).read()
started = time.monotonic()
if request["materialized"] == "parquet_file":
    scratch = request["scratch_file"].replace("'", "''")
    connection.execute(f"copy ({sql}) to '{scratch}' ({request['parquet_options']})")
else:
    connection.execute(f"create table floor_model as {sql}")
print(json.dumps({"seconds": time.monotonic() - started}))
"""


def floor_seconds(model: dict, database: Path, target_dir: Path, scratch: Path) -> float:
    """The model's compiled SQL, alone, in a fresh DuckDB process with the profile's settings.

    It reads the built warehouse (read-only) and writes to files under
    `scratch`, removed afterwards, so the warehouse keeps the size it had
    after the build.
    """
    sql_path = target_dir.parent / model["compiled_path"] if not Path(model["compiled_path"]).is_absolute() \
        else Path(model["compiled_path"])
    if not sql_path.exists():
        sql_path = target_dir / "compiled" / Path(model["compiled_path"]).relative_to(
            Path(model["compiled_path"]).parts[0])
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    config = duckdb_config(database)
    config["temp_directory"] = str(scratch / "spill")
    request = {
        "warehouse": str(database), "warehouse_name": database.stem, "sql_path": str(sql_path),
        "materialized": model["materialized"], "scratch_database": str(scratch / "floor.duckdb"),
        "scratch_file": str(scratch / "floor.parquet"), "config": config,
        # The options of macros/materializations/parquet_file.sql, so the floor writes the same file.
        "parquet_options": "format parquet, compression zstd, compression_level 1, parquet_version v2",
    }
    completed = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, json.dumps(request)], cwd=ROOT,
                               capture_output=True, text=True)
    shutil.rmtree(scratch, ignore_errors=True)
    if completed.returncode != 0:
        sys.exit(f"benchmark: floor of {model['name']} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])["seconds"]


def duckdb_config(database: Path) -> dict:
    """The connect() options of profiles.yml's `dev` output, as dbt would pass them."""
    import yaml

    output = yaml.safe_load((ROOT / "profiles.yml").read_text())["member_value"]["outputs"]["dev"]
    config = {}
    for key, value in output.get("config_options", {}).items():
        if isinstance(value, str) and "{{" in value:
            value = {
                "memory_limit": os.environ.get("MEMBER_VALUE_DUCKDB_MEMORY_LIMIT", "3GB"),
                "temp_directory": os.environ.get("MEMBER_VALUE_DUCKDB_TEMP_DIR", f"{database}.tmp"),
            }[key]
        config[key] = value
    return config


def compare_rfm(database: Path, pandas_result: Path) -> dict:
    import duckdb
    import pandas as pd

    with duckdb.connect(str(database), read_only=True) as connection:
        dbt_frame = connection.execute(f"select * from intermediate.{RFM_MODEL}").df()
    peer = pd.read_parquet(pandas_result)
    dbt_frame, peer = dbt_frame.set_index("member_id").sort_index(), peer.set_index("member_id").sort_index()
    same_members = list(dbt_frame.index) == list(peer.index)
    mismatches = {}
    if same_members:
        for column in RFM_COLUMNS:
            mismatches[column] = int(dbt_frame[column].astype("Int64").ne(peer[column].astype("Int64"))
                                     .fillna(dbt_frame[column].isna() != peer[column].isna()).sum())
        difference = (dbt_frame["net_revenue_in_window"].astype(float) - peer["net_revenue_in_window"]).abs()
        mismatches["net_revenue_in_window (> 0.005)"] = int((difference > 0.005).sum())
    return {"members_dbt": len(dbt_frame), "members_pandas": len(peer), "same_members": same_members,
            "mismatched_values": mismatches,
            "identical": same_members and not any(mismatches.values())}


def machine() -> dict:
    import dbt.version
    import duckdb

    model_name = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model_name = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "cpu": model_name, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        "duckdb": duckdb.__version__, "dbt_core": dbt.version.__version__,
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    raw_dir = ensure_data(args.members, args.data_dir)
    work_dir = args.data_dir / str(args.members) / "build"
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    cutoff = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    vars_json = json.dumps({"future_timestamp_cutoff": cutoff})
    dbt = str(BIN / "dbt")

    load_before = os.getloadavg()
    print("benchmark: full dbt build")
    database = work_dir / "full" / "member_value.duckdb"
    database.parent.mkdir()
    env = dbt_env(raw_dir, database, database.parent)
    full = measure([dbt, "build", "--vars", vars_json], env, database.parent / "dbt-build.log")
    require_success("dbt build", full)
    parts, models = build_parts(database.parent / "target")
    # Measured now: nothing below writes to this warehouse.
    warehouse = warehouse_size(database)

    print("benchmark: floors of the slowest models")
    floors = []
    # A Python model (the CLV fit) has no SQL to run alone: the floors are those of the slowest SQL models.
    for model in [model for model in models if model["language"] == "sql"][:FLOOR_MODELS]:
        seconds = floor_seconds(model, database, database.parent / "target", work_dir / "floor")
        floors.append({"model": model["name"], "in_dbt_seconds": round(model["seconds"], 1),
                       "alone_seconds": round(seconds, 1), "ratio": round(model["seconds"] / seconds, 2)})

    print("benchmark: RFM path alone, and its pandas peer")
    rfm_database = work_dir / "rfm" / "member_value.duckdb"
    rfm_database.parent.mkdir()
    rfm_env = dbt_env(raw_dir, rfm_database, rfm_database.parent)
    rfm_run = measure([dbt, "build", "--select", f"+{RFM_MODEL}", "--exclude-resource-type", "test",
                       "--exclude-resource-type", "unit_test", "--vars", vars_json], rfm_env,
                      rfm_database.parent / "dbt-run.log")
    require_success("dbt run of the RFM path", rfm_run)
    rfm_models = [model["name"] for model in build_parts(rfm_database.parent / "target")[1]]
    # The same models' time inside the full build (how the path was first measured).
    path_seconds_in_build = sum(model["seconds"] for model in models if model["name"] in rfm_models)
    peer_output = work_dir / "rfm_pandas.parquet"
    peer = measure([sys.executable, str(ROOT / "scripts" / "bench" / "rfm_pandas.py"), "--raw-dir", str(raw_dir),
                    "--out", str(peer_output), "--cutoff", cutoff], dict(os.environ), work_dir / "rfm_pandas.log")
    require_success("the pandas RFM peer", peer)

    results = {
        "members": args.members,
        "measured_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "make bench" + ("" if args.members == 1_000_000 else f" MEMBERS={args.members}"),
        "machine": machine(),
        # Other work on the machine slows every figure; the load averages (1, 5, 15 minutes) before the
        # build and at the end show how much there was.
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        "input": input_profile(raw_dir),
        "build": {"seconds": round(full.seconds, 1), "cpu_seconds": round(full.cpu_seconds, 1),
                  "peak_rss_bytes": full.peak_rss_bytes, "parts": parts,
                  "nodes": len(json.loads((database.parent / "target" / "run_results.json").read_text())["results"])},
        "warehouse": warehouse,
        "slowest_models": [{"model": m["name"], "seconds": round(m["seconds"], 1)} for m in models[:10]],
        "floors": floors,
        "rfm": {
            "models": sorted(rfm_models),
            "seconds_in_full_build": round(path_seconds_in_build, 1),
            "dbt_seconds": round(rfm_run.seconds, 1), "dbt_peak_rss_bytes": rfm_run.peak_rss_bytes,
            "dbt_cpu_seconds": round(rfm_run.cpu_seconds, 1),
            "pandas_seconds": round(peer.seconds, 1), "pandas_cpu_seconds": round(peer.cpu_seconds, 1),
            "pandas_peak_rss_bytes": peer.peak_rss_bytes,
            "comparison": compare_rfm(rfm_database, peer_output),
        },
    }
    args.results_dir.mkdir(parents=True, exist_ok=True)
    (args.results_dir / f"{args.members}.json").write_text(json.dumps(results, indent=2) + "\n")
    all_results = [json.loads(path.read_text()) for path in sorted(args.results_dir.glob("*.json"))]
    args.report.write_text(render_report(all_results))
    print(f"benchmark: wrote {args.results_dir / f'{args.members}.json'} and {args.report}")
    print(f"benchmark: build {full.seconds:.0f} s, peak {full.peak_rss_bytes / 2**30:.2f} GiB")


if __name__ == "__main__":
    main()
