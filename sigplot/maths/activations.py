"""The activation catalogue's numerics: each function's orders 0-2 on float64 arrays.

Each kernel is registered by name in :data:`KERNELS` at the end (the catalogue's newer
functions, and softplus and celu at other parameters, are in
:mod:`sigplot.maths.extra_activations`). A parametrised function's kernel takes its
parameters as keywords, PyTorch's names, with PyTorch's defaults.

Every evaluator takes a float64 array and a checked order and returns float64 of the
same shape. Each also takes the order above its catalogue's highest: that derivative only
corrects for an argument's rounding (:func:`sigplot.maths.functions.evaluate`), so a few
ulp are plenty there. Formulas are chosen to stay accurate and finite over all floats:
1 - tanh^2 is written as 4 sigma'(2z), products like z * sigma'(z) are 0 where the
decaying factor is (not inf * 0 = nan), and tails use log1p / expm1. Where a value decays
exponentially, :data:`TAILS` gives it with its power of two held apart, so that neither
the value here nor a gain's K^n times it (normal where the value alone may not be) passes
through a subnormal. The caller masks nan inputs and silences only overflow to +-inf and
underflow to 0, which are the true limits here.
"""

from __future__ import annotations

import fractions
import functools
import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from sigplot.maths.gated import (
    gelu,
    gelu_tail,
    gelu_tanh,
    gelu_tanh_tail,
    mish,
    mish_tail,
    silu,
    silu_tail,
)
from sigplot.maths.kernel_parts import (
    GONE,
    TAIL,
    Tail,
    by_order,
    constant,
    pieces,
    tail_side,
    tailed,
)
from sigplot.maths.logistic import (
    FloatArray,
    Scaled,
    dd_add,
    dd_div,
    dd_mul,
    exp_parts,
    exp_scaled,
    logistic,
    two_prod,
    two_sum,
)

_INV_SQRT_2PI = 0.3989422804014327


_SELU_ALPHA = 1.6732632423543772848170429916717


_SELU_SCALE = 1.0507009873554804934193349852946


_SHRINK = 0.5  # PyTorch's lambda for softshrink and hardshrink


_LEAK = 0.01  # PyTorch's negative_slope for leaky_relu


def _sigmoid_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # Left: every order is e^z. Right: sigma^(n) = (-1)^(n+1) e^-z for n >= 1.
    left = tail_side(z, lo, -1.0, constant(1.0))
    if order == 0:
        return (left,)
    return (left, tail_side(z, lo, 1.0, constant((-1.0) ** (order + 1))))


def sigmoid(z: FloatArray, order: int) -> FloatArray:
    return tailed(_sigmoid_tail, z, order, logistic(z, order))


def _tanh_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # sech^2 z = 4 e^-2|z| and tanh z = sign z past |z| = 350.
    if order == 0:
        return ()
    left, right = {1: (4.0, 4.0), 2: (8.0, -8.0), 3: (16.0, 16.0)}[order]
    return (
        tail_side(z, lo, -1.0, constant(left), rate=2.0, start=TAIL / 2),
        tail_side(z, lo, 1.0, constant(right), rate=2.0, start=TAIL / 2),
    )


def tanh(z: FloatArray, order: int) -> FloatArray:
    # 1 - tanh^2 z = sech^2 z = 4 sigma'(2z): no cancellation in the tails.
    value = by_order(
        z,
        order,
        lambda: np.tanh(z),
        lambda: 4.0 * logistic(2.0 * z, 1),
        lambda: 8.0 * logistic(2.0 * z, 2),  # -2 tanh z sech^2 z
        lambda: -8.0 * logistic(2.0 * z, 1) * (1.0 - 3.0 * np.tanh(z) ** 2),
    )
    return tailed(_tanh_tail, z, order, value)


def softplus(z: FloatArray, order: int) -> FloatArray:
    # Its tails, at any beta, are extra_activations.softplus_tail's.
    return by_order(
        z,
        order,
        lambda: np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))),
        lambda: logistic(z, 0),
        lambda: logistic(z, 1),
        lambda: logistic(z, 2),
    )


