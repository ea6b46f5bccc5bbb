"""The one exception sigplot raises for bad input, naming the option and the value."""

from __future__ import annotations


def show_value(value: object) -> str:
    """A value as a user would have typed it: lists space-separated, text quoted."""
    if isinstance(value, (list, tuple)):
        return " ".join(show_value(v) for v in value)
    return repr(value) if isinstance(value, str) else str(value)


class SigplotError(ValueError):
    """A bad value for a named option; ``str()`` is one line fit for a user."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {self.detail}")

    @property
    def detail(self) -> str:
        """The value and what is wrong with it, without the option name."""
        return f"{show_value(self.value)} {self.reason}"


class SigplotWarning(UserWarning):
    """Something the figure could not show as asked; it is drawn anyway."""
