"""Figures: the blog figure reproduced pixel for pixel, the default preset against
committed baselines, and the geometric promises (axes at zero, clear legend)."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import drawn
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import assert_matches_baseline
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patheffects import withStroke
from matplotlib.testing.compare import compare_images

import sigplot
from sigplot.web.fingerprint import DRAWING_VERSION

BASELINES = Path(__file__).parent / "baseline"
UPDATE = os.environ.get("SIGPLOT_UPDATE_BASELINES") == "1"


def blog_figure(path: Path) -> None:
    """The blog's own code, step by step, as a reader would have run it."""

    def sigmoid(x: Any) -> Any:
        return 1 / (1 + np.exp(-x))

    def derivative(x: Any) -> Any:
        return sigmoid(x) * (1 - sigmoid(x))

    with mpl.style.context("default"):
        x = np.arange(-6, 6, 0.01)
        fig, ax = plt.subplots(figsize=(9, 5))
        ax.spines["left"].set_position("center")
        ax.spines["right"].set_color("none")
        ax.spines["top"].set_color("none")
        ax.xaxis.set_ticks_position("bottom")
        ax.yaxis.set_ticks_position("left")
        ax.plot(x, sigmoid(x), color="#307EC7", linewidth=3, label="sigmoid")
        ax.plot(x, derivative(x), color="#9621E2", linewidth=3, label="derivative")
        ax.legend(loc="upper right", frameon=False)
        fig.savefig(path)
        plt.close(fig)


@pytest.mark.smoke
def test_post_preset_reproduces_the_blog_figure(tmp_path: Path) -> None:
    expected, actual = tmp_path / "blog.png", tmp_path / "post.png"
    blog_figure(expected)
    sigplot.save({"preset": "post", "range": (-6, 6)}, actual)
    result = compare_images(str(expected), str(actual), tol=2, in_decorator=True)
    assert result is None, result


CASES: dict[str, dict[str, Any]] = {
    "default": {},
    "asymmetric": {"range": (-2, 10), "title": "Zero off centre"},
    "orders": {"orders": [0, 1, 2, 3], "range": (-8, 8)},
    "positive": {"range": (2, 10)},
    "negative": {"range": (-10, -2), "orders": [1, 2]},
    "labels": {"xlabel": "$z$", "ylabel": "value", "legend": "center left", "size": (6, 4)},
    "annotated": {"annotate": True, "range": (-10, 10)},
    "checked": {"check": True, "orders": [0, 1, 2]},
    "comparison": {"functions": "sigmoid,tanh", "orders": [0, 1]},
    "gain-family": {"gain": "0.5,1,2,5", "orders": [0, 1], "shift": 1},
    "dark": {"preset": "dark", "functions": "sigmoid,tanh,softsign", "orders": [0, 1]},
    "unbounded": {"functions": "sigmoid,relu,softplus", "orders": [0], "range": (-50, 50)},
    "catalogue": {"functions": "gelu,gelu_tanh,mish,hardswish,selu", "orders": 0, "range": (-4, 3)},
    # autograd's values at the kinks: relu'(0) = 0, sparse_sigmoid'(+-1) = 1/4 (neither side's)
    "kinks": {"functions": "relu,sparse_sigmoid", "orders": [0, 1], "range": (-2, 2)},
}


@pytest.mark.smoke
@pytest.mark.parametrize("name", CASES)
def test_default_preset_matches_baseline(name: str, tmp_path: Path) -> None:
    baseline = BASELINES / f"{name}.png"
    actual = tmp_path / f"{name}.png"
    sigplot.save(CASES[name], baseline if UPDATE else actual)
    if UPDATE:
        pytest.skip("baseline written")
    assert_matches_baseline(baseline, actual)


def legend_of(ax: Axes) -> Legend:
    legend = ax.get_legend()
    assert legend is not None
    return legend


def axes_of(**options: Any) -> Axes:
    fig = sigplot.figure(**options)
    fig.draw_without_rendering()
    return fig.axes[0]


def zero_axis_x(ax: Axes) -> float | None:
    """Where the vertical axis line is drawn, in pixels: the left spine at data zero, or the
    zero line drawn when its tick labels moved to the panel's edge (curves on both sides)."""
    if ax.spines["left"].get_position() == ("data", 0.0):
        return float(ax.spines["left"].get_spine_transform().transform((0, 0))[0])
    lines = [line for line in ax.lines if line.get_label() == "_zero_axis"]
    vertical = [line for line in lines if np.ptp(np.asarray(line.get_xdata(), float)) == 0]
    if not vertical:
        return None
    return float(ax.transData.transform((np.asarray(vertical[0].get_xdata(), float)[0], 0))[0])


