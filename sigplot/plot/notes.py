"""Notes (``--annotate`` and tangent slopes), each at the nearest spot where it meets no
curve, mark, axis line or other text, and whose leader line crosses none of them. A note
with no such spot becomes a numbered marker on its curve, its text a key in the legend."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from sigplot._speedups import steady
from sigplot.maths.logistic import FloatArray
from sigplot.plot.axes import origin_text
from sigplot.plot.geometry import (
    Crossing,
    Obstacles,
    Stroke,
    ink_box,
    same_box,
    text_box,
    tick_labels,
    titles,
)

NOTE = "sigplot-note"  # the gid of a note
NUMBER = "sigplot-number"  # the gid of a numbered marker
# A key's handle is a ring and a digit drawn over each other, as the number on the curve.
KEY_HANDLER = {tuple: HandlerTuple(ndivide=1, pad=0.0)}


# Directions around a mark, in sixteenths of a turn, the diagonals first. A note's text
# stands in all but straight right of it: a level leader into the middle of the start
# of its text reads as a minus sign ("-logsigmoid(0) = -0.693", a reader review); 22.5
# degrees off, it meets the text's corner. (Out of the end of a text left of the mark it
# reads as the line to the mark it is.) A circled number takes them all.
_AROUND = (14, 2, 10, 6, 0, 8, 4, 12, 15, 1, 9, 7, 13, 3, 11, 5)
_OFF_LEVEL = tuple(k for k in _AROUND if k != 0)


def _ring(r: float, around: tuple[int, ...] = _OFF_LEVEL) -> list[tuple[float, float, Any, Any]]:
    """Spots at ``r`` points from the mark in the directions ``around``, the text aligned
    to face the mark."""
    out = []
    for k in around:
        a = np.pi * k / 8
        dx, dy = r * float(np.cos(a)), r * float(np.sin(a))
        ha = "left" if dx > 0.3 * r else "right" if dx < -0.3 * r else "center"
        va = "bottom" if dy > 0.3 * r else "top" if dy < -0.3 * r else "center"
        out.append((round(dx, 1), round(dy, 1), ha, va))
    return out


# Where a note's text may go, in points from its mark (dx, dy, ha, va), nearest first;
# past the first ring (within _NEAREST) a leader line joins text and mark.
_NEAREST = 10.0
NOTE_SPOTS: list[tuple[float, float, Any, Any]] = [
    (6, -4, "left", "top"), (6, 4, "left", "bottom"), (-6, -4, "right", "top"),
    (-6, 4, "right", "bottom"), (0, -9, "center", "top"), (0, 9, "center", "bottom"),
    *(spot for r in (16, 22, 28, 36, 44, 54, 64, 76, 88, 102, 116, 132, 150) for spot in _ring(r)),
]  # fmt: skip
# Tried in a sweep's frame where none of those is clear (its legend is fixed, so no number
# can stand in): the rings' spots from 28 points out with the text turned the other way,
# running from the spot back past the mark's side. In the tangent sweep's frames at
# z = 3.3 to 4 the only clear room was between the value axis and the slope's guide,
# below-left of the mark: text facing the mark from there crossed the axis. (Tried in
# still figures too, before a note becomes a number, they cost the 21 functions' figure
# 11% for one note with none clear.)
FLIPPED: list[tuple[float, float, Any, Any]] = [
    (dx, dy, "left" if ha == "right" else "right", va)
    for r in (28, 36, 44, 54, 64, 76, 88, 102, 116, 132, 150)
    for dx, dy, ha, va in _ring(r)
    if ha != "center"
]


def notes_of(ax: Axes) -> list[Annotation]:
    """The notes of a panel, shown or standing in for a number."""
    return [t for t in ax.texts if isinstance(t, Annotation) and t.get_gid() == NOTE]


@dataclass(frozen=True)
class Spot:
    """Where a note may stand: its offset and alignment, its text's box and its leader."""

    where: tuple[float, float, Any, Any]
    box: Bbox
    leader: Path | None


