"""Figure features of the catalogue issue: annotate, check, dark, transparent, style,
data export, y-limits beside unbounded curves, families, `sigplot list`, bad input."""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Annotation
from PIL import Image

import sigplot
from sigplot import SigplotWarning
from sigplot.cli import main
from sigplot.maths.catalog import CATALOG
from sigplot.plot.curves import compute
from sigplot.plot.features import locate
from sigplot.spec.options import build_spec
from sigplot.spec.presets import DARK_BACKGROUND, DARK_COLORS, DARK_TEXT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def features(**options: Any) -> Any:
    spec = build_spec(annotate=True, **options)
    return locate(spec, compute(spec))


def test_annotate_finds_the_blog_facts_for_the_sigmoid() -> None:
    found = features(range=(-10, 10))
    texts = {m.text for m in found.marks}
    assert "$\\sigma(0) = 0.5$\ninflection at $z = 0$" in texts
    assert "max slope 0.25 at $z = 0$" in texts
    slope = next(m for m in found.marks if m.text.startswith("max slope"))
    assert (slope.z, slope.y) == (0.0, 0.25)
    # sigma(1 - sigma) < 1/400 (1% of 1/4) where |z| > ln((1 + sqrt .99) / (1 - sqrt .99))
    edge = math.log((1 + math.sqrt(0.99)) / (1 - math.sqrt(0.99)))
    zones = sorted((z.lo, z.hi) for z in found.zones)
    assert zones[0][0] == -10 and zones[1][1] == 10
    assert zones[0][1] == pytest.approx(-edge, abs=0.02)
    assert zones[1][0] == pytest.approx(edge, abs=0.02)


def test_annotate_is_generic_not_hard_coded() -> None:
    gelu = features(functions="gelu")
    inflections = sorted(m.z for m in gelu.marks if "inflection" in m.text)
    assert inflections == pytest.approx([-math.sqrt(2), math.sqrt(2)], abs=1e-9)  # (2 - z^2) phi
    shifted = features(shift=1.5, gain=2)
    assert {m.z for m in shifted.marks if "max slope" in m.text} == {1.5}
    slope = next(m for m in shifted.marks if "max slope" in m.text)
    assert slope.y == pytest.approx(0.5)  # gain 2 doubles the slope
    relu = features(functions="relu")
    assert not any("max slope" in m.text for m in relu.marks)  # a plateau has no single peak
    assert [(z.lo, z.hi) for z in relu.zones] == [(-6.0, 0.0)]  # relu'(0) = 0, autograd's


@pytest.mark.parametrize(
    ("function", "span"), [("tanhshrink", (-6, 1)), ("sigmoid", (-6, 1)), ("tanh", (-5, 3))]
)
def test_an_inflection_at_the_origin_reads_zero_off_the_grid(
    function: str, span: tuple[float, float]
) -> None:
    """tanhshrink'' = 2 tanh(z) sech^2(z), sigma'' and tanh'' change sign at z = 0 alone. On
    a range whose grid misses 0 the bisection ends a rounding error away: the note read
    "inflection at z = -2.22e-27" (found by a random search of options)."""
    found = features(functions=function, range=span)
    inflections = [m for m in found.marks if "inflection" in m.text]
    assert [m.z for m in inflections] == [0.0]
    assert "inflection at $z = 0$" in inflections[0].text, inflections[0].text


