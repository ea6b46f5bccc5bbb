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

from sigplot.maths.logistic import (
    FloatArray,
    Scaled,
    dd_add,
    dd_div,
    dd_mul,
    exp_parts,
    exp_scaled,
    logistic,
    logistic_dd,
    times_exp,
    two_prod,
    two_sum,
)

# Constants as double-doubles (hi, lo), so that arguments keep their last bits in the tails.
_SQRT_2_PI = (0.7978845608028654, -4.98465440455546e-17)  # sqrt(2/pi)
_INV_SQRT2 = (0.7071067811865476, -4.833646656726457e-17)
_INV_SQRT_2PI = 0.3989422804014327
_INV_SQRT_2PI_DD = (0.3989422804014327, -2.49232720227773e-17)
_TWO_OVER_SQRT_PI = 1.1283791670955126
# Past this |z|, sigma and all its derivatives are +-e^-|z| to 1e-300, and e^-|z| < 1e-304:
# products with it, or a gain's K^n times it, would lose bits to subnormals.
_TAIL = 700.0
# Past this, e^-|z| is 0 even times the largest K^n a gain can make (2^3072, K^3 at
# K = 1.8e308): e^-3000 is 2^-4328.
_GONE = 3000.0
_GELU_A = 0.044715
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_SHRINK = 0.5  # PyTorch's lambda for softshrink and hardshrink
_LEAK = 0.01  # PyTorch's negative_slope for leaky_relu
_erfc = np.frompyfunc(math.erfc, 1, 1)  # numpy has no erf; libm's is accurate to ~1 ulp


# A tail: (z, the low part lo of the double-double argument z + lo, order, and the
# function's parameters as keywords) -> its pieces.
Tail = Callable[..., tuple[Scaled, ...]]
_Factor = Callable[[FloatArray, FloatArray], FloatArray | float]


def _side(
    z: FloatArray,
    lo: FloatArray,
    side: float,
    factor: _Factor,
    *,
    rate: float = 1.0,
    start: float = _TAIL,
) -> Scaled:
    """factor(z, lo) e^(-rate |z + lo|) where side * z > start (side -1 is the left tail)."""
    mask = (side * z > start) & (side * z < _GONE / rate)
    if not mask.any():
        return Scaled(mask, np.zeros(0), np.zeros(0, np.int64))
    zm, lm = z[mask], lo[mask]
    hi, e_lo, k = exp_scaled(-side * rate * zm, -side * rate * lm)
    f = np.broadcast_to(np.asarray(factor(zm, lm), dtype=np.float64), zm.shape)
    return Scaled(mask, f * hi + f * e_lo, k.astype(np.int64))


def _tailed(tail: Tail, z: FloatArray, order: int, value: FloatArray) -> FloatArray:
    """``value`` with the tail's points replaced by mantissa * 2**exponent, rounded once."""
    for part in tail(z, np.broadcast_to(0.0, z.shape), order):
        if part.mask.any():
            value[part.mask] = np.ldexp(part.mantissa, part.exponent)
    return value


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


def _constant(value: float) -> _Factor:
    return lambda z, lo: value


def _sigmoid_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # Left: every order is e^z. Right: sigma^(n) = (-1)^(n+1) e^-z for n >= 1.
    left = _side(z, lo, -1.0, _constant(1.0))
    if order == 0:
        return (left,)
    return (left, _side(z, lo, 1.0, _constant((-1.0) ** (order + 1))))


def sigmoid(z: FloatArray, order: int) -> FloatArray:
    return _tailed(_sigmoid_tail, z, order, logistic(z, order))


def _tanh_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # sech^2 z = 4 e^-2|z| and tanh z = sign z past |z| = 350.
    if order == 0:
        return ()
    left, right = {1: (4.0, 4.0), 2: (8.0, -8.0), 3: (16.0, 16.0)}[order]
    return (
        _side(z, lo, -1.0, _constant(left), rate=2.0, start=_TAIL / 2),
        _side(z, lo, 1.0, _constant(right), rate=2.0, start=_TAIL / 2),
    )


