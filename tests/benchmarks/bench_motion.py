"""Benchmark: a default sweep GIF against matplotlib's FuncAnimation + PillowWriter.

Both write the default sweep's frames (41) at 9 x 5 in and 100 dpi of the same curves
(sigma and sigma', a tangent line and its point moving from z = -4 to 4), in one warm
process, alternating
A and B; medians and the median pairwise ratio. Goal (the motion issue): <= 2.0x.
Run: python tests/benchmarks/bench_motion.py [ROUNDS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from matplotlib.animation import FuncAnimation, PillowWriter
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from timing import as_installed, paired

from sigplot.output.pipeline import Target, produce
from sigplot.spec.options import build_spec
from sigplot.spec.parse import ANIMATION_FRAMES as FRAMES


def plain(out: Path) -> None:
    """The same animation as a matplotlib user writes it: FuncAnimation, PillowWriter."""
    z = np.arange(-6, 6.01, 0.01)
    s = 1 / (1 + np.exp(-z))
    fig = Figure(figsize=(9, 5), dpi=100)
    ax = fig.add_subplot()
    ax.plot(z, s, color="#307EC7", linewidth=3, label="sigmoid")
    ax.plot(z, s * (1 - s), color="#9621E2", linewidth=3, linestyle="--", label="derivative")
    ax.legend(loc="upper left", frameon=False)
    (tangent,) = ax.plot([], [], color="#307EC7", linewidth=1.5)
    (point,) = ax.plot([], [], "o", color="#307EC7")
    title = ax.set_title("")
    ax.set_ylim(-0.05, 1.05)
    fig.tight_layout()

    def update(i: int) -> list[Artist]:
        z0 = -4 + 8 * i / (FRAMES - 1)
        s0 = 1 / (1 + np.exp(-z0))
        line = np.array([z0 - 2, z0 + 2])
        tangent.set_data(line, s0 + s0 * (1 - s0) * (line - z0))
        point.set_data([z0], [s0])
        title.set_text(f"tangent at z = {z0:.1f}")
        return [tangent, point, title]

    FuncAnimation(fig, update, frames=FRAMES).save(out, writer=PillowWriter(fps=12))


def ours(out: Path) -> None:
    produce(build_spec(sweep="tangent -4 4"), [Target(out, "gif")])


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        as_installed(Path(folder))
        a, b = Path(folder) / "ours.gif", Path(folder) / "plain.gif"
        t_ours, t_plain, ratio = paired(lambda: ours(a), lambda: plain(b), rounds)
        print(
            f"default sweep GIF, {FRAMES} frames: sigplot {t_ours:.2f} s, FuncAnimation + "
            f"PillowWriter {t_plain:.2f} s, ratio {ratio:.2f}x (goal <= 2.0x); "
            f"sizes {a.stat().st_size / 1e6:.2f} MB vs {b.stat().st_size / 1e6:.2f} MB"
        )


if __name__ == "__main__":
    main()