def test_facts_of_several_functions_at_one_point_name_each_function() -> None:
    """squareplus(0) = (0 + sqrt(0 + 4))/2 = 1 and tanh'(0) = 1 - tanh(0)^2 = 1, tanh's
    steepest, meet at (0, 1): one marker, and each fact named for its own function. The
    block was named for the first alone and read "squareplus: squareplus(0) = 1, max
    slope 1 at z = 0", tanh's slope as squareplus's (found by a random search of
    options); drawn, the note says so too."""
    found = features(functions="squareplus,tanh", range=(-8, 6))
    (shared,) = [m for m in found.marks if (m.z, m.y) == (0.0, 1.0)]
    lines = shared.text.split("\n")
    assert lines == ["squareplus: $\\mathrm{squareplus}(0) = 1$",
                     "tanh: max slope 1 at $z = 0$"], lines  # fmt: skip
    fig = sigplot.figure(functions="squareplus,tanh", range=(-8, 6), annotate=True)
    notes = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "sigplot-note"]
    legend = fig.axes[0].get_legend()
    keys = [t.get_text() for t in legend.get_texts()] if legend is not None else []
    said = [t for t in notes + keys if "max slope 1" in t]
    assert said and all("squareplus: max" not in t and "tanh: max slope 1" in t for t in said)


def test_a_note_of_several_curves_facts_is_in_no_one_curves_colour() -> None:
    """squareplus(0) = 1 and tanh'(0) = 1 share a note; told in squareplus's blue, tanh's
    slope read as squareplus's (a reader review). A note of several curves' facts takes
    the text's colour; a note of one curve keeps that curve's."""
    from matplotlib.colors import same_color

    fig = sigplot.figure(functions="squareplus,tanh", range=(-8, 6), annotate=True)
    ax = fig.axes[0]
    notes = {t.get_text(): t.get_color() for t in ax.texts if t.get_gid() == "sigplot-note"}
    (shared,) = [c for t, c in notes.items() if "tanh: max slope 1" in t]
    assert same_color(shared, mpl.rcParams["text.color"]), shared
    tanh = next(line for line in ax.lines if line.get_label() == "$\\mathrm{tanh}(z)$")
    (own,) = [c for t, c in notes.items() if t.startswith("tanh:") and "inflection" in t]
    assert same_color(own, tanh.get_color()), (own, tanh.get_color())


def test_notes_write_negative_numbers_with_a_minus_sign() -> None:
    """gelu(z) = z Phi(z) bends at z = -sqrt(2); gelu(0 - 1.5) = -1.5 Phi(-1.5) = -0.1002.
    Notes wrote them with a hyphen ("-0.1 at z = 0") beside tick labels with a minus
    sign (found by a random search of options)."""
    minus = "\N{MINUS SIGN}"
    bends = features(functions="gelu")
    assert any(f"inflection at $z = {minus}1.41$" in m.text for m in bends.marks)
    shifted = features(functions="gelu", shift=1.5, range=(-8, 6))
    assert any(m.text.startswith(f"$\\mathrm{{gelu}}(0 - 1.5) = {minus}0.1$")
               for m in shifted.marks), [m.text for m in shifted.marks]  # fmt: skip
    for m in bends.marks + shifted.marks:
        assert not re.search(r"-\d", m.text), m.text


def test_a_shifted_value_note_says_what_its_number_is() -> None:
    """sigma(2(z - 1.5)) at z = 0 is 1/(1 + e^3) = 0.047426: the note read "0.0474 at z =
    0", which did not say it was the function's value (a reader review); it writes the
    argument at 0 as the legend writes the curve."""
    found = features(gain=[2], shift=1.5)
    (value,) = [m for m in found.marks if m.z == 0]
    assert value.text == f"$\\sigma(2(0 - 1.5)) = {1 / (1 + math.exp(3)):.3g}$", value.text


def test_annotate_with_nothing_to_mark_warns_and_draws(runner: CliRunner, tmp_path: Path) -> None:
    with pytest.warns(SigplotWarning, match=r"nothing to mark for relu on \[1, 5\]"):
        sigplot.figure(functions="relu", range=(1, 5), annotate=True)
    out = tmp_path / "relu.png"
    result = runner.invoke(
        main, ["-f", "relu", "--range", "1", "5", "--annotate", "--out", str(out)]
    )
    assert result.exit_code == 0
    assert "Warning: annotate: nothing to mark for relu" in result.stderr
    assert out.exists()


