"""The ``sigplot`` command: a thin click layer over the pipeline.

Only click and sigplot's light modules are imported at the top, so ``--help`` and
``--version`` never pay for numpy or matplotlib. Bad values become click usage errors
(exit 2) naming the option; failures while writing become one-line errors (exit 1).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

import click

from sigplot import __version__
from sigplot.errors import SigplotError, sigplot_warnings
from sigplot.presets import PRESETS
from sigplot.spec import FigureSpec

_D = FigureSpec()
DEFAULT_OUT = "sigmoid.png"

_EPILOG = """\b
Examples:
  sigplot --range -6 6 --out fig.svg       the sigmoid and its derivative, as SVG
  sigplot -d 0,1,2,3 --out orders.pdf      orders 0 to 3 of the sigmoid
  sigplot --preset post --out blog.png     the blog figure, exactly
  sigplot --out - --format svg > fig.svg   bytes to stdout
  sigplot -f sigmoid,tanh --annotate --out cmp.png
  sigplot --gain 0.5,1,2,5 -d 0 --out gains.svg
  sigplot list                             the functions sigplot knows
"""


def _figure_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that build a FigureSpec; their names are the spec's field names."""
    options = [
        click.option(
            "--range",
            "range_",
            nargs=2,
            type=float,
            metavar="MIN MAX",
            help=f"Interval of z.  [default: {_D.range[0]:g} {_D.range[1]:g}]",
        ),
        click.option(
            "--points",
            type=int,
            metavar="N",
            help=f"Samples over the range, 2 to 1,000,000.  [default: {_D.points}]",
        ),
        click.option(
            "-f",
            "--functions",
            multiple=True,
            metavar="LIST",
            help="Functions to draw, comma list or repeated.  [default: sigmoid]",
        ),
        click.option(
            "-d",
            "--orders",
            multiple=True,
            metavar="LIST",
            help="Derivative orders for each function, 0 = the function.  [default: 0,1]",
        ),
        click.option(
            "--preset",
            metavar="NAME",
            help="Look: " + "; ".join(f"{p.name}: {p.description}" for p in PRESETS.values()),
        ),
        click.option(
            "--size",
            nargs=2,
            type=float,
            metavar="W H",
            help=f"Figure size in inches.  [default: {_D.size[0]:g} {_D.size[1]:g}]",
        ),
        click.option(
            "--dpi", type=float, metavar="N", help=f"Dots per inch.  [default: {_D.dpi:g}]"
        ),
        click.option("--title", help="Figure title."),
        click.option("--xlabel", help="Label of the z axis."),
        click.option("--ylabel", help="Label of the value axis."),
        click.option(
            "--legend",
            metavar="LOC|none",
            help="Legend location (matplotlib's names), auto, or none.  [default: auto]",
        ),
        click.option("--alt", help="Alt text stored in the file.  [default: from the options]"),
        click.option(
            "--gain",
            multiple=True,
            metavar="LIST",
            help="Draw f(K (z - Z0)); several gains draw a family.  [default: 1]",
        ),
        click.option(
            "--shift", type=float, metavar="Z0", help="Shift of the argument.  [default: 0]"
        ),
        click.option(
            "--annotate",
            is_flag=True,
            default=None,
            help="Mark f(0), the maximum slope, inflections, vanishing-gradient zones.",
        ),
        click.option(
            "--check",
            is_flag=True,
            default=None,
            help="Overlay finite differences on derivative curves; print the max difference.",
        ),
        click.option(
            "--style",
            metavar="NAME_OR_PATH",
            help="A matplotlib style sheet applied on top of the preset.",
        ),
        click.option("--transparent", is_flag=True, default=None, help="Transparent background."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _to_stdout(data: bytes) -> None:
    """Write the figure to stdout; a reader that closes early (``| head``) ends us quietly."""
    import io
    import os
    import sys

    from sigplot.files import write_all

    try:
        sys.stdout.flush()
        try:
            fd = sys.stdout.fileno()
        except (AttributeError, io.UnsupportedOperation):  # a captured stream (tests)
            sys.stdout.buffer.write(data)
            return
        write_all(fd, data)
    except BrokenPipeError:
        # Python's advice: point stdout at devnull so the exit-time flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(141) from None  # 128 + SIGPIPE, what a shell reports for this


def _usage_error(err: SigplotError) -> click.BadParameter:
    return click.BadParameter(err.detail, param_hint=f"'--{err.field}'")


def _spec(raw: dict[str, Any]) -> FigureSpec:
    """Build the spec from click's values; empty multiples and None mean the default."""
    from sigplot.spec import build_spec

    options = {"range" if k == "range_" else k: (None if v == () else v) for k, v in raw.items()}
    try:
        return build_spec(**options)
    except SigplotError as err:
        raise _usage_error(err) from None


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG,
)
@click.version_option(__version__, "-V", "--version", prog_name="sigplot")
@_figure_options
@click.option(
    "-o",
    "--out",
    metavar="PATH",
    help=f"Figure file, format from the extension; - for stdout.  [default: {DEFAULT_OUT}]",
)
@click.option(
    "--format",
    "fmt",
    metavar="FMT",
    help="Output format (png, svg, pdf, ...), overriding the extension; needed with --out -.",
)
@click.option(
    "--data",
    metavar="PATH",
    help="Also write the sampled values as .csv or .json (alone when --out is not given).",
)
@click.pass_context
def main(
    ctx: click.Context, /, out: str | None, fmt: str | None, data: str | None, **raw: Any
) -> None:
    """Plot the logistic sigmoid, its derivatives and related activations to PNG, SVG,
    PDF and more.

    With no command, draws one figure from the options below.
    """
    if ctx.invoked_subcommand is not None:
        given = [k for k, v in raw.items() if v not in (None, ())]
        given += [k for k, v in (("out", out), ("format", fmt), ("data", data)) if v is not None]
        if given:
            names = ", ".join("--" + k.rstrip("_") for k in given)
            raise click.UsageError(f"{names} draw one figure; they do not go with a command")
        return
    spec = _spec(raw)
    target = out or (None if data else DEFAULT_OUT)
    to_stdout = target == "-"
    if to_stdout and fmt is None:
        raise click.UsageError("--format is required with --out - (stdout has no extension)")

    from sigplot.data import data_format
    from sigplot.files import check_target
    from sigplot.output import resolve_format

    try:
        if target and not to_stdout:
            check_target(target)
        fmt = resolve_format(None if to_stdout else target, fmt) if target else None
        if data:
            check_target(data, "data")
            data_format(data)
    except SigplotError as err:
        raise _usage_error(err) from None

    from sigplot.curves import compute
    from sigplot.data import data_bytes
    from sigplot.files import write_bytes
    from sigplot.pipeline import render

    try:
        with sigplot_warnings() as caught:  # sigplot's own warnings: one line each
            curves = compute(spec)
            figure = render(spec, fmt, curves) if fmt else None
        table = data_bytes(curves, spec, data) if data else None
        written = [write_bytes(table, data, "data")] if table is not None and data else []
        if figure is not None and to_stdout:
            _to_stdout(figure)
        elif figure is not None and target:
            written.append(write_bytes(figure, target))
    except SigplotError as err:
        raise click.ClickException(str(err)) from None
    for message in caught:
        click.echo(f"Warning: {message}", err=True)
    if curves.max_check_difference is not None:
        worst = curves.max_check_difference
        click.echo(f"check: max |analytic - finite difference| = {worst:.3g}", err=True)
    for path in written:  # with --out -, stdout carries the figure: report on stderr
        click.echo(str(path), err=to_stdout)


@main.command("list")
def list_functions() -> None:
    """List the functions sigplot draws, with formulas and ranges of values."""
    from sigplot.catalog import CATALOG

    rows = [("name", "f(z)", "f'(z)", "values", "orders")]
    rows += [(e.name, *e.text, e.values, f"0-{e.max_order}") for e in CATALOG.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [c.ljust(w) for c, w in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]))


