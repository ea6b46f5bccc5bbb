"""``fig.savefig`` on a sigplot figure, what notebook users type, is ``sigplot.save``: the
same bytes, with no date and with alt text and accessibility markup, run to run."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import sigplot

FORMATS = ["svg", "png", "pdf", "eps", "ps", "svgz"]


def _image(path: Path) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        return image


@pytest.mark.parametrize("fmt", FORMATS)
def test_savefig_writes_what_save_writes(fmt: str, tmp_path: Path) -> None:
    fig = sigplot.figure(points=101, functions="sigmoid,tanh", annotate=True)
    fig.savefig(tmp_path / f"a.{fmt}")
    sigplot.save(fig, tmp_path / f"b.{fmt}")
    fig.savefig(str(tmp_path / f"c.{fmt}"))
    a, b, c = ((tmp_path / f"{x}.{fmt}").read_bytes() for x in "abc")
    assert a == b == c
    if fmt == "svg":
        assert b'role="img"' in a and b"<desc" in a and b"<dc:date>" not in a
    if fmt == "pdf":
        assert b"/CreationDate" not in a and b"/Title (The sigmoid" in a


def test_savefig_is_the_same_bytes_in_another_process(tmp_path: Path) -> None:
    code = "import sys, sigplot; sigplot.figure(points=101).savefig(sys.argv[1])"
    for name in ("one.pdf", "two.pdf"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True)
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_file_objects_formats_and_matplotlibs_keywords(tmp_path: Path) -> None:
    fig = sigplot.figure(points=101)
    sigplot.save(fig, tmp_path / "ref.svg")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    assert buffer.getvalue() == (tmp_path / "ref.svg").read_bytes()
    fig.savefig(tmp_path / "bare")  # no extension: savefig.format's, added as matplotlib does
    assert _image(tmp_path / "bare.png").size == (900, 500)
    fig.savefig(tmp_path / "small.png", dpi=50, transparent=True, metadata={"Author": "me"})
    small = _image(tmp_path / "small.png")
    assert small.size == (450, 250) and small.info["Author"] == "me"
    assert small.info["Title"].startswith("The sigmoid")  # sigplot's alt text kept beside it
    assert small.getpixel((0, 0))[3] == 0  # type: ignore[index]
    fig.savefig(tmp_path / "tight.png", bbox_inches="tight", pad_inches=0.5)
    assert _image(tmp_path / "tight.png").size != (900, 500)