def test_annotated_figure_shows_marks_and_zones() -> None:
    ax = sigplot.figure(annotate=True, range=(-10, 10)).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any("max slope 0.25" in t for t in texts)
    assert len(ax.patches) == 2  # two vanishing-gradient zones
    legend = ax.get_legend()
    assert legend is not None
    assert any("1\\%" in t.get_text() for t in legend.get_texts())


def test_facts_of_one_point_say_where_once() -> None:
    """sigma(2(z - 1.5)) and its slope meet at z = 1.5: one note says both facts and the
    point once (review 17: "max slope 0.5 at z = 1.5 / inflection at z = 1.5"); a value
    there keeps its own line (sigma(2z) alone: sigma(2 * 0) = sigma(0) = 1/2, then the rest)."""
    shifted = {m.text for m in features(gain=[2], shift=1.5, orders=[0, 1]).marks}
    assert "max slope 0.5 and inflection at $z = 1.5$" in shifted
    assert not any("max slope 0.5 at" in t for t in shifted)
    steep = {m.text for m in features(gain=[2], orders=[0]).marks}
    assert "$\\sigma(0) = 0.5$\nmax slope 0.5 and inflection at $z = 0$" in steep, steep


def test_a_note_on_a_function_and_its_slope_is_in_the_functions_colour() -> None:
    """sigma(2(z - 1.5)) bends at 1.5, where its slope 2 sigma(1 - sigma) peaks at 0.5,
    the function's own value there: one note for both, which took the slope's colour and
    told the function's inflection in it (a reader review). Drawn, it is the function's."""
    from matplotlib.colors import same_color

    fig = sigplot.figure(gain="2", shift=1.5, annotate=True)
    ax = fig.axes[0]
    notes = [t for t in ax.texts if isinstance(t, Annotation) and t.get_gid() == "sigplot-note"]
    (note,) = [t for t in notes if "inflection" in t.get_text()]
    function = next(line for line in ax.lines if str(line.get_label()).startswith("$\\sigma"))
    assert note.xy == pytest.approx((1.5, 0.5))
    assert same_color(note.get_color(), function.get_color()), note.get_color()


def test_a_familys_facts_at_one_point_are_told_once_where_shared_else_named() -> None:
    """sigma(g z) = 1/(1 + exp(-g z)) is 1/2 at z = 0 and bends there for every gain; its
    slope g sigma(1 - sigma) peaks there at g/4. Drawn with their slopes, the three
    members' facts at (0, 0.5) are all alike: told once, for all ("0.5 at z = 0" beside
    "sigma(0) = 0.5" said one fact twice). Drawn alone, each member's slope goes with its
    name: the three were one unnamed block, "max slope 0.125 ... max slope 0.5", whose
    slope each was the reader could not tell; what all three share is said once, above
    (each member's line repeated it, a reader review)."""
    gains = [0.5, 1.0, 2.0]
    # (at gain 2 the slope's peak is 0.5 too, at the same point: gain 3's is 0.75)
    (both,) = [m for m in features(gain=[0.5, 1, 3], orders=[0, 1]).marks if m.y == 0.5]
    assert (both.z, both.y, both.named) == (0.0, 0.5, True)
    assert both.text == "$\\sigma(0) = 0.5$\ninflection at $z = 0$", both.text
    (alone,) = [m for m in features(gain=gains, orders=[0]).marks if m.z == 0]
    assert alone.named
    assert alone.text.split("\n") == ["$\\sigma(0) = 0.5$", "inflection at $z = 0$"] + [
        f"$\\sigma({g:g}z)$: max slope {g / 4:g} at $z = 0$".replace("(1z)", "(z)")
        for g in gains
    ], alone.text  # fmt: skip
    fig = sigplot.figure(gain="0.5,1,2", annotate=True)
    slopes = [t.get_text() for ax in fig.axes for t in [*ax.texts, *_keys(ax)]
              if "max slope" in t.get_text() and t.get_visible()]  # fmt: skip
    owners = sorted(t.split(": ")[0] for t in slopes)
    assert owners == ["$\\sigma(0.5z)$", "$\\sigma(2z)$", "$\\sigma(z)$"], slopes


