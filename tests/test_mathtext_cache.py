"""The shared mathtext cache: one parse per label across renderers while sigplot draws,
matplotlib's own behaviour outside, and nothing replaced where the internals differ."""

from __future__ import annotations

import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.mathtext import MathTextParser

from sigplot._speedups import mathtext_cache

pytestmark = pytest.mark.smoke  # on every supported matplotlib: its internals differ


def parse(parser: MathTextParser, text: str) -> object:  # type: ignore[type-arg]
    return parser.parse(text, dpi=100, prop=FontProperties(size=10))


def test_two_renderers_share_one_parse_inside_and_not_outside() -> None:
    original = MathTextParser.__dict__["_parse_cached"]
    text = r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$"
    with mathtext_cache.shared_parses():
        assert MathTextParser.__dict__["_parse_cached"] is not original
        first = parse(MathTextParser("agg"), text)
        assert parse(MathTextParser("agg"), text) is first  # another parser, same result
    assert MathTextParser.__dict__["_parse_cached"] is original
    assert parse(MathTextParser("agg"), text) is not first  # matplotlib's own cache again


def test_nested_use_restores_only_at_the_outermost_exit() -> None:
    original = MathTextParser.__dict__["_parse_cached"]
    with mathtext_cache.shared_parses():
        with mathtext_cache.shared_parses():
            pass
        assert MathTextParser.__dict__["_parse_cached"] is not original
    assert MathTextParser.__dict__["_parse_cached"] is original


def test_this_matplotlib_is_one_the_cache_understands() -> None:
    # If a matplotlib release changes _parse_cached, this fails and says so, rather than the
    # speed quietly going away: the figures stay right either way (test above).
    assert mathtext_cache._RAW is not None


def test_a_forked_worker_starts_without_the_parents_parses() -> None:
    # The parses hold the parent's FreeType fonts, whose files share one offset across
    # forks: two gallery workers using them at once read garbage glyphs.
    import os

    text = r"$\sigma(z)$"
    with mathtext_cache.shared_parses():
        parse(MathTextParser("agg"), text)
    assert mathtext_cache._shared.cache_info().currsize > 0
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports what it inherited, then leaves at once
        os.close(read)
        os.write(write, str(mathtext_cache._shared.cache_info().currsize).encode())
        os._exit(0)
    os.close(write)
    inherited = os.read(read, 64)
    os.close(read)
    os.waitpid(pid, 0)
    assert inherited == b"0"
    assert mathtext_cache._shared.cache_info().currsize > 0  # the parent keeps its own
