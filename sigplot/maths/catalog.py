"""The curves sigplot can draw, as data: names, formulas, kinks, parameters and what
each framework calls them; and the lookup that binds a call such as ``elu(alpha=0.5)``.

Kept apart from the numerics so that validating a spec, listing the catalogue or
deciding that a gallery is up to date never imports numpy; each entry's numerics are its
kernel in :data:`sigplot.maths.functions.KERNELS`. The entries themselves are in
:mod:`sigplot.maths.entries`. Definitions and default parameters follow PyTorch's
``torch.nn`` (JAX's and Keras' for functions PyTorch lacks). At a kink, every derivative
takes the value autograd gives there: PyTorch's backward kernels and their own backward
(relu'(0) = 0, selu'(0) = lambda alpha, hardswish'(3) = 3/2, softsign''(0) = 0), JAX's
for sparse_plus and sparse_sigmoid (sparse_sigmoid'(+-1) = 1/4: clip's max and min each
take half at a tie); second derivatives of piecewise-linear functions are 0 (their Dirac
deltas are not drawn).

``CATALOG[text]`` takes a plain name or a call: ``CATALOG["elu(alpha=0.5)"]`` is elu's
entry bound to alpha = 0.5 (its kinks moved, its formulas and names saying the value),
named by the call's canonical text; iterating it gives the plain names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from sigplot.maths.calls import FIELD, call_text, number_text, parse_call, read_number
from sigplot.maths.errors import SigplotError


@dataclass(frozen=True)
class Param:
    """One parameter: PyTorch's keyword, its default and the values it may take."""

    name: str
    default: float
    symbol: str = ""  # mathtext for legends; \mathrm{name} when empty
    domain: str = "real"  # "real", "positive", "nonnegative" or "nonzero" (always finite)

    @property
    def tex(self) -> str:
        return self.symbol or rf"\mathrm{{{self.name.replace('_', chr(92) + '_')}}}"


_DOMAINS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "real": ("a finite", lambda x: True),
    "positive": ("a positive", lambda x: x > 0),
    "nonnegative": ("a non-negative", lambda x: x >= 0),
    "nonzero": ("a non-zero", lambda x: x != 0),
}


@dataclass(frozen=True)
class Name:
    """How one framework names a function, and how its version differs from sigplot's
    at the defaults ("" when it is the same function)."""

    framework: str  # "PyTorch", "JAX", "Keras", or where else it lives
    spelled: str
    differs: str = ""


Kinks = tuple[float, ...] | Callable[[Mapping[str, float]], tuple[float, ...]]


@dataclass(frozen=True)
class Entry:
    """One function, bound to parameter values (the defaults, unless a call gave others)."""

    name: str  # the canonical text: "elu", "elu(alpha=0.5)"
    words: str  # plain-text name, for legends without mathtext
    noun: str  # how alt text names it: "the sigmoid", "elu with alpha 0.5"
    symbol: str  # mathtext symbol, e.g. r"\sigma"
    formulas: tuple[str, ...]  # mathtext right-hand side for orders 0..max_order
    text: tuple[str, str]  # plain formula of the function and of its derivative
    unbounded: bool = False  # order 0 grows without bound (|f| -> inf as |z| -> inf)
    kinks: tuple[float, ...] = ()  # where the function or a derivative drawn jumps
    params: tuple[Param, ...] = ()
    values: tuple[float, ...] = ()  # this entry's parameter values, in the params' order
    frameworks: tuple[Name, ...] = ()
    function: str = ""  # the catalogue name ("elu" for "elu(alpha=0.5)")
    kernel: str = ""  # the kernel's name, when another function's (hard_silu: hardswish)

    @property
    def max_order(self) -> int:
        return len(self.formulas) - 1

    @property
    def arguments(self) -> dict[str, float]:
        """Every parameter's value, defaults included: what the kernel is called with."""
        return {p.name: v for p, v in zip(self.params, self.values, strict=True)}

    @property
    def changed(self) -> tuple[tuple[Param, float], ...]:
        """The parameters whose values differ from their defaults, in declared order."""
        return tuple((p, v) for p, v in zip(self.params, self.values, strict=True)
                     if v != p.default)  # fmt: skip

    @property
    def tex_values(self) -> str:
        """The changed values as mathtext for a legend, ``\\alpha=0.5``, or ''."""
        return r",\ ".join(f"{p.tex}={number_text(v)}" for p, v in self.changed)


@dataclass(frozen=True)
class Template:
    """An entry as written in :mod:`sigplot.maths.entries`: its defaults' formulas, and
    for a parametrised function, formulas with ``{key}`` standing for a value (``{key*}``
    a factor: empty for 1; ``{/key}`` a divisor: empty for 1) and kinks as a function of
    the values."""

    entry: Entry
    general: tuple[str, ...] = ()  # mathtext by order, for values other than the defaults
    general_text: tuple[str, str] = ("", "")
    kinks: Kinks = ()
    ordered: tuple[tuple[str, str, str], ...] = ()  # ("min_val", "<", "max_val")


def fill(template: str, values: Mapping[str, float]) -> str:
    """``template`` with each ``{key}``, ``{key*}`` and ``{/key}`` replaced by its value."""

    def one(match: re.Match[str]) -> str:
        head, key, tail = match.groups()
        if key not in values:
            return match.group(0)
        x = values[key]
        text = number_text(x)
        if head == "/":
            return "" if x == 1 else f"/{text}"
        if tail == "*":
            return "" if x == 1 else "-" if x == -1 else text
        return text

    return re.sub(r"\{(/?)([a-z_]+)(\*?)\}", one, template)