@pytest.mark.parametrize("lo_hi", [(-6, 6), (-2, 10), (-10, 1), (-0.5, 30)])
def test_both_axis_lines_sit_at_data_zero_when_in_view(lo_hi: tuple[float, float]) -> None:
    ax = axes_of(range=lo_hi, orders=[0, 1, 2])
    assert zero_axis_x(ax) == pytest.approx(ax.transData.transform((0, 0))[0])
    assert ax.spines["bottom"].get_position() == ("data", 0.0)
    assert ax.get_xlim() == lo_hi


def test_axis_goes_to_the_nearest_edge_when_zero_is_out_of_view() -> None:
    ax = axes_of(range=(2, 10))
    assert ax.spines["left"].get_visible()
    assert ax.spines["left"].get_position() != ("data", 0.0)
    ax = axes_of(range=(-10, -2))
    assert ax.spines["right"].get_visible() and not ax.spines["left"].get_visible()
    assert ax.yaxis.get_ticks_position() == "right"
    ax = axes_of(range=(-6, 6), orders=[0])  # sigma > 0: the x axis at y = 0 stays in view
    assert ax.spines["bottom"].get_position() == ("data", 0.0)


def _curve_points_px(ax: Axes) -> list[np.ndarray]:
    """Each curve's points in pixels, densified so no gap exceeds half a pixel."""
    out = []
    for line in ax.lines:
        xy = ax.transData.transform(line.get_xydata())
        steps = np.maximum(1, np.ceil(np.hypot(*np.diff(xy, axis=0).T) * 2)).astype(int)
        dense = [
            np.linspace(a, b, n, endpoint=False)
            for a, b, n in zip(xy[:-1], xy[1:], steps, strict=True)
        ]
        out.append(np.vstack([*dense, xy[-1:]]))
    return out


@pytest.mark.parametrize(
    "options",
    [{}, {"range": (-2, 10)}, {"orders": [0, 1, 2, 3]}, {"range": (-40, 3), "orders": [0, 1, 2]},
     {"range": (-1, 1)}, {"points": 2}, {"size": (3, 2), "orders": [0, 1, 2, 3]}],
)  # fmt: skip
def test_legend_covers_no_curve(options: dict[str, object]) -> None:
    ax = axes_of(**options)
    legend = ax.get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    pad = 3 * ax.figure.dpi / 72 / 2
    for pts in _curve_points_px(ax):
        inside = (
            (pts[:, 0] > box.x0 - pad) & (pts[:, 0] < box.x1 + pad)
            & (pts[:, 1] > box.y0 - pad) & (pts[:, 1] < box.y1 + pad)
        )  # fmt: skip
        assert not inside.any()


def test_tick_labels_sit_above_the_curves_with_a_halo() -> None:
    ax = axes_of()
    top_curve = max(
        line.get_zorder() for line in ax.lines if not str(line.get_label()).startswith("_")
    )
    assert ax.xaxis.get_zorder() > top_curve and ax.yaxis.get_zorder() > top_curve
    labels = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    assert labels
    for text in labels:  # inside the panel (at a zero axis) a label has a halo; at its edge none
        if text.get_window_extent().overlaps(ax.bbox.shrunk(0.98, 0.98)):
            assert any(isinstance(e, withStroke) for e in text.get_path_effects())
    if all(ax.spines[s].get_position() == ("data", 0.0) for s in ("left", "bottom")):
        assert "0" not in {t.get_text() for t in labels}, "an origin label would be struck"


# The published colours: the blog post's two lines, then Okabe and Ito's colour-blind-safe
# palette ("Color Universal Design", 2008) from its orange on.
BLOG = ["#307EC7", "#9621E2"]
OKABE_ITO_ORANGE, OKABE_ITO_BLUISH_GREEN = "#E69F00", "#009E73"


def test_colours_labels_and_styles() -> None:
    fig: Figure = sigplot.figure(orders=[0, 1, 2, 3])
    ax = fig.axes[0]
    curves = [line for line in ax.lines if not str(line.get_label()).startswith("_")]
    colours = [mpl.colors.to_hex(line.get_color()).upper() for line in curves]
    assert colours == [*BLOG, OKABE_ITO_ORANGE, OKABE_ITO_BLUISH_GREEN]
    texts = [t.get_text() for t in legend_of(ax).get_texts()]
    assert texts[1] == r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$"
    assert len({line.get_linestyle() for line in ax.lines}) == 4
    post = sigplot.figure(preset="post").axes[0]
    assert [t.get_text() for t in legend_of(post).get_texts()] == ["sigmoid", "derivative"]


