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
    assert len(spots) == 41 and spots[0] == -4 and spots[-1] == 4
    assert np.allclose(np.diff(spots), 0.2)
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
    ("option", "drawn"),
    [("shift -3 3", np.linspace(-3, 3, 6)), ("tangent -3 3", np.linspace(-3, 3, 41)),
     ("gain 0.5 5", np.geomspace(0.5, 5, 6)), ("gain 0.5 5", np.geomspace(0.5, 5, 41))],
)  # fmt: skip
def test_each_caption_writes_the_value_drawn(option: str, drawn: np.ndarray) -> None:
    """A sweep of n values from A to B draws them evenly spaced (a gain's geometrically);
    each caption writes its own to within one per cent, in one number of decimals. The
    shift sweep -3 to 3 in six panels steps by 1.2, and its titles read -2, -1, 1, 2 over
    panels drawn at -1.8, -0.6, 0.6, 1.8 (a reader review): the decimals told the values
    apart, not what they are."""
    spec = sigplot.build_spec(sweep=option, frames=len(drawn))
    written = [c.split(" = ")[1].replace("\N{MINUS SIGN}", "-")
               for c in sweep.captions(spec, sweep.values(spec, animated=True))]  # fmt: skip
    assert len({len(w.partition(".")[2]) for w in written}) == 1, written  # one width
    for w, z in zip(written, drawn, strict=True):
        assert abs(float(w) - z) <= 0.01 * abs(z), (w, z)


def test_a_figures_caption_sets_its_symbol_in_italic_as_the_notes_do() -> None:
    """The title's symbol is mathtext like the notes' "$z = 0$"; a page's readout is text."""
    spec = sigplot.build_spec(sweep="gain 0.5 2", frames=3)
    values = sweep.values(spec, animated=True)
    assert sweep.captions(spec, values, italic=True) == [
        "gain $K$ = 0.5", "gain $K$ = 1.0", "gain $K$ = 2.0",
    ]  # fmt: skip
    assert sweep.captions(spec, values) == ["gain K = 0.5", "gain K = 1.0", "gain K = 2.0"]
    spec = sigplot.build_spec(sweep="shift -1 1", frames=3)
    assert sweep.captions(spec, [-1.0, 0.0, 1.0], italic=True)[0] == "shift $z_0$ = −1"


def test_an_animations_frames_caption_in_italic_as_its_poster_and_legend() -> None:
    """Review 27: the GIF's frames wrote "gain K = 1.62" upright under a legend with an
    italic K, while the poster standing in for the GIF wrote it italic. The explorer's
    frames stay plain text: its readout reads them, and mathtext glyphs cost ~20 KB."""
    spec = sigplot.build_spec(sweep="gain 0.5 2", frames=3, points=201)
    moving = Sweep(spec)
    assert moving.figure.axes[0].get_title() == "gain $K$ = 0.5"
    moving.show(2)
    assert moving.figure.axes[0].get_title() == "gain $K$ = 2.0"
    assert Sweep(spec, italic=False).captions == ["gain K = 0.5", "gain K = 1.0", "gain K = 2.0"]


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
        assert im.format == "GIF" and getattr(im, "n_frames", 1) == 41 and im.size == (900, 500)
        # 12 fps, forever; GIF keeps delays in hundredths of a second, so 83 ms is 80
        assert im.info["duration"] == 80 and im.info["loop"] == 0
        im.seek(0)
        first = np.asarray(im.convert("RGB"))
        im.seek(40)
        last = np.asarray(im.convert("RGB"))
    assert (first != last).any()


