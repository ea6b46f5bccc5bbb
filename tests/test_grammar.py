"""One grammar: a value valid in one front end is valid, and means the same, in all of them
(the command line, a gallery's TOML, the Sphinx and MyST directive, a MkDocs block, Python
keywords; for functions at parameters, ``evaluate`` too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

import sigplot
import sigplot.output.pipeline
from sigplot import FigureSpec, build_spec
from sigplot.cli import main
from sigplot.spec.options import OPTIONS
from sigplot.web import gallery

pytest.importorskip("mkdocs")
from sigplot.mkdocs import parse_block

pytest.importorskip("sphinx")
from sigplot.sphinxext import SigplotDirective

# (option, text as a user types it in any front end)
VALUES = [
    ("range", "1,2"), ("range", "-6 6"), ("range", "-1e3 2.5"), ("points", "1e3"),
    ("points", "401"), ("functions", "sigmoid,tanh"), ("functions", "relu gelu"),
    ("orders", "0 1 2"), ("orders", "1"), ("preset", "dark"), ("size", "6,4"),
    ("size", "7.5 3"), ("dpi", "72.5"), ("fontsize", "14"), ("title", "A $\\sigma$ title"),
    ("legend", "Upper Left"), ("tangent", "1.25"),
    ("gain", "0.5,2"), ("gain", "-1"), ("shift", "-1.5"), ("annotate", "true"),
    ("check", "yes"), ("transparent", "on"), ("style", "ggplot"), ("sweep", "Gain 0.5 5"),
    ("sweep", "tangent,-4,4.5"), ("layout", "Grid"), ("frames", "3"), ("fps", "24"),
    ("functions", "elu(alpha=0.5),elu(alpha=2)"), ("functions", "softplus(beta=2) relu"),
    ("functions", "hardtanh(min_val=-2, max_val=2), leaky_relu(negative_slope=0.2)"),
    ("functions", "rrelu(lower=1/10, upper=0.4)"), ("functions", "celu (alpha=2)"),
]  # fmt: skip
# Options that mean something only beside others, and those others.
CONTEXT = {"frames": {"sweep": "gain 1 2"}, "fps": {"sweep": "gain 1 2", "frames": "2"}}


def from_cli(name: str, text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FigureSpec:
    seen: list[FigureSpec] = []
    real = sigplot.output.pipeline.produce

    def record(spec: FigureSpec, targets: Any, *rest: Any) -> Any:
        seen.append(spec)
        return real(spec, targets, *rest)

    monkeypatch.setattr(sigplot.output.pipeline, "produce", record)
    option = OPTIONS[name]
    if option.flag:
        args = [f"--{name}"]
    else:
        args = [f"--{name}", *(text.split() if option.words > 1 else [text])]
    if name != "points":
        args += ["--points", "51"]
    for key, value in CONTEXT.get(name, {}).items():
        args += [f"--{key}", *value.split()]
    out = tmp_path / ("f.gif" if name == "fps" else "f.png")
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return seen[0]


def from_toml(name: str, text: str) -> FigureSpec:
    table: dict[str, Any] = {"name": "f", name: text, **CONTEXT.get(name, {})}
    if name == "fps":
        table["formats"] = ["gif"]  # frames per second mean something only when animated
    if name != "points":
        table["points"] = "51"
    return gallery.entry_from(table, {}).spec


def from_directive(name: str, text: str) -> FigureSpec:
    convert = SigplotDirective.option_spec[name]
    options = {name: convert(None if OPTIONS[name].flag else text), **CONTEXT.get(name, {})}
    if name != "points":
        options["points"] = "51"
    return build_spec(**options)


def from_mkdocs(name: str, text: str) -> FigureSpec:
    lines = [name if OPTIONS[name].flag else f"{name}: {text}"]
    lines += [f"{k}: {v}" for k, v in CONTEXT.get(name, {}).items()]
    if name != "points":
        lines.append("points: 51")
    return build_spec(**parse_block("\n".join(lines)))


def from_python(name: str, text: str) -> FigureSpec:
    points = {} if name == "points" else {"points": 51}
    return build_spec(**{name: text, **points, **CONTEXT.get(name, {})})


@pytest.mark.parametrize(("name", "text"), VALUES)
def test_every_front_end_reads_the_same_text_the_same_way(
    name: str, text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    python = from_python(name, text)
    assert from_toml(name, text) == python
    assert from_directive(name, text) == python
    assert from_mkdocs(name, text) == python
    assert from_cli(name, text, monkeypatch, tmp_path) == python


def test_every_option_is_in_the_table() -> None:
    assert {name for name, _ in VALUES} >= set(OPTIONS) - {"xlabel", "ylabel", "alt"}


@pytest.mark.parametrize(
    "text", ["elu(alpha=0.5)", "hardtanh(max_val=2, min_val=-2)", "rrelu(upper=1/3, lower=0.1)"]
)
def test_evaluate_reads_a_call_as_every_front_end_does(text: str) -> None:
    (canonical,) = from_python("functions", text).functions
    z = np.linspace(-3, 3, 13)
    for order in range(3):
        assert np.array_equal(
            sigplot.evaluate(text, z, order), sigplot.evaluate(canonical, z, order)
        )


def test_myst_and_mkdocs_draw_functions_at_parameters(tmp_path: Path) -> None:
    pytest.importorskip("myst_parser")
    src = tmp_path / "myst"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sigplot.sphinxext"]\n')
    fence = "```{sigplot}\n:functions: elu(alpha=0.5), elu(alpha=2)\n:points: 51\n```\n"
    (src / "index.md").write_text("# Example\n\n" + fence)
    argv = [sys.executable, "-m", "sphinx", "--no-color", "-W", str(src), str(tmp_path / "out")]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "index.html").read_text()
    assert "Elu with alpha 0.5 and elu with alpha 2" in page
    root = tmp_path / "mkdocs"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Example\nplugins:\n  - sigplot\n")
    block = "```sigplot\nfunctions: hardtanh(min_val=-2, max_val=2)\npoints: 51\n```\n"
    (root / "docs" / "index.md").write_text("# Example\n\n" + block)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          capture_output=True, text=True, check=False, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Hardtanh with min_val -2 and max_val 2" in (root / "site" / "index.html").read_text()
