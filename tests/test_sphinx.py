"""The `.. sigplot::` directive in real `sphinx-build` runs on small projects."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import DRAWING_SPY

pytest.importorskip("sphinx")

CONF = 'extensions = ["sigplot.sphinxext"]\nnumfig = True\n'
FIGURE = """
Figures
=======

Some text.

.. sigplot::
   :range: -6 6
   :functions: sigmoid, tanh
   :orders: 0 1
   :alt: The sigmoid and tanh with their first derivatives
   :caption: Why sigmoid gradients vanish faster

.. sigplot::
   :orders: 0,1,2
   :annotate:
"""


def project(tmp_path: Path, conf: str = "", **pages: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF + textwrap.dedent(conf))
    toc = "\n".join(f"   {name}" for name in pages if name != "index")
    pages.setdefault("index", "")
    pages["index"] = pages["index"] + (f"\n.. toctree::\n\n{toc}\n" if toc else "")
    for name, text in pages.items():
        (src / f"{name}.rst").write_text(text)
    return src


def build(src: Path, *args: str, builder: str = "html") -> subprocess.CompletedProcess[str]:
    out = src.parent / "out"
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "--no-color", "-b", builder, *args, str(src), str(out)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def images(src: Path) -> dict[str, int]:
    folder = src.parent / "out" / "_images" / "sigplot"
    if not folder.exists():
        return {}  # the figures, not the folder's manifest of their hashes
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name[0] != "."}


def test_html_has_images_alt_text_dark_variants_and_srcset(tmp_path: Path) -> None:
    src = project(tmp_path, "sigplot_dark = True\n", index=FIGURE)
    done = build(src)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    page = (src.parent / "out" / "index.html").read_text()
    imgs = re.findall(r"<img [^>]*>", page)
    assert len(imgs) == 4  # two figures, light and dark
    assert all(re.search(r'alt="[^"]+"', img) for img in imgs)
    assert 'alt="The sigmoid and tanh with their first derivatives"' in page
    marks = "marking the value at 0, the steepest slope, the inflection points"
    assert (
        f'alt="The sigmoid and its first and second derivatives for z from -6 to 6, {marks}' in page
    )
    assert page.count('<picture class="only-light">') == 2
    assert page.count('<picture class="only-dark">') == 2
    assert page.count(' 2x"') == 4 and 'type="image/svg+xml"' in page
    assert "Fig. 1" in page and "Why sigmoid gradients vanish faster" in page
    for name in re.findall(r'(?:src|srcset)="_images/sigplot/([^" ]+)', page):
        assert (src.parent / "out" / "_images" / "sigplot" / name).is_file()
    assert len(images(src)) == 12  # 2 figures x 2 themes x (svg, png, png@2x)
    assert (src.parent / "out" / "_static" / "sigplot.css").exists()  # for themes without classes


def test_config_values(tmp_path: Path) -> None:
    conf = """
    sigplot_formats = ["png"]
    sigplot_dark = False
    sigplot_hidpi = False
    sigplot_defaults = {"range": "-2 2", "orders": [0]}
    """
    src = project(tmp_path, conf, index=".. sigplot::\n")
    done = build(src)
    assert done.returncode == 0, done.stderr
    page = (src.parent / "out" / "index.html").read_text()
    assert "srcset" not in page and "<picture" not in page and "only-dark" not in page
    assert 'alt="The sigmoid for z from -2 to 2"' in page
    assert [Path(n).suffix for n in images(src)] == [".png"]


# conf.py for a figure that fails inside the pipeline, as a bug or a full disk would.
def test_bad_values_warn_with_file_and_line_and_the_build_goes_on(tmp_path: Path) -> None:
    text = (
        "Title\n=====\n\n.. sigplot::\n   :range: 6 -6\n\n"
        ".. sigplot::\n   :functions: relu\n\n.. sigplot::\n   :rangee: 1 2\n\n"
        ".. sigplot::\n   :title: boom\n"
    )
    src = project(tmp_path, DRAWING_SPY + "sigplot_dark = False\n", index=text)
    done = build(src)
    assert done.returncode == 0
    assert re.search(
        r"index\.rst:4: WARNING: sigplot: range: '6 -6' is empty or reversed", done.stderr
    )
    assert "index.rst:13: WARNING: sigplot: RuntimeError: the drawing failed" in done.stderr
    assert "Traceback" not in done.stderr
    # docutils' own message would be a bare 'unknown option: "rangee"'
    assert (
        "index.rst:10: WARNING: sigplot: option: 'rangee' is not an option; did you mean 'range'?"
        in done.stderr
    )
    page = (src.parent / "out" / "index.html").read_text()
    assert page.count("<img ") == 1  # only the relu figure
    strict = build(src, "-W", "-E")  # -E: read every page again, so the warnings recur
    assert strict.returncode != 0


def test_parallel_build(tmp_path: Path) -> None:
    pages = {f"page{i}": f"Page {i}\n======\n\n.. sigplot::\n   :gain: {i + 1}\n" for i in range(4)}
    src = project(tmp_path, index="Index\n=====\n", **pages)
    done = build(src, "-j", "2")
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr  # e.g. "does not declare if it is safe for parallel"
    for i in range(4):
        assert "<img " in (src.parent / "out" / f"page{i}.html").read_text()
    assert len(images(src)) == 4 * 6  # light and dark, each svg, png, png@2x


@pytest.mark.smoke  # Sphinx's events and -j across the supported releases
def test_one_pages_figures_are_drawn_in_j_worker_processes(tmp_path: Path) -> None:
    """The directive names the files; once all is read, -j N workers draw the figures."""
    text = "Title\n=====\n\n" + "".join(f".. sigplot::\n   :gain: {i}\n\n" for i in (1, 2, 3, 4))
    src = project(tmp_path, DRAWING_SPY + "sigplot_dark = False\n", index=text)
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-j", "2", str(src), str(src.parent / "out")],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    drew = (src / "pids.txt").read_text().split()
    assert len(drew) == 4
    assert len(set(drew)) == 2 and (src / "main.txt").read_text() not in drew
    assert (src.parent / "out" / "index.html").read_text().count("<img ") == 4


def test_figures_missing_from_the_build_folder_are_drawn_again(tmp_path: Path) -> None:
    """The pages need not be read again: the environment knows each page's figures."""
    src = project(tmp_path, index=FIGURE)
    assert build(src).returncode == 0
    before = images(src)
    for path in (src.parent / "out" / "_images" / "sigplot").iterdir():
        path.unlink()
    again = build(src)
    assert again.returncode == 0, again.stderr
    assert "reading sources" not in again.stdout or "0 source files" in again.stdout
    assert again.stdout.count("sigplot: drew") == 4
    assert set(images(src)) == set(before)