def _softsign_power(
    zm: FloatArray, lm: FloatArray, order: int, scaled: bool
) -> tuple[FloatArray, npt.NDArray[np.int64]]:
    """(mantissa, exponent) of c / (1 + |z + lo|)^(n+1), softsign's derivative of order n >= 1:
    1 + |z + lo| = a + a_lo a double-double, a^(n+1) carried exactly and a_lo as the first-
    order term, so about 1 ulp. Where ``scaled``, a = f 2^e is split by frexp first, so that
    the power never over- or underflows (softsign'' is subnormal past |z| = 4.6e102)."""
    a, a_lo = two_sum(np.ones_like(zm), np.abs(zm))
    a_lo = a_lo + np.sign(zm) * lm
    f, e = np.frexp(a) if scaled else (a, np.zeros(a.shape, np.int64))
    p, p_lo = f, np.zeros_like(f)
    for _ in range(order):
        p, err = two_prod(p, f)
        p_lo = err + p_lo * f
    c = (1.0, -2.0, 6.0)[order - 1]
    # At the kink, autograd's: sgn(0) = 0 makes the second derivative 0 there.
    r = np.where(zm > 0, c, np.where(zm < 0, abs(c), 0.0 if order == 2 else c)) / p
    return r - r * (p_lo / p + (order + 1) * (a_lo / a)), -(order + 1) * e.astype(np.int64)


def _softsign_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # Past |z| = 1e75 (where (1 + |z|)^4 could overflow), the power of two held apart.
    if order == 0:
        return ()
    mask = np.isfinite(z) & (np.abs(z) >= 1e75)
    return (Scaled(mask, *_softsign_power(z[mask], lo[mask], order, scaled=True)),)


def softsign(z: FloatArray, order: int) -> FloatArray:
    if order > 0:
        near = np.where(np.abs(z) < 1e75, z, 0.0)
        value = _softsign_power(near, np.zeros_like(z), order, scaled=False)[0]
        value = np.where(np.abs(z) < 1e75, value, 0.0)  # the tail, and 0 at +-inf
        return tailed(_softsign_tail, z, order, value)
    finite = np.clip(z, -1e300, 1e300)  # z / (1 + |z|) is 1 at inf, not inf / inf
    return finite / (1.0 + np.abs(finite))


def _product(a: float, b: float) -> tuple[float, float]:
    """a * b as a double-double (hi, lo), exactly."""
    exact = fractions.Fraction(a) * fractions.Fraction(b)
    hi = float(exact)
    return hi, float(exact - fractions.Fraction(hi))


def _elu_tail(
    z: FloatArray, lo: FloatArray, order: int, scale_alpha: tuple[float, float]
) -> tuple[Scaled, ...]:
    # Orders 1-3 are scale alpha e^z below 0; past z = -700 with scale alpha a double-double,
    # one rounding besides e^z's ~0.3 ulp, and no subnormal on the way.
    if order == 0:
        return ()
    mask = (z < -TAIL) & (z > -GONE)
    hi, e_lo, k = exp_scaled(z[mask], lo[mask])
    c, c_lo = scale_alpha
    return (Scaled(mask, c * hi + (c * e_lo + c_lo * hi), k.astype(np.int64)),)


def _elu_like(z: FloatArray, order: int, *, alpha: float = 1.0, scale: float = 1.0) -> FloatArray:
    """scale * (z for z > 0, alpha (e^z - 1) below): ELU (1, 1) and SELU (alpha, lambda) are
    this family (PyTorch's definitions), and so is CELU at its default alpha = 1, where
    alpha (e^(z/alpha) - 1) is ELU's."""
    c, c_lo = _product(scale, alpha)
    if order == 0:
        m1 = np.expm1(np.minimum(z, 0.0))
        return np.where(z > 0, scale * z, c * m1 + c_lo * m1)
    # scale alpha e^z below 0: numpy's exp (1 ulp) times the double-double scale alpha, and
    # the tail (past z = -700, where e^z nears the subnormals) with its power of two apart.
    below = np.exp(np.minimum(z, 0.0))
    # At 0, autograd's: the slope below (scale alpha, selu's 1.76), orders 2-3 the 0 above.
    right = z > 0 if order == 1 else z >= 0
    value = np.where(right, scale if order == 1 else 0.0, c * below + c_lo * below)
    return tailed(lambda z, lo, n: _elu_tail(z, lo, n, (c, c_lo)), z, order, value)


def elu(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    return _elu_like(z, order, alpha=alpha)


def selu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order, alpha=_SELU_ALPHA, scale=_SELU_SCALE)


def celu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order)  # PyTorch's default alpha = 1: CELU is ELU


def relu(z: FloatArray, order: int) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: np.maximum(z, 0.0),
        lambda: pieces(z, (0,), (0, 1), at=(0,)),
        lambda: 0.0,
        lambda: 0.0,
    )


def leaky_relu(z: FloatArray, order: int, negative_slope: float = _LEAK) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: np.where(z >= 0, z, negative_slope * z),
        lambda: pieces(z, (0,), (negative_slope, 1), at=(negative_slope,)),
        lambda: 0.0,
        lambda: 0.0,
    )


