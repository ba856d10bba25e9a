"""Tests of the demo-data generator (``python -m member_value.generate``).

The generator is run a handful of times on small member counts into temporary
folders; the behavioural checks read the raw files with DuckDB, remove the
rows the ground truth lists as quarantined and substitute the expected values
of repaired cells (the "clean core" that staging should produce).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # allow running pytest without installing the package
    sys.path.insert(0, str(ROOT))

from member_value._generator.schema import ENUMS, FOREIGN_KEYS, TABLE_ORDER, TABLES  # noqa: E402
from member_value.generate import main  # noqa: E402

SEEDS = ROOT / "seeds"
N_MEMBERS = 3000
RATE = 0.01
TS = "%Y-%m-%d %H:%M:%S"


# --------------------------------------------------------------------------- helpers
def generate(out: Path, *extra: str, members: int = N_MEMBERS) -> tuple[Path, Path]:
    """Run the CLI in-process; returns (raw dir, truth dir)."""
    raw, truth = out / "raw", out / "truth"
    code = main(["--members", str(members), "--out", str(raw), "--truth-out", str(truth), "--quiet", *extra])
    assert code == 0
    return raw, truth


def file_hashes(*folders: Path) -> dict[str, str]:
    """sha256 of every file below the folders, keyed by folder/name."""
    return {
        f"{folder.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.iterdir())
    }


def key_expr(table: str, alias: str = "") -> str:
    """SQL expression of a table's ground-truth row key."""
    prefix = f"{alias}." if alias else ""
    return " || '|' || ".join(f"{prefix}{c}" for c in TABLES[table].key)


def connect(raw: Path, truth: Path, file_format: str = "parquet") -> duckdb.DuckDBPyConnection:
    """DuckDB with raw_<table> views, truth tables and clean-core views core_<table>."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"CREATE TABLE dirty AS SELECT * FROM read_parquet('{truth / 'dirty_rows.parquet'}')")
    con.execute(f"CREATE TABLE repaired AS SELECT * FROM read_parquet('{truth / 'repaired_values.parquet'}')")
    con.execute(f"CREATE TABLE dropouts AS SELECT * FROM read_parquet('{truth / 'dropouts.parquet'}')")
    con.execute(f"CREATE TABLE rates AS SELECT * FROM read_csv('{SEEDS / 'exchange_rates.csv'}', all_varchar=true)")
    con.execute(f"CREATE TABLE rules AS SELECT * FROM read_csv('{SEEDS / 'tier_rules.csv'}', all_varchar=true)")
    for table in TABLE_ORDER:
        path = raw / f"{table}.{file_format}"
        if not path.exists():
            continue
        reader = f"read_parquet('{path}')" if file_format == "parquet" else (
            f"read_csv('{path}', all_varchar=true, header=true)"
        )
        con.execute(f"CREATE TABLE raw_{table} AS SELECT * FROM {reader}")
        _create_core(con, table)
    return con


def _create_core(con: duckdb.DuckDBPyConnection, table: str) -> None:
    spec = TABLES[table]
    key = key_expr(table, "r")
    cols = []
    joins = []
    for i, col in enumerate(spec.columns):
        if col in spec.repairable:
            joins.append(
                f"LEFT JOIN repaired p{i} ON p{i}.table_name = '{table}' AND p{i}.column_name = '{col}' "
                f"AND p{i}.row_key = {key}"
            )
            cols.append(f"coalesce(p{i}.expected_value, r.{col}) AS {col}")
        else:
            cols.append(f"r.{col}")
    nonblank = " AND ".join(f"trim(coalesce(r.{c}, '')) <> ''" for c in spec.key)
    con.execute(
        f"""
        CREATE TABLE core_{table} AS
        SELECT DISTINCT {", ".join(cols)}
        FROM raw_{table} r {" ".join(joins)}
        WHERE {nonblank}
          AND {key} NOT IN (SELECT row_key FROM dirty WHERE table_name = '{table}'
                            AND reason_code NOT IN ('duplicate_key', 'missing_key'))
        """
    )


def one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    """First column of the first row."""
    row = con.execute(sql).fetchall()[0]
    assert row is not None
    return row[0]


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The main data set: N_MEMBERS members, default options, Parquet."""
    return generate(tmp_path_factory.mktemp("main"))


