"""``FigureSpec``: what one figure shows, its defaults and presets, and the one validation.

Every way in (CLI flags, gallery TOML, Sphinx directive, Python keywords) hands its raw
options to :func:`build_spec`, which coerces and checks them and raises
:class:`~sigplot.errors.SigplotError` naming the option and the value. This module
imports neither numpy nor matplotlib, so specs can be built and compared cheaply.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sigplot.catalog import CATALOG, FUNCTION_NAMES, max_order, require_function
from sigplot.errors import SigplotError, show_value
from sigplot.presets import PRESETS

MAX_POINTS = 1_000_000
MAX_PIXELS = 2**16  # per side: Agg's limit
MAX_AREA = 2**28  # pixels in all: 1 GiB of RGBA, far past any page or screen
LEGEND_LOCATIONS = (
    "best", "upper right", "upper left", "lower left", "lower right", "right",
    "center left", "center right", "lower center", "upper center", "center",
)  # fmt: skip


def _items(name: str, value: object) -> list[Any]:
    """Split a list option: a sequence, or a string of comma- or space-separated words."""
    if isinstance(value, str):
        return [w for w in re.split(r"[,\s]+", value.strip()) if w]
    if isinstance(value, Sequence):
        out: list[Any] = []
        for v in value:
            out.extend(_items(name, v) if isinstance(v, str) else [v])
        return out
    return [value]


def _number(name: str, value: object, whole: bool = False) -> float:
    """One finite real number (or whole number); strings are parsed as the CLI would."""
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)):
        raise SigplotError(name, value, "is not a number")
    try:
        x = float(value)
    except ValueError:
        raise SigplotError(name, value, "is not a number") from None
    if not math.isfinite(x):
        raise SigplotError(name, value, "must be finite")
    if whole and not x.is_integer():
        raise SigplotError(name, value, "must be a whole number")
    return x


def _pair(name: str, value: object) -> tuple[float, float]:
    items = _items(name, value)
    if len(items) != 2:
        raise SigplotError(name, value, "needs exactly two numbers")
    a, b = (_number(name, v) for v in items)
    return a, b


def _range(value: object) -> tuple[float, float]:
    lo, hi = _pair("range", value)
    if not lo < hi:
        raise SigplotError("range", value, "is empty or reversed: MIN must be below MAX")
    if not math.isfinite(hi - lo):
        raise SigplotError("range", value, "is wider than the largest float (MAX - MIN overflows)")
    return lo, hi


def _points(value: object) -> int:
    n = _number("points", value, whole=True)
    if not 2 <= n <= MAX_POINTS:
        raise SigplotError("points", value, f"must be from 2 to {MAX_POINTS:,}")
    return int(n)


def _functions(value: object) -> tuple[str, ...]:
    names = _items("functions", value)
    if not names:
        raise SigplotError("functions", value, "names no function")
    for n in names:
        if not isinstance(n, str):
            raise SigplotError("functions", n, "is not a function name")
        require_function(n)
    return tuple(dict.fromkeys(names))


def _orders(value: object) -> tuple[int, ...]:
    items = _items("orders", value)
    if not items:
        raise SigplotError("orders", value, "names no derivative order")
    orders = []
    for v in items:
        n = _number("orders", v, whole=True)
        if n < 0:
            raise SigplotError(
                "orders", v, "must be 0 (the function) or a positive derivative order"
            )
        orders.append(int(n))
    return tuple(dict.fromkeys(orders))


def _preset(value: object) -> str:
    if value not in PRESETS:
        raise SigplotError("preset", value, f"is not a preset; known: {', '.join(PRESETS)}")
    return str(value)


def _size(value: object) -> tuple[float, float]:
    w, h = _pair("size", value)
    if w <= 0 or h <= 0:
        raise SigplotError("size", value, "must be positive (inches)")
    return w, h


def _fontsize(value: object) -> float:
    size = _number("fontsize", value)
    if not 4 <= size <= 72:
        raise SigplotError("fontsize", value, "must be from 4 to 72 points")
    return size


def _dpi(value: object) -> float:
    d = _number("dpi", value)
    if d <= 0:
        raise SigplotError("dpi", value, "must be positive")
    return d


def _text(name: str, drawn: bool = True) -> Callable[[object], str | None]:
    """Text, checked as matplotlib mathtext when it will be drawn and holds $...$."""

    def check(value: object) -> str | None:
        if value is not None and not isinstance(value, str):
            raise SigplotError(name, value, "must be text")
        if drawn and value and "$" in value:
            _check_mathtext(name, value)
        return value

    return check


def _check_mathtext(name: str, text: str) -> None:
    import matplotlib.cbook  # only for text with $: matplotlib decides what is math
    import matplotlib.mathtext

    if not matplotlib.cbook.is_math_text(text):
        return
    try:
        matplotlib.mathtext.MathTextParser("path").parse(text)
    except ValueError as exc:
        reason = str(exc).strip().splitlines()[-1]
        where = re.search(r"found .*?\(at char \d+\)", reason)  # pyparsing lists every option
        short = reason if len(reason) < 120 or not where else f"syntax error, {where.group(0)}"
        raise SigplotError(name, text, f"is not valid mathtext: {short}") from None


def _legend(value: object) -> str:
    text = str(value).strip().lower() if isinstance(value, str) else value
    if text in ("auto", "none") or text in LEGEND_LOCATIONS:
        return str(text)
    known = ", ".join(("auto", "none", *LEGEND_LOCATIONS))
    raise SigplotError("legend", value, f"is not a legend location; known: {known}")


def _gain(value: object) -> tuple[float, ...]:
    gains = [_number("gain", v) for v in _items("gain", value)]
    if not gains:
        raise SigplotError("gain", value, "names no gain")
    return tuple(dict.fromkeys(gains))  # 0 draws the constant f(0), a negative gain the mirror


SWEEPS = ("gain", "shift", "tangent")  # the options a --sweep may vary
MAX_FRAMES = 600
MAX_FPS = 50  # GIF keeps delays in hundredths of a second: 50 fps is 2 of them
LAYOUTS = ("overlay", "grid")


def _sweep(value: object) -> tuple[str, float, float]:
    items = _items("sweep", value)
    if len(items) != 3:
        raise SigplotError("sweep", value, "needs NAME FROM TO, such as tangent -4 4")
    name = items[0]
    if not isinstance(name, str) or name.lower() not in SWEEPS:
        raise SigplotError("sweep", name, f"is not a sweep; known: {', '.join(SWEEPS)}")
    lo, hi = (_number("sweep", v) for v in items[1:])
    if not lo < hi:
        raise SigplotError("sweep", value, "runs from FROM to TO: FROM must be below TO")
    if name.lower() == "gain" and lo <= 0:
        raise SigplotError(
            "sweep", value, "needs positive gains (a gain sweep is spaced geometrically)"
        )
    return name.lower(), lo, hi


def _frames(value: object) -> int:
    n = _number("frames", value, whole=True)
    if not 2 <= n <= MAX_FRAMES:
        raise SigplotError("frames", value, f"must be from 2 to {MAX_FRAMES}")
    return int(n)


def _fps(value: object) -> int:
    fps = _number("fps", value, whole=True)
    if not 1 <= fps <= MAX_FPS:
        raise SigplotError("fps", value, f"must be from 1 to {MAX_FPS} frames per second")
    return int(fps)


def _layout(value: object) -> str:
    text = value.strip().lower() if isinstance(value, str) else value
    if text not in LAYOUTS:
        raise SigplotError("layout", value, f"is not a layout; known: {', '.join(LAYOUTS)}")
    return str(text)


def _flag(name: str) -> Callable[[object], bool]:
    words = {"true": True, "yes": True, "on": True, "1": True,
             "false": False, "no": False, "off": False, "0": False}  # fmt: skip

    def check(value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in words:
            return words[value.strip().lower()]
        raise SigplotError(name, value, "must be true or false")

    return check


def _style(value: object) -> str:
    """A matplotlib style name or a style-sheet path (checked without drawing anything)."""
    if not isinstance(value, str) or not value.strip():
        raise SigplotError("style", value, "must be a style name or a path")
    if os.path.isfile(value):
        _check_style_file(value)
        return value
    import matplotlib.style  # only when a style is asked for: names come from matplotlib

    if value in matplotlib.style.available or value == "default":
        return value
    near = _nearest(value, matplotlib.style.available)
    hint = f"; did you mean {near!r}?" if near else ""
    raise SigplotError("style", value, f"is neither a matplotlib style nor a file{hint}")


def _check_style_file(path: str) -> None:
    """Read a style sheet as matplotlib will; its complaints (logged, not raised) fail it."""
    import logging

    import matplotlib

    class Collect(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.WARNING)
            self.messages: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            lines = [line for line in record.getMessage().splitlines() if line.strip()]
            self.messages.append(lines[0] if lines else "")

    collect = Collect()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(collect)
    try:
        matplotlib.rc_params_from_file(path, fail_on_error=True, use_default_template=False)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise SigplotError("style", path, f"is not a valid style sheet: {exc}") from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise SigplotError("style", path, f"is not a valid style sheet: {collect.messages[0]}")


def _style_names() -> list[str]:
    import matplotlib.style  # only when a shell completes --style

    return sorted(matplotlib.style.available)


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
        (-6.0, 6.0), _range, "interval of z; MIN < MAX, both finite", metavar="MIN MAX", words=2
    )
    points: int = option(1201, _points, "samples over the range, 2 to 1,000,000", metavar="N")
    functions: tuple[str, ...] = option(
        ("sigmoid",), _functions, "functions (see `sigplot list`), comma list or repeated",
        metavar="LIST", short="-f", many=True, choices=lambda: FUNCTION_NAMES,
    )  # fmt: skip
    orders: tuple[int, ...] = option(
        (0, 1), _orders,
        "derivative orders drawn for each function (0 = the function; sigmoid 0-3, the "
        "others 0-2)",
        metavar="LIST", short="-d", many=True,
    )  # fmt: skip
    preset: str = option(
        "default", _preset,
        "; ".join(f"`{p.name}`: {p.description}" for p in PRESETS.values()),
        metavar="NAME", choices=lambda: tuple(PRESETS),
    )  # fmt: skip
    size: tuple[float, float] = option(
        (9.0, 5.0), _size, "figure size in inches (at most 2¹⁶ pixels a side at the dpi)",
        metavar="W H", words=2,
    )  # fmt: skip
    dpi: float = option(100.0, _dpi, "dots per inch", metavar="N")
    fontsize: float = option(
        10.0, _fontsize,
        "text size in points (ticks, legend, notes scale with it); a figure shown small "
        "on a web page needs more",
        metavar="PT",
    )  # fmt: skip
    title: str | None = option(None, _text("title"), "figure title", metavar="TEXT")
    xlabel: str | None = option(
        None, _text("xlabel"), "label of the z axis, at its end", metavar="TEXT"
    )
    ylabel: str | None = option(
        None, _text("ylabel"), "label of the value axis, at its end", metavar="TEXT"
    )
    legend: str = option(
        "auto", _legend, "`auto`, `none` or a matplotlib location (`upper left`, ...)",
        metavar="LOC|none", choices=lambda: ("auto", "none", *LEGEND_LOCATIONS),
    )  # fmt: skip
    alt: str | None = option(
        None, _text("alt", drawn=False), "alt text stored in SVG, PNG and PDF metadata",
        metavar="TEXT",
    )  # fmt: skip
    gain: tuple[float, ...] = option(
        (1.0,), _gain,
        "draw f(K (z − Z0)); several gains draw a family, the legend names each; 0 draws "
        "the constant f(0), a negative K the mirror image",
        metavar="LIST", many=True,
    )  # fmt: skip
    shift: float = option(
        0.0, lambda v: _number("shift", v),
        "shift of the argument; derivatives are with respect to z, scaled by Kⁿ",
        metavar="Z0",
    )  # fmt: skip
    tangent: float | None = option(
        None, lambda v: _number("tangent", v),
        "the tangent at z = Z0 on each function, labelled with its slope; with the first "
        "derivative drawn, its height at Z0 is marked and joined to the tangent's point",
        metavar="Z0",
    )  # fmt: skip
    sweep: tuple[str, float, float] | None = option(
        None, _sweep,
        "one figure per value of `gain` (spaced geometrically), `shift` or `tangent` from FROM "
        "to TO: an animation in gif, webp, html or mp4, small multiples in a static format",
        metavar="NAME FROM TO", words=3, choices=lambda: SWEEPS,
    )  # fmt: skip
    frames: int | None = option(
        None, _frames,
        f"values of a --sweep, 2 to {MAX_FRAMES} (default: 48 frames for an animation, "
        "6 panels for a static format)",
        metavar="N",
    )  # fmt: skip
    fps: int | None = option(
        None, _fps, f"frames per second of an animated --sweep, 1 to {MAX_FPS} (default: 12)",
        metavar="N",
    )  # fmt: skip
    layout: str = option(
        "overlay", _layout,
        "`overlay`: every function in one panel; `grid`: one panel per function (small "
        "multiples, clearer past 8 functions, where colours repeat)",
        metavar="overlay|grid", choices=lambda: LAYOUTS,
    )  # fmt: skip
    annotate: bool = option(
        False, _flag("annotate"),
        "mark f(0), the maximum slope, inflection points and the vanishing-gradient zones",
        flag=True,
    )  # fmt: skip
    check: bool = option(
        False, _flag("check"),
        "overlay central finite differences on the derivative curves, print the worst "
        "difference",
        flag=True,
    )  # fmt: skip
    style: str | None = option(
        None, _style, "any matplotlib style sheet, by name or path, applied on top of the preset",
        metavar="NAME_OR_PATH", choices=_style_names,
    )  # fmt: skip
    transparent: bool = option(False, _flag("transparent"), "transparent background", flag=True)

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


def _nearest(word: str, known: Sequence[str]) -> str | None:
    import difflib  # only on the error path

    near = difflib.get_close_matches(word, known, n=1)
    return near[0] if near else None


def unknown_option(key: str, known: Sequence[str] | None = None) -> SigplotError:
    """The error for an option name nobody defined, suggesting the nearest one."""
    known = OPTION_NAMES if known is None else known
    near = _nearest(key, known)
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
    return validate(spec)


def validate(spec: FigureSpec) -> FigureSpec:
    """Check what single fields cannot: orders each function supports, pixel size, a
    tangent point inside the range, a sweep that does not fight another option."""
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
    for side in spec.size:
        if side * spec.dpi > MAX_PIXELS:
            raise SigplotError(
                "size",
                spec.size,
                f"at dpi {spec.dpi:g} exceeds {MAX_PIXELS} pixels per side",
            )
        if side * spec.dpi < 1:
            raise SigplotError("size", spec.size, f"at dpi {spec.dpi:g} is under one pixel")
    area = spec.size[0] * spec.size[1] * spec.dpi**2
    if area > MAX_AREA:
        raise SigplotError(
            "size", spec.size, f"at dpi {spec.dpi:g} is {area:.3g} pixels; at most {MAX_AREA:,}"
        )
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
    if spec.layout == "grid":
        raise SigplotError(
            "layout", "grid", "does not go with --sweep: a sweep in a static format is a grid"
        )
    if name == "tangent" and not (lo <= first <= hi and lo <= last <= hi):
        raise SigplotError(
            "sweep", f"tangent {first:g} {last:g}", f"leaves the range [{lo:g}, {hi:g}]"
        )
    default = FigureSpec()
    if getattr(spec, name) != getattr(default, name):
        raise SigplotError(
            name, getattr(spec, name), f"is what --sweep {name} varies; give one or the other"
        )


_ORDINALS = ("", "first", "second", "third", "fourth", "fifth")


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe(spec: FigureSpec) -> str:
    """Alt text for a figure: what it shows in one plain sentence, unless ``spec.alt`` says."""
    if spec.alt:
        return spec.alt
    names = _join([CATALOG[f].noun for f in spec.functions])
    ders = [o for o in spec.orders if o > 0]
    what = names
    if ders:
        kinds = _join([_ORDINALS[o] if o < len(_ORDINALS) else f"order-{o}" for o in ders])
        noun = "derivative" if len(ders) == 1 and len(spec.functions) == 1 else "derivatives"
        their = "its" if len(spec.functions) == 1 else "their"
        what = (
            f"{names} and {their} {kinds} {noun}"
            if 0 in spec.orders
            else (f"the {kinds} {noun} of {names}")
        )
    if spec.gain != (1.0,):
        gains = _join([f"{k:g}" for k in spec.gain])
        what += f" with gain{'s' if len(spec.gain) > 1 else ''} {gains}"
    if spec.shift:
        what += f" shifted by {spec.shift:g}"
    if spec.tangent is not None:
        what += f", with the tangent at z = {spec.tangent:g}"
    if spec.sweep is not None:
        name, first, last = spec.sweep
        what += {
            "gain": f" as the gain K grows from {first:g} to {last:g}",
            "shift": f" as the shift z0 moves from {first:g} to {last:g}",
            "tangent": f", with the tangent moving from z = {first:g} to {last:g}",
        }[name]
    lo, hi = spec.range
    where = f" for z from {lo:g} to {hi:g}"
    if spec.layout == "grid" and len(spec.functions) > 1:
        where += ", one panel per function"
    if spec.annotate:
        where += (
            ", marking the value at 0, the steepest slope, the inflection points and where "
            "the gradient vanishes"
        )
    if spec.check:
        where += ", with finite differences on the derivatives"
    text = f"{what[0].upper()}{what[1:]}{where}"
    if spec.preset == "post":
        return f"The blog post's figure: {text[0].lower()}{text[1:]}"
    return text
