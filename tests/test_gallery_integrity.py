"""A gallery trusts no file it did not check and loses no finished work: damaged outputs,
a real SIGINT, a real SIGKILL to a real worker, two real builds of one folder at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sigplot.cli import main
from sigplot.web import manifest

SMALL = """
[defaults]
formats = ["svg", "png"]
points = 101
dark = false

[[figure]]
name = "one"

[[figure]]
name = "two"
functions = ["tanh"]
"""


def many(count: int) -> str:
    """A gallery heavy enough (about 0.3 s a figure) to be caught in the middle."""
    head = '[defaults]\nformats = ["svg", "png"]\nhidpi = true\ndark = false\npoints = 20001\n'
    tables = [f'[[figure]]\nname = "f{i:02d}"\nshift = {i / 10}\n' for i in range(count)]
    return "\n".join([head, *tables])


def gallery(spec: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sigplot", "gallery", str(spec), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as at a terminal, even where this run inherited SIGINT ignored (started
        # in the background of a non-interactive shell, as Python's children then are).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def recorded(folder: Path) -> dict[str, manifest.Record]:
    return manifest.read(folder)


def wait_for_records(folder: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while len(recorded(folder)) < count:
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)


def assert_manifest_true(folder: Path) -> None:
    """Every recorded file exists with exactly the recorded hash."""
    for name, record in recorded(folder).items():
        assert record.files, name
        assert manifest.damaged(record, folder) == [], name


def test_check_names_edited_truncated_and_missing_files_and_a_build_redraws_them(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(SMALL)
    runner = CliRunner()
    assert runner.invoke(main, ["gallery", str(spec), "-j", "1"]).exit_code == 0
    good = {p.name: p.read_bytes() for p in tmp_path.glob("*.*g")}
    (tmp_path / "one.svg").write_bytes(good["one.svg"].replace(b"<svg", b"<svg data-x='1'"))
    (tmp_path / "one.png").write_bytes(good["one.png"][:100])
    result = runner.invoke(main, ["gallery", str(spec), "--check"])
    assert result.exit_code == 1
    assert "stale: one: edited or truncated one.png, one.svg" in result.stderr
    assert "two" not in result.stderr
    two_mtime = (tmp_path / "two.png").stat().st_mtime_ns
    result = runner.invoke(main, ["gallery", str(spec), "-j", "1"])
    assert result.stdout.strip() == "gallery: 1 built, 1 up to date, 0 failed"
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.*g")} == good
    assert (tmp_path / "two.png").stat().st_mtime_ns == two_mtime
    (tmp_path / "two.svg").unlink()
    result = runner.invoke(main, ["gallery", str(spec), "--check"])
    assert "stale: two: missing two.svg" in result.stderr
    assert runner.invoke(main, ["gallery", str(spec), "-j", "1"]).exit_code == 0
    assert runner.invoke(main, ["gallery", str(spec), "--check"]).exit_code == 0


def test_the_manifest_records_every_file_hash(tmp_path: Path) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(SMALL)
    assert CliRunner().invoke(main, ["gallery", str(spec), "-j", "2"]).exit_code == 0
    document = json.loads((tmp_path / manifest.MANIFEST).read_text())
    assert set(document["figures"]) == {"one", "two"}
    assert set(document["figures"]["one"]["files"]) == {"one.svg", "one.png"}
    assert_manifest_true(tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_keeps_finished_figures_and_exits_130(tmp_path: Path, jobs: str) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(many(16))
    process = gallery(spec, "-j", jobs)
    wait_for_records(tmp_path, 1, process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    finished = len(recorded(tmp_path))
    assert 0 < finished < 16
    assert err.strip().splitlines() == [
        f"interrupted: {finished} of 16 figures finished and recorded; "
        f"build again to draw the other {16 - finished}"
    ]
    assert_manifest_true(tmp_path)
    assert not list(tmp_path.glob(".*.tmp"))  # no temp file left behind
    again = gallery(spec, "-j", jobs)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert out.strip() == f"gallery: {16 - finished} built, {finished} up to date, 0 failed"


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_a_worker_killed_from_outside_loses_only_its_figures(tmp_path: Path) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(many(12))
    process = gallery(spec, "-j", "2")
    wait_for_records(tmp_path, 1, process)
    workers = children(process.pid)
    if not workers:
        pytest.skip("/proc does not list child processes here")
    os.kill(workers[0], signal.SIGKILL)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    lost = [line for line in err.splitlines() if "lost:" in line]
    assert 1 <= len(lost) <= 2 and len(lost) == len(err.strip().splitlines())
    assert all(line.startswith("Error: f") for line in lost)
    built = len(recorded(tmp_path))
    assert built == 12 - len(lost)
    assert out.strip() == f"gallery: {built} built, 0 up to date, {len(lost)} failed"
    assert_manifest_true(tmp_path)
    again = gallery(spec, "-j", "2")
    out, err = again.communicate(timeout=120)
    assert out.strip() == f"gallery: {len(lost)} built, {built} up to date, 0 failed"


def test_two_builds_of_one_folder_at_once_leave_a_true_manifest(tmp_path: Path) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(many(8))
    first, second = gallery(spec, "-j", "1"), gallery(spec, "-j", "1")
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert len(recorded(tmp_path)) == 8
    assert_manifest_true(tmp_path)
    check = gallery(spec, "--check")
    _, err = check.communicate(timeout=60)
    assert check.returncode == 0, err
