"""One thread's stretch of steady drawing: its text settings, what its axes placed, and
the objects given a remembering class, each given its own class back at the end."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

_LOCAL = threading.local()  # .stretch: the stretch this thread is in, or None


@dataclass
class Stretch:
    """``settings``: the text settings on entry (part of every text key); ``ticks``: each
    axis's placement, {id(axis): (fingerprint, pinned objects, ticks)}; ``swapped``: each
    adopted object with the class it had."""

    settings: Hashable
    ticks: dict[int, Any] = field(default_factory=dict)
    swapped: list[tuple[Any, type]] = field(default_factory=list)
    renderers: dict[int, Any] = field(default_factory=dict)  # the renderers adopted, by id


def current() -> Stretch | None:
    """This thread's stretch, or None: outside one (or in another thread), matplotlib's
    own behaviour."""
    return getattr(_LOCAL, "stretch", None)


@contextlib.contextmanager
def opened(settings: Hashable) -> Iterator[Stretch]:
    """A new stretch for this thread; the enclosing one (if any) again afterwards."""
    outer = current()
    inner = _LOCAL.stretch = Stretch(settings)
    try:
        yield inner
    finally:
        _LOCAL.stretch = outer
        for obj, cls in reversed(inner.swapped):
            obj.__class__ = cls


def swap(obj: Any, base: type, remembering: type) -> None:
    """Give ``obj`` the class ``remembering`` (a subclass of ``base`` adding no state) for
    this stretch, if its class is exactly ``base``: a subclass of the user's is left as it
    is, and so is an object adopted already."""
    inner = current()
    if inner is not None and type(obj) is base:
        inner.swapped.append((obj, base))
        obj.__class__ = remembering
