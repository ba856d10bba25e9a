"""The Gaussian hypergeometric function the BG/NBD expected purchases need.

For a member with x repeat purchases, T time units after their first
purchase, the BG/NBD expected number of purchases in the next t time units
(Fader, Hardie and Lee 2005, eq. 10) contains

    ((alpha + T) / (alpha + T + t))^(r + x) * 2F1(r + x, b + x; a + b + x - 1; z),   z = t / (alpha + T + t).

Euler's transformation 2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z)
turns it into

    ((alpha + T) / (alpha + T + t))^(a - 1) * 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z),

whose series converges for every z in [0, 1] (C - A - B = x + r + 1 - a > 0
once x + r + 1 > a) and never overflows, however large x is. This model
evaluates that transformed 2F1 with scipy.special.hyp2f1, once per distinct
(calibration, x, T, t) of int_clv_hypergeometric_inputs_listed; the rest of
the formula is SQL (macro bg_nbd_expected_purchases_if_alive).

Like int_clv_parameters_fitted.py, the file is a dbt Python model on DuckDB
and, on Apache Spark, a script fed through a Spark script transform.
"""

from __future__ import annotations

import sys

import numpy as np
from scipy import special

INPUT_COLUMNS = (
    "calibration", "repeat_purchase_count", "first_purchase_to_calibration_days", "horizon_days",
    "time_unit_days", "r", "alpha", "a", "b",
)
OUTPUT_COLUMNS = (
    "calibration", "repeat_purchase_count", "first_purchase_to_calibration_days", "horizon_days",
    "hypergeometric_value",
)


def transformed_hyp2f1(
    x: np.ndarray, t_cal: np.ndarray, horizon: np.ndarray,
    r: np.ndarray, alpha: np.ndarray, a: np.ndarray, b: np.ndarray,
) -> np.ndarray:
    """2F1(a + b - 1 - r, a - 1; a + b + x - 1; t / (alpha + T + t)), vectorised."""
    z = horizon / (alpha + t_cal + horizon)
    return special.hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)


def evaluate(inputs: dict[str, np.ndarray]) -> dict[str, list]:
    unit = np.asarray(inputs["time_unit_days"], dtype=np.float64)
    number = {key: np.asarray(inputs[key], dtype=np.float64) for key in INPUT_COLUMNS if key != "calibration"}
    values = transformed_hyp2f1(
        number["repeat_purchase_count"], number["first_purchase_to_calibration_days"] / unit,
        number["horizon_days"] / unit, number["r"], number["alpha"], number["a"], number["b"],
    )
    return {
        "calibration": list(np.asarray(inputs["calibration"], dtype=object)),
        "repeat_purchase_count": [int(value) for value in number["repeat_purchase_count"]],
        "first_purchase_to_calibration_days": [int(value) for value in number["first_purchase_to_calibration_days"]],
        "horizon_days": [int(value) for value in number["horizon_days"]],
        "hypergeometric_value": [float(value) if np.isfinite(value) else None for value in values],
    }


def model(dbt, session):
    dbt.config(materialized="table")
    import pyarrow as pa

    table = dbt.ref("int_clv_hypergeometric_inputs_listed").to_arrow_table()
    inputs = {column: table.column(column).to_numpy(zero_copy_only=False) for column in INPUT_COLUMNS}
    schema = pa.schema([
        ("calibration", pa.string()), ("repeat_purchase_count", pa.int64()),
        ("first_purchase_to_calibration_days", pa.int64()), ("horizon_days", pa.int64()),
        ("hypergeometric_value", pa.float64()),
    ])
    return pa.table(evaluate(inputs), schema=schema)


if __name__ == "__main__":
    rows = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    columns = {
        column: np.array([row[position] for row in rows], dtype=object if column == "calibration" else np.float64)
        for position, column in enumerate(INPUT_COLUMNS)
    }
    result = evaluate(columns)
    for values in zip(*(result[column] for column in OUTPUT_COLUMNS)):
        sys.stdout.write("\t".join("\\N" if value is None else repr(value) if isinstance(value, float)
                                   else str(value) for value in values) + "\n")