def test_a_key_tells_each_functions_facts_apart() -> None:
    """gelu(0) = 0 Phi(0) = 0 and tanh(0) = 0 meet at the origin, where tanh'' = -2 tanh
    sech^2 changes sign and gelu'' = 2 phi(0) does not: the inflection is tanh's alone. In a
    key the two owners' facts were joined by commas, "gelu: gelu(0) = 0, tanh: tanh(0) =
    0, inflection at z = 0", a list a reader could end anywhere; a semicolon parts them,
    and the values alike are one chain (each owner's on a line, a reader review)."""
    fig = sigplot.figure(functions="gelu,tanh", orders="0,1,2", annotate=True, size=(5, 3.5))
    keys = [t.get_text() for ax in fig.axes for t in _keys(ax)]
    (origin,) = [t for t in keys if "inflection at $z = 0$" in t]
    assert origin == ("$\\mathrm{gelu}(0) = \\mathrm{tanh}(0) = 0$; "
                      "tanh: inflection at $z = 0$"), origin  # fmt: skip
    elu = features(functions="elu,celu,selu")  # each is z at z >= 0: all 0 at 0
    (zero,) = [m for m in elu.marks if m.named]
    assert zero.text == "$\\mathrm{elu}(0) = \\mathrm{celu}(0) = \\mathrm{selu}(0) = 0$"


def _keys(ax: Any) -> list[Any]:
    """The texts of ``ax``'s legends: its legend, and the key of numbered notes if apart."""
    return [t for a in ax.get_children() if isinstance(a, Legend) for t in a.get_texts()]


@pytest.mark.parametrize(
    ("note", "key"),
    [("max slope 0.5\nand inflection\nat $z = 1.5$", "max slope 0.5 and inflection at $z = 1.5$"),
     ("max slope 0.25\nat $z = 0$", "max slope 0.25 at $z = 0$"),
     ("$\\sigma(0) = 0.5$\ninflection at $z = 0$", "$\\sigma(0) = 0.5$, inflection at $z = 0$"),
     ("sigmoid:\nmax slope 0.25 at $z = 0$", "sigmoid: max slope 0.25 at $z = 0$")],
)  # fmt: skip
def test_a_numbered_notes_key_joins_its_broken_lines_as_they_were(note: str, key: str) -> None:
    """A note broken before "at" or "and" to fit, then numbered, is said on one line in
    its key as before it was broken ("max slope 0.25, at z = 0" read as two facts); facts
    on lines of their own are joined with a comma."""
    from matplotlib.text import Annotation

    from sigplot.plot.notes import _key

    assert _key(Annotation(note, (0, 0)), 1, None)[1] == key


def test_check_overlays_finite_differences_and_prints_the_worst(
    runner: CliRunner, tmp_path: Path
) -> None:
    spec = build_spec(functions="sigmoid,tanh,relu", orders="0,1,2", check=True)
    curves = compute(spec)
    checked = [c for c in curves.lines if c.check is not None]
    assert len(checked) == 6
    assert all(c.order > 0 for c in checked)
    worst = curves.max_check_difference
    assert worst is not None and 0 < worst < 1e-8
    relu = next(c.check for c in checked if c.function == "relu" and c.order == 1)
    assert relu is not None
    assert not np.any(np.isclose(relu.z, 0.0))  # no marker on the kink
    out = tmp_path / "check.svg"
    result = runner.invoke(main, ["-f", "sigmoid", "--check", "--out", str(out)])
    assert result.exit_code == 0
    line = next(x for x in result.stderr.splitlines() if x.startswith("check:"))
    assert float(line.rsplit("=", 1)[1]) < 1e-8
    legend = sigplot.figure(check=True).axes[0].get_legend()
    assert legend is not None
    assert any(
        t.get_text().startswith("finite differences (max |Δ| = ") for t in legend.get_texts()
    )


