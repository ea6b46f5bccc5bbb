"""Saving: every format, the same bytes every time, alt text in the file, atomic writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from matplotlib.figure import Figure
from PIL import Image
from PIL.PngImagePlugin import PngImageFile

import sigplot
from sigplot import SigplotError
from sigplot.output.encode import formats, resolve_format
from sigplot.output.pipeline import render
from sigplot.spec.options import build_spec

ALT = "The sigmoid and its first derivative for z from -6 to 6"
MAGIC = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF", "eps": b"%!PS-Adobe-3.0 EPSF",
         "ps": b"%!PS", "jpg": b"\xff\xd8\xff", "tif": b"II*\x00", "webp": b"RIFF",
         "gif": b"GIF8", "svgz": b"\x1f\x8b"}  # fmt: skip


# html and mp4 hold a sweep's animation only: tests/test_motion.py
@pytest.mark.parametrize("fmt", sorted(set(formats()) - {"pgf", "html", "mp4"}))
def test_every_format_matplotlib_saves(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"fig.{fmt}"
    sigplot.save({"points": 201}, out)
    data = out.read_bytes()
    assert len(data) > 100
    assert data.startswith(MAGIC.get(fmt, b""))


def test_pgf_without_latex_is_a_clear_error_or_works(tmp_path: Path) -> None:
    out = tmp_path / "fig.pgf"
    if shutil.which("xelatex"):
        sigplot.save({"points": 51}, out)
        assert out.read_text().startswith("%%")
        return
    with pytest.raises(SigplotError, match=r"pgf.*could not be rendered: .xelatex. not found"):
        sigplot.save({"points": 51}, out)
    assert not out.exists()


DETERMINISTIC = ("svg", "pdf", "png", "eps", "ps", "svgz")
DRAWN = """
import sys
from sigplot.output.pipeline import Target, produce
from sigplot.spec.options import build_spec
produce(build_spec(orders="0,1,2"), [Target(f"{sys.argv[1]}/f.{fmt}", fmt) for fmt in sys.argv[2:]])
"""


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    # One other process, with its own hash seed, draws every format; this one draws them again.
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-c", DRAWN, str(tmp_path), *DETERMINISTIC],
        env={**env, "PYTHONHASHSEED": "12345"}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    spec = build_spec(orders="0,1,2")
    dated = {"svg": b"<dc:date>", "pdf": b"/CreationDate", "ps": b"%%CreationDate",
             "eps": b"%%CreationDate"}  # fmt: skip
    for fmt in DETERMINISTIC:
        ours = render(spec, fmt)
        assert (tmp_path / f"f.{fmt}").read_bytes() == ours, fmt
        if fmt in dated:
            assert dated[fmt] not in ours


def test_source_date_epoch_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 2020-01-01
    assert b"D:20200101" in render(build_spec(points=11), "pdf")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert b"CreationDate" not in render(build_spec(points=11), "pdf")


def test_svg_and_png_carry_alt_text(tmp_path: Path) -> None:
    svg = render(build_spec(), "svg").decode()
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"  # screen readers announce it as one image, named:
    named = {str(e.get("id")): e.text for e in root if e.tag in (f"{ns}title", f"{ns}desc")}
    assert sorted(named) == sorted(str(root.get("aria-labelledby")).split())
    assert set(named.values()) == {ALT}
    assert f"<dc:description>{ALT}</dc:description>" in svg
    png = tmp_path / "f.png"
    sigplot.save({}, png)
    with Image.open(png) as image:
        assert isinstance(image, PngImageFile)
        assert image.text["Title"] == ALT
        assert image.text["Description"] == ALT
    own = render(build_spec(alt="A curve"), "svg").decode()
    assert re.search(r'<title id="sigplot-title-[0-9a-f]{8}">A curve</title>', own)


@pytest.mark.parametrize("options", [{}, {"preset": "dark", "annotate": True}, {"dpi": 200}])
def test_a_png_holds_matplotlibs_pixels_in_about_its_bytes(options: dict[str, object]) -> None:
    """PNGs are written with zlib's run-length strategy (faster for flat line art): the
    pixels are matplotlib's own, and the file within a few percent of its default size."""
    import io

    import numpy as np

    from sigplot.plot.look import style_context

    spec = build_spec(points=301, **options)
    ours = render(spec, "png")
    fig = sigplot.figure(points=301, **options)
    plain = io.BytesIO()
    with style_context(spec):
        fig.savefig(plain, format="png", metadata={"Software": None})  # matplotlib's encoding
    with Image.open(io.BytesIO(ours)) as a, Image.open(plain) as b:
        assert np.array_equal(np.asarray(a), np.asarray(b))
    assert ours != plain.getvalue()
    assert len(ours) < 1.05 * len(plain.getvalue())


def test_save_accepts_a_figure_a_spec_or_options(tmp_path: Path) -> None:
    spec = build_spec(points=101)
    a = sigplot.save(spec, tmp_path / "a.svg")
    b = sigplot.save({"points": 101}, tmp_path / "b.svg")
    c = sigplot.save(sigplot.figure(points=101), tmp_path / "c.svg")
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    foreign = Figure()
    foreign.add_subplot().plot([0, 1], [1, 0])
    d = sigplot.save(foreign, tmp_path / "d.png")
    assert d.read_bytes().startswith(b"\x89PNG")


def test_save_errors_and_leaves_files_alone(tmp_path: Path) -> None:
    target = tmp_path / "keep.png"
    target.write_bytes(b"old")
    with pytest.raises(SigplotError, match="points"):
        sigplot.save({"points": 1}, target)
    with pytest.raises(SigplotError, match="is a folder"):
        sigplot.save({}, tmp_path)
    with pytest.raises(SigplotError, match="known format"):
        sigplot.save({}, tmp_path / "keep.xyz")
    assert target.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["keep.png"]


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = sigplot.save({"points": 11}, tmp_path / "f.svg")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_resolve_format() -> None:
    assert resolve_format("a/b.SVG") == "svg"
    assert resolve_format("a/b", "pdf") == "pdf"
    with pytest.raises(SigplotError, match="has no extension"):
        resolve_format("figure")
