"""The axes: axis lines at zero (or the blog's centred spine), their ticks chosen to be
read, and tick labels clear of the curves, each on the side its tick points to.

With zero inside the range, the value axis, its ticks and their labels sit at z = 0; with
0 inside the value axis, the z axis sits at value 0. An axis at zero inside the panel puts
each label on the side of the line the curves leave free, turning its tick that way; a
label crossed on both sides is left out. One "0" at the origin serves both axes, in the
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
    its tick turned the same way; left out when both sides meet something. With fewer than
    three labels left, other tick sets are tried, and then (with the set that shows most)
    the labels of an axis inside the panel stand further from its line (a column beside
    it, each label level with its tick), half an em at a time up to four: the first that
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
    tried: list[tuple[int, float, list[float], Obstacles]] = []

    def attempt(extra: float, locs: list[float]) -> bool:
        """Try ``locs`` with labels ``extra`` ems off their line; True when enough show."""
        _stand_off(axis, which, extra)
        set_ticks(ax, which, locs)
        trial = obstacles.copy()
        tried.append((_sides(ax, which, trial, origin), extra, locs, trial))
        return tried[-1][0] >= min(MIN_LABELS, len(locs))

    sets = itertools.chain([first], _lazy(functools.partial(denser, ax, which)))
    if not any(attempt(0.0, locs) for locs in sets) and inside(ax, which):
        # The three tick sets that show most, their labels further off, half an em a time.
        most = [t[2] for t in sorted(tried, key=lambda t: -t[0])[:3]]
        extras = [0.5 * k for k in range(1, 9)]
        any(attempt(extra, locs) for extra in extras for locs in most)  # to the first that does
    best = max(tried, key=lambda t: t[0])  # the first that shows most
    if best is not tried[-1]:
        _stand_off(axis, which, best[1])
        set_ticks(ax, which, best[2])
        _sides(ax, which, obstacles.copy(), origin)
    return best[3].boxes


def _stand_off(axis: Axis, which: str, extra: float) -> None:
    """Set the labels of ``axis`` ``extra`` ems further from its line than matplotlib's pad."""
    tick: Any = axis.get_major_ticks()[0]
    base = mpl.rcParams["xtick.major.pad" if which == "x" else "ytick.major.pad"]
    pad = base + extra * tick.label1.get_fontsize()
    if tick.get_pad() != pad:
        axis.set_tick_params(pad=pad)


def _lazy(make: Callable[[], list[list[float]]]) -> Iterator[list[float]]:
    """The tick sets ``make`` gives, made only when the first is asked for."""
    yield from make()


def _sides(ax: Axes, which: str, obstacles: Obstacles, origin: bool) -> int:
    """Give each tick of ``which`` axis its side; returns how many labels show."""
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

    for tick, loc in zip(ticks, axis.get_majorticklocs(), strict=False):
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
        for side in sides:
            label = tick.label1 if side == 1 else tick.label2
            _turn(tick, side, True)
            box = label.get_window_extent()
            if obstacles.clear(box) and apart(box):
                obstacles.boxes.append(box)
                mine.append(box)
                shown += 1
                break
        else:
            _turn(tick, sides[0], False)
    return shown


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
