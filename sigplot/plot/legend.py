"""The legend: where the spec says, or at the first spot inside the panel that meets no
curve, axis line or text; else beside the panel, else below it, in as many columns as
keep it within 40% of the figure's height, the key of numbered notes beside it. A legend
that fits nowhere is refused, naming ``--layout grid``: small multiples need none."""

from __future__ import annotations

import itertools
import warnings
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerBase, HandlerLine2D, HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox, ScaledTranslation, blended_transform_factory

from sigplot._speedups import legend_extent, steady
from sigplot.maths.errors import SigplotError, SigplotWarning
from sigplot.plot.geometry import (
    FOOT,
    PAD,
    Obstacles,
    ink_box,
    legend_loc,
    obstacles_of,
    tick_labels,
    within,
)
from sigplot.plot.marks import CHECK, Dots, check_key, jump_dots
from sigplot.plot.marks import zones as tinted
from sigplot.plot.notes import KEY_HANDLER

SHARE = 0.4  # a legend takes at most this share of the figure's height
KEY = "sigplot-key"  # the gid of the key of numbered notes, when apart from the legend
DOTS = "sigplot-dots"  # the gid of the jump dots' key, when apart from the legend
COINCIDE = "sigplot-coincide"  # the gid of the pieces of a Turns handle
_COLUMNS = 4  # the most columns tried
_COLUMNS_BELOW = 6  # the most under a panel, where the figure's width is theirs
_SPACING = 1.0  # ems between a legend's columns (matplotlib's 2 leave a wide one wider)
_HANDLE = 1.6  # ems of line a legend shows: a narrower legend, its dashes drawn shorter
_SHORTEST = 0.5  # a handle's dashes and gaps at least this share of the curve's own


class _ShortDashes(HandlerLine2D):
    """A legend line whose dashes show as dashes: a 3 pt line's are 11 pt long, and a
    1.6 em handle at 10 pt showed one, a short solid bar beside the solid curve's long
    one. Its pattern is drawn shorter (down to half the curve's own) so that the handle
    holds whole periods and ends on a dash; every handle ends square (butt caps), so a
    solid one is no longer than a dashed one."""

    def create_artists(self, *args: Any, **kwargs: Any) -> Sequence[Any]:
        artists = super().create_artists(*args, **kwargs)
        width = float(args[4])  # the handle's length, in points
        for line in artists:
            if not isinstance(line, Line2D):
                continue
            line.set_solid_capstyle("butt")
            pattern = getattr(line, "_unscaled_dash_pattern", (None, None))[1]
            if not pattern:
                continue
            scale = line.get_linewidth() if mpl.rcParams["lines.scale_dashes"] else 1.0
            dashes = _handle_dashes([x * scale for x in pattern], width)
            line.set_dashes([x / scale for x in dashes])
        return artists


def _handle_dashes(pattern: list[float], width: float) -> list[float]:
    """A dash pattern (points) for a handle ``width`` points long: the curve's own scaled
    by one factor (at least ``_SHORTEST``) so that whole periods and a closing dash fit;
    else, for a pattern with dots (dash-dot at 10 pt), one period closed by a dash, the
    gaps and dots at the largest scale that leaves each dash three times a dot, the
    dashes taking the rest."""
    period, first = sum(pattern), pattern[0]
    fits = [width / (k * period + first) for k in (1, 2, 3)]
    shorter = next((f for f in fits if _SHORTEST <= f <= 1.0), None)
    if shorter is not None:
        return [x * shorter for x in pattern]
    rest, dots = sum(pattern[1:]), pattern[2::2]
    if not dots:  # dashes only, and no whole period fits: as many as half the size holds
        return [x * max(_SHORTEST, min(1.0, width / (2 * period))) for x in pattern]
    s = max(_SHORTEST, min(1.0, width / (rest + 6 * max(dots))))
    dash = max((width - s * rest) / 2, s * max(dots))
    return [dash, *(x * s for x in pattern[1:])]


COINCIDE_LABEL = "coinciding"


@dataclass(frozen=True)
class Turns:
    """The legend's entry for curves that coincide, drawn there in their colours in turn
    (marks.show_coinciding): without it the stretch read as a dashed curve the legend
    lacked."""

    colours: tuple[Any, ...]
    linewidth: float


class _InTurn(HandlerBase):
    """A :class:`Turns` handle: the handle's length cut into equal dashes, the colours in
    turn, each colour twice where each dash stays at least three quarters as long as
    the line is wide (a near square of colour), else once: never one colour more often
    than another (five dashes for three colours, the first two twice, read as uneven
    turns the page does not show)."""

    def create_artists(self, legend: Legend, orig_handle: Any, xdescent: float,
                       ydescent: float, width: float, height: float, fontsize: float,
                       trans: Any) -> Sequence[Any]:  # fmt: skip
        colours, lw = orig_handle.colours, orig_handle.linewidth
        n = len(colours)
        count = 2 * n if width / (2 * n) >= 0.75 * lw else n
        dash = width / count
        y = height / 2 - ydescent
        out = []
        for k in sorted(range(count), key=lambda k: k % n):  # each colour's dashes together
            x0 = -xdescent + k * dash
            line = Line2D([x0, x0 + dash], [y, y], color=colours[k % n], linewidth=lw,
                          solid_capstyle="butt", transform=trans, gid=COINCIDE)  # fmt: skip
            out.append(line)
        return out


