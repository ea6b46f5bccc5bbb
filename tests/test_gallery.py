"""`sigplot gallery`: builds, incremental rebuilds, --check, indexes, bad entries."""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sigplot.cli import main
from sigplot.maths.errors import SigplotError
from sigplot.web import gallery, gallery_build
from sigplot.web.gallery_index import indexes

ROOT = Path(__file__).parent.parent
SPEC = """
[defaults]
formats = ["svg", "png"]
points = 201

[[figure]]
name = "one"
caption = "The first"
hidpi = true
dark = true

[[figure]]
name = "two"
dark = false
functions = ["tanh", "relu"]
orders = [0, 1]
range = [-3, 3]
title = "Two & more"
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "gallery.toml"
    path.write_text(SPEC)
    return path


def snapshot(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_builds_every_file_then_nothing(spec: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["gallery", str(spec), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "gallery: 2 built, 0 up to date, 0 failed"
    folder = spec.parent
    expected = {"one.svg", "one.png", "one@2x.png", "one-dark.svg", "one-dark.png",
                "one-dark@2x.png", "two.svg", "two.png", "README.md", "index.html",
                gallery.MANIFEST, "gallery.toml"}  # fmt: skip
    assert {p.name for p in folder.iterdir()} == expected
    before = snapshot(folder)
    result = runner.invoke(main, ["gallery", str(spec)])
    assert result.stdout.strip() == "gallery: 0 built, 2 up to date, 0 failed"
    assert snapshot(folder) == before


def test_a_dark_figure_gets_no_dark_twin(tmp_path: Path) -> None:
    """A figure drawn with the dark preset already is its own dark variant: no NAME-dark.*
    with the same bytes, and the index offers no dark source for it."""
    path = tmp_path / "gallery.toml"
    path.write_text('[[figure]]\nname = "night"\npreset = "dark"\npoints = 201\n')
    result = CliRunner().invoke(main, ["gallery", str(path), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "night.svg").exists()
    assert not list(tmp_path.glob("night-dark*"))
    assert "night-dark" not in (tmp_path / "README.md").read_text()


def test_rebuilds_only_what_changed_or_is_missing(spec: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["gallery", str(spec), "-j", "1"])
    folder = spec.parent
    spec.write_text(SPEC.replace("range = [-3, 3]", "range = [-4, 4]"))
    before = snapshot(folder)
    result = runner.invoke(main, ["gallery", str(spec), "-j", "1"])
    assert result.stdout.strip() == "gallery: 1 built, 1 up to date, 0 failed"
    after = snapshot(folder)
    assert after["one.png"] == before["one.png"]
    assert after["two.png"] != before["two.png"]
    (folder / "one-dark@2x.png").unlink()
    result = runner.invoke(main, ["gallery", str(spec), "-j", "1"])
    assert result.stdout.strip() == "gallery: 1 built, 1 up to date, 0 failed"
    assert (folder / "one-dark@2x.png").exists()
    result = runner.invoke(main, ["gallery", str(spec), "--force", "-j", "1"])
    assert result.stdout.strip() == "gallery: 2 built, 0 up to date, 0 failed"


def test_a_build_with_nothing_to_do_does_not_import_matplotlib(spec: Path) -> None:
    assert run("-m", "sigplot", "gallery", str(spec), "-q").returncode == 0
    done = run("-X", "importtime", "-m", "sigplot", "gallery", str(spec))
    assert done.returncode == 0
    assert "0 built, 2 up to date" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not {m for m in imported if m.split(".")[0] in ("matplotlib", "numpy")}


def test_check_builds_nothing_and_names_stale_figures(spec: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["gallery", str(spec), "--check"])
    assert result.exit_code == 1
    assert "stale: one: new" in result.stderr and "stale: two: new" in result.stderr
    assert sorted(os.listdir(spec.parent)) == ["gallery.toml"]
    runner.invoke(main, ["gallery", str(spec), "-j", "1"])
    result = runner.invoke(main, ["gallery", str(spec), "--check"])
    assert result.exit_code == 0
    (spec.parent / "two.svg").unlink()
    spec.write_text(SPEC.replace('caption = "The first"', 'caption = "The first!"'))
    result = runner.invoke(main, ["gallery", str(spec), "--check"])
    assert result.exit_code == 1
    assert "stale: two: missing two.svg" in result.stderr
    assert "stale: README.md: out of date" in result.stderr
    assert not (spec.parent / "two.svg").exists()


def test_a_sweeps_default_frames_and_rate_are_part_of_its_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sweep drawn at the default frame count or rate goes stale when that default
    changes (48 -> 49 frames left --check content with the old GIFs and explorer)."""
    import sigplot
    from sigplot.spec import parse, sweep
    from sigplot.web import fingerprint

    swept, still = sigplot.build_spec(sweep="tangent -4 4"), sigplot.build_spec()
    before = fingerprint.fingerprint(swept, formats=["gif"]), fingerprint.fingerprint(still)
    monkeypatch.setattr(sweep, "ANIMATION_FRAMES", parse.ANIMATION_FRAMES + 1)
    assert fingerprint.fingerprint(swept, formats=["gif"]) != before[0]
    monkeypatch.undo()
    monkeypatch.setattr(fingerprint, "DEFAULT_FPS", 10)
    assert fingerprint.fingerprint(swept, formats=["gif"]) != before[0]
    assert fingerprint.fingerprint(still) == before[1]  # a still has no frames