_SPOTS_KEPT = 16  # clear spots kept per note: enough to make room for a legend and others


def clear_spots(
    ax: Axes, obstacles: Obstacles, numbered: set[int] | None = None, keep: int = _SPOTS_KEPT
) -> list[list[Spot]]:
    """For each note of ``ax``, the nearest spots (up to ``keep``) where it meets nothing in
    ``obstacles``: text inside the panel off every curve, mark, axis line and text, its
    leader across no curve or text. Other notes and the legend are not yet counted. The
    notes ``numbered`` (by an earlier layout, for good) are not looked for."""
    # The bands of the tick labels are obstacles: a note between two labels, or a leader
    # across them, reads as one of them.
    obstacles = _others(ax, obstacles)
    bands = label_bands(ax)
    for text in [t for t in ax.texts if t.get_gid() == NUMBER]:  # an earlier layout's
        text.remove()
    notes = notes_of(ax)
    for note in notes:
        note.set_visible(True)
    with steady(ax.figure):
        ax.get_tightbbox()  # places the notes (their offsets hold the layout's last pixels)
    found: list[list[Spot]] = []
    for i, note in enumerate(notes):
        if i in (numbered or set()):
            found.append([])
            continue
        wide = note.get_text()
        spots = _clear_of(ax, note, obstacles, bands, NOTE_SPOTS, keep)
        for shorter in _narrower(wide) if not spots else ():  # more, shorter lines may fit
            note.set_text(shorter)
            spots = _clear_of(ax, note, obstacles, bands, NOTE_SPOTS, keep)
            if spots:
                break
        else:
            note.set_text(wide)  # as it was: a key says it on one line
        found.append(spots)
        move(note, spots[0].where if spots else NOTE_SPOTS[0])
    return found


def _others(ax: Axes, obstacles: Obstacles) -> Obstacles:
    """``obstacles`` less the notes themselves (where an earlier layout or frame left them,
    or their numbers): assign keeps the notes off each other."""
    own = [text_box(t) for t in ax.texts
           if t.get_gid() in (NOTE, NUMBER) and t.get_visible() and t.get_text()]  # fmt: skip
    others = obstacles.copy()
    others.boxes = [b for b in obstacles.boxes if not any(same_box(b, o) for o in own)]
    return others


def _narrower(text: str) -> list[str]:
    """A note's text on more, shorter lines, narrower each time: its longest line broken
    before " at " ("max slope 0.5" over "at z = 1.5"), else before " and " (over "and
    inflection"), while one can be."""
    out: list[str] = []
    lines = text.split("\n")
    while True:
        breakable = [i for i, line in enumerate(lines) if " at " in line or " and " in line]
        if not breakable:
            return out
        i = max(breakable, key=lambda k: len(lines[k]))
        word = " at " if " at " in lines[i] else " and "
        head, _, tail = lines[i].rpartition(word)
        lines[i : i + 1] = [head, word.lstrip() + tail]
        out.append("\n".join(lines))


def _clear_of(
    ax: Axes,
    note: Annotation,
    obstacles: Obstacles,
    bands: list[Bbox],
    candidates: list[tuple[float, float, Any, Any]],
    keep: int = _SPOTS_KEPT,
) -> list[Spot]:
    """The first spots (up to ``keep``) of ``candidates`` where ``note`` meets nothing (see
    :func:`clear_spots`)."""
    spots: list[Spot] = []
    text_box(note)  # sets the note's transform from its mark; only its offset changes below
    dots = _dots_apart(ax, note)
    for where in candidates:
        move(note, where)
        box = Text.get_window_extent(note)
        if (
            ax.bbox.contains(box.x0, box.y0)
            and ax.bbox.contains(box.x1, box.y1)
            and (
                not any(s.crosses(box, 2) for s in obstacles.near(box, 2) + obstacles.spines)
                and not any(box.overlaps(b) for b in obstacles.boxes + obstacles.lines + bands)
            )
        ):
            path = _line(note, box)
            mark = ax.transData.transform(note.xy)
            across = [b for b in bands if not b.contains(*mark)]  # leaving its own band
            if path is None or not (
                _crosses(path, obstacles.near(path.get_extents()), obstacles.boxes + across)
                or _through(path, dots)
            ):
                spots.append(Spot(where, box, path))
                if len(spots) == keep:
                    break
    return spots


