"""The activation catalogue's numerics: each function's orders 0-2 on float64 arrays.

Every evaluator takes a float64 array and a checked order and returns float64 of the
same shape. Formulas are chosen to stay accurate and finite over all floats: 1 - tanh^2
is written as 4 sigma'(2z), products like z * sigma'(z) are 0 where the decaying factor
is (not inf * 0 = nan), and tails use log1p / expm1. The caller
(:func:`sigplot.functions.evaluate`) masks nan inputs and silences only overflow to
+-inf and underflow to 0, which are the true limits here.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from sigplot.logistic import FloatArray, logistic

Evaluator = Callable[[FloatArray, int], FloatArray]

_SQRT_2_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
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
        lambda: -2.0 * np.sign(z) / a**3,
    )


def silu(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: _times(z, logistic(z, 0)),
        lambda: logistic(z, 0) + _times(z, logistic(z, 1)),
        lambda: 2.0 * logistic(z, 1) + _times(z, logistic(z, 2)),
    )


def _normal_cdf(z: FloatArray) -> FloatArray:
    return 0.5 * np.asarray(_erfc(-z / math.sqrt(2.0)), dtype=np.float64)


def _normal_pdf(z: FloatArray) -> FloatArray:
    return _INV_SQRT_2PI * np.exp(-0.5 * z * z)


def gelu(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: _times(z, _normal_cdf(z)),
        lambda: _normal_cdf(z) + _times(z, _normal_pdf(z)),
        lambda: 2.0 * _normal_pdf(z) - _times(z, _times(z, _normal_pdf(z))),
    )


def gelu_tanh(z: FloatArray, order: int) -> FloatArray:
    # z/2 (1 + tanh u) = z sigma(2u), u = sqrt(2/pi) (z + a z^3).
    u2 = 2.0 * _SQRT_2_PI * (z + _GELU_A * z**3)
    du = _SQRT_2_PI * (1.0 + 3.0 * _GELU_A * z * z)
    ddu = 6.0 * _SQRT_2_PI * _GELU_A * z
    return _by_order(
        z,
        order,
        lambda: _times(z, logistic(u2, 0)),
        lambda: logistic(u2, 0) + _times(2.0 * z * du, logistic(u2, 1)),
        lambda: (
            _times(4.0 * du + 2.0 * z * ddu, logistic(u2, 1))
            + _times(4.0 * z * du * du, logistic(u2, 2))
        ),
    )


def mish(z: FloatArray, order: int) -> FloatArray:
    # With q = sigma(-z) = e^-softplus(z): tanh(softplus) = t and sech^2 = 4q^2/(1+q^2)^2.
    t = np.tanh(softplus(z, 0))
    q = logistic(-z, 0)
    sech2 = 4.0 * q * q / (1.0 + q * q) ** 2
    s = logistic(z, 0)
    return _by_order(
        z,
        order,
        lambda: _times(z, t),
        lambda: t + _times(z, sech2 * s),
        lambda: 2.0 * sech2 * s + _times(z, sech2 * (logistic(z, 1) - 2.0 * t * s * s)),
    )


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


def elu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order)


def selu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order, alpha=_SELU_ALPHA, scale=_SELU_SCALE)


def celu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order, alpha=_CELU_ALPHA, inner=_CELU_ALPHA)


def relu(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z, order, lambda: np.maximum(z, 0.0), lambda: _pieces(z, (0,), (0, 1)), lambda: 0.0
    )


def leaky_relu(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.where(z >= 0, z, _LEAK * z),
        lambda: _pieces(z, (0,), (_LEAK, 1)),
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
        lambda: np.clip(z / 6.0 + 0.5, 0.0, 1.0),
        lambda: _pieces(z, (-3, 3), (0, 1 / 6, 0)),
        lambda: 0.0,
    )


def hardtanh(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z, order, lambda: np.clip(z, -1.0, 1.0), lambda: _pieces(z, (-1, 1), (0, 1, 0)), lambda: 0.0
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


# z - tanh z = sum c_k z^(2k+1) near 0, where the subtraction would cancel.
_TANHSHRINK_SERIES = (
    1 / 3,
    -2 / 15,
    17 / 315,
    -62 / 2835,
    1382 / 155925,
    -21844 / 6081075,
    929569 / 638512875,
)
_TANHSHRINK_SMALL = 0.1


def _tanhshrink(z: FloatArray) -> FloatArray:
    small = np.clip(z, -_TANHSHRINK_SMALL, _TANHSHRINK_SMALL)
    z2 = small * small
    series = np.zeros_like(z)
    for c in reversed(_TANHSHRINK_SERIES):
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


def softshrink(z: FloatArray, order: int) -> FloatArray:
    lam = _SHRINK
    return _by_order(
        z,
        order,
        lambda: np.where(z > lam, z - lam, np.where(z < -lam, z + lam, 0.0)),
        lambda: _pieces(z, (-lam, lam), (1, 0, 1)),
        lambda: 0.0,
    )


def hardshrink(z: FloatArray, order: int) -> FloatArray:
    lam = _SHRINK
    return _by_order(
        z,
        order,
        lambda: np.where(np.abs(z) > lam, z, 0.0),
        lambda: _pieces(z, (-lam, lam), (1, 0, 1)),
        lambda: 0.0,
    )


EVALUATORS: dict[str, Evaluator] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "softplus": softplus,
    "softsign": softsign,
    "silu": silu,
    "gelu": gelu,
    "gelu_tanh": gelu_tanh,
    "mish": mish,
    "elu": elu,
    "selu": selu,
    "celu": celu,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "relu6": relu6,
    "hardsigmoid": hardsigmoid,
    "hardtanh": hardtanh,
    "hardswish": hardswish,
    "logsigmoid": logsigmoid,
    "tanhshrink": tanhshrink,
    "softshrink": softshrink,
    "hardshrink": hardshrink,
}