def test_parallel_and_serial_builds_give_the_same_bytes(tmp_path: Path, spec: Path) -> None:
    runner = CliRunner()
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert (
        runner.invoke(main, ["gallery", str(spec), "-j", "1", "--out-dir", str(serial)]).exit_code
        == 0
    )
    result = runner.invoke(main, ["gallery", str(spec), "-j", "2", "--out-dir", str(parallel)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert gc.get_freeze_count() == 0  # frozen for the fork only: this process collects again
    names = sorted(os.listdir(serial))
    assert names == sorted(os.listdir(parallel))
    for name in names:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name
    assert sorted(os.listdir(spec.parent)) == ["gallery.toml", "parallel", "serial"]


def test_index_pages(spec: Path) -> None:
    CliRunner().invoke(main, ["gallery", str(spec), "-j", "1"])
    page = (spec.parent / "index.html").read_text()
    assert 'srcset="one.png 1x, one@2x.png 2x"' in page
    assert (
        '<source media="(prefers-color-scheme: dark)" srcset="one-dark.png 1x, one-dark@2x.png 2x">'
        in page
    )
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 2
    assert all('alt="' in img and 'alt=""' not in img for img in images)
    assert "The first" in page
    assert "Two &amp; more" in page and "--title &#x27;Two &amp; more&#x27;" in page
    assert "grid-template-columns" in page and "<script" not in page and "http" not in page
    readme = (spec.parent / "README.md").read_text()
    # GitHub renders <picture>: the dark variant where the reader's system is dark
    dark = 'media="(prefers-color-scheme: dark)" type="image/svg+xml" srcset="one-dark.svg"'
    assert f"<source {dark}>" in readme
    assert 'alt="The sigmoid and its first derivative for z from -6 to 6"' in readme
    assert "sigplot --points 201 --out one.svg" in readme


NOT_ROUND = """
[[figure]]
name = "odd"
range = [0.1234567, 2]
gain = [0.3333333333333333, -2.5e-7]
shift = 1e-17
size = [7.123456789, 4]
dpi = 72.5
points = 333
"""


@pytest.mark.parametrize("text", [SPEC, NOT_ROUND], ids=["round", "not-round"])
def test_index_commands_reproduce_the_figures(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(text)
    CliRunner().invoke(main, ["gallery", str(spec), "-j", "1"])
    readme = (spec.parent / "README.md").read_text()
    commands = re.findall(r"```sh\n(sigplot .*)\n```", readme)
    assert len(commands) == text.count("[[figure]]")
    here = tmp_path / "again"
    here.mkdir()
    monkeypatch.chdir(here)
    for line in commands:
        args = shlex.split(line)[1:]
        assert CliRunner().invoke(main, args).exit_code == 0
        out = args[args.index("--out") + 1]
        assert (here / out).read_bytes() == (spec.parent / out).read_bytes()


BAD = """
[[figure]]
name = "good"
points = 51

[[figure]]
name = "unknown-function"
functions = ["sigmoidd"]

[[figure]]
name = "bad-value"
points = 1

[[figure]]
name = "../escape"

[[figure]]
name = "typo"
orderz = [1]

[[figure]]
name = "good"

[[figure]]
name = "nopng"
formats = ["svg"]
hidpi = true

[[figure]]
name = "format"
formats = ["bmp"]

[[figure]]
name = "lit"
dark = true

[[figure]]
name = "lit-dark"
"""


def test_bad_entries_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text(BAD)
    result = CliRunner().invoke(main, ["gallery", str(path), "-j", "1"])
    assert result.exit_code == 1
    assert result.stdout.strip() == "gallery: 2 built, 0 up to date, 8 failed"
    errors = result.stderr
    assert "Error: unknown-function: functions: 'sigmoidd' is not a known function" in errors
    assert "Error: bad-value: points: 1 must be from 2 to 1,000,000" in errors
    assert "Error: ../escape: name: '../escape' must be letters, digits" in errors
    assert "Error: typo: option: 'orderz' is not an option; did you mean 'orders'?" in errors
    assert "Error: good: name: duplicate" in errors
    assert "Error: nopng: hidpi: True needs png" in errors
    assert "Error: format: formats: 'bmp' is not a gallery format" in errors
    assert "Error: lit-dark: name: lit-dark.svg is written by 'lit' already" in errors
    assert (tmp_path / "good.svg").exists()
    assert not (tmp_path.parent / "escape.svg").exists()


def test_invalid_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text('[[figure]]\nname = "a"\nrange = [1, 2]]\n')
    result = CliRunner().invoke(main, ["gallery", str(path)])
    assert result.exit_code == 1
    assert "is not valid TOML" in result.stderr and "line 3" in result.stderr
    path.write_text('[[figure]]\nname = "a"\nrange = [1, 2\n')
    result = CliRunner().invoke(main, ["gallery", str(path)])
    assert "end of document, line 4" in result.stderr
    assert "Traceback" not in result.output
    result = CliRunner().invoke(main, ["gallery", str(tmp_path / "missing.toml")])
    assert result.exit_code == 1 and "cannot be read" in result.stderr


def test_the_repository_gallery_is_built_and_current() -> None:
    book = gallery.load(ROOT / "gallery" / "gallery.toml")
    assert not book.problems
    assert len(book.entries) >= 16
    assert gallery_build.check(book, ROOT / "gallery", "sigplot gallery") == []


def test_the_repository_gallery_is_what_the_code_draws_now(tmp_path: Path) -> None:
    # The manifest keys figures by DRAWING_VERSION; this catches a drawing change that
    # forgot to bump it: the figures the rules do not read (the sweeps, the blog's) are
    # drawn again here and compared byte for byte, the stills where the rules read them
    # (test_look's test_every_gallery_figure_keeps_every_rule_and_is_the_committed_file).
    import drawn

    book = gallery.load(ROOT / "gallery" / "gallery.toml")
    rest = tuple(e for e in book.entries if not all(drawn.ruled(s) for _, s in e.variants()))
    report = gallery_build.build(
        dataclasses.replace(book, entries=rest), tmp_path, title="t", jobs=2, force=True
    )
    assert not report.failed, report.failed
    made = {name for e in rest for stem, _ in e.variants() for name in e.names(stem).values()}
    committed = ROOT / "gallery"
    stale = sorted(n for n in made if (committed / n).read_bytes() != (tmp_path / n).read_bytes())
    assert not stale, f"redraw the gallery (sigplot gallery gallery/gallery.toml --force): {stale}"
    ruled = {name for e in book.entries for stem, s in e.variants() if drawn.ruled(s)
             for name in e.names(stem).values()}  # fmt: skip
    files = {p.name for p in committed.iterdir() if p.suffix in (".svg", ".png", ".gif", ".html")}
    pages = indexes(book.entries, "sigplot gallery", committed)  # what --check compares
    assert files == made | ruled | (set(pages) & files)  # each compared, here or elsewhere


def _stderr_on_a_terminal(argv: list[str]) -> str:
    """Run argv with stderr on a pseudo-terminal; return what it wrote there."""
    import os as _os
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=follower, check=False, timeout=300)
    _os.close(follower)
    chunks = []
    while True:
        try:
            chunk = _os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _os.close(leader)
    assert done.returncode == 0
    return b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_only(spec: Path, tmp_path: Path) -> None:
    base = [sys.executable, "-m", "sigplot", "gallery", str(spec), "-j", "1"]
    shown = _stderr_on_a_terminal([*base, "--out-dir", str(tmp_path / "a")])
    assert "drawing" in shown and "100%" in shown
    quiet = _stderr_on_a_terminal([*base, "--out-dir", str(tmp_path / "b"), "-q"])
    assert quiet == ""  # errors only, and there are none
    piped = run("-m", "sigplot", "gallery", str(spec), "--out-dir", str(tmp_path / "c"))
    assert piped.stderr == ""


def test_a_workers_warning_is_one_line_naming_the_figure(tmp_path: Path) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(
        '[[figure]]\nname = "small"\nsize = [0.6, 0.4]\nlegend = "none"\n\n'
        '[[figure]]\nname = "fine"\n'
    )
    done = run("-m", "sigplot", "gallery", str(spec), "-j", "2")
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "Warning: small: size 0.6 0.4 leaves no room for the labels; drawn without a tight layout"
    ]


STEADY = """
import gc, os, sys
from sigplot.web import gallery, gallery_build
from sigplot.plot.draw import SigplotFigure

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

book = gallery.load(sys.argv[1])
seen = []
for i, entry in enumerate(book.entries):
    gallery_build.build_entry(entry, sys.argv[2])  # what one worker does, figure after figure
    if i + 1 in (30, len(book.entries)):
        gc.collect()
        seen.append(rss_mb())
alive = sum(isinstance(o, SigplotFigure) for o in gc.get_objects())
print(len(book.entries), seen[0], seen[1], alive)
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc")
def test_a_120_figure_build_holds_steady_memory(tmp_path: Path) -> None:
    tables = [
        f'[[figure]]\nname = "f{i}"\nrange = [-6, {6 + i / 100}]\ntitle = "Figure {i}"\n'
        for i in range(120)
    ]
    spec = tmp_path / "g.toml"
    spec.write_text(
        '[defaults]\nformats = ["png"]\ndark = false\npoints = 51\nsize = [3, 2]\ndpi = 40\n\n'
        + "\n".join(tables)
    )
    done = run("-c", STEADY, str(spec), str(tmp_path))
    assert done.returncode == 0, done.stderr
    figures, at_30, at_120, alive = done.stdout.split()
    assert int(figures) == 120
    assert int(alive) == 0  # no figure is kept after it is written
    assert float(at_120) - float(at_30) < 10, (at_30, at_120)  # MB over 90 more figures


def test_an_error_in_a_worker_is_that_figures_failure() -> None:
    import pickle

    err = SigplotError("out", "x.png", "could not be written: disk full")
    back = pickle.loads(pickle.dumps(err))  # how a worker's exception reaches the parent
    assert isinstance(back, SigplotError) and str(back) == str(err)
    assert (back.field, back.value, back.reason) == (
        "out",
        "x.png",
        "could not be written: disk full",
    )


def test_web_figures_draw_in_this_process_while_other_threads_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork copies only the calling thread (mkdocs serve runs a server beside the build):
    with other threads alive, draw_missing draws here rather than in forked workers."""
    import threading

    import sigplot.output.pipeline
    from sigplot.spec.options import build_spec
    from sigplot.web import docs
    from sigplot.web import pages as web

    drawn_in: list[int] = []
    real = sigplot.output.pipeline.produce

    def noted(*args: Any, **kwargs: Any) -> Any:
        drawn_in.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(sigplot.output.pipeline, "produce", noted)
    figures = [web.web_figure(tmp_path, build_spec(gain=g, points=101), ("svg",), False)
               for g in (1, 2)]  # fmt: skip
    release = threading.Event()
    server = threading.Thread(target=release.wait)
    server.start()
    try:
        results = list(docs.draw_missing([("page", f) for f in figures], jobs=2))
    finally:
        release.set()
        server.join()
    assert [drawn.failure for drawn in results] == [None, None]
    assert drawn_in == [os.getpid()] * 2
    assert not any(f.missing() for f in figures)


def test_a_gallery_takes_every_format_the_command_writes(tmp_path: Path) -> None:
    from sigplot.output.encode import formats

    for fmt in formats():
        if fmt in ("pgf",):  # needs a LaTeX install, as the README says
            continue
        options = {"sweep": ["gain", 0.5, 2], "frames": 2} if fmt in ("html", "mp4") else {}
        gallery.entry_from({"name": "one", "formats": [fmt], **options}, {})  # no SigplotError
    spec = tmp_path / "g.toml"
    spec.write_text('[[figure]]\nname = "one"\npoints = 51\nformats = ["avif"]\ndark = false\n')
    result = CliRunner().invoke(main, ["gallery", str(spec), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "one.avif").read_bytes()[4:12] == b"ftypavif"  # an AVIF file
