"""The legend: where the spec says, or at the first spot inside the panel that meets no
curve, axis line or text; else beside the panel, else below it, in as many columns as
keep it within 40% of the figure's height, the key of numbered notes beside it. A legend
that fits nowhere is refused, naming ``--layout grid``: small multiples need none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.transforms import Bbox, ScaledTranslation

from sigplot.maths.errors import SigplotError
from sigplot.plot.geometry import Obstacles, legend_loc
from sigplot.plot.notes import KEY_HANDLER

SHARE = 0.4  # a legend takes at most this share of the figure's height
KEY = "sigplot-key"  # the gid of the key of numbered notes, when apart from the legend
_COLUMNS = 4  # the most columns tried
_COLUMNS_BELOW = 6  # the most under a panel, where the figure's width is theirs
_GRID = 9  # spots a side of the grid tried when matplotlib's nine meet something
# Where "clear" tries the legend, in order; the first spot that meets nothing wins.
_SPOTS = ("upper left", "upper right", "lower right", "lower left", "center left",
          "center right", "upper center", "lower center", "center")  # fmt: skip

Entries = tuple[list[Any], list[str]]


def legends(ax: Axes) -> list[Legend]:
    """The legend of a panel and the key of its numbered notes, if apart."""
    found = [a for a in ax.get_children() if isinstance(a, Legend)]
    return sorted(found, key=lambda a: a.get_gid() == KEY)


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
    inside: bool = True,
) -> str:
    """Draw ``ax``'s legend of ``named`` curves and zones at ``loc`` ("none", "clear" or a
    matplotlib location) with the numbered notes' ``keys`` (alone when ``loc`` is
    "none"). Returns "inside", "outside" (the layout must make room), "none", or (unless
    ``refuse``) "nowhere" when it fits nowhere. ``below``: the panel may take its legend
    under it (the last of a stack). ``short``: labels without their formulas, tried where
    the full ones fit no spot. ``accept``: whether a spot inside leaves the notes theirs;
    ``inside``: whether to try spots inside at all."""
    _clear(ax)
    handles, labels = named if loc != "none" else ([], [])
    key: Entries = ([h for h, _ in keys], [t for _, t in keys])
    whole: Entries = (handles + key[0], labels + key[1])
    if not whole[0]:
        return "none"
    if loc not in ("clear", "none"):
        for columns in range(1, _COLUMNS + 1):
            legend = _make(ax, whole, columns, loc=legend_loc(loc))
            if legend.get_window_extent().height <= SHARE * ax.figure.bbox.height:
                break
        return "inside"
    brief = [(short or {}).get(h, text) for h, text in zip(handles, labels, strict=True)]
    wordings = [labels] + ([brief] if brief != labels else [])
    for words in wordings if inside else ():
        if _inside(ax, (handles + key[0], words + key[1]), obstacles, accept):
            return "inside"
    for words in wordings:
        if _outside(ax, (handles + key[0], words + key[1]), None, below):
            return "outside"
        if handles and key[0] and _outside(ax, (handles, words), key, below):
            return "outside"  # the key apart, beside the legend
    _clear(ax)
    if not refuse:
        return "nowhere"
    w, h = cast(Figure, ax.figure).get_size_inches()
    raise SigplotError(
        "legend", f"{len(whole[0])} entries",
        f"do not fit a {w:g} x {h:g} in figure in under {SHARE:.0%} of its height; draw "
        "fewer curves, the functions as small multiples with --layout grid, or no legend "
        "with --legend none",
    )  # fmt: skip


def _clear(ax: Axes) -> None:
    for legend in legends(ax):
        legend.remove()
    ax.legend_ = None


def _make(ax: Axes, entries: Entries, columns: int, **where: Any) -> Legend:
    """The panel's legend (replacing any), in ``columns``."""
    old = ax.get_legend()
    if old is not None:
        old.remove()
    return ax.legend(*entries, ncols=columns, frameon=False, handler_map=KEY_HANDLER, **where)


def _inside(
    ax: Axes, entries: Entries, obstacles: Obstacles, accept: Callable[[Bbox], bool]
) -> bool:
    """The legend at the first clear spot inside the panel, in as few columns as keep it
    within its share of the figure's height: matplotlib's nine spots, then a grid of
    others, top rows first. False when there is none."""
    for columns in range(1, _COLUMNS + 1):
        legend = _make(ax, entries, columns, loc=legend_loc(_SPOTS[0]))
        box = legend.get_window_extent()
        if box.height > SHARE * ax.figure.bbox.height:
            continue
        if box.width > 0.9 * ax.bbox.width or box.height > 0.9 * ax.bbox.height:
            break  # wider columns fit no better
        for spot in _SPOTS:
            legend.set_loc(legend_loc(spot))
            box = legend.get_window_extent()
            if obstacles.clear(box) and accept(box):
                return True
        w, h = box.width / ax.bbox.width, box.height / ax.bbox.height
        legend.set_loc("center")
        for y in np.linspace(1 - h / 2, h / 2, _GRID):
            for x in np.linspace(w / 2, 1 - w / 2, _GRID):
                legend.set_bbox_to_anchor((float(x), float(y)), ax.transAxes)
                box = legend.get_window_extent()
                if obstacles.clear(box) and accept(box):
                    return True
    _clear(ax)
    return False


