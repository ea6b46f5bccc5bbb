"""The speed layer (sigplot._speedups) changes how fast sigplot draws, never what: the same
bytes with it on and off, no matplotlib class touched, a user's own figures, wrappers and
artists measured as matplotlib measures them, and matplotlib's own path where it is off."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.mathtext import MathTextParser
from matplotlib.text import Text

import sigplot
from sigplot._speedups import TESTED
from sigplot.output.pipeline import Target, produce, render
from sigplot.spec.options import build_spec

# on every supported matplotlib: its internals differ
pytestmark = [pytest.mark.smoke, pytest.mark.speedups]

SPECS: list[dict[str, Any]] = [
    {}, {"preset": "post"}, {"preset": "dark"}, {"annotate": True},
    {"range": (-10, 10), "annotate": True}, {"functions": "sigmoid,tanh", "orders": "0,1,2"},
    {"tangent": -2.0, "range": (-3, 9)}, {"layout": "grid", "functions": "sigmoid,tanh,relu"},
    {"sweep": ("gain", 0.5, 5), "frames": 4}, {"check": True, "orders": "0,1,2"},
    {"transparent": True, "title": "T", "xlabel": "z", "ylabel": "y"},
    {"functions": "hardtanh,softsign", "orders": "0,1,2", "annotate": True},
]  # fmt: skip
# Matplotlib's own methods the layer speeds up on sigplot's objects.
MEASURED = ((Text, "_get_layout"), (Axis, "_update_ticks"), (MathTextParser, "_parse_cached"))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """A user's wrappers around matplotlib's own methods, counting the calls they see."""
    seen: Counter[str] = Counter()

    def wrapper(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
            seen[name] += 1
            return original(self, *args, **kwargs)

        return counted

    for owner, name in MEASURED:
        monkeypatch.setattr(owner, name, wrapper(name, owner.__dict__[name]))
    return seen


def _classes(fig: Figure) -> set[str]:
    """The modules of the classes of every artist in ``fig``."""
    artists: list[Any] = list(fig.findobj(Artist))
    return {type(a).__module__ for a in artists}


@pytest.mark.parametrize("options", SPECS, ids=[repr(o) for o in SPECS])
def test_the_same_bytes_with_the_layer_on_and_off(
    monkeypatch: pytest.MonkeyPatch, options: dict[str, Any]
) -> None:
    """A figure drawn once with the layer on and once off, each drawing saved as SVG and
    as PNG (one drawing serves both, as a command with two targets does)."""
    targets = [Target(None, "svg"), Target(None, "png")]
    spec = build_spec(points=101, **options)

    def files() -> list[bytes]:
        made = produce(spec, targets).files
        return [made[target] for target in targets]

    on = files()
    monkeypatch.setenv("SIGPLOT_SPEEDUPS", "0")
    off = files()
    assert on[0] == off[0], "svg"
    assert on[1] == off[1], "png"


def test_a_users_wrapper_added_after_a_sigplot_figure_stays_and_is_called(
    calls: Counter[str],
) -> None:
    render(build_spec(points=101), "png")  # sigplot has drawn once, with its wrapper in place
    wrapper = Text.__dict__["_get_layout"]
    render(build_spec(points=101, annotate=True), "svg")
    assert Text.__dict__["_get_layout"] is wrapper  # kept, not restored to matplotlib's
    calls.clear()
    fig = Figure()
    text = fig.text(0.5, 0.5, "$x^2$ and more")
    for _ in range(3):
        fig.savefig(io.BytesIO(), format="png")
    assert calls["_get_layout"] >= 3  # every draw of the user's figure reaches the wrapper
    assert type(text) is Text


def _plain() -> Figure:
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot(np.linspace(0, 1, 5), np.linspace(0, 1, 5) ** 2, label="$y = z^2$")
    ax.legend()
    ax.set_title("a plain figure")
    return fig


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_a_plain_figure_saved_by_sigplot_goes_through_matplotlibs_own_path(
    fmt: str, calls: Counter[str], tmp_path: Path
) -> None:
    fig = _plain()
    fig.savefig(io.BytesIO(), format=fmt)  # what it costs matplotlib alone, warm
    calls.clear()
    fig.savefig(io.BytesIO(), format=fmt)
    matplotlibs = Counter(calls)
    calls.clear()
    sigplot.save(fig, tmp_path / f"plain.{fmt}")
    assert calls == matplotlibs  # every tick placed, text laid out and parse made by matplotlib
    assert matplotlibs["_update_ticks"] > 0 and matplotlibs["_get_layout"] > 0
    assert not any(m.startswith("sigplot") for m in _classes(fig))


def test_a_users_artists_on_a_sigplot_figure_give_the_same_bytes_on_and_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def drawn() -> Figure:
        fig = sigplot.figure(points=101)
        ax = fig.axes[0]
        ax.text(-4, 0.8, r"$\int_0^z \sigma$", math_fontfamily="stix", fontsize=14)
        ax.text(2, 0.3, "tilted\nbold", rotation=30, fontweight="bold", linespacing=2.0)
        ax.text(-5, 0.1, "a long note that wraps " * 4, wrap=True)
        ax.annotate("mine", (0, 0.5), xytext=(20, -20), textcoords="offset points",
                    arrowprops={"arrowstyle": "->"})  # fmt: skip
        fig.text(0.02, 0.02, "−0.2", family="monospace")
        return fig

    on = [drawn(), drawn()]  # the second meets layouts remembered from the first
    for i, fig in enumerate(on):
        for fmt in ("svg", "png"):
            sigplot.save(fig, tmp_path / f"on{i}.{fmt}")
        assert not any(m.startswith("sigplot._speedups") for m in _classes(fig))
    monkeypatch.setenv("SIGPLOT_SPEEDUPS", "0")
    off = drawn()
    for fmt in ("svg", "png"):
        sigplot.save(off, tmp_path / f"off.{fmt}")
        want = (tmp_path / f"off.{fmt}").read_bytes()
        assert [(tmp_path / f"on{i}.{fmt}").read_bytes() for i in range(2)] == [want, want]


def _measured(calls: Counter[str]) -> Counter[str]:
    render(build_spec(points=101, functions="sigmoid,tanh"), "svg")  # warm
    calls.clear()
    render(build_spec(points=101, functions="sigmoid,tanh"), "svg")
    return Counter(calls)


def test_the_layer_measures_less_and_the_switch_and_untested_releases_do_not(
    calls: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = ".".join(matplotlib.__version__.split(".")[:2])  # the one installed
    on = _measured(calls)
    monkeypatch.setenv("SIGPLOT_SPEEDUPS", "0")
    switched_off = _measured(calls)
    monkeypatch.delenv("SIGPLOT_SPEEDUPS")
    monkeypatch.setattr(matplotlib, "__version__", "3.99.0")  # a release the tests never ran
    untested = _measured(calls)
    assert switched_off == untested  # both matplotlib's own path
    if release not in TESTED:  # this release is one the layer was never run on: it is off
        assert on == switched_off
        return
    for name in ("_get_layout", "_update_ticks", "_parse_cached"):
        assert on[name] < switched_off[name], (name, on, switched_off)


def test_no_object_keeps_a_class_of_the_layer() -> None:
    for options in ({}, {"annotate": True}, {"layout": "grid", "functions": "sigmoid,relu"}):
        fig = sigplot.figure(points=101, **options)
        fig.savefig(io.BytesIO(), format="png")
        assert not any(m.startswith("sigplot._speedups") for m in _classes(fig))
        renderer: Any = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        assert type(renderer.mathtext_parser) is MathTextParser


def test_a_moved_legends_box_is_matplotlibs_at_every_spot() -> None:
    """The legend tried at spot after spot is packed once and moved (legend_box): at each of
    matplotlib's locations and at points of the panel, its box is the one matplotlib's own
    get_window_extent gives there, to the last bit, in one column and in two."""
    from sigplot._speedups.legend_box import moving_extent
    from sigplot.plot.legend import _put  # how sigplot moves a legend from spot to spot

    fig = Figure(figsize=(6, 3.75))
    ax = fig.add_subplot()
    for k in range(3):
        ax.plot([0, 1], [k, k + 1], label=f"$f_{k}(z) = {k} z^2$")
    for columns in (1, 2):
        legend = ax.legend(ncols=columns, frameon=False)
        extent = moving_extent(legend, on=True)
        spots: list[tuple[str, Any]] = [
            ("loc", loc) for loc in ("upper left", "lower right", "center", "right")
        ]
        spots += [("at", (x, y)) for x in (0.2, 0.55) for y in (0.3, 0.8)]
        for spot in spots:
            _put(legend, ax, spot)
            assert extent().bounds == legend.get_window_extent().bounds, (columns, spot)
