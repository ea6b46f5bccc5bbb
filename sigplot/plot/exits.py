"""Where a curve leaves its panel through the top or the foot of the value axis: an
arrowhead on that edge, in the curve's colour, pointing the way the curve goes on. A
curve the value axis cuts (silu over -5 to 6 beside its second derivative) read as a
curve that stops there (review 1 of pass 34); the textbook's arrow says it goes on."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.path import Path

from sigplot.plot.geometry import EXIT
from sigplot.plot.panel import Panel

LENGTH = 4.0  # the arrowhead's length, in line widths of its curve
WIDTH = 0.7  # its width at the base, in lengths


def mark_exits(panel: Panel) -> None:
    """Arrowheads where ``panel``'s curves leave or enter its value axis inside the z
    range, for its limits and size now (the layout calls it again when they change)."""
    ax = panel.ax
    for old in panel.exits:
        old.remove()
    panel.exits = []
    lo, hi = sorted(ax.get_ylim())
    placed: list[np.ndarray] = []
    for line in reversed(panel.lines):  # the curve drawn last shows on top: its colour
        width = line.get_linewidth() * ax.figure.dpi / 72
        for tip, angle in _exits(ax, line, lo, hi, LENGTH * width):
            if any(math.dist(tip, p) <= width for p in placed):
                continue  # curves leaving within a line width: one arrowhead says it
            placed.append(tip)
            (mark,) = ax.plot(
                *ax.transData.inverted().transform(tip)[:, None],
                linestyle="none", marker=arrowhead(angle),
                markersize=2 * LENGTH * line.get_linewidth(), markeredgewidth=0,
                color=line.get_color(), zorder=line.get_zorder(),
                label="_exit", gid=EXIT,
            )  # fmt: skip
            mark.set_in_layout(False)  # its box, a square about the tip, reaches out
            panel.exits.append(mark)


def arrowhead(angle: float) -> Path:
    """A filled arrowhead with its tip at the marker's point, pointing at ``angle``
    (radians, on the page). matplotlib scales a marker's path to its largest coordinate:
    a point at (1, 1) that draws nothing holds the scale at every angle, so a marker
    ``2 * L`` points in size is an arrowhead ``L`` points long."""
    c, s = math.cos(angle), math.sin(angle)
    back = [(-1.0, WIDTH / 2), (-1.0, -WIDTH / 2)]
    turned = [(c * x - s * y, s * x + c * y) for x, y in back]
    return Path(
        [(1.0, 1.0), (0.0, 0.0), *turned, (0.0, 0.0)],
        [Path.MOVETO, Path.MOVETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
    )


def _exits(
    ax: Axes, line: Line2D, lo: float, hi: float, length: float
) -> list[tuple[np.ndarray, float]]:
    """Where ``line`` crosses ``lo`` or ``hi`` between two samples in view of z (a gap, a
    jump, breaks it), in pixels, and the angle on the page from its stretch one
    arrowhead's ``length`` inside the panel to there."""
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    tol = 1e-9 * (hi - lo)
    with np.errstate(invalid="ignore"):
        side = np.where(y > hi + tol, 1, np.where(y < lo - tol, -1, 0))
    finite = np.isfinite(y)
    page = ax.transData.transform(np.column_stack([x, y]))
    out = []
    for i in np.flatnonzero(finite[:-1] & finite[1:] & (side[:-1] != side[1:])):
        a, b = (i, i + 1) if side[i] == 0 else (i + 1, i)  # a inside, b beyond the edge
        if side[a] != 0:
            continue  # from beyond the top to beyond the foot between two samples
        edge = hi if side[b] > 0 else lo
        t = (edge - y[a]) / (y[b] - y[a])
        tip = ax.transData.transform((x[a] + t * (x[b] - x[a]), edge))
        step = -1 if b > a else 1  # from the edge back into the panel along the curve
        j = a
        while math.dist(page[j], tip) < length and 0 <= j + step < len(y):
            if not finite[j + step] or side[j + step] != 0:
                break
            j += step
        angle = math.atan2(tip[1] - page[j][1], tip[0] - page[j][0])
        out.append((_whole(tip, angle, length, 1 if edge == hi else -1), angle))
    return out


def _whole(tip: np.ndarray, angle: float, length: float, way: int) -> np.ndarray:
    """The tip moved back along the arrow until its base's corners are inside the panel
    (a curve leaving at a shallow angle: hardshrink(z) over -5 to 5 left the foot with
    a corner 0.3 px past it, cut by the panel), at most three arrows' lengths (a curve
    leaving at under 4 degrees runs along the edge: its arrowhead is cut there)."""
    c, s = math.cos(angle), math.sin(angle)
    reach = max(way * (-length * s + side * WIDTH / 2 * length * c) for side in (1, -1))
    if reach <= 0:
        return tip
    back = min(reach / max(way * s, 1e-9), 3 * length)
    return tip - back * np.array([c, s])
