"""Atomic file writes: a temporary file in the target's folder, then os.replace.

No matplotlib here, so writing text (gallery indexes, data files) stays cheap.
"""

from __future__ import annotations

import os
from pathlib import Path

from sigplot.errors import SigplotError


def check_target(path: str | os.PathLike[str]) -> Path:
    """Raise SigplotError now, before any work, if ``path`` can never be written."""
    target = Path(path)
    if target.is_dir():
        raise SigplotError("out", str(path), "is a folder, not a file")
    folder = target.parent
    if not folder.is_dir():
        raise SigplotError("out", str(path), f"is in a folder that does not exist: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SigplotError("out", str(path), f"cannot be written: no permission in {folder}")
    return target


def write_bytes(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, then os.replace.

    An existing file at ``path`` is either fully replaced or left untouched.
    """
    target = check_target(path)
    temp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    try:
        # O_EXCL: never follow or reuse another file; 0o666 lets the umask decide the mode.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise SigplotError("out", str(path), f"could not be written: {exc.strerror}") from exc
    return target
