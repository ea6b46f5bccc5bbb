"""What ``--annotate`` marks, located numerically for any function (not hard-coded):
the value at z = 0, the point of maximum slope, inflection points, and the
vanishing-gradient zones where |f'| is below 1% of its maximum over the range (over the
part of the range where its curves are in view, once the panel's value axis is known).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sigplot.maths.catalog import CATALOG
from sigplot.maths.functions import evaluate
from sigplot.maths.logistic import FloatArray
from sigplot.plot.curves import Curves, argument, compute
from sigplot.spec.options import FigureSpec

VANISHING = 0.01  # |f'| below this fraction of its maximum counts as a vanishing gradient
NARROWEST = 0.03  # a zone narrower than this share of the range is too thin to see
_MAX_INFLECTIONS = 4


@dataclass(frozen=True)
class Mark:
    """A point on a drawn curve (``line`` indexes Curves.lines) with its text and the
    ``owner`` its facts are of (:func:`owner`); ``named``: the text needs no owner put
    before it, as it names each fact's owner or holds for every curve through the point."""

    line: int
    z: float
    y: float
    text: str
    named: bool = False
    owner: str = ""


def owner(function: str, gain: float, spec: FigureSpec, name: str | None = None) -> str:
    """The name a note or a zone's legend entry gives a function: in a family of gains the
    member as the legend writes it, sigma(2z) (the notes of two members were both
    "exponential", their zones "hardshrink, hardshrink"); else ``name`` or its own."""
    if len(spec.gain) > 1:
        return f"${CATALOG[function].symbol}({argument(gain, spec.shift)})$"
    return name or CATALOG[function].name


def owned(name: str, text: str) -> str:
    """A note's text with the function it is about, as the legend writes it: on a line of
    its own above a one-line text, so the note is narrow enough for the room beside curves
    (a key puts it back on one line)."""
    return f"{name}:\n{text}" if "\n" not in text else f"{name}: {text}"


@dataclass(frozen=True)
class Zone:
    """A z-interval where the gradient of ``function`` (at ``gain``) vanishes."""

    function: str
    gain: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Features:
    """What --annotate marks: ``marks`` as drawn together (see :func:`merged`), ``zones``,
    the functions with nothing to mark, and ``points``, each curve's facts unmerged (a
    panel of a stack merges its own)."""

    marks: tuple[Mark, ...]
    zones: tuple[Zone, ...]
    unmarked: tuple[str, ...]  # functions for which nothing could be marked
    points: tuple[Mark, ...] = ()


def number(x: float) -> str:
    """A note's number in three digits, with a minus sign as the tick labels have it (not
    a hyphen: gelu(z - 1.5)'s note read "-0.1 at z = 0" beside the axis's "−2")."""
    text = f"{x:.3g}"
    return "0" if text == "-0" else text.replace("-", "\N{MINUS SIGN}")


def _bisect(name: str, gain: float, shift: float, a: float, b: float) -> float:
    """A zero of f'' between a and b, where f'' changes sign."""
    fa = float(evaluate(name, a, 2, gain=gain, shift=shift))
    for _ in range(80):
        m = 0.5 * (a + b)
        fm = float(evaluate(name, m, 2, gain=gain, shift=shift))
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return 0.5 * (a + b)


def _sign_changes(values: FloatArray) -> list[tuple[int, int]]:
    """Index pairs (a, b) around each sign change: adjacent, or with one exact zero between."""
    nonzero = np.flatnonzero(values != 0)
    flips = np.flatnonzero(np.sign(values[nonzero[:-1]]) != np.sign(values[nonzero[1:]]))
    pairs = [(int(nonzero[k]), int(nonzero[k + 1])) for k in flips]
    return [(a, b) for a, b in pairs if b - a <= 2]


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Index ranges [start, end) of the True runs of a boolean array."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return [(int(s), int(e)) for s, e in zip(edges[::2], edges[1::2], strict=True)]


def _max_slope(
    name: str, gain: float, shift: float, z: FloatArray, d1: FloatArray, d2: FloatArray
) -> float | None:
    """Where f' peaks inside the range at a single point (not on a plateau), refined: at
    a kink between the samples beside the peak where f' takes as much there (hardswish'
    peaks at its corner z = 3, which the samples of -4 to 4 step over: "at z = 2.99")."""
    i = int(np.nanargmax(d1))
    top = d1[i]
    if not top > 0 or i in (0, len(z) - 1):
        return None
    if np.count_nonzero(d1 >= top - 1e-9 * abs(top)) > 3:  # a plateau: relu, hardtanh
        return None
    for kink in (shift + k / gain for k in CATALOG[name].kinks) if gain else ():
        if z[i - 1] < kink < z[i + 1] and evaluate(name, kink, 1, gain=gain, shift=shift) >= top:
            return float(kink)
    if d2[i - 1] > 0 > d2[i + 1]:  # f'' falls through zero: refine the peak by bisection
        return _bisect(name, gain, shift, float(z[i - 1]), float(z[i + 1]))
    return float(z[i])


