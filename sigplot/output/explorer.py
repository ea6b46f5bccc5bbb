"""The explorer: a figure as one self-contained, accessible web page.

A sweep becomes one SVG drawn once by matplotlib (the poster, its middle frame, which is
also what a reader without script sees) whose moving parts, each frame's curves, marks
and captions, are cut from matplotlib's own SVG of every frame (:mod:`svg_frames`) and
swapped by a few lines of script as a native range slider moves; a readout says what the
frame's value means, from sigplot's maths. A still figure becomes the same page with a
cursor: a vertical line the pointer or the arrow keys move along z, the readout giving
every curve's value there, computed here. Dark pages get the light figure recoloured by
CSS (see :mod:`explorer_page`), so one SVG serves both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.patheffects import Stroke
from matplotlib.text import Annotation, Text

from sigplot.maths.catalog import CATALOG
from sigplot.maths.functions import evaluate
from sigplot.output import svg_frames
from sigplot.output.encode import to_bytes
from sigplot.plot.draw import SigplotFigure
from sigplot.plot.look import style_context
from sigplot.plot.motion import Sweep
from sigplot.spec.alt_text import describe
from sigplot.spec.options import FigureSpec
from sigplot.spec.parse import DEFAULT_FPS

SLIDER = {"gain": "gain K", "shift": "shift z₀", "tangent": "tangent at z"}  # slider names
CURSOR_STOPS = 241  # cursor positions along z: a step of 1/240 of the range


@dataclass
class Explorer:
    """What the page shows: the base SVG (slots hold the poster's content), each slot's
    distinct contents and, per frame, which; the readouts; and, for a still figure, the
    cursor's stops."""

    title: str
    svg: str
    slots: list[str] = field(default_factory=list)
    parts: list[list[str]] = field(default_factory=list)
    frames: list[list[int]] = field(default_factory=list)
    readouts: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # what the slider says: the captions
    start: int = 0
    fps: int = DEFAULT_FPS
    label: str = "frame"  # the slider's name
    cursor: list[list[tuple[float, float, float]]] = field(default_factory=list)  # per panel
    dark: bool = False  # a dark figure (--preset dark): shown as it is on any page

    def _repr_html_(self) -> str:
        """Jupyter shows the explorer inline."""
        from sigplot.output.explorer_page import fragment

        return fragment(self)

    @property
    def key(self) -> str:
        """A name for this explorer's CSS and ids: a hash of what it shows."""
        return "sp" + sha256((self.svg + "".join(self.readouts)).encode()).hexdigest()[:10]


def _number(value: float) -> str:
    """A value as the notes print it: three significant digits, a real minus sign."""
    return f"{value:.3g}".replace("-", "−")


def _moving_gids(
    artists: Sequence[Artist],
) -> tuple[list[tuple[Artist, Any, Any]], dict[str, tuple[str, float]]]:
    """Mark each moving artist (and an annotation's leader) with a gid, a text's halo taken
    off for the browser to draw; returns what to restore and the halos."""
    saved: list[tuple[Artist, Any, Any]] = []
    halos: dict[str, tuple[str, float]] = {}
    for k, artist in enumerate(artists):
        gid = f"{svg_frames.MOVING}-{k}"
        effects = artist.get_path_effects()
        strokes = [e for e in effects if isinstance(e, Stroke)]
        if isinstance(artist, Text) and strokes:
            gc: dict[str, Any] = getattr(strokes[0], "_gc", {})  # withStroke's own keywords
            gid = f"{svg_frames.HALO}-{k}"
            halos[gid] = (to_hex(gc.get("foreground", "w")), float(gc.get("linewidth", 1)))
            artist.set_path_effects([])
        saved.append((artist, artist.get_gid(), effects))
        artist.set_gid(gid)
        if isinstance(artist, Annotation) and artist.arrow_patch is not None:
            arrow = artist.arrow_patch
            saved.append((arrow, arrow.get_gid(), arrow.get_path_effects()))
            arrow.set_gid(f"{svg_frames.MOVING}-{k}-leader")
    return saved, halos


def _dark(figure: Figure) -> bool:
    """Whether the figure is drawn on a dark, opaque background."""
    r, g, b, a = to_rgba(figure.get_facecolor())
    return a > 0.5 and 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


def _render(figure: Figure, spec: FigureSpec, moving: Sequence[Artist]) -> svg_frames.Cut:
    """The figure's SVG as it is now, cut into skeleton and slots."""
    saved, halos = _moving_gids(moving)
    try:
        with style_context(spec):
            data = to_bytes(figure, "svg")
    finally:
        for artist, gid, effects in saved:
            artist.set_gid(gid)
            artist.set_path_effects(effects)
    return svg_frames.cut(data, halos)


def _readout(name: str, frame: FigureSpec, caption: str) -> str:
    """What a frame's value means, from sigplot's maths: for a tangent each function's
    value and slope at z0; for a gain or a shift, the value and slope at the centre."""
    at = frame.tangent if name == "tangent" and frame.tangent is not None else frame.shift
    parts = []
    for function in frame.functions:
        for gain in frame.gain:
            words = CATALOG[function].words
            if len(frame.gain) > 1:
                words += f" (K = {_number(gain)})"
            f0 = float(evaluate(function, at, 0, gain=gain, shift=frame.shift))
            d0 = float(evaluate(function, at, 1, gain=gain, shift=frame.shift))
            where = "(z₀)" if name == "tangent" else f"({_number(at)})"
            parts.append(f"{words}{where} = {_number(f0)}, slope {_number(d0)}")
    return f"{caption}: {'; '.join(parts)}"


def _assemble(
    base: svg_frames.Cut, defs: dict[str, str], slots: list[str], poster: dict[str, str]
) -> str:
    """The base SVG: the skeleton, every definition once, each slot some frame fills
    filled for the poster (the others dropped)."""
    text = svg_frames.skeleton_text(base)
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text)
    block = "<defs>" + "".join(defs[k] for k in sorted(defs)) + "</defs>"
    text = re.sub(r"(<svg\b[^>]*>)", lambda m: m[1] + block, text, count=1)
    for name in slots:
        text = text.replace(f'<g id="sigplot-slot-{name}" />',
                            f'<g id="sigplot-slot-{name}">{poster.get(name, "")}</g>')  # fmt: skip
    text = re.sub(r'<g id="sigplot-slot-[^"]*" />', "", text)
    return text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")


