"""Functions at their parameters: the grammar NAME(KEY=VALUE, ...), its canonical text,
every bad parameter with its message, kinks that move with the values, legends and alt
text that name them, the accuracy promise at parameters (against tests/reference.py's
mpmath truths), functions refused as not elementwise, and `sigplot list`."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import mpmath as mp
import numpy as np
import pytest
from click.testing import CliRunner
from reference import PARAMETER_SETS, call_of, truth

import sigplot
from sigplot import SigplotError, build_spec, evaluate
from sigplot.cli import main
from sigplot.maths.calls import split_calls
from sigplot.maths.catalog import CATALOG
from sigplot.plot.curves import compute

# What a user types -> the canonical text a spec holds (defaults dropped, the catalogue's
# order, numbers as short as read back exactly).
CANONICAL = [
    ("elu(alpha=0.50)", "elu(alpha=0.5)"), ("elu( alpha = .5 )", "elu(alpha=0.5)"),
    ("elu(alpha=1)", "elu"), ("elu(alpha=1.0)", "elu"), ("elu()", "elu"),
    ("elu(alpha=0.5,)", "elu(alpha=0.5)"),
    ("hardtanh(max_val=2, min_val=-2)", "hardtanh(min_val=-2, max_val=2)"),
    ("hardtanh(max_val=1, min_val=-2)", "hardtanh(min_val=-2)"),
    ("rrelu(upper=1/3)", "rrelu"), ("rrelu(lower=1/10)", "rrelu(lower=0.1)"),
    ("leaky_relu(negative_slope=2e-2)", "leaky_relu(negative_slope=0.02)"),
    ("softplus(threshold=20)", "softplus(threshold=20)"),
    ("softplus(beta=2.5)", "softplus(beta=2.5)"),
    ("snake(alpha=1e-3)", "snake(alpha=0.001)"), ("elu(alpha=-0.0)", "elu(alpha=0)"),
    ("threshold(value=20, threshold=0.1)", "threshold(threshold=0.1, value=20)"),
    ("celu (alpha=2)", "celu(alpha=2)"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "canonical"), CANONICAL)
def test_a_call_has_one_canonical_text(typed: str, canonical: str) -> None:
    assert build_spec(functions=typed).functions == (canonical,)
    assert CATALOG[typed].name == canonical


def test_lists_split_outside_parentheses_only() -> None:
    assert split_calls("elu(alpha=0.5),elu(alpha=2) relu") == [
        "elu(alpha=0.5)",
        "elu(alpha=2)",
        "relu",
    ]
    assert split_calls("hardtanh(min_val=-2, max_val=2), sigmoid") == [
        "hardtanh(min_val=-2, max_val=2)", "sigmoid"]  # fmt: skip
    assert split_calls(" celu (alpha=2) ") == ["celu(alpha=2)"]
    spec = build_spec(functions=["elu(alpha=0.5)", "elu(alpha=.5)", "elu(alpha=2)"])
    assert spec.functions == ("elu(alpha=0.5)", "elu(alpha=2)")  # the same call once


# Each bad parameter, with what its one line must say (function, parameter, the fix).
BAD = [
    ("elu(alpah=0.5)", "names no parameter 'alpah' of elu; did you mean 'alpha'?"),
    ("hardtanh(minval=-2)", "names no parameter 'minval' of hardtanh; did you mean 'min_val'?"),
    ("elu(gamma=2)", "names no parameter 'gamma' of elu; elu takes alpha"),
    ("softplus(beta=0)", "sets beta = 0; softplus needs a positive beta"),
    ("softplus(beta=-1)", "sets beta = -1; softplus needs a positive beta"),
    ("hardtanh(min_val=2, max_val=1)",
     "sets min_val = 2, max_val = 1; hardtanh needs min_val < max_val"),
    ("hardtanh(min_val=1)", "sets min_val = 1, max_val = 1; hardtanh needs min_val < max_val"),
    ("rrelu(lower=0.5, upper=0.1)", "rrelu needs lower <= upper"),
    ("elu(alpha=nan)", "sets alpha = nan; elu needs a finite alpha"),
    ("elu(alpha=inf)", "sets alpha = inf; elu needs a finite alpha"),
    ("leaky_relu(negative_slope=-inf)", "leaky_relu needs a finite negative_slope"),
    ("celu(alpha=0)", "celu needs a positive alpha"),
    ("softshrink(lambd=-1)", "softshrink needs a non-negative lambd"),
    ("squareplus(b=-4)", "squareplus needs a positive b"),
    ("snake(alpha=0)", "snake needs a positive alpha"),
    ("relu(alpha=1)", "gives relu a parameter; relu takes none"),
    ("elu(alpha=0.5", "has an unclosed parenthesis after elu"),
    ("elu(alpha)", "needs KEY=VALUE in its parentheses"),
    ("elu(alpha=x)", "sets alpha to 'x', not a number"),
    ("elu(alpha=1/0)", "sets alpha to '1/0', not a number"),
    ("elu(alpha=1, alpha=2)", "sets alpha twice"),
    ("elu(alpha=1))", "has text after the parameters of elu"),
    ("glu", "is not elementwise: it splits its input in two halves"),
    ("swiglu", "is not elementwise"),
    ("softmax", "is not elementwise: each output depends on every input"),
    ("log_softmax", "its two-class slice is the sigmoid of the difference"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "message"), BAD)
def test_a_bad_parameter_is_one_clear_error_in_python(typed: str, message: str) -> None:
    for call in (lambda: build_spec(functions=typed), lambda: evaluate(typed, 0.0)):
        with pytest.raises(SigplotError) as info:
            call()
        assert info.value.field == "functions" and message in str(info.value)


@pytest.mark.parametrize(("typed", "message"), BAD)
def test_a_bad_parameter_is_one_line_exit_2_and_nothing_written(
    typed: str, message: str, tmp_path: Path
) -> None:
    out = tmp_path / "fig.png"
    out.write_bytes(b"before")
    result = CliRunner().invoke(main, ["-f", typed, "--out", str(out)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0], result.output
    assert out.read_bytes() == b"before" and sorted(tmp_path.iterdir()) == [out]


def test_the_real_command_refuses_a_bad_parameter_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sigplot", "-f", "softplus(beta=0)", "--out", "f.svg"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "softplus needs a positive beta" in done.stderr and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("call", "kinks"),
    [("hardtanh(min_val=-2, max_val=3)", (-2.0, 3.0)), ("softshrink(lambd=1.3)", (-1.3, 1.3)),
     ("hardshrink(lambd=0)", (0.0,)), ("threshold(threshold=0.1, value=20)", (0.1,)),
     ("softplus(beta=2, threshold=20)", (10.0,)), ("softplus(beta=2)", ()),
     ("hardtanh", (-1.0, 1.0))],
)  # fmt: skip
def test_kinks_follow_the_values(call: str, kinks: tuple[float, ...]) -> None:
    assert CATALOG[call].kinks == kinks


def test_jump_marks_move_with_the_values_and_the_gain() -> None:
    spec = build_spec(functions="hardtanh(min_val=-2, max_val=3)", orders="0,1", gain="1,2")
    jumps = {
        (c.gain, c.order): [(j.z, j.left, j.right) for j in c.jumps] for c in compute(spec).lines
    }
    assert jumps[(1.0, 0)] == [] and jumps[(2.0, 0)] == []  # continuous
    assert jumps[(1.0, 1)] == [(-2.0, 0.0, 1.0), (3.0, 1.0, 0.0)]
    assert jumps[(2.0, 1)] == [(-1.0, 0.0, 2.0), (1.5, 2.0, 0.0)]  # d/dz h(2z) = 2 h'(2z)
    (line,) = compute(build_spec(functions="threshold(threshold=0.1, value=20)", orders="0")).lines
    (jump,) = line.jumps
    assert jump.z == 0.1 and jump.left == 20 and jump.value == 20
    assert jump.right == pytest.approx(0.1)  # z itself just past the threshold


@pytest.mark.parametrize(
    ("call", "gain", "shift"),
    [("threshold", 1.0, 0.0), ("threshold(threshold=0.1, value=20)", 1.0, 0.0),
     ("threshold(threshold=1, value=-3)", -2.0, 0.5), ("hardshrink", 1.0, 0.0),
     ("hardshrink(lambd=0.25)", 4.0, -1.0), ("hardshrink", -0.5, 0.0)],
)  # fmt: skip
def test_at_a_jump_the_derivative_takes_the_side_the_function_takes(
    call: str, gain: float, shift: float
) -> None:
    """Where the function itself jumps, its value there is one side's (PyTorch's
    definitions: threshold is z only where z > threshold, hardshrink only where |z| >
    lambd); the derivative there is that same side's, so the jump's filled dots stand
    on one side (threshold'(0) = 1 beside threshold(0) = 0.5 drew them on opposite
    sides, review 14). Each side is found from the values a hair away."""
    for at in CATALOG[call].kinks:
        z = shift + at / gain  # exact: the gains are powers of two
        near = np.array([np.nextafter(z, -np.inf), z, np.nextafter(z, np.inf)])
        f = evaluate(call, near, 0, gain=gain, shift=shift)
        slope = evaluate(call, near, 1, gain=gain, shift=shift)
        side = 0 if f[1] == f[0] else 2
        assert f[1] == f[side] != f[2 - side]
        assert slope[1] == slope[side], (call, z, f, slope)


def test_legends_and_alt_text_name_the_values_that_differ() -> None:
    fig = sigplot.figure(functions="elu(alpha=0.5),elu(alpha=2),elu", orders="0")
    legend = fig.axes[0].get_legend()
    assert legend is not None
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == [
        r"$\mathrm{elu}(z;\ \alpha=0.5)$",
        r"$\mathrm{elu}(z;\ \alpha=2)$",
        r"$\mathrm{elu}(z)$",
        "coinciding",
    ]  # z > 0: one line
    drawn = [line for line in fig.axes[0].lines if not str(line.get_label()).startswith("_")]
    colors = {line.get_color() for line in drawn}
    assert len(colors) == 3  # a family over a parameter: each member its own colour
    alt = sigplot.describe(build_spec(functions="elu(alpha=0.5),hardtanh(min_val=-2, max_val=2)"))
    assert alt.startswith("Elu with alpha 0.5 and hardtanh with min_val -2 and max_val 2 and")
    one = sigplot.figure(functions="leaky_relu(negative_slope=0.2)", orders="0")
    one_legend = one.axes[0].get_legend()
    assert one_legend is not None
    (shown,) = [t.get_text() for t in one_legend.get_texts()]
    (line,) = [line for line in one.axes[0].lines if not str(line.get_label()).startswith("_")]
    head = r"$\mathrm{leaky\_relu}(z;\ \mathrm{negative\_slope}=0.2)"
    # The curve's label has its formula; the legend shows it where it fits, else the name.
    assert line.get_label() == head + r" = \max(0, z) + 0.2\,\min(0, z)$"
    assert shown in (line.get_label(), head + "$")


def test_evaluate_takes_a_call() -> None:
    z = np.array([-3.0, -0.5, 0.25, 2.0])
    got = evaluate("celu(alpha=2)", z, order=1)
    with mp.workdps(40):  # CELU(alpha)' = e^(z/alpha) below 0, 1 above (PyTorch's definition)
        expected = [float(mp.exp(mp.mpf(x) / 2)) if x < 0 else 1.0 for x in z]
    assert np.array_equal(got, expected)
    assert evaluate("celu(alpha=2)", 1.5, 2, gain=2.0) == 0.0
    assert evaluate("elu(alpha=1)", -1.0) == evaluate("elu", -1.0)


def _grid(kinks: tuple[float, ...]) -> np.ndarray:
    """Dense over [-40, 40], log tails to 1e308, both sides of every kink."""
    tails = np.logspace(-300, 308, 120)
    near = [k + d for k in kinks for d in (-1e-9, 1e-9, -1e-4, 1e-4, 0.0)]
    near += [np.nextafter(k, s) for k in kinks for s in (-np.inf, np.inf)]
    grid = np.concatenate([np.linspace(-40, 40, 801) + 0.00137, tails, -tails, near])
    return np.unique(grid)


AT = PARAMETER_SETS  # with gains too: tests/test_accuracy.py


@pytest.mark.parametrize(("name", "params"), AT, ids=[f"{n}{p}" for n, p in AT])
def test_every_parameter_keeps_the_accuracy_promise(name: str, params: dict[str, float]) -> None:
    text = call_of(name, params)
    grid = _grid(CATALOG[text].kinks)
    for order in range(3):
        got = evaluate(text, grid, order)
        exact = np.array([truth(name, order, z, **params) for z in grid])
        counts = np.isfinite(exact) & (np.abs(exact) >= np.finfo(float).tiny)
        with np.errstate(invalid="ignore", over="ignore"):
            errors = np.where(counts, np.abs(got - exact) / np.spacing(np.abs(exact)), np.nan)
        if not np.isfinite(errors).any():
            continue  # a second derivative that is 0 everywhere: nothing in ulp to count
        worst = int(np.nanargmax(errors))
        assert errors[worst] <= 4, f"{text} order {order}: {errors[worst]} ulp at {grid[worst]!r}"


def test_list_fits_80_columns_and_shows_each_function(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["name", "orders", "values", "f(z)", "and", "f'(z)"]
    assert max(len(line) for line in lines) <= 80
    for name in CATALOG:
        assert any(line.startswith(f"{name} ") for line in lines), name
    row = next(line for line in lines if line.startswith("silu "))
    with mp.workdps(30):  # silu's minimum, where sigma(z) (1 + z (1 - sigma(z))) = 0
        z0 = mp.findroot(lambda z: 1 + z / (1 + mp.exp(z)), -1.3)
        low = z0 / (1 + mp.exp(-z0))
    assert f"[{float(low):.4g}, inf)" in row
    assert "(0, 1)" in next(line for line in lines if line.startswith("sigmoid "))


def test_list_of_calls_shows_their_moved_kinks() -> None:
    result = CliRunner().invoke(main, ["list", "hardtanh(min_val=-2)", "softshrink(lambd=1.5)"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "kinks at -2, 1" in text and "kinks at -1.5, 1.5" in text and "[-2, 1]" in text
    bad = CliRunner().invoke(main, ["list", "hardtanh(min_val=5)"])
    assert bad.exit_code == 2 and "hardtanh needs min_val < max_val" in bad.output


def test_values_columns_stay_inside_the_table() -> None:
    lines = CliRunner().invoke(main, ["list"]).output.splitlines()
    start = lines[0].index("values")
    for line in lines[1:]:
        cell = line[start : start + 18]
        assert not cell.strip() or cell.endswith("  ") or len(line) <= start + 18, line


def test_math_module_imports_no_plotting() -> None:
    code = "import sigplot.maths.properties, sys; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert math.isfinite(float(evaluate("snake", 1.0)))


def test_data_files_name_each_curve_by_its_call(tmp_path: Path) -> None:
    import csv
    import json

    out = tmp_path / "d.csv"
    args = ["-f", "hardtanh(min_val=-2, max_val=2),elu(alpha=0.5)", "--points", "5"]
    assert CliRunner().invoke(main, [*args, "--data", str(out)]).exit_code == 0
    with out.open() as f:
        header = next(csv.reader(f))
    assert header == ["z", "hardtanh(min_val=-2, max_val=2)", "hardtanh(min_val=-2, max_val=2)'",
                      "elu(alpha=0.5)", "elu(alpha=0.5)'"]  # fmt: skip
    data = tmp_path / "d.json"
    assert CliRunner().invoke(main, [*args, "--data", str(data)]).exit_code == 0
    curves = json.loads(data.read_text())["curves"]
    assert [c["function"] for c in curves] == [header[1], header[1], header[3], header[3]]


PIECE = re.compile(r"\\ \(([^()]*)\),\\ ")  # "X\ (cond),\ Y": a piece and its condition


CALLS = ["elu(alpha=2)", "leaky_relu(negative_slope=0.2)", "threshold(threshold=1, value=-1)",
         "hardshrink(lambd=1)", "softshrink(lambd=1)", "celu(alpha=2)",
         "rrelu(lower=0.1, upper=0.3)", "prelu(weight=0.1)"]  # fmt: skip


@pytest.mark.parametrize("call", [*CATALOG, *CALLS])
def test_every_piece_of_a_piecewise_formula_names_its_condition(call: str) -> None:
    """A legend's formula in pieces says where each holds: "1 (z >= 0), e^z" read as cut
    off (review 21, rrelu'(z) = 1 (z >= 0), a); "1 (z >= 0), e^z (z < 0)" does not; nor
    does a middle piece without one (pass 24's review: sparse_plus's "(z + 1)^2/4"
    between "0 (z <= -1)" and "z (z >= 1)"). An Iverson bracket, [|z| > 0.5], is a
    condition."""
    for formula in CATALOG[call].formulas:
        if PIECE.search(formula):
            for piece in _pieces(formula):
                assert "[" in piece or re.search(
                    r"\\ \([^()]*([<>=]|\\leq|\\geq)[^()]*\)$", piece
                ), (
                    piece,
                    formula,
                )


def _pieces(formula: str) -> list[str]:
    """The pieces of a formula split at its top-level ",\\ " (not inside brackets)."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(formula):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and formula.startswith(",\\ ", i):
            pieces.append(formula[start:i])
            start = i + 3
    return [*pieces, formula[start:]]


@pytest.mark.parametrize("call", [*CATALOG, *CALLS])
def test_a_formula_defines_every_helper_it_names(call: str) -> None:
    """A legend shows one order's formula alone (``-d 1``): a helper it uses, mish's t or
    the tanh GELU's u (u', u'' its derivatives), is defined in that same formula, not
    only in the function's (review 23: "mish'(z) = t + z(1 - t^2) sigma(z)" never said t)."""
    for formula in CATALOG[call].formulas:
        for helper in re.findall(r"(?<![a-zA-Z\\])([tu])(?![a-zA-Z{])", formula):
            assert re.search(rf"\\ {helper} = ", formula), (helper, formula)


@pytest.mark.parametrize("call", [*CATALOG, *CALLS])
def test_a_factor_stands_apart_from_the_operator_it_multiplies(call: str) -> None:
    """mathtext sets no space between a number and an operator's name: "0.01\\min(0, z)"
    read "0.01min(0, z)" (review 23); a thin space "0.01\\,\\min" reads as a product."""
    for formula in CATALOG[call].formulas:
        assert not re.search(r"[0-9}]\\(min|max|tanh|ln|exp|log)\b", formula), formula
