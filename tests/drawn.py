"""What a drawn figure shows a reader, read back from matplotlib's artists in pixels, and
the rules of README's "What the reader sees" checked on it. Written from the rules, not
from sigplot's drawing code: nothing here imports sigplot.plot."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis, Tick
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D, Bbox

if TYPE_CHECKING:
    from sigplot import FigureSpec

MINUS = "\N{MINUS SIGN}"
EXIT = "sigplot-exit"  # the gid of an arrowhead where a curve leaves its panel


@dataclass
class Shown:
    """A text the reader sees: what it says, where it is, and whose it is."""

    text: str
    box: Bbox
    kind: str  # "tick", "origin", "note", "number", "legend", "title", "axis label"
    ax: Axes | None


def ruled(spec: FigureSpec) -> bool:
    """Whether the rules hold a gallery figure: a still, not the blog's own (flaws kept)."""
    return spec.sweep is None and spec.preset != "post"


def curves(ax: Axes) -> list[Line2D]:
    """The curves of a panel: labelled lines drawn with a line style."""
    return [line for line in ax.lines if line.get_visible()
            and not str(line.get_label()).startswith("_")
            and line.get_linestyle() not in ("None", "none", "")]  # fmt: skip


def marks(ax: Axes) -> list[Line2D]:
    """Markers of one point (jump dots, note marks)."""
    return [line for line in ax.lines if line.get_visible()
            and line.get_marker() not in ("None", "none", "", None)
            and np.size(line.get_xdata()) == 1]  # fmt: skip


def px(ax: Axes, line: Line2D) -> np.ndarray:
    return np.asarray(ax.transData.transform(np.column_stack(line.get_data())), dtype=float)


def stroke_paths(ax: Axes) -> list[tuple[Path, float, bool]]:
    """Every drawn line and mark of a panel in pixels: (path, half its width, clipped to the
    panel)."""
    scale = ax.figure.dpi / 72
    out = []
    for line in ax.lines:
        if not line.get_visible():
            continue
        if line.get_gid() == EXIT:  # an arrowhead: its ink, not its marker's square
            out.append((Path(_ink(ax, line)), 0.5, True))
            continue
        drawn = line.get_linestyle() not in ("None", "none", "")
        width = line.get_linewidth() if drawn else line.get_markersize()
        path = line.get_transform().transform_path(line.get_path())
        out.append((path, width * scale / 2, bool(line.get_clip_on())))
    return out