def _dots_apart(ax: Axes, note: Annotation) -> list[tuple[float, float, float]]:
    """The dots of ``ax`` (jump dots, notes' marks: markers of one point) apart from
    ``note``'s mark, each (x, y, radius) in pixels: its leader passes through none (at
    the web size gelu''s 2 ran its leader through silu''s peak, marked 4, and read as
    pointing there, a reader review)."""
    scale = ax.figure.dpi / 72
    mark = ax.transData.transform(note.xy)
    out = []
    for line in ax.lines:
        if line.get_visible() and line.get_marker() not in ("None", "none", "", None) and \
                np.size(line.get_xdata()) == 1:  # fmt: skip
            x, y = ax.transData.transform(np.ravel(line.get_xydata()))
            radius = line.get_markersize() * scale / 2
            if np.hypot(x - mark[0], y - mark[1]) > 2 * radius:
                out.append((float(x), float(y), radius))
    return out


def _through(path: Path, dots: list[tuple[float, float, float]]) -> bool:
    """Whether the polyline ``path`` (pixels) passes within a dot's radius of its centre."""
    ends = np.asarray(path.vertices, dtype=float)
    for x, y, radius in dots:
        for a, b in itertools.pairwise(ends):
            step, off = b - a, np.array([x, y]) - a
            t = float(np.clip(np.dot(off, step) / max(float(np.dot(step, step)), 1e-12), 0, 1))
            if float(np.hypot(*(off - t * step))) < radius:
                return True
    return False


def label_bands(ax: Axes) -> list[Bbox]:
    """The columns of the value axis's tick labels, and the rows of the z axis's, one a
    side of the axis line, in pixels: from the line to half an em past the labels, and
    from half an em before the first label to half an em past the last."""
    bands = []
    for k, axis in ((0, ax.yaxis), (1, ax.xaxis)):  # k: the coordinate across the line
        shown = [ink_box(label) for label in tick_labels(ax, axis.axis_name)]
        if not shown:
            continue
        half = float(axis.get_major_ticks()[0].label1.get_fontsize()) / 2
        half *= ax.figure.dpi / 72
        edges = np.array([[b.x0, b.y0, b.x1, b.y1] for b in shown])
        panel = np.array(ax.bbox.extents)
        line = float(np.clip(ax.transData.transform((0.0, 0.0))[k], panel[k], panel[k + 2]))
        for mine in (edges[(edges[:, k] + edges[:, k + 2]) / 2 < line],
                     edges[(edges[:, k] + edges[:, k + 2]) / 2 > line]):  # fmt: skip
            if not len(mine):
                continue
            low, high = mine.min(axis=0) - half, mine.max(axis=0) + half
            band = np.array([low[0], low[1], high[2], high[3]])
            band[k], band[k + 2] = min(line, band[k]), max(line, band[k + 2])
            bands.append(Bbox.from_extents(*band))
    return bands


def _crosses(path: Path, strokes: list[Crossing], boxes: list[Bbox]) -> bool:
    return any(s.meets(path) for s in strokes) or any(
        path.intersects_bbox(b, filled=False) for b in boxes
    )