@pytest.mark.parametrize("size", [(9, 5), (6, 3.75)])
def test_finite_difference_rings_are_whole_inside_the_panel(size: tuple[float, float]) -> None:
    """Each ring stands its whole width inside the panel, which clips it: the rings at the
    range's ends were cut in half by its edge, and a half ring reads as another mark."""
    fig = sigplot.figure(orders="0,1,2,3", check=True, size=size)
    fig.canvas.draw()
    counts = []
    for ax in fig.axes:
        panel = ax.get_window_extent()
        for line in ax.get_lines():
            if line.get_gid() != "sigplot-check":
                continue
            radius = (line.get_markersize() + line.get_markeredgewidth()) / 2 * fig.dpi / 72
            for x, y in ax.transData.transform(np.column_stack(line.get_data())):
                assert panel.x0 + radius <= x <= panel.x1 - radius, (x, panel)
                assert panel.y0 + radius <= y <= panel.y1 - radius, (y, panel)
            counts.append(np.asarray(line.get_xdata()).size)
    # 23 points checked a curve; where the curves run together some rings are left out
    assert len(counts) == 3 and min(counts) >= 11, counts


@pytest.mark.parametrize(("size", "apart"), [((6, 3.75), True), ((9, 5), False)])
def test_the_finite_differences_entry_stands_under_a_legend_outside_the_panel(
    size: tuple[float, float], apart: bool
) -> None:
    """Under the panel (the gallery's checked, at the web size) the finite differences'
    entry, far longer than a curve's, stands in a block of its own under the legend's
    columns: in a column it set that column's width, and the two columns stood at the
    canvas's two edges (review 17). Inside the panel it is the legend's last entry."""
    from sigplot.plot.legend import KEY, legends

    fig = sigplot.figure(orders="0,1,2,3", check=True, size=size, fontsize=14 if apart else 10)
    ax = fig.axes[0]
    blocks = {str(b.get_gid()): [t.get_text() for t in b.get_texts()] for b in legends(ax)}
    named = [t for t in blocks["None"] if t.startswith("finite differences")]
    keyed = [t for t in blocks.get(KEY, []) if t.startswith("finite differences")]
    assert (len(keyed), len(named)) == ((1, 0) if apart else (0, 1)), blocks
    if apart:
        legend, key = (b.get_window_extent() for b in legends(ax))
        assert key.y1 <= legend.y0 + 1  # under the columns
    # With no legend asked for, it is not shown either (a key is a note's).
    assert (
        legends(sigplot.figure(orders="0,1,2,3", check=True, size=size, legend="none").axes[0])
        == []
    )


