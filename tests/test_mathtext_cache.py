"""The shared mathtext parses: one parse per label across the renderers of figures in a
steady stretch, matplotlib's own cache outside it, and none inherited by a forked worker."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.mathtext import MathTextParser

from sigplot._speedups import mathtext_cache, steady

# on every supported matplotlib: its internals differ
pytestmark = [pytest.mark.smoke, pytest.mark.speedups]

LABEL = r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The strings matplotlib's own (cached) parse reaches, wrapped as a user would."""
    seen: list[str] = []
    original = MathTextParser.__dict__["_parse_cached"]

    def counted(self: Any, s: str, *args: Any) -> Any:
        seen.append(s)
        return original(self, s, *args)

    monkeypatch.setattr(MathTextParser, "_parse_cached", counted)
    monkeypatch.setattr(mathtext_cache, "_SHARED", {})
    return seen


def _figure() -> Figure:
    fig = Figure(figsize=(3, 2), dpi=100)
    fig.text(0.1, 0.5, LABEL)
    return fig


def test_figures_share_one_parse_per_output_inside_and_not_outside(parsed: list[str]) -> None:
    for _ in range(3):
        fig = _figure()
        with steady(fig):
            fig.savefig(io.BytesIO(), format="png")
            fig.savefig(io.BytesIO(), format="svg")
    inside = len(parsed)
    assert 1 <= inside <= 3  # the first figure's parses only (per output and arguments)
    for _ in range(2):
        _figure().savefig(io.BytesIO(), format="png")
    assert len(parsed) >= inside + 2  # outside: each figure's renderer parses its own


def test_a_forked_worker_starts_without_the_parents_parses(parsed: list[str]) -> None:
    # The parses hold the parent's FreeType fonts, whose files share one offset across
    # forks: two gallery workers using them at once read garbage glyphs.
    fig = _figure()
    with steady(fig):
        fig.savefig(io.BytesIO(), format="png")
    assert mathtext_cache._SHARED
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports what it inherited, then leaves at once
        os.close(read)
        os.write(write, str(len(mathtext_cache._SHARED)).encode())
        os._exit(0)
    os.close(write)
    inherited = os.read(read, 64)
    os.close(read)
    os.waitpid(pid, 0)
    assert inherited == b"0"
    assert mathtext_cache._SHARED  # the parent keeps its own
