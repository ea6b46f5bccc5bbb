"""What one panel shows (:class:`Content`) and what was drawn in it (:class:`Panel`), and
how a figure's curves are shared among the panels of a stack."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sigplot.plot.curves import Curves
from sigplot.plot.features import Features, merged
from sigplot.plot.look import Look
from sigplot.plot.value_axis import Reach
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import PRESETS, Preset

if TYPE_CHECKING:
    from sigplot.plot.swept import Ghosts


@dataclass(frozen=True)
class Content:
    """What one panel shows: its curves (and, with --annotate, their features), the other
    frames of a sweep the layout makes room for (``ghosts``), its caption, the argument the
    legend names (Kz in a gain sweep), whether labels carry their formulas, whether it
    carries a legend and the axis labels, and its value axis's limits."""

    spec: FigureSpec
    curves: Curves
    window: tuple[float, float]
    looks: tuple[Look, ...]
    features: Features | None = None
    ghosts: Ghosts | None = None
    caption: str | None = None
    argument: str | None = None
    formulas: bool = True
    legend: bool = True
    xlabel: bool = True
    ylabel: bool = True
    warns: bool = True  # the first panel of its stack: it warns of curves with no marks
    cell: int = 0  # the cell of a grid (small multiples) the panel is in, or of its stack
    shared: bool = False  # one of a sweep's cells, which share their limits and value ticks
    reaches: tuple[Reach, ...] = ()  # its curves' (value_axis.reach); none: limits fixed

    @property
    def preset(self) -> Preset:
        return PRESETS[self.spec.preset]


@dataclass
class Panel:
    """One drawn axes: its content, its curve lines, and the marks a new frame of a sweep
    replaces (jumps, finite differences, tangents, annotations); ``moving`` marks are drawn
    after the layout (they change from frame to frame)."""

    ax: Axes
    content: Content
    lines: list[Line2D]
    background: Any
    moving: bool = False
    marks: list[Artist] = field(default_factory=list)
    exits: list[Artist] = field(default_factory=list)  # arrowheads where curves leave it
    keys: list[tuple[Any, str]] = field(default_factory=list)  # numbered notes' keys
    short: dict[Any, str] = field(default_factory=dict)  # legend labels without formulas
    first: int = 1  # the number of its first numbered note (after the panels above)
    spots: list[Any] = field(default_factory=list)  # each note's clear spots (notes.Spot)
    picks: list[Any] = field(default_factory=list)  # the spot each note takes, or None
    numbered: set[int] = field(default_factory=set)  # notes numbered in any layout so far
    dodged: list[Any] = field(default_factory=list)  # the notes' spots its labels kept off
    reaching: bool = True  # its value axis may reach past its window (value_axis.feet)
    legend: str = "none"  # where its legend went: "inside", "outside", "joint" (a stack's)
    pairs: tuple[tuple[Line2D, Line2D], ...] = ()  # curves that take turns (coinciding)
    # coinciding stretches' lines: (line, later curve, slot's offset, dashes, first z)
    in_step: list[tuple[Line2D, int, float, tuple[float, ...], float]] = field(default_factory=list)

    @property
    def spec(self) -> FigureSpec:
        return self.content.spec

    @property
    def together(self) -> tuple[Line2D, ...]:
        """The curves that take turns with another, in drawing order."""
        taking = {line for pair in self.pairs for line in pair}
        return tuple(line for line in self.lines if line in taking)

    @property
    def turns(self) -> tuple[Any, ...]:
        """The colours of the curves that take turns, once each: the coinciding entry's."""
        return tuple(dict.fromkeys(line.get_color() for line in self.together))


def share(curves: Curves, features: Features | None, picked: Sequence[int]) -> tuple[
    Curves, Features | None
]:  # fmt: skip
    """The curves ``picked`` (indices into ``curves.lines``) with their tangents and
    features: a tangent goes with its function's curve of order 0 (else its first curve),
    a mark with its curve, a flat zone with every panel showing its function."""
    lines = tuple(curves.lines[i] for i in picked)
    members = {(c.function, c.gain) for c in lines}

    def home(function: str, gain: float) -> int:
        mine = [i for i, c in enumerate(curves.lines) if (c.function, c.gain) == (function, gain)]
        return next((i for i in mine if curves.lines[i].order == 0), mine[0])

    tangents = tuple(t for t in curves.tangents if home(t.function, t.gain) in picked)
    mine = Curves(curves.z, lines, tangents)
    if features is None:
        return mine, None
    index = {old: new for new, old in enumerate(picked)}
    points = tuple(dataclasses.replace(m, line=index[m.line]) for m in features.points
                   if m.line in index)  # fmt: skip
    zones = tuple(z for z in features.zones if (z.function, z.gain) in members)
    return mine, Features(merged(points, mine), zones, features.unmarked, points)