def relu6(z: FloatArray, order: int) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: np.clip(z, 0.0, 6.0),
        lambda: pieces(z, (0, 6), (0, 1, 0), at=(0, 0)),
        lambda: 0.0,
        lambda: 0.0,
    )


def hardsigmoid(z: FloatArray, order: int) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: np.clip((z + 3.0) / 6.0, 0.0, 1.0),  # z/6 + 1/2 cancels next to -3
        lambda: pieces(z, (-3, 3), (0, 1 / 6, 0), at=(0, 0)),
        lambda: 0.0,
        lambda: 0.0,
    )


def hardtanh(z: FloatArray, order: int, min_val: float = -1.0, max_val: float = 1.0) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: np.clip(z, min_val, max_val),
        lambda: pieces(z, (min_val, max_val), (0, 1, 0), at=(0, 0)),
        lambda: 0.0,
        lambda: 0.0,
    )


def hardswish(z: FloatArray, order: int) -> FloatArray:
    middle = np.clip(z, -3.0, 3.0)
    return by_order(
        z,
        order,
        lambda: np.where(z <= -3, 0.0, np.where(z >= 3, z, middle * (middle + 3.0) / 6.0)),
        lambda: np.where(z < -3, 0.0, np.where(z > 3, 1.0, (2.0 * middle + 3.0) / 6.0)),
        lambda: pieces(z, (-3, 3), (0, 1 / 3, 0), at=(0, 0)),
        lambda: 0.0,
    )


def _logsigmoid_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # -softplus(-z), sigma(-z), -sigma'(z), -sigma''(z): on the right -e^-z, e^-z, -e^-z,
    # e^-z; on the left (orders 2-3) -e^z.
    right = tail_side(z, lo, 1.0, constant((-1.0, 1.0, -1.0, 1.0)[order]))
    return (right,) if order < 2 else (right, tail_side(z, lo, -1.0, constant(-1.0)))


def logsigmoid(z: FloatArray, order: int) -> FloatArray:
    value = by_order(
        z,
        order,
        lambda: -softplus(-z, 0),
        lambda: logistic(-z, 0),
        lambda: -logistic(z, 1),
        lambda: -logistic(z, 2),
    )
    return tailed(_logsigmoid_tail, z, order, value)


@functools.cache
def _tanhshrink_series(terms: int = 48) -> tuple[float, ...]:
    """Coefficients a_j of z - tanh z = z^3 sum_j a_j z^(2j): a_j = (-1)^j T_(2j+3) / (2j+3)!
    with T the tangent numbers (Knuth and Buckholtz's recurrence, exact integers)."""
    n = terms + 2
    t = [0, 1] + [0] * (n - 1)
    for k in range(2, n + 1):
        t[k] = (k - 1) * t[k - 1]
    for k in range(2, n + 1):
        for j in range(k, n + 1):
            t[j] = (j - k) * t[j - 1] + (j - k + 2) * t[j]
    # t[k] is now the tangent number T_(2k-1).
    return tuple(
        float(fractions.Fraction((-1) ** j * t[j + 2], math.factorial(2 * j + 3)))
        for j in range(terms)
    )


# Below this |z|, z - tanh z comes from its series: the subtraction would cancel (198 ulp at
# 0.106 with the old cutoff 0.1); above it, it keeps 2 ulp. 48 terms reach 1e-19 there.
_TANHSHRINK_SMALL = 1.0


def _tanhshrink(z: FloatArray) -> FloatArray:
    # Below |z| = 1, z^3 (1/3 + z^2 (a_1 + ...)) with z^3 and the sum's first term as
    # double-doubles; above, sign(z) ((|z| - 1) + 2e / (1 + e)) with e = e^-2|z|, which has
    # nothing to cancel (z - tanh z lost up to 1.7 ulp to tanh's rounding next to 1).
    out = z - np.sign(z)  # exactly, past |z| = 1e15 (and the limits at +-inf)
    near = np.abs(z) < _TANHSHRINK_SMALL
    small = z[near]
    z2, z2_lo = two_prod(small, small)
    rest = np.zeros_like(small)
    for c in reversed(_tanhshrink_series()[1:]):
        rest = rest * z2 + c
    series = dd_add(np.full_like(small, _THIRD[0]), _THIRD[1], *two_prod(rest, z2))
    inner = dd_mul(*series, *dd_mul(z2, z2_lo, small, 0.0))
    out[near] = inner[0] + inner[1]
    mid = ~near & (np.abs(z) < 1e15)
    a = np.abs(z[mid])
    x = exp_parts(2.0 * a)
    two_e = dd_div(2.0 * x.e, 2.0 * x.e_lo, x.u, x.u_lo)
    big = dd_add(*two_sum(a, -np.ones_like(a)), two_e, 0.0)
    out[mid] = np.sign(z[mid]) * (big[0] + big[1])
    return out


