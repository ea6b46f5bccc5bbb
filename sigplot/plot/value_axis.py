"""The value axis's rule: a window that shows every curve's whole shape, and stacks of
panels (sharing z) where one window cannot without squashing a curve.

A curve's whole shape is its local extrema, its values on both sides of every kink and
jump in the range, rrelu's band in training, and at least two thirds of its samples. A
window squashes a curve when the curve's line spans less than a tenth of the window's
height, or a jump that the curve's own window shows at 3% of the height or more to
under 3% (hardshrink's step of 0.5 beside exponential's 90: its two dots merged). No
matplotlib here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from sigplot.plot.curves import Curve

MARGIN = 0.05  # how far the axis reaches past the window on each side: matplotlib's own
SHARE = 2 / 3  # of a curve's samples, at least this many lie inside the value axis
SQUASH = 0.1  # a curve spanning less than this share of the axis's height is squashed
JUMP = 0.03  # a jump under this share of the axis's height reads as one dot on a line
SEEN = 0.01  # a curve past zero by less than this share of the window's height: no dip
REACH = 0.1  # the most height the first tick past zero may add to the window
ZERO = 0.25  # a window this share of its height from zero or less (past the margin) reaches it
_SHARE_SAMPLES = 8192  # the share is found on at most this many samples, evenly picked


Kind = tuple[tuple[str, float], int]  # a curve's member (function, gain) and its order


@dataclass(frozen=True)
class Reach:
    """What one curve asks of the value axis: ``core``, the least window that holds its
    whole shape, ``full``, the span of all it draws, and ``own``, the span of its line's
    values alone (rrelu's band aside), whose height a window must not squash, and
    ``jump``, the height of its least jump in the range (0: none)."""

    core: tuple[float, float]
    full: tuple[float, float]
    own: tuple[float, float]
    jump: float = 0.0

    @property
    def flat(self) -> bool:
        """A constant (relu'', a gain of 0): it has no height to squash."""
        lo, hi = self.own
        return hi - lo <= 1e-9 * max(abs(lo), abs(hi))


def reach(curve: Curve, lo: float, hi: float) -> Reach | None:
    """What ``curve`` drawn over z in [lo, hi] asks of the value axis; None when it has no
    finite value to show."""
    values = curve.values[np.isfinite(curve.values)]
    if values.size == 0:
        return None
    must = [v for kink in curve.kinks for v in kink.inside(lo, hi) if math.isfinite(v)]
    own = (float(min(values.min(), *must, np.inf)), float(max(values.max(), *must, -np.inf)))
    if curve.band is not None and np.isfinite(curve.band[0]).any():  # rrelu's, in training
        must += [float(f(edge)) for edge in curve.band for f in (np.nanmin, np.nanmax)]
    steps = np.diff(values)
    moving = np.flatnonzero(steps)
    signs = np.sign(steps[moving])
    turns = moving[:-1][signs[1:] != signs[:-1]] + 1  # the sample where a run turns back
    must += values[turns].tolist()
    picked = values[:: math.ceil(values.size / _SHARE_SAMPLES)]
    ordered = np.sort(picked)
    k = math.ceil(SHARE * ordered.size)
    starts = np.minimum(ordered[: ordered.size - k + 1], min(must, default=np.inf))
    ends = np.maximum(ordered[k - 1 :], max(must, default=-np.inf))
    full = (float(min(values.min(), *must, np.inf)), float(max(values.max(), *must, -np.inf)))
    # Of the near-least windows (a straight line has many), the one centred as all is.
    spans = ends - starts
    near = np.flatnonzero(spans <= 1.02 * spans.min())
    centre = (full[0] + full[1]) / 2
    best = near[np.argmin(np.abs((starts[near] + ends[near]) / 2 - centre))]
    sides = [kink.inside(lo, hi) for kink in curve.kinks if kink.shows(lo, hi)]
    jumps = [max(v) - min(v) for v in sides if all(map(math.isfinite, v))]
    return Reach((float(starts[best]), float(ends[best])), full, own, min(jumps, default=0.0))


def _hull(spans: Iterable[tuple[float, float]]) -> tuple[float, float]:
    spans = list(spans)
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _squashes(reaches: Sequence[Reach], lo: float, hi: float, margin: float = MARGIN) -> bool:
    """Whether the window [lo, hi], with its ``margin`` a side, squashes any curve of
    ``reaches``, or a jump of one (see JUMP)."""
    height = (hi - lo) * (1 + 2 * margin)
    return any(
        min(hi, r.own[1]) - max(lo, r.own[0]) < SQUASH * height
        or JUMP * (r.own[1] - r.own[0]) * (1 + 2 * margin) <= r.jump < JUMP * height
        for r in reaches
        if not r.flat
    )


def window(reaches: Sequence[Reach]) -> tuple[float, float]:
    """The value axis's limits for curves drawn together: all of every curve when that
    squashes none, else as much of them as squashes none (never less than each curve's
    whole shape), with the margins. Curves that squash each other even at their whole
    shapes get those: a sweep's frames, which share one axis whatever their scales."""
    if not reaches:
        return (-1.0, 1.0)
    core, full = _hull(r.core for r in reaches), _hull(r.full for r in reaches)
    if not _squashes(reaches, *full):
        lo, hi = full
    elif _squashes(reaches, *core):
        lo, hi = core
    else:  # the widest window between the two that squashes none, by bisection

        def between(t: float) -> tuple[float, float]:
            return core[0] + t * (full[0] - core[0]), core[1] + t * (full[1] - core[1])

        good, bad = 0.0, 1.0
        for _ in range(30):
            mid = (good + bad) / 2
            good, bad = (good, mid) if _squashes(reaches, *between(mid)) else (mid, bad)
        lo, hi = between(good)
    # A window whose margin leaves zero out of view, though it is near, reaches it, so
    # that heights read from zero (sigma(0.5z)'s slope alone in a stack's panel, 0.023
    # to 0.125, filled the panel and looked the tallest of the slopes, a reader review).
    height = hi - lo
    near = ((0.0, hi) if MARGIN * height < lo <= ZERO * height
            else (lo, 0.0) if -ZERO * height <= hi < -MARGIN * height else None)  # fmt: skip
    if near is not None and not _squashes(reaches, *near):
        lo, hi = near
    if hi - lo <= 1e-9 * max(abs(lo), abs(hi)):  # constants only: a unit either side
        half = max(abs(lo + hi) / 2, 1.0)
        return (lo - half, hi + half)
    pad = MARGIN * (hi - lo)
    return (lo - pad, hi + pad)


def feet(
    window: tuple[float, float],
    reaches: Sequence[Reach],
    sets: Sequence[Sequence[float]],
    sides: tuple[bool, bool] = (True, True),
) -> list[tuple[float, float]]:
    """The value axis's limits it may take for ``window`` (with its margins), the curves'
    ``reaches`` and the tick ``sets`` that may label it, the first the one chosen (none:
    the window stays): on a side of zero the curves reach into (silu's dip, hardswish's)
    where the first set has no tick, the window reaches on to a tick past the curves, so
    the reader reads how deep the dip goes, of a step of the sets that adds at most a
    tenth of its height and squashes no curve. A plain step's foot first (the labels take
    a plain step where one reads: -0.25 by 0.25 rather than -0.3 by 0.3, which left the
    axis past its labels' last tick), then the farthest, which the most sets hold (the
    sigmoid's orders, down to -0.126: -0.25, where the steps of 0.2 hold -0.2 and those
    of 0.25, which label sigma(0), hold -0.25); axes._best weighs their labels.
    ``sides``: whether it may reach below, and above (a stack's panel keeps the side it
    faces another panel on)."""
    lo, hi = window
    height = hi - lo
    steps = sorted({locs[1] - locs[0] for locs in sets if len(locs) > 1})
    if not steps or not lo < 0 < hi:
        return []
    pad = height * MARGIN / (1 + 2 * MARGIN)
    least, most = lo + pad, hi - pad  # what the curves reach, the margins aside
    below = sides[0] and least < -SEEN * height and not any(x < 0 for x in sets[0])
    above = sides[1] and most > SEEN * height and not any(x > 0 for x in sets[0])
    if not (below or above):
        return []
    wider = {  # a tick of the step inside the window already: the labels may take it
        (min(lo, math.floor(least / step) * step) if below else lo,
         max(hi, math.ceil(most / step) * step) if above else hi): plain(step)
        for step in steps
    }  # fmt: skip
    fine = [w for w in wider
            if w[1] - w[0] <= (1 + REACH) * height and not _squashes(reaches, *w, 0.0)]  # fmt: skip
    return sorted(fine, key=lambda w: (wider[w], w[1] - w[0]), reverse=True)


def plain(step: float) -> bool:
    """Whether ``step`` is 1, 2, 2.5 or 5 times a power of ten (not 3 or 4)."""
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(abs(mantissa - m) < 1e-6 for m in (1, 2, 2.5, 5, 10))


def stacks(reaches: Sequence[Reach | None], kinds: Sequence[Kind]) -> list[list[list[int]]]:
    """The ways to share the curves (by index) out over the panels of a stack sharing z,
    the best first, each a list of panels, top first: one panel when every curve's whole
    shape fits without squashing another, else as few as work. Of the ways that take as
    few, the one that mixes kinds least first: one function (with its orders) a panel,
    one order a panel, greedy grouping by height, the shortest curves first, or one of
    the first two split where its curves squash each other and its parts joined again
    where they fit. A panel mixes when it holds more than one function and more than
    one order (sigma(0.5z)'s slope under sigma(z)'s curve). Of those alike, the one that keeps
    together what the reader compares: in a family of gains, the members' curves of the
    lowest order (sigma at every gain); else each function with its derivatives. A tie
    goes to the first of those; the others follow for a legend the first leaves no room
    for. ``kinds``: each curve's member (function, gain) and order. Each panel holds its
    curves in their drawing order; the first curve's panel is on top."""
    every = list(range(len(reaches)))
    if _fits(reaches, every):
        return [[every]]
    members, orders = [k[0] for k in kinds], [k[1] for k in kinds]
    by_member, by_order = _by(members), _by(orders)
    ways = [w for w in (by_member, by_order) if all(_fits(reaches, g) for g in w)]
    ways.append(_greedy(reaches, every))
    ways += [_joined(reaches, _split(reaches, w), kinds) for w in (by_member, by_order)]
    fewest = min(len(w) for w in ways)
    family = len({gain for _, gain in members}) > 1
    keys = [o == min(orders) or None for o in orders] if family else members

    def mixing(way: list[list[int]]) -> tuple[int, int]:
        apart = sum(len({keys[i] for i in g} - {None}) for g in way) - len(set(keys) - {None})
        return sum(_mixed(g, kinds) for g in way), apart

    out: list[list[list[int]]] = []
    for way in sorted((w for w in ways if len(w) == fewest), key=mixing):
        known = {i for g in way for i in g}
        way[0] += [i for i in every if i not in known]  # no finite value
        tidy = sorted((sorted(g) for g in way), key=lambda g: g[0] if g else 0)
        if tidy not in out:
            out.append(tidy)
    return out


def _by(keys: Sequence[object]) -> list[list[int]]:
    groups: dict[object, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    return list(groups.values()) or [[]]


def _fits(reaches: Sequence[Reach | None], group: Sequence[int]) -> bool:
    """Whether one panel shows the whole shape of each of ``group`` and squashes none."""
    members = [r for i in group if (r := reaches[i]) is not None]
    return not members or not _squashes(members, *_hull(r.core for r in members))


def _mixed(group: Sequence[int], kinds: Sequence[Kind]) -> int:
    """1 when ``group`` holds more than one function and more than one order, else 0."""
    return int(min(len({kinds[i][0] for i in group}), len({kinds[i][1] for i in group})) > 1)


def _split(reaches: Sequence[Reach | None], groups: list[list[int]]) -> list[list[int]]:
    """``groups`` with each that squashes a curve split by height (see _greedy)."""
    return [
        part for g in groups for part in (_greedy(reaches, g) if not _fits(reaches, g) else [g])
    ]


def _joined(
    reaches: Sequence[Reach | None], groups: list[list[int]], kinds: Sequence[Kind]
) -> list[list[int]]:
    """``groups`` joined two at a time while two fit in one panel, those that stay unmixed
    first: sigma(4z)'s slope, split from the gentler slopes, joins the sigmoids' panel."""
    groups = [list(g) for g in groups if g]
    while True:
        pairs = [(_mixed(a + b, kinds), i, j)
                 for i, a in enumerate(groups) for j, b in enumerate(groups[i + 1 :], i + 1)
                 if _fits(reaches, a + b)]  # fmt: skip
        if not pairs:
            return groups or [[]]
        _, i, j = min(pairs)
        groups[i] += groups.pop(j)


def _greedy(reaches: Sequence[Reach | None], among: Iterable[int]) -> list[list[int]]:
    known = [i for i in among if reaches[i] is not None]
    groups: list[list[int]] = []
    for i in sorted(known, key=lambda i: _height(reaches[i])):
        for group in groups:
            if _fits(reaches, [*group, i]):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups or [[]]


def _height(r: Reach | None) -> float:
    return 0.0 if r is None else r.core[1] - r.core[0]