def locate(spec: FigureSpec, curves: Curves) -> Features:
    """Find the marks and zones for every function and gain of ``spec``."""
    marks: dict[tuple[int, float], list[str]] = {}
    zones: list[Zone] = []
    unmarked: list[str] = []
    z = curves.z
    lo, hi = spec.range

    def snap(at: float) -> float:
        """Round off bisection noise: 1e-26 is the origin on a range of width 20."""
        return 0.0 if abs(at) < 1e-9 * (hi - lo) else at

    def mark(line: int, at: float, text: str) -> None:
        marks.setdefault((line, round(at, 9) + 0.0), []).append(text)

    for name in spec.functions:
        before = (sum(map(len, marks.values())), len(zones))
        for gain in spec.gain:
            drawn = {c.order: i for i, c in enumerate(curves.lines)
                     if c.function == name and c.gain == gain}  # fmt: skip
            kw = {"gain": gain, "shift": spec.shift}
            d1 = evaluate(name, z, 1, **kw)
            d2 = evaluate(name, z, 2, **kw)
            on_f = drawn.get(0)
            if on_f is not None and lo <= 0 <= hi:
                value = number(float(evaluate(name, 0.0, 0, **kw)))
                # f(g z) is f(0) at z = 0 whatever the gain: a family's members all say so
                # alike, where "0.5 at z = 0" beside "sigma(0) = 0.5" told one fact twice.
                # Shifted, the argument at z = 0 as the legend writes it, sigma(2(0 - 1.5)):
                # "0.0474 at z = 0" did not say what the number was (a reader review).
                zero = "0" if spec.shift == 0 else argument(gain, spec.shift).replace("z", "0")
                mark(on_f, 0.0, f"${CATALOG[name].symbol}({zero}) = {value}$")
            peak = _max_slope(name, gain, spec.shift, z, d1, d2)
            peak = None if peak is None else snap(peak)
            slope_line = drawn.get(1, on_f)
            if peak is not None and slope_line is not None:
                slope = number(float(evaluate(name, peak, 1, **kw)))
                mark(slope_line, peak, f"max slope {slope} at $z = {number(peak)}$")
            if on_f is not None:
                for a, b in _sign_changes(d2)[:_MAX_INFLECTIONS]:
                    at = snap(
                        float(z[a + 1])
                        if b - a == 2
                        else _bisect(name, gain, spec.shift, float(z[a]), float(z[b]))
                    )
                    mark(on_f, at, f"inflection at $z = {number(at)}$")
            zones += _flat(name, gain, z, d1, float(np.nanmax(np.abs(d1))), hi - lo)
        if (sum(map(len, marks.values())), len(zones)) == before:
            unmarked.append(name)
    points = []
    for (line, at), texts in marks.items():
        c = curves.lines[line]
        y = float(evaluate(c.function, at, c.order, gain=c.gain, shift=c.shift))
        points.append(Mark(line, at, y, "\n".join(texts), owner=owner(c.function, c.gain, spec)))
    return Features(merged(points, curves), tuple(zones), tuple(unmarked), tuple(points))


def _flat(name: str, gain: float, z: FloatArray, d1: FloatArray, top: float, width: float
          ) -> list[Zone]:  # fmt: skip
    """The zones of ``name`` (at ``gain``) where |f'| (``d1`` over ``z``) is below VANISHING
    of ``top``, each at least NARROWEST of the range's ``width`` wide."""
    if not top > 0:
        return []
    zones = []
    for s, end in runs(np.abs(d1) < VANISHING * top):
        e = end - 1  # the run's last sample
        if z[e] - z[s] >= NARROWEST * width:
            zones.append(Zone(name, gain, float(z[s]), float(z[e])))
    return zones


def in_view(
    features: Features,
    curves: Curves,
    spec: FigureSpec,
    panels: Sequence[tuple[Sequence[int], tuple[float, float]]],
) -> Features:
    """``features`` with each flat zone found again against the steepest slope the figure
    shows: where a function's curves leave their panels, 1% of a maximum out of view is no
    flat the reader sees (exponential over -6 to 8, cut at the top at z = 4.3, had a zone
    up to z = 3.4, 1% of e^8, where its curve climbed steeply, a reader review). The
    slope seen is taken where every curve of the function in a panel lies inside that
    panel's value axis; ``panels``: each panel's curves (indices into ``curves.lines``)
    and value axis limits. One zone for every panel of a stack. A mark whose point lies
    outside its curve's panel goes: snake(2z)'s inflections at z = -5.9 and -5.1, in a
    grid's cell that its curve leaves through the foot, were drawn under the panel, one
    on the legend (pass 35)."""
    window = {i: limits for group, limits in panels for i in group}

    def shown(m: Mark) -> bool:
        lo, hi = window[m.line]
        tol = 1e-9 * (hi - lo)
        return lo - tol <= m.y <= hi + tol

    marks = tuple(m for m in features.marks if shown(m))
    points = tuple(m for m in features.points if shown(m))
    zones: list[Zone] = []
    for function, gain in dict.fromkeys((zone.function, zone.gain) for zone in features.zones):
        own = [zone for zone in features.zones if (zone.function, zone.gain) == (function, gain)]
        seen = np.zeros(curves.z.size, dtype=bool)
        for group, (lo, hi) in panels:
            mine = [curves.lines[i] for i in group]
            drawn = [c.values for c in mine if (c.function, c.gain) == (function, gain)]
            if drawn:
                seen |= np.logical_and.reduce([(v >= lo) & (v <= hi) for v in drawn])
        if seen.all() or not seen.any():
            zones += own
            continue
        d1 = evaluate(function, curves.z, 1, gain=gain, shift=spec.shift)
        top = float(np.nanmax(np.abs(d1[seen])))
        zones += _flat(function, gain, curves.z, d1, top, spec.range[1] - spec.range[0])
    return dataclasses.replace(features, marks=marks, points=points, zones=tuple(zones))


