"""Sweeps: the values, the animation formats (bytes, frames, size, determinism), nothing
jumping from frame to frame, small multiples, and every bad input as a usage error."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.animation import FuncAnimation
from matplotlib.text import Annotation
from PIL import Image

import sigplot
from sigplot.cli import main
from sigplot.plot.motion import Sweep
from sigplot.spec import sweep

QUICK = ["--points", "201", "--frames", "4"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def sigma(z: float) -> float:
    """The logistic function, from its definition."""
    return 1.0 / (1.0 + math.exp(-z))


def test_a_gain_sweep_is_geometric_and_the_others_even() -> None:
    gains = sweep.values(sigplot.build_spec(sweep="gain 0.5 5", frames=5), animated=True)
    assert gains[0] == 0.5 and gains[-1] == 5.0
    ratios = [b / a for a, b in itertools.pairwise(gains)]
    assert np.allclose(ratios, 10 ** (1 / 4))
    spots = sweep.values(sigplot.build_spec(sweep="tangent -4 4"), animated=True)
    assert len(spots) == 48 and spots[0] == -4 and spots[-1] == 4
    assert np.allclose(np.diff(spots), 8 / 47)
    panels = sweep.values(sigplot.build_spec(sweep="shift -2 2"), animated=False)
    assert panels == pytest.approx([-2, -1.2, -0.4, 0.4, 1.2, 2])


def test_captions_keep_one_width() -> None:
    spec = sigplot.build_spec(sweep="tangent -4 4", frames=5)
    captions = sweep.captions(spec, sweep.values(spec, animated=True))
    assert captions == [
        "tangent at z = −4", "tangent at z = −2", "tangent at z = 0",
        "tangent at z = 2", "tangent at z = 4",
    ]  # fmt: skip
    spec = sigplot.build_spec(sweep="tangent -4 4", frames=17)
    captions = sweep.captions(spec, sweep.values(spec, animated=True))
    assert captions[:3] == ["tangent at z = −4.0", "tangent at z = −3.5", "tangent at z = −3.0"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--sweep", "slope", "1", "2"], "'slope' is not a sweep; known: gain, shift, tangent"),
        (["--sweep", "gain", "2", "1"], "FROM must be below TO"),
        (["--sweep", "shift", "1", "1"], "FROM must be below TO"),
        (["--sweep", "gain", "0", "2"], "needs positive gains"),
        (["--sweep", "gain", "-1", "2"], "needs positive gains"),
        (["--sweep", "gain", "1", "2", "--frames", "1"], "'1' must be from 2 to 600"),
        (["--sweep", "gain", "1", "2", "--frames", "601"], "'601' must be from 2 to 600"),
        (["--sweep", "gain", "1", "2", "--frames", "2.5"], "must be a whole number"),
        (["--sweep", "gain", "1", "2", "--fps", "0"], "must be from 1 to 50"),
        (["--sweep", "gain", "1", "2", "--fps", "12"], "needs an animated format"),
        (["--sweep", "gain", "1", "2", "--frames", "61"], "too many panels"),
        (["--frames", "10"], "needs --sweep"),
        (["--fps", "10"], "needs --sweep"),
        (["--sweep", "tangent", "-7", "4"], "leaves the range [-6, 6]"),
        (["--sweep", "gain", "1", "2", "--gain", "3"], "is what --sweep gain varies"),
        (["--sweep", "tangent", "-1", "1", "--tangent", "0"], "is what --sweep tangent varies"),
        (["--sweep", "gain", "1", "2", "--layout", "grid"], "needs an animated format"),
        (["--layout", "stack"], "'stack' is not a layout; known: overlay, grid"),
        (["--sweep", "gain", "1"], "needs NAME FROM TO"),
    ],
)
def test_bad_sweeps_are_usage_errors(tmp_path: Path, args: list[str], words: str) -> None:
    out = tmp_path / "fig.png"
    out.write_bytes(b"old")
    code, err = run(*args, "--out", str(out))
    assert code == 2
    assert words in err
    assert "Traceback" not in err
    assert out.read_bytes() == b"old"


def test_an_animation_format_without_a_sweep_is_refused(tmp_path: Path) -> None:
    # (html is not one: a still figure there is the explorer with a cursor)
    code, err = run("--out", str(tmp_path / "fig.mp4"))
    assert code == 2 and "is an animation format: it needs --sweep" in err
    assert list(tmp_path.iterdir()) == []


def test_data_with_a_sweep_is_refused(tmp_path: Path) -> None:
    code, err = run("--sweep", "gain", "1", "2", "--data", str(tmp_path / "d.csv"))
    assert code == 2 and "a sweep draws many" in err
    assert list(tmp_path.iterdir()) == []


def test_the_default_tangent_gif(tmp_path: Path) -> None:
    out = tmp_path / "t.gif"
    code, _ = run("--sweep", "tangent", "-4", "4", "--out", str(out))
    assert code == 0
    data = out.read_bytes()
    assert len(data) < 1.5e6  # the budget for a default sweep GIF
    with Image.open(out) as im:
        assert im.format == "GIF" and getattr(im, "n_frames", 1) == 48 and im.size == (900, 500)
        # 12 fps, forever; GIF keeps delays in hundredths of a second, so 83 ms is 80
        assert im.info["duration"] == 80 and im.info["loop"] == 0
        im.seek(0)
        first = np.asarray(im.convert("RGB"))
        im.seek(47)
        last = np.asarray(im.convert("RGB"))
    assert (first != last).any()
    again = tmp_path / "again.gif"
    run("--sweep", "tangent", "-4", "4", "--out", str(again))
    assert again.read_bytes() == data


def test_other_animations_are_deterministic(tmp_path: Path) -> None:
    # (html, the explorer: tests/test_explorer.py)
    one, two = tmp_path / "a.webp", tmp_path / "b.webp"
    for out in (one, two):
        assert run("--sweep", "gain", "0.5", "5", *QUICK, "--out", str(out))[0] == 0
    assert one.read_bytes().startswith(b"RIFF")
    assert one.read_bytes() == two.read_bytes()
    with Image.open(one) as im:
        assert getattr(im, "n_frames", 1) == 4


def test_mp4_through_ffmpeg(tmp_path: Path) -> None:
    pytest.importorskip("imageio_ffmpeg", reason="the test extra brings an ffmpeg")
    one, two = tmp_path / "a.mp4", tmp_path / "b.mp4"
    for out in (one, two):
        assert run("--sweep", "shift", "-1", "1", *QUICK, "--out", str(out))[0] == 0
    assert one.read_bytes()[4:8] == b"ftyp"
    assert one.read_bytes() == two.read_bytes()


def test_mp4_without_ffmpeg_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no ffmpeg on it
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # and no extra
    out = tmp_path / "a.mp4"
    code, err = run("--sweep", "shift", "-1", "1", *QUICK, "--out", str(out))
    assert code == 1
    assert "needs ffmpeg" in err and "pip install 'sigplot[mp4]'" in err
    assert err.count("\n") == 1 and not out.exists()


def _tangent_marks(moving: Sweep) -> list[float]:
    """z and y of each point mark, in drawing order."""
    (panel,) = moving.figure.panels
    return [
        float(np.asarray(xy)[0])
        for line in panel.ax.lines
        if line.get_marker() == "o" and line in panel.marks
        for xy in (line.get_xdata(), line.get_ydata())
    ]


def test_frames_move_marks_and_curves_but_nothing_else() -> None:
    moving = Sweep(sigplot.build_spec(sweep="gain 0.5 5", frames=6, tangent=1))
    (panel,) = moving.figure.panels
    ax = panel.ax
    fixed = []
    for i in range(len(moving)):
        moving.show(i)
        moving.figure.canvas.draw()
        legend = ax.get_legend()
        assert legend is not None
        fixed.append((ax.get_xlim(), ax.get_ylim(), tuple(ax.get_position().bounds),
                      tuple(legend.get_window_extent().bounds)))  # fmt: skip
        k = moving.values[i]
        assert ax.get_title() == moving.captions[i]
        # the tangent's point sits on sigma(Kz) at z = 1, the slope's on its derivative
        s = sigma(k)
        assert _tangent_marks(moving) == pytest.approx([1, s, 1, k * s * (1 - s)])
        curve = np.asarray(panel.lines[0].get_ydata())
        assert curve[-1] == pytest.approx(sigma(6 * k))
    assert all(f == fixed[0] for f in fixed)
    # the limits hold every frame: the steepest derivative's peak, K/4 at K = 5
    assert ax.get_ylim()[1] >= 5 / 4


def test_the_legend_is_clear_of_every_frame() -> None:
    moving = Sweep(sigplot.build_spec(sweep="gain 0.5 5", frames=8))
    (panel,) = moving.figure.panels
    for i in range(len(moving)):
        moving.show(i)
        moving.figure.canvas.draw()
        legend = panel.ax.get_legend()
        assert legend is not None
        box = legend.get_window_extent()
        for line in panel.lines:
            path = line.get_transform().transform_path(line.get_path())
            assert not path.intersects_bbox(box, filled=False), (i, line.get_label())


def test_a_tangent_sweep_keeps_its_slope_note_by_the_point() -> None:
    moving = Sweep(sigplot.build_spec(sweep="tangent -4 4", frames=5))
    for i, z in enumerate(moving.values):
        moving.show(i)
        notes = [t for t in moving.figure.panels[0].ax.texts if isinstance(t, Annotation)]
        slope = sigma(z) * (1 - sigma(z))
        assert [n.get_text() for n in notes if n.get_text().startswith("slope")] == [
            f"slope {slope:.3g}"
        ]


def test_a_static_format_gets_small_multiples() -> None:
    fig = sigplot.figure(sweep="gain 0.5 5")
    assert len(fig.axes) == 6
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["gain K = 0.5", "gain K = 0.8", "gain K = 1.3", "gain K = 2.0",
                      "gain K = 3.2", "gain K = 5.0"]  # fmt: skip
    assert len({ax.get_ylim() for ax in fig.axes}) == 1  # shared limits
    assert [ax.get_legend() is not None for ax in fig.axes] == [True] + [False] * 5
    assert fig.get_size_inches() == pytest.approx((13.5, 5.0))  # 3 x 2 panels of 4.5 x 2.5
    assert "as the gain K grows from 0.5 to 5" in str(fig.get_label())


def test_layout_grid_draws_one_panel_per_function(tmp_path: Path) -> None:
    fig = sigplot.figure(functions="sigmoid,tanh,relu,gelu", layout="grid")
    assert [ax.get_title() for ax in fig.axes] == ["sigmoid", "tanh", "relu", "gelu"]
    assert all(ax.get_legend() is not None for ax in fig.axes)
    assert fig.get_size_inches() == pytest.approx((9.0, 5.0))  # 2 x 2 panels: --size
    out = tmp_path / "grid.svg"
    assert run("-f", "sigmoid,tanh,relu", "--layout", "grid", "--out", str(out))[0] == 0
    assert out.read_bytes().count(b'id="axes_') == 3


def test_alt_text_describes_the_sweep() -> None:
    spec = sigplot.build_spec(sweep="tangent -4 4")
    assert sigplot.describe(spec) == (
        "The sigmoid and its first derivative, with the tangent moving from z = -4 to 4 "
        "for z from -6 to 6"
    )
    assert "as the shift z0 moves from -1 to 2" in sigplot.describe(
        sigplot.build_spec(sweep="shift -1 2")
    )


def test_python_save_and_animation(tmp_path: Path) -> None:
    options = {"sweep": ("tangent", -1, 1), "frames": 3, "points": 201}
    out = sigplot.save(options, tmp_path / "t.gif")
    with Image.open(out) as im:
        assert getattr(im, "n_frames", 1) == 3
    anim = sigplot.animation(sweep=("gain", 1, 2), frames=3, points=201)
    assert isinstance(anim, FuncAnimation)
    shown = anim._repr_html_()  # what Jupyter displays
    assert shown.count("data:image/png;base64") == 3 and "<script" in shown
    with pytest.raises(sigplot.SigplotError, match="sweep"):
        sigplot.animation()


def test_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess

    args = [sys.executable, "-m", "sigplot", "--sweep", "gain", "1", "2", "--frames", "6",
            "--points", "201"]  # fmt: skip
    parent, child = pty.openpty()
    done = subprocess.run(
        [*args, "--out", str(tmp_path / "a.gif")], stderr=child, stdout=subprocess.PIPE,
        timeout=120, check=False,
    )  # fmt: skip
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        seen += chunk
    os.close(parent)
    assert done.returncode == 0
    assert b"frames" in seen and b"100%" in seen
    piped = subprocess.run(
        [*args, "--out", str(tmp_path / "b.gif")], capture_output=True, timeout=120, check=False
    )
    assert piped.returncode == 0 and piped.stderr == b""
