"""Draw step of the pipeline: ``draw(spec, curves) -> matplotlib.figure.Figure``.

Never touches pyplot or the global rcParams: every figure is built inside
:func:`style_context`, which starts from matplotlib's defaults (so a user's
matplotlibrc cannot change sigplot's output) and adds the preset's settings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import matplotlib as mpl
import matplotlib.style
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.ticker import ScalarFormatter
from matplotlib.transforms import Bbox

from sigplot.catalog import CATALOG
from sigplot.curves import Curve, Curves
from sigplot.spec import PRESETS, FigureSpec, Preset, describe

# Settings that make saved bytes repeatable: fixed SVG ids, text as paths.
DETERMINISTIC_RC: dict[str, Any] = {"svg.hashsalt": "sigplot", "svg.fonttype": "path"}
_WORDS_BY_ORDER = ("{}", "derivative", "second derivative", "third derivative")


@contextlib.contextmanager
def style_context(spec: FigureSpec) -> Iterator[None]:
    """matplotlib's default style plus the preset's rc, for the duration of a draw or save."""
    preset = PRESETS[spec.preset]
    with mpl.style.context(["default", {**DETERMINISTIC_RC, **preset.rc}]):
        yield


def label(curve: Curve, preset: Preset) -> str:
    """Legend text: mathtext such as sigma'(z) = ..., or the blog's plain words."""
    entry = CATALOG[curve.function]
    if not preset.math_labels:
        if curve.order == 0:
            return entry.words
        words = _WORDS_BY_ORDER[curve.order] if curve.order < len(_WORDS_BY_ORDER) else ""
        return words or f"order {curve.order} derivative"
    primes = "'" * curve.order
    return f"${entry.symbol}{primes}(z) = {entry.formulas[curve.order]}$"


def draw(spec: FigureSpec, curves: Curves) -> Figure:
    """Build the figure for ``spec`` from its computed ``curves``; nothing is saved."""
    preset = PRESETS[spec.preset]
    with style_context(spec):
        fig = Figure(figsize=spec.size, dpi=spec.dpi)
        fig.set_label(describe(spec))
        ax = fig.add_subplot()
        for i, curve in enumerate(curves.lines):
            ax.plot(
                curves.z,
                curve.values,
                color=preset.colors[i % len(preset.colors)],
                linestyle=preset.order_styles[curve.order % len(preset.order_styles)],
                linewidth=preset.linewidth,
                label=label(curve, preset),
            )
        if spec.title:
            ax.set_title(spec.title)
        if preset.spines == "center":
            _blog_spines(ax)
        else:
            ax.set_xlim(spec.range)
            _zero_spines(ax)
        if spec.xlabel:
            ax.set_xlabel(spec.xlabel, loc="right")
        if spec.ylabel:
            ax.set_ylabel(spec.ylabel, loc="top")
        _legend(fig, ax, spec, preset)
    return fig


def _blog_spines(ax: Axes) -> None:
    """The blog's axes, step by step as the post wrote them."""
    ax.spines["left"].set_position("center")
    ax.spines["right"].set_color("none")
    ax.spines["top"].set_color("none")
    ax.xaxis.set_ticks_position("bottom")
    ax.yaxis.set_ticks_position("left")


