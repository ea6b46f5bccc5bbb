"""The activation catalogue's numerics: each function's orders 0-2 on float64 arrays.

Each kernel is registered by name in :data:`KERNELS` at the end (the catalogue's newer
functions, and softplus and celu at other parameters, are in
:mod:`sigplot.maths.extra_activations`). A parametrised function's kernel takes its
parameters as keywords, PyTorch's names, with PyTorch's defaults.

Every evaluator takes a float64 array and a checked order and returns float64 of the
same shape. Formulas are chosen to stay accurate and finite over all floats: 1 - tanh^2
is written as 4 sigma'(2z), products like z * sigma'(z) are 0 where the decaying factor
is (not inf * 0 = nan), and tails use log1p / expm1. The caller
(:func:`sigplot.maths.functions.evaluate`) masks nan inputs and silences only overflow to
+-inf and underflow to 0, which are the true limits here.
"""

from __future__ import annotations

import fractions
import functools
import math
from collections.abc import Callable

import numpy as np

from sigplot.maths.logistic import FloatArray, logistic, logistic_dd, times_exp, two_prod, two_sum

# Constants as double-doubles (hi, lo), so that arguments keep their last bits in the tails.
_SQRT_2_PI = (0.7978845608028654, -4.98465440455546e-17)  # sqrt(2/pi)
_INV_SQRT2 = (0.7071067811865476, -4.833646656726457e-17)
_INV_SQRT_2PI = 0.3989422804014327
_TWO_OVER_SQRT_PI = 1.1283791670955126
# Below this, e^z is under 1e-304: sigma and its derivatives all equal e^z to 1e-300, and
# e^z may be subnormal while the result (z e^z) is not, so results are scaled, not divided.
_FAR_LEFT = -700.0
_GELU_A = 0.044715
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_CELU_ALPHA = 1.0  # PyTorch's default alpha for celu
_SHRINK = 0.5  # PyTorch's lambda for softshrink and hardshrink
_LEAK = 0.01  # PyTorch's negative_slope for leaky_relu
_erfc = np.frompyfunc(math.erfc, 1, 1)  # numpy has no erf; libm's is accurate to ~1 ulp


def _times(a: FloatArray, b: FloatArray) -> FloatArray:
    """a * b, but 0 where b is 0: the limit when b decays faster than a grows (z e^-z)."""
    with np.errstate(invalid="ignore"):
        product = a * b
    return np.where(b == 0, 0.0, product)


def _by_order(z: FloatArray, order: int, *values: Callable[[], FloatArray | float]) -> FloatArray:
    """Evaluate only the requested order's expression, broadcast to z's shape."""
    return np.broadcast_to(np.asarray(values[order](), dtype=np.float64), z.shape).copy()


def _pieces(z: FloatArray, kinks: tuple[float, ...], slopes: tuple[float, ...]) -> FloatArray:
    """A step function: ``slopes[i]`` on [kinks[i-1], kinks[i]) (right-continuous)."""
    return np.asarray(np.array(slopes)[np.searchsorted(kinks, z, side="right")], np.float64)


def sigmoid(z: FloatArray, order: int) -> FloatArray:
    return logistic(z, order)


def tanh(z: FloatArray, order: int) -> FloatArray:
    # 1 - tanh^2 z = sech^2 z = 4 sigma'(2z): no cancellation in the tails.
    return _by_order(
        z,
        order,
        lambda: np.tanh(z),
        lambda: 4.0 * logistic(2.0 * z, 1),
        lambda: -8.0 * np.tanh(z) * logistic(2.0 * z, 1),
    )


def softplus(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))),
        lambda: logistic(z, 0),
        lambda: logistic(z, 1),
    )


def softsign(z: FloatArray, order: int) -> FloatArray:
    a = 1.0 + np.abs(z)
    finite = np.clip(z, -1e300, 1e300)  # z / (1 + |z|) is 1 at inf, not inf / inf
    return _by_order(
        z,
        order,
        lambda: finite / (1.0 + np.abs(finite)),
        lambda: 1.0 / a**2,
        lambda: np.where(z >= 0, -2.0, 2.0) / a**3,  # right-hand at the kink: -2 at 0
    )


def _far_left(z: FloatArray, order: int, value: FloatArray) -> FloatArray:
    """``value``, but (z + order) e^z where z < -700: silu and mish of every order there,
    computed without the subnormal e^z that would cost up to 700 ulp."""
    far = (z < _FAR_LEFT) & (z > -1500.0)
    if not far.any():
        return value
    x = np.where(far, z, 0.0)
    return np.where(far, times_exp(x + order, x), value)


def silu(z: FloatArray, order: int) -> FloatArray:
    value = _by_order(
        z,
        order,
        lambda: _times(z, logistic(z, 0)),
        lambda: logistic(z, 0) + _times(z, logistic(z, 1)),
        lambda: 2.0 * logistic(z, 1) + _times(z, logistic(z, 2)),
    )
    return _far_left(z, order, value)


