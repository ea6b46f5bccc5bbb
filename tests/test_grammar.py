"""One grammar: a value valid in one front end is valid, and means the same, in all four
(the command line, a gallery's TOML, the Sphinx directive, Python keywords)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import sigplot.output.pipeline
from sigplot import FigureSpec, build_spec
from sigplot.cli import main
from sigplot.spec.options import OPTIONS
from sigplot.web import gallery

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
    assert from_cli(name, text, monkeypatch, tmp_path) == python


def test_every_option_is_in_the_table() -> None:
    assert {name for name, _ in VALUES} >= set(OPTIONS) - {"xlabel", "ylabel", "alt"}
