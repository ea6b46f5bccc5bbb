"""The axes: axis lines at zero (or the blog's centred spine), their ticks chosen to be
read, and tick labels clear of the curves, those of one axis on one side of its line.

With zero inside the range, the value axis, its ticks and their labels sit at z = 0; with
0 inside the value axis, the z axis sits at value 0. The labels of an axis at zero inside
the panel go below (z) or left (value), or to the other side where it serves clearly
better; a label a curve crosses there stands off on a longer tick that no curve crosses,
or is left out, its tick a plain short one (other tick sets are tried first). One "0" at
the origin serves both axes, in the row of the z labels beside the value axis's line. An
axis with zero out of view sits at the nearer edge of the panel, its labels outside it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis, Tick, XTick
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from sigplot._speedups import steady
from sigplot.plot.features import runs
from sigplot.plot.geometry import (
    Crossing,
    Obstacles,
    Stroke,
    ink_box,
    row_line,
    same_box,
    tick_labels,
    within,
)
from sigplot.plot.look import halo_effect
from sigplot.plot.ticks import choose, denser, digits, em, room, set_ticks
from sigplot.plot.value_axis import Reach, feet, plain

ORIGIN = "sigplot-origin"  # the gid of the origin's "0"
# The axis lines lie under the curves (matplotlib's 2) and over a zone's tint (1.5): a
# curve along an axis (relu for z < 0, a derivative's flat 0) shows its own colour there,
# not the axis's black drawn through its middle.
SPINE_ZORDER = 1.75


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
        spine.set_zorder(SPINE_ZORDER)
    ax.set_axisbelow(False)  # tick labels above the curves, with a halo


def line_at(lo: float, hi: float) -> float:
    """Where an axis line stands across the other axis's [lo, hi]: at zero where zero is
    in view, an end included (--range -6 0: the value axis at z = 0, the right edge),
    else at the end nearer to zero."""
    return min(max(0.0, lo), hi)


def _place(ax: Axes, low: str, high: str, lo: float, hi: float) -> None:
    axis = ax.yaxis if low == "left" else ax.xaxis
    near = high if line_at(lo, hi) == hi else low
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


# A window, the curves' reaches, and whether the axis may reach below it, and above it
Limits = tuple[tuple[float, float], Sequence[Reach], tuple[bool, bool]]


def initial_ticks(ax: Axes, kinks: Sequence[float] = (), limits: Limits | None = None) -> None:
    """Ticks for the axes' present size: set before the layout, chosen again after it;
    ``kinks``: the z of the curves' kinks, which the z ticks hold where they can;
    ``limits``: the value axis's window and its curves' reaches, from which it may reach
    on to a tick past zero where the curves dip (:func:`value_axis.feet`); None: the
    limits stay."""
    for which in ("x", "y"):
        set_ticks(ax, which, _best(ax, which, kinks, limits))


def refit_ticks(ax: Axes, kinks: Sequence[float] = (), limits: Limits | None = None) -> bool:
    """Choose each axis's ticks (and the value axis's limits) again at the size drawn;
    True when any changed."""
    changed = False
    for which in ("x", "y"):
        axis = ax.xaxis if which == "x" else ax.yaxis
        before = ax.get_ylim()
        best = _best(ax, which, kinks, limits)
        if [float(x) for x in axis.get_majorticklocs()] != best or ax.get_ylim() != before:
            set_ticks(ax, which, best)
            changed = True
    return changed


def _best(ax: Axes, which: str, kinks: Sequence[float], limits: Limits | None) -> list[float]:
    """The first choice of ticks for ``which`` axis; for the value axis with ``limits``,
    its limits set from them first."""
    if which == "x" or limits is None:
        return choose(ax, which, marks=kinks if which == "x" else ())[0]
    window, reaches, sides = limits
    ax.set_ylim(window)
    first = choose(ax, which)
    # On the usual steps first: from steps of 3 or 4 too, the farthest foot (-0.6 by 0.3)
    # left the axis running 12 px past the -0.5 its labels took (smooth-relatives).
    ends = feet(window, reaches, first, sides)
    if not ends:  # hardswish at the web size: -2 by 2 costs 20%, -1 by 1 serves
        ends = feet(window, reaches, first + choose(ax, which, True), sides)
    # The first foot (the farthest, of a plain step) lets the most steps hold a tick
    # there, and the ticks take one where the axis ends. A nearer foot whose ticks hold
    # as many key values, on a plain step too, in fewer digits serves better: elu and
    # hardtanh over -10 to 10 reached -2.5, their labels stepping by 2.5 (7.5, 2.5),
    # where -2 by 2 holds as many (neither holds +-1). The sigmoid's orders keep -0.25
    # (by 0.25: sigma(0) and sigma'(0) on ticks).
    keys = _key_values(ax) if len(ends) > 1 else []
    best: tuple[tuple[int, bool, int], list[float], tuple[float, float]] | None = None
    for foot in ends:
        locs = _holding(ax, foot, window)
        if locs is None:
            continue
        rank = (_held(ax, locs, keys), _plain_step(locs), -digits(locs))
        if best is None or rank > best[0]:
            best = (rank, locs, foot)
    if best is None:
        ax.set_ylim(window)
        return first[0]
    ax.set_ylim(best[2])
    return best[1]


def _holding(
    ax: Axes, wider: tuple[float, float], window: tuple[float, float]
) -> list[float] | None:
    """The first tick set for the value axis reaching ``wider`` from ``window`` with a tick
    where it now ends (from steps of 0.3 it reached -0.3, the first set then stepped by
    0.5 and the line ran past its last tick: the gallery's smooth-relatives-slopes with
    its legend under the panel); None where none has."""
    ax.set_ylim(wider)
    ends = [end for end, was in zip(wider, window, strict=True) if end != was]
    for locs in itertools.chain(choose(ax, "y"), choose(ax, "y", True)):
        if holds(locs, ends, wider):
            return locs
    return None


def clear_labels(
    ax: Axes,
    obstacles: Obstacles,
    background: Any,
    z_ticks: Sequence[float] | None = None,
    value_ticks: Sequence[float] | None = None,
    ends: Sequence[float] = (),
) -> None:
    """The tick labels of each axis on one side of its line (below and left unless the
    other side shows clearly more: more labels, or as many with fewer standing off), each
    tick pointing to it. A label a curve or text crosses there stands off its line on a
    long tick no curve crosses, or is left out, its tick a plain short one (the issue's
    rule: never a curve between a label and its tick, nor across a tick). Other tick sets
    are tried first: the first that labels every tick, else the one that leaves out fewest
    (at least three labels, no two neighbouring ticks bare). ``z_ticks``: the z ticks
    the panels of a stack share; ``value_ticks``: the value ticks the panels of a sweep
    share (:func:`shared_ticks`); of those only the sides are chosen here. ``ends``: the
    value axis's ends it reached to a tick past its window (:func:`_best`): the sets
    holding them only, where any does (the line ends on a tick)."""
    origin = inside(ax, "x") and inside(ax, "y")
    for which, only in (("x", z_ticks), ("y", value_ticks)):
        held = ends if which == "y" else ()
        obstacles.boxes[:] = _label_axis(ax, which, obstacles, origin, only, held).obstacles.boxes
    _origin_off_values(ax, obstacles)
    halo = halo_effect(background, 4)
    for tick in ax.xaxis.get_major_ticks() + ax.yaxis.get_major_ticks():
        tick.label1.set_path_effects(halo)
        tick.label2.set_path_effects(halo)
    shown = origin_text(ax)
    if shown is not None:
        shown.set_path_effects(halo)


def shared_ticks(
    which: str, panels: Sequence[tuple[Axes, Obstacles, Sequence[float] | None]]
) -> list[float]:
    """The ticks of ``which`` axis that ``panels`` (axes, their obstacles, their z ticks
    when shared), which show one range on it, label best together: of the sets the first
    would try, the one whose worst-labelled panel reads best. One scale for all: a
    stack's panels share z, a sweep's small multiples their values too, so that the
    reader compares the panels' peaks, not their tick sets."""
    first_ax = panels[0][0]
    labelled = []
    for ax, obstacles, z_ticks in panels:
        origin = inside(ax, "x") and inside(ax, "y")
        mine = obstacles.copy()
        if which == "y":  # the z labels first, as clear_labels places them
            mine.boxes[:] = _label_axis(ax, "x", mine, origin, z_ticks).obstacles.boxes
        labelled.append((ax, mine, origin, _key_values(ax) if which == "y" else []))
    axis = first_ax.xaxis if which == "x" else first_ax.yaxis
    first = [float(x) for x in axis.get_majorticklocs()]
    best: tuple[tuple[bool | int, ...], list[float], bool] | None = None
    for group, locs in _tick_sets(first_ax, which, first):
        if group == 2 and best is not None and all(best[0][:3]):
            break  # the denser sets only where the usual ones serve no panel acceptably
        if (
            best is not None
            and min(_ceiling(ax, which, locs, k) for ax, _, _, k in labelled) <= best[0]
        ):
            continue  # not even every tick labelled in every panel would read better
        placed = [(_label_axis(ax, which, obstacles.copy(), origin, locs), ax, keys)
                  for ax, obstacles, origin, keys in labelled]  # fmt: skip
        worst = min(_score(ax, p, keys) for p, ax, keys in placed)
        if best is None or worst > best[0]:
            best = (worst, locs, all(p.complete for p, _, _ in placed))
        if best[2]:
            break  # every tick of every panel labelled: as a panel alone takes its first
    assert best is not None
    return best[1]


