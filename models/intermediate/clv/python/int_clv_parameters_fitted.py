"""Maximum-likelihood fit of the BG/NBD and Gamma-Gamma models.

One file, three uses:

- dbt Python model on DuckDB: `model(dbt, session)` reads
  int_clv_fit_inputs_grouped and returns the fitted parameters.
- Script on Apache Spark: `int_clv_parameters_fitted.sql` (models/intermediate/clv/spark/)
  streams the same rows to `python int_clv_parameters_fitted.py` through a
  Spark script transform, as tab-separated text; the script prints the
  same result rows.
- Library for the tests: tests/test_clv.py imports the functions by path.

BG/NBD (Fader, Hardie and Lee 2005) and Gamma-Gamma (Fader and Hardie) are
fitted on log-parameters with L-BFGS-B, in log space throughout (gammaln,
betaln, logaddexp). The BG/NBD likelihood depends on a member only through
(x, t_x, T), so it is evaluated once per distinct triple and weighted by the
number of members that share it; the terms that depend on x alone are
computed once per distinct x.
"""

from __future__ import annotations

import math
import os
import sys

# The optimizer works on 3 or 4 parameters: parallel BLAS gains nothing there,
# and its threads spin-wait for cores a busy machine does not give them (20
# times slower on 2 shared cores). Takes effect if scipy was not loaded yet.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy import optimize, special  # noqa: E402

BG_NBD_PARAMETERS = ("r", "alpha", "a", "b")
GAMMA_GAMMA_PARAMETERS = ("p", "q", "v")
# Log-parameters are kept within +-LOG_BOUND; an optimum on that edge is a
# parameter running off to 0 or infinity: the input does not identify the model.
LOG_BOUND = 18.0
EDGE_TOLERANCE = 1e-3
# Largest derivative of the mean log-likelihood by a log-parameter at an accepted optimum.
GRADIENT_TOLERANCE = 1e-6
INPUT_COLUMNS = (
    "calibration", "likelihood", "repeat_purchase_count", "first_to_last_purchase_days",
    "first_purchase_to_calibration_days", "repeat_purchase_amount", "member_count", "time_unit_days",
)
OUTPUT_COLUMNS = (
    "calibration", "model_name", "parameter_name", "parameter_value", "log_likelihood",
    "fitted_member_count", "is_converged", "fit_status", "time_unit_days",
)


# --------------------------------------------------------------------------- likelihoods


def _terms_by_value(values: np.ndarray, function) -> np.ndarray:
    """function(values), evaluated once per distinct value."""
    distinct, inverse = np.unique(values, return_inverse=True)
    return function(distinct)[inverse]


def bg_nbd_log_likelihood(
    params: np.ndarray, x: np.ndarray, t_x: np.ndarray, t_cal: np.ndarray, gradient: bool = False
):
    """Log-likelihood of each (x, t_x, T) under BG/NBD (Fader, Hardie and Lee 2005, eq. 6).

    With gradient=True, also its derivatives by (r, alpha, a, b), one column each.
    """
    r, alpha, a, b = params
    distinct_x, inverse = np.unique(x, return_inverse=True)
    repeat_x = np.maximum(distinct_x, 1)
    log_beta_ab = special.betaln(a, b)
    common = (special.gammaln(r + distinct_x) - special.gammaln(r) + r * math.log(alpha))[inverse]
    log_alive_t = np.log(alpha + t_cal)
    alive_term = (special.betaln(a, b + distinct_x) - log_beta_ab)[inverse] - (r + x) * log_alive_t
    # Dropped out right after the last purchase: only possible after a repeat purchase.
    dropout_beta = np.where(distinct_x > 0, special.betaln(a + 1, b + repeat_x - 1) - log_beta_ab, -np.inf)[inverse]
    log_dropout_t = np.log(alpha + t_x)
    dropout_term = np.where(x > 0, dropout_beta - (r + x) * log_dropout_t, -np.inf)
    total = np.logaddexp(alive_term, dropout_term)
    if not gradient:
        return common + total
    alive_weight, dropout_weight = np.exp(alive_term - total), np.exp(dropout_term - total)
    digamma = special.digamma
    psi_abx = digamma(a + b + distinct_x)
    d_alive_a = (digamma(a + b) - psi_abx)[inverse]
    d_alive_b = (digamma(b + distinct_x) - psi_abx - digamma(b) + digamma(a + b))[inverse]
    d_dropout_a = (digamma(a + 1) - psi_abx - digamma(a) + digamma(a + b))[inverse]
    d_dropout_b = (digamma(b + repeat_x - 1) - psi_abx - digamma(b) + digamma(a + b))[inverse]
    derivatives = np.column_stack([
        (digamma(r + distinct_x) - digamma(r))[inverse] + math.log(alpha)
        - alive_weight * log_alive_t - dropout_weight * log_dropout_t,
        r / alpha - alive_weight * (r + x) / (alpha + t_cal) - dropout_weight * (r + x) / (alpha + t_x),
        alive_weight * d_alive_a + dropout_weight * d_dropout_a,
        alive_weight * d_alive_b + dropout_weight * d_dropout_b,
    ])
    return common + total, derivatives


