"""Sweeps: one figure per value of one option (gain, shift or the tangent's point).

A sweep is a sequence of FigureSpecs that differ in one field; the output format decides
whether they become frames of an animation or panels of one static image. Pure: no numpy,
no matplotlib, so the CLI checks a sweep before paying for either.
"""

from __future__ import annotations

import dataclasses

from sigplot.maths.errors import SigplotError
from sigplot.spec import budget
from sigplot.spec.formats import ANIMATED, FORMATS
from sigplot.spec.options import FigureSpec
from sigplot.spec.parse import ANIMATION_FRAMES, GRID_PANELS

MAX_PANELS = 60
GRID_SWEEP = (
    "with --sweep needs an animated format (gif, webp, html, mp4): in a static format a "
    "sweep is small multiples already"
)
# How each sweep names its value: in the caption of a frame or panel, and in the legend's
# argument (the curve is f(K z), not f(z), while K changes).
# Each as (words, symbol as text, symbol as mathtext): a figure sets the symbol in italic as
# its notes and legend do; a page's text (the explorer's readout) takes it as text.
_CAPTIONS = {"gain": ("gain", "K", "K"), "shift": ("shift", "z₀", "z_0"),
             "tangent": ("tangent at", "z", "z")}  # fmt: skip
ARGUMENTS = {"gain": "Kz", "shift": "z - z_0", "tangent": None}


def animates(spec: FigureSpec, fmt: str) -> bool:
    """Whether ``fmt`` shows ``spec``'s sweep as an animation (else: a grid of panels)."""
    return spec.sweep is not None and fmt in ANIMATED


def count(spec: FigureSpec, animated: bool) -> int:
    """How many frames (animated) or panels (static) the sweep has."""
    if spec.frames is not None:
        return spec.frames
    return ANIMATION_FRAMES if animated else GRID_PANELS


def values(spec: FigureSpec, animated: bool) -> list[float]:
    """The swept values, evenly spaced from FROM to TO (geometrically for a gain), ends exact."""
    if spec.sweep is None:
        raise ValueError("values() needs a spec with a sweep")
    name, first, last = spec.sweep
    n = count(spec, animated)
    if name == "gain":
        ratio = last / first
        inner = [first * ratio ** (i / (n - 1)) for i in range(1, n - 1)]
    else:
        inner = [first + (last - first) * i / (n - 1) for i in range(1, n - 1)]
    return [first, *inner, last]


def frame(spec: FigureSpec, value: float) -> FigureSpec:
    """The spec of one frame: the swept option set to ``value``, the sweep itself gone."""
    if spec.sweep is None:
        raise ValueError("frame() needs a spec with a sweep")
    name = spec.sweep[0]
    unswept = dataclasses.replace(spec, sweep=None, frames=None, fps=None)
    if name == "gain":
        return dataclasses.replace(unswept, gain=(value,))
    if name == "shift":
        return dataclasses.replace(unswept, shift=value)
    return dataclasses.replace(unswept, tangent=value)


def captions(spec: FigureSpec, swept: list[float], italic: bool = False) -> list[str]:
    """Each value's caption with one number of decimals for all, so the text does not
    flicker from frame to frame: "tangent at z = -1.50"; ``italic``: the symbol as
    mathtext, italic in a figure's title."""
    if spec.sweep is None:
        raise ValueError("captions() needs a spec with a sweep")
    decimals = _decimals(swept)
    words, text, tex = _CAPTIONS[spec.sweep[0]]
    symbol = f"${tex}$" if italic else text
    return [f"{words} {symbol} = {v:.{decimals}f}".replace("-", "−") for v in swept]


def _decimals(swept: list[float]) -> int:
    """The fewest decimals (at most 3) that write every value to within one per cent of
    itself and each apart: the decimals that told the values apart alone wrote the shift
    sweep's -1.8 as "-2" (-3 to 3 in steps of 1.2, a reader review)."""
    for decimals in range(3):
        shown = [round(v, decimals) for v in swept]
        if len(set(shown)) == len(set(swept)) and all(
            abs(w - v) <= 0.01 * abs(v) for w, v in zip(shown, swept, strict=True)
        ):
            return decimals
    return 3


def check_data(spec: FigureSpec, shown: str) -> None:
    """Refuse --data for a sweep: a data file holds one figure's samples."""
    if spec.sweep is not None:
        raise SigplotError("data", shown, "holds one figure's samples; a sweep draws many")


def check_format(spec: FigureSpec, fmt: str, field: str = "format", shown: str = "") -> None:
    """Refuse a format that would drop what the spec asks for (an animation format with no
    sweep, --fps with a static format, more panels than one image holds) or that takes
    ``spec`` past a budget (:mod:`sigplot.spec.budget`)."""
    shown = shown or fmt
    if fmt in FORMATS and FORMATS[fmt].sweep_only and spec.sweep is None:
        raise SigplotError(field, shown, "is an animation format: it needs --sweep")
    if spec.sweep is None:
        budget.check(spec, fmt)
        return
    if spec.fps is not None and fmt not in ANIMATED:
        animated = ", ".join(ANIMATED)
        raise SigplotError("fps", spec.fps, f"needs an animated format ({animated}), not {fmt}")
    if fmt not in ANIMATED and spec.layout == "grid":
        raise SigplotError("layout", "grid", GRID_SWEEP)
    if fmt not in ANIMATED and count(spec, False) > MAX_PANELS:
        raise SigplotError(
            "frames", count(spec, False),
            f"is too many panels for one {fmt} image (at most {MAX_PANELS}); use an animated "
            "format",
        )  # fmt: skip
    budget.check(spec, fmt)
