"""Ticks a reader can read: at most nine on an axis, their labels at least one em apart
at the size drawn, each with the fewest digits that tell it from its neighbours and say
its value exactly."""

from __future__ import annotations

import functools
import itertools
import weakref
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ticker import FixedFormatter, FixedLocator, MaxNLocator, NullLocator

MAX_TICKS = 9
MIN_LABELS = 3
_STEPS = (1, 2, 2.5, 5, 10)
_MORE_STEPS = (1, 2, 2.5, 3, 4, 5, 10)  # when the usual ones leave fewer than three labels
_MINUS = "\N{MINUS SIGN}"


def tick_text(locs: Sequence[float]) -> list[str]:
    """Labels for tick values: each with the fewest decimals that state it exactly (0.25,
    0.5, 1; -0.01, -0.005, 0), in scientific notation only far from 1."""
    values = [float(x) for x in locs]
    step = min((abs(b - a) for a, b in itertools.pairwise(values) if b != a),
               default=max(abs(v) for v in values) or 1.0)  # fmt: skip
    top = max(abs(v) for v in values)
    if top >= 1e6 or step < 1e-5:
        texts = []
        for places in range(1, 18):
            texts = [f"{v:.{places}g}" for v in values]
            if all(abs(float(t) - v) <= 1e-6 * step for t, v in zip(texts, values, strict=True)):
                break
    else:
        decimals = next(
            d for d in range(0, 17)
            if all(abs(round(v, d) - v) <= 1e-6 * step for v in values)
        )  # fmt: skip
        texts = [f"{v:.{decimals}f}" for v in values]
        texts = [t.rstrip("0").rstrip(".") if "." in t else t for t in texts]
    return [_MINUS + t[1:] if t.startswith("-") else t for t in (_unsigned_zero(t) for t in texts)]


def _unsigned_zero(text: str) -> str:
    return text[1:] if text.startswith("-") and float(text) == 0 else text


@functools.lru_cache(maxsize=256)
def _candidates(lo: float, hi: float, more: bool) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(locs) for locs in candidates(lo, hi, more))


def candidates(lo: float, hi: float, more: bool = False) -> list[list[float]]:
    """Tick values inside [lo, hi], most ticks first, at most nine and at least three;
    ``more``: with steps of 3 and 4 as well."""
    seen: list[list[float]] = []
    for bins in range(2 * MAX_TICKS, 0, -1):
        steps = list(_MORE_STEPS if more else _STEPS)
        locator = MaxNLocator(nbins=bins, steps=steps, min_n_ticks=MIN_LABELS)
        tol = 1e-9 * (hi - lo)
        locs = [float(x) for x in locator.tick_values(lo, hi) if lo - tol <= x <= hi + tol]
        locs = [0.0 if abs(x) <= tol else x for x in locs]
        if len(locs) <= MAX_TICKS and locs not in seen:
            seen.append(locs)
    return seen


def _font(ax: Axes, which: str) -> tuple[FontProperties, str]:
    """The font of ``which`` axis's tick labels and its file, found once for the figure
    and its text settings: the search for its labels' spots asks for them thousands of
    times (a FontProperties and a font lookup each)."""
    size = mpl.rcParams["xtick.labelsize" if which == "x" else "ytick.labelsize"]
    key = (which, size, mpl.rcParams["font.size"], tuple(mpl.rcParams["font.family"]))
    fonts = _FONTS.setdefault(ax.figure, {})
    if key not in fonts:
        prop = FontProperties(size=size)
        fonts[key] = (prop, findfont(prop))
    return fonts[key]


_FONTS: weakref.WeakKeyDictionary[Any, dict[tuple[object, ...], tuple[FontProperties, str]]] = (
    weakref.WeakKeyDictionary()
)
_SIZES: dict[tuple[str, str, float, float], tuple[float, float]] = {}


def label_size(ax: Axes, text: str, which: str) -> tuple[float, float]:
    """Width and height in pixels of a tick label as drawn on ``which`` axis ("x", "y"),
    remembered by the font file, size and dpi (what the measure depends on)."""
    prop, file = _font(ax, which)
    key = (text, file, prop.get_size_in_points(), float(ax.figure.dpi))
    if key not in _SIZES:
        renderer: Any = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        w, h, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
        _, line, _ = renderer.get_text_width_height_descent("lp", prop, ismath=False)
        _SIZES[key] = (float(w), float(max(h, line)))  # a label's box is a whole line high
    return _SIZES[key]


def em(ax: Axes, which: str) -> float:
    """One em of the tick labels, in pixels."""
    size = _font(ax, which)[0].get_size_in_points()
    return float(size * ax.figure.dpi / 72)


