"""``--data``: the sampled values as CSV or JSON, at full round-trip precision.

Floats are written with Python's shortest repr, which reads back to the same double.
CSV spells non-finite values nan / inf / -inf (as numpy and pandas read them); JSON,
which has no such numbers, writes null.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from sigplot.maths.errors import SigplotError
from sigplot.plot.curves import Curves
from sigplot.spec.options import FigureSpec

DATA_FORMATS = ("csv", "json")


def data_format(path: str | os.PathLike[str]) -> str:
    """The data format named by ``path``'s extension, or SigplotError listing the known ones."""
    ext = Path(path).suffix.lstrip(".").lower()
    if ext not in DATA_FORMATS:
        known = ", ".join(f".{f}" for f in DATA_FORMATS)
        raise SigplotError("data", str(path), f"has an unknown extension; use {known}")
    return ext


def to_csv(curves: Curves) -> bytes:
    """A header ``z,<column>,...`` then one row per sample."""
    header = ",".join(_field(name) for name in ["z", *(c.column() for c in curves.lines)])
    columns = [curves.z.tolist(), *(c.values.tolist() for c in curves.lines)]
    rows = (",".join(map(repr, row)) for row in zip(*columns, strict=True))
    return ("\n".join([header, *rows]) + "\n").encode()


def _field(name: str) -> str:
    """A header field, quoted as CSV quotes one that holds a comma (a function at two
    parameters: hardtanh(min_val=-2, max_val=2))."""
    return f'"{name.replace(chr(34), chr(34) * 2)}"' if "," in name or '"' in name else name


def _finite_or_none(values: list[float]) -> list[float | None]:
    return [v if math.isfinite(v) else None for v in values]


def to_json(curves: Curves, spec: FigureSpec) -> bytes:
    """The grid, each curve with its function, order, gain and shift, and the spec."""
    document: dict[str, Any] = {
        "spec": spec.options(),
        "z": _finite_or_none(curves.z.tolist()),
        "curves": [
            {
                "column": c.column(),
                "function": c.function,
                "order": c.order,
                "gain": c.gain,
                "shift": c.shift,
                "values": _finite_or_none(c.values.tolist()),
            }
            for c in curves.lines
        ],
    }
    return (json.dumps(document, allow_nan=False, indent=1) + "\n").encode()


def data_bytes(curves: Curves, spec: FigureSpec, fmt: str) -> bytes:
    """The data file in format ``fmt`` (csv or json)."""
    return to_csv(curves) if fmt == "csv" else to_json(curves, spec)
