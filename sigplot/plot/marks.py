"""What sits on the curves: jumps (filled and hollow dots, gaps), finite-difference
checks, tangents with their slope notes, and the marks and zones of ``--annotate``."""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass, replace
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon, Rectangle
from matplotlib.path import Path
from matplotlib.transforms import ScaledTranslation

from sigplot.maths.catalog import CATALOG
from sigplot.maths.errors import SigplotWarning
from sigplot.maths.logistic import FloatArray
from sigplot.plot.axes import line_at
from sigplot.plot.curves import Curve, Curves, Tangent
from sigplot.plot.features import Mark, Zone, number, owned, owner, runs
from sigplot.plot.geometry import COINCIDING, tick_labels
from sigplot.plot.look import halo_effect, on_dark
from sigplot.plot.notes import NOTE
from sigplot.plot.panel import Panel
from sigplot.spec.options import FigureSpec


def draw_fixed_marks(panel: Panel) -> list[Artist]:
    """The marks that sit on the curves (jumps, finite differences); returns their artists."""
    ax, before = panel.ax, set(panel.ax.get_children())
    _draw_jumps(panel)
    if panel.spec.check:
        _draw_checks(panel)
    return [a for a in ax.get_children() if a not in before]


def draw_moving_marks(panel: Panel) -> list[Artist]:
    """The marks that may leave the curves (tangents, the notes and zones of --annotate);
    returns their artists. A tangent shows the slope; it does not stretch the axis."""
    ax, before = panel.ax, set(panel.ax.get_children())
    if panel.content.curves.tangents:
        limits = ax.get_ylim()
        _draw_tangents(panel)
        ax.set_ylim(limits)
    if panel.content.features is not None:
        _draw_features(panel)
    return [a for a in ax.get_children() if a not in before]


ALONE = 0.2  # a curve alone over less than this share of its length needs the entry
# Curves this far apart in direction cross, they do not coincide: solid lines past 5
# degrees (gain-family's sigma(2z) and sigma(5z), 9.5 degrees apart at (0, 1/2), showed a
# dashed piece where they pass through each other), two dashed ones past 10 (their dashes
# meeting at a shallow angle tangle unless they take turns: smooth-relatives-slopes).
CROSSING = (math.radians(5), math.radians(10))
# A flat zone's tint, on a light panel and on a dark one: 8% of a colour over near black
# left two functions' zones 5 apart in CIEDE2000 (review 17: sigmoid-vs-tanh-gradients-dark).
TINT = (0.08, 0.16)


def show_coinciding(panel: Panel) -> None:
    """Where a curve lies within a line width of earlier ones (across the line, on the
    page) and hides them (it is solid, or dashed as they are: gelu_tanh on gelu,
    softplus on relu far from 0) for four widths along or more, the earlier curves are
    drawn again over the later where within half a width, each in one dash of every n of
    its own pattern (solid: dashes two widths long), n the curves that coincide: the
    stretch shows every colour in turn (the three of elu-family for z > 0), each curve
    keeps its line style, and none hides another. The panel keeps every curve that
    takes turns for its legend's entry that says so (a stretch read as a
    dashed curve the legend lacked), and of curves seen mostly in another's gaps
    (_mostly_together)."""
    ax, curves = panel.ax, panel.content.curves
    # On the page, in pixels: each curve's points, and how far apart two curves are
    # across the line (their vertical gap times the cosine of its slope: near 0, tanh
    # and softsign are steep, 10 px apart up and down but 2 px across).
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    sx = max(ax.bbox.width, 1.0) / abs(x1 - x0)
    sy = max(ax.bbox.height, 1.0) / abs(y1 - y0)
    count = len(curves.lines)
    near: dict[tuple[int, int], np.ndarray] = {}
    seen: dict[tuple[int, int], np.ndarray] = {}  # a later curve's gaps show the earlier one
    with np.errstate(invalid="ignore"):
        for j, later in enumerate(curves.lines):
            width = panel.lines[j].get_linewidth() * ax.figure.dpi / 72
            slope = np.gradient(later.values, curves.z) * sy / sx
            across = sy / np.hypot(1.0, slope)
            steps = np.hypot(np.diff(curves.z) * sx, np.diff(later.values) * sy)
            along = np.concatenate([[0.0], np.cumsum(np.nan_to_num(steps))])
            style = panel.lines[j].get_linestyle()
            for i, earlier in enumerate(curves.lines[:j]):
                apart = np.abs(later.values - earlier.values) * across
                # Runs where one covers the other (within a width, for four widths along:
                # shorter shows no colour twice), turns where within half a width:
                # further apart both lines show, as lines that merge.
                dashed = style != "-" and panel.lines[i].get_linestyle() != "-"
                pair = _together(apart < width, along, 4 * width, curves.z,
                                 (earlier.values, later.values), sy / sx,
                                 CROSSING[dashed])  # fmt: skip
                pair &= apart < width / 2
                (near if style in ("-", panel.lines[i].get_linestyle()) else seen)[i, j] = pair
    pairs = _mostly_together(seen, {**near, **seen}, curves)
    for j in range(count):
        # Where a still later curve hides this one, the earlier ones take turns over that.
        hidden = np.zeros(len(curves.z), dtype=bool)
        for k in range(j + 1, count):
            if (j, k) in near:
                hidden |= near[j, k]
        turns = [(i, near[i, j] & ~hidden) for i in range(j) if (i, j) in near]
        turns = [(i, mask) for i, mask in turns if mask.any()]
        if not turns:
            continue
        pairs |= {(i, j) for i, _ in turns}
        members = np.array([mask for _, mask in turns])
        # Each stretch where the same curves coincide takes its own n (elu and celu alone
        # for z < 0 in relu-family, in halves, not in fifths with relu's and leaky_relu's
        # turns shown in celu's colour); each earlier curve's dashes are put in step with
        # the later curve's (keep_in_step, once the layout is final).
        for a, b in runs(np.any(members, axis=0)):
            cut = np.flatnonzero((members[:, a + 1 : b] != members[:, a : b - 1]).any(axis=0))
            for p, q in itertools.pairwise([a, *(a + 1 + cut), b]):
                here = [i for (i, _), on in zip(turns, members[:, p], strict=True) if on]
                for slot, i in enumerate(here):
                    _turn_over(panel, i, j, (curves.z[p], curves.z[q - 1]), len(here) + 1, slot)
    panel.pairs = tuple((panel.lines[i], panel.lines[j]) for i, j in sorted(pairs))


