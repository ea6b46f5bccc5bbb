"""The activation catalogue: a kernel for every entry, every order against finite
differences of the order below, the sigmoid-family identities, gain and shift (the
accuracy against mpmath is tests/test_accuracy.py)."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import sigplot
from sigplot import SigplotError, evaluate
from sigplot.maths.catalog import CATALOG
from sigplot.maths.functions import KERNELS

# Where the catalogue's functions have kinks (where to look, not a truth).
KINKS = np.array(sorted({k for name in CATALOG for k in CATALOG[name].kinks}))
# Sample points over [-12, 12], none within 1e-3 of a kink.
POINTS = [float(z) for z in np.linspace(-12, 12, 61) + 0.0137 if np.min(np.abs(KINKS - z)) > 1e-3]


def test_every_catalogue_entry_has_its_kernel_and_every_kernel_an_entry() -> None:
    used = {CATALOG[name].kernel for name in CATALOG}
    assert used <= set(KERNELS) and set(KERNELS) <= used | set(CATALOG)
    assert tuple(CATALOG) == sigplot.FUNCTIONS


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


# Functions whose derivatives grow without bound too: e^z, and relu(z)^2's 2 relu(z).
GROWING_SLOPES = {"exponential", "relu_squared"}


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
        # snake's derivatives oscillate for ever: at +-inf they have no limit (nan).
        limitless = np.isinf(z) if name == "snake" and order > 0 else np.zeros(len(z), bool)
        assert not np.isnan(out[(np.arange(len(z)) != 2) & ~limitless]).any()
        grows = CATALOG[name].unbounded if order == 0 else name in GROWING_SLOPES
        if not grows:
            assert np.all(np.isfinite(out[finite_in]))


@pytest.mark.parametrize(
    ("name", "z", "order", "value"),
    [("relu", 0.0, 1, 0.0), ("relu6", 0.0, 1, 0.0), ("relu6", 6.0, 1, 0.0),
     ("hardtanh", -1.0, 1, 0.0), ("hardtanh", 1.0, 1, 0.0), ("hardsigmoid", -3.0, 1, 0.0),
     ("hardsigmoid", 3.0, 1, 0.0), ("hardswish", -3.0, 1, -0.5), ("hardswish", 3.0, 1, 1.5),
     ("hard_silu", 3.0, 1, 1.5), ("hardswish", -3.0, 2, 0.0), ("hardswish", 3.0, 2, 0.0),
     ("softshrink", 0.5, 1, 0.0), ("softshrink", -0.5, 1, 0.0), ("hardshrink", 0.5, 0, 0.0),
     ("hardshrink", 0.5, 1, 0.0), ("hardshrink", -0.5, 1, 0.0), ("threshold", 0.0, 1, 0.0),
     ("elu", 0.0, 1, 1.0), ("elu(alpha=0.5)", 0.0, 1, 0.5), ("elu", 0.0, 2, 0.0),
     ("selu", 0.0, 1, 1.0507009873554805 * 1.6732632423543772),
     ("leaky_relu", 0.0, 1, 0.01), ("prelu", 0.0, 1, 0.25), ("rrelu", 0.0, 1, 11 / 48),
     ("softsign", 0.0, 2, 0.0), ("relu_squared", 0.0, 2, 0.0),
     # JAX's own: jnp.where's outer branches; clip's max and min halve at a tie
     ("sparse_plus", -1.0, 2, 0.0), ("sparse_plus", 1.0, 2, 0.0),
     ("sparse_sigmoid", -1.0, 1, 0.25), ("sparse_sigmoid", 1.0, 1, 0.25)],
)  # fmt: skip
def test_kinks_take_the_value_autograd_gives(name: str, z: float, order: int, value: float) -> None:
    """At a kink, the derivative PyTorch's autograd returns there (its backward kernels:
    relu's threshold_backward is 0 for x <= 0, hardtanh's 0 for x <= min or x >= max,
    elu's the exponential branch for x <= 0, hardswish's the middle for -3 <= x <= 3, the
    shrinks' 0 for |x| <= lambd, leaky_relu's the slope for x <= 0), JAX's for its own."""
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
    # The gain is taken at the exact argument k (z - z0), not its rounding to a double: the
    # two differ by about the rounding (half an ulp of x) times the slope there.
    x = k * (z - z0)
    # Nor at a jump, where that rounding decides the side: k = 10, z0 = 0.1 put z = 0 at
    # -1.0000000000000000555, just past the step of sparse_sigmoid's slope at -1, while x
    # rounds to -1 (hypothesis, pass 27). Such a point has no value a double pins down.
    ends = [evaluate(name, x + d * 8 * math.ulp(x), order) for d in (-1, 1)]
    assume(abs(ends[0] - ends[1]) <= 1e-9 * max(1.0, *map(abs, ends)))
    expected = k**order * evaluate(name, x, order)
    h = 1e-6 * max(abs(x), 1e-300)
    slope = k**order * (evaluate(name, x + h, order) - evaluate(name, x - h, order)) / (2 * h)
    assert evaluate(name, z, order, gain=k, shift=z0) == pytest.approx(
        expected, rel=1e-15, abs=1e-300 + 2.3e-16 * abs(x * slope)
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