def _tanh_squared(z: FloatArray) -> FloatArray:
    """tanh^2 z = (1 - e)^2 / (1 + e)^2 with e = e^-2|z|, double-doubles rounded once (numpy's
    tanh squared is up to 2 ulp off); below 1e-5, z^2 (1 - 2z^2/3) with z^2 exact."""
    x = exp_parts(2.0 * np.abs(z))
    out = dd_div(*dd_mul(x.m, x.m_lo, x.m, x.m_lo), *dd_mul(x.u, x.u_lo, x.u, x.u_lo))
    near = np.abs(z) < 1e-5
    q, q_lo = two_prod(z[near], z[near])
    out[near] = q + (q_lo - q * (2.0 / 3.0) * q)
    return out


_THIRD = (0.3333333333333333, 1.850371707708594e-17)  # 1/3 as a double-double


def _tanhshrink_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # 2 tanh z sech^2 z = 8 sign(z) e^-2|z| past |z| = 350, its slope -16 e^-2|z|.
    if order < 2:
        return ()
    left, right = (-8.0, 8.0) if order == 2 else (-16.0, -16.0)
    return (
        tail_side(z, lo, -1.0, constant(left), rate=2.0, start=TAIL / 2),
        tail_side(z, lo, 1.0, constant(right), rate=2.0, start=TAIL / 2),
    )


def tanhshrink(z: FloatArray, order: int) -> FloatArray:
    value = by_order(
        z,
        order,
        lambda: _tanhshrink(z),
        lambda: _tanh_squared(z),
        lambda: -8.0 * logistic(2.0 * z, 2),  # 2 tanh z sech^2 z
        lambda: 8.0 * logistic(2.0 * z, 1) * (1.0 - 3.0 * np.tanh(z) ** 2),
    )
    return tailed(_tanhshrink_tail, z, order, value)


def softshrink(z: FloatArray, order: int, lambd: float = _SHRINK) -> FloatArray:
    lam = lambd
    return by_order(
        z,
        order,
        lambda: np.where(z > lam, z - lam, np.where(z < -lam, z + lam, 0.0)),
        lambda: pieces(z, (-lam, lam), (1, 0, 1), at=(0, 0)),
        lambda: 0.0,
        lambda: 0.0,
    )


def hardshrink(z: FloatArray, order: int, lambd: float = _SHRINK) -> FloatArray:
    lam = lambd
    return by_order(
        z,
        order,
        lambda: np.where(np.abs(z) > lam, z, 0.0),
        lambda: np.where(np.abs(z) > lam, 1.0, 0.0),  # at a jump, the slope of f's side
        lambda: 0.0,
        lambda: 0.0,
    )


Kernel = Callable[..., FloatArray]  # (z, order, **parameters) -> f^(order)(z)


KERNELS: dict[str, Kernel] = {
    "sigmoid": sigmoid, "tanh": tanh, "softplus": softplus, "softsign": softsign,
    "silu": silu, "gelu": gelu, "gelu_tanh": gelu_tanh, "mish": mish, "elu": elu,
    "selu": selu, "celu": celu, "relu": relu, "leaky_relu": leaky_relu, "relu6": relu6,
    "hardsigmoid": hardsigmoid, "hardtanh": hardtanh, "hardswish": hardswish,
    "logsigmoid": logsigmoid, "tanhshrink": tanhshrink, "softshrink": softshrink,
    "hardshrink": hardshrink,
}  # fmt: skip


# The functions whose values decay exponentially (or, softsign's, as a power), by name:
# each gives f^(n) at a double-double argument, at the function's parameters, with its
# power of two held apart (softplus' and celu's, at any parameters, in extra_activations).
TAILS: dict[str, Tail] = {
    "sigmoid": _sigmoid_tail,
    "tanh": _tanh_tail,
    "softsign": _softsign_tail,
    "silu": silu_tail,
    "gelu": gelu_tail,
    "gelu_tanh": gelu_tanh_tail,
    "mish": mish_tail,
    "elu": lambda z, lo, order, alpha=1.0: _elu_tail(z, lo, order, (alpha, 0.0)),
    "selu": lambda z, lo, order: _elu_tail(z, lo, order, _product(_SELU_SCALE, _SELU_ALPHA)),
    "logsigmoid": _logsigmoid_tail,
    "tanhshrink": _tanhshrink_tail,
}
