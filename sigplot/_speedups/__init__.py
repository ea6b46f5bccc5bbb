"""The speed layer: what sigplot measures once and shares while it lays out and saves its
own figures, entered through one context, :func:`steady`.

Inside ``steady(figure)`` (a stretch in which sigplot measures or renders ``figure`` and
sets nothing by hand on its ticks), the figure's own objects are given, per instance,
classes that remember: its axes place their ticks once while what the ticks depend on
stays the same (:mod:`.tick_cache`), its texts share their layouts and the renderers that
measure or draw them share mathtext parses with every figure drawn under the same text
settings (:mod:`.layout_cache`, :mod:`.mathtext_cache`, keyed by :mod:`.text_settings`).
On the way out each object gets back the class it had. No matplotlib class is ever
changed, so a user's own figures, threads and wrappers of matplotlib's methods behave
exactly as without sigplot; a user's text added to a sigplot figure is measured through
the shared layouts only while sigplot saves that figure, under keys that hold everything
its layout reads.

The layer is on for the matplotlib releases the tests run it on (:data:`TESTED`) and off
elsewhere, and ``SIGPLOT_SPEEDUPS=0`` in the environment turns it off: matplotlib's own
path, the same bytes, only slower.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any

import matplotlib
from matplotlib.figure import Figure, FigureBase

from sigplot._speedups import stretch, text_settings
from sigplot._speedups.layout_cache import adopt_text
from sigplot._speedups.legend_box import moving_extent
from sigplot._speedups.mathtext_cache import adopt_renderer
from sigplot._speedups.tick_cache import adopt_axis

SWITCH = "SIGPLOT_SPEEDUPS"  # "0" turns the layer off
# matplotlib releases (major.minor) whose internals the tests run the layer on: the pinned
# one in the full suite, the others in the smoke matrix (tests/versions.py).
TESTED = ("3.8", "3.9", "3.10", "3.11")


def enabled() -> bool:
    """Whether the layer runs: a tested matplotlib, and not switched off by the user."""
    release = ".".join(matplotlib.__version__.split(".")[:2])
    return release in TESTED and os.environ.get(SWITCH, "1").strip() != "0"


@contextlib.contextmanager
def steady(figure: FigureBase | None) -> Iterator[None]:
    """Inside, this thread measures or renders ``figure`` and sets nothing by hand on its
    ticks or tick labels (moving a legend or a note, or a tight layout, is fine): each
    axis places its ticks once per state, and texts are laid out and parsed once per text
    settings. Nested use shares the outer stretch while the text settings are the same."""
    if figure is None or not enabled():
        yield
        return
    settings = text_settings.now()
    outer = stretch.current()
    if outer is not None and outer.settings == settings:
        _adopt(figure)  # type: ignore[arg-type]
        yield
        return
    with stretch.opened(settings):
        _adopt(figure)  # type: ignore[arg-type]
        yield


def legend_extent(legend: Any) -> Callable[[], Any]:
    """A function giving ``legend``'s window extent where it stands, while only its
    location changes: packed once where the layer is on (:mod:`.legend_box`)."""
    return moving_extent(legend, enabled())


def _adopt(figure: Figure) -> None:
    """The figure's axes, the texts it holds now and the renderer its canvas measures
    with; tick labels made later are adopted as their axis places them, and other
    renderers as a text meets them."""
    get_renderer = getattr(figure.canvas, "get_renderer", None)  # an Agg canvas's
    if get_renderer is not None:
        adopt_renderer(get_renderer())
    for text in figure.texts:
        adopt_text(text)
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            adopt_axis(axis)
            adopt_text(axis.label)
            adopt_text(axis.offsetText)
        titles: list[Any] = [ax.title, ax._left_title, ax._right_title]  # type: ignore[attr-defined]
        for text in (*ax.texts, *titles):
            adopt_text(text)
        legend = ax.get_legend()
        if legend is not None:
            for text in (*legend.texts, legend.get_title()):
                adopt_text(text)
