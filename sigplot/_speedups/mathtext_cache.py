"""One mathtext parse per label, shared by the renderers that measure or draw a figure in
a steady stretch, and by every figure drawn under the same text settings.

matplotlib caches a parsed mathtext string per parser, and every renderer has its own
parser, so a legend label is parsed again for the tight layout and each save (4-5 ms a
parse), and again for every figure. A renderer that an adopted text meets
(:mod:`.layout_cache`) has its parsers given a class that shares parses, keyed by the
parser's output type, the stretch's text settings and the original arguments; a miss is
parsed by whatever ``MathTextParser._parse_cached`` is at that moment.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from typing import Any

from matplotlib import textpath
from matplotlib.mathtext import MathTextParser

from sigplot._speedups import stretch

_SHARED: dict[Hashable, Any] = {}
_MOST = 256  # parses kept at once


class SharingParser(MathTextParser):  # type: ignore[type-arg]
    """A renderer's :class:`~matplotlib.mathtext.MathTextParser` in a steady stretch."""

    def _parse_cached(self, *args: Any) -> Any:
        inner = stretch.current()
        if inner is None:  # another thread, or after the stretch: matplotlib's own cache
            return super()._parse_cached(*args)  # type: ignore[misc]
        key = (self._output_type, inner.settings, *args)  # type: ignore[attr-defined]
        parsed = _SHARED.get(key)
        if parsed is None:
            if len(_SHARED) >= _MOST:
                _SHARED.clear()
            parsed = _SHARED[key] = super()._parse_cached(*args)  # type: ignore[misc]
        return parsed


def adopt_renderer(renderer: Any) -> None:
    """Share the parses of ``renderer``'s parsers (and of the renderer a mixed-mode one
    wraps) for this stretch. matplotlib's module-wide TextToPath is never adopted."""
    inner = stretch.current()
    if inner is None or id(renderer) in inner.renderers:
        return
    inner.renderers[id(renderer)] = renderer  # kept alive, so its id is not reused
    for one in (renderer, getattr(renderer, "_renderer", None)):
        to_path = getattr(one, "_text2path", None)
        parsers = [getattr(one, "mathtext_parser", None)]
        if to_path is not None and to_path is not textpath.text_to_path:
            parsers.append(getattr(to_path, "mathtext_parser", None))
        for parser in parsers:
            stretch.swap(parser, MathTextParser, SharingParser)


def _forget() -> None:
    """In a forked child (a gallery worker): drop the parent's parses. They hold the
    parent's FreeType fonts, whose open font files share one file offset with the parent
    and every sibling; two workers reading glyphs through them at once read each other's
    bytes ("FT_Load_Glyph failed: invalid outline"). matplotlib clears its own font cache
    at fork for the same reason."""
    _SHARED.clear()


os.register_at_fork(after_in_child=_forget)
