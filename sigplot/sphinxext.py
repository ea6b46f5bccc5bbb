"""The ``.. sigplot::`` directive for Sphinx: figures from options, cached by content.

``extensions = ["sigplot.sphinxext"]``. Every figure option of the CLI is a directive
option of the same name (lists take commas or spaces), plus ``:alt:``, ``:caption:``
(a numbered figure when ``numfig`` is on) and ``:name:``. Config values:
``sigplot_formats`` (default ``["svg", "png"]``: SVG with a PNG fallback),
``sigplot_dark`` (also render the dark preset, on by default; Furo's and the PyData theme's
``only-light`` / ``only-dark`` classes pick one), ``sigplot_hidpi`` (2x PNGs in a
``srcset``, default on) and ``sigplot_defaults`` (options for every figure).

Files are named by a hash of everything they depend on (options, these config values,
sigplot's build and matplotlib's version), so a figure is drawn once and a rebuild
that changes only text draws nothing. The directive only names a figure's files; once
every page is read, the figures whose files are missing are drawn together, in ``-j N``
worker processes. Bad options become warnings at ``file.rst:LINE``, as does a figure that
fails to draw; the figure is left out and the build goes on.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from sigplot import __version__
from sigplot.maths.errors import SigplotError
from sigplot.spec.options import OPTION_NAMES, OPTIONS, unknown_option
from sigplot.web import docs
from sigplot.web.pages import WebFigure

logger = logging.getLogger(__name__)

IMAGE_DIR = "sigplot"  # below the HTML builder's _images
# Themes whose CSS already hides .only-light / .only-dark by the reader's theme.
_THEMES_WITH_DARK_CLASSES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme")


class sigplot_figure(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes so)
    """The rendered files of one figure: ``variants`` is [(class, {format: file})]."""


class _Unknown(str):
    """The value of an option the directive does not declare, kept for run() to report."""


class _OptionSpec(dict[str, Any]):
    """The directive's options; a name not among them is kept (its value an _Unknown) so
    the directive can suggest the nearest one, as the command and MkDocs do: docutils'
    and myst-parser's own "unknown option" names none. Both look names up with ``[]``."""

    def __missing__(self, name: str) -> Callable[[str | None], _Unknown]:
        return lambda value: _Unknown(value or "")


def _flag_or_value(argument: str | None) -> str:
    """A flag option (``:annotate:``) means true; ``:annotate: false`` is allowed too."""
    return "true" if argument is None or not argument.strip() else argument.strip()


class SigplotDirective(SphinxDirective):
    """``.. sigplot::`` with the CLI's figure options."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = _OptionSpec({
        **{name: directives.unchanged for name in OPTION_NAMES},
        **{name: _flag_or_value for name, option in OPTIONS.items() if option.flag},
        "caption": directives.unchanged,
        "name": directives.unchanged,
        docs.FORMAT: directives.unchanged,  # html: the explorer
    })  # fmt: skip

    def _style_path(self, style: str) -> str:
        """A style sheet path as the plot directive reads one: relative to this document,
        or to the source folder when it starts with /. Its content is part of the figure's
        key, and Sphinx re-reads the document when it changes. A name is left as it is."""
        source = Path(self.env.srcdir)
        path = (
            source / style.lstrip("/")
            if style.startswith("/")
            else (Path(self.env.doc2path(self.env.docname)).parent / style)
        )
        if not path.is_file():
            return style
        self.env.note_dependency(str(path))
        return str(path)

    def run(self) -> list[nodes.Node]:
        config = self.env.config
        location = (self.env.docname, self.lineno)
        for key, value in self.options.items():
            if isinstance(value, _Unknown):
                logger.warning("sigplot: %s", unknown_option(key, tuple(self.option_spec)),
                               location=location)  # fmt: skip
                return []
        options = {k: v for k, v in self.options.items() if k not in ("caption", "name")}
        if options.get("style"):
            options["style"] = self._style_path(str(options["style"]))
        try:
            chosen = docs.settings(config.sigplot_formats, config.sigplot_dark,
                                   config.sigplot_hidpi, config.sigplot_defaults,
                                   "sigplot_formats")  # fmt: skip
            folder = Path(self.env.app.outdir) / "_images" / IMAGE_DIR
            made = docs.figure(options, chosen, folder)
            node = sigplot_figure(alt=made.alt, variants=made.files())
            for _, drawing in made.variants:
                _figures(self.env).setdefault(self.env.docname, []).append((self.lineno, drawing))
        except SigplotError as err:
            logger.warning("sigplot: %s", err, location=location)
            return []
        caption = self.options.get("caption")
        if not caption:
            self.add_name(node)
            return [node]
        figure = nodes.figure("", node, classes=["sigplot"])
        parsed, _ = self.parse_inline(caption, lineno=self.lineno)
        figure += nodes.caption(caption, "", *parsed)
        self.add_name(figure)
        return [figure]


# The figures of each document as (line, figure), kept in the environment between builds.
Figures = dict[str, list[tuple[int, WebFigure]]]


def _figures(env: BuildEnvironment) -> Figures:
    if not hasattr(env, "sigplot_figures"):
        env.sigplot_figures = {}  # type: ignore[attr-defined]
    figures: Figures = env.sigplot_figures  # type: ignore[attr-defined]
    return figures


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _figures(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    """A parallel read's figures join the main environment's."""
    theirs = _figures(other)
    _figures(env).update({name: theirs[name] for name in docnames if name in theirs})


def _draw_missing(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page read: draw each figure whose files are missing (a new figure, or a build
    folder emptied since), in Sphinx's -j worker processes. A failure is a warning at the
    directive's line; its figure is left out of the page (see _leave_out_failed)."""
    placed = [((docname, lineno), figure)
              for docname, figures in sorted(_figures(env).items())
              for lineno, figure in figures]  # fmt: skip
    for drawn in docs.draw_missing(placed, jobs=app.parallel):
        for message in drawn.warnings:
            logger.warning("sigplot: %s", message, location=drawn.location)
        if drawn.failure is None:
            logger.info("sigplot: drew %s", drawn.figure.stem)
        else:
            logger.warning("sigplot: %s", drawn.failure, location=drawn.location)
    return []


