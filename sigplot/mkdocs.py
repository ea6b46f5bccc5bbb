"""The MkDocs plugin: ```` ```sigplot ```` blocks become figures (``plugins: [sigplot]``).

A block holds ``key: value`` lines with the option words of the CLI, the gallery and the
Sphinx directive (a flag alone on its line means true), plus ``caption``. It becomes the
picture the directive makes: SVG with a PNG and 2x ``srcset`` fallback, a dark variant
(Material's ``#only-light`` / ``#only-dark`` images; on other themes ``only-light`` /
``only-dark`` classes and a style sheet showing the dark one only where the page itself is
dark, as MkDocs' own theme is with ``color_mode: dark`` or ``auto``, never on a light page
because the reader's system is dark), generated alt text, a caption. A sweep becomes an
animated GIF with a poster for readers who ask for reduced motion.

Files are named by a hash of everything they depend on and drawn into a cache folder
beside ``mkdocs.yml`` (``.cache/sigplot``), which survives ``mkdocs serve`` rebuilds, so
an edit to the text draws nothing. A block only names its files; once every page is read
(``on_env``), the figures missing from the cache are drawn together, in one worker process
per core. A bad block, or a figure that fails to draw, is a warning naming the page and
the block's line (``mkdocs build --strict`` fails on it); the figure is left out.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from sigplot.maths.errors import SigplotError, reason
from sigplot.spec.options import OPTION_NAMES, OPTIONS, unknown_option
from sigplot.web.docs import Settings

if TYPE_CHECKING:
    from sigplot.web.pages import WebFigure

log = logging.getLogger("mkdocs.plugins.sigplot")
ASSETS = "assets/sigplot"  # in the site
BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*sigplot[ \t]*\n(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_EXTRA_KEYS = ("caption", "format")  # format: html puts the explorer in the page
_EXPLORER_SLOT = re.compile(r"<!-- sigplot-explorer ([\w.-]+) -->")
# Shows .only-dark figures only on a dark page (themes other than Material); Sphinx's too.
STYLE = Path(__file__).parent / "web" / "static" / "sigplot.css"
_SHARED = Settings()  # the meanings and defaults every docs front end shares


class SigplotConfig(Config):  # type: ignore[no-untyped-call]
    """Plugin settings; they mean what the Sphinx config values of the same names mean."""

    formats = config_options.ListOfItems(config_options.Type(str), default=list(_SHARED.formats))
    dark = config_options.Type(bool, default=_SHARED.dark)
    hidpi = config_options.Type(bool, default=_SHARED.hidpi)
    defaults = config_options.Type(dict, default=dict(_SHARED.defaults))
    cache_dir = config_options.Type(str, default=".cache/sigplot")


def parse_block(body: str) -> dict[str, str]:
    """``key: value`` lines as raw options; a flag alone on its line means true."""
    options: dict[str, str] = {}
    for line in body.splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition(":")
        key = key.strip()
        if key not in OPTION_NAMES and key not in _EXTRA_KEYS:
            raise unknown_option(key, (*OPTION_NAMES, *_EXTRA_KEYS))
        if not sep:
            if not (key in OPTIONS and OPTIONS[key].flag):
                raise SigplotError(key, "", "needs a value: write key: value")
            value = "true"
        if key in options:  # as Sphinx refuses a directive option given twice
            raise SigplotError(key, value.strip(), "is given twice; give each key once")
        options[key] = value.strip()
    return options


class SigplotPlugin(BasePlugin[SigplotConfig]):  # type: ignore[no-untyped-call]
    """Turns ```sigplot blocks into figures; see the module's docstring."""

    def on_config(self, config: Any) -> Any:
        from mkdocs.exceptions import PluginError

        from sigplot.web import docs

        try:
            self.settings = docs.settings(self.config.formats, self.config.dark,
                                          self.config.hidpi, self.config.defaults)  # fmt: skip
        except SigplotError as err:  # one line from mkdocs, as for its own settings
            raise PluginError(f"sigplot: {err}") from None
        self.cache = Path(config.config_file_path).parent / self.config.cache_dir
        self.used: set[str] = set()
        self.todo: list[tuple[str, WebFigure]] = []  # ("page:line", figure) of every block
        self.failed: set[str] = set()
        self.material = config.theme.name == "material"
        if self.settings.dark and not self.material:
            config.extra_css.append(f"{ASSETS}/{STYLE.name}")
        return config

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        source = _read(page.file.abs_src_path) or markdown
        where = page.file.src_uri

        def replace(match: re.Match[str]) -> str:
            at = source.find(match.group(0))
            line = source.count("\n", 0, at) if at >= 0 else markdown.count("\n", 0, match.start())
            try:
                return self._figure(match.group("body"), page, f"{where}:{line + 1}")
            except Exception as err:  # any failure is this block's, as in the directive
                log.warning("sigplot: %s:%d: %s", where, line + 1, reason(err))
                return ""

        return BLOCK.sub(replace, markdown)

    def _figure(self, body: str, page: Any, location: str) -> str:
        from sigplot.web import docs
        from sigplot.web import pages as web

        raw = parse_block(body)
        caption = raw.pop("caption", "")
        drawn = docs.figure(raw, self.settings, self.cache)
        for _, figure in drawn.variants:
            self.todo.append((location, figure))
            self.used.update(figure.files.values())
        made = drawn.files()
        # The page's folder in the site: "a/b/" (directory URLs) is a/b, "a/b.html" is a.
        here = page.url.rstrip("/") if page.url.endswith("/") else posixpath.dirname(page.url)

        def url(name: str) -> str:
            return posixpath.relpath(f"{ASSETS}/{name}", here or ".")

        def marked(fragment: str) -> Callable[[str], str]:
            """URLs ending in Material's #only-light / #only-dark, which its CSS reads."""
            return lambda name: url(name) + (f"#{fragment}" if fragment else "")

        alt = drawn.alt
        if docs.EXPLORER in made[0][1]:  # filled in once drawn: on_post_page
            pictures = f"<!-- sigplot-explorer {made[0][1][docs.EXPLORER]} -->"
        elif self.material:
            pictures = "".join(web.picture(names, alt, url=marked(c)) for c, names in made)
        else:  # the classes sigplot.css reads (STYLE)
            pictures = "".join(web.picture(names, alt, url=url, css_class=c) for c, names in made)
        shown = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
        return f'\n\n<figure class="sigplot">{pictures}{shown}</figure>\n\n'

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Every page read: draw the figures missing from the cache, one process a core."""
        from sigplot.web.docs import draw_missing

        for drawn in draw_missing(self.todo, jobs=os.cpu_count() or 1):
            for message in drawn.warnings:
                log.warning("sigplot: %s: %s", drawn.location, message)
            if drawn.failure is None:
                log.info("sigplot: drew %s", drawn.figure.stem)
            else:
                log.warning("sigplot: %s: %s", drawn.location, drawn.failure)
                self.failed.add(drawn.figure.stem)
        return env

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """A figure that failed to draw (warned already) leaves no broken image behind; an
        explorer drawn goes into its page."""
        from sigplot.web.docs import EXPLORER, explorer_markup

        for stem in self.failed:
            output = re.sub(rf'<figure class="sigplot">(?:(?!</figure>).)*?{stem}.*?</figure>',
                            "", output, flags=re.DOTALL)  # fmt: skip
        return _EXPLORER_SLOT.sub(
            lambda m: explorer_markup(self.cache, {EXPLORER: m.group(1)}), output
        )

    def on_post_build(self, config: Any) -> None:
        """Copy the figures the pages used from the cache into the site: only regular files
        holding the bytes the cache's manifest records (never what a link points to)."""
        from sigplot.output.files import write_bytes
        from sigplot.web import manifest

        folder = Path(config.site_dir) / ASSETS
        folder.mkdir(parents=True, exist_ok=True)
        if self.settings.dark and not self.material:
            write_bytes(STYLE.read_bytes(), folder / STYLE.name, "site", owned=True)
        for name, data in manifest.verified(self.cache, sorted(self.used)).items():
            write_bytes(data, folder / name, "site", owned=True)  # not a failed figure's


def _read(path: str | None) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8") if path else None
    except OSError:
        return None