# Mills' ratio: Phi(z) = phi(z)/|z| (1 - 1/z^2 + 3/z^4 - 15/z^6 ...) for z -> -inf; ten
# terms reach 1e-17 at |z| >= 30, where Phi starts to lose bits to subnormals.
_MILLS = tuple((-1) ** k * math.prod(range(1, 2 * k, 2)) for k in range(10))
_GELU_TAIL = -30.0


def gelu(z: FloatArray, order: int) -> FloatArray:
    # z/sqrt 2 and z^2 are carried as double-doubles: in the left tail erfc and e^(-z^2/2)
    # magnify an argument's rounding by z^2 (1e3 ulp at z = -37 otherwise).
    # Past |z| = 1e3, Phi is 0 or 1 and phi is 0: clipping keeps every step finite.
    zc = np.clip(z, -1e3, 1e3)
    x, x_lo = two_prod(zc, np.full_like(z, _INV_SQRT2[0]))
    x_lo = x_lo + zc * _INV_SQRT2[1]
    q, q_lo = two_prod(zc, zc)
    if order == 2:
        value = times_exp(((2.0 - q) - q_lo) * _INV_SQRT_2PI, -q / 2, -q_lo / 2)
    else:
        erfc = np.asarray(_erfc(-x), dtype=np.float64)
        gauss = times_exp(np.full_like(z, _TWO_OVER_SQRT_PI), -(x * x))
        cdf = 0.5 * (erfc + x_lo * gauss)
        if order == 0:
            value = _times(z, cdf)
        else:
            value = cdf + _times(z, times_exp(np.full_like(z, _INV_SQRT_2PI), -q / 2, -q_lo / 2))
    tail = (z < _GELU_TAIL) & (z > -1e3)
    if not tail.any():
        return value
    # The tail, scaled: Phi = phi S / |z| with S Mills' series, so no subnormal appears.
    t = np.where(tail, z, _GELU_TAIL)
    inv = 1.0 / (t * t)
    series = np.zeros_like(t)
    for c in reversed(_MILLS):
        series = series * inv + c
    factor = (-series, series / -t + t, (2.0 - q) - q_lo)[order] * _INV_SQRT_2PI
    scaled = times_exp(factor, -np.where(tail, q, 0.0) / 2, -np.where(tail, q_lo, 0.0) / 2)
    return np.where(tail, scaled, value)


def gelu_tanh(z: FloatArray, order: int) -> FloatArray:
    # z/2 (1 + tanh u) = z sigma(2u), u = sqrt(2/pi) (z + a z^3). 2u is carried as a
    # double-double: its rounding would otherwise cost ~|2u| ulp in sigma's left tail.
    zc = np.clip(z, -1e3, 1e3)  # sigma(2u) is 0 or 1 far beyond: keeps every step finite
    z2, z2_lo = two_prod(zc, zc)
    z3, z3_lo = two_prod(zc, z2)
    z3_lo = z3_lo + zc * z2_lo
    az3, az3_lo = two_prod(np.full_like(z, _GELU_A), z3)
    inner, inner_lo = two_sum(zc, az3)
    inner_lo = inner_lo + (az3_lo + _GELU_A * z3_lo)
    c = 2.0 * _SQRT_2_PI[0]
    x, x_lo = two_prod(np.full_like(z, c), inner)
    x_lo = x_lo + c * inner_lo + 2.0 * _SQRT_2_PI[1] * inner
    du = _SQRT_2_PI[0] * (1.0 + 3.0 * _GELU_A * zc * zc)
    ddu = 6.0 * _SQRT_2_PI[0] * _GELU_A * zc
    if order == 0:
        factor, value = z, _times(z, logistic_dd(x, x_lo, 0))
    elif order == 1:
        factor = 1.0 + 2.0 * zc * du
        value = logistic_dd(x, x_lo, 0) + _times(2.0 * zc * du, logistic_dd(x, x_lo, 1))
    else:
        factor = 4.0 * du + 2.0 * zc * ddu + 4.0 * zc * du * du
        value = _times(4.0 * du + 2.0 * zc * ddu, logistic_dd(x, x_lo, 1)) + _times(
            4.0 * zc * du * du, logistic_dd(x, x_lo, 2)
        )
    # Where sigma(2u) or its derivatives would be subnormal, scale instead: on the left every
    # order of sigma is e^x; on the right sigma' = e^-x and sigma'' = -e^-x (order 2 only).
    left = (x < _FAR_LEFT) & (x > -1500.0)
    right = (x > -_FAR_LEFT) & (x < 1500.0) & (order == 2)
    if not (left.any() or right.any()):
        return value
    if order == 2:
        factor = np.where(left, factor, 4.0 * du + 2.0 * zc * ddu - 4.0 * zc * du * du)
    far = left | right
    sign = np.where(left, 1.0, -1.0)
    scaled = times_exp(
        np.where(far, factor, 0.0), np.where(far, sign * x, 0.0), np.where(far, sign * x_lo, 0.0)
    )
    return np.where(far, scaled, value)


