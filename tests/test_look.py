"""What the reader sees, tested by geometry on the drawn figure: no stroke through a jump,
and a filled dot where a function takes its value at a jump, a hollow one where not."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import sigplot


def curve_lines(fig: Figure) -> list[Line2D]:
    return [line for line in fig.axes[0].lines if not str(line.get_label()).startswith("_")]


def point(line: Line2D) -> tuple[float, float]:
    return float(np.asarray(line.get_xdata())[0]), float(np.asarray(line.get_ydata())[0])


@pytest.mark.parametrize(
    ("options", "label", "at", "value", "other"),
    [({"functions": "relu", "orders": "1"}, "relu'", 0.0, 1.0, 0.0),
     ({"functions": "softsign", "orders": "2"}, "softsign''", 0.0, -2.0, 2.0),
     ({"functions": "hardtanh", "orders": "1", "range": "0 3"}, "hardtanh'", 1.0, 0.0, 1.0),
     # d/dz relu(-2(z - 1)) is -2 left of 1, 0 right of it, and -2 at 1 (right-hand in the
     # argument, which runs the other way): the mirror keeps the convention of the argument.
     ({"functions": "relu", "orders": "1", "gain": "-2", "shift": "1"}, "relu", 1.0, -2.0, 0.0)],
)  # fmt: skip
def test_no_stroke_joins_the_sides_of_a_jump(
    options: dict[str, str], label: str, at: float, value: float, other: float
) -> None:
    fig = sigplot.figure(**{"range": "-3 3", "points": 601, **options})
    (line,) = curve_lines(fig)
    assert label in str(line.get_label()).replace("\\mathrm{", "").replace("}", "")
    z, y = (np.asarray(v, dtype=float) for v in line.get_data())
    jump = abs(value - other)
    for a in range(len(z) - 1):
        if np.isfinite(y[a]) and np.isfinite(y[a + 1]):
            assert abs(y[a + 1] - y[a]) < jump / 2, (z[a], y[a], y[a + 1])
    dots = [m for m in fig.axes[0].lines if m.get_marker() == "o" and np.size(m.get_xdata()) == 1]
    filled = [m for m in dots if m.get_markerfacecolor() == m.get_color()]
    hollow = [m for m in dots if m.get_markerfacecolor() != m.get_color()]
    assert [point(m) for m in filled] == [pytest.approx((at, value))]
    assert [point(m) for m in hollow] == [pytest.approx((at, other))]


def test_smooth_curves_have_no_jump_marks() -> None:
    fig = sigplot.figure(functions="sigmoid,relu", orders="0")
    assert not [m for m in fig.axes[0].lines if m.get_marker() == "o"]


def test_each_functions_flat_zones_are_tinted_and_named_as_that_function() -> None:
    import matplotlib as mpl
    from matplotlib.patches import Rectangle

    fig = sigplot.figure(functions="sigmoid,tanh", annotate=True, range="-8 8")
    ax = fig.axes[0]
    zones = [p for p in ax.patches if isinstance(p, Rectangle)] + list(ax.collections)
    labels = [str(z.get_label()) for z in zones if not str(z.get_label()).startswith("_")]
    assert sorted(labels) == [
        "$|f'| < 1\\%$ of its maximum (sigmoid)",
        "$|f'| < 1\\%$ of its maximum (tanh)",
    ]
    colours = {mpl.colors.to_hex(str(line.get_color())) for line in curve_lines(fig)}
    tints = {mpl.colors.to_hex(tuple(np.ravel(z.get_facecolor())[:3])) for z in zones}
    assert tints <= colours and len(tints) == 2


def test_halos_follow_the_background_and_leave_when_it_is_transparent() -> None:
    import matplotlib as mpl

    gg = sigplot.figure(style="ggplot").axes[0]
    panel = mpl.colors.to_hex(gg.get_facecolor())
    effects = gg.get_xticklabels()[0].get_path_effects()
    assert effects and mpl.colors.to_hex(effects[0]._gc["foreground"]) == panel  # type: ignore[attr-defined]
    assert mpl.colors.to_hex(gg.spines["left"].get_edgecolor()) != panel  # the zero axis shows
    clear = sigplot.figure(preset="dark", transparent=True).axes[0]
    assert all(not t.get_path_effects() for t in clear.get_xticklabels() + clear.get_yticklabels())


def strokes_of(ax: object) -> list[tuple[object, float]]:
    fig = ax.figure  # type: ignore[attr-defined]
    return [
        (line.get_transform().transform_path(line.get_path()), line.get_linewidth() * fig.dpi / 144)
        for line in ax.lines  # type: ignore[attr-defined]
        if not str(line.get_label()).startswith("_")
    ]


def crosses(path: object, box: object) -> bool:
    return bool(path.intersects_bbox(box, filled=False) or box.count_contains(path.vertices))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "options",
    [{"functions": "sigmoid,tanh", "annotate": True}, {"annotate": True, "range": "-10 10"},
     {"preset": "dark", "functions": "sigmoid,tanh", "annotate": True},
     {"functions": "sigmoid,tanh,softsign,hardtanh,gelu", "orders": "0,1,2"},
     {"gain": "0.5,1,2,5", "orders": "0"}, {"functions": "silu,gelu"}],
)  # fmt: skip
def test_no_curve_passes_through_a_tick_label_or_a_note(options: dict[str, object]) -> None:
    from matplotlib.text import Annotation, Text
    from matplotlib.transforms import Bbox

    fig = sigplot.figure(**options)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    strokes = strokes_of(ax)
    labels = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    labels += [
        t for t in ax.texts if not isinstance(t, Annotation) or t.get_gid() != "sigplot-note"
    ]
    notes = [t for t in ax.texts if isinstance(t, Annotation) and t.get_gid() == "sigplot-note"]
    for text in labels:
        box = text.get_window_extent()
        assert not any(crosses(p, box) for p, _ in strokes), text.get_text()
    boxes: list[Bbox] = []
    for note in notes:
        box = Text.get_window_extent(note)
        assert not any(crosses(p, box) for p, _ in strokes), note.get_text()
        assert not any(box.overlaps(b) for b in boxes), note.get_text()
        boxes.append(box)


def test_a_note_says_whose_it_is_when_several_functions_are_drawn() -> None:
    from matplotlib.text import Annotation

    ax = sigplot.figure(functions="sigmoid,tanh", annotate=True).axes[0]
    notes = [t.get_text() for t in ax.texts if isinstance(t, Annotation)]
    assert any(n.startswith("sigmoid: max slope 0.25") for n in notes)
    assert any(n.startswith("tanh: max slope 1") for n in notes)


def test_the_value_axis_fits_bounded_curves_and_lets_unbounded_ones_leave() -> None:
    ax = sigplot.figure(functions="sigmoid,relu,softplus", orders="0", range="-10 10").axes[0]
    assert ax.get_ylim() == pytest.approx((-0.05, 1.05), abs=1e-3)  # nothing below 0 but margin
    ax = sigplot.figure(functions="sigmoid,tanh,softsign,hardtanh,gelu", orders="0,1,2").axes[0]
    _, hi = ax.get_ylim()
    assert hi < 2.5  # gelu (up to 6) leaves the top; softsign'' (-2 to 2) fits with 5%


def test_coinciding_curves_are_interleaved() -> None:
    fig = sigplot.figure(functions="gelu,gelu_tanh", orders="0", range="-4 4")
    gelu, tanh_ = curve_lines(fig)
    assert gelu.get_linestyle() == "-" and tanh_.get_linestyle() == "--"  # dashes over solid
    apart = sigplot.figure(functions="sigmoid,tanh", orders="0")
    assert all(line.get_linestyle() == "-" for line in curve_lines(apart))
