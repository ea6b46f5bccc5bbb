"""The catalogue's newer kernels: PyTorch's threshold, prelu and rrelu, JAX's and Keras'
squareplus, sparse_plus, sparse_sigmoid, exponential and identity, and relu_squared,
quick_gelu and snake from current models; each with orders 0-3 (3 only corrects for an
argument's rounding, see :mod:`sigplot.maths.activations`) on float64 arrays. Also softplus
and celu at parameters other than their defaults, and the tails of all of these.

As in :mod:`sigplot.maths.activations`: any float in, float64 out, no warnings (the caller
silences only overflow to +-inf and underflow to 0), derivatives at a kink autograd's
(see :mod:`sigplot.maths.catalog`).
Arguments that a tail magnifies are carried as double-doubles (1.702 z in quick_gelu,
beta z in softplus, z/alpha in celu). Registered by name in :data:`KERNELS`, their tails
(their parameters as keywords) in :data:`TAILS`, and the kernels that take a gain's whole
argument, not its double and a first-order term, in :data:`WHOLE`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from sigplot.maths import activations, periodic
from sigplot.maths.activations import Kernel
from sigplot.maths.gated import silu, silu_tail
from sigplot.maths.kernel_parts import Tail, by_order, pieces, tailed
from sigplot.maths.logistic import (
    Argument,
    FloatArray,
    Scaled,
    dd_mul,
    exp_scaled,
    logistic,
    times_exp,
    two_prod,
    two_sum,
)
from sigplot.maths.zero_series import refine

_QUICK = 1.702  # quick_gelu's constant, as the double the frameworks use
_TAIL, _GONE = 700.0, 3000.0  # as in activations: where e^x nears the subnormals, and is 0


def _power(base: float, n: int) -> tuple[float, float]:
    """base^n as a double-double (n may be negative), exactly to ~1e-32."""
    exact = Fraction(base) ** n
    hi = float(exact)
    return hi, float(exact - Fraction(hi))


def _exp_piece(mask: np.ndarray, x: FloatArray, x_lo: FloatArray, c: tuple[float, float]) -> Scaled:
    """c e^(x + x_lo) at the points of ``mask``, c a double-double, its power of two apart."""
    hi, e_lo, k = exp_scaled(x[mask], x_lo[mask])
    return Scaled(mask, c[0] * hi + (c[0] * e_lo + c[1] * hi), k.astype(np.int64))


def _reaches(x: FloatArray, right: bool) -> bool:
    """Whether any x lies where an exponential tail takes over: below -700, or also above
    700 (the double-double argument is formed only then: most calls have no such point)."""
    with np.errstate(invalid="ignore"):
        a = np.abs(x) if right else -x
        return bool(np.any((a > _TAIL) & (a < _GONE)))


def _scaled_argument(scale: float, z: FloatArray, lo: FloatArray) -> tuple[FloatArray, FloatArray]:
    """scale (z + lo) as a double-double (its low part 0 where the product overflows)."""
    with np.errstate(invalid="ignore", over="ignore"):
        p, e = two_prod(np.full_like(z, scale), z)
        e = e + scale * lo
    return p, np.where(np.isfinite(e), e, 0.0)


def threshold(z: FloatArray, order: int, threshold: float = 0.0, value: float = 0.5) -> FloatArray:
    # PyTorch: z where z > threshold, else value. At the jump the slope is the side's whose
    # value the function takes: the left's, 0 (a slope of 1 there contradicted f's dot).
    return by_order(
        z,
        order,
        lambda: np.where(z > threshold, z, value),
        lambda: np.where(z > threshold, 1.0, 0.0),
        lambda: 0.0,
        lambda: 0.0,
    )


def softplus_tail(
    z: FloatArray, lo: FloatArray, order: int, beta: float = 1.0, threshold: float = math.inf
) -> tuple[Scaled, ...]:
    """softplus(beta z)/beta's tails, p = beta (z + lo) a double-double: on the left every
    order is beta^(n-1) e^p, on the right orders 2 and 3 are +-beta^(n-1) e^-p (to 1e-300);
    none where PyTorch's threshold makes it z itself."""
    if not _reaches(beta * z, order >= 2):
        return ()
    p, e = _scaled_argument(beta, z, lo)
    kept = ~((p > threshold) | ((p == threshold) & (e > 0)))
    c = _power(beta, order - 1)
    left = _exp_piece((p < -_TAIL) & (p > -_GONE) & kept, p, e, c)
    if order < 2:
        return (left,)
    c = c if order == 2 else (-c[0], -c[1])
    return (left, _exp_piece((p > _TAIL) & (p < _GONE) & kept, -p, -e, c))


