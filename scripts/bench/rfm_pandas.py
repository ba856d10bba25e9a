"""RFM scores straight from the raw files, in pandas: the benchmark's peer.

An independent implementation of the project's documented definitions, for
comparison with the dbt models (`make bench`): the same raw files, the same
cleaning rules for the tables RFM needs (members, orders, refunds; see the
`staging_quarantine` docs and seeds/quarantine_reasons.csv), the same
analysis date (the day of the latest clean order), and the same RFM rules
(frequency = distinct purchase days in the window, monetary = net revenue
after cancellations and refunds in the base currency, score = 1 + floor(5 x
members with a strictly worse value / members scored)).

It writes one row per scored member to a Parquet file:

    python scripts/bench/rfm_pandas.py --raw-dir data/raw --out /tmp/rfm.parquet \
        --cutoff "2026-01-01 00:00:00"
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parents[2]
RFM_WINDOW_DAYS = 365
BUCKETS = 5
ORDER_STATUSES = {"placed", "paid", "shipped", "delivered", "cancelled", "returned"}
SALES_CHANNELS = {"web", "app", "store"}
SIGNUP_CHANNELS = {"web", "app", "store", "referral"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw-dir", type=Path, required=True, help="folder with members, orders and refunds (.parquet)")
    parser.add_argument("--out", type=Path, required=True, help="Parquet file to write the scores to")
    parser.add_argument("--cutoff", required=True,
                        help="latest believable timestamp, UTC, 'YYYY-MM-DD HH:MM:SS' (dbt var future_timestamp_cutoff)")
    parser.add_argument("--rates", type=Path, default=ROOT / "seeds" / "exchange_rates.csv",
                        help="exchange-rate seed (default: %(default)s)")
    return parser.parse_args(argv)


def read_raw(raw_dir: Path, table: str, columns: list[str]) -> pd.DataFrame:
    """Every contract column as text (pyarrow strings), missing optional columns as NULL."""
    frame = pd.read_parquet(raw_dir / f"{table}.parquet", dtype_backend="pyarrow")
    frame.columns = [column.strip().lower() for column in frame.columns]
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string[pyarrow]")
    return frame[columns].astype("string[pyarrow]")


def is_in(series: pd.Series, values) -> pd.Series:
    """Membership test in Arrow (pandas' isin on Arrow strings loops in Python)."""
    value_set = pa.array(pd.Series(list(values) if isinstance(values, set) else values, dtype="string[pyarrow]")
                         .dropna().unique().astype(object))
    mask = pc.is_in(pa.array(series.astype(object)), value_set=value_set)
    return pd.Series(mask.to_numpy(zero_copy_only=False), index=series.index).fillna(False).astype(bool)


def text(series: pd.Series) -> pd.Series:
    """Trimmed; blank becomes NULL."""
    stripped = series.str.strip()
    return stripped.mask(stripped == "")


def timestamps(series: pd.Series) -> pd.Series:
    """ISO-8601 text to naive UTC timestamps (an offset or Z is applied; none means UTC)."""
    parsed = pd.to_datetime(series.astype(object), format="ISO8601", utc=True, errors="coerce")
    return parsed.dt.tz_localize(None)


def amounts(series: pd.Series) -> pd.Series:
    """Decimal text to a number of cents-precision (NaN when it does not parse)."""
    return pd.to_numeric(series.astype(object), errors="coerce").round(2)


RATE_SCALE = 1_000_000  # the seed holds rates as decimal(18, 6)


def to_base_currency(amount: pd.Series, rate: pd.Series) -> pd.Series:
    """amount x rate rounded half away from zero to cents, in exact integer arithmetic (like SQL decimals)."""
    cents = (amount * 100).round().astype("int64")
    scaled_rate = (rate * RATE_SCALE).round().astype("int64")
    product = cents * scaled_rate
    rounded = np.sign(product) * ((np.abs(product) + RATE_SCALE // 2) // RATE_SCALE)
    return rounded / 100


def first_reason(checks: list[tuple[str, pd.Series]], index: pd.Index) -> pd.Series:
    """The first failed check of each row (None when every check passes)."""
    reason = pd.Series(None, index=index, dtype=object)
    for name, failed in checks:
        reason = reason.mask(reason.isna() & failed.fillna(False).astype(bool), name)
    return reason


def keep_first(frame: pd.DataFrame, key: str, order_by: str, ascending: bool, raw_columns: list[str]) -> pd.DataFrame:
    """One row per key: the first by `order_by` (NULL last), ties broken by the raw values.

    Only the rows whose key occurs more than once are sorted."""
    shared = frame[key].duplicated(keep=False)
    duplicates = frame[shared]
    tie_break = duplicates[raw_columns].astype(object).fillna("\x00").astype(str).agg("\x01".join, axis=1)
    ordered = duplicates.assign(_tie=tie_break).sort_values(
        [key, order_by, "_tie"], ascending=[True, ascending, True], na_position="last", kind="stable"
    )
    kept = ordered.drop_duplicates(key, keep="first").drop(columns="_tie")
    return pd.concat([frame[~shared], kept])


def clean_members(raw_dir: Path, cutoff: pd.Timestamp) -> pd.DataFrame:
    columns = ["member_id", "signup_at", "signup_channel"]
    raw = read_raw(raw_dir, "members", columns)
    frame = pd.DataFrame({"member_id": text(raw["member_id"]), "signup_text": text(raw["signup_at"]),
                          "signup_channel": text(raw["signup_channel"]).str.lower()})
    frame["signup_at"] = timestamps(frame["signup_text"])
    reason = first_reason([
        ("missing_key", frame["member_id"].isna()),
        ("missing_value", frame["signup_text"].isna()),
        ("invalid_timestamp", frame["signup_at"].isna()),
        ("future_timestamp", frame["signup_at"] > cutoff),
        ("invalid_category", frame["signup_channel"].notna() & ~is_in(frame["signup_channel"], SIGNUP_CHANNELS)),
    ], frame.index)
    passed = frame[reason.isna()].join(raw.add_prefix("raw_"))
    kept = keep_first(passed, "member_id", "signup_at", True, [f"raw_{c}" for c in columns])
    return kept[["member_id", "signup_at"]]


def clean_orders(raw_dir: Path, cutoff: pd.Timestamp, rates: dict[str, float], members: pd.Series) -> pd.DataFrame:
    columns = ["order_id", "member_id", "ordered_at", "order_status", "currency_code", "order_total",
               "discount_amount", "shipping_amount", "sales_channel"]
    raw = read_raw(raw_dir, "orders", columns)
    frame = pd.DataFrame({
        "order_id": text(raw["order_id"]), "member_id": text(raw["member_id"]),
        "ordered_text": text(raw["ordered_at"]), "order_status": text(raw["order_status"]).str.lower(),
        "currency_code": text(raw["currency_code"]).str.upper(), "total_text": text(raw["order_total"]),
        "discount_text": text(raw["discount_amount"]), "shipping_text": text(raw["shipping_amount"]),
        "sales_channel": text(raw["sales_channel"]).str.lower(),
    })
    frame["order_total_local"] = amounts(frame["total_text"])
    discount, shipping = amounts(frame["discount_text"]), amounts(frame["shipping_text"])
    frame["ordered_at"] = timestamps(frame["ordered_text"])
    reason = first_reason([
        ("missing_key", frame["order_id"].isna()),
        ("missing_value", frame[["member_id", "ordered_text", "order_status", "currency_code", "total_text"]]
         .isna().any(axis=1)),
        ("invalid_number", frame["order_total_local"].isna()
         | (frame["discount_text"].notna() & discount.isna()) | (frame["shipping_text"].notna() & shipping.isna())),
        ("invalid_timestamp", frame["ordered_at"].isna()),
        ("negative_amount", (frame["order_total_local"] < 0) | (discount < 0) | (shipping < 0)),
        ("future_timestamp", frame["ordered_at"] > cutoff),
        ("unknown_currency", ~is_in(frame["currency_code"], set(rates))),
        ("invalid_category", ~is_in(frame["order_status"], ORDER_STATUSES)
         | (frame["sales_channel"].notna() & ~is_in(frame["sales_channel"], SALES_CHANNELS))),
        ("orphan_member", ~is_in(frame["member_id"], members)),
    ], frame.index)
    passed = frame[reason.isna()].join(raw.add_prefix("raw_"))
    kept = keep_first(passed, "order_id", "ordered_at", False, [f"raw_{c}" for c in columns])
    rate = kept["currency_code"].map(rates).astype(float)
    return pd.DataFrame({
        "order_id": kept["order_id"], "member_id": kept["member_id"], "rate_to_base": rate,
        "order_total": to_base_currency(kept["order_total_local"].astype(float), rate),
        "is_cancelled": kept["order_status"] == "cancelled",
        "ordered_date": kept["ordered_at"].dt.normalize(),
    })


def clean_refunds(raw_dir: Path, cutoff: pd.Timestamp, orders: pd.DataFrame) -> pd.DataFrame:
    columns = ["refund_id", "order_id", "refunded_at", "refund_amount"]
    raw = read_raw(raw_dir, "refunds", columns)
    frame = pd.DataFrame({"refund_id": text(raw["refund_id"]), "order_id": text(raw["order_id"]),
                          "refunded_text": text(raw["refunded_at"]), "amount_text": text(raw["refund_amount"])})
    frame["refund_amount_local"] = amounts(frame["amount_text"])
    frame["refunded_at"] = timestamps(frame["refunded_text"])
    reason = first_reason([
        ("missing_key", frame["refund_id"].isna()),
        ("missing_value", frame[["order_id", "refunded_text", "amount_text"]].isna().any(axis=1)),
        ("invalid_number", frame["refund_amount_local"].isna()),
        ("invalid_timestamp", frame["refunded_at"].isna()),
        ("negative_amount", frame["refund_amount_local"] < 0),
        ("future_timestamp", frame["refunded_at"] > cutoff),
        ("orphan_order", ~is_in(frame["order_id"], orders["order_id"])),
    ], frame.index)
    passed = frame[reason.isna()].join(raw.add_prefix("raw_"))
    kept = keep_first(passed, "refund_id", "refunded_at", False, [f"raw_{c}" for c in columns])
    rate = kept["order_id"].map(orders.set_index("order_id")["rate_to_base"])
    return pd.DataFrame({
        "order_id": kept["order_id"],
        "refund_amount": to_base_currency(kept["refund_amount_local"].astype(float), rate),
        "refunded_date": kept["refunded_at"].dt.normalize(),
    })


def quintile_scores(values: pd.Series, higher_is_better: bool) -> pd.Series:
    worse = values.rank(method="min", ascending=higher_is_better).astype("int64") - 1
    return 1 + (BUCKETS * worse) // len(values)


def rfm(members: pd.DataFrame, orders: pd.DataFrame, refunds: pd.DataFrame) -> pd.DataFrame:
    as_of = orders["ordered_date"].max()
    window_start = as_of - pd.Timedelta(days=RFM_WINDOW_DAYS - 1)
    purchases = orders[~orders["is_cancelled"] & (orders["ordered_date"] <= as_of)]
    refunds = refunds.merge(purchases[["order_id", "member_id"]], on="order_id", how="inner")
    refunds = refunds[refunds["refunded_date"] <= as_of]
    in_window = purchases[purchases["ordered_date"] >= window_start]
    refunds_in_window = refunds[refunds["refunded_date"] >= window_start]

    result = members[members["signup_at"].dt.normalize() <= as_of][["member_id"]].set_index("member_id")
    result["last_purchase_date"] = purchases.groupby("member_id")["ordered_date"].max()
    result["purchase_day_count"] = in_window.groupby("member_id")["ordered_date"].nunique()
    result["order_count_in_window"] = in_window.groupby("member_id")["order_id"].count()
    spent = in_window.groupby("member_id")["order_total"].sum()
    refunded = refunds_in_window.groupby("member_id")["refund_amount"].sum()
    result["net_revenue_in_window"] = (spent.reindex(result.index, fill_value=0.0)
                                       - refunded.reindex(result.index, fill_value=0.0)).round(2)
    counts = ["purchase_day_count", "order_count_in_window"]
    result[counts] = result[counts].fillna(0).astype("int64")
    result["recency_days"] = (as_of - result["last_purchase_date"]).dt.days.astype("Int64")
    scored = result[result["purchase_day_count"] > 0]
    result["recency_score"] = quintile_scores(scored["recency_days"].astype("int64"), higher_is_better=False)
    result["frequency_score"] = quintile_scores(scored["purchase_day_count"], higher_is_better=True)
    result["monetary_score"] = quintile_scores(scored["net_revenue_in_window"], higher_is_better=True)
    scores = ["recency_score", "frequency_score", "monetary_score"]
    result[scores] = result[scores].fillna(1).astype("int64")
    result["as_of_date"] = as_of
    return result.reset_index()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    cutoff = pd.Timestamp(args.cutoff)
    with args.rates.open(newline="") as handle:
        rates = {row["currency_code"]: float(row["rate_to_base"]) for row in csv.DictReader(handle)}
    members = clean_members(args.raw_dir, cutoff)
    orders = clean_orders(args.raw_dir, cutoff, rates, members["member_id"])
    refunds = clean_refunds(args.raw_dir, cutoff, orders)
    rfm(members, orders, refunds).to_parquet(args.out, index=False)


if __name__ == "__main__":
    main()
