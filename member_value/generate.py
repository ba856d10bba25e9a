"""Deterministic demo-data generator for the member_value dbt project.

Simulates an e-commerce loyalty shop (members, orders, clickstream, reviews,
referrals, campaigns with planted A/B effects, tiers, points, service tickets),
plants dirty rows, and writes the ground truth to a separate folder that only
tests read.  Data is generated in member chunks and streamed to disk, so memory
stays bounded for millions of members.

Example::

    python -m member_value.generate --members 20000 --seed 42
    python -m member_value.generate --members 3000 --format csv --tables members,orders --quiet
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from member_value._generator.config import GeneratorConfig
from member_value._generator.runner import ordered_tables, run
from member_value._generator.schema import REQUIRED_TABLES, TABLE_ORDER

EPILOG = f"""\
tables (default: all): {", ".join(TABLE_ORDER)}.
Every column is written as text: timestamps 'YYYY-MM-DD HH:MM:SS' (UTC), dates
'YYYY-MM-DD', money with 2 decimals (0 for JPY), NULL as null / empty CSV field.

ground truth (--truth-out): dirty_rows.parquet, repaired_values.parquet,
dropouts.parquet, treatment_effect.json, manifest.json (args, row counts per
table and reason, sha256 of every file).  Same arguments + seed give
byte-identical files.
"""


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 0.5:
        raise argparse.ArgumentTypeError(f"must be between 0 and 0.5, got {text}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from exc


def _tables(text: str) -> tuple[str, ...]:
    names = [t.strip() for t in text.split(",") if t.strip()]
    unknown = sorted(set(names) - set(TABLE_ORDER))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown table(s): {', '.join(unknown)}")
    missing = [t for t in REQUIRED_TABLES if t not in names]
    if missing:
        raise argparse.ArgumentTypeError(f"required table(s) missing: {', '.join(missing)}")
    return ordered_tables(names)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="python -m member_value.generate",
        description="Generate deterministic raw demo data (with planted dirty rows) for member_value.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--members", type=_positive_int, default=20_000, metavar="N",
                        help="number of members to simulate (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=42, metavar="S", help="random seed (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=Path("data/raw"), metavar="DIR",
                        help="output folder for the raw tables (default: %(default)s)")
    parser.add_argument("--truth-out", type=Path, default=Path("data/truth"), metavar="DIR",
                        help="output folder for the ground truth, read only by tests (default: %(default)s)")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                        help="file format of the raw tables (default: %(default)s)")
    parser.add_argument("--dirty-rate", type=_rate, default=0.01, metavar="R",
                        help="dirty rows (and repaired values) per clean row, per table (default: %(default)s)")
    parser.add_argument("--chunk-size", type=_positive_int, default=25_000, metavar="M",
                        help="members generated and written per chunk; bounds memory (default: %(default)s)")
    parser.add_argument("--start-date", type=_date, default=dt.date(2023, 1, 1), metavar="YYYY-MM-DD",
                        help="first day of the simulated history (default: %(default)s)")
    parser.add_argument("--end-date", type=_date, default=dt.date(2025, 12, 31), metavar="YYYY-MM-DD",
                        help="last day of the simulated history (default: %(default)s)")
    parser.add_argument("--tables", type=_tables, default=TABLE_ORDER, metavar="T1,T2,...",
                        help="comma-separated tables to write; members and orders are required (default: all)")
    parser.add_argument("--seeds-dir", type=Path, default=None, metavar="DIR",
                        help="folder with exchange_rates.csv and tier_rules.csv (default: <project>/seeds)")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    return parser


def config_from_args(args: argparse.Namespace) -> GeneratorConfig:
    """Translate parsed arguments into a :class:`GeneratorConfig`."""
    return GeneratorConfig(
        members=args.members,
        seed=args.seed,
        out_dir=args.out,
        truth_dir=args.truth_out,
        file_format=args.format,
        dirty_rate=args.dirty_rate,
        chunk_size=args.chunk_size,
        start_date=args.start_date,
        end_date=args.end_date,
        tables=tuple(args.tables),
        seeds_dir=args.seeds_dir,
        quiet=args.quiet,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.end_date - args.start_date).days < 90:
        parser.error("--end-date must be at least 90 days after --start-date")
    cfg = config_from_args(args)
    result = run(cfg)
    if not cfg.quiet:
        width = max(len(name) for name in result.rows)
        print(f"wrote {len(result.rows)} tables to {cfg.out_dir} ({cfg.file_format}), truth to {cfg.truth_dir}")
        for name, rows in result.rows.items():
            print(f"  {name:<{width}}  {rows:>12,} rows")
        print(f"done in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
