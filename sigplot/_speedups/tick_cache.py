"""Each axis places its ticks once per measurement while sigplot measures or saves.

matplotlib's ``Axis._update_ticks`` (locate, format and place every tick) runs whenever
anything asks where the ticks are: one tight layout asks seven times for one axes (the
axis, its label's siblings, each spine), one save three times per axis. Inside
:func:`steady_ticks`, a stretch in which the figure does not change (one tight layout, one
measurement, one save), an axis's first answer is remembered and given again while what it
depends on is the same: the view limits, the axes' box and the dpi, the locators and
formatters (a new scale brings its own) and the tick lists. Only the thread that opened
the stretch remembers; anywhere else, or where matplotlib's internals are not as
expected, ticks are placed as matplotlib ships (the slow path, never a wrong figure).
"""

from __future__ import annotations

import contextlib
import inspect
import threading
from collections.abc import Iterator
from typing import Any

from matplotlib.axis import Axis

from sigplot._speedups.patching import Replaced

_ORIGINAL: Any = Axis.__dict__.get("_update_ticks")
_LOCAL = threading.local()  # .memo: {id(axis): (fingerprint, pinned objects, ticks)}


def _compatible() -> bool:
    """``Axis._update_ticks(self)``, with tick lists made lazily on the axis itself."""
    if _ORIGINAL is None or list(inspect.signature(_ORIGINAL).parameters) != ["self"]:
        return False
    return all(name in Axis.__dict__ for name in ("majorTicks", "minorTicks"))


_COMPATIBLE = _compatible()


def _fingerprint(axis: Axis) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """What the ticks depend on, as values and as the objects compared by identity (kept
    alive with the memory, so their ids cannot be reused)."""
    ticks = axis.__dict__.get("majorTicks"), axis.__dict__.get("minorTicks")
    pinned = (axis, axis.major.locator, axis.major.formatter, axis.minor.locator,
              axis.minor.formatter, *ticks)  # fmt: skip
    values = (
        *map(id, pinned), *(len(t) if t is not None else -1 for t in ticks),
        *axis.get_view_interval(), *axis.axes.bbox.bounds, axis.figure.dpi,
    )  # fmt: skip
    return values, pinned


def _update_ticks(self: Axis) -> list[Any]:
    memo = getattr(_LOCAL, "memo", None)
    if memo is None:  # outside a steady stretch, or another thread
        return _ORIGINAL(self)  # type: ignore[no-any-return]
    values, _ = _fingerprint(self)
    known = memo.get(id(self))
    if known is not None and known[0] == values:
        return list(known[2])
    ticks = _ORIGINAL(self)
    memo[id(self)] = (*_fingerprint(self), ticks)  # as placed: the tick lists may have grown
    return list(ticks)


_REPLACED = Replaced(Axis, "_update_ticks", _update_ticks)


@contextlib.contextmanager
def steady_ticks() -> Iterator[None]:
    """Inside, the caller changes nothing in any figure: each axis places its ticks once."""
    if not _COMPATIBLE or getattr(_LOCAL, "memo", None) is not None:  # off, or nested
        yield
        return
    with _REPLACED.active():
        _LOCAL.memo = {}
        try:
            yield
        finally:
            _LOCAL.memo = None
