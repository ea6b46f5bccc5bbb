"""`sigplot info`: what each function is, checked against values found independently (the
truths of tests/reference.py, solved by mpmath, or known by hand), never against sigplot's
own numbers; and the frameworks' table in the README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import mpmath as mp
import pytest
from click.testing import CliRunner
from reference import TRUTH

from sigplot import FUNCTIONS
from sigplot.cli import main
from sigplot.maths.frameworks import frameworks_markdown
from sigplot.maths.properties import properties
from sigplot.maths.report import info_data, info_lines, rows

README = (Path(__file__).parent.parent / "README.md").read_text()


def _root(name: str, order: int, seed: float) -> Any:
    """Where the truth's ``order``-th derivative is 0, near ``seed`` (mpmath, 30 digits)."""
    return mp.findroot(lambda z: TRUTH[name](z, order), mp.mpf(seed))


@pytest.mark.parametrize(
    ("name", "seed"),
    [("silu", -1.3), ("gelu", -0.75), ("gelu_tanh", -0.75), ("mish", -1.2),
     ("quick_gelu", -0.75)],
)  # fmt: skip
def test_minimum_is_where_the_true_slope_vanishes(name: str, seed: float) -> None:
    with mp.workdps(30):
        z0 = _root(name, 1, seed)
        low = float(TRUTH[name](z0, 0))
    (minimum,) = info_data(name)["function_extent"]["stationary"]
    assert minimum["kind"] == "minimum"
    assert minimum["z"] == pytest.approx(float(z0), rel=1e-9)
    assert minimum["value"] == pytest.approx(low, rel=1e-12)


def test_silu_as_the_issue_states_it() -> None:
    lines = info_lines("silu")
    assert "  extrema     minimum -0.2785 at z = -1.278" in lines


@pytest.mark.parametrize(
    ("name", "top", "at"),
    [("sigmoid", 0.25, "z = 0"), ("tanh", 1.0, "z = 0"), ("softsign", 1.0, "z = 0"),
     # taken at the kink: autograd's hardswish'(3) and selu'(0) are the left's
     ("hardswish", 1.5, "at z = 3"),
     ("selu", 1.0507009873554805 * 1.6732632423543772, "at z = 0"),
     ("logsigmoid", 1.0, "approached as z -> -inf"), ("exponential", None, "unbounded")],
)  # fmt: skip
def test_steepest_slope(name: str, top: float | None, at: str) -> None:
    said = info_data(name)["steepest"]
    assert at in str(said)
    if top is not None:
        assert str(said).startswith(f"{top:.4g} ")


@pytest.mark.parametrize(("name", "seed"), [("silu", 2.4), ("gelu", 1.4), ("mish", 1.5)])
def test_steepest_slope_of_smooth_functions(name: str, seed: float) -> None:
    with mp.workdps(30):
        z0 = _root(name, 2, seed)
        top = float(TRUTH[name](z0, 1))
    said = str(info_data(name)["steepest"])
    assert said == f"{top:.4g} at z = {float(z0):.4g}"


