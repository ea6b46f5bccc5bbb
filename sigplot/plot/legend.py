"""The legend: where the spec says, or at the first spot that hides nothing, else
outside the axes."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from sigplot.plot.geometry import legend_loc, obstacles, tight_fit
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import Preset

# Where "clear" tries the legend, in order; the first spot that hides nothing wins.
_LEGEND_SPOTS = ("upper left", "upper right", "lower right", "lower left", "center left",
                 "center right", "upper center", "lower center", "center")  # fmt: skip


def place_legend(fig: Figure, ax: Axes, spec: FigureSpec, preset: Preset, fit: bool = True) -> None:
    """The legend where the spec says, or (preset "clear") at the first spot inside the
    axes that hides nothing, else outside them. Without ``fit`` (a panel of a grid, laid
    out once for all) the figure is not refitted, and a legend with no clear spot takes
    matplotlib's "best" one inside."""
    if spec.legend == "none" or not [h for h in ax.lines if not str(h.get_label()).startswith("_")]:
        if fit:
            tight_fit(fig, preset)
        return
    loc = preset.legend if spec.legend == "auto" else spec.legend
    if loc != "clear":
        ax.legend(loc=legend_loc(loc), frameon=False)
        if fit:
            tight_fit(fig, preset)
        return
    legend = ax.legend(loc=legend_loc(_LEGEND_SPOTS[0]), frameon=False)
    box = legend.get_window_extent()
    inside = box.height < 0.8 * ax.bbox.height and box.width < 0.8 * ax.bbox.width
    if inside:  # a legend most of the axes' size fits nowhere inside: go straight outside
        if fit:
            tight_fit(fig, preset)
        strokes, boxes = obstacles(ax)
    for spot in _LEGEND_SPOTS if inside else ():
        legend.set_loc(legend_loc(spot))
        box = legend.get_window_extent()
        if not any(stroke.crosses(box) for stroke in strokes) and not any(
            box.overlaps(b) for b in boxes
        ):
            return
    if not fit:
        legend.set_loc("best")
        return
    legend.remove()
    _legend_outside(fig, ax)
    tight_fit(fig, preset)


def _legend_outside(fig: Figure, ax: Axes) -> None:
    """No clear spot inside: beside the axes when the legend takes under a third of the
    figure's width, else below them in as many columns as fit, so a narrow (web) figure
    keeps its plot wide."""
    beside = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=1.0,
                       frameon=False)  # fmt: skip
    if beside.get_window_extent().width <= 0.3 * fig.bbox.width:
        return
    beside.remove()
    entries = len(ax.get_legend_handles_labels()[0])
    for columns in range(min(entries, 4), 0, -1):
        below = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=columns,
                          borderaxespad=1.0, frameon=False)  # fmt: skip
        if below.get_window_extent().width <= 0.98 * fig.bbox.width or columns == 1:
            return
        below.remove()
