"""``sigplot gallery``: many figures from one TOML file, in parallel and incrementally.

TOML -> one FigureSpec per ``[[figure]]`` (``[defaults]`` merged in) -> the pipeline in
worker processes, skipping figures whose spec, sigplot version and matplotlib version
match the manifest and whose files exist. Writes ``README.md`` and ``index.html``.
Deciding that nothing needs building imports neither numpy nor matplotlib.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sigplot.maths.errors import SigplotError
from sigplot.spec.formats import GALLERY
from sigplot.spec.options import (
    OPTION_NAMES,
    FigureSpec,
    build_spec,
    unknown_option,
)
from sigplot.spec.parse import parse_text
from sigplot.spec.sweep import animates, check_format
from sigplot.web import manifest
from sigplot.web.fingerprint import fingerprint

MANIFEST = manifest.MANIFEST
GALLERY_KEYS = ("name", "formats", "caption", "hidpi", "dark")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
# What the gallery writes itself (in any case, for case-insensitive file systems).
RESERVED = frozenset(name.lower() for name in ("README.md", "index.html", MANIFEST))


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
        if self.twin:
            out.append((f"{self.name}-dark", dataclasses.replace(self.spec, preset="dark")))
        return out

    @property
    def twin(self) -> bool:
        """Whether a dark twin is written: asked for, and the figure is not dark already
        (the twin of a dark-preset figure would be the same bytes)."""
        return self.dark and self.spec.preset != "dark"

    @property
    def poster(self) -> bool:
        """Whether the entry is animated, and so also writes a poster frame."""
        return any(animates(self.spec, fmt) for fmt in self.formats)

    def names(self, stem: str) -> dict[str, str]:
        """format (or png@2x, poster) -> file name, for one variant's stem."""
        from sigplot.web.pages import file_names

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
        if fmt not in GALLERY:
            known = ", ".join(GALLERY)
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
    caption = parse_text("caption", drawn=False)(merged.pop("caption", "")) or ""
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
        text = source.read_text(encoding="utf-8-sig")  # a BOM, as Notepad saves, is fine
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
        own = next((f for f in entry.files() if f.lower() in RESERVED), None)
        if own:
            problems.append(Problem(entry.name, f"name: {own} is the gallery's own page; "
                                    "choose another name"))  # fmt: skip
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
