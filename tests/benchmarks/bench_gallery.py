"""Benchmark: `sigplot gallery` on the repository gallery, cold and warm.

Cold: an empty output folder, default workers (one per core), against a loop drawing
the same figures in one process (goal <= 0.75x on 2 cores). Warm: nothing changed,
against `sigplot --version` (goal <= 2.5x). Run: python tests/benchmarks/bench_gallery.py
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

sys.path.insert(0, str(Path(__file__).parent))
from timing import as_installed, wall_times

ROOT = Path(__file__).parents[2]
SPEC = ROOT / "gallery" / "gallery.toml"


def cold(argv: list[str], folder: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int) -> None:
    exe = shutil.which("sigplot", path=str(Path(sys.executable).parent)) or "sigplot"
    count = SPEC.read_text().count("[[figure]]")
    with tempfile.TemporaryDirectory() as tmp:
        as_installed(Path(tmp))
        out = Path(tmp) / "out"
        loop = cold(
            [sys.executable, str(Path(__file__).parent / "gallery_loop.py"), str(SPEC), str(out)],
            out,
            runs,
        )
        build = cold([exe, "gallery", str(SPEC), "--out-dir", str(out), "-q"], out, runs)
        warm = wall_times(
            {
                "warm": [exe, "gallery", str(SPEC), "--out-dir", str(out), "-q"],
                "version": [exe, "--version"],
            },
            runs * 3,
            tmp,
        )
    print(f"figures: {count}, cores: {os.cpu_count()}")
    print(f"plain loop, one process   {loop:7.2f} s")
    print(f"sigplot gallery, cold     {build:7.2f} s   {build / loop:5.2f}x the loop")
    ratio = warm["warm"] / warm["version"]
    print(f"sigplot gallery, warm     {warm['warm']:7.3f} s   {ratio:5.2f}x --version")
    print(f"sigplot --version         {warm['version']:7.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
