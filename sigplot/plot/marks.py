"""What sits on the curves: jumps (filled and hollow dots, gaps), finite-difference
checks, tangents with their slope notes, and the marks and zones of ``--annotate``."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from sigplot.maths.catalog import CATALOG
from sigplot.maths.errors import SigplotWarning
from sigplot.maths.logistic import FloatArray
from sigplot.plot.curves import Curve, Curves
from sigplot.plot.features import Features
from sigplot.plot.look import halo_effect
from sigplot.plot.notes import NOTE_SPOTS
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import Preset


def draw_marks(
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


def interleave_coinciding(ax: Axes, curves: Curves) -> None:
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


def broken(z: FloatArray, curve: Curve) -> tuple[FloatArray, FloatArray]:
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
    """A note by a mark, in the curve's colour with a leader line; place_notes moves it
    clear of everything once the layout is final."""
    leader = {"arrowstyle": "-", "color": color, "lw": 0.8, "shrinkA": 1, "shrinkB": 5}
    dx, dy, ha, va = NOTE_SPOTS[0]
    ax.annotate(text, at, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=0.9 * spec.fontsize, color=color, path_effects=halo_effect(background, 3),
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