@dataclass
class _Placed:
    """One way to label an axis: its ticks, the side, and what it shows."""

    which: str  # "x": the z axis, "y": the value axis
    locs: list[float]
    side: tuple[int, int]  # below zero's and above zero's: 1 below or left, 2 above or right
    shown: int  # labels shown on their own ticks
    origin: int  # 1 with the origin's "0" shown (it counts for both axes), else 0
    bare: list[float]  # ticks whose label is left out (the origin's aside)
    long: int  # labels standing off on a long tick
    obstacles: Obstacles
    need: int  # the labels the axis has room for, up to three (a value axis: but 0)
    crossing: bool  # both axes cross inside the panel: the tick at 0 is the origin's
    through: bool = False  # long ticks may cross curves (a crowded value axis's last resort)
    named: int = 0  # key values labelled
    crossed: int = 0  # places where long ticks cross curves (with ``through``)
    snug: int = 0  # z labels within a quarter em of a curve, a mark or an axis line

    def beats(self, other: _Placed) -> bool:
        """Whether this side serves clearly better than ``other`` (the default side, the
        same ticks): it comes closer to acceptable; or labels more key values (gelu's
        slope's level 1 standing off beats it left out; sigma''s 0.25 on a leader
        across its peak); or its long ticks cross curves at fewer places (with
        ``through``: the tangent sweep's 0.5 and 0.25 across its frames' tangent points;
        softsign's 0.5 across softsign' alone left of the line rather than across both
        curves right of it); or more labels shown, each standing off counted as none
        and the origin's "0" as one of the z row; or as many, with fewer standing off;
        or, else equal, more of its own (silu at the web size: every z label above the
        line, the origin without its "0", rather than "-2" left out below it over the
        dip, a gap in the row that reads as a mistake)."""
        if self.rank()[:3] != other.rank()[:3]:
            return self.rank()[:3] > other.rank()[:3]
        if self.named != other.named:
            return self.named > other.named
        if self.crossed != other.crossed:
            return self.crossed < other.crossed

        def key(p: _Placed) -> tuple[int, int, int, int]:  # the origin's "0": of the z row
            return (p.shown + (p.origin if p.which == "x" else 0) - p.long, -p.long, -p.snug,
                    p.shown)  # fmt: skip

        return key(self) > key(other)

    @property
    def acceptable(self) -> bool:
        """At least three labels shown (as many as the axis has room for an em apart, when
        fewer; the origin's "0" counts in the z row only), no two neighbouring ticks bare
        between labels (a bare tick between labelled ones reads as theirs; past the last
        label the ticks read as the row going on), and on the z axis at most one
        label standing off (z labels on long ticks read as a ruler), but where only
        labels standing beyond curves on long ticks across them make the row readable
        (logsigmoid and celu over -10 to 4 at 5 x 3.5 in: "4" alone between celu's -1
        and the slopes' 0 and 1)."""
        return all(self.rank()[:3])

    @property
    def halfless(self) -> bool:
        """Whether the axis leaves one half (either side of zero) with two ticks or more
        but no label: it reads as an axis that stops at 0 (tanh's 0.5 and 1 under tanh').
        One bare tick alone reads as a label a curve hides (threshold's -1)."""
        return half_bare(self.locs, self.bare)

    @property
    def complete(self) -> bool:
        """Acceptable, and every tick labelled."""
        return self.acceptable and not self.bare

    @property
    def gap(self) -> bool:
        """Whether a z label is left out between two shown (the origin's "0" aside): a gap
        in a row of even steps reads as a mistake (prelu at the web size: "-2" over its
        slope's level, under its branch), where a row stepping by 3 shows every label."""
        shown = [i for i, x in enumerate(self.locs) if x not in self.bare and x != 0]
        return self.which == "x" and any(
            shown and shown[0] < self.locs.index(x) < shown[-1] for x in self.bare
        )

    def rank(self) -> tuple[bool, bool, bool, int]:
        """How tick sets compare: by what makes one acceptable (enough labels, no two
        neighbouring ticks bare between labels, z labels not a ruler), then by the labels
        shown less those left out (0.2, 0.6, 0.8 and 1 with 0.4 left out beat 0.5 and 1 alone)."""
        bare = [self.locs.index(x) for x in self.bare]
        if self.which == "x" and self.crossing and not self.origin and 0.0 in self.locs:
            bare.append(self.locs.index(0.0))  # no "0" in the z row: a gap in it, as bare
            bare.sort()
        marked = [i for i in range(len(self.locs)) if i not in bare]  # labelled, or the origin
        inner = [i for i in bare if marked and marked[0] < i < marked[-1]]
        return (
            # the origin's "0" reads as one of the z row's labels, not as a value's
            self.shown + (self.origin if self.which == "x" else 0) >= self.need,
            not any(b - a == 1 for a, b in itertools.pairwise(inner)),
            self.which == "y" or self.long <= 1 or self.through,
            self.shown + self.origin - len(self.bare),
        )


