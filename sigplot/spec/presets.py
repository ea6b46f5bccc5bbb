"""Presets: how a figure looks (axes, labels, colours, sampling), as plain data.

Read by :mod:`sigplot.plot`; named by ``--preset``. No matplotlib import here: ``rc``
holds rcParams that the renderer applies inside a style context.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Preset:
    """How a figure looks: spines, labels, colours, sampling; pure data read by render."""

    name: str
    description: str
    spines: str  # "center": the blog's centred left spine; "zero": both at data zero
    math_labels: bool  # mathtext labels (sigma'(z) = ...) rather than the blog's words
    legend: str  # where "auto" puts the legend: a location, or "clear" (covers no curve)
    half_open: bool  # sample like the blog: MIN + step * arange, MAX itself left out
    linewidth: float
    colors: tuple[str, ...]
    order_styles: tuple[Any, ...]  # line style by derivative order
    tight: bool  # fit the axes to the figure (tight layout); the blog does not
    # One colour per function when a figure shows several: any two differ by CIEDE2000 >= 20
    # for normal vision and under a deuteranopia simulation (tests/test_look.py holds it).
    distinct: tuple[str, ...] = ()
    # Past ``distinct``: colours CIEDE2000 >= 20 apart from it and each other for normal
    # vision only, each drawn with a line style of its own (plot/look.py), so that they
    # stay apart for every reader too.
    further: tuple[str, ...] = ()
    shade: str = "#000000"  # colour of the vanishing-gradient shading (--annotate)
    # Line styles past the order styles, for curves whose colour repeats past the palette
    # (none: colours repeat with the same style, as the blog's one style does).
    cycle_styles: tuple[Any, ...] = ()
    rc: Mapping[str, Any] = field(default_factory=dict)  # matplotlib rcParams


# Settings that make saved bytes repeatable: fixed SVG ids, text as paths.
DETERMINISTIC_RC: dict[str, Any] = {"svg.hashsalt": "sigplot", "svg.fonttype": "path"}

BLOG_COLORS = ("#307EC7", "#9621E2")
# Okabe & Ito's colour-blind-safe palette (yellow left out: too pale on white).
OKABE_ITO = ("#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000")
# Six colours on white, and four on the dark background (each with a contrast of 4.5:1 or
# more), that stay apart for readers with deuteranopia as well: searched from Okabe & Ito's,
# Paul Tol's and the blog's palettes; no fifth dark or seventh light one could be added.
# None is the axes' colour (18 or more apart, deuteranopia too; the dark grey the nearest):
# a curve along the z axis's line in black on white, or near-white on dark, read as the
# axis itself (hardshrink's fourth gain). Colours of a search over every 17th level of
# red, green and blue that keep the rest apart took their places: a green on dark, and
# brown on white, last (22 from vermillion: dashed beside it, smooth-relatives-slopes'
# mish' and silu' read as one; the sixth function is rarer than the fourth).
DISTINCT = ("#307EC7", "#D55E00", "#009E73", "#332288", "#882255", "#774400")
DARK_DISTINCT = ("#6CB4F5", "#E69F00", "#229944", "#A0A0A0")
# The next colours, in the order tried from Okabe & Ito's and the dark colours below: the
# first of them 20 or more apart (normal vision) from the palette and each other. Okabe &
# Ito's orange and reddish purple on white (22 from vermillion, 29 from wine); purple,
# yellow and red-orange on dark (25, 25 and 20 from the palette at the nearest). The blog's
# purple (19 from indigo), sky blue (18 from blue; 5 on dark), pink (16 from purple on
# dark) and the dark green #1FC497 (17 from the palette's green) fell short.
FURTHER = ("#E69F00", "#CC79A7")
DARK_FURTHER = ("#C493FF", "#EEEE55", "#F07B3F")
DARK_BACKGROUND = "#1E1E24"
DARK_TEXT = "#E8E8EC"
# On the dark background: the blog's hues lightened, Okabe & Ito's with white for black.
# Every one keeps a contrast ratio of at least 4.5:1 against the background.
DARK_COLORS = ("#6CB4F5", "#C493FF", "#E69F00", "#1FC497", "#F07B3F", "#E38CC0", "#56B4E9",
               "#F2F2F2")  # fmt: skip

_DEFAULT = Preset(
    name="default",
    description="the blog figure improved (axes at zero, a clear legend, readable ticks)",
    spines="zero",
    math_labels=True,
    legend="clear",
    half_open=False,
    linewidth=3.0,
    colors=BLOG_COLORS + OKABE_ITO,
    order_styles=("-", "--", ":", "-."),
    tight=True,
    distinct=DISTINCT,
    further=FURTHER,
    # dash-dot-dot, long dashes: still told apart from the four order styles at 3 pt
    cycle_styles=((0, (3, 1.5, 1, 1.5, 1, 1.5)), (0, (6, 2))),
)

PRESETS: dict[str, Preset] = {
    "default": _DEFAULT,
    "post": Preset(
        name="post",
        description="the blog figure exactly, flaws included",
        spines="center",
        math_labels=False,
        legend="upper right",
        half_open=True,
        linewidth=3.0,
        colors=BLOG_COLORS + OKABE_ITO,
        order_styles=("-",),
        tight=False,
        distinct=DISTINCT,
    ),
    "dark": dataclasses.replace(
        _DEFAULT,
        name="dark",
        description="the default figure on a dark background, with light text",
        colors=DARK_COLORS,
        distinct=DARK_DISTINCT,
        further=DARK_FURTHER,
        shade="#FFFFFF",
        rc={
            "figure.facecolor": DARK_BACKGROUND,
            "axes.facecolor": DARK_BACKGROUND,
            "savefig.facecolor": "auto",
            "text.color": DARK_TEXT,
            "axes.labelcolor": DARK_TEXT,
            "axes.edgecolor": DARK_TEXT,
            "xtick.color": DARK_TEXT,
            "ytick.color": DARK_TEXT,
        },
    ),
}
