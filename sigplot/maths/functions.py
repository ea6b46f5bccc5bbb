"""The maths, checked and public: ``sigmoid``, ``evaluate`` and the ``FUNCTIONS`` names.

``evaluate`` takes a name or a call at its parameters (``"celu(alpha=2)"``), checked by the
catalogue, and runs the kernel registered for it in :data:`KERNELS`.

Pure numpy, no matplotlib or click. Every function accepts any float input (including
+-inf, nan and +-1e308) without a floating-point warning and returns float64 of the
input's shape (a numpy scalar for a scalar).
"""

from __future__ import annotations

import fractions
import functools
import math
from collections.abc import Callable
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt

from sigplot.maths import activations, extra_activations
from sigplot.maths.activations import Kernel
from sigplot.maths.catalog import FUNCTION_NAMES, Entry, require_function
from sigplot.maths.errors import SigplotError
from sigplot.maths.kernel_parts import Tail
from sigplot.maths.logistic import (
    Argument,
    FloatArray,
    Scaled,
    dd_add,
    dd_mul,
    two_prod,
    two_sum,
)
from sigplot.maths.zero_series import refine

FUNCTIONS: tuple[str, ...] = FUNCTION_NAMES
# name -> kernel; extra_activations' softplus and celu take their parameters too.
KERNELS: dict[str, Kernel] = {**activations.KERNELS, **extra_activations.KERNELS}
# name -> its tails (mantissa and power of two apart), at any parameters.
TAILS: dict[str, Tail] = {**activations.TAILS, **extra_activations.TAILS}
_CHUNK = 16384
Unary = Callable[[FloatArray, int], FloatArray]  # a kernel at an entry's parameters


class Bound(NamedTuple):
    """An entry's numerics at its parameters: its kernel, which takes every order up to
    one above the catalogue's (that one only corrects for an argument's rounding), its
    tails, and, for a kernel that takes a gain's whole argument, that form."""

    kernel: Unary
    tail: Callable[[FloatArray, FloatArray, int], tuple[Scaled, ...]] | None
    whole: Callable[[Argument, int], FloatArray] | None


def _as_float_array(z: npt.ArrayLike) -> FloatArray:
    try:
        return np.asarray(z, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise SigplotError("z", z, "must be real numbers") from exc


def check_order(name: str, order: object) -> int:
    """Return ``order`` as an int, or raise SigplotError unless ``name`` supports it."""
    return _check_order(name, order, require_function(name).max_order)


def _check_order(name: str, order: object, top: int) -> int:
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)):
        raise SigplotError("orders", order, "must be a whole number")
    if not 0 <= order <= top:
        raise SigplotError("orders", order, f"is not supported by {name} (orders 0 to {top})")
    return int(order)


@functools.lru_cache(maxsize=256)
def _bound(entry: Entry) -> Bound:
    """The entry's kernel, tails and whole-argument form, bound to its parameters."""
    arguments = entry.arguments
    tail, whole = TAILS.get(entry.kernel), extra_activations.WHOLE.get(entry.kernel)
    return Bound(
        functools.partial(KERNELS[entry.kernel], **arguments),
        None if tail is None else functools.partial(tail, **arguments),
        None if whole is None else functools.partial(whole, **arguments),
    )


