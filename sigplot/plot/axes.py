"""The axes: axis lines at zero (or the blog's centred spine), their ticks chosen to be
read, and tick labels clear of the curves, each on the side its tick points to.

With zero inside the range, the value axis, its ticks and their labels sit at z = 0; with
0 inside the value axis, the z axis sits at value 0. An axis at zero inside the panel puts
each label on the side of the line the curves leave free, turning its tick that way; a
value label crossed on both sides stands off its line on a long tick; one with no clear
spot is left out. One "0" at the origin serves both axes, in the
row of the z labels beside the value axis's line. An axis with zero out of view sits at
the nearer edge of the panel, its labels outside it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any, cast

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.axis import Axis, Tick
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from sigplot._speedups import steady
from sigplot.plot.geometry import Obstacles, text_box
from sigplot.plot.look import halo_effect
from sigplot.plot.ticks import MIN_LABELS, choose, denser, em, set_ticks

ORIGIN = "sigplot-origin"  # the gid of the origin's "0"


def blog_spines(ax: Axes) -> None:
    """The blog's axes, step by step as the post wrote them."""
    ax.spines["left"].set_position("center")
    ax.spines["right"].set_color("none")
    ax.spines["top"].set_color("none")
    ax.xaxis.set_ticks_position("bottom")
    ax.yaxis.set_ticks_position("left")


def zero_spines(ax: Axes) -> None:
    """Put each axis line at zero, or at the edge nearer to zero when it is out of view.
    At zero, the line on the far side is set there too, unseen, so that a tick and its
    label can turn to that side of the line."""
    _place(ax, "left", "right", *ax.get_xlim())
    _place(ax, "bottom", "top", *ax.get_ylim())
    for spine in ax.spines.values():  # an axis inside the panel reads as the ticks do (a
        spine.set_edgecolor(mpl.rcParams["xtick.color"])  # style's edge may be the panel's)
    ax.set_axisbelow(False)  # tick labels above the curves, with a halo


def _place(ax: Axes, low: str, high: str, lo: float, hi: float) -> None:
    axis = ax.yaxis if low == "left" else ax.xaxis
    near = high if hi < 0 else low
    ax.spines[low].set_visible(near == low)
    ax.spines[high].set_visible(near == high)
    axis.set_ticks_position(near)  # type: ignore[arg-type]
    if lo < 0 < hi:
        ax.spines[low].set_position(("data", 0.0))
        ax.spines[high].set_position(("data", 0.0))


def inside(ax: Axes, which: str) -> bool:
    """Whether ``which`` axis ("x": the z axis) is a line inside the panel, at zero."""
    lo, hi = ax.get_ylim() if which == "x" else ax.get_xlim()
    return lo < 0 < hi


def initial_ticks(ax: Axes) -> None:
    """Ticks for the axes' present size: set before the layout, chosen again after it."""
    for which in ("x", "y"):
        set_ticks(ax, which, choose(ax, which)[0])


def refit_ticks(ax: Axes) -> bool:
    """Choose each axis's ticks again at the size drawn; True when any changed."""
    changed = False
    for which in ("x", "y"):
        axis = ax.xaxis if which == "x" else ax.yaxis
        best = choose(ax, which)[0]
        if [float(x) for x in axis.get_majorticklocs()] != best:
            set_ticks(ax, which, best)
            changed = True
    return changed


def clear_labels(ax: Axes, obstacles: Obstacles, background: Any) -> None:
    """Each tick label on the side of its axis line that meets nothing in ``obstacles``,
    its tick turned the same way. A value label crossed on both sides stands further off
    its line, half an em at a time up to six (the top and bottom levels), its tick drawn
    long to reach it (a label is never left floating apart from its tick); a label with
    no clear spot is left out. With fewer than three labels left, the labels between
    reach as far too (value axis), the largest first, until three show; then other tick
    sets are tried, and those that show most with labels reaching far: the first that
    shows three is kept, else the one that shows most."""
    origin = inside(ax, "x") and inside(ax, "y")
    for which in ("x", "y"):
        obstacles.boxes[:] = _label_axis(ax, which, obstacles, origin)
    halo = halo_effect(background, 4)
    for tick in ax.xaxis.get_major_ticks() + ax.yaxis.get_major_ticks():
        tick.label1.set_path_effects(halo)
        tick.label2.set_path_effects(halo)
    shown = origin_text(ax)
    if shown is not None:
        shown.set_path_effects(halo)


