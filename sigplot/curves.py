"""Compute step of the pipeline: sample a FigureSpec into the curves to draw."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigplot.functions import FloatArray, evaluate
from sigplot.spec import PRESETS, FigureSpec


@dataclass(frozen=True)
class Curve:
    """One sampled line: which function and order, and its values on the shared grid."""

    function: str
    order: int
    values: FloatArray


@dataclass(frozen=True)
class Curves:
    """The grid z and every curve of a figure, in drawing order."""

    z: FloatArray
    lines: tuple[Curve, ...]


def grid(spec: FigureSpec) -> FloatArray:
    """The sample points: linspace over [MIN, MAX], or the blog's half-open arange."""
    lo, hi = spec.range
    if PRESETS[spec.preset].half_open:
        step = (hi - lo) / (spec.points - 1)
        return lo + step * np.arange(spec.points - 1, dtype=np.float64)
    return np.linspace(lo, hi, spec.points)


def compute(spec: FigureSpec) -> Curves:
    """Evaluate every function at every order of ``spec`` on its grid."""
    z = grid(spec)
    lines = tuple(
        Curve(name, order, evaluate(name, z, order))
        for name in spec.functions
        for order in spec.orders
    )
    return Curves(z, lines)
