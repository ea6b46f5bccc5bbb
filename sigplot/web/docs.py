"""The one docs-figure layer, shared by every documentation front end (the Sphinx
directive, the MkDocs plugin, and any other: a mystmd plugin plugs in the same way).

A front end does three things with it:

1. reads its user's settings once into :class:`Settings` (:func:`settings` checks them;
   ``Settings()`` holds the defaults each front end declares);
2. for each figure a page asks for, calls :func:`figure` with the block's options and the
   folder the files go to: a :class:`DocsFigure` (alt text, and the light and dark
   :class:`~sigplot.web.pages.WebFigure` with their file names, hashed by content) whose
   files it can name in the page at once, with :func:`sigplot.web.pages.picture`;
3. once every page is read, hands every figure with where it was asked for (the front
   end's own location value) to :func:`draw_missing`, which draws those whose files are
   missing, each once, in worker processes (:mod:`sigplot.web.workers`), and tells of
   each: its warnings, or why it failed, for the front end to report at that location.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from sigplot.maths.errors import SigplotError
from sigplot.spec.alt_text import describe
from sigplot.spec.formats import WEB
from sigplot.spec.options import FigureSpec, build_spec
from sigplot.web.pages import WebFigure, web_figure

# A figure on a web page is shown as narrow as a phone (330-343 CSS px): 6 in with 15 pt
# text keeps tick labels at 11 CSS px there (about 2.3 pt of text per inch of width).
WEB_DEFAULTS = {"size": "6 3.75", "fontsize": "15"}
LIGHT, DARK = "only-light", "only-dark"  # the classes themes show by the page's mode
# A block's ``format`` (the command's ``--format``): ``html`` puts the explorer in the page.
FORMAT, EXPLORER = "format", "html"
Location = TypeVar("Location")


@dataclass(frozen=True)
class Settings:
    """What a docs front end's user sets, with the same meaning everywhere: the web
    ``formats`` (the first shown, PNG the fallback), a ``dark`` variant, ``hidpi`` 2x PNGs,
    and ``defaults`` (options for every figure, over :data:`WEB_DEFAULTS`)."""

    formats: tuple[str, ...] = ("svg", "png")
    dark: bool = True
    hidpi: bool = True
    defaults: Mapping[str, Any] = field(default_factory=dict)


def settings(
    formats: object,
    dark: bool,
    hidpi: bool,
    defaults: Mapping[str, Any],
    formats_setting: str = "formats",
) -> Settings:
    """Settings checked: ``formats`` a list of image formats a browser shows (named
    ``formats_setting`` in an error)."""
    items = formats.split(",") if isinstance(formats, str) else formats
    if not isinstance(items, (list, tuple)) or not items:
        raise SigplotError(formats_setting, formats, "must be a list such as ['svg', 'png']")
    checked = tuple(str(f).strip().lower() for f in items)
    for fmt in checked:
        if fmt not in WEB:
            raise SigplotError(formats_setting, fmt, f"is not one of {', '.join(WEB)}")
    return Settings(checked, bool(dark), bool(hidpi), dict(defaults))


def dark_variant(spec: FigureSpec) -> FigureSpec:
    """The dark twin of a figure for a documentation page: the dark preset on a transparent
    background, so it takes the colour of whatever dark page shows it (Furo's, PyData's,
    Material's slate) instead of sitting in a box of its own."""
    return dataclasses.replace(spec, preset="dark", transparent=True)


@dataclass(frozen=True)
class DocsFigure:
    """One figure a page asks for: its alt text, and its variants as (class, web figure),
    the light one first (class ``only-light``, or none without a dark twin)."""

    alt: str
    variants: tuple[tuple[str, WebFigure], ...]

    def files(self) -> list[tuple[str, dict[str, str]]]:
        """(class, {format: file name}) of each variant, as the page names them."""
        return [(css_class, web.files) for css_class, web in self.variants]


def figure(options: Mapping[str, Any], chosen: Settings, folder: Path) -> DocsFigure:
    """The figure for one block's ``options`` (the command's option words), its files in
    ``folder``. Raises SigplotError for a bad option or value.

    ``format: html`` gives the explorer (one variant: it is light or dark as its page is)
    and a PNG, a sweep's poster, for builders and readers that cannot run it; ``format``
    an image format shows that format alone."""
    options = dict(options)
    shown = str(options.pop(FORMAT, "") or "").strip().lower()
    if shown and shown not in (EXPLORER, *WEB):
        raise SigplotError(FORMAT, shown, f"is not one of {', '.join((EXPLORER, *WEB))}")
    spec = build_spec(**{**WEB_DEFAULTS, **chosen.defaults, **options})
    if shown == EXPLORER:
        formats = (EXPLORER,) if spec.sweep is not None else (EXPLORER, "png")
        web = WebFigure(folder, spec, formats, chosen.hidpi)
        return DocsFigure(describe(spec), (("", web),))
    if shown:
        chosen = dataclasses.replace(chosen, formats=(shown,))
    variants = [(LIGHT if chosen.dark else "", spec)]
    if chosen.dark:
        variants.append((DARK, dark_variant(spec)))
    return DocsFigure(
        describe(spec),
        tuple((c, web_figure(folder, v, chosen.formats, chosen.hidpi)) for c, v in variants),
    )


def explorer_markup(folder: Path, files: Mapping[str, str]) -> str:
    """The explorer a page holds for a figure drawn with ``format: html`` (its page in
    ``folder``), or "" for any other figure, or for a page the folder's manifest does not
    vouch for (a planted file, a link, changed bytes: never put into a site)."""
    from sigplot.output.explorer_page import fragment_of
    from sigplot.web import manifest

    if EXPLORER not in files:
        return ""
    data = manifest.verified(folder, [files[EXPLORER]]).get(files[EXPLORER])
    return "" if data is None else fragment_of(data.decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class Drawn(Generic[Location]):
    """What drawing one web figure gave: where it was first asked for, its warnings, and
    why it failed (None when its files are written)."""

    location: Location
    figure: WebFigure
    warnings: tuple[str, ...]
    failure: str | None


def draw_missing(
    placed: Iterable[tuple[Location, WebFigure]], jobs: int
) -> Iterator[Drawn[Location]]:
    """Draw each figure whose files are missing, once (at its first location), in ``jobs``
    worker processes, yielding each as it completes."""
    from sigplot.maths.errors import reason
    from sigplot.web import workers

    todo: dict[str, tuple[Location, WebFigure]] = {}
    for location, web in placed:
        if web.stem not in todo and web.missing():
            todo[web.stem] = (location, web)
    figures = [web for _, web in todo.values()]
    for web, warnings, failure in workers.run(_draw, figures, jobs, reason):
        yield Drawn(todo[web.stem][0], web, warnings or (), failure)


def _draw(web: WebFigure) -> tuple[str, ...]:
    return web.draw()