@pytest.fixture(scope="module")
def con(run_dir: tuple[Path, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(*run_dir)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def manifest(run_dir: tuple[Path, Path]) -> dict:
    return json.loads((run_dir[1] / "manifest.json").read_text())


# --------------------------------------------------------------------------- CLI, files, determinism
def test_help_lists_all_options() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "member_value.generate", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for option in ("--members", "--seed", "--out", "--truth-out", "--format", "--dirty-rate", "--chunk-size",
                   "--start-date", "--end-date", "--tables", "--seeds-dir", "--quiet"):
        assert option in out


def test_rejects_unknown_table(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--tables", "members,orders,nope"])
    assert "unknown table" in capsys.readouterr().err


def test_writes_every_table_as_strings(run_dir: tuple[Path, Path]) -> None:
    raw, truth = run_dir
    for table in TABLE_ORDER:
        schema = pq.read_schema(raw / f"{table}.parquet")
        assert schema.names == list(TABLES[table].columns)
        assert all(str(f.type) == "string" for f in schema)
    for name in ("dirty_rows.parquet", "repaired_values.parquet", "dropouts.parquet",
                 "treatment_effect.json", "manifest.json"):
        assert (truth / name).exists()


def test_manifest_matches_files(run_dir: tuple[Path, Path], manifest: dict) -> None:
    raw, truth = run_dir
    assert manifest["args"]["members"] == N_MEMBERS and manifest["seed"] == 42
    for rel, digest in manifest["files_sha256"].items():
        folder = raw if rel.startswith("raw/") else truth
        assert hashlib.sha256((folder / rel.split("/", 1)[1]).read_bytes()).hexdigest() == digest
    for table, info in manifest["tables"].items():
        assert pq.read_metadata(raw / info["file"]).num_rows == info["clean_rows"] + info["dirty_rows"]
        assert sum(info["dirty_by_reason"].values()) == info["dirty_rows"]


def test_same_seed_is_byte_identical_and_other_seed_differs(tmp_path: Path) -> None:
    a = file_hashes(*generate(tmp_path / "a", members=800))
    # the second run is a separate process (different hash seed, fresh imports)
    subprocess.run(
        [sys.executable, "-m", "member_value.generate", "--members", "800", "--quiet",
         "--out", str(tmp_path / "b" / "raw"), "--truth-out", str(tmp_path / "b" / "truth")],
        cwd=ROOT, check=True,
    )
    b = file_hashes(tmp_path / "b" / "raw", tmp_path / "b" / "truth")
    c = file_hashes(*generate(tmp_path / "c", "--seed", "7", members=800))
    assert a == b
    for name in ("raw/members.parquet", "raw/orders.parquet", "raw/events.parquet", "truth/dirty_rows.parquet"):
        assert a[name] != c[name]


def test_csv_matches_parquet(tmp_path: Path) -> None:
    raw_p, _ = generate(tmp_path / "p", members=600)
    raw_c, truth_c = generate(tmp_path / "c", "--format", "csv", members=600)
    for table in TABLE_ORDER:
        parquet = pq.read_table(raw_p / f"{table}.parquet")
        as_csv = pacsv.read_csv(
            raw_c / f"{table}.csv",
            convert_options=pacsv.ConvertOptions(
                column_types={c: "string" for c in TABLES[table].columns}, strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
        assert as_csv.num_rows == parquet.num_rows, table
        assert as_csv.column_names == parquet.column_names
        assert as_csv.equals(parquet), table
    with (raw_c / "reviews.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert any("," in r["review_text"] and '"' in r["review_text"] for r in rows)
    con = connect(raw_c, truth_c, "csv")
    assert one(con, "SELECT count(*) FROM core_orders") > 0


def test_only_requested_tables_are_written_and_content_is_unchanged(tmp_path: Path) -> None:
    full_raw, _ = generate(tmp_path / "full", members=600)
    raw, truth = generate(tmp_path / "sub", "--tables", "orders,members", members=600)
    assert sorted(p.name for p in raw.iterdir()) == ["members.parquet", "orders.parquet"]
    for name in ("members.parquet", "orders.parquet"):
        assert (raw / name).read_bytes() == (full_raw / name).read_bytes()
    dirty_tables = set(pq.read_table(truth / "dirty_rows.parquet").column("table_name").to_pylist())
    assert dirty_tables <= {"members", "orders"}


def test_small_chunks_stay_referentially_intact(tmp_path: Path) -> None:
    raw, truth = generate(tmp_path / "chunked", "--chunk-size", "150", members=700)
    con = connect(raw, truth)
    _assert_referential_integrity(con)
    _assert_dirty_counts(con, json.loads((truth / "manifest.json").read_text()))
    assert one(con, "SELECT count(DISTINCT member_id) FROM core_members") == 700


# --------------------------------------------------------------------------- clean core integrity
def _assert_referential_integrity(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLE_ORDER:
        key = key_expr(table)
        assert one(con, f"SELECT count(*) - count(DISTINCT {key}) FROM core_{table}") == 0, table
    for (table, col), (parent, pcol) in FOREIGN_KEYS.items():
        missing = one(
            con,
            f"SELECT count(*) FROM core_{table} WHERE {col} IS NOT NULL "
            f"AND {col} NOT IN (SELECT {pcol} FROM core_{parent})",
        )
        assert missing == 0, f"{table}.{col}"
    for (table, col), allowed in ENUMS.items():
        values = {r[0] for r in con.execute(f"SELECT DISTINCT {col} FROM core_{table}").fetchall()}
        assert values <= set(allowed), (table, col, values - set(allowed))
    late_referrer = one(
        con,
        """SELECT count(*) FROM core_members m JOIN core_members r ON r.member_id = m.referrer_member_id
           WHERE r.signup_at >= m.signup_at""",
    )
    assert late_referrer == 0


def test_clean_core_is_referentially_intact(con: duckdb.DuckDBPyConnection) -> None:
    _assert_referential_integrity(con)


def test_clean_timestamps_are_canonical_and_inside_window(con: duckdb.DuckDBPyConnection) -> None:
    checks = {
        "members": ["signup_at"], "orders": ["ordered_at"], "refunds": ["refunded_at"], "events": ["event_at"],
        "reviews": ["reviewed_at"], "referrals": ["referred_at"], "campaigns": ["started_at", "ended_at"],
        "campaign_exposures": ["exposed_at"], "tier_history": ["effective_at"], "points_ledger": ["entry_at"],
        "service_tickets": ["opened_at", "resolved_at"],
    }
    for table, cols in checks.items():
        for col in cols:
            bad = one(
                con,
                f"""SELECT count(*) FROM core_{table} WHERE {col} IS NOT NULL AND (
                        try_strptime({col}, '{TS}') IS NULL OR strftime(strptime({col}, '{TS}'), '{TS}') <> {col}
                        OR {col} < '2023-01-01 00:00:00' OR {col} > '2025-12-31 23:59:59')""",
            )
            assert bad == 0, f"{table}.{col}"


def test_money_is_consistent(con: duckdb.DuckDBPyConnection) -> None:
    mismatches = one(
        con,
        """WITH items AS (SELECT order_id, sum(quantity::INT * unit_price::DECIMAL(18, 2)) AS gross
                          FROM core_order_items GROUP BY 1)
           SELECT count(*) FROM core_orders o JOIN items i USING (order_id)
           WHERE i.gross - o.discount_amount::DECIMAL(18, 2) + o.shipping_amount::DECIMAL(18, 2)
                 <> o.order_total::DECIMAL(18, 2)""",
    )
    assert mismatches == 0
    assert one(con, "SELECT count(*) FROM core_orders WHERE order_id NOT IN (SELECT order_id FROM core_order_items)") == 0
    jpy_decimals = one(con, "SELECT count(*) FROM core_orders WHERE currency_code = 'JPY' AND order_total LIKE '%.%'")
    other_decimals = one(
        con, "SELECT count(*) FROM core_orders WHERE currency_code <> 'JPY' AND NOT regexp_matches(order_total, '^\\d+\\.\\d{2}$')"
    )
    assert jpy_decimals == 0 and other_decimals == 0
    cost_share = con.execute(
        "SELECT min(unit_cost::DOUBLE / list_price::DOUBLE), max(unit_cost::DOUBLE / list_price::DOUBLE) FROM core_products"
    ).fetchall()[0]
    assert 0.2 <= cost_share[0] and cost_share[1] <= 0.7


def test_currency_follows_country(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "SELECT DISTINCT m.country_code, o.currency_code FROM core_orders o JOIN core_members m USING (member_id)"
    ).fetchall()
    expected = {"US": "USD", "GB": "GBP", "CA": "CAD", "AU": "AUD", "JP": "JPY", "SE": "SEK"}
    for country, currency in rows:
        assert currency == expected.get(country, "EUR"), (country, currency)
    assert len({c for _, c in rows}) >= 5
    seed_codes = {r[0] for r in con.execute("SELECT currency_code FROM rates").fetchall()}
    assert {c for _, c in rows} <= seed_codes


# --------------------------------------------------------------------------- behaviour
def test_mean_orders_and_heavy_tailed_revenue(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*)::DOUBLE / (SELECT count(*) FROM core_members) FROM core_orders") >= 10
    share = one(
        con,
        """WITH refunds AS (SELECT order_id, sum(refund_amount::DECIMAL(18, 2)) AS refunded FROM core_refunds GROUP BY 1),
           net AS (SELECT m.member_id,
                          coalesce(sum((o.order_total::DECIMAL(18, 2) - coalesce(r.refunded, 0))
                                       * x.rate_to_base::DECIMAL(18, 6)), 0) AS revenue
                   FROM core_members m
                   LEFT JOIN core_orders o ON o.member_id = m.member_id AND o.order_status <> 'cancelled'
                   LEFT JOIN refunds r USING (order_id)
                   LEFT JOIN rates x USING (currency_code)
                   GROUP BY 1),
           ranked AS (SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rn, count(*) OVER () AS n FROM net)
           SELECT sum(revenue) FILTER (WHERE rn <= n / 5) / sum(revenue) FROM ranked""",
    )
    assert 0.6 <= float(share) <= 0.8


def test_nothing_happens_after_latent_dropout(con: duckdb.DuckDBPyConnection) -> None:
    never = one(con, "SELECT avg((dropout_at IS NULL)::INT) FROM dropouts")
    assert 0.05 < never < 0.8
    assert one(con, "SELECT count(*) FROM dropouts") == N_MEMBERS
    for table, col in (("orders", "ordered_at"), ("events", "event_at")):
        late = one(
            con,
            f"SELECT count(*) FROM core_{table} t JOIN dropouts d USING (member_id) "
            f"WHERE d.dropout_at IS NOT NULL AND t.{col} >= d.dropout_at",
        )
        assert late == 0, table
    dropped_active_late = one(
        con,
        """SELECT count(*) FROM dropouts d JOIN core_members m USING (member_id)
           WHERE d.dropout_at IS NOT NULL AND d.dropout_at < m.signup_at""",
    )
    assert dropped_active_late == 0


def test_seasonality_peaks_in_november_december(con: duckdb.DuckDBPyConnection) -> None:
    per_day = dict(
        con.execute(
            """SELECT month(ordered_at::TIMESTAMP) AS m,
                      count(*)::DOUBLE / count(DISTINCT ordered_at::TIMESTAMP::DATE) AS per_day
               FROM core_orders WHERE ordered_at >= '2024-01-01' AND ordered_at < '2025-01-01' GROUP BY 1"""
        ).fetchall()
    )
    autumn = (per_day[9] + per_day[10]) / 2
    assert (per_day[11] + per_day[12]) / 2 > 1.25 * autumn
    assert (per_day[7] + per_day[8]) / 2 < 0.9 * (per_day[5] + per_day[9]) / 2


def test_funnel_drops_off_step_by_step(con: duckdb.DuckDBPyConnection) -> None:
    counts = con.execute(
        """WITH e AS (SELECT anonymous_id, event_type, event_at::TIMESTAMP AS t FROM core_events),
           g AS (SELECT *, CASE WHEN lag(t) OVER w IS NULL OR t - lag(t) OVER w > INTERVAL 30 MINUTE
                                THEN 1 ELSE 0 END AS new_session
                 FROM e WINDOW w AS (PARTITION BY anonymous_id ORDER BY t)),
           s AS (SELECT *, sum(new_session) OVER (PARTITION BY anonymous_id ORDER BY t
                                                  ROWS UNBOUNDED PRECEDING) AS sid FROM g)
           SELECT count(DISTINCT (anonymous_id, sid)) FILTER (WHERE event_type = 'product_view'),
                  count(DISTINCT (anonymous_id, sid)) FILTER (WHERE event_type = 'add_to_cart'),
                  count(DISTINCT (anonymous_id, sid)) FILTER (WHERE event_type = 'begin_checkout'),
                  count(DISTINCT (anonymous_id, sid)) FILTER (WHERE event_type = 'purchase')
           FROM s"""
    ).fetchall()[0]
    views, carts, checkouts, purchases = counts
    assert views > carts > checkouts > purchases > 0
    per_member = one(con, "SELECT count(*)::DOUBLE / (SELECT count(*) FROM core_members) FROM core_events")
    assert 50 <= per_member <= 80


def test_every_online_order_has_a_purchase_session(con: duckdb.DuckDBPyConnection) -> None:
    missing = one(
        con,
        """SELECT count(*) FROM core_orders o WHERE o.sales_channel <> 'store' AND NOT EXISTS (
               SELECT 1 FROM core_events e WHERE e.order_id = o.order_id AND e.event_type = 'purchase'
               AND e.event_at = o.ordered_at AND e.member_id = o.member_id)""",
    )
    assert missing == 0
    assert one(con, "SELECT count(*) FROM core_events WHERE order_id IS NOT NULL AND event_type <> 'purchase'") == 0
    pre_signup = one(
        con,
        """SELECT count(DISTINCT e.anonymous_id) FROM core_events e
           JOIN (SELECT DISTINCT anonymous_id, member_id FROM core_events WHERE member_id IS NOT NULL) k
             USING (anonymous_id)
           JOIN core_members m ON m.member_id = k.member_id
           WHERE e.member_id IS NULL AND e.event_at < m.signup_at""",
    )
    assert pre_signup > N_MEMBERS / 4
    anonymous_only = one(
        con,
        """SELECT count(DISTINCT anonymous_id) FROM core_events WHERE anonymous_id NOT IN
           (SELECT anonymous_id FROM core_events WHERE member_id IS NOT NULL)""",
    )
    assert anonymous_only > N_MEMBERS / 10


def test_engaged_members_review_and_refer_more(con: duckdb.DuckDBPyConnection) -> None:
    rate_by_quartile = dict(
        con.execute(
            """WITH d AS (SELECT member_id, count(*) AS n FROM core_orders WHERE order_status = 'delivered' GROUP BY 1),
               q AS (SELECT member_id, n, ntile(4) OVER (ORDER BY n) AS quartile FROM d),
               r AS (SELECT member_id, count(*) AS reviews FROM core_reviews GROUP BY 1)
               SELECT quartile, sum(coalesce(reviews, 0))::DOUBLE / sum(n) FROM q LEFT JOIN r USING (member_id)
               GROUP BY 1"""
        ).fetchall()
    )
    assert rate_by_quartile[4] > 1.3 * rate_by_quartile[1]
    referrer_orders, all_orders = con.execute(
        """WITH n AS (SELECT m.member_id, count(o.order_id) AS orders FROM core_members m
                      LEFT JOIN core_orders o USING (member_id) GROUP BY 1)
           SELECT avg(orders) FILTER (WHERE member_id IN (SELECT referrer_member_id FROM core_referrals)),
                  avg(orders) FROM n"""
    ).fetchall()[0]
    assert referrer_orders > 1.3 * all_orders
    bad_reviews = one(
        con,
        """SELECT count(*) FROM core_reviews v JOIN core_orders o USING (order_id)
           WHERE o.order_status <> 'delivered' OR o.member_id <> v.member_id OR v.reviewed_at <= o.ordered_at
              OR v.product_id NOT IN (SELECT product_id FROM core_order_items i WHERE i.order_id = v.order_id)
              OR v.rating::INT NOT BETWEEN 1 AND 5""",
    )
    assert bad_reviews == 0


def test_referrals_mirror_members(con: duckdb.DuckDBPyConnection) -> None:
    diff = one(
        con,
        """SELECT count(*) FROM (
             (SELECT member_id, referrer_member_id, signup_at FROM core_members WHERE referrer_member_id IS NOT NULL)
             EXCEPT (SELECT referred_member_id, referrer_member_id, referred_at FROM core_referrals))""",
    )
    assert diff == 0
    assert one(con, "SELECT count(*) FROM core_members WHERE (signup_channel = 'referral') <> (referrer_member_id IS NOT NULL)") == 0


def test_refunds(con: duckdb.DuckDBPyConnection) -> None:
    stats = con.execute(
        """SELECT o.order_status, count(*), count(*) FILTER (WHERE r.refund_amount = o.order_total),
                  count(*) FILTER (WHERE r.refunded_at <= o.ordered_at),
                  count(*) FILTER (WHERE month(r.refunded_at::TIMESTAMP) <> month(o.ordered_at::TIMESTAMP))
           FROM core_refunds r JOIN core_orders o USING (order_id) GROUP BY 1"""
    ).fetchall()
    by_status = {s[0]: s[1:] for s in stats}
    assert set(by_status) == {"returned", "delivered"}
    returned, returned_full, returned_early, _ = by_status["returned"]
    assert returned == returned_full and returned_early == 0
    delivered, delivered_full, delivered_early, _ = by_status["delivered"]
    assert delivered > 0 and delivered_full == 0 and delivered_early == 0
    assert sum(s[3] for s in by_status.values()) > 0.3 * sum(s[0] for s in by_status.values())
    unrefunded = one(
        con,
        "SELECT count(*) FROM core_orders WHERE order_status = 'returned' AND order_id NOT IN (SELECT order_id FROM core_refunds)",
    )
    assert unrefunded == 0


def test_order_status_depends_on_age(con: duckdb.DuckDBPyConnection) -> None:
    old = dict(con.execute(
        "SELECT order_status, count(*) FROM core_orders WHERE ordered_at < '2025-06-01' GROUP BY 1").fetchall())
    assert old.get("delivered", 0) > 0.8 * sum(old.values())
    assert not {"placed", "paid", "shipped"} & set(old)
    recent = {r[0] for r in con.execute(
        "SELECT DISTINCT order_status FROM core_orders WHERE ordered_at >= '2025-12-25'").fetchall()}
    assert {"placed", "paid", "shipped"} <= recent


def test_tier_history_follows_the_tier_rules(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the monthly evaluation in SQL from orders + seeds and compare."""
    recomputed = con.execute(
        """WITH months AS (SELECT unnest(generate_series(TIMESTAMP '2023-02-01', TIMESTAMP '2025-12-01',
                                                        INTERVAL 1 MONTH)) AS m),
           o AS (SELECT member_id, ordered_at::TIMESTAMP AS t,
                        order_total::DECIMAL(18, 2) * x.rate_to_base::DECIMAL(18, 6) AS base
                 FROM core_orders JOIN rates x USING (currency_code)
                 WHERE order_status NOT IN ('cancelled', 'returned')),
           agg AS (SELECT mb.member_id, months.m, coalesce(sum(o.base), 0) AS spend, count(o.t) AS n
                   FROM core_members mb CROSS JOIN months
                   LEFT JOIN o ON o.member_id = mb.member_id AND o.t >= months.m - INTERVAL 12 MONTH AND o.t < months.m
                   WHERE months.m > mb.signup_at::TIMESTAMP GROUP BY ALL),
           q AS (SELECT a.member_id, a.m, max(r.tier_rank::INT) AS rank FROM agg a JOIN rules r
                   ON a.spend >= r.min_trailing_12m_spend::DECIMAL(18, 2) AND a.n >= r.min_trailing_12m_orders::INT
                 GROUP BY ALL),
           c AS (SELECT *, coalesce(lag(rank) OVER (PARTITION BY member_id ORDER BY m), 1) AS prev FROM q)
           SELECT c.member_id, strftime(c.m, '%Y-%m-%d %H:%M:%S'), r.tier,
                  CASE WHEN c.rank > c.prev THEN 'upgrade' ELSE 'downgrade' END
           FROM c JOIN rules r ON r.tier_rank::INT = c.rank WHERE c.rank <> c.prev"""
    ).fetchall()
    official = con.execute(
        "SELECT member_id, effective_at, tier, change_reason FROM core_tier_history WHERE change_reason <> 'signup'"
    ).fetchall()
    assert len(official) > 0
    assert sorted(recomputed) == sorted(official)
    signup_rows = one(
        con,
        """SELECT count(*) FROM core_members m JOIN core_tier_history t
             ON t.member_id = m.member_id AND t.effective_at = m.signup_at AND t.tier = 'bronze'
             AND t.change_reason = 'signup'""",
    )
    assert signup_rows == one(con, "SELECT count(*) FROM core_members")


def test_points_balance_never_negative(con: duckdb.DuckDBPyConnection) -> None:
    negative = one(
        con,
        """SELECT count(*) FROM (SELECT sum(points::BIGINT) OVER (PARTITION BY member_id ORDER BY entry_at, entry_id
                                                              ROWS UNBOUNDED PRECEDING) AS balance
                                 FROM core_points_ledger) WHERE balance < 0""",
    )
    assert negative == 0
    reasons = {r[0] for r in con.execute("SELECT DISTINCT entry_reason FROM core_points_ledger").fetchall()}
    assert reasons == set(ENUMS[("points_ledger", "entry_reason")])


def test_tickets_are_plausible(con: duckdb.DuckDBPyConnection) -> None:
    bad = one(
        con,
        """SELECT count(*) FROM core_service_tickets WHERE resolved_at < opened_at
           OR csat_score::INT NOT BETWEEN 1 AND 5 OR (csat_score IS NOT NULL AND resolved_at IS NULL)""",
    )
    assert bad == 0
    assert one(con, "SELECT count(*) FROM core_service_tickets WHERE resolved_at IS NULL") > 0


def test_upgrade_campaigns_plant_the_true_uplift(con: duckdb.DuckDBPyConnection, run_dir: tuple[Path, Path]) -> None:
    truth = json.loads((run_dir[1] / "treatment_effect.json").read_text())
    planted = truth["overall_planted_effect"]
    assert planted["campaign_type"] == "tier_upgrade" and planted["true_relative_uplift"] > 0
    window = planted["window_days"]
    rows = con.execute(
        f"""WITH x AS (SELECT e.campaign_id, e.member_id, e.variant, e.exposed_at::TIMESTAMP AS ea,
                              c.started_at, c.ended_at
                       FROM core_campaign_exposures e JOIN core_campaigns c USING (campaign_id)
                       WHERE c.campaign_type = 'tier_upgrade')
            SELECT x.variant, count(DISTINCT (x.campaign_id, x.member_id)) AS exposed,
                   count(o.order_id) AS orders,
                   count(DISTINCT (x.campaign_id, x.member_id)) FILTER
                       (WHERE x.ea < x.started_at::TIMESTAMP OR x.ea > x.ended_at::TIMESTAMP) AS outside
            FROM x LEFT JOIN core_orders o ON o.member_id = x.member_id
                 AND o.ordered_at::TIMESTAMP >= x.ea AND o.ordered_at::TIMESTAMP < x.ea + INTERVAL {window} DAY
            GROUP BY 1"""
    ).fetchall()
    arms = {r[0]: r[1:] for r in rows}
    treated, control = arms["treatment"], arms["control"]
    assert treated[2] == 0 and control[2] == 0
    assert 0.45 < treated[0] / (treated[0] + control[0]) < 0.55
    assert treated[0] == planted["treated_count"] and control[0] == planted["control_count"]
    observed = (treated[1] / treated[0]) / (control[1] / control[0])
    assert 1.0 + planted["true_relative_uplift"] / 2 < observed < 1.0 + 2 * planted["true_relative_uplift"]
    placebo = [c for c in truth["campaigns"] if c["campaign_type"] == "newsletter"]
    assert placebo and all(c["true_relative_uplift"] == 0 for c in placebo)


def test_campaign_targeting(con: duckdb.DuckDBPyConnection) -> None:
    top_tier_exposed = one(
        con,
        """SELECT count(*) FROM core_campaign_exposures e JOIN core_campaigns c USING (campaign_id)
           WHERE c.campaign_type = 'tier_upgrade' AND (
               SELECT t.tier FROM core_tier_history t WHERE t.member_id = e.member_id
                 AND t.effective_at <= c.started_at ORDER BY t.effective_at DESC LIMIT 1) = 'diamond'""",
    )
    assert top_tier_exposed == 0
    recent_buyers_in_winback = one(
        con,
        """SELECT count(*) FROM core_campaign_exposures e JOIN core_campaigns c USING (campaign_id)
           WHERE c.campaign_type = 'winback' AND EXISTS (
               SELECT 1 FROM core_orders o WHERE o.member_id = e.member_id AND o.order_status <> 'cancelled'
                 AND o.ordered_at::TIMESTAMP >= c.started_at::TIMESTAMP - INTERVAL 120 DAY
                 AND o.ordered_at < c.started_at)""",
    )
    assert recent_buyers_in_winback == 0
    assert one(con, "SELECT count(*) FROM core_campaign_exposures e JOIN core_campaigns c USING (campaign_id) "
                    "WHERE c.campaign_type = 'winback'") > 0


# --------------------------------------------------------------------------- dirty rows
def _assert_dirty_counts(con: duckdb.DuckDBPyConnection, manifest: dict) -> None:
    for table, info in manifest["tables"].items():
        clean, dirty = info["clean_rows"], info["dirty_rows"]
        expected = int(RATE * clean) if clean >= 100 else 0
        assert dirty == expected, table
        assert one(con, f"SELECT count(*) FROM dirty WHERE table_name = '{table}'") == dirty
        assert one(con, f"SELECT count(*) FROM raw_{table}") == clean + dirty
        kinds = TABLES[table].dirty_kinds
        if dirty >= len(kinds):
            assert set(info["dirty_by_reason"]) == set(kinds), table
        if TABLES[table].repairable:
            assert info["repaired_values"] == expected, table


def test_dirty_counts_follow_the_rate(con: duckdb.DuckDBPyConnection, manifest: dict) -> None:
    _assert_dirty_counts(con, manifest)
    assert manifest["tables"]["campaigns"]["dirty_rows"] == 0  # fewer than 100 clean rows


def test_missing_and_duplicate_keys(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLE_ORDER:
        spec = TABLES[table]
        blank = " OR ".join(f"trim(coalesce({c}, '')) = ''" for c in spec.key)
        n_blank = one(con, f"SELECT count(*) FROM raw_{table} WHERE {blank}")
        n_truth = one(con, f"SELECT count(*) FROM dirty WHERE table_name = '{table}' AND reason_code = 'missing_key'")
        assert n_blank == n_truth, table
        assert one(con, f"SELECT count(*) FROM dirty WHERE table_name = '{table}' AND reason_code = 'missing_key' "
                        "AND row_key IS NOT NULL") == 0
        cols = ", ".join(spec.columns)
        dup_keys = {
            r[0] for r in con.execute(
                f"SELECT {key_expr(table)} FROM raw_{table} GROUP BY {cols} HAVING count(*) > 1").fetchall()
        }
        truth_dups = {
            r[0] for r in con.execute(
                f"SELECT row_key FROM dirty WHERE table_name = '{table}' AND reason_code = 'duplicate_key'").fetchall()
        }
        assert dup_keys == truth_dups, table
        extra_rows = one(con, f"SELECT count(*) - count(DISTINCT ({cols})) FROM raw_{table} WHERE NOT ({blank})")
        assert extra_rows == len(truth_dups) or extra_rows == one(
            con, f"SELECT count(*) FROM dirty WHERE table_name = '{table}' AND reason_code = 'duplicate_key'"), table


def _dirty_rows(con: duckdb.DuckDBPyConnection, table: str, reason: str) -> list[dict]:
    cur = con.execute(
        f"""SELECT r.* FROM raw_{table} r JOIN dirty d ON d.table_name = '{table}' AND d.reason_code = '{reason}'
            AND d.row_key = {key_expr(table, "r")}"""
    )
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _parses(value: str | None) -> bool:
    try:
        dt.datetime.strptime(str(value), TS)
        return True
    except ValueError:
        return False


def _is_number(value: str | None) -> bool:
    try:
        Decimal(str(value))
        return True
    except ArithmeticError:
        return False


def test_each_quarantined_row_has_exactly_its_defect(con: duckdb.DuckDBPyConnection) -> None:
    seed_codes = {r[0] for r in con.execute("SELECT currency_code FROM rates").fetchall()}
    ids = {t: {r[0] for r in con.execute(f"SELECT {TABLES[t].key[0]} FROM raw_{t}").fetchall()}
           for t in ("members", "orders", "products", "campaigns")}
    seen = 0
    for table in TABLE_ORDER:
        spec = TABLES[table]
        for reason in spec.dirty_kinds:
            if reason in ("missing_key", "duplicate_key"):
                continue
            rows = _dirty_rows(con, table, reason)
            n_truth = one(con, f"SELECT count(*) FROM dirty WHERE table_name='{table}' AND reason_code='{reason}'")
            assert len(rows) == n_truth, (table, reason)
            for row in rows:
                seen += 1
                _check_defect(table, reason, row, seed_codes, ids)
    assert seen > 0


def _check_defect(table: str, reason: str, row: dict, seed_codes: set[str], ids: dict[str, set[str]]) -> None:
    money_cols = {"orders": "order_total", "order_items": "unit_price", "refunds": "refund_amount",
                  "products": "list_price"}
    ts_cols = {"members": "signup_at", "orders": "ordered_at", "refunds": "refunded_at", "events": "event_at"}
    if reason == "missing_value":
        assert row["member_id"] is None
    elif reason == "invalid_number":
        numeric = [v for k, v in row.items() if k in ("order_total", "quantity", "unit_price", "refund_amount", "points")]
        assert any(not _is_number(v) for v in numeric)
    elif reason == "negative_amount":
        assert Decimal(row[money_cols[table]]) < 0
    elif reason == "out_of_range":
        col = {"order_items": "quantity", "reviews": "rating", "service_tickets": "csat_score"}[table]
        value = int(row[col])
        assert value <= 0 if table == "order_items" else not 1 <= value <= 5
    elif reason == "invalid_timestamp":
        assert not _parses(row[ts_cols[table]])
    elif reason == "future_timestamp":
        assert "2035" <= row[ts_cols[table]][:4] <= "2040" and _parses(row[ts_cols[table]])
    elif reason == "unknown_currency":
        assert row["currency_code"] not in seed_codes
    elif reason == "invalid_category":
        col = {"orders": "order_status", "events": "event_type", "campaign_exposures": "variant",
               "tier_history": "tier"}[table]
        assert row[col].strip().lower() not in ENUMS[(table, col)]
    elif reason.startswith("orphan_"):
        parent = {"orphan_member": "members", "orphan_order": "orders", "orphan_product": "products",
                  "orphan_campaign": "campaigns"}[reason]
        refs = [row[c] for (t, c), (p, _) in FOREIGN_KEYS.items() if t == table and p == parent and row.get(c)]
        assert any(r not in ids[parent] for r in refs), (table, reason, row)
    else:  # pragma: no cover - every kind must be handled
        raise AssertionError(reason)
    # the single defect: every other timestamp column still parses and lies in the window
    for col, value in row.items():
        if col.endswith("_at") and value is not None and col != ts_cols.get(table):
            assert _parses(value) and "2023" <= value[:4] <= "2025", (table, reason, col, value)


def test_repaired_values_normalise_to_expected(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT table_name, row_key, column_name, raw_value, expected_value FROM repaired").fetchall()
    assert {r[0] for r in rows} == {t for t in TABLE_ORDER if TABLES[t].repairable}
    for table in {r[0] for r in rows}:
        key = key_expr(table)
        for col in TABLES[table].repairable:
            in_file = dict(con.execute(
                f"SELECT {key}, {col} FROM raw_{table} WHERE {key} IN (SELECT row_key FROM repaired "
                f"WHERE table_name = '{table}' AND column_name = '{col}')").fetchall())
            for t, k, c, raw_value, expected in rows:
                if t == table and c == col:
                    assert in_file[k] == raw_value
                    assert raw_value != expected
                    assert _normalise(col, raw_value) == expected, (table, col, raw_value, expected)


def _normalise(col: str, value: str) -> str:
    if col in ("signup_at", "ordered_at", "event_at"):
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        return parsed.astimezone(dt.timezone.utc).strftime(TS)
    if col in ("country_code", "currency_code"):
        return value.strip().upper()
    return value.strip().lower()
