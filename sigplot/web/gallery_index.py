"""A gallery's index pages: README.md for any git host and a self-contained index.html,
each figure with its picture, caption and the exact command that draws it, and the table
of how the frameworks name every function."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

from sigplot.maths.frameworks import frameworks_html, frameworks_markdown
from sigplot.output.explorer_page import fragment_of
from sigplot.spec.alt_text import describe
from sigplot.spec.options import (
    OPTIONS,
    FigureSpec,
    option_words,
)
from sigplot.web.gallery import Entry


def command(spec: FigureSpec, out: str) -> str:
    """The ``sigplot`` command line that draws ``spec`` to ``out``, losslessly: every
    number is written as short as it reads back exactly (1/3 as 0.3333333333333333)."""
    default = FigureSpec()
    words = ["sigplot"]
    for name, option in OPTIONS.items():
        value = getattr(spec, name)
        if value == getattr(default, name):
            continue
        words += [f"--{name}"] if option.flag else [f"--{name}", *option_words(name, value)]
    words += ["--out", out]
    return shlex.join(words)


def _picture(entry: Entry, alt: str) -> str:
    """The entry's <picture> (dark variant, 2x PNG, reduced-motion poster: see web.py),
    and a link to its explorer page when it has one."""
    from sigplot.web.pages import picture

    dark = entry.names(f"{entry.name}-dark") if entry.twin else None
    shown = picture(entry.names(entry.name), alt, dark=dark)
    if "html" in entry.formats:
        link = f'<a class="explorer" href="{entry.name}.html">'
        shown += link + "the explorer: slider and readout</a>"
    return shown


def _shown(entry: Entry, alt: str, folder: Path | None) -> str:
    """What index.html shows of an entry: its explorer, inline, where it has one (a page
    already written in ``folder``), else its picture."""
    if "html" in entry.formats and folder is not None:
        try:
            inline = fragment_of((folder / f"{entry.name}.html").read_text(encoding="utf-8"))
        except OSError:
            inline = ""
        if inline:
            return inline
    return _picture(entry, alt)


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1rem; }}
.grid {{ display: grid; gap: 1.5rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 28rem), 1fr)); }}
figure {{ margin: 0; }}
.wide {{ grid-column: 1 / -1; }}
img {{ width: 100%; height: auto; }}
figcaption code {{ display: block; font-size: 0.8rem; overflow-wrap: anywhere; opacity: 0.8; }}
.names {{ overflow-x: auto; }}
.names table {{ border-collapse: collapse; font-size: 0.85rem; }}
.names th, .names td {{ border-bottom: 1px solid #8884; padding: 0.2rem 0.5rem; text-align: left;
  vertical-align: top; }}
@media (prefers-color-scheme: dark) {{ body {{ background: #1E1E24; color: #E8E8EC; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<div class="grid">
{figures}
</div>
<h2>The functions and their names</h2>
<p>How PyTorch, JAX and Keras name each function sigplot draws, and what differs from
sigplot's definition at its defaults.</p>
<div class="names">{names}</div>
</body>
</html>
"""


def index_html(entries: tuple[Entry, ...], title: str, folder: Path | None = None) -> str:
    """A self-contained page: responsive grid, alt text, captions, reproducing commands,
    the explorers of ``folder``'s pages inline."""
    figures = []
    for e in entries:
        cmd = html.escape(command(e.spec, f"{e.name}.{e.formats[0]}"))
        caption = html.escape(e.caption or describe(e.spec))
        grid = e.spec.layout == "grid" or (e.spec.sweep is not None and not e.poster)
        wide = ' class="wide"' if grid else ""  # small multiples take the whole row
        figures.append(
            f'<figure id="{e.name}"{wide}>{_shown(e, describe(e.spec), folder)}'
            f"<figcaption>{caption}<code>{cmd}</code></figcaption></figure>"
        )
    return _PAGE.format(
        title=html.escape(title), figures="\n".join(figures), names=frameworks_html()
    )


def _paragraph(text: str) -> str:
    """Text as one HTML paragraph line that shows as typed: escaped, its line breaks as
    <br>, so it starts no Markdown block (a fence, a heading) and runs no HTML."""
    return "<p>" + "<br>".join(html.escape(text).splitlines()) + "</p>"


def _heading(text: str) -> str:
    """Text as a Markdown heading's words: one line, HTML and Markdown's marks escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~<>&-])", r"\\\1", " ".join(text.split()))


def _fenced(code: str) -> list[str]:
    """``code`` in a fence longer than any run of backticks in it, so nothing in it
    (a title holding a fence, say) closes the fence early."""
    runs = [len(run) for run in re.findall(r"`+", code)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [f"{fence}sh", code, fence, ""]


def index_markdown(entries: tuple[Entry, ...], title: str) -> str:
    """README.md for any git host: each figure with alt text, caption and command."""
    lines = [f"# {_heading(title)}", "",
             "Built by `sigplot gallery`; edit the spec, not these files.", ""]  # fmt: skip
    for e in entries:
        lines += [f"## {e.name}", "", _picture(e, describe(e.spec)), ""]
        if e.caption:
            lines += [_paragraph(e.caption), ""]
        lines += _fenced(command(e.spec, f"{e.name}.{e.formats[0]}"))
    lines += ["## The functions and their names", "",
              "How PyTorch, JAX and Keras name each function sigplot draws, and what differs "
              "from sigplot's definition at its defaults.", "", frameworks_markdown()]  # fmt: skip
    return "\n".join(lines)


def indexes(entries: tuple[Entry, ...], title: str, folder: Path | None = None) -> dict[str, str]:
    return {
        "README.md": index_markdown(entries, title),
        "index.html": index_html(entries, title, folder),
    }
