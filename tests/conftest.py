"""Shared test setup: a headless backend, the matplotlib the baselines were drawn with, and
a note in the summary wherever an image was compared with a tolerance on another one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).parent.parent
_PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# The test extra pins the matplotlib that drew the image baselines and the gallery.
PINNED_MATPLOTLIB = next(
    d.split("==")[1] for d in _PYPROJECT["project"]["optional-dependencies"]["test"]
    if d.startswith("matplotlib==")
)  # fmt: skip
ON_PINNED = matplotlib.__version__ == PINNED_MATPLOTLIB
_NOTES: list[str] = []
# On another matplotlib, text metrics move the layout by a pixel or two (RMS 8-19 unblurred
# on 3.8.0), so both images are blurred (radius 3 px) before the RMS; the worst legitimate
# case measured on 3.8.0 was 6.6, a figure missing one of its curves gives 5.9-11.
OTHER_VERSION_BLUR, OTHER_VERSION_TOLERANCE = 3.0, 8.0


# Python for a docs tool's own code (Sphinx's conf.py, an MkDocs hook), run in the build's
# main process before any figure is drawn: it notes which process draws each figure (in
# pids.txt beside it, and the main process in main.txt) and fails a figure titled "boom".
DRAWING_SPY = """
import os
import sigplot.output.pipeline

HERE = os.path.dirname(os.path.abspath(__file__))
_produce = sigplot.output.pipeline.produce


def _noted(spec, targets):
    with open(os.path.join(HERE, "pids.txt"), "a") as out:
        out.write(f"{os.getpid()}\\n")
    if spec.title == "boom":
        raise RuntimeError("the drawing failed")
    return _produce(spec, targets)


sigplot.output.pipeline.produce = _noted
with open(os.path.join(HERE, "main.txt"), "w") as out:
    out.write(str(os.getpid()))
"""


def assert_matches_baseline(baseline: Path, actual: Path) -> None:
    """Pixel for pixel (RMS <= 1) on the pinned matplotlib; on any other, blurred RMS within
    a tolerance, named in the run's summary so nobody mistakes it for the exact check."""
    if ON_PINNED:
        from matplotlib.testing.compare import compare_images

        result = compare_images(str(baseline), str(actual), tol=1, in_decorator=True)
        assert result is None, result
        return
    import numpy as np
    from PIL import Image, ImageFilter

    def blurred(path: Path) -> np.ndarray:
        image = Image.open(path).convert("RGB").filter(ImageFilter.GaussianBlur(OTHER_VERSION_BLUR))
        return np.asarray(image, dtype=float)

    a, b = blurred(baseline), blurred(actual)
    assert a.shape == b.shape, (baseline.name, a.shape, b.shape)
    rms = float(np.sqrt(np.mean((a - b) ** 2)))
    _NOTES.append(f"{baseline.stem} {rms:.1f}")
    assert rms <= OTHER_VERSION_TOLERANCE, (baseline.name, rms)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _NOTES:
        terminalreporter.write_line(
            f"sigplot: matplotlib {matplotlib.__version__} is not the pinned {PINNED_MATPLOTLIB}: "
            f"{len(_NOTES)} images compared by RMS after a {OTHER_VERSION_BLUR:g} px blur, "
            f"tolerance {OTHER_VERSION_TOLERANCE:g}, not pixel for pixel: {', '.join(_NOTES)}"
        )
