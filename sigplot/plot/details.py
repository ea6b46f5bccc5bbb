"""Small features made visible: the band rrelu's random training-mode slope can take, and
an inset that magnifies a stretch of a curve that moves but draws as flat (leaky_relu's
slope 0.01 reads as relu's 0 at any ordinary scale).

Drawn once per panel, after the curves and their marks; the inset's frame is left behind
as an invisible line, so the legend, the notes and the tick labels keep clear of it as
they keep clear of curves.
"""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sigplot.maths.catalog import CATALOG
from sigplot.plot.curves import Curve, Curves

FLAT = 0.02  # a stretch whose values span less than this of the axis height reads as flat
_INSET = (0.3, 0.3)  # the inset's width and height, as parts of the axes
_CORNERS = ((0.04, 0.66), (0.66, 0.04), (0.66, 0.66), (0.04, 0.04))  # upper left first
_BAND_ALPHA = 0.18


def draw_details(ax: Axes, curves: Curves, colors: list[str]) -> list[Artist]:
    """The rrelu bands and at most one magnifying inset; returns what was drawn."""
    drawn: list[Artist] = []
    bands = [c for c in curves.lines
             if CATALOG[c.function].function == "rrelu" and c.order < 2 and c.gain]  # fmt: skip
    for curve in bands:  # the legend names one band a function: its slope's, if drawn
        top = max(c.order for c in bands if (c.function, c.gain) == (curve.function, curve.gain))
        color = colors[curves.lines.index(curve)]
        drawn.append(_band(ax, curves.z, curve, color, curve.order == top))
    for curve, color in zip(curves.lines, colors, strict=True):
        stretch = _flat_stretch(ax, curves.z, curve) if curve.order == 0 else None
        if stretch is not None:
            drawn += _inset(ax, curves, curve, color, stretch)
            break
    return drawn


def _band(ax: Axes, z: np.ndarray, curve: Curve, color: str, named: bool) -> Artist:
    """Where an rrelu curve can lie in training: slopes from lower to upper below 0 (the
    legend names it once per function). The slope's band, bounded, widens a value axis
    that would cut it."""
    args = CATALOG[curve.function].arguments
    lower, upper = args["lower"], args["upper"]
    x = curve.gain * (z - curve.shift)
    k = curve.gain**curve.order
    below = x < 0
    ends = [k * (s * x if curve.order == 0 else np.full_like(x, s)) for s in (lower, upper)]
    label = f"{CATALOG[curve.function].words} in training: slope {lower:.4g} to {upper:.4g}"
    band = ax.fill_between(z, ends[0], ends[1], where=below, color=color, alpha=_BAND_ALPHA,
                           linewidth=0, label=label if named else "_band", zorder=1.5)  # fmt: skip
    if curve.order == 1 and below.any() and not ax.get_autoscaley_on():
        y0, y1 = ax.get_ylim()
        lo, hi = sorted((k * lower, k * upper))
        margin = 0.05 * (max(y1, hi) - min(y0, lo))
        ax.set_ylim(min(y0, lo - margin), max(y1, hi + margin))
    return band


def _flat_stretch(ax: Axes, z: np.ndarray, curve: Curve) -> tuple[int, int] | None:
    """The longest stretch between the curve's kinks that moves but spans under FLAT of
    the axis height and at least a fifth of the range: indices into z."""
    entry = CATALOG[curve.function]
    if not entry.kinks or curve.gain == 0:
        return None
    y0, y1 = ax.get_ylim()
    cuts = sorted(curve.shift + k / curve.gain for k in entry.kinks)
    edges = [0, *np.searchsorted(z, cuts).tolist(), len(z)]
    best = None
    for a, b in itertools.pairwise(edges):
        values = curve.values[a:b]
        if b - a < len(z) // 5 or not np.isfinite(values).all():
            continue
        span = float(values.max() - values.min())
        if 0 < span < FLAT * abs(y1 - y0) and (best is None or b - a > best[1] - best[0]):
            best = (a, b)
    return best


def _inset(
    ax: Axes, curves: Curves, curve: Curve, color: str, stretch: tuple[int, int]
) -> list[Artist]:
    """The stretch drawn again in a small axes of its own, scaled to show its slope, in
    the corner of the panel that no curve crosses."""
    a, b = stretch
    z, values = curves.z[a:b], curve.values[a:b]
    corner = _clear_corner(ax, curves)
    if corner is None:
        return []
    inset = ax.inset_axes((*corner, *_INSET))
    inset.plot(z, values, color=color, linewidth=1.5)
    inset.axhline(0.0, color="0.5", linewidth=0.6)
    slope = (values[-1] - values[0]) / (z[-1] - z[0])
    inset.set_title(f"{CATALOG[curve.function].words}, magnified: slope {slope:.3g}",
                    fontsize="small")  # fmt: skip
    inset.tick_params(labelsize="x-small")
    frame = Line2D(
        [corner[0], corner[0] + _INSET[0], corner[0] + _INSET[0], corner[0], corner[0]],
        [corner[1], corner[1], corner[1] + _INSET[1], corner[1] + _INSET[1], corner[1]],
        transform=ax.transAxes, visible=False, label="_inset frame",
    )  # fmt: skip
    ax.add_line(frame)
    return [inset, frame]


def _clear_corner(ax: Axes, curves: Curves) -> tuple[float, float] | None:
    """The first corner (upper left, lower right, upper right, lower left) whose inset,
    with its title, no curve enters."""
    to_axes = ax.transData + ax.transAxes.inverted()
    points = np.concatenate([
        to_axes.transform(np.column_stack([curves.z, c.values]))[np.isfinite(c.values)]
        for c in curves.lines
    ])  # fmt: skip
    for x0, y0 in _CORNERS:
        x1, y1 = x0 + _INSET[0], y0 + _INSET[1] + 0.08  # the title above
        inside = (points[:, 0] > x0 - 0.02) & (points[:, 0] < x1 + 0.02)
        inside &= (points[:, 1] > y0 - 0.02) & (points[:, 1] < y1)
        if not inside.any():
            return (x0, y0)
    return None
