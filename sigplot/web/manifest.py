"""The gallery's manifest: what was built into a folder, and the hash of every file it wrote.

``.sigplot-manifest.json`` maps each figure's name to its key (what its files depend on)
and the SHA-256 of each file written. It is updated as each figure completes, under an
exclusive lock on the folder itself (``flock`` on its descriptor, so no lock file is left
behind) and by an atomic replace, re-reading what is
there first, so an interrupted build keeps its finished figures and two builds of one
folder at once merge rather than overwrite each other. Imports neither numpy nor
matplotlib.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sigplot.output.files import read_regular, write_bytes

MANIFEST = ".sigplot-manifest.json"
_FORMAT = 2  # manifests of format 1 (name -> key, no hashes) are read as empty


@dataclass(frozen=True)
class Record:
    """One built figure: the key its files were drawn for and each file's SHA-256."""

    key: str
    files: Mapping[str, str]


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, as the manifest stores it."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the regular file at ``path``; None when it cannot be read or is no
    regular file (a link, even to a good file, a FIFO, a folder): what stands there is then
    drawn again and replaced."""
    data = read_regular(path)
    return None if data is None else digest(data)


def read(folder: Path) -> dict[str, Record]:
    """name -> Record of what was built into ``folder`` (empty if none, old or unreadable)."""
    try:
        data = json.loads((read_regular(folder / MANIFEST) or b"{}").decode("utf-8"))
        if data.get("format") != _FORMAT:
            return {}
        return {
            str(name): Record(str(item["key"]), {str(f): str(h) for f, h in item["files"].items()})
            for name, item in data["figures"].items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def verified(folder: Path, names: Iterable[str]) -> dict[str, bytes]:
    """The bytes of each of ``names`` that is a regular file in ``folder`` holding the hash
    the folder's manifest records for it: a planted file, a link or changed bytes are left
    out, so a docs cache publishes only what sigplot wrote there."""
    recorded = {f: h for r in read(folder).values() for f, h in r.files.items()}
    found = {}
    for name in names:
        data = read_regular(folder / name)
        if data is not None and recorded.get(name) == digest(data):
            found[name] = data
    return found


def damaged(record: Record, folder: Path) -> list[str]:
    """The files of ``record`` that are missing, edited or truncated in ``folder``."""
    return [f for f, h in record.files.items() if file_digest(folder / f) != h]


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive flock on ``folder`` (none where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock; the atomic replace still keeps the file whole
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write(folder: Path, records: Mapping[str, Record]) -> None:
    document = {
        "format": _FORMAT,
        "figures": {
            name: {"key": r.key, "files": dict(sorted(r.files.items()))}
            for name, r in sorted(records.items())
        },
    }
    text = json.dumps(document, indent=1) + "\n"
    write_bytes(text.encode(), folder / MANIFEST, "manifest", owned=True)


def record(folder: Path, name: str, entry: Record | None) -> None:
    """Set (or with None, drop) one figure's record, merged with what is there now. A record
    whose files no longer hold what it says (another build wrote them since) is dropped
    instead, so every hash in the manifest is that of the file beside it."""
    with locked(folder):
        if entry is not None and damaged(entry, folder):
            entry = None
        records = read(folder)
        if entry is None and name not in records:
            return
        if entry is None:
            del records[name]
        else:
            records[name] = entry
        _write(folder, records)


def keep_only(folder: Path, names: Iterable[str]) -> None:
    """Drop the records of figures no longer in the gallery."""
    wanted = set(names)
    with locked(folder):
        records = read(folder)
        if set(records) <= wanted:
            return
        _write(folder, {n: r for n, r in records.items() if n in wanted})