def tanh(z: FloatArray, order: int) -> FloatArray:
    # 1 - tanh^2 z = sech^2 z = 4 sigma'(2z): no cancellation in the tails.
    value = _by_order(
        z,
        order,
        lambda: np.tanh(z),
        lambda: 4.0 * logistic(2.0 * z, 1),
        lambda: 8.0 * logistic(2.0 * z, 2),  # -2 tanh z sech^2 z
        lambda: -8.0 * logistic(2.0 * z, 1) * (1.0 - 3.0 * np.tanh(z) ** 2),
    )
    return _tailed(_tanh_tail, z, order, value)


def softplus(z: FloatArray, order: int) -> FloatArray:
    # Its tails, at any beta, are extra_activations.softplus_tail's.
    return _by_order(
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
    r = np.where(zm >= 0, c, abs(c)) / p  # the right-hand value at the kink: -2 at 0
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
        return _tailed(_softsign_tail, z, order, value)
    finite = np.clip(z, -1e300, 1e300)  # z / (1 + |z|) is 1 at inf, not inf / inf
    return finite / (1.0 + np.abs(finite))


def _silu_left(order: int) -> _Factor:
    # silu and mish of every order are (z + n) e^z to 1e-300 past z = -700.
    return lambda z, lo: (z + order) + lo


def _silu_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    left = _side(z, lo, -1.0, _silu_left(order))
    if order < 2:
        return (left,)
    # Right: silu'' = 2 sigma' + z sigma'' = (2 - z) e^-z and silu''' = (z - 3) e^-z: silu''
    # is normal up to z = 715, though sigma'(z) and z sigma''(z) are subnormal past 708.4.
    if order == 2:
        return (left, _side(z, lo, 1.0, lambda z, lo: (2.0 - z) - lo))
    return (left, _side(z, lo, 1.0, lambda z, lo: (z - 3.0) + lo))


DD = tuple[FloatArray, FloatArray]  # a double-double (hi, lo)


def _scales(b: float) -> bool:
    """Whether b z is exact for every double z: b is 0 or a power of two."""
    return b == 0 or math.frexp(abs(b))[0] == 0.5


def _linear(
    alpha: FloatArray | float, beta: FloatArray | float, z: FloatArray, *, exact: bool = False
) -> DD:
    """alpha + beta z as a double-double, exactly (``exact``: beta z needs no rounding, as
    where beta is 0 or a power of two, so the product's error term is skipped)."""
    b = np.broadcast_to(beta, z.shape).astype(np.float64)
    p, p_lo = (b * z, 0.0) if exact else two_prod(b, z)
    return dd_add(np.broadcast_to(alpha, z.shape).astype(np.float64), 0.0, p, p_lo)


def _horner(w: DD, coefficients: list[DD]) -> DD:
    """c0 + w (c1 + w (c2 + ...)) in double-double arithmetic (c0 first)."""
    r = coefficients[-1]
    for c in reversed(coefficients[:-1]):
        r = dd_add(*c, *dd_mul(*w, *r))
    return r


def _ratio(n: DD, d: DD, power: int) -> FloatArray:
    """n / d^power, rounded once (power 1 to 3)."""
    den = d
    for _ in range(power - 1):
        den = dd_mul(*den, *d)
    return dd_div(*n, *den)


def _silu_closed(z: FloatArray, order: int) -> FloatArray:
    # silu' and silu'' as rational functions of e = e^-|z| with every piece a double-double
    # and one rounding at the end (sigma + z sigma' and 2 sigma' + z sigma'' added up to
    # 5 ulp of rounding where their terms have opposite signs):
    #   silu'  = (1 + e (1 + z)) / (1 + e)^2 for z >= 0, e ((1 + z) + e) / (1 + e)^2 below;
    #   silu'' = e ((2 - |z|) + e (2 + |z|)) / (1 + e)^3, an even function.
    zc = np.clip(z, -746.0, 746.0)  # e is 0 beyond; keeps the products finite
    a = np.abs(zc)
    x = exp_parts(a)
    e: DD = (x.e, x.e_lo)
    u: DD = (x.u, x.u_lo)
    if order == 1:
        c = _linear(1.0, 1.0, zc)
        above = dd_add(np.ones_like(zc), 0.0, *dd_mul(*e, *c))
        below = dd_mul(*e, *dd_add(*c, *e))
        n = (np.where(zc >= 0, above[0], below[0]), np.where(zc >= 0, above[1], below[1]))
        return _ratio(n, u, 2)
    inner = dd_add(*_linear(2.0, -1.0, a), *dd_mul(*e, *_linear(2.0, 1.0, a)))
    return _ratio(dd_mul(*e, *inner), u, 3)


def silu(z: FloatArray, order: int) -> FloatArray:
    value = _by_order(
        z,
        order,
        lambda: _times(z, logistic(z, 0)),
        lambda: _silu_closed(z, 1),
        lambda: _silu_closed(z, 2),
        lambda: 3.0 * logistic(z, 2) + _times(z, logistic(z, 3)),
    )
    return _tailed(_silu_tail, z, order, value)


# Mills' ratio: Phi(z) = phi(z)/|z| (1 - 1/z^2 + 3/z^4 - 15/z^6 ...) for z -> -inf; 24
# terms reach 1e-17 at |z| >= 10, from where it replaces erfc (libm's, up to 2 ulp) and
# Phi never passes through a subnormal.
_MILLS = tuple((-1) ** k * math.prod(range(1, 2 * k, 2)) for k in range(24))
_GELU_TAIL = 10.0
_GELU_GONE = 1e3  # Phi is 0 or 1 and phi is 0 past this, for any gain


def _square(z: FloatArray, lo: FloatArray | float = 0.0) -> tuple[FloatArray, FloatArray]:
    """(z + lo)^2 as a double-double, to ~1e-32 relative."""
    q, q_lo = two_prod(z, z)
    return q, q_lo + 2.0 * z * lo


def _gelu_factor(z: FloatArray, lo: FloatArray, order: int) -> DD:
    """P with gelu^(n)(z + lo) = P phi(z + lo) sqrt(2 pi), a double-double (Mills' series
    for orders 0-1, which serve only z < -30)."""
    if order >= 2:
        q, q_lo = _square(z, lo)
        if order == 2:
            return dd_add(np.full_like(z, 2.0), 0.0, -q, -q_lo)
        p = dd_mul(z, 0.0, *dd_add(q, q_lo, np.full_like(z, -4.0), 0.0))
        return dd_add(*p, lo * (3.0 * q - 4.0), 0.0)
    inv = 1.0 / (z * z)
    series = np.zeros_like(z)
    for c in reversed(_MILLS):
        series = series * inv + c
    return (-series, np.zeros_like(z)) if order == 0 else dd_add(z, lo, series / -z, 0.0)


def _gelu_scaled(z: FloatArray, lo: FloatArray, order: int) -> tuple[FloatArray, FloatArray]:
    """(mantissa, exponent) of gelu^(n)(z + lo) = P e^(-(z + lo)^2 / 2 - ln sqrt(2 pi)): the
    exponent's argument a double-double (z^2's rounding is magnified by z^2: 1e3 ulp at
    z = -37), the factor P a double-double, multiplied and rounded about once."""
    q, q_lo = _square(z, lo)
    x, x_err = two_sum(-q / 2, np.full_like(z, -_LN_SQRT_2PI[0]))
    hi, e_lo, k = exp_scaled(x, (x_err - q_lo / 2) - _LN_SQRT_2PI[1])
    f, f_lo = _gelu_factor(z, lo, order)
    return f * hi + (f * e_lo + f_lo * hi), k


_LN_SQRT_2PI = (0.9189385332046728, -3.8782941580672414e-17)  # ln sqrt(2 pi)


def _gelu_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # Orders 0-1 below z = -30 (Phi by Mills' ratio), orders 2-3 past |z| = 30 on both sides.
    side = -1.0 if order < 2 else np.sign(z)
    mask = (side * z > _GELU_TAIL) & (np.abs(z) < _GELU_GONE)
    mantissa, k = _gelu_scaled(z[mask], lo[mask], order)
    return (Scaled(mask, mantissa, k.astype(np.int64)),)


def gelu(z: FloatArray, order: int) -> FloatArray:
    # z/sqrt 2 and z^2 are carried as double-doubles: in the left tail erfc and e^(-z^2/2)
    # magnify an argument's rounding by z^2 (1e3 ulp at z = -37 otherwise).
    # Past |z| = 1e3, Phi is 0 or 1 and phi is 0: clipping keeps every step finite.
    zc = np.clip(z, -_GELU_GONE, _GELU_GONE)
    q, q_lo = _square(zc)
    if order >= 2:
        mantissa, k = _gelu_scaled(zc, np.zeros_like(zc), order)
        value = np.ldexp(mantissa, k.astype(np.int64))
    else:
        x, x_lo = two_prod(zc, np.full_like(z, _INV_SQRT2[0]))
        x_lo = x_lo + zc * _INV_SQRT2[1]
        # libm's erfc (a Python call per point) only where Mills' ratio does not take over.
        erfc = np.zeros_like(x)
        body = zc > -_GELU_TAIL
        erfc[body] = np.asarray(_erfc(-x[body]), dtype=np.float64)
        gauss = times_exp(np.full_like(z, _TWO_OVER_SQRT_PI), -(x * x))
        cdf = 0.5 * (erfc + x_lo * gauss)
        if order == 0:  # z (erfc + x_lo gauss) / 2 rounded once
            zc_cdf = dd_mul(zc, 0.0, 0.5 * erfc, 0.5 * x_lo * gauss)
            value = np.where(np.abs(z) > _GELU_GONE, _times(z, cdf), zc_cdf[0] + zc_cdf[1])
        else:
            # Phi + z phi with z phi a double-double (its terms have opposite signs for z < 0).
            hi, e_lo, k = exp_scaled(-q / 2, -q_lo / 2)
            zphi = dd_mul(
                *dd_mul(zc, 0.0, np.full_like(z, _INV_SQRT_2PI_DD[0]), _INV_SQRT_2PI_DD[1]),
                hi,
                e_lo,
            )
            ki = k.astype(np.int64)
            total = dd_add(cdf, 0.0, np.ldexp(zphi[0], ki), np.ldexp(zphi[1], ki))
            value = total[0] + total[1]
    return _tailed(_gelu_tail, z, order, value)


_V3 = 12.0 * _SQRT_2_PI[0] * _GELU_A  # v''' for v = 2u, a constant


def _gelu_tanh_argument(
    z: FloatArray, lo: FloatArray | float = 0.0
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """(zc, v, v_lo, v', v''): v = 2u = 2 sqrt(2/pi) (z + a z^3) at z + lo, a double-double
    (its rounding would otherwise cost ~|v| ulp in sigma's tails), with z clipped to 1e3."""
    zc = np.clip(z, -1e3, 1e3)  # sigma(2u) is 0 or 1 far beyond: keeps every step finite
    z2, z2_lo = two_prod(zc, zc)
    z3, z3_lo = two_prod(zc, z2)
    z3_lo = z3_lo + zc * z2_lo
    az3, az3_lo = two_prod(np.full_like(zc, _GELU_A), z3)
    inner, inner_lo = two_sum(zc, az3)
    inner_lo = inner_lo + (az3_lo + _GELU_A * z3_lo)
    c = 2.0 * _SQRT_2_PI[0]
    v, v_lo = two_prod(np.full_like(zc, c), inner)
    dv = c * (1.0 + 3.0 * _GELU_A * zc * zc)
    v_lo = v_lo + c * inner_lo + 2.0 * _SQRT_2_PI[1] * inner + dv * lo
    return zc, v, v_lo, dv, 6.0 * c * _GELU_A * zc


def _gelu_tanh_factor(z: FloatArray, order: int, side: float) -> FloatArray:
    """P with gelu_tanh^(n) = P e^(side v) in a tail: (z e^v)^(n) on the left (side 1), and
    -(z e^-v)^(n) on the right (side -1, orders 2-3: there z sigma(v) = z - z e^-v ...)."""
    c = 2.0 * _SQRT_2_PI[0]
    w1 = side * c * (1.0 + 3.0 * _GELU_A * z * z)
    w2 = side * 6.0 * c * _GELU_A * z
    if order == 0:
        p = z
    elif order == 1:
        p = 1.0 + z * w1
    elif order == 2:
        p = 2.0 * w1 + z * (w2 + w1 * w1)
    else:
        p = 3.0 * (w2 + w1 * w1) + z * (side * _V3 + 3.0 * w1 * w2 + w1 * w1 * w1)
    return side * p


_EIGHT_OVER_PI = (2.5464790894703255, -1.5742941340145989e-16)  # C^2 = 8/pi


def _gelu_tanh_terms(z: FloatArray, order: int) -> tuple[DD, DD]:
    """Double-doubles, with C = 2 sqrt(2/pi): for order 1, (z v', 0), z v' = C (z + 3 a z^3);
    for order 2, (P, Q), P = 2 v' + z v'' = 2C (1 + 6 a z^2) and Q = z v'^2 =
    z C^2 (1 + 3 a z^2)^2."""
    c: DD = (np.full_like(z, 2.0 * _SQRT_2_PI[0]), np.full_like(z, 2.0 * _SQRT_2_PI[1]))
    aq = dd_mul(np.full_like(z, _GELU_A), 0.0, *two_prod(z, z))
    three = dd_mul(np.full_like(z, 3.0), 0.0, *aq)
    if order == 1:
        zv = dd_mul(*c, *dd_add(z, 0.0, *dd_mul(z, 0.0, *three)))
        return zv, (np.zeros_like(z), np.zeros_like(z))
    p = dd_mul(*c, *dd_add(np.ones_like(z), 0.0, 2.0 * three[0], 2.0 * three[1]))
    r = dd_add(np.ones_like(z), 0.0, *three)
    c2 = (np.full_like(z, _EIGHT_OVER_PI[0]), _EIGHT_OVER_PI[1])
    big_q = dd_mul(z, 0.0, *dd_mul(*c2, *dd_mul(*r, *r)))
    return (2.0 * p[0], 2.0 * p[1]), big_q


def _gelu_tanh_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # Where sigma(v) or its derivatives would be subnormal: on the left every order of sigma
    # is e^v, so f = z e^v, f' = (1 + z v') e^v, f'' = (P + Q) e^v; on the right sigma' =
    # e^-v and sigma'' = -e^-v, so f'' = (P - Q) e^-v (orders 2-3 only). The factors are
    # double-doubles, rounded once with e^(+-v).
    zc = np.clip(z, -1e3, 1e3)
    rough = 2.0 * _SQRT_2_PI[0] * (zc + _GELU_A * zc**3)  # v, only to pick the points
    parts = []
    for side in (1.0, -1.0) if order >= 2 else (1.0,):
        mask = (side * rough < -_TAIL) & (side * rough > -_GONE)
        zm, lm = z[mask], lo[mask]
        _, vm, vm_lo, _, _ = _gelu_tanh_argument(zm, lm)
        hi, e_lo, k = exp_scaled(side * vm, side * vm_lo)
        # P moves by ~n lo / z relative, about an ulp: its first-order term, by a central
        # difference (P is a polynomial of degree <= 7 in z; h = 1e-6 |z| keeps 1e-9).
        h = 1e-6 * np.abs(zm)
        slope = _gelu_tanh_factor(zm + h, order, side) - _gelu_tanh_factor(zm - h, order, side)
        if order == 3:
            f: DD = (_gelu_tanh_factor(zm, order, side), np.zeros_like(zm))
        elif order == 0:
            f = (zm, np.zeros_like(zm))
        elif order == 1:
            f = dd_add(np.ones_like(zm), 0.0, *_gelu_tanh_terms(zm, 1)[0])
        else:
            pp, qq = _gelu_tanh_terms(zm, 2)
            f = dd_add(*pp, side * qq[0], side * qq[1])
        m, m_lo = dd_mul(*dd_add(*f, lm * (slope / (2.0 * h)), 0.0), hi, e_lo)
        parts.append(Scaled(mask, m + m_lo, k.astype(np.int64)))
    return tuple(parts)


def _gelu_tanh_closed(z: FloatArray, v: FloatArray, v_lo: FloatArray, order: int) -> FloatArray:
    # gelu_tanh' and gelu_tanh'' as rational functions of e = e^-|v| (v = 2u a double-double)
    # with every piece a double-double and one rounding at the end; the closed forms added
    # terms of opposite signs with up to 7 ulp of rounding (z v', P, Q: _gelu_tanh_terms):
    #   f'  = ((1 + e) + e z v') / (1 + e)^2 for z >= 0, e ((1 + e) + z v') / (1 + e)^2 below;
    #   f'' = e (P (1 + e) - |Q| (1 - e)) / (1 + e)^3, an even function.
    x = exp_parts(np.abs(v), np.sign(v) * v_lo)
    e: DD = (x.e, x.e_lo)
    u: DD = (x.u, x.u_lo)
    if order == 1:
        zv = _gelu_tanh_terms(z, 1)[0]
        above = dd_add(*u, *dd_mul(*e, *zv))
        below = dd_mul(*e, *dd_add(*u, *zv))
        n = (np.where(z >= 0, above[0], below[0]), np.where(z >= 0, above[1], below[1]))
        return _ratio(n, u, 2)
    p, big_q = _gelu_tanh_terms(z, 2)
    sign = np.where(z >= 0, 1.0, -1.0)
    m = dd_mul(sign * big_q[0], sign * big_q[1], x.m, x.m_lo)
    inner = dd_add(*dd_mul(*p, *u), -m[0], -m[1])
    return _ratio(dd_mul(*e, *inner), u, 3)


def gelu_tanh(z: FloatArray, order: int) -> FloatArray:
    # z/2 (1 + tanh u) = z sigma(v), v = 2u = 2 sqrt(2/pi) (z + a z^3) a double-double.
    zc, v, v_lo, dv, ddv = _gelu_tanh_argument(z)
    if order == 0:
        value = _times(z, logistic_dd(v, v_lo, 0))
    elif order in (1, 2):
        value = _gelu_tanh_closed(zc, v, v_lo, order)
    else:
        s1, s2, s3 = (logistic_dd(v, v_lo, n) for n in (1, 2, 3))
        value = 3.0 * (s2 * dv * dv + s1 * ddv) + _times(
            zc, s3 * dv**3 + 3.0 * s2 * dv * ddv + s1 * _V3
        )
    return _tailed(_gelu_tanh_tail, z, order, value)


def _mish_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    left = _side(z, lo, -1.0, _silu_left(order))  # mish and silu agree to 1e-300 there
    if order < 2:
        return (left,)
    # Right: sech^2 softplus(z) = 4 e^-2z (1 + O(e^-z)), so mish'' = 8 (1 - z) e^-2z and
    # mish''' = (16 z - 24) e^-2z to 1e-147 past z = 340 (mish'' is normal up to 358.2).
    if order == 2:
        right = _side(z, lo, 1.0, lambda z, lo: 8.0 * ((1.0 - z) - lo), rate=2.0, start=340.0)
    else:
        right = _side(
            z, lo, 1.0, lambda z, lo: (16.0 * z - 24.0) + 16.0 * lo, rate=2.0, start=340.0
        )
    return (left, right)


def _mish_closed(z: FloatArray, order: int) -> FloatArray:
    # mish = z T with T = tanh softplus z, a rational function of w = e^z: T = w (w + 2) / D,
    # D = w^2 + 2w + 2 (for z >= 0, of v = e^-z: T = (1 + 2v) / E, E = 1 + 2v + 2v^2). Every
    # order, as such a ratio with its polynomials summed in double-double arithmetic and one
    # rounding at the end (the closed forms lost up to 7 ulp to terms of opposite signs):
    #   z < 0:  mish' = w N1 / D^2,      N1 = (4 + 4z) + w (6 + 4z) + 4w^2 + w^3,
    #           mish'' = 4 w N2 / D^3,   N2 = (4 + 2z) + w (8 + 2z) + w^2 (6 - 3z) + w^3 (2 - 2z);
    #   z >= 0: mish' = N1 / E^2,        N1 = 1 + 4v + v^2 (6 + 4z) + v^3 (4 + 4z),
    #           mish'' = 4 v^2 N2 / E^3, N2 = (2 - 2z) + v (6 - 3z) + v^2 (8 + 2z) + v^3 (4 + 2z).
    zc = np.clip(z, -746.0, 746.0)  # w or v is 0 beyond; keeps the products finite
    x = exp_parts(np.abs(zc))
    w: DD = (x.e, x.e_lo)
    neg = zc < 0
    two = np.full_like(zc, 2.0)

    # D = 2 + w (2 + w) and E = 1 + v (2 + 2v): c0 + w (2 + c2 w), c2 a power of two.
    def quadratic(c0: FloatArray, c2: FloatArray) -> DD:
        return dd_add(c0, 0.0, *dd_mul(*w, *dd_add(two, 0.0, c2 * w[0], c2 * w[1])))

    den = quadratic(np.where(neg, 2.0, 1.0), np.where(neg, 1.0, 2.0))
    if order == 0:  # T's numerator: w (2 + w) below 0, 1 + 2v above
        t = quadratic(np.where(neg, 0.0, 1.0), np.where(neg, 1.0, 0.0))
        return np.where(np.abs(z) > 700.0, z, _ratio(dd_mul(zc, 0.0, *t), den, 1))

    def pick(below: list[tuple[float, float]], above: list[tuple[float, float]]) -> list[DD]:
        return [
            _linear(
                np.where(neg, a1, a2), np.where(neg, b1, b2), zc, exact=_scales(b1) and _scales(b2)
            )
            for (a1, b1), (a2, b2) in zip(below, above, strict=True)
        ]

    if order == 1:
        poly = _horner(w, pick([(4, 4), (6, 4), (4, 0), (1, 0)], [(1, 0), (4, 0), (6, 4), (4, 4)]))
        lead = (np.where(neg, w[0], 1.0), np.where(neg, w[1], 0.0))
        return _ratio(dd_mul(*lead, *poly), den, 2)
    poly = _horner(w, pick([(4, 2), (8, 2), (6, -3), (2, -2)], [(2, -2), (6, -3), (8, 2), (4, 2)]))
    w2 = dd_mul(*w, *w)
    lead = (4.0 * np.where(neg, w[0], w2[0]), 4.0 * np.where(neg, w[1], w2[1]))
    return _ratio(dd_mul(*lead, *poly), den, 3)


def mish(z: FloatArray, order: int) -> FloatArray:

    def third() -> FloatArray:
        # mish = z T with T = tanh softplus: mish''' = 3 T'' + z T''', with q = sigma(-z) =
        # e^-softplus(z): tanh(softplus) = t and sech^2 = 4q^2/(1+q^2)^2.
        t = np.tanh(softplus(z, 0))
        q = logistic(-z, 0)
        sech2 = 4.0 * q * q / (1.0 + q * q) ** 2
        s = logistic(z, 0)
        d1, d2 = logistic(z, 1), logistic(z, 2)
        inner = d1 - 2.0 * t * s * s
        t3 = -2.0 * t * sech2 * s * inner + sech2 * (d2 - 2.0 * sech2 * s**3 - 4.0 * t * s * d1)
        return 3.0 * sech2 * inner + _times(z, t3)

    value = _by_order(
        z,
        order,
        lambda: _mish_closed(z, 0),
        lambda: _mish_closed(z, 1),
        lambda: _mish_closed(z, 2),
        third,
    )
    return _tailed(_mish_tail, z, order, value)


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
    mask = (z < -_TAIL) & (z > -_GONE)
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
    value = np.where(z >= 0, scale if order == 1 else 0.0, c * below + c_lo * below)
    return _tailed(lambda z, lo, n: _elu_tail(z, lo, n, (c, c_lo)), z, order, value)


def elu(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    return _elu_like(z, order, alpha=alpha)


def selu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order, alpha=_SELU_ALPHA, scale=_SELU_SCALE)


def celu(z: FloatArray, order: int) -> FloatArray:
    return _elu_like(z, order)  # PyTorch's default alpha = 1: CELU is ELU


def relu(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.maximum(z, 0.0),
        lambda: _pieces(z, (0,), (0, 1)),
        lambda: 0.0,
        lambda: 0.0,
    )


def leaky_relu(z: FloatArray, order: int, negative_slope: float = _LEAK) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.where(z >= 0, z, negative_slope * z),
        lambda: _pieces(z, (0,), (negative_slope, 1)),
        lambda: 0.0,
        lambda: 0.0,
    )


def relu6(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.clip(z, 0.0, 6.0),
        lambda: _pieces(z, (0, 6), (0, 1, 0)),
        lambda: 0.0,
        lambda: 0.0,
    )


def hardsigmoid(z: FloatArray, order: int) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.clip((z + 3.0) / 6.0, 0.0, 1.0),  # z/6 + 1/2 cancels next to -3
        lambda: _pieces(z, (-3, 3), (0, 1 / 6, 0)),
        lambda: 0.0,
        lambda: 0.0,
    )