@main.command("gallery")
@click.argument("spec_file", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    help="Output folder.  [default: the spec's folder]",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes.  [default: one per core]"
)
@click.option("--force", is_flag=True, help="Rebuild every figure, changed or not.")
@click.option(
    "--check", "check_only", is_flag=True, help="Build nothing; exit 1 if anything is stale."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def gallery_command(
    spec_file: str,
    out_dir: str | None,
    jobs: int | None,
    force: bool,
    check_only: bool,
    quiet: bool,
) -> None:
    """Build the figures of a TOML gallery SPEC, with README.md and index.html.

    Only figures whose options, sigplot version or matplotlib version changed, or whose
    files are missing, are drawn again.
    """
    import os
    import sys
    from pathlib import Path

    from sigplot import gallery

    try:
        book = gallery.load(spec_file)
    except SigplotError as err:
        raise click.ClickException(str(err)) from None
    folder = Path(out_dir) if out_dir else Path(spec_file).resolve().parent
    title = "sigplot gallery"
    if check_only:
        reasons = gallery.check(book, folder, title)
        for problem in book.problems:
            click.echo(f"{problem.name}: {problem.reason}", err=True)
        for reason in reasons:
            click.echo(f"stale: {reason}", err=True)
        if reasons or book.problems:
            click.get_current_context().exit(1)
        click.echo(f"gallery: {len(book.entries)} figures up to date")
        return
    folder.mkdir(parents=True, exist_ok=True)
    todo = len(book.entries) if force else len(gallery.stale(book.entries, folder))
    show = not quiet and sys.stderr.isatty() and todo > 0
    stop = threading.Event()
    with (
        _stop_on_sigint(stop),
        click.progressbar(length=todo, label="drawing", file=sys.stderr, hidden=not show) as bar,
    ):
        report = gallery.build(
            book,
            folder,
            title=title,
            jobs=jobs or os.cpu_count() or 1,
            force=force,
            tick=lambda: bar.update(1),
            stop=stop,
        )
    for problem in report.warnings:
        click.echo(f"Warning: {problem.name}: {problem.reason}", err=True)
    for problem in report.failed:
        click.echo(f"Error: {problem.name}: {problem.reason}", err=True)
    if report.interrupted:
        done = len(report.built)
        click.echo(
            f"interrupted: {done} of {report.todo} figures finished and recorded; "
            f"build again to draw the other {report.todo - done}",
            err=True,
        )
        click.get_current_context().exit(130)
    click.echo(report.summary())
    if report.failed:
        click.get_current_context().exit(1)


@contextlib.contextmanager
def _stop_on_sigint(stop: threading.Event) -> Iterator[None]:
    """While building, the first Ctrl-C sets ``stop`` (figures drawing finish, no new one
    starts); a second one interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