def test_text_only_rebuild_draws_nothing(tmp_path: Path) -> None:
    src = project(tmp_path, index=FIGURE)
    first = build(src)
    assert first.returncode == 0 and first.stdout.count("sigplot: drew") == 4  # and dark
    before = images(src)
    (src / "index.rst").write_text(FIGURE.replace("Some text.", "Some other text."))
    second = build(src)
    assert second.returncode == 0
    assert "reading sources... [100%] index" in second.stdout  # the page was read again
    assert "sigplot: drew" not in second.stdout
    assert images(src) == before
    (src / "index.rst").write_text(FIGURE.replace(":range: -6 6", ":range: -5 5"))
    third = build(src)
    assert third.stdout.count("sigplot: drew") == 2


def test_other_builders_get_the_alt_text(tmp_path: Path) -> None:
    src = project(tmp_path, index=FIGURE)
    done = build(src, builder="text")
    assert done.returncode == 0, done.stderr
    text = (src.parent / "out" / "index.txt").read_text()
    assert "The sigmoid and tanh with their first derivatives" in text


def test_a_style_path_follows_its_document_and_its_content_keys_the_figure(
    tmp_path: Path,
) -> None:
    src = project(tmp_path, index="Index\n=====\n\n.. toctree::\n\n   sub/page\n")
    (src / "sub").mkdir()
    (src / "sub" / "page.rst").write_text("Page\n====\n\n.. sigplot::\n   :style: thick.mplstyle\n")
    (src / "sub" / "thick.mplstyle").write_text("lines.linewidth: 6\n")
    first = build(src)
    assert first.returncode == 0 and "WARNING" not in first.stderr, first.stderr
    before = set(images(src))
    (src / "sub" / "thick.mplstyle").write_text("lines.linewidth: 1\n")
    second = build(src)
    assert second.returncode == 0, second.stderr
    assert "sigplot: drew" in second.stdout  # the page was read again and its figure redrawn
    assert set(images(src)) - before  # new files, named by the new content


