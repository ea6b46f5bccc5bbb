"""The drawn figure in pixels: curves and axis lines as strokes, the boxes of texts, and
the tight fit after which that geometry is final. Crossing tests read only the stretch
of a curve under each box."""

from __future__ import annotations

import warnings
from typing import Any, Protocol

import matplotlib as mpl
import numpy as np
from matplotlib import ft2font
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.legend import Legend
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Affine2D, Bbox, BboxBase

from sigplot._speedups import steady
from sigplot.maths.errors import SigplotWarning
from sigplot.plot.features import runs
from sigplot.spec.presets import Preset

EXIT = "sigplot-exit"  # the gid of an arrowhead where a curve leaves its panel (exits.py)
GHOST = "_ghost"  # the label of another frame's curve, present only while laying out
READING = 1.0  # ems between a tick label and a text beside it on its line: nearer, one line


class Stroke:
    """A drawn line in pixels and the margin its width needs (``pad``). A curve drawn left
    to right is tested against a box by its stretch under the box alone, so the many boxes
    tried (legend spots, tick labels, notes) each cost a few segments, not the curve."""

    def __init__(self, path: Path, pad: float, clip: Bbox | None = None) -> None:
        self.path, self.pad, self.vertices = path, pad, np.asarray(path.vertices)
        self.clip = clip  # the panel a clipped line is drawn in: nothing of it shows outside
        with warnings.catch_warnings():  # an all-NaN line has no extent
            warnings.simplefilter("ignore", RuntimeWarning)
            low, high = np.nanmin(self.vertices, axis=0), np.nanmax(self.vertices, axis=0)
        self.extent = Bbox([low - pad, high + pad]) if np.isfinite([*low, *high]).all() else None
        self._extent = () if self.extent is None else tuple(map(float, self.extent.extents))
        self._clip = () if clip is None else tuple(map(float, clip.extents))
        xs = self.vertices[:, 0]
        rising = path.codes is None and len(xs) > 1 and bool(np.all(np.diff(xs) >= 0))
        self.xs = xs if rising else None  # NaN (a gap in x) compares false: the whole path
        # A NaN breaks the line where it is drawn (a jump), but matplotlib's crossing
        # tests join the points either side of it: each unbroken run is tested alone.
        drawn = np.isfinite(self.vertices).all(axis=1)
        pieces = runs(drawn) if path.codes is None and not drawn.all() else []
        self.parts = [Stroke(Path(self.vertices[a:b]), pad, clip) for a, b in pieces]

    @property
    def dot(self) -> bool:
        """Whether the stroke is one point: a marker (a jump's dot, a ring), not a line."""
        return len(self.vertices) == 1

    def crosses(self, box: Bbox, margin: float = 0.0) -> bool:
        """Whether the stroke, widened by its pad and ``margin``, meets ``box``. (The tests
        before the last are on plain floats: a figure's labels and notes ask this tens of
        thousands of times, and a Bbox's arithmetic costs microseconds each.)"""
        if self.extent is None:
            return False
        if self.parts:
            return any(part.crosses(box, margin) for part in self.parts)
        (bx0, by0), (bx1, by1) = box.get_points()
        bx0, bx1, by0, by1 = min(bx0, bx1), max(bx0, bx1), min(by0, by1), max(by0, by1)
        ex0, ey0, ex1, ey1 = self._extent
        if bx1 < ex0 - margin or by1 < ey0 - margin or bx0 > ex1 + margin or by0 > ey1 + margin:
            return False  # as Bbox.overlaps, with the extent padded by ``margin``
        pad = self.pad + margin
        x0, y0, x1, y1 = bx0 - pad, by0 - pad, bx1 + pad, by1 + pad
        if self.clip is not None:  # as Bbox.intersection: None where they do not meet
            cx0, cy0, cx1, cy1 = self._clip
            x0, y0, x1, y1 = max(x0, cx0), max(y0, cy0), min(x1, cx1), min(y1, cy1)
            if not (x0 <= x1 and y0 <= y1):
                return False
        box = Bbox.from_extents(x0, y0, x1, y1)
        path = self.path
        if self.xs is not None:  # the segments reaching into [x0, x1], and no others
            lo = max(int(np.searchsorted(self.xs, box.x0)) - 1, 0)
            stretch = self.vertices[lo : int(np.searchsorted(self.xs, box.x1, "right")) + 1]
            ys = stretch[:, 1]
            with np.errstate(invalid="ignore"):  # a stretch all above or below the box
                if not (ys <= box.y1).any() or not (ys >= box.y0).any():
                    return False
            path = Path(stretch)
        return bool(path.intersects_bbox(box, filled=False) or box.count_contains(path.vertices))

    def meets(self, path: Path) -> bool:
        """Whether the line (its centre, not its width) crosses ``path`` (a leader)."""
        if self.parts:
            return any(part.meets(path) for part in self.parts)
        return bool(self.path.intersects_path(path, filled=False))