@pytest.mark.parametrize(
    ("sweep", "fmt", "magic"),
    [(("tangent", "-4", "4"), "gif", b"GIF89a"), (("gain", "0.5", "5"), "webp", b"RIFF")],
)
def test_animations_are_deterministic(
    tmp_path: Path, sweep: tuple[str, ...], fmt: str, magic: bytes
) -> None:
    """The same command, the same bytes (a short sweep of each encoder: the default GIF's
    41 frames are drawn once above; html, the explorer: tests/test_explorer.py)."""
    one, two = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for out in (one, two):
        assert run("--sweep", *sweep, *QUICK, "--out", str(out))[0] == 0
    assert one.read_bytes().startswith(magic)
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
    # 0.5 * 10 ** (k / 5) to within 1% (1.256 was "1.3", 3.155 "3.2")
    assert titles == ["gain $K$ = 0.50", "gain $K$ = 0.79", "gain $K$ = 1.26",
                      "gain $K$ = 1.99", "gain $K$ = 3.15", "gain $K$ = 5.00"]  # fmt: skip
    assert len({ax.get_ylim() for ax in fig.axes}) == 1  # shared limits
    assert [ax.get_legend() is not None for ax in fig.axes] == [True] + [False] * 5
    assert fig.get_size_inches() == pytest.approx((9.0, 5.0))  # --size: 3 x 2 panels share it
    assert "as the gain K grows from 0.5 to 5" in str(fig.get_label())


@pytest.mark.parametrize("size", [(9.0, 5.0), (12.0, 6.0)])
def test_a_sweeps_panels_share_one_value_scale(size: tuple[float, float]) -> None:
    """The panels of a gain sweep show one value range: they tick and label it alike, so
    that the slope's peak (K/4) compares from panel to panel (review: six tick sets)."""
    fig = sigplot.figure(sweep="gain 0.5 5", size=size)
    ticks = {tuple(round(float(y), 9) for y in ax.get_yticks()) for ax in fig.axes}
    assert len(ticks) == 1, ticks
    for ax in fig.axes:
        shown = [t.get_loc() for t in ax.yaxis.get_major_ticks()
                 if t.label1.get_visible() or t.label2.get_visible()]  # fmt: skip
        assert len(shown) >= 3, (ax.get_title(), shown)


def test_layout_grid_draws_one_panel_per_function(tmp_path: Path) -> None:
    fig = sigplot.figure(functions="sigmoid,tanh,relu,gelu", layout="grid")
    assert [ax.get_title() for ax in fig.axes] == ["sigmoid", "tanh", "relu", "gelu"]
    assert all(ax.get_legend() is not None for ax in fig.axes)
    assert fig.get_size_inches() == pytest.approx((9.0, 5.0))  # --size
    out = tmp_path / "grid.svg"
    assert run("-f", "sigmoid,tanh,relu", "--layout", "grid", "--out", str(out))[0] == 0
    assert out.read_bytes().count(b'id="axes_') == 3


CATALOGUE = ("sigmoid,tanh,softplus,softsign,silu,gelu,gelu_tanh,mish,elu,selu,celu,relu,"
             "leaky_relu,relu6,hardsigmoid,hardtanh,hardswish,logsigmoid,tanhshrink,"
             "softshrink,hardshrink")  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [["-f", "sigmoid,tanh,relu,gelu,silu,elu,selu", "--layout", "grid"],  # 3 x 3
     ["--sweep", "gain", "0.5", "5"],  # 3 x 2 small multiples
     ["-f", CATALOGUE, "--layout", "grid", "--size", "22.5", "12.5", "--dpi", "40"]],
)  # fmt: skip
def test_a_grid_is_the_size_asked_for(tmp_path: Path, args: list[str]) -> None:
    """--size is the whole figure, a grid's too: PNG pixels are the size times the dpi,
    an SVG's width and height the size in points."""
    size = (float(args[args.index("--size") + 1]), float(args[args.index("--size") + 2])) if (
        "--size" in args) else (9.0, 5.0)  # fmt: skip
    dpi = float(args[args.index("--dpi") + 1]) if "--dpi" in args else 100.0
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    assert run(*args, "--out", str(png))[0] == 0
    with Image.open(png) as image:
        assert image.size == (round(size[0] * dpi), round(size[1] * dpi))
    assert run(*args, "--out", str(svg))[0] == 0
    head = svg.read_text()[:1000]
    assert f'width="{size[0] * 72:g}pt" height="{size[1] * 72:g}pt"' in head


