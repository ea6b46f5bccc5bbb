"""Compute step of the pipeline: sample a FigureSpec into the curves to draw.

Also the finite-difference check of ``--check``: central differences of the order below,
at a few points per curve, to set beside the analytic derivative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigplot.maths.catalog import CATALOG
from sigplot.maths.functions import evaluate
from sigplot.maths.logistic import FloatArray
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import PRESETS

CHECK_POINTS = 25  # evenly spread grid points per derivative curve; the two at the range's
# ends are left out, as a ring there would be cut in half by the panel's edge


@dataclass(frozen=True)
class Check:
    """Central finite differences of the order below, at ``z``, beside the analytic values."""

    z: FloatArray
    finite_difference: FloatArray
    analytic: FloatArray

    @property
    def max_difference(self) -> float:
        return float(np.max(np.abs(self.finite_difference - self.analytic), initial=0.0))


SAME = 1e-6  # values nearer than this share of the larger (or of 1) are one: no jump there


@dataclass(frozen=True)
class Jump:
    """A kink of a drawn curve: at ``z`` it comes in at ``left``, leaves at ``right`` and
    takes ``value`` there (autograd's, in the argument: one side's or neither's). At an end of
    the range only the side inside it counts."""

    z: float
    left: float
    right: float
    value: float

    def ends(self, lo: float, hi: float) -> tuple[tuple[float, int], ...]:
        """The limits of the branches a reader of [lo, hi] sees here, each with its side
        (-1 the left's, 1 the right's): at an end of the range, the one inside it alone."""
        return tuple((limit, side) for limit, side in ((self.left, -1), (self.right, 1))
                     if (self.z > lo if side < 0 else self.z < hi))  # fmt: skip

    def inside(self, lo: float, hi: float) -> tuple[float, ...]:
        """The limits and value a reader of [lo, hi] sees here."""
        return (self.value, *(limit for limit, _ in self.ends(lo, hi)))

    def shows(self, lo: float, hi: float) -> bool:
        """Whether the curve drawn over [lo, hi] jumps here: a gap and two dots."""
        values = self.inside(lo, hi)
        top = max(1.0, *(abs(v) for v in values))
        return max(values) - min(values) > SAME * top

    def apart(self, lo: float, hi: float) -> tuple[tuple[float, int], ...]:
        """The ends a reader of [lo, hi] sees here whose limit is not the value taken, each
        a hollow dot: both where the value is neither side's (sparse_sigmoid' at +-1)."""
        value = self.value
        return tuple((limit, side) for limit, side in self.ends(lo, hi)
                     if abs(limit - value) > SAME * max(1.0, abs(limit), abs(value)))  # fmt: skip


@dataclass(frozen=True)
class Curve:
    """One sampled line: which function, gain and order, and its values on the shared grid."""

    function: str
    order: int
    gain: float
    shift: float
    values: FloatArray
    check: Check | None = None
    jumps: tuple[Jump, ...] = ()  # where the drawn curve jumps, the range's ends included
    kinks: tuple[Jump, ...] = ()  # every kink in the range, jumping or not
    band: tuple[FloatArray, FloatArray] | None = None  # rrelu's in training (see _band)

    def column(self) -> str:
        """A plain-text name for data files: sigmoid, sigmoid', sigmoid(2(z - 1))''."""
        arg = argument(self.gain, self.shift)
        return self.function + ("" if arg == "z" else f"({arg})") + "'" * self.order


def argument(gain: float, shift: float) -> str:
    """The argument of f(gain (z - shift)) as text: z, 2z, -z, z - 1, 0.5(z + 3), 0."""
    inner = "z" if shift == 0 else f"z - {shift:g}" if shift > 0 else f"z + {-shift:g}"
    if gain == 0:
        return "0"
    if gain in (1, -1):
        factor = "" if gain == 1 else "-"
        return factor + (f"({inner})" if shift and gain == -1 else inner)
    return f"{gain:g}" + (f"({inner})" if shift else inner)


@dataclass(frozen=True)
class Tangent:
    """The tangent to one function (at one gain) at z: its point and its slope."""

    function: str
    gain: float
    z: float
    value: float
    slope: float


@dataclass(frozen=True)
class Curves:
    """The grid z and every curve of a figure, in drawing order, and --tangent's lines."""

    z: FloatArray
    lines: tuple[Curve, ...]
    tangents: tuple[Tangent, ...] = ()

    @property
    def max_check_difference(self) -> float | None:
        """The largest |analytic - finite difference| over all checked curves, if any."""
        diffs = [c.check.max_difference for c in self.lines if c.check is not None]
        return max(diffs) if diffs else None


def grid(spec: FigureSpec) -> FloatArray:
    """The sample points: linspace over [MIN, MAX], or the blog's half-open arange."""
    lo, hi = spec.range
    if PRESETS[spec.preset].half_open:
        step = (hi - lo) / (spec.points - 1)
        return lo + step * np.arange(spec.points - 1, dtype=np.float64)
    return np.linspace(lo, hi, spec.points)


