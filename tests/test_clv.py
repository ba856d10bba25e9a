"""Predictive CLV: the fit, the scoring formulas and the holdout, checked independently.

- The fit (models/intermediate/clv/python/int_clv_parameters_fitted.py,
  imported by path) recovers known parameters from purchase histories
  simulated from BG/NBD and Gamma-Gamma, and its log-likelihood equals the
  papers' formulas computed member by member with math.lgamma.
- On the demo build, the SQL predictions equal an independent numerical
  integration of the BG/NBD expectation, P(alive) ranks the generator's true
  dropouts low, and the holdout report's figures equal a pandas/scipy
  recomputation and show predictive CLV beating the formula CLV and
  historical revenue.

Run with `-s` to see the figures the docs quote.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from conftest import PROJECT_ROOT, Build, run_dbt

PYTHON_MODELS = PROJECT_ROOT / "models" / "intermediate" / "clv" / "python"


def load_python_model(name: str):
    spec = importlib.util.spec_from_file_location(name, PYTHON_MODELS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fit = load_python_model("int_clv_parameters_fitted")
hypergeometric = load_python_model("int_clv_hypergeometric_evaluated")

# --------------------------------------------------------------------------- simulation

TRUE_BG_NBD = {"r": 0.6, "alpha": 3.0, "a": 0.7, "b": 3.0}
TRUE_GAMMA_GAMMA = {"p": 6.0, "q": 4.0, "v": 15.0}
SIMULATED_MEMBERS = 5_000
# Largest relative error accepted for a recovered parameter. With 5,000
# members the estimates' standard errors are 3-12% of the values; 25% is
# more than two of them for every parameter, and a wrong likelihood misses
# by far more (see test_a_wrong_likelihood_misses_the_tolerance).
RECOVERY_TOLERANCE = 0.25


@dataclasses.dataclass
class Simulated:
    x: np.ndarray
    t_x: np.ndarray
    t_cal: np.ndarray
    spend_total: np.ndarray


def simulate(seed: int = 2024, members: int = SIMULATED_MEMBERS) -> Simulated:
    """Purchase histories drawn from BG/NBD (repeat purchases) and Gamma-Gamma (their values)."""
    rng = np.random.default_rng(seed)
    t_cal = rng.uniform(26.0, 104.0, members)  # weeks since each member's first purchase
    rate = rng.gamma(TRUE_BG_NBD["r"], 1.0 / TRUE_BG_NBD["alpha"], members)
    dropout = rng.beta(TRUE_BG_NBD["a"], TRUE_BG_NBD["b"], members)
    x = np.zeros(members, dtype=np.int64)
    t_x = np.zeros(members)
    now = np.zeros(members)
    active = np.ones(members, dtype=bool)
    while active.any():
        now[active] += rng.exponential(1.0 / rate[active])
        bought = active & (now <= t_cal)
        x[bought] += 1
        t_x[bought] = now[bought]
        # After every repeat purchase the member drops out with probability p.
        active = bought & (rng.random(members) >= dropout)
    scale = rng.gamma(TRUE_GAMMA_GAMMA["q"], 1.0 / TRUE_GAMMA_GAMMA["v"], members)
    spend_total = np.where(x > 0, rng.gamma(TRUE_GAMMA_GAMMA["p"] * np.maximum(x, 1), 1.0 / scale), 0.0)
    return Simulated(x.astype(float), t_x, t_cal, spend_total)


def fit_inputs(data: Simulated, unit_days: int = 7) -> dict[str, np.ndarray]:
    """The simulated members as rows of int_clv_fit_inputs_grouped (times in days, one row per member)."""
    members = data.x.size
    return {
        "calibration": np.array(["scoring"] * (2 * members), dtype=object),
        "likelihood": np.array(["bg_nbd"] * members + ["gamma_gamma"] * members, dtype=object),
        "repeat_purchase_count": np.concatenate([data.x, data.x]),
        "first_to_last_purchase_days": np.concatenate([data.t_x * unit_days, np.full(members, np.nan)]),
        "first_purchase_to_calibration_days": np.concatenate([data.t_cal * unit_days, np.full(members, np.nan)]),
        "repeat_purchase_amount": np.concatenate([np.full(members, np.nan), data.spend_total]),
        "member_count": np.ones(2 * members),
        "time_unit_days": np.full(2 * members, float(unit_days)),
    }


def fitted(result: dict[str, list]) -> dict[str, dict]:
    rows = [dict(zip(result, values)) for values in zip(*result.values())]
    return {row["parameter_name"]: row for row in rows}


@pytest.fixture(scope="module")
def simulated() -> Simulated:
    return simulate()


@pytest.fixture(scope="module")
def simulated_fit(simulated: Simulated) -> dict[str, dict]:
    return fitted(fit.fit_parameters(fit_inputs(simulated)))


# --------------------------------------------------------------------------- independent likelihoods


def paper_bg_nbd_log_likelihood(params: dict, x: float, t_x: float, t_cal: float) -> float:
    """Fader, Hardie and Lee (2005), eq. 6, member by member, with the Beta and Gamma functions as written."""
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]

    def log_beta(first: float, second: float) -> float:
        return math.lgamma(first) + math.lgamma(second) - math.lgamma(first + second)

    gamma_part = math.lgamma(r + x) + r * math.log(alpha) - math.lgamma(r)
    alive = math.exp(log_beta(a, b + x) - log_beta(a, b) + gamma_part - (r + x) * math.log(alpha + t_cal))
    dropped = 0.0
    if x > 0:
        dropped = math.exp(log_beta(a + 1, b + x - 1) - log_beta(a, b) + gamma_part - (r + x) * math.log(alpha + t_x))
    return math.log(alive + dropped)


def paper_gamma_gamma_log_likelihood(params: dict, x: float, mean_spend: float) -> float:
    """Fader and Hardie's Gamma-Gamma density of a mean spend m over x purchases, as written."""
    p, q, v = params["p"], params["q"], params["v"]
    return (
        math.lgamma(p * x + q) - math.lgamma(p * x) - math.lgamma(q)
        + q * math.log(v) + (p * x - 1) * math.log(mean_spend) + p * x * math.log(x)
        - (p * x + q) * math.log(v + mean_spend * x)
    )


