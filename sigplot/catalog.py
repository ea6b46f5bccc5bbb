"""The names, symbols and formulas of the curves sigplot can draw: data, no numpy.

Kept apart from the numerics so that validating a spec, listing the catalogue or
deciding that a gallery is up to date never imports numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

from sigplot.errors import SigplotError


@dataclass(frozen=True)
class Entry:
    """One function: its name, its mathtext symbol and a formula for each order."""

    name: str
    words: str  # plain-text name, for legends without mathtext and for alt text
    symbol: str  # mathtext symbol, e.g. r"\sigma"
    formulas: tuple[str, ...]  # mathtext right-hand side for orders 0..max_order ("" = none)

    @property
    def max_order(self) -> int:
        return len(self.formulas) - 1


CATALOG: dict[str, Entry] = {
    "sigmoid": Entry(
        name="sigmoid",
        words="sigmoid",
        symbol=r"\sigma",
        formulas=(
            r"1/(1 + e^{-z})",
            r"\sigma(z)\,(1 - \sigma(z))",
            r"\sigma'(z)\,(1 - 2\sigma(z))",
            r"\sigma'(z)\,(1 - 6\sigma'(z))",
        ),
    ),
}

FUNCTION_NAMES = tuple(CATALOG)


def require_function(name: str) -> Entry:
    """Return the catalogue entry for ``name`` or raise SigplotError listing the known ones."""
    try:
        return CATALOG[name]
    except KeyError:
        known = ", ".join(FUNCTION_NAMES)
        raise SigplotError("functions", name, f"is not a known function; known: {known}") from None


def max_order(name: str) -> int:
    """The highest derivative order sigplot computes for ``name``."""
    return require_function(name).max_order
