"""The explorer written as a file: size, same bytes twice, self-contained, accessible
markup, frames and readouts that are the sweep's own (values checked against the
definitions written here); a grid sweep animates every panel. In a browser:
tests/test_explorer_browser.py."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from sigplot.cli import main

BUDGET = 150_000  # the bound on the default 41-frame tangent sweep, in bytes


def write(tmp_path: Path, name: str, *args: str) -> str:
    out = tmp_path / name
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8") if out.suffix == ".html" else ""


def data_of(page: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'<script type="application/json" class="sp-data">(.*?)</script>', page)
    assert found
    return dict(json.loads(found.group(1).replace("<\\/", "</")))


def sigma(z: float) -> float:
    """The logistic function, from its definition."""
    return 1.0 / (1.0 + math.exp(-z))


def three(value: float) -> str:
    """A value as a reader sees it: three significant digits, a real minus sign."""
    return f"{value:.3g}".replace("-", "−")


def test_the_default_tangent_explorer_is_small_whole_and_the_same_twice(tmp_path: Path) -> None:
    page = write(tmp_path, "t.html", "--sweep", "tangent", "-4", "4")
    assert len(page.encode()) <= BUDGET, len(page.encode())
    assert write(tmp_path, "again.html", "--sweep", "tangent", "-4", "4") == page
    data = data_of(page)
    assert len(data["readouts"]) == 41 and data["fps"] == 12
    # Nothing from elsewhere: no URL but the SVG's namespace names, no @import or url(http
    addresses = re.findall(r"""(?:src|href|action)=["']([^"'#][^"']*)""", page)
    assert addresses == [], addresses
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|<link\b", page)
    assert page.count("<svg") == 1 and '<input type="range"' in page
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"', page)
    assert "<title id=" in page and "<desc id=" in page
    assert "<output" in page and 'aria-live="polite"' in page
    assert '<button type="button" class="sp-play"' in page
    # Without script, the controls stay hidden and the SVG shows the poster, frame 20 of
    # 41: the sweep's middle value, the tangent at z = 0 with the derivative's peak slope.
    assert '<div class="sp-controls" hidden>' in page
    assert 'value="20" aria-valuetext="tangent at z = 0.0"' in page.split("<script")[0]
    assert data["readouts"][20] == "tangent at z = 0.0: sigmoid(z₀) = 0.5, slope 0.25"


def test_every_default_frame_reads_out_the_slope_at_the_z_its_caption_writes(
    tmp_path: Path,
) -> None:
    """The default tangent sweep steps by 0.2, so each caption's z is the frame's z and the
    slope read out is sigma'(z) = sigma(z) (1 - sigma(z)) at the z written (review 28: 30
    of 49 frames wrote "z = -3.8" over the slope at -3.8333, 0.0207 against 0.0214)."""
    data = data_of(write(tmp_path, "t.html", "--sweep", "tangent", "-4", "4"))
    for readout in data["readouts"]:
        written = re.match(r"tangent at z = (\S+):", readout)
        assert written is not None, readout
        z0 = float(written.group(1).replace("−", "-"))
        s = sigma(z0)
        assert readout.endswith(f"slope {three(s * (1 - s))}"), (readout, three(s * (1 - s)))


def test_the_readout_is_the_tangent_point_value_and_slope(tmp_path: Path) -> None:
    data = data_of(write(tmp_path, "t.html", "--sweep", "tangent", "-4", "4", "--frames", "5"))
    assert len(data["readouts"]) == 5
    for z0, readout in zip(np.linspace(-4, 4, 5), data["readouts"], strict=True):
        s = sigma(float(z0))
        assert readout.startswith(f"tangent at z = {z0:.0f}".replace("-", "−")), readout
        assert f"sigmoid(z₀) = {three(s)}, slope {three(s * (1 - s))}" in readout, readout


def test_frames_and_fps_mean_what_they_mean_for_gif(tmp_path: Path) -> None:
    page = write(tmp_path, "k.html", "--sweep", "gain", "0.5", "5", "--frames", "7", "--fps", "4")
    data = data_of(page)
    assert len(data["readouts"]) == 7 and len(data["frames"]) == 7 and data["fps"] == 4
    # each frame shows its own curves: no two frames share all their parts
    assert len({tuple(f) for f in data["frames"]}) == 7
    # the gain's readout: the slope at the centre is K sigma'(0) = K / 4 (gains spaced
    # geometrically, as for gif)
    for gain, readout in zip(np.geomspace(0.5, 5, 7), data["readouts"], strict=True):
        assert f"sigmoid(0) = 0.5, slope {three(gain / 4)}" in readout, readout


def test_a_still_figure_is_the_page_with_a_cursor(tmp_path: Path) -> None:
    page = write(tmp_path, "s.html", "-f", "sigmoid,tanh", "--range", "-6", "6")
    data = data_of(page)
    assert write(tmp_path, "again.html", "-f", "sigmoid,tanh", "--range", "-6", "6") == page
    assert "<button" not in page  # nothing moves: no play button
    stops = np.linspace(-6, 6, len(data["readouts"]))
    assert len(data["cursor"]) == 1 and len(data["cursor"][0]) == len(stops)
    xs = [at[0] for at in data["cursor"][0]]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    for z, readout in list(zip(stops, data["readouts"], strict=True))[::40]:
        s = sigma(float(z))
        t = math.tanh(z)
        words = (f"sigmoid {three(s)}", f"sigmoid′ {three(s * (1 - s))}",
                 f"tanh {three(t)}", f"tanh′ {three(1 - t * t)}")  # fmt: skip
        assert all(w in readout for w in words), (readout, words)


def test_a_grid_explorer_has_a_cursor_in_every_panel(tmp_path: Path) -> None:
    page = write(tmp_path, "g.html", "-f", "sigmoid,tanh,relu,gelu", "--layout", "grid")
    assert len(data_of(page)["cursor"]) == 4


@pytest.mark.parametrize("fmt", ["gif", "html"])
def test_a_grid_sweep_moves_every_panel(tmp_path: Path, fmt: str) -> None:
    args = ("-f", "sigmoid,tanh,relu,gelu", "--layout", "grid", "--sweep", "gain", "0.5", "5",
            "--frames", "3", "--points", "201")  # fmt: skip
    if fmt == "html":
        page = write(tmp_path, "g.html", *args)
        assert write(tmp_path, "again.html", *args) == page  # same bytes twice
        data = data_of(page)
        assert len(data["readouts"]) == 3
        for name in ("sigmoid", "tanh", "relu", "gelu"):
            assert name in data["readouts"][0]
        # the moving parts of every panel change from the first frame to the last
        first, last = data["frames"][0], data["frames"][-1]
        moving = {data["slots"][k].split("-")[0] for k in range(len(first)) if first[k] != last[k]}
        assert len(moving) >= 4, data["slots"]
        return
    write(tmp_path, "g.gif", *args)
    with Image.open(tmp_path / "g.gif") as im:
        assert getattr(im, "n_frames", 1) == 3
        im.seek(0)
        first = np.asarray(im.convert("L"), dtype=int)
        im.seek(2)
        last = np.asarray(im.convert("L"), dtype=int)
    h, w = first.shape
    for rows in (slice(0, h // 2), slice(h // 2, h)):
        for cols in (slice(0, w // 2), slice(w // 2, w)):
            assert (first[rows, cols] != last[rows, cols]).sum() > 200  # each quadrant moves


def test_a_dark_figure_is_never_inverted(tmp_path: Path) -> None:
    # the page inverts a light figure on a dark page; a dark figure stays as drawn
    assert "invert(" in write(tmp_path, "light.html", "--points", "51")
    assert "invert(" not in write(tmp_path, "dark.html", "--points", "51", "--preset", "dark")


def test_the_readme_says_each_gallery_explorers_size() -> None:
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name in ("tangent-sweep", "grid-sweep"):
        size = (root / "gallery" / f"{name}.html").stat().st_size
        assert f"[{name}.html](gallery/{name}.html)" in readme
        assert re.search(rf"\[{name}\.html\].*\| {size:,} B \|", readme), (name, size)
    assert (root / "gallery" / "tangent-sweep.html").stat().st_size <= BUDGET
