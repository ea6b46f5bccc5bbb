"""The README stays true: its test command is what CI runs, and its examples work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sigplot
from sigplot.output.command import options_table
from sigplot.output.pipeline import render
from sigplot.web import gallery, gallery_build

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_the_readme_test_command() -> None:
    install_and_run, install_and_test = code_blocks("sh")[:2]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install_and_test.strip() in ci_lines
    assert "pytest" in install_and_test and "gallery/gallery.toml --check" in install_and_test
    assert "sigplot --range -6 6 --out fig.svg" in install_and_run


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = [b for b in code_blocks("python") if not b.startswith("# conf.py")]
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "fig.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "blog.png").read_bytes().startswith(b"\x89PNG")


def test_sphinx_example_builds(tmp_path: Path) -> None:
    conf = next(b for b in code_blocks("python") if b.startswith("# conf.py"))
    (rst,) = code_blocks("rst")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(conf)
    (src / "index.rst").write_text("Example\n=======\n\n" + rst)
    argv = [sys.executable, "-m", "sphinx", "--no-color", "-W", str(src), str(tmp_path / "out")]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "index.html").read_text()
    assert 'alt="The sigmoid and tanh with their first derivatives"' in page
    assert "Fig. 1" in page and 'class="only-dark"' in page


def test_gallery_example_builds(tmp_path: Path) -> None:
    toml = next(b for b in code_blocks("toml") if "sigmoid-vs-tanh" in b)
    spec = tmp_path / "g.toml"
    spec.write_text(toml)
    book = gallery.load(spec)
    assert not book.problems
    report = gallery_build.build(book, tmp_path, title="t", jobs=1)
    assert report.built == ["sigmoid-vs-tanh"]
    assert (tmp_path / "sigmoid-vs-tanh-dark@2x.png").exists()


def test_readme_images_are_gallery_figures_with_their_alt_text() -> None:
    book = {e.name: e for e in gallery.load(ROOT / "gallery" / "gallery.toml").entries}
    images = re.findall(r"!\[(.*?)\]\(gallery/([^)]+)\.svg\)", README)
    assert len(images) >= 5
    for alt, name in images:
        assert (ROOT / "gallery" / f"{name}.svg").is_file()
        assert alt == sigplot.describe(book[name].spec), name


def test_readme_figure_is_what_sigplot_draws() -> None:
    alt, path = re.findall(r"!\[(.*?)\]\((gallery/[^)]+\.svg)\)", README)[0]
    assert alt == sigplot.describe(sigplot.build_spec())
    assert (ROOT / path).read_bytes() == render(sigplot.build_spec(), "svg")


def test_the_option_table_is_the_declaration() -> None:
    # Regenerate with:
    # python -c "from sigplot.output.command import options_table as t; print(t())"
    assert options_table() in README


def fenced(language: str) -> list[str]:
    """Blocks fenced with four backticks (they show a fence of three inside)."""
    return re.findall(rf"````{language}\n(.*?)\n````", README, flags=re.DOTALL)


def test_myst_recipe_builds_strictly(tmp_path: Path) -> None:
    pytest.importorskip("myst_parser")
    myst = next(b for b in fenced("markdown") if "{sigplot}" in b)
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sigplot.sphinxext"]\n')
    (src / "index.md").write_text("# Example\n\n" + myst + "\n")
    argv = [sys.executable, "-m", "sphinx", "--no-color", "-W", str(src), str(tmp_path / "out")]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "<picture" in (tmp_path / "out" / "index.html").read_text()


def _mkdocs(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_mkdocs_plugin_recipe_builds_strictly(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    plugins = next(b for b in code_blocks("yaml") if b.startswith("plugins:"))
    block = next(b for b in fenced("markdown") if b.startswith("```sigplot"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Example\n" + plugins)
    (tmp_path / "docs" / "index.md").write_text("# Example\n\n" + block + "\n")
    done = _mkdocs(tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text()
    assert "<figcaption>The slope of each at z = 1</figcaption>" in page


def test_mkdocs_gallery_recipe_builds_strictly(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    command = next(b for b in code_blocks("sh") if "--out-dir docs/figures" in b).strip()
    exclude = next(b for b in code_blocks("yaml") if b.startswith("exclude_docs"))
    image = next(b for b in code_blocks("markdown") if "](figures/" in b)
    (tmp_path / "docs").mkdir()
    (tmp_path / "figures.toml").write_text('[[figure]]\nname = "sigmoid"\npoints = 201\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: Example\n" + exclude)
    (tmp_path / "docs" / "index.md").write_text("# Example\n\n" + image)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
        check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "figures" / "sigmoid.svg").is_file()
    assert not (tmp_path / "site" / "figures" / "index.html").exists()


# The files of PyTorch's activation images, as its docs script (docs/source/scripts/
# build_activation_images.py) names them: each torch.nn activation's class name; GLU is
# not elementwise and is left out.
TORCH_IMAGES = [
    "ELU", "Hardshrink", "Hardtanh", "Hardsigmoid", "Hardswish", "LeakyReLU", "LogSigmoid",
    "PReLU", "ReLU", "ReLU6", "RReLU", "SELU", "SiLU", "Mish", "CELU", "GELU", "Sigmoid",
    "Softplus", "Softshrink", "Softsign", "Tanh", "Tanhshrink", "Threshold",
]  # fmt: skip


def test_the_torch_nn_gallery_builds_every_image_pytorch_names(tmp_path: Path) -> None:
    toml = next(b for b in code_blocks("toml") if "torch.nn" in b)
    spec = tmp_path / "torch-nn.toml"
    spec.write_text(toml)
    book = gallery.load(spec)
    assert not book.problems
    assert [e.name for e in book.entries] == TORCH_IMAGES
    for e in book.entries:  # each with its derivative, at PyTorch's defaults
        assert e.spec.orders == (0, 1) and e.spec.range == (-7.0, 7.0)
        assert "(" not in e.spec.functions[0]
    report = gallery_build.build(book, tmp_path, title="torch.nn", jobs=2)
    assert sorted(report.built) == sorted(TORCH_IMAGES) and not report.failed
    for name in TORCH_IMAGES:
        for suffix in (".svg", ".png", "@2x.png", "-dark.svg", "-dark.png", "-dark@2x.png"):
            assert (tmp_path / f"{name}{suffix}").stat().st_size > 0
    page = (tmp_path / "README.md").read_text()
    assert "LeakyReLU" in page and "negative_slope=0.01" in page
