"""Orchestration: the chunk loop, writing, ground truth and the manifest."""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from . import fmt
from .campaigns import PLANTED_EFFECTS, Campaign, build_calendar, calendar_table, uplift_bound
from .catalog import Catalog, build_catalog
from .config import GeneratorConfig
from .dirty import DirtPlanter
from .engagement import (
    points_table,
    referrals_table,
    reviews_table,
    simulate_points,
    simulate_reviews,
    simulate_tickets,
    tickets_table,
)
from .events import events_table, simulate_events, visitor_count
from .members import NO_TIME, MemberBatch, MemberRegistry, generate_members, members_table
from .orders import (
    ExposureBatch,
    Money,
    OrderBatch,
    exposures_table,
    order_items_table,
    orders_table,
    refunds_table,
    simulate_orders,
)
from .reference import SeedData, load_seeds
from .schema import TABLE_ID_FAMILY, TABLE_ORDER, TABLES
from .sinks import TableSink
from .tiers import TierHistory, evaluate_history, tier_history_table
from .timeline import Timeline

#: Events are formatted and written in slices of this many rows (bounds memory).
EVENT_SLICE_ROWS = 250_000

DIRTY_SCHEMA = pa.schema([("table_name", pa.string()), ("row_key", pa.string()), ("reason_code", pa.string())])
REPAIRED_SCHEMA = pa.schema(
    [("table_name", pa.string()), ("row_key", pa.string()), ("column_name", pa.string()),
     ("raw_value", pa.string()), ("expected_value", pa.string())]
)
DROPOUT_SCHEMA = pa.schema([("member_id", pa.string()), ("dropout_at", pa.string())])


class IdCounters:
    """Next free number per id family (clean rows and fresh dirty ids share them)."""

    def __init__(self, n_members: int) -> None:
        self._next: dict[str, int] = {family: 1 for family in set(TABLE_ID_FAMILY.values())}
        self._next["member"] = n_members + 1

    def peek(self, family: str) -> int:
        """The next free number of a family (without reserving it)."""
        return self._next[family]

    def take(self, family: str, n: int) -> int:
        """Reserve ``n`` consecutive numbers; returns the first."""
        first = self._next[family]
        self._next[family] += n
        return first

    def texts(self, family: str) -> Callable[[int], list[str]]:
        """A callback handing out ``n`` fresh id strings."""

        def fresh(n: int) -> list[str]:
            first = self.take(family, n)
            return [fmt.id_text(family, i) for i in range(first, first + n)]

        return fresh


@dataclass
class ExperimentTally:
    """Exposure counts per campaign (for treatment_effect.json)."""

    treated: np.ndarray
    control: np.ndarray
    treated_active: np.ndarray
    control_active: np.ndarray

    @classmethod
    def empty(cls, n: int) -> ExperimentTally:
        """Zero counts for ``n`` campaigns."""
        return cls(*(np.zeros(n, np.int64) for _ in range(4)))

    def add(self, ex: ExposureBatch) -> None:
        """Count a chunk's exposures."""
        n = self.treated.size
        self.treated += np.bincount(ex.campaign[ex.treated], minlength=n)
        self.control += np.bincount(ex.campaign[~ex.treated], minlength=n)
        self.treated_active += np.bincount(ex.campaign[ex.treated & ex.active], minlength=n)
        self.control_active += np.bincount(ex.campaign[~ex.treated & ex.active], minlength=n)


@dataclass
class RunResult:
    """What a run produced (for the CLI summary and the benchmark)."""

    rows: dict[str, int]
    seconds: float
    files: dict[str, str] = field(default_factory=dict)