HANDLERS: dict[Any, Any] = {
    **KEY_HANDLER,
    Line2D: _ShortDashes(),
    Turns: _InTurn(),
    Dots: HandlerTuple(ndivide=None),
}
# Legends' sizes (width, height in pixels) measured during one placement, by what sets
# them (entries, columns, scale): a size does not hang on where a legend stands, and
# relu's, gelu's and silu's, annotated at the web size, drew 1,500 legends to place one.
Sizes = dict[tuple[Any, ...], tuple[float, float]]
_LEGEND_SCALES = (1.0, 0.9, 0.8, 0.7)  # outside the panel a legend may shrink this far
_CELL_SCALES = _LEGEND_SCALES[:2]  # a sweep's one legend in its first cell: else at the foot
_KEY_SCALES = (0.9, 0.8, 0.7, 0.6)  # of the legend's text size: the notes' own, then smaller
_GRID = 9  # spots a side of the grid tried when matplotlib's nine meet something
# Where "clear" tries the legend, in order; the first spot that meets nothing wins.
_SPOTS = ("upper left", "upper right", "lower right", "lower left", "center left",
          "center right", "upper center", "lower center", "center")  # fmt: skip

Entries = tuple[list[Any], list[str]]


def legends(ax: Axes) -> list[Legend]:
    """The legend of a panel, the jump dots' key and the key of its numbered notes, each
    where apart: in that order."""
    found = [a for a in ax.get_children() if isinstance(a, Legend)]
    return sorted(found, key=lambda a: (a.get_gid() == KEY, a.get_gid() == DOTS))


def warn_if_covering(ax: Axes, loc: str) -> None:
    """Warn when the legend the user put at ``loc`` (kept there: their choice) covers a
    curve or a text of the panel, naming ``--legend auto``, which finds a spot clear of
    both; a legend put where asked was drawn over curves and the z label silently."""
    found = [legend for legend in legends(ax) if legend.get_gid() not in (KEY, DOTS)]
    if not found:
        return
    (legend,) = found
    pad = legend.borderpad * legend.prop.get_size_in_points() * ax.figure.dpi / 72
    box = legend.get_window_extent().padded(-pad)  # its entries, without the margin
    obstacles = obstacles_of(ax)
    covered = [
        what
        for what, met in (
            ("a curve", any(s.crosses(box) for s in obstacles.near(box))),
            ("an axis line", any(s.crosses(box) for s in obstacles.spines)),
            ("a label", any(box.overlaps(b) for b in obstacles.boxes)),
        )
        if met
    ]
    if covered:
        *others, last = covered
        listed = f"{', '.join(others)} and {last}" if others else last
        warnings.warn(
            f"legend: {loc!r} covers {listed}; drawn where asked (--legend "
            "auto puts it where it meets nothing)",
            SigplotWarning,
            stacklevel=2,
        )


