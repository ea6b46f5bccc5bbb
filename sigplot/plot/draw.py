"""Draw step of the pipeline: ``draw(spec, curves, features) -> SigplotFigure``.

Draws what the compute step found; no maths here. Never touches pyplot or the global
rcParams: the caller draws (and saves) inside :func:`style_context`, which starts from
matplotlib's defaults (so a user's matplotlibrc cannot change sigplot's output) and adds
the preset's settings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sigplot._speedups import steady
from sigplot.plot.axes import (
    blog_spines,
    clear_tick_labels,
    fit_values,
    halo_tick_labels,
    zero_spines,
)
from sigplot.plot.curves import Curves
from sigplot.plot.details import draw_details
from sigplot.plot.features import Features
from sigplot.plot.geometry import GHOST, tight_fit
from sigplot.plot.legend import place_legend
from sigplot.plot.look import background_of, colors_for, label, style_context
from sigplot.plot.marks import _note, broken, draw_marks, interleave_coinciding
from sigplot.plot.notes import place_notes
from sigplot.spec.alt_text import describe
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import PRESETS


class SigplotFigure(Figure):
    """A matplotlib Figure that knows the spec it was drawn from, so that saving it later
    uses the same style (sigplot.save) without any table on the side, and its panels, so a
    sweep can show another frame in it."""

    def __init__(self, spec: FigureSpec, size: tuple[float, float] | None = None) -> None:
        super().__init__(figsize=size or spec.size, dpi=spec.dpi)
        # A canvas of its own: without one, every measurement (legend search, tick labels,
        # tight layout) makes a new renderer, and text measured by one is measured again by
        # the next, as the text-size cache is per renderer. Saving in any format still works.
        FigureCanvasAgg(self)
        self.spec = spec
        self.panels: list[Panel] = []
        self.movie_frames = False  # set while matplotlib's movie writers save its frames

    def savefig(self, fname: Any, **kwargs: Any) -> None:
        """matplotlib's ``savefig``, written as ``sigplot.save`` writes: in the style the
        figure was drawn in, with no date and with its alt text, so ``fig.savefig("f.svg")``
        and ``sigplot.save(fig, "f.svg")`` give the same bytes on every run. Paths and
        binary file objects, ``format``, ``dpi`` and matplotlib's other keywords work."""
        from sigplot.output.encode import save_as_sigplot

        if self.movie_frames:  # a movie writer grabbing frames: matplotlib's own savefig
            super().savefig(fname, **kwargs)
            return
        with style_context(self.spec):
            save_as_sigplot(self, fname, **kwargs)

    def _rendered(self, fmt: str) -> bytes:
        from sigplot.output.encode import to_bytes  # the save step sits above the draw step

        with style_context(self.spec):
            return to_bytes(self, fmt)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """What Jupyter shows in a fresh kernel, with neither pyplot nor %matplotlib: the
        SVG, and a PNG for front ends that show no SVG."""
        return {
            "image/svg+xml": self._rendered("svg").decode(),
            "image/png": self._rendered("png"),
            "text/plain": repr(self),
        }


@dataclass
class Panel:
    """One drawn axes: its curve lines, and the marks a new frame of a sweep replaces
    (jumps, finite differences, tangents, annotations)."""

    ax: Axes
    lines: list[Line2D]
    marks: list[Artist]
    colors: list[str]
    background: Any
    moving: bool  # marks move from frame to frame: the layout leaves them out


def draw(
    spec: FigureSpec,
    curves: Curves,
    features: Features | None = None,
    *,
    ghosts: Sequence[Curves] = (),
    caption: str | None = None,
    argument: str | None = None,
    moving: bool = False,
) -> SigplotFigure:
    """Build the figure for ``spec`` from its computed ``curves`` and, with --annotate, the
    ``features`` found on them. Call it inside ``style_context(spec)``; nothing is saved.

    For the first frame of a sweep: ``ghosts`` are the other frames' curves, which the axis
    limits, the legend and the tick labels make room for; ``caption`` names the frame;
    ``argument`` replaces the curve's argument in the legend (Kz); ``moving`` marks are
    drawn after the layout, since they move from frame to frame.
    """
    fig = SigplotFigure(spec)
    fig.set_label(describe(spec))
    panel = _content(fig, fig.add_subplot(), spec, curves, features, ghosts, caption, argument,
                     moving)  # fmt: skip
    _arrange(fig, panel, spec, curves, features, fit=True, legend=True)
    fig.panels = [panel]
    return fig


def draw_grid(
    spec: FigureSpec,
    panels: Sequence[tuple[FigureSpec, Curves, Features | None, str]],
    *,
    shared: bool,
    argument: str | None = None,
) -> SigplotFigure:
    """Small multiples: one panel per (spec, curves, features, title), each half the figure
    size of ``spec`` a side, in a near-square grid. ``shared`` panels (the frames of a
    sweep) share their limits and tick labels and one legend, in the first panel."""
    n = len(panels)
    columns = n if n <= 3 else math.ceil(math.sqrt(n))
    rows = math.ceil(n / columns)
    fig = SigplotFigure(spec, size=(spec.size[0] * columns / 2, spec.size[1] * rows / 2))
    fig.set_label(describe(spec))
    every = [curves for _, curves, _, _ in panels]
    for i, (one, curves, features, title) in enumerate(panels):
        ghosts = every[:i] + every[i + 1 :] if shared else []
        ax = fig.add_subplot(rows, columns, i + 1)
        fig.panels.append(  # the panel's title names it: short labels leave room for curves
            _content(fig, ax, one, curves, features, ghosts, title, argument, moving=False,
                     formulas=False)
        )  # fmt: skip
    preset = PRESETS[spec.preset]
    tight_fit(fig, preset)
    moved = False
    for i, (panel, (one, curves, features, _)) in enumerate(zip(fig.panels, panels, strict=True)):
        moved |= _arrange(fig, panel, one, curves, features, fit=False,
                          legend=i == 0 or not shared)  # fmt: skip
    if moved:
        tight_fit(fig, preset)
    return fig


