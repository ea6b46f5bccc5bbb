"""The grammar of a function at its parameters, ``NAME(KEY=VALUE, ...)``: syntax only.

One parser for every front end (the CLI's ``-f``, TOML, the Sphinx and MyST directive,
MkDocs blocks, Python and ``evaluate``), so a call means the same wherever it is typed.
Which names and keys exist, and which values they take, is the catalogue's business
(:mod:`sigplot.maths.catalog`); this module only splits and reads text. No numpy.

The canonical text of a call, the one a spec holds and fingerprints hash, is the name
with only the parameters that differ from their defaults, in the catalogue's order, each
number in the shortest form that reads back to the same double: ``elu(alpha=0.5)``,
``hardtanh(min_val=-2, max_val=2)``, and plain ``elu`` at the defaults.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sigplot.maths.errors import SigplotError

FIELD = "functions"  # the option every call is checked under
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ARGUMENT = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^=]*?)\s*")


def split_calls(text: str) -> list[str]:
    """A list of calls, as one text: separated by commas or spaces outside parentheses
    (``elu(alpha=0.5), elu(alpha=2)`` is two calls; ``elu (alpha=2)`` is one)."""
    items: list[str] = []
    word: list[str] = []
    depth = 0
    rest = text.strip()
    for i, ch in enumerate(rest):
        if depth == 0 and (ch == "," or ch.isspace()):
            ahead = rest[i:].lstrip()
            if ch.isspace() and ahead.startswith("(") and word:
                continue  # "elu (alpha=2)": the parentheses belong to the name before
            if word:
                items.append("".join(word))
                word = []
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        word.append(ch)
    if word:
        items.append("".join(word))
    return items


def parse_call(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``NAME(KEY=VALUE, ...)`` as its name and its (key, value text) pairs, in order.

    Raises SigplotError (naming the call) for an unclosed or stray parenthesis, or an
    argument that is not KEY=VALUE. Values are read as numbers by :func:`read_number`.
    """
    call = text.strip()
    head, paren, body = call.partition("(")
    name = head.strip()
    if not _NAME.fullmatch(name):
        raise SigplotError(FIELD, call, "is not a function name")
    if not paren:
        return name, []
    if body.count("(") or body.count(")") > 1 or not body.rstrip().endswith(")"):
        if ")" not in body:
            raise SigplotError(FIELD, call, f"has an unclosed parenthesis after {name}")
        raise SigplotError(FIELD, call, f"has text after the parameters of {name}")
    inside = body.rstrip()[:-1]
    pairs: list[tuple[str, str]] = []
    if not inside.strip():
        return name, pairs
    parts = inside.split(",")
    if not parts[-1].strip():  # one trailing comma, as Python allows
        parts.pop()
    for part in parts:
        match = _ARGUMENT.fullmatch(part)
        if not match or not match.group(2):
            raise SigplotError(
                FIELD, call, f"needs KEY=VALUE in its parentheses, such as {name}(alpha=0.5)"
            )
        pairs.append((match.group(1), match.group(2)))
    return name, pairs


def read_number(value: str) -> float:
    """A parameter's value: a float as Python reads it, or a fraction such as 1/3.
    Raises ValueError for anything else (the caller names the call and the key)."""
    top, slash, bottom = value.partition("/")
    x = float(top)
    return x / float(bottom) if slash else x


def number_text(x: float) -> str:
    """``x`` as short as reads back exactly: 2, 0.5, 0.3333333333333333, 1e-05, -3."""
    x += 0.0  # -0.0 reads as 0
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


def call_text(name: str, changed: Sequence[tuple[str, float]]) -> str:
    """The canonical text: ``name`` with the (key, value) pairs that differ from defaults."""
    if not changed:
        return name
    return f"{name}({', '.join(f'{k}={number_text(v)}' for k, v in changed)})"