# --------------------------------------------------------------------------- the fit


def test_fit_recovers_simulated_parameters(simulated: Simulated, simulated_fit: dict[str, dict]) -> None:
    truth = {**TRUE_BG_NBD, **TRUE_GAMMA_GAMMA}
    print(f"\nparameter recovery, {SIMULATED_MEMBERS} simulated members "
          f"({int((simulated.x > 0).sum())} repeat buyers), tolerance {RECOVERY_TOLERANCE:.0%}:")
    for name, true_value in truth.items():
        row = simulated_fit[name]
        error = row["parameter_value"] / true_value - 1
        print(f"  {name:>5}: true {true_value:7.3f}  fitted {row['parameter_value']:7.3f}  ({error:+.1%})")
        assert row["is_converged"], row["fit_status"]
        assert abs(error) <= RECOVERY_TOLERANCE, f"{name}: fitted {row['parameter_value']}, true {true_value}"
    assert simulated_fit["r"]["fitted_member_count"] == SIMULATED_MEMBERS


def test_log_likelihood_equals_the_papers_formulas(simulated: Simulated, simulated_fit: dict[str, dict]) -> None:
    params = {name: row["parameter_value"] for name, row in simulated_fit.items()}
    bg_nbd = sum(
        paper_bg_nbd_log_likelihood(params, x, t_x, t_cal)
        for x, t_x, t_cal in zip(simulated.x, simulated.t_x, simulated.t_cal)
    )
    repeat = simulated.x > 0
    gamma_gamma = sum(
        paper_gamma_gamma_log_likelihood(params, x, total / x)
        for x, total in zip(simulated.x[repeat], simulated.spend_total[repeat])
    )
    assert simulated_fit["r"]["log_likelihood"] == pytest.approx(bg_nbd, rel=1e-9)
    assert simulated_fit["p"]["log_likelihood"] == pytest.approx(gamma_gamma, rel=1e-9)
    # And the fitted values are a maximum of the paper's likelihood: 1% off in any direction is worse.
    for name in params:
        for factor in (0.99, 1.01):
            moved = {**params, name: params[name] * factor}
            if name in TRUE_BG_NBD:
                value = sum(paper_bg_nbd_log_likelihood(moved, *member)
                            for member in zip(simulated.x, simulated.t_x, simulated.t_cal))
                assert value < bg_nbd, f"moving {name} by {factor} improves the BG/NBD likelihood"
            else:
                value = sum(paper_gamma_gamma_log_likelihood(moved, x, total / x)
                            for x, total in zip(simulated.x[repeat], simulated.spend_total[repeat]))
                assert value < gamma_gamma, f"moving {name} by {factor} improves the Gamma-Gamma likelihood"