def _softplus_smooth(z: FloatArray, order: int, beta: float) -> FloatArray:
    """softplus(beta z)/beta without PyTorch's shortcut or the tails: beta z is carried as
    two doubles, as its rounding would cost |beta z| ulp in the left tail."""
    if beta == 1.0:
        return activations.softplus(z, order)
    p, e = _scaled_argument(beta, z, np.zeros_like(z))
    right = p > 40.0  # softplus(p)/beta = z + ln(1 + e^-p)/beta: no overflow in p
    tail = np.log1p(np.exp(-np.abs(p)))
    return by_order(
        z,
        order,
        lambda: np.where(
            right, z + tail / beta, (np.maximum(p, 0.0) + tail + e * logistic(p, 0)) / beta
        ),
        lambda: logistic(p, 0) + e * logistic(p, 1),
        lambda: beta * (logistic(p, 1) + e * logistic(p, 2)),
        lambda: beta * beta * (logistic(p, 2) + e * logistic(p, 3)),
    )


def _linear(arg: Argument, beta: float, threshold: float) -> npt.NDArray[np.bool_]:
    """Where beta K (z - s) > threshold, for the exact argument: from its double-double,
    and as rationals within 2^-40 of the threshold (the kink is threshold/beta, which no
    double need hold)."""
    p, e = _scaled_argument(beta, arg.hi, arg.lo)
    with np.errstate(invalid="ignore"):
        linear = (p - threshold) + e > 0
    close = np.abs(p - threshold) <= 2.0**-40 * abs(threshold)
    if close.any():
        limit, factor = Fraction(threshold), Fraction(beta)
        linear[close] = [factor * x > limit for x in arg.exact(close)]
    return linear


def softplus_whole(
    arg: Argument, order: int, beta: float = 1.0, threshold: float = math.inf
) -> FloatArray:
    """softplus(beta z)/beta at a gain's whole argument: the first-order term in its low
    part, and z itself where beta z > threshold (PyTorch's shortcut, only when asked for),
    decided for the exact argument."""
    x, lo = arg.hi, arg.lo
    value = _softplus_smooth(x, order, beta)
    moved = (lo != 0) & np.isfinite(value)
    if moved.any():
        value = np.where(moved, value + lo * _softplus_smooth(x, order + 1, beta), value)
    if threshold == math.inf:
        return value
    return np.where(_linear(arg, beta, threshold), (x, 1.0, 0.0, 0.0)[order], value)


def softplus_at(
    z: FloatArray, order: int, beta: float = 1.0, threshold: float = math.inf
) -> FloatArray:
    """softplus(beta z)/beta, and z itself where beta z > threshold: activations.softplus
    at the defaults, with its tails at any beta."""
    value = softplus_whole(Argument.of(z), order, beta, threshold)
    return tailed(functools.partial(softplus_tail, beta=beta, threshold=threshold), z, order, value)


def _celu_argument(z: FloatArray, lo: FloatArray, alpha: float) -> tuple[FloatArray, FloatArray]:
    """(z + lo)/alpha as a double-double: e^(z/alpha) magnifies its rounding by |z/alpha|."""
    zc = np.clip(z, -1e300, 1e300)  # no inf - inf below
    q = zc / alpha
    with np.errstate(invalid="ignore", over="ignore"):
        qa, qa_lo = two_prod(q, np.full_like(z, alpha))
        q_lo = ((zc - qa) - qa_lo + lo) / alpha
    return q, np.where(np.isfinite(q_lo), q_lo, 0.0)