def _mostly_together(
    seen: dict[tuple[int, int], np.ndarray],
    every: dict[tuple[int, int], np.ndarray],
    curves: Curves,
) -> set[tuple[int, int]]:
    """The ``seen`` pairs (one curve shown in the other's gaps) of which one is alone
    over less than ``ALONE`` of its drawn length: the pair reads as one line in both
    colours that the legend lacks (exponential and exponential', one curve over the whole
    range: no solid blue line anywhere). Where each is seen alone for longer (sigma and
    sigma' apart for z > -2.5; the orders' tails, each 29% alone at least) a reader
    finds each entry's line and the tails read as curves that meet."""
    met = np.zeros((len(curves.lines), len(curves.z)), dtype=bool)  # each curve's company
    for (a, b), mask in every.items():
        met[a] |= mask
        met[b] |= mask
    out: set[tuple[int, int]] = set()
    for i, j in (pair for pair, mask in seen.items() if mask.any()):
        for k in (i, j):
            drawn = np.isfinite(curves.lines[k].values)
            if np.count_nonzero(drawn & ~met[k]) < ALONE * np.count_nonzero(drawn):
                out.add((i, j))
    return out


def _turn_over(
    panel: Panel, i: int, j: int, between: tuple[float, float], n: int, slot: int
) -> None:
    """Curve ``i`` drawn over the later curve ``j`` between two z, in one dash of every
    ``n`` of its pattern, the ``slot``-th, along ``j``'s own path: the two lie within half
    a line width there, and dashes on its own path stood off the shared line by up to
    that, each dash a step (hardsigmoid reaching hardtanh's 1, selu beside relu near 0).
    Where they are further apart (up to a width: curves closing in) both lines show, one
    partly under the other, as lines that merge."""
    ax, curves, line = panel.ax, panel.content.curves, panel.lines[i]
    offset, dashes = _one_in(_pattern(line.get_linestyle()), n, slot)
    z, values = broken(curves.z, curves.lines[j])
    for a, b in runs((z >= between[0]) & (z <= between[1])):
        (piece,) = ax.plot(z[a:b], values[a:b], color=line.get_color(),
                           linewidth=line.get_linewidth(), linestyle=(offset, dashes),
                           solid_capstyle="butt", dash_capstyle="butt",
                           zorder=line.get_zorder() + 0.1, label=COINCIDING)  # fmt: skip
        panel.in_step.append((piece, j, offset, dashes, float(z[a])))


def keep_in_step(panel: Panel) -> None:
    """Start each coinciding stretch's dashes where the later curve's own pattern stands
    there, counted along that curve's drawn length from the range's start: a pattern
    counted along the stretch's own line falls on another curve's turn where it joins
    the later one after a longer or shorter path (leaky_relu after relu's flat, elu
    after its bend). Run once the layout is final: lengths on the page change with it."""
    ax, curves = panel.ax, panel.content.curves
    lengths: dict[int, FloatArray] = {}
    for piece, j, offset, dashes, start in panel.in_step:
        if j not in lengths:
            drawn = ax.transData.transform(np.column_stack([curves.z, curves.lines[j].values]))
            steps = np.nan_to_num(np.hypot(*np.diff(drawn, axis=0).T))
            lengths[j] = np.concatenate([[0.0], np.cumsum(steps)]) * 72 / ax.figure.dpi
        unit = piece.get_linewidth() if mpl.rcParams["lines.scale_dashes"] else 1.0
        phase = offset + float(np.interp(start, curves.z, lengths[j])) / unit
        piece.set_linestyle((phase % sum(dashes), dashes))


