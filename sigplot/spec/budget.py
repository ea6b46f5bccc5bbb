"""Budgets: how much one command may ask for, checked before any work starts, so that
every command the options allow finishes in bounded time and memory. Past a budget,
a SigplotError names the limit and the way back under it.

Pure arithmetic on a spec: no numpy, no matplotlib. The numbers, and the peak memory
of the largest command each allows, are in the README's "Guarantees".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from sigplot.maths.errors import SigplotError

if TYPE_CHECKING:  # options.py imports this module to validate a spec
    from sigplot.spec.options import FigureSpec

MAX_POINTS = 1_000_000  # samples over the range of one curve
MAX_SIDE = 2**16  # pixels a side of any image: Agg's own limit
MAX_PIXELS = 2**26  # pixels of any image written, at every scale (a 2x PNG at 2x): 8192²
MAX_MOVIE_PIXELS = 300_000_000  # pixels of an animation's frames together: 600 of 900 x 500
MAX_SHOW_PIXELS = 2**22  # a picture --show sends to a terminal: 2560 x 1600, a large screen
MAX_FUNCTIONS = 48  # the catalogue (33) and families of it at parameters
MAX_GAINS = 24  # twice the curves a legend names
MAX_CURVES = 144  # functions x gains x orders in one figure
MAX_SAMPLES = 4_000_000  # points x curves x frames (or panels): two functions with their
# derivatives at the most points; each sample costs about 80 bytes while a figure is drawn
MAX_COLUMNS = 1000  # --show text: wider than any terminal on a 4K screen
MAX_STYLE_BYTES = 256 * 1024  # a style sheet: five times matplotlib's whole matplotlibrc
MIN_CELL = (20.0, 12.0)  # ems of the font size a side: the least a grid's panel reads in
MIN_STACKED = 9.0  # ems of the figure's height for each panel of a stack (its z row too)
MIN_STACKED_PANEL = 5.0  # ems of height a stacked panel keeps, drawn: three labels an em apart


def grid_shape(cells: int) -> tuple[int, int]:
    """(columns, rows) of a grid of ``cells`` small multiples: one row up to three, else
    near square (plot/draw.py's draw_grid lays them out so)."""
    columns = cells if cells <= 3 else math.ceil(math.sqrt(cells))
    return columns, math.ceil(cells / columns)


def cells(spec: FigureSpec, animated: bool) -> int:
    """How many panels one image of ``spec`` holds: one per function in a grid, one per
    value in a sweep drawn as small multiples, else one."""
    from sigplot.spec.sweep import count

    n = len(spec.functions) if spec.layout == "grid" else 1
    if spec.sweep is not None and not animated:
        n *= count(spec, animated=False)
    return n


def _pixels(spec: FigureSpec, scale: float) -> tuple[float, float]:
    """The pixels of one image of ``spec`` (a frame of an animation, a whole grid)."""
    w, h = spec.size
    return w * spec.dpi * scale, h * spec.dpi * scale


def _how_big(spec: FigureSpec, scale: float) -> str:
    """``at dpi 100``, with the scale when it counts."""
    twice = f" at {scale:g}x (the @{scale:g}x PNG)" if scale != 1 else ""
    return f"at dpi {spec.dpi:g}{twice}"


def _many(x: float) -> str:
    """A count as a reader takes it in: 400,000,000 (or "more than 10^308")."""
    return f"{x:,.0f}" if math.isfinite(x) else "more than 10^308"


def _lower_dpi(most: float) -> str:
    """The way under a pixel budget: a dpi of at most ``most``, else a smaller size."""
    dpi = math.floor(most) if math.isfinite(most) else 0
    return f"use --dpi {dpi} or less, or a smaller --size" if dpi >= 1 else "use a smaller --size"


def check_pixels(spec: FigureSpec, scale: float = 1.0, limit: int = MAX_PIXELS) -> None:
    """Refuse an image larger than ``limit`` pixels (or MAX_SIDE a side), or under one."""
    (w_in, h_in), (w, h) = spec.size, _pixels(spec, scale)
    where = _how_big(spec, scale)
    if max(w, h) > MAX_SIDE:
        way = _lower_dpi(MAX_SIDE / max(w_in, h_in) / scale)
        raise SigplotError("size", spec.size, f"{where} exceeds {MAX_SIDE} pixels per side; "
                           f"{way}")  # fmt: skip
    if min(w, h) < 1:
        raise SigplotError("size", spec.size, f"{where} is under one pixel")
    if w * h > limit:
        way = _lower_dpi(math.sqrt(limit / (w_in * h_in)) / scale)
        raise SigplotError("size", spec.size, f"{where} is {_many(w * h)} pixels, more than the "
                           f"{limit:,} allowed; {way}")  # fmt: skip


def _tenth_up(inches: float) -> float:
    """``inches`` rounded up to a tenth, as a refusal names the least size."""
    return math.ceil(inches * 10 - 1e-9) / 10


def check_cells(spec: FigureSpec, animated: bool = False) -> None:
    """Refuse a grid whose panels ``--size`` cannot hold legibly: each cell needs
    MIN_CELL ems of the font size (its title, tick labels, a legend and the curves
    between), and the refusal names the smallest size that gives them that."""
    n = cells(spec, animated)
    if n == 1:
        return
    columns, rows = grid_shape(n)
    em = spec.fontsize / 72
    need = (MIN_CELL[0] * em, MIN_CELL[1] * em)
    w, h = spec.size
    if w >= columns * need[0] - 1e-9 and h >= rows * need[1] - 1e-9:
        return
    least = [_tenth_up(max(have, k * side))
             for have, k, side in ((w, columns, need[0]), (h, rows, need[1]))]  # fmt: skip
    raise SigplotError(
        "size", spec.size,
        f"is too small for {n} panels ({columns} x {rows}) at {spec.fontsize:g} pt, each "
        f"needing {need[0]:.2g} x {need[1]:.2g} in; use --size {least[0]:g} {least[1]:g} or "
        "more, or a smaller --fontsize",
    )  # fmt: skip


class ShortStackError(SigplotError):
    """:func:`check_stack`'s refusal, with the stack's ``panels`` and the ``least`` height
    that gives each MIN_STACKED ems: the drawing looks on from there for a height that
    draws (plot.draw), so that the size the refusal names is one that draws."""

    panels: int
    least: float


def check_stack(spec: FigureSpec, panels: int) -> None:
    """Refuse a figure of ``panels`` stacked sharing z (curves whose scales are too far
    apart for one value axis, found once they are computed) that the size cannot give
    MIN_STACKED ems of height each: five panels in a 5 in figure at 10 pt left each a
    value axis of one label, and at the web size the legend ran off the canvas. The
    refusal (a :class:`ShortStackError`) names the least height that reads. (A grid's cells
    have MIN_CELL: a cell of two panels at that size keeps the rules.)"""
    if panels == 1:
        return
    em = spec.fontsize / 72
    if spec.size[1] >= panels * MIN_STACKED * em - 1e-9:
        return
    least = _tenth_up(panels * MIN_STACKED * em)
    error = ShortStackError(*short_stack(spec, panels, least))
    error.panels, error.least = panels, least
    raise error


def short_stack(spec: FigureSpec, panels: int, least: float) -> tuple[str, object, str]:
    """The fields of the refusal of a stack of ``panels`` under MIN_STACKED ems each,
    naming ``least``."""
    em = spec.fontsize / 72
    w, _ = spec.size
    return (
        "size", spec.size,
        f"is too small for the {panels} stacked panels these curves need (their scales are "
        f"too far apart for one value axis) at {spec.fontsize:g} pt, each needing "
        f"{MIN_STACKED * em:.2g} in of height; use --size {w:g} {_tenth_up(least):g} or "
        "more, a smaller --fontsize, or fewer functions or orders",
    )  # fmt: skip


def stack_shortfall(spec: FigureSpec, heights: Sequence[float]) -> float:
    """How much taller, in inches, a figure of ``spec`` whose stacked panels were drawn
    ``heights`` high (in inches) must be for each to keep MIN_STACKED_PANEL ems, once its
    legend and labels have taken their room (nothing for one panel)."""
    if len(heights) < 2:
        return 0.0
    short = MIN_STACKED_PANEL * spec.fontsize / 72 - min(heights)
    return len(heights) * short if short > 1e-9 else 0.0


def refuse_short_stack(spec: FigureSpec, panels: int, height: float, least: float) -> NoReturn:
    """Refuse a stack of ``panels`` whose shortest was drawn ``height`` inches high, under
    MIN_STACKED_PANEL ems, naming ``least``, a height found to give them that: at the web
    size the sigmoid at four gains left two panels 4 ems high under its legend, with one
    value label each."""
    w, _ = spec.size
    em = spec.fontsize / 72
    raise SigplotError(
        "size", spec.size,
        f"leaves the {panels} stacked panels these curves need {height / em:.1f} ems of "
        f"height once the legend takes its room, under the {MIN_STACKED_PANEL:g} their "
        f"value axes read in at {spec.fontsize:g} pt; use --size {w:g} {_tenth_up(least):g} "
        "or more, a smaller --fontsize, fewer functions or orders, or --legend none",
    )  # fmt: skip


def curves(spec: FigureSpec) -> int:
    """How many curves one frame draws: every function at every gain and order."""
    return len(spec.functions) * len(spec.gain) * len(spec.orders)


def check_counts(spec: FigureSpec) -> None:
    """Refuse more functions, gains or curves than a figure draws in bounded time."""
    n = len(spec.functions)
    if n > MAX_FUNCTIONS:
        raise SigplotError("functions", f"{n} functions", f"are more than the {MAX_FUNCTIONS} "
                           "a figure draws; split them over several figures")  # fmt: skip
    if len(spec.gain) > MAX_GAINS:
        raise SigplotError("gain", f"{len(spec.gain)} gains", f"are more than the {MAX_GAINS} "
                           "a figure draws; split them over several figures")  # fmt: skip
    if curves(spec) > MAX_CURVES:
        raise SigplotError(
            "orders", f"{n} functions x {len(spec.gain)} gains x {len(spec.orders)} orders",
            f"are {curves(spec)} curves, more than the {MAX_CURVES} a figure draws; draw "
            "fewer, or split them over several figures",
        )  # fmt: skip


def check_samples(spec: FigureSpec, frames: int = 1) -> None:
    """Refuse more samples (points x curves x frames or panels) than MAX_SAMPLES."""
    n = spec.points * curves(spec) * frames
    if n <= MAX_SAMPLES:
        return
    times = f"{curves(spec)} curves" + (f" x {frames} frames" if frames > 1 else "")
    most = min(MAX_SAMPLES // (curves(spec) * frames), MAX_POINTS)
    way = f"--points {most:,} or fewer" if most >= 2 else "fewer curves"
    raise SigplotError(
        "points", spec.points,
        f"x {times} is {n:,} samples, more than the {MAX_SAMPLES:,} allowed; use {way}"
        + (", or fewer frames" if frames > 1 else ""),
    )  # fmt: skip


def check(spec: FigureSpec, fmt: str | None = None, scale: float = 1.0) -> None:
    """Every budget of writing ``spec`` in ``fmt`` at ``scale`` (2 for a 2x PNG); None is
    the figure ``sigplot.figure`` draws (a sweep's small multiples)."""
    from sigplot.spec.sweep import animates, count

    animated = fmt is not None and animates(spec, fmt)
    check_counts(spec)
    check_pixels(spec, scale)
    check_cells(spec, animated)
    frames = count(spec, animated) if spec.sweep is not None else 1
    check_samples(spec, frames)
    if animated:
        w, h = _pixels(spec, scale)
        total = frames * w * h
        if total > MAX_MOVIE_PIXELS:
            most = math.floor(MAX_MOVIE_PIXELS / (w * h))
            raise SigplotError(
                "frames", frames,
                f"of {_many(w)} x {_many(h)} pixels are {_many(total)} pixels, more than "
                f"the {MAX_MOVIE_PIXELS:,} an animation may have; use --frames {most} or "
                "fewer, or a lower --dpi or smaller --size",
            )  # fmt: skip


def check_show(spec: FigureSpec, mode: str) -> None:
    """Refuse a picture for a terminal's graphics protocol larger than MAX_SHOW_PIXELS."""
    (w_in, h_in), (w, h) = spec.size, _pixels(spec, 1.0)
    if w * h > MAX_SHOW_PIXELS:
        way = _lower_dpi(math.sqrt(MAX_SHOW_PIXELS / (w_in * h_in)))
        raise SigplotError("show-as", mode, f"would send {_many(w * h)} pixels to the terminal, "
                           f"more than the {MAX_SHOW_PIXELS:,} a screen shows; {way}")  # fmt: skip


def check_columns(columns: int) -> None:
    """Refuse to draw --show text wider than MAX_COLUMNS."""
    if columns > MAX_COLUMNS:
        raise SigplotError(
            "show", f"COLUMNS={columns}",
            f"is wider than the {MAX_COLUMNS} columns --show draws as text; set COLUMNS to "
            f"{MAX_COLUMNS} or fewer",
        )  # fmt: skip