def test_a_wrong_likelihood_misses_the_tolerance(simulated: Simulated) -> None:
    """The recovery tolerance is tight enough to catch a plausible bug: ignoring dropout after the last purchase."""
    keep_alive_only = fit.bg_nbd_log_likelihood

    def without_dropout_term(params, x, t_x, t_cal, gradient=False):
        return keep_alive_only(params, np.zeros_like(x), t_x, t_cal, gradient)

    fit.bg_nbd_log_likelihood = without_dropout_term
    try:
        wrong = fitted(fit.fit_parameters(fit_inputs(simulated)))
    finally:
        fit.bg_nbd_log_likelihood = keep_alive_only
    errors = [abs((wrong[name]["parameter_value"] or 0) / value - 1) for name, value in TRUE_BG_NBD.items()]
    assert max(errors) > RECOVERY_TOLERANCE


def test_the_time_unit_rescales_alpha_only(simulated: Simulated, simulated_fit: dict[str, dict]) -> None:
    """In days instead of weeks, alpha is 7 times larger and nothing else moves."""
    days = fit_inputs(simulated)
    days["time_unit_days"] = np.ones_like(days["time_unit_days"])
    in_days = fitted(fit.fit_parameters(days))
    assert in_days["alpha"]["parameter_value"] == pytest.approx(7 * simulated_fit["alpha"]["parameter_value"], rel=1e-5)
    for name in ("r", "a", "b", "p", "q", "v"):
        assert in_days[name]["parameter_value"] == pytest.approx(simulated_fit[name]["parameter_value"], rel=1e-5)
    assert in_days["r"]["time_unit_days"] == 1


@pytest.mark.parametrize(
    ("x", "t_x", "t_cal", "spend", "bg_nbd_status", "gamma_gamma_status"),
    [
        ([], [], [], [], "no member has bought", "fewer than two repeat buyers"),
        ([3], [20], [50], [90], "a single member cannot identify the model", "fewer than two repeat buyers"),
        ([0, 0, 0], [0, 0, 0], [10, 20, 30], [0, 0, 0], "no repeat buyers", "fewer than two repeat buyers"),
        ([1, 2, 0], [5, 9, 0], [10, 20, 30], [0, 0, 0], None, "fewer than two repeat buyers with a positive"),
        ([1, 2, 0, 3], [5, 9, 0, 7], [10, 20, 30, 12], [40, 80, 0, 120], None, "every repeat buyer spends the same"),
    ],
    ids=["nobody", "single_member", "no_repeat_buyers", "zero_spend", "no_spread"],
)
def test_degenerate_inputs_fall_back_with_a_reason(
    x: list, t_x: list, t_cal: list, spend: list, bg_nbd_status: str | None, gamma_gamma_status: str
) -> None:
    """Each degenerate input gets its reason, no values and no log-likelihood (None: BG/NBD not in question)."""
    data = Simulated(np.array(x, float), np.array(t_x, float), np.array(t_cal, float), np.array(spend, float))
    rows = fitted(fit.fit_parameters(fit_inputs(data))) if x else {}
    if not x:
        assert fit.fit_parameters(fit_inputs(data))["parameter_name"] == []
        status = fit.fit_bg_nbd(*(np.array([]),) * 4)
        assert not status[3] and bg_nbd_status in status[4]
        return
    for name in ("r", "alpha", "a", "b") if bg_nbd_status else ():
        assert bg_nbd_status in rows[name]["fit_status"]
        assert rows[name]["is_converged"] == (bg_nbd_status == "converged")
        if not rows[name]["is_converged"]:
            assert rows[name]["parameter_value"] is None and rows[name]["log_likelihood"] is None
    for name in ("p", "q", "v"):
        assert gamma_gamma_status in rows[name]["fit_status"]
        assert not rows[name]["is_converged"] and rows[name]["parameter_value"] is None