def test_a_grid_too_small_to_read_is_refused_naming_the_least_size(tmp_path: Path) -> None:
    """21 panels (5 x 5) in 9 x 5 in at 10 pt would be 1.8 x 1 in each: refused, naming
    the smallest size that gives each 20 x 12 ems (2.78 x 1.67 in); that size draws."""
    out = tmp_path / "c.png"
    out.write_bytes(b"keep me")
    code, err = run("-f", CATALOGUE, "--layout", "grid", "--out", str(out))
    assert code == 2 and err.count("Error:") == 1 and "Traceback" not in err
    assert "'--size': 9 5 is too small for 21 panels (5 x 5) at 10 pt" in err
    assert "use --size 13.9 8.4 or more, or a smaller --fontsize" in err
    assert out.read_bytes() == b"keep me"
    code, err = run("-f", CATALOGUE, "--layout", "grid", "--size", "13.9", "8.4",
                    "--dpi", "50", "--out", str(out))  # fmt: skip
    assert code == 0, err
    with Image.open(out) as image:
        assert image.size == (695, 420)
    code, err = run("--sweep", "gain", "0.5", "5", "--fontsize", "20", "--out", str(out))
    assert code == 2 and "use --size 16.7 6.7 or more" in err  # 3 x 2 panels at 20 pt


def test_grid_titles_keep_each_function_as_written() -> None:
    fig = sigplot.figure(functions="leaky_relu,gelu_tanh,elu(alpha=0.5),hard_silu",
                         layout="grid")  # fmt: skip
    assert [ax.get_title() for ax in fig.axes] == [
        "leaky_relu", "gelu_tanh", "elu(alpha=0.5)", "hard_silu"
    ]  # fmt: skip


def test_a_sweeps_derivative_label_is_on_the_line_at_full_size() -> None:
    """d/dz sigma(Kz), written on the line: a mathtext \\frac would set d/dz at a script
    size, about 0.7 of the text. Its d is as tall as the sigma label's letters."""
    fig = sigplot.figure(sweep="gain 0.5 5")
    legend = fig.axes[0].get_legend()
    assert legend is not None
    texts = legend.get_texts()
    assert [t.get_text() for t in texts] == ["$\\sigma(Kz)$", "$d/dz\\,\\sigma(Kz)$"]
    fig.canvas.draw()
    heights = [t.get_window_extent().height for t in texts]
    assert heights[1] == pytest.approx(heights[0], rel=0.1)


def test_a_sweeps_poster_fits_its_own_frame() -> None:
    """The animation's axes hold every frame (relu(5 z) reaches 30 at z = 6); the poster,
    the middle frame drawn alone, fits that frame: relu(K z) up to 6 K."""
    from sigplot.plot.motion import poster

    spec = sigplot.build_spec(functions="sigmoid,tanh,relu,gelu", layout="grid",
                              sweep="gain 0.5 5", frames=24, points=301)  # fmt: skip
    k = 0.5 * 10 ** (12 / 23)  # the middle of 24 gains spaced geometrically from 0.5 to 5
    still = poster(spec)
    assert [t.get_text() for t in still.texts] == [f"gain $K$ = {k:.2f}"]  # the caption
    relu = next(ax for ax in still.axes if ax.get_title() == "relu")
    assert 6 * k <= relu.get_ylim()[1] <= 1.25 * 6 * k
    tanh = next(ax for ax in still.axes if ax.get_title() == "tanh")
    assert k <= tanh.get_ylim()[1] <= 1.25 * k  # tanh'(0) = K, the frame's peak
    moving = Sweep(spec)
    assert next(ax for ax in moving.figure.axes if ax.get_title() == "relu").get_ylim()[1] >= 30


@pytest.mark.parametrize(
    ("swept", "caption"),
    # (every frame's caption has as many decimals: the captions keep one width)
    # (shift -1 2 steps by 0.075: its frame at -0.025 needs three decimals, so all take them)
    [("tangent -4 4", "tangent at $z$ = 0.0"), ("shift -1 2", "shift $z_0$ = 0.500"),
     ("gain 0.5 5", "gain $K$ = 1.58")],  # the middle of a gain sweep: sqrt(0.5 * 5)
)  # fmt: skip
def test_a_default_sweeps_poster_is_its_middle_value(swept: str, caption: str) -> None:
    """The still and the explorer's first frame show the sweep's middle value, not a
    frame beside it: the tangent at z = 0, where its slope is the derivative's peak."""
    from sigplot.plot.motion import poster

    spec = sigplot.build_spec(sweep=swept, points=301)
    still = poster(spec)
    assert still.axes[0].get_title() == caption  # a one-panel sweep's caption is its title


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
