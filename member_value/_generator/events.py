"""Clickstream events built from sessions.

Session kinds:

* purchase sessions - one per web/app order, ending with the ``purchase`` event
  exactly at ``ordered_at`` (``order_id`` set on that event);
* browsing sessions of members that drop off along
  product_view -> add_to_cart -> begin_checkout (a share bounce after landing);
* pre-signup browsing under the member's future device id (``member_id`` NULL);
* purely anonymous visitors who never sign up.

There is no session id column: consecutive events of one device are at most
15 minutes apart and sessions are normally separated by much more, so the usual
30-minute inactivity rule recovers them.  Nothing happens at or after a
member's dropout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import config as C
from . import fmt
from .campaigns import Campaign
from .catalog import Catalog
from .members import APP_CHANNEL, STORE_CHANNEL, MemberBatch
from .arrays import ranks_within
from .orders import APP, STORE, OrderBatch
from .rng import stream
from .timeline import DAY, Timeline, sample_process, with_time_of_day

EVENT_TYPES: tuple[str, ...] = (
    "page_view", "product_view", "search", "add_to_cart", "begin_checkout", "purchase", "login",
)
PAGE_VIEW, PRODUCT_VIEW, SEARCH, ADD_TO_CART, BEGIN_CHECKOUT, PURCHASE, LOGIN = range(7)
PLATFORMS: tuple[str, ...] = ("web", "ios", "android")
MAX_VIEWS = 3
MAX_GAP_SECONDS = 900
#: Sessions expanded into events at a time (bounds memory).
SESSION_BLOCK = 150_000

#: (utm_source, utm_medium, utm_campaign or None / "*" for the latest e-mail campaign, weight)
UTM_CHANNELS: tuple[tuple[str | None, str | None, str | None, float], ...] = (
    (None, None, None, 0.42),
    ("google", "cpc", "brand_search", 0.10),
    ("google", "cpc", "generic_search", 0.07),
    ("google", "organic", None, 0.12),
    ("bing", "cpc", "generic_search", 0.02),
    ("facebook", "social", "retargeting", 0.07),
    ("instagram", "social", "lifestyle", 0.05),
    ("newsletter", "email", "*", 0.10),
    ("affiliate", "affiliate", "partner_network", 0.05),
)
#: Browsing sessions per active year: BROWSE_PER_ORDER * order_rate + BROWSE_BASE.
BROWSE_PER_ORDER = 0.9
BROWSE_BASE = 1.5


@dataclass
class Sessions:
    """Column arrays describing sessions (one row per session)."""

    device: np.ndarray
    member: np.ndarray
    logged_in: np.ndarray
    platform: np.ndarray
    end_t: np.ndarray
    order: np.ndarray
    segments: np.ndarray
    landing: np.ndarray
    products: np.ndarray
    cart_from_last_view: np.ndarray
    utm: np.ndarray

    @staticmethod
    def concat(parts: list[Sessions]) -> Sessions:
        """Concatenate session sets."""
        return Sessions(*(np.concatenate([getattr(p, f) for p in parts]) for f in Sessions.__dataclass_fields__))

    def take(self, index: np.ndarray | slice) -> Sessions:
        """A subset (or reordering) of the sessions."""
        return Sessions(*(getattr(self, f)[index] for f in Sessions.__dataclass_fields__))

    @property
    def size(self) -> int:
        """Number of sessions."""
        return int(self.end_t.size)


@dataclass
class EventBatch:
    """Events of a chunk, sorted by time."""

    device: np.ndarray
    member: np.ndarray
    event_type: np.ndarray
    t: np.ndarray
    platform: np.ndarray
    product: np.ndarray
    order: np.ndarray
    utm: np.ndarray
    utm_campaign: np.ndarray

    @property
    def size(self) -> int:
        """Number of events."""
        return int(self.t.size)


def simulate_events(
    seed: int,
    chunk: int,
    members: MemberBatch,
    orders: OrderBatch,
    timeline: Timeline,
    catalog: Catalog,
    calendar: tuple[Campaign, ...],
    first_visitor: int,
    n_total_members: int,
) -> Iterator[EventBatch]:
    """All events of one chunk (members' sessions plus anonymous visitors).

    Sessions are ordered by end time and expanded in blocks of SESSION_BLOCK
    sessions, so memory stays bounded however active the chunk's members are;
    events are time-ordered within each block.
    """
    rng = stream(seed, "events", chunk)
    visitors = stream(seed, "visitors", chunk)
    n_visitors = visitor_count(members.size)
    sessions = Sessions.concat(
        [
            _purchase_sessions(rng, members, orders),
            _browsing_sessions(rng, members, timeline, catalog),
            _pre_signup_sessions(rng, members, timeline, catalog),
            _visitor_sessions(visitors, n_visitors, 2 * n_total_members + first_visitor, timeline, catalog),
        ]
    )
    sessions = sessions.take(np.argsort(sessions.end_t, kind="stable"))
    for start in range(0, sessions.size, SESSION_BLOCK):
        yield _expand(rng, sessions.take(slice(start, start + SESSION_BLOCK)), members, timeline, calendar)


def visitor_count(n_members: int) -> int:
    """Anonymous visitors simulated alongside a chunk of ``n_members`` members."""
    return int(round(C.ANONYMOUS_VISITORS_PER_MEMBER * n_members))


def _utm_codes(rng: np.random.Generator, n: int) -> np.ndarray:
    weights = np.array([c[3] for c in UTM_CHANNELS])
    return rng.choice(len(UTM_CHANNELS), size=n, p=weights / weights.sum())


def _app_platform(ios: np.ndarray) -> np.ndarray:
    return np.where(ios, 1, 2)


def _empty_products(n: int) -> np.ndarray:
    return np.full((n, MAX_VIEWS), -1, dtype=np.int64)


def _purchase_sessions(rng: np.random.Generator, members: MemberBatch, orders: OrderBatch) -> Sessions:
    """One short session per web/app order: view, cart, checkout, purchase."""
    o = np.flatnonzero(orders.channel != STORE)
    n = o.size
    m = orders.member[o]
    app = orders.channel[o] == APP
    products = _empty_products(n)
    products[:, 0] = orders.item_product[orders.item_start[o]]
    ones = np.ones(n, np.int64)
    segments = np.column_stack(
        [rng.random(n) < np.where(app, 0.15, 0.05), rng.random(n) < 0.2, ones, ones, ones, ones]
    ).astype(np.int64)
    return Sessions(
        device=2 * (members.first + m) + 1 + app,
        member=m,
        logged_in=np.ones(n, bool),
        platform=np.where(app, _app_platform(members.ios[m]), 0),
        end_t=orders.t[o],
        order=o,
        segments=segments,
        landing=np.where(rng.random(n) < 0.7, PAGE_VIEW, SEARCH),
        products=products,
        cart_from_last_view=np.zeros(n, bool),
        utm=_utm_codes(rng, n),
    )


def _browse_segments(rng: np.random.Generator, n: int, logged_in: np.ndarray) -> np.ndarray:
    """Drop-off funnel: [landing], 0-3 product views, maybe cart, maybe checkout."""
    views = np.where(rng.random(n) < 0.15, 0, np.minimum(rng.geometric(0.6, n), MAX_VIEWS))
    landing = (views == 0) | (rng.random(n) < 0.55)
    cart = (views > 0) & (rng.random(n) < 0.2)
    checkout = cart & (rng.random(n) < 0.3)
    login = logged_in & (rng.random(n) < 0.05)
    return np.column_stack([login, landing, views, cart, checkout, np.zeros(n, bool)]).astype(np.int64)


def _browse_sessions_for(
    rng: np.random.Generator,
    catalog: Catalog,
    device: np.ndarray,
    member: np.ndarray,
    logged_in: np.ndarray,
    platform: np.ndarray,
    end_t: np.ndarray,
) -> Sessions:
    n = end_t.size
    segments = _browse_segments(rng, n, logged_in)
    products = catalog.sample(rng, n * MAX_VIEWS).reshape(n, MAX_VIEWS)
    products[np.arange(MAX_VIEWS)[None, :] >= segments[:, 2:3]] = -1
    return Sessions(
        device=device, member=member, logged_in=logged_in, platform=platform, end_t=end_t,
        order=np.full(n, -1, np.int64), segments=segments,
        landing=np.where(rng.random(n) < 0.65, PAGE_VIEW, SEARCH), products=products,
        cart_from_last_view=np.ones(n, bool), utm=_utm_codes(rng, n),
    )


def _browsing_sessions(
    rng: np.random.Generator, members: MemberBatch, timeline: Timeline, catalog: Catalog
) -> Sessions:
    """Members' non-purchase sessions while active."""
    rate = BROWSE_PER_ORDER * members.order_rate + BROWSE_BASE
    m, t = sample_process(rng, timeline, members.signup, members.stop, rate)
    t = with_time_of_day(rng, t)
    ok = (t >= members.signup[m]) & (t < members.stop[m])
    m, t = m[ok], t[ok]
    app = members.app_user[m] & (rng.random(m.size) < 0.6)
    logged_in = app | (rng.random(m.size) < 0.75)
    return _browse_sessions_for(
        rng, catalog, 2 * (members.first + m) + 1 + app, m, logged_in,
        np.where(app, _app_platform(members.ios[m]), 0), t,
    )


def _pre_signup_sessions(
    rng: np.random.Generator, members: MemberBatch, timeline: Timeline, catalog: Catalog
) -> Sessions:
    """Anonymous browsing before signup on the device the member later uses."""
    eligible = (members.channel != STORE_CHANNEL) & (rng.random(members.size) < 0.7)
    counts = np.where(eligible, 1 + rng.poisson(0.8, members.size), 0)
    m = np.repeat(np.arange(members.size), counts)
    t = members.signup[m] - rng.integers(600, 30 * DAY, m.size)
    ok = t >= timeline.start
    m, t = m[ok], t[ok]
    app = members.channel[m] == APP_CHANNEL
    return _browse_sessions_for(
        rng, catalog, 2 * (members.first + m) + 1 + app, m, np.zeros(m.size, bool),
        np.where(app, _app_platform(members.ios[m]), 0), t,
    )


def _visitor_sessions(
    rng: np.random.Generator, n_visitors: int, first_device: int, timeline: Timeline, catalog: Catalog
) -> Sessions:
    """Visitors who never sign up (``member_id`` always NULL)."""
    counts = 1 + rng.poisson(0.7, n_visitors)
    v = np.repeat(np.arange(n_visitors), counts)
    t = with_time_of_day(rng, rng.integers(timeline.start, timeline.end, v.size))
    t = np.clip(t, timeline.start, timeline.end - 1)
    platform = rng.choice(3, size=n_visitors, p=[0.7, 0.15, 0.15])[v]
    return _browse_sessions_for(
        rng, catalog, first_device + 1 + v, np.full(v.size, -1, np.int64), np.zeros(v.size, bool), platform, t,
    )


def _segments_of(pos: np.ndarray, sess: np.ndarray, segments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Segment number (0-5) of every event and its position inside the segment."""
    seg = np.zeros(pos.size, np.int8)
    seg_start = np.zeros(pos.size, np.int32)
    bound = np.zeros(segments.shape[0], np.int32)
    for k in range(segments.shape[1]):
        bound = bound + segments[:, k].astype(np.int32)
        b = bound[sess]
        after = pos >= b
        seg += after
        seg_start = np.where(after, b, seg_start)
    return seg, pos - seg_start


def _expand(
    rng: np.random.Generator,
    s: Sessions,
    members: MemberBatch,
    timeline: Timeline,
    calendar: tuple[Campaign, ...],
) -> EventBatch:
    """Turn sessions into timestamped events (sorted by time)."""
    lengths = s.segments.sum(axis=1)
    sess = np.repeat(np.arange(lengths.size, dtype=np.int32), lengths)
    pos = ranks_within(lengths).astype(np.int32)
    seg, j = _segments_of(pos, sess, s.segments)
    del pos
    type_by_seg = np.array([LOGIN, -1, PRODUCT_VIEW, ADD_TO_CART, BEGIN_CHECKOUT, PURCHASE], dtype=np.int8)
    event_type = np.where(seg == 1, s.landing[sess].astype(np.int8), type_by_seg[seg])
    view_slot = np.minimum(j, MAX_VIEWS - 1)
    last_view = np.maximum(s.segments[:, 2] - 1, 0).astype(np.int32)
    cart_slot = np.where(s.cart_from_last_view[sess], last_view[sess], view_slot)
    product = np.where(seg == 2, s.products[sess, view_slot], np.where(seg == 3, s.products[sess, cart_slot], -1))
    del view_slot, cart_slot, j
    order = np.where(seg == 5, s.order[sess], -1)
    gaps = np.minimum(10 + np.floor(rng.exponential(50.0, sess.size)), MAX_GAP_SECONDS).astype(np.int64)
    cum = np.cumsum(gaps)
    del gaps
    last = np.cumsum(lengths) - 1
    t = s.end_t[sess] - (cum[last[sess]] - cum)
    del cum
    member = s.member[sess]
    known = (member >= 0) & s.logged_in[sess] & (t >= members.signup[np.maximum(member, 0)])
    member = np.where(known, member, -1)
    del known
    keep = np.flatnonzero(t >= timeline.start)
    by_time = keep[np.argsort(t[keep], kind="stable")]
    utm = s.utm[sess]
    return EventBatch(
        device=s.device[sess][by_time],
        member=member[by_time],
        event_type=event_type[by_time],
        t=t[by_time],
        platform=s.platform[sess][by_time],
        product=product[by_time],
        order=order[by_time],
        utm=utm[by_time],
        utm_campaign=_utm_campaigns(utm[by_time], t[by_time], calendar),
    )


def _utm_campaigns(utm: np.ndarray, t: np.ndarray, calendar: tuple[Campaign, ...]) -> np.ndarray:
    """Code into :func:`utm_campaign_labels`: static label, or the latest e-mail campaign."""
    static = np.arange(len(UTM_CHANNELS))[utm]
    mail = [c for c in calendar if c.campaign_type in ("newsletter", "promo")]
    starts = np.array([c.started_at for c in mail], dtype=np.int64)
    latest = np.searchsorted(starts, t, side="right") - 1
    is_mail = np.array([c[2] == "*" for c in UTM_CHANNELS])[utm]
    mail_code = np.where(latest >= 0, len(UTM_CHANNELS) + latest, _newsletter_fallback())
    return np.where(is_mail, mail_code, static)


def _newsletter_fallback() -> int:
    return next(i for i, c in enumerate(UTM_CHANNELS) if c[2] == "*")


def utm_campaign_labels(calendar: tuple[Campaign, ...]) -> list[str | None]:
    """Labels addressed by the utm_campaign codes."""
    static = [("newsletter" if c[2] == "*" else c[2]) for c in UTM_CHANNELS]
    mail = [c.slug for c in calendar if c.campaign_type in ("newsletter", "promo")]
    return static + mail


def events_table(
    ev: EventBatch,
    rows: slice,
    first_number: int,
    member_first: int,
    order_numbers: np.ndarray,
    calendar: tuple[Campaign, ...],
) -> pa.Table:
    """The ``events`` raw rows for ``rows`` of the batch (numbered from ``first_number``)."""
    device, member, order, product = ev.device[rows], ev.member[rows], ev.order[rows], ev.product[rows]
    utm = ev.utm[rows]
    order_num = np.where(order >= 0, order_numbers[np.maximum(order, 0)] if order_numbers.size else 0, 0)
    return pa.table(
        {
            "event_id": fmt.ids("event", np.arange(first_number, first_number + device.size)),
            "member_id": fmt.ids("member", member + member_first + 1, member < 0),
            "anonymous_id": fmt.ids("device", device),
            "event_type": fmt.categories(EVENT_TYPES, ev.event_type[rows]),
            "event_at": fmt.timestamps(ev.t[rows]),
            "platform": fmt.categories(PLATFORMS, ev.platform[rows]),
            "product_id": fmt.ids("product", product + 1, product < 0),
            "order_id": fmt.ids("order", order_num, order < 0),
            "utm_source": fmt.categories([c[0] for c in UTM_CHANNELS], utm),
            "utm_medium": fmt.categories([c[1] for c in UTM_CHANNELS], utm),
            "utm_campaign": fmt.categories(utm_campaign_labels(calendar), ev.utm_campaign[rows]),
        }
    )
