"""The catalogue's newer kernels: PyTorch's threshold, prelu and rrelu, JAX's and Keras'
squareplus, sparse_plus, sparse_sigmoid, exponential and identity, and relu_squared,
quick_gelu and snake from current models; each with orders 0-2 on float64 arrays. Also
softplus and celu at parameters other than their defaults.

As in :mod:`sigplot.maths.activations`: any float in, float64 out, no warnings (the caller
silences only overflow to +-inf and underflow to 0), derivatives at a kink from the right.
Arguments that a tail magnifies are carried as double-doubles (1.702 z in quick_gelu,
alpha z in snake). Registered by name in :data:`KERNELS`.
"""

from __future__ import annotations

import math

import numpy as np

from sigplot.maths import activations
from sigplot.maths.activations import Kernel, _by_order, _pieces, silu
from sigplot.maths.logistic import FloatArray, logistic, times_exp, two_prod, two_sum
from sigplot.maths.zero_series import refine

_QUICK = 1.702  # quick_gelu's constant, as the double the frameworks use


def threshold(z: FloatArray, order: int, threshold: float = 0.0, value: float = 0.5) -> FloatArray:
    # PyTorch: z where z > threshold, else value; the slope from the right at the kink.
    return _by_order(
        z,
        order,
        lambda: np.where(z > threshold, z, value),
        lambda: _pieces(z, (threshold,), (0, 1)),
        lambda: 0.0,
    )


def softplus_at(
    z: FloatArray, order: int, beta: float = 1.0, threshold: float = math.inf
) -> FloatArray:
    """softplus(beta z)/beta, and z itself where beta z > threshold (PyTorch's shortcut,
    only when asked for): activations.softplus at the defaults. beta z is carried as two
    doubles: its rounding would cost |beta z| ulp in the left tail."""
    if beta == 1.0 and threshold == math.inf:
        return activations.softplus(z, order)
    p, e = two_prod(np.full_like(z, beta), z)
    e = np.where(np.isfinite(e), e, 0.0)
    right = p > 40.0  # softplus(p)/beta = z + ln(1 + e^-p)/beta: no overflow in p
    tail = np.log1p(np.exp(-np.abs(p)))
    value = _by_order(
        z,
        order,
        lambda: np.where(
            right, z + tail / beta, (np.maximum(p, 0.0) + tail + e * logistic(p, 0)) / beta
        ),
        lambda: logistic(p, 0) + e * logistic(p, 1),
        lambda: beta * (logistic(p, 1) + e * logistic(p, 2)),
    )
    linear = (p > threshold) | ((p == threshold) & (e > 0))  # beta z itself, exactly
    return np.where(linear, (z, 1.0, 0.0)[order], value)


def celu_at(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    """max(0, z) + min(0, alpha (e^(z/alpha) - 1)): activations.celu at alpha = 1. z/alpha
    is carried as two doubles: e^(z/alpha) magnifies its rounding by |z/alpha|."""
    if alpha == 1.0:
        return activations.celu(z, order)
    zc = np.clip(z, -1e300, 1e300)  # no inf - inf below
    q = zc / alpha
    qa, qa_lo = two_prod(q, np.full_like(z, alpha))
    q_lo = np.where(np.isfinite(qa_lo), ((zc - qa) - qa_lo) / alpha, 0.0)
    x = np.minimum(q, 0.0)
    x_lo = np.where((q < 0) & (q > -1500.0), q_lo, 0.0)  # e^(z/alpha) is 0 below -1500
    below = times_exp(np.ones_like(z), np.maximum(x, -1500.0), x_lo)
    return _by_order(
        z,
        order,
        lambda: np.where(z > 0, z, alpha * (np.expm1(x) + x_lo * below)),
        lambda: np.where(z >= 0, 1.0, below),
        lambda: np.where(z >= 0, 0.0, below / alpha),
    )


def _leaky(z: FloatArray, order: int, slope: float) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.where(z >= 0, z, slope * z),
        lambda: _pieces(z, (0,), (slope, 1)),
        lambda: 0.0,
    )


def prelu(z: FloatArray, order: int, weight: float = 0.25) -> FloatArray:
    return _leaky(z, order, weight)


