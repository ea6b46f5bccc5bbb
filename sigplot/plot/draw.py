"""Draw step of the pipeline: ``draw(spec, curves, features) -> SigplotFigure``.

Draws what the compute step found; no maths here. Never touches pyplot or the global
rcParams: the caller draws (and saves) inside :func:`style_context`, which starts from
matplotlib's defaults (so a user's matplotlibrc cannot change sigplot's output) and adds
the preset's settings.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import SubplotSpec

from sigplot.maths.errors import SigplotError
from sigplot.plot.axes import blog_spines, zero_spines
from sigplot.plot.curves import Curves
from sigplot.plot.details import draw_details
from sigplot.plot.exits import mark_exits
from sigplot.plot.features import Features, in_view
from sigplot.plot.geometry import GHOST, legend_loc, obstacles_of
from sigplot.plot.layout import lay_out
from sigplot.plot.look import background_of, label, looks, style_context
from sigplot.plot.marks import (
    broken,
    draw_fixed_marks,
    draw_moving_marks,
    note_at,
    show_coinciding,
)
from sigplot.plot.notes import place_frame_notes
from sigplot.plot.panel import Content, Panel, share
from sigplot.plot.swept import Ghosts, Swept, frame_window
from sigplot.plot.value_axis import Reach, reach, stacks
from sigplot.spec.alt_text import describe
from sigplot.spec.budget import (
    ShortStackError,
    check_stack,
    grid_shape,
    refuse_short_stack,
    short_stack,
    stack_shortfall,
)
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import PRESETS


class SigplotFigure(Figure):
    """A matplotlib Figure that knows the spec it was drawn from, so that saving it later
    uses the same style (sigplot.save) without any table on the side, and its panels, so a
    sweep can show another frame in it."""

    def __init__(self, spec: FigureSpec) -> None:
        super().__init__(figsize=spec.size, dpi=spec.dpi)
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


def draw(
    spec: FigureSpec,
    curves: Curves,
    features: Features | None = None,
    *,
    ghosts: Ghosts | None = None,
    caption: str | None = None,
    argument: str | None = None,
    moving: bool = False,
) -> SigplotFigure:
    """Build the figure for ``spec`` from its computed ``curves`` and, with --annotate, the
    ``features`` found on them. Call it inside ``style_context(spec)``; nothing is saved.

    Curves whose scales are too far apart for one value axis are drawn in stacked panels
    sharing z (see :mod:`sigplot.plot.value_axis`). For the first frame of a sweep:
    ``ghosts`` are the other frames, which the axis limits, the legend and the tick
    labels make room for; ``caption`` names the frame; ``argument`` replaces the
    curve's argument in the legend (Kz); ``moving`` marks are drawn after the layout,
    since they move from frame to frame.
    """
    base = Content(spec, curves, (0.0, 1.0), (), features, ghosts, caption, argument,
                   formulas=len(spec.functions) == 1)  # fmt: skip
    try:
        fig = _drawn(spec, base, moving)
    except ShortStackError as refused:  # named a height that drew refused again (hardshrink
        # and exponential at two gains, 6 x 4.6 in at 15 pt: "use --size 6 5.7", then at
        # 6 x 5.7 "use --size 6 6"): the least is looked for from there by drawing
        least = _least_height(spec, base, moving, refused.least)
        raise SigplotError(*short_stack(spec, refused.panels, least)) from None
    short = stack_shortfall(spec, _heights(fig))
    if short:
        least = _least_height(spec, base, moving, spec.size[1] + short)
        refuse_short_stack(spec, len(fig.panels), min(_heights(fig)), least)
    return fig


def _least_height(spec: FigureSpec, base: Content, moving: bool, least: float) -> float:
    """The least height, from ``least`` on, at which ``base``'s stack keeps its panels'
    ems, found by drawing there (the legend may change with the height); three tries,
    ending where a drawing is refused for another reason."""
    w, _ = spec.size
    for _ in range(3):
        tall = dataclasses.replace(spec, size=(w, least))
        try:
            more = stack_shortfall(tall, _heights(_drawn(tall, base, moving)))
        except ShortStackError as refused:
            more = refused.least - least
        except SigplotError:  # refused there for another reason (its legend): no surer
            break
        if more <= 0:
            break
        least += more
    return least


def _drawn(spec: FigureSpec, base: Content, moving: bool) -> SigplotFigure:
    """The figure of ``base`` at ``spec``'s size, its stack shared out the best way whose
    legend fits."""
    way = 0
    while True:  # the next way to share out a stack where the legend fits no other
        fig = SigplotFigure(spec)
        fig.set_label(describe(spec))
        contents, more = _stack(dataclasses.replace(base, spec=spec), shared=None, way=way)
        check_stack(spec, len(contents))
        grid = fig.add_gridspec(len(contents), 1)
        fig.panels = [_panel(fig, grid[i, 0], c, moving) for i, c in enumerate(contents)]
        try:
            _finish(fig)
        except SigplotError as error:
            if error.field != "legend" or not more:
                raise
            way += 1
            continue
        return fig


def _heights(fig: SigplotFigure) -> list[float]:
    """The heights of ``fig``'s panels, in inches, as laid out."""
    return [p.ax.get_position().height * fig.get_figheight() for p in fig.panels]


