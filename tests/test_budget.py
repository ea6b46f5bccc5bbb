"""Budgets and refusals: what would take the machine down is refused before any work, with
one line naming the limit and the way under it, no file written and an existing target
left as it was; values no front end should accept are refused the same way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import sigplot
from sigplot.cli import main
from sigplot.maths.errors import SigplotError
from sigplot.spec.options import FigureSpec

GAINS = ",".join(str(k) for k in range(1, 26))  # 25 gains
THIRTY_FUNCTIONS = ",".join(["sigmoid"] * 30)


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--size", "100", "100"], {}, "more than the 67,108,864 allowed; use --dpi 81 or less"),
        (["--size", "700", "1"], {}, "exceeds 65536 pixels per side"),
        (["--gain", GAINS], {}, "25 gains' are more than the 24"),
        (["--points", "1000000", "--sweep", "shift", "-1", "1", "--frames", "600"], {},
         "1,200,000,000 samples, more than the 4,000,000 allowed; use --points 3,333 or fewer"),
        (["--sweep", "shift", "-1", "1", "--frames", "60", "--size", "30", "20"], {},
         "more than the 300,000,000 an animation may have; use --frames 50 or fewer"),
        (["--points", "1000000", "-f", "sigmoid,tanh,silu", "-d", "0,1,2"], {},
         "9,000,000 samples"),
        (["--show", "--show-as", "text"], {"COLUMNS": "200000"}, "wider than the 1000 columns"),
        (["--show", "--show-as", "kitty", "--size", "40", "30"], {}, "to the terminal, more than"),
    ],
)  # fmt: skip
def test_past_a_budget_is_one_line_exit_2_and_the_target_untouched(
    tmp_path: Path, args: list[str], env: dict[str, str], words: str
) -> None:
    out = tmp_path / ("p.gif" if "--sweep" in args else "fig.png")
    out.write_bytes(b"keep me")
    show = "--show" in args
    result = CliRunner().invoke(main, [*args] if show else [*args, "--out", str(out)], env=env)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert result.stderr.count("Error:") == 1 and "Traceback" not in result.stderr
    assert out.read_bytes() == b"keep me" and os.listdir(tmp_path) == [out.name]


def test_the_2x_png_is_held_to_the_pixel_budget_at_2x(tmp_path: Path) -> None:
    # 60 x 60 in at dpi 100 is 36 M pixels (allowed); its 2x PNG would be 144 M.
    spec = tmp_path / "gallery.toml"
    spec.write_text('[[figure]]\nname = "big"\nformats = ["png"]\nhidpi = true\n'
                    'size = [60, 60]\n\n[[figure]]\nname = "small"\nformats = ["svg"]\n'
                    'dark = false\n')  # fmt: skip
    result = CliRunner().invoke(main, ["gallery", str(spec), "-j", "1"])
    assert result.exit_code == 1
    assert "Error: big: size: 60 60 at dpi 100 at 2x (the @2x PNG) is 144,000,000 pixels" in (
        result.stderr
    )
    assert "use --dpi 68 or less" in result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.png")) == []
    assert (tmp_path / "small.svg").is_file()


def test_a_huge_style_sheet_is_refused_unread(tmp_path: Path) -> None:
    sheet = tmp_path / "huge.mplstyle"
    with sheet.open("wb") as out:  # 1 GiB, sparse: reading it whole would take a GiB
        out.truncate(2**30)
    result = CliRunner().invoke(main, ["--style", str(sheet), "--out", str(tmp_path / "f.svg")])
    assert result.exit_code == 2
    assert "is 1,073,741,824 bytes, more than the 262,144 a style sheet may have" in result.stderr


@pytest.mark.parametrize(
    ("sheet", "words"),
    [
        ("font.size: 1e9\n", "sets font.size: 1e+09; text sizes must be from 4 to 72"),
        ("axes.titlesize: 2\n", "sets axes.titlesize: 2; text sizes must be from 4 to 72"),
        ("savefig.bbox: tight\n", "sets savefig.bbox: tight"),
    ],
)
def test_a_style_sheet_is_held_to_what_options_allow(
    tmp_path: Path, sheet: str, words: str
) -> None:
    path = tmp_path / "s.mplstyle"
    path.write_text(sheet)
    result = CliRunner().invoke(main, ["--style", str(path), "--out", str(tmp_path / "f.svg")])
    assert result.exit_code == 2 and words in result.stderr
    assert not (tmp_path / "f.svg").exists()


def test_usetex_without_latex_is_refused(tmp_path: Path) -> None:
    if subprocess.run(["sh", "-c", "command -v latex"], capture_output=True).returncode == 0:
        pytest.skip("LaTeX is installed here")
    path = tmp_path / "tex.mplstyle"
    path.write_text("text.usetex: True\n")
    result = CliRunner().invoke(main, ["--style", str(path), "--out", str(tmp_path / "f.svg")])
    assert result.exit_code == 2
    assert "sets text.usetex: True, but latex and dvipng are not installed" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--title", "a\x01b"], "holds the control character U+0001 at character 2"),
        (["--alt", "a\x00b"], "holds the control character U+0000 at character 2"),
        (["--title", "a\ud800"], "character 2"),
        (["--sweep", "shift", "-1e308", "1e308"], "wider than the largest float"),
        (["-d", "1e300"], "past the highest order any function has (3)"),
    ],
)
def test_text_and_numbers_no_figure_can_hold_are_refused(
    tmp_path: Path, args: list[str], words: str
) -> None:
    out = tmp_path / "f.svg"
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()[-1]) < 300  # no 301-digit number
    assert not out.exists()


def test_a_byte_the_terminal_could_not_decode_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sigplot", "--title", b"caf\xe9", "--out", "f.svg"],
        cwd=tmp_path, capture_output=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert b"is a byte that is not UTF-8" in done.stderr and b"Traceback" not in done.stderr
    assert not (tmp_path / "f.svg").exists()


def test_the_library_raises_sigplot_errors_for_wrong_types_and_direct_specs(
    tmp_path: Path,
) -> None:
    with pytest.raises(SigplotError, match="preset: 'dark' is a list"):
        sigplot.figure(preset=["dark"])
    with pytest.raises(SigplotError, match="points"):  # built directly, checked when saved
        sigplot.save(FigureSpec(points=10**9), tmp_path / "f.png")
    with pytest.raises(SigplotError, match="more than the 67,108,864 allowed"):
        sigplot.save(FigureSpec(size=(100.0, 100.0)), tmp_path / "f.png")
    assert list(tmp_path.iterdir()) == []


def test_the_largest_allowed_still_figure_fits_in_a_memory_limit(tmp_path: Path) -> None:
    """4,000,000 samples (the budget) drawn to PNG under a 1.5 GiB address-space limit
    (measured peak: about 370 MB resident)."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**29, 3 * 2**29))

    done = subprocess.run(
        [sys.executable, "-m", "sigplot", "--points", "1000000", "-f", "sigmoid,tanh",
         "-d", "0,1", "--out", "s.png"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300,
        preexec_fn=limit, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