def gamma_gamma_log_likelihood(params: np.ndarray, x: np.ndarray, mean_spend: np.ndarray, gradient: bool = False):
    """Log-likelihood of each member's mean spend over x repeat purchases (Fader and Hardie, Gamma-Gamma).

    With gradient=True, also its derivatives by (p, q, v), one column each.
    """
    p, q, v = params
    px = p * x
    shape_terms = _terms_by_value(
        x, lambda distinct: special.gammaln(p * distinct + q) - special.gammaln(p * distinct)
        + p * distinct * np.log(distinct)
    )
    log_spend, log_total = np.log(mean_spend), np.log(v + x * mean_spend)
    values = shape_terms - special.gammaln(q) + q * math.log(v) + (px - 1) * log_spend - (px + q) * log_total
    if not gradient:
        return values
    psi_pxq = _terms_by_value(x, lambda distinct: special.digamma(p * distinct + q))
    psi_px = _terms_by_value(x, lambda distinct: special.digamma(p * distinct))
    derivatives = np.column_stack([
        x * (psi_pxq - psi_px + np.log(x) + log_spend - log_total),
        psi_pxq - special.digamma(q) + math.log(v) - log_total,
        q / v - (px + q) / (v + x * mean_spend),
    ])
    return values, derivatives


# --------------------------------------------------------------------------- fitting


