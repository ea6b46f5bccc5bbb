"""The README stays true: its test command is what CI runs, and its examples work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_the_readme_test_command() -> None:
    install_and_run, install_and_test = code_blocks("sh")[:2]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install_and_test.strip() in ci_lines
    assert "pytest" in install_and_test
    assert "sigplot --range -6 6 --out fig.svg" in install_and_run


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = code_blocks("python")
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "fig.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "blog.png").read_bytes().startswith(b"\x89PNG")


def test_readme_figure_is_what_sigplot_draws() -> None:
    import sigplot
    from sigplot.pipeline import render

    image = re.search(r"!\[(.*?)\]\((gallery/[^)]+\.svg)\)", README)
    assert image
    alt, path = image.groups()
    assert alt == sigplot.describe(sigplot.build_spec())
    assert (ROOT / path).read_bytes() == render(sigplot.build_spec(), "svg")
