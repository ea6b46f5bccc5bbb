"""``FigureSpec``: what one figure shows, its defaults and presets, and the one validation.

Every way in (CLI flags, gallery TOML, Sphinx directive, Python keywords) hands its raw
options to :func:`build_spec`, which coerces and checks them and raises
:class:`~sigplot.maths.errors.SigplotError` naming the option and the value. This module
imports neither numpy nor matplotlib, so specs can be built and compared cheaply.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sigplot.maths.catalog import CATALOG, FUNCTION_NAMES, max_order
from sigplot.maths.errors import SigplotError, show_value
from sigplot.spec import budget
from sigplot.spec.parse import (
    ANIMATION_FRAMES,
    DEFAULT_FPS,
    GRID_PANELS,
    LAYOUTS,
    LEGEND_LOCATIONS,
    MAX_FPS,
    MAX_FRAMES,
    MAX_Z,
    SWEEPS,
    nearest,
    parse_dpi,
    parse_flag,
    parse_fontsize,
    parse_fps,
    parse_frames,
    parse_functions,
    parse_gain,
    parse_layout,
    parse_legend,
    parse_number,
    parse_orders,
    parse_points,
    parse_preset,
    parse_range,
    parse_size,
    parse_style,
    parse_sweep,
    parse_text,
    style_names,
)
from sigplot.spec.presets import PRESETS


@dataclass(frozen=True)
class Option:
    """How one figure option is read and shown: the single declaration every front end
    (CLI flags, TOML keys, directive options, MkDocs keys, the README table) reads."""

    parse: Callable[[Any], Any]  # raw value (text from any front end, or Python) -> typed
    help: str
    metavar: str | None = None
    short: str | None = None  # a one-letter CLI alias, e.g. "-f"
    words: int = 1  # words the CLI takes: 2 for "--range -6 6", 3 for "--sweep gain 1 5"
    many: bool = False  # a list: comma-separated, or the CLI option repeated
    flag: bool = False  # a switch: --annotate, annotate = true, :annotate:
    choices: Callable[[], Sequence[str]] | None = None  # words a shell completes


def option(default: Any, parse: Callable[[Any], Any], help: str, **how: Any) -> Any:
    """A FigureSpec field with its default and its :class:`Option` as metadata."""
    return dataclasses.field(default=default, metadata={"option": Option(parse, help, **how)})


@dataclass(frozen=True)
class FigureSpec:
    """One figure, fully resolved: every field is checked and typed by :func:`build_spec`.

    Each field is a figure option, declared once here: its name (the CLI's --name, the TOML
    key, the directive's :name:), default, parser and help.
    """

    range: tuple[float, float] = option(
        (-6.0, 6.0),
        parse_range,
        "interval of z; MIN < MAX, both within ±1e100. Not given: −6 6, widened about 0 to "
        "leave a sixth of each half past every kink (relu6's cap at 6: −8 8)",
        metavar="MIN MAX",
        words=2,
    )
    points: int = option(1201, parse_points, "samples over the range, 2 to 1,000,000", metavar="N")
    functions: tuple[str, ...] = option(
        ("sigmoid",), parse_functions,
        "functions (see `sigplot list`), by name or at parameters (`elu(alpha=0.5)`), comma "
        "list or repeated",
        metavar="LIST", short="-f", many=True, choices=lambda: FUNCTION_NAMES,
    )  # fmt: skip
    orders: tuple[int, ...] = option(
        (0, 1), parse_orders,
        "derivative orders drawn for each function (0 = the function; sigmoid 0-3, the "
        "others 0-2)",
        metavar="LIST", short="-d", many=True,
    )  # fmt: skip
    preset: str = option(
        "default", parse_preset,
        "; ".join(f"`{p.name}`: {p.description}" for p in PRESETS.values()),
        metavar="NAME", choices=lambda: tuple(PRESETS),
    )  # fmt: skip
    size: tuple[float, float] = option(
        (9.0, 5.0), parse_size,
        "figure size in inches: the whole figure, a grid's too (its panels share it; a size "
        "that leaves a panel under 20 x 12 ems of the font size is refused, naming the least "
        "that works); at most 2¹⁶ pixels a side at the dpi",
        metavar="W H", words=2,
    )  # fmt: skip
    dpi: float = option(100.0, parse_dpi, "dots per inch", metavar="N")
    fontsize: float = option(
        10.0, parse_fontsize,
        "text size in points (ticks, legend, notes scale with it); a figure shown small "
        "on a web page needs more",
        metavar="PT",
    )  # fmt: skip
    title: str | None = option(None, parse_text("title"), "figure title", metavar="TEXT")
    xlabel: str | None = option(
        None, parse_text("xlabel"), "label of the z axis, at its end", metavar="TEXT"
    )
    ylabel: str | None = option(
        None, parse_text("ylabel"), "label of the value axis, at its end", metavar="TEXT"
    )
    legend: str = option(
        "auto", parse_legend, "`auto`, `none` or a matplotlib location (`upper left`, ...)",
        metavar="LOC|none", choices=lambda: ("auto", "none", *LEGEND_LOCATIONS),
    )  # fmt: skip
    alt: str | None = option(
        None, parse_text("alt", drawn=False), "alt text stored in SVG, PNG and PDF metadata",
        metavar="TEXT",
    )  # fmt: skip
    gain: tuple[float, ...] = option(
        (1.0,), parse_gain,
        "draw f(K (z − Z0)); several gains draw a family, the legend names each; 0 draws "
        "the constant f(0), a negative K the mirror image",
        metavar="LIST", many=True,
    )  # fmt: skip
    shift: float = option(
        0.0, lambda v: parse_number("shift", v),
        "shift of the argument; derivatives are with respect to z, scaled by Kⁿ",
        metavar="Z0",
    )  # fmt: skip
    tangent: float | None = option(
        None, lambda v: parse_number("tangent", v),
        "the tangent at z = Z0 on each function, labelled with its slope; with the first "
        "derivative drawn, its height at Z0 is marked and joined to the tangent's point",
        metavar="Z0",
    )  # fmt: skip
    sweep: tuple[str, float, float] | None = option(
        None, parse_sweep,
        "one figure per value of `gain` (spaced geometrically), `shift` or `tangent` from FROM "
        "to TO: an animation in gif, webp, html or mp4, small multiples in a static format",
        metavar="NAME FROM TO", words=3, choices=lambda: SWEEPS,
    )  # fmt: skip
    frames: int | None = option(
        None, parse_frames,
        f"values of a --sweep, 2 to {MAX_FRAMES} (default: {ANIMATION_FRAMES} frames for an "
        f"animation, {GRID_PANELS} panels for a static format)",
        metavar="N",
    )  # fmt: skip
    fps: int | None = option(
        None, parse_fps,
        f"frames per second of an animated --sweep, 1 to {MAX_FPS} (default: {DEFAULT_FPS})",
        metavar="N",
    )  # fmt: skip
    layout: str = option(
        "overlay", parse_layout,
        "`overlay`: every function in one figure (panels stacked where scales differ too "
        "much); `grid`: one panel per function (small multiples, clearer for many functions)",
        metavar="overlay|grid", choices=lambda: LAYOUTS,
    )  # fmt: skip
    annotate: bool = option(
        False, parse_flag("annotate"),
        "mark f(0), the maximum slope, inflection points and the vanishing-gradient zones",
        flag=True,
    )  # fmt: skip
    check: bool = option(
        False, parse_flag("check"),
        "overlay central finite differences on the derivative curves, print the worst "
        "difference",
        flag=True,
    )  # fmt: skip
    style: str | None = option(
        None, parse_style,
        "any matplotlib style sheet, by name or path, applied on top of the preset",
        metavar="NAME_OR_PATH", choices=style_names,
    )  # fmt: skip
    transparent: bool = option(
        False, parse_flag("transparent"), "transparent background", flag=True
    )

    def options(self) -> dict[str, Any]:
        """The spec as plain options (lists for tuples): what TOML or JSON would hold."""
        return {
            k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()
        }


def option_words(name: str, value: Any) -> list[str]:
    """``value`` of option ``name`` as the CLI words after ``--name``, losslessly."""

    def text(v: Any) -> str:
        return (
            show_value(float(v))
            if isinstance(v, (int, float)) and not isinstance(v, bool)
            else str(v)
        )

    if isinstance(value, tuple):
        words = [text(v) for v in value]
        return words if OPTIONS[name].words > 1 else [",".join(words)]
    return [text(value)]


OPTIONS: dict[str, Option] = {f.name: f.metadata["option"] for f in dataclasses.fields(FigureSpec)}
OPTION_NAMES = tuple(OPTIONS)


def unknown_option(key: str, known: Sequence[str] | None = None) -> SigplotError:
    """The error for an option name nobody defined, suggesting the nearest one."""
    known = OPTION_NAMES if known is None else known
    near = nearest(key, known)
    hint = f"; did you mean {near!r}?" if near else f"; known: {', '.join(known)}"
    return SigplotError("option", key, f"is not an option{hint}")


def build_spec(**options: Any) -> FigureSpec:
    """Return a checked FigureSpec from raw options (None means the default).

    Raises SigplotError naming the first bad option and its value.
    """
    values: dict[str, Any] = {}
    for key, raw in options.items():
        if key not in OPTIONS:
            raise unknown_option(key)
        if raw is not None:
            values[key] = OPTIONS[key].parse(raw)
    spec = FigureSpec(**values)
    if "range" not in values:
        spec = dataclasses.replace(spec, range=default_range(spec))
    return validate(spec)


def default_range(spec: FigureSpec) -> tuple[float, float]:
    """The range a figure takes when none is given: the blog's [-6, 6], widened about 0
    to the least even half-width that leaves a sixth of each half past every kink of the
    functions drawn, at their gains and shift (relu6's cap at 6, which [-6, 6] cut at
    its very start: [-8, 8]). Symmetric, so the axes still cross at the panel's middle."""
    lo, hi = FigureSpec.range
    kinks = [abs(spec.shift + k / gain) for name in spec.functions for gain in spec.gain
             if gain for k in CATALOG[name].kinks]  # fmt: skip
    far = max(kinks, default=0.0)
    if far <= hi * 5 / 6 or far * 1.2 + 2 > MAX_Z:  # past the largest z: the blog's range
        return lo, hi
    half = 2.0 * math.ceil(far * 1.2 / 2)
    return -half, half


def checked(spec: FigureSpec) -> FigureSpec:
    """``spec`` parsed and validated again, field by field: a FigureSpec built directly
    (``FigureSpec(points=10**9)``) is held to what :func:`build_spec` holds every other to."""
    return build_spec(**spec.options())


def validate(spec: FigureSpec) -> FigureSpec:
    """Check what single fields cannot: orders each function supports, a tangent point
    inside the range, a sweep that does not fight another option, and the budgets of one
    figure (pixels, curves, samples: see :mod:`sigplot.spec.budget`)."""
    lo, hi = spec.range
    if spec.tangent is not None and not lo <= spec.tangent <= hi:
        raise SigplotError("tangent", spec.tangent, f"is outside the range [{lo:g}, {hi:g}]")
    _validate_sweep(spec)
    for name in spec.functions:
        top = max_order(name)
        for order in spec.orders:
            if order > top:
                raise SigplotError(
                    "orders", order, f"is not supported by {name} (orders 0 to {top})"
                )
    budget.check_counts(spec)
    budget.check_pixels(spec)  # one image; formats' budgets: check_format
    budget.check_samples(spec)
    return spec


def _validate_sweep(spec: FigureSpec) -> None:
    lo, hi = spec.range
    if spec.sweep is None:
        if spec.frames is not None:
            raise SigplotError("frames", spec.frames, "needs --sweep (it counts a sweep's values)")
        if spec.fps is not None:
            raise SigplotError("fps", spec.fps, "needs --sweep and an animated format")
        return
    name, first, last = spec.sweep
    if name == "tangent" and not (lo <= first <= hi and lo <= last <= hi):
        raise SigplotError(
            "sweep", f"tangent {first:g} {last:g}", f"leaves the range [{lo:g}, {hi:g}]"
        )
    default = FigureSpec()
    if getattr(spec, name) != getattr(default, name):
        raise SigplotError(
            name, getattr(spec, name), f"is what --sweep {name} varies; give one or the other"
        )
