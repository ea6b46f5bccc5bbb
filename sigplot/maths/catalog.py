"""The names, symbols and formulas of the curves sigplot can draw: data, no numpy.

Kept apart from the numerics so that validating a spec, listing the catalogue or
deciding that a gallery is up to date never imports numpy; each entry's numerics are the
function of the same name in :mod:`sigplot.maths.activations`. Definitions and default
parameters follow PyTorch's ``torch.nn`` activations. At a kink, derivatives take the
one-sided value from the right (the piece for z >= the kink); second derivatives of
piecewise-linear functions are 0 (their Dirac deltas at kinks are not drawn).
"""

from __future__ import annotations

from dataclasses import dataclass

from sigplot.maths.errors import SigplotError


@dataclass(frozen=True)
class Entry:
    """One function: its name, mathtext and plain formulas by order, and range of values."""

    name: str
    words: str  # plain-text name, for legends without mathtext
    noun: str  # how alt text names it: "the sigmoid", "tanh"
    symbol: str  # mathtext symbol, e.g. r"\sigma"
    formulas: tuple[str, ...]  # mathtext right-hand side for orders 0..max_order
    text: tuple[str, str]  # plain formula of the function and of its derivative
    values: str  # the function's range of values, e.g. "(0, 1)"
    unbounded: bool = False  # order 0 grows without bound (|f| -> inf as |z| -> inf)
    kinks: tuple[float, ...] = ()  # where the function or a derivative drawn jumps

    @property
    def max_order(self) -> int:
        return len(self.formulas) - 1


def _entry(
    name: str,
    formulas: tuple[str, ...],
    text: tuple[str, str],
    values: str,
    *,
    symbol: str | None = None,
    noun: str | None = None,
    unbounded: bool = False,
    kinks: tuple[float, ...] = (),
) -> Entry:
    tex_name = name.replace("_", r"\_")
    return Entry(
        name=name,
        words=name.replace("_", " "),
        noun=noun or name.replace("_", " "),
        symbol=symbol or rf"\mathrm{{{tex_name}}}",
        formulas=formulas,
        text=text,
        values=values,
        unbounded=unbounded,
        kinks=kinks,
    )


