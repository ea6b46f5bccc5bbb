"""One text layout per text state, kind of renderer and text settings, for the texts of a
figure in a steady stretch.

matplotlib lays a text out (font metrics, line heights, alignment) every time it is
measured or drawn. sigplot's layout measures each tick label a dozen times (the legend
search, the tick-label clearing, the tight layout, then each save), and the figures of a
gallery or a docs build share most of their tick labels. So an adopted text (one of the
figure's, while a stretch is open) remembers its layout, keyed by everything the layout
reads: the text, its font, the figure's dpi, line spacing, alignments and rotation, the
kind of renderer and its dpi, and the stretch's text settings. A text that wraps (its
layout depends on where it sits) is laid out afresh, by whatever ``Text._get_layout`` is
at that moment (a user's wrapper included). At most a few thousand layouts are kept.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from matplotlib.text import Annotation, Text

from sigplot._speedups import stretch
from sigplot._speedups.mathtext_cache import adopt_renderer
from sigplot._speedups.text_settings import font_key

_LAYOUTS: dict[Hashable, Any] = {}
_MOST = 4096  # layouts kept at once (a few hundred bytes each)


def _key(text: Text, renderer: Any, settings: Hashable) -> Hashable | None:
    """Everything ``_get_layout`` reads, or None where it also reads the text's place."""
    figure = text.figure
    if figure is None or text.get_wrap():
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


class _Remembering:
    """What an adopted text adds: its layout remembered, and the renderers it meets adopted
    (their mathtext parses shared). Outside a stretch, or in another thread, nothing."""

    def _get_layout(self, renderer: Any) -> Any:
        inner = stretch.current()
        key = None if inner is None else _key(self, renderer, inner.settings)  # type: ignore[arg-type]
        if key is None:
            return super()._get_layout(renderer)  # type: ignore[misc]
        adopt_renderer(renderer)
        layout = _LAYOUTS.get(key)
        if layout is None:
            if len(_LAYOUTS) >= _MOST:
                _LAYOUTS.clear()
            layout = _LAYOUTS[key] = super()._get_layout(renderer)  # type: ignore[misc]
        return layout

    def draw(self, renderer: Any) -> None:
        if stretch.current() is not None:
            adopt_renderer(renderer)
        super().draw(renderer)  # type: ignore[misc]


class RememberingText(_Remembering, Text):
    """A :class:`~matplotlib.text.Text` of a figure in a steady stretch."""


class RememberingAnnotation(_Remembering, Annotation):
    """An :class:`~matplotlib.text.Annotation` of a figure in a steady stretch."""


_REMEMBERING: dict[type, type] = {Text: RememberingText, Annotation: RememberingAnnotation}


def adopt_text(text: Text) -> None:
    """Let ``text`` (if exactly a Text or an Annotation) remember for this stretch."""
    base = type(text)
    remembering = _REMEMBERING.get(base)
    if remembering is not None:
        stretch.swap(text, base, remembering)
