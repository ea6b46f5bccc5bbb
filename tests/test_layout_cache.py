"""The shared text layouts: one layout per text state, kind of renderer and text settings
for the texts of a figure in a steady stretch, matplotlib's own method outside it."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from sigplot._speedups import layout_cache, steady

# on every supported matplotlib: its internals differ
pytestmark = [pytest.mark.smoke, pytest.mark.speedups]

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


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts matplotlib's own ``_get_layout`` lays out (wrapped as a user would)."""
    texts: list[str] = []
    original = Text.__dict__["_get_layout"]

    def counted(self: Text, renderer: Any) -> Any:
        texts.append(self.get_text())
        return original(self, renderer)

    monkeypatch.setattr(Text, "_get_layout", counted)
    monkeypatch.setattr(layout_cache, "_LAYOUTS", {})
    return texts


def test_one_layout_per_text_state_inside_and_not_outside(laid_out: list[str]) -> None:
    text, renderer = _text()
    other, other_renderer = _text()  # another figure of the same kind, the same text
    with steady(text.figure), steady(other.figure):
        first = text.get_window_extent(renderer).bounds
        assert text.get_window_extent(renderer).bounds == first
        assert len(laid_out) == 1
        assert other.get_window_extent(other_renderer).bounds == first
        assert len(laid_out) == 1
    assert type(text) is Text
    text.get_window_extent(renderer)
    assert len(laid_out) == 2  # matplotlib's own method again


def test_the_memory_is_bounded(laid_out: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_cache, "_MOST", 5)
    text, renderer = _text()
    with steady(text.figure):
        for i in range(12):
            text.set_text(f"label {i}")
            text.get_window_extent(renderer)
            assert len(layout_cache._LAYOUTS) <= 5
    assert len(laid_out) == 12


@pytest.mark.parametrize(("name", "value"), CHANGES)
def test_a_changed_text_is_laid_out_again(name: str, value: Any) -> None:
    text, renderer = _text()
    with steady(text.figure):
        text.get_window_extent(renderer)  # remembered before the change
        text.set(**{name: value})
        remembered = text.get_window_extent(renderer).bounds
    assert remembered == text.get_window_extent(renderer).bounds  # as matplotlib lays it out


def test_the_figures_dpi_is_part_of_the_layout() -> None:
    text, renderer = _text()
    with steady(text.figure):
        text.get_window_extent(renderer)
        text.figure.set_dpi(200)
        remembered = text.get_window_extent(renderer).bounds
    assert remembered == text.get_window_extent(renderer).bounds


def test_wrapped_text_is_never_remembered(laid_out: list[str]) -> None:
    text, renderer = _text()
    text.set_wrap(True)
    with steady(text.figure):
        text.get_window_extent(renderer)
        text.get_window_extent(renderer)
    assert len(laid_out) == 2 and not layout_cache._LAYOUTS


def test_a_users_text_subclass_is_left_alone(laid_out: list[str]) -> None:
    class Mine(Text):
        pass

    fig = Figure(dpi=100)
    renderer: Any = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    mine = Mine(0.5, 0.5, "mine")
    fig.add_artist(mine)
    fig.texts.append(mine)
    with steady(fig):
        assert type(mine) is Mine
        mine.get_window_extent(renderer)
        mine.get_window_extent(renderer)
    assert len(laid_out) == 2
