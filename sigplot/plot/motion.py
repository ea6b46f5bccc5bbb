"""Sweeps drawn: one figure that shows any frame, or small multiples.

:class:`Sweep` draws the first frame once (its limits, legend and tick labels made room
for every frame) and then only moves what changes: the curves' values, the marks and the
caption. A frame's curves are computed when it is shown, so memory does not grow with the
number of frames. With ``layout = grid`` every function's panel moves together.
:func:`grid` draws a sweep, or the functions of an overlay, as a grid of panels for
static formats.
"""

from __future__ import annotations

import dataclasses

from matplotlib.artist import Artist

from sigplot.maths.errors import SigplotError
from sigplot.plot.draw import SigplotFigure, draw, draw_grid, redraw
from sigplot.plot.features import computed
from sigplot.plot.look import style_context
from sigplot.plot.swept import Ghosts
from sigplot.spec import sweep
from sigplot.spec.alt_text import describe
from sigplot.spec.options import FigureSpec


def _cells(spec: FigureSpec) -> list[FigureSpec]:
    """The panels of one frame: the frame itself, or one per function in a grid."""
    if spec.layout != "grid":
        return [spec]
    return [dataclasses.replace(spec, functions=(f,), layout="overlay") for f in spec.functions]


class Sweep:
    """One figure showing any frame of ``spec``'s sweep, as an animation counts them.
    Limits, legend and layout are fixed for all frames. ``italic``: the captions' symbol
    in italic, as the legend's σ(Kz) and the poster set it; the explorer's are plain text,
    since mathtext's glyphs would add ~20 KB to its page, and its readout reads them."""

    def __init__(self, spec: FigureSpec, italic: bool = True) -> None:
        if spec.sweep is None:
            raise ValueError("Sweep needs a spec with a sweep")
        self.spec = spec
        self.values = sweep.values(spec, animated=True)
        self.captions = sweep.captions(spec, self.values, italic=italic)
        self.frames = [sweep.frame(spec, v) for v in self.values]
        self.grid = spec.layout == "grid"
        moving = spec.sweep[0] == "tangent" or spec.annotate
        argument = sweep.ARGUMENTS[spec.sweep[0]]
        first = _cells(self.frames[0])
        # Every frame shapes the layout (tick labels keep off them), one at a time: the
        # first's too, whose moving marks (a tangent, its guide) come after the layout.
        ghosts = [Ghosts([_cells(f)[k] for f in self.frames]) for k in range(len(first))]
        with style_context(spec):
            if self.grid:
                panels = [(cell, *computed(cell), cell.functions[0])
                          for cell in first]  # fmt: skip
                self.figure: SigplotFigure = draw_grid(
                    self.frames[0], panels, shared=False, argument=argument, ghosts=ghosts,
                    caption=self.captions[0], moving=moving,
                )  # fmt: skip
                self.suptitle = self.figure.suptitle(self.captions[0])  # the one draw_grid made
            else:
                self.figure = draw(
                    first[0], *computed(first[0]), ghosts=ghosts[0], caption=self.captions[0],
                    argument=argument, moving=moving,
                )  # fmt: skip
        self.figure.spec = spec
        self.figure.set_label(describe(spec))
        self.shown = 0

    def __len__(self) -> int:
        return len(self.frames)

    def show(self, i: int) -> list[Artist]:
        """Update the figure to frame ``i`` (computing its curves now); returns the artists
        that change from frame to frame."""
        if i != self.shown:
            with style_context(self.spec):
                for panel, cell in zip(self.figure.panels, _cells(self.frames[i]), strict=True):
                    title = cell.functions[0] if self.grid else self.captions[i]
                    redraw(panel, cell, *computed(cell), title)
                if self.grid:
                    self.figure.suptitle(self.captions[i])
            self.shown = i
        return self.moving()

    def moving(self) -> list[Artist]:
        """The artists that change from frame to frame: curves, marks and captions."""
        changing: list[Artist] = []
        for panel in self.figure.panels:
            changing += [*panel.lines, *panel.marks]
            if not self.grid:
                changing.append(panel.ax.title)
        if self.grid:
            changing.append(self.suptitle)
        return changing

    @property
    def poster(self) -> int:
        """The frame the explorer shows before it plays: the middle one (see poster())."""
        return len(self.frames) // 2


def poster(spec: FigureSpec) -> SigplotFigure:
    """The still shown where motion is not (reduced motion, print): the sweep's middle
    frame drawn as a figure of its own, its value axes fitted to that frame alone. The
    animation's axes hold every frame so that nothing jumps while it plays; a still has
    no other frame to make room for, and in them its curves would be squashed (relu's
    panel at K = 1.7 would rise to 10 on an axis reaching 30)."""
    if spec.sweep is None:
        raise ValueError("poster() needs a spec with a sweep")
    values = sweep.values(spec, animated=True)
    middle = len(values) // 2
    one = sweep.frame(spec, values[middle])
    caption = sweep.captions(spec, values, italic=True)[middle]
    argument = sweep.ARGUMENTS[spec.sweep[0]]
    with style_context(spec):
        if spec.layout == "grid":
            panels = [(cell, *computed(cell), cell.functions[0]) for cell in _cells(one)]
            figure = draw_grid(one, panels, shared=False, argument=argument, caption=caption)
        else:
            figure = draw(one, *computed(one), caption=caption, argument=argument)
    figure.spec = spec
    figure.set_label(describe(spec))
    return figure


def grid(spec: FigureSpec) -> SigplotFigure:
    """Small multiples for a static format: a sweep's values, or (``layout = grid``) the
    functions of an overlay, one panel each with its title."""
    if spec.sweep is not None:
        if spec.layout == "grid":
            raise SigplotError("layout", "grid", sweep.GRID_SWEEP)
        values = sweep.values(spec, animated=False)
        frames = [sweep.frame(spec, v) for v in values]
        titles = sweep.captions(spec, values, italic=True)
        argument = sweep.ARGUMENTS[spec.sweep[0]]
        shared = True
    else:
        frames = [dataclasses.replace(spec, functions=(f,), layout="overlay")
                  for f in spec.functions]  # fmt: skip
        titles = list(spec.functions)  # each as written: leaky_relu, elu(alpha=0.5)
        argument = None
        shared = False
    panels = [(f, *computed(f), t) for f, t in zip(frames, titles, strict=True)]
    with style_context(spec):
        return draw_grid(spec, panels, shared=shared, argument=argument)