def reach(path: Path, half: float, clipped: bool, ax: Axes) -> Bbox | None:
    """The box outside which a stroke (or mark) meets nothing: its finite points' extent
    padded by half its width, cut to its panel when clipped (None: it shows nowhere).
    ``meets`` is asked only of boxes that overlap it: a grid of 63 panels asked each text
    of every stroke of every panel, half the rules' time."""
    points = np.asarray(path.vertices, dtype=float)
    points = points[np.isfinite(points).all(axis=1)]
    if not len(points):
        return None
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    pad = half + 1  # a pixel more: a box touching its edge is still asked
    box = Bbox.from_extents(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    return Bbox.intersection(box, ax.bbox) if clipped else box


def meets(path: Path, half: float, clipped: bool, box: Bbox, ax: Axes) -> bool:
    """Whether a stroke (or mark) meets a box; a clipped one only inside its panel."""
    box = box.padded(half)
    if clipped:
        inside = Bbox.intersection(box, ax.bbox)
        if inside is None:
            return False
        box = inside
    for run in unbroken(path):
        if Path(run).intersects_bbox(box, filled=False) or box.count_contains(run):
            return True
    return False


def unbroken(path: Path) -> list[np.ndarray]:
    """The runs of a line's points between its NaNs, each as drawn: a NaN breaks a line
    (a jump: two dots, no stroke between them), but matplotlib's intersects_bbox and
    intersects_path join the points either side of it, so each run is asked alone."""
    points = np.asarray(path.vertices, dtype=float)
    runs = np.split(points, np.flatnonzero(~np.isfinite(points).all(axis=1)))
    return [run for run in (r[np.isfinite(r).all(axis=1)] for r in runs) if len(run)]


def ticks(axis: Axis) -> list[tuple[float, Tick]]:
    """The ticks an axis draws (those in view), with their values."""
    lo, hi = sorted(axis.get_view_interval())
    tol = 1e-9 * (hi - lo)
    pairs = zip(axis.get_majorticklocs(), axis.get_major_ticks(), strict=False)
    return [(float(x), t) for x, t in pairs if lo - tol <= x <= hi + tol]


@dataclass
class _Memo:
    drawn: bool = False
    texts: list[Shown] | None = None


_ONCE: dict[int, _Memo] = {}  # per figure, in read_once: whether drawn, and its texts


@contextmanager
def read_once(fig: Figure) -> Iterator[None]:
    """Within it, the rules draw ``fig`` and read its texts again only where it changed
    since (matplotlib marks it stale): run one after another, they drew it seven times
    and read its texts three, two thirds of their time."""
    _ONCE[id(fig)] = _Memo()
    try:
        yield
    finally:
        del _ONCE[id(fig)]


@contextmanager
def as_drawn(fig: Figure) -> Iterator[None]:
    """Within it, reads that set what is drawn to what it was (``get_tightbbox`` sets each
    panel where it is, ``Spine.get_window_extent`` each tick where it is) leave the figure
    as drawn, not stale: the next rule would draw it again, a third of a grid's time."""
    stale, where = fig.stale, [ax.get_position().bounds for ax in fig.axes]
    yield
    if [ax.get_position().bounds for ax in fig.axes] == where:
        fig.stale = stale


def draw(fig: Figure) -> None:
    """Draw ``fig`` on its canvas, unless it is drawn as it is now (in read_once)."""
    memo = _ONCE.get(id(fig))
    if memo is not None and memo.drawn and not fig.stale:
        return
    fig.canvas.draw()
    if memo is not None:
        memo.drawn, memo.texts = True, None


def texts(fig: Figure) -> list[Shown]:
    """Every text the reader sees, by its box: each legend counts as one box."""
    draw(fig)
    memo = _ONCE.get(id(fig))
    if memo is None:
        return _texts(fig)
    if memo.texts is None:
        memo.texts = _texts(fig)
    return list(memo.texts)


def _texts(fig: Figure) -> list[Shown]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    out: list[Shown] = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for _, tick in ticks(axis):
                for label in (tick.label1, tick.label2):
                    if label.get_visible() and label.get_text():
                        out.append(Shown(label.get_text(), ink(label, renderer), "tick", ax))
        for text in ax.texts:
            if text.get_visible() and text.get_text():
                kind = {"sigplot-origin": "origin", "sigplot-number": "number"}.get(
                    str(text.get_gid()), "note"
                )
                box = ink(text, renderer) if kind == "origin" else Text.get_window_extent(
                    text, renderer)  # fmt: skip
                out.append(Shown(text.get_text(), box, kind, ax))
        for title in (ax.title, ax.xaxis.label, ax.yaxis.label):
            if title.get_visible() and title.get_text():
                kind = "title" if title is ax.title else "axis label"
                out.append(Shown(title.get_text(), title.get_window_extent(renderer), kind, ax))
        for legend in [a for a in ax.get_children() if isinstance(a, Legend)]:
            out.append(Shown("legend", legend.get_window_extent(renderer), "legend", ax))
    return out


def ink(label: Text, renderer: RendererBase) -> Bbox:
    """A one-line plain label's box down to its glyphs' lowest ink, read from their
    outlines (TextPath) below the baseline, not down to the "lp" descender matplotlib
    gives every line: a "−2" whose box reaches a curve while its digits clear it does
    not lie on the curve."""
    box = Text.get_window_extent(label, renderer)
    text = label.get_text()
    if "\n" in text or "$" in text or label.get_rotation() % 360:
        return box
    prop = label.get_fontproperties()  # the line is as deep as "lp" or its own glyphs
    depth = max(renderer.get_text_width_height_descent(t, prop, ismath=False)[2]
                for t in ("lp", text))  # fmt: skip
    lowest = float(np.asarray(outline(text, prop).vertices)[:, 1].min())
    low = min(lowest, 0.0) * float(label.figure.dpi) / 72
    return Bbox.from_extents(box.x0, min(box.y0 + depth + low, box.y1), box.x1, box.y1)


def outline(text: str, prop: FontProperties) -> Path:
    """A line of text's glyph outlines in points (TextPath), read once a process: the same
    tick labels and legend entries come back in figure after figure (keyed by a copy of
    the font: its family, style, weight and size, as FontProperties hashes)."""
    return _outline(text, prop.copy())


@functools.cache
def _outline(text: str, prop: FontProperties) -> Path:
    return TextPath((0, 0), text, prop=prop)


def em(label: Text) -> float:
    return float(label.get_fontsize()) * float(label.figure.dpi) / 72


def base_of(label: str) -> str:
    """The function (and argument) a legend label names, without its order: the same for
    sigma(z), sigma'(z) and d/dz sigma(2z)'s sigma(2z)."""
    head = label.split(" = ")[0].strip("$")
    head = re.sub(r"d(\^\d)?/dz(\^\d)?\\,", "", head)
    return head.replace("'", "")


# -- the rules ---------------------------------------------------------------------------


def whole_shape(fig: Figure) -> list[str]:
    """Each curve's local extrema, both sides of its jumps and its kinks lie inside the
    value axis, and two thirds of its samples; no curve spans under a tenth of the axis."""
    faults = []
    for ax in fig.axes:
        lo, hi = sorted(ax.get_ylim())
        tol = 1e-9 * (hi - lo)
        for line in curves(ax):
            name = line.get_label()
            y = np.asarray(line.get_ydata(), dtype=float)
            finite = np.isfinite(y)
            a, b, c = y[:-2], y[1:-1], y[2:]  # local extrema of what is drawn
            with np.errstate(invalid="ignore"):
                turns = finite[:-2] & finite[1:-1] & finite[2:] & ((b - a) * (c - b) < 0)
            must: list[float] = [float(v) for v in b[turns]]
            for gap in np.flatnonzero(~finite):  # both sides of every gap
                sides = [y[j] for j in (gap - 1, gap + 1) if 0 <= j < len(y)]
                must += [float(v) for v in sides if np.isfinite(v)]
            d2 = np.abs(np.diff(y, 2))  # kinks: second differences standing out
            if len(d2) > 4:  # against those two samples either side, the larger (as max()
                left, mid, right = d2[:-4], d2[2:-2], d2[4:]  # takes it: a NaN left is kept)
                near = np.where(right > left, right, left)
                floor = 1e-12 * (np.nanmax(np.abs(y)) + 1)
                near = np.where(floor > near, floor, near)
                with np.errstate(invalid="ignore"):
                    must += list(y[3:-3][np.isfinite(mid) & (mid > 50 * near)])
            outside = [v for v in must if not lo - tol <= v <= hi + tol]
            if outside:
                faults.append(f"{name}: {outside[:3]} outside the value axis [{lo:.4g}, {hi:.4g}]")
            values = y[finite]
            inside = np.count_nonzero((values >= lo - tol) & (values <= hi + tol))
            if inside < 2 / 3 * values.size:
                faults.append(f"{name}: {inside} of {values.size} samples inside")
            span = np.ptp(values) if values.size else 0.0
            if span > 1e-9 * np.max(np.abs(values), initial=0):
                seen = min(hi, values.max()) - max(lo, values.min())
                if seen < 0.1 * (hi - lo):
                    faults.append(f"{name}: spans {seen / (hi - lo):.1%} of the value axis")
    return faults


def _spine_px(ax: Axes, name: str) -> float:
    spine = ax.spines[name]
    points = spine.get_transform().transform(spine.get_path().vertices)
    return float(points[0][0 if name in ("left", "right") else 1])


def _cell(ax: Axes) -> object:
    """The cell of the figure's grid that ``ax`` stands in, the grid's cell its panels are
    nested in (all of a stack's panels); the figure's one grid where nothing is nested
    (a figure of one stack)."""
    where = ax.get_subplotspec()
    if where is None:
        return None
    top = where.get_topmost_subplotspec()
    return top if top is not where else where.get_gridspec()


def _facing(upper: Axes, lower: Axes) -> tuple[list[Bbox], list[Bbox]] | None:
    """The z labels of ``upper`` and of ``lower`` that stand in the gap between them,
    where they are panels of one stack (one cell of the figure's grid, the same z limits
    and ticks), ``lower`` next under ``upper``; else None. Two cells of a grid, one over
    the other, each label z in their own panels, the lower cell's title between them."""
    if _cell(upper) != _cell(lower):
        return None
    if upper.get_xlim() != lower.get_xlim() or list(upper.get_xticks()) != list(lower.get_xticks()):
        return None
    if not (upper.bbox.y0 >= lower.bbox.y1 - 1 and upper.bbox.x0 < lower.bbox.x1
            and lower.bbox.x0 < upper.bbox.x1):  # fmt: skip
        return None
    if any(a not in (upper, lower) and lower.bbox.y1 - 1 < (a.bbox.y0 + a.bbox.y1) / 2
           < upper.bbox.y0 + 1 and a.bbox.x0 < upper.bbox.x1 and upper.bbox.x0 < a.bbox.x1
           for a in upper.figure.axes):  # fmt: skip
        return None  # another panel between them
    return tuple(  # type: ignore[return-value]
        [b for b in (lab.get_window_extent() for *_, lab in _shown_labels(a.xaxis))
         if lower.bbox.y1 - 1 <= b.y0 and b.y1 <= upper.bbox.y0 + 1]
        for a in (upper, lower)
    )  # fmt: skip


def row_read_from(ax: Axes) -> Axes | None:
    """The panel whose z row ``ax`` reads, where it shows none of its own: the panel of
    its stack next above or below it whose labels all stand in the gap between the two,
    ``ax``'s z axis within an em of its edge facing that gap (a value axis reaching a
    sliver past 0), its ticks pointing there."""
    if _shown_labels(ax.xaxis):
        return None
    for other in ax.figure.axes:
        if other is ax or not _shown_labels(other.xaxis):
            continue
        under = other.bbox.y1 <= ax.bbox.y0 + 1  # ``other`` is under ``ax``
        pair = _facing(ax, other) if under else _facing(other, ax)
        if pair is None or len(pair[1 if under else 0]) != len(_shown_labels(other.xaxis)):
            continue
        edge, side = (ax.bbox.y0, 1) if under else (ax.bbox.y1, 2)
        line = "bottom" if ax.spines["bottom"].get_visible() else "top"
        marks = [(tick.tick1line, tick.tick2line) for _, tick in ticks(ax.xaxis)]
        pointing = all(m[side - 1].get_visible() and not m[2 - side].get_visible()
                       for m in marks)  # fmt: skip
        size = em(_shown_labels(other.xaxis)[0][3])
        if pointing and abs(_spine_px(ax, line) - edge) <= size:
            return other
    return None


def z_row_once(fig: Figure) -> list[str]:
    """Two panels of a stack do not both label z in the gap between them: the same
    numbers twice, one row over the other, read as a glitch. One row serves both."""
    return [
        "the z row printed twice, in the gap between two panels"
        for upper in fig.axes
        for lower in fig.axes
        if lower is not upper and (pair := _facing(upper, lower)) is not None and all(pair)
    ]


def axes_at_zero(fig: Figure) -> list[str]:
    """With zero in a range the other axis's line, ticks and labels are at zero, labels on
    the side their ticks point to; with zero out of view the line is at the nearer edge;
    at least three labels on each axis (fewer only where the axis has no room for three),
    the origin's "0" counted in the z row only: it sits there, and "4", "2" and the origin
    read as two values on the value axis."""
    faults = []
    for ax in fig.axes:
        origin = [t for t in ax.texts if t.get_gid() == "sigplot-origin" and t.get_visible()]
        for which, (lo, hi) in (("y", ax.get_xlim()), ("x", ax.get_ylim())):
            axis = ax.yaxis if which == "y" else ax.xaxis
            low, high = ("left", "right") if which == "y" else ("bottom", "top")
            shown = [s for s in (low, high) if ax.spines[s].get_visible()]
            if len(shown) != 1:
                faults.append(f"{which}: {len(shown)} axis lines")
                continue
            k = 0 if which == "y" else 1
            zero = ax.transData.transform((0, 0))[k]
            edges = (ax.bbox.x0, ax.bbox.x1) if which == "y" else (ax.bbox.y0, ax.bbox.y1)
            want = zero if lo <= 0 <= hi else edges[0] if lo > 0 else edges[1]
            at = _spine_px(ax, shown[0])
            if abs(at - want) > 1:
                faults.append(f"{which} axis line at {at:.1f} px, not {want:.1f}")
            count = len(origin) if which == "x" else 0
            for _, tick in ticks(axis):
                for side, label, mark in ((1, tick.label1, tick.tick1line),
                                          (2, tick.label2, tick.tick2line)):  # fmt: skip
                    if not (label.get_visible() and label.get_text()):
                        continue
                    count += 1
                    if not mark.get_visible():
                        faults.append(f"{which} label {label.get_text()} without its tick")
                    box = label.get_window_extent()
                    near, far = (box.x0, box.x1) if which == "y" else (box.y0, box.y1)
                    if (side == 1 and far > at + 0.5) or (side == 2 and near < at - 0.5):
                        faults.append(f"{which} label {label.get_text()} on the wrong side")
                    gap = at - far if side == 1 else near - at
                    reach = mark.get_markersize() * fig.dpi / 72  # the tick, out to its label
                    if gap - reach > 0.8 * em(label):
                        faults.append(f"{which} label {label.get_text()} {gap - reach:.0f} px "
                                      "off its tick")  # fmt: skip
            if count < _room(ax, which) and not (which == "x" and row_read_from(ax)):
                faults.append(f"{which} axis shows {count} labels")
    return faults


def _room(ax: Axes, which: str) -> int:
    """How many labels, up to three, ``which`` axis ("x": z) has room for an em apart, on a
    step of 1, 2, 2.5 or 5 times a power of ten: its labels' height (a value axis) or its
    widest label's width (z) and an em between each two; a value axis's 0 aside."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    lo, hi = sorted(axis.get_view_interval())
    length = ax.bbox.width if which == "x" else ax.bbox.height
    boxes = [lab.get_window_extent() for _, _, _, lab in _shown_labels(axis)]
    label = axis.get_major_ticks()[0].label1
    extent = max((b.width if which == "x" else b.height for b in boxes), default=em(label))
    for power in range(-12, 13):
        for nice in (1, 2, 2.5, 5):
            step = nice * 10.0**power
            if step / (hi - lo) * length >= extent + em(label):
                n = np.arange(np.ceil(lo / step), np.floor(hi / step) + 1)
                return min(3, n.size if which == "x" else int(np.count_nonzero(n)))
    return 0


def nothing_over_anything(fig: Figure, legend_free: bool = True) -> list[str]:
    """No two texts overlap; no text (but a numbered marker) on a curve or mark; no axis
    line or leader line through a text. ``legend_free``: the legend too (it was placed by
    sigplot, not at a location the user named)."""
    faults = []
    shown = texts(fig)
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            if a.box.overlaps(b.box):
                faults.append(f"{a.kind} {a.text!r} overlaps {b.kind} {b.text!r}")
    strokes: dict[Axes, list[tuple[Path, float, bool, Bbox | None]]] = {}
    spines: dict[Axes, list[tuple[str, Path, float, Bbox | None]]] = {}
    for ax in fig.axes:
        strokes[ax] = [(path, half, clipped, reach(path, half, clipped, ax))
                       for path, half, clipped in stroke_paths(ax)]  # fmt: skip
        scale = ax.figure.dpi / 72
        spines[ax] = []
        for name, spine in ax.spines.items():
            if spine.get_visible():
                path = spine.get_transform().transform_path(spine.get_path())
                half = spine.get_linewidth() * scale / 2
                spines[ax].append((name, path, half, reach(path, half, False, ax)))
    for s in shown:
        if s.kind == "number" or (s.kind == "legend" and not legend_free):
            continue
        for ax in fig.axes:
            for path, half, clipped, around in strokes[ax]:
                if around is not None and around.overlaps(s.box) and \
                        meets(path, half, clipped, s.box, ax):  # fmt: skip
                    faults.append(f"{s.kind} {s.text!r} lies on a curve or mark")
                    break
            for name, path, half, around in spines[ax]:
                if around is not None and around.overlaps(s.box) and \
                        meets(path, half, False, s.box, ax):  # fmt: skip
                    faults.append(f"the {name} axis line crosses {s.kind} {s.text!r}")
    for ax in fig.axes:
        for note in [t for t in ax.texts if isinstance(t, Annotation) and t.get_visible()]:
            arrow = note.arrow_patch
            if arrow is None or not arrow.get_visible():
                continue
            path = arrow.get_path()
            own = Text.get_window_extent(note)
            for s in shown:
                if s.box.bounds != own.bounds and path.intersects_bbox(s.box, filled=False):
                    faults.append(f"the leader of {note.get_text()!r} crosses {s.kind} {s.text!r}")
            for line in curves(ax):
                drawn = line.get_transform().transform_path(line.get_path())
                if any(path.intersects_path(Path(run), filled=False)
                       for run in unbroken(drawn) if len(run) > 1):  # fmt: skip
                    faults.append(f"the leader of {note.get_text()!r} crosses {line.get_label()}")
            start = ax.transData.transform(note.xy)
            for mark in marks(ax):  # another point's dot: the leader reads as pointing there
                at = px(ax, mark)[0]
                radius = mark.get_markersize() / 2 * fig.dpi / 72
                if np.hypot(*(at - start)) > 2 * radius and _near(path, at) < radius:
                    z, y = (float(v) for v in np.ravel(mark.get_xydata()))
                    faults.append(f"the leader of {note.get_text()!r} passes through the dot "
                                  f"at ({z:.3g}, {y:.3g})")  # fmt: skip
    return faults


def _near(path: Path, point: np.ndarray) -> float:
    """How near the polyline ``path`` comes to ``point``, in its units."""
    ends = np.asarray(path.vertices, dtype=float)
    least = math.inf
    for a, b in itertools.pairwise(ends):
        step = b - a
        t = float(np.clip(np.dot(point - a, step) / max(float(np.dot(step, step)), 1e-12), 0, 1))
        least = min(least, float(np.hypot(*(a + t * step - point))))
    return least


READING_GAP = 1.0  # ems of a tick label: a column gutter


def apart_from_labels(fig: Figure) -> list[str]:
    """A note, or a line of a legend's or key's entries (its handle and words), on a tick
    label's line (its box spanning the middle half of the label's height) stands an em
    of the label's or more from it along the line, a column's gutter, unless the value
    axis's line stands between them: nearer, "slope 0.0452" and the value label "1" read
    as one line, "slope 0.0452 1", and "-0.5 --- softsign(z)" as one too."""
    faults = []
    shown = texts(fig)
    labels = [s for s in shown if s.kind == "tick"]
    rows = [s for s in shown if s.kind == "note"]
    for ax in fig.axes:  # a legend's lines, each from its entry's handle
        for legend in [a for a in ax.get_children() if isinstance(a, Legend)]:
            size = legend.prop.get_size_in_points() * fig.dpi / 72
            handle = (legend.handlelength + legend.handletextpad) * size
            for t in legend.get_texts():
                box = t.get_window_extent()
                lines = t.get_text().split("\n")
                for i, line in enumerate(lines):  # each line on its own, as TextPath sets it
                    wide = outline(line, t.get_fontproperties()).get_extents()
                    right = (
                        box.x1 if len(lines) == 1 else box.x0 + wide.x1 * em(t) / t.get_fontsize()
                    )
                    top = box.y1 - i * box.height / len(lines)
                    low = top - box.height / len(lines)
                    line_box = Bbox.from_extents(box.x0 - handle, low, right, top)
                    rows.append(Shown(line, line_box, "legend", ax))
    with as_drawn(fig):  # each panel's value axis line, where a line between parts them
        spines = {ax: ax.spines["left"] for ax in fig.axes}
        # (from the line's path: its window extent takes in a tick matplotlib picks from
        # a set, a long one in some runs)
        middles = {ax: _spine_px(ax, "left") for ax in fig.axes}
        sizes = {ax: em(found[0]) for ax in fig.axes if (found := ax.yaxis.get_ticklabels())}
    for s in rows:
        for label in labels:
            quarter = label.box.height / 4
            if not (s.box.y0 < label.box.y1 - quarter and s.box.y1 > label.box.y0 + quarter):
                continue
            gap = max(s.box.x0 - label.box.x1, label.box.x0 - s.box.x1)
            spine, x = spines[cast(Axes, label.ax)], middles[cast(Axes, label.ax)]
            ends = sorted([(s.box.x0 + s.box.x1) / 2, (label.box.x0 + label.box.x1) / 2])
            if spine.get_visible() and ends[0] < x < ends[1]:
                continue
            size = sizes[cast(Axes, label.ax)]
            if 0 <= gap < READING_GAP * size:  # (nearer still, nothing_over_anything's)
                faults.append(f"{s.kind} {s.text!r} {gap / size:.1f} em from label {label.text!r}")
    return faults


LEADER_LEAST = 4.0  # points


def leaders_readable(fig: Figure) -> list[str]:
    """Every leader line drawn is at least LEADER_LEAST points long: a shorter one shows
    as a speck by its note, not as a line to its mark. None runs level into the middle
    of its text's start: there it reads as a minus sign before the text
    ("-logsigmoid(0) = -0.693", a reader review). (A circled number's may: it meets the
    circle.)"""
    draw(fig)
    faults = []
    for ax in fig.axes:
        for note in [t for t in ax.texts if isinstance(t, Annotation) and t.get_visible()]:
            arrow = note.arrow_patch
            if arrow is None or not arrow.get_visible():
                continue
            ends = np.asarray(arrow.get_path().vertices, dtype=float)
            (x0, y0), (x1, y1) = ends[0], ends[-1]  # from the text to the mark
            length = float(np.hypot(x1 - x0, y1 - y0)) * 72 / fig.dpi
            if length < LEADER_LEAST:
                faults.append(f"the leader of {note.get_text()!r} is {length:.1f} pt long")
            box = Text.get_window_extent(note)
            level = abs(y1 - y0) < np.tan(np.radians(20)) * abs(x1 - x0)
            beside = x1 < box.x0  # the mark left of the text: the leader at its start
            middle = box.y0 + 0.25 * box.height <= y0 <= box.y1 - 0.25 * box.height
            if level and beside and middle and note.get_bbox_patch() is None:  # (a number's
                # leader meets its circle, not a line of text)
                faults.append(f"the leader of {note.get_text()!r} runs level into its side")
    return faults


def jumps_are_not_strokes(fig: Figure) -> list[str]:
    """No segment of a curve joins the two sides of a jump: a step that stands out from
    its neighbours by far is a jump drawn as a stroke."""
    faults = []
    for ax in fig.axes:
        for line in curves(ax):
            y = px(ax, line)[:, 1]
            steps = np.abs(np.diff(y))
            for i, step in enumerate(steps):
                if not np.isfinite(step) or step < 6:
                    continue
                near = [steps[j] for j in (i - 1, i + 1) if 0 <= j < len(steps)]
                near = [v for v in near if np.isfinite(v)]
                if near and step > 8 * max(max(near), 0.5):
                    faults.append(f"{line.get_label()}: a {step:.0f} px stroke at sample {i}")
    return faults


def _marker_px(ax: Axes, mark: Line2D) -> Path:
    """A mark's shape in pixels, around its point."""
    style = MarkerStyle(mark.get_marker(), mark.get_fillstyle())
    size = mark.get_markersize() * ax.figure.dpi / 72
    shape = style.get_path().transformed(style.get_transform() + Affine2D().scale(size))
    return shape.transformed(Affine2D().translate(*px(ax, mark)[0]))


