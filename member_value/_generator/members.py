"""Members: signup, demographics and the latent traits that drive behaviour.

Members are numbered in signup order (``M00000001`` signed up first), so a
chunk of consecutive members is a slice of signup time and a referrer, which
must be an earlier member, always has a smaller number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import config as C
from . import fmt
from .reference import ExchangeRates
from .rng import stream
from .timeline import DAY, YEAR, Timeline

COUNTRIES: tuple[str, ...] = tuple(C.COUNTRY_WEIGHTS)
REFERRAL_CHANNEL = C.SIGNUP_CHANNELS.index("referral")
STORE_CHANNEL = C.SIGNUP_CHANNELS.index("store")
APP_CHANNEL = C.SIGNUP_CHANNELS.index("app")
WEB_CHANNEL = C.SIGNUP_CHANNELS.index("web")
#: Candidate referrers sampled per referral signup (weighted pick among them).
REFERRER_CANDIDATES = 24
NO_TIME = np.iinfo(np.int64).max


@dataclass
class MemberBatch:
    """One chunk of consecutive members (arrays indexed by local position).

    ``dropout`` is ``NO_TIME`` for members who do not drop out within the window;
    ``stop`` is ``min(dropout, window end)`` - nothing happens at or after it.
    ``referrer`` holds the referrer's global index or -1.
    """

    first: int
    signup: np.ndarray
    dropout: np.ndarray
    stop: np.ndarray
    country: np.ndarray
    currency: np.ndarray
    channel: np.ndarray
    referrer: np.ndarray
    order_rate: np.ndarray
    spend_mult: np.ndarray
    app_user: np.ndarray
    ios: np.ndarray
    store_share: np.ndarray
    review_p: np.ndarray
    birth_day: np.ndarray
    name_codes: np.ndarray
    phone_digits: np.ndarray
    phone_missing: np.ndarray

    @property
    def size(self) -> int:
        """Number of members in the batch."""
        return int(self.signup.size)

    @property
    def numbers(self) -> np.ndarray:
        """1-based member numbers (``M`` ids)."""
        return np.arange(self.first + 1, self.first + self.size + 1)


class MemberRegistry:
    """Compact global per-member arrays needed across chunks (for referrals)."""

    def __init__(self, n: int) -> None:
        self.signup = np.zeros(n, dtype=np.int64)
        self.stop = np.zeros(n, dtype=np.int64)
        self.order_rate = np.zeros(n, dtype=np.float32)

    def add(self, batch: MemberBatch) -> None:
        """Record a freshly generated batch."""
        sl = slice(batch.first, batch.first + batch.size)
        self.signup[sl] = batch.signup
        self.stop[sl] = batch.stop
        self.order_rate[sl] = batch.order_rate


def signup_quantiles(u: np.ndarray, timeline: Timeline) -> np.ndarray:
    """Map uniform quantiles to signup times (launch wave + growing inflow)."""
    span = timeline.end - timeline.start
    x = np.linspace(0.0, 1.0, 20_001)
    launch = min(C.LAUNCH_DAYS * DAY / span, 1.0)
    g = C.SIGNUP_GROWTH
    cdf = C.LAUNCH_SHARE * np.minimum(x / launch, 1.0) + (1 - C.LAUNCH_SHARE) * (x + g * x * x / 2) / (1 + g / 2)
    t = timeline.start + np.interp(u, cdf, x) * span
    return np.minimum(t.astype(np.int64), timeline.end - 1)


def generate_members(
    seed: int,
    chunk: int,
    first: int,
    size: int,
    n_total: int,
    timeline: Timeline,
    rates: ExchangeRates,
    registry: MemberRegistry,
) -> MemberBatch:
    """Generate members ``first .. first+size-1`` and register them."""
    rng = stream(seed, "members", chunk)
    idx = np.arange(first, first + size)
    signup = signup_quantiles((idx + rng.random(size)) / n_total, timeline)
    country = rng.choice(len(COUNTRIES), size=size, p=_normalised(C.COUNTRY_WEIGHTS.values()))
    currency = _currency_codes(country, rates)
    channel = rng.choice(len(C.SIGNUP_CHANNELS), size=size, p=_normalised(C.SIGNUP_CHANNEL_WEIGHTS))
    order_rate = rng.gamma(C.ORDER_RATE_SHAPE, C.ORDER_RATE_MEAN / C.ORDER_RATE_SHAPE, size)
    dropout = _dropout_times(rng, signup, order_rate, timeline)
    app_user = rng.random(size) < np.where(channel == APP_CHANNEL, C.APP_USER_P_APP_SIGNUP, C.APP_USER_P)
    engagement = order_rate / (order_rate + C.ORDER_RATE_MEAN)
    batch = MemberBatch(
        first=first,
        signup=signup,
        dropout=dropout,
        stop=np.minimum(dropout, timeline.end),
        country=country,
        currency=currency,
        channel=channel,
        referrer=np.full(size, -1, dtype=np.int64),
        order_rate=order_rate,
        spend_mult=rng.lognormal(0.0, C.SPEND_MULT_SIGMA, size),
        app_user=app_user,
        ios=rng.random(size) < C.IOS_SHARE,
        store_share=np.where(channel == STORE_CHANNEL, C.STORE_SHARE_STORE_SIGNUP, C.STORE_SHARE),
        review_p=rng.beta(1.5, 16.0, size) * (0.4 + 2.0 * engagement),
        birth_day=_birth_days(rng, signup),
        name_codes=np.column_stack(
            [rng.integers(0, len(opts), size) for opts in (C.FIRST_NAMES, C.LAST_NAMES, C.EMAIL_DOMAINS)]
        ),
        phone_digits=rng.integers(100_000_000, 1_000_000_000, size),
        phone_missing=rng.random(size) < C.PHONE_NULL_SHARE,
    )
    registry.add(batch)
    _assign_referrers(stream(seed, "referrers", chunk), batch, registry)
    return batch


def _normalised(weights: Iterable[float]) -> np.ndarray:
    arr = np.fromiter(weights, dtype=np.float64)
    return arr / arr.sum()


def _birth_days(rng: np.random.Generator, signup: np.ndarray) -> np.ndarray:
    """Birth dates (epoch days): adults aged 18-85 at signup, skewed young."""
    age_years = np.clip(18 + rng.gamma(2.5, 8.0, signup.size), 18, 85)
    return signup // DAY - np.floor(age_years * 365.25).astype(np.int64) - rng.integers(0, 365, signup.size)


def _currency_codes(country: np.ndarray, rates: ExchangeRates) -> np.ndarray:
    """Index into ``currency_list(rates)`` per member (base currency if unknown)."""
    codes = currency_list(rates)
    lookup = np.array(
        [codes.index(C.COUNTRY_CURRENCY[c]) if C.COUNTRY_CURRENCY[c] in codes else codes.index(rates.base_currency)
         for c in COUNTRIES]
    )
    return lookup[country]


def currency_list(rates: ExchangeRates) -> list[str]:
    """Seed currencies in a stable order."""
    return sorted(rates.rates)


def _dropout_times(
    rng: np.random.Generator, signup: np.ndarray, order_rate: np.ndarray, timeline: Timeline
) -> np.ndarray:
    """Latent dropout time from a Weibull hazard; engaged members last longer."""
    size = signup.size
    loyal = rng.random(size) < C.LOYAL_SHARE
    scale = C.DROPOUT_SCALE_YEARS * np.clip(order_rate / C.ORDER_RATE_MEAN, 0.1, 10.0) ** C.DROPOUT_ENGAGEMENT_EXPONENT
    lifetime = scale * rng.weibull(C.DROPOUT_WEIBULL_SHAPE, size) * YEAR
    dropout = signup + np.maximum(lifetime, 3600).astype(np.int64)
    return np.where(loyal | (dropout >= timeline.end), NO_TIME, dropout)


def _assign_referrers(rng: np.random.Generator, batch: MemberBatch, registry: MemberRegistry) -> None:
    """Give each referral signup an earlier, still-active referrer.

    Referrers are drawn among random earlier members with probability
    proportional to their purchase intensity (engaged members refer more).
    Referral signups without any eligible candidate become web signups.
    """
    local = np.flatnonzero(batch.channel == REFERRAL_CHANNEL)
    glob = batch.first + local
    has_earlier = glob > 0
    batch.channel[local[~has_earlier]] = WEB_CHANNEL
    local, glob = local[has_earlier], glob[has_earlier]
    if local.size == 0:
        return
    t = batch.signup[local]
    cand = np.floor(rng.random((local.size, REFERRER_CANDIDATES)) * glob[:, None]).astype(np.int64)
    eligible = (registry.signup[cand] < t[:, None]) & (registry.stop[cand] > t[:, None])
    weight = np.where(eligible, registry.order_rate[cand].astype(np.float64), 0.0)
    total = weight.sum(axis=1)
    pick_u = rng.random(local.size) * total
    pick = np.minimum((np.cumsum(weight, axis=1) <= pick_u[:, None]).sum(axis=1), REFERRER_CANDIDATES - 1)
    found = total > 0
    batch.referrer[local[found]] = cand[found, pick[found]]
    batch.channel[local[~found]] = WEB_CHANNEL


def members_table(batch: MemberBatch) -> pa.Table:
    """The ``members`` raw rows of a batch."""
    has_ref = batch.referrer >= 0
    return pa.table(
        {
            "member_id": fmt.ids("member", batch.numbers),
            "email": _emails(batch),
            "phone": _phones(batch),
            "signup_at": fmt.timestamps(batch.signup),
            "signup_channel": fmt.categories(C.SIGNUP_CHANNELS, batch.channel),
            "country_code": fmt.categories(COUNTRIES, batch.country),
            "birth_date": fmt.dates(batch.birth_day),
            "referrer_member_id": fmt.ids("member", np.maximum(batch.referrer, 0) + 1, ~has_ref),
        }
    )


def _emails(batch: MemberBatch) -> pa.Array:
    """Unique lower-case e-mails (``first.last<number>@domain``)."""
    first = fmt.categories(C.FIRST_NAMES, batch.name_codes[:, 0])
    last = fmt.categories(C.LAST_NAMES, batch.name_codes[:, 1])
    domain = fmt.categories(C.EMAIL_DOMAINS, batch.name_codes[:, 2])
    local = pc.binary_join_element_wise(first, last, ".")
    return pc.binary_join_element_wise(pc.binary_join_element_wise(local, fmt.ints(batch.numbers), ""), domain, "@")


def _phones(batch: MemberBatch) -> pa.Array:
    """E.164-style phone numbers; a share is NULL (not provided)."""
    dial = fmt.categories(tuple(C.COUNTRY_DIAL[c] for c in COUNTRIES), batch.country)
    phone = pc.binary_join_element_wise(pa.scalar("+"), dial, fmt.ints(batch.phone_digits), "")
    return pc.if_else(pa.array(batch.phone_missing), pa.scalar(None, pa.string()), phone)
