"""The MkDocs plugin: ```` ```sigplot ```` blocks become figures (``plugins: [sigplot]``).

A block holds ``key: value`` lines with the option words of the CLI, the gallery and the
Sphinx directive (a flag alone on its line means true), plus ``caption``. It becomes the
picture the directive makes: SVG with a PNG and 2x ``srcset`` fallback, a dark variant
(Material's ``#only-light`` / ``#only-dark`` images, ``prefers-color-scheme`` on other
themes), generated alt text, a caption. A sweep becomes an animated GIF with a poster for
readers who ask for reduced motion.

Files are named by a hash of everything they depend on and drawn into a cache folder
beside ``mkdocs.yml`` (``.cache/sigplot``), which survives ``mkdocs serve`` rebuilds, so
an edit to the text draws nothing. A bad block is a warning naming the page and the
block's line: ``mkdocs build --strict`` fails on it.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from sigplot.errors import SigplotError, sigplot_warnings
from sigplot.spec import OPTION_NAMES, OPTIONS, build_spec, describe, unknown_option

log = logging.getLogger("mkdocs.plugins.sigplot")
ASSETS = "assets/sigplot"  # in the site
BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*sigplot[ \t]*\n(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_EXTRA_KEYS = ("caption",)


class SigplotConfig(Config):  # type: ignore[no-untyped-call]
    """Plugin settings; they mean what the Sphinx config values of the same names mean."""

    formats = config_options.ListOfItems(config_options.Type(str), default=["svg", "png"])
    dark = config_options.Type(bool, default=True)
    hidpi = config_options.Type(bool, default=True)
    defaults = config_options.Type(dict, default={})
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
        options[key] = value.strip()
    return options


class SigplotPlugin(BasePlugin[SigplotConfig]):  # type: ignore[no-untyped-call]
    """Turns ```sigplot blocks into figures; see the module's docstring."""

    def on_config(self, config: Any) -> Any:
        from mkdocs.exceptions import PluginError

        from sigplot.web import web_formats

        try:
            self.formats = web_formats("formats", self.config.formats)
        except SigplotError as err:  # one line from mkdocs, as for its own settings
            raise PluginError(f"sigplot: {err}") from None
        self.cache = Path(config.config_file_path).parent / self.config.cache_dir
        self.used: set[str] = set()
        self.material = config.theme.name == "material"
        return config

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        source = _read(page.file.abs_src_path) or markdown
        where = page.file.src_uri

        def replace(match: re.Match[str]) -> str:
            at = source.find(match.group(0))
            line = source.count("\n", 0, at) if at >= 0 else markdown.count("\n", 0, match.start())
            try:
                return self._figure(match.group("body"), page)
            except Exception as err:  # any failure is this block's, as in the directive
                reason = (
                    str(err) if isinstance(err, SigplotError) else f"{type(err).__name__}: {err}"
                )
                log.warning("sigplot: %s:%d: %s", where, line + 1, reason)
                return ""

        return BLOCK.sub(replace, markdown)

    def _figure(self, body: str, page: Any) -> str:
        from sigplot import web

        raw = parse_block(body)
        caption = raw.pop("caption", "")
        options = {**web.WEB_DEFAULTS, **self.config.defaults, **raw}
        spec = build_spec(**options)
        variants = [("only-light" if self.config.dark else "", spec)]
        if self.config.dark:
            variants.append(("only-dark", web.dark_variant(spec)))
        made = []
        with sigplot_warnings() as caught:
            for css_class, variant in variants:
                names, drawn = web.ensure(self.cache, variant, self.formats, self.config.hidpi)
                if drawn:
                    log.info("sigplot: drew %s", next(iter(names.values())))
                self.used.update(names.values())
                made.append((css_class, names))
        for message in caught:
            log.warning("sigplot: %s: %s", page.file.src_uri, message)
        # The page's folder in the site: "a/b/" (directory URLs) is a/b, "a/b.html" is a.
        here = page.url.rstrip("/") if page.url.endswith("/") else posixpath.dirname(page.url)

        def url(name: str) -> str:
            return posixpath.relpath(f"{ASSETS}/{name}", here or ".")

        def marked(fragment: str) -> Callable[[str], str]:
            """URLs ending in Material's #only-light / #only-dark, which its CSS reads."""
            return lambda name: url(name) + (f"#{fragment}" if fragment else "")

        alt = describe(spec)
        if self.material or not self.config.dark:
            pictures = "".join(web.picture(names, alt, url=marked(c)) for c, names in made)
        else:
            pictures = web.picture(made[0][1], alt, url=url, dark=made[1][1])
        shown = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
        return f'\n\n<figure class="sigplot">{pictures}{shown}</figure>\n\n'

    def on_post_build(self, config: Any) -> None:
        """Copy the figures the pages used from the cache into the site."""
        folder = Path(config.site_dir) / ASSETS
        folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(self.used):
            shutil.copy2(self.cache / name, folder / name)


def _read(path: str | None) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8") if path else None
    except OSError:
        return None
