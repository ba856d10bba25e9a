"""Planting dirty data: quarantine rows and repaired (re-formatted) values.

Quarantine rows are EXTRA rows appended after a batch's clean rows.  Each is a
copy of a clean template row with exactly one defect (see ``schema.TABLES`` for
the kinds per table) and, except for ``missing_key`` / ``duplicate_key``, a
fresh unique id.  Clean rows are never touched by this step, so the clean core
stays referentially intact.

Repaired values are formatting defects mutated INTO clean rows (padding, mixed
case, ISO-8601 timestamps with a UTC offset) that staging must normalise.
Template rows for quarantine copies are never taken from mutated rows, so
``duplicate_key`` rows are byte-exact copies of untouched clean rows.

Both kinds are planted at ``rate x clean rows`` per table, counted cumulatively
over the streamed batches (so totals are exact) and only once a table has at
least MIN_CLEAN_ROWS clean rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .rng import stream
from .schema import TABLE_ORDER, TABLES, row_key_of

MIN_CLEAN_ROWS = 100
TS_FORMAT = "%Y-%m-%d %H:%M:%S"

INVALID_NUMBERS = ("N/A", "abc", "twelve", "1O.50", "#VALUE!")
INVALID_TIMESTAMPS = ("not a date", "2024-13-45 10:00:00", "31/02/2024 25:61", "yesterday", "2024-02-30 12:00:00")
UNKNOWN_CURRENCIES = ("XYZ", "ZZZ", "XXA")
INVALID_CATEGORIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("orders", "order_status"): ("lost", "unknown", "teleported"),
    ("events", "event_type"): ("teleport", "unknown_event"),
    ("campaign_exposures", "variant"): ("holdout", "treatment_b"),
    ("tier_history", "tier"): ("platinum", "vip"),
}
OUT_OF_RANGE: dict[tuple[str, str], tuple[str, ...]] = {
    ("order_items", "quantity"): ("0", "-1", "-3"),
    ("reviews", "rating"): ("0", "6", "7", "10"),
    ("service_tickets", "csat_score"): ("0", "6", "9"),
}
#: Column receiving each defect, per table.
DEFECT_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "missing_value": {"orders": ("member_id",)},
    "invalid_number": {
        "orders": ("order_total",), "order_items": ("quantity", "unit_price"),
        "refunds": ("refund_amount",), "points_ledger": ("points",),
    },
    "negative_amount": {
        "orders": ("order_total",), "order_items": ("unit_price",),
        "refunds": ("refund_amount",), "products": ("list_price",),
    },
    "out_of_range": {"order_items": ("quantity",), "reviews": ("rating",), "service_tickets": ("csat_score",)},
    "invalid_timestamp": {"members": ("signup_at",), "events": ("event_at",)},
    "future_timestamp": {
        "members": ("signup_at",), "orders": ("ordered_at",), "refunds": ("refunded_at",), "events": ("event_at",),
    },
    "unknown_currency": {"orders": ("currency_code",)},
    "invalid_category": {t: (c,) for (t, c) in INVALID_CATEGORIES},
    "orphan_member": {
        "orders": ("member_id",), "events": ("member_id",), "reviews": ("member_id",),
        "referrals": ("referred_member_id",), "campaign_exposures": ("member_id",),
        "tier_history": ("member_id",), "points_ledger": ("member_id",), "service_tickets": ("member_id",),
    },
    "orphan_order": {"order_items": ("order_id",), "refunds": ("order_id",)},
    "orphan_product": {"order_items": ("product_id",), "reviews": ("product_id",)},
    "orphan_campaign": {"campaign_exposures": ("campaign_id",)},
}
#: Orphan ids: prefix "9" in the leading digit - above any id this generator creates.
ORPHAN_PATTERNS: dict[str, tuple[str, int]] = {
    "orphan_member": ("M9", 7),
    "orphan_order": ("O9", 8),
    "orphan_product": ("P9", 4),
    "orphan_campaign": ("C9", 3),
}
#: Repair styles per repairable column.
REPAIR_STYLE: dict[str, str] = {
    "email": "email",
    "country_code": "code",
    "currency_code": "code",
    "signup_at": "timestamp",
    "ordered_at": "timestamp",
    "event_at": "timestamp",
}
UTC_OFFSETS_MINUTES = (0, 0, 60, 120, -300, 330, 540, -480)

FreshIds = Callable[[int], list[str]]


@dataclass
class TableDirt:
    """Cumulative counters of one table."""

    clean_rows: int = 0
    quarantined: int = 0
    repaired: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


@dataclass
class PlantResult:
    """Output of planting dirt into one batch."""

    table: pa.Table
    dirty_rows: list[tuple[str, str | None, str]]
    repaired_values: list[tuple[str, str | None, str, str, str]]


class DirtPlanter:
    """Plants dirty rows batch by batch with exact cumulative targets."""

    def __init__(self, seed: int, rate: float, known_currencies: set[str]) -> None:
        self.seed = seed
        self.rate = rate
        self.known_currencies = known_currencies
        self.state: dict[str, TableDirt] = {name: TableDirt() for name in TABLE_ORDER}

    def _target(self, clean_rows: int) -> int:
        return int(np.floor(self.rate * clean_rows + 1e-9)) if clean_rows >= MIN_CLEAN_ROWS else 0

    def plant(self, name: str, clean: pa.Table, chunk: int, part: int, fresh_ids: FreshIds) -> PlantResult:
        """Mutate repairable values in ``clean`` and append quarantine rows."""
        st = self.state[name]
        spec = TABLES[name]
        st.clean_rows += clean.num_rows
        target = self._target(st.clean_rows)
        key = (TABLE_ORDER.index(name) * 100_000 + part)
        repaired: list[tuple[str, str | None, str, str, str]] = []
        mutated = np.zeros(clean.num_rows, dtype=bool)
        if spec.repairable and clean.num_rows >= 2:
            n_rep = min(target - st.repaired, clean.num_rows // 2)
            if n_rep > 0:
                clean, repaired, mutated = self._repair(stream(self.seed, "repair", chunk, key), name, clean, n_rep)
                st.repaired += n_rep
        dirty_rows: list[tuple[str, str | None, str]] = []
        templates = np.flatnonzero(~mutated)
        n_dirty = target - st.quarantined
        if n_dirty > 0 and templates.size:
            extra, dirty_rows = self._quarantine(stream(self.seed, "dirty", chunk, key), name, clean, templates,
                                                 n_dirty, fresh_ids)
            st.quarantined += n_dirty
            clean = pa.concat_tables([clean, extra])
        return PlantResult(clean, dirty_rows, repaired)

    # ----------------------------------------------------------------- repaired values
    def _repair(
        self, rng: np.random.Generator, name: str, table: pa.Table, n: int
    ) -> tuple[pa.Table, list[tuple[str, str | None, str, str, str]], np.ndarray]:
        spec = TABLES[name]
        st = self.state[name]
        rows = np.sort(rng.choice(table.num_rows, size=n, replace=False))
        cols = np.array([spec.repairable[(st.repaired + i) % len(spec.repairable)] for i in range(n)])
        mutated = np.zeros(table.num_rows, dtype=bool)
        mutated[rows] = True
        truth: list[tuple[str, str | None, str, str, str]] = []
        keys = _row_keys(name, table, rows)
        for col in spec.repairable:
            sel = cols == col
            if not sel.any():
                continue
            col_rows = rows[sel]
            clean_vals = table.column(col).take(pa.array(col_rows)).to_pylist()
            raw_vals = [_mutate(rng, REPAIR_STYLE.get(col, "enum"), v) for v in clean_vals]
            mask = np.zeros(table.num_rows, dtype=bool)
            mask[col_rows] = True
            new_col = pc.replace_with_mask(table.column(col).combine_chunks(), pa.array(mask), pa.array(raw_vals))
            table = table.set_column(table.schema.get_field_index(col), col, new_col)
            truth.extend(
                (name, k, col, raw, exp)
                for k, raw, exp in zip(np.asarray(keys, dtype=object)[sel], raw_vals, clean_vals)
            )
        truth.sort(key=lambda r: (str(r[1]), r[2]))
        return table, truth, mutated

    # ----------------------------------------------------------------- quarantine rows
    def _quarantine(
        self,
        rng: np.random.Generator,
        name: str,
        table: pa.Table,
        templates: np.ndarray,
        n: int,
        fresh_ids: FreshIds,
    ) -> tuple[pa.Table, list[tuple[str, str | None, str]]]:
        spec = TABLES[name]
        st = self.state[name]
        kinds = [spec.dirty_kinds[(st.quarantined + i) % len(spec.dirty_kinds)] for i in range(n)]
        picks = rng.choice(templates, size=n, replace=templates.size < n)
        rows = table.take(pa.array(picks)).to_pylist()
        n_fresh = sum(k not in ("missing_key", "duplicate_key") for k in kinds)
        fresh = iter(fresh_ids(n_fresh) if n_fresh and name != "tier_history" else [])
        existing_keys = _key_set(table) if name == "tier_history" else set()
        truth: list[tuple[str, str | None, str]] = []
        for row, kind in zip(rows, kinds):
            _apply_defect(rng, name, kind, row, fresh, existing_keys, self.known_currencies)
            key = None if kind == "missing_key" else row_key_of(name, row)
            truth.append((name, key, kind))
            st.reasons[kind] += 1
        return pa.Table.from_pylist(rows, schema=spec.schema), truth


def _row_keys(name: str, table: pa.Table, rows: np.ndarray) -> list[str | None]:
    spec = TABLES[name]
    cols = [table.column(c).take(pa.array(rows)).to_pylist() for c in spec.key]
    if len(cols) == 1:
        return cols[0]
    return ["|".join(parts) for parts in zip(*cols)]


def _key_set(table: pa.Table) -> set[str]:
    """``member_id|effective_at`` keys of a tier_history batch."""
    return set(
        pc.binary_join_element_wise(table.column("member_id"), table.column("effective_at"), "|").to_pylist()
    )


def _apply_defect(
    rng: np.random.Generator,
    name: str,
    kind: str,
    row: dict[str, str | None],
    fresh: Iterator[str],
    existing_keys: set[str],
    known_currencies: set[str],
) -> None:
    """Give a copied row exactly one defect (in place) and, if needed, a fresh key."""
    spec = TABLES[name]
    if kind == "duplicate_key":
        return
    if kind == "missing_key":
        row[spec.key[0]] = (None, "", "  ")[int(rng.integers(3))]
        return
    if name == "tier_history":
        _fresh_tier_key(rng, row, existing_keys, kind)
    else:
        row[spec.key[0]] = next(fresh)
        if name == "members":
            _fresh_member_details(row)
    cols = DEFECT_COLUMNS[kind][name]
    col = cols[int(rng.integers(len(cols)))]
    row[col] = _defect_value(rng, name, kind, col, row[col], known_currencies)


def _defect_value(
    rng: np.random.Generator, name: str, kind: str, col: str, value: str | None, known_currencies: set[str]
) -> str | None:
    def pick(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    if kind == "missing_value":
        return None
    if kind == "invalid_number":
        return pick(INVALID_NUMBERS)
    if kind == "negative_amount":
        return "-" + str(value)
    if kind == "out_of_range":
        return pick(OUT_OF_RANGE[(name, col)])
    if kind == "invalid_timestamp":
        return pick(INVALID_TIMESTAMPS)
    if kind == "future_timestamp":
        start = dt.datetime(2035, 1, 1)
        seconds = int(rng.integers(0, int((dt.datetime(2040, 12, 31) - start).total_seconds())))
        return (start + dt.timedelta(seconds=seconds)).strftime(TS_FORMAT)
    if kind == "unknown_currency":
        return pick(tuple(c for c in UNKNOWN_CURRENCIES if c not in known_currencies))
    if kind == "invalid_category":
        return pick(INVALID_CATEGORIES[(name, col)])
    prefix, digits = ORPHAN_PATTERNS[kind]
    return f"{prefix}{int(rng.integers(0, 10**digits)):0{digits}d}"


def _fresh_member_details(row: dict[str, str | None]) -> None:
    """A fresh member copy gets its own e-mail and no referral link."""
    number = int(str(row["member_id"])[1:])
    row["email"] = re.sub(r"\d+@", f"{number}@", str(row["email"]))
    if row["signup_channel"] == "referral":
        row["signup_channel"] = "web"
    row["referrer_member_id"] = None


def _fresh_tier_key(rng: np.random.Generator, row: dict[str, str | None], existing: set[str], kind: str) -> None:
    """Make (member_id, effective_at) unique by moving the time within the hour."""
    if kind == "orphan_member":
        return  # the orphan member id makes the key unique
    base = dt.datetime.strptime(str(row["effective_at"]), TS_FORMAT)
    while True:
        shifted = (base + dt.timedelta(seconds=int(rng.integers(1, 3600)))).strftime(TS_FORMAT)
        key = f"{row['member_id']}|{shifted}"
        if key not in existing:
            existing.add(key)
            row["effective_at"] = shifted
            return


# --------------------------------------------------------------------------- repair styles
def _mutate(rng: np.random.Generator, style: str, value: str) -> str:
    """A formatting variant of a clean value that normalises back to it."""
    if style == "timestamp":
        return _offset_timestamp(rng, value)
    if style == "email":
        cased = "".join(ch.upper() if rng.random() < 0.4 else ch for ch in value)
        return _pad(rng, cased, force=True)
    variants: tuple[Callable[[str], str], ...]
    if style == "code":
        variants = (str.lower, str.capitalize, str.upper)
    else:
        variants = (str.upper, str.title, lambda v: "_".join(p.capitalize() for p in v.split("_")), str.lower)
    out = variants[int(rng.integers(len(variants)))](value)
    return _pad(rng, out, force=out == value)


def _pad(rng: np.random.Generator, value: str, force: bool) -> str:
    styles = ((" ", " "), (" ", ""), ("", " "), ("  ", " "), ("", "")) if not force else (
        (" ", " "), (" ", ""), ("", " "), ("  ", " "))
    left, right = styles[int(rng.integers(len(styles)))]
    return f"{left}{value}{right}"


def _offset_timestamp(rng: np.random.Generator, value: str) -> str:
    """``2024-03-01 10:00:00`` -> e.g. ``2024-03-01T12:00:00+02:00`` or ``...Z``."""
    utc = dt.datetime.strptime(value, TS_FORMAT)
    minutes = UTC_OFFSETS_MINUTES[int(rng.integers(len(UTC_OFFSETS_MINUTES)))]
    local = utc + dt.timedelta(minutes=minutes)
    if minutes == 0:
        return local.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if rng.random() < 0.7 else "+00:00")
    sign = "+" if minutes > 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return f"{local.strftime('%Y-%m-%dT%H:%M:%S')}{sign}{hh:02d}:{mm:02d}"