def assign(choices: list[list[Spot]], taken: list[Bbox]) -> list[Spot | None]:
    """Each note its first spot that meets neither the boxes ``taken`` (a legend) nor the
    notes placed before it (their texts and leaders); None for a note with no such spot."""
    out: list[Spot | None] = []
    boxes = list(taken)
    leaders: list[Path] = []
    for spots in choices:
        pick = next((s for s in spots if not any(s.box.overlaps(b) for b in boxes)
                     and not (s.leader is not None and any(
                         s.leader.intersects_bbox(b, filled=False) for b in boxes))
                     and not any(p.intersects_bbox(s.box, filled=False) for p in leaders)),
                    None)  # fmt: skip
        out.append(pick)
        if pick is not None:
            boxes.append(pick.box)
            if pick.leader is not None:
                leaders.append(pick.leader)
    return out


def numbered_keys(
    ax: Axes, picks: list[Spot | None], background: Any, first: int
) -> list[tuple[Any, str]]:
    """The legend's keys of the notes that ``picks`` leaves without a spot, numbered from
    ``first``, without drawing anything."""
    notes = notes_of(ax)
    keys: list[tuple[Any, str]] = []
    for note, pick in zip(notes, picks, strict=True):
        if pick is None:
            keys.append(_key(note, first + len(keys), background))
    return keys


def apply(
    ax: Axes,
    picks: list[Spot | None],
    background: Any,
    first: int,
    curves: Obstacles | None = None,
    beside: Sequence[Bbox] = (),
    dots: Sequence[Any] = (),
) -> None:
    """Put each note at its pick; a note without one becomes a circled number on its mark
    (numbered from ``first``, as :func:`numbered_keys` keys them), its leader, where it
    has one, across none of the ``curves`` where a spot allows. A panel of a stack gives
    the boxes of the panels ``beside`` it and of their texts, which its numbers keep off:
    mish's, relu's and quick_gelu's slopes numbered 4 and 5 in the lower panel stood on
    the upper panel's z row, over its "1" and over its number 3.
    ``dots``: the jump dots (in pixels), which a number leaves in view, its own mark's
    too (hardswish's slope peaks 1.5 at its jump at 3: its number 1 on the filled dot
    hid which value the jump takes)."""
    n = first
    numbers: list[Bbox] = []
    notes = notes_of(ax)
    marks = [ax.transData.transform(note.xy) for note in notes]
    for note, pick in zip(notes, picks, strict=True):
        if pick is not None:
            move(note, pick.where)
            show_leader(note)
    # the notes placed, the labels, the title and the legend, which a number beside its
    # mark must not cover either ("slope 0.122", then the cell's title, under the tangent
    # sweep's 1; gelu(z - 1.5)'s 2 on its legend), nor cross with its leader (hardshrink's
    # and exponential's gains: hardshrink(2z)'s 2 across the origin's 0)
    placed = [text_box(note) for note, pick in zip(notes, picks, strict=True) if pick]
    placed += [text_box(t) for t in titles(ax)] + [ink_box(t) for t in tick_labels(ax)]
    placed += [ink_box(t) for t in [origin_text(ax)] if t is not None and t.get_visible()]
    placed += [a.get_window_extent() for a in ax.get_children() if isinstance(a, Legend)]
    placed += beside
    lines = [p for note, pick in zip(notes, picks, strict=True)
             if pick and (p := leader(note)) is not None]  # fmt: skip
    for i, (note, pick) in enumerate(zip(notes, picks, strict=True)):
        if pick is None:
            others = [m for j, m in enumerate(marks) if j != i] + list(dots)
            numbers.append(_number(ax, note, n, background, numbers + placed, others, curves,
                                   lines))  # fmt: skip
            n += 1


