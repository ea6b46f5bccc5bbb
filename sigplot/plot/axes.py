"""The axes: spines at zero (or the blog's centred spine), the value axis's limits, and
tick labels kept clear of the curves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.style
import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.ticker import ScalarFormatter
from matplotlib.transforms import Bbox

from sigplot._speedups import steady
from sigplot.maths.catalog import CATALOG
from sigplot.plot.curves import Curves
from sigplot.plot.geometry import GHOST, strokes_of
from sigplot.plot.look import halo_effect

# How far a value axis reaches past the data: matplotlib's own default margin.
VALUE_MARGIN = 0.05


def fit_values(ax: Axes, frames: Sequence[Curves]) -> None:
    """The value axis's rule: tight to every curve with a 5% margin, unless unbounded
    functions (relu, softplus, gelu, ...) would stretch it to more than twice the span of
    the bounded curves (every derivative, and functions with a bounded range); then it fits
    the bounded curves, with the same margin, and the unbounded ones leave the figure.
    ``frames``: the curves of every frame of a sweep (one for a plain figure)."""
    lines = [c for curves in frames for c in curves.lines]
    bounded = [c.values for c in lines
               if c.order > 0 or not CATALOG[c.function].unbounded]  # fmt: skip
    if not bounded or len(bounded) == len(lines):
        return
    finite = [v[np.isfinite(v)] for v in bounded]
    lo = min(float(v.min(initial=np.inf)) for v in finite)
    hi = max(float(v.max(initial=-np.inf)) for v in finite)
    every = np.concatenate([c.values[np.isfinite(c.values)] for c in lines])
    span = hi - lo if hi > lo else 1.0
    if np.isfinite(span) and every.max() - every.min() > 2 * span:
        ax.set_ylim(lo - VALUE_MARGIN * span, hi + VALUE_MARGIN * span)


def blog_spines(ax: Axes) -> None:
    """The blog's axes, step by step as the post wrote them."""
    ax.spines["left"].set_position("center")
    ax.spines["right"].set_color("none")
    ax.spines["top"].set_color("none")
    ax.xaxis.set_ticks_position("bottom")
    ax.yaxis.set_ticks_position("left")


class _Skip(ScalarFormatter):
    """Tick labels as usual, but none at the values in ``skip``: 0, where the other axis
    would strike it, and any label a curve passes through."""

    def __init__(self, skip: frozenset[float] = frozenset({0.0})) -> None:
        super().__init__()
        self.skip = skip

    def __call__(self, x: float, pos: int | None = None) -> str:
        return "" if x in self.skip else super().__call__(x, pos)


def clear_tick_labels(ax: Axes) -> bool:
    """No curve passes through a tick label. An axis line inside the panel carries its
    labels on whichever side of it the curves cross less; a label a curve still crosses is
    left out (the axis keeps its tick), and so is the origin's "0". True when labels moved
    to the panel's edge."""
    moved = False
    curves = [
        line
        for line in ax.lines
        if not str(line.get_label()).startswith("_") or line.get_label() == GHOST
    ]
    strokes = strokes_of(ax, curves)

    def labels(axis: Any, side: Any) -> list[tuple[float, Bbox]]:
        with steady(axis.figure):
            axis.get_majorticklabels()  # places the ticks and their labels as they will be drawn
            ticks = axis.get_major_ticks()
            texts = [(t, t.label1 if side in ("left", "bottom") else t.label2) for t in ticks]
            return [(float(tick.get_loc()), text.get_window_extent())
                    for tick, text in texts if text.get_visible() and text.get_text()]  # fmt: skip

    def crossed(boxes: list[tuple[float, Bbox]]) -> set[float]:
        return {loc for loc, box in boxes
                if any(stroke.crosses(box) for stroke in strokes)}  # fmt: skip

    pairs: list[tuple[Any, tuple[Any, Any]]] = [
        (ax.xaxis, ("bottom", "top")), (ax.yaxis, ("left", "right"))
    ]  # fmt: skip
    for axis, sides in pairs:
        side: Any = axis.get_ticks_position()
        here = labels(axis, side)
        hits = crossed(here)
        spine = ax.spines[side]
        if hits and spine.get_position() == ("data", 0.0):  # inside: the other side may be free
            # The labels on the other side of the zero line are these, mirrored across it
            # (the same texts, pads and tick lengths), so they are tried without moving.
            across = ax.xaxis is axis
            zero = float(ax.transData.transform((0.0, 0.0))[1 if across else 0])
            there = [(loc, _mirrored(box, zero, across)) for loc, box in here]
            if not crossed(there):
                other = sides[1] if side == sides[0] else sides[0]
                ax.spines[other].set_position(("data", 0.0))
                axis.set_ticks_position(other)
                hits = set()
            else:  # curves on both sides: the labels go to the panel's edge, no curve there
                _labels_to_edge(ax, axis, side)
                moved = True
                hits = crossed(labels(axis, side))
        if hits:
            old = axis.get_major_formatter()
            skip = old.skip if isinstance(old, _Skip) else frozenset()
            axis.set_major_formatter(_Skip(skip | hits))
    for text in list(ax.texts):
        if text.get_text() == "0" and any(
            stroke.crosses(text.get_window_extent()) for stroke in strokes
        ):
            text.remove()
    return moved


