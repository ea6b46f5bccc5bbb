"""Benchmark: each catalogue function and its derivatives on 10^6 points, as a ratio
against the plain numpy expression of the same function (order 0, as people write it).

Run: python tests/benchmarks/bench_functions.py. Each cell times sigplot and the plain
expression in turn (A B A B ...) and reports the median time and the median of the
pairwise ratios, so a machine that slows down mid-run slows both sides alike.
"""

from __future__ import annotations

import functools
import math
import statistics
import timeit
from collections.abc import Callable
from typing import Any

import numpy as np

from sigplot import evaluate
from sigplot.maths.catalog import CATALOG

Z = np.linspace(-20, 20, 1_000_000)
_erf = np.frompyfunc(math.erf, 1, 1)


def _sig(z: np.ndarray) -> Any:
    return 1 / (1 + np.exp(-z))


PLAIN: dict[str, Callable[[np.ndarray], Any]] = {
    "sigmoid": _sig,
    "tanh": np.tanh,
    "softplus": lambda z: np.log1p(np.exp(z)),
    "softsign": lambda z: z / (1 + np.abs(z)),
    "silu": lambda z: z * _sig(z),
    "gelu": lambda z: 0.5 * z * (1 + np.asarray(_erf(z / math.sqrt(2)), dtype=float)),
    "gelu_tanh": lambda z: 0.5 * z * (1 + np.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3))),
    "mish": lambda z: z * np.tanh(np.log1p(np.exp(z))),
    "elu": lambda z: np.where(z > 0, z, np.expm1(z)),
    "selu": lambda z: 1.0507 * np.where(z > 0, z, 1.6733 * np.expm1(z)),
    "celu": lambda z: np.maximum(z, 0) + np.minimum(0, np.expm1(z)),
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z >= 0, z, 0.01 * z),
    "relu6": lambda z: np.clip(z, 0, 6),
    "hardsigmoid": lambda z: np.clip(z / 6 + 0.5, 0, 1),
    "hardtanh": lambda z: np.clip(z, -1, 1),
    "hardswish": lambda z: z * np.clip(z / 6 + 0.5, 0, 1),
    "logsigmoid": lambda z: -np.log1p(np.exp(-z)),
    "tanhshrink": lambda z: z - np.tanh(z),
    "softshrink": lambda z: np.where(z > 0.5, z - 0.5, np.where(z < -0.5, z + 0.5, 0)),
    "hardshrink": lambda z: np.where(np.abs(z) > 0.5, z, 0),
}


def _median(f: Callable[[np.ndarray], Any]) -> float:
    return statistics.median(timeit.repeat(lambda: f(Z), number=1, repeat=5))


def paired(
    a: Callable[[], object], b: Callable[[], object], rounds: int = 7
) -> tuple[float, float]:
    """Median seconds of ``a`` and the median ratio a/b over alternating rounds."""
    times, ratios = [], []
    for _ in range(rounds):
        ta = timeit.timeit(a, number=1)
        tb = timeit.timeit(b, number=1)
        times.append(ta)
        ratios.append(ta / tb)
    return statistics.median(times), statistics.median(ratios)


def main() -> None:
    print(
        f"{'function':12} {'plain ms':>9} " + " ".join(f"{'order ' + str(n):>13}" for n in range(4))
    )
    with np.errstate(all="ignore"):  # the plain expressions overflow; that is their problem
        for name, entry in CATALOG.items():
            plain = PLAIN.get(name)  # a new function needs no entry here: it is timed alone
            cells = []
            for order in range(entry.max_order + 1):

                def ours(name: str = name, order: int = order) -> object:
                    return evaluate(name, Z, order)

                if plain is None:
                    t = statistics.median(timeit.repeat(ours, number=1, repeat=7))
                    cells.append(f"{t * 1e3:6.1f}     -")
                    continue
                t, ratio = paired(ours, functools.partial(plain, Z))
                cells.append(f"{t * 1e3:6.1f} {ratio:5.1f}x")
            base = "-" if plain is None else f"{_median(plain) * 1e3:9.1f}"
            print(f"{name:12} {base:>9} " + " ".join(f"{c:>13}" for c in cells))


if __name__ == "__main__":
    main()