def _maximise(log_likelihood, start: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float, bool, str]:
    """Maximise the weighted log-likelihood over log-parameters; (params, total, converged, status).

    `log_likelihood(params, gradient=True)` returns the per-row values and
    their derivatives by the parameters. The objective is the mean
    log-likelihood per member, so tolerances do not depend on the data size.
    """
    total_weight = float(weights.sum())

    def objective(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        params = np.exp(log_params)
        with np.errstate(all="ignore"):
            values, derivatives = log_likelihood(params, gradient=True)
            # Element-wise sums, not BLAS: see the note on OPENBLAS_NUM_THREADS above.
            mean = float((weights * values).sum()) / total_weight
            slope = (derivatives * weights[:, None]).sum(axis=0) / total_weight * params
        if not (math.isfinite(mean) and np.all(np.isfinite(slope))):
            return 1e300, np.zeros_like(log_params)
        return -mean, -slope

    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(start)
    best = None
    # The start given, and all parameters 1 if that does not reach an inner maximum.
    for initial in (np.log(start), np.zeros(len(start))):
        result = optimize.minimize(
            objective, initial, jac=True, method="L-BFGS-B", bounds=bounds,
            options={"maxiter": 5000, "maxfun": 20000, "ftol": 1e-14, "gtol": 1e-10},
        )
        if best is None or result.fun < best.fun:
            best = result
        if _is_inner_maximum(best, objective):
            break
    params = np.exp(best.x)
    if best.fun >= 1e300:
        return params, float("nan"), False, "no finite likelihood"
    log_likelihood_total = -best.fun * total_weight
    if np.any(np.abs(best.x) > LOG_BOUND - EDGE_TOLERANCE):
        names = ", ".join(f"{value:.3g}" for value in params)
        return params, log_likelihood_total, False, f"a parameter ran to 0 or infinity ({names})"
    # L-BFGS-B may stop on a line search at the optimum; a vanishing gradient is what counts.
    gradient_norm = float(np.max(np.abs(objective(best.x)[1])))
    if gradient_norm > GRADIENT_TOLERANCE:
        return params, log_likelihood_total, False, (
            f"optimizer stopped ({best.message}) with a gradient of {gradient_norm:.2g}"
        )
    return params, log_likelihood_total, True, "converged"


def _is_inner_maximum(result, objective) -> bool:
    """Finite, away from the bounds, with a vanishing gradient."""
    return bool(
        result.fun < 1e300
        and np.all(np.abs(result.x) <= LOG_BOUND - EDGE_TOLERANCE)
        and np.max(np.abs(objective(result.x)[1])) <= GRADIENT_TOLERANCE
    )


def fit_bg_nbd(
    x: np.ndarray, t_x: np.ndarray, t_cal: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray | None, float, int, bool, str]:
    """BG/NBD by maximum likelihood: (r, alpha, a, b), log-likelihood, members, converged, status."""
    members = int(counts.sum())
    if members == 0:
        return None, float("nan"), 0, False, "no member has bought: nothing to fit"
    if members < 2:
        return None, float("nan"), members, False, "a single member cannot identify the model"
    if not np.any(x > 0):
        return None, float("nan"), members, False, "no repeat buyers: purchase rate and dropout are not identified"
    mean_t_cal = float((counts * t_cal).sum()) / members
    start = np.array([1.0, max(mean_t_cal, 1e-3), 1.0, 1.0])
    params, total, converged, status = _maximise(
        lambda values, gradient: bg_nbd_log_likelihood(values, x, t_x, t_cal, gradient), start, counts
    )
    return params, total, members, converged, status


def fit_gamma_gamma(
    x: np.ndarray, spend: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray | None, float, int, bool, str]:
    """Gamma-Gamma by maximum likelihood on repeat buyers with a positive mean spend."""
    usable = (x > 0) & (spend > 0)
    x, counts = x[usable], counts[usable]
    mean_spend = spend[usable] / x
    members = int(counts.sum())
    if members < 2:
        return None, float("nan"), members, False, "fewer than two repeat buyers with a positive spend"
    if np.unique(mean_spend).size < 2:
        return None, float("nan"), members, False, "every repeat buyer spends the same: no spread to fit"
    start = np.array([1.0, 2.0, float((counts * mean_spend).sum()) / members])
    params, total, converged, status = _maximise(
        lambda values, gradient: gamma_gamma_log_likelihood(values, x, mean_spend, gradient), start, counts
    )
    if converged and params[1] <= 1:
        return params, total, members, False, "q <= 1: the mean spend of the population is infinite"
    return params, total, members, converged, status


def fit_parameters(inputs: dict[str, np.ndarray]) -> dict[str, list]:
    """The fitted parameters of every calibration in the inputs, as output columns."""
    rows: list[tuple] = []
    calibration = np.asarray(inputs["calibration"], dtype=object)
    likelihood = np.asarray(inputs["likelihood"], dtype=object)
    for name in sorted(set(calibration.tolist())):
        in_calibration = calibration == name
        unit = float(np.asarray(inputs["time_unit_days"], dtype=np.float64)[in_calibration][0])
        selected = {}
        for kind in ("bg_nbd", "gamma_gamma"):
            mask = in_calibration & (likelihood == kind)
            # Sorting makes the sums, hence the result, independent of the row order.
            columns = {
                key: np.asarray(inputs[key], dtype=np.float64)[mask]
                for key in ("repeat_purchase_count", "first_to_last_purchase_days",
                            "first_purchase_to_calibration_days", "repeat_purchase_amount", "member_count")
            }
            order = np.lexsort(tuple(np.nan_to_num(columns[key], nan=-1.0) for key in reversed(list(columns))))
            selected[kind] = {key: values[order] for key, values in columns.items()}
        bg = selected["bg_nbd"]
        fits = {
            "bg_nbd": fit_bg_nbd(
                bg["repeat_purchase_count"], bg["first_to_last_purchase_days"] / unit,
                bg["first_purchase_to_calibration_days"] / unit, bg["member_count"],
            ),
            "gamma_gamma": fit_gamma_gamma(
                selected["gamma_gamma"]["repeat_purchase_count"], selected["gamma_gamma"]["repeat_purchase_amount"],
                selected["gamma_gamma"]["member_count"],
            ),
        }
        for model_name, names in (("bg_nbd", BG_NBD_PARAMETERS), ("gamma_gamma", GAMMA_GAMMA_PARAMETERS)):
            params, total, members, converged, status = fits[model_name]
            for position, parameter in enumerate(names):
                value = None if params is None or not converged else float(params[position])
                rows.append((
                    name, model_name, parameter, value,
                    float(total) if converged else None, members, converged, status, int(unit),
                ))
    return {column: [row[position] for row in rows] for position, column in enumerate(OUTPUT_COLUMNS)}


# --------------------------------------------------------------------------- dbt and script entry points


def model(dbt, session):
    dbt.config(materialized="table")
    import pyarrow as pa

    table = dbt.ref("int_clv_fit_inputs_grouped").to_arrow_table()
    inputs = {column: table.column(column).to_numpy(zero_copy_only=False) for column in INPUT_COLUMNS}
    result = fit_parameters(inputs)
    schema = pa.schema([
        ("calibration", pa.string()), ("model_name", pa.string()), ("parameter_name", pa.string()),
        ("parameter_value", pa.float64()), ("log_likelihood", pa.float64()), ("fitted_member_count", pa.int64()),
        ("is_converged", pa.bool_()), ("fit_status", pa.string()), ("time_unit_days", pa.int64()),
    ])
    return pa.table(result, schema=schema)


def _read_tab_separated(lines) -> dict[str, np.ndarray]:
    """Rows of a Spark script transform (tab-separated, NULL as \\N) as input columns."""
    rows = [line.rstrip("\n").split("\t") for line in lines if line.strip()]
    columns: dict[str, np.ndarray] = {}
    for position, column in enumerate(INPUT_COLUMNS):
        values = [row[position] for row in rows]
        if column in ("calibration", "likelihood"):
            columns[column] = np.array(values, dtype=object)
        else:
            columns[column] = np.array([np.nan if value == "\\N" else float(value) for value in values])
    return columns


def _write_tab_separated(result: dict[str, list], stream) -> None:
    for values in zip(*(result[column] for column in OUTPUT_COLUMNS)):
        stream.write("\t".join(
            "\\N" if value is None else ("true" if value is True else "false" if value is False else
                                         repr(value) if isinstance(value, float) else str(value))
            for value in values
        ) + "\n")


if __name__ == "__main__":
    _write_tab_separated(fit_parameters(_read_tab_separated(sys.stdin)), sys.stdout)
