"""The rc settings and installed fonts a text's size and glyphs depend on, as one value
for cache keys.

sigplot's caches of text layouts, mathtext parses and text outlines serve every figure a
process draws (a gallery worker, a Sphinx build, a notebook), and figures differ in style:
the font families, hinting, kerning, math fonts and output font settings in force are
part of each key, and so are the fonts matplotlib knows (a notebook may add one between
two figures, and a family may then resolve to it). They are read once as the caches are
entered for a figure (:func:`settled`); a thread outside them has no settings, and its
texts are measured as matplotlib ships. Each cache is entered through :func:`sharing`, and
keys a font by :func:`font_key`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Hashable, Iterator

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from sigplot._speedups.patching import Replaced

_PREFIXES = ("font.", "text.", "mathtext.", "pdf.", "ps.", "pgf.", "svg.")
_KEYS = sorted(key for key in mpl.rcParams if key.startswith(_PREFIXES))
_LOCAL = threading.local()  # .stack: the settings of each settled() this thread is in


def current() -> Hashable | None:
    """This thread's text settings inside :func:`settled`, else None (remember nothing)."""
    stack = getattr(_LOCAL, "stack", None)
    return stack[-1] if stack else None


@contextlib.contextmanager
def settled() -> Iterator[None]:
    """Inside, :func:`current` is the text settings as they are on entry."""
    stack = _LOCAL.__dict__.setdefault("stack", [])
    fonts = font_manager.fontManager
    known = (id(fonts), len(fonts.ttflist), len(fonts.afmlist))
    stack.append((known, *(repr(mpl.rcParams[key]) for key in _KEYS)))
    try:
        yield
    finally:
        stack.pop()


@contextlib.contextmanager
def sharing(replaced: Replaced, compatible: bool) -> Iterator[None]:
    """Inside, ``replaced``'s method is in force and remembers under the text settings on
    entry, where matplotlib's internals are as its cache expects (``compatible``);
    otherwise matplotlib's own behaviour."""
    if not compatible:
        yield
        return
    with replaced.active(), settled():
        yield


def font_key(font: FontProperties) -> tuple[Hashable, ...]:
    """Every property of ``font`` that can change which font file a text is set in, or its
    size."""
    return (
        tuple(font.get_family()), font.get_slant(), font.get_variant(), font.get_weight(),
        font.get_stretch(), font.get_size(), font.get_file(), font.get_math_fontfamily(),
    )  # fmt: skip
