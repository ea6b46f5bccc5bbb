"""The activation catalogue: every function and order against mpmath and against finite
differences of the order below, the sigmoid-family identities, gain and shift."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sigplot
from sigplot import SigplotError, evaluate
from sigplot.activations import EVALUATORS
from sigplot.catalog import CATALOG

SELU_A, SELU_L = (
    mp.mpf("1.6732632423543772848170429916717"),
    mp.mpf("1.0507009873554804934193349852946"),
)


def _elu(z: Any, alpha: Any = 1) -> Any:
    return z if z > 0 else alpha * mp.expm1(z / alpha)


# Order 0 of each function in mpmath, from PyTorch's definitions.
REFERENCE: dict[str, Callable[[Any], Any]] = {
    "sigmoid": lambda z: 1 / (1 + mp.exp(-z)),
    "tanh": mp.tanh,
    "softplus": lambda z: mp.log1p(mp.exp(z)),
    "softsign": lambda z: z / (1 + abs(z)),
    "silu": lambda z: z / (1 + mp.exp(-z)),
    "gelu": lambda z: z * mp.ncdf(z),
    # z/2 (1 + tanh u) written as z / (1 + e^-2u): at 40 digits, 1 + tanh u cancels to 0.
    "gelu_tanh": lambda z: (
        z / (1 + mp.exp(-2 * mp.sqrt(2 / mp.pi) * (z + mp.mpf("0.044715") * z**3)))
    ),
    "mish": lambda z: z * mp.tanh(mp.log1p(mp.exp(z))),
    "elu": _elu,
    # SELU = scale * (max(0, z) + min(0, alpha (e^z - 1))): alpha multiplies, it does not divide.
    "selu": lambda z: SELU_L * (z if z > 0 else SELU_A * mp.expm1(z)),
    "celu": _elu,
    "relu": lambda z: max(z, 0),
    "leaky_relu": lambda z: z if z >= 0 else z / 100,
    "relu6": lambda z: min(max(z, 0), 6),
    "hardsigmoid": lambda z: min(1, max(0, z / 6 + mp.mpf(1) / 2)),
    "hardtanh": lambda z: min(1, max(-1, z)),
    "hardswish": lambda z: z * min(1, max(0, z / 6 + mp.mpf(1) / 2)),
    "logsigmoid": lambda z: -mp.log1p(mp.exp(-z)),
    "tanhshrink": lambda z: z - mp.tanh(z),
    "softshrink": lambda z: (
        z - mp.mpf(1) / 2 if z > 0.5 else (z + mp.mpf(1) / 2 if z < -0.5 else 0)
    ),
    "hardshrink": lambda z: z if abs(z) > 0.5 else 0,
}
KINKS = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0])
# Sample points over [-12, 12], none within 1e-3 of a kink, plus a few in the far tails.
POINTS = [
    float(z)
    for z in np.concatenate([np.linspace(-12, 12, 61) + 0.0137, [-40.3, -20.7, 0.05, -0.03, 25.1]])
    if np.min(np.abs(KINKS - z)) > 1e-3
]


def test_catalogue_and_numerics_name_the_same_functions() -> None:
    assert tuple(CATALOG) == tuple(EVALUATORS) == sigplot.FUNCTIONS
    assert set(REFERENCE) == set(CATALOG)
    assert len(sigplot.FUNCTIONS) == 21


def mp_derivative(name: str, z: float, order: int) -> float:
    # 80 digits: mp.diff of z - z e^-2u needs them where f'' is 1e-58 and f is 12.
    with mp.workdps(80):
        f = REFERENCE[name]
        value = f(mp.mpf(z)) if order == 0 else mp.diff(f, mp.mpf(z), order)
        return float(value)


@pytest.mark.parametrize("name", list(CATALOG))
@pytest.mark.parametrize("order", [0, 1, 2])
def test_against_mpmath(name: str, order: int) -> None:
    z = np.array(POINTS)
    got = evaluate(name, z, order)
    ref = np.array([mp_derivative(name, v, order) for v in POINTS])
    err = np.abs(got - ref)
    rel = err / np.maximum(np.abs(ref), 1e-40)
    assert np.all(rel <= 1e-12), (z[np.argmax(rel)], rel.max())


@pytest.mark.parametrize("name", list(CATALOG))
@pytest.mark.parametrize("order", [1, 2])
def test_analytic_derivative_matches_finite_differences(name: str, order: int) -> None:
    z = np.array([p for p in POINTS if abs(p) < 15])
    h = 1e-5

    def below(x: np.ndarray) -> np.ndarray:
        return evaluate(name, x, order - 1)

    central = (below(z + h) - below(z - h)) / (2 * h)
    analytic = evaluate(name, z, order)
    assert np.allclose(analytic, central, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", list(CATALOG))
def test_special_inputs_give_limits_without_warnings(name: str) -> None:
    z = np.array([np.inf, -np.inf, np.nan, 1e308, -1e308, 0.0, -0.0, 5e-324, 710.0, -710.0, 1e103])
    for order in range(CATALOG[name].max_order + 1):
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            out = evaluate(name, z, order)
        assert out.shape == z.shape and out.dtype == np.float64
        assert np.isnan(out[2])
        finite_in = np.isfinite(z)
        assert not np.isnan(out[np.arange(len(z)) != 2]).any()
        if order > 0 or not CATALOG[name].unbounded:
            assert np.all(np.isfinite(out[finite_in]))


@pytest.mark.parametrize(
    ("name", "z", "order", "value"),
    [("relu", 0.0, 1, 1.0), ("relu6", 6.0, 1, 0.0), ("hardtanh", -1.0, 1, 1.0),
     ("hardtanh", 1.0, 1, 0.0), ("hardsigmoid", -3.0, 1, 1 / 6), ("hardswish", -3.0, 1, -0.5),
     ("hardswish", 3.0, 1, 1.0), ("softshrink", 0.5, 1, 1.0), ("softshrink", -0.5, 1, 0.0),
     ("hardshrink", 0.5, 0, 0.0), ("hardshrink", 0.5, 1, 1.0), ("elu", 0.0, 1, 1.0),
     ("leaky_relu", 0.0, 1, 1.0)],
)  # fmt: skip
def test_kinks_take_the_right_hand_value(name: str, z: float, order: int, value: float) -> None:
    assert evaluate(name, z, order) == pytest.approx(value)


finite = st.floats(min_value=-700, max_value=700, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(finite)
def test_tanh_is_a_scaled_sigmoid(z: float) -> None:
    assert abs(evaluate("tanh", z) - (2 * evaluate("sigmoid", 2 * z) - 1)) <= 4.5e-16


@settings(max_examples=200, deadline=None)
@given(finite)
def test_softplus_derivative_is_the_sigmoid(z: float) -> None:
    assert evaluate("softplus", z, 1) == evaluate("sigmoid", z)
    if abs(z) < 30:
        h = 1e-6 * max(1.0, abs(z))
        fd = (evaluate("softplus", z + h) - evaluate("softplus", z - h)) / (2 * h)
        assert fd == pytest.approx(float(evaluate("sigmoid", z)), rel=1e-6, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(finite)
def test_silu_is_z_times_sigmoid(z: float) -> None:
    assert evaluate("silu", z) == pytest.approx(
        z * float(evaluate("sigmoid", z)), rel=2e-16, abs=1e-300
    )


@settings(max_examples=200, deadline=None)
@given(finite)
def test_logsigmoid_is_minus_softplus_of_minus_z(z: float) -> None:
    assert evaluate("logsigmoid", z) == -evaluate("softplus", -z)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(list(CATALOG)),
    st.floats(min_value=-20, max_value=20),
    st.floats(min_value=0.1, max_value=10),
    st.floats(min_value=-5, max_value=5),
    st.sampled_from([0, 1, 2]),
)
def test_gain_and_shift_scale_the_argument_and_derivatives(
    name: str, z: float, k: float, z0: float, order: int
) -> None:
    expected = k**order * evaluate(name, k * (z - z0), order)
    assert evaluate(name, z, order, gain=k, shift=z0) == pytest.approx(
        expected, rel=1e-15, abs=1e-300
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"gain": float("inf")}, "gain"),
     ({"gain": float("nan")}, "gain"), ({"shift": float("nan")}, "shift"),
     ({"order": 3}, "orders")],
)  # fmt: skip
def test_bad_gain_shift_and_order(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(SigplotError) as info:
        evaluate("relu", 1.0, **kwargs)
    assert info.value.field == field


def test_unknown_function_lists_the_known_ones() -> None:
    with pytest.raises(SigplotError, match="known: sigmoid, tanh, softplus"):
        evaluate("swish", 0.0)
