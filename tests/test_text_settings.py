"""Text settings in the cache keys: figures drawn one after another in one process under
different styles (math fonts, hinting) are each what a fresh process draws."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib as mpl
import pytest

from sigplot._speedups import text_settings
from sigplot.output.pipeline import render
from sigplot.spec.options import build_spec

# the caches these keys serve lean on matplotlib's internals
pytestmark = [pytest.mark.smoke, pytest.mark.speedups]

STYLES = {
    "serif.mplstyle": "mathtext.fontset: custom\nmathtext.it: DejaVu Serif:italic\n"
    "mathtext.rm: DejaVu Serif\n",
    "sans.mplstyle": "mathtext.fontset: custom\nmathtext.it: DejaVu Sans:italic\n"
    "mathtext.rm: DejaVu Sans\ntext.hinting: no_hinting\n",
}


def test_the_settings_follow_the_rc() -> None:
    plain = text_settings.now()
    with mpl.rc_context({"text.hinting": "no_hinting"}):
        hinted = text_settings.now()
        with mpl.rc_context({"mathtext.fontset": "stix"}):
            assert text_settings.now() not in (plain, hinted)
        assert text_settings.now() == hinted != plain
    with mpl.rc_context({"lines.linewidth": 7}):  # not a text setting
        assert text_settings.now() == plain


def test_figures_in_other_styles_do_not_share_text(tmp_path: Path) -> None:
    for name, text in STYLES.items():
        (tmp_path / name).write_text(text)
    serif, sans = (str(tmp_path / name) for name in STYLES)
    code = (
        "import sys; from sigplot.output.pipeline import render; "
        "from sigplot.spec.options import build_spec; "
        "sys.stdout.buffer.write(render(build_spec(points=101, style=sys.argv[1]), sys.argv[2]))"
    )
    for first, then in ((serif, sans), (sans, serif)):
        for fmt in ("svg", "png"):
            render(build_spec(points=101, style=first), fmt)  # remembered in this process
            after = render(build_spec(points=101, style=then), fmt)
            fresh = subprocess.run(
                [sys.executable, "-c", code, then, fmt], capture_output=True, check=True
            ).stdout
            assert after == fresh, (Path(then).name, fmt)
