"""``sigplot gallery``: many figures from one TOML file, in parallel and incrementally.

TOML -> one FigureSpec per ``[[figure]]`` (``[defaults]`` merged in) -> the pipeline in
worker processes, skipping figures whose spec, sigplot version and matplotlib version
match the manifest and whose files exist. Writes ``README.md`` and ``index.html``.
Deciding that nothing needs building imports neither numpy nor matplotlib.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shlex
import signal
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from sigplot import manifest
from sigplot.errors import SigplotError, reason, sigplot_warnings
from sigplot.fingerprint import fingerprint
from sigplot.spec import (
    OPTION_NAMES,
    OPTIONS,
    FigureSpec,
    build_spec,
    describe,
    option_words,
    unknown_option,
)
from sigplot.sweep import animates, check_format

MANIFEST = manifest.MANIFEST
GALLERY_KEYS = ("name", "formats", "caption", "hidpi", "dark")
# Formats a gallery may list: those matplotlib writes without extra software.
GALLERY_FORMATS = ("png", "svg", "pdf", "eps", "ps", "jpg", "jpeg", "webp", "tif", "tiff", "gif",
                   "svgz", "html", "mp4")  # fmt: skip
_NAME = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Entry:
    """One gallery figure: its spec, files to write and the words shown beside it."""

    name: str
    spec: FigureSpec
    formats: tuple[str, ...] = ("svg", "png")
    caption: str = ""
    hidpi: bool = False
    dark: bool = True  # also write NAME-dark.* with the dark preset (dark = false: not)

    def variants(self) -> list[tuple[str, FigureSpec]]:
        """(file stem, spec) for the light figure and, if asked, its dark twin."""
        out = [(self.name, self.spec)]
        if self.dark:
            out.append((f"{self.name}-dark", dataclasses.replace(self.spec, preset="dark")))
        return out

    @property
    def poster(self) -> bool:
        """Whether the entry is animated, and so also writes a poster frame."""
        return any(animates(self.spec, fmt) for fmt in self.formats)

    def names(self, stem: str) -> dict[str, str]:
        """format (or png@2x, poster) -> file name, for one variant's stem."""
        from sigplot.web import file_names

        return file_names(stem, self.formats, self.hidpi, self.poster)

    def files(self) -> list[str]:
        """Every file name this entry writes, relative to the output folder."""
        return [name for stem, _ in self.variants() for name in self.names(stem).values()]

    def key(self) -> str:
        """What the files depend on: the resolved options, sigplot's and matplotlib's versions."""
        return fingerprint(self.spec, formats=self.formats, hidpi=self.hidpi, dark=self.dark)


@dataclass(frozen=True)
class Problem:
    """A bad entry, reported by name (or position) with the reason; it is skipped."""

    name: str
    reason: str


@dataclass(frozen=True)
class Gallery:
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]