# Ranges of values, by hand from the definitions.
RANGES = [
    ("sigmoid", "(0, 1)"), ("tanh", "(-1, 1)"), ("softsign", "(-1, 1)"), ("relu", "[0, inf)"),
    ("relu6", "[0, 6]"), ("hardtanh", "[-1, 1]"), ("hardsigmoid", "[0, 1]"),
    ("hardshrink", "(-inf, -0.5) ∪ {0} ∪ (0.5, inf)"), ("softshrink", "(-inf, inf)"),
    ("threshold(threshold=1, value=-3)", "{-3} ∪ (1, inf)"), ("threshold", "(0, inf)"),
    ("elu(alpha=2)", "(-2, inf)"), ("celu(alpha=0.5)", "(-0.5, inf)"), ("selu", "(-1.758, inf)"),
    ("logsigmoid", "(-inf, 0)"), ("exponential", "(0, inf)"), ("sparse_sigmoid", "[0, 1]"),
    ("sparse_plus", "[0, inf)"), ("hardswish", "[-0.375, inf)"), ("relu_squared", "[0, inf)"),
    ("hardtanh(min_val=-2, max_val=3)", "[-2, 3]"), ("snake", "(-inf, inf)"),
    ("squareplus", "(0, inf)"), ("leaky_relu", "(-inf, inf)"),
    # the dips' minima (silu's -0.27846 at z = -1.27846, mish's -0.30884 at z = -1.19240,
    # gelu's -0.16997 at z = -0.75179): mish's read (-inf, inf) while mish(z) was z below -3000
    ("silu", "[-0.2785, inf)"), ("mish", "[-0.3088, inf)"), ("gelu", "[-0.17, inf)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "values"), RANGES)
def test_range_of_values(name: str, values: str) -> None:
    assert info_data(name)["values"] == values


SMOOTHNESS = [
    ("sigmoid", "C-infinity"), ("snake", "C-infinity"), ("relu", "C0"), ("softsign", "C1"),
    ("elu", "C1"), ("elu(alpha=2)", "C0"), ("celu(alpha=2)", "C1"), ("selu", "C0"),
    ("sparse_plus", "C1"), ("relu_squared", "C1"), ("hardswish", "C0"),
    ("hardshrink", "not continuous"), ("threshold", "not continuous"),
    ("softplus(threshold=20)", "not continuous"),  # PyTorch's shortcut jumps by e^-20
]  # fmt: skip


@pytest.mark.parametrize(("name", "smoothness"), SMOOTHNESS)
def test_smoothness(name: str, smoothness: str) -> None:
    assert info_data(name)["smoothness"] == smoothness


@pytest.mark.parametrize(
    ("name", "monotonic"),
    [("sigmoid", "increasing"), ("snake", "increasing"), ("tanhshrink", "increasing"),
     ("relu", "non-decreasing"), ("hardtanh", "non-decreasing"), ("silu", "not monotonic"),
     ("threshold", "not monotonic"), ("threshold(threshold=1, value=-3)", "non-decreasing"),
     ("hardswish", "not monotonic")],
)  # fmt: skip
def test_monotonic(name: str, monotonic: str) -> None:
    assert info_data(name)["monotonic"] == monotonic


@pytest.mark.parametrize("name", FUNCTIONS)
def test_value_and_slope_at_zero_are_the_truth(name: str) -> None:
    data = info_data(name)
    with mp.workdps(30):
        for key, order in (("f(0)", 0), ("f'(0)", 1)):  # within the 4-ulp promise
            exact = float(TRUTH[name](mp.mpf(0), order))
            assert data[key] == pytest.approx(exact, rel=9e-16, abs=1e-300), key


def test_saturation_and_kinks() -> None:
    assert dict(_rows("sigmoid"))["saturates"] == "0 as z -> -inf, 1 as z -> inf"
    assert dict(_rows("relu6"))["saturates"] == "0 as z -> -inf, 6 as z -> inf"
    assert dict(_rows("elu(alpha=2)"))["saturates"] == "-2 as z -> -inf"
    (kink,) = info_data("leaky_relu")["kinks"]
    assert kink == {"z": 0.0, "order": 1, "left": 0.01, "right": 1.0, "value": 0.01}
    kinks = info_data("threshold(threshold=1, value=-3)")["kinks"]
    (jump,) = [k for k in kinks if k["order"] == 0]
    assert (jump["left"], jump["value"]) == (-3.0, -3.0) and jump["right"] == pytest.approx(1.0)


def _rows(name: str) -> list[tuple[str, str]]:
    return rows(properties(name))


def test_the_frameworks_differences_are_named() -> None:
    def said(name: str, framework: str) -> str:
        return " ".join(line for label, line in _rows(name) if label == framework)

    assert "negative_slope=0.01" in said("leaky_relu", "PyTorch")
    assert "negative_slope=0.01" in said("leaky_relu", "JAX")
    keras = said("leaky_relu", "Keras")
    assert "negative_slope=0.2" in keras and "negative_slope=0.3" in keras
    hard = said("hardsigmoid", "Keras")
    assert "Keras 2" in hard and "0.2 z + 0.5" in hard
    assert "approximate=True" in said("gelu", "JAX") and "gelu_tanh" in said("gelu", "JAX")
    assert "threshold=20" in said("softplus", "PyTorch")
    assert "lambd is called threshold" in said("softshrink", "Keras")


def test_the_command_prints_within_80_columns_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["info", "hardtanh(min_val=-2)"])
    assert text.exit_code == 0 and max(len(line) for line in text.output.splitlines()) <= 80
    assert "kink" in text.output and "z = -2: f' from 0 to 1" in text.output
    data = json.loads(runner.invoke(main, ["info", "elu(alpha=0.5)", "--json"]).output)
    assert data["name"] == "elu(alpha=0.5)" and data["parameters"] == {"alpha": 0.5}
    assert data["values"] == "(-0.5, inf)"
    bad = runner.invoke(main, ["info", "softmax"])
    assert bad.exit_code == 2 and "is not elementwise" in bad.output


def test_the_readme_shows_the_frameworks_table() -> None:
    # Regenerate with: python -c "from sigplot.maths.frameworks import frameworks_markdown as
    # f; print(f())"
    assert frameworks_markdown() in README