def coinciding_marks_readable(fig: Figure) -> list[str]:
    """Marks at one spot all show, none covering another: no ring around a dot (a
    bullseye), each its own part of the spot (the sectors of one dot), the shared dot as wide as
    the widest single dot of the figure and at most 1.3 times the narrowest (wider, it
    reads as another kind of mark), and a legend entry that says how to read it where the legend
    stands inside a panel alone in a figure of the default figure's room in ems (a grid's
    cells, a legend pushed outside the panel and a small figure's legend, which leaves the
    entry out before it would leave the panel, have no room to spare for it)."""
    faults, shared = [], []
    for ax in fig.axes:
        dots = [mark for mark in marks(ax) if mark.get_gid() != EXIT]  # arrowheads: their rule
        where = [px(ax, d)[0] for d in dots]
        for i, a in enumerate(dots):
            # A part of a shared dot (a sector, not a whole marker) with no other part at
            # its spot is a broken dot: each part stood at its own point, a few pixels
            # from the others (hardshrink(2z)' and hardshrink(3z)' at z = -1/4, -1/6).
            parts = [
                j for j, b in enumerate(dots) if j != i and np.hypot(*(where[i] - where[j])) <= 1
            ]
            if not isinstance(a.get_marker(), str) and not parts:
                faults.append(f"a part of a shared dot at {where[i].round()} stands alone")
            for j in range(i + 1, len(dots)):
                b = dots[j]
                if np.hypot(*(where[i] - where[j])) > 1:
                    continue
                shapes = [_marker_px(ax, a), _marker_px(ax, b)]
                r = max(s.get_extents().width for s in shapes)
                grid = np.stack(np.meshgrid(*[np.linspace(-r, r, 41)] * 2), -1).reshape(-1, 2)
                grid += where[i]
                inside = [s.contains_points(grid, radius=-1.0) for s in shapes]
                both = np.count_nonzero(inside[0] & inside[1])
                if both > 0.05 * min(np.count_nonzero(k) for k in inside):
                    faults.append(f"marks at {where[i].round()} lie over each other")
                shared.append(min(x.get_markersize() + x.get_markeredgewidth() for x in (a, b)))
    singles = [d.get_markersize() + d.get_markeredgewidth() for ax in fig.axes
               for d in marks(ax) if d.get_marker() == "o"]  # fmt: skip
    if shared and singles and not max(singles) <= min(shared) <= max(shared) <= 1.3 * min(singles):
        faults.append(f"a shared dot {max(shared):g} pt across beside single dots "
                      f"{min(singles):g} to {max(singles):g} pt across: not as wide as the "
                      "widest, nor at most 1.3 times the narrowest")  # fmt: skip
    size = float(mpl.rcParams["font.size"])
    boxed: list[Legend] = [
        legend
        for ax in fig.axes
        for legend in ax.get_children()
        # (to a pixel: a legend set at the panel's edge has its corner there, give or take
        # a rounding; hardsigmoid,tanhshrink,hardswish's lower panel at 12 x 6 in, 11 pt)
        if isinstance(legend, Legend) and ax.bbox.padded(1).contains(*legend.get_window_extent().p0)
    ]
    said = [t.get_text() for legend in boxed for t in legend.get_texts()]
    cells = len({round(ax.bbox.x0) for ax in fig.axes}) > 1  # a grid
    w, h = fig.get_size_inches() * 72 / size
    if (
        shared
        and boxed
        and not cells
        and w >= 60
        and h >= 33  # the default figure's room (9 x 5 in at 10 pt is 65 x 36 ems)
        # the full words, or (a key standing apart where they fit no spot) the brief ones
        and not any(
            ("filled" in text and "open" in text) or text == "value taken / not" for text in said
        )
    ):
        faults.append("shared dots, and no legend entry says how to read one")
    return faults


