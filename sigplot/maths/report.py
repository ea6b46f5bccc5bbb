"""The catalogue as text: ``sigplot list``'s table, and ``sigplot info``'s report and its
JSON, with numbers from :mod:`sigplot.maths.properties` (the click commands in cli.py
only print these)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

from sigplot.maths.catalog import CATALOG, Entry, require_function
from sigplot.maths.properties import Extent, Properties, extent, number, properties, range_text

WIDTH = 80  # `sigplot list` and `sigplot info` fit a classic terminal


def _steepest(p: Properties) -> str:
    top = p.slopes.intervals[-1].hi
    if math.isinf(top):
        return "unbounded"
    where, taken = p.slopes.where(top)
    more = ", ..." if len(where) > 2 else ""
    return f"{number(top)} {'at' if taken else 'approached as'} {', '.join(where[:2])}{more}"


def _bounds(p: Properties) -> str:
    lo, hi = p.values.intervals[0].lo, p.values.intervals[-1].hi
    said = []
    for bound, side, word in ((lo, "below", "minimum"), (hi, "above", "maximum")):
        if math.isinf(bound):
            said.append(f"not {side}")
            continue
        where, taken = p.values.where(bound)
        how = f"{word} at {where[0]}" if taken else f"approached as {where[0]}"
        said.append(f"{side} by {number(bound)} ({how})")
    return "; ".join(said)


def _saturation(p: Properties) -> str:
    levels = [f"{number(v)} as z -> {side}" for v, side in zip(p.values.limits, ("-inf", "inf"),
              strict=True) if math.isfinite(v)]  # fmt: skip
    return ", ".join(levels) or "none"


def _extrema(p: Properties) -> str:
    found = [f"{s.kind} {number(s.value)} at z = {number(s.z)}" for s in p.values.stationary]
    return "; ".join(found[:3]) + ("; ..." if len(found) > 3 else "") if found else "none"


_PRIMES = ("f", "f'", "f''")


def _kinks(p: Properties) -> list[str]:
    return [f"z = {number(j.z)}: {_PRIMES[j.order]} from {number(j.left)} to "
            f"{number(j.right)} ({_PRIMES[j.order]}({number(j.z)}) = {number(j.value)})"
            for j in p.jumps]  # fmt: skip


def rows(p: Properties) -> list[tuple[str, str]]:
    """(label, text) for each property, in the order ``sigplot info`` prints them."""
    e = p.entry
    params = _parameters(e)
    return [
        ("f(z)", e.text[0]),
        ("f'(z)", e.text[1]),
        ("parameters", params or "none"),
        ("values", range_text(p.values.intervals)),
        ("f(0), f'(0)", f"{number(p.at_zero[0])}, {number(p.at_zero[1])}"),
        ("monotonic", p.monotonic),
        ("smoothness", p.smoothness),
        ("bounded", _bounds(p)),
        ("extrema", _extrema(p)),
        ("steepest", _steepest(p)),
        ("saturates", _saturation(p)),
        *[("kink", k) for k in _kinks(p) or ["none"]],
        *[(n.framework, n.spelled + (f" (differs: {n.differs})" if n.differs else ""))
          for n in e.frameworks],
    ]  # fmt: skip


def _json_number(x: float) -> float | str | None:
    return None if math.isnan(x) else x if math.isfinite(x) else ("inf" if x > 0 else "-inf")


def as_data(p: Properties) -> dict[str, Any]:
    """The same as :func:`rows`, as numbers: what ``sigplot info --json`` writes."""
    e, j = p.entry, _json_number

    def extent_data(x: Extent) -> dict[str, Any]:
        return {
            "range": [{"lo": j(i.lo), "hi": j(i.hi), "lo_included": i.lo_in,
                       "hi_included": i.hi_in} for i in x.intervals],
            "stationary": [{"kind": s.kind, "z": j(s.z), "value": j(s.value)}
                           for s in x.stationary],
            "plateaus": [{"from": j(a), "to": j(b), "value": j(v)} for a, b, v in x.plateaus],
            "limits": {"-inf": j(x.limits[0]), "inf": j(x.limits[1])},
        }  # fmt: skip

    return {
        "name": e.name,
        "function": e.function,
        "parameters": {q.name: j(v) for q, v in zip(e.params, e.values, strict=True)},
        "formula": e.text[0],
        "derivative": e.text[1],
        "values": range_text(p.values.intervals),
        "f(0)": j(p.at_zero[0]),
        "f'(0)": j(p.at_zero[1]),
        "monotonic": p.monotonic,
        "smoothness": p.smoothness,
        "function_extent": extent_data(p.values),
        "slope_extent": extent_data(p.slopes),
        "steepest": _steepest(p),
        "kinks": [{"z": j(k.z), "order": k.order, "left": j(k.left), "right": j(k.right),
                   "value": j(k.value)} for k in p.jumps],
        "frameworks": [{"framework": n.framework, "name": n.spelled, "differs": n.differs}
                       for n in e.frameworks],
    }  # fmt: skip


def info_lines(text: str) -> list[str]:
    """``sigplot info``: the function's name, then one property a line, wrapped."""
    p = properties(text)
    out = [p.entry.name]
    for label, said in rows(p):
        lead = f"  {label:<12}"
        out += textwrap.wrap(said, WIDTH, initial_indent=lead, subsequent_indent=" " * len(lead),
                             break_on_hyphens=False)  # fmt: skip
    return out


def info_data(text: str) -> dict[str, Any]:
    return as_data(properties(text))


def _parameters(entry: Entry) -> str:
    """name=value for each parameter; softplus' threshold (inf: none) only when given."""
    return ", ".join(f"{q.name}={number(v)}" for q, v in zip(entry.params, entry.values,
                     strict=True) if math.isfinite(v))  # fmt: skip


def _kink_words(entry: Entry) -> str:
    params = _parameters(entry)
    kinks = ", ".join(number(k) for k in entry.kinks)
    said = [s for s in (params, f"kinks at {kinks}" if kinks else "") if s]
    return "; ".join(said)


def listing(names: Sequence[str] = ()) -> list[str]:
    """``sigplot list``: each function (or call) with its orders, values, formulas, and its
    parameters and kinks, in columns that fit 80 characters."""
    entries = [require_function(n) for n in names] or [CATALOG[n] for n in CATALOG]
    width = max(len(e.name) for e in entries) + 2
    if width > 18:  # a long call: its row starts on a line of its own
        width = 18
    values_width = 18
    head = f"{'name':<{width}}{'orders':<8}{'values':<{values_width}}"
    room = WIDTH - len(head) - len("f' = ")
    out = [f"{head}f(z) and f'(z)"]
    for e in entries:
        values = textwrap.wrap(range_text(extent(e, 0).intervals), values_width - 2)
        text = []
        for symbol, formula in zip(("f  = ", "f' = "), e.text, strict=True):
            for i, piece in enumerate(textwrap.wrap(formula, room, break_on_hyphens=False)):
                text.append(f"{symbol if i == 0 else ' ' * len(symbol)}{piece}")
        text += textwrap.wrap(_kink_words(e), WIDTH - len(head))
        name = e.name if len(e.name) < width else ""
        if not name:
            out.append(e.name)
        for i in range(max(len(text), len(values))):
            lead = f"{name:<{width}}{f'0-{e.max_order}':<8}" if i == 0 else " " * (width + 8)
            cell = values[i] if i < len(values) else ""
            out.append(f"{lead}{cell:<{values_width}}{text[i] if i < len(text) else ''}".rstrip())
    return out