def _leave_out_failed(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A figure that failed to draw (warned already) leaves no broken image behind."""
    folder = Path(app.outdir) / "_images" / IMAGE_DIR
    for node in list(doctree.findall(sigplot_figure)):
        files = [name for _, variant in node["variants"] for name in variant.values()]
        if not all((folder / name).is_file() for name in files):
            parent = node.parent
            parent.remove(node)
            if isinstance(parent, nodes.figure):
                parent.parent.remove(parent)


def visit_html(translator: HTML5Translator, node: sigplot_figure) -> None:
    from sigplot.web.pages import picture

    def url(name: str) -> str:
        return posixpath.join(translator.builder.imgpath, IMAGE_DIR, name)

    folder = Path(translator.builder.outdir) / "_images" / IMAGE_DIR
    pictures = "".join(
        docs.explorer_markup(folder, files)
        or picture(files, node["alt"], url=url, css_class=css_class)
        for css_class, files in node["variants"]
    )
    ids = " ".join(node["ids"])
    id_attr = f' id="{ids}"' if ids else ""
    translator.body.append(f'<div class="sigplot"{id_attr}>{pictures}</div>')
    raise nodes.SkipNode


def _for_other_builders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders other than HTML get a still PNG where they take images (LaTeX: the light
    figure, or an animation's poster), else the alt text in place of the figure."""
    if app.builder.format == "html":
        return
    folder = Path(app.outdir) / "_images" / IMAGE_DIR
    takes_png = "image/png" in getattr(app.builder, "supported_image_types", ())
    for node in list(doctree.findall(sigplot_figure)):
        light = node["variants"][0][1]
        still = light.get("poster") or light.get("png")
        if not (takes_png and still):
            node.replace_self(nodes.paragraph("", "", nodes.emphasis("", node["alt"])))
            continue
        path = str(folder / still)  # absolute: the builder copies it from outside the source
        app.env.images.add_file(docname, path)
        node.replace_self(nodes.image(uri=path, alt=node["alt"], candidates={"image/png": path}))


def _add_fallback_css(app: Sphinx, config: Any) -> None:
    """Themes without .only-light / .only-dark rules get ours, by prefers-color-scheme."""
    if config.html_theme not in _THEMES_WITH_DARK_CLASSES:
        config.html_static_path.append(str(Path(__file__).parent / "web" / "static"))
        app.add_css_file("sigplot.css")


def setup(app: Sphinx) -> dict[str, Any]:
    defaults = docs.Settings()  # the meanings and defaults every docs front end shares
    app.add_config_value("sigplot_formats", list(defaults.formats), "env")
    app.add_config_value("sigplot_dark", defaults.dark, "env")
    app.add_config_value("sigplot_hidpi", defaults.hidpi, "env")
    app.add_config_value("sigplot_defaults", dict(defaults.defaults), "env")
    app.add_node(sigplot_figure, html=(visit_html, None))
    app.add_directive("sigplot", SigplotDirective)
    app.connect("config-inited", _add_fallback_css)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _draw_missing)
    app.connect("doctree-resolved", _leave_out_failed)
    app.connect("doctree-resolved", _for_other_builders)
    return {
        "version": __version__,
        "env_version": 1,  # what the environment keeps (sigplot_figures); bump on change
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
