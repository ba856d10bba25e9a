"""Real-world and hostile raw input: every value parses to exactly what it says or is quarantined.

One hand-written set of CSV files holds, row by row, the spellings real exports
and careless or hostile users produce (fractional and hexadecimal integers,
amounts with too many decimals, time-zone names, 12-hour clocks, invisible
characters around keys, implausible dates, self-referrals, malformed lines...).
It lives in a folder whose name tries to inject SQL, is hashed with a salt that
tries the same, and is built with the machine's time zone set far from UTC.
Each assertion below names the row it is about.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, Build, build_project, generate, run_dbt

# A folder name that would run SQL of its own if it were pasted into a literal.
HOSTILE_FOLDER = "it's raw'); copy (select 42 as x) to 'pwned.csv' (format csv); --"
HOSTILE_SALT = "x' || upper('y') || '"
NON_UTC_ZONE = "America/New_York"
FIXTURE_VARS = {
    "future_timestamp_cutoff": "2026-01-01 00:00:00",
    # The fixture is mostly bad rows on purpose; the share checks have their own test.
    "quarantine_warn_share": 1,
    "quarantine_fail_share": 1,
}

MEMBER_COLUMNS = ["member_id", "email", "phone", "signup_at", "signup_channel", "country_code", "birth_date",
                  "referrer_member_id"]
MEMBERS = [
    ["M1", "ann@example.com", "+1 (555) 0199", "2024-01-01 10:00:00", "web", "us", "1990-05-07", ""],
    ["M2", "bob@example.com", "555-0101", "", "app", "gb", "1985-02-03", "M1"],
    ["M3", "cat@example.com", "5550102", "20240301", "store", "de", "2031-07-04", "M3"],
    ["M4", "dan@example.com", "5550103", "2024-03-01T12:00:00+0530", "web", "fr", "1850-03-03", ""],
    ["M5", "eve@example.com", "5550104", "20240301T120000Z", "web", "fr", "19920315", ""],
    ["\u200bM6\ufeff", "fay@example.com", "5550105", "2024-01-01 10:00:00 EST", "web", "us", "", ""],
    ["M7", "gus@example.com", "5550106", "2024-01-01T10:00:00 America/New_York", "web", "us", "", ""],
    ["M8", "hal@example.com", "5550107", "2024-01-01 01:00:00 PM", "web", "us", "", ""],
    ["M9", "ivy@example.com", "5550108", "epoch", "web", "us", "", ""],
    ["M10", "jon@example.com", "5550109", "-infinity", "web", "us", "", ""],
    ["M11", "kim@example.com", "5550110", "2024-01-01 10:00:00 BC", "web", "us", "", ""],
    ["M12", "lee@example.com", "5550111", "2024-01-01T10:00:00+15:00", "web", "us", "", ""],
    ["M13", "max@example.com", "5550112", "1985-06-01 10:00:00", "web", "us", "", ""],
    ["\t", "ned@example.com", "5550113", "2024-01-01 10:00:00", "web", "us", "", ""],
    ["M15", "ole@example.com", "5550114", "2024-01-01", "\tWeb\r\n", "us", "", ""],
]
# Lines the CSV reader must reject; they carry personal data that must never reach the warehouse or a log.
MALFORMED_MEMBER_LINES = [
    b"M16,pat@example.com,5550115,2024-01-01 10:00:00,web,us,1970-01-01,,extra,fields\n",
    b"M17,q\xffr@example.com,5550116,2024-01-01 10:00:00,web,us,1971-02-02,\n",
]

ORDER_COLUMNS = ["order_id", "member_id", "ordered_at", "order_status", "currency_code", "order_total",
                 "discount_amount", "shipping_amount", "sales_channel"]
ORDERS = [
    ["O1", "M1", "2024-02-01 10:00:00", "Completed", "usd", "100.00", "", "", "web"],
    ["O2", "M2", "2024-02-05 09:00:00", "FULFILLED", "USD", "50.00", "", "", "web"],
    ["O3", "M2", "2024-03-05 09:00:00", "refunded", "USD", "40.00", "", "", "web"],
    ["O4\t", "M1", "2024-02-01 10:00:00", "paid", "USD", "10.00", "", "", "web"],
    ["O4\u00a0", "M1", "2024-02-01 11:00:00", "paid", "USD", "10.00", "", "", "web"],
    ["O5", "M1", "2024-02-01 10:00:00", "teleported", "USD", "10.00", "", "", "web"],
    ["O6", "M1", "2024-02-01 10:00:00", "paid", "USD", "12.345", "", "", "web"],
    ["O7", "M1", "2024-02-01 10:00:00", "paid", "USD", "1e-3", "", "", "web"],
    ["O8", "M1", "2024-02-01 10:00:00", "paid", "USD", "1e11", "", "", "web"],
    ["O9", "M1", "2024-02-01 10:00:00", "paid", "USD", "100000000000", "", "", "web"],
    ["O10", "M1", "2024-02-01 10:00:00", "paid", "USD", "12.340", "", "", "web"],
    ["O11", "M1", "2024-02-01 10:00:00", "paid", "USD", "1,000.00", "", "", "web"],
    ["O12", "M1", "1989-12-31 23:59:59", "paid", "USD", "10.00", "", "", "web"],
    ["O13", "M1", "2024-02-01 10:00:00", "\tdelivered\r\n", "USD", "10.00", "", "", "web"],
    ["\u200b", "M1", "2024-02-01 10:00:00", "paid", "USD", "10.00", "", "", "web"],
    ["O15", "M1", "2024-04-01 10:00:00", "delivered", "USD", "80.00", "", "", "web"],
]
REFUNDS = [
    ["R1", "O15", "2024-03-01 10:00:00", "10.00"],
    ["R2", "O15", "2024-04-02 10:00:00", "90.00"],
    ["R3", "O15", "2024-04-02 10:00:00", "80.00"],
]
ORDER_ITEMS = [
    ["I1", "O1", "P1", "2.5", "10.00"],
    ["I2", "O1", "P1", "0x10", "10.00"],
    ["I3", "O1", "P1", "99999999999999999999", "10.00"],
    ["I4", "O1", "P1", "100001", "10.00"],
    ["I5", "O1", "P1", "1_000", "10.00"],
    ["I6", "O1", "P1", "+3", "10.00"],
    ["I7", "O1", "P2", "2", "12.3"],
]
PRODUCTS = [["P1", "Mug", "home", "Acme", "12.00", "4.00"], ["P2", "Cup", "home", "Acme", "9.00", "3.00"]]
REVIEWS = [
    ["V1", "M1", "P1", "O1", "4.6", "2024-02-10 10:00:00", "nice"],
    ["V2", "M1", "P1", "O1", "5", "2024-02-10 10:00:00", "nice"],
]
REFERRALS = [["F1", "M1", "M1", "2024-02-01 10:00:00"], ["F2", "M1", "M2", "2024-02-01 10:00:00"]]
POINTS = [
    ["L1", "M1", "0x10", "2024-02-01 10:00:00", "purchase"],
    ["L2", "M1", "1e3", "2024-02-01 10:00:00", "purchase"],
    ["L3", "M1", "500", "2024-02-01 10:00:00", "purchase"],
    ["L4", "M1", "-200", "2024-02-02 10:00:00", "redemption"],
]
EVENTS = [["E1", "M1", "D1", "page_view", "2024-02-01T10:00:00Z", "web", "", "", "", "", ""]]

# (source table, row key) -> (reason code, column that failed)
EXPECTED_QUARANTINE = {
    ("members", "M6"): ("invalid_timestamp", "signup_at"),
    ("members", "M7"): ("invalid_timestamp", "signup_at"),
    ("members", "M8"): ("invalid_timestamp", "signup_at"),
    ("members", "M9"): ("invalid_timestamp", "signup_at"),
    ("members", "M10"): ("invalid_timestamp", "signup_at"),
    ("members", "M11"): ("invalid_timestamp", "signup_at"),
    ("members", "M12"): ("invalid_timestamp", "signup_at"),
    ("members", "M13"): ("before_date_floor", "signup_at"),
    ("members", None): ("missing_key", "member_id"),
    ("orders", "O4"): ("duplicate_key", "order_id"),
    ("orders", "O5"): ("invalid_category", "order_status"),
    ("orders", "O6"): ("invalid_number", "order_total"),
    ("orders", "O7"): ("invalid_number", "order_total"),
    ("orders", "O8"): ("invalid_number", "order_total"),
    ("orders", "O9"): ("out_of_range", "order_total"),
    ("orders", "O11"): ("invalid_number", "order_total"),
    ("orders", "O12"): ("before_date_floor", "ordered_at"),
    ("orders", None): ("missing_key", "order_id"),
    ("refunds", "R1"): ("refund_before_order", "refunded_at"),
    ("refunds", "R2"): ("refund_exceeds_order", "refund_amount"),
    ("order_items", "I1"): ("invalid_number", "quantity"),
    ("order_items", "I2"): ("invalid_number", "quantity"),
    ("order_items", "I3"): ("invalid_number", "quantity"),
    ("order_items", "I4"): ("out_of_range", "quantity"),
    ("order_items", "I5"): ("invalid_number", "quantity"),
    ("reviews", "V1"): ("invalid_number", "rating"),
    ("referrals", "F1"): ("self_referral", "referred_member_id"),
    ("points_ledger", "L1"): ("invalid_number", "points"),
    ("points_ledger", "L2"): ("invalid_number", "points"),
}


def write_csv(path: Path, header: list[str], rows: list[list[str]], extra_lines: list[bytes] = ()) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    with path.open("ab") as handle:
        for line in extra_lines:
            handle.write(line)


def write_fixture(raw_dir: Path) -> None:
    raw_dir.mkdir(parents=True)
    write_csv(raw_dir / "members.csv", MEMBER_COLUMNS, MEMBERS, MALFORMED_MEMBER_LINES)
    write_csv(raw_dir / "orders.csv", ORDER_COLUMNS, ORDERS)
    write_csv(raw_dir / "refunds.csv", ["refund_id", "order_id", "refunded_at", "refund_amount"], REFUNDS)
    write_csv(raw_dir / "order_items.csv", ["order_item_id", "order_id", "product_id", "quantity", "unit_price"],
              ORDER_ITEMS)
    product_header = ["product_id", "product_name", "category", "brand", "list_price", "unit_cost"]
    write_csv(raw_dir / "products.csv", product_header, PRODUCTS)
    with duckdb.connect() as connection:  # the same catalogue as Parquet too: Parquet wins, and that is logged
        connection.execute(
            "copy (select * from read_csv(?, all_varchar = true)) to ? (format parquet)",
            [str(raw_dir / "products.csv"), str(raw_dir / "products.parquet")],
        )
    write_csv(raw_dir / "reviews.csv", ["review_id", "member_id", "product_id", "order_id", "rating", "reviewed_at",
                                        "review_text"], REVIEWS)
    write_csv(raw_dir / "referrals.csv", ["referral_id", "referrer_member_id", "referred_member_id", "referred_at"],
              REFERRALS)
    write_csv(raw_dir / "points_ledger.csv", ["entry_id", "member_id", "points", "entry_at", "entry_reason"], POINTS)
    write_csv(raw_dir / "events.csv", ["event_id", "member_id", "anonymous_id", "event_type", "event_at", "platform",
                                       "product_id", "order_id", "utm_source", "utm_medium", "utm_campaign"], EVENTS)
    (raw_dir / "service_tickets.csv").write_bytes(b"")  # an empty optional file is skipped, not a failure


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("hostile")
    raw_dir = root / HOSTILE_FOLDER
    write_fixture(raw_dir)
    build = build_project(
        raw_dir, root / "truth", root / "work", args=["--vars", json.dumps(FIXTURE_VARS)],
        extra_env={"MEMBER_VALUE_PII_SALT": HOSTILE_SALT, "TZ": NON_UTC_ZONE},
    )
    assert build.run.returncode == 0, build.run.output[-6000:]
    return build


def quarantine(build: Build) -> dict[tuple[str, str | None], tuple[str, str | None]]:
    rows = build.query(
        "select source_table, row_key, reason_code, reason_column from staging.stg_shop__quarantine "
        "where reason_code <> 'malformed_line'"
    )
    return {(table, key): (reason, column) for table, key, reason, column in rows}


def test_a_folder_and_salt_that_try_to_inject_sql_are_read_as_plain_text(hostile_build: Build) -> None:
    assert "'" in hostile_build.raw_dir.name and hostile_build.query("select count(*) from raw.members")[0][0] > 0
    for folder in (PROJECT_ROOT, hostile_build.raw_dir.parent, hostile_build.database.parent):
        assert not (folder / "pwned.csv").exists(), "the folder name ran SQL of its own"
    [(email_hash,)] = hostile_build.query("select email_hash from staging.stg_shop__members where member_id = 'M1'")
    assert email_hash == hashlib.sha256((HOSTILE_SALT + "ann@example.com").encode()).hexdigest()


def test_every_hostile_value_is_quarantined_with_its_reason_and_column(hostile_build: Build) -> None:
    found = quarantine(hostile_build)
    assert found == EXPECTED_QUARANTINE, (
        f"missing or different: { {k: (v, found.get(k)) for k, v in EXPECTED_QUARANTINE.items() if found.get(k) != v} }; "
        f"unexpected: { {k: v for k, v in found.items() if k not in EXPECTED_QUARANTINE} }"
    )


def test_accepted_spellings_parse_to_exactly_what_they_say_whatever_the_time_zone(hostile_build: Build) -> None:
    members = {row[0]: row[1:] for row in hostile_build.query(
        "select member_id, strftime(signup_at, '%Y-%m-%d %H:%M:%S'), is_signup_inferred, signup_channel, "
        "birth_year, birth_date_status, referrer_member_id, has_self_referral from staging.stg_shop__members"
    )}
    # Offsets, compact ISO 8601 and bare dates, read while the machine's zone is New York.
    assert members["M1"][0] == "2024-01-01 10:00:00"
    assert members["M3"][0] == "2024-03-01 00:00:00"
    assert members["M4"][0] == "2024-03-01 06:30:00"
    assert members["M5"][0] == "2024-03-01 12:00:00"
    assert members["M15"][0] == "2024-01-01 00:00:00"
    # No signup time: the first clean order, flagged.
    assert members["M2"][:2] == ("2024-02-05 09:00:00", True) and members["M1"][1] is False
    # One cleaning rule: tab- and line-break-padded categories are read.
    assert members["M15"][2] == "web"
    # Birth dates: kept as a year only when plausible; the member stays either way.
    assert members["M1"][3:5] == (1990, "valid")
    assert members["M3"][3:5] == (None, "implausible")
    assert members["M4"][3:5] == (None, "implausible")
    assert members["M5"][3:5] == (1992, "valid")
    # A member named as their own referrer keeps no referrer.
    assert members["M3"][5:] == (None, True) and members["M2"][5:] == ("M1", False)

    orders = {row[0]: row[1:] for row in hostile_build.query(
        "select order_id, order_status, order_total_local from staging.stg_shop__orders"
    )}
    assert orders["O1"][0] == orders["O2"][0] == orders["O13"][0] == "delivered"
    assert orders["O3"][0] == "returned"
    assert float(orders["O10"][1]) == 12.34
    # Keys padded with a tab or a no-break space are one key: one clean row, one duplicate.
    assert "O4" in orders
    items = {row[0]: row[1:] for row in hostile_build.query(
        "select order_item_id, quantity, unit_price_local from staging.stg_shop__order_items"
    )}
    assert items["I6"][0] == 3 and float(items["I7"][1]) == 12.30
    points = dict(hostile_build.query("select entry_id, points from staging.stg_shop__points_ledger"))
    assert points == {"L3": 500, "L4": -200}


def test_malformed_csv_lines_are_quarantined_with_their_line_and_masked_text(hostile_build: Build) -> None:
    rows = hostile_build.query(
        "select row_key, raw_record from staging.stg_shop__quarantine "
        "where source_table = 'members' and reason_code = 'malformed_line' order by row_key"
    )
    data_lines = len(MEMBERS) + 1  # the header is line 1
    assert [key for key, _ in rows] == [f"line {data_lines + 1}", f"line {data_lines + 2}"]
    for _, record in rows:
        parsed = json.loads(record)
        assert parsed["line_text"] and "<masked>" in parsed["line_text"]
        assert "@example.com" not in record and "5550115" not in record
    # Reconciliation counts them: raw rows + malformed records = clean + quarantined.
    assert hostile_build.run.returncode == 0


def personal_values() -> list[str]:
    values = []
    for row in MEMBERS:
        values += [row[1], row[2], row[6]]
    values += ["pat@example.com", "5550115", "1970-01-01", "1971-02-02", "5550116"]
    return [value for value in values if value]


def test_no_personal_value_of_the_input_is_stored_or_logged(hostile_build: Build) -> None:
    needles = personal_values()
    hits = []
    with duckdb.connect(str(hostile_build.database), read_only=True) as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where (table_schema <> 'raw' or table_name = 'malformed_lines') and data_type = 'VARCHAR'"
        ).fetchall()
        assert len(columns) > 50
        for schema, table, column in columns:
            for needle in needles:
                found = connection.execute(
                    f'select count(*) from "{schema}"."{table}" where contains("{column}", ?)', [needle]
                ).fetchone()[0]
                if found:
                    hits.append((schema, table, column, needle))
        assert any(table == "malformed_lines" for _, table, _ in columns), "raw.malformed_lines is not scanned"
        # The Parquet files themselves (compressed, so read through DuckDB, not byte-searched).
        stored = sorted(hostile_build.database.parent.glob("*.parquet"))
        assert stored
        for path in stored:
            values = " ".join(str(value) for row in connection.execute(
                "select * from read_parquet(?)", [str(path)]
            ).fetchall() for value in row)
            if leaked := [needle for needle in needles if needle in values]:
                hits.append((path.name, leaked))
    assert not hits, hits
    log = (hostile_build.target_dir.parent / "logs" / "dbt.log").read_text(errors="replace")
    assert not [needle for needle in needles if needle in log]


def test_file_choices_are_logged(hostile_build: Build) -> None:
    output = " ".join(hostile_build.run.output.split())
    assert "products.csv exist; reading" in output and "products.parquet (Parquet is read when both are there)" in output
    assert "service_tickets.csv is empty (0 bytes); it is not read." in output
    assert "member_value quarantine: orders:" in output


def minimal_raw(raw_dir: Path) -> Path:
    raw_dir.mkdir(parents=True)
    write_csv(raw_dir / "members.csv", MEMBER_COLUMNS, MEMBERS[:2])
    write_csv(raw_dir / "orders.csv", ORDER_COLUMNS, ORDERS[:3])
    return raw_dir


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("duplicate_column", "has two columns named 'member_id' (as 'member_id' and 'Member_ID')"),
        ("empty_required_file", "orders.csv has a header but no readable rows; table 'orders' is required"),
        ("quoted_schema_var", "var('raw_schema') is 'raw'x'; it must be a plain schema name"),
        ("mostly_quarantined", "more than 50.0% of a raw table is quarantined"),
    ],
)
def test_bad_input_and_configuration_fail_with_a_clear_message(tmp_path: Path, case: str, message: str) -> None:
    raw_dir = minimal_raw(tmp_path / "raw")
    args = ["--vars", json.dumps({"future_timestamp_cutoff": "2026-01-01 00:00:00"})]
    if case == "duplicate_column":
        write_csv(raw_dir / "members.csv", MEMBER_COLUMNS + ["Member_ID "], [row + ["X"] for row in MEMBERS[:2]])
    elif case == "empty_required_file":
        write_csv(raw_dir / "orders.csv", ORDER_COLUMNS, [])
    elif case == "quoted_schema_var":
        args = ["--vars", json.dumps({"raw_schema": "raw'x"})]
    elif case == "mostly_quarantined":
        write_csv(raw_dir / "orders.csv", ORDER_COLUMNS, [ORDERS[0]] + [
            [f"Q{n}", "M1", "yesterday", "paid", "USD", "1.00", "", "", "web"] for n in range(5)
        ])
    run = run_dbt(["build", *args], raw_dir, tmp_path / "warehouse.duckdb", tmp_path)
    assert run.returncode != 0
    output = " ".join(run.output.split())
    assert message in output, output[-3000:]
    if case == "mostly_quarantined":
        assert "orders: 6 raw rows, 1 clean, 5 quarantined (83.3%): invalid_timestamp on ordered_at 5" in output
        # The build stops at the quarantine: no staging model, and nothing built on one, is built.
        results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
        statuses = {result["unique_id"].split(".")[-1]: result["status"] for result in results
                    if result["unique_id"].startswith("model.")}
        assert statuses["stg_shop__quarantine"] == "error"
        built = sorted(name for name, status in statuses.items()
                       if status == "success" and name.startswith(("stg_", "fct_", "dim_", "rpt_")))
        assert not built, built
        assert statuses["stg_shop__orders"] == "skipped" and statuses["dim_members"] == "skipped"


@pytest.fixture(scope="module")
def small_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("time_zones")
    generate(root / "raw", root / "truth", members=1500, seed=5)
    return root / "raw"


def relation_checksums(database: Path) -> dict[str, tuple]:
    sums = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        relations = connection.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('staging', 'intermediate', 'marts')"
        ).fetchall()
        for schema, table in relations:
            # Sums of floating-point numbers may differ in their last bits
            # from one run to the next (the order of parallel aggregation),
            # so those are compared to 9 significant digits.
            columns = connection.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            values = ", ".join(
                f"printf('%.9g', \"{name}\")" if kind in ("DOUBLE", "FLOAT") else f'"{name}"'
                for name, kind in columns
            )
            sums[f"{schema}.{table}"] = connection.execute(
                f'select count(*), sum(hash({values})) from "{schema}"."{table}"'
            ).fetchone()
    return sums


def test_results_do_not_depend_on_the_machine_time_zone(small_raw: Path, tmp_path: Path) -> None:
    builds = {}
    for zone in ("UTC", "Asia/Kathmandu"):
        build = build_project(small_raw, small_raw.parent / "truth", tmp_path / zone.replace("/", "_"),
                              args=["--vars", json.dumps({"future_timestamp_cutoff": "2026-01-01 00:00:00"})],
                              extra_env={"TZ": zone})
        assert build.run.returncode == 0, build.run.output[-4000:]
        builds[zone] = relation_checksums(build.database)
    assert builds["UTC"] and builds["UTC"].keys() == builds["Asia/Kathmandu"].keys()
    differing = sorted(name for name, sums in builds["UTC"].items() if builds["Asia/Kathmandu"][name] != sums)
    assert not differing, differing