def _together(
    close: np.ndarray,
    along: FloatArray,
    least: float,
    z: FloatArray,
    values: tuple[FloatArray, FloatArray],
    aspect: float,
    crossing: float,
) -> np.ndarray:
    """``close`` (two curves within a line width) without the runs where they do not
    run together: shorter than ``least`` pixels ``along`` the later curve, or met at a
    crossing, their directions on the page apart by more than ``crossing`` radians in
    most of the run (hardtanh and hardswish at 0, 18 degrees apart: a piece of one drawn
    over the other there showed as a notch). ``aspect``: a slope of 1 as drawn on the page."""
    out = np.zeros_like(close)
    for a, b in runs(close):
        if b - a < 3 or along[b - 1] - along[a] < least:
            continue
        gap = values[1][a:b] - values[0][a:b]
        if np.nanmin(gap) < 0 < np.nanmax(gap):  # only where they cross is it looked at
            angles = [np.arctan(np.gradient(v[a:b], z[a:b]) * aspect) for v in values]
            if np.nanmedian(np.abs(angles[1] - angles[0])) > crossing:
                continue
        out[a:b] = True
    return out


def _pattern(style: Any) -> list[float]:
    """A line style's dashes and gaps, in line widths (matplotlib's own for "--", ":",
    "-."); a solid line as dashes two widths long."""
    named = {"--": mpl.rcParams["lines.dashed_pattern"], ":": mpl.rcParams["lines.dotted_pattern"],
             "-.": mpl.rcParams["lines.dashdot_pattern"]}  # fmt: skip
    if isinstance(style, tuple):
        return [float(x) for x in style[1]]
    if style in named:
        return [float(x) for x in named[style]]
    return [2.0, 0.0]


