"""Worker processes for drawing many figures at once (the gallery, Sphinx's figures).

Workers are forked from a parent that has imported the drawing modules, so each starts
warm, and the parent's objects are frozen out of the collector first, so the workers'
collections never walk (and copy) what they share with it, as Python's ``gc`` docs advise
for fork. Where fork is missing (Windows), the platform's default start method is used.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any


@contextlib.contextmanager
def pool(
    jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` drawing processes, shut down (and the parent unfrozen) on exit."""
    import multiprocessing

    import sigplot.output.pipeline  # noqa: F401  (imported once here, shared by forked workers)

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs
        ) as executor:
            yield executor
    finally:
        gc.unfreeze()
