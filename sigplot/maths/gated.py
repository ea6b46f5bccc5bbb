"""The gated kernels, z times a gate: silu (z sigma(z)), gelu (z Phi(z)), its tanh
approximation, and mish (z tanh(softplus(z))), each with its tails (see
:mod:`.kernel_parts`) and closed forms that do not cancel."""

from __future__ import annotations

import math

import numpy as np

from sigplot.maths.kernel_parts import (
    DD,
    GONE,
    TAIL,
    Factor,
    by_order,
    horner,
    linear,
    ratio,
    scales,
    tail_side,
    tailed,
    times_or_zero,
)
from sigplot.maths.logistic import (
    FloatArray,
    Scaled,
    dd_add,
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


_INV_SQRT_2PI_DD = (0.3989422804014327, -2.49232720227773e-17)


_TWO_OVER_SQRT_PI = 1.1283791670955126


_GELU_A = 0.044715


_erfc = np.frompyfunc(math.erfc, 1, 1)  # numpy has no erf; libm's is accurate to ~1 ulp


def _silu_left(order: int) -> Factor:
    # silu and mish of every order are (z + n) e^z to 1e-300 past z = -700.
    return lambda z, lo: (z + order) + lo


def silu_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    left = tail_side(z, lo, -1.0, _silu_left(order))
    if order < 2:
        return (left,)
    # Right: silu'' = 2 sigma' + z sigma'' = (2 - z) e^-z and silu''' = (z - 3) e^-z: silu''
    # is normal up to z = 715, though sigma'(z) and z sigma''(z) are subnormal past 708.4.
    if order == 2:
        return (left, tail_side(z, lo, 1.0, lambda z, lo: (2.0 - z) - lo))
    return (left, tail_side(z, lo, 1.0, lambda z, lo: (z - 3.0) + lo))


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
        c = linear(1.0, 1.0, zc)
        above = dd_add(np.ones_like(zc), 0.0, *dd_mul(*e, *c))
        below = dd_mul(*e, *dd_add(*c, *e))
        n = (np.where(zc >= 0, above[0], below[0]), np.where(zc >= 0, above[1], below[1]))
        return ratio(n, u, 2)
    inner = dd_add(*linear(2.0, -1.0, a), *dd_mul(*e, *linear(2.0, 1.0, a)))
    return ratio(dd_mul(*e, *inner), u, 3)


def silu(z: FloatArray, order: int) -> FloatArray:
    value = by_order(
        z,
        order,
        lambda: times_or_zero(z, logistic(z, 0)),
        lambda: _silu_closed(z, 1),
        lambda: _silu_closed(z, 2),
        lambda: 3.0 * logistic(z, 2) + times_or_zero(z, logistic(z, 3)),
    )
    return tailed(silu_tail, z, order, value)


# Mills' ratio: Phi(z) = phi(z)/|z| (1 - 1/z^2 + 3/z^4 - 15/z^6 ...) for z -> -inf; 24
# terms reach 1e-17 at |z| >= 10, from where it replaces erfc (libm's, up to 2 ulp) and
# Phi never passes through a subnormal.
# As floats: numpy 2 rounds a Python int to the array's float64; numpy 1.26 would make the
# series an object array past int64 (45!! is 2.5e28).
_MILLS = tuple(float((-1) ** k * math.prod(range(1, 2 * k, 2))) for k in range(24))


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


def gelu_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
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
            value = np.where(np.abs(z) > _GELU_GONE, times_or_zero(z, cdf), zc_cdf[0] + zc_cdf[1])
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
    return tailed(gelu_tail, z, order, value)


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


def gelu_tanh_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # Where sigma(v) or its derivatives would be subnormal: on the left every order of sigma
    # is e^v, so f = z e^v, f' = (1 + z v') e^v, f'' = (P + Q) e^v; on the right sigma' =
    # e^-v and sigma'' = -e^-v, so f'' = (P - Q) e^-v (orders 2-3 only). The factors are
    # double-doubles, rounded once with e^(+-v).
    zc = np.clip(z, -1e3, 1e3)
    rough = 2.0 * _SQRT_2_PI[0] * (zc + _GELU_A * zc**3)  # v, only to pick the points
    parts = []
    for side in (1.0, -1.0) if order >= 2 else (1.0,):
        mask = (side * rough < -TAIL) & (side * rough > -GONE)
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
        return ratio(n, u, 2)
    p, big_q = _gelu_tanh_terms(z, 2)
    sign = np.where(z >= 0, 1.0, -1.0)
    m = dd_mul(sign * big_q[0], sign * big_q[1], x.m, x.m_lo)
    inner = dd_add(*dd_mul(*p, *u), -m[0], -m[1])
    return ratio(dd_mul(*e, *inner), u, 3)


def gelu_tanh(z: FloatArray, order: int) -> FloatArray:
    # z/2 (1 + tanh u) = z sigma(v), v = 2u = 2 sqrt(2/pi) (z + a z^3) a double-double.
    zc, v, v_lo, dv, ddv = _gelu_tanh_argument(z)
    if order == 0:
        value = times_or_zero(z, logistic_dd(v, v_lo, 0))
    elif order in (1, 2):
        value = _gelu_tanh_closed(zc, v, v_lo, order)
    else:
        s1, s2, s3 = (logistic_dd(v, v_lo, n) for n in (1, 2, 3))
        value = 3.0 * (s2 * dv * dv + s1 * ddv) + times_or_zero(
            zc, s3 * dv**3 + 3.0 * s2 * dv * ddv + s1 * _V3
        )
    return tailed(gelu_tanh_tail, z, order, value)


def mish_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    left = tail_side(z, lo, -1.0, _silu_left(order))  # mish and silu agree to 1e-300 there
    if order < 2:
        return (left,)
    # Right: sech^2 softplus(z) = 4 e^-2z (1 + O(e^-z)), so mish'' = 8 (1 - z) e^-2z and
    # mish''' = (16 z - 24) e^-2z to 1e-147 past z = 340 (mish'' is normal up to 358.2).
    if order == 2:
        right = tail_side(z, lo, 1.0, lambda z, lo: 8.0 * ((1.0 - z) - lo), rate=2.0, start=340.0)
    else:
        right = tail_side(
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
        # mish is z past 700 (T rounds to 1); on the left the ratio is z w (2 + w) / D, -0
        # once w = e^z underflows (the tail gives it from -700 to -3000)
        return np.where(z > 700.0, z, ratio(dd_mul(zc, 0.0, *t), den, 1))

    def pick(below: list[tuple[float, float]], above: list[tuple[float, float]]) -> list[DD]:
        return [
            linear(
                np.where(neg, a1, a2), np.where(neg, b1, b2), zc, exact=scales(b1) and scales(b2)
            )
            for (a1, b1), (a2, b2) in zip(below, above, strict=True)
        ]

    if order == 1:
        poly = horner(w, pick([(4, 4), (6, 4), (4, 0), (1, 0)], [(1, 0), (4, 0), (6, 4), (4, 4)]))
        lead = (np.where(neg, w[0], 1.0), np.where(neg, w[1], 0.0))
        return ratio(dd_mul(*lead, *poly), den, 2)
    poly = horner(w, pick([(4, 2), (8, 2), (6, -3), (2, -2)], [(2, -2), (6, -3), (8, 2), (4, 2)]))
    w2 = dd_mul(*w, *w)
    lead = (4.0 * np.where(neg, w[0], w2[0]), 4.0 * np.where(neg, w[1], w2[1]))
    return ratio(dd_mul(*lead, *poly), den, 3)


def mish(z: FloatArray, order: int) -> FloatArray:

    def third() -> FloatArray:
        # mish = z T with T = tanh softplus: mish''' = 3 T'' + z T''', with q = sigma(-z) =
        # e^-softplus(z): tanh(softplus) = t and sech^2 = 4q^2/(1+q^2)^2.
        t: FloatArray = np.tanh(np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))))  # softplus
        q = logistic(-z, 0)
        sech2 = 4.0 * q * q / (1.0 + q * q) ** 2
        s = logistic(z, 0)
        d1, d2 = logistic(z, 1), logistic(z, 2)
        inner = d1 - 2.0 * t * s * s
        t3 = -2.0 * t * sech2 * s * inner + sech2 * (d2 - 2.0 * sech2 * s**3 - 4.0 * t * s * d1)
        return 3.0 * sech2 * inner + times_or_zero(z, t3)

    value = by_order(
        z,
        order,
        lambda: _mish_closed(z, 0),
        lambda: _mish_closed(z, 1),
        lambda: _mish_closed(z, 2),
        third,
    )
    return tailed(mish_tail, z, order, value)