def mish(z: FloatArray, order: int) -> FloatArray:
    # With q = sigma(-z) = e^-softplus(z): tanh(softplus) = t and sech^2 = 4q^2/(1+q^2)^2.
    t = np.tanh(softplus(z, 0))
    q = logistic(-z, 0)
    sech2 = 4.0 * q * q / (1.0 + q * q) ** 2
    s = logistic(z, 0)
    value = _by_order(
        z,
        order,
        lambda: _times(z, t),
        lambda: t + _times(z, sech2 * s),
        lambda: 2.0 * sech2 * s + _times(z, sech2 * (logistic(z, 1) - 2.0 * t * s * s)),
    )
    return _far_left(z, order, value)  # where mish and silu agree to 1e-300


def _elu_like(
    z: FloatArray, order: int, *, alpha: float = 1.0, scale: float = 1.0, inner: float = 1.0
) -> FloatArray:
    """scale * (z for z > 0, alpha (e^(z/inner) - 1) below): ELU (1, 1, 1), SELU (alpha, lambda,
    1) and CELU (alpha, 1, alpha) are this one family (PyTorch's definitions)."""
    below = np.exp(np.minimum(z, 0.0) / inner)
    return scale * _by_order(
        z,
        order,
        lambda: np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0) / inner)),
        lambda: np.where(z >= 0, 1.0, (alpha / inner) * below),
        lambda: np.where(z >= 0, 0.0, (alpha / inner**2) * below),
    )


def elu(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    return _elu_like(z, order, alpha=alpha)


def selu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order, alpha=_SELU_ALPHA, scale=_SELU_SCALE)


def celu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order, alpha=_CELU_ALPHA, inner=_CELU_ALPHA)


def relu(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z, order, lambda: np.maximum(z, 0.0), lambda: _pieces(z, (0,), (0, 1)), lambda: 0.0
    )


def leaky_relu(z: FloatArray, order: int, negative_slope: float = _LEAK) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.where(z >= 0, z, negative_slope * z),
        lambda: _pieces(z, (0,), (negative_slope, 1)),
        lambda: 0.0,
    )


def relu6(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z, order, lambda: np.clip(z, 0.0, 6.0), lambda: _pieces(z, (0, 6), (0, 1, 0)), lambda: 0.0
    )


def hardsigmoid(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.clip((z + 3.0) / 6.0, 0.0, 1.0),  # z/6 + 1/2 cancels next to -3
        lambda: _pieces(z, (-3, 3), (0, 1 / 6, 0)),
        lambda: 0.0,
    )


def hardtanh(z: FloatArray, order: int, min_val: float = -1.0, max_val: float = 1.0) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.clip(z, min_val, max_val),
        lambda: _pieces(z, (min_val, max_val), (0, 1, 0)),
        lambda: 0.0,
    )


def hardswish(z: FloatArray, order: int) -> FloatArray:
    middle = np.clip(z, -3.0, 3.0)
    return _by_order(
        z,
        order,
        lambda: np.where(z <= -3, 0.0, np.where(z >= 3, z, middle * (middle + 3.0) / 6.0)),
        lambda: np.where(z < -3, 0.0, np.where(z >= 3, 1.0, (2.0 * middle + 3.0) / 6.0)),
        lambda: _pieces(z, (-3, 3), (0, 1 / 3, 0)),
    )


def logsigmoid(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z, order, lambda: -softplus(-z, 0), lambda: logistic(-z, 0), lambda: -logistic(z, 1)
    )


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
    small = np.clip(z, -_TANHSHRINK_SMALL, _TANHSHRINK_SMALL)
    z2 = small * small
    series = np.zeros_like(z)
    for c in reversed(_tanhshrink_series()):
        series = series * z2 + c
    return np.where(np.abs(z) < _TANHSHRINK_SMALL, series * z2 * small, z - np.tanh(z))


def tanhshrink(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: _tanhshrink(z),
        lambda: np.tanh(z) ** 2,
        lambda: 8.0 * np.tanh(z) * logistic(2.0 * z, 1),
    )


def softshrink(z: FloatArray, order: int, lambd: float = _SHRINK) -> FloatArray:
    lam = lambd
    return _by_order(
        z,
        order,
        lambda: np.where(z > lam, z - lam, np.where(z < -lam, z + lam, 0.0)),
        lambda: _pieces(z, (-lam, lam), (1, 0, 1)),
        lambda: 0.0,
    )


def hardshrink(z: FloatArray, order: int, lambd: float = _SHRINK) -> FloatArray:
    lam = lambd
    return _by_order(
        z,
        order,
        lambda: np.where(np.abs(z) > lam, z, 0.0),
        lambda: _pieces(z, (-lam, lam), (1, 0, 1)),
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