def sweep_explorer(spec: FigureSpec) -> Explorer:
    """The explorer of a sweep: every frame cut from matplotlib's SVG of it, one at a
    time."""
    moving = Sweep(spec, italic=False)
    name = spec.sweep[0] if spec.sweep else ""
    cuts: list[dict[str, str]] = []
    readouts: list[str] = []
    defs: dict[str, str] = {}
    skeleton = None
    for i in range(len(moving)):
        found = _render(moving.figure, spec, moving.show(i))
        if skeleton is None:
            skeleton = svg_frames.skeleton_text(found)
        elif svg_frames.skeleton_text(found) != skeleton:
            raise RuntimeError(f"frame {i} changes what should stay")  # sigplot's own fault
        defs.update(found.defs)
        cuts.append(found.slots)
        readouts.append(_readout(name, moving.frames[i], moving.captions[i]))
        if i == moving.poster:
            base = found
    slots = sorted({name for frame in cuts for name, text in frame.items() if text})
    parts: list[list[str]] = [[] for _ in slots]
    frames = []
    for frame in cuts:
        row = []
        for k, name in enumerate(slots):
            text = frame.get(name, "")
            if text not in parts[k]:
                parts[k].append(text)
            row.append(parts[k].index(text))
        frames.append(row)
    explorer = Explorer(
        describe(spec), _assemble(base, defs, slots, cuts[moving.poster]), slots, parts,
        frames, readouts, moving.captions, moving.poster, spec.fps or DEFAULT_FPS,
        SLIDER[spec.sweep[0]] if spec.sweep else "frame", dark=_dark(moving.figure),
    )  # fmt: skip
    moving.show(moving.poster)
    return explorer


def explorer(spec: FigureSpec, drawn: SigplotFigure | None = None) -> Explorer:
    """The explorer of ``spec``: a sweep's, or a still figure's (``drawn`` already)."""
    if spec.sweep is not None:
        return sweep_explorer(spec)
    if drawn is None:
        raise ValueError("a still figure's explorer needs the figure drawn")
    return still_explorer(spec, drawn)


def still_explorer(spec: FigureSpec, figure: SigplotFigure) -> Explorer:
    """The explorer of a still figure: its SVG and a cursor along z, each curve's value
    at each stop computed by sigplot's maths."""
    light = _render(figure, spec, [])
    lo, hi = spec.range
    stops = np.linspace(lo, hi, CURSOR_STOPS)
    height = figure.bbox.height
    scale = 72 / figure.dpi  # pixels to the SVG's points
    cursor = []
    for panel in figure.panels:
        ax = panel.ax
        xs = ax.transData.transform(np.column_stack([stops, np.zeros_like(stops)]))[:, 0]
        top, bottom = (height - ax.bbox.y1) * scale, (height - ax.bbox.y0) * scale
        cursor.append([(round(x * scale, 1), round(top, 1), round(bottom, 1)) for x in xs])
    readouts = []
    curves = [c for panel in figure.panels for c in panel.content.curves.lines]
    for z in stops:
        parts = []
        for curve in curves:
            words = CATALOG[curve.function].words + "′" * curve.order
            if len(spec.gain) > 1:
                words += f" (K = {_number(curve.gain)})"
            value = evaluate(curve.function, float(z), curve.order, gain=curve.gain,
                             shift=spec.shift)  # fmt: skip
            parts.append(f"{words} {_number(float(value))}")
        readouts.append(f"z = {_number(float(z))}: " + ", ".join(parts))
    title = describe(spec)
    start = CURSOR_STOPS // 2
    explorer = Explorer(title, _assemble(light, light.defs, [], {}), readouts=readouts,
                        values=[f"z = {_number(float(z))}" for z in stops], start=start,
                        label="z", cursor=cursor, dark=_dark(figure))  # fmt: skip
    return explorer
