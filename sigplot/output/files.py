"""Writing files without damaging what sits at the target.

- A regular file, or a new path, is written atomically: a temporary file beside it, then
  ``os.replace``, so the old content is either fully replaced or left untouched.
- A symbolic link to a regular file keeps the link: the file it points to is replaced,
  atomically, beside that file (as ``sed -i --follow-symlinks`` does).
- Anything else (a FIFO, a character device such as ``/dev/full``, a socket, and links to
  them such as ``/dev/stdout``) is written through, never replaced.

No matplotlib here, so writing text (gallery indexes, data files) stays cheap.
"""

from __future__ import annotations

import os
import re
import socket
import stat
from pathlib import Path

from sigplot.maths.errors import SigplotError

# A link that names one of this process's descriptors; opening it fails for a socket.
_FD_LINK = re.compile(r"^/(?:proc/self|dev)/fd/(\d+)$")


def _special(path: Path) -> os.stat_result | None:
    """The status of what ``path`` leads to when that is not a regular file or a folder."""
    try:
        status = path.stat()
    except OSError:
        return None
    if stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode):
        return None
    return status


def check_target(path: str | os.PathLike[str], field: str = "out") -> Path:
    """Raise SigplotError now, before any work, if ``path`` can never be written."""
    target = Path(path)
    if target.is_dir():
        raise SigplotError(field, str(path), "is a folder, not a file")
    if _special(target) is not None:  # written through: the file itself must be writable
        if not os.access(target, os.W_OK):
            raise SigplotError(field, str(path), "cannot be written: no permission")
        return target
    folder = Path(os.path.realpath(target)).parent
    if not folder.is_dir():
        raise SigplotError(field, str(path), f"is in a folder that does not exist: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SigplotError(field, str(path), f"cannot be written: no permission in {folder}")
    return target


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd``; a short write is continued, an error raised
    (Python's buffered files can report a short write to a pipe as success)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _descriptor(path: Path) -> int | None:
    """The descriptor number a link chain such as /dev/stdout -> /proc/self/fd/1 names."""
    current = str(path)
    for _ in range(40):  # the kernel's own limit on nested links
        match = _FD_LINK.match(current)
        if match:
            return int(match.group(1))
        try:
            current = os.path.join(os.path.dirname(current), os.readlink(current))
        except OSError:
            return None
    return None


def _write_through(data: bytes, path: Path, status: os.stat_result) -> None:
    """Write into a FIFO, device or socket (or a link to one) without replacing it."""
    if stat.S_ISSOCK(status.st_mode):
        fd = _descriptor(path)
        if fd is not None:  # our own descriptor, e.g. stdout connected to a socket
            write_all(fd, data)
            return
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
            peer.connect(str(path))
            peer.sendall(data)
        return
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def _replace(data: bytes, target: Path) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    temp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    try:
        # O_EXCL: never follow or reuse another file; 0o666 lets the umask decide the mode.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_bytes(data: bytes, path: str | os.PathLike[str], field: str = "out") -> Path:
    """Write ``data`` to ``path`` by the rules in this module's docstring; returns ``path``.

    Raises SigplotError naming ``field`` and the path when the write fails (a full disk,
    no permission); a regular file is then left as it was.
    """
    target = check_target(path, field)
    try:
        status = _special(target)
        if status is not None:
            _write_through(data, target, status)
        else:
            _replace(data, Path(os.path.realpath(target)))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SigplotError(field, str(path), f"could not be written: {reason}") from exc
    return target
