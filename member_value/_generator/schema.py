"""The raw-data contract: table names, column order, keys and dirty-row kinds.

Every raw column is written as a (nullable) string.  This module is pure data so
that the generator, the dirty-row machinery and the tests agree on one source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa


@dataclass(frozen=True)
class TableSpec:
    """Static description of one raw table.

    Attributes:
        name: Table (and file) name.
        columns: Column names in file order.
        key: Primary-key column(s); tier_history has a composite key.
        dirty_kinds: Quarantine reason codes planted in this table, in
            round-robin order.
        repairable: Columns that may receive a formatting defect which the
            staging layer must normalise (not quarantine).
    """

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    dirty_kinds: tuple[str, ...]
    repairable: tuple[str, ...] = field(default_factory=tuple)

    @property
    def schema(self) -> pa.Schema:
        """Arrow schema: every column a nullable string."""
        return pa.schema([pa.field(c, pa.string(), nullable=True) for c in self.columns])


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "products",
            ("product_id", "product_name", "category", "brand", "list_price", "unit_cost"),
            ("product_id",),
            ("missing_key", "duplicate_key", "negative_amount"),
            ("category",),
        ),
        TableSpec(
            "campaigns",
            ("campaign_id", "campaign_name", "campaign_type", "started_at", "ended_at"),
            ("campaign_id",),
            ("duplicate_key",),
        ),
        TableSpec(
            "members",
            (
                "member_id", "email", "phone", "signup_at", "signup_channel",
                "country_code", "birth_date", "referrer_member_id",
            ),
            ("member_id",),
            ("missing_key", "duplicate_key", "invalid_timestamp", "future_timestamp"),
            ("email", "country_code", "signup_channel", "signup_at"),
        ),
        TableSpec(
            "orders",
            (
                "order_id", "member_id", "ordered_at", "order_status", "currency_code",
                "order_total", "discount_amount", "shipping_amount", "sales_channel",
            ),
            ("order_id",),
            (
                "missing_key", "duplicate_key", "missing_value", "invalid_number",
                "negative_amount", "unknown_currency", "future_timestamp",
                "orphan_member", "invalid_category",
            ),
            ("order_status", "currency_code", "sales_channel", "ordered_at"),
        ),
        TableSpec(
            "order_items",
            ("order_item_id", "order_id", "product_id", "quantity", "unit_price"),
            ("order_item_id",),
            (
                "missing_key", "duplicate_key", "orphan_order", "orphan_product",
                "invalid_number", "out_of_range", "negative_amount",
            ),
        ),
        TableSpec(
            "refunds",
            ("refund_id", "order_id", "refunded_at", "refund_amount"),
            ("refund_id",),
            ("duplicate_key", "orphan_order", "negative_amount", "invalid_number", "future_timestamp"),
        ),
        TableSpec(
            "events",
            (
                "event_id", "member_id", "anonymous_id", "event_type", "event_at", "platform",
                "product_id", "order_id", "utm_source", "utm_medium", "utm_campaign",
            ),
            ("event_id",),
            (
                "missing_key", "duplicate_key", "orphan_member", "invalid_timestamp",
                "future_timestamp", "invalid_category",
            ),
            ("event_type", "platform", "event_at"),
        ),
        TableSpec(
            "reviews",
            ("review_id", "member_id", "product_id", "order_id", "rating", "review_text", "reviewed_at"),
            ("review_id",),
            ("duplicate_key", "orphan_member", "orphan_product", "out_of_range"),
        ),
        TableSpec(
            "referrals",
            ("referral_id", "referrer_member_id", "referred_member_id", "referred_at"),
            ("referral_id",),
            ("duplicate_key", "orphan_member"),
        ),
        TableSpec(
            "campaign_exposures",
            ("exposure_id", "campaign_id", "member_id", "variant", "exposed_at"),
            ("exposure_id",),
            ("duplicate_key", "orphan_member", "orphan_campaign", "invalid_category"),
            ("variant",),
        ),
        TableSpec(
            "tier_history",
            ("member_id", "tier", "effective_at", "change_reason"),
            ("member_id", "effective_at"),
            ("duplicate_key", "orphan_member", "invalid_category"),
        ),
        TableSpec(
            "points_ledger",
            ("entry_id", "member_id", "points", "entry_reason", "entry_at"),
            ("entry_id",),
            ("missing_key", "duplicate_key", "orphan_member", "invalid_number"),
            ("entry_reason",),
        ),
        TableSpec(
            "service_tickets",
            ("ticket_id", "member_id", "ticket_category", "opened_at", "resolved_at", "csat_score"),
            ("ticket_id",),
            ("duplicate_key", "orphan_member", "out_of_range"),
            ("ticket_category",),
        ),
    )
}

#: Canonical table order (also the order of the summary and the manifest).
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)

#: Tables that must always be present in a run.
REQUIRED_TABLES: tuple[str, ...] = ("members", "orders")

#: Id prefix and zero-padded width per id "family".
ID_FORMATS: dict[str, tuple[str, int]] = {
    "member": ("M", 8),
    "order": ("O", 9),
    "order_item": ("I", 10),
    "product": ("P", 5),
    "event": ("E", 10),
    "refund": ("R", 9),
    "review": ("V", 9),
    "referral": ("F", 9),
    "campaign": ("C", 4),
    "exposure": ("X", 9),
    "points": ("L", 10),
    "ticket": ("T", 9),
    "device": ("D", 10),
}

#: Which id family each table's primary key uses (tier_history has none).
TABLE_ID_FAMILY: dict[str, str] = {
    "members": "member",
    "orders": "order",
    "order_items": "order_item",
    "products": "product",
    "events": "event",
    "refunds": "refund",
    "reviews": "review",
    "referrals": "referral",
    "campaigns": "campaign",
    "campaign_exposures": "exposure",
    "points_ledger": "points",
    "service_tickets": "ticket",
}

#: Accepted enum values (after normalisation) - shared with the tests.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("members", "signup_channel"): ("web", "app", "store", "referral"),
    ("orders", "order_status"): ("placed", "paid", "shipped", "delivered", "cancelled", "returned"),
    ("orders", "sales_channel"): ("web", "app", "store"),
    ("events", "event_type"): (
        "page_view", "product_view", "search", "add_to_cart", "begin_checkout", "purchase", "login",
    ),
    ("events", "platform"): ("web", "ios", "android"),
    ("campaigns", "campaign_type"): ("tier_upgrade", "winback", "promo", "newsletter"),
    ("campaign_exposures", "variant"): ("control", "treatment"),
    ("tier_history", "tier"): ("bronze", "silver", "gold", "diamond"),
    ("tier_history", "change_reason"): ("signup", "upgrade", "downgrade"),
    ("points_ledger", "entry_reason"): ("purchase", "review", "referral", "redemption", "expiry"),
    ("service_tickets", "ticket_category"): ("delivery", "refund", "product", "account", "other"),
}

#: Foreign keys as (table, column) -> (parent table, parent column).
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("members", "referrer_member_id"): ("members", "member_id"),
    ("orders", "member_id"): ("members", "member_id"),
    ("order_items", "order_id"): ("orders", "order_id"),
    ("order_items", "product_id"): ("products", "product_id"),
    ("refunds", "order_id"): ("orders", "order_id"),
    ("events", "member_id"): ("members", "member_id"),
    ("events", "product_id"): ("products", "product_id"),
    ("events", "order_id"): ("orders", "order_id"),
    ("reviews", "member_id"): ("members", "member_id"),
    ("reviews", "product_id"): ("products", "product_id"),
    ("reviews", "order_id"): ("orders", "order_id"),
    ("referrals", "referrer_member_id"): ("members", "member_id"),
    ("referrals", "referred_member_id"): ("members", "member_id"),
    ("campaign_exposures", "campaign_id"): ("campaigns", "campaign_id"),
    ("campaign_exposures", "member_id"): ("members", "member_id"),
    ("tier_history", "member_id"): ("members", "member_id"),
    ("points_ledger", "member_id"): ("members", "member_id"),
    ("service_tickets", "member_id"): ("members", "member_id"),
}


def row_key_of(table: str, row: dict[str, str | None]) -> str | None:
    """Ground-truth row key of a formatted row (``member_id|effective_at`` for tier_history)."""
    spec = TABLES[table]
    if len(spec.key) == 1:
        return row[spec.key[0]]
    parts = [row[c] for c in spec.key]
    return None if any(p is None for p in parts) else "|".join(parts)  # type: ignore[arg-type]