def test_script_mode_reads_and_writes_what_spark_sends(simulated: Simulated) -> None:
    """The Spark script transform path: tab-separated rows in (NULL as \\N), the same rows out."""
    small = Simulated(simulated.x[:300], simulated.t_x[:300], simulated.t_cal[:300], simulated.spend_total[:300])
    inputs = fit_inputs(small)
    lines = [
        "\t".join("\\N" if isinstance(value, float) and math.isnan(value) else str(value)
                  for value in (inputs[column][row] for column in fit.INPUT_COLUMNS)) + "\n"
        for row in range(len(inputs["calibration"]))
    ]
    from io import StringIO

    output = StringIO()
    fit._write_tab_separated(fit.fit_parameters(fit._read_tab_separated(lines)), output)
    direct = fit.fit_parameters(inputs)
    parsed = [line.split("\t") for line in output.getvalue().splitlines()]
    assert [row[2] for row in parsed] == direct["parameter_name"]
    assert [float(row[3]) for row in parsed] == direct["parameter_value"]


# --------------------------------------------------------------------------- the demo build


@pytest.fixture(scope="module")
def scored(demo_build: Build) -> pd.DataFrame:
    return demo_build.frame(
        "select * from intermediate.int_members_clv_predicted where prediction_status = 'predicted'"
    )


@pytest.fixture(scope="module")
def parameters(demo_build: Build) -> dict[str, float]:
    frame = demo_build.frame("select parameter_name, parameter_value, is_converged from marts.rpt_clv_model_parameters")
    assert frame["is_converged"].all(), frame
    return dict(zip(frame["parameter_name"], frame["parameter_value"]))


def expected_purchases_by_integration(params: dict, x: float, t_cal: float, horizon: float) -> float:
    """E[purchases in t | alive] = integral over p of (1 - ((alpha+T)/(alpha+T+p t))^(r+x)) / p, p ~ Beta(a, b+x).

    While alive a member buys at rate lambda ~ Gamma(r + x, alpha + T) and drops
    out after each purchase with probability p, so they make (1 - exp(-lambda p t)) / p
    purchases in t on average; this averages that over the posterior without 2F1.
    """
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    density = stats.beta(a, b + x).pdf

    def integrand(p: float) -> float:
        return -math.expm1((r + x) * math.log1p(-p * horizon / (alpha + t_cal + p * horizon))) / p * density(p)

    value, _ = integrate.quad(integrand, 0.0, 1.0, limit=200, epsabs=1e-13, epsrel=1e-11)
    return value


def test_sql_predictions_equal_the_papers_formulas(scored: pd.DataFrame, parameters: dict[str, float]) -> None:
    """P(alive), expected purchases and spend of 300 members, recomputed without 2F1 and without the SQL."""
    sample = scored.sample(300, random_state=1)
    sample = pd.concat([sample, scored.nlargest(5, "repeat_purchase_count"), scored.nlargest(5, "t_cal")])
    r, alpha, a, b = (parameters[name] for name in ("r", "alpha", "a", "b"))
    p, q, v = (parameters[name] for name in ("p", "q", "v"))
    horizon = 52.0  # var('clv_purchase_horizon_periods') weeks
    for member in sample.itertuples():
        x, t_x, t_cal = member.repeat_purchase_count, member.t_x, member.t_cal
        p_alive = 1.0 if x == 0 else 1.0 / (1.0 + a / (b + x - 1) * ((alpha + t_cal) / (alpha + t_x)) ** (r + x))
        assert member.p_alive == pytest.approx(p_alive, abs=1e-9), member
        expected = p_alive * expected_purchases_by_integration(parameters, x, t_cal, horizon)
        assert member.expected_purchases == pytest.approx(expected, rel=1e-6, abs=1e-8), member
        mean = 0.0 if x == 0 else max(float(member.mean_repeat_purchase_amount), 0.0)
        spend = (q - 1) / (p * x + q - 1) * v * p / (q - 1) + p * x / (p * x + q - 1) * mean
        # m_x is shown rounded to cents: 0.005 off at most, plus the cent the result is rounded to.
        assert float(member.expected_spend) == pytest.approx(spend, abs=0.0101), member


