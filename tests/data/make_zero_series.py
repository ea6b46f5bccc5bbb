"""Write sigplot/maths/zero_series.json: Taylor series of derivatives about their zeros.

Near a zero of f^(n), every closed form of f^(n) subtracts nearly equal terms, and an ulp
of each term is hundreds of ulp of the difference. sigplot evaluates f^(n)(z0 + d) there
as sum_k c_k d^k with d = z - z0 exact (z0 kept as two doubles), which keeps a few ulp up
to the zero itself. The coefficients come from PyTorch's order-0 definitions alone,
written below in mpmath: mpmath finds each zero and differentiates (mpmath.taylor) at
60 digits, so no hand-derived derivative is trusted here.

Run by hand when a function changes (mpmath is in the test extra):
``python tests/data/make_zero_series.py`` (writes the file, prints each window's reach).
"""

import json
from pathlib import Path
from typing import Any

import mpmath as mp

mp.mp.dps = 60
TERMS = 80  # coefficients c_1 .. c_80 (c_0 = 0 at a zero)
TRUNCATION = 1e-19  # relative size of the first term left out, at the window's edge
A = mp.mpf(0.044715)  # GELU(approximate="tanh")'s constant, the double PyTorch uses

DEFINITIONS = {
    "sigmoid": lambda z: 1 / (1 + mp.exp(-z)),
    "silu": lambda z: z / (1 + mp.exp(-z)),
    "gelu": lambda z: z * (1 + mp.erf(z / mp.sqrt(2))) / 2,
    "gelu_tanh": lambda z: z * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (z + A * z**3))) / 2,
    "mish": lambda z: z * mp.tanh(mp.log(1 + mp.exp(z))),
}
# (function, order) -> rough places of the zeros and how far each window reaches: as far
# as the closed form needs help (tests/test_accuracy.py holds the result to 4 ulp). silu,
# gelu_tanh and mish sum their closed forms in double-double arithmetic, which keeps 2 ulp
# down to 0.05 from a zero; gelu's Phi + z phi needs its series out to 0.5, and sigma''''s
# e (1 - 4e + e^2)/(1 + e)^4 (e = e^-|z|, double-doubles) out to 0.25, where its 1 - 4e + e^2
# has lost no more than its e's own 0.3 ulp can cost.
ZEROS = {
    ("sigmoid", 3): ([-1.317, 1.317], 0.25),  # +-acosh 2 = +-ln(2 + sqrt 3)
    ("silu", 1): ([-1.2785], 0.1),
    ("silu", 2): ([-2.3994, 2.3994], 0.1),
    ("gelu", 1): ([-0.7518], 0.5),
    ("gelu_tanh", 1): ([-0.7525], 0.1),
    ("gelu_tanh", 2): ([-1.4185, 1.4185], 0.1),
    ("mish", 1): ([-1.1924], 0.1),
    ("mish", 2): ([-2.2564, 1.4906], 0.1),
}


def window(name: str, order: int, seed: float, reach: float) -> dict[str, Any]:
    f = DEFINITIONS[name]
    z0 = mp.findroot(lambda z: mp.diff(f, z, order), seed)
    a = mp.taylor(f, z0, order + TERMS)
    c = [a[order + k] * mp.factorial(order + k) / mp.factorial(k) for k in range(TERMS + 1)]
    scale = abs(c[1]) * reach
    used = next((k for k in range(2, TERMS + 1) if abs(c[k]) * reach**k < TRUNCATION * scale), None)
    if used is None:
        raise SystemExit(f"{name} order {order} at {seed}: {TERMS} terms do not reach {reach}")
    hi = float(z0)
    return {
        "zero": [hi, float(z0 - hi)],
        "reach": reach,
        "coefficients": [float(v) for v in c[1:used]],
    }


def main() -> None:
    table: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for (name, order), (seeds, reach) in ZEROS.items():
        windows = [window(name, order, seed, reach) for seed in seeds]
        table.setdefault(name, {})[str(order)] = windows
        for w in windows:
            print(name, order, w["zero"][0], "terms", len(w["coefficients"]))
    path = Path(__file__).parents[2] / "sigplot" / "maths" / "zero_series.json"
    path.write_text(json.dumps(table, indent=1) + "\n")


if __name__ == "__main__":
    main()
