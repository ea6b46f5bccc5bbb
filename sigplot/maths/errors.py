"""The one exception sigplot raises for bad input, naming the option and the value."""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Iterator
from typing import Any


def show_value(value: object) -> str:
    """A value as a user would have typed it: lists space-separated, text quoted."""
    if isinstance(value, (list, tuple)):
        return " ".join(show_value(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**16:
        return f"a number of {len(str(abs(value)))} digits"  # not one made of them all
    if isinstance(value, float):  # as short as reads back exactly: 700, not 700.0
        short = f"{value:g}"
        return short if float(short) == value else repr(value)
    return repr(value) if isinstance(value, str) else str(value)


class SigplotError(ValueError):
    """A bad value for a named option; ``str()`` is one line fit for a user."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {self.detail}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its three fields, so one raised in a gallery worker reaches the parent
        as this figure's failure (the default would call __init__ with the message alone,
        fail, and break the whole worker pool)."""
        return (type(self), (self.field, self.value, self.reason))

    @property
    def detail(self) -> str:
        """The value and what is wrong with it, without the option name."""
        return f"{show_value(self.value)} {self.reason}"


def reason(exc: Exception) -> str:
    """One line for why a figure failed: sigplot's own message, else the exception's type
    and message (a drawing that broke inside matplotlib, say)."""
    return str(exc) if isinstance(exc, SigplotError) else f"{type(exc).__name__}: {exc}"


class SigplotWarning(UserWarning):
    """Something the figure could not show as asked; it is drawn anyway."""


_GLYPH = re.compile(r"Glyph (\d+) .*missing from (?:current )?font\(?s?\)? ?(.*?)\.?$")


def _glyph_missing(message: str) -> str | None:
    """matplotlib's "Glyph 20013 (...) missing from font(s) DejaVu Sans." as one line of
    ours naming the character, or None for any other message."""
    found = _GLYPH.match(message)
    if found is None:
        return None
    code = int(found.group(1))
    font = f" {found.group(2)}" if found.group(2) else ""
    return (f"the font{font} has no glyph for {chr(code)!r} (U+{code:04X}); it is drawn as a "
            "box: choose a font that has it with --style (font.family)")  # fmt: skip


@contextlib.contextmanager
def sigplot_warnings() -> Iterator[list[str]]:
    """Collect the messages of SigplotWarnings raised inside (each once, in order), so a
    front end can print them as one line each; every other warning (from matplotlib,
    numpy, pyparsing ...) is left to Python's own filters and display, untouched."""
    messages: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("always", SigplotWarning)
        warnings.filterwarnings("always", "Glyph .* missing from", UserWarning)
        shown = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
            text = _glyph_missing(str(message)) if category is UserWarning else None
            if issubclass(category, SigplotWarning) or text is not None:
                text = text or str(message)
                if text not in messages:
                    messages.append(text)
            else:
                shown(message, category, *args, **kw)

        warnings.showwarning = show
        yield messages
