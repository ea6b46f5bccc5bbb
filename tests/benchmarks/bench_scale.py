"""Benchmark: how time and memory grow with --points, the number of curves, and the
number of gallery figures and -j. Each row is a whole `sigplot` process, timed as the
median of ROUNDS runs, with its peak resident memory (ru_maxrss of the children).
Run: python tests/benchmarks/bench_scale.py [ROUNDS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import as_installed

EXE = shutil.which("sigplot", path=str(Path(sys.executable).parent)) or "sigplot"
ALL = ("sigmoid,tanh,softplus,softsign,silu,gelu,gelu_tanh,mish,elu,selu,celu,relu,"
       "leaky_relu,relu6,hardsigmoid,hardtanh,hardswish,logsigmoid,tanhshrink,softshrink,"
       "hardshrink")  # fmt: skip


def measure(argv: list[str], cwd: Path, rounds: int) -> tuple[float, float]:
    """Median seconds, and the peak resident memory in MB of the largest process among the
    child and its workers (wait4's own rusage of that child)."""
    times, peaks = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise SystemExit(f"{argv} failed")
        peaks.append(usage.ru_maxrss)
    return statistics.median(times), max(peaks) / 1024


def gallery(folder: Path, figures: int) -> Path:
    spec = folder / f"g{figures}.toml"
    tables = [f'[[figure]]\nname = "f{i}"\nrange = [-6, {6 + i * 0.01}]\n' for i in range(figures)]
    spec.write_text('[defaults]\nformats = ["svg", "png"]\n\n' + "\n".join(tables))
    return spec


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        as_installed(Path(tmp))
        folder = Path(tmp)
        print("| what | time | peak memory |\n| --- | --- | --- |")
        for points in (1_201, 10_000, 100_000, 1_000_000):
            t, m = measure([EXE, "--points", str(points), "--out", "f.png"], folder, rounds)
            print(f"| `--points {points:,}` | {t:.2f} s | {m:.0f} MB |")
        for functions, n in (("sigmoid", 1), ("sigmoid,tanh,relu,gelu", 4), (ALL, 21)):
            # 42 curves are more than a legend names: sigplot refuses one (naming --layout grid)
            quiet = ["--legend", "none"] if n > 8 else []
            t, m = measure([EXE, "-f", functions, *quiet, "--out", "f.png"], folder, rounds)
            print(f"| {n} function(s), orders 0 and 1 ({2 * n} curves) | {t:.2f} s | {m:.0f} MB |")
        for figures in (10, 40):
            for jobs in (1, 2):
                spec = gallery(folder, figures)
                out = folder / f"out{figures}-{jobs}"
                argv = [EXE, "gallery", str(spec), "--out-dir", str(out), "-j", str(jobs),
                        "--force", "-q"]  # fmt: skip
                t, m = measure(argv, folder, 1)
                print(f"| gallery, {figures} figures x (svg, png), `-j {jobs}` | {t:.2f} s | "
                      f"{m:.0f} MB per process |")  # fmt: skip


if __name__ == "__main__":
    main()
