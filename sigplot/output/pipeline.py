"""The one road from a spec to files: options -> FigureSpec -> compute -> draw -> finish.

:func:`produce` computes the curves (and, with --annotate, the marks), draws the figure
once inside one style context, and renders every requested :class:`Target` (figure
formats, 2x PNGs, data files). The CLI, the gallery, the Sphinx directive and ``save`` all
call it; ``figure`` stops after the draw step and ``save`` finishes a figure drawn earlier.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure

from sigplot.maths.errors import SigplotError, reason
from sigplot.output.data import DATA_FORMATS, data_bytes
from sigplot.output.encode import resolve_format, to_bytes
from sigplot.output.files import check_target, write_bytes
from sigplot.plot.curves import Curves, compute
from sigplot.plot.draw import SigplotFigure, draw
from sigplot.plot.features import computed
from sigplot.plot.look import style_context
from sigplot.plot.motion import Sweep, grid, poster
from sigplot.spec import budget
from sigplot.spec.options import FigureSpec, build_spec, checked
from sigplot.spec.sweep import animates, check_data, check_format

if TYPE_CHECKING:  # imported where used: a still figure needs neither (a cold command's cost)
    from sigplot.output.animation import Progress, SigplotAnimation
    from sigplot.output.explorer import Explorer


@dataclass(frozen=True)
class Target:
    """One output of a figure: where it goes (None: only its bytes are wanted), its format
    (any matplotlib format, or csv / json for the sampled values), and a dpi scale (2 for
    the @2x PNG of a srcset)."""

    path: str | os.PathLike[str] | None
    format: str
    scale: float = 1.0
    poster: bool = False  # a sweep's poster: the frame shown where motion is not
    owned: bool = False  # in a folder sigplot owns: see output/files.py


@dataclass(frozen=True)
class Produced:
    """What :func:`produce` made: each target's bytes, and the curves they came from."""

    files: Mapping[Target, bytes]
    curves: Curves


def _finish(
    fig: Figure, spec: FigureSpec, curves: Curves | None, targets: Sequence[Target]
) -> dict[Target, bytes]:
    """Render each target of a drawn figure and write those with a path (atomically, or
    through a FIFO or device). Call inside the figure's style context."""
    files = {}
    for target in targets:
        if target.format in DATA_FORMATS:
            if curves is None:
                raise ValueError("data targets need the computed curves")
            data = data_bytes(curves, spec, target.format)
        elif target.format == "html" and isinstance(fig, SigplotFigure):
            data = explorer_page(spec, fig)
        else:
            data = to_bytes(fig, target.format, spec.dpi * target.scale)
        if target.path is not None:
            field = "data" if target.format in DATA_FORMATS else "out"
            write_bytes(data, target.path, field, owned=target.owned)
        files[target] = data
    return files


def produce(
    spec: FigureSpec, targets: Sequence[Target], progress: Progress | None = None
) -> Produced:
    """Compute, draw once and render every target of ``spec``; see :class:`Target`.

    A sweep becomes an animation in an animated format and small multiples in a static
    one, as does an overlay with ``layout = grid``; ``progress`` hears of each frame.
    The spec is checked again (one built directly, ``FigureSpec(points=10**9)``, too), and
    every target against the budgets, before any work: SigplotError.
    """
    spec = checked(spec)
    for target in targets:
        if target.poster:
            budget.check_pixels(spec, scale=target.scale)
            budget.check_cells(spec, animated=True)
        elif target.format not in DATA_FORMATS:
            budget.check(spec, target.format, target.scale)
    with _style_failures(spec):
        return _produce(spec, targets, progress)


@contextlib.contextmanager
def _style_failures(spec: FigureSpec) -> Iterator[None]:
    """A failure while drawing under a --style sheet as the sheet's SigplotError: a sheet
    sets any of matplotlib's hundreds of settings, some to values its drawing fails on."""
    try:
        yield
    except SigplotError:
        raise
    except Exception as exc:
        if spec.style is None:
            raise
        raise SigplotError("style", spec.style, f"could not be drawn with: {reason(exc)}") from exc


