"""Writing files without damaging what sits at the target.

- A regular file, or a new path, is written atomically: a temporary file beside it, then
  ``os.replace``, so the old content is either fully replaced or left untouched.
- A symbolic link to a regular file keeps the link: the file it points to is replaced,
  atomically, beside that file (as ``sed -i --follow-symlinks`` does).
- Anything else (a FIFO, a character device such as ``/dev/full``, a socket, and links to
  them such as ``/dev/stdout``) is written through, never replaced.
- A file replaced keeps its mode (a private 0600 figure stays private) and, where we may
  set them, its owner and group. A file with no write permission is left alone: its owner
  marked it read-only, and a rename over it would bypass what ``>`` in a shell honours.
- In a folder sigplot owns (a gallery's, a docs cache), what stands at one of its own
  names is replaced, whatever it is (``owned``): a link there is not followed.
- A temporary file is locked while it is written. One left by a run that was killed (a
  lock nobody holds, over a minute old) is removed by the next write of the same file;
  a live run's is never touched. :func:`private_folder` does the same for a sweep's
  scratch folder in the system's temporary folder.

No matplotlib here, so writing text (gallery indexes, data files) stays cheap.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from sigplot.maths.errors import SigplotError

STALE_SECONDS = 60  # a temporary file or folder this old, and unlocked, was left by the dead

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


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): the write will say
        return False


def check_target(path: str | os.PathLike[str], field: str = "out", owned: bool = False) -> Path:
    """Raise SigplotError now, before any work, if ``path`` can never be written (see the
    module's docstring for ``owned``)."""
    target = Path(path)
    try:
        here = target.lstat() if owned else None
    except OSError:
        here = None
    if (here is not None and stat.S_ISDIR(here.st_mode)) or (not owned and target.is_dir()):
        raise SigplotError(field, str(path), "is a folder, not a file")
    if not owned and _special(target) is not None:  # written through: must be writable
        if not os.access(target, os.W_OK):
            raise SigplotError(field, str(path), "cannot be written: no permission")
        return target
    real = target.absolute() if owned else Path(os.path.realpath(target))
    folder = real.parent
    if not folder.is_dir():
        raise SigplotError(field, str(path), f"is in a folder that does not exist: {folder}")
    if _read_only_fs(folder):
        raise SigplotError(field, str(path), f"cannot be written: {folder} is on a read-only "
                           "file system")  # fmt: skip
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SigplotError(field, str(path), f"cannot be written: no permission in {folder}")
    try:
        old = real.lstat()
    except OSError:
        return target
    if stat.S_ISREG(old.st_mode) and (not old.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise SigplotError(field, str(path), f"is read-only (mode {stat.S_IMODE(old.st_mode):04o})"
                           "; sigplot does not replace a file marked so: chmod u+w it, or "
                           "remove it")  # fmt: skip
    return target


# Set by the command's Ctrl-C handler: an interrupt Python swallowed (raised inside a
# weakref callback, "Exception ignored in": a sweep's GIF was then written, exit 0, in CI)
# still leaves nothing written.
INTERRUPTED = threading.Event()


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


def _lock(fd: int, wait: bool) -> bool:
    """Take an exclusive flock on ``fd``; False when another process holds it, or where
    there are no locks (not POSIX: nothing left behind is then ever known dead)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _hold(fd: int) -> None:
    """Lock a temporary file while it is written, so no other run takes it for dead."""
    _lock(fd, wait=True)


def _dead(fd: int) -> bool:
    """Whether no live process holds the lock on ``fd`` (we take it if so)."""
    return _lock(fd, wait=False)


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """Give the new file the old one's mode, and its owner and group where we may."""
    os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.fchown(fd, old.st_uid if os.geteuid() == 0 else -1, old.st_gid)


def _replace(data: bytes, target: Path) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    temp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    try:
        old = target.lstat()
    except OSError:
        old = None
    try:
        # O_EXCL: never follow or reuse another file; 0o666 lets the umask decide the mode.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            _hold(fd)
            if old is not None and stat.S_ISREG(old.st_mode):
                _keep_owner(fd, old)
            write_all(fd, data)
        finally:
            os.close(fd)
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    _clean_after_the_dead(target)


def _clean_after_the_dead(target: Path) -> None:
    """Remove the temporary files of ``target`` that runs killed mid-write left behind."""
    mine = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp")
    try:
        names = [e.name for e in os.scandir(target.parent) if mine.fullmatch(e.name)]
    except OSError:
        return
    for name in names:
        _remove_if_abandoned(target.parent / name, folder=False)


def _remove_if_abandoned(path: Path, folder: bool) -> None:
    """Remove ``path`` (a temporary file, or with ``folder`` a scratch folder) when a killed
    run left it: ours (a regular file; a folder we own), over STALE_SECONDS old, and locked
    by no live process. A link is never followed."""
    kind = os.O_DIRECTORY if folder else os.O_NONBLOCK  # a FIFO must not block the open
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | kind)
    except OSError:
        return
    try:
        status = os.fstat(fd)
        ours = status.st_uid == os.geteuid() if folder else stat.S_ISREG(status.st_mode)
        if ours and time.time() - status.st_mtime > STALE_SECONDS and _dead(fd):
            if folder:
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    finally:
        os.close(fd)


def write_bytes(
    data: bytes, path: str | os.PathLike[str], field: str = "out", *, owned: bool = False
) -> Path:
    """Write ``data`` to ``path`` by the rules in this module's docstring; returns ``path``.

    Raises SigplotError naming ``field`` and the path when the write fails (a full disk,
    no permission); a regular file is then left as it was.
    """
    target = check_target(path, field, owned)
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt
    try:
        status = None if owned else _special(target)
        if status is not None:
            _write_through(data, target, status)
        else:
            _replace(data, target.absolute() if owned else Path(os.path.realpath(target)))
    except BrokenPipeError:
        raise  # the reader went away (``| head``): the front end ends quietly
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SigplotError(field, str(path), f"could not be written: {reason}") from exc
    return target


def read_regular(path: Path) -> bytes | None:
    """The bytes of the regular file at ``path``, or None for anything else: missing, a
    link, a FIFO (whose reading would wait for a writer), a device, a folder."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)


_PRIVATE = re.compile(r"sigplot-[a-z0-9_]{8}")  # tempfile.mkdtemp's names, our prefix


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """A scratch folder in the system's temporary folder, locked while it is used and
    removed after; folders that killed runs left there (unlocked, over a minute old, ours)
    are removed first."""
    base = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in os.scandir(base):
            if _PRIVATE.fullmatch(entry.name):
                _remove_if_abandoned(base / entry.name, folder=True)
    folder = Path(tempfile.mkdtemp(prefix="sigplot-"))
    fd = os.open(folder, os.O_RDONLY)
    try:
        _hold(fd)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)
