"""What a function is, computed from the catalogue's maths (nothing typed twice): its range
of values, f(0) and f'(0), monotonicity, smoothness, extrema, steepest slope, saturation
levels, kinks with the values either side, and how the frameworks name it.

Every number comes from :func:`sigplot.maths.functions.evaluate` at the function's
parameters: each piece between kinks is sampled, each sign change of the next derivative
is refined by bisection (an extremum, attained), a piece whose slope is 0 is a plateau
(attained), and the ends of a piece are limits (attained only where a kink's own value
equals them). :mod:`sigplot.maths.report` writes them for ``sigplot info``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from sigplot.maths.catalog import Entry, require_function
from sigplot.maths.functions import evaluate

_SAMPLES = 2001
_REACH = 1e4  # tails are sampled out to |z - kink| = 1e4; beyond, the limits at +-inf


@dataclass(frozen=True)
class Interval:
    """Part of a range of values: lo to hi, each end included or not (inf is never)."""

    lo: float
    hi: float
    lo_in: bool
    hi_in: bool


@dataclass(frozen=True)
class Stationary:
    """A point where f^(order+1) changes sign: a maximum or minimum of f^(order)."""

    kind: str  # "minimum" or "maximum"
    z: float
    value: float


@dataclass(frozen=True)
class Jump:
    """At a kink, order ``order`` jumps: ``left`` and ``right`` limits, the value at it."""

    z: float
    order: int
    left: float
    right: float
    value: float


@dataclass(frozen=True)
class Candidate:
    """A value f^(order) takes or approaches, and where: "z = -1.278", "0 < z < inf"
    (a plateau), "z -> 0 from the left", "z -> inf" (limits: not attained)."""

    value: float
    attained: bool
    where: str


@dataclass(frozen=True)
class Extent:
    """Where f^(order) takes its values: the range, its extrema, its plateaus."""

    intervals: tuple[Interval, ...]
    stationary: tuple[Stationary, ...]
    plateaus: tuple[tuple[float, float, float], ...]  # (from z, to z, value)
    limits: tuple[float, float]  # at -inf and +inf (nan where there is none)
    candidates: tuple[Candidate, ...] = ()

    def where(self, value: float) -> tuple[list[str], bool]:
        """Where ``value`` is taken (or, failing that, approached), and whether taken."""
        hits = [c for c in self.candidates if c.value == value]
        taken = [c.where for c in hits if c.attained]
        return (list(dict.fromkeys(taken or [c.where for c in hits])), bool(taken))


def _value(name: str, z: float, order: int) -> float:
    return float(evaluate(name, z, order))


def _pieces(kinks: tuple[float, ...]) -> list[tuple[float, float]]:
    edges = [-math.inf, *kinks, math.inf]
    return list(itertools.pairwise(edges))


def _grid(a: float, b: float) -> np.ndarray:
    """Sample points strictly inside (a, b): dense next to finite ends, out to 1e4 in tails."""
    steps = np.geomspace(1e-9, _REACH, _SAMPLES // 2)
    if math.isinf(a) and math.isinf(b):
        return np.unique(np.concatenate([-steps[::-1], [0.0], steps]))
    if math.isinf(a):
        return b - steps[::-1]
    if math.isinf(b):
        return a + steps
    inner = np.linspace(a, b, _SAMPLES)[1:-1]
    width = b - a
    near = np.concatenate([a + width * steps[:20] / _REACH, b - width * steps[:20] / _REACH])
    return np.unique(np.concatenate([inner, near]))


def _bisect(name: str, order: int, a: float, b: float) -> float:
    """Where f^(order) changes sign between a and b."""
    fa = _value(name, a, order)
    for _ in range(200):
        m = 0.5 * (a + b)
        if m in (a, b):
            break
        fm = _value(name, m, order)
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return 0.5 * (a + b)


def _end(name: str, z: float, toward: float, order: int) -> float:
    """The limit of f^(order) at a piece's end z (from inside, toward ``toward``): the
    value at z where the function is continuous from that side."""
    at = _value(name, z, order)
    if math.isinf(z):
        return at
    near = _value(name, float(np.nextafter(z, toward)), order)
    if abs(near - at) <= 1e-12 * max(1.0, abs(at)):
        return at
    return 0.0 if abs(near) < 1e-300 else near  # threshold's z -> 0+: 5e-324 is 0


def _turns(slope: np.ndarray) -> list[tuple[int, int]]:
    """Index pairs around each sign change of ``slope``: adjacent samples, or two with one
    exact zero between (that zero is the turning point). A run of zeros is a plateau."""
    nonzero = np.flatnonzero(slope != 0)
    flips = np.flatnonzero(np.sign(slope[nonzero[:-1]]) != np.sign(slope[nonzero[1:]]))
    pairs = [(int(nonzero[k]), int(nonzero[k + 1])) for k in flips]
    return [(a, b) for a, b in pairs if b - a <= 2]


def extent(entry: Entry, order: int) -> Extent:
    """The values of f^(order) over all z, from its pieces between kinks and its kinks."""
    name = entry.name
    parts: list[Interval] = []
    stationary: list[Stationary] = []
    plateaus: list[tuple[float, float, float]] = []
    seen: list[Candidate] = []
    for a, b in _pieces(entry.kinks):
        z = _grid(a, b)
        f = evaluate(name, z, order)
        ends = [Candidate(_end(name, a, b, order), False, _side(a, "right")),
                Candidate(_end(name, b, a, order), False, _side(b, "left"))]  # fmt: skip
        found: list[Candidate] = []
        if order + 1 <= entry.max_order:
            slope = evaluate(name, z, order + 1)
            if np.all(slope == 0):
                value = float(f[len(f) // 2])
                plateaus.append((a, b, value))
                seen.append(Candidate(value, True, _stretch(a, b)))
                parts.append(Interval(value, value, True, True))
                continue
            # Nearest 0 first, 64 at most: enough to say what a periodic function does.
            for i, j in sorted(_turns(slope), key=lambda t: abs(z[t[0]]))[:64]:
                lo, hi = float(z[i]), float(z[j])
                at = float(z[i + 1]) if j == i + 2 else _bisect(name, order + 1, lo, hi)
                kind = "maximum" if slope[i] > 0 else "minimum"
                stationary.append(Stationary(kind, at, _value(name, at, order)))
                found.append(Candidate(stationary[-1].value, True, f"z = {number(at)}"))
        known = [c for c in found + ends if not math.isnan(c.value)]
        if any(math.isnan(c.value) for c in ends):  # no limit (snake's slope): what is seen
            known += [Candidate(float(np.nanmin(f)), False, "z -> +-inf"),
                      Candidate(float(np.nanmax(f)), False, "z -> +-inf")]  # fmt: skip
        lo = min(c.value for c in known)
        hi = max(c.value for c in known)
        lo_in = any(c.value == lo and c.attained for c in known)
        hi_in = any(c.value == hi and c.attained for c in known)
        parts.append(Interval(lo, hi, lo_in, hi_in))
        seen += known
    for k in entry.kinks:
        v = _value(name, k, order)
        parts.append(Interval(v, v, True, True))
        seen.append(Candidate(v, True, f"z = {number(k)}"))
    limits = (_value(name, -math.inf, order), _value(name, math.inf, order))
    stationary.sort(key=lambda s: s.z)
    return Extent(_union(parts), tuple(stationary), tuple(plateaus), limits, tuple(seen))


def _stretch(a: float, b: float) -> str:
    if math.isinf(a) and math.isinf(b):
        return "every z"
    if math.isinf(a):
        return f"z < {number(b)}"
    return f"z > {number(a)}" if math.isinf(b) else f"{number(a)} < z < {number(b)}"


def _side(z: float, side: str) -> str:
    return f"z -> {number(z)}" if math.isinf(z) else f"z -> {number(z)} from the {side}"


def _union(parts: list[Interval]) -> tuple[Interval, ...]:
    """Overlapping or touching intervals merged, the included ends kept."""
    out: list[Interval] = []
    for p in sorted(parts, key=lambda p: (p.lo, not p.lo_in)):
        if out and (p.lo < out[-1].hi or (p.lo == out[-1].hi and (p.lo_in or out[-1].hi_in))):
            last = out[-1]
            if p.hi > last.hi or (p.hi == last.hi and p.hi_in):
                closed = p.hi_in or (p.hi == last.hi and last.hi_in)
                last = Interval(last.lo, p.hi, last.lo_in, closed)
            lo_in = last.lo_in or (p.lo == last.lo and p.lo_in)
            out[-1] = Interval(last.lo, last.hi, lo_in, last.hi_in)
        else:
            out.append(p)
    return tuple(out)


def number(x: float) -> str:
    """A value as read: 4 significant digits, inf, or a whole number as such."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = f"{x:.4g}"
    return "0" if text == "-0" else text


