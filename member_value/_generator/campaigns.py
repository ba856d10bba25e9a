"""The campaign calendar and the planted (true) treatment effects.

* ``tier_upgrade`` (quarterly): members near the next tier's thresholds,
  split 50/50; treatment multiplies the purchase intensity by ``1 + uplift``
  for ``window_days`` after exposure.
* ``winback`` (half-yearly): lapsing members (last order 120-365 days ago).
* ``promo`` (Black Friday, summer sale) and ``newsletter`` (quarterly): random
  members; newsletters have a true effect of zero (a placebo).

The effect acts on the latent purchase intensity, so members who have already
(latently) dropped out cannot respond - their exposures dilute the observed
effect exactly as in a real shop.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import fmt
from .timeline import DAY, Timeline

#: campaign_type -> (relative uplift, effect window days, share of members exposed
#: for randomly targeted types).
PLANTED_EFFECTS: dict[str, tuple[float, int, float]] = {
    "tier_upgrade": (0.20, 60, 0.0),
    "winback": (0.30, 60, 0.0),
    "promo": (0.10, 14, 0.25),
    "newsletter": (0.0, 14, 0.15),
}
#: tier_upgrade targeting: trailing spend at least this share of the next tier's
#: minimum, and at least (next tier's minimum orders - ORDERS_SLACK) orders.
NEAR_TIER_SPEND_SHARE = 0.6
NEAR_TIER_ORDERS_SLACK = 2
#: winback targeting: last order between these many days before the start.
WINBACK_LAPSE_DAYS = (120, 365)
#: Exposures happen within this many days after the campaign start.
EXPOSURE_SPREAD_DAYS = 3


@dataclass(frozen=True)
class Campaign:
    """One campaign of the calendar."""

    number: int
    name: str
    campaign_type: str
    started_at: int
    ended_at: int

    @property
    def campaign_id(self) -> str:
        """Text id, e.g. ``C0003``."""
        return fmt.id_text("campaign", self.number)

    @property
    def uplift(self) -> float:
        """Planted relative uplift of the purchase intensity."""
        return PLANTED_EFFECTS[self.campaign_type][0]

    @property
    def window_days(self) -> int:
        """Days after exposure during which the uplift applies."""
        return PLANTED_EFFECTS[self.campaign_type][1]

    @property
    def random_share(self) -> float:
        """Share of signed-up members exposed (random targeting types)."""
        return PLANTED_EFFECTS[self.campaign_type][2]

    @property
    def slug(self) -> str:
        """utm_campaign-style slug of the name."""
        return re.sub(r"[^a-z0-9]+", "_", self.name.lower()).strip("_")


def _at(day: dt.date, hour: int) -> int:
    return int((day - dt.date(1970, 1, 1)).days) * DAY + hour * 3600


def build_calendar(timeline: Timeline) -> tuple[Campaign, ...]:
    """All campaigns fully inside the window, numbered by start time."""
    drafts: list[tuple[int, int, str, str]] = []
    for ms in timeline.month_starts:
        day = dt.date(1970, 1, 1) + dt.timedelta(days=int(ms // DAY))
        year, month = day.year, day.month
        if month in (1, 4, 7, 10):
            start = _at(day + dt.timedelta(days=9), 9)
            drafts.append((start, start + 21 * DAY, "tier_upgrade",
                           f"Tier upgrade push {year}-Q{(month - 1) // 3 + 1}"))
        if month in (3, 9):
            start = _at(day + dt.timedelta(days=2), 10)
            drafts.append((start, start + 28 * DAY, "winback", f"Win-back {year}-{month:02d}"))
        if month in (2, 5, 8, 11):
            start = _at(day + dt.timedelta(days=6), 8)
            drafts.append((start, start + 7 * DAY, "newsletter", f"Newsletter {year}-{month:02d}"))
        if month == 11:
            drafts.append((_at(dt.date(year, 11, 20), 8), _at(dt.date(year, 12, 1), 23), "promo",
                           f"Black Friday {year}"))
        if month == 7:
            drafts.append((_at(dt.date(year, 7, 1), 8), _at(dt.date(year, 7, 14), 23), "promo",
                           f"Summer sale {year}"))
    kept = [d for d in drafts if _fits(d[0], d[1], d[2], timeline)]
    kept.sort(key=lambda d: (d[0], d[2]))
    return tuple(Campaign(i + 1, name, ctype, s, e) for i, (s, e, ctype, name) in enumerate(kept))


def _fits(start: int, end: int, ctype: str, timeline: Timeline) -> bool:
    """Campaign lies in the window and has enough history before it."""
    history_days = {"tier_upgrade": 180, "winback": 270, "promo": 60, "newsletter": 30}[ctype]
    effect_end = end + PLANTED_EFFECTS[ctype][1] * DAY
    return start >= timeline.start + history_days * DAY and effect_end <= timeline.end


def uplift_bound(calendar: tuple[Campaign, ...], timeline: Timeline) -> float:
    """Largest product of ``1 + uplift`` over campaigns whose effect windows overlap."""
    grid = np.arange(timeline.start, timeline.end, 6 * 3600)
    factor = np.ones(grid.size)
    for c in calendar:
        active = (grid >= c.started_at) & (grid <= c.ended_at + c.window_days * DAY)
        factor[active] *= 1.0 + c.uplift
    return float(factor.max()) if grid.size else 1.0


def calendar_table(calendar: tuple[Campaign, ...]) -> pa.Table:
    """The ``campaigns`` raw table."""
    return pa.table(
        {
            "campaign_id": fmt.texts([c.campaign_id for c in calendar]),
            "campaign_name": fmt.texts([c.name for c in calendar]),
            "campaign_type": fmt.texts([c.campaign_type for c in calendar]),
            "started_at": fmt.timestamps(np.array([c.started_at for c in calendar], dtype=np.int64)),
            "ended_at": fmt.timestamps(np.array([c.ended_at for c in calendar], dtype=np.int64)),
        }
    )
