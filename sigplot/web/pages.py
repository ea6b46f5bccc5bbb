"""Putting figures on web pages: the files of one web figure, their names, and the markup.

A web figure is ``STEM.FMT`` for each format, with ``hidpi`` ``STEM@2x.png`` at twice the
dpi for a ``srcset``, and for an animated sweep ``STEM-poster.png``, the frame shown to
readers who ask for reduced motion. The gallery and the Sphinx directive name, write and
show their files through here, so they agree.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sigplot.spec.formats import ANIMATED, WEB

if TYPE_CHECKING:  # the pipeline imports matplotlib; naming files must not
    from sigplot.output.pipeline import Target
    from sigplot.spec.options import FigureSpec

HIDPI = "png@2x"  # the key of the 2x PNG among a figure's files
POSTER = "poster"  # the key of an animation's still frame
_DARK = "(prefers-color-scheme: dark)"
_REDUCE = "(prefers-reduced-motion: reduce)"


def file_names(
    stem: str, formats: tuple[str, ...], hidpi: bool, poster: bool = False
) -> dict[str, str]:
    """format (or ``png@2x``, ``poster``) -> file name; the 2x PNG only when PNG is among
    the formats; ``poster`` for an animation."""
    names = {fmt: f"{stem}.{fmt}" for fmt in formats}
    if hidpi and "png" in formats:
        names[HIDPI] = f"{stem}@2x.png"
    if poster:
        names[POSTER] = f"{stem}-poster.png"
    return names


def targets(
    folder: Path, stem: str, formats: tuple[str, ...], hidpi: bool, poster: bool = False
) -> list[Target]:
    """The :class:`~sigplot.output.pipeline.Target` of each file of one web figure in ``folder``."""
    from sigplot.output.pipeline import Target

    out = []
    for key, name in file_names(stem, formats, hidpi, poster).items():
        fmt = "png" if key in (HIDPI, POSTER) else key
        scale = 2.0 if key == HIDPI else 1.0
        out.append(Target(folder / name, fmt, scale, key == POSTER, owned=True))
    return out


def _main(files: Mapping[str, str]) -> str:
    """The key of the file an <img> shows: the animation, else a PNG (which has a 2x), else
    the first image format."""
    if POSTER in files:
        moving = (name for name in ANIMATED if name in WEB and name in files)
        return next(moving, POSTER)
    if "png" in files:
        return "png"
    return next(iter(files))


def picture(
    files: Mapping[str, str],
    alt: str,
    *,
    url: Callable[[str], str] = lambda name: name,
    dark: Mapping[str, str] | None = None,
    css_class: str = "",
) -> str:
    """An HTML <picture> for one web figure: SVG where there is one, a PNG with its 2x in a
    ``srcset`` otherwise; ``dark`` files for readers whose system is dark; an animation's
    poster for readers who ask for reduced motion. ``url`` maps a file name to its URL."""

    def srcset(variant: Mapping[str, str]) -> str:
        main = _main(variant)
        if main == "png" and HIDPI in variant:
            return f"{url(variant['png'])} 1x, {url(variant[HIDPI])} 2x"
        return url(variant[main])

    def source(media: str, srcset: str, svg: bool = False) -> str:
        kind = ' type="image/svg+xml"' if svg else ""
        where = f' media="{media}"' if media else ""
        return f'<source{where}{kind} srcset="{html.escape(srcset, quote=True)}">'

    still = POSTER not in files
    sources = []
    if not still:
        if dark is not None:
            sources.append(source(f"{_REDUCE} and {_DARK}", url(dark[POSTER])))
        sources.append(source(_REDUCE, url(files[POSTER])))
    if dark is not None:
        if still and "svg" in dark:
            sources.append(source(_DARK, url(dark["svg"]), svg=True))
        sources.append(source(_DARK, srcset(dark)))
    if still and "svg" in files and _main(files) != "svg":
        sources.append(source("", url(files["svg"]), svg=True))
    main = _main(files)
    extra = f' srcset="{html.escape(srcset(files), quote=True)}"' if HIDPI in files else ""
    classes = f' class="{css_class}"' if css_class else ""
    img = (
        f'<img src="{html.escape(url(files[main]), quote=True)}"{extra} '
        f'alt="{html.escape(alt, quote=True)}" loading="lazy">'
    )
    # The class goes on the <img> too: the PyData theme dims every <img> in dark mode that
    # is not .only-dark, and other themes' rules may look at either element.
    img = img.replace("<img ", f"<img{classes} ", 1)
    if not sources:
        return img
    return f"<picture{classes}>{''.join(sources)}{img}</picture>"


def figure_formats(spec: FigureSpec, formats: tuple[str, ...]) -> tuple[str, ...]:
    """The files a web page gets for ``spec``: ``formats``, or for a sweep an animated GIF
    (with its poster); a static format would turn the sweep into small multiples."""
    return ("gif",) if spec.sweep is not None else formats


@dataclass(frozen=True)
class WebFigure:
    """One web figure's files in ``folder``, named by a hash of everything they depend on
    (``stem``), so a figure whose files exist need not be drawn again."""

    folder: Path
    spec: FigureSpec
    formats: tuple[str, ...]
    hidpi: bool

    @functools.cached_property
    def stem(self) -> str:
        from sigplot.web.fingerprint import fingerprint

        hashed = fingerprint(self.spec, formats=self.formats, hidpi=self.hidpi)
        return f"sigplot-{hashed[:20]}"

    @property
    def poster(self) -> bool:
        """An animation has a still frame for readers who ask for reduced motion."""
        return self.spec.sweep is not None

    @property
    def files(self) -> dict[str, str]:
        """key (format, ``png@2x``, ``poster``) -> file name."""
        return file_names(self.stem, self.formats, self.hidpi, self.poster)

    def missing(self) -> bool:
        """Whether the files must be drawn: unless the folder's manifest records them, and
        each is a regular file (not a link) holding the bytes it records. A file planted
        under one of these names, or a link to anything, is drawn again and replaced."""
        from sigplot.web import manifest

        built = manifest.read(self.folder).get(self.stem)
        if built is None or set(built.files) != set(self.files.values()):
            return True
        return bool(manifest.damaged(built, self.folder))

    def draw(self) -> tuple[str, ...]:
        """Write the files and record their hashes in the folder's manifest; sigplot's
        warnings come back as lines."""
        from sigplot.maths.errors import sigplot_warnings
        from sigplot.output.pipeline import produce
        from sigplot.web import manifest

        self.folder.mkdir(parents=True, exist_ok=True)
        files = targets(self.folder, self.stem, self.formats, self.hidpi, self.poster)
        with sigplot_warnings() as caught:
            made = produce(self.spec, files)
        hashes = {Path(str(t.path)).name: manifest.digest(made.files[t]) for t in files}
        manifest.record(self.folder, self.stem, manifest.Record(self.stem, hashes))
        return tuple(caught)


def web_figure(folder: Path, spec: FigureSpec, formats: tuple[str, ...], hidpi: bool) -> WebFigure:
    """The web figure of ``spec`` in ``folder`` (a sweep's formats: see figure_formats)."""
    return WebFigure(folder, spec, figure_formats(spec, formats), hidpi)