def _bind(template: Template, values: tuple[float, ...]) -> Entry:
    """The entry at ``values``: its name, words, formulas and kinks say them."""
    base = template.entry
    bound = replace(base, values=values)
    if not bound.changed:
        return bound
    given = dict(zip((p.name for p in base.params), values, strict=True))
    changed = [(p.name, v) for p, v in bound.changed]
    kinks = template.kinks(given) if callable(template.kinks) else template.kinks
    said = ", ".join(f"{k}={number_text(v)}" for k, v in changed)
    return replace(
        bound,
        name=call_text(base.name, changed),
        words=f"{base.words} ({said})",
        noun=f"{base.noun} with " + " and ".join(f"{k} {number_text(v)}" for k, v in changed),
        formulas=tuple(fill(t, given) for t in template.general),
        text=(fill(template.general_text[0], given), fill(template.general_text[1], given)),
        kinks=tuple(sorted(set(kinks))),
    )


def _nearest(word: str, known: tuple[str, ...]) -> str:
    import difflib  # only on the error path

    near = difflib.get_close_matches(word, known, n=1)
    return f"; did you mean {near[0]!r}?" if near else ""


def _check(template: Template, call: str, given: dict[str, float], typed: set[str]) -> None:
    """Each typed value in its parameter's domain (finite, and positive ... as declared),
    and the declared order between two parameters (hardtanh's min_val < max_val)."""
    entry = template.entry
    for p in entry.params:
        if p.name not in typed:
            continue  # a default, such as softplus' threshold = inf (no shortcut)
        x = given[p.name]
        what, ok = _DOMAINS[p.domain]
        if not (math.isfinite(x) and ok(x)):
            raise SigplotError(FIELD, call, f"sets {p.name} = {number_text(x)}; "
                               f"{entry.name} needs {what} {p.name}")  # fmt: skip
    for low, rel, high in template.ordered:
        a, b = given[low], given[high]
        if not (a < b if rel == "<" else a <= b):
            raise SigplotError(
                FIELD, call, f"sets {low} = {number_text(a)}, {high} = {number_text(b)}; "
                f"{entry.name} needs {low} {rel} {high}",
            )  # fmt: skip


class Catalogue(Mapping[str, Entry]):
    """The entries by name; a lookup also takes a call and binds its values (cached)."""

    def __init__(self, templates: tuple[Template, ...], refused: Mapping[str, str]) -> None:
        self._templates = {t.entry.name: t for t in templates}
        self._refused = refused
        self._bound: dict[str, Entry] = {}  # call text -> its entry, as first resolved

    def __iter__(self) -> Iterator[str]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def __getitem__(self, text: str) -> Entry:
        if not isinstance(text, str) or (text not in self._templates and "(" not in text):
            raise KeyError(text)
        try:
            return self.resolve(text)
        except SigplotError as err:
            raise KeyError(text) from err

    def resolve(self, text: str) -> Entry:
        """The entry for a name or a call, or SigplotError naming what is wrong with it."""
        if text not in self._bound:
            if len(self._bound) > 4096:  # a process that draws many values: bounded memory
                self._bound.clear()
            self._bound[text] = self._resolve(text)
        return self._bound[text]

    def _resolve(self, text: str) -> Entry:
        name, pairs = parse_call(text)
        if name not in self._templates:
            raise self._unknown(name)
        template = self._templates[name]
        entry = template.entry
        keys = tuple(p.name for p in entry.params)
        given = {p.name: p.default for p in entry.params}
        seen: set[str] = set()
        for key, raw in pairs:
            if not keys:
                raise SigplotError(FIELD, text, f"gives {name} a parameter; {name} takes none")
            if key not in keys:
                hint = _nearest(key, keys) or f"; {name} takes {', '.join(keys)}"
                raise SigplotError(FIELD, text, f"names no parameter {key!r} of {name}{hint}")
            if key in seen:
                raise SigplotError(FIELD, text, f"sets {key} twice")
            seen.add(key)
            try:
                given[key] = read_number(raw)
            except (ValueError, ZeroDivisionError):
                raise SigplotError(FIELD, text, f"sets {key} to {raw!r}, not a number") from None
        _check(template, text, given, seen)
        return _bind(template, tuple(given[k] for k in keys))

    def _unknown(self, name: str) -> SigplotError:
        if name in self._refused:
            return SigplotError(FIELD, name, f"is not elementwise: {self._refused[name]}")
        known = tuple(self._templates)
        hint = _nearest(name, (*known, *self._refused)).lstrip("; ")
        hint = f"{hint} " if hint else ""
        return SigplotError(
            FIELD, name, f"is not a known function; {hint}known: {', '.join(known)}"
        )


def _catalogue() -> Catalogue:
    from sigplot.maths.entries import NOT_ELEMENTWISE, TEMPLATES

    return Catalogue(TEMPLATES, NOT_ELEMENTWISE)


CATALOG: Catalogue = _catalogue()
FUNCTION_NAMES = tuple(CATALOG)


def require_function(text: str) -> Entry:
    """The entry for a name or a call, or SigplotError saying what is wrong and what is
    known (a near name, the parameters a function takes, the values they may have)."""
    if not isinstance(text, str):
        raise SigplotError(FIELD, text, "is not a function name")
    return CATALOG.resolve(text.strip())


def max_order(name: str) -> int:
    """The highest derivative order sigplot computes for ``name``."""
    return require_function(name).max_order