class GeneratorRun:
    """One execution of the generator for a :class:`GeneratorConfig`."""

    def __init__(self, cfg: GeneratorConfig) -> None:
        self.cfg = cfg
        self.seeds: SeedData = load_seeds(cfg.seeds_dir)
        self.timeline = Timeline.from_dates(cfg.start_date, cfg.end_date)
        self.catalog: Catalog = build_catalog(cfg.seed)
        self.calendar: tuple[Campaign, ...] = build_calendar(self.timeline)
        self.bound = uplift_bound(self.calendar, self.timeline)
        self.money = Money.from_rates(self.seeds.exchange_rates)
        self.rules = self.seeds.tier_rules
        self.planter = DirtPlanter(cfg.seed, cfg.dirty_rate, set(self.seeds.exchange_rates.rates))
        self.ids = IdCounters(cfg.members)
        self.registry = MemberRegistry(cfg.members)
        self.tally = ExperimentTally.empty(len(self.calendar))
        self.visitors = 0
        self.sinks: dict[str, TableSink] = {}
        self.truth: dict[str, TableSink] = {}

    # ------------------------------------------------------------------ public
    def execute(self) -> RunResult:
        """Generate everything, write files, ground truth and manifest."""
        started = time.perf_counter()
        self._open()
        try:
            self._write_global_tables()
            n_chunks = -(-self.cfg.members // self.cfg.chunk_size)
            for chunk, first in enumerate(range(0, self.cfg.members, self.cfg.chunk_size)):
                size = min(self.cfg.chunk_size, self.cfg.members - first)
                self._run_chunk(chunk, first, size)
                if n_chunks > 1:
                    self._log(f"chunk {chunk + 1}/{n_chunks} done (members {first + 1:,}-{first + size:,}, "
                              f"{time.perf_counter() - started:.0f} s)")
        finally:
            for sink in [*self.sinks.values(), *self.truth.values()]:
                sink.close()
        self._write_treatment_effect()
        files = self._write_manifest()
        return RunResult({n: s.rows for n, s in self.sinks.items()}, time.perf_counter() - started, files)

    # ------------------------------------------------------------------ setup
    def _open(self) -> None:
        ext = self.cfg.file_format
        for name in self.cfg.tables:
            self.sinks[name] = TableSink(self.cfg.out_dir / f"{name}.{ext}", TABLES[name].schema, ext)
        truth = self.cfg.truth_dir
        self.truth = {
            "dirty_rows": TableSink(truth / "dirty_rows.parquet", DIRTY_SCHEMA, "parquet"),
            "repaired_values": TableSink(truth / "repaired_values.parquet", REPAIRED_SCHEMA, "parquet"),
            "dropouts": TableSink(truth / "dropouts.parquet", DROPOUT_SCHEMA, "parquet"),
        }

    def _log(self, message: str) -> None:
        if not self.cfg.quiet:
            print(message, file=sys.stderr, flush=True)

    def _wants(self, *names: str) -> bool:
        return any(n in self.sinks for n in names)

    def _emit(self, name: str, table: pa.Table, chunk: int, part: int = 0) -> None:
        """Plant dirt into a clean batch and write it (if the table is selected)."""
        if name not in self.sinks:
            return
        family = TABLE_ID_FAMILY.get(name)
        fresh = self.ids.texts(family) if family else _no_fresh_ids
        result = self.planter.plant(name, table, chunk, part, fresh)
        self.sinks[name].write(result.table)
        if result.dirty_rows:
            self.truth["dirty_rows"].write(pa.Table.from_pylist(
                [dict(zip(DIRTY_SCHEMA.names, r)) for r in result.dirty_rows], schema=DIRTY_SCHEMA))
        if result.repaired_values:
            self.truth["repaired_values"].write(pa.Table.from_pylist(
                [dict(zip(REPAIRED_SCHEMA.names, r)) for r in result.repaired_values], schema=REPAIRED_SCHEMA))

    def _write_global_tables(self) -> None:
        self.ids.take("product", self.catalog.size)
        self.ids.take("campaign", len(self.calendar))
        self._emit("products", self.catalog.to_table(), chunk=0)
        self._emit("campaigns", calendar_table(self.calendar), chunk=0)

    # ------------------------------------------------------------------ chunk
    def _run_chunk(self, chunk: int, first: int, size: int) -> None:
        cfg = self.cfg
        members = generate_members(
            cfg.seed, chunk, first, size, cfg.members, self.timeline, self.seeds.exchange_rates, self.registry
        )
        orders, exposures = simulate_orders(
            cfg.seed, chunk, members, self.timeline, self.catalog, self.money, self.rules,
            self.calendar, self.bound, self.ids.peek("order"),
        )
        self.ids.take("order", orders.size)
        self.tally.add(exposures)
        tiers = evaluate_history(
            members.signup, orders.member, orders.t, orders.base_e8, orders.counts_for_tier, self.timeline, self.rules
        )
        self._write_dropouts(members)
        self._emit("members", members_table(members), chunk)
        self._emit("orders", orders_table(orders, first, self.money), chunk)
        self._emit_order_children(chunk, orders)
        if self._wants("events"):
            self._emit_events(chunk, members, orders)
        self._emit_engagement(chunk, members, orders, tiers)
        if self._wants("campaign_exposures"):
            table = exposures_table(exposures, self.calendar, first, self.ids.take("exposure", exposures.member.size))
            self._emit("campaign_exposures", table, chunk)
        if self._wants("tier_history"):
            self._emit("tier_history", tier_history_table(tiers, first, self.rules), chunk)

    def _emit_order_children(self, chunk: int, orders: OrderBatch) -> None:
        if self._wants("order_items"):
            first_item = self.ids.take("order_item", int(orders.n_items.sum()))
            self._emit("order_items", order_items_table(orders, first_item), chunk)
        if self._wants("refunds"):
            self._emit("refunds", refunds_table(orders, self.ids.take("refund", orders.refund_order.size)), chunk)

    def _emit_events(self, chunk: int, members: MemberBatch, orders: OrderBatch) -> None:
        blocks = simulate_events(
            self.cfg.seed, chunk, members, orders, self.timeline, self.catalog, self.calendar,
            self.visitors, self.cfg.members,
        )
        self.visitors += visitor_count(members.size)
        part = 0
        for ev in blocks:
            for start in range(0, ev.size, EVENT_SLICE_ROWS):
                rows = slice(start, min(start + EVENT_SLICE_ROWS, ev.size))
                first = self.ids.take("event", rows.stop - rows.start)
                table = events_table(ev, rows, first, members.first, orders.numbers, self.calendar)
                self._emit("events", table, chunk, part)
                part += 1

    def _emit_engagement(self, chunk: int, members: MemberBatch, orders: OrderBatch, tiers: TierHistory) -> None:
        cfg, first = self.cfg, members.first
        if self._wants("reviews", "points_ledger"):
            reviews = simulate_reviews(cfg.seed, chunk, members, orders, self.catalog)
            if self._wants("reviews"):
                table = reviews_table(reviews, self.ids.take("review", reviews.member.size), first, orders.numbers)
                self._emit("reviews", table, chunk)
            if self._wants("points_ledger"):
                pts = simulate_points(cfg.seed, chunk, members, orders, tiers, reviews, self.rules, self.timeline)
                self._emit("points_ledger", points_table(pts, self.ids.take("points", pts.member.size), first), chunk)
        if self._wants("referrals"):
            n_ref = int((members.referrer >= 0).sum())
            self._emit("referrals", referrals_table(members, self.ids.take("referral", n_ref)), chunk)
        if self._wants("service_tickets"):
            tk = simulate_tickets(cfg.seed, chunk, members, orders, self.timeline)
            self._emit("service_tickets", tickets_table(tk, self.ids.take("ticket", tk.member.size), first), chunk)

    def _write_dropouts(self, members: MemberBatch) -> None:
        never = members.dropout == NO_TIME
        table = pa.table(
            {
                "member_id": fmt.ids("member", members.numbers),
                "dropout_at": fmt.timestamps(np.where(never, 0, members.dropout), never),
            }
        )
        self.truth["dropouts"].write(table)

    # ------------------------------------------------------------------ ground truth
    def _write_treatment_effect(self) -> None:
        campaigns = [
            {
                "campaign_id": c.campaign_id,
                "campaign_name": c.name,
                "campaign_type": c.campaign_type,
                "started_at": fmt.timestamps(np.array([c.started_at]))[0].as_py(),
                "ended_at": fmt.timestamps(np.array([c.ended_at]))[0].as_py(),
                "true_relative_uplift": c.uplift,
                "window_days": c.window_days,
                "treated_count": int(self.tally.treated[i]),
                "control_count": int(self.tally.control[i]),
                "treated_active_count": int(self.tally.treated_active[i]),
                "control_active_count": int(self.tally.control_active[i]),
            }
            for i, c in enumerate(self.calendar)
        ]
        upgrade = [c for c in campaigns if c["campaign_type"] == "tier_upgrade"]
        doc = {
            "description": (
                "Treatment multiplies the member's latent purchase intensity by (1 + true_relative_uplift) "
                "for window_days after exposed_at. Members who had already (latently) dropped out cannot "
                "respond; *_active_count counts exposures of members still active at exposure."
            ),
            "overall_planted_effect": {
                "campaign_type": "tier_upgrade",
                "true_relative_uplift": PLANTED_EFFECTS["tier_upgrade"][0],
                "window_days": PLANTED_EFFECTS["tier_upgrade"][1],
                "treated_count": sum(int(c["treated_count"]) for c in upgrade),
                "control_count": sum(int(c["control_count"]) for c in upgrade),
            },
            "planted_effects_by_type": {
                k: {"true_relative_uplift": v[0], "window_days": v[1]} for k, v in PLANTED_EFFECTS.items()
            },
            "campaigns": campaigns,
        }
        _write_json(self.cfg.truth_dir / "treatment_effect.json", doc)

    def _write_manifest(self) -> dict[str, str]:
        files: dict[str, str] = {}
        for name, sink in self.sinks.items():
            files[f"raw/{sink.path.name}"] = _sha256(sink.path)
        truth_files = [sink.path for sink in self.truth.values()] + [self.cfg.truth_dir / "treatment_effect.json"]
        for path in truth_files:
            files[f"truth/{path.name}"] = _sha256(path)
        tables = {}
        for name in self.cfg.tables:
            st = self.planter.state[name]
            tables[name] = {
                "file": self.sinks[name].path.name,
                "clean_rows": st.clean_rows,
                "dirty_rows": st.quarantined,
                "repaired_values": st.repaired,
                "rows_in_file": self.sinks[name].rows,
                "dirty_by_reason": dict(sorted(st.reasons.items())),
            }
        doc = {
            "generator": "member_value.generate",
            "args": self.cfg.manifest_args(),
            "seed": self.cfg.seed,
            "seed_files_sha256": self.seeds.file_hashes,
            "base_currency": self.seeds.exchange_rates.base_currency,
            "tables": tables,
            "files_sha256": files,
        }
        _write_json(self.cfg.truth_dir / "manifest.json", doc)
        return files


def _no_fresh_ids(n: int) -> list[str]:
    """Tables without a single-column id (tier_history) never need fresh ids."""
    raise AssertionError(f"no id family for {n} fresh ids")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, doc: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def run(cfg: GeneratorConfig) -> RunResult:
    """Run the generator."""
    return GeneratorRun(cfg).execute()


def ordered_tables(names: list[str]) -> tuple[str, ...]:
    """Selected tables in canonical order."""
    return tuple(n for n in TABLE_ORDER if n in set(names))