def rrelu(z: FloatArray, order: int, lower: float = 1 / 8, upper: float = 1 / 3) -> FloatArray:
    # In evaluation mode RReLU is a leaky ReLU with the mean of its random slope.
    return _leaky(z, order, (lower + upper) / 2)


def squareplus(z: FloatArray, order: int, b: float = 4.0) -> FloatArray:
    # s = sqrt(z^2 + b) without overflow; below 0, (z + s)/2 = b / (2 (s - z)) does not cancel.
    zc = np.where(np.isinf(z), np.copysign(1e300, z), z)  # no inf - inf; limits set below
    s = np.hypot(zc, np.sqrt(b))
    gap = np.where(zc < 0, 0.5 * s - 0.5 * zc, 1.0)  # halves: no overflow at z = -1e308
    value = np.where(zc >= 0, 0.5 * zc + 0.5 * s, (0.25 * b) / gap)
    if order == 0:
        return np.where(np.isinf(z), np.maximum(z, 0.0), value)
    if order == 1:
        return value / s  # (1 + z/s)/2 = f/s, free of cancellation
    z = zc
    # b/(2 q^(3/2)), q = z^2 + b, with q, its root and q^(3/2) carried as double-doubles
    # (each rounding costs an ulp otherwise, 4 in all); past |z| = 1e100, q is z^2.
    small = np.abs(z) < 1e100  # q^(3/2) stays finite
    zs = np.where(small, z, 0.0)
    sq, sq_lo = two_prod(zs, zs)
    q, q_lo = two_sum(sq, np.full_like(z, b))
    q_lo = q_lo + sq_lo
    r = np.sqrt(q)
    rr, rr_lo = two_prod(r, r)
    r_lo = ((q - rr) - rr_lo + q_lo) / (2.0 * r)
    c, c_lo = two_prod(q, r)
    c_lo = c_lo + q * r_lo + q_lo * r
    near = (0.5 * b) / c
    return np.where(small, near - near * (c_lo / c), ((0.5 * b) / s) / s / s)


def sparse_plus(z: FloatArray, order: int) -> FloatArray:
    middle = np.clip(z, -1.0, 1.0) + 1.0
    return _by_order(
        z,
        order,
        lambda: np.where(z <= -1, 0.0, np.where(z >= 1, z, 0.25 * middle * middle)),
        lambda: 0.5 * middle,
        lambda: _pieces(z, (-1, 1), (0, 0.5, 0)),
    )


def sparse_sigmoid(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: 0.5 * (np.clip(z, -1.0, 1.0) + 1.0),
        lambda: _pieces(z, (-1, 1), (0, 0.5, 0)),
        lambda: 0.0,
    )


def exponential(z: FloatArray, order: int) -> FloatArray:
    return np.exp(z)


def identity(z: FloatArray, order: int) -> FloatArray:
    return _by_order(z, order, lambda: z, lambda: 1.0, lambda: 0.0)


def relu_squared(z: FloatArray, order: int) -> FloatArray:
    r = np.maximum(z, 0.0)
    return _by_order(z, order, lambda: r * r, lambda: 2.0 * r, lambda: _pieces(z, (0,), (0, 2)))


def _times(a: FloatArray, b: FloatArray) -> FloatArray:
    """a * b, 0 where b is (a decaying factor beats a growing one)."""
    with np.errstate(invalid="ignore"):
        return np.where(b == 0, 0.0, a * b)


def _silu2(x: FloatArray) -> FloatArray:
    """silu''(x) = sigma'(x) (2 - x tanh(x/2)) = sigma'(x) ((2 - |x|) + 2|x| sigma(-|x|)):
    the two terms of 2 sigma' + x sigma'' have opposite signs for x < 0 and cost up to 5
    ulp; these cancel only near the zeros at +-2.3994, where the zero series takes over."""
    a = np.abs(x)
    return _times(logistic(x, 1), (2.0 - a) + 2.0 * a * logistic(-a, 0))