def redraw(
    panel: Panel, spec: FigureSpec, curves: Curves, features: Features | None, caption: str
) -> None:
    """Show another frame of a sweep in a drawn panel: the curves' new values, new marks
    and caption. Limits, legend and layout stay, so nothing jumps."""
    for artist in panel.marks:
        artist.remove()
    for line, curve in zip(panel.lines, curves.lines, strict=True):
        line.set_data(*broken(curves.z, curve))
    preset = PRESETS[spec.preset]
    panel.marks = draw_marks(panel.ax, spec, curves, features, panel.colors, preset,
                         panel.background, moving=None)  # fmt: skip
    panel.ax.set_title(_title(spec, caption))
    if preset.spines == "zero":
        place_notes(panel.ax)


def _title(spec: FigureSpec, caption: str | None) -> str:
    return " · ".join(t for t in (spec.title, caption) if t)


def _content(
    fig: Figure,
    ax: Axes,
    spec: FigureSpec,
    curves: Curves,
    features: Features | None,
    ghosts: Sequence[Curves],
    caption: str | None,
    argument: str | None,
    moving: bool,
    formulas: bool | None = None,
) -> Panel:
    """Everything in one panel but what the layout places (legend, cleared tick labels).
    ``formulas``: legend labels with their right-hand sides (default: for one function)."""
    preset = PRESETS[spec.preset]
    formulas = len(spec.functions) == 1 if formulas is None else formulas
    family = len(spec.gain) > 1
    colors = colors_for(curves, preset)
    lines = []
    for curve, color in zip(curves.lines, colors, strict=True):
        z, values = broken(curves.z, curve)
        (line,) = ax.plot(
            z,
            values,
            color=color,
            linestyle=preset.order_styles[curve.order % len(preset.order_styles)],
            linewidth=preset.linewidth,
            label=label(curve, preset, formulas=formulas, family=family, arg=argument),
        )
        lines.append(line)
    for ghost in ghosts:  # other frames: counted by the limits and the layout, never drawn
        for curve in ghost.lines:
            ax.plot(*broken(ghost.z, curve), visible=False, label=GHOST,
                    linewidth=preset.linewidth)  # fmt: skip
    fit_values(ax, [curves, *ghosts])
    if preset.spines == "zero":
        interleave_coinciding(ax, curves)
    background = background_of(ax, spec)
    marks = draw_marks(ax, spec, curves, features, colors, preset, background, moving=False)
    if not moving:
        marks += draw_marks(ax, spec, curves, features, colors, preset, background, moving=True)
    if spec.sweep is None:  # rrelu's band, a note on a slope that draws as flat (details.py)
        draw_details(ax, curves, colors, lambda t, at, c: _note(ax, spec, t, at, c, background))
    title = _title(spec, caption)
    if title:
        ax.set_title(title)
    if preset.spines == "center":
        blog_spines(ax)
    else:
        ax.set_xlim(spec.range)
        zero_spines(ax, background)
    if spec.xlabel:
        ax.set_xlabel(spec.xlabel, loc="right")
    if spec.ylabel:
        ax.set_ylabel(spec.ylabel, loc="top")
    return Panel(ax, lines, marks, colors, background, moving)


def _arrange(
    fig: Figure,
    panel: Panel,
    spec: FigureSpec,
    curves: Curves,
    features: Features | None,
    *,
    fit: bool,
    legend: bool,
) -> bool:
    """The layout of one panel: legend, tick labels clear of curves, fixed limits, then any
    moving marks and the notes. ``fit``: tight-layout the figure as the layout changes
    (one panel); a grid fits once for all. True when tick labels moved to the edge."""
    ax = panel.ax
    preset = PRESETS[spec.preset]
    if legend:
        with steady(fig):  # the legend search moves the legend, nothing the ticks read
            place_legend(fig, ax, spec, preset, fit=fit)
    elif fit:
        tight_fit(fig, preset)
    moved = False
    if preset.spines == "zero":
        halo_tick_labels(ax, panel.background)
        moved = clear_tick_labels(ax)
        if moved and fit:
            tight_fit(fig, preset)  # labels moved to the panel's edge need their margin
    ghosts = [line for line in ax.lines if line.get_label() == GHOST]
    if ghosts:  # the limits hold every frame; the frames themselves go
        ax.set_xlim(ax.get_xlim())
        ax.set_ylim(ax.get_ylim())
        for line in ghosts:
            line.remove()
    if panel.moving:
        panel.marks += draw_marks(ax, spec, curves, features, panel.colors, preset,
                              panel.background, moving=True)  # fmt: skip
    if preset.spines == "zero":
        place_notes(ax)
    return moved
