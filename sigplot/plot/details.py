"""Small features made visible: the band rrelu's random training-mode slope can take, and
a note on a stretch of a curve that moves but draws as flat (leaky_relu's slope 0.01
reads as relu's 0 at any ordinary scale): "slope 0.01, not 0".

Drawn once per panel, after the curves and their marks. The note is one of the figure's
notes, so the layout places it clear of curves, axis lines, tick labels and the legend.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.path import Path

from sigplot.maths.catalog import CATALOG
from sigplot.plot.curves import Curve, Curves
from sigplot.plot.features import number, owned
from sigplot.plot.geometry import tick_labels
from sigplot.plot.look import on_dark
from sigplot.plot.marks import zones

Point = tuple[float, float]

FLAT = 0.02  # a stretch whose values span less than this of the axis height reads as flat
_BAND_ALPHA = (0.18, 0.32)  # on a light background, on a dark one (where 0.18 is near black)
BAND = "sigplot-band"  # the gid of an rrelu band
_HALO = 2.0  # points: half the widest halo's stroke (a tick label's, 4 pt)


def draw_details(
    ax: Axes, curves: Curves, colors: list[str], note: Callable[[str, Point, str], None]
) -> list[Artist]:
    """The rrelu bands, and a note on each curve's flat-looking stretch, written with
    ``note(text, point, color)`` (the figure's own notes); returns the bands."""
    drawn: list[Artist] = []
    bands = [c for c in curves.lines if c.band is not None]
    for curve in bands:  # the legend names one band a function, and its bands share the
        # colour of the curve it names (the function's, if drawn): a band tinted as the
        # derivative's line read as a second band the legend lacked
        mine = [c for c in bands if (c.function, c.gain) == (curve.function, curve.gain)]
        named = min(mine, key=lambda c: c.order)
        color = colors[curves.lines.index(named)]
        drawn.append(_band(ax, curves, curve, color, curve is named))
    several = len({c.function for c in curves.lines}) > 1
    for curve, color in zip(curves.lines, colors, strict=True):
        stretch = _flat_stretch(ax, curves.z, curve) if curve.order == 0 else None
        if stretch is None:
            continue
        a, b = stretch
        z, values = curves.z[a:b], curve.values[a:b]
        slope = float((values[-1] - values[0]) / (z[-1] - z[0]))
        text = f"slope {number(slope)}, not 0"
        text = owned(CATALOG[curve.function].name, text) if several else text
        mid = (a + b) // 2 - a
        note(text, (float(z[mid]), float(values[mid])), color)
    return drawn


def _band(ax: Axes, curves: Curves, curve: Curve, color: str, named: bool) -> Artist:
    """Where an rrelu curve can lie in training: slopes from lower to upper below 0 (the
    legend names it once per function). The value axis holds it whole (value_axis.py)."""
    args = CATALOG[curve.function].arguments
    assert curve.band is not None
    lower, upper = curve.band
    slopes = f"slope {_ratio(args['lower'])} to {_ratio(args['upper'])}"
    label = f"{CATALOG[curve.function].words} in training: {slopes}"
    return ax.fill_between(curves.z, lower, upper, where=np.isfinite(lower), color=color,
                           alpha=_BAND_ALPHA[on_dark(ax)], linewidth=0,
                           label=label if named else "_band", zorder=1.5, gid=BAND)  # fmt: skip


def _ratio(x: float) -> str:
    """``x`` as the formulas write it: 1/8 and 1/3 for rrelu's defaults, else 4 digits."""
    near = Fraction(x).limit_denominator(16)
    if near.denominator > 1 and abs(float(near) - x) <= 1e-12 * abs(x):
        return f"{near.numerator}/{near.denominator}"
    return f"{x:.4g}"


def _flat_stretch(ax: Axes, z: np.ndarray, curve: Curve) -> tuple[int, int] | None:
    """The longest stretch between the curve's kinks, at least a fifth of the range, that
    moves but reads as flat: it spans under FLAT of the axis height, or its slope is under
    FLAT of the curve's steepest stretch (leaky_relu's 0.01 beside 1). Indices into z."""
    entry = CATALOG[curve.function]
    if not entry.kinks or curve.gain == 0:
        return None
    y0, y1 = ax.get_ylim()
    cuts = sorted(curve.shift + k / curve.gain for k in entry.kinks)
    edges = [0, *np.searchsorted(z, cuts).tolist(), len(z)]
    stretches = []
    for a, b in itertools.pairwise(edges):
        values = curve.values[a:b]
        if b - a >= max(2, len(z) // 5) and np.isfinite(values).all() and z[b - 1] > z[a]:
            span = float(values.max() - values.min())
            stretches.append((a, b, span, span / float(z[b - 1] - z[a])))
    steepest = max((slope for *_, slope in stretches), default=0.0)
    flat = [(a, b) for a, b, span, slope in stretches
            if span > 0 and (span < FLAT * abs(y1 - y0) or slope < FLAT * steepest)]  # fmt: skip
    return max(flat, key=lambda s: s[1] - s[0], default=None)


def bare_on_tints(ax: Axes) -> None:
    """Texts standing on a tint (an rrelu band, a flat zone of --annotate) lose their
    halo, drawn in the background's colour: it cut a hole in the tint (review 16, the
    catalogue's "-5"; reviews 14 to 16, tanh's zones). Called once the layout, and the
    zones' trim, is final; the texts keep clear of the curves without it. (The tints
    stay under the curves: over them a band tinted the derivative's line, inside it, with
    the function's colour, and a zone shifted each curve's shade where it crossed.)"""
    tints: list[Artist] = [c for c in ax.collections if c.get_gid() == BAND]
    tints += zones(ax)
    bands = [path.transformed(tint.get_transform()) for tint in tints for path in _paths(tint)]
    if not bands:
        return
    texts = tick_labels(ax) + [t for t in ax.texts if t.get_visible() and t.get_text()]
    reach = _HALO * ax.figure.dpi / 72  # a halo's stroke reaches past the text's box
    for text in texts:
        box = text.get_window_extent().padded(reach)
        if any(path.intersects_bbox(box, filled=True) for path in bands):
            text.set_path_effects([])


def _paths(tint: Artist) -> list[Path]:
    """A band's paths (a collection's), or a zone's one (a patch's)."""
    if isinstance(tint, Patch):
        return [tint.get_path()]
    return list(tint.get_paths())  # type: ignore[attr-defined]
