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
