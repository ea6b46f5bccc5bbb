"""The drawn figure in pixels: curves and axis lines as strokes, the boxes of texts, and
the tight fit after which that geometry is final. Crossing tests read only the stretch
of a curve under each box."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from sigplot._speedups import steady
from sigplot.maths.errors import SigplotWarning
from sigplot.spec.presets import Preset

GHOST = "_ghost"  # the label of another frame's curve, present only while laying out


class Stroke:
    """A drawn line in pixels and the margin its width needs (``pad``). A curve drawn left
    to right is tested against a box by its stretch under the box alone, so the many boxes
    tried (legend spots, tick labels, notes) each cost a few segments, not the curve."""

    def __init__(self, path: Path, pad: float) -> None:
        self.path, self.pad, self.vertices = path, pad, np.asarray(path.vertices)
        xs = self.vertices[:, 0]
        rising = path.codes is None and len(xs) > 1 and bool(np.all(np.diff(xs) >= 0))
        self.xs = xs if rising else None  # NaN (a gap in x) compares false: the whole path

    def crosses(self, box: Bbox, margin: float = 0.0) -> bool:
        """Whether the stroke, widened by its pad and ``margin``, meets ``box``."""
        box = box.padded(self.pad + margin)
        path = self.path
        if self.xs is not None:  # the segments reaching into [x0, x1], and no others
            lo = max(int(np.searchsorted(self.xs, box.x0)) - 1, 0)
            path = Path(self.vertices[lo : int(np.searchsorted(self.xs, box.x1, "right")) + 1])
        return bool(path.intersects_bbox(box, filled=False) or box.count_contains(path.vertices))


def strokes_of(ax: Axes, lines: list[Any]) -> list[Stroke]:
    """Each line in pixels with half its stroke width."""
    px_per_pt = ax.figure.dpi / 72
    return [
        Stroke(line.get_transform().transform_path(line.get_path()),
                line.get_linewidth() * px_per_pt / 2)
        for line in lines
    ]  # fmt: skip


def line_and_axis_strokes(ax: Axes) -> list[Stroke]:
    """Every drawn line and visible axis line (spines at their full width), in pixels."""
    px_per_pt = ax.figure.dpi / 72
    return strokes_of(ax, list(ax.lines)) + [
        Stroke(spine.get_transform().transform_path(spine.get_path()),
                spine.get_linewidth() * px_per_pt)
        for spine in ax.spines.values()
        if spine.get_visible()
    ]  # fmt: skip


def obstacles(ax: Axes) -> tuple[list[Stroke], list[Bbox]]:
    """What a legend must not cover, in pixels: curves and axis lines (each with half its
    stroke width), and the boxes of tick labels and other text."""
    texts = tick_labels(ax) + [t for t in ax.texts if t.get_visible() and t.get_text()]
    return line_and_axis_strokes(ax), [t.get_window_extent() for t in texts]


def tick_labels(ax: Axes) -> list[Text]:
    """The tick labels shown (visible, not blank), placed as they will be drawn."""
    return [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]


def tight_fit(fig: Figure, preset: Preset) -> None:
    """Fit the axes to the figure once (tight layout), so later geometry is final."""
    if not preset.tight:
        return
    with warnings.catch_warnings():
        # Only matplotlib's own verdict counts: other warnings raised while laying out (such
        # as pyparsing's deprecations under matplotlib 3.8) pass through untouched.
        warnings.filterwarnings("error", "Tight layout not applied", UserWarning)
        try:
            with steady(fig):
                fig.tight_layout(pad=0.5)
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
