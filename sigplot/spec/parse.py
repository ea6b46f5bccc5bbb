"""Each figure option's parser: raw text (from the CLI, TOML, a directive or MkDocs) or a
Python value in, a checked and typed value out, or a SigplotError naming the option and
the value. matplotlib is imported only to check a style or mathtext when one is given."""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

from sigplot.maths.calls import split_calls
from sigplot.maths.catalog import FUNCTION_NAMES, max_order, require_function
from sigplot.maths.errors import SigplotError
from sigplot.spec.budget import MAX_POINTS, MAX_STYLE_BYTES
from sigplot.spec.presets import PRESETS

LEGEND_LOCATIONS = (
    "best", "upper right", "upper left", "lower left", "lower right", "right",
    "center left", "center right", "lower center", "upper center", "center",
)  # fmt: skip


def parse_items(name: str, value: object) -> list[Any]:
    """Split a list option: a sequence, or a string of comma- or space-separated words
    (outside parentheses, so ``elu(alpha=0.5), elu(alpha=2)`` is two functions)."""
    if isinstance(value, str):
        return split_calls(value)
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        out: list[Any] = []
        for v in value:
            out.extend(parse_items(name, v) if isinstance(v, str) else [v])
        return out
    return [value]


def parse_number(name: str, value: object, whole: bool = False) -> float:
    """One finite real number (or whole number); strings are parsed as the CLI would."""
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)):
        raise SigplotError(name, value, "is not a number")
    try:
        x = float(value)
    except ValueError:
        raise SigplotError(name, value, "is not a number") from None
    except OverflowError:  # an int past the largest float
        raise SigplotError(name, value, "must be finite") from None
    if not math.isfinite(x):
        raise SigplotError(name, value, "must be finite")
    if whole and not x.is_integer():
        raise SigplotError(name, value, "must be a whole number")
    return x


def parse_pair(name: str, value: object) -> tuple[float, float]:
    items = parse_items(name, value)
    if len(items) != 2:
        raise SigplotError(name, value, "needs exactly two numbers")
    a, b = (parse_number(name, v) for v in items)
    return a, b


# The largest z a range may reach: past it the slopes' and the ticks' arithmetic
# overflows (numpy's gradient squares the spacing: warnings from 1e200, matplotlib's
# ticker fails near 1e308), and no activation changes past 1e100 anyway.
MAX_Z = 1e100


def parse_range(value: object) -> tuple[float, float]:
    lo, hi = parse_pair("range", value)
    if not lo < hi:
        raise SigplotError("range", value, "is empty or reversed: MIN must be below MAX")
    if max(abs(lo), abs(hi)) > MAX_Z:
        raise SigplotError("range", value, f"reaches past ±{MAX_Z:g}, the largest z drawn")
    return lo, hi


def parse_points(value: object) -> int:
    n = parse_number("points", value, whole=True)
    if not 2 <= n <= MAX_POINTS:
        raise SigplotError("points", value, f"must be from 2 to {MAX_POINTS:,}")
    return int(n)


def parse_functions(value: object) -> tuple[str, ...]:
    """Functions by name or as calls at their parameters, each as its canonical text
    (``elu(alpha=0.50)`` and ``elu(alpha=.5)`` are one function, ``elu(alpha=1)`` is elu)."""
    names = parse_items("functions", value)
    if not names:
        raise SigplotError("functions", value, "names no function")
    return tuple(dict.fromkeys(require_function(n).name for n in names))


def parse_orders(value: object) -> tuple[int, ...]:
    items = parse_items("orders", value)
    if not items:
        raise SigplotError("orders", value, "names no derivative order")
    orders = []
    top = max(max_order(name) for name in FUNCTION_NAMES)
    for v in items:
        n = parse_number("orders", v, whole=True)
        if n < 0:
            raise SigplotError(
                "orders", v, "must be 0 (the function) or a positive derivative order"
            )
        if n > top:  # checked here, as typed: int(1e300) has 301 digits
            raise SigplotError("orders", v, f"is past the highest order any function has ({top})")
        orders.append(int(n))
    return tuple(dict.fromkeys(orders))


def parse_preset(value: object) -> str:
    if not isinstance(value, str):
        raise SigplotError("preset", value, f"is a {type(value).__name__}, not a preset's "
                           f"name: {', '.join(PRESETS)}")  # fmt: skip
    if value not in PRESETS:
        raise SigplotError("preset", value, f"is not a preset; known: {', '.join(PRESETS)}")
    return str(value)


def parse_size(value: object) -> tuple[float, float]:
    w, h = parse_pair("size", value)
    if w <= 0 or h <= 0:
        raise SigplotError("size", value, "must be positive (inches)")
    return w, h