def hardtanh(z: FloatArray, order: int, min_val: float = -1.0, max_val: float = 1.0) -> FloatArray:
    return _by_order(
        z,
        order,
        lambda: np.clip(z, min_val, max_val),
        lambda: _pieces(z, (min_val, max_val), (0, 1, 0)),
        lambda: 0.0,
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
        lambda: 0.0,
    )


def _logsigmoid_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # -softplus(-z), sigma(-z), -sigma'(z), -sigma''(z): on the right -e^-z, e^-z, -e^-z,
    # e^-z; on the left (orders 2-3) -e^z.
    right = _side(z, lo, 1.0, _constant((-1.0, 1.0, -1.0, 1.0)[order]))
    return (right,) if order < 2 else (right, _side(z, lo, -1.0, _constant(-1.0)))


def logsigmoid(z: FloatArray, order: int) -> FloatArray:
    value = _by_order(
        z,
        order,
        lambda: -softplus(-z, 0),
        lambda: logistic(-z, 0),
        lambda: -logistic(z, 1),
        lambda: -logistic(z, 2),
    )
    return _tailed(_logsigmoid_tail, z, order, value)


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
        _side(z, lo, -1.0, _constant(left), rate=2.0, start=_TAIL / 2),
        _side(z, lo, 1.0, _constant(right), rate=2.0, start=_TAIL / 2),
    )