def place_frame_notes(ax: Axes, obstacles: Obstacles) -> None:
    """A sweep frame's notes (its legend is fixed: no note is numbered), each at its
    nearest clear spot, else at the first with its text turned the other way, else where
    it meets least. The notes placed count as obstacles for the next; where the last
    frame left them does not."""
    # A frame's one note takes its first clear spot (no legend or other note to make room
    # for): finding 16 measured each one's leader, half of a tangent sweep's frame time.
    keep = 1 if len(notes_of(ax)) == 1 else _SPOTS_KEPT
    picks = assign(clear_spots(ax, obstacles, keep=keep), [])
    bands = label_bands(ax)
    others = _others(ax, obstacles)
    for note, pick in zip(notes_of(ax), picks, strict=True):
        if pick is None:
            pick = next(iter(_clear_of(ax, note, others, bands, FLIPPED, keep=1)), None)
        if pick is not None:
            move(note, pick.where)
        else:
            move(note, min(NOTE_SPOTS + FLIPPED,
                           key=lambda where: _cost(ax, note, where, others, bands)))  # fmt: skip
        show_leader(note)
        others.boxes.append(pick.box if pick is not None else text_box(note))


def _cost(ax: Axes, note: Annotation, where: tuple[float, float, Any, Any],
          obstacles: Obstacles, bands: list[Bbox]) -> int:  # fmt: skip
    """How much a note meets at ``where``, its text and its leader (as :func:`_spots`
    counts them): 0 when clear. Its leader counted for nothing: in the tangent sweep's
    frames at z = 3.3 to 4 the slope's note stood left of the value axis, its leader run
    across the axis and through the label "1"."""
    move(note, where)
    box = text_box(note)
    if not (ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1)):
        return 1_000
    hits = sum(s.crosses(box, 2) for s in obstacles.near(box, 2) + obstacles.spines)
    hits += sum(box.overlaps(b) for b in obstacles.boxes + obstacles.lines + bands)
    path = leader(note, placed=True)
    if path is not None:
        mark = ax.transData.transform(note.xy)
        across = [b for b in bands if not b.contains(*mark)]  # leaving its own band
        strokes = obstacles.near(path.get_extents()) + obstacles.spines
        hits += sum(s.meets(path) for s in strokes)
        hits += sum(path.intersects_bbox(b, filled=False) for b in obstacles.boxes + across)
    return hits


LEADER_LEAST = 4.0  # points: a shorter leader shows as a speck, not a line; it is not drawn


def leader(note: Annotation, placed: bool = False) -> Path | None:
    """The leader line drawn from a note's text to its mark, in pixels (matplotlib's own
    arrow: from the text's edge to 5 points short of the mark); None when shorter than
    LEADER_LEAST (the note then stands by its mark without one). ``placed``: the note was
    placed where it stands now (text_box was called since it moved)."""
    if note.get_bbox_patch() is None:  # a note's text: its line, worked out from its box
        return _line(note, Text.get_window_extent(note) if placed else text_box(note))
    arrow = note.arrow_patch
    if arrow is None or float(np.hypot(*note.xyann)) <= _NEAREST:
        return None  # a number on its mark
    if not placed:
        text_box(note)  # places the number, and its arrow clipped at its circle
    return _long_enough(note, np.asarray(arrow.get_path().vertices, dtype=float))


def _long_enough(note: Annotation, ends: FloatArray) -> Path | None:
    least = LEADER_LEAST * note.figure.dpi / 72
    if len(ends) < 2 or float(np.hypot(*(ends[-1] - ends[0]))) < least:
        return None
    return Path(ends)


def _line(note: Annotation, box: Bbox) -> Path | None:
    """The leader matplotlib draws from a note's text at ``box`` to its mark (a straight
    arrow "-": from the box's centre, cut where it leaves the box padded 2 points a side,
    then short by the arrow's shrinkA and shrinkB), worked out directly: matplotlib finds
    each cut by bisection on the curve, which took half the time of placing the notes."""
    if note.arrow_patch is None or float(np.hypot(*note.xyann)) <= _NEAREST:
        return None  # a note of the first ring stands right by its mark
    points = note.figure.dpi / 72
    mark = np.asarray(note.axes.transData.transform(note.xy), dtype=float)  # type: ignore[union-attr]
    start = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    if note.get_text():  # cut at the padded box, unless the mark lies inside it
        half = np.array([box.width / 2, box.height / 2]) + 2 * points
        start = _cut(start, mark, half)
    # The shrinks, as matplotlib's: each leaves the line whole where it is not longer.
    start = _shrunk(start, mark, note.arrow_patch.shrinkA * points)
    mark = _shrunk(mark, start, note.arrow_patch.shrinkB * points)
    return _long_enough(note, np.array([start, mark]))


