"""The MkDocs plugin in real ``mkdocs build`` runs: ```sigplot blocks become figures with
dark variants and 2x PNGs, bad blocks fail --strict naming page and line, and a rebuild
that changes only text draws nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DRAWING_SPY

pytest.importorskip("mkdocs")

GOOD = """# Figures

Some text.

```sigplot
range: -6 6
functions: sigmoid, tanh
tangent: 1
annotate
caption: Two functions & their slopes
```
"""
# One plain figure, for the tests of the cache (GOOD's annotated tangent draws 3x slower).
PLAIN = """# Figures

Some text.

```sigplot
range: -6 6
```
"""
BAD = """# Broken

```sigplot
functions: sigmod
```
"""


def site(tmp_path: Path, theme: str = "mkdocs", **pages: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme:\n  name: {theme}\nplugins:\n  - sigplot\n"
    )
    for name, text in pages.items():
        (tmp_path / "docs" / f"{name}.md").write_text(text)
    return tmp_path


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=root,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_a_block_becomes_a_figure_with_dark_and_2x_variants(tmp_path: Path) -> None:
    root = site(tmp_path, index=GOOD)
    done = build(root, "--strict")
    assert done.returncode == 0, done.stderr
    page = (root / "site" / "index.html").read_text()
    (figure,) = re.findall(r'<figure class="sigplot">.*?</figure>', page, re.DOTALL)
    # No prefers-color-scheme source: the dark twin is shown by the page's theme, not the
    # reader's system (tests/test_browser.py looks at it); its style sheet is linked.
    assert "prefers-color-scheme" not in figure
    assert '<picture class="only-light">' in figure and '<picture class="only-dark">' in figure
    assert 'href="assets/sigplot/sigplot.css"' in page
    assert "only-dark" in (root / "site" / "assets" / "sigplot" / "sigplot.css").read_text()
    assert " 2x" in figure and 'type="image/svg+xml"' in figure
    assert "marking the value at 0" in figure and "with the tangent at z = 1" in figure
    assert "<figcaption>Two functions &amp; their slopes</figcaption>" in figure
    for name in re.findall(r'(?:src|srcset)="([^" ]+)', figure):
        assert (root / "site" / name).is_file(), name
    figures = list((root / "site" / "assets" / "sigplot").glob("sigplot-*"))
    assert len(figures) == 6  # 2 x (svg, png, 2x)


def test_material_gets_its_only_light_and_only_dark_images(tmp_path: Path) -> None:
    pytest.importorskip("material")
    root = site(tmp_path, theme="material", index=GOOD, sub=GOOD)
    done = build(root, "--strict")
    assert done.returncode == 0, done.stderr
    page = (root / "site" / "sub" / "index.html").read_text()
    assert re.search(r'<img src="\.\./assets/sigplot/sigplot-[0-9a-f]+\.png#only-light"', page)
    assert re.search(r'<img src="\.\./assets/sigplot/sigplot-[0-9a-f]+\.png#only-dark"', page)


def test_a_bad_block_fails_strict_naming_the_page_and_line(tmp_path: Path) -> None:
    root = site(tmp_path, index=GOOD, broken=BAD)
    done = build(root, "--strict")
    assert done.returncode != 0
    assert "sigplot: broken.md:3: functions: 'sigmod' is not a known function" in done.stderr
    assert "did you mean 'sigmoid'" in done.stderr
    relaxed = build(root)
    assert relaxed.returncode == 0  # without --strict, the page is built without the figure
    unknown = site(tmp_path, index="```sigplot\nrang: 1 2\n```\n")
    done = build(unknown, "--strict")
    assert "index.md:1: option: 'rang' is not an option; did you mean 'range'?" in done.stderr


def test_a_text_only_rebuild_draws_nothing(tmp_path: Path) -> None:
    root = site(tmp_path, index=PLAIN)
    first = build(root)
    assert first.stderr.count("sigplot: drew") == 2  # light and dark
    cache = root / ".cache" / "sigplot"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    (root / "docs" / "index.md").write_text(PLAIN.replace("Some text.", "Other words."))
    second = build(root)
    assert second.returncode == 0 and "sigplot: drew" not in second.stderr
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    assert "Other words." in (root / "site" / "index.html").read_text()
    assert len(list((root / "site" / "assets" / "sigplot").glob("sigplot-*"))) == 6


def test_a_bad_setting_is_one_line(tmp_path: Path) -> None:
    root = site(tmp_path, index=GOOD)
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - sigplot:\n      formats: [svg, tga]\n"
    )
    done = build(root)
    assert done.returncode != 0
    assert "sigplot: formats: 'tga' is not one of png, svg, jpg" in done.stderr
    assert "Traceback" not in done.stderr


def hooked(tmp_path: Path, **pages: str) -> Path:
    root = site(tmp_path, **pages)
    (root / "hooks.py").write_text(DRAWING_SPY)
    yml = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(
        yml.replace("  - sigplot\n", "  - sigplot:\n      dark: false\n") + "hooks:\n  - hooks.py\n"
    )
    return root


def test_the_sites_figures_are_drawn_together_in_worker_processes(tmp_path: Path) -> None:
    """Blocks only name their files; once every page is read, one process a core draws."""
    pages = {f"p{i}": f"# P{i}\n\n```sigplot\ngain: {i + 1}\n```\n" for i in range(4)}
    root = hooked(tmp_path, index="# Home\n", **pages)
    done = build(root, "--strict")
    assert done.returncode == 0, done.stderr
    drew = (root / "pids.txt").read_text().split()
    assert len(drew) == 4 and done.stderr.count("sigplot: drew") == 4
    if (os.cpu_count() or 1) > 1:
        assert len(set(drew)) >= 2 and (root / "main.txt").read_text() not in drew
    for i in range(4):
        assert '<figure class="sigplot">' in (root / "site" / f"p{i}" / "index.html").read_text()


def test_a_figure_that_fails_to_draw_is_a_warning_and_left_out(tmp_path: Path) -> None:
    text = "# Two\n\n```sigplot\ntitle: fine\n```\n\nBetween.\n\n```sigplot\ntitle: boom\n```\n"
    root = hooked(tmp_path, index=text)
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert "sigplot: index.md:9: RuntimeError: the drawing failed" in done.stderr
    assert "Traceback" not in done.stderr
    page = (root / "site" / "index.html").read_text()
    assert page.count('<figure class="sigplot">') == 1 and "Between." in page
    for name in re.findall(r'(?:src|srcset)="([^" #]+)', page):
        if "sigplot-" in name:
            assert (root / "site" / name).is_file(), name
    assert build(root, "--strict").returncode != 0


def test_a_link_planted_in_the_cache_publishes_nothing_it_points_to(tmp_path: Path) -> None:
    root = site(tmp_path, index=PLAIN)
    assert build(root).returncode == 0
    cache = root / ".cache" / "sigplot"
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    for path in [p for p in cache.iterdir() if p.suffix in (".svg", ".png")]:
        path.unlink()
        path.symlink_to(secret)
    again = build(root)
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("sigplot: drew") == 2  # light and dark, drawn over the links
    for path in (root / "site" / "assets" / "sigplot").iterdir():
        assert not path.is_symlink() and path.read_bytes() != b"private"
    assert secret.read_text() == "private"


def test_a_file_planted_in_the_cache_is_drawn_over(tmp_path: Path) -> None:
    root = site(tmp_path, index=PLAIN)
    assert build(root).returncode == 0
    svg = sorted((root / ".cache" / "sigplot").glob("*.svg"))[0]
    drawn = svg.read_bytes()
    svg.write_bytes(b"<svg>planted</svg>")
    again = build(root)
    assert again.returncode == 0 and again.stderr.count("sigplot: drew") == 1
    assert (root / "site" / "assets" / "sigplot" / svg.name).read_bytes() == drawn