def _mirrored(box: Bbox, zero: float, across: bool) -> Bbox:
    """``box`` reflected in the line at pixel ``zero``: horizontal when ``across``, else
    vertical."""
    if across:
        return Bbox.from_extents(box.x0, 2 * zero - box.y1, box.x1, 2 * zero - box.y0)
    return Bbox.from_extents(2 * zero - box.x1, box.y0, 2 * zero - box.x0, box.y1)


def _labels_to_edge(ax: Axes, axis: Any, side: str) -> None:
    """Move an axis's ticks and labels from the zero line to the panel's edge, and draw the
    zero line on its own, as the axis line it was."""
    spine = ax.spines[side]
    line = ax.axvline if side in ("left", "right") else ax.axhline
    line(0.0, color=spine.get_edgecolor(), linewidth=spine.get_linewidth(), zorder=2.5,
         label="_zero_axis")  # fmt: skip
    spine.set_position(("outward", 0.0))
    axis.set_major_formatter(ScalarFormatter())  # 0 is no longer struck by the other axis
    for text in list(ax.texts):
        if text.get_text() == "0" and not isinstance(text, Annotation):
            text.remove()


def zero_spines(ax: Axes, background: Any) -> None:
    """Put each axis line at data zero, or at the nearest edge when zero is out of view.

    Tick labels sit above the curves (and get a halo, :func:`halo_tick_labels`), so no
    curve is ever drawn across them.
    """
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    y_at_zero = _place(ax, "left", "right", x0, x1)
    x_at_zero = _place(ax, "bottom", "top", y0, y1)
    for spine in ax.spines.values():  # an axis inside the panel reads as the ticks do (a
        spine.set_edgecolor(mpl.rcParams["xtick.color"])  # style's edge may be the panel's)
    if y_at_zero and x_at_zero:  # both axes cross inside: one "0" at the origin for both
        ax.xaxis.set_major_formatter(_Skip())
        ax.yaxis.set_major_formatter(_Skip())
        ax.annotate(
            "0", (0, 0), xytext=(-4, -4), textcoords="offset points",
            ha="right", va="top", fontsize=mpl.rcParams["xtick.labelsize"],
            path_effects=halo_effect(background, 4),
        )  # fmt: skip
    ax.set_axisbelow(False)


def halo_tick_labels(ax: Axes, background: Any) -> None:
    """Tick labels drawn above the curves get a halo in the background colour. Set once
    the layout has made the ticks: before it, they would be made for a first guess of the
    axes' size, then made again."""
    halo = halo_effect(background, 4)
    for text in ax.get_xticklabels() + ax.get_yticklabels():
        text.set_path_effects(halo)


def _place(ax: Axes, low: str, high: str, lo: float, hi: float) -> bool:
    """Show one axis line at zero, or at the edge nearer to zero; True when at zero."""
    axis = ax.yaxis if low == "left" else ax.xaxis
    ax.spines[high].set_visible(hi < 0)
    ax.spines[low].set_visible(hi >= 0)
    if hi < 0:
        axis.set_ticks_position(high)  # type: ignore[arg-type]
        return False
    axis.set_ticks_position(low)  # type: ignore[arg-type]
    if lo <= 0:
        ax.spines[low].set_position(("data", 0.0))
        return True
    return False
