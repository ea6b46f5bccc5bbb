"""How curves look: the style context a figure is drawn and saved in, legend labels,
colours, and the background that halos and hollow marks take."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import matplotlib.style
from matplotlib import patheffects
from matplotlib.axes import Axes

from sigplot.maths.catalog import CATALOG
from sigplot.maths.errors import SigplotError
from sigplot.plot.curves import Curve, Curves, argument
from sigplot.spec.options import FigureSpec
from sigplot.spec.presets import DETERMINISTIC_RC, PRESETS, Preset

MAX_CURVES = 12  # curves in one panel, at most: twice the palette on white
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
        # d/dz on the line, at the text's size (mathtext sets a \frac at a script size)
        d = "" if n == 0 else r"d/dz\," if n == 1 else rf"d^{n}/dz^{n}\,"
        return f"${d}{entry.symbol}({arg}{values})$"
    head = f"{entry.symbol}{chr(39) * curve.order}(z{values})"
    return f"${head} = {entry.formulas[curve.order]}$" if formulas else f"${head}$"


@dataclass(frozen=True)
class Look:
    """How one curve is drawn: its colour and line style."""

    color: str
    style: Any


def looks(
    curves: Curves, preset: Preset, panel_of: Sequence[int], named: bool = True
) -> list[Look]:
    """A colour and a line style per curve, so that any two curves of one panel (curve i
    is in panel ``panel_of[i]``) differ in one or the other, and a function's orders
    always differ in line style.

    One function: the preset's colours, one per order, and a line style per order. Several
    functions (or gains): one colour per member from the preset's distinct palette, shared
    by its orders; past the palette the preset's further colours, each with a line style
    of its own, while they last and the styles do; else the palette's colours repeat and
    line styles move on to the next the preset has. Raises SigplotError for a panel of
    more than twelve curves a legend would name (``named``), or when the styles run out:
    no legend tells such curves apart, and small multiples (``--layout grid``) do."""
    crowded = max((panel_of.count(p) for p in set(panel_of)), default=0)
    if crowded > MAX_CURVES and preset.cycle_styles and named:
        raise SigplotError(
            "functions",
            ",".join(dict.fromkeys(c.function for c in curves.lines)),
            f"draw {crowded} curves in one panel, more than the {MAX_CURVES} a reader can "
            "follow and a legend name; draw them with --layout grid",
        )
    members = list(dict.fromkeys((c.function, c.gain) for c in curves.lines))
    if len(members) == 1 or not preset.distinct:
        return [
            Look(preset.colors[i % len(preset.colors)],
                 preset.order_styles[c.order % len(preset.order_styles)])
            for i, c in enumerate(curves.lines)
        ]  # fmt: skip
    if len(members) <= len(preset.distinct) + len(preset.further):
        found = _looks(curves, preset, panel_of, members, preset.further)
        if found:
            return found
    return _looks(curves, preset, panel_of, members, ())


def _looks(
    curves: Curves,
    preset: Preset,
    panel_of: Sequence[int],
    members: list[tuple[str, float]],
    further: Sequence[str],
) -> list[Look]:
    """The looks of several members: past the palette, the ``further`` colours (apart for
    most readers though not for all), each with a line style neither its palette colour's
    curves nor the other further ones have, apart for all: relu-family on dark showed
    relu and celu both blue, told apart by their dashes only, which the stretches where
    curves coincide (drawn in turns of colour) do not show (review 22). With no further
    colours, the palette's repeat, with line styles its earlier curves do not have. Empty
    when the styles run out with further colours (the caller then repeats the palette)."""
    styles = preset.order_styles + preset.cycle_styles
    palette = preset.distinct
    slots: list[int] = []  # each curve's palette colour: the one its style keeps apart from
    extras: list[bool] = []  # whether each curve has a further colour
    out: list[Look] = []
    for i, curve in enumerate(curves.lines):
        member = members.index((curve.function, curve.gain))
        slot, past = member % len(palette), member - len(palette)
        extra = past >= 0 and bool(further)
        color = further[past] if extra else palette[slot]
        taken = {
            out[j].style
            for j, other in enumerate(curves.lines[:i])
            if (other.function, other.gain) == (curve.function, curve.gain)
            or (panel_of[j] == panel_of[i] and (slots[j] == slot or (extra and extras[j])))
        }
        slots.append(slot)
        extras.append(extra)
        first = curve.order % len(preset.order_styles)
        free = [s for s in styles[first:] + styles[:first] if s not in taken]
        if not free and further:
            return []
        if not free and preset.cycle_styles:
            panel = sum(p == panel_of[i] for p in panel_of)
            raise SigplotError(
                "functions", ",".join(dict.fromkeys(c.function for c in curves.lines)),
                f"draw {panel} curves in one panel, more than {len(palette)} colours and "
                f"{len(styles)} line styles tell apart; draw them with --layout grid",
            )  # fmt: skip
        out.append(Look(color, free[0] if free else styles[first]))
    return out


def background_of(ax: Axes, spec: FigureSpec) -> Any:
    """The colour behind the curves, or None when the figure is transparent: there is then
    no colour to know (the page's), so halos and hollow marks are left out or see-through."""
    return None if spec.transparent else ax.get_facecolor()


def on_dark(ax: Axes) -> bool:
    """Whether the panel is dark (its colour nearer black than white): tints and bands
    take more of their colour there, where a light one's share is near black."""
    return sum(mpl.colors.to_rgb(ax.get_facecolor())) < 1.5


def halo_effect(background: Any, width: float) -> list[patheffects.AbstractPathEffect]:
    return (
        []
        if background is None
        else [patheffects.withStroke(linewidth=width, foreground=background)]
    )
