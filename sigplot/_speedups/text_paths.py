"""One outline per text while sigplot draws, shared by every renderer and figure.

A text drawn with a path effect (the tick labels' halo, the origin's "0") is drawn as
its outline, and matplotlib's ``TextToPath.get_text_path`` reads every glyph's outline
from the font again on each draw: about 4 ms of a default figure's SVG and PNG, for the
same dozen tick labels in figure after figure. While sigplot draws and saves
(:func:`shared_paths`), the outline is remembered, keyed by everything it is made from:
the text, whether it is mathtext, its font properties, its font features and language,
and the rc's text settings and installed fonts (:mod:`sigplot._speedups.text_settings`). Each call
gets its own copy. TeX text (drawn by a TeX run), a thread outside sigplot's drawing and
internals not as expected are left to matplotlib: the slow path, never a wrong figure.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Hashable
from typing import Any

import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from sigplot._speedups.patching import Replaced
from sigplot._speedups.text_settings import current, font_key, sharing

_ORIGINAL: Any = TextToPath.__dict__.get("get_text_path")
_PATHS: dict[Hashable, tuple[Any, Any]] = {}  # vertices (n x 2 floats), codes (n bytes)
_MOST = 4096  # outlines kept at once (a tick label's is about 2 kB)


def _compatible() -> bool:
    """``get_text_path(self, prop, s, ismath=False, *[features, language])``."""
    if _ORIGINAL is None:
        return False
    names = list(inspect.signature(_ORIGINAL).parameters)
    return names[:4] == ["self", "prop", "s", "ismath"] and set(names[4:]) <= {
        "features", "language"
    }  # fmt: skip


_COMPATIBLE = _compatible()


def _key(prop: FontProperties, s: str, ismath: Any, options: dict[str, Any]) -> Hashable | None:
    """Everything the outline is made from, or None where it is not to be remembered."""
    settings = current()
    if settings is None or ismath == "TeX" or not isinstance(prop, FontProperties):
        return None
    key = (settings, s, bool(ismath), *font_key(prop), tuple(sorted(options.items())))
    try:
        hash(key)
    except TypeError:  # features or language given as a list
        return None
    return key


def _get_text_path(
    self: TextToPath, prop: FontProperties, s: str, ismath: Any = False, **options: Any
) -> tuple[Any, list[Any]]:
    """matplotlib's outline of ``s``, remembered where it has a key; each call a copy."""
    key = _key(prop, s, ismath, options)
    if key is None:
        return _ORIGINAL(self, prop, s, ismath, **options)  # type: ignore[no-any-return]
    remembered = _PATHS.get(key)
    if remembered is None:
        verts, codes = _ORIGINAL(self, prop, s, ismath, **options)
        if len(_PATHS) >= _MOST:
            _PATHS.clear()
        remembered = _PATHS[key] = (
            np.array(verts, dtype=float).reshape(-1, 2),
            np.array(codes, dtype=np.uint8),
        )
    verts, codes = remembered
    return (list(verts.copy()) if len(verts) else np.empty((0, 2))), list(codes)


_REPLACED = Replaced(TextToPath, "get_text_path", _get_text_path)


def shared_paths() -> contextlib.AbstractContextManager[None]:
    """Remember text outlines inside, keyed by the text settings on entry; matplotlib's
    own behaviour outside."""
    return sharing(_REPLACED, _COMPATIBLE)
