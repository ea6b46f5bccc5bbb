"""Derivatives right next to their zeros, where every closed form cancels.

Near a zero z0 of f^(n), a closed form such as silu' = sigma + z sigma' subtracts nearly
equal terms and loses hundreds of ulp. There sigplot sums the Taylor series of f^(n)
about z0 in d = z - z0, with z0 held as two doubles so that d is exact, which keeps a
few ulp right up to the zero. The coefficients live in ``zero_series.json`` beside this
file, written by ``tests/data/make_zero_series.py`` from PyTorch's definitions in mpmath.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from sigplot.maths.logistic import FloatArray

Window = tuple[float, float, float, tuple[float, ...]]  # zero (hi, lo), reach, coefficients


@functools.cache
def _windows() -> dict[tuple[str, int], tuple[Window, ...]]:
    table = json.loads((Path(__file__).parent / "zero_series.json").read_text())
    return {
        (name, int(order)): tuple(
            (w["zero"][0], w["zero"][1], w["reach"], tuple(w["coefficients"])) for w in windows
        )
        for name, orders in table.items()
        for order, windows in orders.items()
    }


def refine(
    name: str, order: int, x: FloatArray, value: FloatArray, x_lo: FloatArray | float = 0.0
) -> FloatArray:
    """``value`` (f^(order) at x + x_lo by its closed form), summed from the series near
    zeros; ``x_lo`` is the low part of a double-double argument (0 for a double)."""
    out = value
    for hi, lo, reach, coefficients in _windows().get((name, order), ()):
        d = ((x - hi) - lo) + x_lo
        near = np.abs(d) <= reach
        if not near.any():
            continue
        dn = d[near]
        total = np.zeros_like(dn)
        for c in reversed(coefficients):
            total = (total + c) * dn
        if out is value:
            out = value.copy()
        out[near] = total
    return out
