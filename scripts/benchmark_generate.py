"""Benchmark the demo-data generator: wall time, peak RSS and rows per table.

Runs ``python -m member_value.generate`` in a child process writing into a
temporary directory and prints a Markdown report, e.g.::

    python scripts/benchmark_generate.py                      # 1,000,000 members, parquet
    python scripts/benchmark_generate.py --members 20000 --format csv
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Canonical table order of the raw contract (kept here so the script has no package import).
TABLE_ORDER = (
    "products", "campaigns", "members", "orders", "order_items", "refunds", "events", "reviews",
    "referrals", "campaign_exposures", "tier_history", "points_ledger", "service_tickets",
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=1_000_000, help="members to generate (default: %(default)s)")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="output format")
    parser.add_argument("--chunk-size", type=int, default=None, help="override the generator's --chunk-size")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="parent folder for the temporary output (default: system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and print their location")
    return parser.parse_args(argv)


def run_generator(args: argparse.Namespace, out: Path) -> tuple[float, int]:
    """Run the generator; returns (wall seconds, peak RSS of the child in bytes)."""
    cmd = [
        sys.executable, "-m", "member_value.generate", "--members", str(args.members), "--seed", str(args.seed),
        "--format", args.format, "--out", str(out / "raw"), "--truth-out", str(out / "truth"), "--quiet",
    ]
    if args.chunk_size:
        cmd += ["--chunk-size", str(args.chunk_size)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return seconds, peak_kib * 1024


def folder_size(path: Path) -> int:
    """Total bytes of the files in a folder."""
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def report(args: argparse.Namespace, out: Path, seconds: float, peak_rss: int) -> str:
    """The Markdown report."""
    manifest = json.loads((out / "truth" / "manifest.json").read_text())
    tables = manifest["tables"]
    lines = [
        f"## Generator benchmark: {args.members:,} members ({args.format})",
        "",
        f"- wall time: **{seconds:,.1f} s**",
        f"- peak RSS (child): **{peak_rss / 2**20:,.0f} MiB**",
        f"- raw output: {folder_size(out / 'raw') / 2**20:,.0f} MiB; truth: {folder_size(out / 'truth') / 2**20:,.1f} MiB",
        f"- chunk size: {manifest['args']['chunk_size']:,}; Python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs",
        "",
        "| table | clean rows | dirty rows | repaired values | rows in file |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, info in sorted(tables.items(), key=lambda item: TABLE_ORDER.index(item[0])):
        lines.append(
            f"| {name} | {info['clean_rows']:,} | {info['dirty_rows']:,} | {info['repaired_values']:,} "
            f"| {info['rows_in_file']:,} |"
        )
    total = sum(info["rows_in_file"] for info in tables.values())
    lines.append(f"| **total** | | | | **{total:,}** |")
    orders = tables["orders"]["clean_rows"]
    lines += ["", f"orders per member: {orders / args.members:.2f}; "
                  f"rows per second: {total / seconds:,.0f}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="mv_bench_", dir=args.workdir))
    try:
        seconds, peak = run_generator(args, tmp)
        print(report(args, tmp, seconds, peak))
        if args.keep:
            print(f"\noutput kept in {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