@pytest.mark.parametrize("size", [(9, 5), (6, 3.75)])
def test_the_rings_of_curves_that_meet_stand_side_by_side(size: tuple[float, float]) -> None:
    """The orders' tails all lie near 0: each checked curve's rings stand a share of the
    spacing further on than the last's, and a ring that would overlap one already there
    is left out, so no ring hides another (review 17: the first and second derivatives'
    rings hid under the third's for z < -4; review 23: side by side they still stood in
    a chain, each over the next), and every curve keeps rings on both tails."""
    fig = sigplot.figure(orders="0,1,2,3", check=True, size=size)
    fig.canvas.draw()
    ax = fig.axes[0]
    rings = [line for line in ax.get_lines() if line.get_gid() == "sigplot-check"]
    assert len(rings) == 3
    diameter = (rings[0].get_markersize() + rings[0].get_markeredgewidth()) * fig.dpi / 72
    centres = [ax.transData.transform(np.column_stack(r.get_data())) for r in rings]
    every = np.concatenate(centres)
    gaps = np.hypot(*(every[:, None, :] - every[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= diameter - 0.01, gaps.min() / diameter
    for ring in rings:  # each order still checked where the tails run together
        z = np.asarray(ring.get_xdata(), dtype=float)
        assert (z < -3).any() and (z > 3).any(), z


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_dark_preset_is_dark_with_light_text_and_contrasting_colours() -> None:
    assert all(_contrast(c, DARK_BACKGROUND) >= 4.5 for c in DARK_COLORS)
    assert _contrast(DARK_TEXT, DARK_BACKGROUND) >= 7
    fig = sigplot.figure(preset="dark", orders=[0, 1, 2, 3])
    ax = fig.axes[0]
    assert mpl.colors.to_hex(fig.get_facecolor()).upper() == DARK_BACKGROUND
    assert mpl.colors.to_hex(ax.get_facecolor()).upper() == DARK_BACKGROUND
    labels = [t for t in ax.get_yticklabels() if t.get_text()]
    assert mpl.colors.to_hex(labels[0].get_color()).upper() == DARK_TEXT
    curves = [line for line in ax.lines if not str(line.get_label()).startswith("_")]
    assert [mpl.colors.to_hex(line.get_color()).upper() for line in curves] == list(DARK_COLORS[:4])


def test_transparent_png_has_a_see_through_background(tmp_path: Path) -> None:
    out = sigplot.save({"transparent": True}, tmp_path / "t.png")
    with Image.open(out) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((2, 2))[3] == 0  # type: ignore[index]
    opaque = sigplot.save({}, tmp_path / "o.png")
    with Image.open(opaque) as image:
        assert image.getpixel((2, 2))[3] == 255  # type: ignore[index]


def test_style_applies_on_top_of_the_preset(tmp_path: Path) -> None:
    ggplot = sigplot.figure(style="ggplot").axes[0]
    assert mpl.colors.to_hex(ggplot.get_facecolor()) == "#e5e5e5"
    sheet = tmp_path / "mine.mplstyle"
    sheet.write_text("axes.facecolor: 0.9\nfont.size: 14\n")
    mine = sigplot.figure(style=str(sheet))
    assert mpl.colors.to_hex(mine.axes[0].get_facecolor()) == "#e6e6e6"
    assert mpl.rcParams["axes.facecolor"] == "white"  # nothing leaked


def test_unknown_style_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--style", "ggplott", "--out", str(tmp_path / "f.png")])
    assert result.exit_code == 2
    assert "'ggplott'" in result.stderr and "did you mean 'ggplot'" in result.stderr
    assert os.listdir(tmp_path) == []


def test_csv_round_trips_every_value(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "values.csv"
    result = runner.invoke(main, ["-f", "sigmoid,softplus", "--gain", "1,3", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path) == ["values.csv"]  # --data alone writes no figure
    header = data.read_text().splitlines()[0]
    columns = ["sigmoid", "sigmoid'", "sigmoid(3z)", "sigmoid(3z)'"]
    columns += [c.replace("sigmoid", "softplus") for c in columns]
    assert header == ",".join(["z", *columns])
    table = np.loadtxt(data, delimiter=",", skiprows=1)
    curves = compute(build_spec(functions="sigmoid,softplus", gain="1,3"))
    assert np.array_equal(table[:, 0], curves.z)
    for i, curve in enumerate(curves.lines, start=1):
        assert np.array_equal(table[:, i], curve.values)


def test_json_has_curves_and_spec_and_null_for_non_finite(
    tmp_path: Path, runner: CliRunner
) -> None:
    data, fig = tmp_path / "v.json", tmp_path / "f.svg"
    result = runner.invoke(
        main, ["-d", "1", "--points", "11", "--data", str(data), "--out", str(fig)]
    )
    assert result.exit_code == 0, result.output
    assert fig.exists()
    doc = json.loads(data.read_text())
    assert doc["spec"]["orders"] == [1]
    assert doc["curves"][0]["column"] == "sigmoid'"
    assert doc["curves"][0]["values"][5] == 0.25
    from sigplot.output.data import to_json
    from sigplot.plot.curves import Curve, Curves

    odd = Curves(np.array([0.0, 1.0]), (Curve("relu", 0, 1.0, 0.0, np.array([np.inf, np.nan])),))
    assert json.loads(to_json(odd, build_spec()))["curves"][0]["values"] == [None, None]


def test_data_with_unknown_extension_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["--data", str(tmp_path / "v.xlsx"), "--out", str(tmp_path / "f.png")]
    )
    assert result.exit_code == 2
    assert (
        "'--data'" in result.stderr and "v.xlsx" in result.stderr and ".csv, .json" in result.stderr
    )
    assert os.listdir(tmp_path) == []


def test_bounded_curves_stay_readable_beside_unbounded_ones() -> None:
    ax = sigplot.figure(functions="sigmoid,relu", orders="0", range=(-50, 50)).axes[0]
    lo, hi = ax.get_ylim()
    assert -1 < lo < 0 and 1 < hi < 2
    alone = sigplot.figure(functions="relu", orders="0", range=(-50, 50)).axes[0]
    assert alone.get_ylim()[1] >= 50


def test_functions_and_orders_get_distinct_colour_and_style() -> None:
    fig = sigplot.figure(functions="sigmoid,tanh,softsign", orders="0,1,2")
    lines = [  # not jump dots; in every panel (softsign'' is drawn in a panel of its own)
        line for ax in fig.axes for line in ax.lines if not str(line.get_label()).startswith("_")
    ]
    pairs = {(mpl.colors.to_hex(line.get_color()), line.get_linestyle()) for line in lines}
    assert len(pairs) == 9
    assert len({line.get_linestyle() for line in lines}) == 3  # one style per order


def test_gain_family_legend_shows_each_gain() -> None:
    ax = sigplot.figure(gain="0.5,1,2,5", orders="0").axes[0]
    legend = ax.get_legend()
    assert legend is not None
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == ["$\\sigma(0.5z)$", "$\\sigma(z)$", "$\\sigma(2z)$", "$\\sigma(5z)$",
                     "coinciding"]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "option", "shown"),
    [(["-f", "swish"], "--functions", "'swish'"), (["--gain", "1,x"], "--gain", "'x'"),
     (["--gain", "nan"], "--gain", "nan"),
     (["--gain", "inf"], "--gain", "inf"), (["--shift", "inf"], "--shift", "inf"),
     (["-f", "relu", "-d", "3"], "--orders", "3"), (["--style", "nope"], "--style", "'nope'"),
     (["--preset", "darkk"], "--preset", "'darkk'")],
)  # fmt: skip
def test_bad_input_of_the_catalogue_issue(
    runner: CliRunner, tmp_path: Path, args: list[str], option: str, shown: str
) -> None:
    out = tmp_path / "fig.png"
    out.write_bytes(b"keep")
    result = runner.invoke(main, [*args, "--out", str(out), "--data", str(tmp_path / "d.csv")])
    assert result.exit_code == 2
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and option in error[0] and shown in error[0]
    assert out.read_bytes() == b"keep"
    assert os.listdir(tmp_path) == ["fig.png"]


def test_every_function_draws(tmp_path: Path) -> None:
    fig: Figure = sigplot.figure(  # 24 curves: more than a legend names, so none
        functions=list(CATALOG)[:8], orders="0,1,2", size=(12, 8), legend="none"
    )
    drawn = [line for ax in fig.axes for line in ax.lines
             if not str(line.get_label()).startswith("_")]  # fmt: skip
    assert len(drawn) == 24


@pytest.mark.parametrize(
    ("sheet", "reason"),
    [("foo: bar\n", "Bad key foo"), ("axes.facecolor: notacolor\n", "does not look like a color")],
)
def test_a_broken_style_sheet_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, sheet: str, reason: str
) -> None:
    path = tmp_path / "bad.mplstyle"
    path.write_text(sheet)
    result = runner.invoke(main, ["--style", str(path), "--out", str(tmp_path / "f.png")])
    assert result.exit_code == 2
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and "is not a valid style sheet" in error[0] and reason in error[0]
    assert sorted(os.listdir(tmp_path)) == ["bad.mplstyle"]


@pytest.mark.parametrize("gain", ["0", "-2", "-1,1"])
def test_zero_and_negative_gains_draw_a_constant_and_a_mirror(gain: str, tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(main, ["--gain", gain, "--check", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<?xml")