def _label_axis(ax: Axes, which: str, obstacles: Obstacles, origin: bool) -> list[Bbox]:
    """Label ``which`` axis as :func:`clear_labels` says; returns ``obstacles``' boxes with
    the labels shown (the next axis keeps off them)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    first = [float(x) for x in axis.get_majorticklocs()]
    tried: list[tuple[int, list[float], bool, Obstacles]] = []

    def attempt(locs: list[float], far: bool = False) -> bool:
        """Try the ticks ``locs`` (``far``: every label may reach as far as the ends');
        True when enough labels show."""
        set_ticks(ax, which, locs)
        trial = obstacles.copy()
        tried.append((_sides(ax, which, trial, origin, far), locs, far, trial))
        return tried[-1][0] >= min(MIN_LABELS, len(locs))

    far = which == "y" and inside(ax, "y")  # the first ticks reach far before others
    sets = _lazy(functools.partial(denser, ax, which))
    if (
        not (attempt(first) or (far and attempt(first, far=True)))
        and not any(attempt(locs) for locs in sets)
        and far
    ):
        most = [t[1] for t in sorted(tried, key=lambda t: -t[0])[:3]]
        any(attempt(locs, far=True) for locs in most)
    best = max(tried, key=lambda t: t[0])  # the first that shows most
    if best is not tried[-1]:
        set_ticks(ax, which, best[1])
        _sides(ax, which, obstacles.copy(), origin, best[2])
    return best[3].boxes


def _lazy(make: Callable[[], list[list[float]]]) -> Iterator[list[float]]:
    """The tick sets ``make`` gives, made only when the first is asked for."""
    yield from make()


def _sides(ax: Axes, which: str, obstacles: Obstacles, origin: bool, far: bool = False) -> int:
    """Give each tick of ``which`` axis its side; returns how many labels show. ``far``:
    each label may reach as far as the top and bottom ones."""
    axis: Axis = ax.xaxis if which == "x" else ax.yaxis
    free = inside(ax, which)
    with steady(ax.figure):
        axis.get_majorticklabels()  # places the ticks and their labels as they will be drawn
        ticks = axis.get_major_ticks()
    low = ax.spines["bottom" if which == "x" else "left"].get_visible()  # the line's side
    for text in [t for t in ax.texts if t.get_gid() == ORIGIN and t.axes is ax]:
        if which == "x":
            text.remove()
    shown = 0
    gap = em(ax, which)
    mine: list[Bbox] = []  # this axis's labels shown: the next stands an em further along

    def apart(box: Bbox) -> bool:
        along = box.expanded(1 + 2 * gap / box.width, 1) if which == "x" else box.expanded(
            1, 1 + 2 * gap / box.height)  # fmt: skip
        return not any(along.overlaps(b) for b in mine)

    length = float(mpl.rcParams["xtick.major.size" if which == "x" else "ytick.major.size"])
    for tick in ticks:
        _reach(tick, length)
    locs = [float(x) for x in axis.get_majorticklocs()]
    bounds = (min(locs), max(locs)) if locs else ()
    # The levels that bound the view first, then the others from the largest: where labels
    # must reach far to make three, the fewest long ticks, on the levels that say most.
    order = sorted(zip(ticks, locs, strict=False), key=lambda p: (p[1] not in bounds, -abs(p[1])))
    for tick, loc in order:
        if origin and loc == 0:  # one "0" for both axes, in the row of the z labels
            _turn(tick, 1 if low else 2, False)
            if which == "x":
                shown += _origin(ax, tick, obstacles)
            else:
                shown += origin_text(ax) is not None
            continue
        sides = (1, 2) if free else ((1,) if low else (2,))
        if not low:
            sides = sides[::-1]
        size = float(tick.label1.get_fontsize())
        ends = loc in bounds or (far and shown < MIN_LABELS)
        reaches = (_REACHES if ends else _REACHES[:1]) if free and which == "y" else (0.0,)
        for extra, side in itertools.product(reaches, sides):
            label = tick.label1 if side == 1 else tick.label2
            _reach(tick, length + extra * size)
            _turn(tick, side, True)
            box = label.get_window_extent()
            if (
                obstacles.clear(box)
                and apart(box)
                and (not extra or _stem_clear(ax, which, tick, box, obstacles))
            ):
                obstacles.boxes.append(box)
                mine.append(box)
                shown += 1
                break
        else:
            _reach(tick, length)
            _turn(tick, sides[0], False)
    return shown


# How far, in ems, a value label crossed on both sides of an axis inside the panel may
# stand off its line, its tick drawn long to reach it: a level that bounds the view (tanh's
# 1, under tanh' peak) keeps its label, never left floating. Levels between stay by their
# line (they leave notes their room) unless fewer than three labels would show.
_REACHES = tuple(0.5 * k for k in range(13))  # up to six ems


def _reach(tick: Tick, length: float) -> None:
    """Draw ``tick`` ``length`` points long, its labels just past its end."""
    if tick.tick1line.get_markersize() != length:
        cast(Any, tick)._apply_params(size=length)


def _stem_clear(ax: Axes, which: str, tick: Tick, box: Bbox, obstacles: Obstacles) -> bool:
    """Whether a long tick, from its axis line to its label's ``box``, crosses no text,
    and the label stays on the canvas (the layout made room for labels by their lines)."""
    canvas = ax.figure.bbox
    if box.x0 < canvas.x0 + 1 or box.y0 < canvas.y0 + 1 or box.x1 > canvas.x1 - 1 \
            or box.y1 > canvas.y1 - 1:  # fmt: skip
        return False
    x, y = ax.transData.transform((tick.get_loc(), tick.get_loc()))
    x0, y0 = ax.transData.transform((0.0, 0.0))  # where the axis line is
    if which == "x":
        lo, hi = (box.y1, y0) if box.y1 < y0 else (y0, box.y0)
        stem = Bbox.from_extents(x - 1, lo, x + 1, hi)
    else:
        lo, hi = (box.x1, x0) if box.x1 < x0 else (x0, box.x0)
        stem = Bbox.from_extents(lo, y - 1, hi, y + 1)
    return not any(stem.overlaps(b) for b in obstacles.boxes)


def _turn(tick: Tick, side: int, labelled: bool) -> None:
    """Show ``tick`` on ``side`` (1: bottom or left, 2: top or right), labelled or not."""
    tick.tick1line.set_visible(side == 1)
    tick.tick2line.set_visible(side == 2)
    tick.label1.set_visible(labelled and side == 1)
    tick.label2.set_visible(labelled and side == 2)


def _origin(ax: Axes, tick: Tick, obstacles: Obstacles) -> int:
    """The origin's one "0", in the row of the z labels (below the z axis, or above it
    where its ticks turned), beside the value axis's line rather than through it: the
    first of the four spots that meets nothing. Returns 1 if placed, else 0."""
    size = cast(float, tick.get_pad()) + tick.get_tick_padding()
    gap = mpl.rcParams["xtick.major.pad"] / 2 + ax.spines["left"].get_linewidth() / 2
    label = tick.label1
    for dy, va in ((-size, "top"), (size, "bottom")):
        for dx, ha in ((-gap, "right"), (gap, "left")):
            text = ax.annotate(
                label.get_text(), (0, 0), xytext=(dx, dy), textcoords="offset points",
                ha=ha, va=va, fontproperties=label.get_fontproperties(),
                color=label.get_color(), gid=ORIGIN, annotation_clip=False,
            )  # fmt: skip
            box = text_box(text)
            if obstacles.clear(box):
                obstacles.boxes.append(box)
                return 1
            text.remove()
    return 0


def origin_text(ax: Axes) -> Text | None:
    """The origin's "0", if shown."""
    return next((t for t in ax.texts if t.get_gid() == ORIGIN), None)
