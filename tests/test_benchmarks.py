"""The benchmarks' own programs run (tests/benchmarks/: the blog's script, the gallery
loop, matplotlib's own animation), on the pinned matplotlib the benchmarks are run on:
not in the smoke suite, where they took 8 s of each environment's 75."""

from __future__ import annotations

import sys
from pathlib import Path

from test_smoke import ROOT, run


def test_the_benchmarks_baselines_run(tmp_path: Path) -> None:
    bench = ROOT / "tests" / "benchmarks"
    blog = run(str(bench / "blog_plain.py"), str(tmp_path / "p.svg"))
    assert blog.returncode == 0, blog.stderr
    assert (tmp_path / "p.svg").read_text().startswith("<?xml")
    # The loop's program on a gallery of its kinds (a still figure with a dark twin, a
    # sweep): the repository's own 30 figures took 100 s of the suite for the same code.
    spec = tmp_path / "gallery.toml"
    spec.write_text(
        '[defaults]\nformats = ["svg", "png"]\n\n'
        '[[figure]]\nname = "sigmoid"\ndark = true\n\n'
        '[[figure]]\nname = "tangent-sweep"\nsweep = ["tangent", -1, 1]\nframes = 3\n'
        'formats = ["gif"]\n'
    )
    loop = run(str(bench / "gallery_loop.py"), str(spec), str(tmp_path))
    assert loop.returncode == 0, loop.stderr
    assert (tmp_path / "sigmoid.svg").exists() and (tmp_path / "sigmoid-dark.png").exists()
    assert (tmp_path / "tangent-sweep.gif").read_bytes().startswith(b"GIF8")
    sys.path.insert(0, str(bench))
    try:
        import bench_motion
    finally:
        sys.path.remove(str(bench))
    bench_motion.plain(tmp_path / "plain.gif")  # matplotlib's own animation, as benchmarked
    assert (tmp_path / "plain.gif").read_bytes().startswith(b"GIF8")