def _formats(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise SigplotError("formats", value, "must be a list of formats")
    for fmt in items:
        if fmt not in GALLERY_FORMATS:
            known = ", ".join(GALLERY_FORMATS)
            raise SigplotError("formats", fmt, f"is not a gallery format; known: {known}")
    return tuple(dict.fromkeys(items))


def _flag(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise SigplotError(key, value, "must be true or false")
    return value


def entry_from(table: Mapping[str, Any], defaults: Mapping[str, Any]) -> Entry:
    """One ``[[figure]]`` table (with the defaults under it) as a checked Entry."""
    merged = {**defaults, **table}
    for key in merged:
        if key not in OPTION_NAMES and key not in GALLERY_KEYS:
            raise unknown_option(key, (*OPTION_NAMES, *GALLERY_KEYS))
    name = merged.pop("name", None)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise SigplotError("name", name, "must be letters, digits, '-' or '_' (a file stem)")
    caption = merged.pop("caption", "")
    if not isinstance(caption, str):
        raise SigplotError("caption", caption, "must be text")
    entry = Entry(
        name=name,
        spec=FigureSpec(),
        formats=_formats(merged.pop("formats", ["svg", "png"])),
        caption=caption,
        hidpi=_flag("hidpi", merged.pop("hidpi", False)),
        dark=_flag("dark", merged.pop("dark", True)),
    )
    if entry.hidpi and "png" not in entry.formats:
        raise SigplotError(
            "hidpi", True, "needs png among the formats (NAME@2x.png pairs NAME.png)"
        )
    spec = build_spec(**merged)
    for fmt in entry.formats:
        check_format(spec, fmt, "formats")
    return dataclasses.replace(entry, spec=spec)


def load(path: str | os.PathLike[str]) -> Gallery:
    """Read a gallery file; bad entries become Problems, the rest Entries.

    Raises SigplotError for a file that cannot be read or is not valid TOML.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SigplotError("gallery", str(path), f"cannot be read: {reason}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = str(exc).replace(
            "end of document", f"end of document, line {text.count(chr(10)) + 1}"
        )
        raise SigplotError("gallery", str(path), f"is not valid TOML: {where}") from None
    extra = set(document) - {"defaults", "figure"}
    if extra:
        raise SigplotError("gallery", str(path), f"has unknown tables: {', '.join(sorted(extra))}")
    defaults = document.get("defaults", {})
    tables = document.get("figure", [])
    if not isinstance(defaults, dict) or not isinstance(tables, list):
        raise SigplotError("gallery", str(path), "needs a [defaults] table and [[figure]] tables")
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    owners: dict[str, str] = {}  # file name -> the figure that writes it
    for number, table in enumerate(tables, start=1):
        label = str(table.get("name", f"figure {number}"))
        try:
            entry = entry_from(table, defaults)
        except SigplotError as err:
            problems.append(Problem(label, str(err)))
            continue
        if entry.name in seen:
            problems.append(Problem(entry.name, "name: duplicate; every figure needs its own name"))
            continue
        clash = next((f for f in entry.files() if f in owners), None)
        if clash:
            reason = f"name: {clash} is written by {owners[clash]!r} already"
            problems.append(Problem(entry.name, reason))
            continue
        seen.add(entry.name)
        owners.update(dict.fromkeys(entry.files(), entry.name))
        entries.append(entry)
    return Gallery(tuple(entries), tuple(problems))


def stale(entries: tuple[Entry, ...], folder: Path) -> list[tuple[Entry, str]]:
    """The entries to build, each with why: new, changed, or files missing, edited or truncated
    (every file's content is checked against the hash the manifest recorded)."""
    built = manifest.read(folder)
    out = []
    for entry in entries:
        record = built.get(entry.name)
        if record is None:
            out.append((entry, "new"))
        elif record.key != entry.key() or set(record.files) != set(entry.files()):
            out.append((entry, "changed"))
        else:
            bad = manifest.damaged(record, folder)
            missing = [f for f in bad if not (folder / f).is_file()]
            edited = [f for f in bad if f not in missing]
            why = [f"missing {', '.join(missing)}"] if missing else []
            why += [f"edited or truncated {', '.join(edited)}"] if edited else []
            if why:
                out.append((entry, "; ".join(why)))
    return out


@dataclass(frozen=True)
class Built:
    """What drawing one entry gave: file name -> SHA-256, and sigplot's warnings."""

    files: dict[str, str]
    warnings: tuple[str, ...] = ()


def build_entry(entry: Entry, folder: str) -> Built:
    """Render every file of one entry (in a worker), collecting sigplot's warnings so the
    parent prints them as lines of its own rather than raw Python warnings."""
    from sigplot import web
    from sigplot.manifest import digest
    from sigplot.pipeline import produce

    written: dict[str, str] = {}
    with sigplot_warnings() as messages:
        for stem, spec in entry.variants():
            targets = web.targets(Path(folder), stem, entry.formats, entry.hidpi, entry.poster)
            made = produce(spec, targets)
            written |= {Path(str(t.path)).name: digest(made.files[t]) for t in targets}
    return Built(written, tuple(messages))


def command(spec: FigureSpec, out: str) -> str:
    """The ``sigplot`` command line that draws ``spec`` to ``out``, losslessly: every
    number is written as short as it reads back exactly (1/3 as 0.3333333333333333)."""
    default = FigureSpec()
    words = ["sigplot"]
    for name, option in OPTIONS.items():
        value = getattr(spec, name)
        if value == getattr(default, name):
            continue
        words += [f"--{name}"] if option.flag else [f"--{name}", *option_words(name, value)]
    words += ["--out", out]
    return shlex.join(words)


def _picture(entry: Entry, alt: str) -> str:
    """The entry's <picture> (dark variant, 2x PNG, reduced-motion poster: see web.py),
    and a link to its HTML player when it has one."""
    from sigplot.web import picture

    dark = entry.names(f"{entry.name}-dark") if entry.dark else None
    shown = picture(entry.names(entry.name), alt, dark=dark)
    if "html" in entry.formats:
        shown += f'<a class="player" href="{entry.name}.html">play, pause and scrub</a>'
    return shown


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1rem; }}
.grid {{ display: grid; gap: 1.5rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 28rem), 1fr)); }}
figure {{ margin: 0; }}
.wide {{ grid-column: 1 / -1; }}
img {{ width: 100%; height: auto; }}
figcaption code {{ display: block; font-size: 0.8rem; overflow-wrap: anywhere; opacity: 0.8; }}
@media (prefers-color-scheme: dark) {{ body {{ background: #1E1E24; color: #E8E8EC; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<div class="grid">
{figures}
</div>
</body>
</html>
"""


def index_html(entries: tuple[Entry, ...], title: str) -> str:
    """A self-contained page: responsive grid, alt text, captions, reproducing commands."""
    figures = []
    for e in entries:
        cmd = html.escape(command(e.spec, f"{e.name}.{e.formats[0]}"))
        caption = html.escape(e.caption or describe(e.spec))
        grid = e.spec.layout == "grid" or (e.spec.sweep is not None and not e.poster)
        wide = ' class="wide"' if grid else ""  # small multiples take the whole row
        figures.append(
            f'<figure id="{e.name}"{wide}>{_picture(e, describe(e.spec))}'
            f"<figcaption>{caption}<code>{cmd}</code></figcaption></figure>"
        )
    return _PAGE.format(title=html.escape(title), figures="\n".join(figures))


def index_markdown(entries: tuple[Entry, ...], title: str) -> str:
    """README.md for any git host: each figure with alt text, caption and command."""
    lines = [f"# {title}", "", "Built by `sigplot gallery`; edit the spec, not these files.", ""]
    for e in entries:
        lines += [f"## {e.name}", "", _picture(e, describe(e.spec)), ""]
        if e.caption:
            lines += [e.caption, ""]
        lines += ["```sh", command(e.spec, f"{e.name}.{e.formats[0]}"), "```", ""]
    return "\n".join(lines)


def indexes(entries: tuple[Entry, ...], title: str) -> dict[str, str]:
    return {"README.md": index_markdown(entries, title), "index.html": index_html(entries, title)}


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

    from sigplot import workers

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
    from sigplot.files import write_bytes

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
