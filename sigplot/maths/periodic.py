"""snake, z + sin^2(alpha z)/alpha: the catalogue's one periodic function, and the argument
reduction that keeps it within an ulp or so at any size, right up to its derivatives' zeros.

With w = alpha K (z - s), the value is z + sin^2(w)/alpha, snake' = 1 + sin 2w is taken as
2 sin^2(w + pi/4) (it touches 0 and would cancel there), snake'' = 2 alpha cos 2w. Each comes
from v = w (w + pi/4, 2w) = j pi/2 + r, |r| <= pi/4 a little more, with r as two doubles and
sin r, cos r as double-doubles from their Taylor polynomials: a sign and a swap by j, and
nothing cancels. Below |v| = 2^26 the reduction is Cody and Waite's, in double-double
arithmetic with pi/2 in five 26-bit pieces. Beyond, and where r is so small that the
double-double's own error could show, w is taken exactly, as the rational number alpha, K,
z and s make, and reduced with pi to as many bits as it needs, in integers (Payne and
Hanek's idea: v 2/pi, its fraction kept). That costs some microseconds a point in Python;
only such points pay it.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from sigplot.maths.logistic import Argument, FloatArray, dd_add, dd_mul, two_prod, two_sum

Quadrant = npt.NDArray[np.int64]  # j mod 4 in w = j pi/2 + r
DD = tuple[FloatArray, FloatArray]  # a double-double
_PIECE = 26  # bits in each piece of pi/2: k pi_i is exact for |k| < 2^27
_SMALL = 2.0**26  # below this |w|, the double-double reduction
_NEAR = 2.0**-20  # a smaller r it leaves to the exact one (its error is 2^-78 at most)
_GUARD = 200  # bits of 2/pi past w's magnitude, doubled while r is too small to trust


@functools.cache
def _pi(bits: int) -> int:
    """floor(pi 2^bits), to within 1, by Machin's pi = 16 atan(1/5) - 4 atan(1/239)."""
    guard = bits + 32
    one = 1 << guard

    def atan_inv(x: int) -> int:
        total = term = one // x
        square, k, sign = x * x, 1, 1
        while term:
            term //= square
            k, sign = k + 2, -sign
            total += sign * (term // k)
        return total

    return (16 * atan_inv(5) - 4 * atan_inv(239)) >> 32


def _pi_over_2_pieces(count: int = 5) -> tuple[float, ...]:
    """pi/2 as a sum of doubles with 26 significant bits each."""
    bits = count * _PIECE + 8
    value = _pi(bits)  # pi/2 = value / 2^(bits + 1)
    top = value.bit_length()
    pieces = []
    for i in range(1, count + 1):
        shift = top - i * _PIECE
        chunk = (value >> shift) & ((1 << _PIECE) - 1)
        pieces.append(float(Fraction(chunk << shift, 1 << (bits + 1))))
    return tuple(pieces)


_PIECES = _pi_over_2_pieces()
_TWO_OVER_PI = 0.6366197723675814


@functools.cache
def _two_over_pi(bits: int) -> int:
    """floor(2^bits 2/pi), to within 2."""
    return (1 << (2 * bits + 65)) // _pi(bits + 64)


def _reduce_exact(n: int, m: int, offset: int) -> tuple[int, float, float]:
    """(j mod 4, r_hi, r_lo) with n / 2^m + offset pi/4 = j pi/2 + r (offset 0 or 1), r =
    r_hi + r_lo to ~2^-120 relative."""
    if n == 0 and offset == 0:
        return 0, 0.0, 0.0
    size = max(n.bit_length() - m, 1)  # |w| < 2^size
    bits = (size + _GUARD) // 256 * 256 + 256  # few sizes: 2/pi is cached by size
    while True:
        # y = w 2/pi + offset/2 = (n T + offset 2^(s-1)) / 2^s, s = m + bits, within
        # |w| 2^(1 - bits): the fraction F / 2^s is good to 2^-64 of itself once
        # |F| >= 2^(m + size + 65).
        s = m + bits
        y = n * _two_over_pi(bits) + (offset << (s - 1))
        j = (y + (1 << (s - 1))) >> s
        f = y - (j << s)
        if abs(f).bit_length() > m + size + 66 or bits > 1 << 16:
            break
        bits *= 2
    shift = s + 129  # r = f pi/2 = F pi_128 / 2^(s + 129)
    num = f * _pi(128)
    hi = num / (1 << shift)  # Python's int division rounds correctly, at any size
    a, b = hi.as_integer_ratio()
    lo = (num * b - (a << shift)) / (b << shift)
    return j % 4, hi, lo


def _reduce_double_double(
    w: FloatArray, w_lo: FloatArray, offset: int
) -> tuple[Quadrant, FloatArray, FloatArray, FloatArray]:
    """(j mod 4, r, r_lo, k) for w + w_lo + offset pi/4 = k pi/2 + r, |w| < 2^26: k pi_i is
    exact for each 26-bit piece of pi/2, and the sum is carried in double-double arithmetic
    (to ~2^-100 absolute)."""
    k = np.rint(w * _TWO_OVER_PI + 0.5 * offset)
    r, r_lo = two_sum(w, -k * _PIECES[0])
    for piece in _PIECES[1:]:
        r, r_lo = dd_add(r, r_lo, -k * piece, 0.0)
    for piece in _PIECES if offset else ():
        r, r_lo = dd_add(r, r_lo, np.full_like(r, 0.5 * piece), 0.0)
    r, r_lo = dd_add(r, r_lo, w_lo, 0.0)
    hi = r + r_lo
    return np.mod(k, 4.0).astype(np.int64), hi, r_lo - (hi - r), k


def _reduced(
    arg: Argument, alpha: float, scale: float, offset: int = 0
) -> tuple[Quadrant, FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """(j mod 4, r, r_lo, finite) for v = scale alpha arg + offset pi/4 = j pi/2 + r, with
    the argument exactly (scale 1 or 2, offset 0 or 1)."""
    x = arg.hi
    finite = np.isfinite(x)
    with np.errstate(invalid="ignore", over="ignore"):
        small = finite & (np.abs(x) < _SMALL / (scale * alpha))
        xs = np.where(small, x, 0.0)
        p, e = two_prod(np.full_like(x, alpha), xs)
        e = e + alpha * np.where(small, arg.lo, 0.0)
        small &= np.isfinite(e)
        p, e = scale * p, scale * np.where(small, e, 0.0)
        w, w_lo = two_sum(p, e)  # renormalised
    j, r, r_lo, k = _reduce_double_double(w, w_lo, offset)
    plain = (k == 0) & (offset == 0)  # r is w itself
    exact = finite & ~(small & (plain | (np.abs(r) >= _NEAR)))
    if exact.any():  # w = scale alpha K (z - s), a rational n / 2^m
        factor = Fraction(alpha) * Fraction(scale)
        out = [
            _reduce_exact(w.numerator, w.denominator.bit_length() - 1, offset)
            for w in (factor * t for t in arg.exact(exact))
        ]
        j[exact] = [o[0] for o in out]
        r[exact] = [o[1] for o in out]
        r_lo[exact] = [o[2] for o in out]
    return j, r, r_lo, finite


# Taylor coefficients of sin r = r + r^3 S(r^2) and cos r = 1 - r^2/2 + r^4 C(r^2): for
# |r| <= pi/4 (a little more), ten terms each reach 2^-70 of the value.
_SIN = tuple((-1) ** k / math.factorial(2 * k + 1) for k in range(1, 11))
_COS = tuple((-1) ** k / math.factorial(2 * k) for k in range(2, 12))


def _sin_cos(r: FloatArray, r_lo: FloatArray) -> tuple[DD, DD]:
    """sin and cos of r + r_lo (|r| <= 0.8), each as a double-double to ~2^-60: the
    polynomial tails are small beside r and 1 - r^2/2, which are carried exactly; numpy's
    own sin and cos are only good to an ulp or so."""
    r2 = r * r
    ps = np.zeros_like(r)
    for c in reversed(_SIN):
        ps = ps * r2 + c
    pc = np.zeros_like(r)
    for c in reversed(_COS):
        pc = pc * r2 + c
    s, s_lo = two_sum(r, r * r2 * ps)
    q, q_lo = two_prod(r, r)
    q_lo = q_lo + 2.0 * r * r_lo  # r^2 with r's low part
    c, c_lo = two_sum(np.ones_like(r), -0.5 * q)
    c, c_lo = two_sum(c, c_lo - 0.5 * q_lo + r2 * r2 * pc)  # renormalised
    return two_sum(s, s_lo + r_lo * c), (c, c_lo)


def _turn(j: Quadrant, values: tuple[DD, ...]) -> DD:
    """values[j] pointwise (the quadrant's choice among sin r, cos r, -sin r, -cos r ...)."""
    return np.choose(j, [v[0] for v in values]), np.choose(j, [v[1] for v in values])


def _negative(v: DD) -> DD:
    return -v[0], -v[1]


def snake_at(arg: Argument, order: int, alpha: float = 1.0) -> FloatArray:
    """snake^(order) at the exact argument, w = alpha z: z + sin^2(w)/alpha, 2 sin^2(w + pi/4)
    (= 1 + sin 2w, which touches 0 and would cancel there), 2 alpha cos 2w and
    -4 alpha^2 sin 2w, each from sin and cos of the reduced argument as double-doubles.
    At +-inf the function is +-inf and its derivatives have no limit (nan)."""
    scale, offset = ((1.0, 0), (1.0, 1), (2.0, 0), (2.0, 0))[order]
    j, r, r_lo, finite = _reduced(arg, alpha, scale, offset)
    s, c = _sin_cos(r, r_lo)
    if order < 2:  # sin^2 of w (of w + pi/4): s^2 in even quadrants, c^2 in odd ones
        root = _turn(j % 2, (s, c))
        h, h_lo = dd_mul(*root, *root)
        if order == 1:
            return np.where(finite, 2.0 * h + 2.0 * h_lo, np.nan)
        # z + sin^2(w)/alpha cancels for w in (-1.6, 0) (by 2.6 at most): every piece is a
        # double-double, with one rounding at the end.
        t = h / alpha
        with np.errstate(invalid="ignore", over="ignore"):
            ta, ta_lo = two_prod(t, np.full_like(t, alpha))
            t_lo = ((h - ta) - ta_lo + h_lo) / alpha
        x = np.where(finite, arg.hi, 0.0)
        total, total_lo = two_sum(x, t)
        rest = np.where(np.isfinite(t_lo), t_lo, 0.0) + np.where(finite, arg.lo, 0.0)
        return np.where(finite, total + (total_lo + rest), arg.hi)
    if order == 2:  # cos 2w
        v, factor = _turn(j, (c, _negative(s), _negative(c), s)), 2.0 * alpha
    else:  # sin 2w
        v, factor = _turn(j, (s, c, _negative(s), _negative(c))), -4.0 * alpha * alpha
    p, p_lo = two_prod(np.full_like(v[0], factor), v[0])
    with np.errstate(invalid="ignore", over="ignore"):
        value = np.where(np.isfinite(p_lo), p + (p_lo + factor * v[1]), p)  # a huge alpha
    return np.where(finite, value, np.nan)


def snake(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    return snake_at(Argument.of(z), order, alpha)