def test_transformed_hypergeometric_equals_the_original_series() -> None:
    """Euler's transformation: (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)."""
    r, alpha, a, b = 0.6, 3.0, 0.7, 3.0
    for x, t_cal, horizon in [(0, 1.0, 52.0), (3, 20.0, 52.0), (40, 150.0, 52.0), (1, 0.0, 4.3)]:
        z = horizon / (alpha + t_cal + horizon)
        term, series = 1.0, 1.0
        for n in range(100_000):  # the original series, summed until its terms vanish
            term *= (r + x + n) * (b + x + n) / ((a + b + x - 1 + n) * (n + 1)) * z
            series += term
            if abs(term) < 1e-17 * series:
                break
        original = (1 - z) ** (r + x) * series
        value = hypergeometric.transformed_hyp2f1(
            np.array([x]), np.array([t_cal]), np.array([horizon]), r, alpha, a, b
        )[0]
        assert (1 - z) ** (a - 1) * value == pytest.approx(original, rel=1e-10)


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a positive member scores above a negative one (ties count half)."""
    ranks = stats.rankdata(scores)
    positives = positive.sum()
    negatives = positive.size - positives
    return (ranks[positive].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def test_p_alive_ranks_true_dropouts_below_the_others(demo_build: Build, scored: pd.DataFrame) -> None:
    """AUC of P(alive) against the generator's dropouts (member dropped out on or before the analysis date).

    BG/NBD lets members drop out only after a repeat purchase, so every
    one-time buyer has P(alive) = 1 and the overall AUC is held down by them;
    among repeat buyers P(alive) separates almost perfectly, and expected
    purchases, which also discount one-time buyers by their age, rank all.
    """
    truth = pd.read_parquet(demo_build.truth_dir / "dropouts.parquet")
    day_after = pd.Timestamp(scored["as_of_date"].iloc[0]) + pd.Timedelta(days=1)
    dropout_at = pd.to_datetime(truth["dropout_at"], utc=True).dt.tz_localize(None)
    dropped = set(truth.loc[dropout_at < day_after, "member_id"])
    frame = scored.assign(is_alive=~scored["member_id"].isin(dropped))
    repeat = frame[frame["repeat_purchase_count"] > 0]
    overall = auc(frame["p_alive"].to_numpy(), frame["is_alive"].to_numpy())
    repeat_buyers = auc(repeat["p_alive"].to_numpy(), repeat["is_alive"].to_numpy())
    by_purchases = auc(frame["expected_purchases"].to_numpy(), frame["is_alive"].to_numpy())
    print(f"\nAUC against the generator's dropouts ({(~frame['is_alive']).sum()} of {len(frame)} dropped out): "
          f"P(alive) {overall:.3f} overall, {repeat_buyers:.3f} among {len(repeat)} repeat buyers; "
          f"expected purchases {by_purchases:.3f}")
    assert overall > 0.65, "P(alive) should rank true dropouts clearly below the members still alive"
    assert repeat_buyers > 0.9
    assert by_purchases > 0.9


@pytest.fixture(scope="module")
def holdout(demo_build: Build) -> tuple[pd.DataFrame, pd.DataFrame]:
    members = demo_build.frame("select * from intermediate.int_members_clv_holdout_compared")
    report = demo_build.frame("select * from marts.rpt_clv_holdout_evaluation").set_index("predictor")
    return members, report


def test_holdout_report_equals_a_recomputation(holdout: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    members, report = holdout
    members = members[members["prediction_status"] == "predicted"]
    actual = members["actual_spend"].astype(float)
    assert set(report.index) == {"predicted_clv", "formula_clv", "historical_revenue"}
    for predictor, row in report.iterrows():
        predicted = members[predictor].astype(float)
        assert row["members_evaluated"] == len(members)
        assert row["rank_correlation"] == pytest.approx(stats.spearmanr(predicted, actual).statistic, abs=1e-9)
        assert float(row["mean_absolute_error"]) == pytest.approx((predicted - actual).abs().mean(), abs=0.006)
        assert float(row["total_predicted"]) == pytest.approx(predicted.sum(), abs=0.01)
        assert float(row["total_actual"]) == pytest.approx(actual.sum(), abs=0.01)


def test_predictive_clv_beats_formula_clv_and_historical_revenue(holdout: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    members, report = holdout
    row = report.iloc[0]
    print(f"\nholdout: calibrated {row['calibration_date']}, spend compared up to {row['horizon_end_date']}, "
          f"{row['members_evaluated']} members")
    print(f"  {'predictor':<20}{'rank corr':>10}{'MAE':>12}{'predicted':>14}{'actual':>14}{'ratio':>8}")
    for predictor, line in report.sort_values("predictor_position").iterrows():
        print(f"  {predictor:<20}{line['rank_correlation']:>10.3f}{float(line['mean_absolute_error']):>12,.2f}"
              f"{float(line['total_predicted']):>14,.2f}{float(line['total_actual']):>14,.2f}"
              f"{line['predicted_to_actual_ratio']:>8.2f}")
    predictive = report.loc["predicted_clv"]
    for baseline in ("formula_clv", "historical_revenue"):
        other = report.loc[baseline]
        assert predictive["rank_correlation"] > other["rank_correlation"], baseline
        assert predictive["mean_absolute_error"] < other["mean_absolute_error"], baseline
        assert abs(predictive["predicted_to_actual_ratio"] - 1) < abs(other["predicted_to_actual_ratio"] - 1), baseline

    predicted = members["expected_horizon_purchases"].astype(float)
    actual = members["actual_purchase_day_count"].astype(float)
    error = (predicted - actual).abs().mean()
    print(f"  purchase days in the horizon: predicted {predicted.sum():,.0f}, actual {actual.sum():,.0f} "
          f"(ratio {predicted.sum() / actual.sum():.2f}), mean absolute error {error:.2f} per member, "
          f"rank correlation {stats.spearmanr(predicted, actual).statistic:.3f}")
    assert 0.7 < predicted.sum() / actual.sum() < 1.4
    assert error < actual.mean()


def test_holdout_formula_clv_is_the_scoring_layers_as_of_the_calibration_date(
    demo_build: Build, holdout: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    members, _ = holdout
    calibration = pd.Timestamp(members["calibration_date"].iloc[0]).date()
    database = tmp_path / "calibration.duckdb"
    shutil.copy(demo_build.database, database)
    run = run_dbt(
        ["run", "--select", "int_members_clv_calculated+1", "+int_members_clv_calculated",
         "--exclude", "path:models/staging", "--vars", json.dumps({"as_of_date": calibration.isoformat()})],
        demo_build.raw_dir, database, tmp_path,
    )
    assert run.returncode == 0, run.output[-3000:]
    scoring = dataclasses.replace(demo_build, database=database).frame(
        "select member_id, formula_clv, net_revenue from intermediate.int_members_clv_calculated"
    ).set_index("member_id")
    compared = members.set_index("member_id")[["formula_clv", "historical_revenue"]].join(
        scoring.rename(columns={"formula_clv": "scoring_formula_clv"})
    )
    assert compared["scoring_formula_clv"].notna().all(), "every holdout member is scored as of the calibration date"
    assert (compared["formula_clv"] == compared["scoring_formula_clv"]).all()
    assert (compared["historical_revenue"] == compared["net_revenue"]).all()


def test_spend_is_nearly_independent_of_frequency(demo_build: Build) -> None:
    """Gamma-Gamma assumes it; the docs report the correlation."""
    repeat_buyers = demo_build.frame(
        "select repeat_purchase_count, repeat_purchase_amount / repeat_purchase_count as mean_spend"
        " from intermediate.int_members_purchases_summarised"
        " where calibration = 'scoring' and repeat_purchase_count > 0 and repeat_purchase_amount > 0"
    ).astype(float)
    pearson = repeat_buyers.corr().iloc[0, 1]
    spearman = stats.spearmanr(repeat_buyers["repeat_purchase_count"], repeat_buyers["mean_spend"]).statistic
    print(f"\nrepeat buyers' purchase count and mean spend: Pearson {pearson:.3f}, Spearman {spearman:.3f} "
          f"({len(repeat_buyers)} members)")
    assert abs(pearson) < 0.2 and abs(spearman) < 0.2