def _fits(box: Bbox, ax: Axes, width: float) -> bool:
    fig = ax.figure.bbox
    return box.height <= SHARE * fig.height and box.width <= width * fig.width


def _at(ax: Axes, x: float, y: float, dx: float = 0.0, dy: float = 0.0) -> dict[str, Any]:
    """An anchor at (``x``, ``y``) of the panel, moved (``dx``, ``dy``) pixels: it keeps
    its distance from the panel when the layout resizes the panel."""
    dpi = ax.figure.dpi
    shift = ScaledTranslation(dx / dpi, dy / dpi, ax.figure.dpi_scale_trans)
    return {"bbox_to_anchor": (x, y), "bbox_transform": ax.transAxes + shift}


def _outside(ax: Axes, entries: Entries, key: Entries | None, below: bool) -> bool:
    """The legend (and the ``key`` apart, if given) outside the panel: on its right, the
    key under the legend, each within 40% of the figure's width; else (``below``) under
    it in as many columns as its width allows, the key beside the legend or under it.
    False when neither fits."""
    right, down = _edge(ax, "right"), _edge(ax, "bottom")
    for columns in range(1, _COLUMNS + 1):
        legend = _make(ax, entries, columns, loc="upper left", borderaxespad=0.5,
                       **_at(ax, 1.0, 1.0, right))  # fmt: skip
        box = legend.get_window_extent()
        if not _fits(box, ax, SHARE):
            continue
        if key is None:
            return True
        gap = 0.25 * legend.prop.get_size_in_points() * ax.figure.dpi / 72
        placed = _key(ax, key, "upper left", _at(ax, 1.0, 1.0, right, -box.height - gap), SHARE)
        if placed is not None and placed.y0 >= ax.figure.bbox.y0:
            return True
    _clear(ax)
    if not below:
        return False
    for columns in range(_COLUMNS_BELOW, 0, -1):  # under the panel, height is what counts
        legend = _make(ax, entries, columns, loc="upper center", borderaxespad=0.5,
                       **_at(ax, 0.5, 0.0, 0.0, -down))  # fmt: skip
        box = legend.get_window_extent()
        if not _fits(box, ax, 0.98):
            continue
        if key is None:
            return True
        placed = _key(ax, key, "upper left", _at(ax, 0.5, 0.0, 0.0, -down), 0.98)
        if placed is None:
            continue
        apart = legends(ax)[-1]
        gap = 0.02 * ax.figure.bbox.width
        total = box.width + gap + placed.width
        if total <= 0.98 * ax.figure.bbox.width:  # side by side, the pair centred
            legend.set_loc("upper left")
            legend.set_bbox_to_anchor(**_box(_at(ax, 0.5, 0.0, -total / 2, -down)))
            apart.set_bbox_to_anchor(**_box(_at(ax, 0.5, 0.0, box.width + gap - total / 2,
                                                -down)))  # fmt: skip
            return True
        gap = 0.25 * legend.prop.get_size_in_points() * ax.figure.dpi / 72
        if box.height + gap + placed.height <= SHARE * ax.figure.bbox.height:  # key under it
            apart.set_loc("upper center")
            apart.set_bbox_to_anchor(**_box(_at(ax, 0.5, 0.0, 0.0, -down - box.height - gap)))
            return True
        _clear_key(ax)
    _clear(ax)
    return False


def _box(anchor: dict[str, Any]) -> dict[str, Any]:
    return {"bbox": anchor["bbox_to_anchor"], "transform": anchor["bbox_transform"]}


def _key(ax: Axes, key: Entries, loc: str, anchor: dict[str, Any], width: float) -> Bbox | None:
    """The key of numbered notes as a block of its own, in as few columns as fit."""
    _clear_key(ax)
    for columns in range(1, _COLUMNS + 1):
        handlers: Any = KEY_HANDLER
        block = Legend(ax, *key, ncols=columns, frameon=False, handler_map=handlers,
                       loc=legend_loc(loc), borderaxespad=0.5, **anchor)  # fmt: skip
        block.set_gid(KEY)
        ax.add_artist(block)
        block.set_clip_on(False)  # add_artist clips to the panel; a key stands outside it
        box = block.get_window_extent()
        if _fits(box, ax, width):
            return box
        block.remove()
    return None


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
