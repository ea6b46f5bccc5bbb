"""A headless Chromium driven over the DevTools protocol through a pipe (no port, no
package): real key presses, whose focus moves and default actions the browser performs
itself, which a script's synthetic events cannot do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# Put the two pipe ends on fds 3 and 4 and become Chromium (a shell's redirections take
# single-digit fds only; a preexec_fn is unsafe with threads).
WIRE = """import fcntl, os, sys
ends = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]
os.dup2(ends[0], 3)
os.dup2(ends[1], 4)
os.execv(sys.argv[3], sys.argv[3:])"""
KEYS = {"Tab": 9, "Enter": 13, "ArrowRight": 39, "ArrowLeft": 37, "End": 35, "Home": 36}


class Browser:
    """One Chromium with one page; ``call`` sends a DevTools command and waits for its
    reply (events in between are dropped)."""

    def __init__(self, executable: str, profile: Path, *flags: str) -> None:
        ours_read, self._write = os.pipe()  # Chromium reads commands on its fd 3
        self._read, ours_write = os.pipe()  # and writes replies on its fd 4
        self.process = subprocess.Popen(
            [sys.executable, "-c", WIRE, str(ours_read), str(ours_write),
             executable, "--headless", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND", *flags, "about:blank"],
            pass_fds=(ours_read, ours_write),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(ours_read)
        os.close(ours_write)
        self._count = 0
        self._pending = b""
        self._session: str | None = None

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._count += 1
        message: dict[str, Any] = {"id": self._count, "method": method, "params": params}
        if self._session and not method.startswith("Target."):
            message["sessionId"] = self._session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._pending:
                chunk = os.read(self._read, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed its pipe")
                self._pending += chunk
            raw, self._pending = self._pending.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._count:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return dict(reply.get("result", {}))

    def open(self, uri: str) -> None:
        """Open ``uri`` in a new page and wait until it has loaded."""
        target = self.call("Target.createTarget", url=uri)["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        deadline = time.monotonic() + 30
        loaded = f"location.href === {json.dumps(uri)} && document.readyState === 'complete'"
        while not self.js(loaded):
            if time.monotonic() > deadline:
                raise TimeoutError(uri)
            time.sleep(0.05)

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def press(self, key: str, shift: bool = False) -> None:
        """One key (with Shift), pressed and released, as a reader's keyboard sends it."""
        text = {"Enter": "\r"}.get(key, "")
        for kind in ("keyDown", "keyUp"):
            typed = text if kind == "keyDown" else ""
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=key,
                      windowsVirtualKeyCode=KEYS[key], text=typed,
                      modifiers=8 if shift else 0)  # fmt: skip

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