def _one_in(seq: list[float], n: int, slot: int) -> tuple[float, tuple[float, ...]]:
    """A dash pattern (offset, dashes) that draws one dash of every ``n`` of ``seq``, the
    ``slot``-th of each group (the rest a gap): ``n - 1`` curves so drawn over one drawn in
    ``seq`` itself show the ``n`` colours in turn, the last curve's in the last slot."""
    pairs = list(zip(seq[::2], seq[1::2], strict=True))
    pairs = pairs * (n // math.gcd(len(pairs), n))  # whole groups of n dashes
    out: list[float] = []
    for g in range(0, len(pairs), n):
        group = pairs[g : g + n]
        rest = pairs[g + n : g + n + slot] if g + n < len(pairs) else pairs[:slot]
        on, off = group[slot]
        out += [on, off + sum(a + b for a, b in group[slot + 1 :]) + sum(a + b for a, b in rest)]
    lead = sum(a + b for a, b in pairs[:slot])
    return (sum(out) - lead) % sum(out), tuple(out)


def broken(z: FloatArray, curve: Curve) -> tuple[FloatArray, FloatArray]:
    """The curve with a gap at each jump: it ends at its left limit, starts again at its
    right one, and no stroke joins the two (a grid point right on a jump is dropped). At
    an end of the range the curve stops at the limit from inside."""
    if not curve.jumps:
        return z, curve.values
    keep = np.ones(len(z), dtype=bool)
    for jump in curve.jumps:
        keep &= z != jump.z
    zs, vs, ranks = [z[keep]], [curve.values[keep]], [np.zeros(int(keep.sum()))]
    for jump in curve.jumps:
        if jump.z <= z[0]:
            sides = [jump.right]
        elif jump.z >= z[-1]:
            sides = [jump.left]
        else:
            sides = [jump.left, np.nan, jump.right]
        zs.append(np.full(len(sides), jump.z))
        vs.append(np.array(sides, dtype=np.float64))
        ranks.append(np.arange(len(sides), dtype=np.float64))
    z_all, v_all, rank = np.concatenate(zs), np.concatenate(vs), np.concatenate(ranks)
    order = np.lexsort((rank, z_all))
    return z_all[order], v_all[order]


def _draw_tangents(panel: Panel) -> None:
    """--tangent: on each function, the point (z0, f(z0)) and its tangent line, labelled
    with the slope; where f' is drawn in the same panel, (z0, f'(z0)) too, joined to the
    point by a dotted guide, so the reader sees that the derivative's height is the
    tangent's slope."""
    ax, spec, curves = panel.ax, panel.spec, panel.content.curves
    looks, background = panel.content.looks, panel.background
    for t in curves.tangents:
        on_f = _member(curves, t, 0)
        any_order = next(i for i, c in enumerate(curves.lines)
                         if (c.function, c.gain) == (t.function, t.gain))  # fmt: skip
        color = looks[on_f if on_f is not None else any_order].color
        line, *guide = tangent_strokes(spec, t, ax.get_ylim(), curves)
        ax.plot(*line, color=color, linewidth=1.5, zorder=3.5, label="_tangent")
        _mark(ax, t.z, t.value, color, background)
        note_at(ax, spec, f"slope {number(t.slope)}", (t.z, t.value), color, background)
        for z, y in guide:
            ax.plot(z, y, color=color, linestyle=":", linewidth=1.2, zorder=3.5, label="_guide")
        if _member(curves, t, 1) is not None:
            _mark(ax, t.z, t.slope, color, background)


def _member(curves: Curves, t: Tangent, order: int) -> int | None:
    """The index in ``curves`` of the tangent's function (at its gain) at ``order``, if
    drawn."""
    wanted = (t.function, t.gain, order)
    return next((i for i, c in enumerate(curves.lines) if (c.function, c.gain, c.order) == wanted),
                None)  # fmt: skip


def tangent_strokes(
    spec: FigureSpec, t: Tangent, within: tuple[float, float] | None, curves: Curves
) -> list[tuple[FloatArray, FloatArray]]:
    """What a tangent draws as lines: its line (:func:`tangent_line`) and, where its
    function's derivative is drawn, the dotted guide from its point down to its slope,
    unless the value axis's line joins the two points (at z = 0, a dotted line over the
    axis line read as a smudge on it; at a range's end where the line stands at that
    edge). A sweep's other frames keep the labels off both (:mod:`sigplot.plot.swept`)."""
    strokes = [tangent_line(spec, t, within, curves)]
    lo, hi = spec.range
    on_axis = abs(t.z - line_at(lo, hi)) <= 0.004 * (hi - lo)  # within 2-3 px of the line
    if _member(curves, t, 1) is not None and not on_axis:
        strokes.append((np.array([t.z, t.z]), np.array([t.value, t.slope])))
    return strokes


def tangent_line(
    spec: FigureSpec,
    t: Tangent,
    within: tuple[float, float] | None = None,
    curves: Curves | None = None,
) -> tuple[FloatArray, FloatArray]:
    """The ends of a tangent's line: 18% of the range either side of its point, the
    range's ends cutting it as they cut the curves. Given the value axis's limits
    (``within``), it is shortened evenly on both sides to end 3% of the height inside
    them (halfway to them for a point nearer): cut flat by the panel's top it read as
    clipped, its other end in mid-air. Where the curve it touches (among ``curves``)
    keeps to one side of the z axis, the line ends on the axis rather than cross it: a
    tangent to σ at z = -4 ran on under the axis, where no curve goes, and in a tangent
    sweep, whose z labels keep off every frame's tangent, the labels split above and
    below the axis (the README's top figure)."""
    lo, hi = spec.range
    half = 0.18 * (hi - lo)
    if within is not None and t.slope != 0:
        bottom, top = sorted(within)
        room = max(min(top - t.value, t.value - bottom), 0.0)
        half = min(half, max(room - 0.03 * (top - bottom), room / 2) / abs(t.slope))
    z = np.array([max(lo, t.z - half), min(hi, t.z + half)])
    if curves is not None and t.slope != 0 and _one_side(curves, t):
        root = t.z - t.value / t.slope  # where the line meets the z axis
        z = np.array([max(z[0], root), z[1]]) if root < t.z else np.array([z[0], min(z[1], root)])
    return z, t.value + t.slope * (z - t.z)


def _one_side(curves: Curves, t: Tangent) -> bool:
    """Whether the function a tangent touches stays on one side of the z axis over the
    range (sigmoid, relu: never below it), as drawn in ``curves``."""
    on_f = _member(curves, t, 0)
    if on_f is None:
        return False
    values = curves.lines[on_f].values
    seen = values[np.isfinite(values)]
    return bool(seen.size) and bool((seen >= 0).all() or (seen <= 0).all())


def _mark(ax: Axes, z: float, y: float, color: str, background: Any) -> None:
    """A point on a curve (a note's mark, a tangent's point), ringed in the background."""
    ax.plot([z], [y], marker="o", markersize=7, color=color, linestyle="none",
            markeredgecolor=background or color, zorder=4, label="_mark",
            clip_on=False)  # fmt: skip


def note_at(
    ax: Axes, spec: FigureSpec, text: str, at: tuple[float, float], color: str, background: Any
) -> None:
    """A note by a mark, in the curve's colour; place_notes moves it clear of everything
    once the layout is final (with a short leader line when it had to go further)."""
    leader = {"arrowstyle": "-", "color": color, "lw": 0.8, "shrinkA": 1, "shrinkB": 5}
    note = ax.annotate(text, at, xytext=(6, -4), textcoords="offset points", ha="left",
                       va="top", fontsize=0.9 * spec.fontsize, color=color, zorder=4, gid=NOTE,
                       path_effects=halo_effect(background, 3), arrowprops=leader,
                       annotation_clip=False)  # fmt: skip
    note.set_in_layout(False)  # it stands inside the panel, where the layout leaves it


@dataclass(frozen=True)
class _Dot:
    z: float
    y: float
    color: str
    filled: bool
    side: int  # the branch whose end it marks: -1 the left, 1 the right
    line: int | None = None  # a note's point: the curve it stands on


DOT = 6.0  # a jump's dot, in points across
SHARED = 1.0  # a dot shared by coinciding jump points, cut into sectors: times a hollow dot
# (no larger: an em across at 15 pt, twice a filled dot, it read as another kind of mark)
EDGE = 1.5  # a hollow dot's ring, in points
# How far a line threaded through a ring reaches past its outline, in points: a point, and
# one more for the pixels its edge rounds to (1 left a crossing curve's pixel at the edge).
THREAD = 2.0
DOTS_LABEL = "filled: value taken, open: not"  # the jump dots' key in a legend
# ... and where the legend names its curves without formulas (the web size): the two dots
# in their order, fewer words, so that the key fits inside the panel beside short names.
DOTS_BRIEF = "value taken / not"
JUMP = "_jump"  # the label of a jump's dot, or of a shared dot's sector
# Over the notes' marks (4): --annotate's relu(0) = 0 hid the slope's filled dot at (0, 0).
DOTS_Z = 4.2
CHECK = "sigplot-check"  # the gid of the finite differences' circles
ZONE = "sigplot-zone"  # the gid of a tinted zone of --annotate


def _draw_jumps(panel: Panel) -> None:
    """At a jump, a filled dot where the curve takes its value, a hollow one where not.
    Dots that coincide share one dot the size of a hollow one, cut into equal sectors,
    one a curve in its colour, each filled or hollow as its own dot would be: no ring
    around another. A
    hollow dot on a curve that runs on through it is a bead threaded on that line: the
    line drawn over the whole ring, unbroken, so it reads "the function goes on here, the
    derivative's value is not taken", never a hole in the function."""
    ax = panel.ax
    dots = _jump_points(panel)
    dots += _notes_on_dots(panel, dots)
    groups: list[list[_Dot]] = []
    for dot in dots:
        group = next((g for g in groups if _together_at(ax, g[0], dot)), None)
        if group is None:
            groups.append([dot])
        else:
            group.append(dot)
    face = "none" if panel.background is None else panel.background
    shared = SHARED * (DOT + EDGE)
    for group in groups:
        if len(group) == 1 and group[0].filled:
            (dot,) = group
            ax.plot([dot.z], [dot.y], marker="o", markersize=DOT, color=dot.color,
                    linestyle="none", zorder=DOTS_Z, label=JUMP, clip_on=False)  # fmt: skip
            continue
        size = shared if len(group) > 1 else DOT + EDGE
        # A shared dot stands where its points stand on average: its sectors, each at its
        # own point, were broken half dots where the points stood a few pixels apart
        # (hardshrink(2z)' and hardshrink(3z)' take 0 at z = -1/4 and -1/6).
        middle = np.mean([(d.z, d.y) for d in group], axis=0)
        centre = replace(group[0], z=float(middle[0]), y=float(middle[1]))
        # A note's curve, a part of the dot (its filled sector marks the note's point), is
        # not threaded: over the dot it hid the others' parts (relu over relu''s dot at the
        # origin), and a hollow sector's (threshold's at the origin, hard_silu's note on
        # it: the dot read as threshold taking 0 there, a reader review).
        own = {d.line for d in group if d.line is not None}  # parts of the dot: not threaded
        through = _through(panel, centre, (size + EDGE) / 2, [d.z for d in group], own)
        if len(group) > 1:
            # Each sector on the side of the branch it ends, the left's from the top
            # round the left: threshold's f' takes 0 from the left at (0, 0), where f's
            # right branch starts (review 16: the halves stood on the wrong sides).
            for k, dot in enumerate(sorted(group, key=lambda d: d.side)):
                turn = 360 / len(group)
                sector = Path.wedge(90 + k * turn, 90 + (k + 1) * turn)
                ax.plot([centre.z], [centre.y], marker=sector, markersize=size,
                        markerfacecolor=dot.color if dot.filled else face,
                        markeredgecolor=dot.color, markeredgewidth=EDGE, linestyle="none",
                        zorder=DOTS_Z, label=JUMP, clip_on=False)  # fmt: skip
        else:
            (dot,) = group
            ax.plot([dot.z], [dot.y], marker="o", markersize=size, markerfacecolor=face,
                    markeredgecolor=dot.color, markeredgewidth=EDGE, linestyle="none",
                    zorder=DOTS_Z, label=JUMP, clip_on=False)  # fmt: skip
        for line in through:
            # A curve that runs on through the dot is drawn over it, across its inside and
            # its outline: unbroken, the ring a bead threaded on it, not a hole in it.
            stretch, = ax.plot(*line.get_data(), color=line.get_color(),
                               linewidth=line.get_linewidth(), solid_capstyle="butt",
                               zorder=4.5, label="_through")  # fmt: skip
            stretch.set_clip_path(_around(ax, centre, (size + EDGE) / 2 + THREAD))
            stretch.set_in_layout(False)  # within its dot, which the layout counts


def _jump_points(panel: Panel) -> list[_Dot]:
    """Every jump's dots: filled where the curve takes its value, on the side of the
    branch whose limit it is (neither's: sparse_sigmoid' takes 1/4 at +-1 between 1/2 and
    0); hollow at each limit not taken."""
    curves, dots = panel.content.curves, []
    for curve, look in zip(curves.lines, panel.content.looks, strict=True):
        for jump in curve.jumps:
            hollow = jump.apart(curves.z[0], curves.z[-1])
            taken = [side for _, side in jump.ends(curves.z[0], curves.z[-1])
                     if side not in (s for _, s in hollow)]  # fmt: skip
            dots.append(_Dot(jump.z, jump.value, look.color, True, taken[0] if taken else 0))
            dots += [_Dot(jump.z, limit, look.color, False, side) for limit, side in hollow]
    return dots


def _together_at(ax: Axes, a: _Dot, b: _Dot) -> bool:
    """Whether dots at ``a`` and ``b`` stand as one: within a hundredth of the z axis and
    a 67th of the value axis."""
    (z0, z1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    return abs(a.z - b.z) <= 0.01 * abs(z1 - z0) and abs(a.y - b.y) <= 0.015 * abs(y1 - y0)


def _note_colour(panel: Panel, m: Mark) -> str:
    """A note's colour: its curve's, or the text's where several curves' facts share the
    point (tanh's inflection was told in gelu's blue, a reader review)."""
    return str(mpl.rcParams["text.color"]) if m.named else panel.content.looks[m.line].color


def _notes_on_dots(panel: Panel, dots: list[_Dot]) -> list[_Dot]:
    """The points of --annotate's notes that stand on another curve's jump dot, each a
    filled part of the dot they share (relu(0) = 0 on relu''s filled dot at the origin:
    its mark, under the dot, was hidden, and the note pointed at the slope's dot). Not in
    a sweep, whose notes are drawn again in each frame."""
    found = panel.content.features
    if found is None or panel.moving:
        return []
    points = [_Dot(m.z, m.y, _note_colour(panel, m), True, 0, m.line)
              for m in found.marks if not _on_own_jump(panel, m)]  # fmt: skip
    return [p for p in points if any(_together_at(panel.ax, p, d) for d in dots)]


def _on_own_jump(panel: Panel, m: Mark) -> bool:
    """Whether a note's point is its own curve's value taken at a jump (selu' peaks at 0,
    at the value it takes there): the jump's filled dot marks it already."""
    (z0, z1), curve = panel.spec.range, panel.content.curves.lines[m.line]
    tol = 1e-9 * max(abs(z1 - z0), abs(m.y), 1.0)
    return any(abs(j.z - m.z) <= tol and abs(j.value - m.y) <= tol for j in curve.jumps)


def _around(ax: Axes, dot: _Dot, radius: float) -> Circle:
    """A disc of ``radius`` points around ``dot``, as a clip path that follows the dot when
    the layout moves the panel."""
    at = ScaledTranslation(dot.z, dot.y, ax.transData)  # type: ignore[arg-type]
    return Circle((0.0, 0.0), radius / 72, transform=ax.figure.dpi_scale_trans + at)


def _through(
    panel: Panel, dot: _Dot, reach: float, points: list[float], own: set[int]
) -> list[Line2D]:
    """The curves whose strokes meet a dot ``reach`` points across from ``dot`` and run on
    unbroken there (relu where relu' jumps; prelu's corner beside prelu''s ring on a small
    panel), not those that jump at one of the dot's ``points`` (its own) nor the curves
    ``own`` whose notes' points are parts of it: for each, its stretch across the dot, as
    a line not yet drawn."""
    ax, curves = panel.ax, panel.content.curves
    z0, z1 = ax.get_xlim()
    px = ax.figure.dpi / 72
    across = (reach + THREAD) * px / max(ax.bbox.width, 1.0) * abs(z1 - z0)
    centre = ax.transData.transform((dot.z, dot.y))
    out = []
    for k, (curve, line) in enumerate(zip(curves.lines, panel.lines, strict=True)):
        if k in own or any(
            abs(j.z - z) <= 1e-9 * abs(z1 - z0) for j in curve.jumps for z in points
        ):
            continue
        near = np.abs(curves.z - dot.z) <= across
        for jump in curve.jumps:  # its stretch on the dot's side of a jump near it, which
            # it would join up with a stroke (hardshrink(3z)' at -1/6, beside the dot
            # hardshrink(2z)' shares with it at -1/4)
            near &= curves.z < jump.z if jump.z > dot.z else curves.z > jump.z
        values = curve.values[near]
        if not near.any() or not np.isfinite(values).all():
            continue
        drawn = ax.transData.transform(np.column_stack([curves.z[near], values]))
        gap = float(np.min(np.hypot(*(drawn - centre).T)))
        if gap > (reach + line.get_linewidth() / 2) * px:
            continue
        out.append(Line2D(curves.z[near], values, color=line.get_color(),
                          linewidth=line.get_linewidth()))  # fmt: skip
    return out


def _draw_checks(panel: Panel) -> None:
    """Finite differences as markers on their analytic derivative curves."""
    ax, curves = panel.ax, panel.content.curves
    worst = curves.max_check_difference
    mantissa, power = f"{worst:.1e}".split("e")  # 4.5 x 10^-12, as a reader writes it
    shown = f"{worst:.2g}" if -3 <= int(power) <= 2 else rf"${mantissa} \times 10^{{{int(power)}}}$"
    text = f"finite differences (max |Δ| = {shown})"
    for curve, look in zip(curves.lines, panel.content.looks, strict=True):
        if curve.check is not None:
            ax.plot(curve.check.z, curve.check.finite_difference, linestyle="none", marker="o",
                    markersize=5, markerfacecolor="none", markeredgecolor=look.color,
                    markeredgewidth=1.2, label=text, zorder=3, gid=CHECK)  # fmt: skip
            text = "_nolegend_"


def thin_checks(panel: Panel) -> None:
    """Leave out each finite-difference ring that would overlap one already kept, taking
    the rings of every checked curve in turn along z, once the layout is final: where
    the checked curves run together (the orders' tails near 0) their rings, staggered a
    share of the spacing apart, stood in a chain each over the next (review 23); now
    they stand in single file, the curves' colours in turn, and where the curves part
    every ring shows. The legend's largest difference counts every point checked."""
    ax = panel.ax
    rings = [line for line in ax.lines if line.get_gid() == CHECK]
    if not rings:
        return
    width = (rings[0].get_markersize() + rings[0].get_markeredgewidth()) * ax.figure.dpi / 72
    drawn = [ax.transData.transform(np.column_stack(line.get_data())) for line in rings]
    points = [(xy, k, i) for k, at in enumerate(drawn) for i, xy in enumerate(at)]
    points.sort(key=lambda p: (float(p[0][0]), p[1]))
    kept: list[tuple[np.ndarray, int, int]] = []
    for point in points:
        for other in reversed(kept):  # along z: past a ring's width back, none is nearer
            if point[0][0] - other[0][0] >= width:
                kept.append(point)
                break
            if np.hypot(*(point[0] - other[0])) < width:
                break
        else:
            kept.append(point)
    for k, line in enumerate(rings):
        z, y = (np.asarray(d, dtype=float) for d in line.get_data())
        mine = sorted(i for _, j, i in kept if j == k)
        line.set_data(z[mine], y[mine])


class Dots(tuple[Line2D, Line2D]):
    """The legend's key to the jump dots, a filled one beside a hollow one: an aid the
    legend drops first where room is short."""


def dots_key() -> Dots:
    """The key to a panel's jump dots: a filled and a hollow dot in the text's colour, as
    the dots are in each curve's (a shared dot's sectors are each filled or hollow)."""
    colour = mpl.rcParams["text.color"]
    filled = Line2D([], [], linestyle="none", marker="o", markersize=DOT, color=colour)
    hollow = Line2D([], [], linestyle="none", marker="o", markersize=DOT + EDGE,
                    markerfacecolor="none", markeredgecolor=colour,
                    markeredgewidth=EDGE)  # fmt: skip
    return Dots((filled, hollow))


def has_dots(ax: Axes) -> bool:
    """Whether ``ax`` shows jump dots."""
    return any(line.get_label() == JUMP for line in ax.lines)


def jump_dots(ax: Axes) -> list[Any]:
    """Where ``ax``'s jump dots stand, in pixels."""
    return [xy for line in ax.lines if line.get_label() == JUMP
            for xy in ax.transData.transform(np.asarray(line.get_xydata()))]  # fmt: skip


def check_key() -> Line2D:
    """The legend's circle for the finite differences: hollow, in the text's colour, as the
    circles are on every checked curve, each in that curve's colour."""
    return Line2D([], [], linestyle="none", marker="o", markersize=5, markerfacecolor="none",
                  markeredgecolor=mpl.rcParams["text.color"], markeredgewidth=1.2)  # fmt: skip


def _draw_features(panel: Panel) -> None:
    """The marks and shaded vanishing-gradient zones of --annotate (see features.py)."""
    ax, spec, curves = panel.ax, panel.spec, panel.content.curves
    found, looks, background = panel.content.features, panel.content.looks, panel.background
    assert found is not None
    if found.unmarked and panel.content.warns:
        lo, hi = spec.range
        warnings.warn(
            f"annotate: nothing to mark for {', '.join(found.unmarked)} on [{lo:g}, {hi:g}]; "
            "drawn without marks",
            SigplotWarning,
            stacklevel=4,
        )
    shared = _notes_on_dots(panel, _jump_points(panel))
    for m in found.marks:
        color = _note_colour(panel, m)
        # At a jump the filled dot of the value taken marks the point already: a second
        # dot on it would cover it. A point on another curve's jump dot is a part of that
        # dot (_notes_on_dots).
        if not _on_own_jump(panel, m) and not any(d.z == m.z and d.y == m.y for d in shared):
            _mark(ax, m.z, m.y, color, background)
        alone = len(spec.functions) == len(spec.gain) == 1
        text = m.text if alone or m.named else owned(m.owner, m.text)
        note_at(ax, spec, text, (m.z, m.y), color, background)
    # Each function's zones in its own colour, named in the legend when there are several:
    # where zones of several overlap, one tint, theirs laid over each other, named for all.
    # Several in the figure, not the panel: a stack's panel of one member's curves took the
    # preset's grey (exponential(2z)'s zone, named in its brown in the stack's legend).
    several = len(spec.functions) * len(spec.gain) > 1
    named: set[str] = set()
    for lo, hi, members in _overlaps(found.zones):
        lines = [next(i for i, c in enumerate(curves.lines) if (c.function, c.gain) == m)
                 for m in members]  # fmt: skip
        colours = [looks[i].color for i in lines] if several else [panel.content.preset.shade]
        tint, alpha = _over(colours, TINT[on_dark(ax)])
        words = ", ".join(owner(function, gain, spec, CATALOG[function].words)
                          for function, gain in members)  # fmt: skip
        # One function: its own symbol, as its legend entries and notes name it.
        f = "f" if several or members[0][1] != 1 else CATALOG[members[0][0]].symbol
        label = f"$|{f}'| < 1\\%$ of max" + (f" ({words})" if several else "")
        if label in named:
            label = "_nolegend_"
        named.add(label)
        # Under the curves, marks and texts, as rrelu's band: over them it shifted each
        # curve's shade where it crossed (a review: sigma' on dark); the texts on it lose
        # their halo, which cut holes in it (details.bare_on_tints).
        ax.axvspan(lo, hi, color=tint, alpha=alpha, linewidth=0, label=label, gid=ZONE,
                   zorder=1.5)  # fmt: skip


def zones(ax: Axes) -> list[Any]:
    """The tinted flat zones of --annotate drawn in ``ax`` (rectangles; polygons before
    matplotlib 3.9)."""
    return [p for p in ax.patches if p.get_gid() == ZONE]


def trim_zones(ax: Axes) -> None:
    """End each flat zone's tint at the labels that the panel's bottom or top edge runs
    through (the z labels under an axis at the panel's foot: review 17, the tint's edge
    cut through the tops of shifted's -6, -4 and -2): the tint stops just past them, on
    the panel's side. Called once the layout is final."""
    tints = zones(ax)
    if not tints:
        return
    texts = tick_labels(ax) + [t for t in ax.texts if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent() for t in texts]
    panel = ax.bbox
    for zone in tints:
        x0, x1 = zone.get_window_extent().intervalx
        cut = [b for b in boxes if b.x1 > x0 and b.x0 < x1]
        low = max((b.y1 for b in cut if b.y0 < panel.y0 < b.y1), default=panel.y0)
        high = min((b.y0 for b in cut if b.y0 < panel.y1 < b.y1), default=panel.y1)
        a, b = ((y - panel.y0) / panel.height for y in (low, high))
        if isinstance(zone, Rectangle):  # matplotlib 3.9 on
            zone.set_y(a)
            zone.set_height(b - a)
        elif isinstance(zone, Polygon):  # matplotlib 3.8: its corners at 0 and 1 of the height
            xy = np.asarray(zone.get_xy(), dtype=float)
            xy[:, 1] = np.where(xy[:, 1] < 0.5, a, b)
            zone.set_xy(xy)


def _overlaps(zones: tuple[Zone, ...]) -> list[tuple[float, float, list[tuple[str, float]]]]:
    """The z-intervals the zones cover, each with the functions (and gains) whose zones
    cover it, in the zones' order; neighbouring intervals of the same functions joined."""
    edges = sorted({x for zone in zones for x in (zone.lo, zone.hi)})
    out: list[tuple[float, float, list[tuple[str, float]]]] = []
    for lo, hi in itertools.pairwise(edges):
        mid = (lo + hi) / 2
        members: list[tuple[str, float]] = []
        for zone in zones:
            if zone.lo <= mid <= zone.hi and (zone.function, zone.gain) not in members:
                members.append((zone.function, zone.gain))
        if not members:
            continue
        if out and out[-1][1] == lo and out[-1][2] == members:
            out[-1] = (out[-1][0], hi, members)
        else:
            out.append((lo, hi, members))
    return out


def _over(colours: list[str], alpha: float) -> tuple[tuple[float, float, float], float]:
    """One colour and alpha that look as ``colours``, each at ``alpha``, laid over each
    other in order (the "over" operator, on any background)."""
    paint, cover = np.zeros(3), 0.0
    for colour in colours:
        paint = np.asarray(mpl.colors.to_rgb(colour)) * alpha + paint * (1 - alpha)
        cover = alpha + cover * (1 - alpha)
    r, g, b = (float(v) for v in paint / cover)
    return (r, g, b), cover
