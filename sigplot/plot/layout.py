"""The layout of a drawn figure's panels, in the order each step needs the one before:
ticks chosen for the size drawn, tick labels clear of the curves, notes clear of both,
the legend clear of all three, the axis labels at the ends of their axes. A legend that
goes outside a panel refits the figure, and the steps inside the panels are taken again
in the geometry that is final."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox, ScaledTranslation

from sigplot.plot.axes import (
    ORIGIN,
    Limits,
    clear_labels,
    half_bare,
    holds,
    initial_ticks,
    inside,
    line_at,
    origin_text,
    refit_ticks,
    shared_ticks,
    unlabel_row,
)
from sigplot.plot.curves import Curve
from sigplot.plot.details import bare_on_tints
from sigplot.plot.exits import mark_exits
from sigplot.plot.geometry import (
    GHOST,
    PAD,
    Obstacles,
    beside,
    obstacles_of,
    text_box,
    tick_labels,
    tight_fit,
    titles,
    within,
)
from sigplot.plot.legend import (
    COINCIDE_LABEL,
    DOTS,
    Turns,
    dots_apart,
    dots_in,
    kept_clear,
    legend_size,
    legends,
    place_legend,
    rows,
    warn_if_covering,
)
from sigplot.plot.marks import (
    DOTS_BRIEF,
    DOTS_LABEL,
    dots_key,
    draw_moving_marks,
    has_dots,
    jump_dots,
    keep_in_step,
    thin_checks,
    trim_zones,
)
from sigplot.plot.notes import (
    NUMBER,
    apply,
    assign,
    clear_spots,
    leader_strokes,
    move,
    notes_of,
    numbered_keys,
    place_frame_notes,
)
from sigplot.plot.panel import Content, Panel
from sigplot.plot.swept import Swept
from sigplot.plot.ticks import choose, em, room, set_ticks


def lay_out(fig: Figure, panels: Sequence[Panel]) -> None:
    """Lay out ``panels`` (of one figure, in the default or dark preset) for good."""
    for panel in panels:
        initial_ticks(panel.ax, _kinks(panel), _window(panel))
        _axis_labels(panel)
    _fit_dressed(fig, panels)
    outside = _legends(panels)
    for _ in range(8):  # a legend outside takes room: fit the panels to what is left
        if not outside:
            break
        grew = _fit_dressed(fig, panels)
        # Every legend again, in the geometry now final: one placed inside before the
        # refit keeps its spot as a share of a panel that has since shrunk.
        before = [p.legend for p in panels]
        _legends(panels, again=True)  # more notes numbered: longer keys
        if not grew and [p.legend for p in panels] == before and _on_canvas(fig, panels):
            break
    if len({p.content.cell for p in panels}) > 1:
        _grid_keys_dots(fig, panels)
    for panel in panels:
        _title_on_canvas(fig, panel.ax)
    _notes(panels)
    for panel in panels:
        keep_in_step(panel)
        thin_checks(panel)
        if panel.content.spec.legend not in ("auto", "none", "best"):
            warn_if_covering(panel.ax, panel.content.spec.legend)
        ghosts: list[Artist] = [line for line in panel.ax.lines if line.get_label() == GHOST]
        ghosts += [a for a in panel.ax.artists if isinstance(a, Swept)]
        for line in ghosts:  # the limits and labels hold every frame; the frames go
            line.remove()
        if panel.moving:
            panel.marks += draw_moving_marks(panel)
            place_frame_notes(panel.ax, obstacles_of(panel.ax))
        trim_zones(panel.ax)
        bare_on_tints(panel.ax)


def _row_short_at_edge(panel: Panel, panels: Sequence[Panel]) -> str | None:
    """The edge ("top" or "bottom") within an em of which ``panel`` (alone in its cell)
    has its z axis while it labels fewer than three z values (the origin's "0" counted)
    or none of a half of two ticks or more: the curves hug the line from inside (gelu
    and quick_gelu over -4 to -2: 0 lies 3 px under the panel's top; the peaks of
    -1 + sin 2z, snake(-z)', touch it over -6 and -3), and outside it the fit left no
    room. Else None."""
    ax = panel.ax
    if [p.content.cell for p in panels].count(panel.content.cell) > 1 or not inside(ax, "x"):
        return None
    line = ax.transData.transform((0, 0))[1]
    below, above = line - ax.bbox.y0, ax.bbox.y1 - line
    if min(below, above) >= em(ax, "x"):
        return None  # (first: asked at every fit, and most z axes are far from an edge)
    shown = len(tick_labels(ax, "x")) + (origin_text(ax) is not None)
    ticks = ax.xaxis.get_major_ticks()
    bare = [t.get_loc() for t in ticks if not (t.label1.get_visible() or t.label2.get_visible())]
    if shown >= min(3, room(ax, "x")) and not half_bare([t.get_loc() for t in ticks], bare):
        return None
    return "top" if above < below else "bottom"


def _fit_dressed(fig: Figure, panels: Sequence[Panel]) -> bool:
    """Fit the panels, then dress them (see :func:`_dress_all`, whose verdict it returns);
    again where labels turned to a side the fit left no room on, or a z row printed once
    where the fit left room for two (a panel's ticks pointing across a blank row to it).
    After a legend under a stack took its room too: relu6, sparse_plus and leaky_relu
    over -6 to 1 at the web size printed its upper panel's z row over the lower panel."""
    _fit(fig, panels)
    grew = _dress_all(panels)
    if _labels_meet(panels) or _row_given_way(panels) or _past_canvas(fig, panels):
        _fit(fig, panels)
        grew = _dress_all(panels) or grew
    edged = [(p, side) for p in panels if (side := _row_short_at_edge(p, panels))]
    for panel, side in edged:  # labels outside the panel: the fit makes room for them there
        panel.ax.tick_params(axis="x", labeltop=side == "top", labelbottom=side == "bottom")
    if edged:  # (after a legend beside the panel took its room too: snake(-z)' at 5 x 3.5 in)
        _fit(fig, panels)
        grew = _dress_all(panels) or grew
    return grew


def _past_canvas(fig: Figure, panels: Sequence[Panel]) -> bool:
    """Whether a panel's texts reach past the canvas once dressed: a grid's top cell whose
    curves stay below zero labels z over its line at the panel's top, where the fit
    left room for its title alone, and matplotlib sets the title over the row, half off
    the canvas (gelu's over -10 to -2 beside relu's)."""
    boxes = [p.ax.get_tightbbox() for p in panels]
    return not all(box is None or within(fig.bbox, box) for box in boxes)


def _labels_meet(panels: Sequence[Panel]) -> bool:
    """Whether a panel's tick labels reach into another panel of its stack or meet its
    labels: a stack's lower panel whose zero lies a sliver under its top edge labels its
    z axis above the line where below it the curve runs (squareplus' over quick_gelu'
    for z in -8 to -4), out of the panel, where the fit, made with the labels below,
    left no room."""
    cells = [p.content.cell for p in panels]
    stacked = [p for p in panels if cells.count(p.content.cell) > 1]
    boxes = {p.ax: [text_box(t) for t in tick_labels(p.ax)] for p in stacked}
    return any(
        any(
            box.overlaps(ax.bbox) or any(box.overlaps(o) for o in boxes[ax])
            for box in boxes[mine.ax]
        )
        for mine in stacked
        for ax in (p.ax for p in stacked if p.content.cell == mine.content.cell and p is not mine)
    )


def _title_on_canvas(fig: Figure, ax: Axes) -> None:
    """Move a title that runs past the canvas's side back in, to the layout's pad from the
    edge: the tight layout counts a title's height, not its width, and a title wider than
    its panel (a sweep's cell beside its key of numbered slopes: "tangent at z = -3"
    over a panel 130 px wide) ran 3.5 px past the left edge."""
    if not ax.title.get_text():
        return
    box = ax.title.get_window_extent()
    pad = PAD * mpl.rcParams["font.size"] * fig.dpi / 72
    shift = max(0.0, fig.bbox.x0 + pad - box.x0) - max(0.0, box.x1 - (fig.bbox.x1 - pad))
    if shift:
        ax.title.set_x(ax.title.get_position()[0] + shift / ax.bbox.width)


def _on_canvas(fig: Figure, panels: Sequence[Panel]) -> bool:
    """Whether every legend and key lies on the canvas: one placed again after the last
    fit may have grown past it (gelu(z - 1.5) annotated at 5 x 3.5 in, 12 pt: its legend
    under the panel, with a longer key, ran 2.7 px past the foot)."""
    return all(within(fig.bbox, legend.get_window_extent())
               for p in panels for legend in legends(p.ax))  # fmt: skip


def _fit(fig: Figure, panels: Sequence[Panel]) -> None:
    """Tight layout, then ticks for the size drawn; again if they changed (their labels at
    the panel's edges take room). Ticks that flip between two sets as the fit changes
    keep the last set, fitted once more: labels the fit did not count would stick out of
    the panel, over the next cell's of a grid or past the canvas."""
    preset = panels[0].content.preset
    for _ in range(3):
        tight_fit(fig, preset)
        if not any([refit_ticks(panel.ax, _kinks(panel), _window(panel)) for panel in panels]):
            return
    tight_fit(fig, preset)


def _kinks(panel: Panel) -> list[float]:
    """The z of the kinks of ``panel``'s curves, once each."""
    return sorted({k.z for curve in panel.content.curves.lines for k in curve.kinks})


def _window(panel: Panel) -> Limits | None:
    """The value axis's window and its curves' reaches, from which the layout may widen
    it, and the sides it may widen on; None for a sweep's cells and frames, which keep
    the limits they share, and where widening gave no label past zero. A panel of a
    stack widens on its outer side only (the dark gallery's sigma panel: its -0.25 stood
    between its 0 and the tanh panel's 1, one column of three values of two axes)."""
    content = panel.content
    sides = (content.xlabel, content.ylabel)  # the stack's last panel, its first
    usable = content.reaches and panel.reaching and any(sides)
    return (content.window, content.reaches, sides) if usable else None


def _reached(panel: Panel) -> list[float]:
    """The ends of ``panel``'s value axis it reached past its window, to a tick."""
    if _window(panel) is None:
        return []
    window = panel.content.window
    return [end for end, was in zip(panel.ax.get_ylim(), window, strict=True) if end != was]


def _unread_reach(panel: Panel) -> bool:
    """Whether ``panel``'s value axis reaches past its window with no label shown where it
    reaches (the labels took a tick set without a tick there: quick_gelu in a cell of the
    catalogue, 2, 4, 6 on an axis down to -1, where 1 to 6 stood without it), or to no
    tick (smooth-relatives-slopes with its legend under the panel: down to -0.3 from
    steps of 0.3, its ticks then stepping by 0.25, the line ran 12 px past -0.25)."""
    shown = [label.get_position()[1] for label in tick_labels(panel.ax, "y")]
    ticks = [float(y) for y in panel.ax.get_yticks()]
    return any(  # a reached end lies past zero: below it, or above
        not any(loc * end > 0 for loc in shown) or not holds(ticks, [end], panel.ax.get_ylim())
        for end in _reached(panel)
    )


def _dress_all(panels: Sequence[Panel]) -> bool:
    """Each panel's tick labels (a stack's panels share their z ticks, a sweep's cells
    their value ticks: the sets their worst-labelled panel reads best with; two z rows
    facing each other across the gap between two panels printed once), and where its
    notes may go; a note with no clear spot is numbered after those of the panels above
    in its stack, and stays numbered in later layouts. True when more notes are numbered
    than before."""
    grew = _dress(panels)
    _one_row(panels)
    return grew


def _one_row(panels: Sequence[Panel]) -> None:
    """Where a stack's panel labels z under its line at its foot and the panel below it
    over its line at its top (sparse_plus over celu for z in -10 to 0), the two rows
    printed the same numbers twice, one above the other: the row with fewer labels (the
    lower one of two alike) goes, its ticks pointing to the other."""
    for upper, lower in itertools.pairwise(panels):
        if upper.content.cell != lower.content.cell:
            continue
        rows = [[text_box(t) for t in tick_labels(p.ax, "x")] for p in (upper, lower)]
        if not all(rows):
            continue
        if all(b.y1 <= upper.ax.bbox.y0 + 1 for b in rows[0]) and all(
            b.y0 >= lower.ax.bbox.y1 - 1 for b in rows[1]
        ):
            counts = [len(row) + (origin_text(p.ax) is not None)
                      for row, p in zip(rows, (upper, lower), strict=True)]  # fmt: skip
            unlabel_row((upper if counts[0] < counts[1] else lower).ax)


def _one_z(panels: Sequence[Panel]) -> bool:
    """Whether ``panels`` are a grid's cells showing one z range on panels of one width,
    which share one z tick set: relu's cell read -10, -9, ..., -3 beside cells reading
    -10, -8, ..., -2 (a reader review: "gelu's x ticks step by 2, the other panels by
    1")."""
    if len({p.content.cell for p in panels}) < 2:
        return False
    first = panels[0].ax
    return all(p.ax.get_xlim() == first.get_xlim()
               and abs(p.ax.bbox.width - first.bbox.width) <= 1 for p in panels)  # fmt: skip


def _row_given_way(panels: Sequence[Panel]) -> bool:
    """Whether a panel of a stack shows no z label (its row printed by the next panel's,
    or left out)."""
    cells = [p.content.cell for p in panels]
    return any(cells.count(p.content.cell) > 1 and not tick_labels(p.ax, "x") for p in panels)


def _dress(panels: Sequence[Panel], one_z: list[float] | None = None) -> bool:
    """:func:`_dress_all` but for the rows printed once. ``one_z``: the z ticks a grid's
    cells share, chosen when the grid was dressed (:func:`_one_z`)."""
    grew = False
    numbered: dict[int, int] = {}
    found = []
    stacks: dict[int, list[tuple[Axes, Obstacles, None]]] = {}
    for panel in panels:
        mark_exits(panel)  # for the limits and size now: texts keep off them
        obstacles = Obstacles.of(panel.ax)
        obstacles.boxes += [text_box(t) for t in titles(panel.ax)]
        # The notes an earlier layout placed keep their spots: the tick labels, placed
        # again in the refitted panel, keep off them rather than number them.
        for note, pick in zip(notes_of(panel.ax), panel.picks, strict=False):
            if pick is not None:
                move(note, pick.where)
                box = text_box(note)
                obstacles.boxes += [box, *beside(panel.ax, [box])]
        panel.dodged = _wheres(panel.picks)
        found.append(obstacles)
        stacks.setdefault(panel.content.cell, []).append((panel.ax, obstacles, None))
    z_ticks = {cell: shared_ticks("x", stack) for cell, stack in stacks.items() if len(stack) > 1}
    if one_z is None and _one_z(panels):  # a grid's cells: one z tick set for all
        one_z = shared_ticks("x", [member for stack in stacks.values() for member in stack])
    if one_z is not None:
        z_ticks = dict.fromkeys(stacks, one_z)
    sweep = [(p.ax, o, z_ticks.get(p.content.cell))
             for p, o in zip(panels, found, strict=True) if p.content.shared]  # fmt: skip
    values = shared_ticks("y", sweep) if sweep else None
    for panel, obstacles in zip(panels, found, strict=True):
        ax = panel.ax
        panel.first = 1 + numbered.get(panel.content.cell, 0)
        mine = values if panel.content.shared else None
        clear_labels(ax, obstacles, panel.background, z_ticks.get(panel.content.cell), mine,
                     _reached(panel))  # fmt: skip
        if not panel.moving:
            panel.spots = clear_spots(ax, obstacles_of(ax), panel.numbered)
            picks = assign(panel.spots, [])
            lost = {i for i, pick in enumerate(picks) if pick is None}
            grew |= not lost <= panel.numbered
            panel.numbered |= lost
            panel.picks = [None if i in panel.numbered else p for i, p in enumerate(picks)]
            panel.keys = numbered_keys(ax, panel.picks, panel.background, panel.first)
        numbered[panel.content.cell] = panel.first - 1 + len(panel.keys)
    undone = [panel for panel in panels if _unread_reach(panel)]
    for panel in undone:  # its window again, and the ticks chosen for it
        panel.reaching = False
        panel.ax.set_ylim(panel.content.window)
        set_ticks(panel.ax, "y", choose(panel.ax, "y")[0])
    if not undone:
        return grew
    # Dressed again: the panels undone and those whose ticks they share (the panels of
    # their stacks, a sweep's cells); the others keep their labels (the catalogue's
    # logsigmoid alone, not its 21 panels: 1.6 s of its 5).
    cells = {panel.content.cell for panel in undone}
    in_sweep = any(panel.content.shared for panel in undone)
    again = [p for p in panels if p.content.cell in cells or (in_sweep and p.content.shared)]
    return _dress(again, one_z) or grew


def _wheres(picks: Sequence[Any]) -> list[Any]:
    """Where each note of ``picks`` stands (None: numbered)."""
    return [None if pick is None else pick.where for pick in picks]


def _notes(panels: Sequence[Panel]) -> None:
    """Each note at the spot left to it beside the legend, or its number; tick labels then
    keep off the numbers (they sit on the curves) and the notes' leaders (a stack's panels
    keep the z ticks they share), and are placed again, on their ticks, where a note took
    another spot than the one they kept off."""
    cells = [panel.content.cell for panel in panels]
    one_z = _one_z(panels)  # a grid's cells keep the z ticks they share, as a stack's do
    for panel in panels:
        if panel.moving or not panel.spots:
            continue
        ax = panel.ax
        taken = [legend.get_window_extent() for legend in legends(ax)]
        picks = assign(panel.spots, [kept_clear(legend) for legend in legends(ax)])
        panel.picks = [None if i in panel.numbered else p for i, p in enumerate(picks)]
        numbered = any(pick is None for pick in panel.picks)
        # A note off the spot the tick labels last kept off frees that spot: they are
        # placed again (gelu_tanh's slope note on three lines, then on two higher up at 5 x
        # 3.5 in, left the z tick at 5 bare between -5 and 10).
        moved = _wheres(panel.picks) != panel.dodged
        # The curves' strokes, read once: the numbers' leaders keep off them, the labels
        # too (numbers are texts, not lines: the strokes are the same after them)
        obstacles = Obstacles.of(ax) if numbered or moved else None
        stack = [p.ax for p in panels if p.content.cell == panel.content.cell and p is not panel]
        near = [text_box(t) for a in stack for t in [*tick_labels(a), *a.texts]
                if t.get_visible() and t.get_text()] + [a.bbox.frozen() for a in stack]  # fmt: skip
        apply(ax, panel.picks, panel.background, panel.first, obstacles, near, jump_dots(ax))
        if obstacles is not None:
            obstacles.strokes = [*obstacles.strokes, *leader_strokes(ax)]
            shown = [t for t in ax.texts
                     if t.get_visible() and t.get_text() and t.get_gid() != ORIGIN]  # fmt: skip
            notes = [text_box(t) for t in shown]
            obstacles.boxes += [text_box(t) for t in titles(ax)] + taken + notes
            # the labels keep off the lines of words (a number's circle is a mark)
            told = [box for t, box in zip(shown, notes, strict=True) if t.get_gid() != NUMBER]
            obstacles.boxes += beside(ax, [row for b in legends(ax) for row in rows(b)] + told)
            # A note moved, none numbered: the ticks stay, their labels are placed again.
            fixed = not numbered
            stacked = cells.count(panel.content.cell) > 1 or one_z
            z_ticks = [float(x) for x in ax.get_xticks()] if stacked or fixed else None
            same_values = panel.content.shared or fixed
            values = [float(y) for y in ax.get_yticks()] if same_values else None
            clear_labels(ax, obstacles, panel.background, z_ticks, values, _reached(panel))


def _legends(panels: Sequence[Panel], again: bool = False) -> bool:
    """Each panel's legend, clear of all in it and leaving its notes their spots; for a
    stack whose panels' legends do not all fit, one legend for the stack beside or under
    its last panel. True when any legend is outside its panel (the layout must make
    room). ``again``: a legend that went outside stays there (the layout made it room)."""
    outside = False
    stacks: dict[int, list[Panel]] = {}
    for panel in panels:
        stacks.setdefault(panel.content.cell, []).append(panel)
    grid = len(stacks) > 1
    one = grid and sum(p.content.legend for p in panels) == 1  # a sweep's cells' legend
    for stack in stacks.values():
        joint = again and any(p.legend == "joint" for p in stack)
        places = [] if joint else _stacked(stack, again, grid, one)
        if joint or "nowhere" in places:
            for panel in stack:
                _legend(panel, [], False, again, False, grid)  # none
            places = [_legend(stack[-1], stack, True, again, True, grid)]
            stack[-1].legend = "joint"
        outside |= "outside" in places
    if grid and outside and not one:
        # The legends of a grid's cells keep one size: a cell's legend shrunk to stay
        # inside, beside cells whose legends stand outside at their own size, goes
        # outside too (relu's at 0.7 in its panel beside threshold's and sparse_sigmoid's
        # under theirs, a reader review).
        size = legend_size()
        for stack in stacks.values():
            legend = stack[0].ax.get_legend()
            if len(stack) == 1 and stack[0].legend == "inside" and legend is not None \
                    and legend.prop.get_size_in_points() < size:  # fmt: skip
                stack[0].legend = "outside"  # tried outside only
                _legend(stack[0], stack, True, True, True, grid)
    return outside


def _stacked(stack: Sequence[Panel], again: bool, grid: bool, one: bool) -> list[str]:
    """The legends of a cell's panels, each inside its own (a panel alone's may go
    outside), from the top. The jump dots' key goes in the first legend that holds it
    and no other: hardshrink's and exponential's gains said it in all three panels, and
    hardshrink, gelu_tanh and sigmoid's top legend dropped it to stay clear of the
    curves, its dots unexplained while the lower legend had room."""
    alone = len(stack) == 1  # a stack's panels take their legends inside, or share one
    places: list[str] = []
    keyed = False  # a legend above holds the dots' key
    for k, panel in enumerate(stack):
        owed = not keyed and any(_keys_dots(p) for p in stack[: k + 1])
        places.append(_legend(panel, [panel], alone, again, alone, grid, one, stack[:k], owed))
        keyed |= _says_dots(panel)
    return places


def _says_dots(panel: Panel) -> bool:
    """Whether a legend of ``panel``, or its jump dots' key apart, says how to read them."""
    return any(t.get_text().replace("\n", " ") in (DOTS_LABEL, DOTS_BRIEF)
               for legend in legends(panel.ax) for t in legend.get_texts())  # fmt: skip


def _keys_dots(panel: Panel) -> bool:
    """Whether ``panel``'s legend owes a key to jump dots: its curves are named there and
    it shows dots."""
    return panel.content.legend and has_dots(panel.ax)


def _legend(
    panel: Panel,
    of: Sequence[Panel],
    refuse: bool,
    again: bool,
    outside: bool,
    grid: bool,
    one: bool = False,
    above: Sequence[Panel] = (),
    dots: bool | None = None,
) -> str:
    """``panel``'s legend with the entries and keys of the panels ``of``; in a ``grid``
    it shrinks to stay inside its panel before it goes outside; ``one``, the grid's one
    legend, goes under the grid rather than shrink far (legend.place_legend's foot). A
    zone the legends of the panels ``above`` it in its stack name already is not named
    again (relu6's tint under its slope, named over relu6). ``dots``: whether it carries
    the jump dots' key (by default where the panels ``of`` show dots)."""
    ax, content = panel.ax, panel.content
    spec = content.spec
    loc = content.preset.legend if spec.legend == "auto" else spec.legend
    handles: list[Any] = []
    labels: list[str] = []
    for other in of:
        if other.content.legend:
            h, t = other.ax.get_legend_handles_labels()
            handles, labels = handles + h, labels + t
    named = {t for p in above if p.content.legend for t in p.ax.get_legend_handles_labels()[1]}
    if named:
        kept = [k for k, t in enumerate(labels) if t not in named]
        handles, labels = [handles[k] for k in kept], [labels[k] for k in kept]
    if len(of) > 1:  # a stack's one legend: its curves in the figure's order, then the rest
        rank = {}
        for other in of:
            for line, curve in zip(other.lines, other.content.curves.lines, strict=True):
                rank[id(line)] = (0, *_place(other.content, curve))
        order = sorted(range(len(handles)), key=lambda k: rank.get(id(handles[k]), (1,)))
        # A zone two panels tint is named once (the zones of a panel but the first's had
        # gone unnamed: exponential(z)'s tint under hardshrink's and exponential's gains).
        first = {labels[k]: k for k in reversed(order)}
        order = [k for k in order if first[labels[k]] == k]
        handles, labels = [handles[k] for k in order], [labels[k] for k in order]
    short = {k: v for other in of for k, v in other.short.items()}
    if dots is None:
        dots = any(_keys_dots(other) for other in of)
    if dots and panel.content.legend:
        # the key to the jump dots, an aid the legend drops first where room is short
        handles.append(dots_key())
        labels.append(DOTS_LABEL)
        short[handles[-1]] = DOTS_BRIEF
    turning = [other for other in of if other.content.legend and other.turns]
    if turning and spec.sweep is None:  # a sweep's frames keep one legend
        # A stack's one legend: the colours of every panel's turns, each once (the gains
        # of hardshrink and exponential at 6 x 6 in showed the top panel's blue and
        # orange for the bottom panel's orange and purple stripe); where several panels
        # have turns, the plain word (the names said which curves of one panel)
        colours = tuple(dict.fromkeys(colour for other in turning for colour in other.turns))
        handles.append(Turns(colours, panel.lines[0].get_linewidth()))
        curves = [line for other in of if other.content.legend for line in other.lines]
        single = turning[0] if len(turning) == 1 else None
        labels.append(_coinciding(single, curves) if single else COINCIDE_LABEL)
        short[handles[-1]] = _coinciding(single, curves, named=False) if single else COINCIDE_LABEL
    keys = [key for other in of for key in other.keys]
    obstacles = obstacles_of(ax)
    where = place_legend(ax, loc, (handles, labels), keys, obstacles, below=content.xlabel,
                         short=short, refuse=refuse, accept=_keeps_notes(panel),
                         still=_keeps_notes(panel, still=True),
                         inside=not (again and panel.legend == "outside"),
                         outside=outside, shrink=grid, foot=one and content.legend)  # fmt: skip
    if panel.legend != "joint" or not again:
        panel.legend = where
    return where


def _keeps_notes(panel: Panel, still: bool = False) -> Callable[[Bbox], bool]:
    """Whether a legend at a box leaves every note of ``panel`` a spot; ``still``: every
    note the spot it has beside the legends placed (the jump dots' key apart, an aid,
    moved sigmoid's, hardshrink's and threshold's notes about, a reader review)."""
    base = [pick is None for pick in panel.picks]

    def keeps(box: Bbox) -> bool:
        return [pick is None for pick in assign(panel.spots, [box])] == base

    now: dict[tuple[tuple[float, ...], ...], list[Any]] = {}  # the notes' spots, by legends

    def stays(box: Bbox) -> bool:
        placed = [kept_clear(a) for a in legends(panel.ax) if a.get_gid() != DOTS]
        held = tuple(tuple(b.bounds) for b in placed)
        if held not in now:  # each spot tried asks with the same legends placed
            now[held] = assign(panel.spots, placed)
        return assign(panel.spots, [*placed, box]) == now[held]

    return stays if still else keeps


def _grid_keys_dots(fig: Figure, panels: Sequence[Panel]) -> None:
    """A grid's key to its jump dots, once, in the geometry that is final: its cells'
    legends keep their room and one size without it, and threshold's and sparse_plus's
    dots went unexplained. In the empty cells past the last where the grid has them
    (legend.dots_in), else apart in the first cell with dots that has a clear spot for
    it (legend.dots_apart)."""
    owed = [p for p in panels if _keys_dots(p)]
    if not owed or any(_says_dots(p) for p in panels):
        return
    words = [DOTS_LABEL, DOTS_BRIEF]
    empty = _empty_cells(fig, panels)
    if empty is not None and dots_in(panels[-1].ax, dots_key(), words, empty, _scale(owed[0])):
        return
    for panel in owed:
        still = _keeps_notes(panel, still=True)
        obstacles = obstacles_of(panel.ax)
        if dots_apart(panel.ax, dots_key(), words, obstacles, still, _scale(panel)):
            return


def _scale(panel: Panel) -> float:
    """The size of ``panel``'s legend (a grid's may shrink), as a share of the legends'."""
    legend = panel.ax.get_legend()
    return legend.prop.get_size_in_points() / legend_size() if legend else 1.0


def _empty_cells(fig: Figure, panels: Sequence[Panel]) -> Bbox | None:
    """The room of a grid's empty cells past its last, in its last row (a share of the
    figure), or None where every cell holds a panel."""
    where = panels[0].ax.get_subplotspec()
    if where is None:
        return None
    grid = where.get_topmost_subplotspec().get_gridspec()
    rows, columns = grid.get_geometry()
    empty = rows * columns - len({p.content.cell for p in panels})
    if empty <= 0:
        return None
    return grid[rows - 1, columns - empty :].get_position(fig)


def _coinciding(panel: Panel, curves: Sequence[Line2D], named: bool = True) -> str:
    """The words of the entry for ``panel``'s coinciding curves, in a legend of ``curves``:
    "coinciding", the colours in turn telling which, unless one colour stands for more
    than one of them (one function's orders: exponential's beside sigmoid, drawn as one
    plain line, the curves it meant unsaid). Then the words say which: "both coinciding"
    or "all coinciding" for every curve of the legend in one colour, else, when
    ``named``, those of one colour by name after "coinciding:" (exponential(z) and its
    slope beside tanh, whose slope's colour the line shows). Every curve of the legend
    in turns in several colours (sigma and tanh with their slopes) is "coinciding"; so
    are the legend's brief words, where room is short (at the web size the names took
    the legend under the panel and a third of the figure)."""
    together = panel.together
    colours = [line.get_color() for line in together]
    if len(together) == len(set(colours)):
        return COINCIDE_LABEL
    if set(together) == set(curves):
        if len(panel.turns) > 1:
            return COINCIDE_LABEL
        return f"{'both' if len(curves) == 2 else 'all'} {COINCIDE_LABEL}"
    same = [line for line, colour in zip(together, colours, strict=True)
            if colours.count(colour) > 1]  # fmt: skip
    # Curves of one colour named alone say they coincide with each other: where they do
    # not (hardtanh and hardtanh' each meet hardswish', apart), every curve is named.
    mates = {line for a, b in panel.pairs if a.get_color() == b.get_color() for line in (a, b)}
    lines = same if all(line in mates for line in same) else together
    names = [panel.short.get(line, str(line.get_label())) for line in lines]
    return f"{COINCIDE_LABEL}:\n{', '.join(names)}" if named else COINCIDE_LABEL


def _place(content: Content, curve: Curve) -> tuple[int, int, int]:
    """Where ``curve`` stands in its figure's order: function, gain, order. A stack's
    joint legend listed each panel's entries in turn, curves and zones mixed, and under
    hardshrink's and exponential's gains 1 and 2 a reader met exponential(2z) before
    exponential(z), a zone between them."""
    spec = content.spec
    return spec.functions.index(curve.function), spec.gain.index(curve.gain), curve.order


def _axis_labels(panel: Panel) -> None:
    """The z label just past the right end of the z axis, the value label just above the
    top of the value axis: at the ends of the lines they name, outside the panel, where no
    curve goes. A title moves up to leave the value label its room."""
    ax, spec, content = panel.ax, panel.spec, panel.content
    pad = mpl.rcParams["xtick.major.pad"] / 72
    if spec.xlabel and content.xlabel:
        ylo, yhi = ax.get_ylim()
        at = line_at(ylo, yhi)
        shift = ScaledTranslation(pad, 0, ax.figure.dpi_scale_trans)
        ax.set_xlabel(spec.xlabel, ha="left", va="center")
        ax.xaxis.set_label_coords(1.0, at, transform=ax.get_yaxis_transform() + shift)
    if spec.ylabel and content.ylabel:
        xlo, xhi = ax.get_xlim()
        at = line_at(xlo, xhi)
        shift = ScaledTranslation(0, pad, ax.figure.dpi_scale_trans)
        ax.set_ylabel(spec.ylabel, rotation=0, ha="center", va="bottom")
        ax.yaxis.set_label_coords(at, 1.0, transform=ax.get_xaxis_transform() + shift)
        if ax.get_title():
            size = float(ax.yaxis.label.get_fontsize())
            ax.set_title(ax.get_title(), pad=mpl.rcParams["axes.titlepad"] + 1.4 * size)