def parse_fontsize(value: object) -> float:
    size = parse_number("fontsize", value)
    if not 4 <= size <= 72:
        raise SigplotError("fontsize", value, "must be from 4 to 72 points")
    return size


def parse_dpi(value: object) -> float:
    d = parse_number("dpi", value)
    if d <= 0:
        raise SigplotError("dpi", value, "must be positive")
    return d


def parse_text(name: str, drawn: bool = True) -> Callable[[object], str | None]:
    """Text, checked as matplotlib mathtext when it will be drawn and holds $...$, and
    refused when it holds what no SVG, PNG or PDF may carry (see :func:`check_text`)."""

    def check(value: object) -> str | None:
        if value is not None and not isinstance(value, str):
            raise SigplotError(name, value, "must be text")
        if value:
            check_text(name, value, drawn)
        if drawn and value and "$" in value:
            _check_mathtext(name, value)
        return value

    return check


def check_text(name: str, text: str, drawn: bool = True) -> None:
    """Refuse text that would corrupt a file: a byte the terminal could not decode (a lone
    surrogate), or a control character, which XML (SVG) does not allow and a PNG text
    chunk ends at (NUL). Newlines are allowed, and tabs in text that is not drawn (a
    font draws no tab). Refused rather than stripped: the file says what was typed."""
    if text.isprintable():  # the common case: no control, format or surrogate character
        return
    import unicodedata

    allowed = "\n" if drawn else "\n\t"
    for at, char in enumerate(text, start=1):
        kind = unicodedata.category(char)
        if kind == "Cs":
            raise SigplotError(
                name,
                text,
                f"is not valid text: character {at} is a byte that "
                "is not UTF-8 (the terminal's encoding could not decode it)",
            )
        if (kind == "Cc" and char not in allowed) or char in "\ufffe\uffff":
            keep = "newlines" if drawn else "newlines and tabs"
            raise SigplotError(name, text, f"holds the control character U+{ord(char):04X} "
                               f"at character {at}; text may hold {keep}, no other control "
                               "characters")  # fmt: skip


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


def parse_legend(value: object) -> str:
    text = str(value).strip().lower() if isinstance(value, str) else value
    if text in ("auto", "none") or text in LEGEND_LOCATIONS:
        return str(text)
    known = ", ".join(("auto", "none", *LEGEND_LOCATIONS))
    raise SigplotError("legend", value, f"is not a legend location; known: {known}")


def parse_gain(value: object) -> tuple[float, ...]:
    gains = [parse_number("gain", v) for v in parse_items("gain", value)]
    if not gains:
        raise SigplotError("gain", value, "names no gain")
    return tuple(dict.fromkeys(gains))  # 0 draws the constant f(0), a negative gain the mirror


SWEEPS = ("gain", "shift", "tangent")  # the options a --sweep may vary
MAX_FRAMES = 600
MAX_FPS = 50  # GIF keeps delays in hundredths of a second: 50 fps is 2 of them
DEFAULT_FPS = 12
# 3.4 s at 12 fps: the tangent glides, and the GIF stays under 0.5 MB. Odd, so that the
# middle frame (the poster, and the explorer's first) is the sweep's middle value: the
# tangent at z = 0 with slope 0.25 for ``tangent -4 4``, not at z = 0.085 beside it. And 40
# steps, so that a range of short decimal length steps by short decimals (-4 to 4 by 0.2):
# each caption writes its frame's value exactly, and the slope shown is the slope there
# (48 steps of 1/6 wrote "z = -3.8" over the slope at -3.8333).
ANIMATION_FRAMES = 41
GRID_PANELS = 6  # a 3 x 2 grid of small multiples
LAYOUTS = ("overlay", "grid")


def parse_sweep(value: object) -> tuple[str, float, float]:
    items = parse_items("sweep", value)
    if len(items) != 3:
        raise SigplotError("sweep", value, "needs NAME FROM TO, such as tangent -4 4")
    name = items[0]
    if not isinstance(name, str) or name.lower() not in SWEEPS:
        raise SigplotError("sweep", name, f"is not a sweep; known: {', '.join(SWEEPS)}")
    lo, hi = (parse_number("sweep", v) for v in items[1:])
    if not lo < hi:
        raise SigplotError("sweep", value, "runs from FROM to TO: FROM must be below TO")
    if name.lower() == "gain" and lo <= 0:
        raise SigplotError(
            "sweep", value, "needs positive gains (a gain sweep is spaced geometrically)"
        )
    if not math.isfinite(hi - lo) or (name.lower() == "gain" and not math.isfinite(hi / lo)):
        raise SigplotError("sweep", value, "is wider than the largest float (TO - FROM, or "
                           "TO / FROM for a gain, overflows)")  # fmt: skip
    return name.lower(), lo, hi


