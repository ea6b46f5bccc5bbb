"""The one registry of output formats: every format sigplot writes, with what each front
end needs to know of it. The command line, ``sigplot.save``, galleries, the Sphinx and
MkDocs figures and the animation writers all read it; adding a format is one entry here.

Pure data: no matplotlib, so a gallery or the command line checks a format before paying
for it. Which formats this matplotlib renders is matplotlib's to say
(:func:`sigplot.output.encode.formats`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One output format, named by its file extension.

    ``text``: may be written to a terminal. ``web``: a browser shows it in an ``<img>``.
    ``animates``: a sweep becomes an animation in it (``writer``: which of matplotlib's
    movie writers makes it, or sigplot's ``explorer`` page), else small multiples;
    ``sweep_only``: it holds nothing but an animation. ``same_as``: another name of the
    same format. ``needs``: software beyond matplotlib and Pillow (a gallery refuses these).
    ``date_key``: the metadata key that carries a date in matplotlib's savefig (left out);
    ``metadata``: savefig takes a metadata dict (the alt text travels in it).
    """

    name: str
    description: str
    text: bool = False
    web: bool = False
    animates: bool = False
    writer: str = ""
    sweep_only: bool = False
    same_as: str = ""
    needs: str = ""
    metadata: bool = False
    date_key: str = ""


_ALL = (
    Format("png", "Portable Network Graphics", web=True, metadata=True),
    Format("svg", "Scalable Vector Graphics", text=True, web=True, metadata=True,
           date_key="Date"),
    Format("svgz", "Scalable Vector Graphics, gzip-compressed"),
    Format("pdf", "Portable Document Format", metadata=True, date_key="CreationDate"),
    Format("eps", "Encapsulated PostScript", text=True),
    Format("ps", "PostScript", text=True),
    Format("jpg", "Joint Photographic Experts Group", web=True),
    Format("jpeg", "Joint Photographic Experts Group", web=True, same_as="jpg"),
    Format("tif", "Tagged Image File Format"),
    Format("tiff", "Tagged Image File Format", same_as="tif"),
    Format("gif", "Graphics Interchange Format", web=True, animates=True, writer="pillow"),
    Format("webp", "WebP Image Format", web=True, animates=True, writer="pillow"),
    Format("avif", "AV1 Image File Format", web=True),
    Format("raw", "Raw RGBA bitmap"),
    Format("rgba", "Raw RGBA bitmap", same_as="raw"),
    Format("pgf", "PGF code for LaTeX", text=True, needs="a LaTeX install"),
    Format("html", "Web page: the explorer (a slider over a sweep, a cursor on a still figure)",
           text=True, animates=True, writer="explorer"),
    Format("mp4", "MPEG-4 video, H.264 (a --sweep; needs ffmpeg)", animates=True,
           writer="ffmpeg", sweep_only=True, needs="ffmpeg"),
)  # fmt: skip
FORMATS: dict[str, Format] = {f.name: f for f in _ALL}
ANIMATED = tuple(name for name, f in FORMATS.items() if f.animates)
WEB = tuple(name for name, f in FORMATS.items() if f.web)
TEXT = tuple(name for name, f in FORMATS.items() if f.text)
# What a gallery may list: what matplotlib and Pillow write, and sigplot's own animations
# (mp4's ffmpeg is found or named when the figure is drawn, as on the command line).
GALLERY = tuple(name for name, f in FORMATS.items() if not f.needs or f.writer == "ffmpeg")


def same_format(a: str, b: str) -> bool:
    """Whether two names are one format (jpeg and jpg)."""
    return (FORMATS[a].same_as or a) == (FORMATS[b].same_as or b)
