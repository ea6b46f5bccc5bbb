"""Building a gallery: the stale figures drawn in worker processes (or in turn), each
recorded in the manifest as it completes, then the index pages; and ``--check``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event

from sigplot.maths.errors import SigplotError, reason, sigplot_warnings
from sigplot.web import manifest, workers
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


def _failure(exc: Exception) -> str:
    """A figure's exception as its one-line reason."""
    return reason(exc) if isinstance(exc, SigplotError) else f"failed: {reason(exc)}"


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

    def keep(name: str | None, record: manifest.Record | None = None) -> None:
        """Record one figure (None: drop those no longer in the gallery). A manifest that
        cannot be written (a full disk, a folder in its place) fails the run with one line,
        said once, while the figures go on being built."""
        try:
            if name is None:
                manifest.keep_only(folder, (e.name for e in gallery.entries))
            else:
                manifest.record(folder, name, record)
        except SigplotError as err:
            if manifest.MANIFEST not in (p.name for p in report.failed):
                report.failed.append(Problem(manifest.MANIFEST, str(err)))

    keep(None)
    finished = 0

    task = functools.partial(build_entry, folder=str(folder))
    for entry, built, why in workers.run(task, todo, jobs, _failure, stop):
        finished += 1
        if built is None:
            report.failed.append(Problem(entry.name, why or ""))
            keep(entry.name)
        else:
            report.built.append(entry.name)
            report.warnings += [Problem(entry.name, message) for message in built.warnings]
            keep(entry.name, manifest.Record(entry.key(), built.files))
        tick()
    report.interrupted = finished < len(todo)
    if report.interrupted:
        return report
    for name, text in indexes(gallery.entries, title, folder).items():
        if _read(folder / name) != text:
            try:
                write_bytes(text.encode(), folder / name, "index", owned=True)
            except SigplotError as err:
                report.failed.append(Problem(name, str(err)))
    return report


def _read(path: Path) -> str | None:
    """The text of the regular file at ``path`` (None for anything else: a FIFO there
    must not hang ``--check``)."""
    from sigplot.output.files import read_regular

    data = read_regular(path)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def check(gallery: Gallery, folder: Path, title: str) -> list[str]:
    """Why the built gallery is out of date (empty when it is current); builds nothing."""
    reasons = [f"{e.name}: {why}" for e, why in stale(gallery.entries, folder)]
    for name, text in indexes(gallery.entries, title, folder).items():
        if _read(folder / name) != text:
            reasons.append(f"{name}: out of date")
    return reasons
