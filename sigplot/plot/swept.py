"""The other frames of a sweep, as the layout of its first frame needs them, in memory that
does not grow with the number of frames.

The value axis needs only each frame's window (:class:`Ghosts` keeps one pair of numbers a
frame); the texts the layout places keep off wherever any frame's line passes, which
:class:`Swept` keeps as one bitmap over the panel (half a pixel a cell, or finer), not as
every frame's samples. Frames are computed again, one at a time, to fill it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.path import Path
from matplotlib.transforms import Bbox

from sigplot.maths.logistic import FloatArray
from sigplot.plot.curves import Curves, compute
from sigplot.plot.value_axis import reach, window
from sigplot.spec.options import FigureSpec

_MOST_CELLS = 2048  # a side of the bitmap: half a pixel a cell up to 1024 pixels, then coarser


def frame_window(curves: Curves, spec: FigureSpec) -> tuple[float, float]:
    """The value axis's limits for one frame's curves drawn together in one panel."""
    return window([r for c in curves.lines if (r := reach(c, *spec.range)) is not None])


class Ghosts:
    """The other frames of a sweep's panel: their specs, each frame's window and the
    extent of all their lines (for the blog preset, whose limits matplotlib picks), found
    computing one frame at a time."""

    def __init__(self, frames: Sequence[FigureSpec]) -> None:
        self.frames = tuple(frames)
        self.windows: list[tuple[float, float]] = []
        low, high = [math.inf, math.inf], [-math.inf, -math.inf]
        for spec, curves in self.computed():
            self.windows.append(frame_window(curves, spec))
            drawn = self.lines(spec, curves, tangents=False)
            for x, y in [*drawn, *self.lines(spec, curves, tangents=True)]:
                seen = np.isfinite(x) & np.isfinite(y)
                if seen.any():
                    low = [min(low[0], float(x[seen].min())), min(low[1], float(y[seen].min()))]
                    high = [max(high[0], float(x[seen].max())), max(high[1], float(y[seen].max()))]
        self.extent = (low, high) if math.isfinite(low[0]) else None

    def computed(self) -> Iterator[tuple[FigureSpec, Curves]]:
        """Each frame's spec and curves, computed when asked for and then let go."""
        for spec in self.frames:
            yield spec, compute(spec)

    def lines(
        self,
        spec: FigureSpec,
        curves: Curves,
        *,
        tangents: bool,
        ylim: tuple[float, float] | None = None,
    ) -> Iterator[tuple[FloatArray, FloatArray]]:
        """A frame's curves (``tangents``: its tangents' lines and guides instead,
        :func:`~sigplot.plot.marks.tangent_strokes`), as drawn in a panel whose value axis
        spans ``ylim`` (a tangent's length depends on it). Without the guides, the value
        labels of the gallery's tangent sweep stood right of the axis, where frames at
        z = 0.2 to 0.8 ran their guides through "0.4"."""
        from sigplot.plot.marks import broken, tangent_strokes

        if tangents:
            for t in curves.tangents:
                yield from tangent_strokes(spec, t, ylim, curves)
        else:
            for curve in curves.lines:
                yield broken(curves.z, curve)