def _cut(start: FloatArray, end: FloatArray, half: FloatArray) -> FloatArray:
    """Where the segment from ``start`` (a box's centre) leaves the box of half-sides
    ``half``; ``start`` where ``end`` lies inside the box."""
    step = np.abs(end - start)
    if np.all(step <= half):
        return start
    t = float(np.min(half / np.where(step > 0, step, np.nan), initial=np.inf, where=step > 0))
    return start + t * (end - start)


def _shrunk(start: FloatArray, end: FloatArray, by: float) -> FloatArray:
    """``start`` moved ``by`` pixels towards ``end``; unmoved where the segment is not longer."""
    length = float(np.hypot(*(end - start)))
    return start + (end - start) * (by / length) if 0 < by < length else start.copy()


def show_leader(note: Annotation) -> None:
    """Draw ``note``'s leader only where :func:`leader` finds one (long enough to read)."""
    if note.arrow_patch is not None:
        note.arrow_patch.set_visible(leader(note) is not None)


def leader_strokes(ax: Axes) -> list[Stroke]:
    """The leaders of a panel's notes, as strokes a tick label keeps off."""
    paths = [leader(n) for n in notes_of(ax) if n.get_visible()]
    return [Stroke(p, 0.8 * ax.figure.dpi / 72) for p in paths if p is not None]


def move(note: Annotation, spot: tuple[float, float, Any, Any]) -> None:
    """Put ``note`` at ``spot`` from its mark: (dx, dy) points, aligned (ha, va)."""
    dx, dy, ha, va = spot
    note.xyann = (dx, dy)
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)


