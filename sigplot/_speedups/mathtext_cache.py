"""One mathtext parse per label, shared by every renderer that measures or draws it.

matplotlib caches a parsed mathtext string per parser, and every renderer has its own
parser, so a legend label is parsed again for the legend search, the tight layout and
each savefig: about a third of a warm figure's time. While sigplot draws and saves
(:func:`shared_parses`), ``MathTextParser._parse_cached`` is replaced by one cache keyed
by the parser's output type, the rc's text settings (:mod:`sigplot._speedups.text_settings`) and the
original arguments, which gives the same objects the original would have made. Where
matplotlib's internals are not as expected, nothing is replaced: the slow path, never a
wrong figure.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
from collections.abc import Callable, Hashable
from typing import Any

from matplotlib.mathtext import MathTextParser

from sigplot._speedups.patching import Replaced
from sigplot._speedups.text_settings import current, sharing

_ORIGINAL: Any = MathTextParser.__dict__.get("_parse_cached")
_PARSERS: dict[str, Any] = {}  # one parser per output type, as ``self``


def _compatible() -> Callable[..., Any] | None:
    """The uncached function behind matplotlib's cache, if it looks as this module expects:
    ``_parse_cached(self, s, dpi, prop, antialiased[, load_glyph_flags])`` using of ``self``
    only what every parser of one output type shares."""
    raw = getattr(_ORIGINAL, "__wrapped__", None)
    if raw is None or not hasattr(MathTextParser("path"), "_output_type"):
        return None
    names = list(inspect.signature(raw).parameters)
    return raw if names[:5] == ["self", "s", "dpi", "prop", "antialiased"] else None


_RAW = _compatible()


@functools.lru_cache(maxsize=256)
def _shared(output_type: str, settings: Hashable, *args: Any) -> Any:
    return _RAW(_PARSERS[output_type], *args)  # type: ignore[misc]


def _forget() -> None:
    """In a forked child (a gallery worker): drop the parent's parses. They hold the
    parent's FreeType fonts, whose open font files share one file offset with the parent
    and every sibling; two workers reading glyphs through them at once read each other's
    bytes ("FT_Load_Glyph failed: invalid outline"). matplotlib clears its own font cache
    at fork for the same reason."""
    _shared.cache_clear()
    _PARSERS.clear()


os.register_at_fork(after_in_child=_forget)


def _parse_cached(self: Any, *args: Any) -> Any:
    settings = current()  # the math fonts in force (mathtext.rm, ...) are not in the args
    if settings is None:  # a thread outside sigplot's drawing: matplotlib's own cache
        return _ORIGINAL(self, *args)
    kind = self._output_type
    _PARSERS.setdefault(kind, self)
    return _shared(kind, settings, *args)


_REPLACED = Replaced(MathTextParser, "_parse_cached", _parse_cached)


def shared_parses() -> contextlib.AbstractContextManager[None]:
    """Share mathtext parses between renderers (and with other figures drawn under the same
    text settings) inside; matplotlib's own cache outside."""
    return sharing(_REPLACED, _RAW is not None)