def _produce(spec: FigureSpec, targets: Sequence[Target], progress: Progress | None) -> Produced:
    if spec.sweep is None and spec.layout == "overlay":
        curves, features = computed(spec)
        with style_context(spec):
            fig = draw(spec, curves, features)
            return Produced(_finish(fig, spec, curves, targets), curves)
    curves = compute(spec)  # the data of a grid's functions; each panel computes its own
    files: dict[Target, bytes] = {}
    moving = [t for t in targets if t.poster or animates(spec, t.format)]
    still = [t for t in targets if t not in moving]
    for target in still:
        if target.format in DATA_FORMATS:
            check_data(spec, str(target.path))
    if still:
        fig = grid(spec)
        with style_context(spec):
            files |= _finish(fig, spec, curves, still)
    frames = Sweep(spec) if any(not t.poster and t.format != "html" for t in moving) else None
    for target in moving:
        dpi = spec.dpi * target.scale
        if target.poster:
            with style_context(spec):
                data = to_bytes(poster(spec), target.format, dpi)
        elif target.format == "html":
            data = explorer_page(spec)
        else:
            assert frames is not None
            from sigplot.output.animation import animate

            data = animate(frames, target.format, dpi, progress)
        if target.path is not None:
            write_bytes(data, target.path, owned=target.owned)
        files[target] = data
    return Produced(files, curves)


def explorer_page(spec: FigureSpec, drawn: SigplotFigure | None = None) -> bytes:
    """The explorer page of ``spec`` (a still figure ``drawn`` already: its cursor page)."""
    from sigplot.output import explorer, explorer_page

    return explorer_page.page(explorer.explorer(spec, drawn))


def explorer(**options: Any) -> Explorer:
    """The explorer of the CLI's options, e.g. ``explorer(sweep=("tangent", -4, 4))``: a
    slider over a sweep, a cursor on a still figure. Jupyter shows it inline; ``save``
    with a ``.html`` path writes the same as a page. Raises SigplotError for a bad option."""
    from sigplot.output.explorer import explorer as build

    spec = build_spec(**options)
    budget.check(spec, "html")
    with _style_failures(spec):
        return build(spec, None if spec.sweep is not None else _drawn(spec))


def render(spec: FigureSpec, fmt: str) -> bytes:
    """The bytes of ``spec``'s figure in format ``fmt``, written nowhere."""
    target = Target(None, fmt)
    return produce(spec, [target]).files[target]


def figure(**options: Any) -> SigplotFigure:
    """A matplotlib Figure from the CLI's options, e.g. ``figure(range=(-2, 10))``.

    Raises SigplotError for a bad option. The figure displays inline in Jupyter.
    """
    spec = build_spec(**options)
    budget.check(spec)
    return _drawn(spec)


def _drawn(spec: FigureSpec) -> SigplotFigure:
    """The figure of ``spec``: one panel, a grid, or a sweep's small multiples."""
    with _style_failures(spec):
        if spec.sweep is not None or spec.layout == "grid":
            return grid(spec)
        curves, features = computed(spec)
        with style_context(spec):
            return draw(spec, curves, features)


def animation(**options: Any) -> SigplotAnimation:
    """A matplotlib Animation of a sweep, e.g. ``animation(sweep=("tangent", -4, 4))``:
    Jupyter shows it inline; ``.save("x.gif")`` writes it with matplotlib's writers (or use
    :func:`save` for sigplot's deterministic bytes). Raises SigplotError for a bad option."""
    spec = build_spec(**options)
    if spec.sweep is None:
        raise SigplotError(
            "sweep", None, "is needed for an animation, e.g. sweep=('tangent', -4, 4)"
        )
    budget.check(spec, "html")  # the frames Jupyter's player holds
    from sigplot.output.animation import SigplotAnimation

    return SigplotAnimation(Sweep(spec))


def save(
    figure_or_options: Figure | FigureSpec | Mapping[str, Any],
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> Path:
    """Write a figure (or the figure for a spec or options) to ``path``, atomically.

    The format comes from the extension unless ``format`` is given. A figure from
    :func:`figure` is saved in the style it was drawn in. Returns the path.
    """
    check_target(path)
    fmt = resolve_format(path, format)
    if not isinstance(figure_or_options, Figure):
        spec = (
            checked(figure_or_options)
            if isinstance(figure_or_options, FigureSpec)
            else build_spec(**figure_or_options)
        )
        check_format(spec, fmt)
        produce(spec, [Target(path, fmt)])
        return Path(path)
    target = Target(path, fmt)
    if isinstance(figure_or_options, SigplotFigure):
        with style_context(figure_or_options.spec):
            _finish(figure_or_options, figure_or_options.spec, None, [target])
    else:
        write_bytes(to_bytes(figure_or_options, fmt), path)
    return Path(path)