def _number(
    ax: Axes,
    note: Annotation,
    n: int,
    background: Any,
    others: list[Bbox],
    marks: list[Any],
    curves: Obstacles | None = None,
    leaders: Sequence[Path] = (),
) -> Bbox:
    """Hide ``note``; a circled ``n`` on its mark stands for it, or, where one of
    ``others`` (numbers, notes placed) or another note's mark (``marks``, in pixels)
    already stands there, just beside it with a leader to the mark that crosses no other
    number, nor, where a spot allows, one of the ``curves`` (mish's 3 at its inflection
    ran its leader through the 2 of its slope's peak, found by a random search of
    options; gelu's 3 at its inflection covered the mark of gelu''s peak 5 px below, and
    that note's leader read as ending at the 3, a reader review), nor another dot
    (:func:`_dots_apart`), nor on the ``leaders`` of notes placed (mish's 2 stood on its
    inflection's leader at the web size). Returns its box."""
    color = note.get_color()
    face = "none" if background is None else background
    size = 0.8 * float(note.get_fontsize())
    number = ax.annotate(
        str(n), note.xy, xytext=(0, 0), textcoords="offset points", ha="center",
        va="center", fontsize=size, color=color, zorder=4.6, gid=NUMBER,
        annotation_clip=False, arrowprops={"arrowstyle": "-", "color": color, "lw": 0.8},
        bbox={"boxstyle": "circle,pad=0.2", "facecolor": face, "edgecolor": color, "lw": 1.2},
    )  # fmt: skip
    number.set_in_layout(False)
    note.set_visible(False)
    circle = 0.5 * size * ax.figure.dpi / 72  # the circle reaches past the digit's box
    dots = _dots_apart(ax, note)

    def meets(dx: float, dy: float) -> int:
        """The other numbers it meets, twice each, and those its leader crosses: a number
        stacked on another hides it; a leader across one (a mark under another's number,
        mish's inflection at 0.745 three pixels from its slope's peak) only crosses it.
        Counted in halves: a curve through its circle off its mark counts one half, less
        than its leader across a curve (selu's and leaky_relu's slopes at two gains, at
        the web size: off the curve, the 1's leader crossed selu(2z)'s slope)."""
        number.xyann = (dx, dy)
        box = text_box(number).padded(circle)
        canvas = ax.figure.bbox
        if not canvas.contains(box.x0, box.y0) or not canvas.contains(box.x1, box.y1):
            # more than any spot on the canvas meets: three for each of ``others`` (over
            # it, its leader across it), two for each mark, one for the curves
            return 2 * (3 * len(others) + 2 * len(marks) + 2)
        path = leader(number, placed=True)
        crossed = [path is not None and path.intersects_bbox(b, filled=False) for b in others]
        covered = sum(2 * bool(box.contains(*mark)) for mark in marks)
        covered += 2 * sum(line.intersects_bbox(box, filled=False) for line in leaders)
        if path is not None:  # a leader through a dot reads as pointing there
            covered += 2 * _through(path, dots)
        if path is not None and curves is not None:  # squareplus(z - 0.5)'s slope crossed
            covered += any(s.meets(path) for s in curves.near(path.get_extents()))
        if (dx, dy) != (0.0, 0.0) and curves is not None:
            # Off its mark, on no curve: leaky_relu's 1, beside the origin's dots at 5 x
            # 3.5 in, stood where its line meets its slope's, its leader along the line,
            # and read as marking that crossing (a reader review).
            lines = [s for s in curves.near(box) if not (isinstance(s, Stroke) and s.dot)]
            half = any(s.crosses(box) for s in lines)
        else:
            half = False
        met = sum(2 * box.overlaps(b) + c for b, c in zip(others, crossed, strict=True))
        return 2 * (covered + met) + half

    # On its mark, else on rings two to four times its size out: three marks within a few
    # pixels (sigmoid, softsign and squareplus at z = 0 in a short panel) found no clear
    # spot on the first ring alone and stood on each other.
    spots = [
        (0.0, 0.0),
        *((dx, dy) for r in (3, 4, 5) for dx, dy, _, _ in _ring(r * size, _AROUND)),
    ]
    counts: list[int] = []
    for dx, dy in spots:
        counts.append(meets(dx, dy))
        if counts[-1] == 0:
            break
    else:
        meets(*spots[int(np.argmin(counts))])
    box = text_box(number).padded(circle)
    show_leader(number)
    return box


def _key(note: Annotation, n: int, background: Any) -> tuple[Any, str]:
    """The legend's entry for a note numbered ``n``: its circled number and its text."""
    color, size = note.get_color(), float(note.get_fontsize())
    face = "none" if background is None else background
    ring = Line2D([], [], marker="o", markersize=1.5 * size, markerfacecolor=face,
                  markeredgecolor=color, markeredgewidth=1.2, linestyle="none")  # fmt: skip
    digit = Line2D([], [], marker=f"${n}$", markersize=0.7 * size, color=color,
                   linestyle="none")  # fmt: skip
    # A key's entry is written on one line: a line broken before "at" or "and" (_narrower)
    # joins again as it was, two facts with a comma ("max slope 0.25, at z = 0" read as
    # two facts). The legend breaks it again where one line fits only smaller (_key there).
    text = note.get_text().replace(":\n", ": ")
    lines = text.replace("\nat ", " at ").replace("\nand ", " and ").split("\n")
    # Owners' facts (features.merged: "squareplus: ..." over "tanh: ...") apart with a
    # semicolon: with commas tanh's inflection read as one more fact of a list. (A note
    # of one owner names it on its first line only.)
    owners = any(": " in line for line in lines[1:])
    return (ring, digit), ("; " if owners else ", ").join(lines)
