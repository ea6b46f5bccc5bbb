"""Draw step of the pipeline: ``draw(spec, curves, features) -> SigplotFigure``.

Draws what the compute step found; no maths here. Never touches pyplot or the global
rcParams: the caller draws (and saves) inside :func:`style_context`, which starts from
matplotlib's defaults (so a user's matplotlibrc cannot change sigplot's output) and adds
the preset's settings.
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import matplotlib.style
import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.ticker import ScalarFormatter
from matplotlib.transforms import Bbox

from sigplot.catalog import CATALOG
from sigplot.curves import Curve, Curves, argument
from sigplot.errors import SigplotWarning
from sigplot.features import Features
from sigplot.layout_cache import shared_layouts
from sigplot.logistic import FloatArray
from sigplot.mathtext_cache import shared_parses
from sigplot.presets import DETERMINISTIC_RC, PRESETS, Preset
from sigplot.spec import FigureSpec, describe
from sigplot.text_paths import shared_paths
from sigplot.tick_cache import steady_ticks

_WORDS_BY_ORDER = ("", "derivative", "second derivative", "third derivative")


@contextlib.contextmanager
def style_context(spec: FigureSpec) -> Iterator[None]:
    """matplotlib's default style, the preset's rc, then any --style sheet, for one figure."""
    preset = PRESETS[spec.preset]
    rc = {**DETERMINISTIC_RC, **preset.rc, "font.size": spec.fontsize}
    if spec.transparent:
        rc["savefig.transparent"] = True
    styles: list[Any] = ["default", rc]
    if spec.style:
        styles.append(spec.style)
    with mpl.style.context(styles), shared_parses(), shared_layouts(), shared_paths():
        yield


def label(
    curve: Curve,
    preset: Preset,
    *,
    formulas: bool = True,
    family: bool = False,
    arg: str | None = None,
) -> str:
    """Legend text: mathtext such as sigma'(z) = ..., or the blog's plain words.

    In a family of gains, or with a shift, the label names the argument, d/dz sigma(2z);
    ``formulas`` adds the right-hand side (used when one function is drawn); ``arg``
    names the argument in place of the curve's own (Kz, in a sweep of the gain).
    """
    entry = CATALOG[curve.function]
    arg = arg or argument(curve.gain, curve.shift)
    if not preset.math_labels:
        words = entry.words if curve.order == 0 else _WORDS_BY_ORDER[curve.order]
        if curve.order and not formulas:  # several functions: say whose derivative
            words = f"{entry.words} {words}"
        return words if arg == "z" and not family else f"{words} ({arg})"
    if arg != "z" or family:
        n = curve.order
        d = "" if n == 0 else r"\frac{d}{dz}" if n == 1 else rf"\frac{{d^{n}}}{{dz^{n}}}"
        return f"${d}{entry.symbol}({arg})$"
    head = f"{entry.symbol}{chr(39) * curve.order}(z)"
    return f"${head} = {entry.formulas[curve.order]}$" if formulas else f"${head}$"


def colors_for(curves: Curves, preset: Preset) -> list[str]:
    """One colour per curve. With several functions (or gains) one per member, from the
    preset's distinct palette, so different functions stay apart for every reader and a
    function's derivatives share its colour (they differ in line style); past the
    palette's length colours repeat. One function: the preset's colours, one per order."""
    members = list(dict.fromkeys((c.function, c.gain) for c in curves.lines))
    if len(members) > 1 and preset.distinct:
        palette = preset.distinct
        return [palette[members.index((c.function, c.gain)) % len(palette)] for c in curves.lines]
    return [preset.colors[i % len(preset.colors)] for i in range(len(curves.lines))]


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

    def _rendered(self, fmt: str) -> bytes:
        from sigplot.output import to_bytes  # the save step sits above the draw step

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
    _fit(fig, preset)
    moved = False
    for i, (panel, (one, curves, features, _)) in enumerate(zip(fig.panels, panels, strict=True)):
        moved |= _arrange(fig, panel, one, curves, features, fit=False,
                          legend=i == 0 or not shared)  # fmt: skip
    if moved:
        _fit(fig, preset)
    return fig


def redraw(
    panel: Panel, spec: FigureSpec, curves: Curves, features: Features | None, caption: str
) -> None:
    """Show another frame of a sweep in a drawn panel: the curves' new values, new marks
    and caption. Limits, legend and layout stay, so nothing jumps."""
    for artist in panel.marks:
        artist.remove()
    for line, curve in zip(panel.lines, curves.lines, strict=True):
        line.set_data(*_broken(curves.z, curve))
    preset = PRESETS[spec.preset]
    panel.marks = _marks(panel.ax, spec, curves, features, panel.colors, preset,
                         panel.background, moving=None)  # fmt: skip
    panel.ax.set_title(_title(spec, caption))
    if preset.spines == "zero":
        _place_notes(panel.ax)


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
        z, values = _broken(curves.z, curve)
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
            ax.plot(*_broken(ghost.z, curve), visible=False, label=_GHOST,
                    linewidth=preset.linewidth)  # fmt: skip
    _fit_values(ax, [curves, *ghosts])
    if preset.spines == "zero":
        _interleave_coinciding(ax, curves)
    background = _background(ax, spec)
    marks = _marks(ax, spec, curves, features, colors, preset, background, moving=False)
    if not moving:
        marks += _marks(ax, spec, curves, features, colors, preset, background, moving=True)
    title = _title(spec, caption)
    if title:
        ax.set_title(title)
    if preset.spines == "center":
        _blog_spines(ax)
    else:
        ax.set_xlim(spec.range)
        _zero_spines(ax, background)
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
        _legend(fig, ax, spec, preset, fit=fit)
    elif fit:
        _fit(fig, preset)
    moved = False
    if preset.spines == "zero":
        _halo_tick_labels(ax, panel.background)
        moved = _clear_tick_labels(ax)
        if moved and fit:
            _fit(fig, preset)  # labels moved to the panel's edge need their margin
    ghosts = [line for line in ax.lines if line.get_label() == _GHOST]
    if ghosts:  # the limits hold every frame; the frames themselves go
        ax.set_xlim(ax.get_xlim())
        ax.set_ylim(ax.get_ylim())
        for line in ghosts:
            line.remove()
    if panel.moving:
        panel.marks += _marks(ax, spec, curves, features, panel.colors, preset,
                              panel.background, moving=True)  # fmt: skip
    if preset.spines == "zero":
        _place_notes(ax)
    return moved


_GHOST = "_ghost"  # the label of another frame's curve, present only while laying out


def _marks(
    ax: Axes,
    spec: FigureSpec,
    curves: Curves,
    features: Features | None,
    colors: list[str],
    preset: Preset,
    background: Any,
    moving: bool | None,
) -> list[Artist]:
    """Draw the marks on the curves and return their artists: with ``moving`` False the
    jumps and finite differences (they sit on the curves), True the tangents and
    annotations (they may leave them), None all of them."""
    before = set(ax.get_children())
    if moving is not True:
        _draw_jumps(ax, curves, colors, background)
        if spec.check:
            _draw_checks(ax, curves, colors)
    if moving is not False:
        if curves.tangents:
            limits = ax.get_ylim()  # a tangent shows the slope; it does not stretch the axis
            _draw_tangents(ax, spec, curves, colors, background)
            ax.set_ylim(limits)
        if features is not None:
            _draw_features(ax, spec, curves, features, colors, preset, background)
    return [a for a in ax.get_children() if a not in before]


def _interleave_coinciding(ax: Axes, curves: Curves) -> None:
    """Curves that lie within a line width of an earlier one over the whole range (gelu
    under gelu_tanh) are drawn in dashes over it, so both colours show."""
    lines = [line for line in ax.lines if not str(line.get_label()).startswith("_")]
    y0, y1 = ax.get_ylim()
    height_px = ax.bbox.height
    dpi = ax.figure.dpi
    for j, later in enumerate(curves.lines):
        width = lines[j].get_linewidth() * dpi / 72 * abs(y1 - y0) / max(height_px, 1.0)
        for earlier in curves.lines[:j]:
            gap = np.abs(later.values - earlier.values)
            if np.isfinite(gap).any() and np.nanmax(gap) < width:
                lw = lines[j].get_linewidth()
                lines[j].set_dashes([2.0 * lw, 2.0 * lw])  # 2 line widths on, 2 off
                break


def _broken(z: FloatArray, curve: Curve) -> tuple[FloatArray, FloatArray]:
    """The curve with a gap at each jump: it ends at its left limit, starts again at its
    right one, and no stroke joins the two (a grid point right on a jump is dropped)."""
    if not curve.jumps:
        return z, curve.values
    keep = np.ones(len(z), dtype=bool)
    for jump in curve.jumps:
        keep &= z != jump.z
    zs, vs, ranks = [z[keep]], [curve.values[keep]], [np.zeros(int(keep.sum()))]
    for jump in curve.jumps:
        zs.append(np.full(3, jump.z))
        vs.append(np.array([jump.left, np.nan, jump.right]))
        ranks.append(np.array([0.0, 1.0, 2.0]))
    z_all, v_all, rank = np.concatenate(zs), np.concatenate(vs), np.concatenate(ranks)
    order = np.lexsort((rank, z_all))
    return z_all[order], v_all[order]


def _draw_tangents(
    ax: Axes, spec: FigureSpec, curves: Curves, colors: list[str], background: Any
) -> None:
    """--tangent: on each function, the point (z0, f(z0)) and its tangent line, labelled
    with the slope; where f' is drawn, (z0, f'(z0)) too, joined to the point by a dotted
    guide, so the reader sees that the derivative's height is the tangent's slope."""
    lo, hi = spec.range
    half = 0.18 * (hi - lo)  # the tangent's half length, in z
    for t in curves.tangents:
        member = [
            i for i, c in enumerate(curves.lines) if (c.function, c.gain) == (t.function, t.gain)
        ]
        on_f = next((i for i in member if curves.lines[i].order == 0), None)
        on_d1 = next((i for i in member if curves.lines[i].order == 1), None)
        color = colors[(on_f if on_f is not None else member[0])]
        z = np.array([max(lo, t.z - half), min(hi, t.z + half)])
        ax.plot(z, t.value + t.slope * (z - t.z), color=color, linewidth=1.5, zorder=3.5,
                label="_tangent")  # fmt: skip
        _mark(ax, t.z, t.value, color, background)
        _note(ax, spec, f"slope {t.slope:.3g}", (t.z, t.value), color, background)
        if on_d1 is not None:
            ax.plot([t.z, t.z], [t.value, t.slope], color=color, linestyle=":", linewidth=1.2,
                    zorder=3.5, label="_guide")  # fmt: skip
            _mark(ax, t.z, t.slope, color, background)


def _mark(ax: Axes, z: float, y: float, color: str, background: Any) -> None:
    """A point on a curve (a note's mark, a tangent's point), ringed in the background."""
    ax.plot([z], [y], marker="o", markersize=7, color=color, linestyle="none",
            markeredgecolor=background or color, zorder=4, label="_nolegend_")  # fmt: skip


def _note(
    ax: Axes, spec: FigureSpec, text: str, at: tuple[float, float], color: str, background: Any
) -> None:
    """A note by a mark, in the curve's colour with a leader line; _place_notes moves it
    clear of everything once the layout is final."""
    leader = {"arrowstyle": "-", "color": color, "lw": 0.8, "shrinkA": 1, "shrinkB": 5}
    dx, dy, ha, va = _NOTE_SPOTS[0]
    ax.annotate(text, at, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=0.9 * spec.fontsize, color=color, path_effects=_halo(background, 3),
                zorder=4, gid="sigplot-note", arrowprops=leader)  # fmt: skip


def _draw_jumps(ax: Axes, curves: Curves, colors: list[str], background: Any) -> None:
    """At a jump, a filled dot where the curve takes its value, a hollow one where not."""
    face = "none" if background is None else background
    for curve, color in zip(curves.lines, colors, strict=True):
        for jump in curve.jumps:
            near_right = abs(jump.value - jump.right) <= abs(jump.value - jump.left)
            other = jump.left if near_right else jump.right
            ax.plot([jump.z], [jump.value], marker="o", markersize=6, color=color,
                    linestyle="none", zorder=4, label="_nolegend_")  # fmt: skip
            ax.plot([jump.z], [other], marker="o", markersize=6, markerfacecolor=face,
                    markeredgecolor=color, markeredgewidth=1.5, linestyle="none", zorder=4,
                    label="_nolegend_")  # fmt: skip


# How far a value axis reaches past the data: matplotlib's own default margin.
VALUE_MARGIN = 0.05


def _fit_values(ax: Axes, frames: Sequence[Curves]) -> None:
    """The value axis's rule: tight to every curve with a 5% margin, unless unbounded
    functions (relu, softplus, gelu, ...) would stretch it to more than twice the span of
    the bounded curves (every derivative, and functions with a bounded range); then it fits
    the bounded curves, with the same margin, and the unbounded ones leave the figure.
    ``frames``: the curves of every frame of a sweep (one for a plain figure)."""
    lines = [c for curves in frames for c in curves.lines]
    bounded = [c.values for c in lines
               if c.order > 0 or not CATALOG[c.function].unbounded]  # fmt: skip
    if not bounded or len(bounded) == len(lines):
        return
    finite = [v[np.isfinite(v)] for v in bounded]
    lo = min(float(v.min(initial=np.inf)) for v in finite)
    hi = max(float(v.max(initial=-np.inf)) for v in finite)
    every = np.concatenate([c.values[np.isfinite(c.values)] for c in lines])
    span = hi - lo if hi > lo else 1.0
    if np.isfinite(span) and every.max() - every.min() > 2 * span:
        ax.set_ylim(lo - VALUE_MARGIN * span, hi + VALUE_MARGIN * span)


def _draw_checks(ax: Axes, curves: Curves, colors: list[str]) -> None:
    """Finite differences as markers on their analytic derivative curves."""
    worst = curves.max_check_difference
    text = f"finite differences (max |Δ| = {worst:.1e})"
    for curve, color in zip(curves.lines, colors, strict=True):
        if curve.check is not None:
            ax.plot(curve.check.z, curve.check.finite_difference, linestyle="none", marker="o",
                    markersize=5, markerfacecolor="none", markeredgecolor=color,
                    markeredgewidth=1.2, label=text, zorder=3)  # fmt: skip
            text = "_nolegend_"


def _draw_features(
    ax: Axes,
    spec: FigureSpec,
    curves: Curves,
    found: Features,
    colors: list[str],
    preset: Preset,
    background: Any,
) -> None:
    """The marks and shaded vanishing-gradient zones of --annotate (see features.py)."""
    if found.unmarked:
        lo, hi = spec.range
        warnings.warn(
            f"annotate: nothing to mark for {', '.join(found.unmarked)} on [{lo:g}, {hi:g}]; "
            "drawn without marks",
            SigplotWarning,
            stacklevel=3,
        )
    for m in found.marks:
        _mark(ax, m.z, m.y, colors[m.line], background)
        whose = CATALOG[curves.lines[m.line].function].words
        text = m.text if len(spec.functions) == 1 else f"{whose}: {m.text}"
        _note(ax, spec, text, (m.z, m.y), colors[m.line], background)
    # Each function's zones in its own colour, named in the legend when there are several.
    several = len({(z.function, z.gain) for z in found.zones}) > 1
    named: set[tuple[str, float]] = set()
    for zone in found.zones:
        member = (zone.function, zone.gain)
        line = next(i for i, c in enumerate(curves.lines) if (c.function, c.gain) == member)
        whose = f" ({CATALOG[zone.function].words})" if several else ""
        label = "_nolegend_" if member in named else f"$|f'| < 1\\%$ of its maximum{whose}"
        named.add(member)
        color = colors[line] if several else preset.shade
        ax.axvspan(zone.lo, zone.hi, color=color, alpha=0.08, linewidth=0, label=label)


def _background(ax: Axes, spec: FigureSpec) -> Any:
    """The colour behind the curves, or None when the figure is transparent: there is then
    no colour to know (the page's), so halos and hollow marks are left out or see-through."""
    return None if spec.transparent else ax.get_facecolor()


def _halo(background: Any, width: float) -> list[patheffects.AbstractPathEffect]:
    return (
        []
        if background is None
        else [patheffects.withStroke(linewidth=width, foreground=background)]
    )


def _blog_spines(ax: Axes) -> None:
    """The blog's axes, step by step as the post wrote them."""
    ax.spines["left"].set_position("center")
    ax.spines["right"].set_color("none")
    ax.spines["top"].set_color("none")
    ax.xaxis.set_ticks_position("bottom")
    ax.yaxis.set_ticks_position("left")


class _Skip(ScalarFormatter):
    """Tick labels as usual, but none at the values in ``skip``: 0, where the other axis
    would strike it, and any label a curve passes through."""

    def __init__(self, skip: frozenset[float] = frozenset({0.0})) -> None:
        super().__init__()
        self.skip = skip

    def __call__(self, x: float, pos: int | None = None) -> str:
        return "" if x in self.skip else super().__call__(x, pos)


# Where an annotation's text may go, in points from its mark (dx, dy, ha, va), nearest
# first; past the first ring a short leader line joins text and mark.
_NOTE_SPOTS: list[tuple[float, float, Any, Any]] = [
    (8, -4, "left", "top"), (8, 6, "left", "bottom"), (-8, -4, "right", "top"),
    (-8, 6, "right", "bottom"), (0, -14, "center", "top"), (0, 14, "center", "bottom"),
    *((dx * r, dy * r, "left" if dx > 0 else "right" if dx < 0 else "center",
       "top" if dy < 0 else "bottom" if dy > 0 else "center")
      for r in (28, 56, 84, 112, 140, 180)
      for dx, dy in ((1, -1), (1, 1), (-1, -1), (-1, 1), (1, 0), (-1, 0), (0, 1), (0, -1))),
]  # fmt: skip


def _place_notes(ax: Axes) -> None:
    """Each annotation's text at the nearest spot that meets no curve, axis line, tick
    label, legend or other note (as the legend is placed); if none is clear, the first."""
    notes = [t for t in ax.texts if isinstance(t, Annotation) and t.get_gid() == "sigplot-note"]
    if not notes:
        return
    strokes = _line_and_axis_strokes(ax)
    with steady_ticks():
        ax.get_tightbbox()  # places the notes (their offsets hold the layout's last pixels)
    boxes = [t.get_window_extent() for t in _tick_labels(ax)]
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
        best: tuple[int, tuple[float, float, Any, Any]] = (10_000, _NOTE_SPOTS[0])
        for spot in _NOTE_SPOTS:
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


def _clear_tick_labels(ax: Axes) -> bool:
    """No curve passes through a tick label. An axis line inside the panel carries its
    labels on whichever side of it the curves cross less; a label a curve still crosses is
    left out (the axis keeps its tick), and so is the origin's "0". True when labels moved
    to the panel's edge."""
    moved = False
    curves = [
        line
        for line in ax.lines
        if not str(line.get_label()).startswith("_") or line.get_label() == _GHOST
    ]
    strokes = _strokes(ax, curves)

    def labels(axis: Any, side: Any) -> list[tuple[float, Bbox]]:
        with steady_ticks():
            axis.get_majorticklabels()  # places the ticks and their labels as they will be drawn
            ticks = axis.get_major_ticks()
            texts = [(t, t.label1 if side in ("left", "bottom") else t.label2) for t in ticks]
            return [(float(tick.get_loc()), text.get_window_extent())
                    for tick, text in texts if text.get_visible() and text.get_text()]  # fmt: skip

    def crossed(boxes: list[tuple[float, Bbox]]) -> set[float]:
        return {loc for loc, box in boxes
                if any(stroke.crosses(box) for stroke in strokes)}  # fmt: skip

    pairs: list[tuple[Any, tuple[Any, Any]]] = [
        (ax.xaxis, ("bottom", "top")), (ax.yaxis, ("left", "right"))
    ]  # fmt: skip
    for axis, sides in pairs:
        side: Any = axis.get_ticks_position()
        here = labels(axis, side)
        hits = crossed(here)
        spine = ax.spines[side]
        if hits and spine.get_position() == ("data", 0.0):  # inside: the other side may be free
            # The labels on the other side of the zero line are these, mirrored across it
            # (the same texts, pads and tick lengths), so they are tried without moving.
            across = ax.xaxis is axis
            zero = float(ax.transData.transform((0.0, 0.0))[1 if across else 0])
            there = [(loc, _mirrored(box, zero, across)) for loc, box in here]
            if not crossed(there):
                other = sides[1] if side == sides[0] else sides[0]
                ax.spines[other].set_position(("data", 0.0))
                axis.set_ticks_position(other)
                hits = set()
            else:  # curves on both sides: the labels go to the panel's edge, no curve there
                _labels_to_edge(ax, axis, side)
                moved = True
                hits = crossed(labels(axis, side))
        if hits:
            old = axis.get_major_formatter()
            skip = old.skip if isinstance(old, _Skip) else frozenset()
            axis.set_major_formatter(_Skip(skip | hits))
    for text in list(ax.texts):
        if text.get_text() == "0" and any(
            stroke.crosses(text.get_window_extent()) for stroke in strokes
        ):
            text.remove()
    return moved


def _mirrored(box: Bbox, zero: float, across: bool) -> Bbox:
    """``box`` reflected in the line at pixel ``zero``: horizontal when ``across``, else
    vertical."""
    if across:
        return Bbox.from_extents(box.x0, 2 * zero - box.y1, box.x1, 2 * zero - box.y0)
    return Bbox.from_extents(2 * zero - box.x1, box.y0, 2 * zero - box.x0, box.y1)


def _labels_to_edge(ax: Axes, axis: Any, side: str) -> None:
    """Move an axis's ticks and labels from the zero line to the panel's edge, and draw the
    zero line on its own, as the axis line it was."""
    spine = ax.spines[side]
    line = ax.axvline if side in ("left", "right") else ax.axhline
    line(0.0, color=spine.get_edgecolor(), linewidth=spine.get_linewidth(), zorder=2.5,
         label="_zero_axis")  # fmt: skip
    spine.set_position(("outward", 0.0))
    axis.set_major_formatter(ScalarFormatter())  # 0 is no longer struck by the other axis
    for text in list(ax.texts):
        if text.get_text() == "0" and not isinstance(text, Annotation):
            text.remove()


def _zero_spines(ax: Axes, background: Any) -> None:
    """Put each axis line at data zero, or at the nearest edge when zero is out of view.

    Tick labels sit above the curves (and get a halo, :func:`_halo_tick_labels`), so no
    curve is ever drawn across them.
    """
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    y_at_zero = _place(ax, "left", "right", x0, x1)
    x_at_zero = _place(ax, "bottom", "top", y0, y1)
    for spine in ax.spines.values():  # an axis inside the panel reads as the ticks do (a
        spine.set_edgecolor(mpl.rcParams["xtick.color"])  # style's edge may be the panel's)
    if y_at_zero and x_at_zero:  # both axes cross inside: one "0" at the origin for both
        ax.xaxis.set_major_formatter(_Skip())
        ax.yaxis.set_major_formatter(_Skip())
        ax.annotate(
            "0", (0, 0), xytext=(-4, -4), textcoords="offset points",
            ha="right", va="top", fontsize=mpl.rcParams["xtick.labelsize"],
            path_effects=_halo(background, 4),
        )  # fmt: skip
    ax.set_axisbelow(False)


def _halo_tick_labels(ax: Axes, background: Any) -> None:
    """Tick labels drawn above the curves get a halo in the background colour. Set once
    the layout has made the ticks: before it, they would be made for a first guess of the
    axes' size, then made again."""
    halo = _halo(background, 4)
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


def _legend(fig: Figure, ax: Axes, spec: FigureSpec, preset: Preset, fit: bool = True) -> None:
    """The legend where the spec says, or (preset "clear") at the first spot inside the
    axes that hides nothing, else outside them. Without ``fit`` (a panel of a grid, laid
    out once for all) the figure is not refitted, and a legend with no clear spot takes
    matplotlib's "best" one inside."""
    if spec.legend == "none" or not [h for h in ax.lines if not str(h.get_label()).startswith("_")]:
        if fit:
            _fit(fig, preset)
        return
    loc = preset.legend if spec.legend == "auto" else spec.legend
    if loc != "clear":
        ax.legend(loc=_loc(loc), frameon=False)
        if fit:
            _fit(fig, preset)
        return
    legend = ax.legend(loc=_loc(_LEGEND_SPOTS[0]), frameon=False)
    box = legend.get_window_extent()
    inside = box.height < 0.8 * ax.bbox.height and box.width < 0.8 * ax.bbox.width
    if inside:  # a legend most of the axes' size fits nowhere inside: go straight outside
        if fit:
            _fit(fig, preset)
        strokes, boxes = _obstacles(ax)
    for spot in _LEGEND_SPOTS if inside else ():
        legend.set_loc(_loc(spot))
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
    _fit(fig, preset)


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


def _fit(fig: Figure, preset: Preset) -> None:
    """Fit the axes to the figure once (tight layout), so later geometry is final."""
    if not preset.tight:
        return
    with warnings.catch_warnings():
        # Only matplotlib's own verdict counts: other warnings raised while laying out (such
        # as pyparsing's deprecations under matplotlib 3.8) pass through untouched.
        warnings.filterwarnings("error", "Tight layout not applied", UserWarning)
        try:
            with steady_ticks():
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


def _loc(name: str) -> Any:
    """A legend location checked by spec.LEGEND_LOCATIONS, typed for matplotlib's stubs."""
    return name


class _Stroke:
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


def _strokes(ax: Axes, lines: list[Any]) -> list[_Stroke]:
    """Each line in pixels with half its stroke width."""
    px_per_pt = ax.figure.dpi / 72
    return [
        _Stroke(line.get_transform().transform_path(line.get_path()),
                line.get_linewidth() * px_per_pt / 2)
        for line in lines
    ]  # fmt: skip


def _line_and_axis_strokes(ax: Axes) -> list[_Stroke]:
    """Every drawn line and visible axis line (spines at their full width), in pixels."""
    px_per_pt = ax.figure.dpi / 72
    return _strokes(ax, list(ax.lines)) + [
        _Stroke(spine.get_transform().transform_path(spine.get_path()),
                spine.get_linewidth() * px_per_pt)
        for spine in ax.spines.values()
        if spine.get_visible()
    ]  # fmt: skip


def _obstacles(ax: Axes) -> tuple[list[_Stroke], list[Bbox]]:
    """What a legend must not cover, in pixels: curves and axis lines (each with half its
    stroke width), and the boxes of tick labels and other text."""
    texts = _tick_labels(ax) + [t for t in ax.texts if t.get_visible() and t.get_text()]
    return _line_and_axis_strokes(ax), [t.get_window_extent() for t in texts]


def _tick_labels(ax: Axes) -> list[Text]:
    """The tick labels shown (visible, not blank), placed as they will be drawn."""
    return [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