def strokes_of(ax: Axes, lines: list[Any]) -> list[Stroke]:
    """Each line in pixels with half its stroke width, or half its marker's size."""
    px_per_pt = ax.figure.dpi / 72

    def half_width(line: Any) -> float:
        stroke = line.get_linewidth() if line.get_linestyle() not in ("None", "none", "") else 0
        marker = line.get_markersize() if line.get_marker() not in ("None", "none", "", None) else 0
        return float(max(stroke, marker)) * px_per_pt / 2

    return [
        Stroke(outline(ax, line), 0.5, ax.bbox) if line.get_gid() == EXIT else
        Stroke(line.get_transform().transform_path(line.get_path()), half_width(line),
               ax.bbox if line.get_clip_on() else None)
        for line in lines
    ]  # fmt: skip


def outline(ax: Axes, line: Any) -> Path:
    """An arrowhead's filled outline in pixels: a text keeps off the arrow, not off the
    square its marker's size spans about its tip (that square took the z label "2" and
    the origin's "0" from hardshrink and exponential's stack, whose labels it did not
    touch)."""
    style = MarkerStyle(line.get_marker())
    size = line.get_markersize() * ax.figure.dpi / 72
    at = line.get_transform().transform(np.column_stack(line.get_data()))[0]
    shape = style.get_path().transformed(style.get_transform() + Affine2D().scale(size))
    polygon = next(q for q in map(np.asarray, shape.to_polygons()) if len(q) >= 3) + at
    return Path(polygon, closed=True)


def spine_strokes(ax: Axes) -> list[Stroke]:
    """Every visible axis line (at its full width), in pixels, where it is now drawn."""
    px_per_pt = ax.figure.dpi / 72
    spines = [spine for spine in ax.spines.values() if spine.get_visible()]
    for spine in spines:
        spine.get_window_extent()  # fits the line's path to the present limits
    return [
        Stroke(spine.get_transform().transform_path(spine.get_path()),
               spine.get_linewidth() * px_per_pt)
        for spine in spines
    ]  # fmt: skip


COINCIDING = "_coinciding"  # the label of a coinciding stretch's pieces (legend: none)


def drawn_lines(ax: Axes) -> list[Any]:
    """The lines a text must keep off: curves and marks (and, in the blog preset, a sweep's
    extent while its limits are found); not a coinciding stretch's pieces, each drawn on
    a curve that is there whole (marks.show_coinciding)."""
    return [line for line in ax.lines if (line.get_visible() or line.get_label() == GHOST)
            and line.get_label() != COINCIDING]  # fmt: skip


class Crossing(Protocol):
    """A line a text keeps off: a :class:`Stroke`, or the other frames of a sweep; ``pad``:
    the margin its width needs, in pixels."""

    pad: float

    def crosses(self, box: Bbox, margin: float = 0.0) -> bool: ...

    def meets(self, path: Path) -> bool: ...