def celu_tail(z: FloatArray, lo: FloatArray, order: int, alpha: float = 1.0) -> tuple[Scaled, ...]:
    """Orders 1-3 of celu are e^q / alpha^(n-1) below 0, q = (z + lo)/alpha."""
    if order == 0 or not _reaches(np.clip(z, -1e300, 1e300) / alpha, False):
        return ()
    q, q_lo = _celu_argument(z, lo, alpha)
    return (_exp_piece((q < -_TAIL) & (q > -_GONE), q, q_lo, _power(alpha, 1 - order)),)


def celu_at(z: FloatArray, order: int, alpha: float = 1.0) -> FloatArray:
    """max(0, z) + min(0, alpha (e^(z/alpha) - 1)): activations.celu at alpha = 1."""
    if alpha == 1.0:
        return activations.celu(z, order)
    q, q_lo = _celu_argument(z, np.zeros_like(z), alpha)
    x = np.minimum(q, 0.0)
    x_lo = np.where((q < 0) & (q > -_GONE), q_lo, 0.0)  # e^(z/alpha) is 0 below -3000
    below = times_exp(np.ones_like(z), np.maximum(x, -_GONE), x_lo)
    value = by_order(
        z,
        order,
        lambda: np.where(z > 0, z, alpha * (np.expm1(x) + x_lo * below)),
        lambda: np.where(z > 0, 1.0, below),  # at 0 the branch below, autograd's (1 either way)
        lambda: np.where(z >= 0, 0.0, below / alpha),
        lambda: np.where(z >= 0, 0.0, below / alpha / alpha),
    )
    return tailed(functools.partial(celu_tail, alpha=alpha), z, order, value)


def _leaky(z: FloatArray, order: int, slope: float) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: np.where(z >= 0, z, slope * z),
        lambda: pieces(z, (0,), (slope, 1), at=(slope,)),
        lambda: 0.0,
        lambda: 0.0,
    )


def prelu(z: FloatArray, order: int, weight: float = 0.25) -> FloatArray:
    return _leaky(z, order, weight)


def rrelu(z: FloatArray, order: int, lower: float = 1 / 8, upper: float = 1 / 3) -> FloatArray:
    # In evaluation mode RReLU is a leaky ReLU with the mean of its random slope.
    return _leaky(z, order, (lower + upper) / 2)


def _squareplus_tail(
    z: FloatArray, lo: FloatArray, order: int, b: float = 4.0
) -> tuple[Scaled, ...]:
    """Past |z| = 1e75 (b/z^2 < 1e-150), f' = b/(4z^2) below 0, f'' = b/(2|z|^3) and
    f''' = -3b sign(z)/(2z^4): |z + lo| = f 2^e split by frexp, f^(n+1) carried exactly and
    lo as the first-order term, so that the power never over- or underflows (f'' is
    subnormal past |z| = 1e102)."""
    if order == 0:
        return ()
    mask = np.isfinite(z) & (np.abs(z) >= 1e75 * max(1.0, math.sqrt(b)))
    if order == 1:
        mask &= z < 0  # f' is 1 - b/(4z^2) above 0
    zm, lm = z[mask], lo[mask]
    a, a_lo = np.abs(zm), np.sign(zm) * lm
    f, e = np.frexp(a)
    p, p_lo = f, np.zeros_like(f)
    for _ in range(order):
        p, err = two_prod(p, f)
        p_lo = err + p_lo * f
    c = (0.25 * b, 0.5 * b, -1.5 * b * np.sign(zm))[order - 1]
    r = c / p
    mantissa = r - r * (p_lo / p + (order + 1) * (a_lo / a))
    return (Scaled(mask, mantissa, -(order + 1) * e.astype(np.int64)),)


def _root(z: FloatArray, b: float) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """q = z^2 + b and its root r, each as a double-double, for |z| < 1e100 (where q^(3/2)
    stays finite)."""
    sq, sq_lo = two_prod(z, z)
    q, q_lo = two_sum(sq, np.full_like(z, b))
    q_lo = q_lo + sq_lo
    r = np.sqrt(q)
    rr, rr_lo = two_prod(r, r)
    return q, q_lo, r, ((q - rr) - rr_lo + q_lo) / (2.0 * r)