def tanhshrink(z: FloatArray, order: int) -> FloatArray:
    value = _by_order(
        z,
        order,
        lambda: _tanhshrink(z),
        lambda: _tanh_squared(z),
        lambda: -8.0 * logistic(2.0 * z, 2),  # 2 tanh z sech^2 z
        lambda: 8.0 * logistic(2.0 * z, 1) * (1.0 - 3.0 * np.tanh(z) ** 2),
    )
    return _tailed(_tanhshrink_tail, z, order, value)


def softshrink(z: FloatArray, order: int, lambd: float = _SHRINK) -> FloatArray:
    lam = lambd
    return _by_order(
        z,
        order,
        lambda: np.where(z > lam, z - lam, np.where(z < -lam, z + lam, 0.0)),
        lambda: _pieces(z, (-lam, lam), (1, 0, 1)),
        lambda: 0.0,
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
    "silu": _silu_tail,
    "gelu": _gelu_tail,
    "gelu_tanh": _gelu_tanh_tail,
    "mish": _mish_tail,
    "elu": lambda z, lo, order, alpha=1.0: _elu_tail(z, lo, order, (alpha, 0.0)),
    "selu": lambda z, lo, order: _elu_tail(z, lo, order, _product(_SELU_SCALE, _SELU_ALPHA)),
    "logsigmoid": _logsigmoid_tail,
    "tanhshrink": _tanhshrink_tail,
}
