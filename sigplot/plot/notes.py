"""Notes (``--annotate`` and tangent slopes) placed at the nearest spot that meets no
curve, axis line, tick label, legend or other note."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from sigplot._speedups import steady
from sigplot.plot.geometry import line_and_axis_strokes, tick_labels

# Where an annotation's text may go, in points from its mark (dx, dy, ha, va), nearest
# first; past the first ring a short leader line joins text and mark.
NOTE_SPOTS: list[tuple[float, float, Any, Any]] = [
    (8, -4, "left", "top"), (8, 6, "left", "bottom"), (-8, -4, "right", "top"),
    (-8, 6, "right", "bottom"), (0, -14, "center", "top"), (0, 14, "center", "bottom"),
    *((dx * r, dy * r, "left" if dx > 0 else "right" if dx < 0 else "center",
       "top" if dy < 0 else "bottom" if dy > 0 else "center")
      for r in (28, 56, 84, 112, 140, 180)
      for dx, dy in ((1, -1), (1, 1), (-1, -1), (-1, 1), (1, 0), (-1, 0), (0, 1), (0, -1))),
]  # fmt: skip


def place_notes(ax: Axes) -> None:
    """Each annotation's text at the nearest spot that meets no curve, axis line, tick
    label, legend or other note (as the legend is placed); if none is clear, the first."""
    notes = [t for t in ax.texts if isinstance(t, Annotation) and t.get_gid() == "sigplot-note"]
    if not notes:
        return
    strokes = line_and_axis_strokes(ax)
    with steady(ax.figure):
        ax.get_tightbbox()  # places the notes (their offsets hold the layout's last pixels)
    boxes = [t.get_window_extent() for t in tick_labels(ax)]
    legend = ax.get_legend()
    if legend is not None:
        boxes.append(legend.get_window_extent())

    def text_box(note: Annotation) -> Bbox:  # the text alone, not its leader line
        return Text.get_window_extent(note)

    def cost(note: Annotation) -> int:
        box = text_box(note)
        if not (ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1)):
            return 1_000
        return sum(stroke.crosses(box, 2) for stroke in strokes) + sum(
            box.overlaps(b) for b in boxes
        )

    for note in notes:
        best: tuple[int, tuple[float, float, Any, Any]] = (10_000, NOTE_SPOTS[0])
        for spot in NOTE_SPOTS:
            _move(note, spot)
            best = min(best, (cost(note), spot), key=lambda c: c[0])
            if best[0] == 0:
                break
        _move(note, best[1])
        boxes.append(text_box(note))


def _move(note: Annotation, spot: tuple[float, float, Any, Any]) -> None:
    dx, dy, ha, va = spot
    note.xyann = (dx, dy)
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)
