"""Building a gallery: the stale figures drawn in worker processes (or in turn), each
recorded in the manifest as it completes, then the index pages; and ``--check``."""

from __future__ import annotations

import dataclasses
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from sigplot.maths.errors import SigplotError, reason, sigplot_warnings
from sigplot.web import manifest
from sigplot.web.gallery import Entry, Gallery, Problem, stale
from sigplot.web.gallery_index import indexes


@dataclass(frozen=True)
class Built:
    """What drawing one entry gave: file name -> SHA-256, and sigplot's warnings."""

    files: dict[str, str]
    warnings: tuple[str, ...] = ()


def build_entry(entry: Entry, folder: str) -> Built:
    """Render every file of one entry (in a worker), collecting sigplot's warnings so the
    parent prints them as lines of its own rather than raw Python warnings."""
    from sigplot.output.pipeline import produce
    from sigplot.web import pages as web
    from sigplot.web.manifest import digest

    written: dict[str, str] = {}
    with sigplot_warnings() as messages:
        for stem, spec in entry.variants():
            targets = web.targets(Path(folder), stem, entry.formats, entry.hidpi, entry.poster)
            made = produce(spec, targets)
            written |= {Path(str(t.path)).name: digest(made.files[t]) for t in targets}
    return Built(written, tuple(messages))


@dataclass
class Report:
    """What a gallery run did, for the one-line summary."""

    built: list[str] = dataclasses.field(default_factory=list)
    current: list[str] = dataclasses.field(default_factory=list)
    failed: list[Problem] = dataclasses.field(default_factory=list)
    warnings: list[Problem] = dataclasses.field(default_factory=list)  # name, message
    interrupted: bool = False  # stopped early: the figures not built are drawn next time
    todo: int = 0  # figures this run set out to draw

    def summary(self) -> str:
        built, current, failed = len(self.built), len(self.current), len(self.failed)
        return f"gallery: {built} built, {current} up to date, {failed} failed"


# A worker's result: what it drew, or why the figure failed.
Result = Built | str
LOST = "lost: its worker process died while drawing it (killed from outside?); build again"


def _run_serial(
    todo: list[Entry], folder: Path, done: Callable[[Entry, Result], None], stop: Event
) -> None:
    for entry in todo:
        if stop.is_set():
            return
        try:
            result: Result = build_entry(entry, str(folder))
        except Exception as exc:  # one figure's failure, whatever it is, is not the gallery's
            result = _failure(exc)
        done(entry, result)


def _failure(exc: Exception) -> str:
    """A figure's exception as its one-line reason."""
    return reason(exc) if isinstance(exc, SigplotError) else f"failed: {reason(exc)}"


def _init_worker(started: Any) -> None:
    """In each worker: leave SIGINT to the parent, which stops handing out figures."""
    global _STARTED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STARTED = started


_STARTED: Any = None  # in a worker: a shared byte per figure, set when it starts drawing


def _build_in_worker(index: int, entry: Entry, folder: str) -> Built:
    _STARTED[index] = 1
    return build_entry(entry, folder)


def _run_parallel(
    todo: list[Entry],
    folder: Path,
    jobs: int,
    done: Callable[[Entry, Result], None],
    stop: Event,
) -> None:
    """Build in worker processes. After SIGINT (``stop``), figures not yet started are
    dropped and those drawing are finished. A worker killed from outside breaks the pool:
    the figures it and its siblings were drawing are reported lost, the rest go to a new pool.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, CancelledError, wait
    from concurrent.futures.process import BrokenProcessPool

    from sigplot.web import workers

    while todo and not stop.is_set():
        started = multiprocessing.RawArray("b", len(todo))
        broken: list[int] = []
        with workers.pool(jobs, _init_worker, (started,)) as pool:
            futures = {
                pool.submit(_build_in_worker, i, e, str(folder)): i for i, e in enumerate(todo)
            }
            waiting = set(futures)
            while waiting:
                finished, waiting = wait(waiting, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = futures[future]
                    try:
                        result: Result = future.result()
                    except CancelledError:
                        continue
                    except BrokenProcessPool:
                        broken.append(index)
                        continue
                    except Exception as exc:
                        result = _failure(exc)
                    done(todo[index], result)
                if stop.is_set():
                    for future in waiting:
                        future.cancel()  # those already drawing run to the end
        for index in sorted(broken):
            if started[index]:
                done(todo[index], LOST)
        todo = [todo[i] for i in sorted(broken) if not started[i]]


def build(
    gallery: Gallery,
    folder: Path,
    *,
    title: str,
    jobs: int,
    force: bool = False,
    tick: Callable[[], None] = lambda: None,
    stop: Event | None = None,
) -> Report:
    """Build what is stale (everything with ``force``), recording each figure in the manifest
    as it completes, then the indexes. When ``stop`` is set (the CLI sets it on SIGINT), no new
    figure starts; the report says so and the indexes are left for the next build."""
    from sigplot.output.files import write_bytes

    stop = stop or Event()
    report = Report(failed=list(gallery.problems))
    todo = [e for e, _ in stale(gallery.entries, folder)] if not force else list(gallery.entries)
    report.todo = len(todo)
    todo_names = {e.name for e in todo}
    report.current = [e.name for e in gallery.entries if e.name not in todo_names]
    manifest.keep_only(folder, (e.name for e in gallery.entries))

    finished = 0

    def done(entry: Entry, result: Result) -> None:
        nonlocal finished
        finished += 1
        if isinstance(result, str):
            report.failed.append(Problem(entry.name, result))
            manifest.record(folder, entry.name, None)
        else:
            report.built.append(entry.name)
            report.warnings += [Problem(entry.name, message) for message in result.warnings]
            manifest.record(folder, entry.name, manifest.Record(entry.key(), result.files))
        tick()

    if jobs <= 1 or len(todo) <= 1:
        _run_serial(todo, folder, done, stop)
    else:
        _run_parallel(todo, folder, jobs, done, stop)
    report.interrupted = finished < len(todo)
    if report.interrupted:
        return report
    for name, text in indexes(gallery.entries, title).items():
        if _read(folder / name) != text:
            write_bytes(text.encode(), folder / name)
    return report


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def check(gallery: Gallery, folder: Path, title: str) -> list[str]:
    """Why the built gallery is out of date (empty when it is current); builds nothing."""
    reasons = [f"{e.name}: {why}" for e, why in stale(gallery.entries, folder)]
    for name, text in indexes(gallery.entries, title).items():
        if _read(folder / name) != text:
            reasons.append(f"{name}: out of date")
    return reasons