def draw_grid(
    spec: FigureSpec,
    panels: Sequence[tuple[FigureSpec, Curves, Features | None, str]],
    *,
    shared: bool,
    argument: str | None = None,
    ghosts: Sequence[Ghosts] | None = None,
    caption: str | None = None,
    moving: bool = False,
) -> SigplotFigure:
    """Small multiples: one cell per (spec, curves, features, title), in a near-square grid
    that fills the figure size of ``spec`` (budget.check_cells refuses a size too small
    for them to read). ``shared`` cells (the frames of a sweep) share their limits and one
    legend, in the first; others may each be a stack. For the first frame of a sweep of a
    grid: each cell's ``ghosts`` (one panel a cell), the frame's ``caption`` above the
    grid, and ``moving`` marks (see :func:`draw`)."""
    columns, rows = grid_shape(len(panels))
    fig = SigplotFigure(spec)
    fig.set_label(describe(spec))
    haunts: Sequence[Ghosts | None] = ghosts or [None] * len(panels)
    cells = [Content(one, curves, (0.0, 1.0), (), features, haunt, title, argument,
                     formulas=False, legend=i == 0 or not shared)
             for i, ((one, curves, features, title), haunt)
             in enumerate(zip(panels, haunts, strict=True))]  # fmt: skip
    if caption:
        fig.suptitle(caption)
    together = None
    if shared and PRESETS[spec.preset].spines == "zero":
        spans = [frame_window(c.curves, c.spec) for c in cells]
        together = (min(s[0] for s in spans), max(s[1] for s in spans))
    grid = fig.add_gridspec(rows, columns)
    for i, cell in enumerate(cells):
        stack, _ = _stack(dataclasses.replace(cell, cell=i, shared=together is not None),
                          together)  # fmt: skip
        inner = grid[i // columns, i % columns].subgridspec(len(stack), 1)
        fig.panels += [_panel(fig, inner[j, 0], c, moving) for j, c in enumerate(stack)]
    _finish(fig)
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
    panel.content = dataclasses.replace(panel.content, spec=spec, curves=curves,
                                        features=features, caption=caption)  # fmt: skip
    panel.marks = draw_fixed_marks(panel) + draw_moving_marks(panel)
    panel.ax.set_title(_title(spec, caption))
    if PRESETS[spec.preset].spines == "zero":
        mark_exits(panel)
        place_frame_notes(panel.ax, obstacles_of(panel.ax))


def _title(spec: FigureSpec, caption: str | None) -> str:
    return " · ".join(t for t in (spec.title, caption) if t)


def _stack(
    cell: Content, shared: tuple[float, float] | None, way: int = 0
) -> tuple[list[Content], bool]:
    """The panels that show ``cell``: one, or a stack sharing z when its curves' scales are
    too far apart for one value axis, shared out the ``way``-th best way, and whether
    another way follows. A sweep's frames (``ghosts``) and ``shared`` limits keep one
    panel."""
    spec, curves = cell.spec, cell.curves
    preset = PRESETS[spec.preset]
    # The curves' reaches, by which the layout may widen a panel's window (none: a sweep's
    # frames keep the limits they share).
    reaches: list[tuple[Reach, ...]] = [()]
    more = False
    if preset.spines != "zero":
        groups = [list(range(len(curves.lines)))]
        windows = [(math.nan, math.nan)]
    elif shared is not None or cell.ghosts is not None:
        groups = [list(range(len(curves.lines)))]
        spans = [frame_window(curves, spec), *(cell.ghosts.windows if cell.ghosts else ())]
        windows = [shared or (min(s[0] for s in spans), max(s[1] for s in spans))]
    else:
        every_reach = [reach(c, *spec.range) for c in curves.lines]
        ways = stacks(every_reach, [((c.function, c.gain), c.order) for c in curves.lines])
        groups, more = ways[way], way + 1 < len(ways)
        windows = [frame_window(Curves(curves.z, tuple(curves.lines[i] for i in g)), spec)
                   for g in groups]  # fmt: skip
        reaches = [tuple(r for i in g if (r := every_reach[i]) is not None) for g in groups]
    panel_of = [next(k for k, g in enumerate(groups) if i in g) for i in range(len(curves.lines))]
    features = cell.features
    if features is not None and preset.spines == "zero":
        features = in_view(features, curves, spec, list(zip(groups, windows, strict=True)))
    every = looks(curves, preset, panel_of, named=spec.legend != "none")
    out = []
    for k, (group, limits) in enumerate(zip(groups, windows, strict=True)):
        mine, found = share(curves, features, group)
        out.append(dataclasses.replace(
            cell, curves=mine, features=found, window=limits, reaches=reaches[k],
            looks=tuple(every[i] for i in group), caption=cell.caption if k == 0 else None,
            xlabel=k == len(groups) - 1, ylabel=k == 0, warns=k == 0,
        ))  # fmt: skip
    return out, more


def _panel(fig: Figure, where: SubplotSpec, content: Content, moving: bool) -> Panel:
    """Everything in one panel but what the layout places (ticks, legend, notes)."""
    ax: Axes = fig.add_subplot(where)
    spec, curves, preset = content.spec, content.curves, content.preset
    family = len(spec.gain) > 1
    lines, short = [], {}
    for curve, look in zip(curves.lines, content.looks, strict=True):
        (line,) = ax.plot(
            *broken(curves.z, curve),
            color=look.color,
            linestyle=look.style,
            linewidth=preset.linewidth,
            label=label(curve, preset, formulas=content.formulas, family=family,
                        arg=content.argument),
        )  # fmt: skip
        lines.append(line)
        short[line] = label(curve, preset, formulas=False, family=family, arg=content.argument)
    panel = Panel(ax, content, lines, background_of(ax, spec), moving, short=short)
    if preset.spines == "zero":
        ax.set_xlim(spec.range)
        ax.set_ylim(content.window)
        show_coinciding(panel)
    if content.ghosts is not None:  # other frames: counted by the layout, never drawn
        _haunt(ax, content.ghosts, preset.linewidth, preset.spines == "zero")
    panel.marks = draw_fixed_marks(panel)
    if not moving:
        panel.marks += draw_moving_marks(panel)
    if spec.sweep is None:  # rrelu's band, a note on a slope that draws as flat (details.py)
        colors = [look.color for look in content.looks]
        behind = panel.background
        draw_details(
            ax, curves, colors, lambda text, at, color: note_at(ax, spec, text, at, color, behind)
        )
    title = _title(spec, content.caption)
    if title:
        ax.set_title(title)
    if preset.spines == "center":
        blog_spines(ax)
    else:
        zero_spines(ax)
    for spine in ax.spines.values():
        # matplotlib pads a spine's extent by whichever tick a set of ticks yields first (an
        # order of memory addresses), and sigplot's ticks differ (sides, hidden ones): the
        # tight layout would change in its last bits from run to run. The tick labels,
        # which it counts, lie beyond the tick marks.
        spine.set_in_layout(False)
    return panel


def _haunt(ax: Axes, ghosts: Ghosts, linewidth: float, zero: bool) -> None:
    """The other frames of a sweep in a panel, for the layout: where their lines pass
    (texts keep off), or, in the blog preset, only their extent (matplotlib's limits hold
    every frame)."""
    if not zero:
        if ghosts.extent is not None:
            (x0, y0), (x1, y1) = ghosts.extent
            ax.plot([x0, x1], [y0, y1], visible=False, label=GHOST)
        return
    px = ax.figure.dpi / 72
    limits = (ax.get_xlim(), ax.get_ylim())
    curves, tangents = Swept(ax, *limits, linewidth * px / 2), Swept(ax, *limits, 1.5 * px / 2)
    for spec, computed in ghosts.computed():
        for x, y in ghosts.lines(spec, computed, tangents=False):
            curves.add(x, y)
        for x, y in ghosts.lines(spec, computed, tangents=True, ylim=limits[1]):
            tangents.add(x, y)
    ax.add_artist(curves)
    ax.add_artist(tangents)


def _finish(fig: SigplotFigure) -> None:
    """The layout: the blog's own (a legend where it says, no fit) or sigplot's."""
    spec = fig.spec
    preset = PRESETS[spec.preset]
    if preset.spines == "zero":
        lay_out(fig, fig.panels)
        return
    for panel in fig.panels:
        ax = panel.ax
        ghosts = [line for line in ax.lines if line.get_label() == GHOST]
        if ghosts:  # the limits hold every frame; the frames themselves go
            ax.set_xlim(ax.get_xlim())
            ax.set_ylim(ax.get_ylim())
            for line in ghosts:
                line.remove()
        if panel.content.legend and spec.legend != "none":
            loc = preset.legend if spec.legend == "auto" else spec.legend
            panel.ax.legend(loc=legend_loc("best" if loc == "clear" else loc), frameon=False)
        if panel.moving:
            panel.marks += draw_moving_marks(panel)
