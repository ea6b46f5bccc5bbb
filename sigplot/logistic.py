"""The logistic sigmoid and its derivatives of orders 0-3 on float64 arrays, accurately.

Pure numpy, no warnings at any input (+-inf give the limits, nan gives nan). The public,
checked entry points are in :mod:`sigplot.functions`; the other activations build on
:func:`logistic`.

Accuracy comes from one place: ``_exp_neg`` evaluates e^-|z| as an unevaluated sum
``hi + lo`` that is good to about 0.3 ulp (numpy's own ``exp`` is good to 1 ulp, which
alone would cost the sigmoid its 1.5 ulp target for z < 0, where sigma(z) ~ e^z).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


def _exp_neg(a: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return (hi, lo) with hi + lo = e^-a to ~0.3 ulp, for a >= 0 and finite.

    Cody-Waite reduction a = k ln2 + r, then e^-r = 1 + expm1(-r) kept as two doubles
    (numpy's expm1 is good to ~0.5 ulp on |r| <= ln2/2).
    """
    k = np.rint(a * _LOG2_E)
    r = (a - k * _LN2_HI) - k * _LN2_LO
    m = np.expm1(-r)
    hi = 1.0 + m
    lo = m - (hi - 1.0)
    ki = -k.astype(np.int64)
    return np.ldexp(hi, ki), np.ldexp(lo, ki)


def _two_prod(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return (p, e) with p = fl(a*b) and p + e = a*b exactly (Dekker, no FMA needed)."""
    p = a * b
    ca = _SPLIT * a
    a_hi = ca - (ca - a)
    a_lo = a - a_hi
    cb = _SPLIT * b
    b_hi = cb - (cb - b)
    b_lo = b - b_hi
    e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return p, e


def _dd_ratio(n_hi: FloatArray, n_lo: FloatArray, e_hi: FloatArray, e_lo: FloatArray) -> FloatArray:
    """Return (n_hi + n_lo) / (1 + e_hi + e_lo), correctly rounded up to a few 1e-17.

    The denominator's rounding error and the quotient's remainder are carried exactly
    and folded into one final correction.
    """
    p = 1.0 + e_hi
    p_lo = (e_hi - (p - 1.0)) + e_lo
    q = n_hi / p
    qp, qp_err = _two_prod(q, p)
    return q + (((n_hi - qp) - qp_err) + n_lo - q * p_lo) / p


@dataclass(frozen=True)
class _Parts:
    """Shared pieces of every sigmoid derivative, computed once per call."""

    sign: FloatArray  # sign of z (0 at 0, nan at nan)
    big: FloatArray  # sigma(|z|), in [1/2, 1]
    small: FloatArray  # sigma(-|z|) = 1 - sigma(|z|), in [0, 1/2]
    tanh_half: FloatArray  # tanh(|z|/2) = 1 - 2 sigma(-|z|), without cancellation


def _parts(z: FloatArray) -> _Parts:
    a = np.abs(z)
    safe = np.where(np.isnan(a), 0.0, np.minimum(a, _EXP_CUTOFF))
    e_hi, e_lo = _exp_neg(safe)
    zero = np.zeros_like(e_hi)
    big = _dd_ratio(np.ones_like(e_hi), zero, e_hi, e_lo)
    small = _dd_ratio(e_hi, e_lo, e_hi, e_lo)
    tanh_half = -np.expm1(-safe) / (1.0 + e_hi)
    nan = np.isnan(z)
    return _Parts(
        sign=np.sign(z),
        big=np.where(nan, np.nan, big),
        small=np.where(nan, np.nan, small),
        tanh_half=tanh_half,
    )


def _order1(p: _Parts) -> FloatArray:
    # sigma(z) sigma(-z): exact in form, unlike sigma (1 - sigma), which is 0 past z ~ 37.
    return p.big * p.small


def _order2(p: _Parts) -> FloatArray:
    # sigma'' = sigma' (1 - 2 sigma(z)) and 1 - 2 sigma(z) = -tanh(z/2).
    return -p.sign * (p.big * p.small) * p.tanh_half


def _order3(p: _Parts) -> FloatArray:
    # sigma''' = sigma' (1 - 6 sigma'): zero where sigma' = 1/6, i.e. |z| = 2 ln(2 + sqrt 3).
    d1 = p.big * p.small
    return d1 * (1.0 - 6.0 * d1)


_DERIVATIVES: tuple[Callable[[_Parts], FloatArray], ...] = (_order1, _order2, _order3)


def _order0(z: FloatArray) -> FloatArray:
    # sigma(z) = 1/(1 + e^-|z|) for z >= 0 and e^-|z|/(1 + e^-|z|) below: one division.
    a = np.abs(z)
    e_hi, e_lo = _exp_neg(np.where(np.isnan(a), 0.0, np.minimum(a, _EXP_CUTOFF)))
    negative = z < 0
    n_hi = np.where(negative, e_hi, 1.0)
    n_lo = np.where(negative, e_lo, 0.0)
    return np.where(np.isnan(z), np.nan, _dd_ratio(n_hi, n_lo, e_hi, e_lo))


def logistic(z: FloatArray, order: int = 0) -> FloatArray:
    """The ``order``-th derivative (0-3) of sigma at float64 ``z``, without checks."""
    with np.errstate(under="ignore"):
        return _order0(z) if order == 0 else _DERIVATIVES[order - 1](_parts(z))
