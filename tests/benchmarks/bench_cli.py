"""Benchmark: `sigplot --help` and one SVG figure against a plain matplotlib script.

Run: python tests/benchmarks/bench_cli.py [RUNS]. Goals (issue 2): one figure <= 1.0x
the plain script, --help <= 0.25x.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import as_installed, wall_times


def main(runs: int) -> None:
    here = Path(__file__).parent
    exe = shutil.which("sigplot", path=str(Path(sys.executable).parent)) or "sigplot"
    with tempfile.TemporaryDirectory() as tmp:
        as_installed(Path(tmp))
        medians = wall_times(
            {
                "plain matplotlib script": [sys.executable, str(here / "blog_plain.py"), "p.svg"],
                "sigplot --help": [exe, "--help"],
                "sigplot --version": [exe, "--version"],
                "sigplot one svg": [exe, "--range", "-6", "6", "--out", "fig.svg"],
                "sigplot --preset post svg": [exe, "--preset", "post", "--out", "post.svg"],
            },
            runs,
            tmp,
        )
    base = medians["plain matplotlib script"]
    print(f"{'command':28} {'median s':>9} {'ratio':>7}")
    for name, seconds in medians.items():
        print(f"{name:28} {seconds:9.3f} {seconds / base:7.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
