"""The loyalty programme's official tier changes.

Rule (documented for the dbt models): a member starts in the lowest tier at
``signup_at``.  On the 1st of every month (00:00:00 UTC, strictly after signup
and inside the window) the programme computes, over orders with
``ordered_at >= <1st of the month 12 months earlier>`` and ``< <evaluation time>``
and ``order_status not in ('cancelled', 'returned')``:

* spend  = sum(order_total * rate_to_base)  (exact decimal, base currency)
* orders = count(*)

The member's tier becomes the highest tier whose ``min_trailing_12m_spend`` and
``min_trailing_12m_orders`` are both met (upgrade or downgrade, possibly by
several levels).  A ``tier_history`` row is written only when the tier changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import fmt
from .arrays import sum_by
from .reference import TierRule
from .timeline import Timeline

CHANGE_REASONS: tuple[str, ...] = ("signup", "upgrade", "downgrade")


def qualified_position(spend_e8: np.ndarray, orders: np.ndarray, rules: tuple[TierRule, ...]) -> np.ndarray:
    """Position in ``rules`` of the highest tier whose thresholds are met."""
    pos = np.zeros(spend_e8.shape, dtype=np.int64)
    for i, rule in enumerate(rules):
        ok = (spend_e8 >= rule.min_spend_scaled) & (orders >= rule.min_orders)
        pos = np.where(ok, i, pos)
    return pos


@dataclass
class TierHistory:
    """Tier change rows of a chunk, sorted by (member, effective time)."""

    member: np.ndarray
    effective_at: np.ndarray
    position: np.ndarray
    reason: np.ndarray

    def tier_at(self, member: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Tier position in force for each (member, time) (time >= signup)."""
        keys = (self.member.astype(np.int64) << 32) | self.effective_at
        query = (member.astype(np.int64) << 32) | t
        return self.position[np.searchsorted(keys, query, side="right") - 1]


def evaluate_history(
    signup: np.ndarray,
    order_member: np.ndarray,
    order_t: np.ndarray,
    order_base_e8: np.ndarray,
    order_counts: np.ndarray,
    timeline: Timeline,
    rules: tuple[TierRule, ...],
) -> TierHistory:
    """Monthly tier evaluation for one chunk of members.

    Args:
        signup: Signup time per local member.
        order_member, order_t, order_base_e8: Orders (local member, time,
            base-currency value in 1e-8 units).
        order_counts: Boolean mask of orders that count (status not
            cancelled/returned).
    """
    n = signup.size
    months = timeline.month_starts.size
    m = timeline.month_index(order_t[order_counts])
    flat = order_member[order_counts] * months + m
    spend = sum_by(flat, order_base_e8[order_counts], n * months).reshape(n, months)
    count = np.bincount(flat, minlength=n * months).reshape(n, months)
    cum_spend = np.concatenate([np.zeros((n, 1), np.int64), np.cumsum(spend, axis=1)], axis=1)
    cum_count = np.concatenate([np.zeros((n, 1), np.int64), np.cumsum(count, axis=1)], axis=1)
    ks = np.flatnonzero((timeline.month_starts > timeline.start) & (timeline.month_starts < timeline.end))
    lo = np.maximum(ks - 12, 0)
    trailing_spend = cum_spend[:, ks] - cum_spend[:, lo]
    trailing_count = cum_count[:, ks] - cum_count[:, lo]
    evals = timeline.month_starts[ks]
    pos = qualified_position(trailing_spend, trailing_count, rules)
    pos = np.where(signup[:, None] < evals[None, :], pos, 0)
    prev = np.concatenate([np.zeros((n, 1), np.int64), pos[:, :-1]], axis=1)
    mem_idx, ev_idx = np.nonzero(pos != prev)
    new_pos = pos[mem_idx, ev_idx]
    reason = np.where(new_pos > prev[mem_idx, ev_idx], 1, 2)
    member = np.concatenate([np.arange(n), mem_idx])
    eff = np.concatenate([signup, evals[ev_idx]])
    order = np.lexsort((eff, member))
    return TierHistory(
        member=member[order],
        effective_at=eff[order],
        position=np.concatenate([np.zeros(n, np.int64), new_pos])[order],
        reason=np.concatenate([np.zeros(n, np.int64), reason])[order],
    )


def tier_history_table(hist: TierHistory, member_first: int, rules: tuple[TierRule, ...]) -> pa.Table:
    """The ``tier_history`` raw rows."""
    return pa.table(
        {
            "member_id": fmt.ids("member", hist.member + member_first + 1),
            "tier": fmt.categories(tuple(r.tier for r in rules), hist.position),
            "effective_at": fmt.timestamps(hist.effective_at),
            "change_reason": fmt.categories(CHANGE_REASONS, hist.reason),
        }
    )