def roomy(ax: Axes, which: str, locs: Sequence[float], length: float, ems: float) -> bool:
    """Whether labels at ``locs`` on an axis ``length`` pixels long stand ``ems`` apart."""
    lo, hi = ax.get_xlim() if which == "x" else ax.get_ylim()
    sizes = [label_size(ax, t, which)[0 if which == "x" else 1] for t in tick_text(locs)]
    at = [(x - lo) / (hi - lo) * length for x in locs]
    gap = ems * em(ax, which)
    return all(
        abs(b - a) - (sa + sb) / 2 >= gap
        for a, b, sa, sb in zip(at, at[1:], sizes, sizes[1:], strict=False)
    )


def room(ax: Axes, which: str) -> int:
    """How many labels, up to three, ``which`` axis has room for an em apart on one of the
    usual steps: three, unless the axis is too short (a panel of a stack at the web size
    holds 0.5 and 1 only). A value axis's 0 is not counted: the origin's "0" sits in the
    z labels' row, where a reader counts it as theirs."""
    lo, hi = ax.get_xlim() if which == "x" else ax.get_ylim()
    box = ax.get_window_extent()
    length = box.width if which == "x" else box.height
    return max(
        (min(MIN_LABELS, sum(x != 0 or which == "x" for x in locs))
         for locs in _candidates(min(lo, hi), max(lo, hi), False)
         if roomy(ax, which, locs, length, 1.0)),
        default=0,
    )  # fmt: skip


def choose(
    ax: Axes, which: str, more: bool = False, marks: Sequence[float] = ()
) -> list[list[float]]:
    """The tick sets for ``which`` axis whose labels stand two ems apart at its drawn
    length (with ``more``, from more steps, and one em, the least): those of five ticks
    or more first, the fewest digits first and then the most ticks, then the others, most
    ticks first; the sparsest set when none stands apart. ``marks``: values a reader looks
    for on the axis (the kinks): a set an em and a half apart, from more steps, that puts
    more of them on ticks than the first comes before it."""
    lo, hi = ax.get_xlim() if which == "x" else ax.get_ylim()
    box = ax.get_window_extent()
    length = box.width if which == "x" else box.height
    sets = [list(locs) for locs in _candidates(min(lo, hi), max(lo, hi), more)]
    # One em (and a tenth: a value label sits on its baseline, not its box's middle).
    fine = [locs for locs in sets if roomy(ax, which, locs, length, 1.1 if more else 2.0)]
    # Of those with five ticks or more, the fewest digits first: -0.01, -0.005, 0, 0.005,
    # 0.01 rather than nine every 0.0025; -10, -5, 0, 5, 10 rather than -7.5 and 2.5.
    fine.sort(key=lambda locs: (len(locs) < _FEW, digits(locs) if len(locs) >= _FEW else 0))
    fine = fine or sets[-1:]
    if marks and not more:
        # relu6's cap at 6 on a tick of -8, -6, ..., 8 (1.9 ems apart at the web size)
        # rather than between 5 and 7.5; hardsigmoid's kinks at -3 and 3 on -6, -3, ..., 6.
        tol = 1e-9 * abs(hi - lo)

        def hits(locs: Sequence[float]) -> int:
            return sum(any(abs(x - m) <= tol for x in locs) for m in marks)

        least = min(_FEW, len(fine[0]))
        close = [list(locs) for locs in _candidates(min(lo, hi), max(lo, hi), True)
                 if len(locs) >= least and roomy(ax, which, locs, length, 1.5)]  # fmt: skip
        close.sort(key=lambda locs: (-hits(locs), digits(locs)))
        if close and hits(close[0]) > hits(fine[0]):
            fine.insert(0, close[0])
    return fine


_FEW = 5  # a set with fewer ticks than this is chosen by how many it has, not its digits


def digits(locs: Sequence[float]) -> int:
    """The most digits after the point (or in the mantissa) of the labels at ``locs``."""
    return max(len(t.split("e")[0].partition(".")[2]) for t in tick_text(locs))


def denser(ax: Axes, which: str) -> list[list[float]]:
    """Every tick set of ``which`` axis, from more steps, most ticks first: tried when the
    usual ones leave fewer than three labels (labels that would stand under an em apart
    are left out as they are placed)."""
    lo, hi = ax.get_xlim() if which == "x" else ax.get_ylim()
    return [list(locs) for locs in _candidates(min(lo, hi), max(lo, hi), True)]


def set_ticks(ax: Axes, which: str, locs: Sequence[float]) -> None:
    """Fix ``which`` axis's ticks and their labels (nothing to do when they are these)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    if isinstance(axis.get_major_locator(), FixedLocator) and [
        float(x) for x in axis.get_majorticklocs()
    ] == [float(x) for x in locs]:
        return
    axis.set_major_locator(FixedLocator(list(locs)))
    axis.set_major_formatter(FixedFormatter(tick_text(locs)))
    if not isinstance(axis.get_minor_locator(), NullLocator):
        axis.set_minor_locator(NullLocator())
