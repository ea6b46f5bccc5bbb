"""Alt text: what a figure shows, in one plain sentence generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence

from sigplot.maths.catalog import CATALOG
from sigplot.spec.options import FigureSpec

_ORDINALS = ("", "first", "second", "third", "fourth", "fifth")


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe(spec: FigureSpec) -> str:
    """Alt text for a figure: what it shows in one plain sentence, unless ``spec.alt`` says."""
    if spec.alt:
        return spec.alt
    names = _join([CATALOG[f].noun for f in spec.functions])
    ders = [o for o in spec.orders if o > 0]
    what = names
    if ders:
        kinds = _join([_ORDINALS[o] if o < len(_ORDINALS) else f"order-{o}" for o in ders])
        noun = "derivative" if len(ders) == 1 and len(spec.functions) == 1 else "derivatives"
        their = "its" if len(spec.functions) == 1 else "their"
        what = (
            f"{names} and {their} {kinds} {noun}"
            if 0 in spec.orders
            else (f"the {kinds} {noun} of {names}")
        )
    if spec.gain != (1.0,):
        gains = _join([f"{k:g}" for k in spec.gain])
        what += f" with gain{'s' if len(spec.gain) > 1 else ''} {gains}"
    if spec.shift:
        what += f" shifted by {spec.shift:g}"
    if spec.tangent is not None:
        what += f", with the tangent at z = {spec.tangent:g}"
    if spec.sweep is not None:
        name, first, last = spec.sweep
        what += {
            "gain": f" as the gain K grows from {first:g} to {last:g}",
            "shift": f" as the shift z0 moves from {first:g} to {last:g}",
            "tangent": f", with the tangent moving from z = {first:g} to {last:g}",
        }[name]
    lo, hi = spec.range
    where = f" for z from {lo:g} to {hi:g}"
    if spec.layout == "grid" and len(spec.functions) > 1:
        where += ", one panel per function"
    if spec.annotate:
        where += (
            ", marking the value at 0, the steepest slope, the inflection points and where "
            "the gradient vanishes"
        )
    if spec.check:
        where += ", with finite differences on the derivatives"
    text = f"{what[0].upper()}{what[1:]}{where}"
    if spec.preset == "post":
        return f"The blog post's figure: {text[0].lower()}{text[1:]}"
    return text
