"""The logistic sigmoid and its derivatives of orders 0-3 on float64 arrays, accurately.

Pure numpy, no warnings at any input (+-inf give the limits, nan gives nan). The public,
checked entry points are in :mod:`sigplot.maths.functions`; the other activations build on
:func:`logistic`.

Accuracy comes from two places: ``exp_scaled`` evaluates e^-|z| as an unevaluated sum
``hi + lo`` that is good to about 0.3 ulp (numpy's own ``exp`` is good to 1 ulp, which
alone would cost the sigmoid its 1.5 ulp target for z < 0, where sigma(z) ~ e^z), with
its power of two held apart; and the derivatives are rational functions of e = e^-|z|
evaluated in double-double arithmetic (``dd_mul``, ``dd_add``, ``dd_div``) and rounded
once, which keeps every order within 2 ulp.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# ln 2 split so that k * _LN2_HI is exact for |k| < 2**20 (the fdlibm constants).
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_LOG2_E = 1.4426950408889634
# Past this |z|, e^-|z| is 0 in float64; clipping keeps the reduction finite.
_EXP_CUTOFF = 746.0
# Veltkamp's constant for splitting a double into two 26-bit halves.
_SPLIT = 134217729.0


class Scaled(NamedTuple):
    """f^(n) = mantissa * 2**exponent at the points of ``mask`` (one mantissa and exponent
    per such point): a value that may be subnormal, its power of two held apart."""

    mask: npt.NDArray[np.bool_]
    mantissa: FloatArray
    exponent: npt.NDArray[np.int64]


class Argument(NamedTuple):
    """A gain's argument K(z - s): ``hi + lo`` to ~2^-106 relative (``hi`` the double
    nearest), and exactly ``gain * (d + d_lo)`` with d + d_lo = z - s, for a kernel that
    needs the exact value (snake's period, at any size)."""

    hi: FloatArray
    lo: FloatArray
    gain: float
    d: FloatArray
    d_lo: FloatArray

    @classmethod
    def of(cls, z: FloatArray) -> Argument:
        """A double as an argument: gain 1, no low part."""
        zero = np.zeros_like(z)
        return cls(z, zero, 1.0, z, zero)

    def exact(self, mask: npt.NDArray[np.bool_]) -> list[Fraction]:
        """gain (d + d_lo) exactly, as rationals, at the points of ``mask`` (some
        microseconds each: for the few points where the double-double is not enough)."""
        k = Fraction(self.gain)
        pairs = zip(self.d[mask].tolist(), self.d_lo[mask].tolist(), strict=True)
        return [k * (Fraction(d) + Fraction(d_lo)) for d, d_lo in pairs]


def exp_scaled(
    x: FloatArray, x_lo: FloatArray | float = 0.0
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return (hi, lo, k) with (hi + lo) * 2**k = e^(x + x_lo) to ~0.3 ulp, hi in [0.7, 1.5].

    Cody-Waite reduction x = k ln2 + r, then e^r = 1 + expm1(r) kept as two doubles (numpy's
    expm1 is good to ~0.5 ulp on |r| <= ln2/2). The scale 2**k stays apart, so a caller can
    multiply by a large factor before the result underflows (z e^z at z = -715 is normal
    though e^z is not). ``x`` must be finite; ``x_lo`` carries an argument's rounding error
    (a few ulp of x at most), so a rounded argument costs nothing.
    """
    k = np.rint(x * _LOG2_E)
    k = np.where(np.isnan(k), 0.0, k)  # nan in, nan out (through r), with a castable scale
    r = ((x - k * _LN2_HI) - k * _LN2_LO) + x_lo
    m = np.expm1(r)
    hi = 1.0 + m
    lo = m - (hi - 1.0)
    return hi, lo, k


def times_exp(factor: FloatArray, x: FloatArray, x_lo: FloatArray | float = 0.0) -> FloatArray:
    """factor * e^(x + x_lo), rounded once at the end: no intermediate underflow or overflow."""
    hi, lo, k = exp_scaled(x, x_lo)
    return np.ldexp(factor * hi + factor * lo, k.astype(np.int64))


def _exp_neg(a: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return (hi, lo) with hi + lo = e^-a to ~0.3 ulp, for a >= 0 and finite."""
    hi, lo, k = exp_scaled(-a)
    ki = k.astype(np.int64)
    return np.ldexp(hi, ki), np.ldexp(lo, ki)


def two_prod(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return (p, e) with p = fl(a*b) and p + e = a*b exactly (Dekker, no FMA needed).

    Past |a|, |b| ~ 1e300 the split overflows and e is nan; callers mask it there.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        p = a * b
        ca = _SPLIT * a
        a_hi = ca - (ca - a)
        a_lo = a - a_hi
        cb = _SPLIT * b
        b_hi = cb - (cb - b)
        b_lo = b - b_hi
        e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return p, e


def two_sum(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return (s, e) with s = fl(a+b) and s + e = a+b exactly (Knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def dd_mul(
    a: FloatArray, a_lo: FloatArray | float, b: FloatArray, b_lo: FloatArray | float
) -> tuple[FloatArray, FloatArray]:
    """(a + a_lo)(b + b_lo) as a double-double, to ~1e-32 relative."""
    p, e = two_prod(a, b)
    return p, e + (a * b_lo + a_lo * b)


def dd_add(
    a: FloatArray, a_lo: FloatArray | float, b: FloatArray, b_lo: FloatArray | float
) -> tuple[FloatArray, FloatArray]:
    """(a + a_lo) + (b + b_lo) as a double-double (exact but for the low parts' sum)."""
    s, e = two_sum(a, b)
    return s, e + (a_lo + b_lo)


def dd_div(
    a: FloatArray, a_lo: FloatArray | float, b: FloatArray, b_lo: FloatArray | float
) -> FloatArray:
    """(a + a_lo) / (b + b_lo) rounded to a double, within a few 1e-17 of correct rounding:
    the quotient's remainder is carried exactly into one final correction."""
    q = a / b
    p, p_err = two_prod(q, b)
    return q + (((a - p) - p_err) + a_lo - q * b_lo) / b


class ExpParts(NamedTuple):
    """e = e^-|z| and the pieces every sigmoid-family closed form is a rational function of,
    each as a double-double: e, 1 + e and 1 - e (the last from expm1 for small |z|)."""

    e: FloatArray
    e_lo: FloatArray
    u: FloatArray  # 1 + e
    u_lo: FloatArray
    m: FloatArray  # 1 - e
    m_lo: FloatArray


def exp_parts(a: FloatArray, a_lo: FloatArray | float = 0.0) -> ExpParts:
    """:class:`ExpParts` for e = e^-(a + a_lo), a >= 0 (clipped to 746, where e is 0)."""
    safe = np.where(np.isnan(a), 0.0, np.minimum(a, _EXP_CUTOFF))
    hi, lo, k = exp_scaled(-safe, -a_lo)
    ki = k.astype(np.int64)
    e, e_lo = np.ldexp(hi, ki), np.ldexp(lo, ki)
    u, u_err = two_sum(np.ones_like(e), e)
    m, m_err = two_sum(np.ones_like(e), -e)
    m_lo = m_err - e_lo
    # Below |z| = ln 2 / 2 the reduction leaves k = 0 and hi = 1 + expm1(-a): 1 - e is then
    # -expm1 itself, without the rounding of hi (a_lo only through expm1's argument).
    near = k == 0
    m = np.where(near, -((hi - 1.0) + lo), m)  # (hi - 1) + lo is expm1's double, exactly
    m_lo = np.where(near, 0.0, m_lo)
    return ExpParts(e, e_lo, u, u_err + e_lo, m, m_lo)


def logistic_dd(x: FloatArray, x_lo: FloatArray, order: int) -> FloatArray:
    """The order-th derivative (0-3) of sigma at the double-double x + x_lo.

    One Taylor step, sigma^(n)(x) + x_lo sigma^(n+1)(x): x_lo is a rounding error, so the
    next term is ~1e-32 relative. Where sigma^(n)(x) would underflow (x < -700, every
    order is e^x there to 1e-300) the caller scales instead, with a tail's power of two.
    """
    if order == 0:  # the correction needs a few digits: sigma' as s (1 - s) will do
        s = logistic(x, 0)
        return s + x_lo * (s * (1.0 - s))
    return logistic(x, order) + x_lo * logistic(x, order + 1)


def _dd_ratio(n_hi: FloatArray, n_lo: FloatArray, e_hi: FloatArray, e_lo: FloatArray) -> FloatArray:
    """Return (n_hi + n_lo) / (1 + e_hi + e_lo), correctly rounded up to a few 1e-17.

    The denominator's rounding error and the quotient's remainder are carried exactly
    and folded into one final correction.
    """
    p = 1.0 + e_hi
    p_lo = (e_hi - (p - 1.0)) + e_lo
    q = n_hi / p
    qp, qp_err = two_prod(q, p)
    return q + (((n_hi - qp) - qp_err) + n_lo - q * p_lo) / p


@dataclass(frozen=True)
class _Parts:
    """Shared pieces of every sigmoid derivative, computed once per call."""

    sign: FloatArray  # sign of z (0 at 0, nan at nan)
    abs: FloatArray  # |z|
    exp: ExpParts  # e^-|z|, 1 + e^-|z| and 1 - e^-|z| as double-doubles


def _parts(z: FloatArray) -> _Parts:
    a = np.abs(z)
    return _Parts(sign=np.sign(z), abs=a, exp=exp_parts(a))


def _power(x: ExpParts, n: int) -> tuple[FloatArray, FloatArray]:
    """(1 + e)^n as a double-double, n = 2, 3 or 4."""
    p, p_lo = dd_mul(x.u, x.u_lo, x.u, x.u_lo)
    if n == 4:
        return dd_mul(p, p_lo, p, p_lo)
    return (p, p_lo) if n == 2 else dd_mul(p, p_lo, x.u, x.u_lo)


def _order1(p: _Parts) -> FloatArray:
    # e / (1 + e)^2 with e = e^-|z| and (1 + e)^2 double-doubles, rounded once: exact in form
    # (sigma(z) (1 - sigma(z)) is 0 past z ~ 37), within 1.5 ulp, so it steps the wrong way
    # by 1 ulp at most.
    x = p.exp
    return dd_div(x.e, x.e_lo, *_power(x, 2))


def _order2(p: _Parts) -> FloatArray:
    # sigma'' = -sign(z) e (1 - e) / (1 + e)^3 with e = e^-|z|, every piece a double-double
    # and one rounding at the end: about 1.5 ulp, where s (1 - s) tanh(z/2) took up to 2.
    x = p.exp
    n, n_lo = dd_mul(x.e, x.e_lo, x.m, x.m_lo)
    d, d_lo = _power(x, 3)
    return -p.sign * dd_div(n, n_lo, d, d_lo)


def _order3(p: _Parts) -> FloatArray:
    # e (1 - 4e + e^2) / (1 + e)^4 with e = e^-|z|, every piece a double-double and one
    # rounding at the end: 1 ulp, where (1 - t^2)(3t^2 - 1)/8 with t = tanh(z/2) took 2.
    # 1 - 4e + e^2 cancels only next to the zeros at +-acosh 2 = +-ln(2 + sqrt 3), where
    # their Taylor series take over (zero_series.json).
    x = p.exp
    b, b_lo = two_sum(np.ones_like(x.e), -4.0 * x.e)
    e2, e2_lo = two_prod(x.e, x.e)
    b, b_lo = dd_add(b, b_lo - 4.0 * x.e_lo, e2, e2_lo + 2.0 * x.e * x.e_lo)
    n, n_lo = dd_mul(x.e, x.e_lo, b, b_lo)
    den, den_lo = _power(x, 4)
    return dd_div(n, n_lo, den, den_lo)


def _order4(p: _Parts) -> FloatArray:
    # The fourth derivative, sigma'' (1 - 12 sigma'): only the first-order correction for a
    # rounded argument uses it (sigplot.functions.evaluate), so a few ulp are plenty.
    return _order2(p) * (1.0 - 12.0 * _order1(p))


_DERIVATIVES: tuple[Callable[[_Parts], FloatArray], ...] = (_order1, _order2, _order3, _order4)


def _order0(z: FloatArray) -> FloatArray:
    # sigma(z) = 1/(1 + e^-|z|) for z >= 0 and e^-|z|/(1 + e^-|z|) below: one division.
    a = np.abs(z)
    e_hi, e_lo = _exp_neg(np.where(np.isnan(a), 0.0, np.minimum(a, _EXP_CUTOFF)))
    negative = z < 0
    n_hi = np.where(negative, e_hi, 1.0)
    n_lo = np.where(negative, e_lo, 0.0)
    return np.where(np.isnan(z), np.nan, _dd_ratio(n_hi, n_lo, e_hi, e_lo))


def logistic(z: FloatArray, order: int = 0) -> FloatArray:
    """The ``order``-th derivative (0-4) of sigma at float64 ``z``, without checks (order 4
    serves only the correction for a rounded argument)."""
    with np.errstate(under="ignore"):
        return _order0(z) if order == 0 else _DERIVATIVES[order - 1](_parts(z))
