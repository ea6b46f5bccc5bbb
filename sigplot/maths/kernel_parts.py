"""What the kernels are made of: evaluating one order, step functions, the tails that hold
a decaying value's power of two apart, and rational functions of e^-|z| in double-double.
Shared by :mod:`.activations`, :mod:`.gated` and :mod:`.extra_activations`."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from sigplot.maths.logistic import (
    FloatArray,
    Scaled,
    dd_add,
    dd_div,
    dd_mul,
    exp_scaled,
    two_prod,
)

# Past this |z|, sigma and all its derivatives are +-e^-|z| to 1e-300, and e^-|z| < 1e-304:
# products with it, or a gain's K^n times it, would lose bits to subnormals.
TAIL = 700.0


# Past this, e^-|z| is 0 even times the largest K^n a gain can make (2^3072, K^3 at
# K = 1.8e308): e^-3000 is 2^-4328.
GONE = 3000.0


# A tail: (z, the low part lo of the double-double argument z + lo, order, and the
# function's parameters as keywords) -> its pieces.
Tail = Callable[..., tuple[Scaled, ...]]


Factor = Callable[[FloatArray, FloatArray], FloatArray | float]


def tail_side(
    z: FloatArray,
    lo: FloatArray,
    side: float,
    factor: Factor,
    *,
    rate: float = 1.0,
    start: float = TAIL,
) -> Scaled:
    """factor(z, lo) e^(-rate |z + lo|) where side * z > start (side -1 is the left tail)."""
    mask = (side * z > start) & (side * z < GONE / rate)
    if not mask.any():
        return Scaled(mask, np.zeros(0), np.zeros(0, np.int64))
    zm, lm = z[mask], lo[mask]
    hi, e_lo, k = exp_scaled(-side * rate * zm, -side * rate * lm)
    f = np.broadcast_to(np.asarray(factor(zm, lm), dtype=np.float64), zm.shape)
    return Scaled(mask, f * hi + f * e_lo, k.astype(np.int64))


def tailed(tail: Tail, z: FloatArray, order: int, value: FloatArray) -> FloatArray:
    """``value`` with the tail's points replaced by mantissa * 2**exponent, rounded once."""
    for part in tail(z, np.broadcast_to(0.0, z.shape), order):
        if part.mask.any():
            value[part.mask] = np.ldexp(part.mantissa, part.exponent)
    return value


def times_or_zero(a: FloatArray, b: FloatArray) -> FloatArray:
    """a * b, but 0 where b is 0: the limit when b decays faster than a grows (z e^-z)."""
    with np.errstate(invalid="ignore"):
        product = a * b
    return np.where(b == 0, 0.0, product)


def by_order(z: FloatArray, order: int, *values: Callable[[], FloatArray | float]) -> FloatArray:
    """Evaluate only the requested order's expression, broadcast to z's shape."""
    return np.broadcast_to(np.asarray(values[order](), dtype=np.float64), z.shape).copy()


def pieces(
    z: FloatArray, kinks: tuple[float, ...], slopes: tuple[float, ...], at: tuple[float, ...]
) -> FloatArray:
    """A step function: ``slopes[i]`` between kinks[i-1] and kinks[i], and ``at[i]`` at
    kinks[i] itself (the value autograd gives there: one side's or neither's)."""
    out = np.asarray(np.array(slopes)[np.searchsorted(kinks, z, side="right")], np.float64)
    for kink, value in zip(kinks, at, strict=True):
        out = np.where(z == kink, value, out)
    return out


def constant(value: float) -> Factor:
    return lambda z, lo: value


DD = tuple[FloatArray, FloatArray]  # a double-double (hi, lo)


def scales(b: float) -> bool:
    """Whether b z is exact for every double z: b is 0 or a power of two."""
    return b == 0 or math.frexp(abs(b))[0] == 0.5


def linear(
    alpha: FloatArray | float, beta: FloatArray | float, z: FloatArray, *, exact: bool = False
) -> DD:
    """alpha + beta z as a double-double, exactly (``exact``: beta z needs no rounding, as
    where beta is 0 or a power of two, so the product's error term is skipped)."""
    b = np.broadcast_to(beta, z.shape).astype(np.float64)
    p, p_lo = (b * z, 0.0) if exact else two_prod(b, z)
    return dd_add(np.broadcast_to(alpha, z.shape).astype(np.float64), 0.0, p, p_lo)


def horner(w: DD, coefficients: list[DD]) -> DD:
    """c0 + w (c1 + w (c2 + ...)) in double-double arithmetic (c0 first)."""
    r = coefficients[-1]
    for c in reversed(coefficients[:-1]):
        r = dd_add(*c, *dd_mul(*w, *r))
    return r


def ratio(n: DD, d: DD, power: int) -> FloatArray:
    """n / d^power, rounded once (power 1 to 3)."""
    den = d
    for _ in range(power - 1):
        den = dd_mul(*den, *d)
    return dd_div(*n, *den)
