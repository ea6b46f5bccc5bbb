"""--show: braille text (shape, width, colour rules) and the framing of the kitty, iTerm2
and sixel graphics protocols."""

from __future__ import annotations

import base64
import io
import itertools
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from sigplot.cli import main
from sigplot.output import terminal
from sigplot.output.pipeline import render
from sigplot.plot.curves import compute
from sigplot.spec.options import build_spec

ANSI = re.compile(r"\x1b\[(\d+)m(.)\x1b\[0m")


def cells_of(text: str, colour: int) -> dict[int, list[int]]:
    """column -> rows of the cells drawn in ``colour``, in the plot's grid."""
    found: dict[int, list[int]] = {}
    grid = [line for line in text.splitlines() if "⣿⣿" not in line][:-1]  # no legend, z labels
    for row, line in enumerate(grid):
        plain_col = -terminal._MARGIN
        i = 0
        while i < len(line):
            m = ANSI.match(line, i)
            if m:
                if int(m.group(1)) == colour and plain_col >= 0:
                    found.setdefault(plain_col, []).append(row)
                i = m.end()
            else:
                i += 1
            plain_col += 1
    return found


def test_the_sigmoid_rises_and_its_derivative_peaks_in_the_middle() -> None:
    spec = build_spec(points=601)
    text = terminal.braille(compute(spec), spec, 80, color=True)
    sigmoid, derivative = cells_of(text, 34), cells_of(text, 35)
    tops = [min(rows) for _, rows in sorted(sigmoid.items())]
    assert tops[0] > tops[-1] and all(b <= a for a, b in itertools.pairwise(tops))
    highest = min(min(rows) for rows in derivative.values())
    top = [col for col, rows in derivative.items() if min(rows) == highest]
    assert abs(sum(top) / len(top) - 36) <= 2  # the flat top is centred on z = 0 (72 columns)
    assert top[0] > 20 and top[-1] < 52
    assert "⣿⣿\x1b[0m sigmoid" in text and "⣿⣿\x1b[0m sigmoid'" in text


@pytest.mark.parametrize("columns", [40, 80, 132])
def test_the_text_fits_the_terminal(columns: int) -> None:
    spec = build_spec(functions="sigmoid,tanh", points=401)
    text = terminal.braille(compute(spec), spec, columns, color=False)
    lines = text.splitlines()
    assert "\x1b" not in text
    assert max(len(line) for line in lines) == columns
    assert lines[-5].split() == ["-6", "6"]  # the range under the axis, then 4 legend lines


def test_colour_rules(tmp_path: Path) -> None:
    assert terminal.colour_wanted({}, is_terminal=True)
    assert not terminal.colour_wanted({"NO_COLOR": "1"}, is_terminal=True)
    assert not terminal.colour_wanted({}, is_terminal=False)
    result = CliRunner().invoke(
        main, ["--show-as", "text", "--points", "201"], env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0 and "\x1b[" not in result.stdout  # not a terminal
    assert max(len(line) for line in result.stdout.splitlines()) == 60


def test_show_on_a_real_terminal_is_coloured_unless_no_color(tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys
    import threading

    def on_terminal(env: dict[str, str]) -> str:
        parent, child = pty.openpty()
        seen: list[bytes] = []

        def drain() -> None:
            try:
                while chunk := os.read(parent, 65536):
                    seen.append(chunk)
            except OSError:
                pass

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        subprocess.run([sys.executable, "-m", "sigplot", "--show-as", "text", "--points", "201"],
                       stdout=child, env={**os.environ, **env}, cwd=tmp_path, timeout=120,
                       check=True)  # fmt: skip
        os.close(child)
        reader.join(timeout=10)
        os.close(parent)
        return b"".join(seen).decode()

    assert "\x1b[34m" in on_terminal({"COLUMNS": "80"})
    assert "\x1b[" not in on_terminal({"COLUMNS": "80", "NO_COLOR": "1"})
    assert list(tmp_path.iterdir()) == []  # --show alone writes no file


def _png() -> bytes:
    return render(build_spec(points=51, size=(2, 1)), "png")


def test_kitty_framing() -> None:
    png = _png()
    out = terminal.kitty(png)
    frames = re.findall(rb"\x1b_G([^;]*);(.*?)\x1b\\", out, re.DOTALL)
    assert frames[0][0].startswith(b"a=T,f=100,")
    assert [f[0].split(b"m=")[-1] for f in frames] == [b"1"] * (len(frames) - 1) + [b"0"]
    assert all(len(f[1]) <= 4096 for f in frames)
    assert base64.b64decode(b"".join(f[1] for f in frames)) == png


def test_iterm2_framing() -> None:
    png = _png()
    out = terminal.iterm2(png)
    m = re.fullmatch(rb"\x1b\]1337;File=inline=1;size=(\d+);preserveAspectRatio=1:(.*)\x07\n", out)
    assert m and int(m.group(1)) == len(png) and base64.b64decode(m.group(2)) == png


def test_sixel_framing() -> None:
    png = _png()
    out = terminal.sixel(png).decode()
    assert out.startswith('\x1bPq"1;1;200;100') and out.endswith("\x1b\\\n")
    assert out.count("-") == 17  # ceil(100 / 6) bands of six pixel rows
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (200, 100)
    body = out[out.index("#") :]
    assert re.fullmatch(r"[#0-9;!$\-?-~\x1b\\\n]+", body)  # sixel characters only


def test_show_detects_the_terminal_and_refuses_text_for_grids() -> None:
    assert terminal.detect({"TERM": "xterm-kitty"}) == "kitty"
    assert terminal.detect({"TERM_PROGRAM": "iTerm.app"}) == "iterm2"
    assert terminal.detect({"TERM": "xterm-256color"}) == "text"
    result = CliRunner().invoke(main, ["--show-as", "text", "--sweep", "gain", "1", "2"])
    assert result.exit_code == 2 and "draws one panel" in result.stderr
    shown = CliRunner().invoke(main, ["--show-as", "kitty", "--points", "51"])
    assert shown.exit_code == 0 and shown.stdout_bytes.startswith(b"\x1b_Ga=T,f=100")