def place_legend(
    ax: Axes,
    loc: str,
    named: Entries,
    keys: list[tuple[Any, str]],
    obstacles: Obstacles,
    below: bool,
    short: dict[Any, str] | None = None,
    refuse: bool = True,
    accept: Callable[[Bbox], bool] = lambda box: True,
    still: Callable[[Bbox], bool] = lambda box: True,
    inside: bool = True,
    outside: bool = True,
    shrink: bool = False,
    foot: bool = False,
) -> str:
    """Draw ``ax``'s legend of ``named`` curves and zones at ``loc`` ("none", "clear" or a
    matplotlib location) with the numbered notes' ``keys`` (alone when ``loc`` is
    "none"). Returns "inside", "outside" (the layout must make room), "none", or (unless
    ``refuse``) "nowhere" when it fits nowhere. ``below``: the panel may take its legend
    under it (the last of a stack). ``short``: labels without their formulas, tried where
    the full ones fit no spot. ``accept``: whether a spot inside leaves the notes theirs;
    ``still``: whether one leaves every note where it stands (the jump dots' key apart);
    ``inside``, ``outside``: whether to try spots inside, and outside, at all.
    ``shrink``: the legend may shrink to stay inside (a cell of a grid, where a legend
    outside one panel widens every column or row of the grid). ``foot``: the one legend of
    a grid's cells (a sweep's), which, where its first cell holds it only smaller than
    0.9 of its size, stands under the whole grid at its own size (the tanh shift sweep's
    was 8 pt in a 10 pt figure, over the place of its first cell's "1")."""
    _clear(ax)
    handles, labels = named if loc != "none" else ([], [])
    # The finite differences' entry (its circles drawn in each checked curve's colour: one
    # circle in the text's) goes with the keys, far longer than a curve's: in a column of
    # the legend it set the column's width, and checked's two columns stood at the
    # canvas's two edges (review 17).
    checks = [k for k, h in enumerate(handles) if isinstance(h, Line2D) and h.get_gid() == CHECK]
    keys = [(check_key(), labels[k]) for k in checks] + keys
    handles = [h for k, h in enumerate(handles) if k not in checks]
    labels = [t for k, t in enumerate(labels) if k not in checks]
    brief = [(short or {}).get(h, text) for h, text in zip(handles, labels, strict=True)]
    # The jump dots' key is an aid the README also gives: in a grid it is left out
    # (the cells' legends keep their room and one size), and it goes inside a panel only.
    # The coinciding curves' entry is not: without it their turns read as a curve.
    keep = [not isinstance(h, Dots) for h in handles]
    if shrink:
        handles, labels, brief = _only(keep, handles, labels, brief)
    key: Entries = ([h for h, _ in keys], [t for _, t in keys])
    whole: Entries = (handles + key[0], labels + key[1])
    seen: Sizes = {}
    if not whole[0]:
        return "none"
    if loc not in ("clear", "none"):
        for columns in _columns(whole, _COLUMNS):
            legend = _make(ax, whole, columns, loc=legend_loc(loc))
            if legend.get_window_extent().height <= SHARE * ax.figure.bbox.height:
                break
        return "inside"
    # A formula in pieces on two lines, then fewer words (the names alone), then long
    # words on two lines: tried before any smaller text, so that
    # the legends of a grid's panels keep one size (rrelu's band's words beside the others).
    wrapped = [_two_lines(text) for text in brief]
    pieces = [_pieces_apart(text) for text in labels]
    tried = [labels, pieces, brief, wrapped]
    wordings = [w for i, w in enumerate(tried) if w not in tried[:i]]
    # Every wording with the jump dots' key (its words on two lines at the last), then
    # without it: inside, a legend without that aid beats one outside the panel (the
    # README explains the dots too).
    aided = [(handles, words) for words in wordings]
    dotted = aided[:]  # the wordings with the jump dots' key, if any
    stripped = not all(keep) and not shrink  # the wordings without it follow
    if stripped:
        handles, *wordings = _only(keep, handles, *wordings)
        aided += [(handles, words) for words in wordings]
    sizes = _CELL_SCALES if foot else _LEGEND_SCALES if shrink else _LEGEND_SCALES[:1]
    for scale, (shown, words) in itertools.product(sizes, aided if inside else ()):
        if _inside(ax, (shown + key[0], words + key[1]), obstacles, accept, scale):
            if stripped and len(shown) < len(dotted[0][0]):  # the dots' key apart, then
                k = keep.index(False)
                told = [labels[k], (short or {}).get(dotted[0][0][k], labels[k])]
                dots_apart(ax, dotted[0][0][k], told, obstacles, still, scale)
            return "inside"
    if foot and outside and handles:  # its cell's key of numbered notes stays by the cell
        keyed = not key[0] or any(_inside(ax, key, obstacles, accept, s) for s in _LEGEND_SCALES)
        keyed = keyed or _key_alone(ax, key, below, seen)
        if keyed and any(_foot(ax, (handles, words)) for words in wordings):
            return "outside"
        _clear(ax)
    # Outside, a legend may shrink a tenth once every wording fails at its own size (three
    # functions without notes at the web size were refused where with their notes they
    # drew); further only to make room for a key of numbered notes it carries: ten
    # functions' names at 7 pt in a 3 x 2 in figure are no legend to read.
    scales = _LEGEND_SCALES if key[0] else _CELL_SCALES
    for scale, (k, words) in itertools.product(
        scales, enumerate(wordings) if handles and outside else ()
    ):
        aid, told = dotted[k]  # the jump dots' key in the wording's words, then brief
        brief_aid = [(short or {}).get(h, t) if isinstance(h, Dots) else t
                     for h, t in zip(aid, told, strict=True)]  # fmt: skip
        for apart in (None, key) if key[0] else (None,):  # the key of numbers in it, or apart
            more = ([], []) if apart else key  # the key's entries in the legend, or none
            entries = (handles + more[0], words + more[1])
            if _outside(ax, entries, apart, below, scale, seen):
                tries = [(aid + more[0], t + more[1]) for t in (told, brief_aid)]
                if stripped and not _dots_too(ax, tries, entries, apart, below, scale, seen):
                    k = keep.index(False)  # the jump dots' key inside, apart
                    dots_apart(ax, aid[k], [told[k], brief_aid[k]], obstacles, still, scale)
                return "outside"
    if not handles and outside and _key_alone(ax, key, below, seen):
        return "outside"
    _clear(ax)
    if not refuse:
        return "nowhere"
    w, h = cast(Figure, ax.figure).get_size_inches()
    raise SigplotError(
        "legend", f"{len(whole[0])} entries",
        f"do not fit a {w:g} x {h:g} in figure in under {SHARE:.0%} of its height; draw "
        + ("fewer curves, the functions as small multiples with --layout grid, or no "
           "legend with --legend none" if handles else "fewer notes, or a larger --size"),
    )  # fmt: skip


def _dots_too(
    ax: Axes,
    tries: list[Entries],
    plain: Entries,
    key: Entries | None,
    below: bool,
    scale: float,
    sizes: Sizes,
) -> bool:
    """The legend just placed outside the panel (of the ``plain`` entries, with the
    ``key`` of numbers apart if given) again with the jump dots' key (the first of
    ``tries`` that serves), where that fits there and is no taller: under relu's panel at
    the web size the key fills the empty place of two columns' last row. A taller legend
    would take the panel's room for an aid the README gives too. False (the legend as it
    was) where none serves."""
    first = legends(ax)[0]
    height = first.get_window_extent().height
    # No taller by a row: a quarter of its text's size (the dots' row, plain words beside
    # mathtext names, stands 2 px taller: relu6, sparse_plus and leaky_relu's stack)
    slack = 0.25 * first.prop.get_size_in_points() * ax.figure.dpi / 72
    for entries in tries:
        if (
            _outside(ax, entries, key, below, scale, sizes)
            and legends(ax)[0].get_window_extent().height <= height + slack
        ):
            return True
    _clear(ax)
    _outside(ax, plain, key, below, scale, sizes)  # as it was
    return False


def _only(keep: list[bool], *lists: list[Any]) -> list[list[Any]]:
    """Each of ``lists`` with only the items ``keep`` says."""
    return [[x for x, k in zip(xs, keep, strict=True) if k] for xs in lists]


