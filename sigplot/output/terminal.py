"""``--show``: the figure in the terminal.

Inline graphics where the terminal has a protocol for them (kitty's graphics protocol,
iTerm2's inline images, sixel), otherwise Unicode braille text at the terminal's width:
each character is a 2 x 4 grid of dots, the axes sit at zero, each curve has its own ANSI
colour (none under ``NO_COLOR`` or when the output is not a terminal), and a legend
follows. Pure text and escape sequences: the caller writes them.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads MODES at start-up: numpy only when text is drawn
    import numpy as np

    from sigplot.plot.curves import Curves
    from sigplot.spec.options import FigureSpec
_COLORS = (34, 35, 32, 31, 36, 33)  # ANSI foreground: blue, magenta, green, red, cyan, yellow
_BRAILLE = 0x2800
# The bit of each dot in a braille cell, by (row 0-3, column 0-1).
_DOT = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_MARGIN = 8  # columns for the value labels on the left


def detect(env: Mapping[str, str]) -> str:
    """The best mode this terminal announces in its environment: kitty, iTerm2 (and
    WezTerm, which speaks its protocol), else text. Sixel cannot be told from the
    environment; ask for it with --show-as sixel."""
    if env.get("KITTY_WINDOW_ID") or "kitty" in env.get("TERM", ""):
        return "kitty"
    if env.get("TERM_PROGRAM") in ("iTerm.app", "WezTerm"):
        return "iterm2"
    return "text"


def braille(curves: Curves, spec: FigureSpec, columns: int, color: bool) -> str:
    """The curves as braille text ``columns`` characters wide, axes at zero, a legend."""
    import numpy as np

    width = max(20, columns) - _MARGIN
    rows = max(6, width // 4)  # about the figure's shape: cells are twice as tall as wide
    dots_x, dots_y = 2 * width, 4 * rows
    lo, hi = spec.range
    values = [c.values for c in curves.lines]
    finite = np.concatenate([v[np.isfinite(v)] for v in values] or [np.zeros(1)])
    bottom, top = float(finite.min(initial=0.0)), float(finite.max(initial=1.0))
    if top - bottom < 1e-12:
        bottom, top = bottom - 1, top + 1
    pad = 0.05 * (top - bottom)
    bottom, top = bottom - pad, top + pad
    cells = np.zeros((rows, width), dtype=np.int64)
    owner = np.full((rows, width), -1, dtype=np.int64)

    def row_of(y: np.ndarray) -> np.ndarray:
        return np.round((top - y) / (top - bottom) * (dots_y - 1)).astype(np.int64)

    def set_dot(x: int, y: int, who: int) -> None:
        if 0 <= x < dots_x and 0 <= y < dots_y:
            cells[y // 4, x // 2] |= _DOT[y % 4][x % 2]
            owner[y // 4, x // 2] = who

    zero_row = int(row_of(np.array([0.0]))[0])
    if 0 <= zero_row < dots_y:  # the z axis, where the value is zero
        for x in range(dots_x):
            set_dot(x, zero_row, -1)
    if lo <= 0 <= hi:  # the value axis, at z = 0
        zero_col = round(-lo / (hi - lo) * (dots_x - 1))
        for y in range(dots_y):
            set_dot(zero_col, y, -1)
    columns_z = np.linspace(lo, hi, dots_x)
    for who, line in enumerate(values):
        sampled = np.interp(columns_z, curves.z, line)
        ys = row_of(np.where(np.isfinite(sampled), sampled, np.nan).clip(bottom, top))
        for x in range(dots_x):  # join each column to the next, so steep curves stay whole
            a = ys[x]
            b = ys[x + 1] if x + 1 < dots_x else a
            for y in range(min(a, b), max(a, b) + 1):
                set_dot(x, y, who)
    labels = {0: f"{top - pad:.3g}", rows - 1: f"{bottom + pad:.3g}"}
    if 0 <= zero_row < dots_y:
        labels[zero_row // 4] = "0"
    lines = []
    for r in range(rows):
        text = []
        for c in range(width):
            char = chr(_BRAILLE + int(cells[r, c])) if cells[r, c] else " "
            who = int(owner[r, c])
            if color and who >= 0 and cells[r, c]:
                char = f"\x1b[{_COLORS[who % len(_COLORS)]}m{char}\x1b[0m"
            text.append(char)
        lines.append(f"{labels.get(r, ''):>{_MARGIN - 1}} " + "".join(text))
    left, right = f"{lo:g}", f"{hi:g}"
    lines.append(" " * _MARGIN + left + right.rjust(width - len(left)))
    for who, curve in enumerate(curves.lines):
        mark = "⣿⣿"
        if color:
            mark = f"\x1b[{_COLORS[who % len(_COLORS)]}m{mark}\x1b[0m"
        lines.append(" " * _MARGIN + f"{mark} {curve.column()}")
    return "\n".join(lines) + "\n"


def kitty(png: bytes) -> bytes:
    """kitty's graphics protocol: the PNG (f=100) transmitted and shown (a=T), in
    base64 chunks of at most 4096 bytes, each but the last marked m=1."""
    data = base64.standard_b64encode(png)
    chunks = [data[i : i + 4096] for i in range(0, len(data), 4096)] or [b""]
    out = []
    for i, chunk in enumerate(chunks):
        more = 1 if i < len(chunks) - 1 else 0
        head = f"a=T,f=100,m={more}" if i == 0 else f"m={more}"
        out.append(b"\x1b_G" + head.encode() + b";" + chunk + b"\x1b\\")
    return b"".join(out) + b"\n"


def iterm2(png: bytes) -> bytes:
    """iTerm2's inline image: OSC 1337 File=inline=1 with the PNG in base64."""
    data = base64.standard_b64encode(png)
    return (
        f"\x1b]1337;File=inline=1;size={len(png)};preserveAspectRatio=1:".encode()
        + data
        + b"\x07\n"
    )


