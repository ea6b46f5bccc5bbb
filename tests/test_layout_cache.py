"""The shared text layouts: one layout per text state, kind of renderer and text settings
while sigplot draws, matplotlib's own behaviour outside, and nothing replaced where the
internals differ."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from sigplot._speedups import layout_cache

pytestmark = pytest.mark.smoke  # on every supported matplotlib: its internals differ

MATPLOTLIBS_OWN = Text.__dict__["_get_layout"]

# Each changes what a text's layout reads; the remembered layout must not be reused.
CHANGES: list[tuple[str, Any]] = [
    ("text", "a longer label"), ("fontsize", 17), ("fontfamily", "monospace"),
    ("fontweight", "bold"), ("fontstyle", "italic"), ("ha", "right"), ("va", "top"),
    ("rotation", 30), ("rotation_mode", "anchor"), ("linespacing", 2.0),
    ("multialignment", "right"), ("math_fontfamily", "stix"), ("text", "$x^2$\nline two"),
]  # fmt: skip


def _text() -> tuple[Text, Any]:
    fig = Figure(dpi=100)
    canvas = FigureCanvasAgg(fig)
    renderer: Any = canvas.get_renderer()  # type: ignore[no-untyped-call]
    return fig.text(0.5, 0.5, "a label\nline two"), renderer


def test_one_layout_per_text_state_inside_and_not_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    laid_out = []
    original = layout_cache._ORIGINAL

    def counted(self: Text, renderer: Any) -> Any:
        laid_out.append(self.get_text())
        return original(self, renderer)

    monkeypatch.setattr(layout_cache, "_ORIGINAL", counted)
    monkeypatch.setattr(layout_cache, "_LAYOUTS", {})
    text, renderer = _text()
    with layout_cache.shared_layouts():
        assert Text.__dict__["_get_layout"] is not MATPLOTLIBS_OWN
        first = text.get_window_extent(renderer).bounds
        assert text.get_window_extent(renderer).bounds == first
        assert len(laid_out) == 1
        other, other_renderer = _text()  # another figure of the same kind, the same text
        assert other.get_window_extent(other_renderer).bounds == first
        assert len(laid_out) == 1
    assert Text.__dict__["_get_layout"] is MATPLOTLIBS_OWN
    text.get_window_extent(renderer)
    assert len(laid_out) == 1  # matplotlib's own method again


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_cache, "_LAYOUTS", {})
    monkeypatch.setattr(layout_cache, "_MOST", 5)
    text, renderer = _text()
    with layout_cache.shared_layouts():
        for i in range(12):
            text.set_text(f"label {i}")
            text.get_window_extent(renderer)
            assert len(layout_cache._LAYOUTS) <= 5


@pytest.mark.parametrize(("name", "value"), CHANGES)
def test_a_changed_text_is_laid_out_again(name: str, value: Any) -> None:
    text, renderer = _text()
    with layout_cache.shared_layouts():
        text.get_window_extent(renderer)  # remembered before the change
        text.set(**{name: value})
        remembered = text.get_window_extent(renderer).bounds
    assert remembered == text.get_window_extent(renderer).bounds  # as matplotlib lays it out


def test_the_figures_dpi_is_part_of_the_layout() -> None:
    text, renderer = _text()
    with layout_cache.shared_layouts():
        text.get_window_extent(renderer)
        text.figure.set_dpi(200)
        remembered = text.get_window_extent(renderer).bounds
    assert remembered == text.get_window_extent(renderer).bounds


def test_wrapped_text_is_never_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_cache, "_LAYOUTS", {})
    text, renderer = _text()
    text.set_wrap(True)
    with layout_cache.shared_layouts():
        text.get_window_extent(renderer)
        assert not layout_cache._LAYOUTS


def test_this_matplotlib_is_one_the_cache_understands() -> None:
    # If a matplotlib release changes Text._get_layout, this fails and says so, rather than
    # the speed quietly going away: the figures stay right either way (test above).
    assert layout_cache._COMPATIBLE