def test_a_sweep_is_an_animated_gif_with_a_poster(tmp_path: Path) -> None:
    page_text = "Motion\n======\n\n.. sigplot::\n   :sweep: tangent -4 4\n   :frames: 6\n"
    src = project(tmp_path, index=page_text)
    done = build(src)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    page = (src.parent / "out" / "index.html").read_text()
    pictures = re.findall(r"<picture.*?</picture>", page)
    assert len(pictures) == 2  # light and dark
    for picture in pictures:
        poster = r'<source media="\(prefers-reduced-motion: reduce\)" srcset="[^"]+-poster\.png">'
        assert re.search(poster, picture)
        assert re.search(
            r'<img class="only-(light|dark)" src="_images/sigplot/sigplot-[0-9a-f]+\.gif"', picture
        )
    assert "with the tangent moving from z = -4 to 4" in page
    made = sorted(Path(n).name.split(".", 1)[1] for n in images(src))
    assert made == ["gif", "gif", "png", "png"]  # the animation and its poster, twice


MYST = """# MyST page

```{sigplot}
:functions: sigmoid
:orders: 0 1
:annotate:
:caption: Written in *MyST*
```
"""


@pytest.mark.smoke
def test_the_directive_under_myst_markdown(tmp_path: Path) -> None:
    # On the oldest myst-parser allowed (tests/versions.py pins 3.0.1, the first release
    # that passes an empty flag such as :annotate: through) and the newest.
    pytest.importorskip("myst_parser")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sigplot.sphinxext"]\n')
    (src / "index.md").write_text(MYST)
    done = build(src, "-W")
    assert done.returncode == 0, done.stderr
    page = (src.parent / "out" / "index.html").read_text()
    assert page.count("<picture") == 2  # light and dark
    assert 'alt="The sigmoid and its first derivative for z from -6 to 6, marking' in page
    assert "Written in <em>MyST</em>" in page


@pytest.mark.smoke
def test_a_misspelt_option_under_myst_markdown_names_the_option_it_means(tmp_path: Path) -> None:
    pytest.importorskip("myst_parser")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sigplot.sphinxext"]\n')
    (src / "index.md").write_text("# T\n\n```{sigplot}\n:rnage: -3 3\n:annotate:\n```\n")
    done = build(src)
    assert done.returncode == 0, done.stderr
    assert (
        "index.md:3: WARNING: sigplot: option: 'rnage' is not an option; did you mean 'range'?"
        in done.stderr
    )
    assert "Unknown option" not in done.stderr  # myst-parser's own message: not reached
    assert "<img " not in (src.parent / "out" / "index.html").read_text()
    assert build(src, "-W", "-E").returncode != 0


def test_latex_gets_the_png_and_an_animations_poster(tmp_path: Path) -> None:
    page = FIGURE + "\n.. sigplot::\n   :sweep: tangent -2 2\n   :frames: 3\n"
    src = project(tmp_path, index=page)
    done = build(src, builder="latex")  # writes .tex; needs no TeX installed
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    out = src.parent / "out"
    tex = next(out.glob("*.tex")).read_text()
    shown = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]+?)\}?\}", tex)
    assert len(shown) == 3, tex[-3000:]  # two figures and the animation's still poster
    assert sum("poster" in name for name in shown) == 1
    for name in shown:
        stem = name if name.endswith(".png") else name + ".png"
        assert (out / stem).is_file(), stem


def test_a_file_planted_in_the_figure_folder_is_drawn_over(tmp_path: Path) -> None:
    """A file of the right name that sigplot did not write (its hash not in the folder's
    manifest), or a link there, is not published: -E draws the figure again over it."""
    src = project(tmp_path, index=FIGURE)
    assert build(src).returncode == 0
    folder = src.parent / "out" / "_images" / "sigplot"
    svg, png = sorted(folder.glob("*.svg"))[0], sorted(folder.glob("*.png"))[0]
    drawn = svg.read_bytes()
    svg.write_bytes(b"<svg>planted</svg>")
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    png.unlink()
    png.symlink_to(secret)
    again = build(src, "-E")
    assert again.returncode == 0, again.stderr
    assert svg.read_bytes() == drawn
    assert not png.is_symlink() and png.read_bytes()[:4] == b"\x89PNG"
    assert secret.read_text() == "private"