def _pieces_apart(text: str) -> str:
    """A legend's formula in pieces (``$f(z) = a\\ (z < 0),\\ b\\ (z \\geq 0)$``) on two
    lines, broken after the comma between pieces nearest its middle: hardswish's slope,
    three pieces long, fit no spot in one line and lost its formula to the bare name
    (review 23). Text with no such comma outside brackets stays as it is."""
    if not (text.startswith("$") and text.endswith("$")) or "\n" in text:
        return text
    depth, cuts = 0, []
    for i, c in enumerate(text):
        depth += c in "({[" and (i == 0 or text[i - 1] != "\\")
        depth -= c in ")}]" and (i == 0 or text[i - 1] != "\\")
        if depth == 0 and text.startswith(",\\ ", i):
            cuts.append(i)
    if not cuts:
        return text
    cut = min(cuts, key=lambda i: abs(i - len(text) / 2))
    return text[: cut + 1] + "$\n$" + text[cut + 3 :]


def _two_lines(text: str, longest: int = 24) -> str:
    """Plain words longer than ``longest`` characters on two lines, broken at the space
    nearest their middle; mathtext stays on one line."""
    if "$" in text or "\n" in text or len(text) <= longest or " " not in text:
        return text
    spaces = [i for i, c in enumerate(text) if c == " " and text[i - 1] in ",:"]
    spaces = spaces or [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1 :]


def _clear(ax: Axes) -> None:
    for legend in legends(ax):
        legend.remove()
    ax.legend_ = None


def _columns(entries: Entries, most: int) -> range:
    """The numbers of columns to try, up to ``most``: no more than the entries (matplotlib
    drops empty columns, so more draw the same legend again)."""
    return range(1, min(most, len(entries[0])) + 1)


def legend_size() -> float:
    """The legend's text size in points, as the style in force sets it."""
    return float(FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points())