def rings_are_not_holes(fig: Figure) -> list[str]:
    """A hollow dot (one curve's "not here") on a curve that runs on unbroken through it
    is a bead threaded on that line: in the drawn pixels the line's colour runs on
    unbroken along the line across the whole ring, its outline too (a ring of background
    across the line, or its outline cutting it, reads as a hole in the function), and the
    ring is not filled with the line's colour (that reads as a filled dot, as if the
    derivative took that value). A dot of parts, one filled in the line's colour (a
    note's point on the line), is a mark on the line: the line runs under it as under
    any mark."""
    faults = []
    draw(fig)
    rgba = fig.canvas.buffer_rgba()  # type: ignore[attr-defined]
    image = np.asarray(rgba, dtype=np.float64)[..., :3] / 255
    height = image.shape[0]
    for ax in fig.axes:
        backgrounds = (ax.get_facecolor(), fig.get_facecolor())
        for dot in marks(ax):
            face, edge = dot.get_markerfacecolor(), dot.get_markeredgecolor()
            if str(face) not in ("none", "None") and mpl.colors.same_color(face, edge):
                continue  # a filled dot
            if any(mpl.colors.same_color(edge, b) for b in backgrounds):
                continue  # a filled dot ringed in the background (a note's mark)
            (x, y) = px(ax, dot)[0]
            r = (dot.get_markersize() + dot.get_markeredgewidth()) * fig.dpi / 72 / 2
            parts = [m.get_markerfacecolor() for m in marks(ax)
                     if m is not dot and np.hypot(*(px(ax, m)[0] - (x, y))) <= 1]  # fmt: skip
            threaded = []  # the curves through the ring, each with its stretch across it
            for line in curves(ax):
                if any(str(c) not in ("none", "None") and mpl.colors.same_color(c, line.get_color())
                       for c in parts):  # fmt: skip
                    continue  # its own part of the dot marks a point on it
                pts = px(ax, line)
                half = line.get_linewidth() * fig.dpi / 72 / 2
                near = np.flatnonzero(np.abs(pts[:, 0] - x) <= r + half)
                if near.size == 0:
                    continue
                span = pts[max(near[0] - 1, 0) : near[-1] + 2]
                if not np.isfinite(span).all() or span[0, 0] > x - r or span[-1, 0] < x + r:
                    continue  # ends at the dot, or has a gap there
                gap = float(np.min(np.hypot(*(span - (x, y)).T)))
                if gap > 2:
                    continue  # not through the ring's centre
                threaded.append((line, span))
            # Curves that cross or coincide at the ring cover each other there as they do
            # anywhere (silu and quick_gelu through threshold's ring at the origin; relu
            # and hardswish taking turns through hardswish''s at -3): across the ring a
            # curve may show the colour of another threaded on it, not the background's.
            colours = [np.asarray(mpl.colors.to_rgb(line.get_color())) for line, _ in threaded]
            for line, span in threaded:
                filled = str(face) not in ("none", "None")
                if filled and mpl.colors.same_color(face, line.get_color()):
                    faults.append(
                        f"{line.get_label()} runs through a ring filled with "
                        f"{face}: it reads as a filled dot at ({x:.0f}, {y:.0f})"
                    )
                    continue
                # Along the line, every half pixel from where it meets the ring's outline
                # to where it leaves it, the pixel under the line's middle is its colour
                # (or that of a curve threaded with it).
                steps = [np.linspace(p, q, max(2, int(np.hypot(*(q - p)) * 2)))
                         for p, q in itertools.pairwise(span)]  # fmt: skip
                along = np.concatenate(steps)
                along = along[np.hypot(*(along - (x, y)).T) <= r + 1]
                cols = np.clip(np.round(along[:, 0]).astype(int), 0, image.shape[1] - 1)
                rows = np.clip(np.round(height - along[:, 1]).astype(int), 0, height - 1)
                seen = image[rows, cols]
                off = np.all([_off_blend(seen, a, b) for a in colours for b in colours], axis=0)
                if off.any():
                    faults.append(
                        f"{line.get_label()} is broken by a ring at ({x:.0f}, {y:.0f}): "
                        f"{np.count_nonzero(off)} of {off.size} pixels along it across the "
                        "ring are not its colour, nor a curve's threaded with it"
                    )
    return faults


