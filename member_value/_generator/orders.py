"""The purchase process: orders, baskets, order life cycle, refunds, experiments.

Orders follow a per-member inhomogeneous Poisson process on
``[signup, min(dropout, window end))`` with intensity
``order_rate * seasonality(t) * campaign_uplift(t)``, sampled by thinning:
candidates are drawn at a bounding rate and each keeps a uniform ``v``; a
candidate is an order iff ``v * bound < uplift(t)``.  Campaigns are processed
chronologically: targeting looks only at orders before the campaign start
(already final), and exposure then changes acceptance only after itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import config as C
from . import fmt
from .arrays import ranks_within, sum_by
from .campaigns import (
    EXPOSURE_SPREAD_DAYS,
    NEAR_TIER_ORDERS_SLACK,
    NEAR_TIER_SPEND_SHARE,
    WINBACK_LAPSE_DAYS,
    Campaign,
)
from .catalog import Catalog
from .members import STORE_CHANNEL, MemberBatch, currency_list
from .reference import BASE_SCALE_DIGITS, RATE_SCALE_DIGITS, ExchangeRates, TierRule
from .rng import stream
from .tiers import qualified_position
from .timeline import DAY, Timeline, sample_process, with_time_of_day

ORDER_STATUSES: tuple[str, ...] = ("placed", "paid", "shipped", "delivered", "cancelled", "returned")
PLACED, PAID, SHIPPED, DELIVERED, CANCELLED, RETURNED = range(6)
SALES_CHANNELS: tuple[str, ...] = ("web", "app", "store")
WEB, APP, STORE = range(3)
VARIANTS: tuple[str, ...] = ("control", "treatment")


@dataclass
class Money:
    """Per-currency conversion tables (indexed like ``currency_list``)."""

    codes: list[str]
    rate: np.ndarray
    rate_scaled: np.ndarray
    decimals: np.ndarray

    @classmethod
    def from_rates(cls, rates: ExchangeRates) -> Money:
        """Build from the exchange-rate seed."""
        codes = currency_list(rates)
        return cls(
            codes,
            np.array([rates.rate_float(c) for c in codes]),
            np.array([rates.rate_scaled(c) for c in codes], dtype=np.int64),
            np.array([0 if c in C.ZERO_DECIMAL_CURRENCIES else 2 for c in codes], dtype=np.int64),
        )

    def to_minor(self, base_amount: np.ndarray, currency: np.ndarray) -> np.ndarray:
        """Base-currency amounts converted (amount / rate) and rounded to minor units."""
        scale = 10.0 ** self.decimals[currency]
        return np.round(base_amount / self.rate[currency] * scale).astype(np.int64)

    def base_e8(self, minor: np.ndarray, currency: np.ndarray) -> np.ndarray:
        """Exact base-currency value (1e-8 units) of minor-unit amounts."""
        shift = BASE_SCALE_DIGITS - RATE_SCALE_DIGITS - self.decimals[currency]
        return minor * self.rate_scaled[currency] * (10 ** shift)


@dataclass
class OrderBatch:
    """Accepted orders of a chunk (sorted by member, time) with items and refunds."""

    member: np.ndarray
    t: np.ndarray
    channel: np.ndarray
    status: np.ndarray
    currency: np.ndarray
    decimals: np.ndarray
    discount: np.ndarray
    shipping: np.ndarray
    total: np.ndarray
    base_e8: np.ndarray
    item_start: np.ndarray
    n_items: np.ndarray
    item_product: np.ndarray
    item_qty: np.ndarray
    item_unit: np.ndarray
    refund_order: np.ndarray
    refund_t: np.ndarray
    refund_amount: np.ndarray
    numbers: np.ndarray

    @property
    def size(self) -> int:
        """Number of orders."""
        return int(self.t.size)

    @property
    def counts_for_tier(self) -> np.ndarray:
        """Orders that count towards tiers (not cancelled / returned)."""
        return (self.status != CANCELLED) & (self.status != RETURNED)

    @property
    def item_order(self) -> np.ndarray:
        """Order (local index) of every item."""
        return np.repeat(np.arange(self.size), self.n_items)


@dataclass
class ExposureBatch:
    """Campaign exposures of a chunk."""

    campaign: np.ndarray
    member: np.ndarray
    treated: np.ndarray
    exposed_at: np.ndarray
    active: np.ndarray


@dataclass
class _Potential:
    """Potential orders (welcome orders + thinning candidates)."""

    member: np.ndarray
    t: np.ndarray
    v: np.ndarray
    fixed: np.ndarray


def simulate_orders(
    seed: int,
    chunk: int,
    members: MemberBatch,
    timeline: Timeline,
    catalog: Catalog,
    money: Money,
    rules: tuple[TierRule, ...],
    calendar: tuple[Campaign, ...],
    bound: float,
    first_order_number: int,
) -> tuple[OrderBatch, ExposureBatch]:
    """Run the purchase process and the experiments for one chunk."""
    pot = _potential_orders(stream(seed, "orders", chunk), members, timeline, bound)
    basket = _baskets(stream(seed, "baskets", chunk), pot, members, catalog, money)
    status = _statuses(stream(seed, "lifecycle", chunk), pot.t, basket["channel"], timeline)
    accepted, exposures = _run_experiments(
        stream(seed, "experiments", chunk), pot, basket["base_e8"], status, members, timeline,
        rules, calendar, bound,
    )
    orders = _finalise(pot, basket, status, accepted, first_order_number)
    _add_refunds(stream(seed, "lifecycle", chunk, 1), orders, timeline)
    return orders, exposures


def _potential_orders(
    rng: np.random.Generator, members: MemberBatch, timeline: Timeline, bound: float
) -> _Potential:
    """Welcome orders plus thinning candidates, sorted by (member, time)."""
    n = members.size
    in_store = members.channel == STORE_CHANNEL
    welcome = rng.random(n) < np.where(in_store, C.WELCOME_ORDER_P_STORE, C.WELCOME_ORDER_P)
    delay = np.where(
        in_store,
        rng.integers(30, 900, n),
        np.floor(rng.exponential(2 * DAY, n)).astype(np.int64) + 60,
    )
    w_member = np.flatnonzero(welcome)
    w_t = members.signup[w_member] + delay[w_member]
    owner, t = sample_process(rng, timeline, members.signup, members.stop, members.order_rate * bound)
    t = with_time_of_day(rng, t)
    v = rng.random(t.size)
    member = np.concatenate([w_member, owner])
    t = np.concatenate([w_t, t])
    v = np.concatenate([np.zeros(w_member.size), v])
    fixed = np.concatenate([np.ones(w_member.size, bool), np.zeros(owner.size, bool)])
    ok = (t >= members.signup[member]) & (t < members.stop[member])
    order = np.lexsort((t[ok], member[ok]))
    return _Potential(member[ok][order], t[ok][order], v[ok][order], fixed[ok][order])


def _duplicate_products(order_of_item: np.ndarray, product: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Mask of items repeating a product already in the same order.

    Only ``candidates`` (items of multi-item orders) are examined.
    """
    idx = candidates[np.lexsort((product[candidates], order_of_item[candidates]))]
    o, p = order_of_item[idx], product[idx]
    mask = np.zeros(order_of_item.size, bool)
    mask[idx[1:]] = (o[1:] == o[:-1]) & (p[1:] == p[:-1])
    return mask