def _make(
    ax: Axes, entries: Entries, columns: int, scale: float = 1.0, apart: bool = False, **where: Any
) -> Legend:
    """The panel's legend (replacing any), in ``columns`` read row by row (matplotlib fills
    them column by column: under gain-family's panel sigma(z) stood alone in the second
    row, after sigma(2z) and sigma(5z)), its text ``scale`` times the legend's size;
    ``apart``: a legend beside the panel's own (legend._foot's, with a key inside)."""
    old = ax.get_legend()
    if old is not None and not apart:
        old.remove()
    n = len(entries[0])
    rows = -(-n // columns)
    order = [r * columns + c for c in range(columns) for r in range(rows) if r * columns + c < n]
    entries = ([entries[0][k] for k in order], [entries[1][k] for k in order])
    size = legend_size()
    kw = {"ncols": columns, "frameon": False, "handler_map": HANDLERS, "columnspacing": _SPACING,
          "handlelength": _HANDLE, "prop": {"size": scale * size}, **where}  # fmt: skip
    if not apart:
        return ax.legend(*entries, **kw)
    legend = Legend(ax, *entries, **kw)
    ax.add_artist(legend)
    legend.set_clip_on(False)  # add_artist clips to the panel; this one stands outside it
    return legend


def _inside(
    ax: Axes,
    entries: Entries,
    obstacles: Obstacles,
    accept: Callable[[Bbox], bool],
    scale: float = 1.0,
) -> bool:
    """The legend at the first clear spot inside the panel, in as few columns as keep it
    within its share of the figure's height, its text ``scale`` times the legend's size:
    matplotlib's nine spots, then a grid of others, top rows first; off the tinted zones
    where one of those holds it (a swatch on the tint it names does not read as a key),
    else on them. False when there is none."""
    for columns in _columns(entries, _COLUMNS):
        legend = _make(ax, entries, columns, scale, loc=legend_loc(_SPOTS[0]))
        with steady(ax.figure):  # the legend moves, its texts stay: laid out once
            box = legend.get_window_extent()
            if box.height > SHARE * ax.figure.bbox.height:
                continue
            if box.width > 0.9 * ax.bbox.width or box.height > 0.9 * ax.bbox.height:
                break  # wider columns fit no better
            if _spot(legend, ax, obstacles, accept, len(entries[0])):
                return True
    _clear(ax)
    return False


def _spot(
    legend: Legend,
    ax: Axes,
    obstacles: Obstacles,
    accept: Callable[[Bbox], bool],
    count: int,
    zoned: bool = True,
    near: Bbox | None = None,
    margin: float = 0.0,
) -> bool:
    """``legend`` (of ``count`` rows) moved to the first clear spot inside the panel:
    matplotlib's nine, then a grid of others, top rows first (the nearest ``near`` first,
    where given, and the spots under it and beside it); off the tinted zones where one
    holds it, else (where ``zoned``) on one, backed; ``margin`` pixels clear of the curves
    and axis lines. False when none is clear."""
    zones = [p.get_window_extent() for p in tinted(ax)]
    box = legend.get_window_extent()
    w, h = box.width / ax.bbox.width, box.height / ax.bbox.height
    # The gaps between zones are rarely on the grid: beside each zone too.
    pad = box.height / count / 2 / ax.bbox.width  # half a row's height
    beside = [x for z in zones
              for x in ((z.x1 - ax.bbox.x0) / ax.bbox.width + pad + w / 2,
                        (z.x0 - ax.bbox.x0) / ax.bbox.width - pad - w / 2)]  # fmt: skip
    xs = [*np.linspace(w / 2, 1 - w / 2, _GRID), *(x for x in beside if w / 2 <= x <= 1 - w / 2)]
    places: list[tuple[str, Any]] = [("loc", legend_loc(spot)) for spot in _SPOTS]
    ys = np.linspace(1 - h / 2, h / 2, _GRID)
    places += [("at", (float(x), float(y))) for y in ys for x in xs]
    extent = legend_extent(legend)  # its size stays as it moves
    if near is not None:
        to = ax.transAxes.inverted()
        under = to.transform((near.x0 + box.width / 2, near.y0 - box.height / 2))
        right = to.transform((near.x1 + box.width / 2, near.y1 - box.height / 2))
        by: list[tuple[str, Any]] = [("at", tuple(map(float, xy))) for xy in (under, right)]
        places += [p for p in by if within(ax.bbox, _moved(legend, ax, p, extent))]
        places.sort(key=lambda place: _gap(_moved(legend, ax, place, extent), near))
    on_zone = None  # the first clear spot on a zone: taken when no other is clear
    for place in places:
        _put(legend, ax, place)
        box = extent()
        clear = obstacles.clear(box, margin, lines=False)
        if clear and accept(box) and _off(legend, obstacles):
            if not any(box.overlaps(z) for z in zones):
                return True
            on_zone = on_zone or place
    if on_zone is None or not zoned:
        return False
    _put(legend, ax, on_zone)
    return _backed(legend, zones)


def dots_apart(
    ax: Axes,
    dots: Any,
    wordings: list[str],
    obstacles: Obstacles,
    accept: Callable[[Bbox], bool],
    scale: float,
) -> bool:
    """The jump dots' key as a block of its own at the clear spot inside the panel
    nearest the legend, in the first of ``wordings`` that fits one: where the legend could
    hold it nowhere inside, hardtanh at the web size drew its dots with no word of what
    filled and hollow mean; ``accept``: whether a spot leaves every note where it stands.
    Reader reviews set its clearances: two ems beside a tick label, eight on its line,
    across the value axis too ("0.5 | value taken / not" read as one line, and on a long
    tick's line it labelled the curve's point there), out of the value labels' column
    (between "-0.8" and "-1" it read as a label); one over or under a z label,
    half over or under a value label (nearer, "value taken / not" read on into
    sparse_sigmoid's "1", and under selu's z row it read as the axis's title); its box
    (0.4 em of pad about its ink) half an em off the curves and axis lines (10 px off
    tanh's value axis it read as the axis's title); its dots 2.5 ems off the dots it
    keys (beside one, they read as the curve's); off the tinted zones (backed there, a
    second box read as a label of the tint). Left out where no spot is clear."""
    placed = [legend.get_window_extent() for legend in legends(ax)]
    near = Bbox.union(placed) if placed else None
    em = scale * legend_size() * ax.figure.dpi / 72
    dots_at = jump_dots(ax)
    taken = _kept_off(ax, obstacles, placed, dots_at, em)

    def keeps(box: Bbox) -> bool:
        """Whether the notes keep their spots off ``box`` (:func:`_noted_clear`),
        and its two dots (the handle's middle, the legend's pad and half its 1.6 ems in)
        stand 2.5 ems off every jump dot."""
        x, y = box.x0 + 1.2 * em, (box.y0 + box.y1) / 2
        far = all(np.hypot(x - dx, y - dy) >= 2.5 * em for dx, dy in dots_at)
        return far and accept(_noted_clear(box, em))

    for words in wordings:
        block = _dots_block(ax, dots, words, scale, loc=legend_loc(_SPOTS[0]))
        with steady(ax.figure):
            if _spot(block, ax, taken, keeps, 1, zoned=False, near=near, margin=em / 2):
                return True
        block.remove()
    return False


def dots_in(ax: Axes, dots: Any, wordings: list[str], box: Bbox, scale: float) -> bool:
    """The jump dots' key centred in ``box`` (a share of the figure: a grid's empty cells
    past its last), in the first of ``wordings`` that fits it: in the catalogue's
    hardsigmoid panel it read as that panel's, beside its dot at 0.5. ``ax``, the panel
    it is drawn with. False (and none drawn) where neither fits."""
    fig = ax.figure
    room = box.transformed(fig.transFigure)
    for words in wordings:
        block = _dots_block(ax, dots, words, scale, loc=legend_loc("center"),
                            bbox_to_anchor=box, bbox_transform=fig.transFigure)  # fmt: skip
        with steady(fig):
            drawn = block.get_window_extent()
        if drawn.width <= room.width and drawn.height <= room.height:
            return True
        block.remove()
    return False


def _dots_block(ax: Axes, dots: Any, words: str, scale: float, **where: Any) -> Legend:
    """The jump dots' key as a block of its own (gid DOTS), ``where`` it is put; out of the
    layout's fit: it is placed in room the fit leaves (inside a panel, or cells left
    empty)."""
    block = _make(ax, ([dots], [words]), 1, scale, apart=True, **where)
    block.set_gid(DOTS)
    block.set_in_layout(False)
    return block


def _kept_off(
    ax: Axes, obstacles: Obstacles, placed: list[Bbox], dots: list[Any], em: float
) -> Obstacles:
    """What the jump dots' key keeps off besides ``obstacles`` (:func:`dots_apart`): the
    legends ``placed``, the tick labels, their lines and the value labels' column, and
    the ``dots`` it keys, by clearances in ``em`` pixels."""
    taken = obstacles.copy()
    taken.boxes += [box.padded(em / 2) for box in placed]
    taken.boxes += [_wider(ink_box(t), 2 * em, em) for t in tick_labels(ax, "x")]
    taken.boxes += [_wider(ink_box(t), 2 * em, em / 2) for t in tick_labels(ax, "y")]
    ticks = ax.yaxis.get_major_ticks()
    for side in ([t.label1 for t in ticks], [t.label2 for t in ticks]):  # left, right
        shown = [ink_box(t) for t in side if t.get_visible() and t.get_text()]
        if shown:  # the value labels' column on that side, from its first to its last
            taken.boxes.append(_wider(Bbox.union(shown), em / 2, 0))
    taken.boxes += [Bbox.from_bounds(x - em / 2, y - em / 2, em, em) for x, y in dots]
    lines = [ink_box(t) for t in tick_labels(ax)]  # each label's line, 8 ems on
    taken.lines = [_wider(b, 8 * em, -b.height / 4) for b in lines]
    return taken


def kept_clear(legend: Legend) -> Bbox:
    """Where a note may not stand: ``legend``'s box; the jump dots' key's with an em over
    and under it and five ems beside it (a note under it read as its heading's, one 4 ems
    beside it as its words, a reader review)."""
    box = legend.get_window_extent()
    if legend.get_gid() != DOTS:
        return box
    return _noted_clear(box, legend.prop.get_size_in_points() * legend.figure.dpi / 72)


def _noted_clear(box: Bbox, em: float) -> Bbox:
    """The jump dots' key's ``box`` with the room no note may take (:func:`kept_clear`)."""
    return _wider(box, 5 * em, em)


def _wider(box: Bbox, across: float, up: float) -> Bbox:
    return Bbox.from_extents(box.x0 - across, box.y0 - up, box.x1 + across, box.y1 + up)


def _moved(legend: Legend, ax: Axes, place: tuple[str, Any], extent: Callable[[], Bbox]) -> Bbox:
    _put(legend, ax, place)
    return extent()


def _gap(a: Bbox, b: Bbox) -> float:
    """The distance between boxes ``a`` and ``b`` (0 where they meet)."""
    dx = max(b.x0 - a.x1, a.x0 - b.x1, 0.0)
    dy = max(b.y0 - a.y1, a.y0 - b.y1, 0.0)
    return float(np.hypot(dx, dy))


def _off(legend: Legend, obstacles: Obstacles) -> bool:
    """Whether no row of ``legend`` stands on a tick label's line (they are its texts;
    the box's blank right of a short row is not)."""
    return not any(r.overlaps(b) for r in rows(legend) for b in obstacles.lines)


_ROWS: weakref.WeakKeyDictionary[Legend, tuple[Bbox, list[Bbox]]] = weakref.WeakKeyDictionary()


def rows(legend: Legend) -> list[Bbox]:
    """Each line of ``legend``'s entries as a reader meets it: its handle and words, to
    the end of the line (a short line ends well before the box; an entry on two lines is
    two; a label before a handle read on, "-0.5 --- softsign(z)", a reader review). Its
    texts stand where its box puts them only once drawn: it is drawn once (the figure's
    own drawing draws it again), its lines then moved with its box as it moves (drawing
    it took 40 ms a time)."""
    box = legend.get_window_extent()
    if legend not in _ROWS:
        _ROWS[legend] = (box, _drawn_rows(legend))
    was, lines = _ROWS[legend]
    return [line.translated(box.x0 - was.x0, box.y0 - was.y0) for line in lines]


def _drawn_rows(legend: Legend) -> list[Bbox]:
    renderer = legend.figure._get_renderer()  # type: ignore[union-attr]
    legend.draw(renderer)
    size = legend.prop.get_size_in_points() * legend.figure.dpi / 72
    handle = (legend.handlelength + legend.handletextpad) * size  # each entry's, left of it
    out = []
    for text in [t for t in legend.get_texts() if t.get_text()]:
        box = text.get_window_extent(renderer)
        lines = text.get_text().split("\n")
        high = box.height / len(lines)  # a left-aligned text's lines, top first
        for i, line in enumerate(lines):
            wide = box.width if len(lines) == 1 else renderer.get_text_width_height_descent(
                line, text.get_fontproperties(), ismath="$" in line)[0]  # fmt: skip
            top = box.y1 - i * high
            out.append(Bbox.from_extents(box.x0 - handle, top - high, box.x0 + wide, top))
    return out


def _put(legend: Legend, ax: Axes, place: tuple[str, Any]) -> None:
    """``legend`` at one of matplotlib's locations ("loc") or centred at a point of the
    panel ("at")."""
    how, where = place
    if how == "loc":
        legend.set_bbox_to_anchor(None)
        legend.set_loc(where)
    else:
        legend.set_loc("center")
        legend.set_bbox_to_anchor(where, ax.transAxes)


def _backed(legend: Legend, zones: list[Bbox]) -> bool:
    """A legend that must sit on a tinted zone stands on the panel's own colour, so its
    zone's swatch reads against that, not against the tint it names. True."""
    face = mpl.colors.to_rgba(legend.axes.get_facecolor())
    if any(legend.get_window_extent().overlaps(z) for z in zones) and face[3] > 0:
        legend.set_frame_on(True)
        legend.get_frame().set(facecolor=face, edgecolor="none", alpha=1.0)
    return True


def _fits(box: Bbox, ax: Axes, width: float, whole: bool = False) -> bool:
    """Whether ``box`` keeps within 40% of the figure's height and ``width`` (a share) of
    the width of ``ax``'s column of the grid, or of the ``whole`` figure."""
    fig = ax.figure.bbox
    return box.height <= SHARE * fig.height and box.width <= width * (
        fig.width if whole else _room(ax)
    )


def _misfit(sizes: Sizes, measured: tuple[Any, ...], ax: Axes, width: float,
            room: float = SHARE) -> bool:  # fmt: skip
    """Whether a legend of ``sizes`` measured before under ``measured`` keeps not within
    ``width`` (see :func:`_fits`) and ``room`` (a share of the figure's height)."""
    if measured not in sizes:
        return False
    w, h = sizes[measured]
    return not (
        _fits(Bbox.from_bounds(0, 0, w, h), ax, width) and h <= room * ax.figure.bbox.height
    )


def _measured(entries: Entries, columns: int, scale: float) -> tuple[Any, ...]:
    """What sets a legend's size: its handles (by identity) and texts, columns and scale."""
    return (tuple(map(id, entries[0])), tuple(entries[1]), columns, scale)


def _room(ax: Axes) -> float:
    """The width in pixels of ``ax``'s column of the grid (the figure's, in a figure of
    one column): what a legend beside or under a grid's panel keeps within. Beside a
    panel a third of a 9 in figure wide, 40% of the figure's width squeezed the panel to
    30 px (relu's, threshold's and sparse_sigmoid's slopes annotated)."""
    return float(ax.figure.bbox.width) / _column(ax)[1]


def _column(ax: Axes) -> tuple[int, int]:
    """Which column of the figure's grid ``ax`` (or the cell its stack is nested in)
    stands in, and how many columns the grid has."""
    where = ax.get_subplotspec()
    if where is None:
        return 0, 1
    cell = where.get_topmost_subplotspec()
    return cell.colspan.start, cell.get_gridspec().ncols


def _at(ax: Axes, x: float, y: float, dx: float = 0.0, dy: float = 0.0) -> dict[str, Any]:
    """An anchor at (``x``, ``y``) of the panel, moved (``dx``, ``dy``) pixels: it keeps
    its distance from the panel when the layout resizes the panel."""
    dpi = ax.figure.dpi
    shift = ScaledTranslation(dx / dpi, dy / dpi, ax.figure.dpi_scale_trans)
    return {"bbox_to_anchor": (x, y), "bbox_transform": ax.transAxes + shift}


def _under(ax: Axes, dx: float, dy: float) -> dict[str, Any]:
    """An anchor at the figure's middle and the panel's foot, moved (``dx``, ``dy``)
    pixels: what stands under the panel is centred in the figure, which is its width, or
    under a grid's panel, in its column's share of the figure (centred on snake's panel,
    narrowed by its legend beside it, its key of numbered notes reached into the next
    column, over that cell's legend)."""
    dpi = ax.figure.dpi
    shift = ScaledTranslation(dx / dpi, dy / dpi, ax.figure.dpi_scale_trans)
    column, columns = _column(ax)
    middle = (column + 0.5) / columns
    across = blended_transform_factory(ax.figure.transFigure, ax.transAxes)
    return {"bbox_to_anchor": (middle, 0.0), "bbox_transform": across + shift}


def _outside(
    ax: Axes, entries: Entries, key: Entries | None, below: bool, scale: float, sizes: Sizes
) -> bool:
    """The legend (and the ``key`` apart, if given) outside the panel, its text ``scale``
    times the legend's size: on the panel's right within 40% of the figure's width, the
    key under the legend (or, ``below``, under the panel); else (``below``) under the
    panel in as many columns as its width allows, the key beside the legend or under it.
    False when none fits. ``sizes``: the legends measured so far, not drawn again where
    they do not fit."""
    right, down = _edge(ax, "right"), _edge(ax, "bottom")
    for columns in _columns(entries, _COLUMNS):
        measured = _measured(entries, columns, scale)
        if _misfit(sizes, measured, ax, SHARE):
            continue
        legend = _make(ax, entries, columns, scale, loc="upper left", borderaxespad=0.5,
                       **_at(ax, 1.0, 1.0, right))  # fmt: skip
        box = legend.get_window_extent()
        sizes[measured] = (box.width, box.height)
        if not _fits(box, ax, SHARE):
            continue
        if key is None:
            return True
        gap = 0.25 * legend.prop.get_size_in_points() * ax.figure.dpi / 72
        placed = _key(ax, key, "upper left", _at(ax, 1.0, 1.0, right, -box.height - gap), SHARE,
                      SHARE, sizes)  # fmt: skip
        if placed is not None and placed.y0 >= ax.figure.bbox.y0:
            return True
        beneath = (_key(ax, key, "upper center", _under(ax, 0.0, -down), 0.98, SHARE, sizes)
                   if below else None)  # fmt: skip
        if beneath is not None and not beneath.overlaps(box):
            return True  # the legend on the right, the key under the panel
        _clear_key(ax)  # a legend reaching below the panel is in its way (mish at two gains)
    _clear(ax)
    if not below:
        return False
    for columns in reversed(_columns(entries, _COLUMNS_BELOW)):  # under the panel, height counts
        measured = _measured(entries, columns, scale)
        if _misfit(sizes, measured, ax, 0.98):
            continue
        legend = _make(ax, entries, columns, scale, loc="upper center", borderaxespad=0.5,
                       **_under(ax, 0.0, -down))  # fmt: skip
        box = legend.get_window_extent()
        sizes[measured] = (box.width, box.height)
        if not _fits(box, ax, 0.98):
            continue
        if key is None:
            return True
        gap = 0.02 * _room(ax)
        beside = 0.98 - (box.width + gap) / _room(ax)
        placed = _key(ax, key, "upper left", _under(ax, 0.0, -down), beside, SHARE, sizes)
        if placed is not None:  # side by side, the pair centred
            total = box.width + gap + placed.width
            legend.set_loc("upper left")
            legend.set_bbox_to_anchor(**_box(_under(ax, -total / 2, -down)))
            legends(ax)[-1].set_bbox_to_anchor(
                **_box(_under(ax, box.width + gap - total / 2, -down))
            )
            return True
        gap = 0.25 * legend.prop.get_size_in_points() * ax.figure.dpi / 72
        room = SHARE - (box.height + gap) / ax.figure.bbox.height
        under = _under(ax, 0.0, -down - box.height - gap)
        if _key(ax, key, "upper center", under, 0.98, room, sizes) is not None:  # the key under it
            return True
    _clear(ax)
    return False


def _foot(ax: Axes, entries: Entries) -> bool:
    """The legend under the whole figure, centred, in as many columns as its width allows
    (the tight layout leaves it room: geometry.tight_fit). False when it does not fit."""
    fig = ax.figure
    pad = PAD * mpl.rcParams["font.size"] * fig.dpi / 72
    shift = ScaledTranslation(0, pad / fig.dpi, fig.dpi_scale_trans)
    for columns in reversed(_columns(entries, _COLUMNS_BELOW)):
        anchor: dict[str, Any] = {"bbox_to_anchor": (0.5, 0.0),
                                  "bbox_transform": fig.transFigure + shift}  # fmt: skip
        legend = _make(ax, entries, columns, apart=True, loc="lower center", borderaxespad=0,
                       **anchor)  # fmt: skip
        legend.set_gid(FOOT)
        legend.set_in_layout(False)  # not part of its cell: the layout leaves it the foot
        if _fits(legend.get_window_extent(), ax, 0.98, whole=True):
            return True
        legend.remove()
    return False


def _key_alone(ax: Axes, key: Entries, below: bool, sizes: Sizes) -> bool:
    """The key of numbered notes with no legend: on the panel's right, else under it."""
    if _key(ax, key, "upper left", _at(ax, 1.0, 1.0, _edge(ax, "right")), SHARE, SHARE, sizes):
        return True
    return below and _key(ax, key, "upper center", _under(ax, 0.0, -_edge(ax, "bottom")),
                          0.98, SHARE, sizes) is not None  # fmt: skip


def _box(anchor: dict[str, Any]) -> dict[str, Any]:
    return {"bbox": anchor["bbox_to_anchor"], "transform": anchor["bbox_transform"]}


def _key(
    ax: Axes,
    key: Entries,
    loc: str,
    anchor: dict[str, Any],
    width: float,
    room: float,
    sizes: Sizes,
) -> Bbox | None:
    """The key of numbered notes as a block of its own, in as few columns as fit within
    ``width`` and ``room`` (shares of the figure), in the notes' own size or, where that
    fits nowhere, down to 0.6 of the legend's; at each size its entries on one line
    first, then broken after the curve's name and before "at" (a key set at 0.6 beside
    sigmoid-vs-tanh-gradients' legend fits there at 0.9 on three lines). ``sizes``: the
    blocks measured so far, not drawn again where they do not fit."""
    _clear_key(ax)
    size = legend_size()
    handles, texts = key
    forms = [texts, [t.replace(": ", ":\n", 1) for t in texts]]
    forms.append([t.replace(" at ", "\nat ") for t in forms[-1]])
    unique = [f for i, f in enumerate(forms) if f not in forms[:i]]
    too_wide: tuple[float, int] | None = None  # a size and form whose one column is too wide
    for scale, lines, columns in itertools.product(_KEY_SCALES, unique, _columns(key, _COLUMNS)):
        if too_wide == (scale, id(lines)):
            continue  # more columns are no narrower than the widest entry
        measured = ("key", tuple(lines), columns, scale)
        if not _misfit(sizes, measured, ax, width, room):
            handlers: Any = HANDLERS
            shown = [_shrunk(h, scale / _KEY_SCALES[0]) for h in handles]
            block = Legend(ax, shown, lines, ncols=columns, frameon=False, handler_map=handlers,
                           loc=legend_loc(loc), borderaxespad=0.5, columnspacing=_SPACING,
                           handlelength=_HANDLE, prop={"size": scale * size}, **anchor)  # fmt: skip
            block.set_gid(KEY)
            ax.add_artist(block)
            block.set_clip_on(False)  # add_artist clips to the panel; a key stands outside it
            box = block.get_window_extent()
            sizes[measured] = (box.width, box.height)
            if _fits(box, ax, width) and box.height <= room * ax.figure.bbox.height:
                return box
            block.remove()
        if columns == 1 and sizes[measured][0] > width * _room(ax):
            too_wide = (scale, id(lines))
    return None


def _shrunk(handle: Any, factor: float) -> Any:
    """A numbered note's key handle (its ring and digit) ``factor`` times its size: a key
    set smaller than the notes keeps its rings apart (at 0.6 of the legend's size each
    ring cut into the next, review 30)."""
    if factor == 1 or not isinstance(handle, tuple):
        return handle
    parts = []
    for part in handle:
        smaller = Line2D([], [])
        smaller.update_from(part)
        smaller.set_markersize(factor * part.get_markersize())
        parts.append(smaller)
    return tuple(parts)


def _clear_key(ax: Axes) -> None:
    for block in legends(ax):
        if block.get_gid() == KEY:
            block.remove()


def _edge(ax: Axes, side: str) -> float:
    """How far past the panel's ``side`` ("right", "bottom") its tick labels and axis
    labels reach, in pixels."""
    texts = [t for axis in (ax.xaxis, ax.yaxis) for t in axis.get_majorticklabels()]
    texts += [t for t in (ax.xaxis.label, ax.yaxis.label) if t.get_visible()]
    boxes = [t.get_window_extent() for t in texts if t.get_text()]
    box = ax.bbox
    if side == "right":
        return float(max([b.x1 for b in boxes] + [box.x1]) - box.x1)
    return float(box.y0 - min([b.y0 for b in boxes] + [box.y0]))
