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
    range, for its limits and size now (the layout calls it again when they change).
    Curves leaving within an arrow's width of each other share one arrowhead, split
    along its length into a slice of each colour (as a shared jump dot is split): two
    heads there overlapped in a blot of colours, and one head in one colour told that
    only one of them goes on (a reader review)."""
    ax = panel.ax
    for old in panel.exits:
        old.remove()
    panel.exits = []
    lo, hi = sorted(ax.get_ylim())
    heads: list[list[tuple[np.ndarray, float, Line2D, float]]] = []
    for line in panel.lines:
        width = line.get_linewidth() * ax.figure.dpi / 72
        for tip, angle, edge in _exits(ax, line, lo, hi, LENGTH * width):
            near = (h for h in heads if math.dist(h[0][0], tip) <= WIDTH * LENGTH * width)
            head = next(near, None)
            if head is None:
                heads.append([(tip, angle, line, edge)])
            else:
                head.append((tip, angle, line, edge))
    on_top = max((line.get_zorder() for line in panel.lines), default=2) + 0.2
    for head in heads:
        _draw_head(panel, head, on_top)


def _draw_head(
    panel: Panel, head: list[tuple[np.ndarray, float, Line2D, float]], zorder: float
) -> None:
    """One arrowhead for the curves of ``head`` (each with its tip and angle): a slice of
    the colour drawn on top at each place they leave (curves within a quarter of a line
    width, one line taking turns, share one), side by side as the curves are, the tip
    between the outermost and the head widened by their spread, so that each outer
    slice's wing stands out past its own curve as a lone head's does (split equally
    over the curves' middle, a slice lay under its own curve's line and vanished: a
    reader review of silu and celu at the web size). The widened head moves back as a
    lone one does, until it stands whole inside the panel (relu and squareplus leaving
    its top together: the middle between them stood 2 px past it, its tip cut off)."""
    ax = panel.ax
    tip, angle, first, edge = head[0]
    width = first.get_linewidth() * ax.figure.dpi / 72
    across = np.array([-math.sin(angle), math.cos(angle)])
    places: list[list[tuple[float, Line2D]]] = []
    for offset, line in sorted(((float((e[0] - tip) @ across), e[2]) for e in head),
                               key=lambda e: -e[0]):  # fmt: skip
        if places and places[-1][-1][0] - offset <= width / 4:
            places[-1].append((offset, line))
        else:
            places.append([(offset, line)])
    colours = [max(place, key=lambda e: panel.lines.index(e[1]))[1].get_color() for place in places]
    left, right = places[0][0][0], places[-1][-1][0]
    middle = tip + across * (left + right) / 2
    spread = (left - right) / (LENGTH * width)  # in arrow lengths
    middle = _whole(middle, angle, LENGTH * width, edge, WIDTH + spread)
    for k, colour in enumerate(colours):
        (mark,) = ax.plot(
            *ax.transData.inverted().transform(middle)[:, None],
            linestyle="none", marker=arrowhead(angle, k, len(colours), WIDTH + spread),
            markersize=4 * LENGTH * first.get_linewidth(), markeredgewidth=0,
            color=colour, zorder=zorder, label="_exit", gid=EXIT,
        )  # fmt: skip
        mark.set_in_layout(False)  # its box, a square about the tip, reaches out
        panel.exits.append(mark)


def arrowhead(angle: float, part: int, parts: int, wide: float) -> Path:
    """The ``part``-th of ``parts`` slices, from its left side, of a filled arrowhead
    ``wide`` (in lengths) at its base, its tip at the marker's point, pointing at
    ``angle`` (radians, on the page). matplotlib scales a marker's path to its largest
    coordinate: a point at (2, 2) that draws nothing holds the scale at every angle and
    width, so a marker ``4 * L`` points in size is an arrowhead ``L`` points long."""
    c, s = math.cos(angle), math.sin(angle)
    left = wide / 2 - part * wide / parts
    back = [(-1.0, left), (-1.0, left - wide / parts)]
    turned = [(c * x - s * y, s * x + c * y) for x, y in back]
    return Path(
        [(2.0, 2.0), (0.0, 0.0), *turned, (0.0, 0.0)],
        [Path.MOVETO, Path.MOVETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
    )


def _exits(
    ax: Axes, line: Line2D, lo: float, hi: float, length: float
) -> list[tuple[np.ndarray, float, float]]:
    """Where ``line`` crosses ``lo`` or ``hi`` between two samples in view of z (a gap, a
    jump, breaks it), in pixels, and the angle on the page from its stretch one
    arrowhead's ``length`` inside the panel to there, and the edge's height on the page."""
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    tol = 1e-9 * (hi - lo)
    with np.errstate(invalid="ignore"):
        side = np.where(y > hi + tol, 1, np.where(y < lo - tol, -1, 0))
    finite = np.isfinite(y)
    page = ax.transData.transform(np.column_stack([x, y]))
    out: list[tuple[np.ndarray, float, float]] = []
    for i in np.flatnonzero(finite[:-1] & finite[1:] & (side[:-1] != side[1:])):
        a, b = (i, i + 1) if side[i] == 0 else (i + 1, i)  # a inside, b beyond the edge
        if side[a] != 0:
            continue  # from beyond the top to beyond the foot between two samples
        edge = hi if side[b] > 0 else lo
        t = (edge - y[a]) / (y[b] - y[a])
        tip = ax.transData.transform((x[a] + t * (x[b] - x[a]), edge))
        level = float(tip[1])  # the edge's height on the page
        step = -1 if b > a else 1  # from the edge back into the panel along the curve
        j = a
        while math.dist(page[j], tip) < length and 0 <= j + step < len(y):
            if not finite[j + step] or side[j + step] != 0:
                break
            j += step
        angle = math.atan2(tip[1] - page[j][1], tip[0] - page[j][0])
        out.append((_whole(tip, angle, length, level), angle, level))
    return out


def _whole(
    tip: np.ndarray, angle: float, length: float, edge: float, wide: float = WIDTH
) -> np.ndarray:
    """The tip of an arrowhead ``wide`` (in lengths) moved back along the arrow until it
    is inside the panel, whose top or foot is at ``edge`` on the page, and its base's
    corners are a pixel inside (hardshrink(z) over -5 to 5 left the foot with a corner
    0.3 px past it, cut by the panel; a flank lying on the edge read as cut flat by it;
    the middle of relu's and squareplus's shared head stood 2 px past the top), in all
    at most one arrow's length from the edge: further back it read as a mark of the
    flow along the line, not of its going on (a reader review; hardshrink(z) leaving at
    7 degrees). A curve leaving at under 10 degrees runs nearly along the edge, and the
    edge cuts its arrowhead's outer corner."""
    c, s = math.cos(angle), math.sin(angle)
    way = 1 if s > 0 else -1  # out through the top, or through the foot
    past = way * (tip[1] - edge)  # the tip's way past the edge (a shared head's middle)
    corners = past + max(way * (-length * s + side * wide / 2 * length * c) for side in (1, -1))
    # a pixel inside: a flank along the edge read as cut flat by it
    reach = max(past, corners + 1)
    if reach <= 0:
        return tip
    slope = max(way * s, 1e-9)
    back = max(min(reach / slope, length - max(-past, 0.0) / slope), 0.0)
    moved: np.ndarray = tip - back * np.array([c, s])
    return moved
