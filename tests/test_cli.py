"""The command line: CliRunner for behaviour, a subprocess for the real entry points."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import sigplot
from sigplot.cli import main
from sigplot.output.pipeline import render
from sigplot.spec.options import build_spec


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_writes_the_figure_and_prints_the_path(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "fig.svg"
    result = runner.invoke(main, ["--range", "-6", "6", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert out.read_bytes().startswith(b"<?xml")
    assert b"<svg" in out.read_bytes()


def test_default_output_is_sigmoid_png_in_the_current_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, [])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sigmoid.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert os.listdir(tmp_path) == ["sigmoid.png"]


def test_format_overrides_the_extension(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "fig.img"
    result = runner.invoke(main, ["--out", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_stdout_gets_the_bytes_and_nothing_else(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--out", "-", "--format", "svg", "--points", "101"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == render(build_spec(points=101), "svg")


def test_options_reach_the_spec(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "f.svg"
    args = ["-f", "sigmoid", "-d", "0,1", "-d", "2", "--title", "Three orders", "--out", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "The sigmoid and its first and second derivatives for z from -6 to 6" in text


def test_help_and_version(runner: CliRunner) -> None:
    for flag in ("-h", "--help"):
        result = runner.invoke(main, [flag])
        assert result.exit_code == 0
        assert "sigplot --range -6 6 --out fig.svg" in result.output
        assert "--points" in result.output
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert sigplot.__version__ in result.output


BAD = [
    (["--range", "6", "-6"], "--range", "'6 -6'"),
    (["--range", "2", "2"], "--range", "'2 2'"),
    (["--range", "-inf", "6"], "--range", "-inf"),
    (["--range", "0", "nan"], "--range", "nan"),
    (["--range", "a", "6"], "--range", "'a'"),
    (["--points", "0"], "--points", "0"),
    (["--points", "1"], "--points", "1"),
    (["--points", "-3"], "--points", "-3"),
    (["--points", "2.5"], "--points", "2.5"),
    (["--points", "1000001"], "--points", "1000001"),
    (["-f", "sigmoidd"], "--functions", "'sigmoidd'"),
    (["-d", "-1"], "--orders", "-1"),
    (["-d", "7"], "--orders", "7"),
    (["-d", "one"], "--orders", "'one'"),
    (["--dpi", "0"], "--dpi", "'0'"),
    (["--dpi", "-72"], "--dpi", "'-72'"),
    (["--size", "0", "5"], "--size", "'0 5'"),
    (["--size", "9", "-5"], "--size", "'9 -5'"),
    (["--size", "700", "5"], "--size", "700 5"),
    (["--size", "9", "5", "--dpi", "8000"], "--size", "9 5"),
    (["--preset", "fancy"], "--preset", "'fancy'"),
    (["--legend", "middle"], "--legend", "'middle'"),
    (["--format", "bmpx"], "--format", "'bmpx'"),
    (["--range", "-1e308", "1e308"], "--range", "'-1e308 1e308'"),
    # each end within 1e100: near 1e308 matplotlib's ticker raised, from 1e200 numpy's
    # gradient warned of overflow
    (["--range", "-7.2e307", "7.2e307"], "--range", "'-7.2e307 7.2e307'"),
    (["--range", "0", "1e101"], "--range", "'0 1e101'"),
    (["--size", "600", "300"], "--size", "600 300"),
    (["--title", "$\\foo$"], "--title", "Unknown symbol: \\foo"),
    (["--xlabel", "$x^$"], "--xlabel", "not valid mathtext"),
]


@pytest.mark.parametrize(("args", "option", "shown"), BAD)
def test_bad_input_is_one_clear_line_and_leaves_the_target_alone(
    runner: CliRunner, tmp_path: Path, args: list[str], option: str, shown: str
) -> None:
    out = tmp_path / "fig.svg"
    out.write_bytes(b"keep me")
    result = runner.invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert option in errors[0] and shown in errors[0]
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"keep me"
    assert sorted(os.listdir(tmp_path)) == ["fig.svg"]


def test_the_widest_range_draws_without_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    """z out to +-1e100, the largest allowed, with kinks and three orders: a figure, and
    nothing on stderr (numpy's overflow warnings leaked from 1e200 on)."""
    out = tmp_path / "fig.png"
    args = ["-f", "sigmoid,relu6,softplus", "-d", "0,1,2", "--range", "-1e100", "1e100"]
    result = runner.invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert out.stat().st_size > 0


def test_unknown_extension_lists_the_known_ones(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--out", str(tmp_path / "fig.nope")])
    assert result.exit_code == 2
    assert "'--out'" in result.stderr and "fig.nope" in result.stderr
    assert "png" in result.stderr and "svg" in result.stderr and "pdf" in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("kind", ["folder", "missing-folder", "under-a-file", "no-extension"])
def test_unwritable_targets_are_usage_errors(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "dir").mkdir()
    target = {
        "folder": tmp_path / "dir",
        "missing-folder": tmp_path / "nope" / "fig.png",
        "under-a-file": tmp_path / "file.txt" / "fig.png",
        "no-extension": tmp_path / "figure",
    }[kind]
    result = runner.invoke(main, ["--out", str(target)])
    assert result.exit_code == 2
    assert str(target) in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["dir", "file.txt"]
    assert os.listdir(tmp_path / "dir") == []


def test_stdout_needs_a_format(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--out", "-"])
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert result.stdout_bytes == b""


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "fig.png"
    out.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = runner.invoke(main, ["--out", str(out)])
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["fig.png"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_real_entry_point_and_module(tmp_path: Path) -> None:
    exe = shutil.which("sigplot", path=str(Path(sys.executable).parent)) or shutil.which("sigplot")
    assert exe, "the sigplot console script is installed with the package"
    done = _run(exe, "--range", "-6", "6", "--out", "fig.svg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "fig.svg"
    done = _run(
        sys.executable, "-m", "sigplot", "--range", "-6", "6", "--out", "m.svg", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "fig.svg").read_bytes() == (tmp_path / "m.svg").read_bytes()
    done = _run(exe, "--points", "1", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "'--points'" in done.stderr


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_do_not_import_numpy_or_matplotlib(flag: str, tmp_path: Path) -> None:
    done = _run(sys.executable, "-X", "importtime", "-m", "sigplot", flag, cwd=tmp_path)
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "click" in imported
    assert not {m for m in imported if m.split(".")[0] in ("numpy", "matplotlib")}


def test_stdout_figure_with_data_keeps_stdout_clean(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "v.csv"
    result = runner.invoke(main, ["--out", "-", "--format", "svg", "--data", str(data)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == render(build_spec(), "svg")
    assert str(data) in result.stderr
    assert data.read_text().startswith("z,sigmoid,sigmoid'")


def test_figure_options_do_not_go_with_a_command(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--range", "0", "1", "--out", "x.png", "list"])
    assert result.exit_code == 2
    assert "--range, --out draw one figure" in result.stderr


def test_a_figure_too_small_for_its_labels_warns_and_draws(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "tiny.png"
    result = runner.invoke(main, ["--size", "0.3", "0.3", "--legend", "none", "--out", str(out)])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        "Warning: size 0.3 0.3 leaves no room for the labels; drawn without a tight layout"
    ]
    assert out.exists()


def test_a_figure_too_small_for_its_legend_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "tiny.png"
    result = runner.invoke(main, ["--size", "1", "1", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--legend none" in result.stderr
    assert not out.exists()


def test_only_sigplots_own_warnings_become_lines(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    import sigplot.output.pipeline
    import sigplot.plot.curves

    real = sigplot.plot.curves.compute

    def noisy(spec: sigplot.FigureSpec) -> object:
        warnings.warn("'parseString' deprecated - use 'parse_string'", DeprecationWarning, 2)
        warnings.warn("a note of sigplot's own", sigplot.SigplotWarning, 2)
        return real(spec)

    monkeypatch.setattr(sigplot.plot.features, "compute", noisy)
    with pytest.warns(DeprecationWarning, match="parseString"):  # Python's, untouched
        result = runner.invoke(main, ["--out", str(tmp_path / "f.svg")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["Warning: a note of sigplot's own"]


def test_a_misspelt_function_gets_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(main, ["-f", "sigmod"])
    assert result.exit_code == 2
    assert "'sigmod' is not a known function; did you mean 'sigmoid'?" in result.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("sigplot -f sigmoid,ta", {"sigmoid,tanh", "sigmoid,tanhshrink"}),
        ("sigplot --functions rel", {n for n in sigplot.FUNCTIONS if n.startswith("rel")}),
        ("sigplot --preset d", {"default", "dark"}),
        ("sigplot --format sv", {"svg", "svgz"}),
        ("sigplot --style seaborn-v0_8-darkg", {"seaborn-v0_8-darkgrid"}),
        ("sigplot --sweep ta", {"tangent"}),
        ("sigplot --layout g", {"grid"}),
    ],
)
def test_the_shell_completes_values(words: str, expected: set[str], tmp_path: Path) -> None:
    env = {**os.environ, "_SIGPLOT_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1)}  # fmt: skip
    exe = shutil.which("sigplot", path=str(Path(sys.executable).parent))
    assert exe, "the sigplot entry point is installed beside this Python"
    done = subprocess.run(
        [exe], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert list(tmp_path.iterdir()) == []  # completing draws nothing
    pairs = [line.split(",", 1) for line in done.stdout.splitlines()]
    assert {value for kind, value in pairs if kind == "plain"} == expected


def test_format_and_extension_must_agree(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "y.png"
    result = runner.invoke(main, ["--format", "svg", "--out", str(out)])
    assert result.exit_code == 2
    assert "'svg' does not match" in result.stderr and "extension says png" in result.stderr
    assert not out.exists()
    assert (
        runner.invoke(main, ["--format", "jpeg", "--out", str(tmp_path / "y.jpg")]).exit_code == 0
    )
    assert runner.invoke(main, ["--format", "png", "--out", str(tmp_path / "y.fig")]).exit_code == 0


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run sigplot with stdout on a real terminal (a pty); its exit code and stderr."""
    import pty
    import threading

    parent, child = pty.openpty()

    def drain() -> None:  # read the terminal as a terminal would, so writes never block
        try:
            while os.read(parent, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "sigplot", *args], stdout=child, stderr=subprocess.PIPE,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    os.close(child)
    reader.join(timeout=10)
    os.close(parent)
    return done.returncode, done.stderr


def test_binary_bytes_are_not_sent_to_a_terminal() -> None:
    code, err = _on_a_terminal(["--points", "51", "--out", "-", "--format", "png"])
    assert code == 2
    assert "would write binary png to the terminal; redirect it (> fig.png)" in err
    code, err = _on_a_terminal(["--points", "51", "--out", "-", "--format", "svg"])
    assert code == 0, err  # text is fine


def test_gallery_quiet_prints_errors_only(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "gallery.toml"
    spec.write_text(
        '[[figure]]\nname = "ok"\npoints = 51\n\n[[figure]]\nname = "bad"\nfunctions = "nope"\n'
    )
    result = runner.invoke(main, ["gallery", str(spec), "-q", "-j", "1"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: bad: functions: 'nope'")
    assert (tmp_path / "ok.svg").exists()


_SPY = """
import gc, sys
from sigplot import cli
from sigplot.output import pipeline

seen = []
real = pipeline.produce


def spy(*args, **kwargs):
    seen.append(gc.isenabled())
    return real(*args, **kwargs)


pipeline.produce = spy
sys.argv = ["sigplot", *sys.argv[1:]]
try:
    cli.run()
finally:
    print(seen, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
"""


@pytest.mark.parametrize("out", ["fig.svg", "sweep.gif"])
def test_the_console_script_collects_garbage_while_it_draws(out: str, tmp_path: Path) -> None:
    """run() pauses the collector for the imports only: a sweep's frames make garbage that
    must go. At exit everything is frozen (the interpreter need not walk it again)."""
    sweep = ["--sweep", "tangent", "-1", "1", "--frames", "3"] if out.endswith("gif") else []
    done = _run(sys.executable, "-c", _SPY, "--out", out, *sweep, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[True] True True"
    assert (tmp_path / out).stat().st_size > 0


def test_the_gallery_command_never_draws_with_the_collector_paused(tmp_path: Path) -> None:
    """Forked workers inherit the collector's state; a gallery's figures make garbage."""
    (tmp_path / "g.toml").write_text(
        '[defaults]\nformats = ["svg"]\ndark = false\n[[figure]]\nname = "a"\n'
    )
    done = _run(sys.executable, "-c", _SPY, "gallery", "g.toml", "-j", "1", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[True] True True"
