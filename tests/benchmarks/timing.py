"""Wall-clock timing of whole commands, interleaved so drift hits every command alike."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def as_installed(folder: Path) -> None:
    """Child processes cache bytecode (in ``folder``), as an installed package's modules
    are: a machine with PYTHONDONTWRITEBYTECODE would otherwise compile every module of
    the editable checkout on every run, a cost no user pays."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")


def wall_times(commands: dict[str, Sequence[str]], runs: int, cwd: str) -> dict[str, float]:
    """Median seconds per command over ``runs`` interleaved rounds (after one warm-up)."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
            if round_:
                samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def paired(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[float, ...]:
    """Median seconds of a and b, and the median of the pairwise ratios a/b."""
    a(), b()  # warm-up, not counted
    ta, tb = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        a()
        ta.append(time.perf_counter() - start)
        start = time.perf_counter()
        b()
        tb.append(time.perf_counter() - start)
    ratios = [x / y for x, y in zip(ta, tb, strict=True)]
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)