def _check_scale(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise SigplotError(field, value, "must be a number")
    x = float(value)
    if not math.isfinite(x):
        raise SigplotError(field, value, "must be finite")
    return x


_SPLITTABLE, _UNSPLIT = 2.0**900, 2.0**-128


def _argument(
    part: FloatArray, k: float, z0: float, kinks: tuple[float, ...]
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """k (z - z0) as a double-double (x, x_lo) with x the double nearest: the argument's own
    rounding would cost |x f^(n+1)(x) / f^(n)(x)| ulp (700 ulp in sigma's tails).

    Where x is a kink and x_lo is not 0, x moves one double towards x_lo, so that the piece
    chosen is the one the exact argument lies on. Also returns z - z0 as a double-double."""
    with np.errstate(invalid="ignore"):  # inf - inf in the error terms: masked below
        d, d_lo = two_sum(part, np.full_like(part, -z0))
        # Dekker's split overflows past 2^996: such factors go in scaled by 2^-128 (exactly).
        k_scale = _UNSPLIT if abs(k) > _SPLITTABLE else 1.0
        d_scale = np.where(np.abs(d) > _SPLITTABLE, _UNSPLIT, 1.0)
        x, x_lo = two_prod(np.full_like(part, k * k_scale), d * d_scale)
        back = 1.0 / (k_scale * d_scale)
        x, x_lo = x * back, x_lo * back + k * d_lo
        s = x + x_lo
        x_lo = x_lo - (s - x)
    x_lo = np.where(np.isfinite(x_lo) & np.isfinite(s), x_lo, 0.0)
    x = np.where(np.isfinite(s), s, x)
    for kink in kinks:
        at = (x == kink) & (x_lo != 0)
        if at.any():
            moved = np.nextafter(x[at], np.where(x_lo[at] > 0, np.inf, -np.inf))
            x_lo[at] = x_lo[at] + (x[at] - moved)
            x[at] = moved
    d_lo = np.where(np.isfinite(d_lo), d_lo, 0.0)
    return x, x_lo, d, d_lo


def _power(k: float, n: int) -> tuple[float, float, int]:
    """k**n = (hi + lo) 2**e exactly to ~1e-32, with hi + lo in [1/8, 1): k**n itself would
    overflow for gain 1e200 at order 2."""
    m, e = math.frexp(k)
    exact = fractions.Fraction(m) ** n
    hi = float(exact)
    return hi, float(exact - fractions.Fraction(hi)), e * n


def _times_power(values: FloatArray, hi: float, lo: float, e: int) -> FloatArray:
    """values (hi + lo) 2**e, rounded once: multiplied first where that cannot underflow
    (values large, or e <= 0, where a subnormal product is a subnormal result anyway),
    scaled first elsewhere, so that a result that is normal never passes through a subnormal."""
    if hi == 1.0 and lo == 0.0 and e == 0:
        return values
    big = np.abs(values) >= 2.0 ** (1000 - max(e, 0))
    first = np.where(big | (e <= 0), values, np.ldexp(values, max(e, 0)))
    p, p_err = two_prod(first, np.full_like(first, hi))
    with np.errstate(invalid="ignore"):  # inf * 0 where values are inf: p is kept there
        product = p + (p_err + first * lo)
    product = np.where(np.isfinite(p_err), product, p)
    return np.where(big | (e <= 0), np.ldexp(product, e), product)


def _near_zero(
    kernel: Unary,
    top: int,
    n: int,
    x: FloatArray,
    d: FloatArray,
    d_lo: FloatArray,
    k: float,
) -> FloatArray:
    """k^n f^(n)(x) for 0 < |x| < 2^-400 where f^(n)(0) = 0, x = k (d + d_lo): c k^(n+1) d
    with c = f^(n+1)(0), or c k^(n+2) d^2 / 2 with c = f^(n+2)(0) where f^(n+1)(0) is 0 too
    (tanhshrink' = tanh^2), the powers of two held apart: f^(n)(x) is subnormal there while
    k^n lifts it back (sigma'' = -x/8 at x = 1e-306, gain 1e3)."""
    side = np.copysign(2.0**-600, x)  # the piece x lies on, at a distance of no consequence
    linear = kernel(side, n + 1)
    linear = np.where(np.abs(linear) < 2.0**-500, 0.0, linear)  # f^(n+1)(side) ~ side
    f, ed = np.frexp(d)  # d itself may be subnormal: its power of two is held apart too
    f_lo = np.ldexp(d_lo, -ed)
    hi, lo, e = _power(k, n + 1)
    p, p_lo = dd_mul(f, f_lo, np.full_like(d, hi), lo)
    result: FloatArray = np.ldexp(linear * p + linear * p_lo, e + ed)
    square = linear == 0
    if square.any() and n + 2 <= top:
        hi, lo, e = _power(k, n + 2)
        q, q_lo = dd_mul(*dd_mul(f, f_lo, f, f_lo), np.full_like(d, hi), lo)
        half = kernel(side, n + 2) / 2.0
        result = np.where(square, np.ldexp(half * q + half * q_lo, e + 2 * ed), result)
    return result


_KINK_REACH = 2.0**-20  # relative distance from a kink within which t = x - c is exact


def _at_kinks(entry: Entry, kernel: Unary, n: int, arg: Argument, values: FloatArray) -> None:
    """Next to a kink c other than 0, f^(n) as its Taylor polynomial in t = K(z - s) - c,
    t computed exactly: about c itself right of it, with the right-hand derivatives there
    (the kernel's values at c are autograd's, either side's or neither's: where an order
    jumps, its right-hand value is the piece's at the double above c; where order n
    itself jumps, about that double), about the double below c left of it. The pieces
    there are polynomials (hardswish, sparse_plus, softshrink ...), so the sum is exact,
    while x + x_lo and its first-order term are not enough once the value is a small
    multiple of t: the double-double's own error is 2^-106 |c|, and sparse_plus'
    (x + 1)^2/4 needs x_lo squared.
    Skipped at order 0 where f jumps (hardshrink, threshold): no value there is small."""
    top = entry.max_order + 1
    for c in entry.kinks:
        near = np.abs(arg.hi - c) <= _KINK_REACH * abs(c)
        if c == 0 or not near.any():
            continue
        above = float(np.nextafter(c, np.inf))
        ends = kernel(np.array([c, above]), n)
        jumps = abs(ends[1] - ends[0]) > _KINK_REACH * (abs(ends[0]) + abs(c))
        if n == 0 and jumps:
            continue
        right = above if jumps else c
        below = float(np.nextafter(c, -np.inf))
        exact = arg.exact(near)
        base = np.array([c if x == c else right if x > c else below for x in exact])
        # The right-hand derivatives at c, for the terms of the polynomial about c.
        at_c = np.array([kernel(np.array([c]), m)[0] for m in range(n, top + 1)])
        past = np.array([kernel(np.array([above]), m)[0] for m in range(n, top + 1)])
        steps = np.abs(past - at_c) > _KINK_REACH * (np.abs(at_c) + abs(c))
        right_hand = np.where(steps, past, at_c)
        offsets = [x - fractions.Fraction(b) for x, b in zip(exact, base.tolist(), strict=True)]
        t_hi = np.array([float(t) for t in offsets])
        t_lo = [
            float(t - fractions.Fraction(h)) for t, h in zip(offsets, t_hi.tolist(), strict=True)
        ]
        t = (t_hi, np.array(t_lo))
        total: tuple[FloatArray, FloatArray] = (kernel(base, n), np.zeros_like(t_hi))
        power = t
        for j in range(1, top - n + 1):
            coefficient = np.where(base == c, right_hand[j], kernel(base, n + j))
            coefficient = coefficient / math.factorial(j)
            term = two_prod(coefficient, power[0])
            total = dd_add(*total, term[0], term[1] + coefficient * power[1])
            power = dd_mul(*power, *t)
        values[near] = total[0] + total[1]


def _gain_path(entry: Entry, n: int, arg: Argument) -> FloatArray:
    """k^n f^(n)(x + x_lo), x + x_lo = k (z - z0): the kernel at x and its first-order term
    in x_lo (the next order's value times x_lo), the series near a zero and the polynomials
    next to a kink, or the whole argument's form where the kernel has one; then the tails,
    scaled with k^n before rounding, and k (z - z0) itself (exact in ``arg``) for arguments
    so small that f^(n)(x) is subnormal near a zero at 0."""
    bound = _bound(entry)
    kernel, x, x_lo, k = bound.kernel, arg.hi, arg.lo, arg.gain
    if bound.whole is not None:
        values = bound.whole(arg, n)
    else:
        values = kernel(x, n)
        moved = (x_lo != 0) & np.isfinite(values)  # e^x past the largest double stays inf
        if moved.any():
            with np.errstate(invalid="ignore"):
                values = np.where(moved, values + x_lo * kernel(x, n + 1), values)
        values = refine(entry.name, n, x, values, x_lo)
        _at_kinks(entry, kernel, n, arg, values)
    hi, lo, e = _power(k, n)
    result = _times_power(values, hi, lo, e)
    if bound.tail is not None:
        for part in bound.tail(x, x_lo, n):
            if part.mask.any():
                m, m_err = two_prod(part.mantissa, np.full_like(part.mantissa, hi))
                mantissa = m + (m_err + part.mantissa * lo)
                result[part.mask] = np.ldexp(mantissa, part.exponent + e)
    tiny = (np.abs(x) < 2.0**-400) & (x != 0) & (np.abs(values) < 2.0**-900)
    if tiny.any():
        top = entry.max_order + 1  # every kernel takes one order above the catalogue's
        result[tiny] = _near_zero(kernel, top, n, x[tiny], arg.d[tiny], arg.d_lo[tiny], k)
    return result


@overload
def evaluate(
    name: str, z: float, order: int = 0, *, gain: float = 1.0, shift: float = 0.0
) -> np.float64: ...
@overload
def evaluate(
    name: str, z: npt.ArrayLike, order: int = 0, *, gain: float = 1.0, shift: float = 0.0
) -> FloatArray: ...
def evaluate(
    name: str, z: npt.ArrayLike, order: int = 0, *, gain: float = 1.0, shift: float = 0.0
) -> FloatArray | np.float64:
    """The ``order``-th derivative of ``f(gain * (z - shift))`` with respect to z.

    ``name`` is one of :data:`FUNCTIONS`, or a call giving parameters by PyTorch's names
    (``"elu(alpha=0.5)"``); the derivative of order n carries the factor gain**n. Any
    finite gain works: 0 gives the constant f(0), a negative one the mirror image. The
    value is that of the exact gain * (z - shift), not of its rounding to a double (which
    the tails magnify: 700 ulp at sigma(-700)), and within 4 ulp wherever it is a normal
    float. Raises SigplotError for an unknown name or parameter, a parameter out of its
    domain, an unknown order, or a non-finite gain or shift.
    """
    entry = require_function(name)
    n = _check_order(entry.name, order, entry.max_order)
    kinks = entry.kinks
    kernel = _bound(entry).kernel
    k = _check_scale("gain", gain)
    z0 = _check_scale("shift", shift)
    x = _as_float_array(z)
    flat = x.ravel()
    result = np.empty_like(flat)
    # Overflow to +-inf and underflow to 0 are the true limits in these formulas.
    with np.errstate(over="ignore", under="ignore"):
        # In cache-sized chunks: the formulas make many temporaries, cheap when they are small.
        for start in range(0, flat.size, _CHUNK):
            part = flat[start : start + _CHUNK]
            if k == 0.0:  # f(0 (z - z0)) is the constant f(0), at infinite z too
                values = kernel(np.zeros_like(part), n) * (1.0 if n == 0 else 0.0)
            elif k == 1.0 and z0 == 0.0:
                values = refine(entry.name, n, part, kernel(part, n))
            else:
                x_hi, x_lo, d, d_lo = _argument(part, k, z0, kinks)
                values = _gain_path(entry, n, Argument(x_hi, x_lo, k, d, d_lo))
            result[start : start + _CHUNK] = values
    shaped = np.where(np.isnan(flat), np.nan, result).reshape(x.shape)
    return shaped[()] if shaped.ndim == 0 else shaped


@overload
def sigmoid(z: float, order: int = 0) -> np.float64: ...
@overload
def sigmoid(z: npt.ArrayLike, order: int = 0) -> FloatArray: ...
def sigmoid(z: npt.ArrayLike, order: int = 0) -> FloatArray | np.float64:
    """Return the ``order``-th derivative (0-3) of sigma(z) = 1/(1+e^-z), as float64.

    Accurate at every float z (within 2 ulp wherever the value is a normal float, except
    within 1e-3 of order 3's two zeros), vectorised over any shape, and silent: no
    overflow warnings.
    """
    return evaluate("sigmoid", z, order)