def squareplus(z: FloatArray, order: int, b: float = 4.0) -> FloatArray:
    # With s = sqrt(z^2 + b) a double-double: (z + s)/2 above 0 and b/(2 (s - z)) below, which
    # do not cancel; f' = f/s, as 1/2 + z/(2s) above 0 and b/(2s (s - z)) below; f'' =
    # b/(2 s^3). Past |z| = 1e100, where s is |z|, in steps that cannot overflow.
    zc = np.where(np.isinf(z), np.copysign(1e300, z), z)  # no inf - inf; limits set below
    small = np.abs(zc) < 1e100
    zs = np.where(small, zc, 0.0)
    q, q_lo, r, r_lo = _root(zs, b)
    if order in (0, 1):
        g, g_lo = two_sum(r, -zs)  # s - z, for z < 0
        g_lo = g_lo + r_lo
    if order == 0:
        h, h_lo = two_sum(zs, r)
        value = np.where(zc >= 0, 0.5 * h + 0.5 * (h_lo + r_lo), _over(0.5 * b, g, g_lo))
    elif order == 1:
        t = zs / r
        above = 0.5 + 0.5 * (t - t * (r_lo / r))
        value = np.where(zc >= 0, above, _over(0.5 * b, *dd_mul(r, r_lo, g, g_lo)))
    elif order == 2:
        value = _over(0.5 * b, *dd_mul(q, q_lo, r, r_lo))  # b / (2 q^(3/2))
    else:  # -3 b z / (2 q^(5/2)), which only corrects for an argument's rounding
        value = (((-1.5 * b) * (zs / r)) / q) / q
    if not small.all():
        value = np.where(small, value, _squareplus_far(zc, order, b))
    if order == 0:
        return np.where(np.isinf(z), np.maximum(z, 0.0), value)
    return tailed(functools.partial(_squareplus_tail, b=b), z, order, value)


def _squareplus_far(z: FloatArray, order: int, b: float) -> FloatArray:
    """squareplus past |z| = 1e100, with s = hypot(z, sqrt b) and nothing that overflows."""
    s = np.hypot(z, np.sqrt(b))
    gap = np.where(z < 0, 0.5 * s - 0.5 * z, 1.0)  # halves: no overflow at -1e308
    f = np.where(z >= 0, 0.5 * z + 0.5 * s, (0.25 * b) / gap)
    if order < 2:
        return f if order == 0 else f / s
    if order == 2:
        return ((0.5 * b) / s) / s / s
    return (((-1.5 * b) * (z / s)) / s / s) / s / s


def _over(a: float, d: FloatArray, d_lo: FloatArray) -> FloatArray:
    """a / (d + d_lo), rounded about once."""
    with np.errstate(invalid="ignore", divide="ignore"):
        r = a / d
        return r - r * (d_lo / d)


def sparse_plus(z: FloatArray, order: int) -> FloatArray:
    middle = np.clip(z, -1.0, 1.0) + 1.0
    return by_order(
        z,
        order,
        lambda: np.where(z <= -1, 0.0, np.where(z >= 1, z, 0.25 * middle * middle)),
        lambda: 0.5 * middle,
        lambda: pieces(z, (-1, 1), (0, 0.5, 0), at=(0, 0)),
        lambda: 0.0,
    )


def sparse_sigmoid(z: FloatArray, order: int) -> FloatArray:
    return by_order(
        z,
        order,
        lambda: 0.5 * (np.clip(z, -1.0, 1.0) + 1.0),
        # JAX's 1/4 at -1 and 1: clip's max and min each give half the slope at a tie.
        lambda: pieces(z, (-1, 1), (0, 0.5, 0), at=(0.25, 0.25)),
        lambda: 0.0,
        lambda: 0.0,
    )


def _exponential_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # e^z on both sides: subnormal below -708, past the largest double above 709.78, where
    # a gain's K^n below 1 brings it back (0 or inf past 3000 for any K^n).
    mask = (np.abs(z) > _TAIL) & (np.abs(z) < _GONE)
    return (_exp_piece(mask, z, lo, (1.0, 0.0)),)