def _baskets(
    rng: np.random.Generator, pot: _Potential, members: MemberBatch, catalog: Catalog, money: Money
) -> dict[str, np.ndarray]:
    """Channel, items, prices, discount, shipping and totals of every potential order."""
    n = pot.t.size
    m = pot.member
    online_app = members.app_user[m] & (rng.random(n) < C.APP_SHARE_OF_ONLINE)
    channel = np.where(rng.random(n) < members.store_share[m], STORE, np.where(online_app, APP, WEB))
    n_items = np.minimum(1 + rng.poisson(C.EXTRA_ITEMS_MEAN * members.spend_mult[m]), C.MAX_ITEMS)
    item_order = np.repeat(np.arange(n), n_items)
    product = catalog.sample(rng, item_order.size)
    multi = np.flatnonzero(n_items[item_order] > 1)
    for _ in range(8):
        dup = _duplicate_products(item_order, product, multi)
        if not dup.any():
            break
        product[dup] = catalog.sample(rng, int(dup.sum()))
    keep = ~_duplicate_products(item_order, product, multi)
    item_order, product = item_order[keep], product[keep]
    n_items = np.bincount(item_order, minlength=n)
    qty = 1 + rng.choice(len(C.QUANTITY_WEIGHTS), size=item_order.size, p=_norm(C.QUANTITY_WEIGHTS))
    factor = np.asarray(C.PRICE_FACTORS)[
        rng.choice(len(C.PRICE_FACTORS), size=item_order.size, p=_norm(C.PRICE_FACTOR_WEIGHTS))
    ]
    currency = members.currency[m]
    unit = np.maximum(money.to_minor(catalog.list_cents[product] / 100.0 * factor, currency[item_order]), 1)
    subtotal = np.bincount(item_order, weights=qty * unit, minlength=n).round().astype(np.int64)
    coupon = rng.random(n) < C.COUPON_P
    pct = np.asarray(C.COUPON_PCTS)[rng.integers(0, len(C.COUPON_PCTS), n)]
    discount = np.where(coupon, np.round(subtotal * pct), 0).astype(np.int64)
    subtotal_base = subtotal / 10.0 ** money.decimals[currency] * money.rate[currency]
    pays_shipping = (channel != STORE) & (subtotal_base < C.FREE_SHIPPING_FROM_BASE)
    fee = money.to_minor(np.full(n, C.SHIPPING_FEE_BASE), currency)
    shipping = np.where(pays_shipping, fee, 0).astype(np.int64)
    total = subtotal - discount + shipping
    return {
        "channel": channel, "n_items": n_items, "item_product": product, "item_qty": qty,
        "item_unit": unit, "currency": currency, "decimals": money.decimals[currency],
        "discount": discount, "shipping": shipping, "total": total,
        "base_e8": money.base_e8(total, currency),
    }


