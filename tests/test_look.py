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


# Colour distance, written here from the published definitions: sRGB -> CIELAB (D65), the
# CIEDE2000 difference (Sharma, Wu and Dalal 2005), and deuteranopia simulated with
# Machado, Oliveira and Fernandes's 2009 matrix at severity 1 (applied to linear RGB).
_DEUTERANOPIA = np.array(
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
     [-0.011820, 0.042940, 0.968881]]
)  # fmt: skip
_SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
     [0.0193339, 0.1191920, 0.9503041]]
)  # fmt: skip


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    x, y, z = _SRGB_TO_XYZ @ linear / np.array([0.95047, 1.0, 1.08883])

    def f(t: float) -> float:
        return float(np.cbrt(t) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29)

    return np.array([116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))])


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_big_h = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    l_bar, c_bar2 = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_bar = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_bar = (h1 + h2) / 2
    else:
        h_bar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(h_bar - 30))
        + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6))
        - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )
    rc = 2 * np.sqrt(c_bar2**7 / (c_bar2**7 + 25**7))
    rt = -np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2)))) * rc
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * c_bar2, 1 + 0.015 * c_bar2 * t
    dl, dc = (l2 - l1) / sl, (c2 - c1) / sc
    return float(np.sqrt(dl**2 + dc**2 + (d_big_h / sh) ** 2 + rt * dc * (d_big_h / sh)))


def test_ciede2000_matches_sharmas_published_pair() -> None:
    assert ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) == (
        pytest.approx(2.0425, abs=1e-4)
    )


def colour_distances(a: str, b: str) -> tuple[float, float]:
    import matplotlib as mpl

    la, lb = (_linear(np.array(mpl.colors.to_rgb(c))) for c in (a, b))
    normal = ciede2000(_lab(la), _lab(lb))
    deutan = ciede2000(
        _lab(np.clip(_DEUTERANOPIA @ la, 0, 1)), _lab(np.clip(_DEUTERANOPIA @ lb, 0, 1))
    )
    return normal, deutan


@pytest.mark.parametrize("preset", ["default", "dark", "post"])
def test_different_functions_differ_in_colour_for_every_reader(preset: str) -> None:
    import matplotlib as mpl

    from sigplot.spec.presets import PRESETS

    count = len(PRESETS[preset].distinct)
    names = ["sigmoid", "tanh", "softsign", "gelu", "relu", "silu"][:count]
    fig = sigplot.figure(functions=names, orders="0,1", preset=preset)
    colour: dict[str, set[str]] = {}
    for line in curve_lines(fig):
        name = next(n for n in names if f"{n}" in str(line.get_label()) or
                    (n == "sigmoid" and "sigma" in str(line.get_label())))  # fmt: skip
        colour.setdefault(name, set()).add(mpl.colors.to_hex(str(line.get_color())))
    assert all(len(c) == 1 for c in colour.values())  # a function and its slope share one
    hexes = [next(iter(c)) for c in colour.values()]
    for i, a in enumerate(hexes):
        for b in hexes[i + 1 :]:
            normal, deutan = colour_distances(a, b)
            assert normal >= 20 and deutan >= 20, (preset, a, b, normal, deutan)


@pytest.mark.parametrize(
    ("options", "z0"),
    [({"tangent": 1}, 1.0), ({"functions": "sigmoid,tanh", "tangent": "-0.5"}, -0.5),
     ({"functions": "relu", "tangent": 0, "range": "-2 2"}, 0.0),
     ({"gain": "2", "shift": "0.5", "tangent": "0.75"}, 0.75)],
)  # fmt: skip
def test_the_tangent_touches_its_curve_with_the_slope_the_derivative_shows(
    options: dict[str, object], z0: float
) -> None:
    from matplotlib.text import Annotation

    fig = sigplot.figure(**options)
    ax = fig.axes[0]
    spec = sigplot.build_spec(**options)
    tangents = [line for line in ax.lines if line.get_label() == "_tangent"]
    guides = [line for line in ax.lines if line.get_label() == "_guide"]
    assert len(tangents) == len(spec.functions) * len(spec.gain)
    notes = [str(t.get_text()) for t in ax.texts if isinstance(t, Annotation)]
    for name, line in zip(spec.functions, tangents, strict=True):
        kw = {"gain": spec.gain[0], "shift": spec.shift}
        value = float(sigplot.evaluate(name, z0, 0, **kw))
        slope = float(sigplot.evaluate(name, z0, 1, **kw))
        z, y = (np.asarray(v, dtype=float) for v in line.get_data())
        assert y == pytest.approx(value + slope * (z - z0))  # through the point, at its slope
        assert f"slope {slope:.3g}" in notes
    for name, guide in zip(spec.functions, guides, strict=True):  # f' is drawn (orders 0,1)
        kw = {"gain": spec.gain[0], "shift": spec.shift}
        ends = sorted(np.asarray(guide.get_ydata(), dtype=float))
        assert list(np.asarray(guide.get_xdata(), dtype=float)) == [z0, z0]
        assert ends == pytest.approx(
            sorted([float(sigplot.evaluate(name, z0, 0, **kw)),
                    float(sigplot.evaluate(name, z0, 1, **kw))])
        )  # fmt: skip


def test_no_guide_without_the_first_derivative_and_the_axis_is_not_stretched() -> None:
    plain = sigplot.figure(orders="0").axes[0]
    ax = sigplot.figure(orders="0", tangent=2).axes[0]
    assert not [line for line in ax.lines if line.get_label() == "_guide"]
    assert ax.get_ylim() == pytest.approx(plain.get_ylim())


def test_a_tangent_outside_the_range_is_a_usage_error(tmp_path: object) -> None:
    from click.testing import CliRunner

    from sigplot.cli import main

    result = CliRunner().invoke(main, ["--tangent", "9", "--out", f"{tmp_path}/t.svg"])
    assert result.exit_code == 2
    assert "'--tangent': 9 is outside the range [-6, 6]" in result.stderr
