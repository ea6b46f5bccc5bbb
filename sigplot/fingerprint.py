"""What a rendered file depends on, hashed: the gallery's manifest and the Sphinx
directive's file names both use it to skip figures that are already drawn.

Reads versions from metadata and sigplot's own source; imports neither numpy nor
matplotlib.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from pathlib import Path
from typing import Any

from sigplot import __version__
from sigplot.spec import FigureSpec


@functools.cache
def matplotlib_version() -> str:
    """The installed matplotlib's version, read from its metadata (no import)."""
    return importlib.metadata.version("matplotlib")


@functools.cache
def sigplot_build() -> str:
    """sigplot's version plus a digest of its source, so a code change counts as a new version
    (a development checkout rebuilds, and CI's --check catches figures not rebuilt)."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def fingerprint(spec: FigureSpec, **settings: Any) -> str:
    """A hex digest of the resolved options, output ``settings``, sigplot and matplotlib."""
    basis = {
        "spec": spec.options(),
        **settings,
        "sigplot": sigplot_build(),
        "matplotlib": matplotlib_version(),
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()
