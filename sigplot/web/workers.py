"""The one worker runner: many figures drawn at once, in worker processes or in turn, for
the gallery and for the docs front ends (Sphinx, MkDocs, and what comes next).

Workers are forked from a parent that has imported the drawing modules, so each starts
warm, and the parent's objects are frozen out of the collector first, so the workers'
collections never walk (and copy) what they share with it, as Python's ``gc`` docs advise
for fork. Where fork is missing (Windows), the platform's default start method is used.
The work is done in this process instead for one job or one item, and while other threads
run (``mkdocs serve``'s server): a fork copies no thread but the caller's, and a lock one of
them held would never be released in the child.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # a gallery with nothing to draw never imports the pool machinery
    from concurrent.futures import ProcessPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")
LOST = "lost: its worker process died while drawing it (killed from outside?); build again"


@contextlib.contextmanager
def pool(
    jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` drawing processes, shut down (and the parent unfrozen) on exit."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

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


def run(
    task: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int,
    failure: Callable[[Exception], str],
    stop: threading.Event | None = None,
) -> Iterator[tuple[Item, Result | None, str | None]]:
    """``task`` on each item, in ``jobs`` worker processes (or in turn), yielding
    ``(item, result, None)``, or ``(item, None, why)`` with ``failure``'s one line for an
    exception, as each completes. Once ``stop`` is set (SIGINT, which workers leave to the
    parent) no item starts; those under way finish. A worker killed from outside breaks
    the pool: the items it and its siblings were on are yielded as :data:`LOST`, the rest
    go to a new pool."""
    stop = stop or threading.Event()
    if jobs <= 1 or len(items) <= 1 or threading.active_count() > 1:
        for item in items:
            if stop.is_set():
                return
            try:
                result = task(item)
            except Exception as exc:  # one item's failure, whatever it is, is not the run's
                yield item, None, failure(exc)
            else:
                yield item, result, None
        return
    yield from _in_workers(task, list(items), jobs, failure, stop)


def _in_workers(
    task: Callable[[Item], Result],
    todo: list[Item],
    jobs: int,
    failure: Callable[[Exception], str],
    stop: threading.Event,
) -> Iterator[tuple[Item, Result | None, str | None]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, CancelledError, wait
    from concurrent.futures.process import BrokenProcessPool

    while todo and not stop.is_set():
        started = multiprocessing.RawArray("b", len(todo))
        broken: list[int] = []
        workers = min(jobs, len(todo))
        with pool(workers, _init_worker, (started, os.getpid())) as executor:
            futures = {executor.submit(_started, i, task, e): i for i, e in enumerate(todo)}
            waiting = set(futures)
            while waiting:
                finished, waiting = wait(waiting, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = futures[future]
                    try:
                        result = future.result()
                    except CancelledError:
                        continue
                    except BrokenProcessPool:
                        broken.append(index)
                        continue
                    except Exception as exc:
                        yield todo[index], None, failure(exc)
                        continue
                    yield todo[index], result, None
                if stop.is_set():
                    for future in waiting:
                        future.cancel()  # those already under way run to the end
        for index in sorted(broken):
            if started[index]:
                yield todo[index], None, LOST
        todo = [todo[i] for i in sorted(broken) if not started[i]]


_STARTED: Any = None  # in a worker: a shared byte per item, set when it starts


def _init_worker(started: Any, parent: int) -> None:
    """In each worker: leave SIGINT to the parent, which stops handing out work, and die
    with the parent (see :func:`_die_with_parent`)."""
    global _STARTED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    _STARTED = started


def _die_with_parent(parent: int) -> None:
    """A parent killed outright (SIGKILL runs no clean-up) must not leave its workers
    drawing for no one: on Linux the kernel sends each SIGKILL when the parent dies
    (``PR_SET_PDEATHSIG``); a parent gone before that was set ends the worker at once."""
    import ctypes
    import os
    import sys

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _started(index: int, task: Callable[[Item], Result], item: Item) -> Result:
    _STARTED[index] = 1
    return task(item)
