"""One text layout per text state, kind of renderer and text settings while sigplot draws.

matplotlib lays a text out (font metrics, line heights, alignment) every time it is
measured or drawn. sigplot's layout measures each tick label a dozen times (the legend
search, the tick-label clearing, the tight layout, then each savefig), and the figures of
a gallery or a docs build share most of their tick labels. So while sigplot draws and
saves (:func:`shared_layouts`), ``Text._get_layout`` remembers its result, keyed by
everything the layout reads: the text, its font, the figure's dpi, line spacing,
alignments and rotation, the kind of renderer and its dpi, and the rc's text settings
(:mod:`sigplot._speedups.text_settings`). A text that wraps (its layout depends on where it sits),
one measured in a thread outside sigplot's drawing, or one whose internals are not as
expected is laid out afresh: the slow path, never a wrong figure. At most a few thousand
layouts are kept; past that the memory starts afresh.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Hashable
from typing import Any

from matplotlib.text import Text

from sigplot._speedups.patching import Replaced
from sigplot._speedups.text_settings import current, font_key, sharing

_ORIGINAL: Any = Text.__dict__.get("_get_layout")
_LAYOUTS: dict[Hashable, Any] = {}
_MOST = 4096  # layouts kept at once (a few hundred bytes each)


def _compatible() -> bool:
    """``Text._get_layout(self, renderer)`` with the attributes the key reads."""
    if _ORIGINAL is None or list(inspect.signature(_ORIGINAL).parameters) != ["self", "renderer"]:
        return False
    probe = Text()
    return all(hasattr(probe, a) for a in ("_linespacing", "_multialignment"))


_COMPATIBLE = _compatible()


def _key(text: Text, renderer: Any) -> Hashable | None:
    """Everything ``_get_layout`` reads, or None where it also reads the text's place (or
    this thread has no settled text settings)."""
    figure, settings = text.figure, current()
    if figure is None or settings is None or text.get_wrap():
        return None
    inner = getattr(renderer, "_renderer", None)  # what a mixed-mode renderer measures with
    return (
        settings, type(renderer), type(inner), getattr(renderer, "dpi", None),
        type(text), text.get_text(), text.get_usetex(), text.get_parse_math(),
        *font_key(text.get_fontproperties()), figure.dpi,
        text._linespacing, text._multialignment,  # type: ignore[attr-defined]
        text.get_horizontalalignment(), text.get_verticalalignment(),
        text.get_rotation(), text.get_rotation_mode(),
    )  # fmt: skip


def _get_layout(self: Text, renderer: Any) -> Any:
    key = _key(self, renderer)
    if key is None:
        return _ORIGINAL(self, renderer)
    layout = _LAYOUTS.get(key)
    if layout is None:
        if len(_LAYOUTS) >= _MOST:
            _LAYOUTS.clear()
        layout = _LAYOUTS[key] = _ORIGINAL(self, renderer)
    return layout


_REPLACED = Replaced(Text, "_get_layout", _get_layout)


def shared_layouts() -> contextlib.AbstractContextManager[None]:
    """Remember text layouts inside, keyed by the text settings on entry; matplotlib's own
    behaviour outside."""
    return sharing(_REPLACED, _COMPATIBLE)
