"""The layout of a drawn figure's panels, in the order each step needs the one before:
ticks chosen for the size drawn, tick labels clear of the curves, notes clear of both,
the legend clear of all three, the axis labels at the ends of their axes. A legend that
goes outside a panel refits the figure, and the steps inside the panels are taken again
in the geometry that is final."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from sigplot.plot.axes import ORIGIN, clear_labels, initial_ticks, inside, refit_ticks
from sigplot.plot.geometry import GHOST, Obstacles, text_box, text_boxes, tick_labels, tight_fit
from sigplot.plot.legend import place_legend
from sigplot.plot.marks import draw_moving_marks
from sigplot.plot.notes import leader_strokes, place_notes
from sigplot.plot.panel import Panel


def lay_out(fig: Figure, panels: Sequence[Panel]) -> None:
    """Lay out ``panels`` (of one figure, in the default or dark preset) for good."""
    for panel in panels:
        initial_ticks(panel.ax)
        _axis_labels(panel)
    _fit(fig, panels)
    outside = [_dress(panel, legend=True) for panel in panels]
    if any(outside):
        for _ in range(2):  # the legend outside took room: the panels' geometry changed
            _fit(fig, panels)
            keys = [list(p.keys) for p in panels]
            for panel in panels:
                _dress(panel, legend=False)
            if keys == [list(p.keys) for p in panels]:
                break
            for panel, was in zip(panels, outside, strict=True):  # other notes got numbers
                if was:
                    _dress(panel, legend=True)
    for panel in panels:
        ghosts = [line for line in panel.ax.lines if line.get_label() == GHOST]
        if ghosts:  # the limits hold every frame; the frames themselves go
            for line in ghosts:
                line.remove()
        if panel.moving:
            panel.marks += draw_moving_marks(panel)
            place_notes(panel.ax, _obstacles(panel.ax), panel.background, numbered=False)


def _fit(fig: Figure, panels: Sequence[Panel]) -> None:
    """Tight layout, then ticks for the size drawn; again if they changed (their labels at
    the panel's edges take room)."""
    preset = panels[0].content.preset
    for _ in range(3):
        tight_fit(fig, preset)
        if not any([refit_ticks(panel.ax) for panel in panels]):
            return


def _obstacles(ax: Axes) -> Obstacles:
    obstacles = Obstacles.of(ax)
    obstacles.boxes += text_boxes(ax)
    return obstacles


def _dress(panel: Panel, legend: bool) -> bool:
    """Tick labels, notes and (with ``legend``) the legend of one panel, each clear of what
    came before. True when its legend went outside the panel."""
    ax, content = panel.ax, panel.content
    obstacles = Obstacles.of(ax)
    obstacles.boxes += [text_box(t) for t in _titles(ax)]
    clear_labels(ax, obstacles.copy(), panel.background)
    notes = obstacles.copy()
    notes.boxes += [text_box(t) for t in tick_labels(ax)]
    panel.keys = [] if panel.moving else place_notes(ax, notes, panel.background)
    if panel.keys:  # numbered markers sit on the curves: tick labels keep off them too
        obstacles.boxes += [text_box(t) for t in ax.texts if t.get_visible() and t.get_text()
                            and t.get_gid() != ORIGIN]  # fmt: skip
        again = obstacles.copy()
        again.strokes = again.strokes + leader_strokes(ax)
        clear_labels(ax, again, panel.background)
    obstacles.boxes += [text_box(t) for t in tick_labels(ax)]
    obstacles.boxes += [text_box(t) for t in ax.texts if t.get_visible() and t.get_text()]
    if not legend:
        return False
    spec = content.spec
    loc = content.preset.legend if spec.legend == "auto" else spec.legend
    where = place_legend(ax, loc if content.legend else "none", panel.keys, obstacles,
                         below=content.xlabel, short=panel.short)  # fmt: skip
    return where == "outside"


def _titles(ax: Axes) -> list[Text]:
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label]
    return [t for t in texts if t.get_visible() and t.get_text()]


def _axis_labels(panel: Panel) -> None:
    """The z label just past the right end of the z axis, the value label just above the
    top of the value axis: at the ends of the lines they name, outside the panel, where no
    curve goes. A title moves up to leave the value label its room."""
    ax, spec, content = panel.ax, panel.spec, panel.content
    pad = mpl.rcParams["xtick.major.pad"] / 72
    if spec.xlabel and content.xlabel:
        ylo, yhi = ax.get_ylim()
        at = 0.0 if inside(ax, "x") else (yhi if yhi < 0 else ylo)
        shift = ScaledTranslation(pad, 0, ax.figure.dpi_scale_trans)
        ax.set_xlabel(spec.xlabel, ha="left", va="center")
        ax.xaxis.set_label_coords(1.0, at, transform=ax.get_yaxis_transform() + shift)
    if spec.ylabel and content.ylabel:
        xlo, xhi = ax.get_xlim()
        at = 0.0 if inside(ax, "y") else (xhi if xhi < 0 else xlo)
        shift = ScaledTranslation(0, pad, ax.figure.dpi_scale_trans)
        ax.set_ylabel(spec.ylabel, rotation=0, ha="center", va="bottom")
        ax.yaxis.set_label_coords(at, 1.0, transform=ax.get_xaxis_transform() + shift)
        if ax.get_title():
            size = ax.yaxis.label.get_fontsize()
            ax.set_title(ax.get_title(), pad=mpl.rcParams["axes.titlepad"] + 1.4 * size)