def parse_frames(value: object) -> int:
    n = parse_number("frames", value, whole=True)
    if not 2 <= n <= MAX_FRAMES:
        raise SigplotError("frames", value, f"must be from 2 to {MAX_FRAMES}")
    return int(n)


def parse_fps(value: object) -> int:
    fps = parse_number("fps", value, whole=True)
    if not 1 <= fps <= MAX_FPS:
        raise SigplotError("fps", value, f"must be from 1 to {MAX_FPS} frames per second")
    return int(fps)


def parse_layout(value: object) -> str:
    text = value.strip().lower() if isinstance(value, str) else value
    if text not in LAYOUTS:
        raise SigplotError("layout", value, f"is not a layout; known: {', '.join(LAYOUTS)}")
    return str(text)


def parse_flag(name: str) -> Callable[[object], bool]:
    words = {"true": True, "yes": True, "on": True, "1": True,
             "false": False, "no": False, "off": False, "0": False}  # fmt: skip

    def check(value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in words:
            return words[value.strip().lower()]
        raise SigplotError(name, value, "must be true or false")

    return check


def parse_style(value: object) -> str:
    """A matplotlib style name or a style-sheet path (checked without drawing anything)."""
    if not isinstance(value, str) or not value.strip():
        raise SigplotError("style", value, "must be a style name or a path")
    if os.path.isfile(value):
        _check_style_file(value)
        return value
    import matplotlib.style  # only when a style is asked for: names come from matplotlib

    if value in matplotlib.style.available or value == "default":
        return value
    near = nearest(value, matplotlib.style.available)
    hint = f"; did you mean {near!r}?" if near else ""
    raise SigplotError("style", value, f"is neither a matplotlib style nor a file{hint}")


# Text sizes a style sheet may set, held to --fontsize's range when given in points.
_FONT_SIZES = ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",
               "ytick.labelsize", "legend.fontsize", "legend.title_fontsize",
               "figure.titlesize", "figure.labelsize")  # fmt: skip


def _check_style_file(path: str) -> None:
    """Read a style sheet as matplotlib will; its complaints (logged, not raised) fail it,
    and so does what sigplot cannot draw with it (see :func:`_check_style_rc`)."""
    import logging

    import matplotlib

    size = os.stat(path).st_size
    if size > MAX_STYLE_BYTES:
        raise SigplotError(
            "style",
            path,
            f"is {size:,} bytes, more than the {MAX_STYLE_BYTES:,} "
            "a style sheet may have (matplotlib's whole matplotlibrc is 45 KB)",
        )

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
        rc = matplotlib.rc_params_from_file(path, fail_on_error=True, use_default_template=False)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise SigplotError("style", path, f"is not a valid style sheet: {exc}") from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise SigplotError("style", path, f"is not a valid style sheet: {collect.messages[0]}")
    _check_style_rc(path, {key: rc[key] for key in rc})


def _check_style_rc(path: str, rc: dict[str, Any]) -> None:
    """Refuse settings sigplot cannot draw with: text sizes outside 4 to 72 points (what
    --fontsize allows), LaTeX text (``text.usetex``) without LaTeX and dvipng installed,
    and a tight bounding box, which would change the size --size and --dpi set."""
    import shutil

    for key in _FONT_SIZES:
        value = rc.get(key)
        if isinstance(value, (int, float)) and not 4 <= value <= 72:
            raise SigplotError("style", path, f"sets {key}: {value:g}; text sizes must be from "
                               "4 to 72 points, as --fontsize's")  # fmt: skip
    if rc.get("text.usetex"):
        missing = [tool for tool in ("latex", "dvipng") if not shutil.which(tool)]
        if missing:
            tools = " and ".join(missing) + (" are" if len(missing) > 1 else " is")
            raise SigplotError("style", path, f"sets text.usetex: True, but {tools} not "
                               "installed; remove the line, or install LaTeX")  # fmt: skip
    if rc.get("savefig.bbox") == "tight":
        raise SigplotError(
            "style",
            path,
            "sets savefig.bbox: tight; sigplot sizes the figure "
            "itself (--size, --dpi): remove the line",
        )


def style_names() -> list[str]:
    import matplotlib.style  # only when a shell completes --style

    return sorted(matplotlib.style.available)


def nearest(word: str, known: Sequence[str]) -> str | None:
    import difflib  # only on the error path

    near = difflib.get_close_matches(word, known, n=1)
    return near[0] if near else None
