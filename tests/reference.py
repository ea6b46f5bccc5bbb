"""The independent truth for sigplot's functions: each function and its derivatives in
mpmath, written by hand from PyTorch's documented definitions (JAX's, Keras' or the
paper's for functions PyTorch lacks), at any parameters (sigplot's code is never imported
for them; only the places of its kinks, to look there). Adding a function to sigplot
means adding its truth here.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath as mp
import numpy as np

from sigplot.maths.catalog import CATALOG

DIGITS = 80

one, half = mp.mpf(1), mp.mpf(1) / 2
# torch.nn.SELU's scale and alpha, read (at 15 digits) as the doubles PyTorch computes with.
LAMBDA = mp.mpf("1.0507009873554804934193349852946")
ALPHA = mp.mpf("1.6732632423543772848170429916717")
LEAK = mp.mpf(0.01)  # torch.nn.LeakyReLU's negative_slope, the double PyTorch uses
A = mp.mpf(0.044715)  # GELU(approximate='tanh')'s constant, as the double PyTorch uses


def sig(x: Any) -> Any:
    return 1 / (1 + mp.exp(-x))


def sig1(x: Any) -> Any:
    return mp.sech(x / 2) ** 2 / 4  # sigma(x) sigma(-x), no cancellation


def sig2(x: Any) -> Any:
    return -(mp.sech(x / 2) ** 2) * mp.tanh(x / 2) / 4


def sig3(x: Any) -> Any:
    t = mp.tanh(x / 2)
    return mp.sech(x / 2) ** 2 * (3 * t * t - 1) / 8


def softplus(x: Any) -> Any:
    return x + mp.log1p(mp.exp(-x)) if x > 0 else mp.log1p(mp.exp(x))


def step(condition: bool, yes: Any, no: Any) -> Any:
    return yes if condition else no


def _gelu_tanh(z: Any, order: int) -> Any:
    c = mp.sqrt(2 / mp.pi)  # at the working precision, not at import's 15 digits
    u2 = 2 * c * (z + A * z**3)  # 2u
    du = c * (1 + 3 * A * z * z)
    ddu = 6 * c * A * z
    if order == 0:
        return z * sig(u2)
    if order == 1:
        return sig(u2) + 2 * z * du * sig1(u2)
    return 4 * du * sig1(u2) + 2 * z * ddu * sig1(u2) + 4 * z * du * du * sig2(u2)


def _mish(z: Any, order: int) -> Any:
    sp = softplus(z)
    t, s2, s = mp.tanh(sp), mp.sech(sp) ** 2, sig(z)
    if order == 0:
        return z * t
    if order == 1:
        return t + z * s2 * s
    return 2 * s2 * s + z * (s2 * sig1(z) - 2 * s2 * t * s * s)


def phi(z: Any) -> Any:
    return mp.npdf(z)


def _gelu(z: Any, order: int) -> Any:
    if abs(z) > 1e6:  # Phi(z) is 1 or 0 and phi(z) is 0 to far below any double's reach
        return (max(z, 0), 1 if z > 0 else 0, 0)[order]
    return (z * mp.ncdf(z), mp.ncdf(z) + z * phi(z), (2 - z * z) * phi(z))[order]


# name -> (order -> the truth at z), from PyTorch's definitions differentiated by hand.
TRUTH: dict[str, Callable[[Any, int], Any]] = {
    "sigmoid": lambda z, n: (sig, sig1, sig2, sig3)[n](z),
    "tanh": lambda z, n: (mp.tanh(z), mp.sech(z) ** 2, -2 * mp.tanh(z) * mp.sech(z) ** 2)[n],
    "softplus": lambda z, n: (softplus, sig, sig1)[n](z),
    "softsign": lambda z, n: (
        z / (1 + abs(z)),
        1 / (1 + abs(z)) ** 2,
        step(z > 0, -2, step(z < 0, 2, 0)) / (1 + abs(z)) ** 3,  # autograd's sgn(0) = 0
    )[n],
    "silu": lambda z, n: (z * sig(z), sig(z) + z * sig1(z), 2 * sig1(z) + z * sig2(z))[n],
    "gelu": _gelu,
    "gelu_tanh": _gelu_tanh,
    "mish": _mish,
    "elu": lambda z, n: (
        step(z > 0, z, mp.expm1(z)),
        step(z > 0, 1, mp.exp(z)),
        step(z >= 0, 0, mp.exp(z)),
    )[n],
    "selu": lambda z, n: (
        LAMBDA
        * (
            step(z > 0, z, ALPHA * mp.expm1(z)),
            step(z > 0, 1, ALPHA * mp.exp(z)),
            step(z >= 0, 0, ALPHA * mp.exp(z)),
        )[n]
    ),
    "celu": lambda z, n: (
        step(z > 0, z, mp.expm1(z)),
        step(z > 0, 1, mp.exp(z)),
        step(z >= 0, 0, mp.exp(z)),
    )[n],
    "relu": lambda z, n: (max(z, 0), step(z > 0, 1, 0), 0)[n],
    "leaky_relu": lambda z, n: (step(z >= 0, z, LEAK * z), step(z > 0, 1, LEAK), 0)[n],
    "relu6": lambda z, n: (min(max(z, 0), 6), step(0 < z < 6, 1, 0), 0)[n],
    "hardsigmoid": lambda z, n: (
        step(z <= -3, 0, step(z >= 3, 1, z / 6 + half)),
        step(-3 < z < 3, one / 6, 0),
        0,
    )[n],
    "hardtanh": lambda z, n: (min(max(z, -1), 1), step(-1 < z < 1, 1, 0), 0)[n],
    "hardswish": lambda z, n: (
        step(z <= -3, 0, step(z >= 3, z, z * (z + 3) / 6)),
        step(z < -3, 0, step(z > 3, 1, (2 * z + 3) / 6)),
        step(-3 < z < 3, one / 3, 0),
    )[n],
    "logsigmoid": lambda z, n: (-softplus(-z), sig(-z), -sig1(z))[n],
    "tanhshrink": lambda z, n: (
        z - mp.tanh(z),
        mp.tanh(z) ** 2,
        2 * mp.tanh(z) * mp.sech(z) ** 2,
    )[n],
    "softshrink": lambda z, n: (
        step(z > half, z - half, step(z < -half, z + half, 0)),
        step(abs(z) > half, 1, 0),
        0,
    )[n],
    "hardshrink": lambda z, n: (
        step(abs(z) > half, z, 0),
        step(abs(z) > half, 1, 0),  # at a jump, the side f takes
        0,
    )[n],
}


# The catalogue's other functions, and every function at its parameters (PyTorch's keyword
# names and defaults), each from its published definition:
# - PyTorch (pytorch.org/docs/stable/nn.html): ELU(alpha) = x (x > 0), alpha (e^x - 1);
#   CELU(alpha) = max(0, x) + min(0, alpha (e^(x/alpha) - 1)); LeakyReLU(negative_slope)
#   = max(0, x) + negative_slope min(0, x); Softplus(beta, threshold) = log(1 + e^(beta x))
#   / beta, "reverts to the linear function when input x beta > threshold"; Hardtanh(min_val,
#   max_val) = clamp(x, min_val, max_val); Softshrink(lambd) = x -+ lambd (|x| > lambd), 0;
#   Hardshrink(lambd) = x (|x| > lambd), 0; Threshold(threshold, value) = x (x > threshold),
#   value; PReLU = max(0, x) + a min(0, x), a = 0.25 at first; RReLU(lower, upper) in eval
#   mode = x (x >= 0), a x with a = (lower + upper)/2.
# - JAX (docs.jax.dev, jax.nn): squareplus(x, b=4) = (x + sqrt(x^2 + b))/2; sparse_plus =
#   0 (x <= -1), (x + 1)^2/4 (-1 < x < 1), x (x >= 1); sparse_sigmoid = 0 (x <= -1),
#   (x + 1)/2 (-1 < x < 1), 1 (x >= 1); hard_silu(x) = x relu6(x + 3)/6.
# - Keras (keras.io/api/layers/activations): exponential(x) = e^x; linear(x) = x.
# - relu_squared = relu(x)^2 (So et al. 2021, Primer); quick_gelu = x sigma(1.702 x)
#   (Radford et al. 2021, CLIP; transformers' QuickGELUActivation); snake(alpha) = x +
#   sin^2(alpha x)/alpha (Ziyin et al. 2020; tfa.activations.snake with frequency alpha).
# Derivatives by hand. At a kink, the value autograd gives there, read from PyTorch's
# backward kernels (aten/src/ATen/native/cpu/Activation.cpp: threshold_backward x <= 0 -> 0,
# leaky_relu_backward x > 0 ? 1 : slope, elu_backward x <= 0 -> the exponential branch,
# hardtanh_backward (relu6 is hardtanh(0, 6)) x <= min or x >= max -> 0,
# hardsigmoid_backward -3 < x < 3, hardswish_backward x < -3 -> 0, x <= 3 -> the middle,
# shrink_backward |x| <= lambd -> 0) and derivatives.yaml for the second (hardswish's
# -3 < x < 3, elu's x < 0, abs' sgn(0) = 0); JAX's jvp rules for its own functions.
def _leaky(z: Any, n: int, a: Any) -> Any:
    return (step(z >= 0, z, a * z), step(z > 0, 1, a), 0)[n]


def _softplus(z: Any, n: int, beta: Any = 1, threshold: Any = mp.inf) -> Any:
    x = mp.mpf(beta) * z
    if x > threshold:
        return (z, 1, 0)[n]
    return (softplus(x) / beta, sig(x), beta * sig1(x))[n]


def _snake(z: Any, n: int, alpha: Any = 1) -> Any:
    w = mp.mpf(alpha) * z
    if mp.isinf(z):
        return (z, mp.nan, mp.nan)[n]
    return (z + mp.sin(w) ** 2 / alpha, 1 + mp.sin(2 * w), 2 * alpha * mp.cos(2 * w))[n]


def _squareplus(z: Any, n: int, b: Any = 4) -> Any:
    if mp.isinf(z):  # the limits
        return (max(z, 0), 1 if z > 0 else 0, 0)[n]
    # z + s cancels for z -> -inf: 2 log10|z| more digits keep DIGITS of the difference.
    with mp.workdps(mp.mp.dps + 2 * int(mp.log10(abs(z) + 1))):
        s = mp.sqrt(z * z + b)
        return +((z + s) / 2, (1 + z / s) / 2, b / (2 * s**3))[n]


def _quick_gelu(z: Any, n: int) -> Any:
    c = mp.mpf(1.702)  # the double the frameworks use
    x = c * z
    return (z * sig(x), sig(x) + x * sig1(x), c * (2 * sig1(x) + x * sig2(x)))[n]


# name -> (z, order, **parameters) -> the truth, for every parametrised function.
AT: dict[str, Callable[..., Any]] = {
    "elu": lambda z, n, alpha=1: (
        step(z > 0, z, alpha * mp.expm1(z)),
        step(z > 0, 1, alpha * mp.exp(z)),
        step(z >= 0, 0, alpha * mp.exp(z)),
    )[n],
    "celu": lambda z, n, alpha=1: (
        max(z, 0) + min(0, alpha * mp.expm1(z / alpha)),
        step(z > 0, 1, mp.exp(z / alpha)),
        step(z >= 0, 0, mp.exp(z / alpha) / alpha),
    )[n],
    "leaky_relu": lambda z, n, negative_slope=0.01: _leaky(z, n, mp.mpf(negative_slope)),
    "softplus": _softplus,
    "hardtanh": lambda z, n, min_val=-1, max_val=1: (
        min(max(z, min_val), max_val),
        step(min_val < z < max_val, 1, 0),
        0,
    )[n],
    "softshrink": lambda z, n, lambd=0.5: (
        step(z > lambd, z - lambd, step(z < -lambd, z + lambd, 0)),
        step(abs(z) > lambd, 1, 0),
        0,
    )[n],
    "hardshrink": lambda z, n, lambd=0.5: (
        step(abs(z) > lambd, z, 0),
        step(abs(z) > lambd, 1, 0),  # at a jump, the side f takes
        0,
    )[n],
    "threshold": lambda z, n, threshold=0, value=0.5: (
        step(z > threshold, z, value),
        step(z > threshold, 1, 0),  # at a jump, the side f takes
        0,
    )[n],
    "prelu": lambda z, n, weight=0.25: _leaky(z, n, mp.mpf(weight)),
    "rrelu": lambda z, n, lower=1 / 8, upper=1 / 3: _leaky(z, n, (mp.mpf(lower) + upper) / 2),
    "squareplus": _squareplus,
    "snake": _snake,
}
TRUTH.update({name: AT[name] for name in ("threshold", "prelu", "rrelu", "squareplus", "snake")})
TRUTH.update(
    {
        "sparse_plus": lambda z, n: (
            step(z <= -1, 0, step(z >= 1, z, (z + 1) ** 2 / 4)),
            step(z <= -1, 0, step(z >= 1, 1, (z + 1) / 2)),
            step(-1 < z < 1, half, 0),  # jnp.where's outer branches at +-1
        )[n],
        "sparse_sigmoid": lambda z, n: (
            step(z <= -1, 0, step(z >= 1, 1, (z + 1) / 2)),
            # 0.5 clip(z + 1, 0, 2): at +-1 clip's max or min ties, and JAX gives a tie half
            step(-1 < z < 1, half, step(abs(z) == 1, half / 2, 0)),
            0,
        )[n],
        "hard_silu": lambda z, n: (
            z * min(max(z + 3, 0), 6) / 6,
            step(z < -3, 0, step(z > 3, 1, (2 * z + 3) / 6)),
            step(-3 < z < 3, one / 3, 0),
        )[n],
        "exponential": lambda z, n: mp.exp(z),
        "identity": lambda z, n: (z, 1, 0)[n],
        "relu_squared": lambda z, n: (max(z, 0) ** 2, 2 * max(z, 0), step(z > 0, 2, 0))[n],
        "quick_gelu": _quick_gelu,
    }
)
MAX_ORDER = {name: 3 if name == "sigmoid" else 2 for name in TRUTH}
# Periodic functions: their truth needs the argument exactly, not to DIGITS relative (at
# 1e100 that would leave no digit of sin), so it is taken as the exact rational K (z - s).
PERIODIC = {"snake"}
# Parameter sets the tests hold to the promise (tests/test_catalogue.py without a gain,
# tests/test_accuracy.py with gains): each function's parameters away from the defaults.
PARAMETER_SETS: list[tuple[str, dict[str, float]]] = [
    ("elu", {"alpha": 0.5}), ("elu", {"alpha": 3.0}), ("celu", {"alpha": 2.0}),
    ("celu", {"alpha": 0.3}), ("leaky_relu", {"negative_slope": 0.2}),
    ("leaky_relu", {"negative_slope": -0.5}), ("softplus", {"beta": 2.0}),
    ("softplus", {"beta": 0.37}), ("softplus", {"beta": 3.0, "threshold": 20.0}),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}), ("softshrink", {"lambd": 1.3}),
    ("hardshrink", {"lambd": 0.25}), ("threshold", {"threshold": 0.1, "value": 20.0}),
    ("prelu", {"weight": -0.5}), ("rrelu", {"lower": 0.1, "upper": 0.4}),
    ("squareplus", {"b": 0.3}), ("snake", {"alpha": 0.37}), ("snake", {"alpha": 3.0}),
]  # fmt: skip


def call_of(name: str, params: dict[str, float]) -> str:
    """The call text sigplot reads for ``name`` at ``params``."""
    return f"{name}({', '.join(f'{k}={v!r}' for k, v in params.items())})" if params else name


# Where the catalogue's functions have kinks (at their defaults): where to look, not a truth.
KINKS = tuple(sorted({k for name in CATALOG for k in CATALOG[name].kinks}))


@functools.cache
def zeros(name: str, order: int) -> tuple[float, ...]:
    """Where the truth of (name, order) changes sign inside [-8, 8], refined by findroot
    (every zero of these functions' derivatives lies within [-3, 3])."""
    f = TRUTH[name]
    xs = np.linspace(-8, 8, 1601) + 0.000731
    with mp.workdps(30):
        ys = [f(mp.mpf(x), order) for x in xs]
        found = []
        for a, b, ya, yb in zip(xs[:-1], xs[1:], ys[:-1], ys[1:], strict=True):
            if ya * yb < 0 and not any(a < k < b for k in KINKS):
                found.append(float(mp.findroot(lambda z: f(z, order), (a, b), solver="anderson")))
        # An exact zero at 0 (odd orders of even functions ...) costs nothing: it is exact.
    return tuple(found)


def truth(
    name: str, order: int, z: float, gain: float = 1.0, shift: float = 0.0, **params: float
) -> float:
    """gain^order f^(order)(gain (z - shift)) from the exact real z, gain and shift (the
    doubles as given, the argument never rounded to a double), rounded once to a double;
    ``params`` give the function's parameters by PyTorch's names."""
    # Tiny arguments get more digits: z - tanh z ~ z^3/3 cancels 2 log10(1/|z|) of them.
    # (z - shift at DIGITS is good to 1e-80 relative however far apart the two are.)
    d = abs(float(z) - float(shift))  # as a double: only its order of magnitude is used
    finite = gain != 0 and 0 < d < math.inf
    tiny = max(0, int(-3 * (math.log10(abs(gain)) + math.log10(d)))) if finite else 0
    with mp.workdps(DIGITS + min(tiny, 1000)):
        k = mp.mpf(gain)
        f = AT[name] if params else TRUTH[name]
        if name in PERIODIC and finite:
            exact = Fraction(gain) * (Fraction(z) - Fraction(shift))  # a power of 2 below
            with mp.workprec(mp.mp.prec + exact.numerator.bit_length() + 64):
                x = mp.mpf(exact.numerator) / exact.denominator
                return float(k**order * f(x, order, **params))
        return float(k**order * f(k * (mp.mpf(z) - mp.mpf(shift)), order, **params))