class _SkipZero(ScalarFormatter):
    """Tick labels as usual, but none at 0, where the other axis would strike it."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return "" if x == 0 else super().__call__(x, pos)


def _zero_spines(ax: Axes) -> None:
    """Put each axis line at data zero, or at the nearest edge when zero is out of view.

    Tick labels get a halo in the background colour and sit above the curves, so no
    curve is ever drawn across them.
    """
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    y_at_zero = _place(ax, "left", "right", x0, x1)
    x_at_zero = _place(ax, "bottom", "top", y0, y1)
    halo: list[patheffects.AbstractPathEffect] = [
        patheffects.withStroke(linewidth=4, foreground=ax.get_facecolor())
    ]
    if y_at_zero and x_at_zero:  # both axes cross inside: one "0" at the origin for both
        ax.xaxis.set_major_formatter(_SkipZero())
        ax.yaxis.set_major_formatter(_SkipZero())
        ax.annotate(
            "0", (0, 0), xytext=(-4, -4), textcoords="offset points",
            ha="right", va="top", fontsize=mpl.rcParams["xtick.labelsize"], path_effects=halo,
        )  # fmt: skip
    ax.set_axisbelow(False)
    for text in ax.get_xticklabels() + ax.get_yticklabels():
        text.set_path_effects(halo)


def _place(ax: Axes, low: str, high: str, lo: float, hi: float) -> bool:
    """Show one axis line at zero, or at the edge nearer to zero; True when at zero."""
    axis = ax.yaxis if low == "left" else ax.xaxis
    ax.spines[high].set_visible(hi < 0)
    ax.spines[low].set_visible(hi >= 0)
    if hi < 0:
        axis.set_ticks_position(high)  # type: ignore[arg-type]
        return False
    axis.set_ticks_position(low)  # type: ignore[arg-type]
    if lo <= 0:
        ax.spines[low].set_position(("data", 0.0))
        return True
    return False


# Where "clear" tries the legend, in order; the first spot that hides nothing wins.
_LEGEND_SPOTS = ("upper left", "upper right", "lower right", "lower left", "center left",
                 "center right", "upper center", "lower center", "center")  # fmt: skip


def _legend(fig: Figure, ax: Axes, spec: FigureSpec, preset: Preset) -> None:
    if spec.legend == "none" or not ax.lines:
        _fit(fig, preset)
        return
    loc = preset.legend if spec.legend == "auto" else spec.legend
    if loc != "clear":
        ax.legend(loc=_loc(loc), frameon=False)
        _fit(fig, preset)
        return
    legend = ax.legend(loc=_loc(_LEGEND_SPOTS[0]), frameon=False)
    _fit(fig, preset)
    strokes, boxes = _obstacles(ax)
    for spot in _LEGEND_SPOTS:
        legend.set_loc(_loc(spot))
        box = legend.get_window_extent()
        if not any(_crosses(path, box.padded(pad)) for path, pad in strokes) and not any(
            box.overlaps(b) for b in boxes
        ):
            return
    legend.remove()
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=1.0, frameon=False)
    _fit(fig, preset)


def _fit(fig: Figure, preset: Preset) -> None:
    """Fit the axes to the figure once (tight layout), so later geometry is final."""
    if preset.tight:
        fig.tight_layout(pad=0.5)


def _loc(name: str) -> Any:
    """A legend location checked by spec.LEGEND_LOCATIONS, typed for matplotlib's stubs."""
    return name


def _crosses(path: Path, box: Bbox) -> bool:
    return bool(path.intersects_bbox(box, filled=False) or box.count_contains(path.vertices))


def _obstacles(ax: Axes) -> tuple[list[tuple[Path, float]], list[Bbox]]:
    """What a legend must not cover, in pixels: curves and axis lines (each with half its
    stroke width), and the boxes of tick labels and other text."""
    px_per_pt = ax.figure.dpi / 72
    strokes = [
        (line.get_transform().transform_path(line.get_path()), line.get_linewidth() * px_per_pt / 2)
        for line in ax.lines
    ]
    strokes += [
        (spine.get_transform().transform_path(spine.get_path()), spine.get_linewidth() * px_per_pt)
        for spine in ax.spines.values()
        if spine.get_visible()
    ]
    ax.get_tightbbox()  # places this layout's ticks and labels
    texts = [t for t in ax.get_xticklabels() + ax.get_yticklabels() + ax.texts
             if t.get_visible() and t.get_text()]  # fmt: skip
    return strokes, [t.get_window_extent() for t in texts]
