"""Never damage what sits at the target: FIFOs, devices, sockets, links and full disks, each
made for real in a private temp folder (never the system's own /dev paths)."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import sigplot
from sigplot.cli import main
from sigplot.output.pipeline import render
from sigplot.spec.options import build_spec

SVG = ["--format", "svg", "--points", "101"]


def svg_bytes() -> bytes:
    return render(build_spec(points=101), "svg")


def sigplot_process(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sigplot", *args], **kwargs)  # type: ignore[call-overload, no-any-return]


@contextlib.contextmanager
def fifo_reader(path: Path) -> Iterator[list[bytes]]:
    """A real FIFO at ``path`` with a reader thread; yields the list its bytes land in."""
    os.mkfifo(path)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(path.read_bytes()))
    reader.start()
    try:
        yield got
    finally:
        reader.join(1)
        while reader.is_alive():  # nobody wrote: open the write end so the reader ends
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError as exc:  # no reader has it open at this instant: try again
                if exc.errno != errno.ENXIO:
                    raise
            reader.join(0.05)


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.svg"
    with fifo_reader(fifo) as got:
        result = CliRunner().invoke(main, ["--out", str(fifo), *SVG])
        assert result.exit_code == 0, result.output
    assert got == [svg_bytes()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["pipe.svg"]  # no temp file beside it


def test_data_and_save_write_through_fifos_too(tmp_path: Path) -> None:
    fifo = tmp_path / "table.csv"
    with fifo_reader(fifo) as got:
        result = CliRunner().invoke(main, ["--data", str(fifo), "--points", "3"])
        assert result.exit_code == 0, result.output
    assert got[0].splitlines()[0] == b"z,sigmoid,sigmoid'"
    fifo.unlink()
    fifo = tmp_path / "saved.svg"
    with fifo_reader(fifo) as got:
        sigplot.save({"points": 101}, fifo)
    assert got == [svg_bytes()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def make_device(path: Path, minor: int) -> None:
    """A private character device of the memory driver (major 1): 3 is null, 7 is full."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError as exc:
        pytest.skip(f"this machine refuses mknod: {exc}")


def test_a_character_device_is_written_through(tmp_path: Path) -> None:
    null = tmp_path / "null"
    make_device(null, 3)
    result = CliRunner().invoke(main, ["--out", str(null), *SVG])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert os.listdir(tmp_path) == ["null"]


def test_a_full_device_is_one_line_exit_1_and_stays_a_device(tmp_path: Path) -> None:
    full = tmp_path / "full"
    make_device(full, 7)
    result = CliRunner().invoke(main, ["--out", str(full), "--format", "png"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: out: '{full}' could not be written: No space left on device"
    ]
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert os.listdir(tmp_path) == ["full"]


def test_a_link_to_our_own_stdout_writes_to_stdout(tmp_path: Path) -> None:
    # What /dev/stdout is, made privately: a link to /proc/self/fd/1.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run(
        [sys.executable, "-m", "sigplot", "--out", str(link), *SVG],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(svg_bytes())  # then the path it reports
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_a_link_to_stdout_that_is_a_socket(tmp_path: Path) -> None:
    # Opening /proc/self/fd/1 fails (ENXIO) when fd 1 is a socket: it is written as a descriptor.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    ours, theirs = socket.socketpair()
    with ours, theirs:
        process = sigplot_process("--out", str(link), *SVG, stdout=theirs, stderr=subprocess.PIPE)
        theirs.close()
        received = b""
        while chunk := ours.recv(65536):
            received += chunk
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert received.startswith(svg_bytes())


def test_a_unix_socket_receives_the_figure(tmp_path: Path) -> None:
    path = tmp_path / "fig.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    got: list[bytes] = []

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            data = b""
            while chunk := connection.recv(65536):
                data += chunk
            got.append(data)

    thread = threading.Thread(target=serve)
    thread.start()
    with server:
        result = CliRunner().invoke(main, ["--out", str(path), *SVG])
        thread.join(10)
    assert result.exit_code == 0, result.output
    assert got == [svg_bytes()]
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_link_to_a_regular_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "store" / "figure.svg"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "fig.svg"
    link.symlink_to(real)
    result = CliRunner().invoke(main, ["--out", str(link), *SVG])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == svg_bytes()
    assert os.listdir(real.parent) == ["figure.svg"]  # replaced atomically beside the target


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "fig.svg"
    link.symlink_to("made.svg")
    assert CliRunner().invoke(main, ["--out", str(link), *SVG]).exit_code == 0
    assert link.is_symlink() and (tmp_path / "made.svg").read_bytes() == svg_bytes()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB tmpfs, where this machine lets us mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temp(tiny_disk: Path) -> None:
    out = tiny_disk / "fig.png"
    out.write_bytes(b"keep me")
    result = CliRunner().invoke(main, ["--out", str(out), "--dpi", "300"])  # > 64 KiB of PNG
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: out: '{out}' could not be written: No space left on device"
    ]
    assert out.read_bytes() == b"keep me"
    assert os.listdir(tiny_disk) == ["fig.png"]


def test_a_reader_that_closes_early_ends_us_quietly() -> None:
    # sigplot --out - --format png | head -c 10, with a figure larger than a pipe's buffer.
    process = sigplot_process(
        "--out", "-", "--format", "png", "--dpi", "300", stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    with process, process.stderr:
        head = process.stdout.read(10)
        process.stdout.close()
        err = process.stderr.read()
        process.wait(60)
    assert head == b"\x89PNG\r\n\x1a\n\x00\x00"
    assert err == b""
    assert process.returncode == 141
