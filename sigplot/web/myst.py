"""The executable plugin for mystmd (Jupyter Book 2): ```` ```{sigplot} ```` becomes a figure.

``sigplot myst-plugin FILE`` writes FILE (:func:`write_plugin`), a small script that
``myst.yml`` names under ``project: plugins: - type: executable, path: FILE``. mystmd runs
it with no argument to read what it offers (:func:`plugin_spec`), then once per directive
with ``--directive sigplot``, the directive as JSON on stdin, and reads the figure's nodes
as JSON from stdout (:func:`directive`). The options are the Sphinx directive's, from the
one declaration, read through the docs-figure layer. The figure is an SVG ``data:`` URI:
mystmd writes it out as a file of the site, and a plugin is not told the page's folder, so
a file URL could not be made right. The dark twin is a second image that myst-theme shows
by its ``dark:`` classes (mystmd has no dark-image field); other exports show both images,
so a project that exports PDF or JATS writes its plugin with ``--no-dark``.

A bad directive exits 1, one line on stderr naming the line, the option and the value;
mystmd reports it under the page's name, and ``myst build --strict`` fails.

mystmd starts one process per directive, so drawn figures are kept in ``.cache/sigplot``
beside the plugin file, named by a hash of everything they depend on, their content's
hashes in the folder's manifest (as the gallery's): a figure is used from there only as a
regular file in that folder whose bytes match the manifest, else it is drawn again.
"""

from __future__ import annotations

import base64
import json
import os
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from sigplot import __version__
from sigplot.maths.errors import SigplotError, reason
from sigplot.output.files import write_bytes
from sigplot.spec.options import OPTIONS, unknown_option
from sigplot.web import docs, manifest
from sigplot.web.pages import WebFigure

NAME = "sigplot"  # of the plugin and of its directive
CACHE = Path(".cache") / "sigplot"  # beside the plugin file
# myst-theme's Tailwind classes (its logo's): the first image on light pages, the second on dark.
ON_LIGHT, ON_DARK = "dark:hidden", "hidden dark:block"
_EXTRA: dict[str, dict[str, Any]] = {
    "caption": {"type": "myst", "doc": "Caption: a numbered figure, in inline MyST."},
    "name": {"type": "string", "alias": ["label"], "doc": "Label for cross-references."},
    "format": {"type": "string", "doc": "svg (the default) or png: the image's format."},
}
_MIME = {"svg": "image/svg+xml", "gif": "image/gif", "png": "image/png"}

SCRIPT = """\
#!/bin/sh
# sigplot's executable plugin for mystmd (Jupyter Book 2), written by sigplot {version}
# (`sigplot myst-plugin`). myst.yml names it: project: plugins: - type: executable, path: FILE
# It runs under the Python that wrote it, or python3 on PATH where that one is gone.
''''true; py={python}; [ -x "$py" ] || py=python3; exec "$py" "$0" "$@" # '''
import sys

try:
    from sigplot.web.myst import main
except ImportError:
    sys.exit(f"sigplot's mystmd plugin: sigplot is not installed for {{sys.executable}}")
sys.exit(main(sys.argv, dark={dark}))
"""


def plugin_spec() -> dict[str, Any]:
    """What mystmd asks first: the directive and its options (the FigureSpec options, a
    flag as a boolean; every value is checked here, from the text as written)."""
    options: dict[str, Any] = {
        name: {"type": "boolean" if option.flag else "string", "doc": option.help}
        for name, option in OPTIONS.items()
    }
    doc = "A figure of sigplot's: the options of `sigplot --help`, plus caption and name."
    return {"name": NAME, "directives": [{"name": NAME, "doc": doc, "options": options | _EXTRA}]}


def write_plugin(path: str | os.PathLike[str], dark: bool = True) -> Path:
    """Write the plugin script to ``path``, executable, naming this Python to run it."""
    python = shlex.quote(sys.executable)
    text = SCRIPT.format(version=__version__, python=python, dark=bool(dark))
    target = write_bytes(text.encode(), path, field="FILE")
    if target.is_file():  # not a FIFO or device it was written through
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(target, 0o777 & ~umask)
    return target


class DirectiveError(Exception):
    """A bad directive, with the source line it was found at."""

    def __init__(self, line: object, error: Exception) -> None:
        super().__init__(f"sigplot: line {line}: {reason(error)}")


def _line(node: Mapping[str, Any], option: str | None = None) -> object:
    """The source line of ``option`` as mystmd saw it (counted from the top of the file),
    else of the directive."""
    for child in node.get("children") or ():
        if option is not None and child.get("type") == "mystOption" and child.get("name") == option:
            return child.get("position", {}).get("start", {}).get("line", "?")
    return node.get("position", {}).get("start", {}).get("line", "?")


