"""The one pipeline, options -> FigureSpec -> Curves -> Figure -> bytes or file(s).

The public ``figure`` and ``save`` live here; the CLI, the gallery and the Sphinx
directive call the same functions.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from sigplot.curves import Curves, compute
from sigplot.files import check_target, write_bytes
from sigplot.output import resolve_format, to_bytes
from sigplot.render import draw, style_context
from sigplot.spec import FigureSpec, build_spec

# The spec each sigplot figure was drawn from, so save() can use its style context.
_SPECS: weakref.WeakKeyDictionary[Figure, FigureSpec] = weakref.WeakKeyDictionary()


def draw_spec(spec: FigureSpec) -> Figure:
    """Compute and draw ``spec``; the figure remembers its spec for saving."""
    fig = draw(spec, compute(spec))
    _SPECS[fig] = spec
    return fig


def render(spec: FigureSpec, fmt: str, curves: Curves | None = None) -> bytes:
    """The bytes of ``spec``'s figure in format ``fmt`` (from ``curves`` if computed)."""
    with style_context(spec):
        fig = draw(spec, curves or compute(spec))
        return to_bytes(fig, fmt)


def figure(**options: Any) -> Figure:
    """A matplotlib Figure from the CLI's options, e.g. ``figure(range=(-2, 10))``.

    Raises SigplotError for a bad option. The figure displays inline in Jupyter.
    """
    return draw_spec(build_spec(**options))


def save(
    figure_or_options: Figure | FigureSpec | Mapping[str, Any],
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> Path:
    """Write a figure (or the figure for a spec or options) to ``path``, atomically.

    The format comes from the extension unless ``format`` is given. Returns the path.
    """
    check_target(path)
    fmt = resolve_format(path, format)
    if isinstance(figure_or_options, Figure):
        spec = _SPECS.get(figure_or_options)
        with style_context(spec) if spec else contextlib.nullcontext():
            data = to_bytes(figure_or_options, fmt)
    elif isinstance(figure_or_options, FigureSpec):
        data = render(figure_or_options, fmt)
    else:
        data = render(build_spec(**figure_or_options), fmt)
    return write_bytes(data, path)


def write_files(
    spec: FigureSpec, folder: Path, stem: str, formats: tuple[str, ...], *, hidpi: bool = False
) -> dict[str, str]:
    """Draw ``spec`` once and write ``stem.FMT`` for each format (and ``stem@2x.png``
    at twice the dpi with ``hidpi``) into ``folder``; returns file name -> SHA-256."""
    from sigplot.manifest import digest

    jobs: list[tuple[str, str, float | None]] = [(f"{stem}.{fmt}", fmt, None) for fmt in formats]
    if hidpi:
        jobs.append((f"{stem}@2x.png", "png", 2 * spec.dpi))
    written = {}
    with style_context(spec):
        fig = draw_spec(spec)
        for name, fmt, dpi in jobs:
            data = to_bytes(fig, fmt, dpi)
            write_bytes(data, folder / name)
            written[name] = digest(data)
    return written
