"""The shared text outlines: one outline per text, font and text settings while sigplot
draws, each call given its own copy, matplotlib's own behaviour outside, and nothing
remembered where the outline depends on more than the key holds."""

from __future__ import annotations

import threading
from typing import Any, cast

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.font_manager import FontProperties, findfont, fontManager
from matplotlib.textpath import TextToPath

from sigplot._speedups import text_paths

pytestmark = pytest.mark.smoke  # on every supported matplotlib: its internals differ

MATPLOTLIBS_OWN = TextToPath.__dict__["get_text_path"]
SERIF = findfont(FontProperties(family="DejaVu Serif"))

# Each changes the outline; a remembered one must not be given for it.
CHANGES: list[tuple[dict[str, Any], str, bool]] = [
    ({}, "0.8", False), ({}, "−0.4", False), ({"size": 17}, "−0.2", False),
    ({"family": "monospace"}, "−0.2", False), ({"weight": "bold"}, "−0.2", False),
    ({"style": "italic"}, "−0.2", False), ({"family": "serif"}, "−0.2", False),
    ({"fname": SERIF}, "−0.2", False), ({"stretch": "condensed"}, "−0.2", False),
    ({}, "$-0.2$", True), ({}, "$-0.2$", False), ({"math_fontfamily": "stix"}, "$-0.2$", True),
]  # fmt: skip


def _outline(prop: FontProperties, s: str, ismath: bool = False) -> tuple[np.ndarray, list[int]]:
    verts, codes = TextToPath().get_text_path(prop, s, ismath=ismath)
    return np.asarray(verts, dtype=float).reshape(-1, 2), list(codes)


def _same(a: tuple[np.ndarray, list[int]], b: tuple[np.ndarray, list[int]]) -> bool:
    return a[0].tobytes() == b[0].tobytes() and a[1] == b[1]


def test_one_outline_per_text_inside_and_not_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    original = text_paths._ORIGINAL

    def counted(self: Any, prop: Any, s: str, *args: Any, **kwargs: Any) -> Any:
        made.append(s)
        return original(self, prop, s, *args, **kwargs)

    monkeypatch.setattr(text_paths, "_ORIGINAL", counted)
    monkeypatch.setattr(text_paths, "_PATHS", {})
    prop = FontProperties(size=10)
    with text_paths.shared_paths():
        assert TextToPath.__dict__["get_text_path"] is not MATPLOTLIBS_OWN
        first = _outline(prop, "−0.25")
        assert _same(_outline(FontProperties(size=10), "−0.25"), first)
        assert made == ["−0.25"]
    assert TextToPath.__dict__["get_text_path"] is MATPLOTLIBS_OWN
    assert _same(_outline(prop, "−0.25"), first)  # matplotlib's own, the same outline
    assert made == ["−0.25"]


def test_each_call_gets_its_own_copy() -> None:
    prop = FontProperties(size=10)
    with text_paths.shared_paths():
        verts, codes = TextToPath().get_text_path(prop, "0.6")
        verts[0][:] = 1e6  # a caller that changes its outline in place
        cast(list[int], codes).clear()  # a list, as matplotlib gives
        again = _outline(prop, "0.6")
    assert _same(again, _outline(prop, "0.6"))


@pytest.mark.parametrize(("props", "text", "ismath"), CHANGES)
def test_a_different_text_or_font_is_outlined_afresh(
    props: dict[str, Any], text: str, ismath: bool
) -> None:
    with text_paths.shared_paths():
        _outline(FontProperties(size=10), "−0.2")  # remembered first
        _outline(FontProperties(size=10), "$-0.2$", ismath=True)
        remembered = _outline(FontProperties(**{"size": 10, **props}), text, ismath)
    assert _same(remembered, _outline(FontProperties(**{"size": 10, **props}), text, ismath))


def test_text_settings_and_installed_fonts_are_part_of_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_paths, "_PATHS", {})
    prop = FontProperties(size=10)
    with text_paths.shared_paths():
        _outline(prop, "$x$", ismath=True)
    with mpl.rc_context({"mathtext.fontset": "stix"}), text_paths.shared_paths():
        stix = _outline(prop, "$x$", ismath=True)
    with mpl.rc_context({"mathtext.fontset": "stix"}):
        assert _same(stix, _outline(prop, "$x$", ismath=True))
    before = len(text_paths._PATHS)
    monkeypatch.setattr(fontManager, "ttflist", [*fontManager.ttflist, fontManager.ttflist[0]])
    with mpl.rc_context({"mathtext.fontset": "stix"}), text_paths.shared_paths():
        _outline(prop, "$x$", ismath=True)  # a font was added: not the remembered outline
    assert len(text_paths._PATHS) == before + 1


def test_tex_and_threads_outside_the_drawing_are_never_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_paths, "_PATHS", {})
    prop = FontProperties(size=10)
    with text_paths.shared_paths():
        thread = threading.Thread(target=lambda: _outline(prop, "0.4"))
        thread.start()
        thread.join()
        assert not text_paths._PATHS
        assert text_paths._key(prop, "x", "TeX", {}) is None
        assert text_paths._key(prop, "x", False, {"language": [("en", 0, 1)]}) is None
        _outline(prop, "0.4")
        assert len(text_paths._PATHS) == 1


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_paths, "_PATHS", {})
    monkeypatch.setattr(text_paths, "_MOST", 5)
    with text_paths.shared_paths():
        for i in range(12):
            _outline(FontProperties(size=10), f"{i}")
            assert len(text_paths._PATHS) <= 5


def test_an_empty_outline_is_what_matplotlib_gives() -> None:
    prop = FontProperties(size=10)
    with text_paths.shared_paths():
        for _ in range(2):  # made, then remembered
            verts, codes = TextToPath().get_text_path(prop, " ")
            assert np.asarray(verts).shape == (0, 2) and list(codes) == []


def test_this_matplotlib_is_one_the_cache_understands() -> None:
    # If a matplotlib release changes get_text_path, this fails and says so, rather than
    # the speed quietly going away: the figures stay right either way (test_fallbacks).
    assert text_paths._COMPATIBLE