def _norm(weights: tuple[float, ...]) -> np.ndarray:
    arr = np.asarray(weights, dtype=np.float64)
    return arr / arr.sum()


def _statuses(rng: np.random.Generator, t: np.ndarray, channel: np.ndarray, timeline: Timeline) -> np.ndarray:
    """Order status by age at the end of the window (old: delivered; recent: in flight)."""
    n = t.size
    age = (timeline.end - t) / DAY
    u = rng.random(n)
    online = np.select(
        [age < 1, age < 3, age < 10],
        [np.where(u < 0.5, PLACED, PAID), np.where(u < 0.4, PAID, SHIPPED),
         np.where(u < (10 - age) / 7, SHIPPED, DELIVERED)],
        DELIVERED,
    )
    status = np.where(channel == STORE, DELIVERED, online)
    returned = (status == DELIVERED) & (age > C.RETURN_MIN_AGE_DAYS) & (rng.random(n) < C.RETURN_P)
    status = np.where(returned, RETURNED, status)
    return np.where(rng.random(n) < C.CANCEL_P, CANCELLED, status)


def _run_experiments(
    rng: np.random.Generator,
    pot: _Potential,
    base_e8: np.ndarray,
    status: np.ndarray,
    members: MemberBatch,
    timeline: Timeline,
    rules: tuple[TierRule, ...],
    calendar: tuple[Campaign, ...],
    bound: float,
) -> tuple[np.ndarray, ExposureBatch]:
    """Expose members campaign by campaign and apply the planted uplift."""
    counts = (status != CANCELLED) & (status != RETURNED)
    placed = status != CANCELLED
    mult = np.ones(pot.t.size)
    accepted = pot.fixed | (pot.v * bound < mult)
    parts: list[tuple[np.ndarray, ...]] = []
    for ci, campaign in enumerate(calendar):
        target = _targets(rng, campaign, pot, accepted, base_e8, counts, placed, members, timeline, rules)
        if target.size == 0:
            continue
        n_treat = target.size // 2 + int(target.size % 2 and rng.random() < 0.5)
        treated = rng.permutation(target.size) < n_treat
        spread = min(EXPOSURE_SPREAD_DAYS * DAY, campaign.ended_at - campaign.started_at)
        exposed_at = campaign.started_at + rng.integers(0, spread, target.size)
        parts.append((np.full(target.size, ci), target, treated, exposed_at,
                      members.stop[target] > exposed_at))
        if campaign.uplift > 0:
            start = np.full(members.size, np.iinfo(np.int64).max // 2)
            start[target[treated]] = exposed_at[treated]
            s = start[pot.member]
            in_window = (pot.t >= s) & (pot.t < s + campaign.window_days * DAY)
            mult[in_window] *= 1.0 + campaign.uplift
            accepted = pot.fixed | (pot.v * bound < mult)
    if not parts:
        empty_i, empty_b = np.zeros(0, np.int64), np.zeros(0, bool)
        return accepted, ExposureBatch(empty_i, empty_i, empty_b, empty_i, empty_b)
    return accepted, ExposureBatch(*(np.concatenate(col) for col in zip(*parts)))


def _targets(
    rng: np.random.Generator,
    campaign: Campaign,
    pot: _Potential,
    accepted: np.ndarray,
    base_e8: np.ndarray,
    counts: np.ndarray,
    placed: np.ndarray,
    members: MemberBatch,
    timeline: Timeline,
    rules: tuple[TierRule, ...],
) -> np.ndarray:
    """Local indices of the members a campaign targets (sorted)."""
    s = campaign.started_at
    if campaign.campaign_type == "tier_upgrade":
        return _near_next_tier(pot, accepted & counts, base_e8, members, timeline, rules, s)
    if campaign.campaign_type == "winback":
        return _lapsing(pot, accepted & placed, members, s)
    signed_up = members.signup < s
    return np.flatnonzero(signed_up & (rng.random(members.size) < campaign.random_share))


def _near_next_tier(
    pot: _Potential,
    counted: np.ndarray,
    base_e8: np.ndarray,
    members: MemberBatch,
    timeline: Timeline,
    rules: tuple[TierRule, ...],
    started_at: int,
) -> np.ndarray:
    """Members whose last evaluation left them just short of the next tier."""
    k = int(np.searchsorted(timeline.month_starts, started_at, side="right") - 1)
    hi, lo = timeline.month_starts[k], timeline.month_starts[max(k - 12, 0)]
    w = counted & (pot.t >= lo) & (pot.t < hi)
    spend = sum_by(pot.member[w], base_e8[w], members.size)
    n_orders = np.bincount(pot.member[w], minlength=members.size)
    pos = np.where(members.signup < hi, qualified_position(spend, n_orders, rules), 0)
    top = len(rules) - 1
    nxt = np.minimum(pos + 1, top)
    need_spend = np.array([r.min_spend_scaled for r in rules])[nxt]
    need_orders = np.array([r.min_orders for r in rules])[nxt]
    near = (
        (pos < top)
        & (members.signup < hi)
        & (spend >= NEAR_TIER_SPEND_SHARE * need_spend)
        & (n_orders >= need_orders - NEAR_TIER_ORDERS_SLACK)
    )
    return np.flatnonzero(near)


def _lapsing(pot: _Potential, placed: np.ndarray, members: MemberBatch, started_at: int) -> np.ndarray:
    """Members whose last (non-cancelled) order is 120-365 days before the start."""
    before = placed & (pot.t < started_at)
    last = np.full(members.size, -1, dtype=np.int64)
    np.maximum.at(last, pot.member[before], pot.t[before])
    lo, hi = WINBACK_LAPSE_DAYS
    lapsing = (last >= started_at - hi * DAY) & (last < started_at - lo * DAY)
    return np.flatnonzero(lapsing & (members.signup < started_at - 180 * DAY))


def _finalise(
    pot: _Potential,
    basket: dict[str, np.ndarray],
    status: np.ndarray,
    accepted: np.ndarray,
    first_number: int,
) -> OrderBatch:
    """Keep accepted orders (and their items) and number them."""
    idx = np.flatnonzero(accepted)
    n_items_all = basket["n_items"]
    item_start_all = (np.cumsum(n_items_all) - n_items_all).astype(np.int64)
    n_items = n_items_all[idx]
    item_idx = np.repeat(item_start_all[idx], n_items) + ranks_within(n_items)
    return OrderBatch(
        member=pot.member[idx], t=pot.t[idx], channel=basket["channel"][idx], status=status[idx],
        currency=basket["currency"][idx], decimals=basket["decimals"][idx],
        discount=basket["discount"][idx], shipping=basket["shipping"][idx], total=basket["total"][idx],
        base_e8=basket["base_e8"][idx],
        item_start=(np.cumsum(n_items) - n_items).astype(np.int64), n_items=n_items,
        item_product=basket["item_product"][item_idx], item_qty=basket["item_qty"][item_idx],
        item_unit=basket["item_unit"][item_idx],
        refund_order=np.zeros(0, np.int64), refund_t=np.zeros(0, np.int64), refund_amount=np.zeros(0, np.int64),
        numbers=np.arange(first_number, first_number + idx.size, dtype=np.int64),
    )


def _add_refunds(rng: np.random.Generator, orders: OrderBatch, timeline: Timeline) -> None:
    """Full refunds for returned orders, partial ones for some delivered orders."""
    n = orders.size
    returned = orders.status == RETURNED
    partial = (orders.status == DELIVERED) & (rng.random(n) < C.PARTIAL_REFUND_P)
    full_t = orders.t + rng.integers(14 * DAY, 40 * DAY, n)
    part_t = orders.t + rng.integers(3 * DAY, 60 * DAY, n)
    share = rng.uniform(0.1, 0.5, n)
    part_amount = np.maximum(np.round(orders.total * share), 1).astype(np.int64)
    when = np.where(returned, full_t, part_t)
    amount = np.where(returned, orders.total, part_amount)
    has = (returned | partial) & (when < timeline.end)
    orders.refund_order = np.flatnonzero(has)
    orders.refund_t = when[has]
    orders.refund_amount = amount[has]


# --------------------------------------------------------------------------- tables
def orders_table(orders: OrderBatch, member_first: int, money: Money) -> pa.Table:
    """The ``orders`` raw rows."""
    return pa.table(
        {
            "order_id": fmt.ids("order", orders.numbers),
            "member_id": fmt.ids("member", orders.member + member_first + 1),
            "ordered_at": fmt.timestamps(orders.t),
            "order_status": fmt.categories(ORDER_STATUSES, orders.status),
            "currency_code": fmt.categories(money.codes, orders.currency),
            "order_total": fmt.money(orders.total, orders.decimals),
            "discount_amount": fmt.money(orders.discount, orders.decimals),
            "shipping_amount": fmt.money(orders.shipping, orders.decimals),
            "sales_channel": fmt.categories(SALES_CHANNELS, orders.channel),
        }
    )


def order_items_table(orders: OrderBatch, first_item_number: int) -> pa.Table:
    """The ``order_items`` raw rows (numbered from ``first_item_number``)."""
    item_order = orders.item_order
    return pa.table(
        {
            "order_item_id": fmt.ids("order_item", np.arange(first_item_number, first_item_number + item_order.size)),
            "order_id": fmt.ids("order", orders.numbers[item_order]),
            "product_id": fmt.ids("product", orders.item_product + 1),
            "quantity": fmt.ints(orders.item_qty),
            "unit_price": fmt.money(orders.item_unit, orders.decimals[item_order]),
        }
    )


def refunds_table(orders: OrderBatch, first_refund_number: int) -> pa.Table:
    """The ``refunds`` raw rows."""
    o = orders.refund_order
    return pa.table(
        {
            "refund_id": fmt.ids("refund", np.arange(first_refund_number, first_refund_number + o.size)),
            "order_id": fmt.ids("order", orders.numbers[o]),
            "refunded_at": fmt.timestamps(orders.refund_t),
            "refund_amount": fmt.money(orders.refund_amount, orders.decimals[o]),
        }
    )


def exposures_table(
    exposures: ExposureBatch, calendar: tuple[Campaign, ...], member_first: int, first_number: int
) -> pa.Table:
    """The ``campaign_exposures`` raw rows."""
    n = exposures.member.size
    return pa.table(
        {
            "exposure_id": fmt.ids("exposure", np.arange(first_number, first_number + n)),
            "campaign_id": fmt.categories([c.campaign_id for c in calendar], exposures.campaign),
            "member_id": fmt.ids("member", exposures.member + member_first + 1),
            "variant": fmt.categories(VARIANTS, exposures.treated.astype(np.int64)),
            "exposed_at": fmt.timestamps(exposures.exposed_at),
        }
    )
