"""The history window, month boundaries, seasonality and time sampling.

All times inside the simulation are ``int64`` seconds since the Unix epoch (UTC).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .config import HOURLY_PROFILE, MONTH_SEASONALITY

DAY = 86_400
YEAR = 365.25 * DAY


def epoch_seconds(day: dt.date) -> int:
    """Midnight UTC of ``day`` as epoch seconds."""
    return int((day - dt.date(1970, 1, 1)).days) * DAY


@dataclass(frozen=True)
class Timeline:
    """The simulated history window ``[start, end)``.

    Attributes:
        start: First second of the window (start date, 00:00:00 UTC).
        end: First second after the window (day after the end date).
        month_starts: Epoch seconds of the 1st of every month touching the
            window (the first may precede ``start``), plus the month after.
        month_of_year: Calendar month (1-12) of each entry of ``month_starts``.
    """

    start: int
    end: int
    month_starts: np.ndarray
    month_of_year: np.ndarray

    @classmethod
    def from_dates(cls, start_date: dt.date, end_date: dt.date) -> Timeline:
        """Build the window from inclusive start/end dates."""
        first = np.datetime64(start_date, "M")
        last = np.datetime64(end_date, "M") + 1
        months = np.arange(first, last + 1)
        starts = months.astype("datetime64[s]").astype(np.int64)
        moy = (months.astype(np.int64) % 12) + 1
        return cls(epoch_seconds(start_date), epoch_seconds(end_date + dt.timedelta(days=1)), starts, moy)

    @property
    def evaluation_points(self) -> np.ndarray:
        """Month starts strictly inside the window (monthly tier evaluations)."""
        ms = self.month_starts
        return ms[(ms > self.start) & (ms < self.end)]

    def month_index(self, t: np.ndarray) -> np.ndarray:
        """Index into ``month_starts`` of the month containing each time."""
        return np.searchsorted(self.month_starts, t, side="right") - 1

    def seasonality(self, t: np.ndarray) -> np.ndarray:
        """Month-of-year purchase multiplier at each time (mean ~1)."""
        table = np.asarray(MONTH_SEASONALITY) / np.mean(MONTH_SEASONALITY)
        return table[self.month_of_year[self.month_index(t)] - 1]

    @property
    def max_seasonality(self) -> float:
        """Upper bound of :meth:`seasonality`."""
        return float(np.max(MONTH_SEASONALITY) / np.mean(MONTH_SEASONALITY))


def sample_process(
    rng: np.random.Generator,
    timeline: Timeline,
    starts: np.ndarray,
    stops: np.ndarray,
    rate_per_year: np.ndarray,
    seasonal: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Sample a (seasonal) Poisson process per owner on ``[starts, stops)``.

    Uses thinning: candidates at the peak rate, kept with probability
    ``seasonality(t) / max_seasonality``.

    Returns:
        ``(owner, t)``: owner index and integer time of each point, grouped by
        owner (times within an owner are not sorted).
    """
    span = np.maximum(stops - starts, 0).astype(np.float64)
    bound = timeline.max_seasonality if seasonal else 1.0
    counts = rng.poisson(rate_per_year * bound * span / YEAR)
    owner = np.repeat(np.arange(len(starts)), counts)
    t = starts[owner] + np.floor(rng.random(owner.size) * span[owner]).astype(np.int64)
    if seasonal:
        keep = rng.random(owner.size) * bound < timeline.seasonality(t)
        owner, t = owner[keep], t[keep]
    return owner, t


def with_time_of_day(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Move each time to the same day at a time drawn from the hourly profile."""
    weights = np.asarray(HOURLY_PROFILE) / np.sum(HOURLY_PROFILE)
    hours = rng.choice(24, size=t.size, p=weights)
    seconds = rng.integers(0, 3600, size=t.size)
    return (t // DAY) * DAY + hours * 3600 + seconds
