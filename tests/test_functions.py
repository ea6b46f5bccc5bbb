"""The maths against mpmath: accuracy targets, special values, no warnings, shapes."""

from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigplot import SigplotError, evaluate, sigmoid

TINY = np.finfo(np.float64).tiny
# Max relative error allowed where the true value is a normal float (issue targets).
TARGETS = {0: 3.5e-16, 1: 6.7e-16, 2: 1.1e-15, 3: 8.9e-16}
# |z| where the third derivative is 0: sigma' = 1/6 there, so cosh z = 2, z = ln(2 + sqrt 3).
ORDER3_ZERO = np.log(2 + np.sqrt(3))


def reference(z: float, order: int) -> float:
    """sigma and its derivatives in closed forms with no cancellation, at 40 digits."""
    with mp.workdps(40):
        x = mp.mpf(z)
        c, s = mp.cosh(x / 2), mp.sinh(x / 2)
        forms = (
            1 / (1 + mp.exp(-x)),
            1 / (4 * c**2),
            -s / (4 * c**3),
            -(c**2 - 3 * s**2) / (8 * c**4),
        )
        return float(forms[order])


def grid() -> np.ndarray:
    wide = np.linspace(-745, 745, 6001)
    near = np.linspace(-40, 40, 4001)
    return np.concatenate([wide, near, np.linspace(-1, 1, 801)])


@pytest.fixture(scope="module")
def z() -> np.ndarray:
    return grid()


def max_rel_error(order: int, z: np.ndarray) -> float:
    ref = np.array([reference(float(v), order) for v in z])
    got = sigmoid(z, order)
    keep = np.abs(ref) >= TINY
    if order == 3:
        keep &= np.abs(np.abs(z) - ORDER3_ZERO) > 1e-3 * ORDER3_ZERO
    return float(np.max(np.abs(got[keep] - ref[keep]) / np.abs(ref[keep])))


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_accuracy_against_mpmath_on_a_dense_grid(order: int, z: np.ndarray) -> None:
    assert max_rel_error(order, z) <= TARGETS[order]


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=-745, max_value=745, allow_nan=False),
    st.sampled_from([0, 1, 2]),
)
def test_accuracy_at_any_point(z: float, order: int) -> None:
    ref = reference(z, order)
    if abs(ref) >= TINY:
        assert abs(float(sigmoid(z, order)) - ref) <= TARGETS[order] * abs(ref)


def test_blog_formulas_fail_where_sigplot_does_not() -> None:
    """The reasons this module exists: y*(1-y) is 0 past z ~ 37, 1/(1+e^-z) overflows."""
    z = np.array([40.0, 100.0])
    y = 1 / (1 + np.exp(-z))
    assert np.all(y * (1 - y) == 0)
    assert np.all(sigmoid(z, 1) > 0)
    assert float(sigmoid(100.0, 1)) == pytest.approx(reference(100.0, 1), rel=1e-15)
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        1 / (1 + np.exp(np.array([800.0])))


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_special_values_without_warnings(order: int) -> None:
    z = np.array([np.inf, -np.inf, np.nan, 1e308, -1e308, 0.0, -0.0, 5e-324, 710.0, -710.0])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        out = sigmoid(z, order)
    limits = {0: (1.0, 0.0), 1: (0.0, 0.0), 2: (0.0, 0.0), 3: (0.0, 0.0)}[order]
    assert out[0] == limits[0] and out[1] == limits[1]
    assert np.isnan(out[2])
    assert out[3] == limits[0] and out[4] == limits[1]
    at_zero = (0.5, 0.25, 0.0, -0.125)[order]
    assert out[5] == at_zero and out[6] == at_zero
    assert np.all(np.isfinite(np.delete(out, 2)))


def test_shapes_dtypes_and_scalars() -> None:
    assert sigmoid(np.zeros((2, 3, 4))).shape == (2, 3, 4)
    assert sigmoid(np.zeros((2, 3), dtype=np.float32)).dtype == np.float64
    assert sigmoid([1, 2, 3], 1).shape == (3,)
    value = sigmoid(2)
    assert isinstance(value, np.float64)
    assert np.ndim(value) == 0
    assert float(sigmoid(0, 1)) == 0.25


@pytest.mark.parametrize("order", [-1, 4, 1.5, True, "1"])
def test_bad_orders_name_the_value(order: object) -> None:
    with pytest.raises(SigplotError, match="orders"):
        sigmoid(0.0, order)  # type: ignore[call-overload]


def test_non_real_input_is_an_error() -> None:
    with pytest.raises(SigplotError, match="real numbers"):
        sigmoid("abc")


def test_evaluate_names_unknown_functions() -> None:
    assert evaluate("sigmoid", 0.0) == 0.5
    with pytest.raises(SigplotError, match="known: sigmoid"):
        evaluate("sigmoidd", 0.0)


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=True))
def test_symmetries(z: float) -> None:
    """sigma(-z) = 1 - sigma(z) (up to rounding); sigma' even; sigma'' odd; all bounded."""
    s, m = sigmoid(z), sigmoid(-z)
    assert 0.0 <= s <= 1.0
    assert abs((s + m) - 1.0) <= 2.3e-16
    assert sigmoid(z, 1) == sigmoid(-z, 1)
    assert sigmoid(z, 2) == -sigmoid(-z, 2)
    assert 0.0 <= sigmoid(z, 1) <= 0.25
    assert abs(sigmoid(z, 2)) <= 0.0963