def sixel(png: bytes) -> bytes:
    """DEC sixel: the image in at most 256 colours, six pixel rows per band, each colour's
    dots run-length encoded."""
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        indexed = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        palette = indexed.getpalette() or []
        pixels = np.asarray(indexed, dtype=np.int64)
    height, width = pixels.shape
    out = [f'\x1bPq"1;1;{width};{height}']
    for i in sorted(set(np.unique(pixels).tolist())):
        r, g, b = (round(v * 100 / 255) for v in palette[3 * i : 3 * i + 3])
        out.append(f"#{i};2;{r};{g};{b}")
    for top in range(0, height, 6):
        band = pixels[top : top + 6]
        bits = np.zeros((len(np.unique(band)), width), dtype=np.int64)
        pieces = []
        for k, colour in enumerate(np.unique(band).tolist()):
            bits[k] = sum(((band[j] == colour).astype(np.int64) << j) for j in range(len(band)))
            pieces.append(f"#{colour}" + _runs(bits[k]))
        out.append("$".join(pieces) + "-")
    out.append("\x1b\\")
    return "".join(out).encode() + b"\n"


def _runs(bits: np.ndarray) -> str:
    """One colour's sixels in a band, runs of four or more written as !COUNT."""
    chars = [chr(63 + int(b)) for b in bits]
    out = []
    i = 0
    while i < len(chars):
        j = i
        while j < len(chars) and chars[j] == chars[i]:
            j += 1
        n = j - i
        out.append(f"!{n}{chars[i]}" if n >= 4 else chars[i] * n)
        i = j
    return "".join(out)


def colour_wanted(env: Mapping[str, str], is_terminal: bool) -> bool:
    """ANSI colour only on a terminal, and never under NO_COLOR (no-color.org)."""
    return is_terminal and "NO_COLOR" not in env


def width(env: Mapping[str, str]) -> int:
    """The terminal's width in columns: COLUMNS, else the terminal's own, else 80."""
    import shutil

    if env.get("COLUMNS", "").isdigit():
        return int(env["COLUMNS"])
    return shutil.get_terminal_size((80, 24)).columns


# --show-as: the graphics protocols by name, each turning a PNG into its escape sequence.
GRAPHICS = {"kitty": kitty, "iterm2": iterm2, "sixel": sixel}
MODES = ("text", *GRAPHICS)