def range_text(intervals: tuple[Interval, ...]) -> str:
    """(0, 1), [-0.2785, inf), {-3} ∪ (1, inf)."""

    def one(i: Interval) -> str:
        if i.lo == i.hi:
            return f"{{{number(i.lo)}}}"
        return f"{'[' if i.lo_in else '('}{number(i.lo)}, {number(i.hi)}{']' if i.hi_in else ')'}"

    return " ∪ ".join(one(i) for i in intervals)


def _jumps(entry: Entry) -> list[Jump]:
    out = []
    for k in entry.kinks:
        for order in range(min(entry.max_order, 2) + 1):
            left = _end(entry.name, k, -math.inf, order)
            right = _end(entry.name, k, math.inf, order)
            value = _value(entry.name, k, order)
            if abs(right - left) > 1e-12 * max(1.0, abs(left), abs(right)):
                out.append(Jump(k, order, left, right, value))
    return out


@dataclass(frozen=True)
class Properties:
    entry: Entry
    values: Extent
    slopes: Extent
    jumps: tuple[Jump, ...]
    at_zero: tuple[float, float]  # f(0), f'(0)

    @property
    def smoothness(self) -> str:
        """The lowest order that jumps decides it: C^-1 (not continuous), C0, C1 ..."""
        if not self.entry.kinks:
            return "C-infinity"
        lowest = min((j.order for j in self.jumps), default=None)
        if lowest is None:
            return "C2 at least"
        return "not continuous" if lowest == 0 else f"C{lowest - 1}"

    @property
    def monotonic(self) -> str:
        """increasing, non-decreasing (flat stretches), the same downward, or neither."""
        slopes = self.slopes.intervals
        lo, hi = slopes[0].lo, slopes[-1].hi
        steps = [j.right - j.left for j in self.jumps if j.order == 0]
        if lo >= 0 and all(s >= 0 for s in steps):
            return "non-decreasing" if self.slopes.plateaus and _flat(self.slopes) else "increasing"
        if hi <= 0 and all(s <= 0 for s in steps):
            return "non-increasing" if _flat(self.slopes) else "decreasing"
        return "not monotonic"


def _flat(slopes: Extent) -> bool:
    """Whether the slope is 0 over a whole stretch (relu's left half), not at points."""
    return any(value == 0 for _, _, value in slopes.plateaus)


def properties(text: str) -> Properties:
    """Everything ``sigplot info`` says about a function (a name or a call)."""
    entry = require_function(text)
    values = extent(entry, 0)
    slopes = extent(entry, 1)
    at_zero = (_value(entry.name, 0.0, 0), _value(entry.name, 0.0, 1))
    return Properties(entry, values, slopes, tuple(_jumps(entry)), at_zero)
