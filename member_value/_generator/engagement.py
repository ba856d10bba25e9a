"""Reviews, referrals, the points ledger and service tickets.

* Reviews: written after delivered orders, for a product of that order, with a
  per-member propensity that grows with purchase intensity (engaged members
  review more), before the member's dropout.
* Referrals: one row per referral signup, mirroring ``members.referrer_member_id``.
* Points ledger: ``purchase`` points for delivered orders (base-currency value x
  the tier multiplier in force when ordering, floored), ``review`` and
  ``referral`` (welcome bonus of the referred member) credits, ``redemption``
  of REDEMPTION_POINTS each time lifetime earnings cross another multiple of
  REDEMPTION_THRESHOLD, and ``expiry`` of the whole balance after
  POINTS_EXPIRY_DAYS without ledger activity.  Balances never go negative.
* Service tickets: mostly after returns, partial refunds and deliveries, plus
  account/other questions; CSAT falls with resolution time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import config as C
from . import fmt
from .arrays import cumsum_within, group_starts
from .catalog import Catalog
from .members import MemberBatch
from .orders import CANCELLED, DELIVERED, RETURNED, STORE, OrderBatch
from .reference import BASE_SCALE_DIGITS, TierRule
from .rng import stream
from .tiers import TierHistory
from .timeline import DAY, Timeline, sample_process

REVIEW_TEXTS: tuple[tuple[str, ...], ...] = (
    ("Broke after two days, very disappointed.", 'Not as described: the "premium" finish peeled off.',
     "Arrived damaged, and support was slow."),
    ("Looks cheap, feels cheaper.", "Sizing is off, had to send it back.", 'Expected more for the price, "meh".'),
    ("Does the job, nothing special.", "OK quality; delivery took a while.",
     'Decent, but the "fast" part is not that fast.'),
    ("Good value, would buy again.", "Nice quality, slightly smaller than expected.", "Works well, arrived on time."),
    ("Absolutely love it!", "Perfect, exactly as described.", 'My new "go-to" brand, highly recommend.'),
)
REVIEW_TEXT_NULL_SHARE = 0.15
ENTRY_REASONS: tuple[str, ...] = ("purchase", "review", "referral", "redemption", "expiry")
TICKET_CATEGORIES: tuple[str, ...] = ("delivery", "refund", "product", "account", "other")


# --------------------------------------------------------------------------- reviews
@dataclass
class ReviewBatch:
    """Reviews of a chunk."""

    member: np.ndarray
    product: np.ndarray
    order: np.ndarray
    rating: np.ndarray
    text: np.ndarray
    t: np.ndarray


def simulate_reviews(
    seed: int, chunk: int, members: MemberBatch, orders: OrderBatch, catalog: Catalog
) -> ReviewBatch:
    """Reviews of delivered orders by (mostly engaged) members."""
    rng = stream(seed, "reviews", chunk)
    n = orders.size
    writes = (orders.status == DELIVERED) & (rng.random(n) < members.review_p[orders.member])
    t = orders.t + 4 * DAY + np.floor(rng.exponential(6 * DAY, n)).astype(np.int64)
    pick = orders.item_start + np.floor(rng.random(n) * orders.n_items).astype(np.int64)
    latent = rng.normal(0.0, 0.9, n)
    text_pick = rng.integers(0, 3, n)
    no_text = rng.random(n) < REVIEW_TEXT_NULL_SHARE
    o = np.flatnonzero(writes & (t < members.stop[orders.member]))
    product = orders.item_product[pick[o]]
    rating = np.clip(np.round(catalog.quality[product] + latent[o]), 1, 5).astype(np.int64)
    text = np.where(no_text[o], -1, (rating - 1) * 3 + text_pick[o])
    return ReviewBatch(orders.member[o], product, o, rating, text, t[o])


def reviews_table(rv: ReviewBatch, first_number: int, member_first: int, order_numbers: np.ndarray) -> pa.Table:
    """The ``reviews`` raw rows."""
    labels = [t for group in REVIEW_TEXTS for t in group] + [None]
    n = rv.member.size
    return pa.table(
        {
            "review_id": fmt.ids("review", np.arange(first_number, first_number + n)),
            "member_id": fmt.ids("member", rv.member + member_first + 1),
            "product_id": fmt.ids("product", rv.product + 1),
            "order_id": fmt.ids("order", order_numbers[rv.order]),
            "rating": fmt.ints(rv.rating),
            "review_text": fmt.categories(labels, np.where(rv.text < 0, len(labels) - 1, rv.text)),
            "reviewed_at": fmt.timestamps(rv.t),
        }
    )


# --------------------------------------------------------------------------- referrals
def referrals_table(members: MemberBatch, first_number: int) -> pa.Table:
    """The ``referrals`` raw rows (one per referral signup)."""
    local = np.flatnonzero(members.referrer >= 0)
    return pa.table(
        {
            "referral_id": fmt.ids("referral", np.arange(first_number, first_number + local.size)),
            "referrer_member_id": fmt.ids("member", members.referrer[local] + 1),
            "referred_member_id": fmt.ids("member", members.first + local + 1),
            "referred_at": fmt.timestamps(members.signup[local]),
        }
    )


# --------------------------------------------------------------------------- points
@dataclass
class PointsBatch:
    """Ledger entries of a chunk, sorted by (member, time)."""

    member: np.ndarray
    points: np.ndarray
    reason: np.ndarray
    t: np.ndarray


def simulate_points(
    seed: int,
    chunk: int,
    members: MemberBatch,
    orders: OrderBatch,
    tiers: TierHistory,
    reviews: ReviewBatch,
    rules: tuple[TierRule, ...],
    timeline: Timeline,
) -> PointsBatch:
    """Build the points ledger from purchases, reviews and referrals."""
    rng = stream(seed, "points", chunk)
    earn = _earnings(members, orders, tiers, reviews, rules, timeline)
    redeem = _redemptions(rng, earn, members)
    member = np.concatenate([earn.member, redeem.member])
    t = np.concatenate([earn.t, redeem.t])
    points = np.concatenate([earn.points, redeem.points])
    reason = np.concatenate([earn.reason, redeem.reason])
    expiry = _expiries(member, t, points, members.size, timeline)
    member = np.concatenate([member, expiry.member])
    t = np.concatenate([t, expiry.t])
    order = np.lexsort((np.concatenate([reason, expiry.reason]), t, member))
    return PointsBatch(
        member[order], np.concatenate([points, expiry.points])[order],
        np.concatenate([reason, expiry.reason])[order], t[order],
    )


def _earnings(
    members: MemberBatch,
    orders: OrderBatch,
    tiers: TierHistory,
    reviews: ReviewBatch,
    rules: tuple[TierRule, ...],
    timeline: Timeline,
) -> PointsBatch:
    """Purchase, review and referral credits, sorted by (member, time)."""
    delivered = np.flatnonzero(orders.status == DELIVERED)
    posted = orders.t[delivered] + np.where(orders.channel[delivered] == STORE, 0, 3 * DAY)
    multiplier = np.array([r.multiplier_x100 for r in rules], dtype=np.int64)
    tier = tiers.tier_at(orders.member[delivered], orders.t[delivered])
    purchase_pts = orders.base_e8[delivered] * multiplier[tier] // (10**BASE_SCALE_DIGITS * 100)
    ok = posted < timeline.end
    referred = np.flatnonzero(members.referrer >= 0)
    member = np.concatenate([orders.member[delivered][ok], reviews.member, referred])
    t = np.concatenate([posted[ok], reviews.t, members.signup[referred]])
    points = np.concatenate([
        purchase_pts[ok],
        np.full(reviews.member.size, C.REVIEW_POINTS),
        np.full(referred.size, C.REFERRAL_BONUS_POINTS),
    ]).astype(np.int64)
    reason = np.concatenate([
        np.zeros(int(ok.sum()), np.int64), np.ones(reviews.member.size, np.int64), np.full(referred.size, 2),
    ])
    keep = points > 0
    order = np.lexsort((t[keep], member[keep]))
    return PointsBatch(member[keep][order], points[keep][order], reason[keep][order], t[keep][order])


def _redemptions(rng: np.random.Generator, earn: PointsBatch, members: MemberBatch) -> PointsBatch:
    """Redeem REDEMPTION_POINTS per crossed multiple of REDEMPTION_THRESHOLD."""
    lifetime = cumsum_within(earn.points, earn.member)
    crossed = lifetime // C.REDEMPTION_THRESHOLD
    prev = np.where(group_starts(earn.member), 0, np.concatenate([[0], crossed[:-1]]))
    steps = crossed - prev
    t = earn.t + rng.integers(3600, 30 * DAY, earn.t.size)
    has = (steps > 0) & (t < members.stop[earn.member])
    n = int(has.sum())
    return PointsBatch(earn.member[has], -steps[has] * C.REDEMPTION_POINTS, np.full(n, 3, np.int64), t[has])


def _expiries(member: np.ndarray, t: np.ndarray, points: np.ndarray, n_members: int, timeline: Timeline) -> PointsBatch:
    """Expire the balance POINTS_EXPIRY_DAYS after the last ledger activity."""
    last = np.full(n_members, -1, np.int64)
    np.maximum.at(last, member, t)
    balance = np.bincount(member, weights=points, minlength=n_members).round().astype(np.int64)
    when = last + C.POINTS_EXPIRY_DAYS * DAY
    who = np.flatnonzero((last >= 0) & (balance > 0) & (when < timeline.end))
    return PointsBatch(who, -balance[who], np.full(who.size, 4, np.int64), when[who])


def points_table(pts: PointsBatch, first_number: int, member_first: int) -> pa.Table:
    """The ``points_ledger`` raw rows."""
    n = pts.member.size
    return pa.table(
        {
            "entry_id": fmt.ids("points", np.arange(first_number, first_number + n)),
            "member_id": fmt.ids("member", pts.member + member_first + 1),
            "points": fmt.ints(pts.points),
            "entry_reason": fmt.categories(ENTRY_REASONS, pts.reason),
            "entry_at": fmt.timestamps(pts.t),
        }
    )


# --------------------------------------------------------------------------- tickets
@dataclass
class TicketBatch:
    """Service tickets of a chunk."""

    member: np.ndarray
    category: np.ndarray
    opened: np.ndarray
    resolved: np.ndarray
    csat: np.ndarray


def simulate_tickets(
    seed: int, chunk: int, members: MemberBatch, orders: OrderBatch, timeline: Timeline
) -> TicketBatch:
    """Order-related and general service tickets."""
    rng = stream(seed, "tickets", chunk)
    n = orders.size
    partial = np.zeros(n, bool)
    partial[orders.refund_order] = orders.status[orders.refund_order] != RETURNED
    online = (orders.channel != STORE) & (orders.status != CANCELLED)
    u = rng.random((n, 4))
    category = np.select(
        [(orders.status == RETURNED) & (u[:, 0] < 0.35), partial & (u[:, 1] < 0.4),
         online & (u[:, 2] < 0.02), u[:, 3] < 0.01],
        [1, 2, 0, 2],
        -1,
    )
    o = np.flatnonzero(category >= 0)
    opened_o = orders.t[o] + rng.integers(DAY, 20 * DAY, o.size)
    g_member, g_t = sample_process(
        rng, timeline, members.signup, members.stop, np.full(members.size, 0.08), seasonal=False
    )
    g_cat = np.where(rng.random(g_member.size) < 0.6, 3, 4)
    member = np.concatenate([orders.member[o], g_member])
    opened = np.concatenate([opened_o, g_t])
    cat = np.concatenate([category[o], g_cat])
    keep = opened < timeline.end
    member, opened, cat = member[keep], opened[keep], cat[keep]
    hours = rng.lognormal(np.log(20.0), 1.0, member.size)
    resolved = opened + np.floor(hours * 3600).astype(np.int64)
    resolved = np.where((resolved < timeline.end) & (rng.random(member.size) > 0.02), resolved, -1)
    score = np.clip(np.round(4.7 - 0.6 * np.log1p(hours / 24) + rng.normal(0, 0.8, member.size)), 1, 5)
    csat = np.where((resolved >= 0) & (rng.random(member.size) < 0.55), score, -1).astype(np.int64)
    order = np.lexsort((opened, member))
    return TicketBatch(member[order], cat[order], opened[order], resolved[order], csat[order])


def tickets_table(tk: TicketBatch, first_number: int, member_first: int) -> pa.Table:
    """The ``service_tickets`` raw rows."""
    n = tk.member.size
    return pa.table(
        {
            "ticket_id": fmt.ids("ticket", np.arange(first_number, first_number + n)),
            "member_id": fmt.ids("member", tk.member + member_first + 1),
            "ticket_category": fmt.categories(TICKET_CATEGORIES, tk.category),
            "opened_at": fmt.timestamps(tk.opened),
            "resolved_at": fmt.timestamps(np.maximum(tk.resolved, 0), tk.resolved < 0),
            "csat_score": fmt.ints(tk.csat, tk.csat < 0),
        }
    )
