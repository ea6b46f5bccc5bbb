"""Notes (``--annotate`` and tangent slopes), each at the nearest spot where it meets no
curve, mark, axis line or other text, and whose leader line crosses none of them. A note
with no such spot becomes a numbered marker on its curve, its text a key in the legend."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from sigplot._speedups.tick_cache import steady_ticks
from sigplot.plot.geometry import Obstacles, Stroke, text_box

NOTE = "sigplot-note"  # the gid of a note
NUMBER = "sigplot-number"  # the gid of a numbered marker


def _ring(r: float) -> list[tuple[float, float, Any, Any]]:
    """Spots at ``r`` points from the mark in sixteen directions, the text aligned to face
    the mark."""
    out = []
    for k in (14, 2, 10, 6, 0, 8, 4, 12, 15, 1, 9, 7, 13, 3, 11, 5):  # the diagonals first
        a = np.pi * k / 8
        dx, dy = r * float(np.cos(a)), r * float(np.sin(a))
        ha = "left" if dx > 0.3 * r else "right" if dx < -0.3 * r else "center"
        va = "bottom" if dy > 0.3 * r else "top" if dy < -0.3 * r else "center"
        out.append((round(dx, 1), round(dy, 1), ha, va))
    return out


# Where a note's text may go, in points from its mark (dx, dy, ha, va), nearest first;
# past the first ring a leader line joins text and mark.
NOTE_SPOTS: list[tuple[float, float, Any, Any]] = [
    (6, -4, "left", "top"), (6, 4, "left", "bottom"), (-6, -4, "right", "top"),
    (-6, 4, "right", "bottom"), (0, -9, "center", "top"), (0, 9, "center", "bottom"),
    *(spot for r in (16, 22, 28, 36, 44, 54, 64, 76, 88, 102, 116, 132, 150) for spot in _ring(r)),
]  # fmt: skip


def notes_of(ax: Axes) -> list[Annotation]:
    return [t for t in ax.texts if isinstance(t, Annotation) and t.get_gid() == NOTE]


def place_notes(
    ax: Axes, obstacles: Obstacles, background: Any, numbered: bool = True, first: int = 1
) -> list[tuple[Any, str]]:
    """Each note at the nearest clear spot (its box joins ``obstacles``). A note with none
    becomes a numbered marker on its curve when ``numbered`` (from ``first`` on), else (a
    frame of a sweep, whose legend is fixed) goes where it meets least. Returns the
    legend's keys for the numbered notes: (handle, text)."""
    for text in [t for t in ax.texts if t.get_gid() == NUMBER]:  # an earlier layout's
        text.remove()
    notes = notes_of(ax)
    if not notes:
        return []
    for note in notes:
        note.set_visible(True)
    with steady_ticks():
        ax.get_tightbbox()  # places the notes (their offsets hold the layout's last pixels)
    keys = []
    for note in notes:
        best: tuple[int, tuple[float, float, Any, Any]] = (10_000, NOTE_SPOTS[0])
        for spot in NOTE_SPOTS:
            _move(note, spot)
            best = min(best, (_cost(ax, note, obstacles), spot), key=lambda c: c[0])
            if best[0] == 0:
                break
        if best[0] and numbered:
            keys.append(_number(ax, note, first + len(keys), background, obstacles))
            continue
        _move(note, best[1])
        obstacles.boxes.append(text_box(note))
    return keys


def _cost(ax: Axes, note: Annotation, obstacles: Obstacles) -> int:
    """How much a note meets where it stands: 0 when clear."""
    box = text_box(note)  # the text alone, not its leader line
    if not (ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1)):
        return 1_000
    hits = sum(s.crosses(box, 2) for s in obstacles.strokes + obstacles.spines)
    hits += sum(box.overlaps(b) for b in obstacles.boxes)
    return hits + _leader_hits(note, box, obstacles)


def leader(note: Annotation) -> Path | None:
    """The leader line drawn from a note's text to its mark, in pixels (matplotlib's own
    arrow: from the text's edge to 5 points short of the mark); None when too short to
    show."""
    text_box(note)  # places the note, and its arrow
    arrow = note.arrow_patch
    if arrow is None:
        return None
    path = arrow.get_path()
    ends = np.asarray(path.vertices, dtype=float)
    if len(ends) < 2 or float(np.hypot(*(ends[-1] - ends[0]))) < 1.0:
        return None
    return Path(ends)


def leader_strokes(ax: Axes) -> list[Stroke]:
    """The leaders of a panel's notes, as strokes a tick label keeps off."""
    paths = [leader(n) for n in notes_of(ax) if n.get_visible()]
    return [Stroke(p, 0.8 * ax.figure.dpi / 72) for p in paths if p is not None]


def _leader_hits(note: Annotation, box: Bbox, obstacles: Obstacles) -> int:
    """The curves and texts the straight leader from the mark to the text crosses, past
    the mark's dot (an axis line it may cross)."""
    segment = leader(note)
    if segment is None:
        return 0
    return sum(s.path.intersects_path(segment, filled=False) for s in obstacles.strokes) + sum(
        segment.intersects_bbox(b, filled=False) for b in obstacles.boxes
    )


def _move(note: Annotation, spot: tuple[float, float, Any, Any]) -> None:
    dx, dy, ha, va = spot
    note.xyann = (dx, dy)
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)


def _number(
    ax: Axes, note: Annotation, n: int, background: Any, obstacles: Obstacles
) -> tuple[Any, str]:
    """Replace ``note`` by a circled ``n`` on its mark; returns its key for the legend."""
    color = note.get_color()
    size = note.get_fontsize()
    face = "none" if background is None else background
    number = ax.annotate(
        str(n), note.xy, ha="center", va="center", fontsize=0.8 * size, color=color,
        zorder=4.6, gid=NUMBER, annotation_clip=False,
        bbox={"boxstyle": "circle,pad=0.2", "facecolor": face, "edgecolor": color, "lw": 1.2},
    )  # fmt: skip
    obstacles.boxes.append(number.get_window_extent())
    note.set_visible(False)
    ring = Line2D([], [], marker="o", markersize=1.5 * size, markerfacecolor=face,
                  markeredgecolor=color, markeredgewidth=1.2, linestyle="none")  # fmt: skip
    digit = Line2D([], [], marker=f"${n}$", markersize=0.7 * size, color=color,
                   linestyle="none")  # fmt: skip
    return (ring, digit), note.get_text()


KEY_HANDLER = {tuple: HandlerTuple(ndivide=1, pad=0.0)}