def merged(points: Sequence[Mark], curves: Curves) -> tuple[Mark, ...]:
    """The marks of ``points`` (one curve's facts at a point each, its facts a line each)
    drawn together: those on different ``curves`` at the same point (sigma(2(z - 1.5)) and
    its slope are both 0.5 at 1.5) share one marker and one block of text. Where several
    functions meet there, each one's facts are named for it: squareplus(0) = 1 beside
    tanh'(0) = 1 read "squareplus: squareplus(0) = 1, max slope 1 at z = 0", tanh's slope
    as squareplus's. Facts every owner there shares are told once, unnamed (a family's
    three sigmoids all pass 0.5 at 0 and bend there), and values alike in one chain,
    elu(0) = celu(0) = selu(0) = 0 (each on a line of its own, a reader review). Merged per panel
    (:func:`~sigplot.plot.panel.share`): a fact of a curve in another panel of a stack is
    not told where that curve is not drawn."""
    joined: dict[tuple[float, float], tuple[int, dict[str, list[str]]]] = {}
    for m in points:
        key = (m.z, round(m.y, 9) + 0.0)
        line, whose = joined.setdefault(key, (m.line, {}))
        # The note takes the colour of its lowest order there: sigma(2(z - 1.5))'s
        # inflection was told in its slope's purple, as the slope's (a reader review).
        if curves.lines[m.line].order < curves.lines[line].order:
            joined[key] = (m.line, whose)
        whose.setdefault(m.owner, []).extend(m.text.split("\n"))
    out = []
    for (at, y), (line, whose) in joined.items():
        facts = {name: list(dict.fromkeys(t)) for name, t in whose.items()}
        if len(facts) == 1:
            name, mine = next(iter(facts.items()))
            out.append(Mark(line, at, y, "\n".join(_once(mine)), owner=name))
            continue
        first = next(iter(facts.values()))
        shared = [f for f in first if all(f in t for t in facts.values())]
        rest = {name: [f for f in t if f not in shared] for name, t in facts.items()}
        shared += _chains(rest)
        lines = _once(shared) + [f"{name}: " + ", ".join(_once(t)) for name, t in rest.items() if t]
        out.append(Mark(line, at, y, "\n".join(lines), named=True))
    return tuple(out)


def _chains(facts: dict[str, list[str]]) -> list[str]:
    """The values of several owners alike at one point, each "$f(0) = v$", as one chain
    "$f(0) = g(0) = v$" (taken out of ``facts``)."""
    alike: dict[str, list[tuple[str, str]]] = {}
    for name, mine in facts.items():
        for f in mine:
            left, equals, value = f.strip("$").rpartition(" = ")
            if f.startswith("$") and f.endswith("$") and equals and "=" not in left:
                alike.setdefault(value, []).append((name, f))
    chains = []
    for value, said in alike.items():
        if len({name for name, _ in said}) > 1:
            for name, f in said:
                facts[name].remove(f)
            lefts = " = ".join(f.strip("$").rpartition(" = ")[0] for _, f in said)
            chains.append(f"${lefts} = {value}$")
    return chains


def _once(texts: list[str]) -> list[str]:
    """Facts of one point that end "at z = ..." alike, said with it once: "max slope 0.5
    and inflection at z = 1.5" (review 17: the shifted figure said "at z = 1.5" twice); a
    value at the point keeps its own line ("0.5 and inflection" reads as one value)."""
    out: list[str] = []
    heads: dict[str, tuple[int, list[str]]] = {}  # each ending: its line, and what it ends
    for text in texts:
        head, at, end = text.rpartition(" at ")
        if not (at and head[:1].isalpha()):  # a value ("0.0474 at z = 0") stays alone
            out.append(text)
            continue
        if end not in heads:
            heads[end] = (len(out), [])
            out.append(text)
        heads[end][1].append(head)
    for end, (line, said) in heads.items():
        both = ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else said[0]
        out[line] = f"{both} at {end}"
    return out


def computed(spec: FigureSpec) -> tuple[Curves, Features | None]:
    """The compute step of one figure: its curves, and the marks --annotate places on them."""
    curves = compute(spec)
    return curves, locate(spec, curves) if spec.annotate else None
