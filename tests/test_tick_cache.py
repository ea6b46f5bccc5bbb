"""Steady ticks: inside a stretch that changes nothing, each axis places its ticks once;
a change to anything they depend on places them again; matplotlib's own behaviour outside
the stretch, in other threads, and where the internals differ."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from matplotlib.axis import Axis, XAxis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from sigplot._speedups import steady, stretch

# on every supported matplotlib: its internals differ
pytestmark = [pytest.mark.smoke, pytest.mark.speedups]


def _axes() -> Any:
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 10], [0, 1])
    return ax


def _placed(axis: Axis) -> list[tuple[float, str, tuple[float, ...]]]:
    """Where each tick label of ``axis`` is drawn and what it says, as matplotlib places it."""
    return [
        (float(t.get_loc()), t.label1.get_text(), tuple(t.label1.get_window_extent().bounds))
        for t in axis._update_ticks()  # type: ignore[attr-defined]
    ]


@pytest.fixture
def placements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The axes whose ticks matplotlib really places (its own method, wrapped and counted
    as a user would)."""
    placed: list[str] = []
    original = Axis.__dict__["_update_ticks"]

    def counted(self: Axis) -> Any:
        placed.append(self.axis_name)  # type: ignore[attr-defined]
        return original(self)

    monkeypatch.setattr(Axis, "_update_ticks", counted)
    return placed


def test_one_placement_per_axis_inside_and_none_remembered_outside(placements: list[str]) -> None:
    ax = _axes()
    wrapper = Axis.__dict__["_update_ticks"]
    with steady(ax.figure):
        first = _placed(ax.xaxis)
        ax.get_tightbbox()  # asks for the x ticks three times and the y ticks four
        assert _placed(ax.xaxis) == first
        assert placements == ["x", "y"]
    assert Axis.__dict__["_update_ticks"] is wrapper  # the class as it was
    assert type(ax.xaxis) is XAxis and stretch.current() is None  # and no memory is kept
    _placed(ax.xaxis)
    assert placements == ["x", "y", "x"]


# Each changes what the ticks depend on; the remembered placement must not be reused.
CHANGES: list[tuple[str, Callable[[Any], object]]] = [
    ("view limits", lambda ax: ax.set_xlim(-3, 30)),
    ("axes box", lambda ax: ax.set_position((0.3, 0.3, 0.3, 0.3))),
    ("dpi, same pixels", lambda ax: (ax.figure.set_dpi(200), ax.figure.set_size_inches(2, 1.5))),
    ("locator", lambda ax: ax.xaxis.set_major_locator(FixedLocator([1, 2, 3]))),
    ("formatter", lambda ax: ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"<{x}>"))),
    ("scale", lambda ax: ax.set_xscale("symlog")),
    ("ticks made afresh", lambda ax: ax.spines["bottom"].set_position(("data", 0.5))),
]  # fmt: skip


@pytest.mark.parametrize("change", [c for _, c in CHANGES], ids=[n for n, _ in CHANGES])
def test_a_change_places_the_ticks_again(change: Callable[[Any], object]) -> None:
    ax = _axes()
    with steady(ax.figure):
        before = _placed(ax.xaxis)
        change(ax)
        remembered = _placed(ax.xaxis)
    expected = _placed(ax.xaxis)  # matplotlib's own placement after the change
    assert remembered == expected
    assert expected != before  # the change did move or relabel the ticks


def test_ticks_made_afresh_are_placed_again_even_as_many() -> None:
    ax = _axes()
    ax.xaxis.set_major_locator(FixedLocator([5.0]))  # one tick, and one made afresh
    with steady(ax.figure):
        before = _placed(ax.xaxis)
        ax.spines["bottom"].set_position(("data", 0.5))  # new ticks, on the moved axis line
        remembered = _placed(ax.xaxis)
    assert remembered == _placed(ax.xaxis) != before


def test_stretches_do_not_share_memory(placements: list[str]) -> None:
    ax = _axes()
    with steady(ax.figure):
        _placed(ax.xaxis)
    with steady(ax.figure):
        _placed(ax.xaxis)
    assert placements == ["x", "x"]


def test_another_thread_places_its_own_ticks(placements: list[str]) -> None:
    ax = _axes()
    seen: list[list[str]] = []

    def elsewhere() -> None:  # the same axes, adopted by the main thread's stretch
        _placed(ax.yaxis)
        _placed(ax.yaxis)
        seen.append([a for a in placements if a == "y"])

    with steady(ax.figure):
        _placed(ax.xaxis)
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
    assert seen == [["y", "y"]]  # no memory in a thread that opened no stretch