class _Cells:
    """Which strokes pass near which cells of a coarse grid over the figure, kept as one
    summed table per stroke: a box asks every stroke at once which of them could meet it,
    and only those few are tested exactly. The test never says "clear" wrongly: each
    segment marks every cell of its bounding box, and a box is widened by the widest pad."""

    CELL = 6.0  # pixels a side

    def __init__(self, strokes: list[Stroke], width: float, height: float) -> None:
        self.strokes = strokes
        self.pad = max((s.pad for s in strokes), default=0.0)
        self.nx, self.ny = int(width // self.CELL) + 2, int(height // self.CELL) + 2
        tables = np.zeros((len(strokes), self.ny + 1, self.nx + 1), np.int32)
        for table, stroke in zip(tables, strokes, strict=True):
            table[1:, 1:] = self._marked(stroke.vertices).cumsum(0).cumsum(1)
        self.tables = tables
        self._found: dict[tuple[int, int, int, int], list[Stroke]] = {}

    def _cell(self, v: np.ndarray, n: int) -> np.ndarray:
        return np.clip(np.floor(v / self.CELL), 0, n - 1).astype(np.intp)

    def _marked(self, vertices: np.ndarray) -> np.ndarray:
        """The cells each segment's bounding box covers (a lone point its own cell): the
        corners of the boxes counted into one table (``bincount``), summed in rows and
        columns."""
        v = vertices[np.isfinite(vertices).all(axis=1)] if len(vertices) else vertices
        nx, ny = self.nx + 1, self.ny + 1
        if not len(v):
            return np.zeros((ny - 1, nx - 1), bool)
        a, b = (v[:-1], v[1:]) if len(v) > 1 else (v, v)
        x0 = self._cell(np.minimum(a[:, 0], b[:, 0]), self.nx)
        x1 = self._cell(np.maximum(a[:, 0], b[:, 0]), self.nx) + 1
        y0 = self._cell(np.minimum(a[:, 1], b[:, 1]), self.ny) * nx
        y1 = (self._cell(np.maximum(a[:, 1], b[:, 1]), self.ny) + 1) * nx
        corners = np.concatenate([y0 + x0, y1 + x1, y0 + x1, y1 + x0])
        signs = np.repeat([1, 1, -1, -1], len(x0))
        grid = np.bincount(corners, signs, ny * nx).reshape(ny, nx)
        return grid.cumsum(0).cumsum(1)[:-1, :-1] > 0.5

    def near(self, box: Bbox, margin: float) -> list[Stroke]:
        """The strokes with a marked cell under ``box`` widened by the widest pad."""
        (bx0, by0), (bx1, by1) = box.get_points()
        grow = self.pad + margin + 1.0
        lo_x, hi_x = min(bx0, bx1) - grow, max(bx0, bx1) + grow
        lo_y, hi_y = min(by0, by1) - grow, max(by0, by1) + grow
        c = self.CELL
        i0, i1 = (
            min(max(int(lo_y // c), 0), self.ny - 1),
            min(max(int(hi_y // c), 0), self.ny - 1),
        )
        j0, j1 = (
            min(max(int(lo_x // c), 0), self.nx - 1),
            min(max(int(hi_x // c), 0), self.nx - 1),
        )
        key = (i0, i1, j0, j1)
        if key not in self._found:  # a label's spots are asked again and again
            t = self.tables
            counts = t[:, i1 + 1, j1 + 1] - t[:, i0, j1 + 1] - t[:, i1 + 1, j0] + t[:, i0, j0]
            self._found[key] = [self.strokes[k] for k in np.flatnonzero(counts)]
        return self._found[key]


class Obstacles:
    """What a text must not meet, in pixels: the strokes of curves and marks, the axis
    lines, and the boxes of texts already placed."""

    def __init__(
        self,
        strokes: list[Crossing],
        spines: list[Stroke],
        boxes: list[Bbox] | None = None,
        size: tuple[float, float] | None = None,
        lines: list[Bbox] | None = None,
    ) -> None:
        self.strokes, self.spines, self.boxes = strokes, spines, list(boxes or [])
        self.size = size  # the figure's pixels, for the grid of cells; None: no grid
        # Tick labels' lines (:func:`obstacles_of`): a text keeps off them, a leader need not.
        self.lines = list(lines or [])
        self._cells: dict[str, Any] = {}  # shared by copies: the grid of these strokes

    @classmethod
    def of(cls, ax: Axes) -> Obstacles:
        from sigplot.plot.swept import Swept  # a sweep's other frames, while it is laid out

        swept: list[Crossing] = [a for a in ax.artists if isinstance(a, Swept)]
        size = tuple(map(float, ax.figure.bbox.size))
        return cls([*strokes_of(ax, drawn_lines(ax)), *swept], spine_strokes(ax), size=size)  # type: ignore[arg-type]

    def copy(self) -> Obstacles:
        other = Obstacles(self.strokes, self.spines, self.boxes, self.size, self.lines)
        other._cells = self._cells
        return other

    def near(self, box: Bbox, margin: float = 0.0) -> list[Crossing]:
        """The lines that could meet ``box`` widened by ``margin``: the strokes the grid
        of cells finds near it, and any line the grid does not hold (a sweep's frames)."""
        if self.size is None:
            return list(self.strokes)
        if self._cells.get("of") is not self.strokes:
            held = [s for s in self.strokes if isinstance(s, Stroke) and s.extent is not None]
            rest = [s for s in self.strokes if not isinstance(s, Stroke)]
            self._cells.update(of=self.strokes, grid=_Cells(held, *self.size), rest=rest)
        return [*self._cells["grid"].near(box, margin), *self._cells["rest"]]

    def clear(self, box: Bbox, margin: float = 0.0, lines: bool = True) -> bool:
        """Whether ``box`` meets no stroke or axis line (widened by ``margin``), no text
        and (with ``lines``) no tick label's line."""
        return (
            not any(s.crosses(box, margin) for s in self.near(box, margin))
            and not any(s.crosses(box, margin) for s in self.spines)
            and not any(box.overlaps(b) for b in self.boxes)
            and not (lines and any(box.overlaps(b) for b in self.lines))
        )


def text_box(text: Text) -> Bbox:
    """The box of a text alone (an annotation's without its leader line), where it is
    drawn now: an annotation is placed again from its point first."""
    if isinstance(text, Annotation):
        text.update_positions(text.figure._get_renderer())  # type: ignore[union-attr]
    return Text.get_window_extent(text)


def ink_box(label: Text) -> Bbox:
    """A one-line plain label's box less the room under its baseline its glyphs leave
    blank: matplotlib makes every line as deep as "lp", so "−2" has 2-3 px of nothing
    under its digits, which left catalogue-more's identity −2 out beside a curve that
    clears its ink. Tick labels and the origin's "0" are measured so."""
    box = text_box(label)
    text = label.get_text()
    if not text or "\n" in text or "$" in text or label.get_rotation() % 360 or label.get_usetex():
        return box
    blank = _blank(text, label.get_fontproperties(), label.figure._get_renderer())  # type: ignore[union-attr]
    return Bbox.from_extents(box.x0, box.y0 + blank, box.x1, box.y1)


_BLANKS: dict[tuple[str, int, float], float] = {}
_KEPT = 4096


def same_box(a: BboxBase, b: BboxBase) -> bool:
    """Whether ``a`` and ``b`` are one box, to a rounding: a box found again in a list."""
    return bool(np.allclose(a.bounds, b.bounds))


def _blank(text: str, prop: FontProperties, renderer: Any) -> float:
    """Pixels between the bottom of "lp"'s line and the lowest ink of ``text``, read from
    its glyphs' unhinted outlines (round digits dip a fraction of a pixel below the
    baseline). Where matplotlib (3.11) makes the line as deep as the font's descender,
    deeper than "lp", a sliver of the blank stays in the box."""
    key = (text, hash(prop), float(renderer.dpi))
    if key not in _BLANKS:
        if len(_BLANKS) >= _KEPT:  # a long session's labels: bounded, as matplotlib's caches
            _BLANKS.clear()
        lp = float(renderer.get_text_width_height_descent("lp", prop, ismath=False)[2])
        font = get_font(findfont(prop))  # unhinted, as the outlines are (TextPath's 2 ms)
        font.set_size(prop.get_size_in_points(), float(renderer.dpi))
        font.set_text(text, 0.0, flags=_UNHINTED)
        _BLANKS[key] = max(lp - font.get_descent() / 64, 0.0)
    return _BLANKS[key]


_UNHINTED: Any = (  # matplotlib 3.8 and 3.9 name the flag LOAD_NO_HINTING
    ft2font.LoadFlags.NO_HINTING if hasattr(ft2font, "LoadFlags") else ft2font.LOAD_NO_HINTING  # type: ignore[attr-defined]
)


def text_boxes(ax: Axes, labels: list[Bbox]) -> list[Bbox]:
    """The boxes of the texts shown in and around a panel: the tick labels' ``labels``
    (by their ink's depth), notes, the title."""
    notes = [t for t in ax.texts if t.get_visible() and t.get_text()]
    return labels + [text_box(t) for t in notes + titles(ax)]


def label_lines(ax: Axes, labels: list[Bbox]) -> list[Bbox]:
    """Each tick label's line (``labels``: their ink boxes): the middle half of its
    height, READING of its ems wider on each side, up to the value axis's line (a line
    between them parts them). A text meeting it stands on the label's line too near it:
    a key ending "slope 0.0452" an em before the value label "1" read as "slope 0.0452 1"."""
    em, x = _tick_em(ax), _axis_x(ax)
    return [_parted(x, _line(box, READING * em, box.height / 4), box) for box in labels]


def row_line(ax: Axes, box: Bbox, both: bool = False) -> Bbox:
    """The line of a z label at ``box`` (the middle half of its height) across the panel
    up to the value axis's line, on the label's side (``both``: on both sides, the
    origin's "0" at the crossing): a value label standing in it reads as one of the
    row's labels (axes._z_rows)."""
    zone = Bbox.from_extents(ax.bbox.x0, box.y0 + box.height / 4, ax.bbox.x1,
                             box.y1 - box.height / 4)  # fmt: skip
    return zone if both else _parted(_axis_x(ax), zone, box)


def beside(ax: Axes, rows: list[Bbox]) -> list[Bbox]:
    """Where a tick label may not stand beside texts whose lines are at ``rows`` (a
    legend's rows, notes): :func:`label_lines`'s rule seen from the text."""
    em, x = _tick_em(ax), _axis_x(ax)
    high = min((ink_box(t).height for t in tick_labels(ax)), default=em)  # a label's ink
    return [_parted(x, _line(box, READING * em, high / 4), box)
            for box in rows if box.height > high / 2]  # fmt: skip


def _axis_x(ax: Axes) -> float | None:
    """Where the value axis's line stands across the canvas; None where it is hidden. From
    the line's own path: the spine's window extent takes in one of its ticks, which one
    matplotlib picks from a set (in memory order), and a long tick standing a label off
    moved the line by pixels from one run to the next (the same command drew
    elu,softplus at 5 x 3.5 in with its legend inside or under the panel)."""
    spine = ax.spines["left"]
    if not spine.get_visible():
        return None
    path = spine.get_transform().transform_path(spine.get_path())
    return float(np.asarray(path.vertices)[:, 0].mean())


def _parted(x: float | None, zone: Bbox, box: Bbox) -> Bbox:
    """``zone`` around ``box`` cut at the value axis's line at ``x``, on ``box``'s side."""
    if x is None or not zone.x0 < x < zone.x1:
        return zone
    if (box.x0 + box.x1) / 2 < x:
        return Bbox.from_extents(zone.x0, zone.y0, x, zone.y1)
    return Bbox.from_extents(x, zone.y0, zone.x1, zone.y1)


def _tick_em(ax: Axes) -> float:
    size = FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points()
    return float(size * ax.figure.dpi / 72)


def _line(box: Bbox, by: float, inset: float) -> Bbox:
    return Bbox.from_extents(box.x0 - by, box.y0 + inset, box.x1 + by, box.y1 - inset)


def within(outer: BboxBase, box: BboxBase) -> bool:
    """Whether ``box`` lies inside ``outer`` (a panel, or the canvas)."""
    o = outer
    return bool(o.x0 <= box.x0 <= box.x1 <= o.x1 and o.y0 <= box.y0 <= box.y1 <= o.y1)


def titles(ax: Axes) -> list[Text]:
    """The panel's title and axis labels that show (visible, not blank)."""
    return [
        t for t in (ax.title, ax.xaxis.label, ax.yaxis.label) if t.get_visible() and t.get_text()
    ]


def obstacles_of(ax: Axes) -> Obstacles:
    """What a text in ``ax`` keeps off: its curves, marks, axis lines, texts and the tick
    labels' lines."""
    obstacles = Obstacles.of(ax)
    labels = [ink_box(t) for t in tick_labels(ax)]
    obstacles.boxes += text_boxes(ax, labels)
    obstacles.lines = label_lines(ax, labels)
    return obstacles


def tick_labels(ax: Axes, which: str = "xy") -> list[Text]:
    """The tick labels shown (visible, not blank) of the axes ``which`` names, on either
    side of their line."""
    return [
        label
        for axis in [ax.xaxis] * ("x" in which) + [ax.yaxis] * ("y" in which)
        for tick in axis.get_major_ticks()
        for label in (tick.label1, tick.label2)
        if label.get_visible() and label.get_text()
    ]


GUTTER = 2.0  # ems between the columns of a grid
PAD = 0.5  # ems between the canvas edge and what the tight layout fits (matplotlib: 1.08)
FOOT = "sigplot-foot"  # the gid of a legend under the whole figure (a sweep's cells' one)


def tight_fit(fig: Figure, preset: Preset) -> None:
    """Fit the axes to the figure once (tight layout), so later geometry is final. Columns
    of small multiples keep a gutter of GUTTER ems: with the curves running to each
    panel's edge, a narrower gap reads the row as one continuous line."""
    if not preset.tight:
        return
    # A legend at the foot (legend._foot) is out of the layout: the panels fit above it.
    feet = [a.get_window_extent().y1 for ax in fig.axes for a in ax.get_children()
            if isinstance(a, Legend) and a.get_gid() == FOOT]  # fmt: skip
    rect = (0.0, max(feet) / fig.bbox.height if feet else 0.0, 1.0, 1.0)
    with warnings.catch_warnings():
        # Only matplotlib's own verdict counts: other warnings raised while laying out (such
        # as pyparsing's deprecations under matplotlib 3.8) pass through untouched.
        warnings.filterwarnings("error", "Tight layout not applied", UserWarning)
        try:
            with steady(fig):
                fig.tight_layout(pad=PAD, w_pad=GUTTER, rect=rect)
            return
        except UserWarning:
            pass
        finally:  # tight_layout leaves a placeholder engine behind; with any engine set,
            fig.set_layout_engine(None)  # every savefig draws the whole figure twice
    w, h = fig.get_size_inches()
    warnings.warn(
        f"size {w:g} {h:g} leaves no room for the labels; drawn without a tight layout",
        SigplotWarning,
        stacklevel=4,
    )


def legend_loc(name: str) -> Any:
    """A legend location checked by spec.LEGEND_LOCATIONS, typed for matplotlib's stubs."""
    return name