def exponential(z: FloatArray, order: int) -> FloatArray:
    return tailed(_exponential_tail, z, order, np.exp(z))


def identity(z: FloatArray, order: int) -> FloatArray:
    return by_order(z, order, lambda: z, lambda: 1.0, lambda: 0.0, lambda: 0.0)


def relu_squared(z: FloatArray, order: int) -> FloatArray:
    r = np.maximum(z, 0.0)
    return by_order(
        z,
        order,
        lambda: r * r,
        lambda: 2.0 * r,
        lambda: pieces(z, (0,), (0, 2), at=(0,)),
        lambda: 0.0,
    )


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


def _quick_gelu_tail(z: FloatArray, lo: FloatArray, order: int) -> tuple[Scaled, ...]:
    # quick_gelu^(n)(z) = 1.702^(n-1) silu^(n)(p) for n >= 1, p = 1.702 (z + lo), and silu's
    # tails are (p + n) e^p on the left, (2 - p) e^-p and (p - 3) e^-p on the right; z e^p
    # itself at order 0.
    if not _reaches(_QUICK * z, order >= 2):
        return ()
    p, e = _scaled_argument(_QUICK, z, lo)
    if order == 0:
        mask = (p < -_TAIL) & (p > -_GONE)
        hi, e_lo, k = exp_scaled(p[mask], e[mask])
        f = z[mask] + lo[mask]
        return (Scaled(mask, f * hi + f * e_lo, k.astype(np.int64)),)
    c = (1.0, _QUICK, _QUICK * _QUICK)[order - 1]
    return tuple(Scaled(s.mask, c * s.mantissa, s.exponent) for s in silu_tail(p, e, order))


def quick_gelu(z: FloatArray, order: int) -> FloatArray:
    # z sigma(x) with x = 1.702 z = p + e exactly: f^(n)(z) = 1.702^(n-1) silu^(n)(x), and
    # silu^(n)(p + e) = silu^(n)(p) + e silu^(n+1)(p), silu's zero series included, so the
    # rounding of 1.702 z costs nothing near the zeros or in the tails.
    p, e = _scaled_argument(_QUICK, np.clip(z, -1e300, 1e300), np.zeros_like(z))
    if order == 0:
        value = _times(z, logistic(p, 0) + e * logistic(p, 1))
    else:
        nxt = order + 1  # silu^(n+1) = (n+1) sigma^(n) + x sigma^(n+1), for the correction
        slope = nxt * logistic(p, order) + _times(p, logistic(p, nxt))
        closed = silu(p, 1) if order == 1 else _silu2(p) if order == 2 else silu(p, 3)
        value = (refine("silu", order, p, closed) + e * slope) * (1.0, _QUICK, _QUICK**2)[order - 1]
    return tailed(_quick_gelu_tail, z, order, value)


# softplus and celu at any parameters (activations' own kernels at the defaults).
KERNELS: dict[str, Kernel] = {
    "softplus": softplus_at, "celu": celu_at, "threshold": threshold, "prelu": prelu,
    "rrelu": rrelu, "squareplus": squareplus,
    "sparse_plus": sparse_plus, "sparse_sigmoid": sparse_sigmoid, "exponential": exponential,
    "identity": identity, "relu_squared": relu_squared, "quick_gelu": quick_gelu,
    "snake": periodic.snake,
}  # fmt: skip

# Their tails, at the function's parameters (softplus' and celu's replace activations').
TAILS: dict[str, Tail] = {
    "softplus": softplus_tail,
    "celu": celu_tail,
    "squareplus": _squareplus_tail,
    "exponential": _exponential_tail,
    "quick_gelu": _quick_gelu_tail,
}

# Kernels that take a gain's whole argument (an Argument), not its double plus x_lo times
# the next order: snake, whose period the low part may span, and softplus, whose
# threshold/beta is a kink no double need hold.
WHOLE: dict[str, Callable[..., FloatArray]] = {
    "snake": periodic.snake_at,
    "softplus": softplus_whole,
}