_ENTRIES = (
    _entry(
        "sigmoid",
        (
            r"1/(1 + e^{-z})",
            r"\sigma(z)\,(1 - \sigma(z))",
            r"\sigma'(z)\,(1 - 2\sigma(z))",
            r"\sigma'(z)\,(1 - 6\sigma'(z))",
        ),
        ("1/(1 + e^-z)", "σ(z)(1 - σ(z))"),
        "(0, 1)",
        symbol=r"\sigma",
        noun="the sigmoid",
    ),
    _entry(
        "tanh",
        (r"(e^{z} - e^{-z})/(e^{z} + e^{-z})", r"1 - \tanh^2 z", r"-2\tanh z\,(1 - \tanh^2 z)"),
        ("(e^z - e^-z)/(e^z + e^-z)", "1 - tanh²(z)"),
        "(-1, 1)",
        symbol=r"\tanh",
    ),
    _entry(
        "softplus",
        (r"\ln(1 + e^{z})", r"\sigma(z)", r"\sigma'(z)"),
        ("ln(1 + e^z)", "σ(z)"),
        "(0, inf)",
        unbounded=True,
    ),
    _entry(
        "softsign",
        (r"z/(1 + |z|)", r"1/(1 + |z|)^2", r"-2\,\mathrm{sgn}(z)/(1 + |z|)^3"),
        ("z/(1 + |z|)", "1/(1 + |z|)²"),
        "(-1, 1)",
        kinks=(0.0,),  # the second derivative jumps from 2 to -2
    ),
    _entry(
        "silu",
        (r"z\,\sigma(z)", r"\sigma(z) + z\,\sigma'(z)", r"2\sigma'(z) + z\,\sigma''(z)"),
        ("z σ(z)", "σ(z) + z σ'(z)"),
        "[-0.278, inf)",
        unbounded=True,
    ),
    _entry(
        "gelu",
        (r"z\,\Phi(z)", r"\Phi(z) + z\,\varphi(z)", r"(2 - z^2)\,\varphi(z)"),
        ("z Φ(z), Φ the normal CDF", "Φ(z) + z φ(z)"),
        "[-0.170, inf)",
        unbounded=True,
    ),
    _entry(
        "gelu_tanh",
        (
            r"z\,\sigma(2u),\ u = \sqrt{2/\pi}\,(z + 0.044715 z^3)",
            r"\sigma(2u) + 2zu'\sigma'(2u)",
            r"4u'\sigma'(2u) + z\,(2u''\sigma'(2u) + 4u'^2\sigma''(2u))",
        ),
        ("z/2 (1 + tanh(√(2/π)(z + 0.044715 z³)))", "σ(2u) + 2 z u' σ'(2u)"),
        "[-0.170, inf)",
        unbounded=True,
    ),
    _entry(
        "mish",
        (
            r"z\,\tanh(\mathrm{softplus}(z))",
            r"t + z\,(1 - t^2)\,\sigma(z)",
            r"(1 - t^2)\,(2\sigma(z) + z\,(\sigma'(z) - 2t\sigma(z)^2))",
        ),
        ("z tanh(softplus(z))", "t + z (1 - t²) σ(z), t = tanh(softplus(z))"),
        "[-0.309, inf)",
        unbounded=True,
    ),
    _entry(
        "elu",
        (r"z\ (z > 0),\ e^{z} - 1\ (z \leq 0)", r"1\ (z \geq 0),\ e^{z}", r"0\ (z \geq 0),\ e^{z}"),
        ("z if z > 0 else e^z - 1", "1 if z >= 0 else e^z"),
        "(-1, inf)",
        unbounded=True,
        kinks=(0.0,),
    ),
    _entry(
        "selu",
        (
            r"\lambda z\ (z > 0),\ \lambda\alpha(e^{z} - 1)",
            r"\lambda\ (z \geq 0),\ \lambda\alpha e^{z}",
            r"0\ (z \geq 0),\ \lambda\alpha e^{z}",
        ),
        ("λz if z > 0 else λα(e^z - 1), λ ≈ 1.0507, α ≈ 1.6733", "λ if z >= 0 else λα e^z"),
        "(-1.758, inf)",
        unbounded=True,
        kinks=(0.0,),
    ),
    _entry(
        "celu",
        (r"\max(0, z) + \min(0, e^{z} - 1)", r"1\ (z \geq 0),\ e^{z}", r"0\ (z \geq 0),\ e^{z}"),
        ("max(0, z) + min(0, α(e^(z/α) - 1)), α = 1", "1 if z >= 0 else e^(z/α)"),
        "(-1, inf)",
        unbounded=True,
        kinks=(0.0,),
    ),
    _entry(
        "relu",
        (r"\max(0, z)", r"[z \geq 0]", r"0"),
        ("max(0, z)", "1 if z >= 0 else 0"),
        "[0, inf)",
        unbounded=True,
        kinks=(0.0,),
    ),
    _entry(
        "leaky_relu",
        (r"\max(0, z) + 0.01\min(0, z)", r"1\ (z \geq 0),\ 0.01", r"0"),
        ("z if z >= 0 else 0.01 z", "1 if z >= 0 else 0.01"),
        "(-inf, inf)",
        unbounded=True,
        kinks=(0.0,),
    ),
    _entry(
        "relu6",
        (r"\min(\max(0, z), 6)", r"[0 \leq z < 6]", r"0"),
        ("min(max(0, z), 6)", "1 if 0 <= z < 6 else 0"),
        "[0, 6]",
        kinks=(0.0, 6.0),
    ),
    _entry(
        "hardsigmoid",
        (r"\min(1, \max(0, z/6 + 1/2))", r"[-3 \leq z < 3]/6", r"0"),
        ("min(1, max(0, z/6 + 1/2))", "1/6 if -3 <= z < 3 else 0"),
        "[0, 1]",
        kinks=(-3.0, 3.0),
    ),
    _entry(
        "hardtanh",
        (r"\min(1, \max(-1, z))", r"[-1 \leq z < 1]", r"0"),
        ("min(1, max(-1, z))", "1 if -1 <= z < 1 else 0"),
        "[-1, 1]",
        kinks=(-1.0, 1.0),
    ),
    _entry(
        "hardswish",
        (
            r"z\,\min(1, \max(0, z/6 + 1/2))",
            r"(2z + 3)/6\ (-3 \leq z < 3)",
            r"1/3\ (-3 \leq z < 3)",
        ),
        ("z min(1, max(0, z/6 + 1/2))", "(2z + 3)/6 if -3 <= z < 3, 1 above, 0 below"),
        "[-0.375, inf)",
        unbounded=True,
        kinks=(-3.0, 3.0),
    ),
    _entry(
        "logsigmoid",
        (r"\ln\sigma(z) = -\mathrm{softplus}(-z)", r"\sigma(-z)", r"-\sigma'(z)"),
        ("ln σ(z) = -softplus(-z)", "σ(-z) = 1 - σ(z)"),
        "(-inf, 0)",
        unbounded=True,
    ),
    _entry(
        "tanhshrink",
        (r"z - \tanh z", r"\tanh^2 z", r"2\tanh z\,(1 - \tanh^2 z)"),
        ("z - tanh(z)", "tanh²(z)"),
        "(-inf, inf)",
        unbounded=True,
    ),
    _entry(
        "softshrink",
        (r"z \mp 0.5\ (|z| > 0.5),\ 0", r"[|z| > 0.5]", r"0"),
        ("z - 0.5 if z > 0.5, z + 0.5 if z < -0.5, else 0", "1 if z >= 0.5 or z < -0.5 else 0"),
        "(-inf, inf)",
        unbounded=True,
        kinks=(-0.5, 0.5),
    ),
    _entry(
        "hardshrink",
        (r"z\ (|z| > 0.5),\ 0", r"[|z| > 0.5]", r"0"),
        ("z if |z| > 0.5 else 0", "1 if z >= 0.5 or z < -0.5 else 0"),
        "(-inf, inf)",
        unbounded=True,
        kinks=(-0.5, 0.5),
    ),
)

CATALOG: dict[str, Entry] = {e.name: e for e in _ENTRIES}
FUNCTION_NAMES = tuple(CATALOG)


def require_function(name: str) -> Entry:
    """Return the catalogue entry for ``name`` or raise SigplotError listing the known ones."""
    try:
        return CATALOG[name]
    except KeyError:
        import difflib  # only on the error path

        near = difflib.get_close_matches(str(name), FUNCTION_NAMES, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        known = ", ".join(FUNCTION_NAMES)
        raise SigplotError(
            "functions", name, f"is not a known function; {hint}known: {known}"
        ) from None


def max_order(name: str) -> int:
    """The highest derivative order sigplot computes for ``name``."""
    return require_function(name).max_order
