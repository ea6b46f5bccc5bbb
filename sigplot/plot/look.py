"""How curves look: the style context a figure is drawn and saved in, legend labels,
colours, and the background that halos and hollow marks take."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import matplotlib as mpl
import matplotlib.style
from matplotlib import patheffects
from matplotlib.axes import Axes

from sigplot.maths.catalog import CATALOG
from sigplot.plot.curves import Curve, Curves, argument
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import DETERMINISTIC_RC, PRESETS, Preset

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
    with mpl.style.context(styles):
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
    names the argument in place of the curve's own (Kz, in a sweep of the gain). Parameter
    values other than the defaults follow the argument: elu(z; alpha=0.5).
    """
    entry = CATALOG[curve.function]
    arg = arg or argument(curve.gain, curve.shift)
    values = rf";\ {entry.tex_values}" if entry.changed else ""
    if not preset.math_labels:
        words = entry.words if curve.order == 0 else _WORDS_BY_ORDER[curve.order]
        if curve.order and not formulas:  # several functions: say whose derivative
            words = f"{entry.words} {words}"
        return words if arg == "z" and not family else f"{words} ({arg})"
    if arg != "z" or family:
        n = curve.order
        d = "" if n == 0 else r"\frac{d}{dz}" if n == 1 else rf"\frac{{d^{n}}}{{dz^{n}}}"
        return f"${d}{entry.symbol}({arg}{values})$"
    head = f"{entry.symbol}{chr(39) * curve.order}(z{values})"
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


def background_of(ax: Axes, spec: FigureSpec) -> Any:
    """The colour behind the curves, or None when the figure is transparent: there is then
    no colour to know (the page's), so halos and hollow marks are left out or see-through."""
    return None if spec.transparent else ax.get_facecolor()


def halo_effect(background: Any, width: float) -> list[patheffects.AbstractPathEffect]:
    return (
        []
        if background is None
        else [patheffects.withStroke(linewidth=width, foreground=background)]
    )
