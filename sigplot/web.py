"""Putting figures on web pages: the files of one web figure and their names.

A web figure is ``STEM.FMT`` for each format and, with ``hidpi``, ``STEM@2x.png`` at
twice the dpi for a ``srcset``. The gallery and the Sphinx directive name and write their
files through here, so the two agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline imports matplotlib; naming files must not
    from sigplot.pipeline import Target

HIDPI = "png@2x"  # the key of the 2x PNG among a figure's files
# A figure on a web page is shown as narrow as a phone (330-343 CSS px): 6 in with 15 pt
# text keeps tick labels at 11 CSS px there (about 2.3 pt of text per inch of width).
WEB_DEFAULTS = {"size": "6 3.75", "fontsize": "15"}


def file_names(stem: str, formats: tuple[str, ...], hidpi: bool) -> dict[str, str]:
    """format (or ``png@2x``) -> file name; the 2x PNG only when PNG is among the formats."""
    names = {fmt: f"{stem}.{fmt}" for fmt in formats}
    if hidpi and "png" in formats:
        names[HIDPI] = f"{stem}@2x.png"
    return names


def targets(folder: Path, stem: str, formats: tuple[str, ...], hidpi: bool) -> list[Target]:
    """The :class:`~sigplot.pipeline.Target` of each file of one web figure in ``folder``."""
    from sigplot.pipeline import Target

    return [
        Target(folder / name, "png" if key == HIDPI else key, 2.0 if key == HIDPI else 1.0)
        for key, name in file_names(stem, formats, hidpi).items()
    ]