def test_legend_none_and_explicit_location() -> None:
    assert axes_of(legend="none").get_legend() is None
    assert legend_of(axes_of(legend="center left"))._loc == 6  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("where", "covers"),
    [("lower right", "a curve and an axis line"), ("center", "a curve"),
     ("upper right", "a curve")],
)  # fmt: skip
def test_a_legend_put_over_curves_is_kept_there_with_a_warning(
    where: str, covers: str, tmp_path: Path
) -> None:
    """A legend put where the user says stays there (their choice), but one that covers
    a curve, an axis line or a label says so, naming --legend auto: the labels baseline
    drew its legend over sigma' and the z axis with no word. One clear of all says nothing."""
    from click.testing import CliRunner

    from sigplot.cli import main

    out = tmp_path / "fig.png"
    result = CliRunner().invoke(main, ["--legend", where, "--out", str(out)])
    assert result.exit_code == 0 and out.exists()
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("Warning: legend:")]
    assert f"'{where}' covers {covers}" in line and "--legend auto" in line, line
    with pytest.warns(sigplot.SigplotWarning, match=f"'{where}' covers"):
        fig = sigplot.figure(legend=where)
    assert legend_of(fig.axes[0])._loc == Legend.codes[where]  # type: ignore[attr-defined]
    quiet = CliRunner().invoke(main, ["--legend", "center left", "--out", str(out)])
    assert quiet.exit_code == 0 and not quiet.stderr, quiet.stderr