def _check(
    name: str, order: int, gain: float, shift: float, z: FloatArray, share: float = 0.0
) -> Check:
    """Central differences of order ``order - 1`` at evenly spread grid points inside the
    range, away from kinks; ``share`` of the spacing further on: each checked curve of a
    figure its own share, so that the rings of curves that meet (the orders' tails, all
    near 0) stand side by side, not over each other (review 17: the first and second
    derivatives' rings hid under the third's)."""
    step = (len(z) - 1) / (CHECK_POINTS - 1)
    spread = (np.arange(1, CHECK_POINTS - 1) * step + share * step).round().astype(int)
    picks = z[np.unique(spread)]
    scale = abs(gain) or 1.0  # gain 0 draws a constant: any step does
    h = np.cbrt(np.finfo(np.float64).eps) * np.maximum(1.0, np.abs(picks)) / scale
    kinks = np.array(CATALOG[name].kinks if gain else (), dtype=np.float64)
    if kinks.size:
        kinks = shift + kinks / gain
        picks = picks[np.min(np.abs(picks[:, None] - kinks[None, :]), axis=1) > 2 * h.max()]
        h = np.cbrt(np.finfo(np.float64).eps) * np.maximum(1.0, np.abs(picks)) / scale

    def below(x: FloatArray) -> FloatArray:
        return evaluate(name, x, order - 1, gain=gain, shift=shift)

    fd = (below(picks + h) - below(picks - h)) / (2 * h)
    return Check(picks, fd, evaluate(name, picks, order, gain=gain, shift=shift))


def _kinks(
    name: str, order: int, gain: float, shift: float, lo: float, hi: float
) -> tuple[Jump, ...]:
    """The catalogue's kinks inside [lo, hi], its ends included, with this order's limits:
    f's n-th derivative a float either side of the kink in the argument, times gain**n
    (sides swapped by a negative gain). The floats either side of the kink in z fell on
    it in the argument under a gain below 1: threshold(0.5z)'s jump at 0 was drawn as a
    stroke (found by a random search of options)."""
    if gain == 0:
        return ()
    out = []
    for kink in CATALOG[name].kinks:
        at = shift + kink / gain
        if lo <= at <= hi:
            near = np.array([np.nextafter(kink, -np.inf), kink, np.nextafter(kink, np.inf)])
            below, value, above = gain**order * evaluate(name, near, order)
            left, right = (below, above) if gain > 0 else (above, below)
            out.append(Jump(at, float(left), float(right), float(value)))
    return tuple(out)


def _band(
    name: str, order: int, gain: float, shift: float, z: FloatArray
) -> tuple[FloatArray, FloatArray] | None:
    """Where an rrelu curve (or its slope) can lie in training, on the grid: its lower and
    upper edges, slopes ``lower`` to ``upper`` below the kink, NaN above it. Part of the
    curve's whole shape: the value axis holds it, or stacks the curves that it squashes."""
    entry = CATALOG[name]
    if entry.function != "rrelu" or order > 1 or gain == 0:
        return None
    x = gain * (z - shift)
    k = gain**order
    edges = [k * (s * x if order == 0 else np.full_like(x, s)) for s in
             (entry.arguments["lower"], entry.arguments["upper"])]  # fmt: skip
    lower, upper = (np.where(x < 0, e, np.nan) for e in edges)
    return lower, upper


def _curve(
    spec: FigureSpec, z: FloatArray, name: str, gain: float, order: int, share: float
) -> Curve:
    lo, hi = spec.range
    kinks = _kinks(name, order, gain, spec.shift, lo, hi)
    return Curve(
        name,
        order,
        gain,
        spec.shift,
        evaluate(name, z, order, gain=gain, shift=spec.shift),
        _check(name, order, gain, spec.shift, z, share) if spec.check and order > 0 else None,
        tuple(k for k in kinks if k.shows(lo, hi)),
        kinks,
        _band(name, order, gain, spec.shift, z) if spec.sweep is None else None,  # not in frames
    )


def compute(spec: FigureSpec) -> Curves:
    """Evaluate every function, gain and order of ``spec`` on its grid."""
    z = grid(spec)
    kinds = [(n, g, o) for n in spec.functions for g in spec.gain for o in spec.orders]
    checked = [kind for kind in kinds if kind[2] > 0]  # each its share of the rings' spacing
    lines = tuple(
        _curve(spec, z, n, g, o, checked.index((n, g, o)) / len(checked) if o > 0 else 0.0)
        for n, g, o in kinds
    )
    at = spec.tangent
    tangents = () if at is None else tuple(
        Tangent(name, gain, at,
                float(evaluate(name, at, 0, gain=gain, shift=spec.shift)),
                float(evaluate(name, at, 1, gain=gain, shift=spec.shift)))
        for name in spec.functions
        for gain in spec.gain
    )  # fmt: skip
    return Curves(z, lines, tangents)
