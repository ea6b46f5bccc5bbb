"""Each of sigplot's measurement caches, where matplotlib's internals are not as it
expects, replaces nothing and draws the same figure (the slow path, never a wrong one)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from types import ModuleType
from typing import Any

import pytest
from matplotlib.axis import Axis
from matplotlib.mathtext import MathTextParser
from matplotlib.text import Text
from matplotlib.textpath import TextToPath

from sigplot._speedups import layout_cache, mathtext_cache, text_paths, tick_cache
from sigplot.output.pipeline import render
from sigplot.spec.options import build_spec

pytestmark = pytest.mark.smoke  # on every supported matplotlib: its internals differ

# (module, its switch and the value that turns it off, its context, what it replaces)
CACHES: list[tuple[ModuleType, str, Any, Callable[[], AbstractContextManager[None]], type, str]] = [
    (mathtext_cache, "_RAW", None, mathtext_cache.shared_parses, MathTextParser, "_parse_cached"),
    (layout_cache, "_COMPATIBLE", False, layout_cache.shared_layouts, Text, "_get_layout"),
    (tick_cache, "_COMPATIBLE", False, tick_cache.steady_ticks, Axis, "_update_ticks"),
    (text_paths, "_COMPATIBLE", False, text_paths.shared_paths, TextToPath, "get_text_path"),
]  # fmt: skip


@pytest.mark.parametrize("cache", CACHES, ids=[c[0].__name__ for c in CACHES])
@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_unknown_internals_fall_back_to_the_slow_path(
    cache: tuple[Any, ...], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    module, switch, off, context, owner, name = cache
    fast = render(build_spec(points=101, annotate=True), fmt)
    monkeypatch.setattr(module, switch, off)
    original = owner.__dict__[name]
    with context():
        assert owner.__dict__[name] is original
    assert render(build_spec(points=101, annotate=True), fmt) == fast  # the same figure