def _off_blend(seen: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which colours ``seen`` (n x 3) are more than 0.2 in some channel from every blend of
    ``a`` and ``b``, the edge of one curve's stroke over the other's included."""
    d = b - a
    t = np.clip((seen - a) @ d / max(float(d @ d), 1e-12), 0.0, 1.0)
    return np.asarray(np.abs(seen - (a + t[:, None] * d)).max(axis=1) > 0.2)


def inside_canvas(fig: Figure) -> list[str]:
    """Every text, legend and mark inside the figure."""
    draw(fig)
    canvas = fig.bbox
    faults = []
    boxes = [(s.text, s.box) for s in texts(fig)]
    for ax in fig.axes:
        # (an arrowhead's ink: its box is a square about its tip, on the panel's edge)
        boxes += [("mark", Path(_ink(ax, m)).get_extents() if m.get_gid() == EXIT
                   else m.get_window_extent()) for m in marks(ax)]  # fmt: skip
        boxes.append(("panel", ax.bbox))
    for name, box in boxes:
        if box.x0 < canvas.x0 or box.y0 < canvas.y0 or box.x1 > canvas.x1 or box.y1 > canvas.y1:
            faults.append(f"{name!r} at {box.bounds} leaves the canvas {canvas.bounds}")
    return faults


def marks_in_their_panels(fig: Figure) -> list[str]:
    """Every mark's point lies inside its panel: a mark of a point the value axis does not
    hold stood under the panel, on the legend (snake(2z)'s inflections in a grid's cell
    its curve leaves through the foot)."""
    return [f"a mark at {px(ax, m)[0].round()} outside its panel {ax.bbox.bounds}"
            for ax in fig.axes for m in marks(ax)
            if not ax.bbox.padded(1).contains(*px(ax, m)[0])]  # fmt: skip


def cells_packed(fig: Figure) -> list[str]:
    """Side by side panels leave a gutter but no empty column between them: the blank
    between the ink of one (its curves, labels, legend) and the ink of its right-hand
    neighbour is at least an em (narrower, curves running to their panel's edge read as
    one line across the row) and under four (a legend beside one cell of a grid widens
    every column)."""
    draw(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    faults = []
    size = float(mpl.rcParams["font.size"]) * float(fig.dpi) / 72
    with as_drawn(fig):
        inks = [(ax, ax.get_tightbbox(renderer)) for ax in fig.axes]
    for a, ink_a in inks:
        for b, ink_b in inks:
            if a is b or ink_a is None or ink_b is None:
                continue
            beside = b.bbox.x0 > a.bbox.x1 and min(a.bbox.y1, b.bbox.y1) > max(a.bbox.y0, b.bbox.y0)
            nearer = [c for c, _ in inks if a.bbox.x1 < c.bbox.x0 < b.bbox.x0
                      and min(a.bbox.y1, c.bbox.y1) > max(a.bbox.y0, c.bbox.y0)]  # fmt: skip
            if beside and not nearer and ink_b.x0 - ink_a.x1 > 4 * size:
                faults.append(f"{ink_b.x0 - ink_a.x1:.0f} px blank between panels "
                              f"{a.get_title()!r} and {b.get_title()!r}")  # fmt: skip
            if beside and not nearer and ink_b.x0 - ink_a.x1 < size:
                faults.append(f"{ink_b.x0 - ink_a.x1:.0f} px gutter between panels "
                              f"{a.get_title()!r} and {b.get_title()!r}")  # fmt: skip
    return faults


def size_honoured(fig: Figure) -> list[str]:
    """The figure is the size asked for (``--size``), a grid's too: its panels share it."""
    from sigplot.plot.draw import SigplotFigure

    assert isinstance(fig, SigplotFigure)
    asked = tuple(fig.spec.size)
    drawn = tuple(float(x) for x in fig.get_size_inches())
    return [] if np.allclose(drawn, asked) else [f"drawn {drawn} in for --size {asked}"]


def legends_one_size(fig: Figure, across: bool = False) -> list[str]:
    """The entries of every legend of a figure in one text size (a key of numbered notes,
    a block of its own, may be smaller; a legend carrying one may shrink as a whole).
    ``across``: the legends of all panels too (a grid's may shrink to fit their cells
    only where the grid is small: the gallery's catalogues are not)."""
    sizes: dict[str, float] = {}
    numbered = {t.get_text().replace("\n", ", ") for ax in fig.axes for t in ax.texts
                if t.get_gid() == "sigplot-note" and not t.get_visible()}  # fmt: skip
    for ax in fig.axes:
        for legend in [a for a in ax.get_children() if isinstance(a, Legend)]:
            if legend.get_gid() == "sigplot-key":
                continue
            shown = {float(t.get_fontsize()) for t in legend.get_texts()}
            keyed = any(t.get_text() in numbered for t in legend.get_texts())
            if len(shown) > 1:
                return [f"one legend in sizes {sorted(shown)}"]
            if not keyed:
                sizes[ax.get_title() or str(len(sizes))] = shown.pop()
    if across and len(set(sizes.values())) > 1:
        return [f"legends in sizes {sizes}"]
    return []


def legends_in_share(fig: Figure) -> list[str]:
    faults = []
    for ax in fig.axes:
        for legend in [a for a in ax.get_children() if isinstance(a, Legend)]:
            height = legend.get_window_extent().height
            if height > 0.4 * fig.bbox.height:
                faults.append(f"a legend {height:.0f} px high in a {fig.bbox.height:.0f} px figure")
    return faults


def ticks_read(fig: Figure) -> list[str]:
    """At most nine ticks an axis, labels an em apart ink to ink (as the bare-tick rule
    measures them: a line's blank under its digits is no part of the gap the eye sees),
    each with the fewest digits that say its value."""
    faults = []
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax in fig.axes:
        for which, axis, (lo, hi) in (("x", ax.xaxis, ax.get_xlim()),
                                      ("y", ax.yaxis, ax.get_ylim())):  # fmt: skip
            lo, hi = sorted((lo, hi))
            locs = [x for x in axis.get_majorticklocs() if lo <= x <= hi]
            if len(locs) > 9:
                faults.append(f"{which}: {len(locs)} ticks")
            step = min(np.diff(locs)) if len(locs) > 1 else 1.0
            labels = []
            for loc, tick in ticks(axis):
                for label in (tick.label1, tick.label2):
                    if label.get_visible() and label.get_text():
                        labels.append((loc, label))
            for loc, label in labels:
                text = label.get_text().replace(MINUS, "-")
                if abs(float(text) - loc) > 1e-9 * step:
                    faults.append(f"{which} label {text} at {loc}")
                if "." in text and (text.endswith("0") or text.endswith(".")):
                    faults.append(f"{which} label {text} has digits to spare")
                if text in ("-0", "-0.0"):
                    faults.append(f"{which} label {text}")
            labels.sort(key=lambda p: p[0])
            for (_, a), (_, b) in itertools.pairwise(labels):
                ba, bb = ink(a, renderer), ink(b, renderer)
                gap = bb.x0 - ba.x1 if which == "x" else bb.y0 - ba.y1
                if gap < em(a) - 0.5 and not (which == "x" and (ba.y0 > bb.y1 or bb.y0 > ba.y1)) \
                        and not (which == "y" and (ba.x0 > bb.x1 or bb.x0 > ba.x1)):  # fmt: skip
                    faults.append(
                        f"{which} labels {a.get_text()} and {b.get_text()} {gap:.0f} px apart"
                    )
    return faults


def told_apart(fig: Figure, distance: Callable[[str, str], tuple[float, float]]) -> list[str]:
    """Any two curves of a panel differ in colour (CIEDE2000 >= 20 for normal vision and
    under deuteranopia) or in line style; a function's orders differ in line style; no
    curve takes the axes' colour (18 or more apart): along the z axis's line it would read
    as the axis."""
    faults = []
    for ax in fig.axes:
        axis = mpl.colors.to_hex(ax.spines["bottom"].get_edgecolor())
        for line in curves(ax):
            near = min(distance(mpl.colors.to_hex(line.get_color()), axis))
            if near < 18:
                faults.append(f"{line.get_label()}: colour {near:.0f} from the axes'")

    def style(line: Line2D) -> tuple[object, ...]:
        dashes = getattr(line, "_unscaled_dash_pattern", None)
        return (line.get_linestyle(), str(dashes))

    every = [line for ax in fig.axes for line in curves(ax)]
    for ax in fig.axes:
        lines = curves(ax)
        for i, a in enumerate(lines):
            for b in lines[i + 1 :]:
                if style(a) != style(b):
                    continue
                normal, deutan = distance(
                    mpl.colors.to_hex(a.get_color()), mpl.colors.to_hex(b.get_color())
                )
                if normal < 20 or deutan < 20:
                    faults.append(f"{a.get_label()} and {b.get_label()}: same style, "
                                  f"colours {normal:.0f} / {deutan:.0f} apart")  # fmt: skip
    for i, a in enumerate(every):
        for b in every[i + 1 :]:
            if base_of(str(a.get_label())) == base_of(str(b.get_label())) and style(a) == style(b):
                faults.append(f"{a.get_label()} and {b.get_label()}: orders in one style")
    return faults


def _shown_labels(axis: Axis) -> list[tuple[float, Tick, int, Text]]:
    out = []
    for loc, tick in ticks(axis):
        for side, label in ((1, tick.label1), (2, tick.label2)):
            if label.get_visible() and label.get_text():
                out.append((loc, tick, side, label))
    return out


def dips_have_a_scale(fig: Figure) -> list[str]:
    """A value axis at zero whose curves go past zero on a side by a twentieth of its
    height or more has a labelled tick on that side: the reader reads how deep silu's dip
    goes, not only that it dips. A bare tick there will do where its label is left out by
    the label rules (threshold(value=-1)'s -1, under its branch). Unless the axis cannot
    reach one: the next tick of its step past the curves would add over a tenth to its
    height, or leave a curve spanning under a tenth of it (elu on [-3, 8]: -2 would
    squash elu'), or make more than nine ticks (hardswish on [-3, 8]: 0 to 8 by 1), or
    stand under a title centred over the axis (logsigmoid in the catalogue's cell), or
    face the next panel of a stack (its label between the two panels' labels)."""
    faults = []
    for ax in fig.axes:
        lo, hi = sorted(ax.get_ylim())
        labelled = sorted(loc for loc, _, _, _ in _shown_labels(ax.yaxis))
        if not lo < 0 < hi or not curves(ax) or len(labelled) < 2:
            continue
        ys = [np.asarray(line.get_ydata(), dtype=float) for line in curves(ax)]
        ys = [y[np.isfinite(y) & (y >= lo) & (y <= hi)] for y in ys]
        spans = [float(np.ptp(y)) for y in ys if y.size and np.ptp(y) > 0]
        every = np.concatenate(ys)
        locs = sorted(loc for loc, _ in ticks(ax.yaxis))
        step = min(b - a for a, b in itertools.pairwise(locs))
        for sign in (-1, 1):
            past = max(0.0, float(sign * (every.max() if sign > 0 else every.min())))
            if past < 0.05 * (hi - lo) or any(sign * v > 0 for v in locs):
                continue
            if (sign > 0 and ax.get_title()) or _stacked_on(fig, ax, sign):
                continue
            reach = math.ceil(past / step) * step  # the next tick of the step past the curves
            height = (hi - lo) + max(0.0, reach - (hi if sign > 0 else -lo))
            count = math.floor(hi / step + 1e-9) - math.ceil(lo / step - 1e-9) + 2
            if (height <= 1.1 * (hi - lo) and min(spans, default=height) >= 0.1 * height
                    and count <= 9):  # fmt: skip
                where = "above" if sign > 0 else "below"
                faults.append(f"curves reach {past:.3g} {where} 0 with no label there")
    return faults


def _stacked_on(fig: Figure, ax: Axes, sign: int) -> bool:
    """Whether another panel lies right under ``ax`` (``sign`` -1) or over it (1), within
    three ems: a stack's."""
    box, gap = ax.get_window_extent(), 3 * mpl.rcParams["font.size"] * fig.dpi / 72
    for other in fig.axes:
        near = other.get_window_extent()
        across = min(box.x1, near.x1) - max(box.x0, near.x0) > 0
        apart = box.y0 - near.y1 if sign < 0 else near.y0 - box.y1
        if other is not ax and across and 0 <= apart <= gap:
            return True
    return False


def _both_at_zero(ax: Axes) -> bool:
    (xlo, xhi), (ylo, yhi) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    return bool(xlo < 0 < xhi and ylo < 0 < yhi)


def labels_on_one_side(fig: Figure) -> list[str]:
    """The labels of one axis all on one side of its line (below or above, left or right):
    a label crossed on its side is left out, never sent alone to the other side (a stray
    there reads unevenly); every tick drawn toward its label. An axis inside the panel
    may put each half (below zero, above) on its own side, all of that half's labels
    there."""
    faults = []
    for ax in fig.axes:
        for which, axis in (("z", ax.xaxis), ("value", ax.yaxis)):
            shown = _shown_labels(axis)
            halves = [shown]
            if _both_at_zero(ax):
                halves = [[s for s in shown if s[0] < 0], [s for s in shown if s[0] >= 0]]
            for half in halves:
                counts = Counter(side for _, _, side, _ in half)
                if len(counts) > 1:
                    main = max(counts, key=lambda side: (counts[side], -side))
                    for _, _, side, label in half:
                        if side != main:
                            faults.append(
                                f"{which} label {label.get_text()} alone on the other side"
                            )
            for loc, tick in ticks(axis):
                drawn = {s for s, m in ((1, tick.tick1line), (2, tick.tick2line))
                         if m.get_visible()}  # fmt: skip
                sides = {side for t_loc, _, side, _ in shown if t_loc == loc}
                if drawn - sides and sides:
                    faults.append(f"{which} tick at {loc:g} points away from its label")
    return faults


# How far a label may stand off its axis line on a long tick (README): a z label three
# ems, a value label six; a label standing off keeps a fifth of an em from every curve.
_STAND_OFF = {"z": 3.0, "value": 6.0}


def _tick_stem(ax: Axes, which: str, loc: float, side: int, start: float, end: float) -> Bbox:
    """The box of a tick's stroke from ``start`` to ``end`` pixels off its axis line."""
    x, y = ax.transData.transform((loc, loc))
    x0, y0 = ax.transData.transform((0.0, 0.0))
    sign = -1 if side == 1 else 1
    a, b = sorted((sign * start, sign * end))
    if which == "z":
        return Bbox.from_extents(x - 1, y0 + a, x + 1, y0 + b)
    return Bbox.from_extents(x0 + a, y - 1, x0 + b, y + 1)


def _spot_free(
    ax: Axes,
    which: str,
    loc: float,
    side: int,
    box: Bbox,
    shift: float,
    others: list[Bbox],
    mine: list[Bbox],
    size: float,
) -> bool:
    """Whether a label box ``shift`` pixels further off its axis than on a plain tick meets
    no curve, mark or text (``others``; a quarter em clear of curves when it stands
    off) or axis line, keeps an em (``size`` pixels) from the axis's other labels
    (``mine``), stays on the canvas (in the panel when it stands off), and whether the
    tick reaching it crosses no text and no curve (a plain tick's own length aside)."""
    sign = -1 if side == 1 else 1
    moved = box.translated(0, sign * shift) if which == "z" else box.translated(sign * shift, 0)
    canvas = ax.figure.bbox.padded(-1)  # a pixel inside the canvas, as the layout keeps
    if not (canvas.x0 <= moved.x0 and moved.x1 <= canvas.x1
            and canvas.y0 <= moved.y0 and moved.y1 <= canvas.y1):  # fmt: skip
        return False
    if shift and not (ax.bbox.x0 <= moved.x0 and moved.x1 <= ax.bbox.x1
                      and ax.bbox.y0 <= moved.y0 and moved.y1 <= ax.bbox.y1):  # fmt: skip
        return False
    padded = moved.padded(0.25 * size) if shift else moved  # the quarter em it keeps
    for path, half, clipped in stroke_paths(ax):
        if meets(path, half, clipped, padded, ax):
            return False
    for other in others:
        if moved.overlaps(other):
            return False
    for spine in [s for s in ax.spines.values() if s.get_visible()]:
        path = spine.get_transform().transform_path(spine.get_path())
        if meets(path, spine.get_linewidth() * ax.figure.dpi / 72 / 2, False, moved, ax):
            return False
    for other in mine:  # this axis's labels: an em apart along it, however far off
        lo, hi = (moved.x0, moved.x1) if which == "z" else (moved.y0, moved.y1)  # its line
        o_lo, o_hi = (other.x0, other.x1) if which == "z" else (other.y0, other.y1)
        if lo < o_hi + size and o_lo < hi + size:
            return False
    zero = ax.transData.transform((0.0, 0.0))[1 if which == "z" else 0]
    near = moved.y1 if (which == "z" and side == 1) else moved.y0 if which == "z" \
        else moved.x1 if side == 1 else moved.x0  # fmt: skip
    tick = float(mpl.rcParams["xtick.major.size"])  # a plain tick's length, in pt
    start = (ax.spines["left"].get_linewidth() / 2 + tick) * ax.figure.dpi / 72
    stem = _tick_stem(ax, which, loc, side, start, abs(near - zero))
    if any(stem.overlaps(other) for other in others + mine):
        return False
    for line in curves(ax):
        path = line.get_transform().transform_path(line.get_path())
        half = line.get_linewidth() * ax.figure.dpi / 72 / 2 if shift else 0.0
        if meets(path, half, bool(line.get_clip_on()), stem, ax):
            return False
    return True


def z_row_lines(ax: Axes, renderer: RendererBase) -> list[Bbox]:
    """The lines of ``ax``'s z labels where the z axis is inside the panel: the middle half
    of each label's height, from it across the panel up to the value axis's line, the
    origin's "0" across both sides (a value label in one reads as one of the row's: "0
    -0.4 1 2 3")."""
    lo, hi = ax.get_ylim()
    if not lo < 0 < hi:
        return []
    line = ax.transData.transform((0.0, 0.0))[0]
    out = []
    zero = [t for t in ax.texts if t.get_gid() == "sigplot-origin" and t.get_visible()]
    for label in [lab for _, _, _, lab in _shown_labels(ax.xaxis)] + zero:
        b = ink(label, renderer)
        left = (b.x0 + b.x1) / 2 < line
        x0, x1 = (ax.bbox.x0, line) if left else (line, ax.bbox.x1)
        if label in zero:  # at the crossing: its row runs on both sides of the line
            x0, x1 = ax.bbox.x0, ax.bbox.x1
        out.append(Bbox.from_extents(x0, b.y0 + b.height / 4, x1, b.y1 - b.height / 4))
    return out


def every_tick_labelled(fig: Figure) -> list[str]:
    """A tick is drawn bare only where its label has no clear spot on its axis's side
    (on its tick, or standing off on a long tick that crosses no curve): a curve or text
    crosses every one; never two bare ticks side by side between labels (past the last
    label the ticks read as the row going on), nor two ticks or more on one side of 0
    with no label at all (the axis reads as cut at 0). The tick at 0 where both axes
    cross inside the panel is the origin's."""
    faults = []
    boxes = [shown.box for shown in texts(fig)]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax in fig.axes:
        crossing = _both_at_zero(ax)
        for which, axis in (("z", ax.xaxis), ("value", ax.yaxis)):
            if which == "z" and row_read_from(ax) is not None:
                continue  # its ticks are those of the row it reads, judged with that panel
            labelled = {loc for loc, _, _, _ in _shown_labels(axis)}
            mine = [ink(lab, renderer) for _, _, _, lab in _shown_labels(axis)]
            others = [b for b in boxes if not any(b.bounds == m.bounds for m in mine)]
            if which == "value":  # not in line with a z row, where it reads as a z label
                others += z_row_lines(ax, renderer)
            bare = []
            for i, (loc, tick) in enumerate(ticks(axis)):
                if crossing and loc == 0:
                    continue
                marks = [(s, m) for s, m in ((1, tick.tick1line), (2, tick.tick2line))
                         if m.get_visible()]  # fmt: skip
                if not marks or loc in labelled:
                    continue
                bare.append(i)
                side = marks[0][0]
                label = tick.label1 if side == 1 else tick.label2
                label.set_visible(True)
                box = ink(label, renderer)  # by its glyphs' depth, as it is shown
                label.set_visible(False)
                size = em(label)
                lo, hi = sorted(ax.get_ylim() if which == "z" else ax.get_xlim())
                reach = _STAND_OFF[which] if lo < 0 < hi else 0.0
                shifts = np.arange(0.0, reach + 0.01, 0.5) * size
                if any(_spot_free(ax, which, loc, side, box, float(d), others, mine, size)
                       for d in shifts):  # fmt: skip
                    faults.append(f"a bare {which} tick at {loc:g}: its label has a clear spot")
            origin = any(t.get_gid() == "sigplot-origin" and t.get_visible() for t in ax.texts)
            # With no "0" at the origin, its tick reads as a gap in the z row; on the value
            # axis the z axis's line marks 0.
            gap = which == "z" and not origin
            marked = [i for i, (loc, _) in enumerate(ticks(axis))
                      if loc in labelled or (crossing and loc == 0 and not gap)]  # fmt: skip
            if crossing and gap:
                bare = sorted(bare + [i for i, (loc, _) in enumerate(ticks(axis)) if loc == 0])
            inner = [i for i in bare if marked and marked[0] < i < marked[-1]]
            if any(b - a == 1 for a, b in itertools.pairwise(inner)):
                faults.append(f"two bare {which} ticks side by side between labels")
            if crossing:  # a half of the axis with ticks and no label reads as cut at 0
                locs = [loc for loc, _ in ticks(axis)]
                for half in ([x for x in locs if x < 0], [x for x in locs if x > 0]):
                    if len(half) > 1 and not labelled.intersection(half):
                        faults.append(f"the {which} ticks {half[0]:g} to {half[-1]:g} all bare")
    return faults


def _leaves_root(ax: Axes, which: str, loc: float, line: Line2D, reach: float, side: int) -> bool:
    """Whether ``line`` meets the line of the tick at ``loc`` where it meets the axis line
    and leaves it at an angle on the tick's ``side`` (1 below or left, 2 above or right):
    between half ``reach`` and ``reach`` pixels along the tick from there its drawn
    vertices lie more than 1.5 px off the tick's line, and on the other side of the root
    not as far off to the same side (sigma rising through 0.5; elu' rising to 1 from the
    left, along 1 on the right), which a peak touching the tick there is (tanh' at 1)."""
    xy = line.get_transform().transform(np.column_stack(line.get_data()).astype(float))
    x0, y0 = ax.transData.transform((0.0, 0.0))
    x, y = ax.transData.transform((loc, loc))
    root = np.array([x, y0]) if which == "z" else np.array([x0, y])
    along, across = (1, 0) if which == "z" else (0, 1)  # the tick's line: x = x, or y = y
    d = xy - root
    d = d[np.isfinite(d).all(axis=1)]
    if not (np.hypot(*d.T) <= line.get_linewidth() * ax.figure.dpi / 72).any():
        return False  # it does not meet the tick at its root
    way = d[:, along] * (-1 if side == 1 else 1)
    band = abs(d[:, across]) <= 6 * reach
    mine = d[band & (way >= reach / 2) & (way <= reach)][:, across]
    other = d[band & (way <= -reach / 2) & (way >= -reach)][:, across]
    if mine.size == 0 or abs(np.median(mine)) <= 1.5:
        return False  # along the tick's line on its side
    return other.size == 0 or not (
        np.sign(np.median(other)) == np.sign(np.median(mine)) and abs(np.median(other)) > 1.5
    )


def _curves_meeting(ax: Axes, box: Bbox) -> list[Line2D]:
    """The curves of ``ax`` whose strokes meet ``box``."""
    met = []
    for line in curves(ax):
        path = line.get_transform().transform_path(line.get_path())
        half = line.get_linewidth() * ax.figure.dpi / 72 / 2
        if meets(path, half, bool(line.get_clip_on()), box, ax):
            met.append(line)
    return met


def _curve_meeting(ax: Axes, box: Bbox, skip: Sequence[Line2D] = ()) -> str | None:
    """The label of the first curve of ``ax`` (not among ``skip``) whose stroke meets
    ``box``, else None."""
    met = [line for line in _curves_meeting(ax, box) if line not in skip]
    return str(met[0].get_label()) if met else None


def _long_ticks(axis: Axis) -> tuple[float, list[tuple[float, int, Line2D]]]:
    """The length of ``axis``'s plain ticks (points; hidden ones too: at the origin, or
    where every label stands off), and its ticks drawn longer: (value, side, tick line),
    side 1 below or left, 2 above or right."""
    every = [(loc, s, m) for loc, tick in ticks(axis)
             for s, m in ((1, tick.tick1line), (2, tick.tick2line))]  # fmt: skip
    drawn = [(loc, s, m) for loc, s, m in every if m.get_visible()]
    plain = min((m.get_markersize() for _, _, m in every), default=0.0)
    return plain, [(loc, s, m) for loc, s, m in drawn if m.get_markersize() > plain + 0.01]


def long_ticks_read_as_leaders(fig: Figure) -> list[str]:
    """A tick drawn longer than its axis's plain ticks leads to a label standing off: it
    is drawn thinner than they are and see-through, so that it reads as a guide to its
    label, not as a level of the data (review 16: the long tick at tanh's 1 read as a
    stretch of tanh's asymptote; squashers' 0.5 as a reference line)."""
    import matplotlib as mpl

    faults = []
    for ax in fig.axes:
        for which, axis in (("z", ax.xaxis), ("value", ax.yaxis)):
            plain, long = _long_ticks(axis)
            plains = [m for loc, tick in ticks(axis)
                      for m in (tick.tick1line, tick.tick2line)
                      if m.get_markersize() <= plain + 0.01]  # fmt: skip
            if not plains:
                continue
            width = max(m.get_markeredgewidth() for m in plains)
            opacity = min(mpl.colors.to_rgba(m.get_markeredgecolor())[3] for m in plains)
            for loc, _, mark in long:
                thin = mark.get_markeredgewidth() <= 0.75 * width
                faint = mpl.colors.to_rgba(mark.get_markeredgecolor())[3] <= 0.75 * opacity
                if not (thin and faint):
                    faults.append(f"the long {which} tick at {loc:g} is drawn as a plain tick")
    return faults


def long_ticks_cross_no_curve(fig: Figure) -> list[str]:
    """A tick drawn longer than its axis's plain ticks, to a label standing off, crosses
    no curve past a plain tick's length from the axis line (there a curve meets the line,
    as sigma does at its own 0.5): a tick across a curve reads as clutter. The one
    exception is an axis the curves crowd: where fewer than three labels (the origin's 0
    aside on a value axis, counted in a z row; fewer where the axis has no room for
    three) have clear spots, long ticks across curves bring the count up to three, and
    no further (logsigmoid and celu over -10 to 4 at 5 x 3.5 in: the row between
    celu's -1 and the slopes' 0 and 1 showed "4" alone); and a half of
    either axis (either side of zero) with no clear spot may have its one label on a long
    tick across curves (softshrink, tanh and rrelu at the web size: "-4" under rrelu's
    band, where -6 to -2 read as an axis cut at 0); and a value the reader looks up (a
    curve's value at z = 0, a turning point, the level it settles to) may stand on a long
    tick across curves wherever it is (tanh's 1 over tanh''s peak, sigma''s 0.25 over
    sigma''s: a level the reader looks for and would find no number at), and so may a
    label without which two neighbouring ticks between labels would be bare (softsign's
    0.75 over 0.5)."""
    faults = []
    for ax in fig.axes:
        for which, axis in (("z", ax.xaxis), ("value", ax.yaxis)):
            crossed: list[str] = []
            alone = 0  # crossing labels that are the only label of their half of the axis
            signs = [np.sign(loc) for loc, _, _, _ in _shown_labels(axis)]
            looked_up = _looked_up(ax) if which == "value" else []
            plain, long = _long_ticks(axis)
            for loc, side, mark in long:
                end = mark.get_markersize() * fig.dpi / 72
                start = (ax.spines["left"].get_linewidth() / 2 + plain) * fig.dpi / 72
                stem = _tick_stem(ax, which, loc, side, start, end)
                # A curve meeting the tick's line at its root (on the axis line) and
                # leaving it at an angle on the tick's side may touch its first half em
                # too; a peak touching it there may not.
                half_em = em(axis.get_major_ticks()[0].label1) / 2
                past = _tick_stem(ax, which, loc, side, start + half_em, end)
                root = _tick_stem(ax, which, loc, side, 0.0, 0.0)  # where it meets the line
                angled = [c for c in _curves_meeting(ax, root)
                          if _leaves_root(ax, which, loc, c, half_em, side)]  # fmt: skip
                line = _curve_meeting(ax, stem, skip=angled) or _curve_meeting(ax, past)
                if line is None or any(abs(loc - k) <= 1e-9 for k in looked_up):
                    continue  # crossing nothing, or a looked-up value
                if which == "value" and _fills_a_gap(axis, loc):
                    continue
                crossed.append(f"the long {which} tick at {loc:g} crosses {line}")
                alone += signs.count(np.sign(loc)) == 1
            shown, need = len(_shown_labels(axis)), _room(ax, "x" if which == "z" else "y")
            if which == "z":
                shown += any(t.get_gid() == "sigplot-origin" and t.get_visible() for t in ax.texts)
            if alone == len(crossed):
                continue  # each labels a half of the axis the curves leave no other spot on
            if crossed and (shown - len(crossed) >= need or shown > need):
                faults += crossed
    return faults


def long_ticks_run_along_no_curve(fig: Figure) -> list[str]:
    """No tick drawn longer than its axis's plain ticks runs along a curve for more than
    an em and over half its length, or for more than an em up to within an em of its
    label (hardtanh' level at 1, threshold's branch at -1): a curve lying on the tick
    reads as the leader of its label, whatever crowds the axis. A peak touching the
    tick near the axis line, the leader running on alone to its label, reads as the
    level of that peak (sigma''s 0.25). Measured on the drawn vertices: the stretches
    of the tick's line, pixel by pixel, within a curve's half width of one of its
    segments."""
    faults = []
    for ax in fig.axes:
        for which, axis in (("z", ax.xaxis), ("value", ax.yaxis)):
            size = em(axis.get_major_ticks()[0].label1)
            for loc, side, mark in _long_ticks(axis)[1]:
                box = _tick_stem(ax, which, loc, side, 0.0, mark.get_markersize() * fig.dpi / 72)
                lo, hi = (box.y0, box.y1) if which == "z" else (box.x0, box.x1)
                along = np.arange(lo, hi + 1)
                at = np.full(along.size, (box.x0 if which == "z" else box.y0) + 1)
                pts = np.column_stack([at, along] if which == "z" else [along, at])
                for line in curves(ax):
                    xy = px(ax, line)
                    a, b = xy[:-1], xy[1:]
                    keep = np.isfinite(a).all(axis=1) & np.isfinite(b).all(axis=1)
                    a, b = a[keep], b[keep]
                    if not len(a):
                        continue
                    d = b - a
                    t = np.clip(((pts[:, None, :] - a) * d).sum(-1)
                                / np.maximum((d * d).sum(-1), 1e-12), 0, 1)  # fmt: skip
                    gap = np.hypot(*(pts[:, None, :] - (a + t[..., None] * d)).T).T.min(axis=1)
                    on = gap <= line.get_linewidth() * fig.dpi / 72 / 2
                    label_end = 0 if side == 1 else along.size - 1  # left of or below the line: 0
                    for i, j in runs(on):
                        if j - i > size and (
                            j - i > along.size / 2
                            or min(abs(i - label_end), abs(j - 1 - label_end)) <= size
                        ):
                            faults.append(f"the long {which} tick at {loc:g} runs along "
                                          f"{line.get_label()} for {j - i} px")  # fmt: skip
    return faults


def runs(hits: np.ndarray) -> list[tuple[int, int]]:
    """The [start, end) index ranges where ``hits`` is True throughout."""
    out, start = [], None
    for i, hit in enumerate([*hits.tolist(), False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            out.append((start, i))
            start = None
    return out


def _fills_a_gap(axis: Axis, loc: float) -> bool:
    """Whether, were the label at ``loc`` left out, two neighbouring ticks between labels
    of ``axis`` would be bare (the origin's tick, where both axes cross, is not bare)."""
    ax = axis.axes
    locs = [x for x, _ in ticks(axis)]
    labelled = {x for x, _, _, _ in _shown_labels(axis)} - {loc}
    if _both_at_zero(ax):
        labelled.add(0.0)
    marked = [i for i, x in enumerate(locs) if x in labelled]
    if not marked:
        return False
    i = locs.index(loc)
    return any(marked[0] < j < marked[-1] and marked[0] < i < marked[-1]
               and locs[j] not in labelled for j in (i - 1, i + 1))  # fmt: skip


def _looked_up(ax: Axes) -> list[float]:
    """The value ticks at values a reader looks up, within a hundredth of the value axis:
    each named curve's value at z = 0, its turning points (where its sampled slope changes
    sign) and the level it settles to at an end (its last tenth of samples flat)."""
    lo, hi = sorted(ax.get_ylim())
    tol = 0.01 * (hi - lo)
    found: list[float] = []
    for line in ax.lines:
        if str(line.get_label()).startswith("_") or line.get_linestyle() in ("None", "none"):
            continue
        z, y = (np.asarray(a, dtype=float) for a in line.get_data())
        keep = np.isfinite(z) & np.isfinite(y)
        z, y = z[keep], y[keep]
        if len(y) < 10:
            continue
        if z.min() < 0 < z.max():
            found.append(float(np.interp(0.0, z, y)))
        slope = np.sign(np.diff(y))
        found += [float(y[i + 1]) for i in range(len(slope) - 1) if slope[i] * slope[i + 1] < 0]
        n = max(len(y) // 10, 2)
        found += [float(np.mean(end)) for end in (y[:n], y[-n:]) if np.ptp(end) <= tol]
    locs = [float(x) for x in ax.get_yticks()]
    return [t for t in locs if t != 0 and any(abs(t - v) <= tol for v in found)]


def origin_on_its_row(fig: Figure) -> list[str]:
    """At most one origin "0" a panel, only where both axes cross inside it, in the row of
    the z labels on their side (its box level with theirs) and beside the value axis's
    line (within an em of it, not across it, and as far from it as a tick label from its
    tick: closer, it read as squeezed against the line, review 14)."""
    faults = []
    for ax in fig.axes:
        origin = [t for t in ax.texts if t.get_gid() == "sigplot-origin" and t.get_visible()]
        if len(origin) > 1 or (origin and not _both_at_zero(ax)):
            faults.append(f"{len(origin)} origins")
            continue
        if not origin:
            continue
        box = Text.get_window_extent(origin[0])
        row = [(t, s, lab) for _, t, s, lab in _shown_labels(ax.xaxis)]
        if row:
            shortest = min(t.tick1line.get_markersize() for t, _, _ in row)
            level = [lab.get_window_extent() for t, _, lab in row
                     if t.tick1line.get_markersize() == shortest]  # fmt: skip
            side = row[0][1]
            if level and abs(level[0].y0 - box.y0) > 1 and abs(level[0].y1 - box.y1) > 1:
                faults.append(f"the origin at {box.y0:.0f}-{box.y1:.0f} px off its row "
                              f"{level[0].y0:.0f}-{level[0].y1:.0f}")  # fmt: skip
            zero_y = ax.transData.transform((0, 0))[1]
            if (side == 1) != (box.y1 < zero_y):
                faults.append("the origin on the other side of the z axis from its labels")
        x0 = ax.transData.transform((0, 0))[0]
        apart = box.x0 - x0 if box.x0 >= x0 else x0 - box.x1
        pad = 3.5 * fig.dpi / 72  # a tick label's gap to its tick (matplotlib's 3.5 pt)
        if box.x0 < x0 < box.x1 or apart > em(origin[0]) or apart < pad:
            faults.append(f"the origin {apart:.0f} px from the value axis")
    return faults


def labels_stand_beyond_curves(fig: Figure) -> list[str]:
    """A label standing off on a long tick keeps a fifth of an em from every curve: it
    reads as beyond the curves its tick crosses, never squeezed among them."""
    faults = []
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax in fig.axes:
        for which, axis in (("z", ax.xaxis), ("value", ax.yaxis)):
            shown = _shown_labels(axis)
            if not shown:
                continue
            normal = min(t.tick1line.get_markersize() for _, t, _, _ in shown)
            for _, tick, _, label in shown:
                if tick.tick1line.get_markersize() <= normal + 0.01:
                    continue
                box = ink(label, renderer).padded(0.2 * em(label))  # from its glyphs
                line = _curve_meeting(ax, box)
                if line is not None:
                    faults.append(f"{which} label {label.get_text()} on a long tick beside {line}")
    return faults


def _ink(ax: Axes, mark: Line2D) -> np.ndarray:
    """The corners of what a mark fills, in pixels (a marker's path may hold a point that
    draws nothing)."""
    polygons = [q for q in map(np.asarray, _marker_px(ax, mark).to_polygons()) if len(q) >= 3]
    return np.concatenate(polygons) if polygons else np.full((1, 2), np.nan)


def _crossings(ax: Axes, line: Line2D) -> list[tuple[float, float, int]]:
    """Where a curve crosses its panel's top or foot between two drawn samples, in pixels:
    (x, y, +1 leaving upwards or -1 downwards as one walks out of the panel)."""
    p = px(ax, line)
    y0, y1 = ax.bbox.y0, ax.bbox.y1
    tol = 1e-6 * (y1 - y0)
    out = []
    for (xa, ya), (xb, yb) in itertools.pairwise(p):
        if not np.isfinite([xa, ya, xb, yb]).all():
            continue
        for edge, way in ((y1, 1), (y0, -1)):
            a_out, b_out = way * (ya - edge) > tol, way * (yb - edge) > tol
            if a_out != b_out and y0 - tol <= (yb if a_out else ya) <= y1 + tol:
                t = (edge - ya) / (yb - ya)
                out.append((float(xa + t * (xb - xa)), float(edge), way))
    return out


def _heads(ax: Axes) -> list[tuple[list[Line2D], np.ndarray, np.ndarray]]:
    """The arrowheads of a panel as drawn: its marks of gid EXIT, each a filled triangle,
    grouped by the corner they share (the slices of one head in several colours), with
    the head's corners and its tip (of one triangle, the corner facing its shortest side;
    of slices, the corner they share farthest from the others)."""
    groups: list[tuple[list[Line2D], list[np.ndarray]]] = []
    for mark in (m for m in marks(ax) if m.get_gid() == EXIT):
        v = _ink(ax, mark)[:3]
        group = next((g for g in groups
                      if any(math.dist(p, q) < 0.5 for p in v for q in g[1][0])), None)  # fmt: skip
        if group is None:
            groups.append(([mark], [v]))
        else:
            group[0].append(mark)
            group[1].append(v)
    out = []
    for members, inks in groups:
        v = np.concatenate(inks)
        if len(inks) == 1:
            sides = [math.dist(v[(i + 1) % 3], v[(i + 2) % 3]) for i in range(3)]
            tip = v[int(np.argmin(sides))]
        else:
            shared = [p for p in inks[0]
                      if all(any(math.dist(p, q) < 0.5 for q in w) for w in inks)]  # fmt: skip
            tip = max(shared, key=lambda p: float(np.hypot(*(v - p).T).sum()))
        out.append((members, v, tip))
    return out


def exits_marked(fig: Figure) -> list[str]:
    """Where a curve leaves its panel through the top or the foot inside the z range, an
    arrowhead points out of the panel there, within an arrow's length of the crossing, at
    least three line widths long and wider than the line, inside the panel (but where
    the curve leaves at under 10 degrees, past the edge it leaves by, as far as the
    arrow is wide): in the curve's colour (or that of a curve taking turns with it),
    its tip and the middle of its length on the curve; or, where curves leave within
    its width, in slices of their colours, its tip and middle within half its width of
    each. No arrowhead stands where no curve leaves."""
    faults = []
    for ax in fig.axes:
        heads = _heads(ax)
        used: set[int] = set()
        found = [(line, c) for line in curves(ax) for c in _crossings(ax, line)]
        paths = [(line, line.get_transform().transform_path(line.get_path()))
                 for line in curves(ax)]  # fmt: skip
        for line, (x, y, way) in found:
            width = line.get_linewidth() * fig.dpi / 72
            ok = None
            order = sorted(range(len(heads)), key=lambda k: math.dist(heads[k][2], (x, y)))
            for k in order:  # the nearest head first: two of one colour stand 16 px apart
                members, v, tip = heads[k]
                base = v[np.argsort(np.hypot(*(v - tip).T))[-2:]].mean(axis=0)
                length = float(np.hypot(*(tip - base)))
                along = (tip - base) / max(length, 1e-9)
                across = float(np.ptp(v @ np.array([-along[1], along[0]])))
                room = ax.bbox.padded(1)
                if abs(along[1]) < math.sin(math.radians(10)):  # the edge may cut a corner
                    room = Bbox.from_extents(room.x0, room.y0 - across * (way < 0), room.x1,
                                             room.y1 + across * (way > 0))  # fmt: skip
                inside = room.count_contains(v) == len(v)
                colours = [m.get_color() for m in members]
                # this curve's colour, or that of a curve leaving with it as one line
                # (taking turns: within a quarter of a line width across the arrow; silu
                # and identity leave the top 1 px apart along it, 0.7 px across at 45
                # degrees)
                same = [other.get_color() for other, (x2, y2, _) in found
                        if y2 == y and abs((x2 - x) * along[1]) <= width / 4]  # fmt: skip
                # a lone head's tip and middle on its curve; a split head's over each
                # of its curves (its base spans them all)
                near = (1.5, width) if len(members) == 1 else (across / 2, across / 2)
                under = all(
                    any(_near(p, tip) <= near[0] and _near(p, tip - along * length / 2)
                        <= near[1] for other, p in paths
                        if mpl.colors.same_color(other.get_color(), c))
                    for c in colours
                )  # fmt: skip
                if (any(mpl.colors.same_color(c, o) for c in colours for o in same)
                        and math.dist(tip, (x, y)) <= 1.5 * length and under
                        and inside and way * along[1] > 0
                        and length >= 3 * width and across > 1.5 * width):  # fmt: skip
                    ok = k
                    break
            if ok is None:
                z = ax.transData.inverted().transform((x, y))[0]
                faults.append(f"{line.get_label()} leaves the panel at z = {z:.3g} "
                              "with no arrowhead there")  # fmt: skip
            else:
                used.add(ok)
        for k, (_, _, tip) in enumerate(heads):
            if k not in used:
                z, at = ax.transData.inverted().transform(tip)
                faults.append(f"an arrowhead at ({z:.3g}, {at:.3g}) where no curve leaves")
    return faults
