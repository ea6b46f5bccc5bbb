"""What a rendered file depends on, hashed: the gallery's manifest and the Sphinx
directive's file names both use it to skip figures that are already drawn.

The key is what can change a figure's bytes: the resolved options (a sweep's default
frame count and rate too), the content of a style
sheet given by path, the output settings, matplotlib's version, and ``DRAWING_VERSION``,
which is bumped whenever sigplot's drawing changes its output (tests/test_render.py fails
when the image baselines change and the version does not). Editing a comment or the CLI
rebuilds nothing. Imports neither numpy nor matplotlib.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
from typing import Any

from sigplot.spec import sweep
from sigplot.spec.options import FigureSpec
from sigplot.spec.parse import DEFAULT_FPS

DRAWING_VERSION = 161
EXPLORER_VERSION = 1  # bumped whenever the explorer page (html) changes its bytes


@functools.cache
def matplotlib_version() -> str:
    """The installed matplotlib's version, read from its metadata (no import)."""
    return importlib.metadata.version("matplotlib")


def _style_digest(style: str | None) -> str | None:
    """A style sheet given by path counts by its content (a name by matplotlib's version)."""
    if style is None or not os.path.isfile(style):
        return None
    with open(style, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def fingerprint(spec: FigureSpec, **settings: Any) -> str:
    """A hex digest of the resolved options, output ``settings``, the drawing's version and
    matplotlib's."""
    basis = {
        "spec": spec.options(),
        "style": _style_digest(spec.style),
        **settings,
        "drawing": DRAWING_VERSION,
        "matplotlib": matplotlib_version(),
    }
    if "html" in settings.get("formats", ()):
        basis["explorer"] = EXPLORER_VERSION
    if spec.sweep is not None:  # a sweep's defaults resolved: how many frames, how fast
        basis["frames"] = [sweep.count(spec, animated=True), sweep.count(spec, animated=False)]
        basis["fps"] = spec.fps or DEFAULT_FPS
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()
