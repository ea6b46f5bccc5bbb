"""The gallery under bad entries and a hostile folder: the good figures are still built and
every failure is one line; what the gallery writes itself is its own; what it publishes is
escaped; and its manifest holds the hash of the file beside it, whatever ran at once."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sigplot.cli import main

GOOD = '[[figure]]\nname = "good"\nformats = ["svg"]\npoints = 101\ndark = false\n'


def gallery(folder: Path, text: str, *args: str) -> tuple[int, str]:
    spec = folder / "gallery.toml"
    spec.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["gallery", str(spec), "-j", "1", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def recorded(folder: Path) -> dict[str, str]:
    figures = json.loads((folder / ".sigplot-manifest.json").read_text())["figures"]
    return {f: h for item in figures.values() for f, h in item["files"].items()}


def test_bad_entries_fail_alone_and_the_good_ones_are_built(tmp_path: Path) -> None:
    bad = ('[[figure]]\nname = "a"\npreset = ["dark"]\n\n[[figure]]\nname = "b"\n'
           "figure = [1, 2]\n\n")  # fmt: skip
    code, err = gallery(tmp_path, bad + GOOD)
    assert code == 1
    assert "Error: a: preset: 'dark' is a list, not a preset's name" in err
    assert "Error: b: option: 'figure' is not an option" in err
    assert (tmp_path / "good.svg").is_file() and (tmp_path / "README.md").is_file()


def test_names_the_gallery_writes_itself_are_refused(tmp_path: Path) -> None:
    index = '[[figure]]\nname = "index"\nformats = ["html"]\nsweep = "shift -1 1"\nframes = 2\n'
    code, err = gallery(tmp_path, index + GOOD)
    assert code == 1
    assert "Error: index: name: index.html is the gallery's own page; choose another name" in err
    assert "<h1>sigplot gallery</h1>" in (tmp_path / "index.html").read_text()
    assert gallery(tmp_path, index + GOOD, "--check")[0] == 1  # the problem, never stale forever


def test_captions_and_titles_cannot_break_out_of_readme(tmp_path: Path) -> None:
    text = ('[[figure]]\nname = "c"\nformats = ["svg"]\npoints = 101\ndark = false\n'
            'caption = "<script>alert(1)</script>\\n```\\n# not a heading"\n'
            'title = "a\\n```\\n<b>x</b>"\n')  # fmt: skip
    assert gallery(tmp_path, text)[0] == 0
    readme = (tmp_path / "README.md").read_text()
    assert "<script>" not in readme and "<b>" not in readme.split("````sh")[0]
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>```<br># not a heading</p>" in readme
    lines = readme.splitlines()
    start = lines.index("````sh")  # longer than the ``` inside the command
    assert lines[start + 1 : start + 4] == ["sigplot --points 101 --title 'a", "```",
                                            "<b>x</b>' --out c.svg"]  # fmt: skip
    assert lines[start + 4] == "````"


def test_a_spec_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    assert gallery(tmp_path, "\ufeff" + GOOD)[0] == 0
    assert (tmp_path / "good.svg").is_file()


def test_a_folder_in_the_manifests_place_is_one_line_and_figures_still_build(
    tmp_path: Path,
) -> None:
    (tmp_path / ".sigplot-manifest.json").mkdir()
    code, err = gallery(tmp_path, GOOD)
    assert code == 1
    assert err.count("Error:") == 1 and "is a folder, not a file" in err
    assert (tmp_path / "good.svg").is_file()


def test_a_full_disk_while_writing_the_indexes_is_one_line(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=52k", "tmpfs", str(disk)],
                          capture_output=True, check=False)  # fmt: skip
    if made.returncode != 0:
        import pytest

        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        spec = tmp_path / "gallery.toml"
        spec.write_text(GOOD)
        result = CliRunner().invoke(main, ["gallery", str(spec), "--out-dir", str(disk)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "No space left on device" in result.stderr
        assert all(line.startswith("Error: ") for line in result.stderr.splitlines())
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_an_output_made_a_link_to_another_is_replaced_by_its_own_file(tmp_path: Path) -> None:
    two = GOOD + GOOD.replace('"good"', '"other"').replace("points = 101", "points = 51")
    assert gallery(tmp_path, two)[0] == 0
    other = (tmp_path / "other.svg").read_bytes()
    (tmp_path / "good.svg").unlink()
    (tmp_path / "good.svg").symlink_to("other.svg")
    assert gallery(tmp_path, two, "--check")[0] == 1  # a link is never taken as built
    assert gallery(tmp_path, two)[0] == 0
    assert not (tmp_path / "good.svg").is_symlink()
    assert (tmp_path / "other.svg").read_bytes() == other
    assert gallery(tmp_path, two, "--check")[0] == 0


def test_two_builds_at_once_leave_a_manifest_that_matches_the_files(tmp_path: Path) -> None:
    """Two specs naming the same figures differently, built into one folder at the same
    time, four times (without the check under the lock, the first round already fails):
    every hash the manifest records is that of the file beside it."""
    names = [f"f{i}" for i in range(12)]
    for side, points in (("a", 101), ("b", 151)):
        (tmp_path / f"{side}.toml").write_text("".join(
            f'[[figure]]\nname = "{n}"\nformats = ["svg"]\npoints = {points}\ndark = false\n'
            for n in names))  # fmt: skip
    out = tmp_path / "out"
    for _ in range(4):
        runs = [subprocess.Popen([sys.executable, "-m", "sigplot", "gallery", str(tmp_path / s),
                                  "--out-dir", str(out), "-j", "2", "--force", "-q"],
                                 stderr=subprocess.PIPE) for s in ("a.toml", "b.toml")]  # fmt: skip
        for run in runs:
            _, err = run.communicate(timeout=300)
            assert b"Traceback" not in err
        for name, digest in recorded(out).items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    assert os.path.exists(out / "README.md")


def test_a_read_only_output_folder_is_one_line_a_file(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                          capture_output=True, check=False)  # fmt: skip
    if made.returncode != 0:
        import pytest

        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        spec = tmp_path / "gallery.toml"
        spec.write_text(GOOD)
        result = CliRunner().invoke(main, ["gallery", str(spec), "--out-dir", str(disk)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        errors = result.stderr.splitlines()
        assert [e.split(":")[1].strip() for e in errors] == ["good", "README.md", "index.html"]
        assert all(e.endswith(f"{disk} is on a read-only file system") for e in errors)
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
