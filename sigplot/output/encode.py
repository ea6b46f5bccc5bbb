"""Save step of the pipeline: a Figure to bytes or to a file, atomically and repeatably.

The format comes from the file extension unless given. Dates are left out of the
metadata (unless ``SOURCE_DATE_EPOCH`` is set, which matplotlib then uses), SVG ids
are salted with a constant, and the figure's label travels as title and description,
so the same figure gives the same bytes on every run.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.style
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.figure import Figure

from sigplot._speedups import steady
from sigplot.maths.errors import SigplotError
from sigplot.plot.draw import SigplotFigure
from sigplot.spec.formats import FORMATS, same_format
from sigplot.spec.presets import DETERMINISTIC_RC

# PostScript always gets the clock time unless SOURCE_DATE_EPOCH is set: strip it.
_PS_DATE = re.compile(rb"^%%CreationDate: [^\n]*\n", re.MULTILINE)


def formats() -> dict[str, str]:
    """The registry's formats this matplotlib writes, by extension, with descriptions:
    what its savefig renders, and the animations sigplot writes through its movie writers
    (matplotlib saves a still GIF only from 3.9 on; an animated one needs only Pillow)."""
    renders = FigureCanvasBase.get_supported_filetypes()
    return {name: f.description for name, f in FORMATS.items() if name in renders or f.animates}


def resolve_format(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The format for ``path``: ``fmt`` when given, else the extension; checked."""
    known = formats()
    name = fmt if fmt is not None else Path(path or "").suffix.lstrip(".")
    field, value = ("format", fmt) if fmt is not None else ("out", str(path))
    if not name:
        raise SigplotError(field, value, f"has no extension; use one of: {', '.join(known)}")
    if name.lower() not in known:
        raise SigplotError(field, value, f"is not a known format; known: {', '.join(known)}")
    ext = Path(path or "").suffix.lstrip(".").lower()
    if fmt is not None and ext in known and not same_format(ext, name.lower()):
        raise SigplotError(
            "format", fmt, f"does not match {str(path)!r}, whose extension says {ext}; "
            "drop --format, or name the file for the format"
        )  # fmt: skip
    return name.lower()


def _metadata(fig: Figure, fmt: str) -> dict[str, str | None] | None:
    if fmt not in FORMATS or not FORMATS[fmt].metadata:
        return None
    meta: dict[str, str | None] = {}
    alt = str(fig.get_label() or "")
    if alt:
        meta["Title"] = alt
        meta["Subject" if fmt == "pdf" else "Description"] = alt
    date_key = FORMATS[fmt].date_key
    if date_key and "SOURCE_DATE_EPOCH" not in os.environ:
        meta[date_key] = None
    return meta


# zlib's run-length strategy suits a plot's flat colours: a PNG takes a quarter less time to
# write than with the default strategy, for about 3% more bytes (Pillow passes it to zlib).
_PNG_ENCODING = {"compress_type": zlib.Z_RLE}


def to_bytes(fig: Figure, fmt: str, dpi: float | None = None, **options: Any) -> bytes:
    """Render ``fig`` in format ``fmt`` (an extension such as "svg") and return the bytes.

    Runs in the caller's rc context (sigplot's pipeline uses the spec's style context)
    with the deterministic settings on top. ``dpi`` overrides the figure's (for 2x PNGs);
    ``options`` are matplotlib's savefig keywords (a ``metadata`` or ``pil_kwargs`` given
    is merged over sigplot's).
    """
    if fmt == "svgz":  # matplotlib stamps the gzip header with the clock; we do not
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        mtime = int(epoch) if epoch.isdigit() else 0
        return gzip.compress(to_bytes(fig, "svg", dpi, **options), mtime=mtime)
    buffer = io.BytesIO()
    try:
        with mpl.style.context(DETERMINISTIC_RC):
            meta = _metadata(fig, fmt)  # formats without metadata (pgf) refuse the argument
            extra: dict[str, Any] = dict(options)
            if meta is not None:
                extra["metadata"] = {**meta, **options.get("metadata", {})}
            if fmt == "png":
                extra["pil_kwargs"] = {**_PNG_ENCODING, **options.get("pil_kwargs", {})}
            if isinstance(fig, SigplotFigure):  # with the speed layer; matplotlib's savefig,
                with steady(fig):  # as the figure's own is sigplot's (which calls this)
                    Figure.savefig(fig, buffer, format=fmt, dpi=dpi or "figure", **extra)
            else:  # any other figure through its own savefig, matplotlib's path alone
                fig.savefig(buffer, format=fmt, dpi=dpi or "figure", **extra)
    except Exception as exc:  # matplotlib raises many kinds; the user needs one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SigplotError("format", fmt, f"could not be rendered: {reason}") from exc
    data = buffer.getvalue()
    if fmt in ("ps", "eps") and "SOURCE_DATE_EPOCH" not in os.environ:
        data = _PS_DATE.sub(b"", data, count=1)
    if fmt == "svg" and fig.get_label():
        data = _labelled_svg(data, str(fig.get_label()))
    return data


def save_as_sigplot(
    fig: Figure,
    fname: Any,
    *,
    format: str | None = None,
    dpi: float | str | None = None,
    **options: Any,
) -> None:
    """``fig.savefig(fname, ...)`` for a sigplot figure, called inside its style context:
    the bytes ``sigplot.save`` writes (no date, alt text, accessibility markup), to a path
    (atomically, as ``save`` writes) or a binary file object. The format comes as
    matplotlib's does: ``format``, else the file's extension, else ``savefig.format``
    (whose extension is then added to a path); other keywords go on to matplotlib."""
    from sigplot.output.files import write_bytes

    path = os.fspath(fname) if isinstance(fname, (str, os.PathLike)) else None
    suffix = Path(path).suffix.lstrip(".").lower() if path is not None else ""
    fmt = (format or suffix or str(mpl.rcParams["savefig.format"])).lower()
    if path is not None and not suffix and format is None:
        path = f"{path}.{fmt}"
    data = to_bytes(fig, fmt, None if dpi in (None, "figure") else float(dpi), **options)
    if path is None:
        fname.write(data)
    else:
        write_bytes(data, path)


def _labelled_svg(data: bytes, alt: str) -> bytes:
    """An SVG that screen readers name: ``role="img"`` and ``aria-labelledby`` pointing at
    its ``<title>`` and a ``<desc>`` (the convention of plotly.js and Observable Plot).
    The ids carry a hash of the text, so two figures inlined in one page do not clash."""
    from hashlib import sha256
    from html import escape  # xml.sax.saxutils costs 11 ms of imports (urllib)

    key = sha256(alt.encode()).hexdigest()[:8]
    title, desc = f"sigplot-title-{key}", f"sigplot-desc-{key}"
    data = data.replace(b"<svg ", f'<svg role="img" aria-labelledby="{title} {desc}" '.encode(), 1)
    return re.sub(
        rb"<title>(.*?)</title>",
        lambda m: (
            f'<title id="{title}">'.encode()
            + m.group(1)
            + b"</title>\n "
            + f'<desc id="{desc}">{escape(alt, quote=False)}</desc>'.encode()
        ),
        data,
        count=1,
        flags=re.DOTALL,
    )
