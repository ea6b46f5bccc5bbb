"""A random search of figure options for figures that break a rule of what the reader
sees (the rules of test_look.py, read off the drawn figure), and for notes that print a
rounding error ("z = -2.22e-27"). Not run by the test command: a finder of faults, whose
finds become tests. Run: python tests/search_options.py SEED COUNT; each line is the
options, then REFUSED and sigplot's message, or the faults found."""

from __future__ import annotations

import random
import re
import sys
import warnings
from typing import Any

from test_look import faults_of  # the script's folder, tests/, leads sys.path

import sigplot

SIZES: list[dict[str, Any]] = [
    {},
    {"size": (6, 3.75), "fontsize": 15},  # the web size
    {"size": (5, 3.5), "fontsize": 12},
    {"size": (12, 6), "fontsize": 11},
]


def options(rng: random.Random) -> dict[str, Any]:
    """One figure's options: one to three functions, a range, orders, a size, and now and
    then --annotate, a gain, a shift, the dark preset or a grid."""
    picked: dict[str, Any] = {
        "functions": ",".join(rng.sample(list(sigplot.FUNCTIONS), rng.choice([1, 1, 2, 2, 3]))),
        "range": (rng.choice([-10, -8, -6, -5, -4, -3, -2, -1, 0]),
                  rng.choice([1, 2, 3, 4, 5, 6, 8, 10])),
        "orders": rng.choice(["0", "0,1", "0,1", "0,1,2", "1"]),
        **rng.choice(SIZES),
    }  # fmt: skip
    if rng.random() < 0.4:
        picked["annotate"] = True
    if rng.random() < 0.15:
        picked["gain"] = rng.choice(["2", "0.5", "1,2", "-1"])
    if rng.random() < 0.15:
        picked["shift"] = rng.choice([0.5, -1, 1.5])
    if rng.random() < 0.1:
        picked["preset"] = "dark"
    if rng.random() < 0.1:
        picked["layout"] = "grid"
    return picked


def faults(picked: dict[str, Any]) -> list[str]:
    """What the figure of ``picked`` breaks: the rules, and notes or legend entries with
    a rounding error's exponent."""
    fig = sigplot.figure(**picked)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    for ax in fig.axes:
        legend = ax.get_legend()
        texts += [t.get_text() for t in legend.get_texts()] if legend is not None else []
    return faults_of(fig) + [f"rounding error in {t!r}" for t in texts if re.search(r"e-\d\d", t)]


def main(seed: int, count: int) -> None:
    warnings.simplefilter("ignore")
    rng = random.Random(seed)
    for _ in range(count):
        picked = options(rng)
        try:
            found = faults(picked)
        except sigplot.SigplotError as refused:
            print(repr(picked), "| REFUSED", refused, flush=True)
            continue
        print(repr(picked), "|", found, flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