def half_bare(locs: Sequence[float], bare: Sequence[float]) -> bool:
    """Whether a half of an axis (either side of zero) has two ticks or more at ``locs``,
    every one of them ``bare`` (unlabelled)."""
    return any(
        len(ticks) > 1 and all(x in bare for x in ticks)
        for ticks in ([x for x in locs if x < 0], [x for x in locs if x > 0])
    )


def _label_axis(
    ax: Axes,
    which: str,
    obstacles: Obstacles,
    origin: bool,
    only: Sequence[float] | None,
    ends: Sequence[float] = (),
) -> _Placed:
    """Label ``which`` axis as :func:`clear_labels` says, with the ticks ``only`` when
    given; returns how (its obstacles' boxes hold the labels shown: the next axis keeps
    off them)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    first = [float(x) for x in axis.get_majorticklocs()] if only is None else list(only)
    rows = _z_rows(ax) if which == "y" else []
    if rows:
        obstacles = obstacles.copy()
        obstacles.boxes += rows
    low = ax.spines["bottom" if which == "x" else "left"].get_visible()
    sides = ((1, 2) if low else (2, 1)) if inside(ax, which) else ((1,) if low else (2,))
    # An axis's halves may take opposite sides where neither side alone shows enough
    # labels (hardtanh: its slope's line at 1 blocks the left of the positive half, its
    # rising branch the left of the negative half; the right of the negative half is clear;
    # squashers: tanh's -1 blocks below the negative z, the levels at 1 above the positive).
    splits = ((1, 2), (2, 1)) if inside(ax, which) else ()
    keys = _key_values(ax) if which == "y" else []
    need = room(ax, which)  # the limits and the panel's size stay while its ticks change
    last: _Placed | None = None

    def rank(p: _Placed) -> tuple[bool | int, ...]:
        return _score(ax, p, keys)

    done: dict[tuple[tuple[float, ...], tuple[int, int], bool], _Placed] = {}
    measured: dict[tuple[float, int, str], Bbox] = {}  # the labels' boxes on plain ticks

    def label(locs: list[float], sides: tuple[int, int], through: bool) -> _Placed:
        """The labelling of the ticks ``locs`` (set on the axis) on ``sides``, made once: a
        value axis with ticks on one side of zero only labels them alike whichever side
        its other half would take (the default figure's 0 to 1)."""
        nonlocal last
        if which == "y" and not any(x < 0 for x in locs):
            sides = (sides[1], sides[1])
        elif which == "y" and not any(x > 0 for x in locs):
            sides = (sides[0], sides[0])
        key = (tuple(locs), sides, through)
        if key not in done:
            done[key] = last = _labelled(
                ax, which, obstacles.copy(), origin, need, sides, through, keys, measured
            )
        return done[key]

    def pick(
        sets: Iterator[tuple[int, list[float]]], through: bool, bar: _Placed | None = None
    ) -> _Placed:
        """The best labelling of the ``sets``; with ``bar``, of those that might beat it
        (``bar`` itself where none does)."""
        best: _Placed | None = None
        for group, locs in sets:
            if group == 2 and best is not None and best.acceptable:
                break  # the denser sets only where the usual ones leave no acceptable one
            top = best or bar
            if top is not None and _ceiling(ax, which, locs, keys) <= rank(top):
                continue  # not even every tick labelled would read better
            set_ticks(ax, which, locs)
            mine: _Placed | None = None  # this set's better side
            for side in sides:
                one = label(locs, (side, side), through)
                if mine is None or (
                    one.beats(mine) if not _whole(mine) else _whole(one) and one.origin
                ):
                    mine = one
                if _whole(mine) and (which == "y" or mine.origin or not mine.crossing):
                    break  # nothing the other side could show better
            assert mine is not None
            # Halves on opposite sides only where one side alone falls short, or (crossing
            # curves allowed) where they cross fewer (c18: 0.5 clear left of the line
            # rather than on a long tick across tanh and tanh' right of it).
            for split in splits if through or not mine.acceptable or mine.halfless else ():
                two = label(locs, split, through)
                ours, theirs = (
                    (two.rank()[:3], not two.halfless),
                    (mine.rank()[:3], not mine.halfless),
                )
                if ours > theirs or (through and ours == theirs and two.beats(mine)):
                    mine = two
            if best is None or rank(mine) > rank(best):
                best = mine  # a later set only where it reads better
            # A z row sparser than the first set goes on to the steps of 3 and 4: snake at
            # the web size shows -6, -3, 3 and 6 rather than -5 and 5 ("-2" fits on
            # neither side of the line, and a gap in the row reads as a mistake).
            sparser = which == "x" and len(best.locs) < len(first)
            if best.complete and _held(ax, best.locs, keys) == len(keys) and not sparser:
                break  # every tick labelled, every key value a tick (hardsigmoid's 0.5)
        best = best or bar
        assert best is not None
        return best

    def sets() -> Iterator[tuple[int, list[float]]]:
        return iter([(0, first)]) if only is not None else _tick_sets(ax, which, first, ends)

    best = pick(sets(), False)
    crowded_axis = not (best.acceptable and _plain_step(best.locs)) or best.halfless
    if which == "y" and (crowded_axis or _bare_keys(ax, best.bare, keys)):
        # A value axis the curves crowd (bell curves peaking on its line: no tick set has
        # three clear spots with no two bare ticks side by side, or only one stepping by
        # 0.3 past 0.5 and 1), or a key value's tick left bare (tanh's 1 under tanh''s
        # peak): its labels may stand clear beyond the curves on long ticks that cross
        # them, rather than leave the reader no value, no landmark or half an axis
        # unlabelled to read.
        crowded = pick(sets(), True, best)
        best = crowded if rank(crowded) > rank(best) else best
    elif which == "x" and best.halfless:
        # A z half with no clear spot for any label (softshrink, tanh and rrelu at the web
        # size: -6 to -2 under the band and over the slopes' levels): its one label stands
        # clear beyond the curves on a long tick across them, as a value axis's does,
        # rather than leave the row reading as cut at 0. Its ticks stay: another step
        # for the sake of that one label lost relu, squareplus and celu their origin.
        crowded = pick(iter([(0, best.locs)]), True, best)
        best = crowded if rank(crowded) > rank(best) else best
    if best is not last:
        set_ticks(ax, which, best.locs)
        _labelled(ax, which, obstacles.copy(), origin, need, best.side, best.through, keys,
                  measured)  # fmt: skip
    best.obstacles.boxes[:] = [b for b in best.obstacles.boxes if all(b is not r for r in rows)]
    return best


def _z_rows(ax: Axes) -> list[Bbox]:
    """The lines of the z labels shown inside the panel, each across its side of the value
    axis (geometry.row_line), the origin's "0" across both, where no value label may
    stand: there it reads as a z label (hard_silu's "-2.5" right of the axis in the row
    "2, 4, 6", elu's "-0.5" in "1, 2, 3", a reader review). None where the z axis is an
    edge of the panel."""
    if not inside(ax, "x"):
        return []
    rows = [row_line(ax, ink_box(t)) for t in tick_labels(ax, "x")]
    zero = origin_text(ax)
    return rows if zero is None else [*rows, row_line(ax, ink_box(zero), both=True)]


def _whole(p: _Placed) -> bool:
    """Every tick labelled on its own tick. A z row so but for its "0", which the axes'
    crossing keeps, gives way only to the row on the other side with it (orders: -8,
    -4, 0, 4, 8 above the line, where below it the third derivative dips under the
    origin), not to one as bare there that differs otherwise."""
    return p.complete and not p.long


def _score(ax: Axes, p: _Placed, keys: Sequence[float]) -> tuple[bool | int, ...]:
    """How a labelling compares with others of its axis: what makes it acceptable, then
    both halves of a value axis labelled; for a z row, its labels shown less those left
    out, then no gap in it where it shows more than three (prelu at the web size: -6,
    -3, 3, 6 rather than -6, -4, 2, 4, 6 with "-2" left out), then both ends of the range
    labelled (-6 and 6 rather than a step of 2.5 that leaves them bare); a plain step,
    fewer of the ``keys`` (key values) unread past their half's last label, more key
    values labelled (sigma''s 0.25 on a leader across its peak beats it bare), fewer
    places where long ticks cross curves (the last resort's clutter), the key values it
    has as ticks, and the labels shown less those left out; among those short of
    acceptable, the labels shown count first, except on a value axis, where a ruler
    without two neighbouring ticks bare counts first (quick_gelu's, squareplus's and
    rrelu's -0.5, 1.5 and 2.5 over 0.5, 1, 2 and 3 bare read as a ruler shifted by a
    half, where 1 on a long tick, 2 and 3 read plainly)."""
    held = _held(ax, p.locs, keys)
    r = p.rank()
    plain = _plain_step(p.locs)  # 0.5 and 1 read as landmarks; steps of 0.3 skip them
    whole = not p.halfless  # both halves of a value axis labelled
    if not all(r[:3]):
        if p.which == "y":
            return (r[1], r[0], r[2], r[3], plain)
        return (*r[:3], r[3], plain)
    row = r[3] if p.which == "x" else 0  # a z row: its labels, its gap, its ends, its step
    # A gap is traded for a row of more than three labels only: -4, 0, 4 reads sparser
    # than -4, 0, 2, 4 with "-2" left out under a curve (hard-functions).
    tidy = not p.gap and (p.which != "x" or row > 3)  # a value axis: True
    return (*r[:3], whole, row, tidy, _spans(ax, p), plain, -_unread_ends(ax, p, keys), p.named,
            -p.crossed, held, r[3])  # fmt: skip


def _ceiling(
    ax: Axes, which: str, locs: Sequence[float], keys: Sequence[float]
) -> tuple[bool | int, ...]:
    """The best :func:`_score` a labelling of ``locs`` could reach (every tick labelled,
    the origin's "0" shown): a set whose ceiling does not beat the best so far need not be
    labelled (the search's cost is in labelling)."""
    held = _held(ax, locs, keys)
    row = len(locs) + 1 if which == "x" else 0
    top = (True, True, True, True, row, True, True, _plain_step(locs))
    return (*top, 0, held, 0, held, len(locs) + 1)


def _spans(ax: Axes, p: _Placed) -> bool:
    """Whether a z row labels both ends of the range (-6, -3, 0, 3, 6 reads the range
    that -5, -2.5, 0, 2.5, 5 leaves to guess); a value axis: True."""
    if p.which != "x":
        return True
    lo, hi = sorted(ax.get_xlim())
    tol = 1e-9 * (hi - lo)
    shown = [x for x in p.locs if x not in p.bare]
    return all(any(abs(x - end) <= tol for x in shown) for end in (lo, hi))


def _bare_keys(ax: Axes, bare: Sequence[float], keys: Sequence[float]) -> list[float]:
    """The bare ticks at key values (tanh's 1 under tanh''s peak; the default figure's
    0.25 under sigma''s): a reader looks the level up and finds no number there."""
    return [x for x in bare if _held(ax, [x], keys)]


def _unread_ends(ax: Axes, p: _Placed, keys: Sequence[float]) -> int:
    """How many key values no label of ``p`` reads, with no label beyond them in their
    half of the axis, whether ticks or not (threshold's -1: a set stepping by 2 has no
    tick there, which leaves the level as unread as a bare tick would)."""
    shown = [x for x in p.locs if x not in p.bare and x != 0]
    return sum(not _held(ax, shown, [k]) and _past(shown, k) for k in keys)


def _past(shown: Sequence[float], value: float) -> bool:
    """Whether no label of ``shown`` lies beyond ``value`` in its half of the axis."""
    return not any(y > value if value > 0 else y < value for y in shown)


def _held(ax: Axes, locs: Sequence[float], keys: Sequence[float]) -> int:
    """How many of the key values ``keys`` are ticks at ``locs`` (within a hundredth of
    the value axis)."""
    lo, hi = ax.get_ylim()
    tol = 0.01 * abs(hi - lo)
    return sum(any(abs(t - k) <= tol for t in locs) for k in keys)


def _plain_step(locs: Sequence[float]) -> bool:
    """Whether ``locs`` step by 1, 2, 2.5 or 5 times a power of ten (not 3 or 4)."""
    return len(locs) < 2 or plain(abs(locs[1] - locs[0]))


def _key_values(ax: Axes) -> list[float]:
    """The levels a reader looks up on the value axis: each curve's value at z = 0, its
    local extrema and the levels it settles to at the ends of the range (within a
    hundredth of the axis), but 0, which the origin marks."""
    lo, hi = ax.get_ylim()
    tol = 0.01 * abs(hi - lo)
    keys: list[float] = []
    for line in ax.lines:
        if str(line.get_label()).startswith("_") or line.get_linestyle() in ("None", "none"):
            continue
        z = np.asarray(line.get_xdata(), dtype=float)
        y = np.asarray(line.get_ydata(), dtype=float)
        ok = np.isfinite(z) & np.isfinite(y)
        z, y = z[ok], y[ok]
        if y.size < 8:
            continue
        found = [float(np.interp(0.0, z, y))] if z[0] < 0 < z[-1] else []
        step = np.diff(y)
        turns = np.flatnonzero(np.sign(step[1:]) * np.sign(step[:-1]) < 0) + 1
        found += [float(v) for v in y[turns]]
        tail = max(y.size // 10, 2)
        for end in (y[:tail], y[-tail:]):
            if np.ptp(end) <= tol:
                found.append(float(end.mean()))
        for v in found:
            if abs(v) > tol and lo <= v <= hi and all(abs(v - k) > tol for k in keys):
                keys.append(v)
    return keys


def _tick_sets(
    ax: Axes, which: str, first: list[float], ends: Sequence[float] = ()
) -> Iterator[tuple[int, list[float]]]:
    """The tick sets to try, each with its group: those chosen for the size drawn (0),
    then those from more steps (3 and 4) whose labels stand an em apart (1), then every
    other set (2), each group with five ticks or more and the fewest digits first (made
    only when asked for); with ``ends``, those holding them only (``first`` when none
    does)."""
    limits = ax.get_ylim()
    seen = [first]
    found = holds(first, ends, limits)
    if found:
        yield 0, first
    groups = (
        (0, _lazy(functools.partial(choose, ax, which))),
        (1, _lazy(functools.partial(choose, ax, which, True))),
        (2, _lazy(functools.partial(denser, ax, which))),
    )
    for group, made in groups:
        for locs in made:
            if locs not in seen and holds(locs, ends, limits):
                seen.append(locs)
                found = True
                yield group, locs
    if not found:
        yield 0, first


def holds(locs: Sequence[float], ends: Sequence[float], limits: Sequence[float]) -> bool:
    """Whether ticks at ``locs`` hold every one of ``ends`` (to a billionth of the axis
    between ``limits``)."""
    tol = 1e-9 * abs(limits[1] - limits[0])
    return all(any(abs(t - end) <= tol for t in locs) for end in ends)


def _lazy(make: Callable[[], list[list[float]]]) -> Iterator[list[float]]:
    """The tick sets ``make`` gives, made only when the first is asked for."""
    yield from make()


def _labelled(
    ax: Axes,
    which: str,
    obstacles: Obstacles,
    origin: bool,
    need: int,
    sides: tuple[int, int],
    through: bool = False,
    keys: Sequence[float] = (),
    measured: dict[tuple[float, int, str], Bbox] | None = None,
) -> _Placed:
    """Label each tick of ``which`` axis on its side of its line (``sides``: those of the
    ticks below zero and of the rest), standing off on a long tick where it must (with
    ``through``, one crossing curves where none is clear, until ``need`` labels show,
    and for each of the key values ``keys``, which it counts as labelled), else left
    out (its tick a plain short one); the origin's "0" (placed with the z axis) in the z
    labels' row. ``measured``: the labels' boxes on plain ticks, by value, side and
    text, kept between labellings of one axis whose limits and size stay."""
    axis: Axis = ax.xaxis if which == "x" else ax.yaxis
    free = inside(ax, which)
    with steady(ax.figure):
        axis.get_majorticklabels()  # places the ticks and their labels as they will be drawn
        ticks = axis.get_major_ticks()
    for text in [t for t in ax.texts if t.get_gid() == ORIGIN and t.axes is ax]:
        if which == "x":
            text.remove()
    shown = long = crossed = snug = 0
    bare: list[float] = []
    gap = em(ax, which)
    mine: list[Bbox] = []  # this axis's labels shown: the next stands an em further along

    def apart(box: Bbox) -> bool:  # along the axis, however far off its line each stands:
        # labels stepping off the line to pass each other read as a zig-zag, not a row
        lo, hi = (box.x0, box.x1) if which == "x" else (box.y0, box.y1)
        return all(
            hi + gap <= b_lo or b_hi + gap <= lo
            for b_lo, b_hi in ((b.x0, b.x1) if which == "x" else (b.y0, b.y1) for b in mine)
        )

    length = float(mpl.rcParams["xtick.major.size" if which == "x" else "ytick.major.size"])
    for tick in ticks:
        _reach(tick, length)
    locs = [float(x) for x in axis.get_majorticklocs()]
    reaches = _REACHES[which] if free else (0.0,)
    origins = 0  # the origin's "0", placed with the z axis, counted for both axes
    if origin:
        zero = next((t for t, loc in zip(ticks, locs, strict=False) if loc == 0), None)
        if zero is not None:
            # Its marks lie along the other axis's line, unseen but over a curve that runs
            # there (hardshrink between +-0.5), where they cut a stub across it.
            _turn(zero, 0, False)
            if which == "x":
                _origin(ax, zero, obstacles, sides[0])
            origins = int(origin_text(ax) is not None)
    placed = [(t, loc) for t, loc in zip(ticks, locs, strict=False) if not (origin and loc == 0)]

    def now() -> _Placed:  # the labelling so far
        return _Placed(which, locs, sides, shown, origins, bare, long, obstacles, need, origin)

    def halfless() -> bool:  # a half with two ticks or more and no label yet
        return now().halfless

    def gapped() -> bool:  # two bare ticks side by side between labels (see _Placed.rank)
        return not now().rank()[1]

    # With ``through``, the labels left out are tried again on long ticks across curves,
    # the key values first (see _bare_keys: sigma''s 0.25 before 0.75, which would
    # otherwise cross sigma to make up the count), then the others, the outermost first,
    # only until three labels show, each half has one and no two bare ticks sit side by
    # side between labels.
    outermost = sorted(placed, key=lambda pair: (not _held(ax, [pair[1]], keys), -abs(pair[1])))
    across_curves: list[tuple[Tick, float, int, Bbox, float, int]] = []
    for crossing, (tick, loc) in [(False, pair) for pair in placed] + [
        (True, pair) for pair in (outermost if through else [])
    ]:
        if crossing and (
            loc not in bare
            # a z half's one label, no more, unless the row needs more to be read at all
            or (which == "x" and not halfless() and shown + origins >= need)
            or (
                shown >= need
                and not halfless()
                and not gapped()
                and loc not in _bare_keys(ax, bare, keys)
            )
        ):
            continue
        side = sides[0] if loc < 0 else sides[1]
        spot = _spot(ax, which, tick, obstacles, apart, side, reaches, crossing, measured)
        if spot is None:
            _turn(tick, side, False)
            if not crossing:
                bare.append(loc)
            continue
        extra, box, across = spot
        if crossing:
            bare.remove(loc)
            across_curves.append((tick, loc, side, box, extra, across))
        if which == "x":  # (a value axis's sides are chosen by crossings and key values)
            snug += not obstacles.clear(box, _BEYOND * gap, lines=False)
        _turn(tick, side, True)
        _reach(tick, length + extra * float(tick.label1.get_fontsize()))
        obstacles.boxes.append(box)
        mine.append(box)
        shown += 1
        long += bool(extra)
        crossed += across
    # A label across curves that those placed after it made needless goes again, in the
    # order they were placed (elu' at 5 x 3.5 in: 0.8, the outermost, then 0.6 to close
    # the gap 0.4 to 0.8 left; 0.6 alone leaves no gap and crosses elu' once, not twice).
    for tick, loc, side, box, extra, across in across_curves:
        if _held(ax, [loc], keys):
            continue
        bare.append(loc)
        bare.sort()
        shown -= 1
        if shown < need or halfless() or gapped():
            bare.remove(loc)
            shown += 1
            continue
        _turn(tick, side, False)
        _reach(tick, length)
        obstacles.boxes.remove(box)
        mine.remove(box)
        long -= bool(extra)
        crossed -= across
    named = _held(ax, [x for x in locs if x not in bare], keys)
    return _Placed(which, locs, sides, shown, origins, bare, long, obstacles, need, origin,
                   through, named, crossed, snug)  # fmt: skip


def _spot(
    ax: Axes,
    which: str,
    tick: Tick,
    obstacles: Obstacles,
    apart: Callable[[Bbox], bool],
    side: int,
    reaches: tuple[float, ...],
    through: bool = False,
    measured: dict[tuple[float, int, str], Bbox] | None = None,
) -> tuple[float, Bbox, int] | None:
    """Where ``tick``'s label reads clear on ``side``: (ems it stands off, its box,
    at how many places its long tick crosses curves), on its tick, else further off on a long tick
    that crosses no curve and no text; None when nowhere (the label is left out: a label
    alone on the other side of its line reads as a stray, and a tick across a curve as
    clutter). With ``through``, a label standing clear beyond curves its long tick
    crosses, where no spot is clear."""
    gap = em(ax, which)
    _turn(tick, side, True)
    label = tick.label1 if side == 1 else tick.label2
    size = float(label.get_fontsize())
    mark = (float(tick.get_loc()), side, label.get_text())
    near = measured.get(mark) if measured is not None else None
    if near is None:
        near = ink_box(label)  # on a tick of the usual length
        if measured is not None:
            measured[mark] = near
    away = (-1 if side == 1 else 1) * ax.figure.dpi / 72 * size  # one em further off
    beyond: list[tuple[float, Bbox]] = []  # clear spots whose long tick crosses curves
    for extra in reaches:
        box = near.translated(0, extra * away) if which == "x" else near.translated(
            extra * away, 0)  # fmt: skip
        if not (obstacles.clear(box, _BEYOND * gap if extra else 0.0) and apart(box)):
            continue
        if _stem_crossings(ax, which, tick, box, obstacles, bool(extra)) == 0:
            return extra, box, 0
        if through and extra:
            beyond.append((extra, box))
    for extra, box in beyond:
        crossings = _stem_crossings(ax, which, tick, box, obstacles, True, through=True)
        if crossings is not None:  # (a spot refused as clear crosses a curve at least)
            return extra, box, max(crossings, 1)
    return None


# How far, in ems, a label crossed by a curve may stand off its line on a long tick drawn
# to reach it: a value label up to six ems (tanh's 1, under tanh' peak), a z label up to
# three (silu's -2, under its dip). A label standing off keeps a quarter em from every
# curve, so that it reads as beyond the curves its tick stops short of.
_REACHES = {"x": tuple(0.5 * k for k in range(7)), "y": tuple(0.5 * k for k in range(13))}
_BEYOND = 0.25
_LEADER = 0.6  # a leader's width and opacity, as a share of a tick's


def _reach(tick: Tick, length: float) -> None:
    """Draw ``tick`` ``length`` points long, its labels just past its end. A tick longer
    than the axis's own is a leader to a label standing off: drawn thinner and half
    see-through, so that it reads as a guide to its label, not as a level of the data
    (review 16: tanh's 1 read as a stretch of its asymptote)."""
    x = isinstance(tick, XTick)
    if tick.tick1line.get_markersize() != length:
        long = length > float(mpl.rcParams["xtick.major.size" if x else "ytick.major.size"])
        width = float(mpl.rcParams["xtick.major.width" if x else "ytick.major.width"])
        color = to_rgba(mpl.rcParams["xtick.color" if x else "ytick.color"], _LEADER if long else 1)
        width *= _LEADER if long else 1
        cast(Any, tick)._apply_params(size=length, width=width, color=color)


def _outward(ax: Axes, which: str, box: Bbox, long: bool) -> bool:
    """Whether ``box`` is a z label on its plain tick past the edge of the figure's one
    panel, in the margin the fit makes as it reads the labels (layout._past_canvas):
    logsigmoid over 0 to 4 at the web size, all below zero, labelled 0.5 to 2.5 under its
    line at the panel's top and left 3, 3.5 and 4 bare where its curve runs (a reader
    review); over it, 0 to 4. In a stack or a grid that margin would come out of the
    panels (logsigmoid's three orders, shifted, were refused at the web size)."""
    alone = len(ax.figure.axes) == 1
    return which == "x" and not long and alone and not box.overlaps(ax.bbox)


def _stem_crossings(
    ax: Axes,
    which: str,
    tick: Tick,
    box: Bbox,
    obstacles: Obstacles,
    long: bool,
    through: bool = False,
) -> int | None:
    """At how many places the tick, from its axis line to its label's ``box``, crosses
    curves: 0, or None where the label may not stand so. It crosses no text and no curve (a curve
    between a label and its tick reads as a leader to the wrong place; nor a tick across
    a curve, clutter; a short tick's own length may touch a curve along the axis), and
    the label stays on the canvas, inside the panel when it stands off (the layout made
    room for labels by their lines only). With ``through``, it may cross curves."""
    if not (_outward(ax, which, box, long) or within(ax.figure.bbox.padded(-1), box)) or (
        long and not within(ax.bbox, box)
    ):
        return None
    x, y = ax.transData.transform((tick.get_loc(), tick.get_loc()))
    x0, y0 = ax.transData.transform((0.0, 0.0))  # where the axis line is
    if not inside(ax, which):
        return 0  # outside the panel: nothing but texts, which the label keeps off
    # Off the line: a plain tick's own length, of a long tick too, may touch a curve
    # running along the axis there; beyond it the tick may not. A curve that meets the
    # axis line at the tick itself and leaves it at an angle on the tick's side (sigma
    # through 0.5 at z = 0, elu' rising to 1 from the left) may touch its first half em.
    size = float(mpl.rcParams["xtick.major.size" if which == "x" else "ytick.major.size"])
    off = (ax.spines["left"].get_linewidth() / 2 + size) * ax.figure.dpi / 72

    def stem_from(start: float) -> Bbox:
        if which == "x":
            lo, hi = (box.y1, y0 - start) if box.y1 < y0 else (y0 + start, box.y0)
            return Bbox.from_extents(x - 1, lo, x + 1, hi)
        lo, hi = (box.x1, x0 - start) if box.x1 < x0 else (x0 + start, box.x0)
        return Bbox.from_extents(lo, y - 1, hi, y + 1)

    stem = stem_from(off)
    if any(stem.overlaps(b) for b in obstacles.boxes):
        return None
    if through:  # a crowded value axis's long tick may cross curves, never a text, nor
        # run along one (hardtanh' at 1: the plateau would read as the label's leader);
        # a sweep's other frames, one bitmap of many curves, are crossings only
        # (a z tick is vertical: no curve over z runs along it)
        met = [s for s in obstacles.near(stem) if s.crosses(stem, 0.0)]
        strokes = [s for s in met if isinstance(s, Stroke)]
        whole = stem_from(0.0)  # the tick from the axis line: its plain length too
        end = whole.x0 if box.x1 < x0 else whole.x1  # where the label stands
        if which == "y" and any(_along(s, whole, em(ax, which), end) for s in strokes):
            return None
        return _crossings(met, stem, which)
    if not long:
        # A short tick's gap to its label: a curve whose middle runs within the tick's
        # length (along the axis, asymptotes) may touch it with its width.
        touched = any(s.crosses(stem, -s.pad) for s in obstacles.near(stem))
        return None if touched else 0
    half = 0.5 * em(ax, which)
    past = stem_from(off + half)
    root = (x, y0) if which == "x" else (x0, y)
    toward = -1 if (box.y1 < y0 if which == "x" else box.x1 < x0) else 1  # the stem's way
    # (The strokes near the stem widened by nothing hold every one that can meet it.)
    touched = any(
        s.crosses(past if _leaves_root(s, which, root, half, toward) else stem, 0.0)
        for s in obstacles.near(stem)
    )
    return None if touched else 0


def _crossings(met: Sequence[Any], stem: Bbox, which: str) -> int:
    """At how many places the lines ``met`` cross ``stem``, a value tick's line: lines
    crossing it within their widths of each other read as one crossing (a curve and the
    stretch drawn again over a dot on it; coinciding curves)."""
    if which == "x":
        return len(met)
    level = (stem.y0 + stem.y1) / 2
    at: list[tuple[float, float]] = []  # where each crosses, and its half width
    for line in met:
        if not isinstance(line, Stroke) or len(line.vertices) == 0:
            return len(met)  # a sweep's other frames: count each line once
        v = line.vertices[np.isfinite(line.vertices).all(axis=1)]
        v = v[(v[:, 0] >= stem.x0 - line.pad) & (v[:, 0] <= stem.x1 + line.pad)]
        if len(v) == 0:
            at.append(((stem.x0 + stem.x1) / 2, line.pad))
            continue
        at.append((float(v[np.argmin(np.abs(v[:, 1] - level)), 0]), line.pad))
    at.sort()
    places = 0
    reach = -np.inf
    for x, pad in at:
        if x - pad > reach:
            places += 1
        reach = max(reach, x + pad)
    return places


def _along(stroke: Stroke, stem: Bbox, reach: float, end: float) -> bool:
    """Whether ``stroke`` (a curve over z) runs along ``stem``, a value tick's line, as a
    curve level with the tick does, rather than crossing it at an angle or touching it
    at a peak (sigma' at 0.25: the leader a tangent to its top): within its half width
    of the line for more than ``reach`` pixels on to within ``reach`` of the stem's
    ``end`` at the label (an asymptote), or on the line itself, within half a pixel, for
    more than ``reach`` pixels anywhere (hardtanh' at 1: its plateau, stopping short of
    the label at its jump, would read as the label's leader)."""
    v = stroke.vertices[np.isfinite(stroke.vertices).all(axis=1)]
    x, y = v[:, 0], v[:, 1]
    if x.size < 2 or bool(np.any(np.diff(x) < 0)):
        return False  # a dot, or not a curve over z
    cols = np.arange(stem.x0, stem.x1)
    off = np.abs(np.interp(cols, x, y) - (stem.y0 + stem.y1) / 2)
    over = (cols >= x[0]) & (cols <= x[-1])
    near = runs(over & (off <= stroke.pad + stem.height / 2))
    return any(
        b - a > reach and min(abs(cols[a] - end), abs(cols[b - 1] - end)) <= reach for a, b in near
    ) or any(b - a > reach for a, b in runs(over & (off <= 0.5)))


def _leaves_root(
    stroke: Crossing, which: str, root: tuple[float, float], reach: float, toward: int
) -> bool:
    """Whether ``stroke`` meets the line of a tick at its ``root`` (on the axis line) and
    leaves it at an angle on the stem's side (``toward``: -1 left or down, 1 right or up):
    off the line there, ``reach`` pixels along, and not off it to the same side on the
    other side of the root (sigma through 0.5 at z = 0; elu' rising from the left to its
    level 1, which it runs along on the right), not a peak touching the line there
    (tanh' at 1: below it on both sides)."""
    rx, ry = root
    if not stroke.crosses(Bbox.from_extents(rx - 1, ry - 1, rx + 1, ry + 1), 0.0):
        return False  # it crosses the tick's line elsewhere, or not at all
    gap, far = stroke.pad + 1.5, 6.0 * reach

    def at(along: int, across: int) -> bool:  # a box ``reach`` along the line, off it
        a0, a1 = sorted((along * reach / 2, along * reach))
        c0, c1 = sorted((across * gap, across * far))
        box = (Bbox.from_extents(rx + c0, ry + a0, rx + c1, ry + a1) if which == "x"
               else Bbox.from_extents(rx + a0, ry + c0, rx + a1, ry + c1))  # fmt: skip
        return bool(stroke.crosses(box, 0.0))

    return any(at(toward, off) and not at(-toward, off) for off in (1, -1))


def _turn(tick: Tick, side: int, labelled: bool) -> None:
    """Show ``tick`` on ``side`` (1: bottom or left, 2: top or right; 0: neither),
    labelled or not."""
    tick.tick1line.set_visible(side == 1)
    tick.tick2line.set_visible(side == 2)
    tick.label1.set_visible(labelled and side == 1)
    tick.label2.set_visible(labelled and side == 2)


def _origin(
    ax: Axes, tick: Tick, obstacles: Obstacles, side: int, right_first: bool = False
) -> None:
    """The origin's one "0", in the row of the z labels (``side`` 1: below the z axis, 2:
    above), beside the value axis's line rather than through it: left of it, else right
    (right first with ``right_first``); left out where a curve or text takes both
    spots."""
    label = tick.label1
    size = cast(float, tick.get_pad()) + tick.get_tick_padding()
    gap = mpl.rcParams["xtick.major.pad"] + ax.spines["left"].get_linewidth() / 2
    dy, va = (-size, "top") if side == 1 else (size, "bottom")
    spots = [(-gap, "right"), (gap, "left")]
    for dx, ha in spots[::-1] if right_first else spots:
        text = ax.annotate(
            label.get_text(), (0, 0), xytext=(dx, dy), textcoords="offset points",
            ha=ha, va=va, fontproperties=label.get_fontproperties(),
            color=label.get_color(), gid=ORIGIN, annotation_clip=False,
        )  # fmt: skip
        box = ink_box(text)
        hair = 0.15 * em(ax, "x")  # off the dots by a hair: a ring beside it reads "o0"
        dots = [s for s in obstacles.near(box, hair) if isinstance(s, Stroke) and s.dot]
        if obstacles.clear(box) and not any(s.crosses(box, hair) for s in dots):
            obstacles.boxes.append(box)
            return
        text.remove()


def _origin_off_values(ax: Axes, obstacles: Obstacles) -> None:
    """Move the origin's "0" to the value axis's other side, on its side of the z axis,
    where it reads as a value's label: over a z row above its line less than an em from
    a value label in their column ("0" under "0.5", tanhshrink, celu and silu at 5 x 3.5
    in), or at the height of a value tick on its side (bare: celu's, squareplus's and
    gelu_tanh's half gains read "2, 1.2, 0.4, 0" down the column, the "0" beside the
    tick at -0.4; reader reviews). Where the other side is not clear either, it is left
    out, as where curves take both its spots: the z row reads without it."""
    shown = origin_text(ax)
    if shown is None:
        return
    box = ink_box(shown)
    above = shown.get_verticalalignment() == "bottom"
    column = above and _in_value_column(ax, box)
    if not (column or _beside_value_tick(ax, box)):
        return  # under the line, left of the value axis, it is the post's own origin
    left, side = shown.get_horizontalalignment() == "right", 2 if above else 1
    zero = next(t for t in ax.xaxis.get_major_ticks() if t.get_loc() == 0)
    obstacles.boxes[:] = [b for b in obstacles.boxes if not same_box(b, box)]
    shown.set_gid(None)  # aside while the other side is tried
    shown.set_visible(False)
    _origin(ax, zero, obstacles, side, right_first=left)
    moved = origin_text(ax)
    there = None if moved is None else ink_box(moved)
    if (
        moved is not None
        and there is not None
        and ((above and _in_value_column(ax, there)) or _beside_value_tick(ax, there))
    ):  # left out: the row reads z without it, as where curves take both spots
        obstacles.boxes[:] = [b for b in obstacles.boxes if not same_box(b, there)]
        moved.remove()
        moved = None
    if moved is None and not column and len(tick_labels(ax, "x")) < 3:
        # Beside a tick only, it stays where the row would keep fewer than three labels
        # without it (tanh in a grid at 8.4 x 5 in, 15 pt: -5 and 5).
        shown.set_gid(ORIGIN)
        shown.set_visible(True)
        obstacles.boxes.append(box)
        return
    shown.remove()


def _beside_value_tick(ax: Axes, box: Bbox) -> bool:
    """Whether a value tick other than 0, pointing to ``box``'s side of the value axis,
    stands within the height of ``box`` (the origin's "0"): the "0" reads as its label."""
    line = ax.transData.transform((0.0, 0.0))[0]
    left = (box.x0 + box.x1) / 2 < line
    lo, hi = sorted(ax.get_ylim())
    for loc, tick in zip(ax.yaxis.get_majorticklocs(), ax.yaxis.get_major_ticks(), strict=True):
        mark = tick.tick1line if left else tick.tick2line
        if loc == 0 or not lo <= loc <= hi or not mark.get_visible():
            continue
        if box.y0 <= ax.transData.transform((0.0, loc))[1] <= box.y1:
            return True
    return False


def _in_value_column(ax: Axes, box: Bbox) -> bool:
    """Whether ``box`` stands over or under a value label shown, across its width, less
    than an em from it."""
    gap = em(ax, "y")
    for tick in ax.yaxis.get_major_ticks():
        for label in (tick.label1, tick.label2):
            if not (label.get_visible() and label.get_text()):
                continue
            other = ink_box(label)
            if (
                other.x1 > box.x0
                and box.x1 > other.x0
                and (box.y0 - other.y1 < gap and other.y0 - box.y1 < gap)
            ):
                return True
    return False


def unlabel_row(ax: Axes) -> None:
    """Leave ``ax``'s z ticks bare, plain ones pointing the way they did, and take away
    the origin's "0" standing in their row: a panel of a stack whose z row faced the
    next panel's across the gap between them reads its z from that row."""
    length = float(mpl.rcParams["xtick.major.size"])
    for tick in ax.xaxis.get_major_ticks():
        _turn(tick, 1 if tick.tick1line.get_visible() else 2 if tick.tick2line.get_visible()
              else 0, False)  # fmt: skip
        _reach(tick, length)
    shown = origin_text(ax)
    if shown is not None:
        shown.remove()


def origin_text(ax: Axes) -> Text | None:
    """The origin's "0", if shown."""
    return next((t for t in ax.texts if t.get_gid() == ORIGIN), None)