class Swept(Artist):
    """Where the lines of other frames pass in a panel, as a bitmap over its data window:
    an invisible artist the layout reads as one more line to keep texts off, ``pad``
    pixels wide on each side (half its line width)."""

    def __init__(
        self, ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float], pad: float
    ) -> None:
        super().__init__()
        self.set_visible(False)
        self.ax_of = ax
        self.xlim, self.ylim, self.pad = xlim, ylim, pad
        width, height = ax.figure.bbox.width, ax.figure.bbox.height
        self.cols = max(1, min(_MOST_CELLS, math.ceil(2 * width)))
        self.rows = max(1, min(_MOST_CELLS, math.ceil(2 * height)))
        self._starts = np.zeros((self.rows + 1) * self.cols, dtype=np.int32)
        self._table: np.ndarray[Any, np.dtype[np.int32]] | None = None

    def add(self, x: FloatArray, y: FloatArray) -> None:
        """Mark the cells a polyline (NaN breaks it) passes through."""
        (x0, x1), (y0, y1) = self.xlim, self.ylim
        cx = (np.asarray(x, dtype=float) - x0) / (x1 - x0) * self.cols
        cy = (np.asarray(y, dtype=float) - y0) / (y1 - y0) * self.rows
        ok = np.isfinite(cx[:-1]) & np.isfinite(cy[:-1]) & np.isfinite(cx[1:]) & np.isfinite(cy[1:])
        xa, xb, ya, yb = cx[:-1][ok], cx[1:][ok], cy[:-1][ok], cy[1:][ok]
        if len(cx) == 1 and np.isfinite(cx[0]) and np.isfinite(cy[0]):  # a lone point
            xa = xb = cx[:1]
            ya = yb = cy[:1]
        flip = xb < xa
        xa, xb = np.where(flip, xb, xa), np.where(flip, xa, xb)
        ya, yb = np.where(flip, yb, ya), np.where(flip, ya, yb)
        first = np.floor(np.clip(xa, -1, self.cols)).astype(np.int64)
        last = np.floor(np.clip(xb, -1, self.cols)).astype(np.int64)
        count = last - first + 1  # the columns each segment crosses: one piece in each
        seg = np.repeat(np.arange(len(xa)), count)
        col = first[seg] + (np.arange(len(seg)) - np.repeat(np.cumsum(count) - count, count))
        left = np.maximum(col, xa[seg])
        right = np.minimum(col + 1, xb[seg])
        run = xb[seg] - xa[seg]
        slope = np.divide(yb[seg] - ya[seg], run, out=np.zeros_like(run), where=run > 0)
        at_left = np.where(run > 0, ya[seg] + (left - xa[seg]) * slope, ya[seg])
        at_right = np.where(run > 0, ya[seg] + (right - xa[seg]) * slope, yb[seg])
        lo = np.floor(np.minimum(at_left, at_right))
        hi = np.floor(np.maximum(at_left, at_right))
        keep = (col >= 0) & (col < self.cols) & (hi >= 0) & (lo < self.rows)
        col = col[keep]
        lo = np.clip(lo[keep], 0, self.rows - 1).astype(np.int64)
        hi = np.clip(hi[keep], 0, self.rows - 1).astype(np.int64)
        size = self._starts.size
        self._starts += np.bincount(lo * self.cols + col, minlength=size).astype(np.int32)
        self._starts -= np.bincount((hi + 1) * self.cols + col, minlength=size).astype(np.int32)
        self._table = None

    def _summed(self) -> np.ndarray[Any, np.dtype[np.int32]]:
        """The summed-area table of the filled cells: any box is then four look-ups."""
        if self._table is None:
            filled = np.cumsum(self._starts.reshape(self.rows + 1, self.cols)[: self.rows], axis=0)
            table = np.zeros((self.rows + 1, self.cols + 1), dtype=np.int32)
            table[1:, 1:] = np.cumsum(np.cumsum(filled > 0, axis=0), axis=1)
            self._table = table
        return self._table

    def _cells(self, xs: FloatArray, ys: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Pixels to (fractional) cells."""
        points = self.ax_of.transData.inverted().transform(np.column_stack([xs, ys]))
        (x0, x1), (y0, y1) = self.xlim, self.ylim
        return (points[:, 0] - x0) / (x1 - x0) * self.cols, (points[:, 1] - y0) / (
            y1 - y0
        ) * self.rows

    def _any(self, c0: FloatArray, c1: FloatArray, r0: FloatArray, r1: FloatArray) -> bool:
        """Whether any filled cell meets any of the boxes of cells [c0, c1] x [r0, r1]."""
        lo_c = np.clip(np.floor(np.minimum(c0, c1)), 0, self.cols).astype(np.int64)
        hi_c = np.clip(np.floor(np.maximum(c0, c1)) + 1, 0, self.cols).astype(np.int64)
        lo_r = np.clip(np.floor(np.minimum(r0, r1)), 0, self.rows).astype(np.int64)
        hi_r = np.clip(np.floor(np.maximum(r0, r1)) + 1, 0, self.rows).astype(np.int64)
        t = self._summed()
        total = t[hi_r, hi_c] - t[lo_r, hi_c] - t[hi_r, lo_c] + t[lo_r, lo_c]
        return bool(np.any(total > 0))

    def crosses(self, box: Bbox, margin: float = 0.0) -> bool:
        """Whether a line of another frame, widened by the pad and ``margin``, meets ``box``
        (in pixels); only what the panel shows counts."""
        seen = Bbox.intersection(box.padded(self.pad + margin), self.ax_of.bbox)
        if seen is None:
            return False
        cx, cy = self._cells(np.array([seen.x0, seen.x1]), np.array([seen.y0, seen.y1]))
        return self._any(cx[:1], cx[1:], cy[:1], cy[1:])

    def meets(self, path: Path) -> bool:
        """Whether a path in pixels (a note's leader) crosses a line, as a line's own path
        would (:meth:`sigplot.plot.geometry.Stroke.meets`)."""
        points = []
        ends = np.asarray(path.vertices, dtype=float)
        for a, b in itertools.pairwise(ends):
            steps = max(2, math.ceil(float(np.hypot(*(b - a)))))  # a sample a pixel
            points.append(a + (b - a) * np.linspace(0, 1, steps)[:, None])
        if not points:
            return False
        cx, cy = self._cells(*np.concatenate(points).T)
        return self._any(cx, cx, cy, cy)

    def draw(self, renderer: Any) -> None:  # it shows nothing
        return
