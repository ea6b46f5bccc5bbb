"""How PyTorch, JAX, Keras (and where else it lives) name each function, and what differs
from sigplot's definition at the defaults: the table the README and every gallery index
show. From the catalogue alone, no numpy (a gallery with nothing to build writes it)."""

from __future__ import annotations

import html

from sigplot.maths.calls import number_text
from sigplot.maths.catalog import CATALOG, Entry

FRAMEWORKS = ("PyTorch", "JAX", "Keras")


def _names(entry: Entry, framework: str, markup: bool) -> str:
    said = []
    for n in entry.frameworks:
        if n.framework != framework:
            continue
        name = f"`{n.spelled}`" if markup else n.spelled
        said.append(f"{name} (differs: {n.differs})" if n.differs else name)
    return "; ".join(said) or "—"


def _elsewhere(entry: Entry, markup: bool) -> str:
    said = []
    for n in entry.frameworks:
        if n.framework in FRAMEWORKS:
            continue
        name = f"`{n.spelled}`" if markup else n.spelled
        said.append(f"{n.framework}: {name}" + (f" (differs: {n.differs})" if n.differs else ""))
    return "; ".join(said)


def frameworks_markdown() -> str:
    """A Markdown table: each function, its parameters, and how PyTorch, JAX, Keras (and
    where else it lives) name it, with what differs from sigplot's definition."""
    rows_ = ["| function | PyTorch | JAX | Keras | elsewhere |", "| --- | --- | --- | --- | --- |"]
    for name in CATALOG:
        e = CATALOG[name]
        params = ", ".join(f"{q.name}={number_text(v)}" for q, v in zip(e.params, e.values,
                           strict=True) if v != float("inf"))  # fmt: skip
        head = f"`{name}({params})`" if params else f"`{name}`"
        cells = [_names(e, f, True) for f in FRAMEWORKS] + [_elsewhere(e, True) or "—"]
        rows_.append(f"| {head} | " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows_) + "\n"


def frameworks_html() -> str:
    """The same table as HTML, for a gallery's index page."""
    cells = "".join(f"<th>{h}</th>" for h in ("function", *FRAMEWORKS, "elsewhere"))
    body = []
    for name in CATALOG:
        e = CATALOG[name]
        row = [name] + [_names(e, f, False) for f in FRAMEWORKS] + [_elsewhere(e, False) or "—"]
        body.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(body)}</tbody></table>"
