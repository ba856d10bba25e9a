"""Renders docs/benchmarks.md from the figures benchmark.py keeps per scale (docs/benchmarks/<members>.json)."""

from __future__ import annotations

TARGETS = {
    "build_seconds": 300,
    "peak_rss_gib": 4.0,
    "warehouse_ratio": 2.0,
    "floor_ratio": 1.5,
    "rfm_speedup": 2.0,
}


def gib(value: float) -> str:
    return f"{value / 2**30:.2f} GiB"


def mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def floors_against_build_target(floors: list[dict], build_seconds: float) -> str:
    """How much of the whole build's time budget these models use up, inside dbt and run alone."""
    alone = sum(floor["alone_seconds"] for floor in floors)
    inside = sum(floor["in_dbt_seconds"] for floor in floors)
    budget = TARGETS["build_seconds"]
    share = f"{alone / budget:.0%} of" if alone <= budget else f"{alone / budget:.2f}x"
    return (f"Run alone, these {len(floors)} models take {alone:.0f} s between them: {share} the "
            f"{budget} s target for the whole build. Inside dbt they take {inside:.0f} s, "
            f"{inside / build_seconds:.0%} of this build's {build_seconds:.0f} s.")


def render_scale(result: dict) -> list[str]:
    members = result["members"]
    build, warehouse, rfm = result["build"], result["warehouse"], result["rfm"]
    machine = result["machine"]
    input_bytes = result["input"]["bytes"]
    ratio = warehouse["total_bytes"] / input_bytes
    lines = [
        f"## {members:,} members",
        "",
        f"Command: `{result['command']}`, run {result['measured_at']} on {machine['cpu']}, "
        f"{machine['cores']} cores, {machine['memory_gib']} GiB, {machine['os']}; Python {machine['python']}, "
        f"DuckDB {machine['duckdb']}, dbt-core {machine['dbt_core']}. Load average (1, 5, 15 min) before the "
        f"build {result.get('load_average_before')}, at the end {result.get('load_average_after')}: on a "
        f"{machine['cores']}-core machine, a load above {machine['cores']} means other work shared the cores.",
        "",
        f"Input: {result['input']['rows']:,} raw rows in {len(result['input']['tables'])} Parquet files, "
        f"{mib(input_bytes)} ({result['input']['tables'].get('orders', {}).get('rows', 0):,} orders, "
        f"{result['input']['tables'].get('events', {}).get('rows', 0):,} events).",
        "",
        "### Full `dbt build`",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| wall time ({build['nodes']} seeds, hooks, models and tests) | {build['seconds']:.0f} s | "
        f"under {TARGETS['build_seconds']} s: {verdict(build['seconds'] < TARGETS['build_seconds'])} |",
        f"| CPU time (user + system, all cores) | {build.get('cpu_seconds', 0):.0f} s | |",
        f"| peak memory (resident set of dbt and its children) | {gib(build['peak_rss_bytes'])} | "
        f"under {TARGETS['peak_rss_gib']:.0f} GiB: {verdict(build['peak_rss_bytes'] / 2**30 < TARGETS['peak_rss_gib'])} |",
        f"| warehouse: DuckDB file + Parquet files (staging and intermediate) | {mib(warehouse['database_bytes'])} + "
        f"{mib(warehouse['parquet_bytes'])} = {mib(warehouse['total_bytes'])} | |",
        f"| warehouse against the Parquet input ({mib(input_bytes)}) | {ratio:.2f}x | "
        f"under {TARGETS['warehouse_ratio']:.0f}x: {verdict(ratio < TARGETS['warehouse_ratio'])} |",
        f"| the DuckDB file alone (what BI opens) against the input | {warehouse['database_bytes'] / input_bytes:.2f}x | |",
        "",
        "Time by part (sum of node times in `run_results.json`; dbt runs one node at a time):",
        "",
        "| part | seconds |",
        "|---|---|",
    ]
    for part, seconds in build["parts"].items():
        lines.append(f"| {part} | {seconds:.0f} |")
    if warehouse.get("largest"):
        lines += [
            "",
            f"Where the space goes: the largest relations, and {mib(warehouse['free_bytes'])} of free blocks in the "
            "DuckDB file (blocks the build wrote and no longer uses, which DuckDB reuses for later writes). "
            "A table's size counts the DuckDB blocks that hold it.",
            "",
            "| relation | stored as | size | against the input |",
            "|---|---|---|---|",
        ]
        for relation in warehouse["largest"]:
            lines.append(f"| {relation['relation']} | {relation['kind']} | {mib(relation['bytes'])} | "
                         f"{relation['bytes'] / input_bytes:.2f}x |")
    lines += [
        "",
        "Slowest models:",
        "",
        "| model | seconds |",
        "|---|---|",
    ]
    for model in result["slowest_models"]:
        lines.append(f"| {model['model']} | {model['seconds']:.1f} |")
    lines += [
        "",
        "### The slowest SQL models against their floor",
        "",
        "The floor is the model's compiled SQL run alone in a fresh DuckDB process, with the profile's settings, "
        "reading the built warehouse (read-only, after its size was taken) and writing to a scratch file. "
        "Python models (the CLV fit) have no SQL to run alone and are left out.",
        "",
        "| model | inside dbt | alone | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for floor in result["floors"]:
        lines.append(f"| {floor['model']} | {floor['in_dbt_seconds']:.1f} s | {floor['alone_seconds']:.1f} s | "
                     f"{floor['ratio']:.2f} | under {TARGETS['floor_ratio']}: "
                     f"{verdict(floor['ratio'] <= TARGETS['floor_ratio'])} |")
    lines += ["", floors_against_build_target(result["floors"], build["seconds"])]
    speedup = rfm["pandas_seconds"] / rfm["seconds_in_full_build"]
    speedup_standalone = rfm["pandas_seconds"] / rfm["dbt_seconds"]
    comparison = rfm["comparison"]
    lines += [
        "",
        "### RFM path against pandas",
        "",
        f"The RFM path is every model from the raw files to `int_members_rfm_scored` ({len(rfm['models'])} models: "
        f"{', '.join(rfm['models'])}). Its peer is `scripts/bench/rfm_pandas.py`, an independent pandas "
        "implementation of the same definitions (cleaning, de-duplication, currency conversion, analysis date, "
        "RFM) on the same raw files, run as its own process.",
        "",
        "| | wall time | CPU time | peak memory |",
        "|---|---|---|---|",
        f"| the path's models inside the full build (sum of their node times) | {rfm['seconds_in_full_build']:.0f} s | | |",
        f"| the path alone: `dbt build --select +int_members_rfm_scored --exclude-resource-type test "
        f"--exclude-resource-type unit_test` into an empty warehouse, dbt start-up, parsing and seeds included "
        f"| {rfm['dbt_seconds']:.0f} s | {rfm.get('dbt_cpu_seconds', 0):.0f} s | {gib(rfm['dbt_peak_rss_bytes'])} |",
        f"| pandas | {rfm['pandas_seconds']:.0f} s | {rfm.get('pandas_cpu_seconds', 0):.0f} s | "
        f"{gib(rfm['pandas_peak_rss_bytes'])} |",
        "",
        f"pandas takes {speedup:.1f}x the path's time inside the build (target at least {TARGETS['rfm_speedup']:.0f}x: "
        f"{verdict(speedup >= TARGETS['rfm_speedup'])}) and {speedup_standalone:.1f}x the stand-alone dbt run; "
        f"the stand-alone dbt run uses "
        f"{'less' if rfm['dbt_peak_rss_bytes'] < rfm['pandas_peak_rss_bytes'] else '**more**'} peak memory than pandas. "
        f"Results: {comparison['members_dbt']:,} members scored by dbt, {comparison['members_pandas']:,} by pandas; "
        + ("every value identical." if comparison["identical"]
           else f"**differences**: {comparison['mismatched_values']}."),
        "",
    ]
    return lines


def render_growth(small: dict, large: dict) -> list[str]:
    rows_ratio = large["input"]["rows"] / small["input"]["rows"]
    lines = [
        f"## Growth from {small['members']:,} to {large['members']:,} members",
        "",
        "| figure | "
        f"{small['members']:,} | {large['members']:,} | growth |",
        "|---|---|---|---|",
        f"| raw rows in | {small['input']['rows']:,} | {large['input']['rows']:,} | {rows_ratio:.1f}x |",
        f"| full build, seconds | {small['build']['seconds']:.0f} | {large['build']['seconds']:.0f} | "
        f"{large['build']['seconds'] / small['build']['seconds']:.1f}x |",
    ]
    for part in sorted(set(small["build"]["parts"]) & set(large["build"]["parts"])):
        before, after = small["build"]["parts"][part], large["build"]["parts"][part]
        growth = f"{after / before:.1f}x" if before else "n/a"
        lines.append(f"| {part}, seconds | {before:.0f} | {after:.0f} | {growth} |")
    lines += [
        f"| peak memory | {gib(small['build']['peak_rss_bytes'])} | {gib(large['build']['peak_rss_bytes'])} | "
        f"{large['build']['peak_rss_bytes'] / small['build']['peak_rss_bytes']:.1f}x |",
        f"| warehouse size | {mib(small['warehouse']['total_bytes'])} | {mib(large['warehouse']['total_bytes'])} | "
        f"{large['warehouse']['total_bytes'] / small['warehouse']['total_bytes']:.1f}x |",
        "",
        "Near-linear growth means seconds out grow about as fast as rows in; fixed costs (dbt start-up, "
        "per-node overhead, the tests' small queries) make the smaller build relatively slower.",
        "",
    ]
    return lines


def render_report(results: list[dict]) -> str:
    results = sorted(results, key=lambda result: -result["members"])
    lines = [
        "# Benchmarks",
        "",
        "The project's one benchmark: `make bench` generates a shop (default 1,000,000 members, seed 42; "
        "cached in `data/bench/`), runs a full `dbt build` on it and rewrites this page "
        "(`scripts/bench/benchmark.py`; `make bench MEMBERS=100000` measures another scale). Every figure "
        "below is what that command printed on the machine named with it; rerun it to check on yours.",
        "",
    ]
    for result in results:
        lines += render_scale(result)
    if len(results) >= 2:
        lines += render_growth(results[-1], results[0])
    return "\n".join(lines).rstrip() + "\n"
