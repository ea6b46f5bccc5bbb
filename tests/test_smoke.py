"""The smoke suite: every CLI feature once, a gallery build and a Sphinx build, run (with
the image baselines, marked ``smoke`` in test_render.py) on every matplotlib, numpy and
Python that pyproject allows, by tests/versions.py. On each, a figure that is fine must
draw without a single warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sigplot.cli import main

pytestmark = pytest.mark.smoke
ROOT = Path(__file__).parent.parent

# (what it shows, arguments, the file it writes): every option of the command once.
FEATURES = [
    ("range, svg", ["--range", "-6", "6"], "f.svg"),
    ("orders 0-3, pdf", ["-d", "0,1,2,3"], "o.pdf"),
    ("post preset", ["--preset", "post"], "p.png"),
    ("dark preset, transparent", ["--preset", "dark", "--transparent"], "d.png"),
    ("comparison, annotate", ["-f", "sigmoid,tanh", "--annotate"], "c.png"),
    ("gain family and shift", ["--gain", "0.5,1,2", "--shift", "1", "-d", "0"], "g.svg"),
    ("check", ["--check", "-d", "0,1,2"], "k.png"),
    ("kinks", ["-f", "relu,softsign", "-d", "0,1,2"], "r.png"),
    ("style", ["--style", "ggplot"], "s.png"),
    ("text options", ["--title", "T", "--xlabel", "$z$", "--ylabel", "y", "--alt", "A"], "t.svg"),
    ("size, dpi, legend", ["--size", "6", "4", "--dpi", "80", "--legend", "upper left"], "z.png"),
    ("points, eps", ["--points", "101"], "e.eps"),
    ("svgz", [], "f.svgz"),
    ("jpg", [], "f.jpg"),
    ("webp", [], "f.webp"),
    ("tangent", ["--tangent", "1"], "tangent.svg"),
    ("tangent sweep, gif", ["--sweep", "tangent", "-2", "2", "--frames", "3"], "ts.gif"),
    ("gain sweep, html", ["--sweep", "gain", "1", "4", "--frames", "3", "--fps", "5"], "gs.html"),
    ("shift sweep, webp", ["--sweep", "shift", "-1", "1", "--frames", "3"], "ss.webp"),
    ("sweep panels", ["--sweep", "gain", "1", "4", "--frames", "4"], "sp.png"),
    ("function grid", ["-f", "sigmoid,relu,gelu", "--layout", "grid"], "fg.svg"),
]


@pytest.mark.parametrize(("what", "args", "out"), FEATURES, ids=[f[0] for f in FEATURES])
def test_every_feature_draws_without_a_warning(
    what: str, args: list[str], out: str, tmp_path: Path
) -> None:
    target = tmp_path / out
    result = CliRunner().invoke(main, [*args, "--out", str(target)])
    assert result.exit_code == 0, result.output
    # No "Warning:" line: the figure has room, and nothing from matplotlib is relayed.
    assert "Warning" not in result.stderr
    assert result.stderr == "" or result.stderr.startswith("check: max |analytic")
    assert target.stat().st_size > 0


def test_stdout_data_and_list(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["--out", "-", "--format", "svg", "--data", str(tmp_path / "v.csv")]
    )
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"<?xml")
    assert (tmp_path / "v.csv").read_text().startswith("z,sigmoid,sigmoid'")
    assert runner.invoke(main, ["--data", str(tmp_path / "v.json")]).exit_code == 0
    assert "hardshrink" in runner.invoke(main, ["list"]).stdout


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=False, cwd=cwd, timeout=300
    )


def test_the_real_entry_point(tmp_path: Path) -> None:
    done = run("-m", "sigplot", "-f", "sigmoid,gelu", "--out", str(tmp_path / "f.png"))
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_a_gallery_builds_in_parallel_then_does_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(
        '[defaults]\nformats = ["svg", "png"]\nhidpi = true\n\n'
        '[[figure]]\nname = "a"\ndark = true\n\n'
        '[[figure]]\nname = "b"\nfunctions = ["tanh", "relu"]\nannotate = true\n'
    )
    first = run("-m", "sigplot", "gallery", str(spec), "-j", "2")
    assert first.returncode == 0 and first.stderr == "", first.stderr
    assert first.stdout.strip() == "gallery: 2 built, 0 up to date, 0 failed"
    again = run("-m", "sigplot", "gallery", str(spec), "--check")
    assert again.returncode == 0, again.stderr


def test_a_sphinx_build_with_no_warning(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["sigplot.sphinxext"]\nsigplot_dark = True\n')
    (tmp_path / "index.rst").write_text(
        "Smoke\n=====\n\n.. sigplot::\n   :functions: sigmoid, tanh\n   :caption: Two\n"
    )
    out = tmp_path / "_build"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(tmp_path), str(out)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = (out / "index.html").read_text()
    assert page.count("_images/sigplot/sigplot-") >= 4  # light and dark, svg and png


@pytest.mark.parametrize("options", [
    {"functions": "hardtanh,softsign", "orders": "0,1,2", "annotate": True},
    {"functions": "relu6", "annotate": True}, {"range": (0, 5)}, {"preset": "post"},
])  # fmt: skip
def test_the_bytes_do_not_depend_on_where_matplotlib_keeps_the_ticks(
    options: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """matplotlib pads a spine's extent by the tick a set of ticks yields first, an order
    that follows the ticks' memory addresses; sigplot's ticks differ (sides, hidden ones),
    so a layout counting spines would change in its last bits from run to run."""
    from matplotlib.axis import Tick

    from sigplot.output.pipeline import render
    from sigplot.spec.options import build_spec

    spec = build_spec(points=101, **options)
    drawn = {render(spec, "svg")}
    for order in (lambda t: -id(t), lambda t: (id(t) * 2654435761) % (1 << 31)):
        monkeypatch.setattr(Tick, "__hash__", order)
        drawn.add(render(spec, "svg"))
    assert len(drawn) == 1
