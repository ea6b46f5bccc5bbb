"""A matplotlib method replaced while sigplot draws and restored when the last drawing
thread leaves: the shared measurement caches (mathtext_cache, layout_cache) use it, so
outside sigplot's drawing matplotlib behaves exactly as it ships."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any


class Replaced:
    """``owner.name`` replaced by ``replacement`` inside :meth:`active` (nested and from
    several threads alike); ``restored`` runs after the original is back."""

    def __init__(
        self,
        owner: type,
        name: str,
        replacement: Callable[..., Any],
        restored: Callable[[], None] = lambda: None,
    ) -> None:
        self.owner, self.name, self.replacement, self.restored = owner, name, replacement, restored
        self.original = owner.__dict__.get(name)
        self._lock = threading.Lock()
        self._depth = 0

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        with self._lock:
            self._depth += 1
            if self._depth == 1:
                setattr(self.owner, self.name, self.replacement)
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    setattr(self.owner, self.name, self.original)
                    self.restored()
