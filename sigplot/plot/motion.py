"""Sweeps drawn: one figure that shows any frame, or small multiples.

:class:`Sweep` draws the first frame once (its limits, legend and tick labels made room
for every frame) and then only moves what changes: the curves' values, the marks and the
caption. :func:`grid` draws a sweep, or the functions of an overlay, as a grid of panels
for static formats.
"""

from __future__ import annotations

import dataclasses

from matplotlib.artist import Artist

from sigplot.maths.catalog import CATALOG
from sigplot.plot.draw import SigplotFigure, draw, draw_grid, redraw
from sigplot.plot.features import computed
from sigplot.plot.look import style_context
from sigplot.spec import sweep
from sigplot.spec.alt_text import describe
from sigplot.spec.options import FigureSpec


class Sweep:
    """One figure showing any frame of ``spec``'s sweep, as an animation counts them.
    Limits, legend and layout are fixed for all frames."""

    def __init__(self, spec: FigureSpec) -> None:
        if spec.sweep is None:
            raise ValueError("Sweep needs a spec with a sweep")
        self.spec = spec
        self.values = sweep.values(spec, animated=True)
        self.captions = sweep.captions(spec, self.values)
        self.frames = [sweep.frame(spec, v) for v in self.values]
        self.computed = [computed(f) for f in self.frames]
        moving = spec.sweep[0] == "tangent" or spec.annotate
        # Other frames' curves and tangents shape the layout (tick labels keep off them).
        others = [curves for curves, _ in self.computed[1:]]
        with style_context(spec):
            self.figure: SigplotFigure = draw(
                self.frames[0], *self.computed[0], ghosts=others, caption=self.captions[0],
                argument=sweep.ARGUMENTS[spec.sweep[0]], moving=moving,
            )  # fmt: skip
        self.figure.spec = spec
        self.figure.set_label(describe(spec))
        self.shown = 0

    def __len__(self) -> int:
        return len(self.frames)

    def show(self, i: int) -> list[Artist]:
        """Update the figure to frame ``i``; returns the artists that changed."""
        (panel,) = self.figure.panels
        if i != self.shown:
            with style_context(self.spec):
                redraw(panel, self.frames[i], *self.computed[i], self.captions[i])
            self.shown = i
        return [*panel.lines, *panel.marks, panel.ax.title]

    @property
    def poster(self) -> int:
        """The frame shown where motion is not: the middle one."""
        return len(self.frames) // 2


def grid(spec: FigureSpec) -> SigplotFigure:
    """Small multiples for a static format: a sweep's values, or (``layout = grid``) the
    functions of an overlay, one panel each with its title."""
    if spec.sweep is not None:
        values = sweep.values(spec, animated=False)
        frames = [sweep.frame(spec, v) for v in values]
        titles = sweep.captions(spec, values)
        argument = sweep.ARGUMENTS[spec.sweep[0]]
        shared = True
    else:
        frames = [dataclasses.replace(spec, functions=(f,), layout="overlay")
                  for f in spec.functions]  # fmt: skip
        titles = [CATALOG[f].words for f in spec.functions]
        argument = None
        shared = False
    panels = [(f, *computed(f), t) for f, t in zip(frames, titles, strict=True)]
    with style_context(spec):
        return draw_grid(spec, panels, shared=shared, argument=argument)