def test_no_global_state_changes_and_no_pyplot() -> None:
    code = (
        "import matplotlib as mpl, sys, sigplot\n"
        "before = mpl.rcParams.copy()\n"
        "sigplot.figure(preset='post'); sigplot.figure()\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "assert mpl.rcParams.copy() == before\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_users_rcparams_do_not_change_the_figure(tmp_path: Path) -> None:
    plain = tmp_path / "plain.png"
    sigplot.save({}, plain)
    with mpl.rc_context({"lines.linewidth": 9, "axes.facecolor": "red", "font.size": 30}):
        styled = tmp_path / "styled.png"
        sigplot.save({}, styled)
    assert plain.read_bytes() == styled.read_bytes()


def test_post_labels_name_whose_derivative_when_several_functions() -> None:
    ax = sigplot.figure(preset="post", functions="sigmoid,tanh").axes[0]
    texts = [t.get_text() for t in legend_of(ax).get_texts()]
    assert texts == ["sigmoid", "sigmoid derivative", "tanh", "tanh derivative"]


def baselines_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(BASELINES.glob("*.png")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_the_drawing_version_is_bumped_with_the_baselines() -> None:
    # Figures are cached by DRAWING_VERSION (galleries, Sphinx): a change to the drawing
    # that changes the baselines must bump it, and record the new baselines' digest here.
    recorded = dict(
        line.split(maxsplit=1)
        for line in (BASELINES / "drawing-versions.txt").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert recorded.get(str(DRAWING_VERSION)) == baselines_digest(), (
        f"the baselines changed: bump DRAWING_VERSION in sigplot/web/fingerprint.py and add "
        f"'{DRAWING_VERSION + 1} {baselines_digest()}' to tests/baseline/drawing-versions.txt"
    )


@pytest.mark.smoke  # matplotlib's renderers and canvases differ between releases
def test_one_renderer_measures_the_whole_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The figure has a canvas of its own, so the legend search, the tick labels and the
    tight layout measure text with one renderer (and its text-size cache), not one each."""
    from matplotlib.backends import backend_agg

    made = []
    real: Any = backend_agg.RendererAgg.__init__

    def counted(self: Any, *args: Any) -> None:
        made.append(args)
        real(self, *args)

    monkeypatch.setattr(backend_agg.RendererAgg, "__init__", counted)
    fig = sigplot.figure(functions="sigmoid,tanh", annotate=True)
    assert len(made) == 1
    assert isinstance(fig.canvas, backend_agg.FigureCanvasAgg)


@pytest.mark.smoke  # so do layout engines
@pytest.mark.parametrize("options", [{}, {"functions": "sigmoid,tanh", "layout": "grid"}])
def test_saving_draws_the_figure_once(
    options: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figure is laid out for good when drawn: no layout engine is left set, which would
    make every savefig draw the whole figure twice (once only to lay it out)."""
    fig = sigplot.figure(**options)
    assert fig.get_layout_engine() is None
    draws = []
    real: Any = type(fig).draw

    def counted(self: Any, renderer: Any) -> None:
        draws.append(renderer)
        real(self, renderer)

    monkeypatch.setattr(type(fig), "draw", counted)
    fig.savefig(io.BytesIO(), format="png")
    assert len(draws) == 1


GAPPED = np.where(np.arange(400) % 97 < 3, np.nan, np.cos(np.arange(400) / 30))


@pytest.mark.parametrize(
    "ys", [np.sin(np.linspace(0, 9, 400)), GAPPED], ids=["curve", "curve with gaps"]
)
def test_a_stroke_meets_a_box_as_its_whole_path_does(ys: np.ndarray) -> None:
    """Crossing tests look only at the stretch of a left-to-right curve under the box;
    the answer is matplotlib's for the whole path as drawn, for boxes all over and beside
    it: a NaN breaks the line, so each unbroken run is asked alone (matplotlib's own test
    joins the points either side of a gap, a jump drawn as if it were a stroke)."""
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Bbox

    from sigplot.plot.geometry import Stroke as _Stroke

    xs = np.linspace(0, 600, len(ys))
    vertices = np.column_stack([xs, 100 + 80 * ys])
    rising, backwards = MplPath(vertices), MplPath(vertices[::-1])  # backwards: tested whole
    boxes = [Bbox.from_bounds(x, y, w, h) for x in range(-40, 640, 23) for y in range(0, 200, 17)
             for w, h in ((3, 2), (40, 12))]  # fmt: skip
    for path in (rising, backwards):
        stroke = _Stroke(path, 1.5)
        points = np.asarray(path.vertices, dtype=float)
        runs = [MplPath(points[i:j]) for i, j in drawn.runs(np.isfinite(points).all(axis=1))]
        for box in boxes:
            padded = box.padded(1.5 + 2)
            whole = any(
                run.intersects_bbox(padded, filled=False) or padded.count_contains(run.vertices)
                for run in runs
            )
            assert stroke.crosses(box, 2) == bool(whole), box
    if not np.isnan(ys).any():
        assert _Stroke(rising, 1).xs is not None and _Stroke(backwards, 1).xs is None


def test_a_jump_is_not_a_stroke_to_the_crossing_tests() -> None:
    """relu' drawn as two levels with a NaN between them at z = 0: a box in the gap
    between the levels, where nothing is drawn, meets no line (it met the vertical
    matplotlib's crossing test joins across the NaN)."""
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Bbox

    from sigplot.plot.geometry import Stroke as _Stroke

    line = MplPath(np.array([[0, 0], [100, 0], [np.nan, np.nan], [100, 80], [200, 80]], float))
    gap = Bbox.from_extents(95, 30, 105, 50)
    assert line.intersects_bbox(gap, filled=False)  # matplotlib's joined test
    assert not _Stroke(line, 1.5).crosses(gap)
    assert _Stroke(line, 1.5).crosses(Bbox.from_extents(50, -5, 60, 5))
    assert _Stroke(line, 1.5).crosses(Bbox.from_extents(150, 75, 160, 85))


def test_the_grid_of_cells_finds_every_stroke_a_box_meets() -> None:
    """Obstacles ask a coarse grid which strokes could meet a box and test only those: the
    answer is each stroke's own test (held to matplotlib's above), for boxes all over a
    figure and beyond its edges, with strokes that leave the figure, have gaps, are drawn
    backwards or are single points."""
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Bbox

    from sigplot.plot.geometry import Obstacles, Stroke

    xs = np.linspace(-50, 650, 500)
    paths = [
        np.column_stack([xs, 200 + 150 * np.sin(xs / 40)]),
        np.column_stack([xs, np.where(np.arange(500) % 61 < 4, np.nan, 20 * np.exp(xs / 90))]),
        np.column_stack([xs[::-1], 390 - xs[::-1] / 3]),  # drawn backwards
        np.array([[300.0, 150.0]]),  # a mark
        np.array([[120.0, -30.0], [120.0, 500.0]]),  # a jump's stroke, across the figure
    ]
    pads = (1.5, 1.0, 2.0, 4.0, 0.75)
    strokes = [Stroke(MplPath(v), pad) for v, pad in zip(paths, pads, strict=True)]
    gridded = Obstacles(list(strokes), [], size=(600.0, 400.0))
    boxes = [Bbox.from_bounds(x, y, w, h) for x in range(-60, 680, 19) for y in range(-40, 440, 13)
             for w, h in ((2, 2), (30, 11), (90, 40))]  # fmt: skip
    crossed = 0
    for margin in (0.0, 2.0, 9.0):
        for box in boxes:
            truth = not any(s.crosses(box, margin) for s in strokes)
            assert gridded.clear(box, margin) == truth, (box, margin)
            crossed += not truth
    assert 0.2 < crossed / (3 * len(boxes)) < 0.8  # the boxes try both answers
