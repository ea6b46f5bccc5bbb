"""The rc settings and installed fonts a text's size and glyphs depend on, as one value
for cache keys.

The shared text layouts and mathtext parses serve every figure a process draws (a gallery
worker, a Sphinx build, a notebook), and figures differ in style: the font families,
hinting, kerning, math fonts and output font settings in force are part of each key, and
so are the fonts matplotlib knows (a notebook may add one between two figures, and a
family may then resolve to it). They are read once as a stretch opens (:func:`now`).
"""

from __future__ import annotations

from collections.abc import Hashable

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

_PREFIXES = ("font.", "text.", "mathtext.", "pdf.", "ps.", "pgf.", "svg.")
_KEYS = sorted(key for key in mpl.rcParams if key.startswith(_PREFIXES))


def now() -> Hashable:
    """The text settings in force, and the fonts matplotlib knows."""
    fonts = font_manager.fontManager
    known = (id(fonts), len(fonts.ttflist), len(fonts.afmlist))
    return (known, *(repr(mpl.rcParams[key]) for key in _KEYS))


def font_key(font: FontProperties) -> tuple[Hashable, ...]:
    """Every property of ``font`` that can change which font file a text is set in, or its
    size."""
    return (
        tuple(font.get_family()), font.get_slant(), font.get_variant(), font.get_weight(),
        font.get_stretch(), font.get_size(), font.get_file(), font.get_math_fontfamily(),
    )  # fmt: skip