def quick_gelu(z: FloatArray, order: int) -> FloatArray:
    # z sigma(x) with x = 1.702 z = p + e exactly: f^(n)(z) = 1.702^(n-1) silu^(n)(x), and
    # silu^(n)(p + e) = silu^(n)(p) + e silu^(n+1)(p), silu's zero series included, so the
    # rounding of 1.702 z costs nothing near the zeros or in the left tail.
    p, e = two_prod(np.full_like(z, _QUICK), np.clip(z, -1e300, 1e300))
    e = np.where(np.isfinite(e), e, 0.0)
    if order == 0:
        value = _times(z, logistic(p, 0) + e * logistic(p, 1))
    else:
        nxt = order + 1  # silu^(n+1) = (n+1) sigma^(n) + x sigma^(n+1), for the correction
        slope = nxt * logistic(p, order) + _times(p, logistic(p, nxt))
        closed = silu(p, 1) if order == 1 else _silu2(p)
        value = refine("silu", order, p, closed) + e * slope
        value = value if order == 1 else _QUICK * value
    far = (p < -700.0) & (p > -1500.0)  # every order of silu is (x + n) e^x there
    if far.any():
        x, x_lo = np.where(far, p, 0.0), np.where(far, e, 0.0)
        factor = np.where(far, z, 0.0) if order == 0 else (x + order) + x_lo
        scaled = times_exp(factor, x, x_lo) * (_QUICK if order == 2 else 1.0)
        value = np.where(far, scaled, value)
    return value


def snake(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    # z + sin^2(w)/alpha with w = alpha z = p + e exactly. f' = 1 + sin 2w touches 0 at each
    # 2w = -pi/2 (mod 2 pi), where 1 + sin cancels: there it is cos^2 2w / (1 - sin 2w).
    # At +-inf the function goes to +-inf and its derivatives have no limit (nan); so where
    # alpha z is past the largest double (alpha > 1 only), which no double can locate.
    finite = np.isfinite(z)
    zf = np.where(finite, z, 0.0)
    big = np.abs(zf) > 1e150  # two_prod splits overflow there: scale by a power of two
    scale = np.where(big, 2.0**-600, 1.0)
    p, e = two_prod(np.full_like(z, alpha), zf * scale)
    p, e = p / scale, e / scale
    finite &= np.isfinite(p)  # alpha z past the largest double: f is z, f' and f'' unknown
    p, e = np.where(finite, p, 0.0), np.where(finite, e, 0.0)
    if order == 0:
        s = np.sin(p) * np.cos(e) + np.cos(p) * np.sin(e)  # sin(p + e); e >= 1 past 2^53
        # z + s^2/alpha cancels for w in (-1.6, 0) (by 2.6 at most): s^2/alpha and the sum
        # are carried as two doubles, so only the error of sin itself remains.
        h, h_lo = two_prod(s, s)
        t = h / alpha
        ta, ta_lo = two_prod(t, np.full_like(z, alpha))
        t_lo = ((h - ta) - ta_lo + h_lo) / alpha
        r, r_lo = two_sum(zf, t)
        value = r + (r_lo + np.where(np.abs(zf) < 1e300, t_lo, 0.0))
        return np.where(finite, value, z)  # +-inf, and z where alpha z overflows
    x, x_lo = 2.0 * p, 2.0 * e
    huge = ~np.isfinite(x)  # |2 alpha z| past the largest double: sin 2w = 2 sin w cos w
    xs = np.where(huge, 0.0, x)
    sin_x = np.sin(xs) * np.cos(x_lo) + np.cos(xs) * np.sin(x_lo)
    cos_x = np.cos(xs) * np.cos(x_lo) - np.sin(xs) * np.sin(x_lo)
    sin2 = np.where(huge, 2.0 * np.sin(p) * np.cos(p), sin_x)
    cos2 = np.where(huge, (np.cos(p) - np.sin(p)) * (np.cos(p) + np.sin(p)), cos_x)
    if order == 1:
        value = np.where(sin2 > 0, 1.0 + sin2, cos2 * cos2 / (1.0 - np.minimum(sin2, 0.0)))
    else:
        value = 2.0 * alpha * cos2
    return np.where(finite, value, np.nan)


# softplus and celu at any parameters (activations' own kernels at the defaults).
KERNELS: dict[str, Kernel] = {
    "softplus": softplus_at, "celu": celu_at, "threshold": threshold, "prelu": prelu,
    "rrelu": rrelu, "squareplus": squareplus,
    "sparse_plus": sparse_plus, "sparse_sigmoid": sparse_sigmoid, "exponential": exponential,
    "identity": identity, "relu_squared": relu_squared, "quick_gelu": quick_gelu,
    "snake": snake,
}  # fmt: skip
