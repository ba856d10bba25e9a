"""Reading the dbt seed files the generator depends on.

``exchange_rates.csv``: ``currency_code,currency_name,rate_to_base`` where one
unit of the currency is worth ``rate_to_base`` units of the base currency.
``tier_rules.csv``: ``tier,tier_rank,min_trailing_12m_spend,
min_trailing_12m_orders,points_multiplier``.

Money thresholds and rates are parsed with :class:`decimal.Decimal` and kept as
scaled integers so that tier evaluation is exact (no float rounding at the
thresholds), matching what a DECIMAL computation in SQL would give.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

#: Fixed-point scale of base-currency amounts used in tier evaluation (1e-8 units).
BASE_SCALE_DIGITS = 8
#: Fixed-point scale of exchange rates (1e-6 units).
RATE_SCALE_DIGITS = 6


def project_root() -> Path:
    """The dbt project root (the directory that holds the ``member_value`` package)."""
    return Path(__file__).resolve().parents[2]


def default_seeds_dir() -> Path:
    """``<project root>/seeds``."""
    return project_root() / "seeds"


@dataclass(frozen=True)
class ExchangeRates:
    """Currencies of the seed and their value in the base currency."""

    rates: dict[str, Decimal]

    @property
    def base_currency(self) -> str:
        """The currency whose ``rate_to_base`` is exactly 1."""
        for code, rate in self.rates.items():
            if rate == 1:
                return code
        raise ValueError("exchange_rates seed has no currency with rate_to_base = 1")

    def rate_float(self, code: str) -> float:
        """Rate as a float (for price conversion)."""
        return float(self.rates[code])

    def rate_scaled(self, code: str) -> int:
        """Rate as an integer in units of 10**-RATE_SCALE_DIGITS."""
        scaled = self.rates[code] * (10**RATE_SCALE_DIGITS)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"rate of {code} has more than {RATE_SCALE_DIGITS} decimals")
        return int(scaled)


@dataclass(frozen=True)
class TierRule:
    """One row of ``tier_rules.csv``."""

    tier: str
    rank: int
    min_spend: Decimal
    min_orders: int
    points_multiplier: Decimal

    @property
    def min_spend_scaled(self) -> int:
        """Minimum trailing spend in 10**-BASE_SCALE_DIGITS base units."""
        return int(self.min_spend * (10**BASE_SCALE_DIGITS))

    @property
    def multiplier_x100(self) -> int:
        """Points multiplier times 100 (exact integer)."""
        return int(self.points_multiplier * 100)


@dataclass(frozen=True)
class SeedData:
    """Everything read from the seeds directory."""

    exchange_rates: ExchangeRates
    tier_rules: tuple[TierRule, ...]
    file_hashes: dict[str, str]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def load_exchange_rates(path: Path) -> ExchangeRates:
    """Parse ``exchange_rates.csv``."""
    rates = {row["currency_code"].upper(): Decimal(row["rate_to_base"]) for row in _read_csv(path)}
    if not rates:
        raise ValueError(f"{path} has no rows")
    return ExchangeRates(rates)


def load_tier_rules(path: Path) -> tuple[TierRule, ...]:
    """Parse ``tier_rules.csv``; rules are returned sorted by rank (lowest first)."""
    rules = tuple(
        sorted(
            (
                TierRule(
                    tier=row["tier"].lower(),
                    rank=int(row["tier_rank"]),
                    min_spend=Decimal(row["min_trailing_12m_spend"]),
                    min_orders=int(row["min_trailing_12m_orders"]),
                    points_multiplier=Decimal(row["points_multiplier"]),
                )
                for row in _read_csv(path)
            ),
            key=lambda r: r.rank,
        )
    )
    if not rules:
        raise ValueError(f"{path} has no rows")
    return rules


def load_seeds(seeds_dir: Path | None) -> SeedData:
    """Load both seeds from ``seeds_dir`` (default: the project's ``seeds/``)."""
    folder = seeds_dir or default_seeds_dir()
    rates_path = folder / "exchange_rates.csv"
    rules_path = folder / "tier_rules.csv"
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (rates_path, rules_path)}
    return SeedData(load_exchange_rates(rates_path), load_tier_rules(rules_path), hashes)
