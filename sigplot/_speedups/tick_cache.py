"""Each axis of a figure in a steady stretch places its ticks once per state.

matplotlib's ``Axis._update_ticks`` (locate, format and place every tick) runs whenever
anything asks where the ticks are: one tight layout asks seven times for one axes (the
axis, its label's siblings, each spine), one save three times per axis. An adopted axis
(one of the figure's, while a stretch is open) remembers its first answer and gives it
again while what it depends on is the same: the view limits, the axes' box and the dpi,
the locators and formatters (a new scale brings its own) and the tick lists. The labels
of the ticks it places are adopted too (their layouts are remembered). Outside the
stretch, in another thread, or on a change, the ticks are placed by whatever
``Axis._update_ticks`` is at that moment.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axis import Axis, XAxis, YAxis

from sigplot._speedups import stretch
from sigplot._speedups.layout_cache import adopt_text


def _fingerprint(axis: Axis) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """What the ticks depend on, as values and as the objects compared by identity (kept
    alive with the memory, so their ids cannot be reused)."""
    ticks = axis.__dict__.get("majorTicks"), axis.__dict__.get("minorTicks")
    pinned = (axis, axis.major.locator, axis.major.formatter, axis.minor.locator,
              axis.minor.formatter, *ticks)  # fmt: skip
    values = (
        *map(id, pinned), *(len(t) if t is not None else -1 for t in ticks),
        *axis.get_view_interval(), *axis.axes.bbox.bounds, axis.figure.dpi,
    )  # fmt: skip
    return values, pinned


class _Steady:
    def _update_ticks(self) -> list[Any]:
        inner = stretch.current()
        if inner is None:
            return super()._update_ticks()  # type: ignore[misc, no-any-return]
        values, _ = _fingerprint(self)  # type: ignore[arg-type]
        known = inner.ticks.get(id(self))
        if known is not None and known[0] == values:
            return list(known[2])
        ticks = super()._update_ticks()  # type: ignore[misc]
        adopt_tick_labels(self)  # type: ignore[arg-type]
        # as placed: the tick lists may have grown
        inner.ticks[id(self)] = (*_fingerprint(self), ticks)  # type: ignore[arg-type]
        return list(ticks)


class SteadyXAxis(_Steady, XAxis):
    """An :class:`~matplotlib.axis.XAxis` of a figure in a steady stretch."""


class SteadyYAxis(_Steady, YAxis):
    """A :class:`~matplotlib.axis.YAxis` of a figure in a steady stretch."""


_STEADY: dict[type, type] = {XAxis: SteadyXAxis, YAxis: SteadyYAxis}


def adopt_axis(axis: Axis) -> None:
    """Let ``axis`` (if exactly an XAxis or a YAxis) remember its ticks for this stretch,
    and the labels of the ticks it has made their layouts."""
    base = type(axis)
    steady = _STEADY.get(base)
    if steady is not None:
        stretch.swap(axis, base, steady)
    adopt_tick_labels(axis)


def adopt_tick_labels(axis: Axis) -> None:
    """The labels of every tick ``axis`` has made (none are made here)."""
    for name in ("majorTicks", "minorTicks"):
        for tick in axis.__dict__.get(name, ()):
            adopt_text(tick.label1)
            adopt_text(tick.label2)
