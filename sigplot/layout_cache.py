"""One text layout per text and renderer while sigplot draws.

matplotlib lays a text out (font metrics, line heights, alignment) every time it is
measured or drawn. sigplot's layout measures each tick label a dozen times (the legend
search, the tick-label clearing, the tight layout, then each savefig), so while it draws
and saves (:func:`shared_layouts`), ``Text._get_layout`` remembers its result per renderer,
keyed by everything the layout reads: the text, its font, the figure's dpi, line spacing,
alignments and rotation. A text that wraps (its layout depends on where it sits) or whose
internals are not as expected is laid out afresh: the slow path, never a wrong figure.
The memory is dropped when the last drawing leaves.
"""

from __future__ import annotations

import contextlib
import inspect
import weakref
from collections.abc import Hashable, Iterator
from typing import Any

from matplotlib.text import Text

from sigplot.patching import Replaced

_ORIGINAL: Any = Text.__dict__.get("_get_layout")
_LAYOUTS: weakref.WeakKeyDictionary[Any, dict[Hashable, Any]] = weakref.WeakKeyDictionary()


def _compatible() -> bool:
    """``Text._get_layout(self, renderer)`` with the attributes the key reads."""
    if _ORIGINAL is None or list(inspect.signature(_ORIGINAL).parameters) != ["self", "renderer"]:
        return False
    probe = Text()
    return all(hasattr(probe, a) for a in ("_linespacing", "_multialignment"))


_COMPATIBLE = _compatible()


def _key(text: Text) -> Hashable | None:
    """Everything ``_get_layout`` reads, or None where it also reads the text's place."""
    figure = text.figure
    if figure is None or text.get_wrap():
        return None
    font = text.get_fontproperties()
    return (
        type(text), text.get_text(), text.get_usetex(), text.get_parse_math(),
        tuple(font.get_family()), font.get_slant(), font.get_variant(), font.get_weight(),
        font.get_stretch(), font.get_size(), font.get_file(), font.get_math_fontfamily(),
        figure.dpi, text._linespacing, text._multialignment,  # type: ignore[attr-defined]
        text.get_horizontalalignment(), text.get_verticalalignment(),
        text.get_rotation(), text.get_rotation_mode(),
    )  # fmt: skip


def _get_layout(self: Text, renderer: Any) -> Any:
    key = _key(self)
    try:
        layouts = _LAYOUTS.setdefault(renderer, {})
    except TypeError:  # a renderer that takes no weak reference: no memory for it
        key = None
    if key is None:
        return _ORIGINAL(self, renderer)
    layout = layouts.get(key)
    if layout is None:
        layout = layouts[key] = _ORIGINAL(self, renderer)
    return layout


_REPLACED = Replaced(Text, "_get_layout", _get_layout, restored=_LAYOUTS.clear)


@contextlib.contextmanager
def shared_layouts() -> Iterator[None]:
    """Remember text layouts per renderer inside; matplotlib's own behaviour outside."""
    if not _COMPATIBLE:
        yield
        return
    with _REPLACED.active():
        yield