def read_options(node: Mapping[str, Any]) -> dict[str, Any]:
    """The figure options as written (``node.options``: mystmd only warns of an unknown
    option or a value it cannot read, and leaves it out), for the one validation to check;
    an unknown option is refused here, naming the nearest known one."""
    aliases = {a: name for name, extra in _EXTRA.items() for a in extra.get("alias", ())}
    known = (*OPTIONS, *_EXTRA, *aliases)
    options: dict[str, Any] = {}
    for key, value in (node.get("options") or {}).items():
        name = aliases.get(key, key)
        if name not in known:
            raise DirectiveError(_line(node, key), unknown_option(key, known))
        if name in OPTIONS:  # a bare :range: arrives as true: read it as the empty text
            options[name] = "" if value is True and not OPTIONS[name].flag else value
        elif name == docs.FORMAT:  # html, the explorer, needs a script no plugin can add
            if str(value).strip().lower() not in ("svg", "png"):
                why = "is not one of svg, png (a mystmd plugin cannot add an explorer's script)"
                raise DirectiveError(_line(node, key), SigplotError(docs.FORMAT, str(value), why))
            options[name] = value
    if node.get("args") or node.get("value"):
        raise DirectiveError(_line(node), SigplotError(
            NAME, node.get("args") or node.get("value"), "takes options only, no argument or body"
        ))  # fmt: skip
    return options


def cached(web: WebFigure) -> dict[str, bytes] | None:
    """The files of ``web`` from the cache (format -> bytes) when each is a regular file in
    the cache holding the hash the folder's manifest records (the gallery's check), else
    None."""
    found = manifest.verified(web.folder, web.files.values())
    if not set(web.files.values()) <= set(found):
        return None
    return {key: found[name] for key, name in web.files.items()}


def draw(web: WebFigure, log: TextIO) -> dict[str, bytes]:
    """The files of ``web``: from the cache, else drawn into it (what stands at their names,
    a link or a FIFO, is replaced, never followed) and recorded in its manifest. Drawing's
    warnings go to ``log``."""
    found = cached(web)
    if found is not None:
        return found
    for message in web.draw():
        print(f"sigplot: warning: {message}", file=log)
    found = cached(web)
    if found is None:
        raise SigplotError("cache", str(web.folder), "holds no figure after drawing it")
    return found


def _data_url(fmt: str, data: bytes) -> str:
    return f"data:{_MIME[fmt]};base64,{base64.b64encode(data).decode()}"


def directive(data: Mapping[str, Any], cache: Path, dark: bool, log: TextIO) -> list[Any]:
    """The nodes of one ```{sigplot}``` directive (``data`` as mystmd sends it): the
    image, or the light and dark images, in a figure when there is a caption or a name."""
    node = data.get("node") or {}
    options = read_options(node)
    chosen = docs.Settings(formats=("svg",), dark=dark, hidpi=False)
    try:
        made = docs.figure(options, chosen, cache)
        drawn = [draw(web, log) for _, web in made.variants]
    except Exception as err:  # a bad value, or a figure that failed to draw
        field = err.field if isinstance(err, SigplotError) else None
        raise DirectiveError(_line(node, field), err) from err
    images = []
    for (_, web), files in zip(made.variants, drawn, strict=True):
        fmt = web.formats[0]  # svg, or gif for a sweep
        images.append({"type": "image", "url": _data_url(fmt, files[fmt]), "alt": made.alt})
    if len(images) == 2:
        images[0]["class"], images[1]["class"] = ON_LIGHT, ON_DARK
    given = data.get("options") or {}
    caption, label = given.get("caption"), given.get("name") or given.get("label")
    if not caption and not label:
        return images
    figure: dict[str, Any] = {"type": "container", "kind": "figure", "class": "sigplot",
                              "children": images, "noSubcontainers": True}  # fmt: skip
    if label:
        figure["label"] = str(label)
        figure["identifier"] = " ".join(str(label).split()).lower()
    if caption:
        inline = [{"type": "text", "value": caption}] if isinstance(caption, str) else caption
        if inline and inline[0].get("type") != "paragraph":
            inline = [{"type": "paragraph", "children": inline}]
        figure["children"].append({"type": "caption", "children": inline})
    return [figure]


def main(argv: list[str], dark: bool = True) -> int:
    """The plugin script's body: the spec with no argument, the nodes of one directive
    with ``--directive sigplot``; a bad directive is one line on stderr and exit 1."""
    if len(argv) == 1:
        json.dump(plugin_spec(), sys.stdout)
        return 0
    if argv[1:] != ["--directive", NAME]:
        print(f"sigplot's mystmd plugin: unexpected arguments {argv[1:]}", file=sys.stderr)
        return 2
    cache = Path(argv[0]).absolute().parent / CACHE
    try:
        nodes = directive(json.load(sys.stdin), cache, dark, sys.stderr)
    except DirectiveError as err:
        print(err, file=sys.stderr)
        return 1
    except ValueError as err:  # not JSON: not from mystmd
        print(f"sigplot's mystmd plugin: stdin is not a directive as JSON: {err}", file=sys.stderr)
        return 2
    json.dump(nodes, sys.stdout)
    return 0
